//! Editing with several files open. The app shows the merge of the files
//! ([`crate::load::merge`]); an edit of that merged view is sent to the file
//! that holds the item ([`Files::route`]): an event of one file (under its
//! own id or renamed) to that file, a source or agreement to each file that
//! defines it, a figure, claim, fact or answer to the file of its event, a new
//! source, event or agreement to the file chosen for it. Each reference the
//! item makes is written as that file writes it (`desk.json#s1` back to
//! `s1`). An event merged from several files' events is not changed: which
//! file's event, or all, would be a guess. Each file keeps its own
//! [`History`] (its own unsaved mark), and one list says which files each
//! edit went to, so that undo and redo go back and forth across the files in
//! the order the edits were made. After each change the files are merged
//! again ([`merge_files`]) as a load merges them. Each file's data is
//! shared ([`Arc`]) with the merge and the save that read it, so that
//! neither copies it where the edit is made (the app's UI thread): an edit
//! copies a file's data only while a merge or save still reads it.

use std::sync::Arc;

use jiff::civil::Date;

use super::{Edit, EditError, History, Item, Target};
use crate::diagnostic::Diagnostic;
use crate::load::merge::{self, Provenance};
use crate::load::validate::{KnownIds, validate};
use crate::model::{Dataset, Text};

/// One open file: its label, its data as read and edited since, its edits.
#[derive(Debug, Clone)]
struct File {
    label: String,
    dataset: Arc<Dataset>,
    history: History,
}

/// The open files' data at one moment, shared with [`Files`]: taking it
/// copies nothing; [`Snapshot::into_owned`] copies what [`Files`] still
/// holds, and belongs off the UI thread for large data.
#[derive(Debug, Clone)]
pub struct Snapshot(Vec<(String, Arc<Dataset>)>);

impl Snapshot {
    /// Each file's label and data, for [`merge_files`]: a file's data is
    /// moved out when nothing else holds it, else copied.
    pub fn into_owned(self) -> Vec<(String, Dataset)> {
        self.0
            .into_iter()
            .map(|(label, dataset)| (label, Arc::unwrap_or_clone(dataset)))
            .collect()
    }
}

/// The open files' own data and edits, the merged view being derived from them.
#[derive(Debug, Clone, Default)]
pub struct Files {
    files: Vec<File>,
    /// Per edit made (the latest last): the files it changed.
    undo: Vec<Vec<usize>>,
    /// Per edit undone (the latest undone last): the files it changed.
    redo: Vec<Vec<usize>>,
}

/// A change of the merged view, each file's part of it.
pub type Routed = Vec<(usize, Edit)>;

impl Files {
    /// The files as read: label and dataset, in the order they were opened.
    pub fn new(files: Vec<(String, Dataset)>) -> Files {
        Files {
            files: files
                .into_iter()
                .map(|(label, dataset)| File {
                    label,
                    dataset: Arc::new(dataset),
                    history: History::new(),
                })
                .collect(),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The label of file `f` (its path as opened).
    pub fn label(&self, f: usize) -> Option<&str> {
        self.files.get(f).map(|x| x.label.as_str())
    }

    /// File `f`'s data, as read and edited since.
    pub fn dataset(&self, f: usize) -> Option<&Dataset> {
        self.files.get(f).map(|x| &*x.dataset)
    }

    /// File `f`'s data, shared: for a save that writes it in the background.
    pub fn shared(&self, f: usize) -> Option<Arc<Dataset>> {
        self.files.get(f).map(|x| Arc::clone(&x.dataset))
    }

    /// Whether file `f` has edits not written to it.
    pub fn is_dirty(&self, f: usize) -> bool {
        self.files.get(f).is_some_and(|x| x.history.is_dirty())
    }

    /// Whether any file has edits not written to it.
    pub fn any_dirty(&self) -> bool {
        self.files.iter().any(|x| x.history.is_dirty())
    }

    /// The files with edits not written to them.
    pub fn edited(&self) -> Vec<usize> {
        (0..self.files.len())
            .filter(|&f| self.is_dirty(f))
            .collect()
    }

    /// The state of file `f` on screen, for [`Files::mark_saved_as`] once it is written.
    pub fn version(&self, f: usize) -> u64 {
        self.files.get(f).map_or(0, |x| x.history.version())
    }

    /// File `f` was written as it stood at `version`, in format `format_version`.
    pub fn mark_saved_as(&mut self, f: usize, version: u64, format_version: u32) {
        if let Some(x) = self.files.get_mut(f) {
            x.history.mark_saved_as(version);
            if x.dataset.format_version != format_version {
                Arc::make_mut(&mut x.dataset).format_version = format_version;
            }
        }
    }

    /// What Undo would undo ("add a claim"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        let f = *self.undo.last()?.first()?;
        self.files.get(f)?.history.undo_label()
    }

    /// What Redo would make again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        let f = *self.redo.last()?.first()?;
        self.files.get(f)?.history.redo_label()
    }

