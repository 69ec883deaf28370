//! Which items of several files are one thing: grouped by id where they can be
//! the same, by a likely match under other ids, and as `same_as` says; kept
//! apart where they cannot be, or `distinct_from` says so. Every decision
//! leaves a [`Note`] for the message that reports it.

use foldhash::{HashMap, HashMapExt};
use smallvec::{SmallVec, smallvec};

use super::Mode;
use super::items::Item;
use crate::model::Text;

/// An item of one file: (file, index in its list).
pub(super) type At = (usize, usize);

/// The items of one group, in file order: most groups hold one or two.
pub(super) type Members = SmallVec<[At; 2]>;

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

/// The groups found under one key; `None` once the key says nothing: shared
/// by two items of one file where it should identify one (a url), or by more
/// than [`CROWDED`] groups (a day with that many handovers of one kind).
type Bucket = Option<SmallVec<[usize; 4]>>;

/// The most groups a key is looked up among.
const CROWDED: usize = 64;

trait Add {
    fn add<T: Item>(&mut self, g: usize, f: usize, groups: &[Option<Members>]);
}

impl Add for Bucket {
    fn add<T: Item>(&mut self, g: usize, f: usize, groups: &[Option<Members>]) {
        let Some(gs) = self else { return };
        if gs.contains(&g) {
            return;
        }
        let in_file = |h: &usize| {
            groups
                .get(*h)
                .and_then(Option::as_ref)
                .is_some_and(|m| m.iter().any(|&(mf, _)| mf == f))
        };
        if gs.len() >= CROWDED || (T::KEY_IDENTIFIES && gs.iter().any(in_file)) {
            *self = None;
        } else {
            gs.push(g);
        }
    }
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
    pub groups: Vec<Option<Members>>,
    pub notes: Vec<Note>,
}

/// Groups the items of `lists` (one list per file, in file order).
pub(super) fn group<T: Item>(lists: &[Vec<T>], mode: Mode) -> Grouping {
    let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
    let mut groups: Vec<Option<Members>> = Vec::new();
    let mut group_of: Vec<Vec<Option<usize>>> = lists.iter().map(|l| vec![None; l.len()]).collect();
    let count: usize = lists.iter().map(Vec::len).sum();
    let mut by_id: HashMap<&Text, SmallVec<[usize; 1]>> = HashMap::with_capacity(count);
    let mut by_key: HashMap<T::Key, Bucket> = HashMap::with_capacity(match mode {
        Mode::Merge => count.saturating_mul(2),
        Mode::Strict => 0,
    });
    let mut notes = Vec::new();
    let has_file = |g: &[At], f: usize| g.iter().any(|&(gf, _)| gf == f);

    for (f, list) in lists.iter().enumerate() {
        for (i, x) in list.iter().enumerate() {
            let at = (f, i);
            let keys = if mode == Mode::Merge {
                x.keys()
            } else {
                Vec::new()
            };
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
            // The first file's items have no other file's to be like.
            if joined.is_none() && mode == Mode::Merge && f > 0 && x.same_as().is_empty() {
                joined = guess(x, &keys, at, lists, &groups, &by_key, &mut notes);
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
                    groups.push(Some(smallvec![at]));
                    groups.len() - 1
                }
            };
            if let Some(slot) = group_of.get_mut(f).and_then(|g| g.get_mut(i)) {
                *slot = Some(g);
            }
            let ids = by_id.entry(x.id()).or_default();
            if !ids.contains(&g) {
                ids.push(g);
            }
            if mode == Mode::Merge {
                for key in keys {
                    by_key
                        .entry(key)
                        .or_insert_with(|| Some(SmallVec::new()))
                        .add::<T>(g, f, &groups);
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
    keys: &[T::Key],
    at: At,
    lists: &[Vec<T>],
    groups: &[Option<Members>],
    by_key: &HashMap<T::Key, Bucket>,
    notes: &mut Vec<Note>,
) -> Option<Place> {
    let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
    // Each group once, in the order groups were made (a month's days share many).
    let mut found: Vec<usize> = keys
        .iter()
        .flat_map(|key| by_key.get(key).and_then(Option::as_deref).unwrap_or(&[]))
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
    groups: &mut [Option<Members>],
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
                    let members = |g: usize| groups.get(g).cloned().flatten().unwrap_or_default();
                    let (a, b) = (members(ga), members(gb));
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
                    let moved = groups
                        .get_mut(gone)
                        .and_then(Option::take)
                        .unwrap_or_default();
                    for &(mf, mi) in &moved {
                        if let Some(slot) = group_of.get_mut(mf).and_then(|g| g.get_mut(mi)) {
                            *slot = Some(keep);
                        }
                    }
                    if let Some(Some(members)) = groups.get_mut(keep) {
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
