//! The diff on two small datasets built here, with every expected value
//! worked out by hand from the data below.

use serde_json::json;

use super::*;
use crate::export::summary::DisagreementKind;
use crate::model::Dataset;

/// Two sources; the Istanbul agreement (6,000 bodies to Ukraine, per
/// Reuters); the 11 June return of 1,212 bodies under it (both sources agree;
/// they disagree on whether Russia confirmed it); the May exchange of 390
/// prisoners (Reuters alone); TASS's running total of 1,212 bodies since the
/// agreement.
fn old_json() -> serde_json::Value {
    json!({
        "format_version": 2,
        "title": "Returns",
        "sources": [
            {"id": "s1", "outlet": "Reuters", "url": "https://reuters.example/a"},
            {"id": "s2", "outlet": "TASS", "url": "https://tass.example/b"}
        ],
        "agreements": [{
            "id": "a1", "title": "Istanbul talks", "date": {"on": "2025-06-02"},
            "terms": [{
                "id": "t1", "description": "6,000 bodies to Ukraine",
                "received_by": "ukraine", "category": "remains",
                "claims": [{"source": "s1", "value": {"exact": 6000}}]
            }]
        }],
        "events": [
            {
                "id": "e1", "title": "June 11 return", "date": {"on": "2025-06-11"},
                "kind": "remains_repatriation", "agreement": "a1",
                "figures": [{
                    "id": "f1", "received_by": "ukraine", "category": "remains",
                    "claims": [
                        {"source": "s1", "value": {"exact": 1212}},
                        {"source": "s2", "value": {"exact": 1212}}
                    ]
                }],
                "facts": [{
                    "id": "q1", "question": "Did Russia confirm the handover?",
                    "claims": [
                        {"source": "s1", "answer": "yes"},
                        {"source": "s2", "answer": "no"}
                    ]
                }]
            },
            {
                "id": "e2", "title": "May exchange", "date": {"on": "2025-05-23"},
                "kind": "prisoner_exchange",
                "figures": [{
                    "id": "f1", "received_by": "ukraine", "category": "prisoners",
                    "claims": [{"source": "s1", "value": {"exact": 390}}]
                }]
            }
        ],
        "running_totals": [{
            "id": "rt1", "description": "Bodies returned since the agreement",
            "scope": {"agreement": "a1", "received_by": "ukraine", "category": "remains"},
            "claims": [{"source": "s2", "value": {"exact": 1212}}]
        }]
    })
}

/// The old version with: Reuters's May figure corrected from 390 to 400;
/// TASS now saying Russia confirmed the handover (the disagreement resolved);
/// a third source, Ukrinform, added, which confirms the 1,212 and reports a
/// new return of 500 bodies on 20 June under the agreement.
fn new_json() -> serde_json::Value {
    let mut d = old_json();
    d["events"][1]["figures"][0]["claims"][0]["value"] = json!({"exact": 400});
    d["events"][0]["facts"][0]["claims"][1]["answer"] = json!("yes");
    d["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s3", "outlet": "Ukrinform", "url": "https://ukrinform.example/c"}));
    d["events"][0]["figures"][0]["claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"source": "s3", "value": {"exact": 1212}}));
    d["events"].as_array_mut().unwrap().push(json!({
        "id": "e3", "title": "June 20 return", "date": {"on": "2025-06-20"},
        "kind": "remains_repatriation", "agreement": "a1",
        "figures": [{
            "id": "f1", "received_by": "ukraine", "category": "remains",
            "claims": [{"source": "s3", "value": {"exact": 500}}]
        }]
    }));
    d
}

fn dataset(v: serde_json::Value) -> Dataset {
    serde_json::from_value(v).expect("a valid dataset")
}

fn src(id: &str, outlet: &str, url: &str) -> SourceRef {
    SourceRef {
        id: id.into(),
        outlet: outlet.into(),
        title: None,
        url: Some(url.into()),
    }
}

fn reuters() -> SourceRef {
    src("s1", "Reuters", "https://reuters.example/a")
}

fn tass() -> SourceRef {
    src("s2", "TASS", "https://tass.example/b")
}

