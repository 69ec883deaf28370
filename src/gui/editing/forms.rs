//! The editing windows and the controls that open them: the source and claim
//! forms, "Capture from quote", the refusal to delete a cited source, the
//! unsaved-changes prompt, and the Edit menu, Save items and the title's mark.
//! Every field has its label as its accessible name, and the field's
//! messages (what it cannot be read as, what the loader would say) under it.

use egui::{RichText, Ui};

use super::fields::{
    answer_fields, claim_fields, event_fields, message_line, proposal_note, source_fields,
};
use super::labels::*;
use super::{Draft, EditCommand, Editor, Pending, Resolution, UpgradeAnswer, UpgradeAsk};
use crate::gui::command::Command;
use crate::gui::state::AppState;
use crate::gui::theme::ui_kit;

fn push(cmds: &mut Vec<Command>, cmd: EditCommand) {
    cmds.push(Command::Edit(cmd));
}

/// The Edit menu: Undo and Redo, naming what they would do.
pub fn edit_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    ui.menu_button("Edit", |ui| {
        let undo = state.undo_label();
        let text = undo.map_or(UNDO.to_string(), |what| format!("{UNDO} {what}"));
        let button =
            egui::Button::new(text).shortcut_text(ui.ctx().format_shortcut(&super::UNDO_SHORTCUT));
        if ui.add_enabled(undo.is_some(), button).clicked() {
            push(cmds, EditCommand::Undo);
        }
        let redo = state.redo_label();
        let text = redo.map_or(REDO.to_string(), |what| format!("{REDO} {what}"));
        let button =
            egui::Button::new(text).shortcut_text(ui.ctx().format_shortcut(&super::REDO_SHORTCUT));
        if ui.add_enabled(redo.is_some(), button).clicked() {
            push(cmds, EditCommand::Redo);
        }
        ui.separator();
        let editable = super::can_edit(state);
        let add = ui.add_enabled(editable, egui::Button::new(ADD_SOURCE));
        if !editable && state.data.is_some() {
            add.clone().on_disabled_hover_text(SEVERAL_FILES);
        }
        if add.clicked() {
            push(cmds, EditCommand::NewSource);
        }
        if ui
            .add_enabled(editable, egui::Button::new(ADD_EVENT))
            .clicked()
        {
            push(cmds, EditCommand::NewEvent);
        }
        super::forms_items::edit_menu_items(ui, state, cmds);
    });
}

/// File → Save (Ctrl+S) and Save as… (Ctrl+Shift+S).
pub fn save_items(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let editable = super::can_edit(state);
    let save =
        egui::Button::new(SAVE).shortcut_text(ui.ctx().format_shortcut(&super::SAVE_SHORTCUT));
    let save = ui
        .add_enabled(editable && state.unsaved(), save)
        .on_hover_text(
            "Write the edits to the file they belong to, in the format it has \
             (asked first when a format-1 file would need format 2)",
        );
    if save.clicked() {
        push(cmds, EditCommand::Save);
    }
    let save_as = egui::Button::new(SAVE_AS)
        .shortcut_text(ui.ctx().format_shortcut(&super::SAVE_AS_SHORTCUT));
    if ui.add_enabled(editable, save_as).clicked() {
        push(cmds, EditCommand::SaveAsDialog);
    }
}

/// "• edited" beside the title while there are unsaved changes.
pub fn unsaved_mark(ui: &mut Ui, state: &AppState) {
    if state.unsaved() {
        ui.label(RichText::new(UNSAVED_MARK).color(ui_kit::compatible_color(ui)))
            .on_hover_text("Unsaved changes: File, Save (Ctrl+S) writes them");
    }
}

/// Ctrl+S, Ctrl+Shift+S, and Ctrl+Z / Ctrl+Shift+Z unless a text field
/// has the keyboard (it undoes its own typing).
pub fn shortcuts(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    // Shift first: Ctrl+S would match Ctrl+Shift+S too.
    if ctx.input_mut(|i| i.consume_shortcut(&super::SAVE_AS_SHORTCUT)) {
        push(cmds, EditCommand::SaveAsDialog);
    } else if ctx.input_mut(|i| i.consume_shortcut(&super::SAVE_SHORTCUT)) && state.unsaved() {
        push(cmds, EditCommand::Save);
    }
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&super::REDO_SHORTCUT)) {
        push(cmds, EditCommand::Redo);
    } else if ctx.input_mut(|i| i.consume_shortcut(&super::UNDO_SHORTCUT)) {
        push(cmds, EditCommand::Undo);
    }
}

