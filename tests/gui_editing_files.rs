//! Editing with several files open, driven through egui_kittest by
//! accessible labels: an edit goes to the file that holds the item (the
//! file written equals bytes written out here by hand, the other file is
//! untouched), a new source goes to the file chosen for it, an event merged
//! from both files is refused with its reason, undo goes back across the
//! files, and a format-1 file stays format 1 when saved.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use factsheet::gui::editing::{files::FILE, labels};
use factsheet::gui::{Command, FactsheetApp, Input};

mod common;
use common::app_with;
use common::settling_harness as harness;

/// A format-2 file: `a1`, and `shared`, the handover `desk` of B is.
const A: &str = r#"{"format_version": 2, "title": "A",
  "sources": [{"id": "sa", "outlet": "Agency A"}],
  "events": [
    {"id": "a1", "title": "A one", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "sa", "value": {"exact": 100}}]}]},
    {"id": "shared", "title": "Shared", "date": {"on": "2025-07-01"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "sa", "value": {"exact": 50}}]}]}
  ]}
"#;

/// A format-1 file: `b1`, and `desk`, which is A's `shared`.
const B: &str = r#"{"format_version": 1, "title": "B",
  "sources": [{"id": "sb", "outlet": "Paper B"}],
  "events": [
    {"id": "b1", "title": "B one", "date": {"on": "2025-06-20"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "sb", "value": {"exact": 300}}]}]},
    {"id": "desk", "title": "Desk", "date": {"on": "2025-07-01"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "sb", "value": {"exact": 52}}]}]}
  ]}
"#;

/// B after "the paper" is typed as whom b1's claim is attributed to, written
/// out by hand: still format 1, two spaces, the schema's field order.
const B_SAVED: &str = r#"{
  "format_version": 1,
  "title": "B",
  "sources": [
    {
      "id": "sb",
      "outlet": "Paper B",
      "affiliation": "unknown"
    }
  ],
  "events": [
    {
      "id": "b1",
      "title": "B one",
      "date": {
        "on": "2025-06-20"
      },
      "kind": "remains_repatriation",
      "figures": [
        {
          "id": "f",
          "received_by": "ukraine",
          "category": "remains",
          "claims": [
            {
              "source": "sb",
              "value": {
                "exact": 300
              },
              "status": "claimed",
              "attributed_to": "the paper"
            }
          ]
        }
      ]
    },
    {
      "id": "desk",
      "title": "Desk",
      "date": {
        "on": "2025-07-01"
      },
      "kind": "remains_repatriation",
      "figures": [
        {
          "id": "f",
          "received_by": "ukraine",
          "category": "remains",
          "claims": [
            {
              "source": "sb",
              "value": {
                "exact": 52
              },
              "status": "claimed"
            }
          ]
        }
      ]
    }
  ]
}
"#;

/// A and B written into a fresh folder.
fn two_files() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&a, A).unwrap();
    std::fs::write(&b, B).unwrap();
    (dir, a, b)
}

fn opened(paths: &[&Path]) -> Harness<'static, FactsheetApp> {
    let inputs = paths.iter().map(|p| Input::File(p.to_path_buf())).collect();
    let mut harness = harness(app_with(inputs));
    harness.run();
    harness
}

fn select(harness: &mut Harness<'static, FactsheetApp>, id: &str) {
    harness.state_mut().apply(Command::SelectId(id.to_string()));
    harness.run();
}

fn type_into(harness: &mut Harness<'static, FactsheetApp>, label: &str, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    harness.run();
}

fn ctrl_key(harness: &mut Harness<'static, FactsheetApp>, key: egui::Key, shift: bool) {
    let mut modifiers = egui::Modifiers::CTRL | egui::Modifiers::COMMAND;
    if shift {
        modifiers |= egui::Modifiers::SHIFT;
    }
    harness.input_mut().events.push(egui::Event::Key {
        key,
        pressed: true,
        modifiers,
        repeat: false,
        physical_key: None,
    });
    harness.run();
}

fn save(harness: &mut Harness<'static, FactsheetApp>) {
    ctrl_key(harness, egui::Key::S, false);
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
}

/// Types "the paper" as whom b1's claim is attributed to, and applies.
fn attribute_b1(harness: &mut Harness<'static, FactsheetApp>) {
    select(harness, "b1");
    harness
        .get_by_label(&format!("{} f sb: 300", labels::EDIT_CLAIM))
        .click();
    harness.run();
    type_into(harness, "Attributed to", "the paper");
    harness.get_by_label(labels::APPLY).click();
    harness.run();
}

fn notice(harness: &Harness<'static, FactsheetApp>) -> String {
    harness.state().state.notice.clone().unwrap().text
}

#[test]
fn a_claim_of_the_second_files_event_is_saved_to_that_file_only_and_stays_format_1() {
    let (_dir, a, b) = two_files();
    let mut harness = opened(&[&a, &b]);
    attribute_b1(&mut harness);
    let files = harness.state().state.files.as_ref().unwrap();
    assert_eq!((files.is_dirty(0), files.is_dirty(1)), (false, true));
    harness.get_by_label(labels::UNSAVED_MARK);

    save(&mut harness);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), B_SAVED);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), A);
    assert_eq!(notice(&harness), "Saved b.json (format 1)");
    assert!(!harness.state().state.unsaved());
    assert!(harness.query_by_label(labels::UNSAVED_MARK).is_none());
}

