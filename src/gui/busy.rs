//! A spinner that turns at ten frames a second.
//!
//! egui's `Spinner` asks for a new frame every frame it is shown: while a
//! million events load, that is 60 frames a second of drawing, which under a
//! software renderer (no GPU, a remote desktop) took a core from the load
//! itself, and on a laptop costs battery for a busy sign.

use std::time::Duration;

use egui::{Pos2, Response, Role, Sense, Shape, Stroke, Ui, Widget, WidgetInfo, emath::lerp, vec2};

/// How often the busy sign is redrawn.
const FRAME: Duration = Duration::from_millis(100);

/// A busy sign the size of a line of text, drawn as egui's spinner is.
#[must_use = "add it to a ui with `ui.add(Busy)`"]
pub struct Busy;

impl Widget for Busy {
    fn ui(self, ui: &mut Ui) -> Response {
        let size = ui.style().spacing.interact_size.y;
        let (rect, response) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
        response.widget_info(|| WidgetInfo::new(Role::ProgressIndicator));
        if ui.is_rect_visible(rect) {
            ui.ctx().request_repaint_after(FRAME);
            let color = ui.visuals().strong_text_color();
            let radius = rect.height().min(rect.width()) * 0.5 - 2.0;
            let n_points = (radius.round() as u32).clamp(8, 128);
            let time = ui.input(|i| i.time);
            let start = time * std::f64::consts::TAU;
            let end = start + 240f64.to_radians() * time.sin();
            let points: Vec<Pos2> = (0..n_points)
                .map(|i| {
                    let angle = lerp(start..=end, f64::from(i) / f64::from(n_points));
                    let (sin, cos) = angle.sin_cos();
                    rect.center() + radius * vec2(cos as f32, sin as f32)
                })
                .collect();
            ui.painter()
                .add(Shape::line(points, Stroke::new(3.0, color)));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How soon the frame after one showing `add` asks to be drawn.
    fn next_frame_after(add: impl Fn(&mut Ui)) -> Option<Duration> {
        let ctx = egui::Context::default();
        // Past the first pass, which egui always follows at once.
        let frame = || {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| add(ui));
            // No renderer here to take the font texture.
            out.textures_delta.clear();
            out
        };
        for _ in 0..3 {
            frame();
        }
        frame()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.repaint_delay)
    }

    #[test]
    fn it_asks_for_ten_frames_a_second_where_egui_s_spinner_asks_for_every_one() {
        assert_eq!(next_frame_after(|ui| drop(ui.add(Busy))), Some(FRAME));
        assert_eq!(
            next_frame_after(|ui| drop(ui.add(egui::Spinner::new()))),
            Some(Duration::ZERO)
        );
    }
}
