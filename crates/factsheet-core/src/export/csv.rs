//! The summary's events as CSV: one row per figure claim, ready for a spreadsheet.
//!
//! Written with the csv crate (quoting, embedded newlines). A cell that a
//! spreadsheet could run as a formula gets a leading apostrophe, unless it is
//! a plain number: see [`neutralise`] for the rule.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use serde::{Deserialize, Serialize};

use crate::export::summary::{SheetText, Summary};
use crate::model::{Category, ClaimStatus, DatePrecision, EventKind, Quantity, Side};

/// One row: a claim of a figure of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row<'a> {
    pub event_id: SheetText<'a>,
    /// The event's day (or first day), ISO 8601.
    pub date: String,
    /// Last day, for a span.
    pub date_until: String,
    pub date_precision: DatePrecision,
    pub kind: EventKind,
    pub event_title: SheetText<'a>,
    /// Empty for a figure that gives one number for both sides together.
    pub received_by: Option<Side>,
    pub category: Category,
    pub figure_id: SheetText<'a>,
    pub figure_label: SheetText<'a>,
    /// The source's id in the data, and its outlet.
    pub source: SheetText<'a>,
    pub outlet: SheetText<'a>,
    /// The number (the low end for a range); empty when not disclosed.
    pub value: Option<u64>,
    /// The high end of a range.
    pub value_high: Option<u64>,
    /// How the number is stated: exact, approximately, at_least, more_than,
    /// at_most, fewer_than, range or not_disclosed.
    pub bound: String,
    pub status: ClaimStatus,
    pub attributed_to: SheetText<'a>,
    pub quote: SheetText<'a>,
}

/// The header row, in column order.
pub const COLUMNS: [&str; 18] = [
    "event_id",
    "date",
    "date_until",
    "date_precision",
    "kind",
    "event_title",
    "received_by",
    "category",
    "figure_id",
    "figure_label",
    "source",
    "outlet",
    "value",
    "value_high",
    "bound",
    "status",
    "attributed_to",
    "quote",
];

fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Makes a cell inert in a spreadsheet: a leading apostrophe before anything
/// that could start a formula.
///
/// The rule: a cell is neutralised when
/// - it starts with a tab, a carriage return or a line feed (spreadsheets
///   drop these, and what follows them may be read as a new cell), or
/// - its first character that is not whitespace is `=`, `+`, `-` or `@`, or
///   their fullwidth forms `＝` (U+FF1D), `＋` (U+FF0B), `－` (U+FF0D) and
///   `＠` (U+FF20), which some spreadsheets fold to the ASCII ones before
///   parsing.
///
/// Leading whitespace of any kind (spaces, tabs, line breaks, no-break and
/// ideographic spaces) is looked through because spreadsheets trim some of it
/// before parsing, and which they trim differs between programs and
/// versions: `" =1+1"` and `"\u{3000}=1+1"` are neutralised like `"=1+1"`.
///
/// A plain number written with ASCII characters only (`-5`, `+3.5`, nothing
/// before or after) is left alone: a spreadsheet reads it as the number it
/// is, and an apostrophe would turn it into text. Anything else, `" -5"` or
/// `"－5"` included, is neutralised.
pub fn neutralise(cell: &str) -> SheetText<'_> {
    let risky = matches!(cell.chars().next(), Some('\t' | '\r' | '\n'))
        || matches!(
            cell.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
        );
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn bound(q: Quantity) -> (&'static str, Option<u64>, Option<u64>) {
    match q {
        Quantity::Exact(n) => ("exact", Some(n), None),
        Quantity::Approximately(n) => ("approximately", Some(n), None),
        Quantity::AtLeast(n) => ("at_least", Some(n), None),
        Quantity::MoreThan(n) => ("more_than", Some(n), None),
        Quantity::AtMost(n) => ("at_most", Some(n), None),
        Quantity::FewerThan(n) => ("fewer_than", Some(n), None),
        Quantity::Range { low, high } => ("range", Some(low), Some(high)),
        Quantity::NotDisclosed => ("not_disclosed", None, None),
    }
}

