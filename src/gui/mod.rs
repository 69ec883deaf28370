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
pub mod copy_view;
pub mod diagnostics;
pub mod dialog;
pub mod editing;
pub mod event_detail;
pub mod events_table;
pub mod filters;
pub mod jobs;
pub mod open_files;
pub mod reload_diff;
pub mod save;
pub mod sources_panel;
pub mod state;
pub mod theme;
pub mod top_bar;
pub mod version_diff;
pub mod watch;

use std::path::PathBuf;

pub use app::FactsheetApp;
pub use command::Command;
pub use state::{AppState, Input};

/// The name eframe files persisted state under.
pub const APP_ID: &str = "factsheet";

/// The desktop's name for the app (Wayland's app id, X11's window class): the
/// name of its desktop entry in assets/, so the desktop finds its icon.
pub const DESKTOP_ID: &str = "io.github.factsheet.Factsheet";

/// The window and taskbar icon: the 256 px rendering of assets/icons/factsheet.svg.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/factsheet-256.png");

/// [`ICON_PNG`] as the pixels a window icon takes; `None` (the desktop's
/// default icon) if it cannot be decoded, which a test rules out.
pub fn window_icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(ICON_PNG).ok()?.into_rgba8();
    Some(egui::IconData {
        width: image.width(),
        height: image.height(),
        rgba: image.into_raw(),
    })
}

/// Opens the window on `files` (merged), or on the bundled 2022–2026 dataset when there are none.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let inputs = if files.is_empty() {
        vec![Input::History]
    } else {
        files.into_iter().map(Input::File).collect()
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("factsheet")
        .with_app_id(DESKTOP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    // Settings stay where they were before the window took the desktop's
    // name: eframe would otherwise keep them under the app id.
    let persistence_path = eframe::storage_dir(APP_ID).and_then(|dir| {
        std::fs::create_dir_all(&dir).ok()?;
        Some(dir.join("app.ron"))
    });
    let options = eframe::NativeOptions {
        viewport,
        persistence_path,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(FactsheetApp::new(cc, inputs)))),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes_to_its_256_pixels_square() {
        let icon = super::window_icon().expect("the bundled icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Not blank: the arrows are drawn in opaque colour.
        assert!(
            icon.rgba
                .chunks(4)
                .any(|p| p[3] == 255 && p[2] > 150 && p[0] < 80)
        );
    }
}
