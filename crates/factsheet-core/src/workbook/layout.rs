//! The workbook's sheets and columns: their names as a person reads them,
//! which are required, how wide they are written, the model field each holds
//! (for the positions of diagnostics), and the words enumerations are written in.

/// Whether a column belongs to the row's item (a figure, a term) or to the
/// claim the row also holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Item,
    Claim,
}

/// One column: its header, whether a sheet without it is refused, its width
/// when written, and the model field (a JSON path below the row's item or
/// claim) it holds; "" for a column that holds none of its own.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub width: f64,
    pub field: &'static str,
    pub level: Level,
    /// What to type, for the template's explanation row.
    pub help: &'static str,
}

const fn col(name: &'static str, width: f64, field: &'static str, help: &'static str) -> Column {
    Column {
        name,
        required: false,
        width,
        field,
        level: Level::Item,
        help,
    }
}

const fn req(name: &'static str, width: f64, field: &'static str, help: &'static str) -> Column {
    Column {
        required: true,
        ..col(name, width, field, help)
    }
}

const fn claim(name: &'static str, width: f64, field: &'static str, help: &'static str) -> Column {
    Column {
        level: Level::Claim,
        ..col(name, width, field, help)
    }
}

const fn req_claim(
    name: &'static str,
    width: f64,
    field: &'static str,
    help: &'static str,
) -> Column {
    Column {
        required: true,
        ..claim(name, width, field, help)
    }
}

/// A sheet: its name and columns, in the order they are written.
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// What one row is, for the template and the docs.
    pub row_is: &'static str,
}

