//! The fact sheet as JSON: serde_json's pretty layout (two-space indentation),
//! written with fewer, larger writes, and on two cores when it is large.
//!
//! serde_json's `PrettyFormatter` writes a line break, then the indentation one
//! level at a time: a key five levels deep costs seven small writes before its
//! name. A fact sheet of 100,000 events has about 300,000 such lines (most of them
//! in the chart series), so [`Pretty`] writes each line break with its whole
//! indentation at once. The chart series are also most of a large sheet's
//! bytes: for a sheet of many events ([`crate::parallel`] decides how many)
//! they are written into memory on a second thread while this one writes the
//! fields before them. The bytes are the same as `serde_json::to_writer_pretty`
//! writes (tests compare them).

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
    let size = crate::parallel::Size::events(summary.event_count);
    write_summary(summary, w, size)?;
    w.write_all(b"\n")
}

/// The summary's fields in the order and with the omissions of its
/// `Serialize` derive, each value at one level of indentation; the series
/// written on another thread meanwhile when `size` is worth it.
fn write_summary<W: Write>(s: &Summary, w: &mut W, size: crate::parallel::Size) -> io::Result<()> {
    let series_alone = || {
        let mut out = Vec::new();
        pretty_at(&s.series, &mut out, 1).map(|()| out)
    };
    crate::parallel::beside("factsheet-json", size, series_alone, |series| {
        let mut f = Fields { w, first: true };
        f.value("summary_version", &s.summary_version)?;
        f.value("title", &s.title)?;
        f.optional("description", s.description.as_ref())?;
        f.optional("updated", s.updated.as_ref())?;
        f.optional("filter", s.filter.as_ref())?;
        f.optional("first_day", s.first_day.as_ref())?;
        f.optional("last_day", s.last_day.as_ref())?;
        f.value("event_count", &s.event_count)?;
        f.optional("unlisted", s.unlisted.as_ref())?;
        f.value("totals", &s.totals)?;
        f.value("agreements", &s.agreements)?;
        f.value("running_totals", &s.running_totals)?;
        f.value("events", &s.events)?;
        f.value("disagreements", &s.disagreements)?;
        f.value("single_source", &s.single_source)?;
        f.value("estimates", &s.estimates)?;
        f.value("facts", &s.facts)?;
        match series.join() {
            Some(written) => f.written("series", &written?)?,
            // Its thread failed: written here instead.
            None => f.value("series", &s.series)?,
        }
        f.value("sources", &s.sources)?;
        f.w.write_all(b"\n}")
    })
}

/// The top-level object's fields, written one after the other.
struct Fields<'w, W: Write> {
    w: &'w mut W,
    first: bool,
}

impl<W: Write> Fields<'_, W> {
    /// `"name": ` on a line of its own (the names need no escaping).
    fn key(&mut self, name: &str) -> io::Result<()> {
        let start: &[u8] = if self.first { b"{\n  \"" } else { b",\n  \"" };
        self.first = false;
        self.w.write_all(start)?;
        self.w.write_all(name.as_bytes())?;
        self.w.write_all(b"\": ")
    }

    fn value<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> io::Result<()> {
        self.key(name)?;
        pretty_at(value, &mut *self.w, 1)
    }

    /// A field the derive leaves out when it is `None`.
    fn optional<T: Serialize>(&mut self, name: &str, value: Option<&T>) -> io::Result<()> {
        value.map_or(Ok(()), |v| self.value(name, v))
    }

    /// A value already written (at this depth) elsewhere.
    fn written(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        self.key(name)?;
        self.w.write_all(bytes)
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` does, byte for byte, for a
/// value that starts `depth` levels deep (0 for a whole document).
fn pretty_at<W: Write, T: Serialize + ?Sized>(value: &T, w: W, depth: usize) -> io::Result<()> {
    let formatter = Pretty {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(w, formatter);
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
        pretty_at(value, &mut out, 0).unwrap();
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

    /// A sheet with every field the derive can leave out (a filter, unlisted
    /// events) and enough chart points for the series to be written aside.
    fn sheet(dataset: &crate::model::Dataset) -> Summary<'_> {
        let options = super::super::SummaryOptions {
            filter: Some("kind: exchange".into()),
            limit: Some(50),
            ..Default::default()
        };
        super::super::build(dataset, &options)
    }

    fn dataset() -> crate::model::Dataset {
        serde_json::from_slice(&crate::testing::generated_bytes(2_000, 5)).unwrap()
    }

    /// A size that puts the series on a second thread (when there are two
    /// cores) if `aside`, or writes them here.
    fn series_aside(aside: bool) -> crate::parallel::Size {
        crate::parallel::Size::events(usize::from(aside)).split_from(1)
    }

    #[test]
    fn a_fact_sheet_is_written_as_serde_json_would() {
        let dataset = dataset();
        let summary = sheet(&dataset);
        assert!(summary.description.is_some() && summary.updated.is_some());
        assert!(summary.first_day.is_some() && summary.unlisted.is_some());
        let mut expected = serde_json::to_vec_pretty(&summary).unwrap();
        expected.push(b'\n');
        assert!(json(&summary) == expected);
        // The series written here, or on another thread: the same bytes.
        for aside in [false, true] {
            let mut out = Vec::new();
            write_summary(&summary, &mut out, series_aside(aside)).unwrap();
            out.push(b'\n');
            assert!(out == expected, "aside: {aside}");
        }
        // A sheet with no event at all.
        let nothing: crate::model::Dataset =
            serde_json::from_str(r#"{"format_version": 1, "title": "", "events": []}"#).unwrap();
        let empty = super::super::build(&nothing, &Default::default());
        let mut expected = serde_json::to_vec_pretty(&empty).unwrap();
        expected.push(b'\n');
        assert!(json(&empty) == expected);
    }

    #[test]
    fn a_writer_that_fails_gets_the_error_wherever_it_fails() {
        struct Fills {
            room: usize,
        }
        impl Write for Fills {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                if bytes.len() > self.room {
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
                }
                self.room -= bytes.len();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let dataset = dataset();
        let summary = sheet(&dataset);
        let len = json(&summary).len();
        // At the start, in the fields before the series, at the series, at the very end.
        let series_at = {
            let mut out = Vec::new();
            write_summary(&summary, &mut out, series_aside(false)).unwrap();
            let text = String::from_utf8(out).unwrap();
            text.find("\"series\"").unwrap()
        };
        for room in [0, len / 10, series_at + 5, len - 2] {
            for aside in [false, true] {
                let err =
                    write_summary(&summary, &mut Fills { room }, series_aside(aside)).unwrap_err();
                assert_eq!(err.kind(), io::ErrorKind::StorageFull, "room {room}");
            }
        }
        assert!(write_summary(&summary, &mut Fills { room: len }, series_aside(true)).is_ok());
    }
}
