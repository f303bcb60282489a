//! # gist-summarize
//!
//! Extractive summarization and ROUGE for gist (crate docs to be completed).
#![deny(missing_docs)]

pub mod rouge;
pub mod summarizers;
