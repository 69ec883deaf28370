//! What the fact sheet finds in each version, set side by side: the
//! disagreements the comparison finds, the totals, each agreement term's
//! progress and each running total's sum and verdicts. All of it is read off
//! the summary each version's sheet is built from ([`crate::export::build`],
//! every event listed), so the diff says what the two published sheets say.

use std::collections::{HashMap, HashSet};

use super::records::Names;
use super::touch::Touched;
use super::{
    DisagreementEntry, RunningTotalMove, StatementEntry, TermMove, TermState, TotalMove,
    VerdictMove,
};
use crate::export::summary::{
    Disagreement, RunningTotalRow, Statement, Summary, TermRow, TotalRow, figure_subject,
    range_text, status_note,
};
use crate::export::{SummaryOptions, build};
use crate::model::Dataset;

/// The findings that moved.
#[derive(Default)]
pub(super) struct Findings {
    pub totals: Vec<TotalMove>,
    pub agreements: Vec<TermMove>,
    pub running_totals: Vec<RunningTotalMove>,
    pub appeared: Vec<DisagreementEntry>,
    pub resolved: Vec<DisagreementEntry>,
}

/// Compares the fact sheets of `old` and `new`; what moved cites the sources
/// `touched` under it.
pub(super) fn compare(
    old: &Dataset,
    new: &Dataset,
    names: &Names<'_>,
    touched: &Touched,
) -> Findings {
    let every = SummaryOptions::default();
    // The two sheets on two cores, by the core's one policy for a second thread.
    let size = crate::parallel::Size::events(old.events.len().max(new.events.len()));
    let aside = || build(old, &every);
    let (before, after) = crate::parallel::beside("factsheet-diff", size, aside, |before| {
        let after = build(new, &every);
        // `None` only when its thread panicked: then it fails here as it would have.
        let before = before.join().unwrap_or_else(|| build(old, &every));
        (before, after)
    });
    let (appeared, resolved) = disagreements(&before, &after, names);
    Findings {
        totals: totals(&before, &after, names, touched),
        agreements: terms(&before, &after, names, touched),
        running_totals: running_totals(&before, &after, names, touched),
        appeared,
        resolved,
    }
}

/// The id of the source with citation number `n` in `summary`.
fn source_id<'s>(summary: &'s Summary<'_>, n: usize) -> &'s str {
    summary.source(n).map_or("", |s| &s.id)
}

/// Disagreements of `after` not in `before` (appeared), and of `before` not
/// in `after` (resolved): matched by what they are on, their subject and
/// kind, and their order among those alike.
fn disagreements(
    before: &Summary<'_>,
    after: &Summary<'_>,
    names: &Names<'_>,
) -> (Vec<DisagreementEntry>, Vec<DisagreementEntry>) {
    type Key<'k> = (
        &'k str,
        &'k str,
        crate::export::summary::DisagreementKind,
        usize,
    );
    fn keyed<'k>(list: &'k [Disagreement<'_>]) -> Vec<(Key<'k>, &'k Disagreement<'k>)> {
        let mut seen: HashMap<(&str, &str, _), usize> = HashMap::new();
        list.iter()
            .map(|d| {
                let n = seen.entry((&*d.on_id, &*d.subject, d.kind)).or_insert(0);
                let key = (&*d.on_id, &*d.subject, d.kind, *n);
                *n += 1;
                (key, d)
            })
            .collect()
    }
    let old = keyed(&before.disagreements);
    let new = keyed(&after.disagreements);
    let old_keys: HashSet<Key<'_>> = old.iter().map(|(k, _)| *k).collect();
    let new_keys: HashSet<Key<'_>> = new.iter().map(|(k, _)| *k).collect();
    let entry = |summary: &Summary<'_>, d: &Disagreement<'_>| DisagreementEntry {
        on_id: d.on_id.to_string(),
        on_title: d.on_title.to_string(),
        subject: d.subject.to_string(),
        kind: d.kind,
        statements: d
            .statements
            .iter()
            .map(|s| statement(summary, s, names))
            .collect(),
    };
    let appeared = new
        .iter()
        .filter(|(k, _)| !old_keys.contains(k))
        .map(|(_, d)| entry(after, d))
        .collect();
    let resolved = old
        .iter()
        .filter(|(k, _)| !new_keys.contains(k))
        .map(|(_, d)| entry(before, d))
        .collect();
    (appeared, resolved)
}

