//! The plot itself: bars per time bin ([`super::binned`]) or cumulative step
//! lines per receiving side and group, agreement targets ([`super::targets`]),
//! the selected event marked, a tooltip naming the event(s) and value under
//! the pointer, and clicks that select an event.
//!
//! Items are rebuilt each frame from the cached [`super::series::ChartData`]
//! (egui_plot keeps no items between frames); that is a few thousand points,
//! whatever the number of events. Hover and clicks are hit-tested here, against
//! the same geometry, rather than by egui_plot, so the tooltip can say which
//! events a bar stands for.

use egui::{Align2, Color32, Id, Pos2, Rect, RichText, Ui};
use egui_plot::{
    Bar, BarChart, Corner, ItemId, Legend, Line, LineStyle, Plot, PlotMemory, PlotPoint,
    PlotTransform, Text, VLine,
};

use super::series::{ChartPoint, ChartSeries};
use super::{CHART_LABEL, Mode, axis, binned, targets};
use crate::gui::command::Command;
use crate::gui::state::AppState;
use crate::gui::theme::chart as colors;
use factsheet_core::model::{Side, thousands};
use factsheet_core::stats::{BinSize, Group, Sum};

/// A bin's bar (a series' share of it) is drawn at least this many points
/// wide, so a day stays visible and clickable over a span of years.
const MIN_BAR_POINTS: f64 = 4.0;
/// Bars are at least this many points tall for hovering and clicking.
const MIN_HIT_POINTS: f64 = 8.0;
/// At most one "?" or "≥" mark per this many points of width, per series.
const MARK_GAP_POINTS: f32 = 14.0;
/// The marks' font size, about their height, in points.
const MARK_POINTS: f64 = 14.0;
/// How close (in points) the pointer must be to a step of a cumulative line.
const STEP_HIT_POINTS: f64 = 8.0;

/// What the plot left for the rest of the tab.
pub struct Drawn {
    /// Where the plot was drawn, for cropping a screenshot to it.
    pub plot_rect: Option<Rect>,
    /// Labels of the series the user switched off in the legend.
    pub hidden: Vec<String>,
    /// The size of the bars' time bins, in the per-period view, and the
    /// series in those bins (every side and group).
    pub bins: Option<BinSize>,
    pub binned: Option<std::sync::Arc<[ChartSeries]>>,
}

/// The plot's id: its memory (zoom, legend toggles) lives under it.
pub fn plot_id() -> Id {
    Id::unique("factsheet-chart")
}

fn hidden_ids(ctx: &egui::Context) -> egui_plot::ItemIdSet {
    PlotMemory::load(ctx, plot_id())
        .map(|m| m.hidden_items)
        .unwrap_or_default()
}

/// Labels of the series switched off in the plot's legend.
pub fn hidden_labels(ctx: &egui::Context, data: &super::series::ChartData) -> Vec<String> {
    let ids = hidden_ids(ctx);
    data.series
        .iter()
        .filter(|s| ids.contains(&ItemId::new(s.label.as_str())))
        .map(|s| s.label.clone())
        .collect()
}

/// A series on screen: its place among the visible ones, for side-by-side bars.
struct Shown<'a> {
    series: &'a ChartSeries,
    color: Color32,
    slot: usize,
    /// Place among all the series shown, for marks that must not overlap.
    index: usize,
}

/// Bar geometry for one frame, shared by drawing and hit-testing.
#[derive(Clone, Copy)]
struct Layout {
    /// Width of a series' bar in a bin (or on an exact day), in days.
    bar_width: f64,
    slots: usize,
    /// Width of a "?" mark, in days, and how many series share the space.
    mark_width: f64,
    series: usize,
}

impl Layout {
    fn bar_x(&self, point: &ChartPoint, slot: usize) -> (f64, f64) {
        if point.exact() {
            let offset = (slot as f64 - (self.slots as f64 - 1.0) / 2.0) * self.bar_width;
            let mid = point.x_mid() + offset;
            (mid - self.bar_width / 2.0, mid + self.bar_width / 2.0)
        } else {
            (point.x0, point.x1)
        }
    }
}

