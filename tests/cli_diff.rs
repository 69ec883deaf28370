//! `factsheet diff OLD NEW` on files the tests write: its exit status (0 the
//! same, 1 different, 2 an error, as diff(1)), its Markdown and JSON, and
//! where `-o` writes.

use std::path::Path;
use std::process::Command;

use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

/// Runs the binary in `dir`, so files are named as given.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the factsheet binary");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One source and one event of 390 prisoners returned to Ukraine, `value` as the source says.
fn version(value: u64) -> serde_json::Value {
    json!({
        "format_version": 2,
        "title": "Exchanges",
        "sources": [{"id": "s1", "outlet": "Reuters", "url": "https://reuters.example/a"}],
        "events": [{
            "id": "e1", "title": "May exchange", "date": {"on": "2025-05-23"},
            "kind": "prisoner_exchange",
            "figures": [{
                "id": "f1", "received_by": "ukraine", "category": "prisoners",
                "claims": [{"source": "s1", "value": {"exact": value}}]
            }]
        }]
    })
}

/// A folder with old.json (390) and new.json (400).
fn two_versions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, v: serde_json::Value| {
        std::fs::write(
            dir.path().join(name),
            serde_json::to_vec_pretty(&v).unwrap(),
        )
        .unwrap();
    };
    write("old.json", version(390));
    write("new.json", version(400));
    dir
}

#[test]
fn the_same_data_exits_0_and_says_no_changes() {
    let dir = two_versions();
    let (code, stdout, stderr) = run(dir.path(), &["diff", "old.json", "old.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("# What changed\n"), "{stdout}");
    assert!(stdout.ends_with("\nNo changes.\n"), "{stdout}");
}

#[test]
fn a_corrected_figure_exits_1_with_the_change_and_its_source() {
    let dir = two_versions();
    let (code, stdout, stderr) = run(dir.path(), &["diff", "old.json", "new.json"]);
    assert_eq!(code, Some(1), "{stderr}");
    for line in [
        "**Old:** old.json, “Exchanges” (1 event, 1 source)  ",
        "## Totals",
        "- prisoners to Ukraine: 390 → 400 [1]",
        "## Claims changed",
        "- May exchange, prisoners to Ukraine, [1]: value 390 → 400",
        "1. Reuters, <https://reuters.example/a>",
    ] {
        assert!(
            stdout.lines().any(|l| l == line),
            "no {line:?} in\n{stdout}"
        );
    }
}

#[test]
fn json_gives_the_changes_as_data() {
    let dir = two_versions();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["diff", "old.json", "new.json", "--format", "json"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["old"]["file"], "old.json");
    assert_eq!(v["new"]["file"], "new.json");
    assert_eq!(
        v["claims_changed"][0]["changes"],
        json!([{"field": "value", "old": "390", "new": "400"}])
    );
    assert_eq!(v["totals"][0]["old"], "390");
    assert_eq!(v["totals"][0]["new"], "400");
    assert_eq!(v["totals"][0]["sources"][0]["outlet"], "Reuters");
    assert_eq!(v["claims_added"], json!([]));
}

#[test]
fn output_follows_the_file_extension_and_never_replaces_an_input() {
    let dir = two_versions();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["diff", "old.json", "new.json", "-o", "c.json"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("c.json")).unwrap()).unwrap();
    assert_eq!(written["diff_version"], 2);

    let before = std::fs::read(dir.path().join("new.json")).unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["diff", "old.json", "new.json", "-o", "new.json"],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("new.json"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("new.json")).unwrap(), before);
}

#[test]
fn a_file_with_errors_exits_2_and_says_where() {
    let dir = two_versions();
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"format_version\": 2,\n  \"title\": 7}",
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["diff", "old.json", "bad.json"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("bad.json:2:"), "{stderr}");
    assert!(
        stderr.contains("bad.json: not compared: the data has 1 error(s)"),
        "{stderr}"
    );
    let (code, _, _) = run(dir.path(), &["diff", "old.json", "missing.json"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = run(dir.path(), &["diff", "old.json"]);
    assert_eq!(code, Some(2), "a usage error");
}

#[test]
fn the_help_states_the_exit_status() {
    let dir = two_versions();
    let (code, stdout, _) = run(dir.path(), &["diff", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("Exit status: 0 the versions are the same, 1 they differ, 2 an error"),
        "{stdout}"
    );
}
