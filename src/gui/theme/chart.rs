//! The chart's colours: one hue per receiving side from the Okabe–Ito palette
//! (told apart with any colour vision), a deeper shade for remains and a
//! lighter one for prisoners, each tuned for the light and the dark theme.
//! Lines of prisoners are dashed too, so the groups never rest on colour alone.

use egui::Color32;

use factsheet_core::model::Side;
use factsheet_core::stats::Group;

/// The colour of a side's series of a group.
pub fn series_color(dark_mode: bool, side: Side, group: Group) -> Color32 {
    match (dark_mode, side, group) {
        // Okabe–Ito blue and sky blue; vermillion and orange.
        (false, Side::Ukraine, Group::Remains) => Color32::from_rgb(0, 114, 178),
        (false, Side::Ukraine, Group::Living) => Color32::from_rgb(60, 160, 220),
        (false, Side::Russia, Group::Remains) => Color32::from_rgb(213, 94, 0),
        (false, Side::Russia, Group::Living) => Color32::from_rgb(230, 159, 0),
        (true, Side::Ukraine, Group::Remains) => Color32::from_rgb(86, 160, 233),
        (true, Side::Ukraine, Group::Living) => Color32::from_rgb(140, 205, 245),
        (true, Side::Russia, Group::Remains) => Color32::from_rgb(240, 120, 40),
        (true, Side::Russia, Group::Living) => Color32::from_rgb(240, 190, 60),
    }
}

/// The fill of a bar whose date is vague: the series colour, faint, so the
/// bar reads as "somewhere in here" beside the solid bars of exact days.
pub fn vague_fill(color: Color32) -> Color32 {
    color.gamma_multiply(0.3)
}

/// The outline that marks the selected event's bars and line.
pub fn selection_stroke(dark_mode: bool) -> egui::Stroke {
    if dark_mode {
        egui::Stroke::new(2.5, Color32::WHITE)
    } else {
        egui::Stroke::new(2.5, Color32::BLACK)
    }
}
