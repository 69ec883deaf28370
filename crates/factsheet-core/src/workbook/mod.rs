//! The workbook form of the format: a dataset as a spreadsheet with one sheet
//! per table (About, Sources, Events, Claims, Facts, Dates, Agreement links,
//! Agreements, Terms, Running totals, Estimates, Place names), columns named
//! in plain words and values as a person types them (docs/SPREADSHEETS.md).
//! Written as .xlsx; read from .xlsx, .ods, or a CSV file holding the Claims
//! sheet alone (with its sources beside it in `NAME.sources.csv`). Reading
//! never panics: what is wrong comes back as diagnostics naming the sheet,
//! row and column, all at once; the dataset then goes through the same
//! validation as a JSON file (see `load`). Written and read back, a dataset
//! is the same dataset.

pub mod cells;
pub mod csv;
pub mod layout;
pub mod read;
pub mod write;
pub mod xlsx;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::export::{WriteError, write_atomic};
use crate::model::Dataset;
pub use read::Places;
use read::sheet::{Cx, Grid};

/// The file forms factsheet reads and writes, told by a file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Json,
    Xlsx,
    /// OpenDocument spreadsheet: read only.
    Ods,
    /// The Claims sheet alone (and sources beside it).
    Csv,
}

impl Form {
    /// The form of the file at `path`, by its extension (any case); `None`
    /// for another extension. A file with none is taken for JSON.
    pub fn of(path: &Path) -> Option<Form> {
        let Some(ext) = path.extension() else {
            return Some(Form::Json);
        };
        match ext.to_string_lossy().to_lowercase().as_str() {
            "json" => Some(Form::Json),
            "xlsx" => Some(Form::Xlsx),
            "ods" => Some(Form::Ods),
            "csv" => Some(Form::Csv),
            _ => None,
        }
    }

    /// Whether the file at `path` is read as a workbook (.xlsx, .ods, .csv).
    pub fn is_sheet(path: &Path) -> bool {
        matches!(Form::of(path), Some(Form::Xlsx | Form::Ods | Form::Csv))
    }
}

/// The extensions the app's open dialog offers for spreadsheets.
pub const SHEET_EXTENSIONS: [&str; 3] = ["xlsx", "ods", "csv"];

/// What reading a workbook gave: the dataset unless nothing could be read,
/// the diagnostics of reading it (before validation), and where each item
/// came from (for the cells of validation's diagnostics).
pub struct Read {
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<Diagnostic>,
    pub places: Places,
}

/// Reads the workbook file at `path` (.xlsx, .ods or .csv by extension; a
/// .csv with its `NAME.sources.csv` beside it when there is one).
pub fn read_path(path: &Path) -> Read {
    let label = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return failed(Diagnostic::error(
                label,
                format!("cannot read the file: {e}"),
            ));
        }
    };
    let sources = if Form::of(path) == Some(Form::Csv) {
        std::fs::read(csv::sources_path(path)).ok()
    } else {
        None
    };
    read_bytes(&label, &bytes, sources.as_deref())
}

fn failed(d: Diagnostic) -> Read {
    Read {
        dataset: None,
        diagnostics: vec![d],
        places: Places::default(),
    }
}

/// Reads a workbook given as bytes; `label` is the file's name as the user
/// gave it (its extension says the form); `sources` the bytes of a CSV
/// file's sources file, if any.
pub fn read_bytes(label: &str, bytes: &[u8], sources: Option<&[u8]>) -> Read {
    let path = Path::new(label);
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| label.to_string());
    let mut cx = Cx::new(label);
    let grids = match Form::of(path) {
        Some(Form::Csv) => {
            if csv::is_sources_file(path) {
                return failed(Diagnostic::error(
                    label,
                    "this is the sources file of a CSV file: open the CSV file of the claims beside it, which reads this one too",
                ));
            }
            let Some(grids) = csv_grids(&mut cx, label, bytes, sources) else {
                return failed_with(cx);
            };
            grids
        }
        _ => {
            let Some(grids) = xlsx::read(&mut cx, bytes) else {
                return failed_with(cx);
            };
            grids
        }
    };
    let title = title.strip_suffix(".sources").unwrap_or(&title).to_string();
    let assembled = read::assemble(&grids, label, &title);
    let mut diagnostics = cx.diagnostics;
    diagnostics.extend(assembled.diagnostics);
    Read {
        dataset: assembled.dataset,
        diagnostics,
        places: assembled.places,
    }
}

