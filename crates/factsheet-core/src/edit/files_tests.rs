//! Edits of the merged view sent to the files: two small files written out
//! here, so each expected place and id is read off the text.

use super::*;
use crate::model::{Claim, Quantity, Source};

const A: &str = r#"{"format_version": 1, "title": "A",
  "sources": [{"id": "s1", "outlet": "Agency A"}],
  "events": [
    {"id": "e1", "title": "e1", "date": {"on": "2025-06-11"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "s1", "value": {"exact": 100}}]}]},
    {"id": "shared", "title": "shared", "date": {"on": "2025-07-01"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "s1", "value": {"exact": 50}}]}]}
  ]}"#;

const B: &str = r#"{"format_version": 2, "title": "B",
  "sources": [{"id": "s1", "outlet": "Paper B"}],
  "events": [
    {"id": "d1", "title": "d1", "date": {"on": "2025-06-20"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "s1", "value": {"exact": 300}}]}]},
    {"id": "desk", "title": "desk", "date": {"on": "2025-07-01"}, "kind": "remains_repatriation",
     "figures": [{"id": "f", "received_by": "ukraine", "category": "remains",
       "claims": [{"source": "s1", "value": {"exact": 52}}]}]}
  ]}"#;

fn read(text: &str) -> Dataset {
    serde_json::from_str(text).unwrap()
}

fn opened() -> (Files, Dataset, Provenance) {
    let files = vec![
        ("a.json".to_string(), read(A)),
        ("b.json".to_string(), read(B)),
    ];
    let (merged, _, provenance) = merge_files(files.clone(), jiff::civil::date(2026, 1, 1));
    (Files::new(files), merged, provenance)
}

fn ids(d: &Dataset) -> Vec<&str> {
    d.events.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn the_merged_view_is_as_the_files_say() {
    let (_, merged, _) = opened();
    // shared and desk are one handover; the two sources named s1 differ.
    assert_eq!(ids(&merged), ["e1", "shared", "d1"]);
    let sources: Vec<&str> = merged.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources, ["a.json#s1", "b.json#s1"]);
}

#[test]
fn a_claim_of_the_second_files_event_goes_to_that_file_under_its_own_source_id() {
    let (files, merged, provenance) = opened();
    let at = Target::Claim {
        event: 2,
        figure: 0,
        claim: 0,
    };
    let claim = Claim::new("b.json#s1", Quantity::MoreThan(250));
    let routed = files
        .route(
            Edit::Replace {
                at,
                item: Item::Claim(claim),
            },
            &merged,
            &provenance,
            0,
        )
        .unwrap();
    assert_eq!(
        routed,
        [(
            1,
            Edit::Replace {
                at: Target::Claim {
                    event: 0,
                    figure: 0,
                    claim: 0
                },
                item: Item::Claim(Claim::new("s1", Quantity::MoreThan(250))),
            }
        )]
    );
}

#[test]
fn a_new_source_goes_to_the_file_chosen_at_the_end_of_its_list() {
    let (files, merged, provenance) = opened();
    let source: Source =
        serde_json::from_value(serde_json::json!({"id": "s2", "outlet": "New"})).unwrap();
    let edit = Edit::Insert {
        at: Target::Source(2),
        item: Item::Source(source.clone()),
    };
    let routed = files.route(edit, &merged, &provenance, 1).unwrap();
    assert_eq!(
        routed,
        [(
            1,
            Edit::Insert {
                at: Target::Source(1),
                item: Item::Source(source)
            }
        )]
    );
}

#[test]
fn a_renamed_source_is_changed_in_its_file_under_its_own_id() {
    let (files, merged, provenance) = opened();
    let mut source = merged.sources[0].clone();
    source.outlet = "Agency A (renamed)".into();
    let edit = Edit::Replace {
        at: Target::Source(0),
        item: Item::Source(source),
    };
    let routed = files.route(edit, &merged, &provenance, 1).unwrap();
    let [
        (
            0,
            Edit::Replace {
                at,
                item: Item::Source(s),
            },
        ),
    ] = routed.as_slice()
    else {
        panic!("{routed:?}");
    };
    assert_eq!((*at, s.id.as_str()), (Target::Source(0), "s1"));
    assert_eq!(s.outlet, "Agency A (renamed)");
}

#[test]
fn an_event_merged_from_both_files_is_refused_with_its_parts() {
    let (files, merged, provenance) = opened();
    let edit = Edit::Remove {
        at: Target::Claim {
            event: 1,
            figure: 0,
            claim: 0,
        },
    };
    assert_eq!(
        files.route(edit, &merged, &provenance, 0).unwrap_err(),
        "this event is merged from a.json (shared) and b.json (desk): \
         open one of them alone to change it"
    );
}

