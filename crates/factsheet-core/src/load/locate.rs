//! Finding where in the text a JSON path lies, so semantic diagnostics get a line and column too.
//!
//! serde gives positions only for syntax and type errors; validation works on the
//! parsed structs and knows only paths. This scanner walks the raw text once and
//! answers for every wanted path at once. It runs only when there is something
//! to report, but then it must stay cheap on a file of a million events with one
//! warning: it follows only the values on the way to a wanted path, skips every
//! other value with a flat byte scan (no path, no allocation, no recursion), and
//! stops as soon as every wanted path is found.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Positions (1-based line, column) of each wanted path that exists in `text`.
pub fn locate_paths(text: &[u8], wanted: &[&str]) -> HashMap<String, (usize, usize)> {
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    let targets: HashSet<&str> = wanted.iter().copied().collect();
    // Every path on the way to a wanted one: "events", "events[3]", "events[3].date".
    let mut on_the_way: HashSet<&str> = HashSet::new();
    for w in &targets {
        for (i, b) in w.bytes().enumerate() {
            if b == b'.' || b == b'[' {
                on_the_way.insert(&w[..i]);
            }
        }
        on_the_way.insert(w);
    }
    let mut scanner = Scanner {
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        counted: Counted::default(),
        targets: &targets,
        on_the_way: &on_the_way,
        found: &mut found,
    };
    let mut path = String::new();
    scanner.value(&mut path, 0);
    found
}

struct Scanner<'a, 'w> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    /// Characters already counted on the current line, so that the columns of
    /// many wanted paths on one long line (a file written without line breaks)
    /// cost one pass over the line, not one each.
    counted: Counted,
    targets: &'w HashSet<&'w str>,
    on_the_way: &'w HashSet<&'w str>,
    found: &'w mut HashMap<String, (usize, usize)>,
}

/// How many characters lie on a line from its start up to a byte.
#[derive(Default, Clone, Copy)]
struct Counted {
    line_start: usize,
    upto: usize,
    chars: usize,
}

/// Past this depth the file would have failed to parse anyway; stop rather than recurse.
const MAX_DEPTH: usize = 256;

impl<'a> Scanner<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn newline_at(&mut self, pos: usize) {
        self.line += 1;
        self.line_start = pos + 1;
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.newline_at(self.pos);
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn column(&mut self) -> usize {
        // Columns count characters, not bytes, so a Cyrillic title does not shift them.
        // A wanted value starts at a JSON token, never inside a character, so the
        // line can be counted in pieces from one wanted value to the next.
        let c = self.counted;
        let from = if c.line_start == self.line_start && c.upto <= self.pos {
            c
        } else {
            Counted {
                line_start: self.line_start,
                upto: self.line_start,
                chars: 0,
            }
        };
        let piece = self.text.get(from.upto..self.pos).unwrap_or_default();
        let chars = from.chars + String::from_utf8_lossy(piece).chars().count();
        self.counted = Counted {
            line_start: self.line_start,
            upto: self.pos,
            chars,
        };
        chars + 1
    }

    /// Follows the value at `path`, recording it if wanted. `None` ends the scan:
    /// the text is malformed, or everything wanted is found.
    fn value(&mut self, path: &mut String, depth: usize) -> Option<()> {
        self.skip_ws();
        if self.targets.contains(path.as_str()) && !self.found.contains_key(path.as_str()) {
            let at = (self.line, self.column());
            self.found.insert(path.clone(), at);
            if self.found.len() == self.targets.len() {
                return None;
            }
        }
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.skip_ws();
                            if self.peek()? != b':' {
                                return None;
                            }
                            self.pos += 1;
                            let len = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&String::from_utf8_lossy(key));
                            self.child(path, depth)?;
                            path.truncate(len);
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        b',' => self.pos += 1,
                        _ => {
                            let len = path.len();
                            let _ = write!(path, "[{index}]");
                            self.child(path, depth)?;
                            path.truncate(len);
                            index += 1;
                        }
                    }
                }
            }
            _ => self.skip_value(),
        }
    }

    /// A member or element: followed when it leads to a wanted path, skipped otherwise.
    fn child(&mut self, path: &mut String, depth: usize) -> Option<()> {
        if self.on_the_way.contains(path.as_str()) {
            self.value(path, depth + 1)
        } else {
            self.skip_value()
        }
    }

    /// Skips one value of any size without looking at what is inside, counting lines.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                // A flat scan: only brackets, quotes and newlines matter, and the
                // inside of a string is crossed with memchr. Raw newlines cannot
                // occur inside a JSON string, so line counting ignores strings.
                let text = self.text;
                let mut pos = self.pos;
                let mut depth = 0usize;
                let (mut line, mut line_start) = (self.line, self.line_start);
                while let Some(&b) = text.get(pos) {
                    match b {
                        b'"' => {
                            pos = end_of_string(text, pos + 1)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos = pos + 1;
                                self.line = line;
                                self.line_start = line_start;
                                return Some(());
                            }
                        }
                        b'\n' => {
                            line += 1;
                            line_start = pos + 1;
                        }
                        _ => {}
                    }
                    pos += 1;
                }
                None
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                        break;
                    }
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// Reads a string token; the returned bytes are only used for path matching,
    /// so escapes are kept as written rather than decoded.
    fn string(&mut self) -> Option<&'a [u8]> {
        let text = self.text;
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => break,
                b'\n' => return None,
                _ => self.pos += 1,
            }
        }
        let s = text.get(start..self.pos)?;
        self.pos += 1;
        Some(s)
    }
}

