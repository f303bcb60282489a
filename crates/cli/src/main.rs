//! The `gist` command-line program.
fn main() {}
