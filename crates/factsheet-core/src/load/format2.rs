//! The checks of what format 2 added: a claim's parts against its whole, and
//! sources that relay one another. Validation (`validate.rs`) calls these and
//! turns what they find into diagnostics at the right JSON path.

use crate::compare::allowed;
use crate::model::{Claim, Dataset, Source};

/// What is wrong with a claim's breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartProblem {
    /// Part `index` allows only values above anything the whole allows: an error.
    LargerThanWhole { index: usize, message: String },
    /// The parts cannot add up to the whole: a warning (a source's arithmetic,
    /// or a part left out).
    SumDiffers(String),
}

/// Checks `claim`'s parts against its value: a part must fit in the whole, and
/// the parts together must be able to add up to it. Parts or a whole with no
/// number ("not disclosed") are not compared.
pub fn part_problems(claim: &Claim) -> Vec<PartProblem> {
    let mut out = Vec::new();
    if claim.parts.is_empty() {
        return out;
    }
    let Some(whole) = allowed(claim.value) else {
        return out;
    };
    let (mut least, mut most) = (0u64, Some(0u64));
    for (index, part) in claim.parts.iter().enumerate() {
        let Some(span) = allowed(part.value) else {
            most = None;
            continue;
        };
        if whole.high.is_some_and(|high| span.low > high) {
            out.push(PartProblem::LargerThanWhole {
                index,
                message: format!(
                    "the part \"{}\" is larger than the whole: {} against {}",
                    part_name(part),
                    part.value,
                    claim.value
                ),
            });
        }
        least = least.saturating_add(span.low);
        most = match (most, span.high) {
            (Some(m), Some(h)) => Some(m.saturating_add(h)),
            _ => None,
        };
    }
    let too_many = whole.high.is_some_and(|high| least > high);
    let too_few = most.is_some_and(|m| m < whole.low);
    if too_many || too_few {
        out.push(PartProblem::SumDiffers(format!(
            "the parts add up to {}, but the whole is {}",
            parts_sum_text(least, most),
            claim.value
        )));
    }
    out
}

fn part_name(part: &crate::model::Part) -> String {
    match &part.label {
        Some(label) => format!("{} ({label})", part.category.label()),
        None => part.category.label().to_string(),
    }
}

fn parts_sum_text(least: u64, most: Option<u64>) -> String {
    use crate::model::thousands;
    match most {
        Some(m) if m == least => thousands(least),
        Some(m) => format!("{}–{}", thousands(least), thousands(m)),
        None => format!("at least {}", thousands(least)),
    }
}

/// What is wrong with a cut quote: a piece with no words (an error, at the
/// piece's index), or only one piece (a warning: a quote without a cut is a
/// plain string).
pub fn quote_problems(quote: &crate::model::Quote) -> Vec<(Option<usize>, String)> {
    let Some(pieces) = quote.pieces() else {
        return Vec::new();
    };
    let mut out: Vec<(Option<usize>, String)> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| p.trim().is_empty())
        .map(|(i, _)| {
            (
                Some(i),
                "a piece of a cut quote is empty: every piece is words copied from the source"
                    .to_string(),
            )
        })
        .collect();
    if pieces.len() < 2 {
        out.push((
            None,
            "a cut quote needs at least two pieces; one stretch of words is written as a string"
                .to_string(),
        ));
    }
    out
}

/// What is wrong with a running total's baseline: larger than the total any
/// of its claims states (every value the baseline allows is above every value
/// the claim allows), or ending after the scope does.
pub fn baseline_problems(
    baseline: &crate::model::Baseline,
    total: &crate::model::RunningTotal,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(until) = total.scope.until
        && baseline.before > until.last()
    {
        out.push(format!(
            "the baseline counts up to {} but the total's scope ends on {until}",
            baseline.before
        ));
    }
    let Some(part) = allowed(baseline.value) else {
        return out;
    };
    for claim in &total.claims {
        if let Some(whole) = allowed(claim.value)
            && whole.high.is_some_and(|high| part.low > high)
        {
            out.push(format!(
                "the baseline ({}) is larger than the total {} states ({})",
                baseline.value, claim.source, claim.value
            ));
        }
    }
    out
}

/// What is wrong with a source's `relays`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayProblem {
    /// Index of the source in its file.
    pub source: usize,
    pub message: String,
}

/// What is wrong with a source's `saved_copy` as written (not with the file
/// it names: [`crate::copies`] reads that): the field, whether it makes the
/// data unusable, and why.
pub struct CopyFieldProblem {
    /// Index of the source in its file.
    pub source: usize,
    /// The field of `saved_copy` concerned.
    pub field: &'static str,
    pub is_error: bool,
    pub message: String,
}

