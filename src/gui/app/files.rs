//! Editing with several files open, over the core's
//! [`factsheet_core::edit::Files`]: each edit of the merged view routed to
//! the file that holds the item (or refused, saying why), undo and redo
//! across the files, the files merged again after each change (in the
//! background for large data, as a single file's edit is derived), and Save
//! writing each edited file in the format it has.

use super::*;
use crate::gui::editing::EditCommand;
use factsheet_core::edit::{Edit, EditError, Files, Item, merge_files};
use factsheet_core::load::merge::short_name;
use factsheet_core::model::Text;
use factsheet_core::save::Written;

/// One file's save, with several files open.
#[derive(Debug, Clone)]
pub struct FileSaved {
    /// The file's index in [`Files`].
    pub file: usize,
    pub path: PathBuf,
    /// The file's history state written.
    pub version: u64,
    pub result: Result<Written, String>,
}

impl FactsheetApp {
    /// A new load's own files, kept for editing when there are several.
    pub(super) fn keep_files(&mut self, loaded: &mut Loaded) {
        if !loaded.opened_files.is_empty() {
            self.state.files = Some(Files::new(std::mem::take(&mut loaded.opened_files)));
        }
    }

    /// Why a command about an event cannot be done with several files open
    /// (the event is merged from several files' events), if it cannot.
    pub(super) fn refused_in_files(&self, cmd: &EditCommand) -> Option<String> {
        let (Some(files), Some(data)) = (&self.state.files, &self.state.data) else {
            return None;
        };
        let event = match *cmd {
            EditCommand::EditEvent(e)
            | EditCommand::DeleteEvent(e)
            | EditCommand::NewClaim { event: e }
            | EditCommand::Capture { event: e }
            | EditCommand::EditClaim { event: e, .. }
            | EditCommand::DuplicateClaim { event: e, .. }
            | EditCommand::DeleteClaim { event: e, .. }
            | EditCommand::NewAnswer { event: e, .. }
            | EditCommand::EditAnswer { event: e, .. }
            | EditCommand::DeleteAnswer { event: e, .. } => e,
            EditCommand::SaveAsDialog => {
                return Some(
                    "Save as… writes one file: with several files open, Save (Ctrl+S) writes \
                     each edited file to itself; to save one elsewhere, open it alone"
                        .to_string(),
                );
            }
            _ => return None,
        };
        files
            .locate_event(&data.dataset, &data.provenance, event)
            .err()
    }

    /// Makes `edit` of the merged view in the file that holds its item; a
    /// new source or event goes to file `new_in`.
    pub(super) fn make_in_files(&mut self, edit: Edit, new_in: usize) {
        let (Some(files), Some(data)) = (&self.state.files, &self.state.data) else {
            return;
        };
        // A new event is selected once the files are merged again.
        let new_event = match &edit {
            Edit::Insert {
                item: Item::Event(e),
                ..
            } => Some(e.id.clone()),
            _ => None,
        };
        match files.route(edit, &data.dataset, &data.provenance, new_in) {
            Ok(routed) => self.change_files(move |f| f.apply(routed), new_event),
            Err(why) => {
                self.state.notice = Some(Notice {
                    text: format!("Not changed: {why}"),
                    is_error: true,
                });
            }
        }
    }

    /// Undo (or redo) with one file open or several.
    pub(super) fn undo_redo(&mut self, undo: bool) {
        if self.state.files.is_some() {
            self.change_files(|f| if undo { f.undo() } else { f.redo() }, None);
        } else if undo {
            self.change_data(|d, h| h.undo(d));
        } else {
            self.change_data(|d, h| h.redo(d));
        }
    }

    /// Changes the files with `change`, then merges them again and derives
    /// everything as a load does; `select` is the event to select after
    /// (else the one selected stays, by id).
    fn change_files(
        &mut self,
        change: impl FnOnce(&mut Files) -> Result<(), EditError>,
        select: Option<Text>,
    ) {
        let selected = select.or_else(|| {
            self.state
                .selected
                .and_then(|i| self.state.dataset()?.events.get(i))
                .map(|e| e.id.clone())
        });
        let (Some(files), Some(data)) = (&mut self.state.files, &self.state.data) else {
            return;
        };
        if let Err(e) = change(files) {
            self.edit_failed(&e);
            return;
        }
        let snapshot = files.snapshot();
        let inputs = data.inputs.clone();
        let read_stamps = data.read_stamps.clone();
        let copies = Arc::clone(&data.copies);
        let large = data.dataset.events.len() > self.inline_limit;
        let (filters, sort) = (self.state.filters.clone(), self.state.sort);
        let derive = move || {
            // The copy of what the files still hold is made here, in the
            // background for large data.
            let (dataset, diagnostics, provenance) =
                merge_files(snapshot.into_owned(), factsheet_core::load::today());
            let mut loaded = Loaded::new(dataset, inputs, diagnostics);
            loaded.read_stamps = read_stamps;
            loaded.provenance = provenance;
            loaded.copies = copies;
            loaded.prepare_view(&filters, sort);
            // The files keep their own histories.
            Ok((Box::new(loaded), None))
        };
        self.state.deriving_edit = true;
        if large {
            self.jobs.spawn("edit", move || JobResult::Edited {
                result: derive(),
                selected,
            });
        } else {
            self.edited(derive(), selected);
        }
    }

