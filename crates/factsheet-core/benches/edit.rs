//! Editing a large dataset: one edit made and undone, the validation a form
//! runs on each change of a field (`edit::check`), the text a save writes
//! after one edit (`save::to_json`, without the file system), and copying
//! the dataset and freeing a copy (what the app must keep off its UI thread). Targets
//! (docs/PERFORMANCE.md): a save of 100,000 events well under a second;
//! what runs per keystroke well under a frame.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use factsheet_core::edit::{Edit, History, Item, Target, check};
use factsheet_core::model::{Claim, Quantity};

fn editing(c: &mut Criterion) {
    for events in common::sizes() {
        let bytes = common::generated_bytes(events);
        let report =
            factsheet_core::load::load_bytes(vec![(common::label(events), bytes)], common::today());
        let Some(mut dataset) = report.dataset else {
            panic!(
                "the generated dataset did not load: {:?}",
                report.diagnostics
            );
        };
        // A claim of the middle event's first figure, by its first claim's source.
        let event = dataset.events.len() / 2;
        let figure = 0;
        let source = dataset.events[event].figures[figure].claims[0]
            .source
            .clone();
        let at = Target::Claim {
            event,
            figure,
            claim: 0,
        };
        let edit = Edit::Replace {
            at,
            item: Item::Claim(Claim::new(source, Quantity::MoreThan(1000))),
        };

        let mut group = c.benchmark_group("edit");
        if events >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        let label = common::label(events);
        group.bench_function(format!("apply and undo/{label}"), |b| {
            let mut history = History::new();
            b.iter(|| {
                history.apply(&mut dataset, edit.clone()).unwrap();
                history.undo(&mut dataset).unwrap();
            });
        });
        group.bench_function(format!("check one claim/{label}"), |b| {
            b.iter(|| black_box(check(&dataset, at, "bench.json", common::today())));
        });
        group.bench_function(format!("copy the dataset/{label}"), |b| {
            b.iter_with_large_drop(|| dataset.clone());
        });
        group.bench_function(format!("free a copy/{label}"), |b| {
            b.iter_batched(|| dataset.clone(), drop, BatchSize::LargeInput);
        });
        let mut history = History::new();
        history.apply(&mut dataset, edit.clone()).unwrap();
        group.bench_function(format!("save text after one edit/{label}"), |b| {
            b.iter(|| black_box(factsheet_core::save::to_json(&dataset)));
        });
        group.finish();
    }
}

criterion_group!(benches, editing);
criterion_main!(benches);
