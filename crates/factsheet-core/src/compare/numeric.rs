//! Numeric claims: what each stated quantity allows, and what the claims on one
//! figure add up to (low / best / high, number of sources, agreement class).
//!
//! The rules are written out in `docs/COMPARISON.md`; this module is their one
//! implementation. Everything here works on borrowed claims and allocates
//! nothing for the usual handful of claims per figure, because the dataset view
//! runs it for every figure of every event.

use serde::Serialize;

use crate::model::{Claim, ClaimStatus, Quantity};

/// How far an approximate figure ("an estimated 6,000") may be from the true
/// value, in percent of the stated number: "about N" allows N ± N/10 (at least ±1).
pub const APPROX_TOLERANCE_PERCENT: u64 = 10;

/// Above this many claims on one figure, distinct sources are counted by sorting
/// instead of pairwise comparison (which is faster for the usual two or three).
const PAIRWISE_LIMIT: usize = 32;

/// The inclusive set of values a claim allows: `low..=high`, or `low..` when `high` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub low: u64,
    /// `None`: open-ended ("more than 500").
    pub high: Option<u64>,
}

impl Span {
    pub fn exact(n: u64) -> Self {
        Span {
            low: n,
            high: Some(n),
        }
    }

    pub fn contains(self, n: u64) -> bool {
        n >= self.low && self.high.is_none_or(|h| n <= h)
    }

    /// The values both spans allow, if any.
    pub fn intersect(self, other: Span) -> Option<Span> {
        let low = self.low.max(other.low);
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match high {
            Some(h) if h < low => None,
            _ => Some(Span { low, high }),
        }
    }

    /// True when every value `self` allows, `outer` allows too.
    pub fn within(self, outer: Span) -> bool {
        self.low >= outer.low
            && match (self.high, outer.high) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(a), Some(b)) => a <= b,
            }
    }
}

/// The shape of a claim's number, once normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// "1,212".
    Exact,
    /// "an estimated 6,000": exact in wording, soft in meaning (see [`APPROX_TOLERANCE_PERCENT`]).
    Approximate,
    /// "at least 500", "more than 500".
    LowerBound,
    /// "at most 500", "fewer than 500".
    UpperBound,
    /// "between 10 and 1,200".
    Range,
    /// The source reports the transfer but gives no number.
    NotDisclosed,
}

impl Form {
    pub fn of(q: Quantity) -> Form {
        match q {
            Quantity::Exact(_) => Form::Exact,
            Quantity::Approximately(_) => Form::Approximate,
            Quantity::AtLeast(_) | Quantity::MoreThan(_) => Form::LowerBound,
            Quantity::AtMost(_) | Quantity::FewerThan(_) => Form::UpperBound,
            Quantity::Range { .. } => Form::Range,
            Quantity::NotDisclosed => Form::NotDisclosed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Form::Exact => "exact",
            Form::Approximate => "approximate",
            Form::LowerBound => "lower bound",
            Form::UpperBound => "upper bound",
            Form::Range => "range",
            Form::NotDisclosed => "not disclosed",
        }
    }
}

/// The values a quantity states, taking "about N" at its word (N itself).
/// This is what low and high are made of.
pub fn stated(q: Quantity) -> Option<Span> {
    Some(match q {
        Quantity::Exact(n) | Quantity::Approximately(n) => Span::exact(n),
        Quantity::AtLeast(n) => Span { low: n, high: None },
        Quantity::MoreThan(n) => Span {
            low: n.saturating_add(1),
            high: None,
        },
        Quantity::AtMost(n) => Span {
            low: 0,
            high: Some(n),
        },
        Quantity::FewerThan(n) => Span {
            low: 0,
            high: Some(n.saturating_sub(1)),
        },
        Quantity::Range { low, high } => Span {
            low: low.min(high),
            high: Some(low.max(high)),
        },
        Quantity::NotDisclosed => return None,
    })
}

/// The values a quantity can be true of: [`stated`], widened by the tolerance
/// for "about N". This is what agreement classes are decided on.
pub fn allowed(q: Quantity) -> Option<Span> {
    match q {
        Quantity::Approximately(n) => {
            // n * P / 100 without overflow, and never less than ±1.
            let slack = ((n / 100) * APPROX_TOLERANCE_PERCENT
                + (n % 100) * APPROX_TOLERANCE_PERCENT / 100)
                .max(1);
            Some(Span {
                low: n.saturating_sub(slack),
                high: Some(n.saturating_add(slack)),
            })
        }
        other => stated(other),
    }
}

