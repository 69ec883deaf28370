//! Generated datasets: valid, realistic fact sheets of any size, for trying the
//! app at scale and for the benchmarks.
//!
//! The output is deterministic for a seed (same seed, same bytes) and streamed:
//! sources, agreements and events are each built, serialised and dropped one at a
//! time, so a million events take no more memory than a handful. That is also
//! why nothing here builds a [`Dataset`](factsheet_core::model::Dataset): the file is
//! written field by field in the model's own order, each item through serde.
//!
//! What makes the data realistic: events spread over several years in date
//! order, each with 1–6 figures and 1–5 claims per figure from distinct sources
//! published around the event's date; some figures on which sources disagree
//! (a different exact value, a bound, a range, "not disclosed"); some coarse
//! dates and spans; place names in several spellings; English, Ukrainian and
//! Russian outlets, names and quotes; agreements with terms; facts on which
//! sources give opposite answers; running totals and standing estimates checked
//! against the events. Every source is cited and every reference resolves, so a
//! generated file loads without errors.

use factsheet_core::list;
use factsheet_core::model::List;
use std::io::{self, Write};

use jiff::ToSpan;
use jiff::civil::{Date, date};
use serde::Serialize;

/// `format!` into a model [`Quote`](factsheet_core::model::Quote).
macro_rules! quote {
    ($($arg:tt)*) => {
        factsheet_core::model::Quote::from(smol_str::format_smolstr!($($arg)*))
    };
}

/// `format!` into a model [`Text`] (short ids stay inline, with no allocation).
macro_rules! text {
    ($($arg:tt)*) => {
        Text::from(smol_str::format_smolstr!($($arg)*))
    };
}

use factsheet_core::model::{
    Affiliation, Agreement, Category, Claim, ClaimStatus, ContextEstimate, DatePrecision, Event,
    EventDate, EventKind, FORMAT_VERSION, Fact, FactClaim, Figure, Place, PlaceName,
    PlacePrecision, Quantity, Quote, RunningTotal, Side, Source, Term, Text, TotalCounts,
    TotalScope,
};

mod events;
mod words;

use words::*;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Number of events.
    pub events: u64,
    /// Seed of the random choices: the same seed gives the same bytes.
    pub seed: u64,
}

/// First and last possible event day: several years, all in the past.
const FIRST_DAY: Date = date(2022, 3, 1);
const LAST_DAY: Date = date(2025, 11, 20);

/// The most events a generated file may have: about 60 GB of JSON, beyond
/// anything the app is meant to open. The generator keeps a few bytes per
/// source in memory, so an unchecked count would ask for terabytes.
pub const MAX_EVENTS: u64 = 100_000_000;

/// Writes a generated dataset to `out` as JSON, one item per line.
///
/// `out` should be buffered: it receives many small writes. More than
/// [`MAX_EVENTS`] events is an `InvalidInput` error, before anything is written.
pub fn write_dataset<W: Write>(out: W, options: Options) -> io::Result<()> {
    if options.events > MAX_EVENTS {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} events asked for; at most {} can be generated",
                options.events, MAX_EVENTS
            ),
        ));
    }
    let mut g = Generator::new(options);
    let mut w = out;
    g.write(&mut w)?;
    w.flush()
}

/// Writes a generated dataset to the file at `path`, atomically (as the
/// `generate` command does; tests and benchmarks make their files with it).
pub fn write_file(
    path: &std::path::Path,
    options: Options,
) -> Result<(), factsheet_core::export::WriteError> {
    factsheet_core::export::write_atomic_with(path, |file| {
        write_dataset(io::BufWriter::with_capacity(1 << 20, file), options)
    })
}

/// How the sources on one figure relate, chosen per figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mood {
    /// Every source gives the true value.
    Agreeing,
    /// Sources state it in different ways, some of them wrong.
    Disagreeing,
}

/// At most this many events carry out one agreement.
const MAX_ROUNDS: u64 = 8;