fn statement(summary: &Summary<'_>, s: &Statement<'_>, names: &Names<'_>) -> StatementEntry {
    let note = status_note(s.status, s.attributed_to.as_deref());
    StatementEntry {
        source: names.cite(source_id(summary, s.source)),
        says: if note.is_empty() {
            s.says.to_string()
        } else {
            format!("{} ({note})", s.says)
        },
    }
}

/// A total as the sheet reads it: "1,212", "1,212 (1,201–1,212)".
fn total_text(t: &TotalRow) -> String {
    let range = if t.undisclosed >= t.figures {
        None
    } else {
        range_text(Some(t.low), t.best, t.high)
    };
    match range {
        Some(r) => format!("{} ({r})", t.text()),
        None => t.text(),
    }
}

/// Totals whose reading differs, in the new sheet's order, then those only the old one had.
fn totals(
    before: &Summary<'_>,
    after: &Summary<'_>,
    names: &Names<'_>,
    touched: &Touched,
) -> Vec<TotalMove> {
    let old: HashMap<_, &TotalRow> = before
        .totals
        .iter()
        .map(|t| ((t.received_by, t.category), t))
        .collect();
    let new_keys: HashSet<_> = after
        .totals
        .iter()
        .map(|t| (t.received_by, t.category))
        .collect();
    let pairs = after
        .totals
        .iter()
        .map(|t| (old.get(&(t.received_by, t.category)).copied(), Some(t)))
        .chain(
            before
                .totals
                .iter()
                .filter(|t| !new_keys.contains(&(t.received_by, t.category)))
                .map(|t| (Some(t), None)),
        );
    pairs
        .filter_map(|(o, n)| {
            let any = n.or(o)?;
            let (old, new) = (o.map(total_text), n.map(total_text));
            (old != new).then(|| TotalMove {
                received_by: any.received_by,
                category: any.category,
                subject: figure_subject(any.received_by, any.category, None),
                old,
                new,
                sources: names.cite_all(touched.under_total(any.received_by, any.category)),
            })
        })
        .collect()
}

fn term_state(t: &TermRow<'_>) -> TermState {
    TermState {
        target: t.target_text(),
        delivered: t.delivered_full_text(),
        share: t.share_full_text(),
    }
}

/// An agreement term as one version's sheet has it.
struct Term {
    agreement_id: String,
    agreement_title: String,
    term_id: String,
    description: String,
    side: crate::model::Side,
    category: crate::model::Category,
    state: TermState,
}

impl Term {
    fn all(summary: &Summary<'_>) -> Vec<Term> {
        summary
            .agreements
            .iter()
            .flat_map(|a| {
                a.terms.iter().map(move |t| Term {
                    agreement_id: a.id.to_string(),
                    agreement_title: a.title.to_string(),
                    term_id: t.id.to_string(),
                    description: t.description.to_string(),
                    side: t.received_by,
                    category: t.category,
                    state: term_state(t),
                })
            })
            .collect()
    }

    fn key(&self) -> (&str, &str) {
        (&self.agreement_id, &self.term_id)
    }
}

/// Agreement terms whose progress reads differently, matched by agreement
/// and term id: in the new sheet's order, then those only the old one had.
fn terms(
    before: &Summary<'_>,
    after: &Summary<'_>,
    names: &Names<'_>,
    touched: &Touched,
) -> Vec<TermMove> {
    let old = Term::all(before);
    let new = Term::all(after);
    let old_by: HashMap<(&str, &str), &Term> = old.iter().map(|t| (t.key(), t)).collect();
    let new_keys: HashSet<(&str, &str)> = new.iter().map(Term::key).collect();
    let pairs = new
        .iter()
        .map(|n| (old_by.get(&n.key()).copied(), Some(n)))
        .chain(
            old.iter()
                .filter(|o| !new_keys.contains(&o.key()))
                .map(|o| (Some(o), None)),
        );
    pairs
        .filter_map(|(o, n)| {
            let any = n.or(o)?;
            let (old, new) = (o.map(|t| t.state.clone()), n.map(|t| t.state.clone()));
            (old != new).then(|| TermMove {
                agreement_id: any.agreement_id.clone(),
                agreement_title: any.agreement_title.clone(),
                term_id: any.term_id.clone(),
                term: any.description.clone(),
                old,
                new,
                sources: names.cite_all(touched.under_term(
                    &any.agreement_id,
                    &any.term_id,
                    any.side,
                    any.category,
                )),
            })
        })
        .collect()
}

