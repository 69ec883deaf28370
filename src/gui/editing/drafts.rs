//! The forms' fields as typed, and what they become: a draft is read into a
//! core [`Edit`] (and the [`Target`] the item will have), or into the
//! messages for the fields that cannot be read. Figures and dates are read by
//! the core's own readers (`parse_quantity`, `parse_event_date`), so a form
//! takes what a spreadsheet cell or the file's display takes.

use factsheet_core::edit::capture::Proposal;
use factsheet_core::edit::{Edit, Item, Target};
use factsheet_core::model::{
    Affiliation, Category, Claim, ClaimStatus, Dataset, Event, EventDate, EventKind, FactClaim,
    Figure, List, Place, PlacePrecision, Quantity, Quote, Side, Source, Text, parse_event_date,
    parse_quantity,
};
use jiff::civil::Date;

use super::part_rows::{self, PartRow};

/// A form's fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    Source(SourceDraft),
    Claim(ClaimDraft),
    Event(EventDraft),
    Answer(AnswerDraft),
    Fact(super::FactDraft),
    Agreement(super::AgreementDraft),
    Term(super::TermDraft),
    RunningTotal(super::TotalDraft),
    Estimate(super::EstimateDraft),
}

/// A source's answer to a fact's question, as typed. `at` is the answer
/// edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerDraft {
    pub event: usize,
    pub fact: usize,
    pub at: Option<usize>,
    pub source: String,
    pub answer: String,
    pub status: ClaimStatus,
    pub attributed_to: String,
    /// Kept exactly as typed or pasted.
    pub quote: String,
    pub original: Option<FactClaim>,
}

/// An event as typed. `at` is the event edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub at: Option<usize>,
    pub id: String,
    pub title: String,
    /// As `parse_event_date` reads it: "2025-06-11", "about 2025-06-11", "June 2025".
    pub date: String,
    pub kind: EventKind,
    pub place: String,
    /// Comma-separated.
    pub mediators: String,
    /// The agreement's id, or empty for none.
    pub agreement: String,
    pub notes: String,
    /// The event as it was: its figures, facts and the rest are kept.
    pub original: Option<Event>,
}

/// A source as typed. `at` is the source edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDraft {
    pub at: Option<usize>,
    pub id: String,
    pub outlet: String,
    pub title: String,
    pub url: String,
    pub published: String,
    pub language: String,
    pub affiliation: Affiliation,
    pub archive_url: String,
    pub notes: String,
    /// The source as it was, for the fields the form does not show (kept as they are).
    pub original: Option<Source>,
}

/// The figure a claim belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureChoice {
    /// A figure of the event, by index.
    Existing(usize),
    /// A new figure of the event.
    New {
        id: String,
        received_by: Option<Side>,
        category: Category,
    },
}

/// A claim of a figure as typed. `at` is the (figure, claim) edited; `None` for a new one.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraft {
    pub event: usize,
    pub at: Option<(usize, usize)>,
    pub figure: FigureChoice,
    /// The source's id.
    pub source: String,
    pub value: String,
    pub status: ClaimStatus,
    pub attributed_to: String,
    /// Kept exactly as typed or pasted.
    pub quote: String,
    pub stated_on: String,
    /// The source's own words for a vague amount ("dozens", "nearly 5,000").
    pub words: String,
    pub parts: Vec<PartRow>,
    /// The claim as it was: its notes and answers are kept.
    pub original: Option<Claim>,
}

/// Field names, as the forms and the JSON paths use them.
pub mod field {
    pub const ID: &str = "id";
    pub const OUTLET: &str = "outlet";
    pub const TITLE: &str = "title";
    pub const URL: &str = "url";
    pub const PUBLISHED: &str = "published";
    pub const LANGUAGE: &str = "language";
    pub const ARCHIVE_URL: &str = "archive_url";
    pub const NOTES: &str = "notes";
    pub const FIGURE: &str = "figure";
    pub const SOURCE: &str = "source";
    pub const VALUE: &str = "value";
    pub const STATUS: &str = "status";
    pub const ATTRIBUTED_TO: &str = "attributed_to";
    pub const QUOTE: &str = "quote";
    pub const STATED_ON: &str = "stated_on";
    pub const WORDS: &str = "words";
    pub const PARTS: &str = super::super::part_rows::PARTS;
    pub const DATE: &str = "date";
    pub const KIND: &str = "kind";
    pub const PLACE: &str = "place";
    pub const MEDIATORS: &str = "mediators";
    pub const AGREEMENT: &str = "agreement";
    pub const ANSWER: &str = "answer";
}

