//! The whole-dataset comparison: the class and estimate of every figure and
//! fact, per source how much it reports and how often it stands alone or in a
//! conflict, and the source × source matrix.
//!
//! Built in one pass over the data when it loads (never per frame). It keeps no
//! strings per figure: outcomes sit in flat arrays, each event pointing at its
//! slice, and buffers are reused from figure to figure, so a million events
//! compare in a fraction of a second.

use serde::Serialize;

use crate::compare::context::{Comparer, SourceInfo};
use crate::compare::facts::{FactOutcome, FactScratch, outcome as fact_outcome};
use crate::compare::matrix::{MatrixBuilder, SourceMatrix};
use crate::compare::numeric::{Consensus, Outcome, Relation, relation};
use crate::model::{Affiliation, Claim, ClaimStatus, Dataset, Event, Fact, Quantity};

/// Class and estimate of one figure (or agreement term).
pub type FigureOutcome = Outcome;

/// Where one event's (or agreement's) outcomes sit in the flat arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct EventOutcome {
    pub first_figure: usize,
    pub figure_count: usize,
    pub first_fact: usize,
    pub fact_count: usize,
    /// Some figure or fact is conflicting.
    pub disagrees: bool,
}

/// How many figures (or facts) fall in each class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ClassCounts {
    pub agree: usize,
    pub compatible: usize,
    pub conflicting: usize,
    pub single_source: usize,
    pub not_disclosed: usize,
}

impl ClassCounts {
    pub fn add(&mut self, class: Consensus) {
        match class {
            Consensus::Agree => self.agree += 1,
            Consensus::Compatible => self.compatible += 1,
            Consensus::Conflicting => self.conflicting += 1,
            Consensus::SingleSource => self.single_source += 1,
            Consensus::NotDisclosed => self.not_disclosed += 1,
        }
    }

    /// Adds `other`'s counts to these.
    pub fn absorb(&mut self, other: &ClassCounts) {
        self.agree += other.agree;
        self.compatible += other.compatible;
        self.conflicting += other.conflicting;
        self.single_source += other.single_source;
        self.not_disclosed += other.not_disclosed;
    }

    pub fn get(&self, class: Consensus) -> usize {
        match class {
            Consensus::Agree => self.agree,
            Consensus::Compatible => self.compatible,
            Consensus::Conflicting => self.conflicting,
            Consensus::SingleSource => self.single_source,
            Consensus::NotDisclosed => self.not_disclosed,
        }
    }
}

/// What one source contributes, over events and agreements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceStats {
    pub id: String,
    pub outlet: String,
    pub affiliation: Affiliation,
    /// Figures (and agreement terms) it gives a number for.
    pub figures: usize,
    /// Figures it reports without a number.
    pub undisclosed: usize,
    /// Facts it answers.
    pub facts: usize,
    /// Figures and facts where it is the only source giving a number or answer.
    pub alone: usize,
    /// Conflicting figures and facts it has a claim in.
    pub in_conflict: usize,
}

/// The comparison of a whole dataset.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DatasetComparison {
    /// One per event, in the dataset's order.
    pub events: Vec<EventOutcome>,
    /// One per agreement, in the dataset's order (its terms are the "figures").
    pub agreements: Vec<EventOutcome>,
    /// Outcomes of every event figure, event by event.
    pub figures: Vec<FigureOutcome>,
    /// Outcomes of every event fact, event by event.
    pub facts: Vec<FactOutcome>,
    /// Outcomes of every agreement term, agreement by agreement.
    pub terms: Vec<FigureOutcome>,
    /// Outcomes of every agreement fact, agreement by agreement.
    pub agreement_facts: Vec<FactOutcome>,
    /// Classes of event figures and agreement terms.
    pub figure_classes: ClassCounts,
    /// Classes of event and agreement facts.
    pub fact_classes: ClassCounts,
    /// One per source of [`Comparer::sources`], same order.
    pub sources: Vec<SourceStats>,
    pub matrix: SourceMatrix,
}

impl DatasetComparison {
    /// The outcomes of the figures of event `i` (empty when out of range).
    pub fn event_figures(&self, i: usize) -> &[FigureOutcome] {
        self.events
            .get(i)
            .and_then(|e| {
                self.figures
                    .get(e.first_figure..e.first_figure + e.figure_count)
            })
            .unwrap_or_default()
    }

    /// The outcomes of the facts of event `i`.
    pub fn event_facts(&self, i: usize) -> &[FactOutcome] {
        self.events
            .get(i)
            .and_then(|e| self.facts.get(e.first_fact..e.first_fact + e.fact_count))
            .unwrap_or_default()
    }

    /// True when event `i` has a conflicting figure or fact.
    pub fn event_disagrees(&self, i: usize) -> bool {
        self.events.get(i).is_some_and(|e| e.disagrees)
    }

    /// The outcomes of the terms of agreement `i`.
    pub fn agreement_terms(&self, i: usize) -> &[FigureOutcome] {
        self.agreements
            .get(i)
            .and_then(|e| {
                self.terms
                    .get(e.first_figure..e.first_figure + e.figure_count)
            })
            .unwrap_or_default()
    }

