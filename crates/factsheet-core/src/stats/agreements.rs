//! Agreement progress: each term of an agreement against what the events linked
//! to it delivered since.

use serde::Serialize;

use crate::compare::Estimate;
use crate::model::{Agreement, Category, Event, Figure, Side, Term};

use super::{Sum, category_covers};

/// One term of an agreement against what linked events delivered since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermProgress {
    /// Index of the term in its agreement.
    pub term: usize,
    pub id: String,
    pub received_by: Side,
    pub category: Category,
    /// What the sources say the commitment is.
    pub target: Estimate,
    /// What events linked to the agreement, on or after its date, delivered.
    pub delivered: Sum,
    /// Number of events that delivered something towards this term.
    pub events: usize,
    /// What events whose link to the agreement sources dispute delivered
    /// (format 2's `links`): not in `delivered`, shown beside it.
    pub disputed: Sum,
    /// Number of those events that delivered something towards this term.
    pub disputed_events: usize,
}

/// How much of a commitment is delivered, as far as the sources allow saying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Share {
    /// Every delivery has a number: delivered / committed.
    Exact(f64),
    /// Some delivery is only bounded ("more than 500") or not disclosed: the
    /// least that was delivered / committed.
    AtLeast(f64),
}

/// Why a term has no [`Share`]: each asks something different of the reader's sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoShare {
    /// No source gives the commitment a number.
    Unstated,
    /// The sources only bound the commitment ("at least 1,000"): a share of
    /// it would rest on a number nobody gave.
    Bounded,
    /// The commitment is zero.
    Zero,
    /// Something was delivered, but no source gives any of it a number.
    DeliveryUnknown,
}

impl TermProgress {
    /// The share delivered; `None` when no source gives the commitment a
    /// number, or nothing delivered has one (a share of an unknown is not given).
    pub fn share(&self) -> Option<Share> {
        self.share_or_why().ok()
    }

    /// The share delivered counting the disputed events too; `None` when no
    /// event's link is disputed, or there is no share.
    pub fn share_with_disputed(&self) -> Option<Share> {
        if self.disputed_events == 0 {
            return None;
        }
        let mut with = self.clone();
        with.delivered.merge(&self.disputed);
        with.share()
    }

    /// The share delivered, or why there is none.
    pub fn share_or_why(&self) -> Result<Share, NoShare> {
        let target = match self.target.best {
            Some(0) => return Err(NoShare::Zero),
            Some(t) => t as f64,
            None if self.target.low.is_some() || self.target.bound.is_some() => {
                return Err(NoShare::Bounded);
            }
            None => return Err(NoShare::Unstated),
        };
        match self.delivered.best {
            Some(d) if self.delivered.undisclosed == 0 => Ok(Share::Exact(d as f64 / target)),
            _ if self.delivered.low > 0 => Ok(Share::AtLeast(self.delivered.low as f64 / target)),
            _ => Err(NoShare::DeliveryUnknown),
        }
    }
}

/// An agreement and the progress of each of its terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementProgress {
    /// Index of the agreement in the dataset.
    pub agreement: usize,
    pub id: String,
    pub terms: Vec<TermProgress>,
}

/// Whether the event the file links to `agreement` delivers on it: it may not
/// end before the agreement's first day (a linked event from before the talks
/// is a data slip).
pub fn delivers_on(agreement: &Agreement, event: &Event) -> bool {
    event.agreement.as_deref() == Some(agreement.id.as_str()) && delivers_in_time(agreement, event)
}

/// Whether `event` does not end before `agreement`'s first day, so it can count
/// towards the agreement's terms at all.
pub fn delivers_in_time(agreement: &Agreement, event: &Event) -> bool {
    event.date.bounds().1 >= agreement.date.bounds().0
}

/// Whether a figure of a delivering event counts towards a term.
pub fn term_takes(term: &Term, figure: &Figure) -> bool {
    figure.received_by == Some(term.received_by) && category_covers(term.category, figure.category)
}
