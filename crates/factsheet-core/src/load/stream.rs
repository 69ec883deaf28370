//! Reading a file in blocks and parsing its events one at a time, so its whole
//! text is never in memory next to the dataset built from it.
//!
//! Parsing a slice of the whole file (what [`super::parse`] does) holds the
//! file's bytes until the last event is built: the peak is the file plus the
//! model. Here the file is read in blocks, and the two large arrays (events and
//! sources) are parsed one element at a time straight from the block
//! (serde_json's stream reader says where each element ended), the block being
//! dropped once its elements are built. Everything else at the top level
//! (title, agreements, running totals, ...) is small: it is collected and parsed
//! as one JSON object, so the dataset's own rules (required fields, unknown
//! fields, defaults) apply to it unchanged.
//!
//! This path only ever answers for a file that loads: at the first thing it does
//! not expect (a syntax or type error, an I/O error, a file that changes while
//! it is read) it gives up, and the caller reads the file whole with
//! [`super::parse::read_file_stamped`] and [`super::parse::parse_dataset`],
//! which retry and explain. What it keeps instead of the text is a [`Layout`]:
//! where each event, source and top-level value starts (byte, line, column), so a
//! warning found later gets its position from a read of that one element.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::Xxh3;

mod blocks;
mod split;

use blocks::Blocks;

use super::locate::{end_of_string, locate_paths};
use super::parse::{FileStamp, MAX_FILE_BYTES};
use super::progress::Progress;
use crate::intern::Interning;
use crate::model::{Dataset, Event, Source};
use serde::de::DeserializeOwned;
use thin_vec::ThinVec;

/// How much is read at a time (more when one value is larger).
/// 1 MB rather than 4 MB: the same speed, and a load's peak memory 10–16 MB
/// lower at 100k events (each thread's buffer, grown by doubling and backed
/// by huge pages, counted whole; docs/PERFORMANCE.md, "How loading works").
const BLOCK: usize = 1 << 20;

/// How one file is parsed: [`Plan::for_file`] decides it once per file; tests
/// build their own (small blocks, so that small files cross many block
/// edges, and a second thread at any byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    /// How much is read at a time (more when one value is larger).
    block: usize,
    /// Where a second thread begins to look for an element of the events to
    /// parse from, on to the array's end (see `split`); `None`: one thread.
    split_at: Option<u64>,
}

impl Plan {
    /// A file of `len` bytes: its later half on the second core when
    /// [`crate::parallel`] says a file that large is worth it.
    fn for_file(len: u64) -> Plan {
        let split = crate::parallel::Size::file(len).worth_a_thread();
        Plan {
            block: BLOCK,
            split_at: split.then_some(len / 2),
        }
    }
}

/// A dataset parsed from a file read in blocks, and what finds positions in it later.
pub struct Streamed {
    pub dataset: Dataset,
    pub layout: Layout,
    pub stamp: Option<FileStamp>,
    /// Whether the later part of the events was parsed by a second thread.
    pub helped: bool,
}

/// Where a value starts in the file: byte offset, 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Mark {
    offset: u64,
    line: u32,
    column: u32,
}

/// Where each top-level value, and each event and source, lies in a streamed file.
#[derive(Debug, Default)]
pub struct Layout {
    /// Top-level key, where its value starts, and the byte just past it.
    top: Vec<(String, Mark, u64)>,
    /// For the arrays read element by element: the key, where each element
    /// starts, and where the last one ends (the array's `]`).
    arrays: Vec<(&'static str, Vec<Mark>, u64)>,
}

/// The top-level arrays read element by element: the large ones.
const STREAMED: [&str; 2] = ["events", "sources"];

/// Why the streaming path gave up: the caller reads the file whole instead.
#[derive(Debug)]
pub struct GiveUp;

impl From<std::io::Error> for GiveUp {
    fn from(_: std::io::Error) -> Self {
        GiveUp
    }
}

/// Reads and parses the file at `path` in blocks, checking afterwards that it
/// did not change while it was read.
pub fn parse_file(path: &Path) -> Result<Streamed, GiveUp> {
    let (streamed, check) = parse_file_deferred(path, &Progress::default())?;
    if check.holds() {
        Ok(streamed)
    } else {
        Err(GiveUp)
    }
}

/// Reads and parses the file at `path` in blocks, and returns with the
/// dataset the check that the file did not change while it was read, for the
/// caller to run beside other work (a second read of the whole file) before
/// it trusts the dataset. The bytes read are counted in `progress`.
pub fn parse_file_deferred(path: &Path, progress: &Progress) -> Result<(Streamed, Check), GiveUp> {
    // Only a regular file is streamed; opening anything else here could wait
    // for a pipe's writer beyond the reach of a Cancel (see `super::special`).
    if !std::fs::metadata(path)?.is_file() {
        return Err(GiveUp);
    }
    let file = File::open(path)?;
    let plan = Plan::for_file(file.metadata()?.len());
    parse_opened(file, path, plan, &mut |_| {}, progress, SystemTime::now())
}

/// What shows a streamed file is still as it was read: the same file (size,
/// modification and change times), and, unless it had [`settled`] before it
/// was read, a second read of it with the same digest.
#[must_use = "a streamed dataset is only as good as its check"]
pub struct Check {
    file: File,
    before: std::fs::Metadata,
    /// Whether the file had last changed long enough before the read that a
    /// write during the read could not leave its times as they were.
    settled: bool,
    read: u64,
    /// What was read, in parts that together cover the file (they may overlap).
    segments: Vec<Segment>,
}

/// A part of a file as it was read: where, and the digest of its bytes (none
/// when the read took none: a settled file is not read again).
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    range: std::ops::Range<u64>,
    digest: Option<u64>,
}

