//! The top bar: File (open, add, recent, sample), Export, theme switch, the
//! dataset's title, the count of problems found in it, and a spinner while
//! something runs in the background; and the strips under it: how to open
//! one's own file while built-in data is open, and the last notice.

use egui::{RichText, Ui};

use super::command::Command;
use super::state::{AppState, Input, PREPARING_STEPS, ThemeChoice};
use super::theme::ui_kit;
use factsheet_core::diagnostic;
use factsheet_core::export::Format as ExportFormat;
use factsheet_core::load::{CHECKING_STEPS, Progress, Stage};
use factsheet_core::model::thousands;

/// Ctrl+O (Cmd+O on macOS).
pub const OPEN_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);

/// Ctrl+Q (Cmd+Q on macOS).
pub const QUIT_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q);

/// How wide the count of problems beside the title may be: the title is cut
/// short to leave it this much room.
const PROBLEMS_ROOM: f32 = 260.0;

/// The least room the title gets, however narrow the window.
const MIN_TITLE_ROOM: f32 = 120.0;

/// How much more room the title leaves when the unsaved mark stands beside it.
const UNSAVED_ROOM: f32 = 80.0;

/// Under the top bar while a dataset built into the app is open (on a first
/// start, from wherever the app was installed): how to open one's own.
pub const SAMPLE_HINT: &str =
    "Built-in data: open your own file with File, Open… (Ctrl+O), or drop it on the window";

pub fn ui(ui: &mut Ui, state: &AppState, busy: bool, cmds: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        file_menu(ui, state, cmds);
        super::editing::forms::edit_menu(ui, state, cmds);
        export_menu(ui, state, cmds);
        theme_switch(ui, state, cmds);
        ui.separator();
        if let Some(data) = &state.data {
            let files = data
                .inputs
                .iter()
                .map(Input::label)
                .collect::<Vec<_>>()
                .join("\n");
            // A long title is cut short (whole on hover) so the count of
            // problems beside it stays in the window.
            let edited = state.unsaved();
            let reserved = PROBLEMS_ROOM + if edited { UNSAVED_ROOM } else { 0.0 };
            let room = (ui.available_width() - reserved).max(MIN_TITLE_ROOM);
            ui.allocate_ui_with_layout(
                egui::vec2(room, ui.available_height()),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(data.dataset.title.as_str()).strong())
                            .truncate()
                            .show_tooltip_when_elided(false),
                    )
                    .on_hover_text(format!("{}\n\n{files}", data.dataset.title));
                },
            );
            super::editing::forms::unsaved_mark(ui, state);
            problems_button(ui, state, cmds);
        } else if state.loading.is_none() {
            ui.label(RichText::new("No data open").weak());
        }
        if busy {
            ui.add(super::busy::Busy)
                .on_hover_text("Working in the background");
            if let Some(inputs) = &state.loading {
                ui.label(opening_text(&short_inputs(inputs), &state.loading_progress));
                if ui
                    .button(CANCEL_LABEL)
                    .on_hover_text("Stop opening: what is on screen stays")
                    .clicked()
                {
                    cmds.push(Command::CancelLoad);
                }
            } else if let Some(path) = &state.exporting {
                ui.label(format!("Writing {}…", path.display()));
            } else if let Some(path) = &state.comparing {
                ui.label(format!("Comparing with {}…", path.display()));
            }
        }
    });
}

/// The last notice (an export done, a reload, an error), on a strip of its own
/// under the menu bar: a long message wraps there instead of running off the window.
pub fn notice_ui(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(notice) = &state.notice else {
        return;
    };
    ui.horizontal(|ui| {
        if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
            cmds.push(Command::DismissNotice);
        }
        let text = if notice.is_error {
            RichText::new(format!("{} {}", ui_kit::ICON_CONFLICT, notice.text))
                .color(ui_kit::conflict_color(ui))
        } else {
            RichText::new(&notice.text)
        };
        ui.add(egui::Label::new(text).wrap());
    });
}

/// The button of the built-in data's strip that opens one's own file.
pub const OPEN_OWN_LABEL: &str = "Open a file…";

/// True while the data open is built into the app and no other file is opening.
pub fn shows_built_in_hint(state: &AppState) -> bool {
    state.loading.is_none()
        && state
            .data
            .as_ref()
            .is_some_and(|d| matches!(d.inputs.as_slice(), [Input::Sample | Input::History]))
}

/// The strip under the top bar while built-in data is open: how to open
/// one's own file, with a button that does. On a strip of its own, so a long
/// title does not push it off the window.
pub fn built_in_hint_ui(ui: &mut Ui, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(SAMPLE_HINT).weak());
        if ui
            .small_button(OPEN_OWN_LABEL)
            .on_hover_text("Choose a factsheet file (JSON) to open instead of the built-in data")
            .clicked()
        {
            cmds.push(Command::OpenDialog);
        }
    });
}