/// What a draft cannot be read as: (field, message).
pub type FieldErrors = Vec<(&'static str, String)>;

/// What a form for a whole item makes: the item put back where it stands
/// (`existing`), or added at the `end` of its list.
pub(super) fn put(
    existing: Option<usize>,
    end: usize,
    target: fn(usize) -> Target,
    item: Item,
    errors: FieldErrors,
) -> Reading {
    let at = target(existing.unwrap_or(end));
    let edit = match existing {
        Some(_) => Edit::Replace { at, item },
        None => Edit::Insert { at, item },
    };
    Reading {
        edit: Some((edit, at)),
        errors,
    }
}

/// A draft read as far as it can be.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The edit, with unreadable fields left out; `None` when there is no
    /// item to make (the event is gone).
    pub edit: Option<(Edit, Target)>,
    pub errors: FieldErrors,
}

impl Draft {
    /// The fields the form shows, in order.
    pub fn fields(&self) -> &'static [&'static str] {
        use field::*;
        match self {
            Draft::Source(_) => &[
                ID,
                OUTLET,
                TITLE,
                URL,
                PUBLISHED,
                LANGUAGE,
                ARCHIVE_URL,
                NOTES,
            ],
            Draft::Claim(_) => &[
                FIGURE,
                SOURCE,
                VALUE,
                STATUS,
                ATTRIBUTED_TO,
                QUOTE,
                STATED_ON,
                WORDS,
                PARTS,
            ],
            Draft::Event(_) => &[ID, TITLE, DATE, KIND, PLACE, MEDIATORS, AGREEMENT, NOTES],
            Draft::Answer(_) => &[SOURCE, ANSWER, STATUS, ATTRIBUTED_TO, QUOTE],
            Draft::Fact(_) => super::FactDraft::FIELDS,
            Draft::Agreement(_) => super::AgreementDraft::FIELDS,
            Draft::Term(_) => super::TermDraft::FIELDS,
            Draft::RunningTotal(_) => super::TotalDraft::FIELDS,
            Draft::Estimate(_) => super::EstimateDraft::FIELDS,
        }
    }

    /// Where a field's diagnostics are, under the item's path: a claim's
    /// fields lie under the claim, inside a new figure's first claim.
    pub fn path_of<'f>(&self, field: &'f str) -> &'f str {
        match self {
            Draft::Claim(c) if c.at.is_none() && matches!(c.figure, FigureChoice::New { .. }) => {
                // Diagnostics of a new figure: its own fields, or its one claim's.
                match field {
                    field::FIGURE => "id",
                    _ => claim_in_new_figure(field),
                }
            }
            _ => field,
        }
    }

    /// The edit this draft makes on `dataset`, and where the item lands;
    /// or what its fields cannot be read as.
    pub fn to_edit(&self, dataset: &Dataset) -> Result<(Edit, Target), FieldErrors> {
        let reading = self.read(dataset);
        match reading.edit {
            Some(edit) if reading.errors.is_empty() => Ok(edit),
            _ => Err(reading.errors),
        }
    }

    /// The draft read as far as it can be: the edit with each unreadable
    /// field left out (so that validation still speaks about the others),
    /// and what those fields cannot be read as.
    pub fn read(&self, dataset: &Dataset) -> Reading {
        match self {
            Draft::Source(s) => s.read(dataset),
            Draft::Claim(c) => c.read(dataset),
            Draft::Event(e) => e.read(dataset),
            Draft::Answer(a) => a.read(dataset),
            Draft::Fact(f) => f.read(dataset),
            Draft::Agreement(a) => a.read(dataset),
            Draft::Term(t) => t.read(dataset),
            Draft::RunningTotal(t) => t.read(dataset),
            Draft::Estimate(e) => e.read(dataset),
        }
    }
}

/// The path of a claim field inside a new figure (its claim 0).
fn claim_in_new_figure(field: &str) -> &'static str {
    match field {
        field::SOURCE => "claims[0].source",
        field::VALUE => "claims[0].value",
        field::STATUS => "claims[0].status",
        field::ATTRIBUTED_TO => "claims[0].attributed_to",
        field::QUOTE => "claims[0].quote",
        field::STATED_ON => "claims[0].stated_on",
        field::WORDS => "claims[0].words",
        field::PARTS => "claims[0].parts",
        _ => "claims[0]",
    }
}

/// `None` for an empty field, else its text trimmed.
pub(super) fn optional(text: &str) -> Option<Text> {
    let t = text.trim();
    (!t.is_empty()).then(|| Text::from(t))
}

