//! The per-document view every summarizer works on: sentences as sparse term vectors.

use super::IdfSource;
use gist_core::{Document, Token};
/// A `HashMap` with gist-core's fast deterministic hasher (keys are short strings of one
/// document; term ids follow first occurrence, so lookup order never affects results).
pub(crate) type FxHashMap<K, V> = gist_core::hash::FastHashMap<K, V>;

/// A term of a sentence and how often it occurs there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TermCount {
    pub term: u32,
    pub count: u32,
}

/// A document reduced to what the scorers need. Terms are the content tokens (lexical tokens
/// that are not stopwords), keyed by their stem when a stemmer ran, else by their normalized form.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// Number of sentences.
    pub n: usize,
    /// Number of distinct terms.
    pub vocab: usize,
    /// For each sentence, its distinct terms with counts, sorted by term id.
    pub sent_terms: Vec<Vec<TermCount>>,
    /// For each sentence, its lexical tokens in order: `Some(term)` for content tokens, `None`
    /// for stopwords. Used by Luhn's clusters and Edmundson's cue words.
    pub sent_seq: Vec<Vec<Option<u32>>>,
    /// For each sentence, the number of lexical tokens (words, numbers, ...): its length in words.
    pub sent_words: Vec<usize>,
    /// For each sentence, whether it opens a paragraph (a line break precedes it, or it is first).
    pub para_start: Vec<bool>,
    /// Occurrences of each term in the whole document.
    pub doc_tf: Vec<u32>,
    /// Number of sentences each term occurs in.
    pub sent_df: Vec<u32>,
    /// Inverse document frequency of each term, from the configured [`IdfSource`]; empty when
    /// the algorithm does not need it.
    pub idf: Vec<f64>,
}

/// The key a token is counted under: its stem if set, else its normalized form.
pub(crate) fn term_key<'a>(doc: &'a Document, t: &Token) -> &'a str {
    doc.stem(t).unwrap_or_else(|| doc.norm(t))
}

/// Which form of a token identifies its term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keys {
    /// The stem when a stemmer ran, else the normalized form.
    Stems,
    /// The normalized form, even when a stem is set.
    Norms,
}

/// True for tokens that count as content terms.
pub(crate) fn is_content(t: &Token) -> bool {
    t.kind.is_lexical() && !t.stopword
}

impl Analysis {
    /// Analyzes `doc`; idf values are computed only when `idf` is given (else `idf` is empty:
    /// most algorithms never read it).
    pub(crate) fn new(doc: &Document, idf: Option<&IdfSource>, by: Keys) -> Analysis {
        let n = doc.sentences().len();
        let tokens = doc.tokens();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        ids.reserve(tokens.len() / 2);
        let mut keys: Vec<&str> = Vec::new();
        let mut sent_terms = Vec::with_capacity(n);
        let mut sent_seq = Vec::with_capacity(n);
        let mut sent_words = Vec::with_capacity(n);
        let mut para_start = Vec::with_capacity(n);
        let mut doc_tf: Vec<u32> = Vec::new();
        let mut sent_df: Vec<u32> = Vec::new();
        let text = doc.text();
        let mut prev_end = 0usize;
        // One pass over the tokens: `next` is the first token not yet assigned to a sentence
        // (a token belongs to the sentence it starts in, as in `Document::sentence_tokens`).
        let mut next = 0usize;
        for &span in doc.sentences() {
            let gap = text.get(prev_end..span.start as usize).unwrap_or("");
            para_start.push(sent_seq.is_empty() || gap.contains('\n'));
            prev_end = span.end as usize;
            while next < tokens.len() && tokens[next].span().start < span.start {
                next += 1;
            }
            let first = next;
            while next < tokens.len() && tokens[next].span().start < span.end {
                next += 1;
            }
            let mut seq = Vec::with_capacity(next - first);
            let mut counts: Vec<TermCount> = Vec::with_capacity(next - first);
            for t in &tokens[first..next] {
                if !t.kind.is_lexical() {
                    continue;
                }
                if t.stopword {
                    seq.push(None);
                    continue;
                }
                let key = match by {
                    Keys::Stems => term_key(doc, t),
                    Keys::Norms => doc.norm(t),
                };
                let id = *ids.entry(key).or_insert_with(|| {
                    keys.push(key);
                    doc_tf.push(0);
                    sent_df.push(0);
                    (keys.len() - 1) as u32
                });
                doc_tf[id as usize] += 1;
                seq.push(Some(id));
                counts.push(TermCount { term: id, count: 1 });
            }
            counts.sort_unstable_by_key(|c| c.term);
            counts.dedup_by(|b, a| {
                if a.term == b.term {
                    a.count += b.count;
                    true
                } else {
                    false
                }
            });
            for c in &counts {
                sent_df[c.term as usize] += 1;
            }
            sent_words.push(seq.len());
            sent_seq.push(seq);
            sent_terms.push(counts);
        }
        let vocab = keys.len();
        let idf_values = match idf {
            None => Vec::new(),
            Some(IdfSource::Sentences) => sent_df
                .iter()
                .map(|&df| smooth_idf(n as f64, df as f64))
                .collect(),
            Some(IdfSource::Uniform) => vec![1.0; vocab],
            Some(IdfSource::Table(table)) => keys.iter().map(|k| table.idf(k)).collect(),
            Some(IdfSource::Custom(f)) => keys
                .iter()
                .map(|k| {
                    let v = f(k);
                    if v.is_finite() && v > 0.0 { v } else { 0.0 }
                })
                .collect(),
        };
        Analysis {
            n,
            vocab,
            sent_terms,
            sent_seq,
            sent_words,
            para_start,
            doc_tf,
            sent_df,
            idf: idf_values,
        }
    }

