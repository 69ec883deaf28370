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
//!
//! A core can run slower than the other for a while (a virtual machine's
//! cores are shared), and a fixed split leaves the faster one idle at the end
//! (80–140 ms at 100k events in such a spell, docs/PERFORMANCE.md). So a
//! helper done first takes a *piece* of what the main parse has left before
//! the helper's first start: it guesses an element start in the middle of it,
//! the main parse is told to stop there, and the helper parses from there up to
//! its own last start, where its parse must land exactly. Each piece is
//! checked as the first part is: the main parse arriving at its start finds an
//! element there, and the piece's own parse lands on the next part's start,
//! so every part's elements are the ones a single parse would have built.
//!
//! The hand-over needs no more than one lock a round: the main parse says,
//! under it, how far it holds the file this round (it parses no element past
//! that before it takes the lock again) and reads where it must stop; the
//! helper sets a start under the same lock only at or past that point.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::de::DeserializeOwned;

use super::{Between, Blocks, GiveUp, Mark, Segment, Step, items_in};
use crate::intern::Interning;
use crate::load::progress::Progress;

/// Smaller files are parsed on one core: a second thread would not pay for itself.
const MIN_SPLIT: u64 = 32 << 20;

/// The helper takes a piece of what the main parse has left when that is at
/// least this much (the piece is half of it): less is over before the search
/// for an element start and the hand-over have paid for themselves.
const MIN_LEFT: u64 = 4 << 20;

/// How many places that look like an element start the helper tries before
/// giving up (they fail fast: a claim or a source is not an event).
const ATTEMPTS: usize = 512;

/// Where to start a helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Split {
    /// From the middle of files of at least [`MIN_SPLIT`] bytes, taking
    /// pieces of what the main parse has left while it is [`MIN_LEFT`] or more.
    Halves,
    /// From this byte, whatever the size, no pieces, and the main parse waits
    /// to hear where the helper starts before its first round (tests: without
    /// the wait, a small file is parsed whole before the helper says anything).
    #[cfg(test)]
    At(u64),
    /// Never (tests).
    #[cfg(test)]
    Off,
    /// As `At`, but the helper opens this other file, as if the path had been
    /// given to another file (a save by rename) between the two opens (tests).
    #[cfg(test)]
    Elsewhere(u64, std::path::PathBuf),
    /// From this byte, taking pieces while the main parse has this much left,
    /// with the main parse waiting before its first round until the helper is
    /// done: the helper takes every piece it can, the same ones every time
    /// (tests), the one given with `Fault` going wrong as it says.
    #[cfg(test)]
    Pieces(u64, u64, Fault),
}

/// How a piece of a [`Split::Pieces`] goes wrong (tests).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    None,
    /// This piece's start is set a byte past the element start found: the
    /// main parse passes it with no element there.
    WrongStart(usize),
    /// This piece fails once it is set: the main parse arrives and must go on itself.
    Fails(usize),
}

/// What the helper thread is to do.
struct Plan {
    from: u64,
    /// Take pieces while the main parse has at least this much left.
    pieces_from: Option<u64>,
    #[cfg(test)]
    fault: Fault,
}

