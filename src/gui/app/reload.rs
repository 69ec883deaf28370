//! Live reload: the open files are watched, a changed one is read again in the
//! background and replaces the data only if it loads; a file that failed to
//! open is watched too, and opened by itself once it is fixed.

use super::*;

/// The watch on the files of a failed open.
pub(super) struct FailedWatch {
    watcher: FileWatcher,
    /// When the open failed: a retry comes no sooner than [`DEBOUNCE`] after
    /// it, as a file still being written would fail again at once.
    since: std::time::Instant,
    /// A file changed since: retry once the moment has passed.
    saved: bool,
}

impl FactsheetApp {
    /// Watches the files among `inputs`, waking the UI when one changes.
    pub(super) fn watch(&mut self, inputs: &[Input]) {
        let files: Vec<PathBuf> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(p.clone()),
                Input::Sample | Input::History => None,
            })
            .collect();
        let ctx = self.ctx.clone();
        self.watcher = FileWatcher::new(&files, move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
    }

    /// Watches the files of a failed open from the versions that failed
    /// (`before`: stamped before they were read).
    pub(super) fn watch_failed(&mut self, before: &[(PathBuf, FileStamp)]) {
        let files: Vec<PathBuf> = before.iter().map(|(path, _)| path.clone()).collect();
        let ctx = self.ctx.clone();
        let watcher = FileWatcher::new(&files, move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
        self.failed_watch = watcher.map(|watcher| {
            for (path, stamp) in before {
                watcher.seen(path, *stamp);
            }
            FailedWatch {
                watcher,
                since: std::time::Instant::now(),
                saved: false,
            }
        });
    }

    /// A file of the failed open was saved since: open it again, no sooner
    /// than [`DEBOUNCE`] after the failure (a file a program keeps writing is
    /// not read again frame after frame, and the failure is seen in between).
    pub(super) fn retry_failed_open_on_change(&mut self) {
        let Some(watch) = &mut self.failed_watch else {
            return;
        };
        if !watch.watcher.changed().is_empty() {
            watch.saved = true;
        }
        if !watch.saved || self.state.loading.is_some() {
            return;
        }
        let wait = (watch.since + DEBOUNCE).saturating_duration_since(std::time::Instant::now());
        if !wait.is_zero() {
            if let Some(ctx) = &self.ctx {
                ctx.request_repaint_after(wait);
            }
            return;
        }
        watch.saved = false;
        // The top bar says "Opening…": no other word is needed.
        if let Some(inputs) = self.state.load_failure.as_ref().map(|f| f.inputs.clone()) {
            self.start_load(inputs, false);
        }
    }

    /// The open files were read again: show the new data, or keep the old and show why not.
    pub(super) fn reloaded(&mut self, inputs: Vec<Input>, result: jobs::PreparedLoad) {
        // Another set of files was opened meanwhile: this reload is stale.
        if self.state.data.as_ref().map(|d| &d.inputs) != Some(&inputs) {
            return;
        }
        let names = inputs
            .iter()
            .map(Input::label)
            .collect::<Vec<_>>()
            .join(", ");
        match result {
            // Edits were made while the file was read again: ask before dropping them.
            Ok(loaded) if self.state.unsaved() || self.state.deriving_edit => {
                self.changed_while_edited(Some(Arc::clone(&loaded.dataset)));
            }
            Ok(loaded) => {
                self.forget_edits();
                self.loaded(*loaded);
                self.state.notice = Some(Notice {
                    text: format!("reloaded {names}"),
                    is_error: false,
                });
            }
            Err(diagnostics) => {
                self.state.notice = Some(Notice {
                    text: format!(
                        "{names} changed but does not load: still showing the data before"
                    ),
                    is_error: true,
                });
                self.state.load_failure = Some(LoadFailure {
                    inputs,
                    diagnostics,
                    watched: self.watcher.is_some(),
                });
            }
        }
    }
}
