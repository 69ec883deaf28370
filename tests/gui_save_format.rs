//! Ctrl+S on a format-1 file, driven through egui_kittest by accessible
//! labels: an edit that format 1 can hold saves at once, one that only
//! format 2 holds is asked about first ("Save as format 2", "Save as…",
//! "Cancel"), for one file open or several; and the File menu's one
//! "Save as…" with one file open.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use factsheet::gui::dialog::Choice;
use factsheet::gui::editing::labels;
use factsheet::gui::top_bar::SAVE_COPY;
use factsheet::gui::{FactsheetApp, Input};

mod common;
use common::app_with;
use common::settling_harness as harness;

/// A format-1 file of one event with one claim.
const ONE: &str = r#"{"format_version": 1, "title": "One",
  "sources": [{"id": "hq", "outlet": "Coordination Headquarters"}],
  "events": [
    {"id": "e1", "title": "Bodies returned", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "hq", "value": {"exact": 1212}}]}]}
  ]}
"#;

/// Another format-1 file, to open beside [`ONE`].
const TWO: &str = r#"{"format_version": 1, "title": "Two",
  "sources": [{"id": "sb", "outlet": "Paper B"}],
  "events": [
    {"id": "b1", "title": "B one", "date": {"on": "2025-06-20"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "sb", "value": {"exact": 300}}]}]}
  ]}
"#;

const WORDS: &str = "Words (optional: the source's own, as \"dozens\", \"nearly 5,000\")";

/// The question for `data.json` given words, as the modal shows it.
const ASKED: &str = "data.json is format 1, which cannot hold `words` \
                     (at events[0].figures[0].claims[0].words): save it as format 2?";

fn written(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn opened(paths: &[&Path]) -> Harness<'static, FactsheetApp> {
    let inputs = paths.iter().map(|p| Input::File(p.to_path_buf())).collect();
    let mut harness = harness(app_with(inputs));
    harness.run();
    harness
}

fn wait(harness: &mut Harness<'static, FactsheetApp>) {
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
}

fn click(harness: &mut Harness<'static, FactsheetApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'static, FactsheetApp>, label: &str, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    harness.run();
}

/// Opens the claim `claim` ("f hq: 1,212") of event `event` and, in its
/// form, types `words` into Words (a format-2 field) or `whom` into
/// Attributed to (a format-1 one), then applies.
fn edit_claim(harness: &mut Harness<'static, FactsheetApp>, event: &str, claim: &str, field: &str) {
    harness
        .state_mut()
        .apply(factsheet::gui::Command::SelectId(event.to_string()));
    harness.run();
    click(harness, &format!("{} {claim}", labels::EDIT_CLAIM));
    type_into(harness, field, "nearly 1,300");
    click(harness, labels::APPLY);
    wait(harness);
}

fn ctrl_s(harness: &mut Harness<'static, FactsheetApp>) {
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::S,
        pressed: true,
        modifiers: egui::Modifiers::CTRL | egui::Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    harness.run();
    wait(harness);
}

fn format_version(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["format_version"].as_u64().unwrap()
}

#[test]
fn words_given_to_a_format_1_file_are_asked_about_and_saved_as_format_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "data.json", ONE);
    let mut harness = opened(&[&path]);
    edit_claim(&mut harness, "e1", "f hq: 1,212", WORDS);

    ctrl_s(&mut harness);
    harness.get_by_label(labels::UPGRADE_TITLE);
    harness.get_by_label(ASKED);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        ONE,
        "asked before writing"
    );

    click(&mut harness, labels::SAVE_AS_FORMAT_2);
    wait(&mut harness);
    assert!(harness.query_by_label(labels::UPGRADE_TITLE).is_none());
    assert_eq!(format_version(&path), 2);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"words\": \"nearly 1,300\"")
    );
    assert!(!harness.state().state.unsaved());
}

#[test]
fn cancel_leaves_the_format_1_file_as_it_was_and_the_edits_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "data.json", ONE);
    let mut harness = opened(&[&path]);
    edit_claim(&mut harness, "e1", "f hq: 1,212", WORDS);

    ctrl_s(&mut harness);
    click(&mut harness, labels::CANCEL);
    assert!(harness.query_by_label(labels::UPGRADE_TITLE).is_none());
    assert_eq!(std::fs::read(&path).unwrap(), ONE.as_bytes());
    assert!(harness.state().state.unsaved(), "the edits stay");
}

