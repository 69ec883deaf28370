//! What the user is looking at, apart from any UI: settings that persist
//! (theme, filters, sort, recent files, panel choices) and the open data with
//! what is derived from it (skipped by serde).
//!
//! Panels only read this; [`crate::gui::app::FactsheetApp::apply`] changes it.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::chart::{ChartSettings, ChartView};
use super::derive::{self, Agreement, EventComparison, EventRow, SourceSummary};
use crate::compare::Comparer;
use crate::load::Diagnostic;
use crate::load::parse::FileStamp;
use crate::model::{Dataset, EventKind, Side};

/// Where data came from: the bundled sample or a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    Sample,
    File(PathBuf),
}

impl Input {
    pub fn label(&self) -> String {
        match self {
            Input::Sample => crate::load::SAMPLE_LABEL.to_string(),
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
}

/// Columns of the events table, each sortable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Date,
    Kind,
    Title,
    Place,
    ToUkraine,
    ToRussia,
    Category,
    Sources,
    Disagreement,
}

impl SortColumn {
    pub const ALL: [SortColumn; 9] = [
        SortColumn::Date,
        SortColumn::Kind,
        SortColumn::Title,
        SortColumn::Place,
        SortColumn::ToUkraine,
        SortColumn::ToRussia,
        SortColumn::Category,
        SortColumn::Sources,
        SortColumn::Disagreement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Date => "Date",
            SortColumn::Kind => "Kind",
            SortColumn::Title => "Event",
            SortColumn::Place => "Place",
            SortColumn::ToUkraine => "To Ukraine",
            SortColumn::ToRussia => "To Russia",
            SortColumn::Category => "Category",
            SortColumn::Sources => "Sources",
            SortColumn::Disagreement => "Disagreement",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

/// What the events table (and the chart, and exports) are narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub kind: Option<EventKind>,
    /// Only events where this side received someone.
    pub side: Option<Side>,
    /// Only events that may fall on or after this day.
    pub from: Option<Date>,
    /// Only events that may fall on or before this day.
    pub until: Option<Date>,
    /// Only events citing this source id.
    pub source: Option<String>,
    /// Words that must all appear in the event's id, title, place, mediators or notes.
    pub text: String,
    /// Only events where sources disagree.
    pub disagreements_only: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn matches(&self, row: &EventRow) -> bool {
        self.kind.is_none_or(|k| row.kind == k)
            && self.side.is_none_or(|s| row.sides.contains(&s))
            && self.from.is_none_or(|from| row.last_day >= from)
            && self.until.is_none_or(|until| row.first_day <= until)
            && self
                .source
                .as_ref()
                .is_none_or(|s| row.source_ids.iter().any(|id| id == s))
            && (!self.disagreements_only || row.agreement == Agreement::Conflict)
            && self.text_matches(row)
    }

    fn text_matches(&self, row: &EventRow) -> bool {
        let text = self.text.trim();
        text.is_empty()
            || text
                .to_lowercase()
                .split_whitespace()
                .all(|word| row.haystack.contains(word))
    }

    /// The filters in words, for a summary or a status line; empty when none is on.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(format!("kind: {}", k.label()));
        }
        if let Some(s) = self.side {
            out.push(format!("received by {}", s.label()));
        }
        if let Some(d) = self.from {
            out.push(format!("from {d}"));
        }
        if let Some(d) = self.until {
            out.push(format!("until {d}"));
        }
        if let Some(s) = &self.source {
            out.push(format!("source: {s}"));
        }
        if !self.text.trim().is_empty() {
            out.push(format!("text: \"{}\"", self.text.trim()));
        }
        if self.disagreements_only {
            out.push("only where sources disagree".to_string());
        }
        out
    }
}

/// The open data and everything derived from it once, when it arrives.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Shared, so a background export reads it without a copy.
    pub dataset: Arc<Dataset>,
    pub inputs: Vec<Input>,
    /// Warnings found while loading (errors never make it here).
    pub diagnostics: Vec<Diagnostic>,
    /// One per `dataset.events`, same order.
    pub rows: Vec<EventRow>,
    pub sources: Vec<SourceSummary>,
    /// The core's comparer for this dataset (place names, sources), kept for the selection.
    pub comparer: Comparer,
    /// Each file's size and modification time just before it was read, so the
    /// file watcher sees a change made between the read and its start.
    pub read_stamps: Vec<(PathBuf, FileStamp)>,
}