/// The button beside an open's progress that gives up on it.
pub const CANCEL_LABEL: &str = "Cancel";

/// What the top bar says while files open: how much of them is read, then
/// which of the steps after the reading is under way.
fn opening_text(names: &str, progress: &Progress) -> String {
    match (progress.stage(), progress.fraction()) {
        // Rounded down: "100%" only once it is all read.
        (Stage::Reading, Some(share)) => {
            format!("Opening {names}… {:.0}% read", (share * 100.0).floor())
        }
        (Stage::Reading, None) => format!("Opening {names}…"),
        (Stage::Checking, _) => stage_text(names, "checking the data", &CHECKING_STEPS, progress),
        (Stage::Preparing, _) => stage_text(
            names,
            "preparing the table and chart",
            &PREPARING_STEPS,
            progress,
        ),
    }
}

/// "Opening a.json… checking the data: validating (1 of 3)", or without the
/// step when none of `steps` is under way.
fn stage_text(names: &str, stage: &str, steps: &[&str], progress: &Progress) -> String {
    let step = usize::from(progress.step());
    match step.checked_sub(1).and_then(|i| steps.get(i)) {
        Some(what) => format!(
            "Opening {names}… {stage}: {what} ({step} of {})",
            steps.len()
        ),
        None => format!("Opening {names}… {stage}"),
    }
}

fn short_inputs(inputs: &[Input]) -> String {
    match inputs {
        [one] => one.label(),
        many => format!("{} files", many.len()),
    }
}

/// The File menu's entry that compares the open data with another version of it.
pub const COMPARE: &str = "Compare with another version…";

/// The File menu's entry that writes the open data, merged, to a new file
/// (the files open unchanged); shown when it differs from Save as….
pub const SAVE_COPY: &str = "Save a copy (all open files, merged)…";

/// The File menu's entry that lists the open files.
pub const OPEN_FILES: &str = "Open files…";

/// The Export menu's item that writes the open data as a workbook.
pub const WORKBOOK_EXPORT: &str = "Workbook (.xlsx)…";

fn file_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    ui.menu_button("File", |ui| {
        let open = egui::Button::new(format!("{} Open…", ui_kit::ICON_OPEN))
            .shortcut_text(ui.ctx().format_shortcut(&OPEN_SHORTCUT));
        if ui.add(open).clicked() {
            cmds.push(Command::OpenDialog);
        }
        if ui
            .add_enabled(state.data.is_some(), egui::Button::new("Add files…"))
            .on_hover_text("Merge more files with the data already open")
            .clicked()
        {
            cmds.push(Command::AddDialog);
        }
        super::editing::forms::save_items(ui, state, cmds);
        // With one file open, Save as… writes what the copy would: the copy
        // is shown only when it differs (several files merged, which Save
        // as… refuses; the data built in, which stays the data open).
        let one_file = matches!(
            state.data.as_ref().map(|d| d.inputs.as_slice()),
            Some([Input::File(_)])
        );
        if state.data.is_some()
            && !one_file
            && ui
                .add_enabled(state.exporting.is_none(), egui::Button::new(SAVE_COPY))
                .on_hover_text(
                    "Write the open data as one new file in the current format, every open \
                     file merged into it, atomically; the files open stay as they are",
                )
                .clicked()
        {
            cmds.push(Command::SaveDataDialog);
        }
        if ui
            .add_enabled(
                state.data.is_some() && state.comparing.is_none(),
                egui::Button::new(COMPARE),
            )
            .on_hover_text(
                "Choose an earlier version of this data: a window lists what changed since it \
                 (claims, disagreements, totals, agreement progress, running totals), each change \
                 with its sources",
            )
            .clicked()
        {
            cmds.push(Command::CompareDialog);
        }
        if ui
            .add_enabled(state.data.is_some(), egui::Button::new(OPEN_FILES))
            .on_hover_text("The files open together, each with a button to take it out")
            .clicked()
        {
            cmds.push(Command::ShowOpenFiles(true));
        }
        if ui
            .button("Open the exchanges since 2022")
            .on_hover_text(
                "The built-in dataset of the exchanges and repatriations reported since \
                 February 2022 (partial: its description lists the gaps)",
            )
            .clicked()
        {
            cmds.push(Command::Open(vec![Input::History]));
        }
        if ui
            .button("Open the bundled sample")
            .on_hover_text("The two seed articles' three events of 2025")
            .clicked()
        {
            cmds.push(Command::Open(vec![Input::Sample]));
        }
        ui.menu_button("Recent", |ui| {
            if state.recent.is_empty() {
                ui.label(RichText::new("Nothing opened yet").weak());
            }
            for paths in &state.recent {
                let label = paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" + ");
                if ui.button(label).clicked() {
                    cmds.push(Command::Open(
                        paths.iter().cloned().map(Input::File).collect(),
                    ));
                }
            }
        });
        ui.separator();
        let quit =
            egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT_SHORTCUT));
        if ui.add(quit).clicked() {
            // As the window's close button does: settings saved, then the app ends.
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    });
}

