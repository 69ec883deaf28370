//! Running totals by shape. Totals that narrow events and figures the same way
//! (agreement, kind, side, category) differ only in their dates, so they share
//! one sum per day; sorted by day and added up once, those sums give each
//! total its own by two binary searches. Checking a hundred thousand totals
//! then costs what checking one does, plus a search each, where testing every
//! event against every total took minutes.

use foldhash::{HashMap, HashMapExt};
use jiff::civil::Date;

use crate::compare::Estimate;
use crate::model::{Dataset, Event, EventKind, Figure, RunningTotal, TotalScope};

use super::running_totals::{counts_as_round, effective_scope, figure_in_scope};
use super::{Sum, Wholes};

/// How a running total narrows events and figures, its dates left aside.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Shape<'d> {
    agreement: Option<&'d str>,
    kind: Option<EventKind>,
    /// Its scope's side and category, nothing else: which figures it sums.
    figures: TotalScope,
}

impl Shape<'_> {
    /// Whether a figure of an event it takes is summed.
    fn takes_figure(&self, figure: &Figure) -> bool {
        figure_in_scope(figure, &self.figures)
    }

    /// Whether it counts an event it takes, given whether it sums any of its figures.
    fn counts_with(&self, any_figure: bool) -> bool {
        counts_as_round(any_figure, &self.figures)
    }

    /// Whether it counts an event it takes as one of its events.
    fn counts(&self, event: &Event) -> bool {
        self.counts_with(event.figures.iter().any(|f| self.takes_figure(f)))
    }
}

/// The first and the last day a total counts; `None` where its scope is open.
#[derive(Debug, Clone, Copy)]
struct Days {
    from: Option<Date>,
    until: Option<Date>,
}

impl Days {
    fn holds(&self, day: Date) -> bool {
        self.from.is_none_or(|f| day >= f) && self.until.is_none_or(|u| day <= u)
    }

    /// The part of `sorted` (by day) these days hold.
    fn of<T>(&self, sorted: &[T], day: impl Fn(&T) -> Date) -> std::ops::Range<usize> {
        let start = sorted.partition_point(|x| self.from.is_some_and(|f| day(x) < f));
        let end = sorted.partition_point(|x| self.until.is_none_or(|u| day(x) <= u));
        start..end.max(start)
    }
}

/// The dataset's running totals grouped by shape.
pub(super) struct Shapes<'d> {
    shapes: Vec<Shape<'d>>,
    /// Per shape, the days any of its totals counts: events outside are skipped.
    spans: Vec<Days>,
    /// Shapes scoped to an agreement, by its id, and those scoped to none.
    of_agreement: HashMap<&'d str, Vec<usize>>,
    unscoped: Vec<usize>,
    /// Each total's shape and days, in the dataset's order.
    totals: Vec<(usize, Days)>,
}

impl<'d> Shapes<'d> {
    pub(super) fn new(totals: &'d [RunningTotal]) -> Self {
        let mut index: HashMap<Shape<'d>, usize> = HashMap::new();
        let mut out = Shapes {
            shapes: Vec::new(),
            spans: Vec::new(),
            of_agreement: HashMap::new(),
            unscoped: Vec::new(),
            totals: Vec::with_capacity(totals.len()),
        };
        for total in totals {
            let shape = Shape {
                agreement: total.scope.agreement.as_deref(),
                kind: total.scope.kind,
                figures: TotalScope {
                    received_by: total.scope.received_by,
                    category: total.scope.category,
                    ..TotalScope::default()
                },
            };
            let scope = effective_scope(total);
            let days = Days {
                from: scope.from.map(|f| f.first()),
                until: scope.until.map(|u| u.last()),
            };
            let agreement = shape.agreement;
            let s = *index.entry(shape.clone()).or_insert_with(|| {
                let s = out.shapes.len();
                out.shapes.push(shape);
                out.spans.push(days);
                match agreement {
                    Some(a) => out.of_agreement.entry(a).or_default().push(s),
                    None => out.unscoped.push(s),
                }
                s
            });
            if let Some(span) = out.spans.get_mut(s) {
                span.from = span.from.zip(days.from).map(|(a, b)| a.min(b));
                span.until = span.until.zip(days.until).map(|(a, b)| a.max(b));
            }
            out.totals.push((s, days));
        }
        out
    }

    pub(super) fn len(&self) -> usize {
        self.shapes.len()
    }

    /// The shapes that take `event` on some day one of their totals counts.
    pub(super) fn taking<'s>(&'s self, event: &'s Event) -> impl Iterator<Item = usize> + 's {
        event
            .agreement
            .as_deref()
            .and_then(|a| self.of_agreement.get(a))
            .into_iter()
            .flatten()
            .chain(&self.unscoped)
            .copied()
            .filter(move |&s| {
                let kind_fits = self
                    .shapes
                    .get(s)
                    .is_some_and(|shape| shape.kind.is_none_or(|k| k == event.kind));
                kind_fits && self.spans.get(s).is_some_and(|d| d.holds(event.date.on))
            })
    }

