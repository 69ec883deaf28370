//! What the chart draws, computed once per data or filter change from the
//! core's pre-aggregated series ([`factsheet_core::stats`]): one point per date (or vague
//! period) per receiving side and group, with the bar's extent on the date axis,
//! the date as a reader should take it, and the events behind the point, so
//! hovering and clicking need no pass over the events. Agreement terms with a
//! number become the target lines of the cumulative view.

use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use factsheet_core::model::{Claim, Dataset, DatePrecision, EventDate, Quantity, Side, thousands};
use factsheet_core::stats::{BinSize, Group, SeriesPoint, Stats, Sum, bin_points, day_number};

/// How many events a point keeps for its tooltip and for clicks; the count of
/// all of them is in [`SeriesPoint::events`].
pub const LISTED_EVENTS: usize = 6;

/// How many events a bin keeps for its tooltip and for clicks; the count of
/// all of them is in the bin's [`SeriesPoint::events`].
pub const BIN_LISTED_EVENTS: usize = 8;

/// One point of a series, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub point: SeriesPoint,
    /// Where the bar starts and ends on the date axis: a day is one unit wide,
    /// a vague date spans every day it can mean.
    pub x0: f64,
    pub x1: f64,
    /// The date as a reader should take it: "2025-06-11", "May 2025 (month)".
    pub date_text: String,
    /// Up to [`LISTED_EVENTS`] events of the point, by index into `dataset.events`.
    pub events: Vec<usize>,
}

impl ChartPoint {
    pub fn exact(&self) -> bool {
        self.point.exact
    }

    /// The middle of the bar.
    pub fn x_mid(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    pub fn sum(&self) -> &Sum {
        &self.point.sum
    }
}

/// One receiving side and group, points in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub side: Side,
    pub group: Group,
    /// "remains to Ukraine": the legend entry and the plot item's name.
    pub label: String,
    pub points: Vec<ChartPoint>,
}

impl ChartSeries {
    /// The running total at the end of the series.
    pub fn total(&self) -> u64 {
        self.points.last().map_or(0, |p| p.point.cumulative)
    }

    /// Low and high of the whole series, when its sources leave a range.
    pub fn total_range(&self) -> Sum {
        let mut sum = Sum::default();
        for p in &self.points {
            sum.merge(&p.point.sum);
        }
        sum
    }
}

/// How a commitment reads: the sources' words when they agree ("more than
/// 500"), else the number reported with what each source says.
pub fn target_text(best: u64, claims: &[Claim]) -> String {
    let mut said: Vec<String> = Vec::new();
    for c in claims.iter().filter(|c| c.value != Quantity::NotDisclosed) {
        let text = c.value.to_string();
        if !said.contains(&text) {
            said.push(text);
        }
    }
    match said.as_slice() {
        [one] => one.clone(),
        [] => thousands(best),
        many => format!("{} (sources say {})", thousands(best), many.join(", ")),
    }
}

/// A commitment drawn as a horizontal line in the cumulative view.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub side: Side,
    pub group: Group,
    /// What the agreement promises, and that in the sources' words ("more than 500").
    pub value: u64,
    pub promised: String,
    /// The agreement's first day, and as a plot x: the line starts there.
    pub since_day: Date,
    pub since: f64,
    /// The series' running total before the agreement: the line stands at
    /// `base + value`, where the curve must reach to deliver it.
    pub base: u64,
    /// What events linked to the agreement delivered since (over all events).
    pub delivered: Sum,
    /// The agreement's title.
    pub agreement: String,
    /// "target: 6,000 remains to Ukraine (Second round of talks…)"; empty when
    /// another target on the same line carries the label for both sides.
    pub label: String,
}

impl Target {
    /// Where the line stands on the value axis.
    pub fn level(&self) -> u64 {
        self.base.saturating_add(self.value)
    }
}

