//! The summary model: everything a fact sheet shows, built once from a dataset
//! (or the part of it on screen), then written out by each format's writer.
//!
//! Every number carries the citation numbers of the sources behind it; the
//! sources are numbered in the order the summary first cites them. The model is
//! also the JSON export's shape (documented in docs/FORMAT.md, "Summary JSON").

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::{self, Consensus, PlaceTable};
use crate::load::is_web_link;
use crate::model::{
    Affiliation, Category, Claim, ClaimStatus, Dataset, Event, EventDate, EventKind, Fact,
    Quantity, Side, TotalCounts, thousands,
};
use crate::stats::{self, Group, Series, Stats};

/// The version of the summary's JSON shape. 2: a total's `best`, a term's
/// `delivered` and a running total's `computed` may be `null` (only bounded),
/// and `bound`, `target_bound`, `bounded`, `delivered_figures` and
/// `delivered_undisclosed` were added. 3: `unlisted`, when only the latest
/// events are listed. 4: a term's `fraction` is `null` when some delivery has
/// no number, and `fraction_at_least` gives the least share then (see
/// docs/FORMAT.md).
pub const SUMMARY_VERSION: u32 = 4;

/// How many events a fact sheet lists in detail unless asked for all: a sheet
/// is for reading and sharing, and a million listed events made gigabytes.
pub const LISTED_EVENTS: usize = 1000;

/// A text of the fact sheet (named apart from [`crate::model::Text`], the
/// dataset's own): borrowed from the dataset wherever it is shown as
/// written there, owned only when the summary composes it.
pub type SheetText<'a> = Cow<'a, str>;

/// What part of a dataset to summarise, so the app can export exactly what is on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryOptions {
    /// The filters that were on, in words ("kind: repatriation of remains; from 2025-06-01"),
    /// printed in the summary. `None` when nothing was filtered.
    pub filter: Option<String>,
    /// Indices into `dataset.events` of the events to include; `None` for all.
    /// Indices out of range are ignored.
    pub events: Option<Vec<usize>>,
    /// The most events listed in detail, with their figures, disagreements and
    /// sources: the latest ones. The others still count in the totals, the
    /// series and the agreements' delivery, and in [`Summary::unlisted`].
    /// `None` lists every event.
    pub limit: Option<usize>,
}

impl SummaryOptions {
    /// Options that include the events with the given ids (unknown ids are ignored).
    pub fn with_event_ids<S: AsRef<str>>(
        dataset: &Dataset,
        ids: &[S],
        filter: Option<String>,
    ) -> Self {
        let index: HashMap<&str, usize> = dataset
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        SummaryOptions {
            filter,
            limit: None,
            events: Some(
                ids.iter()
                    .filter_map(|id| index.get(id.as_ref()).copied())
                    .collect(),
            ),
        }
    }
}

/// A fact sheet, ready to be written in any format.
///
/// The JSON writer (`export/json.rs`) writes these fields one by one, in this
/// order and with these omissions, so that it can write the chart series on
/// another thread: a field added here goes there too (its test compares the two).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary<'a> {
    /// Always [`SUMMARY_VERSION`].
    pub summary_version: u32,
    pub title: SheetText<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<SheetText<'a>>,
    /// When the data was last brought up to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// The filters that were on, in words, when only part of the data is summarised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<SheetText<'a>>,
    /// First and last day the summarised events can fall on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Date>,
    /// Number of events summarised.
    pub event_count: usize,
    /// What is counted but not listed when only the latest events are
    /// ([`SummaryOptions::limit`]); `None` when every event is listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlisted: Option<Unlisted>,
    pub totals: Vec<TotalRow>,
    pub agreements: Vec<AgreementRow<'a>>,
    pub running_totals: Vec<RunningTotalRow<'a>>,
    /// The events in date order (only the latest when [`Summary::unlisted`] says so).
    pub events: Vec<EventRow<'a>>,
    /// Where sources contradict each other, on a number or on a fact.
    pub disagreements: Vec<Disagreement<'a>>,
    /// Figures that only one source reports.
    pub single_source: Vec<SingleSourceRow<'a>>,
    pub estimates: Vec<EstimateRow<'a>>,
    /// The chart's data: per receiving side and group, per date.
    pub series: Vec<Series>,
    /// Every source cited, numbered from 1 in the order first cited.
    pub sources: Vec<SourceRow<'a>>,
}

/// The events a fact sheet summarises but does not list, in numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unlisted {
    /// Events in the totals, series and agreements but not among `events`:
    /// all earlier than the listed ones.
    pub events: usize,
    /// Their figures: summed in the totals, their sources not cited.
    pub figures: usize,
    /// Their disagreements (figures and facts) and their figures reported by one
    /// source only, which `disagreements` and `single_source` leave out.
    pub disagreements: usize,
    pub single_source: usize,
}

impl Unlisted {
    /// Under the events' heading: what is listed and where the rest went.
    pub fn events_note(&self, listed: usize) -> String {
        format!(
            "Only the latest {} of {} events are listed. The {} earlier ones count in the \
             totals, the chart's lines and the agreements' delivery; a CSV export lists every one.",
            thousands(listed as u64),
            thousands((listed + self.events) as u64),
            thousands(self.events as u64),
        )
    }

    /// Under the totals: which of the summed figures are cited.
    pub fn totals_note(&self) -> String {
        format!(
            "Sources cited are those of the listed events; the {} figures of the {} earlier \
             events are summed but their sources not listed here.",
            thousands(self.figures as u64),
            thousands(self.events as u64),
        )
    }

