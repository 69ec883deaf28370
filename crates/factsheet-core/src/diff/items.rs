//! The diff's other records, matched by id: agreements (their own fields and
//! their terms' fields), running totals (description, scope, what is counted,
//! baseline, notes), context estimates (description, category, who holds
//! them, as of when, notes) and the place-name table (each spelling shown,
//! by the variants folded into it). Their claims are compared apart, with
//! every other claim ([`super::claims`]).

use std::collections::HashMap;

use super::records::{field, listed, words};
use super::{FieldChange, ItemEntry, ItemKind};
use crate::model::{Agreement, AgreementKind, ContextEstimate, Dataset, RunningTotal, TotalCounts};

/// Items added, removed and changed, in that order of lists, each list by
/// kind (agreements, running totals, estimates, place names), each kind in
/// its version's order.
pub(super) fn compare(
    old: &Dataset,
    new: &Dataset,
) -> (Vec<ItemEntry>, Vec<ItemEntry>, Vec<ItemEntry>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    by_id(
        &mut out,
        ItemKind::Agreement,
        &old.agreements,
        &new.agreements,
        |a| (a.id.as_str(), a.title.as_str()),
        agreement_fields,
    );
    by_id(
        &mut out,
        ItemKind::RunningTotal,
        &old.running_totals,
        &new.running_totals,
        |t| (t.id.as_str(), t.description.as_str()),
        running_total_fields,
    );
    by_id(
        &mut out,
        ItemKind::Estimate,
        &old.estimates,
        &new.estimates,
        |e| (e.id.as_str(), e.description.as_str()),
        estimate_fields,
    );
    by_id(
        &mut out,
        ItemKind::PlaceName,
        &old.place_names,
        &new.place_names,
        |p| (p.canonical.as_str(), p.canonical.as_str()),
        |o, n, out| {
            field(
                out,
                "variants",
                listed(o.variants.iter().map(|v| v.as_str())),
                listed(n.variants.iter().map(|v| v.as_str())),
            );
        },
    );
    out
}

type Lists = (Vec<ItemEntry>, Vec<ItemEntry>, Vec<ItemEntry>);

/// Matches `old` and `new` by the id `key` gives, and adds each item only one
/// has, and each in both whose `fields` differ.
fn by_id<T>(
    (added, removed, changed): &mut Lists,
    kind: ItemKind,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> (&str, &str),
    fields: impl Fn(&T, &T, &mut Vec<FieldChange>),
) {
    let entry = |item: &T, changes: Vec<FieldChange>| {
        let (id, title) = key(item);
        ItemEntry {
            kind,
            id: id.to_string(),
            title: title.to_string(),
            changes,
        }
    };
    let before: HashMap<&str, &T> = old.iter().map(|i| (key(i).0, i)).collect();
    let after: HashMap<&str, &T> = new.iter().map(|i| (key(i).0, i)).collect();
    for n in new {
        match before.get(key(n).0) {
            None => added.push(entry(n, Vec::new())),
            Some(o) => {
                let mut changes = Vec::new();
                fields(o, n, &mut changes);
                if !changes.is_empty() {
                    changed.push(entry(n, changes));
                }
            }
        }
    }
    for o in old.iter().filter(|o| !after.contains_key(key(o).0)) {
        removed.push(entry(o, Vec::new()));
    }
}

fn agreement_fields(o: &Agreement, n: &Agreement, out: &mut Vec<FieldChange>) {
    let kind = |a: &Agreement| match a.kind {
        AgreementKind::Agreement => "agreement",
        AgreementKind::Promise => "promise",
    };
    field(out, "title", words(Some(&o.title)), words(Some(&n.title)));
    field(out, "kind", words(Some(kind(o))), words(Some(kind(n))));
    field(out, "date", words(Some(&o.date)), words(Some(&n.date)));
    let place = |a: &Agreement| a.place.as_ref().map(|p| p.name.to_string());
    field(out, "place", place(o), place(n));
    field(
        out,
        "parties",
        listed(o.parties.iter().map(|p| p.as_str())),
        listed(n.parties.iter().map(|p| p.as_str())),
    );
    field(
        out,
        "mediators",
        listed(o.mediators.iter().map(|m| m.as_str())),
        listed(n.mediators.iter().map(|m| m.as_str())),
    );
    field(
        out,
        "notes",
        words(o.notes.as_ref()),
        words(n.notes.as_ref()),
    );
    field(
        out,
        "terms",
        listed(o.terms.iter().map(|t| t.id.as_str())),
        listed(n.terms.iter().map(|t| t.id.as_str())),
    );
    for t in &n.terms {
        let Some(u) = o.terms.iter().find(|u| u.id == t.id) else {
            continue;
        };
        let at = |what: &str| format!("terms.{}.{what}", t.id);
        field(
            out,
            &at("description"),
            words(Some(&u.description)),
            words(Some(&t.description)),
        );
        field(
            out,
            &at("received_by"),
            words(Some(u.received_by.label())),
            words(Some(t.received_by.label())),
        );
        field(
            out,
            &at("category"),
            words(Some(u.category.label())),
            words(Some(t.category.label())),
        );
        field(
            out,
            &at("notes"),
            words(u.notes.as_ref()),
            words(t.notes.as_ref()),
        );
    }
}

fn running_total_fields(o: &RunningTotal, n: &RunningTotal, out: &mut Vec<FieldChange>) {
    field(
        out,
        "description",
        words(Some(&o.description)),
        words(Some(&n.description)),
    );
    fn s(t: &RunningTotal) -> &crate::model::TotalScope {
        &t.scope
    }
    field(
        out,
        "scope.agreement",
        words(s(o).agreement.as_ref()),
        words(s(n).agreement.as_ref()),
    );
    field(out, "scope.from", words(s(o).from), words(s(n).from));
    field(out, "scope.until", words(s(o).until), words(s(n).until));
    field(
        out,
        "scope.received_by",
        words(s(o).received_by.map(|r| r.label())),
        words(s(n).received_by.map(|r| r.label())),
    );
    field(
        out,
        "scope.category",
        words(s(o).category.map(|c| c.label())),
        words(s(n).category.map(|c| c.label())),
    );
    field(
        out,
        "scope.kind",
        words(s(o).kind.map(|k| k.label())),
        words(s(n).kind.map(|k| k.label())),
    );
    let counts = |t: &RunningTotal| match t.counts {
        TotalCounts::People => "people",
        TotalCounts::Events => "events",
    };
    field(
        out,
        "counts",
        words(Some(counts(o))),
        words(Some(counts(n))),
    );
    let baseline = |t: &RunningTotal| {
        t.baseline
            .as_ref()
            .map(|b| format!("{} before {} ({})", b.value, b.before, b.source))
    };
    field(out, "baseline", baseline(o), baseline(n));
    field(
        out,
        "notes",
        words(o.notes.as_ref()),
        words(n.notes.as_ref()),
    );
}

fn estimate_fields(o: &ContextEstimate, n: &ContextEstimate, out: &mut Vec<FieldChange>) {
    field(
        out,
        "description",
        words(Some(&o.description)),
        words(Some(&n.description)),
    );
    field(
        out,
        "category",
        words(Some(o.category.label())),
        words(Some(n.category.label())),
    );
    field(
        out,
        "held_by",
        words(o.held_by.map(|s| s.label())),
        words(n.held_by.map(|s| s.label())),
    );
    field(out, "as_of", words(o.as_of), words(n.as_of));
    field(
        out,
        "notes",
        words(o.notes.as_ref()),
        words(n.notes.as_ref()),
    );
}
