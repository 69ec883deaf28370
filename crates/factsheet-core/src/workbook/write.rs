//! A dataset laid out as the workbook's tables: one row per source, event,
//! claim and so on, every field of the format in a column, values written as
//! a person types them (so that reading them back gives the same dataset).

use super::cells::{EXACT_IN_A_CELL, Value, join_list, parts_text, word};
use super::layout::{self, Sheet};
use crate::model::{Claim, Dataset, EventDate, Quantity, event_date_text, quantity_text};

/// One sheet's rows, each cell in the sheet's column order.
#[derive(Debug)]
pub struct Table {
    pub sheet: &'static Sheet,
    pub rows: Vec<Vec<Value>>,
}

/// Every sheet of `dataset`, in [`layout::SHEETS`]'s order.
pub fn tables(d: &Dataset) -> Vec<Table> {
    vec![
        about(d),
        sources(d),
        events(d),
        claims(d),
        facts(d),
        dates(d),
        links(d),
        agreements(d),
        terms(d),
        totals(d),
        estimates(d),
        place_names(d),
    ]
}

/// A figure: a number cell when exact (so a spreadsheet can add it up),
/// else the words.
fn quantity(q: Quantity) -> Value {
    match q {
        Quantity::Exact(n) if n < EXACT_IN_A_CELL => Value::Number(n as f64),
        other => Value::text(quantity_text(other)),
    }
}

/// An event date: a real date cell for one exact day, else the words.
fn event_date(date: &EventDate) -> Value {
    if date.is_exact_day() {
        Value::Date(date.on)
    } else {
        Value::text(event_date_text(date))
    }
}

fn opt_date(date: Option<jiff::civil::Date>) -> Value {
    date.map_or(Value::Empty, Value::Date)
}

fn claim_cells(c: Option<&Claim>) -> Vec<Value> {
    let Some(c) = c else {
        return vec![Value::Empty; 10];
    };
    vec![
        Value::text(c.source.as_str()),
        quantity(c.value),
        Value::text(word(&c.status)),
        Value::opt(c.attributed_to.as_deref()),
        Value::opt(c.quote.as_deref()),
        Value::opt(c.words.as_deref()),
        c.stated_on.as_ref().map_or(Value::Empty, event_date),
        parts_text(&c.parts),
        join_list(&c.answers),
        Value::opt(c.notes.as_deref()),
    ]
}

/// One row per claim of `claims`, each starting with `head`; one row with
/// the claim columns blank when there is none.
fn rows_of_claims(rows: &mut Vec<Vec<Value>>, head: Vec<Value>, claims: &[Claim]) {
    if claims.is_empty() {
        let mut row = head.clone();
        row.extend(claim_cells(None));
        rows.push(row);
    }
    for c in claims {
        let mut row = head.clone();
        row.extend(claim_cells(Some(c)));
        rows.push(row);
    }
}

fn about(d: &Dataset) -> Table {
    let row = |field: &str, value: Value| vec![Value::text(field), value];
    Table {
        sheet: &layout::ABOUT,
        rows: vec![
            row("Title", Value::text(d.title.as_str())),
            row("Description", Value::opt(d.description.as_deref())),
            row("Updated", opt_date(d.updated)),
            row("Coverage", Value::text(word(&d.coverage))),
            row("Format version", Value::Number(f64::from(d.format_version))),
        ],
    }
}

fn sources(d: &Dataset) -> Table {
    let rows = d
        .sources
        .iter()
        .map(|s| {
            vec![
                Value::text(s.id.as_str()),
                Value::text(s.outlet.as_str()),
                Value::opt(s.title.as_deref()),
                Value::opt(s.url.as_deref()),
                opt_date(s.published),
                Value::opt(s.language.as_deref()),
                Value::text(word(&s.affiliation)),
                Value::opt(s.archive_url.as_deref()),
                opt_date(s.retrieved),
                Value::opt(s.notes.as_deref()),
                Value::opt(s.relays.as_ref().map(|r| r.source.as_str())),
                s.relays
                    .as_ref()
                    .map_or(Value::Empty, |r| Value::text(word(&r.how))),
                Value::opt(s.saved_copy.as_ref().map(|c| c.path.as_str())),
                Value::opt(s.saved_copy.as_ref().and_then(|c| c.url.as_deref())),
                opt_date(s.saved_copy.as_ref().and_then(|c| c.retrieved)),
                Value::opt(s.saved_copy.as_ref().and_then(|c| c.sha256.as_deref())),
            ]
        })
        .collect();
    Table {
        sheet: &layout::SOURCES,
        rows,
    }
}