/// The outline from above of bars given as (left, right, height) in screen
/// points: runs of one-point columns of equal height, as (left, right,
/// height), left to right, between `from` and `to`. A bar narrower than a
/// column still fills the column it lies in.
fn envelope(bars: &[(f32, f32, f64)], from: f32, to: f32) -> Vec<(f32, f32, f64)> {
    let first = from.floor();
    // A plot is at most a few thousand points wide; the bound keeps a broken
    // transform from asking for a huge buffer.
    let columns = ((to.ceil() - first) as usize).min(1 << 16);
    if bars.is_empty() || columns == 0 {
        return Vec::new();
    }
    let mut heights = vec![0.0f64; columns];
    for &(left, right, height) in bars {
        let (left, right) = (left.min(right) - first, left.max(right) - first);
        // Float-to-integer casts saturate: spans off screen clamp to its edges.
        let start = (left.floor() as usize).min(columns - 1);
        let end = (right.ceil() as usize).clamp(start + 1, columns);
        if right < 0.0 || left > columns as f32 {
            continue;
        }
        for h in heights.get_mut(start..end).into_iter().flatten() {
            *h = h.max(height);
        }
    }
    let mut runs = Vec::new();
    let mut column = 0;
    while let Some(&height) = heights.get(column) {
        let run = heights
            .get(column..)
            .map_or(0, |rest| rest.iter().take_while(|&&h| h == height).count());
        if height > 0.0 {
            runs.push((first + column as f32, first + (column + run) as f32, height));
        }
        column += run.max(1);
    }
    runs
}

/// "sources range 1,201 – 1,250", or open-ended.
pub fn range_text(sum: &Sum) -> String {
    match sum.high {
        Some(high) => format!("sources range {}–{}", thousands(sum.low), thousands(high)),
        None => format!("sources say at least {}", thousands(sum.low)),
    }
}

/// The selected event in words, with what each side received.
pub fn selected_readout(state: &AppState) -> Option<String> {
    let row = state.selected_row()?;
    let mut parts = vec![format!("Selected: {} ({})", row.title, row.date_text)];
    if !row.to_ukraine_text.is_empty() {
        parts.push(format!("to Ukraine: {}", row.to_ukraine_text));
    }
    if !row.to_russia_text.is_empty() {
        parts.push(format!("to Russia: {}", row.to_russia_text));
    }
    if state.selected_position().is_none() {
        parts.push("(hidden by the filters)".to_string());
    }
    Some(parts.join(" · "))
}

/// Where the selected event sits in a series, if it is charted there: its
/// point, or the bin that holds it.
fn selected_point<'a>(state: &AppState, series: &'a ChartSeries) -> Option<&'a ChartPoint> {
    let index = state.selected?;
    let event = state.dataset()?.events.get(index)?;
    let (first, last) = event.date.bounds();
    series.points.iter().find(|p| {
        let same_date = p.point.date == event.date.on
            && p.point.first == first
            && p.point.last == last
            && p.point.exact == event.date.is_exact_day();
        // Bins are drawn as exact; a vague point left out of the bins is not.
        let in_bin = p.exact() && p.point.first <= first && last <= p.point.last;
        (same_date || in_bin) && (p.events.contains(&index) || p.point.events > p.events.len())
    })
}

/// What a mark above a bar says: "?" for figures no source gives a number
/// for, "≥" for a total the sources only bound (the bar stands at its lower bound).
fn mark_text(sum: &Sum) -> Option<&'static str> {
    match (sum.best.is_none(), sum.undisclosed > 0) {
        (true, true) => Some("≥?"),
        (true, false) => Some("≥"),
        (false, true) => Some("?"),
        (false, false) => None,
    }
}

