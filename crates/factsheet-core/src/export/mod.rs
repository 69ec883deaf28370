//! Export: a fact sheet of a dataset (or of the events on screen) as Markdown,
//! self-contained HTML with an SVG chart, CSV or JSON, and the atomic write
//! that puts it on disk.
//!
//! The [`Summary`] is built once; each format is a writer over it. Every text
//! from the data is escaped for where it lands (Markdown cells, HTML, CSV cells a
//! spreadsheet would run as formulas).

pub mod csv;
pub mod html;
mod json;
pub mod markdown;
mod markup;
pub mod summary;
pub mod svg;
mod text;
mod write;

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::str::FromStr;

pub use json::{json, json_to};
pub use summary::{LISTED_EVENTS, Summary, SummaryOptions, build};
pub use write::{
    WriteBehind, WriteError, remove_temporaries, write_atomic, write_atomic_with, write_export,
    write_export_with,
};

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

/// Writes `summary` in `format`, in memory.
pub fn render(summary: &Summary, format: Format) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096 + summary.events.len() * 1000);
    // Writing to memory cannot fail.
    let _ = render_to(summary, format, &mut out);
    out
}

/// Writes `summary` in `format` to `w`, as it is produced: nothing the size of
/// the output is held in memory. Buffer `w`; the writers make many small writes.
pub fn render_to<W: Write>(summary: &Summary, format: Format, w: &mut W) -> io::Result<()> {
    match format {
        Format::Markdown => markdown::write_to(summary, w),
        Format::Html => html::write_to(summary, w),
        Format::Csv => csv::write_to(summary, w),
        Format::Json => json_to(summary, w),
    }
}

/// Builds the summary of `dataset` to be written in `format`: as `options` say,
/// except that CSV, the table of every figure and claim, lists every event
/// whatever the limit on the events listed.
pub fn build_for<'a>(
    dataset: &'a Dataset,
    options: &SummaryOptions,
    format: Format,
) -> Summary<'a> {
    if format == Format::Csv && options.limit.is_some() {
        let all = SummaryOptions {
            limit: None,
            ..options.clone()
        };
        build(dataset, &all)
    } else {
        build(dataset, options)
    }
}

/// Builds the summary of `dataset` and writes it in `format`, in memory.
pub fn export(dataset: &Dataset, options: &SummaryOptions, format: Format) -> Vec<u8> {
    render(&build_for(dataset, options, format), format)
}

/// Builds the summary of `dataset` and writes it in `format` to the file at
/// `path`, streamed through a buffer and atomically ([`write_export_with`]):
/// never over one of `inputs`, never half-written.
pub fn export_to_file<P: AsRef<Path>>(
    dataset: &Dataset,
    options: &SummaryOptions,
    format: Format,
    path: &Path,
    inputs: &[P],
) -> Result<(), WriteError> {
    let summary = build_for(dataset, options, format);
    write_export_with(path, inputs, |file| {
        let mut w = BufWriter::with_capacity(1 << 20, file);
        render_to(&summary, format, &mut w)?;
        w.flush()
    })
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
        let d = summary::tests::tiny();
        let summary = build(&d, &SummaryOptions::default());
        let back: Summary = serde_json::from_slice(&json(&summary)).unwrap();
        assert_eq!(back, summary);
    }
}
