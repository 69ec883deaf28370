//! Sorting the events table by any column. Each column's order is computed
//! once per load ([`SortOrders::new`]), so sorting and filtering a million
//! rows later is one pass over a precomputed order rather than a sort.
//!
//! The order a column gives: by the column's value (text without regard to
//! case), ascending or descending; rows with equal values keep date order,
//! then file order, in both directions, so equal keys read chronologically.

use std::cmp::Ordering;

use foldhash::{HashMap, HashMapExt};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::row::TableRow;

/// Columns of the events table, each sortable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Date,
    Kind,
    Title,
    Place,
    ToUkraine,
    ToRussia,
    Category,
    Sources,
    Disagreement,
}

impl SortColumn {
    pub const ALL: [SortColumn; 9] = [
        SortColumn::Date,
        SortColumn::Kind,
        SortColumn::Title,
        SortColumn::Place,
        SortColumn::ToUkraine,
        SortColumn::ToRussia,
        SortColumn::Category,
        SortColumn::Sources,
        SortColumn::Disagreement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Date => "Date",
            SortColumn::Kind => "Kind",
            SortColumn::Title => "Event",
            SortColumn::Place => "Place",
            SortColumn::ToUkraine => "To Ukraine",
            SortColumn::ToRussia => "To Russia",
            SortColumn::Category => "Category",
            SortColumn::Sources => "Sources",
            SortColumn::Disagreement => "Disagreement",
        }
    }

    fn position(self) -> usize {
        SortColumn::ALL
            .iter()
            .position(|&c| c == self)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Sort {
    /// "Date, ascending", "To Russia, descending".
    pub fn describe(self) -> String {
        let way = if self.descending {
            "descending"
        } else {
            "ascending"
        };
        format!("{}, {way}", self.column.label())
    }
}

/// Sorts row indices by a column with a comparison sort: the reference the
/// precomputed orders are tested against, and the fallback for tables too
/// large for them.
pub fn sort_rows(indices: &mut [usize], rows: &[TableRow], sort: Sort) {
    let key = |a: &TableRow, b: &TableRow| -> Ordering {
        match sort.column {
            SortColumn::Date => (a.first_day, a.last_day).cmp(&(b.first_day, b.last_day)),
            SortColumn::Kind => a.kind.label().cmp(b.kind.label()),
            SortColumn::Title => caseless(&a.title, &b.title),
            SortColumn::Place => caseless(&a.place, &b.place),
            SortColumn::ToUkraine => a.to_ukraine.cmp(&b.to_ukraine),
            SortColumn::ToRussia => a.to_russia.cmp(&b.to_russia),
            SortColumn::Category => a.categories.cmp(&b.categories),
            SortColumn::Sources => a.source_count.cmp(&b.source_count),
            SortColumn::Disagreement => a.agreement.cmp(&b.agreement),
        }
    };
    indices.sort_by(|&i, &j| match (rows.get(i), rows.get(j)) {
        (Some(a), Some(b)) => {
            let primary = if sort.descending {
                key(b, a)
            } else {
                key(a, b)
            };
            primary.then(a.first_day.cmp(&b.first_day)).then(i.cmp(&j))
        }
        _ => i.cmp(&j),
    });
}

/// Compares without regard to case, without allocating.
fn caseless(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// The same text as [`caseless`] compares it, as a key to sort by once.
fn caseless_key(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// One column's ascending order, and each row's rank in it.
#[derive(Debug, Clone, Default)]
struct ColumnOrder {
    /// Row indices by (value, first day, index), ascending.
    order: Vec<u32>,
    /// Per row (by index): the rank of its value; equal values share a rank.
    rank: Vec<u32>,
}

/// Every column's order, computed once per load.
#[derive(Debug, Clone, Default)]
pub struct SortOrders {
    /// Per column of [`SortColumn::ALL`]; empty when the table is too large for u32 indices.
    columns: Vec<ColumnOrder>,
}

impl SortOrders {
    /// Sorts `rows` by every column, on two threads for a large table (one
    /// column each at a time).
    pub fn new(rows: &[TableRow]) -> SortOrders {
        if u32::try_from(rows.len()).is_err() {
            return SortOrders::default();
        }
        let columns = SortColumn::ALL;
        let size = crate::parallel::Size::events(rows.len());
        let columns = crate::parallel::each("factsheet-sort", columns.len(), size, |at| {
            columns.get(at).map(|&column| column_order(rows, column))
        });
        SortOrders {
            columns: columns.into_iter().flatten().collect(),
        }
    }

    /// The rows `keep` says yes to, in `sort`'s order, or `None` when the orders
    /// were not computed (the caller sorts instead).
    pub fn select(&self, sort: Sort, keep: impl Fn(usize) -> bool) -> Option<Vec<usize>> {
        let column = self.columns.get(sort.column.position())?;
        let order = &column.order;
        let mut out = Vec::new();
        let mut take = |slice: &[u32]| {
            out.extend(slice.iter().map(|&i| i as usize).filter(|&i| keep(i)));
        };
        if !sort.descending {
            take(order);
            return Some(out);
        }
        // Descending: groups of equal value from the last to the first, each
        // group still in date then file order.
        let rank = |i: u32| column.rank.get(i as usize).copied().unwrap_or_default();
        let mut end = order.len();
        while let Some(&last) = order.get(end.wrapping_sub(1)).filter(|_| end > 0) {
            let r = rank(last);
            let mut start = end - 1;
            while start > 0 && order.get(start - 1).is_some_and(|&i| rank(i) == r) {
                start -= 1;
            }
            take(order.get(start..end).unwrap_or_default());
            end = start;
        }
        Some(out)
    }
}

fn column_order(rows: &[TableRow], column: SortColumn) -> ColumnOrder {
    match column {
        SortColumn::Date => order_by(rows, |_, r| (r.first_day, r.last_day)),
        SortColumn::Kind => order_by_text(rows, |r| r.kind.label(), str::to_string),
        SortColumn::Title => order_by_text(rows, |r| &r.title, caseless_key),
        SortColumn::Place => order_by_text(rows, |r| &r.place, caseless_key),
        SortColumn::ToUkraine => order_by(rows, |_, r| r.to_ukraine),
        SortColumn::ToRussia => order_by(rows, |_, r| r.to_russia),
        SortColumn::Category => order_by_text(rows, |r| &r.categories, str::to_string),
        SortColumn::Sources => order_by(rows, |_, r| r.source_count),
        SortColumn::Disagreement => order_by(rows, |_, r| r.agreement),
    }
}

/// [`order_by`] a text column compared by `key` (as [`sort_rows`] compares it):
/// each distinct text is keyed and ranked once (texts repeat: kinds and
/// categories always, titles and places often), then the rows are sorted by
/// their text's rank, a number, rather than by comparing texts.
fn order_by_text<'r>(
    rows: &'r [TableRow],
    text: impl Fn(&'r TableRow) -> &'r str,
    key: impl Fn(&str) -> String,
) -> ColumnOrder {
    let mut distinct: HashMap<&str, u32> = HashMap::new();
    let ids: Vec<u32> = rows
        .iter()
        .map(|r| {
            let next = u32::try_from(distinct.len()).unwrap_or(u32::MAX);
            *distinct.entry(text(r)).or_insert(next)
        })
        .collect();
    let mut keys: Vec<(String, u32)> = distinct.into_iter().map(|(t, id)| (key(t), id)).collect();
    keys.sort_unstable();
    // Texts equal but for case share a rank.
    let mut rank_of = vec![0u32; keys.len()];
    let mut current = 0u32;
    let mut previous: Option<&str> = None;
    for (key, id) in &keys {
        if previous.is_some_and(|p| p != key) {
            current += 1;
        }
        previous = Some(key);
        if let Some(r) = rank_of.get_mut(*id as usize) {
            *r = current;
        }
    }
    order_by(rows, |i, _| {
        let id = ids.get(i).copied().unwrap_or_default();
        rank_of.get(id as usize).copied().unwrap_or_default()
    })
}

/// Sorts once by (key, first day, index) and ranks the keys.
fn order_by<'r, K: Ord>(
    rows: &'r [TableRow],
    key: impl Fn(usize, &'r TableRow) -> K,
) -> ColumnOrder {
    let mut keyed: Vec<(K, Date, u32)> = rows
        .iter()
        .zip(0u32..)
        .map(|(r, i)| (key(i as usize, r), r.first_day, i))
        .collect();
    // Indices are distinct, so an unstable sort gives the one order.
    keyed.sort_unstable();
    let mut rank = vec![0u32; rows.len()];
    let mut current = 0u32;
    for pair in keyed.windows(2) {
        if let [a, b] = pair {
            if a.0 != b.0 {
                current += 1;
            }
            if let Some(r) = rank.get_mut(b.2 as usize) {
                *r = current;
            }
        }
    }
    ColumnOrder {
        order: keyed.into_iter().map(|(_, _, i)| i).collect(),
        rank,
    }
}
