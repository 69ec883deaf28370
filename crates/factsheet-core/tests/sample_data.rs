//! The bundled sample: the ids other code and tests rely on, and the promises
//! docs/FORMAT.md makes about it (every claim quoted, spellings documented).

use factsheet_core::load::load_sample;
use factsheet_core::model::{Dataset, Quantity, Side};

fn sample() -> Dataset {
    let report = load_sample(jiff::civil::date(2026, 1, 1));
    let (dataset, warnings) = report
        .into_result()
        .unwrap_or_else(|errors| panic!("the sample does not load: {errors:#?}"));
    // The articles disagree on purpose: those warnings are expected (and their
    // paths checked in src/compare/sample_tests.rs); any other warning is not.
    let unexplained: Vec<_> = warnings
        .iter()
        .filter(|w| !w.message.starts_with("the sources"))
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained warnings: {unexplained:#?}"
    );
    dataset
}

#[test]
fn the_documented_ids_exist() {
    let d = sample();
    for id in ["seed-000", "seed-002"] {
        assert!(d.source(id).is_some(), "source {id}");
    }
    for id in ["istanbul-2025-05-16", "istanbul-2025-06-02"] {
        assert!(d.agreement(id).is_some(), "agreement {id}");
    }
    for id in [
        "2025-05-prisoner-exchange",
        "2025-06-09-wounded-and-young",
        "2025-06-11-remains",
    ] {
        assert!(d.event(id).is_some(), "event {id}");
    }
    let june = d.agreement("istanbul-2025-06-02").unwrap();
    assert!(june.facts.iter().any(|f| f.id == "exchange-or-unilateral"));
    let remains = d.event("2025-06-11-remains").unwrap();
    for id in ["russia-confirmed", "regions", "first-batch"] {
        assert!(remains.facts.iter().any(|f| f.id == id), "fact {id}");
    }
}

#[test]
fn every_claim_carries_a_quote() {
    let d = sample();
    let mut quotes: Vec<(String, Option<&str>)> = Vec::new();
    for e in &d.events {
        for f in &e.figures {
            for c in &f.claims {
                quotes.push((format!("{}/{}", e.id, f.id), c.quote.as_deref()));
            }
        }
        for f in &e.facts {
            for c in &f.claims {
                quotes.push((format!("{}/{}", e.id, f.id), c.quote.as_deref()));
            }
        }
    }
    for a in &d.agreements {
        for t in &a.terms {
            for c in &t.claims {
                quotes.push((format!("{}/{}", a.id, t.id), c.quote.as_deref()));
            }
        }
        for f in &a.facts {
            for c in &f.claims {
                quotes.push((format!("{}/{}", a.id, f.id), c.quote.as_deref()));
            }
        }
    }
    for t in &d.running_totals {
        for c in &t.claims {
            quotes.push((t.id.to_string(), c.quote.as_deref()));
        }
    }
    for e in &d.estimates {
        for c in &e.claims {
            quotes.push((e.id.to_string(), c.quote.as_deref()));
        }
    }
    assert!(quotes.len() > 30, "only {} claims", quotes.len());
    for (at, quote) in quotes {
        assert!(
            quote.is_some_and(|q| !q.trim().is_empty()),
            "{at} has a claim without a quote"
        );
    }
}

#[test]
fn the_regions_differ_only_in_spellings_the_file_documents() {
    let d = sample();
    let fold = |answer: &str| {
        let mut out = answer.to_string();
        for p in &d.place_names {
            for v in &p.variants {
                out = out.replace(v.as_str(), &p.canonical);
            }
        }
        out
    };
    let regions = d
        .event("2025-06-11-remains")
        .and_then(|e| e.facts.iter().find(|f| f.id == "regions"))
        .unwrap();
    let answers: Vec<&str> = regions.claims.iter().map(|c| c.answer.as_str()).collect();
    assert_eq!(answers.len(), 2);
    assert_ne!(answers[0], answers[1], "the spellings should differ");
    assert_eq!(fold(answers[0]), fold(answers[1]));
}

#[test]
fn the_headline_figures_are_as_the_articles_state_them() {
    let d = sample();
    let remains = d.event("2025-06-11-remains").unwrap();
    let to = |side: Side| {
        remains
            .figures
            .iter()
            .find(|f| f.received_by == Some(side))
            .unwrap()
    };
    let ukraine = to(Side::Ukraine);
    assert!(ukraine.claims.len() >= 2);
    assert!(
        ukraine
            .claims
            .iter()
            .all(|c| c.value == Quantity::Exact(1212))
    );
    let russia = to(Side::Russia);
    assert_eq!(russia.claims.len(), 1, "27 comes from seed-000 alone");
    assert_eq!(russia.claims[0].value, Quantity::Exact(27));
    assert_eq!(russia.claims[0].source, "seed-000");
}
