//! Every change the user can ask for, as a value.
//!
//! Menus, keyboard shortcuts, panels and tests all push these; the app applies
//! them in one place ([`crate::gui::app::FactsheetApp::apply`]).

use std::path::PathBuf;

use super::state::chart::{Bins, Mode, Shown};
use super::state::{Filters, Input, SortColumn, Tab, ThemeChoice};
use factsheet_core::export::Format as ExportFormat;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Ask for files with a dialog, then open them (replacing what is open).
    OpenDialog,
    /// Ask for files with a dialog, then merge them with what is open.
    AddDialog,
    /// Open these inputs together (merged), replacing what is open when the load succeeds.
    Open(Vec<Input>),
    /// Give up on the open under way (the Cancel button beside its progress).
    CancelLoad,
    /// Read the open files again (they changed on disk); the data on screen stays if that fails.
    Reload,
    /// Merge these files with what is open.
    Add(Vec<PathBuf>),
    /// Take the open input at this index out of the set, and load the rest.
    RemoveInput(usize),
    /// Show or hide the list of open files (File → Open files…).
    ShowOpenFiles(bool),
    /// Select an event by index into `dataset.events`, or clear the selection.
    Select(Option<usize>),
    /// Select the event with this id, if it is loaded.
    SelectId(String),
    /// Move the selection by this many visible rows (up is negative).
    MoveSelection(isize),
    SetFilters(Filters),
    ClearFilters,
    /// Keep the current filters and sort under this name (replacing a view of that name).
    SaveView(String),
    /// Put the filters and sort of the view of this name back.
    ApplyView(String),
    DeleteView(String),
    /// Give the saved view `from` the name `to`.
    RenameView {
        from: String,
        to: String,
    },
    /// Sort by a column; the same column again flips the direction.
    SortBy(SortColumn),
    SetTab(Tab),
    SetTheme(ThemeChoice),
    /// Whether fact sheets list every event on screen, not only the latest.
    SetExportEveryEvent(bool),
    SetOnlyDisputedPoints(bool),
    ShowDiagnostics(bool),
    DismissLoadFailure,
    DismissNotice,
    /// Ask where to save, then export the rows on screen.
    ExportDialog(ExportFormat),
    /// Export the rows on screen to this file.
    ExportTo(ExportFormat, PathBuf),
    /// Ask where to save, then write the open data as one format-2 file.
    SaveDataDialog,
    /// Write the open data (every file, merged) to this file in the current
    /// format version, atomically.
    SaveDataTo(PathBuf),
    /// Ask for another version of the open data with a dialog, then compare (File → Compare with another version…).
    CompareDialog,
    /// Compare the open data (the new version) with the file at this path (the old one).
    CompareWith(PathBuf),
    /// Close the window of what changed.
    CloseVersionDiff,
    /// Ask where to save, then write the open data as an .xlsx workbook.
    SaveWorkbookDialog,
    /// Write the open data (every file, merged) to this file as an .xlsx
    /// workbook (docs/SPREADSHEETS.md), atomically.
    SaveWorkbookTo(PathBuf),
    /// Copy the selected event's figures, each with its citation, to the clipboard (Ctrl+C).
    CopySelected,
    /// Copy this text to the clipboard; `what` names it in the notice ("the claim of TASS").
    CopyText {
        text: String,
        what: String,
    },
    /// Open a link in the browser (only http and https links are followed).
    OpenLink(String),
    /// Open a source's saved copy with the desktop's program for its kind of
    /// file (only pages and text files, never a program).
    OpenSavedCopy(PathBuf),
    /// Show the saved copy `file` at the quote (the app's own view of it).
    ShowInSavedCopy {
        file: PathBuf,
        quote: String,
    },
    /// Close the view of a saved copy.
    CloseCopyView,
    /// Ask for a file with a dialog, then attach it as the saved copy of the source with this id.
    AttachCopyDialog(String),
    /// Record `file` as the saved copy of the source with id `source`: its path
    /// relative to the data file and its SHA-256, in the open data (unsaved).
    AttachCopy {
        source: String,
        file: PathBuf,
    },
    Chart(ChartCommand),
    /// Editing the data: forms, undo and redo, saving (see `gui::editing`).
    Edit(super::editing::EditCommand),
}

/// Changes to the chart's settings, and the chart's own background work.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartCommand {
    SetMode(Mode),
    SetShown(Shown),
    SetTargets(bool),
    SetBins(Bins),
    /// Ask where to save, then write the chart as SVG, leaving out the series
    /// with these labels (switched off in the legend).
    SaveSvg {
        hidden: Vec<String>,
    },
    /// A save finished: where to, or why it failed.
    Saved(Result<PathBuf, String>),
}
