//! Opening files in the background, and giving an open up (Cancel).

use super::*;

impl FactsheetApp {
    pub(super) fn start_load(&mut self, inputs: Vec<Input>, reload: bool) {
        if inputs.is_empty() {
            return;
        }
        // Unsaved edits are never dropped without asking.
        // (An edit still being made in the background counts.)
        if self.state.unsaved() || self.state.deriving_edit {
            if reload {
                self.changed_while_edited(None);
            } else {
                self.state.pending = Some(crate::gui::editing::Pending::Open(inputs));
            }
            return;
        }
        let progress = factsheet_core::load::Progress::default();
        // A reload happens behind the data on screen: no "Opening…".
        if !reload {
            // An open this one replaces is no longer wanted.
            self.cancel_load();
            self.state.loading = Some(inputs.clone());
            self.state.loading_progress = progress.clone();
        }
        let (filters, sort) = (self.state.filters.clone(), self.state.sort);
        let loader = Arc::clone(&self.loader);
        let job = move || {
            let before = jobs::stamps(&inputs);
            let result = loader(&inputs, &filters, sort, &progress);
            JobResult::Loaded {
                inputs,
                result,
                reload,
                before,
            }
        };
        if reload {
            self.jobs.spawn("load", job);
        } else {
            self.load_job = Some(self.jobs.spawn_cancellable("load", job));
        }
    }

    /// Gives up on the open under way: the data on screen (or none) stays,
    /// the load stops reading at its next block, and its result is dropped.
    pub(super) fn cancel_load(&mut self) {
        if let Some(job) = self.load_job.take() {
            self.jobs.cancel(&job);
        }
        self.state.loading_progress.cancel();
        self.state.loading = None;
    }
}
