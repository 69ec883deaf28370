//! The filter bar (above the Events and Chart tabs): kind, receiving side,
//! source, free text, a year or month (with how many events each shows), date
//! range and "only disputed". Each change becomes one [`Command::SetFilters`]; the app
//! recomputes the visible rows once per change (in the background for a large
//! table, while this bar says it is filtering).

use egui::containers::menu::{MenuButton, MenuConfig};
use egui::{RichText, Ui};
use jiff::civil::Date;

use super::command::Command;
use super::comparison;
use super::state::{AppState, Filters};
use super::theme::ui_kit;
use factsheet_core::model::{EventKind, Side, thousands};
use factsheet_core::table::{Period, PeriodCounts};

/// Shown in place of the count of rows while new rows are computed.
pub const FILTERING_LABEL: &str = "Filtering…";

/// Height of the source filter's list of sources.
const SOURCE_LIST_HEIGHT: f32 = 300.0;

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let current = &state.filters;
    let mut f = current.clone();
    ui.horizontal_wrapped(|ui| {
        let search_label = ui.label("Search:");
        ui.add(
            egui::TextEdit::singleline(&mut f.text)
                .hint_text("place, title, mediator…")
                .desired_width(160.0),
        )
        .labelled_by(search_label.id);
        ui.add_space(ui_kit::GAP);
        // Each label before its control, as the bar is read left to right.
        let kind_label = ui.label("Kind:");
        egui::ComboBox::from_id_salt("kind-filter")
            .selected_text(f.kind.map_or("any kind", EventKind::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.kind, None, "any kind");
                for kind in EventKind::ALL {
                    ui.selectable_value(&mut f.kind, Some(kind), kind.label());
                }
            })
            .response
            .labelled_by(kind_label.id);
        ui.add_space(ui_kit::GAP);
        let side_label = ui.label("Received by:");
        egui::ComboBox::from_id_salt("side-filter")
            .selected_text(f.side.map_or("either side", Side::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.side, None, "either side");
                for side in Side::ALL {
                    ui.selectable_value(&mut f.side, Some(side), side.label());
                }
            })
            .response
            .labelled_by(side_label.id);
        if let Some(data) = &state.data {
            let selected = f
                .source
                .as_ref()
                .and_then(|id| data.source(id))
                .map_or_else(
                    || f.source.clone().unwrap_or_else(|| "any source".to_string()),
                    comparison::name_of,
                );
            ui.add_space(ui_kit::GAP);
            let source_label = ui.label("Source:");
            egui::ComboBox::from_id_salt("source-filter")
                .selected_text(selected)
                .width(130.0)
                .height(SOURCE_LIST_HEIGHT + 8.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.source, None, "any source");
                    // Only the entries in view are laid out: a large file cites
                    // hundreds of thousands of sources.
                    let row_height = ui.spacing().interact_size.y;
                    egui::ScrollArea::vertical()
                        .id_salt("source-filter-list")
                        .max_height(SOURCE_LIST_HEIGHT)
                        .show_rows(ui, row_height, data.dataset.sources.len(), |ui, range| {
                            for s in data.dataset.sources.get(range).unwrap_or_default() {
                                ui.selectable_value(
                                    &mut f.source,
                                    Some(s.id.to_string()),
                                    comparison::name_of(s),
                                )
                                .on_hover_text(s.title.as_deref().unwrap_or(&s.id));
                            }
                        });
                })
                .response
                .labelled_by(source_label.id);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if state.data.is_some() {
            period_choice(ui, &state.periods, &mut f);
            ui.add_space(ui_kit::GAP);
        }
        // Set from the Agreements tab: shown, so the rows they hide are never a mystery.
        if let Some(id) = f.agreement.clone() {
            let title = state
                .dataset()
                .and_then(|d| d.agreement(&id))
                .map_or_else(|| id.clone(), |a| a.title.to_string());
            let hover = format!("Only events that fulfil “{title}”");
            if set_elsewhere(
                ui,
                "Agreement",
                &title,
                &hover,
                "Show events of every agreement",
            ) {
                f.agreement = None;
            }
        }
        if let Some(id) = f.running_total.clone() {
            let description = state
                .dataset()
                .and_then(|d| d.running_total(&id))
                .map_or_else(|| id.clone(), |t| t.description.to_string());
            let hover = format!("Only the events that the running total “{description}” counts");
            if set_elsewhere(
                ui,
                "Counted by",
                &description,
                &hover,
                "Show events of any total",
            ) {
                f.running_total = None;
            }
        }
        date_field(ui, "From", &mut f.from);
        date_field(ui, "Until", &mut f.until);
        ui.checkbox(
            &mut f.disagreements_only,
            format!("{} Only disputed", ui_kit::ICON_CONFLICT),
        )
        .on_hover_text("Only events where sources contradict each other");
        if let Some(data) = &state.data {
            if state.filtering {
                // The rows on screen are the previous ones until the new ones arrive.
                ui.add(super::busy::Busy);
                ui.label(RichText::new(FILTERING_LABEL).weak());
            } else {
                ui.label(
                    RichText::new(format!(
                        "{} of {} events",
                        thousands(state.visible.len() as u64),
                        thousands(data.table.len() as u64)
                    ))
                    .weak(),
                );
            }
        }
        if ui
            .add_enabled(!current.is_empty(), egui::Button::new("Clear filters"))
            .clicked()
        {
            cmds.push(Command::ClearFilters);
        }
        views_menu(ui, state, cmds);
    });
    if f != *current && !cmds.contains(&Command::ClearFilters) {
        cmds.push(Command::SetFilters(f));
    }
}

