//! The published JSON Schema of the file format, generated from [`crate::model`].
//!
//! `schema/factsheet.schema.json` is this function's output, committed; a test
//! fails when the code and the committed file drift apart.

use crate::model::Dataset;

/// The schema as pretty-printed JSON, with a trailing newline.
pub fn dataset_schema_json() -> String {
    let schema = schemars::schema_for!(Dataset);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_schema_matches_the_code() {
        let committed = include_str!("../../../schema/factsheet.schema.json");
        let generated = super::dataset_schema_json();
        assert!(
            committed == generated,
            "schema/factsheet.schema.json is stale: run `cargo run -- schema -o schema/factsheet.schema.json`"
        );
    }
}
