//! Edits are never lost, driven through egui_kittest by accessible labels
//! where there is something to click: the open file changed on disk while it
//! has unsaved edits (a claim edited in the app, the file rewritten on disk
//! with another change, and the prompt that lists what differs between the
//! two versions, each side's reading in words; then each of its answers in
//! turn, and what each leaves on disk and on screen); an edit still being
//! made in the background when the file changes, or when the prompt's Save
//! is chosen; and the temporary file an
//! app killed while saving left beside the data, removed by the next save.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use factsheet::gui::dialog::Choice;
use factsheet::gui::editing::{Pending, labels};
use factsheet::gui::reload_diff;
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::{Dataset, Quantity};

mod common;
use common::app_with;
use common::settling_harness as harness;

const EVENT: &str = "2025-06-11-remains";
const VALUE: &str = "Value (1,212 · more than 500 · 250–300 · not disclosed)";
const SAVE_MINE: &str = "Save my edits as…";
const TAKE_DISK: &str = "Take the version on disk";
const KEEP_MINE: &str = "Keep my edits";

/// The editing fixture (one event, one claim of 1,212 by "hq") in a fresh folder.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit-small.json");
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

fn wait(harness: &mut Harness<'static, FactsheetApp>) {
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
}

/// The claim of 1,212 edited to 1,300 in the app, then the event's title
/// changed on disk by another program, and the change seen.
fn edited_then_changed_on_disk() -> (tempfile::TempDir, PathBuf, Harness<'static, FactsheetApp>) {
    let (dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path.clone())]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness
        .get_by_label(&format!(
            "{} remains-to-ukraine hq: 1,212",
            labels::EDIT_CLAIM
        ))
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, VALUE)
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    let field = harness.get_by_role_and_label(Role::TextInput, VALUE);
    field.type_text("1,300");
    harness.run();
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    assert_eq!(value_on_screen(harness.state()), Quantity::Exact(1300));

    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace("\"Bodies returned\"", "\"Bodies returned home\"");
    assert_ne!(text, changed);
    std::fs::write(&path, changed).unwrap();
    asked_about_disk(&mut harness);
    (dir, path, harness)
}

/// Steps frames until the watcher has seen the file change and the prompt
/// asks about it, then lets the comparison finish.
fn asked_about_disk(harness: &mut Harness<'static, FactsheetApp>) {
    for _ in 0..400 {
        harness.step();
        if harness.state().state.pending == Some(Pending::Reload) {
            wait(harness);
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("gave up waiting for the change on disk to be seen");
}

fn value_on_screen(app: &FactsheetApp) -> Quantity {
    let d = app.state.dataset().unwrap();
    d.event(EVENT).unwrap().figures[0].claims[0].value
}

fn read(path: &Path) -> Dataset {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_prompt_lists_what_differs_with_each_sides_reading() {
    let (_dir, _path, harness) = edited_then_changed_on_disk();
    assert_eq!(harness.state().state.pending, Some(Pending::Reload));
    harness.get_by_label(reload_diff::HEADING);
    harness.get_by_label("Claims that differ");
    harness.get_by_label(
        "Bodies returned, remains to Ukraine, Coordination Headquarters: \
         value: on disk 1,212; your edits 1,300",
    );
    harness.get_by_label("Events that differ");
    harness.get_by_label(
        "2025-06-11, Bodies returned (repatriation of remains): \
         title: on disk Bodies returned home; your edits Bodies returned",
    );
}

#[test]
fn keep_my_edits_leaves_both_versions_and_save_then_asks_where() {
    let (_dir, path, mut harness) = edited_then_changed_on_disk();
    let on_disk = std::fs::read(&path).unwrap();
    harness.get_by_label(KEEP_MINE).click();
    harness.run();
    assert_eq!(harness.state().state.pending, None);
    assert!(harness.query_by_label(reload_diff::HEADING).is_none());
    assert_eq!(value_on_screen(harness.state()), Quantity::Exact(1300));
    assert!(harness.state().state.history.is_dirty());
    assert!(
        harness.state().state.changed_on_disk,
        "the next Save asks where"
    );
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
}

#[test]
fn take_the_version_on_disk_drops_the_edits_and_shows_the_file() {
    let (_dir, path, mut harness) = edited_then_changed_on_disk();
    let on_disk = std::fs::read(&path).unwrap();
    harness.get_by_label(TAKE_DISK).click();
    harness.run();
    wait(&mut harness);
    assert_eq!(harness.state().state.pending, None);
    let app = harness.state();
    assert_eq!(value_on_screen(app), Quantity::Exact(1212));
    assert_eq!(
        app.state.dataset().unwrap().event(EVENT).unwrap().title,
        "Bodies returned home"
    );
    assert!(!app.state.history.is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
}

#[test]
fn save_my_edits_as_writes_them_elsewhere_and_leaves_the_file_on_disk() {
    let (dir, path, mut harness) = edited_then_changed_on_disk();
    let on_disk = std::fs::read(&path).unwrap();
    let mine = dir.path().join("mine.json");
    let answer = mine.clone();
    harness
        .state_mut()
        .set_ask_where(Arc::new(move |_, _, _, _| Choice::Chosen(answer.clone())));
    harness.get_by_label(SAVE_MINE).click();
    harness.run();
    wait(&mut harness);
    wait(&mut harness);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the other version stays"
    );
    let saved = read(&mine);
    let event = saved.event(EVENT).unwrap();
    assert_eq!(event.title, "Bodies returned");
    assert_eq!(event.figures[0].claims[0].value, Quantity::Exact(1300));
    let app = harness.state();
    assert_eq!(app.state.pending, None);
    assert!(!app.state.history.is_dirty());
    assert_eq!(
        app.state.data.as_ref().map(|d| d.inputs.clone()),
        Some(vec![Input::File(mine)]),
        "the edits saved are the file open now"
    );
    assert_eq!(value_on_screen(app), Quantity::Exact(1300));
}

#[test]
fn a_version_on_disk_that_does_not_load_is_said_and_cannot_be_taken() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path.clone())]);
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        },
    ));
    let mut harness = harness(app);
    harness.run();
    std::fs::write(&path, "{\"title\": ").unwrap();
    asked_about_disk(&mut harness);
    harness.get_by_label_contains("The version on disk does not load, so it cannot be taken");
    assert!(
        harness
            .get_by_label(TAKE_DISK)
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        !harness
            .get_by_label(KEEP_MINE)
            .accesskit_node()
            .is_disabled()
    );
}

