//! Figures given for a whole and for its parts in one event: "390 prisoners"
//! beside "40 soldiers" and "50 civilians" to the same side. A "prisoners"
//! figure counts every living person, so the others are read as its parts and
//! counted once, through the whole, wherever both would be counted (the
//! living totals and the chart, a term or running total of all prisoners):
//! adding them again would count the same people twice.

use crate::model::{Category, Event, Figure, Side};

/// Which receiving sides (Ukraine, Russia, unsaid) of one event have a figure
/// for all prisoners.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wholes([bool; 3]);

fn slot(side: Option<Side>) -> usize {
    match side {
        Some(Side::Ukraine) => 0,
        Some(Side::Russia) => 1,
        None => 2,
    }
}

impl Wholes {
    pub fn of(event: &Event) -> Wholes {
        let mut wholes = Wholes::default();
        // One figure cannot be a whole with parts beside it.
        if event.figures.len() > 1 {
            for f in &event.figures {
                if f.category == Category::Prisoners
                    && let Some(w) = wholes.0.get_mut(slot(f.received_by))
                {
                    *w = true;
                }
            }
        }
        wholes
    }

    /// Whether `figure` is a part of a whole of its event: a living category
    /// narrower than "prisoners", to a side that has a "prisoners" figure too.
    pub fn is_part(&self, figure: &Figure) -> bool {
        figure.category.is_living()
            && figure.category != Category::Prisoners
            && self
                .0
                .get(slot(figure.received_by))
                .copied()
                .unwrap_or(false)
    }

    /// Whether a sum over `wanted` (a category, or every one for `None`) takes
    /// `figure`: not when it is a part and the sum takes its whole too.
    pub fn counts(&self, figure: &Figure, wanted: Option<Category>) -> bool {
        !(self.is_part(figure) && wanted.is_none_or(|c| c == Category::Prisoners))
    }
}
