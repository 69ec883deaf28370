//! Merging several files into one dataset, each real thing once.
//!
//! Files about one conflict overlap: the same handover, agreement or article
//! appears in several, under one id or under different ones. Sources, events,
//! agreements, running totals and estimates are grouped ([`group`]): by id when
//! the two can be one thing (same kind, dates that meet, ...), by a likely
//! match under other ids (an event on the same day, of the same kind, for the
//! same sides, with figures that agree; a source with the same url), and as a
//! file's `same_as` says; never where `distinct_from` says otherwise. Each
//! group becomes one item whose claims are those of all its members, so the
//! sources of every file are compared with each other. Items that share an id
//! but cannot be one thing are both kept, under ids qualified by their file
//! (`desk.json#ev-1`), and the references inside each file follow. Every such
//! decision is a warning naming both files and ids. docs/FORMAT.md ("Several
//! files") states the rules.
//!
//! [`Mode::Strict`] (`--no-merge`) keeps the older rule: one id, one identical
//! item; anything else is an error.

mod back;
mod group;
mod items;
mod report;
#[cfg(test)]
mod tests;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Event, FORMAT_VERSION, List, Text};
use group::{At, Grouping};
use items::{Item, Ref};

pub use back::Renames;

/// How files that share items are merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Matching items are one (their claims pooled); the rest kept apart, with warnings.
    #[default]
    Merge,
    /// Items are matched by id only, and must then be identical: anything else is an error.
    Strict,
}

/// A merge's outcome.
#[derive(Debug)]
pub struct Merged {
    pub dataset: Dataset,
    /// What the merge did or refused, each at the item concerned.
    pub diagnostics: Vec<Diagnostic>,
    /// Places in other files that messages of `diagnostics` name as `FILE (at PATH)`.
    pub elsewhere: Vec<Elsewhere>,
    pub provenance: Provenance,
}

/// A place in another file that a diagnostic's message names as
/// `FILE (at PATH)`, written `FILE:LINE:COL` once the load knows where that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// Index into [`Merged::diagnostics`].
    pub diagnostic: usize,
    pub file: String,
    pub path: String,
}

impl Elsewhere {
    /// The words in the message this place stands for.
    pub fn placeholder(&self) -> String {
        format!("{} (at {})", self.file, self.path)
    }
}

/// Where the merged dataset's events came from: the files, and for each event
/// taken from several files (or renamed) the file and id of each part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    /// The files merged, as named (a file opened twice counts once).
    pub files: Vec<String>,
    /// Per event of the merged dataset, in its order: the file it first came
    /// from (an index into `files`). Empty when one file was open.
    pub first_file: Vec<u32>,
    /// Events made of several files' events, or renamed: each part's file
    /// (an index into `files`) and id there, in file order.
    pub parts: std::collections::HashMap<Text, Vec<(u32, Text)>>,
    /// Per file (as `files`): the `format_version` it was written in.
    pub versions: Vec<u32>,
    /// Per source of the merged dataset, in its order: the file (an index into
    /// `files`) and id of each definition it was made of. Empty when one file was open.
    pub sources: Vec<Vec<(u32, Text)>>,
    /// Per agreement of the merged dataset, as `sources`.
    pub agreements: Vec<Vec<(u32, Text)>>,
    /// How each file's references to sources were renamed.
    pub source_refs: Renames,
    /// How each file's references to agreements were renamed.
    pub agreement_refs: Renames,
}

impl Provenance {
    /// The files and ids the event at `index` (with id `id`) came from; empty
    /// when one file was open.
    pub fn of<'a>(&'a self, index: usize, id: &'a str) -> Vec<(&'a str, &'a str)> {
        let file = |f: u32| self.files.get(f as usize).map_or("?", String::as_str);
        if let Some(parts) = self.parts.get(id) {
            return parts
                .iter()
                .map(|(f, id)| (file(*f), id.as_str()))
                .collect();
        }
        match self.first_file.get(index) {
            Some(&f) => vec![(file(f), id)],
            None => Vec::new(),
        }
    }

    /// "merged from sample.json (ev-3) and desk.json (desk-1)", or `None` for
    /// an event that came from one file under its own id.
    pub fn describe(&self, id: &str) -> Option<String> {
        let parts = self.parts.get(id)?;
        let named: Vec<String> = parts
            .iter()
            .map(|(f, part)| {
                let file = self.files.get(*f as usize).map_or("?", |l| short_name(l));
                format!("{file} ({part})")
            })
            .collect();
        Some(match named.as_slice() {
            [one] => format!("from {one}"),
            [init @ .., last] => format!("merged from {} and {last}", init.join(", ")),
            [] => return None,
        })
    }
}

