//! The desktop app under faults, driven through egui_kittest (no GPU needed):
//! a file deleted after it was chosen, a file that cannot be read, a file
//! rewritten or cut while it loads, a truncated file, a file too large to open,
//! a large file loading while the UI keeps answering, an open that never ends
//! by itself given up with its Cancel button, and exports to
//! impossible places. In every case the app must end with a message naming
//! the file and saying what went wrong (or with one whole version of the
//! file), the data already open must stay on screen, and frames must keep
//! coming while the background job runs.
//!
//! The full-disk export needs root to mount a tmpfs: it is ignored by a plain
//! `cargo test` and run by `cargo test -- --ignored needs_` (CI, as root).
//!
//! The 500 MB case is too slow for a debug `cargo test`; it is ignored here and
//! run by hand with
//! `cargo test --release --test gui_faults -- --ignored --nocapture`
//! (what it gave is in docs/RELIABILITY.md).
#![cfg(feature = "gui")]

#[path = "common/small_disk.rs"]
mod small_disk;
use small_disk::SmallDisk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use factsheet::gui::events_table::TABLE_LABEL;
use factsheet::gui::state::ThemeChoice;
use factsheet::gui::top_bar::CANCEL_LABEL;
use factsheet::gui::{Command, FactsheetApp, Input, diagnostics};

mod common;
use common::harness;

/// Longest a background job may take before a test gives up (a debug build on two busy cores).
const JOB_LIMIT: Duration = Duration::from_secs(120);

/// A loader that runs the real load, then reports on the receiver it returns
/// and holds the result until the sender is sent to or dropped: while it holds,
/// the load is known to be running, however fast the machine.
fn held_loader() -> (factsheet::gui::jobs::Loader, Receiver<()>, Sender<()>) {
    let (reached, on_reached) = channel();
    let (go, on_go) = channel::<()>();
    let on_go = Mutex::new(on_go);
    let loader = Arc::new(move |inputs: &[Input], filters: &_, sort, progress: &_| {
        let result = factsheet::gui::jobs::prepare(inputs, filters, sort, progress);
        // Nobody listening, or the sender dropped: no hold.
        let _ = reached.send(());
        if let Ok(on_go) = on_go.lock() {
            let _ = on_go.recv();
        }
        result
    });
    (loader, on_reached, go)
}

/// The app with the bundled sample open and drawn once.
fn sample_harness() -> Harness<'static, FactsheetApp> {
    let mut app = FactsheetApp::default();
    app.apply(Command::Open(vec![Input::Sample]));
    app.wait_for_jobs(JOB_LIMIT);
    assert!(app.state.data.is_some(), "{:?}", app.state.load_failure);
    let mut harness = harness(app);
    harness.run();
    harness
}

/// What shows that the sample is (still) the open data.
#[derive(Debug, PartialEq)]
struct Shown {
    title: String,
    inputs: Vec<Input>,
    visible: usize,
    first_row: String,
}

fn shown(harness: &Harness<'static, FactsheetApp>) -> Shown {
    let state = &harness.state().state;
    let data = state.data.as_ref().expect("some data is open");
    let first = state
        .visible
        .first()
        .copied()
        .expect("some rows are visible");
    Shown {
        title: data.dataset.title.to_string(),
        inputs: data.inputs.clone(),
        visible: state.visible.len(),
        first_row: data.table.rows[first].title.to_string(),
    }
}

/// The data from before is still open, and its first row is still in the table on screen.
fn assert_still_shown(harness: &Harness<'static, FactsheetApp>, before: &Shown) {
    assert_eq!(&shown(harness), before, "the data already open must stay");
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    assert!(
        table.query_all_by_label(&before.first_row).count() >= 1,
        "the table should still show {:?}",
        before.first_row
    );
}

