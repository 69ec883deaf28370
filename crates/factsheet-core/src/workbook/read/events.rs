//! The Sources, Events, Claims, Dates and Agreement links sheets, and the
//! claim columns every sheet of figures shares.

use std::collections::HashMap;

use super::Ids;
use super::sheet::{self, Cx, Grid, Row, Rows};
use crate::model::{
    Claim, Dataset, DateClaim, Event, EventDate, EventKind, Figure, LinkClaim, List, Place, Relay,
    SavedCopy, Side, Source, Text,
};
use crate::workbook::cells::{
    AFFILIATIONS, CATEGORIES, CATEGORY_LABELS, KIND_LABELS, KINDS, PLACE_PRECISIONS, RELAYS, SIDES,
    STATUSES, parse_parts, split_list, word,
};
use crate::workbook::layout::{self, Level};

/// The Sources sheet; false when the workbook has none.
pub fn sources(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) -> bool {
    let Some(rows) = Rows::open(cx, grids, &layout::SOURCES) else {
        return grids
            .iter()
            .any(|g| g.name.trim().eq_ignore_ascii_case(layout::SOURCES.name));
    };
    let mut ids = Ids::default();
    for row in rows.rows() {
        if let Some(id) = row.text("ID") {
            ids.take(&id);
        }
    }
    for row in rows.rows() {
        let outlet = row.need(cx, "Outlet", sheet::text).unwrap_or_default();
        let id = row.text("ID").unwrap_or_else(|| ids.fresh(&outlet));
        let relays = row.text("Relays").map(|source| Relay {
            source,
            how: row
                .read(
                    cx,
                    "Relayed as",
                    sheet::word(&RELAYS, &[("quoted second-hand", "quoted_second_hand")]),
                )
                .unwrap_or_default(),
        });
        let saved_copy = row.text("Saved copy").map(|path| SavedCopy {
            path,
            url: row.text("Saved copy URL"),
            retrieved: row.read(cx, "Saved copy retrieved", sheet::day),
            sha256: row.text("Saved copy SHA-256"),
        });
        row.record(cx, format!("sources[{}]", d.sources.len()), Level::Item);
        d.sources.push(Source {
            id,
            outlet,
            title: row.text("Title"),
            url: row.text("URL"),
            published: row.read(cx, "Published", sheet::day),
            language: row.text("Language"),
            affiliation: row
                .read(cx, "Affiliation", sheet::word(&AFFILIATIONS, &[]))
                .unwrap_or_default(),
            archive_url: row.text("Archive URL"),
            retrieved: row.read(cx, "Retrieved", sheet::day),
            notes: row.text("Notes"),
            relays,
            saved_copy,
        });
    }
    true
}

/// A place from its name and precision columns.
pub fn place(cx: &mut Cx, row: &Row) -> Option<Place> {
    let name = row.text("Place")?;
    Some(Place {
        name,
        precision: row
            .read(cx, "Place precision", sheet::word(&PLACE_PRECISIONS, &[]))
            .unwrap_or_default(),
    })
}

/// The claim columns of a row; `None` when its Source and Value are both
/// blank (an item with no claim yet) or a cell cannot be read (an error).
pub fn claim(cx: &mut Cx, row: &Row) -> Option<Claim> {
    if row.get("Source").is_empty() && row.get("Value").is_empty() {
        return None;
    }
    let source = row.need(cx, "Source", sheet::text);
    let value = row.need(cx, "Value", sheet::quantity);
    let status = row.read(cx, "Status", sheet::word(&STATUSES, &[]));
    let stated_on = row.read(cx, "Stated on", sheet::event_date);
    let parts = row.read(cx, "Parts", |v| {
        parse_parts(&v.as_text().unwrap_or_default())
    });
    let quote = row.read(cx, "Quote", sheet::quote);
    Some(Claim {
        source: source?,
        value: value?,
        status: status.unwrap_or_default(),
        attributed_to: row.text("Attributed to"),
        quote,
        words: row.text("Words"),
        stated_on,
        parts: parts.unwrap_or_default(),
        notes: row.text("Notes"),
        answers: row
            .text("Answers")
            .map(|a| split_list(&a))
            .unwrap_or_default(),
    })
}

/// The events read so far, and how a row names one.
pub struct Events {
    /// Whether the workbook has an Events sheet: then it lists every event,
    /// and a claim naming another is an error; without one, claims make them.
    from_sheet: bool,
    by_id: HashMap<Text, usize>,
    by_title: HashMap<Text, usize>,
    by_date_kind: HashMap<(String, EventKind), usize>,
    ids: Ids,
}