/// The bin size to draw at: the one chosen by hand, or the one that suits
/// the span the plot showed last (the whole data on its first frame) with
/// the series on.
pub fn bin_size(ui: &Ui, state: &AppState) -> BinSize {
    let groups = state.chart.shown.groups();
    let hidden = hidden_ids(ui.ctx());
    let series = state
        .chart_view
        .data
        .series
        .iter()
        .filter(|s| groups.contains(&s.group))
        .filter(|s| !hidden.contains(&ItemId::new(s.label.as_str())))
        .count();
    let (span, width) = match PlotMemory::load(ui.ctx(), plot_id()) {
        Some(memory) => {
            let transform = memory.transform();
            (
                transform.bounds().width(),
                f64::from(transform.frame().width()),
            )
        }
        None => (
            state
                .chart_view
                .data
                .x_range
                .map_or(1.0, |(first, end)| end - first),
            f64::from(ui.available_width()),
        ),
    };
    binned::size_for(state.chart.bins, span, width, series)
}

/// Draws the plot `height` points tall; pushes a selection when a bar is clicked.
pub fn plot(ui: &mut Ui, state: &AppState, height: f32, cmds: &mut Vec<Command>) -> Drawn {
    let data = &state.chart_view.data;
    let settings = &state.chart;
    let mode = settings.mode;
    let dark = ui.visuals().dark_mode;
    let hidden_ids = hidden_ids(ui.ctx());
    let groups = settings.shown.groups();
    // The per-period view draws each series grouped into time bins.
    let size = (mode == Mode::PerEvent).then(|| bin_size(ui, state));
    let binned = size.map(|size| data.binned(size));
    let source: &[ChartSeries] = binned.as_deref().unwrap_or(&data.series);
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    let mut slots = 0;
    for s in source.iter().filter(|s| groups.contains(&s.group)) {
        if hidden_ids.contains(&ItemId::new(s.label.as_str())) {
            hidden.push(s.label.clone());
            continue;
        }
        shown.push(Shown {
            series: s,
            color: colors::series_color(dark, s.side, s.group),
            slot: slots,
            index: shown.len(),
        });
        // Only exact days and bins stand side by side; vague bars span their days.
        if s.points.iter().any(ChartPoint::exact) {
            slots += 1;
        }
    }
    // Hidden series still need an item each, for the legend to offer them back.
    let legend_only: Vec<(&ChartSeries, Color32)> = data
        .series
        .iter()
        .filter(|s| groups.contains(&s.group) && hidden.contains(&s.label))
        .map(|s| (s, colors::series_color(dark, s.side, s.group)))
        .collect();

    let targets: Vec<(&super::series::Target, Color32)> =
        if mode == Mode::Cumulative && settings.targets {
            data.targets
                .iter()
                .filter(|t| {
                    shown
                        .iter()
                        .any(|s| s.series.side == t.side && s.series.group == t.group)
                })
                .map(|t| (t, colors::series_color(dark, t.side, t.group)))
                .collect()
        } else {
            Vec::new()
        };
    let selected: Vec<(usize, &ChartPoint)> = shown
        .iter()
        .filter_map(|s| selected_point(state, s.series).map(|p| (s.slot, p)))
        .collect();
    let selection_stroke = colors::selection_stroke(dark);
    let text_color = ui.visuals().text_color();
    let (x_start, x_end) = data.x_range.unwrap_or((0.0, 1.0));

    let mut plot = Plot::new("chart")
        .id(plot_id())
        .height(height)
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .x_grid_spacer(axis::date_marks)
        .x_axis_formatter(axis::date_label)
        .y_axis_formatter(axis::value_label)
        .y_axis_min_width(52.0)
        .y_axis_label(match mode {
            Mode::PerEvent => match size {
                Some(size) => binned::axis_label(size),
                None => "received per period",
            },
            Mode::Cumulative => "received in total",
        })
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_x(x_start - 1.0)
        .include_x(x_end + 1.0);
    // Zoomed in by hand, the bars off screen are left out, so that the value
    // axis fits the bars on screen (as the plot showed them last frame).
    let visible = PlotMemory::load(ui.ctx(), plot_id())
        .filter(|m| mode == Mode::PerEvent && !m.auto_bounds.x)
        .map(|m| (m.bounds().min()[0], m.bounds().max()[0]));
    let on_screen = |p: &ChartPoint| visible.is_none_or(|(a, b)| p.x1 >= a && p.x0 <= b);
    if mode == Mode::PerEvent {
        // Room above the tallest bar for the marks of undisclosed or bounded figures.
        let bar_max = shown
            .iter()
            .flat_map(|s| &s.series.points)
            .filter(|p| on_screen(p))
            .map(|p| p.point.sum.drawn())
            .max()
            .unwrap_or(0);
        plot = plot
            .include_y(bar_max as f64 * 1.08)
            // Bars change height with the bin size: the value axis always fits
            // them, and zoom and drag move along time only.
            .allow_zoom(egui::Vec2b::new(true, false))
            .allow_drag(egui::Vec2b::new(true, false));
        if let Some(mut memory) = PlotMemory::load(ui.ctx(), plot_id())
            && !memory.auto_bounds.y
        {
            memory.auto_bounds.y = true;
            memory.store(ui.ctx(), plot_id());
        }
    }

    let scoped = ui.scope(|ui| {
        plot.show(ui, |plot_ui| {
            let days_per_point = plot_ui.transform().dvalue_dpos()[0].abs();
            // A bin's bars side by side fill most of its days.
            let bar_days =
                size.map_or(0.8, |size| 0.85 * size.average_days() / slots.max(1) as f64);
            let layout = Layout {
                bar_width: bar_days.max(MIN_BAR_POINTS * days_per_point),
                slots: slots.max(1),
                mark_width: 12.0 * days_per_point,
                series: shown.len().max(1),
            };
            for s in &shown {
                match mode {
                    Mode::PerEvent => {
                        let transform = *plot_ui.transform();
                        // Exact days less than a point apart on screen (years of data
                        // zoomed out) share one bar, as tall as the tallest: the same
                        // picture with a bar per visible column instead of per day.
                        let mut bars: Vec<Bar> = Vec::with_capacity(s.series.points.len());
                        let mut last_exact: Option<(f32, usize)> = None;
                        let mut vague = Vec::new();
                        for p in s.series.points.iter().filter(|p| on_screen(p)) {
                            let (a, b) = layout.bar_x(p, s.slot);
                            let value = p.point.sum.drawn() as f64;
                            if !p.exact() {
                                vague.push((
                                    transform.position_from_point_x(a),
                                    transform.position_from_point_x(b),
                                    value,
                                ));
                                continue;
                            }
                            let x = transform.position_from_point_x((a + b) / 2.0);
                            if let Some((last_x, at)) = last_exact
                                && (x - last_x).abs() < 1.0
                            {
                                if let Some(bar) = bars.get_mut(at) {
                                    bar.value = bar.value.max(value);
                                }
                                continue;
                            }
                            last_exact = Some((x, bars.len()));
                            bars.push(
                                Bar::new((a + b) / 2.0, value)
                                    .width(b - a)
                                    .fill(s.color)
                                    .stroke(egui::Stroke::new(1.0, s.color)),
                            );
                        }
                        // Vague spans (thousands over years of data, most overlapping)
                        // are drawn as their outline from above: one bar per run of
                        // screen columns of equal height. A bar per span was a
                        // rectangle each to tessellate, most of a frame at 100k events.
                        let frame = transform.frame();
                        let to_x = |px: f32| transform.value_from_position(egui::pos2(px, 0.0)).x;
                        for (left, right, value) in envelope(&vague, frame.left(), frame.right()) {
                            let (a, b) = (to_x(left), to_x(right));
                            bars.push(
                                Bar::new((a + b) / 2.0, value)
                                    .width(b - a)
                                    .fill(colors::vague_fill(s.color))
                                    .stroke(egui::Stroke::new(1.0, s.color)),
                            );
                        }
                        plot_ui.bar_chart(
                            BarChart::new(s.series.label.as_str(), bars)
                                .color(s.color)
                                .id(s.series.label.as_str())
                                .allow_hover(false),
                        );
                        // Figures no source puts a number on get a "?" where the bar would
                        // be, totals the sources only bound a "≥" over the bar: neither reads
                        // as an exact count, and an undisclosed bin not as a zero. At most one
                        // mark per MARK_GAP_POINTS of width (more would print over one another,
                        // and a mark per point cost most of a frame over years of data; the
                        // points come in date order, but vague spans interleave with bins:
                        // comparing with the last mark drawn let thousands through at 1M
                        // events), each text laid out once (laying out each mark was a third
                        // of a frame).
                        let mut marked: foldhash::HashSet<i32> = foldhash::HashSet::default();
                        let mut galleys: Vec<(&str, std::sync::Arc<egui::Galley>)> = Vec::new();
                        for p in s.series.points.iter().filter(|p| on_screen(p)) {
                            let Some(text) = mark_text(&p.point.sum) else {
                                continue;
                            };
                            let (a, b) = layout.bar_x(p, s.slot);
                            let x = if p.exact() {
                                (a + b) / 2.0
                            } else {
                                // Vague bars share their days: the marks stand side by side.
                                let offset = s.index as f64 - (layout.series as f64 - 1.0) / 2.0;
                                p.x_mid() + offset * layout.mark_width
                            };
                            let at = transform.position_from_point(&PlotPoint::new(
                                x,
                                p.point.sum.drawn() as f64,
                            ));
                            if !marked.insert((at.x / MARK_GAP_POINTS).floor() as i32) {
                                continue;
                            }
                            let galley = match galleys.iter().find(|(t, _)| *t == text) {
                                Some((_, g)) => std::sync::Arc::clone(g),
                                None => {
                                    let g = plot_ui.ctx().fonts_mut(|fonts| {
                                        fonts.layout_no_wrap(
                                            text.to_string(),
                                            egui::FontId::proportional(MARK_POINTS as f32),
                                            s.color,
                                        )
                                    });
                                    galleys.push((text, std::sync::Arc::clone(&g)));
                                    g
                                }
                            };
                            plot_ui.text(
                                Text::new(
                                    "",
                                    PlotPoint::new(x, p.point.sum.drawn() as f64),
                                    egui::WidgetText::Galley(galley),
                                )
                                .anchor(Align2::CENTER_BOTTOM)
                                .allow_hover(false),
                            );
                        }
                    }
                    Mode::Cumulative => {
                        let mut points = Vec::with_capacity(s.series.points.len() * 2 + 2);
                        let mut previous = 0.0;
                        points.push([x_start, 0.0]);
                        let mut vague = Vec::new();
                        for p in &s.series.points {
                            let x = p.x_mid();
                            let y = p.point.cumulative as f64;
                            points.push([x, previous]);
                            points.push([x, y]);
                            if !p.exact() {
                                // The step happened somewhere in these days.
                                vague.push(
                                    Bar::new(x, y - previous)
                                        .base_offset(previous)
                                        .width(p.x1 - p.x0)
                                        .fill(colors::vague_fill(s.color))
                                        .stroke(egui::Stroke::new(0.5, s.color)),
                                );
                            }
                            previous = y;
                        }
                        points.push([x_end, previous]);
                        let style = match s.series.group {
                            Group::Remains => LineStyle::Solid,
                            Group::Living => LineStyle::dashed_dense(),
                        };
                        plot_ui.line(
                            Line::new(s.series.label.as_str(), points)
                                .color(s.color)
                                .width(2.0)
                                .style(style)
                                // Steps are vertical runs; banding would fill under them.
                                .allow_band(false)
                                .id(s.series.label.as_str())
                                .allow_hover(false),
                        );
                        if !vague.is_empty() {
                            plot_ui.bar_chart(
                                BarChart::new(s.series.label.as_str(), vague)
                                    .color(s.color)
                                    .id(s.series.label.as_str())
                                    .allow_hover(false),
                            );
                        }
                    }
                }
            }
            for (s, color) in &legend_only {
                plot_ui.line(
                    Line::new(s.label.as_str(), Vec::<[f64; 2]>::new())
                        .color(*color)
                        .id(s.label.as_str()),
                );
            }
            targets::draw(plot_ui, &targets, x_end);
            if let Some((_, p)) = selected.first() {
                plot_ui.vline(
                    VLine::new("", p.x_mid())
                        .color(text_color.gamma_multiply(0.6))
                        .style(LineStyle::dotted_dense())
                        .allow_hover(false),
                );
            }
            if mode == Mode::PerEvent && !selected.is_empty() {
                let outlines: Vec<Bar> = selected
                    .iter()
                    .map(|(slot, p)| {
                        let (a, b) = layout.bar_x(p, *slot);
                        Bar::new((a + b) / 2.0, p.point.sum.drawn() as f64)
                            .width(b - a)
                            .fill(Color32::TRANSPARENT)
                            .stroke(selection_stroke)
                    })
                    .collect();
                plot_ui.bar_chart(BarChart::new("", outlines).allow_hover(false));
            }
            layout
        })
    });
    let plot_rect = scoped.response.rect;
    let response = scoped.inner;
    let layout = response.inner;
    let transform = response.transform;
    let plot_response = response.response;
    let mode_label = match size {
        Some(size) => format!("per {}", size.label().to_lowercase()),
        None => "cumulative".to_string(),
    };
    plot_response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("{CHART_LABEL}, {mode_label}"),
        )
    });

    let hits = plot_response
        .hover_pos()
        .map(|pos| hit_test(&shown, layout, mode, &transform, pos))
        .unwrap_or_default();
    if plot_response.clicked()
        && let Some(pos) = plot_response.interact_pointer_pos()
    {
        let clicked = hit_test(&shown, layout, mode, &transform, pos);
        let event = clicked
            .iter()
            .find(|(_, p)| p.exact())
            .or(clicked.first())
            .and_then(|(_, p)| p.events.first().copied());
        if let Some(index) = event {
            cmds.push(Command::Select(Some(index)));
        }
    }
    if let Some(pos) = plot_response.hover_pos() {
        let at = transform.value_from_position(pos);
        let plot_response = if hits.is_empty() {
            plot_response
        } else {
            plot_response.on_hover_cursor(egui::CursorIcon::PointingHand)
        };
        let near = targets::near(&targets, &transform, pos);
        if !hits.is_empty() || mode == Mode::Cumulative {
            plot_response.on_hover_ui_at_pointer(|ui| {
                tooltip(ui, state, &shown, &hits, mode, at.x);
                if !near.is_empty() {
                    ui.separator();
                    targets::tooltip(ui, &near);
                }
            });
        }
    }

    Drawn {
        plot_rect: Some(plot_rect),
        hidden,
        bins: size,
        binned,
    }
}