/// Everything the chart caches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartData {
    /// One per side and group: remains then prisoners, to Ukraine then to Russia.
    pub series: Vec<ChartSeries>,
    pub targets: Vec<Target>,
    /// First day and the day after the last day of the events charted.
    pub x_range: Option<(f64, f64)>,
    /// Number of events charted (the visible rows).
    pub events: usize,
    /// Visible events with no figure split by receiving side: in no series.
    pub unsplit: usize,
    /// The series in the bins last drawn.
    pub bins: BinCache,
}

/// The series grouped into bins of one size, kept while the data stays (a
/// new [`ChartData`] starts without): the bars are drawn each frame, but
/// binned again only when the size changes (about 1 ms for the 16,000 points
/// of 100,000 events).
#[derive(Default)]
pub struct BinCache(Mutex<Option<(BinSize, Arc<[ChartSeries]>)>>);

impl Clone for BinCache {
    /// A copy bins again when asked: the cache is only a shortcut.
    fn clone(&self) -> Self {
        BinCache::default()
    }
}

impl PartialEq for BinCache {
    /// Two charts are equal by their data, whatever they have cached.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for BinCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BinCache")
    }
}

/// Remains first: the chart's main subject, and the legend's first entries.
const GROUPS: [Group; 2] = [Group::Remains, Group::Living];

fn series_index(side: Side, group: Group) -> usize {
    let s = match side {
        Side::Ukraine => 0,
        Side::Russia => 1,
    };
    let g = match group {
        Group::Remains => 0,
        Group::Living => 1,
    };
    s * 2 + g
}

/// The key the core sorts a series' points by.
fn point_key(p: &SeriesPoint) -> (Date, Date, Date, bool) {
    (p.date, p.first, p.last, !p.exact)
}

/// "2025-06-11", or a vague date with what makes it vague: "May 2025 (month)".
pub fn date_text(date: &EventDate) -> String {
    if date.is_exact_day() {
        return date.on.to_string();
    }
    let why = match (date.precision, date.until) {
        (DatePrecision::Day, Some(_)) => "several days",
        (DatePrecision::Day, None) => "day",
        (DatePrecision::Approximate, _) => "approximate",
        (DatePrecision::Week, _) => "week",
        (DatePrecision::Month, _) => "month",
        (DatePrecision::Year, _) => "year",
    };
    format!("{date} ({why})")
}

