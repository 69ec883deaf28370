//! The desktop app driven through egui_kittest: the real app state, found and
//! clicked by accessible labels (what a screen reader sees). These run on any
//! machine; the image snapshots at the end need a wgpu adapter: they are
//! ignored by a plain `cargo test` and run by `cargo test -- --ignored needs_`
//! (CI installs Mesa's software renderer and runs them).
#![cfg(feature = "gui")]

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use factsheet::gui::events_table::TABLE_LABEL;
use factsheet::gui::{Command, FactsheetApp, Input, diagnostics, event_detail, sources_panel};

mod common;
use common::{JUNE_11, app_with, fixture, harness, snapshot};

/// The title of an event of the sample, read from the data rather than written here.
fn title_of(app: &FactsheetApp, id: &str) -> String {
    app.state
        .dataset()
        .and_then(|d| d.event(id))
        .map(|e| e.title.to_string())
        .unwrap_or_else(|| panic!("the sample has no event {id}"))
}

#[test]
fn selecting_the_june_repatriation_shows_1212_and_the_disputed_confirmation() {
    let app = app_with(vec![Input::Sample]);
    let title = title_of(&app, JUNE_11);
    let mut harness = harness(app);
    harness.run();

    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    table.get_by_label(&title).click();
    harness.run();

    let selected = harness
        .state()
        .state
        .selected_row()
        .map(|r| r.title.clone());
    assert_eq!(selected.as_deref(), Some(title.as_str()));

    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    // Both articles give 1,212 for the bodies returned to Ukraine.
    assert!(
        panel.query_all_by_label("1,212").count() >= 2,
        "the sources panel should show each source's 1,212"
    );
    // Whether Russia confirmed the handover: one article says Medinsky did, the other that Russia has yet to.
    panel.get_by_label_contains("confirm the handover");
    assert!(panel.query_all_by_label("yes").count() >= 1);
    assert!(panel.query_all_by_label("no").count() >= 1);
    // The panel's headline and the point's own badge both say so.
    assert!(
        panel
            .query_all_by_label_contains("sources disagree")
            .count()
            >= 2,
        "the confirmation point should be marked as a disagreement"
    );
    let comparison = harness.state().state.comparison.as_ref().unwrap();
    let confirmation = comparison
        .facts
        .iter()
        .find(|p| p.label.contains("confirm the handover"))
        .unwrap();
    assert!(confirmation.class.is_disagreement());
    let detail = harness.get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL);
    assert!(detail.query_all_by_label("1,212").count() >= 1);
}

#[test]
fn the_disputed_only_toggle_hides_points_where_sources_agree() {
    let mut app = app_with(vec![Input::Sample]);
    app.apply(Command::SelectId(JUNE_11.to_string()));
    let mut harness = harness(app);
    harness.run();
    let before = harness
        .get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL)
        .query_all_by_label("1,212")
        .count();
    assert!(before >= 2);
    harness
        .get_by_label(sources_panel::ONLY_DISPUTED_LABEL)
        .click();
    harness.run();
    assert!(harness.state().state.only_disputed_points);
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    // 1,212 is agreed by both articles, so it leaves; the confirmation dispute stays.
    assert_eq!(panel.query_all_by_label("1,212").count(), 0);
    assert!(
        panel
            .query_by_label_contains("confirm the handover")
            .is_some()
    );
}

#[test]
fn a_bad_file_leaves_the_open_data_in_place_and_shows_its_errors() {
    let app = app_with(vec![Input::Sample]);
    let title = app.state.dataset().map(|d| d.title.clone());
    let events = app.state.visible.len();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format_version\": 1,\n  \"title\": 42}").unwrap();

    let mut harness = harness(app);
    harness.run();
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::File(bad.clone())]));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();

    let state = &harness.state().state;
    assert_eq!(state.dataset().map(|d| d.title.clone()), title);
    assert_eq!(state.visible.len(), events);
    assert!(state.load_failure.is_some());

    harness.get_by_label(diagnostics::LOAD_FAILED_TITLE);
    // The error names the file, line and column.
    let where_ = format!("{}:2:", bad.display());
    assert!(
        harness.query_by_label_contains(&where_).is_some(),
        "expected an error located at {where_}"
    );
    harness.get_by_role_and_label(Role::Table, TABLE_LABEL);

    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.state().state.load_failure.is_none());
}

#[test]
fn arrow_keys_move_the_selection_through_the_visible_rows() {
    let app = app_with(vec![Input::Sample]);
    let mut harness = harness(app);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let first = harness.state().state.visible.first().copied();
    assert_eq!(harness.state().state.selected, first);
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let second = harness.state().state.visible.get(1).copied();
    assert_eq!(harness.state().state.selected, second);
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().state.selected, first);
}

#[test]
fn clicking_a_header_sorts_and_clicking_again_reverses() {
    let app = app_with(vec![Input::Sample]);
    let mut harness = harness(app);
    harness.run();
    let by_date = harness.state().state.visible.clone();
    harness.get_by_label_contains("To Ukraine").click();
    harness.run();
    harness.get_by_label_contains("To Ukraine").click();
    harness.run();
    let state = &harness.state().state;
    assert!(state.sort.descending);
    let data = state.data.as_ref().unwrap();
    let values: Vec<Option<u64>> = state
        .visible
        .iter()
        .map(|&i| data.table.rows[i].to_ukraine)
        .collect();
    let mut sorted = values.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(values, sorted);
    let mut same_rows = state.visible.clone();
    same_rows.sort_unstable();
    let mut all = by_date;
    all.sort_unstable();
    assert_eq!(same_rows, all, "sorting must not drop or add rows");
}

#[test]
fn choosing_a_month_shows_as_many_events_as_it_says_and_any_period_clears_it() {
    let app = app_with(vec![Input::Sample]);
    let total = app.state.visible.len();
    let june = factsheet_core::table::Period::Month(2025, 6);
    let counted = app
        .state
        .periods
        .months
        .iter()
        .find(|(m, _)| *m == (2025, 6))
        .map(|(_, n)| *n)
        .expect("the sample has events in June 2025");
    let mut harness = harness(app);
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Period:")
        .click();
    harness.run();
    harness
        .get_by_label(&format!("{} ({counted})", june.label()))
        .click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.visible.len(), counted);
    assert!(counted < total);
    assert_eq!((state.filters.from, state.filters.until), {
        let (from, until) = june.bounds().unwrap();
        (Some(from), Some(until))
    });
    let data = state.data.as_ref().unwrap();
    assert!(
        state
            .visible
            .iter()
            .any(|&i| data.dataset.events[i].id == JUNE_11)
    );
    // The choice now reads as the month; "any period" lifts it.
    harness
        .get_by_role_and_label(Role::ComboBox, "Period:")
        .click();
    harness.run();
    harness
        .get_by_label(factsheet::gui::filters::ANY_PERIOD)
        .click();
    harness.run();
    assert_eq!(harness.state().state.visible.len(), total);
}