/// How long the main parse waits for the helper before its first round.
#[derive(Clone, Copy, PartialEq)]
enum Wait {
    No,
    /// Until it has set its first start (or given up).
    #[cfg(test)]
    Start,
    /// Until it is done.
    #[cfg(test)]
    Done,
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

/// What the two threads agree on, under one lock.
#[derive(Default)]
struct Hand {
    /// The end of what the main parse holds this round: it parses no element
    /// that ends past it before it takes the lock again.
    main_held: u64,
    /// Where the helper's parts start, in the order they were set (each
    /// before the one before): the main parse stops at the last.
    starts: Vec<u64>,
    /// No more pieces: the main parse is taking the parts, or a start was wrong.
    closed: bool,
}

fn lock(hand: &Mutex<Hand>) -> MutexGuard<'_, Hand> {
    // The other thread panicking does not leave a `Hand` half changed.
    hand.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the helper thread says, in order: that its first part has a start,
/// then each part it parsed, or that the part from a start will not come.
enum Message<T> {
    Started,
    Part(Half<T>),
    Failed(u64),
}

/// The elements a helper parsed, from `start` up to `end`: the next part's
/// start, or the array's `]`.
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
    hand: Arc<Mutex<Hand>>,
    messages: Receiver<Message<T>>,
    cancel: Arc<AtomicBool>,
    /// What the helper has said so far.
    started: bool,
    parts: Vec<Half<T>>,
    failed: Vec<u64>,
    gone: bool,
    /// How many parts were taken.
    used: usize,
    wait: Wait,
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
        let plan = |from, pieces_from| Plan {
            from,
            pieces_from,
            #[cfg(test)]
            fault: Fault::None,
        };
        let (plan, wait, path) = match split {
            Split::Halves if len >= MIN_SPLIT && crate::halves::cores() > 1 => {
                (plan(len / 2, Some(MIN_LEFT)), Wait::No, path.to_path_buf())
            }
            Split::Halves => return None,
            #[cfg(test)]
            Split::At(at) => (plan(at, None), Wait::Start, path.to_path_buf()),
            #[cfg(test)]
            Split::Off => return None,
            #[cfg(test)]
            Split::Elsewhere(at, other) => (plan(at, None), Wait::Start, other),
            #[cfg(test)]
            Split::Pieces(at, left, fault) => (
                Plan {
                    fault,
                    ..plan(at, Some(left))
                },
                Wait::Done,
                path.to_path_buf(),
            ),
        };
        let (tx, messages) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let hand = Arc::new(Mutex::new(Hand::default()));
        let (stop, shared) = (Arc::clone(&cancel), Arc::clone(&hand));
        let progress = progress.clone();
        std::thread::Builder::new()
            .name("factsheet-parse".into())
            .spawn(move || {
                Helping::<T> {
                    tx,
                    cancel: &stop,
                    hand: &shared,
                    digest,
                    progress: &progress,
                }
                .run((&path, file), len, &plan);
            })
            .ok()?;
        Some(Helper {
            hand,
            messages,
            cancel,
            started: false,
            parts: Vec::new(),
            failed: Vec::new(),
            gone: false,
            used: 0,
            wait,
        })
    }
}

impl<T> Helper<T> {
    /// Takes in one thing the helper says, waiting for it if `block`; false
    /// when there is nothing more (or, not blocking, nothing yet).
    fn hear(&mut self, block: bool) -> bool {
        let message = if block {
            self.messages.recv().ok()
        } else {
            self.messages.try_recv().ok()
        };
        match message {
            Some(Message::Started) => self.started = true,
            Some(Message::Part(half)) => self.parts.push(half),
            Some(Message::Failed(at)) => self.failed.push(at),
            None if block => self.gone = true,
            None => return false,
        }
        !self.gone
    }

    /// At the start of a round of the main parse, at file offset `at` and
    /// holding the file up to `held`: where the next part of the helper's
    /// starts, the element start to stop at.
    pub(super) fn stop(&mut self, at: u64, held: u64) -> Option<u64> {
        match std::mem::replace(&mut self.wait, Wait::No) {
            Wait::No => {}
            #[cfg(test)]
            Wait::Start => while !self.started && self.hear(true) {},
            #[cfg(test)]
            Wait::Done => {
                lock(&self.hand).main_held = held;
                while self.hear(true) {}
            }
        }
        let mut hand = lock(&self.hand);
        hand.main_held = held;
        // Passed with no element there: a wrong guess; the parts after it
        // are still good (each landed on the start of the next).
        while hand.starts.last().is_some_and(|&start| start < at) {
            hand.starts.pop();
            hand.closed = true;
        }
        let stop = hand.starts.last().copied();
        if stop.is_none() && hand.closed {
            self.cancel.store(true, Ordering::Relaxed);
        }
        stop
    }

