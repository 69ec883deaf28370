//! The fact sheet never overstates, in every format that shows the item:
//! running totals over incomplete data or reaching before it get "cannot
//! tell", sums read as the range the data allows, differences have thousands
//! separators, and every fact and every source is listed. Each dataset is
//! built for its case and loaded as a user's file would be.

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::load_bytes;
use factsheet_core::model::Dataset;
use serde_json::{Value, json};

fn load(data: &Value) -> Dataset {
    let bytes = serde_json::to_vec(data).unwrap();
    let report = load_bytes(
        vec![("t.json".to_string(), bytes)],
        jiff::civil::date(2026, 1, 1),
    );
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    report.into_result().unwrap().0
}

/// Markdown, HTML and the JSON summary (parsed) of the whole dataset.
fn sheets(d: &Dataset) -> (String, String, Value) {
    let summary = export::build(d, &SummaryOptions::default());
    let text = |f| String::from_utf8(export::render(&summary, f)).unwrap();
    let json = serde_json::from_str(&text(Format::Json)).unwrap();
    (text(Format::Markdown), text(Format::Html), json)
}

fn sources(ids: &[&str]) -> Value {
    ids.iter()
        .map(|id| json!({"id": id, "outlet": format!("Outlet {id}"), "affiliation": "unknown"}))
        .collect()
}

fn remains(id: &str, on: &str, claims: Value) -> Value {
    json!({"id": id, "title": format!("Return {id}"), "date": {"on": on},
           "kind": "remains_repatriation",
           "figures": [{"id": "u", "received_by": "ukraine", "category": "remains",
                        "claims": claims}]})
}

fn total(from: Option<&str>, stated: Value) -> Value {
    let mut scope = json!({"received_by": "ukraine", "category": "remains"});
    if let Some(from) = from {
        scope["from"] = json!(from);
    }
    json!({"id": "rt", "description": "bodies returned to Ukraine", "scope": scope,
           "claims": [{"source": "s", "value": stated}]})
}

fn dataset(events: Vec<Value>, total: Value) -> Dataset {
    load(
        &json!({"format_version": 1, "title": "T", "sources": sources(&["s", "ua", "ru"]),
                 "events": events, "running_totals": [total]}),
    )
}

/// The JSON summary's one running-total claim.
fn json_claim(json: &Value) -> &Value {
    &json["running_totals"][0]["claims"][0]
}

#[test]
fn undisclosed_stages_read_as_such_and_get_no_verdict() {
    let mut events = vec![remains(
        "e0",
        "2025-01-10",
        json!([{"source": "s", "value": {"exact": 300}}]),
    )];
    for i in 1..8 {
        events.push(remains(
            &format!("e{i}"),
            &format!("2025-02-0{i}"),
            json!([{"source": "s", "value": "not_disclosed"}]),
        ));
    }
    let d = dataset(events, total(Some("2025-01-10"), json!({"exact": 1100})));
    let (md, html, json) = sheets(&d);
    let row = "| bodies returned to Ukraine | 1,100 [1] | 300 + not disclosed (7 events) |  | \
               cannot tell (some figures not disclosed) |";
    assert!(md.contains(row), "{md}");
    assert!(!md.contains("| yes |"), "{md}");
    assert!(
        html.contains("<td class=\"num\">300 + not disclosed (7 events)</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>cannot tell (some figures not disclosed)</td>"),
        "{html}"
    );
    let claim = json_claim(&json);
    assert_eq!(claim["verdict"], "cannot_tell");
    assert_eq!(claim["why"], "not_disclosed");
    assert_eq!(claim["difference"], Value::Null);
    assert_eq!(json["running_totals"][0]["undisclosed_events"], 7);
    assert!(json_claim(&json).get("matches").is_none());
}

#[test]
fn a_total_since_before_the_data_says_so_and_gets_no_verdict() {
    let events = vec![remains(
        "e0",
        "2024-03-01",
        json!([{"source": "s", "value": {"exact": 12000}}]),
    )];
    let d = dataset(events, total(Some("2022-01-01"), json!({"exact": 12000})));
    let (md, html, json) = sheets(&d);
    let verdict = "cannot tell (reaches before the data: earliest event 2024-03-01)";
    assert!(md.contains(&format!("| 12,000 |  | {verdict} |")), "{md}");
    assert_eq!(json_claim(&json)["difference"], Value::Null);
    assert!(html.contains(&format!("<td>{verdict}</td>")), "{html}");
    let rt = &json["running_totals"][0];
    assert_eq!(rt["within_data"], false);
    assert_eq!(rt["earliest_event"], "2024-03-01");
    assert_eq!(rt["scope_start"], "2022-01-01");
    assert_eq!(json_claim(&json)["why"], "before_data");
}

