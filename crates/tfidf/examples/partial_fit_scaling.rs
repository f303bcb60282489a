//! How the time of a partial fit grows with the model it is merged into: the documents of a
//! JSON Lines file (records with a "text" field, or strings) fitted in chunks of about CHUNK_MB
//! megabytes one after another, as `gist tfidf fit` does with 64 MB, printing each partial fit's
//! seconds, then the time to build the vocabulary (done once, when first asked for). Chunks of
//! the same size whose partial fits take longer and longer are the cost of merging the counts
//! into everything counted before.
//!
//! ```text
//! cargo run --release -p gist-tfidf --example partial_fit_scaling -- DOCS.jsonl CHUNK_MB [OPTIONS [MODEL]]
//! ```
//!
//! OPTIONS is `TfidfOptions` as JSON (default: `{}`). With MODEL, the fitted model is then saved
//! there (as `gist tfidf fit --out` saves it), then loaded back, and the first chunk fitted again
//! onto the loaded model (a partial fit), each step timed.

use gist_tfidf::{TfidfOptions, TfidfVectorizer};
use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: DOCS.jsonl CHUNK_MB [OPTIONS]")?;
    let chunk_mb: f64 = args.next().ok_or("CHUNK_MB is missing")?.parse()?;
    let options: TfidfOptions = serde_json::from_str(&args.next().unwrap_or("{}".into()))?;
    let model = args.next();
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        let text = match &value {
            serde_json::Value::String(s) => s.as_str(),
            _ => value["text"]
                .as_str()
                .ok_or_else(|| format!("{path}:{}: no text", i + 1))?,
        };
        docs.push(text.to_string());
    }
    let limit = (chunk_mb * 1e6) as usize;
    // Where the chunk from document `start` ends: at CHUNK_MB of text.
    let chunk_end = |start: usize| {
        let (mut end, mut bytes) = (start, 0);
        while end < docs.len() && bytes < limit {
            bytes += docs[end].len();
            end += 1;
        }
        end
    };
    let mut v = TfidfVectorizer::new(options)?;
    let all = Instant::now();
    let (mut start, mut k) = (0, 0);
    while start < docs.len() {
        let end = chunk_end(start);
        let t = Instant::now();
        v.partial_fit(&docs[start..end])?;
        println!(
            "chunk {k}: {} documents, {:.3} s",
            end - start,
            t.elapsed().as_secs_f64(),
        );
        (start, k) = (end, k + 1);
    }
    let fits = all.elapsed().as_secs_f64();
    let (n, built) = vocabulary_built(&v);
    println!(
        "all chunks: {fits:.3} s; then the vocabulary ({n} terms): {built:.3} s; in all {:.3} s",
        all.elapsed().as_secs_f64()
    );
    if let Some(model) = model {
        let t = Instant::now();
        v.save_file(&model)?;
        println!("saved to {model}: {:.3} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut back = TfidfVectorizer::load_file(&model)?;
        let loaded = t.elapsed().as_secs_f64();
        let (n, built) = vocabulary_built(&back);
        println!("loaded back: {loaded:.3} s; then its vocabulary ({n} terms): {built:.3} s");
        // Fitted further: the first chunk's documents again, onto the loaded model.
        let t = Instant::now();
        back.partial_fit(&docs[..chunk_end(0)])?;
        let fitted = t.elapsed().as_secs_f64();
        let (n, built) = vocabulary_built(&back);
        println!(
            "the first chunk fitted again onto the loaded model: {fitted:.3} s; then the vocabulary ({n} terms): {built:.3} s"
        );
    }
    Ok(())
}

/// The vocabulary's size and the seconds it took to build it: it is built (pruning, order,
/// idf) when first asked for.
fn vocabulary_built(v: &TfidfVectorizer) -> (usize, f64) {
    let t = Instant::now();
    let n = v.n_features();
    (n, t.elapsed().as_secs_f64())
}