impl Events {
    /// The Events sheet.
    pub fn read(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) -> Events {
        let mut events = Events {
            from_sheet: false,
            by_id: HashMap::new(),
            by_title: HashMap::new(),
            by_date_kind: HashMap::new(),
            ids: Ids::default(),
        };
        let Some(rows) = Rows::open(cx, grids, &layout::EVENTS) else {
            events.from_sheet = grids
                .iter()
                .any(|g| g.name.trim().eq_ignore_ascii_case(layout::EVENTS.name));
            return events;
        };
        events.from_sheet = true;
        for row in rows.rows() {
            if let Some(id) = row.text("ID") {
                events.ids.take(&id);
            }
        }
        let agreement_ids: HashMap<Text, Text> = d
            .agreements
            .iter()
            .map(|a| (a.title.clone(), a.id.clone()))
            .collect();
        for row in rows.rows() {
            let title = row.need(cx, "Title", sheet::text);
            let date = row.need(cx, "Date", sheet::event_date);
            let kind = row.need(cx, "Kind", sheet::word(&KINDS, &KIND_LABELS));
            let (Some(title), Some(date), Some(kind)) = (title, date, kind) else {
                continue;
            };
            let id = match row.text("ID") {
                Some(id) => id,
                None => events.ids.fresh(&format!("{}-{}", date, word(&kind))),
            };
            // An agreement may be named by its title; the event holds its id.
            let agreement = row
                .text("Agreement")
                .map(|a| agreement_ids.get(&a).cloned().unwrap_or(a));
            let at = d.events.len();
            row.record(cx, format!("events[{at}]"), Level::Item);
            let place = place(cx, &row);
            events.add(
                Event {
                    id,
                    title,
                    date,
                    kind,
                    place,
                    mediators: row
                        .text("Mediators")
                        .map(|m| split_list(&m))
                        .unwrap_or_default(),
                    agreement,
                    figures: List::new(),
                    facts: List::new(),
                    dates: List::new(),
                    links: List::new(),
                    notes: row.text("Notes"),
                    same_as: row
                        .text("Same as")
                        .map(|m| split_list(&m))
                        .unwrap_or_default(),
                    distinct_from: row
                        .text("Distinct from")
                        .map(|m| split_list(&m))
                        .unwrap_or_default(),
                },
                d,
            );
        }
        events
    }

    fn add(&mut self, e: Event, d: &mut Dataset) -> usize {
        let at = d.events.len();
        self.ids.take(&e.id);
        self.by_id.entry(e.id.clone()).or_insert(at);
        self.by_title.entry(e.title.clone()).or_insert(at);
        self.by_date_kind
            .entry((e.date.to_string(), e.kind))
            .or_insert(at);
        d.events.push(e);
        at
    }

    /// The event a row names: by `column` (an ID or a title), else by the
    /// row's `Event date` and `Event kind` (a sheet with those columns);
    /// made from the row when the workbook has no Events sheet and `make`.
    pub fn find(
        &mut self,
        cx: &mut Cx,
        row: &Row,
        column: &str,
        d: &mut Dataset,
        make: bool,
    ) -> Option<usize> {
        let named = row.text(column);
        if let Some(name) = &named
            && let Some(&at) = self.by_id.get(name).or_else(|| self.by_title.get(name))
        {
            return Some(at);
        }
        let date = row.read(cx, "Event date", sheet::event_date);
        let kind: Option<EventKind> = row.read(cx, "Event kind", sheet::word(&KINDS, &KIND_LABELS));
        if named.is_none()
            && let (Some(date), Some(kind)) = (&date, kind)
            && let Some(&at) = self.by_date_kind.get(&(date.to_string(), kind))
        {
            return Some(at);
        }
        if self.from_sheet || !make {
            let message = match &named {
                Some(name) => format!(
                    "there is no event \"{name}\" on the Events sheet (an event is named by its ID or its title)"
                ),
                None if date.is_some() && kind.is_some() => "no event on the Events sheet has this row's Event date and Event kind; name the event by its ID or title".to_string(),
                None => "the row does not say which event it is about: give the event's ID or title (or its Event date and Event kind)".to_string(),
            };
            row.error(cx, column, message);
            return None;
        }
        let (Some(date), Some(kind)) = (date, kind) else {
            let (missing, _) = [
                ("Event date", row.get("Event date").is_empty()),
                ("Event kind", row.get("Event kind").is_empty()),
            ]
            .into_iter()
            .find(|(_, blank)| *blank)
            .unwrap_or(("Event date", true));
            if row.get(missing).is_empty() {
                row.error(cx, missing, format!(
                    "with no Events sheet, the first row of an event gives its Event date and Event kind, and this {missing} is blank"
                ));
            }
            return None;
        };
        let (id, title) = match named {
            Some(name) => (name.clone(), name),
            None => {
                let id = self.ids.fresh(&format!("{}-{}", date, word(&kind)));
                let mut label = kind.label().to_string();
                if let Some(first) = label.get(..1) {
                    label = first.to_uppercase() + label.get(1..).unwrap_or_default();
                }
                (id, Text::from(format!("{label}, {date}")))
            }
        };
        let at = d.events.len();
        row.record(cx, format!("events[{at}]"), Level::Item);
        Some(self.add(
            Event {
                id,
                title,
                date,
                kind,
                place: None,
                mediators: List::new(),
                agreement: None,
                figures: List::new(),
                facts: List::new(),
                dates: List::new(),
                links: List::new(),
                notes: None,
                same_as: List::new(),
                distinct_from: List::new(),
            },
            d,
        ))
    }

