//! Parsing the later part of a large file's events on the second core.
//!
//! A helper thread reads the file from its middle, finds a place that looks
//! like the start of an element (`}`, a comma, `{`) where an element parses,
//! and parses elements from there to the array's `]`, while the main parse
//! reads from the start. The guess is only used if the main parse, arriving
//! there inside the array, finds an element starting at exactly that byte:
//! from a true element start the parse is deterministic, so the helper's
//! elements are the ones the main parse would have built, and their positions
//! are moved onto the main parse's lines and columns. Otherwise (the guess
//! fell inside a string, in another array, past the events) the helper's work
//! is dropped and the main parse goes on alone: a wrong guess costs the other
//! core's time, never a different result.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use serde::de::DeserializeOwned;

use super::{Between, Blocks, GiveUp, Mark, Segment, Step, items_in};
use crate::intern::Interning;
use crate::load::progress::Progress;

/// Smaller files are parsed on one core: a second thread would not pay for itself.
const MIN_SPLIT: u64 = 32 << 20;

/// How many places that look like an element start the helper tries before
/// giving up (they fail fast: a claim or a source is not an event).
const ATTEMPTS: usize = 512;

/// Where to start a helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Split {
    /// From the middle of files of at least [`MIN_SPLIT`] bytes.
    Halves,
    /// From this byte, whatever the size, and the main parse waits to hear
    /// where the helper starts before its first round (tests: without the
    /// wait, a small file is parsed whole before the helper says anything).
    #[cfg(test)]
    At(u64),
    /// Never (tests).
    #[cfg(test)]
    Off,
    /// As `At`, but the helper opens this other file, as if the path had been
    /// given to another file (a save by rename) between the two opens (tests).
    #[cfg(test)]
    Elsewhere(u64, std::path::PathBuf),
}

/// Which file an open file is: the helper must read the very file the main
/// parse reads, not whatever the path names by the time it opens it.
#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

/// Elsewhere there is no cheap way to tell: no helper.
#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// What the helper thread says, in order: where its first element starts,
/// then what it parsed (nothing if it failed or was stopped).
enum Message<T> {
    Start(u64),
    Done(Option<Half<T>>),
}

/// The elements a helper parsed, from `start` to the array's `]` at `end`.
pub(super) struct Half<T> {
    start: u64,
    /// The helper's own mark at `start` (its lines count from where it began reading).
    start_mark: Mark,
    pub(super) items: Vec<T>,
    marks: Vec<Mark>,
    pub(super) end: u64,
    /// The helper's own mark at `end`.
    pub(super) end_mark: Mark,
    /// What the helper read (from before `start` to past `end`).
    pub(super) segment: Segment,
}

impl<T> Half<T> {
    /// Where each element starts, on the main parse's lines and columns, given
    /// that `start` is at `here`.
    pub(super) fn marks_from(&self, here: Mark) -> impl Iterator<Item = Mark> + '_ {
        self.marks.iter().map(move |&m| self.moved(m, here))
    }

    /// One of the helper's marks on the main parse's lines and columns.
    pub(super) fn moved(&self, m: Mark, here: Mark) -> Mark {
        let (line, column) = (self.start_mark.line, self.start_mark.column);
        if m.line == line {
            Mark {
                offset: m.offset,
                line: here.line,
                column: here.column.saturating_add(m.column.saturating_sub(column)),
            }
        } else {
            Mark {
                offset: m.offset,
                line: here.line.saturating_add(m.line.saturating_sub(line)),
                column: m.column,
            }
        }
    }
}

/// The main parse's side of a helper thread.
pub(super) struct Helper<T> {
    messages: Receiver<Message<T>>,
    cancel: Arc<AtomicBool>,
    start: Option<u64>,
    /// The helper is no longer of use: it failed, was stopped, or was taken.
    over: bool,
    used: bool,
    /// Wait for the helper's first message rather than poll (tests).
    wait: bool,
}

