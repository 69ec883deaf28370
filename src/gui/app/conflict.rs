//! The open file changed on disk while it has unsaved edits: the prompt
//! asks which version to keep, and lists what differs between them, read
//! and compared in the background ([`crate::gui::reload_diff`]) so that a
//! large file does not hold up the window.

use std::sync::atomic::{AtomicU64, Ordering};

use super::*;
use crate::gui::editing::Pending;
use crate::gui::reload_diff::{self, ReloadDiff};

/// Numbers the comparisons, so that one a later change replaced is dropped.
static COMPARISONS: AtomicU64 = AtomicU64::new(0);

impl FactsheetApp {
    /// Asks what to do about the version on disk, and sets it beside the
    /// edits: `disk`, when it was just read, else the files read again.
    pub(super) fn changed_while_edited(
        &mut self,
        disk: Option<Arc<factsheet_core::model::Dataset>>,
    ) {
        let Some(data) = &self.state.data else {
            return;
        };
        let edited = Arc::clone(&data.dataset);
        let inputs = data.inputs.clone();
        let job = COMPARISONS.fetch_add(1, Ordering::Relaxed) + 1;
        self.state.pending = Some(Pending::Reload);
        self.state.reload_diff = Some(ReloadDiff::Comparing { job });
        self.jobs.spawn("reload-diff", move || {
            let shown = match disk {
                Some(disk) => ReloadDiff::Ready(reload_diff::sections(
                    &factsheet_core::diff::diff(&disk, &edited),
                )),
                None => reload_diff::compare_with_disk(&inputs, &edited),
            };
            JobResult::ReloadCompared { job, shown }
        });
    }

    /// A comparison finished: shown, unless a later one replaced it.
    pub(super) fn reload_compared(&mut self, job: u64, shown: ReloadDiff) {
        if self.state.reload_diff == Some(ReloadDiff::Comparing { job }) {
            self.state.reload_diff = Some(shown);
        }
    }
}