/// "Add source…" over the list of sources.
pub fn add_source_button(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let editable = super::can_edit(state);
    let button = ui.add_enabled(editable, egui::Button::new(ADD_SOURCE));
    let button = if editable {
        button
    } else {
        button.on_disabled_hover_text(SEVERAL_FILES)
    };
    if button.clicked() {
        push(cmds, EditCommand::NewSource);
    }
}

/// "Edit source…" and "Delete…" for the source `id`, each named with the source for screen readers.
pub fn source_buttons(
    ui: &mut Ui,
    state: &AppState,
    id: &str,
    name: &str,
    cmds: &mut Vec<Command>,
) {
    let Some(index) = state
        .data
        .as_ref()
        .and_then(|d| d.source_index.get(id).copied())
    else {
        return;
    };
    if !super::can_edit(state) {
        return;
    }
    let edit = ui.small_button(EDIT_SOURCE);
    edit.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{EDIT_SOURCE} {name}"))
    });
    if edit.clicked() {
        push(cmds, EditCommand::EditSource(index));
    }
    let delete = ui.small_button(DELETE);
    delete.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{DELETE} {name}"))
    });
    if delete.clicked() {
        push(cmds, EditCommand::DeleteSource(index));
    }
    super::forms_items::duplicate_source_button(ui, index, name, cmds);
}

/// The event detail's editing section: add a claim (by typing or from a
/// quote), and each claim of each figure with Edit and Delete.
pub fn event_section(ui: &mut Ui, state: &AppState, event: usize, cmds: &mut Vec<Command>) {
    let Some(e) = state.dataset().and_then(|d| d.events.get(event)) else {
        return;
    };
    ui_kit::section(ui, "Change this event");
    if !super::can_edit(state) {
        ui.label(RichText::new(SEVERAL_FILES).weak());
        return;
    }
    ui.horizontal(|ui| {
        if ui.button(EDIT_EVENT).clicked() {
            push(cmds, EditCommand::EditEvent(event));
        }
        if ui
            .button(DELETE_EVENT)
            .on_hover_text(
                "Delete this event with its figures and claims (Edit, Undo brings it back)",
            )
            .clicked()
        {
            push(cmds, EditCommand::DeleteEvent(event));
        }
        super::forms_items::duplicate_event_button(ui, event, cmds);
    });
    ui.horizontal(|ui| {
        if ui.button(ADD_CLAIM).clicked() {
            push(cmds, EditCommand::NewClaim { event });
        }
        if ui
            .button(CAPTURE)
            .on_hover_text("Paste a sentence from an article: the figure, who said it and the day are proposed")
            .clicked()
        {
            push(cmds, EditCommand::Capture { event });
        }
    });
    for (f, figure) in e.figures.iter().enumerate() {
        for (c, claim) in figure.claims.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let what = format!("{} {}: {}", figure.id, claim.source, claim.value);
                ui.label(RichText::new(&what).weak());
                let (figure, claim) = (f, c);
                for (label, cmd) in [
                    (
                        EDIT_CLAIM,
                        EditCommand::EditClaim {
                            event,
                            figure,
                            claim,
                        },
                    ),
                    (
                        DUPLICATE_CLAIM,
                        EditCommand::DuplicateClaim {
                            event,
                            figure,
                            claim,
                        },
                    ),
                    (
                        DELETE_CLAIM,
                        EditCommand::DeleteClaim {
                            event,
                            figure,
                            claim,
                        },
                    ),
                ] {
                    let button = ui.small_button(label);
                    let name = format!("{label} {what}");
                    button
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if button.clicked() {
                        push(cmds, cmd);
                    }
                }
            });
        }
    }
    for (f, fact) in e.facts.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(fact.question.as_str()).weak());
            let add = ui.small_button(ADD_ANSWER);
            let name = format!("{ADD_ANSWER} {}", fact.question);
            add.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if add.clicked() {
                push(cmds, EditCommand::NewAnswer { event, fact: f });
            }
            super::forms_items::fact_buttons(ui, event, f, fact.question.as_str(), cmds);
        });
        for (c, claim) in fact.claims.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let what = format!("{} {}: {}", fact.id, claim.source, claim.answer);
                ui.label(RichText::new(&what).weak());
                for (label, cmd) in [
                    (
                        EDIT_ANSWER,
                        EditCommand::EditAnswer {
                            event,
                            fact: f,
                            claim: c,
                        },
                    ),
                    (
                        DELETE_ANSWER,
                        EditCommand::DeleteAnswer {
                            event,
                            fact: f,
                            claim: c,
                        },
                    ),
                ] {
                    let button = ui.small_button(label);
                    let name = format!("{label} {what}");
                    button
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if button.clicked() {
                        push(cmds, cmd);
                    }
                }
            });
        }
    }
    super::forms_items::add_fact_button(ui, event, cmds);
}

