//! Keywords and keyphrases: the terms and short phrases that best characterize a document or a
//! corpus, scored by TF-IDF over stems.
//!
//! **Candidates** are word n-grams of up to [`KeywordOptions::max_ngram`] words (3 by
//! default) inside a sentence, bounded by stopwords, punctuation and any non-word token: in
//! "the live-streaming of child rape", the candidates are "live-streaming", "child", "rape" and
//! "child rape". Candidates are grouped by their stems ("networks" and "network" are one
//! candidate); each is shown in its most frequent lowercased surface form. Candidates made only
//! of numbers, and single-character words on their own, are skipped.
//!
//! **Scores** (higher is better; comparable within one document's result, not across
//! documents): a candidate's score adds the TF-IDF weights of its words (each word's dampened
//! frequency in the document times its smoothed idf, see [`DocFreqs::idf`]), divided by a
//! phrase-length normalization, and multiplied by three bonuses: for phrases that recur and
//! are rare as a whole, for candidates that appear early (titles and lead sentences name the
//! topic), and for candidates that stand alone between stopwords or punctuation rather than
//! as part of a longer run of words; candidates that start with a word common in everyday text
//! are demoted. No part-of-speech tagger is needed. See
//! [`KeywordOptions`] for the exact formula and its knobs.
//!
//! **Document frequencies** come from the corpus being analyzed ([`KeywordExtractor::doc_freqs`]).
//! A single document, or a handful, is too little to estimate idf: when the corpus has fewer
//! than [`KeywordOptions::min_corpus_docs`] documents (20 by default), its counts are added to
//! the bundled background model of the document's language ([`crate::background`]), built
//! from the Leipzig corpora.
//!
//! ```
//! use gist_core::Document;
//! use gist_tfidf::keywords::KeywordExtractor;
//!
//! let extractor = KeywordExtractor::default();
//! let docs = vec![
//!     Document::new("a", "Solar panels convert sunlight into electricity. Solar panels are cheap now."),
//!     Document::new("b", "Wind turbines convert wind into electricity."),
//! ];
//! let docs = extractor.prepare_all(docs);
//! let df = extractor.doc_freqs(&docs);
//! let top = extractor.extract(&docs[0], &df);
//! assert_eq!(top[0].term, "solar panels");
//! assert!(top[0].score > top[1].score); // higher is better
//! ```

mod prepare;

use crate::background;
use crate::docfreq::{DocFreqs, FastMap, idf_from};
use gist_core::{Document, Language, Span, Token, TokenKind, map_ordered};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How keywords are selected and scored.
///
/// For a candidate `c` of `n` words `w1..wn` occurring `tf(c)` times, `whole(c)` of them as a
/// whole chunk (with a stopword, punctuation or sentence boundary on both sides), first in
/// sentence `s` (0-based) of the document:
///
/// ```text
/// score(c) = (Σ_i tf(w_i)^tf_exponent × idf(w_i)) / n^length_norm
///            × phrase(c)
///            × (1 + position_weight / (1 + s))
///            × (1 + whole_weight × whole(c) / tf(c))
///            × (idf_bg(w1) / idf_bg_max)^start_weight
/// phrase(c) = (tf(c) × idf(c) / idf_max)^phrase_weight   for n ≥ 2, 1 for n = 1
/// ```
///
/// where `tf(w)` counts the occurrences of the word's stem in the document, `idf` is the
/// smoothed idf of [`DocFreqs::idf`] (of a word's stem, or of the phrase's stems for `idf(c)`),
/// and `idf_max` the idf of an unseen term; `idf_bg` is the idf of the bundled background model
/// of the document's language (whatever the corpus size), `idf_bg_max` its idf of an unseen
/// term. Higher is better. The defaults were tuned on the
/// Inspec and 500N-KPCrowd keyphrase sets (see `results/keyphrases.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct KeywordOptions {
    /// How many keywords to return per document (and for the corpus). Default 10.
    pub top_k: usize,
    /// The longest candidate, in words (1 gives single keywords only; values above
    /// [`MAX_NGRAM`] count as [`MAX_NGRAM`], 0 as 1). Default 3.
    pub max_ngram: usize,
    /// Below this many documents, corpus document frequencies are blended with the bundled
    /// background model of the document's language. Default 20.
    pub min_corpus_docs: u64,
    /// Exponent of the phrase-length normalization (0: a phrase scores the sum of its words;
    /// 1: their mean). Default 0.8.
    pub length_norm: f64,
    /// Strength of the bonus for candidates that appear early. Default 2.0.
    pub position_weight: f64,
    /// Exponent of the phrase factor, which rewards multi-word candidates that recur as a
    /// whole and are rare as a whole. Default 1.0.
    pub phrase_weight: f64,
    /// Exponent of the start-word factor, which demotes candidates that begin with a word common
    /// in everyday text ("new", "several", "using"): the score is multiplied by
    /// `(idf_bg(w1) / idf_bg_max)^start_weight`, with the idf of the bundled background model
    /// of the document's language (no effect for a language without one). Default 0.5.
    pub start_weight: f64,
    /// Exponent applied to word frequencies (1: raw counts; below 1 dampens repetition).
    /// Default 0.5.
    pub tf_exponent: f64,
    /// Strength of the bonus for candidates that stand alone between stopwords or punctuation
    /// (rather than as a part of a longer run of words): the score is multiplied by
    /// `1 + whole_weight × whole(c) / tf(c)`. Default 3.0.
    pub whole_weight: f64,
    /// Drop a candidate when a longer selected candidate contains it and it occurs (almost)
    /// only inside that one. Default true.
    pub drop_subsumed: bool,
}

