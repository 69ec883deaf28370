//! The bars' time bins in the per-period view: which size Auto picks for the
//! span on screen, and how the bins read. The series in bins are built and
//! kept by [`ChartData::binned`](crate::gui::state::chart_data::ChartData::binned).

use factsheet_core::stats::BinSize;

use crate::gui::state::chart::Bins;

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
