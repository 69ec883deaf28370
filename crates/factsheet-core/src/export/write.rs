//! Writing an export to disk: atomically (a temporary file in the same folder,
//! then a rename), never over a file that was opened as input, with errors that
//! say what went wrong in plain words.
//!
//! What a path names decides how it is written (docs/RELIABILITY.md, "Writing"):
//! - a regular file, or nothing yet: atomically; a file replaced keeps its
//!   permissions (and, where the process may set it, its owner and group);
//! - a symbolic link: followed; the file it points to is written as above and
//!   the link stays a link. A link to nothing is refused;
//! - a character device, a FIFO or a socket (`/dev/null`, a named pipe,
//!   `/dev/stdout`): opened and written in place, since nothing can be renamed
//!   over it; such a write is not atomic;
//! - a folder: refused.
//!
//! A temporary file is named `.factsheet-PID-*.tmp`. [`remove_temporaries`]
//! removes this process's (a signal handler calls it), and every write removes
//! those that dead processes left in its folder.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The temporary file of an atomic write. Writes go straight to the file;
/// each megabyte written is handed to the disk at once (on Linux), so the sync
/// before the rename waits for the last megabyte rather than for all of it
/// (a 10 MB fact sheet: 11 ms less, docs/PERFORMANCE.md, "Summary export").
pub struct WriteBehind<'f> {
    file: &'f mut File,
    /// Bytes written so far, and how many of them were handed to the disk.
    written: u64,
    handed: u64,
}

/// How much is written before it is handed to the disk.
const HAND_OVER: u64 = 1 << 20;

impl<'f> WriteBehind<'f> {
    fn new(file: &'f mut File) -> Self {
        WriteBehind {
            file,
            written: 0,
            handed: 0,
        }
    }

    /// Starts writing what was written since the last time to the disk, without
    /// waiting. "Not needed again" is the advice that does that on Linux; pages
    /// still on their way to the disk stay cached (a generated file is all in the
    /// page cache after it is written, as before). Advice only: if it fails, the
    /// sync before the rename still writes everything (and reports errors).
    fn hand_over(&mut self) {
        #[cfg(target_os = "linux")]
        {
            let _ = rustix::fs::fadvise(
                &*self.file,
                self.handed,
                std::num::NonZeroU64::new(self.written - self.handed),
                rustix::fs::Advice::DontNeed,
            );
        }
        self.handed = self.written;
    }
}