/// The closed interval of values a quantity states; `None` as high means unbounded.
/// (Kept for callers of the first cut; prefer [`stated`] or [`allowed`].)
pub fn interval(q: Quantity) -> Option<(u64, Option<u64>)> {
    stated(q).map(|s| (s.low, s.high))
}

/// What the sources together say a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Estimate {
    /// Lowest value any (not denied) claim states (UCDP's "low").
    pub low: Option<u64>,
    /// The value we report: always a value some claim gives ("1,212", "about 6,000");
    /// `None` when the claims only bound the figure ("more than 8,000") or give no
    /// number. See `docs/COMPARISON.md` and [`analyse`] for how it is chosen.
    pub best: Option<u64>,
    /// Highest value any claim states; `None` when a claim is open-ended ("more than 500")
    /// or no claim gives a number.
    pub high: Option<u64>,
    /// Number of distinct sources giving a number (denied claims left out).
    pub sources: usize,
    /// When there is no best but the claims agree on bounds: what they say
    /// together, in a claim's own words when one claim says it all ("more than
    /// 8,000"), else as the tightest bounds ("at least 600", "10–20").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Quantity>,
    /// When as many sources, as many of them confirming, give another value
    /// as give `best`: nothing decides between them, so the figure reads as
    /// both ("160 or 195"); `best` is the lowest of them, the one totals add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie: Option<Tie>,
    /// The best value comes from claims that only say "about" it (no source
    /// gives an exact number): it reads "about 9,000", never a bare 9,000.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// Values of a figure that nothing decides between: as many sources, and as
/// many confirmed claims, give each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Tie {
    /// How many values tie (two or more); the lowest is the estimate's best.
    pub values: usize,
    /// The highest of them.
    pub highest: u64,
}

impl Tie {
    /// The tied values as they read, from the lowest: "160 or 195", "160 to
    /// 195 (3 values tied)".
    pub fn text(&self, lowest: u64) -> String {
        use crate::model::thousands;
        if self.values <= 2 {
            format!("{} or {}", thousands(lowest), thousands(self.highest))
        } else {
            format!(
                "{} to {} ({} values tied)",
                thousands(lowest),
                thousands(self.highest),
                self.values
            )
        }
    }
}

impl Estimate {
    /// How the figure reads: the best value ("1,212"), else the claims' bound
    /// ("more than 8,000"), else the span of the (conflicting) claims ("500–1,000",
    /// "500 or more"), else "not disclosed". Never a number no source gave.
    pub fn text(&self) -> String {
        estimate_text(
            self.low,
            self.best,
            self.high,
            self.bound,
            self.tie,
            self.approximate,
        )
    }
}

/// [`Estimate::text`] from its parts (the summary keeps them as separate fields).
pub fn estimate_text(
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    bound: Option<Quantity>,
    tie: Option<Tie>,
    approximate: bool,
) -> String {
    use crate::model::thousands;
    let about = if approximate { "about " } else { "" };
    match (best, bound, low) {
        (Some(b), _, _) => match tie {
            Some(t) => format!("{about}{}", t.text(b)),
            None => format!("{about}{}", thousands(b)),
        },
        (None, Some(q), _) => q.to_string(),
        (None, None, Some(l)) => match high {
            Some(h) if h == l => thousands(l),
            Some(h) => format!("{}–{}", thousands(l), thousands(h)),
            None => format!("{} or more", thousands(l)),
        },
        (None, None, None) => "not disclosed".to_string(),
    }
}

/// How the claims of different sources on one figure (or fact) relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consensus {
    /// Two or more sources state the same thing in the same form ("1,212" and "1,212").
    Agree,
    /// Two or more sources state it differently but all can be true at once
    /// ("more than 500" and 503; "about 6,000" and 6,000).
    Compatible,
    /// No single value (or answer) satisfies every claim, or a claim is denied by another.
    Conflicting,
    /// Only one source gives a number (or an answer).
    SingleSource,
    /// No claim gives a number (or an answer).
    NotDisclosed,
}