impl Default for KeywordOptions {
    fn default() -> KeywordOptions {
        KeywordOptions {
            top_k: 10,
            max_ngram: 3,
            min_corpus_docs: 20,
            length_norm: 0.8,
            position_weight: 2.0,
            phrase_weight: 1.0,
            whole_weight: 3.0,
            tf_exponent: 0.5,
            start_weight: 0.5,
            drop_subsumed: true,
        }
    }
}

/// A keyword or keyphrase of a document or corpus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The most frequent surface form, lowercased ("child exploitation").
    pub term: String,
    /// The stems of its words joined by spaces ("child exploit"): the grouping key.
    pub stem: String,
    /// The score: higher is more characteristic. Comparable within one result only.
    pub score: f64,
    /// Occurrences in the document (for corpus keywords: in the whole corpus).
    pub count: u32,
    /// Number of words.
    pub words: u32,
    /// Byte span of the first occurrence in the document (for corpus keywords: in the first
    /// document where it occurs, see `doc`).
    pub first: Span,
    /// For corpus keywords, the index of the first document it occurs in; 0 otherwise.
    pub doc: usize,
}

/// Extracts keywords and keyphrases; see the [module documentation](self).
#[derive(Clone, Debug, Default)]
pub struct KeywordExtractor {
    options: KeywordOptions,
}

/// The longest candidate the extractor considers, whatever [`KeywordOptions::max_ngram`] says.
pub const MAX_NGRAM: usize = 8;

/// A candidate's words, as word ids: the grouping key while collecting.
type Gram = (u8, [u32; MAX_NGRAM]);

/// A [`Gram`] as a map key, hashed by its used word ids packed two to a `u64` (one to three
/// words for the default three-word candidates, where the derived hash writes nine values).
#[derive(Clone, Copy, PartialEq, Eq)]
struct GramKey(Gram);

impl std::hash::Hash for GramKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (n, ids) = &self.0;
        // The length with the first id, then the others in pairs.
        state.write_u64(u64::from(*n) | u64::from(ids[0]) << 32);
        for pair in ids[1..usize::from(*n).max(1)].chunks(2) {
            let hi = pair.get(1).map_or(0, |&w| u64::from(w) << 32);
            state.write_u64(u64::from(pair[0]) | hi);
        }
    }
}

/// One occurrence-aggregated candidate of a document.
#[derive(Clone, Debug)]
struct Candidate {
    gram: Gram,
    tf: u32,
    /// Occurrences that are a whole chunk (bounded by stopwords or punctuation on both sides).
    whole: u32,
    first_sentence: u32,
    first: Span,
    /// Distinct surface forms, as (index of the first token of an occurrence, count), in
    /// first-seen order: the first here, the others (rare: words of one stem spelled two ways)
    /// in `more_surfaces`, which allocates only then.
    surface: (u32, u32),
    more_surfaces: Vec<(u32, u32)>,
}

impl Candidate {
    fn words(&self) -> &[u32] {
        &self.gram.1[..self.gram.0 as usize]
    }
}

