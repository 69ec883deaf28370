//! "Show quote in saved copy": the saved copy of a claim's source, as the
//! quote check reads it (an HTML page reduced to its text, typography
//! folded), scrolled to the quote's first words, which stand out. A thin
//! view of [`factsheet_core::copies::passage`]; the desktop's own program
//! opens the file itself ("Open saved copy").

use egui::{RichText, Ui};

use super::command::Command;
use super::state::{AppState, CopyView};
use super::theme::ui_kit;

/// Title of the window.
pub const TITLE: &str = "Saved copy";
/// The button on a quoted claim that opens the window.
pub const SHOW: &str = "Show quote in saved copy";
/// Said above the text when the quote is not in it.
pub const NOT_THERE: &str = "The quote's words are not in this copy.";
/// How much text is shown on each side of the quote: a window lays out what
/// it shows each frame, and a saved page can be megabytes long.
pub const AROUND: usize = 8_000;

pub fn ui(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(view) = &state.copy_view else {
        return;
    };
    let mut open = true;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("saved-copy-view"))
        .open(&mut open)
        .default_width(640.0)
        .default_height(480.0)
        .show(ctx, |ui| contents(ui, view));
    if !open {
        cmds.push(Command::CloseCopyView);
    }
}

fn contents(ui: &mut Ui, view: &CopyView) {
    ui.label(RichText::new(view.file.display().to_string()).weak());
    let text = &view.passage.text;
    let Some(at) = view.passage.at.clone() else {
        ui.label(RichText::new(NOT_THERE).color(ui_kit::conflict_color(ui)));
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(shown(text, 0..text.len().min(2 * AROUND)));
        });
        return;
    };
    let start = text.floor_char_boundary(at.start.saturating_sub(AROUND));
    let end = text.ceil_char_boundary(at.end.saturating_add(AROUND).min(text.len()));
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            let before = shown(text, start..at.start);
            let lead = if start > 0 { "… " } else { "" };
            ui.label(format!("{lead}{before}"));
            let quote = shown(text, at.clone());
            let marked = ui.label(
                RichText::new(quote)
                    .strong()
                    .background_color(ui.visuals().selection.bg_fill),
            );
            // Brought into view once, when the window first shows it.
            let id = egui::Id::unique(("saved-copy-scrolled", &view.file, at.start));
            if !ui.ctx().data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
                marked.scroll_to_me(Some(egui::Align::Center));
                ui.ctx().data_mut(|d| d.insert_temp(id, true));
            }
            let trail = if end < text.len() { " …" } else { "" };
            ui.label(format!("{}{trail}", shown(text, at.end..end)));
        });
    });
}

/// The part of `text` in `range`, or nothing where the range does not fall
/// on characters (it always does: the range comes from a search of `text`).
fn shown(text: &str, range: std::ops::Range<usize>) -> &str {
    text.get(range).unwrap_or_default()
}
