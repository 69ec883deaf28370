//! Sharing repeated text while a file is parsed.
//!
//! Datasets repeat long strings: every claim of one statement carries the same
//! `attributed_to` ("Coordination Headquarters for the Treatment of Prisoners
//! of War"), sources share outlets and headlines, one quote often backs several
//! figures. [`Text`] keeps up to 23 bytes inline; longer text gets its own heap
//! allocation, once per occurrence. While an [`Interning`] guard is alive on a
//! thread, every `Text` read from JSON shares one allocation per distinct long
//! string instead (a `Text` clone of an `Arc<str>`), which saves both the
//! memory and the allocation. `Text`'s own `Deserialize` does it, so the
//! model's fields need no attribute.
//!
//! Outside a guard (tests building models from JSON snippets, the schema
//! examples) `Text` reads as a plain `SmolStr` would.
//!
//! A table only pays when text repeats. Where long text hardly ever does (every
//! quote and headline its own), it would hold an entry per string for nothing,
//! and cost a hash and an insert each: so a table that, while it added its last
//! [`CHECK_EVERY`] strings, found fewer than one for every [`WORTH_IT`] it added
//! is dropped, and that thread's parse goes on without sharing
//! (text already shared stays so). Judged over the last stretch rather than
//! the whole parse so far: text that repeats in one part of a file (the
//! sources' outlets) does not keep a table growing through the rest, where
//! nothing repeats (on a copy of the generated file with no long text
//! repeated, the table kept then cost 15% of the load's CPU time).

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::Deserializer;
use serde::de::{Error, Unexpected, Visitor};

use smol_str::SmolStr;

/// Longest text a [`Text`] keeps inline: shorter text needs no sharing.
const INLINE: usize = 23;

/// How many new strings a table takes between looks at whether it pays.
const CHECK_EVERY: u64 = 1 << 16;

/// A table that finds fewer than one in this many of its long strings is dropped.
const WORTH_IT: u64 = 8;

#[derive(Default)]
struct Table {
    set: HashSet<Arc<str>, foldhash::fast::RandomState>,
    /// Long strings found in the table, and added to it, since the last look.
    found: u64,
    added: u64,
}

impl Table {
    /// After a string is added: whether sharing still pays, looked at once
    /// every [`CHECK_EVERY`] new strings, over those.
    fn pays(&mut self) -> bool {
        if self.added < CHECK_EVERY {
            return true;
        }
        let pays = self.found.saturating_mul(WORTH_IT) >= self.added;
        (self.found, self.added) = (0, 0);
        pays
    }
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// While alive, long text read by [`text`] and [`opt_text`] on this thread is
/// shared. Dropping it frees the table (not the text, which the model holds).
#[must_use = "interning stops when the guard is dropped"]
pub struct Interning {
    /// What was there before, so guards nest (a parse inside a parse).
    outer: Option<Table>,
}

impl Interning {
    pub fn start() -> Self {
        let outer = TABLE.with(|t| t.borrow_mut().replace(Table::default()));
        Interning { outer }
    }
}

impl Drop for Interning {
    fn drop(&mut self) {
        let outer = self.outer.take();
        TABLE.with(|t| *t.borrow_mut() = outer);
    }
}

/// The `Text` for `s`, shared with an earlier equal one when interning is on.
pub fn intern(s: &str) -> Text {
    if s.len() <= INLINE {
        return Text(SmolStr::new(s));
    }
    TABLE.with(|t| {
        let mut slot = t.borrow_mut();
        let Some(table) = slot.as_mut() else {
            return Text(SmolStr::new(s));
        };
        if let Some(shared) = table.set.get(s) {
            table.found += 1;
            return Text(SmolStr::from(Arc::clone(shared)));
        }
        let shared: Arc<str> = Arc::from(s);
        table.set.insert(Arc::clone(&shared));
        table.added += 1;
        if !table.pays() {
            *slot = None;
        }
        Text(SmolStr::from(shared))
    })
}

/// Text held in the model: ids, names, titles, quotes.
///
/// Most text in a dataset is short (source references, ids, dates of places
/// and mediators): the `SmolStr` inside keeps up to 23 bytes inline, with no
/// allocation, and shares longer text on clone. It derefs to `&str`, compares
/// with `&str` and `String`, and is made with `.into()` (or `Text::from`); in
/// JSON and the schema it is a plain string. Read from JSON it is [`intern`]ed,
/// which shares repeated long text while an [`Interning`] guard is alive and
/// is plain `SmolStr` reading otherwise.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Text(SmolStr);

impl Text {
    /// `s` as a `Text` (inline when short), never interned.
    pub fn new(s: impl AsRef<str>) -> Text {
        Text(SmolStr::new(s))
    }

