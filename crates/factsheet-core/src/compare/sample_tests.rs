//! The comparison on the bundled sample, built from the two seed articles: the
//! points where they agree, where only one reports, where they disagree, and
//! where they only spell a place differently.

use crate::model::List;
use jiff::civil::date;

use crate::compare::{Comparer, Consensus, Fit, compare_dataset};
use crate::load::load_sample;
use crate::model::{Claim, ClaimStatus, Dataset, Quantity, Side};

fn sample() -> Dataset {
    let report = load_sample(date(2026, 1, 1));
    report
        .into_result()
        .unwrap_or_else(|e| panic!("sample does not load: {e:#?}"))
        .0
}

fn sample_from(json: &str) -> Dataset {
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_1212_are_agreed_by_both_articles() {
    let d = sample();
    let c = Comparer::new(&d).event(d.event("2025-06-11-remains").unwrap());
    let f = c
        .figures
        .iter()
        .find(|f| f.id == "remains-to-ukraine")
        .unwrap();
    assert_eq!(f.class, Consensus::Agree);
    assert_eq!(f.estimate.best, Some(1212));
    assert_eq!((f.estimate.low, f.estimate.high), (Some(1212), Some(1212)));
    assert_eq!(f.estimate.sources, 2);
    assert!(f.claims.iter().all(|c| c.fit == Fit::States));
    // Ukrainian statements and a Russian negotiator (via TASS) both back it.
    assert!(f.backing.both_parties(), "{:?}", f.backing);
    let columns: Vec<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(columns, ["seed-000", "seed-002"]);
    assert_eq!(f.cell(1).count(), 2);
}

#[test]
fn the_27_to_russia_rest_on_one_article_and_one_party() {
    let d = sample();
    let c = Comparer::new(&d).event(d.event("2025-06-11-remains").unwrap());
    let f = c
        .figures
        .iter()
        .find(|f| f.received_by == Some(Side::Russia))
        .unwrap();
    assert_eq!(f.class, Consensus::SingleSource);
    assert_eq!(f.estimate.best, Some(27));
    assert_eq!(f.estimate.sources, 1);
    assert_eq!(f.only_party(), Some(Side::Russia));
}

#[test]
fn whether_russia_confirmed_the_handover_is_conflicting() {
    let d = sample();
    let c = Comparer::new(&d).event(d.event("2025-06-11-remains").unwrap());
    let f = c.facts.iter().find(|f| f.id == "russia-confirmed").unwrap();
    assert_eq!(f.class, Consensus::Conflicting);
    let by = |source: &str| -> Vec<&str> {
        f.claims
            .iter()
            .filter(|c| c.source.id == source)
            .map(|c| f.answers[c.answer_index.unwrap()].key.as_str())
            .collect()
    };
    assert_eq!(by("seed-000"), ["yes"]);
    assert!(by("seed-002").contains(&"no"));
    assert!(c.disagrees());
}

#[test]
fn the_6000_as_exchange_or_unilateral_handover_is_conflicting() {
    let d = sample();
    let cmp = Comparer::new(&d);
    let a = cmp.agreement(d.agreement("istanbul-2025-06-02").unwrap());
    let f = a
        .facts
        .iter()
        .find(|f| f.id == "exchange-or-unilateral")
        .unwrap();
    assert_eq!(f.class, Consensus::Conflicting);
    let keys: Vec<&str> = f.answers.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["mutual exchange", "unilateral handover"]);
    // The number itself is not in dispute: "an estimated 6,000" and 6,000 are compatible.
    let t = a
        .terms
        .iter()
        .find(|t| t.id == "remains-to-ukraine")
        .unwrap();
    assert_eq!(t.class, Consensus::Compatible);
    assert_eq!(t.estimate.best, Some(6000));
}

#[test]
fn kiev_and_lugansk_are_folded_not_conflicting() {
    let d = sample();
    let c = Comparer::new(&d).event(d.event("2025-06-11-remains").unwrap());
    let regions = c.facts.iter().find(|f| f.id == "regions").unwrap();
    assert_eq!(regions.class, Consensus::Agree);
    assert_eq!(regions.answers.len(), 1);
    let luhansk = &regions.spellings[0];
    assert_eq!(luhansk.canonical, "Luhansk");
    let forms: Vec<(&str, &[String])> = luhansk
        .forms
        .iter()
        .map(|f| (f.text.as_str(), f.sources.as_slice()))
        .collect();
    assert_eq!(
        forms,
        [
            ("Lugansk", &["seed-000".to_string()][..]),
            ("Luhansk", &["seed-002".to_string()][..])
        ]
    );
    let kyiv = c.spellings.iter().find(|s| s.canonical == "Kyiv").unwrap();
    let texts: Vec<&str> = kyiv.forms.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["Kiev", "Kyiv"]);
    // Writing every place the canonical way changes no class and no estimate.
    let json = std::str::from_utf8(crate::load::SAMPLE_JSON).unwrap();
    let respelled = sample_from(&json.replace("Kiev", "Kyiv").replace("Lugansk", "Luhansk"));
    assert_ne!(respelled, d);
    let (before, after) = (compare_dataset(&d), compare_dataset(&respelled));
    assert_eq!(before.figures, after.figures);
    assert_eq!(before.facts, after.facts);
    assert_eq!(before.agreement_facts, after.agreement_facts);
    assert_eq!(before.matrix, after.matrix);
}