/// Running totals whose sum or verdicts differ, matched by id; their claims
/// by source and order among that source's claims.
fn running_totals(
    before: &Summary<'_>,
    after: &Summary<'_>,
    names: &Names<'_>,
    touched: &Touched,
) -> Vec<RunningTotalMove> {
    let old: HashMap<&str, &RunningTotalRow<'_>> =
        before.running_totals.iter().map(|t| (&*t.id, t)).collect();
    let new_ids: HashSet<&str> = after.running_totals.iter().map(|t| &*t.id).collect();
    let pairs = after
        .running_totals
        .iter()
        .map(|t| (old.get(&*t.id).copied(), Some(t)))
        .chain(
            before
                .running_totals
                .iter()
                .filter(|t| !new_ids.contains(&*t.id))
                .map(|t| (Some(t), None)),
        );
    pairs
        .filter_map(|(o, n)| {
            let any = n.or(o)?;
            let (old_computed, new_computed) =
                (o.map(|t| t.computed_text()), n.map(|t| t.computed_text()));
            let verdicts = verdicts(before, o, after, n, names);
            if old_computed == new_computed && verdicts.is_empty() {
                return None;
            }
            let counted: HashSet<&str> = o
                .into_iter()
                .chain(n)
                .flat_map(|t| t.counted.iter().map(|id| &**id))
                .collect();
            Some(RunningTotalMove {
                id: any.id.to_string(),
                description: any.description.to_string(),
                old_computed,
                new_computed,
                verdicts,
                sources: names.cite_all(touched.under_running_total(&any.id, &counted)),
            })
        })
        .collect()
}

/// The claims of a running total whose verdict reads differently.
fn verdicts(
    before: &Summary<'_>,
    old: Option<&RunningTotalRow<'_>>,
    after: &Summary<'_>,
    new: Option<&RunningTotalRow<'_>>,
    names: &Names<'_>,
) -> Vec<VerdictMove> {
    /// (source id, order among its claims), and (what it says, the verdict).
    type Said<'s> = ((&'s str, usize), (String, String));
    fn keyed<'s>(summary: &'s Summary<'_>, row: Option<&RunningTotalRow<'_>>) -> Vec<Said<'s>> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        row.into_iter()
            .flat_map(|t| t.claims.iter().map(move |c| (t, c)))
            .map(|(t, c)| {
                let id = source_id(summary, c.claim.source);
                let n = seen.entry(id).or_insert(0);
                let key = (id, *n);
                *n += 1;
                (key, (c.claim.value_text(), t.verdict_text(c)))
            })
            .collect()
    }
    let o = keyed(before, old);
    let n = keyed(after, new);
    let old_by: HashMap<(&str, usize), &(String, String)> =
        o.iter().map(|(k, v)| (*k, v)).collect();
    let new_keys: HashSet<(&str, usize)> = n.iter().map(|(k, _)| *k).collect();
    let mut out = Vec::new();
    for (key, (says, verdict)) in &n {
        let before = old_by.get(key).map(|(_, v)| v.clone());
        if before.as_ref() != Some(verdict) {
            out.push(VerdictMove {
                source: names.cite(key.0),
                says: says.clone(),
                old: before,
                new: Some(verdict.clone()),
            });
        }
    }
    for (key, (says, verdict)) in o.iter().filter(|(k, _)| !new_keys.contains(k)) {
        out.push(VerdictMove {
            source: names.cite(key.0),
            says: says.clone(),
            old: Some(verdict.clone()),
            new: None,
        });
    }
    out
}
