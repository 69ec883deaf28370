//! Reading a file and parsing it into a [`Dataset`], with errors a reader can act on.
//!
//! The fast path is plain `serde_json`; only when that fails is the text parsed
//! again with `serde_path_to_error`, so valid files pay nothing for the JSON path
//! that a failure reports.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, FORMAT_VERSION};

/// Files larger than this are refused before reading: parsing needs several times the file in memory.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// How often a file that changes while it is read is read again before giving up.
const READ_ATTEMPTS: usize = 3;

/// Reads `path` into memory, refusing what is not a readable regular file of sane size.
///
/// A file that another program rewrites while it is read would otherwise come
/// back as a mix of two versions, which may even parse. After the read, the
/// file's size and times are compared with those before it, and the file is
/// read once more and compared with what was read: when anything moved, it is
/// read again (the writer has usually finished by then), and after
/// [`READ_ATTEMPTS`] tries the load fails with a message saying so. A file
/// replaced by a rename while it is read is read whole from the old version.
/// What no reader can tell is a writer that stopped half-way, in place, for
/// the whole read: the file then really holds a mix, and the app's file
/// watcher reads it again when the writer goes on (see [`FileStamp`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    read_file_stamped(path, &|| false).map(|(bytes, _)| bytes)
}

/// A file's size and modification time just before it was read: a watcher
/// that starts later compares it with the file's to see a change it missed.
pub type FileStamp = (u64, std::time::SystemTime);

/// [`read_file`], with the file's [`FileStamp`] from before the read (`None`
/// for what has no modification time). A named pipe that nothing writes to is
/// waited for until `cancelled` says to give up ([`super::special`]).
pub fn read_file_stamped(
    path: &Path,
    cancelled: &dyn Fn() -> bool,
) -> Result<(Vec<u8>, Option<FileStamp>), Diagnostic> {
    read_file_with(path, MAX_FILE_BYTES, cancelled, |file, buf| {
        if file.metadata()?.is_file() {
            use std::io::Read;
            file.read_to_end(buf).map(|_| ())
        } else {
            read_stream(file, buf, MAX_FILE_BYTES)
        }
    })
}

/// [`read_file`] for a file that is not a dataset (a saved copy of a source):
/// only a regular file is read, never a pipe or a device, and only up to
/// `cap` bytes; a file that changes while it is read is read again as
/// [`read_file`] does.
pub fn read_regular_file(path: &Path, cap: u64) -> Result<Vec<u8>, Diagnostic> {
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::error(&label, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Diagnostic::error(&label, "this is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(Diagnostic::error(
            &label,
            "this is not a regular file (a pipe, a socket or a device): it is not read",
        ));
    }
    read_file_with(path, cap, &|| false, |file, buf| {
        use std::io::Read;
        // The size was checked before; a file grown since stops at the cap.
        file.take(cap.saturating_add(1)).read_to_end(buf)?;
        if buf.len() as u64 > cap {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("more than the {} MB read of such a file", cap >> 20),
            ));
        }
        Ok(())
    })
    .map(|(bytes, _)| bytes)
}

/// How much of a pipe or device is looked at before it is judged: binary data
/// shows in its first block, and a JSON text has begun well before its end.
const JUDGED_AFTER: usize = 1 << 20;

/// Reads what is not a regular file (a pipe, a device, standard input), which
/// has no size to check first: at most `cap` bytes, and only while it looks
/// like JSON text. `/dev/zero`, binary data or an endless stream of spaces is
/// refused after its first block, never read until memory runs out.
fn read_stream(file: &mut impl std::io::Read, buf: &mut Vec<u8>, cap: u64) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let mut block = vec![0u8; 64 << 10];
    let mut judged = false;
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let read = block.get(..n).unwrap_or_default();
        if read.contains(&0) {
            return Err(Error::other(
                "this looks like binary data (a NUL byte in its first block), not a JSON text file",
            ));
        }
        buf.extend_from_slice(read);
        if buf.len() as u64 > cap {
            return Err(Error::new(
                ErrorKind::FileTooLarge,
                format!("more than the {} MB this program opens", cap >> 20),
            ));
        }
        if !judged && buf.len() >= JUDGED_AFTER.min(cap as usize) {
            judged = true;
            match buf.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{' | b'[') | Some(0xEF) => {}
                Some(_) => {
                    return Err(Error::other(
                        "it does not begin like a JSON file (with { or [), so it is not read further",
                    ));
                }
                None => {
                    return Err(Error::other(
                        "its first megabyte holds only spaces and line breaks: not a JSON file",
                    ));
                }
            }
        }
    }
}

