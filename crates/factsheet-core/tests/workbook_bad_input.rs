//! Workbooks and CSV files as people make them, and as they go wrong: columns
//! in another order, a column missing or extra, ids left blank, a figure
//! that is not one, a date where a figure belongs, formulas, an empty or
//! damaged or password-protected file, a CSV file in another encoding. Each
//! gives a message naming the sheet, row and column, all at once; none
//! panics. The workbooks are made here with rust_xlsxwriter, cell by cell,
//! as a person would type them.

use factsheet_core::load::{LoadReport, load_bytes};
use factsheet_core::model::{Category, Quantity, Side};
use factsheet_core::workbook::{read_bytes, to_xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A cell as typed.
enum C {
    T(&'static str),
    N(f64),
    D(u16, u8, u8),
    F(&'static str, &'static str),
    B,
}
use C::*;

fn book(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    T(s) => {
                        sheet.write_string(r, c, *s).unwrap();
                    }
                    N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    F(f, result) => {
                        sheet
                            .write_formula(r, c, Formula::new(*f).set_result(*result))
                            .unwrap();
                    }
                    B => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn load(label: &str, bytes: Vec<u8>) -> LoadReport {
    load_bytes(
        vec![(label.to_string(), bytes)],
        jiff::civil::date(2026, 1, 1),
    )
}

fn messages(r: &LoadReport) -> Vec<String> {
    r.diagnostics.iter().map(ToString::to_string).collect()
}

fn sources() -> (&'static str, Vec<Vec<C>>) {
    (
        "Sources",
        vec![
            vec![T("ID"), T("Outlet"), T("URL")],
            vec![T("ukr"), T("Coordination HQ"), T("https://example.org/a")],
            vec![
                T("rus"),
                T("Ministry of Defence"),
                T("https://example.org/b"),
            ],
        ],
    )
}

#[test]
fn three_rows_typed_in_any_column_order_make_an_event_with_its_figures() {
    // No Events sheet, no ids: the rows' Event date and Event kind make the event.
    let claims = (
        "claims",
        vec![
            vec![
                T("Value"),
                T("Source"),
                T("Category"),
                T("Received by"),
                T("Event kind"),
                T("Event date"),
            ],
            vec![
                T("1,212"),
                T("ukr"),
                T("Remains"),
                T("Ukraine"),
                T("repatriation of remains"),
                D(2025, 6, 11),
            ],
            vec![
                N(1212.0),
                T("rus"),
                T("remains"),
                T("ukraine"),
                T("remains repatriation"),
                T("2025-06-11"),
            ],
            vec![
                T("27"),
                T("rus"),
                T("remains"),
                T("Russia"),
                T("remains repatriation"),
                D(2025, 6, 11),
            ],
        ],
    );
    let r = load("three.xlsx", book(&[sources(), claims]));
    assert!(!r.has_errors(), "{:#?}", messages(&r));
    let d = r.dataset.expect("a dataset");
    assert_eq!(d.title, "three");
    let [event] = d.events.as_slice() else {
        panic!("one event: {:#?}", d.events)
    };
    assert_eq!(event.id, "2025-06-11-remains-repatriation");
    let figures: Vec<_> = event
        .figures
        .iter()
        .map(|f| (f.id.as_str(), f.received_by, f.category, f.claims.len()))
        .collect();
    assert_eq!(
        figures,
        [
            ("ukraine-remains", Some(Side::Ukraine), Category::Remains, 2),
            ("russia-remains", Some(Side::Russia), Category::Remains, 1),
        ]
    );
    assert_eq!(event.figures[0].claims[1].value, Quantity::Exact(1212));
}

#[test]
fn every_bad_cell_is_named_by_sheet_row_and_column_at_once() {
    let events = (
        "Events",
        vec![
            vec![T("ID"), T("Title"), T("Date"), T("Kind")],
            vec![
                T("e1"),
                T("Exchange"),
                T("2025-06-11"),
                T("prisoner exchange"),
            ],
        ],
    );
    let claims = (
        "Claims",
        vec![
            vec![
                T("Event"),
                T("Category"),
                T("Received by"),
                T("Source"),
                T("Value"),
                T("Colour"),
            ],
            vec![
                T("e1"),
                T("soldiers"),
                T("ukraine"),
                T("ukr"),
                T("more then 500"),
                T("red"),
            ],
            vec![
                T("e1"),
                T("soldiers"),
                T("ukraine"),
                T("rus"),
                D(2025, 6, 11),
                B,
            ],
            vec![T("e1"), T("sailors"), T("russia"), T("rus"), T("=1+2"), B],
            vec![T("e9"), T("soldiers"), T("russia"), T("rus"), T("5"), B],
        ],
    );
    let r = load("f.xlsx", book(&[sources(), events, claims]));
    assert!(r.dataset.is_none());
    let all = messages(&r);
    let has = |start: &str| all.iter().any(|m| m.starts_with(start));
    assert!(
        has(
            "f.xlsx: sheet Claims, row 2, column \"Value\": error: \"more then 500\" is not a number like \"1,212\""
        ),
        "{all:#?}"
    );
    assert!(
        has(
            "f.xlsx: sheet Claims, row 3, column \"Value\": error: the cell holds a date (2025-06-11) where a figure is expected"
        ),
        "{all:#?}"
    );
    assert!(
        has(
            "f.xlsx: sheet Claims, row 4, column \"Category\": error: \"sailors\" is not one of: prisoners, soldiers"
        ),
        "{all:#?}"
    );
    assert!(
        has(
            "f.xlsx: sheet Claims, row 5, column \"Event\": error: there is no event \"e9\" on the Events sheet"
        ),
        "{all:#?}"
    );
    assert!(
        has(
            "f.xlsx: sheet Claims, row 1, column \"Colour\": warning: the column \"Colour\" is not one the Claims sheet has"
        ),
        "{all:#?}"
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let claims = (
        "Claims",
        vec![
            vec![T("Event date"), T("Event kind"), T("Source"), T("Category")],
            vec![T("2025-06-11"), T("other"), T("ukr"), T("soldiers")],
        ],
    );
    let all = messages(&load("m.xlsx", book(&[sources(), claims])));
    assert!(
        all.iter().any(|m| m.starts_with(
            "m.xlsx: sheet Claims, row 1: error: the Claims sheet has no column \"Value\", which it needs"
        )),
        "{all:#?}"
    );
}

#[test]
fn a_formula_is_read_by_its_saved_value_and_text_like_a_formula_stays_text() {
    let claims = (
        "Claims",
        vec![
            vec![
                T("Event date"),
                T("Event kind"),
                T("Source"),
                T("Category"),
                T("Received by"),
                T("Value"),
                T("Notes"),
            ],
            vec![
                T("2025-06-11"),
                T("other"),
                T("ukr"),
                T("soldiers"),
                T("ukraine"),
                F("=100+150", "250"),
                T("=HYPERLINK(\"x\")"),
            ],
        ],
    );
    let r = load("formula.xlsx", book(&[sources(), claims]));
    assert!(!r.has_errors(), "{:#?}", messages(&r));
    let all = messages(&r);
    assert!(
        all.iter().any(|m| m.starts_with("formula.xlsx: sheet Claims, row 2, column \"Value\": warning: the cell holds the formula =100+150: its value as the spreadsheet last saved it, \"250\", is read")),
        "{all:#?}"
    );
    let d = r.dataset.expect("a dataset");
    let claim = &d.events[0].figures[0].claims[0];
    assert_eq!(claim.value, Quantity::Exact(250));
    assert_eq!(claim.notes.as_deref(), Some("=HYPERLINK(\"x\")"));
}

#[test]
fn validation_of_a_workbook_points_at_cells() {
    // An unknown source is validation's finding: it names the cell.
    let claims = (
        "Claims",
        vec![
            vec![
                T("Event date"),
                T("Event kind"),
                T("Source"),
                T("Category"),
                T("Received by"),
                T("Value"),
            ],
            vec![
                T("2025-06-11"),
                T("other"),
                T("nobody"),
                T("soldiers"),
                T("ukraine"),
                T("5"),
            ],
        ],
    );
    let all = messages(&load("v.xlsx", book(&[sources(), claims])));
    assert!(
        all.iter().any(
            |m| m.starts_with("v.xlsx: sheet Claims, row 2, column \"Source\": error:")
                && m.contains("nobody")
        ),
        "{all:#?}"
    );
}

#[test]
fn empty_damaged_and_locked_files_say_what_they_are() {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.xlsx", Vec::new(), "the file is empty"),
        (
            "text.xlsx",
            b"Event,Value\n".to_vec(),
            "is not an .xlsx or .ods workbook",
        ),
        (
            "locked.xlsx",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "password-protected",
        ),
        (
            "cut.xlsx",
            {
                let mut b = to_xlsx(&factsheet_core::model::Dataset::empty("x")).unwrap();
                b.truncate(b.len() / 2);
                b
            },
            "the workbook cannot be read",
        ),
        (
            "zip.ods",
            b"PK\x03\x04garbage".to_vec(),
            "the workbook cannot be read",
        ),
    ];
    for (label, bytes, expected) in cases {
        let r = load(label, bytes);
        assert!(r.dataset.is_none(), "{label}");
        let all = messages(&r);
        assert!(
            all.iter().any(|m| m.contains(expected)),
            "{label}: {all:#?}"
        );
    }
    // A workbook with no data is no error, but says so.
    let r = read_bytes("blank.xlsx", &book(&[("Sheet1", vec![])]), None);
    let all: Vec<String> = r.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        all.iter()
            .any(|m| m.contains("\"Sheet1\" is not one factsheet reads")),
        "{all:#?}"
    );
    assert!(all.iter().any(|m| m.contains("holds no data")), "{all:#?}");
}

#[test]
fn a_csv_file_reads_alone_or_with_its_sources_and_refuses_other_encodings() {
    let claims = "Event,Event date,Event kind,Received by,Category,Source,Value\n\
                  Kyiv swap,2025-06-11,prisoner exchange,ukraine,soldiers,ukr,\"1,000\"\n\
                  Kyiv swap,2025-06-11,prisoner exchange,russia,soldiers,rus,about 1000\n";
    let r = read_bytes("swap.csv", claims.as_bytes(), None);
    let d = r.dataset.expect("a dataset");
    assert_eq!(d.events.len(), 1);
    assert_eq!(d.events[0].title, "Kyiv swap");
    assert_eq!(d.sources.len(), 2, "sources made from the Source column");
    assert!(
        r.diagnostics
            .iter()
            .any(|m| m.message.contains("there is no Sources sheet"))
    );
    let sources = "ID,Outlet\nukr,Coordination HQ\nrus,Ministry of Defence\n";
    let r = read_bytes("swap.csv", claims.as_bytes(), Some(sources.as_bytes()));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(
        r.dataset.expect("a dataset").sources[0].outlet,
        "Coordination HQ"
    );
    // Windows-1251 without a byte order mark: refused, saying why.
    let cp1251 = b"Event,Event date,Event kind,Category,Source,Value\n\xCE\xE1\xEC\xB3\xED,2025-06-11,other,soldiers,x,1\n";
    let r = read_bytes("cp.csv", cp1251, None);
    assert!(r.dataset.is_none());
    assert!(
        r.diagnostics[0]
            .to_string()
            .starts_with("cp.csv: error: line 2: the file is not UTF-8")
    );
}

/// assets/factsheet-template.xlsx is what `workbook::template` makes: every
/// sheet with its headers and no rows. `FACTSHEET_UPDATE_TEMPLATE=1` rewrites it.
#[test]
fn the_committed_template_is_the_one_the_code_makes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/factsheet-template.xlsx");
    let made = factsheet_core::workbook::template().expect("the template");
    if std::env::var_os("FACTSHEET_UPDATE_TEMPLATE").is_some() {
        std::fs::write(&path, &made).expect("writes the template");
    }
    let committed = std::fs::read(&path).expect("assets/factsheet-template.xlsx");
    assert!(
        committed == made,
        "assets/factsheet-template.xlsx is out of date: FACTSHEET_UPDATE_TEMPLATE=1 cargo test -p factsheet-core --test workbook_bad_input"
    );
    let read = read_bytes("factsheet-template.xlsx", &committed, None);
    let all: Vec<String> = read.diagnostics.iter().map(ToString::to_string).collect();
    // Empty but whole: only the About sheet's missing title is remarked on.
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all.iter().any(|m| m.contains("holds no data")), "{all:#?}");
}

