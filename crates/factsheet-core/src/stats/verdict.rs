//! Whether a stated running total can be true of the data, and when the data
//! is too incomplete to say.
//!
//! A fact sheet must never overstate: "consistent" is said only when the data
//! covers the whole scope of the total and every figure in it has a number, so
//! the range the data allows is fully known. "Inconsistent" is said whenever
//! no value the data allows can be true of the claim, however incomplete the
//! data (an undisclosed figure can only add, so a total already exceeded stays
//! exceeded), except when the total reaches back before the data, where the
//! data says nothing about the events missing. Everything else is "cannot
//! tell", with the reason. The words are here so that every export and the app
//! say the same thing.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare;
use crate::model::{Quantity, thousands};

use super::Sum;

/// The verdict on one claim of a running total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", content = "why", rename_all = "snake_case")]
pub enum Verdict {
    /// The claim can be true of the data, and the data's range is fully known.
    Consistent(Fit),
    /// No value the data allows can be true of the claim.
    Inconsistent,
    /// The data cannot settle it.
    CannotTell(Unknown),
}

/// Why a consistent claim is consistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The claim states exactly the one number the data adds up to.
    Exact,
    /// The data leaves a range (sources differ on a figure) and the claim lies in it.
    WithinRange,
    /// The claim's own words allow the data's number ("about 1,000", "at
    /// least 1,000", "between 900 and 1,100").
    WithinClaim,
}

/// Why the data cannot settle a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unknown {
    /// The claim gives no number.
    NoNumber,
    /// The total's scope starts before the earliest event of the data, or has
    /// no start: events before the data may count towards it.
    BeforeData,
    /// Some figure in scope has no number.
    NotDisclosed,
    /// Some figure in scope is only bounded ("more than 500").
    OnlyBounded,
    /// Every figure has a value, but some source leaves one open upwards
    /// ("1,212" by one, "more than 1,200" by another): the data has no most.
    OpenEnded,
    /// The file says it leaves events out (`coverage: partial`): events
    /// missing from it may count towards the total.
    Partial,
}

impl Verdict {
    /// Judges `stated` against the data's sum in scope. `within_data` is false
    /// when the total's scope reaches before the data; `complete` is false when
    /// the file leaves events out.
    pub fn judge(stated: Quantity, computed: &Sum, within_data: bool, complete: bool) -> Verdict {
        let Some(claim) = compare::allowed(stated) else {
            return Verdict::CannotTell(Unknown::NoNumber);
        };
        if !within_data {
            return Verdict::CannotTell(Unknown::BeforeData);
        }
        if !complete {
            // Missing events can only add: a claim below what the file's
            // events already add up to stays wrong; anything else may be right.
            return if claim.high.is_some_and(|hi| hi < computed.low) {
                Verdict::Inconsistent
            } else {
                Verdict::CannotTell(Unknown::Partial)
            };
        }
        let overlaps = claim.high.is_none_or(|hi| computed.low <= hi)
            && computed.high.is_none_or(|high| claim.low <= high);
        if !overlaps {
            return Verdict::Inconsistent;
        }
        if computed.undisclosed > 0 {
            return Verdict::CannotTell(Unknown::NotDisclosed);
        }
        let Some(best) = computed.best.filter(|_| computed.bounded == 0) else {
            return Verdict::CannotTell(Unknown::OnlyBounded);
        };
        let Some(high) = computed.high else {
            return Verdict::CannotTell(Unknown::OpenEnded);
        };
        if computed.low != high {
            Verdict::Consistent(Fit::WithinRange)
        } else if stated == Quantity::Exact(best) {
            Verdict::Consistent(Fit::Exact)
        } else {
            Verdict::Consistent(Fit::WithinClaim)
        }
    }