impl Check {
    /// How many bytes a second read takes: none for a settled file.
    pub fn rereads(&self) -> u64 {
        if self.settled { 0 } else { self.read }
    }

    /// True when the file has not changed since before it was read.
    pub fn holds(mut self) -> bool {
        let Ok(after) = self.file.metadata() else {
            return false;
        };
        super::parse::unchanged(&self.before, &after)
            && self.read == after.len()
            && (self.settled
                || self.segments.iter().all(|s| {
                    digest_of(&mut self.file, s.range.clone()).is_ok_and(|d| Some(d) == s.digest)
                }))
    }
}

/// How long before a read a file must have last changed for its times, the
/// same after the read, to show that its bytes are the same too.
const SETTLING: Duration = Duration::from_secs(10);

/// Whether a file whose metadata `before` was taken at `now`, just before it
/// was read, had last changed at least [`SETTLING`] earlier.
///
/// A write sets a file's change time (which nothing but the clock can set back)
/// from the file system's clock, which ticks coarsely: a few milliseconds, 2 s
/// on FAT. So a write in the same tick as the change before it can leave the
/// times as they were, and a file changed just before it was opened (an editor
/// still saving it, the app reloading what it saw change) must be read again
/// to be sure. A file that had not changed for a while cannot hide a write that
/// way: the write gives it a newer time. (Git trusts its index entries the same
/// way, and checks "racily clean" ones by content.) Sparing the second read
/// spares reading a large file twice from a slow disk, and about 6% of a
/// load's CPU (docs/PERFORMANCE.md, "How loading works").
#[cfg(unix)]
fn settled(before: &std::fs::Metadata, now: SystemTime) -> bool {
    use std::os::unix::fs::MetadataExt;
    let at = |secs: i64, nanos: i64| {
        let secs = u64::try_from(secs).ok()?;
        let nanos = u32::try_from(nanos).ok()?;
        UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
    };
    let (Some(modified), Some(changed)) = (
        at(before.mtime(), before.mtime_nsec()),
        at(before.ctime(), before.ctime_nsec()),
    ) else {
        return false;
    };
    now.duration_since(modified.max(changed))
        .is_ok_and(|age| age >= SETTLING)
}

/// Elsewhere a file's times may lag its writes (NTFS can set the modification
/// time when the writer closes the file): always read it again.
#[cfg(not(unix))]
fn settled(_before: &std::fs::Metadata, _now: SystemTime) -> bool {
    false
}

/// Parses `file`, opened at time `now` (for [`settled`]), as `plan` says.
/// A second thread opens the file again by `path` (and uses it only if that
/// is still the same file). `after_block` is called with the file after each
/// block is read (tests change the file or its reads there).
fn parse_opened(
    mut file: File,
    path: &Path,
    plan: Plan,
    after_block: &mut dyn FnMut(&File),
    progress: &Progress,
    now: SystemTime,
) -> Result<(Streamed, Check), GiveUp> {
    let before = file.metadata()?;
    // Pipes and pseudo-files cannot be read twice or have no true size:
    // the whole-file path takes them as they come.
    if !before.is_file() || before.len() == 0 || before.len() > MAX_FILE_BYTES {
        return Err(GiveUp);
    }
    let stamp = before.modified().ok().map(|t| (before.len(), t));
    let settled = settled(&before, now);
    let _interning = Interning::start();
    // A settled file's check will not read it again: what is read now needs no digest.
    let digest = !settled;
    let mut helper = plan.split_at.and_then(|at| {
        split::Helper::<Event>::start(path, &before, at, (plan.block, digest), progress)
    });
    let mut reader = Blocks::new(&mut file, after_block, before.len(), plan.block, progress);
    if !digest {
        reader.hasher = None;
    }
    let (dataset, layout) = parse(&mut reader, helper.as_mut())?;
    let helped = helper.is_some_and(|h| h.used());
    let read = reader.total();
    let mut segments = std::mem::take(&mut reader.segments);
    segments.push(reader.segment());
    let streamed = Streamed {
        dataset,
        layout,
        stamp,
        helped,
    };
    let check = Check {
        file,
        before,
        settled,
        read,
        segments,
    };
    Ok((streamed, check))
}

