//! Claims matched across the two versions by where they stand and their
//! source (and, for a source with several claims on one point, their order
//! among its own), never by position; each pair that differs is a changed
//! claim with the fields that changed.
//!
//! Claims are compared as data first, and worded only when they differ: two
//! versions of a large file share almost every claim.

use std::collections::{HashMap, HashSet};

use super::records::{Names, field, listed, words};
use super::touch::Touched;
use super::{ClaimEntry, ClaimOn, FieldChange};
use crate::export::summary::{claim_detail_of, figure_subject, status_note, value_text};
use crate::model::{Claim, Dataset, DateClaim, Event, FactClaim, Figure, LinkClaim};

/// The claims added, removed and changed.
#[derive(Default)]
pub(super) struct ClaimChanges {
    pub changed: Vec<ClaimEntry>,
    pub added: Vec<ClaimEntry>,
    pub removed: Vec<ClaimEntry>,
}

/// A claim of any kind, as the file has it.
#[derive(Clone, Copy, PartialEq)]
enum Raw<'a> {
    Claim(&'a Claim),
    Fact(&'a FactClaim),
    Date(&'a DateClaim),
    Link(&'a LinkClaim),
}

/// What a claim is about, worded only when it is listed.
#[derive(Clone, Copy)]
enum Subject<'a> {
    Figure(&'a Figure),
    Text(&'a str),
    Fixed(&'static str),
}

/// One claim and where it stands.
struct Item<'a> {
    on: ClaimOn,
    parent_id: &'a str,
    parent_title: &'a str,
    item_id: Option<&'a str>,
    subject: Subject<'a>,
    source: &'a str,
    /// Its place among the claims of its source on the same point.
    nth: usize,
    raw: Raw<'a>,
    /// The event of an event's claim, and the figure of a figure claim, to
    /// touch what they count in.
    event: Option<&'a Event>,
    figure: Option<&'a Figure>,
    /// Agreement titles of its version, to word a link claim.
    dataset: &'a Dataset,
}

type Key<'a> = (ClaimOn, &'a str, Option<&'a str>, &'a str, usize);

impl<'a> Item<'a> {
    fn key(&self) -> Key<'a> {
        (self.on, self.parent_id, self.item_id, self.source, self.nth)
    }

    fn subject(&self) -> String {
        match self.subject {
            Subject::Figure(f) => figure_subject(f.received_by, f.category, f.label.as_deref()),
            Subject::Text(t) => t.to_string(),
            Subject::Fixed(t) => t.to_string(),
        }
    }

    /// The claim as the fact sheet words it.
    fn words(&self) -> String {
        let (said, status, who) = match self.raw {
            Raw::Claim(c) => {
                let mut said = value_text(c.value, c.status);
                if let Some(detail) = claim_detail_of(c) {
                    said.push_str(&detail);
                }
                (said, c.status, c.attributed_to.as_deref())
            }
            Raw::Fact(c) => (c.answer.to_string(), c.status, c.attributed_to.as_deref()),
            Raw::Date(c) => (
                c.date.to_string(),
                crate::model::ClaimStatus::Claimed,
                c.attributed_to.as_deref(),
            ),
            Raw::Link(c) => (
                self.agreement_name(c.agreement.as_deref()),
                crate::model::ClaimStatus::Claimed,
                c.attributed_to.as_deref(),
            ),
        };
        let note = status_note(status, who);
        if note.is_empty() {
            said
        } else {
            format!("{said} ({note})")
        }
    }

    fn agreement_name(&self, id: Option<&str>) -> String {
        match id {
            None => "under no agreement".to_string(),
            Some(id) => match self.dataset.agreement(id) {
                Some(a) => format!("under {}", a.title),
                None => format!("under {id}"),
            },
        }
    }

    /// Each field with its reading, by name as in the file format.
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        let quote = |q: Option<&crate::model::Quote>| q.map(|q| q.as_str().to_string());
        match self.raw {
            Raw::Claim(c) => vec![
                ("value", Some(c.value.to_string())),
                ("status", Some(c.status.label().to_string())),
                ("attributed_to", words(c.attributed_to.as_deref())),
                ("quote", quote(c.quote.as_ref())),
                ("words", words(c.words.as_deref())),
                ("stated_on", words(c.stated_on.as_ref())),
                (
                    "parts",
                    listed(
                        c.parts
                            .iter()
                            .map(|p| match &p.label {
                                Some(l) => format!("{} {} ({l})", p.value, p.category.label()),
                                None => format!("{} {}", p.value, p.category.label()),
                            })
                            .collect::<Vec<_>>()
                            .iter()
                            .map(String::as_str),
                    ),
                ),
                ("notes", words(c.notes.as_deref())),
                ("answers", listed(c.answers.iter().map(|a| a.as_str()))),
            ],
            Raw::Fact(c) => vec![
                ("answer", Some(c.answer.to_string())),
                ("status", Some(c.status.label().to_string())),
                ("attributed_to", words(c.attributed_to.as_deref())),
                ("quote", quote(c.quote.as_ref())),
                ("stated_on", words(c.stated_on.as_ref())),
                ("notes", words(c.notes.as_deref())),
            ],
            Raw::Date(c) => vec![
                ("date", Some(c.date.to_string())),
                ("attributed_to", words(c.attributed_to.as_deref())),
                ("quote", quote(c.quote.as_ref())),
            ],
            Raw::Link(c) => vec![
                ("agreement", words(c.agreement.as_deref())),
                ("attributed_to", words(c.attributed_to.as_deref())),
                ("quote", quote(c.quote.as_ref())),
                ("notes", words(c.notes.as_deref())),
            ],
        }
    }

    fn entry(
        &self,
        names: &Names<'_>,
        old: Option<String>,
        new: Option<String>,
        changes: Vec<FieldChange>,
    ) -> ClaimEntry {
        ClaimEntry {
            on: self.on,
            parent_id: self.parent_id.to_string(),
            parent_title: self.parent_title.to_string(),
            item_id: self.item_id.map(str::to_string),
            subject: self.subject(),
            source: names.cite(self.source),
            old,
            new,
            changes,
        }
    }

    fn touch(&self, touched: &mut Touched) {
        match (self.event, self.figure) {
            (Some(event), Some(figure)) => touched.figure(event, figure, self.source),
            // Which agreement a source puts the event under moves what the
            // agreement's terms count as delivered, disputed or not.
            (Some(event), None) if self.on == ClaimOn::AgreementLink => {
                for figure in &event.figures {
                    touched.figure(event, figure, self.source);
                }
            }
            _ => {}
        }
        match self.on {
            ClaimOn::Term => touched.term(
                self.parent_id,
                self.item_id.unwrap_or_default(),
                self.source,
            ),
            ClaimOn::RunningTotal => touched.running_total(self.parent_id, self.source),
            _ => {}
        }
    }
}

/// Where each claim of `dataset` stands, leaving out the claims of events
/// not in `shared` (the events of both versions).
fn items<'a>(dataset: &'a Dataset, shared: &HashSet<&str>) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let item = |on, parent_id, parent_title, item_id, subject, source, nth, raw| Item {
        on,
        parent_id,
        parent_title,
        item_id,
        subject,
        source,
        nth,
        raw,
        event: None,
        figure: None,
        dataset,
    };
    for e in dataset
        .events
        .iter()
        .filter(|e| shared.contains(e.id.as_str()))
    {
        let (id, title) = (e.id.as_str(), e.title.as_str());
        for f in &e.figures {
            for (nth, c) in numbered(&f.claims, |c| &c.source) {
                let mut it = item(
                    ClaimOn::Figure,
                    id,
                    title,
                    Some(f.id.as_str()),
                    Subject::Figure(f),
                    c.source.as_str(),
                    nth,
                    Raw::Claim(c),
                );
                it.figure = Some(f);
                it.event = Some(e);
                out.push(it);
            }
        }
        for fact in &e.facts {
            for (nth, c) in numbered(&fact.claims, |c| &c.source) {
                out.push(item(
                    ClaimOn::Fact,
                    id,
                    title,
                    Some(fact.id.as_str()),
                    Subject::Text(&fact.question),
                    c.source.as_str(),
                    nth,
                    Raw::Fact(c),
                ));
            }
        }
        for (nth, c) in numbered(&e.dates, |c| &c.source) {
            out.push(item(
                ClaimOn::Date,
                id,
                title,
                None,
                Subject::Fixed("the date"),
                c.source.as_str(),
                nth,
                Raw::Date(c),
            ));
        }
        for (nth, c) in numbered(&e.links, |c| &c.source) {
            let mut it = item(
                ClaimOn::AgreementLink,
                id,
                title,
                None,
                Subject::Fixed("the agreement"),
                c.source.as_str(),
                nth,
                Raw::Link(c),
            );
            it.event = Some(e);
            out.push(it);
        }
    }
    for a in &dataset.agreements {
        let (id, title) = (a.id.as_str(), a.title.as_str());
        for t in &a.terms {
            for (nth, c) in numbered(&t.claims, |c| &c.source) {
                out.push(item(
                    ClaimOn::Term,
                    id,
                    title,
                    Some(t.id.as_str()),
                    Subject::Text(&t.description),
                    c.source.as_str(),
                    nth,
                    Raw::Claim(c),
                ));
            }
        }
        for fact in &a.facts {
            for (nth, c) in numbered(&fact.claims, |c| &c.source) {
                out.push(item(
                    ClaimOn::AgreementFact,
                    id,
                    title,
                    Some(fact.id.as_str()),
                    Subject::Text(&fact.question),
                    c.source.as_str(),
                    nth,
                    Raw::Fact(c),
                ));
            }
        }
    }
    for t in &dataset.running_totals {
        for (nth, c) in numbered(&t.claims, |c| &c.source) {
            out.push(item(
                ClaimOn::RunningTotal,
                &t.id,
                &t.description,
                None,
                Subject::Text(&t.description),
                c.source.as_str(),
                nth,
                Raw::Claim(c),
            ));
        }
    }
    for t in &dataset.estimates {
        for (nth, c) in numbered(&t.claims, |c| &c.source) {
            out.push(item(
                ClaimOn::Estimate,
                &t.id,
                &t.description,
                None,
                Subject::Text(&t.description),
                c.source.as_str(),
                nth,
                Raw::Claim(c),
            ));
        }
    }
    out
}

