//! docs/ must not drift from the code: every file under docs/examples/ loads
//! cleanly, and every JSON snippet in docs/FORMAT.md reads as the type its
//! `<!-- example: Type -->` marker names.

use std::path::{Path, PathBuf};

use factsheet_core::load::load_paths;
use factsheet_core::model::*;
use serde::de::DeserializeOwned;

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs");

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(DOCS).join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_file_loads_without_errors_or_warnings() {
    let files = example_files();
    assert!(
        files.iter().any(|p| p.ends_with("minimal.json")),
        "{files:?}"
    );
    for file in files {
        let report = load_paths(std::slice::from_ref(&file), jiff::civil::date(2026, 1, 1));
        // Examples may show sources that disagree: that warning is the point, not a flaw.
        let flaws: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error() || !d.message.starts_with("the sources"))
            .collect();
        assert!(
            report.dataset.is_some() && flaws.is_empty(),
            "{}: {:#?}",
            file.display(),
            flaws
        );
    }
}

/// The (type name, JSON text, line) of every fenced `json` block in the markdown.
fn snippets(markdown: &str) -> Vec<(Option<String>, String, usize)> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    let mut block: Option<(Option<String>, String, usize)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim();
        if let Some((name, text, start)) = block.as_mut() {
            if trimmed == "```" {
                out.push((name.take(), std::mem::take(text), *start));
                block = None;
            } else {
                text.push_str(line);
                text.push('\n');
            }
        } else if let Some(rest) = trimmed.strip_prefix("<!-- example:") {
            marker = Some(rest.trim_end_matches("-->").trim().to_string());
        } else if trimmed == "```json" {
            block = Some((marker.take(), String::new(), i + 1));
        } else if !trimmed.is_empty() {
            marker = None;
        }
    }
    assert!(block.is_none(), "a ```json block is never closed");
    out
}

fn reads_as<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    serde_json::from_str::<T>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn check(type_name: &str, text: &str) -> Result<(), String> {
    match type_name {
        "Dataset" => reads_as::<Dataset>(text),
        "Source" => reads_as::<Source>(text),
        "Affiliation" => reads_as::<Affiliation>(text),
        "Date" => reads_as::<jiff::civil::Date>(text),
        "EventDate" => reads_as::<EventDate>(text),
        "DatePrecision" => reads_as::<DatePrecision>(text),
        "Place" => reads_as::<Place>(text),
        "PlacePrecision" => reads_as::<PlacePrecision>(text),
        "Event" => reads_as::<Event>(text),
        "EventKind" => reads_as::<EventKind>(text),
        "Figure" => reads_as::<Figure>(text),
        "Side" => reads_as::<Side>(text),
        "Category" => reads_as::<Category>(text),
        "Claim" => reads_as::<Claim>(text),
        "Quantity" => reads_as::<Quantity>(text),
        "ClaimStatus" => reads_as::<ClaimStatus>(text),
        "Fact" => reads_as::<Fact>(text),
        "FactClaim" => reads_as::<FactClaim>(text),
        "Agreement" => reads_as::<Agreement>(text),
        "Term" => reads_as::<Term>(text),
        "RunningTotal" => reads_as::<RunningTotal>(text),
        "TotalScope" => reads_as::<TotalScope>(text),
        "TotalCounts" => reads_as::<TotalCounts>(text),
        "ContextEstimate" => reads_as::<ContextEstimate>(text),
        "PlaceName" => reads_as::<PlaceName>(text),
        "Relay" => reads_as::<Relay>(text),
        "RelayKind" => reads_as::<RelayKind>(text),
        "SavedCopy" => reads_as::<SavedCopy>(text),
        "Part" => reads_as::<Part>(text),
        "Baseline" => reads_as::<Baseline>(text),
        "CoarseDate" => reads_as::<CoarseDate>(text),
        "Quote" => reads_as::<Quote>(text),
        "DateClaim" => reads_as::<DateClaim>(text),
        "LinkClaim" => reads_as::<LinkClaim>(text),
        "Coverage" => reads_as::<Coverage>(text),
        "AgreementKind" => reads_as::<AgreementKind>(text),
        // The "Summary JSON" section: the export's shape, not the input format.
        "TotalRow" => reads_as::<factsheet_core::export::summary::TotalRow>(text),
        "TermRow" => reads_as::<factsheet_core::export::summary::TermRow>(text),
        "ClaimRow" => reads_as::<factsheet_core::export::summary::ClaimRow>(text),
        "TotalClaimRow" => reads_as::<factsheet_core::export::summary::TotalClaimRow>(text),
        "FactRow" => reads_as::<factsheet_core::export::summary::FactRow>(text),
        other => Err(format!("no type named {other}")),
    }
}

