//! One frame of the real app, headless: CPU time of `FactsheetApp::show` run
//! through `egui::Context::run_ui` plus tessellation (what the CPU does for a
//! frame before the GPU draws it), with a generated dataset loaded, on the
//! Events tab and on the Chart tab. No window and no GPU: painting is left out.
//!
//! Sizes: 100,000 events; `FACTSHEET_BENCH_LARGE=1` adds 1,000,000. The first
//! frame after loading (fonts, layout caches) is timed on its own and printed,
//! then criterion times steady frames, as when the user moves the mouse.
//! `cargo bench --bench gui_frame -- events-selected` runs one case.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use factsheet::gui::state::Tab;
use factsheet::gui::{Command, FactsheetApp, Input};

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut sizes = vec![100_000];
    if std::env::var_os("FACTSHEET_BENCH_LARGE").is_some_and(|v| v != "0") {
        sizes.push(1_000_000);
    }
    let mut group = c.benchmark_group("gui_frame");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    for events in sizes {
        let path = common::generated_file(dir.path(), events);
        let mut app = FactsheetApp::default();
        app.apply(Command::Open(vec![Input::File(path)]));
        app.wait_for_jobs(Duration::from_secs(600));
        assert!(
            app.state
                .dataset()
                .is_some_and(|d| d.events.len() as u64 == events),
            "the generated file did not load"
        );
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let frame = |app: &mut FactsheetApp| {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        };
        // With no event selected the sources panel lists every source of the
        // dataset; with one selected it compares that event's sources.
        for (tab, selected, name) in [
            (Tab::Events, None, "events"),
            (Tab::Chart, None, "chart"),
            (Tab::Events, Some(0), "events-selected"),
        ] {
            app.apply(Command::SetTab(tab));
            app.apply(Command::Select(selected));
            let start = Instant::now();
            frame(&mut app);
            eprintln!(
                "gui_frame/{name}/{}: first frame after switching tab {:.1} ms",
                common::label(events),
                start.elapsed().as_secs_f64() * 1e3
            );
            group.bench_function(format!("{name}/{}", common::label(events)), |b| {
                b.iter(|| frame(&mut app))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
