//! Building the summary: one walk over the dataset's events, statistics and
//! facts, citing each source in the order it is first used.

use std::borrow::Cow;
use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::compare::facts::{FactScratch, outcome as fact_outcome};
use crate::compare::{self, Consensus, PlaceTable};
use crate::load::is_web_link;
use crate::model::{Affiliation, Category, Claim, Dataset, Event, Fact, FactClaim, Side};
use crate::stats::{self, Group, Stats};

use super::*;

fn borrowed(s: &str) -> SheetText<'_> {
    Cow::Borrowed(s)
}

fn borrowed_opt(s: Option<&str>) -> Option<SheetText<'_>> {
    s.map(Cow::Borrowed)
}

/// Hands out citation numbers in first-cited order.
/// (Hashed with foldhash: every claim of every event is cited through it.)
struct Citations<'d> {
    sources: foldhash::HashMap<&'d str, &'d crate::model::Source>,
    numbers: foldhash::HashMap<&'d str, usize>,
    rows: Vec<SourceRow<'d>>,
}

impl<'d> Citations<'d> {
    fn new(dataset: &'d Dataset) -> Self {
        Citations {
            sources: dataset.sources.iter().map(|s| (&*s.id, s)).collect(),
            numbers: foldhash::HashMap::with_capacity_and_hasher(
                dataset.sources.len(),
                Default::default(),
            ),
            rows: Vec::with_capacity(dataset.sources.len()),
        }
    }

    fn cite(&mut self, id: &'d str) -> usize {
        if let Some(&n) = self.numbers.get(id) {
            return n;
        }
        let n = self.rows.len() + 1;
        let web = |u: Option<&'d str>| u.filter(|u| is_web_link(u)).map(Cow::Borrowed);
        let row = match self.sources.get(id) {
            Some(s) => SourceRow {
                number: n,
                id: borrowed(&s.id),
                outlet: borrowed(&s.outlet),
                title: borrowed_opt(s.title.as_deref()),
                url: web(s.url.as_deref()),
                published: s.published,
                language: borrowed_opt(s.language.as_deref()),
                affiliation: s.affiliation,
                archive_url: web(s.archive_url.as_deref()),
                retrieved: s.retrieved,
                relays: None,
            },
            // Validation reports an unknown source; the summary still says whom the claim names.
            None => SourceRow {
                number: n,
                id: borrowed(id),
                outlet: Cow::Owned(format!("unknown source \"{id}\"")),
                title: None,
                url: None,
                published: None,
                language: None,
                affiliation: Affiliation::Unknown,
                archive_url: None,
                retrieved: None,
                relays: None,
            },
        };
        self.rows.push(row);
        self.numbers.insert(id, n);
        // The relayed source is cited right after (validation refuses a loop;
        // were there one, its first source is numbered already and ends it).
        if let Some(relay) = self.sources.get(id).and_then(|s| s.relays.as_ref()) {
            let source = self.cite(&relay.source);
            if let Some(row) = self.rows.get_mut(n - 1) {
                row.relays = Some(RelayRow {
                    source,
                    how: relay.how,
                });
            }
        }
        n
    }

