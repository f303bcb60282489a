//! gist-summarize (under construction in this session).
