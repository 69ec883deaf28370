//! Changes to an open dataset, as values: an [`Edit`] inserts, replaces or
//! removes one item (a source, an event, a figure, a claim of a figure, a
//! fact, a fact's claim, an agreement, an agreement's term, a running total,
//! an estimate), or applies a group of them, and
//! applying it returns its inverse, so undo and redo are two stacks of edits
//! ([`History`]). Nothing here knows about a window: the app builds edits
//! from its forms, the core applies them.
//!
//! Items are addressed by position ([`Target`]): a history is linear, so the
//! positions an edit names are those of the dataset it is applied to.
//! [`check`] runs the loader's validation on an edited dataset and keeps what
//! it says about one item; [`capture`] proposes a claim from a pasted quote.

use std::fmt;

use crate::model::{
    Agreement, Claim, ContextEstimate, Dataset, Event, Fact, FactClaim, Figure, List, RunningTotal,
    Source, Term,
};

pub mod capture;
mod check;
mod files;
mod history;
mod refer;
mod remove;

pub use check::{check, field_path, for_field, preview};
pub use files::{Files, Routed, Snapshot, merge_files};
pub use history::History;
pub use refer::{agreement_references, remove_agreement};
pub use remove::{Citation, remove_source, source_citations};

/// Where an item is: its list and its position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Source(usize),
    Event(usize),
    Agreement(usize),
    Figure {
        event: usize,
        figure: usize,
    },
    Claim {
        event: usize,
        figure: usize,
        claim: usize,
    },
    Fact {
        event: usize,
        fact: usize,
    },
    FactClaim {
        event: usize,
        fact: usize,
        claim: usize,
    },
    Term {
        agreement: usize,
        term: usize,
    },
    RunningTotal(usize),
    Estimate(usize),
}

impl Target {
    /// The JSON path validation gives this item's diagnostics:
    /// `events[3].figures[0].claims[1]`.
    pub fn path(&self) -> String {
        match *self {
            Target::Source(i) => format!("sources[{i}]"),
            Target::Event(i) => format!("events[{i}]"),
            Target::Agreement(i) => format!("agreements[{i}]"),
            Target::Figure { event, figure } => format!("events[{event}].figures[{figure}]"),
            Target::Claim {
                event,
                figure,
                claim,
            } => format!("events[{event}].figures[{figure}].claims[{claim}]"),
            Target::Fact { event, fact } => format!("events[{event}].facts[{fact}]"),
            Target::FactClaim { event, fact, claim } => {
                format!("events[{event}].facts[{fact}].claims[{claim}]")
            }
            Target::Term { agreement, term } => format!("agreements[{agreement}].terms[{term}]"),
            Target::RunningTotal(i) => format!("running_totals[{i}]"),
            Target::Estimate(i) => format!("estimates[{i}]"),
        }
    }

    /// What kind of item lives here, in words.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Source(_) => "source",
            Target::Event(_) => "event",
            Target::Agreement(_) => "agreement",
            Target::Figure { .. } => "figure",
            Target::Claim { .. } => "claim",
            Target::Fact { .. } => "fact",
            Target::FactClaim { .. } => "answer",
            Target::Term { .. } => "term",
            Target::RunningTotal(_) => "running total",
            Target::Estimate(_) => "estimate",
        }
    }

    /// The kind with its article: "a claim", "an estimate".
    pub fn a_kind(&self) -> String {
        let kind = self.kind();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {kind}")
    }
}

/// One item of a dataset, whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Source(Source),
    Event(Event),
    Agreement(Agreement),
    Figure(Figure),
    Claim(Claim),
    Fact(Fact),
    FactClaim(FactClaim),
    Term(Term),
    RunningTotal(RunningTotal),
    Estimate(ContextEstimate),
}

/// One change to a dataset. Applying it gives back the edit that undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Put `item` at `at`, moving what is there and after one place on.
    Insert { at: Target, item: Item },
    /// Put `item` in place of what is at `at`.
    Replace { at: Target, item: Item },
    /// Take out what is at `at`.
    Remove { at: Target },
    /// These edits in order, undone together (a source with the claims citing it).
    Group(Vec<Edit>),
}