/// The rows, texts already neutralised.
pub fn rows<'s>(s: &'s Summary) -> impl Iterator<Item = Row<'s>> + 's {
    s.events.iter().flat_map(move |e| {
        e.figures.iter().flat_map(move |f| {
            f.claims.iter().map(move |c| {
                let (bound, value, value_high) = bound(c.value);
                let source = s.source(c.source);
                let text = |t: Option<&'s str>| neutralise(t.unwrap_or(""));
                Row {
                    event_id: neutralise(&e.id),
                    date: e.date.on.to_string(),
                    date_until: e.date.until.map(|d| d.to_string()).unwrap_or_default(),
                    date_precision: e.date.precision,
                    kind: e.kind,
                    event_title: neutralise(&e.title),
                    received_by: f.received_by,
                    category: f.category,
                    figure_id: neutralise(&f.id),
                    figure_label: text(f.label.as_deref()),
                    source: text(source.map(|r| &*r.id)),
                    outlet: text(source.map(|r| &*r.outlet)),
                    value,
                    value_high,
                    bound: bound.to_string(),
                    status: c.status,
                    attributed_to: text(c.attributed_to.as_deref()),
                    quote: text(c.quote.as_deref()),
                }
            })
        })
    })
}

/// The CSV file: a header row, then one row per figure claim.
pub fn write(s: &Summary) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024 + s.events.len() * 1100);
    // Writing to memory cannot fail.
    let _ = write_to(s, &mut out);
    out
}

/// Writes the CSV file to `w`: the same cells as [`rows`] would serialise,
/// written field by field from borrowed texts (no row struct, no String per cell).
/// An error of `w` comes back as it was (a closed pipe stays a closed pipe).
pub fn write_to<W: io::Write>(s: &Summary, w: &mut W) -> io::Result<()> {
    write_records(s, w).map_err(|e| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("CSV: {kind:?}")),
    })
}

fn write_records<W: io::Write>(s: &Summary, w: &mut W) -> ::csv::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_writer(w);
    w.write_record(COLUMNS)?;
    let (mut precisions, mut kinds, mut sides, mut categories, mut statuses) = (
        Names::default(),
        Names::default(),
        Names::default(),
        Names::default(),
        Names::default(),
    );
    let (mut date, mut until) = (String::new(), String::new());
    let (mut value_text, mut high_text) = (String::new(), String::new());
    for e in &s.events {
        date.clear();
        let _ = write!(date, "{}", e.date.on);
        until.clear();
        if let Some(u) = e.date.until {
            let _ = write!(until, "{u}");
        }
        let precision = precisions.of(e.date.precision);
        let kind = kinds.of(e.kind);
        let (event_id, event_title) = (neutralise(&e.id), neutralise(&e.title));
        for f in &e.figures {
            let side = f.received_by.map_or("", |side| sides.of(side));
            let category = categories.of(f.category);
            let figure_id = neutralise(&f.id);
            let figure_label = neutralise(f.label.as_deref().unwrap_or(""));
            for c in &f.claims {
                let (bound, value, value_high) = bound(c.value);
                let source = s.source(c.source);
                for (text, n) in [(&mut value_text, value), (&mut high_text, value_high)] {
                    text.clear();
                    if let Some(n) = n {
                        let _ = write!(text, "{n}");
                    }
                }
                let cells: [&str; 10] = [
                    &event_id,
                    &date,
                    &until,
                    precision,
                    kind,
                    &event_title,
                    side,
                    category,
                    &figure_id,
                    &figure_label,
                ];
                for cell in cells {
                    w.write_field(cell)?;
                }
                w.write_field(&*neutralise(source.map_or("", |r| &*r.id)))?;
                w.write_field(&*neutralise(source.map_or("", |r| &*r.outlet)))?;
                w.write_field(&value_text)?;
                w.write_field(&high_text)?;
                w.write_field(bound)?;
                w.write_field(statuses.of(c.status))?;
                w.write_field(&*neutralise(c.attributed_to.as_deref().unwrap_or("")))?;
                w.write_field(&*neutralise(c.quote.as_deref().unwrap_or("")))?;
                w.write_record(None::<&[u8]>)?;
            }
        }
    }
    Ok(w.flush()?)
}

