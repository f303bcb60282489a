//! Single-thread sentence-splitting throughput on English books.
//!
//! ```text
//! cargo run --release -p gist-tokenize --example sentences_speed -- /work/shared/data/corpus/gutenberg_en
//! ```
//!
//! Reads every file of the folder (default `../shared/data/corpus/gutenberg_en`), splits each
//! one with the English [`SentenceSplitter`] on one thread, five rounds, and prints the best
//! round's throughput in MB/s (10^6 bytes of input per second; higher is better) and the number
//! of sentences. On Linux it also prints the throughput per second of CPU time the thread got
//! (from `/proc/thread-self/schedstat`), which stays meaningful on a busy shared machine. The
//! official benchmark is the criterion bench `benches/benches/tokenize.rs`.

use gist_tokenize::SentenceSplitter;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from("../shared/data/corpus/gutenberg_en"),
        PathBuf::from,
    );
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        return Err(format!("no text under {}", dir.display()).into());
    }
    let splitter = SentenceSplitter::default();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut count = 0;
    for _ in 0..5 {
        let cpu = thread_cpu_seconds();
        let t = Instant::now();
        count = texts.iter().map(|t| splitter.split(t).len()).sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let mb = bytes as f64 / 1e6;
    print!(
        "{} files, {mb:.1} MB, {count} sentences: {:.1} MB/s wall-clock",
        texts.len(),
        mb / best
    );
    if best_cpu.is_finite() && best_cpu > 0.0 {
        print!(", {:.1} MB/s of thread CPU time", mb / best_cpu);
    }
    println!(" (best of 5, one thread)");
    Ok(())
}

/// CPU time this thread has run, in seconds (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
