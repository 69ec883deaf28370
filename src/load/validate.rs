//! Semantic checks on a parsed dataset: references, ids, dates, values.
//!
//! Errors make the data unusable (a claim citing a source nobody defined);
//! warnings flag data that is usable but suspicious (a date in the future, an
//! event no source reports). Every problem is collected, each with its JSON path.

use std::collections::HashSet;

use jiff::civil::Date;

use crate::load::diagnostic::Diagnostic;
use crate::model::{Claim, Dataset, EventDate, FORMAT_VERSION, Fact, Quantity};

/// Ids that references may point at: those of every file opened together,
/// so one file may cite a source another file defines.
#[derive(Debug, Default, Clone)]
pub struct KnownIds {
    pub sources: HashSet<String>,
    pub agreements: HashSet<String>,
}

impl KnownIds {
    pub fn of(datasets: &[&Dataset]) -> Self {
        let mut ids = KnownIds::default();
        for d in datasets {
            ids.sources.extend(d.sources.iter().map(|s| s.id.clone()));
            ids.agreements
                .extend(d.agreements.iter().map(|a| a.id.clone()));
        }
        ids
    }
}

/// Checks one file's dataset. `today` decides what counts as a date in the future.
pub fn validate(dataset: &Dataset, file: &str, known: &KnownIds, today: Date) -> Vec<Diagnostic> {
    let mut v = Validator {
        file,
        known,
        today,
        out: Vec::new(),
        cited: HashSet::new(),
    };
    v.dataset(dataset);
    v.out
}

struct Validator<'a> {
    file: &'a str,
    known: &'a KnownIds,
    today: Date,
    out: Vec<Diagnostic>,
    cited: HashSet<&'a str>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, path: String, message: String) {
        self.out
            .push(Diagnostic::error(self.file, message).at_path(path));
    }

    fn warn(&mut self, path: String, message: String) {
        self.out
            .push(Diagnostic::warning(self.file, message).at_path(path));
    }

    fn dataset(&mut self, d: &'a Dataset) {
        if d.format_version != FORMAT_VERSION {
            self.error(
                "format_version".into(),
                format!(
                    "unsupported format version {}: this build reads version {FORMAT_VERSION}",
                    d.format_version
                ),
            );
        }
        if d.title.trim().is_empty() {
            self.warn("title".into(), "the dataset has no title".into());
        }
        if let Some(updated) = d.updated {
            self.not_future(updated, "updated".into(), "the last-update date");
        }
        self.unique(d.sources.iter().map(|s| s.id.as_str()), "sources", "source");
        self.unique(d.events.iter().map(|e| e.id.as_str()), "events", "event");
        self.unique(
            d.agreements.iter().map(|a| a.id.as_str()),
            "agreements",
            "agreement",
        );
        self.unique(
            d.running_totals.iter().map(|t| t.id.as_str()),
            "running_totals",
            "running total",
        );
        self.unique(
            d.estimates.iter().map(|e| e.id.as_str()),
            "estimates",
            "estimate",
        );

        for (i, s) in d.sources.iter().enumerate() {
            let at = format!("sources[{i}]");
            if s.outlet.trim().is_empty() {
                self.error(
                    format!("{at}.outlet"),
                    "the outlet is empty: write \"unknown\" when the source does not name it"
                        .into(),
                );
            }
            for (field, url) in [("url", &s.url), ("archive_url", &s.archive_url)] {
                if let Some(url) = url
                    && !is_web_link(url)
                {
                    self.warn(
                        format!("{at}.{field}"),
                        format!("\"{url}\" is not an http or https link: it will not be opened"),
                    );
                }
            }
            if let Some(p) = s.published {
                self.not_future(p, format!("{at}.published"), "the publication date");
            }
            if let Some(r) = s.retrieved {
                self.not_future(r, format!("{at}.retrieved"), "the retrieval date");
            }
        }

        for (i, a) in d.agreements.iter().enumerate() {
            let at = format!("agreements[{i}]");
            self.date(&a.date, format!("{at}.date"));
            self.unique(
                a.terms.iter().map(|t| t.id.as_str()),
                &format!("{at}.terms"),
                "term",
            );
            for (j, t) in a.terms.iter().enumerate() {
                self.claims(&t.claims, &format!("{at}.terms[{j}]"));
            }
            self.facts(&a.facts, &at);
        }

        for (i, e) in d.events.iter().enumerate() {
            let at = format!("events[{i}]");
            if e.id.trim().is_empty() {
                self.error(format!("{at}.id"), "the event id is empty".into());
            }
            self.date(&e.date, format!("{at}.date"));
            if let Some(agreement) = &e.agreement
                && !self.known.agreements.contains(agreement)
            {
                self.error(
                    format!("{at}.agreement"),
                    format!("no agreement has the id \"{agreement}\""),
                );
            }
            self.unique(
                e.figures.iter().map(|f| f.id.as_str()),
                &format!("{at}.figures"),
                "figure",
            );
            for (j, f) in e.figures.iter().enumerate() {
                let fat = format!("{at}.figures[{j}]");
                if f.claims.is_empty() {
                    self.warn(
                        format!("{fat}.claims"),
                        "this figure has no claim: no source reports it".into(),
                    );
                }
                self.claims(&f.claims, &fat);
            }
            self.facts(&e.facts, &at);
            if e.figures.iter().all(|f| f.claims.is_empty())
                && e.facts.iter().all(|f| f.claims.is_empty())
            {
                self.warn(at, format!("the event \"{}\" cites no source at all", e.id));
            }
        }

        for (i, t) in d.running_totals.iter().enumerate() {
            let at = format!("running_totals[{i}]");
            if let Some(agreement) = &t.scope.agreement
                && !self.known.agreements.contains(agreement)
            {
                self.error(
                    format!("{at}.scope.agreement"),
                    format!("no agreement has the id \"{agreement}\""),
                );
            }
            if let (Some(from), Some(until)) = (t.scope.from, t.scope.until)
                && until < from
            {
                self.error(
                    format!("{at}.scope.until"),
                    format!("the scope ends ({until}) before it starts ({from})"),
                );
            }
            self.claims(&t.claims, &at);
        }

        for (i, e) in d.estimates.iter().enumerate() {
            let at = format!("estimates[{i}]");
            if let Some(as_of) = e.as_of {
                self.not_future(as_of, format!("{at}.as_of"), "the date of the estimate");
            }
            self.claims(&e.claims, &at);
        }

        for (i, p) in d.place_names.iter().enumerate() {
            if p.canonical.trim().is_empty() {
                self.error(
                    format!("place_names[{i}].canonical"),
                    "the canonical name is empty".into(),
                );
            }
        }

        for w in crate::compare::warnings::disagreements(d) {
            self.warn(w.path, w.message);
        }

        for (i, s) in d.sources.iter().enumerate() {
            if !self.cited.contains(s.id.as_str()) {
                self.warn(
                    format!("sources[{i}]"),
                    format!("the source \"{}\" is never cited by a claim", s.id),
                );
            }
        }
    }

    fn unique<'i>(&mut self, ids: impl Iterator<Item = &'i str>, list: &str, what: &str) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.error(
                    format!("{list}[{i}].id"),
                    format!("the {what} id \"{id}\" is used twice"),
                );
            }
        }
    }

    fn date(&mut self, date: &EventDate, at: String) {
        if let Some(until) = date.until
            && until < date.on
        {
            self.error(
                format!("{at}.until"),
                format!(
                    "the date range ends ({until}) before it starts ({})",
                    date.on
                ),
            );
        }
        self.not_future(date.on, format!("{at}.on"), "the date");
    }

    fn not_future(&mut self, date: Date, at: String, what: &str) {
        if date > self.today {
            self.warn(
                at,
                format!("{what} {date} is in the future (today is {})", self.today),
            );
        }
    }

    fn claims(&mut self, claims: &'a [Claim], at: &str) {
        for (k, c) in claims.iter().enumerate() {
            let cat = format!("{at}.claims[{k}]");
            self.cites(&c.source, &cat);
            if let Quantity::Range { low, high } = c.value
                && low > high
            {
                self.error(
                    format!("{cat}.value.range"),
                    format!("the range is upside down: low {low} is above high {high}"),
                );
            }
        }
    }

    fn facts(&mut self, facts: &'a [Fact], at: &str) {
        self.unique(
            facts.iter().map(|f| f.id.as_str()),
            &format!("{at}.facts"),
            "fact",
        );
        for (j, f) in facts.iter().enumerate() {
            for (k, c) in f.claims.iter().enumerate() {
                self.cites(&c.source, &format!("{at}.facts[{j}].claims[{k}]"));
            }
        }
    }

    fn cites(&mut self, source: &'a str, at: &str) {
        self.cited.insert(source);
        if !self.known.sources.contains(source) {
            self.error(
                format!("{at}.source"),
                format!("the claim cites \"{source}\", but no source has that id"),
            );
        }
    }
}

