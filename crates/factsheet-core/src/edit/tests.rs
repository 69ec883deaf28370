//! Edits applied and undone on a small dataset written out here, so every
//! expected value is read off the text.

use super::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{ClaimStatus, Quantity, parse_quantity};
use jiff::civil::date;

const SMALL: &str = r#"{
  "format_version": 2,
  "title": "Small",
  "sources": [
    {"id": "a", "outlet": "Agency A", "published": "2025-06-12"},
    {"id": "b", "outlet": "Paper B"},
    {"id": "c", "outlet": "Unused C"}
  ],
  "events": [
    {"id": "e1", "title": "Bodies returned", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation",
     "figures": [
       {"id": "f1", "received_by": "ukraine", "category": "remains", "claims": [
         {"source": "a", "value": {"exact": 1212}},
         {"source": "b", "value": {"more_than": 1000}}
       ]}
     ],
     "facts": [
       {"id": "q", "question": "Did Russia confirm?", "claims": [
         {"source": "b", "answer": "yes"}
       ]}
     ]}
  ]
}"#;

fn small() -> Dataset {
    serde_json::from_str(SMALL).unwrap()
}

fn claim(source: &str, value: Quantity) -> Claim {
    Claim::new(source, value)
}

fn source(id: &str, outlet: &str) -> Source {
    serde_json::from_value(serde_json::json!({"id": id, "outlet": outlet})).unwrap()
}

const C1: Target = Target::Claim {
    event: 0,
    figure: 0,
    claim: 1,
};

#[test]
fn each_edit_returns_its_inverse() {
    let before = small();
    let mut d = before.clone();
    let edits = [
        Edit::Insert {
            at: Target::Source(3),
            item: Item::Source(source("d", "New D")),
        },
        Edit::Replace {
            at: C1,
            item: Item::Claim(claim("b", Quantity::Exact(1000))),
        },
        Edit::Remove {
            at: Target::Figure {
                event: 0,
                figure: 0,
            },
        },
        Edit::Remove {
            at: Target::FactClaim {
                event: 0,
                fact: 0,
                claim: 0,
            },
        },
    ];
    for edit in edits {
        let undo = edit.clone().apply(&mut d).unwrap();
        assert_ne!(d, before, "{edit:?} changed nothing");
        let redo = undo.apply(&mut d).unwrap();
        assert_eq!(d, before, "undoing {edit:?}");
        assert_eq!(redo, edit, "the inverse of the inverse is the edit");
    }
}

#[test]
fn edits_change_what_they_say() {
    let mut d = small();
    Edit::Insert {
        at: Target::Claim {
            event: 0,
            figure: 0,
            claim: 2,
        },
        item: Item::Claim(claim("c", Quantity::Approximately(1200))),
    }
    .apply(&mut d)
    .unwrap();
    let claims = &d.events[0].figures[0].claims;
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[2].source, "c");
    assert_eq!(claims[2].value, Quantity::Approximately(1200));
    Edit::Remove {
        at: Target::Source(1),
    }
    .apply(&mut d)
    .unwrap();
    let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
}

#[test]
fn a_wrong_place_or_kind_is_refused_and_changes_nothing() {
    let mut d = small();
    let before = d.clone();
    let far = Target::Claim {
        event: 0,
        figure: 0,
        claim: 5,
    };
    assert_eq!(
        Edit::Remove { at: far }.apply(&mut d),
        Err(EditError::NoSuchPlace(far))
    );
    assert_eq!(
        Edit::Replace {
            at: Target::Source(0),
            item: Item::Claim(claim("a", Quantity::Exact(1)))
        }
        .apply(&mut d),
        Err(EditError::WrongKind(Target::Source(0)))
    );
    // A group stops at its failing edit and undoes what it did before.
    let group = Edit::Group(vec![
        Edit::Remove {
            at: Target::Source(2),
        },
        Edit::Remove { at: far },
    ]);
    assert!(group.apply(&mut d).is_err());
    assert_eq!(d, before);
}

