//! The comparison of one event (or agreement), with everything the side panel
//! shows: per figure every claim normalised with its source, voice and fit,
//! the low / best / high estimate and class; per fact the answers and who gives
//! them; the sources as matrix columns; and the place names spelled two ways.
//!
//! This is the detailed, owned view for one selection; the whole-dataset view
//! (`crate::compare::dataset`) keeps only classes and estimates.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::backing::{Backing, Voice};
use crate::compare::context::{Comparer, SourceInfo};
use crate::compare::facts::{FactComparison, compare_fact};
use crate::compare::numeric::{Consensus, Estimate, Form, Span, allowed, stated};
use crate::compare::places::{Folded, Spelling, SpellingTally};
use crate::model::{Agreement, Category, Claim, ClaimStatus, Event, Fact, Figure, Quantity, Side};

/// How one claim stands against the figure's best value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// States the best value itself ("1,212", or "about 1,212").
    States,
    /// Allows the best value without stating it ("more than 500" beside 503).
    Allows,
    /// Rules the best value out: the cell to highlight in a conflicting figure.
    Contradicts,
    /// A denial that rules out what other claims state.
    Denies,
    /// A denial that no other claim is hit by.
    DeniesNothing,
    /// Gives no number.
    NoNumber,
}

impl Fit {
    pub fn label(self) -> &'static str {
        match self {
            Fit::States => "states the best value",
            Fit::Allows => "allows the best value",
            Fit::Contradicts => "contradicts the best value",
            Fit::Denies => "denies what others state",
            Fit::DeniesNothing => "denial",
            Fit::NoNumber => "no number",
        }
    }
}

/// One source's claim on a figure, with what the panel shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimView {
    /// Position of the claim in the figure's `claims`.
    pub index: usize,
    /// Column of its source in [`EventComparison::sources`] (0 when compared alone).
    pub column: usize,
    pub source: SourceInfo,
    pub value: Quantity,
    pub form: Form,
    /// The values it states ("about N" taken as N).
    pub stated: Option<Span>,
    /// The values it can be true of ("about N" widened by the tolerance).
    pub allowed: Option<Span>,
    pub status: ClaimStatus,
    pub voice: Voice,
    pub fit: Fit,
    pub attributed_to: Option<String>,
    pub quote: Option<String>,
}

/// Everything the side panel shows for one figure (or agreement term).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureComparison {
    /// Position of the figure in its event's `figures` (or the term in `terms`).
    pub index: usize,
    pub id: String,
    /// The side that received; `None` when the figure covers a whole swap.
    pub received_by: Option<Side>,
    pub category: Category,
    /// The figure's label (or the term's description).
    pub label: Option<String>,
    pub class: Consensus,
    pub estimate: Estimate,
    /// The values every live claim allows at once; `None` when they conflict.
    pub common: Option<Span>,
    /// Who stands behind the claims that state or allow the best value.
    pub backing: Backing,
    /// Every claim, in file order.
    pub claims: Vec<ClaimView>,
}

impl FigureComparison {
    /// The claims of the source in `column`: one cell of the figure × source matrix.
    pub fn cell(&self, column: usize) -> impl Iterator<Item = &ClaimView> {
        self.claims.iter().filter(move |c| c.column == column)
    }

    /// "Confirmed only by one party": the side all party voices behind the best value
    /// come from, when no other party and no international body backs it.
    pub fn only_party(&self) -> Option<Side> {
        self.backing.only_party()
    }
}

/// Everything the side panel shows for one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventComparison {
    pub event_id: String,
    /// The columns of the figure × source matrix: every source the event cites,
    /// in first-cited order.
    pub sources: Vec<SourceInfo>,
    pub figures: Vec<FigureComparison>,
    pub facts: Vec<FactComparison>,
    /// The event's place with its name folded (Kiev shown as Kyiv).
    pub place: Option<Folded>,
    /// Places spelled two or more ways across the claims' answers and quotes.
    pub spellings: Vec<Spelling>,
}

