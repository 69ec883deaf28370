//! `factsheet validate` checks quotes against the saved copies their sources
//! name: the built binary on a data file and copies the test writes, each
//! warning printed at the file's line and column.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

/// A saved page: the quote of 1,212 is in it (behind an entity and a no-break space), 1,200 is not.
const PAGE: &str = "<html><body><p>Russia handed over the bodies&nbsp;of 1,212&#160;soldiers on \
                    Wednesday.</p></body></html>\n";

/// `printf '%s' "$PAGE" | sha256sum`
const PAGE_SHA256: &str = "8310b552fb4d3db00f8f6a564f44e020fbfa3ca2080c329f3084f8df21f152ea";

const DATA: &str = r#"{
  "format_version": 2, "title": "copies",
  "sources": [
    {"id": "a", "outlet": "Agency", "saved_copy": {"path": "copies/a.html", "sha256": "PAGE_SHA256"}},
    {"id": "b", "outlet": "Paper", "saved_copy": {"path": "copies/b.txt", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}},
    {"id": "c", "outlet": "Gone", "saved_copy": {"path": "copies/gone.txt"}}
  ],
  "events": [
    {"id": "e1", "title": "t", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation", "figures": [{"id": "f", "received_by": "ukraine", "category": "remains", "claims": [
      {"source": "a", "value": {"exact": 1212}, "quote": "the bodies of 1,212 soldiers"},
      {"source": "a", "value": {"exact": 1212}, "quote": "the bodies of 1,200 soldiers"},
      {"source": "b", "value": {"exact": 1212}, "quote": "1,212 bodies"},
      {"source": "c", "value": {"exact": 1212}, "quote": "anything"}
    ]}]}
  ]
}
"#;

/// The documented example: its quote, with straight quote marks and plain
/// spaces, is in the saved page, written with entities, curly marks and a
/// line break; its hash is the page's.
#[test]
fn the_saved_copy_example_validates_without_a_warning() {
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate", "docs/examples/saved-copy.json"])
        .output()
        .expect("run the factsheet binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("1 file(s) checked: 0 error(s), 0 warning(s)"),
        "{stderr}"
    );
}

#[test]
fn validate_prints_each_saved_copy_warning_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("copies")).unwrap();
    std::fs::write(dir.path().join("copies/a.html"), PAGE).unwrap();
    std::fs::write(
        dir.path().join("copies/b.txt"),
        "Kyiv received 1,212 bodies.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("data.json"),
        DATA.replace("PAGE_SHA256", PAGE_SHA256),
    )
    .unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["validate", "data.json"])
        .output()
        .expect("run the factsheet binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    let folded =
        "(compared with quote marks, dashes and spaces folded, letters and digits as written)";
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "data.json:5:85: warning: the saved copy copies/b.txt of source \"b\" has changed: its \
             SHA-256 is not the one recorded (record the new one if the change is yours, else \
             restore the copy) (at sources[1].saved_copy.sha256)"
                .to_string(),
            "data.json:6:58: warning: the saved copy copies/gone.txt of source \"c\" cannot be \
             read: no such file (was it moved or deleted?); its quotes are not checked (at \
             sources[2].saved_copy.path)"
                .to_string(),
            format!(
                "data.json:11:58: warning: this quote is not in the saved copy copies/a.html of \
                 source \"a\" {folded} (at events[0].figures[0].claims[1].quote)"
            ),
        ]
    );
    assert!(
        stderr.contains("1 file(s) checked: 0 error(s), 3 warning(s)"),
        "{stderr}"
    );
}