#[test]
fn over_500_is_compatible_above_500_and_conflicting_at_or_below() {
    let d = sample();
    let june = d.agreement("istanbul-2025-06-02").unwrap();
    let term = june
        .terms
        .iter()
        .find(|t| t.claims.iter().any(|c| c.value == Quantity::MoreThan(500)))
        .unwrap();
    let cmp = Comparer::new(&d);
    for (n, want) in [
        (501, Consensus::Compatible),
        (503, Consensus::Compatible),
        (12_000, Consensus::Compatible),
        (500, Consensus::Conflicting),
        (499, Consensus::Conflicting),
        (0, Consensus::Conflicting),
    ] {
        let mut claims = term.claims.clone();
        claims.push(Claim {
            source: "seed-002".into(),
            value: Quantity::Exact(n),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            words: None,
            stated_on: None,
            parts: List::new(),
            answers: List::new(),
            notes: None,
        });
        let mut t = june.clone();
        if let Some(x) = t.terms.iter_mut().find(|x| x.id == term.id) {
            x.claims = claims;
        }
        let got = cmp
            .agreement(&t)
            .terms
            .into_iter()
            .find(|x| x.id == term.id)
            .unwrap();
        assert_eq!(got.class, want, "over 500 against {n}");
    }
}

#[test]
fn the_dataset_view_counts_sources_and_pairs() {
    let d = sample();
    let cmp = Comparer::new(&d);
    let all = cmp.dataset(&d);
    let (a, b) = (
        cmp.source_index("seed-000").unwrap(),
        cmp.source_index("seed-002").unwrap(),
    );
    let pair = all.matrix.get(a, b);
    // At least: agree on the 1,212, the regions (after folding) and Ukraine's
    // promise to identify the dead; compatible on "an estimated 6,000" and 6,000;
    // conflict on Russia's confirmation and on exchange or unilateral handover.
    // (Kursk is disputed within one article, so not between the two.)
    assert!(pair.agree >= 3, "{pair:?}");
    assert!(pair.compatible >= 1, "{pair:?}");
    assert!(pair.conflict >= 2, "{pair:?}");
    // And exactly what the detailed comparisons say of the items both answer.
    let mut want = crate::compare::PairCounts::default();
    let mut count = |class: Consensus, both: bool| {
        let rel = match class {
            Consensus::Agree => crate::compare::Relation::Agree,
            Consensus::Compatible => crate::compare::Relation::Compatible,
            Consensus::Conflicting => crate::compare::Relation::Conflict,
            _ => return,
        };
        if both {
            want.add(rel);
        }
    };
    let answered = |ids: Vec<&str>| ids.contains(&"seed-000") && ids.contains(&"seed-002");
    let figures_and_facts = d
        .events
        .iter()
        .map(|e| {
            let c = cmp.event(e);
            (c.figures, c.facts)
        })
        .chain(d.agreements.iter().map(|a| {
            let c = cmp.agreement(a);
            (c.terms, c.facts)
        }));
    for (figures, facts) in figures_and_facts {
        for f in figures {
            let ids = f
                .claims
                .iter()
                .filter(|c| c.stated.is_some() && c.status != ClaimStatus::Denied)
                .map(|c| c.source.id.as_str())
                .collect();
            count(f.class, answered(ids));
        }
        for f in facts {
            let ids = f
                .claims
                .iter()
                .filter(|c| c.answer_index.is_some())
                .map(|c| c.source.id.as_str())
                .collect();
            count(f.class, answered(ids));
        }
    }
    assert_eq!(pair, want);
    assert_eq!(all.matrix.get(b, a), pair);
    // Every event's outcomes match the detailed comparison of that event.
    for (i, e) in d.events.iter().enumerate() {
        let detail = cmp.event(e);
        let classes: Vec<Consensus> = all.event_figures(i).iter().map(|o| o.class).collect();
        let want: Vec<Consensus> = detail.figures.iter().map(|f| f.class).collect();
        assert_eq!(classes, want, "{}", e.id);
        let classes: Vec<Consensus> = all.event_facts(i).iter().map(|o| o.class).collect();
        let want: Vec<Consensus> = detail.facts.iter().map(|f| f.class).collect();
        assert_eq!(classes, want, "{}", e.id);
        assert_eq!(all.event_disagrees(i), detail.disagrees(), "{}", e.id);
    }
    let remains = d
        .events
        .iter()
        .position(|e| e.id == "2025-06-11-remains")
        .unwrap();
    assert!(all.event_disagrees(remains));
    let s0 = &all.sources[a as usize];
    assert!(s0.figures >= 2 && s0.in_conflict >= 2, "{s0:?}");
}

#[test]
fn loading_the_sample_warns_where_the_articles_disagree() {
    let report = load_sample(date(2026, 1, 1));
    let d = report.dataset.as_ref().unwrap();
    let path_of = |event: &str, fact: &str| {
        let i = d.events.iter().position(|e| e.id == event).unwrap();
        let j = d.events[i].facts.iter().position(|f| f.id == fact).unwrap();
        format!("events[{i}].facts[{j}]")
    };
    let warned: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|w| w.message.starts_with("the sources"))
        .filter_map(|w| w.path.as_deref())
        .collect();
    let confirmed = path_of("2025-06-11-remains", "russia-confirmed");
    assert!(warned.contains(&confirmed.as_str()), "{warned:?}");
    let w = report
        .diagnostics
        .iter()
        .find(|w| w.path.as_deref() == Some(confirmed.as_str()))
        .unwrap();
    assert!(
        w.message.contains("seed-000") && w.message.contains("\"yes\""),
        "{w}"
    );
    assert!(w.line.is_some(), "{w}");
    let figure = {
        let i = d
            .events
            .iter()
            .position(|e| e.id == "2025-06-11-remains")
            .unwrap();
        format!("events[{i}].figures[0]")
    };
    assert!(!warned.contains(&figure.as_str()), "{warned:?}");
}
