//! Non-numeric claims: who confirmed a handover, whether a transfer was an
//! "exchange" or "unilateral". Answers are compared by a key: place names
//! folded, case and punctuation dropped, and a list ("Kharkiv, Luhansk and
//! Kherson") taken as a set, so its order does not matter. Answers with the same
//! key agree; answers that agree only after folding are still agreeing, and the
//! spellings are reported beside them.

use serde::Serialize;

use crate::compare::backing::{Backing, Voice};
use crate::compare::context::{Comparer, SourceInfo};
use crate::compare::numeric::Consensus;
use crate::compare::places::{
    Hit, PlaceTable, Scratch, Spelling, SpellingTally, Variant, push_lower,
};
use crate::model::{ClaimStatus, Fact, FactClaim};

/// Above this many claims, distinct answers are counted by sorting.
const PAIRWISE_LIMIT: usize = 32;

/// Class of one fact, as computed for the dataset view (no strings kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FactOutcome {
    pub class: Consensus,
    /// Distinct sources giving an answer (denials left out).
    pub sources: usize,
    /// Distinct answers given (denials left out).
    pub answers: usize,
}

/// Buffers reused across facts, so the dataset view does not allocate per claim.
#[derive(Debug, Default)]
pub(crate) struct FactScratch {
    places: Scratch,
    hits: Vec<Hit>,
    words: String,
    items: Vec<(usize, usize)>,
    keys: Vec<String>,
}

impl FactScratch {
    /// The keys of the claims of the last fact given to [`outcome`].
    pub(crate) fn keys(&self, n: usize) -> &[String] {
        self.keys.get(..n).unwrap_or_default()
    }
}

/// The comparison key of an answer, written into `out` (see the module doc).
pub fn answer_key(table: &PlaceTable, answer: &str) -> String {
    let mut scratch = FactScratch::default();
    let mut out = String::new();
    write_key(table, answer, &mut scratch, &mut out);
    out
}

fn write_key(table: &PlaceTable, text: &str, s: &mut FactScratch, out: &mut String) {
    out.clear();
    s.hits.clear();
    s.words.clear();
    s.items.clear();
    let hits = &mut s.hits;
    table.hits(text, &mut s.places, |hit, _| hits.push(hit));
    let mut next_hit = s.hits.iter().peekable();
    let mut item_start = 0;
    let mut prev_end = 0;
    let mut skip_until = 0;
    for &(start, end) in &s.places.words {
        if start < skip_until {
            continue;
        }
        let gap = text.get(prev_end..start).unwrap_or_default();
        prev_end = end;
        let word = text.get(start..end).unwrap_or_default();
        let breaks = gap.contains([',', ';', '/', '&', '\n']) || word.eq_ignore_ascii_case("and");
        if breaks && s.words.len() > item_start {
            s.items.push((item_start, s.words.len()));
            item_start = s.words.len();
        }
        if word.eq_ignore_ascii_case("and") {
            continue;
        }
        if s.words.len() > item_start {
            s.words.push(' ');
        }
        while next_hit.peek().is_some_and(|h| h.start < start) {
            next_hit.next();
        }
        match next_hit.peek() {
            Some(h) if h.start == start => {
                push_lower(&mut s.words, table.name(h.place).unwrap_or(word));
                skip_until = h.end;
                prev_end = h.end;
                next_hit.next();
            }
            _ => push_lower(&mut s.words, word),
        }
    }
    if s.words.len() > item_start {
        s.items.push((item_start, s.words.len()));
    }
    let words = &s.words;
    s.items.sort_unstable_by(|a, b| {
        words
            .get(a.0..a.1)
            .unwrap_or_default()
            .cmp(words.get(b.0..b.1).unwrap_or_default())
    });
    for (k, &(a, b)) in s.items.iter().enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        out.push_str(words.get(a..b).unwrap_or_default());
    }
}

/// Fills `s.keys` with one key per claim (reusing the strings' capacity).
fn fill_keys(table: &PlaceTable, claims: &[FactClaim], s: &mut FactScratch) {
    let mut keys = std::mem::take(&mut s.keys);
    if keys.len() < claims.len() {
        keys.resize_with(claims.len(), String::new);
    }
    for (c, key) in claims.iter().zip(keys.iter_mut()) {
        write_key(table, &c.answer, s, key);
    }
    s.keys = keys;
}

/// Number of distinct `key`s among the items `0..n` that pass `keep`.
fn count_distinct<'a>(
    n: usize,
    keep: impl Fn(usize) -> bool,
    key: impl Fn(usize) -> &'a str,
) -> usize {
    if n <= PAIRWISE_LIMIT {
        (0..n)
            .filter(|&i| keep(i) && !(0..i).any(|j| keep(j) && key(j) == key(i)))
            .count()
    } else {
        let mut all: Vec<&str> = (0..n).filter(|&i| keep(i)).map(key).collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }
}

