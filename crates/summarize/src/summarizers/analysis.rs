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

/// The marker of a stopword in [`Analysis::seq`].
pub(crate) const STOP: u32 = u32::MAX;

/// A document reduced to what the scorers need. Terms are the content tokens (lexical tokens
/// that are not stopwords), keyed by their stem when a stemmer ran, else by their normalized
/// form; term ids follow first occurrence. Per-sentence lists are stored flat, with offsets.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// Number of sentences.
    pub n: usize,
    /// Number of distinct terms.
    pub vocab: usize,
    /// Every sentence's distinct terms with counts, sorted by term id; sentence `i`'s are
    /// `terms[term_start[i]..term_start[i + 1]]` (see [`Analysis::terms`]).
    terms: Vec<TermCount>,
    term_start: Vec<u32>,
    /// Every sentence's lexical tokens in order: the term for content tokens, [`STOP`] for
    /// stopwords; sentence `i`'s are `seq[seq_start[i]..seq_start[i + 1]]` (see
    /// [`Analysis::seq`]). Used by Luhn's clusters and SumBasic.
    seq: Vec<u32>,
    seq_start: Vec<u32>,
    /// For each sentence, whether it opens a paragraph (a line break precedes it, or it is first).
    pub para_start: Vec<bool>,
    /// Occurrences of each term in the whole document.
    pub doc_tf: Vec<u32>,
    /// Number of sentences each term occurs in.
    pub sent_df: Vec<u32>,
    /// Inverse document frequency of each term, from the configured [`IdfSource`]; empty when
    /// the algorithm does not need it.
    pub idf: Vec<f64>,
    /// The builder's scratch space, kept for reuse ([`Builder::recycle`]).
    last: Vec<(u32, u32)>,
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

/// Builds an [`Analysis`] sentence by sentence, token by token; the caller assigns term ids
/// (in order of first occurrence: each new term is the next id, `vocab()`).
#[derive(Debug, Default)]
pub(crate) struct Builder {
    a: Analysis,
    /// For each term, the last sentence it occurred in (plus one; 0 = none) and its position
    /// in `a.terms` there.
    last: Vec<(u32, u32)>,
}

impl Builder {
    /// A builder expecting about `sentences` sentences and `tokens` lexical tokens.
    pub(crate) fn with_capacity(sentences: usize, tokens: usize) -> Builder {
        let mut a = Analysis {
            terms: Vec::with_capacity(tokens),
            term_start: Vec::with_capacity(sentences + 1),
            seq: Vec::with_capacity(tokens),
            seq_start: Vec::with_capacity(sentences + 1),
            para_start: Vec::with_capacity(sentences),
            doc_tf: Vec::with_capacity(tokens / 2),
            sent_df: Vec::with_capacity(tokens / 2),
            ..Analysis::default()
        };
        a.term_start.push(0);
        a.seq_start.push(0);
        Builder {
            a,
            last: Vec::with_capacity(tokens / 2),
        }
    }

    /// A builder reusing the buffers of a finished analysis `a` (emptied first).
    pub(crate) fn recycle(mut a: Analysis, sentences: usize, tokens: usize) -> Builder {
        let mut last = std::mem::take(&mut a.last);
        last.clear();
        for v in [
            &mut a.term_start,
            &mut a.seq_start,
            &mut a.doc_tf,
            &mut a.sent_df,
        ] {
            v.clear();
        }
        a.terms.clear();
        a.seq.clear();
        a.para_start.clear();
        a.idf.clear();
        a.terms.reserve(tokens);
        a.seq.reserve(tokens);
        a.term_start.reserve(sentences + 1);
        a.seq_start.reserve(sentences + 1);
        a.para_start.reserve(sentences);
        a.term_start.push(0);
        a.seq_start.push(0);
        a.n = 0;
        a.vocab = 0;
        Builder { a, last }
    }

    /// Number of terms so far: the id the next new term gets.
    #[inline]
    pub(crate) fn vocab(&self) -> u32 {
        self.a.doc_tf.len() as u32
    }

    /// A stopword of the current sentence.
    #[inline]
    pub(crate) fn stopword(&mut self) {
        self.a.seq.push(STOP);
    }

