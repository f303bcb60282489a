//! gist-tfidf (under construction in this session).
