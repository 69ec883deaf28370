//! Generated events: dates, kinds and places, figures with the claims of
//! agreeing and disagreeing sources, and facts sources answer differently.

use super::*;
use factsheet_core::list;
use factsheet_core::model::List;

impl Generator {
    pub(crate) fn event(&mut self, i: u64) -> Event {
        let day = self.day_of_event(i);
        let kind = match self.rng.u8(0..100) {
            0..40 => EventKind::PrisonerExchange,
            40..70 => EventKind::RemainsRepatriation,
            70..80 => EventKind::WoundedExchange,
            80..90 => EventKind::CivilianReturn,
            90..95 => EventKind::UnilateralRelease,
            _ => EventKind::Other,
        };
        let date = self.event_date(day);
        let place = (self.rng.u8(0..10) < 8).then(|| {
            let (canonical, variants, precision) = PLACES[self.rng.usize(..PLACES.len())];
            let name = if !variants.is_empty() && self.rng.u8(0..5) == 0 {
                variants[self.rng.usize(..variants.len())]
            } else {
                canonical
            };
            Place {
                name: name.into(),
                precision,
            }
        });
        let mediators = match self.rng.u8(0..10) {
            0..4 => Vec::new(),
            4..8 => vec![pick(&mut self.rng, MEDIATORS).into()],
            _ => {
                let a = self.rng.usize(..MEDIATORS.len());
                let b = (a + 1 + self.rng.usize(..MEDIATORS.len() - 1)) % MEDIATORS.len();
                vec![MEDIATORS[a].into(), MEDIATORS[b].into()]
            }
        };
        let agreement = (self.agreements > 0
            && matches!(
                kind,
                EventKind::RemainsRepatriation | EventKind::PrisonerExchange
            )
            && self.rng.u8(0..10) < 4)
            .then(|| {
                // The latest agreement made on or before this event.
                let k =
                    (u128::from(i) * u128::from(self.agreements) / u128::from(self.events)) as u64;
                k.min(self.agreements - 1)
            })
            .filter(|&k| self.still_delivering(k));

        let first_source = self.source_of_event(i);
        let slots = figure_slots(kind);
        let wanted = weighted(&mut self.rng, &[35, 30, 15, 10, 5, 5]) + 1;
        let count = wanted.min(slots.len());
        // A partial shuffle picks `count` distinct (side, category) slots.
        let mut order: Vec<usize> = (0..slots.len()).collect();
        for s in 0..count {
            let t = s + self.rng.usize(..order.len() - s);
            order.swap(s, t);
        }
        let mutual_value = self.true_value(slots[order[0]].1);
        let mut figures = Vec::with_capacity(count);
        let mut cited = Vec::new();
        for (n, &slot) in order.iter().take(count).enumerate() {
            let (side, category) = slots[slot];
            // In an exchange both sides usually receive the same number.
            let truth = if kind != EventKind::UnilateralRelease && self.rng.u8(0..3) > 0 {
                mutual_value
            } else {
                self.true_value(category)
            };
            if let Some(k) = agreement
                && side == Side::Ukraine
                && category == Category::Remains
                && let Some(c) = self.carried_out.get_mut(k as usize)
            {
                c.returned += truth;
            }
            let claims = self.figure_claims(first_source, n == 0, side, truth, &mut cited);
            // Now and then a lone figure of a swap is reported as one number for both
            // sides together ("a swap involving 1,000 prisoners"): no receiving side.
            let unsplit = count == 1
                && kind == EventKind::PrisonerExchange
                && category == Category::Prisoners;
            figures.push(Figure {
                id: if unsplit {
                    format!("both-{}", category_slug(category)).into()
                } else {
                    format!("{}-{}", side_slug(side), category_slug(category)).into()
                },
                received_by: (!unsplit).then_some(side),
                category,
                label: (category == Category::Wounded && self.rng.bool())
                    .then(|| "severely wounded".into()),
                claims: claims.into(),
            });
        }
        if let Some(c) = agreement.and_then(|k| self.carried_out.get_mut(k as usize)) {
            c.rounds += 1;
        }
        let facts = if cited.len() >= 2 && self.rng.u8(0..100) < 15 {
            vec![self.fact(&cited)]
        } else {
            Vec::new()
        };
        let notes = (self.rng.u8(0..20) == 0).then(|| {
            pick(
                &mut self.rng,
                &[
                    "Several of those returned had been held since 2022.",
                    "Серед звільнених є поранені.",
                    "Среди освобождённых есть тяжелораненые.",
                ],
            )
            .to_string()
        });
        Event {
            id: event_id(i),
            title: self.event_title(kind, place.as_ref()).into(),
            date,
            kind,
            place,
            mediators: mediators.into(),
            agreement: agreement.map(agreement_id),
            figures: figures.into(),
            facts: facts.into(),
            notes: notes.map(Text::from),
            dates: List::new(),
            links: List::new(),
            same_as: List::new(),
            distinct_from: List::new(),
        }
    }