fn place_cells(place: Option<&crate::model::Place>) -> [Value; 2] {
    match place {
        Some(p) => [
            Value::text(p.name.as_str()),
            Value::text(word(&p.precision)),
        ],
        None => [Value::Empty, Value::Empty],
    }
}

fn events(d: &Dataset) -> Table {
    let rows = d
        .events
        .iter()
        .map(|e| {
            let [place, precision] = place_cells(e.place.as_ref());
            vec![
                Value::text(e.id.as_str()),
                Value::text(e.title.as_str()),
                event_date(&e.date),
                Value::text(word(&e.kind)),
                place,
                precision,
                join_list(&e.mediators),
                Value::opt(e.agreement.as_deref()),
                Value::opt(e.notes.as_deref()),
                join_list(&e.same_as),
                join_list(&e.distinct_from),
            ]
        })
        .collect();
    Table {
        sheet: &layout::EVENTS,
        rows,
    }
}

fn claims(d: &Dataset) -> Table {
    let mut rows = Vec::new();
    for e in &d.events {
        for f in &e.figures {
            let head = vec![
                Value::text(e.id.as_str()),
                event_date(&e.date),
                Value::text(word(&e.kind)),
                Value::text(f.id.as_str()),
                f.received_by
                    .map_or(Value::Empty, |s| Value::text(word(&s))),
                Value::text(word(&f.category)),
                Value::opt(f.label.as_deref()),
            ];
            rows_of_claims(&mut rows, head, &f.claims);
        }
    }
    Table {
        sheet: &layout::CLAIMS,
        rows,
    }
}

