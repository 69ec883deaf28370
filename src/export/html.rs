//! The summary as one self-contained HTML page: inline CSS (print-friendly),
//! the chart as inline SVG, no scripts and no network fetches.
//!
//! The page is also well-formed XML (every element closed, only XML's five
//! entities), so strict parsers read it. Every text from the data goes through
//! [`escape`]; links are written only for http and https addresses.

use std::fmt::Write;

use crate::export::summary::{
    ClaimRow, Statement, Summary, percent_text, range_text, side_label, status_note,
};
use crate::export::svg;
use crate::model::thousands;

/// Escapes text for HTML element content and quoted attribute values.
/// Control characters other than tab and newline are dropped: XML forbids them.
pub fn escape(s: &str) -> String {
    // Most texts need no escaping: copy them whole. Bytes are scanned first:
    // markup and ASCII controls are single bytes, and every C1 control starts with 0xC2.
    let flagged = s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..0x20 | 0x7f | 0xc2));
    if !flagged
        || !s.contains(|c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || c.is_control())
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
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
  table, svg.chart, .disagreement { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  ol.sources a::after { content: ' (' attr(href) ')'; font-size: 0.85em; }
}
";

fn cite(n: usize) -> String {
    format!("<a class=\"cite\" href=\"#source-{n}\">[{n}]</a>")
}

fn cites(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(|&n| cite(n))
        .collect::<Vec<_>>()
        .join("")
}

fn claim_html(c: &ClaimRow) -> String {
    let note = status_note(c.status, c.attributed_to.as_deref());
    let mut s = format!("{}{}", escape(&c.value.to_string()), cite(c.source));
    if !note.is_empty() {
        s.push_str(&format!(" ({})", escape(&note)));
    }
    s
}

