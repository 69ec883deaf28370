//! Time bins for the chart: the day, ISO week (Monday to Sunday), month,
//! quarter or year a date falls in, which bin size suits a span of days, and a
//! series' points grouped into bins with their figures summed.
//!
//! A point goes into a bin when every day its date can mean lies in that bin:
//! an event dated "June 2025" is in the bin of June, of the second quarter and
//! of 2025, but in no day's or week's bin. A point whose days cross a bin's
//! edge is left out of the bins and handed back apart ([`Binned::spans`]), to be
//! drawn over its days as an approximate date: putting it in one bin would
//! claim a precision the sources do not give, and splitting its figure between
//! bins would make up numbers.
//!
//! A bin's figures are summed with [`Sum::merge`], as the fact sheet sums: a
//! bin holding a figure the sources only bound reads "at least", one holding
//! undisclosed figures says so, and one holding only undisclosed figures has
//! no number at all.

use foldhash::HashMap;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{SeriesPoint, Sum};

/// How long a chart bin is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinSize {
    Day,
    /// An ISO week: Monday to Sunday.
    Week,
    Month,
    /// January–March, April–June, July–September, October–December.
    Quarter,
    Year,
}

impl BinSize {
    /// Shortest first.
    pub const ALL: [BinSize; 5] = [
        BinSize::Day,
        BinSize::Week,
        BinSize::Month,
        BinSize::Quarter,
        BinSize::Year,
    ];

    /// "Day", "Week", …, as a menu entry.
    pub fn label(self) -> &'static str {
        match self {
            BinSize::Day => "Day",
            BinSize::Week => "Week",
            BinSize::Month => "Month",
            BinSize::Quarter => "Quarter",
            BinSize::Year => "Year",
        }
    }

    /// The average length of a bin in days, for choosing a size for a span.
    pub fn average_days(self) -> f64 {
        match self {
            BinSize::Day => 1.0,
            BinSize::Week => 7.0,
            BinSize::Month => 365.2425 / 12.0,
            BinSize::Quarter => 365.2425 / 4.0,
            BinSize::Year => 365.2425,
        }
    }

    /// The shortest size that cuts `span_days` into at most `max_bins` bins
    /// (a year when even years are too many; a day for an empty span).
    pub fn for_span(span_days: f64, max_bins: f64) -> BinSize {
        BinSize::ALL
            .into_iter()
            .find(|size| span_days <= size.average_days() * max_bins)
            .unwrap_or(BinSize::Year)
    }

    /// The first day of the bin `date` is in.
    pub fn first_day(self, date: Date) -> Date {
        match self {
            BinSize::Day => date,
            BinSize::Week => {
                let week = date.iso_week_date();
                // Before the first Monday of the calendar the week is cut short.
                ISOWeekDate::new(week.year(), week.week(), Weekday::Monday)
                    .map_or(Date::MIN, |monday| monday.date())
            }
            BinSize::Month => date.first_of_month(),
            BinSize::Quarter => {
                let month = (date.month() - 1) / 3 * 3 + 1;
                Date::new(date.year(), month, 1).unwrap_or_else(|_| date.first_of_month())
            }
            BinSize::Year => date.first_of_year(),
        }
    }

    /// The last day of the bin `date` is in.
    pub fn last_day(self, date: Date) -> Date {
        match self {
            BinSize::Day => date,
            BinSize::Week => {
                let week = date.iso_week_date();
                ISOWeekDate::new(week.year(), week.week(), Weekday::Sunday)
                    .map_or(Date::MAX, |sunday| sunday.date())
            }
            BinSize::Month => date.last_of_month(),
            BinSize::Quarter => {
                let month = (date.month() - 1) / 3 * 3 + 3;
                Date::new(date.year(), month, 1)
                    .map_or_else(|_| date.last_of_month(), |d| d.last_of_month())
            }
            BinSize::Year => date.last_of_year(),
        }
    }

    /// How the bin that starts on `first` reads: "2025-06-11", "week 24 of
    /// 2025 (2025-06-09 – 2025-06-15)", "June 2025", "Q2 2025 (April – June)", "2025".
    pub fn bin_label(self, first: Date) -> String {
        match self {
            BinSize::Day => first.to_string(),
            BinSize::Week => {
                let week = first.iso_week_date();
                format!(
                    "week {} of {} ({} – {})",
                    week.week(),
                    week.year(),
                    first,
                    self.last_day(first)
                )
            }
            BinSize::Month => first.strftime("%B %Y").to_string(),
            BinSize::Quarter => format!(
                "Q{} {} ({} – {})",
                (first.month() - 1) / 3 + 1,
                first.year(),
                first.strftime("%B"),
                self.last_day(first).strftime("%B")
            ),
            BinSize::Year => first.year().to_string(),
        }
    }
}