impl EventComparison {
    /// True when a figure or fact is conflicting: what the "only disagreements" toggle keeps.
    pub fn disagrees(&self) -> bool {
        self.figures.iter().any(|f| f.class.is_conflict())
            || self.facts.iter().any(|f| f.class.is_conflict())
    }
}

/// Everything the side panel shows for one agreement: its terms compared like figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementComparison {
    pub agreement_id: String,
    pub sources: Vec<SourceInfo>,
    pub terms: Vec<FigureComparison>,
    pub facts: Vec<FactComparison>,
    pub spellings: Vec<Spelling>,
}

impl AgreementComparison {
    pub fn disagrees(&self) -> bool {
        self.terms.iter().any(|f| f.class.is_conflict())
            || self.facts.iter().any(|f| f.class.is_conflict())
    }
}

impl Comparer {
    /// The side panel's comparison of one event.
    pub fn event(&self, event: &Event) -> EventComparison {
        let columns = Columns::of(
            event
                .figures
                .iter()
                .flat_map(|f| f.claims.iter().map(|c| c.source.as_str()))
                .chain(facts_sources(&event.facts)),
        );
        let figures = event
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| self.figure_at(i, f, &columns))
            .collect();
        let facts: Vec<FactComparison> = event
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| compare_fact(self, i, f))
            .collect();
        EventComparison {
            event_id: event.id.to_string(),
            sources: columns.infos(self),
            figures,
            facts,
            place: event.place.as_ref().map(|p| self.places.fold(&p.name)),
            spellings: self.spellings(
                event.figures.iter().flat_map(|f| &f.claims),
                &event.facts,
                &columns.titles(self),
            ),
        }
    }

    /// The side panel's comparison of one agreement.
    pub fn agreement(&self, agreement: &Agreement) -> AgreementComparison {
        let columns = Columns::of(
            agreement
                .terms
                .iter()
                .flat_map(|t| t.claims.iter().map(|c| c.source.as_str()))
                .chain(facts_sources(&agreement.facts)),
        );
        let terms = agreement
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                self.claims_at(
                    i,
                    &t.id,
                    Some(t.received_by),
                    t.category,
                    Some(&t.description),
                    &t.claims,
                    &columns,
                )
            })
            .collect();
        AgreementComparison {
            agreement_id: agreement.id.to_string(),
            sources: columns.infos(self),
            terms,
            facts: agreement
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| compare_fact(self, i, f))
                .collect(),
            spellings: self.spellings(
                agreement.terms.iter().flat_map(|t| &t.claims),
                &agreement.facts,
                &columns.titles(self),
            ),
        }
    }

    /// The comparison of one figure on its own (columns follow its own claims).
    pub fn figure(&self, figure: &Figure) -> FigureComparison {
        let columns = Columns::of(figure.claims.iter().map(|c| c.source.as_str()));
        self.figure_at(0, figure, &columns)
    }

    /// The comparison of one fact on its own.
    pub fn fact(&self, fact: &Fact) -> FactComparison {
        compare_fact(self, 0, fact)
    }

    fn figure_at(&self, index: usize, f: &Figure, columns: &Columns) -> FigureComparison {
        self.claims_at(
            index,
            &f.id,
            f.received_by,
            f.category,
            f.label.as_deref(),
            &f.claims,
            columns,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn claims_at(
        &self,
        index: usize,
        id: &str,
        received_by: Option<Side>,
        category: Category,
        label: Option<&str>,
        claims: &[Claim],
        columns: &Columns,
    ) -> FigureComparison {
        let outcome = self.origins.analyse(claims);
        let best = outcome.estimate.best;
        let mut backing = Backing::default();
        let views = claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let voice = self.voice(&c.source, c.attributed_to.as_deref());
                let fit = fit(c, claims, best, outcome.class);
                if matches!(fit, Fit::States | Fit::Allows) {
                    backing.add(voice, c.status);
                }
                ClaimView {
                    index: i,
                    column: columns.of_source(&c.source),
                    source: self.source(&c.source),
                    value: c.value,
                    form: Form::of(c.value),
                    stated: stated(c.value),
                    allowed: allowed(c.value),
                    status: c.status,
                    voice,
                    fit,
                    attributed_to: c.attributed_to.as_deref().map(str::to_string),
                    quote: c.quote.as_deref().map(str::to_string),
                }
            })
            .collect();
        FigureComparison {
            index,
            id: id.to_string(),
            received_by,
            category,
            label: label.map(str::to_string),
            class: outcome.class,
            estimate: outcome.estimate,
            common: outcome.common,
            backing,
            claims: views,
        }
    }

    /// Places spelled two ways across what the sources write: quotes, answers,
    /// attributions, and the titles of the sources cited.
    fn spellings<'c>(
        &self,
        claims: impl Iterator<Item = &'c Claim>,
        facts: &[Fact],
        titles: &[(String, Option<String>)],
    ) -> Vec<Spelling> {
        let mut tally = SpellingTally::default();
        let places = &self.places;
        for c in claims {
            for text in [c.quote.as_deref(), c.attributed_to.as_deref()]
                .into_iter()
                .flatten()
            {
                tally.record(places, text, &c.source);
            }
        }
        for c in facts.iter().flat_map(|f| &f.claims) {
            tally.record(places, &c.answer, &c.source);
            for text in [c.quote.as_deref(), c.attributed_to.as_deref()]
                .into_iter()
                .flatten()
            {
                tally.record(places, text, &c.source);
            }
        }
        for (id, title) in titles {
            if let Some(t) = title {
                tally.record(places, t, id);
            }
        }
        tally.finish(places)
    }
}

