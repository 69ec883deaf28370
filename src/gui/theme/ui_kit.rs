//! The app's own look, in one place (after rerun's re_ui): colours for agreement
//! and status, the icons drawn beside them, spacing, and small widgets that
//! several panels share. Meaning never rests on colour alone: every coloured
//! mark carries an icon and words too.

use egui::{Color32, RichText, Ui};

use super::super::comparison::{Divergence, PointClass};
use super::super::state::ThemeChoice;
use factsheet_core::model::ClaimStatus;

/// Space between groups of widgets.
pub const GAP: f32 = 8.0;
/// Height of one events-table row.
pub const ROW_HEIGHT: f32 = 22.0;
/// Default width of the sources panel.
pub const SIDE_PANEL_WIDTH: f32 = 380.0;

pub const ICON_CONFLICT: &str = "⚠";
pub const ICON_COMPATIBLE: &str = "≈";
pub const ICON_AGREE: &str = "✔";
pub const ICON_SINGLE: &str = "•";
pub const ICON_UNDISCLOSED: &str = "?";
pub const ICON_LINK: &str = "🔗";
pub const ICON_OPEN: &str = "📂";
pub const ICON_EXPORT: &str = "💾";

/// "1 source", "2,000 sources": a count with its noun agreeing.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", factsheet_core::model::thousands(n as u64)),
    }
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::Light => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    });
}

fn dark(ui: &Ui) -> bool {
    ui.visuals().dark_mode
}

pub fn conflict_color(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(255, 120, 100)
    } else {
        Color32::from_rgb(190, 30, 20)
    }
}

pub fn compatible_color(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(240, 200, 90)
    } else {
        Color32::from_rgb(150, 100, 0)
    }
}

pub fn agree_color(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(120, 210, 130)
    } else {
        Color32::from_rgb(20, 120, 40)
    }
}

pub fn muted_color(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

/// Background tint for a row or cell where sources disagree.
pub fn conflict_fill(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgba_unmultiplied(160, 40, 30, 70)
    } else {
        Color32::from_rgba_unmultiplied(230, 60, 40, 40)
    }
}

pub fn class_icon(class: PointClass) -> &'static str {
    match class {
        PointClass::Agree => ICON_AGREE,
        PointClass::Compatible => ICON_COMPATIBLE,
        PointClass::Conflicting => ICON_CONFLICT,
        PointClass::SingleSource => ICON_SINGLE,
        PointClass::NotDisclosed => ICON_UNDISCLOSED,
    }
}

pub fn class_color(ui: &Ui, class: PointClass) -> Color32 {
    match class {
        PointClass::Agree => agree_color(ui),
        PointClass::Compatible => compatible_color(ui),
        PointClass::Conflicting => conflict_color(ui),
        PointClass::SingleSource | PointClass::NotDisclosed => muted_color(ui),
    }
}

/// Icon and words for a point's class, coloured.
pub fn class_badge(ui: &Ui, class: PointClass) -> RichText {
    RichText::new(format!("{} {}", class_icon(class), class.label())).color(class_color(ui, class))
}

/// The disagreement column's mark for an event: icon plus colour, empty when nothing is disputed.
pub fn agreement_mark(ui: &Ui, agreement: Divergence) -> Option<(RichText, &'static str)> {
    match agreement {
        Divergence::Conflict => Some((
            RichText::new(format!("{ICON_CONFLICT} disputed"))
                .color(conflict_color(ui))
                .strong(),
            "Sources contradict each other on at least one figure or fact",
        )),
        Divergence::Compatible => Some((
            RichText::new(format!("{ICON_COMPATIBLE} differ")).color(compatible_color(ui)),
            "Sources word figures differently, but all can be right",
        )),
        Divergence::None => None,
    }
}

pub fn status_text(ui: &Ui, status: ClaimStatus) -> RichText {
    let text = RichText::new(status.label()).small();
    match status {
        ClaimStatus::Confirmed => text.color(agree_color(ui)),
        ClaimStatus::Denied => text.color(conflict_color(ui)),
        ClaimStatus::Claimed | ClaimStatus::Unconfirmed => text.color(muted_color(ui)),
    }
}

/// A section heading inside a panel.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(GAP / 2.0);
    ui.label(RichText::new(title).strong());
}