    /// Adds an event the shape `s` takes to that shape's sums of its day.
    pub(super) fn add<'e>(
        &self,
        s: usize,
        event: &Event,
        estimates: impl Iterator<Item = &'e Estimate>,
        wholes: &Wholes,
        days: &mut [DaySums],
    ) {
        let (Some(shape), Some(sums)) = (self.shapes.get(s), days.get_mut(s)) else {
            return;
        };
        let day = sums.entry(event.date.on).or_default();
        let mut any = false;
        let mut undisclosed = false;
        for (figure, est) in event.figures.iter().zip(estimates) {
            // A part of a whole the shape also takes is counted through the whole.
            if shape.takes_figure(figure) && wholes.counts(figure, shape.figures.category) {
                day.add(est);
                any = true;
                undisclosed |= est.low.is_none();
            }
        }
        if shape.counts_with(any) {
            day.events += 1;
        }
        day.undisclosed_events += usize::from(undisclosed);
    }

    /// Each total's sum, events and events with a figure not disclosed, in
    /// the dataset's order, from the sums per shape and day.
    pub(super) fn finish(&self, days: Vec<DaySums>) -> Vec<(Sum, usize, usize)> {
        let prefixes: Vec<(Vec<Date>, Vec<Day>)> = days
            .into_iter()
            .map(|sums| {
                let mut sorted: Vec<(Date, Day)> = sums.into_iter().collect();
                sorted.sort_unstable_by_key(|&(d, _)| d);
                let mut running = Day::default();
                let mut prefix = Vec::with_capacity(sorted.len() + 1);
                prefix.push(running);
                for (_, day) in &sorted {
                    running.merge(day);
                    prefix.push(running);
                }
                (sorted.into_iter().map(|(d, _)| d).collect(), prefix)
            })
            .collect();
        self.totals
            .iter()
            .map(|&(s, days)| {
                let Some((dates, prefix)) = prefixes.get(s) else {
                    return (Sum::default(), 0, 0);
                };
                let range = days.of(dates, |d| *d);
                match (prefix.get(range.start), prefix.get(range.end)) {
                    (Some(before), Some(upto)) => upto.minus(before).result(),
                    _ => (Sum::default(), 0, 0),
                }
            })
            .collect()
    }

    /// The events each total counts, in the dataset's order.
    pub(super) fn counted(&self, dataset: &Dataset) -> Vec<Vec<usize>> {
        let mut by_shape: Vec<Vec<(Date, usize)>> = vec![Vec::new(); self.shapes.len()];
        for (i, event) in dataset.events.iter().enumerate() {
            for s in self.taking(event) {
                if let (Some(shape), Some(list)) = (self.shapes.get(s), by_shape.get_mut(s))
                    && shape.counts(event)
                {
                    list.push((event.date.on, i));
                }
            }
        }
        for list in &mut by_shape {
            list.sort_unstable();
        }
        self.totals
            .iter()
            .map(|&(s, days)| {
                let list = by_shape.get(s).map(Vec::as_slice).unwrap_or_default();
                let mut events: Vec<usize> = list
                    .get(days.of(list, |&(d, _)| d))
                    .unwrap_or_default()
                    .iter()
                    .map(|&(_, i)| i)
                    .collect();
                events.sort_unstable();
                events
            })
            .collect()
    }
}

/// One shape's sums, by day.
pub(super) type DaySums = HashMap<Date, Day>;

/// Adds the sums of a later walk's days to an earlier one's.
pub(super) fn append(mine: &mut [DaySums], later: Vec<DaySums>) {
    for (mine, theirs) in mine.iter_mut().zip(later) {
        for (date, day) in theirs {
            mine.entry(date).or_default().merge(&day);
        }
    }
}

/// What the figures a shape takes on one day (or up to one day) add up to.
/// The bounds are added in 128 bits, so a difference of two running sums is
/// exact whatever they hold; a [`Sum`]'s best is gone exactly when some figure
/// is only bounded, its high when some figure has none.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Day {
    low: u128,
    best: u128,
    high: u128,
    no_high: usize,
    figures: usize,
    undisclosed: usize,
    bounded: usize,
    events: usize,
    undisclosed_events: usize,
}

impl Day {
    /// Adds one figure's estimate, as [`Sum::add`] does.
    fn add(&mut self, e: &Estimate) {
        self.figures += 1;
        if e.low.is_none() {
            self.undisclosed += 1;
        } else if e.best.is_none() {
            self.bounded += 1;
        }
        self.low += u128::from(e.low.unwrap_or(0));
        self.best += u128::from(e.best.unwrap_or(0));
        match e.high {
            Some(h) => self.high += u128::from(h),
            None => self.no_high += 1,
        }
    }

    fn merge(&mut self, o: &Day) {
        self.low += o.low;
        self.best += o.best;
        self.high += o.high;
        self.no_high += o.no_high;
        self.figures += o.figures;
        self.undisclosed += o.undisclosed;
        self.bounded += o.bounded;
        self.events += o.events;
        self.undisclosed_events += o.undisclosed_events;
    }

    /// What lies between an earlier running sum and this one.
    fn minus(&self, o: &Day) -> Day {
        Day {
            low: self.low.saturating_sub(o.low),
            best: self.best.saturating_sub(o.best),
            high: self.high.saturating_sub(o.high),
            no_high: self.no_high.saturating_sub(o.no_high),
            figures: self.figures.saturating_sub(o.figures),
            undisclosed: self.undisclosed.saturating_sub(o.undisclosed),
            bounded: self.bounded.saturating_sub(o.bounded),
            events: self.events.saturating_sub(o.events),
            undisclosed_events: self.undisclosed_events.saturating_sub(o.undisclosed_events),
        }
    }

    /// The sum, the events and the events with a figure not disclosed. The
    /// load refuses data whose counts could add up past `u64::MAX`
    /// (`load::sums`), so the bounds fit; a dataset built otherwise gets the
    /// largest number rather than a wrong one.
    fn result(&self) -> (Sum, usize, usize) {
        let fit = |n: u128| u64::try_from(n).unwrap_or(u64::MAX);
        let sum = Sum {
            low: fit(self.low),
            best: (self.bounded == 0).then(|| fit(self.best)),
            high: (self.no_high == 0).then(|| fit(self.high)),
            figures: self.figures,
            undisclosed: self.undisclosed,
            bounded: self.bounded,
        };
        (sum, self.events, self.undisclosed_events)
    }
}