impl<T: DeserializeOwned + Send + 'static> Helper<T> {
    /// Starts a helper on the file at `path`, opened by the main parse with
    /// metadata `opened`, as `split` says, taking the digest of what it reads
    /// if `digest`; `None` for a small file or when no thread can be started.
    pub(super) fn start(
        path: &Path,
        opened: &std::fs::Metadata,
        split: Split,
        digest: bool,
        progress: &Progress,
    ) -> Option<Self> {
        let len = opened.len();
        let file = identity(opened)?;
        let (from, wait, path) = match split {
            Split::Halves if len >= MIN_SPLIT && crate::halves::cores() > 1 => {
                (len / 2, false, path.to_path_buf())
            }
            Split::Halves => return None,
            #[cfg(test)]
            Split::At(at) => (at, true, path.to_path_buf()),
            #[cfg(test)]
            Split::Off => return None,
            #[cfg(test)]
            Split::Elsewhere(at, other) => (at, true, other),
        };
        let (tx, messages) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let progress = progress.clone();
        std::thread::Builder::new()
            .name("factsheet-parse".into())
            .spawn(move || {
                let half =
                    later_half::<T>((&path, file), (from, len), digest, &tx, &stop, &progress).ok();
                let _ = tx.send(Message::Done(half));
            })
            .ok()?;
        Some(Helper {
            messages,
            cancel,
            start: None,
            over: false,
            used: false,
            wait,
        })
    }
}

impl<T> Helper<T> {
    /// Where the helper's first element starts, once it has said (file offset).
    pub(super) fn start_offset(&mut self) -> Option<u64> {
        if self.start.is_none() && !self.over {
            let message = if self.wait {
                self.messages.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                self.messages.try_recv()
            };
            match message {
                Ok(Message::Start(at)) => self.start = Some(at),
                Ok(Message::Done(_)) | Err(TryRecvError::Disconnected) => self.over = true,
                Err(TryRecvError::Empty) => {}
            }
        }
        if self.over { None } else { self.start }
    }

    /// An element starts at the helper's start: waits for the helper's elements.
    pub(super) fn take(&mut self) -> Option<Half<T>> {
        if self.over {
            return None;
        }
        self.over = true;
        loop {
            match self.messages.recv() {
                Ok(Message::Start(_)) => {}
                Ok(Message::Done(half)) => {
                    let half = half.filter(|h| Some(h.start) == self.start);
                    self.used = half.is_some();
                    return half;
                }
                Err(_) => return None,
            }
        }
    }

    /// The helper's work will not be used: it stops at its next round.
    pub(super) fn stop(&mut self) {
        self.over = true;
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the helper's elements were taken.
    pub(super) fn used(&self) -> bool {
        self.used
    }
}

impl<T> Drop for Helper<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The helper thread: from `from`, finds an element start and parses to the `]`.
fn later_half<T: DeserializeOwned>(
    (path, identity_wanted): (&Path, (u64, u64)),
    (from, len): (u64, u64),
    digest: bool,
    tx: &Sender<Message<T>>,
    cancel: &AtomicBool,
    progress: &Progress,
) -> Result<Half<T>, GiveUp> {
    // Long text is shared within this thread's elements, as in the main parse.
    let _interning = Interning::start();
    let mut file = File::open(path)?;
    let opened = file.metadata()?;
    if identity(&opened) != Some(identity_wanted) || opened.len() != len {
        return Err(GiveUp);
    }
    file.seek(SeekFrom::Start(from))?;
    let mut nothing = |_: &File| {};
    let mut r = Blocks::at(&mut file, &mut nothing, from, len, progress);
    if !digest {
        r.hasher = None;
    }
    if !r.fill()? {
        return Err(GiveUp);
    }
    // Begin on a whole character.
    while r.buf.get(r.pos).is_some_and(|b| b & 0xC0 == 0x80) {
        r.pos += 1;
    }
    r.counted = r.pos;
    r.pos += first_element::<T>(r.held_text()?).ok_or(GiveUp)?;
    let start_mark = r.mark();
    let start = r.offset();
    tx.send(Message::Start(start)).map_err(|_| GiveUp)?;

    let (mut items, mut marks, mut starts) = (Vec::new(), Vec::new(), Vec::new());
    let mut state = Between::Comma;
    let first = r.offset();
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(GiveUp);
        }
        starts.clear();
        let step = items_in(r.held_text()?, &mut state, &mut items, &mut starts, None)?;
        let base = r.pos;
        for &at in &starts {
            marks.push(r.mark_at(base + at));
        }
        if marks.len() == starts.len() {
            let last = r.offset() + starts.last().map_or(0, |&s| s as u64);
            super::reserve_for_the_rest(&mut items, &mut marks, first, last, len);
        }
        match step {
            Step::More(at) => {
                r.pos = base + at;
                if !r.fill()? {
                    return Err(GiveUp);
                }
            }
            Step::Done(at) => {
                r.pos = base + at;
                return Ok(Half {
                    start,
                    start_mark,
                    items,
                    marks,
                    end: r.offset(),
                    end_mark: r.mark(),
                    segment: r.segment(),
                });
            }
            Step::Split(_) => return Err(GiveUp),
        }
    }
}