/// The open form, the delete refusal and the unsaved-changes prompt.
pub fn windows(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    if let Some(editor) = &state.editor {
        form_window(ctx, state, editor, cmds);
    }
    if let Some(deleting) = &state.deleting {
        let mut open = true;
        egui::Window::new("Delete source")
            .id(egui::Id::unique("delete-source"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let name = deleting.source.outlet.as_str();
                ui.label(format!("\"{name}\" ({}) is still cited by:", deleting.source.id));
                egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                    for c in &deleting.citations {
                        ui.label(format!("• {}", c.what));
                    }
                });
                let all_claims = deleting.citations.iter().all(|c| c.removable.is_some());
                if !all_claims {
                    ui.label(RichText::new("Some of these are not claims (a relay, a term, a running total…): change them first.").weak());
                }
                ui.horizontal(|ui| {
                    if ui.add_enabled(all_claims, egui::Button::new(DELETE_WITH_CLAIMS)).clicked() {
                        push(cmds, EditCommand::ConfirmDeleteSource { id: deleting.source.id.to_string(), with_claims: true });
                    }
                    if ui.button(CANCEL).clicked() {
                        push(cmds, EditCommand::Close);
                    }
                });
            });
        if !open {
            push(cmds, EditCommand::Close);
        }
    }
    super::forms_items::refusal_window(ctx, state, cmds);
    if let Some(pending) = &state.pending {
        prompt(ctx, state, pending, cmds);
    }
    // After the unsaved-changes prompt, so that it shows above it when its
    // Save is what asked.
    if let Some(ask) = &state.upgrade_ask {
        upgrade_prompt(ctx, ask, cmds);
    }
}

/// "data.json is format 1, which cannot hold `notes` (at …): save it as
/// format 2?", with Save as format 2, Save as… and Cancel.
fn upgrade_prompt(ctx: &egui::Context, ask: &UpgradeAsk, cmds: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("save-as-format-2")).show(ctx, |ui| {
        ui.heading(UPGRADE_TITLE);
        match ask.files.as_slice() {
            [one] => {
                ui.label(format!("{one}: save it as format 2?"));
            }
            many => {
                for file in many {
                    ui.label(format!("{file}."));
                }
                ui.label("Save them as format 2?");
            }
        }
        ui.horizontal(|ui| {
            if ui.button(SAVE_AS_FORMAT_2).clicked() {
                push(cmds, EditCommand::Upgrade(UpgradeAnswer::Format2));
            }
            let save_as = ui
                .add_enabled(!ask.several, egui::Button::new(SAVE_AS))
                .on_hover_text("Write the data to another file: the format-1 file stays as it is")
                .on_disabled_hover_text(
                    "Save as… writes one file: open the file alone to save it elsewhere",
                );
            if save_as.clicked() {
                push(cmds, EditCommand::Upgrade(UpgradeAnswer::SaveAs));
            }
            if ui.button(CANCEL).clicked() {
                push(cmds, EditCommand::Upgrade(UpgradeAnswer::Cancel));
            }
        });
    });
    // Escape, or a click beside it: nothing is written.
    if modal.should_close() {
        push(cmds, EditCommand::Upgrade(UpgradeAnswer::Cancel));
    }
}