    fn claim(&mut self, c: &'d Claim) -> ClaimRow<'d> {
        ClaimRow {
            source: self.cite(&c.source),
            value: c.value,
            status: c.status,
            attributed_to: borrowed_opt(c.attributed_to.as_deref()),
            quote: borrowed_opt(c.quote.as_deref()),
            words: borrowed_opt(c.words.as_deref()),
            parts: c
                .parts
                .iter()
                .map(|p| PartRow {
                    category: p.category,
                    label: borrowed_opt(p.label.as_deref()),
                    value: p.value,
                })
                .collect(),
            stated_on: c.stated_on.clone(),
            notes: borrowed_opt(c.notes.as_deref()),
            answers: c.answers.iter().map(|a| self.cite(a)).collect(),
        }
    }

    fn statement(&mut self, c: &'d Claim) -> Statement<'d> {
        let row = self.claim(c);
        let says = match row.detail() {
            Some(detail) => format!("{}{detail}", row.value_text()),
            None => row.value_text(),
        };
        Statement {
            source: row.source,
            says: Cow::Owned(says),
            status: c.status,
            attributed_to: borrowed_opt(c.attributed_to.as_deref()),
            quote: borrowed_opt(c.quote.as_deref()),
        }
    }
}

fn consensus_label(c: Consensus) -> &'static str {
    match c {
        Consensus::Agree => "agree",
        Consensus::Compatible => "compatible",
        Consensus::Conflicting => "conflicting",
        Consensus::SingleSource => "single_source",
        Consensus::NotDisclosed => "not_disclosed",
    }
}

/// Ukraine, Russia, or no receiving side: the rows of the totals' source sets.
const TOTAL_SIDES: usize = 3;

fn total_index(side: Option<Side>, category: Category) -> usize {
    let s = match side {
        Some(Side::Ukraine) => 0,
        Some(Side::Russia) => 1,
        None => 2,
    };
    let c = Category::ALL
        .iter()
        .position(|&x| x == category)
        .unwrap_or(0);
    s * Category::ALL.len() + c
}

/// Which totals each cited source stands behind: one bit per (side, category)
/// per citation number, so a claim marks its total with one store, and each
/// total's sources come out in citation order without a sorted set.
#[derive(Default)]
struct TotalSources {
    bits: Vec<u32>,
}

const _: () = assert!(TOTAL_SIDES * Category::ALL.len() <= 32);

impl TotalSources {
    fn mark(&mut self, total: usize, source: usize) {
        if self.bits.len() <= source {
            self.bits.resize(source + 1, 0);
        }
        if let Some(b) = self.bits.get_mut(source) {
            *b |= 1 << total;
        }
    }

