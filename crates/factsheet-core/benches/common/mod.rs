//! Shared set-up of the benchmarks: generated datasets in a temporary folder.
//!
//! Sizes: 1,000 and 100,000 events by default, so that `cargo bench` finishes in
//! a few minutes on a 2-core machine; `FACTSHEET_BENCH_LARGE=1` adds the
//! 1,000,000-event case (about 600 MB of JSON, a few GB of memory while loaded).

#![allow(dead_code)] // Each bench target uses its own subset of these helpers.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use factsheet_generate::{Options, write_dataset};

// The allocator the `factsheet` binary runs with (src/main.rs), so the
// benchmarks measure what the app and the CLI do.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The seed every benchmark uses, so runs measure the same bytes.
pub const SEED: u64 = 1;

/// Event counts to measure in this run.
pub fn sizes() -> Vec<u64> {
    let mut sizes = vec![1_000, 100_000];
    if std::env::var_os("FACTSHEET_BENCH_LARGE").is_some_and(|v| v != "0") {
        sizes.push(1_000_000);
    }
    sizes
}

/// "1k", "100k", "1M": how the sizes are named in benchmark ids.
pub fn label(events: u64) -> String {
    match events {
        n if n >= 1_000_000 && n.is_multiple_of(1_000_000) => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n.is_multiple_of(1_000) => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

/// Writes a generated dataset of `events` events into `dir` and returns its path.
pub fn generated_file(dir: &Path, events: u64) -> PathBuf {
    let path = dir.join(format!("generated-{}.json", label(events)));
    let file = std::fs::File::create(&path).expect("create the benchmark file");
    write_dataset(
        BufWriter::with_capacity(1 << 20, file),
        Options { events, seed: SEED },
    )
    .expect("write the benchmark file");
    path
}

/// The files the whole-app benchmarks measure, each with its label: the file
/// named by `FACTSHEET_BENCH_FILE`, else generated ones of 100k events (and 1M
/// with `FACTSHEET_BENCH_LARGE=1`) written into `dir`.
pub fn large_files(dir: &Path) -> Vec<(PathBuf, String)> {
    if let Some(file) = std::env::var_os("FACTSHEET_BENCH_FILE") {
        return vec![(PathBuf::from(file), "file".to_string())];
    }
    let mut sizes = vec![100_000];
    if std::env::var_os("FACTSHEET_BENCH_LARGE").is_some_and(|v| v != "0") {
        sizes.push(1_000_000);
    }
    sizes
        .into_iter()
        .map(|n| (generated_file(dir, n), label(n)))
        .collect()
}

/// A generated dataset of `events` events, in memory.
pub fn generated_bytes(events: u64) -> Vec<u8> {
    let mut out = Vec::new();
    write_dataset(&mut out, Options { events, seed: SEED }).expect("generate into memory");
    out
}

/// A fixed "today", so no generated date ever counts as in the future.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
}

/// CPU time this thread has run, in seconds (Linux: the first field of
/// /proc/thread-self/schedstat, in nanoseconds); NaN where that is not available.
pub fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(f64::NAN, |ns| ns as f64 / 1e9)
}
