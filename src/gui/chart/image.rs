//! Saving the chart as an image, off the UI thread: a PNG cropped from a
//! screenshot of the window (exactly what is on screen), or an SVG drawn by the
//! export's chart writer ([`factsheet_core::export::svg`], the one the HTML summary
//! embeds) from the same cached series. The file name comes from rfd's save
//! dialog and the file is written atomically ([`factsheet_core::export::write_atomic`]),
//! so a failed save never leaves half a file.

use std::collections::HashSet;

use crate::gui::state::AppState;
use crate::gui::state::chart::ChartSettings;
use crate::gui::state::chart_data::ChartData;
use factsheet_core::export::{self, summary};
use factsheet_core::model::Dataset;
use factsheet_core::stats::Series;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
