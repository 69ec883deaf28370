//! Saving the chart as an image, off the UI thread: a PNG cropped from a
//! screenshot of the window (exactly what is on screen), or an SVG drawn by the
//! export's chart writer ([`factsheet_core::export::svg`], the one the HTML summary
//! embeds) from the same cached series. The file name comes from rfd's save
//! dialog and the file is written atomically ([`factsheet_core::export::write_atomic`]),
//! so a failed save never leaves half a file.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, Rect};

use super::ChartSettings;
use super::series::ChartData;
use crate::gui::dialog::{self, Choice};
use crate::gui::state::AppState;
use factsheet_core::export::{self, summary};
use factsheet_core::model::Dataset;
use factsheet_core::stats::Series;

/// What a finished save reports: the file written, or why not.
pub type SaveOutcome = Result<PathBuf, String>;

/// Where background saves report, and how many are under way.
#[derive(Debug)]
pub struct SaveChannel {
    sender: SaveSender,
    inbox: Receiver<SaveOutcome>,
}

/// The half of a [`SaveChannel`] a background save holds.
#[derive(Debug, Clone)]
struct SaveSender {
    outbox: Sender<SaveOutcome>,
    pending: Arc<AtomicUsize>,
}

impl Default for SaveChannel {
    fn default() -> Self {
        let (outbox, inbox) = channel();
        SaveChannel {
            sender: SaveSender {
                outbox,
                pending: Arc::new(AtomicUsize::new(0)),
            },
            inbox,
        }
    }
}

impl SaveChannel {
    /// True while a save (or the screenshot it waits for) is under way.
    pub fn busy(&self) -> bool {
        self.sender.pending.load(Ordering::Acquire) > 0
    }

    /// Outcomes of the saves that finished since the last call.
    pub fn finished(&self) -> Vec<SaveOutcome> {
        self.inbox.try_iter().collect()
    }

    /// Asks where to save (suggesting `name`), then writes what `bytes` makes
    /// there; all on a background thread. A cancelled dialog reports nothing.
    pub fn save_with_dialog(
        &self,
        name: String,
        kind: &'static str,
        extension: &'static str,
        bytes: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        self.sender.begin();
        self.sender.clone().run(name, kind, extension, bytes);
    }

    /// Takes a screenshot at the end of this frame, crops it to `rect` (in
    /// points) and saves it as PNG.
    pub fn save_screenshot(&self, ctx: &egui::Context, rect: Rect, name: String) {
        let sender = self.sender.clone();
        sender.begin();
        let pixels_per_point = ctx.pixels_per_point();
        let waker = ctx.clone();
        ctx.request_screenshot(move |image| {
            sender.run(name, "PNG image", "png", move || {
                encode_png(&crop(&image, rect, pixels_per_point))
            });
            waker.request_repaint();
        });
    }
}

impl SaveSender {
    fn begin(&self) {
        self.pending.fetch_add(1, Ordering::AcqRel);
    }

    /// Runs the dialog and the write on their own thread; ends what `begin` started.
    fn run(
        self,
        name: String,
        kind: &'static str,
        extension: &'static str,
        bytes: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        let spawned = std::thread::Builder::new()
            .name("chart-save".into())
            .spawn({
                let this = self.clone();
                move || {
                    let path = dialog::ask(|| {
                        rfd::FileDialog::new()
                            .set_title("Save the chart")
                            .set_file_name(&name)
                            .add_filter(kind, &[extension])
                            .save_file()
                    });
                    if matches!(path, Choice::Unavailable) {
                        let _ = this
                            .outbox
                            .send(Err(dialog::unavailable_message("save the chart")));
                    }
                    if let Choice::Chosen(path) = path {
                        let path = with_extension(path, extension);
                        let outcome = bytes()
                            .and_then(|b| {
                                export::write_atomic(&path, &b)
                                    .map_err(|e| format!("Could not save the chart: {e}"))
                            })
                            .map(|()| path);
                        // The UI may be gone; then nobody needs to hear.
                        let _ = this.outbox.send(outcome);
                    }
                    this.pending.fetch_sub(1, Ordering::AcqRel);
                }
            });
        if let Err(e) = spawned {
            let _ = self
                .outbox
                .send(Err(format!("Could not start saving the chart: {e}")));
            self.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// The chart as SVG: the running totals of the series shown (those of the
/// groups picked and not switched off in the legend), and a lane with a mark
/// per charted date, drawn by the export's chart writer.
pub fn svg(
    dataset: &Dataset,
    data: &ChartData,
    settings: &ChartSettings,
    hidden: &[String],
) -> String {
    let shown: Vec<_> = data
        .series
        .iter()
        .filter(|s| settings.shown.groups().contains(&s.group) && !hidden.contains(&s.label))
        .collect();
    // One event per charted date stands for the lane's mark: the SVG stays
    // small however many events there are.
    let mut seen = HashSet::new();
    let mut events: Vec<summary::EventRow> = shown
        .iter()
        .flat_map(|s| &s.points)
        .filter_map(|p| p.events.first().copied())
        .filter(|&i| seen.insert(i))
        .filter_map(|i| dataset.events.get(i))
        .map(|e| summary::EventRow {
            id: e.id.as_str().into(),
            title: e.title.as_str().into(),
            date: e.date.clone(),
            kind: e.kind,
            place: None,
            mediators: Vec::new(),
            agreement: None,
            figures: Vec::new(),
            notes: None,
        })
        .collect();
    events.sort_by_key(|e| e.date.bounds());
    let series = shown
        .iter()
        .map(|s| Series {
            side: s.side,
            group: s.group,
            points: s.points.iter().map(|p| p.point.clone()).collect(),
        })
        .collect();
    let chart = summary::Summary {
        summary_version: summary::SUMMARY_VERSION,
        title: dataset.title.as_str().into(),
        description: None,
        updated: dataset.updated,
        filter: None,
        first_day: events.first().map(|e| e.date.bounds().0),
        last_day: events.iter().map(|e| e.date.bounds().1).max(),
        event_count: data.events,
        unlisted: None,
        totals: Vec::new(),
        agreements: Vec::new(),
        running_totals: Vec::new(),
        events,
        disagreements: Vec::new(),
        single_source: Vec::new(),
        estimates: Vec::new(),
        facts: Vec::new(),
        series,
        sources: Vec::new(),
    };
    export::svg::chart(&chart)
}

/// `path`, with `extension` added unless it already ends so.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    let has = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if has {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".");
        s.push(extension);
        PathBuf::from(s)
    }
}

/// A file name for the chart of the open data: "<title>-chart.<extension>".
pub fn file_name(state: &AppState, extension: &str) -> String {
    let title = state.dataset().map_or("factsheet", |d| d.title.as_str());
    let stem: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let stem = if stem.is_empty() {
        "factsheet".to_string()
    } else {
        stem.join("-")
    };
    format!("{stem}-chart.{extension}")
}

/// The part of `image` under `rect` (points), clamped to the image.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    let [width, height] = image.size;
    let to_px = |v: f32, max: usize| -> usize {
        let v = (v * pixels_per_point).round();
        if v.is_finite() && v > 0.0 {
            (v as usize).min(max)
        } else {
            0
        }
    };
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    let mut pixels = Vec::with_capacity(w * h);
    for y in y0..y0 + h {
        let start = y * width + x0;
        if let Some(row) = image.pixels.get(start..start + w) {
            pixels.extend_from_slice(row);
        }
    }
    if pixels.len() != w * h {
        return ColorImage::new([0, 0], Vec::new());
    }
    ColorImage::new([w, h], pixels)
}

