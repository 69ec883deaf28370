//! Editing in the app, driven through egui_kittest by accessible labels:
//! a source and a claim added by typing, a claim captured from a pasted
//! English, Ukrainian and Russian sentence, undo and redo, saving (the file
//! written equals bytes written out here by hand) and reading it back,
//! validation as one types, and the guard that keeps unsaved edits from
//! being dropped on quit, open or reload.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use factsheet::gui::editing::{EditCommand, Pending, labels};
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::Quantity;

mod common;
use common::app_with;
use common::settling_harness as harness;

#[path = "common/small_disk.rs"]
mod small_disk;

const EVENT: &str = "2025-06-11-remains";

/// The editing fixture copied into a fresh folder, so saving writes the copy.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit-small.json");
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

fn enabled(harness: &Harness<'static, FactsheetApp>, label: &str) -> bool {
    !harness.get_by_label(label).accesskit_node().is_disabled()
}

fn type_into(harness: &mut Harness<'static, FactsheetApp>, label: &str, text: &str) {
    let field = harness
        .query_by_role_and_label(Role::TextInput, label)
        .unwrap_or_else(|| harness.get_by_role_and_label(Role::MultilineTextInput, label));
    field.focus();
    field.type_text(text);
    harness.run();
}

fn choose(harness: &mut Harness<'static, FactsheetApp>, combo: &str, option: &str) {
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run();
    harness.get_by_label(option).click();
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

fn claims_of_first_figure(app: &FactsheetApp) -> Vec<(String, Quantity)> {
    let d = app.state.dataset().unwrap();
    d.event(EVENT).unwrap().figures[0]
        .claims
        .iter()
        .map(|c| (c.source.to_string(), c.value))
        .collect()
}

/// What the file holds after the source and the claim of the first test,
/// written out by hand: format 2, two spaces, fields in the schema's order.
const SAVED: &str = r#"{
  "format_version": 2,
  "title": "Editing fixture",
  "sources": [
    {
      "id": "hq",
      "outlet": "Coordination Headquarters",
      "url": "https://example.org/hq",
      "published": "2025-06-13",
      "language": "en",
      "affiliation": "ukrainian_government"
    },
    {
      "id": "source-1",
      "outlet": "Daily Example",
      "published": "2025-06-12",
      "affiliation": "unknown"
    }
  ],
  "events": [
    {
      "id": "2025-06-11-remains",
      "title": "Bodies returned",
      "date": {
        "on": "2025-06-11"
      },
      "kind": "remains_repatriation",
      "figures": [
        {
          "id": "remains-to-ukraine",
          "received_by": "ukraine",
          "category": "remains",
          "claims": [
            {
              "source": "hq",
              "value": {
                "exact": 1212
              },
              "status": "claimed"
            },
            {
              "source": "source-1",
              "value": {
                "more_than": 1000
              },
              "status": "claimed",
              "attributed_to": "the headquarters",
              "quote": "Over a thousand came home, the headquarters said."
            }
          ]
        }
      ]
    }
  ]
}
"#;

