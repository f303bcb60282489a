//! Stopword lists for every language the Snowball stemmer supports, and [`StopwordFilter`], the
//! analyzer that marks stopword tokens.
//!
//! The lists are data files embedded in the binary (`src/stopwords/<language>.txt`), parsed
//! once on first use into sorted, deduplicated slices of `&'static str` ([`list`]) and
//! immutable hash sets: [`is_stopword`] is one set lookup, with no allocation and no mutable
//! global state.
//!
//! Sources (see `src/stopwords/NOTICE.md`): the Snowball project's own lists (BSD) for Danish,
//! Dutch, English, Finnish, French, German, Hungarian, Italian, Norwegian, Portuguese, Russian,
//! Spanish and Swedish; stopwords-iso (MIT) for Arabic, Armenian, Basque, Catalan, Czech,
//! Esperanto, Estonian, Greek, Hindi, Indonesian, Irish, Lithuanian, Persian, Polish, Romanian
//! and Turkish; spaCy (MIT) for Nepali, Serbian (Cyrillic, plus its Latin transliteration) and
//! Tamil; a short list written for this project for Yiddish.
//!
//! Entries are lowercase, NFC, with ASCII apostrophes — the form of a token's norm under the
//! default [`WordOptions`](crate::WordOptions).
//!
//! ```
//! use gist_core::Language;
//! use gist_tokenize::stopwords;
//!
//! assert!(stopwords::is_stopword(Language::English, "the"));
//! assert!(stopwords::is_stopword(Language::English, "can't"));
//! assert!(!stopwords::is_stopword(Language::English, "tokenizer"));
//! assert!(stopwords::is_stopword(Language::German, "über"));
//! assert!(stopwords::list(Language::French).contains(&"nous"));
//! assert!(stopwords::list(Language::Japanese).is_empty());
//! ```

use crate::normalize;
use gist_core::{Analyzer, Document, Error, ErrorKind, Language, TokenKind};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The embedded lists, one per supported language.
static SOURCES: &[(Language, &str)] = &[
    (Language::Arabic, include_str!("stopwords/arabic.txt")),
    (Language::Armenian, include_str!("stopwords/armenian.txt")),
    (Language::Basque, include_str!("stopwords/basque.txt")),
    (Language::Catalan, include_str!("stopwords/catalan.txt")),
    (Language::Czech, include_str!("stopwords/czech.txt")),
    (Language::Danish, include_str!("stopwords/danish.txt")),
    (Language::Dutch, include_str!("stopwords/dutch.txt")),
    (Language::English, include_str!("stopwords/english.txt")),
    (Language::Esperanto, include_str!("stopwords/esperanto.txt")),
    (Language::Estonian, include_str!("stopwords/estonian.txt")),
    (Language::Finnish, include_str!("stopwords/finnish.txt")),
    (Language::French, include_str!("stopwords/french.txt")),
    (Language::German, include_str!("stopwords/german.txt")),
    (Language::Greek, include_str!("stopwords/greek.txt")),
    (Language::Hindi, include_str!("stopwords/hindi.txt")),
    (Language::Hungarian, include_str!("stopwords/hungarian.txt")),
    (
        Language::Indonesian,
        include_str!("stopwords/indonesian.txt"),
    ),
    (Language::Irish, include_str!("stopwords/irish.txt")),
    (Language::Italian, include_str!("stopwords/italian.txt")),
    (
        Language::Lithuanian,
        include_str!("stopwords/lithuanian.txt"),
    ),
    (Language::Nepali, include_str!("stopwords/nepali.txt")),
    (Language::Norwegian, include_str!("stopwords/norwegian.txt")),
    (Language::Persian, include_str!("stopwords/persian.txt")),
    (Language::Polish, include_str!("stopwords/polish.txt")),
    (
        Language::Portuguese,
        include_str!("stopwords/portuguese.txt"),
    ),
    (Language::Romanian, include_str!("stopwords/romanian.txt")),
    (Language::Russian, include_str!("stopwords/russian.txt")),
    (Language::Serbian, include_str!("stopwords/serbian.txt")),
    (Language::Spanish, include_str!("stopwords/spanish.txt")),
    (Language::Swedish, include_str!("stopwords/swedish.txt")),
    (Language::Tamil, include_str!("stopwords/tamil.txt")),
    (Language::Turkish, include_str!("stopwords/turkish.txt")),
    (Language::Yiddish, include_str!("stopwords/yiddish.txt")),
];