    /// Ctrl+S with several files open: each edited file written to itself,
    /// in the format it has. A file that is not a JSON file on disk (the
    /// built-in data, a workbook) is not written, and the notice says why.
    /// With `ask`, when a format-1 file would be written as format 2, none
    /// is written: the question comes back listing each such file.
    pub(super) fn save_files(&mut self, ask: bool) {
        let (Some(files), Some(data)) = (&self.state.files, &self.state.data) else {
            return;
        };
        if self.state.changed_on_disk {
            self.state.notice = Some(Notice {
                text: "Not saved: an open file changed on disk while edited; open the files \
                       again, or one alone to save its edits elsewhere"
                    .to_string(),
                is_error: true,
            });
            return;
        }
        let mut jobs = Vec::new();
        let mut skipped = Vec::new();
        for f in files.edited() {
            let label = files.label(f).unwrap_or_default();
            let path = data.inputs.iter().find_map(|i| match i {
                Input::File(p) if i.label() == label => Some(p.clone()),
                _ => None,
            });
            let json = |p: &PathBuf| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            };
            match (path, files.shared(f)) {
                (Some(path), Some(d)) if json(&path) => {
                    jobs.push((f, path, files.version(f), d));
                }
                (Some(_), _) => skipped.push(format!(
                    "{} is a workbook, and Save writes JSON, never over a workbook: open it \
                     alone and save it as JSON with Save as…",
                    short_name(label)
                )),
                _ => skipped.push(format!(
                    "{} is built into the app and is not written over: open it alone and \
                     save it with Save as…",
                    short_name(label)
                )),
            }
        }
        if !skipped.is_empty() {
            self.state.notice = Some(Notice {
                text: format!("Not saved: {}", skipped.join("; ")),
                is_error: true,
            });
        }
        if jobs.is_empty() {
            return;
        }
        self.state.saving_edits = true;
        self.jobs.spawn("save-files", move || {
            let upgraded = |(_, path, _, dataset): &(
                usize,
                PathBuf,
                u64,
                Arc<factsheet_core::model::Dataset>,
            )| {
                let why = factsheet_core::save::format_for(dataset, dataset.format_version)
                    .cannot_hold()?;
                Some(format!("{} is {why}", path_name(path)))
            };
            let upgraded: Vec<String> = match ask {
                true => jobs.iter().filter_map(upgraded).collect(),
                false => Vec::new(),
            };
            if !upgraded.is_empty() {
                return JobResult::AskUpgrade(crate::gui::editing::UpgradeAsk {
                    files: upgraded,
                    several: true,
                });
            }
            let saved = jobs
                .into_iter()
                .map(|(file, path, version, dataset)| {
                    let format = dataset.format_version;
                    let result = factsheet_core::save::save_keeping(&dataset, format, &path)
                        .map_err(|e| e.to_string());
                    FileSaved {
                        file,
                        path,
                        version,
                        result,
                    }
                })
                .collect();
            JobResult::SavedFiles { saved }
        });
    }

    /// The files' saves finished: each written file is no longer edited; a
    /// failure names its file, whose edits stay.
    pub(super) fn saved_files(&mut self, saved: Vec<FileSaved>) {
        self.state.saving_edits = false;
        let (mut written_ok, mut failures) = (Vec::new(), Vec::new());
        for s in saved {
            let name = path_name(&s.path);
            match s.result {
                Ok(written) => {
                    if let Some(files) = &mut self.state.files {
                        files.mark_saved_as(s.file, s.version, written.version());
                    }
                    if let (Some(watcher), Some(stamp)) =
                        (&self.watcher, crate::gui::watch::stamp(&s.path))
                    {
                        watcher.seen(&s.path, stamp);
                    }
                    written_ok.push(match written.reason() {
                        Some(why) => format!("{name} ({why})"),
                        None => format!("{name} (format {})", written.version()),
                    });
                }
                Err(e) => failures.push(format!(
                    "Saving {name} failed: {e}; its edits are still here, and the file is as it was"
                )),
            }
        }
        // What was not written at all (a workbook) was said when Save began.
        let earlier = self
            .state
            .notice
            .take()
            .filter(|n| n.is_error && n.text.starts_with("Not saved:"));
        let mut parts = Vec::new();
        if !written_ok.is_empty() {
            parts.push(format!("Saved {}", written_ok.join(", ")));
        }
        parts.extend(failures.iter().cloned());
        parts.extend(earlier.iter().map(|n| n.text.clone()));
        self.state.notice = Some(Notice {
            text: parts.join(". "),
            is_error: !failures.is_empty() || earlier.is_some(),
        });
        if !self.state.unsaved()
            && let Some(pending) = self.state.pending.take()
        {
            self.go_on(pending);
        }
    }
}

/// The name of the file `path`: "b.json".
pub(super) fn path_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