impl Consensus {
    pub const ALL: [Consensus; 5] = [
        Consensus::Agree,
        Consensus::Compatible,
        Consensus::Conflicting,
        Consensus::SingleSource,
        Consensus::NotDisclosed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Consensus::Agree => "agree",
            Consensus::Compatible => "compatible",
            Consensus::Conflicting => "conflicting",
            Consensus::SingleSource => "single source",
            Consensus::NotDisclosed => "not disclosed",
        }
    }

    /// True for the class the "only disagreements" toggle keeps.
    pub fn is_conflict(self) -> bool {
        self == Consensus::Conflicting
    }
}

/// Estimate and class of one figure: the result of [`analyse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub estimate: Estimate,
    pub class: Consensus,
    /// The values every (not denied) claim allows at once, widened for "about";
    /// `None` when they conflict or none gives a number.
    pub common: Option<Span>,
}

/// Low / best / high and source count for a figure's claims. Denied claims are left out.
pub fn estimate(claims: &[Claim]) -> Estimate {
    analyse(claims).estimate
}

/// True when a fact sheet lists a figure among the disagreements: no number
/// fits every claim (`class`, from [`analyse`]), or a party denies what
/// another source of the figure states (any other, unless the denial names
/// the sources it `answers`).
pub fn is_disputed(class: Consensus, claims: &[Claim]) -> bool {
    class == Consensus::Conflicting
        || claims.iter().enumerate().any(|(i, d)| {
            d.status == ClaimStatus::Denied
                && claims
                    .iter()
                    .enumerate()
                    .any(|(j, c)| j != i && (d.answers.is_empty() || d.answers.contains(&c.source)))
        })
}

/// Classes the claims of one figure.
pub fn consensus(claims: &[Claim]) -> Consensus {
    analyse(claims).class
}

/// Whether [`analyse`] would class the claims [`Consensus::Conflicting`],
/// without working out their estimate: for the passes that only look for
/// disagreements (a load's warnings), which then spare most of the work.
pub fn conflicts(claims: &[Claim]) -> bool {
    let mut common: Option<Span> = None;
    let mut disclosing = false;
    for allows in live(claims).filter_map(|c| stated(c.value).and(allowed(c.value))) {
        disclosing = true;
        common = match common {
            None => Some(allows),
            Some(prev) => match prev.intersect(allows) {
                Some(next) => Some(next),
                None => return true,
            },
        };
    }
    disclosing && denial_hit(claims)
}

/// Estimate and class in one pass over the claims (the rules: `docs/COMPARISON.md`).
///
/// - Denied claims give no value; a denied claim conflicts with any live claim
///   whose allowed values all lie within what it denies (a denied "not disclosed"
///   denies the transfer, so it conflicts with every live number).
/// - Conflicting: the live claims allow no common value, or a denial is hit. This
///   holds even with one source: an article quoting two parties who disagree
///   reports a conflict.
/// - Otherwise single source (one source gives a number), agree (every number is
///   stated in the same form and value) or compatible.
/// - Best: the exact value stated by most sources (ties: more confirmed claims,
///   then the lower value); without an exact value, the approximate one chosen
///   the same way; without either, none: bounds alone ("more than 8,000") give
///   no value, and 8,001 is not a number any source said. Their agreed bound
///   is kept in [`Estimate::bound`] instead.
pub fn analyse(claims: &[Claim]) -> Outcome {
    let mut common: Option<Span> = None;
    let mut consistent = true;
    let mut low: Option<u64> = None;
    let mut high: Option<u64> = None;
    let mut open = false;
    let mut first: Option<Quantity> = None;
    let mut all_same = true;
    let mut disclosing = 0usize;

    for c in live(claims) {
        let (Some(s), Some(a)) = (stated(c.value), allowed(c.value)) else {
            continue;
        };
        disclosing += 1;
        low = Some(low.map_or(s.low, |l| l.min(s.low)));
        match s.high {
            Some(h) => high = Some(high.map_or(h, |x| x.max(h))),
            None => open = true,
        }
        match first {
            None => first = Some(c.value),
            Some(f) => all_same &= f == c.value,
        }
        common = match common {
            None if consistent => Some(a),
            None => None,
            Some(prev) => {
                let next = prev.intersect(a);
                consistent &= next.is_some();
                next
            }
        };
    }

    if disclosing == 0 {
        return Outcome {
            estimate: Estimate::default(),
            class: Consensus::NotDisclosed,
            common: None,
        };
    }
    if !consistent || denial_hit(claims) {
        consistent = false;
        common = None;
    }
    let sources = distinct_sources(claims, |c| {
        c.status != ClaimStatus::Denied && c.value != Quantity::NotDisclosed
    });
    let class = if !consistent {
        Consensus::Conflicting
    } else if sources < 2 {
        Consensus::SingleSource
    } else if all_same {
        Consensus::Agree
    } else {
        Consensus::Compatible
    };
    let exact = most_stated(claims, Form::Exact);
    let approximate = exact.is_none();
    let (best, tie) = exact
        .or_else(|| most_stated(claims, Form::Approximate))
        .unzip();
    let approximate = approximate && best.is_some();
    let tie = tie.flatten();
    // Without a value, every live claim is a bound or range, so stated and
    // allowed values are the same and `common` is what they say together.
    let bound = match (best, common) {
        (None, Some(span)) => Some(bound_words(claims, span)),
        _ => None,
    };
    Outcome {
        estimate: Estimate {
            low,
            best,
            high: if open { None } else { high },
            sources,
            bound,
            tie,
            approximate,
        },
        class,
        common,
    }
}

