//! A claim's words and parts, edited in the claim form through egui_kittest
//! by accessible labels; the data after each step is checked against values
//! written out here.
#![cfg(feature = "gui")]

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use factsheet::gui::editing::{EditCommand, labels};
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::{Category, Claim, ClaimStatus, List, Part, Quantity};

mod common;
use common::app_with;

const EVENT: &str = "2025-06-11-remains";

/// One event whose one figure has one claim: "at most 1,000" (`whole`).
fn data(whole: &str) -> String {
    format!(
        r#"{{
  "format_version": 2,
  "title": "Parts fixture",
  "sources": [{{"id": "hq", "outlet": "Coordination Headquarters", "published": "2025-06-13"}}],
  "events": [
    {{"id": "2025-06-11-remains", "title": "Bodies returned", "date": {{"on": "2025-06-11"}},
     "kind": "remains_repatriation",
     "figures": [{{"id": "remains-to-ukraine", "received_by": "ukraine", "category": "remains",
                  "claims": [{{"source": "hq", "value": {whole}}}]}}]}}
  ]
}}"#
    )
}

fn harness_on(json: &str) -> (tempfile::TempDir, Harness<'static, FactsheetApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("data.json");
    std::fs::write(&path, json).unwrap();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app);
    harness.run();
    (dir, harness)
}

fn type_into(harness: &mut Harness<'static, FactsheetApp>, label: &str, text: &str) {
    let field = harness.get_by_role_and_label(Role::TextInput, label);
    field.scroll_to_me();
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, label);
    field.focus();
    field.type_text(text);
    harness.run();
}

fn choose(harness: &mut Harness<'static, FactsheetApp>, combo: &str, option: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, combo)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

/// Clicks the button `label`, brought into view first.
fn click(harness: &mut Harness<'static, FactsheetApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn edit_the_claim(harness: &mut Harness<'static, FactsheetApp>) {
    harness
        .get_by_label_contains(labels::EDIT_CLAIM)
        .scroll_to_me();
    harness.run();
    harness.get_by_label_contains(labels::EDIT_CLAIM).click();
    harness.run();
    assert!(
        harness.state().state.editor.is_some(),
        "the claim form opens"
    );
}

fn apply(harness: &mut Harness<'static, FactsheetApp>) {
    click(harness, labels::APPLY);
    let editor = harness.state().state.editor.as_ref();
    assert!(
        editor.is_none(),
        "the form should close on Apply: {:?} {:?}",
        editor.map(|e| &e.field_errors),
        editor.map(|e| &e.diagnostics)
    );
}

fn enabled(harness: &Harness<'static, FactsheetApp>, label: &str) -> bool {
    !harness.get_by_label(label).accesskit_node().is_disabled()
}

fn the_claim(harness: &Harness<'static, FactsheetApp>) -> Claim {
    harness.state().state.dataset().unwrap().events[0].figures[0].claims[0].clone()
}

const WORDS: &str = "Words (optional: the source's own, as \"dozens\", \"nearly 5,000\")";

fn part_value(n: usize) -> String {
    format!("Part {n} value (280 · more than 100)")
}

fn part(category: Category, n: u64) -> Part {
    Part {
        category,
        label: None,
        value: Quantity::Exact(n),
    }
}

#[test]
fn words_and_two_parts_typed_in_are_kept_and_a_removed_part_comes_back_on_undo() {
    let (_dir, mut harness) = harness_on(&data(r#"{"at_most": 1000}"#));
    edit_the_claim(&mut harness);
    type_into(&mut harness, WORDS, "nearly 1,000");
    click(&mut harness, labels::ADD_PART_ROW);
    // A new part counts soldiers until another choice is made.
    type_into(&mut harness, &part_value(1), "280");
    type_into(
        &mut harness,
        "Part 1 label (optional: national guard)",
        "national guard",
    );
    click(&mut harness, labels::ADD_PART_ROW);
    choose(&mut harness, "Part 2 category", "civilians");
    type_into(&mut harness, &part_value(2), "120");
    apply(&mut harness);

    let with_parts = Claim {
        status: ClaimStatus::Claimed,
        words: Some("nearly 1,000".into()),
        parts: List::from(vec![
            Part {
                label: Some("national guard".into()),
                ..part(Category::Soldiers, 280)
            },
            part(Category::Civilians, 120),
        ]),
        ..Claim::new("hq", Quantity::AtMost(1000))
    };
    assert_eq!(the_claim(&harness), with_parts);

    // The form shows them again; part 1 removed leaves the civilians.
    edit_the_claim(&mut harness);
    harness.get_by_role_and_label(Role::TextInput, &part_value(2));
    click(&mut harness, &format!("{} 1", labels::REMOVE_PART_ROW));
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, &part_value(2))
            .is_none()
    );
    apply(&mut harness);
    assert_eq!(
        the_claim(&harness).parts,
        List::from(vec![part(Category::Civilians, 120)])
    );
    assert_eq!(the_claim(&harness).words.as_deref(), Some("nearly 1,000"));

    harness.state_mut().apply(Command::Edit(EditCommand::Undo));
    harness.run();
    assert_eq!(the_claim(&harness), with_parts);
}

#[test]
fn a_part_that_cannot_be_read_or_is_larger_than_the_whole_keeps_apply_waiting() {
    let (_dir, mut harness) = harness_on(&data(r#"{"exact": 400}"#));
    edit_the_claim(&mut harness);
    click(&mut harness, labels::ADD_PART_ROW);
    type_into(&mut harness, &part_value(1), "lots");
    harness.get_by_label_contains("part 1: \"lots\" is not a number");
    assert!(!enabled(&harness, labels::APPLY));

    // Read, but larger than the whole: the loader's own error.
    harness
        .get_by_role_and_label(Role::TextInput, &part_value(1))
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, &part_value(1), "500");
    harness.get_by_label_contains(
        "error: the part \"soldiers\" is larger than the whole: 500 against 400",
    );
    assert!(!enabled(&harness, labels::APPLY));

    // Parts that fit but fall short of the whole: the loader's warning, and Apply goes ahead.
    harness
        .get_by_role_and_label(Role::TextInput, &part_value(1))
        .focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_into(&mut harness, &part_value(1), "280");
    harness.get_by_label_contains("warning: the parts add up to 280, but the whole is 400");
    assert!(enabled(&harness, labels::APPLY));
    apply(&mut harness);
    assert_eq!(
        the_claim(&harness).parts,
        List::from(vec![part(Category::Soldiers, 280)])
    );
}

mod needs_gpu {
    use super::*;

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_a_claims_parts_with_the_loaders_warning_in_the_dark_theme() {
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join("data.json");
        std::fs::write(&path, data(r#"{"exact": 400}"#)).unwrap();
        let mut app = app_with(vec![Input::File(path)]);
        app.apply(Command::SelectId(EVENT.to_string()));
        app.apply(Command::SetTheme(factsheet::gui::state::ThemeChoice::Dark));
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 1000.0))
            .with_max_steps(12)
            .wgpu()
            .build_ui_state(|ui, app: &mut FactsheetApp| app.show(ui), app);
        harness.run();
        edit_the_claim(&mut harness);
        click(&mut harness, labels::ADD_PART_ROW);
        type_into(&mut harness, &part_value(1), "270");
        click(&mut harness, labels::ADD_PART_ROW);
        choose(&mut harness, "Part 2 category", "civilians");
        type_into(&mut harness, &part_value(2), "120");
        harness.run();
        harness.snapshot("edit_parts_dark");
    }
}
