//! Source comparison: who says what about each figure and fact, and where they disagree.
//!
//! - [`numeric`]: what a stated quantity allows, and low / best / high, source
//!   count and agreement class of one figure's claims.
//! - [`facts`]: non-numeric claims ("did Russia confirm the handover?").
//! - [`places`]: place-name folding (Kiev -> Kyiv), built in and extended by the data.
//! - [`backing`]: who stands behind a claim, for "confirmed only by one party".
//! - [`event`]: everything the side panel shows for one event or agreement.
//! - [`dataset`] and [`matrix`]: the whole-dataset view, per source and source × source.
//! - [`warnings`]: a load warning for every figure or fact whose sources disagree.
//!
//! The rules (classes, tolerance for "about", how "best" is chosen) are in
//! `docs/COMPARISON.md`. Entry points: build a [`Comparer`] once per dataset, then
//! [`Comparer::event`] for the selected event and [`compare_dataset`] for the whole set.

pub mod backing;
pub mod context;
pub mod dataset;
pub mod event;
pub mod facts;
pub mod matrix;
pub mod numeric;
pub mod origins;
pub mod places;
pub mod warnings;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod sample_tests;

pub use backing::{Backing, Voice};
pub use context::{Comparer, SourceInfo};
pub use dataset::{DatasetComparison, EventOutcome, FigureOutcome, SourceStats, compare_dataset};
pub use event::{AgreementComparison, ClaimView, EventComparison, FigureComparison, Fit};
pub use facts::{Answer, FactClaimView, FactComparison, FactOutcome};
pub use matrix::{PairCounts, SourceMatrix};
pub use numeric::{
    APPROX_TOLERANCE_PERCENT, Consensus, Estimate, Form, Outcome, Relation, Span, allowed, analyse,
    consensus, estimate, interval, is_disputed, relation, stated,
};
pub use origins::Origins;
pub use places::{Folded, PlaceTable, Spelling, SpellingForm, Variant};

use crate::model::{Dataset, Event};

/// The side panel's comparison of one event of `dataset` (builds a [`Comparer`];
/// keep one instead when comparing many events).
pub fn compare_event(dataset: &Dataset, event: &Event) -> EventComparison {
    Comparer::new(dataset).event(event)
}