    fn event_date(&mut self, day: Date) -> EventDate {
        match self.rng.u8(0..100) {
            0..85 => EventDate::day(day),
            85..90 => EventDate {
                on: day,
                until: None,
                precision: DatePrecision::Approximate,
            },
            90..93 => EventDate {
                on: day,
                until: None,
                precision: DatePrecision::Week,
            },
            93..96 => EventDate {
                on: day.first_of_month(),
                until: None,
                precision: DatePrecision::Month,
            },
            _ => EventDate {
                on: day,
                until: Some(add_days(day, i64::from(self.rng.u8(1..=3)))),
                precision: DatePrecision::Day,
            },
        }
    }

    fn event_title(&mut self, kind: EventKind, place: Option<&Place>) -> String {
        let lang = match self.rng.u8(0..10) {
            0..7 => Lang::En,
            7..9 => Lang::Uk,
            _ => Lang::Ru,
        };
        let what = match (lang, kind) {
            (Lang::En, EventKind::PrisonerExchange) => "Prisoner exchange",
            (Lang::En, EventKind::WoundedExchange) => "Exchange of severely wounded prisoners",
            (Lang::En, EventKind::CivilianReturn) => "Return of civilians",
            (Lang::En, EventKind::RemainsRepatriation) => "Repatriation of remains",
            (Lang::En, EventKind::UnilateralRelease) => "Unilateral release",
            (Lang::En, EventKind::Other) => "Handover",
            (Lang::Uk, EventKind::RemainsRepatriation) => "Репатріація тіл загиблих",
            (Lang::Uk, EventKind::CivilianReturn) => "Повернення цивільних",
            (Lang::Uk, _) => "Обмін полоненими",
            (Lang::Ru, EventKind::RemainsRepatriation) => "Передача тел погибших",
            (Lang::Ru, _) => "Обмен пленными",
        };
        match place {
            Some(p) => format!("{what}: {}", p.name),
            None => what.to_string(),
        }
    }

    /// The number actually transferred, by category.
    fn true_value(&mut self, category: Category) -> u64 {
        match category {
            Category::Remains => {
                if self.rng.u8(0..10) == 0 {
                    self.rng.u64(900..=1_212)
                } else {
                    self.rng.u64(10..=500)
                }
            }
            Category::Prisoners | Category::Soldiers => self.rng.u64(1..=400),
            Category::Civilians => self.rng.u64(1..=60),
            Category::Wounded => self.rng.u64(1..=120),
            Category::Under25 => self.rng.u64(1..=150),
        }
    }

    /// 1–5 claims from distinct sources near the event; the first figure's first claim
    /// cites `first_source`, so every source is cited somewhere.
    fn figure_claims(
        &mut self,
        first_source: u64,
        first_figure: bool,
        side: Side,
        truth: u64,
        cited: &mut Vec<u64>,
    ) -> Vec<Claim> {
        let count = weighted(&mut self.rng, &[30, 30, 20, 12, 8]) + 1;
        let mood = if self.rng.u8(0..100) < 55 {
            Mood::Agreeing
        } else {
            Mood::Disagreeing
        };
        let mut used: Vec<u64> = Vec::with_capacity(count);
        let mut claims = Vec::with_capacity(count);
        for c in 0..count {
            let source = if c == 0 && first_figure {
                first_source
            } else if c == 0 && !cited.is_empty() {
                cited[self.rng.usize(..cited.len())]
            } else {
                self.nearby_source(first_source, &used)
            };
            if used.contains(&source) {
                // Fewer sources exist than claims wanted.
                break;
            }
            used.push(source);
            if !cited.contains(&source) {
                cited.push(source);
            }
            let value = match mood {
                Mood::Agreeing => Quantity::Exact(truth),
                Mood::Disagreeing => self.disagreeing_value(truth),
            };
            claims.push(self.claim(source, side, value));
        }
        claims
    }

