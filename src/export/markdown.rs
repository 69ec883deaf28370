//! The summary as GitHub-flavoured Markdown, for pasting into reports.
//!
//! Every text from the data goes through [`text`]: line breaks become spaces
//! (a break would end a table row) and Markdown punctuation is backslash-escaped,
//! so a title can neither break a table with `|` nor smuggle in HTML or links.

use std::fmt::Write;

use crate::export::summary::{
    ClaimRow, Statement, Summary, citations_text, percent_text, range_text, side_label, status_note,
};
use crate::model::thousands;

/// Characters that could start Markdown syntax anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '{', '}', '$',
];

/// Bytes that may need escaping: the ASCII [`SPECIAL`]s and controls, and the
/// lead bytes of C1 controls (0xC2) and of the line and paragraph separators (0xE2).
/// Scanning bytes against this table is what keeps a million quotes cheap.
const MAYBE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < SPECIAL.len() {
        t[SPECIAL[i] as usize] = true;
        i += 1;
    }
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

/// Escapes data text for inline Markdown, tables included.
pub fn text(s: &str) -> String {
    // Most texts need no escaping: copy them whole. A flagged byte only
    // sends the text to the exact, per-character path below.
    let flagged = s.bytes().any(|b| MAYBE_SPECIAL[usize::from(b)]);
    if !flagged
        || !s.contains(|c: char| {
            SPECIAL.contains(&c) || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
        })
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut last_space = false;
    for ch in s.chars() {
        if matches!(ch, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}') {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = ch == ' ';
        if SPECIAL.contains(&ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Escapes text that starts a line (a paragraph), where `#`, `-`, `+`, `=`,
/// "1." and leading spaces mean something too.
pub fn paragraph(s: &str) -> String {
    let escaped = text(s.trim_start());
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let first = escaped.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        format!("\\{escaped}")
    } else if digits > 0 && matches!(escaped[digits..].chars().next(), Some('.' | ')')) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// A link destination in `<...>` form: characters that would end it are percent-encoded.
fn destination(url: &str) -> String {
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

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c);
        out.push_str(" |");
    }
    out.push('\n');
}

fn header(out: &mut String, cells: &[&str], numeric: &[bool]) {
    row(
        out,
        &cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
    );
    out.push('|');
    for (i, _) in cells.iter().enumerate() {
        out.push_str(if numeric.get(i).copied().unwrap_or(false) {
            " --: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
}

fn claim_text(c: &ClaimRow) -> String {
    let note = status_note(c.status, c.attributed_to.as_deref());
    let mut s = format!("{} [{}]", c.value, c.source);
    if !note.is_empty() {
        s.push_str(&format!(" ({})", text(&note)));
    }
    s
}

fn statement_line(out: &mut String, summary: &Summary, s: &Statement) {
    let outlet = summary
        .source(s.source)
        .map_or_else(|| "unknown source".to_string(), |r| text(r.name()));
    let _ = write!(out, "- [{}] {outlet}: **{}**", s.source, text(&s.says));
    let note = status_note(s.status, s.attributed_to.as_deref());
    if !note.is_empty() {
        let _ = write!(out, " ({})", text(&note));
    }
    if let Some(q) = &s.quote {
        let _ = write!(out, " — “{}”", text(q));
    }
    out.push('\n');
}

/// The whole summary as Markdown.
pub fn write(s: &Summary) -> String {
    let mut out = String::with_capacity(4096 + s.events.len() * 400);
    let _ = writeln!(out, "# {}\n", text(&s.title));
    if let Some(d) = &s.description {
        let _ = writeln!(out, "{}\n", paragraph(d));
    }
    let mut facts = Vec::new();
    match (s.first_day, s.last_day) {
        (Some(a), Some(b)) if a == b => facts.push(format!("**Period:** {a}")),
        (Some(a), Some(b)) => facts.push(format!("**Period:** {a} – {b}")),
        _ => {}
    }
    facts.push(format!("**Events:** {}", thousands(s.event_count as u64)));
    if let Some(u) = s.updated {
        facts.push(format!("**Data last updated:** {u}"));
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(f) = &s.filter {
        let _ = writeln!(out, "**Filter:** {}\n", text(f));
    }
    out.push_str(
        "Numbers in brackets cite the sources listed at the end. Where sources differ, \
         the range shows the lowest and highest figure they allow.\n\n",
    );

    out.push_str("## Totals\n\n");
    if s.totals.is_empty() {
        out.push_str("No figures.\n\n");
    } else {
        header(
            &mut out,
            &[
                "Received by",
                "Category",
                "Total",
                "Range",
                "Figures",
                "Sources",
            ],
            &[false, false, true, false, true, false],
        );
        for t in &s.totals {
            let mut figures = thousands(t.figures as u64);
            if t.undisclosed > 0 {
                figures.push_str(&format!(" ({} not disclosed)", t.undisclosed));
            }
            row(
                &mut out,
                &[
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
                ],
            );
        }
        out.push('\n');
    }

    if !s.agreements.is_empty() {
        out.push_str("## Agreements and delivery\n\n");
        for a in &s.agreements {
            let _ = write!(out, "### {} ({}", text(&a.title), text(&a.date.to_string()));
            if let Some(p) = &a.place {
                let _ = write!(out, ", {}", text(p));
            }
            out.push_str(")\n\n");
            if a.terms.is_empty() {
                out.push_str("No quantified terms.\n\n");
                continue;
            }
            header(
                &mut out,
                &[
                    "Term",
                    "Received by",
                    "Target",
                    "Delivered since",
                    "Progress",
                    "Events",
                ],
                &[false, false, true, true, true, true],
            );
            for t in &a.terms {
                let target = format!("{} {}", t.target_text(), citations_text(&t.target_sources));
                let mut delivered = t.delivered_text();
                if let Some(r) = t.delivered_range() {
                    delivered.push_str(&format!(" ({r})"));
                }
                if !t.delivered_sources.is_empty() {
                    delivered.push(' ');
                    delivered.push_str(&citations_text(&t.delivered_sources));
                }
                row(
                    &mut out,
                    &[
                        text(&t.description),
                        t.received_by.label().to_string(),
                        target.trim_end().to_string(),
                        delivered,
                        t.fraction.map(percent_text).unwrap_or_default(),
                        thousands(t.events as u64),
                    ],
                );
            }
            out.push('\n');
        }
    }

    if !s.running_totals.is_empty() {
        out.push_str("## Running totals stated by sources\n\n");
        header(
            &mut out,
            &[
                "Total",
                "A source says",
                "The data adds up to",
                "Difference",
                "Consistent",
            ],
            &[false, false, true, true, false],
        );
        for t in &s.running_totals {
            for c in &t.claims {
                row(
                    &mut out,
                    &[
                        text(&t.description),
                        claim_text(&c.claim),
                        t.computed_text(),
                        c.difference.map(|d| format!("{d:+}")).unwrap_or_default(),
                        match c.matches {
                            Some(true) => "yes".into(),
                            Some(false) => "**no**".into(),
                            None => String::new(),
                        },
                    ],
                );
            }
        }
        out.push('\n');
    }

    out.push_str("## Events\n\n");
    if s.events.is_empty() {
        out.push_str("No events.\n\n");
    }
    let agreement_titles = s.agreement_titles();
    for e in &s.events {
        let _ = writeln!(
            out,
            "### {} · {}\n",
            text(&e.date.to_string()),
            text(&e.title)
        );
        let mut about = vec![e.kind.label().to_string()];
        if let Some(p) = &e.place {
            about.push(text(p));
        }
        if !e.mediators.is_empty() {
            about.push(format!("mediated by {}", text(&e.mediators.join(", "))));
        }
        if let Some(a) = &e.agreement {
            let title = agreement_titles.get(a.as_str()).copied().unwrap_or(a);
            about.push(format!("under {}", text(title)));
        }
        let _ = writeln!(out, "{}\n", about.join(" · "));
        if let Some(n) = &e.notes {
            let _ = writeln!(out, "{}\n", paragraph(n));
        }
        if e.figures.is_empty() {
            continue;
        }
        header(
            &mut out,
            &["Figure", "Best", "Range", "Sources agree?", "Claims"],
            &[false, true, false, false, false],
        );
        for f in &e.figures {
            row(
                &mut out,
                &[
                    text(&f.subject()),
                    f.text(),
                    range_text(f.low, f.best, f.high).unwrap_or_default(),
                    f.consensus.replace('_', " "),
                    f.claims
                        .iter()
                        .map(claim_text)
                        .collect::<Vec<_>>()
                        .join("; "),
                ],
            );
        }
        out.push('\n');
    }

    out.push_str("## Disagreements\n\n");
    if s.disagreements.is_empty() {
        out.push_str("The sources do not contradict each other on any figure or fact.\n\n");
    }
    for d in &s.disagreements {
        let _ = writeln!(
            out,
            "### {}: {} ({})\n",
            text(&d.on_title),
            text(&d.subject),
            d.kind.label()
        );
        for st in &d.statements {
            statement_line(&mut out, s, st);
        }
        out.push('\n');
    }
    if !s.single_source.is_empty() {
        out.push_str("### Reported by one source only\n\n");
        for r in &s.single_source {
            let _ = write!(out, "- {}, {}: ", text(&r.event_title), text(&r.subject));
            let mut line = String::new();
            statement_line(&mut line, s, &r.statement);
            out.push_str(line.trim_start_matches("- "));
        }
        out.push('\n');
    }

    if !s.estimates.is_empty() {
        out.push_str("## Context estimates\n\n");
        header(
            &mut out,
            &["Estimate", "As of", "Best", "Range", "Claims"],
            &[false, false, true, false, false],
        );
        for e in &s.estimates {
            row(
                &mut out,
                &[
                    text(&e.description),
                    e.as_of.map(|d| d.to_string()).unwrap_or_default(),
                    e.text(),
                    range_text(e.low, e.best, e.high).unwrap_or_default(),
                    e.claims
                        .iter()
                        .map(claim_text)
                        .collect::<Vec<_>>()
                        .join("; "),
                ],
            );
        }
        out.push('\n');
        // Several estimates often rest on one sentence: quote it once.
        let mut quoted: Vec<(usize, &str)> = Vec::new();
        for c in s.estimates.iter().flat_map(|e| e.claims.iter()) {
            if let Some(q) = c.quote.as_deref()
                && !quoted.contains(&(c.source, q))
            {
                quoted.push((c.source, q));
                let _ = writeln!(out, "- [{}] “{}”", c.source, text(q));
            }
        }
        out.push('\n');
    }

    out.push_str("## Sources\n\n");
    for src in &s.sources {
        let _ = write!(out, "{}. {}", src.number, text(&src.outlet));
        if let Some(t) = &src.title {
            let _ = write!(out, ", “{}”", text(t));
        }
        let _ = write!(out, " ({})", src.affiliation.label());
        if let Some(p) = src.published {
            let _ = write!(out, ", published {p}");
        }
        if let Some(u) = &src.url {
            let _ = write!(out, ", <{}>", destination(u));
        }
        if let Some(u) = &src.archive_url {
            let _ = write!(out, ", archived copy <{}>", destination(u));
        }
        if let Some(r) = src.retrieved {
            let _ = write!(out, ", retrieved {r}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