/// The parsed lists, in the order of [`SOURCES`]; immutable once built.
static LISTS: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| SOURCES.iter().map(|&(_, data)| parse(data)).collect());

/// The same lists as hash sets, for lookups (a binary search costs about ten string
/// comparisons; a set lookup, one hash of the word and usually one comparison).
static SETS: LazyLock<Vec<WordSet>> = LazyLock::new(|| {
    LISTS
        .iter()
        .map(|words| {
            let mut set = WordSet::with_capacity_and_hasher(words.len(), WordHash::default());
            set.extend(words.iter().copied());
            set
        })
        .collect()
});

/// A fixed set of words with [`WordHash`]'s fixed key.
type WordSet = HashSet<&'static str, WordHash>;

/// gist-core's fast hash with a fixed key: safe here, since the stopword sets never grow, so
/// colliding inputs cannot lengthen a probe sequence beyond the few entries of a list.
type WordHash = gist_core::hash::KeyedFastHash;

/// The set of `language`'s stopwords, if it has a list.
fn set(language: Language) -> Option<&'static WordSet> {
    SOURCES
        .iter()
        .position(|&(l, _)| l == language)
        .map(|i| &SETS[i])
}

/// Parses a list: `|` starts a comment to the end of the line; words are separated by
/// whitespace. Returns the words sorted and deduplicated.
fn parse(data: &'static str) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = data
        .lines()
        .flat_map(|line| line.split('|').next().unwrap_or("").split_whitespace())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The languages that have a stopword list, in alphabetical order.
pub fn languages() -> impl Iterator<Item = Language> {
    SOURCES.iter().map(|&(l, _)| l)
}

/// The stopwords of `language`, sorted (byte order) and deduplicated; empty for a language
/// without a list.
pub fn list(language: Language) -> &'static [&'static str] {
    match SOURCES.iter().position(|&(l, _)| l == language) {
        Some(i) => &LISTS[i],
        None => &[],
    }
}

/// True when `word` (lowercase, as a token norm) is a stopword of `language`.
pub fn is_stopword(language: Language, word: &str) -> bool {
    set(language).is_some_and(|s| s.contains(word))
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Words {
    DocumentLanguage,
    Language(Language),
    Custom(Vec<Box<str>>),
}

/// An [`Analyzer`] that sets `token.stopword` on word tokens whose norm is a stopword — of the
/// document's language (the default), of a fixed language, or of your own list. Other tokens
/// and tokens already marked are left as they are. Needs tokens (run a
/// [`WordTokenizer`](crate::WordTokenizer) first).
///
/// When norms are accent-folded ("même" → "meme"), the lowercased original text is also
/// looked up, so folding does not hide stopwords. Elided words ("l'", "qu'", "dell'") are
/// looked up without their apostrophe.
///
/// ```
/// use gist_core::{Analyzer, Document, Language, Pipeline};
/// use gist_tokenize::{StopwordFilter, WordTokenizer};
///
/// let pipeline = Pipeline::new().then(WordTokenizer::default()).then(StopwordFilter::default());
/// let mut doc = Document::new("d", "Nous avons mangé des crêpes.").with_language(Language::French);
/// pipeline.analyze(&mut doc)?;
/// let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
/// assert_eq!(stop, [true, true, false, true, false, false]);
///
/// let mine = StopwordFilter::with_words(["crêpes", "Mangé"]);
/// let mut doc = Document::new("d", "Nous avons mangé des crêpes.");
/// Pipeline::new().then(WordTokenizer::default()).then(mine).analyze(&mut doc)?;
/// let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
/// assert_eq!(stop, [false, false, true, false, true, false]);
/// # Ok::<(), gist_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopwordFilter {
    words: Words,
}

impl Default for StopwordFilter {
    /// Stopwords of each document's own language.
    fn default() -> StopwordFilter {
        StopwordFilter {
            words: Words::DocumentLanguage,
        }
    }
}

