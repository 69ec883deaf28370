//! Source comparison: what the claims about one figure add up to.
//!
//! From the claims of every source this derives a low / best / high estimate and
//! the number of sources, and classes the figure as agreed, compatible,
//! conflicting, single-source or not disclosed. (First cut: the
//! source-comparison work extends this with non-numeric facts, place-name folding
//! and the source × source matrix.)

use crate::model::{Claim, ClaimStatus, Quantity};

/// What the sources together say a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Estimate {
    /// Lowest value any disclosing claim allows (UCDP's "low").
    pub low: Option<u64>,
    /// The value we report; see [`estimate`] for how it is chosen.
    pub best: Option<u64>,
    /// Highest value any claim allows; `None` when a claim is open-ended ("more than 500").
    pub high: Option<u64>,
    /// Number of distinct sources with a claim on the figure.
    pub sources: usize,
}

/// How the claims of different sources on one figure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consensus {
    /// Every source gives the same exact value.
    Agree,
    /// Values differ in form but can all be true at once ("more than 500" and 503).
    Compatible,
    /// No single value satisfies every claim.
    Conflicting,
    /// Only one source reports the figure.
    SingleSource,
    /// Sources report the transfer but none gives a number.
    NotDisclosed,
}

/// The closed interval of values a quantity allows; `None` as high means unbounded.
pub fn interval(q: Quantity) -> Option<(u64, Option<u64>)> {
    match q {
        Quantity::Exact(n) => Some((n, Some(n))),
        // "About" gives no hard bounds; treat as the value itself for agreement, softly.
        Quantity::Approximately(n) => Some((n, Some(n))),
        Quantity::AtLeast(n) => Some((n, None)),
        Quantity::MoreThan(n) => Some((n.saturating_add(1), None)),
        Quantity::AtMost(n) => Some((0, Some(n))),
        Quantity::FewerThan(n) => Some((0, Some(n.saturating_sub(1)))),
        Quantity::Range { low, high } => Some((low.min(high), Some(low.max(high)))),
        Quantity::NotDisclosed => None,
    }
}

/// Low / best / high and source count for a figure's claims. Denied claims are left out.
///
/// Best: the exact value most sources give (ties: the one with most confirmed claims,
/// then the lower, as ACLED keeps the lowest reported figure); without an exact value,
/// an approximate one; without that, the lowest bound.
pub fn estimate(claims: &[Claim]) -> Estimate {
    let live: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.status != ClaimStatus::Denied)
        .collect();
    let mut sources: Vec<&str> = live.iter().map(|c| c.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let intervals: Vec<(u64, Option<u64>)> =
        live.iter().filter_map(|c| interval(c.value)).collect();
    let low = intervals.iter().map(|(l, _)| *l).min();
    let high = if intervals.is_empty() || intervals.iter().any(|(_, h)| h.is_none()) {
        None
    } else {
        intervals.iter().filter_map(|(_, h)| *h).max()
    };
    let best = most_cited(&live, |q| matches!(q, Quantity::Exact(_)))
        .or_else(|| most_cited(&live, |q| matches!(q, Quantity::Approximately(_))))
        .or(low);
    Estimate {
        low,
        best,
        high,
        sources: sources.len(),
    }
}

fn most_cited(claims: &[&Claim], kind: impl Fn(Quantity) -> bool) -> Option<u64> {
    let mut tally: Vec<(u64, usize, usize)> = Vec::new(); // value, sources, confirmed
    for c in claims.iter().filter(|c| kind(c.value)) {
        let Some((value, _)) = interval(c.value) else {
            continue;
        };
        let confirmed = usize::from(c.status == ClaimStatus::Confirmed);
        match tally.iter_mut().find(|(v, _, _)| *v == value) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += confirmed;
            }
            None => tally.push((value, 1, confirmed)),
        }
    }
    tally.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    tally.first().map(|(v, _, _)| *v)
}

/// Classes the claims of one figure.
pub fn consensus(claims: &[Claim]) -> Consensus {
    let live: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.status != ClaimStatus::Denied)
        .collect();
    let mut sources: Vec<&str> = live.iter().map(|c| c.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let intervals: Vec<(u64, Option<u64>)> =
        live.iter().filter_map(|c| interval(c.value)).collect();
    if intervals.is_empty() {
        return Consensus::NotDisclosed;
    }
    if sources.len() < 2 {
        return Consensus::SingleSource;
    }
    let lo = intervals.iter().map(|(l, _)| *l).max().unwrap_or(0);
    let hi = intervals.iter().filter_map(|(_, h)| *h).min();
    if hi.is_some_and(|hi| lo > hi) {
        return Consensus::Conflicting;
    }
    let all_same_exact = live.iter().all(|c| c.value == live[0].value)
        && matches!(live[0].value, Quantity::Exact(_));
    if all_same_exact {
        Consensus::Agree
    } else {
        Consensus::Compatible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(source: &str, value: Quantity) -> Claim {
        Claim {
            source: source.into(),
            value,
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
        }
    }

    #[test]
    fn over_500_is_compatible_with_503_and_conflicts_with_400() {
        let c = [
            claim("a", Quantity::MoreThan(500)),
            claim("b", Quantity::Exact(503)),
        ];
        assert_eq!(consensus(&c), Consensus::Compatible);
        assert_eq!(
            estimate(&c),
            Estimate {
                low: Some(501),
                best: Some(503),
                high: None,
                sources: 2
            }
        );
        let c = [
            claim("a", Quantity::MoreThan(500)),
            claim("b", Quantity::Exact(400)),
        ];
        assert_eq!(consensus(&c), Consensus::Conflicting);
    }

    #[test]
    fn same_exact_value_agrees() {
        let c = [
            claim("a", Quantity::Exact(1212)),
            claim("b", Quantity::Exact(1212)),
        ];
        assert_eq!(consensus(&c), Consensus::Agree);
        assert_eq!(estimate(&c).best, Some(1212));
        assert_eq!(consensus(&c[..1]), Consensus::SingleSource);
        assert_eq!(
            consensus(&[claim("a", Quantity::NotDisclosed)]),
            Consensus::NotDisclosed
        );
    }
}
