//! The Chart tab driven through egui_kittest on the bundled sample: found by
//! its accessible labels, switched between per-event and cumulative, and a
//! click on a cumulative step selecting its event everywhere. The values the
//! chart must show come from the core's statistics, not from this file.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

use factsheet::gui::chart;
use factsheet::gui::command::ChartCommand;
use factsheet::gui::state::Tab;
use factsheet::gui::state::chart::{Bins, Mode, Shown};
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::{Side, thousands};
use factsheet_core::stats::{BinSize, Group, Stats};

mod common;
use common::{JUNE_11, app_with, fixture, harness, snapshot};

fn sample_app() -> FactsheetApp {
    app_with(vec![Input::Sample])
}

fn total(app: &FactsheetApp, side: Side, group: Group) -> u64 {
    let stats = Stats::of(app.state.dataset().unwrap());
    stats
        .group_totals
        .iter()
        .find(|(s, g, _)| *s == side && *g == group)
        .map(|(_, _, sum)| sum.drawn())
        .unwrap_or(0)
}

/// Where the cumulative chart draws the last step of the remains to Ukraine, halfway up, on screen.
fn last_remains_step_to_ukraine(harness: &egui_kittest::Harness<'_, FactsheetApp>) -> egui::Pos2 {
    let point = {
        let data = &harness.state().state.chart_view.data;
        let series = data.series(Side::Ukraine, Group::Remains).unwrap();
        let p = series.points.last().unwrap();
        egui_plot::PlotPoint::new(p.x_mid(), p.point.cumulative as f64 / 2.0)
    };
    let transform = egui_plot::PlotMemory::load(&harness.ctx, chart::draw::plot_id())
        .expect("the plot has drawn")
        .transform();
    transform.position_from_point(&point)
}

#[test]
fn the_chart_tab_shows_per_event_and_cumulative_values_and_selects_by_click() {
    let app = sample_app();
    let to_ukraine = total(&app, Side::Ukraine, Group::Remains);
    let to_russia = total(&app, Side::Russia, Group::Remains);
    assert_eq!(
        (to_ukraine, to_russia),
        (1212, 27),
        "the sample's June repatriation"
    );
    let mut harness = harness(app);
    harness.run();

    harness.get_by_label("Chart").click();
    harness.run();
    assert_eq!(harness.state().state.tab, Tab::Chart);
    // The sample's few months are drawn in weeks; 2025-06-11 is in ISO week 24.
    harness.get_by_label_contains(&format!("{}, per week", chart::CHART_LABEL));
    harness.get_by_label_contains(&format!(
        "remains to Ukraine: 1 week, largest {} in week 24 of 2025 (2025-06-09 – 2025-06-15)",
        thousands(to_ukraine)
    ));
    harness.get_by_label_contains(&format!(
        "remains to Russia: 1 week, largest {} in week 24 of 2025",
        thousands(to_russia)
    ));

    harness.get_by_label(chart::CUMULATIVE_LABEL).click();
    harness.run();
    assert_eq!(harness.state().state.chart.mode, Mode::Cumulative);
    harness.get_by_label_contains(&format!("{}, cumulative", chart::CHART_LABEL));
    // The running total, and what the June agreement's 6,000 per side has delivered.
    harness.get_by_label_contains(&format!(
        "remains to Ukraine: {} in total; {} of 6,000 (sources say 6,000, about 6,000) delivered under the latest agreement",
        thousands(to_ukraine),
        thousands(to_ukraine)
    ));
    assert!(
        harness
            .query_all_by_label_contains("target: 6,000 remains")
            .next()
            .is_none(),
        "target labels are painted in the plot, not widgets"
    );

    // Click the step of the remains to Ukraine: the June repatriation becomes selected everywhere.
    let pos = last_remains_step_to_ukraine(&harness);
    harness.hover_at(pos);
    harness.run();
    harness.drag_at(pos);
    harness.run();
    harness.drop_at(pos);
    harness.run();
    let state = &harness.state().state;
    let june = state
        .dataset()
        .unwrap()
        .events
        .iter()
        .position(|e| e.id == JUNE_11);
    assert_eq!(state.selected, june);
    harness.get_by_label_contains("Selected: ");
    assert!(
        harness
            .query_all_by_label_contains(&format!("to Ukraine: {} remains", thousands(to_ukraine)))
            .next()
            .is_some()
    );
}

#[test]
fn switching_to_prisoners_and_back_keeps_the_settings_persisted() {
    let mut app = sample_app();
    app.apply(Command::SetTab(Tab::Chart));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("Prisoners").click();
    harness.run();
    assert_eq!(harness.state().state.chart.shown, Shown::Prisoners);
    assert!(
        harness
            .query_all_by_label_contains("remains to Ukraine:")
            .next()
            .is_none(),
        "remains are switched off"
    );
    harness.get_by_label_contains("prisoners to Ukraine:");
    let saved = serde_json::to_string(&harness.state().state).unwrap();
    let restored: factsheet::gui::AppState = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored.chart.shown, Shown::Prisoners);
}

