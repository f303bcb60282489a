//! Measures what tokens cost in memory: tokenizes and normalizes a corpus (every `.txt` file
//! under the given directory, default `../shared/data/corpus/gutenberg_en`), one `Document` per
//! file, then reports the number of tokens, the bytes held by token vectors and derived-string
//! arenas, and the process' peak resident memory.
//!
//! ```sh
//! cargo run --release -p gist-tokenize --example token_memory -- ../shared/data/corpus/gutenberg_en
//! ```

use gist_core::{Analyzer, Document, Token};
use gist_tokenize::WordTokenizer;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Peak resident set size of this process, in bytes (Linux), if known.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/corpus/gutenberg_en".to_string());
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    paths.sort();
    let rss_before = peak_rss().unwrap_or(0);
    let tokenizer = WordTokenizer::default();
    let mut docs = Vec::new();
    let (mut text_bytes, mut tokens, mut token_bytes, mut arena_bytes, mut in_arena) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let mut doc = Document::new(p.to_string_lossy(), text);
        if let Err(e) = tokenizer.analyze(&mut doc) {
            eprintln!("{}: {e}", p.display());
            continue;
        }
        text_bytes += doc.text().len();
        tokens += doc.tokens().len();
        token_bytes += std::mem::size_of_val(doc.tokens());
        arena_bytes += doc.strings().len();
        in_arena += doc
            .tokens()
            .iter()
            .filter(|t| matches!(t.norm.get(), gist_core::StrLoc::Arena(_)))
            .count();
        docs.push(doc);
    }
    let rss_after = peak_rss().unwrap_or(0);
    println!("documents            {}", docs.len());
    println!("text                 {:.1} MB", text_bytes as f64 / 1e6);
    println!("tokens               {tokens}");
    println!(
        "token vectors        {:.1} MB ({} bytes per token)",
        token_bytes as f64 / 1e6,
        std::mem::size_of::<Token>()
    );
    println!(
        "norm arenas          {:.2} MB ({:.1}% of tokens have a norm that differs from their text; each distinct norm is stored once per document)",
        arena_bytes as f64 / 1e6,
        100.0 * in_arena as f64 / tokens.max(1) as f64
    );
    println!(
        "heap strings         none per token: per document, one text, one arena, and one index entry (a hash and a span, no copy) per distinct derived string"
    );
    println!(
        "peak RSS             {:.1} MB (before tokenizing: {:.1} MB)",
        rss_after as f64 / 1e6,
        rss_before as f64 / 1e6
    );
}
