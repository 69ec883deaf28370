//! A sum of figure estimates: low, best and high, and how many figures no source
//! gives a number for.

use serde::{Deserialize, Serialize};

use crate::compare::Estimate;

/// A sum of figure estimates. Written out (JSON), `best` is `null` when no
/// figure has a number, never a made-up 0; read back, it is what the sum holds.
///
/// The load refuses a dataset whose counts could add up past `u64::MAX`
/// ([`crate::load::sums`]), so no sum of loaded data reaches it; the additions
/// here stop at the largest number only for data built in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(from = "SumFields")]
pub struct Sum {
    /// Sum of the figures' lows: always a true lower bound of the total.
    pub low: u64,
    /// Sum of the figures' best values: the number we report. `None` when some
    /// figure is only bounded ("more than 500"): then the total is only known
    /// to be at least `low` (see [`Sum::text`]), and no best is made up.
    pub best: Option<u64>,
    /// Sum of the figures' highs; `None` when some figure is open-ended
    /// ("more than 500") or undisclosed, so the total has no upper bound.
    pub high: Option<u64>,
    /// Number of figures summed.
    pub figures: usize,
    /// How many of them no source gives a number for.
    pub undisclosed: usize,
    /// How many of them the sources only bound, without giving a value.
    #[serde(default)]
    pub bounded: usize,
}

/// [`Sum`] as written out.
#[derive(Deserialize)]
struct SumFields {
    low: u64,
    best: Option<u64>,
    high: Option<u64>,
    figures: usize,
    undisclosed: usize,
    #[serde(default)]
    bounded: usize,
}

impl From<SumFields> for Sum {
    fn from(f: SumFields) -> Sum {
        // A sum of undisclosed figures only is written with no best; it holds
        // the 0 that the figures with a number add up to.
        let nothing_known = f.figures > 0 && f.undisclosed >= f.figures && f.bounded == 0;
        Sum {
            low: f.low,
            best: f.best.or(nothing_known.then_some(0)),
            high: f.high,
            figures: f.figures,
            undisclosed: f.undisclosed,
            bounded: f.bounded,
        }
    }
}

impl Serialize for Sum {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Sum", 6)?;
        out.serialize_field("low", &self.low)?;
        out.serialize_field("best", &self.known_best())?;
        out.serialize_field("high", &self.high)?;
        out.serialize_field("figures", &self.figures)?;
        out.serialize_field("undisclosed", &self.undisclosed)?;
        out.serialize_field("bounded", &self.bounded)?;
        out.end()
    }
}

impl Default for Sum {
    fn default() -> Self {
        Sum {
            low: 0,
            best: Some(0),
            high: Some(0),
            figures: 0,
            undisclosed: 0,
            bounded: 0,
        }
    }
}

impl Sum {
    /// Adds one figure's estimate.
    pub fn add(&mut self, e: &Estimate) {
        self.figures += 1;
        if e.low.is_none() {
            self.undisclosed += 1;
        } else if e.best.is_none() {
            self.bounded += 1;
        }
        self.low = self.low.saturating_add(e.low.unwrap_or(0));
        // An undisclosed figure is reported as such beside the total ("+ not
        // disclosed"); a bounded one leaves the total a lower bound only.
        self.best = match (self.best, e.best, e.low) {
            (Some(a), Some(b), _) => Some(a.saturating_add(b)),
            (Some(a), None, None) => Some(a),
            _ => None,
        };
        self.high = match (self.high, e.high) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }

    /// Adds another sum.
    pub fn merge(&mut self, other: &Sum) {
        self.figures += other.figures;
        self.undisclosed += other.undisclosed;
        self.bounded += other.bounded;
        self.low = self.low.saturating_add(other.low);
        self.best = match (self.best, other.best) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
        self.high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }

    /// The best as a reader may be told it: `None` (rather than 0) when every
    /// figure summed is undisclosed, as well as when some is only bounded.
    pub fn known_best(&self) -> Option<u64> {
        self.best
            .filter(|_| self.figures == 0 || self.undisclosed < self.figures)
    }

    /// The one number a chart can draw: the best, or the lower bound when some
    /// figure is only bounded (the label then says "at least", see [`Sum::text`]).
    pub fn drawn(&self) -> u64 {
        self.best.unwrap_or(self.low)
    }

    /// True when the sources leave a range: low, best and high are not all one number.
    pub fn is_range(&self) -> bool {
        self.best
            .is_none_or(|b| self.low != b || self.high != Some(b))
    }

    /// How the total reads: "1,212"; "at least 8,001" when some figure is only
    /// bounded; "1,212 + not disclosed" when some figure has no number; "not
    /// disclosed" when none has.
    pub fn text(&self) -> String {
        total_text(self.low, self.best, self.figures, self.undisclosed)
    }
}

/// [`Sum::text`] from its parts (the summary keeps them as separate fields).
pub fn total_text(low: u64, best: Option<u64>, figures: usize, undisclosed: usize) -> String {
    use crate::model::thousands;
    let number = match best {
        Some(b) => thousands(b),
        None => format!("at least {}", thousands(low)),
    };
    if undisclosed == 0 {
        number
    } else if undisclosed >= figures {
        "not disclosed".to_string()
    } else {
        format!("{number} + not disclosed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Estimate;

    #[test]
    fn nothing_known_is_written_null_and_read_back_as_held() {
        let mut sum = Sum::default();
        sum.add(&Estimate::default());
        assert_eq!(sum.best, Some(0));
        let json = serde_json::to_value(sum).unwrap();
        assert_eq!(json["best"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<Sum>(json).unwrap(), sum);
        // A sum only bounded keeps its null best when read back.
        let bounded = Sum {
            best: None,
            bounded: 1,
            figures: 1,
            ..Sum::default()
        };
        let json = serde_json::to_value(bounded).unwrap();
        assert_eq!(serde_json::from_value::<Sum>(json).unwrap(), bounded);
    }
}
