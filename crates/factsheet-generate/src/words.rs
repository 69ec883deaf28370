//! The generator's vocabulary: languages, outlets, places, mediators and
//! speakers, and the words a quote or a slug is made of.

use super::*;

/// A language a source writes in; quotes and names follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Uk,
    Ru,
}

impl Lang {
    pub(crate) fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
        }
    }
}

/// Outlets by affiliation, with the language they publish in and their web domain.
pub(crate) const OUTLETS: &[(Affiliation, &str, Lang, &str)] = &[
    (
        Affiliation::UkrainianGovernment,
        "Coordination Headquarters for the Treatment of Prisoners of War",
        Lang::En,
        "koordshtab.gov.ua",
    ),
    (
        Affiliation::UkrainianGovernment,
        "Координаційний штаб з питань поводження з військовополоненими",
        Lang::Uk,
        "koordshtab.gov.ua",
    ),
    (
        Affiliation::UkrainianGovernment,
        "Офіс Президента України",
        Lang::Uk,
        "president.gov.ua",
    ),
    (
        Affiliation::RussianGovernment,
        "Министерство обороны Российской Федерации",
        Lang::Ru,
        "mil.ru",
    ),
    (
        Affiliation::RussianGovernment,
        "Ministry of Defence of the Russian Federation",
        Lang::En,
        "eng.mil.ru",
    ),
    (
        Affiliation::UkrainianStateMedia,
        "Ukrinform",
        Lang::En,
        "ukrinform.net",
    ),
    (
        Affiliation::UkrainianStateMedia,
        "Суспільне",
        Lang::Uk,
        "suspilne.media",
    ),
    (Affiliation::RussianStateMedia, "ТАСС", Lang::Ru, "tass.ru"),
    (Affiliation::RussianStateMedia, "TASS", Lang::En, "tass.com"),
    (
        Affiliation::RussianStateMedia,
        "РИА Новости",
        Lang::Ru,
        "ria.ru",
    ),
    (
        Affiliation::InternationalBody,
        "International Committee of the Red Cross",
        Lang::En,
        "icrc.org",
    ),
    (
        Affiliation::InternationalBody,
        "UN OHCHR",
        Lang::En,
        "ohchr.org",
    ),
    (
        Affiliation::ThirdCountryGovernment,
        "UAE Ministry of Foreign Affairs",
        Lang::En,
        "mofa.gov.ae",
    ),
    (
        Affiliation::ThirdCountryMedia,
        "Anadolu Agency",
        Lang::En,
        "aa.com.tr",
    ),
    (
        Affiliation::ThirdCountryMedia,
        "Al Jazeera",
        Lang::En,
        "aljazeera.com",
    ),
    (
        Affiliation::IndependentMedia,
        "Reuters",
        Lang::En,
        "reuters.com",
    ),
    (
        Affiliation::IndependentMedia,
        "The Kyiv Independent",
        Lang::En,
        "kyivindependent.com",
    ),
    (
        Affiliation::IndependentMedia,
        "Медиазона",
        Lang::Ru,
        "zona.media",
    ),
    (
        Affiliation::IndependentMedia,
        "BBC News Україна",
        Lang::Uk,
        "bbc.com",
    ),
    (Affiliation::Unknown, "unknown", Lang::Ru, "t.me"),
];

/// Places: canonical name, spelling variants a source may use instead, precision.
pub(crate) const PLACES: &[(&str, &[&str], PlacePrecision)] = &[
    (
        "Belarus–Ukraine border",
        &["Belarusian-Ukrainian border", "кордон України з Білоруссю"],
        PlacePrecision::Border,
    ),
    ("Kyiv", &["Kiev", "Київ"], PlacePrecision::Site),
    ("Kharkiv", &["Kharkov", "Харків"], PlacePrecision::Site),
    (
        "Zaporizhzhia region",
        &["Zaporozhye region", "Запорізька область"],
        PlacePrecision::Region,
    ),
    (
        "Luhansk region",
        &["Lugansk region", "Луганская область"],
        PlacePrecision::Region,
    ),
    ("Sumy region", &["Сумська область"], PlacePrecision::Region),
    (
        "Chernihiv",
        &["Chernigov", "Чернігів"],
        PlacePrecision::Site,
    ),
    ("Istanbul", &["Стамбул"], PlacePrecision::Site),
    ("Abu Dhabi", &["Абу-Дабі"], PlacePrecision::Site),
    ("Ukraine", &["Україна"], PlacePrecision::Country),
];

/// Mediators, as files name them.
pub(crate) const MEDIATORS: &[&str] =
    &["UAE", "Turkey", "ICRC", "Qatar", "Saudi Arabia", "Vatican"];

/// People that claims are attributed to, in the language of the sources that quote them.
pub(crate) const SPEAKERS_EN: &[&str] = &[
    "Volodymyr Zelensky, President of Ukraine",
    "Dmytro Lubinets, Ukraine's human rights commissioner",
    "Vladimir Medinsky, Russia's chief negotiator",
    "a spokesperson for the ICRC",
];
pub(crate) const SPEAKERS_UK: &[&str] = &[
    "Дмитро Лубінець, Уповноважений Верховної Ради з прав людини",
    "Кирило Буданов, начальник ГУР",
];
pub(crate) const SPEAKERS_RU: &[&str] = &[
    "Татьяна Москалькова, уполномоченный по правам человека",
    "Владимир Мединский, глава российской делегации",
];

