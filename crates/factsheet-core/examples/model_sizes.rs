//! Prints how many bytes the model's items take before anything they hold on
//! the heap: each item's size and the size of each of its fields' types. An
//! item with every list empty and every option absent costs exactly this, so a
//! file of bare events takes about this much an event (docs/PERFORMANCE.md,
//! "The model's memory").
//!
//! ```sh
//! cargo run -p factsheet-core --example model_sizes
//! ```

use std::mem::size_of;

use factsheet_core::model::{
    Claim, ClaimStatus, DateClaim, Event, EventDate, EventKind, Fact, FactClaim, Figure, LinkClaim,
    List, Part, Place, Quantity, Quote, Relay, SavedCopy, Source, Text,
};

/// One line per item, then one per field type it uses.
fn item(name: &str, size: usize, fields: &[(&str, usize)]) {
    let sum: usize = fields.iter().map(|(_, s)| s).sum();
    println!("{name}: {size} bytes (fields {sum}, the rest alignment)");
    for (field, s) in fields {
        println!("  {field:<28} {s:>4}");
    }
}

fn main() {
    let text = size_of::<Text>();
    let opt_text = size_of::<Option<Text>>();
    item(
        "Event",
        size_of::<Event>(),
        &[
            ("id: Text", text),
            ("title: Text", text),
            ("date: EventDate", size_of::<EventDate>()),
            ("kind: EventKind", size_of::<EventKind>()),
            ("place: Option<Place>", size_of::<Option<Place>>()),
            ("mediators: List<Text>", size_of::<List<Text>>()),
            ("agreement: Option<Text>", opt_text),
            ("figures: List<Figure>", size_of::<List<Figure>>()),
            ("facts: List<Fact>", size_of::<List<Fact>>()),
            ("dates: List<DateClaim>", size_of::<List<DateClaim>>()),
            ("links: List<LinkClaim>", size_of::<List<LinkClaim>>()),
            ("notes: Option<Text>", opt_text),
            ("same_as: List<Text>", size_of::<List<Text>>()),
            ("distinct_from: List<Text>", size_of::<List<Text>>()),
        ],
    );
    item(
        "Figure",
        size_of::<Figure>(),
        &[
            ("id: Text", text),
            ("received_by: Option<Side>", 1),
            ("category: Category", 1),
            ("label: Option<Text>", opt_text),
            ("claims: List<Claim>", size_of::<List<Claim>>()),
        ],
    );
    item(
        "Claim",
        size_of::<Claim>(),
        &[
            ("source: Text", text),
            ("value: Quantity", size_of::<Quantity>()),
            ("status: ClaimStatus", size_of::<ClaimStatus>()),
            ("attributed_to: Option<Text>", opt_text),
            ("quote: Option<Quote>", size_of::<Option<Quote>>()),
            ("words: Option<Text>", opt_text),
            (
                "stated_on: Option<EventDate>",
                size_of::<Option<EventDate>>(),
            ),
            ("parts: List<Part>", size_of::<List<Part>>()),
            ("notes: Option<Text>", opt_text),
            ("answers: List<Text>", size_of::<List<Text>>()),
        ],
    );
    item(
        "Source",
        size_of::<Source>(),
        &[
            ("id: Text", text),
            ("outlet: Text", text),
            ("title, url, language: Option<Text>", 3 * opt_text),
            ("archive_url, notes: Option<Text>", 2 * opt_text),
            (
                "published, retrieved: Option<Date>",
                2 * size_of::<Option<jiff::civil::Date>>(),
            ),
            ("affiliation", 1),
            ("relays: Option<Relay>", size_of::<Option<Relay>>()),
            (
                "saved_copy: Option<SavedCopy>",
                size_of::<Option<SavedCopy>>(),
            ),
        ],
    );
    for (name, size) in [
        ("Fact", size_of::<Fact>()),
        ("FactClaim", size_of::<FactClaim>()),
        ("DateClaim", size_of::<DateClaim>()),
        ("LinkClaim", size_of::<LinkClaim>()),
        ("Part", size_of::<Part>()),
        ("Quote", size_of::<Quote>()),
    ] {
        println!("{name}: {size} bytes");
    }
}
