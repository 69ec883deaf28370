//! Place-name folding: Kiev and Київ are Kyiv, Lugansk is Luhansk.
//!
//! A built-in table of transliteration variants (and the Ukrainian and Russian
//! Cyrillic forms) is extended by the dataset's `place_names`. Folding walks a
//! text word by word, case-insensitively, replaces every known spelling by its
//! canonical name and keeps everything else (punctuation, other words) as it is.
//! A spelling variant is never a disagreement: answers are compared folded,
//! and the variants seen are reported so the panel can say the outlets spell a
//! name differently.

use foldhash::HashMap;
use foldhash::HashMapExt;

use serde::Serialize;

use crate::model::PlaceName;

/// Canonical name first, then the spellings folded into it. Only true
/// transliteration variants and Cyrillic forms (plus Dnipropetrovsk, the city's
/// name until 2016, which reports still use), never different places.
const BUILT_IN: &[&[&str]] = &[
    &["Kyiv", "Kiev", "Kyyiv", "Київ", "Киев"],
    &["Kharkiv", "Kharkov", "Харків", "Харьков"],
    &["Luhansk", "Lugansk", "Луганськ", "Луганск"],
    &["Donetsk", "Донецьк", "Донецк"],
    &[
        "Zaporizhzhia",
        "Zaporozhye",
        "Zaporizhia",
        "Zaporizhzhya",
        "Zaporozhie",
        "Запоріжжя",
        "Запорожье",
    ],
    &["Kherson", "Херсон"],
    &["Kursk", "Курськ", "Курск"],
    &[
        "Mykolaiv",
        "Nikolaev",
        "Nikolayev",
        "Mykolayiv",
        "Миколаїв",
        "Николаев",
    ],
    &["Odesa", "Odessa", "Одеса", "Одесса"],
    &[
        "Dnipro",
        "Dnepr",
        "Dnipropetrovsk",
        "Dnepropetrovsk",
        "Дніпро",
        "Днепр",
        "Дніпропетровськ",
        "Днепропетровск",
    ],
    &["Chernihiv", "Chernigov", "Чернігів", "Чернигов"],
    &["Sumy", "Суми", "Сумы"],
    &["Belgorod", "Бєлгород", "Белгород"],
    &["Bryansk", "Брянськ", "Брянск"],
    &["Lviv", "Lvov", "Львів", "Львов"],
    &["Zhytomyr", "Zhitomir", "Житомир"],
    &["Vinnytsia", "Vinnitsa", "Вінниця", "Винница"],
    &["Chernivtsi", "Chernovtsy", "Чернівці", "Черновцы"],
    &["Rivne", "Rovno", "Рівне", "Ровно"],
    &["Ternopil", "Ternopol", "Тернопіль", "Тернополь"],
    &["Mariupol", "Маріуполь", "Мариуполь"],
    &["Sloviansk", "Slavyansk", "Слов'янськ", "Славянск"],
    &["Kramatorsk", "Краматорськ", "Краматорск"],
    &["Kremenchuk", "Kremenchug", "Кременчук", "Кременчуг"],
    &["Donbas", "Donbass", "Донбас", "Донбасс"],
    &["Ukraine", "Україна", "Украина"],
    &["Russia", "Росія", "Россия"],
];

/// Folds place names to their canonical spelling. Built once per dataset.
#[derive(Debug, Clone)]
pub struct PlaceTable {
    /// Lower-case words of a spelling, joined by one space -> index into `canonical`.
    lookup: HashMap<String, u32>,
    canonical: Vec<String>,
    /// Each canonical spelling's index in `canonical`: a file can declare a
    /// hundred thousand places, and a search of the list per entry is quadratic.
    index_of: HashMap<String, u32>,
    /// Most words in any known spelling, so matching never looks further.
    max_words: usize,
}

impl Default for PlaceTable {
    fn default() -> Self {
        PlaceTable::built_in()
    }
}

/// One place name met in a text, spelled otherwise than its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Variant {
    /// The spelling as the text has it.
    pub seen: String,
    pub canonical: String,
}

