//! Editing facts, agreements and their terms, running totals and estimates,
//! and duplicating events, driven through egui_kittest by accessible labels;
//! the data after each step is checked against values written out here.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use factsheet::gui::editing::{EditCommand, items::labels as item_labels, labels};
use factsheet::gui::state::Tab;
use factsheet::gui::{Command, FactsheetApp, Input};
use factsheet_core::model::{
    AgreementKind, Baseline, Category, Claim, ClaimStatus, CoarseDate, ContextEstimate, Fact,
    FactClaim, List, Quantity, RunningTotal, Side, Term, TotalCounts, TotalScope,
};

mod common;
use common::app_with;
use common::settling_harness as harness;

const EVENT: &str = "2025-06-11-remains";

/// The editing fixture's data with an agreement the event fulfils.
const WITH_AGREEMENT: &str = r#"{
  "format_version": 2,
  "title": "Editing fixture with an agreement",
  "sources": [
    {"id": "hq", "outlet": "Coordination Headquarters", "published": "2025-06-13"}
  ],
  "agreements": [
    {"id": "ist", "title": "Istanbul talks", "date": {"on": "2025-06-02"}}
  ],
  "events": [
    {"id": "2025-06-11-remains", "title": "Bodies returned", "date": {"on": "2025-06-11"},
     "kind": "remains_repatriation", "agreement": "ist",
     "figures": [{"id": "remains-to-ukraine", "received_by": "ukraine", "category": "remains",
                  "claims": [{"source": "hq", "value": {"exact": 1212}}]}]}
  ]
}"#;

/// The app on a copy of the editing fixture, or on `json` when given.
fn app_on(json: Option<&str>) -> (tempfile::TempDir, FactsheetApp) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("data.json");
    match json {
        Some(json) => std::fs::write(&path, json).unwrap(),
        None => {
            let fixture =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit-small.json");
            std::fs::copy(fixture, &path).unwrap();
        }
    }
    (dir, app_with(vec![Input::File(path)]))
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
    // Brought into view first: a long form scrolls.
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

fn claim(source: &str, value: Quantity) -> Claim {
    Claim {
        status: ClaimStatus::Claimed,
        ..Claim::new(source, value)
    }
}

#[test]
fn a_fact_is_added_answered_and_deleted_with_its_answer() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_FACT);
    type_into(
        &mut harness,
        "Question (Did Russia confirm?)",
        "Were names published?",
    );
    apply(&mut harness);
    click(
        &mut harness,
        &format!("{} Were names published?", labels::ADD_ANSWER),
    );
    type_into(&mut harness, "Answer", "no");
    apply(&mut harness);
    let facts = |harness: &Harness<'static, FactsheetApp>| {
        harness.state().state.dataset().unwrap().events[0]
            .facts
            .clone()
    };
    let answered = List::from(vec![Fact {
        id: "fact".into(),
        question: "Were names published?".into(),
        claims: List::from(vec![FactClaim {
            source: "hq".into(),
            answer: "no".into(),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            stated_on: None,
            notes: None,
        }]),
    }]);
    assert_eq!(facts(&harness), answered);

    click(
        &mut harness,
        &format!("{} Were names published?", item_labels::DELETE_FACT),
    );
    assert_eq!(facts(&harness), List::new());
    // One edit took the fact and its answer: one undo brings both back.
    harness.state_mut().apply(Command::Edit(EditCommand::Undo));
    harness.run();
    assert_eq!(facts(&harness), answered);
}

