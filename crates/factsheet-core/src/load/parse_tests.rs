//! Tests of reading and parsing a whole file (load/parse.rs).

use super::*;
use std::io::Write;

/// A valid file of `n` events, each `"ev-…"` id written with `letter` instead of `v`.
fn dataset_text(letter: char) -> String {
    String::from_utf8(crate::testing::generated_bytes(5, 3))
        .unwrap()
        .replace("\"ev-", &format!("\"e{letter}-"))
}

#[test]
fn a_file_rewritten_during_the_read_is_read_again_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moving.json");
    let (old, new) = (dataset_text('v'), dataset_text('w'));
    assert_eq!(old.len(), new.len());
    std::fs::write(&path, &old).unwrap();
    let mut reads = 0;
    let bytes = read_file_with(&path, MAX_FILE_BYTES, &|| false, |file, buf| {
        use std::io::Read;
        reads += 1;
        // Half of the old version, then the file is rewritten in place (same size).
        let mut half = vec![0; old.len() / 2];
        file.read_exact(&mut half)?;
        buf.extend_from_slice(&half);
        if reads == 1 {
            std::fs::write(&path, &new)?;
        }
        file.read_to_end(buf).map(|_| ())
    })
    .unwrap();
    assert_eq!(reads, 2, "the changed read should have been done again");
    assert_eq!(String::from_utf8(bytes.0).unwrap(), new);
    // Without the check, the first read was a mix that still parses.
    let half = old.len() / 2;
    let mixed = [&old.as_bytes()[..half], &new.as_bytes()[half..]].concat();
    assert!(parse_dataset(&mixed, "mixed.json").is_ok());
}

#[test]
fn a_file_that_keeps_changing_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.json");
    std::fs::write(&path, dataset_text('v')).unwrap();
    let mut reads = 0;
    let err = read_file_with(&path, MAX_FILE_BYTES, &|| false, |file, buf| {
        use std::io::Read;
        reads += 1;
        file.read_to_end(buf)?;
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)?
            .write_all(b" ")
    })
    .unwrap_err();
    assert_eq!(reads, READ_ATTEMPTS);
    assert_eq!(err.file, path.display().to_string());
    assert!(
        err.message.contains("changed while it was being read"),
        "{err}"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_read_error_names_the_file() {
    // /proc/self/mem answers a read at offset 0 with EIO, even for root
    // (who reads any file whatever its permissions).
    let err = read_file(Path::new("/proc/self/mem")).unwrap_err();
    assert_eq!(err.file, "/proc/self/mem");
    assert!(err.message.contains("could not read"), "{err}");
}

fn err(text: &str) -> Diagnostic {
    parse_dataset(text.as_bytes(), "t.json").unwrap_err()
}

#[test]
fn syntax_error_has_line_and_column() {
    let d = err("{\n  \"format_version\": 1,\n  \"title\": \"x\",,\n}");
    assert_eq!((d.line, d.column), (Some(3), Some(16)), "{d}");
    assert!(d.message.contains("not valid JSON"), "{d}");
}

#[test]
fn syntax_error_column_counts_characters_not_bytes() {
    // "Обмін" is 5 characters in 10 bytes and each of «» 1 in 2: the second
    // comma, where the error is, is character 27 of its line (byte 34), as an
    // editor counts it.
    let d = err("{\n  \"format_version\": 1,\n  \"title\": \"Обмін «1000»\",,\n}");
    assert_eq!((d.line, d.column), (Some(3), Some(27)), "{d}");
    // A large number after curly quotes, told again as written, counts the same way.
    let d = err("{\"title\": \"«»\", \"format_version\": 18446744073709551616}");
    assert_eq!(d.column, Some(35), "{d}");
}

#[test]
fn type_error_has_path_and_position() {
    let text = r#"{"format_version": 1, "title": "t", "events": [
            {"id": "e", "title": "t", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation",
             "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
               "claims": [{"source": "s", "value": {"exact": -3}}]}]}]}"#;
    let d = err(text);
    assert_eq!(
        d.path.as_deref(),
        Some("events[0].figures[0].claims[0].value.exact"),
        "{d}"
    );
    assert_eq!(d.line, Some(4), "{d}");
    assert!(d.message.contains("whole number"), "{d}");
}

#[test]
fn bad_date_says_what_a_date_looks_like() {
    let text = r#"{"format_version": 1, "title": "t", "events": [
            {"id": "e", "title": "t", "date": {"on": "2025-02-30"}, "kind": "other"}]}"#;
    let d = err(text);
    assert_eq!(d.path.as_deref(), Some("events[0].date.on"), "{d}");
    assert!(d.message.contains("YYYY-MM-DD"), "{d}");
    let text = text.replace("2025-02-30", "2025-13-01");
    assert!(err(&text).message.contains("YYYY-MM-DD"));
}

