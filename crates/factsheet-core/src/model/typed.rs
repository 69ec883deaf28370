//! Values as a person types them in a form or a spreadsheet cell: figures
//! ("1,212", "more than 500", "250–300", "not disclosed") and event dates
//! ("2025-06-11", "about 2025-06-11", "June 2025"). Each parser accepts what
//! the matching `Display` writes, so a value shown and typed back is the same.

use jiff::civil::Date;

use super::{DatePrecision, EventDate, Quantity};

/// What a figure may look like, for messages.
pub const QUANTITY_FORMS: &str = "a number like \"1,212\" or a form like \"about 1,000\", \
     \"at least 500\", \"more than 500\", \"at most 50\", \"fewer than 50\", \"250–300\", \
     \"dozens\" or \"not disclosed\"";

/// What an event date may look like, for messages.
pub const EVENT_DATE_FORMS: &str = "a day like \"2025-06-11\", \"about 2025-06-11\", \
     \"week of 2025-06-09\", a month like \"June 2025\" or \"2025-06\", a year like \"2025\", \
     or two days like \"2025-06-11 – 2025-06-13\"";

/// Vague plural words, read as the least they can mean so that a total built
/// on them never overstates: "dozens" is at least two dozen.
const VAGUE: [(&str, u64); 3] = [("dozens", 24), ("hundreds", 200), ("thousands", 2_000)];

/// A quantity form that takes its one number.
type Form = fn(u64) -> Quantity;

/// Reads a figure as a person types it. Case and surrounding spaces do not
/// matter; thousands may be grouped with commas or spaces.
pub fn parse_quantity(typed: &str) -> Result<Quantity, String> {
    let wrong = || format!("\"{typed}\" is not {QUANTITY_FORMS}");
    let text = typed.trim().to_lowercase();
    let text = text.as_str();
    if text.is_empty() {
        return Err(format!("the figure is empty: expected {QUANTITY_FORMS}"));
    }
    if matches!(text, "not disclosed" | "undisclosed" | "not given") {
        return Ok(Quantity::NotDisclosed);
    }
    if let Some((_, least)) = VAGUE.iter().find(|(word, _)| *word == text) {
        return Ok(Quantity::AtLeast(*least));
    }
    let prefixed: [(&str, Form); 17] = [
        ("about ", Quantity::Approximately),
        ("around ", Quantity::Approximately),
        ("approximately ", Quantity::Approximately),
        ("roughly ", Quantity::Approximately),
        ("some ", Quantity::Approximately),
        ("c. ", Quantity::Approximately),
        ("~", Quantity::Approximately),
        ("at least ", Quantity::AtLeast),
        ("more than ", Quantity::MoreThan),
        ("over ", Quantity::MoreThan),
        (">", Quantity::MoreThan),
        ("at most ", Quantity::AtMost),
        ("up to ", Quantity::AtMost),
        ("no more than ", Quantity::AtMost),
        ("fewer than ", Quantity::FewerThan),
        ("less than ", Quantity::FewerThan),
        ("<", Quantity::FewerThan),
    ];
    for (prefix, form) in prefixed {
        if let Some(rest) = text.strip_prefix(prefix) {
            return number(rest).map(form).ok_or_else(wrong);
        }
    }
    let suffixed: [(&str, Form); 4] = [
        (" or more", Quantity::AtLeast),
        ("+", Quantity::AtLeast),
        (" or fewer", Quantity::AtMost),
        (" or less", Quantity::AtMost),
    ];
    for (suffix, form) in suffixed {
        if let Some(rest) = text.strip_suffix(suffix) {
            return number(rest).map(form).ok_or_else(wrong);
        }
    }
    if let Some((low, high)) = range(text) {
        let (Some(low), Some(high)) = (number(low), number(high)) else {
            return Err(wrong());
        };
        // "between 300 and 300" is a range spelt out on purpose: kept as one,
        // so that every range a file holds reads back as it was.
        let spelt_out = text.starts_with("between ");
        return match low.cmp(&high) {
            std::cmp::Ordering::Less => Ok(Quantity::Range { low, high }),
            std::cmp::Ordering::Equal if spelt_out => Ok(Quantity::Range { low, high }),
            std::cmp::Ordering::Equal => Ok(Quantity::Exact(low)),
            std::cmp::Ordering::Greater => Err(format!(
                "the range \"{typed}\" is upside down: the lower figure comes first"
            )),
        };
    }
    number(text).map(Quantity::Exact).ok_or_else(wrong)
}

