//! Times what opening a file in the app does after the load, part by part:
//! the comparer, comparing every figure, the events table (rows and sort
//! orders), the sources panel's summaries, the chart's series, and the whole
//! of `Loaded::new` as the app runs it (the summaries beside the table).
//! Wall and CPU time (user + system, from getrusage) of one run each.
//!
//! ```sh
//! cargo run --release --example open_phases -- /tmp/g1m.json
//! ```
//!
//! Used for docs/PERFORMANCE.md ("Opening 1M events in the app").

use std::path::PathBuf;

use factsheet::gui::comparison::source_summaries;
use factsheet::gui::state::Loaded;
use factsheet::gui::state::chart_data::ChartData;
use factsheet_core::compare::Comparer;
use factsheet_core::load;
use factsheet_core::table::Table;

#[path = "../crates/factsheet-core/examples/common/mod.rs"]
mod common;

/// Runs `f`, prints its wall and CPU time under `name`, and returns what it returned.
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let (out, [wall, user, sys]) = common::timed(f);
    println!(
        "{name:<22} wall {:>7.3} s  cpu {:>7.3} s",
        wall.as_secs_f64(),
        (user + sys).as_secs_f64()
    );
    out
}

fn main() {
    let Some(file) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: open_phases FILE");
        std::process::exit(2);
    };
    let report = timed("load + validate", || {
        load::load_paths(std::slice::from_ref(&file), load::today())
    });
    let Some(dataset) = report.dataset else {
        eprintln!("{}: did not load", file.display());
        std::process::exit(1);
    };
    println!(
        "{} events; load average {}",
        dataset.events.len(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let comparer = timed("  comparer", || Comparer::new(&dataset));
    let compared = timed("  compare every figure", || comparer.dataset(&dataset));
    let table = timed("  events table", || {
        Table::build(&dataset, &comparer, &compared)
    });
    let rows = timed("    rows", || {
        factsheet_core::table::event_rows(&dataset, &comparer, &compared)
    });
    timed("    sort orders", || {
        drop(factsheet_core::table::SortOrders::new(&rows))
    });
    drop(rows);
    timed("  source summaries", || {
        drop(source_summaries(&dataset, &comparer, &compared))
    });
    let visible: Vec<usize> = (0..table.len()).collect();
    timed("  chart series", || {
        drop(ChartData::build(&dataset, &visible))
    });
    drop((table, compared, comparer));
    let loaded = timed("Loaded::new", || {
        Loaded::new(dataset, Vec::new(), Vec::new())
    });
    // Left to the process exit, as the app leaves its data (freeing takes seconds at 1M).
    std::mem::forget(loaded);
}