#[test]
fn a_chosen_month_without_events_is_still_in_the_period_list() {
    let mut app = app_with(vec![Input::Sample]);
    // A period kept from another file: the sample has nothing in January 2024.
    let january = factsheet_core::table::Period::Month(2024, 1);
    let (from, until) = january.bounds().unwrap();
    app.apply(Command::SetFilters(factsheet::gui::state::Filters {
        from: Some(from),
        until: Some(until),
        ..Default::default()
    }));
    let mut harness = harness(app);
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    assert!(harness.state().state.visible.is_empty());
    harness
        .get_by_role_and_label(Role::ComboBox, "Period:")
        .click();
    harness.run();
    harness.get_by_label(&format!("{} (0)", january.label()));
    harness.get_by_label("2024 (0)").click();
    harness.run();
    let filters = &harness.state().state.filters;
    assert_eq!(filters.from, "2024-01-01".parse().ok());
    assert_eq!(filters.until, "2024-12-31".parse().ok());
}

#[test]
fn a_view_saved_under_a_name_puts_its_filters_and_sort_back_and_is_kept_with_the_settings() {
    use factsheet::gui::filters::{SAVE_VIEW, VIEW_NAME, VIEWS_MENU};
    use factsheet::gui::state::{Filters, SortColumn};
    let mut app = app_with(vec![Input::Sample]);
    let remains = Filters {
        kind: Some(factsheet_core::model::EventKind::RemainsRepatriation),
        ..Default::default()
    };
    app.apply(Command::SetFilters(remains.clone()));
    app.apply(Command::SortBy(SortColumn::Place));
    let (rows, sort) = (app.state.visible.clone(), app.state.sort);
    let mut harness = harness(app);
    harness.run();

    harness.get_by_label(VIEWS_MENU).click();
    harness.run();
    let name = harness.get_by_role_and_label(Role::TextInput, VIEW_NAME);
    name.focus();
    name.type_text("remains by place");
    harness.run();
    harness.get_by_label(SAVE_VIEW).click();
    harness.run();
    let saved = harness.state().state.views.get("Remains by place").cloned();
    assert_eq!(
        saved.map(|v| (v.filters, v.sort)),
        Some((remains.clone(), sort))
    );
    // The menu's title names the view on screen.
    assert!(harness.query_by_label("View: remains by place").is_some());

    harness.state_mut().apply(Command::ClearFilters);
    harness.state_mut().apply(Command::SortBy(SortColumn::Date));
    harness.run();
    assert_ne!(harness.state().state.visible, rows);
    harness.get_by_label(VIEWS_MENU).click();
    harness.run();
    harness.get_by_label("remains by place").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!((&state.filters, state.sort), (&remains, sort));
    assert_eq!(state.visible, rows);

    let restored: factsheet::gui::AppState =
        serde_json::from_str(&serde_json::to_string(state).unwrap()).unwrap();
    assert_eq!(restored.views, state.views);
}

#[test]
fn the_saved_view_on_screen_is_renamed_from_the_views_menu() {
    use factsheet::gui::filters::{RENAME_VIEW, VIEW_NAME};
    let mut app = app_with(vec![Input::Sample]);
    app.apply(Command::SaveView("everything".into()));
    app.apply(Command::SetFilters(factsheet::gui::state::Filters {
        disagreements_only: true,
        ..Default::default()
    }));
    app.apply(Command::SaveView("disputed".into()));
    let mut harness = harness(app);
    harness.run();

    harness.get_by_label("View: disputed").click();
    harness.run();
    let name = harness.get_by_role_and_label(Role::TextInput, VIEW_NAME);
    name.focus();
    name.type_text("only disputed");
    harness.run();
    harness.get_by_label(RENAME_VIEW).click();
    harness.run();
    let views = &harness.state().state.views;
    let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["everything", "only disputed"]);
    assert!(
        views
            .get("only disputed")
            .unwrap()
            .filters
            .disagreements_only
    );
    assert!(harness.query_by_label("View: only disputed").is_some());

    // A name another view has is refused, and both views stay.
    harness.state_mut().apply(Command::RenameView {
        from: "only disputed".into(),
        to: "Everything".into(),
    });
    let state = &harness.state().state;
    assert_eq!(state.views.iter().count(), 2);
    let notice = state.notice.as_ref().unwrap();
    assert!(
        notice.is_error && notice.text.contains("already called"),
        "{}",
        notice.text
    );
}

#[test]
fn the_agreements_tab_sets_each_term_against_what_was_delivered() {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    harness.get_by_label("Agreements").click();
    harness.run();
    assert_eq!(
        harness.state().state.tab,
        factsheet::gui::state::Tab::Agreements
    );
    let tab = harness.get_by_label(factsheet::gui::agreements::PANEL_LABEL);
    // 1,212 bodies returned on 11 June against the 6,000 agreed on 2 June; 27 to Russia.
    assert!(
        tab.query_by_label_contains("1,212 of 6,000 · 20%")
            .is_some()
    );
    assert!(
        tab.query_by_label_contains("27 of 6,000 · under 1%")
            .is_some()
    );
    // A commitment the sources only bound gets no made-up share, and says why.
    assert!(
        tab.query_by_label_contains(
            "No share: the sources only bound the commitment (more than 500)"
        )
        .is_some()
    );
    // A term no source puts a number on (the sample's prisoners to Russia) says so plainly.
    assert!(tab.query_by_label_contains("no source states it").is_some());
    assert!(
        tab.query_by_label_contains("No share: no source gives the commitment a number")
            .is_some()
    );
    assert!(tab.query_by_label_contains("(0 sources)").is_none());
    // The running total stated by a source, checked against the events.
    // The same words as the fact sheet's exports.
    assert!(tab.query_by_label_contains("consistent: yes").is_some());
    assert!(
        tab.query_by_label_contains("The open files hold 1 such event")
            .is_some()
    );
    // The filters do not apply here, and are not shown.
    assert!(harness.query_by_label("Search:").is_none());
}

#[test]
fn a_running_total_the_data_cannot_settle_says_so_in_the_exports_words() {
    // The sample's running total with its agreement left out of its scope: it then has no
    // start, so it reaches before the data, and the tab gives no verdict, as the exports do.
    let mut data: serde_json::Value =
        serde_json::from_slice(factsheet_core::load::SAMPLE_JSON).unwrap();
    let scope = &mut data["running_totals"][0]["scope"];
    scope.as_object_mut().unwrap().remove("agreement");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-start.json");
    std::fs::write(&file, data.to_string()).unwrap();
    let mut harness = harness(app_with(vec![Input::File(file)]));
    harness.run();
    harness.get_by_label("Agreements").click();
    harness.run();
    let tab = harness.get_by_label(factsheet::gui::agreements::PANEL_LABEL);
    assert!(
        tab.query_by_label_contains(
            "consistent: cannot tell (reaches before the data: earliest event 2025-05-01)"
        )
        .is_some()
    );
    assert!(tab.query_by_label_contains("consistent: yes").is_none());
}

