//! Where `-o` writes, and what an interrupted write leaves: the built binary on
//! special paths (a device node, a FIFO, symbolic links, a private file), under
//! SIGTERM and SIGINT, with a dead process's temporary file in the folder, on a
//! full device and a closed pipe. The rules are in docs/RELIABILITY.md, "Writing".
//!
//! The device-node case needs root: it is `#[ignore]`d, so a plain `cargo test`
//! counts it as ignored, and `cargo test -- --ignored needs_` (CI, as root) runs it.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/russia-ukraine-2025.json")
}

/// The Markdown fact sheet of the sample, as standard output gets it.
fn sample_sheet() -> Vec<u8> {
    let out = Command::new(BIN)
        .args(["summary", "--format", "md"])
        .arg(sample())
        .output()
        .expect("run factsheet");
    assert!(out.status.success());
    out.stdout
}

fn summary_to(path: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(["summary", "--format", "md"])
        .arg(sample())
        .arg("-o")
        .arg(path)
        .output()
        .expect("run factsheet")
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list the folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".factsheet-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_fifo_gets_the_sheet_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the FIFO.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut got = Vec::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_end(&mut got)
                .unwrap();
            got
        })
    };
    let out = summary_to(&fifo);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(reader.join().unwrap(), sample_sheet());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.md");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("private.md", &link).unwrap();

    let out = summary_to(&link);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&private).unwrap(), sample_sheet());
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "a private file became {mode:o}");
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn a_link_to_nothing_is_refused_with_its_target_named() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("dangling.md");
    std::os::unix::fs::symlink("missing.md", &link).unwrap();
    let out = summary_to(&link);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("symbolic link to missing.md, which does not exist"),
        "{stderr}"
    );
    assert!(!dir.path().join("missing.md").exists());
}

/// Starts `generate` into `dir`, waits until its temporary file is there, sends
/// `signal`, and returns the exit status and what is left in the folder.
fn interrupted_generate(signal: libc::c_int) -> (std::process::ExitStatus, Vec<String>, bool) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.json");
    let mut child = Command::new(BIN)
        .args(["generate", "--events", "5000000", "-o"])
        .arg(&target)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start factsheet");
    let start = Instant::now();
    while temporaries(dir.path()).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "generate ended before the signal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill with the pid of a child this test started and still owns.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let status = child.wait().unwrap();
    (status, temporaries(dir.path()), target.exists())
}

#[test]
fn sigterm_and_sigint_remove_the_temporary_file() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let (status, left, written) = interrupted_generate(signal);
        assert_eq!(status.code(), Some(code), "signal {signal}");
        assert!(left.is_empty(), "signal {signal} left {left:?}");
        assert!(!written, "an interrupted write must not leave the target");
    }
}

#[test]
fn a_dead_process_temporary_file_is_removed_by_the_next_write_there() {
    let dir = tempfile::tempdir().unwrap();
    // A pid no process has: larger than any pid_max Linux allows (4,194,304).
    let dead = ".factsheet-99999999-abcdef.tmp";
    std::fs::write(dir.path().join(dead), "left by a killed export").unwrap();
    let out = summary_to(&dir.path().join("sheet.md"));
    assert!(out.status.success());
    assert!(
        temporaries(dir.path()).is_empty(),
        "{:?}",
        temporaries(dir.path())
    );
}

#[test]
fn too_many_events_is_a_usage_error_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("huge.json");
    let out = Command::new(BIN)
        .args(["generate", "--events", "1000000000000", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not in 0..=100000000"), "{stderr}");
    assert!(!target.exists());
}

// Every Linux system (containers included) has /dev/full; other Unix systems may not.
#[cfg(target_os = "linux")]
#[test]
fn a_full_device_on_standard_output_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    for args in [vec!["schema"], vec!["validate", sample().to_str().unwrap()]] {
        let out = Command::new(BIN)
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("could not write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_reader_that_stops_early_is_no_error_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("g.json");
    let made = Command::new(BIN)
        .args(["generate", "--events", "20000", "-o"])
        .arg(&data)
        .status()
        .unwrap();
    assert!(made.success());
    for format in ["md", "html", "csv", "json"] {
        let mut child = Command::new(BIN)
            .args(["summary", "--format", format])
            .arg(&data)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is gone (`| head -1`): the rest meets a closed pipe.
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!first.is_empty());
    }
}

#[test]
fn upgrade_rewrites_a_format_1_file_as_format_2_with_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.json");
    let original =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/one-event.json"))
            .unwrap();
    std::fs::write(&file, &original).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = Command::new(BIN)
        .arg("upgrade")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let parse = |bytes: &[u8]| -> factsheet_core::model::Dataset {
        serde_json::from_slice(bytes).expect("a dataset")
    };
    let (before, after) = (parse(&original), parse(&std::fs::read(&file).unwrap()));
    assert_eq!((before.format_version, after.format_version), (1, 2));
    assert_eq!(
        factsheet_core::model::Dataset {
            format_version: 1,
            ..after
        },
        before
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(temporaries(dir.path()).is_empty());

    // A file with errors is left exactly as it was.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format_version\": 1}").unwrap();
    let out = Command::new(BIN)
        .arg("upgrade")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&broken).unwrap(), b"{\"format_version\": 1}");
}

/// Needs root for mknod: a plain `cargo test` lists it as ignored;
/// `cargo test -- --ignored needs_` runs it (CI does, as root) and fails without the right.
mod needs_root {
    use super::*;

    #[test]
    #[ignore = "needs root for mknod: cargo test -- --ignored needs_ (CI runs it)"]
    fn a_device_node_is_written_into_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let node = dir.path().join("fakenull");
        let c_path = std::ffi::CString::new(node.to_str().unwrap()).unwrap();
        // The same device as /dev/null (1, 3): whatever is written there is dropped.
        // SAFETY: a valid C string and a device number; mknod only creates the node.
        let made =
            unsafe { libc::mknod(c_path.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 3)) };
        assert_eq!(
            made,
            0,
            "mknod failed (needs root with CAP_MKNOD): {}",
            std::io::Error::last_os_error()
        );
        let out = summary_to(&node);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let meta = std::fs::symlink_metadata(&node).unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "the device node was replaced: {meta:?}"
        );
        assert!(temporaries(dir.path()).is_empty());
    }
}