    /// The verdict in one word or two: "yes", "no", "cannot tell".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Consistent(_) => "yes",
            Verdict::Inconsistent => "no",
            Verdict::CannotTell(_) => "cannot tell",
        }
    }

    /// True for a "yes" or a "no".
    pub fn is_given(self) -> bool {
        !matches!(self, Verdict::CannotTell(_))
    }

    /// Why, in words, when the bare word would not say it: "within the range
    /// the data allows", "reaches before the data: earliest event 2024-03-01".
    /// `earliest` is the earliest event of the data; `stated` the claim.
    pub fn reason(self, stated: Quantity, earliest: Option<Date>) -> Option<String> {
        Some(match self {
            Verdict::Consistent(Fit::Exact) | Verdict::Inconsistent => return None,
            Verdict::Consistent(Fit::WithinRange) => "within the range the data allows".into(),
            Verdict::Consistent(Fit::WithinClaim) => format!("within what \"{stated}\" allows"),
            Verdict::CannotTell(Unknown::NoNumber) => "no number to check".into(),
            Verdict::CannotTell(Unknown::BeforeData) => match earliest {
                Some(d) => format!("reaches before the data: earliest event {d}"),
                None => "reaches before the data: no event in the data".into(),
            },
            Verdict::CannotTell(Unknown::NotDisclosed) => "some figures not disclosed".into(),
            Verdict::CannotTell(Unknown::OnlyBounded) => "some figures only bounded".into(),
            Verdict::CannotTell(Unknown::OpenEnded) => "the data has no upper bound".into(),
            Verdict::CannotTell(Unknown::Partial) => {
                "the file leaves events out: more may count".into()
            }
        })
    }

    /// The verdict with its reason: "yes (within the range the data allows)", "no".
    pub fn text(self, stated: Quantity, earliest: Option<Date>) -> String {
        match self.reason(stated, earliest) {
            Some(r) => format!("{} ({r})", self.label()),
            None => self.label().to_string(),
        }
    }
}

/// A signed difference with thousands separators: "+4,321", "-12", "+0".
pub fn signed_thousands(d: i64) -> String {
    let sign = if d < 0 { '-' } else { '+' };
    format!("{sign}{}", thousands(d.unsigned_abs()))
}

/// The difference between a stated number and the data as it reads: "+4,321",
/// or "-3 to +0" when the data leaves a range.
pub fn difference_text(low: i64, high: i64) -> String {
    if low == high {
        signed_thousands(low)
    } else {
        format!("{} to {}", signed_thousands(low), signed_thousands(high))
    }
}

