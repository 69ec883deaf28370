//! A file that says it leaves events out (`coverage: partial`, format 2):
//! a running total larger than its events may be right and gets "cannot
//! tell", one smaller than they already add up to is still "no", and nothing
//! is "yes"; opened with a complete file, the pair is partial.

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{LoadReport, load_bytes};
use factsheet_core::model::Coverage;
use factsheet_core::stats::{Stats, Unknown, Verdict};
use serde_json::{Value, json};

fn load(files: &[(&str, &Value)]) -> LoadReport {
    load_bytes(
        files
            .iter()
            .map(|(name, v)| (name.to_string(), serde_json::to_vec(v).unwrap()))
            .collect(),
        jiff::civil::date(2026, 1, 1),
    )
}

/// Two returns of 100 and 200 bodies, and a total stated three ways.
fn file(coverage: Option<&str>) -> Value {
    let remains = |id: &str, on: &str, n: u64| {
        json!({"id": id, "title": id, "date": {"on": on}, "kind": "remains_repatriation",
               "figures": [{"id": "u", "received_by": "ukraine", "category": "remains",
                            "claims": [{"source": "s", "value": {"exact": n}}]}]})
    };
    let mut data = json!({
        "format_version": 2, "title": "t",
        "sources": [{"id": "s", "outlet": "S"}],
        "events": [remains("a", "2025-01-10", 100), remains("b", "2025-02-10", 200)],
        "running_totals": [{"id": "rt", "description": "bodies returned",
                            "scope": {"received_by": "ukraine", "category": "remains",
                                      "from": "2025-01-10"},
                            "claims": [{"source": "s", "value": {"exact": 1000}},
                                       {"source": "s", "value": {"exact": 300}},
                                       {"source": "s", "value": {"exact": 250}}]}]
    });
    if let Some(c) = coverage {
        data["coverage"] = json!(c);
    }
    data
}

fn verdicts(report: LoadReport) -> Vec<Verdict> {
    let dataset = report.into_result().unwrap().0;
    Stats::of(&dataset).running_totals[0]
        .claims
        .iter()
        .map(|c| c.verdict)
        .collect()
}

#[test]
fn a_partial_file_says_no_only_to_a_total_its_events_already_exceed() {
    let partial = Verdict::CannotTell(Unknown::Partial);
    assert_eq!(
        verdicts(load(&[("p.json", &file(Some("partial")))])),
        [partial, partial, Verdict::Inconsistent]
    );
    // The same file, complete: 1,000 is "no", 300 "yes", 250 "no".
    let complete = verdicts(load(&[("c.json", &file(None))]));
    assert_eq!(complete[0], Verdict::Inconsistent);
    assert!(matches!(complete[1], Verdict::Consistent(_)));
    assert_eq!(complete[2], Verdict::Inconsistent);
}

#[test]
fn the_sheet_says_why_and_a_partial_file_with_a_complete_one_is_partial() {
    let report = load(&[("p.json", &file(Some("partial")))]);
    let dataset = report.into_result().unwrap().0;
    let summary = export::build(&dataset, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(
        md.contains("cannot tell (the file leaves events out: more may count)"),
        "{md}"
    );

    let mut other = file(None);
    other["events"] = json!([]);
    other["running_totals"] = json!([]);
    other["title"] = json!("other");
    let both = load(&[("p.json", &file(Some("partial"))), ("o.json", &other)]);
    assert_eq!(both.into_result().unwrap().0.coverage, Coverage::Partial);
}

#[test]
fn a_format_1_file_saying_partial_is_warned() {
    let mut data = file(Some("partial"));
    data["format_version"] = json!(1);
    let report = load(&[("p.json", &data)]);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("coverage")),
        "{:#?}",
        report.diagnostics
    );
}
