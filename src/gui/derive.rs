//! Derived data the panels show: one summary row per event, the comparison of
//! sources for one event, and per-source tallies for the whole dataset.
//!
//! This is the app's one seam with [`crate::compare`]: every judgement of
//! agreement comes through here, so when the core's comparison grows (facts,
//! place-name folding, the source × source matrix) only this file changes.
//! Everything here is computed when data, filters or the selection change,
//! never per frame.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::compare::{self, Consensus, Estimate};
use crate::model::{
    Category, Claim, ClaimStatus, Dataset, Event, EventKind, FactClaim, Side, Source, thousands,
};

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

/// Folds a place name to its canonical spelling, using the dataset's own table
/// first and then a small built-in one.
// Seam: the comparison work brings a fuller folding table to the core; switch to it here.
pub fn canonical_place(dataset: &Dataset, name: &str) -> String {
    let trimmed = name.trim();
    for entry in &dataset.place_names {
        if entry.canonical.eq_ignore_ascii_case(trimmed)
            || entry
                .variants
                .iter()
                .any(|v| v.eq_ignore_ascii_case(trimmed))
        {
            return entry.canonical.clone();
        }
    }
    const BUILT_IN: &[(&str, &[&str])] = &[
        ("Kyiv", &["Kiev"]),
        ("Luhansk", &["Lugansk"]),
        ("Zaporizhzhia", &["Zaporozhye", "Zaporizhia"]),
        ("Kharkiv", &["Kharkov"]),
        ("Odesa", &["Odessa"]),
        ("Mykolaiv", &["Nikolaev", "Nikolayev"]),
    ];
    for (canonical, variants) in BUILT_IN {
        if variants.iter().any(|v| v.eq_ignore_ascii_case(trimmed)) {
            return (*canonical).to_string();
        }
    }
    trimmed.to_string()
}

/// One summary row per event, in dataset order.
pub fn event_rows(dataset: &Dataset) -> Vec<EventRow> {
    dataset
        .events
        .iter()
        .map(|e| event_row(dataset, e))
        .collect()
}

