//! Editing with large data open: a claim form open on the first event, a
//! character typed into its "Attributed to" field every frame (each one
//! starts or queues the background check of the draft), frames with and
//! without a keystroke timed apart; and what one edit costs the UI thread
//! (the command, then taking the edited data when the background is done),
//! beside what copying the dataset there, as an edit once did, costs.

use std::time::Duration;

use egui::accesskit;
use factsheet::gui::editing::EditCommand;
use factsheet::gui::{Command, FactsheetApp};

/// CPU time this thread has run, read to the nanosecond
/// (`CLOCK_THREAD_CPUTIME_ID`: the kernel adds the time since the last tick).
pub fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        f64::NAN
    }
}

/// Mean and max of `values`, in milliseconds.
fn mean_max(values: &[f64]) -> (f64, f64) {
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    let max = values.iter().copied().fold(0.0, f64::max);
    (mean * 1e3, max * 1e3)
}

/// The input of a frame at the bench's window size, with `events`.
fn input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        events,
        ..Default::default()
    }
}

/// Where the text field whose label reads `label` is, from the frame's
/// AccessKit tree (the field is labelled by a label node).
fn field_at(update: &accesskit::TreeUpdate, label: &str) -> Option<egui::Pos2> {
    let label_id = update
        .nodes
        .iter()
        .find(|(_, n)| n.role() == accesskit::Role::Label && n.value() == Some(label))
        .or_else(|| update.nodes.iter().find(|(_, n)| n.label() == Some(label)))
        .map(|(id, _)| *id)?;
    let (_, field) = update.nodes.iter().find(|(_, n)| {
        n.role() == accesskit::Role::TextInput && n.labelled_by().contains(&label_id)
    })?;
    let b = field.bounds()?;
    Some(egui::pos2(
        ((b.x0 + b.x1) / 2.0) as f32,
        ((b.y0 + b.y1) / 2.0) as f32,
    ))
}

/// Opens a claim form on event 0, focuses its "Attributed to" field, then
/// times `frames` frames with a keystroke each and as many without.
pub fn typing(app: &mut FactsheetApp, label: &str, frames: usize) {
    let ctx = egui::Context::default();
    let frame = |app: &mut FactsheetApp, events: Vec<egui::Event>| {
        let out = ctx.run_ui(input(events), |ui| app.show(ui));
        std::hint::black_box(ctx.tessellate(out.shapes.clone(), out.pixels_per_point));
        out
    };
    app.apply(Command::Select(Some(0)));
    let cpu0 = thread_cpu();
    app.apply(Command::Edit(EditCommand::EditClaim {
        event: 0,
        figure: 0,
        claim: 0,
    }));
    let opened = thread_cpu() - cpu0;
    app.wait_for_jobs(Duration::from_secs(600));
    eprintln!(
        "gui_frame/typing/{label}: opening the claim form {:.2} ms CPU on the UI thread",
        opened * 1e3
    );
    // A frame or two for the window to settle, one with AccessKit to find the field.
    frame(app, Vec::new());
    ctx.enable_accesskit();
    let out = frame(app, Vec::new());
    let at = out
        .platform_output
        .accesskit_update
        .as_ref()
        .and_then(|u| field_at(u, "Attributed to"));
    ctx.disable_accesskit();
    let Some(at) = at else {
        eprintln!("gui_frame/typing/{label}: the field \"Attributed to\" was not found");
        return;
    };
    let click = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    frame(app, vec![egui::Event::PointerMoved(at), click(true)]);
    frame(app, vec![click(false)]);
    frame(app, Vec::new());
    let before = draft_len(app);
    let (mut typed, mut idle) = (Vec::new(), Vec::new());
    for i in 0..frames * 2 {
        let key = i % 2 == 0;
        let events = if key {
            vec![egui::Event::Text("a".to_string())]
        } else {
            Vec::new()
        };
        let cpu0 = thread_cpu();
        frame(app, events);
        let cpu = thread_cpu() - cpu0;
        if key { &mut typed } else { &mut idle }.push(cpu);
    }
    let added = draft_len(app).saturating_sub(before);
    let (tm, tx) = mean_max(&typed);
    let (im, ix) = mean_max(&idle);
    eprintln!(
        "gui_frame/typing/{label}: {} keystrokes ({added} characters reached the form): \
         frame with a keystroke mean {tm:.2} ms, max {tx:.2} ms CPU; \
         without mean {im:.2} ms, max {ix:.2} ms CPU",
        typed.len()
    );
    app.apply(Command::Edit(EditCommand::Close));
    app.wait_for_jobs(Duration::from_secs(600));
}

/// The length of the open claim form's "Attributed to", to check the keystrokes arrived.
fn draft_len(app: &FactsheetApp) -> usize {
    match app.state.editor.as_ref().map(|e| &e.draft) {
        Some(factsheet::gui::editing::Draft::Claim(c)) => c.attributed_to.chars().count(),
        _ => 0,
    }
}

/// What `rounds` edits (a claim deleted, then undone) cost the UI thread:
/// the command, and taking the edited data when it is ready; beside it, what
/// copying the dataset on the UI thread costs.
pub fn edits(app: &mut FactsheetApp, label: &str, rounds: usize) {
    let mut costs = Vec::new();
    for i in 0..rounds {
        let cmd = if i % 2 == 0 {
            EditCommand::DeleteClaim {
                event: 0,
                figure: 0,
                claim: 0,
            }
        } else {
            EditCommand::Undo
        };
        let cpu0 = thread_cpu();
        app.apply(Command::Edit(cmd));
        app.wait_for_jobs(Duration::from_secs(600));
        costs.push(thread_cpu() - cpu0);
    }
    let (m, x) = mean_max(&costs);
    let (mut copies, mut frees) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let Some(d) = app.state.dataset() else {
            return;
        };
        let cpu0 = thread_cpu();
        let copy = std::hint::black_box(factsheet_core::model::Dataset::clone(d));
        let cpu1 = thread_cpu();
        drop(copy);
        copies.push(cpu1 - cpu0);
        frees.push(thread_cpu() - cpu1);
    }
    let (cm, cx) = mean_max(&copies);
    let (fm, fx) = mean_max(&frees);
    eprintln!(
        "gui_frame/edit/{label}: {rounds} edits and undos: UI thread CPU per edit mean {m:.2} ms, \
         max {x:.2} ms; on this thread, a copy of the dataset mean {cm:.2} ms, max {cx:.2} ms, \
         and freeing it mean {fm:.2} ms, max {fx:.2} ms"
    );
}