fn failed_with(cx: Cx) -> Read {
    Read {
        dataset: None,
        diagnostics: cx.diagnostics,
        places: Places::default(),
    }
}

fn csv_grids(cx: &mut Cx, label: &str, bytes: &[u8], sources: Option<&[u8]>) -> Option<Vec<Grid>> {
    let claims = csv::decode(bytes).and_then(|text| csv::grid(layout::CLAIMS.name, &text));
    let mut grids = match claims {
        Ok(g) => vec![g],
        Err(e) => {
            cx.error(e);
            return None;
        }
    };
    if let Some(bytes) = sources {
        let sources_label = csv::sources_path(Path::new(label)).display().to_string();
        match csv::decode(bytes).and_then(|text| csv::grid(layout::SOURCES.name, &text)) {
            Ok(g) => grids.push(g),
            Err(e) => {
                cx.diagnostics.push(Diagnostic::error(sources_label, e));
                return None;
            }
        }
    }
    Some(grids)
}

/// `dataset` as the bytes of an .xlsx workbook.
pub fn to_xlsx(dataset: &Dataset) -> Result<Vec<u8>, String> {
    xlsx::to_xlsx(&write::tables(dataset), false)
}

/// The empty workbook of assets/factsheet-template.xlsx: every sheet with its
/// header row, each header cell with a note on what to type, and the About
/// sheet's field names with their values blank.
pub fn template() -> Result<Vec<u8>, String> {
    let empty = Dataset::empty("");
    let mut tables = write::tables(&empty);
    for t in &mut tables {
        // The About sheet keeps its field names (and the format version),
        // their values left to fill in.
        if t.sheet.name != layout::ABOUT.name {
            t.rows.clear();
        }
    }
    xlsx::to_xlsx(&tables, true)
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SheetWriteError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{path}: {message}")]
    Build { path: String, message: String },
}

/// Writes `dataset` to `path` as an .xlsx workbook, atomically.
pub fn write_xlsx(dataset: &Dataset, path: &Path) -> Result<(), SheetWriteError> {
    let bytes = to_xlsx(dataset).map_err(|message| SheetWriteError::Build {
        path: path.display().to_string(),
        message,
    })?;
    Ok(write_atomic(path, &bytes)?)
}

/// The Claims sheet of `dataset` as CSV, and its Sources sheet.
pub fn to_csv(dataset: &Dataset) -> (Vec<u8>, Vec<u8>) {
    let tables = write::tables(dataset);
    let of = |sheet: &layout::Sheet| {
        tables
            .iter()
            .find(|t| t.sheet.name == sheet.name)
            .map(csv::to_csv)
            .unwrap_or_default()
    };
    (of(&layout::CLAIMS), of(&layout::SOURCES))
}

/// Writes the claims of `dataset` to `path` as CSV and its sources beside
/// it (`NAME.sources.csv`), each atomically. What the Claims sheet has no
/// column for (events' titles and places, facts, agreements...) is not in
/// a CSV file: the workbook (.xlsx) holds everything.
pub fn write_csv(dataset: &Dataset, path: &Path) -> Result<(), SheetWriteError> {
    let (claims, sources) = to_csv(dataset);
    write_atomic(&csv::sources_path(path), &sources)?;
    Ok(write_atomic(path, &claims)?)
}

/// What a CSV file leaves out of `dataset`, in words (empty when nothing).
pub fn left_out_of_csv(d: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let mut note = |n: usize, what: &str| {
        if n > 0 {
            out.push(format!("{n} {what}"));
        }
    };
    note(d.agreements.len(), "agreements");
    note(d.running_totals.len(), "running totals");
    note(d.estimates.len(), "estimates");
    note(d.place_names.len(), "place names");
    note(
        d.events.iter().map(|e| e.facts.len()).sum(),
        "facts of events",
    );
    note(
        d.events.iter().map(|e| e.dates.len() + e.links.len()).sum(),
        "sources' dates and agreement links of events",
    );
    note(
        d.events
            .iter()
            .filter(|e| {
                e.place.is_some()
                    || e.notes.is_some()
                    || !e.mediators.is_empty()
                    || e.agreement.is_some()
            })
            .count(),
        "events' places, mediators, agreements or notes",
    );
    note(
        d.events.iter().filter(|e| e.title != e.id).count(),
        "events' titles (the Event column holds their IDs)",
    );
    note(
        d.events.iter().filter(|e| e.figures.is_empty()).count(),
        "events without figures",
    );
    out
}
