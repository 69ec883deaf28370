//! The summary model: everything a fact sheet shows, built once from a dataset
//! (or the part of it on screen), then written out by each format's writer.
//!
//! Every number carries the citation numbers of the sources behind it; the
//! sources are numbered in the order the summary first cites them. The model is
//! also the JSON export's shape (documented in docs/FORMAT.md, "Summary JSON").

use std::borrow::Cow;
use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compare::{self};
use crate::model::{
    Affiliation, Category, ClaimStatus, Dataset, EventDate, EventKind, Quantity, RelayKind, Side,
    TotalCounts, TotalScope, thousands,
};
use crate::stats::{self, Series};

/// The version of the summary's JSON shape. 2: a total's `best`, a term's
/// `delivered` and a running total's `computed` may be `null` (only bounded),
/// and `bound`, `target_bound`, `bounded`, `delivered_figures` and
/// `delivered_undisclosed` were added. 3: `unlisted`, when only the latest
/// events are listed. 4: a term's `fraction` is `null` when some delivery has
/// no number, and `fraction_at_least` gives the least share then (see
/// docs/FORMAT.md). 5: a running total's claims carry a `verdict`
/// ("consistent", "inconsistent", "cannot_tell") and its `why` instead of
/// `matches`, and a `difference` range instead of one number; the running
/// total says what the data allows (`computed_figures`, `computed_undisclosed`,
/// `computed_bounded`, `events`, `undisclosed_events`) and whether its scope
/// lies within the data (`scope_start`, `earliest_event`, `within_data`); a
/// `best`, `delivered` or `computed` that no figure gives a number for is
/// `null`, not 0 (so is a series point's `cumulative` while nothing up to it
/// has a number); `facts` lists every fact; a figure's or estimate's `tie`
/// gives the values as many sources state as its best; a running total gives
/// its `scope` and the ids of the events it `counted`. 6: a claim carries the
/// format-2 `words`, `parts`, `stated_on` and `notes` of its source, and a
/// source the source it `relays` (by citation number) and how; a running
/// total its `baseline`. 7: a figure or estimate whose best value sources only
/// say "about" carries `approximate: true`, and reads "about 9,000". 8: a
/// term gives what events whose agreement sources dispute delivered apart, in
/// `disputed`, and such an event's dispute is a `disputed_link` disagreement.
pub const SUMMARY_VERSION: u32 = 8;

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
    /// Every fact of the listed events and of the agreements, with every
    /// answer: those the sources agree on, or only one gives, as well as
    /// those also under `disagreements`.
    pub facts: Vec<FactRow<'a>>,
    /// The chart's data: per receiving side and group, per date.
    pub series: Vec<Series>,
    /// Every source cited, numbered from 1 in the order first cited; when the
    /// whole dataset is summarised and every event listed, then every other
    /// source of the dataset too, so that none goes unmentioned.
    pub sources: Vec<SourceRow<'a>>,
}

/// A fact (a question the sources answer in words) with every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRow<'a> {
    /// What the fact is about: an event or an agreement, by id and title.
    pub on_id: SheetText<'a>,
    pub on_title: SheetText<'a>,
    pub question: SheetText<'a>,
    /// How the answers relate, as the comparison classes them: "agree",
    /// "compatible", "conflicting", "single_source" or "not_disclosed".
    pub consensus: SheetText<'a>,
    pub answers: Vec<Statement<'a>>,
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

    /// Under the facts: whose facts are left out.
    pub fn facts_note(&self) -> String {
        format!(
            "The facts of the {} earlier events not listed are left out here.",
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
    /// What events whose link to the agreement sources dispute delivered on
    /// top: counted apart, never in `delivered` (format 2's `links`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<DisputedDelivery>,
}

/// Deliveries by events whose link to an agreement is disputed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisputedDelivery {
    /// Best, low and high of what they delivered, as for [`TermRow::delivered`].
    pub delivered: Option<u64>,
    pub low: u64,
    pub high: Option<u64>,
    pub figures: usize,
    pub undisclosed: usize,
    /// Number of disputed events that delivered towards the term.
    pub events: usize,
    /// The term's share counting them too (exact, or the least share).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction_with: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction_with_at_least: Option<f64>,
}

impl DisputedDelivery {
    /// "+500 more from 1 disputed event", beside what undisputed events delivered.
    pub fn text(&self) -> String {
        let amount = stats::total_text(self.low, self.delivered, self.figures, self.undisclosed);
        let events = match self.events {
            1 => "1 disputed event".to_string(),
            n => format!("{} disputed events", thousands(n as u64)),
        };
        format!("+{amount} more from {events}")
    }