#[test]
fn missing_field_is_named() {
    let d = err(r#"{"format_version": 1}"#);
    assert!(d.message.contains("`title`"), "{d}");
}

#[test]
fn empty_binary_and_newer_files_are_refused_clearly() {
    assert!(err("").message.contains("empty"));
    let blank = err("  \n ");
    assert!(blank.message.contains("empty"), "{blank}");
    assert_eq!((blank.line, blank.column), (Some(2), Some(2)), "{blank}");
    let bin = parse_dataset(&[0xff, 0xfe, 0x00, 0x12], "b.json").unwrap_err();
    assert!(bin.line.is_some(), "{bin}");
    let newer = err(r#"{"format_version": 7, "title": "t", "new_thing": 1}"#);
    assert!(newer.message.contains("version 7"), "{newer}");
}

#[test]
fn deep_nesting_and_huge_numbers_do_not_panic() {
    let deep = "[".repeat(100_000);
    assert!(parse_dataset(deep.as_bytes(), "d.json").is_err());
    let huge = r#"{"format_version": 99999999999999999999999999, "title": "t"}"#;
    assert!(parse_dataset(huge.as_bytes(), "h.json").is_err());
}

#[test]
fn a_field_list_naming_dates_is_not_a_date_error() {
    let d = err(r#"{"format_version": 1, "title": "t", "colour": "red"}"#);
    assert!(d.message.contains("unknown field `colour`"), "{d}");
    assert!(!d.message.contains("YYYY"), "{d}");
    let d = err(r#"{"format_version": 1, "title": "t", "events": [
            {"id": "e", "title": "t", "date": {"on": "11 June 2025"}, "kind": "other"}]}"#);
    assert!(d.message.contains("YYYY-MM-DD"), "{d}");
}

#[test]
fn lists_binary_and_utf16_are_named_for_what_they_are() {
    let list = err("\n  [1, 2]");
    assert!(list.message.contains("holds a list"), "{list}");
    assert_eq!((list.line, list.column), (Some(2), Some(3)), "{list}");
    let bin = parse_dataset(&[0x89, b'P', b'N', b'G', 0, 0], "x.png").unwrap_err();
    assert!(bin.message.contains("binary"), "{bin}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("{}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let d = parse_dataset(&utf16, "u.json").unwrap_err();
    assert!(d.message.contains("UTF-16"), "{d}");
    // A syntax error in an object is still told by the parser, with its position.
    let d = err("{\"format_version\": 1,, }");
    assert!(d.message.contains("not valid JSON"), "{d}");
    assert_eq!(d.path, None, "{d}");
}

/// A file whose only claim has the value `value`, on line 4.
fn claim_valued(value: &str) -> String {
    format!(
        "{{\"format_version\": 1, \"title\": \"t\", \"events\": [\n\
             {{\"id\": \"e\", \"title\": \"t\", \"date\": {{\"on\": \"2025-06-11\"}}, \"kind\": \"other\",\n\
             \"figures\": [{{\"id\": \"f\", \"received_by\": \"ukraine\", \"category\": \"remains\",\n\
             \"claims\": [{{\"source\": \"s\", \"value\": {value}}}]}}]}}]}}"
    )
}

fn message_at(d: &Diagnostic) -> (&str, Option<&str>, Option<usize>, Option<usize>) {
    (&d.message, d.path.as_deref(), d.line, d.column)
}

#[test]
fn a_count_too_large_is_told_with_its_digits_as_written() {
    let exact = "events[0].figures[0].claims[0].value.exact";
    // `"claims": [{"source": "s", "value": {"exact": ` is 46 bytes.
    let d = err(&claim_valued(r#"{"exact": 18446744073709551616}"#));
    assert_eq!(
        message_at(&d),
        (
            "the number 18446744073709551616 is too large for a count \
                 (at most 18446744073709551615)",
            Some(exact),
            Some(4),
            Some(47)
        )
    );
    let d = err(&claim_valued(
        r#"{"exact": 123456789012345678901234567890}"#,
    ));
    assert_eq!(
        d.message,
        "the number 123456789012345678901234567890 is too large for a count \
             (at most 18446744073709551615)"
    );
    let d = err(&claim_valued(r#"{"exact": -18446744073709551616}"#));
    assert_eq!(
        message_at(&d),
        (
            "the number -18446744073709551616 is below 0: a count is a whole number, 0 or more",
            Some(exact),
            Some(4),
            Some(47)
        )
    );
    // The largest count still loads.
    assert!(
        parse_dataset(
            claim_valued(r#"{"exact": 18446744073709551615}"#).as_bytes(),
            "t.json"
        )
        .is_ok()
    );
}

#[test]
fn a_fraction_where_a_count_belongs_is_quoted_as_written() {
    let d = err(&claim_valued(r#"{"range": {"low": 1, "high": 1e3}}"#));
    assert_eq!(
        message_at(&d),
        (
            "wrong kind of value: found the number `1e3`, expected a whole number, 0 or more",
            Some("events[0].figures[0].claims[0].value.range.high"),
            Some(4),
            Some(66)
        )
    );
}

#[test]
fn a_huge_number_where_text_belongs_is_not_called_a_count() {
    let d = err(r#"{"format_version": 1, "title": 18446744073709551616}"#);
    assert_eq!(
        d.message,
        "wrong kind of value: found the number `1.8446744073709552e+19`, expected a string"
    );
    assert_eq!(d.path.as_deref(), Some("title"));
}

const LONE_HALF: &str = "this is not valid JSON here: a \\u escape names half of a UTF-16 \
        pair (\\ud800) without its other half: write the character itself, or both halves of \
        its pair";

#[test]
fn a_lone_surrogate_escape_is_named_where_it_starts() {
    let d = err("{\"format_version\": 1,\n \"title\": \"a\\ud800b\"}");
    assert_eq!(
        message_at(&d),
        (LONE_HALF, Some("title"), Some(2), Some(13))
    );
    // Cut short by the string's end, or followed by an escape that is no second half.
    let d = err("{\"format_version\": 1, \"title\": \"a\\ud800\"}");
    assert_eq!(
        message_at(&d),
        (LONE_HALF, Some("title"), Some(1), Some(34))
    );
    let d = err("{\"format_version\": 1, \"title\": \"a\\ud800\\u0041\"}");
    assert_eq!(
        message_at(&d),
        (LONE_HALF, Some("title"), Some(1), Some(34))
    );
    // Written as in the file, a second half on its own too.
    let d = err("{\"format_version\": 1, \"title\": \"a\\uDC00\"}");
    assert_eq!(
        (d.message.as_str(), d.column),
        (LONE_HALF.replace("\\ud800", "\\uDC00").as_str(), Some(34))
    );
}

#[test]
fn a_lone_surrogate_is_found_past_pairs_and_escaped_backslashes() {
    // A whole pair (an emoji), then `\\ud800` (a backslash and text), then the lone half.
    let text = "{\"format_version\": 1, \"title\": \"\\ud83d\\ude00 \\\\ud800 \\ud800 x\"}";
    let d = err(text);
    assert_eq!(d.message, LONE_HALF);
    assert_eq!(d.column, Some(1 + text.rfind("\\ud800").unwrap()));
    // A pair alone is no error.
    let fine = "{\"format_version\": 1, \"title\": \"\\ud83d\\ude00\"}";
    assert_eq!(
        parse_dataset(fine.as_bytes(), "t.json").unwrap().title,
        "\u{1F600}"
    );
}

#[test]
fn end_of_file_columns_are_one_based() {
    let d = err("{\"format_version\": 1,\n");
    assert!(d.column.is_some_and(|c| c >= 1), "{d}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}{\"format_version\": 1, \"title\": \"t\"}";
    assert_eq!(parse_dataset(text.as_bytes(), "b.json").unwrap().title, "t");
    let bad = err("\u{feff}{\"format_version\": 1, \"title\": 5}");
    assert_eq!(bad.path.as_deref(), Some("title"), "{bad}");
}

#[test]
fn trailing_garbage_is_an_error() {
    let d = err(r#"{"format_version": 1, "title": "t"} xyz"#);
    assert_eq!(d.line, Some(1), "{d}");
}

#[test]
fn a_stream_is_capped_and_judged_by_its_first_block() {
    let read = |bytes: &[u8], cap: u64| {
        let mut buf = Vec::new();
        read_stream(&mut std::io::Cursor::new(bytes), &mut buf, cap).map(|()| buf)
    };
    let json = b"{\"format_version\": 1}";
    assert_eq!(read(json, 1 << 20).unwrap(), json);
    let too_long = vec![b' '; 200_000];
    let err = read(&[b"{".as_slice(), &too_long].concat(), 100_000).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
    assert!(
        io_message(&err).contains("more than the 0 MB"),
        "{}",
        io_message(&err)
    );
    let err = read(&[0u8; 10], 1 << 20).unwrap_err();
    assert!(err.to_string().contains("binary data"), "{err}");
    let spaces = vec![b' '; JUDGED_AFTER + 10];
    let err = read(&spaces, 4 << 20).unwrap_err();
    assert!(err.to_string().contains("only spaces"), "{err}");
    let words = [b"hello ".as_slice(), &vec![b'x'; JUDGED_AFTER]].concat();
    let err = read(&words, 4 << 20).unwrap_err();
    assert!(
        err.to_string().contains("does not begin like a JSON file"),
        "{err}"
    );
}