    /// Citation numbers marked for `total`, in ascending order.
    fn of(&self, total: usize) -> Vec<usize> {
        self.bits
            .iter()
            .enumerate()
            .filter(|(_, b)| **b & (1 << total) != 0)
            .map(|(n, _)| n)
            .collect()
    }
}

/// Builds the summary of `dataset` for `options`. Texts are borrowed from
/// `dataset`: building copies no quote, title or note.
pub fn build<'a>(dataset: &'a Dataset, options: &SummaryOptions) -> Summary<'a> {
    let stats = Stats::compute(dataset, options.events.as_deref());
    let mut cite = Citations::new(dataset);
    // Only the place table of a `Comparer` is needed: facts are classed, place
    // names shown canonically, and nothing else is compared here.
    let table = PlaceTable::with(&dataset.place_names);
    // Claims are counted by origin: a wire copy is not a second source.
    let origins = compare::Origins::of(dataset);
    let mut facts = FactScratch::default();
    let mut places = PlaceNames::default();

    let order: Vec<usize> = match &options.events {
        Some(sel) => {
            let mut v: Vec<usize> = sel
                .iter()
                .copied()
                .filter(|&i| i < dataset.events.len())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        None => (0..dataset.events.len()).collect(),
    };
    let events_of = |i: usize| dataset.events.get(i);
    // Each event's place in time, worked out once rather than at every comparison.
    let mut keyed: Vec<((Date, Date, &str), usize)> = order
        .into_iter()
        .filter_map(|i| events_of(i).map(|e| ((e.date.on, e.date.bounds().1, &*e.id), i)))
        .collect();
    let limit = options.limit.unwrap_or(usize::MAX);
    let cut = keyed.len().saturating_sub(limit);
    if cut == keyed.len() {
        // Nothing listed (a limit of 0): no order needed.
    } else if cut > 0 {
        // Only the latest are listed: set them apart in linear time, sort just them.
        keyed.select_nth_unstable(cut);
        if let Some(latest) = keyed.get_mut(cut..) {
            latest.sort_unstable();
        }
    } else {
        keyed.sort_unstable();
    }
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let (earlier, latest) = order.split_at(cut);
    // Agreements cite the sources of their deliveries among the listed events only.
    let listed = (!earlier.is_empty()).then(|| {
        let mut listed = vec![false; dataset.events.len()];
        for &i in latest {
            if let Some(l) = listed.get_mut(i) {
                *l = true;
            }
        }
        listed
    });

    // The events first, so the sources are numbered in reading order.
    let mut total_sources = TotalSources::default();
    let mut events = Vec::with_capacity(latest.len());
    let mut disagreements = Vec::new();
    let mut single_source = Vec::new();
    let mut disputed_listed = 0;
    let mut disputed_facts_listed = 0;
    // Whose facts the facts section lists, in reading order: the listed events, then the agreements.
    let mut fact_sources: Vec<(&str, &str, &[Fact])> = Vec::with_capacity(latest.len());
    for event in latest.iter().filter_map(|&i| events_of(i)) {
        let mut figures = Vec::with_capacity(event.figures.len());
        for figure in &event.figures {
            let outcome = origins.analyse(&figure.claims);
            let (est, class) = (outcome.estimate, outcome.class);
            let claims: Vec<ClaimRow> = figure.claims.iter().map(|c| cite.claim(c)).collect();
            let total = total_index(figure.received_by, figure.category);
            for c in &claims {
                total_sources.mark(total, c.source);
            }
            // Built only for the few figures listed below, not for every figure.
            let subject = || {
                Cow::Owned(figure_subject(
                    figure.received_by,
                    figure.category,
                    figure.label.as_deref(),
                ))
            };
            if compare::is_disputed(class, &figure.claims) {
                disputed_listed += 1;
                disagreements.push(Disagreement {
                    on_id: borrowed(&event.id),
                    on_title: borrowed(&event.title),
                    subject: subject(),
                    kind: if class == Consensus::Conflicting {
                        DisagreementKind::ConflictingFigures
                    } else {
                        DisagreementKind::DeniedFigure
                    },
                    statements: figure.claims.iter().map(|c| cite.statement(c)).collect(),
                });
            } else if class == Consensus::SingleSource
                && let Some(c) = figure.claims.first()
            {
                single_source.push(SingleSourceRow {
                    event_id: borrowed(&event.id),
                    event_title: borrowed(&event.title),
                    subject: subject(),
                    statement: cite.statement(c),
                });
            }
            figures.push(FigureRow {
                id: borrowed(&figure.id),
                received_by: figure.received_by,
                category: figure.category,
                label: borrowed_opt(figure.label.as_deref()),
                low: est.low,
                best: est.best,
                high: est.high,
                bound: est.bound,
                tie: est.tie,
                approximate: est.approximate,
                consensus: Cow::Borrowed(consensus_label(class)),
                claims,
            });
        }
        let before = disagreements.len();
        fact_disagreements(
            &event.facts,
            &event.id,
            &event.title,
            (&table, &mut facts),
            &mut cite,
            &mut disagreements,
        );
        disputed_facts_listed += disagreements.len() - before;
        if event.dates_disagree() {
            disagreements.push(Disagreement {
                on_id: borrowed(&event.id),
                on_title: borrowed(&event.title),
                subject: Cow::Borrowed("the date"),
                kind: DisagreementKind::DifferentDates,
                statements: event
                    .dates
                    .iter()
                    .map(|d| Statement {
                        source: cite.cite(&d.source),
                        says: Cow::Owned(d.date.to_string()),
                        status: ClaimStatus::Claimed,
                        attributed_to: borrowed_opt(d.attributed_to.as_deref()),
                        quote: borrowed_opt(d.quote.as_deref()),
                    })
                    .collect(),
            });
        }
        if event.link_disputed() {
            disagreements.push(link_disagreement(dataset, event, &mut cite));
        }
        fact_sources.push((&*event.id, &*event.title, &event.facts));
        events.push(event_row(event, figures, &table, &mut places));
    }

    // The statistics classed every figure and fact already: what is not listed is the rest.
    let unlisted = (!earlier.is_empty()).then(|| Unlisted {
        events: earlier.len(),
        figures: earlier
            .iter()
            .filter_map(|&i| events_of(i))
            .map(|e| e.figures.len())
            .sum(),
        // Dates and agreements that sources dispute are disagreements too,
        // which the statistics do not count.
        disagreements: stats.disputed_figures.saturating_sub(disputed_listed)
            + stats.disputed_facts.saturating_sub(disputed_facts_listed)
            + earlier
                .iter()
                .filter_map(|&i| events_of(i))
                .map(|e| usize::from(e.dates_disagree()) + usize::from(e.link_disputed()))
                .sum::<usize>(),
        single_source: stats
            .single_source_figures
            .saturating_sub(single_source.len()),
    });

    let total_row = |side: Option<Side>, category: Category, sum: &stats::Sum| TotalRow {
        received_by: side,
        category,
        low: sum.low,
        best: sum.known_best(),
        high: sum.high,
        figures: sum.figures,
        undisclosed: sum.undisclosed,
        bounded: sum.bounded,
        sources: total_sources.of(total_index(side, category)),
    };
    let totals = stats
        .totals
        .iter()
        .map(|t| total_row(Some(t.side), t.category, &t.sum))
        .chain(
            stats
                .unsplit
                .iter()
                .map(|(c, sum)| total_row(None, *c, sum)),
        )
        .collect();

    let agreements = agreement_rows(
        dataset,
        listed.as_deref(),
        &stats,
        (&table, &mut facts),
        &mut cite,
        &mut disagreements,
        &mut places,
    );

    let counted = if dataset.running_totals.is_empty() {
        Vec::new()
    } else {
        stats::events_counted_by_each(dataset)
    };
    let running_totals = stats
        .running_totals
        .iter()
        .filter_map(|check| {
            let total = dataset.running_totals.get(check.total)?;
            let c = &check.computed;
            Some(RunningTotalRow {
                id: borrowed(&total.id),
                description: borrowed(&total.description),
                counts: total.counts,
                scope: total.scope.clone(),
                counted: counted
                    .get(check.total)
                    .into_iter()
                    .flatten()
                    .filter_map(|&i| events_of(i).map(|e| borrowed(&e.id)))
                    .collect(),
                computed: c.known_best(),
                computed_low: c.low,
                computed_high: c.high,
                computed_figures: c.figures,
                computed_undisclosed: c.undisclosed,
                computed_bounded: c.bounded,
                events: check.events,
                undisclosed_events: check.undisclosed_events,
                scope_start: check.scope_start,
                earliest_event: check.earliest_event,
                within_data: check.within_data(),
                baseline: check.baseline,
                claims: check
                    .claims
                    .iter()
                    .filter_map(|c| {
                        let claim = total.claims.get(c.claim)?;
                        Some(TotalClaimRow {
                            claim: cite.claim(claim),
                            difference: c.difference,
                            verdict: c.verdict,
                        })
                    })
                    .collect(),
            })
        })
        .collect();

    let estimates = dataset
        .estimates
        .iter()
        .map(|e| {
            let est = origins.analyse(&e.claims).estimate;
            EstimateRow {
                id: borrowed(&e.id),
                description: borrowed(&e.description),
                category: e.category,
                held_by: e.held_by,
                as_of: e.as_of,
                low: est.low,
                best: est.best,
                high: est.high,
                bound: est.bound,
                tie: est.tie,
                approximate: est.approximate,
                claims: e.claims.iter().map(|c| cite.claim(c)).collect(),
            }
        })
        .collect();

    fact_sources.extend(
        dataset
            .agreements
            .iter()
            .map(|a| (&*a.id, &*a.title, a.facts.as_slice())),
    );
    let fact_list = fact_rows(&fact_sources, (&table, &mut facts), &mut cite);
    // A sheet of the whole data lists every source, even one no listed claim cites.
    if options.events.is_none() && earlier.is_empty() {
        for source in &dataset.sources {
            cite.cite(&source.id);
        }
    }

    let (first_day, last_day) = stats.date_range.unzip();
    Summary {
        summary_version: SUMMARY_VERSION,
        title: borrowed(&dataset.title),
        description: borrowed_opt(dataset.description.as_deref()),
        updated: dataset.updated,
        filter: options.filter.clone().map(Cow::Owned),
        first_day,
        last_day,
        event_count: stats.events,
        unlisted,
        totals,
        agreements,
        running_totals,
        events,
        disagreements,
        single_source,
        estimates,
        facts: fact_list,
        series: stats.series,
        sources: cite.rows,
    }
}

