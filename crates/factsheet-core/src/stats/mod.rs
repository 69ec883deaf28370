//! Statistics over a dataset: totals per receiving side and category, the time
//! series the chart draws, agreement progress and running-total checks.
//!
//! Every number here is a sum of per-figure estimates from [`crate::compare::estimate`],
//! so the low / best / high of a total is the sum of its figures' lows, bests and
//! highs; a total with a figure the sources only bound has no best, only "at
//! least" its low. Everything is computed in one pass over the events, once when the data
//! or the filter changes; the chart's series are pre-aggregated per date so a
//! million events give a few thousand points.

mod agreements;
mod bins;
#[cfg(test)]
mod running_total_tests;
mod running_totals;
mod scopes;
mod series;
mod sum;
#[cfg(test)]
mod tests;
mod verdict;
mod wholes;

pub use agreements::{
    AgreementProgress, NoShare, Share, TermProgress, delivers_in_time, delivers_on, term_takes,
};
pub use bins::{Bin, BinSize, Binned, bin_points};
pub use running_totals::{
    BaselineUsed, ClaimCheck, Difference, RunningTotalCheck, baseline_text, effective_scope,
    event_in_scope, events_counted_by, events_counted_by_each, figure_in_scope,
    running_total_warnings, scope_start, within_data,
};
use running_totals::{CheckContext, check_total};
pub use series::{Group, Series, SeriesPoint, day_number, point_label};
pub use sum::{Sum, total_text};
pub use verdict::{Fit, Unknown, Verdict, computed_text, difference_text, signed_thousands};
pub use wholes::Wholes;

// foldhash: the series buckets and agreement lookups run once per figure of every event.
use foldhash::{HashMap, HashMapExt};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare;
use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::places::PlaceTable;
use crate::model::{Agreement, Category, Dataset, Link, RunningTotal, Side};

/// Total of one receiving side and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub side: Side,
    pub category: Category,
    #[serde(flatten)]
    pub sum: Sum,
}

/// Everything [`Stats::compute`] derives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Number of events counted (those selected).
    pub events: usize,
    /// First and last day the selected events can fall on.
    pub date_range: Option<(Date, Date)>,
    /// Totals per receiving side and category, sides and categories in their
    /// declaration order; pairs with no figure are left out.
    pub totals: Vec<Total>,
    /// Totals per side and group (all living categories together, remains).
    pub group_totals: Vec<(Side, Group, Sum)>,
    /// Totals per category of figures that give one number for a whole swap
    /// without saying who received it: in neither side's total.
    pub unsplit: Vec<(Category, Sum)>,
    /// Chart series per side and group, in the order of [`Side::ALL`] × [`Group::ALL`];
    /// a series with no figure has no points.
    pub series: Vec<Series>,
    /// Progress of every agreement's terms (always over the whole dataset).
    pub agreements: Vec<AgreementProgress>,
    /// Every running total checked (always over the whole dataset).
    pub running_totals: Vec<RunningTotalCheck>,
    /// Figures of the selected events that sources dispute
    /// ([`compare::is_disputed`]) and that only one source reports.
    pub disputed_figures: usize,
    pub single_source_figures: usize,
    /// Facts of the selected events that sources answer differently.
    pub disputed_facts: usize,
}

/// True when a commitment or scope of `wanted` category is met by a figure of
/// `category`: a "prisoners" term counts every living category, since reports that
/// split soldiers and civilians still deliver prisoners.
pub fn category_covers(wanted: Category, category: Category) -> bool {
    wanted == category || (wanted == Category::Prisoners && category.is_living())
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Ukraine => 0,
        Side::Russia => 1,
    }
}

fn category_index(category: Category) -> usize {
    match category {
        Category::Prisoners => 0,
        Category::Soldiers => 1,
        Category::Civilians => 2,
        Category::Wounded => 3,
        Category::Under25 => 4,
        Category::Remains => 5,
    }
}

fn group_index(group: Group) -> usize {
    match group {
        Group::Living => 0,
        Group::Remains => 1,
    }
}

