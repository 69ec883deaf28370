//! Property tests: small valid datasets built from the model types
//! round-trip through serde_json and `load_bytes`, summary totals equal the
//! per-figure values computed here independently, merging two halves of a
//! dataset gives the same events in either order (and two files sharing some
//! events give each once, counted once), and no input (valid JSON
//! mutated byte by byte, or arbitrary bytes) makes `load_bytes` panic; a
//! running total gets a verdict only on fully known data within its scope; no
//! total exceeds the sum of the highest values its figures' claims support; and
//! with claims of every form and denials, each total's low, best and high are
//! the sums of its figures' worked out here.
//!
//! Case counts are kept small so `cargo test` stays fast; raise them with
//! `PROPTEST_CASES=1000 cargo test --test properties` for a longer run.

use factsheet_core::list;
use factsheet_core::model::List;
use std::collections::HashMap;

use factsheet_core::load::{load_bytes, load_bytes_with};
use factsheet_core::model::{
    Affiliation, Category, Claim, ClaimStatus, Dataset, Event, EventDate, EventKind, Figure,
    Quantity, RunningTotal, Side, Source, TotalCounts, TotalScope,
};
use factsheet_core::stats::{Stats, Verdict};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use proptest::sample::subsequence;

/// "Today" for validation: after every generated date, so none is in the future.
fn today() -> Date {
    date(2026, 1, 1)
}

fn affiliation() -> impl Strategy<Value = Affiliation> {
    prop::sample::select(vec![
        Affiliation::UkrainianGovernment,
        Affiliation::RussianGovernment,
        Affiliation::RussianStateMedia,
        Affiliation::InternationalBody,
        Affiliation::IndependentMedia,
        Affiliation::Unknown,
    ])
}

/// Free text as datasets carry it: Latin and Cyrillic letters, digits, quotes;
/// never blank (a blank outlet is an error).
fn text() -> impl Strategy<Value = String> {
    "[A-Za-zА-Яа-яІіЇї0-9][A-Za-zА-Яа-яІіЇї0-9 ,.\"'’–-]{0,15}"
}

fn source(i: usize) -> impl Strategy<Value = Source> {
    (text(), affiliation(), prop::option::of(0i32..1400)).prop_map(
        move |(outlet, affiliation, published)| Source {
            id: format!("src-{i}").into(),
            outlet: outlet.into(),
            title: None,
            url: Some(format!("https://example.org/{i}").into()),
            published: published.map(day),
            language: None,
            affiliation,
            archive_url: None,
            retrieved: None,
            notes: None,
            relays: None,
            saved_copy: None,
        },
    )
}

fn day(offset: i32) -> Date {
    date(2022, 1, 1)
        .checked_add(offset.days())
        .unwrap_or(date(2022, 1, 1))
}

/// Quantities whose best value this file can work out on its own (see
/// [`best_of`]): exact, approximate, not disclosed.
fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        4 => (0u64..5000).prop_map(Quantity::Exact),
        2 => (1u64..5000).prop_map(Quantity::Approximately),
        1 => Just(Quantity::NotDisclosed),
    ]
}

/// Not denied: a denial changes which claims count, which is compare's
/// business and tested there.
fn status() -> impl Strategy<Value = ClaimStatus> {
    prop::sample::select(vec![
        ClaimStatus::Confirmed,
        ClaimStatus::Claimed,
        ClaimStatus::Unconfirmed,
    ])
}

/// Claims from distinct sources among the first `sources`.
fn claims(sources: usize) -> impl Strategy<Value = Vec<Claim>> {
    let ids: Vec<usize> = (0..sources).collect();
    let most = sources.min(3);
    subsequence(ids, 1..=most)
        .prop_flat_map(|ids| {
            let n = ids.len();
            (
                Just(ids),
                prop::collection::vec((quantity(), status(), prop::option::of(text())), n),
            )
        })
        .prop_map(|(ids, parts)| {
            ids.into_iter()
                .zip(parts)
                .map(|(s, (value, status, quote))| Claim {
                    source: format!("src-{s}").into(),
                    value,
                    status,
                    attributed_to: None,
                    quote: quote.map(Into::into),
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                })
                .collect()
        })
}