#[test]
fn a_source_and_a_claim_typed_in_are_saved_with_ctrl_s_and_read_back() {
    let (_dir, path) = fixture_copy();
    let mut harness = harness(app_with(vec![Input::File(path.clone())]));
    harness.run();

    harness.get_by_label(labels::ADD_SOURCE).click();
    harness.run();
    harness.get_by_label("Add source");
    type_into(&mut harness, "Outlet", "Daily Example");
    type_into(&mut harness, "Published (YYYY-MM-DD)", "2025-06-12");
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    assert_eq!(harness.state().state.dataset().unwrap().sources.len(), 2);
    assert!(harness.state().state.history.is_dirty());
    harness.get_by_label(labels::UNSAVED_MARK);

    harness
        .state_mut()
        .apply(Command::SelectId(EVENT.to_string()));
    harness.run();
    harness.get_by_label(labels::ADD_CLAIM).click();
    harness.run();
    choose(&mut harness, "Source", "Daily Example (source-1)");
    type_into(
        &mut harness,
        "Value (1,212 · more than 500 · 250–300 · not disclosed)",
        "more than 1,000",
    );
    type_into(&mut harness, "Attributed to", "the headquarters");
    type_into(
        &mut harness,
        "Quote",
        "Over a thousand came home, the headquarters said.",
    );
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    assert_eq!(
        claims_of_first_figure(harness.state()),
        [
            ("hq".to_string(), Quantity::Exact(1212)),
            ("source-1".to_string(), Quantity::MoreThan(1000))
        ]
    );
    // The sources panel and the comparison show the new claim at once.
    let panel =
        harness.get_by_role_and_label(Role::Region, factsheet::gui::sources_panel::PANEL_LABEL);
    assert!(
        panel.query_by_label_contains("more than 1,000").is_some(),
        "{:?}",
        harness.state().state.comparison
    );

    ctrl_key(&mut harness, egui::Key::S, false);
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SAVED);
    let notice = harness.state().state.notice.clone().unwrap();
    assert_eq!(notice.text, format!("Saved {} (format 2)", path.display()));
    assert!(!harness.state().state.history.is_dirty());
    assert!(harness.query_by_label(labels::UNSAVED_MARK).is_none());

    let edited = harness.state().state.dataset().unwrap().clone();
    let back = app_with(vec![Input::File(path)]);
    assert_eq!(back.state.dataset(), Some(&edited));
}

#[test]
fn typing_a_bad_value_shows_the_readers_message_under_the_field_and_apply_waits() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label(labels::ADD_CLAIM).click();
    harness.run();
    let value = "Value (1,212 · more than 500 · 250–300 · not disclosed)";
    type_into(&mut harness, value, "twelve hundred");
    harness.get_by_label_contains("\"twelve hundred\" is not a number like \"1,212\"");
    assert!(!enabled(&harness, labels::APPLY));

    harness
        .get_by_role_and_label(Role::TextInput, value)
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, value, "300–250");
    harness.get_by_label_contains("is upside down: the lower figure comes first");
    harness.get_by_label(labels::CANCEL).click();
    harness.run();
    assert!(harness.state().state.editor.is_none());

    // A source's link with another scheme: the loader's own warning, under the field.
    harness.state_mut().apply(Command::Select(None));
    harness.run();
    harness.get_by_label(labels::ADD_SOURCE).click();
    harness.run();
    type_into(&mut harness, "Outlet", "Elsewhere");
    type_into(&mut harness, "Link", "ftp://example.org/x");
    harness.get_by_label_contains(
        "warning: \"ftp://example.org/x\" is not an http or https link: it will not be opened",
    );
    assert!(
        enabled(&harness, labels::APPLY),
        "a warning does not stop Apply"
    );
}

/// With a large dataset the check runs off the UI thread: Apply waits for
/// it, and the loader's word arrives when it is done (the seam: the size
/// from which the app works in the background, set to 0 here). Driven by
/// commands, so that nothing polls the job before the test looks.
#[test]
fn a_large_datasets_check_runs_in_the_background_and_apply_waits_for_it() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.set_inline_view_limit(0);
    app.apply(Command::Edit(EditCommand::NewSource));
    let editor = app.state.editor.as_ref().unwrap();
    assert!(
        editor.scratch.is_none() && !editor.can_apply(),
        "the form's copy of the data is made in the background, and Apply waits for it"
    );
    app.wait_for_jobs(Duration::from_secs(60));
    let Some(factsheet::gui::editing::Editor {
        draft: factsheet::gui::editing::Draft::Source(mut draft),
        ..
    }) = app.state.editor.clone()
    else {
        panic!("the source form should be open");
    };
    draft.outlet = "Elsewhere".into();
    draft.url = "ftp://example.org/x".into();
    app.apply(Command::Edit(EditCommand::SetDraft(Box::new(
        factsheet::gui::editing::Draft::Source(draft),
    ))));
    let editor = app.state.editor.as_ref().unwrap();
    assert!(
        editor.stale && !editor.can_apply(),
        "Apply waits for the check"
    );
    app.wait_for_jobs(Duration::from_secs(60));
    let editor = app.state.editor.as_ref().unwrap();
    assert!(!editor.stale && editor.can_apply());
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label_contains("\"ftp://example.org/x\" is not an http or https link");
}

