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
//! fell inside a string or a nested array, past the events) the helper's work
//! is dropped and the main parse goes on alone: a wrong guess costs the other
//! core's time, never a different result.
//!
//! The split is fixed: the helper's part is the one from the middle on, and
//! the thread done first leaves its core idle until the other is done.
//! Balancing the parts as they go (the one done first taking pieces of the
//! other's) needs a lock a round and twice the code, and gained at most about
//! 5% of the parse at 100k events, often nothing, whether both cores were
//! free or the host was busy (the numbers: docs/PERFORMANCE.md, "How loading
//! works", and the commit message that took it out).
//!
//! The main parse needs to know the guess before it parses past where the
//! helper began to look: it waits for it there (in a large file the helper
//! has found it long before), so what the two threads do never depends on
//! which of them runs faster.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use serde::de::DeserializeOwned;
use thin_vec::ThinVec;

use super::{Between, Blocks, GiveUp, Mark, Segment, Step, items_in};
use crate::intern::Interning;
use crate::load::progress::Progress;

/// How many places that look like an element start the helper tries before
/// giving up (they fail fast: a claim or a source is not an event).
const ATTEMPTS: usize = 512;

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
    Done(Option<Part<T>>),
}

/// The elements the helper parsed, from `start` to the array's `]` at `end`.
pub(super) struct Part<T> {
    start: u64,
    /// The helper's own mark at `start` (its lines count from where it began reading).
    start_mark: Mark,
    pub(super) items: ThinVec<T>,
    marks: Vec<Mark>,
    pub(super) end: u64,
    /// The helper's own mark at `end`.
    pub(super) end_mark: Mark,
    /// What the helper read (from before `start` to past `end`).
    pub(super) segment: Segment,
}

impl<T> Part<T> {
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
    /// Where the helper began to look for an element start.
    from: u64,
    start: Option<u64>,
    /// The helper is no longer of use: it failed, was stopped, or was taken.
    over: bool,
    used: bool,
}

/// What the helper thread is to do.
struct Job {
    /// The path it opens the file by again.
    path: PathBuf,
    /// Which file that must be (the one the main parse opened), and its length.
    identity: (u64, u64),
    len: u64,
    /// Where it begins to look for an element start.
    from: u64,
    /// How much it reads at a time.
    block: usize,
    /// Whether it takes the digest of what it reads.
    digest: bool,
    /// Where the bytes it reads are counted.
    progress: Progress,
}

impl<T: DeserializeOwned + Send + 'static> Helper<T> {
    /// Starts a helper looking for an element start from byte `from` of the
    /// file at `path`, which must be the file the main parse opened (with
    /// metadata `opened`), reading `block` bytes at a time and taking the
    /// digest of what it reads if `digest`; `None` when no thread can be
    /// started or the file cannot be told from another.
    pub(super) fn start(
        path: &Path,
        opened: &std::fs::Metadata,
        from: u64,
        (block, digest): (usize, bool),
        progress: &Progress,
    ) -> Option<Self> {
        let job = Job {
            path: path.to_path_buf(),
            identity: identity(opened)?,
            from,
            len: opened.len(),
            block,
            digest,
            progress: progress.clone(),
        };
        let (tx, messages) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let started = crate::parallel::helper("factsheet-parse", move || {
            let part = later_part::<T>(&job, &tx, &stop).ok();
            let _ = tx.send(Message::Done(part));
        });
        if !started {
            return None;
        }
        Some(Helper {
            messages,
            cancel,
            from,
            start: None,
            over: false,
            used: false,
        })
    }
}

impl<T> Helper<T> {
    /// Where the helper's first element starts (file offset), for a main
    /// parse that holds the file up to `held`: past where the helper began
    /// to look, it waits to hear, so it never parses past the guess unaware.
    pub(super) fn start_offset(&mut self, held: u64) -> Option<u64> {
        if self.start.is_none() && !self.over && held > self.from {
            match self.messages.recv() {
                Ok(Message::Start(at)) => self.start = Some(at),
                Ok(Message::Done(_)) | Err(_) => self.over = true,
            }
        }
        if self.over { None } else { self.start }
    }

