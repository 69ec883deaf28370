//! The merge through the loader: what is one, what is kept apart, and what
//! each message says and where.

use jiff::civil::date;

use super::Mode;
use crate::load::{Diagnostic, LoadReport, load_bytes, load_bytes_with};
use crate::model::{Dataset, Quantity};

/// A file with one source `source` (outlet `outlet`) and the given events,
/// each written `(id, day, kind, value to Ukraine, extra fields)`.
fn file(source: &str, outlet: &str, events: &[(&str, &str, &str, u64, &str)]) -> String {
    let events: Vec<String> = events
        .iter()
        .map(|(id, day, kind, value, extra)| {
            format!(
                r#"
    {{"id": "{id}", "title": "{id}", "date": {day}, "kind": "{kind}",{extra}
      "figures": [{{"id": "f", "received_by": "ukraine", "category": "remains",
        "claims": [{{"source": "{source}", "value": {{"exact": {value}}}}}]}}]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format_version": 2, "title": "{outlet}",
  "sources": [{{"id": "{source}", "outlet": "{outlet}"}}],
  "events": [{}]}}"#,
        events.join(",")
    )
}

fn day(d: &str) -> String {
    format!(r#"{{"on": "{d}"}}"#)
}

fn load(files: &[(&str, &str)]) -> LoadReport {
    load_with(files, Mode::Merge)
}

fn load_with(files: &[(&str, &str)], mode: Mode) -> LoadReport {
    let inputs = files
        .iter()
        .map(|(l, t)| (l.to_string(), t.as_bytes().to_vec()))
        .collect();
    load_bytes_with(inputs, date(2026, 1, 1), mode)
}

fn dataset(r: &LoadReport) -> &Dataset {
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    r.dataset.as_ref().unwrap()
}

fn about<'r>(r: &'r LoadReport, words: &str) -> Vec<&'r Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.message.contains(words))
        .collect()
}

fn ids(d: &Dataset) -> Vec<&str> {
    d.events.iter().map(|e| e.id.as_str()).collect()
}

fn values(d: &Dataset, event: usize) -> Vec<(&str, Quantity)> {
    d.events[event].figures[0]
        .claims
        .iter()
        .map(|c| (c.source.as_str(), c.value))
        .collect()
}

#[test]
fn one_id_written_differently_is_one_event_with_the_claims_of_both() {
    let a = file(
        "s-a",
        "A",
        &[("e1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s-b",
        "B",
        &[("e1", &day("2025-06-11"), "remains_repatriation", 1200, "")],
    );
    let r = load(&[("dir/a.json", &a), ("dir/b.json", &b)]);
    let d = dataset(&r);
    assert_eq!(ids(d), ["e1"]);
    assert_eq!(
        values(d, 0),
        [
            ("s-a", Quantity::Exact(1212)),
            ("s-b", Quantity::Exact(1200))
        ]
    );
    let merged = about(&r, "merged as \"e1\"");
    assert_eq!(merged.len(), 1, "{:#?}", r.diagnostics);
    let w = merged[0];
    assert!(!w.is_error());
    // Here, and in the other file by line and column.
    assert_eq!((w.file.as_str(), w.line), ("dir/b.json", Some(4)), "{w}");
    assert!(w.message.contains("\"e1\" in dir/a.json:4:5"), "{w}");
    assert!(!w.message.contains("kept"), "{w}");
    assert_eq!(
        r.provenance.describe("e1").as_deref(),
        Some("merged from a.json (e1) and b.json (e1)")
    );
}

#[test]
fn one_id_for_two_things_keeps_both_under_qualified_ids() {
    // Same source id, different outlets; same event id, dates a month apart.
    let a = file(
        "s",
        "A",
        &[("e1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s",
        "B",
        &[("e1", &day("2025-07-11"), "remains_repatriation", 1000, "")],
    );
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    let d = dataset(&r);
    assert_eq!(ids(d), ["a.json#e1", "b.json#e1"]);
    let sources: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources, ["a.json#s", "b.json#s"]);
    // Each file's claims cite its own source under its new id.
    assert_eq!(values(d, 0), [("a.json#s", Quantity::Exact(1212))]);
    assert_eq!(values(d, 1), [("b.json#s", Quantity::Exact(1000))]);
    let split = about(&r, "cannot be one event");
    assert_eq!(split.len(), 1, "{:#?}", r.diagnostics);
    assert!(
        split[0].message.contains("dates that do not meet"),
        "{}",
        split[0]
    );
    assert!(
        split[0]
            .message
            .contains("as \"b.json#e1\" and \"a.json#e1\""),
        "{}",
        split[0]
    );
    assert!(split[0].message.contains("a.json:4:5"), "{}", split[0]);
    assert_eq!(about(&r, "different outlets: B and A").len(), 1);
}

#[test]
fn the_same_event_under_another_id_is_found_and_merged() {
    let a = file(
        "s-a",
        "A",
        &[(
            "sample-1",
            &day("2025-06-11"),
            "remains_repatriation",
            1212,
            "",
        )],
    );
    let b = file(
        "s-b",
        "B",
        &[(
            "desk-1",
            &day("2025-06-11"),
            "remains_repatriation",
            1200,
            "",
        )],
    );
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    let d = dataset(&r);
    assert_eq!(ids(d), ["sample-1"]);
    assert_eq!(values(d, 0).len(), 2);
    let w = about(&r, "looks like");
    assert_eq!(w.len(), 1, "{:#?}", r.diagnostics);
    assert!(
        w[0].message
            .contains("\"desk-1\" looks like \"sample-1\" in a.json:4:5"),
        "{}",
        w[0]
    );
    assert_eq!(
        r.provenance.describe("sample-1").as_deref(),
        Some("merged from a.json (sample-1) and b.json (desk-1)")
    );
}

#[test]
fn figures_far_apart_or_other_kinds_are_not_guessed_the_same() {
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s-b",
        "B",
        &[
            ("b1", &day("2025-06-11"), "remains_repatriation", 20, ""),
            ("b2", &day("2025-06-11"), "prisoner_exchange", 1212, ""),
        ],
    );
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    assert_eq!(ids(dataset(&r)), ["a1", "b1", "b2"]);
    assert!(about(&r, "looks like").is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn a_month_covering_one_day_event_is_merged_and_covering_two_is_asked_about() {
    let june = r#"{"on": "2025-06-01", "precision": "month"}"#;
    let a = file(
        "s-a",
        "A",
        &[("june", june, "remains_repatriation", 1200, "")],
    );
    let one = file(
        "s-b",
        "B",
        &[("d1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let r = load(&[("a.json", &a), ("b.json", &one)]);
    let d = dataset(&r);
    assert_eq!(ids(d), ["june"]);
    // The day is the narrower date of the two.
    assert_eq!(d.events[0].date.to_string(), "2025-06-11");

    let two = file(
        "s-b",
        "B",
        &[
            ("d1", &day("2025-06-11"), "remains_repatriation", 1212, ""),
            ("d2", &day("2025-06-20"), "remains_repatriation", 1190, ""),
        ],
    );
    let r = load(&[("b.json", &two), ("a.json", &a)]);
    assert_eq!(ids(dataset(&r)), ["d1", "d2", "june"]);
    let w = about(&r, "no one of them more than the others");
    assert_eq!(w.len(), 1, "{:#?}", r.diagnostics);
    assert!(w[0].message.contains("\"d1\" in b.json:4:5"), "{}", w[0]);
    assert!(w[0].message.contains("\"d2\" in b.json:7:5"), "{}", w[0]);
}

#[test]
fn same_as_and_distinct_from_override_the_guess() {
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    // A week later and a third fewer: no guess, but the file says so.
    let b = file(
        "s-b",
        "B",
        &[(
            "b1",
            &day("2025-06-18"),
            "remains_repatriation",
            800,
            r#" "same_as": ["a1"],"#,
        )],
    );
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    assert_eq!(ids(dataset(&r)), ["a1"]);
    assert_eq!(
        about(&r, "as same_as says").len(),
        1,
        "{:#?}",
        r.diagnostics
    );

    // The same id, the same day: one event, unless distinct_from says not.
    let c = file(
        "s-c",
        "C",
        &[(
            "a1",
            &day("2025-06-11"),
            "remains_repatriation",
            1212,
            r#" "distinct_from": ["a1"],"#,
        )],
    );
    let r = load(&[("a.json", &a), ("c.json", &c)]);
    assert_eq!(ids(dataset(&r)), ["a.json#a1", "c.json#a1"]);
    assert_eq!(
        about(&r, "distinct_from says so").len(),
        1,
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn a_same_as_naming_nothing_is_a_warning_at_its_entry() {
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s-b",
        "B",
        &[(
            "b1",
            &day("2025-08-11"),
            "remains_repatriation",
            1,
            r#" "same_as": ["ghost"],"#,
        )],
    );
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    assert_eq!(ids(dataset(&r)), ["a1", "b1"]);
    let w = about(&r, "same_as names \"ghost\"");
    assert_eq!(w.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(w[0].path.as_deref(), Some("events[0].same_as[0]"));
    assert_eq!(w[0].line, Some(4), "{}", w[0]);
}

#[test]
fn same_as_and_distinct_from_on_one_pair_is_an_error() {
    let b = file(
        "s-b",
        "B",
        &[(
            "b1",
            &day("2025-08-11"),
            "remains_repatriation",
            1,
            r#" "same_as": ["a1"], "distinct_from": ["a1"],"#,
        )],
    );
    let r = load(&[("b.json", &b)]);
    let e = about(&r, "both same_as and distinct_from");
    assert_eq!(e.len(), 1, "{:#?}", r.diagnostics);
    assert!(e[0].is_error());
    assert_eq!(e[0].path.as_deref(), Some("events[0].same_as[0]"));
    assert_eq!(e[0].line, Some(4), "{}", e[0]);
}

#[test]
fn a_loop_of_same_as_is_one_event() {
    let hint = |to: &str| format!(r#" "same_as": ["{to}"],"#);
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "other", 1, &hint("b1"))],
    );
    let b = file(
        "s-b",
        "B",
        &[("b1", &day("2025-07-11"), "other", 2, &hint("c1"))],
    );
    let c = file(
        "s-c",
        "C",
        &[("c1", &day("2025-08-11"), "other", 3, &hint("a1"))],
    );
    let r = load(&[("a.json", &a), ("b.json", &b), ("c.json", &c)]);
    let d = dataset(&r);
    assert_eq!(ids(d), ["a1"]);
    assert_eq!(values(d, 0).len(), 3);
    // Two joins make the group; the third entry closes the loop and says nothing.
    assert_eq!(
        about(&r, "as same_as says").len(),
        2,
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn two_files_that_each_match_a_third_but_not_each_other() {
    // The month in c.json is like each day, the days are a week apart (a
    // guess, then one kept apart) ...
    let june = r#"{"on": "2025-06-01", "precision": "month"}"#;
    let c = file(
        "s-c",
        "C",
        &[("c1", june, "remains_repatriation", 1200, "")],
    );
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s-b",
        "B",
        &[("b1", &day("2025-06-18"), "remains_repatriation", 1190, "")],
    );
    let r = load(&[("c.json", &c), ("a.json", &a), ("b.json", &b)]);
    assert_eq!(ids(dataset(&r)), ["c1", "b1"]);
    let w = about(&r, "already merged with");
    assert_eq!(w.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(w[0].file, "b.json");
    assert!(w[0].message.contains("\"c1\" in c.json:4:5"), "{}", w[0]);
    assert!(w[0].message.contains("\"a1\" in a.json:4:5"), "{}", w[0]);
    assert!(w[0].message.contains("dates that do not meet"), "{}", w[0]);

    // ... and when both say same_as but one tells the other apart: an error.
    let a = file(
        "s-a",
        "A",
        &[(
            "a1",
            &day("2025-06-11"),
            "remains_repatriation",
            1212,
            r#" "same_as": ["c1"],"#,
        )],
    );
    let b = file(
        "s-b",
        "B",
        &[(
            "b1",
            &day("2025-06-11"),
            "remains_repatriation",
            1212,
            r#" "same_as": ["c1"], "distinct_from": ["a1"],"#,
        )],
    );
    let r = load(&[("c.json", &c), ("a.json", &a), ("b.json", &b)]);
    let e = about(&r, "same_as would make one event");
    assert_eq!(e.len(), 1, "{:#?}", r.diagnostics);
    assert!(e[0].is_error());
    assert_eq!(
        (e[0].file.as_str(), e[0].path.as_deref()),
        ("b.json", Some("events[0].same_as[0]"))
    );
    assert!(
        e[0].message.contains("distinct_from tells them apart"),
        "{}",
        e[0]
    );
}

#[test]
fn the_same_file_twice_is_read_once_with_one_warning() {
    let a = file(
        "s-a",
        "A",
        &[("a1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let r = load(&[("a.json", &a), ("a.json", &a)]);
    assert_eq!(ids(dataset(&r)), ["a1"]);
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(
        r.diagnostics[0].message,
        "this file is opened twice: it is read once"
    );
    // Under another name, the same bytes: the same.
    let r = load(&[("a.json", &a), ("copy/a.json", &a)]);
    assert_eq!(ids(dataset(&r)), ["a1"]);
    assert_eq!(
        about(&r, "the same content as a.json").len(),
        1,
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn no_merge_gives_an_error_for_each_id_written_differently() {
    let a = file(
        "s",
        "A",
        &[("e1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let b = file(
        "s",
        "A",
        &[("e1", &day("2025-06-11"), "remains_repatriation", 1200, "")],
    );
    let r = load_with(&[("a.json", &a), ("b.json", &b)], Mode::Strict);
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(e.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(
        e[0].to_string(),
        "b.json:4:5: error: the event \"e1\" here differs from \"e1\" in a.json:4:5; with --no-merge, items that share an id must be identical (at events[0])"
    );
    // Nothing guessed either.
    let c = file(
        "s",
        "A",
        &[("c1", &day("2025-06-11"), "remains_repatriation", 1212, "")],
    );
    let r = load_with(&[("a.json", &a), ("c.json", &c)], Mode::Strict);
    assert_eq!(ids(dataset(&r)), ["e1", "c1"]);
}

#[test]
fn the_same_article_under_two_ids_is_one_source() {
    let with_url = |id: &str, url: &str| {
        format!(
            r#"{{"format_version": 2, "title": "{id}",
  "sources": [{{"id": "{id}", "outlet": "Reuters", "url": "{url}"}}],
  "events": [{{"id": "{id}-e", "title": "t", "date": {{"on": "2025-06-11"}}, "kind": "other",
    "figures": [{{"id": "f", "category": "remains", "claims": [{{"source": "{id}", "value": {{"exact": 5}}}}]}}]}}]}}"#
        )
    };
    let a = with_url("r1", "https://reuters.com/x");
    let b = with_url("r2", "https://Reuters.com/x/");
    let r = load(&[("a.json", &a), ("b.json", &b)]);
    let d = dataset(&r);
    assert_eq!(d.sources.len(), 1);
    // Both events cite it under the first file's id, and are one event.
    assert_eq!(ids(d), ["r1-e"]);
    assert_eq!(values(d, 0), [("r1", Quantity::Exact(5))]);
}

#[test]
fn a_thousand_small_files_load_together() {
    let texts: Vec<(String, String)> = (0..1000)
        .map(|i| {
            let (y, m) = (2000 + i / 12, i % 12 + 1);
            let on = format!(r#"{{"on": "{y}-{m:02}-05"}}"#);
            (
                format!("f{i}.json"),
                file(
                    &format!("s{i}"),
                    &format!("O{i}"),
                    &[(&format!("e{i}"), &on, "other", 5, "")],
                ),
            )
        })
        .collect();
    let inputs = texts
        .iter()
        .map(|(l, t)| (l.clone(), t.as_bytes().to_vec()))
        .collect();
    let r = load_bytes(inputs, date(2200, 1, 1));
    let d = dataset(&r);
    assert_eq!((d.events.len(), d.sources.len()), (1000, 1000));
    assert!(r.diagnostics.is_empty(), "{:#?}", &r.diagnostics[..3]);
}
