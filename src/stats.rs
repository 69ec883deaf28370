//! Statistics over a dataset: totals per receiving side and category, the time
//! series the chart draws, agreement progress and running-total checks.
//!
//! Every number here is a sum of per-figure estimates from [`crate::compare::estimate`],
//! so the low / best / high of a total is the sum of its figures' lows, bests and
//! highs; a total with a figure the sources only bound has no best, only "at
//! least" its low. Everything is computed in one pass over the events, once when the data
//! or the filter changes; the chart's series are pre-aggregated per date so a
//! million events give a few thousand points.

// foldhash: the series buckets and agreement lookups run once per figure of every event.
use foldhash::{HashMap, HashMapExt};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::places::PlaceTable;
use crate::compare::{self, Estimate};
use crate::load::Diagnostic;
use crate::model::{
    Agreement, Category, Dataset, Event, Figure, Quantity, RunningTotal, Side, Term, TotalCounts,
    TotalScope,
};

/// A sum of figure estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sum {
    /// Sum of the figures' lows: always a true lower bound of the total.
    pub low: u64,
    /// Sum of the figures' best values: the number we report. `None` when some
    /// figure is only bounded ("more than 500"): then the total is only known
    /// to be at least `low` (see [`Sum::text`]), and no best is made up.
    pub best: Option<u64>,
    /// Sum of the figures' highs; `None` when some figure is open-ended
    /// ("more than 500") or undisclosed, so the total has no upper bound.
    pub high: Option<u64>,
    /// Number of figures summed.
    pub figures: usize,
    /// How many of them no source gives a number for.
    pub undisclosed: usize,
    /// How many of them the sources only bound, without giving a value.
    #[serde(default)]
    pub bounded: usize,
}

impl Default for Sum {
    fn default() -> Self {
        Sum {
            low: 0,
            best: Some(0),
            high: Some(0),
            figures: 0,
            undisclosed: 0,
            bounded: 0,
        }
    }
}

impl Sum {
    /// Adds one figure's estimate.
    pub fn add(&mut self, e: &Estimate) {
        self.figures += 1;
        if e.low.is_none() {
            self.undisclosed += 1;
        } else if e.best.is_none() {
            self.bounded += 1;
        }
        self.low = self.low.saturating_add(e.low.unwrap_or(0));
        // An undisclosed figure is reported as such beside the total ("+ not
        // disclosed"); a bounded one leaves the total a lower bound only.
        self.best = match (self.best, e.best, e.low) {
            (Some(a), Some(b), _) => Some(a.saturating_add(b)),
            (Some(a), None, None) => Some(a),
            _ => None,
        };
        self.high = match (self.high, e.high) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }

    /// Adds another sum.
    pub fn merge(&mut self, other: &Sum) {
        self.figures += other.figures;
        self.undisclosed += other.undisclosed;
        self.bounded += other.bounded;
        self.low = self.low.saturating_add(other.low);
        self.best = match (self.best, other.best) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
        self.high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }

    /// The one number a chart can draw: the best, or the lower bound when some
    /// figure is only bounded (the label then says "at least", see [`Sum::text`]).
    pub fn drawn(&self) -> u64 {
        self.best.unwrap_or(self.low)
    }

    /// True when the sources leave a range: low, best and high are not all one number.
    pub fn is_range(&self) -> bool {
        self.best
            .is_none_or(|b| self.low != b || self.high != Some(b))
    }

    /// How the total reads: "1,212"; "at least 8,001" when some figure is only
    /// bounded; "1,212 + not disclosed" when some figure has no number; "not
    /// disclosed" when none has.
    pub fn text(&self) -> String {
        total_text(self.low, self.best, self.figures, self.undisclosed)
    }
}

/// [`Sum::text`] from its parts (the summary keeps them as separate fields).
pub fn total_text(low: u64, best: Option<u64>, figures: usize, undisclosed: usize) -> String {
    use crate::model::thousands;
    let number = match best {
        Some(b) => thousands(b),
        None => format!("at least {}", thousands(low)),
    };
    if undisclosed == 0 {
        number
    } else if undisclosed >= figures {
        "not disclosed".to_string()
    } else {
        format!("{number} + not disclosed")
    }
}

/// The two groups the chart draws: living people and remains of the dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Every living category: prisoners, soldiers, civilians, wounded, under 25.
    Living,
    Remains,
}

impl Group {
    pub const ALL: [Group; 2] = [Group::Living, Group::Remains];

    pub fn of(category: Category) -> Group {
        if category.is_living() {
            Group::Living
        } else {
            Group::Remains
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Living => "prisoners",
            Group::Remains => "remains",
        }
    }
}

/// Total of one receiving side and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub side: Side,
    pub category: Category,
    #[serde(flatten)]
    pub sum: Sum,
}

