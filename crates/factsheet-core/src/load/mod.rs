//! Loading: read files, parse them, validate them, merge them.
//!
//! A file named .xlsx, .ods or .csv is read as a workbook ([`crate::workbook`])
//! rather than parsed as JSON; its dataset is validated and merged like any
//! other, and its diagnostics point at cells instead of lines.
//!
//! Everything that can go wrong becomes a [`Diagnostic`]; nothing here panics on
//! any input. A load either yields a dataset (with perhaps warnings) or a list
//! of errors; callers keep their current data when it fails.

pub mod format2;
pub mod locate;
pub mod merge;
pub mod parse;
pub mod progress;
pub mod special;
pub mod stream;
pub mod sums;
pub mod validate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use crate::diagnostic::{Cell, Diagnostic, Severity};
pub use parse::FileStamp;
pub use progress::{CHECKING_STEPS, Progress, Stage};
pub use validate::is_web_link;

use crate::model::Dataset;

/// The sample dataset built from the seed articles, embedded so the app opens it from anywhere.
pub const SAMPLE_JSON: &[u8] = include_bytes!("../../../../sample_data/russia-ukraine-2025.json");
pub const SAMPLE_LABEL: &str = "sample_data/russia-ukraine-2025.json";

/// The dataset of the exchanges and repatriations reported since February 2022
/// (a partial file: its description lists the gaps), embedded so the app opens
/// it on first start from anywhere.
pub const HISTORY_JSON: &[u8] = include_bytes!("../../../../sample_data/exchanges-2022-2025.json");
pub const HISTORY_LABEL: &str = "sample_data/exchanges-2022-2025.json";

/// The outcome of a load: the merged dataset, unless some file failed to parse,
/// and every diagnostic found. A caller should not use `dataset` when [`LoadReport::has_errors`].
#[derive(Debug, Default)]
pub struct LoadReport {
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the dataset's events came from, when several files were merged.
    pub provenance: merge::Provenance,
    /// What the merge of several files did or refused: copies of those of
    /// `diagnostics` that it wrote (a file read once, items merged or kept
    /// apart), for a caller that reports them apart from the rest.
    pub merge_notes: Vec<Diagnostic>,
    /// The saved copies the files' sources name, and whether each quote is in
    /// its source's copy ([`crate::copies`]); its warnings are in `diagnostics`.
    /// Empty when no file read from disk names a saved copy.
    pub copies: crate::copies::CopyCheck,
    /// With several files read: each file's label and dataset as read,
    /// before the merge (what editing changes, [`crate::edit::Files`]).
    /// Empty with one file, whose dataset is the merged one.
    pub files: Vec<(String, Dataset)>,
}

impl LoadReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The dataset and its warnings when there are no errors, or all diagnostics.
    pub fn into_result(self) -> Result<(Dataset, Vec<Diagnostic>), Vec<Diagnostic>> {
        match self.dataset {
            Some(d) if !self.has_errors() => Ok((d, self.diagnostics)),
            _ => Err(self.diagnostics),
        }
    }
}

/// Today's date in the local time zone: what "in the future" is measured against.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// One input of a load: a file to read, or a file's text already in memory.
pub enum Input {
    Path(PathBuf),
    Bytes { label: String, bytes: Vec<u8> },
}

