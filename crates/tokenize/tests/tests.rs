//! Integration tests of gist-tokenize (one binary).

mod sentences;
mod words;