/// The digest of the bytes at `range` of `file`, read again.
fn digest_of(file: &mut File, range: std::ops::Range<u64>) -> std::io::Result<u64> {
    file.seek(SeekFrom::Start(range.start))?;
    let mut hasher = Xxh3::new();
    let mut chunk = vec![0; 1 << 20];
    let mut part = file.take(range.end.saturating_sub(range.start));
    loop {
        let n = part.read(&mut chunk)?;
        match chunk.get(..n) {
            Some([]) | None => return Ok(hasher.digest()),
            Some(read) => hasher.update(read),
        }
    }
}

fn parse(
    r: &mut Blocks,
    mut helper: Option<&mut split::Helper<Event>>,
) -> Result<(Dataset, Layout), GiveUp> {
    let mut layout = Layout::default();
    let mut events: Option<ThinVec<Event>> = None;
    let mut sources: Option<ThinVec<Source>> = None;
    // Everything but the events and sources, as JSON text, parsed as a dataset at the end.
    let mut rest = String::from("{");
    r.skip_bom()?;
    if r.next_token()? != Some(b'{') {
        return Err(GiveUp);
    }
    r.pos += 1;
    let mut first = true;
    loop {
        match r.next_token()? {
            Some(b'}') if first => {
                r.pos += 1;
                break;
            }
            Some(b'"') => {}
            _ => return Err(GiveUp),
        }
        first = false;
        let key_span = r.value()?;
        let key_text = r.text(key_span)?;
        let key: String = serde_json::from_str(key_text).map_err(|_| GiveUp)?;
        let raw_key = key_text.to_string();
        if r.next_token()? != Some(b':') {
            return Err(GiveUp);
        }
        r.pos += 1;
        if r.next_token()?.is_none() {
            return Err(GiveUp);
        }
        let start = r.mark();
        // A key given twice is for serde to refuse, with its message.
        if key == STREAMED[0] {
            if events.is_some() {
                return Err(GiveUp);
            }
            events = Some(parse_array(r, STREAMED[0], &mut layout, helper.take())?);
        } else if key == STREAMED[1] {
            if sources.is_some() {
                return Err(GiveUp);
            }
            sources = Some(parse_array::<Source>(r, STREAMED[1], &mut layout, None)?);
        } else {
            let span = r.value()?;
            if rest.len() > 1 {
                rest.push(',');
            }
            rest.push_str(&raw_key);
            rest.push(':');
            rest.push_str(r.text(span)?);
        }
        layout.top.push((key, start, r.offset()));
        match r.next_token()? {
            Some(b',') => r.pos += 1,
            Some(b'}') => {
                r.pos += 1;
                break;
            }
            _ => return Err(GiveUp),
        }
    }
    if r.next_token()?.is_some() {
        return Err(GiveUp);
    }
    rest.push('}');
    let mut dataset: Dataset = serde_json::from_str(&rest).map_err(|_| GiveUp)?;
    if let Some(events) = events {
        dataset.events = events.into();
    }
    if let Some(sources) = sources {
        dataset.sources = sources.into();
    }
    Ok((dataset, layout))
}