/// The GUI tests' small fixed file, so the picture changes only when the chart does.
fn fixture_app() -> FactsheetApp {
    let mut app = app_with(vec![fixture()]);
    app.apply(Command::SetTab(Tab::Chart));
    app
}

#[test]
fn hovering_an_event_names_its_figures_for_both_sides_together() {
    // The fixture's June repatriation, with a total for both sides that no side's series can hold.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gui-snapshot.json");
    let mut data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let june = &mut data["events"][0];
    assert_eq!(june["id"], JUNE_11);
    june["figures"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "both-ways",
            "category": "remains",
            "claims": [{"source": "mena", "value": {"exact": 1239}, "status": "claimed",
                        "quote": "1,239 bodies changed hands"}]
        }));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unsplit.json");
    std::fs::write(&file, data.to_string()).unwrap();

    let mut app = app_with(vec![Input::File(file)]);
    app.apply(Command::SetTab(Tab::Chart));
    app.apply(Command::Chart(ChartCommand::SetMode(Mode::Cumulative)));
    let mut harness = harness(app);
    harness.run();
    harness.hover_at(last_remains_step_to_ukraine(&harness));
    harness.run();
    harness.get_by_label_contains("remains to Ukraine: +1,212");
    harness.get_by_label_contains("also 1,239 remains");
}

/// 2,000 generated events, 2022 to 2025, written where the app opens them from.
fn generated_app(dir: &tempfile::TempDir) -> FactsheetApp {
    let file = dir.path().join("generated.json");
    std::fs::write(&file, factsheet_generate::to_bytes(2000, 7)).unwrap();
    let mut app = app_with(vec![Input::File(file)]);
    app.apply(Command::SetTab(Tab::Chart));
    app
}

/// Shows days `from` to `until` (day numbers since 1970) in the plot, as a zoom by hand would.
fn zoom_to(ctx: &egui::Context, from: f64, until: f64) {
    let mut memory =
        egui_plot::PlotMemory::load(ctx, chart::draw::plot_id()).expect("the plot has drawn");
    let bounds = *memory.bounds();
    memory.auto_bounds = egui::Vec2b::new(false, true);
    memory.set_bounds(egui_plot::PlotBounds::from_min_max(
        [from, bounds.min()[1]],
        [until, bounds.max()[1]],
    ));
    memory.store(ctx, chart::draw::plot_id());
}

fn day(y: i16, m: i8, d: i8) -> f64 {
    factsheet_core::stats::day_number(jiff::civil::date(y, m, d)) as f64
}

#[test]
fn bins_follow_the_zoom_and_the_menu_and_a_bin_lists_its_events_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(generated_app(&dir));
    harness.run();
    // Nearly four years across the window: a bar per quarter for the four series.
    harness.get_by_label_contains(&format!("{}, per quarter", chart::CHART_LABEL));
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, chart::BINS_LABEL)
            .accesskit_node()
            .value()
            .as_deref(),
        Some("Auto (quarter)")
    );
    // Zoomed to June 2024: a bar per day.
    zoom_to(&harness.ctx, day(2024, 6, 1), day(2024, 7, 1));
    harness.run();
    harness.run();
    harness.get_by_label_contains(&format!("{}, per day", chart::CHART_LABEL));

    // Chosen by hand, whatever the zoom.
    harness
        .get_by_role_and_label(Role::ComboBox, chart::BINS_LABEL)
        .click();
    harness.run();
    harness.get_by_label("Month").click();
    harness.run();
    assert_eq!(
        harness.state().state.chart.bins,
        Bins::Fixed(BinSize::Month)
    );
    harness.get_by_label_contains(&format!("{}, per month", chart::CHART_LABEL));

    // Hover the middle of June 2024's bar of remains to Ukraine, halfway up:
    // the tooltip names the month and lists its events with date, place and figure.
    let (pos, events) = {
        let state = &harness.state().state;
        let series = state
            .chart_view
            .data
            .series(Side::Ukraine, Group::Remains)
            .unwrap();
        let june = factsheet::gui::state::chart_data::binned_series(series, BinSize::Month)
            .points
            .into_iter()
            .find(|p| p.point.first == jiff::civil::date(2024, 6, 1))
            .expect("the generated data has remains to Ukraine in June 2024");
        let transform = egui_plot::PlotMemory::load(&harness.ctx, chart::draw::plot_id())
            .unwrap()
            .transform();
        // Remains to Ukraine stand first of the four bars of a bin.
        let width = 0.85 * BinSize::Month.average_days() / 4.0;
        let x = june.x_mid() - 1.5 * width;
        let y = june.point.sum.drawn() as f64 / 2.0;
        (
            transform.position_from_point(&egui_plot::PlotPoint::new(x, y)),
            june.point.events,
        )
    };
    harness.hover_at(pos);
    harness.run();
    harness.get_by_label("June 2024");
    // Every event of the bin is listed up to the tooltip's limit, the rest counted.
    let listed = harness.query_all_by_label_contains("• ").count();
    assert_eq!(
        listed,
        events.min(factsheet::gui::state::chart_data::BIN_LISTED_EVENTS)
    );
    if events > factsheet::gui::state::chart_data::BIN_LISTED_EVENTS {
        harness.get_by_label_contains(&format!(
            "and {} more events",
            events - factsheet::gui::state::chart_data::BIN_LISTED_EVENTS
        ));
    }
}

