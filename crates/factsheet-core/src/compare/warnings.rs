//! Load warnings for disagreeing sources: each conflicting figure or fact gets
//! a warning with its JSON path and who says what. A disagreement is data, not
//! an error: the file stays usable, and the warning points the reader at it.

use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::numeric::conflicts;
use crate::compare::places::PlaceTable;
use crate::model::{Claim, ClaimStatus, Dataset, Fact, Quantity};

/// At most this many disagreement warnings per file; past it one more warning
/// says how many were left out (the comparison panel lists them all). A file of
/// a million events may disagree a hundred thousand times, and a list that long
/// helps nobody.
pub const MAX_WARNINGS: usize = 200;

/// A warning to attach to the value at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// JSON path of the figure or fact: `events[2].figures[0]`.
    pub path: String,
    pub message: String,
}

/// Every conflicting figure, term, estimate and fact of `dataset`. Running
/// totals are left to `crate::stats`, which checks each of their claims against
/// the events and warns about the ones that cannot be true.
pub fn disagreements(dataset: &Dataset) -> Vec<Disagreement> {
    let places = PlaceTable::with(&dataset.place_names);
    let mut scratch = FactScratch::default();
    let mut out = Vec::new();
    // Past the cap, disagreements are only counted: no message is built for them.
    let mut left_out = 0usize;
    let mut claims = |claims: &[Claim], path: &dyn Fn() -> String, what: &str| {
        if conflicts(claims) {
            if out.len() < MAX_WARNINGS {
                out.push(Disagreement {
                    message: format!("the sources of this {what} disagree: {}", says(claims)),
                    path: path(),
                });
            } else {
                left_out += 1;
            }
        }
    };
    for (i, e) in dataset.events.iter().enumerate() {
        for (j, f) in e.figures.iter().enumerate() {
            claims(&f.claims, &|| format!("events[{i}].figures[{j}]"), "figure");
        }
    }
    for (i, a) in dataset.agreements.iter().enumerate() {
        for (j, t) in a.terms.iter().enumerate() {
            claims(&t.claims, &|| format!("agreements[{i}].terms[{j}]"), "term");
        }
    }
    for (i, e) in dataset.estimates.iter().enumerate() {
        claims(&e.claims, &|| format!("estimates[{i}]"), "estimate");
    }
    let mut facts = |facts: &[Fact], at: &dyn Fn() -> String| {
        for (j, f) in facts.iter().enumerate() {
            if fact_outcome(&places, f, &mut scratch).class.is_conflict() {
                if out.len() >= MAX_WARNINGS {
                    left_out += 1;
                    continue;
                }
                let at = at();
                out.push(Disagreement {
                    path: format!("{at}.facts[{j}]"),
                    message: format!("the sources disagree on \"{}\": {}", f.question, answers(f)),
                });
            }
        }
    };
    for (i, e) in dataset.events.iter().enumerate() {
        facts(&e.facts, &|| format!("events[{i}]"));
    }
    for (i, a) in dataset.agreements.iter().enumerate() {
        facts(&a.facts, &|| format!("agreements[{i}]"));
    }
    if left_out > 0 {
        out.push(Disagreement {
            path: String::new(),
            message: format!(
                "the sources disagree on {left_out} more figures or facts, not listed here: \
                 the comparison panel shows them all"
            ),
        });
    }
    out
}

/// `seed-000 and seed-001 say 1,212; seed-002 (TASS) says 1,200; seed-003
/// denies 6,000`: the sources stating one number are named together, so a
/// figure with many sources reads as the few numbers they give.
fn says(claims: &[Claim]) -> String {
    let mut stated: Vec<(Quantity, Vec<String>)> = Vec::new();
    let mut denials = Vec::new();
    for c in claims {
        let who = who(&c.source, c.attributed_to.as_deref());
        match (c.status, c.value) {
            // A denial with no number of its own denies what others say.
            (ClaimStatus::Denied, Quantity::NotDisclosed) if c.answers.is_empty() => {
                denials.push(format!("{who} denies the others"));
            }
            (ClaimStatus::Denied, Quantity::NotDisclosed) => {
                let answered: Vec<&str> = c.answers.iter().map(|a| a.as_str()).collect();
                denials.push(format!("{who} denies what {} says", answered.join(" and ")));
            }
            (ClaimStatus::Denied, value) => denials.push(format!("{who} denies {value}")),
            (_, value) => match stated.iter_mut().find(|(v, _)| *v == value) {
                Some((_, whos)) => whos.push(who),
                None => stated.push((value, vec![who])),
            },
        }
    }
    let mut parts: Vec<String> = stated
        .into_iter()
        .map(|(value, whos)| match whos.as_slice() {
            [one] => format!("{one} says {value}"),
            _ => format!("{} say {value}", and_list(&whos)),
        })
        .collect();
    parts.append(&mut denials);
    parts.join("; ")
}

