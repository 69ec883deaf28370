//! Derived data the panels show: one summary row per event, the comparison of
//! sources for one event, and per-source tallies for the whole dataset.
//!
//! This is the app's one seam with [`crate::compare`]: every judgement of
//! agreement (classes, estimates, place-name folding, who backs a claim, the
//! source × source matrix) comes from the core and is shaped here for the panels.
//! Everything here is computed when data, filters or the selection change,
//! never per frame.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::compare::{
    Comparer, Consensus, DatasetComparison, Estimate, FactComparison, FigureComparison, Fit,
    PlaceTable, SourceInfo, Spelling,
};
use crate::model::{Category, ClaimStatus, Dataset, Event, EventKind, Side, Source};

/// How far the sources of an event (or of one figure) are from one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Agreement {
    /// Every point is reported by one source only, or by sources that agree.
    #[default]
    None,
    /// Sources word things differently but can all be right.
    Compatible,
    /// Sources contradict each other.
    Conflict,
}

/// One line of the events table: what the columns show and sort by.
#[derive(Debug, Clone)]
pub struct EventRow {
    /// First and last day the date can mean; sorting uses the first.
    pub first_day: Date,
    pub last_day: Date,
    /// The date as shown: "c. 2025-06-11", "May 2025", ...
    pub date_text: String,
    /// True when the date is not one exactly known day.
    pub approximate: bool,
    pub kind: EventKind,
    pub title: String,
    /// Place under its canonical spelling, "" when unknown.
    pub place: String,
    /// Best estimate of the largest figure received by each side (`None`: no figure, or none disclosed).
    pub to_ukraine: Option<u64>,
    pub to_russia: Option<u64>,
    /// What each side received, as shown: "1,212 remains".
    pub to_ukraine_text: String,
    pub to_russia_text: String,
    /// Figures that give one number for both sides together, as shown: "1,000 prisoners in all,
    /// not split by side". In neither side column, so a swap's total never reads as that many each way.
    pub unsplit_text: String,
    /// Categories counted, as shown: "remains", "soldiers, civilians".
    pub categories: String,
    /// Distinct sources cited by the event.
    pub source_count: usize,
    /// Ids of those sources, for the source filter.
    pub source_ids: Vec<String>,
    /// Which sides received anything, for the side filter.
    pub sides: Vec<Side>,
    pub agreement: Agreement,
    /// Lower-cased text the free-text filter searches.
    pub haystack: String,
}

/// A place name under its canonical spelling ("Kiev" -> "Kyiv").
pub fn canonical_place(places: &PlaceTable, name: &str) -> String {
    places
        .canonical(name)
        .map_or_else(|| name.trim().to_string(), str::to_string)
}

/// One summary row per event, in dataset order, from the dataset's comparison.
pub fn event_rows(
    dataset: &Dataset,
    comparer: &Comparer,
    compared: &DatasetComparison,
) -> Vec<EventRow> {
    dataset
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| event_row(comparer, compared, i, e))
        .collect()
}

