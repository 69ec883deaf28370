//! The app with files that overlap: an event merged from two files says where
//! it came from, and File → Open files… takes a file out of the open set again.
#![cfg(feature = "gui")]

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use factsheet::gui::{Command, Input, event_detail, open_files};

mod common;
use common::{JUNE_11, app_with, harness};

fn desk() -> Input {
    Input::File(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("crates/factsheet-core/tests/fixtures/merge/desk.json"),
    )
}

#[test]
fn an_event_merged_from_two_files_names_both() {
    let mut app = app_with(vec![Input::Sample, desk()]);
    let data = app.state.data.as_ref().unwrap();
    assert_eq!(data.dataset.events.len(), 3);
    app.apply(Command::SelectId(JUNE_11.to_string()));
    let mut harness = harness(app);
    harness.run();
    let detail = harness.get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL);
    detail.get_by_label(
        "merged from russia-ukraine-2025.json (2025-06-11-remains) and desk.json (desk-bodies-0611)",
    );
}

#[test]
fn removing_a_file_takes_its_claims_out_again() {
    let mut app = app_with(vec![Input::Sample, desk()]);
    assert_eq!(app.state.data.as_ref().unwrap().dataset.sources.len(), 5);
    app.apply(Command::ShowOpenFiles(true));
    let mut harness = harness(app);
    harness.run();
    let removes: Vec<_> = harness.query_all_by_label(open_files::REMOVE).collect();
    assert_eq!(removes.len(), 2);
    // The desk's file is the second.
    removes[1].click();
    // One frame applies the click and starts the load; its spinner would keep
    // `run` drawing until the load ends, so the test waits for it instead.
    harness.step();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let data = harness.state().state.data.as_ref().unwrap();
    assert_eq!(data.inputs, [Input::Sample]);
    assert_eq!(data.dataset.sources.len(), 2);
    assert_eq!(data.dataset.events.len(), 3);
    assert!(data.provenance.parts.is_empty());
    // The last file cannot be removed: the button is there, disabled.
    harness.get_by_label(open_files::REMOVE);
    assert!(open_files::without(&data.inputs, 0).is_none());
}
