//! A figure with its citation, as text ready to paste into an article:
//! `1,212 remains to Ukraine on 2025-06-11 (source: "Title", Outlet, quoting X: "…")`.

use crate::model::{Claim, Dataset, Event, Figure};

/// One claim of a figure, cited: what, to whom, when, and who says so.
pub fn claim_citation(dataset: &Dataset, event: &Event, figure: &Figure, claim: &Claim) -> String {
    let whom = figure
        .received_by
        .map_or("both sides together, not split", |s| s.to_label());
    let mut cite = match dataset.source(&claim.source) {
        Some(source) => match &source.title {
            Some(title) => format!("\"{title}\", {}", source.outlet),
            None => source.outlet.to_string(),
        },
        None => claim.source.to_string(),
    };
    if let Some(who) = &claim.attributed_to {
        cite.push_str(&format!(", quoting {who}"));
    }
    if let Some(quote) = &claim.quote {
        cite.push_str(&format!(": \"{quote}\""));
    }
    if let Some(url) = dataset.source(&claim.source).and_then(|s| s.url.as_ref()) {
        cite.push_str(&format!(", {url}"));
    }
    format!(
        "{} {} {whom} on {} (source: {cite})",
        claim.value,
        figure.category.label(),
        event.date
    )
}

/// Every claim of a figure, cited, one per line.
pub fn figure_citation(dataset: &Dataset, event: &Event, figure: &Figure) -> String {
    figure
        .claims
        .iter()
        .map(|c| claim_citation(dataset, event, figure, c))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every figure of an event, cited: what Ctrl+C copies for a selected event.
pub fn event_citation(dataset: &Dataset, event: &Event) -> String {
    let mut lines = vec![format!("{} ({})", event.title, event.date)];
    lines.extend(
        event
            .figures
            .iter()
            .map(|f| figure_citation(dataset, event, f)),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        crate::load::load_bytes(
            vec![("sample".to_string(), crate::load::SAMPLE_JSON.to_vec())],
            crate::load::today(),
        )
        .into_result()
        .unwrap()
        .0
    }

    #[test]
    fn a_claim_cites_its_source_title_outlet_and_quote() {
        let d = sample();
        let event = d.event("2025-06-11-remains").unwrap();
        let figure = &event.figures[0];
        let claim = &figure.claims[0];
        let source = d.source(&claim.source).unwrap();
        let text = claim_citation(&d, event, figure, claim);
        assert!(
            text.starts_with("1,212 remains to Ukraine on 2025-06-11 (source: "),
            "{text}"
        );
        assert!(text.contains(source.title.as_deref().unwrap()), "{text}");
        assert!(text.contains(source.outlet.as_str()), "{text}");
        assert!(text.contains(claim.quote.as_deref().unwrap()), "{text}");
        let all = event_citation(&d, event);
        assert_eq!(
            all.lines().count(),
            1 + event.figures.iter().map(|f| f.claims.len()).sum::<usize>()
        );
    }

    #[test]
    fn a_figure_for_both_sides_says_so() {
        let d = sample();
        let event = d.event("2025-05-prisoner-exchange").unwrap();
        let text = figure_citation(&d, event, &event.figures[0]);
        assert!(text.contains("both sides together, not split"), "{text}");
    }
}
