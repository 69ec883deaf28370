//! The summary as one self-contained HTML page: inline CSS (print-friendly),
//! the chart as inline SVG, no scripts and no network fetches.
//!
//! The page is also well-formed XML (every element closed, only XML's five
//! entities), so strict parsers read it. Every text from the data goes through
//! [`escape`](super::markup::escape); links are written only for http and https addresses.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use crate::export::markup::{Out, escape, needs_escaping};
use crate::export::summary::{
    ClaimRow, EventRow, LISTED_EVENTS, Statement, Summary, counted_text, is_bare_denial,
    range_text, scope_text, side_label,
};
use crate::export::svg;
use crate::export::text::{EstimateText, QuantityText, RangeText, status_word};
use crate::model::{ClaimStatus, Side, thousands};
use crate::stats::Verdict;

impl<W: Write> Out<'_, W> {
    /// A citation mark linking to the source list.
    fn cite(&mut self, n: usize) -> io::Result<()> {
        self.fmt(format_args!(
            "<a class=\"cite\" href=\"#source-{n}\">[{n}]</a>"
        ))
    }

    /// " (confirmed, according to X)" after a claim, escaped, or nothing.
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
            self.text(who)?;
        }
        self.put(")")
    }

    /// A claim in a cell: "1,212[3] (confirmed)", the citation a link.
    fn claim(&mut self, c: &ClaimRow) -> io::Result<()> {
        // A quantity in words holds digits, commas, letters and a dash: nothing to escape.
        if is_bare_denial(c.value, c.status) {
            self.put(&c.value_text())?;
        } else {
            self.fmt(format_args!("{}", QuantityText(c.value)))?;
        }
        if let Some(detail) = c.detail() {
            self.text(&detail)?;
        }
        self.cite(c.source)?;
        self.note(c.status, c.attributed_to.as_deref())
    }

    fn statement(&mut self, s: &Summary, st: &Statement) -> io::Result<()> {
        match s.source(st.source) {
            Some(r) => self.text(r.name())?,
            None => self.put("unknown source")?,
        }
        self.cite(st.source)?;
        self.put(": <strong>")?;
        self.text(&st.says)?;
        self.put("</strong>")?;
        self.note(st.status, st.attributed_to.as_deref())?;
        if let Some(q) = &st.quote {
            self.put("<blockquote>“")?;
            self.text(q)?;
            self.put("”</blockquote>")?;
        }
        self.put("</li>\n")
    }

    fn table_start(&mut self, headings: &[&str]) -> io::Result<()> {
        self.put("<table>\n<thead><tr>")?;
        for h in headings {
            self.put("<th>")?;
            self.text(h)?;
            self.put("</th>")?;
        }
        self.put("</tr></thead>\n<tbody>\n")
    }

    /// Cells are (html, numeric?); the html is already escaped.
    fn table_row(&mut self, cells: &[(String, bool)]) -> io::Result<()> {
        self.put("<tr>")?;
        for (html, numeric) in cells {
            self.put(if *numeric {
                "<td class=\"num\">"
            } else {
                "<td>"
            })?;
            self.put(html)?;
            self.put("</td>")?;
        }
        self.put("</tr>\n")
    }

    fn event(&mut self, e: &EventRow, agreement_titles: &HashMap<&str, &str>) -> io::Result<()> {
        self.put("<h3 id=\"event-")?;
        self.text(&e.id)?;
        // A date reads in digits, month names, "c.", "week of" and a dash: nothing to escape.
        self.fmt(format_args!("\">{} · ", e.date))?;
        self.text(&e.title)?;
        self.put("</h3>\n<p class=\"meta\">")?;
        self.put(e.kind.label())?;
        if let Some(p) = &e.place {
            self.put(" · ")?;
            self.text(p)?;
        }
        if !e.mediators.is_empty() {
            self.put(" · mediated by ")?;
            for (i, m) in e.mediators.iter().enumerate() {
                if i > 0 {
                    self.put(", ")?;
                }
                self.text(m)?;
            }
        }
        if let Some(a) = &e.agreement {
            let title = agreement_titles.get(&**a).copied().unwrap_or(a);
            self.put(" · under ")?;
            self.text(title)?;
        }
        self.put("</p>\n")?;
        if let Some(n) = &e.notes {
            self.put("<p>")?;
            self.text(n)?;
            self.put("</p>\n")?;
        }
        if e.figures.is_empty() {
            return Ok(());
        }
        self.put(FIGURES_HEAD)?;
        for f in &e.figures {
            self.fmt(format_args!(
                "<tr><td>{} {}",
                f.category.label(),
                f.received_by
                    .map_or("(both sides, not split)", Side::to_label)
            ))?;
            if let Some(label) = f.label.as_deref().filter(|l| !l.trim().is_empty()) {
                self.put(" (")?;
                self.text(label)?;
                self.put(")")?;
            }
            // Numbers in words and consensus classes: nothing to escape.
            self.fmt(format_args!(
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>",
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
            self.put("</td></tr>\n")?;
        }
        self.put("</tbody>\n</table>\n")
    }
}

/// The start of each event's table of figures.
const FIGURES_HEAD: &str = "<table>\n<thead><tr><th>Figure</th><th>Best</th><th>Range</th>\
                            <th>Sources agree?</th><th>Claims</th></tr></thead>\n<tbody>\n";

/// A consensus class in words, escaped: "single_source" reads "single source".
fn consensus_words(class: &str) -> Cow<'_, str> {
    if class.contains('_') || needs_escaping(class) {
        Cow::Owned(escape(&class.replace('_', " ")))
    } else {
        Cow::Borrowed(class)
    }
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.meta { color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cite { font-size: 0.8em; vertical-align: super; text-decoration: none; }
.bad { color: #a00; font-weight: bold; }
blockquote { margin: 0.2rem 0 0.2rem 1rem; color: #333; font-style: italic; }
svg.chart { max-width: 100%; height: auto; }
ol.sources li { margin-bottom: 0.3rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, svg.chart, .disagreement, .fact { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  ol.sources a::after { content: ' (' attr(href) ')'; font-size: 0.85em; }
}
";

fn cites(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|&n| format!("<a class=\"cite\" href=\"#source-{n}\">[{n}]</a>"))
        .collect::<Vec<_>>()
        .join("")
}

/// A claim for the few-row tables, as [`Out::claim`] writes it.
fn claim_html(c: &ClaimRow) -> String {
    let mut out = Vec::new();
    let _ = Out::new(&mut out).claim(c);
    String::from_utf8(out).unwrap_or_default()
}

/// The whole summary as an HTML page.
pub fn write(s: &Summary) -> String {
    let mut out = Vec::with_capacity(8192 + s.events.len() * 2000);
    // Writing to memory cannot fail.
    let _ = write_to(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the whole summary as an HTML page to `w` (buffer it: the writer
/// makes many small writes).
pub fn write_to<W: Write>(s: &Summary, w: &mut W) -> io::Result<()> {
    let mut out = Out::new(w);
    out.fmt(format_args!(
        "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n\
         <meta name=\"generator\" content=\"factsheet {}\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&s.title)
    ))?;
    out.fmt(format_args!("<h1>{}</h1>\n", escape(&s.title)))?;
    if let Some(d) = &s.description {
        out.fmt(format_args!("<p>{}</p>\n", escape(d)))?;
    }
    let mut meta = Vec::new();
    match (s.first_day, s.last_day) {
        (Some(a), Some(b)) if a == b => meta.push(format!("Period: {a}")),
        (Some(a), Some(b)) => meta.push(format!("Period: {a} – {b}")),
        _ => {}
    }
    meta.push(format!("Events: {}", thousands(s.event_count as u64)));
    if let Some(u) = s.updated {
        meta.push(format!("Data last updated: {u}"));
    }
    out.fmt(format_args!(
        "<p class=\"meta\">{}</p>\n",
        escape(&meta.join(" · "))
    ))?;
    if let Some(f) = &s.filter {
        out.fmt(format_args!(
            "<p class=\"meta\">Filter: {}</p>\n",
            escape(f)
        ))?;
    }
    out.put(
        "<p class=\"meta\">Numbers in brackets cite the sources listed at the end. Where sources \
         differ, the range shows the lowest and highest figure they allow.</p>\n",
    )?;

    out.put("<h2>Over time</h2>\n<figure>\n")?;
    svg::chart_to(s, &mut out)?;
    out.put(
        "\n<figcaption>Cumulative totals received by each side: solid lines remains, dashed lines \
         living prisoners. Each event is one mark below the plot: a dot for a known day, a dashed \
         bar over the days an approximate date can mean.</figcaption>\n</figure>\n",
    )?;

    // Totals, agreements, running totals and estimates are a few rows each:
    // their cells are composed as Strings.
    out.put("<h2>Totals</h2>\n")?;
    if s.totals.is_empty() {
        out.put("<p>No figures.</p>\n")?;
    } else {
        out.table_start(&[
            "Received by",
            "Category",
            "Total",
            "Range",
            "Figures",
            "Sources",
        ])?;
        for t in &s.totals {
            let mut figures = thousands(t.figures as u64);
            if t.undisclosed > 0 {
                figures.push_str(&format!(
                    " ({} not disclosed)",
                    thousands(t.undisclosed as u64)
                ));
            }
            out.table_row(&[
                (escape(side_label(t.received_by)), false),
                (escape(t.category.label()), false),
                (escape(&t.text()), true),
                (
                    if t.undisclosed >= t.figures {
                        String::new()
                    } else {
                        escape(&range_text(Some(t.low), t.best, t.high).unwrap_or_default())
                    },
                    true,
                ),
                (escape(&figures), true),
                (cites(&t.sources), false),
            ])?;
        }
        out.put("</tbody>\n</table>\n")?;
        if let Some(u) = &s.unlisted {
            out.fmt(format_args!(
                "<p class=\"meta\">{}</p>\n",
                escape(&u.totals_note())
            ))?;
        }
    }

    if !s.agreements.is_empty() {
        out.put("<h2>Agreements and delivery</h2>\n")?;
        for a in &s.agreements {
            let mut head = format!("{} ({}", a.title, a.date);
            if let Some(p) = &a.place {
                head.push_str(&format!(", {p}"));
            }
            head.push(')');
            out.fmt(format_args!("<h3>{}</h3>\n", escape(&head)))?;
            if a.terms.is_empty() {
                out.put("<p>No quantified terms.</p>\n")?;
                continue;
            }
            out.table_start(&[
                "Term",
                "Received by",
                "Target",
                "Delivered since",
                "Progress",
                "Events",
            ])?;
            for t in &a.terms {
                let mut delivered = escape(&t.delivered_full_text());
                delivered.push_str(&cites(&t.delivered_sources));
                out.table_row(&[
                    (escape(&t.description), false),
                    (escape(t.received_by.label()), false),
                    (
                        format!("{}{}", escape(&t.target_text()), cites(&t.target_sources)),
                        true,
                    ),
                    (delivered, true),
                    (t.share_full_text(), true),
                    (thousands(t.events as u64), true),
                ])?;
            }
            out.put("</tbody>\n</table>\n")?;
        }
    }

    if !s.running_totals.is_empty() {
        out.put("<h2>Running totals stated by sources</h2>\n")?;
        let titles = s.agreement_titles();
        for group in s.running_total_groups() {
            out.fmt(format_args!(
                "<h3>{}</h3>\n",
                escape(&scope_text(group.scope, &titles))
            ))?;
            if let Some(first) = group.totals.first() {
                out.fmt(format_args!(
                    "<p class=\"meta\">{}</p>\n",
                    escape(&counted_text(&first.counted, LISTED_EVENTS))
                ))?;
            }
            out.table_start(&[
                "Total",
                "A source says",
                "The data adds up to",
                "Difference",
                "Consistent",
            ])?;
            for t in &group.totals {
                for c in &t.claims {
                    out.table_row(&[
                        (escape(&t.description), false),
                        (claim_html(&c.claim), false),
                        (escape(&t.computed_text()), true),
                        (c.difference.map(|d| d.text()).unwrap_or_default(), true),
                        (
                            match c.verdict {
                                Verdict::Inconsistent => "<span class=\"bad\">no</span>".into(),
                                _ => escape(&t.verdict_text(c)),
                            },
                            false,
                        ),
                    ])?;
                }
            }
            out.put("</tbody>\n</table>\n")?;
        }
    }

    out.put("<h2>Events</h2>\n")?;
    if let Some(u) = &s.unlisted {
        out.fmt(format_args!(
            "<p class=\"meta\">{}</p>\n",
            escape(&u.events_note(s.events.len()))
        ))?;
    } else if s.events.is_empty() {
        out.put("<p>No events.</p>\n")?;
    }
    let agreement_titles = s.agreement_titles();
    for e in &s.events {
        out.event(e, &agreement_titles)?;
    }

    out.put("<h2>Disagreements</h2>\n")?;
    if s.disagreements.is_empty() && s.unlisted.is_none_or(|u| u.disagreements == 0) {
        out.put("<p>The sources do not contradict each other on any figure or fact.</p>\n")?;
    }
    for d in &s.disagreements {
        out.put("<div class=\"disagreement\">\n<h3>")?;
        out.text(&d.on_title)?;
        out.put(": ")?;
        out.text(&d.subject)?;
        out.put(" (")?;
        out.text(d.kind.label())?;
        out.put(")</h3>\n<ul>\n")?;
        for st in &d.statements {
            out.put("<li>")?;
            out.statement(s, st)?;
        }
        out.put("</ul>\n</div>\n")?;
    }
    if !s.single_source.is_empty() {
        out.put("<h3>Reported by one source only</h3>\n<ul>\n")?;
        for r in &s.single_source {
            out.put("<li>")?;
            out.text(&r.event_title)?;
            out.put(", ")?;
            out.text(&r.subject)?;
            out.put(": ")?;
            out.statement(s, &r.statement)?;
        }
        out.put("</ul>\n")?;
    }
    if let Some(note) = s.unlisted.as_ref().and_then(|u| u.disagreements_note()) {
        out.fmt(format_args!("<p class=\"meta\">{}</p>\n", escape(&note)))?;
    }

    if !s.estimates.is_empty() {
        out.put("<h2>Context estimates</h2>\n")?;
        out.table_start(&["Estimate", "As of", "Best", "Range", "Claims"])?;
        for e in &s.estimates {
            let claims = e
                .claims
                .iter()
                .map(|c| {
                    let mut h = claim_html(c);
                    if let Some(q) = &c.quote {
                        h.push_str(&format!("<blockquote>“{}”</blockquote>", escape(q)));
                    }
                    h
                })
                .collect::<Vec<_>>()
                .join("");
            out.table_row(&[
                (escape(&e.description), false),
                (e.as_of.map(|d| d.to_string()).unwrap_or_default(), false),
                (escape(&e.text()), true),
                (
                    escape(&range_text(e.low, e.best, e.high).unwrap_or_default()),
                    true,
                ),
                (claims, false),
            ])?;
        }
        out.put("</tbody>\n</table>\n")?;
    }

    if !s.facts.is_empty() {
        out.put("<h2>Facts</h2>\n")?;
        out.put(
            "<p class=\"meta\">Every question the sources answer in words, with every answer \
             (different accounts are also under Disagreements).</p>\n",
        )?;
        if let Some(u) = &s.unlisted {
            out.fmt(format_args!(
                "<p class=\"meta\">{}</p>\n",
                escape(&u.facts_note())
            ))?;
        }
        for f in &s.facts {
            out.put("<div class=\"fact\">\n<h3>")?;
            out.text(&f.on_title)?;
            out.put(": ")?;
            out.text(&f.question)?;
            out.put(" (")?;
            out.text(f.consensus_text())?;
            out.put(")</h3>\n<ul>\n")?;
            for st in &f.answers {
                out.put("<li>")?;
                out.statement(s, st)?;
            }
            out.put("</ul>\n</div>\n")?;
        }
    }

    out.put("<h2>Sources</h2>\n<ol class=\"sources\">\n")?;
    for src in &s.sources {
        out.fmt(format_args!("<li id=\"source-{}\">", src.number))?;
        out.text(&src.outlet)?;
        if let Some(t) = &src.title {
            out.put(", “")?;
            out.text(t)?;
            out.put("”")?;
        }
        out.put(" (")?;
        out.text(src.affiliation.label())?;
        out.put(")")?;
        if let Some(p) = src.published {
            out.fmt(format_args!(", published {p}"))?;
        }
        // Only web links survive into the summary; see `Citations::cite`.
        if let Some(u) = &src.url {
            out.put(", <a href=\"")?;
            out.text(u)?;
            out.put("\">")?;
            out.text(u)?;
            out.put("</a>")?;
        }
        if let Some(u) = &src.archive_url {
            out.put(", <a href=\"")?;
            out.text(u)?;
            out.put("\">archived copy</a>")?;
        }
        if let Some(r) = src.retrieved {
            out.fmt(format_args!(", retrieved {r}"))?;
        }
        if let Some(relay) = src.relays {
            out.fmt(format_args!(
                " — {} of <a href=\"#source-{n}\">[{n}]</a>",
                relay.how.label(),
                n = relay.source
            ))?;
        }
        out.put("</li>\n")?;
    }
    out.fmt(format_args!(
        "</ol>\n<p class=\"meta\">Generated by factsheet {}.</p>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::markup::is_special;

    #[test]
    fn the_byte_scan_finds_exactly_the_characters_to_escape() {
        let chars = (0u32..0x3100)
            .chain([0xfeff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            for text in [
                c.to_string(),
                format!("{}{c}", "x".repeat(40)),
                format!("«{c}»"),
            ] {
                let exact = text.contains(is_special);
                assert_eq!(needs_escaping(&text), exact, "{text:?}");
            }
        }
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
    }
}
