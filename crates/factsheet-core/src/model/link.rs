//! Whether an event falls under an agreement, as each source tells it: one
//! side may count a transfer under the June deal and the other not (format 2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Quote, Text};

/// A source's word on which agreement an event fulfils.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkClaim {
    /// The source stating it (a source `id`).
    pub source: Text,
    /// The agreement the source counts the event under (an agreement `id`);
    /// left out when the source says it falls under none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// How an event stands towards one agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The file and every source that speaks of it put the event under the agreement.
    Undisputed,
    /// Someone puts the event under the agreement and someone else does not.
    Disputed,
}

impl super::Event {
    /// Whether the file's `agreement` and its sources' `links` name more than
    /// one agreement (counting "none" as one).
    pub fn link_disputed(&self) -> bool {
        let own = self.agreement.as_deref();
        self.links.iter().any(|l| l.agreement.as_deref() != own)
    }

    /// Every agreement the file or a source puts this event under, each once
    /// with how the event stands towards it: the file's own, undisputed, when
    /// no source speaks of it (most events, with no allocation); each named
    /// one disputed when the file and its sources differ.
    pub fn agreement_links(&self) -> smallvec::SmallVec<[(&str, Link); 2]> {
        if self.links.is_empty() {
            return self
                .agreement
                .as_deref()
                .map(|a| (a, Link::Undisputed))
                .into_iter()
                .collect();
        }
        let link = if self.link_disputed() {
            Link::Disputed
        } else {
            Link::Undisputed
        };
        self.linked_agreements()
            .into_iter()
            .map(|a| (a, link))
            .collect()
    }

    /// Every agreement the file or a source puts this event under, each once,
    /// the file's own first.
    pub fn linked_agreements(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let named = self
            .agreement
            .as_deref()
            .into_iter()
            .chain(self.links.iter().filter_map(|l| l.agreement.as_deref()));
        for id in named {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}
