//! Numbers and figures as the summary words them ("1,212", "more than 8,000",
//! "1,201–1,212"), as `Display` values that the writers format straight into
//! their output: a million rows must not mean a million small Strings.
//!
//! Each mirrors a String-returning function used elsewhere (named on each
//! type); the tests below keep the two in step.

use std::fmt::{self, Display, Formatter};

use crate::compare::numeric::Tie;
use crate::model::{ClaimStatus, Quantity};

/// `1212` as "1,212" ([`crate::model::thousands`]).
#[derive(Debug, Clone, Copy)]
pub struct Thousands(pub u64);

impl Display for Thousands {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Filled from the end: u64::MAX has 20 digits and 6 separators.
        let mut buf = [0u8; 26];
        let mut at = buf.len();
        let mut n = self.0;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                at -= 1;
                if let Some(b) = buf.get_mut(at) {
                    *b = b',';
                }
            }
            at -= 1;
            if let Some(b) = buf.get_mut(at) {
                *b = b'0' + (n % 10) as u8;
            }
            digits += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        // Only ASCII digits and commas were written.
        f.write_str(std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default())
    }
}

/// A source's quantity in words ([`Quantity`]'s own `Display`): "about 1,000".
#[derive(Debug, Clone, Copy)]
pub struct QuantityText(pub Quantity);

impl Display for QuantityText {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Quantity::Exact(n) => Thousands(n).fmt(f),
            Quantity::Approximately(n) => write!(f, "about {}", Thousands(n)),
            Quantity::AtLeast(n) => write!(f, "at least {}", Thousands(n)),
            Quantity::MoreThan(n) => write!(f, "more than {}", Thousands(n)),
            Quantity::AtMost(n) => write!(f, "at most {}", Thousands(n)),
            Quantity::FewerThan(n) => write!(f, "fewer than {}", Thousands(n)),
            Quantity::Range { low, high } => {
                write!(f, "{}–{}", Thousands(low), Thousands(high))
            }
            Quantity::NotDisclosed => f.write_str("not disclosed"),
        }
    }
}

/// A figure's estimate as it reads ([`crate::compare::numeric::estimate_text`]):
/// "1,212", "more than 8,000", "not disclosed".
#[derive(Debug, Clone, Copy)]
pub struct EstimateText {
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
    pub bound: Option<Quantity>,
    pub tie: Option<Tie>,
}

impl Display for EstimateText {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match (self.best, self.bound, self.low) {
            (Some(b), _, _) => match self.tie {
                Some(t) => f.write_str(&t.text(b)),
                None => Thousands(b).fmt(f),
            },
            (None, Some(q), _) => QuantityText(q).fmt(f),
            (None, None, Some(l)) => match self.high {
                Some(h) if h == l => Thousands(l).fmt(f),
                Some(h) => write!(f, "{}–{}", Thousands(l), Thousands(h)),
                None => write!(f, "{} or more", Thousands(l)),
            },
            (None, None, None) => f.write_str("not disclosed"),
        }
    }
}

/// The range beside a best value ([`super::summary::range_text`]): "1,201–1,212",
/// "1,201 or more"; nothing when the sources agree or there is no best.
#[derive(Debug, Clone, Copy)]
pub struct RangeText {
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
}

impl Display for RangeText {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (Some(low), Some(best)) = (self.low, self.best) else {
            return Ok(());
        };
        if low == best && self.high == Some(best) {
            return Ok(());
        }
        match self.high {
            Some(high) => write!(f, "{}–{}", Thousands(low), Thousands(high)),
            None => write!(f, "{} or more", Thousands(low)),
        }
    }
}

/// Index of the first byte of `bytes` for which `flag` holds. Bytes are
/// tested 32 at a time with no branch per byte, so the compiler compares them in
/// vector registers: most texts have no byte to find.
pub(crate) fn find_byte(bytes: &[u8], flag: impl Fn(u8) -> bool) -> Option<usize> {
    let mut start = 0;
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | flag(b)) {
            return chunk.iter().position(|&b| flag(b)).map(|i| start + i);
        }
        start += 32;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| flag(b))
        .map(|i| start + i)
}

/// Whether `s` has a character that `exact` says needs escaping, found through
/// the bytes `maybe` flags: ASCII specials and controls are single bytes; a
/// flagged lead byte (0xC2 of the C1 controls, 0xE2 of the line separators)
/// sends only that character to `exact`.
pub(crate) fn any_char(s: &str, maybe: impl Fn(u8) -> bool, exact: impl Fn(char) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes.get(from..).and_then(|rest| find_byte(rest, &maybe)) {
        let at = from + i;
        match s.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if exact(c) => return true,
            Some(c) => from = at + c.len_utf8(),
            // A flagged byte inside a character cannot happen for lead bytes;
            // should it, the text is escaped to be safe.
            None => return true,
        }
    }
    false
}

/// The status part of [`super::summary::status_note`] that needs no escaping
/// ("confirmed", or nothing for plain "claimed"), and whether a note follows at all.
pub fn status_word(status: ClaimStatus) -> Option<&'static str> {
    (status != ClaimStatus::Claimed).then(|| status.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::numeric::estimate_text;
    use crate::export::summary::range_text;
    use crate::model::thousands;

    const NUMBERS: [u64; 12] = [
        0,
        1,
        12,
        999,
        1_000,
        1_212,
        99_999,
        100_000,
        1_234_567,
        10_000_000,
        u64::MAX - 1,
        u64::MAX,
    ];

    #[test]
    fn thousands_match_the_model() {
        for n in NUMBERS {
            assert_eq!(Thousands(n).to_string(), thousands(n));
        }
    }

    fn quantities() -> Vec<Quantity> {
        let mut q = vec![Quantity::NotDisclosed];
        for n in NUMBERS {
            q.extend([
                Quantity::Exact(n),
                Quantity::Approximately(n),
                Quantity::AtLeast(n),
                Quantity::MoreThan(n),
                Quantity::AtMost(n),
                Quantity::FewerThan(n),
                Quantity::Range {
                    low: n / 2,
                    high: n,
                },
            ]);
        }
        q
    }

    #[test]
    fn quantities_read_as_the_model_words_them() {
        for q in quantities() {
            assert_eq!(QuantityText(q).to_string(), q.to_string());
        }
    }

    #[test]
    fn estimates_and_ranges_read_as_the_string_functions() {
        let values = [None, Some(0), Some(27), Some(1_200), Some(1_212)];
        let bounds: Vec<Option<Quantity>> = std::iter::once(None)
            .chain(quantities().into_iter().take(9).map(Some))
            .collect();
        for low in values {
            for best in values {
                for high in values {
                    let range = RangeText { low, best, high }.to_string();
                    assert_eq!(range, range_text(low, best, high).unwrap_or_default());
                    let ties = [
                        None,
                        Some(Tie {
                            values: 2,
                            highest: 1_300,
                        }),
                    ];
                    for (bound, tie) in bounds.iter().flat_map(|b| ties.map(|t| (b, t))) {
                        let e = EstimateText {
                            low,
                            best,
                            high,
                            bound: *bound,
                            tie,
                        };
                        assert_eq!(
                            e.to_string(),
                            estimate_text(low, best, high, *bound, tie, false)
                        );
                    }
                }
            }
        }
    }
}
