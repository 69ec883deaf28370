//! The dataset of real exchanges and repatriations (sample_data/exchanges-2022-2025.json):
//! it loads without errors, every source a number rests on can be found again (address,
//! outlet, publication and retrieval dates), and no claim carries words copied from the
//! pages it was built from.

use std::collections::BTreeSet;
use std::path::PathBuf;

use factsheet_core::load::load_paths;
use factsheet_core::model::{Claim, Dataset};

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample_data/exchanges-2022-2025.json")
}

fn dataset() -> Dataset {
    let report = load_paths(&[path()], jiff::civil::date(2026, 12, 6));
    let (dataset, _warnings) = report
        .into_result()
        .unwrap_or_else(|errors| panic!("the real dataset does not load: {errors:#?}"));
    dataset
}

/// Every number claim of the dataset, with where it sits, for the messages.
fn number_claims(d: &Dataset) -> Vec<(String, &Claim)> {
    let mut out = Vec::new();
    for e in &d.events {
        for f in &e.figures {
            for c in &f.claims {
                out.push((format!("event {} / figure {}", e.id, f.id), c));
            }
        }
    }
    for a in &d.agreements {
        for t in &a.terms {
            for c in &t.claims {
                out.push((format!("agreement {} / term {}", a.id, t.id), c));
            }
        }
    }
    for t in &d.running_totals {
        for c in &t.claims {
            out.push((format!("running total {}", t.id), c));
        }
    }
    for e in &d.estimates {
        for c in &e.claims {
            out.push((format!("estimate {}", e.id), c));
        }
    }
    out
}

#[test]
fn it_covers_at_least_sixty_events_over_three_years() {
    let d = dataset();
    assert!(d.events.len() >= 60, "only {} events", d.events.len());
    let years: BTreeSet<i16> = d.events.iter().map(|e| e.date.on.year()).collect();
    assert!(years.len() >= 3, "events fall in only {years:?}");
}

#[test]
fn every_source_of_a_figure_can_be_found_again() {
    let d = dataset();
    let mut problems = Vec::new();
    for (at, claim) in number_claims(&d) {
        let Some(source) = d.source(&claim.source) else {
            problems.push(format!("{at}: source {} is not defined", claim.source));
            continue;
        };
        let id = &source.id;
        if source.url.as_deref().is_none_or(|u| !u.starts_with("http")) {
            problems.push(format!("{at}: source {id} has no http(s) url"));
        }
        let outlet = source.outlet.trim();
        if outlet.is_empty() || outlet.eq_ignore_ascii_case("unknown") {
            problems.push(format!("{at}: source {id} names no outlet"));
        }
        if source.published.is_none() {
            problems.push(format!("{at}: source {id} has no publication date"));
        }
        if source.retrieved.is_none() {
            problems.push(format!("{at}: source {id} has no retrieved date"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn no_claim_copies_words_from_its_page() {
    let d = dataset();
    let mut quoted = Vec::new();
    for (at, claim) in number_claims(&d) {
        if claim.quote.is_some() {
            quoted.push(at);
        }
    }
    for e in &d.events {
        for f in &e.facts {
            if f.claims.iter().any(|c| c.quote.is_some()) {
                quoted.push(format!("event {} / fact {}", e.id, f.id));
            }
        }
        if e.dates.iter().any(|c| c.quote.is_some()) {
            quoted.push(format!("event {} / dates", e.id));
        }
        if e.links.iter().any(|c| c.quote.is_some()) {
            quoted.push(format!("event {} / links", e.id));
        }
    }
    for a in &d.agreements {
        for f in &a.facts {
            if f.claims.iter().any(|c| c.quote.is_some()) {
                quoted.push(format!("agreement {} / fact {}", a.id, f.id));
            }
        }
    }
    for t in &d.running_totals {
        if t.baseline.as_ref().is_some_and(|b| b.quote.is_some()) {
            quoted.push(format!("running total {} / baseline", t.id));
        }
    }
    assert!(quoted.is_empty(), "claims with a quote: {quoted:#?}");
}