/// Steps frames until no job runs, returning how many frames ran meanwhile.
fn step_while_busy(harness: &mut Harness<'static, FactsheetApp>) -> usize {
    let start = Instant::now();
    let mut frames = 0;
    while harness.state().busy() {
        assert!(
            start.elapsed() < JOB_LIMIT,
            "the background job never ended"
        );
        harness.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    // The frame that applies the result, then one to draw it.
    harness.step();
    harness.step();
    frames
}

/// The failed load's diagnostics, checked to be shown in the failure window and to name `file`.
fn failure_messages(harness: &Harness<'static, FactsheetApp>, file: &Path) -> Vec<String> {
    let failure = harness
        .state()
        .state
        .load_failure
        .clone()
        .expect("the load should have failed");
    harness.get_by_label(diagnostics::LOAD_FAILED_TITLE);
    let label = file.display().to_string();
    assert!(!failure.diagnostics.is_empty());
    for d in &failure.diagnostics {
        assert_eq!(d.file, label, "each error names the file: {d}");
        assert!(
            on_screen(harness, &d.message),
            "the message {:?} should be on screen",
            d.message
        );
    }
    assert!(
        on_screen(harness, &label),
        "the file name should be on screen"
    );
    failure
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

/// Whether some node's label on screen contains `text`.
fn on_screen(harness: &Harness<'static, FactsheetApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn generate(path: &Path, events: u64, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    factsheet_generate::write_dataset(&mut bytes, factsheet_generate::Options { events, seed })
        .unwrap();
    std::fs::write(path, &bytes).unwrap();
    bytes
}

fn open(harness: &mut Harness<'static, FactsheetApp>, path: &Path) {
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::File(path.to_path_buf())]));
}

#[test]
fn a_recent_file_deleted_since_it_was_opened_says_so_and_the_open_data_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.json");
    generate(&path, 20, 1);
    let mut harness = sample_harness();
    open(&mut harness, &path);
    step_while_busy(&mut harness);
    assert!(harness.state().state.load_failure.is_none());
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::Sample]));
    step_while_busy(&mut harness);
    let before = shown(&harness);
    std::fs::remove_file(&path).unwrap();

    // Choose it again from File > Recent, as a user would.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Recent").hover();
    harness.run();
    harness.get_by_label(&path.display().to_string()).click();
    harness.step();
    assert!(
        harness.state().busy(),
        "choosing a recent file starts a load"
    );
    step_while_busy(&mut harness);

    let messages = failure_messages(&harness, &path);
    assert!(
        messages.iter().any(|m| m.contains("no such file")),
        "{messages:?}"
    );
    assert_still_shown(&harness, &before);
}

#[test]
fn a_folder_and_a_file_whose_read_fails_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = sample_harness();
    let before = shown(&harness);

    // Tests run as root here, and root reads a file whatever its permission
    // bits, so `chmod 000` would not make a read fail. A folder fails for
    // anyone, and so does /proc/self/mem: a read at its offset 0 is EIO.
    let mut cases = vec![(dir.path().to_path_buf(), "folder")];
    if cfg!(target_os = "linux") {
        cases.push((PathBuf::from("/proc/self/mem"), "could not read"));
    }
    for (path, expected) in cases {
        open(&mut harness, &path);
        step_while_busy(&mut harness);
        let messages = failure_messages(&harness, &path);
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{}: {messages:?}",
            path.display()
        );
        assert_still_shown(&harness, &before);
        harness.state_mut().apply(Command::DismissLoadFailure);
    }
}

#[test]
fn a_truncated_file_is_refused_at_the_place_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.json");
    let whole = generate(&path, 200, 2);
    let cut = whole.len() * 3 / 5;
    std::fs::write(&path, &whole[..cut]).unwrap();
    let lines = 1 + whole[..cut].iter().filter(|&&b| b == b'\n').count();

    let mut harness = sample_harness();
    let before = shown(&harness);
    open(&mut harness, &path);
    step_while_busy(&mut harness);

    failure_messages(&harness, &path);
    let failure = harness.state().state.load_failure.clone().unwrap();
    let d = &failure.diagnostics[0];
    assert_eq!(d.line, Some(lines), "the error is at the cut: {d}");
    let place = format!("{}:{lines}:", path.display());
    assert!(on_screen(&harness, &place), "{place} should be on screen");
    assert_still_shown(&harness, &before);
}

#[test]
fn a_file_too_large_to_open_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: it takes no disk and no time, yet reports its full size.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(factsheet_core::load::parse::MAX_FILE_BYTES + 1)
        .unwrap();
    drop(file);

    let mut harness = sample_harness();
    let before = shown(&harness);
    open(&mut harness, &path);
    step_while_busy(&mut harness);
    let messages = failure_messages(&harness, &path);
    let limit = format!("{} MB", factsheet_core::load::parse::MAX_FILE_BYTES >> 20);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("more than") && m.contains(&limit)),
        "{messages:?}"
    );
    assert_still_shown(&harness, &before);
}

