//! Work done off the UI thread: loading files, filtering and sorting the
//! table, the chart's series, file dialogs, exports.
//!
//! Each job runs on its own thread and sends back one [`JobResult`]; the app
//! polls for results at the start of every frame and never blocks on them.
//! A finished job asks egui for a repaint, so its result shows at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::dialog::Choice;
use super::state::chart_data::ChartData;
use super::state::{Filters, Input, Loaded, Sort, VersionDiff};
use factsheet_core::export::Format as ExportFormat;
use factsheet_core::load::parse::FileStamp;
use factsheet_core::load::{self, Diagnostic};
use factsheet_core::model::Dataset;
use factsheet_core::table::PeriodCounts;

/// A merged dataset with its warnings, or every error. Boxed: a dataset is large to move around.
pub type LoadResult = Result<Box<(Dataset, Vec<Diagnostic>)>, Vec<Diagnostic>>;

/// A load with what the views derive from it (comparison, rows) computed off the UI thread too.
pub type PreparedLoad = Result<Box<Loaded>, Vec<Diagnostic>>;

/// A load's work on its background thread: [`prepare`] unless the app is given
/// another with `FactsheetApp::set_loader` (tests wrap it to hold a load at a
/// chosen point, instead of hoping a large file takes long enough).
pub type Loader =
    std::sync::Arc<dyn Fn(&[Input], &Filters, Sort, &load::Progress) -> PreparedLoad + Send + Sync>;

/// Where to save, asked of the user: the title, the file name proposed, the
/// kind of file and its extension. The system's save dialog unless the app is
/// given another with `FactsheetApp::set_ask_where` (tests answer at once).
pub type AskWhere =
    std::sync::Arc<dyn Fn(&str, String, &str, &str) -> Choice<PathBuf> + Send + Sync>;

/// The size and modification time of each file among `inputs`, as they are now
/// (a file that cannot be looked at is left out).
pub fn stamps(inputs: &[Input]) -> Vec<(PathBuf, FileStamp)> {
    inputs
        .iter()
        .filter_map(|input| match input {
            Input::File(path) => Some((path.clone(), super::watch::stamp(path)?)),
            Input::Sample | Input::History => None,
        })
        .collect()
}

/// What a finished job hands back.
#[derive(Debug)]
pub enum JobResult {
    Loaded {
        inputs: Vec<Input>,
        result: PreparedLoad,
        /// True when the open files changed on disk and are read again (live reload).
        reload: bool,
        /// Each file's size and modification time before it was read: a failed
        /// open watches from there, so a fix saved during the read is not missed.
        before: Vec<(PathBuf, FileStamp)>,
    },
    /// Files chosen in an open dialog; `add` merges them with what is open.
    Picked {
        add: bool,
        paths: Choice<Vec<PathBuf>>,
    },
    /// The other version to compare the open data with, from an open dialog.
    PickedCompare { path: Choice<PathBuf> },
    /// The open data compared with the file at `path`, or the errors that file has.
    Compared {
        path: PathBuf,
        result: Result<Box<VersionDiff>, Vec<Diagnostic>>,
    },
    /// Where to export, from a save dialog.
    SaveTo {
        format: ExportFormat,
        path: Choice<PathBuf>,
    },
    /// Where to save the open data, from a save dialog.
    SaveDataTo { path: Choice<PathBuf> },
    /// The file chosen as the saved copy of source `source`.
    CopyPicked {
        source: String,
        file: Choice<PathBuf>,
    },
    /// A saved copy attached to source `source`: the data with it, and the
    /// copies checked again; or why the file could not be taken.
    CopyPassage {
        file: PathBuf,
        result: Result<factsheet_core::copies::Passage, String>,
    },
    /// A saved copy attached to source `source`: the data with it, and the
    /// copies checked again; or why the file could not be taken.
    CopyAttached {
        source: String,
        result: Result<Box<Attached>, String>,
    },
    /// A form's draft checked in the background (`revision`), with the
    /// scratch data it was checked on.
    Checked {
        scratch: Box<factsheet_core::model::Dataset>,
        found: Result<Vec<Diagnostic>, factsheet_core::edit::EditError>,
        revision: u64,
    },
    /// The data after an edit, with everything derived from it, and the
    /// history with the edit in it (none with several files open: each file
    /// keeps its own, in [`factsheet_core::edit::Files`]); or why the edit
    /// could not be made. The selected event's id, to select it again.
    Edited {
        result: Result<
            (Box<Loaded>, Option<Box<factsheet_core::edit::History>>),
            factsheet_core::edit::EditError,
        >,
        selected: Option<factsheet_core::model::Text>,
    },
    /// The version on disk of a file changed while edited, set beside the
    /// edits (comparison `job`).
    ReloadCompared {
        job: u64,
        shown: crate::gui::reload_diff::ReloadDiff,
    },
    /// Where to save the edited data, from a save dialog.
    SaveEditsTo { path: Choice<PathBuf> },
    /// Ctrl+S wrote nothing: these files would have become format 2, and
    /// that is asked first.
    AskUpgrade(crate::gui::editing::UpgradeAsk),
    /// The edited data (history state `version`) was written to `path`, in
    /// the format said, or why not.
    SavedEdits {
        path: PathBuf,
        version: u64,
        result: Result<factsheet_core::save::Written, String>,
    },
    /// With several files open, each edited file written, or why not.
    SavedFiles {
        saved: Vec<crate::gui::app::FileSaved>,
    },
    /// The open data was written to `path`, or why not.
    SavedData {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// Where to write the open data as a workbook, from a save dialog.
    SaveWorkbookTo { path: Choice<PathBuf> },
    /// The open data was written to `path` as a workbook, or why not.
    SavedWorkbook {
        path: PathBuf,
        result: Result<(), String>,
    },
    Exported {
        path: PathBuf,
        /// On success, what the sheet leaves unlisted, in words, if anything.
        result: Result<Option<String>, String>,
    },
    /// The rows passing the filters, in sort order, for view generation `generation`.
    View {
        generation: u64,
        visible: Vec<usize>,
    },
    /// The filter bar's year and month counts for view generation `generation`
    /// (`None`: stale, not computed).
    Periods {
        generation: u64,
        periods: Option<PeriodCounts>,
    },
    /// The chart's series for the rows of view generation `generation`
    /// (`None`: the job saw it was stale and stopped).
    Chart {
        generation: u64,
        data: Option<Box<ChartData>>,
    },
}

/// The open data with a saved copy attached, and its copies checked again.
#[derive(Debug)]
pub struct Attached {
    pub dataset: factsheet_core::model::Dataset,
    pub copies: factsheet_core::copies::CopyCheck,
}

/// A job started with [`Jobs::spawn_cancellable`]: running, finished (its
/// result sent) or cancelled (its result to be dropped).
#[derive(Debug, Clone)]
pub struct JobHandle(Arc<AtomicU8>);

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const CANCELLED: u8 = 2;

pub struct Jobs {
    tx: Sender<JobResult>,
    rx: Receiver<JobResult>,
    /// Asked to repaint when a job finishes; `None` in headless use.
    ctx: Option<egui::Context>,
    running: usize,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            ctx: None,
            running: 0,
        }
    }
}