    /// "28.5% with them", or nothing when no share can be given.
    pub fn share_text(&self) -> Option<String> {
        match (self.fraction_with, self.fraction_with_at_least) {
            (Some(f), _) => Some(format!("{} with the disputed", percent_text(f))),
            (None, Some(f)) => Some(format!("at least {} with the disputed", percent_text(f))),
            (None, None) => None,
        }
    }
}

impl TermRow<'_> {
    /// [`TermRow::delivered_text`] with its range, and the disputed events'
    /// delivery when there is any: what the Delivered column shows.
    pub fn delivered_full_text(&self) -> String {
        let mut delivered = self.delivered_text();
        if let Some(r) = self.delivered_range() {
            delivered.push_str(&format!(" ({r})"));
        }
        if let Some(d) = &self.disputed {
            delivered.push_str("; ");
            delivered.push_str(&d.text());
        }
        delivered
    }

    /// [`TermRow::share_text`], and the share with the disputed events beside it.
    pub fn share_full_text(&self) -> String {
        let mut share = self.share_text();
        if let Some(with) = self
            .disputed
            .as_ref()
            .and_then(DisputedDelivery::share_text)
        {
            if share.is_empty() {
                share = with;
            } else {
                share = format!("{share} ({with})");
            }
        }
        share
    }

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
    /// Which events and figures it covers, as the dataset gives it; totals
    /// of one scope are shown together ([`Summary::running_total_groups`]).
    pub scope: TotalScope,
    /// The ids of the events it counted, in the dataset's order (every one,
    /// whether or not the sheet lists the event).
    pub counted: Vec<SheetText<'a>>,
    /// What the events in scope add up to (people, or number of events): the
    /// sum of the best values of the figures that have one; `None` when some
    /// figure is only bounded (then at least `computed_low`) or none has a number.
    pub computed: Option<u64>,
    /// The least and the most the data allows; `computed_high` is `None`
    /// when some figure has no number or no upper bound.
    pub computed_low: u64,
    pub computed_high: Option<u64>,
    /// Figures summed, how many of them no source gives a number for, and
    /// how many the sources only bound.
    pub computed_figures: usize,
    pub computed_undisclosed: usize,
    pub computed_bounded: usize,
    /// Events in scope, and how many of them have a figure with no number.
    pub events: usize,
    pub undisclosed_events: usize,
    /// The first day the scope counts (its `from`, or its agreement's date);
    /// `None` when it has no start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_start: Option<Date>,
    /// The day of the earliest event of the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_event: Option<Date>,
    /// Whether the scope lies within the data (starts no earlier than its
    /// earliest event); when not, no claim gets a verdict.
    pub within_data: bool,
    /// What the total declares it takes in from before a day (format 2):
    /// counted in `computed`, and the events counted from that day on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<stats::BaselineUsed>,
    pub claims: Vec<TotalClaimRow<'a>>,
}

/// One source's statement of a running total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalClaimRow<'a> {
    #[serde(flatten)]
    pub claim: ClaimRow<'a>,
    /// Stated number minus what the data adds up to, from the stated number
    /// minus the data's most to it minus the data's least; `None` for a
    /// range, no number, or data whose range is not fully known.
    pub difference: Option<stats::Difference>,
    /// "consistent" (and why), "inconsistent", or "cannot_tell" (and why).
    #[serde(flatten)]
    pub verdict: stats::Verdict,
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
    /// When nothing decides between `best` and other values as many sources
    /// give: how many there are and the highest ("160 or 195").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie: Option<compare::numeric::Tie>,
    /// The best value is only ever said to be "about" it (see [`compare::Estimate::approximate`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// How the sources' claims relate, as the comparison classes them:
    /// "agree", "compatible", "conflicting", "single_source" or "not_disclosed".
    pub consensus: SheetText<'a>,
    pub claims: Vec<ClaimRow<'a>>,
}

impl FigureRow<'_> {
    /// The figure as it reads: "1,212", "160 or 195", "more than 8,000", "not disclosed".
    pub fn text(&self) -> String {
        compare::numeric::estimate_text(
            self.low,
            self.best,
            self.high,
            self.bound,
            self.tie,
            self.approximate,
        )
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
    /// The source's own words for a vague amount ("dozens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<SheetText<'a>>,
    /// The parts the source gives of the number: shown, never added to totals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRow<'a>>,
    /// When the claim was made, where the data says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_on: Option<EventDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<SheetText<'a>>,
    /// For a denial: the citation numbers of the sources whose claims it
    /// answers; empty when it answers every other claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<usize>,
}