/// `seed-000 (Vladimir Medinsky) and seed-001: "yes"; seed-002: "no"`: the
/// sources giving one answer (as written, but for spaces around it) together.
fn answers(fact: &Fact) -> String {
    let mut given: Vec<(&str, Vec<String>)> = Vec::new();
    let mut denials = Vec::new();
    for c in fact.claims.iter() {
        let who = who(&c.source, c.attributed_to.as_deref());
        let answer = c.answer.trim();
        if c.status == ClaimStatus::Denied {
            denials.push(format!("{who} denies: \"{answer}\""));
            continue;
        }
        match given.iter_mut().find(|(a, _)| *a == answer) {
            Some((_, whos)) => whos.push(who),
            None => given.push((answer, vec![who])),
        }
    }
    let mut parts: Vec<String> = given
        .into_iter()
        .map(|(answer, whos)| format!("{}: \"{answer}\"", and_list(&whos)))
        .collect();
    parts.append(&mut denials);
    parts.join("; ")
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn who(source: &str, attributed_to: Option<&str>) -> String {
    match attributed_to {
        Some(a) if !a.trim().is_empty() => format!("{source} ({})", a.trim()),
        _ => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list;
    use crate::model::List;

    #[test]
    fn stops_listing_after_the_cap() {
        let mut d = Dataset::empty("t");
        let claim = |source: &str, n| Claim {
            source: source.into(),
            value: crate::model::Quantity::Exact(n),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            words: None,
            stated_on: None,
            parts: List::new(),
            answers: List::new(),
            notes: None,
        };
        d.estimates = (0..MAX_WARNINGS + 5)
            .map(|i| crate::model::ContextEstimate {
                id: format!("e{i}").into(),
                description: "held".into(),
                category: crate::model::Category::Soldiers,
                held_by: None,
                as_of: None,
                claims: list![claim("a", 1), claim("b", 2)],
                notes: None,
            })
            .collect();
        let w = disagreements(&d);
        assert_eq!(w.len(), MAX_WARNINGS + 1);
        assert_eq!(
            w[MAX_WARNINGS - 1].path,
            format!("estimates[{}]", MAX_WARNINGS - 1)
        );
        assert!(
            w[MAX_WARNINGS].message.contains("5 more"),
            "{:?}",
            w[MAX_WARNINGS]
        );
    }

    #[test]
    fn names_the_sources_of_one_number_or_answer_together() {
        let d: Dataset = serde_json::from_str(
            r#"{"format_version": 2, "title": "t",
            "sources": [{"id": "a", "outlet": "A"}, {"id": "b", "outlet": "B"},
                        {"id": "c", "outlet": "C"}, {"id": "d", "outlet": "D"}],
            "events": [{"id": "e", "title": "t", "date": {"on": "2022-09-22"}, "kind": "other",
              "figures": [
                {"id": "to-ru", "received_by": "russia", "category": "prisoners",
                 "claims": [{"source": "a", "value": {"exact": 56}},
                            {"source": "b", "value": {"exact": 55}, "attributed_to": "Ukraine"},
                            {"source": "c", "value": {"exact": 56}, "attributed_to": "Reuters"},
                            {"source": "d", "value": {"exact": 56}, "status": "denied"}]}],
              "facts": [{"id": "f", "question": "Who mediated?", "claims": [
                 {"source": "a", "answer": "the UAE"}, {"source": "b", "answer": "Turkey"},
                 {"source": "c", "answer": " the UAE "}]}]}]}"#,
        )
        .unwrap();
        let w = disagreements(&d);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(
            w[0].message,
            "the sources of this figure disagree: a and c (Reuters) say 56; \
             b (Ukraine) says 55; d denies 56"
        );
        assert_eq!(
            w[1].message,
            "the sources disagree on \"Who mediated?\": a and c: \"the UAE\"; b: \"Turkey\""
        );
    }

    #[test]
    fn names_the_path_and_who_says_what() {
        let d: Dataset = serde_json::from_str(
            r#"{"format_version": 1, "title": "t",
            "sources": [{"id": "a", "outlet": "A"}, {"id": "b", "outlet": "B"}],
            "events": [{"id": "e", "title": "t", "date": {"on": "2025-06-11"}, "kind": "other",
              "figures": [
                {"id": "ok", "received_by": "ukraine", "category": "remains",
                 "claims": [{"source": "a", "value": {"more_than": 500}}, {"source": "b", "value": {"exact": 503}}]},
                {"id": "bad", "received_by": "ukraine", "category": "remains",
                 "claims": [{"source": "a", "value": {"more_than": 500}},
                            {"source": "b", "value": {"exact": 500}, "attributed_to": "TASS"}]}],
              "facts": [{"id": "f", "question": "Confirmed?", "claims": [
                 {"source": "a", "answer": "yes"}, {"source": "b", "answer": "no"}]}]}]}"#,
        )
        .unwrap();
        let w = disagreements(&d);
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(w[0].path, "events[0].figures[1]");
        assert_eq!(
            w[0].message,
            "the sources of this figure disagree: a says more than 500; b (TASS) says 500"
        );
        assert_eq!(w[1].path, "events[0].facts[0]");
        assert_eq!(
            w[1].message,
            "the sources disagree on \"Confirmed?\": a: \"yes\"; b: \"no\""
        );
    }
}