fn facts(d: &Dataset) -> Table {
    let mut rows = Vec::new();
    let of_events = d
        .events
        .iter()
        .map(|e| (Value::text(e.id.as_str()), Value::Empty, &e.facts));
    let of_agreements = d
        .agreements
        .iter()
        .map(|a| (Value::Empty, Value::text(a.id.as_str()), &a.facts));
    for (event, agreement, facts) in of_events.chain(of_agreements) {
        for f in facts {
            let head = [
                event.clone(),
                agreement.clone(),
                Value::text(f.id.as_str()),
                Value::text(f.question.as_str()),
            ];
            if f.claims.is_empty() {
                let mut row = head.to_vec();
                row.extend(std::iter::repeat_n(Value::Empty, 7));
                rows.push(row);
            }
            for c in &f.claims {
                let mut row = head.to_vec();
                row.extend([
                    Value::text(c.source.as_str()),
                    Value::text(c.answer.as_str()),
                    Value::text(word(&c.status)),
                    Value::opt(c.attributed_to.as_deref()),
                    Value::opt(c.quote.as_deref()),
                    c.stated_on.as_ref().map_or(Value::Empty, event_date),
                    Value::opt(c.notes.as_deref()),
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        sheet: &layout::FACTS,
        rows,
    }
}

fn dates(d: &Dataset) -> Table {
    let rows = d
        .events
        .iter()
        .flat_map(|e| {
            e.dates.iter().map(|c| {
                vec![
                    Value::text(e.id.as_str()),
                    Value::text(c.source.as_str()),
                    event_date(&c.date),
                    Value::opt(c.attributed_to.as_deref()),
                    Value::opt(c.quote.as_deref()),
                ]
            })
        })
        .collect();
    Table {
        sheet: &layout::DATES,
        rows,
    }
}

fn links(d: &Dataset) -> Table {
    let rows = d
        .events
        .iter()
        .flat_map(|e| {
            e.links.iter().map(|l| {
                vec![
                    Value::text(e.id.as_str()),
                    Value::text(l.source.as_str()),
                    Value::opt(l.agreement.as_deref()),
                    Value::opt(l.attributed_to.as_deref()),
                    Value::opt(l.quote.as_deref()),
                    Value::opt(l.notes.as_deref()),
                ]
            })
        })
        .collect();
    Table {
        sheet: &layout::LINKS,
        rows,
    }
}

fn agreements(d: &Dataset) -> Table {
    let rows = d
        .agreements
        .iter()
        .map(|a| {
            let [place, precision] = place_cells(a.place.as_ref());
            vec![
                Value::text(a.id.as_str()),
                Value::text(a.title.as_str()),
                Value::text(word(&a.kind)),
                event_date(&a.date),
                place,
                precision,
                join_list(&a.parties),
                join_list(&a.mediators),
                Value::opt(a.notes.as_deref()),
                join_list(&a.same_as),
                join_list(&a.distinct_from),
            ]
        })
        .collect();
    Table {
        sheet: &layout::AGREEMENTS,
        rows,
    }
}

fn terms(d: &Dataset) -> Table {
    let mut rows = Vec::new();
    for a in &d.agreements {
        for t in &a.terms {
            let head = vec![
                Value::text(a.id.as_str()),
                Value::text(t.id.as_str()),
                Value::text(t.description.as_str()),
                Value::text(word(&t.received_by)),
                Value::text(word(&t.category)),
                Value::opt(t.notes.as_deref()),
            ];
            rows_of_claims(&mut rows, head, &t.claims);
        }
    }
    Table {
        sheet: &layout::TERMS,
        rows,
    }
}

fn totals(d: &Dataset) -> Table {
    let mut rows = Vec::new();
    for t in &d.running_totals {
        let s = &t.scope;
        let b = t.baseline.as_ref();
        let head = vec![
            Value::text(t.id.as_str()),
            Value::text(t.description.as_str()),
            Value::text(word(&t.counts)),
            Value::opt(s.agreement.as_deref()),
            Value::opt(s.from.map(|c| c.to_string()).as_deref()),
            Value::opt(s.until.map(|c| c.to_string()).as_deref()),
            s.received_by
                .map_or(Value::Empty, |x| Value::text(word(&x))),
            s.category.map_or(Value::Empty, |x| Value::text(word(&x))),
            s.kind.map_or(Value::Empty, |x| Value::text(word(&x))),
            opt_date(b.map(|b| b.before)),
            b.map_or(Value::Empty, |b| quantity(b.value)),
            Value::opt(b.map(|b| b.source.as_str())),
            Value::opt(b.and_then(|b| b.quote.as_deref())),
            Value::opt(t.notes.as_deref()),
        ];
        rows_of_claims(&mut rows, head, &t.claims);
    }
    Table {
        sheet: &layout::TOTALS,
        rows,
    }
}

fn estimates(d: &Dataset) -> Table {
    let mut rows = Vec::new();
    for e in &d.estimates {
        let head = vec![
            Value::text(e.id.as_str()),
            Value::text(e.description.as_str()),
            Value::text(word(&e.category)),
            e.held_by.map_or(Value::Empty, |x| Value::text(word(&x))),
            Value::opt(e.as_of.map(|c| c.to_string()).as_deref()),
            Value::opt(e.notes.as_deref()),
        ];
        rows_of_claims(&mut rows, head, &e.claims);
    }
    Table {
        sheet: &layout::ESTIMATES,
        rows,
    }
}

fn place_names(d: &Dataset) -> Table {
    let rows = d
        .place_names
        .iter()
        .map(|p| vec![Value::text(p.canonical.as_str()), join_list(&p.variants)])
        .collect();
    Table {
        sheet: &layout::PLACE_NAMES,
        rows,
    }
}