    /// The main parse found an element at `at`, the start it was given: the
    /// helper's parts from there to the array's end, in order, once they are
    /// all here. `None` when the part from `at` failed: the main parse goes
    /// on to the next start, if any.
    pub(super) fn take(&mut self, at: u64) -> Option<Vec<Half<T>>> {
        let starts = {
            let mut hand = lock(&self.hand);
            hand.closed = true;
            hand.starts.clone()
        };
        // Asked at its last start, the parts were set from the last back to
        // the first; the helper sends each before it sets the next.
        let came = loop {
            if self.failed.contains(&at) {
                break false;
            }
            if starts.iter().all(|s| self.parts.iter().any(|p| p.start == *s)) {
                break starts.last() == Some(&at);
            }
            if !self.hear(true) {
                break false;
            }
        };
        let mut parts: Vec<Half<T>> = Vec::new();
        if came {
            self.parts.retain(|p| starts.contains(&p.start));
            parts = std::mem::take(&mut self.parts);
            parts.sort_by_key(|p| p.start);
        }
        let chained = parts.first().is_some_and(|p| p.start == at)
            && parts.windows(2).all(|w| matches!(w, [a, b] if a.end == b.start));
        if came && chained {
            self.used = parts.len();
            return Some(parts);
        }
        let mut hand = lock(&self.hand);
        if came {
            // Parts that do not meet: none can be trusted (not seen to happen).
            hand.starts.clear();
        } else {
            hand.starts.retain(|&s| s != at);
        }
        if hand.starts.is_empty() {
            self.cancel.store(true, Ordering::Relaxed);
        }
        None
    }

    /// The helper's work will not be used: it stops at its next round.
    pub(super) fn stop_now(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// How many parts the helper parsed were taken.
    pub(super) fn used(&self) -> usize {
        self.used
    }
}

impl<T> Drop for Helper<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Why a part was not parsed.
enum Missed {
    /// It was never set: nobody waits for it.
    Unset,
    /// It was set at this start: the main parse must hear.
    Failed(u64),
}

/// The helper thread's side.
struct Helping<'a, T> {
    tx: Sender<Message<T>>,
    cancel: &'a AtomicBool,
    hand: &'a Mutex<Hand>,
    digest: bool,
    progress: &'a Progress,
}