/// The views menu's title when the view on screen is not a saved one.
pub const VIEWS_MENU: &str = "Views";
/// The button in it that saves the filters and sort on screen.
pub const SAVE_VIEW: &str = "Save view";
/// The label of the name a view is saved under.
pub const VIEW_NAME: &str = "Name:";
/// The button that gives the saved view on screen the name typed.
pub const RENAME_VIEW: &str = "Rename";

/// Saved views: each puts its filters and sort back; below them, a name and
/// "Save view" keep the ones on screen. The title names the view on screen
/// when it is a saved one.
fn views_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let current = state.views.current(&state.filters, state.sort);
    let title = current.map_or_else(|| VIEWS_MENU.to_string(), |v| format!("View: {}", v.name));
    // A click in the name field must not close the menu, as any click does by default.
    let config = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    MenuButton::new(title).config(config).ui(ui, |ui| {
        if state.views.is_empty() {
            ui.label(RichText::new("No saved views yet").weak());
        }
        for view in state.views.iter() {
            ui.horizontal(|ui| {
                let mut about = view.filters.describe();
                about.push(format!("sorted by {}", view.sort.describe()));
                let chosen = current.is_some_and(|c| c.name == view.name);
                if ui
                    .selectable_label(chosen, &view.name)
                    .on_hover_text(about.join("\n"))
                    .clicked()
                {
                    cmds.push(Command::ApplyView(view.name.clone()));
                    ui.close();
                }
                if ui
                    .small_button("✖")
                    .on_hover_text(format!("Forget the view \"{}\"", view.name))
                    .clicked()
                {
                    cmds.push(Command::DeleteView(view.name.clone()));
                }
            });
        }
        ui.separator();
        // The name being typed lives in egui's memory while the menu is open.
        let id = ui.make_persistent_id("view-name-draft");
        let mut draft: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
        ui.horizontal(|ui| {
            let label = ui.label(VIEW_NAME);
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut draft)
                        .hint_text("e.g. remains since June")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let named = !draft.trim().is_empty();
            let save = ui
                .add_enabled(named, egui::Button::new(SAVE_VIEW))
                .on_hover_text("Keep the filters and sort on screen under this name");
            if named && (save.clicked() || entered) {
                cmds.push(Command::SaveView(std::mem::take(&mut draft)));
                ui.close();
            }
            // Renaming acts on the view on screen, so it is offered only when that is a saved one.
            if let Some(view) = current {
                let rename = ui
                    .add_enabled(named, egui::Button::new(RENAME_VIEW))
                    .on_hover_text(format!("Call the view \"{}\" by this name", view.name));
                if named && rename.clicked() {
                    cmds.push(Command::RenameView {
                        from: view.name.clone(),
                        to: std::mem::take(&mut draft),
                    });
                    ui.close();
                }
            }
        });
        ui.data_mut(|d| d.insert_temp(id, draft));
    });
}