/// Checks every source's `saved_copy`: a path that names a file, a SHA-256
/// written as 64 hexadecimal digits, an address that can be opened.
pub fn saved_copy_problems(dataset: &Dataset) -> Vec<CopyFieldProblem> {
    let mut out = Vec::new();
    for (i, source) in dataset.sources.iter().enumerate() {
        let Some(copy) = &source.saved_copy else {
            continue;
        };
        let mut problem = |field, is_error, message: String| {
            out.push(CopyFieldProblem {
                source: i,
                field,
                is_error,
                message,
            })
        };
        if copy.path.trim().is_empty() {
            problem(
                "path",
                true,
                "the saved copy's path is empty: name the file, relative to this data file's folder"
                    .to_string(),
            );
        }
        if let Some(hash) = &copy.sha256
            && !crate::copies::is_sha256(hash)
        {
            problem(
                "sha256",
                true,
                format!(
                    "\"{hash}\" is not a SHA-256: expected 64 hexadecimal digits, as `sha256sum` prints them"
                ),
            );
        }
        if let Some(url) = &copy.url
            && !super::is_web_link(url)
        {
            problem(
                "url",
                false,
                format!("\"{url}\" is not an http or https link: it will not be opened"),
            );
        }
    }
    out
}

/// Checks every source's `relays`: the source relayed must exist (in this file
/// or, through `known`, another file opened with it), must not be the source
/// itself, and following relays must end at a source that relays nothing.
pub fn relay_problems(dataset: &Dataset, known: impl Fn(&str) -> bool) -> Vec<RelayProblem> {
    let index: foldhash::HashMap<&str, &Source> =
        dataset.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = Vec::new();
    for (i, source) in dataset.sources.iter().enumerate() {
        let Some(relay) = &source.relays else {
            continue;
        };
        let target = relay.source.as_str();
        if target == source.id {
            out.push(RelayProblem {
                source: i,
                message: format!("the source \"{}\" says it relays itself", source.id),
            });
            continue;
        }
        if !index.contains_key(target) && !known(target) {
            out.push(RelayProblem {
                source: i,
                message: format!("the source relays \"{target}\", but no source has that id"),
            });
            continue;
        }
        // Walk the chain; a loop comes back to this source within as many
        // steps as there are sources.
        let mut chain = vec![source.id.as_str()];
        let mut at = target;
        while let Some(next) = index.get(at).and_then(|s| s.relays.as_ref()) {
            chain.push(at);
            at = next.source.as_str();
            if at == source.id.as_str() {
                chain.push(at);
                out.push(RelayProblem {
                    source: i,
                    message: format!(
                        "the sources relay one another in a loop: {}; one of them must be the origin",
                        chain.join(" → ")
                    ),
                });
                break;
            }
            if chain.len() > index.len() {
                break;
            }
        }
    }
    out
}

/// `same_as` or `distinct_from`, whichever is used first.
fn hints_format2(
    same_as: &[crate::model::Text],
    distinct_from: &[crate::model::Text],
) -> Option<&'static str> {
    if !same_as.is_empty() {
        Some("same_as")
    } else if !distinct_from.is_empty() {
        Some("distinct_from")
    } else {
        None
    }
}

/// What is wrong with an item's `same_as` and `distinct_from` in its own
/// file: an entry naming the item itself (a warning, at `same_as[j]` or
/// `distinct_from[j]`), naming another item of the same file (a warning: the
/// hints are about other files), or in both lists (an error, at `same_as[j]`).
/// `own` tells whether an id is one of this file's items of that kind.
pub fn hint_problems(
    id: &str,
    same_as: &[crate::model::Text],
    distinct_from: &[crate::model::Text],
    own: impl Fn(&str) -> bool,
) -> Vec<(bool, String, String)> {
    let mut out = Vec::new();
    for (field, list) in [("same_as", same_as), ("distinct_from", distinct_from)] {
        for (j, target) in list.iter().enumerate() {
            let at = format!("{field}[{j}]");
            if field == "same_as" && distinct_from.contains(target) {
                out.push((
                    true,
                    at,
                    format!("\"{target}\" is in both same_as and distinct_from: it cannot be both"),
                ));
            } else if target == id {
                out.push((
                    false,
                    at,
                    format!("{field} names this item's own id \"{id}\"; it is ignored"),
                ));
            } else if own(target) {
                out.push((
                    false,
                    at,
                    format!(
                        "{field} names \"{target}\" of this same file; it is about items of other files, and is ignored here"
                    ),
                ));
            }
        }
    }
    out
}

