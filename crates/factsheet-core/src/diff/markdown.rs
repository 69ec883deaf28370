//! The diff as Markdown, for a newsroom: one headed section per kind of
//! change ([`super::lines::sections`]), only the sections that have changes
//! ("No changes." when the two versions say the same), each change citing its
//! sources by number, the numbered sources at the end. Data text is escaped
//! as the fact sheet's Markdown escapes it ([`crate::export::markdown::text`]).

use std::collections::HashMap;
use std::fmt::Write;

use super::lines::{Piece, sections};
use super::{Diff, SourceRef, Version};
use crate::export::markdown::{destination, paragraph, text};
use crate::model::thousands;

/// The diff as Markdown.
pub fn write(diff: &Diff) -> String {
    let mut out = String::from("# What changed\n\n");
    version(&mut out, "Old", &diff.old);
    version(&mut out, "New", &diff.new);
    out.push('\n');
    if diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let mut numbers = Numbers::default();
    let head = out.len();
    for section in sections(diff) {
        let _ = write!(out, "## {}\n\n", section.title);
        for line in &section.lines {
            out.push_str("- ");
            for (i, piece) in line.pieces.iter().enumerate() {
                match piece {
                    Piece::Words(s) => out.push_str(s),
                    // Starts the item: a title like "+ x" must not open a list inside it.
                    Piece::Data(s) if i == 0 => out.push_str(&paragraph(s)),
                    Piece::Data(s) => out.push_str(&text(s)),
                    Piece::Cite(s) => {
                        let _ = write!(out, "[{}]", numbers.of(s));
                    }
                }
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !numbers.cited.is_empty() {
        out.insert_str(
            head,
            "Numbers in brackets cite the sources listed at the end.\n\n",
        );
        out.push_str("## Sources\n\n");
    }
    for (i, s) in numbers.cited.iter().enumerate() {
        let _ = write!(out, "{}. {}", i + 1, paragraph(s.name()));
        if let Some(u) = &s.url {
            let _ = write!(out, ", <{}>", destination(u));
        }
        out.push('\n');
    }
    out
}

/// "**Old:** old.json, “Returns”, updated 2025-06-11 (3 events, 2 sources)".
fn version(out: &mut String, label: &str, v: &Version) {
    let _ = write!(out, "**{label}:** ");
    if let Some(file) = &v.file {
        let _ = write!(out, "{}, ", text(file));
    }
    let _ = write!(out, "“{}”", text(&v.title));
    if let Some(u) = v.updated {
        let _ = write!(out, ", updated {u}");
    }
    let _ = writeln!(
        out,
        " ({}, {})  ",
        counted(v.events, "event", "events"),
        counted(v.sources, "source", "sources")
    );
}

/// "1 event", "1,212 events".
fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", thousands(n as u64)),
    }
}

/// Sources numbered in the order first cited.
#[derive(Default)]
struct Numbers {
    by_id: HashMap<String, usize>,
    cited: Vec<SourceRef>,
}

impl Numbers {
    fn of(&mut self, s: &SourceRef) -> usize {
        if let Some(&n) = self.by_id.get(&s.id) {
            return n;
        }
        self.cited.push(s.clone());
        let n = self.cited.len();
        self.by_id.insert(s.id.clone(), n);
        n
    }
}
