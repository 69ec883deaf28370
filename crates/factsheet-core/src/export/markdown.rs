//! The summary as GitHub-flavoured Markdown, for pasting into reports.
//!
//! Every text from the data goes through [`text`]: line breaks become spaces
//! (a break would end a table row) and Markdown punctuation is backslash-escaped,
//! so a title can neither break a table with `|` nor smuggle in HTML or links.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use crate::export::summary::{
    ClaimRow, EventRow, LISTED_EVENTS, Statement, Summary, citations_text, counted_text,
    is_bare_denial, range_text, scope_text, side_label,
};
use crate::export::text::{
    EstimateText, QuantityText, RangeText, Thousands, any_char, status_word,
};
use crate::model::{ClaimStatus, Side, thousands};
use crate::stats::Verdict;

/// Characters that could start Markdown syntax anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '{', '}', '$',
];

/// Whether `s` needs [`text`]'s escaping at all. Most texts do not: bytes are
/// scanned first (the ASCII [`SPECIAL`]s and controls, and the lead bytes of C1
/// controls, 0xC2, and of the line and paragraph separators, 0xE2); a flagged
/// byte only sends its character to the exact test. This is what keeps a
/// million quotes cheap.
fn needs_escaping(s: &str) -> bool {
    any_char(
        s,
        |b| {
            (b < 0x20)
                | (b == b'\\')
                | (b == b'`')
                | (b == b'*')
                | (b == b'_')
                | (b == b'[')
                | (b == b']')
                | (b == b'<')
                | (b == b'>')
                | (b == b'|')
                | (b == b'~')
                | (b == b'&')
                | (b == b'!')
                | (b == b'{')
                | (b == b'}')
                | (b == b'$')
                | (b == 0x7f)
                | (b == 0xc2)
                | (b == 0xd8)
                | (b == 0xe2)
        },
        is_special,
    )
}

fn is_special(c: char) -> bool {
    SPECIAL.contains(&c) || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_bidi(c)
}

/// The marks that reorder how a line reads (U+202E turns "exe.txt" into
/// "txt.exe"): a Markdown sheet pasted into a report must read as written.
fn is_bidi(c: char) -> bool {
    crate::model::is_direction_mark(c)
}

/// Escapes `s` onto `out`. `after_space` says whether `s` continues a text whose
/// last character was a space: a line break there becomes no second space.
fn escape_into(out: &mut String, s: &str, after_space: bool) {
    let mut last_space = after_space;
    for ch in s.chars() {
        if matches!(ch, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}') {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        // Terminal controls (ESC, BEL, NUL) and direction marks are left out:
        // they do nothing a reader wants, and a terminal or an editor acts on them.
        if ch.is_control() || is_bidi(ch) {
            continue;
        }
        last_space = ch == ' ';
        if SPECIAL.contains(&ch) {
            out.push('\\');
        }
        out.push(ch);
    }
}

/// Escapes data text for inline Markdown, tables included.
pub fn text(s: &str) -> String {
    if !needs_escaping(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s, false);
    out
}

/// Escapes text that starts a line (a paragraph), where `#`, `-`, `+`, `=`,
/// "1." and leading spaces mean something too.
pub fn paragraph(s: &str) -> String {
    let mut out = Vec::new();
    let _ = Out::new(&mut out).paragraph(s);
    String::from_utf8(out).unwrap_or_default()
}

/// A link destination in `<...>` form: characters that would end it are percent-encoded.
pub(crate) fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        match ch {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The writer's output: data texts escaped on their way in, numbers formatted
/// in place. `scratch` holds the rare text that needs escaping.
struct Out<'w, W: Write> {
    w: &'w mut W,
    scratch: String,
}

impl<'w, W: Write> Out<'w, W> {
    fn new(w: &'w mut W) -> Self {
        Out {
            w,
            scratch: String::new(),
        }
    }

