//! The fields of the forms for a fact, an agreement, a term, a running total
//! and an estimate: each labelled (its label is its accessible name) with its
//! messages under it, the choices as combo boxes named by their labels, and
//! the claims of a term, total or estimate as rows ("Claim 1 value"…) with
//! "Add a claim" and "Remove claim N".

use egui::Ui;

use super::claim_rows::{CLAIMS, ClaimRow};
use super::drafts::field;
use super::drafts_agreements::fields::{CATEGORY, DESCRIPTION, PARTIES, RECEIVED_BY};
use super::drafts_facts::QUESTION;
use super::drafts_totals::fields::*;
use super::fields::{message_line, messages, text_field};
use super::items::labels::{ADD_CLAIM_ROW, REMOVE_CLAIM_ROW};
use super::{AgreementDraft, Editor, EstimateDraft, FactDraft, TermDraft, TotalDraft};
use crate::gui::state::AppState;
use factsheet_core::model::{AgreementKind, Category, ClaimStatus, EventKind, Side, TotalCounts};

pub(super) fn fact_fields(ui: &mut Ui, editor: &Editor, f: &mut FactDraft) {
    text_field(ui, editor, "Id", field::ID, &mut f.id);
    text_field(
        ui,
        editor,
        "Question (Did Russia confirm?)",
        QUESTION,
        &mut f.question,
    );
}

pub(super) fn agreement_fields(ui: &mut Ui, editor: &Editor, a: &mut AgreementDraft) {
    text_field(ui, editor, "Id", field::ID, &mut a.id);
    text_field(ui, editor, "Title", field::TITLE, &mut a.title);
    let kinds = [
        (AgreementKind::Agreement, "an agreement"),
        (AgreementKind::Promise, "a promise"),
    ];
    choice(ui, "Kind", "edit-agreement-kind", &mut a.kind, &kinds);
    messages(ui, editor, field::KIND);
    text_field(
        ui,
        editor,
        "Date (2025-06-02 · about 2025-06-02 · June 2025)",
        field::DATE,
        &mut a.date,
    );
    text_field(ui, editor, "Place", field::PLACE, &mut a.place);
    text_field(
        ui,
        editor,
        "Parties (comma-separated)",
        PARTIES,
        &mut a.parties,
    );
    text_field(
        ui,
        editor,
        "Mediators (comma-separated)",
        field::MEDIATORS,
        &mut a.mediators,
    );
    text_field(ui, editor, "Notes", field::NOTES, &mut a.notes);
}

pub(super) fn term_fields(ui: &mut Ui, state: &AppState, editor: &Editor, t: &mut TermDraft) {
    text_field(ui, editor, "Id", field::ID, &mut t.id);
    text_field(
        ui,
        editor,
        "Description (6,000 bodies to Ukraine)",
        DESCRIPTION,
        &mut t.description,
    );
    let sides = Side::ALL.map(|s| (s, s.label()));
    choice(
        ui,
        "Received by",
        "edit-term-side",
        &mut t.received_by,
        &sides,
    );
    messages(ui, editor, RECEIVED_BY);
    let categories = Category::ALL.map(|c| (c, c.label()));
    choice(
        ui,
        "Counted",
        "edit-term-category",
        &mut t.category,
        &categories,
    );
    messages(ui, editor, CATEGORY);
    claim_rows(ui, state, editor, "term", &mut t.claims);
    text_field(ui, editor, "Notes", field::NOTES, &mut t.notes);
}