/// With large data the edit is made in the background: a change on disk
/// meanwhile still asks, and the edit arrives.
#[test]
fn a_change_on_disk_while_an_edit_is_made_in_the_background_asks_first() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path.clone())]);
    app.set_inline_view_limit(0);
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        },
    ));
    assert!(app.state.deriving_edit);
    app.apply(Command::Reload);
    assert_eq!(app.state.pending, Some(Pending::Reload));
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(app.state.history.is_dirty(), "the edit arrived");
    let d = app.state.dataset().unwrap();
    assert!(d.event(EVENT).unwrap().figures[0].claims.is_empty());
}

/// A pid no Linux process can have (above the largest `pid_max`).
const NO_PROCESS: u32 = 4_194_305;

#[test]
fn saving_removes_the_temporary_file_a_killed_save_left_and_nothing_else() {
    let (dir, path) = fixture_copy();
    let left = dir
        .path()
        .join(format!(".factsheet-{NO_PROCESS}-a1B2c3.tmp"));
    std::fs::write(&left, "{\"half\": ").unwrap();
    // An old one, of a process that may be any: left for an hour.
    let old = dir.path().join(".factsheet-x7y8z9.tmp");
    std::fs::write(&old, "{").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(2 * 60 * 60))
        .unwrap();
    // Another running program's, and files not ours.
    let running = dir
        .path()
        .join(format!(".factsheet-{}-d4e5f6.tmp", std::process::id()));
    std::fs::write(&running, "{").unwrap();
    std::fs::write(dir.path().join("notes.tmp"), "mine").unwrap();

    let mut app = app_with(vec![Input::File(path.clone())]);
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        },
    ));
    app.apply(Command::Edit(factsheet::gui::editing::EditCommand::Save));
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(!app.state.history.is_dirty(), "saved");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = vec![
        format!(".factsheet-{}-d4e5f6.tmp", std::process::id()),
        "data.json".to_string(),
        "notes.tmp".to_string(),
    ];
    if !cfg!(target_os = "linux") {
        // Elsewhere whether a process runs is not asked: only age counts.
        expected.push(format!(".factsheet-{NO_PROCESS}-a1B2c3.tmp"));
        expected.sort();
    }
    assert_eq!(names, expected);
}

/// Saving from the prompt while the last edit is still being made would
/// write the data without it and then go on: it waits instead.
#[test]
fn save_in_the_prompt_waits_for_an_edit_being_made() {
    let (_dir, path) = fixture_copy();
    let before = std::fs::read(&path).unwrap();
    let mut app = app_with(vec![Input::File(path.clone())]);
    app.set_inline_view_limit(0);
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        },
    ));
    app.apply(Command::Open(vec![Input::Sample]));
    assert_eq!(app.state.pending, Some(Pending::Open(vec![Input::Sample])));
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::Resolve(factsheet::gui::editing::Resolution::Save),
    ));
    assert!(app.state.notice.as_ref().is_some_and(|n| n.is_error));
    app.wait_for_jobs(Duration::from_secs(60));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    assert!(app.state.history.is_dirty(), "the edit is here");
    assert_eq!(app.state.pending, Some(Pending::Open(vec![Input::Sample])));
    // Once it is in, Save writes it and goes on.
    app.apply(Command::Edit(
        factsheet::gui::editing::EditCommand::Resolve(factsheet::gui::editing::Resolution::Save),
    ));
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(
        read(&path).event(EVENT).unwrap().figures[0]
            .claims
            .is_empty()
    );
    assert_eq!(
        app.state.data.as_ref().map(|d| d.inputs.clone()),
        Some(vec![Input::Sample])
    );
}
