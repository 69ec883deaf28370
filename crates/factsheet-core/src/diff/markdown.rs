//! The diff as Markdown, for a newsroom: one headed section per kind of
//! change, only the sections that have changes ("No changes." when the two
//! versions say the same), each change citing its sources by number, the
//! numbered sources at the end. Data text is escaped as the fact sheet's
//! Markdown escapes it ([`crate::export::markdown::text`]).

use std::collections::HashMap;
use std::fmt::Write;

use super::{ClaimEntry, Diff, EventEntry, FieldChange, SourceRef, TermState, Version};
use crate::export::markdown::{destination, paragraph, text};

/// What a missing reading shows as.
const NONE: &str = "none";

/// The diff as Markdown.
pub fn write(diff: &Diff) -> String {
    let mut w = Writer::default();
    w.out.push_str("# What changed\n\n");
    w.version("Old", &diff.old);
    w.version("New", &diff.new);
    w.out.push('\n');
    if diff.is_empty() {
        w.out.push_str("No changes.\n");
        return w.out;
    }
    w.out
        .push_str("Numbers in brackets cite the sources listed at the end.\n\n");
    w.section("The file", &diff.file, |w, f| w.field_line(f));
    w.section("Totals", &diff.totals, |w, t| {
        w.item(&t.subject);
        w.out.push_str(": ");
        w.moved(t.old.as_deref(), t.new.as_deref());
        w.cites(&t.sources);
    });
    w.section("Agreement progress", &diff.agreements, |w, t| {
        w.item(&t.agreement_title);
        w.out.push_str(", ");
        w.out.push_str(&text(&t.term));
        w.out.push_str(": ");
        let (o, n) = (t.old.as_ref().map(progress), t.new.as_ref().map(progress));
        w.moved(o.as_deref(), n.as_deref());
        w.cites(&t.sources);
    });
    w.section("Running totals", &diff.running_totals, |w, t| {
        w.item(&t.description);
        let mut parts = Vec::new();
        if t.old_computed != t.new_computed {
            let mut moved = Writer::default();
            moved.moved(t.old_computed.as_deref(), t.new_computed.as_deref());
            parts.push(format!("the data adds up to {}", moved.out));
        }
        for v in &t.verdicts {
            let n = w.number(&v.source);
            let mut moved = Writer::default();
            moved.moved(v.old.as_deref(), v.new.as_deref());
            parts.push(format!(
                "[{n}] says {}, consistent: {}",
                text(&v.says),
                moved.out
            ));
        }
        w.out.push_str(": ");
        w.out.push_str(&parts.join("; "));
        w.cites(&t.sources);
    });
    for (title, list) in [
        ("Disagreements that appeared", &diff.disagreements_appeared),
        ("Disagreements resolved", &diff.disagreements_resolved),
    ] {
        w.section(title, list, |w, d| {
            w.item(&d.on_title);
            let _ = write!(w.out, ": {} ({}): ", text(&d.subject), d.kind.label());
            let said: Vec<String> = d
                .statements
                .iter()
                .map(|s| format!("[{}] {}", w.number(&s.source), text(&s.says)))
                .collect();
            w.out.push_str(&said.join("; "));
        });
    }
    w.section("Claims changed", &diff.claims_changed, |w, c| {
        w.claim_head(c);
        let changes: Vec<String> = c
            .changes
            .iter()
            .map(|f| {
                let mut one = Writer::default();
                one.field(f);
                one.out
            })
            .collect();
        w.out.push_str(&changes.join("; "));
    });
    for (title, list, new) in [
        ("Claims added", &diff.claims_added, true),
        ("Claims removed", &diff.claims_removed, false),
    ] {
        w.section(title, list, |w, c| {
            w.claim_head(c);
            let said = if new { &c.new } else { &c.old };
            w.out.push_str(&text(said.as_deref().unwrap_or(NONE)));
        });
    }
    for (title, list) in [
        ("Events added", &diff.events_added),
        ("Events removed", &diff.events_removed),
    ] {
        w.section(title, list, |w, e| w.event_head(e));
    }
    w.section("Events changed", &diff.events_changed, |w, e| {
        w.event_head(e);
        w.out.push_str(": ");
        let changes: Vec<String> = e
            .changes
            .iter()
            .map(|f| {
                let mut one = Writer::default();
                one.field(f);
                one.out
            })
            .collect();
        w.out.push_str(&changes.join("; "));
    });
    for (title, list) in [
        ("Sources added", &diff.sources_added),
        ("Sources removed", &diff.sources_removed),
    ] {
        w.section(title, list, |w, s| {
            let n = w.number(s);
            let _ = write!(w.out, "[{n}] ");
            w.out.push_str(&text(s.name()));
        });
    }
    w.section("Sources changed", &diff.sources_changed, |w, s| {
        let n = w.number(&s.source);
        let _ = write!(w.out, "[{n}] {}: ", text(s.source.name()));
        let changes: Vec<String> = s
            .changes
            .iter()
            .map(|f| {
                let mut one = Writer::default();
                one.field(f);
                one.out
            })
            .collect();
        w.out.push_str(&changes.join("; "));
    });
    w.sources();
    w.out
}

