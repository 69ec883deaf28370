//! A sheet as read: its rows of cells, its columns found by their headers
//! (in any order; a missing required column is an error naming it, an
//! unknown one a warning), and each cell read into a model value with a
//! message naming the sheet, row and column when it cannot be.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::diagnostic::{Cell, Diagnostic};
use crate::model::{
    CUT, CoarseDate, EVENT_DATE_FORMS, EventDate, QUANTITY_FORMS, Quantity, Quote, Text,
    parse_event_date, parse_quantity,
};
use crate::workbook::cells::{EXACT_IN_A_CELL, Value, parse_word};
use crate::workbook::layout::{Level, Sheet};

/// A sheet's cells as a reader found them: each row with its number as the
/// spreadsheet shows it (1 for the first), the first row the headers.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<(usize, Vec<Value>)>,
}

/// Where each item read lies, for the positions of later diagnostics.
#[derive(Debug, Default)]
pub struct Places {
    items: HashMap<String, Place>,
}

#[derive(Debug, Clone, Copy)]
struct Place {
    sheet: &'static Sheet,
    row: usize,
    level: Level,
    /// A column fixed for the whole item (the About sheet's Value).
    column: Option<&'static str>,
}

impl Places {
    /// Records that the item at JSON `path` is read from `row` of `sheet`
    /// (the first row wins: an item over several rows points at its first).
    pub fn record(&mut self, path: String, sheet: &'static Sheet, row: usize, level: Level) {
        self.items.entry(path).or_insert(Place {
            sheet,
            row,
            level,
            column: None,
        });
    }

    pub fn record_in(
        &mut self,
        path: &str,
        sheet: &'static Sheet,
        row: usize,
        column: &'static str,
    ) {
        self.items.insert(
            path.to_string(),
            Place {
                sheet,
                row,
                level: Level::Item,
                column: Some(column),
            },
        );
    }

    /// The cell a JSON path points into: the row of the longest recorded
    /// item the path lies in, and the column holding the rest of the path.
    pub fn locate(&self, path: &str) -> Option<Cell> {
        let mut cut = path.len();
        loop {
            let (item, rest) = (&path[..cut], path[cut..].trim_start_matches('.'));
            if let Some(place) = self.items.get(item) {
                let column = place.column.or_else(|| column_of(place, rest));
                return Some(Cell {
                    sheet: place.sheet.name.to_string(),
                    row: place.row,
                    column: column.map(str::to_string),
                });
            }
            cut = path[..cut].rfind(['.', '['])?;
        }
    }
}

/// The column of `place`'s sheet whose field `rest` lies in.
fn column_of(place: &Place, rest: &str) -> Option<&'static str> {
    if rest.is_empty() {
        return None;
    }
    place
        .sheet
        .columns
        .iter()
        .filter(|c| c.level == place.level && !c.field.is_empty())
        .filter(|c| {
            rest == c.field
                || rest
                    .strip_prefix(c.field)
                    .is_some_and(|r| r.starts_with(['.', '[']))
        })
        .max_by_key(|c| c.field.len())
        .map(|c| c.name)
}

/// What a read collects: the file's label for messages, every diagnostic,
/// and the places of the items read.
pub struct Cx {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    pub places: Places,
}

impl Cx {
    pub fn new(file: &str) -> Cx {
        Cx {
            file: file.to_string(),
            diagnostics: Vec::new(),
            places: Places::default(),
        }
    }

    pub fn error_at(&mut self, sheet: &str, row: usize, column: Option<&str>, message: String) {
        let d = Diagnostic::error(&self.file, message).at_cell(cell(sheet, row, column));
        self.diagnostics.push(d);
    }

    pub fn warn_at(&mut self, sheet: &str, row: usize, column: Option<&str>, message: String) {
        let d = Diagnostic::warning(&self.file, message).at_cell(cell(sheet, row, column));
        self.diagnostics.push(d);
    }

    pub fn error(&mut self, message: String) {
        self.diagnostics
            .push(Diagnostic::error(&self.file, message));
    }

    pub fn warn(&mut self, message: String) {
        self.diagnostics
            .push(Diagnostic::warning(&self.file, message));
    }
}

fn cell(sheet: &str, row: usize, column: Option<&str>) -> Cell {
    Cell {
        sheet: sheet.to_string(),
        row,
        column: column.map(str::to_string),
    }
}

/// A sheet's rows with its columns found by header.
pub struct Rows<'g> {
    pub sheet: &'static Sheet,
    grid: &'g Grid,
    /// For each of the sheet's columns, where the grid holds it.
    index: Vec<Option<usize>>,
}