/// [`read_file`] with the read itself given, so tests can change the file in the middle of it.
fn read_file_with(
    path: &Path,
    cap: u64,
    cancelled: &dyn Fn() -> bool,
    mut read: impl FnMut(&mut std::fs::File, &mut Vec<u8>) -> std::io::Result<()>,
) -> Result<(Vec<u8>, Option<FileStamp>), Diagnostic> {
    let label = path.display().to_string();
    let fail = |e: std::io::Error| Diagnostic::error(&label, io_message(&e));
    for attempt in 0..READ_ATTEMPTS {
        if attempt > 0 {
            // Give the program writing the file a moment to finish.
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let meta = std::fs::metadata(path).map_err(fail)?;
        if meta.is_dir() {
            return Err(Diagnostic::error(
                &label,
                "this is a folder, not a file: choose a .json file inside it",
            ));
        }
        check_size(&label, meta.len(), cap)?;
        let mut file = if meta.is_file() {
            std::fs::File::open(path)
        } else {
            super::special::open_waiting(path, cancelled)
        }
        .map_err(fail)?;
        let before = file.metadata().map_err(fail)?;
        check_size(&label, before.len(), cap)?;
        let mut bytes = Vec::with_capacity(usize::try_from(before.len()).unwrap_or(0));
        read(&mut file, &mut bytes).map_err(fail)?;
        let stamp = before.modified().ok().map(|t| (before.len(), t));
        // A pipe cannot be read twice: take it as it comes.
        if !before.is_file() {
            return Ok((bytes, stamp));
        }
        let after = file.metadata().map_err(fail)?;
        // /proc files say they are empty and are not: their size tells nothing.
        let pseudo = before.len() == 0 && after.len() == 0 && !bytes.is_empty();
        let same = unchanged(&before, &after)
            && bytes.len() as u64 == after.len()
            && reads_the_same(&mut file, &bytes).map_err(fail)?;
        if pseudo || same {
            return Ok((bytes, stamp));
        }
    }
    Err(Diagnostic::error(
        &label,
        format!(
            "the file changed while it was being read ({READ_ATTEMPTS} tries): \
             is a program still writing it? Open it again once it is saved"
        ),
    ))
}

fn check_size(label: &str, len: u64, cap: u64) -> Result<(), Diagnostic> {
    if len > cap {
        return Err(Diagnostic::error(
            label,
            format!(
                "the file is {} MB, more than the {} MB this program opens",
                // Rounded up: a file just over the limit never reads as "64 MB, more than 64 MB".
                len.div_ceil(1 << 20),
                cap >> 20
            ),
        ));
    }
    Ok(())
}

/// Whether the file, read again from the start, still holds exactly `bytes`.
///
/// File times alone do not show a rewrite in place: they move once per clock
/// tick (a few milliseconds), and a megabyte is read in less. A second pass
/// from the page cache costs a fraction of the parse, needs no second copy of
/// the file, and catches a writer that was part-way through during the first:
/// the parts read before it passed differ from what is there now.
fn reads_the_same(file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(0))?;
    let mut chunk = vec![0; 1 << 20];
    let mut offset = 0;
    loop {
        let n = file.read(&mut chunk)?;
        let Some(read) = chunk.get(..n) else {
            return Ok(false);
        };
        if n == 0 {
            return Ok(offset == bytes.len());
        }
        if bytes.get(offset..offset + n) != Some(read) {
            return Ok(false);
        }
        offset += n;
    }
}

/// Whether the file's size and modification and change times are the same in two looks at it.
pub(crate) fn unchanged(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && times(a) == times(b)
}