impl ChartData {
    /// Computes the chart's data over the events at `visible` (indices into
    /// `dataset.events`; out of range ones are ignored).
    pub fn build(dataset: &Dataset, visible: &[usize]) -> ChartData {
        let stats = Stats::compute(dataset, Some(visible));
        let mut series: Vec<ChartSeries> = Side::ALL
            .iter()
            .flat_map(|&side| {
                GROUPS.iter().map(move |&group| ChartSeries {
                    side,
                    group,
                    label: format!("{} {}", group.label(), side.to_label()),
                    points: Vec::new(),
                })
            })
            .collect();
        for s in &stats.series {
            let Some(out) = series.get_mut(series_index(s.side, s.group)) else {
                continue;
            };
            out.points = s
                .points
                .iter()
                .map(|p| ChartPoint {
                    x0: day_number(p.first) as f64,
                    x1: day_number(p.last) as f64 + 1.0,
                    date_text: if p.exact {
                        p.date.to_string()
                    } else {
                        factsheet_core::stats::point_label(p)
                    },
                    events: Vec::new(),
                    point: p.clone(),
                })
                .collect();
        }

        // Which events make each point: one pass over the visible events.
        let mut unsplit = 0;
        for &index in visible {
            let Some(event) = dataset.events.get(index) else {
                continue;
            };
            if !event.figures.is_empty() && event.figures.iter().all(|f| f.received_by.is_none()) {
                unsplit += 1;
            }
            let (first, last) = event.date.bounds();
            let key = (event.date.on, first, last, !event.date.is_exact_day());
            for figure in &event.figures {
                let Some(side) = figure.received_by else {
                    continue;
                };
                let group = Group::of(figure.category);
                let Some(s) = series.get_mut(series_index(side, group)) else {
                    continue;
                };
                let Ok(at) = s.points.binary_search_by(|p| point_key(&p.point).cmp(&key)) else {
                    continue;
                };
                let Some(point) = s.points.get_mut(at) else {
                    continue;
                };
                if point.events.is_empty() {
                    point.date_text = date_text(&event.date);
                }
                if point.events.len() < LISTED_EVENTS && point.events.last() != Some(&index) {
                    point.events.push(index);
                }
            }
        }

        let mut targets: Vec<Target> = Vec::new();
        for progress in &stats.agreements {
            let Some(agreement) = dataset.agreements.get(progress.agreement) else {
                continue;
            };
            let since_day = agreement.date.bounds().0;
            for term in &progress.terms {
                // A target the sources only bound ("more than 500") is drawn at its
                // bound and labelled in their words, never as a made-up number.
                let drawn = term.target.best.or(term.target.bound.and(term.target.low));
                let Some(value) = drawn.filter(|&v| v > 0) else {
                    continue;
                };
                let claims = agreement
                    .terms
                    .get(term.term)
                    .map(|t| t.claims.as_slice())
                    .unwrap_or_default();
                let group = Group::of(term.category);
                // The line stands where the curve must reach: what was charted
                // before the agreement, plus what it promises.
                let base = series
                    .get(series_index(term.received_by, group))
                    .map_or(0, |s| {
                        let before = s.points.partition_point(|p| p.point.date < since_day);
                        before
                            .checked_sub(1)
                            .and_then(|i| s.points.get(i))
                            .map_or(0, |p| p.point.cumulative)
                    });
                let level = base.saturating_add(value);
                let what = target_text(value, claims);
                // Sides promised the same under one agreement share one label on one line.
                let twin = targets.iter_mut().find(|t| {
                    t.group == group && t.level() == level && t.agreement == agreement.title
                });
                let label = match twin {
                    Some(t) => {
                        t.label = format!(
                            "target: {what} {} to each side ({})",
                            group.label(),
                            agreement.title
                        );
                        String::new()
                    }
                    None => format!(
                        "target: {what} {} {} ({})",
                        group.label(),
                        term.received_by.to_label(),
                        agreement.title
                    ),
                };
                targets.push(Target {
                    side: term.received_by,
                    group,
                    value,
                    promised: what.clone(),
                    since: day_number(since_day) as f64,
                    since_day,
                    base,
                    delivered: term.delivered,
                    agreement: agreement.title.to_string(),
                    label,
                });
            }
        }

        ChartData {
            series,
            targets,
            x_range: stats
                .date_range
                .map(|(a, b)| (day_number(a) as f64, day_number(b) as f64 + 1.0)),
            events: stats.events,
            unsplit,
            bins: BinCache::default(),
        }
    }

    /// Every series grouped into bins of `size` ([`binned_series`]), from the
    /// cache when it holds that size.
    pub fn binned(&self, size: BinSize) -> Arc<[ChartSeries]> {
        let mut cache = self.bins.0.lock().ok();
        if let Some(Some((cached, series))) = cache.as_deref()
            && *cached == size
        {
            return Arc::clone(series);
        }
        let series: Arc<[ChartSeries]> =
            self.series.iter().map(|s| binned_series(s, size)).collect();
        if let Some(cache) = cache.as_deref_mut() {
            *cache = Some((size, Arc::clone(&series)));
        }
        series
    }

    pub fn series(&self, side: Side, group: Group) -> Option<&ChartSeries> {
        self.series.get(series_index(side, group))
    }
}

