//! From the merged dataset back to the files it was merged from: which files
//! and ids an event, source or agreement was made of, and how a reference
//! written in the merged dataset is written in one file. Editing with several
//! files open ([`crate::edit::Files`]) sends each edit to its file with these.

use foldhash::{HashMap, HashSet};

use super::Provenance;
use super::items::{self, Ref};
use crate::edit::Item as EditItem;
use crate::model::Text;

/// How the merge renamed one kind of reference (to sources, or to agreements).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Renames {
    /// Per file: each own id that the merge renamed, and its new id.
    pub renamed: Vec<HashMap<Text, Text>>,
    /// Each id whose first definition (in file order) is renamed, and its new
    /// id: what a reference to it from a file that does not define it means.
    pub first: HashMap<Text, Text>,
    /// Per file: every id it defines, when `first` is not empty.
    pub defined: Vec<HashSet<Text>>,
}

impl Renames {
    /// The merged id that `id`, written in file `f`, refers to, when the merge renamed it.
    pub fn resolved(&self, f: usize, id: &Text) -> Option<&Text> {
        if let Some(new) = self.renamed.get(f).and_then(|r| r.get(id)) {
            return Some(new);
        }
        self.first
            .get(id)
            .filter(|_| !self.defined.get(f).is_some_and(|d| d.contains(id)))
    }

    /// How file `f` writes a reference that reads `merged` in the merged
    /// dataset; `None` when no id written in `f` would read so.
    pub fn written_in(&self, f: usize, merged: &Text) -> Option<Text> {
        if let Some((own, _)) = self
            .renamed
            .get(f)
            .and_then(|r| r.iter().find(|(_, new)| *new == merged))
        {
            return Some(own.clone());
        }
        if let Some((own, _)) = self.first.iter().find(|(own, new)| {
            *new == merged && !self.defined.get(f).is_some_and(|d| d.contains(*own))
        }) {
            return Some(own.clone());
        }
        // Unchanged by the merge: the id reads as itself from this file.
        match self.resolved(f, merged) {
            None => Some(merged.clone()),
            Some(_) => None,
        }
    }
}

impl Provenance {
    /// The files (indices into `files`) and ids the event at `index` of the
    /// merged dataset, with id `id`, was made of.
    pub fn event_members(&self, index: usize, id: &Text) -> Vec<(u32, Text)> {
        if let Some(parts) = self.parts.get(id) {
            return parts.clone();
        }
        match self.first_file.get(index) {
            Some(&f) => vec![(f, id.clone())],
            // One file open: the merged dataset is that file's.
            None if self.files.len() == 1 => vec![(0, id.clone())],
            None => Vec::new(),
        }
    }

    /// The files and ids the source at `index` of the merged dataset (with
    /// id `id`) was made of.
    pub fn source_members(&self, index: usize, id: &Text) -> Vec<(u32, Text)> {
        members(&self.sources, self.files.len(), index, id)
    }

    /// The files and ids the agreement at `index` (with id `id`) was made of.
    pub fn agreement_members(&self, index: usize, id: &Text) -> Vec<(u32, Text)> {
        members(&self.agreements, self.files.len(), index, id)
    }

    /// `item`, taken from the merged dataset, as file `f` writes it: each
    /// reference to a source or agreement under the id that file gives it.
    /// `Err` names a reference no id of that file reads as.
    pub fn written_in(&self, f: u32, item: &mut EditItem) -> Result<(), String> {
        let f = f as usize;
        let mut missing: Option<String> = None;
        let mut fix = |kind: Ref, id: &mut Text| {
            let (renames, what) = match kind {
                Ref::Source => (&self.source_refs, "source"),
                Ref::Agreement => (&self.agreement_refs, "agreement"),
            };
            match renames.written_in(f, id) {
                Some(own) => *id = own,
                None => {
                    missing.get_or_insert_with(|| format!("the {what} \"{id}\""));
                }
            }
        };
        items::rewrite_edit_item(item, &mut fix);
        match missing {
            None => Ok(()),
            Some(what) => {
                let file = self.files.get(f).map_or("?", |l| super::short_name(l));
                Err(format!("{file} cannot name {what}: it is another file's"))
            }
        }
    }
}

fn members(list: &[Vec<(u32, Text)>], files: usize, index: usize, id: &Text) -> Vec<(u32, Text)> {
    match list.get(index) {
        Some(m) => m.clone(),
        None if files == 1 => vec![(0, id.clone())],
        None => Vec::new(),
    }
}