#[cfg(unix)]
fn times(m: &std::fs::Metadata) -> (i64, i64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (m.mtime(), m.mtime_nsec(), m.ctime(), m.ctime_nsec())
}

#[cfg(not(unix))]
fn times(m: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    m.modified().ok()
}

/// Words for an I/O error that say what to do about it.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file (was it moved or deleted?)".to_string(),
        ErrorKind::PermissionDenied => {
            "permission denied: this user may not read the file".to_string()
        }
        ErrorKind::IsADirectory => "this is a folder, not a file".to_string(),
        ErrorKind::InvalidData => "the file is not text (UTF-8)".to_string(),
        ErrorKind::FileTooLarge => format!(
            "could not read the file: {e} (a pipe or device is read up to that size, then refused)"
        ),
        _ => format!("could not read the file: {e}"),
    }
}

/// The text of a file without the UTF-8 byte-order mark some editors write first.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses a dataset from bytes. `file` names the file in messages.
///
/// One pass over the text for a valid file: the format version is checked by
/// validation, and looked at here only when the parse fails (a newer file fails
/// on its new fields, and is better refused for its version).
pub fn parse_dataset(bytes: &[u8], file: &str) -> Result<Dataset, Diagnostic> {
    let bytes = without_bom(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // Point at the end, where the dataset was expected, as a parser would.
        let line = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + bytes.iter().rev().take_while(|&&b| b != b'\n').count();
        return Err(Diagnostic::error(
            file,
            "the file is empty: expected a JSON object with a factsheet dataset",
        )
        .at_position(line, column));
    }
    // UTF-8 is checked once for the whole text (with SIMD: std's check took 6% of
    // a load), which is cheaper than serde_json checking every string on its own;
    // text that is not UTF-8 takes the slice path, whose error says where.
    // Repeated long text (attributions, outlets, headlines, quotes) is stored once.
    let _interning = crate::intern::Interning::start();
    let fast = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => serde_json::from_str::<Dataset>(text),
        Err(_) => serde_json::from_slice::<Dataset>(bytes),
    };
    match fast {
        Ok(dataset) => Ok(dataset),
        Err(fast_err) => Err(version_mismatch(bytes, file)
            .or_else(|| not_a_dataset_text(bytes, file))
            .unwrap_or_else(|| explain(bytes, file, fast_err))),
    }
}

/// Re-parses a failed file to find the JSON path of the failure.
fn explain(bytes: &[u8], file: &str, fast_err: serde_json::Error) -> Diagnostic {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (err, path) = match serde_path_to_error::deserialize::<_, Dataset>(&mut de) {
        Err(e) => {
            let path = e.path().to_string();
            (e.into_inner(), path)
        }
        // The slow path accepted what the fast path refused: trailing data is the one
        // such case, as `deserialize` does not check for it.
        Ok(_) => (fast_err, String::new()),
    };
    // serde_path_to_error writes "." for the root and "?" for a segment it could
    // not name (inside a broken key): neither helps a reader.
    let path = match path.as_str() {
        "." | "?" => String::new(),
        p => p.strip_suffix(".?").unwrap_or(p).to_string(),
    };
    if let Some((message, line, column)) = as_written(bytes, &err) {
        return Diagnostic::error(file, message)
            .at_path(path)
            .at_position(line, in_characters(bytes, line, column));
    }
    let mut message = plain_words(&err);
    if err.classify() == serde_json::error::Category::Data
        && is_date_field(&path)
        && !message.contains("YYYY-MM-DD")
    {
        message = format!("expected a real date written YYYY-MM-DD: {message}");
    }
    let mut d = Diagnostic::error(file, message).at_path(path);
    if err.line() > 0 {
        // serde_json counts the column of an end of file at a line start as 0.
        let column = in_characters(bytes, err.line(), err.column().max(1));
        d = d.at_position(err.line(), column);
    }
    d
}

