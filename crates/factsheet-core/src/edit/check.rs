//! Validation as a person types: the loader's own checks
//! ([`crate::load::validate::validate`]) run on the dataset with the edit in
//! it, keeping what they say about the edited item. No rule is written twice:
//! a form shows exactly what opening the saved file would say, the refusal of
//! counts too large to add up ([`crate::load::sums`]) included.

use jiff::civil::Date;

use super::{Edit, EditError, Target};
use crate::diagnostic::Diagnostic;
use crate::load::sums::too_large_to_add;
use crate::load::validate::{KnownIds, validate};
use crate::model::{Dataset, thousands};

/// The diagnostics validation gives the item at `at` (and anything inside
/// it), for `dataset` read as the file `file`; `today` decides what lies in
/// the future. It validates the whole dataset: call it when a field changes,
/// not every frame.
pub fn check(dataset: &Dataset, at: Target, file: &str, today: Date) -> Vec<Diagnostic> {
    let known = KnownIds::of(&[dataset]);
    let prefix = at.path();
    let mut found: Vec<Diagnostic> = validate(dataset, file, &known, today)
        .into_iter()
        .filter(|d| d.path.as_deref().is_some_and(|p| within(p, &prefix)))
        .collect();
    found.extend(too_large_to_add([(file, dataset)]).map(|d| on_the_item(d, at, &prefix)));
    found
}

/// The load's error for counts too large to add up, said at the edited item so
/// its form shows it. The load gives it at the figure where the sum passes the
/// limit, which may lie after the item that took it there (a claim of an
/// earlier event made larger); the data with the edit is what the file would
/// hold, so the item is told the file would be refused, and where the sum
/// passes the limit.
fn on_the_item(error: Diagnostic, at: Target, prefix: &str) -> Diagnostic {
    let passes_at = error.path.clone().unwrap_or_default();
    if within(&passes_at, prefix) {
        return error;
    }
    // A claim's form shows it beside the value that was changed.
    let path = match at {
        Target::Claim { .. } => format!("{prefix}.value"),
        _ => prefix.to_string(),
    };
    Diagnostic::error(
        error.file,
        format!(
            "with this, the counts add up to more than {} (at {passes_at}), the most \
             factsheet can add: no total would be right (is a count mistyped?)",
            thousands(u64::MAX)
        ),
    )
    .at_path(path)
}

/// [`check`] with `edit` applied first and undone after: what the item would
/// be diagnosed with once the edit is made. `dataset` is as it was after.
pub fn preview(
    dataset: &mut Dataset,
    edit: Edit,
    at: Target,
    file: &str,
    today: Date,
) -> Result<Vec<Diagnostic>, EditError> {
    let undo = edit.apply(dataset)?;
    let found = check(dataset, at, file, today);
    undo.apply(dataset)?;
    Ok(found)
}

/// The path of one field of the item at `at`: `sources[2].url`.
pub fn field_path(at: Target, field: &str) -> String {
    format!("{}.{field}", at.path())
}

/// Of `diagnostics` about the item at `at`, those about its field `field`
/// (and what lies inside it: `value` takes in `value.range`).
pub fn for_field<'a>(
    diagnostics: &'a [Diagnostic],
    at: Target,
    field: &str,
) -> impl Iterator<Item = &'a Diagnostic> + 'a {
    let path = field_path(at, field);
    diagnostics
        .iter()
        .filter(move |d| d.path.as_deref().is_some_and(|p| within(p, &path)))
}

/// Whether `path` is `prefix` or lies inside it (`events[1]` takes in
/// `events[1].id` but not `events[10]`).
fn within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn a_path_lies_within_its_own_item_only() {
        assert!(within("events[1]", "events[1]"));
        assert!(within("events[1].figures[0]", "events[1]"));
        assert!(within("sources[2].url", "sources[2]"));
        assert!(!within("events[10]", "events[1]"));
        assert!(!within("events[1]x", "events[1]"));
    }
}
