//! Edits of agreements, their terms, running totals and estimates, and the
//! refusal to delete an agreement something refers to, on a small dataset
//! written out here, so every expected value is read off the text.

use super::*;
use crate::model::{Category, Quantity, Side};

const WITH_AGREEMENT: &str = r#"{
  "format_version": 2,
  "title": "Agreed",
  "sources": [{"id": "a", "outlet": "Agency A"}],
  "agreements": [
    {"id": "ist", "title": "Istanbul talks", "date": {"on": "2025-06-02"},
     "terms": [
       {"id": "t1", "description": "6,000 bodies to Ukraine", "received_by": "ukraine",
        "category": "remains", "claims": [{"source": "a", "value": {"exact": 6000}}]}
     ]},
    {"id": "spare", "title": "Unused", "date": {"on": "2025-01-01"}}
  ],
  "events": [
    {"id": "e1", "title": "Bodies returned", "date": {"on": "2025-06-11"},
     "kind": "remains_repatriation", "agreement": "ist",
     "links": [{"source": "a", "agreement": "ist"}]}
  ],
  "running_totals": [
    {"id": "rt", "description": "Bodies since June", "scope": {"agreement": "ist"},
     "claims": [{"source": "a", "value": {"exact": 1212}}]}
  ],
  "estimates": [
    {"id": "held", "description": "Held captive", "category": "prisoners",
     "claims": [{"source": "a", "value": {"approximately": 8000}}]}
  ]
}"#;

fn agreed() -> Dataset {
    serde_json::from_str(WITH_AGREEMENT).unwrap()
}

fn term(id: &str, value: u64) -> Term {
    Term {
        id: id.into(),
        description: "prisoners to Russia".into(),
        received_by: Side::Russia,
        category: Category::Prisoners,
        claims: List::from(vec![Claim::new("a", Quantity::Exact(value))]),
        notes: None,
    }
}

#[test]
fn terms_totals_and_estimates_are_inserted_replaced_and_removed() {
    let before = agreed();
    let mut d = before.clone();
    let t2 = Target::Term {
        agreement: 0,
        term: 1,
    };
    let undo = Edit::Insert {
        at: t2,
        item: Item::Term(term("t2", 1000)),
    }
    .apply(&mut d)
    .unwrap();
    let ids: Vec<&str> = d.agreements[0]
        .terms
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, ["t1", "t2"]);
    assert_eq!(undo, Edit::Remove { at: t2 });

    let mut total = d.running_totals[0].clone();
    total.description = "Bodies since the talks".into();
    Edit::Replace {
        at: Target::RunningTotal(0),
        item: Item::RunningTotal(total),
    }
    .apply(&mut d)
    .unwrap();
    assert_eq!(d.running_totals[0].description, "Bodies since the talks");

    let undo_estimate = Edit::Remove {
        at: Target::Estimate(0),
    }
    .apply(&mut d)
    .unwrap();
    assert_eq!(d.estimates.len(), 0);
    let Edit::Insert {
        at: Target::Estimate(0),
        item: Item::Estimate(gone),
    } = &undo_estimate
    else {
        panic!("the inverse of a removal puts the estimate back: {undo_estimate:?}");
    };
    assert_eq!(gone.id, "held");
    assert_eq!(gone.claims[0].value, Quantity::Approximately(8000));

    // A term of an agreement that is not there, and an estimate where a term goes.
    let nowhere = Target::Term {
        agreement: 5,
        term: 0,
    };
    assert_eq!(
        Edit::Remove { at: nowhere }.apply(&mut d),
        Err(EditError::NoSuchPlace(nowhere))
    );
    assert_eq!(
        Edit::Insert {
            at: Target::Estimate(0),
            item: Item::Term(term("t3", 1)),
        }
        .apply(&mut d),
        Err(EditError::WrongKind(Target::Estimate(0)))
    );
}

#[test]
fn new_targets_name_their_paths_and_kinds() {
    let t = Target::Term {
        agreement: 2,
        term: 3,
    };
    assert_eq!(t.path(), "agreements[2].terms[3]");
    assert_eq!(Target::RunningTotal(4).path(), "running_totals[4]");
    assert_eq!(Target::Estimate(0).path(), "estimates[0]");
    assert_eq!(
        Edit::Insert {
            at: Target::Estimate(0),
            item: Item::Estimate(agreed().estimates[0].clone()),
        }
        .describe(),
        "add an estimate"
    );
    assert_eq!(
        Edit::Remove {
            at: Target::RunningTotal(0)
        }
        .describe(),
        "delete a running total"
    );
    assert_eq!(Edit::Remove { at: t }.describe(), "delete a term");
}

#[test]
fn an_agreement_referred_to_is_refused_with_what_refers_to_it() {
    let d = agreed();
    let Err(EditError::Referred { agreement, by }) = remove_agreement(&d, "ist") else {
        panic!("removing an agreement events fulfil should be refused");
    };
    assert_eq!(agreement, "ist");
    let paths: Vec<&str> = by.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "events[0].agreement",
            "events[0].links[0]",
            "running_totals[0].scope.agreement"
        ]
    );
    let what: Vec<&str> = by.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "the event \"e1\" fulfils it",
            "the source \"a\" links the event \"e1\" to it",
            "the running total \"rt\" counts under it"
        ]
    );
    assert_eq!(
        EditError::Referred { agreement, by }.to_string(),
        "the agreement \"ist\" is still referred to by the event \"e1\" fulfils it; the source \
         \"a\" links the event \"e1\" to it; the running total \"rt\" counts under it"
    );
}

#[test]
fn an_agreement_nothing_refers_to_goes_with_its_terms_and_comes_back_whole() {
    let before = agreed();
    let mut d = before.clone();
    let edit = remove_agreement(&d, "spare").unwrap();
    assert_eq!(
        edit,
        Edit::Remove {
            at: Target::Agreement(1)
        }
    );
    let undo = edit.apply(&mut d).unwrap();
    let ids: Vec<&str> = d.agreements.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ist"]);
    undo.apply(&mut d).unwrap();
    assert_eq!(d, before);
    assert!(matches!(
        remove_agreement(&d, "none"),
        Err(EditError::NoSuchPlace(Target::Agreement(2)))
    ));
}

#[test]
fn a_fact_goes_with_its_answers_in_one_edit() {
    let mut d = agreed();
    d.events[0].facts = serde_json::from_str(
        r#"[{"id": "q", "question": "Were names published?",
             "claims": [{"source": "a", "answer": "no"}, {"source": "a", "answer": "yes"}]}]"#,
    )
    .unwrap();
    let before = d.clone();
    let at = Target::Fact { event: 0, fact: 0 };
    let undo = Edit::Remove { at }.apply(&mut d).unwrap();
    assert!(d.events[0].facts.is_empty());
    let Edit::Insert {
        item: Item::Fact(fact),
        ..
    } = &undo
    else {
        panic!("the inverse puts the fact back: {undo:?}");
    };
    assert_eq!(fact.claims.len(), 2);
    undo.apply(&mut d).unwrap();
    assert_eq!(d, before);
}
