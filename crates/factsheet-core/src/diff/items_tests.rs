//! The diff of agreements', running totals', estimates' and place names' own
//! fields, on a small dataset built here; every expected value worked out by
//! hand from the data below.

use serde_json::json;

use super::*;

/// One source; an agreement with one term; a running total under it; an
/// estimate; a place name with one variant.
fn old_json() -> serde_json::Value {
    json!({
        "format_version": 2,
        "title": "Returns",
        "sources": [{"id": "s1", "outlet": "Reuters"}],
        "agreements": [
            {
                "id": "a1", "title": "Istanbul talks", "date": {"on": "2025-06-02"},
                "parties": ["Russia", "Ukraine"],
                "terms": [{
                    "id": "t1", "description": "6,000 bodies to Ukraine",
                    "received_by": "ukraine", "category": "remains",
                    "claims": [{"source": "s1", "value": {"exact": 6000}}]
                }]
            },
            {"id": "a2", "title": "Easter truce", "date": {"on": "2025-04-19"}}
        ],
        "events": [],
        "running_totals": [{
            "id": "rt1", "description": "Bodies returned since the agreement",
            "scope": {"agreement": "a1", "received_by": "ukraine", "category": "remains"},
            "claims": [{"source": "s1", "value": {"exact": 1212}}]
        }],
        "estimates": [{
            "id": "est1", "description": "Ukrainians held in Russia",
            "category": "prisoners", "held_by": "russia",
            "claims": [{"source": "s1", "value": {"approximately": 8000}}]
        }],
        "place_names": [{"canonical": "Luhansk", "variants": ["Lugansk"]}]
    })
}

fn dataset(v: serde_json::Value) -> Dataset {
    serde_json::from_value(v).expect("a valid dataset")
}

fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
    FieldChange {
        field: field.into(),
        old: old.map(str::to_string),
        new: new.map(str::to_string),
    }
}

fn item(kind: ItemKind, id: &str, title: &str, changes: Vec<FieldChange>) -> ItemEntry {
    ItemEntry {
        kind,
        id: id.into(),
        title: title.into(),
        changes,
    }
}

#[test]
fn equal_versions_have_no_item_changes() {
    let d = dataset(old_json());
    let diff = diff(&d, &d.clone());
    assert!(diff.items_added.is_empty());
    assert!(diff.items_removed.is_empty());
    assert!(diff.items_changed.is_empty());
    assert!(diff.is_empty());
}

#[test]
fn own_fields_of_agreements_totals_estimates_and_place_names_are_named() {
    let mut v = old_json();
    v["agreements"][0]["title"] = json!("Second round of Istanbul talks");
    v["agreements"][0]["parties"] = json!(["Ukraine", "Russia"]);
    v["agreements"][0]["terms"][0]["description"] = json!("Bodies to Ukraine");
    v["running_totals"][0]["scope"]["from"] = json!("2025-06");
    v["running_totals"][0]["baseline"] =
        json!({"before": "2025-06-01", "value": {"exact": 500}, "source": "s1"});
    v["estimates"][0]["held_by"] = serde_json::Value::Null;
    v["place_names"][0]["variants"] = json!(["Lugansk", "Luhanśk"]);
    let diff = diff(&dataset(old_json()), &dataset(v));
    assert_eq!(
        diff.items_changed,
        vec![
            item(
                ItemKind::Agreement,
                "a1",
                "Second round of Istanbul talks",
                vec![
                    change(
                        "title",
                        Some("Istanbul talks"),
                        Some("Second round of Istanbul talks")
                    ),
                    change("parties", Some("Russia, Ukraine"), Some("Ukraine, Russia")),
                    change(
                        "terms.t1.description",
                        Some("6,000 bodies to Ukraine"),
                        Some("Bodies to Ukraine")
                    ),
                ]
            ),
            item(
                ItemKind::RunningTotal,
                "rt1",
                "Bodies returned since the agreement",
                vec![
                    change("scope.from", None, Some("2025-06")),
                    change("baseline", None, Some("500 before 2025-06-01 (s1)")),
                ]
            ),
            item(
                ItemKind::Estimate,
                "est1",
                "Ukrainians held in Russia",
                vec![change("held_by", Some("Russia"), None)]
            ),
            item(
                ItemKind::PlaceName,
                "Luhansk",
                "Luhansk",
                vec![change(
                    "variants",
                    Some("Lugansk"),
                    Some("Lugansk, Luhanśk")
                )]
            ),
        ]
    );
    // Only own fields moved: no claim, event or source is listed.
    assert!(diff.claims_changed.is_empty() && diff.claims_added.is_empty());
    assert!(diff.events_changed.is_empty() && diff.sources_changed.is_empty());
}

#[test]
fn items_only_one_version_has_are_added_or_removed() {
    let mut v = old_json();
    v["agreements"].as_array_mut().unwrap().remove(1);
    v["estimates"].as_array_mut().unwrap().push(json!({
        "id": "est2", "description": "Russians held in Ukraine", "category": "prisoners",
        "claims": [{"source": "s1", "value": {"more_than": 1000}}]
    }));
    v["place_names"]
        .as_array_mut()
        .unwrap()
        .push(json!({"canonical": "Kharkiv", "variants": ["Kharkov"]}));
    let diff = diff(&dataset(old_json()), &dataset(v));
    assert_eq!(
        diff.items_added,
        vec![
            item(
                ItemKind::Estimate,
                "est2",
                "Russians held in Ukraine",
                vec![]
            ),
            item(ItemKind::PlaceName, "Kharkiv", "Kharkiv", vec![]),
        ]
    );
    assert_eq!(
        diff.items_removed,
        vec![item(ItemKind::Agreement, "a2", "Easter truce", vec![])]
    );
    assert!(diff.items_changed.is_empty());
}

#[test]
fn the_markdown_names_each_kind_and_its_fields() {
    let mut v = old_json();
    v["agreements"][0]["title"] = json!("Second round");
    v["place_names"]
        .as_array_mut()
        .unwrap()
        .push(json!({"canonical": "Kharkiv", "variants": ["Kharkov"]}));
    let md = markdown::write(&diff(&dataset(old_json()), &dataset(v)));
    // Nothing here rests on a source: no line announces citations.
    assert!(!md.contains("Numbers in brackets"), "{md}");
    assert!(
        md.contains("## Other records added\n\n- place name Kharkiv\n"),
        "{md}"
    );
    assert!(
        md.contains("## Other records changed\n\n- agreement Second round (a1): title Istanbul talks → Second round\n"),
        "{md}"
    );
}
