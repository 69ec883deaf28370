//! The Agreements, Facts, Terms, Running totals, Estimates and Place names
//! sheets.

use super::Ids;
use super::events::{Events, claim, place};
use super::sheet::{self, Cx, Grid, Row, Rows};
use crate::model::{
    Agreement, Baseline, ContextEstimate, Dataset, Fact, FactClaim, List, PlaceName, RunningTotal,
    Term, Text, TotalScope,
};
use crate::workbook::cells::{
    AGREEMENT_KINDS, CATEGORIES, CATEGORY_LABELS, COUNTS, KIND_LABELS, KINDS, SIDES, STATUSES,
    split_list,
};
use crate::workbook::layout::{self, Level};

fn list(row: &Row, column: &str) -> List<Text> {
    row.text(column).map(|m| split_list(&m)).unwrap_or_default()
}

pub fn agreements(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
    let Some(rows) = Rows::open(cx, grids, &layout::AGREEMENTS) else {
        return;
    };
    let mut ids = Ids::default();
    for row in rows.rows() {
        if let Some(id) = row.text("ID") {
            ids.take(&id);
        }
    }
    for row in rows.rows() {
        let title = row.need(cx, "Title", sheet::text);
        let date = row.need(cx, "Date", sheet::event_date);
        let kind = row.read(cx, "Kind", sheet::word(&AGREEMENT_KINDS, &[]));
        let (Some(title), Some(date)) = (title, date) else {
            continue;
        };
        let id = row.text("ID").unwrap_or_else(|| ids.fresh(&title));
        row.record(
            cx,
            format!("agreements[{}]", d.agreements.len()),
            Level::Item,
        );
        let place = place(cx, &row);
        d.agreements.push(Agreement {
            id,
            title,
            kind: kind.unwrap_or_default(),
            date,
            place,
            parties: list(&row, "Parties"),
            mediators: list(&row, "Mediators"),
            terms: List::new(),
            facts: List::new(),
            notes: row.text("Notes"),
            same_as: list(&row, "Same as"),
            distinct_from: list(&row, "Distinct from"),
        });
    }
}

/// The agreement named by `name` (an ID or a title).
fn agreement_named(d: &Dataset, name: &str) -> Option<usize> {
    d.agreements
        .iter()
        .position(|a| a.id == name)
        .or_else(|| d.agreements.iter().position(|a| a.title == name))
}

/// Finds the item of `items` a row belongs to by its ID column, or by its
/// `by` text when the ID is blank; a new one made by `make` (its id fresh,
/// "`prefix`-N") when there is none.
fn group<T>(
    items: &mut List<T>,
    id_of: impl Fn(&T) -> &Text,
    by_of: impl Fn(&T) -> &Text,
    id: Option<Text>,
    by: &Text,
    prefix: &str,
    make: impl FnOnce(Text) -> T,
) -> usize {
    let found = match &id {
        Some(id) => items.iter().position(|t| id_of(t) == id),
        None => items.iter().position(|t| by_of(t) == by),
    };
    if let Some(at) = found {
        return at;
    }
    let id = id.unwrap_or_else(|| {
        let mut ids = Ids::default();
        items.iter().for_each(|t| ids.take(id_of(t)));
        ids.fresh(&format!("{prefix}-{}", items.len() + 1))
    });
    items.push(make(id));
    items.len() - 1
}

