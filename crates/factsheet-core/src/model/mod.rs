//! The data model of a fact sheet: the types a dataset file deserialises into.
//!
//! These types *are* the file format: `docs/FORMAT.md` explains them and
//! `schema/factsheet.schema.json` is generated from them (see [`crate::schema`]).
//! They carry no behaviour beyond small, obvious accessors; checking them is
//! [`crate::load::validate`]'s job, comparing claims is [`crate::compare`]'s.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod coarse_date;
mod link;
mod list;
mod quantity;
mod quote;
mod source;
mod typed;

pub use crate::intern::Text;
pub use coarse_date::{COARSE_DATE_FORMS, CoarseDate};
pub use link::{Link, LinkClaim};
pub use list::List;
pub use quantity::{ClaimStatus, Quantity, thousands};
pub use quote::{CUT, Quote};
pub use source::{Affiliation, Relay, RelayKind, SavedCopy, Source};
pub use typed::{
    EVENT_DATE_FORMS, QUANTITY_FORMS, event_date_text, parse_event_date, parse_quantity,
    quantity_text,
};

/// The format version this build writes. It reads every version from 1 to this
/// one: format 2 only adds optional fields and values, so a format-1 file reads
/// as it always did.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest format version this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// A whole file: sources, the events they report, agreements and standing estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Version of this format the file was written for. This build reads versions 1 and 2.
    pub format_version: u32,
    /// Short title shown in the window and at the top of the summary.
    pub title: Text,
    /// What the file covers and who keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// When the file was last brought up to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// Whether the file holds every event of its period that sources report,
    /// or leaves some out (format 2). A running total is only checked "yes"
    /// against a complete file.
    #[serde(default, skip_serializing_if = "is_default")]
    pub coverage: Coverage,
    /// Articles and statements that the claims cite.
    #[serde(default)]
    pub sources: List<Source>,
    /// Talks and what was agreed at them.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub agreements: List<Agreement>,
    /// Exchanges and handovers, one per date.
    #[serde(default)]
    pub events: List<Event>,
    /// Totals that sources state across several events ("in total, N bodies returned").
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub running_totals: List<RunningTotal>,
    /// Standing figures not tied to one event (people estimated to be held captive).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub estimates: List<ContextEstimate>,
    /// Place-name spellings to fold, on top of the built-in table.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub place_names: List<PlaceName>,
}

impl Dataset {
    /// An empty dataset with the given title, at the current format version.
    pub fn empty(title: impl Into<Text>) -> Self {
        Dataset {
            format_version: FORMAT_VERSION,
            title: title.into(),
            description: None,
            updated: None,
            coverage: Coverage::Complete,
            sources: List::new(),
            agreements: List::new(),
            events: List::new(),
            running_totals: List::new(),
            estimates: List::new(),
            place_names: List::new(),
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }

    pub fn running_total(&self, id: &str) -> Option<&RunningTotal> {
        self.running_totals.iter().find(|t| t.id == id)
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// The source a chain of relays starts from: `id` itself when it relays
    /// nothing. A loop (an error validation reports) ends where it closes.
    pub fn origin_of<'a>(&'a self, id: &'a str) -> &'a str {
        let mut at = id;
        for _ in 0..=self.sources.len() {
            match self.source(at).and_then(|s| s.relays.as_ref()) {
                Some(relay) if relay.source != id => at = relay.source.as_str(),
                _ => break,
            }
        }
        at
    }
}

/// How much of its period a file holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Every event of the file's period that sources report is in it: a
    /// running total can be checked against its events.
    #[default]
    Complete,
    /// Some events are left out (not yet entered, no page found): a total
    /// larger than the file's events may be right, so it gets no "no" and no
    /// "yes"; one smaller than the events already add up to is still a "no".
    Partial,
}

/// A party to the conflict: the side that received people or remains.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ukraine,
    Russia,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Ukraine, Side::Russia];

    pub fn label(self) -> &'static str {
        match self {
            Side::Ukraine => "Ukraine",
            Side::Russia => "Russia",
        }
    }

    /// "to Ukraine", as a column or legend heading.
    pub fn to_label(self) -> &'static str {
        match self {
            Side::Ukraine => "to Ukraine",
            Side::Russia => "to Russia",
        }
    }
}

