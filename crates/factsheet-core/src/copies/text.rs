//! A saved copy's words made comparable with a quote: an HTML page reduced to
//! the text a reader sees, and both the copy and the quote folded the same
//! way, so that typography (curly or straight quote marks, dashes, no-break
//! spaces, line breaks) never decides whether a quote is there, while every
//! letter, digit and its case still does.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// How a saved copy is read, from its file name (and, without a telling
/// extension, from how it begins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A web page: its text is what a reader sees (no tags, no scripts).
    Html,
    /// Text, taken as it is.
    Text,
    /// A web archive (WACZ, WARC): not read yet.
    Archive,
}

impl Kind {
    pub fn of(path: &Path, bytes: &[u8]) -> Kind {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml" | "shtml") => Kind::Html,
            Some("wacz" | "warc") => Kind::Archive,
            Some("txt" | "text" | "md") => Kind::Text,
            _ if looks_like_html(bytes) => Kind::Html,
            _ => Kind::Text,
        }
    }
}

/// Whether a file without a telling extension begins as a web page does.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head: Vec<u8> = bytes
        .iter()
        .skip(start)
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Elements whose content a reader never sees as text.
const HIDDEN: [&str; 6] = ["script", "style", "noscript", "template", "svg", "iframe"];

/// Elements that start a new block (or line): their text is not run together
/// with the words around them ("<p>a</p><p>b</p>" reads "a b", not "ab").
const BLOCKS: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
];

/// The text of an HTML page as a reader sees it: character references
/// decoded (`&amp;`, `&#8217;`, `&nbsp;`), tags gone, scripts and styles left
/// out, and a space where a block ends. Parsed as browsers parse (html5ever),
/// so broken markup gives what a browser shows.
pub fn html_text(html: &str) -> String {
    use ego_tree::iter::Edge;
    use scraper::Node;
    let document = scraper::Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut hidden = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if HIDDEN.contains(&name) {
                        hidden += 1;
                    } else if BLOCKS.contains(&name) {
                        out.push(' ');
                    }
                }
                Node::Text(t) if hidden == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if HIDDEN.contains(&name) {
                        hidden = hidden.saturating_sub(1);
                    } else if BLOCKS.contains(&name) {
                        out.push(' ');
                    }
                }
            }
        }
    }
    out
}

/// `text` folded for comparison: Unicode's compatibility forms (NFKC: a
/// no-break space is a space, "…" is "...", full-width letters are letters),
/// every double quote mark (“ ” „ « » ″) read as `"`, every single one and
/// apostrophe (‘ ’ ‚ ‹ › ′ ʼ) as `'`, every dash and minus (‐ ‑ – — ― −) as
/// `-`, soft hyphens and zero-width characters dropped, and each run of
/// white space one space, none at the ends. Letters keep their case.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkc() {
        let c = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' | '\u{301D}' | '\u{301E}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
            | '\u{2032}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' | '\u{FE58}' => '-',
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                continue;
            }
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The stretches of a quote to look for, each folded by [`normalise`]: the
/// pieces of a cut quote, and a quote's own marks of a cut ("[…]", "[...]")
/// split on, since the words on either side of a cut need not meet in the copy.
pub fn stretches<'q>(pieces: impl IntoIterator<Item = &'q str>) -> Vec<String> {
    pieces
        .into_iter()
        .map(normalise)
        .flat_map(|piece| {
            piece
                .split("[...]")
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_is_folded_and_letters_and_digits_are_kept() {
        assert_eq!(
            normalise("  “Russia\u{a0}handed over\n  1,212 bodies” — he said’s  "),
            "\"Russia handed over 1,212 bodies\" - he said's"
        );
        assert_eq!(normalise("«Обмін» 1\u{2011}2"), "\"Обмін\" 1-2");
        assert_eq!(normalise("wait…"), "wait...");
        assert_eq!(normalise("Case Kept"), "Case Kept");
        assert_eq!(normalise("so\u{ad}ft zero\u{200b}width"), "soft zerowidth");
    }

    #[test]
    fn html_reads_as_its_visible_text() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <script>var x = \"hidden words\";</script>\
                    <p>Kyiv &amp; Moscow&nbsp;agreed</p><p>on <b>1,000</b>&#8211;for&#x2013;1,000</p>\
                    <p>second<br>line</p></body></html>";
        let text = normalise(&html_text(html));
        assert_eq!(
            text,
            "T Kyiv & Moscow agreed on 1,000-for-1,000 second line"
        );
    }

    #[test]
    fn the_kind_comes_from_the_extension_else_from_how_the_file_begins() {
        let kind = |name: &str, bytes: &[u8]| Kind::of(Path::new(name), bytes);
        assert_eq!(kind("a.HTML", b"plain"), Kind::Html);
        assert_eq!(kind("a.txt", b"<html>"), Kind::Text);
        assert_eq!(kind("a.wacz", b"PK"), Kind::Archive);
        assert_eq!(kind("page", b"\n  <!DOCTYPE html><p>x"), Kind::Html);
        assert_eq!(kind("page", b"Just words"), Kind::Text);
    }

    #[test]
    fn a_quote_is_looked_for_in_stretches_split_at_its_cuts() {
        assert_eq!(
            stretches(["Russia handed over […] the bodies", "of 1,212"]),
            ["Russia handed over", "the bodies", "of 1,212"]
        );
        assert!(stretches([" \n "]).is_empty());
    }
}
