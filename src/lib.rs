//! The factsheet desktop app (feature `gui`), over the core library
//! `factsheet_core`. The command line is the binary's (src/cli.rs).

#[cfg(feature = "gui")]
pub mod gui;