/// Case, spaces and underscores do not matter in a header.
fn header_key(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'g> Rows<'g> {
    /// The sheet `sheet` of `grids`, its columns matched by header; `None`
    /// when there is no such sheet or a required column is missing (an error).
    pub fn open(cx: &mut Cx, grids: &'g [Grid], sheet: &'static Sheet) -> Option<Rows<'g>> {
        let grid = grids
            .iter()
            .find(|g| header_key(&g.name) == header_key(sheet.name))?;
        let Some((header_row, headers)) = grid.rows.first() else {
            return Some(Rows {
                sheet,
                grid,
                index: vec![None; sheet.columns.len()],
            });
        };
        let keys: Vec<Option<String>> = headers
            .iter()
            .map(|v| v.as_text().map(|t| header_key(&t)))
            .collect();
        let mut index = Vec::with_capacity(sheet.columns.len());
        let mut missing = Vec::new();
        for c in sheet.columns {
            let at = keys
                .iter()
                .position(|k| k.as_deref() == Some(&header_key(c.name)));
            if at.is_none() && c.required {
                missing.push(c.name);
            }
            index.push(at);
        }
        for (i, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            let known = sheet.columns.iter().any(|c| header_key(c.name) == *key);
            if !known {
                let name = headers.get(i).and_then(Value::as_text).unwrap_or_default();
                cx.warn_at(
                    sheet.name,
                    *header_row,
                    Some(&name),
                    format!(
                        "the column \"{name}\" is not one the {} sheet has: it is ignored (the columns are: {})",
                        sheet.name,
                        column_names(sheet)
                    ),
                );
            } else if keys[..i].contains(&Some(key.clone())) {
                let name = headers.get(i).and_then(Value::as_text).unwrap_or_default();
                cx.warn_at(
                    sheet.name,
                    *header_row,
                    Some(&name),
                    format!(
                        "the column \"{name}\" comes twice: the first is read, this one ignored"
                    ),
                );
            }
        }
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join(", ");
            cx.error_at(
                sheet.name,
                *header_row,
                None,
                format!(
                    "the {} sheet has no column {list}, which it needs (headers are matched by name in row {header_row}; the columns are: {})",
                    sheet.name,
                    column_names(sheet)
                ),
            );
            return None;
        }
        Some(Rows { sheet, grid, index })
    }

    /// The rows below the header that hold anything.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.grid
            .rows
            .iter()
            .skip(1)
            .filter(|(_, cells)| cells.iter().any(|v| !v.is_empty()))
            .map(|(number, cells)| Row {
                rows: self,
                number: *number,
                cells,
            })
    }

    /// Whether the sheet has the column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.sheet
            .columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.index.get(i).copied().flatten())
            .is_some()
    }
}

fn column_names(sheet: &Sheet) -> String {
    sheet
        .columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of a sheet.
pub struct Row<'r> {
    rows: &'r Rows<'r>,
    pub number: usize,
    cells: &'r [Value],
}

static EMPTY: Value = Value::Empty;

impl<'r> Row<'r> {
    pub fn sheet(&self) -> &'static Sheet {
        self.rows.sheet
    }

    /// The cell of column `name` (empty when the sheet lacks the column).
    pub fn get(&self, name: &str) -> &'r Value {
        let at = self
            .rows
            .sheet
            .columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.rows.index.get(i).copied().flatten());
        at.and_then(|i| self.cells.get(i)).unwrap_or(&EMPTY)
    }

    /// The cell as text, `None` when blank.
    pub fn text(&self, name: &str) -> Option<Text> {
        self.get(name).as_text().map(Text::from)
    }

    /// The cell read by `read`, `None` when blank or unreadable (then an
    /// error naming the cell).
    pub fn read<T>(
        &self,
        cx: &mut Cx,
        name: &str,
        read: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Option<T> {
        let v = self.get(name);
        if v.is_empty() {
            return None;
        }
        match read(v) {
            Ok(t) => Some(t),
            Err(message) => {
                self.error(cx, name, message);
                None
            }
        }
    }

    /// The cell read by `read`, an error naming the cell when it is blank.
    pub fn need<T>(
        &self,
        cx: &mut Cx,
        name: &str,
        read: impl FnOnce(&Value) -> Result<T, String>,
    ) -> Option<T> {
        if self.get(name).is_empty() {
            self.error(
                cx,
                name,
                format!("the {name} is blank, and this row needs one"),
            );
            return None;
        }
        self.read(cx, name, read)
    }

    pub fn error(&self, cx: &mut Cx, column: &str, message: String) {
        cx.error_at(self.rows.sheet.name, self.number, Some(column), message);
    }

    pub fn warn(&self, cx: &mut Cx, column: &str, message: String) {
        cx.warn_at(self.rows.sheet.name, self.number, Some(column), message);
    }

    pub fn record(&self, cx: &mut Cx, path: String, level: Level) {
        cx.places.record(path, self.rows.sheet, self.number, level);
    }
}

/// Text of any cell.
pub fn text(v: &Value) -> Result<Text, String> {
    v.as_text()
        .map(Text::from)
        .ok_or_else(|| "the cell is blank".to_string())
}

