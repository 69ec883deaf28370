//! One source's whole beside another's parts in one event ("90 prisoners";
//! "40 soldiers and 50 civilians"): the parts count once, through the whole,
//! wherever both would be counted, so no total or chart bound counts the same
//! people twice; each part's own category still has its total.

use factsheet_core::load::{LoadReport, load_bytes};
use factsheet_core::model::{Category, Dataset, Side};
use factsheet_core::stats::{Group, Stats};
use serde_json::{Value, json};

fn load(value: &Value) -> LoadReport {
    let text = serde_json::to_string_pretty(value).unwrap();
    load_bytes(
        vec![("parts.json".to_string(), text.into_bytes())],
        jiff::civil::date(2026, 1, 1),
    )
}

fn figure(id: &str, category: &str, source: &str, n: u64) -> Value {
    json!({"id": id, "received_by": "ukraine", "category": category,
           "claims": [{"source": source, "value": {"exact": n}}]})
}

/// The agency gives the whole, 90 prisoners; the ministry the parts, 40
/// soldiers and 50 civilians. A promise of 100 prisoners and a running total
/// of all prisoners returned cover the event.
fn whole_and_parts() -> Value {
    json!({
        "format_version": 2, "title": "t",
        "sources": [{"id": "agency", "outlet": "Agency"}, {"id": "ministry", "outlet": "Ministry"}],
        "agreements": [{"id": "deal", "title": "Deal", "date": {"on": "2025-06-01"},
                        "terms": [{"id": "p", "description": "100 prisoners to Ukraine",
                                   "received_by": "ukraine", "category": "prisoners",
                                   "claims": [{"source": "agency", "value": {"exact": 100}}]},
                                  {"id": "s", "description": "50 soldiers to Ukraine",
                                   "received_by": "ukraine", "category": "soldiers",
                                   "claims": [{"source": "agency", "value": {"exact": 50}}]}]}],
        "events": [{
            "id": "e1", "title": "Exchange", "date": {"on": "2025-06-20"},
            "kind": "prisoner_exchange", "agreement": "deal",
            "figures": [figure("all", "prisoners", "agency", 90),
                        figure("soldiers", "soldiers", "ministry", 40),
                        figure("civilians", "civilians", "ministry", 50)]
        }],
        "running_totals": [{"id": "rt", "description": "prisoners returned to Ukraine",
                            "scope": {"received_by": "ukraine", "category": "prisoners",
                                      "from": "2025-06-20"},
                            "claims": [{"source": "agency", "value": {"exact": 90}}]}]
    })
}

fn dataset() -> Dataset {
    load(&whole_and_parts()).into_result().unwrap().0
}

#[test]
fn the_living_total_and_the_chart_count_the_whole_once() {
    let stats = Stats::of(&dataset());
    let living = stats
        .group_totals
        .iter()
        .find(|(side, group, _)| *side == Side::Ukraine && *group == Group::Living)
        .map(|(_, _, sum)| sum)
        .unwrap();
    assert_eq!(
        (living.low, living.best, living.high),
        (90, Some(90), Some(90))
    );
    let point = &stats.series(Side::Ukraine, Group::Living).unwrap().points[0];
    assert_eq!(
        (point.sum.low, point.sum.high, point.cumulative),
        (90, Some(90), 90)
    );
    // Each category keeps its own total.
    let best = |c| stats.total(Side::Ukraine, c).and_then(|s| s.best);
    assert_eq!(
        [
            best(Category::Prisoners),
            best(Category::Soldiers),
            best(Category::Civilians)
        ],
        [Some(90), Some(40), Some(50)]
    );
}

#[test]
fn a_term_or_running_total_of_all_prisoners_counts_the_whole_once_and_a_soldiers_term_its_part() {
    let stats = Stats::of(&dataset());
    let terms = &stats.agreements[0].terms;
    assert_eq!(terms[0].delivered.best, Some(90));
    assert_eq!(terms[1].delivered.best, Some(40));
    let check = &stats.running_totals[0];
    assert_eq!(check.computed.best, Some(90));
}

#[test]
fn each_part_is_warned_where_it_is() {
    let report = load(&whole_and_parts());
    for path in ["events[0].figures[1]", "events[0].figures[2]"] {
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.path.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("nothing at {path}: {:#?}", report.diagnostics));
        assert!(d.message.contains("read as part of"), "{}", d.message);
        assert!(d.line.is_some(), "{d:?}");
    }
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.path.as_deref() != Some("events[0].figures[0]")),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn without_a_whole_the_parts_add_up() {
    let mut data = whole_and_parts();
    data["events"][0]["figures"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    let dataset = load(&data).into_result().unwrap().0;
    let stats = Stats::of(&dataset);
    let living = stats
        .group_totals
        .iter()
        .find(|(side, group, _)| *side == Side::Ukraine && *group == Group::Living)
        .map(|(_, _, sum)| sum.best)
        .unwrap();
    assert_eq!(living, Some(90));
    assert_eq!(stats.agreements[0].terms[0].delivered.best, Some(90));
}
