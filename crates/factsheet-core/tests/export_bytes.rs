//! The exports, byte for byte: the sample and a hostile generated dataset
//! (markup, formulas, line breaks, controls, unknown outlets and odd links in
//! every text a reader sees) written in each format must equal the committed
//! files in tests/fixtures/export/, in memory and streamed to a file alike.
//!
//! The committed files were first written by the summary writers before they
//! were rebuilt to stream borrowed texts (commit 5fadcb9), and changed since
//! only by deliberate changes of output. Such a change is a fix: regenerate
//! them with `FACTSHEET_UPDATE_EXPORTS=1 cargo test --test export_bytes` and
//! review the diff.

use std::path::{Path, PathBuf};

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load;
use factsheet_core::model::Dataset;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn load(path: &Path) -> Dataset {
    load::load_paths(&[path], jiff::civil::date(2026, 1, 1))
        .into_result()
        .unwrap_or_else(|e| panic!("{} does not load: {e:#?}", path.display()))
        .0
}

/// The HTML names the version that wrote it; the committed files say 0.1.0.
fn same_version(bytes: Vec<u8>) -> Vec<u8> {
    let now = format!("factsheet {}", env!("CARGO_PKG_VERSION"));
    String::from_utf8(bytes)
        .unwrap()
        .replace(&now, "factsheet 0.1.0")
        .into_bytes()
}

fn check(name: &str, data: &Path) {
    let dataset = load(data);
    let options = SummaryOptions::default();
    let summary = export::build(&dataset, &options);
    let dir = tempfile::tempdir().unwrap();
    let update = std::env::var_os("FACTSHEET_UPDATE_EXPORTS").is_some();
    for format in Format::ALL {
        let expected_path = fixtures().join(format!("{name}.{}", format.extension()));
        let in_memory = same_version(export::render(&summary, format));
        if update {
            std::fs::write(&expected_path, &in_memory).unwrap();
        }
        let expected = std::fs::read(&expected_path).unwrap();
        assert!(
            in_memory == expected,
            "{name} as {}: differs from {} (first difference at byte {:?})",
            format.label(),
            expected_path.display(),
            in_memory.iter().zip(&expected).position(|(a, b)| a != b)
        );

        let path = dir.path().join(format!("out.{}", format.extension()));
        export::export_to_file(&dataset, &options, format, &path, &[data]).unwrap();
        let streamed = same_version(std::fs::read(&path).unwrap());
        assert!(
            streamed == expected,
            "{name} as {}, streamed to a file: differs from {}",
            format.label(),
            expected_path.display()
        );
    }
}

#[test]
fn the_sample_exports_the_committed_bytes() {
    check(
        "sample",
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_data/russia-ukraine-2025.json"),
    );
}

#[test]
fn a_hostile_dataset_exports_the_committed_bytes() {
    check("hostile", &fixtures().join("hostile-data.json"));
}
