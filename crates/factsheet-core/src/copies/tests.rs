//! The saved-copy check on article texts the tests write themselves: given
//! through a closure (no disk) where only the check's words matter, and as
//! real files where reading them is the point.

use std::collections::HashMap;

use super::*;

/// A file of one source, "tass", whose saved copy is `copies/tass.<ext>`
/// (with `hash`, if any), and one figure claim and one fact claim quoting it.
fn data(ext: &str, hash: Option<&str>, figure_quote: &str, fact_quote: &str) -> String {
    let hash = hash.map_or(String::new(), |h| format!(", \"sha256\": \"{h}\""));
    let q = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        r#"{{
  "format_version": 2,
  "title": "t",
  "sources": [
    {{ "id": "tass", "outlet": "TASS",
      "saved_copy": {{ "path": "copies/tass.{ext}"{hash} }} }}
  ],
  "events": [
    {{
      "id": "e1", "title": "Handover", "date": {{ "on": "2025-06-11" }}, "kind": "remains_repatriation",
      "figures": [
        {{ "id": "f1", "received_by": "ukraine", "category": "remains",
          "claims": [ {{ "source": "tass", "value": {{ "exact": 1212 }}, "quote": {} }} ] }}
      ],
      "facts": [
        {{ "id": "c1", "question": "Who confirmed it?",
          "claims": [ {{ "source": "tass", "answer": "Russia", "quote": {} }} ] }}
      ]
    }}
  ]
}}
"#,
        q(figure_quote),
        q(fact_quote)
    )
}

fn dataset(json: &str) -> Dataset {
    serde_json::from_str(json).unwrap()
}

/// A reader that gives `files` by path, and "no such file" for any other.
fn files(files: &[(&str, &[u8])]) -> impl Fn(&Path) -> Result<Vec<u8>, String> + use<> {
    let files: HashMap<PathBuf, Vec<u8>> = files
        .iter()
        .map(|(p, b)| (PathBuf::from(p), b.to_vec()))
        .collect();
    move |path: &Path| {
        files
            .get(path)
            .cloned()
            .ok_or_else(|| "no such file (was it moved or deleted?)".to_string())
    }
}

const ARTICLE: &str = "MOSCOW, June 11.\n\u{201C}Russia has handed over to Kyiv the bodies\nof 1,212 servicemen,\u{201D} \
                       the negotiator said.\nThe handover was confirmed by the Russian side\u{2019}s envoy.\n";

#[test]
fn a_quote_with_straight_quotes_and_no_line_break_is_found_in_a_text_copy_with_curly_ones() {
    let json = data(
        "txt",
        None,
        "\"Russia has handed over to Kyiv the bodies of 1,212 servicemen,\"",
        "confirmed by the Russian side's envoy",
    );
    let read = files(&[("data/copies/tass.txt", ARTICLE.as_bytes())]);
    let found = check(&dataset(&json), "d.json", Path::new("data"), &read);
    assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);
    assert_eq!(
        found.quote_found(
            "tass",
            "\"Russia has handed over to Kyiv the bodies of 1,212 servicemen,\""
        ),
        Some(true)
    );
    assert_eq!(
        found.quote_found("tass", "confirmed by the Russian side's envoy"),
        Some(true)
    );
    assert_eq!(
        found.copy("tass"),
        Some(&SourceCopy {
            file: PathBuf::from("data/copies/tass.txt"),
            hash_matches: None,
            state: CopyState::Read
        })
    );
}

#[test]
fn a_changed_number_is_not_found_and_warned_at_its_quote() {
    let json = data(
        "txt",
        None,
        "the bodies of 1,213 servicemen",
        "confirmed by the Russian side's envoy",
    );
    let read = files(&[("copies/tass.txt", ARTICLE.as_bytes())]);
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    let d = &found.diagnostics[0];
    assert_eq!(
        d.path.as_deref(),
        Some("events[0].figures[0].claims[0].quote")
    );
    assert_eq!(
        d.message,
        "this quote is not in the saved copy copies/tass.txt of source \"tass\" (compared with \
         quote marks, dashes and spaces folded, letters and digits as written)"
    );
    assert_eq!(
        found.quote_found("tass", "the bodies of 1,213 servicemen"),
        Some(false)
    );
    assert_eq!(
        found.quote_found("tass", "confirmed by the Russian side's envoy"),
        Some(true)
    );
    assert_eq!(found.quote_found("tass", "never quoted"), None);
    assert_eq!(found.tally("tass"), (1, 1));
    assert_eq!(found.tally("nobody"), (0, 0));
}

