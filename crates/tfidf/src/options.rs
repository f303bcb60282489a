//! Options of the vectorizers: plain structs with public fields, `Default` equal to
//! scikit-learn 1.5's defaults, serde-serializable so a command line or a saved model can carry
//! them.

use crate::error::TfidfError;
use gist_core::Language;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// scikit-learn's default token pattern: runs of two or more word characters.
pub const SKLEARN_TOKEN_PATTERN: &str = r"(?u)\b\w\w+\b";

/// How text is cut into features (terms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnalyzerKind {
    /// scikit-learn's `analyzer="word"`: tokens matched by the token pattern (by default runs
    /// of two or more Python `\w` characters), stop words removed, then word n-grams joined by
    /// one space.
    #[default]
    Word,
    /// scikit-learn's `analyzer="char"`: character n-grams of the whole text after runs of two
    /// or more whitespace characters are replaced by one space.
    Char,
    /// scikit-learn's `analyzer="char_wb"`: character n-grams inside whitespace-separated words
    /// padded with one space on each side.
    CharWb,
    /// gist's own analysis: gist's word tokenizer (UAX #29 words refined for abbreviations,
    /// contractions, numbers, URLs), lexical tokens only (words, numbers, hashtags, mentions),
    /// lowercased, stop words of the chosen list removed, optionally stemmed with the
    /// Snowball stemmer of `language`, then word n-grams.
    Gist,
}

impl AnalyzerKind {
    /// The name used by scikit-learn and in serialized options ("word", "char", "char_wb",
    /// "gist").
    pub fn as_str(self) -> &'static str {
        match self {
            AnalyzerKind::Word => "word",
            AnalyzerKind::Char => "char",
            AnalyzerKind::CharWb => "char_wb",
            AnalyzerKind::Gist => "gist",
        }
    }
}

impl FromStr for AnalyzerKind {
    type Err = TfidfError;

    fn from_str(s: &str) -> Result<AnalyzerKind, TfidfError> {
        match s {
            "word" => Ok(AnalyzerKind::Word),
            "char" => Ok(AnalyzerKind::Char),
            "char_wb" => Ok(AnalyzerKind::CharWb),
            "gist" => Ok(AnalyzerKind::Gist),
            _ => Err(TfidfError::option(format!(
                "analyzer {s:?} is not one of \"word\", \"char\", \"char_wb\", \"gist\""
            ))),
        }
    }
}

/// Accent stripping, done after lowercasing (scikit-learn's `strip_accents`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StripAccents {
    /// Keep accents (scikit-learn's `None`).
    #[default]
    None,
    /// NFKD, then drop every non-ASCII character (scikit-learn's `"ascii"`).
    Ascii,
    /// NFKD, then drop combining characters (canonical combining class not 0), unless the text
    /// is all ASCII (scikit-learn's `"unicode"`).
    Unicode,
}

impl FromStr for StripAccents {
    type Err = TfidfError;

    fn from_str(s: &str) -> Result<StripAccents, TfidfError> {
        match s {
            "none" | "None" | "" => Ok(StripAccents::None),
            "ascii" => Ok(StripAccents::Ascii),
            "unicode" => Ok(StripAccents::Unicode),
            _ => Err(TfidfError::option(format!(
                "strip_accents {s:?} is not one of \"none\", \"ascii\", \"unicode\""
            ))),
        }
    }
}

/// Which words to drop before n-grams are formed (used by the `word` and `gist` analyzers;
/// ignored by `char` and `char_wb`, as in scikit-learn).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StopWords {
    /// Keep every word (scikit-learn's `None`).
    #[default]
    None,
    /// scikit-learn's built-in English list (`stop_words="english"`, 318 words).
    English,
    /// gist's stop-word list of the analyzer's language (`gist_tokenize::stopwords`).
    Language,
    /// Your own list, compared with the tokens after lowercasing and accent stripping.
    List(Vec<String>),
}

impl FromStr for StopWords {
    type Err = TfidfError;

    /// "none", "english", "language", or a comma-separated list of words.
    fn from_str(s: &str) -> Result<StopWords, TfidfError> {
        Ok(match s {
            "none" | "None" | "" => StopWords::None,
            "english" => StopWords::English,
            "language" => StopWords::Language,
            list => StopWords::List(list.split(',').map(|w| w.trim().to_string()).collect()),
        })
    }
}

