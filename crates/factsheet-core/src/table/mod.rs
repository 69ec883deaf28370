//! The events table's model, with no UI in it: one [`TableRow`] per event,
//! the [`Filters`] and [`Sort`] the user picks, and [`Table::view`], the rows
//! that pass the filters in sort order. The desktop app shows it; benchmarks
//! and the command line can use it without the `gui` feature.
//!
//! Built once per load ([`Table::build`]): the rows and every column's sort
//! order. A view is then one pass over the rows (the filters) and one over a
//! precomputed order (the sort), whatever the column.

mod filter;
mod periods;
mod row;
mod sort;
mod views;

pub use filter::{Filters, Matcher};
pub use periods::{Period, PeriodCounts};
pub use row::{Divergence, TableRow, canonical_place, event_rows};
pub use sort::{Sort, SortColumn, SortOrders, sort_rows};
pub use views::{NamedView, SavedViews};

use crate::compare::{Comparer, DatasetComparison};
use crate::model::{Dataset, Text};

/// The rows of a dataset's events and their sort orders.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// One per `dataset.events`, same order.
    pub rows: Vec<TableRow>,
    orders: SortOrders,
    /// Every row's lower-cased search text, each followed by a newline (no
    /// query word holds one, so no match spans two rows): one buffer searched
    /// in one pass per word, rather than a million small strings.
    text: String,
    /// Where each row's text ends in `text` (after its newline).
    text_ends: Vec<usize>,
    /// For each running total (by id), the rows of the events it counts, in
    /// order: the filter that lists them uses the statistics' own rule.
    counted: Vec<(Text, Vec<usize>)>,
}

impl Table {
    /// Rows and sort orders for `dataset`, from its comparison.
    pub fn build(dataset: &Dataset, comparer: &Comparer, compared: &DatasetComparison) -> Table {
        let mut table = Table::new(event_rows(dataset, comparer, compared));
        table.counted = dataset
            .running_totals
            .iter()
            .map(|t| t.id.clone())
            .zip(crate::stats::events_counted_by_each(dataset))
            .collect();
        table
    }

    pub fn new(mut rows: Vec<TableRow>) -> Table {
        let orders = SortOrders::new(&rows);
        let mut text = String::with_capacity(rows.iter().map(|r| r.haystack.len() + 1).sum());
        let mut text_ends = Vec::with_capacity(rows.len());
        for row in &mut rows {
            text.push_str(&std::mem::take(&mut row.haystack));
            text.push('\n');
            text_ends.push(text.len());
        }
        Table {
            rows,
            orders,
            text,
            text_ends,
            counted: Vec::new(),
        }
    }

