//! Named views: a set of filters and a sort kept under a name, to come back
//! to ("remains to Ukraine since the Istanbul talks", "disputed, by place").
//! The app keeps them with its settings, so they are there at the next start.

use serde::{Deserialize, Serialize};

use super::filter::Filters;
use super::sort::Sort;

/// Filters and a sort under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedView {
    pub name: String,
    #[serde(default)]
    pub filters: Filters,
    #[serde(default)]
    pub sort: Sort,
}

/// The saved views, in name order; no two names differ only in case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SavedViews(Vec<NamedView>);

/// Names are compared without case and surrounding spaces: "Disputed" and
/// "disputed " are one view to a reader.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl SavedViews {
    pub fn iter(&self) -> impl Iterator<Item = &NamedView> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps `filters` and `sort` under `name` (trimmed), replacing a view of
    /// that name. False for a blank name, which nothing could be found by.
    pub fn save(&mut self, name: &str, filters: Filters, sort: Sort) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        self.0.retain(|v| !same_name(&v.name, name));
        let view = NamedView {
            name: name.to_string(),
            filters,
            sort,
        };
        let at = self
            .0
            .partition_point(|v| v.name.to_lowercase() < name.to_lowercase());
        self.0.insert(at, view);
        true
    }

    /// Gives the view `from` the name `to` (trimmed), keeping its filters and
    /// sort. False, changing nothing, when there is no view `from`, `to` is
    /// blank, or another view already has that name: a rename never drops a
    /// view (saving under a taken name is how one replaces it).
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        let to = to.trim();
        let taken = self
            .0
            .iter()
            .any(|v| same_name(&v.name, to) && !same_name(&v.name, from));
        if to.is_empty() || taken {
            return false;
        }
        let Some(at) = self.0.iter().position(|v| same_name(&v.name, from)) else {
            return false;
        };
        let view = self.0.remove(at);
        self.save(to, view.filters, view.sort)
    }

    pub fn get(&self, name: &str) -> Option<&NamedView> {
        self.0.iter().find(|v| same_name(&v.name, name))
    }

    /// Forgets the view `name`; false when there was none.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|v| !same_name(&v.name, name));
        self.0.len() != before
    }

    /// The view whose filters and sort are the ones given, if one is saved.
    pub fn current(&self, filters: &Filters, sort: Sort) -> Option<&NamedView> {
        self.0
            .iter()
            .find(|v| v.filters == *filters && v.sort == sort)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;
    use crate::table::SortColumn;

    fn remains() -> Filters {
        Filters {
            kind: Some(EventKind::RemainsRepatriation),
            ..Filters::default()
        }
    }

    fn by_place() -> Sort {
        Sort {
            column: SortColumn::Place,
            descending: true,
        }
    }

    #[test]
    fn saving_under_a_name_again_replaces_the_view_whatever_its_case() {
        let mut views = SavedViews::default();
        assert!(views.save(" Remains ", remains(), Sort::default()));
        assert!(views.save("disputed", Filters::default(), by_place()));
        assert!(views.save("remains", Filters::default(), by_place()));
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            ["disputed", "remains"],
            "one per name, in name order"
        );
        assert_eq!(views.get("REMAINS").map(|v| v.sort), Some(by_place()));
        assert!(!views.save("   ", remains(), Sort::default()));
        assert_eq!(views.iter().count(), 2);
    }

    #[test]
    fn the_current_view_is_the_one_with_the_same_filters_and_sort() {
        let mut views = SavedViews::default();
        views.save("remains", remains(), Sort::default());
        assert_eq!(
            views
                .current(&remains(), Sort::default())
                .map(|v| v.name.as_str()),
            Some("remains")
        );
        assert!(views.current(&remains(), by_place()).is_none());
        assert!(
            views
                .current(&Filters::default(), Sort::default())
                .is_none()
        );
    }

    #[test]
    fn removing_forgets_and_says_whether_there_was_one() {
        let mut views = SavedViews::default();
        views.save("a", remains(), Sort::default());
        assert!(views.remove("A"));
        assert!(!views.remove("a"));
        assert!(views.is_empty());
    }

    #[test]
    fn renaming_keeps_the_view_and_never_drops_another() {
        let mut views = SavedViews::default();
        views.save("remains", remains(), by_place());
        views.save("disputed", Filters::default(), Sort::default());
        assert!(views.rename("REMAINS", " Zremains since June "));
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            ["disputed", "Zremains since June"],
            "still in name order"
        );
        let renamed = views.get("zremains since june").unwrap();
        assert_eq!((&renamed.filters, renamed.sort), (&remains(), by_place()));
        // Only the case changes: the same view, renamed.
        assert!(views.rename("disputed", "Disputed"));
        assert_eq!(
            views.get("disputed").map(|v| v.name.as_str()),
            Some("Disputed")
        );
        // A name another view has, a blank name or a missing view: nothing changes.
        let before = views.clone();
        assert!(!views.rename("Disputed", "zremains SINCE june"));
        assert!(!views.rename("Disputed", "  "));
        assert!(!views.rename("nothing", "new"));
        assert_eq!(views, before);
    }

    #[test]
    fn views_keep_through_the_settings_file() {
        let mut views = SavedViews::default();
        views.save("remains by place", remains(), by_place());
        let json = serde_json::to_string(&views).unwrap();
        let back: SavedViews = serde_json::from_str(&json).unwrap();
        assert_eq!(back, views);
        // A view from an older settings file, with no sort, reads with the default one.
        let old: SavedViews = serde_json::from_str(r#"[{"name": "x"}]"#).unwrap();
        assert_eq!(old.get("x").map(|v| v.sort), Some(Sort::default()));
    }
}
