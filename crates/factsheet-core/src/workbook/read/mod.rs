//! From a workbook's sheets to a dataset: each sheet found by name, its
//! columns by header, each row read into the items it holds, every problem
//! reported at once with its sheet, row and column. What an id left blank
//! stands for is worked out here (see docs/SPREADSHEETS.md): an event by its
//! title or its date and kind, a figure by its side, category and label, a
//! fact by its question, a term, total or estimate by its description.

mod events;
mod others;
pub mod sheet;

use std::collections::HashMap;

use crate::model::{Dataset, FORMAT_VERSION, Source, Text};
use crate::workbook::cells::{COVERAGES, slug};
use crate::workbook::layout::{self, ABOUT_FIELDS};
use sheet::{Cx, Grid, Rows};

pub use sheet::Places;

/// What reading a workbook gave: the dataset (unless nothing could be made
/// of it), every diagnostic, and where each item was read from.
pub struct Assembled {
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    pub places: Places,
}

/// Builds the dataset of `grids`, read from the file labelled `label`;
/// `title` is the title when there is no About sheet (the file's name).
pub fn assemble(grids: &[Grid], label: &str, title: &str) -> Assembled {
    let mut cx = Cx::new(label);
    let known = layout::SHEETS.map(|s| s.name.to_lowercase());
    for g in grids {
        let name = g.name.trim().to_lowercase();
        if !known.contains(&name) {
            cx.warn(format!(
                "the sheet \"{}\" is not one factsheet reads: it is ignored (the sheets are: {})",
                g.name,
                layout::SHEETS.map(|s| s.name).join(", ")
            ));
        }
    }
    let mut d = Dataset::empty(title);
    let titled = about(&mut cx, grids, &mut d);
    let has_sources = events::sources(&mut cx, grids, &mut d);
    others::agreements(&mut cx, grids, &mut d);
    let mut events = events::Events::read(&mut cx, grids, &mut d);
    events.claims(&mut cx, grids, &mut d);
    events.dates_and_links(&mut cx, grids, &mut d);
    others::facts(&mut cx, grids, &mut d, &events);
    others::terms(&mut cx, grids, &mut d);
    others::totals(&mut cx, grids, &mut d);
    others::estimates(&mut cx, grids, &mut d);
    others::place_names(&mut cx, grids, &mut d);
    if !has_sources {
        sources_from_claims(&mut cx, &mut d);
    }
    let found_anything = !(d.events.is_empty()
        && d.sources.is_empty()
        && d.agreements.is_empty()
        && d.running_totals.is_empty()
        && d.estimates.is_empty());
    if !found_anything && !titled {
        cx.warn(format!(
            "the workbook holds no data: no sources, events, agreements, totals or estimates (factsheet reads the sheets {})",
            layout::SHEETS.map(|s| s.name).join(", ")
        ));
    }
    Assembled {
        dataset: Some(d),
        diagnostics: cx.diagnostics,
        places: cx.places,
    }
}

/// The About sheet: the file's title, description, date, coverage, version;
/// whether it gave a title.
fn about(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) -> bool {
    let Some(rows) = Rows::open(cx, grids, &layout::ABOUT) else {
        return false;
    };
    let mut titled = false;
    for row in rows.rows() {
        let field = row.text("Field").unwrap_or_default();
        let Some((name, path)) = ABOUT_FIELDS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(field.trim()))
        else {
            row.warn(
                cx,
                "Field",
                format!(
                    "\"{field}\" is not a field of the About sheet: it is ignored (the fields are: {})",
                    ABOUT_FIELDS.map(|(n, _)| n).join(", ")
                ),
            );
            continue;
        };
        cx.places
            .record_in(path, &layout::ABOUT, row.number, "Value");
        match *name {
            // A blank title (the template's) leaves the file's name.
            "Title" => {
                if let Some(t) = row.text("Value") {
                    d.title = t;
                    titled = true;
                }
            }
            "Description" => d.description = row.text("Value"),
            "Updated" => d.updated = row.read(cx, "Value", sheet::day),
            "Coverage" => {
                if let Some(c) = row.read(cx, "Value", sheet::word(&COVERAGES, &[])) {
                    d.coverage = c;
                }
            }
            _ => {
                let version = row.read(cx, "Value", |v| {
                    v.as_text()
                        .and_then(|t| t.trim().parse::<u32>().ok())
                        .ok_or_else(|| {
                            format!("the format version is a whole number like {FORMAT_VERSION}")
                        })
                });
                if let Some(v) = version {
                    d.format_version = v;
                }
            }
        }
    }
    if !titled {
        cx.warn_at(
            layout::ABOUT.name,
            1,
            None,
            format!(
                "the About sheet gives no Title: the file's name \"{}\" is used",
                d.title
            ),
        );
    }
    titled
}

/// Without a Sources sheet, each source a claim names becomes a source of
/// its own: its ID is what the cell says, its outlet the same (a web
/// address gives its site as the outlet and is kept as the URL).
fn sources_from_claims(cx: &mut Cx, d: &mut Dataset) {
    let mut named: Vec<Text> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |s: &Text| {
        if seen.insert(s.clone()) {
            named.push(s.clone());
        }
    };
    for e in &d.events {
        e.figures
            .iter()
            .flat_map(|f| &f.claims)
            .for_each(|c| add(&c.source));
        e.facts
            .iter()
            .flat_map(|f| &f.claims)
            .for_each(|c| add(&c.source));
        e.dates.iter().for_each(|c| add(&c.source));
        e.links.iter().for_each(|c| add(&c.source));
    }
    for a in &d.agreements {
        a.terms
            .iter()
            .flat_map(|t| &t.claims)
            .for_each(|c| add(&c.source));
        a.facts
            .iter()
            .flat_map(|f| &f.claims)
            .for_each(|c| add(&c.source));
    }
    for t in &d.running_totals {
        t.claims.iter().for_each(|c| add(&c.source));
        if let Some(b) = &t.baseline {
            add(&b.source);
        }
    }
    for e in &d.estimates {
        e.claims.iter().for_each(|c| add(&c.source));
    }
    if named.is_empty() {
        return;
    }
    cx.warn(format!(
        "there is no Sources sheet: the {} sources the claims name were made from their Source cells; \
         a Sources sheet (or a NAME.sources.csv beside a CSV file) says who each is",
        named.len()
    ));
    for id in named {
        let web = crate::load::is_web_link(&id);
        let outlet = if web {
            id.split("://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .map_or_else(|| id.clone(), Text::from)
        } else {
            id.clone()
        };
        d.sources.push(Source {
            id: id.clone(),
            outlet,
            title: None,
            url: web.then(|| id.clone()),
            published: None,
            language: None,
            affiliation: Default::default(),
            archive_url: None,
            retrieved: None,
            notes: None,
            relays: None,
            saved_copy: None,
        });
    }
}

/// Hands out ids that are not yet taken: `base`, else `base-2`, `base-3`...
#[derive(Default)]
pub struct Ids {
    taken: HashMap<String, usize>,
}

impl Ids {
    pub fn take(&mut self, id: &str) {
        self.taken.entry(id.to_string()).or_insert(1);
    }

    pub fn fresh(&mut self, base: &str) -> Text {
        let base = slug(base);
        let mut n = self.taken.get(&base).copied().unwrap_or(0);
        loop {
            n += 1;
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if !self.taken.contains_key(&id) {
                self.taken.insert(base.clone(), n);
                self.taken.insert(id.clone(), 1);
                return Text::from(id);
            }
        }
    }
}
