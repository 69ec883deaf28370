//! The controls and windows of the forms for facts, agreements and their
//! terms, running totals and estimates, and of the duplicates: the buttons
//! in the event detail, the sources panel and the Agreements tab (where the
//! estimates are listed too), the Edit menu's items, and the refusal to
//! delete an agreement something refers to. Every button is named with its
//! item for screen readers ("Edit term… t1").

use egui::{RichText, Ui};

use super::fields_items::{
    agreement_fields, estimate_fields, fact_fields, term_fields, total_fields,
};
use super::items::labels::*;
use super::{Draft, EditCommand, Editor, ItemCommand};
use crate::gui::command::Command;
use crate::gui::state::AppState;
use crate::gui::theme::ui_kit;

fn push(cmds: &mut Vec<Command>, cmd: ItemCommand) {
    cmds.push(Command::Edit(EditCommand::Item(cmd)));
}

/// A small button named `label` and `what` for screen readers.
fn named_button(ui: &mut Ui, label: &str, what: &str) -> bool {
    let button = ui.small_button(label);
    let name = format!("{label} {what}");
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    button.clicked()
}

/// The title of the form for one of these drafts.
pub(super) fn title(draft: &Draft) -> &'static str {
    match draft {
        Draft::Fact(f) if f.at.is_none() => "Add fact",
        Draft::Fact(_) => "Edit fact",
        Draft::Agreement(a) if a.at.is_none() => "Add agreement",
        Draft::Agreement(_) => "Edit agreement",
        Draft::Term(t) if t.at.is_none() => "Add term",
        Draft::Term(_) => "Edit term",
        Draft::RunningTotal(t) if t.at.is_none() => "Add running total",
        Draft::RunningTotal(_) => "Edit running total",
        Draft::Estimate(e) if e.at.is_none() => "Add estimate",
        Draft::Estimate(_) => "Edit estimate",
        _ => "Edit",
    }
}

/// The fields of the form for one of these drafts.
pub(super) fn fields(ui: &mut Ui, state: &AppState, editor: &Editor, draft: &mut Draft) {
    match draft {
        Draft::Fact(f) => fact_fields(ui, editor, f),
        Draft::Agreement(a) => agreement_fields(ui, editor, a),
        Draft::Term(t) => term_fields(ui, state, editor, t),
        Draft::RunningTotal(t) => total_fields(ui, state, editor, t),
        Draft::Estimate(e) => estimate_fields(ui, state, editor, e),
        _ => {}
    }
}

/// "Duplicate event…" beside Edit and Delete in the event detail.
pub fn duplicate_event_button(ui: &mut Ui, event: usize, cmds: &mut Vec<Command>) {
    if ui
        .button(DUPLICATE_EVENT)
        .on_hover_text("A new event filled in as this one (figures, facts and all), with a new id")
        .clicked()
    {
        push(cmds, ItemCommand::DuplicateEvent(event));
    }
}

/// "Duplicate source…" beside Edit and Delete in the sources panel.
pub fn duplicate_source_button(ui: &mut Ui, index: usize, name: &str, cmds: &mut Vec<Command>) {
    if named_button(ui, DUPLICATE_SOURCE, name) {
        push(cmds, ItemCommand::DuplicateSource(index));
    }
}

/// "Add fact…" in the event detail.
pub fn add_fact_button(ui: &mut Ui, event: usize, cmds: &mut Vec<Command>) {
    if ui
        .button(ADD_FACT)
        .on_hover_text("A question sources answer: \"Did Russia confirm?\"")
        .clicked()
    {
        push(cmds, ItemCommand::NewFact { event });
    }
}

/// "Edit fact…" and "Delete fact" beside a fact's question.
pub fn fact_buttons(
    ui: &mut Ui,
    event: usize,
    fact: usize,
    question: &str,
    cmds: &mut Vec<Command>,
) {
    if named_button(ui, EDIT_FACT, question) {
        push(cmds, ItemCommand::EditFact { event, fact });
    }
    if named_button(ui, DELETE_FACT, question) {
        push(cmds, ItemCommand::DeleteFact { event, fact });
    }
}

/// "Add agreement…" over the agreements.
pub fn add_agreement_button(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    if super::can_edit(state) && ui.button(ADD_AGREEMENT).clicked() {
        push(cmds, ItemCommand::NewAgreement);
    }
}

/// Beside an agreement's title: Edit, Delete, Add term.
pub fn agreement_buttons(
    ui: &mut Ui,
    state: &AppState,
    agreement: usize,
    name: &str,
    cmds: &mut Vec<Command>,
) {
    if !super::can_edit(state) {
        return;
    }
    if named_button(ui, EDIT_AGREEMENT, name) {
        push(cmds, ItemCommand::EditAgreement(agreement));
    }
    if named_button(ui, DELETE_AGREEMENT, name) {
        push(cmds, ItemCommand::DeleteAgreement(agreement));
    }
    if named_button(ui, ADD_TERM, name) {
        push(cmds, ItemCommand::NewTerm { agreement });
    }
}

/// Beside a term: Edit and Delete.
pub fn term_buttons(
    ui: &mut Ui,
    state: &AppState,
    agreement: usize,
    term: usize,
    name: &str,
    cmds: &mut Vec<Command>,
) {
    if !super::can_edit(state) {
        return;
    }
    ui.horizontal(|ui| {
        if named_button(ui, EDIT_TERM, name) {
            push(cmds, ItemCommand::EditTerm { agreement, term });
        }
        if named_button(ui, DELETE_TERM, name) {
            push(cmds, ItemCommand::DeleteTerm { agreement, term });
        }
    });
}

