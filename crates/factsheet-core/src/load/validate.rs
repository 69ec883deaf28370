//! Semantic checks on a parsed dataset: references, ids, dates, values.
//!
//! Errors make the data unusable (a claim citing a source nobody defined);
//! warnings flag data that is usable but suspicious (a date in the future, an
//! event no source reports). Every problem is collected, each with its JSON path.
//!
//! Validation runs on every load, over every claim of every event, so it is
//! kept cheap: JSON paths are built as chains of [`At`] on the stack and written
//! out only when a diagnostic is emitted, and ids are borrowed, never cloned.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use jiff::civil::Date;

use super::format2::{self, PartProblem};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{
    Agreement, Claim, Dataset, Event, EventDate, FORMAT_VERSION, Fact, OLDEST_FORMAT_VERSION,
    Quantity,
};

/// Ids that references may point at: those of every file opened together,
/// so one file may cite a source another file defines.
#[derive(Debug, Default, Clone)]
pub struct KnownIds<'d> {
    /// Every file's source ids, when files are opened together. A file alone
    /// has none here: [`validate`] looks a claim's source up in the file's own
    /// sources first, so this set would only repeat them (67,000 ids at 100k
    /// events, built for nothing).
    pub sources: HashSet<&'d str>,
    /// Each agreement by id (the first agreement with that id).
    pub agreements: HashMap<&'d str, &'d Agreement>,
}

