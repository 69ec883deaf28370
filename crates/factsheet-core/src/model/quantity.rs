//! How a source states a number, and how firmly: the quantity forms and the
//! claim statuses, with the words they read as.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a source states a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Exactly this many.
    Exact(u64),
    /// About this many ("an estimated 6,000").
    Approximately(u64),
    /// This many or more ("at least 500").
    AtLeast(u64),
    /// Strictly more ("more than 500", "over 500").
    MoreThan(u64),
    /// This many or fewer.
    AtMost(u64),
    /// Strictly fewer.
    FewerThan(u64),
    /// Somewhere between the two, both included.
    Range { low: u64, high: u64 },
    /// The source says there was such a transfer but gives no number.
    NotDisclosed,
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Quantity::Exact(n) => write!(f, "{}", thousands(n)),
            Quantity::Approximately(n) => write!(f, "about {}", thousands(n)),
            Quantity::AtLeast(n) => write!(f, "at least {}", thousands(n)),
            Quantity::MoreThan(n) => write!(f, "more than {}", thousands(n)),
            Quantity::AtMost(n) => write!(f, "at most {}", thousands(n)),
            Quantity::FewerThan(n) => write!(f, "fewer than {}", thousands(n)),
            Quantity::Range { low, high } => write!(f, "{}–{}", thousands(low), thousands(high)),
            Quantity::NotDisclosed => write!(f, "not disclosed"),
        }
    }
}

/// `1212` -> `"1,212"`: figures read the way the articles print them.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// How firmly a claim is made.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Confirmed by a party to the transfer (or by a neutral body present).
    Confirmed,
    /// Stated by one party, not confirmed by the other.
    #[default]
    Claimed,
    /// Reported without confirmation ("according to reports").
    Unconfirmed,
    /// Denied by a party.
    Denied,
}

impl ClaimStatus {
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::Confirmed => "confirmed",
            ClaimStatus::Claimed => "claimed",
            ClaimStatus::Unconfirmed => "unconfirmed",
            ClaimStatus::Denied => "denied",
        }
    }
}