pub fn facts(cx: &mut Cx, grids: &[Grid], d: &mut Dataset, events: &Events) {
    let Some(rows) = Rows::open(cx, grids, &layout::FACTS) else {
        return;
    };
    for row in rows.rows() {
        let (facts, path) = if let Some(event) = row.text("Event") {
            let Some(e) = events.named(&event) else {
                row.error(
                    cx,
                    "Event",
                    format!(
                        "there is no event \"{event}\" (an event is named by its ID or its title)"
                    ),
                );
                continue;
            };
            let Some(ev) = d.events.get_mut(e) else {
                continue;
            };
            (&mut ev.facts, format!("events[{e}].facts"))
        } else if let Some(agreement) = row.text("Agreement") {
            let Some(a) = agreement_named(d, &agreement) else {
                row.error(
                    cx,
                    "Agreement",
                    format!("there is no agreement \"{agreement}\" on the Agreements sheet"),
                );
                continue;
            };
            let Some(ag) = d.agreements.get_mut(a) else {
                continue;
            };
            (&mut ag.facts, format!("agreements[{a}].facts"))
        } else {
            row.error(
                cx,
                "Event",
                "the row says neither which event nor which agreement the fact is about"
                    .to_string(),
            );
            continue;
        };
        let Some(question) = row.need(cx, "Question", sheet::text) else {
            continue;
        };
        let f = group(
            facts,
            |f| &f.id,
            |f| &f.question,
            row.text("Fact"),
            &question,
            "fact",
            |id| Fact {
                id,
                question: question.clone(),
                claims: List::new(),
            },
        );
        row.record(cx, format!("{path}[{f}]"), Level::Item);
        if row.get("Source").is_empty() && row.get("Answer").is_empty() {
            continue;
        }
        let source = row.need(cx, "Source", sheet::text);
        let answer = row.need(cx, "Answer", sheet::text);
        let status = row.read(cx, "Status", sheet::word(&STATUSES, &[]));
        let quote = row.read(cx, "Quote", sheet::quote);
        let stated_on = row.read(cx, "Stated on", sheet::event_date);
        let (Some(source), Some(answer)) = (source, answer) else {
            continue;
        };
        if let Some(fact) = facts.get_mut(f) {
            row.record(
                cx,
                format!("{path}[{f}].claims[{}]", fact.claims.len()),
                Level::Claim,
            );
            fact.claims.push(FactClaim {
                source,
                answer,
                status: status.unwrap_or_default(),
                attributed_to: row.text("Attributed to"),
                quote,
                stated_on,
                notes: row.text("Notes"),
            });
        }
    }
}

pub fn terms(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
    let Some(rows) = Rows::open(cx, grids, &layout::TERMS) else {
        return;
    };
    for row in rows.rows() {
        let agreement = row.text("Agreement").unwrap_or_default();
        let Some(a) = agreement_named(d, &agreement) else {
            row.error(
                cx,
                "Agreement",
                format!("there is no agreement \"{agreement}\" on the Agreements sheet"),
            );
            continue;
        };
        let description = row.need(cx, "Description", sheet::text);
        let side = row.need(cx, "Received by", sheet::word(&SIDES, &[]));
        let category = row.need(cx, "Category", sheet::word(&CATEGORIES, &CATEGORY_LABELS));
        let claim = claim(cx, &row);
        let (Some(description), Some(received_by), Some(category)) = (description, side, category)
        else {
            continue;
        };
        let Some(ag) = d.agreements.get_mut(a) else {
            continue;
        };
        let notes = row.text("Term notes");
        let t = group(
            &mut ag.terms,
            |t| &t.id,
            |t| &t.description,
            row.text("Term"),
            &description,
            "term",
            |id| Term {
                id,
                description: description.clone(),
                received_by,
                category,
                claims: List::new(),
                notes,
            },
        );
        let path = format!("agreements[{a}].terms[{t}]");
        row.record(cx, path.clone(), Level::Item);
        if let (Some(c), Some(term)) = (claim, ag.terms.get_mut(t)) {
            add_claim(cx, &row, &path, &mut term.claims, c);
        }
    }
}