/// Options of text analysis, shared by [`TfidfOptions`] and
/// [`HashingOptions`](crate::HashingOptions). `Default` is scikit-learn's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextOptions {
    /// Lowercase the text before tokenizing (Python's `str.lower`, which is Rust's
    /// `str::to_lowercase` for every character assigned in Unicode 14). Default true.
    pub lowercase: bool,
    /// Accent stripping after lowercasing. Default none.
    pub strip_accents: StripAccents,
    /// How text is cut into features. Default `word`.
    pub analyzer: AnalyzerKind,
    /// The token pattern of the `word` analyzer. Only a few patterns are implemented (by a
    /// hand-written scanner with Python `re`'s definitions of `\w`, `\b`, `\s`):
    /// `(?u)\b\w\w+\b` (the default), `\b\w+\b` (single-character tokens too),
    /// `\b\w{N,}\b`, `\w+`, `\w\w+`, `\S+`, each with or without `(?u)`. Any other pattern is
    /// an [`InvalidOption`](crate::TfidfErrorKind::InvalidOption) error.
    pub token_pattern: String,
    /// Stop words. Default none.
    pub stop_words: StopWords,
    /// Lower and upper n of the n-grams (words or characters), inclusive. Default (1, 1).
    pub ngram_range: (usize, usize),
    /// The language of the `gist` analyzer (stop words, stemming). Default English.
    pub language: Language,
    /// Whether the `gist` analyzer stems tokens. Default true.
    pub stem: bool,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            lowercase: true,
            strip_accents: StripAccents::None,
            analyzer: AnalyzerKind::Word,
            token_pattern: SKLEARN_TOKEN_PATTERN.to_string(),
            stop_words: StopWords::None,
            ngram_range: (1, 1),
            language: Language::English,
            stem: true,
        }
    }
}

impl TextOptions {
    /// gist's recommended analysis for new users: gist's tokenizer, gist's stop words of
    /// `language`, Snowball stems, unigrams.
    pub fn gist(language: Language) -> TextOptions {
        TextOptions {
            analyzer: AnalyzerKind::Gist,
            stop_words: StopWords::Language,
            language,
            stem: true,
            ..TextOptions::default()
        }
    }
}

/// A document-frequency threshold (`min_df`, `max_df`): a number of documents or a proportion of
/// them, as in scikit-learn where an `int` counts documents and a `float` is a proportion.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DfThreshold {
    /// A number of documents (at least 1).
    Count(u64),
    /// A proportion of the documents, in `[0, 1]`.
    Proportion(f64),
}

impl DfThreshold {
    /// The threshold as a (possibly fractional) number of documents out of `n_docs`.
    pub fn documents(self, n_docs: u64) -> f64 {
        match self {
            DfThreshold::Count(c) => c as f64,
            DfThreshold::Proportion(p) => p * n_docs as f64,
        }
    }

    fn check(self, name: &str) -> Result<(), TfidfError> {
        match self {
            DfThreshold::Count(0) => Err(TfidfError::option(format!(
                "{name} = 0 documents: a count must be at least 1 (use 0.0 for a proportion)"
            ))),
            DfThreshold::Proportion(p) if !(0.0..=1.0).contains(&p) => Err(TfidfError::option(
                format!("{name} = {p}: a proportion must be in [0, 1]"),
            )),
            _ => Ok(()),
        }
    }
}

impl FromStr for DfThreshold {
    type Err = TfidfError;

    /// An integer ("2") is a count of documents; a number with a point or exponent ("0.5",
    /// "1.0", "1e-3") a proportion, as Python's `int` and `float` are to scikit-learn.
    fn from_str(s: &str) -> Result<DfThreshold, TfidfError> {
        let s = s.trim();
        let t = if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            s.parse().ok().map(DfThreshold::Count)
        } else {
            s.parse().ok().map(DfThreshold::Proportion)
        };
        let t = t.ok_or_else(|| {
            TfidfError::option(format!(
                "document-frequency threshold {s:?} is neither a count (\"2\") nor a proportion (\"0.5\")"
            ))
        })?;
        t.check("threshold")?;
        Ok(t)
    }
}

impl fmt::Display for DfThreshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DfThreshold::Count(c) => write!(f, "{c}"),
            DfThreshold::Proportion(p) => write!(f, "{p:?}"),
        }
    }
}