#[test]
fn the_ui_answers_while_a_large_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    generate(&path, 5000, 3);
    let mut harness = sample_harness();
    let before = shown(&harness);
    assert_eq!(harness.state().state.theme, ThemeChoice::Light);
    let (loader, reached, go) = held_loader();
    harness.state_mut().set_loader(loader);

    open(&mut harness, &path);
    harness.step();
    reached.recv_timeout(JOB_LIMIT).expect("the load ran");
    assert!(harness.state().busy());
    // While the file loads: the old data is on screen, the load is announced,
    // and a click is answered.
    let opening = format!("Opening {}", path.display());
    assert!(
        on_screen(&harness, &opening),
        "{opening:?} should be on screen"
    );
    assert_still_shown(&harness, &before);
    harness.get_by_label_contains("Light").click();
    harness.step();
    assert_eq!(harness.state().state.theme, ThemeChoice::Dark);
    assert!(
        harness.state().busy(),
        "the click was answered before the load ended"
    );
    drop(go);
    step_while_busy(&mut harness);

    let state = &harness.state().state;
    assert!(state.load_failure.is_none(), "{:?}", state.load_failure);
    assert_eq!(state.visible.len(), 5000);
    assert_eq!(state.theme, ThemeChoice::Dark);
    assert!(!on_screen(&harness, &opening));
}

