//! Watches the open files, so the app reloads one when it changes on disk (F10).
//!
//! notify (through its debouncer) watches each file's folder rather than the file:
//! editors often save by writing a new file and renaming it over the old one, which
//! a watch on the old file would miss. Bursts of writes arrive as one change.
//! notify also reports mere reads (another program opening the file), so a file
//! counts as changed only when its size or modification time has moved.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use factsheet_core::load::parse::FileStamp;

/// How long a file must be quiet before it counts as changed: a save is often several writes.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

pub struct FileWatcher {
    /// Dropping it stops the watch; `None` for a watcher fed by [`FileWatcher::fed_by`].
    _debouncer: Option<Debouncer<RecommendedWatcher>>,
    rx: Receiver<DebounceEventResult>,
    /// Each watched file as the user gave it, with its absolute path (what notify reports).
    files: Vec<(PathBuf, PathBuf)>,
    /// Size and modification time of each file when last seen, same order as `files`.
    stamps: RefCell<Vec<Option<Stamp>>>,
    /// Files to compare with their stamp at the next [`FileWatcher::changed`],
    /// event or not: set by [`FileWatcher::seen`] for writes from before the watch.
    pending: RefCell<Vec<bool>>,
}

/// What tells a write from a read: size and modification time.
type Stamp = FileStamp;

/// A file's size and modification time now; `None` when either cannot be read.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

