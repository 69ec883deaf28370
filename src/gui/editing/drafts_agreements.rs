//! An agreement and a term of it as typed. An agreement's form holds its
//! id, title, kind, date, place, parties, mediators and notes (its terms and
//! facts are kept, and edited each in its own form); a term's holds its id,
//! description, receiving side, what is counted, its claims and notes.

use factsheet_core::edit::{Edit, Item, Target, agreement_references};
use factsheet_core::model::{
    Agreement, AgreementKind, Category, Dataset, EventDate, List, Place, PlacePrecision, Side,
    Term, Text, parse_event_date,
};

use super::claim_rows::{CLAIMS, ClaimRow, fresh_id, read_rows, rows_of};
use super::drafts::{FieldErrors, Reading, field, optional, put};

/// Field names of these forms, as the JSON paths have them.
pub mod fields {
    pub const PARTIES: &str = "parties";
    pub const DESCRIPTION: &str = "description";
    pub const RECEIVED_BY: &str = "received_by";
    pub const CATEGORY: &str = "category";
}
use fields::*;

/// An agreement as typed. `at` is the agreement edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementDraft {
    pub at: Option<usize>,
    pub id: String,
    pub title: String,
    pub kind: AgreementKind,
    /// As `parse_event_date` reads it: "2025-06-02", "June 2025".
    pub date: String,
    pub place: String,
    /// Comma-separated.
    pub parties: String,
    /// Comma-separated.
    pub mediators: String,
    pub notes: String,
    /// The agreement as it was: its terms, facts and the rest are kept.
    pub original: Option<Agreement>,
}

/// A term as typed. `at` is the term edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct TermDraft {
    pub agreement: usize,
    pub at: Option<usize>,
    pub id: String,
    pub description: String,
    pub received_by: Side,
    pub category: Category,
    pub claims: Vec<ClaimRow>,
    pub notes: String,
}

fn listed(text: &str) -> List<Text> {
    text.split(',').filter_map(optional).collect()
}

impl AgreementDraft {
    pub const FIELDS: &'static [&'static str] = &[
        field::ID,
        field::TITLE,
        field::KIND,
        field::DATE,
        field::PLACE,
        PARTIES,
        field::MEDIATORS,
        field::NOTES,
    ];

    /// A new agreement with an id no agreement has yet.
    pub fn new_in(dataset: &Dataset) -> AgreementDraft {
        AgreementDraft {
            at: None,
            id: fresh_id("agreement", |c| dataset.agreement(c).is_some()),
            title: String::new(),
            kind: AgreementKind::Agreement,
            date: String::new(),
            place: String::new(),
            parties: String::new(),
            mediators: String::new(),
            notes: String::new(),
            original: None,
        }
    }

    pub fn of(at: usize, a: &Agreement) -> AgreementDraft {
        AgreementDraft {
            at: Some(at),
            id: a.id.to_string(),
            title: a.title.to_string(),
            kind: a.kind,
            date: a.date.to_string(),
            place: a
                .place
                .as_ref()
                .map(|p| p.name.to_string())
                .unwrap_or_default(),
            parties: a.parties.join(", "),
            mediators: a.mediators.join(", "),
            notes: a.notes.as_deref().unwrap_or("").to_string(),
            original: Some(a.clone()),
        }
    }

    pub(super) fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        let id = self.id.trim();
        if id.is_empty() {
            errors.push((
                field::ID,
                "the id is empty: events name their agreement by it".into(),
            ));
        }
        if let Some(old) = self.original.as_ref().filter(|_| self.at.is_some())
            && old.id != id
        {
            let referring = agreement_references(dataset, &old.id).len();
            if referring > 0 {
                errors.push((
                    field::ID,
                    format!(
                        "{referring} event(s), link(s) or running total(s) refer to \"{}\": its \
                         id stays while they do",
                        old.id
                    ),
                ));
            }
        }
        if self.title.trim().is_empty() {
            errors.push((field::TITLE, "the title is empty".into()));
        }
        // An unreadable date is previewed as the date the agreement had (or
        // today, for a new one): the reader's message says what is wrong.
        let date = parse_event_date(&self.date)
            .map_err(|e| errors.push((field::DATE, e)))
            .unwrap_or_else(|()| {
                self.original.as_ref().map_or_else(
                    || EventDate::day(factsheet_core::load::today()),
                    |a| a.date.clone(),
                )
            });
        let kept = self.original.as_ref();
        let place = optional(&self.place).map(|name| Place {
            name,
            precision: kept
                .and_then(|a| a.place.as_ref())
                .map_or(PlacePrecision::Unknown, |p| p.precision),
        });
        let agreement = Agreement {
            id: id.into(),
            title: self.title.trim().into(),
            kind: self.kind,
            date,
            place,
            parties: listed(&self.parties),
            mediators: listed(&self.mediators),
            terms: kept.map_or_else(List::new, |a| a.terms.clone()),
            facts: kept.map_or_else(List::new, |a| a.facts.clone()),
            notes: optional(&self.notes),
            same_as: kept.map_or_else(List::new, |a| a.same_as.clone()),
            distinct_from: kept.map_or_else(List::new, |a| a.distinct_from.clone()),
        };
        put(
            self.at,
            dataset.agreements.len(),
            Target::Agreement,
            Item::Agreement(agreement),
            errors,
        )
    }
}

impl TermDraft {
    pub const FIELDS: &'static [&'static str] = &[
        field::ID,
        DESCRIPTION,
        RECEIVED_BY,
        CATEGORY,
        CLAIMS,
        field::NOTES,
    ];

    /// A new term of the agreement at `agreement`, with one claim by the
    /// first source to fill in.
    pub fn new_in(dataset: &Dataset, agreement: usize) -> TermDraft {
        let terms = dataset
            .agreements
            .get(agreement)
            .map(|a| a.terms.as_slice());
        let first = dataset.sources.first().map_or("", |s| s.id.as_str());
        TermDraft {
            agreement,
            at: None,
            id: fresh_id("term", |c| {
                terms.unwrap_or(&[]).iter().any(|t| t.id.as_str() == c)
            }),
            description: String::new(),
            received_by: Side::Ukraine,
            category: Category::Prisoners,
            claims: vec![ClaimRow::new(first)],
            notes: String::new(),
        }
    }

    pub fn of(agreement: usize, at: usize, t: &Term) -> TermDraft {
        TermDraft {
            agreement,
            at: Some(at),
            id: t.id.to_string(),
            description: t.description.to_string(),
            received_by: t.received_by,
            category: t.category,
            claims: rows_of(&t.claims),
            notes: t.notes.as_deref().unwrap_or("").to_string(),
        }
    }

    pub(super) fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        if self.id.trim().is_empty() {
            errors.push((field::ID, "the id is empty".into()));
        }
        if self.description.trim().is_empty() {
            errors.push((DESCRIPTION, "say what was agreed: \"6,000 bodies\"".into()));
        }
        let claims = read_rows(&self.claims, &mut errors);
        let Some(agreement) = dataset.agreements.get(self.agreement) else {
            errors.push((field::ID, "the agreement is no longer in the data".into()));
            return Reading { edit: None, errors };
        };
        let term = Term {
            id: self.id.trim().into(),
            description: self.description.trim().into(),
            received_by: self.received_by,
            category: self.category,
            claims,
            notes: optional(&self.notes),
        };
        let at = Target::Term {
            agreement: self.agreement,
            term: self.at.unwrap_or(agreement.terms.len()),
        };
        let item = Item::Term(term);
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