fn ukrinform() -> SourceRef {
    src("s3", "Ukrinform", "https://ukrinform.example/c")
}

fn change(field: &str, old: &str, new: &str) -> FieldChange {
    FieldChange {
        field: field.into(),
        old: Some(old.into()),
        new: Some(new.into()),
    }
}

#[test]
fn equal_versions_have_no_changes() {
    let d = dataset(old_json());
    let diff = diff(&d, &d.clone());
    assert!(diff.is_empty(), "{diff:#?}");
    let md = markdown::write(&diff);
    assert!(
        md.contains("\n**New:** “Returns” (2 events, 2 sources)  \n"),
        "{md}"
    );
    assert!(md.ends_with("No changes.\n"), "{md}");
    assert!(!md.contains("## "), "{md}");
}

#[test]
fn a_correction_a_new_source_and_a_new_event_read_as_the_sheet_would_say_them() {
    let diff = diff(&dataset(old_json()), &dataset(new_json()));

    assert_eq!(diff.sources_added, [ukrinform()]);
    assert!(diff.sources_removed.is_empty() && diff.sources_changed.is_empty());
    assert_eq!(diff.events_added.len(), 1);
    let added = &diff.events_added[0];
    assert_eq!(
        (added.id.as_str(), added.date.as_str(), &added.sources),
        ("e3", "2025-06-20", &vec![ukrinform()])
    );
    assert!(diff.events_removed.is_empty() && diff.events_changed.is_empty());

    // In the new version's order: e1's fact, then e2's figure.
    assert_eq!(diff.claims_changed.len(), 2);
    let fact = &diff.claims_changed[0];
    assert_eq!(fact.on, ClaimOn::Fact);
    assert_eq!(
        (fact.parent_id.as_str(), fact.item_id.as_deref()),
        ("e1", Some("q1"))
    );
    assert_eq!(fact.subject, "Did Russia confirm the handover?");
    assert_eq!(fact.source, tass());
    assert_eq!(fact.changes, [change("answer", "no", "yes")]);
    let figure = &diff.claims_changed[1];
    assert_eq!(figure.on, ClaimOn::Figure);
    assert_eq!(figure.subject, "prisoners to Ukraine");
    assert_eq!(figure.source, reuters());
    assert_eq!(
        (figure.old.as_deref(), figure.new.as_deref()),
        (Some("390"), Some("400"))
    );
    assert_eq!(figure.changes, [change("value", "390", "400")]);
    // The claim added on an event of both versions; e3's own claims are the event's.
    assert_eq!(diff.claims_added.len(), 1);
    let claim = &diff.claims_added[0];
    assert_eq!(
        (claim.parent_title.as_str(), claim.subject.as_str()),
        ("June 11 return", "remains to Ukraine")
    );
    assert_eq!(
        (&claim.source, claim.old.as_deref(), claim.new.as_deref()),
        (&ukrinform(), None, Some("1,212"))
    );
    assert!(diff.claims_removed.is_empty());

    assert!(diff.disagreements_appeared.is_empty());
    assert_eq!(
        diff.disagreements_resolved,
        [DisagreementEntry {
            on_id: "e1".into(),
            on_title: "June 11 return".into(),
            subject: "Did Russia confirm the handover?".into(),
            kind: DisagreementKind::DifferentAnswers,
            statements: vec![
                StatementEntry {
                    source: reuters(),
                    says: "yes".into()
                },
                StatementEntry {
                    source: tass(),
                    says: "no".into()
                },
            ],
        }]
    );

    // 390 -> 400 prisoners (Reuters' correction); 1,212 -> 1,212 + 500 bodies (Ukrinform's).
    let total = |subject: &str| diff.totals.iter().find(|t| t.subject == subject);
    assert_eq!(diff.totals.len(), 2, "{:#?}", diff.totals);
    let prisoners = total("prisoners to Ukraine").expect("prisoners moved");
    assert_eq!(
        (prisoners.old.as_deref(), prisoners.new.as_deref()),
        (Some("390"), Some("400"))
    );
    assert_eq!(prisoners.sources, [reuters()]);
    let remains = total("remains to Ukraine").expect("remains moved");
    assert_eq!(
        (remains.old.as_deref(), remains.new.as_deref()),
        (Some("1,212"), Some("1,712"))
    );
    assert_eq!(remains.sources, [ukrinform()]);

    // 1,212 / 6,000 = 20.2%; 1,712 / 6,000 = 28.5%.
    assert_eq!(
        diff.agreements,
        [TermMove {
            agreement_id: "a1".into(),
            agreement_title: "Istanbul talks".into(),
            term_id: "t1".into(),
            term: "6,000 bodies to Ukraine".into(),
            old: Some(TermState {
                target: "6,000".into(),
                delivered: "1,212".into(),
                share: "20.2%".into()
            }),
            new: Some(TermState {
                target: "6,000".into(),
                delivered: "1,712".into(),
                share: "28.5%".into()
            }),
            sources: vec![ukrinform()],
        }]
    );

    // TASS's 1,212 matched the data exactly; with the 500 of 20 June it no longer can.
    assert_eq!(
        diff.running_totals,
        [RunningTotalMove {
            id: "rt1".into(),
            description: "Bodies returned since the agreement".into(),
            old_computed: Some("1,212".into()),
            new_computed: Some("1,712".into()),
            verdicts: vec![VerdictMove {
                source: tass(),
                says: "1,212".into(),
                old: Some("yes".into()),
                new: Some("no".into()),
            }],
            sources: vec![ukrinform()],
        }]
    );
}

