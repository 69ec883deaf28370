//! Export round trips: each format written from the sample is read back by a
//! real parser; an evil dataset exports inert in every format; failed writes
//! leave nothing behind; the `summary` command's exit codes.

use std::path::Path;
use std::process::Command;

use factsheet_core::export::{self, Format, Summary, SummaryOptions, csv as csv_out};
use factsheet_core::load::load_sample;
use factsheet_core::model::{Category, Dataset, Side};
use pulldown_cmark::{Event as Md, Options, Parser, Tag, TagEnd};
use quick_xml::events::Event as Xml;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample_data/russia-ukraine-2025.json"
);

fn sample() -> Dataset {
    load_sample(jiff::civil::date(2026, 1, 1))
        .into_result()
        .unwrap_or_else(|e| panic!("the sample does not load: {e:#?}"))
        .0
}

fn summary(d: &Dataset) -> Summary<'_> {
    export::build(d, &SummaryOptions::default())
}

/// The tables of a Markdown document, as rows of cell texts, and every event.
fn markdown_tables(md: &str) -> (Vec<Vec<Vec<String>>>, Vec<Md<'_>>) {
    let events: Vec<Md> = Parser::new_ext(md, Options::ENABLE_TABLES).collect();
    let mut tables = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for e in &events {
        match e {
            Md::Start(Tag::Table(_)) => table.clear(),
            Md::End(TagEnd::Table) => tables.push(std::mem::take(&mut table)),
            Md::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Md::End(TagEnd::TableHead | TagEnd::TableRow) => table.push(std::mem::take(&mut row)),
            Md::Start(Tag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => row.extend(cell.take()),
            Md::Text(t) | Md::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
    (tables, events)
}

/// The text under the heading `title` up to the next heading of the same level.
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md.find(title).unwrap_or_else(|| panic!("no {title:?}"));
    let rest = &md[start + title.len()..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn markdown_from_the_sample_has_tables_with_its_figures_and_its_disagreements() {
    let d = sample();
    let s = summary(&d);
    let md = export::markdown::write(&s);
    let (tables, events) = markdown_tables(&md);
    assert!(tables.len() >= 4, "{} tables", tables.len());
    for t in &tables {
        let width = t[0].len();
        assert!(t.iter().all(|r| r.len() == width), "ragged table {t:?}");
    }
    let totals = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("Received by"))
        .expect("a totals table");
    let total = |side: &str, cat: &str| {
        totals
            .iter()
            .find(|r| r[0] == side && r[1] == cat)
            .map(|r| r[2].clone())
    };
    assert_eq!(total("Ukraine", "remains").as_deref(), Some("1,212"));
    assert_eq!(total("Russia", "remains").as_deref(), Some("27"));
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Md::Html(_) | Md::InlineHtml(_)))
    );

    let disagreements = section(&md, "## Disagreements");
    assert!(!s.disagreements.is_empty());
    for dis in &s.disagreements {
        assert!(
            disagreements.contains(&*dis.subject),
            "{} missing",
            dis.subject
        );
        for st in &dis.statements {
            let q = st.quote.as_deref().unwrap_or_default();
            assert!(
                disagreements.contains(&export::markdown::text(q)),
                "quote {q}"
            );
        }
    }
    // The spelling variants of the regions (Lugansk, Luhansk) are not a disagreement.
    assert!(!disagreements.contains("Lugansk"), "{disagreements}");
    let sources = section(&md, "## Sources");
    for (i, src) in s.sources.iter().enumerate() {
        assert_eq!(src.number, i + 1);
        assert!(sources.contains(&format!("{}. ", src.number)));
    }
}