/// "Add running total…" over the running totals.
pub fn add_total_button(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    if super::can_edit(state) && ui.button(ADD_TOTAL).clicked() {
        push(cmds, ItemCommand::NewRunningTotal);
    }
}

/// Beside a running total: Edit and Delete.
pub fn total_buttons(
    ui: &mut Ui,
    state: &AppState,
    total: usize,
    name: &str,
    cmds: &mut Vec<Command>,
) {
    if !super::can_edit(state) {
        return;
    }
    if named_button(ui, EDIT_TOTAL, name) {
        push(cmds, ItemCommand::EditRunningTotal(total));
    }
    if named_button(ui, DELETE_TOTAL, name) {
        push(cmds, ItemCommand::DeleteRunningTotal(total));
    }
}

/// The Agreements tab's list of estimates (standing figures not tied to one
/// event: captives held), each with what its sources say, and its controls.
pub fn estimates_section(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(dataset) = state.dataset() else {
        return;
    };
    ui_kit::section(ui, "Estimates stated by sources");
    if dataset.estimates.is_empty() {
        ui.label(RichText::new("The open files record no estimate.").weak());
    }
    let editable = super::can_edit(state);
    for (i, estimate) in dataset.estimates.iter().enumerate() {
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(estimate.description.as_str()).strong());
                if editable {
                    let name = estimate.id.as_str();
                    if named_button(ui, EDIT_ESTIMATE, name) {
                        push(cmds, ItemCommand::EditEstimate(i));
                    }
                    if named_button(ui, DELETE_ESTIMATE, name) {
                        push(cmds, ItemCommand::DeleteEstimate(i));
                    }
                }
            });
            let mut about = Vec::new();
            if let Some(as_of) = &estimate.as_of {
                about.push(format!("as of {as_of}"));
            }
            if let Some(side) = estimate.held_by {
                about.push(format!("held by {}", side.label()));
            }
            about.push(estimate.category.label().to_string());
            ui.label(RichText::new(about.join(" · ")).weak());
            for claim in estimate.claims.iter() {
                ui.label(format!("{}: {}", claim.source, claim.value));
            }
        });
    }
    if editable && ui.button(ADD_ESTIMATE).clicked() {
        push(cmds, ItemCommand::NewEstimate);
    }
}

/// The Edit menu's items for agreements, running totals and estimates: Add,
/// and Edit and Delete of each by name.
pub fn edit_menu_items(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let editable = super::can_edit(state);
    let Some(dataset) = state.dataset().filter(|_| editable) else {
        return;
    };
    ui.separator();
    if ui.button(ADD_AGREEMENT).clicked() {
        push(cmds, ItemCommand::NewAgreement);
    }
    let agreements: Vec<String> = dataset
        .agreements
        .iter()
        .map(|a| format!("{} ({})", a.title, a.id))
        .collect();
    each(
        ui,
        EDIT_AGREEMENT,
        &agreements,
        cmds,
        ItemCommand::EditAgreement,
    );
    each(
        ui,
        DELETE_AGREEMENT,
        &agreements,
        cmds,
        ItemCommand::DeleteAgreement,
    );
    ui.separator();
    if ui.button(ADD_TOTAL).clicked() {
        push(cmds, ItemCommand::NewRunningTotal);
    }
    let totals: Vec<String> = dataset
        .running_totals
        .iter()
        .map(|t| format!("{} ({})", t.description, t.id))
        .collect();
    each(ui, EDIT_TOTAL, &totals, cmds, ItemCommand::EditRunningTotal);
    each(
        ui,
        DELETE_TOTAL,
        &totals,
        cmds,
        ItemCommand::DeleteRunningTotal,
    );
    ui.separator();
    if ui.button(ADD_ESTIMATE).clicked() {
        push(cmds, ItemCommand::NewEstimate);
    }
    let estimates: Vec<String> = dataset
        .estimates
        .iter()
        .map(|e| format!("{} ({})", e.description, e.id))
        .collect();
    each(
        ui,
        EDIT_ESTIMATE,
        &estimates,
        cmds,
        ItemCommand::EditEstimate,
    );
    each(
        ui,
        DELETE_ESTIMATE,
        &estimates,
        cmds,
        ItemCommand::DeleteEstimate,
    );
}

/// A submenu `label` of `names`, each choosing `make(its index)`; off when there are none.
fn each(
    ui: &mut Ui,
    label: &str,
    names: &[String],
    cmds: &mut Vec<Command>,
    make: fn(usize) -> ItemCommand,
) {
    if names.is_empty() {
        ui.add_enabled(false, egui::Button::new(label));
        return;
    }
    ui.menu_button(label, |ui| {
        egui::ScrollArea::vertical()
            .max_height(400.0)
            .show(ui, |ui| {
                for (i, name) in names.iter().enumerate() {
                    if ui.button(name).clicked() {
                        push(cmds, make(i));
                    }
                }
            });
    });
}

/// The refusal to delete an agreement that events, links or running totals
/// still refer to, with the list of them.
pub fn refusal_window(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(refusal) = &state.refusal else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new(REFUSAL_TITLE)
        .id(egui::Id::unique("delete-agreement"))
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "The agreement {} is not deleted: it is still referred to by",
                refusal.name
            ));
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for r in &refusal.references {
                        ui.label(format!("• {}", r.what));
                    }
                });
            ui.label(
                RichText::new(
                    "Change these first (an event's agreement, a running total's scope…).",
                )
                .weak(),
            );
            close = ui.button(CLOSE).clicked();
        });
    if !open || close {
        cmds.push(Command::Edit(EditCommand::Close));
    }
}
