//! The source × source matrix: for every pair of sources, on how many figures
//! and facts they agree, are compatible, or conflict.
//!
//! Kept sparse (only pairs that ever report the same figure), so a file with
//! thousands of sources costs memory in the pairs it has, not their square.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::numeric::Relation;

/// How often two sources agree, are compatible or conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PairCounts {
    pub agree: u32,
    pub compatible: u32,
    pub conflict: u32,
}

impl PairCounts {
    pub fn add(&mut self, relation: Relation) {
        let slot = match relation {
            Relation::Agree => &mut self.agree,
            Relation::Compatible => &mut self.compatible,
            Relation::Conflict => &mut self.conflict,
        };
        *slot = slot.saturating_add(1);
    }

    /// Figures and facts both sources report.
    pub fn total(&self) -> u32 {
        self.agree
            .saturating_add(self.compatible)
            .saturating_add(self.conflict)
    }
}

/// One pair of sources (indices into [`crate::compare::Comparer::sources`], `a < b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
    pub counts: PairCounts,
}

/// The source × source matrix, symmetric, stored as its pairs in (a, b) order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SourceMatrix {
    pairs: Vec<Pair>,
}

impl SourceMatrix {
    /// The counts of two sources, in either order (zero when they share nothing).
    pub fn get(&self, a: u32, b: u32) -> PairCounts {
        let (a, b) = (a.min(b), a.max(b));
        self.pairs
            .binary_search_by(|p| (p.a, p.b).cmp(&(a, b)))
            .ok()
            .and_then(|i| self.pairs.get(i))
            .map(|p| p.counts)
            .unwrap_or_default()
    }

    /// Every pair that shares at least one figure or fact.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// The pairs `source` is part of, with the other source first.
    pub fn row(&self, source: u32) -> impl Iterator<Item = (u32, PairCounts)> + '_ {
        self.pairs.iter().filter_map(move |p| {
            if p.a == source {
                Some((p.b, p.counts))
            } else if p.b == source {
                Some((p.a, p.counts))
            } else {
                None
            }
        })
    }
}

/// Collects pair relations while the dataset is walked.
#[derive(Debug, Default)]
pub(crate) struct MatrixBuilder {
    cells: HashMap<(u32, u32), PairCounts>,
}

impl MatrixBuilder {
    pub fn add(&mut self, a: u32, b: u32, relation: Relation) {
        if a == b {
            return;
        }
        self.cells
            .entry((a.min(b), a.max(b)))
            .or_default()
            .add(relation);
    }

    pub fn finish(self) -> SourceMatrix {
        let mut pairs: Vec<Pair> = self
            .cells
            .into_iter()
            .map(|((a, b), counts)| Pair { a, b, counts })
            .collect();
        pairs.sort_unstable_by_key(|p| (p.a, p.b));
        SourceMatrix { pairs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_lookup_and_rows() {
        let mut m = MatrixBuilder::default();
        m.add(2, 0, Relation::Agree);
        m.add(0, 2, Relation::Conflict);
        m.add(1, 2, Relation::Compatible);
        m.add(1, 1, Relation::Agree);
        let m = m.finish();
        assert_eq!(m.get(0, 2), m.get(2, 0));
        assert_eq!(
            m.get(0, 2),
            PairCounts {
                agree: 1,
                compatible: 0,
                conflict: 1
            }
        );
        assert_eq!(m.get(1, 1).total(), 0);
        assert_eq!(m.get(0, 1).total(), 0);
        let row: Vec<u32> = m.row(2).map(|(other, _)| other).collect();
        assert_eq!(row, [0, 1]);
    }
}