impl Loaded {
    pub fn new(dataset: Dataset, inputs: Vec<Input>, diagnostics: Vec<Diagnostic>) -> Self {
        let comparer = Comparer::new(&dataset);
        let compared = comparer.dataset(&dataset);
        let rows = derive::event_rows(&dataset, &comparer, &compared);
        let sources = derive::source_summaries(&dataset, &comparer, &compared);
        Loaded {
            dataset: Arc::new(dataset),
            inputs,
            diagnostics,
            rows,
            sources,
            comparer,
            read_stamps: Vec::new(),
        }
    }
}

/// A load that failed: what was asked for and every error found.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub inputs: Vec<Input>,
    pub diagnostics: Vec<Diagnostic>,
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
    /// In the sources panel: only figures and facts where sources disagree.
    pub only_disputed_points: bool,
    pub chart: ChartSettings,
    /// What the chart derives from the visible rows (and its saves under way).
    #[serde(skip)]
    pub chart_view: ChartView,

    /// The open data, if any.
    #[serde(skip)]
    pub data: Option<Loaded>,
    /// Indices into `data.rows` (and `dataset.events`) that pass the filters, in sort order.
    #[serde(skip)]
    pub visible: Vec<usize>,
    /// The selected event, by index into `dataset.events`: shared by every panel.
    #[serde(skip)]
    pub selected: Option<usize>,
    /// The sources of the selected event compared, computed when the selection changes.
    #[serde(skip)]
    pub comparison: Option<EventComparison>,
    /// Set when the table should bring the selected row into view on its next frame.
    #[serde(skip)]
    pub scroll_to_selected: bool,
    /// A load in progress: what is being opened.
    #[serde(skip)]
    pub loading: Option<Vec<Input>>,
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
    pub fn selected_row(&self) -> Option<&EventRow> {
        let data = self.data.as_ref()?;
        data.rows.get(self.selected?)
    }

    /// Position of the selected event among the visible rows.
    pub fn selected_position(&self) -> Option<usize> {
        let sel = self.selected?;
        self.visible.iter().position(|&i| i == sel)
    }

    /// Recomputes the visible rows from the filters and the sort: once per change.
    pub fn refresh_view(&mut self) {
        let Some(data) = &self.data else {
            self.visible.clear();
            return;
        };
        let mut visible: Vec<usize> = data
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| self.filters.matches(r))
            .map(|(i, _)| i)
            .collect();
        sort_rows(&mut visible, &data.rows, self.sort);
        self.visible = visible;
    }

    /// Selects the event at `index` (into `dataset.events`) and compares its sources.
    pub fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| self.data.as_ref().is_some_and(|d| i < d.rows.len()));
        self.selected = index;
        self.comparison = match (&self.data, index) {
            (Some(data), Some(i)) => derive::compare_event(&data.dataset, &data.comparer, i),
            _ => None,
        };
        self.scroll_to_selected = index.is_some();
    }

    /// Puts `inputs` at the front of the recent list (files only; the sample is always at hand).
    pub fn remember_recent(&mut self, inputs: &[Input]) {
        let paths: Vec<PathBuf> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(p.clone()),
                Input::Sample => None,
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

/// Sorts row indices by a column; ties keep date order so equal keys read chronologically.
pub fn sort_rows(indices: &mut [usize], rows: &[EventRow], sort: Sort) {
    use std::cmp::Ordering;
    let key = |a: &EventRow, b: &EventRow| -> Ordering {
        match sort.column {
            SortColumn::Date => (a.first_day, a.last_day).cmp(&(b.first_day, b.last_day)),
            SortColumn::Kind => a.kind.label().cmp(b.kind.label()),
            SortColumn::Title => caseless(&a.title, &b.title),
            SortColumn::Place => caseless(&a.place, &b.place),
            SortColumn::ToUkraine => a.to_ukraine.cmp(&b.to_ukraine),
            SortColumn::ToRussia => a.to_russia.cmp(&b.to_russia),
            SortColumn::Category => a.categories.cmp(&b.categories),
            SortColumn::Sources => a.source_count.cmp(&b.source_count),
            SortColumn::Disagreement => a.agreement.cmp(&b.agreement),
        }
    };
    indices.sort_by(|&i, &j| match (rows.get(i), rows.get(j)) {
        (Some(a), Some(b)) => {
            let primary = if sort.descending {
                key(b, a)
            } else {
                key(a, b)
            };
            primary.then(a.first_day.cmp(&b.first_day)).then(i.cmp(&j))
        }
        _ => i.cmp(&j),
    });
}

/// Compares without regard to case, without allocating (sorting a million rows calls this often).
fn caseless(a: &str, b: &str) -> std::cmp::Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}
