//! Integration tests of gist-summarize (one binary; one module per area).

mod rouge;
mod summarizers;
mod text;