    /// Each file with its data, to merge: shared, not copied (see [`Snapshot`]).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(
            self.files
                .iter()
                .map(|x| (x.label.clone(), Arc::clone(&x.dataset)))
                .collect(),
        )
    }

    /// `edit`, made on `merged` (the merge of these files, whose provenance is
    /// `provenance`), as edits of the files that hold its items; a new
    /// source, event or agreement goes to file `new_in`. `Err` says why the
    /// edit cannot be sent to a file.
    pub fn route(
        &self,
        edit: Edit,
        merged: &Dataset,
        provenance: &Provenance,
        new_in: usize,
    ) -> Result<Routed, String> {
        let mut per_file: Vec<(usize, Vec<Edit>)> = Vec::new();
        let ctx = Ctx {
            files: self,
            merged,
            provenance,
            new_in,
        };
        ctx.route_into(edit, &mut per_file)?;
        Ok(per_file
            .into_iter()
            .map(|(f, edits)| match <[Edit; 1]>::try_from(edits) {
                Ok([one]) => (f, one),
                Err(several) => (f, Edit::Group(several)),
            })
            .collect())
    }

    /// The file and the position there of the event at `index` of `merged`,
    /// or why an edit of it cannot go to one file.
    pub fn locate_event(
        &self,
        merged: &Dataset,
        provenance: &Provenance,
        index: usize,
    ) -> Result<(usize, usize), String> {
        let ctx = Ctx {
            files: self,
            merged,
            provenance,
            new_in: 0,
        };
        ctx.event(index).map(|(file, _, e, _)| (file, e))
    }

    /// Makes `routed` (from [`Files::route`]) as one edit. On an error
    /// nothing is changed.
    pub fn apply(&mut self, routed: Routed) -> Result<(), EditError> {
        let mut done: Vec<usize> = Vec::with_capacity(routed.len());
        for (f, edit) in routed {
            let applied = match self.files.get_mut(f) {
                Some(x) => x.history.apply(Arc::make_mut(&mut x.dataset), edit),
                None => Err(EditError::NothingToDo),
            };
            if let Err(e) = applied {
                for &g in done.iter().rev() {
                    if let Some(x) = self.files.get_mut(g) {
                        // It was just made: its undo applies.
                        let _ = x.history.undo(Arc::make_mut(&mut x.dataset));
                    }
                }
                return Err(e);
            }
            done.push(f);
        }
        if !done.is_empty() {
            self.undo.push(done);
            self.redo.clear();
        }
        Ok(())
    }

    /// Undoes the latest edit, in each file it changed.
    pub fn undo(&mut self) -> Result<(), EditError> {
        let files = self.undo.pop().ok_or(EditError::NothingToDo)?;
        self.step(&files, true)?;
        self.redo.push(files);
        Ok(())
    }

    /// Makes the latest undone edit again, in each file it changed.
    pub fn redo(&mut self) -> Result<(), EditError> {
        let files = self.redo.pop().ok_or(EditError::NothingToDo)?;
        self.step(&files, false)?;
        self.undo.push(files);
        Ok(())
    }

    /// Undoes (or redoes) one edit in each of `files`; on an error the
    /// files already stepped are stepped back.
    fn step(&mut self, files: &[usize], undo: bool) -> Result<(), EditError> {
        let go = |x: &mut File, undo: bool| {
            if undo {
                x.history.undo(Arc::make_mut(&mut x.dataset))
            } else {
                x.history.redo(Arc::make_mut(&mut x.dataset))
            }
        };
        for (k, &f) in files.iter().enumerate() {
            let result = match self.files.get_mut(f) {
                Some(x) => go(x, undo),
                None => Err(EditError::NothingToDo),
            };
            if let Err(e) = result {
                for &g in files.iter().take(k).rev() {
                    if let Some(x) = self.files.get_mut(g) {
                        let _ = go(x, !undo);
                    }
                }
                return Err(e);
            }
        }
        Ok(())
    }
}