impl Sheet {
    /// The column named `name`, if the sheet has one.
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The columns of a claim of a number, shared by every sheet of claims.
macro_rules! claim_columns {
    () => {
        [
            req_claim(
                "Source",
                16.0,
                "source",
                "the ID of a source on the Sources sheet",
            ),
            req_claim(
                "Value",
                14.0,
                "value",
                "1,212 / about 1,000 / more than 500 / 250–300 / dozens / not disclosed",
            ),
            claim(
                "Status",
                12.0,
                "status",
                "confirmed, claimed (if blank), unconfirmed or denied",
            ),
            claim(
                "Attributed to",
                20.0,
                "attributed_to",
                "whom the source quotes",
            ),
            claim(
                "Quote",
                40.0,
                "quote",
                "the source's words; pieces joined by \" […] \"",
            ),
            claim(
                "Words",
                14.0,
                "words",
                "the source's own words for a vague amount",
            ),
            claim("Stated on", 14.0, "stated_on", "when the claim was made"),
            claim(
                "Parts",
                24.0,
                "parts",
                "parts given: \"280 soldiers; 120 civilians\"",
            ),
            claim(
                "Answers",
                14.0,
                "answers",
                "for a denial: the sources it answers, separated by ;",
            ),
            claim(
                "Notes",
                30.0,
                "notes",
                "anything a reader should know about the claim",
            ),
        ]
    };
}

pub const ABOUT: Sheet = Sheet {
    name: "About",
    row_is: "one property of the whole file",
    columns: &[
        req(
            "Field",
            16.0,
            "",
            "Title, Description, Updated, Coverage or Format version",
        ),
        req("Value", 60.0, "", "its value"),
    ],
};

/// The About sheet's fields, and the model field each is.
pub const ABOUT_FIELDS: [(&str, &str); 5] = [
    ("Title", "title"),
    ("Description", "description"),
    ("Updated", "updated"),
    ("Coverage", "coverage"),
    ("Format version", "format_version"),
];

pub const SOURCES: Sheet = Sheet {
    name: "Sources",
    row_is: "one article or statement",
    columns: &[
        col(
            "ID",
            16.0,
            "id",
            "a short name the claims use; made from the outlet if blank",
        ),
        req("Outlet", 22.0, "outlet", "who published it"),
        col("Title", 36.0, "title", "headline"),
        col("URL", 36.0, "url", "http or https address"),
        col("Published", 12.0, "published", "date of publication"),
        col("Language", 9.0, "language", "en, uk, ru..."),
        col(
            "Affiliation",
            24.0,
            "affiliation",
            "ukrainian government, russian state media, independent media, unknown...",
        ),
        col("Archive URL", 30.0, "archive_url", "an archived copy"),
        col("Retrieved", 12.0, "retrieved", "when it was retrieved"),
        col("Notes", 30.0, "notes", "anything a reader should know"),
        col(
            "Relays",
            14.0,
            "relays.source",
            "the ID of a source this one relays",
        ),
        col(
            "Relayed as",
            16.0,
            "relays.how",
            "wire copy, reprint, translation or quoted second-hand",
        ),
        col(
            "Saved copy",
            24.0,
            "saved_copy.path",
            "a saved copy of the page, relative to this file's folder",
        ),
        col(
            "Saved copy URL",
            30.0,
            "saved_copy.url",
            "the address the copy was saved from, if not the URL",
        ),
        col(
            "Saved copy retrieved",
            12.0,
            "saved_copy.retrieved",
            "when the copy was saved",
        ),
        col(
            "Saved copy SHA-256",
            20.0,
            "saved_copy.sha256",
            "the copy's SHA-256 (sha256sum)",
        ),
    ],
};

pub const EVENTS: Sheet = Sheet {
    name: "Events",
    row_is: "one exchange or handover",
    columns: &[
        col(
            "ID",
            22.0,
            "id",
            "a short name; made from the date and kind if blank",
        ),
        req("Title", 36.0, "title", "a short headline"),
        req(
            "Date",
            14.0,
            "date",
            "2025-06-11 / about 2025-06-11 / June 2025 / 2025-06-11 – 2025-06-13",
        ),
        req(
            "Kind",
            20.0,
            "kind",
            "prisoner exchange, wounded exchange, civilian return, remains repatriation, unilateral release, other",
        ),
        col("Place", 20.0, "place.name", "where"),
        col(
            "Place precision",
            12.0,
            "place.precision",
            "site, border, region, country or unknown",
        ),
        col("Mediators", 18.0, "mediators", "separated by ;"),
        col(
            "Agreement",
            16.0,
            "agreement",
            "the ID of the agreement it fulfils",
        ),
        col("Notes", 30.0, "notes", "anything a reader should know"),
        col(
            "Same as",
            14.0,
            "same_as",
            "IDs of this event in other files, separated by ;",
        ),
        col(
            "Distinct from",
            14.0,
            "distinct_from",
            "IDs of other files' events that are not this one",
        ),
    ],
};

const CLAIM_COLUMNS: [Column; 10] = claim_columns!();

const fn join<const A: usize, const B: usize, const N: usize>(
    a: [Column; A],
    b: [Column; B],
) -> [Column; N] {
    let mut out = [col("", 0.0, "", ""); N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

const CLAIMS_COLUMNS: [Column; 17] = join(
    [
        col(
            "Event",
            22.0,
            "",
            "the event's ID or title; blank: the event of this row's date and kind",
        ),
        col(
            "Event date",
            14.0,
            "",
            "the event's date (for a new event, or to read the sheet alone)",
        ),
        col("Event kind", 18.0, "", "the event's kind (ditto)"),
        col(
            "Figure",
            14.0,
            "id",
            "a short name for the figure; blank: made from side, category and label",
        ),
        col(
            "Received by",
            12.0,
            "received_by",
            "ukraine, russia, or blank if not split",
        ),
        req(
            "Category",
            12.0,
            "category",
            "prisoners, soldiers, civilians, wounded, under 25 or remains",
        ),
        col("Label", 16.0, "label", "extra words: \"severely wounded\""),
    ],
    CLAIM_COLUMNS,
);

pub const CLAIMS: Sheet = Sheet {
    name: "Claims",
    row_is: "one source's figure for one event (a figure with no claim: Source and Value blank)",
    columns: &CLAIMS_COLUMNS,
};

pub const FACTS: Sheet = Sheet {
    name: "Facts",
    row_is: "one source's answer to a question about an event or agreement",
    columns: &[
        col(
            "Event",
            22.0,
            "",
            "the event's ID or title (or blank, and an Agreement)",
        ),
        col(
            "Agreement",
            16.0,
            "",
            "the agreement's ID, for a fact about an agreement",
        ),
        col(
            "Fact",
            14.0,
            "id",
            "a short name; blank: one fact per question",
        ),
        req(
            "Question",
            36.0,
            "question",
            "\"Did Russia confirm the handover?\"",
        ),
        req_claim("Source", 16.0, "source", "the ID of a source"),
        req_claim("Answer", 24.0, "answer", "a short answer"),
        claim(
            "Status",
            12.0,
            "status",
            "confirmed, claimed, unconfirmed or denied",
        ),
        claim(
            "Attributed to",
            20.0,
            "attributed_to",
            "whom the source quotes",
        ),
        claim("Quote", 40.0, "quote", "the source's words"),
        claim("Stated on", 14.0, "stated_on", "when it was said"),
        claim("Notes", 30.0, "notes", "anything a reader should know"),
    ],
};

pub const DATES: Sheet = Sheet {
    name: "Dates",
    row_is: "one source's date for an event, where sources differ",
    columns: &[
        req("Event", 22.0, "", "the event's ID or title"),
        req("Source", 16.0, "source", "the ID of a source"),
        req("Date", 14.0, "date", "the date the source gives"),
        col(
            "Attributed to",
            20.0,
            "attributed_to",
            "whom the source quotes",
        ),
        col("Quote", 40.0, "quote", "the source's words"),
    ],
};

pub const LINKS: Sheet = Sheet {
    name: "Agreement links",
    row_is: "one source's word on which agreement an event fulfils",
    columns: &[
        req("Event", 22.0, "", "the event's ID or title"),
        req("Source", 16.0, "source", "the ID of a source"),
        col(
            "Agreement",
            16.0,
            "agreement",
            "the agreement's ID; blank: none",
        ),
        col(
            "Attributed to",
            20.0,
            "attributed_to",
            "whom the source quotes",
        ),
        col("Quote", 40.0, "quote", "the source's words"),
        col("Notes", 30.0, "notes", "anything a reader should know"),
    ],
};

pub const AGREEMENTS: Sheet = Sheet {
    name: "Agreements",
    row_is: "one agreement or promise",
    columns: &[
        col(
            "ID",
            16.0,
            "id",
            "a short name events use; made from the title if blank",
        ),
        req("Title", 36.0, "title", "\"Istanbul talks, 2 June 2025\""),
        col("Kind", 12.0, "kind", "agreement (if blank) or promise"),
        req("Date", 14.0, "date", "when it was agreed"),
        col("Place", 20.0, "place.name", "where"),
        col(
            "Place precision",
            12.0,
            "place.precision",
            "site, border, region, country or unknown",
        ),
        col("Parties", 18.0, "parties", "separated by ;"),
        col("Mediators", 18.0, "mediators", "separated by ;"),
        col("Notes", 30.0, "notes", "anything a reader should know"),
        col(
            "Same as",
            14.0,
            "same_as",
            "IDs of this agreement in other files",
        ),
        col(
            "Distinct from",
            14.0,
            "distinct_from",
            "IDs of other files' agreements that are not this one",
        ),
    ],
};

const TERMS_COLUMNS: [Column; 16] = join(
    [
        req("Agreement", 16.0, "", "the agreement's ID"),
        col(
            "Term",
            12.0,
            "id",
            "a short name; blank: one term per description",
        ),
        req(
            "Description",
            30.0,
            "description",
            "\"6,000 bodies to Ukraine\"",
        ),
        req("Received by", 12.0, "received_by", "ukraine or russia"),
        req(
            "Category",
            12.0,
            "category",
            "prisoners, soldiers, civilians, wounded, under 25 or remains",
        ),
        col(
            "Term notes",
            24.0,
            "notes",
            "anything a reader should know about the term",
        ),
    ],
    CLAIM_COLUMNS,
);

pub const TERMS: Sheet = Sheet {
    name: "Terms",
    row_is: "one source's figure for one term of an agreement",
    columns: &TERMS_COLUMNS,
};

const TOTALS_COLUMNS: [Column; 24] = join(
    [
        col(
            "Total",
            14.0,
            "id",
            "a short name; blank: one total per description",
        ),
        req(
            "Description",
            30.0,
            "description",
            "\"bodies returned to Ukraine in 2025\"",
        ),
        col("Counts", 10.0, "counts", "people (if blank) or events"),
        col(
            "Agreement",
            14.0,
            "scope.agreement",
            "only events fulfilling this agreement",
        ),
        col(
            "From",
            12.0,
            "scope.from",
            "only events from this day, month or year",
        ),
        col(
            "Until",
            12.0,
            "scope.until",
            "only events until this day, month or year",
        ),
        col(
            "Received by",
            12.0,
            "scope.received_by",
            "ukraine, russia, or blank for both",
        ),
        col("Category", 12.0, "scope.category", "only this category"),
        col("Kind", 18.0, "scope.kind", "only this kind of event"),
        col(
            "Baseline before",
            14.0,
            "baseline.before",
            "the day the earlier count ends",
        ),
        col(
            "Baseline value",
            14.0,
            "baseline.value",
            "how many came before it",
        ),
        col(
            "Baseline source",
            14.0,
            "baseline.source",
            "the source that says so",
        ),
        col("Baseline quote", 24.0, "baseline.quote", "its words"),
        col(
            "Total notes",
            24.0,
            "notes",
            "anything a reader should know about the total",
        ),
    ],
    CLAIM_COLUMNS,
);

pub const TOTALS: Sheet = Sheet {
    name: "Running totals",
    row_is: "one source's figure for a total across several events",
    columns: &TOTALS_COLUMNS,
};

const ESTIMATES_COLUMNS: [Column; 16] = join(
    [
        col(
            "Estimate",
            14.0,
            "id",
            "a short name; blank: one estimate per description",
        ),
        req(
            "Description",
            30.0,
            "description",
            "\"Ukrainian soldiers held in Russia\"",
        ),
        req(
            "Category",
            12.0,
            "category",
            "prisoners, soldiers, civilians, wounded, under 25 or remains",
        ),
        col("Held by", 12.0, "held_by", "the side holding them"),
        col("As of", 12.0, "as_of", "a day, month (2025-05) or year"),
        col(
            "Estimate notes",
            24.0,
            "notes",
            "anything a reader should know about the estimate",
        ),
    ],
    CLAIM_COLUMNS,
);

pub const ESTIMATES: Sheet = Sheet {
    name: "Estimates",
    row_is: "one source's figure for a standing estimate",
    columns: &ESTIMATES_COLUMNS,
};

pub const PLACE_NAMES: Sheet = Sheet {
    name: "Place names",
    row_is: "one place and its other spellings",
    columns: &[
        req("Name", 20.0, "canonical", "the spelling shown"),
        req(
            "Variants",
            40.0,
            "variants",
            "other spellings, separated by ;",
        ),
    ],
};

/// Every sheet, in the order they are written.
pub const SHEETS: [&Sheet; 12] = [
    &ABOUT,
    &SOURCES,
    &EVENTS,
    &CLAIMS,
    &FACTS,
    &DATES,
    &LINKS,
    &AGREEMENTS,
    &TERMS,
    &TOTALS,
    &ESTIMATES,
    &PLACE_NAMES,
];

/// Where the sheet called `name` comes among [`SHEETS`] (past the last for
/// a sheet factsheet does not read).
pub fn rank(name: &str) -> usize {
    SHEETS
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(name))
        .unwrap_or(SHEETS.len())
}

/// What joins the items of a list in one cell ("Turkey; UAE").
pub const LIST_SEPARATOR: &str = "; ";
