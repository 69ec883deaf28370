//! The fields of the editing forms: each labelled (its label is its
//! accessible name) with its messages under it, and the choices (source,
//! status, figure, kind, agreement) as combo boxes named by their labels.

use egui::{RichText, Ui};

use super::drafts::field;
use super::{ClaimDraft, Editor, FigureChoice};
use crate::gui::state::AppState;
use crate::gui::theme::ui_kit;
use factsheet_core::model::{Affiliation, Category, ClaimStatus, EventKind, Side};

/// The source form's fields.
pub(super) fn source_fields(ui: &mut Ui, editor: &Editor, s: &mut super::SourceDraft) {
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
pub(super) fn proposal_note(ui: &mut Ui, state: &AppState, c: &ClaimDraft) {
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

pub(super) fn claim_fields(ui: &mut Ui, state: &AppState, editor: &Editor, c: &mut ClaimDraft) {
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
    text_field(
        ui,
        editor,
        "Words (optional: the source's own, as \"dozens\", \"nearly 5,000\")",
        field::WORDS,
        &mut c.words,
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
    super::part_rows::part_rows(ui, editor, &mut c.parts);
}

pub(super) fn answer_fields(
    ui: &mut Ui,
    state: &AppState,
    editor: &Editor,
    a: &mut super::AnswerDraft,
) {
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
pub(super) fn status_choice(ui: &mut Ui, salt: &str, status: &mut ClaimStatus) {
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

pub(super) fn event_fields(
    ui: &mut Ui,
    state: &AppState,
    editor: &Editor,
    e: &mut super::EventDraft,
) {
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
pub(super) fn text_field(
    ui: &mut Ui,
    editor: &Editor,
    label: &str,
    field: &str,
    value: &mut String,
) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    messages(ui, editor, field);
}

pub(super) fn messages(ui: &mut Ui, editor: &Editor, field: &str) {
    for (error, message) in editor.messages(field) {
        message_line(ui, error, &message);
    }
}

pub(super) fn message_line(ui: &mut Ui, error: bool, message: &str) {
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