/// An array, from its `[` to its `]`, each element parsed as it is found.
///
/// Each round parses every complete element in what is held, straight from the
/// buffer (serde_json says where each one ended), then reads more: no separate
/// scan looks for where an element ends. With a `helper` parsing from a guessed
/// element start further on, the round stops there, and if an element does
/// start at exactly that byte the helper's elements are taken (see `split`).
fn parse_array<T: DeserializeOwned>(
    r: &mut Blocks,
    key: &'static str,
    layout: &mut Layout,
    mut helper: Option<&mut split::Helper<T>>,
) -> Result<ThinVec<T>, GiveUp> {
    if r.next_token()? != Some(b'[') {
        return Err(GiveUp);
    }
    r.pos += 1;
    let mut marks = Vec::new();
    // The model's own list type, so the parsed elements become the dataset's
    // list as they are, never copied into another layout.
    let mut items = ThinVec::new();
    let mut state = Between::Open;
    let mut starts = Vec::new();
    let from = r.offset();
    loop {
        starts.clear();
        // Where the helper's first element would start, ahead in what is held.
        let offset = r.offset();
        let stop = helper
            .as_deref_mut()
            .and_then(|h| h.start_offset(r.total()))
            .and_then(|at| at.checked_sub(offset))
            .and_then(|d| usize::try_from(d).ok());
        let step = {
            let text = r.held_text()?;
            items_in(text, &mut state, &mut items, &mut starts, stop)?
        };
        let base = r.pos;
        for &start in &starts {
            marks.push(r.mark_at(base + start));
        }
        if marks.len() == starts.len() {
            reserve_for_the_rest(
                &mut items,
                &mut marks,
                from,
                r.offset() + starts.last().map_or(0, |&s| s as u64),
                r.len,
            );
        }
        match step {
            Step::More(at) => {
                r.pos = base + at;
                // Past the helper's start with no element there: a wrong guess.
                if let Some(h) = helper.as_deref_mut()
                    && h.start_offset(r.total()).is_some_and(|at| at < r.offset())
                {
                    h.stop();
                }
                if !r.fill()? {
                    return Err(GiveUp);
                }
            }
            Step::Split(at) => {
                r.pos = base + at;
                let here = r.mark();
                let Some(part) = helper.as_deref_mut().and_then(|h| h.take()) else {
                    // The helper failed: go on alone from here.
                    helper = None;
                    continue;
                };
                marks.extend(part.marks_from(here));
                let end_mark = part.moved(part.end_mark, here);
                items.extend(part.items);
                if part.end < r.total() {
                    r.skip_to(part.end)?;
                } else {
                    // Go on from the array's `]`: the helper read what lies
                    // before it, and says where it is and what it read.
                    r.continue_at(part.end, end_mark, part.segment)?;
                }
                layout.arrays.push((key, marks, r.offset()));
                r.pos += 1;
                items.shrink_to_fit();
                return Ok(items);
            }
            Step::Done(at) => {
                r.pos = base + at;
                if let Some(h) = helper.as_deref_mut() {
                    h.stop();
                }
                layout.arrays.push((key, marks, r.offset()));
                r.pos += 1;
                items.shrink_to_fit();
                return Ok(items);
            }
        }
    }
}

/// After the first round of an array: room for as many more elements as the
/// rest of the file would hold at the size of those so far (a little more),
/// so the vectors are never copied to grow. Room never written to is never
/// touched, and costs no memory.
fn reserve_for_the_rest<T>(
    items: &mut ThinVec<T>,
    marks: &mut Vec<Mark>,
    from: u64,
    last_start: u64,
    len: u64,
) {
    let parsed = items.len() as u64;
    if parsed < 2 {
        return;
    }
    // Bytes per element, from the first element's start to the last one's.
    let per = (last_start.saturating_sub(from) / (parsed - 1)).max(1);
    let more = usize::try_from(len.saturating_sub(last_start) / per).unwrap_or(0);
    let more = more.saturating_add(more / 8).saturating_add(16);
    // Never more room than twice the rest of the file in bytes (tiny elements of
    // a large type), and none when the system refuses it: growing will do.
    let room = std::mem::size_of::<T>().max(1);
    let cap = usize::try_from(len.saturating_sub(last_start).saturating_mul(2)).unwrap_or(0) / room;
    let more = more.min(cap);
    // `ThinVec` has no `try_reserve`: the elements' room is taken only when the
    // marks' room for as many was granted.
    if marks.try_reserve_exact(more).is_ok() {
        items.reserve_exact(more);
    }
}

/// Where an array is between two elements.
#[derive(Clone, Copy, PartialEq)]
enum Between {
    /// Just after `[`: an element or `]`.
    Open,
    /// After a comma: an element.
    Comma,
    /// After an element: a comma or `]`.
    Element,
}

/// How a round over the held text ended: more text is needed from this offset
/// on, the array's `]` is at this offset, or an element starts at this offset,
/// the one asked to stop at.
enum Step {
    More(usize),
    Done(usize),
    Split(usize),
}

