//! Tests of the summary model, and the small datasets the writers' tests share.

use super::*;
use crate::list;
use crate::model::List;
use crate::model::{Claim, ClaimStatus, Event, Fact, FactClaim, Figure, PlaceName};
use jiff::civil::date;

pub(crate) fn claim(source: &str, value: Quantity, quote: &str) -> Claim {
    Claim {
        quote: Some(quote.into()),
        ..Claim::new(source, value)
    }
}

/// A small dataset with a conflict, a single-source figure and a fact
/// on which two sources differ only by spelling.
pub(crate) fn tiny() -> Dataset {
    let mut d: Dataset = serde_json::from_str(
        r#"{"format_version": 1, "title": "Tiny",
        "sources": [{"id": "a", "outlet": "Outlet A", "url": "https://a.example/1"},
                    {"id": "b", "outlet": "Outlet B", "url": "javascript:alert(1)"}],
        "events": []}"#,
    )
    .unwrap();
    d.events.push(Event {
        id: "e2".into(),
        title: "Second".into(),
        date: EventDate::day(date(2025, 6, 11)),
        kind: EventKind::RemainsRepatriation,
        place: None,
        mediators: list![],
        agreement: None,
        figures: list![
            Figure {
                id: "ua".into(),
                received_by: Some(Side::Ukraine),
                category: Category::Remains,
                label: None,
                claims: list![
                    claim("b", Quantity::Exact(1200), "1,200 bodies"),
                    claim("a", Quantity::Exact(1212), "1,212 bodies"),
                ],
            },
            Figure {
                id: "ru".into(),
                received_by: Some(Side::Russia),
                category: Category::Remains,
                label: None,
                claims: list![claim("a", Quantity::Exact(27), "27 bodies")],
            },
        ],
        facts: list![Fact {
            id: "where".into(),
            question: "Where?".into(),
            claims: list![
                FactClaim {
                    source: "a".into(),
                    answer: "Kyiv".into(),
                    status: ClaimStatus::Claimed,
                    attributed_to: None,
                    quote: None,
                    stated_on: None,
                    notes: None,
                },
                FactClaim {
                    source: "b".into(),
                    answer: "Kiev".into(),
                    status: ClaimStatus::Claimed,
                    attributed_to: None,
                    quote: None,
                    stated_on: None,
                    notes: None,
                },
            ],
        }],
        notes: None,
        dates: List::new(),
        links: List::new(),
        same_as: List::new(),
        distinct_from: List::new(),
    });
    let mut first = d.events[0].clone();
    first.id = "e1".into();
    first.title = "First".into();
    first.date = EventDate::day(date(2025, 5, 1));
    first.facts.clear();
    first.figures.truncate(1);
    first.figures[0].claims.truncate(1);
    d.events.push(first);
    d.place_names.push(PlaceName {
        canonical: "Kyiv".into(),
        variants: list!["Kiev".into()],
    });
    d
}

#[test]
fn events_in_date_order_and_sources_in_first_cited_order() {
    let d = tiny();
    let s = build(&d, &SummaryOptions::default());
    let ids: Vec<&str> = s.events.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["e1", "e2"]);
    let outlets: Vec<&str> = s.sources.iter().map(|s| &*s.outlet).collect();
    assert_eq!(outlets, ["Outlet B", "Outlet A"]);
    assert_eq!(s.sources[0].url, None, "only web links survive");
    assert_eq!(s.sources[1].url.as_deref(), Some("https://a.example/1"));
    let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
    // A tie between 1,200 and 1,212 goes to the lower (see `compare::estimate`).
    assert_eq!(
        (ua.low, ua.best, ua.high),
        (2400, Some(2400), Some(1212 + 1200))
    );
    assert_eq!(ua.sources, vec![1, 2]);
}