/// An .ods file (tests/fixtures/workbook/three-rows.ods, made by make-ods.py
/// beside it, since LibreOffice is not on the build machines) reads like the
/// .xlsx of the same three rows.
#[test]
fn an_ods_file_reads_like_its_xlsx() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/workbook/three-rows.ods");
    let r = load("three.ods", std::fs::read(path).expect("the fixture"));
    assert!(!r.has_errors(), "{:#?}", messages(&r));
    let d = r.dataset.expect("a dataset");
    let claims: Vec<_> = d.events[0]
        .figures
        .iter()
        .flat_map(|f| {
            f.claims
                .iter()
                .map(move |c| (f.id.as_str(), c.source.as_str(), c.value))
        })
        .collect();
    assert_eq!(
        claims,
        [
            ("ukraine-remains", "ukr", Quantity::Exact(1212)),
            ("ukraine-remains", "rus", Quantity::Exact(1212)),
            ("russia-remains", "rus", Quantity::Exact(27)),
        ]
    );
    assert_eq!(d.events[0].date.on, jiff::civil::date(2025, 6, 11));
}

/// docs/SPREADSHEETS.md names every sheet under a heading of its own and,
/// in that section, every column of the sheet, required ones in bold.
#[test]
fn the_spreadsheets_page_names_every_sheet_and_column() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/SPREADSHEETS.md"),
    )
    .expect("docs/SPREADSHEETS.md");
    let claim_columns = factsheet_core::workbook::layout::CLAIMS.columns;
    for sheet in factsheet_core::workbook::layout::SHEETS {
        let heading = format!("\n### {}\n", sheet.name);
        let (_, rest) = page
            .split_once(&heading)
            .unwrap_or_else(|| panic!("no section {heading:?}"));
        let section = rest.split("\n## ").next().unwrap_or(rest);
        let section = section.split("\n### ").next().unwrap_or(section);
        for column in sheet.columns {
            // The claim columns are listed once, on the Claims sheet.
            let shared = sheet.name != "Claims"
                && claim_columns.iter().any(|c| {
                    c.name == column.name
                        && c.level == column.level
                        && column.level == factsheet_core::workbook::layout::Level::Claim
                });
            if shared {
                continue;
            }
            let named = if column.required {
                format!("| **{}** |", column.name)
            } else {
                format!("| {} |", column.name)
            };
            assert!(
                section.contains(&named) || sheet.name == "About",
                "{}: the column {} is not named as {named}",
                sheet.name,
                column.name
            );
        }
    }
}