fn prompt(ctx: &egui::Context, state: &AppState, pending: &Pending, cmds: &mut Vec<Command>) {
    let reload_diff = state.reload_diff.as_ref();
    egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.heading(UNSAVED_TITLE);
        let (text, save, discard, cancel) = match pending {
            Pending::Quit => ("The data has changes that are not saved. Save them before closing?", SAVE, DISCARD, CANCEL),
            Pending::Open(_) => ("The data has changes that are not saved. Save them before opening another file?", SAVE, DISCARD, CANCEL),
            Pending::Reload => (
                "The file changed on disk while you edited it. Save your edits to another file (the version on disk stays as it is), take the version on disk (your edits are dropped), or keep editing (Save then asks where).",
                "Save my edits as…",
                "Take the version on disk",
                "Keep my edits",
            ),
        };
        ui.label(text);
        super::files::edited_list(ui, state);
        // Which version to keep is chosen seeing what differs.
        let shown = reload_diff.filter(|_| *pending == Pending::Reload);
        if let Some(shown) = shown {
            crate::gui::reload_diff::ui(ui, shown);
        }
        let can_discard =
            !matches!(shown, Some(crate::gui::reload_diff::ReloadDiff::DoesNotLoad(_)));
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                push(cmds, EditCommand::Resolve(Resolution::Save));
            }
            if ui.add_enabled(can_discard, egui::Button::new(discard)).clicked() {
                push(cmds, EditCommand::Resolve(Resolution::Discard));
            }
            if ui.button(cancel).clicked() {
                push(cmds, EditCommand::Resolve(Resolution::Cancel));
            }
        });
    });
}

fn form_window(ctx: &egui::Context, state: &AppState, editor: &Editor, cmds: &mut Vec<Command>) {
    let title = match (&editor.draft, &editor.pasted) {
        (Draft::Source(s), _) if s.at.is_none() => "Add source",
        (Draft::Source(_), _) => "Edit source",
        (Draft::Claim(_), Some(_)) => "Capture from quote",
        (Draft::Claim(c), None) if c.at.is_none() => "Add claim",
        (Draft::Claim(_), None) => "Edit claim",
        (Draft::Event(e), _) if e.at.is_none() => "Add event",
        (Draft::Event(_), _) => "Edit event",
        (Draft::Answer(a), _) if a.at.is_none() => "Add answer",
        (Draft::Answer(_), _) => "Edit answer",
        (other, _) => super::forms_items::title(other),
    };
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("edit-form"))
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 40.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| {
                    let mut draft = editor.draft.clone();
                    if let Some(pasted) = &editor.pasted {
                        let mut text = pasted.clone();
                        let label = ui.label(PASTE);
                        let response = ui
                            .add(
                                egui::TextEdit::multiline(&mut text)
                                    .desired_rows(3)
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(label.id);
                        if response.changed() {
                            push(cmds, EditCommand::SetPaste(text));
                        }
                        for (error, message) in editor.messages(super::PASTE_FIELD) {
                            message_line(ui, error, &message);
                        }
                        if let Draft::Claim(c) = &mut draft {
                            proposal_note(ui, state, c);
                        }
                        ui.separator();
                    }
                    match &mut draft {
                        Draft::Source(s) => source_fields(ui, editor, s),
                        Draft::Claim(c) => claim_fields(ui, state, editor, c),
                        Draft::Event(e) => event_fields(ui, state, editor, e),
                        Draft::Answer(a) => answer_fields(ui, state, editor, a),
                        other => super::forms_items::fields(ui, state, editor, other),
                    }
                    super::files::file_choice(ui, state, editor, cmds);
                    for (error, message) in editor.item_messages() {
                        message_line(ui, error, &message);
                    }
                    if draft != editor.draft {
                        push(cmds, EditCommand::SetDraft(Box::new(draft)));
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                if editor.stale {
                    ui.add(crate::gui::busy::Busy);
                    ui.label(RichText::new(CHECKING).weak());
                }
                if ui
                    .add_enabled(editor.can_apply(), egui::Button::new(APPLY))
                    .clicked()
                {
                    push(cmds, EditCommand::Apply);
                }
                if ui.button(CANCEL).clicked() {
                    push(cmds, EditCommand::Close);
                }
            });
        });
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        push(cmds, EditCommand::Close);
    }
}
