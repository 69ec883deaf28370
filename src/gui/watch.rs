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
    /// Dropping it stops the watch.
    _debouncer: Debouncer<RecommendedWatcher>,
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

    #[test]
    fn a_rewrite_is_reported_once_and_a_neighbour_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        let other = dir.path().join("b.json");
        std::fs::write(&file, "1").unwrap();
        std::fs::write(&other, "1").unwrap();
        let watcher = FileWatcher::new(std::slice::from_ref(&file), || {}).unwrap();
        std::fs::write(&other, "2").unwrap();
        std::fs::write(&file, "2").unwrap();
        std::fs::write(&file, "3").unwrap();
        let mut seen = Vec::new();
        for _ in 0..200 {
            seen.extend(watcher.changed());
            if !seen.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(seen, vec![file]);
    }

    #[test]
    fn reading_the_file_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "1").unwrap();
        let watcher = FileWatcher::new(std::slice::from_ref(&file), || {}).unwrap();
        for _ in 0..10 {
            assert_eq!(std::fs::read(&file).unwrap(), b"1");
            std::thread::sleep(DEBOUNCE / 2);
            assert!(watcher.changed().is_empty());
        }
        std::thread::sleep(DEBOUNCE * 2);
        assert!(watcher.changed().is_empty());
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
