//! Statistics and export over a whole dataset: what opening a file (totals,
//! chart series, agreement progress, running totals) and exporting its summary
//! cost. Targets (PRODUCT.md): both well under a second for 1,000,000 events.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet::export::{self, Format, SummaryOptions};
use factsheet::stats::Stats;

fn stats_and_export(c: &mut Criterion) {
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

        let mut group = c.benchmark_group("export");
        group.throughput(Throughput::Elements(events));
        if events >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        let label = common::label(events);
        group.bench_function(format!("stats/{label}"), |b| {
            b.iter(|| black_box(Stats::of(&dataset)));
        });
        group.bench_function(format!("summary/{label}"), |b| {
            b.iter(|| black_box(export::build(&dataset, &SummaryOptions::default())));
        });
        let summary = export::build(&dataset, &SummaryOptions::default());
        // Each format written as the CLI streams it, into a sink: the cost of
        // formatting and escaping, without the file system (see
        // examples/export_phases.rs for writes to a file).
        for format in Format::ALL {
            group.bench_function(format!("{}/{label}", format.extension()), |b| {
                b.iter(|| {
                    let mut sink = std::io::BufWriter::with_capacity(1 << 20, std::io::sink());
                    black_box(export::render_to(&summary, format, &mut sink))
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, stats_and_export);
criterion_main!(benches);