    /// Total content-term occurrences in the document.
    pub(crate) fn total_terms(&self) -> u64 {
        self.doc_tf.iter().map(|&c| c as u64).sum()
    }

    /// The TF-IDF vector of each sentence (raw counts times idf), L2-normalized, as sparse
    /// `(term, weight)` lists sorted by term.
    pub(crate) fn tfidf_unit_vectors(&self) -> Vec<Vec<(u32, f64)>> {
        self.sent_terms
            .iter()
            .map(|terms| {
                let mut v: Vec<(u32, f64)> = terms
                    .iter()
                    .map(|c| (c.term, c.count as f64 * self.idf[c.term as usize]))
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut v {
                        *w /= norm;
                    }
                }
                v
            })
            .collect()
    }
}

/// The smoothed inverse document frequency `ln((1 + n) / (1 + df)) + 1` (scikit-learn's
/// `smooth_idf`), always positive.
pub(crate) fn smooth_idf(n: f64, df: f64) -> f64 {
    ((1.0 + n) / (1.0 + df)).ln() + 1.0
}

/// Dot product of two sparse vectors sorted by term.
pub(crate) fn sparse_dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// The Gram matrix of sparse row vectors: `g[i * n + j] = Σ_t x_i(t) · x_j(t)` over the terms
/// the rows share, row-major `n * n`, symmetric. Computed through term postings (for each term,
/// the rows containing it), so the cost is `Σ_t df(t)²` rather than `n²` merges. With unit rows
/// it is the cosine-similarity matrix; with all values 1, the counts of shared distinct terms.
pub(crate) fn gram(rows: &[Vec<(u32, f64)>], vocab: usize) -> Vec<f64> {
    gram_by(rows.len(), vocab, |i, out| out.extend_from_slice(&rows[i]))
}

/// [`gram`] of the analysis's sentences, sentence `i`'s weight for a term being
/// `weight(i, term_count)`; no intermediate vectors.
pub(crate) fn gram_of(a: &Analysis, weight: impl Fn(usize, &TermCount) -> f64) -> Vec<f64> {
    gram_by(a.n, a.vocab, |i, out| {
        out.extend(a.sent_terms[i].iter().map(|c| (c.term, weight(i, c))))
    })
}

fn gram_by(n: usize, vocab: usize, row: impl Fn(usize, &mut Vec<(u32, f64)>)) -> Vec<f64> {
    let mut buf = Vec::new();
    let mut start = vec![0usize; vocab + 1];
    for i in 0..n {
        buf.clear();
        row(i, &mut buf);
        for &(t, _) in &buf {
            start[t as usize + 1] += 1;
        }
    }
    for t in 0..vocab {
        start[t + 1] += start[t];
    }
    let mut fill = start.clone();
    let mut postings = vec![(0u32, 0.0f64); start[vocab]];
    for i in 0..n {
        buf.clear();
        row(i, &mut buf);
        for &(t, v) in &buf {
            postings[fill[t as usize]] = (i as u32, v);
            fill[t as usize] += 1;
        }
    }
    let mut g = vec![0.0; n * n];
    for t in 0..vocab {
        let p = &postings[start[t]..start[t + 1]];
        for (k, &(a, va)) in p.iter().enumerate() {
            let a = a as usize;
            for &(b, vb) in &p[k..] {
                g[a * n + b as usize] += va * vb;
            }
        }
    }
    // Postings list rows in increasing order, so only the upper triangle was filled.
    for i in 0..n {
        for j in i + 1..n {
            g[j * n + i] = g[i * n + j];
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gram_matches_pairwise_dot_products() {
        let rows = vec![
            vec![(0, 1.0), (2, 2.0)],
            vec![(1, 3.0), (2, 1.0)],
            vec![],
            vec![(0, 0.5), (1, 1.0), (2, 1.0)],
        ];
        let g = gram(&rows, 3);
        for i in 0..4 {
            for j in 0..4 {
                assert_eq!(g[i * 4 + j], sparse_dot(&rows[i], &rows[j]), "({i}, {j})");
            }
        }
        assert_eq!(g[3], 0.5 + 2.0);
    }
}
