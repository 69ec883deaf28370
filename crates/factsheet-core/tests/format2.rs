//! Format 2 through the loader and the fact sheet: each mistake it makes
//! possible is reported at its line and column, a format-1 file that uses its
//! fields is warned, a newer version is refused, and what it records (parts,
//! the source's words, when a claim was made, relays) is shown in every format.

use factsheet_core::diagnostic::Diagnostic;
use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{LoadReport, load_bytes};
use serde_json::{Value, json};

fn load(value: &Value) -> LoadReport {
    let text = serde_json::to_string_pretty(value).unwrap();
    load_bytes(
        vec![("f2.json".to_string(), text.into_bytes())],
        jiff::civil::date(2026, 1, 1),
    )
}

/// A dataset of one event with one figure whose only claim is `claim`, and the given sources.
fn dataset(version: u32, sources: Value, claim: Value) -> Value {
    json!({
        "format_version": version,
        "title": "t",
        "sources": sources,
        "events": [{
            "id": "e1",
            "title": "Exchange",
            "date": {"on": "2025-06-20"},
            "kind": "prisoner_exchange",
            "figures": [{
                "id": "f1",
                "received_by": "ukraine",
                "category": "prisoners",
                "claims": [claim]
            }]
        }]
    })
}

fn one_source() -> Value {
    json!([{"id": "a", "outlet": "A"}])
}

fn found<'r>(report: &'r LoadReport, path: &str) -> Vec<&'r Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.path.as_deref() == Some(path))
        .collect()
}

#[test]
fn a_part_larger_than_its_whole_is_an_error_at_its_line_and_column() {
    let claim = json!({
        "source": "a",
        "value": {"exact": 90},
        "parts": [{"category": "soldiers", "value": {"more_than": 100}}]
    });
    let report = load(&dataset(2, one_source(), claim));
    let path = "events[0].figures[0].claims[0].parts[0]";
    let errors = found(&report, path);
    assert_eq!(errors.len(), 1, "{:#?}", report.diagnostics);
    let e = errors[0];
    assert!(e.is_error());
    assert!(e.message.contains("larger than the whole"), "{e}");
    assert!(e.line.is_some() && e.column.is_some(), "no position: {e}");
    assert!(report.has_errors());
}

#[test]
fn parts_that_cannot_add_up_are_a_warning_and_the_file_loads() {
    let claim = json!({
        "source": "a",
        "value": {"exact": 195},
        "parts": [
            {"category": "soldiers", "label": "army", "value": {"exact": 90}},
            {"category": "civilians", "value": {"exact": 3}}
        ]
    });
    let report = load(&dataset(2, one_source(), claim));
    let warnings = found(&report, "events[0].figures[0].claims[0].parts");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(!warnings[0].is_error());
    assert!(
        warnings[0]
            .message
            .contains("add up to 93, but the whole is 195"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].line.is_some());
    assert!(report.dataset.is_some());
}

#[test]
fn relays_that_loop_relay_themselves_or_name_nobody_are_errors() {
    let sources = json!([
        {"id": "a", "outlet": "A", "relays": {"source": "b"}},
        {"id": "b", "outlet": "B", "relays": {"source": "a", "how": "reprint"}},
        {"id": "c", "outlet": "C", "relays": {"source": "c"}},
        {"id": "d", "outlet": "D", "relays": {"source": "nobody"}}
    ]);
    let claim = json!({"source": "a", "value": {"exact": 1}});
    let report = load(&dataset(2, sources, claim));
    let message = |i: usize| {
        let at = format!("sources[{i}].relays");
        let list = found(&report, &at);
        assert_eq!(list.len(), 1, "{at}: {:#?}", report.diagnostics);
        assert!(list[0].is_error() && list[0].line.is_some(), "{}", list[0]);
        list[0].message.clone()
    };
    assert!(
        message(0).contains("in a loop: a → b → a"),
        "{}",
        message(0)
    );
    assert!(
        message(1).contains("in a loop: b → a → b"),
        "{}",
        message(1)
    );
    assert!(message(2).contains("relays itself"), "{}", message(2));
    assert!(message(3).contains("\"nobody\", but no source has that id"));
}

#[test]
fn a_format_1_file_using_a_format_2_field_is_warned_and_loads() {
    let claim =
        json!({"source": "a", "value": {"range": {"low": 24, "high": 99}}, "words": "dozens"});
    let report = load(&dataset(1, one_source(), claim));
    let warnings = found(&report, "format_version");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        warnings[0]
            .message
            .contains("uses events[0].figures[0].claims[0].words, which format 2 added"),
        "{}",
        warnings[0]
    );
    assert!(report.dataset.is_some());

    // The same file without the new field is a plain format-1 file: no warning.
    let plain = json!({"source": "a", "value": {"range": {"low": 24, "high": 99}}});
    assert!(
        load(&dataset(1, one_source(), plain))
            .diagnostics
            .is_empty()
    );
}