    /// Under the disagreements, when the earlier events have any: how many are left out.
    pub fn disagreements_note(&self) -> Option<String> {
        (self.disagreements + self.single_source > 0).then(|| {
            format!(
                "The {} earlier events not listed have {} more disagreements and {} more figures \
                 reported by one source only.",
                thousands(self.events as u64),
                thousands(self.disagreements as u64),
                thousands(self.single_source as u64),
            )
        })
    }
}

/// Total of one receiving side and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRow {
    /// `None` for figures that give one number for a whole swap without
    /// saying who received it: they are in neither side's total.
    pub received_by: Option<Side>,
    pub category: Category,
    pub low: u64,
    /// `None` when some figure is only bounded ("more than 500"): the total is
    /// then "at least `low`".
    pub best: Option<u64>,
    /// `None` when some figure has no upper bound ("more than 500", not disclosed).
    pub high: Option<u64>,
    /// Number of figures summed, how many of them no source puts a number on,
    /// and how many the sources only bound.
    pub figures: usize,
    pub undisclosed: usize,
    #[serde(default)]
    pub bounded: usize,
    /// Citation numbers of every source behind the figures summed (of the
    /// listed events only, when some are unlisted).
    pub sources: Vec<usize>,
}

/// An agreement and each of its terms against delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementRow<'a> {
    pub id: SheetText<'a>,
    pub title: SheetText<'a>,
    pub date: EventDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<SheetText<'a>>,
    pub terms: Vec<TermRow<'a>>,
}

/// One commitment of an agreement against what linked events delivered since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermRow<'a> {
    pub id: SheetText<'a>,
    pub description: SheetText<'a>,
    pub received_by: Side,
    pub category: Category,
    /// The committed number (best of the sources' claims), if any gives one.
    pub target: Option<u64>,
    /// Without a committed number, what the claims bound it to ("more than 500").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_bound: Option<Quantity>,
    /// Citation numbers of the sources stating the commitment.
    pub target_sources: Vec<usize>,
    /// What linked events delivered: best (`None`: only "at least `delivered_low`"),
    /// low, high (`None`: no upper bound).
    pub delivered: Option<u64>,
    pub delivered_low: u64,
    pub delivered_high: Option<u64>,
    /// Number of figures delivered towards the term, and how many of them no
    /// source puts a number on.
    #[serde(default)]
    pub delivered_figures: usize,
    #[serde(default)]
    pub delivered_undisclosed: usize,
    /// Number of events that delivered towards the term.
    pub events: usize,
    /// Citation numbers of the sources reporting the deliveries (in the listed
    /// events only, when some are unlisted).
    pub delivered_sources: Vec<usize>,
    /// `delivered / target`; `None` when either is only bounded or unknown,
    /// or some delivery has no number.
    pub fraction: Option<f64>,
    /// When some delivery has no number (or is only bounded) and the rest
    /// has: `delivered_low / target`, the least share delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction_at_least: Option<f64>,
}

impl TermRow<'_> {
    /// The share delivered as a table shows it: "20.2%", "at least 8.8%", or
    /// nothing when the sources do not allow one.
    pub fn share_text(&self) -> String {
        match (self.fraction, self.fraction_at_least) {
            (Some(f), _) => percent_text(f),
            (None, Some(f)) => format!("at least {}", percent_text(f)),
            (None, None) => String::new(),
        }
    }
}

/// A running total that sources state, against the events it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningTotalRow<'a> {
    pub id: SheetText<'a>,
    pub description: SheetText<'a>,
    pub counts: TotalCounts,
    /// What the events in scope add up to (people, or number of events);
    /// `None` when some figure is only bounded: then at least `computed_low`.
    pub computed: Option<u64>,
    pub computed_low: u64,
    pub computed_high: Option<u64>,
    pub claims: Vec<TotalClaimRow<'a>>,
}

/// One source's statement of a running total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalClaimRow<'a> {
    #[serde(flatten)]
    pub claim: ClaimRow<'a>,
    /// Stated number minus computed; `None` for a range or no number.
    pub difference: Option<i64>,
    /// Whether the statement can be true of the data.
    pub matches: Option<bool>,
}

/// An event with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow<'a> {
    pub id: SheetText<'a>,
    pub title: SheetText<'a>,
    pub date: EventDate,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<SheetText<'a>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mediators: Vec<SheetText<'a>>,
    /// The agreement it fulfils (an agreement id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<SheetText<'a>>,
    pub figures: Vec<FigureRow<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<SheetText<'a>>,
}

/// One figure of an event: the sources' estimate and every claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRow<'a> {
    pub id: SheetText<'a>,
    /// `None` when the source gives one number for both sides together.
    pub received_by: Option<Side>,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<SheetText<'a>>,
    pub low: Option<u64>,
    /// A value some source gives; `None` when they only bound it (see `bound`).
    pub best: Option<u64>,
    pub high: Option<u64>,
    /// Without a best: what the claims say together ("more than 8,000").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Quantity>,
    /// How the sources' claims relate, as the comparison classes them:
    /// "agree", "compatible", "conflicting", "single_source" or "not_disclosed".
    pub consensus: SheetText<'a>,
    pub claims: Vec<ClaimRow<'a>>,
}

impl FigureRow<'_> {
    /// The figure as it reads: "1,212", "more than 8,000", "not disclosed".
    pub fn text(&self) -> String {
        compare::numeric::estimate_text(self.low, self.best, self.high, self.bound)
    }

    /// "remains to Ukraine (severely wounded)".
    pub fn subject(&self) -> String {
        figure_subject(self.received_by, self.category, self.label.as_deref())
    }
}

