//! The workbook form loses nothing: every bundled sample, every docs example
//! and generated datasets of any seed, written as .xlsx and read back, are
//! the same dataset; so are their claims and sources written as CSV, for
//! what CSV holds. A proptest runs the generated case over many seeds
//! (`PROPTEST_CASES=200 cargo test --test workbook_round_trip` for more).

use std::path::{Path, PathBuf};

use factsheet_core::load::load_bytes;
use factsheet_core::model::Dataset;
use factsheet_core::workbook::{read_bytes, to_csv, to_xlsx};
use proptest::prelude::*;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn json_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(folder))
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// `d` written as .xlsx and read back, with the reading's diagnostics.
fn through_xlsx(d: &Dataset) -> (Dataset, Vec<String>) {
    let bytes = to_xlsx(d).expect("writes");
    let read = read_bytes("round-trip.xlsx", &bytes, None);
    let messages = read.diagnostics.iter().map(ToString::to_string).collect();
    (read.dataset.expect("a dataset"), messages)
}

fn assert_same(before: &Dataset, after: &Dataset, what: &str) {
    if before != after {
        let a = serde_json::to_string_pretty(before).unwrap_or_default();
        let b = serde_json::to_string_pretty(after).unwrap_or_default();
        let first = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| format!("line {}: {x}  ≠  {y}", i + 1));
        panic!("{what} changed through the workbook: {first:?}");
    }
}

#[test]
fn every_sample_and_docs_example_reads_back_the_same() {
    let files: Vec<PathBuf> = json_files("sample_data")
        .into_iter()
        .chain(json_files("docs/examples"))
        .collect();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("reads");
        let d: Dataset = serde_json::from_slice(&bytes).expect("parses");
        let (back, messages) = through_xlsx(&d);
        assert!(messages.is_empty(), "{}: {messages:#?}", file.display());
        assert_same(&d, &back, &file.display().to_string());
    }
}

#[test]
fn the_format_page_dataset_example_reads_back_the_same() {
    let page = std::fs::read_to_string(Path::new(ROOT).join("docs/FORMAT.md")).expect("page");
    let (_, rest) = page
        .split_once("<!-- example: Dataset -->")
        .expect("a Dataset example");
    let json = rest
        .split_once("```json")
        .and_then(|(_, r)| r.split_once("```"))
        .map(|(j, _)| j)
        .expect("its block");
    let d: Dataset = serde_json::from_str(json).expect("parses");
    let (back, messages) = through_xlsx(&d);
    assert!(messages.is_empty(), "{messages:#?}");
    assert_same(&d, &back, "FORMAT.md's example");
}

#[test]
fn a_workbook_loads_like_its_json_with_the_same_warnings() {
    let today = jiff::civil::date(2026, 1, 1);
    let json =
        std::fs::read(Path::new(ROOT).join("sample_data/russia-ukraine-2025.json")).expect("reads");
    let d: Dataset = serde_json::from_slice(&json).expect("parses");
    let from_json = load_bytes(vec![("s.json".into(), json)], today);
    let from_xlsx = load_bytes(vec![("s.xlsx".into(), to_xlsx(&d).expect("writes"))], today);
    assert_eq!(from_xlsx.dataset, from_json.dataset);
    let words = |r: &factsheet_core::load::LoadReport| {
        let mut all: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.message.clone()))
            .collect();
        all.sort();
        all
    };
    assert_eq!(words(&from_xlsx), words(&from_json));
    assert!(
        !words(&from_json).is_empty(),
        "the sample has warnings to compare"
    );
    // The JSON's warnings point at lines; the workbook's at cells.
    assert!(
        from_xlsx
            .diagnostics
            .iter()
            .all(|d| d.path.is_none() || d.cell.is_some()),
        "{:#?}",
        from_xlsx.diagnostics
    );
}