/// `span` in a claim's own words when one live claim states exactly it (so
/// "more than 8,000" stays that, not "at least 8,001"), else as plain bounds.
/// Of two wordings of one span ("more than 500", "at least 501") the one
/// quoted first in the file's order of forms wins, whatever the claims' order.
fn bound_words(claims: &[Claim], span: Span) -> Quantity {
    let rank = |q: Quantity| match q {
        Quantity::MoreThan(_) => 0,
        Quantity::AtLeast(_) => 1,
        Quantity::FewerThan(_) => 2,
        Quantity::AtMost(_) => 3,
        _ => 4,
    };
    // Two wordings of one form (a range given high end first, and low end
    // first) are told apart by their numbers, so the claims' order never decides.
    let numbers = |q: Quantity| match q {
        Quantity::Range { low, high } => (low, high),
        Quantity::Exact(n)
        | Quantity::Approximately(n)
        | Quantity::AtLeast(n)
        | Quantity::MoreThan(n)
        | Quantity::AtMost(n)
        | Quantity::FewerThan(n) => (n, n),
        Quantity::NotDisclosed => (0, 0),
    };
    if let Some(c) = live(claims)
        .filter(|c| stated(c.value) == Some(span))
        .min_by_key(|c| (rank(c.value), numbers(c.value)))
    {
        return c.value;
    }
    match span.high {
        None => Quantity::AtLeast(span.low),
        Some(h) if span.low == 0 => Quantity::AtMost(h),
        Some(h) => Quantity::Range {
            low: span.low,
            high: h,
        },
    }
}

/// How one source's claims on a figure stand against another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Agree,
    Compatible,
    Conflict,
}

/// How two claims relate, or `None` when either gives no number.
/// A denial conflicts with a claim inside what it denies and is otherwise unrelated.
pub fn relation(a: &Claim, b: &Claim) -> Option<Relation> {
    match (
        a.status == ClaimStatus::Denied,
        b.status == ClaimStatus::Denied,
    ) {
        (true, true) => return None,
        (true, false) => return denies(a, b).then_some(Relation::Conflict),
        (false, true) => return denies(b, a).then_some(Relation::Conflict),
        (false, false) => {}
    }
    let (x, y) = (allowed(a.value)?, allowed(b.value)?);
    Some(if x.intersect(y).is_none() {
        Relation::Conflict
    } else if a.value == b.value {
        Relation::Agree
    } else {
        Relation::Compatible
    })
}

/// True when the denied claim `denial` answers `claim` (it names no source,
/// or names `claim`'s) and rules out every value `claim` allows.
fn denies(denial: &Claim, claim: &Claim) -> bool {
    if !denial.answers.is_empty() && !denial.answers.contains(&claim.source) {
        return false;
    }
    let Some(allows) = allowed(claim.value) else {
        return false;
    };
    match stated(denial.value) {
        None => true,
        Some(denied) => allows.within(denied),
    }
}

