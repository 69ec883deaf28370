//! The parts of a figure's claim, as typed: one row per part (what is
//! counted, its label, and how many, typed as the claim's value is: "280", "more than
//! 100"), read by the same reader as the value. A row's reading messages are
//! the "parts" field's, each naming the row ("part 2: …"); what the loader
//! says of the parts (one larger than the whole, a sum that cannot make it)
//! is shown under the rows.

use egui::Ui;
use factsheet_core::model::{Category, List, Part, Quantity, parse_quantity};

use super::Editor;
use super::drafts::{FieldErrors, optional};
use super::fields::message_line;
use super::labels::{ADD_PART_ROW, REMOVE_PART_ROW};

/// The field every row's messages are shown under, as the JSON paths name it.
pub const PARTS: &str = "parts";

/// One part as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct PartRow {
    pub category: Category,
    /// Extra words when the category does not say it ("national guard").
    pub label: String,
    pub value: String,
}

impl PartRow {
    /// A new part: soldiers, with no value yet.
    pub fn new() -> PartRow {
        PartRow {
            category: Category::Soldiers,
            label: String::new(),
            value: String::new(),
        }
    }

    pub fn of(p: &Part) -> PartRow {
        PartRow {
            category: p.category,
            label: p.label.as_deref().unwrap_or("").to_string(),
            value: p.value.to_string(),
        }
    }
}

impl Default for PartRow {
    fn default() -> PartRow {
        PartRow::new()
    }
}

/// The rows of `parts`.
pub fn rows_of(parts: &[Part]) -> Vec<PartRow> {
    parts.iter().map(PartRow::of).collect()
}

/// The parts the rows make; a value that cannot be read is previewed as
/// "not disclosed" (which leaves the sum open, so the loader says nothing
/// of it) and its message added to `errors`.
pub fn read_rows(rows: &[PartRow], errors: &mut FieldErrors) -> List<Part> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let value = parse_quantity(&row.value)
                .map_err(|e| errors.push((PARTS, format!("part {}: {e}", i + 1))))
                .unwrap_or(Quantity::NotDisclosed);
            Part {
                category: row.category,
                label: optional(&row.label),
                value,
            }
        })
        .collect()
}

/// The parts, one group of fields each ("Part 1 category", "Part 1 label",
/// "Part 1 value"),
/// with "Remove part N" and "Add a part"; each row's reading message under
/// it, and the loader's messages about the parts under them all.
pub(super) fn part_rows(ui: &mut Ui, editor: &Editor, rows: &mut Vec<PartRow>) {
    ui.label(egui::RichText::new("Parts (optional: 400 = 280 soldiers + 120 civilians)").strong());
    let all = editor.messages(PARTS);
    let of_row = |n: usize| format!("part {n}:");
    let mut remove = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let n = i + 1;
        ui.push_id(("part", i), |ui| {
            let label = ui.label(format!("Part {n} category"));
            egui::ComboBox::from_id_salt("category")
                .selected_text(row.category.label())
                .show_ui(ui, |ui| {
                    for cat in Category::ALL {
                        ui.selectable_value(&mut row.category, cat, cat.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(format!("Part {n} label (optional: national guard)"));
            ui.add(egui::TextEdit::singleline(&mut row.label).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            let label = ui.label(format!("Part {n} value (280 · more than 100)"));
            ui.add(egui::TextEdit::singleline(&mut row.value).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            for (error, message) in all.iter().filter(|(_, m)| m.starts_with(&of_row(n))) {
                message_line(ui, *error, message);
            }
            if ui.small_button(format!("{REMOVE_PART_ROW} {n}")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove.filter(|i| *i < rows.len()) {
        rows.remove(i);
    }
    if ui.small_button(ADD_PART_ROW).clicked() {
        rows.push(PartRow::new());
    }
    let rows_shown = rows.len();
    for (error, message) in &all {
        if !(1..=rows_shown).any(|n| message.starts_with(&of_row(n))) {
            message_line(ui, *error, message);
        }
    }
}
