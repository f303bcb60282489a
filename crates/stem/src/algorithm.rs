//! What to stem with: an [`Algorithm`] (a language's Snowball stemmer or one of the historical
//! algorithms) and a [`Backend`] (which generation of Snowball implements it).

use gist_core::Language;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which implementation of the Snowball algorithms a [`Stemmer`](crate::Stemmer) runs.
///
/// `#[non_exhaustive]`: match with a wildcard arm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Backend {
    /// Current Snowball (the `frostem` crate, generated from Snowball's main branch): every
    /// algorithm gist knows, with stems identical to the current Snowball reference
    /// vocabularies. The default.
    #[default]
    Snowball,
    /// Snowball 2.x as implemented by the `rust-stemmers` 1.2 crate, for stems identical to
    /// indexes built with it (tantivy, many search engines). 18 languages, no historical
    /// algorithms. Its stems differ from current Snowball for several languages (Dutch changed
    /// algorithm in Snowball 3), and inputs on which that crate panics are returned lowercased
    /// and unstemmed (see [`Stemmer::stem`](crate::Stemmer::stem)).
    Snowball2,
}

impl Backend {
    /// Every backend, default first.
    pub const ALL: &'static [Backend] = &[Backend::Snowball, Backend::Snowball2];

    /// A short lowercase name: `"snowball"` or `"snowball2"`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Snowball => "snowball",
            Backend::Snowball2 => "snowball2",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A stemming algorithm: a language's Snowball stemmer, or one of the Snowball project's
/// algorithms that are not "the" stemmer of a language.
///
/// `#[non_exhaustive]`: match with a wildcard arm.
///
/// Parsed from a Snowball algorithm name or a language name or code:
///
/// ```
/// use gist_stem::{Algorithm, Language};
/// assert_eq!("porter".parse::<Algorithm>().unwrap(), Algorithm::Porter);
/// assert_eq!("dutch_porter".parse::<Algorithm>().unwrap(), Algorithm::DutchPorter);
/// assert_eq!("de".parse::<Algorithm>().unwrap(), Algorithm::Language(Language::German));
/// assert_eq!(Algorithm::Language(Language::English).name(), "english");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Algorithm {
    /// The language's Snowball stemmer (for English, Porter2, the "english" Snowball stemmer).
    Language(Language),
    /// Martin Porter's original 1980 English stemmer ("porter" in Snowball).
    Porter,
    /// Julie Beth Lovins' 1968 English stemmer ("lovins" in Snowball).
    Lovins,
    /// Martin Porter's Dutch stemmer, Snowball's "dutch" until Snowball 3 replaced it with an
    /// algorithm derived from Kraaij and Pohlmann's ("dutch_porter" in Snowball).
    DutchPorter,
    /// English of the 16th–17th centuries, e.g. Shakespeare ("earlymodernenglish" in Snowball).
    EarlyModernEnglish,
}

impl From<Language> for Algorithm {
    fn from(language: Language) -> Algorithm {
        Algorithm::Language(language)
    }
}

/// The algorithms that are not languages, in [`Algorithm::name`] order.
const HISTORICAL: &[Algorithm] = &[
    Algorithm::DutchPorter,
    Algorithm::EarlyModernEnglish,
    Algorithm::Lovins,
    Algorithm::Porter,
];

impl Algorithm {
    /// Every algorithm that some backend implements: the languages with a stemmer, then the
    /// historical algorithms.
    pub fn all() -> impl Iterator<Item = Algorithm> {
        Language::ALL
            .iter()
            .map(|&l| Algorithm::Language(l))
            .filter(|a| a.frostem().is_some())
            .chain(HISTORICAL.iter().copied())
    }

