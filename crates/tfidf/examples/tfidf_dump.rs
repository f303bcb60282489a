//! Fits a TF-IDF (or hashing) vectorizer on documents and writes what scikit-learn would give:
//! the vocabulary, the idf vector and the matrix. Used by `scripts/tfidf_parity.py` (exact
//! comparison with scikit-learn) and `scripts/compare_tfidf.py` (speed and memory).
//!
//! ```text
//! cargo run --release -p gist-tfidf --example tfidf_dump -- --docs DOCS.jsonl \
//!     [--options '{"min_df": 2, "ngram_range": [1, 2]}'] [--hashing]
//!     [--mode fit_transform|fit_then_transform|partial] [--out DIR] [--bench [--repeat N]]
//! ```
//!
//! `DOCS.jsonl` holds one JSON string per line (one document). `--options` is a
//! `TfidfOptions` (or, with `--hashing`, `HashingOptions`) as JSON; missing fields keep
//! scikit-learn's defaults. With `--out DIR`, writes `DIR/vocab.json` (terms in column order),
//! `DIR/idf.json` (or `null`), `DIR/matrix.mtx` (Matrix Market) and, for a TF-IDF fit, the model
//! `DIR/model.json` (`TfidfVectorizer::save_file`). With `--bench`, prints one
//! JSON line with the seconds the work took (documents already in memory; the best of
//! `--repeat` runs), its CPU seconds over all threads (Linux), the number of documents, bytes,
//! features and stored entries, and the process's peak resident set size in MB (Linux; the
//! documents included). Built with `--features dump-mimalloc`, it runs under the gist program's
//! allocator instead of the system's malloc.

use gist_tfidf::{HashingOptions, HashingVectorizer, Matrix, TfidfOptions, TfidfVectorizer};
use std::io::BufRead;
use std::time::Instant;

/// With the `dump-mimalloc` feature, the gist program's allocator (mimalloc's version 2), so
/// that the fit is measured as `gist tfidf` runs it; without, the system's malloc.
#[cfg(feature = "dump-mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The matrix, and the fitted vectorizer (none for the hashing vectorizer).
type Output = (Matrix, Option<TfidfVectorizer>);

fn main() {
    if let Err(e) = run() {
        eprintln!("tfidf_dump: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut docs_path = None;
    let mut options = String::from("{}");
    let mut mode = String::from("fit_transform");
    let mut out = None;
    let mut hashing = false;
    let mut bench = false;
    let mut repeat = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs_path = args.next(),
            "--options" => options = args.next().ok_or("--options needs a value")?,
            "--mode" => mode = args.next().ok_or("--mode needs a value")?,
            "--out" => out = args.next(),
            "--hashing" => hashing = true,
            "--bench" => bench = true,
            "--repeat" => repeat = args.next().ok_or("--repeat needs a value")?.parse()?,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    let docs_path = docs_path.ok_or("--docs FILE.jsonl is required")?;
    let file = std::fs::File::open(&docs_path).map_err(|e| format!("{docs_path}: {e}"))?;
    let mut docs: Vec<String> = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        docs.push(serde_json::from_str(&line).map_err(|e| format!("{docs_path}:{}: {e}", i + 1))?);
    }
    let bytes: usize = docs.iter().map(String::len).sum();

    let mut seconds = f64::INFINITY;
    let mut cpu_seconds = f64::INFINITY;
    let mut result: Option<Output> = None;
    for _ in 0..repeat.max(1) {
        // Drop the previous result first, so the peak memory is that of one run.
        drop(result.take());
        let cpu = process_cpu_ns();
        let start = Instant::now();
        result = Some(vectorize(&docs, &options, &mode, hashing)?);
        seconds = seconds.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, process_cpu_ns()) {
            cpu_seconds = cpu_seconds.min((b - a) as f64 / 1e9);
        }
    }
    // Copying the vocabulary and idf out of the model is output formatting, not timed.
    let (matrix, fitted) = result.ok_or("no run")?;
    let vocab: Option<Vec<String>> = fitted
        .as_ref()
        .map(|v| v.vocabulary().map(String::from).collect());
    let idf: Option<Vec<f64>> = fitted.as_ref().and_then(|v| v.idf().map(<[f64]>::to_vec));

    if bench {
        println!(
            "{}",
            serde_json::json!({
                "seconds": seconds,
                "cpu_seconds": cpu_seconds.is_finite().then_some(cpu_seconds),
                "docs": docs.len(),
                "bytes": bytes,
                "features": matrix.n_cols(),
                "nnz": matrix.nnz(),
                "threads": rayon::current_num_threads(),
                "peak_rss_mb": peak_rss_mb(),
            })
        );
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(&dir)?;
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("vocab.json"), serde_json::to_string(&vocab)?)?;
        std::fs::write(dir.join("idf.json"), serde_json::to_string(&idf)?)?;
        let f = std::fs::File::create(dir.join("matrix.mtx"))?;
        matrix.write_matrix_market(f)?;
        if let Some(v) = &fitted {
            v.save_file(dir.join("model.json"))?;
        }
    }
    Ok(())
}

/// The process's peak resident set size in MB (10^6 bytes), from `VmHWM` in
/// /proc/self/status (Linux; `None` elsewhere): counted from the program's start. (The
/// `ru_maxrss` a parent reads from `wait4` also counts the parent's pages the child had before
/// `exec`: a Python parent holding the documents would be measured, not this program.)
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

/// CPU time of all threads of this process so far, in nanoseconds (Linux: the sum of
/// `/proc/self/task/*/schedstat`), or `None` where that is not available.
fn process_cpu_ns() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

fn vectorize(
    docs: &[String],
    options: &str,
    mode: &str,
    hashing: bool,
) -> Result<Output, Box<dyn std::error::Error>> {
    if hashing {
        let o: HashingOptions = serde_json::from_str(options)?;
        let h = HashingVectorizer::new(o)?;
        return Ok((h.transform_matrix(docs)?, None));
    }
    let o: TfidfOptions = serde_json::from_str(options)?;
    let mut v = TfidfVectorizer::new(o)?;
    let m = match mode {
        "fit_transform" => v.fit_transform_matrix(docs)?,
        "fit_then_transform" => {
            v.fit(docs)?;
            v.transform_matrix(docs)?
        }
        "partial" => {
            // Three partial fits of unequal parts, then one transform.
            let (a, rest) = docs.split_at(docs.len() / 5);
            let (b, c) = rest.split_at(rest.len() / 2);
            for part in [a, b, c] {
                v.partial_fit(part)?;
            }
            v.transform_matrix(docs)?
        }
        other => return Err(format!("unknown mode {other:?}").into()),
    };
    Ok((m, Some(v)))
}
