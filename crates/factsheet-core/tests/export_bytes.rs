//! The exports, byte for byte: the sample and a hostile generated dataset
//! (markup, formulas, line breaks, controls, unknown outlets and odd links in
//! every text a reader sees) written in each format must equal the committed
//! files in tests/fixtures/export/, in memory and streamed to a file alike.
//! The hostile exports also have their content checked: no live HTML from the
//! data, no Markdown structure from the data, no CSV cell a spreadsheet would
//! read as a formula. `hostile-data.json` is written by [`hostile_data`] below
//! and checked to be what it writes.
//!
//! A deliberate change of output is made with
//! `FACTSHEET_UPDATE_EXPORTS=1 cargo test -p factsheet-core --test export_bytes`:
//! it rewrites the files that differ, prints each one's diff, and fails so the
//! diff is read; the next run without the variable must pass. Any other value
//! of the variable is an error, not a quiet update.

use std::path::{Path, PathBuf};

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load;
use factsheet_core::model::Dataset;
use pulldown_cmark::{Event as Md, Parser, Tag, TagEnd};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn load(path: &Path) -> Dataset {
    load::load_paths(&[path], jiff::civil::date(2026, 1, 1))
        .into_result()
        .unwrap_or_else(|e| panic!("{} does not load: {e:#?}", path.display()))
        .0
}

/// The HTML names the version that wrote it; the committed files say 0.1.0.
fn same_version(bytes: Vec<u8>) -> Vec<u8> {
    let now = format!("factsheet {}", env!("CARGO_PKG_VERSION"));
    String::from_utf8(bytes)
        .unwrap()
        .replace(&now, "factsheet 0.1.0")
        .into_bytes()
}

/// True with `FACTSHEET_UPDATE_EXPORTS=1`; any other value is refused, so a
/// typo or `=0` cannot turn the comparison into an update.
fn update_mode() -> bool {
    match std::env::var("FACTSHEET_UPDATE_EXPORTS") {
        Err(_) => false,
        Ok(v) if v == "1" => true,
        Ok(v) => panic!("FACTSHEET_UPDATE_EXPORTS={v:?}: only 1 (rewrite the fixtures) is meant"),
    }
}

/// The line diff from `old` to `new`, as `diff -u` prints it.
fn diff(old: &[u8], new: &[u8], path: &Path) -> String {
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(&format!("{} (committed)", path.display()), "written now")
        .to_string()
}

/// Compares `actual` with the committed file at `path`. In update mode a file
/// that differs is rewritten, its diff printed and its name added to `rewritten`.
fn compare(path: &Path, actual: &[u8], rewritten: &mut Vec<PathBuf>) {
    let committed = std::fs::read(path).unwrap_or_default();
    if committed == actual {
        return;
    }
    let diff = diff(&committed, actual, path);
    if update_mode() {
        std::fs::write(path, actual).unwrap();
        eprintln!("rewrote {}:\n{diff}", path.display());
        rewritten.push(path.to_path_buf());
    } else {
        let shown: String = diff.lines().take(60).collect::<Vec<_>>().join("\n");
        panic!(
            "{} differs from what is written now (update with FACTSHEET_UPDATE_EXPORTS=1 if that is intended):\n{shown}",
            path.display()
        );
    }
}

/// Fails an update run that rewrote anything, so the diff above is read and
/// the next plain run shows the committed files pass.
fn finish(rewritten: Vec<PathBuf>) {
    assert!(
        rewritten.is_empty(),
        "rewrote {rewritten:?}: review the diff above, commit it, and rerun without FACTSHEET_UPDATE_EXPORTS"
    );
}

/// Each format's export of `data`, compared with `tests/fixtures/export/NAME.EXT`;
/// returns the exports, in `Format::ALL` order.
fn check(name: &str, data: &Path) -> Vec<(Format, String)> {
    let dataset = load(data);
    let options = SummaryOptions::default();
    let summary = export::build(&dataset, &options);
    let dir = tempfile::tempdir().unwrap();
    let mut rewritten = Vec::new();
    let mut out = Vec::new();
    for format in Format::ALL {
        let expected_path = fixtures().join(format!("{name}.{}", format.extension()));
        let in_memory = same_version(export::render(&summary, format));
        compare(&expected_path, &in_memory, &mut rewritten);

        let path = dir.path().join(format!("out.{}", format.extension()));
        export::export_to_file(&dataset, &options, format, &path, &[data]).unwrap();
        let streamed = same_version(std::fs::read(&path).unwrap());
        assert!(
            streamed == in_memory,
            "{name} as {}: the file streamed differs from the export in memory (first difference at byte {:?})",
            format.label(),
            streamed.iter().zip(&in_memory).position(|(a, b)| a != b)
        );
        out.push((format, String::from_utf8(in_memory).unwrap()));
    }
    finish(rewritten);
    out
}

