//! A quote shown where it stands in its source's saved copy: the copy's text
//! as factsheet compares it (an HTML page reduced to what a reader sees,
//! typography folded) and where in it the quote's first words are, for the
//! app's view of the copy at the quote.

use std::ops::Range;
use std::path::Path;

use super::ReadCopy;
use super::text::{self, Kind};
use crate::load::parse;

/// A saved copy's folded text, and where the quote is in it (byte offsets
/// into `text`), or `None` when it is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub text: String,
    pub at: Option<Range<usize>>,
}

/// Reads the saved copy `file` through `reader` and finds in it the first
/// stretch of `quote` (the words before a cut, for a cut quote), folded as
/// the check folds them; an error in words when the copy cannot be read.
pub fn passage(file: &Path, quote: &str, reader: &dyn ReadCopy) -> Result<Passage, String> {
    let bytes = reader.read(file)?;
    if Kind::of(file, &bytes) == Kind::Archive {
        return Err("a web archive (WACZ or WARC), which factsheet does not read yet".to_string());
    }
    let words = std::str::from_utf8(parse::without_bom(&bytes))
        .ok()
        .filter(|w| !w.contains('\0'))
        .ok_or("it is not UTF-8 text (binary data, or another encoding)")?;
    let text = match Kind::of(file, &bytes) {
        Kind::Html => text::normalise(&text::html_text(words)),
        _ => text::normalise(words),
    };
    let at = text::stretches([quote])
        .first()
        .and_then(|first| text.find(first.as_str()).map(|i| i..i + first.len()));
    Ok(Passage { text, at })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &'static str) -> impl ReadCopy {
        struct Page(&'static str);
        impl ReadCopy for Page {
            fn read(&self, _: &Path) -> Result<Vec<u8>, String> {
                Ok(self.0.as_bytes().to_vec())
            }
        }
        Page(html)
    }

    #[test]
    fn the_quote_is_found_where_it_stands_in_the_folded_text() {
        let copy = page(
            "<html><body><p>Kyiv, 11 June.</p><p>Russia handed over\n the bodies of \
             1,212&nbsp;soldiers, the headquarters said.</p><script>x()</script></body></html>",
        );
        let found = passage(Path::new("a.html"), "the bodies of 1,212 soldiers", &copy).unwrap();
        assert_eq!(
            found.text,
            "Kyiv, 11 June. Russia handed over the bodies of 1,212 soldiers, the headquarters said."
        );
        // "Kyiv, 11 June. Russia handed over " is 34 bytes; the quote 28.
        assert_eq!(found.at, Some(34..62));
        let cut = passage(
            Path::new("a.html"),
            "Russia handed over […] soldiers",
            &copy,
        )
        .unwrap();
        assert_eq!(cut.at, Some(15..33));
    }

    #[test]
    fn a_quote_not_in_the_copy_and_an_archive_say_so() {
        let copy = page("Russia handed over the bodies of 1,212 soldiers.");
        let missing = passage(Path::new("a.txt"), "1,213 soldiers", &copy).unwrap();
        assert_eq!(missing.at, None);
        let archive = passage(Path::new("a.wacz"), "1,212", &copy).unwrap_err();
        assert!(archive.contains("WACZ"), "{archive}");
    }
}
