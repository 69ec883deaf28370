//! The `factsheet` binary: parses the command line and hands over to the core
//! library (headless commands) or to the desktop app.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