fn event_row(
    comparer: &Comparer,
    compared: &DatasetComparison,
    index: usize,
    event: &Event,
) -> EventRow {
    let (first_day, last_day) = event.date.bounds();
    let outcomes = compared.event_figures(index);
    let mut side_values: BTreeMap<Side, Vec<u64>> = BTreeMap::new();
    let mut side_text: BTreeMap<Side, Vec<String>> = BTreeMap::new();
    // Figures that name no receiving side ("a swap of 1,000 prisoners") belong to neither column alone.
    let mut unsplit: Vec<String> = Vec::new();
    let mut categories: Vec<Category> = Vec::new();
    for (figure, outcome) in event.figures.iter().zip(outcomes) {
        let est = &outcome.estimate;
        // "more than 500 prisoners": a figure the sources only bound reads in their words.
        let text = format!(
            "{} {}",
            if est.low.is_some() {
                est.text()
            } else {
                "undisclosed".to_string()
            },
            figure.category.label()
        );
        match figure.received_by {
            Some(side) => {
                // Sorts by the best, or by the lower bound when that is all there is.
                if let Some(n) = est.best.or(est.low) {
                    side_values.entry(side).or_default().push(n);
                }
                side_text.entry(side).or_default().push(text);
            }
            None => unsplit.push(format!("{text} in all, not split by side")),
        }
        if !categories.contains(&figure.category) {
            categories.push(figure.category);
        }
    }
    let agreement = if compared.event_disagrees(index) {
        Agreement::Conflict
    } else if outcomes
        .iter()
        .map(|o| o.class)
        .chain(compared.event_facts(index).iter().map(|f| f.class))
        .any(|c| c == Consensus::Compatible)
    {
        Agreement::Compatible
    } else {
        Agreement::None
    };
    let largest = |side: Side| side_values.get(&side).and_then(|v| v.iter().max().copied());
    let text = |side: Side| {
        side_text
            .get(&side)
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    };
    let source_ids: Vec<String> = event
        .cited_sources()
        .into_iter()
        .map(str::to_string)
        .collect();
    let place = event
        .place
        .as_ref()
        .map(|p| canonical_place(&comparer.places, &p.name))
        .unwrap_or_default();
    let mut haystack = format!("{} {} {}", event.id, event.title, place);
    for extra in event
        .place
        .iter()
        .map(|p| &p.name)
        .chain(&event.mediators)
        .chain(&event.notes)
    {
        haystack.push(' ');
        haystack.push_str(extra);
    }
    let sides = Side::ALL
        .into_iter()
        .filter(|s| side_text.contains_key(s) || !unsplit.is_empty())
        .collect();
    EventRow {
        first_day,
        last_day,
        date_text: event.date.to_string(),
        approximate: !event.date.is_exact_day(),
        kind: event.kind,
        title: event.title.to_string(),
        place,
        to_ukraine: largest(Side::Ukraine),
        to_russia: largest(Side::Russia),
        to_ukraine_text: text(Side::Ukraine),
        to_russia_text: text(Side::Russia),
        unsplit_text: unsplit.join("; "),
        categories: categories
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", "),
        source_count: source_ids.len(),
        source_ids,
        sides,
        agreement,
        haystack: haystack.to_lowercase(),
    }
}

/// How one point (a figure or a fact) stands between the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointClass {
    Agree,
    Compatible,
    Conflicting,
    SingleSource,
    NotDisclosed,
}

impl PointClass {
    pub fn label(self) -> &'static str {
        match self {
            PointClass::Agree => "sources agree",
            PointClass::Compatible => "compatible",
            PointClass::Conflicting => "sources disagree",
            PointClass::SingleSource => "one source only",
            PointClass::NotDisclosed => "not disclosed",
        }
    }

    pub fn is_disagreement(self) -> bool {
        self == PointClass::Conflicting
    }
}

impl From<Consensus> for PointClass {
    fn from(c: Consensus) -> Self {
        match c {
            Consensus::Agree => PointClass::Agree,
            Consensus::Compatible => PointClass::Compatible,
            Consensus::Conflicting => PointClass::Conflicting,
            Consensus::SingleSource => PointClass::SingleSource,
            Consensus::NotDisclosed => PointClass::NotDisclosed,
        }
    }
}

/// One source's statement on one point, ready to show.
#[derive(Debug, Clone)]
pub struct ClaimCell {
    pub source_id: String,
    /// A short name for the source: see [`source_name`].
    pub outlet: String,
    /// The source's full title, or its outlet when it has none.
    pub source_name: String,
    /// Who stands behind the source: "Ukrainian government", ...
    pub affiliation: String,
    /// Whom the claim speaks for: "Ukrainian side", "international body", ...
    pub voice: String,
    /// The claim as worded: "1,212", "more than 500", "yes".
    pub value: String,
    pub status: ClaimStatus,
    pub attributed_to: Option<String>,
    pub quote: Option<String>,
    /// The source's link, only when it is http(s).
    pub url: Option<String>,
    /// This claim rules out the value (or answer) most sources give: the cell to highlight.
    pub contradicts: bool,
    /// The claim with its source, ready to paste (see [`crate::cite`]).
    pub citation: String,
}

