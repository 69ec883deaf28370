//! The workbook file itself: written as .xlsx with rust_xlsxwriter (a bold,
//! frozen header row whose cells carry a note saying what to type, column
//! widths, real dates, one sheet per table), read from .xlsx or .ods with
//! calamine. A formula is never evaluated: a formula cell is read by the
//! value the spreadsheet saved with it, with a warning; text that looks like
//! a formula is text.

use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Note, Workbook, XlsxError};

use super::cells::Value;
use super::read::sheet::{Cx, Grid};
use super::write::Table;

/// The most a workbook may unpack to: it is read whole into memory, about
/// three times its unpacked size (docs/PERFORMANCE.md), so a workbook of
/// 100,000 events (287 MB unpacked) opens and one ten times larger is
/// refused before it is unpacked; data that large is kept as JSON.
pub const MAX_UNPACKED: u64 = 1 << 30;

/// The most formula cells named one by one; past it, one warning counts the rest.
const FORMULAS_NAMED: usize = 20;

/// `tables` as the bytes of an .xlsx file; with `notes`, each header cell
/// carries a note saying what the column holds (the template).
pub fn to_xlsx(tables: &[Table], notes: bool) -> Result<Vec<u8>, String> {
    build(tables, notes).map_err(|e| format!("the workbook could not be written: {e}"))
}