    /// The outcomes of the facts of agreement `i`.
    pub fn agreement_fact_outcomes(&self, i: usize) -> &[FactOutcome] {
        self.agreements
            .get(i)
            .and_then(|e| {
                self.agreement_facts
                    .get(e.first_fact..e.first_fact + e.fact_count)
            })
            .unwrap_or_default()
    }
}

/// Compares every event and agreement of a dataset.
pub fn compare_dataset(dataset: &Dataset) -> DatasetComparison {
    Comparer::new(dataset).dataset(dataset)
}

impl Comparer {
    /// Compares every event and agreement of `dataset` (which this comparer was built from).
    pub fn dataset(&self, dataset: &Dataset) -> DatasetComparison {
        self.dataset_from(dataset, crate::parallel::SPLIT_FROM)
    }

    /// [`Comparer::dataset`], on two threads from `parallel_from` events.
    fn dataset_from(&self, dataset: &Dataset, parallel_from: usize) -> DatasetComparison {
        // Sized up front: growing arrays of millions of outcomes costs page faults.
        let figures: usize = dataset.events.iter().map(|e| e.figures.len()).sum();
        let facts: usize = dataset.events.iter().map(|e| e.facts.len()).sum();
        let events = &dataset.events;
        let size = crate::parallel::Size::events(events.len()).split_from(parallel_from);
        let parts = crate::parallel::in_halves("factsheet-compare", events.len(), size, |range| {
            let mut w = if range.start == 0 {
                let mut w = Walker::new(self, |s| (s.id.clone(), s.outlet.clone()));
                w.out.events.reserve_exact(events.len());
                w.out.figures.reserve_exact(figures);
                w.out.facts.reserve_exact(facts);
                w
            } else {
                // Only counts: the names stay with the first walker's stats.
                Walker::new(self, |_| (String::new(), String::new()))
            };
            w.events(events.get(range).unwrap_or_default());
            w
        });
        let mut parts = parts.into_iter();
        let Some(mut w) = parts.next() else {
            return DatasetComparison::default();
        };
        for later in parts {
            w.append(later);
        }
        for a in &dataset.agreements {
            let first_figure = w.out.terms.len();
            let first_fact = w.out.agreement_facts.len();
            let mut disagrees = false;
            for t in &a.terms {
                let o = w.claims(&t.claims);
                disagrees |= o.class.is_conflict();
                w.out.terms.push(o);
            }
            for f in &a.facts {
                let o = w.fact(f);
                disagrees |= o.class.is_conflict();
                w.out.agreement_facts.push(o);
            }
            w.out.agreements.push(EventOutcome {
                first_figure,
                figure_count: a.terms.len(),
                first_fact,
                fact_count: a.facts.len(),
                disagrees,
            });
        }
        let mut out = w.out;
        out.matrix = w.matrix.finish();
        out
    }
}

struct Walker<'c> {
    comparer: &'c Comparer,
    out: DatasetComparison,
    matrix: MatrixBuilder,
    facts: FactScratch,
    /// (source index, claim index) of the claim list at hand, reused.
    cited: Vec<(u32, usize)>,
}

impl<'c> Walker<'c> {
    /// A walker with every source's stats at zero, named by `names`.
    fn new(comparer: &'c Comparer, names: impl Fn(&SourceInfo) -> (String, String)) -> Self {
        Walker {
            comparer,
            out: DatasetComparison {
                sources: comparer
                    .sources()
                    .iter()
                    .map(|s| {
                        let (id, outlet) = names(s);
                        SourceStats {
                            id,
                            outlet,
                            affiliation: s.affiliation,
                            figures: 0,
                            undisclosed: 0,
                            facts: 0,
                            alone: 0,
                            in_conflict: 0,
                        }
                    })
                    .collect(),
                ..DatasetComparison::default()
            },
            matrix: MatrixBuilder::default(),
            facts: FactScratch::default(),
            cited: Vec::new(),
        }
    }

    /// Compares `events`, after those compared so far.
    fn events(&mut self, events: &[Event]) {
        for e in events {
            let first_figure = self.out.figures.len();
            let first_fact = self.out.facts.len();
            let mut disagrees = false;
            for f in &e.figures {
                let o = self.claims(&f.claims);
                disagrees |= o.class.is_conflict();
                self.out.figures.push(o);
            }
            for f in &e.facts {
                let o = self.fact(f);
                disagrees |= o.class.is_conflict();
                self.out.facts.push(o);
            }
            self.out.events.push(EventOutcome {
                first_figure,
                figure_count: e.figures.len(),
                first_fact,
                fact_count: e.facts.len(),
                disagrees,
            });
        }
    }