/// A message for a number or a `\u` escape that quotes it as the file writes
/// it, with the line and column where it starts; `None` for other errors.
///
/// serde_json reads a whole number too large for a u64 as a float and reports
/// it as one (`1.8446744073709552e+19`: neither the digits in the file nor the
/// reason), and words a lone surrogate escape as a hex escape cut short. Both
/// are told again from the text at the error's position.
fn as_written(bytes: &[u8], err: &serde_json::Error) -> Option<(String, usize, usize)> {
    use serde_json::error::Category;
    let line_start = line_start(bytes, err.line())?;
    // serde_json counts columns in bytes, from 1 at the line's first byte.
    let at = line_start.checked_add(err.column().checked_sub(1)?)?;
    let line = bytes.get(line_start..)?;
    let line = line.get(..line.iter().position(|&b| b == b'\n').unwrap_or(line.len()))?;
    let within = at - line_start;
    let raw = without_position(err);
    match err.classify() {
        Category::Data if raw.starts_with("invalid type: floating point `") => {
            let (start, literal) = number_at(line, within)?;
            let message = number_message(literal, &raw)?;
            Some((message, err.line(), start + 1))
        }
        Category::Syntax
            if raw.starts_with("unexpected end of hex escape")
                || raw.starts_with("lone leading surrogate in hex escape") =>
        {
            let (start, escape) = lone_surrogate(line.get(..=within).unwrap_or(line))?;
            let message = format!(
                "this is not valid JSON here: a \\u escape names half of a UTF-16 pair \
                 ({escape}) without its other half: write the character itself, or both \
                 halves of its pair"
            );
            Some((message, err.line(), start + 1))
        }
        _ => None,
    }
}

/// The 1-based column, in characters, of the 1-based byte column `column` of
/// line `line`: serde_json counts bytes, and every other position factsheet
/// gives (warnings, the app's editor view) counts characters, so a line with
/// Cyrillic or curly quotes before the error would point too far right.
fn in_characters(bytes: &[u8], line: usize, column: usize) -> usize {
    let Some(start) = line_start(bytes, line) else {
        return column;
    };
    let end = start
        .saturating_add(column.saturating_sub(1))
        .min(bytes.len());
    let before = bytes.get(start..end).unwrap_or_default();
    // Count the bytes that begin a character: all but UTF-8's continuation bytes.
    1 + before.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The byte offset where 1-based line `line` starts.
fn line_start(bytes: &[u8], line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    let newline = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(line.checked_sub(2)?)?
        .0;
    Some(newline + 1)
}

/// The number literal in `line` that covers byte `at`: its start and its text.
fn number_at(line: &[u8], at: usize) -> Option<(usize, &str)> {
    let part_of_number =
        |b: &u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
    let head = line.get(..=at)?;
    let start = head.len() - head.iter().rev().take_while(|b| part_of_number(b)).count();
    let rest = line.get(start..)?;
    let text = rest.get(..rest.iter().take_while(|b| part_of_number(b)).count())?;
    let text = std::str::from_utf8(text).ok()?;
    (!text.is_empty()).then_some((start, text))
}

/// What to say of the number `literal`, written where serde_json's message
/// `raw` says a whole number was expected; `None` where something else was.
fn number_message(literal: &str, raw: &str) -> Option<String> {
    let (what, max) = if raw.ends_with("expected u64") {
        ("a count", u64::MAX)
    } else if raw.ends_with("expected u32") {
        ("this field", u64::from(u32::MAX))
    } else {
        return None;
    };
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    Some(if whole && literal.starts_with('-') {
        format!("the number {literal} is below 0: {what} is a whole number, 0 or more")
    } else if whole {
        format!("the number {literal} is too large for {what} (at most {max})")
    } else {
        format!(
            "wrong kind of value: found the number `{literal}`, expected a whole number, 0 or more"
        )
    })
}

/// The last `\u` escape in `line` that names half of a UTF-16 surrogate pair
/// without the other half: its start and its text as written (`\ud800`).
///
/// The line is walked from its start, which is outside any string (a JSON
/// string holds no raw line break), so an escaped backslash before `ud800` is
/// not taken for an escape.
fn lone_surrogate(line: &[u8]) -> Option<(usize, &str)> {
    let escape_at = |i: usize| -> Option<u16> {
        let hex = line.get(i..i + 6)?.strip_prefix(b"\\u")?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    };
    let (mut i, mut in_string, mut lone) = (0, false, None);
    while let Some(&b) = line.get(i) {
        match (in_string, b) {
            (_, b'"') => {
                in_string = !in_string;
                i += 1;
            }
            (true, b'\\') => match escape_at(i) {
                Some(0xD800..=0xDBFF) => {
                    let paired =
                        escape_at(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
                    if paired {
                        i += 12;
                    } else {
                        lone = Some(i);
                        i += 6;
                    }
                }
                Some(0xDC00..=0xDFFF) => {
                    lone = Some(i);
                    i += 6;
                }
                Some(_) => i += 6,
                None => i += 2,
            },
            _ => i += 1,
        }
    }
    let start = lone?;
    let text = std::str::from_utf8(line.get(start..start + 6)?).ok()?;
    Some((start, text))
}

/// A file that is not a JSON object at all, told in words that say what it is:
/// UTF-16 text, binary data, or a list where the dataset object belongs.
fn not_a_dataset_text(bytes: &[u8], file: &str) -> Option<Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(
            Diagnostic::error(
                file,
                "the file is UTF-16 text; factsheet reads UTF-8: save it again as UTF-8",
            )
            .at_position(1, 1),
        );
    }
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let first = *bytes.get(start)?;
    let line = 1 + bytes.iter().take(start).filter(|&&b| b == b'\n').count();
    let column = 1 + bytes
        .iter()
        .take(start)
        .rev()
        .take_while(|&&b| b != b'\n')
        .count();
    let head = bytes
        .get(start..(start + 512).min(bytes.len()))
        .unwrap_or_default();
    let message = if first == b'[' {
        "the file holds a list [ ... ]; expected an object { ... } with format_version, title, sources and events"
    } else if first != b'{' && (head.contains(&0) || std::str::from_utf8(head).is_err()) {
        "this is not a JSON text file (it looks like binary data): expected an object { ... } with a factsheet dataset"
    } else {
        return None;
    };
    Some(Diagnostic::error(file, message).at_position(line, column))
}