#[test]
fn the_sample_exports_the_committed_bytes() {
    check(
        "sample",
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_data/russia-ukraine-2025.json"),
    );
}

/// Texts that try each way out of an export: formula starters (ASCII and
/// fullwidth, behind spaces), line breaks and tabs that start a cell or a
/// Markdown block, HTML tags and attributes, links, Markdown structure,
/// controls and a direction mark.
const HOSTILE: [&str; 28] = [
    "= eq",
    "+ plus",
    "-12",
    "@at",
    "\r\ncr first",
    "\n starts with a break",
    "ends with a break\n",
    "tab\tand\u{2028}separator\u{2029}",
    "C1\u{85}control\u{7}bell",
    "'quoted' & \"double\"",
    "~tilde~ `code` $x$ {b} !x _u_",
    "  leading spaces",
    "1. a list",
    "2) also",
    "# heading",
    "- dash",
    "\u{FF1D}SUM(A1)",
    "\u{FF0B}fullwidth plus",
    "\u{FF0D}5",
    "\u{FF20}fullwidth at",
    " =space then formula",
    "\u{3000}=ideographic space",
    "\tat a tab",
    "<img src=x onerror=alert(4)> image",
    "<a href=\"javascript:alert(5)\">anchor</a>",
    "[link](javascript:alert(6))",
    "| pipe | table |",
    "\u{202E}reversed",
];

/// Every text field the exports show, of the whole title.
const TITLE: &str = "<script>alert(1)</script> | =HYPERLINK(\"http://evil.example\",\"x\")\n# heading\r\n[link](javascript:alert(2)) &amp; *bold*";

/// `hostile-data.json`: a generated dataset of 40 events (seed 7) with the
/// texts of [`HOSTILE`] put, in turn, in the titles, notes, mediators, fact
/// questions, figure labels, quotes and attributions, and odd outlets and
/// links in the sources.
fn hostile_data() -> String {
    let mut data: Value = serde_json::from_slice(&factsheet_generate::to_bytes(40, 7)).unwrap();
    let mut turn = 0usize;
    let mut next = || {
        let text = HOSTILE[turn % HOSTILE.len()];
        turn += 1;
        text
    };
    data["title"] = json!(TITLE);
    data["description"] = json!("ends with a break\n");
    for (i, source) in data["sources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        if i % 4 == 0 {
            source["title"] = json!(TITLE);
        } else if i % 4 == 2 {
            source["title"] = json!(next());
        }
        let outlet = source["outlet"].as_str().unwrap().to_string();
        match i % 3 {
            0 => source["outlet"] = json!(format!("=cmd|' /C calc'!A0 {outlet}")),
            1 => source["outlet"] = json!("unknown"),
            _ => {}
        }
        match i % 5 {
            0 => source["url"] = json!("javascript:alert(3)"),
            1 => source["url"] = json!("https://x.example/a b<c>d\\e"),
            _ => {}
        }
    }
    for (i, agreement) in data["agreements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        if i % 2 == 0 {
            agreement["title"] = json!(next());
        }
    }
    for total in data["running_totals"].as_array_mut().unwrap() {
        total["description"] = json!(next());
    }
    for estimate in data["estimates"].as_array_mut().unwrap() {
        estimate["description"] = json!(next());
    }
    for (i, event) in data["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        if i % 2 == 0 {
            event["title"] = json!(next());
        }
        if i % 3 == 0 {
            event["notes"] = json!(next());
        }
        if i % 4 == 0 {
            let mediators = event
                .as_object_mut()
                .unwrap()
                .entry("mediators")
                .or_insert_with(|| json!([]));
            let list = mediators.as_array_mut().unwrap();
            list.extend([json!(next()), json!("\nbreak-led"), json!("Türkiye")]);
        }
        if let Some(facts) = event.get_mut("facts").and_then(Value::as_array_mut) {
            for fact in facts {
                fact["question"] = json!(next());
            }
        }
        for (j, figure) in event["figures"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            if (i + j) % 2 == 1 {
                figure["label"] = json!(next());
            }
            for claim in figure["claims"].as_array_mut().unwrap() {
                claim["quote"] = json!(next());
                if i % 3 == 1 {
                    claim["attributed_to"] = json!(format!("\n{}", next()));
                }
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&data).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_hostile_data_is_what_its_generator_writes() {
    let mut rewritten = Vec::new();
    compare(
        &fixtures().join("hostile-data.json"),
        hostile_data().as_bytes(),
        &mut rewritten,
    );
    finish(rewritten);
}

/// Every tag of an HTML export, scanned by hand (the writer's markup is plain:
/// no comments or CDATA besides its style and SVG): no `script`, `img`,
/// `iframe` or `object` element, no `on…` attribute, no `javascript:` link,
/// and no data text with `<` or `&` left unescaped.
fn assert_no_live_html(html: &str) {
    let mut tags = 0;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag_end = rest[at..].find('>').expect("a tag is closed") + at;
        let tag = &rest[at + 1..tag_end];
        rest = &rest[tag_end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        tags += 1;
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            ![
                "script", "img", "iframe", "object", "embed", "form", "input"
            ]
            .contains(&name.as_str()),
            "a <{name}> element in the HTML export: <{tag}>"
        );
        let lower = tag.to_ascii_lowercase();
        for attribute in lower.split_whitespace().skip(1) {
            assert!(
                !attribute.starts_with("on"),
                "an event attribute in the HTML export: <{tag}>"
            );
            if let Some(url) = attribute
                .strip_prefix("href=")
                .or_else(|| attribute.strip_prefix("src="))
            {
                assert!(
                    !url.trim_matches('"').starts_with("javascript:"),
                    "a script link in the HTML export: <{tag}>"
                );
            }
        }
    }
    assert!(tags > 100, "only {tags} tags found");
    for text in HOSTILE.iter().chain([&TITLE]) {
        if text.contains('<') || text.contains('&') {
            assert!(
                !html.contains(text),
                "the HTML export holds {text:?} unescaped"
            );
        }
    }
}

