//! The editing windows and the controls that open them: the source and claim
//! forms, "Capture from quote", the refusal to delete a cited source, the
//! unsaved-changes prompt, and the Edit menu, Save items and the title's mark.
//! Every field has its label as its accessible name, and the field's
//! messages (what it cannot be read as, what the loader would say) under it.

use egui::{RichText, Ui};

use super::drafts::field;
use super::labels::*;
use super::{ClaimDraft, Draft, EditCommand, Editor, FigureChoice, Pending, Resolution};
use crate::gui::command::Command;
use crate::gui::state::AppState;
use crate::gui::theme::ui_kit;
use factsheet_core::model::{Affiliation, Category, ClaimStatus, EventKind, Side};

fn push(cmds: &mut Vec<Command>, cmd: EditCommand) {
    cmds.push(Command::Edit(cmd));
}

/// The Edit menu: Undo and Redo, naming what they would do.
pub fn edit_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    ui.menu_button("Edit", |ui| {
        let undo = state.history.undo_label();
        let text = undo.map_or(UNDO.to_string(), |what| format!("{UNDO} {what}"));
        let button =
            egui::Button::new(text).shortcut_text(ui.ctx().format_shortcut(&super::UNDO_SHORTCUT));
        if ui.add_enabled(undo.is_some(), button).clicked() {
            push(cmds, EditCommand::Undo);
        }
        let redo = state.history.redo_label();
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
    });
}

/// File → Save (Ctrl+S) and Save as… (Ctrl+Shift+S).
pub fn save_items(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let editable = super::can_edit(state);
    let save =
        egui::Button::new(SAVE).shortcut_text(ui.ctx().format_shortcut(&super::SAVE_SHORTCUT));
    let save = ui
        .add_enabled(editable && state.history.is_dirty(), save)
        .on_hover_text("Write the edits to the file the data came from (format 2)");
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
    if state.history.is_dirty() {
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
    } else if ctx.input_mut(|i| i.consume_shortcut(&super::SAVE_SHORTCUT))
        && state.history.is_dirty()
    {
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
                let edit = ui.small_button(EDIT_CLAIM);
                edit.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("{EDIT_CLAIM} {what}"),
                    )
                });
                if edit.clicked() {
                    push(
                        cmds,
                        EditCommand::EditClaim {
                            event,
                            figure: f,
                            claim: c,
                        },
                    );
                }
                let delete = ui.small_button(DELETE_CLAIM);
                delete.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("{DELETE_CLAIM} {what}"),
                    )
                });
                if delete.clicked() {
                    push(
                        cmds,
                        EditCommand::DeleteClaim {
                            event,
                            figure: f,
                            claim: c,
                        },
                    );
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
    if let Some(pending) = &state.pending {
        prompt(ctx, pending, cmds);
    }
}

