//! Quick throughput check of word tokenization on a folder of text files (default: the English
//! Gutenberg books of the shared data). Prints MB/s (10^6 bytes per second, higher is better)
//! of `WordTokenizer::tokenize` (spans and kinds) and of the full analyzer (with norms), single
//! thread, best of several runs. Time is the thread's CPU time (from
//! `/proc/thread-self/schedstat`, falling back to wall time), so other processes competing for
//! the cores do not distort the figure.
//!
//! ```text
//! cargo run --release -p gist-tokenize --example words_speed [-- DIR]
//! ```
//!
//! The official numbers come from the criterion bench `benches/benches/tokenize.rs`.

use gist_core::{Analyzer, Document, TokenKind};
use gist_tokenize::WordTokenizer;
use std::time::Instant;

/// CPU time of this thread in seconds, or wall time since `start` if unavailable.
fn cpu_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

/// Runs `f` and returns the seconds it took.
fn time(f: impl FnOnce()) -> f64 {
    let origin = Instant::now();
    let before = cpu_seconds(origin);
    f();
    cpu_seconds(origin) - before
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/corpus/gutenberg_en"
        )
        .into()
    });
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(1);
        }
    };
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {mb:.1} MB", texts.len());

    let tokenizer = WordTokenizer::default();
    let mut best = f64::MAX;
    let mut count = 0;
    let mut kinds = [0usize; 10];
    let mut out = Vec::new();
    for _ in 0..5 {
        let secs = time(|| {
            count = 0;
            for text in &texts {
                out.clear();
                tokenizer.tokenize_into(text, &mut out);
                count += out.len();
            }
        });
        best = best.min(secs);
    }
    for text in &texts {
        for tok in tokenizer.tokenize(text) {
            kinds[kind_index(tok.kind)] += 1;
        }
    }
    println!(
        "tokenize:  {:.0} MB/s, {count} tokens, best of 5 ({best:.3} s)",
        mb / best
    );
    println!("kinds (word number punct symbol emoji url email mention hashtag other): {kinds:?}");

    let mut best = f64::MAX;
    for _ in 0..3 {
        let mut docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(i.to_string(), t.clone()))
            .collect();
        let secs = time(|| {
            for doc in &mut docs {
                if let Err(e) = tokenizer.analyze(doc) {
                    eprintln!("{e}");
                }
            }
        });
        best = best.min(secs);
    }
    println!(
        "analyze (with norms): {:.0} MB/s, best of 3 ({best:.3} s)",
        mb / best
    );
}

fn kind_index(k: TokenKind) -> usize {
    match k {
        TokenKind::Word => 0,
        TokenKind::Number => 1,
        TokenKind::Punctuation => 2,
        TokenKind::Symbol => 3,
        TokenKind::Emoji => 4,
        TokenKind::Url => 5,
        TokenKind::Email => 6,
        TokenKind::Mention => 7,
        TokenKind::Hashtag => 8,
        _ => 9,
    }
}
