//! The chart of remains and prisoners over time as inline SVG: one cumulative
//! line per receiving side and group, and one mark per event on a lane below
//! (a dot for an exact day; a dashed bar over the days a vague date can mean, on a row of its own).
//!
//! Plain SVG 1.1 with no scripts and no external references, so it prints and
//! embeds anywhere; every text is escaped with [`super::markup::escape`].

use std::fmt::Write as _;
use std::io::{self, Write};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::export::markup::{Out, escape};
use crate::export::summary::{Summary, series_label};
use crate::model::{Side, thousands};
use crate::stats::{Group, day_number};

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
/// The plot ends here; the event lane and the date labels sit below.
const PLOT_BOTTOM: f64 = 260.0;
const LANE_Y: f64 = 276.0;
/// Events with a vague date get a row of their own, below the exact ones.
const APPROX_Y: f64 = 294.0;

fn colour(side: Side) -> &'static str {
    match side {
        Side::Ukraine => "#1f5fa8",
        Side::Russia => "#b8322c",
    }
}

fn dash(group: Group) -> &'static str {
    match group {
        Group::Remains => "",
        Group::Living => " stroke-dasharray=\"6 4\"",
    }
}

/// A step of 1, 2 or 5 times a power of ten giving about five ticks up to `max`.
fn nice_step(max: u64) -> u64 {
    let rough = (max / 5).max(1);
    let mut power = 1u64;
    while power.saturating_mul(10) <= rough {
        power = power.saturating_mul(10);
    }
    for m in [1, 2, 5, 10] {
        let step = power.saturating_mul(m);
        if step >= rough {
            return step;
        }
    }
    power.saturating_mul(10)
}

/// Maps days and counts onto the drawing.
struct Scale {
    first: i64,
    days: f64,
    max: f64,
}

impl Scale {
    fn x(&self, date: Date) -> f64 {
        LEFT + (day_number(date) - self.first) as f64 / self.days * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: u64) -> f64 {
        PLOT_BOTTOM - value as f64 / self.max * (PLOT_BOTTOM - TOP)
    }

    fn day_width(&self) -> f64 {
        (WIDTH - LEFT - RIGHT) / self.days
    }
}