pub(super) fn day(text: &str, field: &'static str, errors: &mut FieldErrors) -> Option<Date> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<Date>() {
        Ok(d) if t.len() == 10 => Some(d),
        _ => {
            errors.push((field, format!("\"{t}\" is not a day like 2025-06-11")));
            None
        }
    }
}

impl SourceDraft {
    pub fn of(at: usize, s: &Source) -> SourceDraft {
        let text = |t: &Option<Text>| t.as_deref().unwrap_or("").to_string();
        SourceDraft {
            at: Some(at),
            id: s.id.to_string(),
            outlet: s.outlet.to_string(),
            title: text(&s.title),
            url: text(&s.url),
            published: s.published.map(|d| d.to_string()).unwrap_or_default(),
            language: text(&s.language),
            affiliation: s.affiliation,
            archive_url: text(&s.archive_url),
            notes: text(&s.notes),
            original: Some(s.clone()),
        }
    }

    /// A new source with an id no source has yet.
    pub fn new_in(dataset: &Dataset) -> SourceDraft {
        let id = (1..)
            .map(|n| format!("source-{n}"))
            .find(|id| dataset.source(id).is_none())
            .unwrap_or_default();
        SourceDraft {
            id,
            ..SourceDraft::default()
        }
    }

    fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        let id = self.id.trim();
        if id.is_empty() {
            errors.push((
                field::ID,
                "the id is empty: claims cite a source by it".into(),
            ));
        }
        // A duplicate keeps its original's fields, not its citations.
        if let Some(old) = self.original.as_ref().filter(|_| self.at.is_some())
            && old.id != id
        {
            let citing = factsheet_core::edit::source_citations(dataset, &old.id).len();
            if citing > 0 {
                errors.push((
                    field::ID,
                    format!(
                        "{citing} claim(s) or reference(s) cite \"{}\": its id stays while they do",
                        old.id
                    ),
                ));
            }
        }
        let published = day(&self.published, field::PUBLISHED, &mut errors);
        let kept = self.original.as_ref();
        let source = Source {
            id: id.into(),
            outlet: self.outlet.trim().into(),
            title: optional(&self.title),
            url: optional(&self.url),
            published,
            language: optional(&self.language),
            affiliation: self.affiliation,
            archive_url: optional(&self.archive_url),
            retrieved: kept.and_then(|s| s.retrieved),
            notes: optional(&self.notes),
            relays: kept.and_then(|s| s.relays.clone()),
            saved_copy: kept.and_then(|s| s.saved_copy.clone()),
        };
        put(
            self.at,
            dataset.sources.len(),
            Target::Source,
            Item::Source(source),
            errors,
        )
    }
}

impl ClaimDraft {
    /// A new claim of the event at `event`: of its first figure, if it has
    /// one, by the first source.
    pub fn new_in(dataset: &Dataset, event: usize) -> ClaimDraft {
        let has_figure = dataset
            .events
            .get(event)
            .is_some_and(|e| !e.figures.is_empty());
        ClaimDraft {
            event,
            at: None,
            figure: if has_figure {
                FigureChoice::Existing(0)
            } else {
                FigureChoice::New {
                    id: String::new(),
                    received_by: None,
                    category: Category::Prisoners,
                }
            },
            source: dataset
                .sources
                .first()
                .map(|s| s.id.to_string())
                .unwrap_or_default(),
            value: String::new(),
            status: ClaimStatus::Claimed,
            attributed_to: String::new(),
            quote: String::new(),
            stated_on: String::new(),
            words: String::new(),
            parts: Vec::new(),
            original: None,
        }
        .with_new_figure_id(dataset)
    }

    pub fn of(event: usize, figure: usize, claim: usize, c: &Claim) -> ClaimDraft {
        ClaimDraft {
            event,
            at: Some((figure, claim)),
            figure: FigureChoice::Existing(figure),
            source: c.source.to_string(),
            value: c.value.to_string(),
            status: c.status,
            attributed_to: c.attributed_to.as_deref().unwrap_or("").to_string(),
            quote: c
                .quote
                .as_ref()
                .map(|q| q.as_str().to_string())
                .unwrap_or_default(),
            stated_on: c
                .stated_on
                .as_ref()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            words: c.words.as_deref().unwrap_or("").to_string(),
            parts: part_rows::rows_of(&c.parts),
            original: Some(c.clone()),
        }
    }

