//! Tests of the statistics: totals, series, agreement progress and running totals.

use super::*;
use crate::compare::Estimate;
use crate::list;
use crate::model::List;
use crate::model::{
    Claim, DatePrecision, Event, EventDate, EventKind, Figure, Quantity, Term, TotalCounts,
    TotalScope,
};
use jiff::civil::date;

fn claim(source: &str, value: Quantity) -> Claim {
    Claim::new(source, value)
}

fn figure(id: &str, side: Side, category: Category, claims: Vec<Claim>) -> Figure {
    Figure {
        id: id.into(),
        received_by: Some(side),
        category,
        label: None,
        claims: claims.into(),
    }
}

fn event(id: &str, on: Date, figures: Vec<Figure>) -> Event {
    Event {
        id: id.into(),
        title: id.into(),
        date: EventDate::day(on),
        kind: EventKind::RemainsRepatriation,
        place: None,
        mediators: List::new(),
        agreement: None,
        figures: figures.into(),
        facts: List::new(),
        notes: None,
        dates: List::new(),
        links: List::new(),
        same_as: List::new(),
        distinct_from: List::new(),
    }
}

fn small() -> Dataset {
    let mut d = Dataset::empty("t");
    let mut e1 = event(
        "e1",
        date(2025, 6, 11),
        vec![
            figure(
                "u",
                Side::Ukraine,
                Category::Remains,
                vec![
                    claim("a", Quantity::Exact(1212)),
                    claim("b", Quantity::MoreThan(1200)),
                ],
            ),
            figure(
                "r",
                Side::Russia,
                Category::Remains,
                vec![claim("a", Quantity::Exact(27))],
            ),
        ],
    );
    e1.agreement = Some("ist".into());
    let mut e2 = event(
        "e2",
        date(2025, 6, 16),
        vec![figure(
            "u",
            Side::Ukraine,
            Category::Remains,
            vec![claim("a", Quantity::Exact(6057))],
        )],
    );
    e2.agreement = Some("ist".into());
    let mut e3 = event(
        "e3",
        date(2025, 6, 1),
        vec![
            figure(
                "s",
                Side::Ukraine,
                Category::Soldiers,
                vec![claim("a", Quantity::Range { low: 10, high: 20 })],
            ),
            figure(
                "c",
                Side::Ukraine,
                Category::Civilians,
                vec![claim("a", Quantity::Exact(5))],
            ),
        ],
    );
    e3.kind = EventKind::PrisonerExchange;
    e3.date.precision = DatePrecision::Month;
    d.events = list![e1, e2, e3];
    d.agreements = list![Agreement {
        id: "ist".into(),
        title: "Istanbul".into(),
        date: EventDate::day(date(2025, 6, 2)),
        place: None,
        parties: List::new(),
        mediators: List::new(),
        terms: list![Term {
            id: "to-ua".into(),
            description: "6,000 bodies to Ukraine".into(),
            received_by: Side::Ukraine,
            category: Category::Remains,
            claims: list![claim("a", Quantity::Exact(6000))],
            notes: None,
        }],
        facts: List::new(),
        notes: None,
        kind: Default::default(),
        same_as: List::new(),
        distinct_from: List::new(),
    }];
    d.running_totals = list![RunningTotal {
        id: "rt".into(),
        description: "bodies to Ukraine under Istanbul".into(),
        scope: TotalScope {
            agreement: Some("ist".into()),
            received_by: Some(Side::Ukraine),
            category: Some(Category::Remains),
            ..TotalScope::default()
        },
        counts: TotalCounts::People,
        claims: list![
            claim("a", Quantity::Exact(7269)),
            claim("b", Quantity::Exact(6000)),
            claim("c", Quantity::Approximately(7300)),
        ],
        notes: None,
        baseline: None,
    }];
    d
}

#[test]
fn a_figure_not_split_by_side_counts_only_in_side_free_scopes() {
    let mut d = Dataset::empty("t");
    let mut swap = event(
        "swap",
        date(2025, 5, 23),
        vec![Figure {
            received_by: None,
            ..figure(
                "all",
                Side::Ukraine,
                Category::Prisoners,
                vec![claim("a", Quantity::Exact(1000))],
            )
        }],
    );
    swap.kind = EventKind::PrisonerExchange;
    d.events.push(swap);
    let scope = |received_by| TotalScope {
        received_by,
        ..TotalScope::default()
    };
    for (id, received_by) in [("all", None), ("ua", Some(Side::Ukraine))] {
        d.running_totals.push(RunningTotal {
            id: id.into(),
            description: id.into(),
            scope: scope(received_by),
            counts: TotalCounts::People,
            claims: list![claim("a", Quantity::Exact(1000))],
            notes: None,
            baseline: None,
        });
    }
    let s = Stats::of(&d);
    for side in Side::ALL {
        assert!(s.total(side, Category::Prisoners).is_none(), "{side:?}");
    }
    let computed = |id: &str| {
        s.running_totals
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.computed.best)
            .unwrap()
    };
    assert_eq!(computed("all"), Some(1000));
    assert_eq!(computed("ua"), Some(0));
    // The events each counts: the swap for the side-free scope only.
    assert_eq!(events_counted_by(&d, &d.running_totals[0].scope), [0]);
    assert!(events_counted_by(&d, &d.running_totals[1].scope).is_empty());
}