pub(super) fn total_fields(ui: &mut Ui, state: &AppState, editor: &Editor, t: &mut TotalDraft) {
    text_field(ui, editor, "Id", field::ID, &mut t.id);
    text_field(
        ui,
        editor,
        "Description (bodies returned since June)",
        DESCRIPTION,
        &mut t.description,
    );
    let counts = [
        (TotalCounts::People, "people (the sum of the figures)"),
        (TotalCounts::Events, "events (how many took place)"),
    ];
    choice(ui, "Counts", "edit-total-counts", &mut t.counts, &counts);
    messages(ui, editor, COUNTS);
    let mut agreements = vec![(String::new(), "any".to_string())];
    if let Some(d) = state.dataset() {
        agreements.extend(
            d.agreements
                .iter()
                .map(|a| (a.id.to_string(), format!("{} ({})", a.title, a.id))),
        );
    }
    let label = ui.label("Of the agreement");
    let chosen = agreements
        .iter()
        .find(|(id, _)| *id == t.agreement)
        .map_or_else(|| t.agreement.clone(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt("edit-total-agreement")
        .selected_text(chosen)
        .width(300.0)
        .show_ui(ui, |ui| {
            for (id, name) in &agreements {
                ui.selectable_value(&mut t.agreement, id.clone(), name);
            }
        })
        .response
        .labelled_by(label.id);
    messages(ui, editor, SCOPE_AGREEMENT);
    text_field(
        ui,
        editor,
        "From (2025-06-01 · 2025-06 · 2025)",
        SCOPE_FROM,
        &mut t.from,
    );
    text_field(
        ui,
        editor,
        "Until (2025-06-30 · 2025-06 · 2025)",
        SCOPE_UNTIL,
        &mut t.until,
    );
    let sides = optional_sides("either side");
    choice(
        ui,
        "Received by",
        "edit-total-side",
        &mut t.received_by,
        &sides,
    );
    messages(ui, editor, SCOPE_RECEIVED_BY);
    let categories = optional_categories();
    choice(
        ui,
        "Counted",
        "edit-total-category",
        &mut t.category,
        &categories,
    );
    messages(ui, editor, SCOPE_CATEGORY);
    let mut kinds = vec![(None, "any kind")];
    kinds.extend(EventKind::ALL.map(|k| (Some(k), k.label())));
    choice(ui, "Kind of event", "edit-total-kind", &mut t.kind, &kinds);
    messages(ui, editor, SCOPE_KIND);
    claim_rows(ui, state, editor, "total", &mut t.claims);
    ui.label(
        egui::RichText::new("Baseline (optional): what the total takes in from before a day")
            .strong(),
    );
    let b = &mut t.baseline;
    text_field(
        ui,
        editor,
        "Baseline before (YYYY-MM-DD)",
        BASELINE_BEFORE,
        &mut b.before,
    );
    text_field(ui, editor, "Baseline value", BASELINE_VALUE, &mut b.value);
    source_choice(
        ui,
        state,
        "Baseline source",
        "edit-baseline-source",
        &mut b.source,
    );
    messages(ui, editor, BASELINE_SOURCE);
    text_field(ui, editor, "Baseline quote", BASELINE_QUOTE, &mut b.quote);
    ui.separator();
    text_field(ui, editor, "Notes", field::NOTES, &mut t.notes);
}

pub(super) fn estimate_fields(
    ui: &mut Ui,
    state: &AppState,
    editor: &Editor,
    e: &mut EstimateDraft,
) {
    text_field(ui, editor, "Id", field::ID, &mut e.id);
    text_field(
        ui,
        editor,
        "Description (soldiers held captive)",
        DESCRIPTION,
        &mut e.description,
    );
    let categories = Category::ALL.map(|c| (c, c.label()));
    choice(
        ui,
        "Counted",
        "edit-estimate-category",
        &mut e.category,
        &categories,
    );
    messages(ui, editor, CATEGORY);
    let sides = optional_sides("not said");
    choice(ui, "Held by", "edit-estimate-held", &mut e.held_by, &sides);
    messages(ui, editor, HELD_BY);
    text_field(
        ui,
        editor,
        "As of (2025-05-01 · 2025-05 · 2025)",
        AS_OF,
        &mut e.as_of,
    );
    claim_rows(ui, state, editor, "estimate", &mut e.claims);
    text_field(ui, editor, "Notes", field::NOTES, &mut e.notes);
}

fn optional_sides(none: &'static str) -> Vec<(Option<Side>, &'static str)> {
    let mut sides = vec![(None, none)];
    sides.extend(Side::ALL.map(|s| (Some(s), s.label())));
    sides
}

fn optional_categories() -> Vec<(Option<Category>, &'static str)> {
    let mut categories = vec![(None, "anything")];
    categories.extend(Category::ALL.map(|c| (Some(c), c.label())));
    categories
}

fn statuses() -> [(ClaimStatus, &'static str); 4] {
    [
        ClaimStatus::Confirmed,
        ClaimStatus::Claimed,
        ClaimStatus::Unconfirmed,
        ClaimStatus::Denied,
    ]
    .map(|s| (s, s.label()))
}

/// The claims, one group of fields each: "Claim 1 source", "Claim 1 value"…
fn claim_rows(
    ui: &mut Ui,
    state: &AppState,
    editor: &Editor,
    salt: &str,
    rows: &mut Vec<ClaimRow>,
) {
    ui.separator();
    ui.label(egui::RichText::new("Claims").strong());
    let sources = source_names(state);
    // What a row's value cannot be read as is shown under that row ("claim 2: …").
    let all = editor.messages(CLAIMS);
    let of_row = |n: usize| format!("claim {n}:");
    let mut remove = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id((salt, i), |ui| {
            source_choice(
                ui,
                state,
                &format!("Claim {n} source"),
                "source",
                &mut row.source,
            );
            let label = ui.label(format!(
                "Claim {n} value (1,212 · more than 500 · 250–300 · not disclosed)"
            ));
            ui.add(egui::TextEdit::singleline(&mut row.value).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            for (error, message) in all.iter().filter(|(_, m)| m.starts_with(&of_row(n))) {
                message_line(ui, *error, message);
            }
            choice(
                ui,
                &format!("Claim {n} status"),
                "status",
                &mut row.status,
                &statuses(),
            );
            let label = ui.label(format!("Claim {n} attributed to"));
            ui.add(egui::TextEdit::singleline(&mut row.attributed_to).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            let label = ui.label(format!("Claim {n} quote"));
            ui.add(
                egui::TextEdit::multiline(&mut row.quote)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            if ui.small_button(format!("{REMOVE_CLAIM_ROW} {n}")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove.filter(|i| *i < rows.len()) {
        rows.remove(i);
    }
    if ui.small_button(ADD_CLAIM_ROW).clicked() {
        let first = sources.first().map_or("", |(id, _)| id.as_str());
        rows.push(ClaimRow::new(first));
    }
    let rows_shown = rows.len();
    for (error, message) in &all {
        if !(1..=rows_shown).any(|n| message.starts_with(&of_row(n))) {
            message_line(ui, *error, message);
        }
    }
    ui.separator();
}

/// Every source of the data: (id, "outlet (id)").
fn source_names(state: &AppState) -> Vec<(String, String)> {
    state.dataset().map_or_else(Vec::new, |d| {
        d.sources
            .iter()
            .map(|s| (s.id.to_string(), format!("{} ({})", s.outlet, s.id)))
            .collect()
    })
}

/// A labelled choice of the data's sources, by outlet and id.
fn source_choice(ui: &mut Ui, state: &AppState, label: &str, salt: &str, source: &mut String) {
    let sources = source_names(state);
    let label = ui.label(label);
    let chosen = sources
        .iter()
        .find(|(id, _)| id == source)
        .map_or_else(|| source.clone(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(chosen)
        .width(300.0)
        .show_ui(ui, |ui| {
            for (id, name) in &sources {
                ui.selectable_value(source, id.clone(), name);
            }
        })
        .response
        .labelled_by(label.id);
}

/// A labelled combo box of `options`, the label its accessible name.
fn choice<T: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    salt: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    let label = ui.label(label);
    let chosen = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, name)| *name);
    egui::ComboBox::from_id_salt(salt)
        .selected_text(chosen)
        .width(300.0)
        .show_ui(ui, |ui| {
            for (v, name) in options {
                ui.selectable_value(value, v.clone(), *name);
            }
        })
        .response
        .labelled_by(label.id);
}