#[test]
fn undo_and_redo_go_back_across_the_files_in_order() {
    let (mut files, merged, provenance) = opened();
    let remove = |event| Edit::Remove {
        at: Target::Event(event),
    };
    let first = files.route(remove(2), &merged, &provenance, 0).unwrap();
    files.apply(first).unwrap();
    let second = files.route(remove(0), &merged, &provenance, 0).unwrap();
    files.apply(second).unwrap();
    let events = |files: &Files, f| ids(files.dataset(f).unwrap()).join(",");
    assert_eq!(
        (events(&files, 0), events(&files, 1)),
        ("shared".into(), "desk".into())
    );
    assert_eq!(files.edited(), [0, 1]);
    assert_eq!(files.undo_label(), Some("delete an event"));

    files.undo().unwrap();
    assert_eq!(events(&files, 0), "e1,shared");
    assert_eq!(files.edited(), [1]);
    files.undo().unwrap();
    assert_eq!(events(&files, 1), "d1,desk");
    assert!(!files.any_dirty());
    assert_eq!(files.undo(), Err(EditError::NothingToDo));
    files.redo().unwrap();
    assert_eq!(
        (events(&files, 0), events(&files, 1)),
        ("e1,shared".into(), "desk".into())
    );
}

#[test]
fn a_saved_file_is_no_longer_edited_and_the_other_still_is() {
    let (mut files, merged, provenance) = opened();
    let both = Edit::Group(vec![
        Edit::Remove {
            at: Target::Event(2),
        },
        Edit::Remove {
            at: Target::Event(0),
        },
    ]);
    let routed = files.route(both, &merged, &provenance, 0).unwrap();
    assert_eq!(routed.len(), 2);
    files.apply(routed).unwrap();
    files.mark_saved_as(1, files.version(1), 2);
    assert_eq!(files.edited(), [0]);
    // One undo takes back both files' part.
    files.undo().unwrap();
    assert_eq!(files.edited(), [1]);
}

#[test]
fn the_files_merged_again_show_the_edit() {
    let (mut files, merged, provenance) = opened();
    let edit = Edit::Replace {
        at: Target::Claim {
            event: 2,
            figure: 0,
            claim: 0,
        },
        item: Item::Claim(Claim::new("b.json#s1", Quantity::Exact(301))),
    };
    files
        .apply(files.route(edit, &merged, &provenance, 0).unwrap())
        .unwrap();
    let (again, _, _) = merge_files(files.snapshot().into_owned(), jiff::civil::date(2026, 1, 1));
    let claim = &again.event("d1").unwrap().figures[0].claims[0];
    assert_eq!(
        (claim.source.as_str(), claim.value),
        ("b.json#s1", Quantity::Exact(301))
    );
    // The file itself names its source as it always did.
    assert_eq!(
        files.dataset(1).unwrap().events[0].figures[0].claims[0].source,
        "s1"
    );
}

#[test]
fn a_running_total_estimate_or_term_is_refused_with_several_files() {
    let (files, merged, provenance) = opened();
    // The merge pools these by id without keeping their files: none can be named.
    let refused = files
        .route(
            Edit::Remove {
                at: Target::RunningTotal(0),
            },
            &merged,
            &provenance,
            0,
        )
        .unwrap_err();
    assert_eq!(
        refused,
        "with several files open, a running total cannot be changed: open its file alone to change it"
    );
    let refused = files
        .route(
            Edit::Remove {
                at: Target::Term {
                    agreement: 0,
                    term: 0,
                },
            },
            &merged,
            &provenance,
            1,
        )
        .unwrap_err();
    assert!(refused.starts_with("with several files open, a term cannot"));
}

#[test]
fn a_snapshot_shares_the_files_data_and_keeps_it_as_it_was() {
    let (mut files, merged, provenance) = opened();
    let snapshot = files.snapshot();
    let shared = files.shared(0).unwrap();
    assert!(
        std::ptr::eq(files.dataset(0).unwrap(), &*shared),
        "a snapshot and a save read the file's data, not a copy"
    );
    drop(shared);
    let source: Source =
        serde_json::from_value(serde_json::json!({"id": "s2", "outlet": "New"})).unwrap();
    let edit = Edit::Insert {
        at: Target::Source(2),
        item: Item::Source(source),
    };
    let routed = files.route(edit, &merged, &provenance, 0).unwrap();
    files.apply(routed).unwrap();
    assert_eq!(files.dataset(0).unwrap().sources.len(), 2);
    let owned = snapshot.into_owned();
    assert_eq!(owned[0].1.sources.len(), 1, "the snapshot is as it was");
}
