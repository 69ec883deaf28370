//! Running totals: a total a source states across several events, set against
//! the events it covers and the sum of their figures.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Event, Figure, Quantity, RunningTotal, TotalCounts, TotalScope};

use super::scopes::Shapes;
use super::verdict::{computed_text, difference_text};
use super::{Stats, Sum, TotalAcc, Verdict, category_covers};

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
    /// How many of them have a figure in scope that no source gives a number for.
    #[serde(default)]
    pub undisclosed_events: usize,
    /// The first day the total's scope can count: its `from`, or the date of
    /// its agreement when later; `None` when the scope has no start.
    #[serde(default)]
    pub scope_start: Option<Date>,
    /// The day of the earliest event of the whole dataset; `None` without events.
    #[serde(default)]
    pub earliest_event: Option<Date>,
    /// The baseline the total declares, added to what the data counts from its day on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineUsed>,
    pub claims: Vec<ClaimCheck>,
}

/// What the data adds up to (`text`), saying what of it a baseline brought in:
/// "12,000, of which 8,000 before 2024-01-01 (baseline)".
pub fn baseline_text(text: String, baseline: Option<&BaselineUsed>) -> String {
    match baseline {
        Some(b) => format!(
            "{text}, of which {} before {} (baseline)",
            b.value, b.before
        ),
        None => text,
    }
}

/// A running total's baseline as its check used it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineUsed {
    /// It counts what came before this day.
    pub before: Date,
    pub value: Quantity,
}

impl RunningTotalCheck {
    /// Whether the scope lies within the data: it starts no earlier than the
    /// earliest event. A total "since 2022" in data that begins in 2024 does
    /// not, nor does a total with no start.
    pub fn within_data(&self) -> bool {
        within_data(self.scope_start, self.earliest_event)
    }

    /// What the data adds up to, as a range: "4,100–4,103", "300 + not disclosed (7 events)".
    pub fn computed_text(&self) -> String {
        baseline_text(
            computed_text(&self.computed, self.undisclosed_events),
            self.baseline.as_ref(),
        )
    }
}

/// The scope a running total's events are counted in: its own, starting no
/// earlier than its baseline's day (what came before is the baseline's).
pub fn effective_scope(total: &RunningTotal) -> std::borrow::Cow<'_, TotalScope> {
    match &total.baseline {
        Some(b) if total.scope.from.is_none_or(|from| from.first() < b.before) => {
            std::borrow::Cow::Owned(TotalScope {
                from: Some(b.before.into()),
                ..total.scope.clone()
            })
        }
        _ => std::borrow::Cow::Borrowed(&total.scope),
    }
}

/// Whether a scope starting on `scope_start` lies within data whose earliest event is on `earliest`.
pub fn within_data(scope_start: Option<Date>, earliest: Option<Date>) -> bool {
    scope_start.zip(earliest).is_some_and(|(s, e)| s >= e)
}

/// A stated number minus what the data adds up to, over the range the data
/// allows: `low` is the stated number minus the data's high, `high` minus its low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub low: i64,
    pub high: i64,
}

impl Difference {
    /// "+4,321", or "-3 to +0" when the data leaves a range.
    pub fn text(&self) -> String {
        difference_text(self.low, self.high)
    }
}

/// One claim of a running total against the computed total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimCheck {
    /// Index of the claim in its running total.
    pub claim: usize,
    pub source: String,
    pub stated: Quantity,
    /// The stated number (or bound) minus the computed total; `None` for a
    /// range, an undisclosed number, data whose range is not fully known, or
    /// a scope reaching before the data.
    pub difference: Option<Difference>,
    /// Whether the stated value can be true of the data, or why the data cannot tell.
    pub verdict: Verdict,
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
    if scope.from.is_some_and(|from| event.date.on < from.first()) {
        return false;
    }
    if scope
        .until
        .is_some_and(|until| event.date.on > until.last())
    {
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
/// order, in one pass over the events: each event is tested against each
/// shape of total (agreement, kind, side, category) that can take it, and
/// each total takes the events of its dates by a binary search.
pub fn events_counted_by_each(dataset: &Dataset) -> Vec<Vec<usize>> {
    Shapes::new(&dataset.running_totals).counted(dataset)
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

/// What the dataset gives a running total's check beyond its sum: the date of
/// the agreement it is scoped to and the earliest event.
pub(super) struct CheckContext<'d> {
    pub dataset: &'d Dataset,
    pub earliest_event: Option<Date>,
}

impl CheckContext<'_> {
    /// Whether the file holds every event of its period.
    fn complete(&self) -> bool {
        self.dataset.coverage == crate::model::Coverage::Complete
    }
}

