//! Keywords and keyphrases: the terms and short phrases that best characterize a document or a
//! corpus, scored by TF-IDF over stems.
//!
//! **Candidates** are word n-grams of up to [`KeywordOptions::max_ngram`] words (3 by
//! default) inside a sentence, bounded by stopwords, punctuation and any non-word token: in
//! "the live-streaming of child rape", the candidates are "live-streaming", "child", "rape" and
//! "child rape". Candidates are grouped by their stems ("networks" and "network" are one
//! candidate); each is shown in its most frequent lowercased surface form.
//!
//! **Scores** (higher is better; comparable within one document's result, not across
//! documents): a candidate's score adds the TF-IDF weights of its words (each word's dampened
//! frequency in the document times its smoothed idf, see [`DocFreqs::idf`]), divided by a
//! phrase-length normalization, and multiplied by three bonuses: for phrases that recur and
//! are rare as a whole, for candidates that appear early (titles and lead sentences name the
//! topic), and for candidates that stand alone between stopwords or punctuation rather than
//! as part of a longer run of words. No part-of-speech tagger is needed. See
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
use crate::docfreq::{DocFreqs, idf_from};
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
/// phrase(c) = (tf(c) × idf(c) / idf_max)^phrase_weight   for n ≥ 2, 1 for n = 1
/// ```
///
/// where `tf(w)` counts the occurrences of the word's stem in the document, `idf` is the
/// smoothed idf of [`DocFreqs::idf`] (of a word's stem, or of the phrase's stems for `idf(c)`),
/// and `idf_max` the idf of an unseen term. Higher is better. The defaults were tuned on the
/// Inspec and 500N-KPCrowd keyphrase sets (see `results/keyphrases.md`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct KeywordOptions {
    /// How many keywords to return per document (and for the corpus). Default 10.
    pub top_k: usize,
    /// The longest candidate, in words (1 gives single keywords only). Default 3.
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

/// One occurrence-aggregated candidate of a document.
#[derive(Clone, Debug)]
struct Candidate {
    /// Stem key of each word (indices into the document's word table).
    words: Vec<u32>,
    tf: u32,
    /// Occurrences that are a whole chunk (bounded by stopwords or punctuation on both sides).
    whole: u32,
    first_sentence: u32,
    first: Span,
    /// Surface forms and their counts, in first-seen order.
    surfaces: Vec<(String, u32)>,
}