/// A term's progress in words: "1,212 of 6,000 delivered (20.2%)".
fn progress(t: &TermState) -> String {
    if t.share.is_empty() {
        format!("{} of {} delivered", t.delivered, t.target)
    } else {
        format!("{} of {} delivered ({})", t.delivered, t.target, t.share)
    }
}

/// "1 event", "1,212 events".
fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", crate::model::thousands(n as u64)),
    }
}

/// A field's name in words: "attributed to", "figure f1: received by".
fn field_name(name: &str) -> String {
    let words = |s: &str| s.replace('_', " ");
    match name
        .strip_prefix("figures.")
        .and_then(|rest| rest.rsplit_once('.'))
    {
        Some((id, what)) => format!("figure {}: {}", text(id), words(what)),
        None => words(name),
    }
}

/// The Markdown so far, and the sources cited, numbered in the order first cited.
#[derive(Default)]
struct Writer {
    out: String,
    numbers: HashMap<String, usize>,
    cited: Vec<SourceRef>,
}

impl Writer {
    fn version(&mut self, label: &str, v: &Version) {
        let _ = write!(self.out, "**{label}:** ");
        if let Some(file) = &v.file {
            let _ = write!(self.out, "{}, ", text(file));
        }
        let _ = write!(self.out, "“{}”", text(&v.title));
        if let Some(u) = v.updated {
            let _ = write!(self.out, ", updated {u}");
        }
        let _ = writeln!(
            self.out,
            " ({}, {})  ",
            counted(v.events, "event", "events"),
            counted(v.sources, "source", "sources")
        );
    }

    /// A section of `items` under `title`, one list item each; nothing when empty.
    fn section<T>(&mut self, title: &str, items: &[T], mut line: impl FnMut(&mut Self, &T)) {
        if items.is_empty() {
            return;
        }
        let _ = write!(self.out, "## {title}\n\n");
        for item in items {
            self.out.push_str("- ");
            line(self, item);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    /// Data text that starts a list item: a title like "+ x" must not open a list inside it.
    fn item(&mut self, s: &str) {
        self.out.push_str(&paragraph(s));
    }

    fn number(&mut self, s: &SourceRef) -> usize {
        if let Some(&n) = self.numbers.get(&s.id) {
            return n;
        }
        self.cited.push(s.clone());
        let n = self.cited.len();
        self.numbers.insert(s.id.clone(), n);
        n
    }

    /// " [1] [2]" after a change.
    fn cites(&mut self, sources: &[SourceRef]) {
        for s in sources {
            let n = self.number(s);
            let _ = write!(self.out, " [{n}]");
        }
    }

    /// "1,212 → 2,424", "none → 1,212".
    fn moved(&mut self, old: Option<&str>, new: Option<&str>) {
        let _ = write!(
            self.out,
            "{} → {}",
            text(old.unwrap_or(NONE)),
            text(new.unwrap_or(NONE))
        );
    }

    /// "value 1,212 → 1,200".
    fn field(&mut self, f: &FieldChange) {
        self.out.push_str(&field_name(&f.field));
        self.out.push(' ');
        self.moved(f.old.as_deref(), f.new.as_deref());
    }

    fn field_line(&mut self, f: &FieldChange) {
        self.out.push_str(&field_name(&f.field));
        self.out.push_str(": ");
        self.moved(f.old.as_deref(), f.new.as_deref());
    }

    /// "June 11 return, remains to Ukraine, [2]: ".
    fn claim_head(&mut self, c: &ClaimEntry) {
        self.item(&c.parent_title);
        if c.subject != c.parent_title {
            let _ = write!(self.out, ", {}", text(&c.subject));
        }
        let n = self.number(&c.source);
        let _ = write!(self.out, ", [{n}]: ");
    }

    /// "2025-06-11, June 11 return (repatriation of remains) [1] [2]".
    fn event_head(&mut self, e: &EventEntry) {
        self.item(&e.date);
        let _ = write!(self.out, ", {} ({})", text(&e.title), e.kind.label());
        self.cites(&e.sources);
    }

    /// The numbered sources cited above.
    fn sources(&mut self) {
        if self.cited.is_empty() {
            return;
        }
        self.out.push_str("## Sources\n\n");
        for (i, s) in self.cited.iter().enumerate() {
            let _ = write!(self.out, "{}. {}", i + 1, paragraph(s.name()));
            if let Some(u) = &s.url {
                let _ = write!(self.out, ", <{}>", destination(u));
            }
            self.out.push('\n');
        }
    }
}
