//! The sentence scorers, one function per algorithm. Each returns one score per sentence,
//! higher = more important, or (for the greedy algorithms) a ranking with scores.

use super::Options;
use super::analysis::{Analysis, STOP, gram_of, shared_terms};
use super::graph::pagerank;
use super::lsa::{Gram, dense_gram, top_eigen};

/// A ranking of sentences: `order` lists sentence indices best first (it may be shorter than
/// the document for greedy algorithms, which stop once they have enough), `scores` holds one
/// score per sentence.
pub(crate) struct Ranking {
    pub order: Vec<usize>,
    pub scores: Vec<f64>,
}

impl Ranking {
    /// A ranking by score, ties broken by position (earlier first).
    pub(crate) fn from_scores(scores: Vec<f64>) -> Ranking {
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&i, &j| scores[j].total_cmp(&scores[i]).then(i.cmp(&j)));
        Ranking { order, scores }
    }
}

/// Lead: the earlier, the better. Score `1 / (1 + position)`.
pub(crate) fn lead(a: &Analysis) -> Vec<f64> {
    (0..a.n).map(|i| 1.0 / (1.0 + i as f64)).collect()
}

/// Centroid (Radev et al. 2004, MEAD's centroid feature): the document centroid is its TF-IDF
/// vector (term count times idf); a sentence scores the sum of the centroid values of its
/// distinct terms. Terms whose centroid value is below `centroid_threshold` times the largest
/// are dropped from the centroid, as MEAD keeps only the salient words.
pub(crate) fn centroid(a: &Analysis, opts: &Options) -> Vec<f64> {
    let values: Vec<f64> = (0..a.vocab)
        .map(|t| a.doc_tf[t] as f64 * a.idf[t])
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let cut = max * opts.centroid_threshold;
    a.all_terms()
        .map(|terms| {
            terms
                .iter()
                .map(|c| values[c.term as usize])
                .filter(|&v| v >= cut)
                .sum()
        })
        .collect()
}

/// Luhn (1958): significant words are the content terms occurring at least `luhn_min_count`
/// times in the document. A cluster is a run of tokens that starts and ends with a significant
/// word and has fewer than `luhn_max_gap + 1` insignificant tokens between consecutive
/// significant ones; it scores (significant words)² / (cluster length). A sentence scores its
/// best cluster.
pub(crate) fn luhn(a: &Analysis, opts: &Options) -> Vec<f64> {
    let min_count = opts.luhn_min_count.max(1);
    let significant = |t: u32| t != STOP && a.doc_tf[t as usize] >= min_count;
    (0..a.n)
        .map(|i| a.seq(i))
        .map(|seq| {
            let mut best = 0.0f64;
            let mut start: Option<usize> = None;
            let mut last = 0usize;
            let mut count = 0usize;
            for (i, &t) in seq.iter().enumerate() {
                if !significant(t) {
                    continue;
                }
                match start {
                    Some(_) if i - last - 1 <= opts.luhn_max_gap => {
                        count += 1;
                        last = i;
                    }
                    Some(s) => {
                        best = best.max((count * count) as f64 / (last - s + 1) as f64);
                        start = Some(i);
                        last = i;
                        count = 1;
                    }
                    None => {
                        start = Some(i);
                        last = i;
                        count = 1;
                    }
                }
            }
            if let Some(s) = start {
                best = best.max((count * count) as f64 / (last - s + 1) as f64);
            }
            best
        })
        .collect()
}

