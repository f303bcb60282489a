//! Prints gist's ROUGE scores (or NLTK-compatible Porter stems) for `scripts/rouge_parity.py`.
//!
//! ```text
//! rouge_dump scores PAIRS.jsonl   # each line {"reference": "...", "candidate": "..."}
//!                                 # -> one line per pair: {"stem": RougeScores, "nostem": RougeScores}
//! rouge_dump stems < WORDS        # one word per line -> its stem, one per line
//! ```
use gist_summarize::rouge::{RougeOptions, RougeScorer, porter};
use serde::Deserialize;
use std::io::{BufRead, BufWriter, Write};

#[derive(Deserialize)]
struct Pair {
    reference: String,
    candidate: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.first().map(String::as_str) {
        Some("scores") => {
            let path = args.get(1).ok_or("usage: rouge_dump scores PAIRS.jsonl")?;
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let stem = RougeScorer::new(RougeOptions::default().with_stemming(true));
            let nostem = RougeScorer::new(RougeOptions::default());
            for (i, line) in text.lines().enumerate() {
                let pair: Pair =
                    serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
                let value = serde_json::json!({
                    "stem": stem.score(&pair.reference, &pair.candidate),
                    "nostem": nostem.score(&pair.reference, &pair.candidate),
                });
                writeln!(out, "{value}")?;
            }
        }
        Some("stems") => {
            for line in std::io::stdin().lock().lines() {
                writeln!(out, "{}", porter::stem(&line?))?;
            }
        }
        _ => return Err("usage: rouge_dump scores PAIRS.jsonl | rouge_dump stems < WORDS".into()),
    }
    out.flush()?;
    Ok(())
}