fn figure(j: usize, sources: usize) -> impl Strategy<Value = Figure> {
    (
        prop::option::of(prop::sample::select(Side::ALL.to_vec())),
        prop::sample::select(Category::ALL.to_vec()),
        claims(sources),
    )
        .prop_map(move |(received_by, category, claims)| Figure {
            id: format!("fig-{j}").into(),
            received_by,
            category,
            label: None,
            claims: claims.into(),
        })
}

fn event(i: usize, sources: usize) -> impl Strategy<Value = Event> {
    (
        text(),
        0i32..1400,
        prop::sample::select(EventKind::ALL.to_vec()),
        (0usize..4).prop_flat_map(move |n| (0..n).map(|j| figure(j, sources)).collect::<Vec<_>>()),
        prop::option::of(text()),
    )
        .prop_map(move |(title, on, kind, figures, notes)| Event {
            id: format!("ev-{i}").into(),
            title: title.into(),
            date: EventDate::day(day(on)),
            kind,
            place: None,
            mediators: List::new(),
            agreement: None,
            figures: figures.into(),
            facts: List::new(),
            notes: notes.map(Into::into),
            dates: List::new(),
            links: List::new(),
            same_as: List::new(),
            distinct_from: List::new(),
        })
}

/// A small valid dataset: 1–5 sources, 0–7 events, every claim citing one of
/// the sources.
fn dataset() -> impl Strategy<Value = Dataset> {
    (1usize..=5, 0usize..8)
        .prop_flat_map(|(nsources, nevents)| {
            (
                (0..nsources).map(source).collect::<Vec<_>>(),
                (0..nevents).map(|i| event(i, nsources)).collect::<Vec<_>>(),
                text(),
            )
        })
        .prop_map(|(sources, events, title)| {
            let mut d = Dataset::empty(title);
            d.sources = sources.into();
            d.events = events.into();
            d
        })
}

fn load_one(d: &Dataset) -> factsheet_core::load::LoadReport {
    let bytes = serde_json::to_vec_pretty(d).unwrap();
    load_bytes(vec![("gen.json".to_string(), bytes)], today())
}

/// A figure's best value, worked out here from the rule in docs/COMPARISON.md
/// for claims that are exact, approximate or undisclosed and not denied: the
/// exact value most sources state (ties: more confirmed claims, then the lower
/// value); without one, the approximate value chosen the same way; else none.
/// Claims here come from distinct sources, so sources are claims.
fn best_of(claims: &[Claim]) -> Option<u64> {
    let pick = |exact: bool| {
        let mut tally: HashMap<u64, (usize, usize)> = HashMap::new();
        for c in claims {
            let n = match (c.value, exact) {
                (Quantity::Exact(n), true) | (Quantity::Approximately(n), false) => n,
                _ => continue,
            };
            let t = tally.entry(n).or_default();
            t.0 += 1;
            t.1 += usize::from(c.status == ClaimStatus::Confirmed);
        }
        tally
            .into_iter()
            .max_by(|(a, ta), (b, tb)| ta.cmp(tb).then(b.cmp(a)))
            .map(|(n, _)| n)
    };
    pick(true).or_else(|| pick(false))
}

/// The lowest number any claim states (approximate values taken at their word).
fn low_of(claims: &[Claim]) -> Option<u64> {
    claims
        .iter()
        .filter_map(|c| match c.value {
            Quantity::Exact(n) | Quantity::Approximately(n) => Some(n),
            _ => None,
        })
        .min()
}

/// (side, category) -> (best, low, figures, undisclosed). The best of a total
/// is `None` only when some figure is merely bounded, which these datasets
/// never have, so here it is always the sum of the figures' bests.
type Tally = HashMap<(Option<Side>, Category), (Option<u64>, u64, usize, usize)>;

