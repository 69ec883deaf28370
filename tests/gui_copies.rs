//! Saved copies in the app, by accessible labels: each claim with a quote is
//! marked "quote found in saved copy" or "quote not found in saved copy", and
//! "Attach saved copy…" records a file's path and SHA-256 in the open data.
#![cfg(feature = "gui")]

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use factsheet::gui::editing::{EditCommand, labels::UNSAVED_MARK};
use factsheet::gui::{Command, Input, sources_panel};

mod common;
use common::{app_with, harness};

/// Two sources quoted on one figure: `a`'s quote is in its copy, `b`'s is not.
/// `a` names its copy when `with_copies`, `b` always does.
fn write_data(dir: &Path, a_copy: bool) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("copies")).unwrap();
    std::fs::write(
        dir.join("copies/a.txt"),
        "Moscow handed over\nthe bodies of 1,212 soldiers.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("copies/b.html"),
        "<p>Kyiv said it received 1,200&nbsp;bodies.</p>",
    )
    .unwrap();
    let a = if a_copy {
        r#", "saved_copy": {"path": "copies/a.txt"}"#
    } else {
        ""
    };
    let data = format!(
        r#"{{
  "format_version": 2, "title": "copies",
  "sources": [
    {{"id": "a", "outlet": "Agency"{a}}},
    {{"id": "b", "outlet": "Paper", "saved_copy": {{"path": "copies/b.html"}}}}
  ],
  "events": [
    {{"id": "e1", "title": "Bodies returned", "date": {{"on": "2025-06-11"}}, "kind": "remains_repatriation",
      "figures": [{{"id": "f", "received_by": "ukraine", "category": "remains", "claims": [
        {{"source": "a", "value": {{"exact": 1212}}, "quote": "the bodies of 1,212 soldiers"}},
        {{"source": "b", "value": {{"exact": 1212}}, "quote": "received 1,212 bodies"}}
      ]}}]}}
  ]
}}
"#
    );
    let file = dir.join("data.json");
    std::fs::write(&file, data).unwrap();
    file
}

#[test]
fn each_quoted_claim_is_marked_found_or_not_found_in_its_saved_copy() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_data(dir.path(), true);
    let mut app = app_with(vec![Input::File(file)]);
    let warnings: Vec<String> = app
        .state
        .data
        .as_ref()
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("data.json:11:60: warning: this quote is not in the saved copy")),
        "{warnings:#?}"
    );
    app.apply(Command::Select(Some(0)));
    let mut harness = harness(app);
    harness.run();
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel.get_by_label(sources_panel::QUOTE_FOUND);
    panel.get_by_label(sources_panel::QUOTE_NOT_FOUND);
    assert_eq!(panel.query_all_by_label("Open saved copy").count(), 2);
}

#[test]
fn attach_saved_copy_records_the_files_path_and_hash_as_an_edit_that_undoes_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_data(dir.path(), false);
    let app = app_with(vec![Input::File(file)]);
    let mut harness = harness(app);
    harness.run();
    // With nothing selected, the panel lists the sources, each with the button.
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel.get_by_label(&format!("{} Agency", sources_panel::ATTACH_COPY));
    assert!(harness.query_by_label_contains(UNSAVED_MARK).is_none());

    // What the dialog sends once a file is chosen.
    let chosen = dir.path().join("copies/a.txt");
    harness.state_mut().apply(Command::AttachCopy {
        source: "a".to_string(),
        file: chosen.clone(),
    });
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let state = &harness.state().state;
    let data = state.data.as_ref().unwrap();
    let copy = data.dataset.sources[0].saved_copy.clone().unwrap();
    // printf 'Moscow handed over\nthe bodies of 1,212 soldiers.\n' | sha256sum
    assert_eq!(
        (copy.path.as_str(), copy.sha256.as_deref()),
        (
            "copies/a.txt",
            Some("57ab89e4a3d5a27e107f042dbff9b50210f7dbf5716a5cac3e1d97a4287342d0")
        )
    );
    assert!(state.history.is_dirty());
    let notice = state.notice.clone().unwrap();
    assert_eq!(
        notice.text,
        "Attached copies/a.txt as the saved copy of \"a\": 1 quote found in it (not saved \
         yet: File, Save writes it)"
    );
    harness.get_by_label_contains(UNSAVED_MARK);

    harness.state_mut().apply(Command::Select(Some(0)));
    harness.run();
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel.get_by_label(sources_panel::QUOTE_FOUND);

    // Undone like any edit, and done again.
    harness.state_mut().apply(Command::Edit(EditCommand::Undo));
    harness.run();
    let source = &harness.state().state.dataset().unwrap().sources[0];
    assert!(source.saved_copy.is_none());
    harness.state_mut().apply(Command::Edit(EditCommand::Redo));
    harness.run();

    // Saved in another folder, the copy is named so the new file still finds
    // it (whole, as it lies outside that folder), on disk and in the data open.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let saved = dir.path().join("sub/saved.json");
    harness
        .state_mut()
        .apply(Command::Edit(EditCommand::SaveTo(saved.clone())));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    assert!(!harness.state().state.history.is_dirty());
    assert!(harness.query_by_label_contains(UNSAVED_MARK).is_none());
    let whole = std::path::absolute(&chosen).unwrap();
    let text = std::fs::read_to_string(&saved).unwrap();
    let written = serde_json::to_string(whole.to_str().unwrap()).unwrap();
    assert!(text.contains(&format!("\"path\": {written}")), "{text}");
    let open = harness.state().state.dataset().unwrap().sources[0]
        .saved_copy
        .clone()
        .unwrap();
    assert_eq!(open.path.as_str(), whole.to_str().unwrap());
}

#[test]
fn show_quote_in_saved_copy_shows_the_copys_text_at_the_quote_or_says_it_is_not_there() {
    use factsheet::gui::copy_view;
    let dir = tempfile::tempdir().unwrap();
    let file = write_data(dir.path(), true);
    let mut app = app_with(vec![Input::File(file)]);
    app.apply(Command::Select(Some(0)));
    let mut harness = harness(app);
    harness.run();
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    let buttons: Vec<_> = panel.query_all_by_label(copy_view::SHOW).collect();
    assert_eq!(buttons.len(), 2);
    // Agency's quote, which is in its copy.
    buttons[0].click();
    harness.run();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let view = harness
        .state()
        .state
        .copy_view
        .clone()
        .expect("the copy is shown");
    // The copy's text as the check reads it: its line break folded to a space.
    assert_eq!(
        view.passage.text,
        "Moscow handed over the bodies of 1,212 soldiers."
    );
    assert_eq!(view.passage.at, Some(19..47));
    harness.get_by_label(copy_view::TITLE);
    harness.get_by_label("the bodies of 1,212 soldiers");
    harness.get_by_label("Moscow handed over ");
    assert!(harness.query_by_label(copy_view::NOT_THERE).is_none());

    // Paper's quote, which its copy does not hold.
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel
        .query_all_by_label(copy_view::SHOW)
        .nth(1)
        .unwrap()
        .click();
    harness.run();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    harness.get_by_label(copy_view::NOT_THERE);
    harness.get_by_label("Kyiv said it received 1,200 bodies.");

    harness.state_mut().apply(Command::CloseCopyView);
    harness.run();
    assert!(harness.query_by_label(copy_view::TITLE).is_none());
}
