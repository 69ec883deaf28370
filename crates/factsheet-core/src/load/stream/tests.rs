//! Tests of the streamed parse (load/stream.rs).

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
    let len = crate::parallel::SPLIT_FROM as u64 * crate::parallel::BYTES_PER_EVENT + 10;
    let large = Plan::for_file(len);
    let two_cores = crate::parallel::cores() >= 2;
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
    let (streamed, check) = parse_planned(f.path(), plan(None), &mut |_| {}, &Progress::default())
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
    let changed =
        secs(before.mtime(), before.mtime_nsec()).max(secs(before.ctime(), before.ctime_nsec()));
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
    // A write in the same tick of the file system's clock as the change
    // recorded could leave the times as they were (see `settled`): wait,
    // by touching a file beside it, until that clock has ticked past it.
    {
        use std::os::unix::fs::MetadataExt;
        let change = |m: &std::fs::Metadata| (m.ctime(), m.ctime_nsec());
        let recorded = change(&f.as_file().metadata().unwrap());
        let probe = f.path().with_extension("probe");
        while change(&{
            std::fs::write(&probe, "x").unwrap();
            std::fs::metadata(&probe).unwrap()
        }) <= recorded
        {
            std::thread::yield_now();
        }
        std::fs::remove_file(&probe).unwrap();
    }
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
