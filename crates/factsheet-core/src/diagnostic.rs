//! Diagnostics: what loading and validation found wrong, and where.
//!
//! A diagnostic names the file, the line and column when the parser knows them,
//! the JSON path of the offending value, and a message in plain words. They are
//! collected, not returned early, so one run reports every problem at once.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file is usable, but something in it looks wrong.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// JSON path of the value concerned: `events[3].figures[0].claims[1].value`.
    pub path: Option<String>,
    /// The cell concerned, for a workbook or CSV file: a spreadsheet has
    /// sheets, rows and named columns rather than lines. Boxed: most
    /// diagnostics have none, and a diagnostic is returned in many `Err`s.
    pub cell: Option<Box<Cell>>,
    pub message: String,
}

/// A place in a workbook: the sheet, the row as the spreadsheet numbers it
/// (the header is row 1) and the column by its header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cell {
    pub sheet: String,
    pub row: usize,
    pub column: Option<String>,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sheet {}, row {}", self.sheet, self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            path: None,
            cell: None,
            message: message.into(),
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_cell(mut self, cell: Cell) -> Self {
        self.cell = Some(Box::new(cell));
        self
    }

    /// Where it is, as shown before the message: `file:line:col`, or
    /// `file: sheet Claims, row 14, column "Value"` in a workbook.
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(cell) = &self.cell {
            place.push_str(&format!(": {cell}"));
        } else if let Some(line) = self.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                place.push_str(&format!(":{column}"));
            }
        }
        place
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:col: error: message (at path)`, the form editors and scripts understand.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.place(),
            self.severity.label(),
            self.message
        )?;
        if let Some(path) = &self.path {
            write!(f, " (at {path})")?;
        }
        Ok(())
    }
}

/// Counts of errors and warnings, for status lines and exit codes.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("a.json", "expected a date")
            .at_position(3, 14)
            .at_path("events[0].date.on");
        assert_eq!(
            d.to_string(),
            "a.json:3:14: error: expected a date (at events[0].date.on)"
        );
        let w = Diagnostic::warning("a.json", "no source").at_path("events[1]");
        assert_eq!(w.to_string(), "a.json: warning: no source (at events[1])");
    }

    #[test]
    fn a_workbook_cell_reads_as_sheet_row_and_column() {
        let d = Diagnostic::error("f.xlsx", "\"more then 500\" is not a number").at_cell(Cell {
            sheet: "Claims".into(),
            row: 14,
            column: Some("Value".into()),
        });
        assert_eq!(
            d.to_string(),
            "f.xlsx: sheet Claims, row 14, column \"Value\": error: \"more then 500\" is not a number"
        );
    }
}
