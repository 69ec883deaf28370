//! What changed between two versions of a dataset, in the fact sheet's terms:
//! claims added, removed or changed (and which of their fields), sources and
//! events added, removed or changed, disagreements that appeared or were
//! resolved, and the totals, agreement progress and running-total verdicts that
//! moved; every change with the sources it rests on. A newsroom uses it to see
//! what must be corrected in a piece already published.
//!
//! It works on two [`Dataset`] values, whatever loaded them. How items are
//! matched (docs/DIFF.md says the same for readers):
//!
//! - sources, events, agreements, running totals and estimates by their `id`,
//!   place names by the spelling shown: an event whose id changed reads as one
//!   removed and one added;
//! - a claim by where it stands (its event and figure or fact, its agreement
//!   and term or fact, its running total or estimate, or the event's date or
//!   agreement) and by its source, never by its position in a list; a source
//!   that makes two claims on one figure has them matched in their order;
//! - disagreements, totals, agreement terms and running totals are those the
//!   fact sheet shows ([`crate::export::build`], over every event): what the
//!   comparison finds, never worked out again here; a disagreement by what it
//!   is on, its subject and its kind, a total by receiving side and category.
//!
//! Claims of an event that only one version has are not listed one by one:
//! the event is, with the sources it cites. The diff is written as Markdown
//! ([`markdown`]) or JSON ([`to_json`]; its fields are documented on the types
//! below and in docs/DIFF.md).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::export::summary::DisagreementKind;
use crate::model::{Category, Dataset, EventKind, Side};

mod claims;
mod findings;
mod items;
pub mod lines;
pub mod markdown;
mod records;
mod touch;

#[cfg(test)]
mod items_tests;
#[cfg(test)]
mod tests;

/// The version of the diff's JSON shape.
pub const DIFF_VERSION: u32 = 2;

/// Everything that differs between an old and a new version of a dataset.
/// Each list is empty when nothing of its kind changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    /// Always [`DIFF_VERSION`].
    pub diff_version: u32,
    pub old: Version,
    pub new: Version,
    /// The file's own fields that changed: `title`, `description`, `updated`, `coverage`.
    pub file: Vec<FieldChange>,
    /// Fact-sheet totals per receiving side and category whose figure reads differently.
    pub totals: Vec<TotalMove>,
    /// Agreement terms whose target, delivery or share reads differently.
    pub agreements: Vec<TermMove>,
    /// Running totals whose computed sum or whose claims' verdicts changed.
    pub running_totals: Vec<RunningTotalMove>,
    pub disagreements_appeared: Vec<DisagreementEntry>,
    pub disagreements_resolved: Vec<DisagreementEntry>,
    pub claims_changed: Vec<ClaimEntry>,
    pub claims_added: Vec<ClaimEntry>,
    pub claims_removed: Vec<ClaimEntry>,
    pub events_added: Vec<EventEntry>,
    pub events_removed: Vec<EventEntry>,
    pub events_changed: Vec<EventEntry>,
    pub sources_added: Vec<SourceRef>,
    pub sources_removed: Vec<SourceRef>,
    pub sources_changed: Vec<SourceChange>,
    /// Agreements, running totals, context estimates and place names that
    /// only the new version has.
    pub items_added: Vec<ItemEntry>,
    pub items_removed: Vec<ItemEntry>,
    /// Those in both whose own fields differ (their claims are compared
    /// with the other claims).
    pub items_changed: Vec<ItemEntry>,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// Where it was read from, when the caller says (`factsheet diff` gives the path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    pub events: usize,
    pub sources: usize,
}

/// A field that reads differently in the two versions: its name as in the
/// file format (`value`, `status`, `attributed_to`, `quote`, `url`, ...) and
/// both readings, `None` where the field is not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A source as a change cites it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    pub id: String,
    pub outlet: String,
    /// The headline or title of the statement, when the file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Only http and https links are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A source in both versions whose fields differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceChange {
    /// As the new version has it.
    pub source: SourceRef,
    pub changes: Vec<FieldChange>,
}