/// The candidates of one document (`'d`: the document's lifetime).
#[derive(Clone, Debug, Default)]
struct DocCandidates<'d> {
    /// Word stems (borrowed from the document), and their frequency in the document.
    word_stems: Vec<&'d str>,
    word_tf: Vec<u32>,
    /// Candidates' stem keys ("child exploit"), in first-occurrence order: key `i` is
    /// `key_text[key_ends[i - 1]..key_ends[i]]` (one buffer, not a string each).
    key_text: String,
    key_ends: Vec<usize>,
    cands: Vec<Candidate>,
}

impl DocCandidates<'_> {
    /// The stem key of candidate `i`.
    fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.key_ends[i - 1] };
        &self.key_text[start..self.key_ends[i]]
    }

    /// Every candidate's stem key, in order.
    fn keys(&self) -> impl Iterator<Item = &str> {
        (0..self.cands.len()).map(|i| self.key(i))
    }

    /// The most frequent surface form of candidate `i` (the earliest among equals).
    fn surface(&self, doc: &Document, i: usize) -> String {
        let c = &self.cands[i];
        let mut best = (0u32, 0u32);
        for &(ti, n) in std::iter::once(&c.surface).chain(&c.more_surfaces) {
            if n > best.1 {
                best = (ti, n);
            }
        }
        let tokens = &doc.tokens()[best.0 as usize..best.0 as usize + c.gram.0 as usize];
        let mut out = String::new();
        for (j, t) in tokens.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(doc.norm(t));
        }
        out
    }

    fn keyword(&self, doc: &Document, i: usize, score: f64) -> Keyword {
        let c = &self.cands[i];
        Keyword {
            term: self.surface(doc, i),
            stem: self.key(i).to_string(),
            score,
            count: c.tf,
            words: c.gram.0 as u32,
            first: c.first,
            doc: 0,
        }
    }
}

impl KeywordExtractor {
    /// An extractor with these options.
    pub fn new(options: KeywordOptions) -> KeywordExtractor {
        KeywordExtractor { options }
    }

    /// The options.
    pub fn options(&self) -> &KeywordOptions {
        &self.options
    }

    /// Analyzes `doc` for keyword extraction: words, sentences, stopwords and stems for its
    /// language. Documents passed to [`KeywordExtractor::extract`] without tokens are prepared
    /// on the fly; prepare them once when you extract several times or count document
    /// frequencies.
    pub fn prepare(&self, doc: &mut Document) {
        prepare::prepare(doc);
    }

    /// [`KeywordExtractor::prepare`] on many documents, in parallel.
    pub fn prepare_all(&self, docs: Vec<Document>) -> Vec<Document> {
        let mut docs = docs;
        gist_core::map_ordered_mut(&mut docs, |d| self.prepare(d));
        docs
    }

    /// The terms a document contributes to document frequencies: the stem key of every
    /// candidate (single words and n-grams up to `max_ngram`), once each, sorted.
    pub fn terms(&self, doc: &Document) -> Vec<String> {
        let mut terms: Vec<String> =
            self.with_candidates(doc, |_, c| c.keys().map(str::to_string).collect());
        terms.sort_unstable();
        terms
    }

    /// Document frequencies of the candidates of `docs` (prepared or not), in parallel.
    pub fn doc_freqs(&self, docs: &[Document]) -> DocFreqs {
        DocFreqs::from_documents(docs, |d| self.terms(d))
    }

    /// The top [`KeywordOptions::top_k`] keywords and keyphrases of `doc`, best first, scored
    /// against the document frequencies `df` (blended with the background model of
    /// `doc.language` when `df` counts fewer than `min_corpus_docs` documents).
    pub fn extract(&self, doc: &Document, df: &DocFreqs) -> Vec<Keyword> {
        self.with_candidates(doc, |doc, c| {
            let top_k = self.options.top_k;
            // Only the best candidates are put in order: a few times `top_k` (subsumed ones are
            // skipped), all of them only when those fall short. The best `m` of a total order
            // are the same however many are sorted.
            let mut limit = top_k.saturating_mul(4).max(16);
            loop {
                let order = self.rank(doc, &c, df, limit);
                let all = order.len() == c.cands.len();
                let mut kept: Vec<Keyword> = Vec::with_capacity(top_k.min(order.len()));
                for (score, i) in order {
                    if kept.len() >= top_k {
                        break;
                    }
                    let k = c.keyword(doc, i as usize, score);
                    if !(self.options.drop_subsumed && kept.iter().any(|big| subsumes(big, &k))) {
                        kept.push(k);
                    }
                }
                if kept.len() >= top_k || all {
                    return kept;
                }
                limit = usize::MAX;
            }
        })
    }