#[test]
fn a_newer_version_is_refused_and_version_2_reads() {
    let claim = json!({"source": "a", "value": {"exact": 1}});
    let report = load(&dataset(3, one_source(), claim.clone()));
    assert!(report.has_errors());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("format version 3")),
        "{:#?}",
        report.diagnostics
    );
    let report = load(&dataset(2, one_source(), claim));
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn parts_words_dates_and_relays_are_shown_in_every_format() {
    let sources = json!([
        {"id": "a", "outlet": "Agency"},
        {"id": "b", "outlet": "Daily", "relays": {"source": "a", "how": "translation"}}
    ]);
    let claim = json!({
        "source": "b",
        "value": {"range": {"low": 24, "high": 99}},
        "words": "dozens",
        "stated_on": {"on": "2025-06-20"},
        "parts": [{"category": "soldiers", "value": {"exact": 30}}],
        "notes": "said before the count"
    });
    let report = load(&dataset(2, sources, claim));
    let d = report.dataset.expect("loads");
    let summary = export::build(&d, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    let html = String::from_utf8(export::render(&summary, Format::Html)).unwrap();
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();

    let detail = "24–99 (“dozens”; 30 soldiers; stated 2025-06-20)";
    assert!(md.contains(detail), "{md}");
    assert!(md.contains("— translation of [2]"), "{md}");
    assert!(html.contains(detail), "{html}");
    assert!(
        html.contains("— translation of <a href=\"#source-2\">[2]</a>"),
        "{html}"
    );
    let claim = &json["events"][0]["figures"][0]["claims"][0];
    assert_eq!(claim["words"], "dozens");
    assert_eq!(claim["parts"][0]["value"], json!({"exact": 30}));
    assert_eq!(claim["notes"], "said before the count");
    assert_eq!(
        json["sources"][0]["relays"],
        json!({"source": 2, "how": "translation"})
    );
    // Parts are shown, never counted again: the total is the whole's.
    assert_eq!(json["totals"][0]["low"], 24);
}

/// Two repatriations in 2024 of 2,000 bodies each, and a total "since 2022"
/// stated as `stated`, with `baseline` if given.
fn since_2022(stated: u64, baseline: Option<Value>) -> Value {
    let event = |id: &str, on: &str| {
        json!({
            "id": id, "title": id, "date": {"on": on}, "kind": "remains_repatriation",
            "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
                         "claims": [{"source": "a", "value": {"exact": 2000}}]}]
        })
    };
    let mut total = json!({
        "id": "since-2022",
        "description": "Bodies returned to Ukraine since 2022",
        "scope": {"from": "2022-03-01", "received_by": "ukraine", "category": "remains"},
        "claims": [{"source": "a", "value": {"exact": stated}}]
    });
    if let Some(b) = baseline {
        total["baseline"] = b;
    }
    json!({
        "format_version": 2,
        "title": "t",
        "sources": [{"id": "a", "outlet": "A"}],
        "events": [event("e1", "2024-01-01"), event("e2", "2024-06-01")],
        "running_totals": [total]
    })
}

