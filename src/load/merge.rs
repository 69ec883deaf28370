//! Merging several files into one dataset.
//!
//! Items are matched by id. The same item in two files (identical) is kept once;
//! two different definitions under one id are a conflict, reported as an error
//! naming both files, and never settled silently.

use crate::load::diagnostic::Diagnostic;
use crate::model::{Dataset, FORMAT_VERSION};

/// Merges `files` (label, dataset) in order. The first definition of an id is kept.
pub fn merge(files: Vec<(String, Dataset)>) -> (Dataset, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut iter = files.into_iter();
    let Some((first_label, first)) = iter.next() else {
        return (Dataset::empty("(nothing open)"), diagnostics);
    };
    let mut merged = first;
    let mut titles = vec![merged.title.clone()];
    // Which file each kept item came from, to name both files in a conflict.
    let mut origin = Origins::of(&merged, &first_label);
    for (label, d) in iter {
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
            &mut origin.estimates,
            &mut diagnostics,
        );
        for p in d.place_names {
            if !merged.place_names.contains(&p) {
                merged.place_names.push(p);
            }
        }
    }
    merged.format_version = FORMAT_VERSION;
    merged.title = titles.join(" + ");
    (merged, diagnostics)
}

#[derive(Default)]
struct Origins {
    sources: Vec<String>,
    agreements: Vec<String>,
    events: Vec<String>,
    totals: Vec<String>,
    estimates: Vec<String>,
}

impl Origins {
    fn of(d: &Dataset, label: &str) -> Self {
        let n = |len: usize| vec![label.to_string(); len];
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
    items: Vec<T>,
    id: impl Fn(&T) -> &String,
    what: &str,
    list: &str,
    label: &str,
    origins: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut index: std::collections::HashMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).clone(), i))
        .collect();
    for (i, item) in items.into_iter().enumerate() {
        match index.get(id(&item)) {
            Some(&kept) => {
                if into.get(kept) != Some(&item) {
                    let other = origins.get(kept).map_or("another file", String::as_str);
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
                origins.push(label.to_string());
            }
        }
    }
}
