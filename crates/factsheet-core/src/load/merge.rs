//! Merging several files into one dataset.
//!
//! Items are matched by id. The same item in two files (identical) is kept once;
//! two different definitions under one id are a conflict, reported as an error
//! naming both files, and never settled silently.

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, FORMAT_VERSION, List, Text};

/// Merges `files` (label, dataset) in order. The first definition of an id is kept.
pub fn merge(files: Vec<(String, Dataset)>) -> (Dataset, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut iter = files.into_iter();
    let Some((first_label, first)) = iter.next() else {
        return (Dataset::empty("(nothing open)"), diagnostics);
    };
    let mut merged = first;
    let mut titles = vec![merged.title.clone()];
    // Which file each kept item came from (an index into `labels`), to name both
    // files in a conflict. Indices, not labels: one file of a million events
    // should not cost a million copies of its name.
    let mut labels = vec![first_label];
    let mut origin = Origins::of(&merged);
    for (label, d) in iter {
        let file = labels.len();
        if !titles.contains(&d.title) {
            titles.push(d.title.clone());
        }
        merged.updated = merged.updated.max(d.updated);
        if merged.description.is_none() {
            merged.description = d.description;
        }
        add(
            &mut merged.sources,
            d.sources,
            |s| &s.id,
            "source",
            "sources",
            &label,
            &labels,
            file,
            &mut origin.sources,
            &mut diagnostics,
        );
        add(
            &mut merged.agreements,
            d.agreements,
            |a| &a.id,
            "agreement",
            "agreements",
            &label,
            &labels,
            file,
            &mut origin.agreements,
            &mut diagnostics,
        );
        add(
            &mut merged.events,
            d.events,
            |e| &e.id,
            "event",
            "events",
            &label,
            &labels,
            file,
            &mut origin.events,
            &mut diagnostics,
        );
        add(
            &mut merged.running_totals,
            d.running_totals,
            |t| &t.id,
            "running total",
            "running_totals",
            &label,
            &labels,
            file,
            &mut origin.totals,
            &mut diagnostics,
        );
        add(
            &mut merged.estimates,
            d.estimates,
            |e| &e.id,
            "estimate",
            "estimates",
            &label,
            &labels,
            file,
            &mut origin.estimates,
            &mut diagnostics,
        );
        for p in d.place_names {
            if !merged.place_names.contains(&p) {
                merged.place_names.push(p);
            }
        }
        labels.push(label);
    }
    merged.format_version = FORMAT_VERSION;
    merged.title = titles.join(" + ").into();
    (merged, diagnostics)
}

#[derive(Default)]
struct Origins {
    sources: Vec<usize>,
    agreements: Vec<usize>,
    events: Vec<usize>,
    totals: Vec<usize>,
    estimates: Vec<usize>,
}

impl Origins {
    /// Every item of the first file comes from file 0.
    fn of(d: &Dataset) -> Self {
        let n = |len: usize| vec![0; len];
        Origins {
            sources: n(d.sources.len()),
            agreements: n(d.agreements.len()),
            events: n(d.events.len()),
            totals: n(d.running_totals.len()),
            estimates: n(d.estimates.len()),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add<T: PartialEq>(
    into: &mut Vec<T>,
    items: List<T>,
    id: impl Fn(&T) -> &Text,
    what: &str,
    list: &str,
    label: &str,
    labels: &[String],
    file: usize,
    origins: &mut Vec<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut index: std::collections::HashMap<Text, usize> = into
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).clone(), i))
        .collect();
    for (i, item) in items.into_iter().enumerate() {
        match index.get(id(&item)) {
            Some(&kept) => {
                if into.get(kept) != Some(&item) {
                    let other = origins
                        .get(kept)
                        .and_then(|&f| labels.get(f))
                        .map_or("another file", String::as_str);
                    diagnostics.push(
                        Diagnostic::error(
                            label,
                            format!(
                                "the {what} \"{}\" is defined differently here and in {other}; {other}'s version is kept",
                                id(&item)
                            ),
                        )
                        .at_path(format!("{list}[{i}]")),
                    );
                }
            }
            None => {
                index.insert(id(&item).clone(), into.len());
                into.push(item);
                origins.push(file);
            }
        }
    }
}
