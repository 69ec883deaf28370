//! Editing the open data in the app: the forms' drafts and the commands they
//! push. A form holds its fields as typed ([`Draft`]); every change of a
//! field is a [`EditCommand::SetDraft`], after which the app turns the draft
//! into a core [`Edit`] and runs the loader's validation on a scratch copy
//! of the data ([`factsheet_core::edit::preview`]), so each field shows what
//! opening the saved file would say about it. Apply hands the edit to the
//! history ([`factsheet_core::edit::History`]): undo and redo, and the
//! "unsaved changes" mark, come from there.
//!
//! Editing needs exactly one open input: with several files merged, an edit
//! could not say which file it belongs to, so the forms say so instead.

use std::path::PathBuf;

use factsheet_core::diagnostic::Diagnostic;
use factsheet_core::edit::{Citation, Target};
use factsheet_core::model::{Dataset, Source};

mod claim_rows;
mod drafts;
mod drafts_agreements;
mod drafts_facts;
mod drafts_totals;
mod fields;
mod fields_items;
pub mod files;
pub mod forms;
pub mod forms_items;
pub mod items;
mod part_rows;

pub use claim_rows::ClaimRow;
pub use drafts::{AnswerDraft, ClaimDraft, Draft, EventDraft, FigureChoice, Reading, SourceDraft};
pub use drafts_agreements::{AgreementDraft, TermDraft};
pub use drafts_facts::{FactDraft, duplicate_event, duplicate_source};
pub use drafts_totals::{EstimateDraft, TotalDraft};
pub use items::ItemCommand;
pub use part_rows::PartRow;

/// What the editing forms, menus and shortcuts ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum EditCommand {
    /// Open the form for a new source.
    NewSource,
    /// Open the form for the source at this index.
    EditSource(usize),
    /// Ask to delete the source at this index (refused while cited, with the list).
    DeleteSource(usize),
    /// Delete the source with this id; with its claims and answers when `with_claims`.
    ConfirmDeleteSource {
        id: String,
        with_claims: bool,
    },
    /// Open the form for a new event.
    NewEvent,
    /// Open the form for the event at this index.
    EditEvent(usize),
    /// Delete the event at this index, with its figures and claims (undoable).
    DeleteEvent(usize),
    /// Open the form for a new claim of the event at this index.
    NewClaim {
        event: usize,
    },
    /// Open the form for a claim of a figure.
    EditClaim {
        event: usize,
        figure: usize,
        claim: usize,
    },
    /// Open the form for a new claim of the figure, filled in as this one.
    DuplicateClaim {
        event: usize,
        figure: usize,
        claim: usize,
    },
    /// Delete a claim of a figure.
    DeleteClaim {
        event: usize,
        figure: usize,
        claim: usize,
    },
    /// Open the form for a new answer to a fact of an event.
    NewAnswer {
        event: usize,
        fact: usize,
    },
    /// Open the form for an answer to a fact.
    EditAnswer {
        event: usize,
        fact: usize,
        claim: usize,
    },
    /// Delete an answer to a fact.
    DeleteAnswer {
        event: usize,
        fact: usize,
        claim: usize,
    },
    /// Facts, agreements and terms, running totals, estimates, duplicates.
    Item(ItemCommand),
    /// Open "Capture from quote" for the event at this index.
    Capture {
        event: usize,
    },
    /// The pasted quote changed: read it again for proposals.
    SetPaste(String),
    /// A field of the open form changed.
    SetDraft(Box<Draft>),
    /// Make the open form's edit.
    Apply,
    /// Close the open form without a change.
    Close,
    Undo,
    Redo,
    /// Write the data to the file it came from (Ctrl+S); Save as when there is none.
    Save,
    /// Ask where, then save there (Ctrl+Shift+S).
    SaveAsDialog,
    /// Save the data to this file, which becomes the one open.
    SaveTo(PathBuf),
    /// The answer to the unsaved-changes prompt.
    Resolve(Resolution),
    /// The answer to "save it as format 2?", asked before Ctrl+S writes a
    /// format-1 file that the edits gave what only format 2 holds.
    Upgrade(UpgradeAnswer),
    /// With several files open: the file the new item of the open form goes to.
    ChooseFile(usize),
}