/// Class of a fact whose claim keys are in `keys` (same order as `claims`).
fn classify(claims: &[FactClaim], keys: &[String]) -> FactOutcome {
    let live = |i: usize| {
        claims
            .get(i)
            .is_some_and(|c| c.status != ClaimStatus::Denied)
            && keys.get(i).is_some_and(|k| !k.is_empty())
    };
    let key = |i: usize| keys.get(i).map_or("", String::as_str);
    let source = |i: usize| claims.get(i).map_or("", |c| c.source.as_str());
    let answers = count_distinct(claims.len(), live, key);
    let sources = count_distinct(claims.len(), live, source);
    let denial_hit = claims.iter().zip(keys).any(|(d, dk)| {
        d.status == ClaimStatus::Denied
            && !dk.is_empty()
            && (0..claims.len()).any(|i| live(i) && key(i) == dk)
    });
    let class = if answers == 0 {
        Consensus::NotDisclosed
    } else if answers > 1 || denial_hit {
        Consensus::Conflicting
    } else if sources < 2 {
        Consensus::SingleSource
    } else {
        Consensus::Agree
    };
    FactOutcome {
        class,
        sources,
        answers,
    }
}

/// Class of a fact, reusing buffers across calls (the dataset view's path).
pub(crate) fn outcome(table: &PlaceTable, fact: &Fact, s: &mut FactScratch) -> FactOutcome {
    fill_keys(table, &fact.claims, s);
    classify(
        &fact.claims,
        s.keys.get(..fact.claims.len()).unwrap_or_default(),
    )
}

/// Everything the side panel shows for one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactComparison {
    /// Position of the fact in its event's (or agreement's) `facts`.
    pub index: usize,
    pub id: String,
    pub question: String,
    pub class: Consensus,
    /// Distinct answers given, most-backed first.
    pub answers: Vec<Answer>,
    /// Every claim, in file order.
    pub claims: Vec<FactClaimView>,
    /// Places the answers spell in two or more ways (never a disagreement).
    pub spellings: Vec<Spelling>,
}

impl FactComparison {
    /// True when some place in the answers is spelled differently by different claims.
    pub fn spelled_differently(&self) -> bool {
        !self.spellings.is_empty()
    }
}

/// One distinct answer and who gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The answer with place names folded, as the first claim giving it words it.
    pub text: String,
    /// The comparison key (see [`answer_key`]).
    pub key: String,
    /// Indices into [`FactComparison::claims`] of the live claims giving it.
    pub claims: Vec<usize>,
    /// Indices of the denied claims that deny it.
    pub denied_by: Vec<usize>,
    /// Distinct sources giving it.
    pub sources: usize,
    /// Who stands behind it: "confirmed only by one party" is `backing.only_party()`.
    pub backing: Backing,
}

/// One source's answer, with what the panel shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactClaimView {
    /// Position of the claim in the fact's `claims`.
    pub index: usize,
    pub source: SourceInfo,
    /// The answer as the source's claim words it.
    pub answer: String,
    /// The answer with place names folded.
    pub folded: String,
    /// Place names the answer spells otherwise than the canonical form.
    pub variants: Vec<Variant>,
    /// Index into [`FactComparison::answers`]; `None` for a denial or an empty answer.
    pub answer_index: Option<usize>,
    pub status: ClaimStatus,
    pub voice: Voice,
    pub attributed_to: Option<String>,
    pub quote: Option<String>,
}