impl Jobs {
    pub fn set_context(&mut self, ctx: egui::Context) {
        self.ctx = Some(ctx);
    }

    /// True while any job has not reported back.
    pub fn busy(&self) -> bool {
        self.running > 0
    }

    pub fn spawn(&mut self, name: &str, job: impl FnOnce() -> JobResult + Send + 'static) {
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("factsheet-{name}"))
            .spawn(move || {
                // The receiver lives as long as the app; a send error means it is closing.
                let _ = tx.send(job());
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_ok() {
            self.running += 1;
        }
    }

    /// [`Jobs::spawn`], for a job the user may give up on: [`Jobs::cancel`]
    /// with the handle returned makes it no longer count as running, and its
    /// result, whenever it comes, is dropped. The thread itself runs on until
    /// its work notices (a load checks its progress's cancel between blocks)
    /// or, blocked in the system (a pipe no one writes to), until the app ends.
    pub fn spawn_cancellable(
        &mut self,
        name: &str,
        job: impl FnOnce() -> JobResult + Send + 'static,
    ) -> JobHandle {
        let handle = JobHandle(Arc::new(AtomicU8::new(RUNNING)));
        let state = Arc::clone(&handle.0);
        let tx = self.tx.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("factsheet-{name}"))
            .spawn(move || {
                let result = job();
                // Sent only if not cancelled first: then it is counted, once.
                let finished = state
                    .compare_exchange(RUNNING, FINISHED, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok();
                if finished {
                    let _ = tx.send(result);
                    if let Some(ctx) = ctx {
                        ctx.request_repaint();
                    }
                }
            });
        if spawned.is_ok() {
            self.running += 1;
        } else {
            handle.0.store(FINISHED, Ordering::Release);
        }
        handle
    }

    /// Gives up on a job started with [`Jobs::spawn_cancellable`]; false when
    /// it had already finished (its result is then waiting to be polled).
    pub fn cancel(&mut self, job: &JobHandle) -> bool {
        let cancelled = job
            .0
            .compare_exchange(RUNNING, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if cancelled {
            self.running = self.running.saturating_sub(1);
        }
        cancelled
    }

    /// Results of jobs that have finished, without waiting.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let results: Vec<JobResult> = self.rx.try_iter().collect();
        self.running = self.running.saturating_sub(results.len());
        results
    }

    /// Waits up to `timeout` for the next result (tests and headless use).
    pub fn wait(&mut self, timeout: Duration) -> Option<JobResult> {
        if self.running == 0 {
            return None;
        }
        let result = self.rx.recv_timeout(timeout).ok();
        if result.is_some() {
            self.running -= 1;
        }
        result
    }
}

/// Reads, parses, validates and merges `inputs` (the sample and files alike).
pub fn load_inputs(inputs: &[Input]) -> LoadResult {
    load_inputs_stamped(inputs, &load::Progress::default()).0
}

/// What a load found besides the data and its diagnostics.
struct Besides {
    /// Each file's stamp from just before it was read.
    stamps: Vec<(PathBuf, FileStamp)>,
    provenance: load::merge::Provenance,
    copies: factsheet_core::copies::CopyCheck,
    /// Each file's own data, when several were read.
    files: Vec<(String, factsheet_core::model::Dataset)>,
}

/// [`load_inputs`], with what else the load found, the bytes read counted in `progress`.
fn load_inputs_stamped(inputs: &[Input], progress: &load::Progress) -> (LoadResult, Besides) {
    let core_inputs = inputs
        .iter()
        .map(|input| match input {
            Input::Sample => load::Input::Bytes {
                label: input.label(),
                bytes: load::SAMPLE_JSON.to_vec(),
            },
            Input::History => load::Input::Bytes {
                label: input.label(),
                bytes: load::HISTORY_JSON.to_vec(),
            },
            Input::File(path) => load::Input::Path(path.clone()),
        })
        .collect();
    let (mut report, stamps) = load::load_inputs_counted(core_inputs, load::today(), progress);
    let besides = Besides {
        stamps,
        provenance: std::mem::take(&mut report.provenance),
        copies: std::mem::take(&mut report.copies),
        files: std::mem::take(&mut report.files),
    };
    if inputs.is_empty() {
        let none = vec![Diagnostic::error("(nothing)", "no file was given")];
        return (Err(none), besides);
    }
    (report.into_result().map(Box::new), besides)
}

/// [`load_inputs`], then everything the views derive from the data (the
/// table, and the rows and chart for `filters` and `sort`), all on the calling
/// thread; the bytes read are counted in `progress`.
pub fn prepare(
    inputs: &[Input],
    filters: &Filters,
    sort: Sort,
    progress: &load::Progress,
) -> PreparedLoad {
    let (result, besides) = load_inputs_stamped(inputs, progress);
    result.map(|loaded| {
        progress.set_stage(load::Stage::Preparing);
        let (dataset, warnings) = *loaded;
        let mut loaded = Loaded::new_counted(dataset, inputs.to_vec(), warnings, progress);
        progress.set_step(3);
        loaded.prepare_view(filters, sort);
        loaded.read_stamps = besides.stamps;
        loaded.provenance = besides.provenance;
        loaded.copies = Arc::new(besides.copies);
        loaded.opened_files = besides.files;
        Box::new(loaded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_fails_the_whole_load() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.json");
        let err = load_inputs(&[Input::Sample, Input::File(missing)]).unwrap_err();
        assert!(
            err.iter().any(|d| d.message.contains("no such file")),
            "{err:?}"
        );
    }

    #[test]
    fn the_sample_loads_its_three_events_two_sources_and_three_disagreements() {
        let loaded = load_inputs(&[Input::Sample]).unwrap_or_else(|e| panic!("{e:#?}"));
        let (dataset, warnings) = &*loaded;
        let ids: Vec<&str> = dataset.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2025-05-prisoner-exchange",
                "2025-06-09-wounded-and-young",
                "2025-06-11-remains"
            ]
        );
        let sources: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sources, ["seed-000", "seed-002"]);
        // The sample's three facts on which its sources disagree.
        let warnings: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(warnings.len(), 3, "{warnings:#?}");
        assert!(
            warnings[0].starts_with("the sources disagree on \"Is the return of the 6,000 bodies")
        );
        assert!(
            warnings[1].starts_with("the sources disagree on \"Did Russia confirm the handover?\"")
        );
        assert!(warnings[2].starts_with("the sources disagree on \"Were Ukrainian forces fully pushed out of the Kursk region?\""));
    }

    #[test]
    fn no_input_is_an_error_saying_so() {
        let errors = load_inputs(&[]).expect_err("an error");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("no file was given"),
            "{errors:?}"
        );
    }

    #[test]
    fn jobs_report_back() {
        let mut jobs = Jobs::default();
        jobs.spawn("test", || JobResult::Picked {
            add: false,
            paths: Choice::Cancelled,
        });
        assert!(jobs.busy());
        let r = jobs.wait(Duration::from_secs(10));
        assert!(matches!(r, Some(JobResult::Picked { .. })));
        assert!(!jobs.busy());
    }
}