#[test]
fn the_other_way_round_the_disagreement_appears_and_the_event_is_removed() {
    let diff = diff(&dataset(new_json()), &dataset(old_json()));
    assert_eq!(diff.disagreements_appeared.len(), 1);
    assert_eq!(
        diff.disagreements_appeared[0].statements[1].says, "no",
        "as the newer version (here the old file) words it"
    );
    assert!(diff.disagreements_resolved.is_empty());
    assert_eq!(diff.events_removed.len(), 1);
    assert_eq!(diff.events_removed[0].id, "e3");
    assert_eq!(diff.sources_removed, [ukrinform()]);
    assert_eq!(diff.claims_removed.len(), 1);
    assert_eq!(diff.claims_removed[0].old.as_deref(), Some("1,212"));
    assert_eq!(
        diff.running_totals[0].verdicts[0].new.as_deref(),
        Some("yes")
    );
}

#[test]
fn claims_are_matched_by_source_not_by_position() {
    let old = dataset(old_json());
    let mut swapped = old_json();
    let claims = swapped["events"][0]["figures"][0]["claims"]
        .as_array_mut()
        .unwrap();
    claims.swap(0, 1);
    assert!(diff(&old, &dataset(swapped)).is_empty());
}

#[test]
fn a_claims_fields_that_changed_are_named() {
    let mut new = old_json();
    let claim = &mut new["events"][0]["figures"][0]["claims"][1];
    claim["status"] = json!("confirmed");
    claim["attributed_to"] = json!("the Russian defence ministry");
    claim["quote"] = json!("1,212 bodies were handed over");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(diff.claims_changed.len(), 1);
    let c = &diff.claims_changed[0];
    assert_eq!(
        c.changes,
        [
            change("status", "claimed", "confirmed"),
            FieldChange {
                field: "attributed_to".into(),
                old: None,
                new: Some("the Russian defence ministry".into())
            },
            FieldChange {
                field: "quote".into(),
                old: None,
                new: Some("1,212 bodies were handed over".into())
            },
        ]
    );
    assert_eq!(c.old.as_deref(), Some("1,212"));
    assert_eq!(
        c.new.as_deref(),
        Some("1,212 (confirmed, according to the Russian defence ministry)")
    );
    // Nothing the sheet counts moved.
    assert!(diff.totals.is_empty() && diff.agreements.is_empty());
}

#[test]
fn an_event_whose_id_changed_reads_as_removed_and_added() {
    let mut new = old_json();
    new["events"][1]["id"] = json!("e2-renamed");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(diff.events_removed.len(), 1);
    assert_eq!(diff.events_removed[0].id, "e2");
    assert_eq!(diff.events_added.len(), 1);
    assert_eq!(diff.events_added[0].id, "e2-renamed");
    // Its claims go with it, not one by one.
    assert!(diff.claims_added.is_empty() && diff.claims_removed.is_empty());
    // Same figures: the totals read the same.
    assert!(diff.totals.is_empty());
}

