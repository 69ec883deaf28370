//! Command-line interface: argument parsing (clap) and the headless commands.
//!
//! Exit codes are fit for scripts: 0 success, 1 invalid data or a failed write,
//! 2 a usage error (clap's own convention); `diff` follows diff(1): 0 the same,
//! 1 different, 2 any error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use factsheet_core::export::{self, Format, SummaryOptions};
use factsheet_core::load::{self, Diagnostic};

/// What `--version` prints after the name: the build's version and the data
/// format versions it reads and writes (checked against the core's constants
/// by a test).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (reads data format 1 to 2, writes 2)"
);

#[derive(Parser, Debug)]
#[command(
    name = "factsheet",
    version = VERSION,
    about = "Fact sheets on prisoner exchanges and repatriations of remains, every figure traced to its sources",
    after_help = "Examples:\n  factsheet                          open the built-in 2022-2026 data in the app\n  factsheet a.json b.json            open two files, merged, in the app\n  factsheet validate data/*.json     check files; exit 1 if any has errors\n  factsheet summary a.json -o s.md   write a Markdown fact sheet\n  factsheet diff old.json new.json   what changed since the old version"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Event files to open in the app (merged). Without files, the built-in dataset of the exchanges since 2022 opens.
    files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files and print every error and warning as file:line:col: severity: message.
    #[command(
        after_help = "Exit status: 0 when every file is valid (warnings allowed), 1 when any has errors.\n\nExamples:\n  factsheet validate sample_data/*.json\n  factsheet validate --quiet mine.json && echo ok"
    )]
    Validate {
        /// Files to check; several are checked together, as the app would merge them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print errors only, not warnings.
        #[arg(short, long)]
        quiet: bool,
        /// Match items of several files by id only, and make one id written differently an
        /// error, rather than merging what describes one thing (see docs/FORMAT.md, "Several files").
        #[arg(long)]
        no_merge: bool,
    },
    /// Write a fact sheet: totals, agreements against delivery, events, disagreements, sources.
    #[command(
        after_help = "Without -o the fact sheet goes to standard output. Without --format the format follows\n\
                      the -o file's extension (.md, .html, .csv, .json), else Markdown.\n\n\
                      Exit status: 0 written, 1 invalid data or a failed write, 2 a usage error.\n\n\
                      Examples:\n  \
                      factsheet summary sample_data/russia-ukraine-2025.json\n  \
                      factsheet summary a.json b.json -o sheet.html\n  \
                      factsheet summary data.json --format csv -o claims.csv\n  \
                      factsheet summary data.json --format json | jq .totals"
    )]
    Summary {
        /// Files to summarise; several are merged, as the app would.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum)]
        format: Option<FormatArg>,
        /// Write to this file (atomically) instead of standard output; never over an input file.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// List at most this many events in detail, the latest ones, or `all`. The others still
        /// count in the totals, the chart's series and the agreements, and the sheet says how
        /// many there are. CSV always lists every event.
        #[arg(long, value_name = "N|all", default_value_t = Listed::Latest(export::LISTED_EVENTS))]
        list: Listed,
        /// Match items of several files by id only, and make one id written differently an
        /// error, rather than merging what describes one thing (see docs/FORMAT.md, "Several files").
        #[arg(long)]
        no_merge: bool,
    },
    /// Compare two versions of the data: what changed, in the fact sheet's terms.
    #[command(
        after_help = "Lists the claims added, removed or changed (and which of their fields), the disagreements\n\
                      that appeared or were resolved, the totals, agreement progress and running-total verdicts\n\
                      that moved, and the events and sources added, removed or changed, each with its sources.\n\
                      Events and sources are matched by id, claims by where they stand and their source\n\
                      (docs/DIFF.md). Without -o the diff goes to standard output; without --format the format\n\
                      follows the -o file's extension (.json), else Markdown.\n\n\
                      Exit status: 0 the versions are the same, 1 they differ, 2 an error (a file that cannot be\n\
                      read or has errors, a failed write, a usage error), as diff(1).\n\n\
                      Examples:\n  \
                      factsheet diff published.json today.json\n  \
                      factsheet diff published.json today.json -o changes.md\n  \
                      factsheet diff old.json new.json --format json | jq .totals"
    )]
    Diff {
        /// The older version (what was published).
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Output format.
        #[arg(short, long, value_enum)]
        format: Option<DiffFormatArg>,
        /// Write to this file (atomically) instead of standard output; never over an input file.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a generated dataset: valid, realistic, of any size, the same for the same seed.
    #[command(
        after_help = "The events, figures and quotes are invented; use it to try the app at scale and for benchmarks.\n\nExamples:\n  factsheet generate --events 1000 -o small.json\n  factsheet generate --events 1000000 --seed 7 -o large.json"
    )]
    Generate {
        /// Number of events (at most 100,000,000).
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=factsheet_generate::MAX_EVENTS))]
        events: u64,
        /// Seed of the random choices: the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Rewrite a data file in the current format version (2), atomically.
    #[command(
        after_help = "The data is the same; only the version and the layout of the JSON change (two spaces per level,\n\
                      fields in the format's order). A file with errors is left as it is.\n\n\
                      Exit status: 0 written, 1 invalid data or a failed write, 2 a usage error.\n\n\
                      Examples:\n  factsheet upgrade mine.json\n  factsheet upgrade old.json -o new.json"
    )]
    Upgrade {
        /// The file to upgrade.
        file: PathBuf,
        /// Write the upgraded file here instead of over FILE.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Convert a data file between JSON and a spreadsheet: .json, .xlsx, .ods (read only) or .csv.
    #[command(
        after_help = "The forms follow the files' extensions. A workbook (.xlsx) holds everything a JSON file does, one\n\
                      sheet per table (docs/SPREADSHEETS.md); .ods is read, not written. A .csv file holds the claims\n\
                      alone, with the sources in NAME.sources.csv beside it; what it cannot hold is listed. The\n\
                      input is checked as any file is, and a file with errors is not converted. The output is\n\
                      written atomically, never over the input.\n\n\
                      Exit status: 0 written, 1 invalid data or a failed write, 2 a usage error.\n\n\
                      Examples:\n  factsheet convert data.json data.xlsx\n  factsheet convert edited.xlsx data.json\n  \
                      factsheet convert tab.csv data.xlsx"
    )]
    Convert {
        /// The file to read (.json, .xlsx, .ods or .csv).
        input: PathBuf,
        /// The file to write (.json, .xlsx or .csv).
        output: PathBuf,
    },
    /// Print the JSON Schema of the file format.
    #[command(after_help = "Example:\n  factsheet schema -o schema/factsheet.schema.json")]
    Schema {
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the manual page (roff), made from this command line's own help.
    #[command(after_help = "Examples:\n  factsheet man | man -l -\n  factsheet man -o factsheet.1")]
    Man {
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a completion script for a shell.
    #[command(
        after_help = "Examples:\n  factsheet completions bash > ~/.local/share/bash-completion/completions/factsheet\n  \
                      factsheet completions fish > ~/.config/fish/completions/factsheet.fish"
    )]
    Completions {
        /// The shell the script is for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    remove_temporaries_on_signals();
    match cli.command {
        Some(Command::Validate {
            files,
            quiet,
            no_merge,
        }) => validate(&files, quiet, merge_mode(no_merge)),
        Some(Command::Summary {
            files,
            format,
            output,
            list,
            no_merge,
        }) => summary(
            &files,
            format,
            output.as_deref(),
            list,
            merge_mode(no_merge),
        ),
        Some(Command::Diff {
            old,
            new,
            format,
            output,
        }) => diff(&old, &new, format, output.as_deref()),
        Some(Command::Generate {
            events,
            seed,
            output,
        }) => generate(
            output.as_deref(),
            factsheet_generate::Options { events, seed },
        ),
        Some(Command::Upgrade { file, output }) => upgrade(&file, output.as_deref()),
        Some(Command::Convert { input, output }) => convert(&input, &output),
        Some(Command::Schema { output }) => {
            let text = factsheet_core::schema::dataset_schema_json();
            write_output(output.as_deref(), text.as_bytes())
        }
        Some(Command::Man { output }) => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => write_output(output.as_deref(), &page),
                Err(e) => {
                    eprintln!("error: could not make the manual page: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(Command::Completions { shell, output }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "factsheet", &mut script);
            write_output(output.as_deref(), &script)
        }
        None => open_gui(cli.files),
    }
}

/// On SIGINT or SIGTERM, a command or the app removes the temporary file of
/// the write under way (an export's, a save's or a generated file's) and ends
/// as the signal would have ended it (exit status 128 + its number). Without
/// this the default action kills the process and leaves the temporary file
/// behind.
fn remove_temporaries_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    export::remove_temporaries();
                    // `_exit`, not `std::process::exit`: the exit handlers would
                    // run while the app's window threads still draw, and crashed
                    // it (a segmentation fault when the display went at once).
                    signal_hook::low_level::exit(128 + signal);
                }
            });
    }
}

