//! How the fact sheet words its values: numbers, ranges, citations, a claim's
//! status and detail, a figure's subject. Every writer words them the same.

use std::borrow::Cow;

use super::PartRow;
use crate::model::{Category, ClaimStatus, EventDate, Quantity, Side, thousands};

/// How a denial without a number of its own ("the figure is false") reads.
pub const BARE_DENIAL: &str = "no figure: denies the others";

/// How a denial without a number reads when it names the sources it answers
/// (by citation number): "no figure: denies what [2] says".
pub fn bare_denial_text(answers: &[usize]) -> String {
    match answers {
        [] => BARE_DENIAL.to_string(),
        [one] => format!("no figure: denies what [{one}] says"),
        many => {
            let cited: Vec<String> = many.iter().map(|n| format!("[{n}]")).collect();
            format!("no figure: denies what {} say", cited.join(", "))
        }
    }
}

/// Whether a claim denies without giving a number.
pub fn is_bare_denial(value: Quantity, status: ClaimStatus) -> bool {
    value == Quantity::NotDisclosed && status == ClaimStatus::Denied
}

/// [`ClaimRow::value_text`](super::ClaimRow::value_text) from its parts.
pub fn value_text(value: Quantity, status: ClaimStatus) -> String {
    if is_bare_denial(value, status) {
        BARE_DENIAL.to_string()
    } else {
        value.to_string()
    }
}

/// [`ClaimRow::detail`](super::ClaimRow::detail) from its parts, for a claim in any row.
pub fn claim_detail(
    words: Option<&str>,
    parts: &[PartRow<'_>],
    stated_on: Option<&EventDate>,
) -> Option<String> {
    let mut pieces: Vec<String> = Vec::new();
    if let Some(w) = words {
        pieces.push(format!("“{w}”"));
    }
    if !parts.is_empty() {
        pieces.push(
            parts
                .iter()
                .map(|p| match &p.label {
                    Some(label) => format!("{} {} ({label})", p.value, p.category.label()),
                    None => format!("{} {}", p.value, p.category.label()),
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(d) = stated_on {
        pieces.push(format!("stated {d}"));
    }
    (!pieces.is_empty()).then(|| format!(" ({})", pieces.join("; ")))
}

/// [`claim_detail`] of a claim of the model: its words, parts and date, or nothing.
pub fn claim_detail_of(claim: &crate::model::Claim) -> Option<String> {
    let parts: Vec<PartRow<'_>> = claim
        .parts
        .iter()
        .map(|p| PartRow {
            category: p.category,
            label: p.label.as_deref().map(Cow::Borrowed),
            value: p.value,
        })
        .collect();
    claim_detail(claim.words.as_deref(), &parts, claim.stated_on.as_ref())
}

/// "Ukraine", or "both sides, not split" for a figure without a receiving side.
pub fn side_label(side: Option<Side>) -> &'static str {
    side.map_or("both sides, not split", Side::label)
}

/// "remains to Ukraine", with the figure's extra words in brackets.
pub fn figure_subject(side: Option<Side>, category: Category, label: Option<&str>) -> String {
    let side = side.map_or("(both sides, not split)", Side::to_label);
    match label {
        Some(label) if !label.trim().is_empty() => {
            format!("{} {side} ({label})", category.label())
        }
        _ => format!("{} {side}", category.label()),
    }
}

/// "1,212", or "not disclosed" when no source gives a number.
pub fn number_text(n: Option<u64>) -> String {
    n.map_or_else(|| "not disclosed".to_string(), thousands)
}

/// "1,201–1,212" or "1,201 or more" beside a best value when the sources leave
/// a range; `None` when they agree, or when there is no best (the number's own
/// text, "more than 8,000" or "at least 8,001", already says what is known).
pub fn range_text(low: Option<u64>, best: Option<u64>, high: Option<u64>) -> Option<String> {
    let low = low?;
    let best = best?;
    if low == best && high == Some(best) {
        return None;
    }
    Some(match high {
        Some(high) => format!("{}–{}", thousands(low), thousands(high)),
        None => format!("{} or more", thousands(low)),
    })
}

/// "20.2%".
pub fn percent_text(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// "\[1\] \[2\]".
pub fn citations_text(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|n| format!("[{n}]"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a source's claim reads with its status: "1,212 (confirmed)"; plain "claimed" is left unsaid.
pub fn status_note(status: ClaimStatus, attributed_to: Option<&str>) -> String {
    let mut parts = Vec::new();
    if status != ClaimStatus::Claimed {
        parts.push(status.label().to_string());
    }
    if let Some(who) = attributed_to {
        parts.push(format!("according to {who}"));
    }
    parts.join(", ")
}
