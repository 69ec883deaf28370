//! The eframe app: the frame loop and the one place state changes.
//!
//! Each frame: finished background jobs become commands, dropped files and
//! shortcuts become commands, every panel reads [`AppState`] and pushes
//! commands, and [`FactsheetApp::apply`] applies them. Tests drive the same
//! path, by clicking through egui_kittest or by calling `apply` directly.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use egui::Ui;

mod compare;
mod conflict;
mod copies;
mod edit_forms;
mod edit_saving;
mod editing;
mod files;
mod finished;
mod load;
mod reload;
mod saving;

pub use files::FileSaved;
use reload::FailedWatch;

use super::command::Command;
use super::dialog::{self, Choice};
use super::jobs::{self, JobResult, Jobs};
use super::state::chart_data::ChartData;
use super::state::{AppState, Filters, Input, LoadFailure, Loaded, Notice, Tab, ThemeChoice};
use super::theme::ui_kit;
use super::watch::{DEBOUNCE, FileWatcher};
use super::{
    agreements, chart, diagnostics, event_detail, events_table, filters, open_files, sources_panel,
    top_bar, version_diff,
};
use factsheet_core::export::{self, Format as ExportFormat, SummaryOptions};
use factsheet_core::load::FileStamp;
use factsheet_core::model::thousands;
use factsheet_core::table::PeriodCounts;

pub struct FactsheetApp {
    pub state: AppState,
    jobs: Jobs,
    ctx: Option<egui::Context>,
    /// The theme last given to egui, so it is set on change rather than every frame.
    applied_theme: Option<ThemeChoice>,
    /// Watches the open files for live reload; `None` for the sample or when watching fails.
    watcher: Option<FileWatcher>,
    /// Watches the files of an open that failed, to try it again when one is
    /// saved (the usual fix: the error says where, the user edits the file).
    failed_watch: Option<FailedWatch>,
    /// Counts changes of data, filters or sort: a background view or chart
    /// computed for an older generation is stale and dropped.
    view_generation: u64,
    /// The same, for background jobs to see that they are stale and stop early.
    latest_view: Arc<AtomicU64>,
    /// Tables of up to this many rows are filtered, sorted and charted on the UI thread (a few ms).
    inline_limit: usize,
    /// What a load runs on its background thread ([`jobs::prepare`]; tests give one they hold back).
    loader: jobs::Loader,
    /// Where the edits are saved as, asked of the user ([`saving::ask_where`]; tests answer).
    ask_where: jobs::AskWhere,
    /// The open under way, which Cancel gives up on.
    load_job: Option<jobs::JobHandle>,
    /// The window may close though there are unsaved edits (dropping them was confirmed).
    allow_close: bool,
    /// Whether the window's title says there are unsaved edits, as last set.
    titled_dirty: bool,
}

/// Up to this many events, a view is computed at once on the UI thread: it
/// costs a few milliseconds, less than a round trip through a thread, and the
/// table never shows stale rows.
pub const INLINE_VIEW_LIMIT: usize = 10_000;

impl Default for FactsheetApp {
    fn default() -> Self {
        FactsheetApp::with_state(AppState::default())
    }
}

impl FactsheetApp {
    /// The app as eframe starts it: settings restored, `inputs` loading in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, inputs: Vec<Input>) -> Self {
        let state = cc
            .storage
            .and_then(|s| eframe::get_value::<AppState>(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = FactsheetApp::with_state(state);
        app.set_context(cc.egui_ctx.clone());
        if !inputs.is_empty() {
            app.apply(Command::Open(inputs));
        }
        app
    }

    pub fn with_state(state: AppState) -> Self {
        FactsheetApp {
            state,
            jobs: Jobs::default(),
            ctx: None,
            applied_theme: None,
            watcher: None,
            failed_watch: None,
            view_generation: 0,
            latest_view: Arc::new(AtomicU64::new(0)),
            inline_limit: INLINE_VIEW_LIMIT,
            loader: Arc::new(jobs::prepare),
            ask_where: Arc::new(saving::ask_where),
            load_job: None,
            allow_close: false,
            titled_dirty: false,
        }
    }

    /// Tables larger than `rows` are filtered, sorted and charted in the
    /// background ([`INLINE_VIEW_LIMIT`] by default; tests set 0 to take that path).
    pub fn set_inline_view_limit(&mut self, rows: usize) {
        self.inline_limit = rows;
    }

    /// Replaces what loads run (see [`jobs::Loader`]).
    pub fn set_loader(&mut self, loader: jobs::Loader) {
        self.loader = loader;
    }

    /// Replaces how the app asks where to save the edits (see [`jobs::AskWhere`]).
    pub fn set_ask_where(&mut self, ask: jobs::AskWhere) {
        self.ask_where = ask;
    }

    fn set_context(&mut self, ctx: egui::Context) {
        self.jobs.set_context(ctx.clone());
        self.ctx = Some(ctx);
    }

    /// True while a load, dialog or export runs in the background.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// Applies background results as they arrive, up to `timeout` in all (tests, headless use).
    pub fn wait_for_jobs(&mut self, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while self.jobs.busy() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            if let Some(result) = self.jobs.wait(left) {
                self.finish(result);
            }
        }
    }