/// Row normalization.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Divide each row by the sum of absolute values.
    L1,
    /// Divide each row by its Euclidean length (the default).
    #[default]
    L2,
    /// Leave rows as they are (scikit-learn's `None`).
    None,
}

impl FromStr for Norm {
    type Err = TfidfError;

    fn from_str(s: &str) -> Result<Norm, TfidfError> {
        match s {
            "l1" => Ok(Norm::L1),
            "l2" => Ok(Norm::L2),
            "none" | "None" => Ok(Norm::None),
            _ => Err(TfidfError::option(format!(
                "norm {s:?} is not one of \"l1\", \"l2\", \"none\""
            ))),
        }
    }
}

/// The floating-point type of computed weights and of the idf vector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dtype {
    /// 32-bit floats (idf and weights computed in `f32`, as scikit-learn does for
    /// `dtype=np.float32`).
    F32,
    /// 64-bit floats (the default).
    #[default]
    F64,
}

impl FromStr for Dtype {
    type Err = TfidfError;

    fn from_str(s: &str) -> Result<Dtype, TfidfError> {
        match s {
            "f32" | "float32" => Ok(Dtype::F32),
            "f64" | "float64" => Ok(Dtype::F64),
            _ => Err(TfidfError::option(format!(
                "dtype {s:?} is not one of \"f32\", \"f64\""
            ))),
        }
    }
}

/// How a term count becomes a weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// scikit-learn's tf-idf: `tf * idf` with `tf` the count (1 if `binary`, `1 + ln(count)` if
    /// `sublinear_tf`) and `idf = ln((1 + n) / (1 + df)) + 1` (smooth) or `ln(n / df) + 1`.
    #[default]
    TfIdf,
    /// Okapi BM25: `idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))` with
    /// `idf = ln(1 + (n - df + 0.5) / (df + 0.5))` (always positive; 1 when `use_idf` is
    /// false), `tf` as for tf-idf, `dl` the document's number of in-vocabulary term
    /// occurrences and `avgdl` its mean over the fitted documents.
    Bm25 {
        /// Term-frequency saturation (typically 1.2 to 2).
        k1: f64,
        /// Length normalization, 0 (none) to 1 (full); typically 0.75.
        b: f64,
    },
}

impl Weighting {
    /// BM25 with the usual parameters k1 = 1.2, b = 0.75.
    pub fn bm25() -> Weighting {
        Weighting::Bm25 { k1: 1.2, b: 0.75 }
    }
}

/// Every option of [`TfidfVectorizer`](crate::TfidfVectorizer). `Default` is scikit-learn
/// 1.5's `TfidfVectorizer()`; field names are scikit-learn's.
///
/// ```
/// use gist_tfidf::{DfThreshold, StopWords, TfidfOptions};
///
/// let mut o = TfidfOptions::default();
/// o.text.stop_words = StopWords::English;
/// o.text.ngram_range = (1, 2);
/// o.min_df = "2".parse().unwrap();
/// o.max_df = "0.5".parse().unwrap();
/// o.sublinear_tf = true;
/// assert_eq!(o.min_df, DfThreshold::Count(2));
/// assert_eq!(o.max_df, DfThreshold::Proportion(0.5));
/// let json = serde_json::to_string(&o).unwrap();
/// assert_eq!(serde_json::from_str::<TfidfOptions>(&json).unwrap(), o);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TfidfOptions {
    /// Text analysis (flattened in serialized form).
    #[serde(flatten)]
    pub text: TextOptions,
    /// Drop terms found in more documents than this. Default: proportion 1.0.
    pub max_df: DfThreshold,
    /// Drop terms found in fewer documents than this. Default: 1 document.
    pub min_df: DfThreshold,
    /// Keep only this many terms, those with the highest total count over the corpus (ties
    /// broken by term order). Default: all.
    pub max_features: Option<usize>,
    /// A fixed vocabulary: column `i` is term `i`; `min_df`, `max_df` and `max_features` are
    /// then ignored, as in scikit-learn. Default: learned from the documents.
    pub vocabulary: Option<Vec<String>>,
    /// Count presence (1) instead of occurrences. Default false.
    pub binary: bool,
    /// Floating-point type of the weights. Default f64.
    pub dtype: Dtype,
    /// Row normalization. Default l2.
    pub norm: Norm,
    /// Multiply by the inverse document frequency. Default true.
    pub use_idf: bool,
    /// Add one to document frequencies and the document count, as if one extra document held
    /// every term. Default true.
    pub smooth_idf: bool,
    /// Replace a count `tf` by `1 + ln(tf)`. Default false.
    pub sublinear_tf: bool,
    /// TF-IDF (default) or BM25.
    pub weighting: Weighting,
}