#[test]
fn the_events_a_running_total_counts_are_those_it_is_checked_against() {
    let bytes = crate::testing::generated_bytes(3_000, 5);
    let (d, _) = crate::load::load_bytes(vec![("g".to_string(), bytes)], date(2026, 1, 1))
        .into_result()
        .unwrap();
    let s = Stats::of(&d);
    assert!(s.running_totals.iter().any(|c| c.events > 0));
    for check in &s.running_totals {
        let scope = &d.running_totals[check.total].scope;
        let counted = events_counted_by(&d, scope);
        assert_eq!(counted.len(), check.events, "{}", check.id);
        assert_eq!(events_counted_by_each(&d)[check.total], counted);
        assert!(counted.iter().all(|&i| event_in_scope(&d.events[i], scope)));
    }
}

#[test]
fn totals_sum_low_best_high_per_side_and_category() {
    let s = Stats::of(&small());
    let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
    assert_eq!(ua.best, Some(1212 + 6057));
    assert_eq!(ua.low, 1201 + 6057);
    assert_eq!(ua.high, None, "\"more than 1,200\" leaves no upper bound");
    assert_eq!(ua.figures, 2);
    let soldiers = s.total(Side::Ukraine, Category::Soldiers).unwrap();
    assert_eq!((soldiers.low, soldiers.high), (10, Some(20)));
    assert!(s.total(Side::Russia, Category::Soldiers).is_none());
    let living = s
        .group_totals
        .iter()
        .find(|(side, g, _)| *side == Side::Ukraine && *g == Group::Living)
        .unwrap();
    assert_eq!(living.2.low, 15);
    assert_eq!(s.events, 3);
    assert_eq!(s.date_range, Some((date(2025, 6, 1), date(2025, 6, 30))));
}

#[test]
fn series_are_per_date_cumulative_and_mark_vague_dates() {
    let s = Stats::of(&small());
    let remains = s.series(Side::Ukraine, Group::Remains).unwrap();
    let cumulative: Vec<u64> = remains.points.iter().map(|p| p.cumulative).collect();
    assert_eq!(cumulative, vec![1212, 1212 + 6057]);
    assert!(remains.points.iter().all(|p| p.exact));
    let living = s.series(Side::Ukraine, Group::Living).unwrap();
    assert_eq!(
        living.points.len(),
        1,
        "two figures of one event, one point"
    );
    let p = &living.points[0];
    assert!(!p.exact);
    assert_eq!((p.first, p.last), (date(2025, 6, 1), date(2025, 6, 30)));
    assert_eq!(p.events, 1);
    // A range of 10–20 gives no best: the point is "at least" 10 + 5, not 15.
    assert_eq!(p.sum.best, None);
    assert_eq!((p.sum.low, p.sum.bounded), (10 + 5, 1));
    assert_eq!(p.sum.text(), "at least 15");
    assert!(p.cumulative_at_least);
    assert_eq!(p.cumulative_text(), "at least 15");
    assert!(
        s.series(Side::Russia, Group::Living)
            .unwrap()
            .points
            .is_empty()
    );
}

#[test]
fn figures_not_split_by_side_are_totalled_apart() {
    let mut d = small();
    d.events[2].figures.push(Figure {
        received_by: None,
        ..figure(
            "both",
            Side::Ukraine,
            Category::Prisoners,
            vec![claim("a", Quantity::Exact(1000))],
        )
    });
    let s = Stats::of(&d);
    assert_eq!(s.unsplit.len(), 1);
    assert_eq!(s.unsplit[0].0, Category::Prisoners);
    assert_eq!(s.unsplit[0].1.best, Some(1000));
    assert!(s.total(Side::Ukraine, Category::Prisoners).is_none());
    let living = s.series(Side::Ukraine, Group::Living).unwrap();
    assert_eq!(
        living.points[0].sum.low, 15,
        "not drawn on either side's line"
    );
}