/// How one agreement is being carried out, as the events are generated.
#[derive(Debug, Clone, Copy, Default)]
struct CarriedOut {
    /// The remains it commits to return to Ukraine.
    committed: u64,
    /// Remains returned to Ukraine so far (by the true values).
    returned: u64,
    /// Events that carried it out so far.
    rounds: u64,
}

/// Generator state: the random stream and the few per-source and per-agreement
/// facts that later items need (never per event).
struct Generator {
    rng: fastrand::Rng,
    events: u64,
    /// Number of sources; source `j` is published around event `j * events / sources`.
    sources: u64,
    agreements: u64,
    /// Outlet index of every source, so claims can follow the source's language and side.
    outlet_of: Vec<u8>,
    /// How each agreement is being carried out.
    carried_out: Vec<CarriedOut>,
    /// Total days between the first and last possible event day.
    span_days: i64,
}

impl Generator {
    fn new(options: Options) -> Self {
        let n = options.events;
        // About two sources per three events, but at most one per event, so that
        // every source can be cited by the event it is published with.
        let sources = (n * 2 / 3).max(n.min(8));
        let agreements = if n == 0 { 0 } else { (n / 400).clamp(1, 5_000) };
        let span_days = i64::from((LAST_DAY - FIRST_DAY).get_days());
        Generator {
            rng: fastrand::Rng::with_seed(options.seed),
            events: n,
            sources,
            agreements,
            outlet_of: Vec::with_capacity(usize::try_from(sources).unwrap_or(0)),
            carried_out: vec![CarriedOut::default(); usize::try_from(agreements).unwrap_or(0)],
            span_days,
        }
    }