/// A source's statement of a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow<'a> {
    /// Citation number of the source (see [`Summary::sources`]).
    pub source: usize,
    pub value: Quantity,
    pub status: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<SheetText<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<SheetText<'a>>,
}

/// Where sources contradict each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement<'a> {
    /// What the disagreement is about: an event or an agreement, by id and title.
    pub on_id: SheetText<'a>,
    pub on_title: SheetText<'a>,
    /// The figure ("remains to Russia") or the fact's question.
    pub subject: SheetText<'a>,
    pub kind: DisagreementKind,
    pub statements: Vec<Statement<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// No single number satisfies every source's claim.
    ConflictingFigures,
    /// A party denies a number another source states.
    DeniedFigure,
    /// Sources give different answers to the same question.
    DifferentAnswers,
}

impl DisagreementKind {
    pub fn label(self) -> &'static str {
        match self {
            DisagreementKind::ConflictingFigures => "conflicting figures",
            DisagreementKind::DeniedFigure => "a figure is denied",
            DisagreementKind::DifferentAnswers => "different accounts",
        }
    }
}

/// What one source says in a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement<'a> {
    pub source: usize,
    /// The number as the source words it, or its answer.
    pub says: SheetText<'a>,
    pub status: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<SheetText<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<SheetText<'a>>,
}

/// A figure only one source reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SingleSourceRow<'a> {
    pub event_id: SheetText<'a>,
    pub event_title: SheetText<'a>,
    pub subject: SheetText<'a>,
    pub statement: Statement<'a>,
}

/// A standing estimate not tied to one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateRow<'a> {
    pub id: SheetText<'a>,
    pub description: SheetText<'a>,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_by: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub low: Option<u64>,
    /// A value some source gives; `None` when they only bound it (see `bound`).
    pub best: Option<u64>,
    pub high: Option<u64>,
    /// Without a best: what the claims say together ("more than 8,000").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Quantity>,
    pub claims: Vec<ClaimRow<'a>>,
}

impl EstimateRow<'_> {
    /// The estimate as it reads: "more than 8,000", never a made-up 8,001.
    pub fn text(&self) -> String {
        compare::numeric::estimate_text(self.low, self.best, self.high, self.bound)
    }
}

impl TotalRow {
    /// "1,212", "at least 8,001", "1,212 + not disclosed".
    pub fn text(&self) -> String {
        stats::total_text(self.low, self.best, self.figures, self.undisclosed)
    }
}

impl TermRow<'_> {
    /// The commitment: "6,000", "more than 500", "not disclosed".
    pub fn target_text(&self) -> String {
        match (self.target, self.target_bound) {
            (Some(t), _) => thousands(t),
            (None, Some(q)) => q.to_string(),
            (None, None) => "not disclosed".to_string(),
        }
    }

    /// What was delivered: "1,212", "at least 1,201" when a delivery is only
    /// bounded, "not disclosed" when no delivery has a number.
    pub fn delivered_text(&self) -> String {
        stats::total_text(
            self.delivered_low,
            self.delivered,
            self.delivered_figures,
            self.delivered_undisclosed,
        )
    }

    /// The range of the deliveries beside [`TermRow::delivered_text`], if they leave one.
    pub fn delivered_range(&self) -> Option<String> {
        if self.delivered_figures > 0 && self.delivered_undisclosed >= self.delivered_figures {
            return None;
        }
        range_text(
            Some(self.delivered_low),
            self.delivered,
            self.delivered_high,
        )
    }
}

impl RunningTotalRow<'_> {
    /// What the events add up to: "7,269", or "at least 7,201".
    pub fn computed_text(&self) -> String {
        match self.computed {
            Some(c) => thousands(c),
            None => format!("at least {}", thousands(self.computed_low)),
        }
    }
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRow<'a> {
    /// The citation number: [1], [2], ...
    pub number: usize,
    pub id: SheetText<'a>,
    pub outlet: SheetText<'a>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<SheetText<'a>>,
    /// Only http and https links are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<SheetText<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<SheetText<'a>>,
    pub affiliation: Affiliation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_url: Option<SheetText<'a>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Date>,
}

impl SourceRow<'_> {
    /// How a source is named in a line: its outlet, or its title when the
    /// outlet is unknown.
    pub fn name(&self) -> &str {
        match &self.title {
            Some(t) if self.outlet.trim().eq_ignore_ascii_case("unknown") => t,
            _ => &self.outlet,
        }
    }
}

pub use crate::stats::total_text;

impl<'a> Summary<'a> {
    /// The source with citation number `n`.
    pub fn source(&self, n: usize) -> Option<&SourceRow<'a>> {
        n.checked_sub(1).and_then(|i| self.sources.get(i))
    }

    /// Agreement titles by id, for naming the agreement an event fulfils.
    pub fn agreement_titles(&self) -> HashMap<&str, &str> {
        self.agreements
            .iter()
            .map(|a| (&*a.id, &*a.title))
            .collect()
    }

    /// A total, if any figure has that side and category.
    pub fn total(&self, side: Side, category: Category) -> Option<&TotalRow> {
        self.totals
            .iter()
            .find(|t| t.received_by == Some(side) && t.category == category)
    }
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

/// "[1] [2]".
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

/// Borrows a text of the dataset into the summary.
fn borrowed(s: &str) -> SheetText<'_> {
    Cow::Borrowed(s)
}

