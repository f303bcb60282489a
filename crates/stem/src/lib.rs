//! # gist-stem
//!
//! Snowball stemming for gist: a [`Stemmer`] per language (or historical algorithm such as the
//! original Porter stemmer), and the [`StemFilter`] analyzer that fills each word token's stem.
//!
//! The one design decision that shapes it: **gist's own types sit in front of the stemming
//! backends**. Callers choose a [`Language`] (gist-core's `#[non_exhaustive]` enum, re-exported
//! here) or an [`Algorithm`], and a [`Backend`]: [`Backend::Snowball`] (the default, the
//! `frostem` crate, stems identical to the current Snowball reference vocabularies) or
//! [`Backend::Snowball2`] (the `rust-stemmers` 1.2 crate, for stems identical to existing
//! indexes built with it). Either backend can be replaced without changing the public API, and
//! the API guarantees what the backends do not: input is lowercased first, and no input panics.
//!
//! ```
//! use gist_core::{Analyzer, Document, Span, Token, TokenKind};
//! use gist_stem::{Language, StemFilter, Stemmer};
//!
//! let de = Stemmer::new(Language::German)?;
//! assert_eq!(de.stem("Häuser"), "haus");
//!
//! let mut doc = Document::new("d", "Les chats mangeaient").with_language(Language::French);
//! doc.set_tokens(vec![
//!     Token::new(Span::new(0, 3), TokenKind::Word),
//!     Token::new(Span::new(4, 9), TokenKind::Word),
//!     Token::new(Span::new(10, 20), TokenKind::Word),
//! ])?;
//! StemFilter::new().analyze(&mut doc)?;
//! let stems: Vec<&str> = doc.tokens().iter().filter_map(|t| doc.stem(t)).collect();
//! assert_eq!(stems, ["le", "chat", "mang"]);
//! # Ok::<(), gist_core::Error>(())
//! ```
#![deny(missing_docs)]

mod algorithm;
mod filter;
mod guard;
mod stemmer;

pub use algorithm::{Algorithm, Backend, UnknownAlgorithm};
pub use filter::{MissingStemmer, StemFilter};
pub use gist_core::Language;
pub use stemmer::{MAX_WORD_BYTES, Stemmer};
