//! The built binary with files that overlap: `validate` and `summary` report
//! each merge as a warning at file:line:col, naming the other file's line and
//! column; `--no-merge` keeps the strict rule, where one id written
//! differently is an error.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/russia-ukraine-2025.json")
}

fn desk() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/factsheet-core/tests/fixtures/merge/desk.json")
}

/// Runs the binary in the repository's root, so files are named as given.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run the factsheet binary");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SAMPLE: &str = "sample_data/russia-ukraine-2025.json";
const DESK: &str = "crates/factsheet-core/tests/fixtures/merge/desk.json";

#[test]
fn validate_reports_each_merge_at_both_places() {
    assert!(sample().exists() && desk().exists());
    let (code, stdout, _) = run(&["validate", SAMPLE, DESK]);
    assert_eq!(code, Some(0), "{stdout}");
    let merges: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("are merged as"))
        .collect();
    assert_eq!(merges.len(), 5, "{stdout}");
    assert!(
        merges.contains(&format!(
            "{DESK}:115:5: warning: the event \"desk-bodies-0611\" looks like \"2025-06-11-remains\" in {SAMPLE}:466:5 (same kind, dates that meet, same receiving sides, figures that agree): they are merged as \"2025-06-11-remains\" and the claims of both are compared; write same_as or distinct_from to settle it (at events[2])"
        ).as_str()),
        "{stdout}"
    );
}

#[test]
fn summary_says_what_it_merged_and_counts_each_event_once() {
    let (code, stdout, stderr) = run(&["summary", SAMPLE, DESK, "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("are merged as"))
            .count(),
        5,
        "{stderr}"
    );
    let sheet: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        sheet["events"].as_array().map(Vec::len),
        Some(3),
        "{stdout}"
    );
}

#[test]
fn no_merge_makes_one_id_written_differently_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let same_id = dir.path().join("desk.json");
    let text = std::fs::read_to_string(desk())
        .unwrap()
        .replace("\"desk-bodies-0611\"", "\"2025-06-11-remains\"");
    std::fs::write(&same_id, text).unwrap();
    let same_id = same_id.to_str().unwrap();

    let (code, stdout, _) = run(&["validate", "--no-merge", SAMPLE, same_id]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{same_id}:115:5: error: the event \"2025-06-11-remains\" here differs from \"2025-06-11-remains\" in {SAMPLE}:466:5"
        )),
        "{stdout}"
    );
    let (code, _, stderr) = run(&["summary", "--no-merge", SAMPLE, same_id]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("no summary written"), "{stderr}");
    assert!(!stderr.contains("kept"), "{stderr}");

    // Merged, the same file is one event with a warning, and a summary.
    let (code, _, stderr) = run(&["summary", SAMPLE, same_id]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("written differently, but can be one event"),
        "{stderr}"
    );
}

#[test]
fn the_same_file_twice_is_one_copy_and_one_warning() {
    let (code, stdout, _) = run(&["validate", SAMPLE, SAMPLE]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.contains("opened twice"))
            .collect::<Vec<_>>(),
        [format!(
            "{SAMPLE}: warning: this file is opened twice: it is read once"
        )]
    );
}