#[test]
fn a_new_source_goes_to_the_file_chosen_for_it() {
    let (_dir, a, b) = two_files();
    let mut harness = opened(&[&a, &b]);
    harness.state_mut().apply(Command::Select(None));
    harness.run();
    harness.get_by_label(labels::ADD_SOURCE).click();
    harness.run();
    type_into(&mut harness, "Outlet", "Daily Example");
    harness.get_by_role_and_label(Role::ComboBox, FILE).click();
    harness.run();
    harness.get_by_label("b.json").click();
    harness.run();
    harness.get_by_label(labels::APPLY).click();
    harness.run();

    let state = &harness.state().state;
    let files = state.files.as_ref().unwrap();
    let outlets = |f| -> Vec<String> {
        files
            .dataset(f)
            .unwrap()
            .sources
            .iter()
            .map(|s| s.outlet.to_string())
            .collect()
    };
    assert_eq!(outlets(0), ["Agency A"]);
    assert_eq!(outlets(1), ["Paper B", "Daily Example"]);
    // The merged view shows it at once.
    assert_eq!(state.dataset().unwrap().sources.len(), 3);
}

#[test]
fn an_event_merged_from_both_files_is_not_changed_and_the_notice_says_why() {
    let (_dir, a, b) = two_files();
    let mut harness = opened(&[&a, &b]);
    select(&mut harness, "shared");
    harness.get_by_label(labels::EDIT_EVENT).click();
    harness.run();
    assert!(harness.state().state.editor.is_none());
    assert_eq!(
        notice(&harness),
        "Not changed: this event is merged from a.json (shared) and b.json (desk): \
         open one of them alone to change it"
    );
    assert!(!harness.state().state.unsaved());
}

#[test]
fn undo_and_redo_go_back_across_the_files() {
    let (_dir, a, b) = two_files();
    let mut harness = opened(&[&a, &b]);
    let claims = |harness: &Harness<'static, FactsheetApp>, id: &str| {
        let d = harness.state().state.dataset().unwrap();
        d.event(id).unwrap().figures[0].claims.len()
    };
    select(&mut harness, "a1");
    harness
        .get_by_label(&format!("{} f sa: 100", labels::DELETE_CLAIM))
        .click();
    harness.run();
    select(&mut harness, "b1");
    harness
        .get_by_label(&format!("{} f sb: 300", labels::DELETE_CLAIM))
        .click();
    harness.run();
    assert_eq!((claims(&harness, "a1"), claims(&harness, "b1")), (0, 0));
    assert_eq!(harness.state().state.edited_files(), ["a.json", "b.json"]);

    // The latest edit, in b.json, is undone first.
    ctrl_key(&mut harness, egui::Key::Z, false);
    assert_eq!((claims(&harness, "a1"), claims(&harness, "b1")), (0, 1));
    assert_eq!(harness.state().state.edited_files(), ["a.json"]);
    ctrl_key(&mut harness, egui::Key::Z, false);
    assert_eq!((claims(&harness, "a1"), claims(&harness, "b1")), (1, 1));
    assert!(!harness.state().state.unsaved());
    ctrl_key(&mut harness, egui::Key::Z, true);
    assert_eq!((claims(&harness, "a1"), claims(&harness, "b1")), (0, 1));
}

#[test]
fn a_format_1_file_open_alone_is_saved_as_format_1() {
    let (_dir, _a, b) = two_files();
    let mut harness = opened(&[&b]);
    attribute_b1(&mut harness);
    save(&mut harness);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), B_SAVED);
    assert_eq!(
        notice(&harness),
        format!("Saved {} (format 1)", b.display())
    );
}

#[test]
fn an_edited_workbook_among_the_files_is_not_written_over_and_the_notice_says_why() {
    let (dir, a, _b) = two_files();
    let csv = dir.path().join("extra.csv");
    let text = "Event,Event date,Event kind,Received by,Category,Source,Value\n\
                Exchange,2025-08-01,prisoner exchange,ukraine,soldiers,https://example.org/x,84\n";
    std::fs::write(&csv, text).unwrap();
    let mut harness = opened(&[&a, &csv]);
    let d = harness.state().state.dataset().unwrap();
    let exchange = d.events.iter().position(|e| e.title == "Exchange").unwrap();
    harness.state_mut().apply(Command::Edit(
        factsheet::gui::editing::EditCommand::DeleteEvent(exchange),
    ));
    harness.run();
    assert_eq!(harness.state().state.edited_files(), ["extra.csv"]);

    save(&mut harness);
    assert_eq!(
        notice(&harness),
        "Not saved: extra.csv is a workbook, and Save writes JSON, never over a workbook: \
         open it alone and save it as JSON with Save as…"
    );
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), text);
    assert!(harness.state().state.unsaved(), "the edits stay");
}