/// Markdown structure the data could make: raw HTML, a link to a script, a
/// heading, list item or table that a data text starts.
fn assert_no_markdown_from_data(md: &str) {
    let mut block_text: Option<(String, String)> = None;
    let mut starts = Vec::new();
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Md::Html(h) | Md::InlineHtml(h) => panic!("raw HTML in the Markdown: {h:?}"),
            Md::Start(Tag::Link { dest_url, .. }) | Md::Start(Tag::Image { dest_url, .. }) => {
                assert!(
                    !dest_url.to_ascii_lowercase().starts_with("javascript:"),
                    "a script link in the Markdown: {dest_url}"
                );
            }
            Md::Start(Tag::Heading { .. }) => block_text = Some(("heading".into(), String::new())),
            Md::Start(Tag::Item) => block_text = Some(("item".into(), String::new())),
            Md::Start(Tag::TableHead) => block_text = Some(("table".into(), String::new())),
            Md::Text(t) | Md::Code(t) => {
                if let Some((_, text)) = block_text.as_mut() {
                    text.push_str(&t);
                }
            }
            Md::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableHead) => {
                starts.extend(block_text.take());
            }
            _ => {}
        }
    }
    assert!(
        starts.iter().any(|(k, _)| k == "heading"),
        "the parse found no headings at all"
    );
    // A data text that made its own block would start it with what follows its marker.
    for (kind, text) in &starts {
        for marker in ["heading", "a list", "also", "dash", "plus", "12", "pipe"] {
            assert!(
                !text.trim_start().starts_with(marker),
                "a {kind} made by the data: {text:?}"
            );
        }
    }
}

/// Whether a spreadsheet could take `cell` as a formula or a new cell: a tab,
/// CR or LF first, or a formula sign (ASCII or fullwidth) as the first
/// character that is not whitespace; a plain ASCII integer is a number.
fn live_cell(cell: &str) -> bool {
    if cell.parse::<i64>().is_ok() && cell.is_ascii() {
        return false;
    }
    matches!(cell.chars().next(), Some('\t' | '\r' | '\n'))
        || matches!(
            cell.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}')
        )
}

fn assert_every_csv_cell_inert(csv: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !live_cell(cell),
                "CSV record {line}: the cell {cell:?} would be read as a formula"
            );
            cells.push(cell.to_string());
        }
    }
    // Each starter is in the data, so the check above has seen each one neutralised.
    for starter in [
        "'=",
        "'+",
        "'-",
        "'@",
        "'\u{FF1D}",
        "'\u{FF0B}",
        "'\u{FF0D}",
        "'\u{FF20}",
        "' =",
        "'\u{3000}=",
        "'\t",
        "'\r",
        "'\n",
    ] {
        assert!(
            cells.iter().any(|c| c.starts_with(starter)),
            "no cell of the hostile CSV starts with {starter:?}"
        );
    }
    // A plain number is left a number.
    assert!(cells.iter().any(|c| c == "-12"), "-12 should stay a number");
    let neutralised = cells
        .iter()
        .filter(|c| c.strip_prefix('\'').is_some_and(live_cell))
        .count();
    assert!(neutralised > 100, "only {neutralised} cells neutralised");
}