/// With a large dataset the edit is made on a copy and derived in the
/// background: the data before stays on screen, and editing waits until it is in.
#[test]
fn a_large_datasets_edit_is_derived_in_the_background() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.set_inline_view_limit(0);
    app.apply(Command::Edit(EditCommand::DeleteClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    assert!(app.state.deriving_edit);
    assert_eq!(
        claims_of_first_figure(&app).len(),
        1,
        "the data before, meanwhile"
    );
    // The copy, the edit and the history with it are made in the
    // background: an Undo meanwhile does nothing.
    app.apply(Command::Edit(EditCommand::Undo));
    assert!(app.state.deriving_edit, "no undo while the edit is made");
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(!app.state.deriving_edit);
    assert!(claims_of_first_figure(&app).is_empty());
    assert!(app.state.history.is_dirty());
    app.apply(Command::Edit(EditCommand::Undo));
    app.wait_for_jobs(Duration::from_secs(60));
    assert_eq!(claims_of_first_figure(&app).len(), 1);
    assert!(!app.state.history.is_dirty());
}

#[test]
fn undo_and_redo_by_keys_and_by_the_edit_menu() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness
        .get_by_label(&format!(
            "{} remains-to-ukraine hq: 1,212",
            labels::DELETE_CLAIM
        ))
        .click();
    harness.run();
    assert!(claims_of_first_figure(harness.state()).is_empty());

    ctrl_key(&mut harness, egui::Key::Z, false);
    assert_eq!(claims_of_first_figure(harness.state()).len(), 1);
    assert!(!harness.state().state.history.is_dirty());
    ctrl_key(&mut harness, egui::Key::Z, true);
    assert!(claims_of_first_figure(harness.state()).is_empty());

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo delete a claim").click();
    harness.run();
    assert_eq!(claims_of_first_figure(harness.state()).len(), 1);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Redo delete a claim").click();
    harness.run();
    assert!(claims_of_first_figure(harness.state()).is_empty());
}

/// Pastes `quote` into "Capture from quote…" of the event and returns the claim added.
fn capture(quote: &str) -> factsheet_core::model::Claim {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label(labels::CAPTURE).click();
    harness.run();
    type_into(&mut harness, labels::PASTE, quote);
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    let d = harness.state().state.dataset().unwrap().clone();
    let claims = &d.event(EVENT).unwrap().figures[0].claims;
    assert_eq!(
        claims.len(),
        2,
        "the claim joins the figure of remains to Ukraine"
    );
    claims[1].clone()
}

#[test]
fn a_pasted_english_sentence_becomes_a_claim_with_its_quote_as_pasted() {
    let quote = "Ukraine received more than 1,000 bodies from Russia on Wednesday, \
                 the coordination headquarters said.";
    let claim = capture(quote);
    assert_eq!(claim.value, Quantity::MoreThan(1000));
    assert_eq!(
        claim.attributed_to.as_deref(),
        Some("the coordination headquarters")
    );
    assert_eq!(claim.quote.as_ref().map(|q| q.as_str()), Some(quote));
}

#[test]
fn a_pasted_ukrainian_sentence_becomes_a_claim() {
    let quote =
        "Україна повернула додому понад 1000 тіл загиблих, повідомили в Координаційному штабі.";
    let claim = capture(quote);
    assert_eq!(claim.value, Quantity::MoreThan(1000));
    assert_eq!(
        claim.attributed_to.as_deref(),
        Some("Координаційному штабі")
    );
    assert_eq!(claim.quote.as_ref().map(|q| q.as_str()), Some(quote));
}

