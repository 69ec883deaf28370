//! Merging two files that overlap by half: 100,000 generated events each, the
//! second holding the first's later 50,000 (identical, same ids) and 50,000
//! others (another seed's, every id renamed), with both files' sources and
//! agreements. The merge must stay linear: the identical half is matched by
//! id, the other half looked up by day, each event against the few of its
//! day and kind.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use factsheet_core::load::merge::{Mode, merge};
use factsheet_core::model::{Dataset, Text};

fn parsed(events: u64, seed: u64) -> Dataset {
    let bytes = factsheet_generate::to_bytes(events, seed);
    serde_json::from_slice(&bytes).expect("a generated dataset parses")
}

/// `d` with every id and reference prefixed by `b-`.
fn renamed(mut d: Dataset) -> Dataset {
    let new = |id: &Text| Text::from(format!("b-{id}"));
    for s in &mut d.sources {
        s.id = new(&s.id);
        if let Some(r) = &mut s.relays {
            r.source = new(&r.source);
        }
    }
    for a in &mut d.agreements {
        a.id = new(&a.id);
        for c in a.terms.iter_mut().flat_map(|t| &mut t.claims) {
            c.source = new(&c.source);
        }
        for c in a.facts.iter_mut().flat_map(|f| &mut f.claims) {
            c.source = new(&c.source);
        }
    }
    for e in &mut d.events {
        e.id = new(&e.id);
        e.agreement = e.agreement.as_ref().map(new);
        for c in e.figures.iter_mut().flat_map(|f| &mut f.claims) {
            c.source = new(&c.source);
        }
        for c in e.facts.iter_mut().flat_map(|f| &mut f.claims) {
            c.source = new(&c.source);
        }
    }
    d
}

fn two_files_overlapping_by_half(c: &mut Criterion) {
    let events = 100_000u64;
    let a = parsed(events, common::SEED);
    let other = renamed(parsed(events, common::SEED + 1));
    let half = (events / 2) as usize;
    let mut b = Dataset::empty("second");
    b.sources = a.sources.iter().chain(&other.sources).cloned().collect();
    b.agreements = a
        .agreements
        .iter()
        .chain(&other.agreements)
        .cloned()
        .collect();
    b.events = a
        .events
        .iter()
        .skip(half)
        .chain(other.events.iter().take(half))
        .cloned()
        .collect();

    // CPU time as well as criterion's wall time: on a busy host the wall
    // time of one thread says little. The median of five merges.
    let mut cpu = Vec::new();
    let mut outcome = None;
    for _ in 0..5 {
        let files = vec![
            ("a.json".to_string(), a.clone()),
            ("b.json".to_string(), b.clone()),
        ];
        let before = common::thread_cpu_seconds();
        let merged = merge(files, Mode::Merge);
        cpu.push(common::thread_cpu_seconds() - before);
        outcome = Some((merged.dataset.events.len(), merged.diagnostics.len()));
    }
    cpu.sort_by(f64::total_cmp);
    let (kept, warnings) = outcome.unwrap_or_default();
    eprintln!(
        "merge/2x100k: {} events merged into {kept}, {warnings} warnings; {:.0} ms CPU (median of 5)",
        a.events.len() + b.events.len(),
        cpu.get(2).copied().unwrap_or_default() * 1e3
    );

    let mut group = c.benchmark_group("merge");
    group.throughput(Throughput::Elements(events * 2));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("two_files_overlapping_by_half/100k", |bench| {
        bench.iter_batched(
            || {
                vec![
                    ("a.json".to_string(), a.clone()),
                    ("b.json".to_string(), b.clone()),
                ]
            },
            |files| black_box(merge(files, Mode::Merge)),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, two_files_overlapping_by_half);
criterion_main!(benches);