/// Places as shown: their canonical spelling when the place table knows it.
/// Each distinct name is looked up once; a name already canonical is borrowed.
#[derive(Default)]
struct PlaceNames<'a> {
    known: foldhash::HashMap<&'a str, SheetText<'a>>,
}

impl<'a> PlaceNames<'a> {
    fn name(&mut self, table: &PlaceTable, name: &'a str) -> SheetText<'a> {
        self.known
            .entry(name)
            .or_insert_with(|| match table.canonical(name) {
                Some(c) if c != name => Cow::Owned(c.to_string()),
                _ => Cow::Borrowed(name),
            })
            .clone()
    }
}

fn event_row<'a>(
    event: &'a Event,
    figures: Vec<FigureRow<'a>>,
    table: &PlaceTable,
    places: &mut PlaceNames<'a>,
) -> EventRow<'a> {
    EventRow {
        id: borrowed(&event.id),
        title: borrowed(&event.title),
        date: event.date.clone(),
        kind: event.kind,
        place: event.place.as_ref().map(|p| places.name(table, &p.name)),
        mediators: event.mediators.iter().map(|m| borrowed(m)).collect(),
        agreement: borrowed_opt(event.agreement.as_deref()),
        figures,
        notes: borrowed_opt(event.notes.as_deref()),
    }
}

