//! A running total and an estimate as typed. A running total's form holds
//! its id, description, what it counts, its scope (agreement, from, until,
//! receiving side, what is counted, kind of event), its claims and notes
//! and its baseline (what it takes in from before a day); an estimate's holds its id, description,
//! what is counted, who holds them, the date it refers to, its claims and
//! notes. Dates of a scope are read as the file reads them: a day, a month
//! or a year.

use factsheet_core::edit::{Item, Target};
use factsheet_core::model::{
    Baseline, Category, CoarseDate, ContextEstimate, Dataset, EventKind, RunningTotal, Side,
    TotalCounts, TotalScope, parse_quantity,
};

use super::claim_rows::{CLAIMS, ClaimRow, fresh_id, read_rows, rows_of};
use super::drafts::{FieldErrors, Reading, day, field, optional, put};
use super::drafts_agreements::fields::{CATEGORY, DESCRIPTION};

/// Field names of these forms, as the JSON paths have them.
pub mod fields {
    pub const COUNTS: &str = "counts";
    pub const SCOPE_AGREEMENT: &str = "scope.agreement";
    pub const SCOPE_FROM: &str = "scope.from";
    pub const SCOPE_UNTIL: &str = "scope.until";
    pub const SCOPE_RECEIVED_BY: &str = "scope.received_by";
    pub const SCOPE_CATEGORY: &str = "scope.category";
    pub const SCOPE_KIND: &str = "scope.kind";
    pub const HELD_BY: &str = "held_by";
    pub const AS_OF: &str = "as_of";
    pub const BASELINE_BEFORE: &str = "baseline.before";
    pub const BASELINE_VALUE: &str = "baseline.value";
    pub const BASELINE_SOURCE: &str = "baseline.source";
    pub const BASELINE_QUOTE: &str = "baseline.quote";
}
use fields::*;

/// A running total as typed. `at` is the total edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalDraft {
    pub at: Option<usize>,
    pub id: String,
    pub description: String,
    pub counts: TotalCounts,
    /// The agreement's id, or empty for any.
    pub agreement: String,
    /// "2025-06-01", "2025-06" or "2025"; empty for no bound.
    pub from: String,
    pub until: String,
    pub received_by: Option<Side>,
    pub category: Option<Category>,
    pub kind: Option<EventKind>,
    pub claims: Vec<ClaimRow>,
    pub notes: String,
    /// What the total takes in from before a day; every field empty for none.
    pub baseline: BaselineDraft,
}

/// A running total's baseline as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BaselineDraft {
    /// The day it ends, "2024-01-01": it counts what came before.
    pub before: String,
    pub value: String,
    /// The source's id.
    pub source: String,
    pub quote: String,
}

impl BaselineDraft {
    fn of(b: &Baseline) -> BaselineDraft {
        BaselineDraft {
            before: b.before.to_string(),
            value: b.value.to_string(),
            source: b.source.to_string(),
            quote: b.quote.as_deref().unwrap_or("").to_string(),
        }
    }

    /// The baseline, `None` when no field is filled in; a field that cannot
    /// be read leaves it out of the preview, with its message.
    fn read(&self, errors: &mut FieldErrors) -> Option<Baseline> {
        let filled = [&self.before, &self.value, &self.source, &self.quote]
            .iter()
            .any(|f| !f.trim().is_empty());
        if !filled {
            return None;
        }
        let before = day(&self.before, BASELINE_BEFORE, errors);
        if self.before.trim().is_empty() {
            errors.push((
                BASELINE_BEFORE,
                "a baseline counts what came before a day: give the day".into(),
            ));
        }
        let value = parse_quantity(&self.value)
            .map_err(|e| errors.push((BASELINE_VALUE, e)))
            .ok();
        if self.source.trim().is_empty() {
            errors.push((BASELINE_SOURCE, "choose the source that states it".into()));
        }
        Some(Baseline {
            before: before?,
            value: value?,
            source: self.source.trim().into(),
            quote: optional(&self.quote),
        })
    }
}

/// An estimate as typed. `at` is the estimate edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateDraft {
    pub at: Option<usize>,
    pub id: String,
    pub description: String,
    pub category: Category,
    pub held_by: Option<Side>,
    /// "2025-05-01", "2025-05" or "2025"; empty for none.
    pub as_of: String,
    pub claims: Vec<ClaimRow>,
    pub notes: String,
}

/// A day, a month or a year, or nothing for an empty field.
fn coarse(text: &str, field: &'static str, errors: &mut FieldErrors) -> Option<CoarseDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<CoarseDate>()
        .map_err(|e| errors.push((field, e)))
        .ok()
}

fn first_source(dataset: &Dataset) -> &str {
    dataset.sources.first().map_or("", |s| s.id.as_str())
}

