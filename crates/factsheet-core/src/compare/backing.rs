//! Who stands behind a claim: the party to the conflict it comes from, if any,
//! so a figure "confirmed only by one party" can be shown as such.
//!
//! A claim speaks for the party its `attributed_to` names ("Russia's top
//! negotiator", "the Ukrainian Coordination Headquarters"); without such an
//! attribution, for the party its source belongs to (a government or its state
//! media); otherwise for nobody in particular. Reading the attribution is a
//! keyword heuristic, documented in `docs/COMPARISON.md`: an attribution naming
//! both sides, or neither, falls back to the source.

use serde::Serialize;

use crate::model::{Affiliation, ClaimStatus, Side};

/// Words (lower case, matched at the start of a word) that tie an attribution to a side.
const UKRAINE_WORDS: &[&str] = &[
    "ukrain",
    "kyiv",
    "kiev",
    "zelensk",
    "україн",
    "украин",
    "київ",
    "киев",
];
const RUSSIA_WORDS: &[&str] = &[
    "russia",
    "moscow",
    "kremlin",
    "tass",
    "ria novosti",
    "росси",
    "росі",
    "москв",
    "кремл",
];
const INTERNATIONAL_WORDS: &[&str] = &[
    "icrc",
    "red cross",
    "united nations",
    "un human rights",
    "osce",
    "мккк",
    "червоного хреста",
    "красного креста",
];

/// The party a claim speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// A party to the conflict: its officials, government or state media.
    Party(Side),
    /// An international body (ICRC, UN, ...).
    International,
    /// A third country, independent media or an unknown speaker.
    Other,
}

impl Voice {
    pub fn label(self) -> &'static str {
        match self {
            Voice::Party(Side::Ukraine) => "Ukrainian side",
            Voice::Party(Side::Russia) => "Russian side",
            Voice::International => "international body",
            Voice::Other => "other",
        }
    }
}

/// The voice of a claim, from whom it is attributed to and who publishes it.
pub fn voice(attributed_to: Option<&str>, affiliation: Affiliation) -> Voice {
    if let Some(who) = attributed_to {
        let lower = who.to_lowercase();
        let ukraine = mentions(&lower, UKRAINE_WORDS);
        let russia = mentions(&lower, RUSSIA_WORDS);
        match (ukraine, russia) {
            (true, false) => return Voice::Party(Side::Ukraine),
            (false, true) => return Voice::Party(Side::Russia),
            _ => {}
        }
        if mentions(&lower, INTERNATIONAL_WORDS) {
            return Voice::International;
        }
    }
    match affiliation {
        Affiliation::InternationalBody => Voice::International,
        a => a.party().map_or(Voice::Other, Voice::Party),
    }
}

fn mentions(lower: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        lower.match_indices(w).any(|(i, _)| {
            lower
                .get(..i)
                .and_then(|before| before.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Tally of the voices behind a set of claims (those backing one value or answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Backing {
    pub ukraine: u32,
    pub russia: u32,
    pub international: u32,
    pub other: u32,
    /// Claims marked confirmed, by the side they come from.
    pub confirmed_by_ukraine: u32,
    pub confirmed_by_russia: u32,
}

impl Backing {
    pub fn add(&mut self, voice: Voice, status: ClaimStatus) {
        let confirmed = u32::from(status == ClaimStatus::Confirmed);
        match voice {
            Voice::Party(Side::Ukraine) => {
                self.ukraine += 1;
                self.confirmed_by_ukraine += confirmed;
            }
            Voice::Party(Side::Russia) => {
                self.russia += 1;
                self.confirmed_by_russia += confirmed;
            }
            Voice::International => self.international += 1,
            Voice::Other => self.other += 1,
        }
    }

    /// The one party all the party claims come from, when no other party and no
    /// international body backs the value: "confirmed only by one party".
    pub fn only_party(&self) -> Option<Side> {
        if self.international > 0 {
            return None;
        }
        match (self.ukraine > 0, self.russia > 0) {
            (true, false) => Some(Side::Ukraine),
            (false, true) => Some(Side::Russia),
            _ => None,
        }
    }

    /// True when both parties to the conflict back the value.
    pub fn both_parties(&self) -> bool {
        self.ukraine > 0 && self.russia > 0
    }

    pub fn is_empty(&self) -> bool {
        self.ukraine + self.russia + self.international + self.other == 0
    }

    /// "Ukrainian side only", "both sides", "international body", ... for a panel cell.
    pub fn label(&self) -> &'static str {
        if self.both_parties() {
            "both sides"
        } else if let Some(side) = self.only_party() {
            match side {
                Side::Ukraine => "Ukrainian side only",
                Side::Russia => "Russian side only",
            }
        } else if self.international > 0 {
            "international body"
        } else if self.other > 0 {
            "no party"
        } else {
            "nobody"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_names_the_side() {
        let third = Affiliation::ThirdCountryMedia;
        assert_eq!(
            voice(Some("Russia's top negotiator, Vladimir Medinsky"), third),
            Voice::Party(Side::Russia)
        );
        assert_eq!(
            voice(
                Some("Ukrainian Coordination Headquarters for the Treatment of Prisoners of War"),
                third
            ),
            Voice::Party(Side::Ukraine)
        );
        assert_eq!(voice(Some("Кремль"), third), Voice::Party(Side::Russia));
        assert_eq!(voice(Some("the ICRC"), third), Voice::International);
        // "Belarusian" is not "Russian"; ambiguous or silent attributions fall back to the source.
        assert_eq!(voice(Some("a Belarusian official"), third), Voice::Other);
        assert_eq!(
            voice(Some("Ukraine and Russia"), Affiliation::RussianStateMedia),
            Voice::Party(Side::Russia)
        );
        assert_eq!(
            voice(None, Affiliation::UkrainianGovernment),
            Voice::Party(Side::Ukraine)
        );
        assert_eq!(
            voice(None, Affiliation::InternationalBody),
            Voice::International
        );
    }

    #[test]
    fn one_party_only_unless_another_voice_backs_it() {
        let mut b = Backing::default();
        b.add(Voice::Party(Side::Russia), ClaimStatus::Confirmed);
        b.add(Voice::Other, ClaimStatus::Claimed);
        assert_eq!(b.only_party(), Some(Side::Russia));
        assert_eq!(b.label(), "Russian side only");
        b.add(Voice::Party(Side::Ukraine), ClaimStatus::Claimed);
        assert_eq!(b.only_party(), None);
        assert!(b.both_parties());
        let mut n = Backing::default();
        n.add(Voice::Party(Side::Ukraine), ClaimStatus::Claimed);
        n.add(Voice::International, ClaimStatus::Claimed);
        assert_eq!(n.only_party(), None);
    }
}