#[test]
fn an_agreement_with_a_term_is_added_edited_undone_and_redone() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_AGREEMENT);
    type_into(&mut harness, "Title", "Istanbul talks");
    type_into(
        &mut harness,
        "Date (2025-06-02 · about 2025-06-02 · June 2025)",
        "2025-06-02",
    );
    type_into(&mut harness, "Parties (comma-separated)", "Ukraine, Russia");
    apply(&mut harness);
    let name = "Istanbul talks (agreement)";
    click(&mut harness, &format!("{} {name}", item_labels::ADD_TERM));
    type_into(
        &mut harness,
        "Description (6,000 bodies to Ukraine)",
        "6,000 bodies to Ukraine",
    );
    choose(&mut harness, "Counted", "remains");
    type_into(
        &mut harness,
        "Claim 1 value (1,212 · more than 500 · 250–300 · not disclosed)",
        "6,000",
    );
    apply(&mut harness);
    {
        let d = harness.state().state.dataset().unwrap();
        assert_eq!(d.agreements.len(), 1);
        let a = &d.agreements[0];
        assert_eq!(a.id, "agreement");
        assert_eq!(a.title, "Istanbul talks");
        assert_eq!(a.kind, AgreementKind::Agreement);
        assert_eq!(a.date.to_string(), "2025-06-02");
        let parties: Vec<&str> = a.parties.iter().map(|p| p.as_str()).collect();
        assert_eq!(parties, ["Ukraine", "Russia"]);
        assert_eq!(
            a.terms,
            List::from(vec![Term {
                id: "term".into(),
                description: "6,000 bodies to Ukraine".into(),
                received_by: Side::Ukraine,
                category: Category::Remains,
                claims: List::from(vec![claim("hq", Quantity::Exact(6000))]),
                notes: None,
            }])
        );
    }

    click(
        &mut harness,
        &format!("{} {name}", item_labels::EDIT_AGREEMENT),
    );
    type_into(&mut harness, "Notes", "Agreed at the second round");
    apply(&mut harness);
    let notes = |harness: &Harness<'static, FactsheetApp>| {
        let d = harness.state().state.dataset().unwrap();
        (
            d.agreements[0].notes.as_ref().map(|n| n.to_string()),
            d.agreements[0].terms.len(),
        )
    };
    assert_eq!(
        notes(&harness),
        (Some("Agreed at the second round".to_string()), 1)
    );
    assert_eq!(
        harness.state().state.history.undo_label(),
        Some("change an agreement")
    );
    harness.state_mut().apply(Command::Edit(EditCommand::Undo));
    harness.run();
    assert_eq!(
        notes(&harness),
        (None, 1),
        "the term stays: it was added before"
    );
    harness.state_mut().apply(Command::Edit(EditCommand::Redo));
    harness.run();
    assert_eq!(
        notes(&harness),
        (Some("Agreed at the second round".to_string()), 1)
    );
}

#[test]
fn an_agreement_an_event_fulfils_is_not_deleted_and_what_refers_to_it_is_listed() {
    let (_dir, mut app) = app_on(Some(WITH_AGREEMENT));
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(
        &mut harness,
        &format!("{} Istanbul talks (ist)", item_labels::DELETE_AGREEMENT),
    );
    harness.get_by_label_contains("The agreement \"Istanbul talks\" (ist) is not deleted");
    harness.get_by_label("• the event \"2025-06-11-remains\" fulfils it");
    assert_eq!(harness.state().state.dataset().unwrap().agreements.len(), 1);
    assert!(!harness.state().state.history.is_dirty());
    click(&mut harness, item_labels::CLOSE);
    assert!(harness.state().state.refusal.is_none());
}