/// The position just past the closing quote of a string whose text starts at `pos`.
pub(crate) fn end_of_string(text: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let at = pos + memchr::memchr2(b'"', b'\\', text.get(pos..)?)?;
        if text.get(at) == Some(&b'\\') {
            pos = at + 2;
        } else {
            return Some(at + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"events\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\",\n     \"figures\": [1, {\"x\": 2}]}\n  ]\n}";
        let found = locate_paths(
            text.as_bytes(),
            &[
                "events[1].id",
                "events[1].figures[1].x",
                "events[0]",
                "nope",
            ],
        );
        assert_eq!(found.get("events[0]"), Some(&(3, 5)));
        assert_eq!(found.get("events[1].id"), Some(&(4, 12)));
        assert_eq!(found.get("events[1].figures[1].x"), Some(&(5, 27)));
        assert!(!found.contains_key("nope"));
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"т\": \"Київ\", \"b\": 1}";
        let found = locate_paths(text.as_bytes(), &["b"]);
        assert_eq!(found.get("b"), Some(&(1, 20)));
    }

    #[test]
    fn columns_of_several_values_on_one_line_count_from_its_start() {
        let text = "{\"a\": \"Київ\", \"b\": 1, \"c\": \"ї\", \"d\": 2,\n \"e\": 3}";
        let found = locate_paths(text.as_bytes(), &["d", "b", "e"]);
        assert_eq!(found.get("b"), Some(&(1, 20)));
        assert_eq!(found.get("d"), Some(&(1, 38)));
        assert_eq!(found.get("e"), Some(&(2, 7)));
    }

    #[test]
    fn skipped_values_still_count_lines() {
        // The wanted path lies after values the scanner skips wholesale: strings
        // with escaped quotes and brackets, nested lists, multi-line objects.
        let text = "{\"a\": [\"x\\\"]\", {\"b\": \"}\"},\n [1,\n 2]],\n\"s\": \"q\", \"t\": {\"u\": [0, {\"v\": 1}]}}";
        let found = locate_paths(text.as_bytes(), &["t.u[1].v", "s", "a[1]"]);
        assert_eq!(found.get("s"), Some(&(4, 6)), "{found:?}");
        assert_eq!(found.get("t.u[1].v"), Some(&(4, 32)), "{found:?}");
        assert_eq!(found.get("a[1]"), Some(&(1, 16)), "{found:?}");
    }

    #[test]
    fn garbage_finds_what_comes_before_it_and_nothing_after() {
        // Malformed text ends the scan: nothing is found where the text breaks
        // off before the value, and a value that starts is found at its column.
        for text in ["", "{", "[[[", "{\"a\" 1}", "\"abc", "]"] {
            let found = locate_paths(text.as_bytes(), &["a"]);
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
        let found = locate_paths(b"{\"a\":\"\\", &["a"]);
        assert_eq!(found, HashMap::from([("a".to_string(), (1, 6))]));
        let found = locate_paths(b"{\"b\": 1, \"a\": ", &["a"]);
        assert_eq!(found, HashMap::from([("a".to_string(), (1, 15))]));
        // A skipped value is not checked, only scanned past: mismatched
        // brackets in it do not hide what follows.
        let found = locate_paths(b"{\"b\": [1, 2}, \"a\": 1}", &["a"]);
        assert_eq!(found, HashMap::from([("a".to_string(), (1, 20))]));
        // Deep nesting: a path 100 levels down is found; past the depth limit
        // the scan stops (the parser refuses such a file anyway).
        let deep = "[".repeat(10_000);
        let path = "[0]".repeat(100);
        let found = locate_paths(deep.as_bytes(), &[path.as_str()]);
        assert_eq!(found, HashMap::from([(path.clone(), (1, 101))]));
        let too_deep = "[0]".repeat(300);
        assert!(locate_paths(deep.as_bytes(), &[too_deep.as_str()]).is_empty());
    }
}
