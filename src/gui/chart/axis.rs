//! The chart's date axis: x is a day number ([`factsheet_core::stats::day_number`]), and
//! the grid marks fall on calendar boundaries (years, quarters, months, weeks,
//! days), each level with its own step so egui_plot draws coarser marks
//! stronger and labels only the levels that have room as the zoom changes.
//!
//! Also the value axis's labels: whole people, with thousands separators.

use std::ops::RangeInclusive;

use egui_plot::{GridInput, GridMark};
use jiff::ToSpan;
use jiff::civil::Date;

use factsheet_core::model::thousands;
use factsheet_core::stats::day_number;

/// The step (in days) each level of marks reports to egui_plot: marks of one
/// level share it, so they are drawn alike; it needs to be right only roughly.
const YEAR: f64 = 365.25;
const QUARTER: f64 = 91.3;
const MONTH: f64 = 30.44;
const WEEK: f64 = 7.0;
const DAY: f64 = 1.0;

/// The most marks one call returns; beyond it the finest level is dropped.
const MAX_MARKS: usize = 2000;

/// The day a day number names, if it is a date jiff can hold.
pub fn date_of(day: i64) -> Option<Date> {
    let epoch = Date::constant(1970, 1, 1);
    let days = i32::try_from(day).ok()?;
    epoch.checked_add(days.days()).ok()
}

/// The day number of the day containing plot coordinate `x`.
pub fn day_at(x: f64) -> Option<Date> {
    if !x.is_finite() {
        return None;
    }
    date_of(x.floor() as i64)
}

/// Grid marks for the visible x range `input.bounds`: every level of calendar
/// marks whose spacing is at least `input.base_step_size` days; a date gets one
/// mark, at the coarsest level it belongs to.
pub fn date_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let min_step = input.base_step_size.max(f64::EPSILON);
    let (Some(first), Some(last)) = (clamped_date(lo.floor()), clamped_date(hi.ceil())) else {
        return Vec::new();
    };
    if first > last {
        return Vec::new();
    }
    let mut marks = Vec::new();

    // Years: every 1, 2, 5, 10, 20, 50... years, the finest that keeps its spacing.
    let mut every = 1i16;
    for k in [1i16, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
        every = k;
        if YEAR * f64::from(k) >= min_step {
            break;
        }
    }
    let year_step = YEAR * f64::from(every);
    let mut year = first.year() - first.year().rem_euclid(every);
    while year <= last.year() {
        if let Ok(d) = Date::new(year, 1, 1) {
            push(&mut marks, d, year_step, lo, hi);
        }
        year = match year.checked_add(every) {
            Some(y) => y,
            None => break,
        };
    }

    let months: Vec<Date> = if MONTH * 3.0 >= min_step {
        month_starts(first, last)
    } else {
        Vec::new()
    };
    if QUARTER >= min_step {
        for d in months
            .iter()
            .filter(|d| d.month() != 1 && (d.month() - 1) % 3 == 0)
        {
            push(&mut marks, *d, QUARTER, lo, hi);
        }
    }
    if MONTH >= min_step {
        for d in months.iter().filter(|d| (d.month() - 1) % 3 != 0) {
            push(&mut marks, *d, MONTH, lo, hi);
        }
    }
    let days = (hi - lo).max(0.0);
    if WEEK >= min_step && days / WEEK < MAX_MARKS as f64 {
        // The 8th, 15th and 22nd of each month: stable from month to month.
        for d in each_day(first, last).filter(|d| matches!(d.day(), 8 | 15 | 22)) {
            push(&mut marks, d, WEEK, lo, hi);
        }
    }
    if DAY >= min_step && days < MAX_MARKS as f64 {
        for d in each_day(first, last).filter(|d| !matches!(d.day(), 1 | 8 | 15 | 22)) {
            push(&mut marks, d, DAY, lo, hi);
        }
    }
    marks
}

fn push(marks: &mut Vec<GridMark>, date: Date, step_size: f64, lo: f64, hi: f64) {
    let value = day_number(date) as f64;
    if value >= lo && value <= hi {
        marks.push(GridMark { value, step_size });
    }
}

/// A plot x coordinate as a date, held inside the years jiff supports.
fn clamped_date(x: f64) -> Option<Date> {
    if !x.is_finite() {
        return None;
    }
    let min = day_number(Date::constant(-9999, 1, 1)) as f64;
    let max = day_number(Date::constant(9999, 12, 31)) as f64;
    date_of(x.clamp(min, max) as i64)
}