    fn write<W: Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b"{\"format_version\":")?;
        json(w, &FORMAT_VERSION)?;
        w.write_all(b",\"title\":")?;
        json(
            w,
            &format!(
                "Generated: {} exchanges and repatriations, 2022–2025",
                factsheet_core::model::thousands(self.events)
            ),
        )?;
        w.write_all(b",\"description\":")?;
        json(
            w,
            "Generated by `factsheet generate` for trying the app at scale. The events, \
             figures and quotes are invented; the outlets and places are real names.",
        )?;
        w.write_all(b",\"updated\":")?;
        json(w, &LAST_DAY)?;

        w.write_all(b",\n\"sources\":[\n")?;
        for j in 0..self.sources {
            if j > 0 {
                w.write_all(b",\n")?;
            }
            let s = self.source(j);
            json(w, &s)?;
        }
        w.write_all(b"],\n\"agreements\":[\n")?;
        for k in 0..self.agreements {
            if k > 0 {
                w.write_all(b",\n")?;
            }
            let a = self.agreement(k);
            json(w, &a)?;
        }
        w.write_all(b"],\n\"events\":[\n")?;
        for i in 0..self.events {
            if i > 0 {
                w.write_all(b",\n")?;
            }
            let e = self.event(i);
            json(w, &e)?;
        }
        w.write_all(b"],\n\"running_totals\":[\n")?;
        let totals = self.running_totals();
        write_list(w, &totals)?;
        w.write_all(b"],\n\"estimates\":[\n")?;
        let estimates = self.estimates();
        write_list(w, &estimates)?;
        w.write_all(b"],\n\"place_names\":[\n")?;
        write_list(w, &place_names())?;
        w.write_all(b"]}\n")
    }

    // ---- dates -------------------------------------------------------------

    /// The day of event `i`: events run in date order over the whole period.
    fn day_of_event(&self, i: u64) -> Date {
        let offset = if self.events == 0 {
            0
        } else {
            // i < events, so this fits in the span; u128 keeps the product exact.
            (u128::from(i) * self.span_days as u128 / u128::from(self.events)) as i64
        };
        add_days(FIRST_DAY, offset)
    }

    /// The event around which source `j` was published.
    fn event_of_source(&self, j: u64) -> u64 {
        if self.sources == 0 {
            0
        } else {
            (u128::from(j) * u128::from(self.events) / u128::from(self.sources)) as u64
        }
    }

    /// The first source published around event `i`; every source is the first of some event.
    fn source_of_event(&self, i: u64) -> u64 {
        if self.events == 0 {
            0
        } else {
            // Ceiling of i * sources / events: the first j with event_of_source(j) >= i.
            let num = u128::from(i) * u128::from(self.sources);
            let den = u128::from(self.events);
            (num.div_ceil(den) as u64).min(self.sources.saturating_sub(1))
        }
    }

    // ---- sources -----------------------------------------------------------

    fn source(&mut self, j: u64) -> Source {
        let outlet = self.rng.usize(..OUTLETS.len());
        self.outlet_of.push(outlet as u8);
        let (affiliation, name, lang, domain) = OUTLETS[outlet];
        let event_day = self.day_of_event(self.event_of_source(j));
        let published = add_days(event_day, i64::from(self.rng.u8(0..=2)));
        let title = match lang {
            Lang::En => pick(
                &mut self.rng,
                &[
                    "Ukraine and Russia carry out another exchange",
                    "Bodies of fallen soldiers returned home",
                    "Prisoners freed in exchange mediated by the UAE",
                    "Swap of prisoners of war completed",
                ],
            ),
            Lang::Uk => pick(
                &mut self.rng,
                &[
                    "Додому повернулися українські захисники",
                    "Україні повернули тіла загиблих",
                    "Відбувся черговий обмін полоненими",
                ],
            ),
            Lang::Ru => pick(
                &mut self.rng,
                &[
                    "Россия и Украина провели обмен пленными",
                    "Российские военнослужащие возвращены из плена",
                    "Украине переданы тела погибших",
                ],
            ),
        };
        let has_url = affiliation != Affiliation::Unknown || self.rng.bool();
        let url = has_url.then(|| format!("https://{domain}/news/{published}/{j}"));
        let archived = url.is_some() && self.rng.u8(0..10) == 0;
        let archive_url = if archived {
            url.as_ref()
                .map(|u| format!("https://web.archive.org/web/{}/{u}", published.year()))
        } else {
            None
        };
        let retrieved = archived.then(|| add_days(published, i64::from(self.rng.u8(1..=30))));
        let notes = (self.rng.u8(0..50) == 0).then(|| {
            if lang == Lang::En {
                "The article was later edited; the figures are from the first version.".into()
            } else {
                "Статтю пізніше відредаговано; цифри з першої версії.".into()
            }
        });
        Source {
            id: source_id(j),
            outlet: name.into(),
            title: Some(title.into()),
            url: url.map(Text::from),
            published: Some(published),
            language: Some(lang.tag().into()),
            affiliation,
            archive_url: archive_url.map(Text::from),
            retrieved,
            notes,
            relays: None,
            saved_copy: None,
        }
    }

    // ---- agreements --------------------------------------------------------

    fn agreement_day(&self, k: u64) -> Date {
        self.day_of_event(self.first_event_of_agreement(k))
    }

    fn first_event_of_agreement(&self, k: u64) -> u64 {
        if self.agreements == 0 {
            0
        } else {
            (u128::from(k) * u128::from(self.events) / u128::from(self.agreements)) as u64
        }
    }

    /// Whether agreement `k` is still being carried out: as in the talks of
    /// 2025, a few rounds of handovers until about what was agreed has come
    /// back (the last round may go past it), not every later exchange.
    fn still_delivering(&self, k: u64) -> bool {
        self.carried_out
            .get(k as usize)
            .is_some_and(|c| c.rounds < MAX_ROUNDS && c.returned < c.committed)
    }

    fn agreement(&mut self, k: u64) -> Agreement {
        let day = self.agreement_day(k);
        let first_event = self.first_event_of_agreement(k);
        let source = self.source_of_event(first_event);
        let (place, _, precision) = PLACES[if self.rng.bool() { 7 } else { 8 }];
        let bodies = pick(&mut self.rng, &[1_000, 1_200, 6_000]);
        if let Some(c) = self.carried_out.get_mut(k as usize) {
            c.committed = bodies;
        }
        let prisoners = pick(&mut self.rng, &[500, 1_000, 1_200]);
        let second = self.nearby_source(source, &[source]);
        let mut terms = vec![Term {
            id: "remains-to-ukraine".into(),
            description: format!(
                "{} bodies to Ukraine",
                factsheet_core::model::thousands(bodies)
            )
            .into(),
            received_by: Side::Ukraine,
            category: Category::Remains,
            claims: list![
                Claim {
                    source: source_id(source),
                    value: Quantity::Exact(bodies),
                    status: ClaimStatus::Claimed,
                    attributed_to: Some("Vladimir Medinsky, Russia's chief negotiator".into()),
                    quote: Some(quote!(
                        "Russia will unilaterally hand over {} bodies of Ukrainian soldiers",
                        factsheet_core::model::thousands(bodies)
                    )),
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                },
                Claim {
                    source: source_id(second),
                    value: Quantity::Approximately(bodies),
                    status: ClaimStatus::Unconfirmed,
                    attributed_to: None,
                    quote: None,
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                },
            ],
            notes: None,
        }];
        if self.rng.bool() {
            terms.push(Term {
                id: "prisoners-each-side".into(),
                description: text!(
                    "{} prisoners from each side",
                    factsheet_core::model::thousands(prisoners)
                ),
                received_by: Side::Ukraine,
                category: Category::Prisoners,
                claims: list![Claim {
                    source: source_id(second),
                    value: Quantity::AtLeast(prisoners),
                    status: ClaimStatus::Claimed,
                    attributed_to: None,
                    quote: Some(format!("не менее {prisoners} человек с каждой стороны").into()),
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                }],
                notes: None,
            });
        }
        let facts = if self.rng.u8(0..3) == 0 {
            vec![Fact {
                id: "mutual".into(),
                question: "Was the handover of remains agreed as mutual?".into(),
                claims: list![
                    FactClaim {
                        source: source_id(source),
                        answer: "unilateral".into(),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: Some("в одностороннем порядке".into()),
                        stated_on: None,
                        notes: None,
                    },
                    FactClaim {
                        source: source_id(second),
                        answer: "mutual".into(),
                        status: ClaimStatus::Unconfirmed,
                        attributed_to: None,
                        quote: None,
                        stated_on: None,
                        notes: None,
                    },
                ],
            }]
        } else {
            Vec::new()
        };
        Agreement {
            id: agreement_id(k),
            title: format!("Talks in {place}, round {}", k + 1).into(),
            date: EventDate::day(day),
            place: Some(Place {
                name: place.into(),
                precision,
            }),
            parties: list!["Ukraine".into(), "Russia".into()],
            mediators: list![pick(&mut self.rng, &["Turkey", "UAE"]).into()],
            terms: terms.into(),
            facts: facts.into(),
            notes: None,
            kind: Default::default(),
            same_as: List::new(),
            distinct_from: List::new(),
        }
    }
}

