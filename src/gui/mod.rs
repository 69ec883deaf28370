//! The desktop app: an eframe shell over the core library.
//!
//! Shape (after rerun): [`state::AppState`] holds what the user looks at, apart
//! from any UI; panels read it and push [`command::Command`]s; [`app::FactsheetApp::apply`]
//! is the one place that changes it, and the place where derived data (the filtered,
//! sorted rows) is recomputed, once per change and never per frame. One file per
//! panel (after egui's demo); colours, icons and spacing live in [`theme::ui_kit`].

pub mod agreements;
pub mod app;
pub mod busy;
pub mod chart;
pub mod command;
pub mod comparison;
pub mod diagnostics;
pub mod dialog;
pub mod event_detail;
pub mod events_table;
pub mod filters;
pub mod jobs;
pub mod open_files;
pub mod save;
pub mod sources_panel;
pub mod state;
pub mod theme;
pub mod top_bar;
pub mod watch;

use std::path::PathBuf;

pub use app::FactsheetApp;
pub use command::Command;
pub use state::{AppState, Input};

/// The name eframe files persisted state under.
pub const APP_ID: &str = "factsheet";

/// Opens the window on `files` (merged), or on the bundled sample when there are none.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let inputs = if files.is_empty() {
        vec![Input::Sample]
    } else {
        files.into_iter().map(Input::File).collect()
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("factsheet")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(FactsheetApp::new(cc, inputs)))),
    )
}
