//! Running totals checked against small datasets built for each way the data
//! can fall short of a verdict.

use super::*;
use crate::list;
use crate::model::List;
use crate::model::{Claim, Event, EventDate, EventKind, Figure, Quantity, TotalCounts, TotalScope};
use jiff::civil::date;

fn claim(source: &str, value: Quantity) -> Claim {
    Claim::new(source, value)
}

fn remains_event(id: &str, on: Date, claims: Vec<Claim>) -> Event {
    Event {
        id: id.into(),
        title: id.into(),
        date: EventDate::day(on),
        kind: EventKind::RemainsRepatriation,
        place: None,
        mediators: List::new(),
        agreement: None,
        figures: list![Figure {
            id: "u".into(),
            received_by: Some(Side::Ukraine),
            category: Category::Remains,
            label: None,
            claims: claims.into(),
        }],
        facts: List::new(),
        notes: None,
        dates: List::new(),
        links: List::new(),
        same_as: List::new(),
        distinct_from: List::new(),
    }
}

fn total(from: Option<Date>, stated: Quantity) -> RunningTotal {
    RunningTotal {
        id: "rt".into(),
        description: "bodies returned to Ukraine".into(),
        scope: TotalScope {
            from: from.map(Into::into),
            received_by: Some(Side::Ukraine),
            category: Some(Category::Remains),
            ..TotalScope::default()
        },
        counts: TotalCounts::People,
        claims: list![claim("s", stated)],
        notes: None,
        baseline: None,
    }
}

fn check(d: &Dataset) -> RunningTotalCheck {
    let mut checks = Stats::of(d).running_totals;
    assert_eq!(checks.len(), 1);
    checks.remove(0)
}

/// One stage of 300, then seven stages whose figures were not disclosed.
fn stages() -> Dataset {
    let mut d = Dataset::empty("t");
    d.events.push(remains_event(
        "e0",
        date(2025, 1, 10),
        vec![claim("s", Quantity::Exact(300))],
    ));
    for i in 1..8 {
        d.events.push(remains_event(
            &format!("e{i}"),
            date(2025, 2, i),
            vec![claim("s", Quantity::NotDisclosed)],
        ));
    }
    d
}

#[test]
fn undisclosed_stages_give_no_verdict() {
    let mut d = stages();
    d.running_totals = list![total(Some(date(2025, 1, 10)), Quantity::Exact(1_100))];
    let c = check(&d);
    assert_eq!(c.undisclosed_events, 7);
    assert_eq!(c.computed_text(), "300 + not disclosed (7 events)");
    let claim = &c.claims[0];
    assert_eq!(claim.verdict, Verdict::CannotTell(Unknown::NotDisclosed));
    assert_eq!(claim.difference, None);
}

#[test]
fn undisclosed_stages_still_refute_a_total_the_rest_exceeds() {
    let mut d = stages();
    d.running_totals = list![total(Some(date(2025, 1, 10)), Quantity::Exact(250))];
    assert_eq!(check(&d).claims[0].verdict, Verdict::Inconsistent);
}

#[test]
fn a_total_since_before_the_data_gets_no_verdict() {
    let mut d = Dataset::empty("t");
    d.events.push(remains_event(
        "e0",
        date(2024, 3, 1),
        vec![claim("s", Quantity::Exact(12_000))],
    ));
    // "12,000 bodies returned since 2022", in data that begins in 2024: even
    // a matching sum is no confirmation, nor a differing one a refutation.
    for stated in [12_000, 11_000, 13_000] {
        d.running_totals = list![total(Some(date(2022, 1, 1)), Quantity::Exact(stated))];
        let c = check(&d);
        assert!(!c.within_data());
        assert_eq!(c.earliest_event, Some(date(2024, 3, 1)));
        assert_eq!(
            c.claims[0].verdict,
            Verdict::CannotTell(Unknown::BeforeData)
        );
    }
    // No start at all reaches before the data too.
    d.running_totals = list![total(None, Quantity::Exact(12_000))];
    assert_eq!(
        check(&d).claims[0].verdict,
        Verdict::CannotTell(Unknown::BeforeData)
    );
    // From the earliest event on, the data covers it.
    d.running_totals = list![total(Some(date(2024, 3, 1)), Quantity::Exact(12_000))];
    assert_eq!(check(&d).claims[0].verdict, Verdict::Consistent(Fit::Exact));
}

