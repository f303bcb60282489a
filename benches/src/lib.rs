//! # gist-benches
//!
//! Shared helpers for gist's criterion benchmarks and comparison commands: they load the
//! benchmark text, so every bench and every side-by-side comparison measures the same bytes.
//!
//! The one design decision: **benchmarks run on real text, chosen by one rule**. The text is the
//! English Project Gutenberg books of `../shared/data/corpus/gutenberg_en` (sorted by file name,
//! Gutenberg header and licence footer removed, CRLF turned into LF as Python reads text files),
//! concatenated and cut at a byte budget. When that folder is absent (a fresh clone without
//! the shared data), the news articles in `seeds/` are used instead, so benches always compile
//! and run. [`source`] tells which one was used; print it next to any figure.
//!
//! ```
//! let text = gist_benches::corpus_text(20_000);
//! assert!(!text.is_empty() && text.len() <= 20_000);
//! let docs = gist_benches::document_texts(50_000, 5_000);
//! assert!(docs.iter().all(|d| !d.is_empty()));
//! let words = gist_benches::lowercase_words(&text);
//! assert!(words.iter().all(|w| w.chars().all(char::is_alphabetic)));
//! ```
#![deny(missing_docs)]

use gist_core::{Document, Language, Pipeline};
use std::fs;
use std::path::{Path, PathBuf};

/// Where the benchmark text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The English Gutenberg books of the shared data folder.
    Gutenberg(PathBuf),
    /// The project's `seeds/` folder (the fallback when the shared data is absent).
    Seeds(PathBuf),
}

impl Source {
    /// The folder the text is read from.
    pub fn dir(&self) -> &Path {
        match self {
            Source::Gutenberg(p) | Source::Seeds(p) => p,
        }
    }

    /// A short name for tables: `gutenberg_en` or `seeds`.
    pub fn name(&self) -> &'static str {
        match self {
            Source::Gutenberg(_) => "gutenberg_en",
            Source::Seeds(_) => "seeds",
        }
    }
}

/// The workspace root (the folder holding `benches/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The shared data folder (`../shared/data` beside the workspace), if present. The environment
/// variable `GIST_DATA` overrides it.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("GIST_DATA") {
        Some(d) => PathBuf::from(d),
        None => workspace_root().join("../shared/data"),
    };
    dir.is_dir().then_some(dir)
}

/// The benchmark text's source: the Gutenberg books when present, else `seeds/`.
pub fn source() -> Source {
    if let Some(dir) = data_dir().map(|d| d.join("corpus/gutenberg_en"))
        && dir.is_dir()
    {
        return Source::Gutenberg(dir);
    }
    Source::Seeds(workspace_root().join("seeds"))
}

/// The `.txt` files of the source, sorted by name.
pub fn source_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(source().dir())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Reads one source file as clean text: lossy UTF-8, CRLF turned into LF, and for Gutenberg
/// books only the text between the `*** START OF` and `*** END OF` lines. `None` if unreadable.
pub fn read_clean(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    Some(strip_gutenberg(&text).to_string())
}

