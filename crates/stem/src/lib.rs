//! gist-stem (under construction in this session).
