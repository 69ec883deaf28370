//! Disputed links (format 2's `links`): whether an event falls under an
//! agreement, as each source tells it. The tracker counts a disputed event's
//! delivery apart, shows the share with and without it, and lists the dispute
//! with the disagreements; mistakes are reported at their line and column.

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{LoadReport, load_bytes};
use factsheet_core::stats::{Share, Stats};
use serde_json::{Value, json};

fn load(value: &Value) -> LoadReport {
    let text = serde_json::to_string_pretty(value).unwrap();
    load_bytes(
        vec![("links.json".to_string(), text.into_bytes())],
        jiff::civil::date(2026, 1, 1),
    )
}

fn handover(id: &str, on: &str, bodies: u64, links: Value) -> Value {
    json!({
        "id": id, "title": format!("Handover {id}"), "date": {"on": on},
        "kind": "remains_repatriation", "agreement": "june",
        "figures": [{"id": "u", "received_by": "ukraine", "category": "remains",
                     "claims": [{"source": "ua", "value": {"exact": bodies}}]}],
        "links": links
    })
}

/// An agreement for 1,000 bodies; a first handover of 500 that nobody
/// disputes, and a second of 200 that Ukraine's side counts under the deal and
/// Russia's side does not.
fn june_deal() -> Value {
    json!({
        "format_version": 2, "title": "t",
        "sources": [{"id": "ua", "outlet": "Coordination HQ"},
                    {"id": "ru", "outlet": "Russian MoD"}],
        "agreements": [{"id": "june", "title": "June deal", "date": {"on": "2025-06-02"},
                        "terms": [{"id": "bodies", "description": "1,000 bodies to Ukraine",
                                   "received_by": "ukraine", "category": "remains",
                                   "claims": [{"source": "ua", "value": {"exact": 1000}}]}]}],
        "events": [
            handover("first", "2025-06-11", 500, json!([])),
            handover("second", "2025-07-01", 200, json!([
                {"source": "ua", "agreement": "june"},
                {"source": "ru", "notes": "calls it a humanitarian gesture outside the deal"}
            ]))
        ]
    })
}

#[test]
fn a_disputed_event_is_counted_apart_and_the_share_shown_with_and_without_it() {
    let report = load(&june_deal());
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.path.as_deref() == Some("events[1].links"))
        .expect("the dispute is warned");
    assert!(
        warning.message.contains("ua says \"june\"") && warning.message.contains("ru says none"),
        "{}",
        warning.message
    );
    let dataset = report.into_result().unwrap().0;

    let stats = Stats::of(&dataset);
    let term = &stats.agreements[0].terms[0];
    assert_eq!((term.delivered.best, term.events), (Some(500), 1));
    assert_eq!((term.disputed.best, term.disputed_events), (Some(200), 1));
    assert_eq!(term.share(), Some(Share::Exact(0.5)));
    assert_eq!(term.share_with_disputed(), Some(Share::Exact(0.7)));

    let summary = export::build(&dataset, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(
        md.contains(
            "| 1,000 bodies to Ukraine | Ukraine | 1,000 [1] | 500; +200 more from 1 disputed event [1] \
             | 50.0% (70.0% with the disputed) | 1 |"
        ),
        "{md}"
    );
    assert!(md.contains("disputed agreement"), "{md}");
    assert!(md.contains("under June deal"), "{md}");
    assert!(md.contains("under no agreement"), "{md}");
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();
    let disputed = &json["agreements"][0]["terms"][0]["disputed"];
    assert_eq!(disputed["delivered"], json!(200));
    assert_eq!(disputed["events"], json!(1));
    assert_eq!(disputed["fraction_with"], json!(0.7));
    assert_eq!(json["agreements"][0]["terms"][0]["delivered"], json!(500));
    let kinds: Vec<&Value> = json["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["kind"])
        .collect();
    assert_eq!(kinds, [&json!("disputed_link")]);
    let html = String::from_utf8(export::render(&summary, Format::Html)).unwrap();
    assert!(html.contains("+200 more from 1 disputed event"), "{html}");
}

#[test]
fn an_event_a_source_puts_under_an_agreement_the_file_does_not_counts_as_disputed() {
    let mut data = june_deal();
    data["events"][1]
        .as_object_mut()
        .unwrap()
        .remove("agreement");
    let dataset = load(&data).into_result().unwrap().0;
    let term = &Stats::of(&dataset).agreements[0].terms[0];
    assert_eq!(
        (term.delivered.best, term.disputed.best),
        (Some(500), Some(200))
    );
}

#[test]
fn sources_that_agree_on_the_link_leave_it_undisputed() {
    let mut data = june_deal();
    data["events"][1]["links"] = json!([{"source": "ua", "agreement": "june"},
                                        {"source": "ru", "agreement": "june"}]);
    let report = load(&data);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.path.as_deref() != Some("events[1].links")),
        "{:#?}",
        report.diagnostics
    );
    let dataset = report.into_result().unwrap().0;
    let term = &Stats::of(&dataset).agreements[0].terms[0];
    assert_eq!((term.delivered.best, term.disputed_events), (Some(700), 0));
    assert_eq!(term.share_with_disputed(), None);
}

#[test]
fn a_link_to_no_agreement_or_no_source_is_an_error_at_its_line_and_column() {
    let mut data = june_deal();
    data["events"][1]["links"] = json!([{"source": "ua", "agreement": "july"},
                                        {"source": "nobody"}]);
    let report = load(&data);
    let at = |path: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.path.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("no diagnostic at {path}: {:#?}", report.diagnostics))
    };
    let wrong = at("events[1].links[0].agreement");
    assert!(wrong.message.contains("no agreement has the id \"july\""));
    assert!(wrong.line.is_some() && wrong.column.is_some(), "{wrong:?}");
    let nobody = at("events[1].links[1].source");
    assert!(nobody.message.contains("\"nobody\""), "{}", nobody.message);
    assert!(report.has_errors());
}

#[test]
fn a_format_1_file_with_links_is_warned() {
    let mut data = june_deal();
    data["format_version"] = json!(1);
    let report = load(&data);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("events[1].links")),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn an_unlisted_event_with_disputed_dates_and_agreement_counts_in_the_unlisted_note() {
    // The disputed handover is earlier than a third one, and a sheet of the
    // latest event leaves it out: its two disputes are counted in the note.
    let mut data = june_deal();
    data["events"][1]["dates"] = json!([{"source": "ua", "date": {"on": "2025-07-01"}},
                                        {"source": "ru", "date": {"on": "2025-07-03"}}]);
    data["events"]
        .as_array_mut()
        .unwrap()
        .push(handover("third", "2025-08-01", 100, json!([])));
    let dataset = load(&data).into_result().unwrap().0;
    let options = SummaryOptions {
        limit: Some(1),
        ..SummaryOptions::default()
    };
    let summary = export::build(&dataset, &options);
    let unlisted = summary.unlisted.as_ref().expect("two events unlisted");
    assert_eq!((unlisted.events, unlisted.disagreements), (2, 2));
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(
        md.contains("The 2 earlier events not listed have 2 more disagreements"),
        "{md}"
    );
}