#[test]
fn a_pasted_russian_sentence_becomes_a_claim() {
    let quote = "Россия передала Украине более 1000 тел, сообщили в Минобороны.";
    let claim = capture(quote);
    assert_eq!(claim.value, Quantity::MoreThan(1000));
    assert_eq!(claim.attributed_to.as_deref(), Some("Минобороны"));
}

#[test]
fn the_day_a_quote_names_is_shown_against_the_event() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label(labels::CAPTURE).click();
    harness.run();
    // The source was published on Friday 13 June 2025: Wednesday is the 11th.
    type_into(
        &mut harness,
        labels::PASTE,
        "On Wednesday 12 bodies came back.",
    );
    harness.get_by_label("“Wednesday” is 2025-06-11; the event is dated 2025-06-11");
}

/// Whether the last frame cancelled a close.
fn cancelled_close(harness: &Harness<'_, FactsheetApp>) -> bool {
    harness
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::CancelClose))
}

fn edited_harness() -> (tempfile::TempDir, PathBuf, Harness<'static, FactsheetApp>) {
    let (dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path.clone())]);
    app.apply(Command::Edit(EditCommand::DeleteClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    let mut harness = harness(app);
    harness.run();
    (dir, path, harness)
}

#[test]
fn the_window_title_says_edited_until_saved() {
    let (_dir, path) = fixture_copy();
    let mut harness = harness(app_with(vec![Input::File(path)]));
    harness.run();
    let titled = |harness: &Harness<'_, FactsheetApp>, title: &str| {
        harness.output().viewport_output.values().any(|v| {
            v.commands
                .contains(&egui::ViewportCommand::Title(title.to_string()))
        })
    };
    harness
        .state_mut()
        .apply(Command::Edit(EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        }));
    harness.step();
    assert!(titled(&harness, "factsheet (edited)"));
    harness.run();
    harness.get_by_label(labels::UNSAVED_MARK);
    harness.state_mut().apply(Command::Edit(EditCommand::Save));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.step();
    assert!(
        titled(&harness, "factsheet"),
        "saved: the plain title again"
    );
    harness.run();
    assert!(harness.query_by_label(labels::UNSAVED_MARK).is_none());
}

#[test]
fn closing_with_unsaved_edits_asks_first_and_discard_closes() {
    let (_dir, _path, mut harness) = edited_harness();
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    assert!(cancelled_close(&harness), "the close is held back");
    harness.run();
    harness.get_by_label(labels::UNSAVED_TITLE);
    harness.get_by_label(labels::CANCEL).click();
    harness.run();
    assert_eq!(harness.state().state.pending, None);
    assert!(harness.state().state.history.is_dirty(), "the edits stay");

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    harness.get_by_label(labels::DISCARD).click();
    harness.step();
    let closed = harness
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    assert!(closed, "Discard closes the window");
}

#[test]
fn opening_another_file_with_unsaved_edits_asks_and_save_writes_then_opens() {
    let (_dir, path, mut harness) = edited_harness();
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::Sample]));
    harness.run();
    assert_eq!(
        harness.state().state.pending,
        Some(Pending::Open(vec![Input::Sample]))
    );
    harness.get_by_label(labels::SAVE).click();
    harness.run();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let saved: factsheet_core::model::Dataset =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(
        saved.events[0].figures[0].claims.is_empty(),
        "the edit was saved"
    );
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
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