impl Generator {
    // ---- totals and estimates ---------------------------------------------

    /// Running totals for up to 20 agreements: some state the sum of the events,
    /// some a different figure, some the number of rounds.
    fn running_totals(&mut self) -> Vec<RunningTotal> {
        let mut out = Vec::new();
        let step = (self.agreements / 20).max(1);
        let mut k = 0;
        while k < self.agreements {
            let CarriedOut {
                returned: sum,
                rounds,
                ..
            } = self
                .carried_out
                .get(k as usize)
                .copied()
                .unwrap_or_default();
            let source = self.source_of_event(
                (self.first_event_of_agreement(k + 1))
                    .saturating_sub(1)
                    .min(self.events.saturating_sub(1)),
            );
            let (counts, value, description) = if rounds > 0 && self.rng.u8(0..3) == 0 {
                let stated = if self.rng.bool() { rounds } else { rounds + 1 };
                (
                    TotalCounts::Events,
                    Quantity::Exact(stated),
                    format!("Rounds of handovers under agreement {}", k + 1),
                )
            } else {
                let stated = if self.rng.u8(0..3) == 0 {
                    sum + self.rng.u64(1..=50)
                } else {
                    sum
                };
                (
                    TotalCounts::People,
                    Quantity::Exact(stated),
                    format!("Bodies returned to Ukraine under agreement {}", k + 1),
                )
            };
            out.push(RunningTotal {
                id: format!("total-{}", k + 1).into(),
                description: description.into(),
                scope: TotalScope {
                    agreement: Some(agreement_id(k)),
                    received_by: (counts == TotalCounts::People).then_some(Side::Ukraine),
                    category: (counts == TotalCounts::People).then_some(Category::Remains),
                    ..TotalScope::default()
                },
                counts,
                claims: list![Claim {
                    source: source_id(source),
                    value,
                    status: ClaimStatus::Claimed,
                    attributed_to: None,
                    quote: Some(quote!(
                        "Загалом в рамках домовленостей повернуто {}",
                        factsheet_core::model::thousands(match value {
                            Quantity::Exact(n) => n,
                            _ => 0,
                        })
                    )),
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                }],
                notes: None,
                baseline: None,
            });
            k += step;
        }
        out
    }

