//! Parsing a large file's events on two cores.
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
//! thread done with its part first takes a *piece* of the other's: it guesses
//! an element start in the middle of what the other has left, the other is
//! told to stop there, and the thread parses from there to where the other
//! was to stop. The parts are put together at the end by the main parse, from
//! where its own part ended: a part is used only where the one before it ends
//! at exactly its start, so each guess is checked as the first one is; where
//! no part starts, the main parse parses the elements itself.
//!
//! The hand-over needs one lock a round of each parse: a thread says, under
//! it, how far it holds the file this round (it parses no element past that
//! before it takes the lock again) and reads where it must stop; the other sets
//! a stop under the same lock only at or past that point.

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

/// A thread takes a piece of the other's part when that has at least this
/// much left (the piece is half of it): less is over before the search for
/// an element start and the hand-over have paid for themselves.
const MIN_LEFT: u64 = 2 << 20;

/// How many places that look like an element start are tried before giving
/// up (they fail fast: a claim or a source is not an event).
const ATTEMPTS: usize = 512;

/// The two threads, as indexes of [`Hand::running`].
const MAIN: usize = 0;
const HELPER: usize = 1;

/// Where to start a helper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Split {
    /// From the middle of files of at least [`MIN_SPLIT`] bytes, pieces taken
    /// while the other thread has [`MIN_LEFT`] or more left.
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
    /// From this byte, pieces taken while the other thread has this much
    /// left, the thread that `Slow` names waiting for the other to take every
    /// piece it can: the same pieces every time (tests), the one `Fault` names
    /// going wrong as it says.
    #[cfg(test)]
    Pieces(u64, u64, Slow, Fault),
}

/// Which thread waits in a [`Split::Pieces`] (tests).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slow {
    /// The main parse, before its first round, until the helper is done.
    Main,
    /// The helper, once it has its start, until the main parse takes no more pieces.
    Helper,
    /// Neither: they take pieces as they would in a large file.
    Neither,
}

/// How a part of a [`Split::Pieces`] goes wrong (tests); parts are counted
/// from 0, the helper's first, in the order they are set.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    None,
    /// This part's start is set a byte past the element start found: the
    /// thread it was taken from passes it with no element there.
    WrongStart(usize),
    /// This part fails once set: the main parse parses it at the end.
    Fails(usize),
}

