//! Filter, sort and aggregate by day over a generated dataset: what the app
//! does when the user changes a filter or clicks a column header, measured
//! without a window (the table model is in the core, `factsheet_core::table`).
//!
//! - `table/build`: the rows, the events each running total counts and every
//!   column's sort order, once per load
//!   (timed once and printed: it runs in the background while a file opens);
//! - `table/view/...`: [`Table::view`] for several filters and sorts (the
//!   target: under 100 ms for 1,000,000 events);
//! - `aggregate_by_day`: `Stats::compute` over the rows a filter keeps, which
//!   gives the chart its per-day series;
//! - `bins/SIZE`: those series' points grouped into time bins, which the
//!   chart's bars redo each frame.
//!
//! Sizes: 100,000 events; `FACTSHEET_BENCH_LARGE=1` adds 1,000,000;
//! `FACTSHEET_BENCH_FILE=/tmp/g1m.json` measures that file instead.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use factsheet_core::compare::Comparer;
use factsheet_core::model::{EventKind, Side};
use factsheet_core::stats::{BinSize, Stats, bin_points};
use factsheet_core::table::{Filters, Sort, SortColumn, Table};

fn table(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = common::large_files(dir.path());
    let mut group = c.benchmark_group("table");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (path, label) in files {
        let bytes = std::fs::read(&path).expect("read the file");
        let (dataset, _) =
            factsheet_core::load::load_bytes(vec![(label.clone(), bytes)], common::today())
                .into_result()
                .expect("the file loads");
        let comparer = Comparer::new(&dataset);
        let compared = comparer.dataset(&dataset);
        let (wall, cpu) = timed(|| {
            black_box(factsheet_core::table::event_rows(
                &dataset, &comparer, &compared,
            ));
        });
        eprintln!(
            "table/rows/{label}: {} rows built in {:.0} ms wall, {:.0} ms CPU",
            dataset.events.len(),
            wall * 1e3,
            cpu * 1e3
        );
        // What `Table::build` adds for the running totals' "Show its events".
        let (wall, cpu) = timed(|| {
            black_box(factsheet_core::stats::events_counted_by_each(&dataset));
        });
        eprintln!(
            "table/running-totals/{label}: the events each of {} running totals counts, in {:.0} ms wall, {:.0} ms CPU",
            dataset.running_totals.len(),
            wall * 1e3,
            cpu * 1e3
        );
        let rows = factsheet_core::table::event_rows(&dataset, &comparer, &compared);
        let start = Instant::now();
        let table = Table::new(rows);
        eprintln!(
            "table/orders/{label}: every column's sort order in {:.0} ms wall (two threads)",
            start.elapsed().as_secs_f64() * 1e3
        );
        drop(compared);

        let cases = [
            ("all-by-date", Filters::default(), Sort::default()),
            (
                "all-by-title-desc",
                Filters::default(),
                Sort {
                    column: SortColumn::Title,
                    descending: true,
                },
            ),
            (
                "text-kyiv-by-place",
                Filters {
                    text: "kyiv".into(),
                    ..Default::default()
                },
                Sort {
                    column: SortColumn::Place,
                    descending: false,
                },
            ),
            (
                "remains-to-russia-disputed-by-count",
                Filters {
                    kind: Some(EventKind::RemainsRepatriation),
                    side: Some(Side::Russia),
                    disagreements_only: true,
                    ..Default::default()
                },
                Sort {
                    column: SortColumn::ToRussia,
                    descending: true,
                },
            ),
            (
                "2024-by-sources",
                Filters {
                    from: Some(jiff::civil::date(2024, 1, 1)),
                    until: Some(jiff::civil::date(2024, 12, 31)),
                    ..Default::default()
                },
                Sort {
                    column: SortColumn::Sources,
                    descending: false,
                },
            ),
        ];
        for (name, filters, sort) in &cases {
            let cpu0 = common::thread_cpu_seconds();
            let mut kept = 0;
            for _ in 0..10 {
                kept = black_box(table.view(filters, *sort)).len();
            }
            eprintln!(
                "table/view/{name}/{label}: {kept} of {} rows, mean {:.1} ms CPU over 10",
                table.len(),
                (common::thread_cpu_seconds() - cpu0) / 10.0 * 1e3
            );
            group.bench_function(format!("view/{name}/{label}"), |b| {
                b.iter(|| black_box(table.view(filters, *sort)))
            });
            // The filter bar's year and month counts, computed with every view.
            let cpu0 = common::thread_cpu_seconds();
            for _ in 0..10 {
                black_box(table.period_counts(filters));
            }
            eprintln!(
                "table/periods/{name}/{label}: mean {:.1} ms CPU over 10",
                (common::thread_cpu_seconds() - cpu0) / 10.0 * 1e3
            );
            group.bench_function(format!("periods/{name}/{label}"), |b| {
                b.iter(|| black_box(table.period_counts(filters)))
            });
        }
        for (name, filters) in [
            ("all", Filters::default()),
            (
                "text-kyiv",
                Filters {
                    text: "kyiv".into(),
                    ..Default::default()
                },
            ),
        ] {
            let visible = table.view(&filters, Sort::default());
            let (wall, cpu) = timed(|| {
                black_box(Stats::compute(&dataset, Some(&visible)));
            });
            eprintln!(
                "table/aggregate_by_day/{name}/{label}: {} events in {:.0} ms wall, {:.0} ms CPU",
                visible.len(),
                wall * 1e3,
                cpu * 1e3
            );
            group.bench_function(format!("aggregate_by_day/{name}/{label}"), |b| {
                b.iter(|| black_box(Stats::compute(&dataset, Some(&visible))))
            });
        }
        // What the chart's bars cost each frame: every series' points in bins.
        let stats = Stats::compute(&dataset, None);
        let points: usize = stats.series.iter().map(|s| s.points.len()).sum();
        for size in BinSize::ALL {
            let bin_all = || {
                for s in &stats.series {
                    black_box(bin_points(&s.points, size));
                }
            };
            let (wall, cpu) = timed(bin_all);
            eprintln!(
                "table/bins/{}/{label}: {points} series points in {:.2} ms wall, {:.2} ms CPU",
                size.label(),
                wall * 1e3,
                cpu * 1e3
            );
            group.bench_function(format!("bins/{}/{label}", size.label()), |b| {
                b.iter(bin_all)
            });
        }
    }
    group.finish();
}

/// Wall-clock and CPU seconds of `f` on this thread.
fn timed(f: impl FnOnce()) -> (f64, f64) {
    let cpu0 = common::thread_cpu_seconds();
    let start = Instant::now();
    f();
    (
        start.elapsed().as_secs_f64(),
        common::thread_cpu_seconds() - cpu0,
    )
}

criterion_group!(benches, table);
criterion_main!(benches);
