//! Source comparison over a whole dataset: low/best/high and the consensus class
//! of every figure, and the whole-set comparison the side panel shows
//! (`compare_dataset`: per-figure outcomes, source statistics, the source matrix).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet::compare::{consensus, estimate};

fn compare_all_figures(c: &mut Criterion) {
    for events in common::sizes() {
        let bytes = common::generated_bytes(events);
        let report =
            factsheet::load::load_bytes(vec![(common::label(events), bytes)], common::today());
        let Some(dataset) = report.dataset else {
            panic!(
                "the generated dataset did not load: {:?}",
                report.diagnostics
            );
        };
        let figures: u64 = dataset.events.iter().map(|e| e.figures.len() as u64).sum();

        let mut group = c.benchmark_group("compare");
        group.throughput(Throughput::Elements(figures));
        if events >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(5));
        }
        group.bench_function(format!("all_figures/{}", common::label(events)), |b| {
            b.iter(|| {
                for figure in dataset.events.iter().flat_map(|e| &e.figures) {
                    black_box(estimate(&figure.claims));
                    black_box(consensus(&figure.claims));
                }
            });
        });
        group.bench_function(format!("compare_dataset/{}", common::label(events)), |b| {
            b.iter(|| black_box(factsheet::compare::compare_dataset(&dataset)));
        });
        group.finish();
    }
}

criterion_group!(benches, compare_all_figures);
criterion_main!(benches);
