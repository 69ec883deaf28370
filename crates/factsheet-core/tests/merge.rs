//! Files that overlap, merged: the bundled sample opened with a desk's file
//! that re-reports its events under other ids from other outlets counts each
//! real event once and compares the sources of both; and, as a property, a
//! dataset merged with a copy of itself whose every id is renamed gives the
//! totals, chart series and agreement progress of the dataset alone.

use factsheet_core::compare::{Comparer, Consensus};
use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::list;
use factsheet_core::load::merge::Mode;
use factsheet_core::load::{SAMPLE_JSON, SAMPLE_LABEL, load_bytes, load_bytes_with};
use factsheet_core::model::{
    Agreement, Category, Claim, Dataset, DatePrecision, Event, EventDate, EventKind, Figure, List,
    Quantity, Side, Source, Term, Text,
};
use factsheet_core::stats::Stats;
use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;

const DESK: &[u8] = include_bytes!("fixtures/merge/desk.json");
const DESK_LABEL: &str = "desk.json";

fn today() -> Date {
    date(2026, 1, 1)
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    vec![
        (SAMPLE_LABEL.to_string(), SAMPLE_JSON.to_vec()),
        (DESK_LABEL.to_string(), DESK.to_vec()),
    ]
}

fn sample_alone() -> Dataset {
    let r = load_bytes(
        vec![(SAMPLE_LABEL.to_string(), SAMPLE_JSON.to_vec())],
        today(),
    );
    r.dataset.unwrap()
}

