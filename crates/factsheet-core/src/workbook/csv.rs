//! The claims sheet alone as a CSV file, for people who keep one tab (a
//! Google Sheets export), with its sources in an optional second file beside
//! it, `NAME.sources.csv`. The text must be UTF-8 (with or without a byte
//! order mark) or UTF-16 with a byte order mark; anything else is refused
//! with a message naming the encoding problem rather than guessed at, since a
//! Windows code page cannot be told from another by its bytes (a Cyrillic
//! title in Windows-1251 reads as Latin nonsense in Windows-1252).

use std::path::{Path, PathBuf};

use super::cells::Value;
use super::read::sheet::Grid;
use super::write::Table;

/// The sources file read and written beside a CSV file: `name.csv` →
/// `name.sources.csv`.
pub fn sources_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.sources.csv"))
}

/// Whether `path` names a sources file (`*.sources.csv`).
pub fn is_sources_file(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n.ends_with(".sources.csv"))
}

/// The text of a CSV file, or why it cannot be read as text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = encoding.decode(bytes);
        if bad {
            return Err(format!(
                "the file says it is {} (it starts with that byte order mark) but holds bytes that are not",
                encoding.name()
            ));
        }
        return Ok(text.into_owned());
    }
    let zeros = bytes.iter().take(4096).filter(|b| **b == 0).count();
    if zeros * 4 > bytes.len().min(4096) {
        return Err(
            "the file looks like UTF-16 text without a byte order mark, which cannot be read safely: \
             save it as \"CSV UTF-8\" (Excel) or with the character set UTF-8 (LibreOffice)"
                .to_string(),
        );
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes
                .get(..at)
                .map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1);
            let byte = bytes.get(at).copied().unwrap_or_default();
            Err(format!(
                "line {line}: the file is not UTF-8 text (byte 0x{byte:02X} cannot start a character): \
                 it is probably in a Windows code page such as Windows-1252 or Windows-1251 (Cyrillic), \
                 which factsheet does not guess at; save it as \"CSV UTF-8\" (Excel) or with the character \
                 set UTF-8 (LibreOffice, Google Sheets always does)"
            ))
        }
    }
}

/// A CSV file's cells as a sheet called `name`: comma-separated, or
/// semicolon-separated when the header line has more semicolons than commas
/// (what Excel writes where the comma is the decimal mark).
pub fn grid(name: &str, text: &str) -> Result<Grid, String> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        })?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push((line, record.iter().map(Value::text).collect()));
    }
    Ok(Grid {
        name: name.to_string(),
        rows,
    })
}

/// A table as CSV text: its header and rows, dates YYYY-MM-DD.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = out.write_record(table.sheet.columns.iter().map(|c| c.name));
    for row in &table.rows {
        let _ = out.write_record(row.iter().map(|v| v.as_text().unwrap_or_default()));
    }
    out.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_another_encoding_is_named_or_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").as_deref(), Ok("a,b"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Київ,1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Ok("Київ,1"));
        let bare16: Vec<u8> = "Event,Value"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(&bare16).unwrap_err().contains("UTF-16"));
        // "Обмін" in Windows-1251: bytes no UTF-8 text has.
        let cp1251 = b"Event,Title\nx,\xCE\xE1\xEC\xB3\xED\n";
        let err = decode(cp1251).unwrap_err();
        assert!(err.starts_with("line 2: the file is not UTF-8"), "{err}");
        assert!(err.contains("Windows-1251"), "{err}");
    }

    #[test]
    fn semicolons_separate_when_the_header_says_so() {
        let g = grid("Claims", "Event;Value\nx;1,212\n").unwrap();
        assert_eq!(g.rows[1].1, vec![Value::text("x"), Value::text("1,212")]);
        assert_eq!(g.rows[1].0, 2);
        assert_eq!(
            sources_path(Path::new("d/a.csv")),
            Path::new("d/a.sources.csv")
        );
    }
}
