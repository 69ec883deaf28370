//! What the user is looking at, apart from any UI: settings that persist
//! (theme, filters, sort, recent files, panel choices) and the open data with
//! what is derived from it (skipped by serde).
//!
//! Panels only read this; [`crate::gui::app::FactsheetApp::apply`] changes it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub mod chart;
pub mod chart_data;
mod edits;
pub mod tracker;

use super::comparison::{self, EventComparison, SourceSummary, TableRow};
use chart::{ChartSettings, ChartView};
use chart_data::ChartData;
use factsheet_core::compare::Comparer;
use factsheet_core::copies::CopyCheck;
use factsheet_core::load::parse::FileStamp;
use factsheet_core::load::{Diagnostic, Progress};
use factsheet_core::model::Dataset;
use factsheet_core::table::{PeriodCounts, SavedViews, Table};

/// Where data came from: a dataset built into the app, or a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    /// The seed sample: the two seed articles' three events of 2025.
    Sample,
    /// The exchanges and repatriations reported since 2022, opened on first start.
    History,
    File(PathBuf),
}

impl Input {
    pub fn label(&self) -> String {
        match self {
            Input::Sample => factsheet_core::load::SAMPLE_LABEL.to_string(),
            Input::History => factsheet_core::load::HISTORY_LABEL.to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

/// The central tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Events,
    Chart,
    Agreements,
}

// The table's model lives in the core: no egui in it, and benchmarks use it too.
pub use factsheet_core::table::{Filters, Sort, SortColumn};

/// The open data and everything derived from it once, when it arrives.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Shared, so a background export reads it without a copy.
    pub dataset: Arc<Dataset>,
    pub inputs: Vec<Input>,
    /// Warnings found while loading (errors never make it here).
    pub diagnostics: Vec<Diagnostic>,
    /// One row per `dataset.events`, same order, with every column's sort order.
    /// Shared, so filtering and sorting run on a background thread.
    pub table: Arc<Table>,
    pub sources: Vec<SourceSummary>,
    /// The core's comparer for this dataset (place names, sources), kept for the selection.
    pub comparer: Comparer,
    /// Each file's size and modification time just before it was read, so the
    /// file watcher sees a change made between the read and its start.
    pub read_stamps: Vec<(PathBuf, FileStamp)>,
    /// Position of each source in `dataset.sources`, by id (the filter bar names the chosen one).
    pub source_index: foldhash::HashMap<factsheet_core::model::Text, usize>,
    /// The view computed with the data, off the UI thread, for the filters and
    /// sort on screen when the load started; taken when the data is shown.
    pub prepared: Option<PreparedView>,
    /// Agreements and running totals over every event (the Agreements tab).
    pub tracker: tracker::Tracker,
    /// Where each event came from when several files are open (which files
    /// and ids an event was merged from).
    pub provenance: factsheet_core::load::merge::Provenance,
    /// The sources' saved copies and whether each quote is in its source's
    /// copy ([`factsheet_core::copies`]); empty when no source names a copy.
    pub copies: Arc<CopyCheck>,
    /// With several files opened: each file's label and data as read, taken
    /// by the app when the load is shown (editing changes them, then merges
    /// again). Empty otherwise, and after an edit.
    pub opened_files: Vec<(String, Dataset)>,
}

/// The visible rows and the chart, computed for some filters and sort.
#[derive(Debug, Clone)]
pub struct PreparedView {
    pub filters: Filters,
    pub sort: Sort,
    pub visible: Vec<usize>,
    pub periods: PeriodCounts,
    pub chart: ChartData,
}

/// What preparing loaded data does, in order: the top bar names the step under
/// way (a million events take seconds over it).
pub const PREPARING_STEPS: [&str; 3] = [
    "comparing the sources",
    "building the table",
    "filtering and charting",
];

impl Loaded {
    pub fn new(dataset: Dataset, inputs: Vec<Input>, diagnostics: Vec<Diagnostic>) -> Self {
        Loaded::new_counted(dataset, inputs, diagnostics, &Progress::default())
    }

    /// [`Loaded::new`], saying in `progress` which of the [`PREPARING_STEPS`] is under way.
    pub fn new_counted(
        dataset: Dataset,
        inputs: Vec<Input>,
        diagnostics: Vec<Diagnostic>,
        progress: &Progress,
    ) -> Self {
        progress.set_step(1);
        let comparer = Comparer::new(&dataset);
        let compared = comparer.dataset(&dataset);
        progress.set_step(2);
        // The sources panel's summaries on the other core while the table is built.
        let (table, sources) = std::thread::scope(|scope| {
            let sources = std::thread::Builder::new()
                .name("factsheet-sources".into())
                .spawn_scoped(scope, || {
                    comparison::source_summaries(&dataset, &comparer, &compared)
                });
            let table = Table::build(&dataset, &comparer, &compared);
            let sources = match sources.map(|t| t.join()) {
                Ok(Ok(sources)) => sources,
                _ => comparison::source_summaries(&dataset, &comparer, &compared),
            };
            (table, sources)
        });
        let tracker = tracker::Tracker::build(&dataset);
        let source_index = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Loaded {
            dataset: Arc::new(dataset),
            inputs,
            diagnostics,
            table: Arc::new(table),
            sources,
            comparer,
            read_stamps: Vec::new(),
            source_index,
            prepared: None,
            tracker,
            provenance: Default::default(),
            copies: Arc::default(),
            opened_files: Vec::new(),
        }
    }