/// Each claim with its place among the claims of the same source before it.
fn numbered<C>(
    claims: &[C],
    source: impl Fn(&C) -> &crate::model::Text,
) -> impl Iterator<Item = (usize, &C)> {
    claims.iter().enumerate().map(move |(i, c)| {
        let nth = claims
            .get(..i)
            .unwrap_or_default()
            .iter()
            .filter(|d| source(d) == source(c))
            .count();
        (nth, c)
    })
}

/// Claims added, removed and changed between `old` and `new`, touching what
/// each counts in.
pub(super) fn compare(
    old: &Dataset,
    new: &Dataset,
    names: &Names<'_>,
    touched: &mut Touched,
) -> ClaimChanges {
    let old_ids: HashSet<&str> = old.events.iter().map(|e| e.id.as_str()).collect();
    let shared: HashSet<&str> = new
        .events
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| old_ids.contains(id))
        .collect();
    let before = items(old, &shared);
    let after = items(new, &shared);
    let mut by_key: HashMap<Key<'_>, &Item<'_>> = before.iter().map(|i| (i.key(), i)).collect();
    let mut out = ClaimChanges::default();
    for n in &after {
        match by_key.remove(&n.key()) {
            None => {
                n.touch(touched);
                out.added
                    .push(n.entry(names, None, Some(n.words()), Vec::new()));
            }
            // A figure's side, category or label that changed is the
            // event's change (records.rs), which touches all its claims.
            Some(o) if o.raw == n.raw => {}
            Some(o) => {
                n.touch(touched);
                o.touch(touched);
                let mut changes = Vec::new();
                for ((name, a), (_, b)) in o.fields().into_iter().zip(n.fields()) {
                    field(&mut changes, name, a, b);
                }
                out.changed
                    .push(n.entry(names, Some(o.words()), Some(n.words()), changes));
            }
        }
    }
    for o in before.iter().filter(|o| by_key.contains_key(&o.key())) {
        o.touch(touched);
        out.removed
            .push(o.entry(names, Some(o.words()), None, Vec::new()));
    }
    out
}