fn event_row(dataset: &Dataset, event: &Event) -> EventRow {
    let (first_day, last_day) = event.date.bounds();
    let mut side_values: BTreeMap<Side, Vec<(u64, Category)>> = BTreeMap::new();
    let mut side_text: BTreeMap<Side, Vec<String>> = BTreeMap::new();
    // Figures that name no receiving side ("a swap of 1,000 prisoners") belong to neither column alone.
    let mut unsplit: Vec<String> = Vec::new();
    let mut categories: Vec<Category> = Vec::new();
    let mut agreement = Agreement::None;
    for figure in &event.figures {
        let est = compare::estimate(&figure.claims);
        let text = format!(
            "{} {}",
            est.best
                .map_or_else(|| "undisclosed".to_string(), thousands),
            figure.category.label()
        );
        match figure.received_by {
            Some(side) => {
                if let Some(best) = est.best {
                    side_values
                        .entry(side)
                        .or_default()
                        .push((best, figure.category));
                }
                side_text.entry(side).or_default().push(text);
            }
            None => unsplit.push(format!("{text} (both sides, not split)")),
        }
        if !categories.contains(&figure.category) {
            categories.push(figure.category);
        }
        agreement = agreement.max(figure_agreement(compare::consensus(&figure.claims)));
    }
    for fact in &event.facts {
        agreement = agreement.max(fact_agreement(dataset, &fact.claims));
    }
    let largest = |side: Side| {
        side_values
            .get(&side)
            .and_then(|v| v.iter().map(|(n, _)| *n).max())
    };
    let text = |side: Side| {
        side_text
            .get(&side)
            .into_iter()
            .flatten()
            .chain(&unsplit)
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
        .map(|p| canonical_place(dataset, &p.name))
        .unwrap_or_default();
    let mut haystack = format!("{} {} {}", event.id, event.title, place);
    if let Some(p) = &event.place {
        haystack.push(' ');
        haystack.push_str(&p.name);
    }
    for m in &event.mediators {
        haystack.push(' ');
        haystack.push_str(m);
    }
    if let Some(n) = &event.notes {
        haystack.push(' ');
        haystack.push_str(n);
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
        title: event.title.clone(),
        place,
        to_ukraine: largest(Side::Ukraine),
        to_russia: largest(Side::Russia),
        to_ukraine_text: text(Side::Ukraine),
        to_russia_text: text(Side::Russia),
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

fn figure_agreement(c: Consensus) -> Agreement {
    match c {
        Consensus::Conflicting => Agreement::Conflict,
        Consensus::Compatible => Agreement::Compatible,
        Consensus::Agree | Consensus::SingleSource | Consensus::NotDisclosed => Agreement::None,
    }
}

/// Answers agree when they are the same words, ignoring case and spacing, with
/// place names folded to one spelling ("Lugansk" and "Luhansk" are one answer).
// Seam: the comparison work adds fact comparison to the core; switch to it here.
fn normalise_answer(dataset: &Dataset, answer: &str) -> String {
    answer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| canonical_place(dataset, w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

fn fact_agreement(dataset: &Dataset, claims: &[FactClaim]) -> Agreement {
    let live: Vec<&FactClaim> = claims
        .iter()
        .filter(|c| c.status != ClaimStatus::Denied)
        .collect();
    let Some(first) = live.first() else {
        return Agreement::None;
    };
    let first = normalise_answer(dataset, &first.answer);
    if live
        .iter()
        .any(|c| normalise_answer(dataset, &c.answer) != first)
    {
        Agreement::Conflict
    } else {
        Agreement::None
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
    /// The claim as worded: "1,212", "more than 500", "yes".
    pub value: String,
    pub status: ClaimStatus,
    pub attributed_to: Option<String>,
    pub quote: Option<String>,
    /// The source's link, only when it is http(s).
    pub url: Option<String>,
}

/// A figure or a fact with every source's claim side by side.
#[derive(Debug, Clone)]
pub struct PointView {
    /// "to Ukraine · remains", or the fact's question.
    pub label: String,
    /// Low / best / high and source count, for figures.
    pub estimate: Option<Estimate>,
    pub class: PointClass,
    pub claims: Vec<ClaimCell>,
}

/// The comparison of sources for one event.
#[derive(Debug, Clone)]
pub struct EventComparison {
    pub event_index: usize,
    pub figures: Vec<PointView>,
    pub facts: Vec<PointView>,
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

fn claim_cell(dataset: &Dataset, source_id: &str) -> ClaimCell {
    let source = dataset.source(source_id);
    ClaimCell {
        source_id: source_id.to_string(),
        outlet: source.map_or_else(|| source_id.to_string(), source_name),
        source_name: source.map_or_else(
            || source_id.to_string(),
            |s| s.title.clone().unwrap_or_else(|| s.outlet.clone()),
        ),
        affiliation: source
            .map(|s| s.affiliation.label())
            .unwrap_or("unknown source")
            .to_string(),
        value: String::new(),
        status: ClaimStatus::default(),
        attributed_to: None,
        quote: None,
        url: source
            .and_then(|s| s.url.clone())
            .filter(|u| crate::load::is_web_link(u)),
    }
}

fn numeric_cell(dataset: &Dataset, claim: &Claim) -> ClaimCell {
    ClaimCell {
        value: claim.value.to_string(),
        status: claim.status,
        attributed_to: claim.attributed_to.clone(),
        quote: claim.quote.clone(),
        ..claim_cell(dataset, &claim.source)
    }
}

fn fact_cell(dataset: &Dataset, claim: &FactClaim) -> ClaimCell {
    ClaimCell {
        value: claim.answer.clone(),
        status: claim.status,
        attributed_to: claim.attributed_to.clone(),
        quote: claim.quote.clone(),
        ..claim_cell(dataset, &claim.source)
    }
}

/// A short name for a source: its outlet, or when the outlet is not known
/// ("unknown"), the start of its title, so two unnamed articles stay apart.
pub fn source_name(source: &Source) -> String {
    let outlet = source.outlet.trim();
    if !outlet.is_empty() && !outlet.eq_ignore_ascii_case("unknown") {
        return outlet.to_string();
    }
    match &source.title {
        Some(title) => {
            const MAX: usize = 32;
            let mut short: String = title.chars().take(MAX).collect();
            if title.chars().count() > MAX {
                short.push('…');
            }
            format!("“{short}”")
        }
        None => source.id.clone(),
    }
}

/// Every figure and fact of the event at `index`, with each source's claim.
pub fn compare_event(dataset: &Dataset, index: usize) -> Option<EventComparison> {
    let event = dataset.events.get(index)?;
    let figures = event
        .figures
        .iter()
        .map(|f| {
            let side = f
                .received_by
                .map_or("both sides, not split", Side::to_label);
            let mut label = format!("{side} · {}", f.category.label());
            if let Some(extra) = &f.label {
                label.push_str(&format!(" ({extra})"));
            }
            PointView {
                label,
                estimate: Some(compare::estimate(&f.claims)),
                class: compare::consensus(&f.claims).into(),
                claims: f.claims.iter().map(|c| numeric_cell(dataset, c)).collect(),
            }
        })
        .collect();
    let facts = event
        .facts
        .iter()
        .map(|f| {
            let mut sources: Vec<&str> = f.claims.iter().map(|c| c.source.as_str()).collect();
            sources.sort_unstable();
            sources.dedup();
            let class = match fact_agreement(dataset, &f.claims) {
                Agreement::Conflict => PointClass::Conflicting,
                _ if sources.len() < 2 => PointClass::SingleSource,
                _ => PointClass::Agree,
            };
            PointView {
                label: f.question.clone(),
                estimate: None,
                class,
                claims: f.claims.iter().map(|c| fact_cell(dataset, c)).collect(),
            }
        })
        .collect();
    Some(EventComparison {
        event_index: index,
        figures,
        facts,
    })
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
    /// Figures and facts this source makes a claim on.
    pub points: usize,
    /// Of those, how many the sources disagree on.
    pub disputed: usize,
}

/// Per source: how many points it reports and on how many the sources disagree.
// Seam: the comparison work's source × source matrix says *with whom*; show it here when it lands.
pub fn source_summaries(dataset: &Dataset) -> Vec<SourceSummary> {
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for event in &dataset.events {
        for f in &event.figures {
            let disputed = compare::consensus(&f.claims) == Consensus::Conflicting;
            count_sources(
                &mut tally,
                f.claims.iter().map(|c| c.source.as_str()),
                disputed,
            );
        }
        for f in &event.facts {
            let disputed = fact_agreement(dataset, &f.claims) == Agreement::Conflict;
            count_sources(
                &mut tally,
                f.claims.iter().map(|c| c.source.as_str()),
                disputed,
            );
        }
    }
    dataset
        .sources
        .iter()
        .map(|s| {
            let (points, disputed) = tally.get(s.id.as_str()).copied().unwrap_or_default();
            SourceSummary {
                id: s.id.clone(),
                name: source_name(s),
                title: s.title.clone(),
                affiliation: s.affiliation.label().to_string(),
                url: s.url.clone().filter(|u| crate::load::is_web_link(u)),
                points,
                disputed,
            }
        })
        .collect()
}

fn count_sources<'a>(
    tally: &mut BTreeMap<&'a str, (usize, usize)>,
    sources: impl Iterator<Item = &'a str>,
    disputed: bool,
) {
    let mut seen: Vec<&str> = sources.collect();
    seen.sort_unstable();
    seen.dedup();
    for s in seen {
        let entry = tally.entry(s).or_default();
        entry.0 += 1;
        entry.1 += usize::from(disputed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, Figure, Quantity};
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

    fn dataset() -> Dataset {
        let mut d = Dataset::empty("t");
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
            facts: vec![Fact {
                id: "confirmed".into(),
                question: "Did Russia confirm?".into(),
                claims: vec![
                    FactClaim {
                        source: "a".into(),
                        answer: "Yes".into(),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: None,
                    },
                    FactClaim {
                        source: "b".into(),
                        answer: "no".into(),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: None,
                    },
                ],
            }],
            notes: None,
        });
        d
    }

    #[test]
    fn rows_fold_places_and_mark_conflicting_facts() {
        let d = dataset();
        let rows = event_rows(&d);
        assert_eq!(rows[0].place, "Kyiv");
        assert_eq!(rows[0].to_ukraine, Some(1212));
        assert_eq!(rows[0].to_russia_text, "27 remains");
        assert_eq!(rows[0].agreement, Agreement::Conflict);
        assert_eq!(rows[0].source_count, 2);
    }

    #[test]
    fn spelling_variants_in_answers_are_not_disagreements() {
        let d = Dataset::empty("t");
        let fact = |source: &str, answer: &str| FactClaim {
            source: source.into(),
            answer: answer.into(),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
        };
        let same = [
            fact("a", "Kharkiv, Lugansk, Kherson"),
            fact("b", "kharkiv,  Luhansk; Kherson"),
        ];
        assert_eq!(fact_agreement(&d, &same), Agreement::None);
        let different = [fact("a", "Kharkiv"), fact("b", "Kherson")];
        assert_eq!(fact_agreement(&d, &different), Agreement::Conflict);
    }

    #[test]
    fn comparison_classes_each_point() {
        let d = dataset();
        let c = compare_event(&d, 0).unwrap();
        assert_eq!(c.figures[0].class, PointClass::Agree);
        assert_eq!(c.figures[1].class, PointClass::SingleSource);
        assert_eq!(c.facts[0].class, PointClass::Conflicting);
        assert_eq!(c.disagreements(), 1);
        assert!(compare_event(&d, 1).is_none());
    }
}