/// Series bucket: side, group, then the date as the chart places it.
type BucketKey = (usize, usize, Date, Date, Date, bool);

#[derive(Default)]
struct Bucket {
    events: usize,
    sum: Sum,
}

/// Agreement terms, looked up by agreement id while walking events.
struct TermAcc<'d> {
    agreement: &'d Agreement,
    /// Per term: what undisputed events delivered, and how many delivered.
    delivered: Vec<(Sum, usize)>,
    /// Per term: the same for events whose link to the agreement is disputed.
    disputed: Vec<(Sum, usize)>,
}

/// A running total while walking events.
struct TotalAcc<'d> {
    total: &'d RunningTotal,
    /// Where its events are counted: its scope, from its baseline's day on.
    scope: std::borrow::Cow<'d, crate::model::TotalScope>,
    sum: Sum,
    events: usize,
    /// Events with a figure in scope that no source gives a number for.
    undisclosed_events: usize,
}

/// What every part of a walk over the events reads.
struct WalkContext<'d, 's> {
    dataset: &'d Dataset,
    /// Which events are selected (by index); `None` for all.
    selected: Option<&'s [bool]>,
    /// The running totals by shape.
    shapes: scopes::Shapes<'d>,
    /// Place spellings, for comparing the answers to a fact.
    places: PlaceTable,
    /// Relaying sources' origins: figures are compared by origin.
    origins: compare::Origins,
}

/// What a walk over some of the events adds up; two walks over two parts
/// of the events append into one, as if one walk had gone over both.
struct Walk<'d> {
    totals: [[Sum; 6]; 2],
    seen: [[bool; 6]; 2],
    /// Per side and group: each event's figures once, a whole's parts left out.
    groups: [[Sum; 2]; 2],
    groups_seen: [[bool; 2]; 2],
    unsplit: [Sum; 6],
    unsplit_seen: [bool; 6],
    buckets: HashMap<BucketKey, Bucket>,
    events: usize,
    date_range: Option<(Date, Date)>,
    terms: HashMap<&'d str, TermAcc<'d>>,
    /// Per shape of running total, what the figures it takes add up to each day.
    running: Vec<scopes::DaySums>,
    disputed_figures: usize,
    single_source_figures: usize,
    disputed_facts: usize,
    /// Buffers reused from fact to fact.
    facts: FactScratch,
}

impl<'d> Walk<'d> {
    fn new(dataset: &'d Dataset, agreements: bool, shapes: usize) -> Self {
        let terms = dataset
            .agreements
            .iter()
            .filter(|_| agreements)
            .map(|a| {
                (
                    a.id.as_str(),
                    TermAcc {
                        agreement: a,
                        delivered: vec![(Sum::default(), 0); a.terms.len()],
                        disputed: vec![(Sum::default(), 0); a.terms.len()],
                    },
                )
            })
            .collect();
        let running = (0..shapes).map(|_| scopes::DaySums::new()).collect();
        Walk {
            totals: [[Sum::default(); 6]; 2],
            seen: [[false; 6]; 2],
            groups: [[Sum::default(); 2]; 2],
            groups_seen: [[false; 2]; 2],
            unsplit: [Sum::default(); 6],
            unsplit_seen: [false; 6],
            buckets: HashMap::new(),
            events: 0,
            date_range: None,
            terms,
            running,
            disputed_figures: 0,
            single_source_figures: 0,
            disputed_facts: 0,
            facts: FactScratch::default(),
        }
    }

