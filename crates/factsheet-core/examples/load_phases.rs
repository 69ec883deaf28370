//! Times the parts of `factsheet summary --format json FILE` one by one: the
//! streamed parse, validation, the running-total checks, the statistics and
//! the summary (built and rendered to nowhere), several times, printing the
//! median wall and CPU time (user + system, from getrusage) of each, and of
//! the whole load as the CLI runs it.
//!
//! ```sh
//! cargo run --release --example load_phases -- /tmp/g100k.json [RUNS]
//! taskset -c 0 target/release/examples/load_phases /tmp/g100k.json 5   # one core
//! ```
//!
//! Used for docs/PERFORMANCE.md ("Load + validate").

use std::path::PathBuf;
use std::time::Duration;

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{self, stream, validate};

mod common;
use common::median;

/// Wall and CPU (user + system) time of one call of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, [Duration; 2]) {
    let (out, [wall, user, sys]) = common::timed(f);
    (out, [wall, user + sys])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next().map(PathBuf::from) else {
        eprintln!("usage: load_phases FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let label = file.display().to_string();
    let today = load::today();
    let names = [
        "parse (streamed)",
        "validate",
        "running totals",
        "stats",
        "summary json",
        "whole load (CLI)",
    ];
    let mut times: Vec<Vec<[Duration; 2]>> = vec![Vec::new(); names.len()];
    for _ in 0..runs {
        let (parsed, t) = timed(|| stream::parse_file(&file));
        let Ok(parsed) = parsed else {
            eprintln!("{label}: the streamed parse gave up");
            std::process::exit(1);
        };
        times[0].push(t);
        let dataset = parsed.dataset;
        let known = validate::KnownIds::of(&[&dataset]);
        times[1].push(timed(|| validate::validate(&dataset, &label, &known, today)).1);
        times[2]
            .push(timed(|| factsheet_core::stats::running_total_warnings(&dataset, |_| None)).1);
        times[3].push(timed(|| factsheet_core::stats::Stats::of(&dataset)).1);
        // As the CLI exports: the latest 1,000 events listed.
        let options = SummaryOptions {
            limit: Some(export::LISTED_EVENTS),
            ..SummaryOptions::default()
        };
        times[4].push(
            timed(|| {
                let summary = export::build_for(&dataset, &options, Format::Json);
                export::render_to(&summary, Format::Json, &mut std::io::sink())
            })
            .1,
        );
        drop(dataset);
        times[5].push(timed(|| load::load_paths(std::slice::from_ref(&file), today)).1);
    }
    println!(
        "{label}: {:.1} MB, {runs} runs, medians; load average {}",
        size as f64 / 1e6,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    for (name, runs) in names.iter().zip(&times) {
        let wall = median(runs.iter().map(|r| r[0]).collect());
        let cpu = median(runs.iter().map(|r| r[1]).collect());
        println!(
            "{name:<18} wall {:>7.3} s  cpu {:>7.3} s  {:>6.0} MB/s of the file by cpu",
            wall.as_secs_f64(),
            cpu.as_secs_f64(),
            size as f64 / 1e6 / cpu.as_secs_f64().max(1e-9)
        );
    }
}