    /// A content token of the current sentence, of term `term` (at most [`vocab`](Self::vocab)).
    #[inline]
    pub(crate) fn term(&mut self, term: u32) {
        let a = &mut self.a;
        let t = term as usize;
        if t == a.doc_tf.len() {
            a.doc_tf.push(0);
            a.sent_df.push(0);
            self.last.push((0, 0));
        }
        a.doc_tf[t] += 1;
        a.seq.push(term);
        let sentence = a.para_start.len() as u32 + 1;
        let last = &mut self.last[t];
        if last.0 == sentence {
            a.terms[last.1 as usize].count += 1;
        } else {
            *last = (sentence, a.terms.len() as u32);
            a.terms.push(TermCount { term, count: 1 });
            a.sent_df[t] += 1;
        }
    }

    /// Ends the current sentence, which opens a paragraph when `para_start`.
    pub(crate) fn end_sentence(&mut self, para_start: bool) {
        let a = &mut self.a;
        let from = *a.term_start.last().unwrap_or(&0) as usize;
        a.terms[from..].sort_unstable_by_key(|c| c.term);
        a.term_start.push(a.terms.len() as u32);
        a.seq_start.push(a.seq.len() as u32);
        a.para_start.push(para_start);
    }

    /// The analysis, with idf values from `idf` (none when `None`); `key(t)` is term `t`'s key.
    pub(crate) fn finish<'k>(
        self,
        idf: Option<&IdfSource>,
        key: impl Fn(usize) -> &'k str,
    ) -> Analysis {
        let mut a = self.a;
        a.last = self.last;
        a.n = a.para_start.len();
        a.vocab = a.doc_tf.len();
        let n = a.n;
        a.idf = match idf {
            None => Vec::new(),
            Some(IdfSource::Sentences) => {
                // The idf depends on the sentence frequency only: one logarithm per distinct
                // frequency (at most the number of sentences), not one per term.
                let mut by_df: Vec<Option<f64>> = vec![None; n + 1];
                a.sent_df
                    .iter()
                    .map(|&df| match by_df.get_mut(df as usize) {
                        Some(Some(v)) => *v,
                        Some(slot) => *slot.insert(smooth_idf(n as f64, df as f64)),
                        None => smooth_idf(n as f64, df as f64),
                    })
                    .collect()
            }
            Some(IdfSource::Uniform) => vec![1.0; a.vocab],
            Some(IdfSource::Table(table)) => (0..a.vocab).map(|t| table.idf(key(t))).collect(),
            Some(IdfSource::Custom(f)) => (0..a.vocab)
                .map(|t| {
                    let v = f(key(t));
                    if v.is_finite() && v > 0.0 { v } else { 0.0 }
                })
                .collect(),
        };
        a
    }
}

impl Analysis {
    /// Analyzes `doc`; idf values are computed only when `idf` is given (else `idf` is empty:
    /// most algorithms never read it).
    pub(crate) fn new(doc: &Document, idf: Option<&IdfSource>, by: Keys) -> Analysis {
        let tokens = doc.tokens();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        ids.reserve(tokens.len() / 2);
        let mut keys: Vec<&str> = Vec::new();
        let mut b = Builder::with_capacity(doc.sentences().len(), tokens.len());
        let text = doc.text();
        let mut prev_end = 0usize;
        // One pass over the tokens: `next` is the first token not yet assigned to a sentence
        // (a token belongs to the sentence it starts in, as in `Document::sentence_tokens`).
        let mut next = 0usize;
        for (i, &span) in doc.sentences().iter().enumerate() {
            let gap = text.get(prev_end..span.start as usize).unwrap_or("");
            let para = i == 0 || gap.contains('\n');
            prev_end = span.end as usize;
            while next < tokens.len() && tokens[next].span().start < span.start {
                next += 1;
            }
            while next < tokens.len() && tokens[next].span().start < span.end {
                let t = &tokens[next];
                next += 1;
                if !t.kind.is_lexical() {
                    continue;
                }
                if t.stopword {
                    b.stopword();
                    continue;
                }
                let key = match by {
                    Keys::Stems => term_key(doc, t),
                    Keys::Norms => doc.norm(t),
                };
                let id = *ids.entry(key).or_insert_with(|| {
                    keys.push(key);
                    (keys.len() - 1) as u32
                });
                b.term(id);
            }
            b.end_sentence(para);
        }
        b.finish(idf, |t| keys[t])
    }

    /// The capacity of its largest buffer, in elements (for deciding whether to keep it).
    pub(crate) fn capacity(&self) -> usize {
        self.terms.capacity().max(self.seq.capacity())
    }

    /// Sentence `i`'s distinct terms with their counts, sorted by term.
    #[inline]
    pub(crate) fn terms(&self, i: usize) -> &[TermCount] {
        &self.terms[self.term_start[i] as usize..self.term_start[i + 1] as usize]
    }