#[test]
fn source_and_event_fields_that_changed_are_named() {
    let mut new = old_json();
    new["sources"][1]["url"] = json!("https://tass.example/b-corrected");
    new["events"][0]["date"] = json!({"on": "2025-06-12"});
    new["events"][1]["figures"][0]["category"] = json!("civilians");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(
        diff.sources_changed,
        [SourceChange {
            source: src("s2", "TASS", "https://tass.example/b-corrected"),
            changes: vec![change(
                "url",
                "https://tass.example/b",
                "https://tass.example/b-corrected"
            )],
        }]
    );
    let changed: Vec<(&str, &[FieldChange])> = diff
        .events_changed
        .iter()
        .map(|e| (e.id.as_str(), e.changes.as_slice()))
        .collect();
    assert_eq!(
        changed,
        [
            ("e1", &[change("date", "2025-06-11", "2025-06-12")][..]),
            (
                "e2",
                &[change("figures.f1.category", "prisoners", "civilians")][..]
            ),
        ]
    );
    // 390 prisoners became 390 civilians, on Reuters' word.
    assert_eq!(diff.totals.len(), 2, "{:#?}", diff.totals);
    let moved = |subject: &str| {
        let t = diff.totals.iter().find(|t| t.subject == subject)?;
        Some((t.old.as_deref(), t.new.as_deref(), t.sources.as_slice()))
    };
    assert_eq!(
        moved("prisoners to Ukraine"),
        Some((Some("390"), None, &[reuters()][..]))
    );
    assert_eq!(
        moved("civilians to Ukraine"),
        Some((None, Some("390"), &[reuters()][..]))
    );
}

#[test]
fn the_markdown_has_a_section_per_kind_of_change_and_cites_by_number() {
    let diff = diff(&dataset(old_json()), &dataset(new_json()));
    let md = markdown::write(&diff);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Totals",
            "## Agreement progress",
            "## Running totals",
            "## Disagreements resolved",
            "## Claims changed",
            "## Claims added",
            "## Events added",
            "## Sources added",
            "## Sources",
        ],
        "{md}"
    );
    // Sources are numbered as first cited: Reuters by the prisoners' total, then Ukrinform.
    for line in [
        "- Istanbul talks, 6,000 bodies to Ukraine: 1,212 of 6,000 delivered (20.2%) → \
         1,712 of 6,000 delivered (28.5%) [2]",
        "- Bodies returned since the agreement: the data adds up to 1,212 → 1,712; \
         [3] says 1,212, consistent: yes → no [2]",
        "- June 11 return: Did Russia confirm the handover? (different accounts): [1] yes; [3] no",
        "- May exchange, prisoners to Ukraine, [1]: value 390 → 400",
        "- June 11 return, remains to Ukraine, [2]: 1,212",
        "- 2025-06-20, June 20 return (repatriation of remains) [2]",
        "- [2] Ukrinform",
        "1. Reuters, <https://reuters.example/a>",
        "2. Ukrinform, <https://ukrinform.example/c>",
        "3. TASS, <https://tass.example/b>",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
}

