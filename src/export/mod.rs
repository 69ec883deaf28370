//! Export: a fact sheet of a dataset (or of the events on screen) as Markdown,
//! self-contained HTML with an SVG chart, CSV or JSON, and the atomic write
//! that puts it on disk.
//!
//! The [`Summary`] is built once; each format is a writer over it. Every text
//! from the data is escaped for where it lands (Markdown cells, HTML, CSV cells a
//! spreadsheet would run as formulas).

pub mod csv;
pub mod html;
pub mod markdown;
pub mod summary;
pub mod svg;
mod write;

use std::str::FromStr;

pub use summary::{Summary, SummaryOptions, build};
pub use write::{WriteError, write_atomic, write_atomic_with, write_export};

use crate::model::Dataset;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Csv, Format::Json];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(|e| e.parse().ok())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format \"{other}\": expected md, html, csv or json"
            )),
        }
    }
}

/// Writes `summary` in `format`.
pub fn render(summary: &Summary, format: Format) -> Vec<u8> {
    match format {
        Format::Markdown => markdown::write(summary).into_bytes(),
        Format::Html => html::write(summary).into_bytes(),
        Format::Csv => csv::write(summary),
        Format::Json => json(summary),
    }
}

/// Builds the summary of `dataset` and writes it in `format`.
pub fn export(dataset: &Dataset, options: &SummaryOptions, format: Format) -> Vec<u8> {
    render(&build(dataset, options), format)
}

/// The summary as pretty-printed JSON with a trailing newline.
pub fn json(summary: &Summary) -> Vec<u8> {
    // Serialising plain data structs to memory cannot fail; an empty object is
    // a safe answer should it ever.
    let mut out = serde_json::to_vec_pretty(summary).unwrap_or_else(|_| b"{}".to_vec());
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_extensions() {
        assert_eq!("MD".parse::<Format>(), Ok(Format::Markdown));
        assert!("pdf".parse::<Format>().unwrap_err().contains("md, html"));
        assert_eq!(
            Format::from_path(std::path::Path::new("out/sheet.html")),
            Some(Format::Html)
        );
        assert_eq!(Format::from_path(std::path::Path::new("sheet")), None);
        for f in Format::ALL {
            assert_eq!(f.extension().parse::<Format>(), Ok(f));
        }
    }

    #[test]
    fn json_round_trips() {
        let summary = build(&summary::tests::tiny(), &SummaryOptions::default());
        let back: Summary = serde_json::from_slice(&json(&summary)).unwrap();
        assert_eq!(back, summary);
    }
}
