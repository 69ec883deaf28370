//! `factsheet convert`: JSON to a workbook and back gives the same data,
//! a workbook reads in `validate` and `summary` like its JSON, CSV keeps the
//! claims and says what it leaves out, and wrong extensions, .ods as output,
//! the input as output and a file with errors are refused with a message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/russia-ukraine-2025.json")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run factsheet")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn dataset(path: &Path) -> factsheet_core::model::Dataset {
    serde_json::from_slice(&std::fs::read(path).expect("reads")).expect("parses")
}

#[test]
fn json_to_a_workbook_and_back_is_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("sample.xlsx");
    let json = dir.path().join("back.json");
    let out = run(&["convert".as_ref(), sample().as_os_str(), xlsx.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sample.xlsx: written (3 events, 2 sources)"),
        "{}",
        stderr(&out)
    );
    let out = run(&["convert".as_ref(), xlsx.as_os_str(), json.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut before = dataset(&sample());
    before.format_version = factsheet_core::model::FORMAT_VERSION;
    assert_eq!(dataset(&json), before);
    // Every command reads the workbook like the JSON.
    let md = |file: &Path| {
        run(&[
            "summary".as_ref(),
            "--format".as_ref(),
            "md".as_ref(),
            file.as_os_str(),
        ])
        .stdout
    };
    assert_eq!(md(&xlsx), md(&sample()));
    let out = run(&["validate".as_ref(), xlsx.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn csv_keeps_the_claims_and_sources_and_names_what_it_leaves_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("claims.csv");
    let out = run(&["convert".as_ref(), sample().as_os_str(), csv.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note: a CSV file holds the claims alone; left out:"),
        "{err}"
    );
    assert!(dir.path().join("claims.sources.csv").exists());
    let header = std::fs::read_to_string(&csv).expect("reads");
    assert!(
        header.starts_with(
            "Event,Event date,Event kind,Figure,Received by,Category,Label,Source,Value,"
        ),
        "{header}"
    );
    let out = run(&["validate".as_ref(), csv.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn what_cannot_be_converted_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(Vec<PathBuf>, i32, &str); 4] = [
        (
            vec![sample(), dir.path().join("out.ods")],
            2,
            ".ods files are read, not written",
        ),
        (
            vec![sample(), dir.path().join("out.txt")],
            2,
            "convert writes .json, .xlsx or .csv",
        ),
        (
            vec![sample(), sample()],
            1,
            "refusing to write over the input file",
        ),
        (
            vec![
                Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"),
                dir.path().join("x.json"),
            ],
            2,
            "convert reads .json, .xlsx, .ods or .csv",
        ),
    ];
    for (paths, code, expected) in cases {
        let mut args: Vec<&std::ffi::OsStr> = vec!["convert".as_ref()];
        args.extend(paths.iter().map(|p| p.as_os_str()));
        let out = run(&args);
        assert_eq!(out.status.code(), Some(code), "{paths:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{paths:?}: {}",
            stderr(&out)
        );
    }
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Event date,Event kind,Category,Source,Value\n2025-06-11,other,soldiers,x,more then 5\n",
    )
    .expect("writes");
    let out = run(&[
        "convert".as_ref(),
        bad.as_os_str(),
        dir.path().join("bad.json").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "bad.csv: sheet Claims, row 2, column \"Value\": error: \"more then 5\" is not"
        ),
        "{err}"
    );
    assert!(!dir.path().join("bad.json").exists());
}