impl Default for TfidfOptions {
    fn default() -> TfidfOptions {
        TfidfOptions {
            text: TextOptions::default(),
            max_df: DfThreshold::Proportion(1.0),
            min_df: DfThreshold::Count(1),
            max_features: None,
            vocabulary: None,
            binary: false,
            dtype: Dtype::F64,
            norm: Norm::L2,
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
            weighting: Weighting::TfIdf,
        }
    }
}

impl TfidfOptions {
    /// gist's recommended settings for new users: the [`gist`](TextOptions::gist) analyzer
    /// for `language`, sublinear tf, other options as scikit-learn's defaults.
    pub fn gist(language: Language) -> TfidfOptions {
        TfidfOptions {
            text: TextOptions::gist(language),
            sublinear_tf: true,
            ..TfidfOptions::default()
        }
    }

    /// Checks ranges and consistency of the options that do not depend on the documents.
    pub fn validate(&self) -> Result<(), TfidfError> {
        self.max_df.check("max_df")?;
        self.min_df.check("min_df")?;
        if self.max_features == Some(0) {
            return Err(TfidfError::option("max_features = 0: must be at least 1"));
        }
        if let Weighting::Bm25 { k1, b } = self.weighting {
            if !(k1 >= 0.0 && k1.is_finite()) {
                return Err(TfidfError::option(format!(
                    "BM25 k1 = {k1}: must be finite and >= 0"
                )));
            }
            if !(0.0..=1.0).contains(&b) {
                return Err(TfidfError::option(format!(
                    "BM25 b = {b}: must be in [0, 1]"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn df_thresholds_parse_like_python_numbers() {
        assert_eq!("2".parse::<DfThreshold>().unwrap(), DfThreshold::Count(2));
        assert_eq!(
            "1.0".parse::<DfThreshold>().unwrap(),
            DfThreshold::Proportion(1.0)
        );
        assert_eq!(
            "0.5".parse::<DfThreshold>().unwrap(),
            DfThreshold::Proportion(0.5)
        );
        assert_eq!(
            "1e-3".parse::<DfThreshold>().unwrap(),
            DfThreshold::Proportion(0.001)
        );
        assert!("1.5".parse::<DfThreshold>().is_err());
        assert!("0".parse::<DfThreshold>().is_err());
        assert!("x".parse::<DfThreshold>().is_err());
        assert!("-1".parse::<DfThreshold>().is_err());
        assert_eq!(DfThreshold::Proportion(1.0).to_string(), "1.0");
        assert_eq!(DfThreshold::Proportion(0.5).documents(5), 2.5);
    }

    #[test]
    fn options_round_trip_and_default_json_is_flat() {
        let o = TfidfOptions::default();
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!(v["lowercase"], true);
        assert_eq!(v["token_pattern"], SKLEARN_TOKEN_PATTERN);
        assert_eq!(v["max_df"], 1.0);
        assert_eq!(v["min_df"], 1);
        assert_eq!(v["analyzer"], "word");
        let back: TfidfOptions = serde_json::from_value(v).unwrap();
        assert_eq!(back, o);
        let partial: TfidfOptions =
            serde_json::from_str(r#"{"analyzer": "char_wb", "ngram_range": [2, 4]}"#).unwrap();
        assert_eq!(partial.text.analyzer, AnalyzerKind::CharWb);
        assert_eq!(partial.text.ngram_range, (2, 4));
        assert!(partial.use_idf);
    }

    #[test]
    fn flags_parse() {
        assert_eq!(
            "char_wb".parse::<AnalyzerKind>().unwrap(),
            AnalyzerKind::CharWb
        );
        assert_eq!("l1".parse::<Norm>().unwrap(), Norm::L1);
        assert_eq!(
            "unicode".parse::<StripAccents>().unwrap(),
            StripAccents::Unicode
        );
        assert_eq!(
            "a, b".parse::<StopWords>().unwrap(),
            StopWords::List(vec!["a".into(), "b".into()])
        );
        assert!("l3".parse::<Norm>().is_err());
    }
}