fn export_menu(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    ui.add_enabled_ui(state.data.is_some() && state.exporting.is_none(), |ui| {
        ui.menu_button("Export", |ui| {
            let rows = state.visible.len();
            ui.label(
                RichText::new(format!(
                    "{} the {} on screen",
                    ui_kit::ICON_EXPORT,
                    ui_kit::counted(rows, "event", "events")
                ))
                .weak(),
            );
            for format in ExportFormat::ALL {
                let text = format!("{} (.{})…", format.label(), format.extension());
                if ui.button(text).clicked() {
                    cmds.push(Command::ExportDialog(format));
                }
            }
            ui.separator();
            if ui
                .button(WORKBOOK_EXPORT)
                .on_hover_text(
                    "All the open data (every event, not only those on screen), one sheet per \
                     table: edit it in Excel, LibreOffice or Google Sheets and open it here again",
                )
                .clicked()
            {
                cmds.push(Command::SaveWorkbookDialog);
            }
            if rows > factsheet_core::export::LISTED_EVENTS {
                ui.separator();
                let mut every = state.export_every_event;
                let text = format!(
                    "List all {} events in the fact sheet",
                    thousands(rows as u64)
                );
                let hover = format!(
                    "Markdown, HTML and JSON list the latest {} events in detail and count the \
                     rest; tick to list every one (a large file), until the app closes. CSV always \
                     lists every one.",
                    thousands(factsheet_core::export::LISTED_EVENTS as u64)
                );
                if ui.checkbox(&mut every, text).on_hover_text(hover).changed() {
                    cmds.push(Command::SetExportEveryEvent(every));
                }
            }
        });
    });
}

fn theme_switch(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let (label, next, hover) = match state.theme {
        ThemeChoice::Light => ("☀ Light", ThemeChoice::Dark, "Switch to the dark theme"),
        ThemeChoice::Dark => ("🌙 Dark", ThemeChoice::Light, "Switch to the light theme"),
    };
    if ui.button(label).on_hover_text(hover).clicked() {
        cmds.push(Command::SetTheme(next));
    }
}

fn problems_button(ui: &mut Ui, state: &AppState, cmds: &mut Vec<Command>) {
    let Some(data) = &state.data else {
        return;
    };
    let (errors, warnings) = diagnostic::count(&data.diagnostics);
    let text = format!(
        "{}, {}",
        ui_kit::counted(errors, "error", "errors"),
        ui_kit::counted(warnings, "warning", "warnings")
    );
    let rich = if errors + warnings == 0 {
        RichText::new(format!("{} {text}", ui_kit::ICON_AGREE)).color(ui_kit::muted_color(ui))
    } else {
        RichText::new(format!("{} {text}", ui_kit::ICON_CONFLICT))
            .color(ui_kit::compatible_color(ui))
    };
    if ui
        .button(rich)
        .on_hover_text("List the problems found in the open files")
        .clicked()
    {
        cmds.push(Command::ShowDiagnostics(!state.show_diagnostics));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_says_how_much_is_read_then_what_follows() {
        let p = Progress::default();
        assert_eq!(opening_text("a.json", &p), "Opening a.json…");
        p.restart(1000);
        assert_eq!(opening_text("a.json", &p), "Opening a.json… 0% read");
        p.read(426);
        assert_eq!(opening_text("a.json", &p), "Opening a.json… 42% read");
        p.read(573);
        assert_eq!(opening_text("a.json", &p), "Opening a.json… 99% read");
        p.read(1);
        assert_eq!(opening_text("a.json", &p), "Opening a.json… 100% read");
        p.set_stage(Stage::Checking);
        assert_eq!(
            opening_text("a.json", &p),
            "Opening a.json… checking the data"
        );
        p.set_step(1);
        assert_eq!(
            opening_text("a.json", &p),
            "Opening a.json… checking the data: validating (1 of 3)"
        );
        p.set_stage(Stage::Preparing);
        assert_eq!(
            opening_text("a.json", &p),
            "Opening a.json… preparing the table and chart"
        );
        p.set_step(2);
        assert_eq!(
            opening_text("a.json", &p),
            "Opening a.json… preparing the table and chart: building the table (2 of 3)"
        );
        p.set_step(9);
        assert_eq!(
            opening_text("a.json", &p),
            "Opening a.json… preparing the table and chart"
        );
    }
}