/// The points under `pos`: bars whose (widened) extent contains it, or the
/// cumulative steps near it.
fn hit_test<'a>(
    shown: &[Shown<'a>],
    layout: Layout,
    mode: Mode,
    transform: &PlotTransform,
    pos: Pos2,
) -> Vec<(&'a ChartSeries, &'a ChartPoint)> {
    let at = transform.value_from_position(pos);
    let [days_per_point, value_per_point] = transform.dvalue_dpos();
    let (days_per_point, value_per_point) = (days_per_point.abs(), value_per_point.abs());
    let mut hits = Vec::new();
    for s in shown {
        for p in &s.series.points {
            let hit = match mode {
                Mode::PerEvent => {
                    let (a, b) = layout.bar_x(p, s.slot);
                    let drawn = p.point.sum.drawn() as f64;
                    // A bar with a mark is hit up to the mark's top too.
                    let mark = match mark_text(&p.point.sum) {
                        Some(_) => MARK_POINTS * value_per_point,
                        None => 0.0,
                    };
                    let top = (drawn + mark).max(MIN_HIT_POINTS * value_per_point);
                    at.x >= a
                        && at.x <= b
                        && at.y >= -MIN_HIT_POINTS * value_per_point
                        && at.y <= top
                }
                Mode::Cumulative => {
                    let near = STEP_HIT_POINTS * days_per_point;
                    let (a, b) = if p.exact() {
                        (p.x_mid() - near, p.x_mid() + near)
                    } else {
                        (p.x0, p.x1)
                    };
                    let below = p.point.cumulative.saturating_sub(p.point.sum.drawn());
                    let slack = STEP_HIT_POINTS * value_per_point;
                    at.x >= a
                        && at.x <= b
                        && at.y >= below as f64 - slack
                        && at.y <= p.point.cumulative as f64 + slack
                }
            };
            if hit {
                hits.push((s.series, p));
            }
        }
    }
    hits
}