    /// Takes the events `other` compared as following those compared here.
    fn append(&mut self, other: Walker) {
        let (figures, facts) = (self.out.figures.len(), self.out.facts.len());
        let out = other.out;
        self.out
            .events
            .extend(out.events.into_iter().map(|e| EventOutcome {
                first_figure: e.first_figure + figures,
                first_fact: e.first_fact + facts,
                ..e
            }));
        self.out.figures.extend(out.figures);
        self.out.facts.extend(out.facts);
        self.out.figure_classes.absorb(&out.figure_classes);
        self.out.fact_classes.absorb(&out.fact_classes);
        for (mine, theirs) in self.out.sources.iter_mut().zip(&out.sources) {
            mine.figures += theirs.figures;
            mine.undisclosed += theirs.undisclosed;
            mine.facts += theirs.facts;
            mine.alone += theirs.alone;
            mine.in_conflict += theirs.in_conflict;
        }
        self.matrix.absorb(other.matrix);
    }

    /// Fills `cited` with the claims citing known sources, grouped by source.
    fn cite<T>(&mut self, claims: &[T], source: impl Fn(&T) -> &str) {
        self.cited.clear();
        for (i, c) in claims.iter().enumerate() {
            if let Some(s) = self.comparer.source_index(source(c)) {
                self.cited.push((s, i));
            }
        }
        self.cited.sort_unstable();
    }

    fn claims(&mut self, claims: &[Claim]) -> Outcome {
        let o = self.comparer.origins.analyse(claims);
        self.out.figure_classes.add(o.class);
        self.cite(claims, |c| c.source.as_str());
        let cited = std::mem::take(&mut self.cited);
        for group in cited.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(s, _)) = group.first() else {
                continue;
            };
            let numbered = group.iter().any(|&(_, i)| {
                claims.get(i).is_some_and(|c| {
                    c.status != ClaimStatus::Denied && c.value != Quantity::NotDisclosed
                })
            });
            if let Some(stats) = self.out.sources.get_mut(s as usize) {
                if numbered {
                    stats.figures += 1;
                    stats.alone += usize::from(o.class == Consensus::SingleSource);
                } else {
                    stats.undisclosed += 1;
                }
                stats.in_conflict += usize::from(o.class.is_conflict());
            }
        }
        self.pairs(&cited, |i, j| relation(claims.get(i)?, claims.get(j)?));
        self.cited = cited;
        o
    }

    fn fact(&mut self, fact: &Fact) -> FactOutcome {
        let o = fact_outcome(&self.comparer.places, fact, &mut self.facts);
        self.out.fact_classes.add(o.class);
        self.cite(&fact.claims, |c| c.source.as_str());
        let cited = std::mem::take(&mut self.cited);
        for group in cited.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(s, _)) = group.first() else {
                continue;
            };
            if let Some(stats) = self.out.sources.get_mut(s as usize) {
                stats.facts += 1;
                stats.alone += usize::from(o.class == Consensus::SingleSource);
                stats.in_conflict += usize::from(o.class.is_conflict());
            }
        }
        let keys = self.facts.keys(fact.claims.len());
        let claims = &fact.claims;
        let rel = |i: usize, j: usize| {
            let (a, b) = (claims.get(i)?, claims.get(j)?);
            let (ka, kb) = (keys.get(i)?, keys.get(j)?);
            if ka.is_empty() || kb.is_empty() {
                return None;
            }
            match (
                a.status == ClaimStatus::Denied,
                b.status == ClaimStatus::Denied,
            ) {
                (true, true) => None,
                (false, false) if ka == kb => Some(Relation::Agree),
                (false, false) => Some(Relation::Conflict),
                _ => (ka == kb).then_some(Relation::Conflict),
            }
        };
        pairs_into(&mut self.matrix, &cited, rel);
        self.cited = cited;
        o
    }

    fn pairs(&mut self, cited: &[(u32, usize)], rel: impl Fn(usize, usize) -> Option<Relation>) {
        pairs_into(&mut self.matrix, cited, rel);
    }
}

/// For every two sources in `cited` (grouped by source), the worst relation
/// between a claim of one and a claim of the other, added to the matrix.
fn pairs_into(
    matrix: &mut MatrixBuilder,
    cited: &[(u32, usize)],
    rel: impl Fn(usize, usize) -> Option<Relation>,
) {
    let rel = &rel;
    let groups = || cited.chunk_by(|a, b| a.0 == b.0);
    for (n, x) in groups().enumerate() {
        for y in groups().skip(n + 1) {
            let worst = x
                .iter()
                .flat_map(|&(_, i)| y.iter().filter_map(move |&(_, j)| rel(i, j)))
                .max();
            if let (Some(r), Some(&(a, _)), Some(&(b, _))) = (worst, x.first(), y.first()) {
                matrix.add(a, b, r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_on_two_threads_gives_what_one_thread_gives() {
        let d = crate::testing::generated_dataset(401, 5);
        let comparer = Comparer::new(&d);
        let one = comparer.dataset_from(&d, usize::MAX);
        let two = comparer.dataset_from(&d, 0);
        assert!(!one.matrix.pairs().is_empty() && one.figure_classes.conflicting > 0);
        assert!(
            one.sources
                .iter()
                .any(|s| s.in_conflict > 0 && !s.outlet.is_empty())
        );
        assert_eq!(one, two);
    }
}