#[test]
fn the_sample_and_a_desk_file_count_each_real_event_once() {
    let r = load_bytes(inputs(), today());
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    let merged = r.dataset.as_ref().unwrap();
    let alone = sample_alone();

    // Three handovers and two rounds of talks, as in the sample alone.
    let ids: Vec<&str> = merged.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2025-05-prisoner-exchange",
            "2025-06-09-wounded-and-young",
            "2025-06-11-remains"
        ]
    );
    assert_eq!(merged.agreements.len(), 2);
    // The sample's two sources and the desk's three.
    assert_eq!(merged.sources.len(), 5);

    // Each merge is a warning in the desk file naming the sample's item by line and column.
    let notes: Vec<String> = r.merge_notes.iter().map(ToString::to_string).collect();
    assert_eq!(notes.len(), 5, "{notes:#?}");
    assert!(
        notes.iter().any(|n| n.starts_with("desk.json:115:5: warning: the event \"desk-bodies-0611\" looks like \"2025-06-11-remains\" in sample_data/russia-ukraine-2025.json:466:5")),
        "{notes:#?}"
    );
    assert_eq!(
        r.provenance.describe("2025-06-11-remains").as_deref(),
        Some(
            "merged from russia-ukraine-2025.json (2025-06-11-remains) and desk.json (desk-bodies-0611)"
        )
    );

    // Totals, the chart, agreement progress and the stage count: as the sample
    // alone, but for what Reuters' 1,200 adds to the remains to Ukraine: a
    // lower bound, the best value still the sample's 1,212.
    let (m, a) = (Stats::compute(merged, None), Stats::compute(&alone, None));
    assert_eq!(m.events, 3);
    let by_key = |s: &Stats| {
        s.totals
            .iter()
            .map(|t| {
                (
                    t.side,
                    t.category,
                    t.sum.figures,
                    t.sum.low,
                    t.sum.best,
                    t.sum.high,
                )
            })
            .collect::<Vec<_>>()
    };
    let mut expected = by_key(&a);
    for t in &mut expected {
        if (t.0, t.1) == (Side::Ukraine, Category::Remains) {
            assert_eq!((t.2, t.3, t.4, t.5), (1, 1212, Some(1212), Some(1212)));
            t.3 = 1200;
        }
    }
    assert_eq!(by_key(&m), expected);
    // Each point once, as many events behind it (dates may be narrower: the
    // desk gives days where the sample gives a month).
    let points = |s: &Stats| {
        s.series
            .iter()
            .map(|x| {
                let points: Vec<_> = x.points.iter().map(|p| (p.events, p.sum.best)).collect();
                (x.side, x.group, points)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(points(&m), points(&a));
    let delivered = |s: &Stats| {
        s.agreements
            .iter()
            .map(|p| {
                let terms = p.terms.iter().map(|t| (t.events, t.delivered.best));
                (p.id.clone(), terms.collect::<Vec<_>>())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(delivered(&m), delivered(&a));
    let counted = |s: &Stats| {
        s.running_totals
            .iter()
            .map(|c| (c.events, c.computed))
            .collect::<Vec<_>>()
    };
    assert_eq!(counted(&m), counted(&a));

    // The remains to Ukraine: the sample's 1,212 (three claims) and Reuters' 1,200, compared.
    let remains = &merged.events[2];
    let comparison = Comparer::new(merged).event(remains);
    let to_ukraine = comparison
        .figures
        .iter()
        .find(|f| f.received_by == Some(Side::Ukraine))
        .unwrap();
    assert_eq!(to_ukraine.claims.len(), 4);
    assert_eq!(to_ukraine.class, Consensus::Conflicting);
    assert!(comparison.sources.iter().any(|s| s.outlet == "Reuters"));

    // The fact sheet shows both files' sources on it.
    let summary = export::build(merged, &SummaryOptions::default());
    let sheet = String::from_utf8(export::render(&summary, Format::Markdown)).unwrap();
    assert!(sheet.contains("Reuters"), "{sheet}");
    assert!(sheet.contains("1,200"), "{sheet}");
}

#[test]
fn no_merge_keeps_the_strict_rule() {
    // Under other ids nothing is one item, so nothing is an error ...
    let r = load_bytes_with(inputs(), today(), Mode::Strict);
    assert!(!r.has_errors(), "{:#?}", r.diagnostics);
    assert_eq!(r.dataset.unwrap().events.len(), 6);
    // ... but the same id written differently is.
    let renamed = String::from_utf8(DESK.to_vec())
        .unwrap()
        .replace("\"desk-bodies-0611\"", "\"2025-06-11-remains\"");
    let inputs = vec![
        (SAMPLE_LABEL.to_string(), SAMPLE_JSON.to_vec()),
        (DESK_LABEL.to_string(), renamed.into_bytes()),
    ];
    let r = load_bytes_with(inputs, today(), Mode::Strict);
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "desk.json:115:5: error: the event \"2025-06-11-remains\" here differs from \"2025-06-11-remains\" in sample_data/russia-ukraine-2025.json:466:5; with --no-merge, items that share an id must be identical (at events[2])"
        ]
    );
}

// ---- the property --------------------------------------------------------

fn day(offset: i32) -> Date {
    date(2025, 1, 1)
        .checked_add(offset.days())
        .unwrap_or(date(2025, 1, 1))
}

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        (1u64..3000).prop_map(Quantity::Exact),
        (10u64..3000).prop_map(Quantity::Approximately),
        (1u64..3000).prop_map(Quantity::MoreThan),
        Just(Quantity::NotDisclosed),
    ]
}

fn figure(j: usize, sources: usize) -> impl Strategy<Value = Figure> {
    (
        prop::option::of(prop::sample::select(Side::ALL.to_vec())),
        prop::sample::select(vec![Category::Remains, Category::Prisoners]),
        prop::collection::vec((0..sources, quantity()), 1..3),
    )
        .prop_map(move |(received_by, category, claims)| Figure {
            id: format!("f{j}").into(),
            received_by,
            category,
            label: None,
            claims: claims
                .into_iter()
                .map(|(s, v)| Claim::new(format!("s{s}"), v))
                .collect(),
        })
}

fn event(i: usize, sources: usize, agreements: usize) -> impl Strategy<Value = Event> {
    (
        0i32..120,
        any::<bool>(),
        prop::sample::select(vec![
            EventKind::PrisonerExchange,
            EventKind::RemainsRepatriation,
        ]),
        prop::collection::vec(0..1usize, 0..3)
            .prop_flat_map(move |v| (0..v.len()).map(|j| figure(j, sources)).collect::<Vec<_>>()),
        prop::option::of(0..agreements.max(1)),
    )
        .prop_map(move |(on, month, kind, figures, agreement)| Event {
            id: format!("e{i}").into(),
            title: format!("event {}", i % 3).into(),
            date: EventDate {
                on: day(on),
                until: None,
                precision: if month {
                    DatePrecision::Month
                } else {
                    DatePrecision::Day
                },
            },
            kind,
            place: None,
            mediators: List::new(),
            agreement: agreement
                .filter(|_| agreements > 0)
                .map(|a| format!("a{a}").into()),
            figures: figures.into(),
            facts: List::new(),
            notes: None,
            dates: List::new(),
            links: List::new(),
            same_as: List::new(),
            distinct_from: List::new(),
        })
}

fn agreement(k: usize, sources: usize) -> impl Strategy<Value = Agreement> {
    (0i32..60, 1u64..8000, 0..sources).prop_map(move |(on, value, s)| Agreement {
        id: format!("a{k}").into(),
        title: "talks".into(),
        kind: Default::default(),
        date: EventDate::day(day(on)),
        place: None,
        parties: List::new(),
        mediators: List::new(),
        terms: list![Term {
            id: "t".into(),
            description: "bodies".into(),
            received_by: Side::Ukraine,
            category: Category::Remains,
            claims: list![Claim::new(format!("s{s}"), Quantity::Exact(value))],
            notes: None,
        }],
        facts: List::new(),
        notes: None,
        same_as: List::new(),
        distinct_from: List::new(),
    })
}

/// 1–3 sources (each with its own url), 0–2 agreements, 0–9 events.
fn dataset() -> impl Strategy<Value = Dataset> {
    (1usize..=3, 0usize..=2, 0usize..10)
        .prop_flat_map(|(ns, na, ne)| {
            (
                (0..na).map(|k| agreement(k, ns)).collect::<Vec<_>>(),
                (0..ne).map(|i| event(i, ns, na)).collect::<Vec<_>>(),
                Just(ns),
            )
        })
        .prop_map(|(agreements, events, ns)| {
            let mut d = Dataset::empty("one");
            d.sources = (0..ns)
                .map(|s| Source {
                    id: format!("s{s}").into(),
                    outlet: format!("Outlet {s}").into(),
                    title: None,
                    url: Some(format!("https://example.org/{s}").into()),
                    published: None,
                    language: None,
                    affiliation: Default::default(),
                    archive_url: None,
                    retrieved: None,
                    notes: None,
                    relays: None,
                    saved_copy: None,
                })
                .collect();
            d.agreements = agreements.into();
            d.events = events.into();
            d
        })
}

/// `d` with every id (sources, agreements, events) and every reference renamed.
fn renamed(d: &Dataset) -> Dataset {
    let new = |id: &Text| Text::from(format!("copy-{id}"));
    let mut c = d.clone();
    c.title = "copy".into();
    for s in &mut c.sources {
        s.id = new(&s.id);
    }
    for a in &mut c.agreements {
        a.id = new(&a.id);
        for t in &mut a.terms {
            for claim in &mut t.claims {
                claim.source = new(&claim.source);
            }
        }
    }
    for e in &mut c.events {
        e.id = new(&e.id);
        e.agreement = e.agreement.as_ref().map(new);
        for f in &mut e.figures {
            for claim in &mut f.claims {
                claim.source = new(&claim.source);
            }
        }
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_copy_with_every_id_renamed_counts_nothing_twice(d in dataset()) {
        let one = serde_json::to_vec(&d).unwrap();
        let two = serde_json::to_vec(&renamed(&d)).unwrap();
        let r = load_bytes(vec![("one.json".into(), one.clone()), ("two.json".into(), two)], today());
        prop_assert!(!r.has_errors(), "{:#?}", r.diagnostics);
        let merged = r.dataset.unwrap();
        let alone = load_bytes(vec![("one.json".into(), one)], today()).dataset.unwrap();
        prop_assert_eq!(merged.events.len(), alone.events.len(), "{:#?}", r.diagnostics);
        let (m, a) = (Stats::compute(&merged, None), Stats::compute(&alone, None));
        prop_assert_eq!(&m.totals, &a.totals);
        prop_assert_eq!(&m.unsplit, &a.unsplit);
        prop_assert_eq!(&m.series, &a.series);
        prop_assert_eq!(&m.agreements, &a.agreements);
    }
}