/// A figure as a person would type it, and as [`parse_quantity`] reads back
/// to the same value: its `Display` form, or for a range whose two ends are
/// equal (which "300–300" would read as exactly 300) "between 300 and 300".
pub fn quantity_text(quantity: Quantity) -> String {
    match quantity {
        Quantity::Range { low, high } if low == high => {
            format!(
                "between {} and {}",
                super::thousands(low),
                super::thousands(high)
            )
        }
        other => other.to_string(),
    }
}

/// Splits "250–300", "250-300", "250 to 300" or "between 250 and 300".
fn range(text: &str) -> Option<(&str, &str)> {
    if let Some(rest) = text.strip_prefix("between ") {
        return rest.split_once(" and ");
    }
    if let Some(pair) = text.split_once(" to ") {
        return Some(pair);
    }
    text.split_once(['–', '—', '-'])
}

/// A whole number, with digits grouped by three with commas or spaces
/// (including the no-break spaces Ukrainian and Russian texts use), or none.
fn number(text: &str) -> Option<u64> {
    let text = text.trim();
    let groups: Vec<&str> = text
        .split([',', ' ', '\u{a0}', '\u{202f}'])
        .filter(|g| !g.is_empty())
        .collect();
    let (first, rest) = groups.split_first()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped_right = rest.is_empty() || (first.len() <= 3 && rest.iter().all(|g| g.len() == 3));
    if !digits(first) || !rest.iter().all(|g| digits(g)) || !grouped_right {
        return None;
    }
    groups.concat().parse().ok()
}

/// Reads an event date as a person types it, including every form that
/// `EventDate`'s `Display` writes.
pub fn parse_event_date(typed: &str) -> Result<EventDate, String> {
    let wrong = || format!("\"{typed}\" is not {EVENT_DATE_FORMS}");
    let text = typed.trim();
    if text.is_empty() {
        return Err(format!("the date is empty: expected {EVENT_DATE_FORMS}"));
    }
    let span = [" – ", " — ", " to ", " - "]
        .iter()
        .find_map(|sep| text.split_once(sep));
    if let Some((from, until)) = span {
        let mut date = parse_event_date(from)?;
        let until = day(until.trim()).ok_or_else(wrong)?;
        if until < date.on {
            return Err(format!(
                "\"{typed}\" ends before it begins: the first day comes first"
            ));
        }
        date.until = (until != date.on).then_some(until);
        return Ok(date);
    }
    let lower = text.to_lowercase();
    let approximate = ["about ", "c. ", "circa ", "around ", "~"]
        .iter()
        .find_map(|p| lower.strip_prefix(p));
    if let Some(rest) = approximate {
        let on = day(rest.trim()).ok_or_else(wrong)?;
        return Ok(EventDate {
            on,
            until: None,
            precision: DatePrecision::Approximate,
        });
    }
    let of_a_day = [
        ("week of ", DatePrecision::Week),
        ("month of ", DatePrecision::Month),
        ("year of ", DatePrecision::Year),
    ];
    for (prefix, precision) in of_a_day {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let on = day(rest.trim()).ok_or_else(wrong)?;
            return Ok(EventDate {
                on,
                until: None,
                precision,
            });
        }
    }
    if let Some(on) = day(text) {
        return Ok(EventDate::day(on));
    }
    let coarse = |on: Date, precision| EventDate {
        on,
        until: None,
        precision,
    };
    if let Ok(date) = text.parse::<super::CoarseDate>() {
        return Ok(coarse(date.first(), date.precision()));
    }
    if let Ok(month) = Date::strptime("%d %B %Y", format!("1 {text}")) {
        return Ok(coarse(month, DatePrecision::Month));
    }
    if let Ok(month) = Date::strptime("%d %b %Y", format!("1 {text}")) {
        return Ok(coarse(month, DatePrecision::Month));
    }
    Err(wrong())
}

