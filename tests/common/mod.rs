//! What the GUI test files share: the app opened on some inputs, a kittest
//! harness the size of the window, the small fixed file the image snapshots
//! draw, and whether those snapshots can run here.

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

/// Draws `app` with wgpu and compares the picture with `tests/snapshots/NAME.png`.
pub fn snapshot(app: FactsheetApp, name: &str) {
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .wgpu()
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app);
    harness.run();
    harness.snapshot(name);
}

/// A small fixed file, so the pictures change only when the app does (the sample grows).
pub fn fixture() -> Input {
    Input::File(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gui-snapshot.json"),
    )
}

/// Image snapshots need a wgpu adapter (Mesa's lavapipe or llvmpipe will do).
/// With `FACTSHEET_REQUIRE_GPU=1` (what CI sets) they always run, so a missing
/// adapter fails loudly; otherwise they run when an adapter is found and say
/// so when they skip.
pub fn snapshots_enabled() -> bool {
    let required = ["FACTSHEET_REQUIRE_GPU", "FACTSHEET_SNAPSHOTS"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|v| v == "1"));
    if required {
        return true;
    }
    let found = std::panic::catch_unwind(|| {
        let _ = egui_kittest::wgpu::create_render_state(
            egui_kittest::wgpu::default_wgpu_setup(),
            Default::default(),
        );
    })
    .is_ok();
    if !found {
        eprintln!(
            "note: image snapshots skipped: no wgpu adapter (install Mesa, or set FACTSHEET_REQUIRE_GPU=1 to make this an error)"
        );
    }
    found
}
