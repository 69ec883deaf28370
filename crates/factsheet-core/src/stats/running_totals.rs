//! Running totals: a total a source states across several events, set against
//! the events it covers and the sum of their figures.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Event, Figure, Quantity, TotalCounts, TotalScope};

use super::{Stats, Sum, TotalAcc, TotalsByAgreement, category_covers};
use crate::compare;

/// A stated running total set against the events it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningTotalCheck {
    /// Index of the running total in the dataset.
    pub total: usize,
    pub id: String,
    pub counts: TotalCounts,
    /// The sum of the figures in scope (for [`TotalCounts::Events`], low = best = high = events).
    pub computed: Sum,
    /// Number of events in scope.
    pub events: usize,
    pub claims: Vec<ClaimCheck>,
}

/// One claim of a running total against the computed total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimCheck {
    /// Index of the claim in its running total.
    pub claim: usize,
    pub source: String,
    pub stated: Quantity,
    /// The stated number (or bound) minus the computed best; `None` for a range,
    /// an undisclosed number, or a computed total that is only bounded.
    pub difference: Option<i64>,
    /// Whether the stated value can be true of the computed total (their ranges
    /// overlap); `None` when the claim gives no number.
    pub matches: Option<bool>,
}

/// Whether an event falls in a running total's scope, leaving side and category
/// (which narrow figures) aside. Dates compare the event's `on` day.
pub fn event_in_scope(event: &Event, scope: &TotalScope) -> bool {
    if let Some(a) = &scope.agreement
        && event.agreement.as_deref() != Some(a.as_str())
    {
        return false;
    }
    if scope.kind.is_some_and(|k| k != event.kind) {
        return false;
    }
    if scope.from.is_some_and(|from| event.date.on < from) {
        return false;
    }
    if scope.until.is_some_and(|until| event.date.on > until) {
        return false;
    }
    true
}

/// Whether an event in a running total's scope counts as one of its events
/// ("rounds"), given whether any of its figures is summed: when one is, or when
/// the scope does not narrow by side or category at all.
pub(super) fn counts_as_round(any_figure_in_scope: bool, scope: &TotalScope) -> bool {
    any_figure_in_scope || (scope.received_by.is_none() && scope.category.is_none())
}

/// Whether a running total of `scope` counts `event` as one of its events.
pub(super) fn counts_event(event: &Event, scope: &TotalScope) -> bool {
    event_in_scope(event, scope)
        && counts_as_round(
            event.figures.iter().any(|f| figure_in_scope(f, scope)),
            scope,
        )
}

/// The indices of the events of `dataset` that a running total of `scope`
/// counts (the [`RunningTotalCheck::events`] it is checked against), in order.
pub fn events_counted_by(dataset: &Dataset, scope: &TotalScope) -> Vec<usize> {
    (0..dataset.events.len())
        .filter(|&i| {
            dataset
                .events
                .get(i)
                .is_some_and(|e| counts_event(e, scope))
        })
        .collect()
}

/// [`events_counted_by`] for each of the dataset's running totals, in their
/// order, in one pass over the events: each event is tested only against the
/// totals of its agreement and those scoped to none (a million events and
/// twenty totals would otherwise be twenty passes).
pub fn events_counted_by_each(dataset: &Dataset) -> Vec<Vec<usize>> {
    let totals = &dataset.running_totals;
    let by_agreement = TotalsByAgreement::new(totals);
    let mut counted = vec![Vec::new(); totals.len()];
    for (i, event) in dataset.events.iter().enumerate() {
        for t in by_agreement.candidates(event) {
            if let (Some(total), Some(rows)) = (totals.get(t), counted.get_mut(t))
                && counts_event(event, &total.scope)
            {
                rows.push(i);
            }
        }
    }
    counted
}

/// Whether a figure (of an event in scope) is summed by a running total.
pub fn figure_in_scope(figure: &Figure, scope: &TotalScope) -> bool {
    scope
        .received_by
        .is_none_or(|s| figure.received_by == Some(s))
        && scope
            .category
            .is_none_or(|c| category_covers(c, figure.category))
}

pub(super) fn check_total(index: usize, acc: &TotalAcc<'_>) -> RunningTotalCheck {
    let computed = match acc.total.counts {
        TotalCounts::People => acc.sum,
        TotalCounts::Events => {
            let n = acc.events as u64;
            Sum {
                low: n,
                best: Some(n),
                high: Some(n),
                figures: 0,
                undisclosed: 0,
                bounded: 0,
            }
        }
    };
    let claims = acc
        .total
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let stated_point = match claim.value {
                Quantity::Exact(n)
                | Quantity::Approximately(n)
                | Quantity::AtLeast(n)
                | Quantity::MoreThan(n)
                | Quantity::AtMost(n)
                | Quantity::FewerThan(n) => Some(n),
                Quantity::Range { .. } | Quantity::NotDisclosed => None,
            };
            let difference = stated_point
                .zip(computed.best)
                .map(|(n, best)| signed(n) - signed(best));
            // What the claim can be true of, by the comparison's one rule for
            // "about" (`compare::allowed`), against the computed [low, high].
            let matches = compare::allowed(claim.value).map(|a| {
                a.high.is_none_or(|hi| computed.low <= hi)
                    && computed.high.is_none_or(|chigh| a.low <= chigh)
            });
            ClaimCheck {
                claim: i,
                source: claim.source.to_string(),
                stated: claim.value,
                difference,
                matches,
            }
        })
        .collect();
    RunningTotalCheck {
        total: index,
        id: acc.total.id.to_string(),
        counts: acc.total.counts,
        computed,
        events: acc.events,
        claims,
    }
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Checks every running total of a (merged) dataset against its events and
/// returns a warning for each claim that cannot be true of the data.
/// `origin` maps a running total's id to the file it came from and its index
/// there, so the warning's JSON path `running_totals[i].claims[k]` points into that file.
pub fn running_total_warnings(
    dataset: &Dataset,
    origin: impl Fn(&str) -> Option<(String, usize)>,
) -> Vec<Diagnostic> {
    if dataset.running_totals.is_empty() {
        return Vec::new();
    }
    let stats = Stats::compute_parts(dataset, Some(&[]), false);
    let mut out = Vec::new();
    for check in &stats.running_totals {
        let Some(total) = dataset.running_totals.get(check.total) else {
            continue;
        };
        let (file, index) = origin(&total.id).unwrap_or_default();
        let what = match check.counts {
            TotalCounts::People => "the figures in its scope add up to",
            TotalCounts::Events => "the events in its scope number",
        };
        let c = &check.computed;
        let computed = match (c.best, c.is_range()) {
            (Some(best), true) => format!(
                "{} (between {} and {})",
                crate::model::thousands(best),
                crate::model::thousands(c.low),
                c.high
                    .map_or("no upper bound".to_string(), crate::model::thousands)
            ),
            _ => c.text(),
        };
        for claim in check.claims.iter().filter(|c| c.matches == Some(false)) {
            out.push(
                Diagnostic::warning(
                    file.clone(),
                    format!(
                        "running total \"{}\": source \"{}\" states {}, but {what} {computed}",
                        total.id, claim.source, claim.stated
                    ),
                )
                .at_path(format!("running_totals[{index}].claims[{}]", claim.claim)),
            );
        }
    }
    out
}
