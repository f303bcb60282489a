//! # gist
//!
//! One dependency for the whole toolkit: re-exports the gist crates.
#![deny(missing_docs)]

pub use gist_core as core;
pub use gist_core::{Analyzer, Corpus, Document, Language, Pipeline, Span, Token, TokenKind};