/// One bin of a series: its days and the points that fall in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    pub first: Date,
    pub last: Date,
    /// The figures of its points, summed as the fact sheet sums them.
    pub sum: Sum,
    /// Number of events in the bin.
    pub events: usize,
    /// The points in the bin, as indices into the series' points, in their order.
    pub points: Vec<usize>,
}

/// A series' points grouped into bins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binned {
    /// In date order, only bins that hold a point.
    pub bins: Vec<Bin>,
    /// Points whose days cross a bin's edge (indices into the series'
    /// points): in no bin, drawn over their days.
    pub spans: Vec<usize>,
}

/// Groups `points` (a series' points, in its order) into bins of `size`.
pub fn bin_points<'a>(points: impl IntoIterator<Item = &'a SeriesPoint>, size: BinSize) -> Binned {
    let mut bins: Vec<Bin> = Vec::new();
    // Where each bin is in `bins`. Points come in date order, so most go into
    // the bin the point before went into.
    let mut at: HashMap<Date, usize> = HashMap::default();
    let mut last: Option<(Date, Date, usize)> = None;
    let mut spans = Vec::new();
    for (i, p) in points.into_iter().enumerate() {
        // Within the bin of the point before: no date arithmetic, no lookup.
        let index = match last.filter(|&(first, end, _)| first <= p.first && p.last <= end) {
            Some((_, _, index)) => index,
            None => {
                let first = size.first_day(p.first);
                let end = size.last_day(first);
                if p.last > end {
                    spans.push(i);
                    continue;
                }
                let index = *at.entry(first).or_insert_with(|| {
                    bins.push(Bin {
                        first,
                        last: end,
                        sum: Sum::default(),
                        events: 0,
                        points: Vec::new(),
                    });
                    bins.len() - 1
                });
                last = Some((first, end, index));
                index
            }
        };
        if let Some(bin) = bins.get_mut(index) {
            bin.sum.merge(&p.sum);
            bin.events += p.events;
            bin.points.push(i);
        }
    }
    bins.sort_by_key(|b| b.first);
    Binned { bins, spans }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn exact(n: u64) -> Sum {
        Sum {
            low: n,
            best: Some(n),
            high: Some(n),
            figures: 1,
            undisclosed: 0,
            bounded: 0,
        }
    }

    fn undisclosed() -> Sum {
        Sum {
            low: 0,
            best: Some(0),
            high: None,
            figures: 1,
            undisclosed: 1,
            bounded: 0,
        }
    }

    fn at_least(n: u64) -> Sum {
        Sum {
            low: n,
            best: None,
            high: None,
            figures: 1,
            undisclosed: 0,
            bounded: 1,
        }
    }

    fn point(first: Date, last: Date, sum: Sum) -> SeriesPoint {
        SeriesPoint {
            date: first,
            first,
            last,
            exact: first == last,
            events: 1,
            sum,
            // The running total plays no part in binning.
            cumulative: 0,
            cumulative_at_least: false,
            cumulative_known: true,
        }
    }

    fn day(d: Date, sum: Sum) -> SeriesPoint {
        point(d, d, sum)
    }

    #[test]
    fn weeks_run_monday_to_sunday_across_a_new_year() {
        // 2025-06-11 is a Wednesday; 2025-06-15 a Sunday; 2025-06-16 a Monday.
        let week = BinSize::Week;
        assert_eq!(week.first_day(date(2025, 6, 11)), date(2025, 6, 9));
        assert_eq!(week.last_day(date(2025, 6, 11)), date(2025, 6, 15));
        assert_eq!(week.first_day(date(2025, 6, 15)), date(2025, 6, 9));
        assert_eq!(week.first_day(date(2025, 6, 16)), date(2025, 6, 16));
        // 2025-01-01 is a Wednesday: its week began on Monday 2024-12-30,
        // and is ISO week 1 of 2025.
        assert_eq!(week.first_day(date(2025, 1, 1)), date(2024, 12, 30));
        assert_eq!(week.last_day(date(2024, 12, 30)), date(2025, 1, 5));
        assert_eq!(
            week.bin_label(date(2024, 12, 30)),
            "week 1 of 2025 (2024-12-30 – 2025-01-05)"
        );
    }

    #[test]
    fn months_quarters_and_years_end_on_their_calendar_edges() {
        assert_eq!(
            BinSize::Month.first_day(date(2024, 2, 10)),
            date(2024, 2, 1)
        );
        assert_eq!(
            BinSize::Month.last_day(date(2024, 2, 10)),
            date(2024, 2, 29)
        );
        let q = BinSize::Quarter;
        assert_eq!(q.first_day(date(2025, 3, 31)), date(2025, 1, 1));
        assert_eq!(q.last_day(date(2025, 3, 31)), date(2025, 3, 31));
        assert_eq!(q.first_day(date(2025, 4, 1)), date(2025, 4, 1));
        assert_eq!(q.last_day(date(2025, 4, 1)), date(2025, 6, 30));
        assert_eq!(q.first_day(date(2025, 8, 15)), date(2025, 7, 1));
        assert_eq!(q.last_day(date(2025, 8, 15)), date(2025, 9, 30));
        assert_eq!(q.first_day(date(2025, 12, 31)), date(2025, 10, 1));
        assert_eq!(q.last_day(date(2025, 10, 1)), date(2025, 12, 31));
        assert_eq!(q.bin_label(date(2025, 4, 1)), "Q2 2025 (April – June)");
        assert_eq!(BinSize::Year.first_day(date(2025, 6, 11)), date(2025, 1, 1));
        assert_eq!(
            BinSize::Year.last_day(date(2025, 6, 11)),
            date(2025, 12, 31)
        );
        assert_eq!(BinSize::Month.bin_label(date(2025, 6, 1)), "June 2025");
        assert_eq!(BinSize::Day.first_day(date(2025, 6, 11)), date(2025, 6, 11));
        // The calendar's ends: no bin reaches past them.
        assert_eq!(BinSize::Week.last_day(Date::MAX), Date::MAX);
        assert!(BinSize::Week.first_day(Date::MIN) <= Date::MIN);
    }

    #[test]
    fn the_size_for_a_span_is_the_shortest_with_few_enough_bins() {
        // 60 days in at most 100 bins: days.
        assert_eq!(BinSize::for_span(60.0, 100.0), BinSize::Day);
        // 730 days: 105 weeks is more than 100, 24 months is not.
        assert_eq!(BinSize::for_span(730.0, 100.0), BinSize::Month);
        assert_eq!(BinSize::for_span(730.0, 110.0), BinSize::Week);
        // Ten years in 40 bins: 120 months are too many, 40 quarters do.
        assert_eq!(BinSize::for_span(3652.0, 40.0), BinSize::Quarter);
        assert_eq!(BinSize::for_span(3652.0, 5.0), BinSize::Year);
        // Even years are too many: years all the same.
        assert_eq!(BinSize::for_span(1e7, 10.0), BinSize::Year);
        assert_eq!(BinSize::for_span(0.0, 0.0), BinSize::Day);
    }

    #[test]
    fn points_are_binned_by_week_with_their_figures_summed_honestly() {
        let points = [
            day(date(2025, 6, 9), exact(10)),
            day(date(2025, 6, 11), exact(20)),
            day(date(2025, 6, 12), undisclosed()),
            // A span from Saturday to Tuesday: across a week's edge.
            point(date(2025, 6, 14), date(2025, 6, 17), exact(30)),
            day(date(2025, 6, 16), exact(5)),
            // June 2025, month precision: in no week.
            point(date(2025, 6, 1), date(2025, 6, 30), at_least(50)),
            day(date(2025, 6, 23), undisclosed()),
        ];
        let binned = bin_points(&points, BinSize::Week);
        assert_eq!(binned.spans, vec![3, 5]);
        let got: Vec<(Date, Date, String, usize, Vec<usize>)> = binned
            .bins
            .iter()
            .map(|b| (b.first, b.last, b.sum.text(), b.events, b.points.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    date(2025, 6, 9),
                    date(2025, 6, 15),
                    "30 + not disclosed".to_string(),
                    3,
                    vec![0, 1, 2]
                ),
                (
                    date(2025, 6, 16),
                    date(2025, 6, 22),
                    "5".to_string(),
                    1,
                    vec![4]
                ),
                (
                    date(2025, 6, 23),
                    date(2025, 6, 29),
                    "not disclosed".to_string(),
                    1,
                    vec![6]
                ),
            ]
        );
        // The undisclosed week has nothing to draw, and no number to tell.
        assert_eq!(binned.bins[2].sum.drawn(), 0);
        assert_eq!(binned.bins[2].sum.known_best(), None);
    }

    #[test]
    fn a_month_bin_takes_the_month_dated_event_and_reads_at_least() {
        let points = [
            day(date(2025, 6, 9), exact(10)),
            day(date(2025, 6, 11), exact(20)),
            point(date(2025, 6, 14), date(2025, 6, 17), exact(30)),
            point(date(2025, 6, 1), date(2025, 6, 30), at_least(50)),
            // Across the end of June: in no month, but in the second quarter.
            point(date(2025, 6, 29), date(2025, 7, 2), exact(4)),
            day(date(2025, 7, 1), exact(7)),
        ];
        let months = bin_points(&points, BinSize::Month);
        assert_eq!(months.spans, vec![4]);
        assert_eq!(months.bins.len(), 2);
        let june = &months.bins[0];
        // 10 + 20 + 30 + at least 50: at least 110, drawn at 110.
        assert_eq!(
            (june.first, june.last),
            (date(2025, 6, 1), date(2025, 6, 30))
        );
        assert_eq!(june.sum.text(), "at least 110");
        assert_eq!(june.sum.drawn(), 110);
        assert_eq!(june.points, vec![0, 1, 2, 3]);
        assert_eq!(months.bins[1].sum.text(), "7");

        let quarters = bin_points(&points, BinSize::Quarter);
        assert_eq!(quarters.spans, vec![4]);
        assert_eq!(quarters.bins.len(), 2);
        assert_eq!(quarters.bins[0].first, date(2025, 4, 1));
        assert_eq!(quarters.bins[0].events, 4);
        let years = bin_points(&points, BinSize::Year);
        assert!(years.spans.is_empty());
        assert_eq!(years.bins.len(), 1);
        // 10 + 20 + 30 + at least 50 + 4 + 7.
        assert_eq!(years.bins[0].sum.text(), "at least 121");
        assert!(
            bin_points(&Vec::<SeriesPoint>::new(), BinSize::Day)
                .bins
                .is_empty()
        );
    }
}
