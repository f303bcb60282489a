//! gist-tokenize (under construction in this session).