#[test]
fn a_running_total_and_an_estimate_are_added_by_typing() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_TOTAL);
    type_into(
        &mut harness,
        "Description (bodies returned since June)",
        "Bodies returned in June",
    );
    type_into(
        &mut harness,
        "From (2025-06-01 · 2025-06 · 2025)",
        "2025-06",
    );
    choose(&mut harness, "Counted", "remains");
    type_into(
        &mut harness,
        "Claim 1 value (1,212 · more than 500 · 250–300 · not disclosed)",
        "1,212",
    );
    apply(&mut harness);
    assert_eq!(
        harness.state().state.dataset().unwrap().running_totals,
        List::from(vec![RunningTotal {
            id: "total".into(),
            description: "Bodies returned in June".into(),
            scope: TotalScope {
                from: Some("2025-06".parse::<CoarseDate>().unwrap()),
                category: Some(Category::Remains),
                ..TotalScope::default()
            },
            counts: TotalCounts::People,
            claims: List::from(vec![claim("hq", Quantity::Exact(1212))]),
            baseline: None,
            notes: None,
        }])
    );

    click(&mut harness, item_labels::ADD_ESTIMATE);
    type_into(
        &mut harness,
        "Description (soldiers held captive)",
        "Soldiers held captive",
    );
    choose(&mut harness, "Counted", "soldiers");
    choose(&mut harness, "Held by", "Russia");
    type_into(
        &mut harness,
        "As of (2025-05-01 · 2025-05 · 2025)",
        "2025-05",
    );
    type_into(
        &mut harness,
        "Claim 1 value (1,212 · more than 500 · 250–300 · not disclosed)",
        "about 8,000",
    );
    apply(&mut harness);
    assert_eq!(
        harness.state().state.dataset().unwrap().estimates,
        List::from(vec![ContextEstimate {
            id: "estimate".into(),
            description: "Soldiers held captive".into(),
            category: Category::Soldiers,
            held_by: Some(Side::Russia),
            as_of: Some("2025-05".parse::<CoarseDate>().unwrap()),
            claims: List::from(vec![claim("hq", Quantity::Approximately(8000))]),
            notes: None,
        }])
    );
}

#[test]
fn a_running_totals_baseline_is_typed_and_needs_its_day() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_TOTAL);
    type_into(
        &mut harness,
        "Description (bodies returned since June)",
        "Bodies returned since 2022",
    );
    type_into(
        &mut harness,
        "Claim 1 value (1,212 · more than 500 · 250–300 · not disclosed)",
        "12,000",
    );
    type_into(&mut harness, "Baseline value", "8,000");
    harness.get_by_label_contains("a baseline counts what came before a day: give the day");
    choose(
        &mut harness,
        "Baseline source",
        "Coordination Headquarters (hq)",
    );
    type_into(&mut harness, "Baseline before (YYYY-MM-DD)", "2025-01-01");
    apply(&mut harness);
    let d = harness.state().state.dataset().unwrap();
    assert_eq!(
        d.running_totals[0].baseline,
        Some(Baseline {
            before: jiff::civil::date(2025, 1, 1),
            value: Quantity::Exact(8000),
            source: "hq".into(),
            quote: None,
        })
    );
}

#[test]
fn a_month_that_is_not_one_is_refused_under_its_field() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_TOTAL);
    type_into(
        &mut harness,
        "Description (bodies returned since June)",
        "x",
    );
    type_into(
        &mut harness,
        "From (2025-06-01 · 2025-06 · 2025)",
        "2025-13",
    );
    harness.get_by_label_contains("expected a day written YYYY-MM-DD, a month YYYY-MM or a year");
    assert!(
        harness
            .get_by_label(labels::APPLY)
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn an_event_duplicated_is_a_new_event_with_its_figures_and_a_new_id() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::DUPLICATE_EVENT);
    harness.get_by_label("Add event");
    apply(&mut harness);
    let d = harness.state().state.dataset().unwrap();
    let ids: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, [EVENT, "2025-06-11-remains-copy"]);
    let copy = &d.events[1];
    assert_eq!(copy.title, "Bodies returned");
    assert_eq!(copy.date.to_string(), "2025-06-11");
    assert_eq!(copy.figures.len(), 1);
    assert_eq!(copy.figures[0].id, "remains-to-ukraine");
    assert_eq!(
        copy.figures[0].claims,
        List::from(vec![claim("hq", Quantity::Exact(1212))])
    );
    assert_eq!(harness.state().state.selected, Some(1));
}

#[test]
fn a_source_duplicated_gets_a_new_id() {
    let (_dir, app) = app_on(None);
    let mut harness = harness(app);
    harness.run();
    click(
        &mut harness,
        &format!(
            "{} Coordination Headquarters",
            item_labels::DUPLICATE_SOURCE
        ),
    );
    apply(&mut harness);
    let d = harness.state().state.dataset().unwrap();
    let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["hq", "hq-copy"]);
    assert_eq!(d.sources[1].outlet, "Coordination Headquarters");
    assert_eq!(d.sources[1].url.as_deref(), Some("https://example.org/hq"));
}

