//! Sources that relay others, traced to where they start: a wire copy, a
//! reprint or a translation repeats its origin and is not another voice, so
//! claims are compared by origin. Two outlets printing one agency's story are
//! one source for counts, classes ("agree" needs two origins) and the best
//! value; each claim is still shown and cited under its own outlet.

use foldhash::{HashMap, HashMapExt};

use super::numeric::{Outcome, analyse};
use crate::model::{Claim, Dataset, Text};

/// Each relaying source's origin, by id; empty when no source relays another.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    of: HashMap<Text, Text>,
}

impl Origins {
    pub fn of(dataset: &Dataset) -> Origins {
        let mut of = HashMap::new();
        for s in dataset.sources.iter().filter(|s| s.relays.is_some()) {
            let origin = dataset.origin_of(&s.id);
            if origin != s.id.as_str() {
                of.insert(s.id.clone(), Text::from(origin));
            }
        }
        Origins { of }
    }

    /// The source `id` stands for: its origin, or itself.
    pub fn origin<'a>(&'a self, id: &'a str) -> &'a str {
        self.of.get(id).map_or(id, |o| o.as_str())
    }

    /// [`analyse`] with each claim counted under its source's origin.
    pub fn analyse(&self, claims: &[Claim]) -> Outcome {
        if self.of.is_empty() || !claims.iter().any(|c| self.of.contains_key(&c.source)) {
            return analyse(claims);
        }
        let traced: Vec<Claim> = claims
            .iter()
            .map(|c| Claim {
                source: Text::from(self.origin(&c.source)),
                answers: c
                    .answers
                    .iter()
                    .map(|a| Text::from(self.origin(a)))
                    .collect(),
                ..c.clone()
            })
            .collect();
        analyse(&traced)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Consensus;
    use crate::list;
    use crate::model::{Quantity, Relay, RelayKind, Source};

    fn source(id: &str, relays: Option<&str>) -> Source {
        Source {
            id: id.into(),
            outlet: id.into(),
            title: None,
            url: None,
            published: None,
            language: None,
            affiliation: Default::default(),
            archive_url: None,
            retrieved: None,
            notes: None,
            relays: relays.map(|r| Relay {
                source: r.into(),
                how: RelayKind::WireCopy,
            }),
            saved_copy: None,
        }
    }

    #[test]
    fn a_wire_copy_agreeing_with_its_origin_is_one_source_not_two() {
        let mut d = Dataset::empty("t");
        d.sources = list![
            source("agency", None),
            source("daily", Some("agency")),
            source("weekly", Some("daily")),
            source("ministry", None),
        ];
        let origins = Origins::of(&d);
        assert_eq!(origins.origin("weekly"), "agency");
        let copies = [
            Claim::new("agency", Quantity::Exact(400)),
            Claim::new("daily", Quantity::Exact(400)),
            Claim::new("weekly", Quantity::Exact(400)),
        ];
        let plain = analyse(&copies);
        assert_eq!((plain.estimate.sources, plain.class), (3, Consensus::Agree));
        let traced = origins.analyse(&copies);
        assert_eq!(
            (traced.estimate.sources, traced.class),
            (1, Consensus::SingleSource)
        );
        // An independent source agreeing makes it two.
        let two = [
            Claim::new("daily", Quantity::Exact(400)),
            Claim::new("ministry", Quantity::Exact(400)),
        ];
        let traced = origins.analyse(&two);
        assert_eq!(
            (traced.estimate.sources, traced.class),
            (2, Consensus::Agree)
        );
    }
}