/// Links from the data open only if they are web links.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn check(json: &str) -> Vec<Diagnostic> {
        let d: Dataset = serde_json::from_str(json).unwrap();
        validate(&d, "t.json", &KnownIds::of(&[&d]), date(2026, 1, 1))
    }

    const BASE: &str = r#"{"format_version": 1, "title": "t",
        "sources": [{"id": "s1", "outlet": "X", "url": "javascript:alert(1)"}],
        "agreements": [{"id": "a1", "title": "A", "date": {"on": "2025-06-02"}}],
        "events": [
          {"id": "e1", "title": "t", "date": {"on": "2027-01-01"}, "kind": "other", "agreement": "a9",
           "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
              "claims": [{"source": "s1", "value": {"range": {"low": 9, "high": 2}}},
                         {"source": "nobody", "value": {"exact": 3}}]}]},
          {"id": "e1", "title": "t", "date": {"on": "2025-01-05", "until": "2025-01-01"}, "kind": "other"}
        ]}"#;

    #[test]
    fn reports_every_problem_with_its_path() {
        let diags = check(BASE);
        let has = |sev_err: bool, path: &str, words: &str| {
            diags.iter().any(|d| {
                d.is_error() == sev_err
                    && d.path.as_deref() == Some(path)
                    && d.message.contains(words)
            })
        };
        assert!(
            has(true, "events[0].figures[0].claims[1].source", "\"nobody\""),
            "{diags:#?}"
        );
        assert!(
            has(
                true,
                "events[0].figures[0].claims[0].value.range",
                "upside down"
            ),
            "{diags:#?}"
        );
        assert!(has(true, "events[0].agreement", "\"a9\""), "{diags:#?}");
        assert!(has(true, "events[1].id", "used twice"), "{diags:#?}");
        assert!(
            has(true, "events[1].date.until", "before it starts"),
            "{diags:#?}"
        );
        assert!(has(false, "events[0].date.on", "future"), "{diags:#?}");
        assert!(has(false, "events[1]", "no source"), "{diags:#?}");
        assert!(has(false, "sources[0].url", "not an http"), "{diags:#?}");
    }

    #[test]
    fn web_links_only() {
        assert!(is_web_link("https://example.org/a"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("https://"));
    }
}