/// How exact a date is. A date with month precision names any day of that month.
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
pub enum DatePrecision {
    #[default]
    Day,
    /// "about" the given day: reports are vague by a few days.
    Approximate,
    Week,
    Month,
    Year,
}

/// When an event happened: a day, a span of days, or a coarser period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDate {
    /// The day (or first day) of the event, ISO 8601: "2025-06-11".
    pub on: Date,
    /// Last day, when the event spans several days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// How exact `on` is.
    #[serde(default, skip_serializing_if = "is_default")]
    pub precision: DatePrecision,
}

impl EventDate {
    pub fn day(on: Date) -> Self {
        EventDate {
            on,
            until: None,
            precision: DatePrecision::Day,
        }
    }

    /// True when the date is a single, exactly known day.
    pub fn is_exact_day(&self) -> bool {
        self.precision == DatePrecision::Day && self.until.is_none()
    }

    /// The first and last day the date can mean, from its precision and span.
    pub fn bounds(&self) -> (Date, Date) {
        use jiff::ToSpan;
        let first = match self.precision {
            DatePrecision::Day | DatePrecision::Approximate | DatePrecision::Week => self.on,
            DatePrecision::Month => self.on.first_of_month(),
            DatePrecision::Year => self.on.first_of_year(),
        };
        let last = match (self.until, self.precision) {
            (Some(until), _) => until,
            (None, DatePrecision::Day) => self.on,
            (None, DatePrecision::Approximate) => self.on.checked_add(3.days()).unwrap_or(self.on),
            (None, DatePrecision::Week) => self.on.checked_add(6.days()).unwrap_or(self.on),
            (None, DatePrecision::Month) => self.on.last_of_month(),
            (None, DatePrecision::Year) => self.on.last_of_year(),
        };
        (first, last)
    }
}

impl std::fmt::Display for EventDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.precision {
            DatePrecision::Day => write!(f, "{}", self.on)?,
            DatePrecision::Approximate => write!(f, "c. {}", self.on)?,
            DatePrecision::Week => write!(f, "week of {}", self.on)?,
            DatePrecision::Month => write!(f, "{}", self.on.strftime("%B %Y"))?,
            DatePrecision::Year => write!(f, "{}", self.on.year())?,
        }
        if let Some(until) = self.until {
            write!(f, " – {until}")?;
        }
        Ok(())
    }
}

/// How exact a place is.
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
pub enum PlacePrecision {
    /// A named site: a checkpoint, a town.
    Site,
    /// A stretch of border between two countries.
    Border,
    Region,
    Country,
    #[default]
    Unknown,
}

/// Where something happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Name as the file's author writes it; spelling variants are folded when shown.
    pub name: Text,
    /// How exact the name is.
    #[serde(default)]
    pub precision: PlacePrecision,
}

/// What kind of exchange or handover an event is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    PrisonerExchange,
    WoundedExchange,
    CivilianReturn,
    RemainsRepatriation,
    /// A release by one side with nothing given in return.
    UnilateralRelease,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::PrisonerExchange,
        EventKind::WoundedExchange,
        EventKind::CivilianReturn,
        EventKind::RemainsRepatriation,
        EventKind::UnilateralRelease,
        EventKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventKind::PrisonerExchange => "prisoner exchange",
            EventKind::WoundedExchange => "exchange of wounded",
            EventKind::CivilianReturn => "return of civilians",
            EventKind::RemainsRepatriation => "repatriation of remains",
            EventKind::UnilateralRelease => "unilateral release",
            EventKind::Other => "other",
        }
    }
}

