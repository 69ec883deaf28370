//! Loading: read files, parse them, validate them, merge them.
//!
//! Everything that can go wrong becomes a [`Diagnostic`]; nothing here panics on
//! any input. A load either yields a dataset (with perhaps warnings) or a list
//! of errors; callers keep their current data when it fails.

pub mod diagnostic;
pub mod locate;
pub mod merge;
pub mod parse;
pub mod validate;

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;

pub use diagnostic::{Diagnostic, Severity};
pub use validate::is_web_link;

use crate::model::Dataset;

/// The sample dataset built from the seed articles, embedded so the app opens it from anywhere.
pub const SAMPLE_JSON: &[u8] = include_bytes!("../../sample_data/russia-ukraine-2025.json");
pub const SAMPLE_LABEL: &str = "sample_data/russia-ukraine-2025.json";

/// The outcome of a load: the merged dataset, unless some file failed to parse,
/// and every diagnostic found. A caller should not use `dataset` when [`LoadReport::has_errors`].
#[derive(Debug, Default)]
pub struct LoadReport {
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The dataset and its warnings when there are no errors, or all diagnostics.
    pub fn into_result(self) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
        match self.dataset {
            Some(d) if !self.has_errors() => Ok((d, self.diagnostics)),
            _ => Err(self.diagnostics),
        }
    }
}

/// Today's date in the local time zone: what "in the future" is measured against.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Reads, parses, validates and merges the files at `paths`.
pub fn load_paths<P: AsRef<Path>>(paths: &[P], today: Date) -> LoadReport {
    let mut inputs = Vec::with_capacity(paths.len());
    let mut diagnostics = Vec::new();
    for p in paths {
        let label = p.as_ref().display().to_string();
        match parse::read_file(p.as_ref()) {
            Ok(bytes) => inputs.push((label, bytes)),
            Err(d) => diagnostics.push(d),
        }
    }
    let mut report = load_bytes(inputs, today);
    if !diagnostics.is_empty() {
        diagnostics.append(&mut report.diagnostics);
        report.diagnostics = diagnostics;
    }
    report
}

/// The bundled sample, parsed and validated like any file.
pub fn load_sample(today: Date) -> LoadReport {
    load_bytes(
        vec![(SAMPLE_LABEL.to_string(), SAMPLE_JSON.to_vec())],
        today,
    )
}

/// Parses, validates and merges in-memory files given as (label, bytes).
pub fn load_bytes(inputs: Vec<(String, Vec<u8>)>, today: Date) -> LoadReport {
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::with_capacity(inputs.len());
    for (label, bytes) in &inputs {
        match parse::parse_dataset(bytes, label) {
            Ok(d) => parsed.push((label.clone(), d)),
            Err(d) => diagnostics.push(d),
        }
    }
    let all_parsed = parsed.len() == inputs.len();
    let known = validate::KnownIds::of(&parsed.iter().map(|(_, d)| d).collect::<Vec<_>>());
    for (label, d) in &parsed {
        diagnostics.append(&mut validate::validate(d, label, &known, today));
    }
    let dataset = if all_parsed && !parsed.is_empty() {
        // Where each running total came from (the first definition wins, as in
        // the merge), so a mismatch warning points into the right file.
        let mut total_origin: HashMap<String, (String, usize)> = HashMap::new();
        for (label, d) in &parsed {
            for (i, t) in d.running_totals.iter().enumerate() {
                total_origin
                    .entry(t.id.to_string())
                    .or_insert_with(|| (label.clone(), i));
            }
        }
        let (merged, mut conflicts) = merge::merge(parsed);
        diagnostics.append(&mut conflicts);
        diagnostics.append(&mut crate::stats::running_total_warnings(&merged, |id| {
            total_origin.get(id).cloned()
        }));
        Some(merged)
    } else {
        None
    };
    for (label, bytes) in &inputs {
        add_positions(&mut diagnostics, label, bytes);
    }
    diagnostics.sort_by(|a, b| (a.severity, &a.file, a.line).cmp(&(b.severity, &b.file, b.line)));
    LoadReport {
        dataset,
        diagnostics,
    }
}

