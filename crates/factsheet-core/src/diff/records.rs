//! The diff's records matched by id: the file's own fields, the sources and
//! the events, each added, removed or changed field by field; and how a
//! change names a source ([`Names`]).

use std::collections::HashMap;

use super::touch::Touched;
use super::{EventEntry, FieldChange, SourceChange, SourceRef};
use crate::load::is_web_link;
use crate::model::{Coverage, Dataset, Event, Source};

/// The sources of both versions by id, to cite them: as the new version has
/// them, else as the old one had them.
pub(super) struct Names<'a> {
    old: HashMap<&'a str, &'a Source>,
    new: HashMap<&'a str, &'a Source>,
}

impl<'a> Names<'a> {
    pub(super) fn new(old: &'a Dataset, new: &'a Dataset) -> Self {
        let index = |d: &'a Dataset| d.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        Names {
            old: index(old),
            new: index(new),
        }
    }

    /// The source `id` as a change cites it; an id neither version knows (an
    /// error validation reports) is named for what it is, as the sheet does.
    pub(super) fn cite(&self, id: &str) -> SourceRef {
        match self.new.get(id).or_else(|| self.old.get(id)) {
            Some(s) => source_ref(s),
            None => SourceRef {
                id: id.to_string(),
                outlet: format!("unknown source \"{id}\""),
                title: None,
                url: None,
            },
        }
    }

    /// [`Names::cite`] of each id, each once, in the order given.
    pub(super) fn cite_all<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Vec<SourceRef> {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(*id))
            .map(|id| self.cite(id))
            .collect()
    }
}

fn source_ref(s: &Source) -> SourceRef {
    SourceRef {
        id: s.id.to_string(),
        outlet: s.outlet.to_string(),
        title: words(s.title.as_deref()),
        url: s
            .url
            .as_deref()
            .filter(|u| is_web_link(u))
            .map(str::to_string),
    }
}

/// Adds a [`FieldChange`] to `out` when `old` and `new` differ.
pub(super) fn field(
    out: &mut Vec<FieldChange>,
    name: &str,
    old: Option<String>,
    new: Option<String>,
) {
    if old != new {
        out.push(FieldChange {
            field: name.to_string(),
            old,
            new,
        });
    }
}

/// Some text, or `None` for an empty one.
pub(super) fn words<T: ToString>(value: Option<T>) -> Option<String> {
    value.map(|v| v.to_string())
}

/// A list as one text ("Turkey, UAE"), `None` when empty.
pub(super) fn listed<'i>(items: impl IntoIterator<Item = &'i str>) -> Option<String> {
    let all: Vec<&str> = items.into_iter().collect();
    (!all.is_empty()).then(|| all.join(", "))
}

fn coverage(c: Coverage) -> &'static str {
    match c {
        Coverage::Complete => "complete",
        Coverage::Partial => "partial",
    }
}

/// The file's title, description, date of update and coverage.
pub(super) fn file_changes(old: &Dataset, new: &Dataset) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        "title",
        Some(old.title.to_string()),
        Some(new.title.to_string()),
    );
    field(
        &mut out,
        "description",
        words(old.description.as_deref()),
        words(new.description.as_deref()),
    );
    field(&mut out, "updated", words(old.updated), words(new.updated));
    field(
        &mut out,
        "coverage",
        Some(coverage(old.coverage).to_string()),
        Some(coverage(new.coverage).to_string()),
    );
    out
}

/// Sources added, removed and changed, by id, each list in its version's order.
pub(super) fn sources(
    old: &Dataset,
    new: &Dataset,
    names: &Names<'_>,
) -> (Vec<SourceRef>, Vec<SourceRef>, Vec<SourceChange>) {
    let before: HashMap<&str, &Source> = old.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let after: HashMap<&str, &Source> = new.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for s in &new.sources {
        match before.get(s.id.as_str()) {
            None => added.push(source_ref(s)),
            Some(o) => {
                let changes = source_fields(o, s);
                if !changes.is_empty() {
                    changed.push(SourceChange {
                        source: names.cite(&s.id),
                        changes,
                    });
                }
            }
        }
    }
    let removed = old
        .sources
        .iter()
        .filter(|s| !after.contains_key(s.id.as_str()))
        .map(source_ref)
        .collect();
    (added, removed, changed)
}

