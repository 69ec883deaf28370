//! What the merge needs to know of each kind of item: when two items under one
//! id can be the same thing, when two under different ids likely are, how the
//! references inside an item are renamed, and how two items become one with
//! their claims pooled.

use std::hash::Hash;

use jiff::civil::Date;

use crate::compare::allowed;
use crate::model::{
    Agreement, Category, Claim, ContextEstimate, Event, EventDate, EventKind, Fact, Figure, List,
    RunningTotal, Side, Source, Text,
};

/// What a reference inside an item points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ref {
    Source,
    Agreement,
}

/// One kind of item the merge matches across files.
pub(super) trait Item: Clone + PartialEq {
    /// "event", as messages name it.
    const WHAT: &'static str;
    /// "events", the list in the file (for JSON paths).
    const LIST: &'static str;
    /// Whether a likely duplicate found under a key is the thing itself (a
    /// source's url), or only a candidate, so that several make the guess
    /// ambiguous (an event on a day).
    const KEY_IDENTIFIES: bool;
    type Key: Hash + Eq;

    fn id(&self) -> &Text;
    fn set_id(&mut self, id: Text);
    /// Ids of items in other files that this one is, whatever the guess.
    fn same_as(&self) -> &[Text] {
        &[]
    }
    /// Ids of items in other files that this one is not.
    fn distinct_from(&self) -> &[Text] {
        &[]
    }
    /// Why an item under the same id in another file cannot be this one;
    /// `None` when they can be one thing.
    fn differs(&self, other: &Self) -> Option<String>;
    /// Keys under which a likely duplicate under another id is looked up;
    /// none: such items are matched by id only.
    fn keys(&self) -> Vec<Self::Key>;
    /// Why `other`, found under one of this item's keys, is not likely the
    /// same thing; `None` when it is.
    fn unlike(&self, other: &Self) -> Option<String>;
    /// Whether `other` is this item again apart from ids (a copy with its ids renamed).
    fn copy_of(&self, other: &Self) -> bool;
    /// What a guess rests on, for the message.
    fn because(&self) -> &'static str;
    /// Calls `fix` on every reference this item makes.
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text));
    /// Takes `other` (the same thing, from another file) into this item: its
    /// claims pooled, what this one lacks filled in. `tag` names other's file,
    /// for an inner id (a figure's) that would otherwise repeat.
    fn absorb(&mut self, other: Self, tag: &str);
}

/// Adds the claims of `more` that `into` does not hold already.
fn pool<T: PartialEq>(into: &mut List<T>, more: impl IntoIterator<Item = T>) {
    for c in more {
        if !into.contains(&c) {
            into.push(c);
        }
    }
}

fn fill<T>(into: &mut Option<T>, more: Option<T>) {
    if into.is_none() {
        *into = more;
    }
}

fn folded(t: &str) -> String {
    t.trim().to_lowercase()
}

/// Whether two dates can name the same days.
fn dates_meet(a: &EventDate, b: &EventDate) -> bool {
    let ((a0, a1), (b0, b1)) = (a.bounds(), b.bounds());
    a0 <= b1 && b0 <= a1
}

fn dates_differ(a: &EventDate, b: &EventDate) -> Option<String> {
    (!dates_meet(a, b)).then(|| format!("dates that do not meet: {a} and {b}"))
}

fn kinds_differ(a: EventKind, b: EventKind) -> Option<String> {
    (a != b).then(|| format!("different kinds: {} and {}", a.label(), b.label()))
}

/// The longest span of days a date may have for its event to be guessed a
/// duplicate: a month. A year-long date could be any event of that year.
const LONGEST_GUESSED_SPAN: i32 = 31;

/// Each day a date can mean, with the kind, when it spans at most a month.
fn day_keys(kind: EventKind, date: &EventDate) -> Vec<(EventKind, Date)> {
    let (first, last) = date.bounds();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last && out.len() <= LONGEST_GUESSED_SPAN as usize {
        out.push((kind, day));
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    if out.len() > LONGEST_GUESSED_SPAN as usize {
        out.clear();
    }
    out
}

/// The values a figure's claims allow, together: lowest low and highest high.
fn figure_span(f: &Figure) -> Option<(u64, Option<u64>)> {
    let mut out: Option<(u64, Option<u64>)> = None;
    for span in f.claims.iter().filter_map(|c| allowed(c.value)) {
        out = Some(match out {
            None => (span.low, span.high),
            Some((low, high)) => (
                low.min(span.low),
                match (high, span.high) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                },
            ),
        });
    }
    out
}

