//! What every comparison needs from the dataset, built once: the place-name
//! table and an index of the sources (id -> outlet and affiliation).
//!
//! A [`Comparer`] owns its data, so the app can keep one beside the dataset and
//! rebuild it only when the data changes.

use foldhash::HashMap;
use foldhash::HashMapExt;

use serde::Serialize;

use crate::compare::backing::{Voice, voice};
use crate::compare::places::PlaceTable;
use crate::model::{Affiliation, Dataset};

/// A source as the comparison shows it beside a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub outlet: String,
    pub affiliation: Affiliation,
    /// The headline, if the source has one.
    pub title: Option<String>,
    /// False when no source in the data has this id (validation reports it as an error).
    pub known: bool,
}

/// The place table and source index of one dataset.
#[derive(Debug, Clone, Default)]
pub struct Comparer {
    pub places: PlaceTable,
    /// Relaying sources traced to their origins: claims are compared by origin.
    pub origins: super::Origins,
    sources: Vec<SourceInfo>,
    index: HashMap<String, u32>,
}

impl Comparer {
    pub fn new(dataset: &Dataset) -> Self {
        let mut sources = Vec::with_capacity(dataset.sources.len());
        let mut index = HashMap::with_capacity(dataset.sources.len());
        for s in &dataset.sources {
            // A duplicate id is a validation error; the first definition wins here.
            // Past this many sources (a billion) the rest are treated as unknown.
            let Ok(i) = u32::try_from(sources.len()) else {
                break;
            };
            if i >= crate::compare::matrix::MAX_SOURCES {
                break;
            }
            if index.contains_key(s.id.as_str()) {
                continue;
            }
            index.insert(s.id.to_string(), i);
            sources.push(SourceInfo {
                id: s.id.to_string(),
                outlet: s.outlet.to_string(),
                affiliation: s.affiliation,
                title: s.title.as_deref().map(str::to_string),
                known: true,
            });
        }
        Comparer {
            places: PlaceTable::with(&dataset.place_names),
            origins: super::Origins::of(dataset),
            sources,
            index,
        }
    }

    /// The sources of the dataset, in file order (duplicates dropped); the
    /// dataset view's source indices point into this.
    pub fn sources(&self) -> &[SourceInfo] {
        &self.sources
    }

    /// Index of a source id in [`Comparer::sources`].
    pub fn source_index(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// The source with this id, or a stand-in marked unknown.
    pub fn source(&self, id: &str) -> SourceInfo {
        self.source_index(id)
            .and_then(|i| self.sources.get(usize::try_from(i).ok()?))
            .cloned()
            .unwrap_or_else(|| SourceInfo {
                id: id.to_string(),
                outlet: "unknown source".to_string(),
                affiliation: Affiliation::Unknown,
                title: None,
                known: false,
            })
    }

    pub(crate) fn title(&self, id: &str) -> Option<&str> {
        self.source_index(id)
            .and_then(|i| self.sources.get(usize::try_from(i).ok()?))
            .and_then(|s| s.title.as_deref())
    }

    pub(crate) fn affiliation(&self, id: &str) -> Affiliation {
        self.source_index(id)
            .and_then(|i| self.sources.get(usize::try_from(i).ok()?))
            .map_or(Affiliation::Unknown, |s| s.affiliation)
    }

    /// Whom a claim speaks for (see [`crate::compare::backing`]).
    pub fn voice(&self, source: &str, attributed_to: Option<&str>) -> Voice {
        voice(attributed_to, self.affiliation(source))
    }
}