#[test]
fn show_its_events_lists_the_events_fulfilling_an_agreement() {
    // The sample, with the May swap also naming the June talks, which it predates: it names the
    // agreement but delivers nothing on it, so it is not among the events the tab counts.
    let mut data: serde_json::Value =
        serde_json::from_slice(factsheet_core::load::SAMPLE_JSON).unwrap();
    let may = data["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["id"] == "2025-05-prisoner-exchange")
        .expect("the sample's May swap");
    may["agreement"] = "istanbul-2025-06-02".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("linked-early.json");
    std::fs::write(&file, data.to_string()).unwrap();
    let mut harness = harness(app_with(vec![Input::File(file)]));
    harness.run();
    harness.get_by_label("Agreements").click();
    harness.run();
    // The latest agreement comes first: the second round of talks, which the 11 June handover fulfils.
    click_show_its_events(&mut harness, false);
    let state = &harness.state().state;
    let data = state.data.as_ref().unwrap();
    let id = state
        .filters
        .agreement
        .clone()
        .expect("the agreement filter is on");
    let agreement = data.dataset.agreement(&id).unwrap();
    assert!(agreement.title.contains("Second round"));
    let mut shown = state.visible.clone();
    shown.sort_unstable();
    // Exactly the events the tab counts as delivered on the agreement: the
    // sample's 9-10 June exchange and 11 June handover, not the May swap.
    assert_eq!(state.filters.from, Some(jiff::civil::date(2025, 6, 2)));
    assert_eq!(shown, [1, 2]);
    assert!(shown.iter().any(|&i| data.dataset.events[i].id == JUNE_11));
    assert!(
        !shown
            .iter()
            .any(|&i| data.dataset.events[i].id == "2025-05-prisoner-exchange")
    );
    assert!(shown.len() < data.dataset.events.len());
    // The bar says why rows are hidden; clearing the filters lifts it.
    let start: String = agreement.title.chars().take(20).collect();
    let label = format!("Agreement: {start}");
    harness.get_by_label_contains(&label);
    harness.get_by_label("Clear filters").click();
    harness.run();
    assert!(harness.state().state.filters.agreement.is_none());
    assert!(harness.query_by_label_contains(&label).is_none());
}

#[test]
fn show_its_events_lists_the_events_a_running_total_counts() {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    harness.get_by_label("Agreements").click();
    harness.run();
    // The running totals come after the agreements: the last button is the sample's one total.
    click_show_its_events(&mut harness, true);
    let state = &harness.state().state;
    let data = state.data.as_ref().unwrap();
    let id = state
        .filters
        .running_total
        .clone()
        .expect("the running total filter is on");
    let total = data.dataset.running_total(&id).unwrap();
    let mut shown = state.visible.clone();
    shown.sort_unstable();
    // The sample's total counts the 11 June handover, the first batch, and nothing else.
    assert_eq!(shown, [2]);
    assert_eq!(data.dataset.events[2].id, JUNE_11);
    let start: String = total.description.chars().take(20).collect();
    let label = format!("Counted by: {start}");
    harness.get_by_label_contains(&label);
    harness.get_by_label("✖").click();
    harness.run();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let state = &harness.state().state;
    assert!(state.filters.running_total.is_none());
    assert_eq!(state.visible.len(), data_len(&harness));
    assert!(harness.query_by_label_contains(&label).is_none());
}

/// Clicks the first "Show its events" button on the Agreements tab (the
/// latest agreement's), or the last (the last running total's), and waits for
/// the Events tab to show what it set.
fn click_show_its_events(harness: &mut Harness<'static, FactsheetApp>, last: bool) {
    // Brought into view first: the tab's controls can push it below the fold.
    for step in 0..2 {
        {
            let mut all = harness.query_all_by_label(factsheet::gui::agreements::SHOW_EVENTS);
            let button = if last { all.last() } else { all.next() };
            let button = button.expect("a \"Show its events\" button");
            if step == 0 {
                button.scroll_to_me();
            } else {
                button.click();
            }
        }
        harness.run();
    }
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    assert_eq!(
        harness.state().state.tab,
        factsheet::gui::state::Tab::Events
    );
}

/// How many events the open data holds.
fn data_len(harness: &Harness<'_, FactsheetApp>) -> usize {
    harness
        .state()
        .state
        .data
        .as_ref()
        .map_or(0, |d| d.dataset.events.len())
}

#[test]
fn a_long_list_of_agreements_shows_the_latest_first_and_more_on_request() {
    use factsheet::gui::agreements::SHOWN_AT_ONCE;
    let count = SHOWN_AT_ONCE + 12;
    let agreements: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "id": format!("a{i}"),
                "title": format!("Talks number {i}"),
                "date": {"on": format!("2024-{:02}-{:02}", 1 + i / 28, 1 + i % 28)},
            })
        })
        .collect();
    let file = serde_json::json!({
        "format_version": 1,
        "title": "Many agreements",
        "agreements": agreements,
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SetTab(factsheet::gui::state::Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    let latest = format!("Talks number {}", count - 1);
    assert!(
        harness.query_by_label(&latest).is_some(),
        "the latest comes first"
    );
    assert!(harness.query_by_label("Talks number 0").is_none());
    let more = format!("Show 12 more ({SHOWN_AT_ONCE} of {count} shown)");
    // What a reader does: scroll to the end of the list, then click.
    harness.get_by_label(&more).scroll_to_me();
    harness.run();
    harness.get_by_label(&more).click();
    harness.run();
    // All are laid out now (the earliest is below the fold): no button is left.
    assert!(harness.query_by_label_contains("more (").is_none());
}

#[test]
fn counts_in_the_thousands_are_written_with_separators() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generated.json");
    let options = factsheet_generate::Options {
        events: 2_000,
        seed: 1,
    };
    factsheet_generate::write_file(&path, options).unwrap();
    let mut harness = harness(app_with(vec![Input::File(path)]));
    harness.run();
    let sources = {
        let data = harness.state().state.data.as_ref().unwrap();
        assert_eq!(data.table.len(), 2_000);
        data.sources.len()
    };
    assert!(
        sources >= 1_000,
        "a count that needs a separator: {sources}"
    );
    harness.get_by_label("2,000 of 2,000 events");
    let listed = format!(
        "{} sources in this dataset",
        factsheet_core::model::thousands(sources as u64)
    );
    assert!(listed.contains(','));
    harness.get_by_label(&listed);
    harness.get_by_label_contains("Generated: 2,000 exchanges");
}

#[test]
fn an_agreement_with_many_terms_shows_the_first_and_more_on_request() {
    use factsheet::gui::agreements::SHOWN_AT_ONCE;
    let count = SHOWN_AT_ONCE + 5;
    let terms: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({
                "id": format!("t{i}"),
                "description": format!("Term number {i}"),
                "received_by": "ukraine",
                "category": "remains",
                "claims": [],
            })
        })
        .collect();
    let file = serde_json::json!({
        "format_version": 1,
        "title": "Many terms",
        "agreements": [{"id": "a", "title": "Talks", "date": {"on": "2024-01-01"}, "terms": terms}],
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terms.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let mut app = app_with(vec![Input::File(path)]);
    app.apply(Command::SetTab(factsheet::gui::state::Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    assert!(harness.query_by_label_contains("Term number 0 ").is_some());
    let last = format!("Term number {} ", count - 1);
    assert!(harness.query_by_label_contains(&last).is_none());
    let more = format!("Show 5 more ({SHOWN_AT_ONCE} of {count} shown)");
    harness.get_by_label(&more).scroll_to_me();
    harness.run();
    harness.get_by_label(&more).click();
    harness.run();
    assert!(harness.query_by_label_contains("more (").is_none());
    harness.get_by_label_contains(&last).scroll_to_me();
}

#[test]
fn the_disputed_filter_keeps_only_events_where_sources_disagree() {
    let app = app_with(vec![Input::Sample]);
    let total = app.state.visible.len();
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label_contains("Only disputed").click();
    harness.run();
    let state = &harness.state().state;
    assert!(state.filters.disagreements_only);
    let data = state.data.as_ref().unwrap();
    assert!(
        state.visible.len() < total,
        "some sample events are undisputed"
    );
    assert!(
        state
            .visible
            .iter()
            .any(|&i| data.dataset.events[i].id == JUNE_11)
    );
    for &i in &state.visible {
        assert_eq!(
            data.table.rows[i].agreement,
            factsheet::gui::comparison::Divergence::Conflict
        );
    }
}

#[test]
fn settings_persist_but_data_does_not() {
    let mut app = app_with(vec![Input::Sample]);
    app.apply(Command::SetTheme(factsheet::gui::state::ThemeChoice::Dark));
    app.apply(Command::SetFilters(factsheet::gui::state::Filters {
        text: "remains".into(),
        ..Default::default()
    }));
    app.apply(Command::SetExportEveryEvent(true));
    let saved = serde_json::to_string(&app.state).unwrap();
    let restored: factsheet::gui::AppState = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored.theme, factsheet::gui::state::ThemeChoice::Dark);
    assert_eq!(restored.filters.text, "remains");
    assert!(restored.data.is_none());
    assert!(
        !restored.export_every_event,
        "fact sheets of every event are asked for each run"
    );
    assert!(
        !saved.contains("1212"),
        "the data itself must not be persisted"
    );
}

#[test]
fn export_writes_exactly_the_rows_on_screen_and_reports_a_failed_write() {
    let mut app = app_with(vec![Input::Sample]);
    let june = title_of(&app, JUNE_11);
    let others: Vec<String> = app
        .state
        .dataset()
        .unwrap()
        .events
        .iter()
        .filter(|e| e.id != JUNE_11)
        .map(|e| e.title.to_string())
        .collect();
    assert!(!others.is_empty());
    app.apply(Command::SetFilters(factsheet::gui::state::Filters {
        text: JUNE_11.to_string(),
        ..Default::default()
    }));
    assert_eq!(app.state.visible.len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let markdown = factsheet_core::export::Format::Markdown;
    let (_, text) = exported(&mut app, markdown, &dir.path().join("sheet.md"));
    assert!(
        text.contains(&june),
        "the exported sheet should hold the event on screen"
    );
    for title in &others {
        assert!(
            !text.contains(title.as_str()),
            "filtered-out event {title:?} was exported"
        );
    }
    assert!(
        text.contains(JUNE_11),
        "the summary should say which filter was on"
    );

    // A folder that does not exist: a clear message, nothing written.
    let missing = dir.path().join("no-such-folder").join("sheet.md");
    app.apply(Command::ExportTo(
        factsheet_core::export::Format::Csv,
        missing.clone(),
    ));
    app.wait_for_jobs(Duration::from_secs(60));
    let notice = app.state.notice.clone().unwrap();
    assert!(notice.is_error);
    assert!(notice.text.contains("does not exist"), "{}", notice.text);
    assert!(!missing.exists());
}

/// Exports the rows on screen in `format` to `path` and waits: the notice
/// (which must not be an error) and what the file holds.
fn exported(
    app: &mut FactsheetApp,
    format: factsheet_core::export::Format,
    path: &std::path::Path,
) -> (String, String) {
    app.apply(Command::ExportTo(format, path.to_path_buf()));
    app.wait_for_jobs(Duration::from_secs(60));
    let notice = app.state.notice.clone().expect("a notice after export");
    assert!(!notice.is_error, "{}", notice.text);
    (notice.text, std::fs::read_to_string(path).unwrap())
}

#[test]
fn an_export_of_many_events_says_it_lists_the_latest_and_a_csv_lists_all() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("long.json");
    let options = factsheet_generate::Options {
        events: 1_050,
        seed: 2,
    };
    factsheet_generate::write_file(&data, options).unwrap();
    let mut app = app_with(vec![Input::File(data)]);
    assert_eq!(app.state.visible.len(), 1_050);

    let html_format = factsheet_core::export::Format::Html;
    let (notice, html) = exported(&mut app, html_format, &dir.path().join("sheet.html"));
    assert!(
        notice.contains("the latest 1,000 of 1,050 events listed in detail"),
        "{notice}"
    );
    assert!(html.contains("Only the latest 1,000 of 1,050 events are listed."));

    let csv_format = factsheet_core::export::Format::Csv;
    let (notice, csv) = exported(&mut app, csv_format, &dir.path().join("figures.csv"));
    assert!(!notice.contains("listed"), "{notice}");
    let app_data = app.state.dataset().unwrap();
    for event in [&app_data.events[0], &app_data.events[1_049]] {
        assert!(
            csv.contains(&*event.id),
            "{} missing from the CSV",
            event.id
        );
    }

    // Ticked in the Export menu, a fact sheet lists every event.
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness
        .get_by_label("List all 1,050 events in the fact sheet")
        .click();
    harness.run();
    let app = harness.state_mut();
    assert!(app.state.export_every_event);
    let (notice, html) = exported(app, html_format, &dir.path().join("every.html"));
    assert!(!notice.contains("listed"), "{notice}");
    assert!(!html.contains("Only the latest"));
    assert!(html.contains(&*app.state.dataset().unwrap().events[0].id));
}

#[test]
fn adding_a_file_merges_it_with_the_data_already_open() {
    let mut app = app_with(vec![Input::Sample]);
    let sample_events = app.state.dataset().unwrap().events.len();
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.json");
    std::fs::write(
        &extra,
        r#"{"format_version": 1, "title": "Extra",
          "sources": [{"id": "extra-src", "outlet": "Ukrinform", "url": "https://www.ukrinform.net/"}],
          "events": [{"id": "extra-2025-07-01", "title": "Обмін полоненими", "date": {"on": "2025-07-01"},
            "kind": "prisoner_exchange",
            "figures": [{"id": "f", "received_by": "ukraine", "category": "soldiers",
              "claims": [{"source": "extra-src", "value": {"exact": 84}}]}]}]}"#,
    )
    .unwrap();
    app.apply(Command::Add(vec![extra]));
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(
        app.state.load_failure.is_none(),
        "{:?}",
        app.state.load_failure
    );
    let data = app.state.data.as_ref().unwrap();
    assert_eq!(data.inputs.len(), 2);
    assert_eq!(data.dataset.events.len(), sample_events + 1);
    // The new event is in the table, its Cyrillic title rendered (the harness fails on missing glyphs).
    let mut harness = harness(app);
    harness.run();
    harness
        .get_by_role_and_label(Role::Table, TABLE_LABEL)
        .get_by_label("Обмін полоненими");
}

#[test]
fn the_table_lays_out_only_the_rows_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    let file = std::fs::File::create(&path).unwrap();
    factsheet_generate::write_dataset(
        std::io::BufWriter::new(file),
        factsheet_generate::Options {
            events: 3000,
            seed: 1,
        },
    )
    .unwrap();
    let app = app_with(vec![Input::File(path)]);
    assert!(app.state.load_failure.is_none());
    assert_eq!(app.state.visible.len(), 3000);
    let mut harness = harness(app);
    harness.run();
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    // One selectable title per laid-out row: a screenful, not three thousand.
    let laid_out = table.query_all_by_role(Role::Button).count();
    assert!(laid_out > 5, "some rows should be on screen");
    assert!(
        laid_out < 200,
        "{laid_out} rows laid out: the table is not virtualised"
    );
    // Moving to the last row scrolls there.
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    let last = harness.state().state.visible.last().copied();
    assert_eq!(harness.state().state.selected, last);
    let title = harness.state().state.selected_row().unwrap().title.clone();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Table, TABLE_LABEL)
            .query_all_by_label(&title)
            .count()
            >= 1,
        "the selected last row should be scrolled into view"
    );
}