/// The files merged again after an edit, as a load merges them: each file
/// validated (knowing the others' ids), merged, the running totals checked.
pub fn merge_files(
    files: Vec<(String, Dataset)>,
    today: Date,
) -> (Dataset, Vec<Diagnostic>, Provenance) {
    let refs: Vec<&Dataset> = files.iter().map(|(_, d)| d).collect();
    let known = KnownIds::of(&refs);
    let mut diagnostics = Vec::new();
    let mut origin: std::collections::HashMap<String, (String, usize)> = Default::default();
    let labels: Vec<String> = files.iter().map(|(l, _)| l.clone()).collect();
    for ((label, d), tag) in files.iter().zip(merge::tags(&labels)) {
        diagnostics.append(&mut validate(d, label, &known, today));
        for (i, t) in d.running_totals.iter().enumerate() {
            origin
                .entry(t.id.to_string())
                .or_insert_with(|| (label.clone(), i));
            origin.insert(format!("{tag}#{}", t.id), (label.clone(), i));
        }
    }
    let merged = merge::merge(files, merge::Mode::Merge);
    diagnostics.extend(merged.diagnostics);
    diagnostics.append(&mut crate::stats::running_total_warnings(
        &merged.dataset,
        |id| origin.get(id).cloned(),
    ));
    (merged.dataset, diagnostics, merged.provenance)
}

/// What routing one edit looks at.
struct Ctx<'a> {
    files: &'a Files,
    merged: &'a Dataset,
    provenance: &'a Provenance,
    new_in: usize,
}

/// One place in one file that an edit of the merged view stands for.
struct Place {
    /// Index into [`Files`].
    file: usize,
    /// Index into the provenance's files.
    merged_file: u32,
    at: Target,
    /// The item's id in the merged view and in the file, when they differ
    /// (`desk.json#ev-1` and `ev-1`).
    renamed: Option<(Text, Text)>,
}

