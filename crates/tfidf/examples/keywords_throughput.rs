//! Times gist's keyword extraction on text files, one document at a time as a user extracting
//! keywords from a single file would (words, sentences, stopwords, stems, background-model
//! idf, top 10 candidates up to 3 words), on one thread. Used by `scripts/compare_keywords.py`,
//! which times YAKE on the same documents.
//!
//! ```text
//! cargo run --release -p gist-tfidf --example keywords_throughput -- [--docs N] [--min-time S] DIR...
//! ```
//!
//! Reads the first `N` (default all) `*.txt` files of each folder in sorted order (or of its
//! `docs/` subfolder), repeats the whole run until `S` seconds (default 2) have passed (at
//! least 3 runs), and prints one JSON object: documents, bytes, best seconds per run, docs/s
//! and MB/s (10^6 bytes per second) — higher is faster.

use gist_core::{Document, Language};
use gist_tfidf::docfreq::DocFreqs;
use gist_tfidf::keywords::KeywordExtractor;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut max_docs = usize::MAX;
    let mut min_time = 2.0f64;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => max_docs = args.next().ok_or("--docs needs a number")?.parse()?,
            "--min-time" => min_time = args.next().ok_or("--min-time needs seconds")?.parse()?,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let mut texts = Vec::new();
    for dir in &dirs {
        let dir = if dir.join("docs").is_dir() {
            dir.join("docs")
        } else {
            dir.clone()
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths.into_iter().take(max_docs) {
            texts.push(String::from_utf8_lossy(&std::fs::read(&p)?).into_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let extractor = KeywordExtractor::default();
    let empty = DocFreqs::new();
    let run = || {
        let mut n = 0usize;
        for t in &texts {
            let doc = Document::new("d", t.as_str()).with_language(Language::English);
            // Unprepared: extract prepares it; an empty corpus means the background idf.
            n += extractor.extract(&doc, &empty).len();
        }
        n
    };
    let (mut best, mut runs, start) = (f64::INFINITY, 0, Instant::now());
    let mut keywords = 0;
    while runs < 3 || start.elapsed().as_secs_f64() < min_time {
        let t0 = Instant::now();
        keywords = pool.install(run);
        best = best.min(t0.elapsed().as_secs_f64());
        runs += 1;
    }
    println!(
        "{}",
        serde_json::json!({
            "docs": texts.len(),
            "bytes": bytes,
            "keywords": keywords,
            "runs": runs,
            "seconds": best,
            "docs_per_s": texts.len() as f64 / best,
            "mb_per_s": bytes as f64 / 1e6 / best,
        })
    );
    Ok(())
}