impl<'d> KnownIds<'d> {
    pub fn of(datasets: &[&'d Dataset]) -> Self {
        let mut ids = KnownIds::default();
        for d in datasets {
            if datasets.len() > 1 {
                ids.sources.extend(d.sources.iter().map(|s| s.id.as_str()));
            }
            for a in &d.agreements {
                ids.agreements.entry(a.id.as_str()).or_insert(a);
            }
        }
        ids
    }
}

/// The most people one claim may count before validation calls it implausible.
///
/// The largest real exchanges and repatriations move hundreds or a few
/// thousand people, and running totals over a whole war stay in the tens of
/// thousands: a figure above a million people is more than any real exchange
/// could hold, so it is a typo (digits run together, a pasted id) rather than
/// a fact. Sums of claims (`stats::Sum`) saturate at `u64::MAX` rather than
/// fail, so an absurd claim would otherwise pass into a total unremarked;
/// with every claim at most this bound, a sum cannot come near that limit (it
/// would take more than 10^13 claims), so this warning is where such a number
/// is caught.
pub const MAX_PLAUSIBLE_COUNT: u64 = 1_000_000;

/// Checks one file's dataset. `today` decides what counts as a date in the future.
pub fn validate(dataset: &Dataset, file: &str, known: &KnownIds, today: Date) -> Vec<Diagnostic> {
    // With enough events for a thread to pay, the checks that need nothing of
    // the main pass (the sources' disagreements, duplicate ids) and the later
    // events are done on the other core meanwhile: the main pass checks the
    // sources and agreements, then the events from the first on, until the
    // two meet.
    let unchecked = Unchecked::new(dataset.events.len());
    // The first source of each id: a duplicate id is an error of its own, and
    // citing the id cites every source that has it. Built on this thread while
    // the other one starts on the disagreements, which do not need it.
    let own_sources = OnceLock::new();
    let uncited = Uncited::default();
    let validator = |first: bool| Validator {
        file,
        known,
        today,
        out: Vec::new(),
        own_sources: own_sources.wait(),
        cited: vec![false; dataset.sources.len()],
        unchecked: &unchecked,
        first,
        uncited_listed: 0,
        uncited: &uncited,
    };
    let aside = || {
        let disagreements = crate::compare::warnings::disagreements(dataset);
        Aside::of(dataset, validator(false), disagreements)
    };
    let index_sources = || {
        own_sources.get_or_init(|| {
            let mut index = HashMap::with_capacity(dataset.sources.len());
            for (i, s) in dataset.sources.iter().enumerate() {
                index.entry(s.id.as_str()).or_insert(i);
            }
            index
        })
    };
    let size = crate::parallel::Size::events(dataset.events.len());
    let mut out = crate::parallel::beside("factsheet-check", size, aside, |found| {
        // Before anything here can wait for the other thread, which waits for this.
        index_sources();
        let mut v = validator(true);
        v.dataset(dataset, || found.join().unwrap_or_else(aside));
        v.out
    });
    out.append(&mut hints(dataset, file));
    list_few_uncited(&mut out, file, uncited.counted.into_inner());
    out
}

/// The events citing no source, between the two validation threads: a
/// warning is built only for those that may be among the first
/// [`crate::compare::warnings::MAX_WARNINGS`] in file order, the rest are
/// counted. The first thread checks the events before all of the other's, so
/// once it has listed that many, nothing the other finds is listed.
#[derive(Default)]
struct Uncited {
    /// The first thread has listed as many as are listed.
    enough: AtomicBool,
    /// Events citing no source that got no warning.
    counted: AtomicUsize,
}

/// The end of the warning for an event that cites no source.
const CITES_NOTHING: &str = "cites no source at all";

/// Keeps the warnings for events citing no source to the first
/// [`crate::compare::warnings::MAX_WARNINGS`], and says how many more there
/// are, with the `counted` ones that got no warning built (see [`Uncited`]):
/// a file of a million bare events would otherwise carry a million warnings
/// (each a message, a path and a position looked up), several times the
/// memory of the events themselves.
fn list_few_uncited(out: &mut Vec<Diagnostic>, file: &str, counted: usize) {
    let most = crate::compare::warnings::MAX_WARNINGS;
    let mut seen = 0usize;
    out.retain(|d| {
        if d.severity != Severity::Warning || !d.message.ends_with(CITES_NOTHING) {
            return true;
        }
        seen += 1;
        seen <= most
    });
    // The warnings built and those only counted.
    let seen = seen + counted;
    if seen > most {
        out.push(Diagnostic::warning(
            file,
            format!(
                "{} more events cite no source at all, not listed here",
                crate::model::thousands((seen - most) as u64)
            ),
        ));
    }
}

/// The problems of the events' and agreements' `same_as` and `distinct_from`
/// that one file shows ([`super::format2::hint_problems`]); what they name in
/// other files is the merge's to check.
fn hints(dataset: &Dataset, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let hinted = |same: &[crate::model::Text], distinct: &[crate::model::Text]| {
        !same.is_empty() || !distinct.is_empty()
    };
    if dataset
        .events
        .iter()
        .any(|e| hinted(&e.same_as, &e.distinct_from))
    {
        let own: HashSet<&str> = dataset.events.iter().map(|e| e.id.as_str()).collect();
        for (i, e) in dataset.events.iter().enumerate() {
            let found = super::format2::hint_problems(&e.id, &e.same_as, &e.distinct_from, |id| {
                own.contains(id)
            });
            out.extend(found.into_iter().map(|(error, at, message)| {
                hint_diagnostic(file, error, format!("events[{i}].{at}"), message)
            }));
        }
    }
    if dataset
        .agreements
        .iter()
        .any(|a| hinted(&a.same_as, &a.distinct_from))
    {
        let own: HashSet<&str> = dataset.agreements.iter().map(|a| a.id.as_str()).collect();
        for (i, a) in dataset.agreements.iter().enumerate() {
            let found = super::format2::hint_problems(&a.id, &a.same_as, &a.distinct_from, |id| {
                own.contains(id)
            });
            out.extend(found.into_iter().map(|(error, at, message)| {
                hint_diagnostic(file, error, format!("agreements[{i}].{at}"), message)
            }));
        }
    }
    out
}

fn hint_diagnostic(file: &str, error: bool, path: String, message: String) -> Diagnostic {
    let d = if error {
        Diagnostic::error(file, message)
    } else {
        Diagnostic::warning(file, message)
    };
    d.at_path(path)
}

/// The events not yet checked. The main pass takes them from the first on,
/// [`Aside`] from the last back, [`CHUNK`] at a time, until they meet: so
/// however long the other checks of each take (and however fast each core
/// runs that moment), neither waits long for the other at the end.
struct Unchecked(Mutex<Range<usize>>);

/// How many events a pass takes at a time: enough that the lock is rare.
const CHUNK: usize = 512;

impl Unchecked {
    fn new(events: usize) -> Self {
        Unchecked(Mutex::new(0..events))
    }

