//! Finding where in the text a JSON path lies, so semantic diagnostics get a line and column too.
//!
//! serde gives positions only for syntax and type errors; validation works on the
//! parsed structs and knows only paths. This scanner walks the raw text once,
//! tracking the path of each value, and answers for every wanted path at once.
//! It runs only when there is something to report, so valid files never pay for it.

use std::collections::{HashMap, HashSet};

/// Positions (1-based line, column) of each wanted path that exists in `text`.
pub fn locate_paths(text: &[u8], wanted: &[&str]) -> HashMap<String, (usize, usize)> {
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    let mut scanner = Scanner {
        text,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    // A set, so many wanted paths (one per disagreeing figure) cost no more per value.
    let wanted: HashSet<&str> = wanted.iter().copied().collect();
    let mut path = String::new();
    scanner.value(&mut path, &wanted, &mut found, 0);
    found
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

/// Past this depth the file would have failed to parse anyway; stop rather than recurse.
const MAX_DEPTH: usize = 256;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn column(&self) -> usize {
        // Columns count characters, not bytes, so a Cyrillic title does not shift them.
        let line = self.text.get(self.line_start..self.pos).unwrap_or_default();
        String::from_utf8_lossy(line).chars().count() + 1
    }

    fn value(
        &mut self,
        path: &mut String,
        wanted: &HashSet<&str>,
        found: &mut HashMap<String, (usize, usize)>,
        depth: usize,
    ) -> Option<()> {
        self.skip_ws();
        if wanted.contains(path.as_str()) && !found.contains_key(path.as_str()) {
            found.insert(path.clone(), (self.line, self.column()));
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
                            path.push_str(&key);
                            self.value(path, wanted, found, depth + 1)?;
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
                            path.push_str(&format!("[{index}]"));
                            self.value(path, wanted, found, depth + 1)?;
                            path.truncate(len);
                            index += 1;
                        }
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
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

    /// Reads a string token; the returned key is only used for path matching,
    /// so escapes are kept as written rather than decoded.
    fn string(&mut self) -> Option<String> {
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
        let s = String::from_utf8_lossy(self.text.get(start..self.pos)?).into_owned();
        self.pos += 1;
        Some(s)
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
    fn garbage_does_not_panic() {
        for text in ["", "{", "[[[", "{\"a\" 1}", "\"abc", "{\"a\":\"\\", "]"] {
            let _ = locate_paths(text.as_bytes(), &["a"]);
        }
        let deep = "[".repeat(10_000);
        let _ = locate_paths(deep.as_bytes(), &["[0]"]);
    }
}
