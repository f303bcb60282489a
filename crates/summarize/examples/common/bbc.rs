//! The BBC News Summary set as the summarization examples read it (shared by `bbc_eval` and
//! `summ_tune`, so both follow one protocol).

use gist_core::{Document, Language};
use gist_summarize::prepare;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One article, analyzed, with its reference summary.
pub struct Article {
    pub doc: Document,
    pub reference: String,
    pub reference_sentences: usize,
}

/// Sentences in a reference summary: one more than the number of boundaries, where a boundary
/// is `.`, `!` or `?`, then an optional closing quote (`"` or `'`), directly followed by an
/// optional opening quote and an ASCII capital letter (regex `[.!?]["']?(?=["']?[A-Z])`).
/// It agrees with "find the article's NLTK sentences inside the summary" on 96% of the
/// summaries; where they differ it is mostly NLTK that splits differently from the dataset.
pub fn reference_sentence_count(summary: &str) -> usize {
    let s = summary.trim().as_bytes();
    if s.is_empty() {
        return 0;
    }
    let quote = |b: &u8| *b == b'"' || *b == b'\'';
    let mut count = 1;
    for (i, &b) in s.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') {
            // Up to two quotes (a closing and an opening one), then a capital letter.
            let quotes = s[i + 1..].iter().take(2).take_while(|b| quote(b)).count();
            if s.get(i + 1 + quotes).is_some_and(u8::is_ascii_uppercase) {
                count += 1;
            }
        }
    }
    count
}

/// Reads (at most `limit`, 0 for all) articles in path order, in parallel, and analyzes them.
pub fn load(root: &Path, limit: usize) -> Result<Vec<Article>, String> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut paths: Vec<PathBuf> = Vec::new();
    let articles = root.join("articles");
    let mut categories: Vec<PathBuf> = std::fs::read_dir(&articles)
        .map_err(|e| format!("{}: {e}", articles.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    categories.sort();
    for c in categories {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&c)
            .map_err(|e| format!("{}: {e}", c.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        paths.extend(files);
    }
    if limit > 0 {
        paths.truncate(limit);
    }
    paths
        .par_iter()
        .map(|p| {
            let category = p.parent().and_then(|c| c.file_name()).unwrap_or_default();
            let name = p.file_name().unwrap_or_default();
            let text = read(p)?;
            let reference = read(&root.join("summaries").join(category).join(name))?;
            let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
            let reference = reference.trim().to_string();
            let id = format!(
                "{}/{}",
                category.to_string_lossy(),
                p.file_stem().unwrap_or_default().to_string_lossy()
            );
            Ok(Article {
                doc: document(&id, title.trim(), body.trim())?,
                reference_sentences: reference_sentence_count(&reference),
                reference,
            })
        })
        .collect()
}

fn document(id: &str, title: &str, body: &str) -> Result<Document, String> {
    let mut doc = Document::new(id, body).with_language(Language::English);
    doc.metadata
        .insert("title".into(), serde_json::Value::String(title.to_string()));
    prepare(&mut doc).map_err(|e| format!("{id}: {e}"))?;
    Ok(doc)
}
