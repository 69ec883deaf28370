//! Windows listing problems: the warnings of the open data (from the top bar's
//! count), and the errors of a load that failed (the data already open stays).

use egui::{RichText, Ui};

use super::command::Command;
use super::state::{AppState, Input};
use super::theme::ui_kit;
use factsheet_core::load::Diagnostic;

/// Title of the window shown when a load fails.
pub const LOAD_FAILED_TITLE: &str = "Could not open";
/// The button in that window that reads the files again.
pub const TRY_AGAIN: &str = "Try again";
/// Title of the list of problems in the open data.
pub const PROBLEMS_TITLE: &str = "Problems in the open files";

pub fn ui(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    if let Some(failure) = &state.load_failure {
        let mut open = true;
        egui::Window::new(LOAD_FAILED_TITLE)
            .id(egui::Id::unique("load-failure"))
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .show(ctx, |ui| {
                let what = failure
                    .inputs
                    .iter()
                    .map(Input::label)
                    .collect::<Vec<_>>()
                    .join(", ");
                ui.label(format!("{what} could not be opened:"));
                if state.data.is_some() {
                    ui.label(RichText::new("The data already open is unchanged.").weak());
                }
                list(ui, "load-failure-list", &failure.diagnostics);
                if failure.watched {
                    ui.label(
                        RichText::new("Saving a fix to the file opens it again by itself.").weak(),
                    );
                }
                ui.horizontal(|ui| {
                    if ui
                        .button(TRY_AGAIN)
                        .on_hover_text("Read the files again now")
                        .clicked()
                    {
                        cmds.push(Command::Open(failure.inputs.clone()));
                    }
                    if ui.button("Close").clicked() {
                        cmds.push(Command::DismissLoadFailure);
                    }
                });
            });
        if !open {
            cmds.push(Command::DismissLoadFailure);
        }
    }
    if state.show_diagnostics
        && let Some(data) = &state.data
    {
        let mut open = true;
        egui::Window::new(PROBLEMS_TITLE)
            .id(egui::Id::unique("problems"))
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| {
                if data.diagnostics.is_empty() {
                    ui.label("No errors or warnings.");
                } else {
                    list(ui, "problems-list", &data.diagnostics);
                }
            });
        if !open {
            cmds.push(Command::ShowDiagnostics(false));
        }
    }
}

/// Each diagnostic as file:line:col (or sheet, row and column), severity, JSON path and message.
fn list(ui: &mut Ui, salt: &str, diagnostics: &[Diagnostic]) {
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(360.0)
        .show(ui, |ui| {
            for d in diagnostics {
                let place = d.place();
                let severity = if d.is_error() {
                    RichText::new(format!("{} error", ui_kit::ICON_CONFLICT))
                        .color(ui_kit::conflict_color(ui))
                } else {
                    RichText::new(format!("{} warning", ui_kit::ICON_COMPATIBLE))
                        .color(ui_kit::compatible_color(ui))
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(place).monospace());
                    ui.label(severity);
                    ui.label(&d.message);
                });
                if let Some(path) = &d.path {
                    ui.indent((salt, path), |ui| {
                        ui.label(RichText::new(format!("at {path}")).monospace().weak());
                    });
                }
                ui.separator();
            }
        });
}