impl Write for WriteBehind<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.handed >= HAND_OVER {
            self.hand_over();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: refusing to write over an input file; choose another name", path = .path.display())]
    WouldOverwriteInput { path: PathBuf },
    #[error("{path}: the folder {folder} does not exist", path = .path.display(), folder = .folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("{path}: {folder} is not a folder", path = .path.display(), folder = .folder.display())]
    NotAFolder { path: PathBuf, folder: PathBuf },
    #[error("{path}: permission denied: cannot write in {folder}", path = .path.display(), folder = .folder.display())]
    PermissionDenied { path: PathBuf, folder: PathBuf },
    #[error("{path}: the disk is full", path = .path.display())]
    DiskFull { path: PathBuf },
    #[error("{path}: the file would be larger than this system allows here (a file size limit such as `ulimit -f`, or the file system's)", path = .path.display())]
    TooLarge { path: PathBuf },
    #[error("{path}: the file system is read-only", path = .path.display())]
    ReadOnly { path: PathBuf },
    #[error("{path}: is a folder, not a file", path = .path.display())]
    IsAFolder { path: PathBuf },
    #[error("{path}: is a symbolic link to {target}, which does not exist", path = .path.display(), target = .target.display())]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error("{path}: cannot write: {source}", path = .path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// The folder a file is written in: its parent, or the current folder.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn classify(path: &Path, error: io::Error) -> WriteError {
    let folder = folder_of(path).to_path_buf();
    let path = path.to_path_buf();
    match error.kind() {
        io::ErrorKind::NotFound => WriteError::MissingFolder { path, folder },
        io::ErrorKind::NotADirectory => WriteError::NotAFolder { path, folder },
        io::ErrorKind::PermissionDenied => WriteError::PermissionDenied { path, folder },
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => WriteError::DiskFull { path },
        io::ErrorKind::ReadOnlyFilesystem => WriteError::ReadOnly { path },
        io::ErrorKind::FileTooLarge => WriteError::TooLarge { path },
        io::ErrorKind::IsADirectory => WriteError::IsAFolder { path },
        _ => WriteError::Io {
            path,
            source: error,
        },
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over `path`. On any error the previous
/// file (if any) is untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Like [`write_atomic`], with `write` filling the temporary file (for output
/// streamed as it is produced).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut WriteBehind) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = follow_link(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(classify(path, e)),
    };
    if let Some(m) = &existing {
        if m.is_dir() {
            return Err(WriteError::IsAFolder {
                path: path.to_path_buf(),
            });
        }
        if !m.is_file() {
            return write_in_place(path, &target, write);
        }
    }
    let folder = folder_of(&target);
    if !folder.exists() {
        return Err(WriteError::MissingFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    if !folder.is_dir() {
        return Err(WriteError::NotAFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    let prefix = temporary_prefix();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    // A temporary file is private (0600); a new file should be readable as any
    // new file would be (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // The temporary file is deleted when dropped, so every early return cleans up.
    let mut tmp = builder.tempfile_in(folder).map_err(|e| classify(path, e))?;
    let registered = Registered::new(tmp.path());
    if let Some(m) = &existing {
        keep_owner_and_mode(tmp.as_file(), m).map_err(|e| classify(path, e))?;
    }
    write(&mut WriteBehind::new(tmp.as_file_mut())).map_err(|e| classify(path, e))?;
    tmp.as_file().sync_all().map_err(|e| classify(path, e))?;
    tmp.persist(&target).map_err(|e| classify(path, e.error))?;
    drop(registered);
    remove_stale_temporaries(folder);
    Ok(())
}

/// The file `path` names: itself, or where its symbolic links lead.
fn follow_link(path: &Path) -> Result<PathBuf, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match path.canonicalize() {
            Ok(target) => Ok(target),
            Err(_) => Err(WriteError::DanglingLink {
                path: path.to_path_buf(),
                target: std::fs::read_link(path).unwrap_or_default(),
            }),
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// Writes into a device, FIFO or socket as it is: opened for writing, never
/// created, truncated or renamed over.
fn write_in_place(
    path: &Path,
    target: &Path,
    write: impl FnOnce(&mut WriteBehind) -> io::Result<()>,
) -> Result<(), WriteError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(|e| classify(path, e))?;
    write(&mut WriteBehind::new(&mut file)).map_err(|e| classify(path, e))?;
    file.flush().map_err(|e| classify(path, e))
}

/// Gives the new version of a file the permissions of the one it replaces,
/// and its owner and group where this process may (root, or the same owner).
fn keep_owner_and_mode(tmp: &File, old: &std::fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only the owner or root may change it; anyone else gets a file of their own.
        let _ = std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid()));
    }
    tmp.set_permissions(old.permissions())
}

/// This process's temporary files, registered while they are written so a
/// signal handler can remove them ([`remove_temporaries`]).
static TEMPORARIES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A temporary file in [`TEMPORARIES`] while alive.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Self {
        let path = path.to_path_buf();
        if let Ok(mut list) = TEMPORARIES.lock() {
            list.push(path.clone());
        }
        Registered(path)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut list) = TEMPORARIES.lock() {
            list.retain(|p| p != &self.0);
        }
    }
}

/// Removes the temporary files of the writes under way in this process: for a
/// handler of SIGINT or SIGTERM, which then ends the process (the writes'
/// own clean-up would not run). Best effort: a file already gone is no error.
pub fn remove_temporaries() {
    // A write holding the lock is only adding or dropping its entry: wait.
    let list = match TEMPORARIES.lock() {
        Ok(list) => list.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for path in list {
        let _ = std::fs::remove_file(path);
    }
}

/// How an export's temporary file is named (hidden, beside its target), so
/// that the files a killed export left can be told from anything else.
const TEMPORARY_PREFIX: &str = ".factsheet-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// This process's temporary files begin with this: `.factsheet-PID-`.
fn temporary_prefix() -> String {
    format!("{TEMPORARY_PREFIX}{}-", std::process::id())
}

/// The process that wrote a temporary file of ours, from its name.
fn writer_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMPORARY_PREFIX)?;
    rest.split_once('-')?.0.parse().ok()
}

/// Whether process `pid` is still running, where the system says (Linux's
/// /proc); elsewhere it is taken to be, and only the age rule applies.
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// How old a temporary file of an export must be to count as left behind.
/// An export still running writes to its own all the time; one killed (no
/// code runs after SIGKILL or a power cut) leaves it, hidden, in the folder.
const STALE_TEMPORARY: Duration = Duration::from_secs(60 * 60);