/// A figure or a fact with every source's claim side by side.
#[derive(Debug, Clone)]
pub struct PointView {
    /// "to Ukraine · remains", or the fact's question.
    pub label: String,
    /// Low / best / high and source count, for figures.
    pub estimate: Option<Estimate>,
    pub class: PointClass,
    /// Who stands behind the best value or the main answer: "both sides", "Russian side only", ...
    pub backing: Option<String>,
    /// Place names the claims spell differently (never a disagreement): "Luhansk: Lugansk (a), Luhansk (b)".
    pub spellings: Vec<String>,
    pub claims: Vec<ClaimCell>,
    /// Every claim with its source, one per line, ready to paste.
    pub citation: String,
}

/// The comparison of sources for one event.
#[derive(Debug, Clone)]
pub struct EventComparison {
    pub event_index: usize,
    pub figures: Vec<PointView>,
    pub facts: Vec<PointView>,
    /// Places spelled two or more ways across the event's claims.
    pub spellings: Vec<String>,
}

impl EventComparison {
    pub fn disagreements(&self) -> usize {
        self.figures
            .iter()
            .chain(&self.facts)
            .filter(|p| p.class.is_disagreement())
            .count()
    }
}

/// A short name for a source: its outlet, or when the outlet is not known
/// ("unknown"), the start of its title, so two unnamed articles stay apart.
pub fn source_name(outlet: &str, title: Option<&str>, id: &str) -> String {
    let outlet = outlet.trim();
    if !outlet.is_empty() && !outlet.eq_ignore_ascii_case("unknown") {
        return outlet.to_string();
    }
    match title {
        Some(title) => {
            const MAX: usize = 32;
            let mut short: String = title.chars().take(MAX).collect();
            if title.chars().count() > MAX {
                short.push('…');
            }
            format!("“{short}”")
        }
        None => id.to_string(),
    }
}

/// [`source_name`] of a dataset's source.
pub fn name_of(source: &Source) -> String {
    source_name(&source.outlet, source.title.as_deref(), &source.id)
}

fn cell(dataset: &Dataset, info: &SourceInfo) -> ClaimCell {
    ClaimCell {
        source_id: info.id.clone(),
        outlet: source_name(&info.outlet, info.title.as_deref(), &info.id),
        source_name: info.title.clone().unwrap_or_else(|| info.outlet.clone()),
        affiliation: if info.known {
            info.affiliation.label().to_string()
        } else {
            "unknown source".to_string()
        },
        voice: String::new(),
        value: String::new(),
        status: ClaimStatus::default(),
        attributed_to: None,
        quote: None,
        url: dataset
            .source(&info.id)
            .and_then(|s| s.url.as_deref())
            .filter(|u| crate::load::is_web_link(u))
            .map(str::to_string),
        contradicts: false,
        citation: String::new(),
    }
}

fn spelling_notes(spellings: &[Spelling]) -> Vec<String> {
    spellings
        .iter()
        .map(|s| {
            let forms: Vec<String> = s
                .forms
                .iter()
                .map(|f| format!("“{}” ({})", f.text, f.sources.join(", ")))
                .collect();
            format!("{} is spelled {}", s.canonical, forms.join(" and "))
        })
        .collect()
}

fn figure_point(dataset: &Dataset, event: &Event, f: &FigureComparison) -> PointView {
    let figure = event.figures.get(f.index);
    let side = f
        .received_by
        .map_or("both sides, not split", Side::to_label);
    let mut label = format!("{side} · {}", f.category.label());
    if let Some(extra) = &f.label {
        label.push_str(&format!(" ({extra})"));
    }
    PointView {
        citation: figure.map_or_else(String::new, |fig| {
            crate::cite::figure_citation(dataset, event, fig)
        }),
        label,
        estimate: Some(f.estimate),
        class: f.class.into(),
        backing: (!f.backing.is_empty()).then(|| f.backing.label().to_string()),
        spellings: Vec::new(),
        claims: f
            .claims
            .iter()
            .map(|c| ClaimCell {
                voice: c.voice.label().to_string(),
                value: c.value.to_string(),
                status: c.status,
                attributed_to: c.attributed_to.clone(),
                quote: c.quote.clone(),
                contradicts: matches!(c.fit, Fit::Contradicts | Fit::Denies),
                citation: figure
                    .and_then(|fig| Some((fig, fig.claims.get(c.index)?)))
                    .map_or_else(String::new, |(fig, claim)| {
                        crate::cite::claim_citation(dataset, event, fig, claim)
                    }),
                ..cell(dataset, &c.source)
            })
            .collect(),
    }
}