/// What was counted: living people of some group, or the remains of the dead.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Prisoners of war and civilians together, when reports do not split them.
    Prisoners,
    Soldiers,
    Civilians,
    /// Severely wounded or sick prisoners.
    Wounded,
    /// Prisoners under 25 years of age.
    Under25,
    /// Bodies of the dead.
    Remains,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Prisoners,
        Category::Soldiers,
        Category::Civilians,
        Category::Wounded,
        Category::Under25,
        Category::Remains,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Prisoners => "prisoners",
            Category::Soldiers => "soldiers",
            Category::Civilians => "civilians",
            Category::Wounded => "wounded",
            Category::Under25 => "under 25",
            Category::Remains => "remains",
        }
    }

    /// The label after a count of exactly one: "1 soldier", "1 body".
    pub fn one_label(self) -> &'static str {
        match self {
            Category::Prisoners => "prisoner",
            Category::Soldiers => "soldier",
            Category::Civilians => "civilian",
            Category::Wounded => "wounded",
            Category::Under25 => "under 25",
            Category::Remains => "body",
        }
    }

    /// True for living people (the "prisoners" series of the chart), false for remains.
    pub fn is_living(self) -> bool {
        self != Category::Remains
    }
}

/// One exchange or handover on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Identifier, unique in the file (and across files that are opened together).
    pub id: Text,
    /// Short headline.
    pub title: Text,
    pub date: EventDate,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Who mediated or assisted: "Turkey", "UAE", "ICRC", ...
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub mediators: List<Text>,
    /// The agreement this event fulfils (an agreement `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Text>,
    /// Counted quantities: who received how many of whom.
    #[serde(default)]
    pub figures: List<Figure>,
    /// Non-numeric points that sources state about the event.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub facts: List<Fact>,
    /// What each source says the date was, where they differ ("on 3 March",
    /// "on 4 March"); `date` stays the file's own reading (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub dates: List<DateClaim>,
    /// What each source says about the agreement this event falls under,
    /// where they differ; `agreement` stays the file's own reading (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub links: List<LinkClaim>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// Events of other files that are this same event under other ids (event
    /// `id`s): merged with it when the files are opened together, whatever
    /// the guess would be (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub same_as: List<Text>,
    /// Events of other files that are not this event, however alike (event
    /// `id`s): never merged with it (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub distinct_from: List<Text>,
}

/// A source's date for an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateClaim {
    /// The source stating it (a source `id`).
    pub source: Text,
    pub date: EventDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
}

impl Event {
    /// Whether the sources' dates for this event cannot all be true at once:
    /// two of them name spans of days that do not meet.
    pub fn dates_disagree(&self) -> bool {
        self.dates.iter().enumerate().any(|(i, a)| {
            let (a0, a1) = a.date.bounds();
            self.dates.iter().skip(i + 1).any(|b| {
                let (b0, b1) = b.date.bounds();
                a1 < b0 || b1 < a0
            })
        })
    }

    /// Ids of every source any claim of this event cites, in first-cited order, without repeats.
    pub fn cited_sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let claims = self
            .figures
            .iter()
            .flat_map(|f| f.claims.iter().map(|c| c.source.as_str()))
            .chain(
                self.facts
                    .iter()
                    .flat_map(|f| f.claims.iter().map(|c| c.source.as_str())),
            )
            .chain(self.dates.iter().map(|d| d.source.as_str()))
            .chain(self.links.iter().map(|l| l.source.as_str()));
        for id in claims {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// One counted quantity of an event, and what each source claims it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Identifier, unique within its event.
    pub id: Text,
    /// The side that received these people or remains. Left out only when the source
    /// gives one number for the whole swap without saying who received it ("a prisoner
    /// swap involving 1,000 prisoners of war and civilians"): such a figure belongs to
    /// neither side's total and is shown as "both sides, not split".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_by: Option<Side>,
    pub category: Category,
    /// Extra words when side and category do not say it all ("severely wounded").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    pub claims: List<Claim>,
}

/// A source's statement of a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The source making the claim (a source `id`).
    pub source: Text,
    pub value: Quantity,
    #[serde(default)]
    pub status: ClaimStatus,
    /// Whom the source attributes the statement to ("Vladimir Medinsky, Russia's chief negotiator").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Text>,
    /// The words in the source the claim rests on: one stretch, or (format 2)
    /// several verbatim pieces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// The source's own words for a vague amount ("dozens", "nearly 5,000"),
    /// shown beside the value, which gives its bounds (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Text>,
    /// When the claim was made, where that matters: a running total or an
    /// estimate "as of May 2025", a figure revised later (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_on: Option<EventDate>,
    /// The parts the source gives of this figure ("400: 280 soldiers and 120
    /// civilians"). Shown with the claim, never added to totals again (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub parts: List<Part>,
    /// Anything a reader should know about this claim (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// For a denial: the sources (by `id`) whose claims of this figure it
    /// answers. Left out, a denial answers every other claim (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub answers: List<Text>,
}

