//! The Chart tab: remains and prisoners over time, per receiving side, as bars
//! per time bin (day, week, month, quarter or year: chosen from the span on
//! screen, or by hand) or cumulative as lines, with agreement targets, on a
//! date axis.
//!
//! The contract with the rest of the app: [`ui`] reads [`AppState`] (the
//! visible rows in `state.visible`, the shared selection in `state.selected`,
//! the cached series in `state.chart_view`) and pushes [`Command`]s
//! (`Command::Select` to select an event everywhere, `Command::Chart` for its
//! own settings); [`ChartSettings`] persists with the app; [`apply`] is called
//! for `Command::Chart`; [`on_view_changed`] is called once whenever the data,
//! the filters or the sort change, and recomputes the cached series
//! ([`ChartData`](series::ChartData)) from the core's statistics, never per frame (for a
//! large table the app computes them in the background instead and
//! `state.charting` is set meanwhile).
//!
//! Submodules: [`axis`] (the date axis), the cached plot data in
//! [`crate::gui::state::chart_data`], [`binned`] (the bars' time bins),
//! [`draw`] (the plot, hover and clicks), [`targets`] (agreement targets and
//! their labels), [`image`] (saving as PNG or SVG).
//!
//! "Save as PNG" keeps exactly what is on screen; "Save as SVG" goes through
//! the export's chart writer, which draws running totals (whatever the mode)
//! with a lane of event marks, so the two files differ by design.

pub mod axis;
pub mod binned;
pub mod draw;
pub mod image;
pub mod targets;

use egui::{RichText, Ui};

use super::command::{ChartCommand, Command};
use super::state::chart::{Bins, Mode, Shown};
use super::state::chart_data as series;
use super::state::{AppState, Notice};
use super::theme::ui_kit;
use factsheet_core::model::thousands;
use factsheet_core::stats::BinSize;

/// The accessible label of the plot itself.
pub const CHART_LABEL: &str = "Chart of remains and prisoners over time";
pub const PER_EVENT_LABEL: &str = "Per period";
pub const CUMULATIVE_LABEL: &str = "Cumulative";
pub const TARGETS_LABEL: &str = "Agreement targets";
/// The accessible label of the bin size menu.
pub const BINS_LABEL: &str = "Bins:";
pub const SAVE_PNG_LABEL: &str = "Save as PNG…";
pub const SAVE_SVG_LABEL: &str = "Save as SVG…";
/// Shown while the series are computed for new rows.
pub const UPDATING_LABEL: &str = "Updating the chart…";

/// Applies a chart command to the state.
pub fn apply(state: &mut AppState, cmd: ChartCommand) {
    match cmd {
        ChartCommand::SetMode(mode) => state.chart.mode = mode,
        ChartCommand::SetShown(shown) => state.chart.shown = shown,
        ChartCommand::SetTargets(on) => state.chart.targets = on,
        ChartCommand::SetBins(bins) => state.chart.bins = bins,
        ChartCommand::SaveSvg { hidden } => {
            let Some(dataset) = state.dataset() else {
                return;
            };
            // A few thousand points at most: cheap enough to draw here, on the click.
            let svg = image::svg(dataset, &state.chart_view.data, &state.chart, &hidden);
            let name = image::file_name(state, "svg");
            state
                .chart_view
                .saves
                .save_with_dialog(name, "SVG image", "svg", move || Ok(svg.into_bytes()));
        }
        ChartCommand::Saved(result) => {
            state.notice = Some(match result {
                Ok(path) => Notice {
                    text: format!("Chart saved to {}", path.display()),
                    is_error: false,
                },
                Err(e) => Notice {
                    text: e,
                    is_error: true,
                },
            });
        }
    }
}

