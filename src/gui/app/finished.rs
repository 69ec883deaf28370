//! What the app does with each background job's result (a load, a pick in
//! a file dialog, an export, a save, an edit derived): the one place a job's
//! outcome becomes state, as `apply` is for commands.

use super::*;

impl FactsheetApp {
    /// A background job finished: make its result state.
    pub(super) fn finish(&mut self, result: JobResult) {
        match result {
            JobResult::Loaded {
                inputs,
                result,
                reload,
                before,
            } => {
                if reload {
                    self.reloaded(inputs, result);
                    return;
                }
                // A later Open replaced this one while it ran: the user's last choice wins.
                if self.state.loading.as_ref() != Some(&inputs) {
                    return;
                }
                self.state.loading = None;
                match result {
                    Ok(loaded) => {
                        self.forget_edits();
                        self.loaded(*loaded);
                    }
                    Err(diagnostics) => {
                        self.watch_failed(&before);
                        self.state.load_failure = Some(LoadFailure {
                            inputs,
                            diagnostics,
                            watched: self.failed_watch.is_some(),
                        });
                    }
                }
            }
            JobResult::Picked { add, paths } => {
                let paths = match paths {
                    Choice::Chosen(paths) if !paths.is_empty() => paths,
                    Choice::Unavailable => {
                        self.state.notice = Some(Notice {
                            text: dialog::unavailable_message("open files"),
                            is_error: true,
                        });
                        return;
                    }
                    Choice::Chosen(_) | Choice::Cancelled => return,
                };
                if add {
                    self.apply(Command::Add(paths));
                } else {
                    self.apply(Command::Open(paths.into_iter().map(Input::File).collect()));
                }
            }
            JobResult::PickedCompare { path } => self.picked_compare(path),
            JobResult::Compared { path, result } => self.compared(path, result),
            JobResult::SaveTo { format, path } => match path {
                Choice::Chosen(path) => self.apply(Command::ExportTo(format, path)),
                Choice::Unavailable => {
                    self.state.notice = Some(Notice {
                        text: dialog::unavailable_message("choose where to export"),
                        is_error: true,
                    });
                }
                Choice::Cancelled => {}
            },
            JobResult::View {
                generation,
                visible,
            } => {
                if generation == self.view_generation {
                    self.state.set_visible(visible);
                    self.state.filtering = false;
                    self.start_chart(generation);
                }
            }
            JobResult::Periods {
                generation,
                periods,
            } => {
                if generation == self.view_generation
                    && let Some(periods) = periods
                {
                    self.state.periods = periods;
                }
            }
            JobResult::Chart { generation, data } => {
                if generation == self.view_generation
                    && let Some(data) = data
                {
                    self.state.chart_view.data = *data;
                    self.state.charting = false;
                }
            }
            JobResult::SaveDataTo { path } => match path {
                Choice::Chosen(path) => self.apply(Command::SaveDataTo(path)),
                Choice::Unavailable => {
                    self.state.notice = Some(Notice {
                        text: dialog::unavailable_message("choose where to save"),
                        is_error: true,
                    });
                }
                Choice::Cancelled => {}
            },
            JobResult::CopyPicked { source, file } => self.copy_picked(source, file),
            JobResult::CopyAttached { source, result } => self.attached(source, result),
            JobResult::CopyPassage { file, result } => self.copy_passage(file, result),
            JobResult::ReloadCompared { job, shown } => self.reload_compared(job, shown),
            edit @ (JobResult::SaveEditsTo { .. }
            | JobResult::Edited { .. }
            | JobResult::Checked { .. }
            | JobResult::SavedEdits { .. }
            | JobResult::SavedFiles { .. }
            | JobResult::AskUpgrade(_)) => self.finish_edit_job(edit),
            JobResult::SaveWorkbookTo { path } => self.workbook_path_chosen(path),
            JobResult::SavedWorkbook { path, result } => self.saved_workbook(path, result),
            JobResult::SavedData { path, result } => {
                self.state.exporting = None;
                self.state.notice = Some(match result {
                    Ok(()) => Notice {
                        text: format!(
                            "Saved the open data to {} (format {})",
                            path.display(),
                            factsheet_core::model::FORMAT_VERSION
                        ),
                        is_error: false,
                    },
                    Err(e) => Notice {
                        text: format!("Saving to {} failed: {e}", path.display()),
                        is_error: true,
                    },
                });
            }
            JobResult::Exported { path, result } => {
                self.state.exporting = None;
                self.state.notice = Some(match result {
                    Ok(note) => Notice {
                        text: match note {
                            Some(note) => format!("Exported to {} ({note})", path.display()),
                            None => format!("Exported to {}", path.display()),
                        },
                        is_error: false,
                    },
                    Err(e) => Notice {
                        text: format!("Export to {} failed: {e}", path.display()),
                        is_error: true,
                    },
                });
            }
        }
    }
}