#[test]
fn many_events_on_one_day_make_one_point() {
    let mut d = Dataset::empty("t");
    for i in 0..1000u64 {
        let day = date(2025, 1, 1 + (i % 3) as i8);
        d.events.push(event(
            &format!("e{i}"),
            day,
            vec![figure(
                "f",
                Side::Russia,
                Category::Remains,
                vec![claim("a", Quantity::Exact(1))],
            )],
        ));
    }
    let s = Stats::of(&d);
    let points = &s.series(Side::Russia, Group::Remains).unwrap().points;
    assert_eq!(points.len(), 3);
    assert_eq!(points.iter().map(|p| p.events).sum::<usize>(), 1000);
    assert_eq!(points.last().unwrap().cumulative, 1000);
}

#[test]
fn selection_narrows_totals_but_not_agreements() {
    let d = small();
    let s = Stats::compute(&d, Some(&[1, 99]));
    assert_eq!(s.events, 1);
    assert_eq!(
        s.total(Side::Ukraine, Category::Remains).unwrap().best,
        Some(6057)
    );
    assert!(s.total(Side::Russia, Category::Remains).is_none());
    let term = &s.agreements[0].terms[0];
    assert_eq!(term.delivered.best, Some(1212 + 6057));
}

#[test]
fn agreement_progress_counts_linked_events_since_the_agreement() {
    let mut d = small();
    // A linked event before the agreement was signed does not deliver on it.
    let mut early = event(
        "early",
        date(2025, 5, 1),
        vec![figure(
            "u",
            Side::Ukraine,
            Category::Remains,
            vec![claim("a", Quantity::Exact(900))],
        )],
    );
    early.agreement = Some("ist".into());
    d.events.push(early);
    let s = Stats::of(&d);
    let term = &s.agreements[0].terms[0];
    assert_eq!(term.target.best, Some(6000));
    assert_eq!(term.delivered.best, Some(1212 + 6057));
    assert_eq!(term.events, 2);
    assert_eq!(term.share(), Some(Share::Exact(7269.0 / 6000.0)));
}

#[test]
fn a_share_is_given_only_as_far_as_the_numbers_go() {
    let term = |target: Option<u64>, delivered: Sum| TermProgress {
        term: 0,
        id: "t".into(),
        received_by: Side::Ukraine,
        category: Category::Remains,
        target: Estimate {
            best: target,
            low: target,
            high: target,
            sources: 1,
            bound: None,
            tie: None,
            approximate: false,
        },
        delivered,
        events: 1,
        disputed: Sum::default(),
        disputed_events: 0,
    };
    let mut delivered = Sum::default();
    let figure = |n: Option<u64>| Estimate {
        best: n,
        low: n,
        high: n,
        sources: 1,
        bound: None,
        tie: None,
        approximate: false,
    };
    delivered.add(&figure(Some(1212)));
    assert_eq!(
        term(Some(6000), delivered).share(),
        Some(Share::Exact(1212.0 / 6000.0))
    );
    // A delivery no source puts a number on: what is known is a least share.
    delivered.add(&figure(None));
    assert_eq!(
        term(Some(6000), delivered).share(),
        Some(Share::AtLeast(1212.0 / 6000.0))
    );
    assert_eq!(term(None, delivered).share(), None);
    assert_eq!(term(None, delivered).share_or_why(), Err(NoShare::Unstated));
    assert_eq!(term(Some(0), delivered).share(), None);
    assert_eq!(term(Some(0), delivered).share_or_why(), Err(NoShare::Zero));
    let mut at_least = term(None, delivered);
    at_least.target.low = Some(1000);
    assert_eq!(at_least.share_or_why(), Err(NoShare::Bounded));
    let mut unknown = Sum::default();
    unknown.add(&figure(None));
    assert_eq!(term(Some(6000), unknown).share(), None);
    assert_eq!(
        term(Some(6000), unknown).share_or_why(),
        Err(NoShare::DeliveryUnknown)
    );
    assert_eq!(
        term(Some(6000), Sum::default()).share(),
        Some(Share::Exact(0.0)),
        "nothing delivered yet is a share of nothing"
    );
}