#[test]
fn an_agreement_date_starts_a_scope() {
    let mut d = Dataset::empty("t");
    let mut e = remains_event(
        "e0",
        date(2025, 6, 11),
        vec![claim("s", Quantity::Exact(5))],
    );
    e.agreement = Some("ist".into());
    d.events.push(remains_event(
        "early",
        date(2025, 5, 1),
        vec![claim("s", Quantity::Exact(1))],
    ));
    d.events.push(e);
    d.agreements.push(Agreement {
        id: "ist".into(),
        title: "Istanbul".into(),
        date: EventDate::day(date(2025, 6, 2)),
        place: None,
        parties: List::new(),
        mediators: List::new(),
        terms: List::new(),
        facts: List::new(),
        notes: None,
        kind: Default::default(),
        same_as: List::new(),
        distinct_from: List::new(),
    });
    let mut t = total(None, Quantity::Exact(5));
    t.scope.agreement = Some("ist".into());
    d.running_totals = list![t];
    let c = check(&d);
    assert_eq!(c.scope_start, Some(date(2025, 6, 2)));
    assert_eq!(c.claims[0].verdict, Verdict::Consistent(Fit::Exact));
}

#[test]
fn a_figure_two_sides_give_differently_is_a_range() {
    let mut d = Dataset::empty("t");
    d.events.push(remains_event(
        "e0",
        date(2025, 1, 1),
        vec![claim("s", Quantity::Exact(3_100))],
    ));
    d.events.push(remains_event(
        "e1",
        date(2025, 2, 1),
        vec![
            claim("ua", Quantity::Exact(1_000)),
            claim("ru", Quantity::Exact(1_003)),
        ],
    ));
    d.running_totals = list![total(Some(date(2025, 1, 1)), Quantity::Exact(4_101))];
    let c = check(&d);
    assert_eq!(c.computed_text(), "4,100–4,103");
    let claim = &c.claims[0];
    assert_eq!(claim.verdict, Verdict::Consistent(Fit::WithinRange));
    assert_eq!(claim.difference, Some(Difference { low: -2, high: 1 }));
    assert_eq!(
        claim.difference.map(|d| d.text()).as_deref(),
        Some("-2 to +1")
    );
    assert_eq!(
        claim.verdict.text(claim.stated, c.earliest_event),
        "yes (within the range the data allows)"
    );
}

#[test]
fn only_an_inconsistent_claim_is_warned_about() {
    let mut d = stages();
    d.running_totals = list![total(Some(date(2025, 1, 10)), Quantity::Exact(1_100))];
    assert!(running_total_warnings(&d, |_| None).is_empty());
    d.running_totals = list![total(Some(date(2025, 1, 10)), Quantity::Exact(250))];
    let warnings = running_total_warnings(&d, |_| None);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .contains("300 + not disclosed (7 events)"),
        "{:?}",
        warnings[0].message
    );
}

#[test]
fn a_running_sum_of_undisclosed_figures_is_unknown_not_0() {
    let mut d = stages();
    // Only the undisclosed stages: the chart's running sum knows nothing yet.
    d.events.remove(0);
    let s = Stats::of(&d);
    let series = s.series(Side::Ukraine, Group::Remains).unwrap();
    let first = &series.points[0];
    assert!(!first.cumulative_known);
    assert_eq!(first.cumulative_text(), "not disclosed");
    let json = serde_json::to_value(first).unwrap();
    assert_eq!(json["cumulative"], serde_json::Value::Null);
    assert_eq!(json["sum"]["best"], serde_json::Value::Null);
    let back: SeriesPoint = serde_json::from_value(json).unwrap();
    assert_eq!(&back, first);
    // Once a figure has a number, the running sum is known from there on.
    let s = Stats::of(&stages());
    let points = &s.series(Side::Ukraine, Group::Remains).unwrap().points;
    assert!(points.iter().all(|p| p.cumulative_known));
    assert_eq!(points.last().map(|p| p.cumulative), Some(300));
}