impl Claim {
    /// A claim of `value` by `source`, with every other field at its default
    /// ("claimed", no quote, nothing format 2 adds): what a test or a form
    /// starts from before it fills in the rest.
    pub fn new(source: impl Into<Text>, value: Quantity) -> Claim {
        Claim {
            source: source.into(),
            value,
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            words: None,
            stated_on: None,
            parts: List::new(),
            answers: List::new(),
            notes: None,
        }
    }
}

/// One part of a figure as a source breaks it down: "280 soldiers".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub category: Category,
    /// Extra words when the category does not say it ("national guard", "navy").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    pub value: Quantity,
}

/// A non-numeric point that sources state, and may disagree on:
/// who confirmed a handover, whether a transfer was an exchange or unilateral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Identifier, unique within its event or agreement.
    pub id: Text,
    /// The point in question, as a question: "Did Russia confirm the handover?"
    pub question: Text,
    pub claims: List<FactClaim>,
}

/// A source's answer to a [`Fact`]'s question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactClaim {
    /// The source making the claim (a source `id`).
    pub source: Text,
    /// Short answer; answers that are the same words (after place-name folding) agree.
    pub answer: Text,
    #[serde(default)]
    pub status: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// When the answer was given, where that matters (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_on: Option<EventDate>,
    /// Anything a reader should know about this answer (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// Talks and what was agreed there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Identifier that events use to say they fulfil this agreement.
    pub id: Text,
    pub title: Text,
    /// A formal agreement, or a promise made outside one ("25 will be released")
    /// (format 2); both are tracked the same way.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: AgreementKind,
    pub date: EventDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Parties that agreed.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub parties: List<Text>,
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub mediators: List<Text>,
    /// Quantified commitments, each set against what events deliver.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub terms: List<Term>,
    /// Non-numeric points sources state about the agreement.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub facts: List<Fact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// Agreements of other files that are this same agreement under other ids
    /// (agreement `id`s): one tracker when the files are opened together (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub same_as: List<Text>,
    /// Agreements of other files that are not this one, however alike (format 2).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub distinct_from: List<Text>,
}

/// What kind of commitment an [`Agreement`] records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// Agreed between the parties, at talks or in a signed document.
    #[default]
    Agreement,
    /// Announced by one side or a mediator outside a formal agreement.
    Promise,
}

/// A quantified commitment: "6,000 bodies to Ukraine".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Identifier, unique within its agreement.
    pub id: Text,
    pub description: Text,
    /// Which side is to receive.
    pub received_by: Side,
    pub category: Category,
    /// What sources say the commitment is.
    pub claims: List<Claim>,
    /// Anything a reader should know about the term (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// A total that a source states across several events, checked against the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunningTotal {
    pub id: Text,
    pub description: Text,
    /// Which events and figures the total covers.
    pub scope: TotalScope,
    /// Whether the claims count people (or remains) or count events ("the third such round").
    #[serde(default)]
    pub counts: TotalCounts,
    pub claims: List<Claim>,
    /// What the total takes in from before a day, as its source states it:
    /// "12,000 since 2022, of which 8,000 before 2024" (format 2). The data's
    /// events then count from that day on, and the total can be checked even
    /// though its scope reaches back before the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Anything a reader should know about the total (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// The part of a running total that lies before a day, as a source states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The day the baseline ends: it counts what came before this day; the
    /// data's events count from this day on.
    pub before: Date,
    /// How many the source says came before.
    pub value: Quantity,
    /// The source stating it (a source `id`).
    pub source: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
}

