//! Derived data the panels show: one summary row per event, the comparison of
//! sources for one event, and per-source tallies for the whole dataset.
//!
//! This is the app's one seam with [`factsheet_core::compare`]: every judgement of
//! agreement (classes, estimates, place-name folding, who backs a claim, the
//! source × source matrix) comes from the core and is shaped here for the panels.
//! Everything here is computed when data, filters or the selection change,
//! never per frame.

use factsheet_core::compare::{
    Comparer, Consensus, DatasetComparison, Estimate, FactComparison, FigureComparison, Fit,
    SourceInfo, Spelling,
};
use factsheet_core::copies::CopyCheck;
use factsheet_core::model::{ClaimStatus, Dataset, Event, Side, Source};

// The table's rows live in the core (no egui in them), so benchmarks and the CLI use them too.
pub use factsheet_core::table::{Divergence, TableRow, canonical_place, event_rows};

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
    /// What the claim adds to its number: the source's words, its parts, when
    /// it was said (" (“dozens”; 280 soldiers, 120 civilians)").
    pub detail: Option<String>,
    pub notes: Option<String>,
    /// "wire copy of Example Agency": the source relays another, so it is not
    /// an independent voice.
    pub relays: Option<String>,
    /// The source's link, only when it is http(s).
    pub url: Option<String>,
    /// This claim rules out the value (or answer) most sources give: the cell to highlight.
    pub contradicts: bool,
    /// The claim with its source, ready to paste (see [`factsheet_core::cite`]).
    pub citation: String,
    /// Whether the quote is in the source's saved copy; `None` without a quote
    /// or a copy that was read.
    pub in_saved_copy: Option<bool>,
    /// The source's saved copy, when it names one.
    pub saved_copy: Option<std::path::PathBuf>,
}

/// Marks each claim of `comparison` with what the saved-copy check found for it.
pub fn mark_saved_copies(comparison: &mut EventComparison, copies: &CopyCheck) {
    for claim in comparison
        .figures
        .iter_mut()
        .chain(comparison.facts.iter_mut())
        .flat_map(|p| p.claims.iter_mut())
    {
        claim.saved_copy = copies.copy(&claim.source_id).map(|c| c.file.clone());
        claim.in_saved_copy = claim
            .quote
            .as_deref()
            .and_then(|q| copies.quote_found(&claim.source_id, q));
    }
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
    /// "3 outlets, 1 origin" when some of the claims' sources relay others.
    pub origins: Option<String>,
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
    /// Each source's date for the event ("Agency: 2025-03-03; Ministry:
    /// 2025-03-04"), and whether they cannot all be true; `None` when the
    /// data records no source's date.
    pub dates: Option<(String, bool)>,
    /// Which agreement each source puts the event under ("Agency: under June
    /// deal; Ministry: under no agreement"), and whether they differ; `None`
    /// when the data records no source's word on it.
    pub links: Option<(String, bool)>,
    /// "merged from sample.json (ev-3) and desk.json (desk-1)" for an event
    /// that several open files describe; set with the selection.
    pub merged_from: Option<String>,
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
        detail: None,
        notes: None,
        relays: dataset
            .source(&info.id)
            .and_then(|s| s.relays.as_ref())
            .map(|r| {
                let name = dataset
                    .source(&r.source)
                    .map_or_else(|| r.source.to_string(), name_of);
                format!("{} of {name}", r.how.label())
            }),
        url: dataset
            .source(&info.id)
            .and_then(|s| s.url.as_deref())
            .filter(|u| factsheet_core::load::is_web_link(u))
            .map(str::to_string),
        contradicts: false,
        citation: String::new(),
        in_saved_copy: None,
        saved_copy: None,
    }
}