/// Where the text of an input is found again, for the positions of diagnostics
/// that validation finds later.
enum Origin<'i> {
    Bytes(Cow<'i, [u8]>),
    /// A workbook or CSV file: where each item was read, by sheet and row.
    Sheet(crate::workbook::Places),
    Streamed(&'i Path, stream::Layout, Option<FileStamp>),
}

/// Reads, parses, validates and merges the files at `paths`.
pub fn load_paths<P: AsRef<Path>>(paths: &[P], today: Date) -> LoadReport {
    load_paths_with(paths, today, merge::Mode::Merge)
}

/// [`load_paths`], with files that share items merged as `mode` says.
pub fn load_paths_with<P: AsRef<Path>>(paths: &[P], today: Date, mode: merge::Mode) -> LoadReport {
    let inputs = paths
        .iter()
        .map(|p| Input::Path(p.as_ref().to_path_buf()))
        .collect();
    load_inputs_merged(inputs, today, &Progress::default(), mode).0
}

/// The bundled sample, parsed and validated like any file.
pub fn load_sample(today: Date) -> LoadReport {
    load_bytes(
        vec![(SAMPLE_LABEL.to_string(), SAMPLE_JSON.to_vec())],
        today,
    )
}

/// Parses, validates and merges in-memory files given as (label, bytes).
pub fn load_bytes(inputs: Vec<(String, Vec<u8>)>, today: Date) -> LoadReport {
    load_bytes_with(inputs, today, merge::Mode::Merge)
}

/// [`load_bytes`], with files that share items merged as `mode` says.
pub fn load_bytes_with(
    inputs: Vec<(String, Vec<u8>)>,
    today: Date,
    mode: merge::Mode,
) -> LoadReport {
    let inputs = inputs
        .into_iter()
        .map(|(label, bytes)| Input::Bytes { label, bytes })
        .collect();
    load_inputs_merged(inputs, today, &Progress::default(), mode).0
}

/// A load's report, and each file's stamp from just before it was read.
type LoadOutcome = (LoadReport, Vec<(PathBuf, FileStamp)>);

/// Reads, parses, validates and merges `inputs`; with the report, each file's
/// [`FileStamp`] from just before it was read (for a watcher started later).
///
/// A file is first read in blocks and parsed event by event ([`stream`]), so
/// its text is not held whole next to the dataset; at anything unexpected it
/// is read whole and parsed again by [`parse`], whose messages say what is wrong.
pub fn load_inputs(inputs: Vec<Input>, today: Date) -> LoadOutcome {
    load_inputs_counted(inputs, today, &Progress::default())
}

/// [`load_inputs`], counting the bytes read in `progress`.
pub fn load_inputs_counted(inputs: Vec<Input>, today: Date, progress: &Progress) -> LoadOutcome {
    load_inputs_merged(inputs, today, progress, merge::Mode::Merge)
}

/// [`load_inputs_counted`], with files that share items merged as `mode` says.
pub fn load_inputs_merged(
    inputs: Vec<Input>,
    today: Date,
    progress: &Progress,
    mode: merge::Mode,
) -> LoadOutcome {
    let mut read_whole = Vec::new();
    loop {
        match load_reading_whole(&inputs, today, &read_whole, progress, mode) {
            Ok(done) => return done,
            // A streamed file changed while it was read: load again, that file
            // read whole (which retries, and says so if it keeps changing). Each
            // round reads at least one more file whole, so this ends.
            Err(changed) => read_whole.extend(changed),
        }
    }
}

/// [`load_inputs`], the files at `read_whole` read whole rather than streamed;
/// `Err` with the streamed files that changed while they were read.
fn load_reading_whole(
    inputs: &[Input],
    today: Date,
    read_whole: &[PathBuf],
    progress: &Progress,
    mode: merge::Mode,
) -> Result<LoadOutcome, Vec<PathBuf>> {
    let count = inputs.len();
    progress.restart(
        inputs
            .iter()
            .map(|input| match input {
                Input::Bytes { bytes, .. } => bytes.len() as u64,
                Input::Path(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            })
            .sum(),
    );
    let mut unreadable = Vec::new();
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::with_capacity(count);
    // The file each parsed dataset was read from (none for text given in memory).
    let mut parsed_from: Vec<Option<&Path>> = Vec::with_capacity(count);
    let mut origins = Vec::with_capacity(count);
    let mut stamps = Vec::new();
    // The checks that streamed files did not change while they were read: they
    // read each file again, and run beside validation.
    let mut checks = Vec::new();
    for input in inputs {
        if let Some((label, read, stamp)) = read_sheet(input, progress) {
            if let (Input::Path(path), Some(stamp)) = (input, stamp) {
                stamps.push((path.clone(), stamp));
            }
            // A workbook with cells that could not be read is not validated:
            // its rows are incomplete, and the cells' own messages say it all.
            let read_whole = !read.diagnostics.iter().any(Diagnostic::is_error);
            diagnostics.extend(read.diagnostics);
            if let (Some(d), true) = (read.dataset, read_whole) {
                parsed.push((label.clone(), d));
            }
            origins.push((label, Origin::Sheet(read.places)));
            continue;
        }
        let (label, bytes) = match input {
            Input::Bytes { label, bytes } => {
                progress.read(bytes.len() as u64);
                (label.clone(), Cow::Borrowed(bytes.as_slice()))
            }
            Input::Path(path) => {
                let label = path.display().to_string();
                if progress.is_cancelled() {
                    unreadable.push(Diagnostic::error(label, CANCELLED));
                    continue;
                }
                if !read_whole.contains(path)
                    && let Ok((s, check)) = stream::parse_file_deferred(path, progress)
                {
                    stamps.extend(s.stamp.map(|stamp| (path.clone(), stamp)));
                    checks.push((path.clone(), check));
                    parsed.push((label.clone(), s.dataset));
                    parsed_from.push(Some(path.as_path()));
                    origins.push((label, Origin::Streamed(path, s.layout, s.stamp)));
                    continue;
                }
                if progress.is_cancelled() {
                    unreadable.push(Diagnostic::error(label, CANCELLED));
                    continue;
                }
                match parse::read_file_stamped(path, &|| progress.is_cancelled()) {
                    Ok((bytes, stamp)) => {
                        progress.read(bytes.len() as u64);
                        stamps.extend(stamp.map(|stamp| (path.clone(), stamp)));
                        (label, Cow::Owned(bytes))
                    }
                    Err(d) => {
                        unreadable.push(d);
                        continue;
                    }
                }
            }
        };
        match parse::parse_dataset(&bytes, &label) {
            Ok(d) => {
                parsed.push((label.clone(), d));
                parsed_from.push(match input {
                    Input::Path(path) => Some(path.as_path()),
                    Input::Bytes { .. } => None,
                });
            }
            Err(d) => diagnostics.push(d),
        }
        origins.push((label, Origin::Bytes(bytes)));
    }
    progress.set_stage(Stage::Checking);
    progress.set_step(1);
    let known = validate::KnownIds::of(&parsed.iter().map(|(_, d)| d).collect::<Vec<_>>());
    let validate_all = || {
        let mut found = Vec::new();
        for (label, d) in &parsed {
            found.append(&mut validate::validate(d, label, &known, today));
        }
        found.extend(sums::too_large_to_add(
            parsed.iter().map(|(label, d)| (label.as_str(), d)),
        ));
        found
    };
    let (mut found, changed) = beside_checks(checks, validate_all);
    if !changed.is_empty() {
        return Err(changed);
    }
    diagnostics.append(&mut found);
    // Each file's quotes against the saved copies its sources name, before
    // the merge renames anything: the warnings' paths are the file's own.
    let mut copies = crate::copies::CopyCheck::default();
    for ((label, d), path) in parsed.iter().zip(&parsed_from) {
        if let Some(path) = path
            && crate::copies::has_saved_copies(d)
        {
            let folder = path.parent().unwrap_or(Path::new(""));
            let mut checked = crate::copies::check(d, label, folder, &crate::copies::Disk);
            diagnostics.append(&mut checked.diagnostics);
            copies.absorb(checked);
        }
    }
    progress.set_step(2);
    let all_parsed = parsed.len() == count;
    let mut provenance = merge::Provenance::default();
    let mut files = Vec::new();
    let mut elsewhere = Vec::new();
    let mut notes_at = 0..0;
    let dataset = if all_parsed && !parsed.is_empty() {
        // Where each running total came from (the first definition, and
        // each file's under the id the merge gives it when two differ), so a
        // mismatch warning points into the right file.
        let mut total_origin: HashMap<String, (String, usize)> = HashMap::new();
        let labels: Vec<String> = parsed.iter().map(|(l, _)| l.clone()).collect();
        for ((label, d), tag) in parsed.iter().zip(merge::tags(&labels)) {
            for (i, t) in d.running_totals.iter().enumerate() {
                total_origin
                    .entry(t.id.to_string())
                    .or_insert_with(|| (label.clone(), i));
                total_origin.insert(format!("{tag}#{}", t.id), (label.clone(), i));
            }
        }
        if parsed.len() > 1 {
            files.clone_from(&parsed);
        }
        let merged = merge::merge(parsed, mode);
        let base = diagnostics.len();
        let mut notes = merged.diagnostics;
        notes_at = base..base + notes.len();
        diagnostics.append(&mut notes);
        elsewhere = merged.elsewhere;
        for e in &mut elsewhere {
            e.diagnostic += base;
        }
        provenance = merged.provenance;
        diagnostics.append(&mut crate::stats::running_total_warnings(
            &merged.dataset,
            |id| total_origin.get(id).cloned(),
        ));
        Some(merged.dataset)
    } else {
        None
    };
    progress.set_step(3);
    // The places in other files that merge messages name, located with the
    // rest: each stands in as a diagnostic of its own file for the while.
    let located_from = diagnostics.len();
    diagnostics.extend(
        elsewhere
            .iter()
            .map(|e| Diagnostic::warning(e.file.clone(), String::new()).at_path(e.path.clone())),
    );
    for (label, origin) in &origins {
        match origin {
            Origin::Bytes(bytes) => add_positions(&mut diagnostics, label, |wanted| {
                Ok(locate::locate_paths(parse::without_bom(bytes), wanted))
            }),
            Origin::Streamed(path, layout, stamp) => {
                add_positions(&mut diagnostics, label, |wanted| {
                    stream::locate_streamed(path, layout, *stamp, wanted)
                })
            }
            Origin::Sheet(places) => {
                for d in diagnostics.iter_mut() {
                    if d.file == *label
                        && d.cell.is_none()
                        && let Some(path) = &d.path
                    {
                        d.cell = places.locate(path).map(Box::new);
                    }
                }
            }
        }
    }
    let places = diagnostics.split_off(located_from);
    for (e, place) in elsewhere.iter().zip(places) {
        if let (Some(line), Some(column)) = (place.line, place.column)
            && let Some(d) = diagnostics.get_mut(e.diagnostic)
        {
            d.message = d
                .message
                .replace(&e.placeholder(), &format!("{}:{line}:{column}", e.file));
        }
    }
    let merge_notes = diagnostics
        .get(notes_at)
        .map_or_else(Vec::new, <[_]>::to_vec);
    // In a workbook, by sheet (in the workbook's order) and row.
    let cell = |d: &Diagnostic| {
        d.cell
            .as_ref()
            .map(|c| (crate::workbook::layout::rank(&c.sheet), c.row))
    };
    diagnostics.sort_by(|a, b| {
        (a.severity, &a.file, a.line, cell(a)).cmp(&(b.severity, &b.file, b.line, cell(b)))
    });
    // Files that could not be read come first, as they were named.
    if !unreadable.is_empty() {
        unreadable.append(&mut diagnostics);
        diagnostics = unreadable;
    }
    let report = LoadReport {
        dataset,
        diagnostics,
        provenance,
        merge_notes,
        copies,
        files,
    };
    Ok((report, stamps))
}

/// An input that is a workbook or a CSV file (by its name's extension),
/// read: its label, what reading it gave, and the file's stamp from just
/// before it was read. `None` for any other input.
fn read_sheet(
    input: &Input,
    progress: &Progress,
) -> Option<(String, crate::workbook::Read, Option<FileStamp>)> {
    use crate::workbook::{Form, csv, read_bytes};
    match input {
        Input::Path(path) if Form::is_sheet(path) => {
            let label = path.display().to_string();
            let (bytes, stamp) = match parse::read_file_stamped(path, &|| progress.is_cancelled()) {
                Ok(read) => read,
                Err(d) => {
                    let read = crate::workbook::Read {
                        dataset: None,
                        diagnostics: vec![d],
                        places: Default::default(),
                    };
                    return Some((label, read, None));
                }
            };
            progress.read(bytes.len() as u64);
            let sources = (Form::of(path) == Some(Form::Csv))
                .then(|| std::fs::read(csv::sources_path(path)).ok())
                .flatten();
            let read = read_bytes(&label, &bytes, sources.as_deref());
            Some((label, read, stamp))
        }
        Input::Bytes { label, bytes } if Form::is_sheet(Path::new(label)) => {
            progress.read(bytes.len() as u64);
            Some((label.clone(), read_bytes(label, bytes, None), None))
        }
        _ => None,
    }
}

/// Runs `work` and `checks`, on another thread meanwhile when the files to
/// read again are large enough; with what `work` returns, the paths whose
/// check did not hold.
fn beside_checks<T>(
    checks: Vec<(PathBuf, stream::Check)>,
    work: impl FnOnce() -> T,
) -> (T, Vec<PathBuf>) {
    if checks.is_empty() {
        return (work(), Vec::new());
    }
    let paths: Vec<PathBuf> = checks.iter().map(|(p, _)| p.clone()).collect();
    let rereads = checks.iter().map(|(_, c)| c.rereads()).sum();
    let check_all = || {
        checks
            .into_iter()
            .filter_map(|(path, check)| (!check.holds()).then_some(path))
            .collect::<Vec<_>>()
    };
    let size = crate::parallel::Size::file(rereads);
    crate::parallel::beside("factsheet-reread", size, check_all, |checking| {
        let done = work();
        // If the checks' thread died, no check is known to hold: those files
        // are read again, whole.
        (done, checking.join().unwrap_or(paths))
    })
}

/// Gives the diagnostics of file `label` that know only their JSON path a line
/// and column too. One call of `locate` answers for all of them.
fn add_positions(
    diagnostics: &mut [Diagnostic],
    label: &str,
    locate: impl FnOnce(&[&str]) -> Result<HashMap<String, (usize, usize)>, stream::Changed>,
) {
    let lacks_position = |d: &Diagnostic| d.file == label && d.line.is_none();
    let wanted: Vec<&str> = diagnostics
        .iter()
        .filter(|d| lacks_position(d))
        .filter_map(|d| d.path.as_deref())
        .collect();
    if wanted.is_empty() {
        return;
    }
    let Ok(found) = locate(&wanted) else {
        // Positions from another version of the file would point at the
        // wrong lines: none are given, and the message says why.
        for d in diagnostics.iter_mut() {
            if lacks_position(d) && d.path.is_some() {
                d.message.push_str(NO_POSITION_CHANGED);
            }
        }
        return;
    };
    for d in diagnostics.iter_mut() {
        if lacks_position(d)
            && let Some(&(line, column)) = d.path.as_ref().and_then(|p| found.get(p))
        {
            d.line = Some(line);
            d.column = Some(column);
        }
    }
}

/// Why a cancelled load ended ([`Progress::cancel`]).
pub const CANCELLED: &str = "the load was cancelled before this file was read";

/// Added to a diagnostic whose file changed before its position was looked up.
pub const NO_POSITION_CHANGED: &str =
    " (no line and column: the file changed after it was read; open it again to see them)";

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const A: &str = r#"{"format_version": 1, "title": "A",
      "sources": [{"id": "s", "outlet": "X"}],
      "events": [{"id": "e1", "title": "one", "date": {"on": "2025-06-11"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 1212}}]}]}]}"#;
    const B_CONFLICT: &str = r#"{"format_version": 1, "title": "B",
      "events": [{"id": "e1", "title": "one", "date": {"on": "2025-06-11"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 1200}}]}]},
        {"id": "e2", "title": "two", "date": {"on": "2025-06-12"}, "kind": "other",
        "figures": [{"id": "f", "received_by": "russia", "category": "remains",
          "claims": [{"source": "s", "value": {"exact": 27}}]}]}]}"#;

    fn bytes(label: &str, text: &str) -> (String, Vec<u8>) {
        (label.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn an_event_written_differently_in_two_files_is_merged_with_both_files_named() {
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("b.json", B_CONFLICT)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let merged = report
            .diagnostics
            .iter()
            .find(|d| d.message.contains("written differently"))
            .unwrap();
        assert_eq!(merged.file, "b.json");
        assert!(merged.message.contains("a.json:3:18"), "{merged}");
        assert_eq!(merged.path.as_deref(), Some("events[0]"));
        assert_eq!(merged.line, Some(2), "{merged}");
        // Cross-file citation of source "s" is fine, and e2 is merged in.
        assert!(
            !report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("no source has"))
        );
        let merged = report.dataset.unwrap();
        assert_eq!(merged.events.len(), 2);
        // Both files' claims on e1, compared.
        assert_eq!(merged.events[0].figures[0].claims.len(), 2);
        assert_eq!(merged.title, "A + B"); // Alone, the same file cites a source nobody defines.
        let alone = load_bytes(vec![bytes("b.json", B_CONFLICT)], date(2026, 1, 1));
        let unknown: Vec<_> = alone
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("no source has"))
            .collect();
        assert_eq!(unknown.len(), 2, "{unknown:?}");
        assert!(unknown.iter().all(|d| d.is_error()));
    }

    #[test]
    fn identical_items_in_two_files_are_kept_once() {
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("a2.json", A)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        assert_eq!(report.dataset.unwrap().events.len(), 1);
    }

    #[test]
    fn semantic_errors_get_positions() {
        let text = A.replace(r#""source": "s""#, r#""source": "ghost""#);
        let report = load_bytes(vec![bytes("a.json", &text)], date(2026, 1, 1));
        let d = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(
            d.path.as_deref(),
            Some("events[0].figures[0].claims[0].source")
        );
        assert_eq!(d.line, Some(5), "{d}");
    }

    #[test]
    fn unreadable_inputs_are_diagnostics_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let report = load_paths(
            &[dir.path().to_path_buf(), dir.path().join("missing.json")],
            date(2026, 1, 1),
        );
        assert!(report.dataset.is_none());
        assert_eq!(report.diagnostics.len(), 2);
        assert!(
            report.diagnostics[0].message.contains("folder")
                || report.diagnostics[1].message.contains("folder")
        );
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("no such file"))
        );
    }

    #[test]
    fn diagnostics_of_a_file_changed_before_their_positions_say_so() {
        let mut diagnostics = vec![
            Diagnostic::warning("a.json", "odd").at_path("events[0].kind"),
            Diagnostic::warning("a.json", "no path"),
            Diagnostic::warning("b.json", "other file").at_path("events[0]"),
        ];
        add_positions(&mut diagnostics, "a.json", |_| Err(stream::Changed));
        assert_eq!(diagnostics[0].message, format!("odd{NO_POSITION_CHANGED}"));
        assert_eq!(diagnostics[0].line, None);
        assert_eq!(diagnostics[1].message, "no path");
        assert_eq!(diagnostics[2].message, "other file");
        add_positions(&mut diagnostics[2..], "b.json", |_| {
            Ok(HashMap::from([("events[0]".to_string(), (3, 5))]))
        });
        assert_eq!(
            (diagnostics[2].line, diagnostics[2].column),
            (Some(3), Some(5))
        );
    }

    #[test]
    fn a_running_total_that_does_not_add_up_warns_in_its_own_file() {
        let totals = r#"{"format_version": 1, "title": "T",
          "running_totals": [{"id": "rt", "description": "all remains to Ukraine",
            "scope": {"from": "2025-06-11", "received_by": "ukraine", "category": "remains"},
            "claims": [{"source": "s", "value": {"exact": 1212}},
                       {"source": "s", "value": {"exact": 1300}}]}]}"#;
        let report = load_bytes(
            vec![bytes("a.json", A), bytes("t.json", totals)],
            date(2026, 1, 1),
        );
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let warnings: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("running total"))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        let w = warnings[0];
        assert_eq!(w.file, "t.json");
        assert_eq!(w.path.as_deref(), Some("running_totals[0].claims[1]"));
        assert_eq!(w.line, Some(5), "{w}");
    }

    #[test]
    fn the_sample_loads_without_errors() {
        let report = load_sample(today());
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    }

    #[test]
    fn a_streamed_file_that_changed_during_the_read_is_loaded_again_whole() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, A.as_bytes()).unwrap();
        let path = f.path().to_path_buf();

        // Unchanged: the check holds, beside the work.
        let (_, check) = stream::parse_file_deferred(&path, &Progress::default()).unwrap();
        let (answer, changed) = beside_checks(vec![(path.clone(), check)], || 42);
        assert_eq!((answer, changed), (42, vec![]));

        // Rewritten in place (same size) after the parse: the check says so.
        let (_, check) = stream::parse_file_deferred(&path, &Progress::default()).unwrap();
        std::fs::write(&path, A.replace("1212", "1213")).unwrap();
        let (_, changed) = beside_checks(vec![(path.clone(), check)], || ());
        assert_eq!(changed, vec![path.clone()]);

        // The load that follows reads the file whole: the new figure, same messages.
        let inputs = vec![Input::Path(path.clone())];
        let today = date(2026, 1, 1);
        let (whole, _) = load_reading_whole(
            &inputs,
            today,
            std::slice::from_ref(&path),
            &Progress::default(),
            merge::Mode::Merge,
        )
        .unwrap();
        let (streamed, _) = load_reading_whole(
            &inputs,
            today,
            &[],
            &Progress::default(),
            merge::Mode::Merge,
        )
        .unwrap();
        let value = |r: &LoadReport| {
            r.dataset
                .as_ref()
                .and_then(|d| d.events.first())
                .map(|e| e.figures[0].claims[0].value)
        };
        assert_eq!(value(&whole), Some(crate::model::Quantity::Exact(1213)));
        assert_eq!(value(&whole), value(&streamed));
        assert_eq!(whole.diagnostics, streamed.diagnostics);
    }
    #[test]
    fn a_load_counts_the_bytes_it_reads() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, A.as_bytes()).unwrap();
        let progress = Progress::default();
        assert_eq!(progress.fraction(), None);
        let inputs = vec![
            Input::Path(f.path().to_path_buf()),
            Input::Bytes {
                label: "b.json".to_string(),
                bytes: B_CONFLICT.as_bytes().to_vec(),
            },
        ];
        load_inputs_counted(inputs, date(2026, 1, 1), &progress);
        assert_eq!(progress.fraction(), Some(1.0));
        assert_eq!(progress.stage(), Stage::Checking);
        assert_eq!(usize::from(progress.step()), CHECKING_STEPS.len());
    }
}