fn merge_mode(no_merge: bool) -> load::merge::Mode {
    if no_merge {
        load::merge::Mode::Strict
    } else {
        load::merge::Mode::Merge
    }
}

fn validate(files: &[PathBuf], quiet: bool, mode: load::merge::Mode) -> ExitCode {
    let report = load::load_paths_with(files, load::today(), mode);
    if let Err(e) = print_diagnostics(&report.diagnostics, quiet) {
        eprintln!("error: could not write to standard output: {e}");
        left_for_the_exit(report);
        return ExitCode::from(1);
    }
    let (errors, warnings) = factsheet_core::diagnostic::count(&report.diagnostics);
    eprintln!(
        "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
        files.len()
    );
    let code = if report.has_errors() || report.dataset.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    left_for_the_exit(report);
    code
}

/// Loads `file` alone and writes it back in the current format version, over
/// itself or to `output`. Refuses a file with errors (nothing is written).
fn upgrade(file: &Path, output: Option<&Path>) -> ExitCode {
    let report = load::load_paths(std::slice::from_ref(&file.to_path_buf()), load::today());
    let (dataset, _) = match report.into_result() {
        Ok(ok) => ok,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", printable(&d.to_string()));
            }
            eprintln!("not upgraded: fix the errors first; the file is unchanged");
            return ExitCode::from(1);
        }
    };
    let target = output.unwrap_or(file);
    match factsheet_core::save::save(&dataset, target) {
        Ok(()) => {
            eprintln!(
                "{}: written in format version {}",
                target.display(),
                factsheet_core::model::FORMAT_VERSION
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `factsheet convert`: reads `input` as any file is read (checked, a
/// workbook by its cells), and writes it in the form `output`'s extension names.
fn convert(input: &Path, output: &Path) -> ExitCode {
    use factsheet_core::workbook::{self, Form};
    let form = match Form::of(output) {
        Some(Form::Ods) => {
            eprintln!(
                "error: {}: .ods files are read, not written; write .xlsx, which LibreOffice opens",
                output.display()
            );
            return ExitCode::from(2);
        }
        Some(form) => form,
        None => {
            eprintln!(
                "error: {}: convert writes .json, .xlsx or .csv files (the form follows the extension)",
                output.display()
            );
            return ExitCode::from(2);
        }
    };
    if Form::of(input).is_none() {
        eprintln!(
            "error: {}: convert reads .json, .xlsx, .ods or .csv files (the form follows the extension)",
            input.display()
        );
        return ExitCode::from(2);
    }
    if same_file(input, output) {
        eprintln!(
            "error: {}: refusing to write over the input file; choose another name",
            output.display()
        );
        return ExitCode::from(1);
    }
    let report = load::load_paths(std::slice::from_ref(&input.to_path_buf()), load::today());
    let (dataset, warnings) = match report.into_result() {
        Ok(ok) => ok,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", printable(&d.to_string()));
            }
            eprintln!("not converted: fix the errors first");
            return ExitCode::from(1);
        }
    };
    for d in &warnings {
        eprintln!("{}", printable(&d.to_string()));
    }
    let written = match form {
        Form::Json => factsheet_core::save::save(&dataset, output).map_err(|e| e.to_string()),
        Form::Xlsx => workbook::write_xlsx(&dataset, output).map_err(|e| e.to_string()),
        Form::Csv => workbook::write_csv(&dataset, output).map_err(|e| e.to_string()),
        Form::Ods => Err(String::new()),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    let counts = format!(
        "{} events, {} sources",
        dataset.events.len(),
        dataset.sources.len()
    );
    match form {
        Form::Csv => {
            eprintln!(
                "{}: written ({counts}; the sources in {})",
                output.display(),
                workbook::csv::sources_path(output).display()
            );
            let left = workbook::left_out_of_csv(&dataset);
            if !left.is_empty() {
                eprintln!(
                    "note: a CSV file holds the claims alone; left out: {} (write .xlsx to keep everything)",
                    left.join(", ")
                );
            }
        }
        Form::Json => eprintln!(
            "{}: written ({counts}, format version {})",
            output.display(),
            factsheet_core::model::FORMAT_VERSION
        ),
        _ => eprintln!("{}: written ({counts})", output.display()),
    }
    ExitCode::SUCCESS
}

/// Whether two paths name one file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The process ends right after: handing a large dataset back to the allocator
/// piece by piece would only cost time (a million events are millions of
/// allocations), and the system takes the memory back at once when it exits.
fn left_for_the_exit<T>(value: T) {
    std::mem::forget(value);
}

/// `--format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// GitHub-flavoured Markdown.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page with the chart.
    #[value(alias = "htm")]
    Html,
    /// One row per figure claim.
    Csv,
    /// The summary as data.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

/// How many events a fact sheet lists in detail (`--list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    Latest(usize),
    All,
}

impl std::str::FromStr for Listed {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("all") {
            return Ok(Listed::All);
        }
        s.parse()
            .map(Listed::Latest)
            .map_err(|_| format!("expected a number of events or \"all\", not \"{s}\""))
    }
}

impl std::fmt::Display for Listed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Listed::Latest(n) => write!(f, "{n}"),
            Listed::All => f.write_str("all"),
        }
    }
}