/// One point of a chart series: everything that happened on one date (or in one
/// vague period) for one side and group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// Where the point sits on the date axis: the event date's `on` day.
    pub date: Date,
    /// First and last day the date can mean ([`EventDate::bounds`]).
    pub first: Date,
    pub last: Date,
    /// False when the date is approximate, a span or coarser than a day:
    /// the chart draws such a point as approximate.
    pub exact: bool,
    /// Number of events summed into this point.
    pub events: usize,
    /// The figures of those events.
    pub sum: Sum,
    /// Running sum of [`Sum::drawn`] up to and including this point.
    pub cumulative: u64,
    /// True when this point or an earlier one has a figure the sources only
    /// bound: `cumulative` is then a lower bound ("at least").
    #[serde(default)]
    pub cumulative_at_least: bool,
}

impl SeriesPoint {
    /// The running total as it reads: "7,269", or "at least 8,001" when a
    /// figure up to here is only bounded.
    pub fn cumulative_text(&self) -> String {
        let n = crate::model::thousands(self.cumulative);
        if self.cumulative_at_least {
            format!("at least {n}")
        } else {
            n
        }
    }
}

/// One line of the chart: a receiving side and a group, points in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub side: Side,
    pub group: Group,
    pub points: Vec<SeriesPoint>,
}

impl Series {
    /// "remains to Ukraine", as a legend entry.
    pub fn label(&self) -> String {
        format!("{} {}", self.group.label(), self.side.to_label())
    }
}

/// One term of an agreement against what linked events delivered since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermProgress {
    /// Index of the term in its agreement.
    pub term: usize,
    pub id: String,
    pub received_by: Side,
    pub category: Category,
    /// What the sources say the commitment is.
    pub target: Estimate,
    /// What events linked to the agreement, on or after its date, delivered.
    pub delivered: Sum,
    /// Number of events that delivered something towards this term.
    pub events: usize,
}

/// How much of a commitment is delivered, as far as the sources allow saying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Share {
    /// Every delivery has a number: delivered / committed.
    Exact(f64),
    /// Some delivery is only bounded ("more than 500") or not disclosed: the
    /// least that was delivered / committed.
    AtLeast(f64),
}

/// Why a term has no [`Share`]: each asks something different of the reader's sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoShare {
    /// No source gives the commitment a number.
    Unstated,
    /// The sources only bound the commitment ("at least 1,000"): a share of
    /// it would rest on a number nobody gave.
    Bounded,
    /// The commitment is zero.
    Zero,
    /// Something was delivered, but no source gives any of it a number.
    DeliveryUnknown,
}

impl TermProgress {
    /// The share delivered; `None` when no source gives the commitment a
    /// number, or nothing delivered has one (a share of an unknown is not given).
    pub fn share(&self) -> Option<Share> {
        self.share_or_why().ok()
    }

    /// The share delivered, or why there is none.
    pub fn share_or_why(&self) -> Result<Share, NoShare> {
        let target = match self.target.best {
            Some(0) => return Err(NoShare::Zero),
            Some(t) => t as f64,
            None if self.target.low.is_some() || self.target.bound.is_some() => {
                return Err(NoShare::Bounded);
            }
            None => return Err(NoShare::Unstated),
        };
        match self.delivered.best {
            Some(d) if self.delivered.undisclosed == 0 => Ok(Share::Exact(d as f64 / target)),
            _ if self.delivered.low > 0 => Ok(Share::AtLeast(self.delivered.low as f64 / target)),
            _ => Err(NoShare::DeliveryUnknown),
        }
    }
}

/// An agreement and the progress of each of its terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementProgress {
    /// Index of the agreement in the dataset.
    pub agreement: usize,
    pub id: String,
    pub terms: Vec<TermProgress>,
}

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
    delivered: Vec<(Sum, usize)>,
}

/// A running total while walking events.
struct TotalAcc<'d> {
    total: &'d RunningTotal,
    sum: Sum,
    events: usize,
}

/// From how many events the events are walked on two threads, a half each.
const PARALLEL_FROM: usize = 20_000;

/// What every part of a walk over the events reads.
struct WalkContext<'d, 's> {
    dataset: &'d Dataset,
    /// Which events are selected (by index); `None` for all.
    selected: Option<&'s [bool]>,
    totals: TotalsByAgreement<'d>,
    /// Place spellings, for comparing the answers to a fact.
    places: PlaceTable,
}

/// The dataset's running totals (by index) that can count an event: those
/// scoped to its agreement, and those scoped to none. An event is checked
/// against only these.
struct TotalsByAgreement<'d> {
    of_agreement: HashMap<&'d str, Vec<usize>>,
    unscoped: Vec<usize>,
}

impl<'d> TotalsByAgreement<'d> {
    fn new(totals: &'d [RunningTotal]) -> Self {
        let mut of_agreement: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut unscoped = Vec::new();
        for (i, t) in totals.iter().enumerate() {
            match t.scope.agreement.as_deref() {
                Some(a) => of_agreement.entry(a).or_default().push(i),
                None => unscoped.push(i),
            }
        }
        TotalsByAgreement {
            of_agreement,
            unscoped,
        }
    }