/// An event date as a person would type it, and as [`parse_event_date`]
/// reads back to the same value: its `Display` form where that reads back
/// ("June 2025", "about 2025-06-11"), else the day it was written with and
/// its precision ("month of 2025-06-14": a month given by a day in it).
pub fn event_date_text(date: &EventDate) -> String {
    let shown = date.to_string();
    if parse_event_date(&shown).as_ref() == Ok(date) {
        return shown;
    }
    let on = date.on;
    let mut text = match date.precision {
        DatePrecision::Day => on.to_string(),
        DatePrecision::Approximate => format!("about {on}"),
        DatePrecision::Week => format!("week of {on}"),
        DatePrecision::Month => format!("month of {on}"),
        DatePrecision::Year => format!("year of {on}"),
    };
    if let Some(until) = date.until {
        text.push_str(&format!(" – {until}"));
    }
    text
}

/// A real day written YYYY-MM-DD.
fn day(text: &str) -> Option<Date> {
    let well_formed = text.len() == 10 && text.bytes().filter(|b| *b == b'-').count() == 2;
    well_formed.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn figures_read_in_the_forms_articles_print_them() {
        let cases = [
            ("1,212", Quantity::Exact(1212)),
            ("1212", Quantity::Exact(1212)),
            ("1 212", Quantity::Exact(1212)),
            ("1\u{a0}212", Quantity::Exact(1212)),
            (" 6,000 ", Quantity::Exact(6000)),
            ("about 1,000", Quantity::Approximately(1000)),
            ("Around 90", Quantity::Approximately(90)),
            ("~300", Quantity::Approximately(300)),
            ("at least 500", Quantity::AtLeast(500)),
            ("500 or more", Quantity::AtLeast(500)),
            ("500+", Quantity::AtLeast(500)),
            ("more than 500", Quantity::MoreThan(500)),
            ("over 1,000", Quantity::MoreThan(1000)),
            ("at most 50", Quantity::AtMost(50)),
            ("up to 50", Quantity::AtMost(50)),
            ("fewer than 50", Quantity::FewerThan(50)),
            ("less than 50", Quantity::FewerThan(50)),
            (
                "250–300",
                Quantity::Range {
                    low: 250,
                    high: 300,
                },
            ),
            (
                "250-300",
                Quantity::Range {
                    low: 250,
                    high: 300,
                },
            ),
            (
                "250 to 300",
                Quantity::Range {
                    low: 250,
                    high: 300,
                },
            ),
            (
                "between 1,000 and 1,200",
                Quantity::Range {
                    low: 1000,
                    high: 1200,
                },
            ),
            ("300–300", Quantity::Exact(300)),
            ("not disclosed", Quantity::NotDisclosed),
            ("Undisclosed", Quantity::NotDisclosed),
            ("dozens", Quantity::AtLeast(24)),
            ("hundreds", Quantity::AtLeast(200)),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_quantity(typed), Ok(expected), "{typed}");
        }
    }

    #[test]
    fn what_is_not_a_figure_is_refused_saying_what_is_expected() {
        for typed in [
            "",
            "twelve hundred",
            "more then 500",
            "1,21",
            "12,12,12",
            "1.212",
            "1,2345",
            "-5",
            "about",
            "18446744073709551616",
        ] {
            let message = parse_quantity(typed).expect_err(typed);
            assert!(message.contains("1,212"), "{typed}: {message}");
        }
        let upside_down = parse_quantity("300–250").expect_err("upside down");
        assert!(upside_down.contains("upside down"), "{upside_down}");
    }

    #[test]
    fn every_figure_reads_back_from_how_it_is_shown() {
        for quantity in [
            Quantity::Exact(1_000_000),
            Quantity::Approximately(6000),
            Quantity::AtLeast(1),
            Quantity::MoreThan(500),
            Quantity::AtMost(0),
            Quantity::FewerThan(50),
            Quantity::Range {
                low: 250,
                high: 1_300,
            },
            Quantity::NotDisclosed,
        ] {
            assert_eq!(parse_quantity(&quantity.to_string()), Ok(quantity));
        }
    }

    #[test]
    fn event_dates_read_in_every_precision() {
        let at = |on, precision| EventDate {
            on,
            until: None,
            precision,
        };
        let cases = [
            ("2025-06-11", EventDate::day(date(2025, 6, 11))),
            (
                "about 2025-06-11",
                at(date(2025, 6, 11), DatePrecision::Approximate),
            ),
            (
                "c. 2025-06-11",
                at(date(2025, 6, 11), DatePrecision::Approximate),
            ),
            (
                "week of 2025-06-09",
                at(date(2025, 6, 9), DatePrecision::Week),
            ),
            ("June 2025", at(date(2025, 6, 1), DatePrecision::Month)),
            ("jun 2025", at(date(2025, 6, 1), DatePrecision::Month)),
            ("2025-06", at(date(2025, 6, 1), DatePrecision::Month)),
            ("2025", at(date(2025, 1, 1), DatePrecision::Year)),
            (
                "2025-05-16 – 2025-05-17",
                EventDate {
                    on: date(2025, 5, 16),
                    until: Some(date(2025, 5, 17)),
                    precision: DatePrecision::Day,
                },
            ),
            (
                "2025-05-16 to 2025-05-17",
                EventDate {
                    on: date(2025, 5, 16),
                    until: Some(date(2025, 5, 17)),
                    precision: DatePrecision::Day,
                },
            ),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_event_date(typed), Ok(expected), "{typed}");
        }
    }

    #[test]
    fn a_coarse_date_written_with_a_later_day_reads_back_whole() {
        let may = EventDate {
            on: date(2025, 5, 14),
            until: None,
            precision: DatePrecision::Month,
        };
        assert_eq!(event_date_text(&may), "month of 2025-05-14");
        assert_eq!(parse_event_date("month of 2025-05-14"), Ok(may));
        let year = EventDate {
            on: date(2024, 3, 2),
            until: Some(date(2024, 3, 9)),
            precision: DatePrecision::Year,
        };
        assert_eq!(event_date_text(&year), "year of 2024-03-02 – 2024-03-09");
        assert_eq!(parse_event_date(&event_date_text(&year)), Ok(year));
        let june = EventDate {
            on: date(2025, 6, 1),
            until: None,
            precision: DatePrecision::Month,
        };
        assert_eq!(event_date_text(&june), "June 2025");
    }

    #[test]
    fn a_range_of_one_figure_is_kept_when_spelt_out() {
        let one = Quantity::Range {
            low: 300,
            high: 300,
        };
        assert_eq!(quantity_text(one), "between 300 and 300");
        assert_eq!(parse_quantity("between 300 and 300"), Ok(one));
        assert_eq!(parse_quantity("300–300"), Ok(Quantity::Exact(300)));
        assert_eq!(quantity_text(Quantity::MoreThan(1500)), "more than 1,500");
    }

    #[test]
    fn impossible_or_backwards_dates_are_refused() {
        for typed in ["", "2025-02-30", "11/06/2025", "Juno 2025", "about June"] {
            let message = parse_event_date(typed).expect_err(typed);
            assert!(message.contains("2025-06-11"), "{typed}: {message}");
        }
        let backwards = parse_event_date("2025-06-11 – 2025-06-01").expect_err("backwards");
        assert!(backwards.contains("ends before it begins"), "{backwards}");
    }

    #[test]
    fn every_event_date_reads_back_from_how_it_is_shown() {
        let on = date(2024, 2, 29);
        for precision in [
            DatePrecision::Day,
            DatePrecision::Approximate,
            DatePrecision::Week,
        ] {
            let shown = EventDate {
                on,
                until: None,
                precision,
            };
            assert_eq!(parse_event_date(&shown.to_string()), Ok(shown.clone()));
            let spanned = EventDate {
                until: Some(date(2024, 3, 2)),
                ..shown
            };
            assert_eq!(parse_event_date(&spanned.to_string()), Ok(spanned));
        }
        for (first, precision) in [
            (date(2024, 2, 1), DatePrecision::Month),
            (date(2024, 1, 1), DatePrecision::Year),
        ] {
            let shown = EventDate {
                on: first,
                until: None,
                precision,
            };
            assert_eq!(parse_event_date(&shown.to_string()), Ok(shown));
        }
    }
}