    /// [`KeywordExtractor::extract`] for many documents, in parallel; results in input order.
    pub fn extract_all(&self, docs: &[Document], df: &DocFreqs) -> Vec<Vec<Keyword>> {
        map_ordered(docs, |d| self.extract(d, df))
    }

    /// The top keywords of a whole corpus, best first. A candidate's corpus score is the mean,
    /// over all documents, of its score in each document divided by that document's best score
    /// (0 where it does not occur), so each document weighs the same whatever its length. Its
    /// count is its number of occurrences in the whole corpus, its surface form the most
    /// frequent one, and `doc`/`first` locate its first occurrence.
    pub fn extract_corpus(&self, docs: &[Document], df: &DocFreqs) -> Vec<Keyword> {
        let per_doc = map_ordered(docs, |d| {
            self.with_candidates(d, |doc, c| {
                let order = self.rank(doc, &c, df, usize::MAX);
                let best = order.first().map_or(0.0, |o| o.0);
                order
                    .into_iter()
                    .map(|(score, i)| {
                        let rel = if best > 0.0 { score / best } else { 0.0 };
                        c.keyword(doc, i as usize, rel)
                    })
                    .collect::<Vec<Keyword>>()
            })
        });
        let mut agg: HashMap<String, Keyword> = HashMap::new();
        let mut surface_counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let n = docs.len().max(1) as f64;
        for (i, kws) in per_doc.into_iter().enumerate() {
            for k in kws {
                *surface_counts
                    .entry(k.stem.clone())
                    .or_default()
                    .entry(k.term.clone())
                    .or_insert(0) += k.count;
                agg.entry(k.stem.clone())
                    .and_modify(|a| {
                        a.score += k.score / n;
                        a.count += k.count;
                    })
                    .or_insert(Keyword {
                        score: k.score / n,
                        doc: i,
                        ..k
                    });
            }
        }
        let mut out: Vec<Keyword> = agg
            .into_values()
            .map(|mut k| {
                if let Some(forms) = surface_counts.get(&k.stem) {
                    // Most frequent surface; ties broken alphabetically for determinism.
                    if let Some((form, _)) = forms
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    {
                        k.term = form.clone();
                    }
                }
                k
            })
            .collect();
        sort_keywords(&mut out);
        if !self.options.drop_subsumed {
            out.truncate(self.options.top_k);
            return out;
        }
        let mut kept: Vec<Keyword> = Vec::with_capacity(self.options.top_k.min(out.len()));
        for k in out {
            if kept.len() >= self.options.top_k {
                break;
            }
            if !kept.iter().any(|big| subsumes(big, &k)) {
                kept.push(k);
            }
        }
        kept
    }

    /// The best `limit` candidates of `doc` (all when there are fewer) as (score, candidate
    /// index), best first: higher score, then earlier first occurrence, then stem key (a total
    /// order).
    fn rank(
        &self,
        doc: &Document,
        c: &DocCandidates,
        df: &DocFreqs,
        limit: usize,
    ) -> Vec<(f64, u32)> {
        if c.cands.is_empty() {
            return Vec::new();
        }
        let idf = IdfSource::new(df, doc.language, self.options.min_corpus_docs);
        let o = &self.options;
        let word_weight: Vec<f64> = c
            .word_stems
            .iter()
            .zip(&c.word_tf)
            .map(|(w, &tf)| (tf as f64).powf(o.tf_exponent) * idf.idf(w))
            .collect();
        let idf_max = idf.idf_unseen();
        // Background idf of each word, for the start-word factor (empty when it is off or the
        // language has no background model).
        let bg = background::model(doc.language).filter(|_| o.start_weight != 0.0);
        let bg_max = bg.map_or(1.0, |b| idf_from(b.n_docs(), 0));
        // Each word's start factor, and each length's normalization, computed once (the same
        // values as computed per candidate).
        let start_factor: Vec<f64> = match bg {
            Some(b) => c
                .word_stems
                .iter()
                .map(|&w| (b.idf(w) / bg_max).powf(o.start_weight))
                .collect(),
            None => Vec::new(),
        };
        let length_norm: [f64; MAX_NGRAM + 1] =
            std::array::from_fn(|n| (n as f64).powf(o.length_norm));
        let mut out: Vec<(f64, u32)> = Vec::with_capacity(c.cands.len());
        for (i, (key, cand)) in c.keys().zip(&c.cands).enumerate() {
            let n = cand.gram.0 as usize;
            let sum: f64 = cand.words().iter().map(|&w| word_weight[w as usize]).sum();
            let mut score = sum / length_norm[n];
            if n >= 2 && o.phrase_weight != 0.0 {
                let p = cand.tf as f64 * idf.idf(key) / idf_max;
                score *= p.powf(o.phrase_weight);
            }
            score *= 1.0 + o.position_weight / (1.0 + cand.first_sentence as f64);
            score *= 1.0 + o.whole_weight * cand.whole as f64 / cand.tf.max(1) as f64;
            if let Some(factor) = start_factor.get(cand.gram.1[0] as usize) {
                score *= factor;
            }
            out.push((score, i as u32));
        }
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| {
                    let (x, y) = (&c.cands[a.1 as usize], &c.cands[b.1 as usize]);
                    x.first.start.cmp(&y.first.start)
                })
                .then_with(|| c.key(a.1 as usize).cmp(c.key(b.1 as usize)))
        };
        if limit < out.len() {
            if limit == 0 {
                return Vec::new();
            }
            out.select_nth_unstable_by(limit - 1, order);
            out.truncate(limit);
        }
        out.sort_by(order);
        out
    }

    /// Runs `f` on the document (a prepared copy when it has no tokens) and its candidates.
    fn with_candidates<R>(
        &self,
        doc: &Document,
        f: impl FnOnce(&Document, DocCandidates) -> R,
    ) -> R {
        let max = self.options.max_ngram.clamp(1, MAX_NGRAM);
        if doc.tokens().is_empty() && !doc.text().trim().is_empty() {
            let mut d = doc.clone();
            self.prepare(&mut d);
            let c = collect_candidates(&d, max);
            return f(&d, c);
        }
        f(doc, collect_candidates(doc, max))
    }
}