#[test]
fn an_html_copy_matches_on_its_text_entities_nbsp_tags_and_line_breaks_included() {
    let page = "<!DOCTYPE html><html><head><script>var q = 'confirmed by';</script></head><body>\
                <p>&#8220;Russia has handed over to Kyiv the <em>bodies</em>\n   of\
                &nbsp;1,212&nbsp;servicemen,&#8221; the negotiator said.</p>\
                <p>Ukraine&rsquo;s side &mdash; in Istanbul &amp; Kyiv &ndash; agreed.</p></body></html>";
    let json = data(
        "html",
        None,
        "“Russia has handed over to Kyiv the bodies of 1,212 servicemen,”",
        "Ukraine's side - in Istanbul & Kyiv - agreed.",
    );
    let read = files(&[("copies/tass.html", page.as_bytes())]);
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);

    // Words only a script holds are not the page's text.
    let json = data(
        "html",
        None,
        "Russia has handed over",
        "var q = 'confirmed by'",
    );
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert_eq!(
        found.diagnostics[0].path.as_deref(),
        Some("events[0].facts[0].claims[0].quote")
    );
}

#[test]
fn a_cut_quote_is_found_piece_by_piece_and_the_missing_words_are_named() {
    let mut d = dataset(&data("txt", None, "x", "y"));
    let claim = &mut d.events[0].figures[0].claims[0];
    claim.quote = Some(crate::model::Quote::cut(vec![
        "Russia has handed over to Kyiv".into(),
        "of 1,212 servicemen".into(),
    ]));
    d.events[0].facts[0].claims[0].quote = Some(crate::model::Quote::cut(vec![
        "Russia has handed over to Kyiv".into(),
        "of 1,500 servicemen".into(),
    ]));
    let read = files(&[("copies/tass.txt", ARTICLE.as_bytes())]);
    let found = check(&d, "d.json", Path::new(""), &read);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert!(
        found.diagnostics[0]
            .message
            .starts_with("the words \"of 1,500 servicemen\" of this quote are not in"),
        "{}",
        found.diagnostics[0].message
    );
}

#[test]
fn a_changed_hash_is_a_warning_at_the_recorded_hash_and_a_matching_one_is_not() {
    // printf 'abc' | sha256sum
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert_eq!(sha256_hex(b"abc"), abc);
    let read = files(&[("copies/tass.txt", b"abc")]);
    let json = data("txt", Some(&abc.to_ascii_uppercase()), "abc", "b");
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    assert!(found.diagnostics.is_empty(), "{:#?}", found.diagnostics);
    assert_eq!(
        found.copy("tass").map(|c| (c.hash_matches, &c.state)),
        Some((Some(true), &CopyState::Read))
    );

    let read = files(&[("copies/tass.txt", b"abd")]);
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    let paths: Vec<_> = found
        .diagnostics
        .iter()
        .map(|d| d.path.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        paths,
        [
            "sources[0].saved_copy.sha256",
            "events[0].figures[0].claims[0].quote"
        ]
    );
    assert!(
        found.diagnostics[0].message.contains("has changed"),
        "{}",
        found.diagnostics[0].message
    );
}

#[test]
fn a_missing_copy_is_a_warning_naming_the_file_and_no_quote_is_marked() {
    let json = data("txt", None, "a", "b");
    let found = check(&dataset(&json), "d.json", Path::new("data"), &files(&[]));
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    let d = &found.diagnostics[0];
    assert_eq!(d.path.as_deref(), Some("sources[0].saved_copy.path"));
    assert_eq!(
        d.message,
        "the saved copy data/copies/tass.txt of source \"tass\" cannot be read: no such file \
         (was it moved or deleted?); its quotes are not checked"
    );
    assert_eq!(found.quote_found("tass", "a"), None);
}

#[test]
fn binary_data_and_a_web_archive_are_warned_of_without_a_panic() {
    let json = data("txt", None, "a", "b");
    let read = files(&[("copies/tass.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe")]);
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert!(
        found.diagnostics[0]
            .message
            .contains("it is not UTF-8 text"),
        "{}",
        found.diagnostics[0].message
    );

    // An archive's quotes are not looked for, but its hash is still compared
    // (64 zeros are no file's SHA-256).
    let zeros = "0".repeat(64);
    let json = data("wacz", Some(&zeros), "a", "b");
    let read = files(&[("copies/tass.wacz", b"PK\x03\x04")]);
    let found = check(&dataset(&json), "d.json", Path::new(""), &read);
    let paths: Vec<_> = found
        .diagnostics
        .iter()
        .map(|d| d.path.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        paths,
        ["sources[0].saved_copy.sha256", "sources[0].saved_copy.path"]
    );
    assert!(
        found.diagnostics[1]
            .message
            .contains("is a web archive (WACZ or WARC), which factsheet does not read yet"),
        "{}",
        found.diagnostics[1].message
    );
    assert_eq!(
        found.copy("tass").map(|c| (c.hash_matches, &c.state)),
        Some((Some(false), &CopyState::NotSupported))
    );
}

