//! The claims of a term, a running total or an estimate, as typed: one row
//! per claim (source, value, status, attributed to, quote), read by the same
//! readers as a claim of a figure. A row's messages are the "claims" field's,
//! each naming the row ("claim 2: …").

use factsheet_core::model::{Claim, ClaimStatus, List, Quantity, Quote, parse_quantity};

use super::drafts::{FieldErrors, optional};

/// The field every row's messages are shown under.
pub const CLAIMS: &str = "claims";

/// One claim as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    pub source: String,
    pub value: String,
    pub status: ClaimStatus,
    pub attributed_to: String,
    /// Kept exactly as typed or pasted.
    pub quote: String,
    /// The claim as it was: its parts, words, notes and the rest are kept.
    pub original: Option<Claim>,
}

impl ClaimRow {
    /// A new claim by `source`.
    pub fn new(source: &str) -> ClaimRow {
        ClaimRow {
            source: source.to_string(),
            value: String::new(),
            status: ClaimStatus::Claimed,
            attributed_to: String::new(),
            quote: String::new(),
            original: None,
        }
    }

    pub fn of(c: &Claim) -> ClaimRow {
        ClaimRow {
            source: c.source.to_string(),
            value: c.value.to_string(),
            status: c.status,
            attributed_to: c.attributed_to.as_deref().unwrap_or("").to_string(),
            quote: c
                .quote
                .as_ref()
                .map(|q| q.as_str().to_string())
                .unwrap_or_default(),
            original: Some(c.clone()),
        }
    }
}

/// The rows of `claims`.
pub fn rows_of(claims: &[Claim]) -> Vec<ClaimRow> {
    claims.iter().map(ClaimRow::of).collect()
}

/// The claims the rows make; a value that cannot be read is previewed as
/// "not disclosed" and its message added to `errors`.
pub fn read_rows(rows: &[ClaimRow], errors: &mut FieldErrors) -> List<Claim> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let n = i + 1;
            let value = parse_quantity(&row.value)
                .map_err(|e| errors.push((CLAIMS, format!("claim {n}: {e}"))))
                .unwrap_or(Quantity::NotDisclosed);
            if row.source.trim().is_empty() {
                errors.push((
                    CLAIMS,
                    format!("claim {n}: choose the source that makes it"),
                ));
            }
            let base = row
                .original
                .clone()
                .unwrap_or_else(|| Claim::new(row.source.trim(), value));
            Claim {
                source: row.source.trim().into(),
                value,
                status: row.status,
                attributed_to: optional(&row.attributed_to),
                // Exactly as typed: a quote is evidence, not text to tidy.
                quote: (!row.quote.trim().is_empty()).then(|| Quote::from(row.quote.as_str())),
                ..base
            }
        })
        .collect()
}

/// `base`, or `base-2`, `base-3`… : the first that `taken` does not refuse.
pub fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|c| !taken(c))
        .unwrap_or_else(|| base.to_string())
}