/// One part of a claim's number as its source breaks it down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRow<'a> {
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<SheetText<'a>>,
    pub value: Quantity,
}

impl ClaimRow<'_> {
    /// How the claim's value reads: its quantity, except that a denial with
    /// no number of its own ("the figure is false") reads as what it is.
    pub fn value_text(&self) -> String {
        if is_bare_denial(self.value, self.status) {
            bare_denial_text(&self.answers)
        } else {
            value_text(self.value, self.status)
        }
    }

    /// What a claim adds to its number, in words, or nothing: the source's
    /// words, its breakdown and when it was made: ` ("dozens"; 280 soldiers,
    /// 120 civilians; stated 2025-06-20)`. Data text: writers escape it.
    pub fn detail(&self) -> Option<String> {
        claim_detail(self.words.as_deref(), &self.parts, self.stated_on.as_ref())
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// No single number satisfies every source's claim.
    ConflictingFigures,
    /// A party denies a number another source states.
    DeniedFigure,
    /// Sources give different answers to the same question.
    DifferentAnswers,
    /// Sources put the event on different days (format 2's `dates`).
    DifferentDates,
    /// Sources disagree on which agreement the event falls under (format 2's `links`).
    DisputedLink,
}

impl DisagreementKind {
    pub fn label(self) -> &'static str {
        match self {
            DisagreementKind::ConflictingFigures => "conflicting figures",
            DisagreementKind::DeniedFigure => "a figure is denied",
            DisagreementKind::DifferentAnswers => "different accounts",
            DisagreementKind::DifferentDates => "different dates",
            DisagreementKind::DisputedLink => "disputed agreement",
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
    pub as_of: Option<crate::model::CoarseDate>,
    pub low: Option<u64>,
    /// A value some source gives; `None` when they only bound it (see `bound`).
    pub best: Option<u64>,
    pub high: Option<u64>,
    /// Without a best: what the claims say together ("more than 8,000").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Quantity>,
    /// As for a figure: values as many sources give as `best`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie: Option<compare::numeric::Tie>,
    /// The best value is only ever said to be "about" it (see [`compare::Estimate::approximate`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    pub claims: Vec<ClaimRow<'a>>,
}

impl EstimateRow<'_> {
    /// The estimate as it reads: "more than 8,000", never a made-up 8,001.
    pub fn text(&self) -> String {
        compare::numeric::estimate_text(
            self.low,
            self.best,
            self.high,
            self.bound,
            self.tie,
            self.approximate,
        )
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
    /// What the events add up to, as a range: "7,269", "4,100–4,103", "300 +
    /// not disclosed (7 events)", "at least 7,201".
    pub fn computed_text(&self) -> String {
        let sum = stats::Sum {
            low: self.computed_low,
            best: self
                .computed
                .or((self.computed_undisclosed > 0 && self.computed_bounded == 0).then_some(0)),
            high: self.computed_high,
            figures: self.computed_figures,
            undisclosed: self.computed_undisclosed,
            bounded: self.computed_bounded,
        };
        stats::baseline_text(
            stats::computed_text(&sum, self.undisclosed_events),
            self.baseline.as_ref(),
        )
    }

    /// The verdict on one of its claims in words: "yes", "cannot tell (some
    /// figures not disclosed)".
    pub fn verdict_text(&self, claim: &TotalClaimRow<'_>) -> String {
        claim.verdict.text(claim.claim.value, self.earliest_event)
    }
}

impl FactRow<'_> {
    /// How the answers relate, in words: "the sources agree", "one source".
    pub fn consensus_text(&self) -> &'static str {
        match &*self.consensus {
            "agree" => "the sources agree",
            "compatible" => "the answers are compatible",
            "conflicting" => "different accounts",
            "single_source" => "one source",
            _ => "no answer given",
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
    /// The source this one relays: its citation number and how ("wire copy").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relays: Option<RelayRow>,
}

/// A relayed source, by citation number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayRow {
    pub source: usize,
    pub how: RelayKind,
}

impl RelayRow {
    /// "wire copy of [2]".
    pub fn text(&self) -> String {
        format!("{} of [{}]", self.how.label(), self.source)
    }
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

/// Borrows a text of the dataset into the summary.
mod build;
mod scope;
#[cfg(test)]
pub(crate) mod tests;
mod text;

pub use build::{build, series_label};
pub use scope::{ScopeGroup, counted_text, scope_text};
pub use text::{
    BARE_DENIAL, bare_denial_text, citations_text, claim_detail, claim_detail_of, figure_subject,
    is_bare_denial, number_text, percent_text, range_text, side_label, status_note, value_text,
};