fn borrowed_opt(s: Option<&str>) -> Option<SheetText<'_>> {
    s.map(Cow::Borrowed)
}

/// Hands out citation numbers in first-cited order.
/// (Hashed with foldhash: every claim of every event is cited through it.)
struct Citations<'d> {
    sources: foldhash::HashMap<&'d str, &'d crate::model::Source>,
    numbers: foldhash::HashMap<&'d str, usize>,
    rows: Vec<SourceRow<'d>>,
}

impl<'d> Citations<'d> {
    fn new(dataset: &'d Dataset) -> Self {
        Citations {
            sources: dataset.sources.iter().map(|s| (&*s.id, s)).collect(),
            numbers: foldhash::HashMap::with_capacity_and_hasher(
                dataset.sources.len(),
                Default::default(),
            ),
            rows: Vec::with_capacity(dataset.sources.len()),
        }
    }

    fn cite(&mut self, id: &'d str) -> usize {
        if let Some(&n) = self.numbers.get(id) {
            return n;
        }
        let n = self.rows.len() + 1;
        let web = |u: Option<&'d str>| u.filter(|u| is_web_link(u)).map(Cow::Borrowed);
        let row = match self.sources.get(id) {
            Some(s) => SourceRow {
                number: n,
                id: borrowed(&s.id),
                outlet: borrowed(&s.outlet),
                title: borrowed_opt(s.title.as_deref()),
                url: web(s.url.as_deref()),
                published: s.published,
                language: borrowed_opt(s.language.as_deref()),
                affiliation: s.affiliation,
                archive_url: web(s.archive_url.as_deref()),
                retrieved: s.retrieved,
            },
            // Validation reports an unknown source; the summary still says whom the claim names.
            None => SourceRow {
                number: n,
                id: borrowed(id),
                outlet: Cow::Owned(format!("unknown source \"{id}\"")),
                title: None,
                url: None,
                published: None,
                language: None,
                affiliation: Affiliation::Unknown,
                archive_url: None,
                retrieved: None,
            },
        };
        self.rows.push(row);
        self.numbers.insert(id, n);
        n
    }

    fn claim(&mut self, c: &'d Claim) -> ClaimRow<'d> {
        ClaimRow {
            source: self.cite(&c.source),
            value: c.value,
            status: c.status,
            attributed_to: borrowed_opt(c.attributed_to.as_deref()),
            quote: borrowed_opt(c.quote.as_deref()),
        }
    }

    fn statement(&mut self, c: &'d Claim) -> Statement<'d> {
        Statement {
            source: self.cite(&c.source),
            says: Cow::Owned(c.value.to_string()),
            status: c.status,
            attributed_to: borrowed_opt(c.attributed_to.as_deref()),
            quote: borrowed_opt(c.quote.as_deref()),
        }
    }
}

fn consensus_label(c: Consensus) -> &'static str {
    match c {
        Consensus::Agree => "agree",
        Consensus::Compatible => "compatible",
        Consensus::Conflicting => "conflicting",
        Consensus::SingleSource => "single_source",
        Consensus::NotDisclosed => "not_disclosed",
    }
}

/// Ukraine, Russia, or no receiving side: the rows of the totals' source sets.
const TOTAL_SIDES: usize = 3;

fn total_index(side: Option<Side>, category: Category) -> usize {
    let s = match side {
        Some(Side::Ukraine) => 0,
        Some(Side::Russia) => 1,
        None => 2,
    };
    let c = Category::ALL
        .iter()
        .position(|&x| x == category)
        .unwrap_or(0);
    s * Category::ALL.len() + c
}

/// Which totals each cited source stands behind: one bit per (side, category)
/// per citation number, so a claim marks its total with one store, and each
/// total's sources come out in citation order without a sorted set.
#[derive(Default)]
struct TotalSources {
    bits: Vec<u32>,
}

const _: () = assert!(TOTAL_SIDES * Category::ALL.len() <= 32);

impl TotalSources {
    fn mark(&mut self, total: usize, source: usize) {
        if self.bits.len() <= source {
            self.bits.resize(source + 1, 0);
        }
        if let Some(b) = self.bits.get_mut(source) {
            *b |= 1 << total;
        }
    }

