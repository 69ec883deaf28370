//! Event detail: everything the file says about the selected event: date and
//! its precision, kind, place, mediators, the agreement it fulfils, notes, and
//! every figure and fact with every claim, its status, who said it, the quote
//! and the source's link (followed only when it is http or https).

use egui::{RichText, Ui};

use super::command::Command;
use super::comparison;
use super::state::{AppState, Loaded};
use super::theme::ui_kit;
use factsheet_core::model::Event;

/// Accessible name of the panel.
pub const PANEL_LABEL: &str = "Event detail";

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let (Some(data), Some(index)) = (&state.data, state.selected) else {
        ui.label(RichText::new("Select an event to see its details.").weak());
        return;
    };
    let Some(event) = data.dataset.events.get(index) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("event-detail-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| event_ui(ui, data, event, state, cmds));
}

/// The button that copies the event's figures with their citations.
pub const COPY_LABEL: &str = "Copy with sources";
/// The small button beside each figure, fact and claim that copies it with its citation.
pub const COPY_ONE_LABEL: &str = "Copy";

fn event_ui(ui: &mut Ui, data: &Loaded, event: &Event, state: &AppState, cmds: &mut Vec<Command>) {
    let dataset = &data.dataset;
    ui.horizontal(|ui| {
        ui.heading(event.title.as_str());
        if ui
            .button(COPY_LABEL)
            .on_hover_text(
                "Every figure of this event with its source and quote, ready to paste (Ctrl+C)",
            )
            .clicked()
        {
            cmds.push(Command::CopySelected);
        }
    });
    egui::Grid::new("event-facts")
        .num_columns(2)
        .spacing([ui_kit::GAP * 2.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Date").weak());
            let (first, last) = event.date.bounds();
            if event.date.is_exact_day() {
                ui.label(event.date.to_string());
            } else {
                ui.label(
                    RichText::new(format!("{} (any day from {first} to {last})", event.date))
                        .italics(),
                );
            }
            ui.end_row();
            // Worked out with the comparison, when the selection changes.
            let dates = state.comparison.as_ref().and_then(|c| c.dates.as_ref());
            if let Some((text, disagree)) = dates {
                ui.label(RichText::new("Sources' dates").weak());
                if *disagree {
                    ui.label(
                        RichText::new(format!("{} {text}", ui_kit::ICON_CONFLICT))
                            .color(ui_kit::conflict_color(ui)),
                    )
                    .on_hover_text("The sources put this event on different days");
                } else {
                    ui.label(text.as_str());
                }
                ui.end_row();
            }
            // Which files (and ids) this event was merged from, with the selection.
            if let Some(from) = state
                .comparison
                .as_ref()
                .and_then(|c| c.merged_from.as_ref())
            {
                ui.label(RichText::new("Files").weak());
                ui.label(from.as_str()).on_hover_text(
                    "Several open files describe this event; their claims are compared together",
                );
                ui.end_row();
            }
            ui.label(RichText::new("Kind").weak());
            ui.label(event.kind.label());
            ui.end_row();
            if let Some(place) = &event.place {
                ui.label(RichText::new("Place").weak());
                let canonical = comparison::canonical_place(&data.comparer.places, &place.name);
                if canonical == place.name.trim() {
                    ui.label(canonical.as_str());
                } else {
                    ui.label(format!("{canonical} (written “{}”)", place.name));
                }
                ui.end_row();
            }
            if !event.mediators.is_empty() {
                ui.label(RichText::new("Mediators").weak());
                ui.label(event.mediators.join(", "));
                ui.end_row();
            }
            if let Some(id) = &event.agreement {
                ui.label(RichText::new("Agreement").weak());
                match dataset.agreement(id) {
                    Some(a) => {
                        ui.vertical(|ui| {
                            ui.label(format!("{} ({})", a.title, a.date));
                            for term in &a.terms {
                                let values: Vec<String> =
                                    term.claims.iter().map(|c| c.value.to_string()).collect();
                                ui.label(format!("• {}: {}", term.description, values.join(" / ")));
                            }
                        });
                    }
                    None => {
                        ui.label(id.as_str());
                    }
                }
                ui.end_row();
            }
            let links = state.comparison.as_ref().and_then(|c| c.links.as_ref());
            if let Some((text, disputed)) = links {
                ui.label(RichText::new("Sources' agreement").weak());
                if *disputed {
                    ui.label(
                        RichText::new(format!("{} {text}", ui_kit::ICON_CONFLICT))
                            .color(ui_kit::conflict_color(ui)),
                    )
                    .on_hover_text(
                        "The sources disagree on which agreement this event falls under: \
                         the Agreements tab counts its delivery apart, as disputed",
                    );
                } else {
                    ui.label(text.as_str());
                }
                ui.end_row();
            }
            ui.label(RichText::new("Id").weak());
            ui.label(event.id.as_str());
            ui.end_row();
        });
    if let Some(notes) = &event.notes {
        ui_kit::section(ui, "Notes");
        ui.label(notes.as_str());
    }
    if let Some(cmp) = &state.comparison {
        if !cmp.spellings.is_empty() {
            ui_kit::section(ui, "Place names spelled differently (not a disagreement)");
            for note in &cmp.spellings {
                ui.label(note);
            }
        }
        if !cmp.figures.is_empty() {
            ui_kit::section(ui, "Figures");
        }
        for point in &cmp.figures {
            point_detail(ui, point, cmds);
        }
        if !cmp.facts.is_empty() {
            ui_kit::section(ui, "Facts");
        }
        for point in &cmp.facts {
            point_detail(ui, point, cmds);
        }
        super::editing::forms::event_section(ui, state, cmp.event_index, cmds);
    }
}

