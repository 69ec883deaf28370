//! One summary row per event: what the events table shows, sorts and filters
//! by, shaped from the core's comparison of sources. Built once per load.

use jiff::civil::Date;
use smol_str::{ToSmolStr, format_smolstr};

use crate::compare::{Comparer, Consensus, DatasetComparison, PlaceTable};
use crate::model::{Category, Dataset, DatePrecision, Event, EventDate, EventKind, Side, Text};

/// How far the sources of an event (or of one figure) are from one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Divergence {
    /// Every point is reported by one source only, or by sources that agree.
    #[default]
    None,
    /// Sources word things differently but can all be right.
    Compatible,
    /// Sources contradict each other.
    Conflict,
}

/// One line of the events table: what the columns show and sort by.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// First and last day the date can mean; sorting uses the first.
    pub first_day: Date,
    pub last_day: Date,
    /// The date as shown: "c. 2025-06-11", "May 2025", ...
    pub date_text: Text,
    /// True when the date is not one exactly known day.
    pub approximate: bool,
    pub kind: EventKind,
    pub title: Text,
    /// Place under its canonical spelling, "" when unknown.
    pub place: Text,
    /// Best estimate of the largest figure received by each side (`None`: no figure, or none disclosed).
    pub to_ukraine: Option<u64>,
    pub to_russia: Option<u64>,
    /// What each side received, as shown: "1,212 remains".
    pub to_ukraine_text: String,
    pub to_russia_text: String,
    /// Figures that give one number for both sides together, as shown: "1,000 prisoners in all,
    /// not split by side". In neither side column, so a swap's total never reads as that many each way.
    pub unsplit_text: String,
    /// Categories counted, as shown: "remains", "soldiers, civilians".
    pub categories: Text,
    /// Distinct sources cited by the event.
    pub source_count: usize,
    /// The agreement the event fulfils (its id), for the agreement filter.
    pub fulfils: Option<Text>,
    /// Ids of those sources, for the source filter.
    pub source_ids: Vec<Text>,
    /// Which sides received anything, for the side filter.
    pub sides: Vec<Side>,
    pub agreement: Divergence,
    /// Lower-cased text the free-text filter searches. [`super::Table::new`]
    /// moves it into one buffer for all rows (searched in one pass), leaving it empty here.
    pub haystack: String,
}

/// A place name under its canonical spelling ("Kiev" -> "Kyiv").
pub fn canonical_place(places: &PlaceTable, name: &str) -> Text {
    Text::new(places.canonical(name).unwrap_or_else(|| name.trim()))
}

/// One summary row per event, in dataset order, from the dataset's comparison.
pub fn event_rows(
    dataset: &Dataset,
    comparer: &Comparer,
    compared: &DatasetComparison,
) -> Vec<TableRow> {
    event_rows_from(dataset, comparer, compared, crate::parallel::SPLIT_FROM)
}

/// [`event_rows`], on two threads from `parallel_from` events.
fn event_rows_from(
    dataset: &Dataset,
    comparer: &Comparer,
    compared: &DatasetComparison,
    parallel_from: usize,
) -> Vec<TableRow> {
    let count = dataset.events.len();
    let size = crate::parallel::Size::events(count).split_from(parallel_from);
    let parts = crate::parallel::in_halves("factsheet-rows", count, size, |range| {
        // The first part has room for all, so the later one is appended without a copy.
        let room = if range.start == 0 { count } else { range.len() };
        let mut rows = Vec::with_capacity(room);
        if let Some(events) = dataset.events.get(range.clone()) {
            rows.extend(
                (range.start..)
                    .zip(events)
                    .map(|(i, e)| event_row(comparer, compared, i, e)),
            );
        }
        rows
    });
    parts
        .into_iter()
        .reduce(|mut all, later| {
            all.extend(later);
            all
        })
        .unwrap_or_default()
}