fn build(tables: &[Table], notes: bool) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    if notes {
        // The template is committed: the same bytes each time it is made.
        let made = ExcelDateTime::from_ymd(2025, 1, 1)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    }
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.sheet.name)?;
        for (c, column) in table.sheet.columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.set_column_width(c, column.width)?;
            sheet.write_string_with_format(0, c, column.name, &header)?;
            if notes {
                let mut help = column.help.to_string();
                if column.required {
                    help.push_str(" (required)");
                }
                sheet.insert_note(0, c, &Note::new(help).add_author_prefix(false))?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, value) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                match value {
                    Value::Empty => {}
                    // Text is written as text (format "@") so that a spreadsheet
                    // does not turn "2025-06" or "1-2" into a date when edited.
                    Value::Text(s) => {
                        sheet.write_string_with_format(r, c, s, &text)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    Value::Date(d) => {
                        let (y, m, day) = (d.year(), d.month(), d.day());
                        match (u16::try_from(y), u8::try_from(m), u8::try_from(day)) {
                            (Ok(y), Ok(m), Ok(day)) if y >= 1900 => {
                                let dt = ExcelDateTime::from_ymd(y, m, day)?;
                                sheet.write_datetime_with_format(r, c, &dt, &date)?;
                            }
                            // Before 1900 a spreadsheet has no date: written as text.
                            _ => {
                                sheet.write_string_with_format(r, c, d.to_string(), &text)?;
                            }
                        }
                    }
                    Value::Bool(b) => {
                        sheet.write_boolean(r, c, *b)?;
                    }
                    Value::Error(e) => {
                        sheet.write_string(r, c, e)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}

/// What the parts of the zip archive `bytes` say they unpack to, as its
/// central directory records them (nothing is unpacked to find out).
fn unpacked_size(bytes: &[u8]) -> Option<u128> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u128;
    for i in 0..archive.len() {
        total += u128::from(archive.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

/// What a file that is not a workbook looks like, for the message saying so.
fn not_a_workbook(bytes: &[u8]) -> Option<&'static str> {
    if bytes.is_empty() {
        return Some("the file is empty");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(
            "the file is a password-protected workbook or an old Excel 97-2003 (.xls) file: \
             factsheet reads .xlsx and .ods files without a password; open it in the spreadsheet, \
             remove the password and save it as .xlsx",
        );
    }
    if !bytes.starts_with(b"PK") {
        return Some(
            "the file is not an .xlsx or .ods workbook (those are zip archives, and this is not one); \
             if it is a CSV file, name it .csv",
        );
    }
    None
}

/// Reads every sheet of the .xlsx or .ods workbook `bytes` into grids;
/// formula cells give their saved values, each with a warning.
pub fn read(cx: &mut Cx, bytes: &[u8]) -> Option<Vec<Grid>> {
    read_unpacking_at_most(cx, bytes, MAX_UNPACKED)
}

/// [`read`], refusing a workbook whose parts say they unpack to more than
/// `most` bytes.
fn read_unpacking_at_most(cx: &mut Cx, bytes: &[u8], most: u64) -> Option<Vec<Grid>> {
    if let Some(why) = not_a_workbook(bytes) {
        cx.error(why.to_string());
        return None;
    }
    if let Some(unpacked) = unpacked_size(bytes).filter(|&n| n > u128::from(most)) {
        cx.error(format!(
            "the workbook unpacks to {} MB, more than the {} MB factsheet reads from a workbook \
             (it is read whole into memory): keep data this large as JSON (factsheet convert)",
            unpacked >> 20,
            most >> 20
        ));
        return None;
    }
    // calamine is a parser of complex formats; should it panic on some
    // corrupt file, the load reports the file unreadable rather than crash.
    let read = std::panic::catch_unwind(|| read_sheets(bytes));
    match read {
        Ok(Ok((grids, formulas, merged))) => {
            report_formulas(cx, formulas);
            report_merged(cx, &merged);
            Some(grids)
        }
        Ok(Err(e)) => {
            cx.error(format!(
                "the workbook cannot be read ({e}): it may be damaged, or not really an .xlsx or .ods file"
            ));
            None
        }
        Err(_) => {
            cx.error(
                "the workbook cannot be read: it is damaged in a way the reader could not handle"
                    .to_string(),
            );
            None
        }
    }
}

/// A formula cell: sheet, row, column header, formula, and the value read.
type Formula = (String, usize, String, String, String);

/// A sheet's merged regions that were filled: the sheet, how many, and the
/// first one's rows (1-based, as the spreadsheet shows them) and column header.
type Merged = (String, usize, (usize, usize), String);

/// What reading a workbook's sheets gives: the grids, and what to warn of.
type Sheets = (Vec<Grid>, Vec<Formula>, Vec<Merged>);

fn read_sheets(bytes: &[u8]) -> Result<Sheets, calamine::Error> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))?;
    let mut grids = Vec::new();
    let mut formulas = Vec::new();
    let mut merged = Vec::new();
    for name in book.sheet_names() {
        let mut range = book.worksheet_range(&name)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let left = left as usize;
        let mut rows = Vec::with_capacity(range.height());
        // Each cell's text is moved out of the range rather than copied, so a
        // large sheet is not held twice (`i` is below the range's height).
        for i in 0..range.height() {
            let mut row = vec![Value::Empty; left];
            row.extend(range[i].iter_mut().map(|c| value(std::mem::take(c))));
            // Optional columns left blank at a row's end take no room.
            while row.last() == Some(&Value::Empty) {
                row.pop();
            }
            row.shrink_to_fit();
            rows.push((top as usize + i + 1, row));
        }
        drop(range);
        // Headers for naming the columns of formula cells.
        let headers: Vec<String> = rows
            .first()
            .map(|(_, r)| r.iter().map(|v| v.as_text().unwrap_or_default()).collect())
            .unwrap_or_default();
        if let Ok(found) = book.worksheet_formula(&name) {
            for (r, c, f) in found.used_cells() {
                if f.is_empty() {
                    continue;
                }
                let (row, col) = (
                    found.start().map_or(0, |s| s.0 as usize) + r,
                    found.start().map_or(0, |s| s.1 as usize) + c,
                );
                let shown = rows
                    .iter()
                    .find(|(n, _)| *n == row + 1)
                    .and_then(|(_, cells)| cells.get(col))
                    .and_then(Value::as_text)
                    .unwrap_or_default();
                let header = headers.get(col).cloned().unwrap_or_default();
                formulas.push((name.clone(), row + 1, header, f.clone(), shown));
            }
        }
        // Only .xlsx records merged cells where calamine reads them.
        let regions = match &mut book {
            calamine::Sheets::Xlsx(xlsx) => {
                xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        if let Some(first) = fill_merged(&mut rows, &regions, headers.len()) {
            let (rows_of_first, column) = first;
            let header = headers.get(column).cloned().unwrap_or_default();
            merged.push((name.clone(), regions.len(), rows_of_first, header));
        }
        grids.push(Grid { name, rows });
    }
    Ok((grids, formulas, merged))
}

/// Reads each merged region as its top-left cell's value in every cell it
/// covers, as the spreadsheet shows it (an event's date merged down the rows
/// of its claims is that event's date on each row), within the sheet's rows
/// and its `width` headed columns. The first region's rows and column, or
/// `None` when there is none.
fn fill_merged(
    rows: &mut [(usize, Vec<Value>)],
    regions: &[calamine::Dimensions],
    width: usize,
) -> Option<((usize, usize), usize)> {
    for region in regions {
        let (top, left) = (region.start.0 as usize + 1, region.start.1 as usize);
        let (bottom, right) = (region.end.0 as usize + 1, region.end.1 as usize);
        let right = right.min(width.saturating_sub(1));
        let Some(value) = rows
            .iter()
            .find(|(n, _)| *n == top)
            .and_then(|(_, cells)| cells.get(left))
            .cloned()
        else {
            continue;
        };
        for (n, cells) in rows.iter_mut() {
            if *n < top || *n > bottom {
                continue;
            }
            for column in left..=right {
                if cells.len() <= column {
                    cells.resize(column + 1, Value::Empty);
                }
                if let Some(cell) = cells.get_mut(column) {
                    *cell = value.clone();
                }
            }
        }
    }
    let first = regions.first()?;
    Some((
        (first.start.0 as usize + 1, first.end.0 as usize + 1),
        first.start.1 as usize,
    ))
}

fn report_merged(cx: &mut Cx, merged: &[Merged]) {
    for (sheet, count, (top, bottom), column) in merged {
        cx.warn_at(
            sheet,
            *top,
            (!column.is_empty()).then_some(column.as_str()),
            format!(
                "{count} merged cell region(s) on this sheet, the first over rows {top}–{bottom}: \
                 each cell of a region is read as the value of its top-left cell"
            ),
        );
    }
}

fn report_formulas(cx: &mut Cx, formulas: Vec<Formula>) {
    let count = formulas.len();
    for (sheet, row, column, formula, shown) in formulas.into_iter().take(FORMULAS_NAMED) {
        cx.warn_at(
            &sheet,
            row,
            (!column.is_empty()).then_some(column.as_str()),
            format!(
                "the cell holds the formula ={formula}: its value as the spreadsheet last saved it, \"{shown}\", is read (factsheet never runs formulas)"
            ),
        );
    }
    if count > FORMULAS_NAMED {
        cx.warn(format!(
            "{} more formula cells are read by their saved values",
            count - FORMULAS_NAMED
        ));
    }
}

fn value(data: Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::text(s),
        Data::Int(i) => Value::Number(i as f64),
        Data::Float(f) => Value::Number(f),
        Data::Bool(b) => Value::Bool(b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
                Ok(date) => Value::Date(date),
                Err(_) => Value::Number(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse().ok()) {
            Some(date) => Value::Date(date),
            None => Value::text(s),
        },
        Data::DurationIso(s) => Value::text(s),
        Data::Error(e) => Value::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
        let tables = crate::workbook::write::tables(&crate::model::Dataset::empty("big"));
        let bytes = to_xlsx(&tables, false).expect("writes");
        let unpacked = unpacked_size(&bytes).expect("an .xlsx names its parts' sizes");
        let unpacked = u64::try_from(unpacked).expect("small");

        let mut cx = Cx::new("big.xlsx");
        assert!(read_unpacking_at_most(&mut cx, &bytes, unpacked - 1).is_none());
        let said: Vec<String> = cx.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{said:#?}");
        assert!(
            said[0]
                .starts_with("big.xlsx: error: the workbook unpacks to 0 MB, more than the 0 MB"),
            "{said:#?}"
        );

        let mut cx = Cx::new("big.xlsx");
        assert!(read_unpacking_at_most(&mut cx, &bytes, unpacked).is_some());
        assert!(cx.diagnostics.is_empty());
    }
}