    /// Adds the events at `range` (indices into the dataset's events).
    fn events(&mut self, cx: &WalkContext<'d, '_>, range: std::ops::Range<usize>) {
        let mut outcomes: Vec<compare::Outcome> = Vec::new();
        let mut in_shapes: Vec<usize> = Vec::new();
        let first_index = range.start;
        let Some(events) = cx.dataset.events.get(range) else {
            return;
        };
        for (index, event) in (first_index..).zip(events) {
            let is_selected = cx
                .selected
                .is_none_or(|m| m.get(index).copied().unwrap_or(false));
            // The agreements this event may deliver on, from its first day.
            let mut links = event.agreement_links();
            links.retain(|(id, _)| {
                self.terms
                    .get(*id)
                    .is_some_and(|t| delivers_in_time(t.agreement, event))
            });
            let (first, last) = event.date.bounds();
            let linked_since = !links.is_empty();
            in_shapes.clear();
            in_shapes.extend(cx.shapes.taking(event));
            if !is_selected && !linked_since && in_shapes.is_empty() {
                continue;
            }

            let wholes = Wholes::of(event);
            // Each figure's estimate is computed once and shared by every use below.
            outcomes.clear();
            outcomes.extend(event.figures.iter().map(|f| cx.origins.analyse(&f.claims)));
            let estimates = || outcomes.iter().map(|o| &o.estimate);

            if is_selected {
                self.events += 1;
                for (figure, o) in event.figures.iter().zip(&outcomes) {
                    if compare::is_disputed(o.class, &figure.claims) {
                        self.disputed_figures += 1;
                    } else if o.class == compare::Consensus::SingleSource {
                        self.single_source_figures += 1;
                    }
                }
                for fact in &event.facts {
                    if fact_outcome(&cx.places, fact, &mut self.facts)
                        .class
                        .is_conflict()
                    {
                        self.disputed_facts += 1;
                    }
                }
                self.date_range = Some(match self.date_range {
                    None => (first, last),
                    Some((a, b)) => (a.min(first), b.max(last)),
                });
                let exact = event.date.is_exact_day();
                let mut touched = [[false; 2]; 2];
                for (figure, est) in event.figures.iter().zip(estimates()) {
                    // A figure for a whole swap, not split by side, belongs to neither side's total.
                    let Some(side) = figure.received_by else {
                        let c = category_index(figure.category);
                        self.unsplit[c].add(est);
                        self.unsplit_seen[c] = true;
                        continue;
                    };
                    let (s, c) = (side_index(side), category_index(figure.category));
                    self.totals[s][c].add(est);
                    self.seen[s][c] = true;
                    let g = group_index(Group::of(figure.category));
                    if wholes.is_part(figure) {
                        continue;
                    }
                    self.groups[s][g].add(est);
                    self.groups_seen[s][g] = true;
                    let bucket = self
                        .buckets
                        .entry((s, g, event.date.on, first, last, exact))
                        .or_default();
                    bucket.sum.add(est);
                    if !touched[s][g] {
                        touched[s][g] = true;
                        bucket.events += 1;
                    }
                }
            }

            for &(id, link) in &links {
                let Some(acc) = self.terms.get_mut(id) else {
                    continue;
                };
                let into = match link {
                    Link::Undisputed => &mut acc.delivered,
                    Link::Disputed => &mut acc.disputed,
                };
                for (term, (sum, count)) in acc.agreement.terms.iter().zip(into) {
                    let mut delivered_any = false;
                    for (figure, est) in event.figures.iter().zip(estimates()) {
                        if term_takes(term, figure) && wholes.counts(figure, Some(term.category)) {
                            sum.add(est);
                            delivered_any = true;
                        }
                    }
                    *count += usize::from(delivered_any);
                }
            }

            for &s in &in_shapes {
                cx.shapes
                    .add(s, event, estimates(), &wholes, &mut self.running);
            }
        }
    }