    /// The lower-cased text the free-text filter searches in row `index`.
    pub fn row_text(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(before) => self.text_ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.text_ends.get(index).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or_default().trim_end()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Indices of the rows that pass `filters`, in `sort` order.
    pub fn view(&self, filters: &Filters, sort: Sort) -> Vec<usize> {
        let keep = self.kept(filters);
        let keep = |i: usize| {
            keep.as_ref()
                .is_none_or(|k| k.get(i).copied().unwrap_or(false))
        };
        self.orders.select(sort, keep).unwrap_or_else(|| {
            let mut visible: Vec<usize> = (0..self.rows.len()).filter(|&i| keep(i)).collect();
            sort_rows(&mut visible, &self.rows, sort);
            visible
        })
    }

    /// Which rows pass `filters`, one flag per row; `None` when every row does.
    fn kept(&self, filters: &Filters) -> Option<Vec<bool>> {
        (!filters.is_empty()).then(|| {
            let matcher = filters.matcher();
            let mut keep: Vec<bool> = self
                .rows
                .iter()
                .map(|r| matcher.matches_fields(r))
                .collect();
            if let Some(id) = &filters.running_total {
                // A total the open files do not define counts no event.
                let mut counted = vec![false; self.rows.len()];
                let rows = self.counted.iter().find(|(t, _)| t == id).map(|(_, r)| r);
                for &i in rows.into_iter().flatten() {
                    if let Some(c) = counted.get_mut(i) {
                        *c = true;
                    }
                }
                for (k, c) in keep.iter_mut().zip(counted) {
                    *k &= c;
                }
            }
            for word in matcher.words() {
                // Every occurrence of the word in the one buffer, mapped to its
                // row by walking the rows' ends alongside (both ascend).
                let mut found = vec![false; self.rows.len()];
                let mut row = 0;
                for at in word.find_iter(self.text.as_bytes()) {
                    while self.text_ends.get(row).is_some_and(|&end| end <= at) {
                        row += 1;
                    }
                    if let Some(f) = found.get_mut(row) {
                        *f = true;
                    }
                }
                for (k, f) in keep.iter_mut().zip(found) {
                    *k &= f;
                }
            }
            keep
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Side, Text};

    fn generated(events: u64) -> Dataset {
        let bytes = crate::testing::generated_bytes(events, 7);
        crate::load::load_bytes(
            vec![("generated".to_string(), bytes)],
            jiff::civil::date(2026, 1, 1),
        )
        .into_result()
        .unwrap()
        .0
    }

    /// A generated dataset of `events` events and its table.
    fn built(events: u64) -> (Dataset, Table) {
        let d = generated(events);
        let comparer = Comparer::new(&d);
        let table = Table::build(&d, &comparer, &comparer.dataset(&d));
        (d, table)
    }

    /// The view the slow way: test every row, then a comparison sort.
    fn naive(table: &Table, filters: &Filters, sort: Sort) -> Vec<usize> {
        let matcher = filters.matcher();
        let mut v: Vec<usize> = (0..table.len())
            .filter(|&i| {
                matcher.matches_fields(&table.rows[i]) && matcher.matches_text(table.row_text(i))
            })
            .collect();
        sort_rows(&mut v, &table.rows, sort);
        v
    }

    #[test]
    fn precomputed_orders_give_the_comparison_sort_for_every_column_and_filter() {
        let (_, table) = built(400);
        let place = table
            .rows
            .iter()
            .find(|r| !r.place.is_empty())
            .map(|r| r.place.to_uppercase())
            .unwrap();
        let from = jiff::civil::date(2023, 1, 1);
        let source = table
            .rows
            .iter()
            .find(|r| r.last_day >= from)
            .map(|r| r.source_ids[0].clone())
            .unwrap();
        let filters = [
            Filters::default(),
            Filters {
                kind: Some(EventKind::RemainsRepatriation),
                ..Default::default()
            },
            Filters {
                side: Some(Side::Russia),
                disagreements_only: true,
                ..Default::default()
            },
            Filters {
                text: format!("  {place} "),
                ..Default::default()
            },
            Filters {
                source: Some(source.to_string()),
                from: Some(from),
                ..Default::default()
            },
            Filters {
                agreement: table
                    .rows
                    .iter()
                    .find_map(|r| r.fulfils.as_ref().map(|a| a.to_string())),
                ..Default::default()
            },
        ];
        for f in &filters {
            let all = naive(&table, f, Sort::default());
            assert!(!all.is_empty(), "{f:?} should keep some rows");
            if !f.is_empty() {
                assert!(all.len() < table.len(), "{f:?} should drop some rows");
            }
            for column in SortColumn::ALL {
                for descending in [false, true] {
                    let sort = Sort { column, descending };
                    assert_eq!(
                        table.view(f, sort),
                        naive(&table, f, sort),
                        "{f:?} {sort:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_agreement_filter_keeps_the_events_that_fulfil_it() {
        let (d, table) = built(400);
        let agreement = d
            .events
            .iter()
            .find_map(|e| e.agreement.clone())
            .expect("generated events fulfil agreements");
        let filters = Filters {
            agreement: Some(agreement.to_string()),
            ..Default::default()
        };
        let mut kept = table.view(&filters, Sort::default());
        kept.sort_unstable();
        let fulfilling: Vec<usize> = (0..d.events.len())
            .filter(|&i| d.events[i].agreement.as_deref() == Some(agreement.as_str()))
            .collect();
        assert_eq!(kept, fulfilling);
        assert!(!kept.is_empty() && kept.len() < d.events.len());
        assert!(
            filters
                .describe()
                .iter()
                .any(|w| w.contains(agreement.as_str()))
        );
    }

    #[test]
    fn the_running_total_filter_keeps_the_events_the_total_counts() {
        let (d, table) = built(2_000);
        let stats = crate::stats::Stats::of(&d);
        let check = stats
            .running_totals
            .iter()
            .find(|c| c.events > 0)
            .expect("generated running totals count events");
        let total = &d.running_totals[check.total];
        let filters = Filters {
            running_total: Some(total.id.to_string()),
            ..Default::default()
        };
        let mut kept = table.view(&filters, Sort::default());
        kept.sort_unstable();
        assert_eq!(kept.len(), check.events, "as many as the check counts");
        assert_eq!(kept, crate::stats::events_counted_by(&d, &total.scope));
        // With another filter on, the rows both keep.
        let russia = Filters {
            side: Some(Side::Russia),
            ..filters.clone()
        };
        let both: Vec<usize> = table
            .view(&russia, Sort::default())
            .into_iter()
            .filter(|i| kept.binary_search(i).is_ok())
            .collect();
        assert_eq!(both.len(), table.view(&russia, Sort::default()).len());
        // A total the data does not define counts nothing.
        let unknown = Filters {
            running_total: Some("no-such-total".into()),
            ..Default::default()
        };
        assert!(table.view(&unknown, Sort::default()).is_empty());
        assert!(
            filters
                .describe()
                .iter()
                .any(|w| w.contains(total.id.as_str()))
        );
    }

    #[test]
    fn text_columns_sort_without_regard_to_case_as_the_comparison_sort_does() {
        let d = generated(300);
        let comparer = Comparer::new(&d);
        let mut rows = event_rows(&d, &comparer, &comparer.dataset(&d));
        // Texts equal but for case, Cyrillic and accented, empty, among the generated ones.
        let texts = [
            "swap",
            "Swap",
            "SWAP",
            "Обмін",
            "обмін",
            "Été",
            "été",
            "",
            "b",
            "B ",
        ];
        for (i, row) in rows.iter_mut().enumerate().step_by(3) {
            let text = texts[i / 3 % texts.len()];
            row.title = Text::new(text);
            row.place = Text::new(text.to_uppercase());
        }
        let table = Table::new(rows);
        for column in [SortColumn::Title, SortColumn::Place] {
            for descending in [false, true] {
                let sort = Sort { column, descending };
                for f in [
                    Filters::default(),
                    Filters {
                        side: Some(Side::Ukraine),
                        ..Default::default()
                    },
                ] {
                    assert_eq!(
                        table.view(&f, sort),
                        naive(&table, &f, sort),
                        "{sort:?} {f:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn text_filter_needs_every_word_in_any_case() {
        let d = generated(50);
        let comparer = Comparer::new(&d);
        let table = Table::build(&d, &comparer, &comparer.dataset(&d));
        let id = d.events[10].id.clone();
        let only = Filters {
            text: id.to_uppercase(),
            ..Default::default()
        };
        assert_eq!(table.view(&only, Sort::default()), vec![10]);
        assert!(table.row_text(10).starts_with(&id.to_lowercase()));
        assert!(!table.row_text(0).contains('\n'));
        let none = Filters {
            text: format!("{id} no-such-word"),
            ..Default::default()
        };
        assert!(table.view(&none, Sort::default()).is_empty());
    }
}