#[test]
fn from_disk_a_huge_copy_a_folder_and_a_real_file_are_each_handled() {
    let dir = tempfile::tempdir().unwrap();
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    // A sparse file just over the cap: refused by its size, never read.
    let huge = std::fs::File::create(copies.join("tass.txt")).unwrap();
    huge.set_len(MAX_COPY_BYTES + 1).unwrap();
    let json = data("txt", None, "a", "b");
    let found = check(&dataset(&json), "d.json", dir.path(), &Disk);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert!(
        found.diagnostics[0]
            .message
            .contains("the file is 65 MB, more than the 64 MB this program opens"),
        "{}",
        found.diagnostics[0].message
    );

    std::fs::remove_file(copies.join("tass.txt")).unwrap();
    std::fs::create_dir(copies.join("tass.txt")).unwrap();
    let found = check(&dataset(&json), "d.json", dir.path(), &Disk);
    assert!(
        found.diagnostics[0]
            .message
            .contains("cannot be read: this is a folder, not a file"),
        "{}",
        found.diagnostics[0].message
    );

    std::fs::remove_dir(copies.join("tass.txt")).unwrap();
    std::fs::write(copies.join("tass.txt"), ARTICLE).unwrap();
    let json = data("txt", None, "of 1,212 servicemen", "confirmed by Moscow");
    let found = check(&dataset(&json), "d.json", dir.path(), &Disk);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert_eq!(
        found.diagnostics[0].path.as_deref(),
        Some("events[0].facts[0].claims[0].quote")
    );
}

#[test]
fn a_load_from_disk_checks_each_file_against_its_folder_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("copies")).unwrap();
    std::fs::write(dir.path().join("copies/tass.txt"), ARTICLE).unwrap();
    let file = dir.path().join("d.json");
    std::fs::write(
        &file,
        data("txt", None, "of 1,212 servicemen", "confirmed by Moscow"),
    )
    .unwrap();
    let plain = dir.path().join("plain.json");
    std::fs::write(&plain, r#"{"format_version": 1, "title": "no copies"}"#).unwrap();
    let report = crate::load::load_paths(&[plain, file.clone()], jiff::civil::date(2026, 1, 1));
    let lines: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    // The fact claim's quote: line 17 of the file `data` writes, its value at column 72.
    assert_eq!(
        lines,
        [format!(
            "{}:17:72: warning: this quote is not in the saved copy {} of source \"tass\" \
             (compared with quote marks, dashes and spaces folded, letters and digits as \
             written) (at events[0].facts[0].claims[0].quote)",
            file.display(),
            dir.path().join("copies/tass.txt").display()
        )]
    );
    assert_eq!(
        report.copies.quote_found("tass", "of 1,212 servicemen"),
        Some(true)
    );

    // The same text given in memory has no folder: its copies are not looked for.
    let bytes = std::fs::read(&file).unwrap();
    let report = crate::load::load_bytes(
        vec![("d.json".to_string(), bytes)],
        jiff::civil::date(2026, 1, 1),
    );
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.copies.copy("tass").is_none());
}

#[test]
fn a_copy_is_recorded_relative_to_the_data_files_folder_and_rebased_when_saved_elsewhere() {
    let read = files(&[("/data/copies/a.txt", b"abc"), ("/elsewhere/a.txt", b"abc")]);
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    let copy = record(Path::new("/data/copies/a.txt"), Path::new("/data"), &read).unwrap();
    assert_eq!(
        (copy.path.as_str(), copy.sha256.as_deref()),
        ("copies/a.txt", Some(abc))
    );
    // Outside the data's folder: the whole path, never "../".
    let outside = record(Path::new("/elsewhere/a.txt"), Path::new("/data"), &read).unwrap();
    assert_eq!(outside.path.as_str(), "/elsewhere/a.txt");
    assert_eq!(
        record(Path::new("/data/gone.txt"), Path::new("/data"), &read).unwrap_err(),
        "no such file (was it moved or deleted?)"
    );

    let mut d = dataset(&data("txt", None, "a", "b"));
    rebase(&mut d, Path::new("/data"), Path::new("/data/copies"));
    let path = |d: &Dataset| d.sources[0].saved_copy.as_ref().unwrap().path.to_string();
    assert_eq!(path(&d), "tass.txt");
    rebase(&mut d, Path::new("/data/copies"), Path::new("/other"));
    assert_eq!(path(&d), "/data/copies/tass.txt");
}

/// A pipe named as a copy is refused at once: opening it to read would wait
/// for a writer that never comes.
#[cfg(unix)]
#[test]
fn a_pipe_named_as_a_copy_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("copies");
    std::fs::create_dir(&fifo).unwrap();
    let fifo = fifo.join("tass.txt");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a mode; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let json = data("txt", None, "a", "b");
    let found = check(&dataset(&json), "d.json", dir.path(), &Disk);
    assert_eq!(found.diagnostics.len(), 1, "{:#?}", found.diagnostics);
    assert!(
        found.diagnostics[0].message.contains(
            "cannot be read: this is not a regular file (a pipe, a socket or a device): it is not read"
        ),
        "{}",
        found.diagnostics[0].message
    );
}