#[test]
fn data_text_in_the_markdown_is_escaped() {
    let mut new = old_json();
    new["events"][1]["title"] = json!("# <b>May</b> | exchange\u{1b}[2J");
    let diff = diff(&dataset(old_json()), &dataset(new));
    let md = markdown::write(&diff);
    assert!(
        md.contains("title May exchange → # \\<b\\>May\\</b\\> \\| exchange\\[2J"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'));
}

#[test]
fn the_json_has_its_documented_fields() {
    let diff = diff(&dataset(old_json()), &dataset(new_json()));
    let bytes = to_json(&diff);
    let text = std::str::from_utf8(&bytes).unwrap();
    // The top-level fields, in the order written (two spaces in).
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once('"').map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "diff_version",
            "old",
            "new",
            "file",
            "totals",
            "agreements",
            "running_totals",
            "disagreements_appeared",
            "disagreements_resolved",
            "claims_changed",
            "claims_added",
            "claims_removed",
            "events_added",
            "events_removed",
            "events_changed",
            "sources_added",
            "sources_removed",
            "sources_changed",
            "items_added",
            "items_removed",
            "items_changed",
        ]
    );
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["diff_version"], 2);
    assert_eq!(
        v["old"],
        json!({"title": "Returns", "events": 2, "sources": 2})
    );
    assert_eq!(
        v["claims_changed"][1],
        json!({
            "on": "figure",
            "parent_id": "e2",
            "parent_title": "May exchange",
            "item_id": "f1",
            "subject": "prisoners to Ukraine",
            "source": {"id": "s1", "outlet": "Reuters", "url": "https://reuters.example/a"},
            "old": "390",
            "new": "400",
            "changes": [{"field": "value", "old": "390", "new": "400"}]
        })
    );
    assert_eq!(v["disagreements_resolved"][0]["kind"], "different_answers");
    assert_eq!(
        v["totals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["category"] == "remains")
            .unwrap()["received_by"],
        "ukraine"
    );
    assert_eq!(
        v["running_totals"][0]["verdicts"][0],
        json!({
            "source": {"id": "s2", "outlet": "TASS", "url": "https://tass.example/b"},
            "says": "1,212",
            "old": "yes",
            "new": "no"
        })
    );
    // It reads back as the same diff.
    let back: Diff = serde_json::from_value(v).unwrap();
    assert_eq!(back, diff);
}

#[test]
fn the_json_escapes_what_a_terminal_would_act_on_and_reads_back_the_same() {
    let mut new = old_json();
    new["events"][1]["title"] = json!("May\u{202e}txt.exe\u{9b}2J\u{7f}\u{1b}");
    let diff = diff(&dataset(old_json()), &dataset(new));
    let bytes = to_json(&diff);
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(
        text.contains(r#""new": "May\u202etxt.exe\u009b2J\u007f\u001b""#),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    assert_eq!(serde_json::from_slice::<Diff>(&bytes).unwrap(), diff);
}

#[test]
fn a_source_of_unknown_outlet_is_named_by_its_title() {
    let mut new = old_json();
    new["sources"][1]["outlet"] = json!("unknown");
    new["sources"][1]["title"] = json!("Statement of the defence ministry");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(diff.sources_changed.len(), 1);
    assert_eq!(
        diff.sources_changed[0].source.name(),
        "Statement of the defence ministry"
    );
    let md = markdown::write(&diff);
    assert!(
        md.contains(
            "- [1] Statement of the defence ministry: outlet TASS → unknown; \
             title none → Statement of the defence ministry\n"
        ),
        "{md}"
    );
}

#[test]
fn a_change_of_title_alone_cites_no_source() {
    let mut new = old_json();
    new["title"] = json!("Returns, corrected");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(
        diff.file,
        [change("title", "Returns", "Returns, corrected")]
    );
    let md = markdown::write(&diff);
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections, ["## The file"], "{md}");
    assert!(
        md.ends_with("\n- title: Returns → Returns, corrected\n\n"),
        "{md}"
    );
}

#[test]
fn a_file_marked_partial_takes_back_a_yes() {
    let mut new = old_json();
    new["coverage"] = json!("partial");
    let diff = diff(&dataset(old_json()), &dataset(new));
    assert_eq!(diff.file, [change("coverage", "complete", "partial")]);
    let md = markdown::write(&diff);
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        sections,
        ["## The file", "## Running totals", "## Sources"],
        "{md}"
    );
    // Missing events may count: TASS's 1,212 can no longer be confirmed.
    assert!(
        md.contains(
            "- Bodies returned since the agreement: [1] says 1,212, consistent: yes → \
             cannot tell (the file leaves events out: more may count)\n"
        ),
        "{md}"
    );
}

#[test]
fn a_generated_dataset_compared_with_itself_shows_no_change() {
    let d = crate::testing::generated_dataset(300, 7);
    let same = diff(&d, &d.clone());
    assert!(same.is_empty(), "{:#?}", same.claims_changed.first());
    assert!(markdown::write(&same).ends_with("\nNo changes.\n"));
}