/// How long a thread waits for the other.
#[derive(Clone, Copy, PartialEq)]
enum Wait {
    No,
    /// The main parse, until the helper has set its first start (or given up).
    #[cfg(test)]
    Start,
    /// As [`Slow`] says.
    #[cfg(test)]
    Slow(Slow),
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

/// A part being parsed, as the other thread sees it.
struct Running {
    /// Which part (a thread's next part is another).
    id: u64,
    /// The end of what it holds this round: no element it parses before it
    /// takes the lock again ends past it.
    held: u64,
    /// Where it stops, the last first: each piece taken from it lowers it, and
    /// one passed with no element there is dropped. None left: the `]`.
    stops: Vec<u64>,
}

/// What the two threads agree on, under one lock.
#[derive(Default)]
struct Hand {
    running: [Option<Running>; 2],
    ids: u64,
    /// No more pieces are taken: the main parse is putting the parts together.
    closed: bool,
    /// Parts set so far.
    set: usize,
    /// The main parse has said how far it holds the file and waits (tests).
    #[cfg(test)]
    main_waits: bool,
}

/// What both threads know and share.
struct Shared {
    hand: Mutex<Hand>,
    cancel: AtomicBool,
    /// The file's length.
    len: u64,
    digest: bool,
    progress: Progress,
    /// Pieces are taken from a part with at least this much left.
    pieces_from: Option<u64>,
    #[cfg(test)]
    fault: Fault,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Hand> {
        // A thread panicking does not leave a `Hand` half changed.
        self.hand.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// The elements of a part, from `start` up to `end`: the next part's start,
/// or the array's `]`.
pub(super) struct Part<T> {
    start: u64,
    /// The mark at `start` of the reader that parsed it (its lines count
    /// from where it began reading).
    start_mark: Mark,
    pub(super) items: Vec<T>,
    marks: Vec<Mark>,
    pub(super) end: u64,
    /// Whether `end` is the array's `]`.
    closes: bool,
    /// The reader's mark at `end`.
    pub(super) end_mark: Mark,
    /// What the reader read (from `start` or before to `end` or past it).
    pub(super) segment: Segment,
}

impl<T> Part<T> {
    /// Where each element starts, on the main parse's lines and columns, given
    /// that `start` is at `here`.
    pub(super) fn marks_from(&self, here: Mark) -> impl Iterator<Item = Mark> + '_ {
        self.marks.iter().map(move |&m| self.moved(m, here))
    }

    /// One of the reader's marks on the main parse's lines and columns.
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

/// What the helper thread says: that it has set its first start, and each
/// part it parsed.
enum Message<T> {
    Started,
    Part(Part<T>),
}

/// The main parse's side of a helper thread.
pub(super) struct Helper<T> {
    shared: Arc<Shared>,
    messages: Receiver<Message<T>>,
    started: bool,
    /// The parts parsed by the helper, and by the main parse after its own.
    parts: Vec<Part<T>>,
    /// How many parts were used.
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
        #[cfg(test)]
        let mut fault = Fault::None;
        let (from, pieces_from, wait, path) = match split {
            Split::Halves if len >= MIN_SPLIT && crate::halves::cores() > 1 => {
                (len / 2, Some(MIN_LEFT), Wait::No, path.to_path_buf())
            }
            Split::Halves => return None,
            #[cfg(test)]
            Split::At(at) => (at, None, Wait::Start, path.to_path_buf()),
            #[cfg(test)]
            Split::Off => return None,
            #[cfg(test)]
            Split::Elsewhere(at, other) => (at, None, Wait::Start, other),
            #[cfg(test)]
            Split::Pieces(at, left, Slow::Neither, faulty) => {
                fault = faulty;
                (at, Some(left), Wait::No, path.to_path_buf())
            }
            #[cfg(test)]
            Split::Pieces(at, left, slow, faulty) => {
                fault = faulty;
                (at, Some(left), Wait::Slow(slow), path.to_path_buf())
            }
        };
        let mut hand = Hand::default();
        // The main parse's part, from the array's start (none is parsed
        // before its first round, which says how far it holds the file).
        hand.running[MAIN] = Some(Running {
            id: 0,
            held: 0,
            stops: Vec::new(),
        });
        hand.ids = 1;
        let shared = Arc::new(Shared {
            hand: Mutex::new(hand),
            cancel: AtomicBool::new(false),
            len,
            digest,
            progress: progress.clone(),
            pieces_from,
            #[cfg(test)]
            fault,
        });
        let (tx, messages) = mpsc::channel();
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("factsheet-parse".into())
            .spawn(move || help::<T>(&theirs, (&path, file), from, wait, &tx))
            .ok()?;
        Some(Helper {
            shared,
            messages,
            started: false,
            parts: Vec::new(),
            used: 0,
            wait,
        })
    }
}

impl<T: DeserializeOwned> Helper<T> {
    /// The main parse's own part ended at `at`, an element start it was told
    /// to stop at: takes pieces of the helper's part while it can, reading
    /// `file`, then puts the parts from `at` to the array's `]` together, in
    /// order, parsing the elements itself where no part starts.
    pub(super) fn finish(&mut self, at: u64, file: &mut File) -> Result<Vec<Part<T>>, GiveUp> {
        let shared = Arc::clone(&self.shared);
        shared.lock().running[MAIN] = None;
        let me = Worker {
            shared: &shared,
            me: MAIN,
        };
        while let Some(piece) = me.steal(None) {
            match me.part::<T>(file, piece, &|| {}) {
                Ok(part) => self.parts.push(part),
                Err(Missed::Unset) => break,
                Err(Missed::Failed) => {}
            }
        }
        shared.lock().closed = true;
        while self.hear() {}
        let mut chain: Vec<Part<T>> = Vec::new();
        let mut next = at;
        loop {
            let part = match self.parts.iter().position(|p| p.start == next) {
                Some(i) => {
                    self.used += 1;
                    self.parts.swap_remove(i)
                }
                None => {
                    // Stop at any later part's start, the first first.
                    let mut stops: Vec<u64> = self.parts.iter().map(|p| p.start).collect();
                    stops.retain(|&s| s > next);
                    stops.sort_unstable_by(|a, b| b.cmp(a));
                    me.mend::<T>(file, next, stops)?
                }
            };
            next = part.end;
            let closes = part.closes;
            chain.push(part);
            if closes {
                return Ok(chain);
            }
        }
    }
}

impl<T> Helper<T> {
    /// Takes in what the helper says, waiting for it; false once it has
    /// nothing more to say.
    fn hear(&mut self) -> bool {
        match self.messages.recv() {
            Ok(Message::Started) => self.started = true,
            Ok(Message::Part(part)) => self.parts.push(part),
            Err(_) => return false,
        }
        true
    }