fn fact_point(dataset: &Dataset, event: &Event, f: &FactComparison) -> PointView {
    let conflicting = f.class.is_conflict();
    let fact = event.facts.get(f.index);
    PointView {
        citation: fact.map_or_else(String::new, |fact| {
            crate::cite::fact_citation(dataset, event, fact)
        }),
        label: f.question.clone(),
        estimate: None,
        class: f.class.into(),
        backing: f
            .answers
            .first()
            .filter(|a| !a.backing.is_empty())
            .map(|a| format!("“{}”: {}", a.text, a.backing.label())),
        spellings: spelling_notes(&f.spellings),
        claims: f
            .claims
            .iter()
            .map(|c| ClaimCell {
                voice: c.voice.label().to_string(),
                value: c.answer.clone(),
                status: c.status,
                attributed_to: c.attributed_to.clone(),
                quote: c.quote.clone(),
                // In a dispute, every answer other than the most-backed one is the odd one out.
                contradicts: conflicting && c.answer_index != Some(0),
                citation: fact
                    .and_then(|fact| Some((fact, fact.claims.get(c.index)?)))
                    .map_or_else(String::new, |(fact, claim)| {
                        crate::cite::fact_claim_citation(dataset, event, fact, claim)
                    }),
                ..cell(dataset, &c.source)
            })
            .collect(),
    }
}

/// Every figure and fact of the event at `index`, with each source's claim.
pub fn compare_event(
    dataset: &Dataset,
    comparer: &Comparer,
    index: usize,
) -> Option<EventComparison> {
    let event = dataset.events.get(index)?;
    let compared = comparer.event(event);
    Some(EventComparison {
        event_index: index,
        figures: compared
            .figures
            .iter()
            .map(|f| figure_point(dataset, event, f))
            .collect(),
        facts: compared
            .facts
            .iter()
            .map(|f| fact_point(dataset, event, f))
            .collect(),
        spellings: spelling_notes(&compared.spellings),
    })
}

/// How a source fares against one other source.
#[derive(Debug, Clone)]
pub struct SourcePair {
    pub other: String,
    pub agree: u32,
    pub compatible: u32,
    pub conflict: u32,
}

/// A source of the dataset and how it stands with the others.
#[derive(Debug, Clone)]
pub struct SourceSummary {
    pub id: String,
    /// See [`source_name`].
    pub name: String,
    pub title: Option<String>,
    pub affiliation: String,
    pub url: Option<String>,
    /// Figures it gives a number for, and facts it answers.
    pub figures: usize,
    pub facts: usize,
    /// Points where it is the only source.
    pub alone: usize,
    /// Conflicting points it has a claim in.
    pub in_conflict: usize,
    /// A row of the source × source matrix: every source it shares a point with.
    pub pairs: Vec<SourcePair>,
}

