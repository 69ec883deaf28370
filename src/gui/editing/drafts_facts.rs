//! A fact of an event as typed (its id and question), and the duplicates of
//! an event and of a source: a new item filled in as the one copied, with an
//! id no other item has.

use factsheet_core::edit::{Edit, Item, Target};
use factsheet_core::model::{Dataset, Fact, List};

use super::claim_rows::fresh_id;
use super::drafts::{FieldErrors, Reading, field};
use super::{EventDraft, SourceDraft};

/// A fact as typed. `at` is the fact edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct FactDraft {
    pub event: usize,
    pub at: Option<usize>,
    pub id: String,
    pub question: String,
    /// The fact as it was: its answers are kept.
    pub original: Option<Fact>,
}

/// The question's field name.
pub const QUESTION: &str = "question";

impl FactDraft {
    pub const FIELDS: &'static [&'static str] = &[field::ID, QUESTION];

    /// A new fact of the event at `event`, with an id none of its facts has.
    pub fn new_in(dataset: &Dataset, event: usize) -> FactDraft {
        let facts = dataset.events.get(event).map(|e| e.facts.as_slice());
        let id = fresh_id("fact", |c| {
            facts.unwrap_or(&[]).iter().any(|f| f.id.as_str() == c)
        });
        FactDraft {
            event,
            at: None,
            id,
            question: String::new(),
            original: None,
        }
    }

    pub fn of(event: usize, at: usize, f: &Fact) -> FactDraft {
        FactDraft {
            event,
            at: Some(at),
            id: f.id.to_string(),
            question: f.question.to_string(),
            original: Some(f.clone()),
        }
    }

    pub(super) fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        if self.id.trim().is_empty() {
            errors.push((field::ID, "the id is empty".into()));
        }
        if self.question.trim().is_empty() {
            errors.push((
                QUESTION,
                "the question is empty: \"Did Russia confirm?\"".into(),
            ));
        }
        let Some(event) = dataset.events.get(self.event) else {
            errors.push((QUESTION, "the event is no longer in the data".into()));
            return Reading { edit: None, errors };
        };
        let fact = Fact {
            id: self.id.trim().into(),
            question: self.question.trim().into(),
            claims: self
                .original
                .as_ref()
                .map_or_else(List::new, |f| f.claims.clone()),
        };
        let at = Target::Fact {
            event: self.event,
            fact: self.at.unwrap_or(event.facts.len()),
        };
        let item = Item::Fact(fact);
        let edit = match self.at {
            Some(_) => Edit::Replace { at, item },
            None => Edit::Insert { at, item },
        };
        Reading {
            edit: Some((edit, at)),
            errors,
        }
    }
}

/// A new event filled in as the event at `i` (its figures, facts and the
/// rest too), with an id no event has.
pub fn duplicate_event(dataset: &Dataset, i: usize) -> Option<EventDraft> {
    let event = dataset.events.get(i)?;
    let mut draft = EventDraft::of(i, event);
    draft.at = None;
    draft.id = fresh_id(&format!("{}-copy", event.id), |c| {
        dataset.event(c).is_some()
    });
    Some(draft)
}

/// A new source filled in as the source at `i`, with an id no source has.
pub fn duplicate_source(dataset: &Dataset, i: usize) -> Option<SourceDraft> {
    let source = dataset.sources.get(i)?;
    let mut draft = SourceDraft::of(i, source);
    draft.at = None;
    draft.id = fresh_id(&format!("{}-copy", source.id), |c| {
        dataset.source(c).is_some()
    });
    Some(draft)
}
