//! Saving edits: Ctrl+S to the file the data came from (or each edited file
//! when several are open), asking first when a format-1 file would become
//! format 2, Save as, the answer of the save dialog, and what a finished save
//! changes (the unsaved mark, the file watched, the prompt that waited on it).

use super::saving::moved_copies;
use super::*;
use crate::gui::editing::{EditCommand, UpgradeAnswer, UpgradeAsk};
use factsheet_core::save;

impl FactsheetApp {
    /// Ctrl+S: the file the data came from, unless it is built in or changed
    /// on disk meanwhile (then Save as, so that neither version is lost).
    /// With `ask`, a format-1 file that would be written as format 2 is not
    /// written: the question comes back instead ([`Self::ask_upgrade`]).
    pub(super) fn save_edits(&mut self, ask: bool) {
        if self.state.files.is_some() {
            self.save_files(ask);
            return;
        }
        // Only a JSON file is written in place: a file read in another form
        // (a workbook) is never overwritten with JSON.
        let json = |path: &PathBuf| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        };
        let why_ask = match self.state.data.as_ref().map(|d| d.inputs.as_slice()) {
            Some([Input::File(path)]) if self.state.changed_on_disk => format!(
                "{} changed on disk while edited: choose where to save the edits, so that \
                 neither version is lost",
                path.display()
            ),
            Some([Input::File(path)]) if json(path) => {
                return self.start_save_edits(path.clone(), ask);
            }
            Some([Input::File(path)]) => format!(
                "{} is a workbook: Save writes JSON and never over a workbook (its sheets \
                 and formatting would be lost), so choose where to save the JSON",
                path.display()
            ),
            _ => "The data built into the app is not written over: choose where to save it"
                .to_string(),
        };
        self.state.notice = Some(Notice {
            text: why_ask,
            is_error: false,
        });
        self.apply_edit(EditCommand::SaveAsDialog);
    }

    /// Writes the data to `path` in the background; with `ask`, not when
    /// that would make a format-1 file format 2 (the scan of the data for
    /// what only format 2 holds runs in the job, never on the UI thread).
    pub(super) fn start_save_edits(&mut self, path: PathBuf, ask: bool) {
        let Some(data) = &self.state.data else {
            return;
        };
        let dataset = Arc::clone(&data.dataset);
        let folder = data.data_folder();
        let version = self.state.history.version();
        // The format the file was read in, kept when it can hold the data.
        let format = data
            .provenance
            .versions
            .first()
            .copied()
            .unwrap_or(factsheet_core::model::FORMAT_VERSION);
        self.state.saving_edits = true;
        self.state.exporting = Some(path.clone());
        self.jobs.spawn("save-edits", move || {
            if ask && let Some(why) = save::format_for(&dataset, format).cannot_hold() {
                return JobResult::AskUpgrade(UpgradeAsk {
                    files: vec![format!("{} is {why}", super::files::path_name(&path))],
                    several: false,
                });
            }
            let dataset = moved_copies(&dataset, folder, &path);
            let result = factsheet_core::save::save_keeping(&dataset, format, &path)
                .map_err(|e| e.to_string());
            JobResult::SavedEdits {
                path,
                version,
                result,
            }
        });
    }

    pub(super) fn save_edits_chosen(&mut self, path: Choice<PathBuf>) {
        match path {
            Choice::Chosen(path) => self.apply_edit(EditCommand::SaveTo(path)),
            Choice::Unavailable => {
                self.state.notice = Some(Notice {
                    text: dialog::unavailable_message("choose where to save"),
                    is_error: true,
                });
            }
            Choice::Cancelled => {}
        }
    }

    /// A save finished: the file is now the one open (and watched), and
    /// what waited for it goes on; or it failed, and the edits stay.
    pub(super) fn saved_edits(
        &mut self,
        path: PathBuf,
        version: u64,
        result: Result<factsheet_core::save::Written, String>,
    ) {
        self.state.saving_edits = false;
        self.state.exporting = None;
        let written = match result {
            Ok(written) => written,
            Err(e) => {
                self.state.notice = Some(Notice {
                    text: format!(
                        "Saving to {} failed: {e}. The edits are still here, and the file is as it was",
                        path.display()
                    ),
                    is_error: true,
                });
                return;
            }
        };
        if let Some(data) = &mut self.state.data {
            data.provenance.versions = vec![written.version()];
        }
        self.state.history.mark_saved_as(version);
        self.state.changed_on_disk = false;
        let input = Input::File(path.clone());
        let moved = self
            .state
            .data
            .as_ref()
            .is_some_and(|d| d.inputs != [input.clone()]);
        if moved {
            if let Some(data) = &mut self.state.data {
                // The file written names its saved copies relative to its
                // own folder: so does the data now open from it.
                let rebased = moved_copies(&data.dataset, data.data_folder(), &path);
                if let std::borrow::Cow::Owned(rebased) = rebased {
                    data.dataset = Arc::new(rebased);
                }
                data.inputs = vec![input.clone()];
            }
            self.watch(std::slice::from_ref(&input));
            self.state.remember_recent(&[input]);
        }
        if let (Some(watcher), Some(stamp)) = (&self.watcher, crate::gui::watch::stamp(&path)) {
            watcher.seen(&path, stamp);
        }
        self.state.notice = Some(Notice {
            text: match written.reason() {
                Some(why) => format!("Saved {} ({why})", path.display()),
                None => format!("Saved {} (format {})", path.display(), written.version()),
            },
            is_error: false,
        });
        if let Some(pending) = self.state.pending.take() {
            self.go_on(pending);
        }
    }

    /// Ctrl+S wrote nothing: asks whether to save as format 2.
    pub(super) fn ask_upgrade(&mut self, ask: UpgradeAsk) {
        self.state.saving_edits = false;
        self.state.exporting = None;
        self.state.upgrade_ask = Some(ask);
    }

    /// The answer to "save it as format 2?".
    pub(super) fn upgrade_answered(&mut self, answer: UpgradeAnswer) {
        if self.state.upgrade_ask.take().is_none() {
            return;
        }
        match answer {
            UpgradeAnswer::Format2 => self.save_edits(false),
            UpgradeAnswer::SaveAs => self.apply_edit(EditCommand::SaveAsDialog),
            UpgradeAnswer::Cancel => {}
        }
    }
}