/// The candidates of one document.
#[derive(Clone, Debug, Default)]
struct DocCandidates {
    /// Word stems, and their frequency in the document.
    word_stems: Vec<String>,
    word_tf: Vec<u32>,
    /// Candidates by stem key, in first-occurrence order.
    keys: Vec<String>,
    cands: Vec<Candidate>,
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
    /// candidate (single words and n-grams up to `max_ngram`), once each.
    pub fn terms(&self, doc: &Document) -> Vec<String> {
        let cands = self.candidates_of(doc);
        let mut terms = cands.keys;
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
        self.select(self.score_all(doc, df), self.options.top_k)
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
        let per_doc = map_ordered(docs, |d| self.score_all(d, df));
        let mut agg: HashMap<String, Keyword> = HashMap::new();
        let mut surface_counts: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let n = docs.len().max(1) as f64;
        for (i, kws) in per_doc.into_iter().enumerate() {
            let Some(best) = kws.first().map(|k| k.score) else {
                continue;
            };
            for k in kws {
                let rel = if best > 0.0 { k.score / best } else { 0.0 };
                *surface_counts
                    .entry(k.stem.clone())
                    .or_default()
                    .entry(k.term.clone())
                    .or_insert(0) += k.count;
                agg.entry(k.stem.clone())
                    .and_modify(|a| {
                        a.score += rel / n;
                        a.count += k.count;
                    })
                    .or_insert(Keyword {
                        score: rel / n,
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
        self.select(out, self.options.top_k)
    }

    /// Every candidate of `doc`, scored, best first (after subsumption filtering).
    fn score_all(&self, doc: &Document, df: &DocFreqs) -> Vec<Keyword> {
        let c = self.candidates_of(doc);
        if c.cands.is_empty() {
            return Vec::new();
        }
        let idf = IdfSource::new(df, doc.language, self.options.min_corpus_docs);
        let o = &self.options;
        let word_idf: Vec<f64> = c.word_stems.iter().map(|w| idf.idf(w)).collect();
        let idf_max = idf.idf_unseen();
        let mut out: Vec<Keyword> = Vec::with_capacity(c.cands.len());
        for (key, cand) in c.keys.iter().zip(&c.cands) {
            let n = cand.words.len();
            let sum: f64 = cand
                .words
                .iter()
                .map(|&w| (c.word_tf[w as usize] as f64).powf(o.tf_exponent) * word_idf[w as usize])
                .sum();
            let mut score = sum / (n as f64).powf(o.length_norm);
            if n >= 2 && o.phrase_weight != 0.0 {
                let p = cand.tf as f64 * idf.idf(key) / idf_max;
                score *= p.powf(o.phrase_weight);
            }
            score *= 1.0 + o.position_weight / (1.0 + cand.first_sentence as f64);
            score *= 1.0 + o.whole_weight * cand.whole as f64 / cand.tf.max(1) as f64;
            let term = cand
                .surfaces
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.1.cmp(&b.1.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(_, s)| s.0.clone())
                .unwrap_or_default();
            out.push(Keyword {
                term,
                stem: key.clone(),
                score,
                count: cand.tf,
                words: n as u32,
                first: cand.first,
                doc: 0,
            });
        }
        sort_keywords(&mut out);
        out
    }

    /// The first `k` of `sorted`, skipping subsumed candidates if so configured.
    fn select(&self, sorted: Vec<Keyword>, k: usize) -> Vec<Keyword> {
        if !self.options.drop_subsumed {
            let mut sorted = sorted;
            sorted.truncate(k);
            return sorted;
        }
        let mut kept: Vec<Keyword> = Vec::with_capacity(k.min(sorted.len()));
        for cand in sorted {
            if kept.len() >= k {
                break;
            }
            if !kept.iter().any(|big| subsumes(big, &cand)) {
                kept.push(cand);
            }
        }
        kept
    }

    /// Collects the candidates of a document (preparing a copy when it has no tokens).
    fn candidates_of(&self, doc: &Document) -> DocCandidates {
        if doc.tokens().is_empty() && !doc.text().trim().is_empty() {
            let mut d = doc.clone();
            self.prepare(&mut d);
            return collect_candidates(&d, self.options.max_ngram.max(1));
        }
        collect_candidates(doc, self.options.max_ngram.max(1))
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
/// n-gram of each chunk.
fn collect_candidates(doc: &Document, max_ngram: usize) -> DocCandidates {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut out = DocCandidates::default();
    let mut word_ids: HashMap<String, u32> = HashMap::new();
    let mut key_ids: HashMap<String, u32> = HashMap::new();
    let sentences = doc.sentences();

    // Chunk boundaries: token indices where content runs start/end.
    let mut chunk: Vec<(usize, u32)> = Vec::new(); // (token index, word id)
    let mut chunk_sentence = 0usize;
    let mut sentence = 0usize;
    let mut prev_end: Option<u32> = None;
    let mut flush = |chunk: &mut Vec<(usize, u32)>, sentence: usize, out: &mut DocCandidates| {
        for start in 0..chunk.len() {
            for len in 1..=max_ngram.min(chunk.len() - start) {
                let grams = &chunk[start..start + len];
                let all_numbers = grams
                    .iter()
                    .all(|&(ti, _)| tokens[ti].kind == TokenKind::Number);
                if all_numbers {
                    continue;
                }
                if len == 1 && doc.token_text(&tokens[grams[0].0]).chars().count() < 2 {
                    continue;
                }
                let mut key = String::new();
                let mut surface = String::new();
                for (j, &(ti, w)) in grams.iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                        surface.push(' ');
                    }
                    key.push_str(&out.word_stems[w as usize]);
                    surface.push_str(&doc.token_text(&tokens[ti]).to_lowercase());
                }
                let first = Span::new(
                    tokens[grams[0].0].span().start,
                    tokens[grams[len - 1].0].span().end,
                );
                let id = match key_ids.get(&key) {
                    Some(&id) => id as usize,
                    None => {
                        let id = out.cands.len();
                        key_ids.insert(key.clone(), id as u32);
                        out.keys.push(key);
                        out.cands.push(Candidate {
                            words: grams.iter().map(|&(_, w)| w).collect(),
                            tf: 0,
                            whole: 0,
                            first_sentence: sentence as u32,
                            first,
                            surfaces: Vec::new(),
                        });
                        id
                    }
                };
                let c = &mut out.cands[id];
                c.tf += 1;
                if len == chunk.len() {
                    c.whole += 1;
                }
                match c.surfaces.iter_mut().find(|(s, _)| *s == surface) {
                    Some((_, n)) => *n += 1,
                    None => c.surfaces.push((surface, 1)),
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
                .is_some_and(|gap| gap.matches('\n').count() >= 2)
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
        let stem = doc
            .stem(t)
            .map(str::to_lowercase)
            .unwrap_or_else(|| doc.norm(t).to_lowercase());
        let w = match word_ids.get(&stem) {
            Some(&w) => w,
            None => {
                let w = out.word_stems.len() as u32;
                word_ids.insert(stem.clone(), w);
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