impl<T: DeserializeOwned> Helping<'_, T> {
    /// Parses from `plan.from` to the array's end, then takes pieces of what
    /// the main parse has left, as long as it has enough left.
    fn run(&self, (path, identity_wanted): (&Path, (u64, u64)), len: u64, plan: &Plan) {
        // Long text is shared within this thread's elements, as in the main parse.
        let _interning = Interning::start();
        let Ok(mut file) = File::open(path) else {
            return;
        };
        match file.metadata() {
            Ok(opened) if identity(&opened) == Some(identity_wanted) && opened.len() == len => {}
            _ => return,
        }
        let mut from = plan.from;
        let mut until = None;
        for index in 0.. {
            match self.part(&mut file, (from, until), len, plan, index) {
                Ok(half) => {
                    if self.tx.send(Message::Part(half)).is_err() {
                        return;
                    }
                }
                Err(Missed::Failed(at)) => {
                    let _ = self.tx.send(Message::Failed(at));
                    return;
                }
                Err(Missed::Unset) => return,
            }
            if self.cancel.load(Ordering::Relaxed) {
                return;
            }
            let Some(least) = plan.pieces_from else {
                return;
            };
            // Half of what the main parse has left before the last start.
            let hand = lock(self.hand);
            let Some(&last) = hand.starts.last() else {
                return;
            };
            let left = last.saturating_sub(hand.main_held);
            if hand.closed || left < least {
                return;
            }
            (from, until) = (hand.main_held + left / 2, Some(last));
        }
    }

    /// Finds an element start from `from` on, before `until` if given; sets
    /// it as the main parse's stop if the main parse has not got there; then
    /// parses the elements from there on, up to `until` exactly or else the
    /// array's `]`.
    fn part(
        &self,
        file: &mut File,
        (from, until): (u64, Option<u64>),
        len: u64,
        plan: &Plan,
        index: usize,
    ) -> Result<Half<T>, Missed> {
        let _ = (plan, index);
        let unset = |_: GiveUp| Missed::Unset;
        file.seek(SeekFrom::Start(from)).map_err(|_| Missed::Unset)?;
        let mut nothing = |_: &File| {};
        let mut r = Blocks::at(file, &mut nothing, from, len, self.progress);
        if !self.digest {
            r.hasher = None;
        }
        if !r.fill().map_err(unset)? {
            return Err(Missed::Unset);
        }
        // Begin on a whole character.
        while r.buf.get(r.pos).is_some_and(|b| b & 0xC0 == 0x80) {
            r.pos += 1;
        }
        r.counted = r.pos;
        r.pos += first_element::<T>(r.held_text().map_err(unset)?).ok_or(Missed::Unset)?;
        #[cfg(test)]
        if plan.fault == Fault::WrongStart(index) {
            r.pos += 1;
        }
        let start_mark = r.mark();
        let start = r.offset();
        if until.is_some_and(|u| start >= u) || !self.set(start, until) {
            return Err(Missed::Unset);
        }
        if until.is_none() && self.tx.send(Message::Started).is_err() {
            return Err(Missed::Unset);
        }
        #[cfg(test)]
        if plan.fault == Fault::Fails(index) {
            return Err(Missed::Failed(start));
        }
        let failed = |_: GiveUp| Missed::Failed(start);
        let (mut items, mut marks, mut starts) = (Vec::new(), Vec::new(), Vec::new());
        let mut state = Between::Comma;
        loop {
            let offset = r.offset();
            if self.cancel.load(Ordering::Relaxed) || until.is_some_and(|u| offset > u) {
                return Err(Missed::Failed(start));
            }
            let stop = until
                .and_then(|u| u.checked_sub(offset))
                .and_then(|d| usize::try_from(d).ok());
            starts.clear();
            let text = r.held_text().map_err(failed)?;
            let step = items_in(text, &mut state, &mut items, &mut starts, stop).map_err(failed)?;
            let base = r.pos;
            for &at in &starts {
                marks.push(r.mark_at(base + at));
            }
            if marks.len() == starts.len() {
                let last = offset + starts.last().map_or(0, |&s| s as u64);
                super::reserve_for_the_rest(
                    &mut items,
                    &mut marks,
                    start,
                    last,
                    until.unwrap_or(len),
                );
            }
            let end = match step {
                Step::More(at) => {
                    r.pos = base + at;
                    if !r.fill().map_err(failed)? {
                        return Err(Missed::Failed(start));
                    }
                    continue;
                }
                // Up to the next part's start, or (the first part) to the `]`.
                Step::Split(at) if until.is_some() => at,
                Step::Done(at) if until.is_none() => at,
                Step::Split(_) | Step::Done(_) => return Err(Missed::Failed(start)),
            };
            r.pos = base + end;
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
    }

    /// Sets `start` as where the main parse stops, if it has not got there
    /// and the last start is still `until`.
    fn set(&self, start: u64, until: Option<u64>) -> bool {
        let mut hand = lock(self.hand);
        let free = !hand.closed && hand.main_held <= start && hand.starts.last().copied() == until;
        if free {
            hand.starts.push(start);
        }
        free
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
        assert_eq!(alone.helped, 0);
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
            helped += usize::from(split.helped > 0);
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

    /// Parses `text` split at `at`, the helper taking pieces while the main
    /// parse has `left` bytes or more to go, the piece `fault` names going
    /// wrong; checks the dataset, the positions and that the parts read
    /// cover the file; returns how many parts the helper's elements were used for.
    fn pieces(text: &[u8], at: u64, left: u64, fault: Fault, paths: &[&str]) -> usize {
        let f = file_with(text);
        let alone = parsed(f.path(), Split::Off);
        let progress = Progress::default();
        progress.restart(text.len() as u64);
        let split = Split::Pieces(at, left, fault);
        let (streamed, check) = parse_file_with(f.path(), &mut |_| {}, split, &progress)
            .ok()
            .unwrap_or_else(|| panic!("split at {at}, {fault:?}: the streamed parse gave up"));
        assert!(
            streamed.dataset == alone.dataset,
            "split at {at}, {fault:?}: another dataset"
        );
        assert_eq!(
            locate_streamed(f.path(), &streamed.layout, paths),
            locate_paths(text, paths),
            "split at {at}, {fault:?}: other positions"
        );
        assert_eq!(progress.fraction(), Some(1.0));
        let mut covered = vec![false; text.len()];
        for s in &check.segments {
            let range = s.range.start as usize..s.range.end as usize;
            assert_eq!(
                s.digest,
                Some(xxhash_rust::xxh3::xxh3_64(&text[range.clone()]))
            );
            covered[range].fill(true);
        }
        assert!(covered.iter().all(|&c| c), "split at {at}, {fault:?}");
        assert!(check.holds());
        streamed.helped
    }

    #[test]
    fn pieces_of_the_main_parse_taken_by_the_helper_build_what_one_core_does() {
        let text = crate::generate::tests::test_bytes(600, 9);
        let len = text.len() as u64;
        let dataset: Dataset = serde_json::from_slice(&text).unwrap();
        let last = dataset.events.len() - 1;
        let paths = [
            "events[0]".to_string(),
            format!("events[{}].title", last / 8),
            format!("events[{}].figures[0].claims[0].source", last / 4),
            format!("events[{}].date", last * 3 / 8),
            format!("events[{last}].kind"),
        ];
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        // Two blocks left at least: several pieces from a split in the events'
        // middle, fewer from one near their start, none from one before them.
        let left = 2 * super::super::BLOCK as u64;
        let mut most = 0;
        for k in 1..20 {
            let parts = pieces(&text, len * k / 20, left, Fault::None, &paths);
            most = most.max(parts);
        }
        assert!(most >= 4, "at most {most} parts");
        // A split at the middle: the helper's half and then pieces, each half
        // of what was left, until less than `left` was.
        let middle = pieces(&text, len / 2, left, Fault::None, &paths);
        assert!(middle >= 3, "{middle} parts");
        // Every piece a block or more: one more piece when half as much will do.
        assert!(pieces(&text, len / 2, left / 2, Fault::None, &paths) > middle);
    }

    #[test]
    fn a_piece_that_goes_wrong_is_parsed_by_the_main_parse_and_the_others_used() {
        let text = crate::generate::tests::test_bytes(600, 5);
        let len = text.len() as u64;
        let paths = ["events[1]", "events[200].title", "events[599].kind"];
        let left = 2 * super::super::BLOCK as u64;
        let all = pieces(&text, len / 2, left, Fault::None, &paths);
        assert!(all >= 3, "{all} parts");
        for index in 0..all {
            // The helper's start for this part is set where no element starts:
            // the main parse passes it, and uses the parts after it.
            assert_eq!(
                pieces(&text, len / 2, left, Fault::WrongStart(index), &paths),
                index,
                "wrong start of part {index}"
            );
            // This part fails once set: the main parse parses it, and takes
            // the parts after it.
            assert_eq!(
                pieces(&text, len / 2, left, Fault::Fails(index), &paths),
                index,
                "part {index} failed"
            );
        }
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
        assert_eq!(split.helped, 0);
        assert!(split.dataset == alone.dataset);
        // The same file through another path is the same file: used.
        let link = main.path().with_extension("link");
        std::fs::hard_link(main.path(), &link).unwrap();
        let same = parsed(main.path(), Split::Elsewhere(at, link.clone()));
        std::fs::remove_file(&link).unwrap();
        assert_eq!(same.helped, 1);
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
        assert_eq!(streamed.helped, 1);
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
        assert_eq!(streamed.helped, 1);
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
        // Pieces too are only taken from true element starts.
        let left = super::super::BLOCK as u64;
        let used: usize = (1..8)
            .map(|k| {
                let paths = ["events[0].title", "events[250].notes", "events[399].kind"];
                pieces(text.as_bytes(), len * k / 8, left, Fault::None, &paths)
            })
            .sum();
        assert!(used > 7, "{used} parts");
    }
}