    /// Citation numbers marked for `total`, in ascending order.
    fn of(&self, total: usize) -> Vec<usize> {
        self.bits
            .iter()
            .enumerate()
            .filter(|(_, b)| **b & (1 << total) != 0)
            .map(|(n, _)| n)
            .collect()
    }
}

/// Builds the summary of `dataset` for `options`. Texts are borrowed from
/// `dataset`: building copies no quote, title or note.
pub fn build<'a>(dataset: &'a Dataset, options: &SummaryOptions) -> Summary<'a> {
    let stats = Stats::compute(dataset, options.events.as_deref());
    let mut cite = Citations::new(dataset);
    // Only the place table of a `Comparer` is needed: facts are classed, place
    // names shown canonically, and nothing else is compared here.
    let table = PlaceTable::with(&dataset.place_names);
    let mut facts = FactScratch::default();
    let mut places = PlaceNames::default();

    let order: Vec<usize> = match &options.events {
        Some(sel) => {
            let mut v: Vec<usize> = sel
                .iter()
                .copied()
                .filter(|&i| i < dataset.events.len())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        None => (0..dataset.events.len()).collect(),
    };
    let events_of = |i: usize| dataset.events.get(i);
    // Each event's place in time, worked out once rather than at every comparison.
    let mut keyed: Vec<((Date, Date, &str), usize)> = order
        .into_iter()
        .filter_map(|i| events_of(i).map(|e| ((e.date.on, e.date.bounds().1, &*e.id), i)))
        .collect();
    let limit = options.limit.unwrap_or(usize::MAX);
    let cut = keyed.len().saturating_sub(limit);
    if cut == keyed.len() {
        // Nothing listed (a limit of 0): no order needed.
    } else if cut > 0 {
        // Only the latest are listed: set them apart in linear time, sort just them.
        keyed.select_nth_unstable(cut);
        if let Some(latest) = keyed.get_mut(cut..) {
            latest.sort_unstable();
        }
    } else {
        keyed.sort_unstable();
    }
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let (earlier, latest) = order.split_at(cut);
    // Agreements cite the sources of their deliveries among the listed events only.
    let listed = (!earlier.is_empty()).then(|| {
        let mut listed = vec![false; dataset.events.len()];
        for &i in latest {
            if let Some(l) = listed.get_mut(i) {
                *l = true;
            }
        }
        listed
    });

    // The events first, so the sources are numbered in reading order.
    let mut total_sources = TotalSources::default();
    let mut events = Vec::with_capacity(latest.len());
    let mut disagreements = Vec::new();
    let mut single_source = Vec::new();
    let mut disputed_listed = 0;
    let mut disputed_facts_listed = 0;
    for event in latest.iter().filter_map(|&i| events_of(i)) {
        let mut figures = Vec::with_capacity(event.figures.len());
        for figure in &event.figures {
            let outcome = compare::analyse(&figure.claims);
            let (est, class) = (outcome.estimate, outcome.class);
            let claims: Vec<ClaimRow> = figure.claims.iter().map(|c| cite.claim(c)).collect();
            let total = total_index(figure.received_by, figure.category);
            for c in &claims {
                total_sources.mark(total, c.source);
            }
            // Built only for the few figures listed below, not for every figure.
            let subject = || {
                Cow::Owned(figure_subject(
                    figure.received_by,
                    figure.category,
                    figure.label.as_deref(),
                ))
            };
            if compare::is_disputed(class, &figure.claims) {
                disputed_listed += 1;
                disagreements.push(Disagreement {
                    on_id: borrowed(&event.id),
                    on_title: borrowed(&event.title),
                    subject: subject(),
                    kind: if class == Consensus::Conflicting {
                        DisagreementKind::ConflictingFigures
                    } else {
                        DisagreementKind::DeniedFigure
                    },
                    statements: figure.claims.iter().map(|c| cite.statement(c)).collect(),
                });
            } else if class == Consensus::SingleSource
                && let Some(c) = figure.claims.first()
            {
                single_source.push(SingleSourceRow {
                    event_id: borrowed(&event.id),
                    event_title: borrowed(&event.title),
                    subject: subject(),
                    statement: cite.statement(c),
                });
            }
            figures.push(FigureRow {
                id: borrowed(&figure.id),
                received_by: figure.received_by,
                category: figure.category,
                label: borrowed_opt(figure.label.as_deref()),
                low: est.low,
                best: est.best,
                high: est.high,
                bound: est.bound,
                consensus: Cow::Borrowed(consensus_label(class)),
                claims,
            });
        }
        let before = disagreements.len();
        fact_disagreements(
            &event.facts,
            &event.id,
            &event.title,
            (&table, &mut facts),
            &mut cite,
            &mut disagreements,
        );
        disputed_facts_listed += disagreements.len() - before;
        events.push(event_row(event, figures, &table, &mut places));
    }

    // The statistics classed every figure and fact already: what is not listed is the rest.
    let unlisted = (!earlier.is_empty()).then(|| Unlisted {
        events: earlier.len(),
        figures: earlier
            .iter()
            .filter_map(|&i| events_of(i))
            .map(|e| e.figures.len())
            .sum(),
        disagreements: stats.disputed_figures.saturating_sub(disputed_listed)
            + stats.disputed_facts.saturating_sub(disputed_facts_listed),
        single_source: stats
            .single_source_figures
            .saturating_sub(single_source.len()),
    });

    let total_row = |side: Option<Side>, category: Category, sum: &stats::Sum| TotalRow {
        received_by: side,
        category,
        low: sum.low,
        best: sum.best,
        high: sum.high,
        figures: sum.figures,
        undisclosed: sum.undisclosed,
        bounded: sum.bounded,
        sources: total_sources.of(total_index(side, category)),
    };
    let totals = stats
        .totals
        .iter()
        .map(|t| total_row(Some(t.side), t.category, &t.sum))
        .chain(
            stats
                .unsplit
                .iter()
                .map(|(c, sum)| total_row(None, *c, sum)),
        )
        .collect();

    let agreements = agreement_rows(
        dataset,
        listed.as_deref(),
        &stats,
        (&table, &mut facts),
        &mut cite,
        &mut disagreements,
        &mut places,
    );

    let running_totals = stats
        .running_totals
        .iter()
        .filter_map(|check| {
            let total = dataset.running_totals.get(check.total)?;
            Some(RunningTotalRow {
                id: borrowed(&total.id),
                description: borrowed(&total.description),
                counts: total.counts,
                computed: check.computed.best,
                computed_low: check.computed.low,
                computed_high: check.computed.high,
                claims: check
                    .claims
                    .iter()
                    .filter_map(|c| {
                        let claim = total.claims.get(c.claim)?;
                        Some(TotalClaimRow {
                            claim: cite.claim(claim),
                            difference: c.difference,
                            matches: c.matches,
                        })
                    })
                    .collect(),
            })
        })
        .collect();

    let estimates = dataset
        .estimates
        .iter()
        .map(|e| {
            let est = compare::estimate(&e.claims);
            EstimateRow {
                id: borrowed(&e.id),
                description: borrowed(&e.description),
                category: e.category,
                held_by: e.held_by,
                as_of: e.as_of,
                low: est.low,
                best: est.best,
                high: est.high,
                bound: est.bound,
                claims: e.claims.iter().map(|c| cite.claim(c)).collect(),
            }
        })
        .collect();

    let (first_day, last_day) = stats.date_range.unzip();
    Summary {
        summary_version: SUMMARY_VERSION,
        title: borrowed(&dataset.title),
        description: borrowed_opt(dataset.description.as_deref()),
        updated: dataset.updated,
        filter: options.filter.clone().map(Cow::Owned),
        first_day,
        last_day,
        event_count: stats.events,
        unlisted,
        totals,
        agreements,
        running_totals,
        events,
        disagreements,
        single_source,
        estimates,
        series: stats.series,
        sources: cite.rows,
    }
}