/// `series` with its points grouped into bins of `size` by the core, in date
/// order: a point per bin (drawn as exact, over the bin's days, named by the
/// bin), and the points that cross a bin's edge (an event dated "June 2025"
/// among weekly bins) as they were, drawn over their days.
pub fn binned_series(series: &ChartSeries, size: BinSize) -> ChartSeries {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        factsheet_core::load::load_sample(factsheet_core::load::today())
            .into_result()
            .expect("the bundled sample loads")
            .0
    }

    fn all(d: &Dataset) -> Vec<usize> {
        (0..d.events.len()).collect()
    }

    #[test]
    fn the_june_repatriation_is_one_point_per_receiving_side() {
        let d = sample();
        let data = ChartData::build(&d, &all(&d));
        let june = d
            .events
            .iter()
            .position(|e| e.id == "2025-06-11-remains")
            .unwrap();
        let at = |side| {
            data.series(side, Group::Remains)
                .unwrap()
                .points
                .iter()
                .find(|p| p.events.contains(&june))
                .unwrap()
                .clone()
        };
        let to_ukraine = at(Side::Ukraine);
        assert_eq!(to_ukraine.point.sum.best, Some(1212));
        assert!(to_ukraine.exact());
        assert_eq!(to_ukraine.date_text, "2025-06-11");
        assert_eq!(to_ukraine.x1 - to_ukraine.x0, 1.0);
        assert_eq!(at(Side::Russia).point.sum.best, Some(27));
    }

    #[test]
    fn cumulative_totals_match_the_sum_of_the_bars() {
        let d = sample();
        let data = ChartData::build(&d, &all(&d));
        for s in &data.series {
            let bars: u64 = s.points.iter().map(|p| p.point.sum.drawn()).sum();
            assert_eq!(s.total(), bars, "{}", s.label);
            let mut previous = 0;
            for p in &s.points {
                assert!(p.point.cumulative >= previous);
                previous = p.point.cumulative;
            }
        }
        // The sample: 1,212 and 27 remains on 2025-06-11; the wounded and
        // under-25s of 2025-06-09 not disclosed on either side.
        let total = |side, group| data.series(side, group).unwrap().total();
        assert_eq!(total(Side::Ukraine, Group::Remains), 1212);
        assert_eq!(total(Side::Russia, Group::Remains), 27);
        for side in [Side::Ukraine, Side::Russia] {
            let living = data.series(side, Group::Living).unwrap();
            assert_eq!(living.points.len(), 1);
            assert!(!living.points[0].point.cumulative_known);
            assert_eq!(living.points[0].point.sum.undisclosed, 2);
        }
    }

    #[test]
    fn a_span_reads_as_approximate_and_spans_its_days() {
        let d = sample();
        let data = ChartData::build(&d, &all(&d));
        let vague: Vec<&ChartPoint> = data
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| !p.exact())
            .collect();
        assert!(!vague.is_empty(), "the sample has an event over two days");
        for p in vague {
            let (first, last) = (p.point.first, p.point.last);
            assert_eq!(
                p.x1 - p.x0,
                (day_number(last) - day_number(first) + 1) as f64
            );
            assert!(p.date_text.contains('('), "{}", p.date_text);
        }
    }

    #[test]
    fn filtered_rows_narrow_the_series_and_targets_stay() {
        let d = sample();
        let june = d
            .events
            .iter()
            .position(|e| e.id == "2025-06-11-remains")
            .unwrap();
        let data = ChartData::build(&d, &[june]);
        assert_eq!(data.events, 1);
        assert_eq!(
            data.series(Side::Ukraine, Group::Remains).unwrap().total(),
            1212
        );
        assert!(
            data.series(Side::Ukraine, Group::Living)
                .unwrap()
                .points
                .is_empty()
        );
        let remains_to_ukraine = data
            .targets
            .iter()
            .find(|t| t.side == Side::Ukraine && t.group == Group::Remains)
            .expect("the June agreement commits bodies to Ukraine");
        assert_eq!(remains_to_ukraine.value, 6000);
        let labels: Vec<&str> = data
            .targets
            .iter()
            .filter(|t| t.group == Group::Remains && t.value == remains_to_ukraine.value)
            .map(|t| t.label.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            labels.len(),
            1,
            "one label for a line both sides share: {labels:?}"
        );
        assert!(labels[0].contains("6,000"), "{}", labels[0]);
        assert_eq!(data.unsplit, 0);
        // The May exchange's 1,000 prisoners are not split by side.
        let everything = ChartData::build(&d, &all(&d));
        assert_eq!(everything.unsplit, 1);
        let none = ChartData::build(&d, &[]);
        assert!(none.series.iter().all(|s| s.points.is_empty()));
        assert_eq!(none.x_range, None);
    }

    /// Five events on small numbers: an exact day, a month with a bound
    /// ("at least 50"), two events on one day, one of them undisclosed, and a
    /// three-day span to the other side.
    const SMALL: &str = r#"{"format_version": 1, "title": "t", "updated": "2025-06-01",
      "sources": [{"id": "s", "outlet": "o", "affiliation": "unknown"}],
      "events": [
        {"id": "a", "title": "a", "date": {"on": "2025-01-10"}, "kind": "prisoner_exchange",
         "figures": [{"id": "f", "received_by": "ukraine", "category": "soldiers",
                      "claims": [{"source": "s", "value": {"exact": 100}}]}]},
        {"id": "b", "title": "b", "date": {"on": "2025-02-01", "precision": "month"}, "kind": "prisoner_exchange",
         "figures": [{"id": "f", "received_by": "ukraine", "category": "prisoners",
                      "claims": [{"source": "s", "value": {"at_least": 50}}]}]},
        {"id": "c", "title": "c", "date": {"on": "2025-03-05"}, "kind": "prisoner_exchange",
         "figures": [{"id": "f", "received_by": "ukraine", "category": "civilians",
                      "claims": [{"source": "s", "value": "not_disclosed"}]}]},
        {"id": "d", "title": "d", "date": {"on": "2025-03-05"}, "kind": "prisoner_exchange",
         "figures": [{"id": "f", "received_by": "ukraine", "category": "prisoners",
                      "claims": [{"source": "s", "value": {"exact": 20}}]}]},
        {"id": "e", "title": "e", "date": {"on": "2025-04-01", "until": "2025-04-03"}, "kind": "remains_repatriation",
         "figures": [{"id": "f", "received_by": "russia", "category": "remains",
                      "claims": [{"source": "s", "value": {"exact": 30}}]}]}
      ]}"#;

    fn small() -> Dataset {
        factsheet_core::load::load_bytes(
            vec![("small.json".into(), SMALL.as_bytes().to_vec())],
            jiff::civil::date(2025, 6, 1),
        )
        .into_result()
        .unwrap_or_else(|e| panic!("{e:#?}"))
        .0
    }

    #[test]
    fn series_of_small_data_hold_the_numbers_worked_out_by_hand() {
        let d = small();
        let data = ChartData::build(&d, &[0, 1, 2, 3, 4]);
        let living = data.series(Side::Ukraine, Group::Living).unwrap();
        // Date, events, drawn, running total, "at least", width in days.
        type Point<'a> = (&'a str, Vec<usize>, u64, u64, bool, f64);
        let got: Vec<Point> = living
            .points
            .iter()
            .map(|p| {
                (
                    p.date_text.as_str(),
                    p.events.clone(),
                    p.point.sum.drawn(),
                    p.point.cumulative,
                    p.point.cumulative_at_least,
                    p.x1 - p.x0,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2025-01-10", vec![0], 100, 100, false, 1.0),
                ("February 2025 (month)", vec![1], 50, 150, true, 28.0),
                ("2025-03-05", vec![2, 3], 20, 170, true, 1.0),
            ]
        );
        // The bound is a lower bound, and stays one once met.
        assert_eq!(living.points[1].point.sum.best, None);
        assert_eq!(living.points[2].point.sum.undisclosed, 1);
        assert_eq!(living.points[2].point.cumulative_text(), "at least 170");
        assert_eq!(living.total(), 170);

        let remains = data.series(Side::Russia, Group::Remains).unwrap();
        assert_eq!(remains.points.len(), 1);
        let span = &remains.points[0];
        assert!(!span.exact());
        assert_eq!(span.x1 - span.x0, 3.0);
        assert_eq!(span.point.cumulative, 30);
        assert!(
            data.series(Side::Ukraine, Group::Remains)
                .unwrap()
                .points
                .is_empty()
        );
        assert!(
            data.series(Side::Russia, Group::Living)
                .unwrap()
                .points
                .is_empty()
        );
    }

    #[test]
    fn filters_narrow_the_small_series_to_the_rows_shown() {
        let d = small();
        // Only the undisclosed figure: a point, but no number to draw.
        let only_c = ChartData::build(&d, &[2]);
        let living = only_c.series(Side::Ukraine, Group::Living).unwrap();
        assert_eq!(living.points.len(), 1);
        assert!(!living.points[0].point.cumulative_known);
        assert_eq!(living.points[0].point.cumulative_text(), "not disclosed");
        assert_eq!(living.total(), 0);
        // Without the bounded month the running total is exact again.
        let exact = ChartData::build(&d, &[0, 3, 4]);
        let living = exact.series(Side::Ukraine, Group::Living).unwrap();
        let cumulative: Vec<(u64, bool)> = living
            .points
            .iter()
            .map(|p| (p.point.cumulative, p.point.cumulative_at_least))
            .collect();
        assert_eq!(cumulative, [(100, false), (120, false)]);
        assert_eq!(
            exact.series(Side::Russia, Group::Remains).unwrap().total(),
            30
        );
        assert_eq!(exact.events, 3);
    }

    #[test]
    fn the_small_series_in_month_bins_are_kept_until_another_size_is_asked() {
        let d = small();
        let data = ChartData::build(&d, &[0, 1, 2, 3, 4]);
        let months = data.binned(BinSize::Month);
        let living = months
            .iter()
            .find(|s| s.side == Side::Ukraine && s.group == Group::Living)
            .unwrap();
        let got: Vec<(&str, String, Vec<usize>, f64)> = living
            .points
            .iter()
            .map(|p| {
                (
                    p.date_text.as_str(),
                    p.point.sum.text(),
                    p.events.clone(),
                    p.x1 - p.x0,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("January 2025", "100".to_string(), vec![0], 31.0),
                ("February 2025", "at least 50".to_string(), vec![1], 28.0),
                (
                    "March 2025",
                    "20 + not disclosed".to_string(),
                    vec![2, 3],
                    31.0
                ),
            ]
        );
        // The three-day span of April 2025 falls in April's bin; it crosses
        // days' edges, so among day bins it stays a span over its days.
        let remains = |size| {
            data.binned(size)
                .iter()
                .find(|s| s.side == Side::Russia && s.group == Group::Remains)
                .map(|s| {
                    (
                        s.points.len(),
                        s.points[0].exact(),
                        s.points[0].date_text.clone(),
                    )
                })
                .unwrap()
        };
        assert_eq!(remains(BinSize::Month), (1, true, "April 2025".to_string()));
        assert_eq!(
            remains(BinSize::Day),
            (
                1,
                false,
                "2025-04-01 – 2025-04-03 (several days)".to_string()
            )
        );
        // The same size asked twice is binned once; a copy of the data bins afresh.
        let again = data.binned(BinSize::Day);
        assert!(Arc::ptr_eq(&again, &data.binned(BinSize::Day)));
        assert!(!Arc::ptr_eq(&again, &data.clone().binned(BinSize::Day)));
    }

    #[test]
    fn vague_dates_say_why() {
        let mut date = EventDate::day(jiff::civil::date(2025, 5, 1));
        assert_eq!(date_text(&date), "2025-05-01");
        date.precision = DatePrecision::Month;
        assert_eq!(date_text(&date), "May 2025 (month)");
    }
}
