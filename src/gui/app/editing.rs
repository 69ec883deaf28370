//! Editing applied: the forms' commands, the edits through the history onto
//! the data (everything derived is rebuilt as after a load), undo and redo,
//! saving (app/edit_saving.rs), and the prompt that stands between
//! unsaved edits and anything that would drop them (quit, open, reload).

use super::*;
use crate::gui::editing::{
    AnswerDraft, ClaimDraft, Deleting, Draft, EditCommand, Editor, EventDraft, MAX_PASTE_CHARS,
    Pending, Resolution, SourceDraft,
};
use factsheet_core::edit::{Edit, EditError, History, Target, capture::capture, preview};
use factsheet_core::load::validate::{KnownIds, validate};
use factsheet_core::model::Dataset;

/// Numbers the forms opened (see `open_form`).
static FORMS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl FactsheetApp {
    pub(super) fn apply_edit(&mut self, cmd: EditCommand) {
        let editable = crate::gui::editing::can_edit(&self.state);
        // A form names its item by position: another change to the data
        // while it is open could move that item under it.
        let changes_data = matches!(
            cmd,
            EditCommand::Undo
                | EditCommand::Redo
                | EditCommand::DeleteEvent(_)
                | EditCommand::DeleteClaim { .. }
                | EditCommand::DeleteAnswer { .. }
                | EditCommand::DeleteSource(_)
                | EditCommand::ConfirmDeleteSource { .. }
        ) || matches!(&cmd, EditCommand::Item(item) if item.changes_data());
        if changes_data && self.state.editor.is_some() {
            self.state.notice = Some(Notice {
                text: "Apply or cancel the open form first".to_string(),
                is_error: true,
            });
            return;
        }
        // With several files open, an edit goes to one file (app/files.rs).
        if let Some(why) = self.refused_in_files(&cmd).filter(|_| editable) {
            self.state.notice = Some(Notice {
                text: format!("Not changed: {why}"),
                is_error: true,
            });
            return;
        }
        match cmd {
            EditCommand::NewSource if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let draft = Draft::Source(SourceDraft::new_in(d));
                self.open_form(draft, None);
            }
            EditCommand::EditSource(i) if editable => {
                let Some(s) = self.state.dataset().and_then(|d| d.sources.get(i)) else {
                    return;
                };
                let draft = Draft::Source(SourceDraft::of(i, s));
                self.open_form(draft, None);
            }
            EditCommand::NewEvent if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let draft = Draft::Event(EventDraft::new_in(d));
                self.open_form(draft, None);
            }
            EditCommand::EditEvent(i) if editable => {
                let Some(e) = self.state.dataset().and_then(|d| d.events.get(i)) else {
                    return;
                };
                let draft = Draft::Event(EventDraft::of(i, e));
                self.open_form(draft, None);
            }
            EditCommand::DeleteEvent(i) if editable => self.make(Edit::Remove {
                at: Target::Event(i),
            }),
            EditCommand::NewClaim { event } if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let draft = Draft::Claim(ClaimDraft::new_in(d, event));
                self.open_form(draft, None);
            }
            EditCommand::EditClaim {
                event,
                figure,
                claim,
            } if editable => {
                let c = self
                    .state
                    .dataset()
                    .and_then(|d| d.events.get(event)?.figures.get(figure)?.claims.get(claim));
                if let Some(c) = c {
                    let draft = Draft::Claim(ClaimDraft::of(event, figure, claim, c));
                    self.open_form(draft, None);
                }
            }
            EditCommand::DuplicateClaim {
                event,
                figure,
                claim,
            } if editable => {
                let c = self
                    .state
                    .dataset()
                    .and_then(|d| d.events.get(event)?.figures.get(figure)?.claims.get(claim));
                if let Some(c) = c {
                    // A new claim of the same figure, every field as this one's.
                    let mut draft = ClaimDraft::of(event, figure, claim, c);
                    draft.at = None;
                    self.open_form(Draft::Claim(draft), None);
                }
            }
            EditCommand::NewAnswer { event, fact } if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let draft = Draft::Answer(AnswerDraft::new_in(d, event, fact));
                self.open_form(draft, None);
            }
            EditCommand::EditAnswer { event, fact, claim } if editable => {
                let c = self
                    .state
                    .dataset()
                    .and_then(|d| d.events.get(event)?.facts.get(fact)?.claims.get(claim));
                if let Some(c) = c {
                    let draft = Draft::Answer(AnswerDraft::of(event, fact, claim, c));
                    self.open_form(draft, None);
                }
            }
            EditCommand::DeleteAnswer { event, fact, claim } if editable => {
                self.make(Edit::Remove {
                    at: Target::FactClaim { event, fact, claim },
                })
            }
            EditCommand::Capture { event } if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let draft = Draft::Claim(ClaimDraft::new_in(d, event));
                self.open_form(draft, Some(String::new()));
            }
            EditCommand::SetPaste(text) => self.repropose(text),
            EditCommand::SetDraft(draft) => {
                let source_changed =
                    match (draft.as_ref(), self.state.editor.as_ref().map(|e| &e.draft)) {
                        (Draft::Claim(new), Some(Draft::Claim(old))) => new.source != old.source,
                        _ => false,
                    };
                if let Some(editor) = &mut self.state.editor {
                    editor.draft = *draft;
                }
                // A new figure's id follows its side and category until typed.
                if let (
                    Some(Editor {
                        draft: Draft::Claim(c),
                        ..
                    }),
                    Some(data),
                ) = (&mut self.state.editor, &self.state.data)
                {
                    *c = c.clone().with_new_figure_id(&data.dataset);
                }
                if source_changed {
                    self.propose_again();
                }
                self.recheck();
            }
            EditCommand::Item(item) if editable => self.item_command(item),
            EditCommand::Apply => self.apply_form(),
            EditCommand::Close => {
                self.state.editor = None;
                self.state.deleting = None;
                self.state.refusal = None;
            }
            EditCommand::DeleteSource(i) if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                let Some(source) = d.sources.get(i).cloned() else {
                    return;
                };
                match factsheet_core::edit::remove_source(d, &source.id, false) {
                    Ok(edit) => self.make(edit),
                    Err(EditError::Cited { by, .. }) => {
                        self.state.deleting = Some(Deleting {
                            source,
                            citations: by,
                        });
                    }
                    Err(e) => self.edit_failed(&e),
                }
            }
            EditCommand::ConfirmDeleteSource { id, with_claims } if editable => {
                let Some(d) = self.state.dataset() else {
                    return;
                };
                match factsheet_core::edit::remove_source(d, &id, with_claims) {
                    Ok(edit) => {
                        self.state.deleting = None;
                        self.make(edit);
                    }
                    Err(e) => self.edit_failed(&e),
                }
            }
            EditCommand::DeleteClaim {
                event,
                figure,
                claim,
            } if editable => self.make(Edit::Remove {
                at: Target::Claim {
                    event,
                    figure,
                    claim,
                },
            }),
            EditCommand::Undo if editable => self.undo_redo(true),
            EditCommand::Redo if editable => self.undo_redo(false),
            EditCommand::ChooseFile(file) => {
                if let Some(editor) = &mut self.state.editor {
                    editor.file = file;
                }
            }
            EditCommand::Save if editable => self.save_edits(true),
            EditCommand::Upgrade(answer) => self.upgrade_answered(answer),
            EditCommand::SaveAsDialog if editable => {
                let file = format!("{}.json", self.file_stem());
                let ask = Arc::clone(&self.ask_where);
                self.jobs.spawn("save-dialog", move || {
                    let path = ask("Save the data as", file, "factsheet data", "json");
                    JobResult::SaveEditsTo { path }
                });
            }
            EditCommand::SaveTo(path) if editable => self.start_save_edits(path, false),
            EditCommand::Resolve(answer) => self.resolve(answer),
            // Editing is off (several files open, a load under way): the
            // controls are disabled, and a shortcut does nothing.
            _ => {}
        }
    }

    /// The name diagnostics give the open data: its one input.
    fn edited_label(&self) -> String {
        self.state
            .data
            .as_ref()
            .and_then(|d| d.inputs.first())
            .map_or_else(|| "(edited)".to_string(), Input::label)
    }

    pub(super) fn open_form(&mut self, draft: Draft, pasted: Option<String>) {
        let Some(data) = &self.state.data else {
            return;
        };
        // Each form counts its drafts from its own number up (in the high
        // half), so that a check another form started is known as such.
        let revision = FORMS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) << 32;
        // The form's copy of the data, to check drafts on. Copying 100,000
        // events takes longer than a frame: above the inline limit it is made
        // in the background, handed over as a check of no draft (the form's
        // first revision, before any draft), after which the latest draft is
        // checked on it.
        let scratch = if data.dataset.events.len() > self.inline_limit {
            let source = Arc::clone(&data.dataset);
            self.jobs.spawn("check", move || JobResult::Checked {
                scratch: Box::new(Dataset::clone(&source)),
                found: Ok(Vec::new()),
                revision,
            });
            None
        } else {
            Some(Dataset::clone(&data.dataset))
        };
        self.state.deleting = None;
        self.state.editor = Some(Editor {
            draft,
            pasted,
            proposal: None,
            field_errors: Vec::new(),
            diagnostics: Vec::new(),
            target: None,
            scratch,
            stale: false,
            revision,
            file: 0,
        });
        self.recheck();
    }

    /// Reads the draft again: what its fields cannot be read as at once,
    /// and what the loader says about the item with it in the data: here
    /// for a small dataset, else in the background (validating 100,000
    /// events takes a third of a second: typing would stutter), one check
    /// at a time, the latest draft checked when the running one is done.
    fn recheck(&mut self) {
        let label = self.edited_label();
        let large = self
            .state
            .data
            .as_ref()
            .is_some_and(|d| d.dataset.events.len() > self.inline_limit);
        let (Some(editor), Some(data)) = (&mut self.state.editor, &self.state.data) else {
            return;
        };
        let reading = editor.draft.read(&data.dataset);
        editor.field_errors = reading.errors;
        editor.target = reading.edit.as_ref().map(|(_, at)| *at);
        editor.stale = true;
        editor.revision += 1;
        let revision = editor.revision;
        let Some((edit, at)) = reading.edit else {
            editor.diagnostics.clear();
            editor.stale = false;
            return;
        };
        // A check is running: it is followed by one of this draft.
        let Some(mut scratch) = editor.scratch.take() else {
            return;
        };
        let today = factsheet_core::load::today();
        if !large {
            let found = preview(&mut scratch, edit, at, &label, today);
            editor.scratch = Some(scratch);
            self.checked(found);
            return;
        }
        self.jobs.spawn("check", move || {
            let found = preview(&mut scratch, edit, at, &label, today);
            JobResult::Checked {
                scratch: Box::new(scratch),
                found,
                revision,
            }
        });
    }

    /// A check of the draft is done.
    fn checked(&mut self, found: Result<Vec<factsheet_core::diagnostic::Diagnostic>, EditError>) {
        let Some(editor) = &mut self.state.editor else {
            return;
        };
        editor.stale = false;
        match found {
            Ok(found) => editor.diagnostics = found,
            Err(e) => {
                editor.diagnostics.clear();
                editor.field_errors.push(("", e.to_string()));
            }
        }
    }

    /// A background check came back with the scratch data: keep its result
    /// if the draft is still the one checked, else check the latest.
    fn checked_in_background(
        &mut self,
        scratch: Dataset,
        found: Result<Vec<factsheet_core::diagnostic::Diagnostic>, EditError>,
        revision: u64,
    ) {
        // The form was closed (or another opened) meanwhile.
        let Some(editor) = self
            .state
            .editor
            .as_mut()
            .filter(|e| e.scratch.is_none() && e.revision >> 32 == revision >> 32)
        else {
            return;
        };
        editor.scratch = Some(scratch);
        if editor.revision == revision {
            self.checked(found);
        } else {
            self.recheck();
        }
    }

    /// The pasted quote changed: propose the claim's fields from it.
    fn repropose(&mut self, text: String) {
        let (Some(editor), Some(data)) = (&mut self.state.editor, &self.state.data) else {
            return;
        };
        let Draft::Claim(old) = &editor.draft else {
            return;
        };
        let chars = text.chars().count();
        if chars > MAX_PASTE_CHARS {
            self.state.notice = Some(Notice {
                text: format!(
                    "Not taken: the paste is {} characters long; paste the sentence that \
                     states the figure (at most {})",
                    thousands(chars as u64),
                    thousands(MAX_PASTE_CHARS as u64)
                ),
                is_error: true,
            });
            return;
        }
        let published = data.source(&old.source).and_then(|s| s.published);
        let proposal = capture(&text, published);
        let draft = ClaimDraft::proposed(&data.dataset, old.event, &old.source, &proposal);
        editor.draft = Draft::Claim(draft);
        editor.pasted = Some(text);
        editor.proposal = Some(proposal);
        self.recheck();
    }

    /// The source changed in "Capture from quote": the day a relative day
    /// names counts from its publication date.
    fn propose_again(&mut self) {
        let (Some(editor), Some(data)) = (&mut self.state.editor, &self.state.data) else {
            return;
        };
        let (Some(text), Draft::Claim(c)) = (&editor.pasted, &editor.draft) else {
            return;
        };
        let published = data.source(&c.source).and_then(|s| s.published);
        editor.proposal = Some(capture(text, published));
    }

    fn apply_form(&mut self) {
        let Some(editor) = &self.state.editor else {
            return;
        };
        if !editor.can_apply() {
            return;
        }
        let Some(dataset) = self.state.dataset() else {
            return;
        };
        let file = editor.file;
        match editor.draft.to_edit(dataset) {
            Ok((edit, _)) if self.state.files.is_some() => {
                self.state.editor = None;
                self.make_in_files(edit, file);
            }
            Ok((edit, at)) => {
                self.state.editor = None;
                self.make(edit);
                // A new event is selected, so that its claims can be added next.
                if let Target::Event(i) = at {
                    self.state.select(Some(i));
                }
            }
            Err(errors) => {
                if let Some(editor) = &mut self.state.editor {
                    editor.field_errors = errors;
                }
            }
        }
    }

    /// Makes `edit` through the history.
    pub(super) fn make(&mut self, edit: Edit) {
        if self.state.files.is_some() {
            self.make_in_files(edit, 0);
        } else {
            self.change_data(move |d, h| h.apply(d, edit));
        }
    }

    /// Changes the open data with `change` (an edit, an undo, a redo), then
    /// derives everything from it again as a load does.
    ///
    /// The data on screen stays until the edited data is ready: an edit that
    /// fails changes nothing. The edit is made on a copy, and copying 100,000
    /// events takes longer than a frame (docs/PERFORMANCE.md, "Editing"), so
    /// for large data the copy, the edit (on a copy of the history, which
    /// comes back with it) and the derive all run in the background.
    pub(super) fn change_data(
        &mut self,
        change: impl FnOnce(&mut Dataset, &mut History) -> Result<(), EditError> + Send + 'static,
    ) {
        // The selection is kept by id, as a reload keeps it.
        let selected = self
            .state
            .selected
            .and_then(|i| self.state.dataset()?.events.get(i))
            .map(|e| e.id.clone());
        let Some(data) = &self.state.data else {
            return;
        };
        let source = Arc::clone(&data.dataset);
        let inputs = data.inputs.clone();
        let read_stamps = data.read_stamps.clone();
        let provenance = data.provenance.clone();
        // What the load found of the saved copies stays: a quote edited since
        // keeps its mark until the file is opened again (docs/EDITING.md).
        let copies = Arc::clone(&data.copies);
        let (filters, sort) = (self.state.filters.clone(), self.state.sort);
        let large = source.events.len() > self.inline_limit;
        let mut history = self.state.history.clone();
        let edit = move || {
            let mut dataset = Dataset::clone(&source);
            drop(source);
            change(&mut dataset, &mut history)?;
            let label = inputs.first().map_or_else(String::new, Input::label);
            let diagnostics = validate(
                &dataset,
                &label,
                &KnownIds::of(&[&dataset]),
                factsheet_core::load::today(),
            );
            let mut loaded = Loaded::new(dataset, inputs, diagnostics);
            loaded.read_stamps = read_stamps;
            loaded.provenance = provenance;
            loaded.copies = copies;
            loaded.prepare_view(&filters, sort);
            Ok((Box::new(loaded), Some(Box::new(history))))
        };
        self.state.deriving_edit = true;
        if large {
            self.jobs.spawn("edit", move || JobResult::Edited {
                result: edit(),
                selected,
            });
        } else {
            self.edited(edit(), selected);
        }
    }

    /// The edited data, with everything derived from it, replaces the data
    /// on screen, and a single file's history with the edit replaces the one
    /// before; unless the edits were dropped meanwhile (another file opened).
    pub(super) fn edited(
        &mut self,
        result: Result<(Box<Loaded>, Option<Box<History>>), EditError>,
        selected: Option<factsheet_core::model::Text>,
    ) {
        if !std::mem::take(&mut self.state.deriving_edit) {
            return;
        }
        let (loaded, history) = match result {
            Ok(done) => done,
            Err(e) => {
                self.edit_failed(&e);
                return;
            }
        };
        if let Some(history) = history {
            self.state.history = *history;
        }
        self.loaded(*loaded);
        let index =
            selected.and_then(|id| self.state.dataset()?.events.iter().position(|e| e.id == id));
        self.state.select(index);
    }

    pub(super) fn edit_failed(&mut self, e: &EditError) {
        self.state.notice = Some(Notice {
            text: format!("Not changed: {e}"),
            is_error: true,
        });
    }

    /// A new load replaced the data: the edits belonged to the data before.
    pub(super) fn forget_edits(&mut self) {
        self.state.history = History::new();
        self.state.files = None;
        // An edit still being made belonged to the data before too.
        self.state.deriving_edit = false;
        self.state.editor = None;
        self.state.deleting = None;
        self.state.changed_on_disk = false;
    }

    /// A background job of editing finished (see [`FactsheetApp::finish`]).
    pub(super) fn finish_edit_job(&mut self, result: JobResult) {
        match result {
            JobResult::SaveEditsTo { path } => self.save_edits_chosen(path),
            JobResult::Edited { result, selected } => self.edited(result, selected),
            JobResult::Checked {
                scratch,
                found,
                revision,
            } => self.checked_in_background(*scratch, found, revision),
            JobResult::SavedEdits {
                path,
                version,
                result,
            } => self.saved_edits(path, version, result),
            JobResult::SavedFiles { saved } => self.saved_files(saved),
            JobResult::AskUpgrade(ask) => self.ask_upgrade(ask),
            _ => {}
        }
    }

    /// The answer to the unsaved-changes prompt.
    fn resolve(&mut self, answer: Resolution) {
        let Some(pending) = self.state.pending.clone() else {
            return;
        };
        if answer != Resolution::Save {
            self.state.reload_diff = None;
        }
        match answer {
            Resolution::Cancel => {
                self.state.pending = None;
                if pending == Pending::Reload {
                    self.state.changed_on_disk = true;
                }
            }
            Resolution::Discard => {
                self.state.pending = None;
                self.forget_edits();
                self.go_on(pending);
            }
            // The latest edit is still being made: saving now would write the
            // data without it, then go on and drop it.
            Resolution::Save if self.state.deriving_edit => {
                self.state.notice = Some(Notice {
                    text: "The last edit is still being made: save again in a moment".to_string(),
                    is_error: true,
                });
            }
            Resolution::Save => {
                // Kept until the save is done; `saved_edits` goes on then.
                if pending == Pending::Reload {
                    self.state.changed_on_disk = true;
                }
                self.save_edits(true);
            }
        }
    }

    /// Does what waited for the edits to be saved or dropped.
    pub(super) fn go_on(&mut self, pending: Pending) {
        match pending {
            Pending::Quit => {
                self.allow_close = true;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Pending::Open(inputs) => self.start_load(inputs, false),
            Pending::Reload => {
                if let Some(inputs) = self.state.data.as_ref().map(|d| d.inputs.clone()) {
                    self.start_load(inputs, true);
                }
            }
        }
    }

    /// The window's title says "(edited)" while there are unsaved edits; set on change only.
    pub(super) fn title_unsaved(&mut self, ctx: &egui::Context) {
        let dirty = self.state.unsaved();
        if dirty != self.titled_dirty {
            self.titled_dirty = dirty;
            let title = if dirty {
                crate::gui::editing::EDITED_TITLE
            } else {
                "factsheet"
            };
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.to_string()));
        }
    }

    /// The window is asked to close with unsaved edits: ask first.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && (self.state.unsaved() || self.state.deriving_edit)
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.pending = Some(Pending::Quit);
        }
    }
}