#[test]
fn history_undoes_and_redoes_and_knows_what_is_saved() {
    let mut d = small();
    let before = d.clone();
    let mut h = History::new();
    assert!(!h.is_dirty());
    assert_eq!(h.undo(&mut d), Err(EditError::NothingToDo));
    h.apply(
        &mut d,
        Edit::Insert {
            at: Target::Source(3),
            item: Item::Source(source("d", "New D")),
        },
    )
    .unwrap();
    let one = d.clone();
    h.apply(
        &mut d,
        Edit::Replace {
            at: C1,
            item: Item::Claim(claim("b", Quantity::Exact(999))),
        },
    )
    .unwrap();
    let two = d.clone();
    assert!(h.is_dirty());
    assert_eq!(h.undo_label(), Some("change a claim"));
    h.mark_saved();
    assert!(!h.is_dirty());

    h.undo(&mut d).unwrap();
    assert_eq!(d, one);
    assert!(h.is_dirty(), "the file holds the state undone");
    assert_eq!(h.redo_label(), Some("change a claim"));
    h.undo(&mut d).unwrap();
    assert_eq!(d, before);
    h.redo(&mut d).unwrap();
    h.redo(&mut d).unwrap();
    assert_eq!(d, two);
    assert!(!h.is_dirty(), "back at the saved state");
    assert_eq!(h.redo(&mut d), Err(EditError::NothingToDo));

    // A new edit after an undo drops the redo, and the saved state with it.
    h.undo(&mut d).unwrap();
    h.apply(
        &mut d,
        Edit::Remove {
            at: Target::Source(2),
        },
    )
    .unwrap();
    assert_eq!(h.redo_label(), None);
    h.undo(&mut d).unwrap();
    assert_eq!(d, one);
    assert!(h.is_dirty());
}

#[test]
fn a_cited_source_is_refused_with_what_cites_it() {
    let d = small();
    let Err(EditError::Cited { source, by }) = remove_source(&d, "b", false) else {
        panic!("removing a cited source should be refused");
    };
    assert_eq!(source, "b");
    let paths: Vec<&str> = by.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "events[0].figures[0].claims[1]",
            "events[0].facts[0].claims[0]"
        ]
    );
    assert_eq!(
        by[0].what,
        "a claim of the figure \"f1\" of the event \"e1\""
    );
    let message = EditError::Cited { source, by }.to_string();
    assert!(message.starts_with("the source \"b\" is still cited by a claim of the figure"));
}

#[test]
fn a_cited_source_goes_with_its_claims_when_asked_and_comes_back_whole() {
    let before = small();
    let mut d = before.clone();
    let edit = remove_source(&d, "b", true).unwrap();
    let undo = edit.apply(&mut d).unwrap();
    let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(d.events[0].figures[0].claims.len(), 1);
    assert_eq!(d.events[0].facts[0].claims.len(), 0);
    undo.apply(&mut d).unwrap();
    assert_eq!(d, before);
    // An uncited source goes alone, as one plain removal.
    assert_eq!(
        remove_source(&d, "c", false),
        Ok(Edit::Remove {
            at: Target::Source(2)
        })
    );
}

#[test]
fn a_relay_keeps_its_source_even_when_claims_may_go() {
    let mut d = small();
    d.sources[0].relays = Some(crate::model::Relay {
        source: "c".into(),
        how: Default::default(),
    });
    let Err(EditError::Cited { by, .. }) = remove_source(&d, "c", true) else {
        panic!("a relayed source should stay");
    };
    assert_eq!(by[0].path, "sources[0].relays");
    assert_eq!(by[0].removable, None);
}