/// "3 outlets, 1 origin": how many sources the claims cite, and how many
/// independent ones once relays are traced to where they start. `None` when
/// every source is its own origin.
pub fn origins_note<'a>(
    dataset: &'a Dataset,
    sources: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let mut outlets: Vec<&str> = Vec::new();
    let mut origins: Vec<&str> = Vec::new();
    for id in sources {
        if !outlets.contains(&id) {
            outlets.push(id);
            let origin = dataset.origin_of(id);
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    }
    (origins.len() < outlets.len()).then(|| {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}",
            plural(outlets.len(), "outlet", "outlets"),
            plural(origins.len(), "origin", "origins")
        )
    })
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
            factsheet_core::cite::figure_citation(dataset, event, fig)
        }),
        label,
        estimate: Some(f.estimate),
        class: f.class.into(),
        backing: (!f.backing.is_empty()).then(|| f.backing.label().to_string()),
        origins: figure
            .and_then(|fig| origins_note(dataset, fig.claims.iter().map(|c| c.source.as_str()))),
        spellings: Vec::new(),
        claims: f
            .claims
            .iter()
            .map(|c| ClaimCell {
                voice: c.voice.label().to_string(),
                value: figure
                    .and_then(|fig| fig.claims.get(c.index))
                    .map_or_else(|| c.value.to_string(), |claim| value_text(dataset, claim)),
                status: c.status,
                attributed_to: c.attributed_to.clone(),
                quote: c.quote.clone(),
                detail: figure
                    .and_then(|fig| fig.claims.get(c.index))
                    .and_then(factsheet_core::export::summary::claim_detail_of),
                notes: figure
                    .and_then(|fig| fig.claims.get(c.index))
                    .and_then(|claim| claim.notes.as_deref())
                    .map(str::to_string),
                contradicts: matches!(c.fit, Fit::Contradicts | Fit::Denies),
                citation: figure
                    .and_then(|fig| Some((fig, fig.claims.get(c.index)?)))
                    .map_or_else(String::new, |(fig, claim)| {
                        factsheet_core::cite::claim_citation(dataset, event, fig, claim)
                    }),
                ..cell(dataset, &c.source)
            })
            .collect(),
    }
}