    /// A source published near the one given, not among `taken` when one can be found.
    pub(crate) fn nearby_source(&mut self, around: u64, taken: &[u64]) -> u64 {
        for _ in 0..8 {
            let offset = self.rng.i64(-4..=4);
            let j = around.saturating_add_signed(offset).min(self.sources - 1);
            if !taken.contains(&j) {
                return j;
            }
        }
        around
    }

    fn disagreeing_value(&mut self, truth: u64) -> Quantity {
        let round = |n: u64, to: u64| (n / to * to).max(1);
        match self.rng.u8(0..100) {
            0..45 => Quantity::Exact(truth),
            45..60 => {
                let delta = self.rng.u64(1..=truth.max(10) / 10 + 2);
                Quantity::Exact(if self.rng.bool() {
                    truth + delta
                } else {
                    truth.saturating_sub(delta).max(1)
                })
            }
            60..70 => Quantity::MoreThan(round(truth.saturating_sub(1), 10).min(truth - 1)),
            70..75 => Quantity::AtLeast(round(truth, 10)),
            75..82 => Quantity::Approximately(round(truth, 10)),
            82..87 => Quantity::Range {
                low: round(truth, 10),
                high: round(truth, 10) + 20,
            },
            87..90 => Quantity::FewerThan(round(truth, 100) + 100),
            _ => Quantity::NotDisclosed,
        }
    }

    fn claim(&mut self, source: u64, side: Side, value: Quantity) -> Claim {
        let outlet = self
            .outlet_of
            .get(source as usize)
            .copied()
            .unwrap_or_default();
        let (affiliation, _, lang, _) = OUTLETS[usize::from(outlet) % OUTLETS.len()];
        let status = match (affiliation.party(), self.rng.u8(0..100)) {
            (_, 0..2) => ClaimStatus::Denied,
            (Some(party), r) if party == side && r < 70 => ClaimStatus::Confirmed,
            (Some(_), _) => ClaimStatus::Claimed,
            (None, r) if r < 40 => ClaimStatus::Unconfirmed,
            (None, _) => ClaimStatus::Claimed,
        };
        let speakers = match lang {
            Lang::En => SPEAKERS_EN,
            Lang::Uk => SPEAKERS_UK,
            Lang::Ru => SPEAKERS_RU,
        };
        let attributed_to =
            (self.rng.u8(0..10) < 3).then(|| pick(&mut self.rng, speakers).to_string());
        let quote = self.rng.bool().then(|| quote(lang, side, value));
        Claim {
            source: source_id(source),
            value,
            status,
            attributed_to: attributed_to.map(Text::from),
            quote: quote.map(Quote::from),
            words: None,
            stated_on: None,
            parts: List::new(),
            answers: List::new(),
            notes: None,
        }
    }

    fn fact(&mut self, cited: &[u64]) -> Fact {
        let a = cited[0];
        let b = cited[1 + self.rng.usize(..cited.len() - 1)];
        let (id, question, yes, no, yes_quote, no_quote) = if self.rng.bool() {
            (
                "russia-confirmed",
                "Did Russia confirm the handover?",
                "yes",
                "no",
                "Российская сторона подтвердила передачу",
                "Moscow did not immediately confirm the exchange",
            )
        } else {
            (
                "mutual",
                "Was it a mutual exchange or a unilateral handover?",
                "exchange",
                "unilateral",
                "Відбувся обмін",
                "handed over unilaterally",
            )
        };
        Fact {
            id: id.into(),
            question: question.into(),
            claims: list![
                FactClaim {
                    source: source_id(a),
                    answer: yes.into(),
                    status: ClaimStatus::Claimed,
                    attributed_to: None,
                    quote: Some(yes_quote.into()),
                    stated_on: None,
                    notes: None,
                },
                FactClaim {
                    source: source_id(b),
                    answer: no.into(),
                    status: ClaimStatus::Unconfirmed,
                    attributed_to: None,
                    quote: Some(no_quote.into()),
                    stated_on: None,
                    notes: None,
                },
            ],
        }
    }
}