#[test]
fn conflicts_are_disagreements_but_spellings_are_not() {
    let data = tiny();
    let s = build(&data, &SummaryOptions::default());
    assert_eq!(s.disagreements.len(), 1, "{:#?}", s.disagreements);
    let d = &s.disagreements[0];
    assert_eq!(d.kind, DisagreementKind::ConflictingFigures);
    assert_eq!(d.subject, "remains to Ukraine");
    let says: Vec<&str> = d.statements.iter().map(|s| &*s.says).collect();
    assert_eq!(says, ["1,200", "1,212"]);
    assert_eq!(s.single_source.len(), 2);
    assert!(s.single_source.iter().any(|r| r.statement.says == "27"));

    // Kiev is folded even without the dataset's table (the built-in one knows it);
    // a different place is a disagreement.
    let mut d = tiny();
    d.place_names.clear();
    let s = build(&d, &SummaryOptions::default());
    assert_eq!(s.disagreements.len(), 1, "{:#?}", s.disagreements);
    d.events[0].facts[0].claims[1].answer = "Odesa".into();
    let s = build(&d, &SummaryOptions::default());
    let facts: Vec<&Disagreement> = s
        .disagreements
        .iter()
        .filter(|d| d.kind == DisagreementKind::DifferentAnswers)
        .collect();
    assert_eq!(facts.len(), 1, "{:#?}", s.disagreements);
    assert_eq!(facts[0].subject, "Where?");
}

#[test]
fn options_narrow_to_the_events_on_screen() {
    let d = tiny();
    let opts = SummaryOptions::with_event_ids(&d, &["e1", "nope"], Some("before June".into()));
    let s = build(&d, &opts);
    assert_eq!(s.event_count, 1);
    assert_eq!(s.events.len(), 1);
    assert_eq!(s.events[0].id, "e1");
    assert_eq!(s.filter.as_deref(), Some("before June"));
    assert_eq!(
        s.total(Side::Ukraine, Category::Remains).unwrap().best,
        Some(1200)
    );
    assert!(s.disagreements.is_empty());
}

#[test]
fn a_limit_lists_the_latest_events_and_counts_the_rest() {
    let d = crate::testing::generated_dataset(300, 3);
    let all = build(&d, &SummaryOptions::default());
    assert!(all.unlisted.is_none());
    let limited = build(
        &d,
        &SummaryOptions {
            limit: Some(40),
            ..SummaryOptions::default()
        },
    );
    let u = limited.unlisted.expect("some events are unlisted");

    // The listed events are the latest 40, in the same order.
    assert_eq!(limited.events.len(), 40);
    assert_eq!(u.events, 260);
    let ids = |s: &Summary| {
        s.events
            .iter()
            .map(|e| e.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&limited), ids(&all)[260..]);

    // What is not listed is counted, and adds up to the whole.
    let figures_listed: usize = limited.events.iter().map(|e| e.figures.len()).sum();
    let figures_all: usize = all.events.iter().map(|e| e.figures.len()).sum();
    assert_eq!(figures_listed + u.figures, figures_all);
    let on_events = |s: &Summary| {
        let agreements: Vec<&str> = s.agreements.iter().map(|a| &*a.id).collect();
        s.disagreements
            .iter()
            .filter(|d| !agreements.contains(&&*d.on_id))
            .count()
    };
    assert!(u.disagreements > 0 && u.single_source > 0, "{u:?}");
    assert_eq!(on_events(&limited) + u.disagreements, on_events(&all));
    // Facts among them too (the statistics count those, not this sheet).
    let on_facts = |s: &Summary| {
        s.disagreements
            .iter()
            .filter(|d| d.kind == DisagreementKind::DifferentAnswers)
            .count()
    };
    assert!(
        on_facts(&all) > on_facts(&limited),
        "no unlisted fact disputed"
    );
    assert_eq!(
        limited.single_source.len() + u.single_source,
        all.single_source.len()
    );

    // Totals, series and delivery cover every event.
    let numbers = |s: &Summary| {
        s.totals
            .iter()
            .map(|t| (t.received_by, t.category, t.low, t.best, t.high, t.figures))
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(&limited), numbers(&all));
    assert_eq!(limited.series, all.series);
    assert_eq!(limited.event_count, all.event_count);
    let delivered = |s: &Summary| {
        s.agreements
            .iter()
            .flat_map(|a| a.terms.iter().map(|t| (t.delivered, t.events)))
            .collect::<Vec<_>>()
    };
    assert_eq!(delivered(&limited), delivered(&all));

    // Only what is listed is cited, and every citation has its source row.
    assert!(limited.sources.len() < all.sources.len());
    let cited = limited.totals.iter().flat_map(|t| t.sources.iter()).chain(
        limited.agreements.iter().flat_map(|a| {
            a.terms
                .iter()
                .flat_map(|t| t.delivered_sources.iter().chain(&t.target_sources))
        }),
    );
    for &n in cited {
        assert!(limited.source(n).is_some(), "citation [{n}] has no source");
    }
}

