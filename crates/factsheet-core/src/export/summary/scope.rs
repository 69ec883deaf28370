//! Running totals by scope: totals that sum the same events are shown
//! together, under their scope in words and the events they count.

use std::collections::HashMap;

use crate::model::{TotalScope, thousands};

use super::{RunningTotalRow, Summary};

/// Running totals that share one scope, in the order the first of them comes.
#[derive(Debug)]
pub struct ScopeGroup<'s, 'a> {
    pub scope: &'s TotalScope,
    pub totals: Vec<&'s RunningTotalRow<'a>>,
}

impl<'a> Summary<'a> {
    /// The running totals grouped by scope, each group in the order its
    /// first total comes, the totals in their order.
    pub fn running_total_groups(&self) -> Vec<ScopeGroup<'_, 'a>> {
        // By a map of scopes: a hundred thousand totals of as many scopes
        // would otherwise each be compared with every group before them.
        let mut groups: Vec<ScopeGroup<'_, 'a>> = Vec::new();
        let mut of_scope: HashMap<&TotalScope, usize> = HashMap::new();
        for t in &self.running_totals {
            match of_scope.get(&t.scope).and_then(|&g| groups.get_mut(g)) {
                Some(g) => g.totals.push(t),
                None => {
                    of_scope.insert(&t.scope, groups.len());
                    groups.push(ScopeGroup {
                        scope: &t.scope,
                        totals: vec![t],
                    });
                }
            }
        }
        groups
    }
}

/// A scope in words: "under Second round of talks · from 2025-06-02 · to
/// Ukraine · remains · repatriation of remains", or "every event".
pub fn scope_text(scope: &TotalScope, agreement_titles: &HashMap<&str, &str>) -> String {
    let mut parts = Vec::new();
    if let Some(a) = scope.agreement.as_deref() {
        let title = agreement_titles.get(a).copied().unwrap_or(a);
        parts.push(format!("under {title}"));
    }
    match (scope.from, scope.until) {
        (Some(f), Some(u)) => parts.push(format!("from {f} to {u}")),
        (Some(f), None) => parts.push(format!("from {f}")),
        (None, Some(u)) => parts.push(format!("until {u}")),
        (None, None) => {}
    }
    if let Some(s) = scope.received_by {
        parts.push(s.to_label().to_string());
    }
    if let Some(c) = scope.category {
        parts.push(c.label().to_string());
    }
    if let Some(k) = scope.kind {
        parts.push(k.label().to_string());
    }
    if parts.is_empty() {
        "every event".to_string()
    } else {
        parts.join(" · ")
    }
}

/// The events a group of totals counts, in words: "Events counted (2): e1, e2",
/// at most `most` ids and how many more. Totals of one scope count the same events.
pub fn counted_text(ids: &[impl AsRef<str>], most: usize) -> String {
    let shown: Vec<&str> = ids.iter().take(most).map(AsRef::as_ref).collect();
    let mut out = format!("Events counted ({}): ", thousands(ids.len() as u64));
    if shown.is_empty() {
        out.push_str("none");
    } else {
        out.push_str(&shown.join(", "));
    }
    if ids.len() > shown.len() {
        out.push_str(&format!(
            ", and {} more (the JSON export lists every one)",
            thousands((ids.len() - shown.len()) as u64)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Side};

    #[test]
    fn scopes_read_in_words() {
        let titles = HashMap::from([("ist", "Istanbul talks")]);
        assert_eq!(scope_text(&TotalScope::default(), &titles), "every event");
        let scope = TotalScope {
            agreement: Some("ist".into()),
            from: Some(jiff::civil::date(2025, 6, 2).into()),
            received_by: Some(Side::Ukraine),
            category: Some(Category::Remains),
            ..TotalScope::default()
        };
        assert_eq!(
            scope_text(&scope, &titles),
            "under Istanbul talks · from 2025-06-02 · to Ukraine · remains"
        );
    }

    #[test]
    fn counted_events_are_named_up_to_a_limit() {
        assert_eq!(counted_text(&["a", "b"], 10), "Events counted (2): a, b");
        let none: [&str; 0] = [];
        assert_eq!(counted_text(&none, 10), "Events counted (0): none");
        assert_eq!(
            counted_text(&["a", "b", "c"], 1),
            "Events counted (3): a, and 2 more (the JSON export lists every one)"
        );
    }
}