/// A text with its place names folded, and the variant spellings it contained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Folded {
    pub text: String,
    pub variants: Vec<Variant>,
}

/// A place matched in a text: the byte range of the spelling and the canonical index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub place: u32,
}

impl PlaceTable {
    /// The built-in table alone.
    pub fn built_in() -> Self {
        let mut table = PlaceTable {
            lookup: HashMap::new(),
            canonical: Vec::new(),
            index_of: HashMap::new(),
            max_words: 1,
        };
        for row in BUILT_IN {
            if let Some((canonical, variants)) = row.split_first() {
                table.add(canonical, variants.iter().copied());
            }
        }
        table
    }

    /// The built-in table extended by a dataset's `place_names`. A dataset entry
    /// wins over the built-in one for any spelling they share.
    pub fn with(extra: &[PlaceName]) -> Self {
        let mut table = PlaceTable::built_in();
        for p in extra {
            table.add(&p.canonical, p.variants.iter().map(|v| v.as_str()));
        }
        table
    }

    fn add<'a>(&mut self, canonical: &'a str, variants: impl Iterator<Item = &'a str>) {
        let canonical = canonical.trim();
        let mut key = String::new();
        if !spelling_key(canonical, &mut key) {
            return;
        }
        let index = match self.index_of.get(canonical) {
            Some(&i) => i,
            None => {
                let Ok(i) = u32::try_from(self.canonical.len()) else {
                    return;
                };
                self.canonical.push(canonical.to_string());
                self.index_of.insert(canonical.to_string(), i);
                i
            }
        };
        for spelling in std::iter::once(canonical).chain(variants) {
            if spelling_key(spelling, &mut key) {
                self.max_words = self.max_words.max(key.split(' ').count());
                self.lookup.insert(key.clone(), index);
            }
        }
    }

    /// The canonical spelling of a place name, if the table knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let mut key = String::new();
        if !spelling_key(name, &mut key) {
            return None;
        }
        let index = *self.lookup.get(&key)?;
        self.name(index)
    }

    pub(crate) fn name(&self, index: u32) -> Option<&str> {
        self.canonical
            .get(usize::try_from(index).ok()?)
            .map(String::as_str)
    }

    /// Replaces every known place name in `text` by its canonical spelling and
    /// lists the variants met (a spelling differing from the canonical one only
    /// in case is not a variant). Each distinct variant is listed once.
    pub fn fold(&self, text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut variants: Vec<Variant> = Vec::new();
        let mut at = 0;
        let mut scratch = Scratch::default();
        self.hits(text, &mut scratch, |hit, canonical| {
            let (Some(before), Some(seen)) =
                (text.get(at..hit.start), text.get(hit.start..hit.end))
            else {
                return;
            };
            out.push_str(before);
            out.push_str(canonical);
            at = hit.end;
            if !same_spelling(seen, canonical) && !variants.iter().any(|v| v.seen == seen) {
                variants.push(Variant {
                    seen: seen.to_string(),
                    canonical: canonical.to_string(),
                });
            }
        });
        out.push_str(text.get(at..).unwrap_or_default());
        Folded {
            text: out,
            variants,
        }
    }

    /// Calls `found` for every place name in `text`, left to right, longest match first.
    pub(crate) fn hits(&self, text: &str, scratch: &mut Scratch, mut found: impl FnMut(Hit, &str)) {
        scratch.words.clear();
        scratch.words.extend(words(text));
        let words = &scratch.words;
        let mut i = 0;
        while i < words.len() {
            let mut matched = None;
            let longest = self.max_words.min(words.len() - i);
            for n in (1..=longest).rev() {
                let span = &words[i..i + n];
                if !joined_by_spaces(text, span) {
                    continue;
                }
                scratch.key.clear();
                for (k, &(s, e)) in span.iter().enumerate() {
                    if k > 0 {
                        scratch.key.push(' ');
                    }
                    push_lower(&mut scratch.key, text.get(s..e).unwrap_or_default());
                }
                if let Some(&place) = self.lookup.get(&scratch.key) {
                    matched = Some((n, place));
                    break;
                }
            }
            match matched {
                Some((n, place)) => {
                    let (start, end) = (span_start(words, i), span_end(words, i + n - 1));
                    if let Some(name) = self.name(place) {
                        found(Hit { start, end, place }, name);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

/// The spellings of one place met across several texts, when there are two or more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spelling {
    pub canonical: String,
    /// Each distinct spelling (ignoring case), first-met first, with the sources using it.
    pub forms: Vec<SpellingForm>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpellingForm {
    /// The spelling as first met.
    pub text: String,
    /// Ids of the sources that write it this way, without repeats.
    pub sources: Vec<String>,
}

/// Collects the spellings of place names across texts from several sources.
#[derive(Debug, Default)]
pub struct SpellingTally {
    /// (place, spelling key, spelling as met, sources)
    entries: Vec<(u32, String, String, Vec<String>)>,
    scratch: Scratch,
}

impl SpellingTally {
    /// Notes every place name in `text`, written by `source`.
    pub fn record(&mut self, table: &PlaceTable, text: &str, source: &str) {
        let mut hits = Vec::new();
        table.hits(text, &mut self.scratch, |hit, _| hits.push(hit));
        let mut key = String::new();
        for hit in hits {
            let Some(seen) = text.get(hit.start..hit.end) else {
                continue;
            };
            spelling_key(seen, &mut key);
            let entry = self
                .entries
                .iter_mut()
                .find(|e| e.0 == hit.place && e.1 == key);
            match entry {
                Some(e) => {
                    if !e.3.iter().any(|s| s == source) {
                        e.3.push(source.to_string());
                    }
                }
                None => self.entries.push((
                    hit.place,
                    key.clone(),
                    seen.to_string(),
                    vec![source.to_string()],
                )),
            }
        }
    }

    /// The places met in two or more spellings, in first-met order.
    pub fn finish(self, table: &PlaceTable) -> Vec<Spelling> {
        let mut out: Vec<(u32, Spelling)> = Vec::new();
        for (place, _, text, sources) in self.entries {
            let form = SpellingForm { text, sources };
            match out.iter_mut().find(|(p, _)| *p == place) {
                Some((_, s)) => s.forms.push(form),
                None => out.push((
                    place,
                    Spelling {
                        canonical: table.name(place).unwrap_or_default().to_string(),
                        forms: vec![form],
                    },
                )),
            }
        }
        out.into_iter()
            .map(|(_, s)| s)
            .filter(|s| s.forms.len() > 1)
            .collect()
    }
}

/// Reusable buffers, so folding many texts does not allocate for each.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The words of the last text given to [`PlaceTable::hits`].
    pub(crate) words: Vec<(usize, usize)>,
    key: String,
}

fn span_start(words: &[(usize, usize)], i: usize) -> usize {
    words.get(i).map_or(0, |w| w.0)
}

fn span_end(words: &[(usize, usize)], i: usize) -> usize {
    words.get(i).map_or(0, |w| w.1)
}

/// Byte ranges of the words of `text`: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// True when the words of a multi-word name are separated only by spaces,
/// hyphens or apostrophes ("Ivano-Frankivsk", "Слов'янськ"), not by commas.
fn joined_by_spaces(text: &str, span: &[(usize, usize)]) -> bool {
    span.windows(2).all(|w| {
        text.get(w[0].1..w[1].0)
            .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || "-'’ʼ".contains(c)))
    })
}

/// The lookup key of a spelling: its words in lower case joined by one space.
/// False when the spelling has no word at all.
fn spelling_key(spelling: &str, key: &mut String) -> bool {
    key.clear();
    for (k, (s, e)) in words(spelling).enumerate() {
        if k > 0 {
            key.push(' ');
        }
        push_lower(key, spelling.get(s..e).unwrap_or_default());
    }
    !key.is_empty()
}

pub(crate) fn push_lower(out: &mut String, word: &str) {
    for c in word.chars() {
        out.extend(c.to_lowercase());
    }
}

fn same_spelling(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (String::new(), String::new());
    spelling_key(a, &mut x);
    spelling_key(b, &mut y);
    x == y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list;

    #[test]
    fn folds_transliterations_and_cyrillic_keeping_punctuation() {
        let t = PlaceTable::built_in();
        let f = t.fold("Kharkiv, Lugansk, Donetsk, Zaporozhye and KIEV's own; Київ/Харьков.");
        assert_eq!(
            f.text,
            "Kharkiv, Luhansk, Donetsk, Zaporizhzhia and Kyiv's own; Kyiv/Kharkiv."
        );
        let seen: Vec<&str> = f.variants.iter().map(|v| v.seen.as_str()).collect();
        assert_eq!(seen, ["Lugansk", "Zaporozhye", "KIEV", "Київ", "Харьков"]);
        assert!(f.variants.iter().all(|v| v.seen != "Kharkiv"));
    }

    #[test]
    fn case_alone_is_not_a_variant_but_is_folded() {
        let f = PlaceTable::built_in().fold("kyiv");
        assert_eq!(f.text, "Kyiv");
        assert!(f.variants.is_empty());
    }

    #[test]
    fn words_inside_other_words_are_left_alone() {
        let f = PlaceTable::built_in().fold("Kievan Rus and Sumyland");
        assert_eq!(f.text, "Kievan Rus and Sumyland");
    }

    #[test]
    fn dataset_entries_extend_and_override() {
        let t = PlaceTable::with(&[
            PlaceName {
                canonical: "Ivano-Frankivsk".into(),
                variants: list!["Ivano Frankovsk".into()],
            },
            PlaceName {
                canonical: "Kiev".into(),
                variants: list!["Kyiv".into()],
            },
        ]);
        let f = t.fold("From Ivano-Frankovsk to Kyiv; not Ivano, Frankovsk.");
        assert_eq!(
            f.text,
            "From Ivano-Frankivsk to Kiev; not Ivano, Frankovsk."
        );
        assert_eq!(t.canonical("ivano frankivsk"), Some("Ivano-Frankivsk"));
        assert_eq!(t.canonical("Київ"), Some("Kyiv"));
        assert_eq!(t.canonical("Atlantis"), None);
    }

    #[test]
    fn built_in_spellings_name_one_place_each() {
        let mut seen = HashMap::new();
        let mut key = String::new();
        for row in BUILT_IN {
            for spelling in *row {
                assert!(spelling_key(spelling, &mut key), "{spelling}");
                if let Some(other) = seen.insert(key.clone(), row[0]) {
                    panic!("{spelling} is listed under {other} and {}", row[0]);
                }
            }
        }
    }

    #[test]
    fn tally_lists_places_spelled_two_ways() {
        let t = PlaceTable::built_in();
        let mut tally = SpellingTally::default();
        tally.record(&t, "identified by Kiev; Lugansk and Kharkiv", "seed-000");
        tally.record(&t, "Kyiv said; Luhansk and Kharkiv; kiev", "seed-002");
        let s = tally.finish(&t);
        let names: Vec<&str> = s.iter().map(|s| s.canonical.as_str()).collect();
        assert_eq!(names, ["Kyiv", "Luhansk"]);
        assert_eq!(s[0].forms[0].text, "Kiev");
        assert_eq!(s[0].forms[0].sources, ["seed-000", "seed-002"]);
        assert_eq!(s[0].forms[1].text, "Kyiv");
        assert_eq!(s[0].forms[1].sources, ["seed-002"]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        let t = PlaceTable::built_in();
        for s in [
            "",
            "   ",
            "—",
            "Kyiv",
            "й",
            "a\u{0301}Kiev",
            "Kiev-",
            "'Kiev'",
        ] {
            let f = t.fold(s);
            assert_eq!(f.text.is_empty(), s.is_empty());
        }
    }
}
