//! The TF-IDF vectorizer (owned by the vectorizer helper).
