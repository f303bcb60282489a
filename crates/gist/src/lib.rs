//! # gist
//!
//! One dependency for the whole toolkit: word and sentence tokenization ([`tokenize`]),
//! Snowball stemming ([`stem`]), TF-IDF vectors and keywords ([`tfidf`]) and extractive
//! summarization with ROUGE ([`summarize`]), all over the common [`Document`] type of
//! [`core`]. Each part is its own crate, for users who want only one.
//!
//! ```
//! use gist::core::{Analyzer, Document, Language, Pipeline};
//! use gist::tokenize::{SentenceSplitter, WordTokenizer};
//!
//! let pipeline = Pipeline::new()
//!     .then(SentenceSplitter::new(Language::English))
//!     .then(WordTokenizer::default());
//! let mut doc = Document::new("d", "Mr. Smith went to Washington. He arrived at 5 p.m.");
//! pipeline.analyze(&mut doc).unwrap();
//! assert_eq!(doc.sentences().len(), 2);
//! assert_eq!(doc.sentence_text(0), Some("Mr. Smith went to Washington."));
//! ```
#![deny(missing_docs)]

pub use gist_core as core;
pub use gist_core::{Analyzer, Corpus, Document, Language, Pipeline, Span, Token, TokenKind};
pub use gist_stem as stem;
pub use gist_summarize as summarize;
pub use gist_tfidf as tfidf;
pub use gist_tokenize as tokenize;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