    fn candidates(&self, event: &Event) -> impl Iterator<Item = usize> + '_ {
        event
            .agreement
            .as_deref()
            .and_then(|a| self.of_agreement.get(a))
            .into_iter()
            .flatten()
            .chain(&self.unscoped)
            .copied()
    }
}

/// What a walk over some of the events adds up; two walks over two parts
/// of the events append into one, as if one walk had gone over both.
struct Walk<'d> {
    totals: [[Sum; 6]; 2],
    seen: [[bool; 6]; 2],
    unsplit: [Sum; 6],
    unsplit_seen: [bool; 6],
    buckets: HashMap<BucketKey, Bucket>,
    events: usize,
    date_range: Option<(Date, Date)>,
    terms: HashMap<&'d str, TermAcc<'d>>,
    running: Vec<TotalAcc<'d>>,
    disputed_figures: usize,
    single_source_figures: usize,
    disputed_facts: usize,
    /// Buffers reused from fact to fact.
    facts: FactScratch,
}

impl<'d> Walk<'d> {
    fn new(dataset: &'d Dataset, agreements: bool) -> Self {
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
                    },
                )
            })
            .collect();
        let running = dataset
            .running_totals
            .iter()
            .map(|t| TotalAcc {
                total: t,
                sum: Sum::default(),
                events: 0,
            })
            .collect();
        Walk {
            totals: [[Sum::default(); 6]; 2],
            seen: [[false; 6]; 2],
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
        let mut in_totals: Vec<usize> = Vec::new();
        let first_index = range.start;
        let Some(events) = cx.dataset.events.get(range) else {
            return;
        };
        for (index, event) in (first_index..).zip(events) {
            let is_selected = cx
                .selected
                .is_none_or(|m| m.get(index).copied().unwrap_or(false));
            let mut linked = event
                .agreement
                .as_deref()
                .and_then(|id| self.terms.get_mut(id));
            let (first, last) = event.date.bounds();
            let linked_since = linked
                .as_ref()
                .is_some_and(|t| delivers_on(t.agreement, event));
            in_totals.clear();
            for i in cx.totals.candidates(event) {
                if self
                    .running
                    .get(i)
                    .is_some_and(|t| event_in_scope(event, &t.total.scope))
                {
                    in_totals.push(i);
                }
            }
            if !is_selected && !linked_since && in_totals.is_empty() {
                continue;
            }

            // Each figure's estimate is computed once and shared by every use below.
            outcomes.clear();
            outcomes.extend(event.figures.iter().map(|f| compare::analyse(&f.claims)));
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

            if linked_since && let Some(acc) = linked.as_mut() {
                for (term, (sum, count)) in acc.agreement.terms.iter().zip(&mut acc.delivered) {
                    let mut delivered_any = false;
                    for (figure, est) in event.figures.iter().zip(estimates()) {
                        if term_takes(term, figure) {
                            sum.add(est);
                            delivered_any = true;
                        }
                    }
                    *count += usize::from(delivered_any);
                }
            }

            for &i in &in_totals {
                let Some(acc) = self.running.get_mut(i) else {
                    continue;
                };
                let scope = &acc.total.scope;
                let mut any = false;
                for (figure, est) in event.figures.iter().zip(estimates()) {
                    if figure_in_scope(figure, scope) {
                        acc.sum.add(est);
                        any = true;
                    }
                }
                if counts_as_round(any, scope) {
                    acc.events += 1;
                }
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
                for ((sum, count), (s, c)) in mine.delivered.iter_mut().zip(&theirs.delivered) {
                    sum.merge(s);
                    *count += c;
                }
            }
        }
        for (mine, theirs) in self.running.iter_mut().zip(&later.running) {
            mine.sum.merge(&theirs.sum);
            mine.events += theirs.events;
        }
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

    /// [`Stats::compute`], leaving agreement progress out when `agreements` is false
    /// (the load-time check of running totals needs only those).
    fn compute_parts(dataset: &Dataset, selection: Option<&[usize]>, agreements: bool) -> Stats {
        Stats::compute_on(dataset, selection, agreements, PARALLEL_FROM)
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
            totals: TotalsByAgreement::new(&dataset.running_totals),
            places: PlaceTable::with(&dataset.place_names),
        };
        let mut parts = crate::halves::in_halves(
            "factsheet-stats",
            dataset.events.len(),
            parallel_from,
            |range| {
                let mut walk = Walk::new(dataset, agreements);
                walk.events(&context, range);
                walk
            },
        )
        .into_iter();
        let mut walk = parts
            .next()
            .unwrap_or_else(|| Walk::new(dataset, agreements));
        for later in parts {
            walk.append(later);
        }
        let Walk {
            totals,
            seen,
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
            let mut groups = [Sum::default(); 2];
            let mut group_seen = [false; 2];
            for category in Category::ALL {
                let c = category_index(category);
                if seen[s][c] {
                    let g = group_index(Group::of(category));
                    groups[g].merge(&totals[s][c]);
                    group_seen[g] = true;
                    out_totals.push(Total {
                        side,
                        category,
                        sum: totals[s][c],
                    });
                }
            }
            for group in Group::ALL {
                let g = group_index(group);
                if group_seen[g] {
                    group_totals.push((side, group, groups[g]));
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
                });
            }
        }
        for s in &mut series {
            s.points
                .sort_by_key(|p| (p.date, p.first, p.last, !p.exact));
            let mut running_sum = 0u64;
            let mut at_least = false;
            for p in &mut s.points {
                running_sum = running_sum.saturating_add(p.sum.drawn());
                at_least |= p.sum.best.is_none();
                p.cumulative = running_sum;
                p.cumulative_at_least = at_least;
            }
        }

        let agreements = dataset
            .agreements
            .iter()
            .enumerate()
            .filter(|_| agreements)
            .map(|(index, a)| {
                let delivered = terms.get(a.id.as_str()).map(|t| &t.delivered);
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
                            TermProgress {
                                term: i,
                                id: term.id.to_string(),
                                received_by: term.received_by,
                                category: term.category,
                                target,
                                delivered,
                                events,
                            }
                        })
                        .collect(),
                }
            })
            .collect();

        let running_totals = running
            .iter()
            .enumerate()
            .map(|(index, acc)| check_total(index, acc))
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