/// Figures the sources only bound read in their words, never as bound + 1.
#[test]
fn markdown_from_the_sample_never_makes_up_a_number_from_a_bound() {
    let d = sample();
    let s = summary(&d);
    let md = export::markdown::write(&s);
    let (tables, _) = markdown_tables(&md);
    let estimates = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("Estimate"))
        .expect("a context estimates table");
    let number_of = |description: &str| {
        let row = estimates
            .iter()
            .find(|r| r[0] == description)
            .unwrap_or_else(|| panic!("no estimate {description:?} in {estimates:?}"));
        let column = estimates[0].iter().position(|h| h == "Best").unwrap();
        row[column].clone()
    };
    assert_eq!(
        number_of("Ukrainian soldiers estimated to be in Russian captivity"),
        "more than 8,000"
    );
    assert_eq!(
        number_of("Civilians estimated to be in Russian captivity"),
        "more than 16,000"
    );
    for made_up in ["8,001", "16,001", "501"] {
        assert!(!md.contains(made_up), "{made_up} in\n{md}");
    }

    // The 2 June agreement's "more than 500" prisoners: the target in those
    // words, and no percentage of a number no source gave.
    let june = s
        .agreements
        .iter()
        .find(|a| a.id == "istanbul-2025-06-02")
        .unwrap();
    let term = june
        .terms
        .iter()
        .find(|t| t.id == "prisoners-to-ukraine")
        .unwrap();
    assert_eq!(
        (term.target, term.fraction, term.fraction_at_least),
        (None, None, None)
    );
    let row = tables
        .iter()
        .filter(|t| t[0].first().map(String::as_str) == Some("Term"))
        .flat_map(|t| t.iter().skip(1).map(move |r| (&t[0], r)))
        .find(|(_, r)| r[0] == term.description)
        .map(|(head, r)| {
            head.iter()
                .cloned()
                .zip(r.iter().cloned())
                .collect::<std::collections::HashMap<_, _>>()
        })
        .expect("a row for the term");
    assert!(
        row["Target"].starts_with("more than 500"),
        "{:?}",
        row["Target"]
    );
    assert_eq!(row["Progress"], "", "{row:?}");
}

#[test]
fn a_delivery_without_a_number_makes_the_share_a_least_one_in_every_format() {
    // The sample, with a second handover under the 2 June agreement whose
    // number no source gives: of the 6,000 bodies, 1,212 and an unknown
    // number more were delivered, so at least 20.2%, not 20.2%.
    let mut data: serde_json::Value =
        serde_json::from_slice(factsheet_core::load::SAMPLE_JSON).unwrap();
    let source = data["sources"][0]["id"].clone();
    data["events"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "2025-06-20-remains", "title": "Another return of bodies",
            "date": {"on": "2025-06-20"}, "kind": "remains_repatriation",
            "agreement": "istanbul-2025-06-02",
            "figures": [{"id": "to-ukraine", "received_by": "ukraine", "category": "remains",
                "claims": [{"source": source, "value": "not_disclosed"}]}],
        }));
    let d = factsheet_core::load::load_bytes(
        vec![("more.json".to_string(), data.to_string().into_bytes())],
        jiff::civil::date(2026, 1, 1),
    )
    .into_result()
    .unwrap_or_else(|e| panic!("does not load: {e:#?}"))
    .0;
    let s = summary(&d);
    let term = s
        .agreements
        .iter()
        .flat_map(|a| &a.terms)
        .find(|t| t.id == "remains-to-ukraine")
        .unwrap();
    assert_eq!(
        (term.delivered, term.delivered_undisclosed),
        (Some(1212), 1)
    );
    assert_eq!(term.fraction, None, "not a share of a known delivery");
    assert!((term.fraction_at_least.unwrap() - 1212.0 / 6000.0).abs() < 1e-9);
    assert_eq!(term.share_text(), "at least 20.2%");

    let md = export::markdown::write(&s);
    let (tables, _) = markdown_tables(&md);
    let progress: Vec<&String> = tables
        .iter()
        .filter(|t| t[0].first().map(String::as_str) == Some("Term"))
        .flat_map(|t| {
            let column = t[0].iter().position(|h| h == "Progress").unwrap();
            t.iter().skip(1).filter_map(move |r| r.get(column))
        })
        .collect();
    assert!(
        progress.iter().any(|p| *p == "at least 20.2%"),
        "{progress:?}"
    );
    assert!(!progress.iter().any(|p| *p == "20.2%"), "{progress:?}");
    let html = export::html::write(&s);
    assert!(html.contains("at least 20.2%"));
    let json: serde_json::Value =
        serde_json::from_slice(&export::render(&s, Format::Json)).unwrap();
    let row = json["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["terms"].as_array().unwrap())
        .find(|t| t["id"] == "remains-to-ukraine")
        .unwrap();
    assert!(row["fraction"].is_null());
    assert!((row["fraction_at_least"].as_f64().unwrap() - 0.202).abs() < 1e-3);
}