/// Gives the diagnostics of file `label` that know only their JSON path a line
/// and column too. One scan of the file answers for all of them.
fn add_positions(diagnostics: &mut [Diagnostic], label: &str, bytes: &[u8]) {
    let bytes = parse::without_bom(bytes);
    let lacks_position = |d: &Diagnostic| d.file == label && d.line.is_none();
    let wanted: Vec<&str> = diagnostics
        .iter()
        .filter(|d| lacks_position(d))
        .filter_map(|d| d.path.as_deref())
        .collect();
    if wanted.is_empty() {
        return;
    }
    let found = locate::locate_paths(bytes, &wanted);
    for d in diagnostics.iter_mut() {
        if lacks_position(d)
            && let Some(&(line, column)) = d.path.as_ref().and_then(|p| found.get(p))
        {
            d.line = Some(line);
            d.column = Some(column);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const A: &str = r#"{"format_version": 1, "title": "A",
      "sources": [{"id": "s", "outlet": "X"}],
      "events": [{"id": "e1", "title": "one", "date": {"on": "2025-06-11"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 1212}}]}]}]}"#;
    const B_CONFLICT: &str = r#"{"format_version": 1, "title": "B",
      "events": [{"id": "e1", "title": "one", "date": {"on": "2025-06-11"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 1200}}]}]},
        {"id": "e2", "title": "two", "date": {"on": "2025-06-12"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "russia", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 27}}]}]}]}"#;

    fn bytes(label: &str, text: &str) -> (String, Vec<u8>) {
        (label.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn merging_reports_a_conflicting_event_with_both_files() {
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("b.json", B_CONFLICT)],
            date(2026, 1, 1),
        );
        let conflict = report
            .diagnostics
            .iter()
            .find(|d| d.message.contains("defined differently"))
            .unwrap();
        assert!(conflict.is_error());
        assert_eq!(conflict.file, "b.json");
        assert!(conflict.message.contains("a.json"), "{conflict}");
        assert_eq!(conflict.path.as_deref(), Some("events[0]"));
        assert_eq!(conflict.line, Some(2), "{conflict}");
        // Cross-file citation of source "s" is fine, and e2 is merged in.
        assert!(
            !report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("no source has"))
        );
        let merged = report.dataset.unwrap();
        assert_eq!(merged.events.len(), 2);
        assert_eq!(merged.title, "A + B");
    }

    #[test]
    fn identical_items_in_two_files_are_kept_once() {
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("a2.json", A)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        assert_eq!(report.dataset.unwrap().events.len(), 1);
    }

    #[test]
    fn semantic_errors_get_positions() {
        let text = A.replace(r#""source": "s""#, r#""source": "ghost""#);
        let report = load_bytes(vec![bytes("a.json", &text)], date(2026, 1, 1));
        let d = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(
            d.path.as_deref(),
            Some("events[0].figures[0].claims[0].source")
        );
        assert_eq!(d.line, Some(5), "{d}");
    }

    #[test]
    fn unreadable_inputs_are_diagnostics_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let report = load_paths(
            &[dir.path().to_path_buf(), dir.path().join("missing.json")],
            date(2026, 1, 1),
        );
        assert!(report.dataset.is_none());
        assert_eq!(report.diagnostics.len(), 2);
        assert!(
            report.diagnostics[0].message.contains("folder")
                || report.diagnostics[1].message.contains("folder")
        );
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("no such file"))
        );
    }

    #[test]
    fn a_running_total_that_does_not_add_up_warns_in_its_own_file() {
        let totals = r#"{"format_version": 1, "title": "T",
          "running_totals": [{"id": "rt", "description": "all remains to Ukraine",
            "scope": {"received_by": "ukraine", "category": "remains"},
            "claims": [{"source": "s", "value": {"exact": 1212}},
                       {"source": "s", "value": {"exact": 1300}}]}]}"#;
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("t.json", totals)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let warnings: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("running total"))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        let w = warnings[0];
        assert_eq!(w.file, "t.json");
        assert_eq!(w.path.as_deref(), Some("running_totals[0].claims[1]"));
        assert_eq!(w.line, Some(5), "{w}");
    }

    #[test]
    fn the_sample_loads_without_errors() {
        let report = load_sample(today());
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    }
}