    /// Adds what a walk over later events added up.
    fn append(&mut self, later: Walk<'d>) {
        for (mine, theirs) in self.totals.iter_mut().zip(&later.totals) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.merge(b);
            }
        }
        for (mine, theirs) in self.seen.iter_mut().zip(&later.seen) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a |= b;
            }
        }
        for (mine, theirs) in self.groups.iter_mut().zip(&later.groups) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.merge(b);
            }
        }
        for (mine, theirs) in self.groups_seen.iter_mut().zip(&later.groups_seen) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a |= b;
            }
        }
        for (a, b) in self.unsplit.iter_mut().zip(&later.unsplit) {
            a.merge(b);
        }
        for (a, b) in self.unsplit_seen.iter_mut().zip(&later.unsplit_seen) {
            *a |= b;
        }
        for (key, bucket) in later.buckets {
            let mine = self.buckets.entry(key).or_default();
            mine.events += bucket.events;
            mine.sum.merge(&bucket.sum);
        }
        self.events += later.events;
        self.date_range = match (self.date_range, later.date_range) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (mine, theirs) => mine.or(theirs),
        };
        for (id, theirs) in later.terms {
            if let Some(mine) = self.terms.get_mut(id) {
                let pairs = mine
                    .delivered
                    .iter_mut()
                    .zip(&theirs.delivered)
                    .chain(mine.disputed.iter_mut().zip(&theirs.disputed));
                for ((sum, count), (s, c)) in pairs {
                    sum.merge(s);
                    *count += c;
                }
            }
        }
        scopes::append(&mut self.running, later.running);
        self.disputed_figures += later.disputed_figures;
        self.single_source_figures += later.single_source_figures;
        self.disputed_facts += later.disputed_facts;
    }
}

impl Stats {
    /// Computes everything over the whole dataset.
    pub fn of(dataset: &Dataset) -> Stats {
        Stats::compute(dataset, None)
    }

    /// Computes totals and series over the events at `selection` (indices into
    /// `dataset.events`, e.g. the rows a filter keeps; `None` for all), and
    /// agreement progress and running totals over every event, in one pass.
    /// Indices out of range are ignored.
    pub fn compute(dataset: &Dataset, selection: Option<&[usize]>) -> Stats {
        Stats::compute_parts(dataset, selection, true)
    }

    /// Agreement progress and running totals over every event, without the
    /// totals and series of any selection: what the Agreements tab shows,
    /// which no filter changes.
    pub fn compute_tracking(dataset: &Dataset) -> Stats {
        Stats::compute_parts(dataset, Some(&[]), true)
    }

    /// [`Stats::compute`], leaving agreement progress out when `agreements` is false
    /// (the load-time check of running totals needs only those).
    fn compute_parts(dataset: &Dataset, selection: Option<&[usize]>, agreements: bool) -> Stats {
        Stats::compute_on(dataset, selection, agreements, crate::parallel::SPLIT_FROM)
    }