#[test]
fn filter_labels_come_before_their_combo_boxes() {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    for label in ["Kind:", "Received by:", "Source:", "Period:"] {
        let label_rect = harness.get_by_role_and_label(Role::Label, label).rect();
        // The combo box is named by its label (accesskit's labelled-by relation).
        let combo = harness.get_by_role_and_label(Role::ComboBox, label);
        let combo_rect = combo.rect();
        assert!(
            label_rect.right() <= combo_rect.left(),
            "{label} ({label_rect:?}) should sit left of its combo box ({combo_rect:?})"
        );
        assert!(
            (label_rect.center().y - combo_rect.center().y).abs() < 4.0,
            "{label} should sit on the combo box's line"
        );
    }
}

#[test]
fn a_total_for_both_sides_is_shown_once_and_in_neither_side_column() {
    const SWAP: &str = "2025-05-prisoner-exchange";
    let app = app_with(vec![Input::Sample]);
    let index = app
        .state
        .dataset()
        .and_then(|d| d.events.iter().position(|e| e.id == SWAP))
        .expect("the sample has the May swap");
    let row = app.state.data.as_ref().unwrap().table.rows[index].clone();
    assert!(!row.to_ukraine_text.contains("1,000"), "{row:?}");
    assert!(!row.to_russia_text.contains("1,000"), "{row:?}");
    assert!(row.unsplit_text.contains("1,000"), "{row:?}");
    // Sorting by a side column ranks the swap as having no figure for that side.
    assert_eq!((row.to_ukraine, row.to_russia), (None, None));
}

