//! Source comparison over a whole dataset: low/best/high and the consensus class
//! of every figure, as the comparison panel computes them for "the whole set";
//! the whole-dataset view with facts, per-source counts and the source x source
//! matrix; the disagreement warnings of validation; and the place-name table of
//! a file that declares 100,000 spellings (a shape that once took 40 s to
//! summarise, being quadratic); and 100,000 running totals over 20,000 events,
//! each scoped by dates only or by dates and side (a file of that shape
//! took minutes to validate and summarise when every event was tested against
//! every total).

mod common;

use factsheet_core::list;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::compare::warnings::disagreements;
use factsheet_core::compare::{Comparer, PlaceTable, consensus, estimate};
use factsheet_core::model::{
    Claim, PlaceName, Quantity, RunningTotal, Side, TotalCounts, TotalScope,
};
use factsheet_core::stats::{events_counted_by_each, running_total_warnings};

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

/// 100,000 running totals scoped to no agreement over 20,000 generated events:
/// the check validation runs, and the events each counts (the summary's lists).
fn many_running_totals(c: &mut Criterion) {
    const EVENTS: u64 = 20_000;
    const TOTALS: usize = 100_000;
    let report = factsheet_core::load::load_bytes(
        vec![(common::label(EVENTS), common::generated_bytes(EVENTS))],
        common::today(),
    );
    let Some(mut dataset) = report.dataset else {
        panic!(
            "the generated dataset did not load: {:?}",
            report.diagnostics
        );
    };
    let mut days: Vec<jiff::civil::Date> = dataset.events.iter().map(|e| e.date.on).collect();
    days.sort_unstable();
    let source = dataset
        .sources
        .first()
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let day = |i: usize| days.get(i % days.len().max(1)).copied();
    dataset.running_totals = (0..TOTALS)
        .map(|i| {
            // Spans of up to 50 events anywhere in the data (longer ones
            // would make the lists of counted events the cost), a quarter of
            // them narrowed to one side.
            let start = i * 7919;
            let (a, b) = (day(start), day(start + i % 50));
            RunningTotal {
                id: format!("rt-{i}").into(),
                description: format!("total {i}").into(),
                scope: TotalScope {
                    from: a.min(b).map(Into::into),
                    until: a.max(b).map(Into::into),
                    received_by: (i % 4 == 1).then_some(Side::Ukraine),
                    ..TotalScope::default()
                },
                counts: TotalCounts::People,
                claims: list![Claim::new(source.clone(), Quantity::Exact(i as u64))],
                baseline: None,
                notes: None,
            }
        })
        .collect();
    let mut group = c.benchmark_group("running_totals");
    group.throughput(Throughput::Elements(TOTALS as u64));
    group.sample_size(10);
    group.bench_function("warnings/100k-totals-20k-events", |b| {
        b.iter(|| black_box(running_total_warnings(&dataset, |_| None)));
    });
    group.bench_function("counted/100k-totals-20k-events", |b| {
        b.iter(|| black_box(events_counted_by_each(&dataset)));
    });
    group.finish();
}

criterion_group!(
    benches,
    compare_all_figures,
    many_place_names,
    many_running_totals
);
criterion_main!(benches);