    /// The Claims sheet: each row a claim of a figure of an event.
    pub fn claims(&mut self, cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
        let Some(rows) = Rows::open(cx, grids, &layout::CLAIMS) else {
            return;
        };
        for row in rows.rows() {
            let Some(e) = self.find(cx, &row, "Event", d, true) else {
                continue;
            };
            self.check_event_columns(cx, &row, d, e);
            let side: Option<Side> = row.read(cx, "Received by", sheet::word(&SIDES, &[]));
            let Some(category) =
                row.need(cx, "Category", sheet::word(&CATEGORIES, &CATEGORY_LABELS))
            else {
                continue;
            };
            let label = row.text("Label");
            let claim = claim(cx, &row);
            let Some(event) = d.events.get_mut(e) else {
                continue;
            };
            let id = row.text("Figure").unwrap_or_else(|| {
                let mut base = format!(
                    "{}-{}",
                    side.map_or("both".to_string(), |s| word(&s)),
                    word(&category)
                );
                if let Some(l) = &label {
                    base.push('-');
                    base.push_str(l);
                }
                Text::from(crate::workbook::cells::slug(&base))
            });
            let f = match event.figures.iter().position(|f| f.id == id) {
                Some(f) => {
                    let first = &event.figures[f];
                    if first.received_by != side
                        || first.category != category
                        || first.label != label
                    {
                        row.warn(cx, "Figure", format!(
                            "the figure \"{id}\" of this event is given with another side, category or label on an earlier row, whose are kept"
                        ));
                    }
                    f
                }
                None => {
                    event.figures.push(Figure {
                        id,
                        received_by: side,
                        category,
                        label,
                        claims: List::new(),
                    });
                    event.figures.len() - 1
                }
            };
            let figure_path = format!("events[{e}].figures[{f}]");
            row.record(cx, figure_path.clone(), Level::Item);
            if let Some(c) = claim
                && let Some(figure) = event.figures.get_mut(f)
            {
                row.record(
                    cx,
                    format!("{figure_path}.claims[{}]", figure.claims.len()),
                    Level::Claim,
                );
                figure.claims.push(c);
            }
        }
    }

    /// A warning when a row's Event date or Event kind differs from its
    /// event's on the Events sheet (which is kept).
    fn check_event_columns(&self, cx: &mut Cx, row: &Row, d: &Dataset, e: usize) {
        if !self.from_sheet {
            return;
        }
        let Some(event) = d.events.get(e) else { return };
        let date = sheet::event_date(row.get("Event date")).ok();
        if date
            .as_ref()
            .is_some_and(|date: &EventDate| *date != event.date)
        {
            row.warn(cx, "Event date", format!(
                "the event \"{}\" is dated {} on the Events sheet, which is kept; this row says otherwise",
                event.id, event.date
            ));
        }
        let kind = sheet::word::<EventKind>(&KINDS, &KIND_LABELS)(row.get("Event kind")).ok();
        if kind.is_some_and(|k| k != event.kind) {
            row.warn(cx, "Event kind", format!(
                "the event \"{}\" is a {} on the Events sheet, which is kept; this row says otherwise",
                event.id, event.kind.label()
            ));
        }
    }

    /// The Dates and Agreement links sheets: sources' dates and agreements for events.
    pub fn dates_and_links(&mut self, cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
        if let Some(rows) = Rows::open(cx, grids, &layout::DATES) {
            for row in rows.rows() {
                let e = self.find(cx, &row, "Event", d, false);
                let source = row.need(cx, "Source", sheet::text);
                let date = row.need(cx, "Date", sheet::event_date);
                let quote = row.read(cx, "Quote", sheet::quote);
                let (Some(e), Some(source), Some(date)) = (e, source, date) else {
                    continue;
                };
                if let Some(event) = d.events.get_mut(e) {
                    row.record(
                        cx,
                        format!("events[{e}].dates[{}]", event.dates.len()),
                        Level::Item,
                    );
                    event.dates.push(DateClaim {
                        source,
                        date,
                        attributed_to: row.text("Attributed to"),
                        quote,
                    });
                }
            }
        }
        if let Some(rows) = Rows::open(cx, grids, &layout::LINKS) {
            for row in rows.rows() {
                let e = self.find(cx, &row, "Event", d, false);
                let source = row.need(cx, "Source", sheet::text);
                let quote = row.read(cx, "Quote", sheet::quote);
                let (Some(e), Some(source)) = (e, source) else {
                    continue;
                };
                if let Some(event) = d.events.get_mut(e) {
                    row.record(
                        cx,
                        format!("events[{e}].links[{}]", event.links.len()),
                        Level::Item,
                    );
                    event.links.push(LinkClaim {
                        source,
                        agreement: row.text("Agreement"),
                        attributed_to: row.text("Attributed to"),
                        quote,
                        notes: row.text("Notes"),
                    });
                }
            }
        }
    }

    /// The event named by `name` (an ID or a title).
    pub fn named(&self, name: &str) -> Option<usize> {
        self.by_id
            .get(name)
            .or_else(|| self.by_title.get(name))
            .copied()
    }
}
