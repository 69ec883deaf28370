//! The chart's time series: per receiving side and group (living people, remains),
//! points pre-aggregated per date or per vague period.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Category, Side};

use super::Sum;

/// The two groups the chart draws: living people and remains of the dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Every living category: prisoners, soldiers, civilians, wounded, under 25.
    Living,
    Remains,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::Living, Group::Remains];

    pub fn of(category: Category) -> Group {
        if category.is_living() {
            Group::Living
        } else {
            Group::Remains
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Living => "prisoners",
            Group::Remains => "remains",
        }
    }
}

/// One point of a chart series: everything that happened on one date (or in one
/// vague period) for one side and group. Written out (JSON), `cumulative` is
/// `null` while no figure up to the point has a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "PointFields", from = "PointFields")]
pub struct SeriesPoint {
    /// Where the point sits on the date axis: the event date's `on` day.
    pub date: Date,
    /// First and last day the date can mean ([`EventDate::bounds`]).
    pub first: Date,
    pub last: Date,
    /// False when the date is approximate, a span or coarser than a day:
    /// the chart draws such a point as approximate.
    pub exact: bool,
    /// Number of events summed into this point.
    pub events: usize,
    /// The figures of those events.
    pub sum: Sum,
    /// Running sum of [`Sum::drawn`] up to and including this point.
    pub cumulative: u64,
    /// True when this point or an earlier one has a figure the sources only
    /// bound: `cumulative` is then a lower bound ("at least").
    pub cumulative_at_least: bool,
    /// False while no figure up to here has a number: `cumulative` is then
    /// the 0 the line is drawn at, not a count.
    pub cumulative_known: bool,
}

/// [`SeriesPoint`] as written out.
#[derive(Serialize, Deserialize)]
struct PointFields {
    date: Date,
    first: Date,
    last: Date,
    exact: bool,
    events: usize,
    sum: Sum,
    cumulative: Option<u64>,
    #[serde(default)]
    cumulative_at_least: bool,
}

impl From<SeriesPoint> for PointFields {
    fn from(p: SeriesPoint) -> Self {
        PointFields {
            date: p.date,
            first: p.first,
            last: p.last,
            exact: p.exact,
            events: p.events,
            sum: p.sum,
            cumulative: p.cumulative_known.then_some(p.cumulative),
            cumulative_at_least: p.cumulative_at_least,
        }
    }
}

impl From<PointFields> for SeriesPoint {
    fn from(p: PointFields) -> Self {
        SeriesPoint {
            date: p.date,
            first: p.first,
            last: p.last,
            exact: p.exact,
            events: p.events,
            sum: p.sum,
            cumulative: p.cumulative.unwrap_or(0),
            cumulative_at_least: p.cumulative_at_least,
            cumulative_known: p.cumulative.is_some(),
        }
    }
}

impl SeriesPoint {
    /// The running total as it reads: "7,269", "at least 8,001" when a
    /// figure up to here is only bounded, "not disclosed" while none has a number.
    pub fn cumulative_text(&self) -> String {
        if !self.cumulative_known {
            return "not disclosed".to_string();
        }
        let n = crate::model::thousands(self.cumulative);
        if self.cumulative_at_least {
            format!("at least {n}")
        } else {
            n
        }
    }
}

/// One line of the chart: a receiving side and a group, points in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub side: Side,
    pub group: Group,
    pub points: Vec<SeriesPoint>,
}

impl Series {
    /// "remains to Ukraine", as a legend entry.
    pub fn label(&self) -> String {
        format!("{} {}", self.group.label(), self.side.to_label())
    }
}

/// Days since 1970-01-01, the chart's x coordinate for a date.
pub fn day_number(date: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    date.since(epoch)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// How a series point's date reads in a tooltip: the day, or the span it may mean.
pub fn point_label(point: &SeriesPoint) -> String {
    if point.exact {
        point.date.to_string()
    } else if point.first == point.last {
        format!("c. {}", point.date)
    } else {
        format!("{} – {}", point.first, point.last)
    }
}