fn source_fields(o: &Source, n: &Source) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        "outlet",
        Some(o.outlet.to_string()),
        Some(n.outlet.to_string()),
    );
    field(
        &mut out,
        "title",
        words(o.title.as_deref()),
        words(n.title.as_deref()),
    );
    field(
        &mut out,
        "url",
        words(o.url.as_deref()),
        words(n.url.as_deref()),
    );
    field(
        &mut out,
        "published",
        words(o.published),
        words(n.published),
    );
    field(
        &mut out,
        "language",
        words(o.language.as_deref()),
        words(n.language.as_deref()),
    );
    field(
        &mut out,
        "affiliation",
        Some(o.affiliation.label().to_string()),
        Some(n.affiliation.label().to_string()),
    );
    field(
        &mut out,
        "archive_url",
        words(o.archive_url.as_deref()),
        words(n.archive_url.as_deref()),
    );
    field(
        &mut out,
        "retrieved",
        words(o.retrieved),
        words(n.retrieved),
    );
    field(
        &mut out,
        "notes",
        words(o.notes.as_deref()),
        words(n.notes.as_deref()),
    );
    let relay = |s: &Source| {
        s.relays
            .as_ref()
            .map(|r| format!("{} of {}", r.how.label(), r.source))
    };
    field(&mut out, "relays", relay(o), relay(n));
    out
}

/// Events added, removed and changed, by id, each list in its version's
/// order. Every figure claim of those events touches what they count.
pub(super) fn events(
    old: &Dataset,
    new: &Dataset,
    names: &Names<'_>,
    touched: &mut Touched,
) -> (Vec<EventEntry>, Vec<EventEntry>, Vec<EventEntry>) {
    let before: HashMap<&str, &Event> = old.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let after: HashMap<&str, &Event> = new.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for e in &new.events {
        match before.get(e.id.as_str()) {
            None => {
                touched.whole_event(e);
                added.push(entry(e, Vec::new(), names.cite_all(e.cited_sources())));
            }
            Some(o) => {
                let changes = event_fields(o, e);
                if !changes.is_empty() {
                    touched.whole_event(o);
                    touched.whole_event(e);
                    let cited =
                        names.cite_all(o.cited_sources().into_iter().chain(e.cited_sources()));
                    changed.push(entry(e, changes, cited));
                }
            }
        }
    }
    let mut removed = Vec::new();
    for e in old
        .events
        .iter()
        .filter(|e| !after.contains_key(e.id.as_str()))
    {
        touched.whole_event(e);
        removed.push(entry(e, Vec::new(), names.cite_all(e.cited_sources())));
    }
    (added, removed, changed)
}

fn entry(e: &Event, changes: Vec<FieldChange>, sources: Vec<SourceRef>) -> EventEntry {
    EventEntry {
        id: e.id.to_string(),
        title: e.title.to_string(),
        date: e.date.to_string(),
        kind: e.kind,
        changes,
        sources,
    }
}

fn event_fields(o: &Event, n: &Event) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        "title",
        Some(o.title.to_string()),
        Some(n.title.to_string()),
    );
    field(
        &mut out,
        "date",
        Some(o.date.to_string()),
        Some(n.date.to_string()),
    );
    field(
        &mut out,
        "kind",
        Some(o.kind.label().to_string()),
        Some(n.kind.label().to_string()),
    );
    let place = |e: &Event| e.place.as_ref().map(|p| p.name.to_string());
    field(&mut out, "place", place(o), place(n));
    field(
        &mut out,
        "agreement",
        words(o.agreement.as_deref()),
        words(n.agreement.as_deref()),
    );
    field(
        &mut out,
        "mediators",
        listed(o.mediators.iter().map(|m| m.as_str())),
        listed(n.mediators.iter().map(|m| m.as_str())),
    );
    field(
        &mut out,
        "notes",
        words(o.notes.as_deref()),
        words(n.notes.as_deref()),
    );
    for f in &n.figures {
        let Some(g) = o.figures.iter().find(|g| g.id == f.id) else {
            continue;
        };
        let at = |what: &str| format!("figures.{}.{what}", f.id);
        field(
            &mut out,
            &at("received_by"),
            Some(crate::export::summary::side_label(g.received_by).to_string()),
            Some(crate::export::summary::side_label(f.received_by).to_string()),
        );
        field(
            &mut out,
            &at("category"),
            Some(g.category.label().to_string()),
            Some(f.category.label().to_string()),
        );
        field(
            &mut out,
            &at("label"),
            words(g.label.as_deref()),
            words(f.label.as_deref()),
        );
    }
    out
}