/// A file's name without its folder: how a qualified id names the file.
pub fn short_name(label: &str) -> &str {
    label.rsplit(['/', '\\']).next().unwrap_or(label)
}

/// Merges `files` (label, dataset) in order.
pub fn merge(files: Vec<(String, Dataset)>, mode: Mode) -> Merged {
    let mut diagnostics = Vec::new();
    let files = once_each(files, &mut diagnostics);
    let labels: Vec<String> = files.iter().map(|(l, _)| l.clone()).collect();
    let mut datasets: Vec<Dataset> = files.into_iter().map(|(_, d)| d).collect();
    let versions: Vec<u32> = datasets.iter().map(|d| d.format_version).collect();
    if datasets.len() <= 1 {
        let mut dataset = datasets
            .pop()
            .unwrap_or_else(|| Dataset::empty("(nothing open)"));
        dataset.format_version = FORMAT_VERSION;
        return Merged {
            dataset,
            diagnostics,
            elsewhere: Vec::new(),
            provenance: Provenance {
                files: labels,
                versions,
                ..Provenance::default()
            },
        };
    }
    let tags = tags(&labels);
    let mut merged = Dataset::empty("");
    let mut titles: Vec<Text> = Vec::new();
    for d in &datasets {
        if !titles.contains(&d.title) {
            titles.push(d.title.clone());
        }
        merged.updated = merged.updated.max(d.updated);
        if merged.description.is_none() {
            merged.description.clone_from(&d.description);
        }
        for p in &d.place_names {
            if !merged.place_names.contains(p) {
                merged.place_names.push(p.clone());
            }
        }
    }
    merged.title = titles.join(" + ").into();
    // Together the files hold every event only if each does.
    if datasets
        .iter()
        .any(|d| d.coverage == crate::model::Coverage::Partial)
    {
        merged.coverage = crate::model::Coverage::Partial;
    }

    let mut sources: Vec<_> = datasets
        .iter_mut()
        .map(|d| std::mem::take(&mut d.sources).into_vec())
        .collect();
    let mut agreements: Vec<_> = datasets
        .iter_mut()
        .map(|d| std::mem::take(&mut d.agreements).into_vec())
        .collect();
    let mut events: Vec<_> = datasets
        .iter_mut()
        .map(|d| std::mem::take(&mut d.events).into_vec())
        .collect();
    let mut totals: Vec<_> = datasets
        .iter_mut()
        .map(|d| std::mem::take(&mut d.running_totals).into_vec())
        .collect();
    let mut estimates: Vec<_> = datasets
        .iter_mut()
        .map(|d| std::mem::take(&mut d.estimates).into_vec())
        .collect();

    let source_groups = group::group(&sources, mode);
    let agreement_groups = group::group(&agreements, mode);
    let event_groups = group::group(&events, mode);
    let total_groups = group::group(&totals, mode);
    let estimate_groups = group::group(&estimates, mode);

    let source_names = Names::of(&sources, &source_groups, &tags, true);
    let agreement_names = Names::of(&agreements, &agreement_groups, &tags, true);
    let event_names = Names::of(&events, &event_groups, &tags, false);
    let total_names = Names::of(&totals, &total_groups, &tags, false);
    let estimate_names = Names::of(&estimates, &estimate_groups, &tags, false);

    let mut out = report::Report::new(&labels);
    out.notes(&sources, &source_groups, &source_names);
    out.notes(&agreements, &agreement_groups, &agreement_names);
    out.notes(&events, &event_groups, &event_names);
    out.notes(&totals, &total_groups, &total_names);
    out.notes(&estimates, &estimate_groups, &estimate_names);

    let refs = Refs {
        sources: &source_names,
        agreements: &agreement_names,
    };
    let mut provenance = Provenance {
        files: labels.clone(),
        versions,
        source_refs: source_names.renames.clone(),
        agreement_refs: agreement_names.renames.clone(),
        ..Provenance::default()
    };
    let members_of = |members: &[(usize, Text)]| -> Vec<(u32, Text)> {
        members
            .iter()
            .map(|(f, id)| (*f as u32, id.clone()))
            .collect()
    };
    merged.sources = combine(
        &mut sources,
        &source_groups,
        &source_names,
        &refs,
        &tags,
        |members, _| provenance.sources.push(members_of(members)),
    );
    merged.agreements = combine(
        &mut agreements,
        &agreement_groups,
        &agreement_names,
        &refs,
        &tags,
        |members, _| provenance.agreements.push(members_of(members)),
    );
    merged.events = combine(
        &mut events,
        &event_groups,
        &event_names,
        &refs,
        &tags,
        |members, e: &Event| {
            provenance
                .first_file
                .push(members.first().map_or(0, |&(f, _)| f as u32));
            if members.len() > 1 || members.iter().any(|(_, id)| *id != e.id) {
                provenance.parts.insert(e.id.clone(), members_of(members));
            }
        },
    );
    merged.running_totals = combine(
        &mut totals,
        &total_groups,
        &total_names,
        &refs,
        &tags,
        |_, _| {},
    );
    merged.estimates = combine(
        &mut estimates,
        &estimate_groups,
        &estimate_names,
        &refs,
        &tags,
        |_, _| {},
    );

    let base = diagnostics.len();
    diagnostics.append(&mut out.diagnostics);
    let elsewhere = out
        .elsewhere
        .into_iter()
        .map(|e| Elsewhere {
            diagnostic: base + e.diagnostic,
            ..e
        })
        .collect();
    Merged {
        dataset: merged,
        diagnostics,
        elsewhere,
        provenance,
    }
}