#[test]
fn a_file_changed_on_disk_while_edited_keeps_both_versions() {
    let (dir, path, mut harness) = edited_harness();
    let on_disk = std::fs::read_to_string(&path).unwrap();
    harness.state_mut().apply(Command::Reload);
    harness.run();
    assert_eq!(harness.state().state.pending, Some(Pending::Reload));
    harness.get_by_label("Keep my edits").click();
    harness.run();
    // Ctrl+S now asks where rather than writing over the other version:
    // the test gives the place the dialog would.
    let elsewhere = dir.path().join("mine.json");
    harness
        .state_mut()
        .apply(Command::Edit(EditCommand::SaveTo(elsewhere.clone())));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);
    let mine: factsheet_core::model::Dataset =
        serde_json::from_str(&std::fs::read_to_string(&elsewhere).unwrap()).unwrap();
    assert!(mine.events[0].figures[0].claims.is_empty());
    assert_eq!(
        harness
            .state()
            .state
            .data
            .as_ref()
            .map(|d| d.inputs.clone()),
        Some(vec![Input::File(elsewhere)]),
        "the saved copy is the file open now"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_edits_and_the_old_file() {
    let (dir, path, mut harness) = edited_harness();
    let before = std::fs::read(&path).unwrap();
    let missing = dir.path().join("no-such-folder").join("data.json");
    harness
        .state_mut()
        .apply(Command::Edit(EditCommand::SaveTo(missing.clone())));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    let notice = harness.state().state.notice.clone().unwrap();
    assert!(notice.is_error, "{}", notice.text);
    assert!(
        notice.text.contains("The edits are still here"),
        "{}",
        notice.text
    );
    assert!(harness.state().state.history.is_dirty());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!missing.exists());
}

#[test]
fn a_cited_source_is_not_deleted_and_its_claims_are_listed() {
    let (_dir, path) = fixture_copy();
    let mut harness = harness(app_with(vec![Input::File(path)]));
    harness.run();
    harness
        .get_by_label(&format!("{} Coordination Headquarters", labels::DELETE))
        .click();
    harness.run();
    harness.get_by_label_contains(
        "a claim of the figure \"remains-to-ukraine\" of the event \"2025-06-11-remains\"",
    );
    assert_eq!(harness.state().state.dataset().unwrap().sources.len(), 1);
    harness.get_by_label(labels::DELETE_WITH_CLAIMS).click();
    harness.run();
    let d = harness.state().state.dataset().unwrap();
    assert!(d.sources.is_empty());
    assert!(d.events[0].figures[0].claims.is_empty());
}

/// Image snapshots of the forms: they need a wgpu adapter (see tests/gui.rs).
mod needs_gpu {
    use super::*;

    /// Draws `app` with wgpu after `drive` and compares with `tests/snapshots/NAME.png`.
    fn snapshot_after(
        app: FactsheetApp,
        name: &str,
        drive: impl FnOnce(&mut Harness<'static, FactsheetApp>),
    ) {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_max_steps(12)
            .wgpu()
            .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app);
        harness.run();
        drive(&mut harness);
        harness.run();
        harness.snapshot(name);
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_a_quote_captured_in_the_light_theme() {
        let (_dir, path) = fixture_copy();
        let mut app = app_with(vec![Input::File(path)]);
        app.apply(Command::SelectId(EVENT.to_string()));
        snapshot_after(app, "edit_capture_light", |harness| {
            harness.get_by_label(labels::CAPTURE).click();
            harness.run();
            type_into(
                harness,
                labels::PASTE,
                "Ukraine received more than 1,000 bodies from Russia on Wednesday, \
                 the coordination headquarters said.",
            );
        });
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_the_source_form_with_a_warning_in_the_dark_theme() {
        let (_dir, path) = fixture_copy();
        let mut app = app_with(vec![Input::File(path)]);
        app.apply(Command::SetTheme(factsheet::gui::state::ThemeChoice::Dark));
        snapshot_after(app, "edit_source_dark", |harness| {
            harness.get_by_label(labels::ADD_SOURCE).click();
            harness.run();
            type_into(harness, "Outlet", "Daily Example");
            type_into(harness, "Link", "ftp://example.org/x");
            type_into(harness, "Published (YYYY-MM-DD)", "12 June");
        });
    }
}

#[test]
fn an_event_typed_in_is_added_and_selected_and_a_day_that_does_not_exist_is_refused() {
    let (_dir, path) = fixture_copy();
    let mut harness = harness(app_with(vec![Input::File(path)]));
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label(labels::ADD_EVENT).click();
    harness.run();
    let date = "Date (2025-06-11 · about 2025-06-11 · June 2025)";
    type_into(&mut harness, "Title", "Exchange of prisoners");
    type_into(&mut harness, date, "2025-02-31");
    harness.get_by_label_contains("\"2025-02-31\" is not a day like");
    assert!(!enabled(&harness, labels::APPLY));
    harness.get_by_role_and_label(Role::TextInput, date).focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, date, "about 2025-06-20");
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    let state = &harness.state().state;
    let d = state.dataset().unwrap();
    assert_eq!(d.events.len(), 2);
    let added = d.event("event-1").unwrap();
    assert_eq!(added.title, "Exchange of prisoners");
    assert_eq!(added.date.to_string(), "c. 2025-06-20");
    assert_eq!(
        state.selected_row().map(|r| r.title.as_str()),
        Some("Exchange of prisoners")
    );
    assert_eq!(state.visible.len(), 2, "the table shows the new event");
}

/// Saving to a full disk and to a read-only one: they need root to mount a
/// tmpfs, so a plain `cargo test` lists them as ignored (CI runs them).
mod needs_root {
    use super::small_disk::SmallDisk;
    use super::*;
    use std::io::Write;