/// A writer that rewrites `path` with `versions` in turn, in chunks, until
/// stopped, as a program saving over the file again and again would. It
/// stops only between two whole versions.
struct Rewriter {
    stop: Arc<AtomicBool>,
    rounds: Arc<AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Rewriter {
    /// Counts the whole versions written in `rounds` (from 0).
    fn start(
        path: PathBuf,
        versions: [Vec<u8>; 2],
        truncate: bool,
        rounds: Arc<AtomicUsize>,
    ) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        rounds.store(0, Ordering::SeqCst);
        let (stop2, rounds2) = (Arc::clone(&stop), Arc::clone(&rounds));
        let thread = std::thread::spawn(move || {
            use std::io::Write;
            let mut i = 0;
            while !stop2.load(Ordering::Relaxed) {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(truncate)
                    .open(&path)
                    .unwrap();
                for chunk in versions[i % 2].chunks(64 << 10) {
                    file.write_all(chunk).unwrap();
                    // A slow saver leaves the file short for a while after truncating it.
                    if truncate {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                drop(file);
                i += 1;
                rounds2.store(i, Ordering::SeqCst);
            }
        });
        Rewriter {
            stop,
            rounds,
            thread: Some(thread),
        }
    }

    /// Stops the writer; returns how many whole versions it wrote.
    fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
        self.rounds.load(Ordering::SeqCst)
    }
}

/// Opens `path` while a [`Rewriter`] keeps changing it, stops the writer, and
/// checks where the app settles: on the file as it now is (every event id of
/// the last version written), or on a message naming the file with the data
/// from before still open. A mix of versions, or data older than the file,
/// fails.
fn load_while_rewritten(truncate: bool) {
    const EVENTS: u64 = 3000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moving.json");
    // Two versions of the same size that differ all through the file: every
    // event id is "ev-…" in one and "ew-…" in the other. Any mix of the two
    // is valid JSON with ids of both kinds, so a silent mix would load.
    let a = generate(&path, EVENTS, 4);
    let b = String::from_utf8(a.clone())
        .unwrap()
        .replace("\"ev-", "\"ew-")
        .into_bytes();
    assert_eq!(a.len(), b.len());
    assert_ne!(a, b);

    let mut harness = sample_harness();
    // The file's load starts once the writer has written a whole version: it
    // is then in the middle of the next, and the load cannot end before it began.
    let rounds = Arc::new(AtomicUsize::new(0));
    let written = Arc::clone(&rounds);
    let moving = Input::File(path.clone());
    harness.state_mut().set_loader(Arc::new(
        move |inputs: &[Input], filters: &_, sort, progress: &_| {
            while inputs.first() == Some(&moving) && written.load(Ordering::SeqCst) == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
            factsheet::gui::jobs::prepare(inputs, filters, sort, progress)
        },
    ));
    // Two loads, as each one may or may not fall on a write.
    for _ in 0..2 {
        harness
            .state_mut()
            .apply(Command::Open(vec![Input::Sample]));
        step_while_busy(&mut harness);
        let before = shown(&harness);
        let writer = Rewriter::start(
            path.clone(),
            [b.clone(), a.clone()],
            truncate,
            Arc::clone(&rounds),
        );
        open(&mut harness, &path);
        // Until the open ends (reloads may follow at once while the writer runs).
        let start = Instant::now();
        let mut frames = 0;
        while harness.state().state.loading.is_some() {
            assert!(start.elapsed() < JOB_LIMIT, "the load never ended");
            harness.step();
            frames += 1;
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(frames > 0);
        let rounds = writer.stop();
        assert!(rounds > 0, "the load waits for a rewrite");
        let last = if rounds % 2 == 1 { "ew-" } else { "ev-" };
        assert!(std::fs::read(&path).unwrap() == if last == "ew-" { &b[..] } else { &a[..] });

        // The app may show an earlier version until its watcher reloads the file.
        let settled = |app: &FactsheetApp| -> Option<bool> {
            let state = &app.state;
            if app.busy() {
                return None;
            }
            let data = state.data.as_ref()?;
            if data.inputs == [Input::File(path.clone())] {
                let ids_now = data.dataset.events.len() as u64 == EVENTS
                    && data.dataset.events.iter().all(|e| e.id.starts_with(last));
                return ids_now.then_some(true);
            }
            let refused = state
                .load_failure
                .as_ref()
                .is_some_and(|f| f.inputs == [Input::File(path.clone())]);
            refused.then_some(false)
        };
        let start = Instant::now();
        let loaded = loop {
            harness.step();
            if let Some(loaded) = settled(harness.state()) {
                break loaded;
            }
            let state = &harness.state().state;
            let ids: std::collections::BTreeSet<&str> = state
                .dataset()
                .map(|d| d.events.iter().map(|e| &e.id[..3]).collect())
                .unwrap_or_default();
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the app did not settle on the file as it is ({last}…): showing ids {ids:?}, \
                 failure {:?}",
                state.load_failure
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        harness.step();
        if loaded {
            eprintln!("{rounds} rewrites: settled on the last version");
        } else {
            let messages = failure_messages(&harness, &path);
            eprintln!("{rounds} rewrites: refused: {messages:?}");
            assert_still_shown(&harness, &before);
            harness.state_mut().apply(Command::DismissLoadFailure);
        }
    }
}

#[test]
fn a_file_rewritten_in_place_while_it_loads_is_one_version_or_a_clear_message() {
    load_while_rewritten(false);
}

#[test]
fn a_file_truncated_and_rewritten_while_it_loads_is_one_version_or_a_clear_message() {
    load_while_rewritten(true);
}

#[test]
fn a_file_saved_again_while_it_is_parsed_is_read_again() {
    const EVENTS: u64 = 3000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.json");
    let old = generate(&path, EVENTS, 6);
    let new = String::from_utf8(old.clone())
        .unwrap()
        .replace("\"ev-", "\"ew-")
        .into_bytes();
    let mut harness = sample_harness();
    let (loader, reached, go) = held_loader();
    harness.state_mut().set_loader(loader);
    open(&mut harness, &path);
    harness.step();
    // The old version is read and parsed; its result is held back.
    reached.recv_timeout(JOB_LIMIT).expect("the load ran");
    assert!(
        harness.state().state.loading.is_some(),
        "the load is running"
    );
    // Saved once (as editors do: a new file renamed over the old), before the
    // app watches the file: no change event will come for it.
    let tmp = dir.path().join("saved.json.tmp");
    std::fs::write(&tmp, &new).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    // The held load ends with the old version; the reload it causes is not held.
    drop(go);
    step_until(&mut harness, "the file as saved", |app| {
        app.state.dataset().is_some_and(|d| {
            d.events.len() as u64 == EVENTS && d.events.iter().all(|e| e.id.starts_with("ew-"))
        })
    });
}

/// Steps the app until `done` holds, for at most 30 s (a file watcher reports in its own time).
fn step_until(
    harness: &mut Harness<'static, FactsheetApp>,
    what: &str,
    done: impl Fn(&FactsheetApp) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "gave up waiting for {what}"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.step();
}

/// An open that does not end by itself (a pipe no writer opens, a device that
/// trickles): here a loader held back until the test lets it go. Cancel,
/// found by its label beside the progress, gives it up at once: no "Opening",
/// no job counted, the data on screen stays; the load is told to stop, and its
/// result, when it comes, changes nothing.
#[test]
fn an_open_that_does_not_end_is_given_up_with_its_cancel_button() {
    let mut harness = sample_harness();
    let sample = shown(&harness);
    let (let_go, held) = std::sync::mpsc::channel::<()>();
    let held = std::sync::Mutex::new(held);
    let (told_tx, told) = std::sync::mpsc::channel::<bool>();
    harness
        .state_mut()
        .set_loader(Arc::new(move |inputs, filters, sort, progress| {
            let _ = held.lock().map(|rx| rx.recv());
            let _ = told_tx.send(progress.is_cancelled());
            factsheet::gui::jobs::prepare(inputs, filters, sort, progress)
        }));
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/one-event.json");
    open(&mut harness, &other);
    harness.step();
    harness.step();
    assert!(harness.state().busy());
    harness.get_by_label(CANCEL_LABEL).click();
    harness.step();
    harness.step();
    assert!(harness.state().state.loading.is_none());
    assert!(
        !harness.state().busy(),
        "a cancelled open is not waited for"
    );
    assert!(harness.query_by_label(CANCEL_LABEL).is_none());
    assert!(on_screen(&harness, "opening cancelled"));
    assert_still_shown(&harness, &sample);

    let_go.send(()).unwrap();
    assert_eq!(
        told.recv_timeout(JOB_LIMIT),
        Ok(true),
        "the load should be told it was cancelled"
    );
    // Whatever the load makes of the file is dropped, never sent to the app.
    harness.step();
    harness.step();
    assert_still_shown(&harness, &sample);
}

#[test]
fn the_file_opened_last_wins_when_an_earlier_load_ends_later() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    generate(&first, 20, 4);
    let slow = dir.path().join("slow.json");
    generate(&slow, 200, 5);
    let mut harness = sample_harness();
    open(&mut harness, &first);
    step_while_busy(&mut harness);
    assert_eq!(shown(&harness).visible, 20);
    // The slow file's load is held until the sample, opened after it, is shown.
    let (go, on_go) = channel::<()>();
    let on_go = Mutex::new(on_go);
    let (ended, on_end) = channel::<()>();
    let held = Input::File(slow.clone());
    harness.state_mut().set_loader(Arc::new(
        move |inputs: &[Input], filters: &_, sort, progress: &_| {
            let result = factsheet::gui::jobs::prepare(inputs, filters, sort, progress);
            if inputs.first() == Some(&held)
                && let Ok(on_go) = on_go.lock()
            {
                let _ = on_go.recv();
                let _ = ended.send(());
            }
            result
        },
    ));
    open(&mut harness, &slow);
    harness.step();
    // Changed their mind: the sample.
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::Sample]));
    step_until(&mut harness, "the sample", |app| {
        app.state
            .data
            .as_ref()
            .is_some_and(|d| d.inputs == [Input::Sample])
    });
    let sample = shown(&harness);
    // The open it replaced was given up (not waited for); its load ends
    // later, and what it read changes nothing.
    assert!(
        !harness.state().busy(),
        "the replaced open is not waited for"
    );
    drop(go);
    on_end
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the slow load ends once let go");
    step_while_busy(&mut harness);
    harness.step();
    assert!(harness.state().state.load_failure.is_none());
    assert_still_shown(&harness, &sample);
}

