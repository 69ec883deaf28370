//! Quotes checked against the saved copies of their sources.
//!
//! A source may name a copy of itself saved beside the data (`saved_copy`: a
//! file, where it came from, when, and its SHA-256). [`check`] reads each
//! such copy through a [`ReadCopy`] (the disk, or what a test gives), warns
//! when it cannot be read or its hash is not the one recorded, reduces it to
//! its text ([`text`]) and looks for every quote that cites its source: a
//! quote not found is a warning at the quote. The load runs it for each file
//! read from disk whose sources name a copy, against that file's folder,
//! before the merge (the warnings get their lines and columns with the
//! load's own); data without saved copies costs nothing here.

mod passage;
pub mod text;

pub use passage::{Passage, passage};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::load::parse;
use crate::model::{Dataset, Text};

#[cfg(test)]
mod tests;

/// Saved copies larger than this are not read: a saved article is a few
/// megabytes at most, and a copy is held whole while its text is searched.
pub const MAX_COPY_BYTES: u64 = 64 << 20;

/// At most this many "not found" warnings per file, then one saying how many
/// more: a copy of the wrong article would otherwise bury every other warning.
pub const MAX_QUOTE_WARNINGS: usize = 200;

/// Reads a saved copy's bytes: [`Disk`] in use, a closure or map in tests.
pub trait ReadCopy {
    /// The bytes of the file at `path`, or why they cannot be read, in words.
    fn read(&self, path: &Path) -> Result<Vec<u8>, String>;
}

/// Reads copies from disk: only regular files, up to [`MAX_COPY_BYTES`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl ReadCopy for Disk {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        parse::read_regular_file(path, MAX_COPY_BYTES).map_err(|d| d.message)
    }
}

impl<F: Fn(&Path) -> Result<Vec<u8>, String>> ReadCopy for F {
    fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        self(path)
    }
}

/// Whether `s` is written as a SHA-256: 64 hexadecimal digits.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SHA-256 of `bytes`, as 64 lower-case hexadecimal digits (as `sha256sum` prints it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Whether any source of `dataset` names a saved copy: without one, there is nothing to check.
pub fn has_saved_copies(dataset: &Dataset) -> bool {
    dataset.sources.iter().any(|s| s.saved_copy.is_some())
}

/// What came of reading one source's saved copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyState {
    /// Read, and its quotes looked for.
    Read,
    /// Missing, unreadable, or not text, in words; its quotes are not looked for.
    Unreadable(String),
    /// A kind of file not read yet (a web archive); its quotes are not looked for.
    NotSupported,
}

/// A source's saved copy: where the file is and what came of reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCopy {
    /// The file, its path resolved against the data file's folder.
    pub file: PathBuf,
    /// Whether its bytes have the SHA-256 recorded: `None` when no hash is
    /// recorded or the file could not be read.
    pub hash_matches: Option<bool>,
    pub state: CopyState,
}

/// Everything a check found: warnings, each source's copy, and each quote's mark.
#[derive(Debug, Clone, Default)]
pub struct CopyCheck {
    /// Warnings with the JSON path of what they concern (the load adds the
    /// line and column).
    pub diagnostics: Vec<Diagnostic>,
    /// Each source with a saved copy, by id.
    pub copies: HashMap<Text, SourceCopy>,
    /// For each source whose copy was read: each of its quotes, as written,
    /// and whether the copy holds it.
    quotes: HashMap<Text, HashMap<String, bool>>,
}

impl CopyCheck {
    /// Whether the saved copy of `source` holds `quote`; `None` when the
    /// source has no copy that was read, or the quote was not checked.
    pub fn quote_found(&self, source: &str, quote: &str) -> Option<bool> {
        self.quotes.get(source)?.get(quote).copied()
    }

    /// How many quotes citing `source` its saved copy holds, and how many it does not.
    pub fn tally(&self, source: &str) -> (usize, usize) {
        self.quotes.get(source).map_or((0, 0), |quotes| {
            let found = quotes.values().filter(|found| **found).count();
            (found, quotes.len() - found)
        })
    }

