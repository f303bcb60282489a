//! # gist-tfidf
//!
//! Term weighting for gist: a TF-IDF vectorizer with scikit-learn's options and results, BM25
//! weighting, a stateless hashing vectorizer, and keyword extraction ([`keywords`], built on
//! document frequencies, [`docfreq`]).
//!
//! **The one design decision: scikit-learn's results, exactly, or gist's analysis, by choice.**
//! [`TfidfVectorizer`] with [`TfidfOptions::default()`] is scikit-learn 1.5's
//! `TfidfVectorizer()`: every option has the same name, meaning and default (`lowercase`,
//! `strip_accents`, `analyzer` word/char/char_wb, `token_pattern`, `stop_words`, `ngram_range`,
//! `min_df`/`max_df` as counts or proportions, `max_features`, a fixed `vocabulary`, `binary`,
//! `norm`, `use_idf`, `smooth_idf`, `sublinear_tf`, `dtype`), and the vocabulary (same terms in
//! the same columns), the idf vector and every matrix entry agree with scikit-learn's within
//! 1e-13 relative on real corpora (`scripts/tfidf_parity.py`; results in `results/tfidf.md`).
//! To get there the analyzers reproduce Python, not Rust: `\w`, `\b` and `\s` are Python
//! `re`'s (tables generated from Python's `unicodedata`, [`PYTHON_UNICODE_VERSION`]; Python's
//! `\w` excludes combining marks, so "e\u{301}te" yields "te"), lowercasing is `str.lower`,
//! accent stripping is scikit-learn's NFKD-based definition, `char_wb` pads and counts exactly
//! as scikit-learn does (a word shorter than `n` counted once), and the English stop-word list
//! is scikit-learn's ([`sklearn_english_stop_words`]). Reproducing scikit-learn means
//! reproducing its analysis too, which is crude: "U.S." disappears (two one-letter tokens),
//! "can't" becomes "can", "3.14" becomes "14", and "running" and "runs" are different terms.
//! New users should prefer **gist's analyzer** ([`TfidfOptions::gist`],
//! [`AnalyzerKind::Gist`]): gist's word tokenizer (abbreviations, contractions, numbers, URLs
//! kept whole; punctuation, symbols, URLs and e-mails not counted), the stop words of the
//! document language, and Snowball stems, so that "runner", "running" and "runs" share weight.
//!
//! How it runs: fitting counts terms in parallel with rayon, one chunk of documents per task,
//! each chunk interning its terms in its own arena-backed hash table; the chunks' counts are
//! then merged one hash shard per task, and columns are the terms in byte order (Python's
//! `sorted`), so results never depend on the number of threads. `fit_transform` tokenizes each
//! document once. Matrices are a small compressed-sparse-row type, [`CsrMatrix`], written in
//! Matrix Market format for scipy.
//!
//! Beyond scikit-learn: [`Weighting::Bm25`] (Okapi BM25, formula on the variant);
//! [`HashingVectorizer`] (scikit-learn's columns and signs, MurmurHash3); incremental fitting
//! ([`TfidfVectorizer::partial_fit`]: after any sequence of partial fits the model equals one
//! fit on all the documents, because the model keeps every term's document frequency and count,
//! pruned or not; each partial fit adds its counts to the model in place and costs its own
//! documents, not the model's size); saving a fitted model as versioned JSON
//! ([`TfidfVectorizer::save`]; a corrupt or incompatible file is a typed error); a model that
//! only transforms can drop its pruned terms ([`TfidfVectorizer::keep_vocabulary_only`]);
//! vocabulary export as TSV or JSON.
//!
//! ```
//! use gist_tfidf::{DfThreshold, StopWords, TfidfOptions, TfidfVectorizer};
//!
//! let docs = [
//!     "This is the first document.",
//!     "This document is the second document.",
//!     "And this is the third one.",
//!     "Is this the first document?",
//! ];
//! // scikit-learn: TfidfVectorizer(stop_words="english", min_df=2)
//! let mut options = TfidfOptions::default();
//! options.text.stop_words = StopWords::English;
//! options.min_df = DfThreshold::Count(2);
//! let mut vectorizer = TfidfVectorizer::new(options)?;
//! let matrix = vectorizer.fit_transform(&docs)?;
//! assert_eq!(vectorizer.vocabulary().collect::<Vec<_>>(), ["document"]);
//! assert_eq!((matrix.n_rows(), matrix.nnz()), (4, 3));
//!
//! // Save, load, and transform new text with the fitted vocabulary and idf.
//! let saved = vectorizer.to_json()?;
//! let loaded = TfidfVectorizer::from_json(&saved)?;
//! let m = loaded.transform(&["A document about documents"])?;
//! assert_eq!(m.get(0, 0), 1.0); // l2-normalized: the only term
//! # Ok::<(), gist_tfidf::TfidfError>(())
//! ```
#![deny(missing_docs)]

mod analyze;
mod csr;
mod error;
mod grams;
mod hashing;
mod intern;
mod options;
mod persist;
mod phases;
mod pyunicode_tables;
mod termstats;
pub mod vectorizer;
mod wordmerge;

pub mod background;
pub mod docfreq;
pub mod keywords;

pub use analyze::{is_python_space, is_python_word_char, sklearn_english_stop_words};
pub use csr::{
    CsrMatrix, Matrix, MatrixMarketEntries, MatrixMarketWriter, Real, write_matrix_market_header,
};
pub use error::{TfidfError, TfidfErrorKind};
pub use hashing::{HashingOptions, HashingVectorizer, hash_feature, murmurhash3_x86_32};
pub use options::{
    AnalyzerKind, DfThreshold, Dtype, Norm, SKLEARN_TOKEN_PATTERN, StopWords, StripAccents,
    TextOptions, TfidfOptions, Weighting,
};
pub use persist::{MODEL_FORMAT, MODEL_VERSION};
pub use pyunicode_tables::PYTHON_UNICODE_VERSION;
pub use vectorizer::TfidfVectorizer;