    /// The draft a pasted quote proposes, for the event at `event` and the
    /// source `source`: the figure of the event with the proposed side and
    /// category if there is one, else a new figure.
    pub fn proposed(dataset: &Dataset, event: usize, source: &str, p: &Proposal) -> ClaimDraft {
        let mut draft = ClaimDraft::new_in(dataset, event);
        draft.source = source.to_string();
        draft.quote = p.quote.clone();
        draft.value = p.value.map(|v| v.to_string()).unwrap_or_default();
        draft.attributed_to = p.attributed_to.clone().unwrap_or_default();
        if let Some(category) = p.category {
            let existing = dataset.events.get(event).and_then(|e| {
                e.figures
                    .iter()
                    .position(|f| f.category == category && f.received_by == p.received_by)
            });
            draft.figure = match existing {
                Some(i) => FigureChoice::Existing(i),
                None => FigureChoice::New {
                    id: String::new(),
                    received_by: p.received_by,
                    category,
                },
            };
        }
        draft.with_new_figure_id(dataset)
    }

    /// A new figure's id from its category and side ("remains-to-ukraine"),
    /// made unique in the event, when it has none.
    pub fn with_new_figure_id(mut self, dataset: &Dataset) -> ClaimDraft {
        if let FigureChoice::New {
            id,
            received_by,
            category,
        } = &mut self.figure
            && id.is_empty()
        {
            let base = match received_by {
                Some(side) => format!("{}-to-{}", category.label(), side.label()),
                None => category.label().to_string(),
            }
            .to_lowercase()
            .replace(' ', "-");
            let taken = |candidate: &str| {
                dataset
                    .events
                    .get(self.event)
                    .is_some_and(|e| e.figures.iter().any(|f| f.id == candidate))
            };
            *id = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|c| !taken(c))
                .unwrap_or(base);
        }
        self
    }

    fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        // An unreadable figure is previewed as "not disclosed": its own
        // message is the reader's, and the other fields are still checked.
        let value = parse_quantity(&self.value)
            .map_err(|e| errors.push((field::VALUE, e)))
            .unwrap_or(Quantity::NotDisclosed);
        let stated_on = if self.stated_on.trim().is_empty() {
            None
        } else {
            parse_event_date(&self.stated_on)
                .map_err(|e| errors.push((field::STATED_ON, e)))
                .ok()
        };
        if self.source.trim().is_empty() {
            errors.push((
                field::SOURCE,
                "choose the source that makes the claim".into(),
            ));
        }
        let event = dataset.events.get(self.event);
        if event.is_none() {
            errors.push((field::FIGURE, "the event is no longer in the data".into()));
        }
        if let FigureChoice::New { id, .. } = &self.figure
            && id.trim().is_empty()
        {
            errors.push((field::FIGURE, "the new figure needs an id".into()));
        }
        let Some(event) = event else {
            return Reading { edit: None, errors };
        };
        let base = self
            .original
            .clone()
            .unwrap_or_else(|| Claim::new(self.source.trim(), value));
        let claim = Claim {
            source: self.source.trim().into(),
            value,
            status: self.status,
            attributed_to: optional(&self.attributed_to),
            // Exactly as pasted: a quote is evidence, not text to tidy.
            quote: (!self.quote.trim().is_empty()).then(|| Quote::from(self.quote.as_str())),
            stated_on,
            words: optional(&self.words),
            parts: part_rows::read_rows(&self.parts, &mut errors),
            ..base
        };
        let e = self.event;
        let edit = match (&self.figure, self.at) {
            (_, Some((figure, c))) => {
                let at = Target::Claim {
                    event: e,
                    figure,
                    claim: c,
                };
                let item = Item::Claim(claim);
                (Edit::Replace { at, item }, at)
            }
            (FigureChoice::Existing(figure), None) => {
                let claims = event.figures.get(*figure).map_or(0, |f| f.claims.len());
                let at = Target::Claim {
                    event: e,
                    figure: *figure,
                    claim: claims,
                };
                (
                    Edit::Insert {
                        at,
                        item: Item::Claim(claim),
                    },
                    at,
                )
            }
            (
                FigureChoice::New {
                    id,
                    received_by,
                    category,
                },
                None,
            ) => {
                let at = Target::Figure {
                    event: e,
                    figure: event.figures.len(),
                };
                let figure = Figure {
                    id: id.trim().into(),
                    received_by: *received_by,
                    category: *category,
                    label: None,
                    claims: List::from(vec![claim]),
                };
                (
                    Edit::Insert {
                        at,
                        item: Item::Figure(figure),
                    },
                    at,
                )
            }
        };
        Reading {
            edit: Some(edit),
            errors,
        }
    }
}

impl EventDraft {
    pub fn of(at: usize, e: &Event) -> EventDraft {
        EventDraft {
            at: Some(at),
            id: e.id.to_string(),
            title: e.title.to_string(),
            date: e.date.to_string(),
            kind: e.kind,
            place: e
                .place
                .as_ref()
                .map(|p| p.name.to_string())
                .unwrap_or_default(),
            mediators: e.mediators.join(", "),
            agreement: e.agreement.as_deref().unwrap_or("").to_string(),
            notes: e.notes.as_deref().unwrap_or("").to_string(),
            original: Some(e.clone()),
        }
    }

