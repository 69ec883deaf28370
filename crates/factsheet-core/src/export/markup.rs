//! Markup output shared by the HTML page and the SVG chart: text escaped for
//! element content and quoted attributes, and the writer both go through.

use std::io::{self, Write};

use super::text::any_char;

/// Whether `s` needs [`escape`] at all. Bytes are scanned first: markup and
/// ASCII controls are single bytes, and every C1 control starts with 0xC2.
pub(super) fn needs_escaping(s: &str) -> bool {
    any_char(
        s,
        |b| {
            (b < 0x20)
                | (b == b'&')
                | (b == b'<')
                | (b == b'>')
                | (b == b'"')
                | (b == b'\'')
                | (b == 0x7f)
                | (b == 0xc2)
        },
        is_special,
    )
}

pub(super) fn is_special(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || c.is_control()
}

fn escape_into(out: &mut String, s: &str) {
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
}

/// Escapes text for HTML element content and quoted attribute values.
/// Control characters other than tab and newline are dropped: XML forbids them.
pub fn escape(s: &str) -> String {
    if !needs_escaping(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    escape_into(&mut out, s);
    out
}

/// The writer's output (also the SVG chart's): data texts escaped on their way
/// in, numbers formatted in place. `scratch` holds the rare text that needs escaping.
pub(crate) struct Out<'w, W: Write> {
    w: &'w mut W,
    scratch: String,
}

impl<'w, W: Write> Out<'w, W> {
    pub(crate) fn new(w: &'w mut W) -> Self {
        Out {
            w,
            scratch: String::new(),
        }
    }

    /// Markup and numbers, written as they are.
    pub(crate) fn put(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())
    }

    pub(crate) fn fmt(&mut self, args: std::fmt::Arguments<'_>) -> io::Result<()> {
        self.w.write_fmt(args)
    }

    /// [`Out::fmt`], then a line break.
    pub(crate) fn ln(&mut self, args: std::fmt::Arguments<'_>) -> io::Result<()> {
        self.w.write_fmt(args)?;
        self.put("\n")
    }

    /// Data text, escaped ([`escape`]).
    pub(crate) fn text(&mut self, s: &str) -> io::Result<()> {
        if !needs_escaping(s) {
            return self.put(s);
        }
        self.scratch.clear();
        escape_into(&mut self.scratch, s);
        self.w.write_all(self.scratch.as_bytes())
    }
}
