//! What changed between two versions of a large dataset (`diff::diff`, then
//! its Markdown): the generated data against a copy in which every 100th
//! event's first claim says more than it did, every 1,000th event is gone and
//! the first agreement has another title. `factsheet diff` and the app's
//! "Compare with another version…" run this once per comparison.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use factsheet_core::diff::{diff, markdown};
use factsheet_core::model::Quantity;

fn diffing(c: &mut Criterion) {
    for events in common::sizes() {
        let bytes = common::generated_bytes(events);
        let report =
            factsheet_core::load::load_bytes(vec![(common::label(events), bytes)], common::today());
        let Some(old) = report.dataset else {
            panic!(
                "the generated dataset did not load: {:?}",
                report.diagnostics
            );
        };
        let mut new = old.clone();
        for (i, e) in new.events.iter_mut().enumerate() {
            if i % 100 == 0
                && let Some(claim) = e.figures.first_mut().and_then(|f| f.claims.first_mut())
            {
                claim.value = Quantity::MoreThan(1000);
            }
        }
        let mut i = 0;
        new.events.retain(|_| {
            i += 1;
            i % 1000 != 0
        });
        if let Some(a) = new.agreements.first_mut() {
            a.title = "Another title".into();
        }

        let mut group = c.benchmark_group("diff");
        if events >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        }
        let label = common::label(events);
        group.bench_function(format!("diff/{label}"), |b| {
            b.iter(|| black_box(diff(&old, &new)));
        });
        let found = diff(&old, &new);
        group.bench_function(format!("markdown/{label}"), |b| {
            b.iter(|| black_box(markdown::write(&found)));
        });
        group.finish();
    }
}

criterion_group!(benches, diffing);
criterion_main!(benches);
