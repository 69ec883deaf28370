//! Statistics and export over a whole dataset: what opening a file (totals,
//! chart series, agreement progress, running totals) and exporting its fact
//! sheet cost. Targets (docs/PERFORMANCE.md): both well under a second for 1,000,000 events.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::stats::Stats;

fn stats_and_export(c: &mut Criterion) {
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
        // What an export costs as the CLI and the app run it (building the
        // summary, then each format streamed into a sink: formatting and
        // escaping without the file system; see examples/export_phases.rs for
        // writes to a file). A fact sheet lists the latest 1,000 events; CSV
        // lists every figure of every event.
        let sheet = SummaryOptions {
            limit: Some(export::LISTED_EVENTS),
            ..SummaryOptions::default()
        };
        for format in Format::ALL {
            group.bench_function(format!("{}/{label}", format.extension()), |b| {
                b.iter(|| {
                    let summary = export::build_for(&dataset, &sheet, format);
                    let mut sink = std::io::BufWriter::with_capacity(1 << 20, std::io::sink());
                    black_box(export::render_to(&summary, format, &mut sink))
                });
            });
        }
        // The same with every event listed (`--list all`), built once, then
        // each format written.
        group.bench_function(format!("summary-all/{label}"), |b| {
            b.iter(|| black_box(export::build(&dataset, &SummaryOptions::default())));
        });
        let summary = export::build(&dataset, &SummaryOptions::default());
        for format in [Format::Markdown, Format::Html, Format::Json] {
            group.bench_function(format!("{}-all/{label}", format.extension()), |b| {
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