    /// At the start of a round of the main parse, at file offset `at` and
    /// holding the file up to `held`: the element start to stop at, where the
    /// helper's first part, or a piece it took, starts.
    pub(super) fn stop(&mut self, at: u64, held: u64) -> Option<u64> {
        match std::mem::replace(&mut self.wait, Wait::No) {
            Wait::No => {}
            #[cfg(test)]
            Wait::Slow(Slow::Neither) => {}
            #[cfg(test)]
            Wait::Start | Wait::Slow(Slow::Helper) => while !self.started && self.hear() {},
            #[cfg(test)]
            Wait::Slow(Slow::Main) => {
                let me = Worker {
                    shared: &self.shared,
                    me: MAIN,
                };
                let _ = me.round(at, held);
                self.shared.lock().main_waits = true;
                while self.hear() {}
            }
        }
        let me = Worker {
            shared: &self.shared,
            me: MAIN,
        };
        me.round(at, held)
    }

    /// The main parse got to the array's `]` itself: the helper's work is not
    /// needed.
    pub(super) fn stop_now(&mut self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
        let mut hand = self.shared.lock();
        hand.closed = true;
        hand.running[MAIN] = None;
    }

    /// How many parts were used beside the main parse's own (the helper's,
    /// and pieces the main parse took from them).
    pub(super) fn used(&self) -> usize {
        self.used
    }
}

impl<T> Drop for Helper<T> {
    fn drop(&mut self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }
}

/// The helper thread: its first part from `from`, then pieces of the main
/// parse's part while there are any worth taking.
fn help<T: DeserializeOwned>(
    shared: &Shared,
    (path, identity_wanted): (&Path, (u64, u64)),
    from: u64,
    wait: Wait,
    tx: &Sender<Message<T>>,
) {
    // Only tests make the helper wait.
    let _ = wait;
    // Long text is shared within this thread's elements, as in the main parse.
    let _interning = Interning::start();
    let Ok(mut file) = File::open(path) else {
        return;
    };
    match file.metadata() {
        Ok(opened) if identity(&opened) == Some(identity_wanted) && opened.len() == shared.len => {}
        _ => return,
    }
    let me = Worker { shared, me: HELPER };
    // Pieces taken from the start of the main parse's first round on, the
    // same every time (tests).
    #[cfg(test)]
    if wait == Wait::Slow(Slow::Main) {
        while !shared.lock().main_waits && !shared.cancelled() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
    let mut first = Some(from);
    while let Some(piece) = me.steal(first) {
        let part = me.part::<T>(&mut file, piece, &|| {
            if first.is_some() {
                let _ = tx.send(Message::Started);
                #[cfg(test)]
                if wait == Wait::Slow(Slow::Helper) {
                    while !shared.lock().closed && !shared.cancelled() {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                }
            }
        });
        first = None;
        match part {
            Ok(part) => {
                if tx.send(Message::Part(part)).is_err() {
                    return;
                }
            }
            Err(Missed::Failed) => {}
            Err(Missed::Unset) => return,
        }
        if shared.pieces_from.is_none() || shared.cancelled() {
            return;
        }
    }
}

/// Why a part was not parsed.
#[derive(Debug)]
enum Missed {
    /// It was never set: there is no element start to take.
    Unset,
    /// It was set, and failed: the main parse parses its elements at the end.
    Failed,
}

/// A piece to take: from the middle of what the other thread's part has left.
struct Piece {
    /// Where to look for an element start.
    from: u64,
    /// The other thread's part, and its stops then.
    of: usize,
    id: u64,
    stops: Vec<u64>,
}

/// One thread's side of the hand-over.
struct Worker<'a> {
    shared: &'a Shared,
    me: usize,
}

impl Worker<'_> {
    /// At the start of a round of this thread's part, at file offset `at`
    /// and holding the file up to `held`: the element start to stop at.
    fn round(&self, at: u64, held: u64) -> Option<u64> {
        let mut hand = self.shared.lock();
        let running = hand.running[self.me].as_mut()?;
        running.held = held;
        // Passed with no element there: a wrong guess; the parts after it
        // are still good (each ended where the next starts).
        while running.stops.last().is_some_and(|&stop| stop < at) {
            running.stops.pop();
        }
        running.stops.last().copied()
    }

    /// A piece of the other thread's part, if it has enough left (or, `from`
    /// given, the helper's first part, which the main parse's part has from
    /// the start).
    fn steal(&self, from: Option<u64>) -> Option<Piece> {
        let hand = self.shared.lock();
        let of = 1 - self.me;
        let running = hand.running[of].as_ref()?;
        if hand.closed || self.shared.cancelled() {
            return None;
        }
        let from = match from {
            Some(from) => from,
            None => {
                let end = running.stops.last().copied().unwrap_or(self.shared.len);
                let left = end.saturating_sub(running.held);
                if left < self.shared.pieces_from? {
                    return None;
                }
                running.held + left / 2
            }
        };
        Some(Piece {
            from,
            of,
            id: running.id,
            stops: running.stops.clone(),
        })
    }

    /// Sets `start` as where the other thread's part stops, if that part
    /// still stops where it did and has not got there; this thread's part
    /// then runs from `start` to that stop, holding the file up to `held`.
    fn set(&self, piece: &Piece, start: u64, held: u64) -> bool {
        let mut hand = self.shared.lock();
        let ids = hand.ids;
        let free = !hand.closed
            && piece.stops.last().is_none_or(|&stop| start < stop)
            && hand.running[piece.of].as_ref().is_some_and(|r| {
                r.id == piece.id && r.held <= start && r.stops.last() == piece.stops.last()
            });
        if !free {
            return false;
        }
        if let Some(theirs) = hand.running[piece.of].as_mut() {
            theirs.stops.push(start);
        }
        hand.running[self.me] = Some(Running {
            id: ids,
            held,
            stops: piece.stops.clone(),
        });
        hand.ids += 1;
        hand.set += 1;
        true
    }

    /// Finds an element start from `piece.from` on, sets it (see
    /// [`Worker::set`]) and parses this thread's part from there, calling
    /// `on_set` once it is set.
    fn part<T: DeserializeOwned>(
        &self,
        file: &mut File,
        piece: Piece,
        on_set: &dyn Fn(),
    ) -> Result<Part<T>, Missed> {
        let unset = |_| Missed::Unset;
        let mut r = self.reader(file, piece.from).map_err(unset)?;
        // Begin on a whole character.
        while r.buf.get(r.pos).is_some_and(|b| b & 0xC0 == 0x80) {
            r.pos += 1;
        }
        r.counted = r.pos;
        r.pos += first_element::<T>(r.held_text().map_err(unset)?).ok_or(Missed::Unset)?;
        #[cfg(test)]
        let index = self.shared.lock().set;
        #[cfg(test)]
        if self.shared.fault == Fault::WrongStart(index) {
            r.pos += 1;
        }
        let start = r.offset();
        if !self.set(&piece, start, r.total()) {
            return Err(Missed::Unset);
        }
        on_set();
        #[cfg(test)]
        if self.shared.fault == Fault::Fails(index) {
            self.shared.lock().running[self.me] = None;
            return Err(Missed::Failed);
        }
        let part = self.parse(r);
        self.shared.lock().running[self.me] = None;
        part.map_err(|_| Missed::Failed)
    }

    /// The main parse's part from `start`, a true element start (where
    /// the parts put together so far end), to the first of `stops` it meets
    /// at an element start, or the `]`.
    fn mend<T: DeserializeOwned>(
        &self,
        file: &mut File,
        start: u64,
        stops: Vec<u64>,
    ) -> Result<Part<T>, GiveUp> {
        let r = self.reader(file, start)?;
        self.shared.lock().running[self.me] = Some(Running {
            id: u64::MAX,
            held: r.total(),
            stops,
        });
        let part = self.parse(r);
        self.shared.lock().running[self.me] = None;
        part
    }

    /// A reader of `file` from `from`, holding its first block.
    fn reader<'f>(&self, file: &'f mut File, from: u64) -> Result<Blocks<'f>, GiveUp> {
        file.seek(SeekFrom::Start(from))?;
        let mut r = Blocks::at(file, None, from, self.shared.len, &self.shared.progress);
        if !self.shared.digest {
            r.hasher = None;
        }
        if !r.fill()? {
            return Err(GiveUp);
        }
        Ok(r)
    }