/// `image` as PNG bytes.
pub fn encode_png(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    if w == 0 || h == 0 {
        return Err("The chart was not on screen when the screenshot was taken".to_string());
    }
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("The screenshot is too large".to_string());
    };
    let mut out = Vec::new();
    ::image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&rgba, w, h, ::image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("Could not encode the PNG: {e}"))?;
    Ok(out)
}

use ::image::ImageEncoder as _;

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn crops_to_the_rect_in_pixels_and_clamps() {
        let mut image = ColorImage::new([4, 3], vec![Color32::WHITE; 12]);
        image.pixels[4 + 1] = Color32::RED; // x 1, y 1
        let c = crop(
            &image,
            Rect::from_min_max(pos2(0.5, 0.5), pos2(1.0, 1.5)),
            2.0,
        );
        assert_eq!(c.size, [1, 2]);
        assert_eq!(c.pixels[0], Color32::RED);
        let clamped = crop(
            &image,
            Rect::from_min_max(pos2(-5.0, 1.0), pos2(50.0, 50.0)),
            1.0,
        );
        assert_eq!(clamped.size, [4, 2]);
    }

    #[test]
    fn png_round_trips_and_empty_images_are_refused() {
        let image = ColorImage::new([3, 2], vec![Color32::from_rgb(0, 114, 178); 6]);
        let bytes = encode_png(&image).unwrap();
        let decoded = ::image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (3, 2));
        assert_eq!(decoded.get_pixel(2, 1).0, [0, 114, 178, 255]);
        assert!(encode_png(&ColorImage::new([0, 0], Vec::new())).is_err());
    }

    #[test]
    fn svg_draws_the_series_shown_from_the_cached_data() {
        let dataset = factsheet_core::load::load_sample(factsheet_core::load::today())
            .into_result()
            .unwrap()
            .0;
        let visible: Vec<usize> = (0..dataset.events.len()).collect();
        let data = ChartData::build(&dataset, &visible);
        let both = svg(&dataset, &data, &ChartSettings::default(), &[]);
        assert!(both.starts_with("<svg"), "{both}");
        let total = factsheet_core::model::thousands(
            data.series(
                factsheet_core::model::Side::Ukraine,
                factsheet_core::stats::Group::Remains,
            )
            .unwrap()
            .total(),
        );
        assert!(
            both.contains("remains to Ukraine") && both.contains(&total),
            "{both}"
        );
        let june = dataset.event("2025-06-11-remains").unwrap();
        assert!(
            both.contains(june.title.as_str()),
            "the lane names the event"
        );

        let prisoners = ChartSettings {
            shown: super::super::Shown::Prisoners,
            ..ChartSettings::default()
        };
        let only = svg(&dataset, &data, &prisoners, &[]);
        assert!(!only.contains("remains to Ukraine"));
        let hidden = svg(
            &dataset,
            &data,
            &ChartSettings::default(),
            &["remains to Ukraine".to_string()],
        );
        assert!(!hidden.contains("remains to Ukraine") && hidden.contains("remains to Russia"));
    }

    #[test]
    fn extensions_are_added_once() {
        assert_eq!(
            with_extension("a/chart".into(), "png"),
            PathBuf::from("a/chart.png")
        );
        assert_eq!(
            with_extension("a/chart.PNG".into(), "png"),
            PathBuf::from("a/chart.PNG")
        );
        assert_eq!(
            with_extension("a/chart.svg".into(), "png"),
            PathBuf::from("a/chart.svg.png")
        );
    }
}
