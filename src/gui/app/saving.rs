//! Writing what is open: a fact sheet of the events on screen (Export), the
//! open data as one format-2 file (Save a copy) or as a workbook
//! (Export → Workbook), each after a save dialog and off the UI thread.

use super::*;
use factsheet_core::model::Dataset;

impl FactsheetApp {
    pub(super) fn pick_export_path(&mut self, format: ExportFormat) {
        let file = format!("{}.{}", self.file_stem(), format.extension());
        let title = "Export the events on screen";
        self.jobs.spawn("save-dialog", move || {
            let path = ask_where(title, file, format.label(), format.extension());
            JobResult::SaveTo { format, path }
        });
    }

    pub(super) fn pick_save_path(&mut self) {
        let file = format!("{}.json", self.file_stem());
        let title = "Save a copy of the open data, merged";
        self.jobs.spawn("save-dialog", move || {
            let path = ask_where(title, file, "factsheet data", "json");
            JobResult::SaveDataTo { path }
        });
    }

    pub(super) fn pick_workbook_path(&mut self) {
        let file = format!("{}.xlsx", self.file_stem());
        let title = "Save the open data as a workbook";
        self.jobs.spawn("save-dialog", move || {
            let path = ask_where(title, file, "Excel workbook", "xlsx");
            JobResult::SaveWorkbookTo { path }
        });
    }

    /// Writes every open file's data, merged, as one .xlsx workbook, off the UI thread.
    pub(super) fn start_save_workbook(&mut self, path: PathBuf) {
        let Some(data) = &self.state.data else {
            return;
        };
        let dataset = Arc::clone(&data.dataset);
        self.state.exporting = Some(path.clone());
        self.state.notice = None;
        self.jobs.spawn("save-workbook", move || {
            let result =
                factsheet_core::workbook::write_xlsx(&dataset, &path).map_err(|e| e.to_string());
            JobResult::SavedWorkbook { path, result }
        });
    }

    /// The save dialog for a workbook answered.
    pub(super) fn workbook_path_chosen(&mut self, path: Choice<PathBuf>) {
        match path {
            Choice::Chosen(path) => self.apply(Command::SaveWorkbookTo(path)),
            Choice::Unavailable => {
                self.state.notice = Some(Notice {
                    text: dialog::unavailable_message("choose where to save"),
                    is_error: true,
                });
            }
            Choice::Cancelled => {}
        }
    }

    /// A workbook was written, or why not, as the notice says.
    pub(super) fn saved_workbook(&mut self, path: PathBuf, result: Result<(), String>) {
        self.state.exporting = None;
        self.state.notice = Some(match result {
            Ok(()) => Notice {
                text: format!("Saved the open data as a workbook to {}", path.display()),
                is_error: false,
            },
            Err(e) => Notice {
                text: format!("Saving the workbook to {} failed: {e}", path.display()),
                is_error: true,
            },
        });
    }

    /// A file name for what is open, from its title.
    pub(super) fn file_stem(&self) -> String {
        self.state
            .dataset()
            .map_or("factsheet".to_string(), |d| file_stem(&d.title))
    }

    /// Writes every open file's data, merged, as one file of the current
    /// format version (`factsheet upgrade` in the app), off the UI thread.
    pub(super) fn start_save_data(&mut self, path: PathBuf) {
        let Some(data) = &self.state.data else {
            return;
        };
        let dataset = Arc::clone(&data.dataset);
        let folder = data.data_folder();
        self.state.exporting = Some(path.clone());
        self.state.notice = None;
        self.jobs.spawn("save-data", move || {
            // Saved copies are named relative to the data file: relative to the new one now.
            let moved = moved_copies(&dataset, folder, &path);
            let result = factsheet_core::save::save(&moved, &path).map_err(|e| e.to_string());
            JobResult::SavedData { path, result }
        });
    }

    /// Writes the summary of the events on screen (filtered, in the table's order) to `path`.
    pub(super) fn start_export(&mut self, format: ExportFormat, path: PathBuf) {
        let Some(data) = &self.state.data else {
            return;
        };
        let dataset = Arc::clone(&data.dataset);
        let inputs: Vec<PathBuf> = data
            .inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(p.clone()),
                Input::Sample | Input::History => None,
            })
            .collect();
        let filters = self.state.filters.describe();
        let options = SummaryOptions {
            filter: (!filters.is_empty()).then(|| filters.join("; ")),
            events: Some(self.state.visible.clone()),
            limit: (!self.state.export_every_event).then_some(export::LISTED_EVENTS),
        };
        let shown = self.state.visible.len();
        let limited = format != ExportFormat::Csv && !self.state.export_every_event;
        let listed_note = (limited && shown > export::LISTED_EVENTS).then(|| {
            format!(
                "the latest {} of {} events listed in detail",
                thousands(export::LISTED_EVENTS as u64),
                thousands(shown as u64)
            )
        });
        self.state.exporting = Some(path.clone());
        self.state.notice = None;
        self.jobs.spawn("export", move || {
            // Streamed into the file: a CSV of a million events is gigabytes, never held whole.
            let result = export::export_to_file(&dataset, &options, format, &path, &inputs)
                .map(|()| listed_note)
                .map_err(|e| e.to_string());
            JobResult::Exported { path, result }
        });
    }
}

/// The desktop's save dialog, suggesting `file` and filtering on `extension`.
pub(super) fn ask_where(title: &str, file: String, kind: &str, extension: &str) -> Choice<PathBuf> {
    dialog::ask(|| {
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file)
            .add_filter(kind, &[extension])
            .save_file()
    })
}

/// `dataset` as it is written to `path`: with its saved copies' paths, which
/// are relative to the data file's folder `from`, made relative to `path`'s.
pub(super) fn moved_copies<'d>(
    dataset: &'d Dataset,
    from: Option<std::path::PathBuf>,
    path: &std::path::Path,
) -> std::borrow::Cow<'d, Dataset> {
    let to = path.parent().unwrap_or(std::path::Path::new(""));
    match from.filter(|from| from != to && factsheet_core::copies::has_saved_copies(dataset)) {
        Some(from) => {
            let mut moved = dataset.clone();
            factsheet_core::copies::rebase(&mut moved, &from, to);
            std::borrow::Cow::Owned(moved)
        }
        None => std::borrow::Cow::Borrowed(dataset),
    }
}
