//! Writing a dataset back to a file: as JSON indented by two spaces in the
//! model's field order, atomically (see [`crate::export::write_atomic_with`]:
//! a temporary file, then a rename; a replaced file keeps its permissions).
//! `factsheet upgrade` writes the current format version ([`save`]); the
//! app's Save keeps the version the file was read in when that version can
//! hold the data ([`save_keeping`]): format 1 is format 2 without the fields
//! and values marked *(format 2)* in docs/FORMAT.md, so a file using none of
//! them is written as format 1.

use std::io::Write;
use std::path::Path;

use crate::export::{WriteError, write_atomic_with};
use crate::model::{Dataset, FORMAT_VERSION};

/// `dataset` as the text of a file of the current format version.
pub fn to_json(dataset: &Dataset) -> Vec<u8> {
    // Copied only to change its version: a file saved once (or edited and
    // saved again) is written as it is.
    let upgraded = if dataset.format_version == FORMAT_VERSION {
        std::borrow::Cow::Borrowed(dataset)
    } else {
        let mut upgraded = dataset.clone();
        upgraded.format_version = FORMAT_VERSION;
        std::borrow::Cow::Owned(upgraded)
    };
    to_json_as(upgraded.as_ref())
}

/// Writes `dataset` to `path` in the current format version, atomically.
pub fn save(dataset: &Dataset, path: &Path) -> Result<(), WriteError> {
    let bytes = to_json(dataset);
    write_atomic_with(path, |file| file.write_all(&bytes))
}

/// The format a save wrote, and why a file read in an older one was not written in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// In the version the file had.
    Kept(u32),
    /// In the current version, because the older one cannot hold what the
    /// data uses (`field`, the JSON path of the first such).
    Upgraded { from: u32, field: String },
}

impl Written {
    /// The format version written.
    pub fn version(&self) -> u32 {
        match self {
            Written::Kept(v) => *v,
            Written::Upgraded { .. } => FORMAT_VERSION,
        }
    }

    /// Why the file changed format, in words, or `None` when it did not:
    /// "saved as format 2: format 1 cannot hold `parts` (at events[0].figures[0].claims[1].parts)".
    pub fn reason(&self) -> Option<String> {
        let Written::Upgraded { from, field } = self else {
            return None;
        };
        Some(format!(
            "saved as format {FORMAT_VERSION}: format {from} cannot hold `{}` (at {field})",
            field_name(field)
        ))
    }

    /// What keeps the file from its own format, in words for a question
    /// asked before saving, or `None` when it keeps it: "format 1, which
    /// cannot hold `notes` (at events[0].figures[0].claims[1].notes)".
    pub fn cannot_hold(&self) -> Option<String> {
        let Written::Upgraded { from, field } = self else {
            return None;
        };
        Some(format!(
            "format {from}, which cannot hold `{}` (at {field})",
            field_name(field)
        ))
    }
}

/// The field a JSON path ends in: `notes` of `events[0].figures[0].claims[1].notes`.
fn field_name(path: &str) -> &str {
    let name = path.rsplit('.').next().unwrap_or(path);
    name.split('[').next().unwrap_or(name)
}

/// The format `dataset`, read from a file of format `version`, is written in.
pub fn format_for(dataset: &Dataset, version: u32) -> Written {
    if version >= FORMAT_VERSION {
        return Written::Kept(FORMAT_VERSION);
    }
    match crate::load::format2::first_format2_field(dataset) {
        None => Written::Kept(version),
        Some(field) => Written::Upgraded {
            from: version,
            field,
        },
    }
}

/// `dataset` as the text of a file of format `version` when that format can
/// hold it, else of the current one; and which it is.
pub fn to_json_keeping(dataset: &Dataset, version: u32) -> (Vec<u8>, Written) {
    let written = format_for(dataset, version);
    let bytes = if dataset.format_version == written.version() {
        to_json_as(dataset)
    } else {
        let mut copy = dataset.clone();
        copy.format_version = written.version();
        to_json_as(&copy)
    };
    (bytes, written)
}