/// LexRank (Erkan & Radev 2004): PageRank over the graph of idf-modified cosine similarities.
/// Thresholded: an edge wherever the similarity is at least `lexrank_threshold` (weight 1);
/// continuous: every pair, weighted by its similarity. Self-loops are dropped.
pub(crate) fn lexrank(a: &Analysis, opts: &Options, continuous: bool) -> Vec<f64> {
    let n = a.n;
    // idf-modified cosine: TF-IDF vectors normalized to unit length.
    let norms: Vec<f64> = a
        .all_terms()
        .map(|t| {
            t.iter()
                .map(|c| (c.count as f64 * a.idf[c.term as usize]).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut w = gram_of(a, |i, c| {
        if norms[i] > 0.0 {
            c.count as f64 * a.idf[c.term as usize] / norms[i]
        } else {
            0.0
        }
    });
    for i in 0..n {
        w[i * n + i] = 0.0;
    }
    if !continuous {
        for x in &mut w {
            *x = if *x >= opts.lexrank_threshold {
                1.0
            } else {
                0.0
            };
        }
    }
    pagerank(&w, n, opts.damping)
}

/// TextRank (Mihalcea & Tarau 2004): PageRank over sentences weighted by their overlap,
/// `|common terms| / (ln |Si| + ln |Sj|)` with `|S|` the sentence's number of content tokens.
pub(crate) fn textrank(a: &Analysis, opts: &Options) -> Vec<f64> {
    let n = a.n;
    let len: Vec<f64> = a
        .all_terms()
        .map(|t| t.iter().map(|c| c.count as f64).sum())
        .collect();
    let ln: Vec<f64> = len.iter().map(|l| l.ln()).collect();
    // Shared distinct terms of every pair, through the term postings.
    let shared = shared_terms(a);
    let mut w = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let denom = ln[i] + ln[j];
            let s = if denom > 0.0 {
                f64::from(shared[i * n + j]) / denom
            } else {
                0.0
            };
            w[i * n + j] = s;
            w[j * n + i] = s;
        }
    }
    pagerank(&w, n, opts.damping)
}

/// TextRank with BM25 similarity (Barrios et al. 2016): the weight of the edge from `i` to `j`
/// is BM25(query = sentence `i`, document = sentence `j`) with `k1 = bm25_k1`, `b = bm25_b`,
/// sentences as the collection. With the default [`IdfSource::Sentences`](super::IdfSource)
/// the idf is `ln((N - df + 0.5) / (df + 0.5))`, and negative values are replaced by
/// `0.25 ×` the mean idf as Barrios et al. do; other sources supply their own idf.
pub(crate) fn textrank_bm25(a: &Analysis, opts: &Options) -> Vec<f64> {
    let n = a.n;
    let idf: Vec<f64> = if opts.idf_is_sentences() {
        // One logarithm per distinct sentence frequency (at most n), not one per term.
        let raw_idf = |df: u32| ((n as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
        let mut by_df: Vec<Option<f64>> = vec![None; n + 1];
        let raw: Vec<f64> = a
            .sent_df
            .iter()
            .map(|&df| match by_df.get_mut(df as usize) {
                Some(Some(v)) => *v,
                Some(slot) => *slot.insert(raw_idf(df)),
                None => raw_idf(df),
            })
            .collect();
        let mean = if raw.is_empty() {
            0.0
        } else {
            raw.iter().sum::<f64>() / raw.len() as f64
        };
        let eps = 0.25 * mean;
        raw.into_iter()
            .map(|x| if x < 0.0 { eps } else { x })
            .collect()
    } else {
        a.idf.clone()
    };
    let len: Vec<f64> = a
        .all_terms()
        .map(|t| t.iter().map(|c| c.count as f64).sum())
        .collect();
    let avg = if n == 0 {
        0.0
    } else {
        len.iter().sum::<f64>() / n as f64
    };
    let (k1, b) = (opts.bm25_k1.max(0.0), opts.bm25_b.clamp(0.0, 1.0));
    let mut w = vec![0.0; n * n];
    let norm = |j: usize| k1 * (1.0 - b + b * if avg > 0.0 { len[j] / avg } else { 0.0 });
    if a.vocab.saturating_mul(n) <= DENSE_BM25_LIMIT {
        // Every document's per-term contribution at once, `contrib[t * n + j]` (zero for terms
        // not in j); then each query's sums against all documents side by side. Each sum
        // runs over the query's terms in order, as in the loop below: the same values.
        let mut contrib = vec![0.0; a.vocab * n];
        for j in 0..n {
            let norm = norm(j);
            for c in a.terms(j) {
                let f = c.count as f64;
                contrib[c.term as usize * n + j] =
                    idf[c.term as usize] * f * (k1 + 1.0) / (f + norm);
            }
        }
        let mut acc = vec![0.0; n];
        for i in 0..n {
            // -0.0 is the start of `Iterator::sum` for floats: -0.0 + x is x for every x.
            acc.iter_mut().for_each(|x| *x = -0.0);
            for c in a.terms(i) {
                let row = &contrib[c.term as usize * n..(c.term as usize + 1) * n];
                for (x, &v) in acc.iter_mut().zip(row) {
                    *x += v;
                }
            }
            for j in 0..n {
                if j != i {
                    w[i * n + j] = acc[j].max(0.0);
                }
            }
        }
        return pagerank(&w, n, opts.damping);
    }
    let mut contrib = vec![0.0; a.vocab];
    for j in 0..n {
        let norm = norm(j);
        // Per-term BM25 contribution of document j (a dense scratch row indexed by term), then
        // summed over each query's distinct terms.
        for c in a.terms(j) {
            let f = c.count as f64;
            contrib[c.term as usize] = idf[c.term as usize] * f * (k1 + 1.0) / (f + norm);
        }
        for i in 0..n {
            if i == j {
                continue;
            }
            let s: f64 = a.terms(i).iter().map(|c| contrib[c.term as usize]).sum();
            w[i * n + j] = s.max(0.0);
        }
        for c in a.terms(j) {
            contrib[c.term as usize] = 0.0;
        }
    }
    pagerank(&w, n, opts.damping)
}

/// Largest `terms × sentences` for which TextRank-BM25 lays out every sentence's contributions
/// at once (8 MB).
const DENSE_BM25_LIMIT: usize = 1 << 20;

/// LSA (Gong & Liu 2001; scoring of Steinberger & Ježek 2004): the term-by-sentence matrix of
/// TF-IDF weights is decomposed `A = UΣVᵀ`; a sentence scores
/// `sqrt(Σ_{i<r} σᵢ² vᵢ²)` over the `lsa_dimensions` strongest latent topics.
pub(crate) fn lsa(a: &Analysis, opts: &Options) -> Vec<f64> {
    let r = opts.lsa_dimensions.max(1);
    let (values, vectors) = if dense_gram(a.n) {
        // G = AᵀA straight from the term postings (the same values as from the columns).
        let g = gram_of(a, |_, c| c.count as f64 * a.idf[c.term as usize]);
        top_eigen(a.n, Gram::Dense(g), r)
    } else {
        let columns: Vec<Vec<(u32, f64)>> = a
            .all_terms()
            .map(|t| {
                t.iter()
                    .map(|c| (c.term, c.count as f64 * a.idf[c.term as usize]))
                    .collect()
            })
            .collect();
        top_eigen(
            a.n,
            Gram::Sparse {
                columns: &columns,
                rows: a.vocab,
            },
            r,
        )
    };
    let r = values.len();
    (0..a.n)
        .map(|k| {
            (0..r)
                .map(|i| values[i].max(0.0) * vectors[k * r + i] * vectors[k * r + i])
                .sum::<f64>()
                .sqrt()
        })
        .collect()
}

/// SumBasic (Nenkova & Vanderwende 2005): word probabilities `p(w) = count / total`; repeatedly
/// choose, among the sentences containing the currently most probable word, the one with the
/// highest mean word probability, then square the probabilities of its words. A sentence's
/// score is its mean probability when chosen, capped by the previous choice's score so that
/// scores never increase along the greedy order; sentences never chosen score below every
/// chosen one, in the order of their initial mean probability.
pub(crate) fn sumbasic(a: &Analysis, wanted: usize) -> Ranking {
    let total = a.total_terms() as f64;
    let mut p: Vec<f64> = a
        .doc_tf
        .iter()
        .map(|&c| if total > 0.0 { c as f64 / total } else { 0.0 })
        .collect();
    let mean = |p: &[f64], i: usize| -> f64 {
        let (s, k) = a
            .seq(i)
            .iter()
            .filter(|&&t| t != STOP)
            .fold((0.0, 0usize), |(s, k), &t| (s + p[t as usize], k + 1));
        if k == 0 { 0.0 } else { s / k as f64 }
    };
    let initial: Vec<f64> = (0..a.n).map(|i| mean(&p, i)).collect();
    let mut chosen = vec![false; a.n];
    let mut order = Vec::new();
    let mut scores = vec![0.0; a.n];
    while order.len() < wanted.min(a.n) {
        // The most probable word still present in an unchosen sentence (lowest id on ties).
        let mut best_word: Option<(u32, f64)> = None;
        for (i, terms) in a.all_terms().enumerate() {
            if chosen[i] {
                continue;
            }
            for c in terms {
                let pw = p[c.term as usize];
                if best_word.is_none_or(|(t, bp)| pw > bp || (pw == bp && c.term < t)) {
                    best_word = Some((c.term, pw));
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for i in 0..a.n {
            if chosen[i] {
                continue;
            }
            if let Some((w, _)) = best_word
                && !a.terms(i).iter().any(|c| c.term == w)
            {
                continue;
            }
            let m = mean(&p, i);
            if best.is_none_or(|(_, bm)| m > bm) {
                best = Some((i, m));
            }
        }
        let Some((i, m)) = best else { break };
        chosen[i] = true;
        scores[i] = order.last().map_or(m, |&prev| m.min(scores[prev]));
        order.push(i);
        for c in a.terms(i) {
            let x = &mut p[c.term as usize];
            *x *= *x;
        }
    }
    finish_greedy(order, scores, &initial, &chosen)
}

/// KL-Sum (Haghighi & Vanderwende 2009): greedily add the sentence that minimizes
/// `KL(P_doc ‖ P_summary)` between the document's unigram distribution and the summary's
/// (additively smoothed with `klsum_smoothing` per term). A chosen sentence scores the drop in
/// divergence it brought, capped by the previous choice's score so that scores never increase
/// along the greedy order; sentences never chosen score below every chosen one, in the order of
/// their divergence alone.
pub(crate) fn klsum(a: &Analysis, opts: &Options, wanted: usize) -> Ranking {
    let v = a.vocab;
    let total = a.total_terms() as f64;
    let pdoc: Vec<f64> = a
        .doc_tf
        .iter()
        .map(|&c| c as f64 / total.max(1.0))
        .collect();
    let alpha = if opts.klsum_smoothing.is_finite() && opts.klsum_smoothing > 0.0 {
        opts.klsum_smoothing
    } else {
        0.01
    };
    // KL(P‖Q) = Σ p ln p − Σ p ln q with q_w = (c_w + α) / (size + αV). Every vocabulary term
    // has p > 0, so Σ p ln q = Σ p ln(c_w + α) − ln(size + αV); adding a sentence changes the
    // first sum only on its own terms, which keeps each candidate's evaluation to its terms.
    let plogp: f64 = pdoc.iter().map(|&p| p * p.ln()).sum();
    let z = |size: f64| (size + alpha * v as f64).ln();
    let kl = |base: f64, size: f64| if v == 0 { 0.0 } else { plogp - base + z(size) };
    let ln_alpha = alpha.ln();
    let mut counts = vec![0.0f64; v];
    let mut base: f64 = ln_alpha * pdoc.iter().sum::<f64>();
    let mut size = 0.0;
    let mut chosen = vec![false; a.n];
    let mut order = Vec::new();
    let mut scores = vec![0.0; a.n];
    let delta = |counts: &[f64], i: usize| -> (f64, f64) {
        let mut d = 0.0;
        let mut len = 0.0;
        for t in a.terms(i) {
            let (p, c, f) = (
                pdoc[t.term as usize],
                counts[t.term as usize],
                t.count as f64,
            );
            d += p * ((c + f + alpha).ln() - (c + alpha).ln());
            len += f;
        }
        (d, len)
    };
    // Each sentence on its own, for ordering the sentences never chosen (higher = closer).
    let initial: Vec<f64> = (0..a.n)
        .map(|i| {
            let (d, len) = delta(&counts, i);
            (-kl(base + d, len)).exp()
        })
        .collect();
    let mut current = kl(base, size);
    while order.len() < wanted.min(a.n) {
        let mut best: Option<(usize, f64, f64, f64)> = None;
        for i in 0..a.n {
            if chosen[i] {
                continue;
            }
            let (d, len) = delta(&counts, i);
            let k = kl(base + d, size + len);
            if best.is_none_or(|(_, bk, _, _)| k < bk) {
                best = Some((i, k, d, len));
            }
        }
        let Some((i, k, d, len)) = best else { break };
        for t in a.terms(i) {
            counts[t.term as usize] += t.count as f64;
        }
        base += d;
        size += len;
        chosen[i] = true;
        let gain = (current - k).max(0.0);
        scores[i] = order.last().map_or(gain, |&prev| gain.min(scores[prev]));
        order.push(i);
        current = k;
    }
    finish_greedy(order, scores, &initial, &chosen)
}

/// Completes a greedy ranking: unchosen sentences follow in order of their initial score,
/// scaled below the lowest chosen score so that "higher = more important" holds throughout.
fn finish_greedy(
    mut order: Vec<usize>,
    mut scores: Vec<f64>,
    initial: &[f64],
    chosen: &[bool],
) -> Ranking {
    let floor = order
        .iter()
        .map(|&i| scores[i])
        .fold(f64::INFINITY, f64::min);
    let max_init = initial.iter().copied().fold(0.0, f64::max);
    let mut rest: Vec<usize> = (0..initial.len()).filter(|&i| !chosen[i]).collect();
    rest.sort_by(|&i, &j| initial[j].total_cmp(&initial[i]).then(i.cmp(&j)));
    for &i in &rest {
        scores[i] = if floor.is_finite() && max_init > 0.0 {
            // Strictly below the floor, keeping the initial order.
            floor * 0.5 * (initial[i] / max_init)
        } else {
            initial[i]
        };
    }
    order.extend(rest);
    Ranking { order, scores }
}

/// Built-in English cue words for Edmundson's method: bonus words (raise a sentence) and
/// stigma words (lower it). Written for gist; compared on normalized forms.
pub(crate) const BONUS_WORDS: &[&str] = &[
    "important",
    "significant",
    "significantly",
    "key",
    "main",
    "major",
    "crucial",
    "essential",
    "conclude",
    "concluded",
    "conclusion",
    "summary",
    "overall",
    "result",
    "results",
    "found",
    "shows",
    "showed",
    "announced",
    "said",
    "first",
    "new",
    "largest",
    "biggest",
    "record",
];
/// See [`BONUS_WORDS`].
pub(crate) const STIGMA_WORDS: &[&str] = &[
    "hardly",
    "perhaps",
    "maybe",
    "possibly",
    "somewhat",
    "apparently",
    "seemingly",
    "example",
    "instance",
    "anyway",
    "incidentally",
    "meanwhile",
    "however",
    "although",
    "also",
    "i",
    "you",
];

/// Edmundson (1969): a weighted sum of four features, with weights `edmundson_weights`
/// (cue, key, title, location).
/// cue = bonus minus stigma words in the sentence (given per sentence in `cue`);
/// key = the sentence's content-term occurrences weighted by their document count, for terms
/// occurring at least twice, divided by the document's largest term count;
/// title = the number of the sentence's content tokens found in the title (given per sentence
/// in `title`; zero without a title);
/// location = 1 for the first sentence, 0.5 for the first sentence of any other paragraph, plus
/// 0.5 for the sentences of the first and last paragraphs.
pub(crate) fn edmundson(a: &Analysis, title: &[f64], cue: &[f64], opts: &Options) -> Vec<f64> {
    let maxc = a.doc_tf.iter().copied().max().unwrap_or(1).max(1) as f64;
    let paras: Vec<usize> = a
        .para_start
        .iter()
        .scan(0usize, |p, &s| {
            if s {
                *p += 1;
            }
            Some(*p)
        })
        .collect();
    let last_para = paras.last().copied().unwrap_or(0);
    let w = &opts.edmundson_weights;
    (0..a.n)
        .map(|i| {
            let key: f64 = a
                .terms(i)
                .iter()
                .filter(|c| a.doc_tf[c.term as usize] >= 2)
                .map(|c| a.doc_tf[c.term as usize] as f64 * c.count as f64 / maxc)
                .sum();
            let mut location = 0.0;
            if i == 0 {
                location += 1.0;
            } else if a.para_start[i] {
                location += 0.5;
            }
            if paras[i] == 1 || paras[i] == last_para {
                location += 0.5;
            }
            w[0] * cue[i] + w[1] * key + w[2] * title[i] + w[3] * location
        })
        .collect()
}
