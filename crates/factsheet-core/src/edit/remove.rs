//! Deleting a source: refused while anything cites it, with the list of what
//! does; or, when asked, together with the claims and answers that cite it.
//! References that are not claims of their own (a relay, a denial's
//! `answers`, a date or agreement claim of an event, a term's, a running
//! total's or an estimate's claim) are never removed with the source: they
//! are listed, and the source stays until they are changed.

use super::{Edit, EditError, Target};
use crate::model::Dataset;

/// One thing that cites a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Its JSON path: `events[2].figures[0].claims[1]`.
    pub path: String,
    /// In words, for the refusal: "a claim of figure bodies in event 2025-06-11".
    pub what: String,
    /// Where it is, when it is a claim or an answer that can go with the source.
    pub removable: Option<Target>,
}

/// Everything in `dataset` that cites the source `id`, in file order.
pub fn source_citations(dataset: &Dataset, id: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut fixed = |path: String, what: String| {
        out.push(Citation {
            path,
            what,
            removable: None,
        })
    };
    for (i, s) in dataset.sources.iter().enumerate() {
        if s.relays.as_ref().is_some_and(|r| r.source == id) {
            fixed(
                format!("sources[{i}].relays"),
                format!("the source \"{}\" relays it", s.id),
            );
        }
    }
    let mut removable = Vec::new();
    for (e, event) in dataset.events.iter().enumerate() {
        for (f, figure) in event.figures.iter().enumerate() {
            for (c, claim) in figure.claims.iter().enumerate() {
                let at = Target::Claim {
                    event: e,
                    figure: f,
                    claim: c,
                };
                if claim.source == id {
                    removable.push(Citation {
                        path: at.path(),
                        what: format!(
                            "a claim of the figure \"{}\" of the event \"{}\"",
                            figure.id, event.id
                        ),
                        removable: Some(at),
                    });
                } else if claim.answers.iter().any(|a| a == id) {
                    removable.push(Citation {
                        path: format!("{}.answers", at.path()),
                        what: format!(
                            "a denial of the figure \"{}\" of the event \"{}\" answers it",
                            figure.id, event.id
                        ),
                        removable: None,
                    });
                }
            }
        }
        for (f, fact) in event.facts.iter().enumerate() {
            for (c, claim) in fact.claims.iter().enumerate() {
                if claim.source == id {
                    let at = Target::FactClaim {
                        event: e,
                        fact: f,
                        claim: c,
                    };
                    removable.push(Citation {
                        path: at.path(),
                        what: format!(
                            "an answer to \"{}\" of the event \"{}\"",
                            fact.question, event.id
                        ),
                        removable: Some(at),
                    });
                }
            }
        }
        for (d, date) in event.dates.iter().enumerate() {
            if date.source == id {
                removable.push(Citation {
                    path: format!("events[{e}].dates[{d}]"),
                    what: format!("a date of the event \"{}\"", event.id),
                    removable: None,
                });
            }
        }
        for (l, link) in event.links.iter().enumerate() {
            if link.source == id {
                removable.push(Citation {
                    path: format!("events[{e}].links[{l}]"),
                    what: format!("the agreement of the event \"{}\"", event.id),
                    removable: None,
                });
            }
        }
    }
    out.extend(removable);
    for (a, agreement) in dataset.agreements.iter().enumerate() {
        for (t, term) in agreement.terms.iter().enumerate() {
            if term.claims.iter().any(|c| c.source == id) {
                out.push(Citation {
                    path: format!("agreements[{a}].terms[{t}]"),
                    what: format!("the term \"{}\" of \"{}\"", term.id, agreement.id),
                    removable: None,
                });
            }
        }
        for (f, fact) in agreement.facts.iter().enumerate() {
            if fact.claims.iter().any(|c| c.source == id) {
                out.push(Citation {
                    path: format!("agreements[{a}].facts[{f}]"),
                    what: format!(
                        "\"{}\" of the agreement \"{}\"",
                        fact.question, agreement.id
                    ),
                    removable: None,
                });
            }
        }
    }
    for (t, total) in dataset.running_totals.iter().enumerate() {
        let baseline = total.baseline.as_ref().is_some_and(|b| b.source == id);
        if baseline || total.claims.iter().any(|c| c.source == id) {
            out.push(Citation {
                path: format!("running_totals[{t}]"),
                what: format!("the running total \"{}\"", total.id),
                removable: None,
            });
        }
    }
    for (x, estimate) in dataset.estimates.iter().enumerate() {
        if estimate.claims.iter().any(|c| c.source == id) {
            out.push(Citation {
                path: format!("estimates[{x}]"),
                what: format!("the estimate \"{}\"", estimate.id),
                removable: None,
            });
        }
    }
    out
}

/// The edit that deletes the source `id`: refused while anything cites it,
/// unless `with_claims` and every citation is a claim or an answer, which
/// then go with it (one edit, undone at once).
pub fn remove_source(dataset: &Dataset, id: &str, with_claims: bool) -> Result<Edit, EditError> {
    let index = dataset
        .sources
        .iter()
        .position(|s| s.id == id)
        .ok_or(EditError::NoSuchPlace(Target::Source(
            dataset.sources.len(),
        )))?;
    let citations = source_citations(dataset, id);
    let all_removable = citations.iter().all(|c| c.removable.is_some());
    let may_go = citations.is_empty() || (with_claims && all_removable);
    if !may_go {
        return Err(EditError::Cited {
            source: id.to_string(),
            by: citations,
        });
    }
    // Later positions first, so that each removal leaves the earlier ones where they are.
    let mut edits: Vec<Edit> = citations
        .iter()
        .rev()
        .filter_map(|c| c.removable)
        .map(|at| Edit::Remove { at })
        .collect();
    edits.push(Edit::Remove {
        at: Target::Source(index),
    });
    Ok(match edits.len() {
        1 => edits.remove(0),
        _ => Edit::Group(edits),
    })
}