/// `files` with each file once: a file named twice, or with the same content
/// as one before it, is read once, with a warning.
fn once_each(
    files: Vec<(String, Dataset)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Dataset)> {
    let mut kept: Vec<(String, Dataset)> = Vec::with_capacity(files.len());
    // Files that could be equal: the same title and list lengths.
    let mut alike: HashMap<(Text, usize, usize), Vec<usize>> = HashMap::new();
    for (label, d) in files {
        let shape = (d.title.clone(), d.events.len(), d.sources.len());
        let twin = kept.iter().position(|(l, _)| *l == label).or_else(|| {
            alike.get(&shape).and_then(|ks| {
                ks.iter()
                    .copied()
                    .find(|&k| kept.get(k).is_some_and(|(_, e)| *e == d))
            })
        });
        if let Some(k) = twin {
            let other = kept.get(k).map_or("", |(l, _)| l.as_str());
            let message = if *other == label {
                "this file is opened twice: it is read once".to_string()
            } else {
                format!("this file has the same content as {other}: it is read once")
            };
            diagnostics.push(Diagnostic::warning(label, message));
            continue;
        }
        alike.entry(shape).or_default().push(kept.len());
        kept.push((label, d));
    }
    kept
}

/// Each file's tag in ids the merge qualifies (`desk.json#ev-1`): its name without the folder, or the
/// whole label where two files share a name.
pub fn tags(labels: &[String]) -> Vec<String> {
    labels
        .iter()
        .map(|l| {
            let short = short_name(l);
            let shared = labels.iter().filter(|m| short_name(m) == short).count() > 1;
            if shared { l.clone() } else { short.to_string() }
        })
        .collect()
}

/// The id each group of one kind gets in the merged dataset, and how each
/// file's references to that kind are read.
pub(super) struct Names {
    /// Per group (as [`Grouping::groups`]): its id.
    pub group: Vec<Text>,
    /// How each file's references are read.
    renames: Renames,
}