    /// The folder of the first open data file, where saved copies' paths
    /// start; `None` for a dataset built into the app.
    pub fn data_folder(&self) -> Option<PathBuf> {
        self.inputs.iter().find_map(|i| match i {
            Input::File(p) => Some(p.parent().map_or_else(PathBuf::new, Path::to_path_buf)),
            Input::Sample | Input::History => None,
        })
    }

    /// Computes the view for `filters` and `sort` now (on the loading thread), for [`Loaded::prepared`].
    pub fn prepare_view(&mut self, filters: &Filters, sort: Sort) {
        let visible = self.table.view(filters, sort);
        let periods = self.table.period_counts(filters);
        let chart = ChartData::build(&self.dataset, &visible);
        self.prepared = Some(PreparedView {
            filters: filters.clone(),
            sort,
            visible,
            periods,
            chart,
        });
    }

    /// A source of the dataset by id, without a search through them all.
    pub fn source(&self, id: &str) -> Option<&factsheet_core::model::Source> {
        self.dataset.sources.get(*self.source_index.get(id)?)
    }
}

/// A load that failed: what was asked for and every error found.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub inputs: Vec<Input>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the files are watched, so that saving a fix opens them again.
    pub watched: bool,
}

/// Everything the panels read. Settings persist; data and derived views do not.
#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AppState {
    pub theme: ThemeChoice,
    pub tab: Tab,
    /// Most recent first; each entry is the set of files opened together.
    pub recent: Vec<Vec<PathBuf>>,
    pub filters: Filters,
    pub sort: Sort,
    /// Filters and sorts the user saved under a name.
    pub views: SavedViews,
    /// In the sources panel: only figures and facts where sources disagree.
    pub only_disputed_points: bool,
    /// Fact sheets (Markdown, HTML, JSON) list every event on screen in detail,
    /// not only the latest [`factsheet_core::export::LISTED_EVENTS`]. For this run only:
    /// a sheet of gigabytes should never come from a box ticked weeks ago.
    #[serde(skip)]
    pub export_every_event: bool,
    pub chart: ChartSettings,
    /// What the chart derives from the visible rows (and its saves under way).
    #[serde(skip)]
    pub chart_view: ChartView,

    /// The open data, if any.
    #[serde(skip)]
    pub data: Option<Loaded>,
    /// Indices into the table's rows (and `dataset.events`) that pass the filters, in sort order.
    #[serde(skip)]
    pub visible: Vec<usize>,
    /// How many rows each year and month would show (the filter bar's periods),
    /// computed with `visible`.
    #[serde(skip)]
    pub periods: PeriodCounts,
    /// Filters or sort changed and the rows for them are being computed in the
    /// background: `visible` still holds the previous ones.
    #[serde(skip)]
    pub filtering: bool,
    /// The chart's series are being computed in the background for the rows on screen.
    #[serde(skip)]
    pub charting: bool,
    /// Position of the selected event in `visible`, kept with both (never searched per frame).
    #[serde(skip)]
    selected_pos: Option<usize>,
    /// The selected event, by index into `dataset.events`: shared by every panel.
    #[serde(skip)]
    pub selected: Option<usize>,
    /// The sources of the selected event compared, computed when the selection changes.
    #[serde(skip)]
    pub comparison: Option<EventComparison>,
    /// Set when the table should bring the selected row into view on its next frame.
    #[serde(skip)]
    pub scroll_to_selected: bool,
    /// A load in progress: what is being opened, and how much of it is read.
    #[serde(skip)]
    pub loading: Option<Vec<Input>>,
    #[serde(skip)]
    pub loading_progress: factsheet_core::load::Progress,
    /// An export in progress: where to.
    #[serde(skip)]
    pub exporting: Option<PathBuf>,
    /// The last load that failed, shown in a window until dismissed.
    #[serde(skip)]
    pub load_failure: Option<LoadFailure>,
    /// A message for the status line (last export written, ...), or an error to show.
    #[serde(skip)]
    pub notice: Option<Notice>,
    #[serde(skip)]
    pub show_diagnostics: bool,
    /// Whether the list of open files is shown (File → Open files…).
    #[serde(skip)]
    pub show_open_files: bool,
    /// What changed since another version of the open data, shown in a
    /// window until closed (File → Compare with another version…).
    #[serde(skip)]
    pub version_diff: Option<VersionDiff>,
    /// A comparison under way: with which file.
    #[serde(skip)]
    pub comparing: Option<PathBuf>,
    /// A saved copy shown at a claim's quote ("Show quote in saved copy").
    #[serde(skip)]
    pub copy_view: Option<CopyView>,
    /// The edits made to the open data, for undo, redo and the unsaved mark.
    #[serde(skip)]
    pub history: factsheet_core::edit::History,
    /// The editing form open, if any.
    #[serde(skip)]
    pub editor: Option<super::editing::Editor>,
    /// A source asked to be deleted while things cite it.
    #[serde(skip)]
    pub deleting: Option<super::editing::Deleting>,
    /// An agreement asked to be deleted while things refer to it.
    #[serde(skip)]
    pub refusal: Option<super::editing::Refusal>,
    /// What waits for an answer about unsaved changes.
    #[serde(skip)]
    pub pending: Option<super::editing::Pending>,
    /// The open file changed on disk while edited and the edits were kept:
    /// Save asks where, so that neither version is lost.
    #[serde(skip)]
    pub changed_on_disk: bool,
    /// While the file changed on disk is asked about: what differs between
    /// the version on disk and the edits.
    #[serde(skip)]
    pub reload_diff: Option<super::reload_diff::ReloadDiff>,
    /// Ctrl+S found format-1 files the edits gave what only format 2 holds:
    /// asked before anything is written.
    #[serde(skip)]
    pub upgrade_ask: Option<super::editing::UpgradeAsk>,
    /// A save of the edits is under way.
    #[serde(skip)]
    pub saving_edits: bool,
    /// The data after an edit is being derived in the background (large
    /// data): the data before stays on screen, and editing waits.
    #[serde(skip)]
    pub deriving_edit: bool,
    /// With several files open: each file's own data and edits, which edits
    /// of the merged view go to (`edits.rs`).
    #[serde(skip)]
    pub files: Option<factsheet_core::edit::Files>,
}