#[test]
fn a_range_is_shown_whole_with_why_a_yes_and_separated_differences() {
    let events = vec![
        remains(
            "e0",
            "2025-01-01",
            json!([{"source": "s", "value": {"exact": 3100}}]),
        ),
        remains(
            "e1",
            "2025-02-01",
            json!([{"source": "ua", "value": {"exact": 1000}},
                   {"source": "ru", "value": {"exact": 1003}}]),
        ),
    ];
    let d = dataset(
        events.clone(),
        total(Some("2025-01-01"), json!({"exact": 4101})),
    );
    let (md, html, json) = sheets(&d);
    let row = "| 4,100–4,103 | -2 to +1 | yes (within the range the data allows) |";
    assert!(md.contains(row), "{md}");
    assert!(
        html.contains(
            "<td class=\"num\">4,100–4,103</td><td class=\"num\">-2 to +1</td>\
                           <td>yes (within the range the data allows)</td>"
        ),
        "{html}"
    );
    let claim = json_claim(&json);
    assert_eq!(claim["verdict"], "consistent");
    assert_eq!(claim["why"], "within_range");
    assert_eq!(claim["difference"], json!({"low": -2, "high": 1}));
    assert_eq!(json["running_totals"][0]["computed_low"], 4100);
    assert_eq!(json["running_totals"][0]["computed_high"], 4103);

    // A difference in thousands, in both writers.
    let d = dataset(events, total(Some("2025-01-01"), json!({"exact": 8424})));
    let (md, html, _) = sheets(&d);
    assert!(
        md.contains("| 4,100–4,103 | +4,321 to +4,324 | **no** |"),
        "{md}"
    );
    assert!(
        html.contains("<td class=\"num\">+4,321 to +4,324</td>"),
        "{html}"
    );
}

#[test]
fn an_unknown_is_null_in_the_json_never_0() {
    let events = vec![remains(
        "e0",
        "2025-01-01",
        json!([{"source": "s", "value": "not_disclosed"}]),
    )];
    let d = dataset(events, total(Some("2025-01-01"), json!({"exact": 10})));
    let (md, _, json) = sheets(&d);
    assert_eq!(json["totals"][0]["best"], Value::Null);
    assert_eq!(json["running_totals"][0]["computed"], Value::Null);
    assert!(md.contains("| not disclosed (1 event) |"), "{md}");
    assert_eq!(json["summary_version"], 8);
}