/// Whether two figures' spans can meet when each is widened by a tenth:
/// two outlets' counts of one handover differ by a few, not by half.
fn figures_close(a: (u64, Option<u64>), b: (u64, Option<u64>)) -> bool {
    let below = |low: u64, high: Option<u64>| {
        high.is_none_or(|h| low.saturating_mul(9) / 10 <= h.saturating_add(h / 10))
    };
    below(a.0, b.1) && below(b.0, a.1)
}

type FigureKey = (Option<Side>, Category);

/// The sides that receive something in `figures`, as a set of bits.
fn sides(figures: &[Figure]) -> u8 {
    figures
        .iter()
        .filter_map(|f| f.received_by)
        .fold(0, |bits, side| bits | (1 << side as u8))
}

/// The values the figures of `figures` for `key` allow together.
fn key_span(figures: &[Figure], key: FigureKey) -> Option<(u64, Option<u64>)> {
    let mut out: Option<(u64, Option<u64>)> = None;
    for span in figures
        .iter()
        .filter(|f| (f.received_by, f.category) == key)
        .filter_map(figure_span)
    {
        out = Some(match out {
            None => span,
            Some((low, high)) => (
                low.min(span.0),
                match (high, span.1) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                },
            ),
        });
    }
    out
}

/// Why two lists of figures are not likely one event's: other receiving
/// sides, or a side and category whose numbers are far apart.
fn figures_unlike(a: &[Figure], b: &[Figure]) -> Option<String> {
    if sides(a) != sides(b) {
        return Some("different receiving sides".to_string());
    }
    for fa in a {
        let key: FigureKey = (fa.received_by, fa.category);
        if let (Some(x), Some(y)) = (key_span(a, key), key_span(b, key))
            && !figures_close(x, y)
        {
            return Some(format!("{} figures far apart", fa.category.label()));
        }
    }
    None
}

/// Figures as numbers only: side, category, label and each claim's value.
fn figure_values(figures: &[Figure]) -> Vec<(FigureKey, Option<&Text>, Vec<String>)> {
    figures
        .iter()
        .map(|f| {
            (
                (f.received_by, f.category),
                f.label.as_ref(),
                f.claims.iter().map(|c| c.value.to_string()).collect(),
            )
        })
        .collect()
}

/// The figure of `figures` not yet `taken` that `f` (of another file's
/// event) is: the one with its id, else the first for the same side and
/// category with the same label, else one whose label is missing on one side.
fn counterpart(figures: &[Figure], taken: &[bool], f: &Figure) -> Option<usize> {
    let fits = |k: usize, g: &Figure| {
        !taken.get(k).copied().unwrap_or(true)
            && (g.received_by, g.category) == (f.received_by, f.category)
            && (g.label == f.label || g.label.is_none() || f.label.is_none())
    };
    let find = |also: &dyn Fn(&Figure) -> bool| {
        figures
            .iter()
            .enumerate()
            .position(|(k, g)| fits(k, g) && also(g))
    };
    find(&|g| g.id == f.id)
        .or_else(|| find(&|g| g.label == f.label))
        .or_else(|| find(&|_| true))
}

/// Pools `more` facts into `into`: one fact per id or question.
fn pool_facts(into: &mut List<Fact>, more: impl IntoIterator<Item = Fact>, tag: &str) {
    for mut f in more {
        let same = into
            .iter_mut()
            .find(|g| g.id == f.id || folded(&g.question) == folded(&f.question));
        match same {
            Some(g) => pool(&mut g.claims, f.claims),
            None => {
                if into.iter().any(|g| g.id == f.id) {
                    f.id = format!("{tag}#{}", f.id).into();
                }
                into.push(f);
            }
        }
    }
}

fn claims_rewrite(claims: &mut [Claim], fix: &mut dyn FnMut(Ref, &mut Text)) {
    for c in claims {
        fix(Ref::Source, &mut c.source);
    }
}

fn facts_rewrite(facts: &mut [Fact], fix: &mut dyn FnMut(Ref, &mut Text)) {
    for f in facts {
        for c in &mut f.claims {
            fix(Ref::Source, &mut c.source);
        }
    }
}

/// A url as compared: without surrounding space, a trailing slash, or case.
pub(super) fn url_key(url: &str) -> String {
    url_key_str(url).to_lowercase()
}

fn url_key_str(url: &str) -> &str {
    url.trim().trim_end_matches('/')
}