    /// Text written as is: the writer's own words and numbers.
    fn put(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())
    }

    fn fmt(&mut self, args: std::fmt::Arguments<'_>) -> io::Result<()> {
        self.w.write_fmt(args)
    }

    /// Data text, escaped ([`text`]).
    fn text(&mut self, s: &str) -> io::Result<()> {
        self.text_after(s, false)
    }

    /// Data text continuing an escaped text whose last character was a space
    /// when `after_space` (as [`text`] would escape the whole).
    fn text_after(&mut self, s: &str, after_space: bool) -> io::Result<()> {
        if !needs_escaping(s) {
            return self.put(s);
        }
        self.scratch.clear();
        escape_into(&mut self.scratch, s, after_space);
        self.w.write_all(self.scratch.as_bytes())
    }

    /// [`paragraph`].
    fn paragraph(&mut self, s: &str) -> io::Result<()> {
        // Escaping never changes these marks or digits, so they are judged on
        // the text itself (trimmed: a line break cannot lead).
        let s = s.trim_start();
        if matches!(s.chars().next(), Some('#' | '-' | '+' | '=')) {
            self.put("\\")?;
            return self.text(s);
        }
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && let (Some(number), Some(rest)) = (s.get(..digits), s.get(digits..))
            && matches!(rest.chars().next(), Some('.' | ')'))
        {
            self.put(number)?;
            self.put("\\")?;
            return self.text(rest);
        }
        self.text(s)
    }

    /// A link destination in `<...>` form ([`destination`]).
    fn destination(&mut self, url: &str) -> io::Result<()> {
        let plain = !url.contains(|c: char| matches!(c, '<' | '>' | ' ' | '\\') || c.is_control());
        if plain {
            self.put(url)
        } else {
            self.put(&destination(url))
        }
    }

    /// "(confirmed, according to X)" after a claim, escaped, or nothing
    /// ([`status_note`] in brackets).
    fn note(&mut self, status: ClaimStatus, attributed_to: Option<&str>) -> io::Result<()> {
        let word = status_word(status);
        if word.is_none() && attributed_to.is_none() {
            return Ok(());
        }
        self.put(" (")?;
        if let Some(word) = word {
            self.put(word)?;
        }
        if let Some(who) = attributed_to {
            if word.is_some() {
                self.put(", ")?;
            }
            self.put("according to ")?;
            self.text_after(who, true)?;
        }
        self.put(")")
    }

    /// A claim in a cell: "1,212 [3] (confirmed)".
    fn claim(&mut self, c: &ClaimRow) -> io::Result<()> {
        // Numbers and fixed words: nothing Markdown escapes.
        if is_bare_denial(c.value, c.status) {
            self.put(&c.value_text())?;
        } else {
            self.fmt(format_args!("{}", QuantityText(c.value)))?;
        }
        if let Some(detail) = c.detail() {
            self.text(&detail)?;
        }
        self.fmt(format_args!(" [{}]", c.source))?;
        self.note(c.status, c.attributed_to.as_deref())
    }

    /// A table row of cells already escaped.
    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        self.put("|")?;
        for c in cells {
            self.put(" ")?;
            self.put(c)?;
            self.put(" |")?;
        }
        self.put("\n")
    }

    fn header(&mut self, cells: &[&str], numeric: &[bool]) -> io::Result<()> {
        self.put("|")?;
        for c in cells {
            self.put(" ")?;
            self.put(c)?;
            self.put(" |")?;
        }
        self.put("\n|")?;
        for (i, _) in cells.iter().enumerate() {
            self.put(if numeric.get(i).copied().unwrap_or(false) {
                " --: |"
            } else {
                " --- |"
            })?;
        }
        self.put("\n")
    }

    /// "- [2] Outlet: **1,200** (denied) — “quote”" without its "- ".
    fn statement(&mut self, summary: &Summary, s: &Statement) -> io::Result<()> {
        self.fmt(format_args!("[{}] ", s.source))?;
        match summary.source(s.source) {
            Some(r) => self.text(r.name())?,
            None => self.put("unknown source")?,
        }
        self.put(": **")?;
        self.text(&s.says)?;
        self.put("**")?;
        self.note(s.status, s.attributed_to.as_deref())?;
        if let Some(q) = &s.quote {
            self.put(" — “")?;
            self.text(q)?;
            self.put("”")?;
        }
        self.put("\n")
    }

    fn event(&mut self, e: &EventRow, agreement_titles: &HashMap<&str, &str>) -> io::Result<()> {
        // A date reads in digits, month names, "c.", "week of" and a dash:
        // nothing Markdown escapes.
        self.fmt(format_args!("### {} · ", e.date))?;
        self.text(&e.title)?;
        self.put("\n\n")?;
        self.put(e.kind.label())?;
        if let Some(p) = &e.place {
            self.put(" · ")?;
            self.text(p)?;
        }
        if !e.mediators.is_empty() {
            // Escaped as the names joined by ", " would be.
            self.put(" · mediated by ")?;
            for (i, m) in e.mediators.iter().enumerate() {
                if i > 0 {
                    self.put(", ")?;
                }
                self.text_after(m, i > 0)?;
            }
        }
        if let Some(a) = &e.agreement {
            let title = agreement_titles.get(&**a).copied().unwrap_or(a);
            self.put(" · under ")?;
            self.text(title)?;
        }
        self.put("\n\n")?;
        if let Some(n) = &e.notes {
            self.paragraph(n)?;
            self.put("\n\n")?;
        }
        if e.figures.is_empty() {
            return Ok(());
        }
        self.put(FIGURES_HEADER)?;
        for f in &e.figures {
            // The subject as `FigureRow::subject` words it; only the label is data.
            self.fmt(format_args!(
                "| {} {}",
                f.category.label(),
                f.received_by
                    .map_or("(both sides, not split)", Side::to_label)
            ))?;
            if let Some(label) = f.label.as_deref().filter(|l| !l.trim().is_empty()) {
                self.put(" (")?;
                self.text(label)?;
                self.put(")")?;
            }
            self.fmt(format_args!(
                " | {} | {} | {} | ",
                EstimateText {
                    low: f.low,
                    best: f.best,
                    high: f.high,
                    bound: f.bound,
                    tie: f.tie,
                },
                RangeText {
                    low: f.low,
                    best: f.best,
                    high: f.high
                },
                consensus_words(&f.consensus),
            ))?;
            for (i, c) in f.claims.iter().enumerate() {
                if i > 0 {
                    self.put("; ")?;
                }
                self.claim(c)?;
            }
            self.put(" |\n")?;
        }
        self.put("\n")
    }
}

