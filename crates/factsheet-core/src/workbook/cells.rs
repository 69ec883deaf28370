//! A cell's value as the readers give it and the writer takes it, and how the
//! model's values are written into cells and read back out of them: lists
//! joined with "; ", enumerations as words ("prisoner exchange"), a claim's
//! parts as "280 soldiers; 120 civilians (national guard)".

use jiff::civil::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::layout::LIST_SEPARATOR;
use crate::model::{Category, List, Part, Text, parse_quantity, quantity_text};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A real date cell (the spreadsheet shows it as a date and sorts it as one).
    Date(Date),
    Bool(bool),
    /// An error value the spreadsheet shows (#DIV/0!, #REF!).
    Error(String),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    pub fn opt(s: Option<&str>) -> Value {
        s.map_or(Value::Empty, Value::text)
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: numbers as a person wrote them (12, not 12.0),
    /// dates as YYYY-MM-DD. `None` when empty.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Empty => None,
            Value::Text(s) if s.trim().is_empty() => None,
            Value::Text(s) => Some(s.clone()),
            Value::Number(n) => Some(number_text(*n)),
            Value::Date(d) => Some(d.to_string()),
            Value::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Value::Error(e) => Some(e.clone()),
        }
    }
}

/// A number cell's value as text: a whole number without ".0".
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The largest whole number a spreadsheet's number cell holds exactly (2^53).
pub const EXACT_IN_A_CELL: u64 = 1 << 53;

/// A value of an enumeration as words: `prisoner_exchange` → "prisoner exchange".
pub fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => match s.as_str() {
            "under25" => "under 25".to_string(),
            _ => s.replace('_', " "),
        },
        _ => String::new(),
    }
}

/// Reads an enumeration from words written any case, with spaces, hyphens
/// or underscores ("Prisoner exchange", "prisoner_exchange"), or from one of
/// its labels; the error lists `allowed`.
pub fn parse_word<T: DeserializeOwned>(
    typed: &str,
    allowed: &[&str],
    labels: &[(&str, &str)],
) -> Result<T, String> {
    let key = |s: &str| s.trim().to_lowercase().replace([' ', '-', '\u{a0}'], "_");
    let wanted = key(typed);
    let named = labels
        .iter()
        .find(|(label, _)| key(label) == wanted)
        .map_or(wanted.clone(), |(_, name)| (*name).to_string());
    serde_json::from_value(serde_json::Value::String(named))
        .map_err(|_| format!("\"{}\" is not one of: {}", typed.trim(), allowed.join(", ")))
}

pub const KINDS: [&str; 6] = [
    "prisoner exchange",
    "wounded exchange",
    "civilian return",
    "remains repatriation",
    "unilateral release",
    "other",
];
/// The kinds' labels as the app shows them, read too.
pub const KIND_LABELS: [(&str, &str); 3] = [
    ("exchange of wounded", "wounded_exchange"),
    ("return of civilians", "civilian_return"),
    ("repatriation of remains", "remains_repatriation"),
];
pub const SIDES: [&str; 2] = ["ukraine", "russia"];
pub const CATEGORIES: [&str; 6] = [
    "prisoners",
    "soldiers",
    "civilians",
    "wounded",
    "under 25",
    "remains",
];
pub const CATEGORY_LABELS: [(&str, &str); 1] = [("under 25", "under25")];
pub const STATUSES: [&str; 4] = ["confirmed", "claimed", "unconfirmed", "denied"];
pub const AFFILIATIONS: [&str; 9] = [
    "ukrainian government",
    "russian government",
    "ukrainian state media",
    "russian state media",
    "international body",
    "third country government",
    "third country media",
    "independent media",
    "unknown",
];
pub const RELAYS: [&str; 4] = ["wire copy", "reprint", "translation", "quoted second hand"];
pub const PLACE_PRECISIONS: [&str; 5] = ["site", "border", "region", "country", "unknown"];
pub const AGREEMENT_KINDS: [&str; 2] = ["agreement", "promise"];
pub const COUNTS: [&str; 2] = ["people", "events"];
pub const COVERAGES: [&str; 2] = ["complete", "partial"];

/// Items of a list joined into one cell.
pub fn join_list(items: &[Text]) -> Value {
    Value::text(
        items
            .iter()
            .map(Text::as_str)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    )
}

/// A cell's list: split at ";", each item trimmed, blanks dropped.
pub fn split_list(cell: &str) -> List<Text> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Text::from)
        .collect()
}