/// A hash of `parts`, each trimmed and folded to lower case, after `kind`.
fn folded_hash(kind: u8, parts: &[&str]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x5eed).build_hasher();
    h.write_u8(kind);
    for part in parts {
        let part = part.trim();
        if part.is_ascii() {
            // Most text: folded a block at a time on the stack.
            let mut block = [0u8; 64];
            for chunk in part.as_bytes().chunks(block.len()) {
                let folded = &mut block[..chunk.len()];
                folded.copy_from_slice(chunk);
                folded.make_ascii_lowercase();
                h.write(folded);
            }
        } else {
            h.write(part.to_lowercase().as_bytes());
        }
        h.write_u8(0xff);
    }
    h.finish()
}

impl Item for Source {
    const WHAT: &'static str = "source";
    const LIST: &'static str = "sources";
    const KEY_IDENTIFIES: bool = true;
    type Key = u64;

    fn id(&self) -> &Text {
        &self.id
    }
    fn set_id(&mut self, id: Text) {
        self.id = id;
    }
    fn differs(&self, other: &Self) -> Option<String> {
        if folded(&self.outlet) != folded(&other.outlet) {
            return Some(format!(
                "different outlets: {} and {}",
                self.outlet, other.outlet
            ));
        }
        if let (Some(a), Some(b)) = (&self.url, &other.url)
            && url_key(a) != url_key(b)
        {
            return Some(format!("different urls: {a} and {b}"));
        }
        if let (Some(a), Some(b)) = (&self.title, &other.title)
            && folded(a) != folded(b)
        {
            return Some(format!("different titles: \"{a}\" and \"{b}\""));
        }
        if let (Some(a), Some(b)) = (self.published, other.published)
            && a != b
        {
            return Some(format!("different publication dates: {a} and {b}"));
        }
        None
    }
    fn keys(&self) -> Vec<u64> {
        // Hashes of the folded text rather than the text: no string is built
        // per source. Two sources under one hash are checked by `unlike`.
        let mut out = Vec::new();
        if let Some(url) = &self.url {
            out.push(folded_hash(0, &[url_key_str(url)]));
        }
        if let (Some(title), Some(published)) = (&self.title, self.published) {
            let day = published.to_string();
            out.push(folded_hash(1, &[&self.outlet, title, &day]));
        }
        out
    }
    fn unlike(&self, other: &Self) -> Option<String> {
        // A shared url is the same article whatever else differs; a shared
        // outlet, title and date are too unless the urls say otherwise.
        match (&self.url, &other.url) {
            (Some(a), Some(b)) if url_key(a) == url_key(b) => return None,
            (Some(_), Some(_)) => return Some("different urls".to_string()),
            _ => {}
        }
        let same_text = |a: &str, b: &str| folded(a) == folded(b);
        let same = same_text(&self.outlet, &other.outlet)
            && matches!((&self.title, &other.title), (Some(a), Some(b)) if same_text(a, b))
            && self.published.is_some()
            && self.published == other.published;
        (!same).then(|| "different articles".to_string())
    }
    fn copy_of(&self, other: &Self) -> bool {
        Source {
            id: other.id.clone(),
            relays: other.relays.clone(),
            ..self.clone()
        } == *other
    }
    fn because(&self) -> &'static str {
        "the same url, or the same outlet, title and publication date"
    }
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text)) {
        if let Some(r) = &mut self.relays {
            fix(Ref::Source, &mut r.source);
        }
    }
    fn absorb(&mut self, other: Self, _tag: &str) {
        fill(&mut self.title, other.title);
        fill(&mut self.url, other.url);
        fill(&mut self.published, other.published);
        fill(&mut self.language, other.language);
        fill(&mut self.archive_url, other.archive_url);
        fill(&mut self.saved_copy, other.saved_copy);
        fill(&mut self.retrieved, other.retrieved);
        fill(&mut self.notes, other.notes);
        fill(&mut self.relays, other.relays);
        if self.affiliation == Default::default() {
            self.affiliation = other.affiliation;
        }
    }
}

impl Item for Event {
    const WHAT: &'static str = "event";
    const LIST: &'static str = "events";
    const KEY_IDENTIFIES: bool = false;
    type Key = (EventKind, Date);