    /// The fixture on a fresh 256 KB tmpfs, opened and edited.
    fn edited_on(disk: &SmallDisk) -> (PathBuf, FactsheetApp) {
        let path = disk.path().join("data.json");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit-small.json");
        std::fs::copy(fixture, &path).unwrap();
        let mut app = app_with(vec![Input::File(path.clone())]);
        app.apply(Command::Edit(EditCommand::DeleteClaim {
            event: 0,
            figure: 0,
            claim: 0,
        }));
        (path, app)
    }

    fn save_fails_keeping_everything(path: &Path, mut app: FactsheetApp, why: &str) {
        let before = std::fs::read(path).unwrap();
        app.apply(Command::Edit(EditCommand::Save));
        app.wait_for_jobs(Duration::from_secs(60));
        let notice = app.state.notice.clone().expect("a notice");
        assert!(notice.is_error, "{}", notice.text);
        assert!(notice.text.contains(why), "{}", notice.text);
        assert!(
            notice.text.contains("The edits are still here"),
            "{}",
            notice.text
        );
        assert!(app.state.history.is_dirty());
        assert!(claims_of_first_figure(&app).is_empty(), "the edit stays");
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "the old file is whole"
        );
    }

    #[test]
    #[ignore = "needs root to mount a tmpfs: cargo test -- --ignored needs_ (CI runs it)"]
    fn saving_edits_to_a_full_disk_says_so_and_keeps_the_edits_and_the_file() {
        let disk =
            SmallDisk::mount().unwrap_or_else(|why| panic!("cannot mount a 256 KB tmpfs: {why}"));
        let (path, app) = edited_on(&disk);
        // Fill what is left of the disk.
        let mut filler = std::fs::File::create(disk.path().join("filler")).unwrap();
        let block = vec![b'x'; 4096];
        while filler.write_all(&block).is_ok() {}
        drop(filler);
        save_fails_keeping_everything(&path, app, "disk is full");
        let left: Vec<_> = std::fs::read_dir(disk.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left.len(), 2, "no temporary file left: {left:?}");
    }

    #[test]
    #[ignore = "needs root to mount a tmpfs: cargo test -- --ignored needs_ (CI runs it)"]
    fn saving_edits_to_a_read_only_disk_says_so_and_keeps_the_edits_and_the_file() {
        let disk =
            SmallDisk::mount().unwrap_or_else(|why| panic!("cannot mount a 256 KB tmpfs: {why}"));
        let (path, app) = edited_on(&disk);
        assert!(disk.remount_read_only(), "cannot remount read-only");
        save_fails_keeping_everything(&path, app, "read-only");
    }
}

