//! Source comparison over a whole dataset: low/best/high and the consensus class
//! of every figure, as the comparison panel computes them for "the whole set";
//! the whole-dataset view with facts, per-source counts and the source x source
//! matrix; the disagreement warnings of validation; and the place-name table of
//! a file that declares 100,000 spellings (a shape that once took 40 s to
//! summarise, being quadratic).

mod common;

use factsheet_core::list;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::compare::warnings::disagreements;
use factsheet_core::compare::{Comparer, PlaceTable, consensus, estimate};
use factsheet_core::model::PlaceName;

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

/// A file's own place names: 100,000 declared places, each with one variant.
fn many_place_names(c: &mut Criterion) {
    let places: Vec<PlaceName> = (0..100_000)
        .map(|i| PlaceName {
            canonical: format!("Placetown {i}").into(),
            variants: list![format!("Plasetown {i}").into()],
        })
        .collect();
    let mut group = c.benchmark_group("places");
    group.throughput(Throughput::Elements(places.len() as u64));
    group.sample_size(10);
    group.bench_function("table/100k", |b| {
        b.iter(|| black_box(PlaceTable::with(&places)));
    });
    group.finish();
}

criterion_group!(benches, compare_all_figures, many_place_names);
criterion_main!(benches);
