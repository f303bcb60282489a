//! Integration tests of gist-stem (one binary).

mod filter;
mod proptests;
mod stemmer;
mod vocabulary;
