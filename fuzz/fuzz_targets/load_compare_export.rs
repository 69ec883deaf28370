//! Arbitrary bytes through everything a file goes through when it is opened or
//! summarised: load (parse, validate, merge, locate diagnostics), source
//! comparison, statistics, the summary in every export format, and what
//! changed since nothing (`factsheet diff`, Markdown and JSON); a dataset
//! compared with itself must show no change.
//!
//! A NUL byte splits the input into two files, so merging is fuzzed too (JSON
//! text never contains a raw NUL, so a seed file stays whole).

#![no_main]

use factsheet_core::export::{self, Format, SummaryOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = jiff::civil::date(2026, 1, 1);
    let inputs: Vec<(String, Vec<u8>)> = match data.iter().position(|&b| b == 0) {
        Some(split) => vec![
            ("a.json".to_string(), data[..split].to_vec()),
            ("b.json".to_string(), data[split + 1..].to_vec()),
        ],
        None => vec![("a.json".to_string(), data.to_vec())],
    };
    let report = factsheet_core::load::load_bytes(inputs, today);
    for d in &report.diagnostics {
        let _ = d.to_string();
    }
    // The app and the CLI use a dataset only when it loaded without errors.
    let Ok((dataset, _warnings)) = report.into_result() else {
        return;
    };
    let comparison = factsheet_core::compare::compare_dataset(&dataset);
    std::hint::black_box(&comparison);
    for event in &dataset.events {
        std::hint::black_box(factsheet_core::compare::compare_event(&dataset, event));
    }
    std::hint::black_box(factsheet_core::stats::Stats::of(&dataset));
    let summary = export::build(&dataset, &SummaryOptions::default());
    for format in Format::ALL {
        std::hint::black_box(export::render(&summary, format));
    }
    let empty = factsheet_core::model::Dataset::empty("");
    let changes = factsheet_core::diff::diff(&empty, &dataset);
    std::hint::black_box(factsheet_core::diff::markdown::write(&changes));
    std::hint::black_box(factsheet_core::diff::to_json(&changes));
    assert!(factsheet_core::diff::diff(&dataset, &dataset).is_empty());
});
