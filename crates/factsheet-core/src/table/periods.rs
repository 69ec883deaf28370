//! Years and months as filters: how many events each would show, and the
//! date range that picks one.
//!
//! A period is a shortcut for the date filter (its first and last day as
//! "from" and "until"), so it keeps the date filter's meaning: an event is in a
//! period when it may fall in it (a date range or a vague date that overlaps
//! it). The counts use the same test, and every other filter on at the time,
//! so the number beside "June 2025" is the number of rows that choosing it
//! shows.

use jiff::civil::Date;

use super::Table;
use super::filter::Filters;

/// A calendar year or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i16),
    /// Year and month (1–12).
    Month(i16, i8),
}

impl Period {
    /// The first and last day of the period (`None` for a month out of range).
    pub fn bounds(self) -> Option<(Date, Date)> {
        match self {
            Period::Year(y) => {
                let first = Date::new(y, 1, 1).ok()?;
                Some((first, first.last_of_year()))
            }
            Period::Month(y, m) => {
                let first = Date::new(y, m, 1).ok()?;
                Some((first, first.last_of_month()))
            }
        }
    }

    /// "2025", "June 2025".
    pub fn label(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Month(y, m) => Date::new(y, m, 1)
                .map(|d| d.strftime("%B %Y").to_string())
                .unwrap_or_else(|_| format!("{y}-{m:02}")),
        }
    }

    /// The period a date filter picks exactly (first day to last day), if any.
    pub fn of_range(from: Option<Date>, until: Option<Date>) -> Option<Period> {
        let (from, until) = (from?, until?);
        [
            Period::Month(from.year(), from.month()),
            Period::Year(from.year()),
        ]
        .into_iter()
        .find(|p| p.bounds() == Some((from, until)))
    }
}

/// Rows per year and per month, each in ascending order; periods with none are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodCounts {
    pub years: Vec<(i16, usize)>,
    pub months: Vec<((i16, i8), usize)>,
}

impl PeriodCounts {
    /// The list a period choice shows: each year, then its months, in order,
    /// with their counts; and `chosen` (and a chosen month's year), with a
    /// count of 0, where it belongs when no row falls in it (a period kept from
    /// another file, or emptied by the other filters), so the choice on screen
    /// is always in the list.
    pub fn listed(&self, chosen: Option<Period>) -> Vec<(Period, usize)> {
        let mut rows = Vec::with_capacity(self.years.len() + self.months.len() + 1);
        let mut months = self.months.iter().peekable();
        for &(year, n) in &self.years {
            rows.push((Period::Year(year), n));
            while let Some(&((y, m), n)) = months.next_if(|((y, _), _)| *y <= year) {
                if y == year {
                    rows.push((Period::Month(y, m), n));
                }
            }
        }
        // A chosen month comes under its year, listed too if need be.
        let year = match chosen {
            Some(Period::Month(y, _)) => Some(Period::Year(y)),
            _ => None,
        };
        for p in year.into_iter().chain(chosen) {
            if let Err(at) = rows.binary_search_by_key(&list_order(p), |&(q, _)| list_order(q)) {
                rows.insert(at, (p, 0));
            }
        }
        rows
    }

    /// The months of `year` that have rows.
    pub fn months_of(&self, year: i16) -> impl Iterator<Item = (i8, usize)> + '_ {
        self.months
            .iter()
            .filter(move |((y, _), _)| *y == year)
            .map(|((_, m), n)| (*m, *n))
    }
}

/// Where a period comes in the list: a year, then its months.
fn list_order(p: Period) -> (i16, i8) {
    match p {
        Period::Year(y) => (y, 0),
        Period::Month(y, m) => (y, m),
    }
}

