//! Saved copies of sources in the app: "Attach saved copy…" (a file dialog,
//! then the file's path and SHA-256 recorded in the open data, off the UI
//! thread, and its quotes checked) and "Open saved copy". The reading,
//! hashing and checking are the core's ([`factsheet_core::copies`]).

use std::path::{Path, PathBuf};

use super::*;
use factsheet_core::copies::{self, Disk};
use factsheet_core::model::Dataset;

use crate::gui::state::CopyView;

/// The kinds of file "Open saved copy" hands to the desktop: saved pages and
/// text. Anything else a data file names (a program, a desktop entry) is
/// never opened from the app.
const OPENED_EXTENSIONS: [&str; 7] = ["html", "htm", "xhtml", "shtml", "txt", "text", "md"];

impl FactsheetApp {
    /// Asks for the file to attach as the saved copy of `source`.
    pub(super) fn pick_copy(&mut self, source: String) {
        self.jobs.spawn("copy-dialog", move || {
            let file = dialog::ask(|| {
                rfd::FileDialog::new()
                    .set_title("Attach a saved copy of the source")
                    .add_filter("Saved page or text", &["html", "htm", "xhtml", "txt"])
                    .add_filter("All files", &["*"])
                    .pick_file()
            });
            JobResult::CopyPicked { source, file }
        });
    }

    pub(super) fn copy_picked(&mut self, source: String, file: Choice<PathBuf>) {
        match file {
            Choice::Chosen(file) => self.apply(Command::AttachCopy { source, file }),
            Choice::Unavailable => {
                self.state.notice = Some(Notice {
                    text: dialog::unavailable_message("choose a saved copy"),
                    is_error: true,
                });
            }
            Choice::Cancelled => {}
        }
    }

    /// Records `file` as the saved copy of `source` in the open data and
    /// checks that source's quotes against it, in the background.
    pub(super) fn start_attach(&mut self, source: String, file: PathBuf) {
        let Some(data) = &self.state.data else {
            return;
        };
        let Some(folder) = data.data_folder() else {
            self.state.notice = Some(Notice {
                text: "A saved copy is recorded relative to the data file: save the built-in \
                       data as a file first (File, Save as…)"
                    .to_string(),
                is_error: true,
            });
            return;
        };
        let dataset = Arc::clone(&data.dataset);
        let label = data.inputs.first().map_or_else(String::new, Input::label);
        self.jobs.spawn("attach-copy", move || {
            let result = attach(&dataset, &source, &file, &folder, &label);
            JobResult::CopyAttached { source, result }
        });
    }

    pub(super) fn attached(&mut self, source: String, result: Result<Box<jobs::Attached>, String>) {
        let Some(data) = &mut self.state.data else {
            return;
        };
        let attached = match result {
            Ok(attached) => *attached,
            Err(why) => {
                self.state.notice = Some(Notice {
                    text: format!("No saved copy attached to \"{source}\": {why}"),
                    is_error: true,
                });
                return;
            }
        };
        let what = match &attached.copies.copy(&source).map(|c| &c.state) {
            Some(copies::CopyState::Read) => match attached.copies.tally(&source) {
                (found, 0) => format!(
                    "{} found in it",
                    crate::gui::theme::ui_kit::counted(found, "quote", "quotes")
                ),
                (found, missing) => format!(
                    "{} found in it, {missing} not found (see the Sources panel)",
                    crate::gui::theme::ui_kit::counted(found, "quote", "quotes")
                ),
            },
            Some(copies::CopyState::Unreadable(why)) => {
                format!("its quotes are not checked: {why}")
            }
            Some(copies::CopyState::NotSupported) => {
                "a web archive, whose quotes are not checked yet".to_string()
            }
            None => String::new(),
        };
        let mut found = (*data.copies).clone();
        found.forget(&source);
        found.absorb(attached.copies);
        let recorded = attached.dataset.sources.iter().position(|s| s.id == source);
        let Some((at, with_copy)) =
            recorded.and_then(|i| Some((i, attached.dataset.sources.get(i)?.clone())))
        else {
            return;
        };
        let path = with_copy
            .saved_copy
            .as_ref()
            .map_or_else(String::new, |c| c.path.to_string());
        data.copies = Arc::new(found);
        // An edit like any other: undone with Ctrl+Z, marked unsaved, saved with Ctrl+S.
        self.make(factsheet_core::edit::Edit::Replace {
            at: factsheet_core::edit::Target::Source(at),
            item: factsheet_core::edit::Item::Source(with_copy),
        });
        self.state.notice = Some(Notice {
            text: format!(
                "Attached {path} as the saved copy of \"{source}\": {what} (not saved yet: File, \
                 Save writes it)"
            ),
            is_error: false,
        });
    }

    /// Reads the saved copy `file` in the background, to show it at `quote`.
    pub(super) fn show_in_copy(&mut self, file: PathBuf, quote: String) {
        self.jobs.spawn("copy-passage", move || {
            let result = copies::passage(&file, &quote, &Disk);
            JobResult::CopyPassage { file, result }
        });
    }

    /// A saved copy read for its view, or why it could not be.
    pub(super) fn copy_passage(&mut self, file: PathBuf, result: Result<copies::Passage, String>) {
        match result {
            Ok(passage) => self.state.copy_view = Some(CopyView { file, passage }),
            Err(why) => {
                self.state.notice = Some(Notice {
                    text: format!("{} cannot be shown: {why}", file.display()),
                    is_error: true,
                });
            }
        }
    }

    /// Opens a saved copy with the desktop's program for it.
    pub(super) fn open_saved_copy(&mut self, file: PathBuf) {
        let opened = if !is_openable(&file) {
            Err(format!(
                "{} is not opened from the app: only saved pages and text files are",
                file.display()
            ))
        } else {
            open::that_detached(&file)
                .map_err(|e| format!("could not open {}: {e}", file.display()))
        };
        if let Err(text) = opened {
            self.state.notice = Some(Notice {
                text,
                is_error: true,
            });
        }
    }
}

/// Whether `file` is a kind of file "Open saved copy" hands to the desktop.
fn is_openable(file: &Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| OPENED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// `dataset` with `file` recorded as the saved copy of `source` (relative to
/// `folder`, the data file's), and that source's quotes checked against it.
fn attach(
    dataset: &Dataset,
    source: &str,
    file: &Path,
    folder: &Path,
    label: &str,
) -> Result<Box<jobs::Attached>, String> {
    let copy = copies::record(file, folder, &Disk)?;
    let mut dataset = dataset.clone();
    let Some(entry) = dataset.sources.iter_mut().find(|s| s.id == source) else {
        return Err("no such source in the open data".to_string());
    };
    entry.saved_copy = Some(copy);
    // The copy is in the data now: a file saved from it is format 2.
    dataset.format_version = factsheet_core::model::FORMAT_VERSION;
    let copies = copies::check_source(&dataset, source, label, folder, &Disk);
    Ok(Box::new(jobs::Attached { dataset, copies }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_and_text_are_opened() {
        assert!(is_openable(Path::new("copies/a.HTML")));
        assert!(is_openable(Path::new("a.txt")));
        assert!(!is_openable(Path::new("run.sh")));
        assert!(!is_openable(Path::new("app.desktop")));
        assert!(!is_openable(Path::new("no-extension")));
    }
}