impl FileWatcher {
    /// Watches `files`; `on_change` runs on the watcher's thread (to wake the UI).
    /// `None` when nothing could be watched: the app then works without live reload.
    pub fn new(files: &[PathBuf], on_change: impl Fn() + Send + 'static) -> Option<Self> {
        let (tx, rx) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            // The receiver lives as long as the watcher; a send error means it is going away.
            let _ = tx.send(result);
            on_change();
        })
        .ok()?;
        let mut watched = Vec::new();
        let mut folders: Vec<PathBuf> = Vec::new();
        for file in files {
            let Ok(absolute) = std::fs::canonicalize(file) else {
                continue;
            };
            let Some(folder) = absolute.parent().map(Path::to_path_buf) else {
                continue;
            };
            if !folders.contains(&folder) {
                if debouncer
                    .watcher()
                    .watch(&folder, RecursiveMode::NonRecursive)
                    .is_err()
                {
                    continue;
                }
                folders.push(folder);
            }
            watched.push((file.clone(), absolute));
        }
        FileWatcher::with_events(Some(debouncer), rx, watched)
    }

    /// Watches `files` through the events sent on `events` rather than the
    /// file system's: what the app makes of the events (a read is no change, a
    /// neighbour's change is not this file's) is then tested with events a test
    /// sends, not with waits for the real watcher's timing.
    pub fn fed_by(files: &[PathBuf], events: Receiver<DebounceEventResult>) -> Option<Self> {
        let watched = files
            .iter()
            .filter_map(|f| Some((f.clone(), std::fs::canonicalize(f).ok()?)))
            .collect();
        FileWatcher::with_events(None, events, watched)
    }

    fn with_events(
        debouncer: Option<Debouncer<RecommendedWatcher>>,
        rx: Receiver<DebounceEventResult>,
        watched: Vec<(PathBuf, PathBuf)>,
    ) -> Option<Self> {
        if watched.is_empty() {
            return None;
        }
        let stamps = RefCell::new(watched.iter().map(|(_, a)| stamp(a)).collect());
        let pending = RefCell::new(vec![false; watched.len()]);
        Some(FileWatcher {
            _debouncer: debouncer,
            rx,
            files: watched,
            stamps,
            pending,
        })
    }

    /// Says which version of `file` the app holds: the one stamped `stamp`,
    /// read before the watch began. If the file has changed since, the next
    /// [`FileWatcher::changed`] reports it, though no event came for it.
    pub fn seen(&self, file: &Path, stamp: Stamp) {
        let mut stamps = self.stamps.borrow_mut();
        let mut pending = self.pending.borrow_mut();
        for ((given, _), (last, pending)) in self
            .files
            .iter()
            .zip(stamps.iter_mut().zip(pending.iter_mut()))
        {
            if given == file {
                *last = Some(stamp);
                *pending = true;
            }
        }
    }

    /// The watched files (as the user gave them) whose content changed since the last call.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut touched = vec![false; self.files.len()];
        for result in self.rx.try_iter() {
            match result {
                Ok(events) => {
                    for event in events {
                        for (i, (_, absolute)) in self.files.iter().enumerate() {
                            if event.path == *absolute
                                && let Some(t) = touched.get_mut(i)
                            {
                                *t = true;
                            }
                        }
                    }
                }
                // A watcher error (an overflowed queue, ...) may hide a change: look at every file.
                Err(_) => touched.iter_mut().for_each(|t| *t = true),
            }
        }
        let mut stamps = self.stamps.borrow_mut();
        let mut pending = self.pending.borrow_mut();
        let mut changed = Vec::new();
        for (((given, absolute), last), (touched, pending)) in self
            .files
            .iter()
            .zip(stamps.iter_mut())
            .zip(touched.into_iter().zip(pending.iter_mut()))
        {
            if !touched && !std::mem::take(pending) {
                continue;
            }
            let now = stamp(absolute);
            if now != *last {
                *last = now;
                changed.push(given.clone());
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use notify_debouncer_mini::{DebouncedEvent, DebouncedEventKind};
    use std::sync::mpsc::Sender;

    /// A watcher of `file` fed by the returned sender, as notify would feed it.
    fn fed(file: &Path) -> (FileWatcher, Sender<DebounceEventResult>) {
        let (tx, rx) = channel();
        let watcher = FileWatcher::fed_by(&[file.to_path_buf()], rx).unwrap();
        (watcher, tx)
    }

    fn event(path: &Path) -> DebounceEventResult {
        Ok(vec![DebouncedEvent::new(
            std::fs::canonicalize(path).unwrap(),
            DebouncedEventKind::Any,
        )])
    }

    #[test]
    fn a_rewrite_is_reported_once_and_a_neighbour_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        let other = dir.path().join("b.json");
        std::fs::write(&file, "1").unwrap();
        std::fs::write(&other, "1").unwrap();
        let (watcher, events) = fed(&file);
        std::fs::write(&other, "2").unwrap();
        events.send(event(&other)).unwrap();
        assert!(watcher.changed().is_empty(), "the neighbour changed");
        std::fs::write(&file, "22").unwrap();
        events.send(event(&file)).unwrap();
        events.send(event(&file)).unwrap();
        assert_eq!(watcher.changed(), vec![file.clone()]);
        assert!(watcher.changed().is_empty(), "reported once");
    }

    #[test]
    fn reading_the_file_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "1").unwrap();
        let (watcher, events) = fed(&file);
        // notify reports an open for reading like a write: the stamp tells them apart.
        assert_eq!(std::fs::read(&file).unwrap(), b"1");
        events.send(event(&file)).unwrap();
        assert!(watcher.changed().is_empty());
    }

    #[test]
    fn a_watcher_error_looks_at_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "1").unwrap();
        let (watcher, events) = fed(&file);
        std::fs::write(&file, "22").unwrap();
        let overflow = notify_debouncer_mini::notify::Error::generic("queue overflow");
        events.send(Err(overflow)).unwrap();
        assert_eq!(watcher.changed(), vec![file]);
    }

    /// The real watcher: a write to the file comes through notify. The wait
    /// ends when the watcher's callback says an event arrived, not after a
    /// guessed time.
    #[test]
    fn the_file_system_watcher_reports_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "1").unwrap();
        let (woke, on_wake) = channel();
        let watcher = FileWatcher::new(std::slice::from_ref(&file), move || {
            let _ = woke.send(());
        })
        .unwrap();
        std::fs::write(&file, "22").unwrap();
        let mut seen = Vec::new();
        while seen.is_empty() {
            on_wake
                .recv_timeout(Duration::from_secs(60))
                .expect("notify reported the write");
            seen.extend(watcher.changed());
        }
        assert_eq!(seen, vec![file]);
    }

    #[test]
    fn a_write_between_the_read_and_the_watch_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "1").unwrap();
        let read_at = stamp(&file).unwrap();
        // Written after the app read it, before the watch began: no event will come.
        std::fs::write(&file, "22").unwrap();
        let watcher = FileWatcher::new(std::slice::from_ref(&file), || {}).unwrap();
        assert!(watcher.changed().is_empty(), "no event, no stamp told");
        watcher.seen(&file, read_at);
        assert_eq!(watcher.changed(), vec![file.clone()]);
        assert!(watcher.changed().is_empty(), "reported once");
        // The version read is the one on disk: nothing to report.
        watcher.seen(&file, stamp(&file).unwrap());
        assert!(watcher.changed().is_empty());
    }

    #[test]
    fn nothing_to_watch_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(FileWatcher::new(&[dir.path().join("missing.json")], || {}).is_none());
    }
}
