//! File → Open files…: the files open together, each with a button that takes
//! it out of the set (its events, sources and claims go with it: the rest is
//! loaded and merged again), and what the merge made of them.

use egui::RichText;

use super::command::Command;
use super::state::{AppState, Input};

/// Title of the window.
pub const TITLE: &str = "Open files";
/// The button beside each file that takes it out of the open set.
pub const REMOVE: &str = "Remove";

pub fn ui(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = state.data.as_ref().filter(|_| state.show_open_files) else {
        return;
    };
    let mut open = true;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("open-files"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            let last = data.inputs.len() <= 1;
            egui::Grid::new("open-files-list")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (i, input) in data.inputs.iter().enumerate() {
                        ui.label(input.label());
                        let remove = ui.add_enabled(!last, egui::Button::new(REMOVE));
                        let remove = if last {
                            remove.on_disabled_hover_text(
                                "The last open file: open another instead (File → Open…)",
                            )
                        } else {
                            remove.on_hover_text("Take this file out: the others are merged again")
                        };
                        if remove.clicked() {
                            cmds.push(Command::RemoveInput(i));
                        }
                        ui.end_row();
                    }
                });
            let merged = data.provenance.parts.len();
            if data.inputs.len() > 1 {
                ui.label(
                    RichText::new(format!(
                        "{} merged from several files; the Problems window lists each merge",
                        crate::gui::theme::ui_kit::counted(merged, "event", "events")
                    ))
                    .weak(),
                );
            }
        });
    if !open {
        cmds.push(Command::ShowOpenFiles(false));
    }
}

/// The open inputs without the one at `index`; `None` when that would leave
/// nothing open or there is no such input.
pub fn without(inputs: &[Input], index: usize) -> Option<Vec<Input>> {
    if inputs.len() <= 1 || index >= inputs.len() {
        return None;
    }
    let mut rest = inputs.to_vec();
    rest.remove(index);
    Some(rest)
}