/// What a running total counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TotalCounts {
    /// The sum of the figures in scope.
    #[default]
    People,
    /// The number of events in scope.
    Events,
}

/// The events and figures a running total sums. Every field narrows the scope; none given means all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalScope {
    /// Only events fulfilling this agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Text>,
    /// Only events on or after this day (or the first day of this month or year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<CoarseDate>,
    /// Only events on or before this day (or the last day of this month or year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<CoarseDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_by: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventKind>,
}

/// A standing figure not tied to one event: people estimated to be held captive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextEstimate {
    pub id: Text,
    /// What is estimated: "Ukrainian soldiers held in Russian captivity".
    pub description: Text,
    pub category: Category,
    /// The side holding them, if the estimate is of captives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_by: Option<Side>,
    /// The date the estimate refers to: a day, or a month or year ("as of May 2025").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<CoarseDate>,
    pub claims: List<Claim>,
    /// Anything a reader should know about the estimate (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// A place and the other spellings it goes by: "Kyiv" and "Kiev".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceName {
    /// The spelling shown.
    pub canonical: Text,
    /// Spellings folded into it.
    pub variants: List<Text>,
}

/// Whether `c` is one of the marks that reorder how a line reads
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
pub fn is_direction_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1212), "1,212");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn quantities_print_as_articles_word_them() {
        assert_eq!(Quantity::MoreThan(500).to_string(), "more than 500");
        assert_eq!(
            Quantity::Range {
                low: 10,
                high: 1200
            }
            .to_string(),
            "10–1,200"
        );
        assert_eq!(Quantity::NotDisclosed.to_string(), "not disclosed");
    }

    #[test]
    fn date_bounds_follow_precision() {
        let d = EventDate {
            on: date(2025, 5, 14),
            until: None,
            precision: DatePrecision::Month,
        };
        assert_eq!(d.bounds(), (date(2025, 5, 1), date(2025, 5, 31)));
        assert_eq!(d.to_string(), "May 2025");
        let span = EventDate {
            on: date(2025, 6, 9),
            until: Some(date(2025, 6, 10)),
            precision: DatePrecision::Day,
        };
        assert!(!span.is_exact_day());
        assert_eq!(span.bounds(), (date(2025, 6, 9), date(2025, 6, 10)));
    }

    #[test]
    fn a_figure_may_leave_the_receiving_side_unsaid() {
        let f: Figure = serde_json::from_str(
            r#"{"id": "f", "category": "prisoners", "claims": [{"source": "s", "value": {"exact": 1000}}]}"#,
        )
        .unwrap();
        assert_eq!(f.received_by, None);
        let f: Figure = serde_json::from_str(
            r#"{"id": "f", "received_by": "russia", "category": "remains", "claims": []}"#,
        )
        .unwrap();
        assert_eq!(f.received_by, Some(Side::Russia));
        assert!(
            !serde_json::to_string(&Figure {
                received_by: None,
                ..f
            })
            .unwrap()
            .contains("received_by")
        );
    }

    #[test]
    fn an_event_with_nothing_but_its_id_title_date_and_kind_stays_small() {
        // What a file of bare events costs an event (docs/PERFORMANCE.md, target
        // 7): id and title 24 each, the date 12, place 32, agreement and notes
        // 24 each, seven lists of one pointer, the kind: 197, aligned to 200.
        assert_eq!(
            std::mem::size_of::<List<Figure>>(),
            std::mem::size_of::<usize>()
        );
        assert!(std::mem::size_of::<Event>() <= 200);
        assert!(std::mem::size_of::<Claim>() <= 184);
    }

    #[test]
    fn quantity_json_reads_like_prose() {
        let q: Quantity = serde_json::from_str(r#"{"more_than": 500}"#).unwrap();
        assert_eq!(q, Quantity::MoreThan(500));
        let q: Quantity = serde_json::from_str(r#""not_disclosed""#).unwrap();
        assert_eq!(q, Quantity::NotDisclosed);
        let q: Quantity = serde_json::from_str(r#"{"range": {"low": 1, "high": 2}}"#).unwrap();
        assert_eq!(q, Quantity::Range { low: 1, high: 2 });
    }
}