impl StopwordFilter {
    /// Stopwords of each document's own language (same as `default()`).
    pub fn new() -> StopwordFilter {
        StopwordFilter::default()
    }

    /// Stopwords of `language`, whatever the document's language.
    pub fn for_language(language: Language) -> StopwordFilter {
        StopwordFilter {
            words: Words::Language(language),
        }
    }

    /// Your own stopwords, lowercased (language-independent rules) with ASCII apostrophes.
    pub fn with_words<I, S>(words: I) -> StopwordFilter
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list: Vec<Box<str>> = words
            .into_iter()
            .map(|w| {
                let w = normalize::lowercase(w.as_ref().trim()).into_owned();
                normalize::apostrophes(&w).into_owned().into_boxed_str()
            })
            .filter(|w| !w.is_empty())
            .collect();
        list.sort_unstable();
        list.dedup();
        StopwordFilter {
            words: Words::Custom(list),
        }
    }

    /// Whether this filter marks a token as a stopword: a token of `kind` whose text is
    /// `original` and whose norm is `norm`, in a document in `language` (the decision the
    /// [`Analyzer`] implementation makes for each token; only [`TokenKind::Word`] tokens are
    /// ever stopwords). For callers that analyze words without a [`Document`], e.g. with a
    /// cache of per-word results.
    ///
    /// ```
    /// use gist_core::{Language, TokenKind};
    /// use gist_tokenize::StopwordFilter;
    /// let f = StopwordFilter::new();
    /// assert!(f.is_stopword_token(Language::English, TokenKind::Word, "The", "the"));
    /// assert!(f.is_stopword_token(Language::English, TokenKind::Word, "Can’t", "can't"));
    /// assert!(!f.is_stopword_token(Language::English, TokenKind::Number, "1", "1"));
    /// assert!(!f.is_stopword_token(Language::English, TokenKind::Word, "cats", "cats"));
    /// ```
    pub fn is_stopword_token(
        &self,
        language: Language,
        kind: TokenKind,
        original: &str,
        norm: &str,
    ) -> bool {
        kind == TokenKind::Word
            && self
                .lookup(language)
                .check(language, original, norm, &mut String::new())
    }

    /// The list to look words up in, for a document in `language`.
    fn lookup(&self, language: Language) -> Lookup<'_> {
        match &self.words {
            Words::DocumentLanguage => Lookup::Static(set(language)),
            Words::Language(l) => Lookup::Static(set(*l)),
            Words::Custom(list) => Lookup::Custom(list),
        }
    }
}

/// A resolved stopword list (found once per document, not once per token).
#[derive(Clone, Copy)]
enum Lookup<'a> {
    Static(Option<&'static WordSet>),
    Custom(&'a [Box<str>]),
}

impl Lookup<'_> {
    /// Whether `word` is a stopword; an elided form ("l'", "qu'") is looked up without its
    /// apostrophe.
    fn contains(self, word: &str) -> bool {
        let word = match word.strip_suffix('\'') {
            Some(w) if !w.is_empty() => w,
            _ => word,
        };
        match self {
            Lookup::Static(set) => set.is_some_and(|s| s.contains(word)),
            Lookup::Custom(list) => list.binary_search_by(|w| (**w).cmp(word)).is_ok(),
        }
    }
}

impl Lookup<'_> {
    /// The analyzer's decision for a word token whose text is `original` and whose norm is
    /// `norm` in a document in `language` (`buf` is scratch space).
    fn check(self, language: Language, original: &str, norm: &str, buf: &mut String) -> bool {
        if self.contains(norm) {
            return true;
        }
        // The norm may be accent-folded or otherwise transformed: also try the plain
        // lowercase form of the original text. Outside Turkish, the lowercase form of ASCII
        // text is its ASCII lowercase form (and apostrophe normalization leaves ASCII alone):
        // no allocation needed to compare it.
        if language != Language::Turkish && original.is_ascii() {
            if is_ascii_lowercase_of(norm, original) {
                false
            } else {
                buf.clear();
                buf.push_str(original);
                buf.make_ascii_lowercase();
                self.contains(buf)
            }
        } else {
            let plain = normalize::then(
                normalize::lowercase_for(original, language),
                normalize::apostrophes,
            );
            *plain != *norm && self.contains(&plain)
        }
    }
}

