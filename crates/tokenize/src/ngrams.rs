//! Word n-grams over a tokenized document.
//!
//! An n-gram is `n` consecutive *lexical* tokens (words, numbers, hashtags, mentions — see
//! [`TokenKind::is_lexical`](gist_core::TokenKind::is_lexical)). Punctuation, symbols, emoji, URLs and e-mail addresses are
//! boundaries: "salt, pepper" has no bigram "salt pepper" — unless
//! [`NgramOptions::cross_punctuation`] is set, which skips over them instead. Sentence
//! boundaries (when the document has sentences) are always boundaries.
//!
//! An [`Ngram`] is a pair of token indices, not a string: join the norms with
//! [`Ngram::join`] when you need text, or use [`joined`] for everything at once.
//!
//! ```
//! use gist_core::{Analyzer, Document};
//! use gist_tokenize::WordTokenizer;
//! use gist_tokenize::ngrams::{self, NgramOptions};
//!
//! let mut doc = Document::new("d", "New York, New Jersey");
//! WordTokenizer::default().analyze(&mut doc)?;
//! assert_eq!(ngrams::joined(&doc, &NgramOptions::new(2), " "), ["new york", "new jersey"]);
//! let across = NgramOptions { cross_punctuation: true, ..NgramOptions::new(2) };
//! assert_eq!(
//!     ngrams::joined(&doc, &across, "_"),
//!     ["new_york", "york_new", "new_jersey"]
//! );
//! # Ok::<(), gist_core::Error>(())
//! ```

use gist_core::{Document, Token};
use std::ops::RangeInclusive;

/// Which n-grams to produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NgramOptions {
    /// The n-gram sizes, e.g. `1..=3` for unigrams to trigrams. Sizes of 0 are ignored.
    pub sizes: RangeInclusive<usize>,
    /// Skip over non-lexical tokens (punctuation...) instead of stopping at them. Sentence
    /// boundaries still stop n-grams. Default `false`.
    pub cross_punctuation: bool,
    /// Leave out n-grams that start or end with a stopword (`token.stopword`, set by a
    /// [`StopwordFilter`](crate::StopwordFilter)), as keyphrase extractors do. Default `false`.
    pub trim_stopwords: bool,
}

impl NgramOptions {
    /// N-grams of exactly `n` tokens, stopping at punctuation.
    pub fn new(n: usize) -> NgramOptions {
        NgramOptions {
            sizes: n..=n,
            cross_punctuation: false,
            trim_stopwords: false,
        }
    }

    /// N-grams of `min` to `max` tokens.
    pub fn sizes(min: usize, max: usize) -> NgramOptions {
        NgramOptions {
            sizes: min..=max,
            ..NgramOptions::new(1)
        }
    }
}

/// One n-gram: the index of its first and last lexical token in the document's tokens, and
/// how many lexical tokens it has (tokens skipped with `cross_punctuation` are not counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ngram {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token.
    pub last: usize,
    /// Number of lexical tokens in it.
    pub n: usize,
}

impl Ngram {
    /// The lexical tokens of the n-gram.
    pub fn tokens<'d>(&self, doc: &'d Document) -> impl Iterator<Item = &'d Token> {
        doc.tokens()
            .get(self.first..=self.last)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind.is_lexical())
    }

    /// The norms of its lexical tokens joined with `separator`.
    pub fn join(&self, doc: &Document, separator: &str) -> String {
        let mut s = String::new();
        for (i, t) in self.tokens(doc).enumerate() {
            if i > 0 {
                s.push_str(separator);
            }
            s.push_str(doc.norm(t));
        }
        s
    }
}

/// The n-grams of `doc`, in order of first token, then size. Empty if the document has no
/// tokens.
pub fn word_ngrams(doc: &Document, options: &NgramOptions) -> Vec<Ngram> {
    let tokens = doc.tokens();
    let sentences = doc.sentences();
    let min = (*options.sizes.start()).max(1);
    let max = *options.sizes.end();
    let mut out = Vec::new();
    if min > max {
        return out;
    }
    // Indices of the lexical tokens of the current stretch (between boundaries).
    let mut stretch: Vec<usize> = Vec::new();
    let mut sentence = 0;
    let flush = |stretch: &mut Vec<usize>, out: &mut Vec<Ngram>| {
        for s in 0..stretch.len() {
            for n in min..=max.min(stretch.len() - s) {
                let (first, last) = (stretch[s], stretch[s + n - 1]);
                if options.trim_stopwords && (tokens[first].stopword || tokens[last].stopword) {
                    continue;
                }
                out.push(Ngram { first, last, n });
            }
        }
        stretch.clear();
    };
    for (i, t) in tokens.iter().enumerate() {
        // A new sentence starts a new stretch.
        let start = t.span().start;
        let mut next = sentence;
        while next < sentences.len() && sentences[next].end <= start {
            next += 1;
        }
        if next != sentence {
            sentence = next;
            flush(&mut stretch, &mut out);
        }
        if t.kind.is_lexical() {
            stretch.push(i);
        } else if !options.cross_punctuation {
            flush(&mut stretch, &mut out);
        }
    }
    flush(&mut stretch, &mut out);
    out
}

/// The n-grams of `doc` as their norms joined with `separator`, in the order of
/// [`word_ngrams`].
pub fn joined(doc: &Document, options: &NgramOptions, separator: &str) -> Vec<String> {
    word_ngrams(doc, options)
        .iter()
        .map(|g| g.join(doc, separator))
        .collect()
}