#[test]
fn a_hostile_dataset_exports_the_committed_bytes_with_nothing_live() {
    for (format, text) in check("hostile", &fixtures().join("hostile-data.json")) {
        match format {
            Format::Html => assert_no_live_html(&text),
            Format::Markdown => assert_no_markdown_from_data(&text),
            Format::Csv => assert_every_csv_cell_inert(&text),
            Format::Json => {
                let parsed: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(
                    parsed["title"],
                    json!(TITLE),
                    "JSON keeps texts as they are"
                );
            }
        }
    }
}

/// Every way a CSV cell can start a formula or a new cell, ASCII and fullwidth,
/// behind spaces of either kind.
const STARTERS: [&str; 15] = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    " =",
    "  -",
    " @",
    "\u{3000}+",
    "\u{FF1D}",
    "\u{FF0B}",
    "\u{FF0D}",
    "\u{FF20}",
];

/// The CSV columns that hold text from the data.
const TEXT_COLUMNS: [&str; 8] = [
    "event_id",
    "event_title",
    "figure_id",
    "figure_label",
    "source",
    "outlet",
    "attributed_to",
    "quote",
];

#[test]
fn every_starter_in_every_text_column_is_neutralised_in_the_streamed_csv() {
    let dir = tempfile::tempdir().unwrap();
    for starter in STARTERS {
        let text = format!("{starter}x");
        let mut data: Value = serde_json::from_slice(load::SAMPLE_JSON).unwrap();
        for source in data["sources"].as_array_mut().unwrap() {
            let id = format!("{text}{}", source["id"].as_str().unwrap());
            source["id"] = json!(id);
            source["outlet"] = json!(text);
        }
        data["running_totals"] = json!([]);
        data["estimates"] = json!([]);
        for agreement in data["agreements"].as_array_mut().unwrap() {
            agreement.as_object_mut().unwrap().remove("facts");
            let terms = agreement.get_mut("terms").and_then(Value::as_array_mut);
            for term in terms.into_iter().flatten() {
                for claim in term["claims"].as_array_mut().unwrap() {
                    let id = format!("{text}{}", claim["source"].as_str().unwrap());
                    claim["source"] = json!(id);
                }
            }
        }
        for (i, event) in data["events"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            event["id"] = json!(format!("{text}{i}"));
            event["title"] = json!(text);
            event.as_object_mut().unwrap().remove("facts");
            for (j, figure) in event["figures"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .enumerate()
            {
                figure["id"] = json!(format!("{text}{j}"));
                figure["label"] = json!(text);
                for claim in figure["claims"].as_array_mut().unwrap() {
                    let id = format!("{text}{}", claim["source"].as_str().unwrap());
                    claim["source"] = json!(id);
                    claim["attributed_to"] = json!(text);
                    claim["quote"] = json!(text);
                }
            }
        }
        let input = dir.path().join("data.json");
        std::fs::write(&input, data.to_string()).unwrap();
        let dataset = load(&input);
        let out = dir.path().join("out.csv");
        export::export_to_file(
            &dataset,
            &SummaryOptions::default(),
            Format::Csv,
            &out,
            &[&input],
        )
        .unwrap();
        let mut reader = csv::Reader::from_path(&out).unwrap();
        let headers = reader.headers().unwrap().clone();
        let columns: Vec<usize> = TEXT_COLUMNS
            .iter()
            .map(|c| headers.iter().position(|h| h == *c).expect(c))
            .collect();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            for (&column, name) in columns.iter().zip(TEXT_COLUMNS) {
                let cell = &record[column];
                assert!(
                    cell.starts_with(&format!("'{starter}")),
                    "{starter:?} in {name}: the cell {cell:?} is not neutralised"
                );
                assert!(!live_cell(cell), "{name}: {cell:?}");
            }
        }
        // A row per claim of the sample: 1 for the May swap, 4 undisclosed
        // figures of 9 June, 3 + 1 for the June return.
        assert_eq!(rows, 9, "{starter:?}");
    }
}