    /// Every sentence's distinct terms, in sentence order (see [`terms`](Self::terms)).
    pub(crate) fn all_terms(&self) -> impl Iterator<Item = &[TermCount]> {
        (0..self.n).map(|i| self.terms(i))
    }

    /// Sentence `i`'s lexical tokens in order: the term of content tokens, [`STOP`] for
    /// stopwords.
    #[inline]
    pub(crate) fn seq(&self, i: usize) -> &[u32] {
        &self.seq[self.seq_start[i] as usize..self.seq_start[i + 1] as usize]
    }

    /// Sentence `i`'s number of lexical tokens (words, numbers, ...): its length in words.
    #[inline]
    pub(crate) fn words(&self, i: usize) -> usize {
        (self.seq_start[i + 1] - self.seq_start[i]) as usize
    }

    /// Total content-term occurrences in the document.
    pub(crate) fn total_terms(&self) -> u64 {
        self.doc_tf.iter().map(|&c| c as u64).sum()
    }

    /// The TF-IDF vector of each sentence (raw counts times idf), L2-normalized, as sparse
    /// `(term, weight)` lists sorted by term.
    pub(crate) fn tfidf_unit_vectors(&self) -> Vec<Vec<(u32, f64)>> {
        (0..self.n)
            .map(|i| {
                let mut v: Vec<(u32, f64)> = self
                    .terms(i)
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
#[cfg(test)]
pub(crate) fn gram(rows: &[Vec<(u32, f64)>], vocab: usize) -> Vec<f64> {
    gram_by(rows.len(), vocab, |i, out| out.extend_from_slice(&rows[i]))
}

/// The Gram matrix of the analysis's sentences (as the test reference `gram` computes it),
/// sentence `i`'s weight for a term being `weight(i, term_count)`; no intermediate vectors, and
/// the postings laid out from the sentence frequencies the analysis already has (one pass over
/// the sentences).
pub(crate) fn gram_of(a: &Analysis, weight: impl Fn(usize, &TermCount) -> f64) -> Vec<f64> {
    let n = a.n;
    let start = posting_starts(a);
    let mut fill = start.clone();
    let mut postings = vec![(0u32, 0.0f64); a.terms.len()];
    for i in 0..n {
        for c in a.terms(i) {
            let f = &mut fill[c.term as usize];
            postings[*f] = (i as u32, weight(i, c));
            *f += 1;
        }
    }
    let mut g = vec![0.0; n * n];
    for t in 0..a.vocab {
        let p = &postings[start[t]..start[t + 1]];
        for (k, &(x, vx)) in p.iter().enumerate() {
            let row = &mut g[x as usize * n..(x as usize + 1) * n];
            for &(y, vy) in &p[k..] {
                row[y as usize] += vx * vy;
            }
        }
    }
    mirror(&mut g, n);
    g
}

/// The number of distinct terms each pair of sentences shares, row-major `n * n`, symmetric:
/// [`gram_of`] with every weight 1, counted in integers (exactly the same values).
pub(crate) fn shared_terms(a: &Analysis) -> Vec<u32> {
    let n = a.n;
    let start = posting_starts(a);
    let mut fill = start.clone();
    let mut postings = vec![0u32; a.terms.len()];
    for i in 0..n {
        for c in a.terms(i) {
            let f = &mut fill[c.term as usize];
            postings[*f] = i as u32;
            *f += 1;
        }
    }
    let mut g = vec![0u32; n * n];
    for t in 0..a.vocab {
        let p = &postings[start[t]..start[t + 1]];
        for (k, &x) in p.iter().enumerate() {
            let row = &mut g[x as usize * n..(x as usize + 1) * n];
            for &y in &p[k..] {
                row[y as usize] += 1;
            }
        }
    }
    mirror(&mut g, n);
    g
}

/// Where each term's postings start (and, at `vocab`, end), from the sentence frequencies.
fn posting_starts(a: &Analysis) -> Vec<usize> {
    let mut start = Vec::with_capacity(a.vocab + 1);
    let mut at = 0usize;
    start.push(0);
    for &df in &a.sent_df {
        at += df as usize;
        start.push(at);
    }
    start
}

/// Copies the upper triangle of the row-major `n * n` matrix `g` into the lower one.
fn mirror<T: Copy>(g: &mut [T], n: usize) {
    for i in 0..n {
        for j in i + 1..n {
            g[j * n + i] = g[i * n + j];
        }
    }
}

#[cfg(test)]
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
