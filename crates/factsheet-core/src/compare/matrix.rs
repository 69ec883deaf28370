//! The source × source matrix: for every pair of sources, on how many figures
//! and facts they agree, are compatible, or conflict.
//!
//! Kept sparse (only pairs that ever report the same figure), so a file with
//! thousands of sources costs memory in the pairs it has, not their square.

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

/// Collects pair relations while the dataset is walked: one packed word per
/// relation, pushed in order and counted at the end by one sort. (A hash map
/// keyed by pair costs a cache miss per figure once a file has many sources.)
#[derive(Debug, Default)]
pub(crate) struct MatrixBuilder {
    /// `a << 32 | b << 2 | relation`, with `a < b`.
    seen: Vec<u64>,
}

/// Source indices must fit in 30 bits to be packed with the relation.
pub(crate) const MAX_SOURCES: u32 = 1 << 30;

impl MatrixBuilder {
    pub fn add(&mut self, a: u32, b: u32, relation: Relation) {
        if a == b || a >= MAX_SOURCES || b >= MAX_SOURCES {
            return;
        }
        let (a, b) = (a.min(b), a.max(b));
        let r = match relation {
            Relation::Agree => 0,
            Relation::Compatible => 1,
            Relation::Conflict => 2,
        };
        self.seen.push(u64::from(a) << 32 | u64::from(b) << 2 | r);
    }

    /// Takes the relations `other` collected too.
    pub fn absorb(&mut self, other: MatrixBuilder) {
        self.seen.extend(other.seen);
    }

    pub fn finish(mut self) -> SourceMatrix {
        self.seen.sort_unstable();
        let pairs = self
            .seen
            .chunk_by(|x, y| x >> 2 == y >> 2)
            .filter_map(|group| {
                let first = *group.first()?;
                let mut counts = PairCounts::default();
                for r in group {
                    counts.add(match r & 3 {
                        0 => Relation::Agree,
                        1 => Relation::Compatible,
                        _ => Relation::Conflict,
                    });
                }
                Some(Pair {
                    // Both halves were built from u32 values, so these never truncate.
                    a: u32::try_from(first >> 32).unwrap_or(u32::MAX),
                    b: u32::try_from((first >> 2) & 0x3FFF_FFFF).unwrap_or(u32::MAX),
                    counts,
                })
            })
            .collect();
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