    /// A new event with an id no event has yet.
    pub fn new_in(dataset: &Dataset) -> EventDraft {
        let id = (1..)
            .map(|n| format!("event-{n}"))
            .find(|id| dataset.event(id).is_none())
            .unwrap_or_default();
        EventDraft {
            at: None,
            id,
            title: String::new(),
            date: String::new(),
            kind: EventKind::PrisonerExchange,
            place: String::new(),
            mediators: String::new(),
            agreement: String::new(),
            notes: String::new(),
            original: None,
        }
    }

    fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        let id = self.id.trim();
        if id.is_empty() {
            errors.push((field::ID, "the id is empty".into()));
        }
        // An unreadable date is previewed as the date the event had (or
        // today, for a new one): the reader's message says what is wrong.
        let date = parse_event_date(&self.date)
            .map_err(|e| errors.push((field::DATE, e)))
            .unwrap_or_else(|()| {
                self.original.as_ref().map_or_else(
                    || EventDate::day(factsheet_core::load::today()),
                    |e| e.date.clone(),
                )
            });
        let place = optional(&self.place).map(|name| Place {
            name,
            precision: self
                .original
                .as_ref()
                .and_then(|e| e.place.as_ref())
                .map_or(PlacePrecision::Unknown, |p| p.precision),
        });
        let mediators: List<Text> = self.mediators.split(',').filter_map(optional).collect();
        let kept = self.original.clone().unwrap_or(Event {
            id: Text::default(),
            title: Text::default(),
            date: date.clone(),
            kind: self.kind,
            place: None,
            mediators: List::new(),
            agreement: None,
            figures: List::new(),
            facts: List::new(),
            dates: List::new(),
            links: List::new(),
            notes: None,
            same_as: List::new(),
            distinct_from: List::new(),
        });
        let event = Event {
            id: id.into(),
            title: self.title.trim().into(),
            date,
            kind: self.kind,
            place,
            mediators,
            agreement: optional(&self.agreement),
            notes: optional(&self.notes),
            ..kept
        };
        put(
            self.at,
            dataset.events.len(),
            Target::Event,
            Item::Event(event),
            errors,
        )
    }
}

impl AnswerDraft {
    /// A new answer to the fact at `fact` of the event at `event`, by the first source.
    pub fn new_in(dataset: &Dataset, event: usize, fact: usize) -> AnswerDraft {
        AnswerDraft {
            event,
            fact,
            at: None,
            source: dataset
                .sources
                .first()
                .map(|s| s.id.to_string())
                .unwrap_or_default(),
            answer: String::new(),
            status: ClaimStatus::Claimed,
            attributed_to: String::new(),
            quote: String::new(),
            original: None,
        }
    }

    pub fn of(event: usize, fact: usize, at: usize, c: &FactClaim) -> AnswerDraft {
        AnswerDraft {
            event,
            fact,
            at: Some(at),
            source: c.source.to_string(),
            answer: c.answer.to_string(),
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

    fn read(&self, dataset: &Dataset) -> Reading {
        let mut errors = FieldErrors::new();
        if self.answer.trim().is_empty() {
            errors.push((
                field::ANSWER,
                "the answer is empty: \"yes\", \"no\", a name…".into(),
            ));
        }
        let Some(fact) = dataset
            .events
            .get(self.event)
            .and_then(|e| e.facts.get(self.fact))
        else {
            errors.push((field::ANSWER, "the fact is no longer in the data".into()));
            return Reading { edit: None, errors };
        };
        let answer = FactClaim {
            source: self.source.trim().into(),
            answer: self.answer.trim().into(),
            status: self.status,
            attributed_to: optional(&self.attributed_to),
            quote: (!self.quote.trim().is_empty()).then(|| Quote::from(self.quote.as_str())),
            stated_on: self.original.as_ref().and_then(|c| c.stated_on.clone()),
            notes: self.original.as_ref().and_then(|c| c.notes.clone()),
        };
        let at = Target::FactClaim {
            event: self.event,
            fact: self.fact,
            claim: self.at.unwrap_or(fact.claims.len()),
        };
        let item = Item::FactClaim(answer);
        let edit = match self.at {
            Some(_) => Edit::Replace { at, item },
            None => Edit::Insert { at, item },
        };
        Reading {
            edit: Some((edit, at)),
            errors,
        }
    }
}