#[test]
fn a_bounded_figure_makes_totals_at_least_and_progress_unknown() {
    let mut d = small();
    // "More than 500" bodies to Russia besides the exact 27: no best, at least 528.
    d.events[1].figures.push(figure(
        "r",
        Side::Russia,
        Category::Remains,
        vec![claim("a", Quantity::MoreThan(500))],
    ));
    d.agreements[0].terms.push(Term {
        id: "to-ru".into(),
        description: "more than 500 bodies to Russia".into(),
        received_by: Side::Russia,
        category: Category::Remains,
        claims: list![claim("a", Quantity::MoreThan(500))],
        notes: None,
    });
    d.events[0].figures[1].claims = list![claim("a", Quantity::Exact(27))];
    let s = Stats::of(&d);
    let ru = s.total(Side::Russia, Category::Remains).unwrap();
    assert_eq!((ru.low, ru.best, ru.bounded), (27 + 501, None, 1));
    assert_eq!(ru.text(), "at least 528");
    let term = &s.agreements[0].terms[1];
    assert_eq!(term.target.best, None);
    assert_eq!(term.target.bound, Some(Quantity::MoreThan(500)));
    assert_eq!(term.share(), None, "no percentage of an unknown target");
    // A known target with a delivery only bounded has no percentage either.
    d.agreements[0].terms[1].claims = list![claim("a", Quantity::Exact(600))];
    let s = Stats::of(&d);
    let term = &s.agreements[0].terms[1];
    assert_eq!(term.delivered.best, None);
    // But a least share: at least 528 of 600.
    assert_eq!(term.share(), Some(Share::AtLeast(528.0 / 600.0)));
    let exact = &s.agreements[0].terms[0];
    assert_eq!(exact.share(), Some(Share::Exact(7269.0 / 6000.0)));
    let cumulative: Vec<String> = s
        .series(Side::Russia, Group::Remains)
        .unwrap()
        .points
        .iter()
        .map(SeriesPoint::cumulative_text)
        .collect();
    assert_eq!(cumulative, ["27", "at least 528"]);
}

#[test]
fn about_in_a_running_total_uses_the_comparison_tolerance() {
    let mut d = small();
    d.events[0].figures[0].claims = list![claim("a", Quantity::Exact(1212))];
    // The events add up to exactly 7,269. "About 6,620" allows ±662 (10 %,
    // `compare::allowed`): 5,958–7,282, a match; "about 6,600" allows 5,940–7,260.
    d.running_totals[0].claims = list![
        claim("a", Quantity::Approximately(6620)),
        claim("b", Quantity::Approximately(6600)),
    ];
    let s = Stats::of(&d);
    assert_eq!(s.running_totals[0].computed.best, Some(7269));
    let verdicts: Vec<Verdict> = s.running_totals[0]
        .claims
        .iter()
        .map(|c| c.verdict)
        .collect();
    assert_eq!(
        verdicts,
        vec![Verdict::Consistent(Fit::WithinClaim), Verdict::Inconsistent]
    );
}

#[test]
fn prisoners_terms_count_every_living_category() {
    assert!(category_covers(Category::Prisoners, Category::Soldiers));
    assert!(category_covers(Category::Prisoners, Category::Wounded));
    assert!(!category_covers(Category::Prisoners, Category::Remains));
    assert!(!category_covers(Category::Soldiers, Category::Civilians));
}

#[test]
fn running_totals_are_set_against_their_claims() {
    let s = Stats::of(&small());
    let check = &s.running_totals[0];
    assert_eq!(check.computed.best, Some(7269));
    assert_eq!(check.events, 2);
    // One source says 1,212 and another "more than 1,200" for a figure in
    // scope: the data has no most, so only a total it already exceeds is judged.
    let verdicts: Vec<Verdict> = check.claims.iter().map(|c| c.verdict).collect();
    assert_eq!(
        verdicts,
        vec![
            Verdict::CannotTell(Unknown::OpenEnded),
            Verdict::Inconsistent,
            Verdict::CannotTell(Unknown::OpenEnded)
        ]
    );
    assert_eq!(check.claims[1].difference, None);
    let mut d = small();
    d.events[0].figures[0].claims = list![claim("a", Quantity::Exact(1212))];
    let check = &Stats::of(&d).running_totals[0];
    let verdicts: Vec<Verdict> = check.claims.iter().map(|c| c.verdict).collect();
    assert_eq!(
        verdicts,
        vec![
            Verdict::Consistent(Fit::Exact),
            Verdict::Inconsistent,
            Verdict::Consistent(Fit::WithinClaim)
        ]
    );
    let one = |d: i64| Some(Difference { low: d, high: d });
    assert_eq!(check.claims[1].difference, one(6000 - 7269));
    assert_eq!(check.claims[2].difference, one(7300 - 7269));
}

#[test]
fn running_totals_can_count_events() {
    let mut d = small();
    d.running_totals[0].counts = TotalCounts::Events;
    d.running_totals[0].claims = list![
        claim("a", Quantity::Exact(3)),
        claim("b", Quantity::Exact(2)),
    ];
    let s = Stats::of(&d);
    let verdicts: Vec<Verdict> = s.running_totals[0]
        .claims
        .iter()
        .map(|c| c.verdict)
        .collect();
    assert_eq!(
        verdicts,
        vec![Verdict::Inconsistent, Verdict::Consistent(Fit::Exact)]
    );
}