    /// [`Stats::compute_parts`], the events walked on two threads from `parallel_from` events.
    fn compute_on(
        dataset: &Dataset,
        selection: Option<&[usize]>,
        agreements: bool,
        parallel_from: usize,
    ) -> Stats {
        let selected: Option<Vec<bool>> = selection.map(|sel| {
            let mut mask = vec![false; dataset.events.len()];
            for &i in sel {
                if let Some(m) = mask.get_mut(i) {
                    *m = true;
                }
            }
            mask
        });
        let context = WalkContext {
            dataset,
            selected: selected.as_deref(),
            shapes: scopes::Shapes::new(&dataset.running_totals),
            places: PlaceTable::with(&dataset.place_names),
            origins: compare::Origins::of(dataset),
        };
        let events = dataset.events.len();
        let mut parts = crate::parallel::in_halves(
            "factsheet-stats",
            events,
            crate::parallel::Size::events(events).split_from(parallel_from),
            |range| {
                let mut walk = Walk::new(dataset, agreements, context.shapes.len());
                walk.events(&context, range);
                walk
            },
        )
        .into_iter();
        let mut walk = parts
            .next()
            .unwrap_or_else(|| Walk::new(dataset, agreements, context.shapes.len()));
        for later in parts {
            walk.append(later);
        }
        let Walk {
            totals,
            seen,
            groups,
            groups_seen,
            unsplit,
            unsplit_seen,
            buckets,
            events,
            date_range,
            terms,
            running,
            disputed_figures,
            single_source_figures,
            disputed_facts,
            facts: _,
        } = walk;
        let mut out_totals = Vec::new();
        let mut group_totals = Vec::new();
        for side in Side::ALL {
            let s = side_index(side);
            for category in Category::ALL {
                let c = category_index(category);
                if seen[s][c] {
                    out_totals.push(Total {
                        side,
                        category,
                        sum: totals[s][c],
                    });
                }
            }
            for group in Group::ALL {
                let g = group_index(group);
                if groups_seen[s][g] {
                    group_totals.push((side, group, groups[s][g]));
                }
            }
        }

        let unsplit = Category::ALL
            .iter()
            .filter(|&&c| unsplit_seen[category_index(c)])
            .map(|&c| (c, unsplit[category_index(c)]))
            .collect();

        let mut series: Vec<Series> = Side::ALL
            .iter()
            .flat_map(|&side| {
                Group::ALL.iter().map(move |&group| Series {
                    side,
                    group,
                    points: Vec::new(),
                })
            })
            .collect();
        for ((s, g, on, first, last, exact), bucket) in buckets {
            if let Some(series) = series.get_mut(s * 2 + g) {
                series.points.push(SeriesPoint {
                    date: on,
                    first,
                    last,
                    exact,
                    events: bucket.events,
                    sum: bucket.sum,
                    cumulative: 0,
                    cumulative_at_least: false,
                    cumulative_known: false,
                });
            }
        }
        for s in &mut series {
            s.points
                .sort_by_key(|p| (p.date, p.first, p.last, !p.exact));
            let mut running_sum = 0u64;
            let mut at_least = false;
            let mut known = false;
            for p in &mut s.points {
                running_sum = running_sum.saturating_add(p.sum.drawn());
                at_least |= p.sum.best.is_none();
                known |= p.sum.undisclosed < p.sum.figures;
                p.cumulative = running_sum;
                p.cumulative_at_least = at_least;
                p.cumulative_known = known;
            }
        }

        let agreements = dataset
            .agreements
            .iter()
            .enumerate()
            .filter(|_| agreements)
            .map(|(index, a)| {
                let acc = terms.get(a.id.as_str());
                let delivered = acc.map(|t| &t.delivered);
                let disputed = acc.map(|t| &t.disputed);
                AgreementProgress {
                    agreement: index,
                    id: a.id.to_string(),
                    terms: a
                        .terms
                        .iter()
                        .enumerate()
                        .map(|(i, term)| {
                            let target = compare::estimate(&term.claims);
                            let (delivered, events) = delivered
                                .and_then(|d| d.get(i))
                                .copied()
                                .unwrap_or_default();
                            let (disputed, disputed_events) =
                                disputed.and_then(|d| d.get(i)).copied().unwrap_or_default();
                            TermProgress {
                                term: i,
                                id: term.id.to_string(),
                                received_by: term.received_by,
                                category: term.category,
                                target,
                                delivered,
                                events,
                                disputed,
                                disputed_events,
                            }
                        })
                        .collect(),
                }
            })
            .collect();

        // Over every event, not only those selected: whether a total reaches
        // before the data does not depend on what is on screen.
        let check_context = CheckContext {
            dataset,
            earliest_event: if dataset.running_totals.is_empty() {
                None
            } else {
                dataset.events.iter().map(|e| e.date.on).min()
            },
        };
        let running_totals = dataset
            .running_totals
            .iter()
            .zip(context.shapes.finish(running))
            .enumerate()
            .map(|(index, (total, (sum, events, undisclosed_events)))| {
                let acc = TotalAcc {
                    total,
                    scope: effective_scope(total),
                    sum,
                    events,
                    undisclosed_events,
                };
                check_total(index, &acc, &check_context)
            })
            .collect();

        Stats {
            events,
            date_range,
            totals: out_totals,
            group_totals,
            unsplit,
            series,
            agreements,
            running_totals,
            disputed_figures,
            single_source_figures,
            disputed_facts,
        }
    }

    /// The total for one side and category, if any figure has them.
    pub fn total(&self, side: Side, category: Category) -> Option<&Sum> {
        self.totals
            .iter()
            .find(|t| t.side == side && t.category == category)
            .map(|t| &t.sum)
    }

    /// The series of one side and group.
    pub fn series(&self, side: Side, group: Group) -> Option<&Series> {
        self.series
            .iter()
            .find(|s| s.side == side && s.group == group)
    }
}
