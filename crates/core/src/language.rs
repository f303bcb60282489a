//! Languages, named by ISO 639-1 code or English name.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A natural language. Which analyzers support which language is up to each analyzer (the
/// stemmer covers the Snowball languages, the sentence splitter has abbreviation lists for some).
///
/// Parsed from an ISO 639-1 code or an English name, case-insensitively:
///
/// ```
/// use gist_core::Language;
/// assert_eq!("de".parse::<Language>().unwrap(), Language::German);
/// assert_eq!("Dutch".parse::<Language>().unwrap(), Language::Dutch);
/// assert_eq!(Language::Greek.code(), "el");
/// assert!("klingon".parse::<Language>().is_err());
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Language {
    /// Amharic (`am`).
    Amharic,
    /// Arabic (`ar`).
    Arabic,
    /// Armenian (`hy`).
    Armenian,
    /// Basque (`eu`).
    Basque,
    /// Bulgarian (`bg`).
    Bulgarian,
    /// Burmese (`my`).
    Burmese,
    /// Catalan (`ca`).
    Catalan,
    /// Chinese (`zh`).
    Chinese,
    /// Czech (`cs`).
    Czech,
    /// Danish (`da`).
    Danish,
    /// Dutch (`nl`).
    Dutch,
    /// English (`en`).
    #[default]
    English,
    /// Esperanto (`eo`).
    Esperanto,
    /// Estonian (`et`).
    Estonian,
    /// Finnish (`fi`).
    Finnish,
    /// French (`fr`).
    French,
    /// German (`de`).
    German,
    /// Greek (`el`).
    Greek,
    /// Hindi (`hi`).
    Hindi,
    /// Hungarian (`hu`).
    Hungarian,
    /// Indonesian (`id`).
    Indonesian,
    /// Irish (`ga`).
    Irish,
    /// Italian (`it`).
    Italian,
    /// Japanese (`ja`).
    Japanese,
    /// Kazakh (`kk`).
    Kazakh,
    /// Lithuanian (`lt`).
    Lithuanian,
    /// Marathi (`mr`).
    Marathi,
    /// Nepali (`ne`).
    Nepali,
    /// Norwegian (`no`).
    Norwegian,
    /// Persian (`fa`).
    Persian,
    /// Polish (`pl`).
    Polish,
    /// Portuguese (`pt`).
    Portuguese,
    /// Romanian (`ro`).
    Romanian,
    /// Russian (`ru`).
    Russian,
    /// Serbian (`sr`).
    Serbian,
    /// Slovak (`sk`).
    Slovak,
    /// Spanish (`es`).
    Spanish,
    /// Swedish (`sv`).
    Swedish,
    /// Tamil (`ta`).
    Tamil,
    /// Turkish (`tr`).
    Turkish,
    /// Urdu (`ur`).
    Urdu,
    /// Yiddish (`yi`).
    Yiddish,
}