    /// The Snowball name: the language's English name (`"english"`), or `"porter"`,
    /// `"lovins"`, `"dutch_porter"`, `"earlymodernenglish"`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Language(l) => l.name(),
            Algorithm::Porter => "porter",
            Algorithm::Lovins => "lovins",
            Algorithm::DutchPorter => "dutch_porter",
            Algorithm::EarlyModernEnglish => "earlymodernenglish",
        }
    }

    /// The language this algorithm stems (English for Porter and Lovins, Dutch for Dutch-Porter).
    pub fn language(self) -> Language {
        match self {
            Algorithm::Language(l) => l,
            Algorithm::Porter | Algorithm::Lovins | Algorithm::EarlyModernEnglish => {
                Language::English
            }
            Algorithm::DutchPorter => Language::Dutch,
        }
    }

    /// True if `backend` implements this algorithm.
    pub fn is_supported_by(self, backend: Backend) -> bool {
        match backend {
            Backend::Snowball => self.frostem().is_some(),
            Backend::Snowball2 => self.rust_stemmers().is_some(),
        }
    }

    /// The algorithm in the current-Snowball backend.
    pub(crate) fn frostem(self) -> Option<frostem::Algorithm> {
        use frostem::Algorithm as F;
        Some(match self {
            Algorithm::Porter => F::Porter,
            Algorithm::Lovins => F::Lovins,
            Algorithm::DutchPorter => F::DutchPorter,
            Algorithm::EarlyModernEnglish => F::Earlymodernenglish,
            Algorithm::Language(l) => match l {
                Language::Arabic => F::Arabic,
                Language::Armenian => F::Armenian,
                Language::Basque => F::Basque,
                Language::Catalan => F::Catalan,
                Language::Czech => F::Czech,
                Language::Danish => F::Danish,
                Language::Dutch => F::Dutch,
                Language::English => F::English,
                Language::Esperanto => F::Esperanto,
                Language::Estonian => F::Estonian,
                Language::Finnish => F::Finnish,
                Language::French => F::French,
                Language::German => F::German,
                Language::Greek => F::Greek,
                Language::Hindi => F::Hindi,
                Language::Hungarian => F::Hungarian,
                Language::Indonesian => F::Indonesian,
                Language::Irish => F::Irish,
                Language::Italian => F::Italian,
                Language::Lithuanian => F::Lithuanian,
                Language::Nepali => F::Nepali,
                Language::Norwegian => F::Norwegian,
                Language::Persian => F::Persian,
                Language::Polish => F::Polish,
                Language::Portuguese => F::Portuguese,
                Language::Romanian => F::Romanian,
                Language::Russian => F::Russian,
                Language::Serbian => F::Serbian,
                Language::Spanish => F::Spanish,
                Language::Swedish => F::Swedish,
                Language::Tamil => F::Tamil,
                Language::Turkish => F::Turkish,
                Language::Yiddish => F::Yiddish,
                _ => return None,
            },
        })
    }

    /// The algorithm in the Snowball-2 (rust-stemmers) backend.
    pub(crate) fn rust_stemmers(self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm as R;
        Some(match self {
            // rust-stemmers' Dutch is Porter's Dutch stemmer (Snowball 2's "dutch").
            Algorithm::DutchPorter => R::Dutch,
            Algorithm::Language(l) => match l {
                Language::Arabic => R::Arabic,
                Language::Danish => R::Danish,
                Language::Dutch => R::Dutch,
                Language::English => R::English,
                Language::Finnish => R::Finnish,
                Language::French => R::French,
                Language::German => R::German,
                Language::Greek => R::Greek,
                Language::Hungarian => R::Hungarian,
                Language::Italian => R::Italian,
                Language::Norwegian => R::Norwegian,
                Language::Portuguese => R::Portuguese,
                Language::Romanian => R::Romanian,
                Language::Russian => R::Russian,
                Language::Spanish => R::Spanish,
                Language::Swedish => R::Swedish,
                Language::Tamil => R::Tamil,
                Language::Turkish => R::Turkish,
                _ => return None,
            },
            _ => return None,
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown algorithm name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownAlgorithm(pub String);

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown stemming algorithm {:?} (expected a language name or code such as \"english\" \
             or \"de\", or one of \"porter\", \"lovins\", \"dutch_porter\", \"earlymodernenglish\")",
            self.0
        )
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    fn from_str(s: &str) -> Result<Algorithm, UnknownAlgorithm> {
        let key = s.trim().to_lowercase().replace('-', "_");
        if let Some(&a) = HISTORICAL.iter().find(|a| a.name() == key) {
            return Ok(a);
        }
        match key.as_str() {
            "porter1" => return Ok(Algorithm::Porter),
            "porter2" => return Ok(Algorithm::Language(Language::English)),
            "early_modern_english" => return Ok(Algorithm::EarlyModernEnglish),
            _ => {}
        }
        key.parse::<Language>()
            .map(Algorithm::Language)
            .map_err(|_| UnknownAlgorithm(s.to_string()))
    }
}