#[test]
fn save_as_writes_another_file_and_leaves_the_format_1_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "data.json", ONE);
    let other = dir.path().join("other.json");
    let mut harness = opened(&[&path]);
    let answer = other.clone();
    harness
        .state_mut()
        .set_ask_where(Arc::new(move |_, _, _, _| Choice::Chosen(answer.clone())));
    edit_claim(&mut harness, "e1", "f hq: 1,212", WORDS);

    ctrl_s(&mut harness);
    click(&mut harness, labels::SAVE_AS);
    wait(&mut harness);
    wait(&mut harness);
    assert_eq!(std::fs::read(&path).unwrap(), ONE.as_bytes());
    assert_eq!(format_version(&other), 2);
    assert_eq!(
        harness
            .state()
            .state
            .data
            .as_ref()
            .map(|d| d.inputs.clone()),
        Some(vec![Input::File(other)])
    );
}

#[test]
fn an_edit_format_1_holds_saves_with_no_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "data.json", ONE);
    let mut harness = opened(&[&path]);
    edit_claim(&mut harness, "e1", "f hq: 1,212", "Attributed to");

    ctrl_s(&mut harness);
    assert!(harness.query_by_label(labels::UPGRADE_TITLE).is_none());
    assert_eq!(format_version(&path), 1);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"attributed_to\": \"nearly 1,300\"")
    );
    assert!(!harness.state().state.unsaved());
}

#[test]
fn with_several_files_open_each_file_to_become_format_2_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let one = written(dir.path(), "data.json", ONE);
    let two = written(dir.path(), "two.json", TWO);
    let mut harness = opened(&[&one, &two]);
    edit_claim(&mut harness, "e1", "f hq: 1,212", WORDS);
    edit_claim(&mut harness, "b1", "f sb: 300", WORDS);

    ctrl_s(&mut harness);
    harness.get_by_label(
        "data.json is format 1, which cannot hold `words` \
         (at events[0].figures[0].claims[0].words).",
    );
    harness.get_by_label(
        "two.json is format 1, which cannot hold `words` \
         (at events[0].figures[0].claims[0].words).",
    );
    assert_eq!(std::fs::read(&one).unwrap(), ONE.as_bytes());
    assert_eq!(std::fs::read(&two).unwrap(), TWO.as_bytes());
    click(&mut harness, labels::SAVE_AS_FORMAT_2);
    wait(&mut harness);
    assert_eq!((format_version(&one), format_version(&two)), (2, 2));
    assert!(!harness.state().state.unsaved());
}

#[test]
fn the_file_menu_has_one_save_as_with_one_file_open_and_the_copy_with_several() {
    let dir = tempfile::tempdir().unwrap();
    let one = written(dir.path(), "data.json", ONE);
    let two = written(dir.path(), "two.json", TWO);
    let mut harness = opened(&[&one]);
    click(&mut harness, "File");
    // "Save as… Ctrl+Shift+S": the shortcut is part of its name.
    assert_eq!(harness.query_all_by_label_contains("Save as").count(), 1);
    harness.get_by_label_contains(labels::SAVE_AS);
    assert!(harness.query_by_label(SAVE_COPY).is_none());

    let mut harness = opened(&[&one, &two]);
    click(&mut harness, "File");
    harness.get_by_label(SAVE_COPY);
}

#[test]
fn saving_before_opening_another_file_asks_too_and_then_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(dir.path(), "data.json", ONE);
    let mut harness = opened(&[&path]);
    edit_claim(&mut harness, "e1", "f hq: 1,212", WORDS);
    harness
        .state_mut()
        .apply(factsheet::gui::Command::Open(vec![Input::Sample]));
    harness.run();
    click(&mut harness, labels::SAVE);
    wait(&mut harness);
    harness.get_by_label(ASKED);
    assert_eq!(std::fs::read(&path).unwrap(), ONE.as_bytes());

    click(&mut harness, labels::SAVE_AS_FORMAT_2);
    wait(&mut harness);
    wait(&mut harness);
    assert_eq!(format_version(&path), 2);
    assert_eq!(
        harness
            .state()
            .state
            .data
            .as_ref()
            .map(|d| d.inputs.clone()),
        Some(vec![Input::Sample]),
        "then the other file opened"
    );
}