impl Language {
    /// Every language, in alphabetical order of English name.
    pub const ALL: &'static [Language] = &[
        Language::Amharic,
        Language::Arabic,
        Language::Armenian,
        Language::Basque,
        Language::Bulgarian,
        Language::Burmese,
        Language::Catalan,
        Language::Chinese,
        Language::Czech,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Esperanto,
        Language::Estonian,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hindi,
        Language::Hungarian,
        Language::Indonesian,
        Language::Irish,
        Language::Italian,
        Language::Japanese,
        Language::Kazakh,
        Language::Lithuanian,
        Language::Marathi,
        Language::Nepali,
        Language::Norwegian,
        Language::Persian,
        Language::Polish,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Serbian,
        Language::Slovak,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
        Language::Urdu,
        Language::Yiddish,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Amharic => "am",
            Language::Arabic => "ar",
            Language::Armenian => "hy",
            Language::Basque => "eu",
            Language::Bulgarian => "bg",
            Language::Burmese => "my",
            Language::Catalan => "ca",
            Language::Chinese => "zh",
            Language::Czech => "cs",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::English => "en",
            Language::Esperanto => "eo",
            Language::Estonian => "et",
            Language::Finnish => "fi",
            Language::French => "fr",
            Language::German => "de",
            Language::Greek => "el",
            Language::Hindi => "hi",
            Language::Hungarian => "hu",
            Language::Indonesian => "id",
            Language::Irish => "ga",
            Language::Italian => "it",
            Language::Japanese => "ja",
            Language::Kazakh => "kk",
            Language::Lithuanian => "lt",
            Language::Marathi => "mr",
            Language::Nepali => "ne",
            Language::Norwegian => "no",
            Language::Persian => "fa",
            Language::Polish => "pl",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Serbian => "sr",
            Language::Slovak => "sk",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Tamil => "ta",
            Language::Turkish => "tr",
            Language::Urdu => "ur",
            Language::Yiddish => "yi",
        }
    }

    /// The English name, lowercase ("english").
    pub fn name(self) -> &'static str {
        match self {
            Language::Amharic => "amharic",
            Language::Arabic => "arabic",
            Language::Armenian => "armenian",
            Language::Basque => "basque",
            Language::Bulgarian => "bulgarian",
            Language::Burmese => "burmese",
            Language::Catalan => "catalan",
            Language::Chinese => "chinese",
            Language::Czech => "czech",
            Language::Danish => "danish",
            Language::Dutch => "dutch",
            Language::English => "english",
            Language::Esperanto => "esperanto",
            Language::Estonian => "estonian",
            Language::Finnish => "finnish",
            Language::French => "french",
            Language::German => "german",
            Language::Greek => "greek",
            Language::Hindi => "hindi",
            Language::Hungarian => "hungarian",
            Language::Indonesian => "indonesian",
            Language::Irish => "irish",
            Language::Italian => "italian",
            Language::Japanese => "japanese",
            Language::Kazakh => "kazakh",
            Language::Lithuanian => "lithuanian",
            Language::Marathi => "marathi",
            Language::Nepali => "nepali",
            Language::Norwegian => "norwegian",
            Language::Persian => "persian",
            Language::Polish => "polish",
            Language::Portuguese => "portuguese",
            Language::Romanian => "romanian",
            Language::Russian => "russian",
            Language::Serbian => "serbian",
            Language::Slovak => "slovak",
            Language::Spanish => "spanish",
            Language::Swedish => "swedish",
            Language::Tamil => "tamil",
            Language::Turkish => "turkish",
            Language::Urdu => "urdu",
            Language::Yiddish => "yiddish",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown language name or code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown language {:?} (expected an ISO 639-1 code such as \"en\" or an English name such as \"english\")",
            self.0
        )
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Language, UnknownLanguage> {
        let key = s.trim().to_lowercase();
        let found = Language::ALL
            .iter()
            .copied()
            .find(|l| l.code() == key || l.name() == key)
            .or(match key.as_str() {
                "deutsch" => Some(Language::German),
                "nb" | "bokmal" | "bokmål" => Some(Language::Norwegian),
                "farsi" => Some(Language::Persian),
                "ελληνικά" => Some(Language::Greek),
                "nederlands" => Some(Language::Dutch),
                "français" | "francais" => Some(Language::French),
                "español" | "espanol" => Some(Language::Spanish),
                _ => None,
            });
        found.ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for &lang in Language::ALL {
            assert_eq!(lang.code().parse::<Language>().unwrap(), lang);
            assert_eq!(lang.name().parse::<Language>().unwrap(), lang);
            assert_eq!(
                lang.name().to_uppercase().parse::<Language>().unwrap(),
                lang
            );
        }
        assert_eq!("deutsch".parse::<Language>().unwrap(), Language::German);
        assert_eq!(
            "xx".parse::<Language>().unwrap_err().to_string(),
            "unknown language \"xx\" (expected an ISO 639-1 code such as \"en\" or an English name such as \"english\")"
        );
    }
}
