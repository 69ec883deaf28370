//! Source comparison over a whole dataset: low/best/high and the consensus class
//! of every figure, as the comparison panel computes them for "the whole set";
//! the whole-dataset view with facts, per-source counts and the source x source
//! matrix; and the disagreement warnings of validation.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::compare::warnings::disagreements;
use factsheet_core::compare::{Comparer, consensus, estimate};

fn compare_all_figures(c: &mut Criterion) {
    for events in common::sizes() {
        let bytes = common::generated_bytes(events);
        let report =
            factsheet_core::load::load_bytes(vec![(common::label(events), bytes)], common::today());
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
        // The whole-dataset view (classes, estimates, per-source counts, source x
        // source matrix): what the app computes once when a file opens.
        group.bench_function(format!("dataset/{}", common::label(events)), |b| {
            let comparer = Comparer::new(&dataset);
            b.iter(|| black_box(comparer.dataset(&dataset)));
        });
        // The disagreement warnings validation adds.
        group.bench_function(format!("warnings/{}", common::label(events)), |b| {
            b.iter(|| black_box(disagreements(&dataset)));
        });
        group.finish();
    }
}

criterion_group!(benches, compare_all_figures);
criterion_main!(benches);