/// The chart as an `<svg>` element.
pub fn chart(s: &Summary) -> String {
    let mut bytes = Vec::with_capacity(4096 + s.events.len() * 160);
    // Writing to memory cannot fail.
    let _ = chart_to(s, &mut Out::new(&mut bytes));
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes the chart as an `<svg>` element to `out`.
pub(crate) fn chart_to<W: Write>(s: &Summary, out: &mut Out<'_, W>) -> io::Result<()> {
    out.fmt(format_args!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-labelledby=\"chart-title\">\n\
         <title id=\"chart-title\">Remains and prisoners received over time, cumulative, per receiving side</title>\n"
    ))?;
    let bounds = s.events.iter().map(|e| e.date.bounds());
    let first = bounds.clone().map(|b| b.0).min();
    let last = bounds.map(|b| b.1).max();
    let (Some(first), Some(last)) = (first, last) else {
        out.put("<text x=\"20\" y=\"40\">No events to chart.</text>\n</svg>")?;
        return Ok(());
    };
    // A day of margin on either side keeps the end marks inside the plot.
    let first = first.checked_sub(1.day()).unwrap_or(first);
    let last = last.checked_add(1.day()).unwrap_or(last);
    let max = s
        .series
        .iter()
        .filter_map(|series| series.points.last().map(|p| p.cumulative))
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(max);
    let top = max.div_ceil(step).saturating_mul(step).max(step);
    let scale = Scale {
        first: day_number(first),
        days: (day_number(last) - day_number(first)).max(1) as f64,
        max: top as f64,
    };

    // Value grid and labels.
    out.put("<g class=\"axis\" font-size=\"11\" fill=\"#444\">\n")?;
    let mut v = 0u64;
    while v <= top {
        let y = scale.y(v);
        out.ln(format_args!(
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            thousands(v)
        ))?;
        v = v.saturating_add(step);
        if step == 0 {
            break;
        }
    }
    // Month ticks, thinned to about ten labels.
    let months = i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
        - i64::from(first.month());
    let every = (months / 10 + 1).max(1);
    let mut tick = first.first_of_month();
    let mut index = 0i64;
    while tick <= last {
        if tick >= first && index % every == 0 {
            let x = scale.x(tick);
            out.ln(format_args!(
                "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{PLOT_BOTTOM}\" stroke=\"#eee\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                HEIGHT - 18.0,
                tick.strftime("%b %Y")
            ))?;
        }
        index += 1;
        match tick.checked_add(1.month()) {
            Ok(next) => tick = next,
            Err(_) => break,
        }
    }
    out.ln(format_args!(
        "<line x1=\"{LEFT}\" y1=\"{PLOT_BOTTOM}\" x2=\"{:.1}\" y2=\"{PLOT_BOTTOM}\" stroke=\"#888\"/>\n</g>",
        WIDTH - RIGHT
    ))?;

    // Cumulative step lines.
    let mut legend = Vec::new();
    for series in s.series.iter().filter(|s| !s.points.is_empty()) {
        let mut points = format!("{:.1},{:.1}", scale.x(first), scale.y(0));
        let mut previous = 0u64;
        for p in &series.points {
            let x = scale.x(p.date);
            let _ = write!(
                points,
                " {x:.1},{:.1} {x:.1},{:.1}",
                scale.y(previous),
                scale.y(p.cumulative)
            );
            previous = p.cumulative;
        }
        let _ = write!(points, " {:.1},{:.1}", scale.x(last), scale.y(previous));
        let label = series_label(series.side, series.group);
        out.ln(format_args!(
            "<polyline class=\"series\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{points}\">\
             <title>{}: {} in total</title></polyline>",
            colour(series.side),
            dash(series.group),
            escape(&label),
            thousands(previous)
        ))?;
        legend.push((series.side, series.group, label, previous));
    }
    for (i, (side, group, label, total)) in legend.iter().enumerate() {
        let x = LEFT + 8.0 + (i % 2) as f64 * 300.0;
        let y = 14.0 + (i / 2) as f64 * 14.0;
        out.ln(format_args!(
            "<g class=\"legend\" font-size=\"11\"><line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
             stroke=\"{}\" stroke-width=\"2\"{}/><text x=\"{:.1}\" y=\"{:.1}\">{} ({})</text></g>",
            y - 4.0,
            x + 22.0,
            y - 4.0,
            colour(*side),
            dash(*group),
            x + 28.0,
            y,
            escape(label),
            thousands(*total)
        ))?;
    }

    // One mark per event on the lane.
    out.put("<g class=\"events\">\n")?;
    out.ln(format_args!(
        "<text x=\"{0:.1}\" y=\"{1:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#444\">events</text>\
         <text x=\"{0:.1}\" y=\"{2:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"#444\">approx.</text>",
        LEFT - 6.0,
        LANE_Y + 3.0,
        APPROX_Y + 3.0
    ))?;
    for e in &s.events {
        let (a, b) = e.date.bounds();
        let exact = e.date.is_exact_day();
        // The tip: "date · title"; a date has nothing to escape.
        out.put(if exact {
            "<g class=\"event-mark\"><title>"
        } else {
            "<g class=\"event-mark approximate\"><title>"
        })?;
        out.fmt(format_args!("{} · ", e.date))?;
        out.text(&e.title)?;
        if exact {
            out.ln(format_args!(
                "</title><circle cx=\"{:.1}\" cy=\"{LANE_Y}\" r=\"4\" fill=\"#333\"/></g>",
                scale.x(a) + scale.day_width() / 2.0
            ))?;
        } else {
            let x = scale.x(a);
            let w = (scale.x(b) + scale.day_width() - x).max(4.0);
            out.ln(format_args!(
                " (date approximate)</title>\
                 <rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"8\" \
                 fill=\"#e4e4e4\" stroke=\"#555\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\"/></g>",
                APPROX_Y - 4.0
            ))?;
        }
    }
    out.put("</g>\n</svg>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(1212), 500);
        assert_eq!(nice_step(7269), 2000);
        assert_eq!(nice_step(100), 20);
    }
}
