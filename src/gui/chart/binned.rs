//! The bars of the per-period view: each series' points grouped into time bins
//! by the core ([`factsheet_core::stats::bin_points`]) and turned into
//! [`ChartPoint`]s, which the plot draws, hit-tests and describes like the
//! per-day points. Points whose days cross a bin's edge (an event dated "June
//! 2025" among weekly bins) stay as they are, drawn over their days.
//!
//! Rebuilt each frame from the cached series: a pass over a few thousand
//! points, whatever the number of events.

use factsheet_core::stats::{BinSize, SeriesPoint, bin_points, day_number};

use super::series::{ChartPoint, ChartSeries};
use crate::gui::state::chart::Bins;

/// How many events a bin keeps for its tooltip and for clicks; the count of
/// all of them is in the bin's [`SeriesPoint::events`].
pub const BIN_LISTED_EVENTS: usize = 8;

/// The narrowest a series' bar may be, in points, when the size is chosen
/// automatically; bars side by side then leave [`BIN_GAP_POINTS`] between bins.
const AUTO_BAR_POINTS: f64 = 5.0;
const BIN_GAP_POINTS: f64 = 4.0;

/// The bin size for `bins`: the one chosen by hand, or for `Auto` the
/// shortest whose bins leave each of `series` bars side by side room enough
/// over `span_days` drawn `width` points wide.
pub fn size_for(bins: Bins, span_days: f64, width: f64, series: usize) -> BinSize {
    match bins {
        Bins::Fixed(size) => size,
        Bins::Auto => {
            let per_bin = AUTO_BAR_POINTS * series.max(1) as f64 + BIN_GAP_POINTS;
            BinSize::for_span(span_days, (width / per_bin).max(1.0))
        }
    }
}

/// `series` with its points grouped into bins of `size`, in date order: a
/// point per bin (drawn as exact, over the bin's days), and the points that
/// cross a bin's edge as they were.
pub fn series(series: &ChartSeries, size: BinSize) -> ChartSeries {
    let binned = bin_points(series.points.iter().map(|p| &p.point), size);
    let mut points: Vec<ChartPoint> = binned
        .bins
        .iter()
        .map(|bin| {
            let mut events = Vec::new();
            for p in bin.points.iter().filter_map(|&i| series.points.get(i)) {
                for &e in &p.events {
                    if events.len() < BIN_LISTED_EVENTS && !events.contains(&e) {
                        events.push(e);
                    }
                }
            }
            // The running total at the bin's end: its last point's.
            let last = bin.points.last().and_then(|&i| series.points.get(i));
            ChartPoint {
                point: SeriesPoint {
                    date: bin.first,
                    first: bin.first,
                    last: bin.last,
                    exact: true,
                    events: bin.events,
                    sum: bin.sum,
                    cumulative: last.map_or(0, |p| p.point.cumulative),
                    cumulative_at_least: last.is_some_and(|p| p.point.cumulative_at_least),
                    cumulative_known: last.is_some_and(|p| p.point.cumulative_known),
                },
                x0: day_number(bin.first) as f64,
                x1: day_number(bin.last) as f64 + 1.0,
                date_text: size.bin_label(bin.first),
                events,
            }
        })
        .collect();
    points.extend(
        binned
            .spans
            .iter()
            .filter_map(|&i| series.points.get(i))
            .cloned(),
    );
    points.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.x1.total_cmp(&b.x1)));
    ChartSeries {
        side: series.side,
        group: series.group,
        label: series.label.clone(),
        points,
    }
}

/// The value axis's name in the per-period view.
pub fn axis_label(size: BinSize) -> &'static str {
    match size {
        BinSize::Day => "received per day",
        BinSize::Week => "received per week",
        BinSize::Month => "received per month",
        BinSize::Quarter => "received per quarter",
        BinSize::Year => "received per year",
    }
}

/// "1 month", "3 weeks": how many bins of `size` a readout counts.
pub fn count_text(size: BinSize, n: usize) -> String {
    let noun = match size {
        BinSize::Day => "day",
        BinSize::Week => "week",
        BinSize::Month => "month",
        BinSize::Quarter => "quarter",
        BinSize::Year => "year",
    };
    let n_text = factsheet_core::model::thousands(n as u64);
    if n == 1 {
        format!("{n_text} {noun}")
    } else {
        format!("{n_text} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_leaves_each_series_bar_room_and_a_choice_by_hand_wins() {
        // Four series: 24 points a bin, 50 bins over 1,200 points. 1,000 days
        // are 143 weeks (too many) and 33 months.
        assert_eq!(size_for(Bins::Auto, 1000.0, 1200.0, 4), BinSize::Month);
        // One series: 9 points a bin, 133 bins: 143 weeks are still too many.
        assert_eq!(size_for(Bins::Auto, 1000.0, 1200.0, 1), BinSize::Month);
        assert_eq!(size_for(Bins::Auto, 900.0, 1200.0, 1), BinSize::Week);
        assert_eq!(size_for(Bins::Auto, 40.0, 1200.0, 4), BinSize::Day);
        assert_eq!(
            size_for(Bins::Fixed(BinSize::Year), 40.0, 1200.0, 4),
            BinSize::Year
        );
        assert_eq!(count_text(BinSize::Month, 1), "1 month");
        assert_eq!(count_text(BinSize::Week, 1200), "1,200 weeks");
    }
}
