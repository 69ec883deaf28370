//! The merge's decisions in words: one diagnostic per [`Note`], at the item
//! concerned, naming the other file's item by file and JSON path (written as
//! file:line:col once the load has located it).

use foldhash::{HashMap, HashMapExt};

use super::group::{At, Grouping, How, Note};
use super::items::Item;
use super::{Elsewhere, Names};
use crate::diagnostic::Diagnostic;

/// How many of the items an ambiguous guess could be are named.
const NAMED_AT_MOST: usize = 5;

pub(super) struct Report<'l> {
    labels: &'l [String],
    pub diagnostics: Vec<Diagnostic>,
    pub elsewhere: Vec<Elsewhere>,
}

impl<'l> Report<'l> {
    pub fn new(labels: &'l [String]) -> Self {
        Report {
            labels,
            diagnostics: Vec::new(),
            elsewhere: Vec::new(),
        }
    }

    fn label(&self, f: usize) -> &'l str {
        self.labels.get(f).map_or("?", String::as_str)
    }

    /// Words naming the item at `at` in another file: `"id" in FILE (at PATH)`,
    /// the place remembered for the diagnostic about to be pushed.
    fn there<T: Item>(&mut self, lists: &[Vec<T>], at: At) -> String {
        let id = item(lists, at).map_or("?", |x| x.id().as_str());
        let place = Elsewhere {
            diagnostic: self.diagnostics.len(),
            file: self.label(at.0).to_string(),
            path: format!("{}[{}]", T::LIST, at.1),
        };
        let words = format!("\"{id}\" in {}", place.placeholder());
        self.elsewhere.push(place);
        words
    }

    fn push(&mut self, error: bool, at: At, path: String, message: String) {
        let file = self.label(at.0);
        let d = if error {
            Diagnostic::error(file, message)
        } else {
            Diagnostic::warning(file, message)
        };
        self.diagnostics.push(d.at_path(path));
    }

    /// The diagnostics of one kind's notes.
    pub fn notes<T: Item>(&mut self, lists: &[Vec<T>], grouping: &Grouping, names: &Names) {
        if grouping.notes.is_empty() {
            return;
        }
        let mut group_of: HashMap<At, usize> = HashMap::new();
        for (g, members) in grouping.groups.iter().enumerate() {
            for &at in members.iter().flatten() {
                group_of.insert(at, g);
            }
        }
        let name = |at: At| {
            group_of
                .get(&at)
                .and_then(|&g| names.group.get(g))
                .map_or("?", |n| n.as_str())
        };
        let what = T::WHAT;
        for note in &grouping.notes {
            match note {
                Note::Joined { at, with, how } => {
                    let x = id(lists, *at);
                    let other = self.there(lists, *with);
                    let merged = name(*at);
                    let message = match how {
                        How::SameId => format!(
                            "the {what} \"{x}\" here and {other} are written differently, but can be one {what}: they are merged as \"{merged}\" and the claims of both are compared"
                        ),
                        How::Guessed => format!(
                            "the {what} \"{x}\" looks like {other} ({}): they are merged as \"{merged}\" and the claims of both are compared; write same_as or distinct_from to settle it",
                            item(lists, *at).map_or("", |x| x.because())
                        ),
                        How::SameAs => format!(
                            "as same_as says, the {what} \"{x}\" and {other} are merged as \"{merged}\" and the claims of both are compared"
                        ),
                    };
                    self.push(false, *at, format!("{}[{}]", T::LIST, at.1), message);
                }
                Note::Split { at, with, why } => {
                    let x = id(lists, *at);
                    let other = self.there(lists, *with);
                    let message = format!(
                        "the {what} \"{x}\" here and {other} cannot be one {what} ({why}): they are told apart, as \"{}\" and \"{}\"",
                        name(*at),
                        name(*with)
                    );
                    self.push(false, *at, format!("{}[{}]", T::LIST, at.1), message);
                }
                Note::Ambiguous { at, like } => {
                    let x = id(lists, *at);
                    let named: Vec<String> = like
                        .iter()
                        .take(NAMED_AT_MOST)
                        .map(|&l| self.there(lists, l))
                        .collect();
                    let more = like.len().saturating_sub(NAMED_AT_MOST);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    let message = format!(
                        "the {what} \"{x}\" looks like {} {what}s of other files ({}{more}), and no one of them more than the others: it is not merged, and may count twice; write same_as or distinct_from to settle it",
                        like.len(),
                        named.join(", ")
                    );
                    self.push(false, *at, format!("{}[{}]", T::LIST, at.1), message);
                }
                Note::Contradicts {
                    at,
                    like,
                    member,
                    why,
                } => {
                    let x = id(lists, *at);
                    let first = self.there(lists, *like);
                    let second = self.there(lists, *member);
                    let message = format!(
                        "the {what} \"{x}\" looks like {first}, but that is already merged with {second}, and \"{x}\" cannot be one with that ({why}): \"{x}\" is not merged, and stays \"{}\"",
                        name(*at)
                    );
                    self.push(false, *at, format!("{}[{}]", T::LIST, at.1), message);
                }
                Note::NamesNothing { at, entry } => {
                    let target = item(lists, *at)
                        .and_then(|x| x.same_as().get(*entry))
                        .map_or("?", |t| t.as_str());
                    let message = format!(
                        "same_as names \"{target}\", but no other open file has an {what} \"{target}\": nothing is merged"
                    );
                    let path = format!("{}[{}].same_as[{entry}]", T::LIST, at.1);
                    self.push(false, *at, path, message);
                }
                Note::Refused {
                    at,
                    entry,
                    a,
                    b,
                    why,
                } => {
                    let first = self.there(lists, *a);
                    let second = self.there(lists, *b);
                    let message = format!(
                        "same_as would make one {what} of {first} and {second}, but {why}: they are not merged"
                    );
                    let path = format!("{}[{}].same_as[{entry}]", T::LIST, at.1);
                    self.push(true, *at, path, message);
                }
                Note::Strict { at, with } => {
                    let x = id(lists, *at);
                    let other = self.there(lists, *with);
                    let message = format!(
                        "the {what} \"{x}\" here differs from {other}; with --no-merge, items that share an id must be identical"
                    );
                    self.push(true, *at, format!("{}[{}]", T::LIST, at.1), message);
                }
            }
        }
    }
}

fn item<T: Item>(lists: &[Vec<T>], (f, i): At) -> Option<&T> {
    lists.get(f).and_then(|l| l.get(i))
}

fn id<T: Item>(lists: &[Vec<T>], at: At) -> &str {
    item(lists, at).map_or("?", |x| x.id().as_str())
}