/// Writes `dataset` (read from a file of format `version`) to `path`
/// atomically, in that format when it can hold the data ([`to_json_keeping`]).
pub fn save_keeping(dataset: &Dataset, version: u32, path: &Path) -> Result<Written, WriteError> {
    let (bytes, written) = to_json_keeping(dataset, version);
    write_atomic_with(path, |file| file.write_all(&bytes))?;
    Ok(written)
}

/// `dataset` as JSON text, its `format_version` as it stands.
fn to_json_as(dataset: &Dataset) -> Vec<u8> {
    // A model of strings, numbers and lists always serialises.
    let mut out = serde_json::to_vec_pretty(dataset).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_1_file_saved_reads_back_the_same_as_format_2() {
        let sample: Dataset = serde_json::from_slice(crate::load::SAMPLE_JSON).unwrap();
        assert_eq!(sample.format_version, 1);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upgraded.json");
        save(&sample, &path).unwrap();
        let back: Dataset = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(back.format_version, FORMAT_VERSION);
        assert_eq!(
            Dataset {
                format_version: sample.format_version,
                ..back
            },
            sample
        );
    }

    const FORMAT_1: &str = r#"{"format_version": 1, "title": "One",
      "sources": [{"id": "s", "outlet": "Agency"}],
      "events": [{"id": "e", "title": "Bodies", "date": {"on": "2025-06-11"},
        "kind": "remains_repatriation",
        "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 12}}]}]}]}"#;

    #[test]
    fn a_format_1_file_that_format_1_can_hold_is_written_as_format_1() {
        let mut d: Dataset = serde_json::from_str(FORMAT_1).unwrap();
        // As the app holds it after the merge: the current version in memory.
        d.format_version = FORMAT_VERSION;
        d.events[0].figures[0].claims[0].value = crate::model::Quantity::MoreThan(10);
        let (bytes, written) = to_json_keeping(&d, 1);
        assert_eq!(written, Written::Kept(1));
        assert_eq!(written.reason(), None);
        let expected = r#"{
  "format_version": 1,
  "title": "One",
  "sources": [
    {
      "id": "s",
      "outlet": "Agency",
      "affiliation": "unknown"
    }
  ],
  "events": [
    {
      "id": "e",
      "title": "Bodies",
      "date": {
        "on": "2025-06-11"
      },
      "kind": "remains_repatriation",
      "figures": [
        {
          "id": "f",
          "received_by": "ukraine",
          "category": "remains",
          "claims": [
            {
              "source": "s",
              "value": {
                "more_than": 10
              },
              "status": "claimed"
            }
          ]
        }
      ]
    }
  ]
}
"#;
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn a_format_1_file_given_a_format_2_field_is_written_as_format_2_and_says_why() {
        let mut d: Dataset = serde_json::from_str(FORMAT_1).unwrap();
        d.events[0].figures[0].claims[0].notes = Some("from the briefing".into());
        let (bytes, written) = to_json_keeping(&d, 1);
        assert_eq!(
            written,
            Written::Upgraded {
                from: 1,
                field: "events[0].figures[0].claims[0].notes".into()
            }
        );
        assert_eq!(
            written.reason().unwrap(),
            "saved as format 2: format 1 cannot hold `notes` (at events[0].figures[0].claims[0].notes)"
        );
        assert_eq!(
            written.cannot_hold().unwrap(),
            "format 1, which cannot hold `notes` (at events[0].figures[0].claims[0].notes)"
        );
        assert!(bytes.starts_with(b"{\n  \"format_version\": 2,\n"));
    }

    #[test]
    fn a_format_2_file_stays_format_2() {
        let d: Dataset = serde_json::from_str(FORMAT_1).unwrap();
        assert_eq!(format_for(&d, 2), Written::Kept(2));
        assert_eq!(format_for(&d, 2).cannot_hold(), None);
    }
}