fn refuse_odd(v: &Value, expected: &str) -> Result<(), String> {
    match v {
        Value::Date(d) => Err(format!(
            "the cell holds a date ({d}) where {expected} is expected; the spreadsheet may have taken what was typed for a date: format the cell as text and type it again"
        )),
        Value::Bool(b) => Err(format!(
            "the cell holds {} where {expected} is expected",
            if *b { "TRUE" } else { "FALSE" }
        )),
        Value::Error(e) => Err(format!(
            "the cell shows the error {e} where {expected} is expected"
        )),
        _ => Ok(()),
    }
}

/// A figure: a number cell, or text as a person types it.
pub fn quantity(v: &Value) -> Result<Quantity, String> {
    refuse_odd(v, "a figure")?;
    match v {
        Value::Number(n) => {
            if *n >= 0.0 && n.fract() == 0.0 && *n <= EXACT_IN_A_CELL as f64 {
                Ok(Quantity::Exact(*n as u64))
            } else {
                Err(format!(
                    "{} is not a whole number of people or remains: expected {QUANTITY_FORMS}",
                    crate::workbook::cells::number_text(*n)
                ))
            }
        }
        other => parse_quantity(&other.as_text().unwrap_or_default()),
    }
}

/// An event's date: a date cell is that day; text as a person types it.
pub fn event_date(v: &Value) -> Result<EventDate, String> {
    match v {
        Value::Date(d) => Ok(EventDate::day(*d)),
        Value::Number(n) if !(1000.0..=9999.0).contains(n) || n.fract() != 0.0 => Err(format!(
            "{} is not a date: expected {EVENT_DATE_FORMS}",
            crate::workbook::cells::number_text(*n)
        )),
        other => {
            refuse_odd(other, "a date")?;
            parse_event_date(&other.as_text().unwrap_or_default())
        }
    }
}

/// One day: a date cell, or text YYYY-MM-DD.
pub fn day(v: &Value) -> Result<Date, String> {
    match v {
        Value::Date(d) => Ok(*d),
        other => {
            refuse_odd(other, "a day")?;
            let t = other.as_text().unwrap_or_default();
            t.trim()
                .parse::<Date>()
                .map_err(|_| format!("\"{t}\" is not a day written YYYY-MM-DD (or a date cell)"))
        }
    }
}

/// A day, a month or a year.
pub fn coarse_date(v: &Value) -> Result<CoarseDate, String> {
    match v {
        Value::Date(d) => Ok(CoarseDate::day(*d)),
        other => {
            refuse_odd(other, "a day, month or year")?;
            other.as_text().unwrap_or_default().trim().parse()
        }
    }
}

/// A word of an enumeration.
pub fn word<T: serde::de::DeserializeOwned>(
    allowed: &'static [&'static str],
    labels: &'static [(&'static str, &'static str)],
) -> impl Fn(&Value) -> Result<T, String> {
    move |v| parse_word(&v.as_text().unwrap_or_default(), allowed, labels)
}

/// A quote: pieces joined by " […] " are read as a cut quote's pieces.
pub fn quote(v: &Value) -> Result<Quote, String> {
    let t = v.as_text().unwrap_or_default();
    if t.contains(CUT) {
        Ok(Quote::cut(t.split(CUT).map(Text::from).collect()))
    } else {
        Ok(Quote::from(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::layout;

    #[test]
    fn a_path_finds_the_row_of_its_item_and_the_column_of_its_field() {
        let mut places = Places::default();
        places.record("events[0]".into(), &layout::EVENTS, 2, Level::Item);
        places.record(
            "events[0].figures[0]".into(),
            &layout::CLAIMS,
            5,
            Level::Item,
        );
        places.record(
            "events[0].figures[0].claims[1]".into(),
            &layout::CLAIMS,
            6,
            Level::Claim,
        );
        let at = |p: &str| places.locate(p).map(|c| c.to_string());
        assert_eq!(
            at("events[0].figures[0].claims[1].value.range").as_deref(),
            Some("sheet Claims, row 6, column \"Value\"")
        );
        assert_eq!(
            at("events[0].figures[0].category").as_deref(),
            Some("sheet Claims, row 5, column \"Category\"")
        );
        assert_eq!(
            at("events[0].place.precision").as_deref(),
            Some("sheet Events, row 2, column \"Place precision\"")
        );
        assert_eq!(at("events[0]").as_deref(), Some("sheet Events, row 2"));
        assert_eq!(at("sources[0].id"), None);
    }

    #[test]
    fn a_date_where_a_figure_is_expected_says_so() {
        let err = quantity(&Value::Date(jiff::civil::date(2025, 6, 11))).unwrap_err();
        assert!(err.contains("holds a date (2025-06-11)"), "{err}");
        assert_eq!(quantity(&Value::Number(1212.0)), Ok(Quantity::Exact(1212)));
        assert!(quantity(&Value::Number(-3.0)).is_err());
        assert!(quantity(&Value::Number(2.5)).is_err());
        assert_eq!(
            quantity(&Value::text("more than 500")),
            Ok(Quantity::MoreThan(500))
        );
    }
}
