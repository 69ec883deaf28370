//! Which sources' claims changed under what: a total, an agreement's term or
//! a running total that moved cites the sources whose claims changed under
//! it (changed, added or removed, or in an event added, removed or changed).

use std::collections::HashSet;

use crate::model::{Category, Event, Figure, Side};

/// A figure claim that changed, with where it counts.
struct FigureTouch {
    event: String,
    /// The agreements the event is under, in the version the claim is of.
    agreements: Vec<String>,
    side: Option<Side>,
    category: Category,
    source: String,
}

/// Every claim that changed, by what it can move.
#[derive(Default)]
pub(super) struct Touched {
    figures: Vec<FigureTouch>,
    /// (agreement id, term id, source id).
    terms: Vec<(String, String, String)>,
    /// (running total id, source id).
    totals: Vec<(String, String)>,
}

impl Touched {
    /// A claim by `source` on `figure` of `event` changed (in the version `event` is of).
    pub(super) fn figure(&mut self, event: &Event, figure: &Figure, source: &str) {
        self.figures.push(FigureTouch {
            event: event.id.to_string(),
            agreements: event
                .linked_agreements()
                .into_iter()
                .map(str::to_string)
                .collect(),
            side: figure.received_by,
            category: figure.category,
            source: source.to_string(),
        });
    }

    /// Every figure claim of `event` (added, removed, or changed as a whole).
    pub(super) fn whole_event(&mut self, event: &Event) {
        for figure in &event.figures {
            for claim in &figure.claims {
                self.figure(event, figure, &claim.source);
            }
        }
    }

    pub(super) fn term(&mut self, agreement: &str, term: &str, source: &str) {
        self.terms
            .push((agreement.to_string(), term.to_string(), source.to_string()));
    }

    pub(super) fn running_total(&mut self, total: &str, source: &str) {
        self.totals.push((total.to_string(), source.to_string()));
    }

    /// Sources of changed figure claims of this side and category.
    pub(super) fn under_total(&self, side: Option<Side>, category: Category) -> Vec<&str> {
        self.figures
            .iter()
            .filter(|t| t.side == side && t.category == category)
            .map(|t| t.source.as_str())
            .collect()
    }

    /// Sources of changed claims of the term, and of changed figure claims of
    /// its side and category in events under its agreement.
    pub(super) fn under_term(
        &self,
        agreement: &str,
        term: &str,
        side: Side,
        category: Category,
    ) -> Vec<&str> {
        let own = self
            .terms
            .iter()
            .filter(|(a, t, _)| a == agreement && t == term)
            .map(|(_, _, s)| s.as_str());
        let delivered = self
            .figures
            .iter()
            .filter(|t| {
                t.side == Some(side)
                    && t.category == category
                    && t.agreements.iter().any(|a| a == agreement)
            })
            .map(|t| t.source.as_str());
        own.chain(delivered).collect()
    }

    /// Sources of changed claims of the running total, and of changed figure
    /// claims in the events it counts (`counted`, of either version).
    pub(super) fn under_running_total(&self, total: &str, counted: &HashSet<&str>) -> Vec<&str> {
        let own = self
            .totals
            .iter()
            .filter(|(t, _)| t == total)
            .map(|(_, s)| s.as_str());
        let counted = self
            .figures
            .iter()
            .filter(|t| counted.contains(t.event.as_str()))
            .map(|t| t.source.as_str());
        own.chain(counted).collect()
    }
}