impl Names {
    /// The names of `grouping`'s groups; with `referenced`, also how
    /// references to them are read (events, totals and estimates have none).
    fn of<T: Item>(
        lists: &[Vec<T>],
        grouping: &Grouping,
        tags: &[String],
        referenced: bool,
    ) -> Names {
        let item = |(f, i): At| lists.get(f).and_then(|l| l.get(i));
        let base: Vec<Option<&Text>> = grouping
            .groups
            .iter()
            .map(|g| {
                g.as_ref()
                    .and_then(|m| m.first())
                    .and_then(|&at| item(at))
                    .map(Item::id)
            })
            .collect();
        let mut uses: HashMap<&Text, usize> = HashMap::with_capacity(base.len());
        for id in base.iter().flatten() {
            *uses.entry(*id).or_default() += 1;
        }
        let group: Vec<Text> = grouping
            .groups
            .iter()
            .zip(&base)
            .map(|(g, id)| match (g.as_ref().and_then(|m| m.first()), id) {
                (Some(&(f, _)), Some(id)) if uses.get(id).is_some_and(|&n| n > 1) => {
                    format!("{}#{id}", tags.get(f).map_or("", String::as_str)).into()
                }
                (_, Some(id)) => (*id).clone(),
                _ => Text::default(),
            })
            .collect();
        let mut names = Names {
            group,
            renames: Renames {
                renamed: vec![HashMap::new(); lists.len()],
                first: HashMap::new(),
                defined: Vec::new(),
            },
        };
        let r = &mut names.renames;
        if !referenced {
            return names;
        }
        for (g, name) in grouping.groups.iter().zip(&names.group) {
            for &at in g.iter().flatten() {
                if let Some(x) = item(at)
                    && x.id() != name
                    && let Some(r) = r.renamed.get_mut(at.0)
                {
                    r.insert(x.id().clone(), name.clone());
                }
            }
        }
        if r.renamed.iter().all(HashMap::is_empty) {
            return names;
        }
        let mut seen: HashSet<&Text> = HashSet::new();
        for (f, list) in lists.iter().enumerate() {
            for x in list {
                if seen.insert(x.id())
                    && let Some(new) = r.renamed.get(f).and_then(|r| r.get(x.id()))
                {
                    r.first.insert(x.id().clone(), new.clone());
                }
            }
        }
        if !r.first.is_empty() {
            r.defined = lists
                .iter()
                .map(|l| l.iter().map(|x| x.id().clone()).collect())
                .collect();
        }
        names
    }

    /// Whether references in file `f` may change.
    fn touches(&self, f: usize) -> bool {
        let r = &self.renames;
        !r.first.is_empty() || r.renamed.get(f).is_some_and(|r| !r.is_empty())
    }

    /// The merged id that `id`, as written in file `f`, refers to.
    fn resolve(&self, f: usize, id: &mut Text) {
        if let Some(new) = self.renames.resolved(f, id) {
            *id = new.clone();
        }
    }
}

/// The names that references in items follow.
struct Refs<'n> {
    sources: &'n Names,
    agreements: &'n Names,
}

/// One item per group, in the order of each group's first member: the
/// members' references renamed, their claims pooled. `seen` is told each
/// item's members (file and id) as it is made.
fn combine<T: Item>(
    lists: &mut [Vec<T>],
    grouping: &Grouping,
    names: &Names,
    refs: &Refs,
    tags: &[String],
    mut seen: impl FnMut(&[(usize, Text)], &T),
) -> List<T> {
    let mut slots: Vec<Vec<Option<T>>> = lists
        .iter_mut()
        .map(|l| std::mem::take(l).into_iter().map(Some).collect())
        .collect();
    let mut order: Vec<(At, usize)> = grouping
        .groups
        .iter()
        .enumerate()
        .filter_map(|(g, m)| Some((*m.as_ref()?.first()?, g)))
        .collect();
    order.sort_unstable();
    let mut out = Vec::with_capacity(order.len());
    let mut members: Vec<(usize, Text)> = Vec::new();
    for (_, g) in order {
        let Some(Some(group)) = grouping.groups.get(g) else {
            continue;
        };
        members.clear();
        let mut made: Option<T> = None;
        for &(f, i) in group {
            let Some(mut x) = slots
                .get_mut(f)
                .and_then(|s| s.get_mut(i))
                .and_then(Option::take)
            else {
                continue;
            };
            members.push((f, x.id().clone()));
            if refs.sources.touches(f) || refs.agreements.touches(f) {
                x.rewrite(&mut |kind, id| match kind {
                    Ref::Source => refs.sources.resolve(f, id),
                    Ref::Agreement => refs.agreements.resolve(f, id),
                });
            }
            match made.as_mut() {
                None => made = Some(x),
                Some(m) => m.absorb(x, tags.get(f).map_or("", String::as_str)),
            }
        }
        if let Some(mut m) = made {
            if let Some(name) = names.group.get(g) {
                m.set_id(name.clone());
            }
            seen(&members, &m);
            out.push(m);
        }
    }
    out.into()
}
