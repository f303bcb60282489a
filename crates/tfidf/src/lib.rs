//! # gist-tfidf
//!
//! TF-IDF vectorization and keyword scoring for gist (crate docs to be completed).
#![deny(missing_docs)]

pub mod vectorizer;
pub mod keywords;