/// Fields that hold a calendar date, whose parse errors deserve a word on the date format.
fn is_date_field(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or_default();
    matches!(
        last,
        "on" | "until" | "from" | "published" | "retrieved" | "updated" | "as_of"
    )
}

/// A file from a later format version is refused with a message saying so,
/// rather than with the unknown-field errors its new fields would cause.
fn version_mismatch(bytes: &[u8], file: &str) -> Option<Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Header {
        format_version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_slice(bytes).ok()?;
    let version = header.format_version?.as_u64()?;
    (version > u64::from(FORMAT_VERSION)).then(|| {
        Diagnostic::error(
            file,
            format!(
                "this file is written in format version {version}; this build of factsheet reads version {FORMAT_VERSION}: update factsheet"
            ),
        )
        .at_path("format_version")
    })
}

/// serde_json's messages, reworded for people who do not read Rust types.
fn plain_words(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let raw = without_position(err);
    match err.classify() {
        Category::Eof => format!("the file ends too early ({raw}): is it cut short?"),
        Category::Syntax => format!("this is not valid JSON here: {raw}"),
        Category::Io => format!("could not read: {raw}"),
        Category::Data => reword_data_error(&raw),
    }
}

/// serde_json's message without the " at line L column C" it appends: the
/// diagnostic carries those itself.
fn without_position(err: &serde_json::Error) -> String {
    let mut raw = err.to_string();
    if let Some(i) = raw.rfind(" at line ") {
        raw.truncate(i);
    }
    raw
}

fn reword_data_error(raw: &str) -> String {
    let replacements = [
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("invalid type: ", "wrong kind of value: found "),
        ("invalid value: ", "impossible value: "),
        (
            "expected struct Dataset",
            "expected an object { ... } with a factsheet dataset",
        ),
        ("expected struct ", "expected an object "),
        ("expected a sequence", "expected a list [ ... ]"),
        ("integer `", "the number `"),
        ("floating point `", "the number `"),
        ("unknown variant", "unknown value"),
    ];
    let mut out = raw.to_string();
    for (from, to) in replacements {
        out = out.replace(from, to);
    }
    if let Some(field) = out.strip_prefix("missing field ") {
        return format!("the required field {field} is missing");
    }
    out
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