/// Events sorted by id, for comparing merges whose file order differs.
fn events_by_id(d: &Dataset) -> Vec<Event> {
    let mut events = d.events.clone();
    events.sort_by(|a, b| a.id.cmp(&b.id));
    events.into()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_saved_dataset_loads_back_unchanged(d in dataset()) {
        let report = load_one(&d);
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|x| x.is_error())
            .map(|x| x.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "errors: {errors:?}");
        prop_assert_eq!(report.dataset.as_ref(), Some(&d));
    }

    #[test]
    fn totals_are_the_sums_of_the_figures(d in dataset()) {
        let stats = Stats::of(&d);
        // (side, category) -> (best, low, figures, undisclosed), computed here.
        let mut want: Tally = HashMap::new();
        for e in &d.events {
            for f in &e.figures {
                let w = want.entry((f.received_by, f.category)).or_default();
                let best = best_of(&f.claims);
                w.0 = Some(w.0.unwrap_or(0) + best.unwrap_or(0));
                w.1 += low_of(&f.claims).unwrap_or(0);
                w.2 += 1;
                w.3 += usize::from(best.is_none());
            }
        }
        // The generated claims are exact, approximate or undisclosed, so every
        // total has a best (bounds alone would leave it `None`: "at least").
        let mut got: Tally = HashMap::new();
        for t in &stats.totals {
            let s = t.sum;
            got.insert((Some(t.side), t.category), (s.best, s.low, s.figures, s.undisclosed));
        }
        for (category, s) in &stats.unsplit {
            got.insert((None, *category), (s.best, s.low, s.figures, s.undisclosed));
        }
        prop_assert_eq!(got, want);
        prop_assert_eq!(stats.events, d.events.len());
    }

    #[test]
    fn merging_two_halves_is_order_independent(d in dataset(), cut in 0usize..8) {
        let cut = cut.min(d.events.len());
        let mut first = d.clone();
        let second_events = first.events.split_off(cut);
        let mut second = d.clone();
        second.events = second_events.into();
        let a = serde_json::to_vec(&first).unwrap();
        let b = serde_json::to_vec(&second).unwrap();

        // By id only: the halves hold different events by construction, and
        // two of them on one day may look alike enough for the merge's guess
        // (tests/merge.rs covers that).
        let strict = factsheet_core::load::merge::Mode::Strict;
        let ab = load_bytes_with(vec![("a.json".into(), a.clone()), ("b.json".into(), b.clone())], today(), strict);
        let ba = load_bytes_with(vec![("b.json".into(), b), ("a.json".into(), a)], today(), strict);
        prop_assert!(!ab.has_errors(), "{:?}", ab.diagnostics);
        prop_assert!(!ba.has_errors(), "{:?}", ba.diagnostics);
        let (ab, ba) = (ab.dataset.unwrap(), ba.dataset.unwrap());
        prop_assert_eq!(events_by_id(&ab), events_by_id(&d));
        prop_assert_eq!(events_by_id(&ba), events_by_id(&d));
        prop_assert_eq!(&ab.sources, &d.sources);
        prop_assert_eq!(&ba.sources, &d.sources);
    }

    #[test]
    fn mutated_json_never_panics(
        d in dataset(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = serde_json::to_vec(&d).unwrap();
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => {
                    bytes.remove(i);
                }
            }
        }
        let report = load_bytes(vec![("mutated.json".into(), bytes)], today());
        // Whatever the outcome, a failed load says why.
        prop_assert!(report.dataset.is_some() || !report.diagnostics.is_empty());
    }

    #[test]
    fn arbitrary_bytes_never_panic(a in prop::collection::vec(any::<u8>(), 0..512), b in "\\PC{0,256}") {
        let report = load_bytes(
            vec![("a.json".into(), a), ("b.json".into(), b.into_bytes())],
            today(),
        );
        prop_assert!(report.dataset.is_some() || !report.diagnostics.is_empty());
    }
}

