//! The diff in words, section by section, for any display: each line is a
//! run of the diff's own words, texts from the data and citations of
//! sources, kept apart so that the Markdown writer escapes only the data and
//! numbers the sources, and the app names them.

use super::{ClaimEntry, Diff, EventEntry, FieldChange, ItemEntry, SourceRef, TermState};

/// What a missing reading shows as.
pub const NONE: &str = "none";

/// Between an old and a new reading: a piece of its own, so that a display
/// whose font lacks the arrow can show another.
pub const ARROW: &str = " → ";

/// A headed list of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub lines: Vec<Line>,
}

/// One change, in pieces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The diff's own words and numbers.
    Words(String),
    /// A text from the data, as written there.
    Data(String),
    /// A source cited.
    Cite(SourceRef),
}

impl Line {
    fn words(&mut self, s: impl Into<String>) -> &mut Self {
        self.pieces.push(Piece::Words(s.into()));
        self
    }

    fn data(&mut self, s: impl Into<String>) -> &mut Self {
        self.pieces.push(Piece::Data(s.into()));
        self
    }

    fn cite(&mut self, s: &SourceRef) -> &mut Self {
        self.pieces.push(Piece::Cite(s.clone()));
        self
    }

    /// " [1] [2]" after a change.
    fn cites(&mut self, sources: &[SourceRef]) -> &mut Self {
        for s in sources {
            self.words(" ").cite(s);
        }
        self
    }

    /// "1,212 → 2,424", "none → 1,212": readings come from the data (a
    /// claim's quote) or are worded from it.
    fn moved(&mut self, old: Option<&str>, new: Option<&str>) -> &mut Self {
        self.data(old.unwrap_or(NONE))
            .words(ARROW)
            .data(new.unwrap_or(NONE))
    }

    /// A field's name in words: "attributed to", "figure f1: received by"
    /// (a figure's id is the data's).
    fn field_name(&mut self, name: &str) -> &mut Self {
        let words = |s: &str| s.replace('_', " ");
        match name
            .strip_prefix("figures.")
            .and_then(|rest| rest.rsplit_once('.'))
        {
            Some((id, what)) => self
                .words("figure ")
                .data(id)
                .words(format!(": {}", words(what))),
            None => self.words(words(name)),
        }
    }

    /// "value 1,212 → 1,200".
    fn field(&mut self, f: &FieldChange) -> &mut Self {
        self.field_name(&f.field)
            .words(" ")
            .moved(f.old.as_deref(), f.new.as_deref())
    }

    /// "value 1,212 → 1,200; status claimed → confirmed".
    fn fields(&mut self, changes: &[FieldChange]) -> &mut Self {
        for (i, f) in changes.iter().enumerate() {
            if i > 0 {
                self.words("; ");
            }
            self.field(f);
        }
        self
    }

    /// "June 11 return, remains to Ukraine, [2]: ".
    fn claim_head(&mut self, c: &ClaimEntry) -> &mut Self {
        self.data(c.parent_title.clone());
        if c.subject != c.parent_title {
            self.words(", ").data(c.subject.clone());
        }
        self.words(", ").cite(&c.source).words(": ")
    }

    /// "2025-06-11, June 11 return (repatriation of remains) [1] [2]".
    fn event_head(&mut self, e: &EventEntry) -> &mut Self {
        self.words(e.date.clone())
            .words(", ")
            .data(e.title.clone())
            .words(format!(" ({})", e.kind.label()))
            .cites(&e.sources)
    }

    /// "agreement Istanbul talks (istanbul-2025-06)"; a place name is its own id.
    fn item_head(&mut self, i: &ItemEntry) -> &mut Self {
        self.words(format!("{} ", i.kind.label()))
            .data(i.title.clone());
        if i.id != i.title {
            self.words(" (").data(i.id.clone()).words(")");
        }
        self
    }

    /// Every source the line cites, each once, in order.
    pub fn sources(&self) -> Vec<&SourceRef> {
        let mut out: Vec<&SourceRef> = Vec::new();
        for p in &self.pieces {
            if let Piece::Cite(s) = p
                && !out.iter().any(|o| o.id == s.id)
            {
                out.push(s);
            }
        }
        out
    }
}

/// A term's progress in words: "1,212 of 6,000 delivered (20.2%)".
fn progress(t: &TermState) -> String {
    if t.share.is_empty() {
        format!("{} of {} delivered", t.delivered, t.target)
    } else {
        format!("{} of {} delivered ({})", t.delivered, t.target, t.share)
    }
}