/// Answers to "There are unsaved changes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Save, then go on (for a file changed on disk: save the edits elsewhere).
    Save,
    /// Drop the edits and go on.
    Discard,
    /// Go back to the edits; nothing happens.
    Cancel,
}

/// Answers to "save it as format 2?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpgradeAnswer {
    /// Write the file (or each file listed) as format 2.
    Format2,
    /// Write the data to another file; the format-1 file stays as it is.
    SaveAs,
    /// Write nothing.
    Cancel,
}

/// Ctrl+S would write format-1 files as format 2: asked before writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeAsk {
    /// Each such file, and what keeps it from format 1: "data.json is
    /// format 1, which cannot hold `notes` (at events[0]…)".
    pub files: Vec<String>,
    /// Several files are open: Save as… needs the file opened alone.
    pub several: bool,
}

/// What waits for an answer about unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Close the window.
    Quit,
    /// Open these inputs in place of the data.
    Open(Vec<crate::gui::state::Input>),
    /// The file changed on disk while edited: take that version.
    Reload,
}

/// The open form.
#[derive(Debug, Clone)]
pub struct Editor {
    pub draft: Draft,
    /// In "Capture from quote": the text pasted, as pasted.
    pub pasted: Option<String>,
    /// What the pasted text proposes (the day it names is shown, not stored).
    pub proposal: Option<factsheet_core::edit::capture::Proposal>,
    /// What the typed fields cannot be read as, by field name.
    pub field_errors: Vec<(&'static str, String)>,
    /// The loader's diagnostics for the item with the draft in it.
    pub diagnostics: Vec<Diagnostic>,
    /// Where those diagnostics point (the item the draft becomes).
    pub target: Option<Target>,
    /// The data when the form opened, to preview the draft on without
    /// touching (or copying again) the data on screen; `None` while a
    /// check runs on it in the background.
    pub scratch: Option<Dataset>,
    /// The draft changed since the diagnostics were worked out: a check
    /// runs (or waits for the one running), and Apply waits for it.
    pub stale: bool,
    /// Counts the drafts checked (from the form's own number, in the high
    /// half), so a background check knows whether the
    /// draft it checked is still the one in the form.
    pub revision: u64,
    /// With several files open, the file a new source or event goes to
    /// (an index into [`factsheet_core::edit::Files`]; the first by default).
    pub file: usize,
}

impl Editor {
    /// Whether Apply may make the edit: every field read and no error.
    pub fn can_apply(&self) -> bool {
        self.field_errors.is_empty()
            && !self.stale
            && self.scratch.is_some()
            && !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The messages for one field: what it cannot be read as, then what the
    /// loader says about it.
    pub fn messages(&self, field: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = self
            .field_errors
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| (true, m.clone()))
            .collect();
        // A field that cannot be read is previewed without its value: what
        // the loader says of that stand-in is not about what was typed.
        if let Some(at) = self.target.filter(|_| out.is_empty()) {
            let path = factsheet_core::edit::field_path(at, self.draft.path_of(field));
            out.extend(
                self.diagnostics
                    .iter()
                    .filter(|d| d.path.as_deref().is_some_and(|p| p.starts_with(&path)))
                    .map(|d| (d.is_error(), d.message.clone())),
            );
        }
        out
    }