/// Best first: higher score, then earlier first occurrence, then stem (a total order).
fn sort_keywords(v: &mut [Keyword]) {
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.doc.cmp(&b.doc))
            .then_with(|| a.first.start.cmp(&b.first.start))
            .then_with(|| a.stem.cmp(&b.stem))
    });
}

/// Whether `big` (ranked higher) makes `small` redundant: `big` is longer, contains `small`'s
/// words as a contiguous sequence, and accounts for nearly all of `small`'s occurrences.
fn subsumes(big: &Keyword, small: &Keyword) -> bool {
    big.words > small.words
        && big.count as f64 >= 0.8 * small.count as f64
        && big.stem.match_indices(small.stem.as_str()).any(|(i, m)| {
            let before = i == 0 || big.stem.as_bytes()[i - 1] == b' ';
            let end = i + m.len();
            let after = end == big.stem.len() || big.stem.as_bytes()[end] == b' ';
            before && after
        })
}

/// Document frequencies, possibly blended with the background model.
struct IdfSource<'a> {
    corpus: &'a DocFreqs,
    background: Option<&'static DocFreqs>,
}

impl<'a> IdfSource<'a> {
    fn new(corpus: &'a DocFreqs, lang: Language, min_docs: u64) -> IdfSource<'a> {
        let background = if corpus.n_docs() < min_docs {
            background::model(lang)
        } else {
            None
        };
        IdfSource { corpus, background }
    }

    fn n(&self) -> u64 {
        self.corpus.n_docs() + self.background.map_or(0, DocFreqs::n_docs)
    }

    fn idf(&self, term: &str) -> f64 {
        let df = self.corpus.df(term) + self.background.map_or(0, |b| b.df(term));
        idf_from(self.n(), df.min(self.n()))
    }

    fn idf_unseen(&self) -> f64 {
        idf_from(self.n(), 0)
    }
}

/// Is this token a candidate word? Words, numbers, hashtags and mentions that are not
/// stopwords and contain a letter or digit.
fn is_content(doc: &Document, t: &Token) -> bool {
    matches!(
        t.kind,
        TokenKind::Word | TokenKind::Number | TokenKind::Hashtag | TokenKind::Mention
    ) && !t.stopword
        && doc.token_text(t).chars().any(char::is_alphanumeric)
}

/// Walks the document's tokens into stopword- and punctuation-bounded chunks and collects every
/// n-gram of each chunk. A chunk's tokens are consecutive tokens of the document.
fn collect_candidates(doc: &Document, max_ngram: usize) -> DocCandidates<'_> {
    let text = doc.text();
    let tokens = doc.tokens();
    let sentences = doc.sentences();
    let mut out = DocCandidates::default();
    // Sized for a typical document (a distinct word per two tokens, a candidate per token),
    // so that most documents' maps never grow.
    let mut word_ids: FastMap<&str, u32> =
        FastMap::with_capacity_and_hasher(tokens.len() / 2, Default::default());
    let mut gram_ids: FastMap<GramKey, u32> =
        FastMap::with_capacity_and_hasher(tokens.len(), Default::default());

