//! Integration tests of gist-tfidf (one test binary; each area is a module).

mod keywords;
mod vectorizer;
