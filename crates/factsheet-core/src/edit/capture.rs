//! Capture from a quote: a sentence pasted from an article, read for what a
//! claim needs: the figure (its form, "more than 1,000"; what was counted;
//! who received it), whom the source attributes it to, and, for a relative
//! day ("on Wednesday", "yesterday"), the day it means given the article's
//! publication date. English, Ukrainian and Russian.
//!
//! These are proposals, shown and editable before anything is added; the
//! quote itself is kept exactly as pasted. The reading is by word lists and
//! a few sentence shapes, not a parser: when it finds nothing for a field it
//! proposes nothing there, never a guess from elsewhere.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::model::{Category, Quantity, Side};

/// Only this much of a paste is read for proposals (a sentence or a
/// paragraph, not a page); the quote is still kept whole.
pub const READ_AT_MOST: usize = 4_000;

/// What a pasted quote suggests a claim should say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Proposal {
    /// The quote, exactly as pasted.
    pub quote: String,
    /// The figure and its form.
    pub value: Option<Quantity>,
    /// What was counted.
    pub category: Option<Category>,
    /// Who received them.
    pub received_by: Option<Side>,
    /// Whom the source attributes the statement to, in the quote's words.
    pub attributed_to: Option<String>,
    /// The day a relative day names, counted from the publication date.
    pub date: Option<Date>,
    /// The words that name that day ("on Wednesday", "вчора").
    pub date_words: Option<String>,
}

/// Reads `quote` for a claim's fields; `published` is the source's
/// publication date, from which "yesterday" and "on Wednesday" are counted.
pub fn capture(quote: &str, published: Option<Date>) -> Proposal {
    let head = match quote.char_indices().nth(READ_AT_MOST) {
        Some((end, _)) => &quote[..end],
        None => quote,
    };
    let text = Folded::new(head);
    let figure = figure(&text);
    let (date, date_words) = match relative_day(&text) {
        Some((offset, words)) => (published.and_then(|p| offset.from(p)), Some(words)),
        None => (None, None),
    };
    Proposal {
        quote: quote.to_string(),
        value: figure.as_ref().map(|f| f.value),
        category: figure.as_ref().and_then(|f| f.category),
        received_by: side(&text, figure.as_ref()),
        attributed_to: attribution(head),
        date,
        date_words,
    }
}

/// The text lowercased, with each lowercased byte's place in the original,
/// so that what is found in the one is cut from the other.
struct Folded<'t> {
    original: &'t str,
    lower: String,
    origin: Vec<usize>,
}

impl<'t> Folded<'t> {
    fn new(original: &'t str) -> Self {
        let mut lower = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let c = match c {
                '’' | 'ʼ' | '`' => '\'',
                '\u{a0}' | '\u{202f}' => ' ',
                c => c,
            };
            for l in c.to_lowercase() {
                for _ in 0..l.len_utf8() {
                    origin.push(at);
                }
                lower.push(l);
            }
        }
        Folded {
            original,
            lower,
            origin,
        }
    }

    /// The words, lowercased, with where each starts and ends in `lower`.
    fn words(&self) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.lower.char_indices() {
            let inside = c.is_alphanumeric() || c == '\'';
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i, &self.lower[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, self.lower.len(), &self.lower[s..]));
        }
        out
    }

    /// Whether `phrase` occurs as whole words.
    fn has(&self, phrase: &str) -> bool {
        self.lower.match_indices(phrase).any(|(at, _)| {
            let before = self.lower[..at].chars().next_back();
            let after = self.lower[at + phrase.len()..].chars().next();
            let edge = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
            edge(before) && edge(after)
        })
    }
}

/// A number found in the text, with its form and what it counts.
struct Found {
    value: Quantity,
    category: Option<Category>,
    /// Where the number ends in the folded text.
    end: usize,
}

/// A quantity form that takes its one number.
type Form = fn(u64) -> Quantity;