/// A month as a number that counts up by one a month.
fn month_number(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

fn month_of(n: i32) -> Option<(i16, i8)> {
    let year = i16::try_from(n.div_euclid(12)).ok()?;
    let month = i8::try_from(n.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

impl Table {
    /// How many rows each year and month would show with `filters`, their
    /// date range set to that period (the rest of the filters as they are).
    pub fn period_counts(&self, filters: &Filters) -> PeriodCounts {
        let undated = Filters {
            from: None,
            until: None,
            ..filters.clone()
        };
        let keep = self.kept(&undated);
        let kept = || {
            self.rows.iter().enumerate().filter_map(|(i, row)| {
                let kept = keep
                    .as_ref()
                    .is_none_or(|k| k.get(i).copied().unwrap_or(false));
                kept.then_some((month_number(row.first_day), month_number(row.last_day)))
            })
        };
        let Some(base) = kept().map(|(first, _)| first).min() else {
            return PeriodCounts::default();
        };
        let top = kept().map(|(_, last)| last).max().unwrap_or(base);
        // Dates run from year -9999 to 9999: at most 240,000 months.
        let span = usize::try_from(top - base + 1).unwrap_or(0);
        // Each row adds one at its first month and takes it back after its last
        // (then a running sum): a row spanning centuries costs what a day does.
        let mut months = vec![0i64; span + 1];
        let mut years = vec![0i64; span / 12 + 3];
        let base_year = base.div_euclid(12);
        let mark = |counts: &mut Vec<i64>, from: i32, to: i32| {
            let at = |n: i32| usize::try_from(n).ok();
            if let (Some(a), Some(b)) = (at(from), at(to + 1)) {
                if let Some(c) = counts.get_mut(a) {
                    *c += 1;
                }
                if let Some(c) = counts.get_mut(b) {
                    *c -= 1;
                }
            }
        };
        for (first, last) in kept() {
            let last = last.max(first);
            mark(&mut months, first - base, last - base);
            // Once per year it overlaps, though it spans several of its months.
            mark(
                &mut years,
                first.div_euclid(12) - base_year,
                last.div_euclid(12) - base_year,
            );
        }
        let running = |counts: Vec<i64>| -> Vec<usize> {
            counts
                .into_iter()
                .scan(0i64, |sum, d| {
                    *sum += d;
                    Some(usize::try_from(*sum).unwrap_or(0))
                })
                .collect()
        };
        let (months, years) = (running(months), running(years));
        PeriodCounts {
            years: years
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(i, &n)| {
                    let y = base_year + i32::try_from(i).ok()?;
                    Some((i16::try_from(y).ok()?, n))
                })
                .collect(),
            months: months
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(i, &n)| Some((month_of(base + i32::try_from(i).ok()?)?, n)))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, DatePrecision, EventDate, EventKind};
    use crate::table::Sort;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn table(dates: &[EventDate], kinds: &[EventKind]) -> Table {
        let mut dataset: Dataset =
            serde_json::from_str(r#"{"format_version": 1, "title": "t"}"#).unwrap();
        for (i, (d, k)) in dates.iter().zip(kinds).enumerate() {
            let event = serde_json::json!({
                "id": format!("e{i}"), "title": "x", "date": d, "kind": k,
            });
            dataset.events.push(serde_json::from_value(event).unwrap());
        }
        let comparer = crate::compare::Comparer::new(&dataset);
        let compared = comparer.dataset(&dataset);
        Table::build(&dataset, &comparer, &compared)
    }

    fn day(s: &str) -> EventDate {
        EventDate::day(date(s))
    }

    #[test]
    fn the_list_keeps_the_chosen_period_in_its_place_even_with_no_rows() {
        let counts = PeriodCounts {
            years: vec![(2024, 3), (2025, 2)],
            months: vec![((2024, 6), 3), ((2025, 6), 2)],
        };
        let listed = [
            (Period::Year(2024), 3),
            (Period::Month(2024, 6), 3),
            (Period::Year(2025), 2),
            (Period::Month(2025, 6), 2),
        ];
        assert_eq!(counts.listed(None), listed);
        assert_eq!(counts.listed(Some(Period::Month(2024, 6))), listed);
        let with = |p: Period, at: usize| {
            let mut rows = listed.to_vec();
            rows.insert(at, (p, 0));
            rows
        };
        for (p, at) in [
            (Period::Year(2023), 0),
            (Period::Month(2024, 1), 1),
            (Period::Month(2024, 7), 2),
            (Period::Month(2025, 1), 3),
            (Period::Month(2025, 12), 4),
            (Period::Year(2026), 4),
        ] {
            assert_eq!(counts.listed(Some(p)), with(p, at), "{p:?}");
        }
        assert_eq!(
            PeriodCounts::default().listed(Some(Period::Year(2025))),
            [(Period::Year(2025), 0)]
        );
        // A month of a year with no rows comes with its year.
        let mut rows = listed.to_vec();
        rows.splice(0..0, [(Period::Year(2023), 0), (Period::Month(2023, 5), 0)]);
        assert_eq!(counts.listed(Some(Period::Month(2023, 5))), rows);
    }

    #[test]
    fn each_count_is_what_choosing_the_period_shows() {
        let dates = [
            day("2024-12-31"),
            day("2025-01-15"),
            // A span over the new year, and a whole month, and a whole year.
            EventDate {
                on: date("2024-12-30"),
                until: Some(date("2025-01-02")),
                precision: DatePrecision::Day,
            },
            EventDate {
                on: date("2025-06-01"),
                until: None,
                precision: DatePrecision::Month,
            },
            EventDate {
                on: date("2023-01-01"),
                until: None,
                precision: DatePrecision::Year,
            },
            day("2025-06-11"),
        ];
        let kinds = [
            EventKind::PrisonerExchange,
            EventKind::RemainsRepatriation,
            EventKind::PrisonerExchange,
            EventKind::RemainsRepatriation,
            EventKind::Other,
            EventKind::RemainsRepatriation,
        ];
        let table = table(&dates, &kinds);
        for filters in [
            Filters::default(),
            Filters {
                kind: Some(EventKind::RemainsRepatriation),
                // The date filter on at the time is replaced, not combined.
                from: Some(date("2025-06-05")),
                ..Filters::default()
            },
        ] {
            let counts = table.period_counts(&filters);
            let periods = counts
                .years
                .iter()
                .map(|&(y, n)| (Period::Year(y), n))
                .chain(
                    counts
                        .months
                        .iter()
                        .map(|&((y, m), n)| (Period::Month(y, m), n)),
                );
            let mut seen = 0;
            for (period, n) in periods {
                let (from, until) = period.bounds().unwrap();
                let chosen = Filters {
                    from: Some(from),
                    until: Some(until),
                    ..filters.clone()
                };
                let shown = table.view(&chosen, Sort::default()).len();
                assert_eq!(n, shown, "{} with {filters:?}", period.label());
                assert!(n > 0);
                seen += 1;
            }
            assert!(seen >= 3);
        }
        let all = table.period_counts(&Filters::default());
        assert_eq!(all.years, vec![(2023, 1), (2024, 2), (2025, 4)]);
        let months_2025: Vec<_> = all.months_of(2025).collect();
        assert_eq!(months_2025, vec![(1, 2), (6, 2)]);
        assert_eq!(
            all.months_of(2023).count(),
            12,
            "a whole year is in each of its months"
        );
        let remains = table.period_counts(&Filters {
            kind: Some(EventKind::RemainsRepatriation),
            ..Filters::default()
        });
        assert_eq!(remains.years, vec![(2025, 3)]);
    }

    #[test]
    fn an_event_spanning_millennia_is_counted_once_in_each_of_its_periods() {
        let long = EventDate {
            on: date("0001-01-01"),
            until: Some(date("9999-12-31")),
            precision: DatePrecision::Day,
        };
        let table = table(
            &[long, day("2025-06-11")],
            &[EventKind::Other, EventKind::Other],
        );
        let counts = table.period_counts(&Filters::default());
        assert_eq!(counts.years.len(), 9999);
        assert_eq!(counts.years.first(), Some(&(1, 1)));
        assert_eq!(
            counts.years.iter().find(|(y, _)| *y == 2025),
            Some(&(2025, 2))
        );
        assert_eq!(counts.months.len(), 9999 * 12);
        assert_eq!(counts.months_of(2025).find(|(m, _)| *m == 6), Some((6, 2)));
        assert_eq!(counts.months_of(2025).find(|(m, _)| *m == 7), Some((7, 1)));
    }

    #[test]
    fn nothing_to_count_gives_no_periods() {
        let table = table(&[day("2025-01-01")], &[EventKind::Other]);
        let none = Filters {
            kind: Some(EventKind::PrisonerExchange),
            ..Filters::default()
        };
        assert_eq!(table.period_counts(&none), PeriodCounts::default());
        assert_eq!(
            Table::default().period_counts(&Filters::default()),
            PeriodCounts::default()
        );
    }

    #[test]
    fn a_date_filter_names_its_period_only_when_it_is_one_exactly() {
        let june = Period::Month(2025, 6);
        let (from, until) = june.bounds().unwrap();
        assert_eq!((from, until), (date("2025-06-01"), date("2025-06-30")));
        assert_eq!(Period::of_range(Some(from), Some(until)), Some(june));
        let year = Period::Year(2024).bounds().unwrap();
        assert_eq!(year, (date("2024-01-01"), date("2024-12-31")));
        assert_eq!(
            Period::of_range(Some(year.0), Some(year.1)),
            Some(Period::Year(2024))
        );
        assert_eq!(Period::of_range(Some(from), Some(date("2025-06-29"))), None);
        assert_eq!(Period::of_range(Some(from), None), None);
        assert_eq!(june.label(), "June 2025");
        assert_eq!(Period::Year(2024).label(), "2024");
        assert_eq!(Period::Month(2025, 13).bounds(), None);
    }
}