/// Recomputes what the chart caches, after the data, filters or sort changed.
pub fn on_view_changed(state: &mut AppState) {
    state.chart_view.data = match state.dataset() {
        Some(dataset) => series::ChartData::build(dataset, &state.visible),
        None => series::ChartData::default(),
    };
}

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    for outcome in state.chart_view.saves.finished() {
        cmds.push(Command::Chart(ChartCommand::Saved(outcome)));
    }
    if state.chart_view.saves.busy() {
        // Poll for the save's outcome without input to wake us.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(200));
    }
    let Some(_) = state.data.as_ref() else {
        ui.centered_and_justified(|ui| {
            ui.label(RichText::new("No data open").weak());
        });
        return;
    };
    let settings = &state.chart;
    let mut save_png = false;
    ui.horizontal_wrapped(|ui| {
        for (mode, label) in [
            (Mode::PerEvent, PER_EVENT_LABEL),
            (Mode::Cumulative, CUMULATIVE_LABEL),
        ] {
            if ui.selectable_label(settings.mode == mode, label).clicked() {
                cmds.push(Command::Chart(ChartCommand::SetMode(mode)));
            }
        }
        ui.separator();
        for shown in Shown::ALL {
            if ui
                .selectable_label(settings.shown == shown, shown.label())
                .clicked()
            {
                cmds.push(Command::Chart(ChartCommand::SetShown(shown)));
            }
        }
        ui.separator();
        bins_menu(ui, state, cmds);
        ui.separator();
        let mut targets = settings.targets;
        let toggle = ui
            .add_enabled(
                settings.mode == Mode::Cumulative,
                egui::Checkbox::new(&mut targets, TARGETS_LABEL),
            )
            .on_hover_text("What the agreements commit each side to, in the cumulative view")
            .on_disabled_hover_text("Targets are drawn in the cumulative view");
        if toggle.changed() {
            cmds.push(Command::Chart(ChartCommand::SetTargets(targets)));
        }
        ui.separator();
        let busy = state.chart_view.saves.busy();
        if ui
            .add_enabled(!busy, egui::Button::new(SAVE_PNG_LABEL))
            .on_hover_text("Save the chart as on screen, as a PNG image")
            .clicked()
        {
            save_png = true;
        }
        if ui
            .add_enabled(!busy, egui::Button::new(SAVE_SVG_LABEL))
            .on_hover_text(
                "Save the running totals of the series shown as an SVG image, \
                 drawn like the chart in the HTML summary",
            )
            .clicked()
        {
            cmds.push(Command::Chart(ChartCommand::SaveSvg {
                hidden: draw::hidden_labels(ui.ctx(), &state.chart_view.data),
            }));
        }
        if busy {
            ui.add(crate::gui::busy::Busy)
                .on_hover_text("Saving the chart");
        }
        if state.charting {
            ui.add(crate::gui::busy::Busy);
            ui.label(RichText::new(UPDATING_LABEL).weak())
                .on_hover_text("The chart shows the rows before the last change until then");
        }
    });

    let data = &state.chart_view.data;
    if data.events == 0 {
        ui.add_space(ui_kit::GAP);
        ui.label(RichText::new("No events to chart: the filters hide them all.").weak());
        return;
    }

    // The readouts sit under the plot; keep room for them.
    let readout_height = ui.text_style_height(&egui::TextStyle::Body) * 5.0 + ui_kit::GAP * 3.0;
    let plot_height = (ui.available_height() - readout_height).max(160.0);
    let drawn = draw::plot(ui, state, plot_height, cmds);
    if save_png && let Some(rect) = drawn.plot_rect {
        let name = image::file_name(state, "png");
        state.chart_view.saves.save_screenshot(ui.ctx(), rect, name);
    }

    ui.add_space(ui_kit::GAP / 2.0);
    readouts(ui, state, &drawn);
}

/// "Bins: Auto (month)": the bars' time bins, for the per-period view.
fn bins_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let settings = &state.chart;
    let per_period = settings.mode == Mode::PerEvent;
    let label = ui.add_enabled(per_period, egui::Label::new(BINS_LABEL));
    let shown = match settings.bins {
        Bins::Auto if per_period => format!(
            "Auto ({})",
            draw::bin_size(ui, state).label().to_lowercase()
        ),
        Bins::Auto => "Auto".to_string(),
        Bins::Fixed(size) => size.label().to_string(),
    };
    ui.add_enabled_ui(per_period, |ui| {
        egui::ComboBox::from_id_salt("chart-bins")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for bins in Bins::ALL {
                    if ui
                        .selectable_label(settings.bins == bins, bins.label())
                        .clicked()
                    {
                        cmds.push(Command::Chart(ChartCommand::SetBins(bins)));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "How many days each bar sums: Auto picks days, weeks, months, quarters \
                 or years from the span on screen",
            )
            .on_disabled_hover_text("Bins are for the per-period bars");
    });
}