/// `listed`: per event of the dataset, whether the sheet lists it (`None`: all are).
fn agreement_rows<'d>(
    dataset: &'d Dataset,
    listed: Option<&[bool]>,
    stats: &Stats,
    (table, facts): (&PlaceTable, &mut FactScratch),
    cite: &mut Citations<'d>,
    disagreements: &mut Vec<Disagreement<'d>>,
    places: &mut PlaceNames<'d>,
) -> Vec<AgreementRow<'d>> {
    let mut rows = Vec::with_capacity(dataset.agreements.len());
    // The events linked to each agreement, found in one pass.
    let mut linked: foldhash::HashMap<&str, Vec<&Event>> = foldhash::HashMap::default();
    for (i, event) in dataset.events.iter().enumerate() {
        if let Some(a) = event.agreement.as_deref()
            && listed.is_none_or(|l| l.get(i).copied().unwrap_or(false))
        {
            linked.entry(a).or_default().push(event);
        }
    }
    for progress in &stats.agreements {
        let Some(agreement) = dataset.agreements.get(progress.agreement) else {
            continue;
        };
        // Sources of the deliveries, per term: only events linked to this agreement.
        let mut delivered_sources: Vec<BTreeSet<usize>> =
            vec![BTreeSet::new(); agreement.terms.len()];
        for event in linked
            .get(&*agreement.id)
            .into_iter()
            .flatten()
            .filter(|e| stats::delivers_on(agreement, e))
        {
            for (term, set) in agreement.terms.iter().zip(&mut delivered_sources) {
                for figure in event.figures.iter().filter(|f| stats::term_takes(term, f)) {
                    set.extend(figure.claims.iter().map(|c| cite.cite(&c.source)));
                }
            }
        }
        let terms = progress
            .terms
            .iter()
            .filter_map(|p| {
                let term = agreement.terms.get(p.term)?;
                let (fraction, fraction_at_least) = match p.share() {
                    Some(stats::Share::Exact(f)) => (Some(f), None),
                    Some(stats::Share::AtLeast(f)) => (None, Some(f)),
                    None => (None, None),
                };
                Some(TermRow {
                    id: borrowed(&term.id),
                    description: borrowed(&term.description),
                    received_by: term.received_by,
                    category: term.category,
                    target: p.target.best,
                    target_bound: p.target.bound,
                    target_sources: term.claims.iter().map(|c| cite.cite(&c.source)).collect(),
                    delivered: p.delivered.known_best(),
                    delivered_low: p.delivered.low,
                    delivered_high: p.delivered.high,
                    delivered_figures: p.delivered.figures,
                    delivered_undisclosed: p.delivered.undisclosed,
                    events: p.events,
                    delivered_sources: delivered_sources
                        .get(p.term)
                        .map(|s| s.iter().copied().collect())
                        .unwrap_or_default(),
                    fraction,
                    fraction_at_least,
                    disputed: (p.disputed_events > 0).then(|| {
                        let (fraction_with, fraction_with_at_least) = match p.share_with_disputed()
                        {
                            Some(stats::Share::Exact(f)) => (Some(f), None),
                            Some(stats::Share::AtLeast(f)) => (None, Some(f)),
                            None => (None, None),
                        };
                        DisputedDelivery {
                            delivered: p.disputed.known_best(),
                            low: p.disputed.low,
                            high: p.disputed.high,
                            figures: p.disputed.figures,
                            undisclosed: p.disputed.undisclosed,
                            events: p.disputed_events,
                            fraction_with,
                            fraction_with_at_least,
                        }
                    }),
                })
            })
            .collect();
        for term in &agreement.terms {
            if compare::consensus(&term.claims).is_conflict() {
                disagreements.push(Disagreement {
                    on_id: borrowed(&agreement.id),
                    on_title: borrowed(&agreement.title),
                    subject: borrowed(&term.description),
                    kind: DisagreementKind::ConflictingFigures,
                    statements: term.claims.iter().map(|c| cite.statement(c)).collect(),
                });
            }
        }
        fact_disagreements(
            &agreement.facts,
            &agreement.id,
            &agreement.title,
            (table, &mut *facts),
            cite,
            disagreements,
        );
        rows.push(AgreementRow {
            id: borrowed(&agreement.id),
            title: borrowed(&agreement.title),
            date: agreement.date.clone(),
            place: agreement
                .place
                .as_ref()
                .map(|p| places.name(table, &p.name)),
            terms,
        });
    }
    rows
}

