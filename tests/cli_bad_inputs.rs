//! The built binary's `validate` on bad input: every file under `tests/bad/`, and
//! inputs too large or too odd to commit (deep nesting, a very long string, a
//! folder, a missing file, a generated file cut short at several points).
//!
//! Each must end in exit code 1 (0 for the files named `warn_*` or `ok_*`, which
//! are valid), never 101 or a panic message, and every diagnostic must name the
//! file and say where: line and column, or a JSON path. Each file under
//! `tests/bad/` must also be refused for its own reason, listed in `REASONS`.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn validate(paths: &[&Path]) -> Outcome {
    let out = Command::new(BIN)
        .arg("validate")
        .args(paths)
        .output()
        .expect("run the factsheet binary");
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(bad_dir())
        .expect("tests/bad exists")
        .map(|e| e.expect("list tests/bad").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Whether the file is meant to be valid (warnings allowed).
fn meant_valid(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("warn_") || name.starts_with("ok_")
}

/// Checks one run: no panic, the expected exit code, and diagnostics that say where.
/// `positioned` is false only for inputs with no text to point into (a folder, a missing file).
fn check(path: &Path, outcome: &Outcome, expect_code: i32, positioned: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let label = path.display().to_string();
    let all = format!("{}{}", outcome.stdout, outcome.stderr);
    if outcome.code == Some(101) || all.contains("panicked") {
        problems.push(format!("{label}: panicked:\n{all}"));
        return problems;
    }
    if outcome.code != Some(expect_code) {
        problems.push(format!(
            "{label}: exit code {:?}, expected {expect_code}:\n{all}",
            outcome.code
        ));
    }
    let diagnostics: Vec<&str> = outcome
        .stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    let wanted = if expect_code == 0 {
        ": warning: "
    } else {
        ": error: "
    };
    if !label.contains("ok_") && !diagnostics.iter().any(|l| l.contains(wanted)) {
        problems.push(format!("{label}: no line with {wanted:?}:\n{all}"));
    }
    for line in diagnostics {
        let Some(rest) = line.strip_prefix(&label) else {
            problems.push(format!(
                "{label}: diagnostic does not start with the file: {line}"
            ));
            continue;
        };
        let has_position = rest
            .strip_prefix(':')
            .and_then(|r| r.split_once(':'))
            .is_some_and(|(l, r)| {
                l.parse::<usize>().is_ok()
                    && r.split_once(':')
                        .is_some_and(|(c, _)| c.parse::<usize>().is_ok())
            });
        let has_path = line.ends_with(')') && line.contains(" (at ");
        if positioned && !has_position && !has_path {
            problems.push(format!(
                "{label}: diagnostic says neither line:col nor path: {line}"
            ));
        }
    }
    problems
}

#[test]
fn every_bad_file_is_refused_with_a_located_message() {
    let files = bad_files();
    assert!(
        files.len() >= 30,
        "tests/bad has only {} files",
        files.len()
    );
    let mut problems = Vec::new();
    for path in &files {
        let expect = if meant_valid(path) { 0 } else { 1 };
        problems.extend(check(path, &validate(&[path]), expect, true));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Why each file under `tests/bad/` is bad, as the diagnostics must say it:
/// every diagnostic the file gets, as where (line:col) and a phrase of its
/// message naming that file's own defect.
const REASONS: &[(&str, &[(&str, &str)])] = &[
    (
        "array_not_object.json",
        &[("1:1", "error: the file holds a list")],
    ),
    (
        "binary_junk.bin",
        &[(
            "1:1",
            "error: this is not a JSON text file (it looks like binary data)",
        )],
    ),
    (
        "counts_too_large_to_add.json",
        &[
            (
                "18:9",
                "error: the counts up to here add up to more than 18,446,744,073,709,551,615",
            ),
            (
                "16:59",
                "warning: one claim of 18,446,744,073,709,551,615 people",
            ),
            (
                "22:59",
                "warning: one claim of 18,446,744,073,709,551,615 people",
            ),
        ],
    ),
    (
        "dangling_references.json",
        &[
            (
                "5:75",
                "error: no agreement has the id \"no-such-talks\" (at events[0].agreement)",
            ),
            (
                "5:219",
                "error: the claim cites \"nobody\", but no source has that id",
            ),
            ("3:15", "warning: the source \"s1\" is never cited"),
        ],
    ),
    (
        "date_in_prose.json",
        &[("5:60", "error: expected a real date written YYYY-MM-DD")],
    ),
    (
        "duplicate_event_ids.json",
        &[("6:12", "error: the event id \"e1\" is used twice")],
    ),
    (
        "duplicate_key.json",
        &[("3:9", "error: duplicate field `title`")],
    ),
    (
        "duplicate_source_ids.json",
        &[("3:57", "error: the source id \"s1\" is used twice")],
    ),
    ("empty.json", &[("1:1", "error: the file is empty")]),
    (
        "fractional_count.json",
        &[(
            "5:214",
            "error: wrong kind of value: found the number `12.5`, expected a whole number",
        )],
    ),
    (
        "huge_count.json",
        &[(
            "5:214",
            "error: the number 99999999999999999999999999 is too large for a count",
        )],
    ),
    (
        "impossible_date.json",
        &[(
            "5:58",
            "error: expected a real date written YYYY-MM-DD: parsed date is not valid",
        )],
    ),
    (
        "invalid_utf8.json",
        &[(
            "3:46",
            "error: this is not valid JSON here: invalid unicode code point (at sources[0].outlet)",
        )],
    ),
    (
        "lone_surrogate.json",
        &[(
            "3:39",
            "error: this is not valid JSON here: a \\u escape names half of a UTF-16 pair",
        )],
    ),
    (
        "missing_event_date.json",
        &[(
            "4:56",
            "error: the required field `date` is missing (at events[0])",
        )],
    ),
    (
        "missing_format_version.json",
        &[(
            "3:1",
            "error: the required field `format_version` is missing",
        )],
    ),
    (
        "negative_count.json",
        &[("5:215", "error: impossible value: the number `-3`")],
    ),
    (
        "newer_format_version.json",
        &[("2:21", "error: this file is written in format version 7")],
    ),
    (
        "nul_bytes.json",
        &[(
            "1:1",
            "error: this is not a JSON text file (it looks like binary data)",
        )],
    ),
    (
        "null.json",
        &[(
            "1:4",
            "error: wrong kind of value: found null, expected an object",
        )],
    ),
    ("ok_utf8_bom.json", &[]),
    (
        "older_format_version.json",
        &[("2:21", "error: unsupported format version 0")],
    ),
    (
        "overflowing_float_count.json",
        &[(
            "5:218",
            "error: this is not valid JSON here: number out of range",
        )],
    ),
    (
        "same_as_and_distinct_from.json",
        &[(
            "6:18",
            "error: \"sample-e1\" is in both same_as and distinct_from",
        )],
    ),
    (
        "saved_copy_fields.json",
        &[
            ("3:72", "error: the saved copy's path is empty"),
            (
                "3:87",
                "error: \"abc123\" is not a SHA-256: expected 64 hexadecimal digits",
            ),
        ],
    ),
    (
        "syntax_double_comma.json",
        &[(
            "3:50",
            "error: this is not valid JSON here: key must be a string",
        )],
    ),
    (
        "trailing_data.json",
        &[(
            "5:1",
            "error: this is not valid JSON here: trailing characters",
        )],
    ),
    (
        "truncated.json",
        &[("5:1", "error: the file ends too early")],
    ),
    (
        "unknown_field.json",
        &[("4:10", "error: unknown field `colour`")],
    ),
    (
        "unknown_quantity_form.json",
        &[("5:213", "error: unknown value `exactly`")],
    ),
    (
        "upside_down_range.json",
        &[(
            "5:214",
            "error: the range is upside down: low 900 is above high 10",
        )],
    ),
    ("utf16.json", &[("1:1", "error: the file is UTF-16 text")]),
    (
        "warn_future_date.json",
        &[("5:47", "warning: the date 2099-06-11 is in the future")],
    ),
    (
        "warn_same_as_own_event.json",
        &[
            ("6:18", "warning: same_as names this item's own id \"e1\""),
            ("6:24", "warning: same_as names \"e2\" of this same file"),
        ],
    ),
    (
        "warn_unsafe_link_and_uncited_source.json",
        &[
            (
                "3:56",
                "warning: \"javascript:alert(1)\" is not an http or https link",
            ),
            (
                "3:80",
                "warning: the source \"s2\" is never cited by a claim",
            ),
        ],
    ),
    (
        "whitespace_only.json",
        &[("3:1", "error: the file is empty")],
    ),
    (
        "wrong_type_title.json",
        &[(
            "3:12",
            "error: wrong kind of value: found the number `5`, expected a string (at title)",
        )],
    ),
];

#[test]
fn each_bad_file_is_refused_for_its_own_reason() {
    let names: Vec<String> = bad_files()
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .collect();
    let listed: Vec<&str> = REASONS.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, listed, "tests/bad and REASONS list different files");
    let mut problems = Vec::new();
    for (name, reasons) in REASONS {
        let path = bad_dir().join(name);
        let label = path.display().to_string();
        let outcome = validate(&[&path]);
        let diagnostics: Vec<&str> = outcome
            .stdout
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .collect();
        if diagnostics.len() != reasons.len() {
            problems.push(format!(
                "{name}: {} diagnostics, expected {}:\n{}",
                diagnostics.len(),
                reasons.len(),
                outcome.stdout
            ));
        }
        for (at, phrase) in *reasons {
            let start = format!("{label}:{at}: ");
            if !diagnostics
                .iter()
                .any(|l| l.starts_with(&start) && l.contains(phrase))
            {
                problems.push(format!(
                    "{name}: no diagnostic at {at} saying {phrase:?}:\n{}",
                    outcome.stdout
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn all_bad_files_at_once_do_not_panic() {
    let files = bad_files();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let outcome = validate(&paths);
    assert_eq!(
        outcome.code,
        Some(1),
        "{}{}",
        outcome.stdout,
        outcome.stderr
    );
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    for path in files.iter().filter(|p| !meant_valid(p)) {
        assert!(
            outcome.stdout.contains(&path.display().to_string()),
            "{} is not mentioned:\n{}",
            path.display(),
            outcome.stdout
        );
    }
}

/// A problem unless a line of `outcome` starts with the file and holds `what`.
fn says(path: &Path, outcome: &Outcome, what: &str) -> Option<String> {
    let file = path.display().to_string();
    (!outcome
        .stdout
        .lines()
        .any(|l| l.starts_with(&file) && l.contains(what)))
    .then(|| format!("{file}: no line saying {what:?}:\n{}", outcome.stdout))
}

#[test]
fn inputs_too_big_or_odd_to_commit() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();

    // 100,000 levels of nesting where a string belongs.
    let deep = dir.path().join("deep_nesting.json");
    let text = format!(
        "{{\"format_version\": 1, \"title\": \"t\", \"description\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(&deep, text).unwrap();
    let outcome = validate(&[&deep]);
    problems.extend(check(&deep, &outcome, 1, true));
    problems.extend(says(
        &deep,
        &outcome,
        ":1:51: error: wrong kind of value: found sequence, expected a string (at description)",
    ));

    // 100,000 levels of nesting on their own.
    let bare = dir.path().join("deep_bare.json");
    std::fs::write(&bare, "[".repeat(100_000)).unwrap();
    let outcome = validate(&[&bare]);
    problems.extend(check(&bare, &outcome, 1, true));
    problems.extend(says(&bare, &outcome, ":1:1: error: the file holds a list"));

    // A 20 MB string where a number belongs, and a 20 MB valid title.
    let long = dir.path().join("long_string.json");
    let huge = "ж".repeat(10_000_000);
    std::fs::write(
        &long,
        format!("{{\"format_version\": 1, \"title\": \"t\", \"updated\": \"{huge}\"}}"),
    )
    .unwrap();
    let outcome = validate(&[&long]);
    problems.extend(check(&long, &outcome, 1, true));
    problems.extend(says(
        &long,
        &outcome,
        ": error: expected a real date written YYYY-MM-DD",
    ));
    let long_ok = dir.path().join("warn_long_title.json");
    std::fs::write(
        &long_ok,
        format!("{{\"format_version\": 1, \"title\": \"{huge}\", \"updated\": \"2099-01-01\"}}"),
    )
    .unwrap();
    let outcome = validate(&[&long_ok]);
    problems.extend(check(&long_ok, &outcome, 0, true));
    problems.extend(says(
        &long_ok,
        &outcome,
        ":1:10000047: warning: the last-update date 2099-01-01 is in the future",
    ));

    // A folder and a file that is not there.
    let folder = dir.path().join("a_folder.json");
    std::fs::create_dir(&folder).unwrap();
    let outcome = validate(&[&folder]);
    problems.extend(check(&folder, &outcome, 1, false));
    problems.extend(says(
        &folder,
        &outcome,
        ": error: this is a folder, not a file",
    ));
    let missing = dir.path().join("missing.json");
    let outcome = validate(&[&missing]);
    problems.extend(check(&missing, &outcome, 1, false));
    problems.extend(says(&missing, &outcome, ": error: no such file"));

    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_generated_file_cut_short_anywhere_is_an_error_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut full = Vec::new();
    factsheet_generate::write_dataset(
        &mut full,
        factsheet_generate::Options {
            events: 50,
            seed: 11,
        },
    )
    .unwrap();
    let mut problems = Vec::new();
    // Cut points spread over the file, some inside multi-byte characters.
    for k in 1..12 {
        let cut = full.len() * k / 12;
        let path = dir.path().join(format!("cut_at_{cut}.json"));
        std::fs::write(&path, &full[..cut]).unwrap();
        problems.extend(check(&path, &validate(&[&path]), 1, true));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Devices and pipes have no size to check first: they are refused by their
/// first block, not read until memory runs out.
#[cfg(unix)]
#[test]
fn endless_devices_and_pipes_are_refused_by_their_first_block() {
    use std::io::Write;
    use std::process::Stdio;

    let zero = validate(&[Path::new("/dev/zero")]);
    assert_eq!(zero.code, Some(1));
    assert!(zero.stdout.contains("/dev/zero: error:"), "{}", zero.stdout);
    assert!(zero.stdout.contains("binary data"), "{}", zero.stdout);

    // `yes ' ' | factsheet validate /dev/stdin`: more spaces than the reader takes.
    let mut child = Command::new(BIN)
        .args(["validate", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the factsheet binary");
    let mut stdin = child.stdin.take().expect("a pipe to standard input");
    let writer = std::thread::spawn(move || {
        let spaces = vec![b' '; 1 << 16];
        // Ends when the reader has refused the stream and closed its end.
        while stdin.write_all(&spaces).is_ok() {}
    });
    let out = child.wait_with_output().expect("wait for factsheet");
    writer.join().expect("the writer thread");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("only spaces and line breaks"), "{stdout}");
}
