//! Builds the bundled background models of `src/background/` from the Leipzig corpora.
//!
//! ```text
//! cargo run --release -p gist-tfidf --example build_background -- ../shared/data/corpus/leipzig
//! ```
//!
//! For each language with a model (en, de, fr, it, es), every `<prefix>_*-sentences.txt` file
//! of the folder (lines `N<TAB>sentence`) is read; each sentence is one document. The keyword
//! extractor's candidate terms (stems of single words and of 2- and 3-word phrases, with the
//! default options) are counted with [`DocFreqs`](gist_tfidf::docfreq::DocFreqs), terms found
//! in fewer than `background::MIN_DF` sentences are pruned, and the result is written to
//! `crates/tfidf/src/background/<code>.tsv`. The output is deterministic.

use gist_core::Document;
use gist_tfidf::background::{LANGUAGES, MIN_DF, leipzig_prefix};
use gist_tfidf::keywords::KeywordExtractor;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/corpus/leipzig".into()),
    );
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/background");
    let extractor = KeywordExtractor::default();
    let mut names: Vec<String> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-sentences.txt"))
        .collect();
    names.sort();
    for lang in LANGUAGES {
        let Some(prefix) = leipzig_prefix(lang) else {
            continue;
        };
        let files: Vec<&String> = names
            .iter()
            .filter(|n| n.split(['_', '-']).next() == Some(prefix))
            .collect();
        let mut docs = Vec::new();
        for f in &files {
            let text = fs::read_to_string(dir.join(f))?;
            for line in text.lines() {
                let sentence = line.split_once('\t').map_or(line, |(_, s)| s).trim();
                if !sentence.is_empty() {
                    let id = format!("{f}:{}", docs.len());
                    docs.push(Document::new(id, sentence).with_language(lang));
                }
            }
        }
        let docs = extractor.prepare_all(docs);
        let mut df = extractor.doc_freqs(&docs);
        let terms = df.len();
        df.prune(MIN_DF);
        let path = out_dir.join(format!("{}.tsv", lang.code()));
        let tsv = df.to_tsv();
        fs::write(&path, &tsv)?;
        eprintln!(
            "{}: {} files, {} sentences, {terms} terms, {} kept (df >= {MIN_DF}), {} KB -> {}",
            lang.code(),
            files.len(),
            df.n_docs(),
            df.len(),
            tsv.len() / 1024,
            path.display()
        );
    }
    Ok(())
}