/// Whether `dataset` uses anything format 2 added, for a file that says it is
/// format 1: the name of the first such field, with its JSON path.
pub fn first_format2_field(dataset: &Dataset) -> Option<String> {
    if dataset.coverage != crate::model::Coverage::Complete {
        return Some("coverage".to_string());
    }
    for (i, s) in dataset.sources.iter().enumerate() {
        if s.relays.is_some() {
            return Some(format!("sources[{i}].relays"));
        }
        if s.saved_copy.is_some() {
            return Some(format!("sources[{i}].saved_copy"));
        }
    }
    for (i, a) in dataset.agreements.iter().enumerate() {
        if a.kind != crate::model::AgreementKind::Agreement {
            return Some(format!("agreements[{i}].kind"));
        }
        if let Some(field) = hints_format2(&a.same_as, &a.distinct_from) {
            return Some(format!("agreements[{i}].{field}"));
        }
        for (j, t) in a.terms.iter().enumerate() {
            if t.notes.is_some() {
                return Some(format!("agreements[{i}].terms[{j}].notes"));
            }
            if let Some(field) = claims_format2(&t.claims) {
                return Some(format!("agreements[{i}].terms[{j}].{field}"));
            }
        }
    }
    for (i, e) in dataset.events.iter().enumerate() {
        if !e.dates.is_empty() {
            return Some(format!("events[{i}].dates"));
        }
        if !e.links.is_empty() {
            return Some(format!("events[{i}].links"));
        }
        if let Some(field) = hints_format2(&e.same_as, &e.distinct_from) {
            return Some(format!("events[{i}].{field}"));
        }
        for (j, f) in e.figures.iter().enumerate() {
            if let Some(field) = claims_format2(&f.claims) {
                return Some(format!("events[{i}].figures[{j}].{field}"));
            }
        }
        for (j, f) in e.facts.iter().enumerate() {
            for (k, c) in f.claims.iter().enumerate() {
                if c.notes.is_some() || c.stated_on.is_some() {
                    return Some(format!("events[{i}].facts[{j}].claims[{k}]"));
                }
            }
        }
    }
    for (i, t) in dataset.running_totals.iter().enumerate() {
        if t.baseline.is_some() {
            return Some(format!("running_totals[{i}].baseline"));
        }
        for (field, date) in [("from", t.scope.from), ("until", t.scope.until)] {
            if date.is_some_and(|d| !d.is_day()) {
                return Some(format!(
                    "running_totals[{i}].scope.{field} (a month or a year)"
                ));
            }
        }
        if t.notes.is_some() {
            return Some(format!("running_totals[{i}].notes"));
        }
        if let Some(field) = claims_format2(&t.claims) {
            return Some(format!("running_totals[{i}].{field}"));
        }
    }
    for (i, e) in dataset.estimates.iter().enumerate() {
        if e.as_of.is_some_and(|d| !d.is_day()) {
            return Some(format!("estimates[{i}].as_of (a month or a year)"));
        }
        if e.notes.is_some() {
            return Some(format!("estimates[{i}].notes"));
        }
        if let Some(field) = claims_format2(&e.claims) {
            return Some(format!("estimates[{i}].{field}"));
        }
    }
    None
}

fn claims_format2(claims: &[Claim]) -> Option<String> {
    claims.iter().enumerate().find_map(|(k, c)| {
        let field = if c.quote.as_ref().is_some_and(|q| q.pieces().is_some()) {
            "quote (a cut quote)"
        } else if !c.parts.is_empty() {
            "parts"
        } else if c.words.is_some() {
            "words"
        } else if c.stated_on.is_some() {
            "stated_on"
        } else if c.notes.is_some() {
            "notes"
        } else if !c.answers.is_empty() {
            "answers"
        } else {
            return None;
        };
        Some(format!("claims[{k}].{field}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Part, Quantity};

    fn claim(value: Quantity, parts: Vec<(Category, Quantity)>) -> Claim {
        Claim {
            parts: parts
                .into_iter()
                .map(|(category, value)| Part {
                    category,
                    label: None,
                    value,
                })
                .collect(),
            ..Claim::new("s", value)
        }
    }

    #[test]
    fn parts_that_add_up_are_fine_and_a_short_sum_is_a_warning() {
        let ok = claim(
            Quantity::Exact(400),
            vec![
                (Category::Soldiers, Quantity::Exact(280)),
                (Category::Civilians, Quantity::Exact(120)),
            ],
        );
        assert!(part_problems(&ok).is_empty());
        let short = claim(
            Quantity::Exact(195),
            vec![
                (Category::Soldiers, Quantity::Exact(90)),
                (Category::Civilians, Quantity::Exact(3)),
            ],
        );
        assert_eq!(
            part_problems(&short),
            vec![PartProblem::SumDiffers(
                "the parts add up to 93, but the whole is 195".into()
            )]
        );
        // "About 200" allows 180 to 220: 195 in parts is within it.
        let about = claim(
            Quantity::Approximately(200),
            vec![(Category::Soldiers, Quantity::Exact(195))],
        );
        assert!(part_problems(&about).is_empty());
    }

    #[test]
    fn a_part_larger_than_its_whole_is_named() {
        let c = claim(
            Quantity::Exact(90),
            vec![(Category::Soldiers, Quantity::MoreThan(100))],
        );
        let problems = part_problems(&c);
        assert!(matches!(
            problems.first(),
            Some(PartProblem::LargerThanWhole { index: 0, message })
                if message.contains("larger than the whole: more than 100 against 90")
        ));
    }

    #[test]
    fn an_undisclosed_part_leaves_the_sum_open() {
        let c = claim(
            Quantity::Exact(400),
            vec![
                (Category::Soldiers, Quantity::Exact(280)),
                (Category::Civilians, Quantity::NotDisclosed),
            ],
        );
        assert!(part_problems(&c).is_empty());
    }
}