/// The header of each event's table of figures.
const FIGURES_HEADER: &str = "| Figure | Best | Range | Sources agree? | Claims |\n\
                              | --- | --: | --- | --- | --- |\n";

/// A consensus class in words: "single_source" reads "single source".
fn consensus_words(class: &str) -> Cow<'_, str> {
    if class.contains('_') {
        Cow::Owned(class.replace('_', " "))
    } else {
        Cow::Borrowed(class)
    }
}

/// The whole summary as Markdown.
pub fn write(s: &Summary) -> String {
    let mut out = Vec::with_capacity(4096 + s.events.len() * 1000);
    // Writing to memory cannot fail.
    let _ = write_to(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the whole summary as Markdown to `w` (buffer it: the writer makes
/// many small writes).
pub fn write_to<W: Write>(s: &Summary, w: &mut W) -> io::Result<()> {
    let mut out = Out::new(w);
    out.put("# ")?;
    out.text(&s.title)?;
    out.put("\n\n")?;
    if let Some(d) = &s.description {
        out.paragraph(d)?;
        out.put("\n\n")?;
    }
    match (s.first_day, s.last_day) {
        (Some(a), Some(b)) if a == b => out.fmt(format_args!("**Period:** {a} · "))?,
        (Some(a), Some(b)) => out.fmt(format_args!("**Period:** {a} – {b} · "))?,
        _ => {}
    }
    out.fmt(format_args!(
        "**Events:** {}",
        Thousands(s.event_count as u64)
    ))?;
    if let Some(u) = s.updated {
        out.fmt(format_args!(" · **Data last updated:** {u}"))?;
    }
    out.put("\n\n")?;
    if let Some(f) = &s.filter {
        out.put("**Filter:** ")?;
        out.text(f)?;
        out.put("\n\n")?;
    }
    out.put(
        "Numbers in brackets cite the sources listed at the end. Where sources differ, \
         the range shows the lowest and highest figure they allow.\n\n",
    )?;

    // Totals, agreements, running totals and estimates are a few rows each:
    // their cells are composed as Strings.
    out.put("## Totals\n\n")?;
    if s.totals.is_empty() {
        out.put("No figures.\n\n")?;
    } else {
        out.header(
            &[
                "Received by",
                "Category",
                "Total",
                "Range",
                "Figures",
                "Sources",
            ],
            &[false, false, true, false, true, false],
        )?;
        for t in &s.totals {
            let mut figures = thousands(t.figures as u64);
            if t.undisclosed > 0 {
                figures.push_str(&format!(
                    " ({} not disclosed)",
                    thousands(t.undisclosed as u64)
                ));
            }
            out.row(&[
                side_label(t.received_by).to_string(),
                t.category.label().to_string(),
                t.text(),
                if t.undisclosed >= t.figures {
                    String::new()
                } else {
                    range_text(Some(t.low), t.best, t.high).unwrap_or_default()
                },
                figures,
                citations_text(&t.sources),
            ])?;
        }
        out.put("\n")?;
        if let Some(u) = &s.unlisted {
            out.paragraph(&u.totals_note())?;
            out.put("\n\n")?;
        }
    }

    if !s.agreements.is_empty() {
        out.put("## Agreements and delivery\n\n")?;
        for a in &s.agreements {
            out.fmt(format_args!(
                "### {} ({}",
                text(&a.title),
                text(&a.date.to_string())
            ))?;
            if let Some(p) = &a.place {
                out.fmt(format_args!(", {}", text(p)))?;
            }
            out.put(")\n\n")?;
            if a.terms.is_empty() {
                out.put("No quantified terms.\n\n")?;
                continue;
            }
            out.header(
                &[
                    "Term",
                    "Received by",
                    "Target",
                    "Delivered since",
                    "Progress",
                    "Events",
                ],
                &[false, false, true, true, true, true],
            )?;
            for t in &a.terms {
                let target = format!("{} {}", t.target_text(), citations_text(&t.target_sources));
                let mut delivered = t.delivered_full_text();
                if !t.delivered_sources.is_empty() {
                    delivered.push(' ');
                    delivered.push_str(&citations_text(&t.delivered_sources));
                }
                out.row(&[
                    text(&t.description),
                    t.received_by.label().to_string(),
                    target.trim_end().to_string(),
                    delivered,
                    t.share_full_text(),
                    thousands(t.events as u64),
                ])?;
            }
            out.put("\n")?;
        }
    }

    if !s.running_totals.is_empty() {
        out.put("## Running totals stated by sources\n\n")?;
        let titles = s.agreement_titles();
        for group in s.running_total_groups() {
            out.put("### ")?;
            out.text(&scope_text(group.scope, &titles))?;
            out.put("\n\n")?;
            if let Some(first) = group.totals.first() {
                out.paragraph(&counted_text(&first.counted, LISTED_EVENTS))?;
                out.put("\n\n")?;
            }
            out.header(
                &[
                    "Total",
                    "A source says",
                    "The data adds up to",
                    "Difference",
                    "Consistent",
                ],
                &[false, false, true, true, false],
            )?;
            for t in &group.totals {
                for c in &t.claims {
                    out.row(&[
                        text(&t.description),
                        claim_text(&c.claim),
                        text(&t.computed_text()),
                        c.difference.map(|d| d.text()).unwrap_or_default(),
                        match c.verdict {
                            Verdict::Inconsistent => "**no**".into(),
                            _ => text(&t.verdict_text(c)),
                        },
                    ])?;
                }
            }
            out.put("\n")?;
        }
    }

    out.put("## Events\n\n")?;
    if let Some(u) = &s.unlisted {
        out.paragraph(&u.events_note(s.events.len()))?;
        out.put("\n\n")?;
    } else if s.events.is_empty() {
        out.put("No events.\n\n")?;
    }
    let agreement_titles = s.agreement_titles();
    for e in &s.events {
        out.event(e, &agreement_titles)?;
    }

    out.put("## Disagreements\n\n")?;
    let elsewhere = s.unlisted.as_ref().and_then(|u| u.disagreements_note());
    if s.disagreements.is_empty() && s.unlisted.is_none_or(|u| u.disagreements == 0) {
        out.put("The sources do not contradict each other on any figure or fact.\n\n")?;
    }
    for d in &s.disagreements {
        out.put("### ")?;
        out.text(&d.on_title)?;
        out.put(": ")?;
        out.text(&d.subject)?;
        out.fmt(format_args!(" ({})\n\n", d.kind.label()))?;
        for st in &d.statements {
            out.put("- ")?;
            out.statement(s, st)?;
        }
        out.put("\n")?;
    }
    if !s.single_source.is_empty() {
        out.put("### Reported by one source only\n\n")?;
        for r in &s.single_source {
            out.put("- ")?;
            // Starts the item: a title like "+ x" must not open a list inside it.
            out.paragraph(&r.event_title)?;
            out.put(", ")?;
            out.text(&r.subject)?;
            out.put(": ")?;
            out.statement(s, &r.statement)?;
        }
        out.put("\n")?;
    }
    if let Some(note) = elsewhere {
        out.paragraph(&note)?;
        out.put("\n\n")?;
    }

    if !s.estimates.is_empty() {
        out.put("## Context estimates\n\n")?;
        out.header(
            &["Estimate", "As of", "Best", "Range", "Claims"],
            &[false, false, true, false, false],
        )?;
        for e in &s.estimates {
            out.row(&[
                text(&e.description),
                e.as_of.map(|d| d.to_string()).unwrap_or_default(),
                e.text(),
                range_text(e.low, e.best, e.high).unwrap_or_default(),
                e.claims
                    .iter()
                    .map(claim_text)
                    .collect::<Vec<_>>()
                    .join("; "),
            ])?;
        }
        out.put("\n")?;
        // Several estimates often rest on one sentence: quote it once.
        let mut quoted: Vec<(usize, &str)> = Vec::new();
        for c in s.estimates.iter().flat_map(|e| e.claims.iter()) {
            if let Some(q) = c.quote.as_deref()
                && !quoted.contains(&(c.source, q))
            {
                quoted.push((c.source, q));
                out.fmt(format_args!("- [{}] “", c.source))?;
                out.text(q)?;
                out.put("”\n")?;
            }
        }
        out.put("\n")?;
    }

    if !s.facts.is_empty() {
        out.put("## Facts\n\n")?;
        out.paragraph(
            "Every question the sources answer in words, with every answer (different \
             accounts are also under Disagreements).",
        )?;
        out.put("\n\n")?;
        if let Some(u) = &s.unlisted {
            out.paragraph(&u.facts_note())?;
            out.put("\n\n")?;
        }
        for f in &s.facts {
            out.put("### ")?;
            out.text(&f.on_title)?;
            out.put(": ")?;
            out.text(&f.question)?;
            out.fmt(format_args!(" ({})\n\n", f.consensus_text()))?;
            for st in &f.answers {
                out.put("- ")?;
                out.statement(s, st)?;
            }
            out.put("\n")?;
        }
    }

    out.put("## Sources\n\n")?;
    for src in &s.sources {
        out.fmt(format_args!("{}. ", src.number))?;
        // Starts the item: an outlet like "- x" must not open a list inside it.
        out.paragraph(&src.outlet)?;
        if let Some(t) = &src.title {
            out.put(", “")?;
            out.text(t)?;
            out.put("”")?;
        }
        out.fmt(format_args!(" ({})", src.affiliation.label()))?;
        if let Some(p) = src.published {
            out.fmt(format_args!(", published {p}"))?;
        }
        if let Some(u) = &src.url {
            out.put(", <")?;
            out.destination(u)?;
            out.put(">")?;
        }
        if let Some(u) = &src.archive_url {
            out.put(", archived copy <")?;
            out.destination(u)?;
            out.put(">")?;
        }
        if let Some(r) = src.retrieved {
            out.fmt(format_args!(", retrieved {r}"))?;
        }
        if let Some(relay) = src.relays {
            // "wire copy of [2]": words and a number, nothing to escape.
            out.fmt(format_args!(" — {}", relay.text()))?;
        }
        out.put("\n")?;
    }
    Ok(())
}

/// A claim in words for the few-row tables: "1,212 [3] (confirmed)".
fn claim_text(c: &ClaimRow) -> String {
    let mut out = Vec::new();
    let _ = Out::new(&mut out).claim(c);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_exactly_the_characters_to_escape() {
        assert!(SPECIAL.iter().all(char::is_ascii));
        let chars = (0u32..0x3100)
            .chain([0xfeff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            for text in [
                c.to_string(),
                format!("{}{c}", "x".repeat(40)),
                format!("«{c}»—"),
            ] {
                let exact = text.contains(is_special);
                assert_eq!(needs_escaping(&text), exact, "{text:?}");
            }
        }
    }

    #[test]
    fn terminal_controls_and_direction_marks_are_left_out() {
        assert_eq!(text("a\u{1b}[2Jb\u{7}c\u{0}"), "a\\[2Jbc");
        assert_eq!(text("invoice\u{202e}txt.exe"), "invoicetxt.exe");
        assert_eq!(text("\u{2066}x\u{2069}"), "x");
    }

    #[test]
    fn escapes_table_breakers_and_markup() {
        assert_eq!(text("a|b\nc"), "a\\|b c");
        assert_eq!(text("<script>"), "\\<script\\>");
        assert_eq!(text("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(paragraph("1. not a list"), "1\\. not a list");
    }

    #[test]
    fn destinations_cannot_close_early() {
        assert_eq!(destination("https://x/a b>c"), "https://x/a%20b%3Ec");
    }
}