/// Image snapshots of the agreement and running-total forms: they need a
/// wgpu adapter (see tests/gui.rs).
mod needs_gpu {
    use super::*;

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

    fn agreement_form(theme: factsheet::gui::state::ThemeChoice, name: &str) {
        let (_dir, mut app) = app_on(None);
        app.apply(Command::SetTheme(theme));
        app.apply(Command::SetTab(Tab::Agreements));
        snapshot_after(app, name, |harness| {
            click(harness, item_labels::ADD_AGREEMENT);
            type_into(harness, "Title", "Istanbul talks");
            type_into(
                harness,
                "Date (2025-06-02 · about 2025-06-02 · June 2025)",
                "2025-02-31",
            );
            type_into(harness, "Parties (comma-separated)", "Ukraine, Russia");
            type_into(harness, "Mediators (comma-separated)", "Türkiye");
        });
    }

    fn total_form(theme: factsheet::gui::state::ThemeChoice, name: &str) {
        let (_dir, mut app) = app_on(None);
        app.apply(Command::SetTheme(theme));
        app.apply(Command::SetTab(Tab::Agreements));
        snapshot_after(app, name, |harness| {
            click(harness, item_labels::ADD_TOTAL);
            type_into(
                harness,
                "Description (bodies returned since June)",
                "Bodies returned in June",
            );
            type_into(harness, "From (2025-06-01 · 2025-06 · 2025)", "2025-06");
            type_into(
                harness,
                "Claim 1 value (1,212 · more than 500 · 250–300 · not disclosed)",
                "twelve hundred",
            );
        });
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn needs_gpu_agreement_form_light() {
        agreement_form(
            factsheet::gui::state::ThemeChoice::Light,
            "edit_agreement_light",
        );
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn needs_gpu_agreement_form_dark() {
        agreement_form(
            factsheet::gui::state::ThemeChoice::Dark,
            "edit_agreement_dark",
        );
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn needs_gpu_running_total_form_light() {
        total_form(
            factsheet::gui::state::ThemeChoice::Light,
            "edit_total_light",
        );
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn needs_gpu_running_total_form_dark() {
        total_form(factsheet::gui::state::ThemeChoice::Dark, "edit_total_dark");
    }
}

/// The data with an agreement and its term, a running total and an estimate,
/// and an event with a fact nobody answered yet.
const WITH_EVERYTHING: &str = r#"{
  "format_version": 2,
  "title": "Editing fixture with everything",
  "sources": [
    {"id": "hq", "outlet": "Coordination Headquarters", "published": "2025-06-13"}
  ],
  "agreements": [
    {"id": "ist", "title": "Istanbul talks", "date": {"on": "2025-06-02"},
     "terms": [{"id": "t1", "description": "6,000 bodies to Ukraine", "received_by": "ukraine",
                "category": "remains", "claims": [{"source": "hq", "value": {"exact": 6000}}]}]}
  ],
  "events": [
    {"id": "2025-06-11-remains", "title": "Bodies returned", "date": {"on": "2025-06-11"},
     "kind": "remains_repatriation",
     "figures": [{"id": "remains-to-ukraine", "received_by": "ukraine", "category": "remains",
                  "claims": [{"source": "hq", "value": {"exact": 1212}}]}],
     "facts": [{"id": "names", "question": "Were names published?", "claims": []}]}
  ],
  "running_totals": [
    {"id": "rt", "description": "Bodies since June", "scope": {"category": "remains"},
     "claims": [{"source": "hq", "value": {"exact": 1212}}]}
  ],
  "estimates": [
    {"id": "held", "description": "Held captive", "category": "prisoners",
     "claims": [{"source": "hq", "value": {"approximately": 8000}}]}
  ]
}"#;

#[test]
fn a_facts_question_a_term_a_total_and_an_estimate_are_changed_and_deleted() {
    let (_dir, mut app) = app_on(Some(WITH_EVERYTHING));
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    click(
        &mut harness,
        &format!("{} Were names published?", item_labels::EDIT_FACT),
    );
    type_into(&mut harness, "Question (Did Russia confirm?)", " By whom?");
    apply(&mut harness);
    assert_eq!(
        harness.state().state.dataset().unwrap().events[0].facts[0].question,
        "Were names published? By whom?"
    );

    harness.state_mut().apply(Command::SetTab(Tab::Agreements));
    harness.run();
    click(&mut harness, &format!("{} t1", item_labels::EDIT_TERM));
    choose(&mut harness, "Received by", "Russia");
    click(&mut harness, item_labels::ADD_CLAIM_ROW);
    type_into(
        &mut harness,
        "Claim 2 value (1,212 · more than 500 · 250–300 · not disclosed)",
        "about 6,000",
    );
    apply(&mut harness);
    {
        let d = harness.state().state.dataset().unwrap();
        let term = &d.agreements[0].terms[0];
        assert_eq!(term.received_by, Side::Russia);
        assert_eq!(
            term.claims,
            List::from(vec![
                claim("hq", Quantity::Exact(6000)),
                claim("hq", Quantity::Approximately(6000))
            ])
        );
    }
    click(&mut harness, &format!("{} t1", item_labels::DELETE_TERM));
    click(&mut harness, &format!("{} rt", item_labels::DELETE_TOTAL));
    click(
        &mut harness,
        &format!("{} held", item_labels::DELETE_ESTIMATE),
    );
    let counts = |harness: &Harness<'static, FactsheetApp>| {
        let d = harness.state().state.dataset().unwrap();
        (
            d.agreements[0].terms.len(),
            d.running_totals.len(),
            d.estimates.len(),
        )
    };
    assert_eq!(counts(&harness), (0, 0, 0));
    assert_eq!(
        harness.state().state.history.undo_label(),
        Some("delete an estimate")
    );
    for _ in 0..3 {
        harness.state_mut().apply(Command::Edit(EditCommand::Undo));
        harness.run();
    }
    assert_eq!(counts(&harness), (1, 1, 1));
}

/// The agreement form works from the keyboard: Tab goes from field to field
/// in the order shown (the kind's choice among them), and Escape closes it.
#[test]
fn tab_moves_through_the_agreement_form_and_escape_closes_it() {
    let (_dir, mut app) = app_on(None);
    app.apply(Command::SetTab(Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_AGREEMENT);
    harness.get_by_role_and_label(Role::TextInput, "Id").focus();
    harness.run();
    for (role, next) in [
        (Role::TextInput, "Title"),
        (Role::ComboBox, "Kind"),
        (
            Role::TextInput,
            "Date (2025-06-02 · about 2025-06-02 · June 2025)",
        ),
        (Role::TextInput, "Place"),
    ] {
        harness.key_press(egui::Key::Tab);
        harness.run();
        assert!(
            harness.get_by_role_and_label(role, next).is_focused(),
            "Tab should reach {next}"
        );
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().state.editor.is_none());
}

/// A fact given the id another fact of the event has is refused by the
/// loader's own rule, under the Id field, and Apply waits.
#[test]
fn a_fact_id_used_twice_is_refused_as_you_type() {
    let (_dir, mut app) = app_on(Some(WITH_EVERYTHING));
    app.apply(Command::SelectId(EVENT.to_string()));
    let mut harness = harness(app);
    harness.run();
    click(&mut harness, item_labels::ADD_FACT);
    let id = harness.get_by_role_and_label(Role::TextInput, "Id");
    id.focus();
    harness.run();
    // The proposed id "fact" is replaced by the one the event's fact has.
    for _ in 0.."fact".len() {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run();
    type_into(&mut harness, "Id", "names");
    type_into(&mut harness, "Question (Did Russia confirm?)", "Again?");
    harness.get_by_label_contains("the fact id \"names\" is used twice");
    assert!(
        harness
            .get_by_label(labels::APPLY)
            .accesskit_node()
            .is_disabled()
    );
}