#[test]
fn a_limit_at_or_above_the_event_count_lists_everything() {
    let d = tiny();
    for limit in [d.events.len(), d.events.len() + 5] {
        let s = build(
            &d,
            &SummaryOptions {
                limit: Some(limit),
                ..SummaryOptions::default()
            },
        );
        assert_eq!(s, build(&d, &SummaryOptions::default()));
    }
    let none = build(
        &d,
        &SummaryOptions {
            limit: Some(0),
            ..SummaryOptions::default()
        },
    );
    assert!(none.events.is_empty());
    assert_eq!(none.unlisted.map(|u| u.events), Some(d.events.len()));
    assert_eq!(none.event_count, d.events.len());
}

#[test]
fn every_fact_is_listed_and_a_sheet_of_everything_lists_every_source() {
    let mut d = tiny();
    // A source no claim cites.
    let mut unused = d.sources[0].clone();
    unused.id = "c".into();
    unused.outlet = "Outlet C".into();
    d.sources.push(unused);
    let s = build(&d, &SummaryOptions::default());
    // "Kyiv" and "Kiev" agree once folded: no disagreement, but the fact is listed.
    assert!(s.disagreements.iter().all(|x| x.subject != "Where?"));
    let fact = s.facts.iter().find(|f| f.question == "Where?").unwrap();
    assert_eq!(fact.consensus, "agree");
    assert_eq!(fact.consensus_text(), "the sources agree");
    assert_eq!(fact.answers.len(), 2);
    let ids: Vec<&str> = s.sources.iter().map(|r| &*r.id).collect();
    assert!(ids.contains(&"c"), "{ids:?}");
    // A filtered sheet lists only the sources it cites.
    let some = SummaryOptions::with_event_ids(&d, &["e2"], Some("one event".into()));
    let s = build(&d, &some);
    assert!(s.sources.iter().all(|r| r.id != "c"));
}

#[test]
fn running_totals_of_one_scope_are_grouped_in_their_order() {
    use crate::model::{RunningTotal, TotalCounts, TotalScope};
    let mut d = tiny();
    let total = |id: &str, side: Side| RunningTotal {
        id: id.into(),
        description: id.into(),
        scope: TotalScope {
            received_by: Some(side),
            ..TotalScope::default()
        },
        counts: TotalCounts::People,
        claims: list![claim("a", Quantity::Exact(1), "1")],
        notes: None,
        baseline: None,
    };
    d.running_totals = list![
        total("ua-1", Side::Ukraine),
        total("ru", Side::Russia),
        total("ua-2", Side::Ukraine),
    ];
    let s = build(&d, &SummaryOptions::default());
    let groups: Vec<Vec<&str>> = s
        .running_total_groups()
        .iter()
        .map(|g| g.totals.iter().map(|t| &*t.id).collect())
        .collect();
    assert_eq!(groups, vec![vec!["ua-1", "ua-2"], vec!["ru"]]);
    // Each names the events it counted: those with a figure to its side.
    let ua = &s.running_totals[0];
    assert_eq!(ua.counted.len(), 2);
    assert!(ua.counted.iter().any(|id| id == "e2"));
}