fn table_start(out: &mut String, headings: &[&str]) {
    out.push_str("<table>\n<thead><tr>");
    for h in headings {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

/// Cells are (html, numeric?); the html is already escaped.
fn table_row(out: &mut String, cells: &[(String, bool)]) {
    out.push_str("<tr>");
    for (html, numeric) in cells {
        if *numeric {
            let _ = write!(out, "<td class=\"num\">{html}</td>");
        } else {
            let _ = write!(out, "<td>{html}</td>");
        }
    }
    out.push_str("</tr>\n");
}

fn statement_html(out: &mut String, s: &Summary, st: &Statement) {
    let outlet = s
        .source(st.source)
        .map_or_else(|| "unknown source".to_string(), |r| escape(r.name()));
    let _ = write!(
        out,
        "<li>{outlet}{}: <strong>{}</strong>",
        cite(st.source),
        escape(&st.says)
    );
    let note = status_note(st.status, st.attributed_to.as_deref());
    if !note.is_empty() {
        let _ = write!(out, " ({})", escape(&note));
    }
    if let Some(q) = &st.quote {
        let _ = write!(out, "<blockquote>“{}”</blockquote>", escape(q));
    }
    out.push_str("</li>\n");
}

/// The whole summary as an HTML page.
pub fn write(s: &Summary) -> String {
    let mut out = String::with_capacity(8192 + s.events.len() * 900);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n\
         <meta name=\"generator\" content=\"factsheet {}\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&s.title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&s.title));
    if let Some(d) = &s.description {
        let _ = writeln!(out, "<p>{}</p>", escape(d));
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
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&meta.join(" · ")));
    if let Some(f) = &s.filter {
        let _ = writeln!(out, "<p class=\"meta\">Filter: {}</p>", escape(f));
    }
    out.push_str(
        "<p class=\"meta\">Numbers in brackets cite the sources listed at the end. Where sources \
         differ, the range shows the lowest and highest figure they allow.</p>\n",
    );

    out.push_str("<h2>Over time</h2>\n<figure>\n");
    out.push_str(&svg::chart(s));
    out.push_str(
        "\n<figcaption>Cumulative totals received by each side: solid lines remains, dashed lines \
         living prisoners. Each event is one mark below the plot: a dot for a known day, a dashed \
         bar over the days an approximate date can mean.</figcaption>\n</figure>\n",
    );

    out.push_str("<h2>Totals</h2>\n");
    if s.totals.is_empty() {
        out.push_str("<p>No figures.</p>\n");
    } else {
        table_start(
            &mut out,
            &[
                "Received by",
                "Category",
                "Total",
                "Range",
                "Figures",
                "Sources",
            ],
        );
        for t in &s.totals {
            let mut figures = thousands(t.figures as u64);
            if t.undisclosed > 0 {
                figures.push_str(&format!(" ({} not disclosed)", t.undisclosed));
            }
            table_row(
                &mut out,
                &[
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
                ],
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    if !s.agreements.is_empty() {
        out.push_str("<h2>Agreements and delivery</h2>\n");
        for a in &s.agreements {
            let mut head = format!("{} ({}", a.title, a.date);
            if let Some(p) = &a.place {
                head.push_str(&format!(", {p}"));
            }
            head.push(')');
            let _ = writeln!(out, "<h3>{}</h3>", escape(&head));
            if a.terms.is_empty() {
                out.push_str("<p>No quantified terms.</p>\n");
                continue;
            }
            table_start(
                &mut out,
                &[
                    "Term",
                    "Received by",
                    "Target",
                    "Delivered since",
                    "Progress",
                    "Events",
                ],
            );
            for t in &a.terms {
                let mut delivered = t.delivered_text();
                if let Some(r) = t.delivered_range() {
                    delivered.push_str(&format!(" ({})", escape(&r)));
                }
                delivered.push_str(&cites(&t.delivered_sources));
                table_row(
                    &mut out,
                    &[
                        (escape(&t.description), false),
                        (escape(t.received_by.label()), false),
                        (
                            format!("{}{}", escape(&t.target_text()), cites(&t.target_sources)),
                            true,
                        ),
                        (delivered, true),
                        (t.fraction.map(percent_text).unwrap_or_default(), true),
                        (thousands(t.events as u64), true),
                    ],
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }

    if !s.running_totals.is_empty() {
        out.push_str("<h2>Running totals stated by sources</h2>\n");
        table_start(
            &mut out,
            &[
                "Total",
                "A source says",
                "The data adds up to",
                "Difference",
                "Consistent",
            ],
        );
        for t in &s.running_totals {
            for c in &t.claims {
                table_row(
                    &mut out,
                    &[
                        (escape(&t.description), false),
                        (claim_html(&c.claim), false),
                        (t.computed_text(), true),
                        (
                            c.difference.map(|d| format!("{d:+}")).unwrap_or_default(),
                            true,
                        ),
                        (
                            match c.matches {
                                Some(true) => "yes".into(),
                                Some(false) => "<span class=\"bad\">no</span>".into(),
                                None => String::new(),
                            },
                            false,
                        ),
                    ],
                );
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Events</h2>\n");
    if s.events.is_empty() {
        out.push_str("<p>No events.</p>\n");
    }
    let agreement_titles = s.agreement_titles();
    for e in &s.events {
        let _ = writeln!(
            out,
            "<h3 id=\"event-{}\">{} · {}</h3>",
            escape(&e.id),
            escape(&e.date.to_string()),
            escape(&e.title)
        );
        let mut about = vec![e.kind.label().to_string()];
        if let Some(p) = &e.place {
            about.push(p.clone());
        }
        if !e.mediators.is_empty() {
            about.push(format!("mediated by {}", e.mediators.join(", ")));
        }
        if let Some(a) = &e.agreement {
            let title = agreement_titles.get(a.as_str()).copied().unwrap_or(a);
            about.push(format!("under {title}"));
        }
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&about.join(" · ")));
        if let Some(n) = &e.notes {
            let _ = writeln!(out, "<p>{}</p>", escape(n));
        }
        if e.figures.is_empty() {
            continue;
        }
        table_start(
            &mut out,
            &["Figure", "Best", "Range", "Sources agree?", "Claims"],
        );
        for f in &e.figures {
            table_row(
                &mut out,
                &[
                    (escape(&f.subject()), false),
                    (escape(&f.text()), true),
                    (
                        escape(&range_text(f.low, f.best, f.high).unwrap_or_default()),
                        true,
                    ),
                    (escape(&f.consensus.replace('_', " ")), false),
                    (
                        f.claims
                            .iter()
                            .map(claim_html)
                            .collect::<Vec<_>>()
                            .join("; "),
                        false,
                    ),
                ],
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Disagreements</h2>\n");
    if s.disagreements.is_empty() {
        out.push_str("<p>The sources do not contradict each other on any figure or fact.</p>\n");
    }
    for d in &s.disagreements {
        let _ = writeln!(
            out,
            "<div class=\"disagreement\">\n<h3>{}: {} ({})</h3>\n<ul>",
            escape(&d.on_title),
            escape(&d.subject),
            escape(d.kind.label())
        );
        for st in &d.statements {
            statement_html(&mut out, s, st);
        }
        out.push_str("</ul>\n</div>\n");
    }
    if !s.single_source.is_empty() {
        out.push_str("<h3>Reported by one source only</h3>\n<ul>\n");
        for r in &s.single_source {
            let mut item = String::new();
            statement_html(&mut item, s, &r.statement);
            let _ = write!(
                out,
                "<li>{}, {}: {}",
                escape(&r.event_title),
                escape(&r.subject),
                item.trim_start_matches("<li>")
            );
        }
        out.push_str("</ul>\n");
    }

    if !s.estimates.is_empty() {
        out.push_str("<h2>Context estimates</h2>\n");
        table_start(&mut out, &["Estimate", "As of", "Best", "Range", "Claims"]);
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
            table_row(
                &mut out,
                &[
                    (escape(&e.description), false),
                    (e.as_of.map(|d| d.to_string()).unwrap_or_default(), false),
                    (escape(&e.text()), true),
                    (
                        escape(&range_text(e.low, e.best, e.high).unwrap_or_default()),
                        true,
                    ),
                    (claims, false),
                ],
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Sources</h2>\n<ol class=\"sources\">\n");
    for src in &s.sources {
        let _ = write!(
            out,
            "<li id=\"source-{}\">{}",
            src.number,
            escape(&src.outlet)
        );
        if let Some(t) = &src.title {
            let _ = write!(out, ", “{}”", escape(t));
        }
        let _ = write!(out, " ({})", escape(src.affiliation.label()));
        if let Some(p) = src.published {
            let _ = write!(out, ", published {p}");
        }
        // Only web links survive into the summary; see `Citations::cite`.
        if let Some(u) = &src.url {
            let _ = write!(out, ", <a href=\"{0}\">{0}</a>", escape(u));
        }
        if let Some(u) = &src.archive_url {
            let _ = write!(out, ", <a href=\"{0}\">archived copy</a>", escape(u));
        }
        if let Some(r) = src.retrieved {
            let _ = write!(out, ", retrieved {r}");
        }
        out.push_str("</li>\n");
    }
    let _ = write!(
        out,
        "</ol>\n<p class=\"meta\">Generated by factsheet {}.</p>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
    }
}
