//! The Chart tab (placeholder: the chart work replaces this file).
//!
//! The contract with the rest of the app: [`ui`] reads [`AppState`] (the
//! visible rows in `state.visible`, the shared selection in `state.selected`)
//! and pushes [`Command`]s (`Command::Select` to select an event everywhere,
//! `Command::Chart` for its own settings); [`ChartSettings`] persists with the
//! app; [`apply`] is called for `Command::Chart`; [`on_view_changed`] is called
//! once whenever the data, the filters or the sort change, to recompute cached series.

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::command::Command;
use super::state::AppState;

/// The chart's own settings, saved with the app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {}

/// Changes to the chart's settings.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartCommand {}

/// Applies a chart command to the state.
pub fn apply(state: &mut AppState, cmd: ChartCommand) {
    let _ = state;
    match cmd {}
}

/// Recomputes what the chart caches, after the data, filters or sort changed.
pub fn on_view_changed(state: &mut AppState) {
    let _ = state;
}

pub fn ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let _ = (state, cmds);
    ui.centered_and_justified(|ui| {
        ui.label(RichText::new("Chart: coming").weak());
    });
}