    fn id(&self) -> &Text {
        &self.id
    }
    fn set_id(&mut self, id: Text) {
        self.id = id;
    }
    fn same_as(&self) -> &[Text] {
        &self.same_as
    }
    fn distinct_from(&self) -> &[Text] {
        &self.distinct_from
    }
    fn differs(&self, other: &Self) -> Option<String> {
        kinds_differ(self.kind, other.kind).or_else(|| dates_differ(&self.date, &other.date))
    }
    fn keys(&self) -> Vec<(EventKind, Date)> {
        day_keys(self.kind, &self.date)
    }
    fn unlike(&self, other: &Self) -> Option<String> {
        self.differs(other)
            .or_else(|| figures_unlike(&self.figures, &other.figures))
    }
    fn copy_of(&self, other: &Self) -> bool {
        self.title == other.title
            && self.date == other.date
            && self.kind == other.kind
            && figure_values(&self.figures) == figure_values(&other.figures)
    }
    fn because(&self) -> &'static str {
        "same kind, dates that meet, same receiving sides, figures that agree"
    }
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text)) {
        for f in &mut self.figures {
            claims_rewrite(&mut f.claims, fix);
        }
        facts_rewrite(&mut self.facts, fix);
        for d in &mut self.dates {
            fix(Ref::Source, &mut d.source);
        }
        if let Some(a) = &mut self.agreement {
            fix(Ref::Agreement, a);
        }
    }
    fn absorb(&mut self, other: Self, tag: &str) {
        // The narrower date of the two, when it lies within the other: a day
        // reported in one file, its month in the other.
        let ((a0, a1), (b0, b1)) = (self.date.bounds(), other.date.bounds());
        if a0 <= b0 && b1 <= a1 && (b0, b1) != (a0, a1) {
            self.date = other.date.clone();
        }
        // Each figure of this event takes in at most one of the other's: the
        // one with its id, else the first for the same side and category
        // whose label matches (or is missing on one of them).
        let mut taken = vec![false; self.figures.len()];
        for mut f in other.figures {
            let same = counterpart(&self.figures, &taken, &f);
            match same.and_then(|k| Some((k, self.figures.get_mut(k)?))) {
                Some((k, g)) => {
                    pool(&mut g.claims, f.claims);
                    fill(&mut g.label, f.label);
                    if let Some(t) = taken.get_mut(k) {
                        *t = true;
                    }
                }
                None => {
                    if self.figures.iter().any(|g| g.id == f.id) {
                        f.id = format!("{tag}#{}", f.id).into();
                    }
                    self.figures.push(f);
                }
            }
        }
        pool_facts(&mut self.facts, other.facts, tag);
        pool(&mut self.dates, other.dates);
        pool(&mut self.mediators, other.mediators);
        fill(&mut self.place, other.place);
        fill(&mut self.agreement, other.agreement);
        fill(&mut self.notes, other.notes);
        // The hints have done their work; the merged event stands for all.
        self.same_as.clear();
        self.distinct_from.clear();
    }
}

impl Item for Agreement {
    const WHAT: &'static str = "agreement";
    const LIST: &'static str = "agreements";
    const KEY_IDENTIFIES: bool = false;
    type Key = (EventKind, Date);

    fn id(&self) -> &Text {
        &self.id
    }
    fn set_id(&mut self, id: Text) {
        self.id = id;
    }
    fn same_as(&self) -> &[Text] {
        &self.same_as
    }
    fn distinct_from(&self) -> &[Text] {
        &self.distinct_from
    }
    fn differs(&self, other: &Self) -> Option<String> {
        if self.kind != other.kind {
            return Some("one is an agreement, the other a promise".to_string());
        }
        dates_differ(&self.date, &other.date)
    }
    fn keys(&self) -> Vec<(EventKind, Date)> {
        // Agreements have no event kind; one stands in so the day index is shared.
        if self.terms.is_empty() {
            return Vec::new();
        }
        day_keys(EventKind::Other, &self.date)
    }
    fn unlike(&self, other: &Self) -> Option<String> {
        let terms = |a: &Agreement| {
            let mut keys: Vec<_> = a
                .terms
                .iter()
                .map(|t| (t.received_by, t.category))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        };
        self.differs(other)
            .or_else(|| (terms(self) != terms(other)).then(|| "different terms".to_string()))
    }
    fn copy_of(&self, other: &Self) -> bool {
        let terms = |a: &Agreement| {
            a.terms
                .iter()
                .map(|t| {
                    let values: Vec<String> =
                        t.claims.iter().map(|c| c.value.to_string()).collect();
                    (t.received_by, t.category, values)
                })
                .collect::<Vec<_>>()
        };
        self.title == other.title
            && self.date == other.date
            && self.kind == other.kind
            && terms(self) == terms(other)
    }
    fn because(&self) -> &'static str {
        "same kind, dates that meet, terms for the same sides and categories"
    }
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text)) {
        for t in &mut self.terms {
            claims_rewrite(&mut t.claims, fix);
        }
        facts_rewrite(&mut self.facts, fix);
    }
    fn absorb(&mut self, other: Self, tag: &str) {
        for mut t in other.terms {
            let same = self.terms.iter_mut().find(|u| {
                u.id == t.id || (u.received_by, u.category) == (t.received_by, t.category)
            });
            match same {
                Some(u) => {
                    pool(&mut u.claims, t.claims);
                    fill(&mut u.notes, t.notes);
                }
                None => {
                    if self.terms.iter().any(|u| u.id == t.id) {
                        t.id = format!("{tag}#{}", t.id).into();
                    }
                    self.terms.push(t);
                }
            }
        }
        pool_facts(&mut self.facts, other.facts, tag);
        pool(&mut self.parties, other.parties);
        pool(&mut self.mediators, other.mediators);
        fill(&mut self.place, other.place);
        fill(&mut self.notes, other.notes);
        self.same_as.clear();
        self.distinct_from.clear();
    }
}