/// What each source says, by its name: "Agency: 2025-03-03; Ministry: 2025-03-04".
fn each_says<'a>(dataset: &Dataset, said: impl Iterator<Item = (&'a str, String)>) -> String {
    said.map(|(source, text)| {
        let name = dataset
            .source(source)
            .map_or_else(|| source.to_string(), name_of);
        format!("{name}: {text}")
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// A claim's value as the panel shows it: its quantity, or for a denial with
/// no number, what it denies, naming the sources it answers.
fn value_text(dataset: &Dataset, claim: &factsheet_core::model::Claim) -> String {
    use factsheet_core::export::summary::{BARE_DENIAL, is_bare_denial};
    if !is_bare_denial(claim.value, claim.status) {
        return claim.value.to_string();
    }
    if claim.answers.is_empty() {
        return BARE_DENIAL.to_string();
    }
    let names: Vec<String> = claim
        .answers
        .iter()
        .map(|id| dataset.source(id).map_or_else(|| id.to_string(), name_of))
        .collect();
    let verb = if names.len() == 1 { "says" } else { "say" };
    format!("no figure: denies what {} {verb}", names.join(" and "))
}

fn fact_point(dataset: &Dataset, event: &Event, f: &FactComparison) -> PointView {
    let conflicting = f.class.is_conflict();
    let fact = event.facts.get(f.index);
    PointView {
        citation: fact.map_or_else(String::new, |fact| {
            factsheet_core::cite::fact_citation(dataset, event, fact)
        }),
        label: f.question.clone(),
        estimate: None,
        class: f.class.into(),
        backing: f
            .answers
            .first()
            .filter(|a| !a.backing.is_empty())
            .map(|a| format!("“{}”: {}", a.text, a.backing.label())),
        origins: fact
            .and_then(|fact| origins_note(dataset, fact.claims.iter().map(|c| c.source.as_str()))),
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
                notes: fact
                    .and_then(|fact| fact.claims.get(c.index))
                    .and_then(|claim| claim.notes.as_deref())
                    .map(str::to_string),
                // In a dispute, every answer other than the most-backed one is the odd one out.
                contradicts: conflicting && c.answer_index != Some(0),
                citation: fact
                    .and_then(|fact| Some((fact, fact.claims.get(c.index)?)))
                    .map_or_else(String::new, |(fact, claim)| {
                        factsheet_core::cite::fact_claim_citation(dataset, event, fact, claim)
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
        dates: (!event.dates.is_empty()).then(|| {
            let said = each_says(
                dataset,
                event.dates.iter().map(|d| (&*d.source, d.date.to_string())),
            );
            (said, event.dates_disagree())
        }),
        links: (!event.links.is_empty()).then(|| {
            let said = each_says(
                dataset,
                event.links.iter().map(|l| {
                    let under = match l.agreement.as_deref() {
                        Some(id) => dataset.agreement(id).map_or(id, |a| a.title.as_str()),
                        None => "no agreement",
                    };
                    (&*l.source, format!("under {under}"))
                }),
            );
            (said, event.link_disputed())
        }),
        merged_from: None,
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
    // By id, once: looking each source up in the list was quadratic (minutes at 1M events).
    let by_id: foldhash::HashMap<&str, &Source> =
        dataset.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    // Every source's row of the matrix in one pass over its pairs (asking the
    // matrix for each row scans all pairs each time: quadratic again).
    let mut rows: Vec<Vec<SourcePair>> = vec![Vec::new(); compared.sources.len()];
    let name = |other: u32| {
        let info = infos.get(usize::try_from(other).ok()?)?;
        Some(source_name(&info.outlet, info.title.as_deref(), &info.id))
    };
    for pair in compared.matrix.pairs() {
        for (this, other) in [(pair.a, pair.b), (pair.b, pair.a)] {
            let (Some(row), Some(other)) = (
                usize::try_from(this).ok().and_then(|i| rows.get_mut(i)),
                name(other),
            ) else {
                continue;
            };
            row.push(SourcePair {
                other,
                agree: pair.counts.agree,
                compatible: pair.counts.compatible,
                conflict: pair.counts.conflict,
            });
        }
    }
    compared
        .sources
        .iter()
        .zip(rows)
        .map(|(stats, pairs)| {
            let source = by_id.get(stats.id.as_str()).copied();
            SourceSummary {
                id: stats.id.clone(),
                name: source.map_or_else(|| stats.id.clone(), name_of),
                title: source.and_then(|s| s.title.as_deref().map(str::to_string)),
                affiliation: stats.affiliation.label().to_string(),
                url: source
                    .and_then(|s| s.url.as_deref())
                    .filter(|u| factsheet_core::load::is_web_link(u))
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
    use factsheet_core::list;
    use factsheet_core::model::List;
    use factsheet_core::model::{
        Category, Claim, Event, EventKind, Fact, FactClaim, Figure, Quantity,
    };
    use jiff::civil::date;

    fn claim(source: &str, value: Quantity) -> Claim {
        Claim::new(source, value)
    }

    fn answer(source: &str, answer: &str) -> FactClaim {
        FactClaim {
            source: source.into(),
            answer: answer.into(),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            stated_on: None,
            notes: None,
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
                relays: None,
                saved_copy: None,
            });
        }
        d.events.push(Event {
            id: "e".into(),
            title: "Handover".into(),
            date: factsheet_core::model::EventDate::day(date(2025, 6, 11)),
            kind: EventKind::RemainsRepatriation,
            place: Some(factsheet_core::model::Place {
                name: "Kiev".into(),
                precision: Default::default(),
            }),
            mediators: list![],
            agreement: None,
            figures: list![
                Figure {
                    id: "ua".into(),
                    received_by: Some(Side::Ukraine),
                    category: Category::Remains,
                    label: None,
                    claims: list![
                        claim("a", Quantity::Exact(1212)),
                        claim("b", Quantity::Exact(1212)),
                    ],
                },
                Figure {
                    id: "ru".into(),
                    received_by: Some(Side::Russia),
                    category: Category::Remains,
                    label: None,
                    claims: list![claim("a", Quantity::Exact(27))],
                },
            ],
            facts: list![
                Fact {
                    id: "confirmed".into(),
                    question: "Did Russia confirm?".into(),
                    claims: list![answer("a", "Yes"), answer("b", "no")],
                },
                Fact {
                    id: "regions".into(),
                    question: "Which regions?".into(),
                    claims: list![
                        answer("a", "Kharkiv, Lugansk"),
                        answer("b", "Kharkiv, Luhansk"),
                    ],
                },
            ],
            notes: None,
            dates: List::new(),
            links: List::new(),
            same_as: List::new(),
            distinct_from: List::new(),
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
        assert_eq!(rows[0].agreement, Divergence::Conflict);
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