/// What the data adds up to, as a range, never one end of it: "4,100–4,103",
/// "7,258 or more", "300 + not disclosed (7 events)", "at least 8,001", "not
/// disclosed (7 events)". `undisclosed_events` counts the events in scope with
/// a figure that has no number.
pub fn computed_text(sum: &Sum, undisclosed_events: usize) -> String {
    let known = match (sum.best.filter(|_| sum.bounded == 0), sum.high) {
        (Some(_), Some(high)) if sum.low != high => {
            format!("{}–{}", thousands(sum.low), thousands(high))
        }
        (Some(best), Some(_)) => thousands(best),
        // The high is unknown because some figure has no number: what has
        // one is shown as its best only when its low is the same.
        (Some(best), None) if sum.undisclosed > 0 && sum.low == best => thousands(best),
        (Some(_), None) if sum.undisclosed == 0 => format!("{} or more", thousands(sum.low)),
        _ => format!("at least {}", thousands(sum.low)),
    };
    if sum.undisclosed == 0 {
        return known;
    }
    let events = format!(
        "{} event{}",
        thousands(undisclosed_events as u64),
        if undisclosed_events == 1 { "" } else { "s" }
    );
    if sum.undisclosed >= sum.figures {
        format!("not disclosed ({events})")
    } else {
        format!("{known} + not disclosed ({events})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(low: u64, best: Option<u64>, high: Option<u64>, undisclosed: usize) -> Sum {
        Sum {
            low,
            best,
            high,
            figures: 10,
            undisclosed,
            bounded: 0,
        }
    }

    #[test]
    fn undisclosed_figures_leave_a_matching_total_untold() {
        // 1,100 stated; the events add up to 300 and seven stages were not disclosed.
        let s = sum(300, Some(300), None, 7);
        let v = Verdict::judge(Quantity::Exact(1_100), &s, true, true);
        assert_eq!(v, Verdict::CannotTell(Unknown::NotDisclosed));
        assert_eq!(v.label(), "cannot tell");
        assert_eq!(computed_text(&s, 7), "300 + not disclosed (7 events)");
    }

    #[test]
    fn a_total_the_data_already_exceeds_is_still_no() {
        let s = sum(1_500, Some(1_500), None, 7);
        assert_eq!(
            Verdict::judge(Quantity::Exact(1_100), &s, true, true),
            Verdict::Inconsistent
        );
    }

    #[test]
    fn a_total_beyond_the_most_an_only_bounded_sum_allows_is_no() {
        let mut s = sum(100, None, Some(400), 0);
        s.bounded = 1;
        assert_eq!(
            Verdict::judge(Quantity::Exact(1_100), &s, true, true),
            Verdict::Inconsistent
        );
        assert_eq!(
            Verdict::judge(Quantity::Exact(300), &s, true, true),
            Verdict::CannotTell(Unknown::OnlyBounded)
        );
    }

    #[test]
    fn a_total_reaching_before_the_data_gets_no_verdict() {
        let s = sum(12_000, Some(12_000), Some(12_000), 0);
        let v = Verdict::judge(Quantity::Exact(12_000), &s, false, true);
        assert_eq!(v, Verdict::CannotTell(Unknown::BeforeData));
        // Not even a "no": the events before the data are not in it.
        let v = Verdict::judge(Quantity::Exact(11_000), &s, false, true);
        assert_eq!(v, Verdict::CannotTell(Unknown::BeforeData));
        assert_eq!(
            v.text(Quantity::Exact(11_000), Some(jiff::civil::date(2024, 3, 1))),
            "cannot tell (reaches before the data: earliest event 2024-03-01)"
        );
    }

    #[test]
    fn a_range_reads_whole_and_a_yes_inside_it_says_why() {
        let s = sum(4_100, Some(4_100), Some(4_103), 0);
        assert_eq!(computed_text(&s, 0), "4,100–4,103");
        let v = Verdict::judge(Quantity::Exact(4_102), &s, true, true);
        assert_eq!(v, Verdict::Consistent(Fit::WithinRange));
        assert_eq!(
            v.text(Quantity::Exact(4_102), None),
            "yes (within the range the data allows)"
        );
        assert_eq!(
            Verdict::judge(Quantity::Exact(4_104), &s, true, true),
            Verdict::Inconsistent
        );
    }

    #[test]
    fn only_the_exact_number_is_a_plain_yes() {
        let s = sum(1_003, Some(1_003), Some(1_003), 0);
        let exact = Verdict::judge(Quantity::Exact(1_003), &s, true, true);
        assert_eq!(exact.text(Quantity::Exact(1_003), None), "yes");
        let about = Verdict::judge(Quantity::Approximately(1_000), &s, true, true);
        assert_eq!(
            about.text(Quantity::Approximately(1_000), None),
            "yes (within what \"about 1,000\" allows)"
        );
        assert_eq!(
            Verdict::judge(Quantity::NotDisclosed, &s, true, true),
            Verdict::CannotTell(Unknown::NoNumber)
        );
    }

    #[test]
    fn an_open_ended_figure_leaves_the_total_open() {
        let s = sum(7_258, Some(7_269), None, 0);
        assert_eq!(computed_text(&s, 0), "7,258 or more");
        assert_eq!(
            Verdict::judge(Quantity::Exact(7_269), &s, true, true),
            Verdict::CannotTell(Unknown::OpenEnded)
        );
        assert_eq!(
            Verdict::judge(Quantity::Exact(6_000), &s, true, true),
            Verdict::Inconsistent
        );
        // Undisclosed beside a range: only the lower bound of what has a number.
        let s = sum(4_100, Some(4_101), None, 2);
        assert_eq!(
            computed_text(&s, 2),
            "at least 4,100 + not disclosed (2 events)"
        );
    }

    #[test]
    fn differences_have_thousands_separators() {
        assert_eq!(signed_thousands(4_321), "+4,321");
        assert_eq!(signed_thousands(-4_321), "-4,321");
        assert_eq!(signed_thousands(0), "+0");
        assert_eq!(signed_thousands(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(difference_text(-3, 0), "-3 to +0");
    }

    #[test]
    fn verdicts_serialise_with_their_reason() {
        let json = serde_json::to_string(&Verdict::Consistent(Fit::WithinRange)).unwrap();
        assert_eq!(json, r#"{"verdict":"consistent","why":"within_range"}"#);
        let json = serde_json::to_string(&Verdict::Inconsistent).unwrap();
        assert_eq!(json, r#"{"verdict":"inconsistent"}"#);
        let back: Verdict =
            serde_json::from_str(r#"{"verdict":"cannot_tell","why":"before_data"}"#).unwrap();
        assert_eq!(back, Verdict::CannotTell(Unknown::BeforeData));
    }
}