#[test]
fn an_export_to_an_impossible_place_says_why_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain-file");
    std::fs::write(&plain, "not a folder").unwrap();
    let mut harness = sample_harness();
    let before = shown(&harness);
    let cases = [
        (
            dir.path().join("no-such-folder").join("s.md"),
            "does not exist",
        ),
        (plain.join("s.md"), "is not a folder"),
        (dir.path().to_path_buf(), "is a folder"),
    ];
    for (path, expected) in cases {
        harness.state_mut().apply(Command::ExportTo(
            factsheet_core::export::Format::Markdown,
            path.clone(),
        ));
        step_while_busy(&mut harness);
        let notice = harness.state().state.notice.clone().expect("a notice");
        assert!(notice.is_error, "{}", notice.text);
        assert!(
            notice.text.contains(&path.display().to_string()) && notice.text.contains(expected),
            "{}",
            notice.text
        );
        assert!(
            on_screen(&harness, &notice.text),
            "the notice should be on screen"
        );
        assert!(harness.state().state.exporting.is_none());
        assert_still_shown(&harness, &before);
    }
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), "not a folder");
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["plain-file"], "nothing else may be written");
}

/// About 500 MB of events, opened over the sample while frames keep running.
/// Prints the time, the longest frame, the peak memory and the outcome.
#[test]
#[ignore = "takes a minute and several GB: cargo test --release --test gui_faults -- --ignored --nocapture"]
fn a_500_mb_file_loads_while_the_ui_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("500mb.json");
    let started = Instant::now();
    {
        let file = std::fs::File::create(&path).unwrap();
        factsheet_generate::write_dataset(
            std::io::BufWriter::with_capacity(1 << 20, file),
            factsheet_generate::Options {
                events: 420_000,
                seed: 1,
            },
        )
        .unwrap();
    }
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "generated {} MB in {:.1} s",
        size >> 20,
        started.elapsed().as_secs_f64()
    );
    assert!(size >= 500_000_000, "only {size} bytes");

    let mut harness = sample_harness();
    let before = shown(&harness);
    let rss_before = peak_rss_kb();
    open(&mut harness, &path);
    let started = Instant::now();
    let (mut frames, mut longest) = (0, Duration::ZERO);
    while harness.state().busy() {
        assert!(started.elapsed() < Duration::from_secs(600));
        let t = Instant::now();
        harness.step();
        longest = longest.max(t.elapsed());
        frames += 1;
        if frames == 10 {
            assert_still_shown(&harness, &before);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let load = started.elapsed();
    let t = Instant::now();
    harness.step();
    harness.step();
    let first_frames = t.elapsed();
    let state = &harness.state().state;
    let outcome = match (&state.load_failure, state.dataset()) {
        (Some(f), _) => format!("refused: {:?}", f.diagnostics),
        (None, Some(d)) => format!("loaded {} events", d.events.len()),
        (None, None) => "nothing".to_string(),
    };
    eprintln!(
        "500 MB: {outcome} in {:.1} s; {frames} frames while loading, longest {:.0} ms; \
         the two frames after it {:.0} ms; peak RSS {} MB before, {} MB after",
        load.as_secs_f64(),
        longest.as_secs_f64() * 1e3,
        first_frames.as_secs_f64() * 1e3,
        rss_before >> 10,
        peak_rss_kb() >> 10,
    );
    assert!(frames > 10, "frames should keep coming while it loads");
    assert!(state.load_failure.is_none(), "{outcome}");
    assert_eq!(state.visible.len(), 420_000);
}

/// The process's peak resident memory (VmHWM), in KB; 0 where /proc is missing.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Needs the right to mount a tmpfs (root): a plain `cargo test` lists it as ignored;
/// `cargo test -- --ignored needs_` runs it (CI does, as root) and fails where mounting is refused.
mod needs_root {
    use super::*;

    #[test]
    #[ignore = "needs root to mount a tmpfs: cargo test -- --ignored needs_ (CI runs it)"]
    fn an_export_to_a_full_disk_says_so_and_keeps_the_old_file_and_the_data() {
        let disk =
            SmallDisk::mount().unwrap_or_else(|why| panic!("cannot mount a 256 KB tmpfs: {why}"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.json");
        generate(&path, 1000, 7);
        let mut harness = sample_harness();
        open(&mut harness, &path);
        step_while_busy(&mut harness);
        let before = shown(&harness);
        assert_eq!(before.visible, 1000);
        let out = disk.path().join("sheet.md");
        std::fs::write(&out, "old").unwrap();

        harness.state_mut().apply(Command::ExportTo(
            factsheet_core::export::Format::Markdown,
            out.clone(),
        ));
        step_while_busy(&mut harness);
        let notice = harness.state().state.notice.clone().expect("a notice");
        assert!(notice.is_error, "{}", notice.text);
        assert!(
            notice.text.contains(&out.display().to_string())
                && notice.text.contains("disk is full"),
            "{}",
            notice.text
        );
        assert!(on_screen(&harness, &notice.text));
        assert_still_shown(&harness, &before);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(disk.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["sheet.md"], "no temporary file left");
    }
}
