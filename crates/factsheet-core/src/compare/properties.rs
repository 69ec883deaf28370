//! Property tests: classes and estimates do not depend on the order of claims
//! or sources, and a place spelled another way changes nothing.

use crate::model::List;
use proptest::prelude::*;

use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::numeric::conflicts;
use crate::compare::{Comparer, Consensus, PlaceTable, analyse, compare_dataset, relation};
use crate::model::{
    Category, Claim, ClaimStatus, Dataset, Event, EventDate, EventKind, Fact, FactClaim, Figure,
    Quantity, Side, Source,
};

const SOURCES: [&str; 4] = ["a", "b", "c", "d"];

/// (canonical, variant) pairs from the built-in table, and words that are no place.
const PLACES: [(&str, &str); 6] = [
    ("Kyiv", "Kiev"),
    ("Luhansk", "Lugansk"),
    ("Kharkiv", "Харьков"),
    ("Zaporizhzhia", "Zaporozhye"),
    ("Odesa", "Odessa"),
    ("Dnipro", "Dnipropetrovsk"),
];
const WORDS: [&str; 5] = ["yes", "no", "mutual exchange", "unilateral", "handover"];

fn number() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..30, (0u64..30).prop_map(|n| n * 100), Just(u64::MAX)]
}

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        number().prop_map(Quantity::Exact),
        number().prop_map(Quantity::Approximately),
        number().prop_map(Quantity::AtLeast),
        number().prop_map(Quantity::MoreThan),
        number().prop_map(Quantity::AtMost),
        number().prop_map(Quantity::FewerThan),
        (number(), number()).prop_map(|(low, high)| Quantity::Range { low, high }),
        Just(Quantity::NotDisclosed),
    ]
}

fn status() -> impl Strategy<Value = ClaimStatus> {
    prop_oneof![
        3 => Just(ClaimStatus::Claimed),
        1 => Just(ClaimStatus::Confirmed),
        1 => Just(ClaimStatus::Unconfirmed),
        1 => Just(ClaimStatus::Denied),
    ]
}

fn claim() -> impl Strategy<Value = Claim> {
    (0..SOURCES.len(), quantity(), status()).prop_map(|(s, value, status)| Claim {
        source: SOURCES[s].into(),
        value,
        status,
        attributed_to: None,
        quote: None,
        words: None,
        stated_on: None,
        parts: List::new(),
        answers: List::new(),
        notes: None,
    })
}

/// An answer as a list of (place index, spelled as variant) and word indices.
#[derive(Debug, Clone)]
struct Answer {
    parts: Vec<(bool, usize, bool)>, // (is a place, index, variant spelling)
    source: usize,
    denied: bool,
}

impl Answer {
    fn text(&self) -> String {
        let parts: Vec<&str> = self
            .parts
            .iter()
            .map(|&(place, i, variant)| match (place, variant) {
                (true, false) => PLACES[i].0,
                (true, true) => PLACES[i].1,
                (false, _) => WORDS[i],
            })
            .collect();
        parts.join(", ")
    }

    fn claim(&self) -> FactClaim {
        FactClaim {
            source: SOURCES[self.source].into(),
            answer: self.text().into(),
            status: if self.denied {
                ClaimStatus::Denied
            } else {
                ClaimStatus::Claimed
            },
            attributed_to: None,
            quote: None,
            stated_on: None,
            notes: None,
        }
    }
}

fn answer() -> impl Strategy<Value = Answer> {
    let part = prop_oneof![
        (0..PLACES.len(), any::<bool>()).prop_map(|(i, v)| (true, i, v)),
        (0..WORDS.len()).prop_map(|i| (false, i, false)),
    ];
    (
        prop::collection::vec(part, 1..3),
        0..SOURCES.len(),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(parts, source, denied)| Answer {
            parts,
            source,
            denied,
        })
}

fn fact(claims: Vec<FactClaim>) -> Fact {
    Fact {
        id: "f".into(),
        question: "?".into(),
        claims: claims.into(),
    }
}