/// Facts whose sources give different answers, as the comparison classes them
/// (a place-name spelling variant is not a disagreement).
fn fact_disagreements<'d>(
    facts: &'d [Fact],
    on_id: &'d str,
    on_title: &'d str,
    (table, scratch): (&PlaceTable, &mut FactScratch),
    cite: &mut Citations<'d>,
    out: &mut Vec<Disagreement<'d>>,
) {
    for fact in facts {
        // The class alone, with reused buffers (`Comparer::fact` builds the
        // whole side-panel view of the fact).
        if !fact_outcome(table, fact, scratch).class.is_conflict() {
            continue;
        }
        out.push(Disagreement {
            on_id: borrowed(on_id),
            on_title: borrowed(on_title),
            subject: borrowed(&fact.question),
            kind: DisagreementKind::DifferentAnswers,
            statements: fact
                .claims
                .iter()
                .map(|c| fact_statement(cite, c))
                .collect(),
        });
    }
}

/// Every fact of `of` (an event's or agreement's id, title and facts), with
/// every answer and the comparison's class of them.
fn fact_rows<'d>(
    of: &[(&'d str, &'d str, &'d [Fact])],
    (table, scratch): (&PlaceTable, &mut FactScratch),
    cite: &mut Citations<'d>,
) -> Vec<FactRow<'d>> {
    let mut rows = Vec::new();
    for &(on_id, on_title, facts) in of {
        for fact in facts {
            let class = fact_outcome(table, fact, scratch).class;
            rows.push(FactRow {
                on_id: borrowed(on_id),
                on_title: borrowed(on_title),
                question: borrowed(&fact.question),
                consensus: Cow::Borrowed(consensus_label(class)),
                answers: fact
                    .claims
                    .iter()
                    .map(|c| fact_statement(cite, c))
                    .collect(),
            });
        }
    }
    rows
}

fn fact_statement<'d>(cite: &mut Citations<'d>, c: &'d FactClaim) -> Statement<'d> {
    Statement {
        source: cite.cite(&c.source),
        says: borrowed(&c.answer),
        status: c.status,
        attributed_to: borrowed_opt(c.attributed_to.as_deref()),
        quote: borrowed_opt(c.quote.as_deref()),
    }
}

/// Which group and side a series is, in words: "remains to Ukraine".
pub fn series_label(side: Side, group: Group) -> String {
    format!("{} {}", group.label(), side.to_label())
}

/// An event whose agreement its sources dispute, as a disagreement: what the
/// file says and what each source says.
fn link_disagreement<'d>(
    dataset: &'d Dataset,
    event: &'d Event,
    cite: &mut Citations<'d>,
) -> Disagreement<'d> {
    let under = |id: Option<&str>| match id {
        Some(id) => {
            let title = dataset.agreement(id).map_or(id, |a| a.title.as_str());
            Cow::Owned(format!("under {title}"))
        }
        None => Cow::Borrowed("under no agreement"),
    };
    Disagreement {
        on_id: borrowed(&event.id),
        on_title: borrowed(&event.title),
        subject: Cow::Borrowed("the agreement it fulfils"),
        kind: DisagreementKind::DisputedLink,
        statements: event
            .links
            .iter()
            .map(|l| Statement {
                source: cite.cite(&l.source),
                says: under(l.agreement.as_deref()),
                status: ClaimStatus::Claimed,
                attributed_to: borrowed_opt(l.attributed_to.as_deref()),
                quote: borrowed_opt(l.quote.as_deref()),
            })
            .collect(),
    }
}