/// A line of words under the plot per series shown, and one for the selected
/// event: what the chart says, for reading aloud and for copying.
fn readouts(ui: &mut Ui, state: &AppState, drawn: &draw::Drawn) {
    let hidden = &drawn.hidden;
    let data = &state.chart_view.data;
    let settings = &state.chart;
    ui.horizontal_wrapped(|ui| {
        for s in data
            .series
            .iter()
            .filter(|s| settings.shown.groups().contains(&s.group))
            .filter(|s| !hidden.contains(&s.label))
        {
            let text = match settings.mode {
                Mode::Cumulative => {
                    let total = s
                        .points
                        .last()
                        .map_or_else(|| "0".to_string(), |p| p.point.cumulative_text());
                    let mut text = format!("{}: {} in total", s.label, total);
                    let range = s.total_range();
                    if range.is_range() {
                        text.push_str(&format!(" ({})", draw::range_text(&range)));
                    }
                    if let Some(t) = data
                        .targets
                        .iter()
                        .filter(|t| t.side == s.side && t.group == s.group)
                        .max_by_key(|t| t.since_day)
                    {
                        text.push_str(&format!(
                            "; {} of {} delivered under the latest agreement",
                            t.delivered.text(),
                            t.promised
                        ));
                    }
                    text
                }
                Mode::PerEvent => {
                    let size = drawn.bins.unwrap_or(BinSize::Day);
                    let binned = drawn.binned.clone().unwrap_or_else(|| data.binned(size));
                    match binned.iter().find(|b| b.label == s.label) {
                        Some(b) => per_period_readout(b, size),
                        None => format!("{}: none", s.label),
                    }
                }
            };
            ui.label(text);
            ui.separator();
        }
    });
    if data.unsplit > 0 {
        ui.label(RichText::new(unsplit_note(data.unsplit)).weak());
    }
    if let Some(line) = draw::selected_readout(state) {
        ui.label(line);
    }
}

/// What the bars of a series say: how many bins hold events, and the largest.
fn per_period_readout(binned: &series::ChartSeries, size: BinSize) -> String {
    let s = binned;
    // Approximate dates left out of the bins (across a bin's edge) are counted apart.
    let bins = binned.points.iter().filter(|p| p.exact()).count();
    let spans = binned.points.len() - bins;
    let mut counts = Vec::new();
    if bins > 0 || spans == 0 {
        counts.push(binned::count_text(size, bins));
    }
    if spans > 0 {
        counts.push(format!(
            "{} approximate date{}",
            thousands(spans as u64),
            if spans == 1 { "" } else { "s" }
        ));
    }
    let count = counts.join(" and ");
    let tallest = binned.points.iter().max_by_key(|p| p.point.sum.drawn());
    match tallest {
        Some(p) if p.point.sum.drawn() > 0 => {
            let when = if size == BinSize::Day || !p.exact() {
                format!("on {}", p.date_text)
            } else {
                format!("in {}", p.date_text)
            };
            format!(
                "{}: {count}, largest {} {when}",
                s.label,
                p.point.sum.text()
            )
        }
        Some(_) => format!("{}: not disclosed", s.label),
        None => format!("{}: none", s.label),
    }
}

/// Why `unsplit` events are missing from a chart that draws each side.
fn unsplit_note(unsplit: usize) -> String {
    let (are, their) = if unsplit == 1 {
        ("event is", "its")
    } else {
        ("events are", "their")
    };
    format!(
        "{} {are} not charted: {their} figures give one number for both sides together",
        thousands(unsplit as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::unsplit_note;

    #[test]
    fn the_note_on_unsplit_events_counts_them_readably() {
        assert_eq!(
            unsplit_note(1),
            "1 event is not charted: its figures give one number for both sides together"
        );
        assert_eq!(
            unsplit_note(2771),
            "2,771 events are not charted: their figures give one number for both sides together"
        );
    }
}