/// Places as shown: their canonical spelling when the place table knows it.
/// Each distinct name is looked up once; a name already canonical is borrowed.
#[derive(Default)]
struct PlaceNames<'a> {
    known: foldhash::HashMap<&'a str, SheetText<'a>>,
}

impl<'a> PlaceNames<'a> {
    fn name(&mut self, table: &PlaceTable, name: &'a str) -> SheetText<'a> {
        self.known
            .entry(name)
            .or_insert_with(|| match table.canonical(name) {
                Some(c) if c != name => Cow::Owned(c.to_string()),
                _ => Cow::Borrowed(name),
            })
            .clone()
    }
}

fn event_row<'a>(
    event: &'a Event,
    figures: Vec<FigureRow<'a>>,
    table: &PlaceTable,
    places: &mut PlaceNames<'a>,
) -> EventRow<'a> {
    EventRow {
        id: borrowed(&event.id),
        title: borrowed(&event.title),
        date: event.date.clone(),
        kind: event.kind,
        place: event.place.as_ref().map(|p| places.name(table, &p.name)),
        mediators: event.mediators.iter().map(|m| borrowed(m)).collect(),
        agreement: borrowed_opt(event.agreement.as_deref()),
        figures,
        notes: borrowed_opt(event.notes.as_deref()),
    }
}

/// `listed`: per event of the dataset, whether the sheet lists it (`None`: all are).
fn agreement_rows<'d>(
    dataset: &'d Dataset,
    listed: Option<&[bool]>,
    stats: &Stats,
    (table, facts): (&PlaceTable, &mut FactScratch),
    cite: &mut Citations<'d>,
    disagreements: &mut Vec<Disagreement<'d>>,
    places: &mut PlaceNames<'d>,
) -> Vec<AgreementRow<'d>> {
    let mut rows = Vec::with_capacity(dataset.agreements.len());
    // The events linked to each agreement, found in one pass.
    let mut linked: foldhash::HashMap<&str, Vec<&Event>> = foldhash::HashMap::default();
    for (i, event) in dataset.events.iter().enumerate() {
        if let Some(a) = event.agreement.as_deref()
            && listed.is_none_or(|l| l.get(i).copied().unwrap_or(false))
        {
            linked.entry(a).or_default().push(event);
        }
    }
    for progress in &stats.agreements {
        let Some(agreement) = dataset.agreements.get(progress.agreement) else {
            continue;
        };
        // Sources of the deliveries, per term: only events linked to this agreement.
        let mut delivered_sources: Vec<BTreeSet<usize>> =
            vec![BTreeSet::new(); agreement.terms.len()];
        for event in linked
            .get(&*agreement.id)
            .into_iter()
            .flatten()
            .filter(|e| stats::delivers_on(agreement, e))
        {
            for (term, set) in agreement.terms.iter().zip(&mut delivered_sources) {
                for figure in event.figures.iter().filter(|f| stats::term_takes(term, f)) {
                    set.extend(figure.claims.iter().map(|c| cite.cite(&c.source)));
                }
            }
        }
        let terms = progress
            .terms
            .iter()
            .filter_map(|p| {
                let term = agreement.terms.get(p.term)?;
                let (fraction, fraction_at_least) = match p.share() {
                    Some(stats::Share::Exact(f)) => (Some(f), None),
                    Some(stats::Share::AtLeast(f)) => (None, Some(f)),
                    None => (None, None),
                };
                Some(TermRow {
                    id: borrowed(&term.id),
                    description: borrowed(&term.description),
                    received_by: term.received_by,
                    category: term.category,
                    target: p.target.best,
                    target_bound: p.target.bound,
                    target_sources: term.claims.iter().map(|c| cite.cite(&c.source)).collect(),
                    delivered: p.delivered.best,
                    delivered_low: p.delivered.low,
                    delivered_high: p.delivered.high,
                    delivered_figures: p.delivered.figures,
                    delivered_undisclosed: p.delivered.undisclosed,
                    events: p.events,
                    delivered_sources: delivered_sources
                        .get(p.term)
                        .map(|s| s.iter().copied().collect())
                        .unwrap_or_default(),
                    fraction,
                    fraction_at_least,
                })
            })
            .collect();
        for term in &agreement.terms {
            if compare::consensus(&term.claims).is_conflict() {
                disagreements.push(Disagreement {
                    on_id: borrowed(&agreement.id),
                    on_title: borrowed(&agreement.title),
                    subject: borrowed(&term.description),
                    kind: DisagreementKind::ConflictingFigures,
                    statements: term.claims.iter().map(|c| cite.statement(c)).collect(),
                });
            }
        }
        fact_disagreements(
            &agreement.facts,
            &agreement.id,
            &agreement.title,
            (table, &mut *facts),
            cite,
            disagreements,
        );
        rows.push(AgreementRow {
            id: borrowed(&agreement.id),
            title: borrowed(&agreement.title),
            date: agreement.date.clone(),
            place: agreement
                .place
                .as_ref()
                .map(|p| places.name(table, &p.name)),
            terms,
        });
    }
    rows
}

