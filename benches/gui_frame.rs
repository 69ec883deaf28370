//! One frame of the real app, headless: CPU time of `FactsheetApp::show` run
//! through `egui::Context::run_ui` plus tessellation (what the CPU does for a
//! frame before the GPU draws it), with a generated dataset loaded, on the
//! Events tab and on the Chart tab, with and without a selected event. No
//! window and no GPU: painting is left out.
//!
//! Sizes: 100,000 events; `FACTSHEET_BENCH_LARGE=1` adds 1,000,000.
//! `FACTSHEET_BENCH_FILE=/tmp/g1m.json` measures that file instead of
//! generating one. For each case the first frame after switching is timed on
//! its own, then 30 steady frames are timed by wall clock (median) and by the
//! thread's CPU time (mean), then criterion times steady frames, as when the
//! user moves the mouse. `cargo bench --bench gui_frame -- events-selected`
//! runs one case.
//!
//! Editing (`typing.rs`): `typing` opens a claim form and types a character
//! into a field every other frame, reporting the mean and max CPU of frames
//! with a keystroke and without (the thread's clock read to the nanosecond);
//! `edit` times what an edit and its undo cost the UI thread. Neither goes
//! through criterion: `cargo bench --bench gui_frame -- typing` runs one.

#[path = "../crates/factsheet-core/benches/common/mod.rs"]
mod common;
#[path = "gui_frame/typing.rs"]
mod typing;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use factsheet::gui::state::Tab;
use factsheet::gui::{Command, FactsheetApp, Input};

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = common::large_files(dir.path());
    let mut group = c.benchmark_group("gui_frame");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    for (path, label) in files {
        let mut app = FactsheetApp::default();
        let start = Instant::now();
        app.apply(Command::Open(vec![Input::File(path)]));
        app.wait_for_jobs(Duration::from_secs(600));
        let events = app.state.dataset().map_or(0, |d| d.events.len());
        assert!(events > 0, "the file did not load");
        eprintln!(
            "gui_frame/{label}: {events} events loaded and prepared in {:.1} s",
            start.elapsed().as_secs_f64()
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
        for (tab, selected, name) in [
            (Tab::Events, None, "events"),
            (Tab::Chart, None, "chart"),
            (Tab::Events, Some(0), "events-selected"),
            (Tab::Chart, Some(0), "chart-selected"),
            (Tab::Agreements, None, "agreements"),
        ] {
            if !wanted(name) {
                continue;
            }
            app.apply(Command::SetTab(tab));
            app.apply(Command::Select(selected));
            app.wait_for_jobs(Duration::from_secs(600));
            let (wall, cpu) = timed(|| frame(&mut app));
            eprintln!(
                "gui_frame/{name}/{label}: first frame after switching {:.2} ms wall, {:.2} ms CPU",
                wall * 1e3,
                cpu * 1e3
            );
            // The thread's CPU clock ticks coarsely here (4 ms): its total over
            // 30 frames gives the mean; the wall clock gives the median.
            let mut walls = Vec::new();
            let cpu0 = common::thread_cpu_seconds();
            for _ in 0..30 {
                let (w, _) = timed(|| frame(&mut app));
                walls.push(w);
            }
            let cpu = (common::thread_cpu_seconds() - cpu0) / 30.0;
            eprintln!(
                "gui_frame/{name}/{label}: steady frame over 30: median {:.2} ms wall, mean {:.2} ms CPU",
                median(&mut walls) * 1e3,
                cpu * 1e3
            );
            group.bench_function(format!("{name}/{label}"), |b| b.iter(|| frame(&mut app)));
        }
        app.apply(Command::SetTab(Tab::Events));
        if wanted("typing") {
            typing::typing(&mut app, &label, 60);
        }
        if wanted("edit") {
            typing::edits(&mut app, &label, 10);
        }
    }
    group.finish();
}

/// Whether the case `name` is asked for: every case, unless the command
/// line names some (criterion's filter), as `-- typing` does.
fn wanted(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

/// Wall-clock and CPU seconds of `f` on this thread.
fn timed(f: impl FnOnce()) -> (f64, f64) {
    let cpu0 = common::thread_cpu_seconds();
    let start = Instant::now();
    f();
    let wall = start.elapsed().as_secs_f64();
    (wall, common::thread_cpu_seconds() - cpu0)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

criterion_group!(benches, frames);
criterion_main!(benches);