/// Steps the app until `done` holds, for at most 20 s (a file watcher reports in its own time).
fn step_until(
    harness: &mut Harness<'static, FactsheetApp>,
    what: &str,
    done: impl Fn(&FactsheetApp) -> bool,
) {
    for _ in 0..400 {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("gave up waiting for {what}");
}

#[test]
fn a_file_changed_on_disk_reloads_keeping_selection_and_filters_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exchanges.json");
    let original = String::from_utf8(factsheet_core::load::SAMPLE_JSON.to_vec()).unwrap();
    assert!(original.contains("\"exact\": 1212"));
    std::fs::write(&path, &original).unwrap();

    let mut app = app_with(vec![Input::File(path.clone())]);
    app.apply(Command::SelectId(JUNE_11.to_string()));
    let filters = factsheet::gui::state::Filters {
        text: "bodies".to_string(),
        ..Default::default()
    };
    app.apply(Command::SetFilters(filters.clone()));
    let mut harness = harness(app);
    harness.run();

    std::fs::write(
        &path,
        original.replace("\"exact\": 1212", "\"exact\": 1213"),
    )
    .unwrap();
    step_until(&mut harness, "the reload", |app| {
        app.state
            .notice
            .as_ref()
            .is_some_and(|n| n.text.starts_with("reloaded"))
    });
    let state = &harness.state().state;
    assert_eq!(state.selected_row().and_then(|r| r.to_ukraine), Some(1213));
    assert_eq!(state.filters, filters);
    let selected = state.dataset().and_then(|d| d.events.get(state.selected?));
    assert_eq!(selected.map(|e| e.id.as_str()), Some(JUNE_11));
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    assert!(panel.query_all_by_label("1,213").count() >= 2);
    harness.get_by_label_contains("reloaded");

    // A broken save: the data on screen stays, its errors show.
    std::fs::write(&path, "{\"format_version\": 1,\n  \"title\": 42}").unwrap();
    step_until(&mut harness, "the failed reload", |app| {
        app.state.load_failure.is_some()
    });
    let state = &harness.state().state;
    assert_eq!(state.selected_row().and_then(|r| r.to_ukraine), Some(1213));
    assert!(state.notice.as_ref().is_some_and(|n| n.is_error));
    harness.get_by_label(diagnostics::LOAD_FAILED_TITLE);
}

/// The app with the sample open, after an open of `path` that failed.
fn after_a_failed_open(path: &std::path::Path) -> Harness<'static, FactsheetApp> {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    harness
        .state_mut()
        .apply(Command::Open(vec![Input::File(path.to_path_buf())]));
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    harness.get_by_label(diagnostics::LOAD_FAILED_TITLE);
    harness
}

