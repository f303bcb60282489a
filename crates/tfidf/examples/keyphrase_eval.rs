//! Writes gist's keyphrase predictions for the Inspec and 500N-KPCrowd sets, to be scored by
//! `scripts/keyphrase_eval.py` (the one scorer used for gist, YAKE and RAKE alike).
//!
//! ```text
//! cargo run --release -p gist-tfidf --example keyphrase_eval -- ../shared/data/keyphrase [OUT_DIR]
//! .venv/bin/python scripts/keyphrase_eval.py ../shared/data/keyphrase
//! ```
//!
//! For each set, every document of the set is the idf source (as a user would run
//! `gist keywords` over a folder): document frequencies are counted over the whole set, then
//! the top 15 candidates of each document are written, best first, to
//! `OUT_DIR/gist-<set>.jsonl` (default `target/keyphrase_eval`), one
//! `{"id": ..., "keyphrases": [...]}` object per line. A second system, `gist-bg`, extracts
//! from each document alone (an empty corpus, so the bundled background model supplies the
//! idf), as `gist keywords` on a single file does.

use gist_core::{Document, Language};
use gist_tfidf::docfreq::DocFreqs;
use gist_tfidf::keywords::{Keyword, KeywordExtractor, KeywordOptions};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const SETS: [&str; 2] = ["Inspec", "500N-KPCrowd-v1.1"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/keyphrase".into()),
    );
    let out_dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/keyphrase_eval".into()),
    );
    fs::create_dir_all(&out_dir)?;
    let mut options = KeywordOptions::default();
    options.top_k = 15;
    // Tuning knobs, read from the environment so a sweep needs no rebuild.
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("KW_LENGTH_NORM") {
        options.length_norm = v;
    }
    if let Some(v) = env("KW_POSITION") {
        options.position_weight = v;
    }
    if let Some(v) = env("KW_PHRASE") {
        options.phrase_weight = v;
    }
    if let Some(v) = env("KW_WHOLE") {
        options.whole_weight = v;
    }
    if let Some(v) = env("KW_TF") {
        options.tf_exponent = v;
    }
    if let Some(v) = env("KW_START") {
        options.start_weight = v;
    }
    if let Some(v) = env("KW_SUBSUMED") {
        options.drop_subsumed = v != 0.0;
    }
    let extractor = KeywordExtractor::new(options);
    for set in SETS {
        let docs = load(&data.join(set))?;
        let t0 = Instant::now();
        let docs = extractor.prepare_all(docs);
        let df = extractor.doc_freqs(&docs);
        let keywords = extractor.extract_all(&docs, &df);
        let secs = t0.elapsed().as_secs_f64();
        write(&out_dir.join(format!("gist-{set}.jsonl")), &docs, &keywords)?;
        eprintln!(
            "{set}: {} documents in {secs:.2} s (prepare + document frequencies + keywords)",
            docs.len()
        );
        let alone = extractor.extract_all(&docs, &DocFreqs::new());
        write(&out_dir.join(format!("gist-bg-{set}.jsonl")), &docs, &alone)?;
    }
    Ok(())
}

/// Writes one `{"id", "keyphrases"}` line per document.
fn write(path: &Path, docs: &[Document], keywords: &[Vec<Keyword>]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(fs::File::create(path)?);
    for (doc, kws) in docs.iter().zip(keywords) {
        let phrases: Vec<&str> = kws.iter().map(|k| k.term.as_str()).collect();
        let line = serde_json::json!({"id": doc.id(), "keyphrases": phrases});
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// The documents of one set, sorted by id.
fn load(dir: &Path) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir.join("docs"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let bytes = fs::read(&p)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(Document::new(id, text).with_language(Language::English));
    }
    Ok(docs)
}