fn summary(
    files: &[PathBuf],
    format: Option<FormatArg>,
    output: Option<&Path>,
    list: Listed,
    mode: load::merge::Mode,
) -> ExitCode {
    let format = format
        .map(Format::from)
        .or_else(|| output.and_then(Format::from_path))
        .unwrap_or(Format::Markdown);
    let report = load::load_paths_with(files, load::today(), mode);
    // What the merge did is said here, each at file:line:col in both files:
    // it changes what the sheet counts.
    for d in report.merge_notes.iter().filter(|d| !d.is_error()) {
        eprintln!("{}", printable(&d.to_string()));
    }
    let (dataset, warnings) = match report.into_result() {
        Ok(ok) => ok,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", printable(&d.to_string()));
            }
            let (errors, _) = factsheet_core::diagnostic::count(&diagnostics);
            eprintln!("no summary written: the data has {errors} error(s)");
            return ExitCode::from(1);
        }
    };
    if !warnings.is_empty() {
        eprintln!(
            "{} warning(s) in the data; `factsheet validate` lists them",
            warnings.len()
        );
    }
    let options = SummaryOptions {
        limit: match list {
            Listed::Latest(n) => Some(n),
            Listed::All => None,
        },
        ..SummaryOptions::default()
    };
    let code = match output {
        None => {
            let summary = export::build_for(&dataset, &options, format);
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let written = export::render_to(&summary, format, &mut out).and_then(|()| out.flush());
            left_for_the_exit(summary);
            match written {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                // A full disk behind `> file` is: say so rather than leave a cut summary.
                Err(e) => {
                    eprintln!("error: could not write the summary to standard output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        // Streamed to the file as it is written: nothing the size of the output in memory.
        Some(path) => match export::export_to_file(&dataset, &options, format, path, files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    };
    left_for_the_exit(dataset);
    code
}

/// `diff --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormatArg {
    /// Markdown, one section per kind of change.
    #[value(alias = "markdown")]
    Md,
    /// The changes as data (docs/DIFF.md).
    Json,
}

/// What `factsheet diff` ends with when the two versions differ (diff(1)'s 1).
const DIFFERENT: u8 = 1;
/// What it ends with on any error (diff(1)'s 2).
const DIFF_ERROR: u8 = 2;

/// Loads `path` alone, as `summary` loads its files; on errors prints them and returns `None`.
fn load_version(path: &Path) -> Option<factsheet_core::model::Dataset> {
    let report = load::load_paths_with(
        std::slice::from_ref(&path.to_path_buf()),
        load::today(),
        load::merge::Mode::Merge,
    );
    match report.into_result() {
        Ok((dataset, warnings)) => {
            if !warnings.is_empty() {
                eprintln!(
                    "{}: {} warning(s) in the data; `factsheet validate` lists them",
                    printable(&path.display().to_string()),
                    warnings.len()
                );
            }
            Some(dataset)
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", printable(&d.to_string()));
            }
            let (errors, _) = factsheet_core::diagnostic::count(&diagnostics);
            eprintln!(
                "{}: not compared: the data has {errors} error(s)",
                printable(&path.display().to_string())
            );
            None
        }
    }
}

/// Compares `old` with `new` and writes what changed; 0 the same, 1 different, 2 an error.
fn diff(old: &Path, new: &Path, format: Option<DiffFormatArg>, output: Option<&Path>) -> ExitCode {
    let json = match format {
        Some(f) => f == DiffFormatArg::Json,
        None => output.and_then(Format::from_path) == Some(Format::Json),
    };
    let (Some(before), Some(after)) = (load_version(old), load_version(new)) else {
        return ExitCode::from(DIFF_ERROR);
    };
    let mut changes = factsheet_core::diff::diff(&before, &after);
    changes.old.file = Some(old.display().to_string());
    changes.new.file = Some(new.display().to_string());
    let bytes = if json {
        factsheet_core::diff::to_json(&changes)
    } else {
        factsheet_core::diff::markdown::write(&changes).into_bytes()
    };
    let same = changes.is_empty();
    left_for_the_exit((before, after, changes));
    let written = match output {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!(
                    "error: could not write the diff to standard output: {e}"
                )),
                _ => Ok(()),
            }
        }
        Some(path) => {
            export::write_export(path, &bytes, &[old, new]).map_err(|e| format!("error: {e}"))
        }
    };
    match written {
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(DIFF_ERROR)
        }
        Ok(()) if same => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(DIFFERENT),
    }
}