/// Parses `html` as XML (it is written to be well-formed), counting the
/// elements whose class list contains `class`, and collecting element names and text.
fn parse_html(html: &str, class: &str) -> (usize, Vec<String>, String) {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let (mut marks, mut names, mut text) = (0, Vec::new(), String::new());
    let mut depth = 0i32;
    loop {
        let e = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match &e {
            Xml::Start(t) | Xml::Empty(t) => {
                if matches!(e, Xml::Start(_)) {
                    depth += 1;
                }
                names.push(String::from_utf8_lossy(t.name().as_ref()).into_owned());
                for a in t.attributes() {
                    let a = a.unwrap();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap();
                    match a.key.as_ref() {
                        b"class" if v.split_whitespace().any(|c| c == class) => marks += 1,
                        b"href" => assert!(
                            v.starts_with("https://")
                                || v.starts_with("http://")
                                || v.starts_with('#'),
                            "live link {v}"
                        ),
                        b"src" => panic!("a fetch from the page: {v}"),
                        key => assert!(
                            !key.to_ascii_lowercase().starts_with(b"on"),
                            "an event handler attribute"
                        ),
                    }
                }
            }
            Xml::End(_) => depth -= 1,
            Xml::Text(t) => text.push_str(&t.decode().unwrap()),
            Xml::GeneralRef(r) => {
                let name = r.decode().unwrap();
                text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("entity {other} is not XML's"),
                });
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    (marks, names, text)
}

#[test]
fn html_from_the_sample_is_well_formed_with_one_chart_mark_per_event() {
    let d = sample();
    let s = summary(&d);
    let html = export::html::write(&s);
    let (marks, names, text) = parse_html(&html, "event-mark");
    assert_eq!(names.iter().filter(|n| *n == "svg").count(), 1);
    assert_eq!(marks, s.events.len());
    assert!(s.events.len() >= 3);
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("script")));
    for (n, src) in s.sources.iter().enumerate() {
        assert!(
            html.contains(&format!("id=\"source-{}\"", n + 1)),
            "{src:?}"
        );
    }
    assert!(text.contains("1,212") && text.contains("27"));
    assert!(text.contains("Disagreements"));
}

#[test]
fn csv_from_the_sample_reads_back_with_the_same_values() {
    let d = sample();
    let s = summary(&d);
    let bytes = export::render(&s, Format::Csv);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let back: Vec<csv_out::Row> = reader.deserialize().map(Result::unwrap).collect();
    let expected: Vec<csv_out::Row> = csv_out::rows(&s).collect();
    assert_eq!(back, expected);
    let claims: usize = s
        .events
        .iter()
        .flat_map(|e| &e.figures)
        .map(|f| f.claims.len())
        .sum();
    assert_eq!(back.len(), claims);
    let remains = back
        .iter()
        .find(|r| {
            r.event_id == "2025-06-11-remains"
                && r.received_by == Some(Side::Russia)
                && r.category == Category::Remains
        })
        .unwrap();
    assert_eq!(remains.value, Some(27));
    assert_eq!(remains.source, "seed-000");
}

#[test]
fn json_from_the_sample_round_trips() {
    let d = sample();
    let s = summary(&d);
    let bytes = export::render(&s, Format::Json);
    let back: Summary = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, s);
    assert_eq!(
        back.total(Side::Ukraine, Category::Remains).unwrap().best,
        Some(1212)
    );
}

const EVIL: &str = "<script>alert(1)</script> | =HYPERLINK(\"http://evil.example\",\"x\")\n# heading\r\n[link](javascript:alert(2)) &amp; *bold*";

/// The sample with every text a reader sees replaced by something hostile.
fn evil() -> Dataset {
    let mut d = sample();
    d.title = EVIL.into();
    d.description = Some(EVIL.into());
    for s in &mut d.sources {
        s.outlet = format!("=cmd|' /C calc'!A0 {}", s.outlet).into();
        s.title = Some(EVIL.into());
        s.url = Some("javascript:alert(3)".into());
    }
    for e in &mut d.events {
        e.title = EVIL.into();
        e.notes = Some(EVIL.into());
        e.mediators.push(EVIL.into());
        for f in &mut e.figures {
            f.label = Some(EVIL.into());
            for c in &mut f.claims {
                c.quote = Some(EVIL.into());
                c.attributed_to = Some("@SUM(1+1)".into());
            }
        }
        for f in &mut e.facts {
            f.question = EVIL.into();
        }
    }
    d
}

