//! A denial can name the sources whose claims it answers (format 2's
//! `answers`): it then conflicts only with those, and the fact sheet says whom
//! it answers; naming a source that does not exist, or its own, is an error.

use factsheet_core::compare::{analyse, is_disputed};
use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{LoadReport, load_bytes};
use factsheet_core::model::Claim;
use serde_json::{Value, json};

fn load(value: &Value) -> LoadReport {
    let text = serde_json::to_string_pretty(value).unwrap();
    load_bytes(
        vec![("denial.json".to_string(), text.into_bytes())],
        jiff::civil::date(2026, 1, 1),
    )
}

/// Three claims of one figure: the agency's 400, the ministry's denial, and
/// a newspaper that reports the handover without a number.
fn with_denial(answers: Value) -> Value {
    json!({
        "format_version": 2, "title": "t",
        "sources": [{"id": "agency", "outlet": "Agency"},
                    {"id": "ministry", "outlet": "Ministry"},
                    {"id": "paper", "outlet": "Paper"}],
        "events": [{
            "id": "e1", "title": "Exchange", "date": {"on": "2025-06-20"},
            "kind": "prisoner_exchange",
            "figures": [{"id": "f1", "received_by": "ukraine", "category": "prisoners",
                         "claims": [
                {"source": "agency", "value": {"exact": 400}},
                {"source": "ministry", "value": "not_disclosed", "status": "denied",
                 "answers": answers},
                {"source": "paper", "value": "not_disclosed"}
            ]}]
        }]
    })
}

fn disputed(claims: &[Claim]) -> bool {
    is_disputed(analyse(claims).class, claims)
}

#[test]
fn a_denial_answering_one_source_conflicts_with_it_alone_and_says_so() {
    let report = load(&with_denial(json!(["agency"])));
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    let data = report.into_result().unwrap().0;
    assert!(disputed(&data.events[0].figures[0].claims));

    let summary = export::build(&data, &SummaryOptions::default());
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(
        md.contains("no figure: denies what [1] says [2] (denied)"),
        "{md}"
    );
    let json: Value = serde_json::from_slice(&export::render(&summary, Format::Json)).unwrap();
    assert_eq!(
        json["events"][0]["figures"][0]["claims"][1]["answers"],
        json!([1])
    );
    let html = String::from_utf8(export::render(&summary, Format::Html)).unwrap();
    assert!(html.contains("no figure: denies what [1] says"), "{html}");
}

#[test]
fn a_denial_answering_a_source_without_a_claim_here_disputes_nothing() {
    // Answering a broadcaster that makes no claim of this figure, the denial
    // answers nothing here: the agency's 400 stands unchallenged, with a
    // warning. Answering nobody in particular, it answers the agency too.
    let mut data = with_denial(json!(["tv"]));
    data["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "tv", "outlet": "TV"}));
    let report = load(&data);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("answers nothing here")),
        "{:#?}",
        report.diagnostics
    );
    let answers_tv = report.into_result().unwrap().0;
    assert!(!disputed(&answers_tv.events[0].figures[0].claims));
    let answers_all = load(&with_denial(json!([]))).into_result().unwrap().0;
    assert!(disputed(&answers_all.events[0].figures[0].claims));
}

#[test]
fn answering_an_unknown_source_or_its_own_is_an_error_and_a_non_denial_is_warned() {
    let report = load(&with_denial(json!(["nobody", "ministry"])));
    let at = |path: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.path.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("nothing at {path}: {:#?}", report.diagnostics))
    };
    let path = "events[0].figures[0].claims[1].answers";
    let unknown = at(&format!("{path}[0]"));
    assert!(
        unknown.message.contains("\"nobody\""),
        "{}",
        unknown.message
    );
    assert!(unknown.line.is_some(), "{unknown:?}");
    assert!(at(&format!("{path}[1]")).message.contains("its own source"));
    assert!(report.has_errors());

    let mut plain = with_denial(json!(["agency"]));
    plain["events"][0]["figures"][0]["claims"][1]["status"] = json!("claimed");
    let report = load(&plain);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.path.as_deref() == Some(path) && d.message.contains("only a denial")),
        "{:#?}",
        report.diagnostics
    );
}
