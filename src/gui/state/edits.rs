//! What the panels ask about the edits, whether one file is open (the
//! [`factsheet_core::edit::History`] of the data on screen) or several (each
//! file's own, in [`factsheet_core::edit::Files`]): is anything unsaved, which
//! files, what Undo and Redo would do.

use super::AppState;
use factsheet_core::load::merge::short_name;

impl AppState {
    /// Whether any open file has edits not written to it.
    pub fn unsaved(&self) -> bool {
        match &self.files {
            Some(files) => files.any_dirty(),
            None => self.history.is_dirty(),
        }
    }

    /// The names of the files with unsaved edits ("b.json"), for the prompt.
    pub fn edited_files(&self) -> Vec<String> {
        if let Some(files) = &self.files {
            return files
                .edited()
                .into_iter()
                .filter_map(|f| files.label(f))
                .map(|l| short_name(l).to_string())
                .collect();
        }
        match &self.data {
            Some(data) if self.history.is_dirty() => data
                .inputs
                .iter()
                .map(|i| short_name(&i.label()).to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What Undo would undo ("add a claim"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        match &self.files {
            Some(files) => files.undo_label(),
            None => self.history.undo_label(),
        }
    }

    /// What Redo would make again, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        match &self.files {
            Some(files) => files.redo_label(),
            None => self.history.redo_label(),
        }
    }
}
