//! # gist-tokenize
//!
//! Word and sentence tokenization for gist (crate docs to be completed).
#![deny(missing_docs)]

pub mod ngrams;
pub mod normalize;
pub mod sentences;
pub mod stopwords;
pub mod words;