fn prompt(ctx: &egui::Context, pending: &Pending, cmds: &mut Vec<Command>) {
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
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                push(cmds, EditCommand::Resolve(Resolution::Save));
            }
            if ui.button(discard).clicked() {
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
                        Draft::Source(s) => {
                            text_field(ui, editor, "Id", field::ID, &mut s.id);
                            text_field(ui, editor, "Outlet", field::OUTLET, &mut s.outlet);
                            text_field(ui, editor, "Title", field::TITLE, &mut s.title);
                            text_field(ui, editor, "Link", field::URL, &mut s.url);
                            text_field(
                                ui,
                                editor,
                                "Published (YYYY-MM-DD)",
                                field::PUBLISHED,
                                &mut s.published,
                            );
                            text_field(
                                ui,
                                editor,
                                "Language (en, uk, ru…)",
                                field::LANGUAGE,
                                &mut s.language,
                            );
                            let label = ui.label("Affiliation");
                            egui::ComboBox::from_id_salt("edit-affiliation")
                                .selected_text(s.affiliation.label())
                                .show_ui(ui, |ui| {
                                    for a in AFFILIATIONS {
                                        ui.selectable_value(&mut s.affiliation, a, a.label());
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                            text_field(
                                ui,
                                editor,
                                "Archived copy",
                                field::ARCHIVE_URL,
                                &mut s.archive_url,
                            );
                            text_field(ui, editor, "Notes", field::NOTES, &mut s.notes);
                        }
                        Draft::Claim(c) => claim_fields(ui, state, editor, c),
                        Draft::Event(e) => event_fields(ui, state, editor, e),
                        Draft::Answer(a) => answer_fields(ui, state, editor, a),
                    }
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

const AFFILIATIONS: [Affiliation; 9] = [
    Affiliation::UkrainianGovernment,
    Affiliation::RussianGovernment,
    Affiliation::UkrainianStateMedia,
    Affiliation::RussianStateMedia,
    Affiliation::InternationalBody,
    Affiliation::ThirdCountryGovernment,
    Affiliation::ThirdCountryMedia,
    Affiliation::IndependentMedia,
    Affiliation::Unknown,
];

const STATUSES: [ClaimStatus; 4] = [
    ClaimStatus::Confirmed,
    ClaimStatus::Claimed,
    ClaimStatus::Unconfirmed,
    ClaimStatus::Denied,
];

/// Under the pasted quote: the day it names, set against the event's date.
fn proposal_note(ui: &mut Ui, state: &AppState, c: &ClaimDraft) {
    let (Some(data), Some(proposal)) = (
        &state.data,
        state.editor.as_ref().and_then(|e| e.proposal.as_ref()),
    ) else {
        return;
    };
    let event = data.dataset.events.get(c.event);
    match (proposal.date, &proposal.date_words, event) {
        (Some(day), Some(words), Some(e)) => {
            let (first, last) = e.date.bounds();
            let text = format!("“{words}” is {day}; the event is dated {}", e.date);
            if first <= day && day <= last {
                ui.label(RichText::new(text).weak());
            } else {
                message_line(
                    ui,
                    false,
                    &format!("{text}: check the quote belongs to this event"),
                );
            }
        }
        (None, Some(words), _) => {
            ui.label(
                RichText::new(format!(
                    "“{words}”: the source has no publication date to count from"
                ))
                .weak(),
            );
        }
        _ => {}
    }
}

fn claim_fields(ui: &mut Ui, state: &AppState, editor: &Editor, c: &mut ClaimDraft) {
    let Some(data) = &state.data else {
        return;
    };
    let event = data.dataset.events.get(c.event);
    // The figure: one of the event's, or a new one.
    let label = ui.label("Figure");
    let figure_text = |choice: &FigureChoice| match choice {
        FigureChoice::Existing(i) => event
            .and_then(|e| e.figures.get(*i))
            .map_or("?".to_string(), |f| {
                figure_name(f.id.as_str(), f.received_by, f.category)
            }),
        FigureChoice::New { .. } => "a new figure".to_string(),
    };
    ui.add_enabled_ui(c.at.is_none(), |ui| {
        egui::ComboBox::from_id_salt("edit-figure")
            .selected_text(figure_text(&c.figure))
            .width(300.0)
            .show_ui(ui, |ui| {
                for (i, f) in event
                    .map(|e| e.figures.as_slice())
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                {
                    ui.selectable_value(
                        &mut c.figure,
                        FigureChoice::Existing(i),
                        figure_name(f.id.as_str(), f.received_by, f.category),
                    );
                }
                if !matches!(c.figure, FigureChoice::New { .. })
                    && ui.selectable_label(false, "a new figure").clicked()
                {
                    c.figure = FigureChoice::New {
                        id: String::new(),
                        received_by: None,
                        category: Category::Prisoners,
                    };
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let FigureChoice::New {
        id,
        received_by,
        category,
    } = &mut c.figure
    {
        ui.indent("new-figure", |ui| {
            let label = ui.label("Received by");
            egui::ComboBox::from_id_salt("edit-side")
                .selected_text(received_by.map_or("both sides, not split", Side::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(received_by, None, "both sides, not split");
                    for side in Side::ALL {
                        ui.selectable_value(received_by, Some(side), side.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Counted");
            egui::ComboBox::from_id_salt("edit-category")
                .selected_text(category.label())
                .show_ui(ui, |ui| {
                    for cat in Category::ALL {
                        ui.selectable_value(category, cat, cat.label());
                    }
                })
                .response
                .labelled_by(label.id);
            text_field(ui, editor, "Figure id", field::FIGURE, id);
        });
    } else {
        messages(ui, editor, field::FIGURE);
    }
    source_choice(ui, state, "edit-claim-source", &mut c.source);
    messages(ui, editor, field::SOURCE);
    text_field(
        ui,
        editor,
        "Value (1,212 · more than 500 · 250–300 · not disclosed)",
        field::VALUE,
        &mut c.value,
    );
    status_choice(ui, "edit-status", &mut c.status);
    text_field(
        ui,
        editor,
        "Attributed to",
        field::ATTRIBUTED_TO,
        &mut c.attributed_to,
    );
    let label = ui.label("Quote");
    ui.add(
        egui::TextEdit::multiline(&mut c.quote)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    messages(ui, editor, field::QUOTE);
    text_field(
        ui,
        editor,
        "Stated on (optional)",
        field::STATED_ON,
        &mut c.stated_on,
    );
}

fn answer_fields(ui: &mut Ui, state: &AppState, editor: &Editor, a: &mut super::AnswerDraft) {
    let question = state
        .dataset()
        .and_then(|d| d.events.get(a.event)?.facts.get(a.fact))
        .map_or(String::new(), |f| f.question.to_string());
    ui.label(RichText::new(question).strong());
    source_choice(ui, state, "edit-answer-source", &mut a.source);
    messages(ui, editor, field::SOURCE);
    text_field(ui, editor, "Answer", field::ANSWER, &mut a.answer);
    status_choice(ui, "edit-answer-status", &mut a.status);
    text_field(
        ui,
        editor,
        "Attributed to",
        field::ATTRIBUTED_TO,
        &mut a.attributed_to,
    );
    let label = ui.label("Quote");
    ui.add(
        egui::TextEdit::multiline(&mut a.quote)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    messages(ui, editor, field::QUOTE);
}

/// The "Source" choice: every source of the data, by outlet and id.
fn source_choice(ui: &mut Ui, state: &AppState, salt: &str, source: &mut String) {
    let Some(data) = &state.data else {
        return;
    };
    let label = ui.label("Source");
    let chosen = data
        .source(source)
        .map_or(source.clone(), |s| s.outlet.to_string());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(chosen)
        .width(300.0)
        .show_ui(ui, |ui| {
            for s in data.dataset.sources.iter() {
                let name = format!("{} ({})", s.outlet, s.id);
                ui.selectable_value(source, s.id.to_string(), name);
            }
        })
        .response
        .labelled_by(label.id);
}

/// The "Status" choice.
fn status_choice(ui: &mut Ui, salt: &str, status: &mut ClaimStatus) {
    let label = ui.label("Status");
    egui::ComboBox::from_id_salt(salt)
        .selected_text(status.label())
        .show_ui(ui, |ui| {
            for s in STATUSES {
                ui.selectable_value(status, s, s.label());
            }
        })
        .response
        .labelled_by(label.id);
}

fn event_fields(ui: &mut Ui, state: &AppState, editor: &Editor, e: &mut super::EventDraft) {
    text_field(ui, editor, "Id", field::ID, &mut e.id);
    text_field(ui, editor, "Title", field::TITLE, &mut e.title);
    text_field(
        ui,
        editor,
        "Date (2025-06-11 · about 2025-06-11 · June 2025)",
        field::DATE,
        &mut e.date,
    );
    let label = ui.label("Kind");
    egui::ComboBox::from_id_salt("edit-event-kind")
        .selected_text(e.kind.label())
        .show_ui(ui, |ui| {
            for kind in EventKind::ALL {
                ui.selectable_value(&mut e.kind, kind, kind.label());
            }
        })
        .response
        .labelled_by(label.id);
    messages(ui, editor, field::KIND);
    text_field(ui, editor, "Place", field::PLACE, &mut e.place);
    text_field(
        ui,
        editor,
        "Mediators (comma-separated)",
        field::MEDIATORS,
        &mut e.mediators,
    );
    let label = ui.label("Agreement");
    let agreements = state
        .dataset()
        .map(|d| d.agreements.as_slice())
        .unwrap_or(&[]);
    let chosen = agreements
        .iter()
        .find(|a| a.id == e.agreement.as_str())
        .map_or_else(
            || {
                if e.agreement.is_empty() {
                    "none".to_string()
                } else {
                    e.agreement.clone()
                }
            },
            |a| a.title.to_string(),
        );
    egui::ComboBox::from_id_salt("edit-event-agreement")
        .selected_text(chosen)
        .width(300.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut e.agreement, String::new(), "none");
            for a in agreements {
                ui.selectable_value(
                    &mut e.agreement,
                    a.id.to_string(),
                    format!("{} ({})", a.title, a.id),
                );
            }
        })
        .response
        .labelled_by(label.id);
    messages(ui, editor, field::AGREEMENT);
    text_field(ui, editor, "Notes", field::NOTES, &mut e.notes);
}

fn figure_name(id: &str, side: Option<Side>, category: Category) -> String {
    match side {
        Some(side) => format!("{} {} ({id})", category.label(), side.to_label()),
        None => format!("{} (both sides) ({id})", category.label()),
    }
}

/// A labelled one-line field with its messages under it.
fn text_field(ui: &mut Ui, editor: &Editor, label: &str, field: &str, value: &mut String) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    messages(ui, editor, field);
}

fn messages(ui: &mut Ui, editor: &Editor, field: &str) {
    for (error, message) in editor.messages(field) {
        message_line(ui, error, &message);
    }
}

fn message_line(ui: &mut Ui, error: bool, message: &str) {
    let (icon, color) = if error {
        (ui_kit::ICON_CONFLICT, ui_kit::conflict_color(ui))
    } else {
        (ui_kit::ICON_COMPATIBLE, ui_kit::compatible_color(ui))
    };
    let kind = if error { "error" } else { "warning" };
    ui.add(
        egui::Label::new(RichText::new(format!("{icon} {kind}: {message}")).color(color)).wrap(),
    );
}