fn tooltip(
    ui: &mut Ui,
    state: &AppState,
    shown: &[Shown<'_>],
    hits: &[(&ChartSeries, &ChartPoint)],
    mode: Mode,
    x: f64,
) {
    let dark = ui.visuals().dark_mode;
    if mode == Mode::Cumulative {
        if let Some(day) = axis::day_at(x) {
            ui.label(RichText::new(format!("By {day}")).strong());
        }
        for s in shown {
            // The running total of the last step at or before the pointer.
            let upto = s.series.points.partition_point(|p| p.x_mid() <= x);
            let total = upto
                .checked_sub(1)
                .and_then(|i| s.series.points.get(i))
                .map_or_else(|| "0".to_string(), |p| p.point.cumulative_text());
            ui.label(RichText::new(format!("{}: {}", s.series.label, total)).color(s.color));
        }
        if !hits.is_empty() {
            ui.separator();
        }
    }
    let rows = state.data.as_ref().map(|d| &d.table.rows);
    for (i, (series, point)) in hits.iter().enumerate() {
        if i > 0 {
            ui.separator();
        }
        let color = colors::series_color(dark, series.side, series.group);
        let sum = point.sum();
        let value = match mode {
            Mode::PerEvent => sum.text(),
            Mode::Cumulative => format!(
                "+{}, {} in total",
                sum.text(),
                point.point.cumulative_text()
            ),
        };
        ui.label(
            RichText::new(format!("{}: {value}", series.label))
                .color(color)
                .strong(),
        );
        ui.label(&point.date_text);
        if sum.is_range() {
            ui.label(range_text(sum));
        }
        if sum.undisclosed > 0 {
            ui.label(format!(
                "{} figure{} not disclosed by any source",
                sum.undisclosed,
                if sum.undisclosed == 1 { "" } else { "s" }
            ));
        }
        for row in point
            .events
            .iter()
            .filter_map(|&e| rows.and_then(|r| r.get(e)))
        {
            // Each event's date, place and what this side received, then its title.
            let figure = match series.side {
                Side::Ukraine => &row.to_ukraine_text,
                Side::Russia => &row.to_russia_text,
            };
            let mut parts = vec![row.date_text.as_str()];
            if !row.place.is_empty() {
                parts.push(row.place.as_str());
            }
            if !figure.is_empty() {
                parts.push(figure.as_str());
            }
            ui.label(format!("• {}", parts.join(" · ")));
            ui.label(RichText::new(format!("  {}", row.title)).weak());
            // A figure for both sides together is in no side's series: said here, or the
            // hover would read as if the event had only the side-split numbers.
            if !row.unsplit_text.is_empty() {
                ui.label(RichText::new(format!("  also {}", row.unsplit_text)).weak());
            }
        }
        let more = point.point.events.saturating_sub(point.events.len());
        if more > 0 {
            ui.label(format!("and {more} more events"));
        }
    }
    if hits.iter().any(|(_, p)| !p.events.is_empty()) {
        ui.label(RichText::new("Click to select").weak().small());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_of_overlapping_spans_is_their_outline_from_above() {
        // Two spans overlapping on columns 10-14: the taller wins there.
        let runs = envelope(&[(5.0, 15.0, 2.0), (10.0, 20.0, 5.0)], 0.0, 30.0);
        assert_eq!(runs, vec![(5.0, 10.0, 2.0), (10.0, 20.0, 5.0)]);
        // A span narrower than a column fills its column; one off screen is clipped.
        let runs = envelope(
            &[(3.2, 3.4, 1.0), (-50.0, 1.0, 4.0), (40.0, 90.0, 7.0)],
            0.0,
            30.0,
        );
        assert_eq!(runs, vec![(0.0, 1.0, 4.0), (3.0, 4.0, 1.0)]);
        assert!(envelope(&[], 0.0, 30.0).is_empty());
        assert!(envelope(&[(1.0, 2.0, 1.0)], 5.0, 5.0).is_empty());
        assert!(envelope(&[(f32::NAN, 2.0, 1.0)], 0.0, 5.0).len() <= 1);
    }
}
