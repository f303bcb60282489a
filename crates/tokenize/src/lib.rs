//! # gist-tokenize
//!
//! Word and sentence tokenization for gist (crate docs being written).
#![deny(missing_docs)]

pub mod ngrams;
pub mod normalize;
pub mod sentences;
pub mod stopwords;
pub mod words;

pub use sentences::SentenceSplitter;
pub use stopwords::StopwordFilter;
pub use words::{WordOptions, WordTokenizer};
