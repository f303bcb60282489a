//! Prints the keywords of text files, scored against their own document frequencies (blended
//! with the bundled background model when there are fewer than 20 files).
//!
//! ```text
//! cargo run --release -p gist-tfidf --example keywords_file -- [--top K] [--lang L] FILE...
//! ```

use gist_core::{Document, Language};
use gist_tfidf::keywords::{KeywordExtractor, KeywordOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut options = KeywordOptions::default();
    let mut language = Language::English;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--top" => options.top_k = args.next().ok_or("--top needs a number")?.parse()?,
            "--lang" => language = args.next().ok_or("--lang needs a language")?.parse()?,
            _ => files.push(a),
        }
    }
    let extractor = KeywordExtractor::new(options);
    let mut docs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        docs.push(Document::new(f.clone(), text).with_language(language));
    }
    let docs = extractor.prepare_all(docs);
    let df = extractor.doc_freqs(&docs);
    for (doc, kws) in docs.iter().zip(extractor.extract_all(&docs, &df)) {
        println!("{} (score: higher is better)", doc.id());
        for k in kws {
            println!("  {:8.3}  {}  (x{})", k.score, k.term, k.count);
        }
    }
    if docs.len() > 1 {
        println!("corpus");
        for k in extractor.extract_corpus(&docs, &df) {
            println!("  {:8.3}  {}  (x{})", k.score, k.term, k.count);
        }
    }
    Ok(())
}
