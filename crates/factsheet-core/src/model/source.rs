//! Sources: the articles and statements claims are taken from, who stands
//! behind them, and which of them relay others.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Side, Text};

/// An article or statement that claims are taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier that claims use to cite this source (unique in the file).
    pub id: Text,
    /// Outlet or body that published it, as the article shows it; "unknown" when it does not.
    pub outlet: Text,
    /// Headline or title of the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Where it was published (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// Date of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// Language of the text, as a BCP 47 tag ("en", "uk", "ru").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Text>,
    /// Who stands behind the source.
    #[serde(default)]
    pub affiliation: Affiliation,
    /// An archived copy, in case the article is edited or taken down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_url: Option<Text>,
    /// When the source (or its archived copy) was retrieved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Date>,
    /// Anything a reader should know about the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// Another source this one relays (a wire copy, a reprint, a translation, a
    /// statement quoted second-hand): not an independent voice (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relays: Option<Relay>,
    /// The copy of the source saved beside the data, which `factsheet
    /// validate` reads to check that every quote citing this source is in it
    /// (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_copy: Option<SavedCopy>,
}

/// A copy of a source kept on disk: a saved HTML page or a text file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedCopy {
    /// The file, relative to the folder of the data file that names it
    /// ("copies/tass-2025-06-11.html"). `.html` and `.htm` files are read as
    /// HTML, any other as text; WACZ archives are not read yet.
    pub path: Text,
    /// The address the copy was saved from, when it differs from the source's `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// When the copy was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Date>,
    /// The file's SHA-256, 64 hexadecimal digits (`sha256sum FILE`): a copy
    /// whose hash differs has changed since it was recorded, and is warned of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<Text>,
}

/// What a relaying source passes on, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relay {
    /// The source relayed (a source `id`).
    pub source: Text,
    #[serde(default)]
    pub how: RelayKind,
}

/// How a source relays another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelayKind {
    /// A news agency's story printed as it came ("Reuters", "TASS" under another masthead).
    #[default]
    WireCopy,
    /// The same article published again, by its own outlet or another.
    Reprint,
    /// The article in another language.
    Translation,
    /// A statement the source quotes from another outlet rather than heard itself.
    QuotedSecondHand,
}

impl RelayKind {
    pub fn label(self) -> &'static str {
        match self {
            RelayKind::WireCopy => "wire copy",
            RelayKind::Reprint => "reprint",
            RelayKind::Translation => "translation",
            RelayKind::QuotedSecondHand => "quoted second-hand",
        }
    }
}

/// Who stands behind a source: a party to the conflict, state media, a third country, ...
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    UkrainianGovernment,
    RussianGovernment,
    UkrainianStateMedia,
    RussianStateMedia,
    /// An international body such as the ICRC or the UN.
    InternationalBody,
    ThirdCountryGovernment,
    ThirdCountryMedia,
    IndependentMedia,
    #[default]
    Unknown,
}

impl Affiliation {
    /// The party to the conflict this source speaks for, if it speaks for one.
    pub fn party(self) -> Option<Side> {
        match self {
            Affiliation::UkrainianGovernment | Affiliation::UkrainianStateMedia => {
                Some(Side::Ukraine)
            }
            Affiliation::RussianGovernment | Affiliation::RussianStateMedia => Some(Side::Russia),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Affiliation::UkrainianGovernment => "Ukrainian government",
            Affiliation::RussianGovernment => "Russian government",
            Affiliation::UkrainianStateMedia => "Ukrainian state media",
            Affiliation::RussianStateMedia => "Russian state media",
            Affiliation::InternationalBody => "international body",
            Affiliation::ThirdCountryGovernment => "third-country government",
            Affiliation::ThirdCountryMedia => "third-country media",
            Affiliation::IndependentMedia => "independent media",
            Affiliation::Unknown => "unknown affiliation",
        }
    }
}