    /// Parses this thread's part, from the read position of `r`, an element
    /// start (its own guess, checked later), to the stop it is given at the
    /// start of each round or else the array's `]`.
    fn parse<T: DeserializeOwned>(&self, mut r: Blocks) -> Result<Part<T>, GiveUp> {
        let start_mark = r.mark();
        let start = r.offset();
        let (mut items, mut marks, mut starts) = (Vec::new(), Vec::new(), Vec::new());
        let mut state = Between::Comma;
        loop {
            if self.shared.cancelled() {
                return Err(GiveUp);
            }
            let offset = r.offset();
            let until = self.round(offset, r.total());
            let stop = until
                .and_then(|u| u.checked_sub(offset))
                .and_then(|d| usize::try_from(d).ok());
            starts.clear();
            let step = items_in(r.held_text()?, &mut state, &mut items, &mut starts, stop)?;
            let base = r.pos;
            for &at in &starts {
                marks.push(r.mark_at(base + at));
            }
            if marks.len() == starts.len() {
                let last = offset + starts.last().map_or(0, |&s| s as u64);
                let end = until.unwrap_or(self.shared.len);
                super::reserve_for_the_rest(&mut items, &mut marks, start, last, end);
            }
            let (end, closes) = match step {
                Step::More(at) => {
                    r.pos = base + at;
                    if !r.fill()? {
                        return Err(GiveUp);
                    }
                    continue;
                }
                Step::Split(at) => (at, false),
                Step::Done(at) => (at, true),
            };
            r.pos = base + end;
            return Ok(Part {
                start,
                start_mark,
                items,
                marks,
                end: r.offset(),
                closes,
                end_mark: r.mark(),
                segment: r.segment(),
            });
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

    /// Parses `text` split at `at`, pieces taken while the other thread has
    /// `left` bytes or more to go, the thread `slow` names waiting for the
    /// other, the part `fault` names going wrong; checks the dataset, the
    /// positions and that the parts read cover the file; returns how many
    /// parts beside the main parse's first were used.
    fn pieces(
        text: &[u8],
        at: u64,
        left: u64,
        (slow, fault): (Slow, Fault),
        paths: &[&str],
    ) -> usize {
        let f = file_with(text);
        let alone = parsed(f.path(), Split::Off);
        let progress = Progress::default();
        progress.restart(text.len() as u64);
        let split = Split::Pieces(at, left, slow, fault);
        let case = format!("split at {at}, {slow:?}, {fault:?}");
        let (streamed, check) = parse_file_with(f.path(), &mut |_| {}, split, &progress)
            .ok()
            .unwrap_or_else(|| panic!("{case}: the streamed parse gave up"));
        assert!(streamed.dataset == alone.dataset, "{case}: another dataset");
        assert_eq!(
            locate_streamed(f.path(), &streamed.layout, paths),
            locate_paths(text, paths),
            "{case}: other positions"
        );
        assert_eq!(progress.fraction(), Some(1.0));
        assert_read_whole(text, &check.segments, &case);
        assert!(check.holds());
        streamed.helped
    }

    /// The parts a parse read cover `text`, each with the digest of its bytes.
    fn assert_read_whole(text: &[u8], segments: &[Segment], case: &str) {
        let mut covered = vec![false; text.len()];
        for s in segments {
            let range = s.range.start as usize..s.range.end as usize;
            let bytes = &text[range.clone()];
            assert_eq!(s.digest, Some(xxhash_rust::xxh3::xxh3_64(bytes)), "{case}");
            covered[range].fill(true);
        }
        assert!(covered.iter().all(|&c| c), "{case}: not all read");
    }

    #[test]
    fn pieces_taken_from_either_thread_build_what_one_core_does() {
        let text = crate::testing::generated_bytes(600, 9);
        let len = text.len() as u64;
        let dataset: Dataset = serde_json::from_slice(&text).unwrap();
        let last = dataset.events.len() - 1;
        let paths = [
            "events[0]".to_string(),
            format!("events[{}].title", last / 8),
            format!("events[{}].figures[0].claims[0].source", last / 4),
            format!("events[{}].date", last * 3 / 8),
            format!("events[{}].title", last * 3 / 4),
            format!("events[{last}].kind"),
        ];
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let left = 2 * super::super::BLOCK as u64;
        for slow in [Slow::Main, Slow::Helper] {
            // Pieces of the slow thread's part, each half of what it had left,
            // until less than `left` was: several from a split in the
            // events' middle, none from one before them.
            let mut most = 0;
            for k in 1..20 {
                let parts = pieces(&text, len * k / 20, left, (slow, Fault::None), &paths);
                most = most.max(parts);
            }
            assert!(most >= 4, "{slow:?}: at most {most} parts");
            let middle = pieces(&text, len / 2, left, (slow, Fault::None), &paths);
            assert!(middle >= 3, "{slow:?}: {middle} parts");
            // Smaller pieces allowed: more of them.
            let smaller = pieces(&text, len / 2, left / 2, (slow, Fault::None), &paths);
            assert!(smaller > middle, "{slow:?}: {smaller} parts");
        }
    }

    #[test]
    fn pieces_taken_while_both_threads_parse_build_what_one_core_does() {
        // Whatever the threads' timing, and whichever parts go wrong.
        let text = crate::testing::generated_bytes(400, 11);
        let len = text.len() as u64;
        let paths = ["events[0]", "events[133].date", "events[399].kind"];
        let quarter = super::super::BLOCK as u64 / 4;
        for k in 0..24_u64 {
            let fault = match k % 3 {
                0 => Fault::None,
                1 => Fault::WrongStart(k as usize % 4),
                _ => Fault::Fails(k as usize % 4),
            };
            let split = (Slow::Neither, fault);
            pieces(
                &text,
                len * (k + 4) / 32,
                quarter * (1 + k % 3),
                split,
                &paths,
            );
        }
    }

    #[test]
    fn a_part_that_goes_wrong_is_parsed_by_the_main_parse_and_the_others_used() {
        let text = crate::testing::generated_bytes(600, 5);
        let len = text.len() as u64;
        let paths = ["events[1]", "events[200].title", "events[599].kind"];
        let left = 2 * super::super::BLOCK as u64;
        for slow in [Slow::Main, Slow::Helper] {
            let all = pieces(&text, len / 2, left, (slow, Fault::None), &paths);
            assert!(all >= 3, "{slow:?}: {all} parts");
            for index in 0..all {
                // This part's start is set where no element starts: the thread
                // it was taken from passes it, and the other parts are used.
                // (The helper's first start wrong, the main parse that
                // waited for it to be set passes it and parses all the rest.)
                let wrong = (slow, Fault::WrongStart(index));
                let expected = if (slow, index) == (Slow::Helper, 0) {
                    0
                } else {
                    all - 1
                };
                let used = pieces(&text, len / 2, left, wrong, &paths);
                assert_eq!(used, expected, "{wrong:?}");
                // This part fails once set: the main parse parses its
                // elements at the end, and uses the other parts.
                let fails = (slow, Fault::Fails(index));
                assert_eq!(
                    pieces(&text, len / 2, left, fails, &paths),
                    all - 1,
                    "{fails:?}"
                );
            }
        }
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
        let text = crate::testing::generated_bytes(300, 3);
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
        assert_read_whole(&text, &check.segments, "split at the middle");

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
        let text = crate::testing::generated_bytes(300, 3);
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
        let good = String::from_utf8(crate::testing::generated_bytes(300, 4)).unwrap();
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
                let slow = if k % 2 == 0 { Slow::Main } else { Slow::Helper };
                pieces(
                    text.as_bytes(),
                    len * k / 8,
                    left,
                    (slow, Fault::None),
                    &paths,
                )
            })
            .sum();
        assert!(used > 7, "{used} parts");
    }
}