/// Per source: what it reports, and how it agrees or conflicts with each other source.
pub fn source_summaries(
    dataset: &Dataset,
    comparer: &Comparer,
    compared: &DatasetComparison,
) -> Vec<SourceSummary> {
    let infos = comparer.sources();
    compared
        .sources
        .iter()
        .enumerate()
        .map(|(i, stats)| {
            let source = dataset.source(&stats.id);
            let pairs = u32::try_from(i)
                .ok()
                .map(|i| {
                    compared
                        .matrix
                        .row(i)
                        .filter_map(|(other, counts)| {
                            let info = infos.get(usize::try_from(other).ok()?)?;
                            Some(SourcePair {
                                other: source_name(&info.outlet, info.title.as_deref(), &info.id),
                                agree: counts.agree,
                                compatible: counts.compatible,
                                conflict: counts.conflict,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            SourceSummary {
                id: stats.id.clone(),
                name: source.map_or_else(|| stats.id.clone(), name_of),
                title: source.and_then(|s| s.title.as_deref().map(str::to_string)),
                affiliation: stats.affiliation.label().to_string(),
                url: source
                    .and_then(|s| s.url.as_deref())
                    .filter(|u| crate::load::is_web_link(u))
                    .map(str::to_string),
                figures: stats.figures,
                facts: stats.facts,
                alone: stats.alone,
                in_conflict: stats.in_conflict,
                pairs,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Fact, FactClaim, Figure, Quantity};
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

    fn answer(source: &str, answer: &str) -> FactClaim {
        FactClaim {
            source: source.into(),
            answer: answer.into(),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
        }
    }

    fn dataset() -> Dataset {
        let mut d = Dataset::empty("t");
        for id in ["a", "b"] {
            d.sources.push(Source {
                id: id.into(),
                outlet: "unknown".into(),
                title: Some(format!("Article {id}").into()),
                url: Some("https://example.org".into()),
                published: None,
                language: None,
                affiliation: Default::default(),
                archive_url: None,
                retrieved: None,
                notes: None,
            });
        }
        d.events.push(Event {
            id: "e".into(),
            title: "Handover".into(),
            date: crate::model::EventDate::day(date(2025, 6, 11)),
            kind: EventKind::RemainsRepatriation,
            place: Some(crate::model::Place {
                name: "Kiev".into(),
                precision: Default::default(),
            }),
            mediators: vec![],
            agreement: None,
            figures: vec![
                Figure {
                    id: "ua".into(),
                    received_by: Some(Side::Ukraine),
                    category: Category::Remains,
                    label: None,
                    claims: vec![
                        claim("a", Quantity::Exact(1212)),
                        claim("b", Quantity::Exact(1212)),
                    ],
                },
                Figure {
                    id: "ru".into(),
                    received_by: Some(Side::Russia),
                    category: Category::Remains,
                    label: None,
                    claims: vec![claim("a", Quantity::Exact(27))],
                },
            ],
            facts: vec![
                Fact {
                    id: "confirmed".into(),
                    question: "Did Russia confirm?".into(),
                    claims: vec![answer("a", "Yes"), answer("b", "no")],
                },
                Fact {
                    id: "regions".into(),
                    question: "Which regions?".into(),
                    claims: vec![
                        answer("a", "Kharkiv, Lugansk"),
                        answer("b", "Kharkiv, Luhansk"),
                    ],
                },
            ],
            notes: None,
        });
        d
    }

    fn compared(d: &Dataset) -> (Comparer, DatasetComparison) {
        let comparer = Comparer::new(d);
        let compared = comparer.dataset(d);
        (comparer, compared)
    }

    #[test]
    fn rows_fold_places_and_mark_conflicting_facts() {
        let d = dataset();
        let (comparer, compared) = compared(&d);
        let rows = event_rows(&d, &comparer, &compared);
        assert_eq!(rows[0].place, "Kyiv");
        assert_eq!(rows[0].to_ukraine, Some(1212));
        assert_eq!(rows[0].to_russia_text, "27 remains");
        assert_eq!(rows[0].agreement, Agreement::Conflict);
        assert_eq!(rows[0].source_count, 2);
    }

    #[test]
    fn comparison_classes_each_point_and_notes_spellings() {
        let d = dataset();
        let (comparer, _) = compared(&d);
        let c = compare_event(&d, &comparer, 0).unwrap();
        assert_eq!(c.figures[0].class, PointClass::Agree);
        assert_eq!(c.figures[1].class, PointClass::SingleSource);
        assert_eq!(c.facts[0].class, PointClass::Conflicting);
        // Lugansk and Luhansk are one place: a spelling, not a disagreement.
        assert_ne!(c.facts[1].class, PointClass::Conflicting);
        assert!(
            c.facts[1].spellings.iter().any(|s| s.contains("Lugansk")),
            "{:?}",
            c.facts[1].spellings
        );
        assert_eq!(c.disagreements(), 1);
        assert_eq!(c.figures[0].claims[0].outlet, "“Article a”");
        assert!(compare_event(&d, &comparer, 1).is_none());
    }

    #[test]
    fn source_summaries_carry_the_matrix_row() {
        let d = dataset();
        let (comparer, compared) = compared(&d);
        let s = source_summaries(&d, &comparer, &compared);
        assert_eq!(s.len(), 2);
        let a = &s[0];
        assert_eq!(a.pairs.len(), 1);
        assert_eq!(a.pairs[0].other, "“Article b”");
        assert!(a.pairs[0].conflict >= 1);
        assert!(a.pairs[0].agree >= 1);
        assert!(a.in_conflict >= 1);
    }
}