fn shows_file(app: &FactsheetApp, path: &std::path::Path) -> bool {
    app.state.load_failure.is_none()
        && app
            .state
            .data
            .as_ref()
            .is_some_and(|d| d.inputs == vec![Input::File(path.to_path_buf())])
}

#[test]
fn a_failed_open_opens_by_itself_once_a_fix_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.json");
    std::fs::write(&path, "{\"format_version\": 1,\n  \"title\": 42}").unwrap();
    let mut harness = after_a_failed_open(&path);
    let failure = harness.state().state.load_failure.as_ref();
    assert!(failure.is_some_and(|f| f.watched));
    harness.get_by_label_contains("Saving a fix");

    std::fs::write(&path, factsheet_core::load::SAMPLE_JSON).unwrap();
    step_until(&mut harness, "the open after the fix", |app| {
        !app.busy() && shows_file(app, &path)
    });
    assert!(
        harness
            .query_by_label(diagnostics::LOAD_FAILED_TITLE)
            .is_none()
    );
}

#[test]
fn try_again_reads_a_missing_file_once_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("later.json");
    let mut harness = after_a_failed_open(&path);
    // Nothing to watch: the window does not promise to notice a save.
    assert!(!harness.state().state.load_failure.as_ref().unwrap().watched);
    assert!(harness.query_by_label_contains("Saving a fix").is_none());

    std::fs::write(&path, factsheet_core::load::SAMPLE_JSON).unwrap();
    harness.get_by_label(diagnostics::TRY_AGAIN).click();
    // One frame takes the click and starts the load; `run` here would race
    // the load's end, whose repaints can outlast its step limit.
    harness.step();
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    assert!(shows_file(harness.state(), &path));
}

/// The fixture's June 11 event as a citation: its title and date, a line per
/// claim (the source's title, its outlet unless "unknown", who is quoted, the
/// quote, the link), then a line per answer to each question
/// (tests/fixtures/gui-snapshot.json).
const JUNE_11_FIGURE_TO_UKRAINE: &str = "\
1,212 remains to Ukraine on 2025-06-11 (source: \"Russia hands over deceased soldiers to Kyiv\": \"the remains of 1,212 courageous defenders have returned to Ukraine\", https://example.org/a)
1,212 remains to Ukraine on 2025-06-11 (source: \"Ukraine receives bodies of its soldiers from Russia under Istanbul deal\", Anadolu Agency: \"the bodies of 1,212 fallen defenders were returned to Ukraine\", https://www.aa.com.tr/en/x)";
const JUNE_11_REST: &str = "\
27 remains to Russia on 2025-06-11 (source: \"Russia hands over deceased soldiers to Kyiv\", quoting Vladimir Medinsky: \"Russia had received the remains of 27 Russian soldiers\", https://example.org/a)
Did Russia confirm the handover? \"yes\" (2025-06-11; source: \"Russia hands over deceased soldiers to Kyiv\", quoting Vladimir Medinsky: \"This handover was confirmed by Russia's top negotiator, Vladimir Medinsky\", https://example.org/a)
Did Russia confirm the handover? \"no\" (2025-06-11; source: \"Ukraine receives bodies of its soldiers from Russia under Istanbul deal\", Anadolu Agency: \"Russia has yet to confirm the swap\", https://www.aa.com.tr/en/x)";

#[test]
fn ctrl_c_copies_the_selected_event_with_its_citations() {
    let mut app = app_with(vec![fixture()]);
    app.apply(Command::SelectId(JUNE_11.to_string()));
    let expected = format!(
        "Repatriation of remains under the Istanbul deal (2025-06-11)\n{JUNE_11_FIGURE_TO_UKRAINE}\n{JUNE_11_REST}"
    );
    let mut harness = harness(app);
    harness.run();
    harness.event(egui::Event::Copy);
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec![expected.clone()]);

    // The button in the event detail copies the same.
    harness.get_by_label(event_detail::COPY_LABEL).click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| *c == egui::OutputCommand::CopyText(expected.clone()));
    assert!(copied, "the button should copy the cited figures");
}

#[test]
fn each_figure_and_claim_copies_with_its_own_citation() {
    let mut app = app_with(vec![fixture()]);
    app.apply(Command::SelectId(JUNE_11.to_string()));
    let figure_text = JUNE_11_FIGURE_TO_UKRAINE.to_string();
    let claim_text = JUNE_11_FIGURE_TO_UKRAINE
        .lines()
        .next()
        .unwrap()
        .to_string();
    let mut harness = harness(app);
    harness.run();
    let copied = |harness: &Harness<'_, FactsheetApp>| -> Vec<String> {
        harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter_map(|c| match c {
                egui::OutputCommand::CopyText(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    // The first "Copy" of the detail panel belongs to the first figure, the next to its first claim.
    for (nth, expected) in [(0, figure_text), (1, claim_text)] {
        let button = |harness: &Harness<'_, FactsheetApp>| {
            harness
                .get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL)
                .query_all_by_label(event_detail::COPY_ONE_LABEL)
                .nth(nth)
                .expect("a copy button per figure and per claim")
                .scroll_to_me()
        };
        button(&harness);
        harness.run();
        harness
            .get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL)
            .query_all_by_label(event_detail::COPY_ONE_LABEL)
            .nth(nth)
            .expect("a copy button per figure and per claim")
            .click();
        harness.step();
        assert_eq!(copied(&harness), vec![expected]);
    }
    harness.get_by_label_contains("with its source");
}

#[test]
fn a_large_table_filters_in_the_background_and_drops_stale_results() {
    let mut app = FactsheetApp::default();
    // The sample is small: make it take the path a million events take.
    app.set_inline_view_limit(0);
    app.apply(Command::Open(vec![Input::Sample]));
    app.wait_for_jobs(Duration::from_secs(60));
    let all = app.state.visible.clone();
    assert!(all.len() > 1);
    assert!(!app.state.filtering && !app.state.charting);
    let charted_all = app.state.chart_view.data.events;
    assert_eq!(charted_all, all.len());

    // Two changes in a row: the first one's result, whenever it lands, is stale.
    app.apply(Command::SetFilters(factsheet::gui::state::Filters {
        text: "no event has this text".into(),
        ..Default::default()
    }));
    let june = factsheet::gui::state::Filters {
        text: JUNE_11.into(),
        ..Default::default()
    };
    app.apply(Command::SetFilters(june.clone()));
    assert!(app.state.filtering, "the filter runs in the background");
    assert_eq!(app.state.visible, all, "the previous rows stay until then");
    let mut harness = harness(app);
    harness.state_mut().wait_for_jobs(Duration::from_secs(60));
    harness.run();
    let state = &harness.state().state;
    assert!(!state.filtering && !state.charting);
    assert_eq!(state.filters, june);
    // The sample's third event, the only one whose text holds its id.
    assert_eq!(state.visible, [2]);
    assert_eq!(state.dataset().unwrap().events[2].id, JUNE_11);
    assert_eq!(state.periods.years, [(2025, 1)]);
    assert_eq!(state.periods.months, [((2025, 6), 1)]);
    assert_eq!(
        state.chart_view.data.events, 1,
        "the chart follows the rows"
    );
    assert!(
        harness
            .query_by_label(factsheet::gui::filters::FILTERING_LABEL)
            .is_none()
    );
}

