//! Tests of the semantic checks (load/validate.rs).

use super::*;
use jiff::civil::date;

fn check(json: &str) -> Vec<Diagnostic> {
    let d: Dataset = serde_json::from_str(json).unwrap();
    validate(&d, "t.json", &KnownIds::of(&[&d]), date(2026, 1, 1))
}

#[test]
fn events_citing_no_source_are_listed_up_to_a_limit_then_counted() {
    let events: Vec<String> = (0..250)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "title": "t", "date": {{"on": "2025-01-01"}}, "kind": "other"}}"#
            )
        })
        .collect();
    let diags = check(&format!(
        r#"{{"format_version": 1, "title": "t", "events": [{}]}}"#,
        events.join(",")
    ));
    let listed: Vec<&str> = diags
        .iter()
        .filter(|d| d.message.ends_with("cites no source at all"))
        .filter_map(|d| d.path.as_deref())
        .collect();
    assert_eq!(listed.len(), 200);
    assert_eq!(listed.first(), Some(&"events[0]"));
    assert_eq!(listed.last(), Some(&"events[199]"));
    let rest: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.starts_with("50 more events cite no source"))
        .collect();
    assert_eq!(rest.len(), 1, "{diags:#?}");
    assert_eq!(diags.len(), 201, "{diags:#?}");
}

#[test]
fn events_citing_no_source_past_the_listed_ones_get_no_warning_built() {
    // 450 events citing nothing, checked by two passes meeting anywhere: the
    // first 200 listed, 250 counted; the pass from the first event builds
    // no warning past its 200th.
    let events: Vec<String> = (0..450)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "title": "t", "date": {{"on": "2025-01-01"}}, "kind": "other"}}"#
            )
        })
        .collect();
    let d: Dataset = serde_json::from_str(&format!(
        r#"{{"format_version": 1, "title": "t", "events": [{}]}}"#,
        events.join(",")
    ))
    .unwrap();
    let known = KnownIds::of(&[&d]);
    let own = HashMap::new();
    let n = d.events.len();
    for at in [n, 0, 1, 199, 200, 201, 300] {
        let (main, other) = (Unchecked::new(0), Unchecked::new(0));
        (*main.left(), *other.left()) = (0..at, at..n);
        let uncited = Uncited::default();
        let validator = |unchecked, first| Validator {
            file: "t.json",
            known: &known,
            today: date(2026, 1, 1),
            out: Vec::new(),
            own_sources: &own,
            cited: Vec::new(),
            unchecked,
            first,
            uncited_listed: 0,
            uncited: &uncited,
        };
        let mut v = validator(&main, true);
        v.dataset(&d, || Aside::of(&d, validator(&other, false), Vec::new()));
        let mut out = v.out;
        if at == n {
            assert_eq!(out.len(), 200, "built by the first pass alone");
        }
        list_few_uncited(&mut out, "t.json", uncited.counted.into_inner());
        let listed: Vec<&str> = out.iter().filter_map(|d| d.path.as_deref()).collect();
        let expected: Vec<String> = (0..200).map(|i| format!("events[{i}]")).collect();
        assert_eq!(listed, expected, "meeting at event {at}");
        assert_eq!(
            out.last().map(|d| d.message.as_str()),
            Some("250 more events cite no source at all, not listed here"),
            "meeting at event {at}"
        );
        assert_eq!(out.len(), 201, "meeting at event {at}");
    }
}

#[test]
fn a_large_dataset_gets_the_same_diagnostics_with_part_of_the_checks_aside() {
    let mut d = crate::testing::generated_dataset(crate::parallel::SPLIT_FROM as u64 + 500, 6);
    // Errors and warnings of every kind, among the disagreements, in both
    // parts of the events; and a source only the last event cites.
    let last = d.events.len() - 1;
    d.events[3].date.on = date(2031, 1, 1);
    d.events[5].id = d.events[4].id.clone();
    d.events[last - 1].figures[0].claims[0].source = "nobody".into();
    let only_last = d.sources.len();
    let mut lone = d.sources[0].clone();
    lone.id = "cited-last".into();
    d.sources.push(lone);
    d.events[last].figures[0].claims[0].source = "cited-last".into();
    let known = KnownIds::of(&[&d]);
    let aside = validate(&d, "t.json", &known, date(2026, 1, 1));

    // On this thread, the main pass's events and the aside's meeting at
    // `at`: all of them in the main pass, none, or any share.
    let mut own = HashMap::new();
    for (i, s) in d.sources.iter().enumerate() {
        own.entry(s.id.as_str()).or_insert(i);
    }
    let (main, other) = (Unchecked::new(0), Unchecked::new(0));
    let uncited = Uncited::default();
    let validator = |unchecked, first| Validator {
        file: "t.json",
        known: &known,
        today: date(2026, 1, 1),
        out: Vec::new(),
        own_sources: &own,
        cited: vec![false; d.sources.len()],
        unchecked,
        first,
        uncited_listed: 0,
        uncited: &uncited,
    };
    let n = d.events.len();
    for at in [n, 0, 1, CHUNK + 7, n / 2, n - 1] {
        (*main.left(), *other.left()) = (0..at, at..n);
        let mut v = validator(&main, true);
        v.dataset(&d, || {
            let disagreements = crate::compare::warnings::disagreements(&d);
            Aside::of(&d, validator(&other, false), disagreements)
        });
        assert_eq!(aside, v.out, "meeting at event {at}");
    }
    assert!(aside.iter().any(|w| w.message.contains("disagree")));
    assert!(aside.iter().any(|w| w.message.contains("used twice")));
    assert!(aside.iter().any(|w| w.message.contains("\"nobody\"")));
    assert!(
        !aside
            .iter()
            .any(|w| w.path.as_deref() == Some(&*format!("sources[{only_last}]")))
    );
}

