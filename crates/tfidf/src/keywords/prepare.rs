//! Document preparation for keyword extraction: gist-tokenize's words, sentences and stopwords,
//! then gist-stem's stems, each for the document's own language.

use gist_core::{Analyzer, Document, Pipeline};
use gist_stem::StemFilter;
use gist_tokenize::{SentenceSplitter, StopwordFilter, WordTokenizer};
use std::sync::OnceLock;

/// The analysis pipeline: words (lowercased norms, hyphenated words whole), sentences,
/// stopwords and stems of the document's language.
pub(super) fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new()
            .then(WordTokenizer::default())
            .then(SentenceSplitter::document_language())
            .then(StopwordFilter::default())
            .then(StemFilter::new())
    })
}

/// Runs [`pipeline`] on `doc`. The only failure is a text over 4 GiB (documents cannot be
/// that long), in which case the document is left without tokens and yields no keywords.
pub(super) fn prepare(doc: &mut Document) {
    if pipeline().analyze(doc).is_err() {
        let _ = doc.set_tokens(Vec::new());
        let _ = doc.set_sentences(Vec::new());
    }
}
