//! # gist-tfidf
//!
//! TF-IDF vectorization and keyword scoring for gist (crate docs to be completed).
#![deny(missing_docs)]

mod analyze;
mod csr;
mod error;
mod hashing;
mod intern;
mod options;
mod persist;
mod pyunicode_tables;
pub mod vectorizer;

pub mod background;
pub mod docfreq;
pub mod keywords;

pub use analyze::{is_python_space, is_python_word_char, sklearn_english_stop_words};
pub use csr::{CsrMatrix, Matrix, Real};
pub use error::{TfidfError, TfidfErrorKind};
pub use hashing::{HashingOptions, HashingVectorizer, hash_feature, murmurhash3_x86_32};
pub use options::{
    AnalyzerKind, DfThreshold, Dtype, Norm, SKLEARN_TOKEN_PATTERN, StopWords, StripAccents,
    TextOptions, TfidfOptions, Weighting,
};
pub use persist::{MODEL_FORMAT, MODEL_VERSION};
pub use pyunicode_tables::PYTHON_UNICODE_VERSION;
pub use vectorizer::TfidfVectorizer;
