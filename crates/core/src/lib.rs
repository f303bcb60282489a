//! # gist-core
//!
//! The small crate every gist crate depends on: the common [`Document`] type and the
//! [`Analyzer`] trait through which tokenizers, sentence splitters, stemmers and your own code
//! annotate documents, composed into a [`Pipeline`] and run over a [`Corpus`] in parallel.
//!
//! The one design decision that shapes it: **a document never copies its text into tokens**.
//! The original text is kept unmodified; sentences and tokens are [`Span`]s (byte ranges,
//! `&text[span]` always valid); normalized forms and stems are [`StrRef`]s that point either
//! back into the text (when identical, the common case) or into a per-document, deduplicated
//! [`Strings`] arena. A token is 32 bytes and owns no heap memory, so ten million tokens cost
//! about 320 MB of tokens plus one arena per document, not ten million `String`s.
//!
//! The crate knows nothing of files, terminals or stemming backends. With the default
//! `parallel` feature, [`Corpus`] and [`map_ordered`] run on rayon; results never depend on the
//! number of threads. Every public type is `Send + Sync` and serializes with serde.
//!
//! ```
//! use gist_core::{Document, Language, Span, Token, TokenKind};
//!
//! let mut doc = Document::new("example", "Dogs bark.").with_language(Language::English);
//! doc.set_tokens(vec![
//!     Token::new(Span::new(0, 4), TokenKind::Word),
//!     Token::new(Span::new(5, 9), TokenKind::Word),
//!     Token::new(Span::new(9, 10), TokenKind::Punctuation),
//! ])?;
//! let t = doc.tokens_mut();
//! let norm = t.strings.derive(t.text, t.tokens[0].span(), "dogs");
//! t.tokens[0].norm = norm;
//! assert_eq!(doc.norm(&doc.tokens()[0]), "dogs");
//! assert_eq!(doc.norm(&doc.tokens()[1]), "bark");
//!
//! let json = serde_json::to_string(&doc).unwrap();
//! let back: Document = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, doc);
//! # Ok::<(), gist_core::Error>(())
//! ```
#![deny(missing_docs)]

mod analyzer;
mod corpus;
mod document;
mod error;
pub mod hash;
mod language;
pub mod short;
mod span;
mod strings;
mod token;

pub use analyzer::{Analyzer, Pipeline};
pub use corpus::{Corpus, DocumentError, map_ordered, map_ordered_mut};
pub use document::{Document, Metadata, TokensMut};
pub use error::{Error, ErrorKind};
pub use language::{Language, UnknownLanguage};
pub use span::Span;
pub use strings::{StrLoc, StrRef, Strings};
pub use token::{Token, TokenKind};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Document>();
        assert_send_sync::<Corpus>();
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Token>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn token_is_small() {
        // The memory budget in the crate docs depends on this.
        assert_eq!(std::mem::size_of::<Token>(), 32);
        assert_eq!(std::mem::size_of::<StrRef>(), 8);
    }
}