/// What a source may state a running total as.
fn stated() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        (0u64..12_000).prop_map(Quantity::Exact),
        (1u64..12_000).prop_map(Quantity::Approximately),
        (0u64..12_000).prop_map(Quantity::AtLeast),
        (0u64..12_000).prop_map(Quantity::MoreThan),
        (0u64..12_000).prop_map(Quantity::AtMost),
        (0u64..6_000, 0u64..6_000).prop_map(|(a, b)| Quantity::Range {
            low: a.min(b),
            high: a.max(b)
        }),
        Just(Quantity::NotDisclosed),
    ]
}

/// A dataset with one running total over some side, category and start.
fn with_running_total() -> impl Strategy<Value = Dataset> {
    (
        dataset(),
        prop::option::of(0i32..1400),
        prop::option::of(prop::sample::select(Side::ALL.to_vec())),
        prop::option::of(prop::sample::select(Category::ALL.to_vec())),
        prop::collection::vec(stated(), 1..4),
    )
        .prop_map(|(mut d, from, received_by, category, stated)| {
            d.running_totals = list![RunningTotal {
                id: "rt".into(),
                description: "a total".into(),
                scope: TotalScope {
                    from: from.map(day).map(Into::into),
                    received_by,
                    category,
                    ..TotalScope::default()
                },
                counts: TotalCounts::People,
                claims: stated
                    .into_iter()
                    .map(|value| Claim {
                        source: "src-0".into(),
                        value,
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: None,
                        words: None,
                        stated_on: None,
                        parts: List::new(),
                        answers: List::new(),
                        notes: None,
                    })
                    .collect(),
                notes: None,
                baseline: None,
            }];
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A verdict is given only when the data's range is fully known (every
    /// figure in scope has a number and an upper bound) and the scope lies
    /// within the data; a "no" only when nothing the data allows can be true
    /// of the claim; and when both hold and the claim has a number, a verdict
    /// is given. Scope and completeness are worked out here, apart from the core.
    #[test]
    fn a_verdict_needs_known_data_within_scope(d in with_running_total()) {
        let total = &d.running_totals[0];
        let scope = &total.scope;
        let earliest = d.events.iter().map(|e| e.date.on).min();
        let within = scope.from.zip(earliest).is_some_and(|(from, first)| from.first() >= first);
        let covers = |c: Category| {
            scope.category.is_none_or(|w| w == c || (w == Category::Prisoners && c.is_living()))
        };
        // A soldiers, civilians, wounded or under-25 figure beside a prisoners
        // figure of the same side is a part of it: a sum that takes the whole
        // counts it through the whole (COMPARISON.md, "A whole and its parts").
        let takes_whole = scope.category.is_none_or(|c| c == Category::Prisoners);
        let is_part = |e: &factsheet_core::model::Event, f: &factsheet_core::model::Figure| {
            takes_whole
                && f.category.is_living()
                && f.category != Category::Prisoners
                && e.figures.iter().any(|w| {
                    w.category == Category::Prisoners && w.received_by == f.received_by
                })
        };
        let undisclosed_in_scope = d
            .events
            .iter()
            .filter(|e| scope.from.is_none_or(|from| e.date.on >= from.first()))
            .flat_map(|e| e.figures.iter().filter(move |f| !is_part(e, f)))
            .filter(|f| scope.received_by.is_none_or(|s| f.received_by == Some(s)))
            .filter(|f| covers(f.category))
            .any(|f| f.claims.iter().all(|c| c.value == Quantity::NotDisclosed));
        let stats = Stats::of(&d);
        let check = &stats.running_totals[0];
        prop_assert_eq!(check.within_data(), within);
        for claim in &check.claims {
            let span = factsheet_core::compare::numeric::allowed(claim.stated);
            match claim.verdict {
                Verdict::Consistent(_) => {
                    prop_assert!(within, "{:?}", check);
                    prop_assert!(!undisclosed_in_scope, "{:?}", check);
                    prop_assert!(check.computed.high.is_some(), "{:?}", check);
                }
                Verdict::Inconsistent => {
                    prop_assert!(within, "{:?}", check);
                    let span = span.expect("a claim judged inconsistent has a number");
                    let c = &check.computed;
                    let below = span.high.is_some_and(|hi| hi < c.low);
                    let above = c.high.is_some_and(|high| span.low > high);
                    prop_assert!(below || above, "{:?} against {:?}", claim, c);
                }
                Verdict::CannotTell(_) => {
                    prop_assert!(
                        span.is_none() || !within || undisclosed_in_scope,
                        "no verdict on known data within scope: {:?}",
                        check
                    );
                }
            }
        }
    }
}

/// `d` with the values and statuses of its claims replaced, in order, by
/// `forms` (as many as there are), so claims of every form, denials
/// included, meet on one figure.
fn with_forms(mut d: Dataset, forms: &[(Quantity, bool)]) -> Dataset {
    let claims = d
        .events
        .iter_mut()
        .flat_map(|e| e.figures.iter_mut())
        .flat_map(|f| f.claims.iter_mut());
    for (c, &(value, denied)) in claims.zip(forms) {
        c.value = value;
        if denied {
            c.status = ClaimStatus::Denied;
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// No total is more than the sum, over its figures, of the most any one
    /// of the figure's (not denied) claims allows: the sheet never adds up
    /// to a number no source supports (one source's 90 and another's 50
    /// never make 140). Worked out here from the claims alone.
    #[test]
    fn no_total_exceeds_the_sum_of_the_highest_supported_claims(
        d in dataset(),
        forms in prop::collection::vec((stated(), prop::bool::weighted(0.15)), 0..80),
    ) {
        let d = with_forms(d, &forms);
        let stats = Stats::of(&d);
        // (side, category) -> the sum of each figure's highest supported value,
        // `None` once some figure has no upper bound (or no number).
        let mut most: HashMap<(Option<Side>, Category), Option<u64>> = HashMap::new();
        for f in d.events.iter().flat_map(|e| &e.figures) {
            let highest = f
                .claims
                .iter()
                .filter(|c| c.status != ClaimStatus::Denied)
                .map(|c| factsheet_core::compare::allowed(c.value).and_then(|s| s.high))
                .try_fold(None::<u64>, |acc, h| h.map(|h| Some(acc.map_or(h, |a| a.max(h)))))
                .flatten();
            let entry = most.entry((f.received_by, f.category)).or_insert(Some(0));
            *entry = entry.zip(highest).map(|(a, h)| a + h);
        }
        let totals = stats
            .totals
            .iter()
            .map(|t| ((Some(t.side), t.category), t.sum))
            .chain(stats.unsplit.iter().map(|(c, s)| ((None, *c), *s)));
        for (key, sum) in totals {
            let Some(Some(bound)) = most.get(&key).copied() else {
                continue;
            };
            if let Some(high) = sum.high {
                prop_assert!(high <= bound, "{key:?}: high {high} above {bound}");
            }
            if let Some(best) = sum.best {
                prop_assert!(best <= bound, "{key:?}: best {best} above {bound}");
            }
            prop_assert!(sum.low <= bound, "{key:?}: low {} above {bound}", sum.low);
        }
    }
}

/// One figure's (low, best, high) worked out here from its claims, by the rules
/// of docs/COMPARISON.md ("Low, best, high"): denied claims set aside; low the
/// lowest and high the highest value any live claim states (no high once one
/// is open-ended, none of either without a number); best as [`best_of`] (a
/// bound never makes one).
fn low_best_high(claims: &[Claim]) -> (Option<u64>, Option<u64>, Option<u64>) {
    let live: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.status != ClaimStatus::Denied)
        .collect();
    // Each claim's stated values, `None` above when open-ended.
    let stated: Vec<(u64, Option<u64>)> = live
        .iter()
        .filter_map(|c| match c.value {
            Quantity::Exact(n) | Quantity::Approximately(n) => Some((n, Some(n))),
            Quantity::AtLeast(n) => Some((n, None)),
            Quantity::MoreThan(n) => Some((n + 1, None)),
            Quantity::AtMost(n) => Some((0, Some(n))),
            Quantity::FewerThan(n) => Some((0, Some(n.saturating_sub(1)))),
            Quantity::Range { low, high } => Some((low, Some(high))),
            Quantity::NotDisclosed => None,
        })
        .collect();
    let low = stated.iter().map(|s| s.0).min();
    let high = if stated.is_empty() {
        None
    } else {
        stated
            .iter()
            .map(|s| s.1)
            .try_fold(0, |most, h| h.map(|h| most.max(h)))
    };
    let live: Vec<Claim> = live.into_iter().cloned().collect();
    (low, best_of(&live), high)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A total's low, best and high are the sums of its figures' (worked out
    /// here), with claims of every form, bounds and ranges among them, and
    /// denials: an undisclosed figure adds nothing and leaves no high; a
    /// figure with only bounds leaves no best.
    #[test]
    fn totals_add_the_lows_bests_and_highs_of_claims_of_every_form(
        d in dataset(),
        forms in prop::collection::vec((stated(), prop::bool::weighted(0.15)), 0..80),
    ) {
        let d = with_forms(d, &forms);
        let stats = Stats::of(&d);
        // (side, category) -> (low, best, high, figures, undisclosed, bounded).
        type Want = (u64, Option<u64>, Option<u64>, usize, usize, usize);
        let mut want: HashMap<(Option<Side>, Category), Want> = HashMap::new();
        for f in d.events.iter().flat_map(|e| &e.figures) {
            let (low, best, high) = low_best_high(&f.claims);
            let w = want
                .entry((f.received_by, f.category))
                .or_insert((0, Some(0), Some(0), 0, 0, 0));
            w.0 += low.unwrap_or(0);
            w.1 = match (w.1, best, low) {
                (Some(a), Some(b), _) => Some(a + b),
                // Undisclosed: named beside the total, which keeps its best.
                (Some(a), None, None) => Some(a),
                _ => None,
            };
            w.2 = w.2.zip(high).map(|(a, b)| a + b);
            w.3 += 1;
            w.4 += usize::from(low.is_none());
            w.5 += usize::from(low.is_some() && best.is_none());
        }
        let got: HashMap<(Option<Side>, Category), Want> = stats
            .totals
            .iter()
            .map(|t| ((Some(t.side), t.category), t.sum))
            .chain(stats.unsplit.iter().map(|(c, s)| ((None, *c), *s)))
            .map(|(k, s)| (k, (s.low, s.best, s.high, s.figures, s.undisclosed, s.bounded)))
            .collect();
        prop_assert_eq!(got, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two files that share events (the same event, identical, in both) merge
    /// into the dataset they were cut from: each shared event is kept once and
    /// counted once in the totals, in either order. Strict merging: the cut
    /// puts different events of one day and kind in the two files, which the
    /// guess for likely duplicates may take for one (files that describe one
    /// event differently are the matching rules' business, tests/merge.rs).
    #[test]
    fn files_sharing_events_merge_to_the_whole_counting_each_once(
        d in dataset(),
        cuts in (0usize..8, 0usize..8),
    ) {
        let n = d.events.len();
        let (start, end) = (cuts.0.min(cuts.1).min(n), cuts.0.max(cuts.1).min(n));
        // First file: events [0, end); second: [start, n); shared: [start, end).
        let mut first = d.clone();
        first.events.truncate(end);
        let mut second = d.clone();
        second.events.drain(..start);
        let a = serde_json::to_vec(&first).unwrap();
        let b = serde_json::to_vec(&second).unwrap();
        let whole = Stats::of(&d);
        for files in [
            vec![("a.json".to_string(), a.clone()), ("b.json".to_string(), b.clone())],
            vec![("b.json".to_string(), b), ("a.json".to_string(), a)],
        ] {
            let report =
                load_bytes_with(files, today(), factsheet_core::load::merge::Mode::Strict);
            prop_assert!(!report.has_errors(), "{:?}", report.diagnostics);
            let merged = report.dataset.unwrap();
            prop_assert_eq!(merged.events.len(), n);
            prop_assert_eq!(events_by_id(&merged), events_by_id(&d));
            let stats = Stats::of(&merged);
            prop_assert_eq!(&stats.totals, &whole.totals);
            prop_assert_eq!(&stats.unsplit, &whole.unsplit);
        }
    }
}
