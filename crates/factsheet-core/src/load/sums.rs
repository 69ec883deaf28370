//! Whether a dataset's counts can be added up. Every total factsheet shows
//! (per side, per agreement, per running total, the chart's cumulative lines)
//! adds some figures' numbers in 64 bits; a file whose figures could add up
//! past `u64::MAX` is refused here, at the figure where the sum passes it,
//! rather than shown with a total stuck at the largest number.

use crate::compare::{Span, allowed, stated};
use crate::diagnostic::Diagnostic;
use crate::model::{Claim, Dataset, thousands};

/// An error at the first figure (or running total's baseline) of `files`, in
/// their order, where the largest numbers their claims state add up to more
/// than `u64::MAX`; `None` when every sum fits. Numbers are added in 128
/// bits, so the check itself cannot overflow.
pub fn too_large_to_add<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a Dataset)>,
) -> Option<Diagnostic> {
    let mut sum: u128 = 0;
    let limit = u128::from(u64::MAX);
    for (file, dataset) in files {
        for (e, event) in dataset.events.iter().enumerate() {
            for (f, figure) in event.figures.iter().enumerate() {
                sum += u128::from(largest(&figure.claims, stated));
                if sum > limit {
                    return Some(error(file, format!("events[{e}].figures[{f}]")));
                }
            }
        }
        for (t, total) in dataset.running_totals.iter().enumerate() {
            if let Some(b) = &total.baseline {
                sum += u128::from(allowed(b.value).map_or(0, top));
                if sum > limit {
                    return Some(error(file, format!("running_totals[{t}].baseline")));
                }
            }
        }
    }
    None
}

/// The largest number any of `claims` makes a figure's low, best or high.
fn largest(claims: &[Claim], span: fn(crate::model::Quantity) -> Option<Span>) -> u64 {
    claims
        .iter()
        .filter_map(|c| span(c.value))
        .map(top)
        .max()
        .unwrap_or(0)
}

fn top(s: Span) -> u64 {
    s.high.map_or(s.low, |h| h.max(s.low))
}

fn error(file: &str, path: String) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "the counts up to here add up to more than {}, the most factsheet can add: \
             no total would be right (is a count mistyped?)",
            thousands(u64::MAX)
        ),
    )
    .at_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(json: &str) -> Dataset {
        serde_json::from_str(json).unwrap()
    }

    const FIGURE: &str = r#"{"id": "f", "received_by": "ukraine", "category": "soldiers",
        "claims": [{"source": "s", "value": {"exact": N}}]}"#;

    fn with_figures(counts: &[&str]) -> Dataset {
        let figures: Vec<String> = counts.iter().map(|n| FIGURE.replace('N', n)).collect();
        dataset(&format!(
            r#"{{"format_version": 2, "title": "t", "sources": [{{"id": "s", "outlet": "o"}}],
               "events": [{{"id": "e", "title": "t", "date": {{"on": "2025-01-01"}},
               "kind": "prisoner_exchange", "figures": [{}]}}]}}"#,
            figures.join(",")
        ))
    }

    #[test]
    fn counts_past_the_largest_sum_are_an_error_at_the_figure_that_passes_it() {
        let d = with_figures(&["18446744073709551615", "1", "5"]);
        let Some(e) = too_large_to_add([("a.json", &d)]) else {
            panic!("no error");
        };
        assert_eq!(e.path.as_deref(), Some("events[0].figures[1]"));
        assert!(
            e.message.contains("18,446,744,073,709,551,615"),
            "{}",
            e.message
        );
    }

    #[test]
    fn counts_that_add_up_to_the_largest_sum_are_fine() {
        let d = with_figures(&["18446744073709551614", "1"]);
        assert!(too_large_to_add([("a.json", &d)]).is_none());
    }

    #[test]
    fn the_files_of_one_load_are_added_together() {
        let a = with_figures(&["10000000000000000000"]);
        let b = with_figures(&["9000000000000000000"]);
        assert!(too_large_to_add([("a.json", &a)]).is_none());
        let e = too_large_to_add([("a.json", &a), ("b.json", &b)]);
        assert_eq!(e.map(|e| e.file), Some("b.json".to_string()));
    }
}