/// The names serde gives an enum's values (what [`Row`] serialises), each
/// worked out once.
struct Names<T> {
    known: Vec<(T, String)>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names { known: Vec::new() }
    }
}

impl<T: Serialize + PartialEq + Copy> Names<T> {
    fn of(&mut self, value: T) -> &str {
        let at = match self.known.iter().position(|(v, _)| *v == value) {
            Some(at) => at,
            None => {
                let name = match serde_json::to_value(value) {
                    Ok(serde_json::Value::String(name)) => name,
                    _ => String::new(),
                };
                self.known.push((value, name));
                self.known.len() - 1
            }
        };
        self.known.get(at).map_or("", |(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1+1"), "'+1+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("  =1"), "'  =1");
        assert_eq!(neutralise("-12"), "-12");
        assert_eq!(neutralise("+3.5"), "+3.5");
        assert_eq!(neutralise("Kyiv"), "Kyiv");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn a_line_feed_first_is_neutralised() {
        assert_eq!(neutralise("\nx"), "'\nx");
        assert_eq!(neutralise("\n=1+1"), "'\n=1+1");
        // A line feed later in a cell is only text (the csv crate quotes it).
        assert_eq!(neutralise("a\nb"), "a\nb");
    }

    #[test]
    fn fullwidth_formula_characters_are_neutralised() {
        assert_eq!(neutralise("\u{FF1D}1+1"), "'\u{FF1D}1+1");
        assert_eq!(neutralise("\u{FF0B}1+1"), "'\u{FF0B}1+1");
        assert_eq!(neutralise("\u{FF0D}2+3"), "'\u{FF0D}2+3");
        assert_eq!(neutralise("\u{FF20}SUM(A1)"), "'\u{FF20}SUM(A1)");
        // A fullwidth minus before digits is not a plain number: text, kept inert.
        assert_eq!(neutralise("\u{FF0D}5"), "'\u{FF0D}5");
        // Elsewhere in a cell, fullwidth signs are only text.
        assert_eq!(neutralise("1\u{FF1D}1"), "1\u{FF1D}1");
    }

    #[test]
    fn any_leading_whitespace_is_looked_through() {
        assert_eq!(neutralise(" =1+1"), "' =1+1");
        assert_eq!(neutralise(" \t=1"), "' \t=1");
        assert_eq!(neutralise(" \n=1"), "' \n=1");
        assert_eq!(neutralise("\u{A0}=1"), "'\u{A0}=1");
        assert_eq!(neutralise("\u{3000}=1"), "'\u{3000}=1");
        assert_eq!(neutralise("\u{3000}\u{FF1D}1"), "'\u{3000}\u{FF1D}1");
        // Spaces before a number make it text to a spreadsheet's number check here.
        assert_eq!(neutralise(" -5"), "' -5");
        assert_eq!(neutralise(" Kyiv"), " Kyiv");
        assert_eq!(neutralise("   "), "   ");
    }

    #[test]
    fn plain_numbers_stay_numbers() {
        assert_eq!(neutralise("-5"), "-5");
        assert_eq!(neutralise("+5"), "+5");
        assert_eq!(neutralise("-0.25"), "-0.25");
        assert_eq!(neutralise("-5-"), "'-5-");
        assert_eq!(neutralise("-.5"), "'-.5");
        assert_eq!(neutralise("-5."), "'-5.");
    }

    #[test]
    fn header_matches_the_row_fields() {
        let d = crate::export::summary::tests::tiny();
        let s = crate::export::build(&d, &crate::export::SummaryOptions::default());
        let bytes = write(&s);
        let mut r = ::csv::Reader::from_reader(bytes.as_slice());
        let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, COLUMNS);
        let back: Vec<Row> = r.deserialize().map(|r| r.unwrap()).collect();
        assert_eq!(back, rows(&s).collect::<Vec<_>>());
        assert_eq!(back.len(), 4);
    }
}