    /// An element starts at the helper's start: waits for the helper's elements.
    pub(super) fn take(&mut self) -> Option<Part<T>> {
        if self.over {
            return None;
        }
        self.over = true;
        loop {
            match self.messages.recv() {
                Ok(Message::Start(_)) => {}
                Ok(Message::Done(part)) => {
                    let part = part.filter(|p| Some(p.start) == self.start);
                    self.used = part.is_some();
                    return part;
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

/// The helper thread: finds an element start from `job.from` on, says where
/// on `tx`, and parses from there to the `]`.
fn later_part<T: DeserializeOwned>(
    job: &Job,
    tx: &Sender<Message<T>>,
    cancel: &AtomicBool,
) -> Result<Part<T>, GiveUp> {
    // Long text is shared within this thread's elements, as in the main parse.
    let _interning = Interning::start();
    let mut file = File::open(&job.path)?;
    let opened = file.metadata()?;
    if identity(&opened) != Some(job.identity) || opened.len() != job.len {
        return Err(GiveUp);
    }
    file.seek(SeekFrom::Start(job.from))?;
    let mut r = Blocks::at(&mut file, None, job.from, job.len, job.block, &job.progress);
    if !job.digest {
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

    let (mut items, mut marks, mut starts) = (ThinVec::new(), Vec::new(), Vec::new());
    let mut state = Between::Comma;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(GiveUp);
        }
        starts.clear();
        let offset = r.offset();
        let step = items_in(r.held_text()?, &mut state, &mut items, &mut starts, None)?;
        let base = r.pos;
        for &at in &starts {
            marks.push(r.mark_at(base + at));
        }
        if marks.len() == starts.len() {
            let last = offset + starts.last().map_or(0, |&s| s as u64);
            super::reserve_for_the_rest(&mut items, &mut marks, start, last, job.len);
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
                return Ok(Part {
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
    use super::super::tests::{TEST_BLOCK, file_with, parse_planned, plan};
    use super::super::{Plan, Streamed, locate_paths, locate_streamed, parse_opened};
    use super::*;
    use crate::model::Dataset;

    fn parsed(path: &Path, plan: Plan) -> Streamed {
        parse_planned(path, plan, &mut |_| {}, &Progress::default())
            .ok()
            .and_then(|(streamed, check)| check.holds().then_some(streamed))
            .unwrap_or_else(|| panic!("{plan:?}: the streamed parse gave up"))
    }

    /// Splits at `points` give the dataset and the positions of a parse on one
    /// core; returns how many of them the helper's elements were used for.
    fn same_wherever_split(text: &[u8], points: &[u64], paths: &[&str]) -> usize {
        let f = file_with(text);
        let alone = parsed(f.path(), plan(None));
        assert!(!alone.helped);
        let whole = Ok(locate_paths(text, paths));
        assert_eq!(locate_streamed(f.path(), &alone.layout, None, paths), whole);
        let mut helped = 0;
        for &at in points {
            let split = parsed(f.path(), plan(Some(at)));
            assert!(
                split.dataset == alone.dataset,
                "split at {at}: another dataset"
            );
            assert_eq!(
                locate_streamed(f.path(), &split.layout, None, paths),
                whole,
                "split at {at}: other positions"
            );
            helped += usize::from(split.helped);
        }
        helped
    }

    #[test]
    fn a_split_parse_builds_what_one_core_does_wherever_it_starts() {
        let text = crate::testing::generated_bytes(600, 9);
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

    /// What a parse of the array that is the whole of the file at `path`
    /// gives, as JSON values, split at `split_at`: the values, where each
    /// starts, whether the helper made a guess, and whether it was used.
    fn values(
        path: &Path,
        split_at: Option<u64>,
    ) -> (Vec<serde_json::Value>, Vec<Mark>, bool, bool) {
        let mut file = File::open(path).unwrap();
        let opened = file.metadata().unwrap();
        let progress = Progress::default();
        let block = (TEST_BLOCK, true);
        let mut helper = split_at.and_then(|at| Helper::start(path, &opened, at, block, &progress));
        let mut nothing = |_: &File| {};
        let mut r = Blocks::new(&mut file, &mut nothing, opened.len(), TEST_BLOCK, &progress);
        let mut layout = super::super::Layout::default();
        let items = super::super::parse_array(&mut r, "events", &mut layout, helper.as_mut())
            .ok()
            .unwrap();
        let (_, marks, _) = layout.arrays.pop().unwrap();
        let guessed = helper.as_ref().is_some_and(|h| h.start.is_some());
        (
            items.into_iter().collect(),
            marks,
            guessed,
            helper.is_some_and(|h| h.used()),
        )
    }

    #[test]
    fn a_wrong_guess_is_dropped() {
        // Values, not events: every `}, {` in the nested arrays is a place an
        // element parses, and a wrong guess, but for the top level's.
        let mut text = String::from("[\n");
        for i in 0..600 {
            if i > 0 {
                text.push_str(if i % 4 == 0 { ",\n " } else { ", " });
            }
            let nested = (0..i % 3 * 9).map(|k| format!("{{\"k\": {k}}}"));
            let nested: Vec<String> = nested.collect();
            text.push_str(&format!(
                "{{\"id\": {i}, \"nested\": [{}]}}",
                nested.join(", ")
            ));
        }
        text.push_str("\n]");
        let f = file_with(text.as_bytes());
        let (alone, marks, _, _) = values(f.path(), None);
        assert_eq!(alone.len(), 600);
        let len = text.len() as u64;
        let (mut wrong, mut used) = (0, 0);
        for k in 1..97 {
            let at = len * k / 97;
            let (split, split_marks, guessed, taken) = values(f.path(), Some(at));
            assert!(split == alone, "split at {at}: other values");
            assert!(split_marks == marks, "split at {at}: other positions");
            wrong += usize::from(guessed && !taken);
            used += usize::from(taken);
        }
        assert!(wrong > 10 && used > 3, "{wrong} wrong guesses, {used} used");
    }

    #[test]
    fn a_helper_that_opens_another_file_is_not_used() {
        // The path given to another file between the two opens: same size,
        // same layout, other titles in the second half.
        let text = String::from_utf8(crate::testing::generated_bytes(300, 2)).unwrap();
        let half = text.len() / 2;
        let other = format!(
            "{}{}",
            &text[..half],
            text[half..].replace("Repatriation", "Repatriatiom")
        );
        assert!(other.len() == text.len() && other != text);
        let (main, elsewhere) = (file_with(text.as_bytes()), file_with(other.as_bytes()));
        let alone = parsed(main.path(), plan(None));
        let split = plan(Some(text.len() as u64 / 2));
        let helper_opens = |path: &Path| {
            let file = File::open(main.path()).unwrap();
            let now = std::time::SystemTime::now();
            let (streamed, check) =
                parse_opened(file, path, split, &mut |_| {}, &Progress::default(), now)
                    .ok()
                    .unwrap();
            assert!(check.holds());
            streamed
        };
        let replaced = helper_opens(elsewhere.path());
        assert!(!replaced.helped);
        assert!(replaced.dataset == alone.dataset);
        // The same file through another path is the same file: used.
        let link = main.path().with_extension("link");
        std::fs::hard_link(main.path(), &link).unwrap();
        let same = helper_opens(&link);
        std::fs::remove_file(&link).unwrap();
        assert!(same.helped);
        assert!(same.dataset == alone.dataset);
    }

    /// The parts a parse read cover `text`, each with the digest of its bytes.
    fn assert_read_whole(text: &[u8], segments: &[Segment]) {
        let mut covered = vec![false; text.len()];
        for s in segments {
            let range = s.range.start as usize..s.range.end as usize;
            let bytes = &text[range.clone()];
            assert_eq!(s.digest, Some(xxhash_rust::xxh3::xxh3_64(bytes)));
            covered[range].fill(true);
        }
        assert!(covered.iter().all(|&c| c), "not all read");
    }

    #[test]
    fn a_split_parse_checks_every_byte_it_read() {
        let text = crate::testing::generated_bytes(300, 3);
        let len = text.len();
        let split = plan(Some(len as u64 / 2));
        let f = file_with(&text);
        let progress = Progress::default();
        progress.restart(len as u64);
        let (streamed, check) = parse_planned(f.path(), split, &mut |_| {}, &progress)
            .ok()
            .unwrap();
        assert!(streamed.helped);
        // Both threads count what they read: all of it.
        assert_eq!(progress.fraction(), Some(1.0));
        // The main parse's part, the helper's, and the rest after the events:
        // together every byte, each digest that of the bytes there.
        assert_eq!(check.segments.len(), 3, "{:?}", check.segments);
        assert_read_whole(&text, &check.segments);

        // A change anywhere (same size) after the parse: the check fails.
        for at in [len / 10, len * 6 / 10, len * 99 / 100] {
            let f = file_with(&text);
            let (_, check) = parse_planned(f.path(), split, &mut |_| {}, &Progress::default())
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
        let text = crate::testing::generated_bytes(300, 3);
        let f = file_with(&text);
        let alone = parsed(f.path(), plan(None));
        // Opened an hour after it was written: settled, so its check reads
        // nothing again, and neither thread needs a digest of what it reads.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
        let split = plan(Some(text.len() as u64 / 2));
        let file = File::open(f.path()).unwrap();
        let (streamed, check) = parse_opened(
            file,
            f.path(),
            split,
            &mut |_| {},
            &Progress::default(),
            later,
        )
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
        let good = String::from_utf8(crate::testing::generated_bytes(300, 4)).unwrap();
        // The last event's kind made unknown, well after the middle.
        let at = good.rfind("\"kind\":").unwrap();
        let bad = format!(
            "{}\"kind\":\"bogus\",\"x\":{}",
            &good[..at],
            &good[at + 7..]
        );
        let f = file_with(bad.as_bytes());
        for plan in [plan(None), plan(Some(bad.len() as u64 / 2))] {
            assert!(
                parse_planned(f.path(), plan, &mut |_| {}, &Progress::default()).is_err(),
                "{plan:?}: an unknown kind was accepted"
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