pub fn totals(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
    let Some(rows) = Rows::open(cx, grids, &layout::TOTALS) else {
        return;
    };
    for row in rows.rows() {
        let Some(description) = row.need(cx, "Description", sheet::text) else {
            continue;
        };
        let scope = TotalScope {
            agreement: row.text("Agreement"),
            from: row.read(cx, "From", sheet::coarse_date),
            until: row.read(cx, "Until", sheet::coarse_date),
            received_by: row.read(cx, "Received by", sheet::word(&SIDES, &[])),
            category: row.read(cx, "Category", sheet::word(&CATEGORIES, &CATEGORY_LABELS)),
            kind: row.read(cx, "Kind", sheet::word(&KINDS, &KIND_LABELS)),
        };
        let counts = row.read(cx, "Counts", sheet::word(&COUNTS, &[]));
        let baseline = baseline(cx, &row);
        let claim = claim(cx, &row);
        let notes = row.text("Total notes");
        let t = group(
            &mut d.running_totals,
            |t| &t.id,
            |t| &t.description,
            row.text("Total"),
            &description,
            "total",
            |id| RunningTotal {
                id,
                description: description.clone(),
                scope,
                counts: counts.unwrap_or_default(),
                claims: List::new(),
                baseline,
                notes,
            },
        );
        let path = format!("running_totals[{t}]");
        row.record(cx, path.clone(), Level::Item);
        if let (Some(c), Some(total)) = (claim, d.running_totals.get_mut(t)) {
            add_claim(cx, &row, &path, &mut total.claims, c);
        }
    }
}

fn baseline(cx: &mut Cx, row: &Row) -> Option<Baseline> {
    let columns = [
        "Baseline before",
        "Baseline value",
        "Baseline source",
        "Baseline quote",
    ];
    if columns.iter().all(|c| row.get(c).is_empty()) {
        return None;
    }
    let before = row.need(cx, "Baseline before", sheet::day);
    let value = row.need(cx, "Baseline value", sheet::quantity);
    let source = row.need(cx, "Baseline source", sheet::text);
    Some(Baseline {
        before: before?,
        value: value?,
        source: source?,
        quote: row.text("Baseline quote"),
    })
}

pub fn estimates(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
    let Some(rows) = Rows::open(cx, grids, &layout::ESTIMATES) else {
        return;
    };
    for row in rows.rows() {
        let description = row.need(cx, "Description", sheet::text);
        let category = row.need(cx, "Category", sheet::word(&CATEGORIES, &CATEGORY_LABELS));
        let held_by = row.read(cx, "Held by", sheet::word(&SIDES, &[]));
        let as_of = row.read(cx, "As of", sheet::coarse_date);
        let claim = claim(cx, &row);
        let (Some(description), Some(category)) = (description, category) else {
            continue;
        };
        let notes = row.text("Estimate notes");
        let e = group(
            &mut d.estimates,
            |e| &e.id,
            |e| &e.description,
            row.text("Estimate"),
            &description,
            "estimate",
            |id| ContextEstimate {
                id,
                description: description.clone(),
                category,
                held_by,
                as_of,
                claims: List::new(),
                notes,
            },
        );
        let path = format!("estimates[{e}]");
        row.record(cx, path.clone(), Level::Item);
        if let (Some(c), Some(estimate)) = (claim, d.estimates.get_mut(e)) {
            add_claim(cx, &row, &path, &mut estimate.claims, c);
        }
    }
}

pub fn place_names(cx: &mut Cx, grids: &[Grid], d: &mut Dataset) {
    let Some(rows) = Rows::open(cx, grids, &layout::PLACE_NAMES) else {
        return;
    };
    for row in rows.rows() {
        let Some(canonical) = row.need(cx, "Name", sheet::text) else {
            continue;
        };
        row.record(
            cx,
            format!("place_names[{}]", d.place_names.len()),
            Level::Item,
        );
        d.place_names.push(PlaceName {
            canonical,
            variants: list(&row, "Variants"),
        });
    }
}

/// Adds `claim` to `claims`, the claims of the item at JSON path `path`,
/// recording `row` as where the claim was read.
fn add_claim<C>(cx: &mut Cx, row: &Row, path: &str, claims: &mut List<C>, claim: C) {
    row.record(cx, format!("{path}.claims[{}]", claims.len()), Level::Claim);
    claims.push(claim);
}