/// A saved copy as the quote check reads it, and where the quote is in it.
#[derive(Debug, Clone)]
pub struct CopyView {
    pub file: PathBuf,
    pub passage: factsheet_core::copies::Passage,
}

/// The open data (the new version) compared with a file the user chose (the
/// old one), worded once when the comparison ends.
#[derive(Debug, Clone)]
pub struct VersionDiff {
    pub diff: factsheet_core::diff::Diff,
    /// The diff's sections, as the window lists them.
    pub sections: Vec<factsheet_core::diff::lines::Section>,
}

impl VersionDiff {
    pub fn new(diff: factsheet_core::diff::Diff) -> Self {
        let sections = factsheet_core::diff::lines::sections(&diff);
        VersionDiff { diff, sections }
    }
}

/// A one-line message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// How many recent file sets are kept.
pub const RECENT_MAX: usize = 8;

impl AppState {
    pub fn dataset(&self) -> Option<&Dataset> {
        self.data.as_ref().map(|d| d.dataset.as_ref())
    }

    /// The selected event's row, if any.
    pub fn selected_row(&self) -> Option<&TableRow> {
        let data = self.data.as_ref()?;
        data.table.rows.get(self.selected?)
    }

    /// Position of the selected event among the visible rows.
    pub fn selected_position(&self) -> Option<usize> {
        self.selected_pos
    }

    /// Recomputes the visible rows from the filters and the sort, on this thread.
    pub fn refresh_view(&mut self) {
        let (visible, periods) = match &self.data {
            Some(data) => (
                data.table.view(&self.filters, self.sort),
                data.table.period_counts(&self.filters),
            ),
            None => (Vec::new(), PeriodCounts::default()),
        };
        self.set_visible(visible);
        self.periods = periods;
    }

    /// Shows these rows (indices into the table), computed for the current filters and sort.
    pub fn set_visible(&mut self, visible: Vec<usize>) {
        self.visible = visible;
        self.locate_selected();
    }

    /// Selects the event at `index` (into `dataset.events`) and compares its sources.
    pub fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| self.data.as_ref().is_some_and(|d| i < d.table.len()));
        self.selected = index;
        self.comparison = match (&self.data, index) {
            (Some(data), Some(i)) => comparison::compare_event(&data.dataset, &data.comparer, i)
                .map(|mut c| {
                    c.merged_from = data
                        .dataset
                        .events
                        .get(i)
                        .and_then(|e| data.provenance.describe(&e.id));
                    comparison::mark_saved_copies(&mut c, &data.copies);
                    c
                }),
            _ => None,
        };
        self.locate_selected();
        self.scroll_to_selected = index.is_some();
    }

    /// One search of the visible rows, when they or the selection change.
    fn locate_selected(&mut self) {
        self.selected_pos = self
            .selected
            .and_then(|sel| self.visible.iter().position(|&i| i == sel));
    }

    /// Puts `inputs` at the front of the recent list (files only; the sample is always at hand).
    pub fn remember_recent(&mut self, inputs: &[Input]) {
        let paths: Vec<PathBuf> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(p.clone()),
                Input::Sample | Input::History => None,
            })
            .collect();
        if paths.is_empty() {
            return;
        }
        self.recent.retain(|r| *r != paths);
        self.recent.insert(0, paths);
        self.recent.truncate(RECENT_MAX);
    }
}
