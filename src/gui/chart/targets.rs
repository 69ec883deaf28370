//! Agreement targets in the cumulative view: a dashed line per target from the
//! agreement's first day on, and its label at the right end of what is on
//! screen, stacked so that no two labels print over one another however close
//! their lines are. A label with no room left is not drawn; hovering a line
//! names its target in the tooltip either way ([`near`]).

use egui::{Align2, Color32, Pos2, RichText, Ui};
use egui_plot::{Line, LineStyle, PlotPoint, PlotTransform, PlotUi, Text};

use super::series::Target;

/// Space between two stacked labels, in points.
const LABEL_GAP: f32 = 2.0;
/// How close (in points) the pointer must be to a target's line to name it.
const LINE_HIT_POINTS: f64 = 6.0;

/// Where labels `height` points tall go, given the screen y each would sit on
/// (its bottom, on its line): the same order top to bottom, each at least
/// `height` plus a gap below the one above, pushed down as little as may be,
/// then up if the lowest would pass `bottom`. `None` for a label with no room
/// left between `top` and `bottom`.
pub fn stack(wanted: &[f32], height: f32, top: f32, bottom: f32) -> Vec<Option<f32>> {
    let step = height + LABEL_GAP;
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| {
        let (ya, yb) = (wanted.get(a), wanted.get(b));
        ya.partial_cmp(&yb)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut placed: Vec<f32> = Vec::with_capacity(order.len());
    for &i in &order {
        let want = wanted.get(i).copied().unwrap_or(bottom).max(top + height);
        let y = placed.last().map_or(want, |&above| want.max(above + step));
        placed.push(y);
    }
    // Up from the bottom, when the stack runs past it.
    let mut below = bottom + step;
    for y in placed.iter_mut().rev() {
        *y = y.min(below - step);
        below = *y;
    }
    let mut out = vec![None; wanted.len()];
    for (&i, &y) in order.iter().zip(&placed) {
        if let Some(slot) = out.get_mut(i) {
            *slot = (y - height >= top - 0.5).then_some(y);
        }
    }
    out
}

/// Draws `targets`' lines, and their labels stacked at the right end of the
/// data or of the screen, whichever comes first.
pub fn draw(plot_ui: &mut PlotUi, targets: &[(&Target, Color32)], x_end: f64) {
    let transform = *plot_ui.transform();
    for (t, color) in targets {
        let level = t.level() as f64;
        plot_ui.line(
            Line::new(
                "",
                vec![[t.since, level], [x_end.max(t.since + 1.0), level]],
            )
            .color(*color)
            .style(LineStyle::dashed_loose())
            .width(1.5)
            .allow_hover(false),
        );
    }
    let labelled: Vec<&(&Target, Color32)> = targets
        .iter()
        .filter(|(t, _)| !t.label.is_empty())
        .collect();
    if labelled.is_empty() {
        return;
    }
    let font = egui::TextStyle::Small.resolve(&plot_ui.ctx().global_style());
    let height = plot_ui.ctx().fonts_mut(|fonts| fonts.row_height(&font));
    let wanted: Vec<f32> = labelled
        .iter()
        .map(|(t, _)| transform.position_from_point_y(t.level() as f64))
        .collect();
    let frame = transform.frame();
    // Clear of the legend in the top left, and on screen when zoomed in.
    let x = x_end.min(transform.bounds().max()[0]);
    for ((t, color), y) in labelled
        .iter()
        .zip(stack(&wanted, height, frame.top(), frame.bottom()))
    {
        let Some(y) = y else {
            continue;
        };
        let at = transform.value_from_position(Pos2::new(frame.left(), y));
        plot_ui.text(
            Text::new("", PlotPoint::new(x, at.y), RichText::new(&t.label).small())
                .color(*color)
                .anchor(Align2::RIGHT_BOTTOM)
                .allow_hover(false),
        );
    }
}

/// The targets whose line passes under the pointer at `pos`.
pub fn near<'a>(
    targets: &[(&'a Target, Color32)],
    transform: &PlotTransform,
    pos: Pos2,
) -> Vec<(&'a Target, Color32)> {
    let at = transform.value_from_position(pos);
    let slack = LINE_HIT_POINTS * transform.dvalue_dpos()[1].abs();
    targets
        .iter()
        .filter(|(t, _)| at.x >= t.since && (at.y - t.level() as f64).abs() <= slack)
        .copied()
        .collect()
}

/// The tooltip's lines for the targets under the pointer.
pub fn tooltip(ui: &mut Ui, near: &[(&Target, Color32)]) {
    for (t, color) in near {
        ui.label(
            RichText::new(format!(
                "target: {} {} {} ({}), {} delivered",
                t.promised,
                t.group.label(),
                t.side.to_label(),
                t.agreement,
                t.delivered.text()
            ))
            .color(*color),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::stack;

    #[test]
    fn close_labels_are_stacked_apart_in_their_order() {
        // Three lines 5 points apart, labels 12 tall: each goes 14 below the one above.
        assert_eq!(
            stack(&[105.0, 100.0, 110.0], 12.0, 0.0, 400.0),
            [Some(114.0), Some(100.0), Some(128.0)]
        );
        // Apart already: left where they are.
        assert_eq!(
            stack(&[50.0, 200.0], 12.0, 0.0, 400.0),
            [Some(50.0), Some(200.0)]
        );
        // At the bottom edge: the stack goes up instead.
        assert_eq!(
            stack(&[398.0, 399.0], 12.0, 0.0, 400.0),
            [Some(386.0), Some(400.0)]
        );
        // No room for three in 30 points: the top one is left out.
        assert_eq!(
            stack(&[20.0, 21.0, 22.0], 12.0, 0.0, 30.0),
            [None, Some(16.0), Some(30.0)]
        );
        assert!(stack(&[], 12.0, 0.0, 30.0).is_empty());
    }
}