/// Whether `norm` is exactly the ASCII lowercase form of the ASCII text `original`.
fn is_ascii_lowercase_of(norm: &str, original: &str) -> bool {
    norm.len() == original.len()
        && norm
            .bytes()
            .zip(original.bytes())
            .all(|(n, o)| n == o.to_ascii_lowercase())
}

impl Analyzer for StopwordFilter {
    /// Marks stopwords. Fails with [`ErrorKind::MissingAnnotation`] if the text has
    /// non-whitespace content but no tokens.
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        if doc.tokens().is_empty() && !doc.text().trim().is_empty() {
            return Err(Error::new(
                ErrorKind::MissingAnnotation,
                format!(
                    "document {:?} has no tokens: run a word tokenizer before the stopword filter",
                    doc.id()
                ),
            ));
        }
        let language = doc.language;
        let lookup = self.lookup(language);
        let mut buf = String::new();
        let t = doc.tokens_mut();
        for i in 0..t.tokens.len() {
            let token = t.tokens[i];
            if token.kind != TokenKind::Word || token.stopword {
                continue;
            }
            let stop = lookup.check(language, t.token_text(&token), t.norm(&token), &mut buf);
            t.tokens[i].stopword = stop;
        }
        Ok(())
    }

    fn name(&self) -> &str {
        "stopwords"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_clean() {
        for (&(lang, _), words) in SOURCES.iter().zip(LISTS.iter()) {
            assert!(words.len() >= 30, "{lang}: {} words", words.len());
            for w in words {
                assert_eq!(
                    normalize::lowercase_for(w, lang),
                    *w,
                    "{lang}: {w:?} is not lowercase"
                );
                assert!(!w.contains('\u{2019}'), "{lang}: {w:?}");
            }
        }
    }

    #[test]
    fn sets_hold_exactly_the_lists() {
        for (&(lang, _), (words, set)) in SOURCES.iter().zip(LISTS.iter().zip(SETS.iter())) {
            assert_eq!(set.len(), words.len(), "{lang}");
            for w in words {
                assert!(is_stopword(lang, w), "{lang}: {w:?}");
                // Near misses are not stopwords (unless they are on the list themselves).
                for miss in [format!("{w}x"), format!("x{w}"), w.to_uppercase()] {
                    assert_eq!(
                        is_stopword(lang, &miss),
                        words.binary_search(&miss.as_str()).is_ok(),
                        "{lang}: {miss:?}"
                    );
                }
            }
        }
        assert!(!is_stopword(Language::English, ""));
        assert!(!is_stopword(Language::Japanese, "the"));
    }

    #[test]
    fn is_stopword_token_is_the_analyzers_decision() {
        use crate::WordTokenizer;
        use gist_core::Document;
        let texts = [
            (
                Language::English,
                "The CAT can’t see THEM; l'homme 'tis I. 42 #the @it THE’",
            ),
            (
                Language::French,
                "Nous avons mangé DES crêpes, l’homme qu'il ÉTAIT.",
            ),
            (Language::Turkish, "BIR ve İÇİN ama Şu çünkü"),
            (Language::German, "ÜBER die Häuser und DASS"),
        ];
        let filters = [
            StopwordFilter::new(),
            StopwordFilter::for_language(Language::English),
            StopwordFilter::with_words(["Cat", "crêpes", "Ama"]),
        ];
        for (language, text) in texts {
            let mut stops = 0;
            for filter in &filters {
                let mut doc = Document::new("d", text).with_language(language);
                WordTokenizer::default().analyze(&mut doc).unwrap();
                filter.analyze(&mut doc).unwrap();
                for t in doc.tokens() {
                    let got =
                        filter.is_stopword_token(language, t.kind, doc.token_text(t), doc.norm(t));
                    assert_eq!(got, t.stopword, "{language} {:?}", doc.token_text(t));
                    stops += usize::from(got);
                }
            }
            assert!(stops > 0, "{language}: {text}");
        }
    }

    #[test]
    fn sources_are_sorted_by_language() {
        assert!(SOURCES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
