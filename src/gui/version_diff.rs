//! File → Compare with another version…: what changed between the file the
//! user chose (the old version) and the data open now (the new one), in the
//! sections of `factsheet diff`'s Markdown, each change naming its sources
//! (their links on hover). A thin view of the core's [`factsheet_core::diff`].

use egui::{RichText, Ui};

use super::command::Command;
use super::state::{AppState, VersionDiff};
use super::theme::ui_kit;
use factsheet_core::diff::SourceRef;
use factsheet_core::diff::lines::{self, Line, Piece};

/// Title of the window.
pub const TITLE: &str = "What changed";
/// The button that closes it.
pub const CLOSE: &str = "Close";
/// The most changes listed per section: a window lays out every line it
/// shows each frame, and two versions of a large file can differ in
/// hundreds of thousands; `factsheet diff` lists them all.
pub const LINES_SHOWN: usize = 200;

/// Under a section cut at [`LINES_SHOWN`]: how many more there are.
pub fn more_text(lines: usize) -> Option<String> {
    (lines > LINES_SHOWN).then(|| {
        format!(
            "… and {} more of this kind: `factsheet diff OLD NEW` lists every one",
            factsheet_core::model::thousands((lines - LINES_SHOWN) as u64)
        )
    })
}

/// What the window says when the versions are the same.
pub const NO_CHANGES: &str = "No changes.";

pub fn ui(ctx: &egui::Context, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(shown) = &state.version_diff else {
        return;
    };
    let mut open = true;
    egui::Window::new(TITLE)
        .id(egui::Id::unique("version-diff"))
        .open(&mut open)
        .default_width(720.0)
        .show(ctx, |ui| contents(ui, shown, cmds));
    if !open {
        cmds.push(Command::CloseVersionDiff);
    }
}

/// The old version's line: "Old: FILE (the file you chose), “Title”, 3 events".
pub fn old_line(shown: &VersionDiff) -> String {
    let v = &shown.diff.old;
    format!(
        "Old: {} (the file you chose), “{}”",
        v.file.as_deref().unwrap_or_default(),
        v.title
    )
}

/// The new version's line: "New: the data open now (FILE), “Title”".
pub fn new_line(shown: &VersionDiff) -> String {
    let v = &shown.diff.new;
    format!(
        "New: the data open now ({}), “{}”",
        v.file.as_deref().unwrap_or_default(),
        v.title
    )
}

/// Between an old and a new reading: egui's fonts have no "→".
pub const ARROW: &str = " ➡ ";

/// A change as the window lists it: each source named in brackets.
pub fn line_text(line: &Line) -> String {
    line.pieces
        .iter()
        .map(|p| match p {
            Piece::Words(w) if w == lines::ARROW => ARROW.to_string(),
            Piece::Words(s) | Piece::Data(s) => s.clone(),
            Piece::Cite(s) => format!("[{}]", s.name()),
        })
        .collect()
}

fn contents(ui: &mut Ui, shown: &VersionDiff, cmds: &mut Vec<Command>) {
    ui.label(old_line(shown));
    ui.label(new_line(shown));
    ui.separator();
    if shown.sections.is_empty() {
        ui.label(NO_CHANGES);
    } else {
        egui::ScrollArea::vertical()
            .id_salt("version-diff-list")
            .max_height(480.0)
            .show(ui, |ui| {
                for section in &shown.sections {
                    ui_kit::section(ui, section.title);
                    for line in section.lines.iter().take(LINES_SHOWN) {
                        let label = ui.add(egui::Label::new(line_text(line)).wrap());
                        let sources = line.sources();
                        if !sources.is_empty() {
                            label.on_hover_text(hover(&sources));
                        }
                    }
                    if let Some(more) = more_text(section.lines.len()) {
                        ui.label(RichText::new(more).weak());
                    }
                    ui.add_space(ui_kit::GAP);
                }
            });
    }
    ui.separator();
    if ui.button(CLOSE).clicked() {
        cmds.push(Command::CloseVersionDiff);
    }
    ui.label(RichText::new("`factsheet diff OLD NEW` writes the same as Markdown or JSON.").weak());
}

/// Each source cited with its link: "Reuters: https://…".
fn hover(sources: &[&SourceRef]) -> String {
    sources
        .iter()
        .map(|s| match &s.url {
            Some(u) => format!("{}: {u}", s.name()),
            None => s.name().to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
