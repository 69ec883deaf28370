//! Load + validate throughput: bytes of event JSON per second on one core.
//!
//! `load_bytes` is what every open does after reading the file: parse, validate,
//! merge, and locate any diagnostics. `load_paths` adds reading the file from
//! disk (from the page cache, after the first run). Criterion prints MB/s; the
//! benchmark id carries the event count, for events per second.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    for events in common::sizes() {
        let path = common::generated_file(dir.path(), events);
        let bytes = std::fs::read(&path).expect("read the generated file");
        let name = common::label(events);

        let mut group = c.benchmark_group("load_validate");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if events >= 100_000 {
            group.sample_size(10);
            group.warm_up_time(Duration::from_secs(1));
            group.measurement_time(Duration::from_secs(if events >= 1_000_000 {
                40
            } else {
                6
            }));
        }
        group.bench_function(format!("bytes/{name}"), |b| {
            b.iter_batched(
                || vec![(name.clone(), bytes.clone())],
                |inputs| {
                    let report = factsheet_core::load::load_bytes(inputs, common::today());
                    assert!(!report.has_errors());
                    black_box(report)
                },
                BatchSize::PerIteration,
            );
        });
        group.bench_function(format!("file/{name}"), |b| {
            b.iter(|| {
                let report =
                    factsheet_core::load::load_paths(std::slice::from_ref(&path), common::today());
                assert!(!report.has_errors());
                black_box(report)
            });
        });
        group.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
