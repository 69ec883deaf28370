//! The Chart tab driven through egui_kittest on the bundled sample: found by
//! its accessible labels, switched between per-event and cumulative, and a
//! click on a cumulative step selecting its event everywhere. The values the
//! chart must show come from the core's statistics, not from this file.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;

use factsheet::gui::chart;
use factsheet::gui::command::ChartCommand;
use factsheet::gui::state::Tab;
use factsheet::gui::state::chart::{Mode, Shown};
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::{Side, thousands};
use factsheet_core::stats::{Group, Stats};

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
    harness.get_by_label_contains(&format!("{}, per event", chart::CHART_LABEL));
    harness.get_by_label_contains(&format!(
        "remains to Ukraine: 1 date, largest {} on 2025-06-11",
        thousands(to_ukraine)
    ));
    harness.get_by_label_contains(&format!(
        "remains to Russia: 1 date, largest {} on 2025-06-11",
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
}