/// Prints the diagnostics, one a line, made safe for a terminal ([`printable`]).
/// A closed pipe (`| head`) is the reader's choice and ends the listing quietly;
/// any other failure (a full disk behind `>`) is returned.
fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = diagnostics
        .iter()
        .filter(|d| !quiet || d.is_error())
        .try_for_each(|d| writeln!(out, "{}", printable(&d.to_string())))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `line` with what a terminal would act on instead of showing escaped, as
/// ripgrep and git do: control characters (ESC, BEL, NUL, a carriage return...)
/// and the bidirectional formatting marks that reorder what follows them
/// (U+202E and its kin) become `\u{..}`. Data files can hold any of them.
fn printable(line: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        (c.is_control() && c != '\t') || factsheet_core::model::is_direction_mark(c)
    }
    if !line.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Streams a generated dataset to `path` (atomically) or to standard output.
fn generate(path: Option<&Path>, options: factsheet_generate::Options) -> ExitCode {
    let result = match path {
        None => {
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            match factsheet_generate::write_dataset(out, options) {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("standard output: error: {e}")),
            }
        }
        Some(path) => {
            factsheet_generate::write_file(path, options).map_err(|e| format!("error: {e}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

/// Writes to `path` atomically, or to standard output when there is none.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> ExitCode {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: could not write to standard output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(path) => match export::write_atomic(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn open_gui(files: Vec<PathBuf>) -> ExitCode {
    #[cfg(feature = "gui")]
    {
        match factsheet::gui::run(files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("factsheet: could not start the window: {e}");
                ExitCode::from(1)
            }
        }
    }
    #[cfg(not(feature = "gui"))]
    {
        let _ = files;
        eprintln!(
            "factsheet: built without the desktop app (feature `gui`); use `factsheet validate` or `factsheet --help`"
        );
        ExitCode::from(2)
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn terminal_controls_and_bidi_marks_are_shown_escaped() {
        let line = "a.json:1:2: error: title \"\u{1b}]0;pwned\u{7}x\u{202e}txt.exe\u{0}\"";
        let shown = printable(line);
        assert_eq!(
            shown,
            "a.json:1:2: error: title \"\\u{001b}]0;pwned\\u{0007}x\\u{202e}txt.exe\\u{0000}\""
        );
        assert!(!shown.chars().any(|c| c.is_control()));
    }

    #[test]
    fn plain_text_and_tabs_pass_unchanged() {
        let line = "Київ\tKyiv — «Kiev» 1,212";
        assert!(matches!(printable(line), std::borrow::Cow::Borrowed(s) if s == line));
    }
}