#[test]
fn every_fact_and_every_source_is_listed() {
    let mut event = remains(
        "e0",
        "2025-01-01",
        json!([{"source": "s", "value": {"exact": 5}}]),
    );
    event["facts"] = json!([
        {"id": "f1", "question": "Who mediated?",
         "claims": [{"source": "only-fact", "answer": "the Vatican"}]},
        {"id": "f2", "question": "Was it the first?",
         "claims": [{"source": "ua", "answer": "yes"}, {"source": "ru", "answer": "yes"}]}
    ]);
    let d = load(&json!({"format_version": 1, "title": "T",
        "sources": sources(&["s", "ua", "ru", "only-fact", "never-cited"]),
        "events": [event]}));
    let (md, html, json) = sheets(&d);
    assert!(
        md.contains("### Return e0: Who mediated? (one source)"),
        "{md}"
    );
    assert!(md.contains("Outlet only-fact: **the Vatican**"), "{md}");
    assert!(
        md.contains("### Return e0: Was it the first? (the sources agree)"),
        "{md}"
    );
    assert!(
        html.contains("<h3>Return e0: Who mediated? (one source)</h3>"),
        "{html}"
    );
    assert!(html.contains("Outlet only-fact<a class=\"cite\""), "{html}");
    let facts = json["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 2);
    assert_eq!(facts[0]["consensus"], "single_source");
    assert_eq!(facts[1]["answers"].as_array().map(Vec::len), Some(2));
    let listed: Vec<&str> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    for id in ["s", "ua", "ru", "only-fact", "never-cited"] {
        assert!(listed.contains(&id), "{id} not in {listed:?}");
        assert!(
            md.contains(&format!("Outlet {id}")),
            "{id} not in the Markdown"
        );
        assert!(
            html.contains(&format!("Outlet {id}")),
            "{id} not in the HTML"
        );
    }
}

#[test]
fn a_tie_nothing_decides_shows_both_values() {
    let events = vec![remains(
        "e0",
        "2025-01-01",
        json!([{"source": "ua", "value": {"exact": 195}},
               {"source": "ru", "value": {"exact": 160}}]),
    )];
    let d = dataset(events, total(Some("2025-01-01"), json!({"exact": 160})));
    let (md, html, json) = sheets(&d);
    assert!(md.contains("| 160 or 195 | 160–195 |"), "{md}");
    assert!(html.contains("<td class=\"num\">160 or 195</td>"), "{html}");
    let figure = &json["events"][0]["figures"][0];
    assert_eq!(figure["best"], 160);
    assert_eq!(figure["tie"], json!({"values": 2, "highest": 195}));
    // The running total reads the range, and the lower value is no "yes".
    assert!(
        md.contains("| 160–195 | -35 to +0 | yes (within the range the data allows) |"),
        "{md}"
    );
}

#[test]
fn totals_of_one_scope_are_shown_together_with_the_events_they_count() {
    let events = vec![
        remains(
            "early",
            "2025-01-01",
            json!([{"source": "s", "value": {"exact": 10}}]),
        ),
        remains(
            "late",
            "2025-03-01",
            json!([{"source": "s", "value": {"exact": 20}}]),
        ),
    ];
    let since = |id: &str, from: &str, n: u64| {
        let mut t = total(Some(from), json!({"exact": n}));
        t["id"] = json!(id);
        t["description"] = json!(format!("total {id}"));
        t
    };
    let d = load(
        &json!({"format_version": 1, "title": "T", "sources": sources(&["s"]),
        "events": events, "running_totals": [
            since("a", "2025-01-01", 30), since("b", "2025-03-01", 20), since("c", "2025-01-01", 31)
        ]}),
    );
    let (md, html, json) = sheets(&d);
    let section = md.split("## Running totals").nth(1).unwrap();
    let section = section.split("## Events").next().unwrap();
    // a and c share a scope: one heading over both, then b's.
    let first = section
        .find("### from 2025-01-01 · to Ukraine · remains")
        .unwrap();
    let second = section
        .find("### from 2025-03-01 · to Ukraine · remains")
        .unwrap();
    let (a, c, b) = (
        section.find("| total a |").unwrap(),
        section.find("| total c |").unwrap(),
        section.find("| total b |").unwrap(),
    );
    assert!(first < a && a < c && c < second && second < b, "{section}");
    assert!(
        section.contains("Events counted (2): early, late"),
        "{section}"
    );
    assert!(section.contains("Events counted (1): late"), "{section}");
    assert_eq!(section.matches("Events counted").count(), 2, "{section}");
    assert!(html.contains("<h3>from 2025-01-01 · to Ukraine · remains</h3>\n<p class=\"meta\">Events counted (2): early, late</p>"), "{html}");
    let rts = json["running_totals"].as_array().unwrap();
    assert_eq!(rts[0]["counted"], json!(["early", "late"]));
    assert_eq!(rts[1]["counted"], json!(["late"]));
    assert_eq!(rts[1]["scope"]["from"], "2025-03-01");
    for rt in rts {
        assert_eq!(
            rt["counted"].as_array().map(Vec::len),
            rt["events"].as_u64().map(|n| n as usize)
        );
    }
}

#[test]
fn a_sheet_of_the_latest_events_says_whose_facts_it_leaves_out() {
    let fact = |id: &str| {
        let mut e = remains(
            id,
            if id == "old" {
                "2025-01-01"
            } else {
                "2025-02-01"
            },
            json!([{"source": "s", "value": {"exact": 5}}]),
        );
        e["facts"] = json!([{"id": "f", "question": format!("Asked of {id}?"),
                             "claims": [{"source": "ua", "answer": "yes"}]}]);
        e
    };
    let d = load(
        &json!({"format_version": 1, "title": "T", "sources": sources(&["s", "ua"]),
        "events": [fact("old"), fact("new")]}),
    );
    let options = SummaryOptions {
        limit: Some(1),
        ..SummaryOptions::default()
    };
    let summary = export::build(&d, &options);
    let md = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    let html = String::from_utf8(export::render(&summary, Format::Html)).unwrap();
    assert!(
        md.contains("Asked of new?") && !md.contains("Asked of old?"),
        "{md}"
    );
    let note = "The facts of the 1 earlier events not listed are left out here.";
    assert!(md.contains(note), "{md}");
    assert!(html.contains(note), "{html}");
}