/// The first day of every month from `first`'s month to `last`.
fn month_starts(first: Date, last: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = first.first_of_month();
    while d <= last {
        out.push(d);
        match d.checked_add(1.month()) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

fn each_day(first: Date, last: Date) -> impl Iterator<Item = Date> {
    let mut next = Some(first);
    std::iter::from_fn(move || {
        let d = next?;
        if d > last {
            return None;
        }
        next = d.tomorrow().ok();
        Some(d)
    })
}

/// The label of a date mark: "2025" for a year, "Jun" for a month ("Jun 2025"
/// when no new year is in view to say which), "11" for a day.
pub fn date_label(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let Some(date) = day_at(mark.value + 0.5) else {
        return String::new();
    };
    if mark.step_size >= YEAR - 1.0 {
        return date.year().to_string();
    }
    if mark.step_size >= MONTH - 1.0 {
        // Say the year unless a new year's mark in view says it.
        let year_in_view = match (day_at(*range.start()), day_at(*range.end())) {
            (Some(a), Some(b)) => a.year() != b.year() || (a.month() == 1 && a.day() == 1),
            _ => false,
        };
        return if year_in_view {
            date.strftime("%b").to_string()
        } else {
            date.strftime("%b %Y").to_string()
        };
    }
    date.day().to_string()
}

/// The label of a value mark: whole numbers with separators; none for fractions
/// (there is no half a person) or below zero.
pub fn value_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let v = mark.value;
    if v < 0.0 || (v - v.round()).abs() > 1e-6 {
        return String::new();
    }
    thousands(v.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn x(d: Date) -> f64 {
        day_number(d) as f64
    }

    fn marks(first: Date, last: Date, base_step: f64) -> Vec<GridMark> {
        date_marks(GridInput {
            bounds: (x(first), x(last)),
            base_step_size: base_step,
        })
    }

    fn dates_at(marks: &[GridMark], step: f64) -> Vec<Date> {
        marks
            .iter()
            .filter(|m| m.step_size == step)
            .filter_map(|m| day_at(m.value))
            .collect()
    }

    #[test]
    fn a_year_zoomed_out_has_year_quarter_and_month_marks_but_no_days() {
        let m = marks(date(2024, 12, 15), date(2026, 1, 15), 10.0);
        assert_eq!(dates_at(&m, YEAR), vec![date(2025, 1, 1), date(2026, 1, 1)]);
        assert_eq!(
            dates_at(&m, QUARTER),
            vec![date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
        );
        assert_eq!(dates_at(&m, MONTH).len(), 8);
        assert!(dates_at(&m, WEEK).is_empty());
        assert!(dates_at(&m, DAY).is_empty());
    }

    #[test]
    fn each_date_gets_one_mark_at_its_coarsest_level() {
        let m = marks(date(2024, 11, 20), date(2025, 2, 10), 0.5);
        let mut values: Vec<i64> = m.iter().map(|m| m.value as i64).collect();
        let n = values.len();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), n, "no date marked twice");
        let jan1 = m.iter().find(|m| m.value == x(date(2025, 1, 1))).unwrap();
        assert_eq!(jan1.step_size, YEAR);
        let dec1 = m.iter().find(|m| m.value == x(date(2024, 12, 1))).unwrap();
        assert_eq!(dec1.step_size, MONTH);
        let dec15 = m.iter().find(|m| m.value == x(date(2024, 12, 15))).unwrap();
        assert_eq!(dec15.step_size, WEEK);
        let dec16 = m.iter().find(|m| m.value == x(date(2024, 12, 16))).unwrap();
        assert_eq!(dec16.step_size, DAY);
    }

    #[test]
    fn zooming_in_adds_finer_levels() {
        let wide = marks(date(2025, 1, 1), date(2025, 12, 31), 10.0);
        let narrow = marks(date(2025, 6, 1), date(2025, 6, 30), 0.3);
        assert!(dates_at(&wide, DAY).is_empty());
        assert!(dates_at(&wide, WEEK).is_empty());
        assert_eq!(
            dates_at(&narrow, WEEK),
            vec![date(2025, 6, 8), date(2025, 6, 15), date(2025, 6, 22)]
        );
        assert!(dates_at(&narrow, DAY).contains(&date(2025, 6, 11)));
    }

    #[test]
    fn decades_zoomed_out_thin_the_years() {
        let m = marks(date(1990, 1, 1), date(2030, 1, 1), 2000.0);
        let years: Vec<i16> = m
            .iter()
            .filter_map(|m| day_at(m.value))
            .map(|d| d.year())
            .collect();
        assert_eq!(years, vec![1990, 2000, 2010, 2020, 2030]);
        assert!(m.iter().all(|m| m.step_size >= YEAR * 10.0));
    }

    #[test]
    fn far_out_bounds_do_not_panic_or_flood() {
        let m = date_marks(GridInput {
            bounds: (-1e12, 1e12),
            base_step_size: 1e9,
        });
        assert!(m.len() < MAX_MARKS);
        assert!(
            date_marks(GridInput {
                bounds: (f64::NAN, 3.0),
                base_step_size: 1.0
            })
            .is_empty()
        );
    }

    #[test]
    fn labels_name_the_level() {
        let year_range = x(date(2024, 12, 1))..=x(date(2025, 12, 1));
        let june_range = x(date(2025, 6, 1))..=x(date(2025, 6, 30));
        let mark = |d: Date, step_size: f64| GridMark {
            value: x(d),
            step_size,
        };
        assert_eq!(
            date_label(mark(date(2025, 1, 1), YEAR), &year_range),
            "2025"
        );
        assert_eq!(
            date_label(mark(date(2025, 6, 1), MONTH), &year_range),
            "Jun"
        );
        assert_eq!(
            date_label(mark(date(2025, 6, 1), MONTH), &june_range),
            "Jun 2025"
        );
        assert_eq!(date_label(mark(date(2025, 6, 11), DAY), &june_range), "11");
    }

    #[test]
    fn value_labels_are_whole_people() {
        let r = 0.0..=10.0;
        let mark = |value: f64| GridMark {
            value,
            step_size: 1.0,
        };
        assert_eq!(value_label(mark(6000.0), &r), "6,000");
        assert_eq!(value_label(mark(2.5), &r), "");
        assert_eq!(value_label(mark(-100.0), &r), "");
    }
}