#[test]
fn mismatched_running_totals_warn_with_their_path() {
    let d = small();
    let warnings = running_total_warnings(&d, |id| {
        (id == "rt").then(|| ("totals.json".to_string(), 4))
    });
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert!(!w.is_error());
    assert_eq!(w.file, "totals.json");
    assert_eq!(w.path.as_deref(), Some("running_totals[4].claims[1]"));
    assert!(
        w.message.contains("6,000") && w.message.contains("7,258 or more"),
        "{w}"
    );
}

fn sample() -> Dataset {
    crate::load::load_sample(date(2026, 1, 1))
        .into_result()
        .map(|(d, _)| d)
        .unwrap_or_else(|e| panic!("the sample does not load: {e:#?}"))
}

#[test]
fn the_sample_totals_1212_to_ukraine_and_27_to_russia() {
    let d = sample();
    let s = Stats::of(&d);
    let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
    let ru = s.total(Side::Russia, Category::Remains).unwrap();
    assert_eq!((ua.low, ua.best, ua.high), (1212, Some(1212), Some(1212)));
    assert_eq!((ru.low, ru.best, ru.high), (27, Some(27), Some(27)));
    let remains = s.series(Side::Ukraine, Group::Remains).unwrap();
    let on_the_11th: Vec<&SeriesPoint> = remains
        .points
        .iter()
        .filter(|p| p.date == date(2025, 6, 11))
        .collect();
    assert_eq!(on_the_11th.len(), 1);
    assert!(on_the_11th[0].exact);
    assert_eq!(on_the_11th[0].cumulative, 1212);
    // The exchanges of wounded span two days: drawn as approximate.
    let living = s.series(Side::Ukraine, Group::Living).unwrap();
    assert!(living.points.iter().any(|p| !p.exact));
}

#[test]
fn the_sample_agreement_of_2_june_is_set_against_the_handover() {
    let d = sample();
    let s = Stats::of(&d);
    let june = s
        .agreements
        .iter()
        .find(|a| a.id == "istanbul-2025-06-02")
        .unwrap();
    let remains = |side| {
        june.terms
            .iter()
            .find(|t| t.received_by == side && t.category == Category::Remains)
            .unwrap()
    };
    let ua = remains(Side::Ukraine);
    assert_eq!(ua.target.best, Some(6000));
    assert_eq!(ua.delivered.best, Some(1212));
    assert_eq!(ua.share(), Some(Share::Exact(1212.0 / 6000.0)));
    let ru = remains(Side::Russia);
    assert_eq!(ru.target.best, Some(6000));
    assert_eq!(ru.delivered.best, Some(27));
    assert!(
        s.running_totals
            .iter()
            .flat_map(|t| &t.claims)
            .all(|c| c.verdict != Verdict::Inconsistent),
        "the sample's stated totals add up: {:#?}",
        s.running_totals
    );
}

#[test]
fn day_numbers_count_from_1970() {
    assert_eq!(day_number(date(1970, 1, 2)), 1);
    assert_eq!(day_number(date(1969, 12, 31)), -1);
    assert_eq!(
        day_number(date(2025, 6, 11)) - day_number(date(2025, 6, 1)),
        10
    );
}
#[test]
fn two_threads_add_up_to_what_one_does() {
    let d = crate::testing::generated_dataset(3_001, 5);
    let every_third: Vec<usize> = (0..d.events.len()).step_by(3).collect();
    for (selection, agreements) in [
        (None, true),
        (Some(every_third.as_slice()), true),
        (Some(&[][..]), false),
    ] {
        let one = Stats::compute_on(&d, selection, agreements, usize::MAX);
        let two = Stats::compute_on(&d, selection, agreements, 0);
        assert_eq!(one, two, "selection {:?}", selection.map(<[usize]>::len));
    }
    // The comparison means something: every part is filled in.
    let all = Stats::compute_on(&d, None, true, 0);
    assert_eq!(all.events, 3_001);
    assert!(all.series.iter().all(|s| s.points.len() > 10));
    assert!(all.disputed_figures > 0 && all.single_source_figures > 0);
    let delivered = |p: &AgreementProgress| p.terms.iter().map(|t| t.events).sum::<usize>();
    assert!(all.agreements.iter().any(|p| delivered(p) > 1));
    assert!(all.running_totals.iter().any(|t| t.events > 1));
}
