//! One `StemFilter` configuration per run, for counting instructions with valgrind (a
//! load-independent measure of the per-document cache, on a shared machine where timings vary).
//!
//! ```text
//! cargo build --release -p gist-stem --example filter_cost
//! for mode in none uncached cached; do for size in 500 1000000; do
//!   valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//!     target/release/examples/filter_cost $mode $size /tmp/words_en.txt 2>&1 | grep 'I *refs'
//! done; done
//! ```
//!
//! The words file has one word per line (`stem_speed --words` writes one). They are cut into
//! English documents of `size` tokens, then: `none` only builds and clones the documents,
//! `uncached` stems every token and stores it with `Strings::derive`, `cached` runs
//! `StemFilter`. Subtract `none` from the others to get the cost of stemming.

use gist_core::Analyzer;
use gist_stem::{Language, StemFilter, Stemmer};
use std::process::ExitCode;

#[path = "common/documents.rs"]
mod documents;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(size), Some(path)) = (
        args.first(),
        args.get(1).and_then(|s| s.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: filter_cost none|uncached|cached <tokens per document> <words file>");
        return ExitCode::FAILURE;
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return ExitCode::FAILURE;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(mut docs) = documents::word_documents(&words, size, Language::English) else {
        eprintln!("text too long");
        return ExitCode::FAILURE;
    };
    let Ok(stemmer) = Stemmer::new(Language::English) else {
        return ExitCode::FAILURE;
    };
    let filter = StemFilter::new();
    let mut arena_bytes = 0;
    for d in &mut docs {
        match mode.as_str() {
            "none" => {}
            "uncached" => {
                let t = d.tokens_mut();
                let text = t.text;
                for i in 0..t.tokens.len() {
                    let span = t.tokens[i].span();
                    let stem = stemmer.stem(span.get(text).unwrap_or_default());
                    t.tokens[i].stem = t.strings.derive(text, span, &stem);
                }
            }
            "cached" => {
                if let Err(e) = filter.analyze(d) {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
            _ => {
                eprintln!("unknown mode {mode:?}");
                return ExitCode::FAILURE;
            }
        }
        arena_bytes += d.strings().len();
    }
    println!("{} documents, {arena_bytes} arena bytes", docs.len());
    ExitCode::SUCCESS
}