impl TotalDraft {
    pub const FIELDS: &'static [&'static str] = &[
        field::ID,
        DESCRIPTION,
        COUNTS,
        SCOPE_AGREEMENT,
        SCOPE_FROM,
        SCOPE_UNTIL,
        SCOPE_RECEIVED_BY,
        SCOPE_CATEGORY,
        SCOPE_KIND,
        CLAIMS,
        BASELINE_BEFORE,
        BASELINE_VALUE,
        BASELINE_SOURCE,
        BASELINE_QUOTE,
        field::NOTES,
    ];

    /// A new running total with an id no total has yet, and one claim by
    /// the first source to fill in.
    pub fn new_in(dataset: &Dataset) -> TotalDraft {
        TotalDraft {
            at: None,
            id: fresh_id("total", |c| dataset.running_total(c).is_some()),
            description: String::new(),
            counts: TotalCounts::People,
            agreement: String::new(),
            from: String::new(),
            until: String::new(),
            received_by: None,
            category: None,
            kind: None,
            claims: vec![ClaimRow::new(first_source(dataset))],
            notes: String::new(),
            baseline: BaselineDraft::default(),
        }
    }

    pub fn of(at: usize, t: &RunningTotal) -> TotalDraft {
        let date = |d: &Option<CoarseDate>| d.map(|d| d.to_string()).unwrap_or_default();
        TotalDraft {
            at: Some(at),
            id: t.id.to_string(),
            description: t.description.to_string(),
            counts: t.counts,
            agreement: t.scope.agreement.as_deref().unwrap_or("").to_string(),
            from: date(&t.scope.from),
            until: date(&t.scope.until),
            received_by: t.scope.received_by,
            category: t.scope.category,
            kind: t.scope.kind,
            claims: rows_of(&t.claims),
            notes: t.notes.as_deref().unwrap_or("").to_string(),
            baseline: t
                .baseline
                .as_ref()
                .map(BaselineDraft::of)
                .unwrap_or_default(),
        }
    }

    pub(super) fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        if self.id.trim().is_empty() {
            errors.push((field::ID, "the id is empty".into()));
        }
        if self.description.trim().is_empty() {
            errors.push((
                DESCRIPTION,
                "say what is totalled: \"bodies returned since June\"".into(),
            ));
        }
        let scope = TotalScope {
            agreement: optional(&self.agreement),
            from: coarse(&self.from, SCOPE_FROM, &mut errors),
            until: coarse(&self.until, SCOPE_UNTIL, &mut errors),
            received_by: self.received_by,
            category: self.category,
            kind: self.kind,
        };
        let total = RunningTotal {
            id: self.id.trim().into(),
            description: self.description.trim().into(),
            scope,
            counts: self.counts,
            claims: read_rows(&self.claims, &mut errors),
            baseline: self.baseline.read(&mut errors),
            notes: optional(&self.notes),
        };
        put(
            self.at,
            dataset.running_totals.len(),
            Target::RunningTotal,
            Item::RunningTotal(total),
            errors,
        )
    }
}

impl EstimateDraft {
    pub const FIELDS: &'static [&'static str] = &[
        field::ID,
        DESCRIPTION,
        CATEGORY,
        HELD_BY,
        AS_OF,
        CLAIMS,
        field::NOTES,
    ];

    /// A new estimate with an id no estimate has yet, and one claim by the
    /// first source to fill in.
    pub fn new_in(dataset: &Dataset) -> EstimateDraft {
        EstimateDraft {
            at: None,
            id: fresh_id("estimate", |c| {
                dataset.estimates.iter().any(|e| e.id.as_str() == c)
            }),
            description: String::new(),
            category: Category::Prisoners,
            held_by: None,
            as_of: String::new(),
            claims: vec![ClaimRow::new(first_source(dataset))],
            notes: String::new(),
        }
    }

    pub fn of(at: usize, e: &ContextEstimate) -> EstimateDraft {
        EstimateDraft {
            at: Some(at),
            id: e.id.to_string(),
            description: e.description.to_string(),
            category: e.category,
            held_by: e.held_by,
            as_of: e.as_of.map(|d| d.to_string()).unwrap_or_default(),
            claims: rows_of(&e.claims),
            notes: e.notes.as_deref().unwrap_or("").to_string(),
        }
    }

    pub(super) fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        if self.id.trim().is_empty() {
            errors.push((field::ID, "the id is empty".into()));
        }
        if self.description.trim().is_empty() {
            errors.push((
                DESCRIPTION,
                "say what is estimated: \"soldiers held captive\"".into(),
            ));
        }
        let estimate = ContextEstimate {
            id: self.id.trim().into(),
            description: self.description.trim().into(),
            category: self.category,
            held_by: self.held_by,
            as_of: coarse(&self.as_of, AS_OF, &mut errors),
            claims: read_rows(&self.claims, &mut errors),
            notes: optional(&self.notes),
        };
        put(
            self.at,
            dataset.estimates.len(),
            Target::Estimate,
            Item::Estimate(estimate),
            errors,
        )
    }
}