/// Removes this program's temporary files in `folder` that a killed export
/// left behind: only its own names (`.factsheet-*.tmp`), only regular files,
/// only those of a process no longer running, or untouched for
/// [`STALE_TEMPORARY`]. Best effort: a file that cannot be looked at or
/// removed is left as it is.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name
            .to_str()
            .filter(|n| n.starts_with(TEMPORARY_PREFIX) && n.ends_with(TEMPORARY_SUFFIX))
        else {
            continue;
        };
        let dead_writer =
            writer_of(name).is_some_and(|pid| pid != std::process::id() && !is_running(pid));
        // The entry's own metadata: a link named like ours is not followed.
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && (dead_writer
                    || m.modified()
                        .ok()
                        .and_then(|t| now.duration_since(t).ok())
                        .is_some_and(|age| age > STALE_TEMPORARY))
        });
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `a` and `b` name the same file (through links and `..`).
/// A path that does not exist yet is compared through its folder.
fn same_file(a: &Path, b: &Path) -> bool {
    fn resolve(p: &Path) -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let name = p.file_name()?;
        folder_of(p).canonicalize().ok().map(|f| f.join(name))
    }
    match (resolve(a), resolve(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// Writes an export to `path` with [`write_atomic`], refusing to replace any
/// of `inputs` (the files the data was read from).
pub fn write_export<P: AsRef<Path>>(
    path: &Path,
    bytes: &[u8],
    inputs: &[P],
) -> Result<(), WriteError> {
    write_export_with(path, inputs, |file| file.write_all(bytes))
}

/// Like [`write_export`], with `write` filling the temporary file (for output
/// streamed as it is produced).
pub fn write_export_with<P: AsRef<Path>>(
    path: &Path,
    inputs: &[P],
    write: impl FnOnce(&mut WriteBehind) -> io::Result<()>,
) -> Result<(), WriteError> {
    if inputs.iter().any(|i| same_file(path, i.as_ref())) {
        return Err(WriteError::WouldOverwriteInput {
            path: path.to_path_buf(),
        });
    }
    write_atomic_with(path, write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(dir.path()), ["out.md"]);
    }

    #[test]
    fn an_export_removes_temporaries_that_killed_exports_left_but_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let aged = |name: &str, age: Duration| {
            let p = dir.path().join(name);
            std::fs::write(&p, "left").unwrap();
            let file = File::options().write(true).open(&p).unwrap();
            file.set_modified(SystemTime::now() - age).unwrap();
        };
        let two_hours = Duration::from_secs(2 * 60 * 60);
        aged(".factsheet-old123.tmp", two_hours);
        // Another export may still be writing this one.
        aged(".factsheet-new456.tmp", Duration::from_secs(60));
        // Not ours, however old.
        aged("notes.tmp", two_hours);
        aged(".factsheet-notes.txt", two_hours);
        std::fs::create_dir(dir.path().join(".factsheet-dir.tmp")).unwrap();

        write_atomic(&dir.path().join("out.md"), b"new").unwrap();
        assert_eq!(
            entries(dir.path()),
            [
                ".factsheet-dir.tmp",
                ".factsheet-new456.tmp",
                ".factsheet-notes.txt",
                "notes.tmp",
                "out.md"
            ]
        );
    }

    #[test]
    fn refuses_to_overwrite_an_input_even_through_another_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("data.json");
        std::fs::write(&input, "{}").unwrap();
        let other = dir.path().join(".").join("data.json");
        let err = write_export(&other, b"x", &[&input]).unwrap_err();
        assert!(
            matches!(err, WriteError::WouldOverwriteInput { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("input file"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "{}");
        write_export(&dir.path().join("sheet.md"), b"x", &[&input]).unwrap();
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no").join("such").join("out.md");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(matches!(err, WriteError::MissingFolder { .. }), "{err:?}");
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert_eq!(entries(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_path_under_a_regular_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let err = write_atomic(&file.join("out.md"), b"x").unwrap_err();
        assert!(matches!(err, WriteError::NotAFolder { .. }), "{err:?}");
        assert_eq!(entries(dir.path()), ["plain"]);
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomic_with(&path, |f| {
            f.write_all(b"half")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space"))
        })
        .unwrap_err();
        assert!(matches!(err, WriteError::DiskFull { .. }), "{err:?}");
        assert!(err.to_string().contains("disk is full"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_file_written_in_many_small_pieces_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        // Three and a half times what is handed to the disk at once, in pieces
        // that never line up with it.
        let text: Vec<u8> = (0..HAND_OVER * 7 / 2).map(|i| (i % 251) as u8).collect();
        write_atomic_with(&path, |w| {
            for piece in text.chunks(4093) {
                w.write_all(piece)?;
            }
            assert_eq!(w.written, text.len() as u64);
            assert!(w.handed >= HAND_OVER * 3 && w.handed <= w.written);
            Ok(())
        })
        .unwrap();
        assert!(std::fs::read(&path).unwrap() == text);
        assert_eq!(entries(dir.path()), ["big.txt"]);
    }

    #[test]
    fn writing_over_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(matches!(err, WriteError::IsAFolder { .. }), "{err:?}");
    }
}
