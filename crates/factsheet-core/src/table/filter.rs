//! What the events table (and the chart, and exports) are narrowed to, and
//! the test of one row against it. A [`Filters`] is compiled once per change
//! ([`Matcher`]): the query lower-cased and split into words, each word's
//! searcher built once, so testing a million rows allocates nothing.

use jiff::civil::Date;
use memchr::memmem;
use serde::{Deserialize, Serialize};

use super::row::{Divergence, TableRow};
use crate::model::{EventKind, Side};

/// What the events table (and the chart, and exports) are narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub kind: Option<EventKind>,
    /// Only events where this side received someone.
    pub side: Option<Side>,
    /// Only events that may fall on or after this day.
    pub from: Option<Date>,
    /// Only events that may fall on or before this day.
    pub until: Option<Date>,
    /// Only events citing this source id.
    pub source: Option<String>,
    /// Only events that fulfil this agreement (its id).
    pub agreement: Option<String>,
    /// Only events that this running total (its id) counts, by the rule its
    /// check uses ([`crate::stats::events_counted_by`]). Rows alone cannot
    /// tell: only [`super::Table::view`] applies it, not [`Matcher`].
    pub running_total: Option<String>,
    /// Words that must all appear in the event's id, title, place, mediators or notes.
    pub text: String,
    /// Only events where sources disagree.
    pub disagreements_only: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether `row` passes. To test many rows, [`Filters::matcher`] once, then [`Matcher::matches`].
    pub fn matches(&self, row: &TableRow) -> bool {
        self.matcher().matches(row)
    }

    /// The filters made ready to test many rows.
    pub fn matcher(&self) -> Matcher<'_> {
        let words = self
            .text
            .trim()
            .to_lowercase()
            .split_whitespace()
            .map(|w| memmem::Finder::new(w.as_bytes()).into_owned())
            .collect();
        Matcher {
            filters: self,
            words,
        }
    }

    /// The filters in words, for a summary or a status line; empty when none is on.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(format!("kind: {}", k.label()));
        }
        if let Some(s) = self.side {
            out.push(format!("received by {}", s.label()));
        }
        if let Some(d) = self.from {
            out.push(format!("from {d}"));
        }
        if let Some(d) = self.until {
            out.push(format!("until {d}"));
        }
        if let Some(s) = &self.source {
            out.push(format!("source: {s}"));
        }
        if let Some(a) = &self.agreement {
            out.push(format!("fulfilling agreement {a}"));
        }
        if let Some(t) = &self.running_total {
            out.push(format!("counted by running total {t}"));
        }
        if !self.text.trim().is_empty() {
            out.push(format!("text: \"{}\"", self.text.trim()));
        }
        if self.disagreements_only {
            out.push("only where sources disagree".to_string());
        }
        out
    }
}

/// [`Filters`] compiled for testing many rows.
pub struct Matcher<'a> {
    filters: &'a Filters,
    /// The query's words, lower-cased, each with its substring searcher.
    words: Vec<memmem::Finder<'static>>,
}

impl Matcher<'_> {
    /// Whether a row (with its own `haystack`) passes.
    pub fn matches(&self, row: &TableRow) -> bool {
        self.matches_fields(row) && self.matches_text(&row.haystack)
    }

    /// Every filter but the free text.
    pub fn matches_fields(&self, row: &TableRow) -> bool {
        let f = self.filters;
        // Cheapest tests first: most rows fail on a field of the row itself.
        f.kind.is_none_or(|k| row.kind == k)
            && f.side.is_none_or(|s| row.sides.contains(&s))
            && f.from.is_none_or(|from| row.last_day >= from)
            && f.until.is_none_or(|until| row.first_day <= until)
            && (!f.disagreements_only || row.agreement == Divergence::Conflict)
            && f.source
                .as_ref()
                .is_none_or(|s| row.source_ids.iter().any(|id| id == s))
            && f.agreement
                .as_ref()
                .is_none_or(|a| row.fulfils.as_deref() == Some(a.as_str()))
    }

    /// The free text: every word in `text` (lower-cased already).
    pub fn matches_text(&self, text: &str) -> bool {
        self.words.iter().all(|w| w.find(text.as_bytes()).is_some())
    }

    /// The query's words, each with its searcher (none: no text filter).
    pub fn words(&self) -> &[memmem::Finder<'static>] {
        &self.words
    }
}
