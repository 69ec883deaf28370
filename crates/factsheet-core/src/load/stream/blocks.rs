//! Reading a file forward in blocks for the streamed parse: what is held of
//! it, the line and column of the read position, the running digest of what
//! was read, and where a JSON value held ends.

use super::*;

/// A file read forward in blocks, with the line and column of the read position.
pub(super) struct Blocks<'f> {
    pub(super) file: &'f mut File,
    pub(super) after_block: Option<&'f mut dyn FnMut(&File)>,
    /// The file's length when it was opened (only for estimates).
    pub(super) len: u64,
    /// How much is read at a time (more when one value is larger).
    pub(super) block: usize,
    /// Bytes read and not yet dropped; `buf[0]` is byte `base` of the file.
    pub(super) buf: Vec<u8>,
    pub(super) base: u64,
    /// The read position in `buf`.
    pub(super) pos: usize,
    pub(super) eof: bool,
    /// The digest of what was read since `segment_start`, if one is wanted.
    pub(super) hasher: Option<Xxh3>,
    pub(super) segment_start: u64,
    /// The parts read before that (see [`Blocks::continue_at`]).
    pub(super) segments: Vec<Segment>,
    pub(super) progress: Progress,
    /// Lines and columns are counted up to `counted` (in `buf`).
    pub(super) counted: usize,
    pub(super) line: u32,
    pub(super) column: u32,
}

impl<'f> Blocks<'f> {
    /// Blocks of `file`, `len` bytes long, `block` bytes at a time.
    pub(super) fn new(
        file: &'f mut File,
        after_block: &'f mut dyn FnMut(&File),
        len: u64,
        block: usize,
        progress: &Progress,
    ) -> Self {
        Self::at(file, Some(after_block), 0, len, block, progress)
    }

    /// Blocks of `file` from `base` on (where `file` is positioned); lines and
    /// columns are counted from there as line 1, column 1.
    pub(super) fn at(
        file: &'f mut File,
        after_block: Option<&'f mut dyn FnMut(&File)>,
        base: u64,
        len: u64,
        block: usize,
        progress: &Progress,
    ) -> Self {
        Blocks {
            file,
            after_block,
            len,
            block: block.max(1),
            buf: Vec::new(),
            base,
            pos: 0,
            eof: false,
            hasher: Some(Xxh3::new()),
            segment_start: base,
            segments: Vec::new(),
            progress: progress.clone(),
            counted: 0,
            line: 1,
            column: 1,
        }
    }

    /// Bytes read from the file so far.
    pub(super) fn total(&self) -> u64 {
        self.base + self.buf.len() as u64
    }

