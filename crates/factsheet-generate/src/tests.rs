//! Tests of the generator (lib.rs).

use super::*;
use factsheet_core::compare::{Consensus, consensus};
use factsheet_core::model::Dataset;

fn test_dataset(events: u64, seed: u64) -> Dataset {
    serde_json::from_slice(&to_bytes(events, seed)).unwrap()
}

fn generate(events: u64, seed: u64) -> Vec<u8> {
    to_bytes(events, seed)
}

#[test]
fn a_generated_file_loads_without_errors() {
    let bytes = generate(4_000, 7);
    let report =
        factsheet_core::load::load_bytes(vec![("gen.json".to_string(), bytes)], date(2026, 1, 1));
    // The only warnings are the running totals that are meant not to add up,
    // the sources that are meant to disagree, and the soldiers or civilians
    // figures beside a prisoners figure, read as its parts.
    let unexpected: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.is_error()
                || !(d.message.starts_with("running total")
                    || d.message.starts_with("the sources")
                    || d.message
                        .contains("is read as part of the event's prisoners figure"))
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{:#?}",
        &unexpected[..unexpected.len().min(10)]
    );
    let d = report.dataset.unwrap();
    assert_eq!(d.events.len(), 4_000);
    assert!(!d.agreements.is_empty());
    assert!(!d.running_totals.is_empty());
}

#[test]
fn agreements_are_carried_out_by_a_few_rounds_near_what_was_agreed() {
    let d = test_dataset(40_000, 3);
    let stats = factsheet_core::stats::Stats::compute(&d, None);
    let mut shares = Vec::new();
    for a in &stats.agreements {
        let linked = d
            .events
            .iter()
            .filter(|e| e.agreement.as_deref() == Some(a.id.as_str()))
            .count();
        assert!(linked as u64 <= MAX_ROUNDS, "{}: {linked} events", a.id);
        let remains = a.terms.iter().find(|t| t.id == "remains-to-ukraine");
        if let Some(Ok(share)) = remains.map(|t| t.share_or_why()) {
            let (factsheet_core::stats::Share::Exact(x) | factsheet_core::stats::Share::AtLeast(x)) =
                share;
            // The last round may go past what was agreed, not ten times past it.
            assert!(x < 3.0, "{}: {:.0}% delivered", a.id, x * 100.0);
            shares.push(x);
        }
    }
    // Some agreements carried out in full, some far from it, as in the news.
    assert!(shares.len() * 2 > stats.agreements.len(), "{shares:?}");
    assert!(shares.iter().any(|&x| x >= 1.0), "{shares:?}");
    assert!(shares.iter().any(|&x| x < 0.5), "{shares:?}");
}

#[test]
fn too_many_events_is_an_error_before_any_byte() {
    let mut out = Vec::new();
    let err = write_dataset(
        &mut out,
        Options {
            events: 1_000_000_000_000,
            seed: 1,
        },
    )
    .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("at most 100000000"), "{err}");
    assert!(out.is_empty());
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(300, 42);
    assert_eq!(a, generate(300, 42));
    assert_ne!(a, generate(300, 43));
}

#[test]
fn tiny_and_empty_datasets_are_valid() {
    for n in [0, 1, 2, 5, 9] {
        let bytes = generate(n, 1);
        let report = factsheet_core::load::load_bytes(
            vec![(format!("gen{n}.json"), bytes)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{n}: {:#?}", report.diagnostics);
        assert_eq!(report.dataset.unwrap().events.len() as u64, n);
    }
}

#[test]
fn the_data_has_the_variety_the_viewer_must_handle() {
    let bytes = generate(500, 3);
    let d: Dataset = serde_json::from_slice(&bytes).unwrap();
    let figures: Vec<&Figure> = d.events.iter().flat_map(|e| &e.figures).collect();
    let classes: Vec<Consensus> = figures.iter().map(|f| consensus(&f.claims)).collect();
    for class in [
        Consensus::Agree,
        Consensus::Compatible,
        Consensus::Conflicting,
        Consensus::SingleSource,
    ] {
        assert!(classes.contains(&class), "no {class:?} figure");
    }
    let values: Vec<Quantity> = figures
        .iter()
        .flat_map(|f| f.claims.iter().map(|c| c.value))
        .collect();
    assert!(values.iter().any(|v| matches!(v, Quantity::MoreThan(_))));
    assert!(values.iter().any(|v| matches!(v, Quantity::Range { .. })));
    assert!(values.contains(&Quantity::NotDisclosed));
    let counts: Vec<usize> = d.events.iter().map(|e| e.figures.len()).collect();
    assert_eq!(counts.iter().min(), Some(&1));
    assert_eq!(counts.iter().max(), Some(&6));
    let claims: Vec<usize> = figures.iter().map(|f| f.claims.len()).collect();
    assert_eq!(claims.iter().min(), Some(&1));
    assert_eq!(claims.iter().max(), Some(&5));
    assert!(d.events.iter().any(|e| !e.date.is_exact_day()));
    assert!(d.events.iter().any(|e| e.date.until.is_some()));
    assert!(d.events.iter().any(|e| !e.facts.is_empty()));
    let years: std::collections::BTreeSet<i16> =
        d.events.iter().map(|e| e.date.on.year()).collect();
    assert!(years.len() >= 3, "{years:?}");
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    assert!(d.sources.iter().any(|s| cyrillic(&s.outlet)));
    assert!(d.sources.iter().any(|s| !cyrillic(&s.outlet)));
    assert!(
        d.events
            .iter()
            .flat_map(|e| &e.figures)
            .flat_map(|f| &f.claims)
            .filter_map(|c| c.quote.as_deref())
            .any(cyrillic)
    );
    let place_names: Vec<&str> = d
        .events
        .iter()
        .filter_map(|e| e.place.as_ref().map(|p| p.name.as_str()))
        .collect();
    assert!(place_names.contains(&"Kyiv") && place_names.contains(&"Kiev"));
    assert!(d.agreements.iter().all(|a| !a.terms.is_empty()));
    // Events are in date order, as a running file would be.
    assert!(
        d.events
            .windows(2)
            .all(|w| w[0].date.on <= w[1].date.on || w[1].date.precision == DatePrecision::Month)
    );
}
