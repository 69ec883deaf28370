//! Which items of several files are one thing: grouped by id where they can be
//! the same, by a likely match under other ids, and as `same_as` says; kept
//! apart where they cannot be, or `distinct_from` says so. Every decision
//! leaves a [`Note`] for the message that reports it.

use foldhash::{HashMap, HashMapExt};

use super::Mode;
use super::items::Item;
use crate::model::Text;

/// An item of one file: (file, index in its list).
pub(super) type At = (usize, usize);

/// A decision the merge reports.
#[derive(Debug, Clone)]
pub(super) enum Note {
    /// `at` was taken as the same thing as `with`: by id (their content
    /// differs), by a guess, or as `same_as` says.
    Joined { at: At, with: At, how: How },
    /// `at` and `with` share an id but cannot be one thing.
    Split { at: At, with: At, why: String },
    /// `at` looks like each of `like` (under other ids): nothing merged.
    Ambiguous { at: At, like: Vec<At> },
    /// `at` looks like `like`, but `like` is already one with `member`,
    /// which `at` cannot be.
    Contradicts {
        at: At,
        like: At,
        member: At,
        why: String,
    },
    /// `same_as[entry]` of `at` names no item of another open file.
    NamesNothing { at: At, entry: usize },
    /// `same_as[entry]` of `at` would make one thing of `a` and `b`, which
    /// cannot be (two items of one file, or a `distinct_from` between them).
    Refused {
        at: At,
        entry: usize,
        a: At,
        b: At,
        why: String,
    },
    /// With `--no-merge`: `at` has the id of `with` but differs from it; `at` is left out.
    Strict { at: At, with: At },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum How {
    /// The same id, the content written differently.
    SameId,
    /// Under another id, a likely duplicate.
    Guessed,
    /// `same_as` says so.
    SameAs,
}

/// Where an item goes: into a group (with the note that says why), or nowhere.
enum Place {
    Join(usize, Option<Note>),
    Drop,
}

/// The groups of one kind of item: each group becomes one item of the merged dataset.
pub(super) struct Grouping {
    /// Each group's members in the order they joined; `None` for a group
    /// emptied into another by `same_as`.
    pub groups: Vec<Option<Vec<At>>>,
    pub notes: Vec<Note>,
}

/// Groups the items of `lists` (one list per file, in file order).
pub(super) fn group<T: Item>(lists: &[Vec<T>], mode: Mode) -> Grouping {
    let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
    let mut groups: Vec<Option<Vec<At>>> = Vec::new();
    let mut group_of: Vec<Vec<Option<usize>>> = lists.iter().map(|l| vec![None; l.len()]).collect();
    let mut by_id: HashMap<&Text, Vec<usize>> = HashMap::new();
    let mut by_key: HashMap<T::Key, Vec<usize>> = HashMap::new();
    let mut notes = Vec::new();
    let has_file = |g: &[At], f: usize| g.iter().any(|&(gf, _)| gf == f);

    for (f, list) in lists.iter().enumerate() {
        for (i, x) in list.iter().enumerate() {
            let at = (f, i);
            let mut joined: Option<Place> = None;
            if let Some(gs) = by_id.get(x.id()) {
                for &g in gs {
                    let Some(members) = groups.get(g).and_then(Option::as_ref) else {
                        continue;
                    };
                    if has_file(members, f) {
                        continue;
                    }
                    let with = members[0];
                    let Some(first) = item(with) else { continue };
                    if x == first {
                        joined = Some(Place::Join(g, None));
                        break;
                    }
                    if mode == Mode::Strict {
                        notes.push(Note::Strict { at, with });
                        joined = Some(Place::Drop);
                        break;
                    }
                    let why = members.iter().filter_map(|&m| item(m)).find_map(|m| {
                        if told_apart(x, m) {
                            Some("distinct_from says so".to_string())
                        } else {
                            x.differs(m)
                        }
                    });
                    match why {
                        None => {
                            let how = How::SameId;
                            joined = Some(Place::Join(g, Some(Note::Joined { at, with, how })));
                            break;
                        }
                        Some(why) => notes.push(Note::Split { at, with, why }),
                    }
                }
            }
            if joined.is_none() && mode == Mode::Merge && x.same_as().is_empty() {
                joined = guess(x, at, lists, &groups, &by_key, &mut notes);
            }
            let g = match joined {
                Some(Place::Drop) => continue,
                Some(Place::Join(g, note)) => {
                    notes.extend(note);
                    if let Some(Some(members)) = groups.get_mut(g) {
                        members.push(at);
                    }
                    g
                }
                None => {
                    groups.push(Some(vec![at]));
                    groups.len() - 1
                }
            };
            group_of[f][i] = Some(g);
            let ids = by_id.entry(x.id()).or_default();
            if !ids.contains(&g) {
                ids.push(g);
            }
            if mode == Mode::Merge {
                for key in x.keys() {
                    let gs = by_key.entry(key).or_default();
                    if !gs.contains(&g) {
                        gs.push(g);
                    }
                }
            }
        }
    }
    if mode == Mode::Merge {
        same_as(lists, &mut groups, &mut group_of, &mut notes);
    }
    Grouping { groups, notes }
}

/// A group that `x` (not yet in any) is likely the same thing as, under
/// other ids; with the note saying so. Several candidates and no copy among
/// them: an [`Note::Ambiguous`], and none.
fn guess<T: Item>(
    x: &T,
    at: At,
    lists: &[Vec<T>],
    groups: &[Option<Vec<At>>],
    by_key: &HashMap<T::Key, Vec<usize>>,
    notes: &mut Vec<Note>,
) -> Option<Place> {
    let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
    // Each group once, in the order groups were made (a month's days share many).
    let mut found: Vec<usize> = x
        .keys()
        .iter()
        .flat_map(|key| by_key.get(key).map_or(&[][..], Vec::as_slice))
        .copied()
        .collect();
    found.sort_unstable();
    found.dedup();
    let mut candidates: Vec<(usize, At)> = Vec::new();
    for g in found {
        let Some(members) = groups.get(g).and_then(Option::as_ref) else {
            continue;
        };
        if members.iter().any(|&(f, _)| f == at.0) {
            continue;
        }
        let Some(&first) = members.first() else {
            continue;
        };
        let Some(y) = item(first) else { continue };
        if y.id() == x.id() || x.unlike(y).is_some() || told_apart(x, y) {
            continue;
        }
        // Like the group's first item, but perhaps not like another of
        // its members (a third file's that it was merged with).
        let clash = members.iter().skip(1).find_map(|&m| {
            let z = item(m)?;
            let why = if told_apart(x, z) {
                Some("distinct_from says so".to_string())
            } else {
                x.unlike(z)
            };
            why.map(|why| (m, why))
        });
        match clash {
            Some((member, why)) => notes.push(Note::Contradicts {
                at,
                like: first,
                member,
                why,
            }),
            None => candidates.push((g, first)),
        }
    }
    let how = How::Guessed;
    let pick = if T::KEY_IDENTIFIES {
        candidates.first()
    } else {
        candidates
            .iter()
            .find(|&&(_, first)| item(first).is_some_and(|y| x.copy_of(y)))
            .or(if candidates.len() == 1 {
                candidates.first()
            } else {
                None
            })
    };
    match pick {
        Some(&(g, with)) => Some(Place::Join(g, Some(Note::Joined { at, with, how }))),
        None => {
            if candidates.len() > 1 {
                notes.push(Note::Ambiguous {
                    at,
                    like: candidates.iter().map(|&(_, m)| m).collect(),
                });
            }
            None
        }
    }
}

fn told_apart<T: Item>(a: &T, b: &T) -> bool {
    a.distinct_from().contains(b.id()) || b.distinct_from().contains(a.id())
}

/// Joins the groups that `same_as` entries name, unless that would make one
/// thing of two items of one file or of two told apart.
fn same_as<T: Item>(
    lists: &[Vec<T>],
    groups: &mut [Option<Vec<At>>],
    group_of: &mut [Vec<Option<usize>>],
    notes: &mut Vec<Note>,
) {
    if lists.iter().flatten().all(|x| x.same_as().is_empty()) {
        return;
    }
    let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
    let mut by_id: HashMap<&Text, Vec<At>> = HashMap::new();
    for (f, list) in lists.iter().enumerate() {
        for (i, x) in list.iter().enumerate() {
            by_id.entry(x.id()).or_default().push((f, i));
        }
    }
    for (f, list) in lists.iter().enumerate() {
        for (i, x) in list.iter().enumerate() {
            for (entry, target) in x.same_as().iter().enumerate() {
                // Naming itself, or both ways: validation reports those in the file.
                if target == x.id() || x.distinct_from().contains(target) {
                    continue;
                }
                let targets: Vec<At> = by_id
                    .get(target)
                    .map(|ts| ts.iter().copied().filter(|&(tf, _)| tf != f).collect())
                    .unwrap_or_default();
                if targets.is_empty() {
                    notes.push(Note::NamesNothing { at: (f, i), entry });
                    continue;
                }
                for t in targets {
                    let at = (f, i);
                    let (Some(Some(ga)), Some(Some(gb))) = (
                        group_of.get(f).and_then(|g| g.get(i)).copied(),
                        group_of.get(t.0).and_then(|g| g.get(t.1)).copied(),
                    ) else {
                        continue;
                    };
                    if ga == gb {
                        // Already one: a loop of same_as, or a guess it confirms.
                        continue;
                    }
                    let a = groups[ga].clone().unwrap_or_default();
                    let b = groups[gb].clone().unwrap_or_default();
                    let refused = a.iter().find_map(|&m| {
                        b.iter().find_map(|&n| {
                            let (y, z) = (item(m)?, item(n)?);
                            if m.0 == n.0 {
                                Some((
                                    m,
                                    n,
                                    format!(
                                        "both are in one file, as \"{}\" and \"{}\"",
                                        y.id(),
                                        z.id()
                                    ),
                                ))
                            } else if told_apart(y, z) {
                                Some((m, n, "distinct_from tells them apart".to_string()))
                            } else {
                                None
                            }
                        })
                    });
                    if let Some((a, b, why)) = refused {
                        notes.push(Note::Refused {
                            at,
                            entry,
                            a,
                            b,
                            why,
                        });
                        continue;
                    }
                    // The group whose first member comes first keeps its place.
                    let (keep, gone) = if a.first() <= b.first() {
                        (ga, gb)
                    } else {
                        (gb, ga)
                    };
                    let moved = groups[gone].take().unwrap_or_default();
                    for &(mf, mi) in &moved {
                        if let Some(slot) = group_of.get_mut(mf).and_then(|g| g.get_mut(mi)) {
                            *slot = Some(keep);
                        }
                    }
                    if let Some(members) = groups[keep].as_mut() {
                        members.extend(moved);
                        members.sort_unstable();
                    }
                    notes.push(Note::Joined {
                        at,
                        with: t,
                        how: How::SameAs,
                    });
                }
            }
        }
    }
}
