//! A workbook converted to JSON (`factsheet convert data.xlsx data.json`
//! without the disk): read the .xlsx (calamine), build the dataset from its
//! sheets, validate it as the loader does, and write the JSON. Criterion
//! prints the workbook's bytes per second; the id carries the event count.
//! Before measuring, it prints the workbook's size, compressed and as its
//! XML, and the most memory one conversion had allocated at once beyond what
//! was allocated before it (the allocator below counts), so the memory note
//! in docs/PERFORMANCE.md can be checked.
//!
//! Sizes: 1,000 and 100,000 events (as the other benchmarks'
//! `common::sizes`, whose allocator this one wraps with a counter).

use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::model::Dataset;

/// mimalloc (the binary's allocator), counting the bytes allocated now and
/// the most at once since the last [`Counting::restart`].
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    /// Starts a new peak from what is allocated now; returns that.
    fn restart() -> usize {
        let now = NOW.load(Ordering::Relaxed);
        PEAK.store(now, Ordering::Relaxed);
        now
    }

    fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }
}

// SAFETY: every call is passed on to mimalloc unchanged; the counters only add.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's contract is mimalloc's.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SEED: u64 = 1;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
}

fn sizes() -> Vec<u64> {
    let mut sizes = vec![1_000, 100_000];
    if std::env::var_os("FACTSHEET_BENCH_LARGE").is_some_and(|v| v != "0") {
        sizes.push(1_000_000);
    }
    sizes
}

fn label(events: u64) -> String {
    match events {
        n if n >= 1_000_000 => format!("{}M", n / 1_000_000),
        n => format!("{}k", n / 1_000),
    }
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

/// The workbook read and checked as the loader does.
fn read(bytes: &[u8]) -> Dataset {
    let report =
        factsheet_core::load::load_bytes(vec![("bench.xlsx".to_string(), bytes.to_vec())], today());
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    report.dataset.expect("a dataset")
}

fn convert(bytes: &[u8]) -> Vec<u8> {
    factsheet_core::save::to_json(&read(bytes))
}

fn workbook(c: &mut Criterion) {
    for events in sizes() {
        let dataset: Dataset = serde_json::from_slice(&factsheet_generate::to_bytes(events, SEED))
            .expect("a generated file parses");
        let bytes = factsheet_core::workbook::to_xlsx(&dataset).expect("writes");
        drop(dataset);
        let name = label(events);
        let unzipped = uncompressed(&bytes).max(1) as f64;
        let before = Counting::restart();
        let dataset = read(&bytes);
        let reading = Counting::peak().saturating_sub(before);
        drop(dataset);
        let before = Counting::restart();
        let json = convert(&bytes);
        let converting = Counting::peak().saturating_sub(before);
        eprintln!(
            "workbook {name}: {} bytes, {unzipped} unzipped; JSON {} bytes; reading it allocated at most {reading} bytes at once ({:.1}x the unzipped workbook), reading and writing the JSON {converting} ({:.1}x)",
            bytes.len(),
            json.len(),
            reading as f64 / unzipped,
            converting as f64 / unzipped,
        );
        let mut group = c.benchmark_group("workbook_to_json");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if events >= 100_000 {
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(120));
        }
        group.bench_function(format!("xlsx/{name}"), |b| {
            b.iter(|| black_box(convert(&bytes)));
        });
        group.finish();
    }
}

criterion_group!(benches, workbook);
criterion_main!(benches);