/// A section of `items` under `title`, one line each; `None` when there are none.
fn section<T>(
    title: &'static str,
    items: &[T],
    mut line: impl FnMut(&mut Line, &T),
) -> Option<Section> {
    (!items.is_empty()).then(|| Section {
        title,
        lines: items
            .iter()
            .map(|item| {
                let mut l = Line::default();
                line(&mut l, item);
                l
            })
            .collect(),
    })
}

/// The sections that have changes, in the order a newsroom reads them: what
/// the sheet counts first, then what its sources say, then the records.
pub fn sections(diff: &Diff) -> Vec<Section> {
    let mut out = Vec::new();
    out.extend(section("The file", &diff.file, |l, f| {
        l.field_name(&f.field)
            .words(": ")
            .moved(f.old.as_deref(), f.new.as_deref());
    }));
    out.extend(section("Totals", &diff.totals, |l, t| {
        l.words(t.subject.clone())
            .words(": ")
            .moved(t.old.as_deref(), t.new.as_deref())
            .cites(&t.sources);
    }));
    out.extend(section("Agreement progress", &diff.agreements, |l, t| {
        let (o, n) = (t.old.as_ref().map(progress), t.new.as_ref().map(progress));
        l.data(t.agreement_title.clone())
            .words(", ")
            .data(t.term.clone())
            .words(": ")
            .moved(o.as_deref(), n.as_deref())
            .cites(&t.sources);
    }));
    out.extend(section("Running totals", &diff.running_totals, |l, t| {
        l.data(t.description.clone()).words(": ");
        let mut first = true;
        if t.old_computed != t.new_computed {
            l.words("the data adds up to ")
                .moved(t.old_computed.as_deref(), t.new_computed.as_deref());
            first = false;
        }
        for v in &t.verdicts {
            if !first {
                l.words("; ");
            }
            first = false;
            l.cite(&v.source)
                .words(" says ")
                .data(v.says.clone())
                .words(", consistent: ")
                .moved(v.old.as_deref(), v.new.as_deref());
        }
        l.cites(&t.sources);
    }));
    for (title, list) in [
        ("Disagreements that appeared", &diff.disagreements_appeared),
        ("Disagreements resolved", &diff.disagreements_resolved),
    ] {
        out.extend(section(title, list, |l, d| {
            l.data(d.on_title.clone())
                .words(": ")
                .data(d.subject.clone())
                .words(format!(" ({}): ", d.kind.label()));
            for (i, s) in d.statements.iter().enumerate() {
                if i > 0 {
                    l.words("; ");
                }
                l.cite(&s.source).words(" ").data(s.says.clone());
            }
        }));
    }
    out.extend(section("Claims changed", &diff.claims_changed, |l, c| {
        l.claim_head(c).fields(&c.changes);
    }));
    out.extend(section("Claims added", &diff.claims_added, |l, c| {
        l.claim_head(c).data(c.new.as_deref().unwrap_or(NONE));
    }));
    out.extend(section("Claims removed", &diff.claims_removed, |l, c| {
        l.claim_head(c).data(c.old.as_deref().unwrap_or(NONE));
    }));
    out.extend(section("Events added", &diff.events_added, |l, e| {
        l.event_head(e);
    }));
    out.extend(section("Events removed", &diff.events_removed, |l, e| {
        l.event_head(e);
    }));
    out.extend(section("Events changed", &diff.events_changed, |l, e| {
        l.event_head(e).words(": ").fields(&e.changes);
    }));
    out.extend(section("Sources added", &diff.sources_added, |l, s| {
        l.cite(s).words(" ").data(s.name());
    }));
    out.extend(section("Sources removed", &diff.sources_removed, |l, s| {
        l.cite(s).words(" ").data(s.name());
    }));
    out.extend(section("Sources changed", &diff.sources_changed, |l, s| {
        l.cite(&s.source)
            .words(" ")
            .data(s.source.name())
            .words(": ")
            .fields(&s.changes);
    }));
    out.extend(section("Other records added", &diff.items_added, |l, i| {
        l.item_head(i);
    }));
    out.extend(section(
        "Other records removed",
        &diff.items_removed,
        |l, i| {
            l.item_head(i);
        },
    ));
    out.extend(section(
        "Other records changed",
        &diff.items_changed,
        |l, i| {
            l.item_head(i).words(": ").fields(&i.changes);
        },
    ));
    out
}
