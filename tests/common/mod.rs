//! What the GUI test files share: the app opened on some inputs, a kittest
//! harness the size of the window, and the small fixed file the image
//! snapshots draw.

#![allow(dead_code)] // Each test file uses its own subset of these helpers.

use std::time::Duration;

use egui_kittest::Harness;

use factsheet::gui::{Command, FactsheetApp, Input};

/// The sample's June 2025 repatriation (1,212 remains to Ukraine).
pub const JUNE_11: &str = "2025-06-11-remains";

/// The window size every GUI test and snapshot draws at.
const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The app with `inputs` opened (in the background, as the window does) and the load finished.
pub fn app_with(inputs: Vec<Input>) -> FactsheetApp {
    let mut app = FactsheetApp::default();
    app.apply(Command::Open(inputs));
    app.wait_for_jobs(Duration::from_secs(120));
    assert!(!app.busy(), "loading did not finish");
    app
}

/// A harness that draws `app` without a GPU.
pub fn harness(app: FactsheetApp) -> Harness<'static, FactsheetApp> {
    Harness::builder()
        .with_size(SIZE)
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app)
}

/// A harness that draws `app` without a GPU, given more frames to settle
/// than [`harness`]: a window opening with a scroll area takes six, and a
/// job's result and the modal it opens a few more. The editing tests use it.
pub fn settling_harness(app: FactsheetApp) -> Harness<'static, FactsheetApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app)
}

/// Draws `app` with wgpu and compares the picture with `tests/snapshots/NAME.png`.
/// Fails without a wgpu adapter: the snapshot tests are `#[ignore]`d for that reason,
/// and whoever runs them with `--ignored` (CI) requires them.
pub fn snapshot(app: FactsheetApp, name: &str) {
    let mut harness = gpu_harness(app);
    harness.run();
    harness.snapshot(name);
}

/// A harness that draws `app` with wgpu, for snapshots taken after some steps.
pub fn gpu_harness(app: FactsheetApp) -> Harness<'static, FactsheetApp> {
    Harness::builder()
        .with_size(SIZE)
        .wgpu()
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app)
}

/// A small fixed file, so the pictures change only when the app does (the sample grows).
pub fn fixture() -> Input {
    Input::File(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gui-snapshot.json"),
    )
}