fn facts_sources(facts: &[Fact]) -> impl Iterator<Item = &str> {
    facts
        .iter()
        .flat_map(|f| f.claims.iter().map(|c| c.source.as_str()))
}

fn fit(c: &Claim, claims: &[Claim], best: Option<u64>, class: Consensus) -> Fit {
    if c.status == ClaimStatus::Denied {
        let hits = claims.iter().any(|other| {
            other.status != ClaimStatus::Denied
                && crate::compare::numeric::relation(c, other)
                    == Some(crate::compare::numeric::Relation::Conflict)
        });
        return if hits {
            Fit::Denies
        } else {
            Fit::DeniesNothing
        };
    }
    let (Some(s), Some(a)) = (stated(c.value), allowed(c.value)) else {
        return Fit::NoNumber;
    };
    match best {
        Some(b) if s == Span::exact(b) => Fit::States,
        Some(b) if a.contains(b) => Fit::Allows,
        Some(_) => Fit::Contradicts,
        // No best value: every claim is compatible unless the figure conflicts.
        None if class == Consensus::Conflicting => Fit::Contradicts,
        None => Fit::Allows,
    }
}

/// Source ids in first-cited order: the matrix columns.
struct Columns<'a> {
    ids: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Columns<'a> {
    fn of(all: impl Iterator<Item = &'a str>) -> Self {
        let mut ids: Vec<&'a str> = Vec::new();
        let mut index = HashMap::new();
        for id in all {
            index.entry(id).or_insert_with(|| {
                ids.push(id);
                ids.len() - 1
            });
        }
        Columns { ids, index }
    }

    fn of_source(&self, id: &str) -> usize {
        self.index.get(id).copied().unwrap_or(0)
    }

    fn titles(&self, comparer: &Comparer) -> Vec<(String, Option<String>)> {
        self.ids
            .iter()
            .map(|id| (id.to_string(), comparer.title(id).map(str::to_string)))
            .collect()
    }

    fn infos(&self, comparer: &Comparer) -> Vec<SourceInfo> {
        self.ids.iter().map(|id| comparer.source(id)).collect()
    }
}