    fn left(&self) -> std::sync::MutexGuard<'_, Range<usize>> {
        // A panicking pass leaves a range, never half of one.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next events from the front, if any are left.
    fn front(&self) -> Option<Range<usize>> {
        let mut left = self.left();
        let end = left.end.min(left.start.saturating_add(CHUNK));
        let taken = left.start..end;
        left.start = end;
        (!taken.is_empty()).then_some(taken)
    }

    /// The last events left, if any.
    fn back(&self) -> Option<Range<usize>> {
        let mut left = self.left();
        let start = left.start.max(left.end.saturating_sub(CHUNK));
        let taken = start..left.end;
        left.end = start;
        (!taken.is_empty()).then_some(taken)
    }
}

/// What validation finds apart from its main pass, on another thread when it pays.
struct Aside {
    /// Errors for ids used twice in one list, in the lists' order.
    ids: Vec<Diagnostic>,
    /// What the events after the main pass's hold, in their order.
    later_events: Vec<Diagnostic>,
    /// Which sources those events cite.
    cited: Vec<bool>,
    disagreements: Vec<crate::compare::warnings::Disagreement>,
}

impl Aside {
    /// Checks `dataset`'s ids, and its events from the last back while any
    /// are left unchecked, with `v`.
    fn of<'a>(
        dataset: &'a Dataset,
        mut v: Validator<'a>,
        disagreements: Vec<crate::compare::warnings::Disagreement>,
    ) -> Aside {
        v.unique_ids(dataset);
        let ids = std::mem::take(&mut v.out);
        let mut found = Vec::new();
        while let Some(chunk) = v.unchecked.back() {
            for i in chunk {
                if let Some(e) = dataset.events.get(i) {
                    v.event(i, e);
                }
            }
            found.push(std::mem::take(&mut v.out));
        }
        Aside {
            ids,
            later_events: found.into_iter().rev().flatten().collect(),
            cited: v.cited,
            disagreements,
        }
    }
}

/// A JSON path under construction: a chain of fields and indices on the stack,
/// written out as `events[3].figures[0].claims[1]` only when a diagnostic needs it.
#[derive(Debug, Clone, Copy)]
enum At<'p> {
    Root,
    Field(&'p At<'p>, &'static str),
    Index(&'p At<'p>, usize),
}