#[test]
fn checking_an_item_gives_the_loaders_diagnostics_for_it_only() {
    let mut d = small();
    let today = date(2025, 7, 1);
    let at = Target::Source(1);
    let mut bad = source("b", "Paper B");
    bad.url = Some("ftp://example.org/b".into());
    let found = preview(
        &mut d,
        Edit::Replace {
            at,
            item: Item::Source(bad),
        },
        at,
        "small.json",
        today,
    )
    .unwrap();
    assert_eq!(d, small(), "a preview leaves the data as it was");
    let url: Vec<&Diagnostic> = for_field(&found, at, "url").collect();
    assert_eq!(url.len(), 1, "{found:?}");
    assert_eq!(url[0].severity, Severity::Warning);
    assert_eq!(
        url[0].message,
        "\"ftp://example.org/b\" is not an http or https link: it will not be opened"
    );
    // The unused source "c" is warned about, but not as part of source 1.
    assert!(found.iter().all(|d| !d.message.contains("\"c\"")));

    // A claim citing no known source, and an id used twice.
    let at = Target::Claim {
        event: 0,
        figure: 0,
        claim: 2,
    };
    let found = preview(
        &mut d,
        Edit::Insert {
            at,
            item: Item::Claim(claim("nobody", Quantity::Exact(5))),
        },
        at,
        "small.json",
        today,
    )
    .unwrap();
    let source_problems: Vec<&Diagnostic> = for_field(&found, at, "source").collect();
    assert_eq!(source_problems.len(), 1, "{found:?}");
    assert!(source_problems[0].is_error());
    let at = Target::Source(3);
    let found = preview(
        &mut d,
        Edit::Insert {
            at,
            item: Item::Source(source("a", "Again A")),
        },
        at,
        "small.json",
        today,
    )
    .unwrap();
    assert!(found.iter().any(|d| d.is_error()), "{found:?}");
}

#[test]
fn typed_values_give_the_parsers_messages() {
    assert_eq!(
        parse_quantity("twelve hundred"),
        Err(format!(
            "\"twelve hundred\" is not {}",
            crate::model::QUANTITY_FORMS
        ))
    );
    assert_eq!(
        parse_quantity("300–250"),
        Err("the range \"300–250\" is upside down: the lower figure comes first".to_string())
    );
    let mut c = claim("a", parse_quantity("more than 500").unwrap());
    c.status = ClaimStatus::Confirmed;
    assert_eq!(c.value, Quantity::MoreThan(500));
}

#[test]
fn an_edit_that_makes_the_counts_too_large_to_add_is_an_error_as_at_load() {
    // A second event after e1, its one claim small: 1212 (e1's largest
    // claim) + 5 adds up.
    let mut d = small();
    let mut second = d.events[0].clone();
    second.id = "e2".into();
    second.facts.clear();
    second.figures[0].claims.truncate(1);
    second.figures[0].claims[0].value = Quantity::Exact(5);
    d.events.push(second);
    let today = date(2025, 7, 1);
    let at = Target::Claim {
        event: 1,
        figure: 0,
        claim: 0,
    };
    let edited = |value| Edit::Replace {
        at,
        item: Item::Claim(claim("a", value)),
    };
    let too_large = |found: &[Diagnostic]| {
        found
            .iter()
            .filter(|d| d.is_error() && d.message.contains("18,446,744,073,709,551,615"))
            .map(|d| d.path.clone())
            .collect::<Vec<_>>()
    };
    // 1212 + 18446744073709550403 is u64::MAX exactly: it adds up.
    let found = preview(
        &mut d,
        edited(Quantity::Exact(18_446_744_073_709_550_403)),
        at,
        "small.json",
        today,
    )
    .unwrap();
    assert_eq!(too_large(&found), Vec::<Option<String>>::new(), "{found:?}");
    // One more and it does not: refused as a load refuses it, said at the
    // claim's value, naming the figure where the sum passes the limit.
    let found = preview(
        &mut d,
        edited(Quantity::Exact(u64::MAX)),
        at,
        "small.json",
        today,
    )
    .unwrap();
    assert_eq!(
        too_large(&found),
        vec![Some("events[1].figures[0].claims[0].value".to_string())],
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("(at events[1].figures[0])")),
        "{found:?}"
    );

    // The first event's claim made as large: the sum passes the limit at the
    // second event's figure, and the edited claim is told so.
    let first = Target::Claim {
        event: 0,
        figure: 0,
        claim: 0,
    };
    d.events[1].figures[0].claims[0].value = Quantity::Exact(18_446_744_073_709_550_403);
    let found = preview(
        &mut d,
        Edit::Replace {
            at: first,
            item: Item::Claim(claim("a", Quantity::Exact(1213))),
        },
        first,
        "small.json",
        today,
    )
    .unwrap();
    assert_eq!(
        too_large(&found),
        vec![Some("events[0].figures[0].claims[0].value".to_string())],
        "{found:?}"
    );
}