fn event_row(
    comparer: &Comparer,
    compared: &DatasetComparison,
    index: usize,
    event: &Event,
) -> TableRow {
    let (first_day, last_day) = event.date.bounds();
    let outcomes = compared.event_figures(index);
    // Per side (in the order of `Side::ALL`): the largest figure, and what it received as shown.
    let mut largest: [Option<u64>; 2] = [None, None];
    let mut side_text: [String; 2] = [String::new(), String::new()];
    // Figures that name no receiving side ("a swap of 1,000 prisoners") belong to neither column alone.
    let mut unsplit = String::new();
    let mut categories: Vec<Category> = Vec::new();
    for (figure, outcome) in event.figures.iter().zip(outcomes) {
        let est = &outcome.estimate;
        let text = match figure.received_by {
            Some(side) => {
                let s = side_position(side);
                // Sorts by the best, or by the lower bound when that is all there is.
                if let (Some(n), Some(max)) = (est.best.or(est.low), largest.get_mut(s)) {
                    *max = Some(max.map_or(n, |m| m.max(n)));
                }
                side_text.get_mut(s)
            }
            None => Some(&mut unsplit),
        };
        if let Some(text) = text {
            if !text.is_empty() {
                text.push_str("; ");
            }
            // "more than 500 prisoners": a figure the sources only bound reads in their words.
            match est.low {
                Some(_) => text.push_str(&est.text()),
                None => text.push_str("undisclosed"),
            }
            text.push(' ');
            // "1 soldier": the count stated as exactly one, by every source.
            let one = est.low == Some(1) && est.high == Some(1);
            text.push_str(if one {
                figure.category.one_label()
            } else {
                figure.category.label()
            });
            if figure.received_by.is_none() {
                text.push_str(" in all, not split by side");
            }
        }
        if !categories.contains(&figure.category) {
            categories.push(figure.category);
        }
    }
    let agreement = if compared.event_disagrees(index) {
        Divergence::Conflict
    } else if outcomes
        .iter()
        .map(|o| o.class)
        .chain(compared.event_facts(index).iter().map(|f| f.class))
        .any(|c| c == Consensus::Compatible)
    {
        Divergence::Compatible
    } else {
        Divergence::None
    };
    let source_ids: Vec<Text> = event.cited_sources().into_iter().map(Text::new).collect();
    let place = event
        .place
        .as_ref()
        .map(|p| canonical_place(&comparer.places, &p.name))
        .unwrap_or_default();
    let mut haystack = String::new();
    for part in [event.id.as_str(), &event.title, &place]
        .into_iter()
        .chain(event.place.iter().map(|p| p.name.as_str()))
        .chain(event.mediators.iter().map(Text::as_str))
        .chain(event.notes.iter().map(Text::as_str))
    {
        if !haystack.is_empty() {
            haystack.push(' ');
        }
        haystack.push_str(part);
    }
    // Most text is ASCII: lower-cased in place, without a second string.
    if haystack.is_ascii() {
        haystack.make_ascii_lowercase();
    } else {
        haystack = haystack.to_lowercase();
    }
    let sides = Side::ALL
        .into_iter()
        .filter(|&s| {
            side_text
                .get(side_position(s))
                .is_some_and(|t| !t.is_empty())
                || !unsplit.is_empty()
        })
        .collect();
    let mut category_text = smol_str::SmolStrBuilder::new();
    for (i, c) in categories.iter().enumerate() {
        if i > 0 {
            category_text.push_str(", ");
        }
        category_text.push_str(c.label());
    }
    let [to_ukraine_text, to_russia_text] = side_text;
    TableRow {
        first_day,
        last_day,
        date_text: table_date(&event.date),
        approximate: !event.date.is_exact_day(),
        kind: event.kind,
        title: event.title.clone(),
        place,
        to_ukraine: largest.first().copied().flatten(),
        to_russia: largest.get(1).copied().flatten(),
        to_ukraine_text,
        to_russia_text,
        unsplit_text: unsplit,
        categories: category_text.finish().into(),
        source_count: source_ids.len(),
        fulfils: event.agreement.clone(),
        source_ids,
        sides,
        agreement,
        haystack,
    }
}

/// Where a side's column is in the row's per-side arrays: the order of [`Side::ALL`].
fn side_position(side: Side) -> usize {
    match side {
        Side::Ukraine => 0,
        Side::Russia => 1,
    }
}

fn table_date(date: &EventDate) -> Text {
    let text = match date.until {
        Some(until) if date.precision == DatePrecision::Day => {
            let on = date.on;
            if until.year() != on.year() {
                date.to_smolstr()
            } else if until.month() != on.month() {
                format_smolstr!("{on} – {}", until.strftime("%m-%d"))
            } else {
                format_smolstr!("{on} – {}", until.strftime("%d"))
            }
        }
        _ => date.to_smolstr(),
    };
    text.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn span(from: Date, until: Date) -> EventDate {
        EventDate {
            until: Some(until),
            ..EventDate::day(from)
        }
    }

    #[test]
    fn rows_built_on_two_threads_are_the_rows_built_on_one() {
        let d = crate::testing::generated_dataset(301, 8);
        let comparer = Comparer::new(&d);
        let compared = comparer.dataset(&d);
        let one = event_rows_from(&d, &comparer, &compared, usize::MAX);
        let two = event_rows_from(&d, &comparer, &compared, 0);
        assert_eq!(one.len(), 301);
        assert_eq!(one, two);
    }

    #[test]
    fn a_count_of_exactly_one_reads_in_the_singular() {
        let d: Dataset = serde_json::from_str(
            r#"{"format_version": 2, "title": "t", "sources": [{"id": "s", "outlet": "S"}],
                "events": [{"id": "e", "title": "e", "date": {"on": "2025-03-01"}, "kind": "other",
                  "figures": [
                    {"id": "a", "received_by": "ukraine", "category": "soldiers",
                     "claims": [{"source": "s", "value": {"exact": 1}}]},
                    {"id": "b", "received_by": "ukraine", "category": "remains",
                     "claims": [{"source": "s", "value": {"exact": 1}}]},
                    {"id": "c", "received_by": "russia", "category": "civilians",
                     "claims": [{"source": "s", "value": {"approximately": 1}}]},
                    {"id": "d", "received_by": "russia", "category": "soldiers",
                     "claims": [{"source": "s", "value": {"exact": 2}}]}]}]}"#,
        )
        .unwrap();
        let comparer = Comparer::new(&d);
        let compared = comparer.dataset(&d);
        let rows = event_rows_from(&d, &comparer, &compared, usize::MAX);
        assert_eq!(rows[0].to_ukraine_text, "1 soldier; 1 body");
        // "About 1" allows only 1 (the tolerance of so small a number is none).
        assert_eq!(rows[0].to_russia_text, "about 1 civilian; 2 soldiers");
    }

    #[test]
    fn a_span_leaves_out_what_its_end_shares_with_its_start() {
        let june = date(2025, 6, 9);
        assert_eq!(
            table_date(&span(june, date(2025, 6, 11))),
            "2025-06-09 – 11"
        );
        assert_eq!(
            table_date(&span(june, date(2025, 7, 2))),
            "2025-06-09 – 07-02"
        );
        assert_eq!(
            table_date(&span(june, date(2026, 1, 2))),
            "2025-06-09 – 2026-01-02"
        );
        assert_eq!(table_date(&EventDate::day(june)), "2025-06-09");
        let month = EventDate {
            precision: DatePrecision::Month,
            ..EventDate::day(june)
        };
        assert_eq!(table_date(&month), month.to_string());
    }
}
