//! A date as precise as a report gives it: a day ("2025-06-11"), a month
//! ("2025-06", "in June 2025") or a year ("2025"). Written in JSON as that
//! string; a day is what format 1 wrote, so every format-1 date reads as one.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

use super::DatePrecision;

/// A day, a month or a year. Ordered by its first day, then its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CoarseDate {
    first: Date,
    precision: DatePrecision,
}

impl CoarseDate {
    /// Exactly this day.
    pub fn day(date: Date) -> CoarseDate {
        CoarseDate {
            first: date,
            precision: DatePrecision::Day,
        }
    }

    /// The first day it can mean.
    pub fn first(&self) -> Date {
        self.first
    }

    /// The last day it can mean: the day, the month's last or 31 December.
    pub fn last(&self) -> Date {
        match self.precision {
            DatePrecision::Month => self.first.last_of_month(),
            DatePrecision::Year => self.first.last_of_year(),
            _ => self.first,
        }
    }

    /// [`DatePrecision::Day`], `Month` or `Year`.
    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// Whether it is one whole day.
    pub fn is_day(&self) -> bool {
        self.precision == DatePrecision::Day
    }
}

impl From<Date> for CoarseDate {
    fn from(date: Date) -> CoarseDate {
        CoarseDate::day(date)
    }
}

/// What a coarse date must look like, for messages.
pub const COARSE_DATE_FORMS: &str = "a day written YYYY-MM-DD, a month YYYY-MM or a year YYYY";

impl FromStr for CoarseDate {
    type Err = String;

    fn from_str(s: &str) -> Result<CoarseDate, String> {
        let wrong = || format!("expected {COARSE_DATE_FORMS}, not \"{s}\"");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, digits: usize| {
            (p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<i16>().ok())
                .flatten()
        };
        match parts.as_slice() {
            [_, _, _] => s
                .parse::<Date>()
                .map(CoarseDate::day)
                .map_err(|_| format!("expected a real date written YYYY-MM-DD, not \"{s}\"")),
            [y, m] => {
                let (Some(y), Some(m)) = (number(y, 4), number(m, 2)) else {
                    return Err(wrong());
                };
                let month = i8::try_from(m).map_err(|_| wrong())?;
                Date::new(y, month, 1)
                    .map(|first| CoarseDate {
                        first,
                        precision: DatePrecision::Month,
                    })
                    .map_err(|_| wrong())
            }
            [y] => {
                let y = number(y, 4).ok_or_else(wrong)?;
                Date::new(y, 1, 1)
                    .map(|first| CoarseDate {
                        first,
                        precision: DatePrecision::Year,
                    })
                    .map_err(|_| wrong())
            }
            _ => Err(wrong()),
        }
    }
}

impl fmt::Display for CoarseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            DatePrecision::Month => write!(f, "{}", self.first.strftime("%Y-%m")),
            DatePrecision::Year => write!(f, "{}", self.first.year()),
            _ => write!(f, "{}", self.first),
        }
    }
}

impl serde::Serialize for CoarseDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CoarseDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<CoarseDate, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CoarseDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(COARSE_DATE_FORMS)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CoarseDate, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl schemars::JsonSchema for CoarseDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CoarseDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY).",
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_day_a_month_and_a_year_read_and_write_as_written() {
        for (text, first, last) in [
            ("2025-06-11", date(2025, 6, 11), date(2025, 6, 11)),
            ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
            ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ] {
            let d: CoarseDate = text.parse().unwrap();
            assert_eq!((d.first(), d.last()), (first, last), "{text}");
            assert_eq!(d.to_string(), text);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<CoarseDate>(&json).unwrap(), d);
        }
    }

    #[test]
    fn impossible_or_other_forms_are_refused_with_the_forms_allowed() {
        for bad in [
            "2025-02-30",
            "2025-13",
            "25",
            "May 2025",
            "2025-6",
            "2025-06-11-01",
            "",
        ] {
            let err = bad.parse::<CoarseDate>().unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }
}