fn dataset(figures: Vec<Vec<Claim>>, facts: Vec<Vec<FactClaim>>) -> Dataset {
    let mut d = Dataset::empty("p");
    d.sources = SOURCES
        .iter()
        .map(|id| Source {
            id: (*id).into(),
            outlet: id.to_uppercase().into(),
            title: None,
            url: None,
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
    d.events.push(Event {
        id: "e".into(),
        title: "e".into(),
        date: EventDate::day(jiff::civil::date(2025, 6, 11)),
        kind: EventKind::RemainsRepatriation,
        place: None,
        mediators: List::new(),
        agreement: None,
        figures: figures
            .into_iter()
            .enumerate()
            .map(|(i, claims)| Figure {
                id: format!("f{i}").into(),
                received_by: Some(Side::Ukraine),
                category: Category::Remains,
                label: None,
                claims: claims.into(),
            })
            .collect(),
        facts: facts.into_iter().map(fact).collect(),
        notes: None,
        dates: List::new(),
        links: List::new(),
        same_as: List::new(),
        distinct_from: List::new(),
    });
    d
}

proptest! {
    #[test]
    fn figure_outcome_ignores_claim_order(
        (claims, shuffled) in prop::collection::vec(claim(), 0..8)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        prop_assert_eq!(analyse(&claims), analyse(&shuffled));
    }

    #[test]
    fn conflicts_says_what_analyse_classes(claims in prop::collection::vec(claim(), 0..8)) {
        prop_assert_eq!(conflicts(&claims), analyse(&claims).class.is_conflict(), "{:?}", claims);
    }

    #[test]
    fn best_lies_between_low_and_high(claims in prop::collection::vec(claim(), 0..8)) {
        let e = analyse(&claims).estimate;
        if let Some(best) = e.best {
            prop_assert!(e.low.is_some_and(|l| l <= best), "{e:?}");
            prop_assert!(e.high.is_none_or(|h| best <= h), "{e:?}");
        }
    }

    #[test]
    fn best_is_a_value_some_claim_gives(claims in prop::collection::vec(claim(), 0..8)) {
        let e = analyse(&claims).estimate;
        if let Some(best) = e.best {
            let given = claims.iter().any(|c| {
                c.status != ClaimStatus::Denied
                    && matches!(c.value, Quantity::Exact(n) | Quantity::Approximately(n) if n == best)
            });
            prop_assert!(given, "best {best} from {claims:?}");
            prop_assert_eq!(e.bound, None);
        }
    }

    #[test]
    fn relations_are_symmetric(a in claim(), b in claim()) {
        prop_assert_eq!(relation(&a, &b), relation(&b, &a));
    }

    #[test]
    fn over_500_fits_every_value_above_500_only(n in any::<u64>()) {
        let claims = [
            Claim::new("a", Quantity::MoreThan(500)),
            Claim::new("b", Quantity::Exact(n)),
        ];
        let want = if n > 500 { Consensus::Compatible } else { Consensus::Conflicting };
        prop_assert_eq!(analyse(&claims).class, want);
    }

    #[test]
    fn fact_class_ignores_order_and_spelling(
        (answers, order) in prop::collection::vec(answer(), 0..6)
            .prop_flat_map(|v| {
                let n = v.len();
                (Just(v), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            }),
        respell in any::<u64>(),
    ) {
        let table = PlaceTable::built_in();
        let mut scratch = FactScratch::default();
        let claims: Vec<FactClaim> = answers.iter().map(Answer::claim).collect();
        let base = fact_outcome(&table, &fact(claims.clone()), &mut scratch);
        let shuffled: Vec<FactClaim> = order.iter().map(|&i| claims[i].clone()).collect();
        prop_assert_eq!(base, fact_outcome(&table, &fact(shuffled), &mut scratch));
        // Flip the spelling of places chosen by the bits of `respell`.
        let mut bit = 0;
        let respelled: Vec<FactClaim> = answers
            .iter()
            .map(|a| {
                let mut a = a.clone();
                for p in a.parts.iter_mut().filter(|p| p.0) {
                    p.2 ^= (respell >> (bit % 64)) & 1 == 1;
                    bit += 1;
                }
                a.claim()
            })
            .collect();
        prop_assert_eq!(base, fact_outcome(&table, &fact(respelled.clone()), &mut scratch));
        let cmp = Comparer::default();
        prop_assert_eq!(base.class, cmp.fact(&fact(respelled)).class);
    }

    #[test]
    fn dataset_view_ignores_claim_order(
        figures in prop::collection::vec(prop::collection::vec(claim(), 0..5), 0..4),
        facts in prop::collection::vec(prop::collection::vec(answer(), 0..4), 0..3),
        seed in any::<u64>(),
    ) {
        let facts: Vec<Vec<FactClaim>> =
            facts.iter().map(|f| f.iter().map(Answer::claim).collect()).collect();
        let before = compare_dataset(&dataset(figures.clone(), facts.clone()));
        // Rotate each list by an amount drawn from the seed, then reverse it.
        let figures: Vec<Vec<Claim>> = figures
            .into_iter()
            .enumerate()
            .map(|(k, mut v)| {
                let by = usize::try_from(seed.rotate_left(k as u32 * 7)).unwrap_or(0) % v.len().max(1);
                v.rotate_left(by);
                v.reverse();
                v
            })
            .collect();
        let facts: Vec<Vec<FactClaim>> = facts
            .into_iter()
            .map(|mut v| { v.reverse(); v })
            .collect();
        let after = compare_dataset(&dataset(figures, facts));
        prop_assert_eq!(before, after);
    }
}