/// Whether the last frame asked for the window to close.
fn asked_to_close(harness: &Harness<'_, FactsheetApp>) -> bool {
    harness
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(&egui::ViewportCommand::Close))
}

#[test]
fn quit_in_the_file_menu_and_ctrl_q_close_the_window() {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    assert!(!asked_to_close(&harness));
    let ctrl = egui::Modifiers::CTRL | egui::Modifiers::COMMAND;
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Q,
        pressed: true,
        modifiers: ctrl,
        repeat: false,
        physical_key: None,
    });
    harness.step();
    assert!(asked_to_close(&harness), "Ctrl+Q");

    let mut harness = self::harness(app_with(vec![Input::Sample]));
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Quit").click();
    harness.step();
    assert!(asked_to_close(&harness), "File > Quit");
}

/// Format 2 in the event detail: a claim's words, parts and date beside its
/// number, a relaying source named as such, and how many origins the outlets have.
#[test]
fn the_event_detail_shows_parts_words_relays_and_origins() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/format-2.json");
    let app = app_with(vec![Input::File(example)]);
    let mut harness = harness(app);
    harness.run();
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    table.get_by_label("Exchange of prisoners").click();
    harness.run();

    let detail = harness.get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL);
    detail.get_by_label("(280 soldiers, 120 civilians)");
    detail.get_by_label("(“dozens”; stated 2025-06-20)");
    detail.get_by_label("(wire copy of Example Agency)");
    detail.get_by_label("Independent: 3 outlets, 2 origins");
    detail.get_by_label("Note: Said on the day, before the full count.");
    detail.get_by_label("Example Agency: 2025-06-20; Example Ministry: 2025-06-20");

    // The estimate counts the wire copy and its agency as one origin, and
    // says origins: three outlets' claims are listed beneath it.
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel.get_by_label("low 24 · best 400 · high 400 · 2 origins");

    // Where no outlet relays another, they are sources (the denial gives no number).
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    table.get_by_label("Release of civilians").click();
    harness.run();
    let panel = harness.get_by_role_and_label(Role::Region, sources_panel::PANEL_LABEL);
    panel.get_by_label("low 12 · best 12 · high 12 · 1 source");
}

/// A disputed link in the event detail (what each source says the event falls
/// under) and in the Agreements tab (the disputed delivery counted apart, with
/// the share both ways); a denial that names whom it answers says so.
#[test]
fn a_disputed_link_and_a_denial_naming_whom_it_answers_are_shown() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/format-2.json");
    let mut harness = harness(app_with(vec![Input::File(example)]));
    harness.run();
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    table.get_by_label("Release of civilians").click();
    harness.run();
    let detail = harness.get_by_role_and_label(Role::Region, event_detail::PANEL_LABEL);
    detail.get_by_label_contains(
        "Example Agency: under Mediator's announcement of a release; \
         Example Ministry: under no agreement",
    );
    detail.get_by_label("no figure: denies what Example Agency says");

    harness.get_by_label("Agreements").click();
    harness.run();
    harness.get_by_label_contains("+12 more in 1 event whose agreement sources dispute");
    harness.get_by_label("With the disputed events: 48%");
}

/// File → Save a copy (all open files, merged): the open data, written as
/// one file of the current format version that reads back as the same data;
/// a failed write says why and leaves the data open.
#[test]
fn the_open_data_saves_as_format_2_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(vec![Input::Sample]);
    let before = app.state.dataset().unwrap().clone();
    let path = dir.path().join("upgraded.json");
    app.apply(Command::SaveDataTo(path.clone()));
    app.wait_for_jobs(Duration::from_secs(60));
    let notice = app.state.notice.clone().expect("a notice after saving");
    assert!(!notice.is_error, "{}", notice.text);
    assert!(notice.text.contains("(format 2)"), "{}", notice.text);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"format_version\": 2,\n"), "{text}");
    let back: factsheet_core::model::Dataset = serde_json::from_str(&text).unwrap();
    assert_eq!(
        factsheet_core::model::Dataset {
            format_version: before.format_version,
            ..back
        },
        before
    );

    let missing = dir.path().join("no-such-folder").join("data.json");
    app.apply(Command::SaveDataTo(missing.clone()));
    app.wait_for_jobs(Duration::from_secs(60));
    let notice = app.state.notice.clone().unwrap();
    assert!(
        notice.is_error && notice.text.contains("Saving to"),
        "{}",
        notice.text
    );
    assert!(!missing.exists());
    assert!(app.state.data.is_some());
}