#[test]
fn merged_cells_are_read_as_their_top_left_value_on_every_row_with_a_warning() {
    // An event's date and kind merged down the three rows of its claims, as a
    // desk lays a sheet out for reading: the rows below the top one hold
    // nothing of their own there.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Claims").unwrap();
    let header = [
        "Event date",
        "Event kind",
        "Received by",
        "Category",
        "Source",
        "Value",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["ukraine", "remains", "ukr", "1,212"],
        ["ukraine", "remains", "rus", "about 1,200"],
        ["russia", "remains", "rus", "27"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16 + 2, *cell)
                .unwrap();
        }
    }
    let plain = Format::new();
    sheet.merge_range(1, 0, 3, 0, "2025-06-11", &plain).unwrap();
    sheet
        .merge_range(1, 1, 3, 1, "remains repatriation", &plain)
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let r = load("merged.xlsx", bytes);
    assert!(!r.has_errors(), "{:#?}", messages(&r));
    let d = r.dataset.as_ref().expect("a dataset");
    let [event] = d.events.as_slice() else {
        panic!("one event, its date on every row: {:#?}", d.events)
    };
    assert_eq!(event.date.on, jiff::civil::date(2025, 6, 11));
    let claims: Vec<usize> = event.figures.iter().map(|f| f.claims.len()).collect();
    assert_eq!(claims, [2, 1]);
    let warned: Vec<String> = messages(&r)
        .into_iter()
        .filter(|m| m.contains("merged cell"))
        .collect();
    assert_eq!(
        warned,
        [
            "merged.xlsx: sheet Claims, row 2, column \"Event date\": warning: 2 merged cell \
          region(s) on this sheet, the first over rows 2–4: each cell of a region is read as \
          the value of its top-left cell"
        ]
    );
}

