//! Writing a dataset back to a file: in the current format version, as JSON
//! indented by two spaces in the model's field order, atomically (see
//! [`crate::export::write_atomic_with`]: a temporary file, then a rename; a
//! replaced file keeps its permissions). `factsheet upgrade` uses it.

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
    // A model of strings, numbers and lists always serialises.
    let mut out = serde_json::to_vec_pretty(upgraded.as_ref()).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Writes `dataset` to `path` in the current format version, atomically.
pub fn save(dataset: &Dataset, path: &Path) -> Result<(), WriteError> {
    let bytes = to_json(dataset);
    write_atomic_with(path, |file| file.write_all(&bytes))
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
}