/// The first place in `text` that follows `}` and a comma, begins with `{`,
/// and parses as an element.
fn first_element<T: DeserializeOwned>(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let blank = |b: &&u8| matches!(**b, b' ' | b'\n' | b'\r' | b'\t');
    memchr::memchr_iter(b',', bytes)
        .filter(|&comma| {
            bytes
                .get(..comma)
                .and_then(|before| before.iter().rev().find(|b| !blank(b)))
                == Some(&b'}')
        })
        .filter_map(|comma| {
            let after = bytes.get(comma + 1..)?;
            let open = comma + 1 + after.iter().take_while(blank).count();
            (bytes.get(open) == Some(&b'{')).then_some(open)
        })
        .take(ATTEMPTS)
        .find(|&open| {
            text.get(open..).is_some_and(|rest| {
                let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
                matches!(stream.next(), Some(Ok(_)))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::file_with;
    use super::super::{locate_paths, locate_streamed, parse_file_with};
    use super::*;
    use crate::model::Dataset;

    fn parsed(path: &Path, split: Split) -> super::super::Streamed {
        parse_file_with(path, &mut |_| {}, split.clone(), &Progress::default())
            .ok()
            .and_then(|(streamed, check)| check.holds().then_some(streamed))
            .unwrap_or_else(|| panic!("{split:?}: the streamed parse gave up"))
    }

    /// Splits at `points` give the dataset and the positions of a parse on one
    /// core; returns how many of them the helper's elements were used for.
    fn same_wherever_split(text: &[u8], points: &[u64], paths: &[&str]) -> usize {
        let f = file_with(text);
        let alone = parsed(f.path(), Split::Off);
        assert!(!alone.helped);
        let whole = locate_paths(text, paths);
        assert_eq!(locate_streamed(f.path(), &alone.layout, paths), whole);
        let mut helped = 0;
        for &at in points {
            let split = parsed(f.path(), Split::At(at));
            assert!(
                split.dataset == alone.dataset,
                "split at {at}: another dataset"
            );
            assert_eq!(
                locate_streamed(f.path(), &split.layout, paths),
                whole,
                "split at {at}: other positions"
            );
            helped += usize::from(split.helped);
        }
        helped
    }

    #[test]
    fn a_split_parse_builds_what_one_core_does_wherever_it_starts() {
        let text = crate::generate::tests::test_bytes(600, 9);
        let len = text.len() as u64;
        // Every kind of place: the header, the sources, inside events, strings
        // and numbers, between events, the last event, the end.
        let points: Vec<u64> = (0..60).map(|k| len * k / 60 + k).collect();
        let dataset: Dataset = serde_json::from_slice(&text).unwrap();
        let last = dataset.events.len() - 1;
        let paths = [
            "title".to_string(),
            "sources[3].outlet".to_string(),
            "events[0]".to_string(),
            format!("events[{}].figures[0].claims[0].source", last / 2),
            format!("events[{}].title", last * 3 / 4),
            format!("events[{last}].kind"),
        ];
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let helped = same_wherever_split(&text, &points, &paths);
        // Most points fall in the events: the helper must have been used there.
        assert!(helped >= 30, "helped {helped} times of {}", points.len());
    }

    #[test]
    fn a_helper_that_opens_another_file_is_not_used() {
        // The path given to another file between the two opens: same size,
        // same layout, other titles in the second half.
        let text = String::from_utf8(crate::generate::tests::test_bytes(300, 2)).unwrap();
        let half = text.len() / 2;
        let other = format!(
            "{}{}",
            &text[..half],
            text[half..].replace("Repatriation", "Repatriatiom")
        );
        assert!(other.len() == text.len() && other != text);
        let (main, elsewhere) = (file_with(text.as_bytes()), file_with(other.as_bytes()));
        let alone = parsed(main.path(), Split::Off);
        let at = text.len() as u64 / 2;
        let split = parsed(
            main.path(),
            Split::Elsewhere(at, elsewhere.path().to_path_buf()),
        );
        assert!(!split.helped);
        assert!(split.dataset == alone.dataset);
        // The same file through another path is the same file: used.
        let link = main.path().with_extension("link");
        std::fs::hard_link(main.path(), &link).unwrap();
        let same = parsed(main.path(), Split::Elsewhere(at, link.clone()));
        std::fs::remove_file(&link).unwrap();
        assert!(same.helped);
        assert!(same.dataset == alone.dataset);
    }

    #[test]
    fn a_split_parse_checks_every_byte_it_read() {
        let text = crate::generate::tests::test_bytes(300, 3);
        let len = text.len();
        let f = file_with(&text);
        let progress = Progress::default();
        progress.restart(len as u64);
        let (streamed, check) =
            parse_file_with(f.path(), &mut |_| {}, Split::At(len as u64 / 2), &progress)
                .ok()
                .unwrap();
        assert!(streamed.helped);
        // Both threads count what they read: all of it.
        assert_eq!(progress.fraction(), Some(1.0));
        // The main parse's part, the helper's, and the rest after the events:
        // together every byte, each digest that of the bytes there.
        assert_eq!(check.segments.len(), 3, "{:?}", check.segments);
        let mut covered = vec![false; len];
        for s in &check.segments {
            let range = s.range.start as usize..s.range.end as usize;
            assert_eq!(
                s.digest,
                Some(xxhash_rust::xxh3::xxh3_64(&text[range.clone()]))
            );
            covered[range].fill(true);
        }
        assert!(covered.iter().all(|&c| c));

        // A change anywhere (same size) after the parse: the check fails.
        for at in [len / 10, len * 6 / 10, len * 99 / 100] {
            let f = file_with(&text);
            let (_, check) = parse_file_with(
                f.path(),
                &mut |_| {},
                Split::At(len as u64 / 2),
                &Progress::default(),
            )
            .ok()
            .unwrap();
            let pos = at + text[at..].iter().position(u8::is_ascii_lowercase).unwrap();
            let mut changed = text.clone();
            changed[pos] = if changed[pos] == b'a' { b'b' } else { b'a' };
            std::fs::write(f.path(), &changed).unwrap();
            assert!(!check.holds(), "a change at byte {pos} went unseen");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_settled_file_is_split_without_digests() {
        let text = crate::generate::tests::test_bytes(300, 3);
        let f = file_with(&text);
        let alone = parsed(f.path(), Split::Off);
        // Opened an hour after it was written: settled, so its check reads
        // nothing again, and neither thread needs a digest of what it reads.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        let at = Split::At(text.len() as u64 / 2);
        let (streamed, check) =
            super::super::parse_file_at(f.path(), &mut |_| {}, at, &Progress::default(), later)
                .ok()
                .unwrap();
        assert!(streamed.helped);
        assert!(streamed.dataset == alone.dataset);
        assert_eq!(check.segments.len(), 3, "{:?}", check.segments);
        assert!(check.segments.iter().all(|s| s.digest.is_none()));
        assert!(check.holds());
    }

    #[test]
    fn an_error_after_the_split_gives_up_as_one_core_does() {
        let good = String::from_utf8(crate::generate::tests::test_bytes(300, 4)).unwrap();
        // The last event's kind made unknown, well after the middle.
        let at = good.rfind("\"kind\":").unwrap();
        let bad = format!(
            "{}\"kind\":\"bogus\",\"x\":{}",
            &good[..at],
            &good[at + 7..]
        );
        let f = file_with(bad.as_bytes());
        for split in [Split::Off, Split::At(bad.len() as u64 / 2)] {
            assert!(
                parse_file_with(f.path(), &mut |_| {}, split.clone(), &Progress::default())
                    .is_err(),
                "{split:?}: an unknown kind was accepted"
            );
        }
    }

    #[test]
    fn text_that_looks_like_an_element_start_is_never_taken_for_one() {
        // Titles full of `}, {` with quotes, escapes, Cyrillic and line breaks.
        let mut text = String::from("{\"format_version\": 1, \"title\": \"t\", \"events\": [\n");
        for i in 0..400 {
            if i > 0 {
                text.push_str(if i % 3 == 0 { ",\n  " } else { "," });
            }
            text.push_str(&format!(
                "{{\"id\": \"e{i}\", \"title\": \"щ}}, {{\\\"id\\\": \\\"x{i}\\\", \\\"title\\\": \\\"}}, {{\", \
                 \"date\": {{\"on\": \"2025-06-11\"}}, \"kind\": \"other\", \"notes\": \"}},\\n{{ ]\"}}"
            ));
        }
        text.push_str("\n], \"agreements\": []}");
        let dataset: Dataset = serde_json::from_str(&text).unwrap();
        assert_eq!(dataset.events.len(), 400);
        assert!(dataset.events[7].title.contains("}, {\"id\""));
        let len = text.len() as u64;
        let points: Vec<u64> = (1..97).map(|k| len * k / 97).collect();
        let helped = same_wherever_split(
            text.as_bytes(),
            &points,
            &[
                "events[0].title",
                "events[250].notes",
                "events[399].kind",
                "agreements",
            ],
        );
        assert!(helped > 0);
    }
}