/// A Claims sheet as full as a spreadsheet allows, 1,048,576 rows (the
/// header and 1,048,575 claims, two per day over some 1,400 years of days):
/// it reads, every row a claim, none lost or refused. Slow in a debug build:
/// `cargo test --release -p factsheet-core --test workbook_bad_input -- --ignored full_sheet`.
#[test]
#[ignore = "slow: a full 1,048,576-row sheet; run it in release (see its doc comment)"]
fn a_full_sheet_of_1048576_rows_reads_every_claim() {
    const ROWS: u32 = 1_048_576;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Claims").unwrap();
    for (c, h) in [
        "Event date",
        "Event kind",
        "Received by",
        "Category",
        "Source",
        "Value",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let first = jiff::civil::date(1, 1, 1);
    for r in 1..ROWS {
        let day = first
            .checked_add(jiff::Span::new().days(i64::from((r - 1) / 2)))
            .unwrap();
        let (side, source) = if r % 2 == 1 {
            ("ukraine", "ukr")
        } else {
            ("russia", "rus")
        };
        sheet.write_string(r, 0, day.to_string()).unwrap();
        sheet.write_string(r, 1, "remains repatriation").unwrap();
        sheet.write_string(r, 2, side).unwrap();
        sheet.write_string(r, 3, "remains").unwrap();
        sheet.write_string(r, 4, source).unwrap();
        sheet.write_number(r, 5, f64::from(r % 1000)).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let read = read_bytes("full.xlsx", &bytes, None);
    let errors: Vec<String> = read
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{:#?}", &errors[..errors.len().min(5)]);
    let d = read.dataset.expect("a dataset");
    let claims: usize = d
        .events
        .iter()
        .flat_map(|e| e.figures.iter())
        .map(|f| f.claims.len())
        .sum();
    assert_eq!(claims, ROWS as usize - 1);
    assert_eq!(d.events.len(), (ROWS as usize - 1).div_ceil(2));
}