    /// The saved copy of `source`, if it names one.
    pub fn copy(&self, source: &str) -> Option<&SourceCopy> {
        self.copies.get(source)
    }

    /// Drops what is known of the copy of `source` and its quotes (before it is checked again).
    pub fn forget(&mut self, source: &str) {
        self.copies.remove(source);
        self.quotes.remove(source);
    }

    /// Takes in the findings of another check (another file's, or one source's again).
    pub fn absorb(&mut self, other: CopyCheck) {
        self.diagnostics.extend(other.diagnostics);
        self.copies.extend(other.copies);
        for (source, quotes) in other.quotes {
            self.quotes.entry(source).or_default().extend(quotes);
        }
    }
}

/// One quote of the data: where it is, which source it cites, and its words.
struct QuoteAt<'d> {
    path: String,
    source: &'d Text,
    /// As it reads (the key of [`CopyCheck::quote_found`]).
    text: &'d str,
    /// The stretches to look for, each verbatim.
    pieces: Vec<&'d str>,
}

/// The verbatim stretches of a quote: its pieces when cut, else itself.
fn pieces_of(quote: &crate::model::Quote) -> Vec<&str> {
    quote.pieces().map_or_else(
        || vec![quote.as_str()],
        |pieces| pieces.iter().map(Text::as_str).collect(),
    )
}