#[test]
fn the_two_passes_take_every_event_once_in_chunks_from_either_end() {
    for n in [0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 5] {
        let unchecked = Unchecked::new(n);
        let (mut front, mut back) = (Vec::new(), Vec::new());
        // Alternately, as the two threads might.
        for turn in 0.. {
            let taken = if turn % 3 == 2 {
                unchecked.back().map(|r| back.push(r))
            } else {
                unchecked.front().map(|r| front.push(r))
            };
            if taken.is_none() && unchecked.front().is_none() && unchecked.back().is_none() {
                break;
            }
        }
        back.reverse();
        let order: Vec<usize> = front.into_iter().chain(back).flatten().collect();
        assert_eq!(order, (0..n).collect::<Vec<_>>(), "{n} events");
    }
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
            d.is_error() == sev_err && d.path.as_deref() == Some(path) && d.message.contains(words)
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
fn an_event_over_before_the_agreement_it_fulfils_is_flagged() {
    let events = |date: &str| {
        format!(
            r#"{{"format_version": 1, "title": "t",
                "agreements": [{{"id": "a1", "title": "A", "date": {{"on": "2025-06-02"}}}}],
                "events": [{{"id": "e", "title": "t", "date": {date}, "kind": "other",
                             "agreement": "a1"}}]}}"#
        )
    };
    let early = |date: &str| {
        check(&events(date))
            .into_iter()
            .filter(|d| d.path.as_deref() == Some("events[0].agreement"))
            .map(|d| (d.is_error(), d.message))
            .collect::<Vec<_>>()
    };
    let flagged = early(r#"{"on": "2025-06-01"}"#);
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(!flagged[0].0, "a warning, not an error");
    assert!(flagged[0].1.contains("2025-06-02"), "{flagged:?}");
    // On the day, or a span reaching it (what the tab counts as delivering), is fine.
    assert!(early(r#"{"on": "2025-06-02"}"#).is_empty());
    assert!(early(r#"{"on": "2025-05-30", "until": "2025-06-03"}"#).is_empty());
    assert!(early(r#"{"on": "2025-06-01", "precision": "month"}"#).is_empty());
}

#[test]
fn duplicate_ids_are_found_in_short_and_long_lists() {
    // Up to 8 ids are compared pairwise, more go through a hash set: both must agree.
    for n in [3, 20] {
        let events: Vec<String> = (0..n)
                .map(|i| {
                    let id = if i == n - 1 { 0 } else { i };
                    format!(r#"{{"id": "e{id}", "title": "t", "date": {{"on": "2025-01-01"}}, "kind": "other"}}"#)
                })
                .collect();
        let json = format!(
            r#"{{"format_version": 1, "title": "t", "events": [{}]}}"#,
            events.join(",")
        );
        let twice: Vec<_> = check(&json)
            .into_iter()
            .filter(|d| d.message.contains("used twice"))
            .collect();
        assert_eq!(twice.len(), 1, "{n}: {twice:#?}");
        assert_eq!(twice[0].path, Some(format!("events[{}].id", n - 1)), "{n}");
        assert!(twice[0].message.contains("\"e0\""), "{n}");
    }
}

#[test]
fn a_count_no_exchange_could_hold_is_warned_with_its_path() {
    let json = r#"{"format_version": 1, "title": "t",
            "sources": [{"id": "s1", "outlet": "X"}],
            "events": [{"id": "e1", "title": "t", "date": {"on": "2025-06-01"}, "kind": "other",
               "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
                  "claims": [{"source": "s1", "value": {"exact": 1000000}},
                             {"source": "s1", "value": {"exact": 18446744073709551615}},
                             {"source": "s1", "value": {"range": {"low": 10, "high": 1000001}}},
                             {"source": "s1", "value": {"more_than": 5000000}}]}]}]}"#;
    let implausible: Vec<_> = check(json)
        .into_iter()
        .filter(|d| d.message.contains("more people than any real exchange"))
        .map(|d| (d.is_error(), d.path.unwrap_or_default(), d.message))
        .collect();
    let says = |n: &str| {
        format!(
            "one claim of {n} people: more people than any real exchange could hold \
                 (at most 1,000,000 is taken as plausible): a typo?"
        )
    };
    let claim = |k: usize, field: &str| format!("events[0].figures[0].claims[{k}].value.{field}");
    assert_eq!(
        implausible,
        [
            (false, claim(1, "exact"), says("18,446,744,073,709,551,615")),
            (false, claim(2, "range.high"), says("1,000,001")),
            (false, claim(3, "more_than"), says("5,000,000")),
        ]
    );
    // Why the warning is needed: summed, these claims saturate at
    // u64::MAX, silently, with nothing in the total to say it is wrong.
    let d: Dataset = serde_json::from_str(json).unwrap();
    let mut sum = crate::stats::Sum::default();
    for c in &d.events[0].figures[0].claims {
        sum.add(&crate::compare::estimate(std::slice::from_ref(c)));
    }
    assert_eq!(sum.low, u64::MAX);
}

#[test]
fn web_links_only() {
    assert!(is_web_link("https://example.org/a"));
    assert!(is_web_link("HTTP://example.org"));
    assert!(!is_web_link("file:///etc/passwd"));
    assert!(!is_web_link("javascript:alert(1)"));
    assert!(!is_web_link("https://"));
}