/// Parses the elements that lie whole in `text`, noting where each starts,
/// and stopping before an element that starts at `stop`.
fn items_in<T: DeserializeOwned>(
    text: &str,
    state: &mut Between,
    items: &mut ThinVec<T>,
    starts: &mut Vec<usize>,
    stop: Option<usize>,
) -> Result<Step, GiveUp> {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        while bytes
            .get(at)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else {
            return Ok(Step::More(at));
        };
        match (*state, b) {
            (Between::Element, b',') => {
                *state = Between::Comma;
                at += 1;
                continue;
            }
            (Between::Element | Between::Open, b']') => return Ok(Step::Done(at)),
            (Between::Element, _) => return Err(GiveUp),
            _ if stop == Some(at) => return Ok(Step::Split(at)),
            _ => {}
        }
        let rest = text.get(at..).ok_or(GiveUp)?;
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match stream.next() {
            Some(Ok(item)) => {
                starts.push(at);
                items.push(item);
                at += stream.byte_offset();
                *state = Between::Element;
            }
            // Cut off by the end of what is held: read more and parse it again.
            Some(Err(e)) if e.is_eof() => return Ok(Step::More(at)),
            _ => return Err(GiveUp),
        }
    }
}

/// The file is not the one that was read: its positions cannot be looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed;

/// Positions (line, column) of the wanted JSON paths in a streamed file, each
/// found by reading only the event or top-level value it lies in. `stamp` is
/// the file's as it was read: a file replaced or rewritten since (another size
/// or modification time), or one that can no longer be opened or read, is
/// [`Changed`], since its bytes would give other positions or none.
pub fn locate_streamed(
    path: &Path,
    layout: &Layout,
    stamp: Option<FileStamp>,
    wanted: &[&str],
) -> Result<HashMap<String, (usize, usize)>, Changed> {
    let mut found = HashMap::new();
    let mut file = File::open(path).map_err(|_| Changed)?;
    if let Some(stamp) = stamp {
        let now = file.metadata().map_err(|_| Changed)?;
        if now.modified().ok().map(|t| (now.len(), t)) != Some(stamp) {
            return Err(Changed);
        }
    }
    // The wanted paths grouped by the element that holds them.
    let mut by_element: HashMap<(Mark, u64), Vec<(&str, &str)>> = HashMap::new();
    for &w in wanted {
        if let Some((element, inner)) = element_of(layout, w) {
            by_element.entry(element).or_default().push((w, inner));
        }
    }
    for ((start, end), paths) in by_element {
        let text = read_range(&mut file, start.offset, end).map_err(|_| Changed)?;
        let inner: Vec<&str> = paths.iter().map(|&(_, inner)| inner).collect();
        let at = locate_paths(&text, &inner);
        for (whole, inner) in paths {
            if let Some(&(line, column)) = at.get(inner) {
                let first_line = start.line as usize;
                let position = if line == 1 {
                    (first_line, start.column as usize + column - 1)
                } else {
                    (first_line + line - 1, column)
                };
                found.insert(whole.to_string(), position);
            }
        }
    }
    Ok(found)
}

/// The element (start, end) that holds `path`, and the path inside it.
fn element_of<'p>(layout: &Layout, path: &'p str) -> Option<((Mark, u64), &'p str)> {
    let key_end = path.find(['.', '[']).unwrap_or(path.len());
    let (key, after) = path.split_at(key_end);
    let array = layout.arrays.iter().find(|(k, _, _)| *k == key);
    if let Some((_, marks, array_end)) = array
        && after.starts_with('[')
    {
        let close = after.find(']')?;
        let index: usize = after.get(1..close)?.parse().ok()?;
        let start = *marks.get(index)?;
        let end = marks.get(index + 1).map_or(*array_end, |next| next.offset);
        let inner = after.get(close + 1..)?;
        return Some(((start, end), inner.strip_prefix('.').unwrap_or(inner)));
    }
    let (_, start, end) = layout.top.iter().find(|(k, _, _)| k == key)?;
    Some(((*start, *end), after.strip_prefix('.').unwrap_or(after)))
}

fn read_range(file: &mut File, start: u64, end: u64) -> std::io::Result<Vec<u8>> {
    let len = usize::try_from(end.saturating_sub(start)).unwrap_or(0);
    let mut text = vec![0; len];
    file.seek(SeekFrom::Start(start))?;
    let n = file.read(&mut text)?;
    // A short read (the file shrank since) leaves a shorter text, not zeros.
    let mut got = n;
    while got < len {
        let Some(room) = text.get_mut(got..) else {
            break;
        };
        match file.read(room)? {
            0 => break,
            n => got += n,
        }
    }
    text.truncate(got);
    Ok(text)
}

#[cfg(test)]
mod tests;