/// Every quote of `dataset` with the source it cites: the claims of figures,
/// facts, dates, agreement links, terms, running totals and estimates, and baselines.
fn quotes(d: &Dataset) -> Vec<QuoteAt<'_>> {
    use crate::model::{Claim, Fact, Quote};
    fn push<'d>(out: &mut Vec<QuoteAt<'d>>, path: String, source: &'d Text, quote: &'d Quote) {
        out.push(QuoteAt {
            path,
            source,
            text: quote.as_str(),
            pieces: pieces_of(quote),
        });
    }
    fn claims<'d>(out: &mut Vec<QuoteAt<'d>>, at: &str, claims: &'d [Claim]) {
        for (k, c) in claims.iter().enumerate() {
            if let Some(q) = &c.quote {
                push(out, format!("{at}.claims[{k}].quote"), &c.source, q);
            }
        }
    }
    fn facts<'d>(out: &mut Vec<QuoteAt<'d>>, at: &str, facts: &'d [Fact]) {
        for (j, f) in facts.iter().enumerate() {
            for (k, c) in f.claims.iter().enumerate() {
                if let Some(q) = &c.quote {
                    push(
                        out,
                        format!("{at}.facts[{j}].claims[{k}].quote"),
                        &c.source,
                        q,
                    );
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, e) in d.events.iter().enumerate() {
        let at = format!("events[{i}]");
        for (j, f) in e.figures.iter().enumerate() {
            claims(&mut out, &format!("{at}.figures[{j}]"), &f.claims);
        }
        facts(&mut out, &at, &e.facts);
        for (j, c) in e.dates.iter().enumerate() {
            if let Some(q) = &c.quote {
                push(&mut out, format!("{at}.dates[{j}].quote"), &c.source, q);
            }
        }
        for (j, c) in e.links.iter().enumerate() {
            if let Some(q) = &c.quote {
                push(&mut out, format!("{at}.links[{j}].quote"), &c.source, q);
            }
        }
    }
    for (i, a) in d.agreements.iter().enumerate() {
        let at = format!("agreements[{i}]");
        for (j, t) in a.terms.iter().enumerate() {
            claims(&mut out, &format!("{at}.terms[{j}]"), &t.claims);
        }
        facts(&mut out, &at, &a.facts);
    }
    for (i, t) in d.running_totals.iter().enumerate() {
        let at = format!("running_totals[{i}]");
        claims(&mut out, &at, &t.claims);
        if let Some(b) = &t.baseline
            && let Some(q) = &b.quote
        {
            out.push(QuoteAt {
                path: format!("{at}.baseline.quote"),
                source: &b.source,
                text: q.as_str(),
                pieces: vec![q.as_str()],
            });
        }
    }
    for (i, e) in d.estimates.iter().enumerate() {
        claims(&mut out, &format!("estimates[{i}]"), &e.claims);
    }
    out
}

/// A source's copy read: the file, whether its hash is the one recorded
/// (whenever its bytes were read), and its folded text or why there is none.
fn read_copy(
    copy: &crate::model::SavedCopy,
    folder: &Path,
    reader: &dyn ReadCopy,
) -> (PathBuf, Option<bool>, Result<String, CopyState>) {
    let file = folder.join(copy.path.as_str());
    let bytes = match reader.read(&file) {
        Ok(bytes) => bytes,
        Err(why) => return (file, None, Err(CopyState::Unreadable(why))),
    };
    let hash_matches = copy
        .sha256
        .as_ref()
        .filter(|h| is_sha256(h))
        .map(|h| h.eq_ignore_ascii_case(&sha256_hex(&bytes)));
    let kind = text::Kind::of(&file, &bytes);
    if kind == text::Kind::Archive {
        return (file, hash_matches, Err(CopyState::NotSupported));
    }
    let Some(words) = std::str::from_utf8(parse::without_bom(&bytes))
        .ok()
        .filter(|w| !w.contains('\0'))
    else {
        let why =
            "it is not UTF-8 text (binary data, or another encoding): save the page again as UTF-8";
        return (
            file,
            hash_matches,
            Err(CopyState::Unreadable(why.to_string())),
        );
    };
    let folded = match kind {
        text::Kind::Html => text::normalise(&text::html_text(words)),
        _ => text::normalise(words),
    };
    (file, hash_matches, Ok(folded))
}

/// Checks the saved copies of `dataset`'s sources and every quote citing
/// them. `label` names the data file in warnings, `folder` is where its
/// copies' paths start. Warnings carry JSON paths, no positions.
pub fn check(dataset: &Dataset, label: &str, folder: &Path, reader: &dyn ReadCopy) -> CopyCheck {
    check_where(dataset, label, folder, reader, |_| true)
}

/// [`check`] for the one source with id `source` (a copy just attached to it).
pub fn check_source(
    dataset: &Dataset,
    source: &str,
    label: &str,
    folder: &Path,
    reader: &dyn ReadCopy,
) -> CopyCheck {
    check_where(dataset, label, folder, reader, |id| id == source)
}

/// [`check`] for the sources whose id passes `wanted`.
fn check_where(
    dataset: &Dataset,
    label: &str,
    folder: &Path,
    reader: &dyn ReadCopy,
    wanted: impl Fn(&str) -> bool,
) -> CopyCheck {
    let mut out = CopyCheck::default();
    let mut texts: HashMap<&str, String> = HashMap::new();
    for (i, source) in dataset.sources.iter().enumerate() {
        let Some(copy) = source.saved_copy.as_ref().filter(|_| wanted(&source.id)) else {
            continue;
        };
        if copy.path.trim().is_empty() {
            // Validation reports an empty path as an error.
            continue;
        }
        let at = format!("sources[{i}].saved_copy");
        let (file, hash_matches, read) = read_copy(copy, folder, reader);
        let shown = file.display();
        if hash_matches == Some(false) {
            out.diagnostics.push(
                Diagnostic::warning(
                    label,
                    format!(
                        "the saved copy {shown} of source \"{}\" has changed: its SHA-256 is not \
                         the one recorded (record the new one if the change is yours, else \
                         restore the copy)",
                        source.id
                    ),
                )
                .at_path(format!("{at}.sha256")),
            );
        }
        let state = match read {
            Ok(folded) => {
                texts.insert(source.id.as_str(), folded);
                CopyState::Read
            }
            Err(state) => {
                let why = match &state {
                    CopyState::Unreadable(why) => format!(
                        "the saved copy {shown} of source \"{}\" cannot be read: {why}; its \
                         quotes are not checked",
                        source.id
                    ),
                    _ => format!(
                        "the saved copy {shown} of source \"{}\" is a web archive (WACZ or \
                         WARC), which factsheet does not read yet: its quotes are not checked; \
                         save the page as HTML or text to have them checked",
                        source.id
                    ),
                };
                out.diagnostics
                    .push(Diagnostic::warning(label, why).at_path(format!("{at}.path")));
                state
            }
        };
        out.copies.insert(
            source.id.clone(),
            SourceCopy {
                file,
                hash_matches,
                state,
            },
        );
    }
    if texts.is_empty() {
        return out;
    }
    let mut not_found = 0usize;
    for q in quotes(dataset) {
        let Some(copy) = texts.get(q.source.as_str()) else {
            continue;
        };
        let stretches = text::stretches(q.pieces.iter().copied());
        if stretches.is_empty() {
            continue;
        }
        let missing = stretches.iter().find(|s| !copy.contains(s.as_str()));
        out.quotes
            .entry(q.source.clone())
            .or_default()
            .insert(q.text.to_string(), missing.is_none());
        let Some(missing) = missing else {
            continue;
        };
        not_found += 1;
        if not_found > MAX_QUOTE_WARNINGS {
            continue;
        }
        let what = if stretches.len() > 1 {
            format!("the words \"{missing}\" of this quote are")
        } else {
            "this quote is".to_string()
        };
        let file = out
            .copies
            .get(q.source.as_str())
            .map(|c| c.file.display().to_string())
            .unwrap_or_default();
        out.diagnostics.push(
            Diagnostic::warning(
                label,
                format!(
                    "{what} not in the saved copy {file} of source \"{}\" (compared with quote \
                     marks, dashes and spaces folded, letters and digits as written)",
                    q.source
                ),
            )
            .at_path(q.path),
        );
    }
    if not_found > MAX_QUOTE_WARNINGS {
        out.diagnostics.push(Diagnostic::warning(
            label,
            format!(
                "and {} more quotes not found in their saved copies",
                not_found - MAX_QUOTE_WARNINGS
            ),
        ));
    }
    out
}

/// The [`SavedCopy`](crate::model::SavedCopy) that records `file` for a
/// data file in `folder`: its path relative to that folder (absolute when the
/// file lies outside it), and the SHA-256 of its bytes as `reader` reads them.
pub fn record(
    file: &Path,
    folder: &Path,
    reader: &dyn ReadCopy,
) -> Result<crate::model::SavedCopy, String> {
    let bytes = reader.read(file)?;
    Ok(crate::model::SavedCopy {
        path: Text::from(relative_to(file, folder).to_string_lossy().as_ref()),
        url: None,
        retrieved: None,
        sha256: Some(Text::from(sha256_hex(&bytes))),
    })
}

/// `file` written relative to `folder` when it lies inside it, else whole
/// (made absolute): never with `..`, which would break when the folder moves.
fn relative_to(file: &Path, folder: &Path) -> PathBuf {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (file, folder) = (absolute(file), absolute(folder));
    match file.strip_prefix(&folder) {
        Ok(inside) if !inside.as_os_str().is_empty() => inside.to_path_buf(),
        _ => file,
    }
}

/// Rewrites the saved copies' paths of `dataset`, written for a data file in
/// `from`, for one in `to` (the data saved elsewhere), so that each still names
/// the same file.
pub fn rebase(dataset: &mut Dataset, from: &Path, to: &Path) {
    for source in dataset.sources.iter_mut() {
        if let Some(copy) = &mut source.saved_copy {
            let file = from.join(copy.path.as_str());
            copy.path = Text::from(relative_to(&file, to).to_string_lossy().as_ref());
        }
    }
}
