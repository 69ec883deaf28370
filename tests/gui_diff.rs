//! File → Compare with another version…: the open data (the new version)
//! against a file the user chose (the old one), in a window with the
//! sections of `factsheet diff`, found by their accessible labels. The file
//! dialog's answer comes in as it does from the dialog, as `CompareWith`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::kittest::Queryable;
use serde_json::json;

use factsheet::gui::{Command, Input, top_bar, version_diff};

mod common;
use common::{app_with, harness};

/// One source and one event of prisoners returned to Ukraine, `value` as the source says.
fn write_version(dir: &Path, name: &str, value: u64) -> PathBuf {
    let v = json!({
        "format_version": 2,
        "title": "Exchanges",
        "sources": [{"id": "s1", "outlet": "Reuters", "url": "https://reuters.example/a"}],
        "events": [{
            "id": "e1", "title": "May exchange", "date": {"on": "2025-05-23"},
            "kind": "prisoner_exchange",
            "figures": [{
                "id": "f1", "received_by": "ukraine", "category": "prisoners",
                "claims": [{"source": "s1", "value": {"exact": value}}]
            }]
        }]
    });
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn comparing_with_an_older_version_lists_what_changed_with_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let old = write_version(dir.path(), "old.json", 390);
    let new = write_version(dir.path(), "new.json", 400);
    let mut harness = harness(app_with(vec![Input::File(new.clone())]));
    harness.run();

    // The File menu offers it while data is open.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label(top_bar::COMPARE);
    harness.key_press(egui::Key::Escape);
    harness.run();

    harness.state_mut().apply(Command::CompareWith(old.clone()));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    harness.get_by_label(version_diff::TITLE);
    harness.get_by_label(&format!(
        "Old: {} (the file you chose), “Exchanges”",
        old.display()
    ));
    harness.get_by_label(&format!(
        "New: the data open now ({}), “Exchanges”",
        new.display()
    ));
    harness.get_by_label("Totals");
    harness.get_by_label("prisoners to Ukraine: 390 ➡ 400 [Reuters]");
    harness.get_by_label("Claims changed");
    harness.get_by_label("May exchange, prisoners to Ukraine, [Reuters]: value 390 ➡ 400");
    assert!(harness.query_by_label(version_diff::NO_CHANGES).is_none());

    harness.get_by_label(version_diff::CLOSE).click();
    harness.run();
    assert!(harness.query_by_label(version_diff::TITLE).is_none());
    assert!(harness.state().state.version_diff.is_none());
}

#[test]
fn the_same_version_reads_no_changes_and_a_broken_one_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let new = write_version(dir.path(), "new.json", 400);
    let mut harness = harness(app_with(vec![Input::File(new.clone())]));
    harness.state_mut().apply(Command::CompareWith(new.clone()));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    harness.get_by_label(version_diff::NO_CHANGES);

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format_version\": 2,").unwrap();
    harness.state_mut().apply(Command::CloseVersionDiff);
    harness
        .state_mut()
        .apply(Command::CompareWith(broken.clone()));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let notice = harness.state().state.notice.clone().expect("a notice");
    assert!(notice.is_error, "{}", notice.text);
    assert!(
        notice
            .text
            .starts_with(&format!("Could not compare with {}: ", broken.display())),
        "{}",
        notice.text
    );
    assert!(harness.query_by_label(version_diff::TITLE).is_none());
    // The open data stays.
    let data = harness.state().state.data.as_ref().expect("data open");
    assert_eq!(data.inputs, [Input::File(new)]);
}

#[test]
fn a_long_section_lists_its_first_changes_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let old = write_version(dir.path(), "old.json", 400);
    let mut many: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&old).unwrap()).unwrap();
    let events = many["events"].as_array_mut().unwrap();
    for i in 0..205 {
        events.push(json!({
            "id": format!("n{i:03}"), "title": format!("Added {i:03}"),
            "date": {"on": "2025-06-01"}, "kind": "prisoner_exchange",
            "figures": [{
                "id": "f1", "received_by": "russia", "category": "prisoners",
                "claims": [{"source": "s1", "value": {"exact": 1}}]
            }]
        }));
    }
    let new = dir.path().join("many.json");
    std::fs::write(&new, serde_json::to_vec(&many).unwrap()).unwrap();
    let mut harness = harness(app_with(vec![Input::File(new)]));
    harness.state_mut().apply(Command::CompareWith(old));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    harness.get_by_label("Events added");
    harness.get_by_label("2025-06-01, Added 000 (prisoner exchange) [Reuters]");
    harness.get_by_label("2025-06-01, Added 199 (prisoner exchange) [Reuters]");
    assert!(
        harness
            .query_by_label("2025-06-01, Added 200 (prisoner exchange) [Reuters]")
            .is_none()
    );
    harness.get_by_label("… and 5 more of this kind: `factsheet diff OLD NEW` lists every one");
}
