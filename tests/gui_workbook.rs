//! The app and spreadsheets, by accessible labels: a workbook opens (merged
//! with a CSV file, as any files are), Export → Workbook writes what is open
//! and it reads back the same, and a workbook's bad cell is shown by sheet,
//! row and column. The save dialog's answer is given as the command it
//! becomes (`SaveWorkbookTo`), as the other export tests do.
#![cfg(feature = "gui")]

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use factsheet::gui::events_table::TABLE_LABEL;
use factsheet::gui::{Command, Input, diagnostics, top_bar};
use factsheet_core::model::Dataset;

mod common;
use common::{app_with, harness};

fn sample() -> Dataset {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_data/russia-ukraine-2025.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_workbook_and_a_csv_file_open_merged_and_export_back_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("sample.xlsx");
    std::fs::write(&xlsx, factsheet_core::workbook::to_xlsx(&sample()).unwrap()).unwrap();
    let extra = dir.path().join("extra.csv");
    std::fs::write(
        &extra,
        "Event,Event date,Event kind,Received by,Category,Source,Value\n\
         Обмін 1 липня,2025-07-01,prisoner exchange,ukraine,soldiers,https://www.ukrinform.net/,84\n",
    )
    .unwrap();
    let app = app_with(vec![Input::File(xlsx), Input::File(extra)]);
    assert!(app.state.load_failure.is_none());
    let mut harness = harness(app);
    harness.run();
    let table = harness.get_by_role_and_label(Role::Table, TABLE_LABEL);
    table.get_by_label("Обмін 1 липня");
    for e in &sample().events {
        table.get_by_label(&e.title);
    }

    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label(top_bar::WORKBOOK_EXPORT);
    let out = dir.path().join("out.xlsx");
    let app = harness.state_mut();
    app.apply(Command::SaveWorkbookTo(out.clone()));
    app.wait_for_jobs(Duration::from_secs(60));
    let notice = app.state.notice.clone().expect("a notice");
    assert!(!notice.is_error, "{}", notice.text);
    assert!(notice.text.contains("as a workbook"), "{}", notice.text);
    let read =
        factsheet_core::workbook::read_bytes("out.xlsx", &std::fs::read(&out).unwrap(), None);
    assert_eq!(read.dataset.as_ref(), app.state.dataset());
}

#[test]
fn a_bad_cell_of_a_workbook_is_shown_by_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Event date,Event kind,Category,Source,Value\n2025-06-11,other,soldiers,x,more then 500\n",
    )
    .unwrap();
    let mut app = app_with(vec![Input::Sample]);
    app.apply(Command::Open(vec![Input::File(bad.clone())]));
    app.wait_for_jobs(Duration::from_secs(60));
    assert!(app.state.load_failure.is_some());
    let mut harness = harness(app);
    harness.run();
    harness.get_by_label(diagnostics::LOAD_FAILED_TITLE);
    let place = format!("{}: sheet Claims, row 2, column \"Value\"", bad.display());
    assert!(
        harness.query_by_label_contains(&place).is_some(),
        "expected an error at {place}"
    );
}
