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
    /// [`crate::halves`] says a file that large is worth it.
    fn for_file(len: u64) -> Plan {
        let split = crate::halves::worth_a_thread(len, crate::halves::PARSE_FROM);
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
    let mut events: Option<Vec<Event>> = None;
    let mut sources: Option<Vec<Source>> = None;
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
        dataset.events = events;
    }
    if let Some(sources) = sources {
        dataset.sources = sources;
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
) -> Result<Vec<T>, GiveUp> {
    if r.next_token()? != Some(b'[') {
        return Err(GiveUp);
    }
    r.pos += 1;
    let mut marks = Vec::new();
    let mut items = Vec::new();
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
    items: &mut Vec<T>,
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
    let _ = items.try_reserve_exact(more);
    let _ = marks.try_reserve_exact(more);
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
    items: &mut Vec<T>,
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
mod tests {
    use super::blocks::value_len;
    use super::*;
    use std::io::Write;

    pub(super) fn file_with(text: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text).unwrap();
        f.flush().unwrap();
        f
    }

    /// Small blocks: the tests' small files cross many block edges, and a
    /// split parse goes on past the helper's start.
    pub(super) const TEST_BLOCK: usize = 16 << 10;

    /// Small blocks, and the events split at `split_at`.
    pub(super) fn plan(split_at: Option<u64>) -> Plan {
        Plan {
            block: TEST_BLOCK,
            split_at,
        }
    }

    /// Parses the file at `path` as `plan` says, calling `after_block` after
    /// each block the main parse reads.
    pub(super) fn parse_planned(
        path: &Path,
        plan: Plan,
        after_block: &mut dyn FnMut(&File),
        progress: &Progress,
    ) -> Result<(Streamed, Check), GiveUp> {
        parse_opened(
            File::open(path)?,
            path,
            plan,
            after_block,
            progress,
            SystemTime::now(),
        )
    }

    #[test]
    fn only_large_files_are_split_and_at_their_middle() {
        let small = Plan::for_file(1 << 20);
        assert_eq!(
            small,
            Plan {
                block: BLOCK,
                split_at: None
            }
        );
        let len = crate::halves::PARSE_FROM + 10;
        let large = Plan::for_file(len);
        let two_cores = crate::halves::cores() >= 2;
        assert_eq!(large.split_at, two_cores.then_some(len / 2));
    }

    const DATA: &str = "\u{FEFF}{\"format_version\": 1, \"title\": \"Ти́тул \\\"x\\\" {[\",\n\
        \"sources\": [{\"id\": \"s\", \"outlet\": \"X\"}],\n\
        \"events\": [\n  {\"id\": \"e1\", \"title\": \"a ] } [ {\", \"date\": {\"on\": \"2025-06-11\"}, \"kind\": \"other\",\n\
        \"figures\": [{\"id\": \"f\", \"received_by\": \"ukraine\", \"category\": \"remains\",\n\
        \"claims\": [{\"source\": \"s\", \"value\": {\"exact\": 1212}}]}]},\n\
        {\"id\": \"e2\", \"title\": \"two\", \"date\": {\"on\": \"2025-06-12\"}, \"kind\": \"other\"}\n],\n\
        \"agreements\": []\n}\n";

    #[test]
    fn a_streamed_file_parses_as_the_whole_text_does() {
        let f = file_with(DATA.as_bytes());
        let streamed = parse_file(f.path()).unwrap();
        let whole = super::super::parse::parse_dataset(DATA.as_bytes(), "x").unwrap();
        assert_eq!(streamed.dataset, whole);
        assert_eq!(streamed.dataset.events.len(), 2);
        assert!(streamed.stamp.is_some());
    }

    #[test]
    fn positions_from_the_layout_match_a_scan_of_the_whole_text() {
        let f = file_with(DATA.as_bytes());
        let streamed = parse_file(f.path()).unwrap();
        let wanted = [
            "events[0].figures[0].claims[0].source",
            "events[1]",
            "events[1].kind",
            "sources[0].outlet",
            "title",
            "agreements",
            "events[7]",
            "nothing",
        ];
        let Ok(from_layout) = locate_streamed(f.path(), &streamed.layout, streamed.stamp, &wanted)
        else {
            panic!("the file has not changed");
        };
        let whole = locate_paths(super::super::parse::without_bom(DATA.as_bytes()), &wanted);
        assert_eq!(from_layout, whole);
        assert_eq!(from_layout.len(), 6, "{from_layout:?}");
    }

    #[test]
    fn a_file_replaced_after_it_was_read_gives_no_positions() {
        let f = file_with(DATA.as_bytes());
        let streamed = parse_file(f.path()).unwrap();
        // Another version put in its place by a rename, as editors save.
        let other = file_with(format!("\n\n{DATA}").as_bytes());
        std::fs::rename(other.path(), f.path()).unwrap();
        let wanted = ["events[1].kind"];
        assert_eq!(
            locate_streamed(f.path(), &streamed.layout, streamed.stamp, &wanted),
            Err(Changed)
        );
        std::fs::remove_file(f.path()).unwrap();
        assert_eq!(
            locate_streamed(f.path(), &streamed.layout, streamed.stamp, &wanted),
            Err(Changed)
        );
    }

    #[test]
    fn values_larger_than_a_block_are_read_whole() {
        // A title longer than one block and many events across block edges.
        let long = "я".repeat(TEST_BLOCK);
        let mut text = format!("{{\"format_version\": 1, \"title\": \"{long}\", \"events\": [");
        for i in 0..30_000 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                "{{\"id\": \"e{i}\", \"title\": \"t\", \"date\": {{\"on\": \"2025-06-11\"}}, \"kind\": \"other\"}}"
            ));
        }
        text.push_str("]}");
        let f = file_with(text.as_bytes());
        let (streamed, check) =
            parse_planned(f.path(), plan(None), &mut |_| {}, &Progress::default())
                .ok()
                .unwrap();
        assert!(check.holds());
        assert_eq!(streamed.dataset.title.len(), long.len());
        assert_eq!(streamed.dataset.events.len(), 30_000);
        let wanted = ["events[29999].kind", "events[12345]"];
        assert_eq!(
            locate_streamed(f.path(), &streamed.layout, streamed.stamp, &wanted),
            Ok(locate_paths(text.as_bytes(), &wanted))
        );
    }

    /// A valid dataset of small events (ids `e0000000` on) over two blocks long.
    fn over_two_blocks() -> String {
        let mut text = String::from("{\"format_version\": 1, \"title\": \"t\", \"events\": [");
        let event =
            r#"{"id": "eNNNNNNN", "title": "t", "date": {"on": "2025-06-11"}, "kind": "other"}"#;
        let count = 2 * TEST_BLOCK / event.len() + 10;
        for i in 0..count {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&event.replace("NNNNNNN", &format!("{i:07}")));
        }
        text.push_str("]}");
        text
    }

    #[cfg(unix)]
    #[test]
    fn a_read_error_in_the_middle_of_the_file_gives_up() {
        use std::os::fd::AsRawFd;
        let text = over_two_blocks();
        let f = file_with(text.as_bytes());
        let dir = File::open(std::env::temp_dir()).unwrap();
        for plan in [plan(None), plan(Some(text.len() as u64 / 2))] {
            let mut blocks = 0;
            let mut fail_from_now_on = |file: &File| {
                blocks += 1;
                if blocks == 1 {
                    // The file's descriptor now names a directory: its next read
                    // fails (EISDIR) as a failing disk's would (EIO).
                    // SAFETY: both descriptors are open and owned by this test's
                    // `File`s; dup2 replaces one with a copy of the other.
                    let fd = unsafe { libc::dup2(dir.as_raw_fd(), file.as_raw_fd()) };
                    assert_eq!(fd, file.as_raw_fd());
                }
            };
            let result = parse_planned(f.path(), plan, &mut fail_from_now_on, &Progress::default());
            assert!(result.is_err(), "a failed read gave a dataset");
            assert_eq!(blocks, 1, "nothing was read after the failure");
        }
        // Not a fault of the file: untouched, it loads.
        assert!(parse_file(f.path()).is_ok());
    }

    #[test]
    fn a_file_rewritten_while_it_is_read_is_given_up() {
        // Two blocks and more, so the rewrite lands between two reads.
        let text = over_two_blocks();
        let half = text.len() as u64 / 2;
        for plan in [plan(None), plan(Some(half))] {
            let f = file_with(text.as_bytes());
            assert!(parse_file(f.path()).is_ok(), "the file as it is loads");

            // The first event's id rewritten in place (same size) after the
            // first block: what was read no longer matches the file.
            let path = f.path().to_path_buf();
            let mut blocks = 0;
            let mut rewrite = |_: &File| {
                blocks += 1;
                if blocks == 1 {
                    let changed = text.replacen("e0000000", "x0000000", 1);
                    std::fs::write(&path, changed).unwrap();
                }
            };
            // The parse itself goes through (same size, valid JSON); the check must not hold.
            let held = parse_planned(f.path(), plan, &mut rewrite, &Progress::default())
                .is_ok_and(|(_, check)| check.holds());
            assert!(
                !held,
                "{plan:?}: a file rewritten during the read passed its check"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_a_file_that_changed_a_while_before_its_read_skips_the_second_read() {
        use std::os::unix::fs::MetadataExt;
        let f = file_with(DATA.as_bytes());
        let before = f.as_file().metadata().unwrap();
        let secs = |s: i64, ns: i64| UNIX_EPOCH + Duration::new(s as u64, ns as u32);
        let changed = secs(before.mtime(), before.mtime_nsec())
            .max(secs(before.ctime(), before.ctime_nsec()));
        assert!(
            !settled(&before, SystemTime::now()),
            "a file written just now"
        );
        assert!(!settled(
            &before,
            changed + SETTLING - Duration::from_millis(1)
        ));
        assert!(settled(&before, changed + SETTLING));
        // A clock behind the file system's: not settled.
        assert!(!settled(&before, changed - Duration::from_secs(3600)));
    }

    #[cfg(unix)]
    #[test]
    fn a_settled_file_is_judged_by_its_times_which_any_write_changes() {
        let f = file_with(DATA.as_bytes());
        // Last modified an hour ago (setting that changes the change time, to now).
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        f.as_file().set_modified(hour_ago).unwrap();
        let parse = || {
            parse_file_deferred(f.path(), &Progress::default())
                .ok()
                .unwrap()
                .1
        };
        let digests_wrong = |check: &mut Check| {
            for s in &mut check.segments {
                s.digest = s.digest.map(|d| !d);
            }
        };

        let mut check = parse();
        digests_wrong(&mut check);
        check.settled = true;
        assert!(check.holds(), "settled and unchanged: the times are enough");

        let mut check = parse();
        digests_wrong(&mut check);
        assert!(!check.holds(), "not settled: the bytes are read again");

        // Rewritten in place, same size, with its modification time put back:
        // the change time moves, and a settled check no longer holds.
        let mut check = parse();
        check.settled = true;
        std::thread::sleep(Duration::from_millis(20));
        let rewritten = DATA.replacen("Ти́тул", "Ти́тол", 1);
        assert_eq!(rewritten.len(), DATA.len());
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(f.path())
            .unwrap();
        file.write_all(rewritten.as_bytes()).unwrap();
        file.set_modified(hour_ago).unwrap();
        drop(file);
        assert!(!check.holds(), "a write went unseen");
    }

    #[test]
    fn anything_unexpected_gives_up_for_the_whole_file_path() {
        let bad: &[&str] = &[
            "",
            "   ",
            "[]",
            "{\"format_version\": 1, \"title\": \"t\"",
            "{\"format_version\": 1, \"title\": \"t\"} x",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [], \"events\": []}",
            "{\"format_version\": 1, \"title\": \"t\", \"title\": \"u\"}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [{\"id\": 5}]}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [1 2]}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": {}}",
            "{\"format_version\": 1, \"title\": \"t\", \"extra\": 1}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [",
            "{\"format_version\": 1 \"title\": \"t\"}",
            "{\"format_version\": 1, \"title\": \"t\",}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [E, ]}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [E E]}",
            "{\"format_version\": 1, \"title\": \"t\", \"events\": [,]}",
        ];
        let event = r#"{"id": "e", "title": "t", "date": {"on": "2025-06-11"}, "kind": "other"}"#;
        for text in bad {
            let text = text.replace('E', event);
            let f = file_with(text.as_bytes());
            assert!(parse_file(f.path()).is_err(), "{text}");
        }
        let mut not_utf8 = b"{\"format_version\": 1, \"title\": \"".to_vec();
        not_utf8.extend_from_slice(&[0xFF, b'"', b'}']);
        assert!(parse_file(file_with(&not_utf8).path()).is_err());
    }

    #[test]
    fn value_lengths() {
        assert_eq!(value_len(b"\"a\\\"b\" ,", false), Some(6));
        assert_eq!(value_len(b"{\"a\": \"}\", \"b\": [{}]} x", false), Some(21));
        assert_eq!(value_len(b"[1, [2], \"]\"],", false), Some(13));
        assert_eq!(value_len(b"123", false), None);
        assert_eq!(value_len(b"123", true), Some(3));
        assert_eq!(value_len(b"-1.5e3,", false), Some(6));
        assert_eq!(value_len(b"{\"a\": [1, 2", false), None);
        assert_eq!(value_len(b"\"open", false), None);
    }
}