    fn estimates(&mut self) -> Vec<ContextEstimate> {
        if self.sources == 0 {
            return Vec::new();
        }
        let last = self.sources - 1;
        let other = last.saturating_sub(1);
        vec![
            ContextEstimate {
                id: "ukrainian-soldiers-held".into(),
                description: "Ukrainian soldiers held in Russian captivity".into(),
                category: Category::Soldiers,
                held_by: Some(Side::Russia),
                as_of: Some(LAST_DAY.into()),
                claims: list![Claim {
                    source: source_id(last),
                    value: Quantity::MoreThan(8_000),
                    status: ClaimStatus::Claimed,
                    attributed_to: Some(SPEAKERS_EN[1].into()),
                    quote: Some("over 8,000 Ukrainian soldiers are in Russian captivity".into()),
                    words: None,
                    stated_on: None,
                    parts: List::new(),
                    answers: List::new(),
                    notes: None,
                }],
                notes: None,
            },
            ContextEstimate {
                id: "ukrainian-civilians-held".into(),
                description: "Ukrainian civilians held in Russia".into(),
                category: Category::Civilians,
                held_by: Some(Side::Russia),
                as_of: Some(LAST_DAY.into()),
                claims: list![
                    Claim {
                        source: source_id(last),
                        value: Quantity::MoreThan(16_000),
                        status: ClaimStatus::Claimed,
                        attributed_to: None,
                        quote: Some("понад 16 тисяч цивільних".into()),
                        words: None,
                        stated_on: None,
                        parts: List::new(),
                        answers: List::new(),
                        notes: None,
                    },
                    Claim {
                        source: source_id(other),
                        value: Quantity::Approximately(self.rng.u64(12..=20) * 1_000),
                        status: ClaimStatus::Unconfirmed,
                        attributed_to: None,
                        quote: None,
                        words: None,
                        stated_on: None,
                        parts: List::new(),
                        answers: List::new(),
                        notes: None,
                    },
                ],
                notes: None,
            },
        ]
    }
}

fn add_days(day: Date, days: i64) -> Date {
    day.checked_add(days.days()).unwrap_or(day)
}

/// An index drawn with the given weights.
fn weighted(rng: &mut fastrand::Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut r = rng.u32(..total.max(1));
    for (i, &w) in weights.iter().enumerate() {
        if r < w {
            return i;
        }
        r -= w;
    }
    weights.len().saturating_sub(1)
}

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn json<W: Write, T: Serialize + ?Sized>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(w, value).map_err(io::Error::from)
}

fn write_list<W: Write, T: Serialize>(w: &mut W, items: &[T]) -> io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        json(w, item)?;
    }
    Ok(())
}

/// A generated dataset's JSON, in memory (for tests and benchmarks).
pub fn to_bytes(events: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail: its io::Write never returns an error.
    let _ = write_dataset(&mut out, Options { events, seed });
    out
}

#[cfg(test)]
mod tests;