/// An event added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEntry {
    pub id: String,
    pub title: String,
    /// As the event's date reads: "2025-06-11", "May 2025".
    pub date: String,
    pub kind: EventKind,
    /// For a changed event, its fields that changed (`title`, `date`, `kind`,
    /// `place`, `agreement`, `mediators`, `notes`, and `figures.ID.received_by`,
    /// `figures.ID.category`, `figures.ID.label` for a figure in both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
    /// The sources its claims cite (of the version that has it; of both for a changed one).
    pub sources: Vec<SourceRef>,
}

/// What kind of record an [`ItemEntry`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Agreement,
    RunningTotal,
    Estimate,
    /// A spelling of the place-name table, with the variants folded into it.
    PlaceName,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Agreement => "agreement",
            ItemKind::RunningTotal => "running total",
            ItemKind::Estimate => "estimate",
            ItemKind::PlaceName => "place name",
        }
    }
}

/// An agreement, running total, estimate or place name added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemEntry {
    pub kind: ItemKind,
    /// Its id; for a place name, the spelling shown.
    pub id: String,
    /// An agreement's title, a total's or estimate's description, a place's spelling.
    pub title: String,
    /// For a changed item, its fields that changed (`title`, `date`,
    /// `parties`, `terms`, `terms.ID.description`, `scope.from`, `baseline`,
    /// `held_by`, `variants`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimOn {
    /// A figure of an event.
    Figure,
    /// A fact of an event.
    Fact,
    /// What a source says the event's date was.
    Date,
    /// What a source says the event's agreement is.
    AgreementLink,
    /// A term of an agreement.
    Term,
    /// A fact of an agreement.
    AgreementFact,
    RunningTotal,
    Estimate,
}

/// A claim added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimEntry {
    pub on: ClaimOn,
    /// The event, agreement, running total or estimate it belongs to.
    pub parent_id: String,
    pub parent_title: String,
    /// The figure, fact or term within it; `None` for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// What it is about, in words: "remains to Ukraine", a fact's question,
    /// "the date", "the agreement", a term's or total's description.
    pub subject: String,
    pub source: SourceRef,
    /// The claim as each version words it ("1,212 (confirmed, according to
    /// Kyiv's headquarters)"); `None` in the version without it.
    pub old: Option<String>,
    pub new: Option<String>,
    /// For a changed claim, the fields that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// A disagreement that appeared (as the new version has it) or was resolved (as the old had it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisagreementEntry {
    /// The event or agreement it is on.
    pub on_id: String,
    pub on_title: String,
    /// The figure ("remains to Russia"), the fact's question, "the date".
    pub subject: String,
    pub kind: DisagreementKind,
    pub statements: Vec<StatementEntry>,
}

/// What one source says in a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    pub source: SourceRef,
    /// As the fact sheet words it, with its status: "1,000 (confirmed)".
    pub says: String,
}

/// A fact-sheet total that moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalMove {
    /// `None` for figures given for both sides together.
    pub received_by: Option<Side>,
    pub category: Category,
    /// "remains to Ukraine".
    pub subject: String,
    /// As the sheet reads it, with its range: "1,212", "1,212 (1,201–1,212)";
    /// `None` where that version has no such figure.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The sources of the claims that changed under it (claims of its side
    /// and category changed, added or removed, and those of events added, removed or changed).
    pub sources: Vec<SourceRef>,
}

/// An agreement term whose progress moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermMove {
    pub agreement_id: String,
    pub agreement_title: String,
    pub term_id: String,
    pub term: String,
    pub old: Option<TermState>,
    pub new: Option<TermState>,
    /// The sources of the claims that changed under it: the term's own, and
    /// those of its side and category in events under the agreement.
    pub sources: Vec<SourceRef>,
}

/// A term's progress as the fact sheet reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermState {
    /// "6,000", "more than 500", "not disclosed".
    pub target: String,
    /// "1,212", with its range and the disputed events' delivery when there are.
    pub delivered: String,
    /// "20.2%", "at least 8.8%"; empty when no share can be given.
    pub share: String,
}