impl Ctx<'_> {
    fn route_into(&self, edit: Edit, out: &mut Vec<(usize, Vec<Edit>)>) -> Result<(), String> {
        let (places, item) = match edit {
            Edit::Group(edits) => {
                // A group's edits are routed against the merged view before
                // any of them (as removing a source with its claims makes
                // them: none moves another).
                for e in edits {
                    self.route_into(e, out)?;
                }
                return Ok(());
            }
            Edit::Insert { at, item } => (self.places(at, true)?, Some((item, true))),
            Edit::Replace { at, item } => (self.places(at, false)?, Some((item, false))),
            Edit::Remove { at } => (self.places(at, false)?, None),
        };
        for p in places {
            let edit = match &item {
                None => Edit::Remove { at: p.at },
                Some((item, insert)) => {
                    let mut item = item.clone();
                    if let Some((merged_id, own)) = &p.renamed {
                        keep_own_id(&mut item, merged_id, own);
                    }
                    self.provenance.written_in(p.merged_file, &mut item)?;
                    if *insert {
                        Edit::Insert { at: p.at, item }
                    } else {
                        Edit::Replace { at: p.at, item }
                    }
                }
            };
            match out.iter_mut().find(|(f, _)| *f == p.file) {
                Some((_, edits)) => edits.push(edit),
                None => out.push((p.file, vec![edit])),
            }
        }
        Ok(())
    }

    /// The places in the files that `at` (in the merged view) stands for.
    fn places(&self, at: Target, inserting: bool) -> Result<Vec<Place>, String> {
        let d = self.merged;
        let p = self.provenance;
        match at {
            Target::Source(_) | Target::Event(_) | Target::Agreement(_) if inserting => {
                let file = self.new_in;
                let x = self
                    .files
                    .dataset(file)
                    .ok_or_else(|| "no such file is open".to_string())?;
                let at = match at {
                    Target::Source(_) => Target::Source(x.sources.len()),
                    Target::Event(_) => Target::Event(x.events.len()),
                    _ => Target::Agreement(x.agreements.len()),
                };
                Ok(vec![Place {
                    file,
                    merged_file: self.merged_file(file)?,
                    at,
                    renamed: None,
                }])
            }
            Target::Source(i) => {
                let id = &d.sources.get(i).ok_or_else(|| missing(at))?.id;
                self.defined(p.source_members(i, id), id, |x, own| {
                    x.sources
                        .iter()
                        .position(|s| s.id == *own)
                        .map(Target::Source)
                })
            }
            Target::Agreement(i) => {
                let id = &d.agreements.get(i).ok_or_else(|| missing(at))?.id;
                self.defined(p.agreement_members(i, id), id, |x, own| {
                    x.agreements
                        .iter()
                        .position(|a| a.id == *own)
                        .map(Target::Agreement)
                })
            }
            Target::Event(i) => {
                let (file, merged_file, e, renamed) = self.event(i)?;
                Ok(vec![Place {
                    file,
                    merged_file,
                    at: Target::Event(e),
                    renamed,
                }])
            }
            Target::Figure { event, figure } => {
                self.inside(event, |e| Target::Figure { event: e, figure })
            }
            Target::Claim {
                event,
                figure,
                claim,
            } => self.inside(event, |e| Target::Claim {
                event: e,
                figure,
                claim,
            }),
            Target::Fact { event, fact } => self.inside(event, |e| Target::Fact { event: e, fact }),
            Target::FactClaim { event, fact, claim } => self.inside(event, |e| Target::FactClaim {
                event: e,
                fact,
                claim,
            }),
            // The merge pools these by id across files without recording
            // which file each part came from: no file can be named for them.
            Target::Term { .. } | Target::RunningTotal(_) | Target::Estimate(_) => Err(format!(
                "with several files open, {} cannot be changed: open its file alone to change it",
                at.a_kind()
            )),
        }
    }

    /// The place of an item inside the event at `event`: the same figure,
    /// fact and claim positions, in the file of the event (which, made of one
    /// file's event, holds them in the same order).
    fn inside(&self, event: usize, at: impl Fn(usize) -> Target) -> Result<Vec<Place>, String> {
        let (file, merged_file, e, _) = self.event(event)?;
        Ok(vec![Place {
            file,
            merged_file,
            at: at(e),
            renamed: None,
        }])
    }

    /// The file and position there of the merged view's event at `i`, and
    /// its id in the merged view and the file when they differ.
    #[allow(clippy::type_complexity)]
    fn event(&self, i: usize) -> Result<(usize, u32, usize, Option<(Text, Text)>), String> {
        let id = &self
            .merged
            .events
            .get(i)
            .ok_or_else(|| missing(Target::Event(i)))?
            .id;
        let members = self.provenance.event_members(i, id);
        let [(merged_file, own)] = members.as_slice() else {
            let from = self
                .provenance
                .describe(id)
                .unwrap_or_else(|| "from no file open".to_string());
            return Err(format!(
                "this event is {from}: open one of them alone to change it"
            ));
        };
        let file = self.file_of(*merged_file)?;
        let e = self
            .files
            .dataset(file)
            .and_then(|x| x.events.iter().position(|e| e.id == *own))
            .ok_or_else(|| format!("the event \"{own}\" is no longer in its file"))?;
        let renamed = (own != id).then(|| (id.clone(), own.clone()));
        Ok((file, *merged_file, e, renamed))
    }

    /// The places of a source or agreement in each file that defines it.
    fn defined(
        &self,
        members: Vec<(u32, Text)>,
        id: &Text,
        find: impl Fn(&Dataset, &Text) -> Option<Target>,
    ) -> Result<Vec<Place>, String> {
        if members.is_empty() {
            return Err(format!("\"{id}\" comes from no file open"));
        }
        members
            .into_iter()
            .map(|(merged_file, own)| {
                let file = self.file_of(merged_file)?;
                let at = self
                    .files
                    .dataset(file)
                    .and_then(|x| find(x, &own))
                    .ok_or_else(|| format!("\"{own}\" is no longer in its file"))?;
                let renamed = (own != *id).then(|| (id.clone(), own));
                Ok(Place {
                    file,
                    merged_file,
                    at,
                    renamed,
                })
            })
            .collect()
    }

    /// The open file the merge's file `merged_file` is (by its label).
    fn file_of(&self, merged_file: u32) -> Result<usize, String> {
        let label = self
            .provenance
            .files
            .get(merged_file as usize)
            .ok_or_else(|| "the merge names no such file".to_string())?;
        self.files
            .files
            .iter()
            .position(|x| x.label == *label)
            .ok_or_else(|| format!("{label} is not open"))
    }

    /// The merge's index of open file `file` (a file read twice is merged once).
    fn merged_file(&self, file: usize) -> Result<u32, String> {
        let label = self.files.label(file).unwrap_or_default();
        self.provenance
            .files
            .iter()
            .position(|l| l == label)
            .map(|i| i as u32)
            .ok_or_else(|| format!("{label} is the same file as another open: add to that one"))
    }
}

/// An item written back to its file keeps the file's own id, unless the
/// edit changed it.
fn keep_own_id(item: &mut Item, merged_id: &Text, own: &Text) {
    let id = match item {
        Item::Source(s) => &mut s.id,
        Item::Event(e) => &mut e.id,
        Item::Agreement(a) => &mut a.id,
        _ => return,
    };
    if id == merged_id {
        *id = own.clone();
    }
}

fn missing(at: Target) -> String {
    EditError::NoSuchPlace(at).to_string()
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
