//! Times the summary export apart from the load: loads a file once, then
//! exports the fact sheet (latest 1,000 events listed) in each format, then
//! builds the summary of every event and writes each format to a file, several
//! times, printing the median wall and CPU time (user + system, from getrusage)
//! of each phase.
//!
//! ```sh
//! cargo run --release --example export_phases -- /tmp/g100k.json [RUNS] [OUT_DIR]
//! ```
//!
//! Used for docs/PERFORMANCE.md ("Summary export"); criterion's benches/export.rs
//! measures the same operations in memory. It runs with the binary's allocator
//! (mimalloc, from `common`), as the other examples do.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load;

mod common;
use common::{median, timed};

fn report(name: &str, runs: &[[Duration; 3]], bytes: Option<u64>) {
    let col = |i: usize| median(runs.iter().map(|r| r[i]).collect());
    let (wall, user, sys) = (col(0), col(1), col(2));
    let cpu = user + sys;
    let mut line = format!(
        "{name:<18} wall {:>7.3} s  user {:>7.3} s  sys {:>6.3} s  cpu {:>7.3} s",
        wall.as_secs_f64(),
        user.as_secs_f64(),
        sys.as_secs_f64(),
        cpu.as_secs_f64()
    );
    if let Some(b) = bytes {
        let mb = b as f64 / 1e6;
        line.push_str(&format!(
            "  {mb:>8.1} MB  {:>6.0} MB/s by cpu",
            mb / cpu.as_secs_f64().max(1e-9)
        ));
    }
    println!("{line}");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next().map(PathBuf::from) else {
        eprintln!("usage: export_phases FILE [RUNS] [OUT_DIR]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let out_dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);

    let (report_, load_time) =
        timed(|| load::load_paths(std::slice::from_ref(&file), load::today()));
    let Some(dataset) = report_.dataset else {
        eprintln!("{}: did not load", file.display());
        std::process::exit(1);
    };
    report("load + validate", &[load_time], None);
    println!(
        "{} events; {runs} runs each, medians; load average {}",
        dataset.events.len(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );

    // The export as the app and the CLI run it: a fact sheet of the latest
    // 1,000 events (CSV: every event), built and written to a file.
    let sheet = SummaryOptions {
        limit: Some(export::LISTED_EVENTS),
        ..SummaryOptions::default()
    };
    for format in Format::ALL {
        let path = out_dir.join(format!("export-phases-sheet.{}", format.extension()));
        let runs_here = if format == Format::Csv { 1 } else { runs };
        let exports: Vec<_> = (0..runs_here)
            .map(|_| {
                let none: [&Path; 0] = [];
                let (result, t) =
                    timed(|| export::export_to_file(&dataset, &sheet, format, &path, &none));
                if let Err(e) = result {
                    eprintln!("{e}");
                }
                t
            })
            .collect();
        let size = std::fs::metadata(&path).map(|m| m.len()).ok();
        report(&format!("export {}", format.label()), &exports, size);
        let _ = std::fs::remove_file(&path);
    }

    // With every event listed (`--list all`), phase by phase.
    let options = SummaryOptions::default();
    let builds: Vec<_> = (0..runs)
        .map(|_| timed(|| drop(export::build(&dataset, &options))).1)
        .collect();
    report("build summary", &builds, None);
    // Parts of the build: the statistics it starts from, and freeing the summary.
    let stats: Vec<_> = (0..runs)
        .map(|_| timed(|| drop(factsheet_core::stats::Stats::compute(&dataset, None))).1)
        .collect();
    report("  of which stats", &stats, None);
    let frees: Vec<_> = (0..runs)
        .map(|_| {
            let summary = export::build(&dataset, &options);
            timed(|| drop(summary)).1
        })
        .collect();
    report("  of which freeing", &frees, None);

    let summary = export::build(&dataset, &options);
    for format in Format::ALL {
        let path = out_dir.join(format!("export-phases.{}", format.extension()));
        let mut size = 0;
        let writes: Vec<_> = (0..runs)
            .map(|_| {
                let (result, t) = timed(|| write(&summary, format, &path));
                match result {
                    Ok(n) => size = n,
                    Err(e) => eprintln!("{e}"),
                }
                t
            })
            .collect();
        report(&format!("write {}", format.label()), &writes, Some(size));
        let _ = std::fs::remove_file(&path);
    }
}

/// Writes one format as the `summary` command does (streamed through a
/// buffer into an atomic write); returns the size written.
fn write(summary: &export::Summary, format: Format, path: &Path) -> Result<u64, String> {
    export::write_atomic_with(path, |file| {
        let mut w = BufWriter::with_capacity(1 << 20, file);
        export::render_to(summary, format, &mut w)?;
        w.flush()
    })
    .map_err(|e| e.to_string())?;
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| e.to_string())
}