#[test]
fn while_a_form_is_open_nothing_else_changes_the_data_under_it() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::Edit(EditCommand::EditClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    app.apply(Command::Edit(EditCommand::DeleteClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    assert_eq!(claims_of_first_figure(&app).len(), 1);
    let notice = app.state.notice.clone().unwrap();
    assert_eq!(notice.text, "Apply or cancel the open form first");
    app.apply(Command::Edit(EditCommand::Close));
    app.apply(Command::Edit(EditCommand::DeleteClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    assert!(claims_of_first_figure(&app).is_empty());
}

#[test]
fn an_answer_to_a_fact_is_added_by_typing_and_deleted() {
    let mut app = app_with(vec![Input::Sample]);
    app.apply(Command::SelectId(common::JUNE_11.to_string()));
    let event = app.state.selected.unwrap();
    let fact = &app.state.dataset().unwrap().events[event].facts[0];
    let (question, answers) = (fact.question.to_string(), fact.claims.len());
    let mut harness = harness(app);
    harness.run();
    // The event detail's last section is below its fold: bring it into view first.
    let add = format!("{} {question}", labels::ADD_ANSWER);
    harness.get_by_label(&add).scroll_to_me();
    harness.run();
    harness.get_by_label(&add).click();
    harness.run();
    type_into(&mut harness, "Answer", "not yet");
    type_into(&mut harness, "Attributed to", "a spokesman");
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    let claims = |harness: &Harness<'static, FactsheetApp>| {
        harness.state().state.dataset().unwrap().events[event].facts[0]
            .claims
            .clone()
    };
    let after = claims(&harness);
    assert_eq!(after.len(), answers + 1);
    let added = after.last().unwrap();
    assert_eq!(added.answer, "not yet");
    assert_eq!(added.attributed_to.as_deref(), Some("a spokesman"));

    let fact_id = harness.state().state.dataset().unwrap().events[event].facts[0]
        .id
        .to_string();
    let what = format!("{fact_id} {}: not yet", added.source);
    let delete = format!("{} {what}", labels::DELETE_ANSWER);
    harness.get_by_label(&delete).scroll_to_me();
    harness.run();
    harness.get_by_label(&delete).click();
    harness.run();
    assert_eq!(claims(&harness).len(), answers);
}

/// The forms work from the keyboard: Tab goes from one field to the next,
/// in the order they are shown, and Escape closes the form.
#[test]
fn tab_moves_through_the_fields_and_escape_closes_the_form() {
    let (_dir, path) = fixture_copy();
    let mut harness = harness(app_with(vec![Input::File(path)]));
    harness.run();
    harness.get_by_label(labels::ADD_SOURCE).click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Id").focus();
    harness.run();
    for next in ["Outlet", "Title", "Link"] {
        harness.key_press(egui::Key::Tab);
        harness.run();
        assert!(
            harness
                .get_by_role_and_label(Role::TextInput, next)
                .is_focused(),
            "Tab should reach {next}"
        );
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().state.editor.is_none());
}

#[test]
fn a_claim_duplicated_becomes_a_second_claim_of_its_figure() {
    let (_dir, path) = fixture_copy();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    harness
        .get_by_label(&format!(
            "{} remains-to-ukraine hq: 1,212",
            labels::DUPLICATE_CLAIM
        ))
        .click();
    harness.run();
    harness.get_by_label("Add claim");
    harness.get_by_label(labels::APPLY).click();
    harness.run();
    assert_eq!(
        claims_of_first_figure(harness.state()),
        [
            ("hq".to_string(), Quantity::Exact(1212)),
            ("hq".to_string(), Quantity::Exact(1212))
        ]
    );
}