/// Why an edit could not be applied. The dataset is as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Nothing at this place (or, to insert, no such list or a position past its end).
    NoSuchPlace(Target),
    /// The item is not of the kind the place holds.
    WrongKind(Target),
    /// Claims still cite the source (its id), listed.
    Cited { source: String, by: Vec<Citation> },
    /// Events, links or running totals still refer to the agreement (its id), listed.
    Referred {
        agreement: String,
        by: Vec<Citation>,
    },
    /// Nothing to undo or redo.
    NothingToDo,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchPlace(at) => write!(f, "there is no {} at {}", at.kind(), at.path()),
            EditError::WrongKind(at) => write!(f, "{} holds a {}, not this", at.path(), at.kind()),
            EditError::Cited { source, by } => {
                write!(f, "the source \"{source}\" is still cited by ")?;
                let listed: Vec<String> = by.iter().map(|c| c.what.clone()).collect();
                write!(f, "{}", listed.join("; "))
            }
            EditError::Referred { agreement, by } => {
                let listed: Vec<String> = by.iter().map(|c| c.what.clone()).collect();
                write!(
                    f,
                    "the agreement \"{agreement}\" is still referred to by {}",
                    listed.join("; ")
                )
            }
            EditError::NothingToDo => write!(f, "nothing to do"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit to `dataset` and returns the edit that undoes it. On
    /// an error nothing is changed (a group's applied part is undone).
    pub fn apply(self, dataset: &mut Dataset) -> Result<Edit, EditError> {
        match self {
            Edit::Group(edits) => {
                let mut undo: Vec<Edit> = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(dataset) {
                        Ok(inverse) => undo.push(inverse),
                        Err(e) => {
                            for inverse in undo.into_iter().rev() {
                                // Each inverse undoes what was just done: it applies.
                                let _ = inverse.apply(dataset);
                            }
                            return Err(e);
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Group(undo))
            }
            Edit::Insert { at, item } => {
                let (list, i) = list_at(dataset, at)?;
                list.insert(i, item)?;
                Ok(Edit::Remove { at })
            }
            Edit::Replace { at, item } => {
                let (list, i) = list_at(dataset, at)?;
                let old = list.replace(i, item)?;
                Ok(Edit::Replace { at, item: old })
            }
            Edit::Remove { at } => {
                let (list, i) = list_at(dataset, at)?;
                let old = list.remove(i)?;
                Ok(Edit::Insert { at, item: old })
            }
        }
    }

    /// A few words for the Edit menu: "add a claim", "change a source".
    pub fn describe(&self) -> String {
        match self {
            Edit::Insert { at, .. } => format!("add {}", at.a_kind()),
            Edit::Replace { at, .. } => format!("change {}", at.a_kind()),
            Edit::Remove { at } => format!("delete {}", at.a_kind()),
            Edit::Group(edits) => match edits.first() {
                Some(first) if edits.len() == 1 => first.describe(),
                Some(first) => format!("{} and {} more", first.describe(), edits.len() - 1),
                None => "nothing".into(),
            },
        }
    }
}

/// One of the dataset's lists, borrowed to change it.
enum ListMut<'d> {
    Sources(&'d mut List<Source>),
    Events(&'d mut List<Event>),
    Agreements(&'d mut List<Agreement>),
    Figures(&'d mut List<Figure>),
    Claims(&'d mut List<Claim>),
    Facts(&'d mut List<Fact>),
    FactClaims(&'d mut List<FactClaim>),
    Terms(&'d mut List<Term>),
    RunningTotals(&'d mut List<RunningTotal>),
    Estimates(&'d mut List<ContextEstimate>),
}

/// The list `at` names, and the position in it.
fn list_at(d: &mut Dataset, at: Target) -> Result<(Located<'_>, usize), EditError> {
    let missing = EditError::NoSuchPlace(at);
    let list = match at {
        Target::Source(i) => (ListMut::Sources(&mut d.sources), i),
        Target::Event(i) => (ListMut::Events(&mut d.events), i),
        Target::Agreement(i) => (ListMut::Agreements(&mut d.agreements), i),
        Target::Figure { event: e, figure } => {
            let ev = d.events.get_mut(e).ok_or(missing.clone())?;
            (ListMut::Figures(&mut ev.figures), figure)
        }
        Target::Claim {
            event: e,
            figure,
            claim,
        } => {
            let ev = d.events.get_mut(e).ok_or(missing.clone())?;
            let f = ev.figures.get_mut(figure).ok_or(missing.clone())?;
            (ListMut::Claims(&mut f.claims), claim)
        }
        Target::Fact { event: e, fact } => {
            let ev = d.events.get_mut(e).ok_or(missing.clone())?;
            (ListMut::Facts(&mut ev.facts), fact)
        }
        Target::FactClaim {
            event: e,
            fact,
            claim,
        } => {
            let ev = d.events.get_mut(e).ok_or(missing.clone())?;
            let f = ev.facts.get_mut(fact).ok_or(missing.clone())?;
            (ListMut::FactClaims(&mut f.claims), claim)
        }
        Target::Term { agreement, term } => {
            let a = d.agreements.get_mut(agreement).ok_or(missing.clone())?;
            (ListMut::Terms(&mut a.terms), term)
        }
        Target::RunningTotal(i) => (ListMut::RunningTotals(&mut d.running_totals), i),
        Target::Estimate(i) => (ListMut::Estimates(&mut d.estimates), i),
    };
    Ok((Located { list: list.0, at }, list.1))
}

/// A list with the target it was found for, for the errors.
struct Located<'d> {
    list: ListMut<'d>,
    at: Target,
}

/// Runs `$body` with `$list` bound to the typed list and `$wrap`/`$unwrap`
/// converting between it and [`Item`].
macro_rules! each_list {
    ($located:expr, |$list:ident, $variant:ident| $body:expr) => {
        match &mut $located.list {
            ListMut::Sources($list) => {
                use self::Item::Source as $variant;
                $body
            }
            ListMut::Events($list) => {
                use self::Item::Event as $variant;
                $body
            }
            ListMut::Agreements($list) => {
                use self::Item::Agreement as $variant;
                $body
            }
            ListMut::Figures($list) => {
                use self::Item::Figure as $variant;
                $body
            }
            ListMut::Claims($list) => {
                use self::Item::Claim as $variant;
                $body
            }
            ListMut::Facts($list) => {
                use self::Item::Fact as $variant;
                $body
            }
            ListMut::FactClaims($list) => {
                use self::Item::FactClaim as $variant;
                $body
            }
            ListMut::Terms($list) => {
                use self::Item::Term as $variant;
                $body
            }
            ListMut::RunningTotals($list) => {
                use self::Item::RunningTotal as $variant;
                $body
            }
            ListMut::Estimates($list) => {
                use self::Item::Estimate as $variant;
                $body
            }
        }
    };
}

impl Located<'_> {
    fn insert(mut self, i: usize, item: Item) -> Result<(), EditError> {
        let at = self.at;
        each_list!(self, |list, V| {
            let V(item) = item else {
                return Err(EditError::WrongKind(at));
            };
            if i > list.len() {
                return Err(EditError::NoSuchPlace(at));
            }
            list.insert(i, item);
            Ok(())
        })
    }

    fn replace(mut self, i: usize, item: Item) -> Result<Item, EditError> {
        let at = self.at;
        each_list!(self, |list, V| {
            let V(item) = item else {
                return Err(EditError::WrongKind(at));
            };
            let slot = list.get_mut(i).ok_or(EditError::NoSuchPlace(at))?;
            Ok(V(std::mem::replace(slot, item)))
        })
    }

    fn remove(mut self, i: usize) -> Result<Item, EditError> {
        let at = self.at;
        each_list!(self, |list, V| {
            if i >= list.len() {
                return Err(EditError::NoSuchPlace(at));
            }
            Ok(V(list.remove(i)))
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_items;