/// Image snapshots: they need a wgpu adapter, so a plain `cargo test` lists them as ignored;
/// `cargo test -- --ignored needs_` runs them (CI does, with Mesa installed) and fails without one.
mod needs_gpu {
    use super::*;

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_an_event_whose_sources_disagree() {
        let mut app = app_with(vec![fixture()]);
        app.apply(Command::SelectId(JUNE_11.to_string()));
        snapshot(app, "fixture_disputed_event_selected");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_of_the_agreements_tab() {
        let mut app = app_with(vec![fixture()]);
        app.apply(Command::SetTab(factsheet::gui::state::Tab::Agreements));
        snapshot(app, "fixture_agreements");
    }

    #[test]
    #[ignore = "needs a wgpu adapter (Mesa's lavapipe will do): cargo test -- --ignored needs_"]
    fn snapshot_in_the_dark_theme() {
        let mut app = app_with(vec![fixture()]);
        app.apply(Command::SetTheme(factsheet::gui::state::ThemeChoice::Dark));
        snapshot(app, "fixture_dark_theme");
    }
}

/// Small data for the Agreements tab, worked out by hand: a deal of 1,000
/// remains to Ukraine and 100 to Russia, delivered as 600 plus an undisclosed
/// batch to Ukraine and 150 to Russia; running totals whose claims meet each
/// verdict the tab can give.
const AGREEMENTS_DATA: &str = r#"{"format_version": 1, "title": "t", "updated": "2025-07-01",
  "sources": [{"id": "s", "outlet": "o", "affiliation": "unknown"},
              {"id": "u", "outlet": "p", "affiliation": "unknown"}],
  "agreements": [{"id": "deal", "title": "The deal", "date": {"on": "2025-01-01"},
    "terms": [
      {"id": "t-ua", "description": "bodies to Ukraine", "received_by": "ukraine", "category": "remains", "claims": [{"source": "s", "value": {"exact": 1000}}]},
      {"id": "t-ru", "description": "bodies to Russia", "received_by": "russia", "category": "remains", "claims": [{"source": "s", "value": {"exact": 100}}]}]}],
  "events": [
    {"id": "e0", "title": "e0", "date": {"on": "2025-01-01"}, "kind": "prisoner_exchange",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "prisoners", "claims": [{"source": "s", "value": {"exact": 10}}]}]},
    {"id": "e1", "title": "e1", "date": {"on": "2025-02-01"}, "kind": "remains_repatriation", "agreement": "deal",
     "figures": [{"id": "ua", "received_by": "ukraine", "category": "remains", "claims": [{"source": "s", "value": {"exact": 600}}]},
                 {"id": "ru", "received_by": "russia", "category": "remains", "claims": [{"source": "s", "value": {"exact": 150}}]}]},
    {"id": "e2", "title": "e2", "date": {"on": "2025-03-01"}, "kind": "remains_repatriation", "agreement": "deal",
     "figures": [{"id": "ua", "received_by": "ukraine", "category": "remains", "claims": [{"source": "s", "value": "not_disclosed"}]}]},
    {"id": "e3", "title": "e3", "date": {"on": "2025-04-10"}, "kind": "remains_repatriation",
     "figures": [{"id": "ru", "received_by": "russia", "category": "remains",
                  "claims": [{"source": "s", "value": {"exact": 40}}, {"source": "u", "value": {"exact": 50}}]}]},
    {"id": "e4", "title": "e4", "date": {"on": "2025-05-10"}, "kind": "remains_repatriation",
     "figures": [{"id": "ru", "received_by": "russia", "category": "remains", "claims": [{"source": "s", "value": {"more_than": 20}}]}]},
    {"id": "e5", "title": "e5", "date": {"on": "2025-06-10"}, "kind": "remains_repatriation",
     "figures": [{"id": "ua", "received_by": "ukraine", "category": "remains",
                  "claims": [{"source": "s", "value": {"exact": 30}}, {"source": "u", "value": {"more_than": 25}}]}]}],
  "running_totals": [
    {"id": "rt-ru-deal", "description": "to Russia under the deal", "counts": "people",
     "scope": {"agreement": "deal", "received_by": "russia", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 150}}, {"source": "s", "value": {"approximately": 150}},
                {"source": "u", "value": {"exact": 90}}, {"source": "u", "value": "not_disclosed"}]},
    {"id": "rt-ua-deal", "description": "to Ukraine under the deal", "counts": "people",
     "scope": {"agreement": "deal", "received_by": "ukraine", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 700}}, {"source": "u", "value": {"exact": 500}}]},
    {"id": "rt-ru-april", "description": "to Russia in April", "counts": "people",
     "scope": {"from": "2025-04-01", "until": "2025-04-30", "received_by": "russia", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 45}}]},
    {"id": "rt-ru-may", "description": "to Russia in May", "counts": "people",
     "scope": {"from": "2025-05-01", "until": "2025-05-31", "received_by": "russia", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 70}}]},
    {"id": "rt-ua-june", "description": "to Ukraine in June", "counts": "people",
     "scope": {"from": "2025-06-01", "until": "2025-06-30", "received_by": "ukraine", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 40}}]},
    {"id": "rt-ua-ever", "description": "to Ukraine ever", "counts": "people",
     "scope": {"received_by": "ukraine", "category": "remains"},
     "claims": [{"source": "s", "value": {"exact": 2000}}]}]}"#;

#[test]
fn the_agreements_tab_gives_partial_and_excess_shares_and_every_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agreements.json");
    std::fs::write(&file, AGREEMENTS_DATA).unwrap();
    let mut app = app_with(vec![Input::File(file)]);
    assert!(
        app.state.load_failure.is_none(),
        "{:?}",
        app.state.load_failure
    );
    app.apply(Command::SetTab(factsheet::gui::state::Tab::Agreements));
    let mut harness = harness(app);
    harness.run();
    let tab = harness.get_by_label(factsheet::gui::agreements::PANEL_LABEL);
    let shown = |text: &str| tab.query_by_label_contains(text).is_some();
    let count = |text: &str| tab.query_all_by_label(text).count();
    // 600 and an undisclosed batch of 1,000: at least 60%. 150 of 100: 150%.
    assert!(shown("at least 600 of 1,000 · at least 60%"));
    assert!(shown("150 of 100 · 150%"));
    // Each verdict, with its reason when the bare word would not say it.
    let agree = factsheet::gui::theme::ui_kit::ICON_AGREE;
    let conflict = factsheet::gui::theme::ui_kit::ICON_CONFLICT;
    assert_eq!(count(&format!("{agree} consistent: yes")), 1, "150 is 150");
    assert_eq!(
        count(&format!(
            "{agree} consistent: yes (within what \"about 150\" allows)"
        )),
        1
    );
    assert_eq!(
        count(&format!(
            "{agree} consistent: yes (within the range the data allows)"
        )),
        1,
        "45 in 40-50"
    );
    // 90 is below 150; 500 is below the 600 known, undisclosed batch or not.
    assert_eq!(count(&format!("{conflict} consistent: no")), 2);
    for reason in [
        "no number to check",
        "some figures not disclosed",
        "some figures only bounded",
        "the data has no upper bound",
        "reaches before the data: earliest event 2025-01-01",
    ] {
        assert_eq!(
            count(&format!("consistent: cannot tell ({reason})")),
            1,
            "{reason}"
        );
    }
}

/// On the bundled sample, the top bar says how to open one's own file; on
/// one's own file it does not.
#[test]
fn the_bundled_sample_says_how_to_open_ones_own_file() {
    let mut harness = harness(app_with(vec![Input::Sample]));
    harness.run();
    harness.get_by_label(factsheet::gui::top_bar::SAMPLE_HINT);
    let mut harness = self::harness(app_with(vec![fixture()]));
    harness.run();
    assert!(
        harness
            .query_by_label(factsheet::gui::top_bar::SAMPLE_HINT)
            .is_none()
    );
}

/// What a first start opens: the built-in dataset of the exchanges and
/// repatriations reported since 2022, every event, marked partial, with the
/// hint on how to open one's own file.
#[test]
fn the_built_in_dataset_since_2022_opens_with_every_event() {
    let mut harness = harness(app_with(vec![Input::History]));
    harness.run();
    let dataset = harness.state().state.dataset().expect("it loads").clone();
    assert_eq!(dataset.events.len(), 100);
    assert_eq!(dataset.coverage, factsheet_core::model::Coverage::Partial);
    assert_eq!(harness.state().state.visible.len(), 100);
    harness.get_by_label(factsheet::gui::top_bar::SAMPLE_HINT);
    harness.get_by_label(factsheet::gui::top_bar::OPEN_OWN_LABEL);
}
