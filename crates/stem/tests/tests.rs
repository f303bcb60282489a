//! Integration tests of gist-stem (one binary).

mod filter;
mod stemmer;
