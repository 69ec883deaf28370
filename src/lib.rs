//! factsheet's core: the data model, loading and validation, source comparison,
//! statistics and export. No GUI code lives here: the command line, the desktop
//! app, the benchmarks and the fuzzer all call this same library.

pub mod cite;
pub mod compare;
pub mod export;
pub mod generate;
#[cfg(feature = "gui")]
pub mod gui;
pub mod halves;
pub mod intern;
pub mod load;
pub mod model;
pub mod schema;
pub mod stats;
pub mod table;