/// Words before a number that give its form, longest first where one ends another.
const QUALIFIERS: [(&str, Form); 40] = [
    // "over" that is not "more than".
    ("handed over", Quantity::Exact),
    ("hand over", Quantity::Exact),
    ("hands over", Quantity::Exact),
    ("turned over", Quantity::Exact),
    ("no more than", Quantity::AtMost),
    ("more than", Quantity::MoreThan),
    ("over", Quantity::MoreThan),
    ("at least", Quantity::AtLeast),
    ("about", Quantity::Approximately),
    ("around", Quantity::Approximately),
    ("approximately", Quantity::Approximately),
    ("nearly", Quantity::Approximately),
    ("almost", Quantity::Approximately),
    ("some", Quantity::Approximately),
    ("up to", Quantity::AtMost),
    ("fewer than", Quantity::FewerThan),
    ("less than", Quantity::FewerThan),
    // Ukrainian
    ("понад", Quantity::MoreThan),
    ("більше ніж", Quantity::MoreThan),
    ("більш ніж", Quantity::MoreThan),
    ("більше", Quantity::MoreThan),
    ("щонайменше", Quantity::AtLeast),
    ("принаймні", Quantity::AtLeast),
    ("близько", Quantity::Approximately),
    ("приблизно", Quantity::Approximately),
    ("майже", Quantity::Approximately),
    ("менше ніж", Quantity::FewerThan),
    // Russian
    ("не менее", Quantity::AtLeast),
    ("как минимум", Quantity::AtLeast),
    ("по меньшей мере", Quantity::AtLeast),
    ("более", Quantity::MoreThan),
    ("больше", Quantity::MoreThan),
    ("свыше", Quantity::MoreThan),
    ("около", Quantity::Approximately),
    ("примерно", Quantity::Approximately),
    ("почти", Quantity::Approximately),
    ("порядка", Quantity::Approximately),
    ("менее", Quantity::FewerThan),
    ("меньше", Quantity::FewerThan),
    // "до" in both languages: up to (a range "від/от N до M" is read first).
    ("до", Quantity::AtMost),
];

/// Stems of the words for what was counted, in the order they are tried
/// (a prisoner of war before a soldier: "військовополонених" holds "військов").
const COUNTED: [(&str, Category); 27] = [
    ("bod", Category::Remains),
    ("remains", Category::Remains),
    ("тіл", Category::Remains),
    ("тел", Category::Remains),
    ("останк", Category::Remains),
    ("загибл", Category::Remains),
    ("погибш", Category::Remains),
    ("prisoner", Category::Prisoners),
    ("pow", Category::Prisoners),
    ("captive", Category::Prisoners),
    ("військовополонен", Category::Prisoners),
    ("полонен", Category::Prisoners),
    ("военнопленн", Category::Prisoners),
    ("пленн", Category::Prisoners),
    ("захисник", Category::Prisoners),
    ("soldier", Category::Soldiers),
    ("servicem", Category::Soldiers),
    ("troops", Category::Soldiers),
    ("військовослужбовц", Category::Soldiers),
    ("військов", Category::Soldiers),
    ("военнослужащ", Category::Soldiers),
    ("военн", Category::Soldiers),
    ("civilian", Category::Civilians),
    ("цивільн", Category::Civilians),
    ("мирн", Category::Civilians),
    ("гражданск", Category::Civilians),
    ("civil", Category::Civilians),
];

/// What a word counts, if it is one of [`COUNTED`].
fn counted(word: &str) -> Option<Category> {
    COUNTED
        .iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, c)| *c)
}

