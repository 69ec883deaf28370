//! Sentences in English, Ukrainian and Russian, each with its proposals
//! worked out by hand (the weekdays from a calendar: 11 June 2025 was a
//! Wednesday, 13 June a Friday, 16 June a Monday).

use super::*;
use jiff::civil::date;

struct Expect {
    value: Option<Quantity>,
    category: Option<Category>,
    side: Option<Side>,
    by: Option<&'static str>,
    date: Option<Date>,
}

fn check(quote: &str, published: Date, want: Expect) {
    let got = capture(quote, Some(published));
    assert_eq!(got.quote, quote, "the quote is kept as pasted");
    assert_eq!(got.value, want.value, "value of {quote}");
    assert_eq!(got.category, want.category, "category of {quote}");
    assert_eq!(got.received_by, want.side, "side of {quote}");
    assert_eq!(
        got.attributed_to.as_deref(),
        want.by,
        "attribution of {quote}"
    );
    assert_eq!(got.date, want.date, "date of {quote}");
}

#[test]
fn english_sentences() {
    check(
        "Ukraine received more than 1,000 bodies from Russia on Wednesday, the coordination headquarters said.",
        date(2025, 6, 13),
        Expect {
            value: Some(Quantity::MoreThan(1000)),
            category: Some(Category::Remains),
            side: Some(Side::Ukraine),
            by: Some("the coordination headquarters"),
            date: Some(date(2025, 6, 11)),
        },
    );
    check(
        "Russia handed over 1,212 bodies of Ukrainian soldiers yesterday, according to the Coordination Headquarters for the Treatment of Prisoners of War.",
        date(2025, 6, 12),
        Expect {
            value: Some(Quantity::Exact(1212)),
            category: Some(Category::Remains),
            side: Some(Side::Ukraine),
            by: Some("the Coordination Headquarters for the Treatment of Prisoners of War"),
            date: Some(date(2025, 6, 11)),
        },
    );
    check(
        "Between 250 and 300 prisoners were exchanged today, Zelensky said.",
        date(2025, 5, 23),
        Expect {
            value: Some(Quantity::Range {
                low: 250,
                high: 300,
            }),
            category: Some(Category::Prisoners),
            side: None,
            by: Some("Zelensky"),
            date: Some(date(2025, 5, 23)),
        },
    );
    check(
        "Moscow said 84 Russian servicemen were returned in the swap",
        date(2025, 10, 2),
        Expect {
            value: Some(Quantity::Exact(84)),
            category: Some(Category::Soldiers),
            side: Some(Side::Russia),
            by: Some("Moscow"),
            date: None,
        },
    );
}

#[test]
fn ukrainian_sentences() {
    check(
        "Україна повернула додому понад 1000 тіл загиблих, повідомили в Координаційному штабі.",
        date(2025, 6, 11),
        Expect {
            value: Some(Quantity::MoreThan(1000)),
            category: Some(Category::Remains),
            side: Some(Side::Ukraine),
            by: Some("Координаційному штабі"),
            date: None,
        },
    );
    check(
        "Вчора з російського полону повернули 84 військовополонених, повідомив Зеленський",
        date(2025, 10, 3),
        Expect {
            value: Some(Quantity::Exact(84)),
            category: Some(Category::Prisoners),
            side: Some(Side::Ukraine),
            by: Some("Зеленський"),
            date: Some(date(2025, 10, 2)),
        },
    );
    check(
        "У середу Україна отримала близько 500 тіл",
        date(2025, 6, 13),
        Expect {
            value: Some(Quantity::Approximately(500)),
            category: Some(Category::Remains),
            side: Some(Side::Ukraine),
            by: None,
            date: Some(date(2025, 6, 11)),
        },
    );
}

#[test]
fn russian_sentences() {
    check(
        "Россия передала Украине более 1000 тел, сообщили в Минобороны.",
        date(2025, 6, 11),
        Expect {
            value: Some(Quantity::MoreThan(1000)),
            category: Some(Category::Remains),
            side: Some(Side::Ukraine),
            by: Some("Минобороны"),
            date: None,
        },
    );
    check(
        "Сегодня из украинского плена возвращены 84 российских военнослужащих, заявил Мединский.",
        date(2025, 10, 2),
        Expect {
            value: Some(Quantity::Exact(84)),
            category: Some(Category::Soldiers),
            side: Some(Side::Russia),
            by: Some("Мединский"),
            date: Some(date(2025, 10, 2)),
        },
    );
    check(
        "В пятницу Россия получила от 300 до 350 тел",
        date(2025, 6, 16),
        Expect {
            value: Some(Quantity::Range {
                low: 300,
                high: 350,
            }),
            category: Some(Category::Remains),
            side: Some(Side::Russia),
            by: None,
            date: Some(date(2025, 6, 13)),
        },
    );
}

#[test]
fn a_year_is_not_taken_for_the_figure() {
    let got = capture("In 2025, 1,000 prisoners were exchanged", None);
    assert_eq!(got.value, Some(Quantity::Exact(1000)));
    let got = capture("In June 2025 the talks resumed, and 40 were freed", None);
    assert_eq!(got.value, Some(Quantity::Exact(40)));
}

#[test]
fn without_a_publication_date_the_day_words_are_found_but_no_day_proposed() {
    let got = capture("Yesterday 12 civilians came home ", None);
    assert_eq!(got.date, None);
    assert_eq!(got.date_words.as_deref(), Some("Yesterday"));
    assert_eq!(got.quote, "Yesterday 12 civilians came home ");
    assert_eq!(got.category, Some(Category::Civilians));
}

#[test]
fn a_sentence_without_a_number_proposes_no_figure() {
    let got = capture("The exchange was postponed, officials said.", None);
    assert_eq!(got.value, None);
    assert_eq!(got.attributed_to.as_deref(), Some("officials"));
}

#[test]
fn a_huge_paste_is_read_only_at_its_start_and_kept_whole() {
    let quote = format!("{}12 bodies", "word ".repeat(1_000_000));
    let got = capture(&quote, None);
    assert_eq!(got.value, None);
    assert_eq!(got.quote.len(), quote.len());
}