/// Spelling variants the file declares, on top of any built-in table.
pub(crate) fn place_names() -> Vec<PlaceName> {
    PLACES
        .iter()
        .filter(|(_, variants, _)| !variants.is_empty())
        .map(|(canonical, variants, _)| PlaceName {
            canonical: (*canonical).into(),
            variants: variants.iter().map(|v| (*v).into()).collect(),
        })
        .collect()
}

/// The (receiving side, category) pairs an event of this kind can count.
pub(crate) fn figure_slots(kind: EventKind) -> &'static [(Side, Category)] {
    use Category::*;
    use Side::*;
    match kind {
        EventKind::RemainsRepatriation => &[(Ukraine, Remains), (Russia, Remains)],
        EventKind::CivilianReturn => &[(Ukraine, Civilians), (Russia, Civilians)],
        EventKind::WoundedExchange => &[
            (Ukraine, Wounded),
            (Russia, Wounded),
            (Ukraine, Soldiers),
            (Russia, Soldiers),
        ],
        EventKind::PrisonerExchange | EventKind::UnilateralRelease | EventKind::Other => &[
            (Ukraine, Soldiers),
            (Russia, Soldiers),
            (Ukraine, Civilians),
            (Russia, Civilians),
            (Ukraine, Under25),
            (Russia, Under25),
            (Ukraine, Wounded),
            (Russia, Wounded),
            (Ukraine, Prisoners),
            (Russia, Prisoners),
        ],
    }
}

/// A quote in the source's language stating `value` for a transfer to `side`.
pub(crate) fn quote(lang: Lang, side: Side, value: Quantity) -> String {
    let n = value_words(lang, value);
    match (lang, side, value) {
        (Lang::En, _, Quantity::NotDisclosed) => "the exact number was not disclosed".to_string(),
        (Lang::En, Side::Ukraine, _) => format!("{n} of our people are back home"),
        (Lang::En, Side::Russia, _) => format!("{n} Russian servicemen were returned"),
        (Lang::Uk, _, Quantity::NotDisclosed) => "кількість не розголошується".to_string(),
        (Lang::Uk, Side::Ukraine, _) => format!("Додому повернулися {n} наших людей"),
        (Lang::Uk, Side::Russia, _) => format!("Росії передано {n} осіб"),
        (Lang::Ru, _, Quantity::NotDisclosed) => "число не раскрывается".to_string(),
        (Lang::Ru, Side::Russia, _) => {
            format!(
                "С подконтрольной киевскому режиму территории возвращены {n} российских военнослужащих"
            )
        }
        (Lang::Ru, Side::Ukraine, _) => format!("Украине переданы {n}"),
    }
}

/// The number of a claim in words of the language: "more than 500", "понад 500".
pub(crate) fn value_words(lang: Lang, value: Quantity) -> String {
    let t = factsheet_core::model::thousands;
    match (lang, value) {
        (Lang::En, v) => v.to_string(),
        (_, Quantity::Exact(n)) => t(n),
        (Lang::Uk, Quantity::Approximately(n)) => format!("близько {}", t(n)),
        (Lang::Uk, Quantity::AtLeast(n)) => format!("щонайменше {}", t(n)),
        (Lang::Uk, Quantity::MoreThan(n)) => format!("понад {}", t(n)),
        (Lang::Uk, Quantity::AtMost(n)) => format!("не більше {}", t(n)),
        (Lang::Uk, Quantity::FewerThan(n)) => format!("менше ніж {}", t(n)),
        (Lang::Ru, Quantity::Approximately(n)) => format!("около {}", t(n)),
        (Lang::Ru, Quantity::AtLeast(n)) => format!("не менее {}", t(n)),
        (Lang::Ru, Quantity::MoreThan(n)) => format!("более {}", t(n)),
        (Lang::Ru, Quantity::AtMost(n)) => format!("не более {}", t(n)),
        (Lang::Ru, Quantity::FewerThan(n)) => format!("менее {}", t(n)),
        (_, Quantity::Range { low, high }) => format!("{}–{}", t(low), t(high)),
        (_, Quantity::NotDisclosed) => String::new(),
    }
}

pub(crate) fn source_id(j: u64) -> Text {
    text!("src-{j}")
}

pub(crate) fn agreement_id(k: u64) -> Text {
    text!("agreement-{}", k + 1)
}

pub(crate) fn event_id(i: u64) -> Text {
    text!("ev-{i}")
}

pub(crate) fn side_slug(side: Side) -> &'static str {
    match side {
        Side::Ukraine => "to-ua",
        Side::Russia => "to-ru",
    }
}

pub(crate) fn category_slug(category: Category) -> &'static str {
    match category {
        Category::Prisoners => "prisoners",
        Category::Soldiers => "soldiers",
        Category::Civilians => "civilians",
        Category::Wounded => "wounded",
        Category::Under25 => "under25",
        Category::Remains => "remains",
    }
}