/// A filter set from another tab, as "Agreement: Second round of…" with a
/// button that lifts it; true when it is clicked.
fn set_elsewhere(ui: &mut Ui, what: &str, title: &str, hover: &str, lift: &str) -> bool {
    // A long title would push the rest of the bar onto another line.
    let short: String = if title.chars().count() > AGREEMENT_CHARS {
        let cut: String = title.chars().take(AGREEMENT_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        title.to_string()
    };
    ui.label(format!("{what}: {short}")).on_hover_text(hover);
    let lifted = ui.small_button("✖").on_hover_text(lift).clicked();
    ui.add_space(ui_kit::GAP);
    lifted
}

/// How much of a title set from another tab the filter bar shows.
const AGREEMENT_CHARS: usize = 32;

/// Height of the period choice's list.
const PERIOD_LIST_HEIGHT: f32 = 360.0;

/// What the period choice says when no period is chosen.
pub const ANY_PERIOD: &str = "any period";

/// The period choice: each year and month with events, with how many rows it
/// would show; choosing one sets the date range to it.
fn period_choice(ui: &mut Ui, periods: &PeriodCounts, f: &mut Filters) {
    let chosen = Period::of_range(f.from, f.until);
    let undated = f.from.is_none() && f.until.is_none();
    let selected = match chosen {
        Some(p) => p.label(),
        None if undated => ANY_PERIOD.to_string(),
        None => "custom dates".to_string(),
    };
    let mut pick: Option<Option<Period>> = None;
    let label = ui.label("Period:");
    egui::ComboBox::from_id_salt("period-filter")
        .selected_text(selected)
        .height(PERIOD_LIST_HEIGHT + 8.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(undated, ANY_PERIOD).clicked() {
                pick = Some(None);
            }
            let rows = periods.listed(chosen);
            // Only the rows in view are laid out: a file whose dates span
            // centuries has thousands of them.
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("period-list")
                .max_height(PERIOD_LIST_HEIGHT)
                .show_rows(ui, row_height, rows.len(), |ui, range| {
                    for &(p, n) in rows.get(range).unwrap_or_default() {
                        ui.horizontal(|ui| {
                            if matches!(p, Period::Month(..)) {
                                ui.add_space(ui_kit::GAP * 2.0);
                            }
                            let text = format!("{} ({})", p.label(), thousands(n as u64));
                            if ui.selectable_label(chosen == Some(p), text).clicked() {
                                pick = Some(Some(p));
                            }
                        });
                    }
                });
        })
        .response
        .on_hover_text("Events that may fall in a year or month; the numbers count them with the other filters on")
        .labelled_by(label.id);
    match pick {
        Some(None) => (f.from, f.until) = (None, None),
        Some(Some(p)) => {
            if let Some((from, until)) = p.bounds() {
                (f.from, f.until) = (Some(from), Some(until));
            }
        }
        None => {}
    }
}

/// Width of a date field, in points.
const DATE_FIELD_WIDTH: f32 = 100.0;

/// A date text field: the typed text lives in egui's memory until it parses.
fn date_field(ui: &mut Ui, label: &str, value: &mut Option<Date>) {
    let id = ui.scope_id().with(("date-filter", label));
    let shown = value.map(|d| d.to_string()).unwrap_or_default();
    let mut text: String =
        ui.data_mut(|d| d.get_temp_mut_or_insert_with(id, || shown.clone()).clone());
    // A filter changed elsewhere (cleared, restored) wins over a stale draft.
    let parsed_draft = parse_date(&text);
    if parsed_draft.as_ref().is_ok_and(|d| d != value) {
        text = shown;
    }
    ui.horizontal(|ui| {
        let label_response = ui.label(format!("{label}:"));
        let valid = parse_date(&text).is_ok();
        // Wide enough for a whole date and its hint: at 84 points both were cut ("YYYY-M…").
        let edit = egui::TextEdit::singleline(&mut text)
            .desired_width(DATE_FIELD_WIDTH)
            .hint_text("YYYY-MM-DD");
        let edit = if valid {
            edit
        } else {
            edit.text_color(ui_kit::conflict_color(ui))
        };
        let response = ui.add(edit).labelled_by(label_response.id);
        if response.changed()
            && let Ok(parsed) = parse_date(&text)
        {
            *value = parsed;
        }
        if !valid {
            ui.label(RichText::new(ui_kit::ICON_CONFLICT).color(ui_kit::conflict_color(ui)))
                .on_hover_text("Not a date: write it as 2025-06-11");
        }
    });
    ui.data_mut(|d| d.insert_temp(id, text));
}

/// "" is no bound; anything else must be an ISO date.
fn parse_date(text: &str) -> Result<Option<Date>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Date>().map(Some).map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_clear() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(
            parse_date(" 2025-06-11 "),
            Ok(Some(jiff::civil::date(2025, 6, 11)))
        );
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("June").is_err());
    }
}
