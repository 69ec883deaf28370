//! factsheet's core: the data model, loading and validation, source comparison,
//! statistics, the table model and export. No GUI crate is in this crate's
//! dependency tree: the command line, the desktop app, the benchmarks and the
//! fuzzer all call this same library. ARCHITECTURE.md walks the modules.

pub mod cite;
pub mod compare;
pub mod copies;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod export;
pub mod intern;
pub mod load;
pub mod model;
pub mod parallel;
pub mod save;
pub mod schema;
pub mod stats;
pub mod table;
pub mod workbook;

/// Generated datasets for the unit tests, from the generator crate (a dev-dependency).
#[cfg(test)]
mod testing {
    use crate::model::Dataset;

    /// A generated dataset's JSON.
    pub(crate) fn generated_bytes(events: u64, seed: u64) -> Vec<u8> {
        factsheet_generate::to_bytes(events, seed)
    }

    /// A generated dataset, parsed.
    pub(crate) fn generated_dataset(events: u64, seed: u64) -> Dataset {
        serde_json::from_slice(&generated_bytes(events, seed)).expect("a generated file parses")
    }
}