/// The first day a scope can count: its `from`, or its agreement's date when later
/// (events fulfilling an agreement follow it).
pub fn scope_start(dataset: &Dataset, scope: &TotalScope) -> Option<Date> {
    let agreement = scope.agreement.as_deref().and_then(|id| {
        dataset
            .agreements
            .iter()
            .find(|a| &*a.id == id)
            .map(|a| a.date.on)
    });
    match (scope.from.map(|f| f.first()), agreement) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

pub(super) fn check_total(
    index: usize,
    acc: &TotalAcc<'_>,
    cx: &CheckContext<'_>,
) -> RunningTotalCheck {
    let (computed, undisclosed_events) = match acc.total.counts {
        TotalCounts::People => (acc.sum, acc.undisclosed_events),
        TotalCounts::Events => {
            let n = acc.events as u64;
            let sum = Sum {
                low: n,
                best: Some(n),
                high: Some(n),
                figures: 0,
                undisclosed: 0,
                bounded: 0,
            };
            (sum, 0)
        }
    };
    let baseline = acc.total.baseline.as_ref().map(|b| BaselineUsed {
        before: b.before,
        value: b.value,
    });
    let computed = match &baseline {
        Some(b) => with_baseline(computed, b.value),
        None => computed,
    };
    let scope_start = scope_start(cx.dataset, &acc.scope);
    let within = within_data(scope_start, cx.earliest_event);
    // A difference from part of the data (some figure without a number, or
    // events before the data missing) would be a difference from nothing the
    // total speaks of.
    let known =
        within && computed.undisclosed == 0 && computed.bounded == 0 && computed.best.is_some();
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
                .zip(computed.high.filter(|_| known))
                .map(|(n, high)| Difference {
                    low: signed(n).saturating_sub(signed(high)),
                    high: signed(n).saturating_sub(signed(computed.low)),
                });
            ClaimCheck {
                claim: i,
                source: claim.source.to_string(),
                stated: claim.value,
                difference,
                verdict: Verdict::judge(claim.value, &computed, within, cx.complete()),
            }
        })
        .collect();
    RunningTotalCheck {
        total: index,
        id: acc.total.id.to_string(),
        counts: acc.total.counts,
        computed,
        events: acc.events,
        undisclosed_events,
        scope_start,
        earliest_event: cx.earliest_event,
        baseline,
        claims,
    }
}

/// `sum` with a baseline's count added: its bounds to the sum's, its value to
/// the best where it states one, and a baseline with no number as a figure
/// not disclosed (so no verdict can rest on it).
fn with_baseline(mut sum: Sum, value: Quantity) -> Sum {
    let Some(span) = crate::compare::allowed(value) else {
        sum.figures += 1;
        sum.undisclosed += 1;
        sum.high = None;
        return sum;
    };
    sum.low = sum.low.saturating_add(span.low);
    sum.high = sum.high.zip(span.high).map(|(a, b)| a.saturating_add(b));
    sum.best = match value {
        Quantity::Exact(n) | Quantity::Approximately(n) => sum.best.map(|b| b.saturating_add(n)),
        Quantity::Range { .. } if span.high == Some(span.low) => {
            sum.best.map(|b| b.saturating_add(span.low))
        }
        _ => {
            sum.bounded += 1;
            sum.figures += 1;
            None
        }
    };
    sum
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
        let computed = check.computed_text();
        for claim in check
            .claims
            .iter()
            .filter(|c| c.verdict == Verdict::Inconsistent)
        {
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