#[test]
fn an_evil_dataset_exports_inert_in_markdown() {
    let d = evil();
    let s = summary(&d);
    let md = export::markdown::write(&s);
    let (tables, events) = markdown_tables(&md);
    for t in &tables {
        let width = t[0].len();
        assert!(
            t.iter().all(|r| r.len() == width),
            "a `|` split a cell: {t:?}"
        );
    }
    for e in &events {
        assert!(
            !matches!(
                e,
                Md::Html(_) | Md::InlineHtml(_) | Md::Start(Tag::Link { .. } | Tag::Image { .. })
            ) || matches!(e, Md::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http")),
            "live markup: {e:?}"
        );
    }
    let texts: String = events
        .iter()
        .filter_map(|e| match e {
            Md::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    assert!(texts.contains("<script>alert(1)</script> | =HYPERLINK"));
    // The same data with plain texts has the same headings: one more here is a data text's "# heading".
    let headings = |md: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut inside = None;
        for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
            match e {
                Md::Start(Tag::Heading { .. }) => inside = Some(String::new()),
                Md::Text(t) => {
                    if let Some(text) = inside.as_mut() {
                        text.push_str(&t);
                    }
                }
                Md::End(TagEnd::Heading(_)) => out.extend(inside.take()),
                _ => {}
            }
        }
        out
    };
    let evil_headings = headings(&md);
    let plain_headings = headings(&export::markdown::write(&summary(&sample())));
    assert!(plain_headings.len() > 10, "{plain_headings:?}");
    assert_eq!(
        evil_headings.len(),
        plain_headings.len(),
        "a data text became a heading: {evil_headings:#?}"
    );
    assert!(
        !evil_headings
            .iter()
            .any(|h| h.trim_start().starts_with("heading")),
        "{evil_headings:#?}"
    );
}

#[test]
fn an_evil_dataset_exports_inert_in_html() {
    let d = evil();
    let s = summary(&d);
    let html = export::html::write(&s);
    let (marks, names, text) = parse_html(&html, "event-mark");
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("script")));
    assert!(!html.contains("href=\"javascript:"));
    assert_eq!(marks, s.events.len());
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
}

#[test]
fn an_evil_dataset_exports_inert_in_csv() {
    let d = evil();
    let s = summary(&d);
    let bytes = export::render(&s, Format::Csv);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        for cell in row {
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                || cell.trim_start().starts_with(['=', '+', '-', '@']);
            let number = cell.parse::<f64>().is_ok();
            assert!(!formula || number, "live cell {cell:?}");
        }
    }
    let back: Vec<csv_out::Row> = csv::Reader::from_reader(bytes.as_slice())
        .deserialize()
        .map(Result::unwrap)
        .collect();
    assert!(back.iter().all(|r| r.attributed_to == "'@SUM(1+1)"));
    assert!(back.iter().all(|r| r.outlet.starts_with("'=cmd")));
    assert!(
        back.iter().all(|r| r.quote == EVIL),
        "text kept, newlines and all"
    );
}

#[test]
fn an_evil_dataset_exports_inert_in_json() {
    let d = evil();
    let s = summary(&d);
    let bytes = export::render(&s, Format::Json);
    let back: Summary = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.title, EVIL);
    assert!(
        back.sources.iter().all(|src| src.url.is_none()),
        "no script links"
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factsheet"))
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn summary_command_prints_markdown_with_the_sample_figures() {
    let out = bin().args(["summary", SAMPLE]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("1,212") && md.contains("| 27 |"));
    assert!(md.contains("## Disagreements"));
}

#[test]
fn summary_command_writes_each_format_by_flag_or_extension() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("sheet.html");
    let out = bin()
        .args(["summary", SAMPLE, "-o"])
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    let json = dir.path().join("sheet.txt");
    let out = bin()
        .args(["summary", SAMPLE, "--format", "json", "-o"])
        .arg(&json)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let _: Summary = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(names_in(dir.path()), ["sheet.html", "sheet.txt"]);
}

#[test]
fn summary_command_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("data.json");
    std::fs::copy(SAMPLE, &input).unwrap();
    let out = bin()
        .arg("summary")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("input file"));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(SAMPLE).unwrap()
    );
}

#[test]
fn a_failed_write_is_exit_1_with_a_message_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain-file");
    std::fs::write(&plain, "x").unwrap();
    let targets = vec![
        dir.path().join("missing").join("sheet.md"),
        plain.join("sheet.md"),
    ];
    for target in &targets {
        let out = bin()
            .args(["summary", SAMPLE, "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert_write_refused(&out, target);
    }
    assert_eq!(names_in(dir.path()), ["plain-file"]);
}

fn assert_write_refused(out: &std::process::Output, target: &Path) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{target:?}: {stderr}");
    assert!(
        stderr.contains("error:") && stderr.contains("sheet.md"),
        "{stderr}"
    );
    assert!(!target.exists());
}