/// Compares the claims of one fact for the side panel.
pub fn compare_fact(comparer: &Comparer, index: usize, fact: &Fact) -> FactComparison {
    let table = &comparer.places;
    let mut scratch = FactScratch::default();
    fill_keys(table, &fact.claims, &mut scratch);
    let keys = scratch.keys.get(..fact.claims.len()).unwrap_or_default();
    let outcome = classify(&fact.claims, keys);

    let mut answers: Vec<Answer> = Vec::new();
    let mut claims: Vec<FactClaimView> = Vec::with_capacity(fact.claims.len());
    let mut tally = SpellingTally::default();
    for (i, (c, key)) in fact.claims.iter().zip(keys).enumerate() {
        let folded = table.fold(&c.answer);
        let voice = comparer.voice(&c.source, c.attributed_to.as_deref());
        tally.record(table, &c.answer, &c.source);
        let live = c.status != ClaimStatus::Denied && !key.is_empty();
        let answer_index = if live {
            let at = match answers.iter().position(|a| &a.key == key) {
                Some(at) => at,
                None => {
                    answers.push(Answer {
                        text: folded.text.trim().to_string(),
                        key: key.clone(),
                        claims: Vec::new(),
                        denied_by: Vec::new(),
                        sources: 0,
                        backing: Backing::default(),
                    });
                    answers.len() - 1
                }
            };
            if let Some(a) = answers.get_mut(at) {
                a.claims.push(i);
                a.backing.add(voice, c.status);
            }
            Some(at)
        } else {
            None
        };
        claims.push(FactClaimView {
            index: i,
            source: comparer.source(&c.source),
            answer: c.answer.to_string(),
            folded: folded.text,
            variants: folded.variants,
            answer_index,
            status: c.status,
            voice,
            attributed_to: c.attributed_to.as_deref().map(str::to_string),
            quote: c.quote.as_deref().map(str::to_string),
        });
    }
    for (i, (c, key)) in fact.claims.iter().zip(keys).enumerate() {
        if c.status == ClaimStatus::Denied
            && let Some(a) = answers.iter_mut().find(|a| &a.key == key)
        {
            a.denied_by.push(i);
        }
    }
    for a in &mut answers {
        let mut ids: Vec<&str> = a
            .claims
            .iter()
            .filter_map(|&i| fact.claims.get(i).map(|c| c.source.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        a.sources = ids.len();
    }
    // Most-backed answer first; keep file order among equals, then renumber.
    let mut order: Vec<usize> = (0..answers.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(answers.get(i).map_or(0, |a| a.sources)));
    let mut sorted = Vec::with_capacity(answers.len());
    let mut renumber = vec![0; answers.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = renumber.get_mut(old) {
            *r = new;
        }
        if let Some(a) = answers.get(old) {
            sorted.push(a.clone());
        }
    }
    for c in &mut claims {
        c.answer_index = c.answer_index.and_then(|i| renumber.get(i).copied());
    }
    FactComparison {
        index,
        id: fact.id.to_string(),
        question: fact.question.to_string(),
        class: outcome.class,
        answers: sorted,
        claims,
        spellings: tally.finish(table),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    fn claim(source: &str, answer: &str) -> FactClaim {
        FactClaim {
            source: source.into(),
            answer: answer.into(),
            status: ClaimStatus::Claimed,
            attributed_to: None,
            quote: None,
            stated_on: None,
            notes: None,
        }
    }

    fn fact(claims: Vec<FactClaim>) -> Fact {
        Fact {
            id: "f".into(),
            question: "q?".into(),
            claims: claims.into(),
        }
    }

    #[test]
    fn keys_fold_places_case_punctuation_and_list_order() {
        let t = PlaceTable::built_in();
        assert_eq!(
            answer_key(&t, "Kharkiv, Lugansk, Donetsk and  ZAPOROZHYE."),
            answer_key(&t, "Luhansk; Zaporizhzhia, donetsk, Kharkiv")
        );
        assert_eq!(answer_key(&t, "Yes."), "yes");
        assert_ne!(answer_key(&t, "yes"), answer_key(&t, "no"));
        assert_eq!(answer_key(&t, " , ;"), "");
    }

    #[test]
    fn spelling_variants_agree_and_are_reported() {
        let d = Dataset::empty("t");
        let cmp = Comparer::new(&d);
        let f = fact(vec![
            claim("a", "Kharkiv, Lugansk, Kherson"),
            claim("b", "Kharkiv, Luhansk, Kherson"),
        ]);
        let c = compare_fact(&cmp, 0, &f);
        assert_eq!(c.class, Consensus::Agree);
        assert_eq!(c.answers.len(), 1);
        assert!(c.spelled_differently());
        let forms: Vec<&str> = c.spellings[0]
            .forms
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(forms, ["Lugansk", "Luhansk"]);
        assert_eq!(c.claims[0].variants[0].seen, "Lugansk");
    }

    #[test]
    fn different_answers_conflict_and_one_source_is_single() {
        let d = Dataset::empty("t");
        let cmp = Comparer::new(&d);
        let f = fact(vec![
            claim("a", "unilateral handover"),
            claim("b", "mutual exchange"),
            claim("c", "mutual exchange"),
        ]);
        let c = compare_fact(&cmp, 0, &f);
        assert_eq!(c.class, Consensus::Conflicting);
        assert_eq!(c.answers[0].text, "mutual exchange");
        assert_eq!(c.answers[0].sources, 2);
        assert_eq!(c.claims[0].answer_index, Some(1));
        let one = fact(vec![claim("a", "yes"), claim("a", "Yes")]);
        assert_eq!(compare_fact(&cmp, 0, &one).class, Consensus::SingleSource);
        assert_eq!(
            compare_fact(&cmp, 0, &fact(vec![])).class,
            Consensus::NotDisclosed
        );
    }

    #[test]
    fn a_denial_of_the_answer_given_conflicts() {
        let d = Dataset::empty("t");
        let cmp = Comparer::new(&d);
        let mut denied = claim("b", "yes");
        denied.status = ClaimStatus::Denied;
        let f = fact(vec![claim("a", "yes"), denied]);
        let c = compare_fact(&cmp, 0, &f);
        assert_eq!(c.class, Consensus::Conflicting);
        assert_eq!(c.answers[0].denied_by, [1]);
        assert_eq!(c.claims[1].answer_index, None);
    }

    #[test]
    fn bulk_and_detail_paths_agree() {
        let t = PlaceTable::built_in();
        let mut s = FactScratch::default();
        let facts = [
            fact(vec![claim("a", "Kiev"), claim("b", "Kyiv")]),
            fact(vec![claim("a", "yes"), claim("b", "no")]),
            fact(vec![claim("a", "yes")]),
        ];
        let cmp = Comparer::default();
        for f in &facts {
            assert_eq!(outcome(&t, f, &mut s).class, compare_fact(&cmp, 0, f).class);
        }
    }
}