/// A claim's parts in one cell: "280 soldiers; 120 civilians (national guard)".
pub fn parts_text(parts: &[Part]) -> Value {
    Value::text(
        parts
            .iter()
            .map(|p| {
                let mut s = format!("{} {}", quantity_text(p.value), word(&p.category));
                if let Some(label) = &p.label {
                    s.push_str(&format!(" ({label})"));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    )
}

/// Reads the parts written by [`parts_text`]: each a figure, a category and
/// perhaps a label in brackets.
pub fn parse_parts(cell: &str) -> Result<List<Part>, String> {
    let mut out = Vec::new();
    for piece in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (head, label) = match piece.split_once(" (") {
            Some((head, rest)) => (head.trim(), Some(rest.strip_suffix(')').unwrap_or(rest))),
            None => (piece, None),
        };
        let lower = head.to_lowercase();
        let found = CATEGORIES
            .iter()
            .chain(
                [
                    "under25", "prisoner", "soldier", "civilian", "body", "bodies",
                ]
                .iter(),
            )
            .filter(|word| lower.ends_with(&format!(" {word}")))
            .max_by_key(|word| word.len());
        let Some(category_word) = found else {
            return Err(format!(
                "the part \"{piece}\" does not end in a category ({}): write parts like \"280 soldiers; 120 civilians\"",
                CATEGORIES.join(", ")
            ));
        };
        // The category is ASCII at the end of the lower-cased text; the figure
        // is what comes before it (none if lower-casing changed the lengths).
        let figure = head
            .len()
            .checked_sub(category_word.len() + 1)
            .and_then(|n| head.get(..n))
            .unwrap_or_default();
        let category: Category = match *category_word {
            "prisoner" => Category::Prisoners,
            "soldier" => Category::Soldiers,
            "civilian" => Category::Civilians,
            "body" | "bodies" => Category::Remains,
            other => parse_word(other, &CATEGORIES, &CATEGORY_LABELS)?,
        };
        let value = parse_quantity(figure).map_err(|e| format!("in the part \"{piece}\": {e}"))?;
        out.push(Part {
            category,
            label: label.map(Text::from),
            value,
        });
    }
    Ok(out.into_iter().collect())
}

/// A short identifier made of `text`: lower case, letters and digits, dashes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "item".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Quantity, Side};

    #[test]
    fn words_read_in_any_case_and_spacing_and_from_labels() {
        for typed in [
            "Prisoner exchange",
            "prisoner_exchange",
            " PRISONER-EXCHANGE ",
        ] {
            assert_eq!(
                parse_word::<EventKind>(typed, &KINDS, &KIND_LABELS),
                Ok(EventKind::PrisonerExchange)
            );
        }
        assert_eq!(
            parse_word::<EventKind>("Repatriation of remains", &KINDS, &KIND_LABELS),
            Ok(EventKind::RemainsRepatriation)
        );
        let err = parse_word::<Side>("Ukraina", &SIDES, &[]).unwrap_err();
        assert_eq!(err, "\"Ukraina\" is not one of: ukraine, russia");
        assert_eq!(word(&Category::Under25), "under 25");
        assert_eq!(
            parse_word::<Category>("under 25", &CATEGORIES, &CATEGORY_LABELS),
            Ok(Category::Under25)
        );
    }

    #[test]
    fn parts_read_back_as_written() {
        let parts = parse_parts("280 soldiers; about 120 civilians (national guard); 1 body")
            .expect("parts");
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].value, Quantity::Exact(280));
        assert_eq!(parts[1].category, Category::Civilians);
        assert_eq!(parts[1].label.as_deref(), Some("national guard"));
        assert_eq!(parts[1].value, Quantity::Approximately(120));
        assert_eq!(parts[2].category, Category::Remains);
        assert_eq!(
            parts_text(&parts[..2]),
            Value::text("280 soldiers; about 120 civilians (national guard)")
        );
        let err = parse_parts("280 sailors").unwrap_err();
        assert!(err.contains("does not end in a category"), "{err}");
        // Lower-casing "İ" makes it longer: no slicing inside a character.
        assert!(parse_parts("İİİ soldiers").is_err());
    }

    #[test]
    fn numbers_read_as_typed_and_slugs_are_plain() {
        assert_eq!(Value::Number(1212.0).as_text().as_deref(), Some("1212"));
        assert_eq!(Value::Number(2.5).as_text().as_deref(), Some("2.5"));
        assert_eq!(slug(" Exchange of 11 June! "), "exchange-of-11-june");
        assert_eq!(slug("—"), "item");
    }
}
