//! Deleting an agreement: refused while anything refers to it by its id (an
//! event's `agreement`, a source's link of an event to it, a running total's
//! scope), with the list of what does, as deleting a cited source is. Its own
//! terms and facts go with it: they live inside it.

use super::{Citation, Edit, EditError, Target};
use crate::model::Dataset;

/// Everything in `dataset` that refers to the agreement `id`, in file order.
pub fn agreement_references(dataset: &Dataset, id: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut push = |path: String, what: String| {
        out.push(Citation {
            path,
            what,
            removable: None,
        })
    };
    for (e, event) in dataset.events.iter().enumerate() {
        if event.agreement.as_deref() == Some(id) {
            push(
                format!("events[{e}].agreement"),
                format!("the event \"{}\" fulfils it", event.id),
            );
        }
        for (l, link) in event.links.iter().enumerate() {
            if link.agreement.as_deref() == Some(id) {
                push(
                    format!("events[{e}].links[{l}]"),
                    format!(
                        "the source \"{}\" links the event \"{}\" to it",
                        link.source, event.id
                    ),
                );
            }
        }
    }
    for (t, total) in dataset.running_totals.iter().enumerate() {
        if total.scope.agreement.as_deref() == Some(id) {
            push(
                format!("running_totals[{t}].scope.agreement"),
                format!("the running total \"{}\" counts under it", total.id),
            );
        }
    }
    out
}

/// The edit that deletes the agreement `id` with its terms and facts:
/// refused while anything refers to it.
pub fn remove_agreement(dataset: &Dataset, id: &str) -> Result<Edit, EditError> {
    let index =
        dataset
            .agreements
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::NoSuchPlace(Target::Agreement(
                dataset.agreements.len(),
            )))?;
    let by = agreement_references(dataset, id);
    if !by.is_empty() {
        return Err(EditError::Referred {
            agreement: id.to_string(),
            by,
        });
    }
    Ok(Edit::Remove {
        at: Target::Agreement(index),
    })
}