/// The body of a Project Gutenberg text: what lies between the `*** START OF` line and the
/// `*** END OF` line, or the whole text when those markers are missing.
pub fn strip_gutenberg(text: &str) -> &str {
    let start = text
        .find("*** START OF")
        .or_else(|| text.find("***START OF"))
        .and_then(|i| text[i..].find('\n').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = text[start..]
        .find("*** END OF")
        .or_else(|| text[start..].find("***END OF"))
        .map_or(text.len(), |i| start + i);
    text[start..end].trim()
}

/// The texts of the source files (cleaned by [`read_clean`]), in name order, until their total
/// length reaches `limit_bytes` (the last one is cut, on a char boundary).
pub fn books(limit_bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    for path in source_files() {
        if total >= limit_bytes {
            break;
        }
        let Some(mut text) = read_clean(&path) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        truncate_at_char(&mut text, limit_bytes - total);
        total += text.len();
        out.push(text);
    }
    out
}

/// The benchmark text: the [`books`] joined by blank lines, at most `limit_bytes` long (cut on
/// a char boundary). Shorter when the whole source is smaller.
pub fn corpus_text(limit_bytes: usize) -> String {
    let mut text = books(limit_bytes).join("\n\n");
    truncate_at_char(&mut text, limit_bytes);
    text
}

/// The benchmark text cut into documents of about `doc_bytes` each (at paragraph breaks, never
/// across books), `limit_bytes` in all. Every document is non-empty.
pub fn document_texts(limit_bytes: usize, doc_bytes: usize) -> Vec<String> {
    books(limit_bytes)
        .iter()
        .flat_map(|book| split_documents(book, doc_bytes))
        .collect()
}

/// `text` cut at paragraph breaks (blank lines) into pieces of about `doc_bytes` (a piece is
/// longer only when one paragraph is). Pieces holding only whitespace are dropped.
pub fn split_documents(text: &str, doc_bytes: usize) -> Vec<String> {
    let doc_bytes = doc_bytes.max(1);
    let mut docs = Vec::new();
    let mut current = String::new();
    for para in text.split("\n\n") {
        if !current.is_empty() && current.len() + para.len() > doc_bytes {
            docs.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push_str("\n\n");
        }
        current.push_str(para);
    }
    docs.push(current);
    docs.retain(|d| !d.trim().is_empty());
    docs
}

/// The analysis the pipeline benchmarks run on every document: sentences, words (with norms),
/// stopwords of the document's language, and current-Snowball stems. It is what keyword
/// extraction and summarization need.
pub fn analysis_pipeline() -> Pipeline {
    Pipeline::new()
        .then(gist_tokenize::SentenceSplitter::document_language())
        .then(gist_tokenize::WordTokenizer::default())
        .then(gist_tokenize::StopwordFilter::default())
        .then(gist_stem::StemFilter::new())
}

/// [`document_texts`] as English [`Document`]s with ids `doc-0`, `doc-1`, ...
pub fn documents(limit_bytes: usize, doc_bytes: usize) -> Vec<Document> {
    document_texts(limit_bytes, doc_bytes)
        .into_iter()
        .enumerate()
        .map(|(i, text)| Document::new(format!("doc-{i}"), text).with_language(Language::English))
        .collect()
}

/// The lowercase alphabetic words of `text`, in order (maximal runs of alphabetic chars): the
/// word list the stemming benchmarks and comparisons stem.
pub fn lowercase_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Cuts `s` to at most `max` bytes, on a char boundary.
pub fn truncate_at_char(s: &mut String, max: usize) {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_gutenberg_keeps_only_the_body() {
        let text =
            "Header\n*** START OF THIS BOOK ***\nBody line.\n*** END OF THIS BOOK ***\nLicence";
        assert_eq!(strip_gutenberg(text), "Body line.");
        assert_eq!(strip_gutenberg("no markers"), "no markers");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        let mut s = String::from("aé");
        truncate_at_char(&mut s, 2);
        assert_eq!(s, "a");
    }

    #[test]
    fn corpus_text_obeys_the_budget() {
        let text = corpus_text(10_000);
        assert!(!text.is_empty());
        assert!(text.len() <= 10_000);
        assert!(!text.contains('\r'));
    }

    #[test]
    fn documents_cover_the_text() {
        let docs = document_texts(30_000, 2_000);
        assert!(docs.len() > 1, "{} documents", docs.len());
        let total: usize = docs.iter().map(String::len).sum();
        assert!(total <= 30_000);
        assert!(docs.iter().all(|d| !d.trim().is_empty()));
    }

    #[test]
    fn split_documents_cuts_at_paragraphs() {
        let docs = split_documents("aaa\n\nbbb\n\nccc", 8);
        assert_eq!(docs, ["aaa\n\nbbb", "ccc"]);
        assert!(split_documents("  \n\n  ", 1).is_empty());
    }

    #[test]
    fn the_pipeline_annotates_everything() {
        use gist_core::Analyzer;
        let mut doc = Document::new("d", "The dogs were running. They stopped.")
            .with_language(Language::English);
        analysis_pipeline().analyze(&mut doc).unwrap();
        assert_eq!(doc.sentences().len(), 2);
        let t = &doc.tokens()[1];
        assert_eq!(doc.stem(t), Some("dog"));
        assert!(doc.tokens()[0].stopword);
    }

    #[test]
    fn lowercase_words_are_alphabetic_and_lowercase() {
        assert_eq!(
            lowercase_words("It's 3 Dogs, naïve!"),
            ["it", "s", "dogs", "naïve"]
        );
    }
}