/// The figure: the first number followed (within four words) by what it
/// counts, else the first number that is not a year; with the form the
/// words before it give.
fn figure(text: &Folded) -> Option<Found> {
    let numbers = numbers(&text.lower);
    let words = text.words();
    // The four words after a number, up to the next number.
    let counts = |end: usize| {
        words
            .iter()
            .filter(|(s, _, _)| *s >= end)
            .take_while(|(_, _, w)| !w.starts_with(|c: char| c.is_ascii_digit()))
            .take(4)
            .find_map(|(_, _, w)| counted(w))
    };
    let chosen = numbers
        .iter()
        .position(|n| counts(n.end).is_some())
        .or_else(|| numbers.iter().position(|n| !n.year_like))?;
    // A range: "250–300", "250 to 300", "between 250 and 300", "від 250 до 300",
    // whose second number may be the one followed by what is counted.
    let pairs = [
        chosen.checked_sub(1).map(|c| (c, chosen)),
        Some((chosen, chosen + 1)),
    ];
    for (low, high) in pairs.into_iter().flatten() {
        let (Some(low), Some(high)) = (numbers.get(low), numbers.get(high)) else {
            continue;
        };
        if is_range(&text.lower, low, high) {
            return Some(Found {
                value: Quantity::Range {
                    low: low.value,
                    high: high.value,
                },
                category: counts(high.end),
                end: high.end,
            });
        }
    }
    let n = numbers.get(chosen)?;
    let before = text.lower[..n.start].trim_end();
    let form = QUALIFIERS
        .iter()
        .find(|(words, _)| ends_with_word(before, words))
        .map_or(Quantity::Exact as Form, |(_, f)| *f);
    Some(Found {
        value: form(n.value),
        category: counts(n.end),
        end: n.end,
    })
}

/// Whether the numbers `low` and `high` of `text` make a range.
fn is_range(text: &str, low: &Number, high: &Number) -> bool {
    let before = text[..low.start].trim_end();
    let between = text[low.end..high.start].trim();
    let opened = ["between", "від", "от", "з", "с"]
        .iter()
        .any(|w| ends_with_word(before, w));
    let dash = matches!(between, "–" | "—" | "-");
    let joined = opened && matches!(between, "and" | "до" | "to" | "і" | "и");
    (dash || between == "to" || joined) && low.value < high.value
}

/// Whether `text` ends with the whole words `words`.
fn ends_with_word(text: &str, words: &str) -> bool {
    text.strip_suffix(words)
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
}

/// A whole number in the text.
struct Number {
    start: usize,
    end: usize,
    value: u64,
    /// Four digits from 1900 to 2100, ungrouped: a year more likely than a count.
    year_like: bool,
}

