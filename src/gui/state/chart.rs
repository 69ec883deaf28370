//! The chart's state: its settings (saved with the app) and what it caches,
//! derived from the data and the filters. The Chart tab ([`crate::gui::chart`])
//! reads these and pushes commands; it owns none of them.

use serde::{Deserialize, Serialize};

use super::chart_data::ChartData;
use crate::gui::save::SaveChannel;
use factsheet_core::stats::{BinSize, Group};

/// Bars per time bin, or running totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    PerEvent,
    Cumulative,
}

/// Which groups the chart shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Remains,
    Prisoners,
    #[default]
    Both,
}

impl Shown {
    pub const ALL: [Shown; 3] = [Shown::Remains, Shown::Prisoners, Shown::Both];

    pub fn label(self) -> &'static str {
        match self {
            Shown::Remains => "Remains",
            Shown::Prisoners => "Prisoners",
            Shown::Both => "Both",
        }
    }

    pub fn groups(self) -> &'static [Group] {
        match self {
            Shown::Remains => &[Group::Remains],
            Shown::Prisoners => &[Group::Living],
            Shown::Both => &[Group::Remains, Group::Living],
        }
    }
}

/// How long the bars' time bins are: chosen from the span on screen, or by hand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bins {
    #[default]
    Auto,
    Fixed(BinSize),
}

impl Bins {
    /// Auto first, then each size, shortest first: the menu's entries.
    pub const ALL: [Bins; 6] = [
        Bins::Auto,
        Bins::Fixed(BinSize::Day),
        Bins::Fixed(BinSize::Week),
        Bins::Fixed(BinSize::Month),
        Bins::Fixed(BinSize::Quarter),
        Bins::Fixed(BinSize::Year),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Bins::Auto => "Auto",
            Bins::Fixed(size) => size.label(),
        }
    }
}

/// The chart's own settings, saved with the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {
    pub mode: Mode,
    pub shown: Shown,
    /// Draw agreement targets as lines in the cumulative view.
    pub targets: bool,
    /// The bars' time bins, in the per-period view.
    pub bins: Bins,
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            mode: Mode::default(),
            shown: Shown::default(),
            targets: true,
            bins: Bins::Auto,
        }
    }
}

/// What the chart caches, derived from the data and the filters (not persisted).
#[derive(Debug, Default)]
pub struct ChartView {
    pub data: ChartData,
    /// Saves run off the UI thread and report here.
    pub saves: SaveChannel,
}