impl<'p> At<'p> {
    fn field(&'p self, name: &'static str) -> At<'p> {
        At::Field(self, name)
    }

    fn index(&'p self, i: usize) -> At<'p> {
        At::Index(self, i)
    }

    fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match *self {
            At::Root => {}
            At::Field(parent, name) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            At::Index(parent, i) => {
                parent.write(out);
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

const ROOT: At<'static> = At::Root;

struct Validator<'a> {
    file: &'a str,
    known: &'a KnownIds<'a>,
    today: Date,
    out: Vec<Diagnostic>,
    /// This file's sources by id, to mark which are cited.
    own_sources: &'a HashMap<&'a str, usize>,
    cited: Vec<bool>,
    /// The events left to check, shared with [`Aside`].
    unchecked: &'a Unchecked,
    /// Whether this validator checks the events from the first on (the other
    /// one checks them from the last back).
    first: bool,
    /// How many events citing no source this validator has warned about.
    uncited_listed: usize,
    uncited: &'a Uncited,
}

impl<'a> Validator<'a> {
    fn error(&mut self, at: &At, message: String) {
        self.out
            .push(Diagnostic::error(self.file, message).at_path(at.render()));
    }

    fn warn(&mut self, at: &At, message: String) {
        self.out
            .push(Diagnostic::warning(self.file, message).at_path(at.render()));
    }

    /// Checks `d`, its events from the first on while any are left
    /// unchecked; `aside` gives what
    /// [`Aside`] finds: the duplicate ids, reported before anything else about
    /// the lists, what the later events hold, reported after the earlier ones,
    /// and the sources' disagreements, between the other warnings and the
    /// sources never cited.
    fn dataset(&mut self, d: &'a Dataset, aside: impl FnOnce() -> Aside) {
        if !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&d.format_version) {
            self.error(
                &ROOT.field("format_version"),
                format!(
                    "unsupported format version {}: this build reads versions \
                     {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}",
                    d.format_version
                ),
            );
        } else if d.format_version < 2
            && let Some(path) = format2::first_format2_field(d)
        {
            self.warn(
                &ROOT.field("format_version"),
                format!(
                    "the file says format version {} but uses {path}, which format 2 added: \
                     set format_version to 2 (`factsheet upgrade FILE` does it), or older \
                     builds will refuse the file",
                    d.format_version
                ),
            );
        }
        if d.title.trim().is_empty() {
            self.warn(&ROOT.field("title"), "the dataset has no title".into());
        }
        self.no_bidi(&d.title, &ROOT.field("title"));
        if let Some(updated) = d.updated {
            self.not_future(updated, &ROOT.field("updated"), "the last-update date");
        }
        let sources = ROOT.field("sources");
        let agreements = ROOT.field("agreements");
        let totals = ROOT.field("running_totals");
        let estimates = ROOT.field("estimates");
        let ids_at = self.out.len();

        for (i, s) in d.sources.iter().enumerate() {
            let at = sources.index(i);
            self.no_bidi(&s.outlet, &at.field("outlet"));
            if let Some(title) = &s.title {
                self.no_bidi(title, &at.field("title"));
            }
            if s.outlet.trim().is_empty() {
                self.error(
                    &at.field("outlet"),
                    "the outlet is empty: write \"unknown\" when the source does not name it"
                        .into(),
                );
            }
            for (field, url) in [("url", &s.url), ("archive_url", &s.archive_url)] {
                if let Some(url) = url
                    && !is_web_link(url)
                {
                    self.warn(
                        &at.field(field),
                        format!("\"{url}\" is not an http or https link: it will not be opened"),
                    );
                }
            }
            if let Some(p) = s.published {
                self.not_future(p, &at.field("published"), "the publication date");
            }
            if let Some(r) = s.retrieved {
                self.not_future(r, &at.field("retrieved"), "the retrieval date");
            }
        }

        for p in format2::saved_copy_problems(d) {
            let source = sources.index(p.source);
            let copy = source.field("saved_copy");
            let at = copy.field(p.field);
            if p.is_error {
                self.error(&at, p.message);
            } else {
                self.warn(&at, p.message);
            }
        }
        for (i, s) in d.sources.iter().enumerate() {
            if let Some(r) = s.saved_copy.as_ref().and_then(|c| c.retrieved) {
                let source = sources.index(i);
                let copy = source.field("saved_copy");
                self.not_future(r, &copy.field("retrieved"), "the date the copy was saved");
            }
        }

        let known = self.known;
        for problem in format2::relay_problems(d, |id| known.sources.contains(id)) {
            self.error(
                &sources.index(problem.source).field("relays"),
                problem.message,
            );
        }

        for (i, a) in d.agreements.iter().enumerate() {
            let at = agreements.index(i);
            self.no_bidi(&a.title, &at.field("title"));
            self.date(&a.date, &at.field("date"));
            let terms = at.field("terms");
            self.unique(a.terms.iter().map(|t| t.id.as_str()), &terms, "term");
            for (j, t) in a.terms.iter().enumerate() {
                self.claims(&t.claims, &terms.index(j));
            }
            self.facts(&a.facts, &at);
        }

        while let Some(chunk) = self.unchecked.front() {
            for i in chunk {
                if let Some(e) = d.events.get(i) {
                    self.event(i, e);
                }
            }
        }
        // What was checked aside: its errors for duplicate ids come before
        // everything else about the lists, its events after these.
        let Aside {
            ids,
            later_events,
            cited,
            disagreements,
        } = aside();
        self.out.splice(ids_at..ids_at, ids);
        self.out.extend(later_events);
        for (mine, theirs) in self.cited.iter_mut().zip(cited) {
            *mine |= theirs;
        }

        for (i, t) in d.running_totals.iter().enumerate() {
            let at = totals.index(i);
            let scope = at.field("scope");
            if let Some(agreement) = &t.scope.agreement
                && !self.known.agreements.contains_key(agreement.as_str())
            {
                self.error(
                    &scope.field("agreement"),
                    format!("no agreement has the id \"{agreement}\""),
                );
            }
            if let (Some(from), Some(until)) = (t.scope.from, t.scope.until)
                && until.last() < from.first()
            {
                self.error(
                    &scope.field("until"),
                    format!("the scope ends ({until}) before it starts ({from})"),
                );
            }
            self.claims(&t.claims, &at);
            if let Some(b) = &t.baseline {
                let bat = at.field("baseline");
                self.cites(&b.source, &bat);
                for message in format2::baseline_problems(b, t) {
                    self.error(&bat, message);
                }
            }
        }

        for (i, e) in d.estimates.iter().enumerate() {
            let at = estimates.index(i);
            if let Some(as_of) = e.as_of {
                self.not_future(
                    as_of.first(),
                    &at.field("as_of"),
                    "the date of the estimate",
                );
            }
            self.claims(&e.claims, &at);
        }

        let place_names = ROOT.field("place_names");
        for (i, p) in d.place_names.iter().enumerate() {
            if p.canonical.trim().is_empty() {
                self.error(
                    &place_names.index(i).field("canonical"),
                    "the canonical name is empty".into(),
                );
            }
        }

        for w in disagreements {
            self.out
                .push(Diagnostic::warning(self.file, w.message).at_path(w.path));
        }

        for (i, s) in d.sources.iter().enumerate() {
            let first = self.own_sources.get(s.id.as_str()).copied().unwrap_or(i);
            if !self.cited.get(first).copied().unwrap_or(true) {
                self.warn(
                    &sources.index(i),
                    format!("the source \"{}\" is never cited by a claim", s.id),
                );
            }
        }
    }

    /// Checks event `e`, at index `i` of the events.
    fn event(&mut self, i: usize, e: &'a Event) {
        let events = ROOT.field("events");
        let at = events.index(i);
        self.no_bidi(&e.title, &at.field("title"));
        if e.id.trim().is_empty() {
            self.error(&at.field("id"), "the event id is empty".into());
        }
        self.date(&e.date, &at.field("date"));
        if !e.dates.is_empty() {
            self.date_claims(e, &at);
        }
        if !e.links.is_empty() {
            self.link_claims(e, &at);
        }
        if let Some(agreement) = &e.agreement {
            match self.known.agreements.get(agreement.as_str()) {
                None => self.error(
                    &at.field("agreement"),
                    format!("no agreement has the id \"{agreement}\""),
                ),
                // The rule the Agreements tab counts deliveries by.
                Some(made) if !crate::stats::delivers_on(made, e) => self.warn(
                    &at.field("agreement"),
                    format!(
                        "the event ({}) is over before the agreement \"{agreement}\" was made \
                         ({}): it counts towards none of its terms",
                        e.date.bounds().1,
                        made.date.bounds().0
                    ),
                ),
                Some(_) => {}
            }
        }
        let figures = at.field("figures");
        // One figure needs no duplicate check, and most events have few.
        if e.figures.len() > 1 {
            self.unique(e.figures.iter().map(|f| f.id.as_str()), &figures, "figure");
        }
        let wholes = crate::stats::Wholes::of(e);
        for (j, f) in e.figures.iter().enumerate() {
            let fat = figures.index(j);
            if wholes.is_part(f) {
                let side = f
                    .received_by
                    .map_or("both sides, not split", |s| s.to_label());
                self.warn(
                    &fat,
                    format!(
                        "this {} figure ({side}) is read as part of the event's prisoners figure \
                         to the same side: it counts once, through that figure, in the totals \
                         of all prisoners and the chart. Give the parts as the claims' `parts` \
                         to make that plain",
                        f.category.label()
                    ),
                );
            }
            if f.claims.is_empty() {
                self.warn(
                    &fat.field("claims"),
                    "this figure has no claim: no source reports it".into(),
                );
            }
            self.claims(&f.claims, &fat);
        }
        self.facts(&e.facts, &at);
        if e.figures.iter().all(|f| f.claims.is_empty())
            && e.facts.iter().all(|f| f.claims.is_empty())
        {
            self.uncited(&at, &e.id);
        }
    }

    /// A warning for an event that cites no source, or only a count once no
    /// more of them are listed (see [`Uncited`]): a file of a million bare
    /// events would otherwise build a million warnings to drop all but a few.
    fn uncited(&mut self, at: &At, id: &str) {
        let most = crate::compare::warnings::MAX_WARNINGS;
        let enough = if self.first {
            self.uncited_listed >= most
        } else {
            self.uncited.enough.load(Ordering::Relaxed)
        };
        if enough {
            self.uncited.counted.fetch_add(1, Ordering::Relaxed);
            return;
        }
        self.warn(at, format!("the event \"{id}\" {CITES_NOTHING}"));
        self.uncited_listed += 1;
        if self.first && self.uncited_listed == most {
            self.uncited.enough.store(true, Ordering::Relaxed);
        }
    }

    /// Errors for the ids used twice in the top-level lists.
    fn unique_ids(&mut self, d: &Dataset) {
        let id = |list: &'static str| ROOT.field(list);
        self.unique(
            d.sources.iter().map(|s| s.id.as_str()),
            &id("sources"),
            "source",
        );
        self.unique(
            d.events.iter().map(|e| e.id.as_str()),
            &id("events"),
            "event",
        );
        let agreements = d.agreements.iter().map(|a| a.id.as_str());
        self.unique(agreements, &id("agreements"), "agreement");
        let totals = d.running_totals.iter().map(|t| t.id.as_str());
        self.unique(totals, &id("running_totals"), "running total");
        let estimates = d.estimates.iter().map(|e| e.id.as_str());
        self.unique(estimates, &id("estimates"), "estimate");
    }

    fn unique<'i>(
        &mut self,
        ids: impl ExactSizeIterator<Item = &'i str> + Clone,
        list: &At,
        what: &str,
    ) {
        // The figures and facts of one event are a handful: comparing them pairwise
        // costs less than building a hash set for each event.
        if ids.len() <= 8 {
            for (i, id) in ids.clone().enumerate() {
                if ids.clone().take(i).any(|earlier| earlier == id) {
                    self.error(
                        &list.index(i).field("id"),
                        format!("the {what} id \"{id}\" is used twice"),
                    );
                }
            }
            return;
        }
        let mut seen = HashSet::with_capacity_and_hasher(ids.len(), Default::default());
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.error(
                    &list.index(i).field("id"),
                    format!("the {what} id \"{id}\" is used twice"),
                );
            }
        }
    }

    fn date(&mut self, date: &EventDate, at: &At) {
        if let Some(until) = date.until
            && until < date.on
        {
            self.error(
                &at.field("until"),
                format!(
                    "the date range ends ({until}) before it starts ({})",
                    date.on
                ),
            );
        }
        self.not_future(date.on, &at.field("on"), "the date");
    }

    fn not_future(&mut self, date: Date, at: &At, what: &str) {
        if date > self.today {
            self.warn(
                at,
                format!("{what} {date} is in the future (today is {})", self.today),
            );
        }
    }

    fn claims(&mut self, claims: &'a [Claim], at: &At) {
        let list = at.field("claims");
        for (k, c) in claims.iter().enumerate() {
            let cat = list.index(k);
            self.cites(&c.source, &cat);
            self.plausible(c.value, &cat.field("value"));
            if let Quantity::Range { low, high } = c.value
                && low > high
            {
                self.error(
                    &cat.field("value").field("range"),
                    format!("the range is upside down: low {low} is above high {high}"),
                );
            }
            for problem in format2::part_problems(c) {
                match problem {
                    PartProblem::LargerThanWhole { index, message } => {
                        self.error(&cat.field("parts").index(index), message);
                    }
                    PartProblem::SumDiffers(message) => self.warn(&cat.field("parts"), message),
                }
            }
            if let Some(stated_on) = &c.stated_on {
                self.date(stated_on, &cat.field("stated_on"));
            }
            if let Some(q) = &c.quote {
                self.quote(q, &cat.field("quote"));
            }
            if !c.answers.is_empty() {
                self.answers(c, claims, &cat.field("answers"));
            }
        }
    }

    /// The sources a denial answers (format 2): each one a source that makes
    /// a claim beside it; on a claim that denies nothing, they mean nothing.
    fn answers(&mut self, c: &'a Claim, claims: &'a [Claim], at: &At) {
        if c.status != crate::model::ClaimStatus::Denied {
            self.warn(
                at,
                "only a denial answers other claims: this claim's status is not \"denied\", \
                 so its `answers` are left unused"
                    .into(),
            );
        }
        for (k, answered) in c.answers.iter().enumerate() {
            if !self.own_sources.contains_key(answered.as_str())
                && !self.known.sources.contains(answered.as_str())
            {
                self.error(
                    &at.index(k),
                    format!("the denial answers \"{answered}\", but no source has that id"),
                );
            } else if answered == &c.source {
                self.error(&at.index(k), "a denial cannot answer its own source".into());
            } else if !claims.iter().any(|o| o.source == *answered) {
                self.warn(
                    &at.index(k),
                    format!(
                        "the denial answers \"{answered}\", but that source makes no claim \
                         of this figure: it answers nothing here"
                    ),
                );
            }
        }
    }

    /// The sources' own dates for an event (format 2): each cited and a real
    /// date; dates that cannot all be true are a disagreement, warned.
    fn date_claims(&mut self, e: &'a Event, at: &At) {
        let list = at.field("dates");
        for (k, d) in e.dates.iter().enumerate() {
            let dat = list.index(k);
            self.cites(&d.source, &dat);
            self.date(&d.date, &dat.field("date"));
            if let Some(q) = &d.quote {
                self.quote(q, &dat.field("quote"));
            }
        }
        if e.dates_disagree() {
            let said: Vec<String> = e
                .dates
                .iter()
                .map(|d| format!("{} says {}", d.source, d.date))
                .collect();
            self.warn(
                &list,
                format!(
                    "the sources put this event on different days: {}",
                    said.join("; ")
                ),
            );
        }
    }

    /// The sources' word on which agreement an event falls under (format 2):
    /// each cited, each agreement known; when they differ, a warning says how
    /// the Agreements tab counts the event.
    fn link_claims(&mut self, e: &'a Event, at: &At) {
        let list = at.field("links");
        for (k, l) in e.links.iter().enumerate() {
            let lat = list.index(k);
            self.cites(&l.source, &lat);
            if let Some(agreement) = &l.agreement
                && !self.known.agreements.contains_key(agreement.as_str())
            {
                self.error(
                    &lat.field("agreement"),
                    format!("no agreement has the id \"{agreement}\""),
                );
            }
            if let Some(q) = &l.quote {
                self.quote(q, &lat.field("quote"));
            }
        }
        if e.link_disputed() {
            let own = match e.agreement.as_deref() {
                Some(a) => format!("the file puts it under \"{a}\""),
                None => "the file puts it under none".to_string(),
            };
            let said: Vec<String> = e
                .links
                .iter()
                .map(|l| match l.agreement.as_deref() {
                    Some(a) => format!("{} says \"{a}\"", l.source),
                    None => format!("{} says none", l.source),
                })
                .collect();
            self.warn(
                &list,
                format!(
                    "the sources disagree on which agreement this event falls under ({own}; {}): \
                     its delivery is counted apart, as disputed",
                    said.join("; ")
                ),
            );
        }
    }

    /// A title or name with a mark that reorders how it reads (U+202E makes
    /// "invoice\u{202E}txt.exe" read "invoiceexe.txt"): almost certainly an
    /// attack or an accident, and the sheets leave such marks out.
    fn no_bidi(&mut self, text: &str, at: &At) {
        // Every such mark is encoded from a 0xE2 or 0xD8 byte: most titles have neither.
        if !text.bytes().any(|b| b == 0xE2 || b == 0xD8) {
            return;
        }
        if let Some(c) = text.chars().find(|&c| crate::model::is_direction_mark(c)) {
            self.warn(
                at,
                format!(
                    "the text holds the direction mark U+{:04X}, which reorders how it reads: \
                     an attack or an accident? The fact sheets leave it out",
                    u32::from(c)
                ),
            );
        }
    }

    /// A cut quote's pieces: an empty piece is an error, one piece a warning.
    fn quote(&mut self, quote: &crate::model::Quote, at: &At) {
        for (piece, message) in format2::quote_problems(quote) {
            match piece {
                Some(i) => self.error(&at.index(i), message),
                None => self.warn(at, message),
            }
        }
    }

    /// A warning for each number of `value` above [`MAX_PLAUSIBLE_COUNT`],
    /// at the path of the field that holds it.
    fn plausible(&mut self, value: Quantity, at: &At) {
        let numbers: [(&'static str, Option<u64>); 2] = match value {
            Quantity::Exact(n) => [("exact", Some(n)), ("", None)],
            Quantity::Approximately(n) => [("approximately", Some(n)), ("", None)],
            Quantity::AtLeast(n) => [("at_least", Some(n)), ("", None)],
            Quantity::MoreThan(n) => [("more_than", Some(n)), ("", None)],
            Quantity::AtMost(n) => [("at_most", Some(n)), ("", None)],
            Quantity::FewerThan(n) => [("fewer_than", Some(n)), ("", None)],
            Quantity::Range { low, high } => [("low", Some(low)), ("high", Some(high))],
            Quantity::NotDisclosed => [("", None), ("", None)],
        };
        for (field, n) in numbers {
            let Some(n) = n.filter(|&n| n > MAX_PLAUSIBLE_COUNT) else {
                continue;
            };
            let range = at.field("range");
            let place = if matches!(value, Quantity::Range { .. }) {
                range.field(field)
            } else {
                at.field(field)
            };
            self.warn(
                &place,
                format!(
                    "one claim of {} people: more people than any real exchange could hold \
                     (at most {} is taken as plausible): a typo?",
                    crate::model::thousands(n),
                    crate::model::thousands(MAX_PLAUSIBLE_COUNT)
                ),
            );
        }
    }

    fn facts(&mut self, facts: &'a [Fact], at: &At) {
        if facts.is_empty() {
            return;
        }
        let list = at.field("facts");
        self.unique(facts.iter().map(|f| f.id.as_str()), &list, "fact");
        for (j, f) in facts.iter().enumerate() {
            let fat = list.index(j);
            let claims = fat.field("claims");
            for (k, c) in f.claims.iter().enumerate() {
                self.cites(&c.source, &claims.index(k));
                if let Some(stated_on) = &c.stated_on {
                    self.date(stated_on, &claims.index(k).field("stated_on"));
                }
                if let Some(q) = &c.quote {
                    self.quote(q, &claims.index(k).field("quote"));
                }
            }
        }
    }

    /// Marks `source` cited; an error when no file opened together defines it.
    fn cites(&mut self, source: &'a str, at: &At) {
        // Most claims cite a source of their own file: one lookup marks and checks it.
        if let Some(&i) = self.own_sources.get(source) {
            if let Some(c) = self.cited.get_mut(i) {
                *c = true;
            }
            return;
        }
        if !self.known.sources.contains(source) {
            self.error(
                &at.field("source"),
                format!("the claim cites \"{source}\", but no source has that id"),
            );
        }
    }
}

/// Links from the data open only if they are web links.
pub fn is_web_link(url: &str) -> bool {
    // Case-insensitive scheme check without lower-casing (and allocating) the url.
    let url = url.trim();
    let scheme_len = if starts_with_ignore_case(url, "https://") {
        8
    } else if starts_with_ignore_case(url, "http://") {
        7
    } else {
        return false;
    };
    let host = url.get(scheme_len..).unwrap_or("");
    !host.is_empty() && !host.starts_with('/')
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
