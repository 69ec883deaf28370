//! Undo and redo: the edits made, each kept as the edit that undoes it, and
//! the edits undone, each as the edit that makes it again; and which of them
//! the file on disk holds, for the "unsaved changes" mark.

use super::{Edit, EditError};
use crate::model::Dataset;

/// An edit on a stack, with a number that names the state it leads to.
#[derive(Debug, Clone)]
struct Entry {
    /// Applying this gets from one state to the other.
    edit: Edit,
    /// What the edit did, in words ("add a claim").
    label: String,
    /// The state after the edit was made (for `done`) or before it is redone.
    state: u64,
}

/// The edits of one dataset, for undo and redo.
#[derive(Debug, Clone)]
pub struct History {
    /// Made, the latest last: each holds its inverse.
    done: Vec<Entry>,
    /// Undone, the latest undone last: each holds the edit itself.
    undone: Vec<Entry>,
    /// The number the next new state gets.
    next_state: u64,
    /// The state the file on disk holds (0, the state before any edit, when
    /// nothing was saved since it was read).
    saved: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// No edits yet: the data is as its file holds it.
    pub fn new() -> History {
        History {
            done: Vec::new(),
            undone: Vec::new(),
            next_state: 1,
            saved: Some(0),
        }
    }

    /// Applies `edit` to `dataset` and keeps it for undo; what was undone
    /// can no longer be redone. On an error nothing changes.
    pub fn apply(&mut self, dataset: &mut Dataset, edit: Edit) -> Result<(), EditError> {
        let label = edit.describe();
        let inverse = edit.apply(dataset)?;
        let state = self.next_state;
        self.next_state += 1;
        self.done.push(Entry {
            edit: inverse,
            label,
            state,
        });
        // A state only reachable by redo is gone: if the file holds it, the
        // file now differs from every state there is.
        if self
            .saved
            .is_some_and(|s| self.undone.iter().any(|e| e.state == s))
        {
            self.saved = None;
        }
        self.undone.clear();
        Ok(())
    }

    /// Undoes the latest edit.
    pub fn undo(&mut self, dataset: &mut Dataset) -> Result<(), EditError> {
        let entry = self.done.pop().ok_or(EditError::NothingToDo)?;
        match entry.edit.clone().apply(dataset) {
            Ok(redo) => {
                self.undone.push(Entry {
                    edit: redo,
                    ..entry
                });
                Ok(())
            }
            Err(e) => {
                self.done.push(entry);
                Err(e)
            }
        }
    }

    /// Makes the latest undone edit again.
    pub fn redo(&mut self, dataset: &mut Dataset) -> Result<(), EditError> {
        let entry = self.undone.pop().ok_or(EditError::NothingToDo)?;
        match entry.edit.clone().apply(dataset) {
            Ok(undo) => {
                self.done.push(Entry {
                    edit: undo,
                    ..entry
                });
                Ok(())
            }
            Err(e) => {
                self.undone.push(entry);
                Err(e)
            }
        }
    }

    /// What Undo would undo ("add a claim"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|e| e.label.as_str())
    }

    /// What Redo would make again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|e| e.label.as_str())
    }

    /// The state on screen, by number (0 before any edit): a save started
    /// now is marked with [`History::mark_saved_as`] when it is done.
    pub fn version(&self) -> u64 {
        self.done.last().map_or(0, |e| e.state)
    }

    /// Whether the data differs from what was last read or saved.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.version())
    }

    /// The data on screen was written to its file.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.version());
    }

    /// The state `version` was written to the file (a save that ran while
    /// more edits were made).
    pub fn mark_saved_as(&mut self, version: u64) {
        self.saved = Some(version);
    }
}
