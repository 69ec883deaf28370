//! The `factsheet` binary: parses the command line and hands over to the core
//! library (headless commands) or to the desktop app.

mod cli;

use std::process::ExitCode;

// A load builds millions of small allocations: see Cargo.toml and docs/PERFORMANCE.md.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}
