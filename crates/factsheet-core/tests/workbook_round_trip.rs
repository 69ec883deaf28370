//! The workbook form loses nothing: every bundled sample, every docs example
//! and generated datasets of any seed, written as .xlsx and read back, are
//! the same dataset; so are their claims and sources written as CSV, for
//! what CSV holds. A proptest runs the generated case over many seeds
//! (`PROPTEST_CASES=200 cargo test --test workbook_round_trip` for more).

use std::path::{Path, PathBuf};

use factsheet_core::load::load_bytes;
use factsheet_core::model::Dataset;
use factsheet_core::workbook::{read_bytes, to_csv, to_xlsx};
use proptest::prelude::*;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn json_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(folder))
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// `d` written as .xlsx and read back, with the reading's diagnostics.
fn through_xlsx(d: &Dataset) -> (Dataset, Vec<String>) {
    let bytes = to_xlsx(d).expect("writes");
    let read = read_bytes("round-trip.xlsx", &bytes, None);
    let messages = read.diagnostics.iter().map(ToString::to_string).collect();
    (read.dataset.expect("a dataset"), messages)
}

fn assert_same(before: &Dataset, after: &Dataset, what: &str) {
    if before != after {
        let a = serde_json::to_string_pretty(before).unwrap_or_default();
        let b = serde_json::to_string_pretty(after).unwrap_or_default();
        let first = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| format!("line {}: {x}  ≠  {y}", i + 1));
        panic!("{what} changed through the workbook: {first:?}");
    }
}

#[test]
fn every_sample_and_docs_example_reads_back_the_same() {
    let files: Vec<PathBuf> = json_files("sample_data")
        .into_iter()
        .chain(json_files("docs/examples"))
        .collect();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("reads");
        let d: Dataset = serde_json::from_slice(&bytes).expect("parses");
        let (back, messages) = through_xlsx(&d);
        assert!(messages.is_empty(), "{}: {messages:#?}", file.display());
        assert_same(&d, &back, &file.display().to_string());
    }
}

#[test]
fn the_format_page_dataset_example_reads_back_the_same() {
    let page = std::fs::read_to_string(Path::new(ROOT).join("docs/FORMAT.md")).expect("page");
    let (_, rest) = page
        .split_once("<!-- example: Dataset -->")
        .expect("a Dataset example");
    let json = rest
        .split_once("```json")
        .and_then(|(_, r)| r.split_once("```"))
        .map(|(j, _)| j)
        .expect("its block");
    let d: Dataset = serde_json::from_str(json).expect("parses");
    let (back, messages) = through_xlsx(&d);
    assert!(messages.is_empty(), "{messages:#?}");
    assert_same(&d, &back, "FORMAT.md's example");
}

#[test]
fn a_workbook_loads_like_its_json_with_the_same_warnings() {
    let today = jiff::civil::date(2026, 1, 1);
    let json =
        std::fs::read(Path::new(ROOT).join("sample_data/russia-ukraine-2025.json")).expect("reads");
    let d: Dataset = serde_json::from_slice(&json).expect("parses");
    let from_json = load_bytes(vec![("s.json".into(), json)], today);
    let from_xlsx = load_bytes(vec![("s.xlsx".into(), to_xlsx(&d).expect("writes"))], today);
    assert_eq!(from_xlsx.dataset, from_json.dataset);
    let words = |r: &factsheet_core::load::LoadReport| {
        let mut all: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.message.clone()))
            .collect();
        all.sort();
        all
    };
    assert_eq!(words(&from_xlsx), words(&from_json));
    assert!(
        !words(&from_json).is_empty(),
        "the sample has warnings to compare"
    );
    // The JSON's warnings point at lines; the workbook's at cells.
    assert!(
        from_xlsx
            .diagnostics
            .iter()
            .all(|d| d.path.is_none() || d.cell.is_some()),
        "{:#?}",
        from_xlsx.diagnostics
    );
}

#[test]
fn the_claims_and_sources_as_csv_read_back_as_those_claims() {
    let json = std::fs::read(Path::new(ROOT).join("docs/examples/one-event.json")).expect("reads");
    let d: Dataset = serde_json::from_slice(&json).expect("parses");
    let (claims, sources) = to_csv(&d);
    let read = read_bytes("one-event.csv", &claims, Some(&sources));
    assert!(
        read.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        read.diagnostics
    );
    let back = read.dataset.expect("a dataset");
    assert_eq!(back.sources, d.sources);
    assert_eq!(back.events.len(), d.events.len());
    for (a, b) in d.events.iter().zip(&back.events) {
        assert_eq!((&a.id, &a.date, a.kind), (&b.id, &b.date, b.kind));
        assert_eq!(a.figures, b.figures);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_read_back_the_same(events in 1u64..40, seed in any::<u64>()) {
        let d: Dataset = serde_json::from_slice(&factsheet_generate::to_bytes(events, seed))
            .expect("a generated file parses");
        let (back, messages) = through_xlsx(&d);
        prop_assert!(messages.is_empty(), "{messages:#?}");
        prop_assert_eq!(back, d);
    }
}
