//! A workbook converted to JSON (`factsheet convert data.xlsx data.json`
//! without the disk): read the .xlsx (calamine), build the dataset from its
//! sheets, validate it as the loader does, and write the JSON. Criterion
//! prints the workbook's bytes per second; the id carries the event count.
//! Before measuring, it prints the workbook's size, compressed and as its
//! XML, and how far one conversion raised the process's peak memory, so the
//! memory note in docs/PERFORMANCE.md can be checked.

mod common;

use std::hint::black_box;
use std::io::Read;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::model::Dataset;

/// The process's peak resident memory so far, in bytes (Linux: kilobytes from getrusage).
fn peak_rss() -> u64 {
    // SAFETY: getrusage fills the struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; RUSAGE_SELF is always valid.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

/// The size of the workbook's parts once unzipped.
fn uncompressed(bytes: &[u8]) -> u64 {
    let mut total = 0;
    let Ok(mut zip) = zip_reader(bytes) else {
        return 0;
    };
    for i in 0..zip.len() {
        if let Ok(mut f) = zip.by_index(i) {
            let mut sink = Vec::new();
            total += f.read_to_end(&mut sink).unwrap_or(0) as u64;
        }
    }
    total
}

fn zip_reader(bytes: &[u8]) -> zip::result::ZipResult<zip::ZipArchive<std::io::Cursor<&[u8]>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
}

fn convert(bytes: &[u8]) -> Vec<u8> {
    let report = factsheet_core::load::load_bytes(
        vec![("bench.xlsx".to_string(), bytes.to_vec())],
        common::today(),
    );
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    factsheet_core::save::to_json(report.dataset.as_ref().expect("a dataset"))
}

fn workbook(c: &mut Criterion) {
    for events in common::sizes() {
        let dataset: Dataset =
            serde_json::from_slice(&factsheet_generate::to_bytes(events, common::SEED))
                .expect("a generated file parses");
        let bytes = factsheet_core::workbook::to_xlsx(&dataset).expect("writes");
        drop(dataset);
        let name = common::label(events);
        let before = peak_rss();
        let json = convert(&bytes);
        let raised = peak_rss().saturating_sub(before);
        eprintln!(
            "workbook {name}: {} bytes, {} unzipped; JSON {} bytes; one conversion raised peak memory by {} bytes ({:.1}x the unzipped workbook)",
            bytes.len(),
            uncompressed(&bytes),
            json.len(),
            raised,
            raised as f64 / uncompressed(&bytes).max(1) as f64
        );
        let mut group = c.benchmark_group("workbook_to_json");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if events >= 100_000 {
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(20));
        }
        group.bench_function(format!("xlsx/{name}"), |b| {
            b.iter(|| black_box(convert(&bytes)));
        });
        group.finish();
    }
}

criterion_group!(benches, workbook);
criterion_main!(benches);
