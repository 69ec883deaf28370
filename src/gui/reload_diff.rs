//! The file changed on disk while it was edited: what differs between the
//! version on disk and the edited data, listed in the prompt that asks which
//! to keep. The core's [`factsheet_core::diff`] compares the two (the version
//! on disk as its old side, the edits as its new); neither is older than the
//! other here, so each difference is worded with both readings, "on disk"
//! and "your edits", rather than as a change from one to the other: claims,
//! events and sources that only one side has or that differ, and the file's
//! own fields.

use egui::{RichText, Ui};

use super::state::Input;
use factsheet_core::diff::{ClaimEntry, Diff, EventEntry, FieldChange, SourceRef};
use factsheet_core::model::Dataset;

/// Above the list.
pub const HEADING: &str = "What differs";
/// While the version on disk is read and compared.
pub const COMPARING: &str = "Comparing the version on disk with your edits…";
/// When the two hold the same claims, events and sources.
pub const SAME: &str = "The version on disk has the same claims, events and sources as your edits.";
/// A field one side does not give.
pub const NOT_GIVEN: &str = "not given";

/// What the prompt shows of the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReloadDiff {
    /// The version on disk is being read and compared (job `job`).
    Comparing { job: u64 },
    /// What differs, section by section; empty when nothing does.
    Ready(Vec<Section>),
    /// The version on disk does not load: why (its first error). Taking it
    /// would leave nothing to show, so the prompt does not offer it.
    DoesNotLoad(String),
}

/// A headed list of differences, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// Reads the version on disk (`inputs`, as a load reads them) and sets it
/// beside `edited`. Runs on a background thread.
pub fn compare_with_disk(inputs: &[Input], edited: &Dataset) -> ReloadDiff {
    match super::jobs::load_inputs(inputs) {
        Ok(loaded) => ReloadDiff::Ready(sections(&factsheet_core::diff::diff(&loaded.0, edited))),
        Err(errors) => {
            let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
            ReloadDiff::DoesNotLoad(first)
        }
    }
}

/// The differences between `diff`'s old side (the version on disk) and its
/// new side (the edits), each with both readings.
pub fn sections(diff: &Diff) -> Vec<Section> {
    let mut out = Vec::new();
    let mut push = |title: &'static str, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push(Section { title, lines });
        }
    };
    push(
        "The file",
        diff.file
            .iter()
            .map(|f| fields(std::slice::from_ref(f)))
            .collect(),
    );
    push(
        "Claims that differ",
        diff.claims_changed
            .iter()
            .map(|c| format!("{}: {}", claim_head(c), fields(&c.changes)))
            .collect(),
    );
    push(
        "Claims only in your edits",
        diff.claims_added
            .iter()
            .map(|c| format!("{}: {}", claim_head(c), or_not_given(c.new.as_deref())))
            .collect(),
    );
    push(
        "Claims only on disk",
        diff.claims_removed
            .iter()
            .map(|c| format!("{}: {}", claim_head(c), or_not_given(c.old.as_deref())))
            .collect(),
    );
    push(
        "Events that differ",
        diff.events_changed
            .iter()
            .map(|e| format!("{}: {}", event_head(e), fields(&e.changes)))
            .collect(),
    );
    push(
        "Events only in your edits",
        diff.events_added.iter().map(event_head).collect(),
    );
    push(
        "Events only on disk",
        diff.events_removed.iter().map(event_head).collect(),
    );
    push(
        "Sources that differ",
        diff.sources_changed
            .iter()
            .map(|s| format!("{}: {}", source_head(&s.source), fields(&s.changes)))
            .collect(),
    );
    push(
        "Sources only in your edits",
        diff.sources_added.iter().map(source_head).collect(),
    );
    push(
        "Sources only on disk",
        diff.sources_removed.iter().map(source_head).collect(),
    );
    out
}

fn or_not_given(reading: Option<&str>) -> &str {
    reading.unwrap_or(NOT_GIVEN)
}