/// A running total whose sum or verdicts moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningTotalMove {
    pub id: String,
    pub description: String,
    /// What the data adds up to in its scope, as the sheet reads it; `None`
    /// where that version has no such running total.
    pub old_computed: Option<String>,
    pub new_computed: Option<String>,
    /// The claims whose verdict changed.
    pub verdicts: Vec<VerdictMove>,
    /// The sources of the claims that changed under it: its own, and those
    /// of the events it counts in either version.
    pub sources: Vec<SourceRef>,
}

/// One claim of a running total whose verdict changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictMove {
    pub source: SourceRef,
    /// The stated total: "6,000".
    pub says: String,
    /// "yes", "no", "cannot tell (some figures not disclosed)"; `None` in the
    /// version without the claim.
    pub old: Option<String>,
    pub new: Option<String>,
}

impl SourceRef {
    /// How a line names the source: its outlet, or its title when the outlet
    /// is unknown (as the fact sheet names it).
    pub fn name(&self) -> &str {
        match &self.title {
            Some(t) if self.outlet.trim().eq_ignore_ascii_case("unknown") => t,
            _ => &self.outlet,
        }
    }
}

impl Diff {
    /// True when the two versions say the same in every respect compared.
    pub fn is_empty(&self) -> bool {
        self.file.is_empty()
            && self.totals.is_empty()
            && self.agreements.is_empty()
            && self.running_totals.is_empty()
            && self.disagreements_appeared.is_empty()
            && self.disagreements_resolved.is_empty()
            && self.claims_changed.is_empty()
            && self.claims_added.is_empty()
            && self.claims_removed.is_empty()
            && self.events_added.is_empty()
            && self.events_removed.is_empty()
            && self.events_changed.is_empty()
            && self.sources_added.is_empty()
            && self.sources_removed.is_empty()
            && self.sources_changed.is_empty()
            && self.items_added.is_empty()
            && self.items_removed.is_empty()
            && self.items_changed.is_empty()
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Dataset, new: &Dataset) -> Diff {
    let names = records::Names::new(old, new);
    let mut touched = touch::Touched::default();
    let file = records::file_changes(old, new);
    let (sources_added, sources_removed, sources_changed) = records::sources(old, new, &names);
    let (events_added, events_removed, events_changed) =
        records::events(old, new, &names, &mut touched);
    let claims = claims::compare(old, new, &names, &mut touched);
    let found = findings::compare(old, new, &names, &touched);
    let (items_added, items_removed, items_changed) = items::compare(old, new);
    Diff {
        diff_version: DIFF_VERSION,
        old: Version::of(old),
        new: Version::of(new),
        file,
        totals: found.totals,
        agreements: found.agreements,
        running_totals: found.running_totals,
        disagreements_appeared: found.appeared,
        disagreements_resolved: found.resolved,
        claims_changed: claims.changed,
        claims_added: claims.added,
        claims_removed: claims.removed,
        events_added,
        events_removed,
        events_changed,
        sources_added,
        sources_removed,
        sources_changed,
        items_added,
        items_removed,
        items_changed,
    }
}

impl Version {
    fn of(d: &Dataset) -> Version {
        Version {
            file: None,
            title: d.title.to_string(),
            updated: d.updated,
            events: d.events.len(),
            sources: d.sources.len(),
        }
    }
}

/// The diff as JSON: two-space indented, fields in the order of the types
/// above. Besides what JSON must escape, DEL, the C1 controls and the marks
/// that reorder a line (U+202E...) are written as `\uXXXX` escapes, so the
/// output is inert in a terminal and reads back the same.
pub fn to_json(diff: &Diff) -> Vec<u8> {
    let text = serde_json::to_string_pretty(diff).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c.is_control() || crate::model::is_direction_mark(c) {
            // serde escapes every control below U+0020 inside strings: a
            // line break is the layout's. Inside a string any character may
            // be escaped.
            if c == '\n' {
                out.push(c);
            } else {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out.into_bytes()
}