fn denial_hit(claims: &[Claim]) -> bool {
    claims
        .iter()
        .filter(|d| d.status == ClaimStatus::Denied)
        .any(|d| live(claims).any(|c| denies(d, c)))
}

fn live(claims: &[Claim]) -> impl Iterator<Item = &Claim> {
    claims.iter().filter(|c| c.status != ClaimStatus::Denied)
}

/// Number of distinct `source` ids among the claims that pass `keep`.
pub(crate) fn distinct_sources<T: HasSource>(claims: &[T], keep: impl Fn(&T) -> bool) -> usize {
    if claims.len() <= PAIRWISE_LIMIT {
        claims
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                keep(c)
                    && !claims[..*i]
                        .iter()
                        .any(|p| keep(p) && p.source_id() == c.source_id())
            })
            .count()
    } else {
        let mut ids: Vec<&str> = claims
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.source_id())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Anything citing a source by id: numeric and non-numeric claims alike.
pub(crate) trait HasSource {
    fn source_id(&self) -> &str;
}

impl HasSource for Claim {
    fn source_id(&self) -> &str {
        &self.source
    }
}

impl HasSource for crate::model::FactClaim {
    fn source_id(&self) -> &str {
        &self.source
    }
}

/// The value of the given form stated by most distinct sources; ties go to the
/// value with more confirmed claims. Values still tied are all returned, as
/// the lowest (what totals add) and a [`Tie`]: no rule prefers one.
fn most_stated(claims: &[Claim], form: Form) -> Option<(u64, Option<Tie>)> {
    let number = |c: &Claim| match c.value {
        Quantity::Exact(n) | Quantity::Approximately(n)
            if c.status != ClaimStatus::Denied && Form::of(c.value) == form =>
        {
            Some(n)
        }
        _ => None,
    };
    // (sources, confirmed) of the best values so far, their lowest and
    // highest value and how many there are.
    let mut best: Option<((usize, usize), u64, u64, usize)> = None;
    let mut consider = |n: u64, sources: usize, confirmed: usize| {
        let key = (sources, confirmed);
        best = match best {
            Some((k, low, high, count)) if k == key => {
                Some((k, low.min(n), high.max(n), count + 1))
            }
            Some(b) if b.0 > key => Some(b),
            _ => Some((key, n, n, 1)),
        };
    };
    if claims.len() <= PAIRWISE_LIMIT {
        // The usual handful of claims: count in place, without allocating.
        for (i, c) in claims.iter().enumerate() {
            let Some(n) = number(c) else { continue };
            let earlier = claims.get(..i).unwrap_or_default();
            if earlier.iter().any(|p| number(p) == Some(n)) {
                continue; // tallied at its first claim
            }
            let rest = claims.get(i..).unwrap_or_default();
            let mut sources = 0;
            let mut confirmed = 0;
            for (j, p) in rest.iter().enumerate() {
                if number(p) != Some(n) {
                    continue;
                }
                confirmed += usize::from(p.status == ClaimStatus::Confirmed);
                let before = rest.get(..j).unwrap_or_default();
                if !before
                    .iter()
                    .any(|q| number(q) == Some(n) && q.source == p.source)
                {
                    sources += 1;
                }
            }
            consider(n, sources, confirmed);
        }
    } else {
        let mut tally: Vec<(u64, &str, bool)> = claims
            .iter()
            .filter_map(|c| {
                number(c).map(|n| (n, c.source.as_str(), c.status == ClaimStatus::Confirmed))
            })
            .collect();
        tally.sort_unstable();
        for group in tally.chunk_by(|a, b| a.0 == b.0) {
            if let Some(&(n, _, _)) = group.first() {
                let sources = group.chunk_by(|a, b| a.1 == b.1).count();
                let confirmed = group.iter().filter(|e| e.2).count();
                consider(n, sources, confirmed);
            }
        }
    }
    best.map(|(_, low, highest, values)| {
        let tie = (values > 1).then_some(Tie { values, highest });
        (low, tie)
    })
}

#[cfg(test)]
#[path = "numeric_tests.rs"]
mod tests;