#[test]
fn every_snippet_in_format_md_reads_as_its_type() {
    let markdown = std::fs::read_to_string(Path::new(DOCS).join("FORMAT.md")).unwrap();
    let found = snippets(&markdown);
    assert!(found.len() > 20, "only {} snippets found", found.len());
    let mut failures = Vec::new();
    for (name, text, line) in &found {
        match name {
            None => failures.push(format!(
                "FORMAT.md:{line}: json block without an <!-- example: Type --> marker"
            )),
            Some(name) => {
                if let Err(e) = check(name, text) {
                    failures.push(format!("FORMAT.md:{line}: not a {name}: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn format_md_shows_every_type_of_the_model() {
    let markdown = std::fs::read_to_string(Path::new(DOCS).join("FORMAT.md")).unwrap();
    let shown: Vec<String> = snippets(&markdown)
        .into_iter()
        .filter_map(|(name, _, _)| name)
        .collect();
    let schema: serde_json::Value =
        serde_json::from_str(&factsheet_core::schema::dataset_schema_json()).unwrap();
    let defs = schema["$defs"].as_object().unwrap();
    assert!(shown.iter().any(|n| n == "Dataset"));
    for name in defs.keys() {
        assert!(
            shown.iter().any(|n| n == name),
            "docs/FORMAT.md has no example of {name}"
        );
    }
}

#[test]
fn a_wrong_snippet_is_caught() {
    let md = "<!-- example: Quantity -->\n```json\n{\"more_than\": -5}\n```\n\n```json\n1\n```\n";
    let found = snippets(md);
    assert_eq!(found.len(), 2);
    assert!(check("Quantity", &found[0].1).is_err());
    assert_eq!(found[1].0, None);
}

#[test]
fn format_md_explains_every_field_and_value() {
    let markdown = std::fs::read_to_string(Path::new(DOCS).join("FORMAT.md")).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&factsheet_core::schema::dataset_schema_json()).unwrap();
    let fields_missing = |owner: &str, def: &serde_json::Value| -> Vec<String> {
        def["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|p| p.0)
            .filter(|field| !markdown.contains(&format!("| `{field}` |")))
            .map(|field| format!("field {owner}.{field}"))
            .collect()
    };
    let mut missing = fields_missing("Dataset", &schema);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        missing.extend(fields_missing(name, def));
        // Enum values: plain strings (in `enum` or `const`), and for Quantity
        // the key of each one-key object.
        let mut values: Vec<&str> = Vec::new();
        let alternatives = def["oneOf"].as_array().into_iter().flatten();
        for v in alternatives.chain(std::iter::once(def)) {
            values.extend(
                v["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.as_str()),
            );
            values.extend(v.get("const").and_then(|x| x.as_str()));
            if name == "Quantity" {
                values.extend(
                    v["required"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.as_str()),
                );
            }
        }
        for value in values {
            if !markdown.contains(&format!("`{value}`"))
                && !markdown.contains(&format!("\"{value}\""))
            {
                missing.push(format!("value {name}::{value}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/FORMAT.md does not explain: {missing:#?}"
    );
}