#[test]
fn a_bin_with_no_figure_disclosed_reads_not_disclosed_on_hover_not_zero() {
    // The sample's wounded and under-25s of 2025-06-09 have no number: week 24's
    // bar of prisoners to Ukraine is a "?" on the axis.
    let mut app = sample_app();
    app.apply(Command::SetTab(Tab::Chart));
    app.apply(Command::Chart(ChartCommand::SetBins(Bins::Fixed(
        BinSize::Week,
    ))));
    let mut harness = harness(app);
    harness.run();
    let pos = {
        let state = &harness.state().state;
        let series = state
            .chart_view
            .data
            .series(Side::Ukraine, Group::Living)
            .unwrap();
        let week = factsheet::gui::state::chart_data::binned_series(series, BinSize::Week)
            .points
            .into_iter()
            .find(|p| p.point.first == jiff::civil::date(2025, 6, 9))
            .expect("week 24 holds the undisclosed figures");
        assert_eq!(week.point.sum.drawn(), 0);
        let transform = egui_plot::PlotMemory::load(&harness.ctx, chart::draw::plot_id())
            .unwrap()
            .transform();
        // Second of the four bars of the week, each 0.85 × 7 / 4 days wide
        // (or 4 points, if wider).
        let points = transform.dvalue_dpos()[0].abs();
        let width = (0.85 * 7.0 / 4.0f64).max(4.0 * points);
        let at = transform
            .position_from_point(&egui_plot::PlotPoint::new(week.x_mid() - 0.5 * width, 0.0));
        at - egui::vec2(0.0, 6.0)
    };
    harness.hover_at(pos);
    harness.run();
    // The tooltip, beside the same words in the readout under the plot.
    assert_eq!(
        harness
            .query_all_by_label("prisoners to Ukraine: not disclosed")
            .count(),
        2
    );
    harness.get_by_label("week 24 of 2025 (2025-06-09 – 2025-06-15)");
    harness.get_by_label("2 figures not disclosed by any source");
}

/// Image snapshots: they need a wgpu adapter, so a plain `cargo test` lists them as ignored;
/// `cargo test -- --ignored needs_` runs them (CI does, with Mesa installed) and fails without one.
mod needs_gpu {
    use super::*;

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_the_cumulative_chart_with_its_target() {
        let mut app = fixture_app();
        app.apply(Command::Chart(ChartCommand::SetMode(Mode::Cumulative)));
        snapshot(app, "chart_cumulative");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_the_per_event_chart_in_the_dark_with_an_event_selected() {
        let mut app = fixture_app();
        app.apply(Command::SetTheme(factsheet::gui::state::ThemeChoice::Dark));
        app.apply(Command::SelectId(JUNE_11.to_string()));
        snapshot(app, "chart_per_event_dark_selected");
    }

    /// The 2,000 generated events in bins of `size`, zoomed to days `zoom` if given.
    fn snapshot_of_bins(size: BinSize, zoom: Option<(f64, f64)>, name: &str) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = generated_app(&dir);
        app.apply(Command::Chart(ChartCommand::SetBins(Bins::Fixed(size))));
        let mut harness = common::gpu_harness(app);
        harness.run();
        if let Some((from, until)) = zoom {
            zoom_to(&harness.ctx, from, until);
            harness.run();
        }
        harness.snapshot(name);
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_2000_events_by_day_over_two_months() {
        let zoom = (day(2024, 5, 1), day(2024, 7, 1));
        snapshot_of_bins(BinSize::Day, Some(zoom), "chart_bins_day");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_2000_events_by_week_over_a_year() {
        let zoom = (day(2024, 1, 1), day(2025, 1, 1));
        snapshot_of_bins(BinSize::Week, Some(zoom), "chart_bins_week");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_2000_events_by_month() {
        snapshot_of_bins(BinSize::Month, None, "chart_bins_month");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_2000_events_by_quarter() {
        snapshot_of_bins(BinSize::Quarter, None, "chart_bins_quarter");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_2000_events_by_year() {
        snapshot_of_bins(BinSize::Year, None, "chart_bins_year");
    }
}