fn verdict_and_text(value: &Value) -> (Value, String) {
    let report = load(value);
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    let d = report.dataset.expect("loads");
    let summary = export::build(&d, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();
    (
        json["running_totals"][0]["claims"][0]["verdict"].clone(),
        md,
    )
}

#[test]
fn a_baseline_lets_a_total_that_reaches_before_the_data_be_checked() {
    let before_2024 = json!({"before": "2024-01-01", "value": {"exact": 8000}, "source": "a"});
    // Without a baseline, "since 2022" in data from 2024 gets no verdict.
    let (verdict, _) = verdict_and_text(&since_2022(12_000, None));
    assert_eq!(verdict, "cannot_tell");
    // 8,000 before 2024 and 4,000 in the data: 12,000 holds, 13,000 does not.
    let (verdict, md) = verdict_and_text(&since_2022(12_000, Some(before_2024.clone())));
    assert_eq!(verdict, "consistent", "{md}");
    assert!(
        md.contains("12,000, of which 8,000 before 2024-01-01 (baseline)"),
        "{md}"
    );
    let (verdict, _) = verdict_and_text(&since_2022(13_000, Some(before_2024)));
    assert_eq!(verdict, "inconsistent");
    // A baseline ending after the data starts leaves the events before its
    // day to it: the event of 1 January 2024 is not counted a second time.
    let mid_2024 = json!({"before": "2024-03-01", "value": {"exact": 10000}, "source": "a"});
    let (verdict, md) = verdict_and_text(&since_2022(12_000, Some(mid_2024)));
    assert_eq!(verdict, "consistent", "{md}");
    assert!(md.contains("Events counted (1): e2"), "{md}");
}

#[test]
fn a_baseline_larger_than_its_total_is_an_error_at_its_line_and_column() {
    let big = json!({"before": "2024-01-01", "value": {"more_than": 20000}, "source": "a"});
    let report = load(&since_2022(12_000, Some(big)));
    let errors = found(&report, "running_totals[0].baseline");
    assert_eq!(errors.len(), 1, "{:#?}", report.diagnostics);
    assert!(errors[0].is_error() && errors[0].line.is_some());
    assert!(
        errors[0]
            .message
            .contains("the baseline (more than 20,000) is larger than the total a states (12,000)"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_scope_of_a_month_counts_the_events_of_that_month() {
    let mut d = since_2022(2_000, None);
    d["running_totals"][0]["scope"] =
        json!({"from": "2024-06", "until": "2024-06", "received_by": "ukraine"});
    d["events"][0]["date"] = json!({"on": "2024-05-31"});
    let (verdict, md) = verdict_and_text(&d);
    // The scope starts on 1 June, after the earliest event: within the data.
    assert_eq!(verdict, "consistent", "{md}");
    assert!(md.contains("Events counted (1): e2"), "{md}");
    assert!(md.contains("2024-06"), "{md}");
}

#[test]
fn a_date_that_is_neither_a_day_a_month_nor_a_year_says_what_it_may_be() {
    let mut d = since_2022(2_000, None);
    d["running_totals"][0]["scope"]["from"] = json!("May 2024");
    let report = load(&d);
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.path.as_deref() == Some("running_totals[0].scope.from"))
        .unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    assert!(e.is_error() && e.line.is_some(), "{e}");
    assert!(
        e.message
            .contains("a day written YYYY-MM-DD, a month YYYY-MM or a year YYYY, not \"May 2024\""),
        "{e}"
    );
}

#[test]
fn a_format_1_file_with_a_month_for_a_date_is_warned() {
    let mut d = since_2022(4_000, None);
    d["format_version"] = json!(1);
    d["running_totals"][0]["scope"]["from"] = json!("2024");
    let report = load(&d);
    assert!(
        report.diagnostics.iter().any(|w| w.message.contains(
            "uses running_totals[0].scope.from (a month or a year), which format 2 added"
        )),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn a_wire_copy_and_its_origin_are_one_source_in_every_count() {
    let sources = json!([
        {"id": "a", "outlet": "Agency"},
        {"id": "b", "outlet": "Daily", "relays": {"source": "a"}}
    ]);
    let mut d = dataset(2, sources, json!({"source": "a", "value": {"exact": 400}}));
    d["events"][0]["figures"][0]["claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"source": "b", "value": {"exact": 400}}));
    let report = load(&d);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let data = report.dataset.expect("loads");
    let summary = export::build(&data, &SummaryOptions::default());
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();
    // Two outlets, one origin: a single source, not two that agree.
    assert_eq!(
        json["events"][0]["figures"][0]["consensus"],
        "single_source"
    );
    // Both claims are still listed and cited under their own outlet.
    assert_eq!(
        json["events"][0]["figures"][0]["claims"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The comparison the app shows counts the same way.
    let comparer = factsheet_core::compare::Comparer::new(&data);
    let event = comparer.event(&data.events[0]);
    assert_eq!(event.figures[0].estimate.sources, 1);
}

#[test]
fn a_denial_without_a_number_reads_as_a_denial_and_is_a_disagreement() {
    let sources = json!([{"id": "a", "outlet": "Agency"}, {"id": "b", "outlet": "Ministry"}]);
    let mut d = dataset(2, sources, json!({"source": "a", "value": {"exact": 400}}));
    d["events"][0]["figures"][0]["claims"]
        .as_array_mut()
        .unwrap()
        .push(
            json!({"source": "b", "value": "not_disclosed", "status": "denied",
                     "quote": "the figure is false"}),
        );
    let report = load(&d);
    let data = report.dataset.expect("loads");
    let summary = export::build(&data, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(
        md.contains("no figure: denies the others [2] (denied)"),
        "{md}"
    );
    assert!(
        md.contains("Ministry: **no figure: denies the others** (denied) — “the figure is false”"),
        "{md}"
    );
    // The number stands on the agency alone, and the sheet does not call it agreed.
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();
    assert_eq!(json["events"][0]["figures"][0]["best"], 400);
    assert_ne!(json["events"][0]["figures"][0]["consensus"], "agree");
}

#[test]
fn a_cut_quote_is_shown_with_its_cuts_and_kept_as_pieces() {
    let claim = json!({"source": "a", "value": {"exact": 1212},
                       "quote": ["Ukraine received", "the bodies of 1,212 soldiers"]});
    let report = load(&dataset(2, one_source(), claim));
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let data = report.dataset.expect("loads");
    let summary = export::build(&data, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    // Markdown escapes the brackets; they render as "[…]".
    assert!(
        md.contains("“Ukraine received \\[…\\] the bodies of 1,212 soldiers”"),
        "{md}"
    );
    let html = String::from_utf8(export::render(&summary, Format::Html)).unwrap();
    assert!(
        html.contains("“Ukraine received […] the bodies of 1,212 soldiers”"),
        "{html}"
    );
    // Saved, the quote is its pieces again, not the joined text.
    let saved: Value = serde_json::from_slice(&factsheet_core::save::to_json(&data)).unwrap();
    assert_eq!(
        saved["events"][0]["figures"][0]["claims"][0]["quote"],
        json!(["Ukraine received", "the bodies of 1,212 soldiers"])
    );
}

#[test]
fn a_cut_quote_with_an_empty_piece_is_an_error_at_the_piece() {
    let claim = json!({"source": "a", "value": {"exact": 1}, "quote": ["words", "  "]});
    let report = load(&dataset(2, one_source(), claim));
    let errors = found(&report, "events[0].figures[0].claims[0].quote[1]");
    assert_eq!(errors.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        errors[0].is_error() && errors[0].line.is_some(),
        "{}",
        errors[0]
    );
    assert!(
        errors[0]
            .message
            .contains("a piece of a cut quote is empty")
    );

    let one = json!({"source": "a", "value": {"exact": 1}, "quote": ["only words"]});
    let report = load(&dataset(2, one_source(), one));
    let warnings = found(&report, "events[0].figures[0].claims[0].quote");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(!warnings[0].is_error());
}

#[test]
fn sources_that_put_an_event_on_different_days_are_a_disagreement() {
    let sources = json!([{"id": "a", "outlet": "Agency"}, {"id": "b", "outlet": "Ministry"}]);
    let mut d = dataset(2, sources, json!({"source": "a", "value": {"exact": 1}}));
    d["events"][0]["dates"] = json!([
        {"source": "a", "date": {"on": "2025-03-03"}, "quote": "on Monday"},
        {"source": "b", "date": {"on": "2025-03-04"}}
    ]);
    let report = load(&d);
    let warnings = found(&report, "events[0].dates");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        warnings[0].message.contains(
            "the sources put this event on different days: a says 2025-03-03; b says 2025-03-04"
        ),
        "{}",
        warnings[0]
    );
    let data = report.dataset.expect("loads");
    let summary = export::build(&data, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(md.contains("Exchange: the date (different dates)"), "{md}");
    assert!(md.contains("Agency: **2025-03-03** — “on Monday”"), "{md}");

    // A day within a month a source gives is no disagreement.
    d["events"][0]["dates"] = json!([
        {"source": "a", "date": {"on": "2025-03-03"}},
        {"source": "b", "date": {"on": "2025-03-01", "precision": "month"}}
    ]);
    assert!(found(&load(&d), "events[0].dates").is_empty());
}

#[test]
fn a_title_with_a_direction_mark_is_warned_where_it_is() {
    let mut d = dataset(
        2,
        one_source(),
        json!({"source": "a", "value": {"exact": 1}}),
    );
    d["events"][0]["title"] = json!("invoice\u{202e}txt.exe");
    let report = load(&d);
    let warnings = found(&report, "events[0].title");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        warnings[0].message.contains("direction mark U+202E"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].line.is_some());
}

/// A saved copy is format 2: named in a format-1 file it is warned of. A
/// file given as text in memory has no folder to find the copy in: it is not
/// looked for (it is not there, and nothing says so).
#[test]
fn a_saved_copy_in_a_format_1_file_is_warned_and_a_load_does_not_read_it() {
    let sources = json!([{"id": "a", "outlet": "A",
        "saved_copy": {"path": "copies/missing.html", "retrieved": "2025-06-21"}}]);
    let claim = json!({"source": "a", "value": {"exact": 5}, "quote": "five"});
    let report = load(&dataset(1, sources.clone(), claim.clone()));
    let warnings = found(&report, "format_version");
    assert_eq!(warnings.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        warnings[0]
            .message
            .contains("uses sources[0].saved_copy, which format 2 added"),
        "{}",
        warnings[0]
    );
    let report = load(&dataset(2, sources, claim));
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}