    /// The file offset of the read position.
    pub(super) fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Drops what is behind the read position and reads at least one more
    /// block (as much as is already held, when that is more, so one large
    /// value is scanned a bounded number of times). False at the end of the file.
    pub(super) fn fill(&mut self) -> Result<bool, GiveUp> {
        if self.eof {
            return Ok(false);
        }
        // A cancelled load reads nothing more (the caller sees it and stops).
        if self.progress.is_cancelled() {
            return Err(GiveUp);
        }
        self.count_to(self.pos);
        self.buf.drain(..self.pos);
        self.base += self.pos as u64;
        self.counted -= self.pos;
        self.pos = 0;
        let old = self.buf.len();
        let want = self.block.max(old);
        // read_to_end fills the spare room without zeroing it first; it stops
        // short of `want` only at the end of the file.
        let got = self
            .file
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut self.buf)?;
        if got < want {
            self.eof = true;
        }
        if let (Some(hasher), Some(new)) = (&mut self.hasher, self.buf.get(old..)) {
            hasher.update(new);
        }
        self.progress.read(got as u64);
        if let Some(after_block) = self.after_block.as_mut() {
            after_block(self.file);
        }
        Ok(got > 0)
    }

    /// Advances the line and column count to `to`.
    pub(super) fn count_to(&mut self, to: usize) {
        let Some(seg) = self.buf.get(self.counted..to) else {
            return;
        };
        let after_newline = match memchr::memrchr(b'\n', seg) {
            Some(last) => {
                let newlines = memchr::memchr_iter(b'\n', seg).count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.column = 1;
                seg.get(last + 1..).unwrap_or_default()
            }
            None => seg,
        };
        // Columns count characters: every byte but UTF-8 continuation bytes.
        let chars = after_newline.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.column = self
            .column
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.counted = to;
    }

    /// What was read since the last [`Blocks::continue_at`] (or the start).
    pub(super) fn segment(&self) -> Segment {
        Segment {
            range: self.segment_start..self.total(),
            digest: self.hasher.as_ref().map(Xxh3::digest),
        }
    }

    /// Goes on reading from file offset `at` (past what is held), which is at
    /// line and column `mark`, what lies between having been read by another
    /// reader as `between`.
    pub(super) fn continue_at(
        &mut self,
        at: u64,
        mark: Mark,
        between: Segment,
    ) -> Result<(), GiveUp> {
        if at < self.total() {
            return Err(GiveUp);
        }
        self.file.seek(SeekFrom::Start(at))?;
        let done = self.segment();
        self.segments.push(done);
        self.segments.push(between);
        if let Some(hasher) = &mut self.hasher {
            hasher.reset();
        }
        self.segment_start = at;
        self.buf.clear();
        self.base = at;
        self.pos = 0;
        self.counted = 0;
        self.eof = false;
        (self.line, self.column) = (mark.line, mark.column);
        if !self.fill()? {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// Reads on, without parsing, until `target` (a file offset) is the read position.
    pub(super) fn skip_to(&mut self, target: u64) -> Result<(), GiveUp> {
        loop {
            if let Some(at) = target
                .checked_sub(self.base)
                .and_then(|d| usize::try_from(d).ok())
                .filter(|&at| at >= self.pos && at < self.buf.len())
            {
                self.pos = at;
                return Ok(());
            }
            if target < self.offset() {
                return Err(GiveUp);
            }
            self.pos = self.buf.len();
            if !self.fill()? {
                return Err(GiveUp);
            }
        }
    }

    pub(super) fn mark(&mut self) -> Mark {
        self.mark_at(self.pos)
    }

    /// Where `at` (in `buf`, at or after the last mark) lies in the file.
    pub(super) fn mark_at(&mut self, at: usize) -> Mark {
        self.count_to(at);
        Mark {
            offset: self.base + at as u64,
            line: self.line,
            column: self.column,
        }
    }

    /// The held text from the read position on, up to the last whole
    /// character; once per round, so the whole file is checked about once.
    pub(super) fn held_text(&self) -> Result<&str, GiveUp> {
        let held = self.buf.get(self.pos..).unwrap_or_default();
        match simdutf8::compat::from_utf8(held) {
            Ok(text) => Ok(text),
            // A character cut by the end of the block: the rest comes with the next one.
            Err(e) if e.error_len().is_none() && !self.eof => {
                let whole = held.get(..e.valid_up_to()).unwrap_or_default();
                simdutf8::basic::from_utf8(whole).map_err(|_| GiveUp)
            }
            Err(_) => Err(GiveUp),
        }
    }

    pub(super) fn skip_bom(&mut self) -> Result<(), GiveUp> {
        while self.buf.len() < 3 && self.fill()? {}
        if self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
            // The mark is not a character a reader sees: columns start after it.
            self.counted = 3;
        }
        Ok(())
    }

    /// Skips white space and returns the next byte, without taking it; `None` at the end.
    pub(super) fn next_token(&mut self) -> Result<Option<u8>, GiveUp> {
        loop {
            while let Some(&b) = self.buf.get(self.pos) {
                if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Takes the value at the read position (after [`Self::next_token`]) and
    /// returns where its text lies in `buf`, reading more when it goes on past it.
    pub(super) fn value(&mut self) -> Result<std::ops::Range<usize>, GiveUp> {
        loop {
            let here = self.buf.get(self.pos..).unwrap_or_default();
            match value_len(here, self.eof) {
                Some(n) => {
                    let span = self.pos..self.pos + n;
                    self.pos += n;
                    return Ok(span);
                }
                None if !self.eof => {
                    self.fill()?;
                }
                None => return Err(GiveUp),
            }
        }
    }

    pub(super) fn text(&self, span: std::ops::Range<usize>) -> Result<&str, GiveUp> {
        let bytes = self.buf.get(span).ok_or(GiveUp)?;
        simdutf8::basic::from_utf8(bytes).map_err(|_| GiveUp)
    }
}

/// The length of the JSON value at the start of `text`, found by a flat scan
/// (quotes, and the brackets of the value's own kind), or `None` when `text`
/// ends before it does. Malformed text may give a wrong length: serde_json
/// then refuses the slice, and the file is read whole.
pub(super) fn value_len(text: &[u8], at_end: bool) -> Option<usize> {
    let (open, close) = match text.first()? {
        b'"' => return end_of_string(text, 1),
        b'{' => (b'{', b'}'),
        b'[' => (b'[', b']'),
        _ => {
            // A number, true, false or null: up to the next delimiter.
            return match text
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))
            {
                Some(n) => Some(n),
                None if at_end => Some(text.len()),
                None => None,
            };
        }
    };
    // Inside a value that opens with `{`, only `{`, `}` and strings decide where
    // it ends (the `[` and `]` in it balance on their own in valid JSON).
    let mut depth = 0usize;
    let mut pos = 0;
    loop {
        let at = pos + memchr::memchr3(b'"', open, close, text.get(pos..)?)?;
        match text.get(at)? {
            b'"' => {
                pos = end_of_string(text, at + 1)?;
                continue;
            }
            b if *b == open => depth += 1,
            _ => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
        }
        pos = at + 1;
    }
}