    let mut chunk: Vec<(usize, u32)> = Vec::new(); // (token index, word id)
    let mut chunk_sentence = 0usize;
    let mut sentence = 0usize;
    let mut prev_end: Option<u32> = None;
    let mut flush = |chunk: &mut Vec<(usize, u32)>, sentence: usize, out: &mut DocCandidates| {
        for start in 0..chunk.len() {
            for len in 1..=max_ngram.min(chunk.len() - start) {
                let grams = &chunk[start..start + len];
                if grams
                    .iter()
                    .all(|&(ti, _)| tokens[ti].kind == TokenKind::Number)
                {
                    continue;
                }
                let ti0 = grams[0].0;
                if len == 1 && doc.token_text(&tokens[ti0]).chars().nth(1).is_none() {
                    continue; // single characters are not keywords
                }
                let mut gram: Gram = (len as u8, [0; MAX_NGRAM]);
                for (j, &(_, w)) in grams.iter().enumerate() {
                    gram.1[j] = w;
                }
                let id = match gram_ids.get(&GramKey(gram)) {
                    Some(&id) => id as usize,
                    None => {
                        let id = out.cands.len();
                        gram_ids.insert(GramKey(gram), id as u32);
                        for (j, &(_, w)) in grams.iter().enumerate() {
                            if j > 0 {
                                out.key_text.push(' ');
                            }
                            out.key_text.push_str(out.word_stems[w as usize]);
                        }
                        out.key_ends.push(out.key_text.len());
                        let first = Span::new(
                            tokens[ti0].span().start,
                            tokens[grams[len - 1].0].span().end,
                        );
                        out.cands.push(Candidate {
                            gram,
                            tf: 0,
                            whole: 0,
                            first_sentence: sentence as u32,
                            first,
                            surface: (ti0 as u32, 0),
                            more_surfaces: Vec::new(),
                        });
                        id
                    }
                };
                let c = &mut out.cands[id];
                c.tf += 1;
                if len == chunk.len() {
                    c.whole += 1;
                }
                let same = |&&mut (other, _): &&mut (u32, u32)| {
                    other as usize == ti0
                        || (0..len).all(|j| {
                            doc.norm(&tokens[other as usize + j]) == doc.norm(&tokens[ti0 + j])
                        })
                };
                if same(&&mut c.surface) {
                    c.surface.1 += 1;
                } else {
                    match c.more_surfaces.iter_mut().find(same) {
                        Some((_, n)) => *n += 1,
                        None => c.more_surfaces.push((ti0 as u32, 1)),
                    }
                }
            }
        }
        chunk.clear();
    };

    for (ti, t) in tokens.iter().enumerate() {
        let start = t.span().start;
        // Sentence boundary: flush when the token starts past the current sentence's end.
        let mut new_sentence = false;
        while sentence < sentences.len() && sentences[sentence].end <= start {
            sentence += 1;
            new_sentence = true;
        }
        // A blank line (paragraph break) ends a chunk even without punctuation.
        let paragraph = prev_end.is_some_and(|pe| {
            text.get(pe as usize..start as usize)
                .is_some_and(|gap| gap.bytes().filter(|&b| b == b'\n').count() >= 2)
        });
        if new_sentence || paragraph {
            flush(&mut chunk, chunk_sentence, &mut out);
        }
        prev_end = Some(t.span().end);
        if !is_content(doc, t) {
            flush(&mut chunk, chunk_sentence, &mut out);
            continue;
        }
        if chunk.is_empty() {
            chunk_sentence = sentence;
        }
        // Stems and norms are lowercase (the stemmer and the tokenizer lowercase).
        let stem = doc.stem(t).unwrap_or_else(|| doc.norm(t));
        let w = match word_ids.get(stem) {
            Some(&w) => w,
            None => {
                let w = out.word_stems.len() as u32;
                word_ids.insert(stem, w);
                out.word_stems.push(stem);
                out.word_tf.push(0);
                w
            }
        };
        out.word_tf[w as usize] += 1;
        chunk.push((ti, w));
    }
    flush(&mut chunk, chunk_sentence, &mut out);
    out
}