/// The whole numbers in `text`, digits grouped by three with commas or
/// spaces read as one ("1,212", "1 212"), a first group of at most three.
fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let digits_at = |i: usize| {
        let mut j = i;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && !(i > 0 && bytes.get(i - 1).is_some_and(|b| b.is_ascii_alphanumeric()));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = digits_at(i);
        let first = end - start;
        let mut grouped = false;
        while first <= 3 && matches!(bytes.get(end), Some(b',' | b' ')) {
            let next = digits_at(end + 1);
            let group_ends = !bytes.get(next).is_some_and(u8::is_ascii_digit);
            if next - (end + 1) == 3 && group_ends {
                end = next;
                grouped = true;
            } else {
                break;
            }
        }
        let digits: String = text[start..end]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if let Ok(value) = digits.parse::<u64>() {
            let year_like = !grouped && first == 4 && (1900..=2100).contains(&value);
            out.push(Number {
                start,
                end,
                value,
                year_like,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// Who received the figure: the people's own side named beside the number
/// ("84 Russian servicemen"), then a side that received or a side the
/// figure went to or came from, then a home-coming word of one language.
fn side(text: &Folded, figure: Option<&Found>) -> Option<Side> {
    if let Some(f) = figure {
        let after = text.lower.get(f.end..).unwrap_or("");
        let near: Vec<&str> = after.split_whitespace().take(4).collect();
        // "from Russian captivity" names where they were held, not whose they are.
        let from = ["from", "з", "із", "від", "из", "от", "с"];
        let mut previous = "";
        for word in near {
            if !from.contains(&previous) {
                if ["ukrainian", "українськ", "украинск"]
                    .iter()
                    .any(|s| word.starts_with(s))
                {
                    return Some(Side::Ukraine);
                }
                if ["russian", "російськ", "российск"]
                    .iter()
                    .any(|s| word.starts_with(s))
                {
                    return Some(Side::Russia);
                }
            }
            previous = word;
        }
    }
    let phrases: [(&[&str], Side); 6] = [
        (
            &[
                "ukraine received",
                "ukraine has received",
                "kyiv received",
                "україна отримала",
                "україна повернула",
                "украина получила",
            ],
            Side::Ukraine,
        ),
        (
            &[
                "russia received",
                "russia has received",
                "moscow received",
                "росія отримала",
                "россия получила",
                "россия вернула",
            ],
            Side::Russia,
        ),
        (
            &[
                "to ukraine",
                "to kyiv",
                "до україни",
                "в україну",
                "україні",
                "украине",
                "на украину",
                "в украину",
            ],
            Side::Ukraine,
        ),
        (
            &["to russia", "to moscow", "до росії", "в росію", "в россию"],
            Side::Russia,
        ),
        (
            &[
                "from russia",
                "from russian",
                "від росії",
                "з росії",
                "з рф",
                "з російського",
                "з полону",
            ],
            Side::Ukraine,
        ),
        (
            &[
                "from ukraine",
                "from ukrainian",
                "от украины",
                "с украины",
                "из украины",
                "из украинского",
                "из плена",
            ],
            Side::Russia,
        ),
    ];
    for (words, side) in phrases {
        if words.iter().any(|w| text.has(w)) {
            return Some(side);
        }
    }
    if text.has("додому") || text.has("повернули") || text.has("повернуто")
    {
        return Some(Side::Ukraine);
    }
    if text.has("на родину") || text.has("возвращены") {
        return Some(Side::Russia);
    }
    None
}

/// How a relative day is counted from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offset {
    Days(i64),
    /// The latest such weekday on or before the publication date.
    Last(Weekday),
}

impl Offset {
    fn from(self, published: Date) -> Option<Date> {
        match self {
            Offset::Days(n) => published.checked_add(n.days()).ok(),
            Offset::Last(day) => {
                let back = (published.weekday().to_monday_zero_offset()
                    - day.to_monday_zero_offset())
                .rem_euclid(7);
                published.checked_sub(i64::from(back).days()).ok()
            }
        }
    }
}

/// Words for days, in the order tried ("позавчора" before "вчора").
const DAYS: [(&str, Offset); 33] = [
    ("the day before yesterday", Offset::Days(-2)),
    ("позавчора", Offset::Days(-2)),
    ("позавчера", Offset::Days(-2)),
    ("yesterday", Offset::Days(-1)),
    ("вчора", Offset::Days(-1)),
    ("учора", Offset::Days(-1)),
    ("вчера", Offset::Days(-1)),
    ("today", Offset::Days(0)),
    ("сьогодні", Offset::Days(0)),
    ("сегодня", Offset::Days(0)),
    ("monday", Offset::Last(Weekday::Monday)),
    ("tuesday", Offset::Last(Weekday::Tuesday)),
    ("wednesday", Offset::Last(Weekday::Wednesday)),
    ("thursday", Offset::Last(Weekday::Thursday)),
    ("friday", Offset::Last(Weekday::Friday)),
    ("saturday", Offset::Last(Weekday::Saturday)),
    ("sunday", Offset::Last(Weekday::Sunday)),
    ("у понеділок", Offset::Last(Weekday::Monday)),
    ("у вівторок", Offset::Last(Weekday::Tuesday)),
    ("у середу", Offset::Last(Weekday::Wednesday)),
    ("у четвер", Offset::Last(Weekday::Thursday)),
    ("у п'ятницю", Offset::Last(Weekday::Friday)),
    ("у суботу", Offset::Last(Weekday::Saturday)),
    ("у неділю", Offset::Last(Weekday::Sunday)),
    ("в понедельник", Offset::Last(Weekday::Monday)),
    ("во вторник", Offset::Last(Weekday::Tuesday)),
    ("в среду", Offset::Last(Weekday::Wednesday)),
    ("в четверг", Offset::Last(Weekday::Thursday)),
    ("в пятницу", Offset::Last(Weekday::Friday)),
    ("в субботу", Offset::Last(Weekday::Saturday)),
    ("в воскресенье", Offset::Last(Weekday::Sunday)),
    ("в понеділок", Offset::Last(Weekday::Monday)),
    ("в суботу", Offset::Last(Weekday::Saturday)),
];

/// The relative day the text names, with its words as written.
fn relative_day(text: &Folded) -> Option<(Offset, String)> {
    for (words, offset) in DAYS {
        let found = text.lower.match_indices(words).find(|(at, _)| {
            let before = text.lower[..*at].chars().next_back();
            let after = text.lower[at + words.len()..].chars().next();
            let edge = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '\'');
            edge(before) && edge(after)
        });
        if let Some((at, _)) = found {
            let start = text.origin.get(at).copied().unwrap_or(0);
            let end = text
                .origin
                .get(at + words.len())
                .copied()
                .unwrap_or(text.original.len());
            let said = text.original.get(start..end).unwrap_or(words);
            return Some((offset, said.to_string()));
        }
    }
    None
}

/// Verbs of saying, after the one who says ("…, the headquarters said").
const SAID_AFTER: [&str; 18] = [
    "said",
    "says",
    "reported",
    "reports",
    "announced",
    "stated",
    "wrote",
    "told reporters",
    "повідомив",
    "повідомила",
    "повідомили",
    "заявив",
    "заявила",
    "заявили",
    "сообщил",
    "сообщила",
    "сообщили",
    "заявил",
];

/// Verbs and phrases of saying before the one who says ("…, said the
/// minister", "повідомили в Координаційному штабі", "по данным Минобороны").
const SAID_BEFORE: [&str; 32] = [
    "according to",
    "said",
    "says",
    "за даними",
    "за словами",
    "за інформацією",
    "як повідомили в",
    "як повідомили у",
    "як повідомляє",
    "повідомляє",
    "повідомили в",
    "повідомили у",
    "повідомив",
    "повідомила",
    "повідомили",
    "заявив",
    "заявила",
    "заявили",
    "по данным",
    "по словам",
    "по информации",
    "как сообщили в",
    "как сообщает",
    "сообщает",
    "сообщили в",
    "сообщил",
    "сообщила",
    "сообщили",
    "заявил",
    "заявила",
    "заявили",
    "передает",
];

/// Whom the quote attributes itself to: the words after "according to" or a
/// verb of saying that opens a clause, or before one that closes it.
fn attribution(text: &str) -> Option<String> {
    let clauses: Vec<&str> = text
        .split([',', ';', '—', '–', '(', ')', '\n', '"', '«', '»', '“', '”'])
        .map(|c| c.trim().trim_end_matches(['.', '!', '?', ':']).trim())
        .filter(|c| !c.is_empty())
        .collect();
    let who = |s: &str| {
        let s = s.trim();
        let plain = !s.is_empty()
            && s.split_whitespace().count() <= 12
            && !s.chars().any(|c| c.is_ascii_digit());
        plain.then(|| s.to_string())
    };
    for clause in clauses.iter().rev() {
        let folded = Folded::new(clause);
        // "according to the coordination headquarters", "повідомили в штабі"
        for opener in SAID_BEFORE {
            if let Some(rest) = folded.lower.strip_prefix(opener)
                && rest.starts_with(' ')
            {
                let cut = folded.origin.get(opener.len()).copied()?;
                if let Some(found) = clause.get(cut..).and_then(who) {
                    return Some(found);
                }
            }
        }
        // "the coordination headquarters said"
        for verb in SAID_AFTER {
            if ends_with_word(&folded.lower, verb) {
                let cut = folded
                    .origin
                    .get(folded.lower.len() - verb.len())
                    .copied()?;
                if let Some(found) = clause.get(..cut).and_then(who) {
                    return Some(found);
                }
            }
        }
    }
    // "The headquarters said on Wednesday that Ukraine received…"
    let first = clauses.first()?;
    let folded = Folded::new(first);
    for verb in ["said", "says", "announced", "reported"] {
        let found = folded.lower.match_indices(verb).find(|(at, _)| {
            *at > 0
                && folded.lower[..*at].ends_with(' ')
                && folded.lower[at + verb.len()..].starts_with(' ')
        });
        if let Some((at, _)) = found {
            let cut = folded.origin.get(at).copied()?;
            if let Some(found) = first.get(..cut).and_then(who) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
#[path = "capture_tests.rs"]
mod tests;
