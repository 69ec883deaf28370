//! Exports under faults, through the real binary: killed in the middle of a
//! large export (at chosen byte counts by a file size limit's SIGXFSZ, and with
//! SIGKILL at moments of a run), a write refused by a file size limit, a full
//! disk and a read-only one (a small tmpfs; mounting one needs root, so that
//! test is ignored in a plain `cargo test` and run by `-- --ignored needs_`).
//! The file being replaced must always be either the old version or a complete
//! new one, never a fragment, and a failed write must exit 1 with a message
//! naming the file.
#![cfg(unix)]

#[path = "common/small_disk.rs"]
mod small_disk;
use small_disk::SmallDisk;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const OLD: &[u8] = b"# The old fact sheet\n\nIt must survive any failed export.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factsheet"))
}

/// A generated file of `events` events in `dir`.
fn data(dir: &Path, events: u64) -> PathBuf {
    let path = dir.join("data.json");
    factsheet_generate::write_file(&path, factsheet_generate::Options { events, seed: 1 }).unwrap();
    path
}

/// `factsheet summary DATA --format markdown -o OUT`.
fn summary(data: &Path, out: &Path) -> Command {
    let mut cmd = bin();
    // Every event listed: these tests want an export that takes a while to write.
    cmd.args(["summary", "--list", "all"])
        .arg(data)
        .args(["--format", "markdown", "-o"])
        .arg(out);
    cmd
}

/// The export's temporary files in `dir` (see src/export/write.rs).
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".factsheet-") && n.ends_with(".tmp"))
        })
        .collect();
    found.sort();
    found
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `factsheet summary` run by a shell that first limits the size of any file
/// it writes to `blocks` of 512 bytes, with SIGXFSZ left at its default: the
/// write that crosses the limit kills the export there, as surely as SIGKILL
/// (no handler, no cleanup), at a byte count chosen in advance. No core file.
fn summary_killed_at(data: &Path, out: &Path, blocks: u64) -> Output {
    let command = format!(
        "ulimit -c 0; ulimit -f {blocks} && exec '{}' summary --list all '{}' --format markdown -o '{}'",
        env!("CARGO_BIN_EXE_factsheet"),
        data.display(),
        out.display()
    );
    Command::new("sh").args(["-c", &command]).output().unwrap()
}

#[test]
fn an_export_killed_at_any_moment_leaves_the_old_file_or_the_complete_new_one() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path(), 8_000);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("sheet.md");

    // One full run: the complete export, and how long one takes.
    let reference = dir.path().join("reference.md");
    let start = Instant::now();
    let done = summary(&data, &reference).output().unwrap();
    let full = start.elapsed();
    assert_eq!(done.status.code(), Some(0), "{done:?}");
    let complete = std::fs::read(&reference).unwrap();
    assert!(complete.len() > 1 << 20, "the export should be large");

    // Killed in the middle of writing, at chosen byte counts: the first block,
    // a third, two thirds, the last block before the end.
    let blocks = complete.len() as u64 / 512;
    for at in [1, blocks / 3, 2 * blocks / 3, blocks - 1] {
        std::fs::write(&out, OLD).unwrap();
        let result = summary_killed_at(&data, &out, at);
        assert_eq!(
            result.status.signal(),
            Some(libc::SIGXFSZ),
            "killed at {at} blocks: {result:?}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), OLD, "killed at {at} blocks");
        let left = temporaries(&out_dir);
        assert_eq!(left.len(), 1, "the killed export's temporary file");
        let partial = std::fs::read(&left[0]).unwrap();
        assert_eq!(partial.len() as u64, at * 512, "written up to the limit");
        assert_eq!(partial, complete[..partial.len()], "a prefix of the export");
        // A killed export cannot remove its temporary file; see docs/RELIABILITY.md.
        std::fs::remove_file(&left[0]).unwrap();
        assert_eq!(names_in(&out_dir), ["sheet.md"]);
    }

    // Killed with SIGKILL at moments spread over a whole run and past it
    // (while syncing, renaming, or after the end): whatever the moment, the
    // file is the old one or the complete new one. Which moment each kill
    // lands in depends on the machine; the rule must hold for any.
    for fraction in [0.1, 0.3, 0.5, 0.7, 0.9, 1.5] {
        std::fs::write(&out, OLD).unwrap();
        let mut child = summary(&data, &out).spawn().unwrap();
        let deadline = full.mul_f64(fraction);
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() && start.elapsed() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        // SIGKILL: no destructor, no cleanup of any kind runs.
        let _ = child.kill();
        let status = child.wait().unwrap();
        let after = std::fs::read(&out).unwrap();
        assert!(
            after == OLD || after == complete,
            "killed at {fraction} of a run: the file is a fragment of {} bytes (exit {status:?})",
            after.len()
        );
        for t in temporaries(&out_dir) {
            std::fs::remove_file(t).unwrap();
        }
        assert_eq!(names_in(&out_dir), ["sheet.md"]);
    }
}

/// Runs `factsheet summary` with a file size limit of 32 KB (64 blocks of 512
/// bytes), SIGXFSZ ignored: an ignored signal stays ignored across exec, so
/// the write that crosses the limit fails with EFBIG instead of killing it.
fn summary_with_size_limit(data: &Path, out: &Path) -> Output {
    let command = format!(
        "trap '' XFSZ; ulimit -f 64 && exec '{}' summary '{}' --format markdown -o '{}'",
        env!("CARGO_BIN_EXE_factsheet"),
        data.display(),
        out.display()
    );
    Command::new("sh").args(["-c", &command]).output().unwrap()
}

#[test]
fn a_write_over_the_file_size_limit_fails_clearly_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path(), 300);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("sheet.md");
    std::fs::write(&out, OLD).unwrap();

    let result = summary_with_size_limit(&data, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("error: {}", out.display())) && stderr.contains("larger than"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), OLD);
    assert_eq!(names_in(&out_dir), ["sheet.md"], "no temporary file left");

    // The same export without the limit is larger than it: the limit was what failed.
    let free = out_dir.join("free.md");
    let ok = summary(&data, &free).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(std::fs::metadata(&free).unwrap().len() > 64 * 512);
}

/// Needs the right to mount a tmpfs (root): a plain `cargo test` lists it as ignored;
/// `cargo test -- --ignored needs_` runs it (CI does, as root) and fails where mounting is refused.
mod needs_root {
    use super::*;

    #[test]
    #[ignore = "needs root to mount a tmpfs: cargo test -- --ignored needs_ (CI runs it)"]
    fn a_full_disk_and_a_read_only_disk_fail_clearly_and_keep_the_old_file() {
        let disk =
            SmallDisk::mount().unwrap_or_else(|why| panic!("cannot mount a 256 KB tmpfs: {why}"));
        let work = tempfile::tempdir().unwrap();
        let data = data(work.path(), 1_000);
        let out = disk.path().join("sheet.md");
        std::fs::write(&out, OLD).unwrap();

        let result = summary(&data, &out).output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!("error: {}: the disk is full", out.display())),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), OLD);
        assert_eq!(
            names_in(disk.path()),
            ["sheet.md"],
            "no temporary file left"
        );

        // Root writes in a folder whatever its permission bits, so a read-only
        // folder is made by remounting the file system read-only instead.
        assert!(disk.remount_read_only(), "remount read-only failed");
        let result = summary(&data, &out).output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "error: {}: the file system is read-only",
                out.display()
            )),
            "{stderr}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), OLD);
        assert_eq!(names_in(disk.path()), ["sheet.md"]);
    }
}
