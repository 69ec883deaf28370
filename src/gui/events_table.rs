//! The events table: one virtualised row per visible event (egui_extras only
//! lays out the rows on screen, so a million rows scroll as smoothly as ten).
//! Every column header sorts; a click on a row selects the event everywhere.

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::state::{AppState, SortColumn};
use super::theme::ui_kit;

/// Accessible name of the table, for screen readers and tests.
pub const TABLE_LABEL: &str = "Events table";

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = &state.data else {
        ui.centered_and_justified(|ui| {
            if state.loading.is_some() {
                ui.label(RichText::new("Opening…").weak());
            } else {
                ui.label(
                    RichText::new("Open a file (File, Open…, Ctrl+O) or drop one here").weak(),
                );
            }
        });
        return;
    };
    if state.visible.is_empty() {
        ui.vertical_centered(|ui| {
            ui.add_space(ui_kit::GAP * 4.0);
            if data.table.rows.is_empty() {
                ui.label(RichText::new("This dataset has no events.").weak());
            } else {
                ui.label(RichText::new("No event matches the filters.").weak());
                if ui.button("Clear filters").clicked() {
                    cmds.push(Command::ClearFilters);
                }
            }
        });
        return;
    }
    let builder = egui::UiBuilder::new()
        .id_salt("events-table")
        .accessibility_label(TABLE_LABEL)
        .accessibility_role(egui::accesskit::Role::Table);
    // Wide columns scroll sideways rather than squeeze.
    // Fill the space, so the sideways scroll bar sits at the bottom and never over a row.
    egui::ScrollArea::horizontal()
        .id_salt("events-hscroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.scope_builder(builder, |ui| table(ui, state, cmds));
        });
}

fn table(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = &state.data else {
        return;
    };
    let text_height = ui_kit::ROW_HEIGHT;
    let mut builder = TableBuilder::new(ui)
        .id_salt("events")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(100.0).at_least(60.0).clip(true))
        .column(Column::initial(130.0).at_least(60.0).clip(true))
        .column(Column::initial(240.0).at_least(80.0).clip(true))
        .column(Column::initial(100.0).at_least(50.0).clip(true))
        .column(Column::initial(120.0).at_least(50.0).clip(true))
        .column(Column::initial(120.0).at_least(50.0).clip(true))
        .column(Column::initial(150.0).at_least(50.0).clip(true))
        .column(Column::initial(64.0).at_least(40.0))
        .column(Column::remainder().at_least(100.0))
        .min_scrolled_height(0.0);
    if state.scroll_to_selected
        && let Some(pos) = state.selected_position()
    {
        builder = builder.scroll_to_row(pos, None);
    }
    builder
        .header(text_height + 4.0, |mut header| {
            for column in SortColumn::ALL {
                header.col(|ui| sort_button(ui, state, column, cmds));
            }
        })
        .body(|body| {
            body.rows(text_height, state.visible.len(), |mut row| {
                let Some(&index) = state.visible.get(row.index()) else {
                    return;
                };
                let Some(r) = data.table.rows.get(index) else {
                    return;
                };
                let selected = state.selected == Some(index);
                row.set_selected(selected);
                row.col(|ui| {
                    if r.approximate {
                        // Drawn as what it is: italic, with the days it can mean on hover.
                        ui.label(RichText::new(r.date_text.as_str()).italics())
                            .on_hover_text(format!(
                                "Not one exact day: any day from {} to {}",
                                r.first_day, r.last_day
                            ));
                    } else {
                        ui.label(r.date_text.as_str());
                    }
                });
                row.col(|ui| {
                    ui.label(r.kind.label());
                });
                row.col(|ui| {
                    if ui.selectable_label(selected, r.title.as_str()).clicked() {
                        cmds.push(Command::Select(Some(index)));
                    }
                });
                row.col(|ui| {
                    ui.label(r.place.as_str());
                });
                row.col(|ui| {
                    ui.label(&r.to_ukraine_text);
                });
                row.col(|ui| {
                    ui.label(&r.to_russia_text);
                });
                row.col(|ui| {
                    if r.unsplit_text.is_empty() {
                        ui.label(r.categories.as_str());
                    } else {
                        // A total for both sides together: said once, here, never in a side column.
                        ui.label(format!("{} · {}", r.categories, r.unsplit_text))
                            .on_hover_text(format!(
                                "{}: the sources give one number for both sides together",
                                r.unsplit_text
                            ));
                    }
                });
                row.col(|ui| {
                    ui.label(r.source_count.to_string());
                });
                row.col(|ui| {
                    if let Some((mark, hover)) = ui_kit::agreement_mark(ui, r.agreement) {
                        ui.label(mark).on_hover_text(hover);
                    }
                });
                if row.response().clicked() {
                    cmds.push(Command::Select(Some(index)));
                }
            });
        });
}

fn sort_button(ui: &mut Ui, state: &AppState, column: SortColumn, cmds: &mut Vec<Command>) {
    let arrow = if state.sort.column != column {
        ""
    } else if state.sort.descending {
        " ⏷"
    } else {
        " ⏶"
    };
    let response = ui
        .add(
            egui::Button::new(RichText::new(format!("{}{arrow}", column.label())).strong())
                .frame(false),
        )
        .on_hover_text(format!("Sort by {}", column.label().to_lowercase()));
    if response.clicked() {
        cmds.push(Command::SortBy(column));
    }
}