/// Whether a linked event delivers on `agreement`: it may not end before the
/// agreement's first day (a linked event from before the talks is a data slip).
pub fn delivers_on(agreement: &Agreement, event: &Event) -> bool {
    event.agreement.as_deref() == Some(agreement.id.as_str())
        && event.date.bounds().1 >= agreement.date.bounds().0
}

/// Whether a figure of a delivering event counts towards a term.
pub fn term_takes(term: &Term, figure: &Figure) -> bool {
    figure.received_by == Some(term.received_by) && category_covers(term.category, figure.category)
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
fn counts_as_round(any_figure_in_scope: bool, scope: &TotalScope) -> bool {
    any_figure_in_scope || (scope.received_by.is_none() && scope.category.is_none())
}

/// Whether a running total of `scope` counts `event` as one of its events.
fn counts_event(event: &Event, scope: &TotalScope) -> bool {
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

fn check_total(index: usize, acc: &TotalAcc<'_>) -> RunningTotalCheck {
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

/// Days since 1970-01-01, the chart's x coordinate for a date.
pub fn day_number(date: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    date.since(epoch)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// How a series point's date reads in a tooltip: the day, or the span it may mean.
pub fn point_label(point: &SeriesPoint) -> String {
    if point.exact {
        point.date.to_string()
    } else if point.first == point.last {
        format!("c. {}", point.date)
    } else {
        format!("{} – {}", point.first, point.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimStatus, DatePrecision, EventDate, EventKind};
    use jiff::civil::date;

    fn claim(source: &str, value: Quantity) -> Claim {
        Claim {
            source: source.into(),
            value,
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
        }
    }

    fn figure(id: &str, side: Side, category: Category, claims: Vec<Claim>) -> Figure {
        Figure {
            id: id.into(),
            received_by: Some(side),
            category,
            label: None,
            claims,
        }
    }

    fn event(id: &str, on: Date, figures: Vec<Figure>) -> Event {
        Event {
            id: id.into(),
            title: id.into(),
            date: EventDate::day(on),
            kind: EventKind::RemainsRepatriation,
            place: None,
            mediators: Vec::new(),
            agreement: None,
            figures,
            facts: Vec::new(),
            notes: None,
        }
    }

    fn small() -> Dataset {
        let mut d = Dataset::empty("t");
        let mut e1 = event(
            "e1",
            date(2025, 6, 11),
            vec![
                figure(
                    "u",
                    Side::Ukraine,
                    Category::Remains,
                    vec![
                        claim("a", Quantity::Exact(1212)),
                        claim("b", Quantity::MoreThan(1200)),
                    ],
                ),
                figure(
                    "r",
                    Side::Russia,
                    Category::Remains,
                    vec![claim("a", Quantity::Exact(27))],
                ),
            ],
        );
        e1.agreement = Some("ist".into());
        let mut e2 = event(
            "e2",
            date(2025, 6, 16),
            vec![figure(
                "u",
                Side::Ukraine,
                Category::Remains,
                vec![claim("a", Quantity::Exact(6057))],
            )],
        );
        e2.agreement = Some("ist".into());
        let mut e3 = event(
            "e3",
            date(2025, 6, 1),
            vec![
                figure(
                    "s",
                    Side::Ukraine,
                    Category::Soldiers,
                    vec![claim("a", Quantity::Range { low: 10, high: 20 })],
                ),
                figure(
                    "c",
                    Side::Ukraine,
                    Category::Civilians,
                    vec![claim("a", Quantity::Exact(5))],
                ),
            ],
        );
        e3.kind = EventKind::PrisonerExchange;
        e3.date.precision = DatePrecision::Month;
        d.events = vec![e1, e2, e3];
        d.agreements = vec![Agreement {
            id: "ist".into(),
            title: "Istanbul".into(),
            date: EventDate::day(date(2025, 6, 2)),
            place: None,
            parties: Vec::new(),
            mediators: Vec::new(),
            terms: vec![Term {
                id: "to-ua".into(),
                description: "6,000 bodies to Ukraine".into(),
                received_by: Side::Ukraine,
                category: Category::Remains,
                claims: vec![claim("a", Quantity::Exact(6000))],
            }],
            facts: Vec::new(),
            notes: None,
        }];
        d.running_totals = vec![RunningTotal {
            id: "rt".into(),
            description: "bodies to Ukraine under Istanbul".into(),
            scope: TotalScope {
                agreement: Some("ist".into()),
                received_by: Some(Side::Ukraine),
                category: Some(Category::Remains),
                ..TotalScope::default()
            },
            counts: TotalCounts::People,
            claims: vec![
                claim("a", Quantity::Exact(7269)),
                claim("b", Quantity::Exact(6000)),
                claim("c", Quantity::Approximately(7300)),
            ],
        }];
        d
    }

    #[test]
    fn a_figure_not_split_by_side_counts_only_in_side_free_scopes() {
        let mut d = Dataset::empty("t");
        let mut swap = event(
            "swap",
            date(2025, 5, 23),
            vec![Figure {
                received_by: None,
                ..figure(
                    "all",
                    Side::Ukraine,
                    Category::Prisoners,
                    vec![claim("a", Quantity::Exact(1000))],
                )
            }],
        );
        swap.kind = EventKind::PrisonerExchange;
        d.events.push(swap);
        let scope = |received_by| TotalScope {
            received_by,
            ..TotalScope::default()
        };
        for (id, received_by) in [("all", None), ("ua", Some(Side::Ukraine))] {
            d.running_totals.push(RunningTotal {
                id: id.into(),
                description: id.into(),
                scope: scope(received_by),
                counts: TotalCounts::People,
                claims: vec![claim("a", Quantity::Exact(1000))],
            });
        }
        let s = Stats::of(&d);
        for side in Side::ALL {
            assert!(s.total(side, Category::Prisoners).is_none(), "{side:?}");
        }
        let computed = |id: &str| {
            s.running_totals
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.computed.best)
                .unwrap()
        };
        assert_eq!(computed("all"), Some(1000));
        assert_eq!(computed("ua"), Some(0));
        // The events each counts: the swap for the side-free scope only.
        assert_eq!(events_counted_by(&d, &d.running_totals[0].scope), [0]);
        assert!(events_counted_by(&d, &d.running_totals[1].scope).is_empty());
    }

    #[test]
    fn the_events_a_running_total_counts_are_those_it_is_checked_against() {
        let bytes = crate::generate::tests::test_bytes(3_000, 5);
        let (d, _) = crate::load::load_bytes(vec![("g".to_string(), bytes)], date(2026, 1, 1))
            .into_result()
            .unwrap();
        let s = Stats::of(&d);
        assert!(s.running_totals.iter().any(|c| c.events > 0));
        for check in &s.running_totals {
            let scope = &d.running_totals[check.total].scope;
            let counted = events_counted_by(&d, scope);
            assert_eq!(counted.len(), check.events, "{}", check.id);
            assert_eq!(events_counted_by_each(&d)[check.total], counted);
            assert!(counted.iter().all(|&i| event_in_scope(&d.events[i], scope)));
        }
    }

    #[test]
    fn totals_sum_low_best_high_per_side_and_category() {
        let s = Stats::of(&small());
        let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
        assert_eq!(ua.best, Some(1212 + 6057));
        assert_eq!(ua.low, 1201 + 6057);
        assert_eq!(ua.high, None, "\"more than 1,200\" leaves no upper bound");
        assert_eq!(ua.figures, 2);
        let soldiers = s.total(Side::Ukraine, Category::Soldiers).unwrap();
        assert_eq!((soldiers.low, soldiers.high), (10, Some(20)));
        assert!(s.total(Side::Russia, Category::Soldiers).is_none());
        let living = s
            .group_totals
            .iter()
            .find(|(side, g, _)| *side == Side::Ukraine && *g == Group::Living)
            .unwrap();
        assert_eq!(living.2.low, 15);
        assert_eq!(s.events, 3);
        assert_eq!(s.date_range, Some((date(2025, 6, 1), date(2025, 6, 30))));
    }

    #[test]
    fn series_are_per_date_cumulative_and_mark_vague_dates() {
        let s = Stats::of(&small());
        let remains = s.series(Side::Ukraine, Group::Remains).unwrap();
        let cumulative: Vec<u64> = remains.points.iter().map(|p| p.cumulative).collect();
        assert_eq!(cumulative, vec![1212, 1212 + 6057]);
        assert!(remains.points.iter().all(|p| p.exact));
        let living = s.series(Side::Ukraine, Group::Living).unwrap();
        assert_eq!(
            living.points.len(),
            1,
            "two figures of one event, one point"
        );
        let p = &living.points[0];
        assert!(!p.exact);
        assert_eq!((p.first, p.last), (date(2025, 6, 1), date(2025, 6, 30)));
        assert_eq!(p.events, 1);
        // A range of 10–20 gives no best: the point is "at least" 10 + 5, not 15.
        assert_eq!(p.sum.best, None);
        assert_eq!((p.sum.low, p.sum.bounded), (10 + 5, 1));
        assert_eq!(p.sum.text(), "at least 15");
        assert!(p.cumulative_at_least);
        assert_eq!(p.cumulative_text(), "at least 15");
        assert!(
            s.series(Side::Russia, Group::Living)
                .unwrap()
                .points
                .is_empty()
        );
    }

    #[test]
    fn figures_not_split_by_side_are_totalled_apart() {
        let mut d = small();
        d.events[2].figures.push(Figure {
            received_by: None,
            ..figure(
                "both",
                Side::Ukraine,
                Category::Prisoners,
                vec![claim("a", Quantity::Exact(1000))],
            )
        });
        let s = Stats::of(&d);
        assert_eq!(s.unsplit.len(), 1);
        assert_eq!(s.unsplit[0].0, Category::Prisoners);
        assert_eq!(s.unsplit[0].1.best, Some(1000));
        assert!(s.total(Side::Ukraine, Category::Prisoners).is_none());
        let living = s.series(Side::Ukraine, Group::Living).unwrap();
        assert_eq!(
            living.points[0].sum.low, 15,
            "not drawn on either side's line"
        );
    }

    #[test]
    fn many_events_on_one_day_make_one_point() {
        let mut d = Dataset::empty("t");
        for i in 0..1000u64 {
            let day = date(2025, 1, 1 + (i % 3) as i8);
            d.events.push(event(
                &format!("e{i}"),
                day,
                vec![figure(
                    "f",
                    Side::Russia,
                    Category::Remains,
                    vec![claim("a", Quantity::Exact(1))],
                )],
            ));
        }
        let s = Stats::of(&d);
        let points = &s.series(Side::Russia, Group::Remains).unwrap().points;
        assert_eq!(points.len(), 3);
        assert_eq!(points.iter().map(|p| p.events).sum::<usize>(), 1000);
        assert_eq!(points.last().unwrap().cumulative, 1000);
    }

    #[test]
    fn selection_narrows_totals_but_not_agreements() {
        let d = small();
        let s = Stats::compute(&d, Some(&[1, 99]));
        assert_eq!(s.events, 1);
        assert_eq!(
            s.total(Side::Ukraine, Category::Remains).unwrap().best,
            Some(6057)
        );
        assert!(s.total(Side::Russia, Category::Remains).is_none());
        let term = &s.agreements[0].terms[0];
        assert_eq!(term.delivered.best, Some(1212 + 6057));
    }

    #[test]
    fn agreement_progress_counts_linked_events_since_the_agreement() {
        let mut d = small();
        // A linked event before the agreement was signed does not deliver on it.
        let mut early = event(
            "early",
            date(2025, 5, 1),
            vec![figure(
                "u",
                Side::Ukraine,
                Category::Remains,
                vec![claim("a", Quantity::Exact(900))],
            )],
        );
        early.agreement = Some("ist".into());
        d.events.push(early);
        let s = Stats::of(&d);
        let term = &s.agreements[0].terms[0];
        assert_eq!(term.target.best, Some(6000));
        assert_eq!(term.delivered.best, Some(1212 + 6057));
        assert_eq!(term.events, 2);
        assert_eq!(term.share(), Some(Share::Exact(7269.0 / 6000.0)));
    }

    #[test]
    fn a_share_is_given_only_as_far_as_the_numbers_go() {
        let term = |target: Option<u64>, delivered: Sum| TermProgress {
            term: 0,
            id: "t".into(),
            received_by: Side::Ukraine,
            category: Category::Remains,
            target: Estimate {
                best: target,
                low: target,
                high: target,
                sources: 1,
                bound: None,
            },
            delivered,
            events: 1,
        };
        let mut delivered = Sum::default();
        let figure = |n: Option<u64>| Estimate {
            best: n,
            low: n,
            high: n,
            sources: 1,
            bound: None,
        };
        delivered.add(&figure(Some(1212)));
        assert_eq!(
            term(Some(6000), delivered).share(),
            Some(Share::Exact(1212.0 / 6000.0))
        );
        // A delivery no source puts a number on: what is known is a least share.
        delivered.add(&figure(None));
        assert_eq!(
            term(Some(6000), delivered).share(),
            Some(Share::AtLeast(1212.0 / 6000.0))
        );
        assert_eq!(term(None, delivered).share(), None);
        assert_eq!(term(None, delivered).share_or_why(), Err(NoShare::Unstated));
        assert_eq!(term(Some(0), delivered).share(), None);
        assert_eq!(term(Some(0), delivered).share_or_why(), Err(NoShare::Zero));
        let mut at_least = term(None, delivered);
        at_least.target.low = Some(1000);
        assert_eq!(at_least.share_or_why(), Err(NoShare::Bounded));
        let mut unknown = Sum::default();
        unknown.add(&figure(None));
        assert_eq!(term(Some(6000), unknown).share(), None);
        assert_eq!(
            term(Some(6000), unknown).share_or_why(),
            Err(NoShare::DeliveryUnknown)
        );
        assert_eq!(
            term(Some(6000), Sum::default()).share(),
            Some(Share::Exact(0.0)),
            "nothing delivered yet is a share of nothing"
        );
    }

    #[test]
    fn a_bounded_figure_makes_totals_at_least_and_progress_unknown() {
        let mut d = small();
        // "More than 500" bodies to Russia besides the exact 27: no best, at least 528.
        d.events[1].figures.push(figure(
            "r",
            Side::Russia,
            Category::Remains,
            vec![claim("a", Quantity::MoreThan(500))],
        ));
        d.agreements[0].terms.push(Term {
            id: "to-ru".into(),
            description: "more than 500 bodies to Russia".into(),
            received_by: Side::Russia,
            category: Category::Remains,
            claims: vec![claim("a", Quantity::MoreThan(500))],
        });
        d.events[0].figures[1].claims = vec![claim("a", Quantity::Exact(27))];
        let s = Stats::of(&d);
        let ru = s.total(Side::Russia, Category::Remains).unwrap();
        assert_eq!((ru.low, ru.best, ru.bounded), (27 + 501, None, 1));
        assert_eq!(ru.text(), "at least 528");
        let term = &s.agreements[0].terms[1];
        assert_eq!(term.target.best, None);
        assert_eq!(term.target.bound, Some(Quantity::MoreThan(500)));
        assert_eq!(term.share(), None, "no percentage of an unknown target");
        // A known target with a delivery only bounded has no percentage either.
        d.agreements[0].terms[1].claims = vec![claim("a", Quantity::Exact(600))];
        let s = Stats::of(&d);
        let term = &s.agreements[0].terms[1];
        assert_eq!(term.delivered.best, None);
        // But a least share: at least 528 of 600.
        assert_eq!(term.share(), Some(Share::AtLeast(528.0 / 600.0)));
        let exact = &s.agreements[0].terms[0];
        assert_eq!(exact.share(), Some(Share::Exact(7269.0 / 6000.0)));
        let cumulative: Vec<String> = s
            .series(Side::Russia, Group::Remains)
            .unwrap()
            .points
            .iter()
            .map(SeriesPoint::cumulative_text)
            .collect();
        assert_eq!(cumulative, ["27", "at least 528"]);
    }

    #[test]
    fn about_in_a_running_total_uses_the_comparison_tolerance() {
        let mut d = small();
        d.events[0].figures[0].claims = vec![claim("a", Quantity::Exact(1212))];
        // The events add up to exactly 7,269. "About 6,620" allows ±662 (10 %,
        // `compare::allowed`): 5,958–7,282, a match; "about 6,600" allows 5,940–7,260.
        d.running_totals[0].claims = vec![
            claim("a", Quantity::Approximately(6620)),
            claim("b", Quantity::Approximately(6600)),
        ];
        let s = Stats::of(&d);
        assert_eq!(s.running_totals[0].computed.best, Some(7269));
        let verdicts: Vec<Option<bool>> = s.running_totals[0]
            .claims
            .iter()
            .map(|c| c.matches)
            .collect();
        assert_eq!(verdicts, vec![Some(true), Some(false)]);
    }

    #[test]
    fn prisoners_terms_count_every_living_category() {
        assert!(category_covers(Category::Prisoners, Category::Soldiers));
        assert!(category_covers(Category::Prisoners, Category::Wounded));
        assert!(!category_covers(Category::Prisoners, Category::Remains));
        assert!(!category_covers(Category::Soldiers, Category::Civilians));
    }

    #[test]
    fn running_totals_are_set_against_their_claims() {
        let s = Stats::of(&small());
        let check = &s.running_totals[0];
        assert_eq!(check.computed.best, Some(7269));
        assert_eq!(check.events, 2);
        let verdicts: Vec<Option<bool>> = check.claims.iter().map(|c| c.matches).collect();
        assert_eq!(verdicts, vec![Some(true), Some(false), Some(true)]);
        assert_eq!(check.claims[1].difference, Some(6000 - 7269));
        assert_eq!(check.claims[2].difference, Some(7300 - 7269));
    }

    #[test]
    fn running_totals_can_count_events() {
        let mut d = small();
        d.running_totals[0].counts = TotalCounts::Events;
        d.running_totals[0].claims = vec![
            claim("a", Quantity::Exact(3)),
            claim("b", Quantity::Exact(2)),
        ];
        let s = Stats::of(&d);
        let verdicts: Vec<Option<bool>> = s.running_totals[0]
            .claims
            .iter()
            .map(|c| c.matches)
            .collect();
        assert_eq!(verdicts, vec![Some(false), Some(true)]);
    }

    #[test]
    fn mismatched_running_totals_warn_with_their_path() {
        let d = small();
        let warnings = running_total_warnings(&d, |id| {
            (id == "rt").then(|| ("totals.json".to_string(), 4))
        });
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert!(!w.is_error());
        assert_eq!(w.file, "totals.json");
        assert_eq!(w.path.as_deref(), Some("running_totals[4].claims[1]"));
        assert!(
            w.message.contains("6,000") && w.message.contains("7,269"),
            "{w}"
        );
    }

    fn sample() -> Dataset {
        crate::load::load_sample(date(2026, 1, 1))
            .into_result()
            .map(|(d, _)| d)
            .unwrap_or_else(|e| panic!("the sample does not load: {e:#?}"))
    }

    #[test]
    fn the_sample_totals_1212_to_ukraine_and_27_to_russia() {
        let d = sample();
        let s = Stats::of(&d);
        let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
        let ru = s.total(Side::Russia, Category::Remains).unwrap();
        assert_eq!((ua.low, ua.best, ua.high), (1212, Some(1212), Some(1212)));
        assert_eq!((ru.low, ru.best, ru.high), (27, Some(27), Some(27)));
        let remains = s.series(Side::Ukraine, Group::Remains).unwrap();
        let on_the_11th: Vec<&SeriesPoint> = remains
            .points
            .iter()
            .filter(|p| p.date == date(2025, 6, 11))
            .collect();
        assert_eq!(on_the_11th.len(), 1);
        assert!(on_the_11th[0].exact);
        assert_eq!(on_the_11th[0].cumulative, 1212);
        // The exchanges of wounded span two days: drawn as approximate.
        let living = s.series(Side::Ukraine, Group::Living).unwrap();
        assert!(living.points.iter().any(|p| !p.exact));
    }

    #[test]
    fn the_sample_agreement_of_2_june_is_set_against_the_handover() {
        let d = sample();
        let s = Stats::of(&d);
        let june = s
            .agreements
            .iter()
            .find(|a| a.id == "istanbul-2025-06-02")
            .unwrap();
        let remains = |side| {
            june.terms
                .iter()
                .find(|t| t.received_by == side && t.category == Category::Remains)
                .unwrap()
        };
        let ua = remains(Side::Ukraine);
        assert_eq!(ua.target.best, Some(6000));
        assert_eq!(ua.delivered.best, Some(1212));
        assert_eq!(ua.share(), Some(Share::Exact(1212.0 / 6000.0)));
        let ru = remains(Side::Russia);
        assert_eq!(ru.target.best, Some(6000));
        assert_eq!(ru.delivered.best, Some(27));
        assert!(
            s.running_totals
                .iter()
                .flat_map(|t| &t.claims)
                .all(|c| c.matches != Some(false)),
            "the sample's stated totals add up: {:#?}",
            s.running_totals
        );
    }

    #[test]
    fn day_numbers_count_from_1970() {
        assert_eq!(day_number(date(1970, 1, 2)), 1);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        assert_eq!(
            day_number(date(2025, 6, 11)) - day_number(date(2025, 6, 1)),
            10
        );
    }
    #[test]
    fn two_threads_add_up_to_what_one_does() {
        let d = crate::generate::tests::test_dataset(3_001, 5);
        let every_third: Vec<usize> = (0..d.events.len()).step_by(3).collect();
        for (selection, agreements) in [
            (None, true),
            (Some(every_third.as_slice()), true),
            (Some(&[][..]), false),
        ] {
            let one = Stats::compute_on(&d, selection, agreements, usize::MAX);
            let two = Stats::compute_on(&d, selection, agreements, 0);
            assert_eq!(one, two, "selection {:?}", selection.map(<[usize]>::len));
        }
        // The comparison means something: every part is filled in.
        let all = Stats::compute_on(&d, None, true, 0);
        assert_eq!(all.events, 3_001);
        assert!(all.series.iter().all(|s| s.points.len() > 10));
        assert!(all.disputed_figures > 0 && all.single_source_figures > 0);
        let delivered = |p: &AgreementProgress| p.terms.iter().map(|t| t.events).sum::<usize>();
        assert!(all.agreements.iter().any(|p| delivered(p) > 1));
        assert!(all.running_totals.iter().any(|t| t.events > 1));
    }
}