/// "value: on disk 1,212; your edits 1,300 · status: …".
fn fields(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|f| {
            format!(
                "{}: on disk {}; your edits {}",
                field_name(&f.field),
                or_not_given(f.old.as_deref()),
                or_not_given(f.new.as_deref())
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A field's name in words: "attributed to", "figure f1: received by".
fn field_name(name: &str) -> String {
    let words = |s: &str| s.replace('_', " ");
    match name
        .strip_prefix("figures.")
        .and_then(|rest| rest.rsplit_once('.'))
    {
        Some((id, what)) => format!("figure {id}: {}", words(what)),
        None => words(name),
    }
}

/// "Bodies returned, remains to Ukraine, Coordination Headquarters".
fn claim_head(c: &ClaimEntry) -> String {
    if c.subject == c.parent_title {
        format!("{}, {}", c.parent_title, c.source.name())
    } else {
        format!("{}, {}, {}", c.parent_title, c.subject, c.source.name())
    }
}

/// "2025-06-11, Bodies returned (repatriation of remains)".
fn event_head(e: &EventEntry) -> String {
    format!("{}, {} ({})", e.date, e.title, e.kind.label())
}

/// "Coordination Headquarters (hq)".
fn source_head(s: &SourceRef) -> String {
    format!("{} ({})", s.name(), s.id)
}

/// The list, inside the prompt: each section cut at
/// [`super::version_diff::LINES_SHOWN`] lines, in a scroll area.
pub fn ui(ui: &mut Ui, shown: &ReloadDiff) {
    ui.add_space(4.0);
    ui.strong(HEADING);
    match shown {
        ReloadDiff::Comparing { .. } => {
            ui.horizontal(|ui| {
                ui.add(super::busy::Busy);
                ui.label(RichText::new(COMPARING).weak());
            });
        }
        ReloadDiff::DoesNotLoad(why) => {
            ui.label(format!(
                "The version on disk does not load, so it cannot be taken: {why}"
            ));
        }
        ReloadDiff::Ready(sections) if sections.is_empty() => {
            ui.label(SAME);
        }
        ReloadDiff::Ready(sections) => {
            egui::ScrollArea::vertical()
                .id_salt("reload-diff-list")
                .max_height(320.0)
                .show(ui, |ui| {
                    for section in sections {
                        super::theme::ui_kit::section(ui, section.title);
                        for line in section.lines.iter().take(super::version_diff::LINES_SHOWN) {
                            ui.add(egui::Label::new(line.as_str()).wrap());
                        }
                        if let Some(more) = super::version_diff::more_text(section.lines.len()) {
                            ui.label(RichText::new(more).weak());
                        }
                    }
                });
        }
    }
    ui.add_space(4.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use factsheet_core::model::EventKind;

    fn source() -> SourceRef {
        SourceRef {
            id: "hq".into(),
            outlet: "Coordination Headquarters".into(),
            title: None,
            url: None,
        }
    }

    fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
        FieldChange {
            field: field.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn each_difference_gives_both_sides_readings() {
        let empty = factsheet_core::model::Dataset::empty("t");
        let mut diff = factsheet_core::diff::diff(&empty, &empty);
        diff.claims_changed.push(ClaimEntry {
            on: factsheet_core::diff::ClaimOn::Figure,
            parent_id: "e1".into(),
            parent_title: "Bodies returned".into(),
            item_id: Some("f1".into()),
            subject: "remains to Ukraine".into(),
            source: source(),
            old: None,
            new: None,
            changes: vec![
                change("value", Some("1,212"), Some("1,300")),
                change("attributed_to", None, Some("the headquarters")),
            ],
        });
        diff.events_removed.push(EventEntry {
            id: "e2".into(),
            title: "May exchange".into(),
            date: "2025-05-23".into(),
            kind: EventKind::PrisonerExchange,
            changes: Vec::new(),
            sources: Vec::new(),
        });
        diff.events_changed.push(EventEntry {
            id: "e1".into(),
            title: "Bodies returned".into(),
            date: "2025-06-11".into(),
            kind: EventKind::RemainsRepatriation,
            changes: vec![change(
                "figures.f1.received_by",
                Some("ukraine"),
                Some("russia"),
            )],
            sources: Vec::new(),
        });
        diff.sources_added.push(source());
        assert_eq!(
            sections(&diff),
            [
                Section {
                    title: "Claims that differ",
                    lines: vec![
                        "Bodies returned, remains to Ukraine, Coordination Headquarters: value: \
                         on disk 1,212; your edits 1,300 · attributed to: on disk not given; \
                         your edits the headquarters"
                            .into()
                    ]
                },
                Section {
                    title: "Events that differ",
                    lines: vec![
                        "2025-06-11, Bodies returned (repatriation of remains): figure f1: \
                         received by: on disk ukraine; your edits russia"
                            .into()
                    ]
                },
                Section {
                    title: "Events only on disk",
                    lines: vec!["2025-05-23, May exchange (prisoner exchange)".into()]
                },
                Section {
                    title: "Sources only in your edits",
                    lines: vec!["Coordination Headquarters (hq)".into()]
                },
            ]
        );
    }
}