/// The small "Copy" button that puts `citation` on the clipboard; `what` names it in the notice.
fn copy_button(
    ui: &mut Ui,
    hover: &str,
    citation: &str,
    what: impl FnOnce() -> String,
    cmds: &mut Vec<Command>,
) {
    if ui
        .small_button(COPY_ONE_LABEL)
        .on_hover_text(hover)
        .clicked()
    {
        cmds.push(Command::CopyText {
            text: citation.to_string(),
            what: what(),
        });
    }
}

fn point_detail(ui: &mut Ui, point: &comparison::PointView, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&point.label).strong());
        ui.label(ui_kit::class_badge(ui, point.class));
        copy_button(
            ui,
            "Every source's claim on this point, with quotes, ready to paste",
            &point.citation,
            || format!("“{}”", point.label),
            cmds,
        );
    });
    if let Some(backing) = &point.backing {
        ui.label(RichText::new(format!("Backed by: {backing}")).weak());
    }
    if let Some(origins) = &point.origins {
        ui.label(RichText::new(format!("Independent: {origins}")).weak())
            .on_hover_text("Some sources relay others (wire copies, reprints, translations): they are not independent");
    }
    ui.indent(&point.label, |ui| {
        for claim in &point.claims {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&claim.value).strong());
                if let Some(detail) = &claim.detail {
                    ui.label(RichText::new(detail.trim_start()).weak());
                }
                ui.label("—");
                ui.label(&claim.outlet);
                if let Some(relays) = &claim.relays {
                    ui.label(RichText::new(format!("({relays})")).italics().weak())
                        .on_hover_text(
                            "This source relays another: it is not an independent voice",
                        );
                }
                ui.label(RichText::new(format!("({}; {})", claim.affiliation, claim.voice)).weak());
                ui.label(ui_kit::status_text(ui, claim.status));
                if let Some(who) = &claim.attributed_to {
                    ui.label(RichText::new(format!("according to {who}")).italics());
                }
                if let Some(url) = &claim.url
                    && ui
                        .link(format!("{} source", ui_kit::ICON_LINK))
                        .on_hover_text(url)
                        .clicked()
                {
                    cmds.push(Command::OpenLink(url.clone()));
                }
                copy_button(
                    ui,
                    "This claim with its source and quote, ready to paste",
                    &claim.citation,
                    || format!("the claim of {}", claim.outlet),
                    cmds,
                );
            });
            if let Some(q) = &claim.quote {
                ui.indent(("quote", &claim.source_id, q.len()), |ui| {
                    ui.label(RichText::new(format!("“{q}”")).italics().weak());
                });
            }
            if let Some(notes) = &claim.notes {
                ui.indent(("notes", &claim.source_id, notes.len()), |ui| {
                    ui.label(RichText::new(format!("Note: {notes}")).weak());
                });
            }
        }
    });
}
