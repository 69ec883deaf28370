//! The fact sheet as JSON: serde_json's pretty layout (two-space indentation),
//! written with fewer, larger writes.
//!
//! serde_json's `PrettyFormatter` writes a line break, then the indentation one
//! level at a time: a key five levels deep costs seven small writes before its
//! name. A fact sheet of 100,000 events has about 300,000 such lines (most of them
//! in the chart series), so [`Pretty`] writes each line break with its whole
//! indentation at once. The bytes are the same (tests compare them).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Summary;

/// The summary as pretty-printed JSON with a trailing newline.
pub fn json(summary: &Summary) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096 + summary.events.len() * 3000);
    // Serialising plain data structs to memory cannot fail; an empty object is
    // a safe answer should it ever.
    if json_to(summary, &mut out).is_err() {
        out = b"{}\n".to_vec();
    }
    out
}

/// Writes the summary as pretty-printed JSON with a trailing newline to `w`.
pub fn json_to<W: Write>(summary: &Summary, w: &mut W) -> io::Result<()> {
    pretty_to(summary, &mut *w)?;
    w.write_all(b"\n")
}

/// Writes `value` as `serde_json::to_writer_pretty` does, byte for byte.
pub fn pretty_to<W: Write, T: Serialize + ?Sized>(value: &T, w: W) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(w, Pretty::default());
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// A comma, a line break and room for this many levels of indentation, so
/// that the start of any line up to that depth is one slice of it.
const LEVELS: usize = 32;
const BREAK: [u8; 2 + 2 * LEVELS] = {
    let mut b = [b' '; 2 + 2 * LEVELS];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// serde_json's `PrettyFormatter` with an indent of two spaces.
#[derive(Default)]
struct Pretty {
    depth: usize,
    /// Whether the array or object being written has an element yet.
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the indentation of `self.depth`.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        match BREAK.get(from..2 + 2 * self.depth) {
            Some(start) => w.write_all(start),
            // Deeper than any fact sheet goes: the rest of the indentation by levels.
            None => {
                w.write_all(&BREAK[from..])?;
                for _ in LEVELS..self.depth {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn pretty(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        pretty_to(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_one() {
        let cases = [
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[]], "d": [{}]}),
            json!([1, "two", null, true, 2.5, {"x": [1, [2, [3]]]}]),
            json!({"text": "quote \" and \\ and \n and Київ", "n": -3}),
        ];
        for value in cases {
            assert_eq!(
                pretty(&value),
                serde_json::to_string_pretty(&value).unwrap(),
                "{value}"
            );
        }
    }

    #[test]
    fn deeper_than_the_prepared_indentation_is_the_same_too() {
        let mut value = json!({"leaf": [1, 2]});
        for depth in 0..(LEVELS + 5) {
            value = if depth % 2 == 0 {
                json!([value, depth])
            } else {
                json!({"k": value, "depth": depth})
            };
        }
        assert_eq!(
            pretty(&value),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let back: Value = serde_json::from_str(&pretty(&value)).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn a_fact_sheet_is_written_as_serde_json_would() {
        let text = crate::generate::tests::test_bytes(400, 5);
        let dataset: crate::model::Dataset = serde_json::from_slice(&text).unwrap();
        let summary = super::super::build(&dataset, &super::super::SummaryOptions::default());
        let mut expected = serde_json::to_vec_pretty(&summary).unwrap();
        expected.push(b'\n');
        assert_eq!(json(&summary), expected);
    }
}