/// Permission bits do not bind root, so as root (CI) the binary runs as the
/// unprivileged user `nobody` (65534), from a copy it can read, and the folder
/// is locked against it; otherwise it runs as this user.
#[cfg(unix)]
#[test]
fn a_write_into_a_locked_folder_is_exit_1_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let target = locked.join("sheet.md");

    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let binary = dir.path().join("factsheet");
        std::fs::copy(env!("CARGO_BIN_EXE_factsheet"), &binary).unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = Command::new(binary);
        cmd.uid(65534).gid(65534);
        cmd
    } else {
        bin()
    };
    let data = dir.path().join("data.json");
    std::fs::copy(SAMPLE, &data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cmd
        .arg("summary")
        .arg(&data)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_write_refused(&out, &target);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("permission"), "{stderr}");
    assert!(names_in(&locked).is_empty(), "{:?}", names_in(&locked));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn summary_command_exit_codes_for_bad_data_and_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format_version\": 1, \"title\": ").unwrap();
    let out = bin().arg("summary").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
    let out = bin()
        .args(["summary", SAMPLE, "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["summary"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = bin().args(["summary", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

/// Runs `factsheet summary` on `data` with `args`; its standard output.
fn summary_of(data: &Path, args: &[&str]) -> String {
    let out = bin().arg("summary").arg(data).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_long_dataset_lists_its_latest_events_and_says_so_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("long.json");
    let options = factsheet_generate::Options {
        events: 1_200,
        seed: 5,
    };
    factsheet_generate::write_file(&data, options).unwrap();

    // By default the latest 1,000 are listed, and the JSON counts the rest.
    let json: serde_json::Value =
        serde_json::from_str(&summary_of(&data, &["--format", "json"])).unwrap();
    assert_eq!(json["event_count"], 1_200);
    assert_eq!(json["events"].as_array().map(Vec::len), Some(1_000));
    assert_eq!(json["unlisted"]["events"], 200);
    let all: serde_json::Value =
        serde_json::from_str(&summary_of(&data, &["--format", "json", "--list", "all"])).unwrap();
    assert_eq!(all["events"].as_array().map(Vec::len), Some(1_200));
    assert!(all.get("unlisted").is_none());

    let md = summary_of(&data, &["--list", "10"]);
    assert!(
        md.contains("Only the latest 10 of 1,200 events are listed. The 1,190 earlier ones"),
        "{md}"
    );
    assert!(
        md.contains("of the 1,190 earlier events are summed"),
        "{md}"
    );
    assert!(
        md.contains("The 1,190 earlier events not listed have"),
        "{md}"
    );
    let html = summary_of(&data, &["--list", "10", "--format", "html"]);
    assert!(html.contains("Only the latest 10 of 1,200 events are listed."));
    let (_, _, text) = parse_html(&html, "event");
    assert!(text.contains("earlier events not listed have"), "{text}");

    // CSV is the table of every figure: it lists every event whatever --list says.
    let csv = summary_of(&data, &["--list", "10", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "event_id")
        .unwrap();
    let events: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect();
    assert_eq!(events.len(), 1_200);

    let bad = bin()
        .args(["summary", "--list", "some"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"all\""));
}

// Every Linux system (containers included) has /dev/full; other systems may not.
#[cfg(target_os = "linux")]
#[test]
fn a_summary_to_a_full_standard_output_fails_with_a_message() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    let out = bin()
        .args(["summary", "sample_data/russia-ukraine-2025.json"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not write the summary to standard output"),
        "{stderr}"
    );
}

#[test]
fn a_summary_piped_into_a_closed_reader_is_not_an_error() {
    use std::process::Stdio;
    // A sheet larger than a pipe's buffer (64 KiB on Linux): the writer must
    // meet the closed pipe, not finish into the buffer before anyone looks.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("g.json");
    factsheet_generate::write_file(
        &data,
        factsheet_generate::Options {
            events: 2_000,
            seed: 3,
        },
    )
    .unwrap();
    let args = ["summary", "--list", "all", "--format", "markdown"];
    let whole = bin().args(args).arg(&data).output().unwrap();
    assert_eq!(whole.status.code(), Some(0));
    assert!(
        whole.stdout.len() > 4 * 65_536,
        "the sheet is only {} bytes",
        whole.stdout.len()
    );
    let mut child = bin()
        .args(args)
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -c 0`: the reader goes away before reading anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}