/// Facts whose sources give different answers, as the comparison classes them
/// (a place-name spelling variant is not a disagreement).
fn fact_disagreements<'d>(
    facts: &'d [Fact],
    on_id: &'d str,
    on_title: &'d str,
    (table, scratch): (&PlaceTable, &mut FactScratch),
    cite: &mut Citations<'d>,
    out: &mut Vec<Disagreement<'d>>,
) {
    for fact in facts {
        // The class alone, with reused buffers (`Comparer::fact` builds the
        // whole side-panel view of the fact).
        if !fact_outcome(table, fact, scratch).class.is_conflict() {
            continue;
        }
        out.push(Disagreement {
            on_id: borrowed(on_id),
            on_title: borrowed(on_title),
            subject: borrowed(&fact.question),
            kind: DisagreementKind::DifferentAnswers,
            statements: fact
                .claims
                .iter()
                .map(|c| Statement {
                    source: cite.cite(&c.source),
                    says: borrowed(&c.answer),
                    status: c.status,
                    attributed_to: borrowed_opt(c.attributed_to.as_deref()),
                    quote: borrowed_opt(c.quote.as_deref()),
                })
                .collect(),
        });
    }
}

/// Which group and side a series is, in words: "remains to Ukraine".
pub fn series_label(side: Side, group: Group) -> String {
    format!("{} {}", group.label(), side.to_label())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ClaimStatus, FactClaim, Figure, PlaceName};
    use jiff::civil::date;

    pub(crate) fn claim(source: &str, value: Quantity, quote: &str) -> Claim {
        Claim {
            source: source.into(),
            value,
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: Some(quote.into()),
        }
    }

    /// A small dataset with a conflict, a single-source figure and a fact
    /// on which two sources differ only by spelling.
    pub(crate) fn tiny() -> Dataset {
        let mut d: Dataset = serde_json::from_str(
            r#"{"format_version": 1, "title": "Tiny",
            "sources": [{"id": "a", "outlet": "Outlet A", "url": "https://a.example/1"},
                        {"id": "b", "outlet": "Outlet B", "url": "javascript:alert(1)"}],
            "events": []}"#,
        )
        .unwrap();
        d.events.push(Event {
            id: "e2".into(),
            title: "Second".into(),
            date: EventDate::day(date(2025, 6, 11)),
            kind: EventKind::RemainsRepatriation,
            place: None,
            mediators: vec![],
            agreement: None,
            figures: vec![
                Figure {
                    id: "ua".into(),
                    received_by: Some(Side::Ukraine),
                    category: Category::Remains,
                    label: None,
                    claims: vec![
                        claim("b", Quantity::Exact(1200), "1,200 bodies"),
                        claim("a", Quantity::Exact(1212), "1,212 bodies"),
                    ],
                },
                Figure {
                    id: "ru".into(),
                    received_by: Some(Side::Russia),
                    category: Category::Remains,
                    label: None,
                    claims: vec![claim("a", Quantity::Exact(27), "27 bodies")],
                },
            ],
            facts: vec![Fact {
                id: "where".into(),
                question: "Where?".into(),
                claims: vec![
                    FactClaim {
                        source: "a".into(),
                        answer: "Kyiv".into(),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: None,
                    },
                    FactClaim {
                        source: "b".into(),
                        answer: "Kiev".into(),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: None,
                    },
                ],
            }],
            notes: None,
        });
        let mut first = d.events[0].clone();
        first.id = "e1".into();
        first.title = "First".into();
        first.date = EventDate::day(date(2025, 5, 1));
        first.facts.clear();
        first.figures.truncate(1);
        first.figures[0].claims.truncate(1);
        d.events.push(first);
        d.place_names.push(PlaceName {
            canonical: "Kyiv".into(),
            variants: vec!["Kiev".into()],
        });
        d
    }

    #[test]
    fn events_in_date_order_and_sources_in_first_cited_order() {
        let d = tiny();
        let s = build(&d, &SummaryOptions::default());
        let ids: Vec<&str> = s.events.iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["e1", "e2"]);
        let outlets: Vec<&str> = s.sources.iter().map(|s| &*s.outlet).collect();
        assert_eq!(outlets, ["Outlet B", "Outlet A"]);
        assert_eq!(s.sources[0].url, None, "only web links survive");
        assert_eq!(s.sources[1].url.as_deref(), Some("https://a.example/1"));
        let ua = s.total(Side::Ukraine, Category::Remains).unwrap();
        // A tie between 1,200 and 1,212 goes to the lower (see `compare::estimate`).
        assert_eq!(
            (ua.low, ua.best, ua.high),
            (2400, Some(2400), Some(1212 + 1200))
        );
        assert_eq!(ua.sources, vec![1, 2]);
    }

    #[test]
    fn conflicts_are_disagreements_but_spellings_are_not() {
        let data = tiny();
        let s = build(&data, &SummaryOptions::default());
        assert_eq!(s.disagreements.len(), 1, "{:#?}", s.disagreements);
        let d = &s.disagreements[0];
        assert_eq!(d.kind, DisagreementKind::ConflictingFigures);
        assert_eq!(d.subject, "remains to Ukraine");
        let says: Vec<&str> = d.statements.iter().map(|s| &*s.says).collect();
        assert_eq!(says, ["1,200", "1,212"]);
        assert_eq!(s.single_source.len(), 2);
        assert!(s.single_source.iter().any(|r| r.statement.says == "27"));

        // Kiev is folded even without the dataset's table (the built-in one knows it);
        // a different place is a disagreement.
        let mut d = tiny();
        d.place_names.clear();
        let s = build(&d, &SummaryOptions::default());
        assert_eq!(s.disagreements.len(), 1, "{:#?}", s.disagreements);
        d.events[0].facts[0].claims[1].answer = "Odesa".into();
        let s = build(&d, &SummaryOptions::default());
        let facts: Vec<&Disagreement> = s
            .disagreements
            .iter()
            .filter(|d| d.kind == DisagreementKind::DifferentAnswers)
            .collect();
        assert_eq!(facts.len(), 1, "{:#?}", s.disagreements);
        assert_eq!(facts[0].subject, "Where?");
    }

    #[test]
    fn options_narrow_to_the_events_on_screen() {
        let d = tiny();
        let opts = SummaryOptions::with_event_ids(&d, &["e1", "nope"], Some("before June".into()));
        let s = build(&d, &opts);
        assert_eq!(s.event_count, 1);
        assert_eq!(s.events.len(), 1);
        assert_eq!(s.events[0].id, "e1");
        assert_eq!(s.filter.as_deref(), Some("before June"));
        assert_eq!(
            s.total(Side::Ukraine, Category::Remains).unwrap().best,
            Some(1200)
        );
        assert!(s.disagreements.is_empty());
    }

    #[test]
    fn a_limit_lists_the_latest_events_and_counts_the_rest() {
        let d = crate::generate::tests::test_dataset(300, 3);
        let all = build(&d, &SummaryOptions::default());
        assert!(all.unlisted.is_none());
        let limited = build(
            &d,
            &SummaryOptions {
                limit: Some(40),
                ..SummaryOptions::default()
            },
        );
        let u = limited.unlisted.expect("some events are unlisted");

        // The listed events are the latest 40, in the same order.
        assert_eq!(limited.events.len(), 40);
        assert_eq!(u.events, 260);
        let ids = |s: &Summary| {
            s.events
                .iter()
                .map(|e| e.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&limited), ids(&all)[260..]);

        // What is not listed is counted, and adds up to the whole.
        let figures_listed: usize = limited.events.iter().map(|e| e.figures.len()).sum();
        let figures_all: usize = all.events.iter().map(|e| e.figures.len()).sum();
        assert_eq!(figures_listed + u.figures, figures_all);
        let on_events = |s: &Summary| {
            let agreements: Vec<&str> = s.agreements.iter().map(|a| &*a.id).collect();
            s.disagreements
                .iter()
                .filter(|d| !agreements.contains(&&*d.on_id))
                .count()
        };
        assert!(u.disagreements > 0 && u.single_source > 0, "{u:?}");
        assert_eq!(on_events(&limited) + u.disagreements, on_events(&all));
        // Facts among them too (the statistics count those, not this sheet).
        let on_facts = |s: &Summary| {
            s.disagreements
                .iter()
                .filter(|d| d.kind == DisagreementKind::DifferentAnswers)
                .count()
        };
        assert!(
            on_facts(&all) > on_facts(&limited),
            "no unlisted fact disputed"
        );
        assert_eq!(
            limited.single_source.len() + u.single_source,
            all.single_source.len()
        );

        // Totals, series and delivery cover every event.
        let numbers = |s: &Summary| {
            s.totals
                .iter()
                .map(|t| (t.received_by, t.category, t.low, t.best, t.high, t.figures))
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(&limited), numbers(&all));
        assert_eq!(limited.series, all.series);
        assert_eq!(limited.event_count, all.event_count);
        let delivered = |s: &Summary| {
            s.agreements
                .iter()
                .flat_map(|a| a.terms.iter().map(|t| (t.delivered, t.events)))
                .collect::<Vec<_>>()
        };
        assert_eq!(delivered(&limited), delivered(&all));

        // Only what is listed is cited, and every citation has its source row.
        assert!(limited.sources.len() < all.sources.len());
        let cited = limited.totals.iter().flat_map(|t| t.sources.iter()).chain(
            limited.agreements.iter().flat_map(|a| {
                a.terms
                    .iter()
                    .flat_map(|t| t.delivered_sources.iter().chain(&t.target_sources))
            }),
        );
        for &n in cited {
            assert!(limited.source(n).is_some(), "citation [{n}] has no source");
        }
    }

    #[test]
    fn a_limit_at_or_above_the_event_count_lists_everything() {
        let d = tiny();
        for limit in [d.events.len(), d.events.len() + 5] {
            let s = build(
                &d,
                &SummaryOptions {
                    limit: Some(limit),
                    ..SummaryOptions::default()
                },
            );
            assert_eq!(s, build(&d, &SummaryOptions::default()));
        }
        let none = build(
            &d,
            &SummaryOptions {
                limit: Some(0),
                ..SummaryOptions::default()
            },
        );
        assert!(none.events.is_empty());
        assert_eq!(none.unlisted.map(|u| u.events), Some(d.events.len()));
        assert_eq!(none.event_count, d.events.len());
    }
}
