//! # gist-summarize
//!
//! Extractive summarization and ROUGE for gist (crate docs to be completed).
#![deny(missing_docs)]

pub mod rouge;
pub mod summarizers;

pub use summarizers::{
    Algorithm, IdfSource, IdfTable, Length, Options, Summarizer, Summary, SummarySentence,
    UnknownAlgorithm, pipeline, prepare, summarize_corpus,
};