    /// Draws the whole app into `ui` and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        if self.ctx.is_none() {
            self.set_context(ui.ctx().clone());
        }
        for result in self.jobs.poll() {
            self.finish(result);
        }
        // While the edits are being saved, the write is the app's own: the
        // watcher is asked once it is done and told the new version.
        if !self.state.saving_edits
            && self
                .watcher
                .as_ref()
                .is_some_and(|w| !w.changed().is_empty())
        {
            self.apply(Command::Reload);
        }
        self.retry_failed_open_on_change();
        if self.applied_theme != Some(self.state.theme) {
            ui_kit::apply_theme(ui.ctx(), self.state.theme);
            self.applied_theme = Some(self.state.theme);
        }
        let mut cmds = Vec::new();
        self.guard_close(ui.ctx());
        self.title_unsaved(ui.ctx());
        self.input_commands(ui, &mut cmds);
        super::editing::forms::shortcuts(ui.ctx(), &self.state, &mut cmds);

        let state = &self.state;
        let busy = self.jobs.busy();
        egui::Panel::top("top-bar").show(ui, |ui| top_bar::ui(ui, state, busy, &mut cmds));
        if top_bar::shows_built_in_hint(state) {
            egui::Panel::top("built-in-hint")
                .show(ui, |ui| top_bar::built_in_hint_ui(ui, &mut cmds));
        }
        if state.notice.is_some() {
            egui::Panel::top("notice").show(ui, |ui| top_bar::notice_ui(ui, state, &mut cmds));
        }
        egui::Panel::right("sources")
            .resizable(true)
            .default_size(ui_kit::SIDE_PANEL_WIDTH)
            .min_size(240.0)
            .max_size(720.0)
            .show(ui, |ui| {
                labelled(ui, sources_panel::PANEL_LABEL, |ui| {
                    sources_panel::ui(ui, state, &mut cmds);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for (tab, label) in [
                    (Tab::Events, "Events"),
                    (Tab::Chart, "Chart"),
                    (Tab::Agreements, "Agreements"),
                ] {
                    if ui.selectable_label(state.tab == tab, label).clicked() {
                        cmds.push(Command::SetTab(tab));
                    }
                }
            });
            ui.separator();
            // What was agreed and delivered is over every event: no filters there.
            if state.tab != Tab::Agreements {
                filters::ui(ui, state, &mut cmds);
                ui.separator();
            }
            match state.tab {
                Tab::Events => {
                    egui::Panel::bottom("event-detail")
                        .resizable(true)
                        .default_size(260.0)
                        .min_size(80.0)
                        .show(ui, |ui| {
                            // Fill the panel, so its size is the user's, not its content's.
                            ui.set_min_size(ui.available_size());
                            labelled(ui, event_detail::PANEL_LABEL, |ui| {
                                event_detail::ui(ui, state, &mut cmds);
                            });
                        });
                    egui::CentralPanel::default()
                        .frame(egui::Frame::new())
                        .show(ui, |ui| events_table::ui(ui, state, &mut cmds));
                }
                Tab::Chart => chart::ui(ui, state, &mut cmds),
                Tab::Agreements => labelled(ui, agreements::PANEL_LABEL, |ui| {
                    agreements::ui(ui, state, &mut cmds);
                }),
            }
        });
        diagnostics::ui(ui.ctx(), state, &mut cmds);
        open_files::ui(ui.ctx(), state, &mut cmds);
        version_diff::ui(ui.ctx(), state, &mut cmds);
        super::copy_view::ui(ui.ctx(), state, &mut cmds);
        super::editing::forms::windows(ui.ctx(), state, &mut cmds);

        // The table has had its chance to scroll to the selection.
        self.state.scroll_to_selected = false;
        for cmd in cmds {
            self.apply(cmd);
        }
    }

    /// Dropped files, Ctrl+O and the arrow keys, as commands.
    fn input_commands(&self, ui: &Ui, cmds: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            cmds.push(Command::Open(
                dropped.into_iter().map(Input::File).collect(),
            ));
        }
        if ui
            .ctx()
            .input_mut(|i| i.consume_shortcut(&top_bar::OPEN_SHORTCUT))
        {
            cmds.push(Command::OpenDialog);
        }
        if ui
            .ctx()
            .input_mut(|i| i.consume_shortcut(&top_bar::QUIT_SHORTCUT))
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Ctrl+C copies the selected event, cited, unless a text field has the focus.
        if self.state.selected.is_some() && !ui.ctx().egui_wants_keyboard_input() {
            let copy = ui.ctx().input(|i| {
                i.events.iter().any(|e| {
                    matches!(e, egui::Event::Copy)
                        || matches!(e, egui::Event::Key { key: egui::Key::C, pressed: true, modifiers, .. } if modifiers.command)
                })
            });
            if copy {
                cmds.push(Command::CopySelected);
            }
        }
        // Arrow keys move the selection unless someone is typing.
        if self.state.tab == Tab::Events && !ui.ctx().egui_wants_keyboard_input() {
            let (down, up) = ui.ctx().input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                    i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                )
            });
            if down {
                cmds.push(Command::MoveSelection(1));
            }
            if up {
                cmds.push(Command::MoveSelection(-1));
            }
        }
    }

    /// The one place state changes.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::OpenDialog => self.pick_files(false),
            Command::AddDialog => self.pick_files(true),
            Command::Open(inputs) => self.start_load(inputs, false),
            Command::CancelLoad if self.state.loading.is_some() => {
                self.cancel_load();
                let text = "opening cancelled".into();
                self.state.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            Command::CancelLoad => {}
            Command::Reload => {
                if let Some(inputs) = self.state.data.as_ref().map(|d| d.inputs.clone()) {
                    self.start_load(inputs, true);
                }
            }
            Command::Add(paths) => {
                let mut inputs = self
                    .state
                    .data
                    .as_ref()
                    .map(|d| d.inputs.clone())
                    .unwrap_or_default();
                for p in paths {
                    let input = Input::File(p);
                    if !inputs.contains(&input) {
                        inputs.push(input);
                    }
                }
                self.start_load(inputs, false);
            }
            Command::Select(index) => self.state.select(index),
            Command::SelectId(id) => {
                let index = self
                    .state
                    .dataset()
                    .and_then(|d| d.events.iter().position(|e| e.id == id));
                self.state.select(index);
            }
            Command::MoveSelection(delta) => {
                let len = self.state.visible.len();
                if len == 0 {
                    return;
                }
                let pos = match self.state.selected_position() {
                    Some(p) => p.saturating_add_signed(delta).min(len - 1),
                    None if delta < 0 => len - 1,
                    None => 0,
                };
                let index = self.state.visible.get(pos).copied();
                self.state.select(index);
            }
            Command::SetFilters(f) => self.set_filters(f),
            Command::ClearFilters => self.set_filters(Filters::default()),
            Command::SaveView(name) => {
                let (filters, sort) = (self.state.filters.clone(), self.state.sort);
                if self.state.views.save(&name, filters, sort) {
                    self.state.notice = Some(Notice {
                        text: format!("saved the view \"{}\"", name.trim()),
                        is_error: false,
                    });
                }
            }
            Command::ApplyView(name) => {
                if let Some(view) = self.state.views.get(&name).cloned() {
                    self.state.sort = view.sort;
                    self.state.filters = view.filters;
                    self.view_changed();
                }
            }
            Command::DeleteView(name) => {
                self.state.views.remove(&name);
            }
            Command::RenameView { from, to } => {
                let renamed = self.state.views.rename(&from, &to);
                let to = to.trim();
                let text = if renamed {
                    format!("renamed the view \"{from}\" to \"{to}\"")
                } else if self.state.views.get(to).is_some() {
                    format!("not renamed: another view is already called \"{to}\"")
                } else {
                    format!("not renamed: there is no view \"{from}\"")
                };
                self.state.notice = Some(Notice {
                    text,
                    is_error: !renamed,
                });
            }
            Command::SortBy(column) => {
                let sort = &mut self.state.sort;
                if sort.column == column {
                    sort.descending = !sort.descending;
                } else {
                    sort.column = column;
                    sort.descending = false;
                }
                self.view_changed();
            }
            Command::SetTab(tab) => self.state.tab = tab,
            Command::SetTheme(theme) => self.state.theme = theme,
            Command::SetExportEveryEvent(every) => self.state.export_every_event = every,
            Command::SetOnlyDisputedPoints(on) => self.state.only_disputed_points = on,
            Command::ShowDiagnostics(on) => self.state.show_diagnostics = on,
            Command::ShowOpenFiles(on) => self.state.show_open_files = on,
            Command::RemoveInput(index) => {
                let inputs = self.state.data.as_ref().map_or(&[][..], |d| &d.inputs);
                if let Some(rest) = open_files::without(inputs, index) {
                    self.start_load(rest, false);
                }
            }
            Command::DismissLoadFailure => {
                self.state.load_failure = None;
                self.failed_watch = None;
            }
            Command::DismissNotice => self.state.notice = None,
            Command::ExportDialog(format) => self.pick_export_path(format),
            Command::ExportTo(format, path) => self.start_export(format, path),
            Command::SaveDataDialog => self.pick_save_path(),
            Command::SaveDataTo(path) => self.start_save_data(path),
            Command::CompareDialog => self.pick_compare_file(),
            Command::CompareWith(path) => self.start_compare(path),
            Command::CloseVersionDiff => self.state.version_diff = None,
            Command::SaveWorkbookDialog => self.pick_workbook_path(),
            Command::SaveWorkbookTo(path) => self.start_save_workbook(path),
            Command::CopySelected => {
                let text = self.state.dataset().and_then(|d| {
                    let event = d.events.get(self.state.selected?)?;
                    Some(factsheet_core::cite::event_citation(d, event))
                });
                if let (Some(text), Some(ctx)) = (text, &self.ctx) {
                    ctx.copy_text(text);
                    self.state.notice = Some(Notice {
                        text: "Copied the event's figures and facts with their sources".to_string(),
                        is_error: false,
                    });
                }
            }
            Command::CopyText { text, what } => {
                if let Some(ctx) = &self.ctx {
                    ctx.copy_text(text);
                    self.state.notice = Some(Notice {
                        text: format!("Copied {what} with its source"),
                        is_error: false,
                    });
                }
            }
            Command::OpenLink(url) => {
                if factsheet_core::load::is_web_link(&url)
                    && let Some(ctx) = &self.ctx
                {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::OpenSavedCopy(file) => self.open_saved_copy(file),
            Command::ShowInSavedCopy { file, quote } => self.show_in_copy(file, quote),
            Command::CloseCopyView => self.state.copy_view = None,
            Command::AttachCopyDialog(source) => self.pick_copy(source),
            Command::AttachCopy { source, file } => self.start_attach(source, file),
            Command::Chart(cmd) => chart::apply(&mut self.state, cmd),
            Command::Edit(cmd) => self.apply_edit(cmd),
        }
    }

    fn set_filters(&mut self, filters: Filters) {
        if self.state.filters != filters {
            self.state.filters = filters;
            self.view_changed();
        }
    }

    /// Rows, sort or data changed: recompute what the views derive, once: here
    /// for a small table, else in the background while the previous rows stay on screen.
    fn view_changed(&mut self) {
        let generation = self.next_view_generation();
        let Some(data) = self
            .state
            .data
            .as_ref()
            .filter(|d| d.table.len() > self.inline_limit)
        else {
            self.state.refresh_view();
            chart::on_view_changed(&mut self.state);
            self.state.filtering = false;
            self.state.charting = false;
            return;
        };
        self.state.filtering = true;
        let table = Arc::clone(&data.table);
        let filters = self.state.filters.clone();
        let sort = self.state.sort;
        let latest = Arc::clone(&self.latest_view);
        self.jobs.spawn("view", move || {
            // Typing fast queues changes: one already overtaken is not worth computing.
            let visible = if latest.load(Ordering::Relaxed) == generation {
                table.view(&filters, sort)
            } else {
                Vec::new()
            };
            JobResult::View {
                generation,
                visible,
            }
        });
        // The period counts on the other core: the rows need not wait for them.
        let table = Arc::clone(&data.table);
        let filters = self.state.filters.clone();
        let latest = Arc::clone(&self.latest_view);
        self.jobs.spawn("periods", move || {
            let periods = (latest.load(Ordering::Relaxed) == generation)
                .then(|| table.period_counts(&filters));
            JobResult::Periods {
                generation,
                periods,
            }
        });
    }

    /// Starts a new view generation: every view or chart under way is now stale.
    fn next_view_generation(&mut self) -> u64 {
        self.view_generation += 1;
        self.latest_view
            .store(self.view_generation, Ordering::Relaxed);
        self.view_generation
    }

    /// The rows of the current view arrived: the chart's series follow in the background.
    fn start_chart(&mut self, generation: u64) {
        let Some(data) = &self.state.data else {
            return;
        };
        self.state.charting = true;
        let dataset = Arc::clone(&data.dataset);
        let visible = self.state.visible.clone();
        let latest = Arc::clone(&self.latest_view);
        self.jobs.spawn("chart", move || {
            let data = (latest.load(Ordering::Relaxed) == generation)
                .then(|| Box::new(ChartData::build(&dataset, &visible)));
            JobResult::Chart { generation, data }
        });
    }

    fn pick_files(&mut self, add: bool) {
        /// What the open dialog shows first: JSON and the spreadsheet forms.
        const OPENED: [&str; 4] = ["json", "xlsx", "ods", "csv"];
        self.jobs.spawn("open-dialog", move || {
            let title = if add {
                "Add files to the open data"
            } else {
                "Open fact sheet files"
            };
            let paths = dialog::ask(|| {
                rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter("Fact sheets (JSON, workbooks, CSV)", &OPENED)
                    .add_filter("Fact sheet (JSON)", &["json"])
                    .add_filter(
                        "Spreadsheet (.xlsx, .ods, .csv)",
                        &factsheet_core::workbook::SHEET_EXTENSIONS,
                    )
                    .add_filter("All files", &["*"])
                    .pick_files()
            });
            JobResult::Picked { add, paths }
        });
    }

    fn loaded(&mut self, mut loaded: Loaded) {
        self.keep_files(&mut loaded);
        // Keep the selected event selected when it is in the new data.
        let selected_id = self
            .state
            .selected
            .and_then(|i| self.state.dataset()?.events.get(i))
            .map(|e| e.id.clone());
        self.state.remember_recent(&loaded.inputs);
        if self.state.data.as_ref().map(|d| &d.inputs) != Some(&loaded.inputs) {
            self.watch(&loaded.inputs);
            // What changed was told of the data open before.
            self.state.version_diff = None;
            self.state.copy_view = None;
        }
        // A write between the read and now sent no event to the watcher: compare stamps.
        if let Some(watcher) = &self.watcher {
            for (path, stamp) in &loaded.read_stamps {
                watcher.seen(path, *stamp);
            }
            if let Some(ctx) = &self.ctx {
                ctx.request_repaint();
            }
        }
        let prepared = loaded.prepared.take();
        let before = self.state.data.replace(loaded);
        // Freeing large data and all that was derived from it takes longer
        // than a frame (docs/PERFORMANCE.md, "Editing"): another thread does it.
        if let Some(before) = before.filter(|b| b.dataset.events.len() > self.inline_limit) {
            let _ = std::thread::Builder::new()
                .name("free".into())
                .spawn(move || drop(before));
        }
        self.state.load_failure = None;
        self.failed_watch = None;
        // Rows of the data before are meaningless now: show the view prepared
        // with the load, and compute another if the filters changed meanwhile.
        match prepared {
            Some(view) => {
                let current = view.filters == self.state.filters && view.sort == self.state.sort;
                self.state.set_visible(view.visible);
                self.state.periods = view.periods;
                self.state.chart_view.data = view.chart;
                if current {
                    self.next_view_generation();
                    self.state.filtering = false;
                    self.state.charting = false;
                } else {
                    self.view_changed();
                }
            }
            None => {
                self.state.set_visible(Vec::new());
                self.state.periods = PeriodCounts::default();
                self.view_changed();
            }
        }
        let index =
            selected_id.and_then(|id| self.state.dataset()?.events.iter().position(|e| e.id == id));
        self.state.select(index);
    }
}

impl eframe::App for FactsheetApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The window is closing and the process ends next (the settings were
        // saved just before): handing a large dataset and everything derived
        // from it back to the allocator piece by piece kept the closed window
        // on screen for seconds at a million events. The system takes it all
        // back at once.
        std::mem::forget(self.state.data.take());
    }
}

/// A region with an accessible name, for screen readers and tests.
fn labelled(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui)) {
    let builder = egui::UiBuilder::new()
        .id_salt(label)
        .accessibility_label(label)
        .accessibility_role(egui::accesskit::Role::Region);
    ui.scope_builder(builder, add);
}

/// A file name from a title: letters, digits and dashes.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "factsheet".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_tame() {
        assert_eq!(
            file_stem("Russia–Ukraine: 2025 / exchanges"),
            "Russia-Ukraine-2025-exchanges"
        );
        assert_eq!(file_stem("///"), "factsheet");
    }
}