#[test]
fn the_claims_and_sources_as_csv_read_back_as_those_claims() {
    let json = std::fs::read(Path::new(ROOT).join("docs/examples/one-event.json")).expect("reads");
    let d: Dataset = serde_json::from_slice(&json).expect("parses");
    let (claims, sources) = to_csv(&d);
    let read = read_bytes("one-event.csv", &claims, Some(&sources));
    assert!(
        read.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        read.diagnostics
    );
    let back = read.dataset.expect("a dataset");
    assert_eq!(back.sources, d.sources);
    assert_eq!(back.events.len(), d.events.len());
    for (a, b) in d.events.iter().zip(&back.events) {
        assert_eq!((&a.id, &a.date, a.kind), (&b.id, &b.date, b.kind));
        assert_eq!(a.figures, b.figures);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_read_back_the_same(events in 1u64..40, seed in any::<u64>()) {
        let d: Dataset = serde_json::from_slice(&factsheet_generate::to_bytes(events, seed))
            .expect("a generated file parses");
        let (back, messages) = through_xlsx(&d);
        prop_assert!(messages.is_empty(), "{messages:#?}");
        prop_assert_eq!(back, d);
    }
}

/// Datasets built from the model with every form a cell must carry: each
/// quantity form (a one-figure range too), event dates of every precision
/// written with any day, cut quotes, parts, answers, relays, agreements with
/// terms and facts, totals with scopes and baselines, estimates, place names.
mod built {
    use factsheet_core::model::*;
    use jiff::ToSpan;
    use jiff::civil::{Date, date};
    use proptest::prelude::*;

    /// Free text: Latin and Cyrillic, digits, punctuation; never blank.
    fn text() -> impl Strategy<Value = Text> {
        "[A-Za-zА-Яа-яІі0-9][A-Za-zА-Яа-яІі0-9 ,.\"'’–:=+-]{0,12}".prop_map(Text::from)
    }

    /// A list item: no separator, no spaces at its ends.
    fn item() -> impl Strategy<Value = Text> {
        "[A-Za-zА-Яа-я0-9]{1,8}".prop_map(Text::from)
    }

    fn day() -> impl Strategy<Value = Date> {
        (0i32..1500).prop_map(|n| {
            date(2022, 1, 1)
                .checked_add(n.days())
                .unwrap_or(date(2022, 1, 1))
        })
    }

    fn event_date() -> impl Strategy<Value = EventDate> {
        let precision = prop::sample::select(vec![
            DatePrecision::Day,
            DatePrecision::Approximate,
            DatePrecision::Week,
            DatePrecision::Month,
            DatePrecision::Year,
        ]);
        (day(), precision, prop::option::of(0i32..20)).prop_map(|(on, precision, until)| {
            EventDate {
                on,
                until: until.and_then(|n| on.checked_add((n + 1).days()).ok()),
                precision,
            }
        })
    }

    fn quantity() -> impl Strategy<Value = Quantity> {
        let n = 0u64..20_000_000_000_000_000;
        prop_oneof![
            n.clone().prop_map(Quantity::Exact),
            n.clone().prop_map(Quantity::Approximately),
            n.clone().prop_map(Quantity::AtLeast),
            n.clone().prop_map(Quantity::MoreThan),
            n.clone().prop_map(Quantity::AtMost),
            n.clone().prop_map(Quantity::FewerThan),
            (n.clone(), 0u64..1000).prop_map(|(low, d)| Quantity::Range { low, high: low + d }),
            Just(Quantity::NotDisclosed),
        ]
    }

    fn quote() -> impl Strategy<Value = Quote> {
        prop_oneof![
            text().prop_map(Quote::from),
            prop::collection::vec(text(), 2..4).prop_map(Quote::cut),
        ]
    }

    fn status() -> impl Strategy<Value = ClaimStatus> {
        prop::sample::select(vec![
            ClaimStatus::Confirmed,
            ClaimStatus::Claimed,
            ClaimStatus::Unconfirmed,
            ClaimStatus::Denied,
        ])
    }

    fn category() -> impl Strategy<Value = Category> {
        prop::sample::select(Category::ALL.to_vec())
    }

    fn side() -> impl Strategy<Value = Side> {
        prop::sample::select(Side::ALL.to_vec())
    }

    fn part() -> impl Strategy<Value = Part> {
        (
            category(),
            prop::option::of("[a-z]{1,6}( [a-z]{1,6})?"),
            quantity(),
        )
            .prop_map(|(category, label, value)| Part {
                category,
                label: label.map(Text::from),
                value,
            })
    }

    fn claim() -> impl Strategy<Value = Claim> {
        (
            (item(), quantity(), status(), prop::option::of(text())),
            (
                prop::option::of(quote()),
                prop::option::of(text()),
                prop::option::of(event_date()),
            ),
            (
                prop::collection::vec(part(), 0..3),
                prop::option::of(text()),
                prop::collection::vec(item(), 0..3),
            ),
        )
            .prop_map(
                |(
                    (source, value, status, attributed_to),
                    (quote, words, stated_on),
                    (parts, notes, answers),
                )| Claim {
                    source,
                    value,
                    status,
                    attributed_to,
                    quote,
                    words,
                    stated_on,
                    parts: parts.into_iter().collect(),
                    notes,
                    answers: answers.into_iter().collect(),
                },
            )
    }

    fn claims() -> impl Strategy<Value = List<Claim>> {
        prop::collection::vec(claim(), 0..3).prop_map(|c| c.into_iter().collect())
    }

    fn place() -> impl Strategy<Value = Option<Place>> {
        let precision = prop::sample::select(vec![
            PlacePrecision::Site,
            PlacePrecision::Border,
            PlacePrecision::Region,
            PlacePrecision::Country,
            PlacePrecision::Unknown,
        ]);
        prop::option::of(
            (text(), precision).prop_map(|(name, precision)| Place { name, precision }),
        )
    }

    fn fact(i: usize) -> impl Strategy<Value = Fact> {
        let claim = (
            item(),
            text(),
            status(),
            prop::option::of(text()),
            prop::option::of(quote()),
            prop::option::of(event_date()),
            prop::option::of(text()),
        )
            .prop_map(
                |(source, answer, status, attributed_to, quote, stated_on, notes)| FactClaim {
                    source,
                    answer,
                    status,
                    attributed_to,
                    quote,
                    stated_on,
                    notes,
                },
            );
        (text(), prop::collection::vec(claim, 0..3)).prop_map(move |(question, claims)| Fact {
            id: Text::from(format!("fact{i}")),
            question,
            claims: claims.into_iter().collect(),
        })
    }

    fn list() -> impl Strategy<Value = List<Text>> {
        prop::collection::vec(item(), 0..3).prop_map(|l| l.into_iter().collect())
    }

    fn event(i: usize) -> impl Strategy<Value = Event> {
        let figure = |j: usize| {
            (
                prop::option::of(side()),
                category(),
                prop::option::of(text()),
                claims(),
            )
                .prop_map(move |(received_by, category, label, claims)| Figure {
                    id: Text::from(format!("f{j}")),
                    received_by,
                    category,
                    label,
                    claims,
                })
        };
        let kind = prop::sample::select(EventKind::ALL.to_vec());
        let date_claim = (
            item(),
            event_date(),
            prop::option::of(text()),
            prop::option::of(quote()),
        )
            .prop_map(|(source, date, attributed_to, quote)| DateClaim {
                source,
                date,
                attributed_to,
                quote,
            });
        let link = (
            item(),
            prop::option::of(item()),
            prop::option::of(text()),
            prop::option::of(quote()),
            prop::option::of(text()),
        )
            .prop_map(
                |(source, agreement, attributed_to, quote, notes)| LinkClaim {
                    source,
                    agreement,
                    attributed_to,
                    quote,
                    notes,
                },
            );
        (
            (
                text(),
                event_date(),
                kind,
                place(),
                list(),
                prop::option::of(item()),
            ),
            (
                figure(0),
                prop::option::of(figure(1)),
                prop::option::of(fact(0)),
            ),
            (
                prop::collection::vec(date_claim, 0..2),
                prop::collection::vec(link, 0..2),
                prop::option::of(text()),
                list(),
                list(),
            ),
        )
            .prop_map(
                move |(
                    (title, date, kind, place, mediators, agreement),
                    (f0, f1, fact),
                    (dates, links, notes, same_as, distinct_from),
                )| Event {
                    id: Text::from(format!("event-{i}")),
                    title,
                    date,
                    kind,
                    place,
                    mediators,
                    agreement,
                    figures: std::iter::once(f0).chain(f1).collect(),
                    facts: fact.into_iter().collect(),
                    dates: dates.into_iter().collect(),
                    links: links.into_iter().collect(),
                    notes,
                    same_as,
                    distinct_from,
                },
            )
    }

    fn agreement() -> impl Strategy<Value = Agreement> {
        let term = (
            text(),
            side(),
            category(),
            claims(),
            prop::option::of(text()),
        )
            .prop_map(|(description, received_by, category, claims, notes)| Term {
                id: Text::from("t1"),
                description,
                received_by,
                category,
                claims,
                notes,
            });
        let kind = prop::sample::select(vec![AgreementKind::Agreement, AgreementKind::Promise]);
        (
            (text(), kind, event_date(), place(), list(), list()),
            (
                prop::option::of(term),
                prop::option::of(fact(1)),
                prop::option::of(text()),
                list(),
                list(),
            ),
        )
            .prop_map(
                |(
                    (title, kind, date, place, parties, mediators),
                    (term, fact, notes, same_as, distinct_from),
                )| Agreement {
                    id: Text::from("ag"),
                    title,
                    kind,
                    date,
                    place,
                    parties,
                    mediators,
                    terms: term.into_iter().collect(),
                    facts: fact.into_iter().collect(),
                    notes,
                    same_as,
                    distinct_from,
                },
            )
    }

    fn coarse() -> impl Strategy<Value = CoarseDate> {
        prop_oneof![
            day().prop_map(CoarseDate::day),
            day().prop_map(|d| d
                .strftime("%Y-%m")
                .to_string()
                .parse()
                .unwrap_or(CoarseDate::day(d))),
            day().prop_map(|d| d.year().to_string().parse().unwrap_or(CoarseDate::day(d))),
        ]
    }

    fn total() -> impl Strategy<Value = RunningTotal> {
        let scope = (
            prop::option::of(item()),
            prop::option::of(coarse()),
            prop::option::of(coarse()),
            prop::option::of(side()),
            prop::option::of(category()),
            prop::option::of(prop::sample::select(EventKind::ALL.to_vec())),
        )
            .prop_map(
                |(agreement, from, until, received_by, category, kind)| TotalScope {
                    agreement,
                    from,
                    until,
                    received_by,
                    category,
                    kind,
                },
            );
        let baseline = (day(), quantity(), item(), prop::option::of(text())).prop_map(
            |(before, value, source, quote)| Baseline {
                before,
                value,
                source,
                quote,
            },
        );
        let counts = prop::sample::select(vec![TotalCounts::People, TotalCounts::Events]);
        (
            text(),
            scope,
            counts,
            claims(),
            prop::option::of(baseline),
            prop::option::of(text()),
        )
            .prop_map(|(description, scope, counts, claims, baseline, notes)| {
                RunningTotal {
                    id: Text::from("total"),
                    description,
                    scope,
                    counts,
                    claims,
                    baseline,
                    notes,
                }
            })
    }

    fn estimate() -> impl Strategy<Value = ContextEstimate> {
        (
            text(),
            category(),
            prop::option::of(side()),
            prop::option::of(coarse()),
            claims(),
            prop::option::of(text()),
        )
            .prop_map(|(description, category, held_by, as_of, claims, notes)| {
                ContextEstimate {
                    id: Text::from("estimate"),
                    description,
                    category,
                    held_by,
                    as_of,
                    claims,
                    notes,
                }
            })
    }

    fn source(i: usize) -> impl Strategy<Value = Source> {
        let affiliation = prop::sample::select(vec![
            Affiliation::UkrainianGovernment,
            Affiliation::RussianStateMedia,
            Affiliation::ThirdCountryGovernment,
            Affiliation::Unknown,
        ]);
        let how = prop::sample::select(vec![
            RelayKind::WireCopy,
            RelayKind::Reprint,
            RelayKind::Translation,
            RelayKind::QuotedSecondHand,
        ]);
        (
            (
                text(),
                prop::option::of(text()),
                prop::option::of(text()),
                prop::option::of(day()),
                prop::option::of(item()),
            ),
            (
                affiliation,
                prop::option::of(text()),
                prop::option::of(day()),
                prop::option::of(text()),
                prop::option::of((item(), how)),
            ),
            prop::option::of((
                item(),
                prop::option::of(text()),
                prop::option::of(day()),
                prop::option::of(text()),
            )),
        )
            .prop_map(
                move |(
                    (outlet, title, url, published, language),
                    (affiliation, archive_url, retrieved, notes, relays),
                    saved_copy,
                )| Source {
                    id: Text::from(format!("s{i}")),
                    outlet,
                    title,
                    url,
                    published,
                    language,
                    affiliation,
                    archive_url,
                    retrieved,
                    notes,
                    relays: relays.map(|(source, how)| Relay { source, how }),
                    saved_copy: saved_copy.map(|(path, url, retrieved, sha256)| SavedCopy {
                        path,
                        url,
                        retrieved,
                        sha256,
                    }),
                },
            )
    }

    pub fn dataset() -> impl Strategy<Value = Dataset> {
        let coverage = prop::sample::select(vec![Coverage::Complete, Coverage::Partial]);
        (
            (
                text(),
                prop::option::of(text()),
                prop::option::of(day()),
                coverage,
                1u32..3,
            ),
            (prop::collection::vec(source(0), 0..2), source(1)),
            (event(0), prop::option::of(event(1))),
            (
                prop::option::of(agreement()),
                prop::option::of(total()),
                prop::option::of(estimate()),
            ),
            prop::collection::vec((text(), prop::collection::vec(item(), 0..3)), 0..2),
        )
            .prop_map(
                |(
                    (title, description, updated, coverage, format_version),
                    (s0, s1),
                    (e0, e1),
                    (agreement, total, estimate),
                    places,
                )| Dataset {
                    format_version,
                    title,
                    description,
                    updated,
                    coverage,
                    sources: s0.into_iter().chain([s1]).collect(),
                    agreements: agreement.into_iter().collect(),
                    events: std::iter::once(e0).chain(e1).collect(),
                    running_totals: total.into_iter().collect(),
                    estimates: estimate.into_iter().collect(),
                    place_names: places
                        .into_iter()
                        .map(|(canonical, variants)| PlaceName {
                            canonical,
                            variants: variants.into_iter().collect(),
                        })
                        .collect(),
                },
            )
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn datasets_with_every_form_read_back_the_same(d in built::dataset()) {
        let (back, messages) = through_xlsx(&d);
        prop_assert!(messages.is_empty(), "{messages:#?}");
        prop_assert_eq!(back, d);
    }
}

/// `bytes` as another spreadsheet program saves it after a person changed
/// one cell: every cell read with calamine and written again with
/// rust_xlsxwriter (strings, numbers, dates as dates), none of factsheet's
/// formatting or notes kept, and the cell of `sheet` at `row` under the
/// header `column` typed over with `typed`.
fn edited_by_hand(bytes: &[u8], sheet: &str, row: usize, column: &str, typed: &str) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let target = range.rows().next().and_then(|h| {
            h.iter()
                .position(|c| matches!(c, Data::String(s) if s == column))
        });
        let page = out.add_worksheet();
        page.set_name(&name).unwrap();
        for (r, cells) in range.rows().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (rr, cc) = (r as u32, c as u16);
                if name == sheet && r == row && Some(c) == target {
                    page.write_string(rr, cc, typed).unwrap();
                    continue;
                }
                match cell {
                    Data::Empty => {}
                    Data::String(s) => {
                        page.write_string(rr, cc, s).unwrap();
                    }
                    Data::Float(f) => {
                        page.write_number(rr, cc, *f).unwrap();
                    }
                    Data::Int(i) => {
                        page.write_number(rr, cc, *i as f64).unwrap();
                    }
                    Data::Bool(b) => {
                        page.write_boolean(rr, cc, *b).unwrap();
                    }
                    Data::DateTime(dt) => {
                        let (y, m, d, ..) = dt.to_ymd_hms_milli();
                        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
                        page.write_datetime_with_format(rr, cc, &day, &date)
                            .unwrap();
                    }
                    other => panic!("{name} {r}:{c}: an unexpected cell {other:?}"),
                }
            }
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_edited_by_hand_keeps_everything_the_person_did_not_touch() {
    let file = Path::new(ROOT).join("sample_data/russia-ukraine-2025.json");
    let d: Dataset = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let bytes = to_xlsx(&d).expect("writes");
    // The first claim row of the Claims sheet is the first figure claim of
    // the first event with figures (rows in the file's order).
    let (e, event) = d
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| !e.figures.is_empty())
        .unwrap();
    assert!(!event.figures[0].claims.is_empty());
    let edited = edited_by_hand(&bytes, "Claims", 1, "Value", "more than 1,000");
    let read = read_bytes("edited.xlsx", &edited, None);
    let messages: Vec<String> = read.diagnostics.iter().map(ToString::to_string).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    let mut expected = d.clone();
    expected.events[e].figures[0].claims[0].value = factsheet_core::model::Quantity::MoreThan(1000);
    assert_ne!(expected, d, "the edit changes something");
    assert_same(
        &expected,
        &read.dataset.expect("a dataset"),
        "the edited workbook",
    );
}
