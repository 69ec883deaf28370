//! Takes the README's pictures of the app, so that they can be taken again
//! whenever the app changes: each scene is opened as the GUI tests open the app
//! (egui_kittest, drawn with wgpu at the tests' window size, 1280×800) and
//! written to `docs/` as PNG.
//!
//! `cargo run --example docs_images` writes every picture; name some to write
//! only those (`cargo run --example docs_images -- chart agreements`); `--out
//! DIR` writes elsewhere. Needs a wgpu adapter (Mesa's lavapipe will do, as
//! for the snapshot tests). Look at each picture before committing it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use egui_kittest::Harness;
use factsheet::gui::command::ChartCommand;
use factsheet::gui::editing::EditCommand;
use factsheet::gui::state::Tab;
use factsheet::gui::state::chart::{Bins, Mode};
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::stats::BinSize;

/// The window size the GUI tests and these pictures draw at.
const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// One picture: its file name under docs/ (without `.png`), what it opens,
/// the commands applied once the load has finished, and a point to hover
/// (for a tooltip) before the picture is taken.
struct Scene {
    name: &'static str,
    inputs: fn() -> Vec<Input>,
    commands: fn() -> Vec<Command>,
    hover: Option<egui::Pos2>,
}

fn format_2() -> Vec<Input> {
    vec![Input::File(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/format-2.json"),
    )]
}

const SCENES: &[Scene] = &[
    Scene {
        name: "screenshot",
        inputs: || vec![Input::Sample],
        commands: || vec![Command::SelectId("2025-06-11-remains".into())],
        hover: None,
    },
    Scene {
        name: "agreements",
        inputs: || vec![Input::Sample],
        commands: || vec![Command::SetTab(Tab::Agreements)],
        hover: None,
    },
    Scene {
        name: "chart",
        inputs: || vec![Input::Sample],
        commands: || {
            vec![
                Command::SetTab(Tab::Chart),
                Command::Chart(ChartCommand::SetMode(Mode::PerEvent)),
                Command::Chart(ChartCommand::SetBins(Bins::Fixed(BinSize::Week))),
            ]
        },
        // Over the week of 11 June 2025, the sample's tallest bar.
        hover: Some(egui::pos2(765.0, 450.0)),
    },
    Scene {
        name: "history-chart",
        inputs: || vec![Input::History],
        commands: || {
            vec![
                Command::SetTab(Tab::Chart),
                Command::Chart(ChartCommand::SetMode(Mode::Cumulative)),
            ]
        },
        hover: None,
    },
    Scene {
        name: "history-bars",
        inputs: || vec![Input::History],
        commands: || {
            vec![
                Command::SetTab(Tab::Chart),
                Command::Chart(ChartCommand::SetMode(Mode::PerEvent)),
                Command::Chart(ChartCommand::SetBins(Bins::Fixed(BinSize::Quarter))),
            ]
        },
        hover: None,
    },
    Scene {
        name: "format2",
        inputs: format_2,
        commands: || vec![Command::SelectId("2025-06-20-exchange".into())],
        hover: None,
    },
    Scene {
        name: "disputed-link",
        inputs: format_2,
        commands: || vec![Command::SelectId("2025-06-27-civilians".into())],
        hover: None,
    },
    Scene {
        name: "disputed-delivery",
        inputs: format_2,
        commands: || vec![Command::SetTab(Tab::Agreements)],
        hover: None,
    },
    Scene {
        name: "editing-event",
        inputs: || vec![Input::Sample],
        commands: || {
            vec![
                Command::SelectId("2025-06-11-remains".into()),
                Command::Edit(EditCommand::EditEvent(2)),
            ]
        },
        hover: None,
    },
];

fn main() -> ExitCode {
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut wanted: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--out" {
            match args.next() {
                Some(dir) => out = PathBuf::from(dir),
                None => {
                    eprintln!("--out needs a folder");
                    return ExitCode::from(2);
                }
            }
        } else {
            wanted.push(arg);
        }
    }
    if let Some(unknown) = wanted.iter().find(|w| SCENES.iter().all(|s| s.name != *w)) {
        let names: Vec<&str> = SCENES.iter().map(|s| s.name).collect();
        eprintln!(
            "no picture named {unknown:?}; there are: {}",
            names.join(", ")
        );
        return ExitCode::from(2);
    }
    let mut failed = false;
    for scene in SCENES {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == scene.name) {
            continue;
        }
        let path = out.join(format!("{}.png", scene.name));
        match take(scene, &path) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => {
                eprintln!("{}: {e}", scene.name);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn take(scene: &Scene, path: &Path) -> Result<(), String> {
    let mut app = FactsheetApp::default();
    app.apply(Command::Open((scene.inputs)()));
    app.wait_for_jobs(Duration::from_secs(120));
    if app.busy() {
        return Err("the data did not finish loading in two minutes".into());
    }
    for command in (scene.commands)() {
        app.apply(command);
        app.wait_for_jobs(Duration::from_secs(120));
    }
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .wgpu()
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app);
    harness.run();
    if let Some(at) = scene.hover {
        harness.hover_at(at);
        harness.run();
    }
    // The chart and the tables settle over a few frames (layout, then the
    // plot's bounds); draw until nothing asks for another.
    for _ in 0..5 {
        harness.step();
    }
    let image = harness.render()?;
    image
        .save(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
