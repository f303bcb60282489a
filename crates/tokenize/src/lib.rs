//! # gist-tokenize
//!
//! Turns a [`Document`](gist_core::Document)'s text into what the rest of gist counts: words
//! and their normalized forms ([`WordTokenizer`]), sentences ([`SentenceSplitter`]), stopword
//! marks ([`StopwordFilter`], lists for every Snowball language in [`stopwords`]) and word
//! n-grams ([`ngrams`]). Each is a [`gist_core::Analyzer`], so they compose into a
//! [`Pipeline`](gist_core::Pipeline) and run over a [`Corpus`](gist_core::Corpus) in parallel.
//!
//! The one design decision that shapes it: **standards first, then refinements, and a fast
//! path that provably changes nothing.** Word boundaries are Unicode's (UAX #29), refined where
//! readers disagree with it ("U.S.", "e-mail", URLs, e-mail addresses, @mentions, #hashtags);
//! lowercasing is Unicode's, with the Turkish exception. Because the full Unicode tables are
//! slow, text made of ASCII, Latin-1 and common quotes and dashes goes through a byte-level
//! scanner that implements the same rules for exactly those characters — property tests check
//! it against the full tables — and falls back, chunk by chunk, for everything else. Tokens
//! never copy text: spans point into the original, norms point back into it when unchanged and
//! into the document's deduplicated arena otherwise.
//!
//! ```
//! use gist_core::{Analyzer, Document, Language, Pipeline, TokenKind};
//! use gist_tokenize::ngrams::{self, NgramOptions};
//! use gist_tokenize::{SentenceSplitter, StopwordFilter, WordTokenizer};
//!
//! let pipeline = Pipeline::new()
//!     .then(SentenceSplitter::document_language())
//!     .then(WordTokenizer::default())
//!     .then(StopwordFilter::default());
//! let mut doc = Document::new(
//!     "news",
//!     "The U.S. e-mail service costs $5. Sign up at https://mail.example.com today!",
//! )
//! .with_language(Language::English);
//! pipeline.analyze(&mut doc)?;
//!
//! assert_eq!(doc.sentences().len(), 2);
//! let words: Vec<&str> = doc
//!     .tokens()
//!     .iter()
//!     .filter(|t| t.kind.is_lexical() && !t.stopword)
//!     .map(|t| doc.norm(t))
//!     .collect();
//! assert_eq!(words, ["u.s.", "e-mail", "service", "costs", "5", "sign", "today"]);
//! let url = doc.tokens().iter().find(|t| t.kind == TokenKind::Url).unwrap();
//! assert_eq!(doc.token_text(url), "https://mail.example.com");
//!
//! let bigrams = ngrams::joined(&doc, &NgramOptions { trim_stopwords: true, ..NgramOptions::new(2) }, " ");
//! assert_eq!(bigrams, ["u.s. e-mail", "e-mail service", "service costs"]);
//! # Ok::<(), gist_core::Error>(())
//! ```
#![deny(missing_docs)]

pub mod ngrams;
pub mod normalize;
pub mod sentences;
pub mod stopwords;
pub mod words;

pub use sentences::SentenceSplitter;
pub use stopwords::StopwordFilter;
pub use words::{WordOptions, WordTokenizer};