    /// The text, borrowed.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0.as_str(), f)
    }
}

impl<T: Into<SmolStr>> From<T> for Text {
    fn from(s: T) -> Self {
        Text(s.into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.into()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        *self == other.0
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // The words `Text`'s own Deserialize uses, so messages do not change.
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Text, E> {
        Ok(intern(v))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Text, E> {
        match std::str::from_utf8(v) {
            Ok(s) => Ok(intern(s)),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Pair {
        a: Text,
        #[serde(default)]
        b: Option<Text>,
    }

    const LONG: &str = "Coordination Headquarters for the Treatment of Prisoners of War";

    fn pair(json: &str) -> Pair {
        serde_json::from_str(json).unwrap()
    }

    fn shares(x: &Text, y: &Text) -> bool {
        std::ptr::eq(x.as_str().as_ptr(), y.as_str().as_ptr())
    }

    #[test]
    fn equal_long_text_is_shared_while_interning() {
        let json = format!(r#"{{"a": "{LONG}", "b": "{LONG}"}}"#);
        let _on = Interning::start();
        let p = pair(&json);
        let b = p.b.unwrap();
        assert_eq!(p.a, LONG);
        assert!(shares(&p.a, &b), "one allocation for both");
        let again = pair(&json);
        assert!(shares(&again.a, &p.a), "and across values of one parse");
    }

    #[test]
    fn without_a_guard_nothing_is_shared() {
        let json = format!(r#"{{"a": "{LONG}", "b": "{LONG}"}}"#);
        let p = pair(&json);
        assert_eq!(p.b.as_deref(), Some(LONG));
        assert!(!shares(&p.a, &p.b.unwrap()));
    }

    #[test]
    fn the_guard_ends_sharing_and_restores_an_outer_one() {
        let json = format!(r#"{{"a": "{LONG}"}}"#);
        let outer = Interning::start();
        let first = pair(&json).a;
        {
            let _inner = Interning::start();
            assert!(!shares(&pair(&json).a, &first), "the inner table is new");
        }
        assert!(shares(&pair(&json).a, &first), "the outer table is back");
        drop(outer);
        assert!(!shares(&pair(&json).a, &first));
    }

    #[test]
    fn options_and_errors_read_as_before() {
        assert_eq!(pair(r#"{"a": "x"}"#).b, None);
        assert_eq!(pair(r#"{"a": "x", "b": null}"#).b, None);
        assert_eq!(pair(r#"{"a": "é\n", "b": "y"}"#).a, "é\n");
        let err = serde_json::from_str::<Pair>(r#"{"a": 5}"#)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("expected a string"), "{err}");
    }

    #[test]
    fn a_table_that_finds_nothing_is_dropped_and_one_that_does_is_kept() {
        let long = |i: u64| intern(&format!("{LONG} {i}"));
        let on = Interning::start();
        // Half of the strings seen before: sharing pays, and goes on.
        for i in 0..2 * CHECK_EVERY {
            long(i / 2);
        }
        assert!(shares(&long(7), &long(7)));
        drop(on);

        let _on = Interning::start();
        let first = long(0);
        for i in 1..CHECK_EVERY {
            long(i);
        }
        // Every string new: the table is dropped; the text reads the same.
        assert!(TABLE.with(|t| t.borrow().is_none()));
        assert!(!shares(&long(0), &long(0)));
        assert_eq!(first, long(0));
    }

    #[test]
    fn a_table_is_dropped_once_it_stops_finding_text() {
        let long = |i: u64| intern(&format!("{LONG} {i}"));
        let _on = Interning::start();
        // Text that repeats a lot at first (sources' outlets and headlines)...
        for i in 0..8 * CHECK_EVERY {
            long(i % (CHECK_EVERY / 2));
        }
        assert!(TABLE.with(|t| t.borrow().is_some()));
        // ...then none that does: dropped within two stretches of new
        // strings, though over the whole parse it still finds three times
        // as many as it adds.
        for i in 0..2 * CHECK_EVERY {
            long(CHECK_EVERY + i);
        }
        assert!(TABLE.with(|t| t.borrow().is_none()));
    }
}
