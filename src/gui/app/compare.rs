//! Comparing the open data with another version of it (File → Compare with
//! another version…): the chosen file, loaded off the UI thread as any file
//! is, is the old version and what is open the new one; the core's diff is
//! worded there too, and the window shows it.

use super::*;
use crate::gui::state::VersionDiff;
use factsheet_core::load::Diagnostic;

impl FactsheetApp {
    pub(super) fn pick_compare_file(&mut self) {
        self.jobs.spawn("compare-dialog", || {
            let path = dialog::ask(|| {
                rfd::FileDialog::new()
                    .set_title("Compare with another version: choose the older file")
                    .add_filter("Fact sheet (JSON)", &["json"])
                    .add_filter("All files", &["*"])
                    .pick_file()
            });
            JobResult::PickedCompare { path }
        });
    }

    pub(super) fn picked_compare(&mut self, path: Choice<PathBuf>) {
        match path {
            Choice::Chosen(path) => self.apply(Command::CompareWith(path)),
            Choice::Unavailable => {
                self.state.notice = Some(Notice {
                    text: dialog::unavailable_message("choose a version to compare with"),
                    is_error: true,
                });
            }
            Choice::Cancelled => {}
        }
    }

    /// Loads `path` in the background and compares the open data with it.
    pub(super) fn start_compare(&mut self, path: PathBuf) {
        let Some(data) = &self.state.data else {
            return;
        };
        let open = Arc::clone(&data.dataset);
        let new_label = data
            .inputs
            .iter()
            .map(Input::label)
            .collect::<Vec<_>>()
            .join(" + ");
        self.state.comparing = Some(path.clone());
        self.jobs.spawn("compare", move || {
            let result = jobs::load_inputs(&[Input::File(path.clone())]).map(|loaded| {
                let (old, _warnings) = *loaded;
                let mut diff = factsheet_core::diff::diff(&old, &open);
                diff.old.file = Some(path.display().to_string());
                diff.new.file = Some(new_label);
                Box::new(VersionDiff::new(diff))
            });
            JobResult::Compared { path, result }
        });
    }

    pub(super) fn compared(
        &mut self,
        path: PathBuf,
        result: Result<Box<VersionDiff>, Vec<Diagnostic>>,
    ) {
        // A later comparison replaced this one while it ran.
        if self.state.comparing.as_ref() != Some(&path) {
            return;
        }
        self.state.comparing = None;
        match result {
            Ok(diff) => self.state.version_diff = Some(*diff),
            Err(errors) => {
                let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
                let more = match errors.len() {
                    0 | 1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                self.state.notice = Some(Notice {
                    text: format!("Could not compare with {}: {first}{more}", path.display()),
                    is_error: true,
                });
            }
        }
    }
}