    /// The loader's diagnostics for the item that no field shows.
    pub fn item_messages(&self) -> Vec<(bool, String)> {
        let Some(at) = self.target else {
            return Vec::new();
        };
        let fields = self.draft.fields();
        self.diagnostics
            .iter()
            .filter(|d| {
                !fields.iter().any(|f| {
                    let path = factsheet_core::edit::field_path(at, self.draft.path_of(f));
                    d.path.as_deref().is_some_and(|p| p.starts_with(&path))
                })
            })
            .map(|d| (d.is_error(), d.message.clone()))
            .collect()
    }
}

/// The field name of the pasted quote, for its messages.
pub const PASTE_FIELD: &str = "paste";

/// The longest paste read as a quote: a sentence or a paragraph. A longer
/// one (a whole page, 10 MB by mistake) is refused rather than cut, since a
/// quote is kept exactly as pasted.
pub const MAX_PASTE_CHARS: usize = 20_000;

/// A source that cannot go yet, and what cites it.
#[derive(Debug, Clone)]
pub struct Deleting {
    pub source: Source,
    pub citations: Vec<Citation>,
}

/// An agreement that cannot go yet, and what refers to it.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The agreement's title and id: "Istanbul talks (ist)".
    pub name: String,
    pub references: Vec<Citation>,
}

/// Window titles and the accessible names of the editing controls.
pub mod labels {
    pub const ADD_SOURCE: &str = "Add source…";
    pub const EDIT_SOURCE: &str = "Edit source…";
    pub const DELETE: &str = "Delete…";
    pub const ADD_EVENT: &str = "Add event…";
    pub const EDIT_EVENT: &str = "Edit event…";
    pub const DELETE_EVENT: &str = "Delete event";
    pub const ADD_CLAIM: &str = "Add claim…";
    pub const EDIT_CLAIM: &str = "Edit claim…";
    pub const DELETE_CLAIM: &str = "Delete claim";
    pub const DUPLICATE_CLAIM: &str = "Duplicate claim…";
    pub const CAPTURE: &str = "Capture from quote…";
    pub const ADD_ANSWER: &str = "Add answer…";
    pub const EDIT_ANSWER: &str = "Edit answer…";
    pub const DELETE_ANSWER: &str = "Delete answer";
    /// Adds a part to the claim form's parts.
    pub const ADD_PART_ROW: &str = "Add a part";
    /// Removes part N of the claim form: "Remove part 2".
    pub const REMOVE_PART_ROW: &str = "Remove part";
    pub const APPLY: &str = "Apply";
    /// While the draft is checked in the background.
    pub const CHECKING: &str = "checking…";
    pub const CANCEL: &str = "Cancel";
    pub const PASTE: &str = "Pasted quote";
    pub const UNDO: &str = "Undo";
    pub const REDO: &str = "Redo";
    pub const SAVE: &str = "Save";
    pub const SAVE_AS: &str = "Save as…";
    pub const UNSAVED_TITLE: &str = "Unsaved changes";
    /// The title of the question asked before a format-1 file is saved as format 2.
    pub const UPGRADE_TITLE: &str = "Save as format 2?";
    pub const SAVE_AS_FORMAT_2: &str = "Save as format 2";
    pub const DISCARD: &str = "Discard changes";
    pub const DELETE_WITH_CLAIMS: &str = "Delete with its claims";
    /// Beside the title while the data has unsaved changes.
    pub const UNSAVED_MARK: &str = "• edited";
    /// Why editing is off for a while.
    pub const SEVERAL_FILES: &str =
        "Editing waits while data is opened, saved or derived again after an edit";
}

/// The window's title while there are unsaved edits.
pub const EDITED_TITLE: &str = "factsheet (edited)";

/// Ctrl+S.
pub const SAVE_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
/// Ctrl+Shift+S.
pub const SAVE_AS_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::S,
);
/// Ctrl+Z.
pub const UNDO_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
/// Ctrl+Shift+Z.
pub const REDO_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::Z,
);

/// Whether the open data can be edited: one input open, or several whose
/// own data was kept ([`files`]), and nothing loading.
pub fn can_edit(state: &crate::gui::state::AppState) -> bool {
    state
        .data
        .as_ref()
        .is_some_and(|d| d.inputs.len() == 1 || state.files.is_some())
        && state.loading.is_none()
        && !state.deriving_edit
        && !state.saving_edits
}