impl Item for RunningTotal {
    const WHAT: &'static str = "running total";
    const LIST: &'static str = "running_totals";
    const KEY_IDENTIFIES: bool = true;
    type Key = String;

    fn id(&self) -> &Text {
        &self.id
    }
    fn set_id(&mut self, id: Text) {
        self.id = id;
    }
    fn differs(&self, other: &Self) -> Option<String> {
        if self.counts != other.counts {
            return Some("one counts people, the other events".to_string());
        }
        (self.scope != other.scope).then(|| "different scopes".to_string())
    }
    fn keys(&self) -> Vec<String> {
        // Scopes name agreements by id, which other files may spell
        // differently: only scopes without one are matched across ids.
        if self.scope.agreement.is_some() {
            return Vec::new();
        }
        vec![format!("{:?} {:?}", self.scope, self.counts)]
    }
    fn unlike(&self, other: &Self) -> Option<String> {
        self.differs(other)
    }
    fn copy_of(&self, other: &Self) -> bool {
        self.differs(other).is_none()
    }
    fn because(&self) -> &'static str {
        "the same scope"
    }
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text)) {
        claims_rewrite(&mut self.claims, fix);
        if let Some(a) = &mut self.scope.agreement {
            fix(Ref::Agreement, a);
        }
        if let Some(b) = &mut self.baseline {
            fix(Ref::Source, &mut b.source);
        }
    }
    fn absorb(&mut self, other: Self, _tag: &str) {
        pool(&mut self.claims, other.claims);
        fill(&mut self.baseline, other.baseline);
        fill(&mut self.notes, other.notes);
    }
}

impl Item for ContextEstimate {
    const WHAT: &'static str = "estimate";
    const LIST: &'static str = "estimates";
    const KEY_IDENTIFIES: bool = true;
    type Key = String;

    fn id(&self) -> &Text {
        &self.id
    }
    fn set_id(&mut self, id: Text) {
        self.id = id;
    }
    fn differs(&self, other: &Self) -> Option<String> {
        if (self.category, self.held_by) != (other.category, other.held_by) {
            return Some("estimates of different people".to_string());
        }
        (self.as_of != other.as_of).then(|| "different dates".to_string())
    }
    fn keys(&self) -> Vec<String> {
        Vec::new()
    }
    fn unlike(&self, other: &Self) -> Option<String> {
        self.differs(other)
    }
    fn copy_of(&self, _other: &Self) -> bool {
        false
    }
    fn because(&self) -> &'static str {
        "the same id"
    }
    fn rewrite(&mut self, fix: &mut dyn FnMut(Ref, &mut Text)) {
        claims_rewrite(&mut self.claims, fix);
    }
    fn absorb(&mut self, other: Self, _tag: &str) {
        pool(&mut self.claims, other.claims);
        fill(&mut self.notes, other.notes);
    }
}

/// Calls `fix` on every reference one item of an edit makes, as the merge
/// reads the item's references when it is part of an event or agreement.
pub(super) fn rewrite_edit_item(item: &mut crate::edit::Item, fix: &mut dyn FnMut(Ref, &mut Text)) {
    use crate::edit::Item as E;
    match item {
        E::Source(s) => s.rewrite(fix),
        E::Event(e) => e.rewrite(fix),
        E::Agreement(a) => a.rewrite(fix),
        E::Figure(f) => claims_rewrite(&mut f.claims, fix),
        E::Claim(c) => claims_rewrite(std::slice::from_mut(c), fix),
        E::Fact(f) => facts_rewrite(std::slice::from_mut(f), fix),
        E::FactClaim(c) => fix(Ref::Source, &mut c.source),
        E::Term(t) => claims_rewrite(&mut t.claims, fix),
        E::RunningTotal(t) => t.rewrite(fix),
        E::Estimate(e) => e.rewrite(fix),
    }
}
