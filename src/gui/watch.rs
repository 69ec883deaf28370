//! Watches the open files, so the app reloads one when it changes on disk (F10).
//!
//! notify (through its debouncer) watches each file's folder rather than the file:
//! editors often save by writing a new file and renaming it over the old one, which
//! a watch on the old file would miss. Bursts of writes arrive as one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a file must be quiet before it counts as changed: a save is often several writes.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

pub struct FileWatcher {
    /// Dropping it stops the watch.
    _debouncer: Debouncer<RecommendedWatcher>,
    rx: Receiver<DebounceEventResult>,
    /// Each watched file as the user gave it, with its absolute path (what notify reports).
    files: Vec<(PathBuf, PathBuf)>,
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
        Some(FileWatcher {
            _debouncer: debouncer,
            rx,
            files: watched,
        })
    }

    /// The watched files (as the user gave them) that changed since the last call.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for result in self.rx.try_iter() {
            // A watcher error (an overflowed queue, ...) may hide a change: treat it as one.
            let events = match result {
                Ok(events) => events,
                Err(_) => {
                    return self.files.iter().map(|(given, _)| given.clone()).collect();
                }
            };
            for event in events {
                for (given, absolute) in &self.files {
                    if event.path == *absolute && !changed.contains(given) {
                        changed.push(given.clone());
                    }
                }
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
    fn nothing_to_watch_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(FileWatcher::new(&[dir.path().join("missing.json")], || {}).is_none());
    }
}
