//! The editing controls that several open files add: the "File" choice of
//! a new source or event (which file it goes to), and the list of edited
//! files in the unsaved-changes prompt.

use egui::Ui;

use super::{Draft, EditCommand, Editor};
use crate::gui::command::Command;
use crate::gui::state::AppState;
use factsheet_core::load::merge::short_name;

/// The accessible name of the file choice.
pub const FILE: &str = "File";

/// "File": where a new source or event goes, with several files open.
pub fn file_choice(ui: &mut Ui, state: &AppState, editor: &Editor, cmds: &mut Vec<Command>) {
    let Some(files) = &state.files else {
        return;
    };
    let new_item = match &editor.draft {
        Draft::Source(s) => s.at.is_none(),
        Draft::Event(e) => e.at.is_none(),
        _ => false,
    };
    if !new_item {
        return;
    }
    let name = |f: usize| files.label(f).map_or("?", short_name).to_string();
    let label = ui.label(FILE);
    egui::ComboBox::from_id_salt("edit-file")
        .selected_text(name(editor.file))
        .show_ui(ui, |ui| {
            for f in 0..files.len() {
                if ui
                    .selectable_label(f == editor.file, name(f))
                    .on_hover_text(files.label(f).unwrap_or_default())
                    .clicked()
                    && f != editor.file
                {
                    cmds.push(Command::Edit(EditCommand::ChooseFile(f)));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// "Edited: a.json, b.json" in the unsaved-changes prompt.
pub fn edited_list(ui: &mut Ui, state: &AppState) {
    let edited = state.edited_files();
    if !edited.is_empty() {
        ui.label(format!("Edited: {}", edited.join(", ")));
    }
}
