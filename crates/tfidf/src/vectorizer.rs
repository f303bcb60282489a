//! The TF-IDF vectorizer: fit a vocabulary and document frequencies, transform documents into a
//! sparse matrix.

use crate::analyze::{Scratch, TextAnalyzer};
use crate::csr::{CsrMatrix, Matrix, Real};
use crate::error::{TfidfError, TfidfErrorKind};
use crate::grams::{self, GramVocabulary};
use crate::intern::{Interner, MadeOf, SHARDS, TermList, Terms, hash_bytes, shard_of};
use crate::options::{Dtype, Norm, TfidfOptions, Weighting};
use crate::phases::{self, Phases};
use crate::termstats::{KeptTerms, TermStats};
use crate::wordmerge::{self, WordIndex};
use gist_core::hash::{FastHashMap, FastHashSet};
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Marks a term that has no column (pruned, or unknown).
pub(crate) const NONE: u32 = u32::MAX;

/// Turns text documents into TF-IDF (or BM25) weighted sparse vectors, with the options and
/// results of scikit-learn's `TfidfVectorizer`.
///
/// Fitting counts terms in parallel (rayon), chunk by chunk, then merges the counts; term ids
/// are the ranks of the terms in byte order, as scikit-learn sorts its vocabulary, so results
/// never depend on the number of threads.
///
/// ```
/// use gist_tfidf::{TfidfOptions, TfidfVectorizer};
///
/// let docs = ["the cat sat", "the dog sat", "the cat ran"];
/// let mut v = TfidfVectorizer::new(TfidfOptions::default())?;
/// let m = v.fit_transform(&docs)?;
/// assert_eq!(v.vocabulary().collect::<Vec<_>>(), ["cat", "dog", "ran", "sat", "the"]);
/// assert_eq!((m.n_rows(), m.n_cols()), (3, 5));
/// // "the" is in every document: smooth idf = ln(4/4) + 1 = 1.
/// assert_eq!(v.idf().unwrap()[4], 1.0);
/// let again = v.transform(&["a cat and a dog"])?;
/// assert_eq!(again.row(0).0, [0, 1]);
/// # Ok::<(), gist_tfidf::TfidfError>(())
/// ```
#[derive(Clone, Debug)]
pub struct TfidfVectorizer {
    /// (Shared with the fitted state, which builds its vocabulary with them.)
    options: Arc<TfidfOptions>,
    analyzer: TextAnalyzer,
    /// The fixed vocabulary, if any, interned in its order.
    fixed: Option<Interner>,
    state: Option<Fitted>,
}

/// What a fit learned.
#[derive(Clone, Debug)]
struct Fitted {
    /// Documents seen.
    n_docs: u64,
    /// Every term seen, pruned or not (in no particular order), or the fixed vocabulary (its
    /// order).
    terms: Terms,
    /// Documents containing each term, and its occurrences over all documents.
    stats: TermStats,
    /// The options the vocabulary is built with (the vectorizer's).
    options: Arc<TfidfOptions>,
    /// The vocabulary, pruned and weighed: built by a fit, or on first use after a merge into
    /// the state ([`Fitted::vocabulary`]), so that a series of partial fits builds it once.
    built: OnceLock<Vocabulary>,
    /// The vocabulary's term -> column. Built on first use ([`Fitted::index`]):
    /// `fit_transform` never needs it.
    index: OnceLock<Interner>,
    /// The vocabulary by word ids, for `transform` with a word-analyzer model; built on first
    /// use ([`Fitted::id_index`]).
    id_index: OnceLock<Option<IdIndex>>,
    /// Whether the terms outside the vocabulary were forgotten
    /// ([`TfidfVectorizer::keep_vocabulary_only`]).
    vocabulary_only: bool,
    /// For a word-analyzer state kept by word ids (after a partial fit onto a fit, see
    /// [`crate::wordmerge`]): the index its merges find terms with.
    word_index: Option<Box<WordIndex>>,
}

/// The vocabulary of a fitted state: the terms kept, in column order, and their weights.
#[derive(Clone, Debug, Default)]
struct Vocabulary {
    /// Where the vocabulary's strings are.
    vocab: Vocab,
    /// Column -> term id.
    columns: Vec<u32>,
    /// Term id -> column, or `NONE`.
    column_of: Vec<u32>,
    /// Document frequency per column.
    column_df: Vec<u64>,
    /// Idf per column (in `f64`); empty when not used.
    idf: Vec<f64>,
    /// Mean document length (in-vocabulary occurrences), for BM25.
    avgdl: f64,
}

/// The vocabulary of a word-analyzer model by its word ids: a transformed document's words are
/// mapped to the model's word ids once per distinct word, and its n-grams looked up as tuples of
/// those ids, so that no n-gram string is built.
#[derive(Clone, Debug)]
struct IdIndex {
    /// The model's words: string -> word id.
    words: Interner,
    /// Model word id -> the column of the word as a unigram term, or `NONE`.
    word_column: Vec<u32>,
    /// [`grams::gram_key`] of a kept n-gram's word ids -> its column.
    grams: FastHashMap<u64, u32>,
    /// Keys two kept n-grams share (hashed keys of 3 or more words; so rare that their terms
    /// are looked up by string).
    shared: FastHashSet<u64>,
}

impl GramVocabulary for IdIndex {
    fn word_ids(&self, words: &TermList) -> Vec<u32> {
        (0..words.len() as u32)
            .into_par_iter()
            .map(|w| self.words.get(words.resolve(w)).unwrap_or(NONE))
            .collect()
    }

    fn may_hold(&self, ids: &[u32]) -> bool {
        // A pair's key is the pair; a longer n-gram's key is a hash (a false positive is
        // checked against the n-gram's words when mapped to its column).
        let key = grams::gram_key(ids);
        self.grams.contains_key(&key) || self.shared.contains(&key)
    }
}

/// Where a fitted model's vocabulary strings are.
#[derive(Clone, Debug, Default)]
enum Vocab {
    /// Column `c`'s string is term `columns[c]` of the terms.
    #[default]
    Terms,
    /// The kept terms' strings were copied (words) and joined (n-grams) apart from the
    /// terms, whose n-gram strings are not built: column `c`'s string is string `at[c] %
    /// KEPT_CHUNK` of `lists[at[c] / KEPT_CHUNK]`.
    Kept { lists: Vec<TermList>, at: Vec<u32> },
}

/// Strings per list of [`Vocab::Kept`] (one list per parallel task).
const KEPT_CHUNK: usize = 8192;

/// String `k` of lists of [`KEPT_CHUNK`] strings each (the last may be shorter), if any.
#[inline]
fn kept_at(lists: &[TermList], k: u32) -> Option<&str> {
    let k = k as usize;
    let list = lists.get(k / KEPT_CHUNK)?;
    Some(list.resolve((k % KEPT_CHUNK) as u32))
}

/// Per-document term counting with a dense counter.
#[derive(Default, Debug)]
struct DocCounter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl DocCounter {
    #[inline]
    fn add(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize((i + 1).next_power_of_two(), 0);
        }
        if self.counts[i] == 0 {
            self.touched.push(id);
        }
        self.counts[i] = self.counts[i].saturating_add(1);
    }

    #[inline]
    fn drain(&mut self, mut f: impl FnMut(u32, u32)) {
        for &id in &self.touched {
            let c = std::mem::replace(&mut self.counts[id as usize], 0);
            f(id, c);
        }
        self.touched.clear();
    }
}

/// The rows of a chunk of documents, row after row: each entry a term id (or, once the rows
/// are mapped, a column) and its count, packed into one cell (see [`cell`]). The cells are
/// `f64`s so that their vector becomes the matrix's values in place when the counts are
/// weighed: a fit writes one vector of that size, where separate ids, counts and values took
/// two (every page of which is a page fault in a process's first fit). Rows are mapped and
/// sorted in place too.
#[derive(Default, Debug)]
pub(crate) struct Rows {
    /// Row `r` is `cells[ends[r - 1]..ends[r]]` (with `ends[-1] = 0`).
    pub(crate) ends: Vec<usize>,
    pub(crate) cells: Vec<f64>,
}

/// Largest count a cell holds: counts saturate there (2,146,435,071 occurrences of one term in
/// one document). Below it no cell's bits are a NaN's, which a move on some platforms (x87)
/// would not keep.
pub(crate) const MAX_COUNT: u32 = 0x7FEF_FFFF;

/// The cell of term (or column) `id` with `count` occurrences: the bits `count << 32 | id`
/// (the count saturated at [`MAX_COUNT`]) as an `f64`, a bit pattern only: no arithmetic is
/// done on a cell.
#[inline(always)]
pub(crate) fn cell(id: u32, count: u32) -> f64 {
    f64::from_bits((u64::from(count.min(MAX_COUNT)) << 32) | u64::from(id))
}

/// The term id (or column) of a cell.
#[inline(always)]
pub(crate) fn cell_id(c: f64) -> u32 {
    c.to_bits() as u32
}

/// The count of a cell.
#[inline(always)]
pub(crate) fn cell_count(c: f64) -> u32 {
    (c.to_bits() >> 32) as u32
}

/// Cell `c` with one more occurrence (saturating at [`MAX_COUNT`]).
#[inline(always)]
pub(crate) fn cell_incremented(c: f64) -> f64 {
    let b = c.to_bits();
    if (b >> 32) as u32 >= MAX_COUNT {
        c
    } else {
        f64::from_bits(b + (1 << 32))
    }
}

/// Cell `c` with the id `id` (same count).
#[inline(always)]
fn cell_with_id(c: f64, id: u32) -> f64 {
    f64::from_bits((c.to_bits() & !u64::from(u32::MAX)) | u64::from(id))
}

/// One hash shard of a merge: the merged terms, their document frequencies and counts, and
/// for each source the merged index of each of its entries in the shard.
type MergedShard = (Interner, Vec<u64>, Vec<u64>, Vec<Vec<u32>>);

/// Term statistics of one chunk of documents.
struct ChunkCounts {
    n_docs: u64,
    terms: Interner,
    df: Vec<u64>,
    tf: Vec<u64>,
    rows: Option<Rows>,
}

/// New documents counted to be merged into a fitted state ([`TfidfVectorizer::count_new`]).
enum NewCounts {
    /// By word ids (the word analyzer), with every term's document frequency and count.
    Words {
        counted: Box<grams::Counted>,
        df: Vec<u64>,
        tf: Vec<u64>,
    },
    /// By feature strings, chunk by chunk.
    Chunks(Vec<ChunkCounts>),
}

impl NewCounts {
    /// Number of documents counted.
    fn n_docs(&self) -> u64 {
        match self {
            NewCounts::Words { counted, .. } => counted.n_docs,
            NewCounts::Chunks(chunks) => chunks.iter().map(|c| c.n_docs).sum(),
        }
    }

    /// The counts as sources of a merge.
    fn sources(&self) -> Vec<MergeSource<'_>> {
        match self {
            NewCounts::Words { counted, df, tf } => {
                vec![MergeSource::new(
                    SourceTerms::Fitted(&counted.terms),
                    df,
                    tf,
                )]
            }
            NewCounts::Chunks(chunks) => chunk_sources(chunks),
        }
    }
}

/// Chunks' counts as sources of a merge.
fn chunk_sources(chunks: &[ChunkCounts]) -> Vec<MergeSource<'_>> {
    chunks
        .par_iter()
        .map(|c| MergeSource::new(SourceTerms::Chunk(&c.terms), &c.df, &c.tf))
        .collect()
}

/// Term statistics to merge into a fitted state ([`TfidfVectorizer::merge_sources`],
/// [`TfidfVectorizer::merge_into`]): a source's document frequencies and counts by its term
/// ids, and its terms sorted by the hash shard of their strings (each shard is merged on its
/// own), each with its id, hash and string, one block of ids after another: merging a shard
/// reads its strings one after another, not from all over the source.
struct MergeSource<'a> {
    /// Number of terms.
    len: usize,
    df: &'a [u64],
    tf: &'a [u64],
    /// `blocks[b][s]`: the terms of shard `s` among ids `b * SOURCE_BLOCK..`, in id order.
    blocks: Vec<Vec<ShardTerms>>,
}

/// Term ids per block of a [`MergeSource`] (one parallel task each).
const SOURCE_BLOCK: usize = 1 << 16;

/// A [`MergeSource`]'s terms of one shard in one block: ids, hashes and strings, in id order.
#[derive(Default)]
struct ShardTerms {
    ids: Vec<u32>,
    hashes: Vec<u64>,
    strings: TermList,
}

/// The terms of a [`MergeSource`].
enum SourceTerms<'a> {
    /// A fitted state's terms, or those a word-analyzer count found.
    Fitted(&'a Terms),
    /// A chunk's interned feature strings (their hashes kept).
    Chunk(&'a Interner),
}

impl SourceTerms<'_> {
    fn len(&self) -> usize {
        match self {
            SourceTerms::Fitted(t) => t.len(),
            SourceTerms::Chunk(i) => i.len(),
        }
    }

    /// Appends the string of term `id` to `out` (empty); returns its hash.
    fn write(&self, id: u32, out: &mut String) -> u64 {
        match self {
            SourceTerms::Fitted(t) => {
                t.write_to(id, out);
                hash_bytes(out.as_bytes())
            }
            SourceTerms::Chunk(i) => {
                out.push_str(i.resolve(id));
                i.hash_of(id)
            }
        }
    }
}

impl<'a> MergeSource<'a> {
    /// Sorts `terms` by shard, blocks of ids in parallel (an n-gram's string is joined from its
    /// words as it is copied, and hashed).
    fn new(terms: SourceTerms<'a>, df: &'a [u64], tf: &'a [u64]) -> MergeSource<'a> {
        let len = terms.len();
        let blocks = (0..len.div_ceil(SOURCE_BLOCK))
            .into_par_iter()
            .map(|b| {
                let mut out: Vec<ShardTerms> = (0..SHARDS).map(|_| ShardTerms::default()).collect();
                let mut text = String::new();
                for i in b * SOURCE_BLOCK..((b + 1) * SOURCE_BLOCK).min(len) {
                    text.clear();
                    let h = terms.write(i as u32, &mut text);
                    let shard = &mut out[shard_of(h)];
                    shard.ids.push(i as u32);
                    shard.hashes.push(h);
                    shard.strings.push(&text);
                }
                out
            })
            .collect();
        MergeSource {
            len,
            df,
            tf,
            blocks,
        }
    }

    /// The source's terms in shard `s`, in id order: id, hash, string.
    fn shard(&self, s: usize) -> impl Iterator<Item = (u32, u64, &str)> {
        self.blocks.iter().flat_map(move |b| {
            let t = &b[s];
            t.ids
                .iter()
                .zip(&t.hashes)
                .enumerate()
                .map(move |(k, (&i, &h))| (i, h, t.strings.resolve(k as u32)))
        })
    }

    /// Number of the source's terms in shard `s`.
    fn shard_len(&self, s: usize) -> usize {
        self.blocks.iter().map(|b| b[s].ids.len()).sum()
    }
}

/// The columns' terms, the vocabulary, each column's document frequency, the columns' total
/// count, and each term's column.
type Built = (Vec<u32>, Vocab, Vec<u64>, u64, Vec<u32>);

/// What a count leaves for building the documents' rows.
enum Counts {
    /// The word analyzer's counts by word ids, and the matrix's column indices when
    /// [`TfidfVectorizer::finish`] allocated them (else empty).
    Words(Box<grams::Counted>, Vec<u32>),
    /// Per chunk: its rows, and the map from its term ids to the fitted state's.
    Chunks(Vec<(Option<Rows>, Vec<u32>)>),
}

/// `0..n` in byte order of their strings `string(i)` (distinct): [`SortedStrings`]' order.
pub(crate) fn byte_order<'s>(n: usize, string: impl Fn(u32) -> &'s str + Sync) -> Vec<u32> {
    SortedStrings::new(n, string).ids()
}

/// Strings `0..n` (distinct) sorted by bytes, each kept with its first 24 bytes and its length.
/// Sorted by those bytes alone (big-endian, so integer order is byte order), then each run of
/// strings sharing them by the whole strings: the sort compares integers and never reads the
/// strings, which lie all over memory for a large vocabulary (24 bytes: n-grams that share a
/// first word often share their first 8 or 16), and each string is read once but for ties.
/// A string of at most 24 bytes can then be written from its entry, in order, without reading
/// it again.
pub(crate) struct SortedStrings {
    entries: Vec<Head>,
}

/// A string's first 24 bytes (zeros past its end), its length and its id.
#[derive(Clone, Copy)]
struct Head {
    high: u128,
    low: u64,
    len: u32,
    id: u32,
}

/// Longest string a [`Head`] holds whole.
const HEAD: usize = 24;

impl SortedStrings {
    /// The strings `string(i)`, `i` in `0..n`, sorted.
    pub(crate) fn new<'s>(n: usize, string: impl Fn(u32) -> &'s str + Sync) -> SortedStrings {
        let mut entries: Vec<Head> = (0..n as u32)
            .into_par_iter()
            .map(|id| {
                let s = string(id).as_bytes();
                let mut p = [0u8; HEAD];
                let len = s.len().min(HEAD);
                p[..len].copy_from_slice(&s[..len]);
                let (high, low) = p.split_at(16);
                Head {
                    high: u128::from_be_bytes(high.try_into().unwrap_or_default()),
                    low: u64::from_be_bytes(low.try_into().unwrap_or_default()),
                    len: s.len().min(u32::MAX as usize) as u32,
                    id,
                }
            })
            .collect();
        entries.par_sort_unstable_by_key(|h| (h.high, h.low));
        for run in entries.chunk_by_mut(|a, b| (a.high, a.low) == (b.high, b.low)) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| string(a.id).cmp(string(b.id)));
            }
        }
        SortedStrings { entries }
    }

    /// The ids in order.
    pub(crate) fn ids(&self) -> Vec<u32> {
        self.entries.par_iter().map(|h| h.id).collect()
    }

    /// Appends the `k`-th string to `out`: from its entry when it has at most 24 bytes, else
    /// `string(id)`.
    pub(crate) fn write<'s>(&self, k: usize, string: impl Fn(u32) -> &'s str, out: &mut String) {
        let h = &self.entries[k];
        let len = h.len as usize;
        if len <= HEAD {
            let mut p = [0u8; HEAD];
            p[..16].copy_from_slice(&h.high.to_be_bytes());
            p[16..].copy_from_slice(&h.low.to_be_bytes());
            if let Ok(s) = std::str::from_utf8(&p[..len]) {
                out.push_str(s);
                return;
            }
        }
        out.push_str(string(h.id));
    }
}

/// Splits `docs` into contiguous chunks of about equal bytes, `per_thread` per thread.
pub(crate) fn chunk_ranges<S: AsRef<str>>(docs: &[S], per_thread: usize) -> Vec<Range<usize>> {
    let threads = rayon::current_num_threads();
    if threads <= 1 || docs.len() < 2 {
        return std::iter::once(0..docs.len()).collect();
    }
    let n_chunks = (threads * per_thread).min(docs.len());
    let total: usize = docs.iter().map(|d| d.as_ref().len() + 32).sum();
    let per = total.div_ceil(n_chunks);
    let mut out = Vec::with_capacity(n_chunks + 1);
    let mut start = 0;
    let mut acc = 0;
    for (i, d) in docs.iter().enumerate() {
        acc += d.as_ref().len() + 32;
        if acc >= per {
            out.push(start..i + 1);
            start = i + 1;
            acc = 0;
        }
    }
    if start < docs.len() {
        out.push(start..docs.len());
    }
    out
}

impl TfidfVectorizer {
    /// A vectorizer with `options`, checked: an invalid option (a proportion outside [0, 1],
    /// an inverted n-gram range, an unsupported token pattern, an empty or duplicated fixed
    /// vocabulary) is an error here, not at fit time.
    pub fn new(options: TfidfOptions) -> Result<TfidfVectorizer, TfidfError> {
        options.validate()?;
        let analyzer = TextAnalyzer::new(&options.text)?;
        let fixed = match &options.vocabulary {
            Some(vocab) if vocab.is_empty() => {
                return Err(TfidfError::new(
                    TfidfErrorKind::EmptyVocabulary,
                    "empty fixed vocabulary",
                ));
            }
            Some(vocab) => Some(Interner::from_unique(vocab).map_err(|k| {
                TfidfError::option(format!(
                    "duplicate term {:?} at position {k} of the fixed vocabulary",
                    vocab[k]
                ))
            })?),
            None => None,
        };
        Ok(TfidfVectorizer {
            options: Arc::new(options),
            analyzer,
            fixed,
            state: None,
        })
    }

    /// The options.
    pub fn options(&self) -> &TfidfOptions {
        &self.options
    }

    /// True once [`fit`](Self::fit), [`partial_fit`](Self::partial_fit) or
    /// [`fit_transform`](Self::fit_transform) has succeeded.
    pub fn is_fitted(&self) -> bool {
        self.state.is_some()
    }

    /// The features of `text` in order, as scikit-learn's `build_analyzer()(text)` returns
    /// them (before vocabulary filtering).
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.analyzer
            .for_each_feature(text, &mut Scratch::default(), |f| out.push(f.to_string()));
        out
    }

    /// Learns the vocabulary and document frequencies of `docs`, forgetting any earlier fit.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<(), TfidfError> {
        self.state = None;
        self.partial_fit(docs)
    }

    /// Adds `docs` to what was fitted so far: document frequencies, term counts and the
    /// document count are updated, and the vocabulary, pruning and idf recomputed, so that
    /// after any sequence of partial fits the model equals a single fit on all the documents.
    ///
    /// The first partial fit onto a fit (or a loaded model) merges the two into a state of
    /// hash shards; every partial fit after that adds its documents' counts to those shards
    /// where they are, and the vocabulary (pruning, order, idf) is built when it is first asked
    /// for: a partial fit costs its own documents, not the size of what was fitted before. If
    /// the documents leave no vocabulary (pruning keeps no term), the error is returned and the
    /// state is as it was.
    pub fn partial_fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<(), TfidfError> {
        if self.is_vocabulary_only() {
            return Err(vocabulary_only("fit further"));
        }
        if self.fixed.is_none()
            && self.analyzer.is_word()
            && self.state.is_some()
            && let Some(result) = self.merge_by_word_ids(docs)
        {
            return result;
        }
        if self.fixed.is_none() && self.state.as_ref().is_some_and(Fitted::is_merged) {
            let new = self.count_new(docs)?;
            return self.merge_into(new.n_docs(), &new.sources());
        }
        let (state, _) = self.count_and_merge(docs, false, false)?;
        self.state = Some(state);
        Ok(())
    }

    /// Fits on `docs` and returns their matrix, in one pass over the text.
    pub fn fit_transform<S: AsRef<str> + Sync>(
        &mut self,
        docs: &[S],
    ) -> Result<CsrMatrix<f64>, TfidfError> {
        self.fit_transform_as::<f64, S>(docs)
    }

    /// [`fit_transform`](Self::fit_transform) with `f32` weights.
    pub fn fit_transform_f32<S: AsRef<str> + Sync>(
        &mut self,
        docs: &[S],
    ) -> Result<CsrMatrix<f32>, TfidfError> {
        self.fit_transform_as::<f32, S>(docs)
    }

    /// [`fit_transform`](Self::fit_transform) with the weight type of
    /// [`TfidfOptions::dtype`].
    pub fn fit_transform_matrix<S: AsRef<str> + Sync>(
        &mut self,
        docs: &[S],
    ) -> Result<Matrix, TfidfError> {
        Ok(match self.options.dtype {
            Dtype::F32 => Matrix::F32(self.fit_transform_f32(docs)?),
            Dtype::F64 => Matrix::F64(self.fit_transform(docs)?),
        })
    }

    fn fit_transform_as<T: Real, S: AsRef<str> + Sync>(
        &mut self,
        docs: &[S],
    ) -> Result<CsrMatrix<T>, TfidfError> {
        self.state = None;
        let mut phases = Phases::start();
        let (state, counts) = self.count_and_merge(docs, true, values_are_cells::<T>())?;
        phases.mark("count and vocabulary (in all, the phases above included)");
        self.state = Some(state);
        let state = self.state.as_ref().ok_or_else(not_fitted)?;
        // Term ids -> columns, rows sorted by column.
        let mut indices = Vec::new();
        let column_of = &state.vocabulary().column_of;
        let rows: Vec<Rows> = match counts {
            Counts::Words(counted, allocated) => {
                indices = allocated;
                counted.rows_by_column(column_of)
            }
            Counts::Chunks(chunks) => chunks
                .into_par_iter()
                .map(|(rows, map)| {
                    let to_column: Vec<u32> = map
                        .iter()
                        .map(|&t| {
                            if t == NONE {
                                NONE
                            } else {
                                column_of[t as usize]
                            }
                        })
                        .collect();
                    remap_rows(rows.unwrap_or_default(), &to_column)
                })
                .collect(),
        };
        phases.mark("rows by column");
        let matrix = self.assemble(state, rows, indices);
        phases.mark("weights into the matrix");
        Ok(matrix)
    }

    /// The weighted matrix of `docs` (one row per document, one column per vocabulary term).
    /// Terms not in the vocabulary are ignored.
    pub fn transform<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<CsrMatrix<f64>, TfidfError> {
        self.transform_as::<f64, S>(docs)
    }

    /// [`transform`](Self::transform) with `f32` weights.
    pub fn transform_f32<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<CsrMatrix<f32>, TfidfError> {
        self.transform_as::<f32, S>(docs)
    }

    /// [`transform`](Self::transform) with the weight type of [`TfidfOptions::dtype`].
    pub fn transform_matrix<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<Matrix, TfidfError> {
        phases::timed(
            || format!("transform ({} documents)", docs.len()),
            || {
                Ok(match self.options.dtype {
                    Dtype::F32 => Matrix::F32(self.transform_f32(docs)?),
                    Dtype::F64 => Matrix::F64(self.transform(docs)?),
                })
            },
        )
    }

    fn transform_as<T: Real, S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<CsrMatrix<T>, TfidfError> {
        let state = self.state.as_ref().ok_or_else(not_fitted)?;
        if self.analyzer.is_word() {
            // Words and n-grams counted by id as in a fit (the same scanner and keyed lookups),
            // then each distinct term mapped to its fitted column; terms outside the vocabulary
            // map to none and are dropped. With the model's vocabulary by word ids, only the
            // n-grams it may hold are counted.
            let ix = state.id_index();
            let mut counted = grams::count(
                &self.analyzer,
                docs,
                chunk_ranges(docs, 1),
                true,
                values_are_cells::<T>(),
                ix.map(|ix| ix as &dyn GramVocabulary),
            )?;
            let column_of: Vec<u32> = match (ix, counted.terms.word_list()) {
                // A model of a word-analyzer fit: words mapped to its word ids, n-grams looked
                // up as tuples of them (a word the model never saw is in none of its terms).
                (Some(ix), Some(words)) => {
                    let to_model: Vec<u32> = match counted.word_ids.take() {
                        Some(ids) => ids,
                        None => ix.word_ids(words),
                    };
                    let model_word = |w: u32| to_model.get(w as usize).copied().unwrap_or(NONE);
                    (0..counted.terms.len() as u32)
                        .into_par_iter()
                        .map_init(
                            || (Vec::new(), String::new()),
                            |(ids, text), t| match counted.terms.made_of(t) {
                                MadeOf::Word(w) => ix
                                    .word_column
                                    .get(model_word(w) as usize)
                                    .copied()
                                    .unwrap_or(NONE),
                                MadeOf::Gram(g) => {
                                    ids.clear();
                                    ids.extend(g.iter().map(|&w| model_word(w)));
                                    if ids.contains(&NONE) {
                                        return NONE;
                                    }
                                    state.gram_column(ix, ids).unwrap_or_else(|| {
                                        text.clear();
                                        words.join_into(g, text);
                                        state.index().get(text).unwrap_or(NONE)
                                    })
                                }
                                MadeOf::Text => {
                                    state.index().get(counted.terms.resolve(t)).unwrap_or(NONE)
                                }
                            },
                        )
                        .collect()
                }
                _ => {
                    let index = state.index();
                    (0..counted.terms.len() as u32)
                        .into_par_iter()
                        .map(|t| index.get(counted.terms.resolve(t)).unwrap_or(NONE))
                        .collect()
                }
            };
            let rows = counted.rows_by_column(&column_of);
            return Ok(self.assemble(state, rows, Vec::new()));
        }
        let index = state.index();
        let rows: Vec<Rows> = chunk_ranges(docs, 3)
            .into_par_iter()
            .map(|range| {
                let mut scratch = Scratch::default();
                let mut counter = DocCounter::default();
                let mut rows = Rows::default();
                let mut pairs = Vec::new();
                for d in &docs[range] {
                    self.analyzer
                        .for_each_feature(d.as_ref(), &mut scratch, |f| {
                            if let Some(col) = index.get(f) {
                                counter.add(col);
                            }
                        });
                    counter.drain(|id, c| pairs.push((id, c)));
                    pairs.sort_unstable_by_key(|p| p.0);
                    rows.cells.extend(pairs.iter().map(|&(id, c)| cell(id, c)));
                    pairs.clear();
                    rows.ends.push(rows.cells.len());
                }
                rows
            })
            .collect();
        Ok(self.assemble(state, rows, Vec::new()))
    }

    /// Counts `docs` in parallel and merges the counts with the current state into a new
    /// fitted state; returns it with what is needed to build the documents' rows (with
    /// `append`, a word fit's unigram cells all in one vector: see [`grams::count`]). The word
    /// analyzer's first fit counts by word ids ([`grams`]); other analyzers,
    /// fixed vocabularies and partial fits onto an earlier state count by strings, chunk by
    /// chunk.
    fn count_and_merge<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
        keep_rows: bool,
        append: bool,
    ) -> Result<(Fitted, Counts), TfidfError> {
        if self.fixed.is_none() && self.state.is_none() && self.analyzer.is_word() {
            let ranges = chunk_ranges(docs, 1);
            let mut counted = grams::count(&self.analyzer, docs, ranges, keep_rows, append, None)?;
            let terms = std::mem::take(&mut counted.terms);
            let stats = std::mem::take(&mut counted.stats);
            let mut indices = Vec::new();
            let state = if keep_rows {
                self.finish(counted.n_docs, terms, stats, Some(&mut indices))?
            } else {
                // A fit (or a first partial fit): the vocabulary is built when first asked
                // for, not at all if partial fits follow (they build their own).
                self.finish_lazily(counted.n_docs, terms, stats)?
            };
            return Ok((state, Counts::Words(Box::new(counted), indices)));
        }
        if self.fixed.is_none() && !keep_rows && self.analyzer.is_word() {
            // A partial fit onto an earlier state: the documents counted as a first fit counts
            // them (by word ids, n-grams as tuples), then merged with the state by strings.
            let new = self.count_new(docs)?;
            let (state, _) = self.merge_sources(new.n_docs(), new.sources())?;
            return Ok((state, Counts::Chunks(Vec::new())));
        }
        let mut chunks = self.count(docs, keep_rows);
        let (state, maps) = self.merge(&mut chunks)?;
        let rows = chunks.into_iter().map(|c| c.rows).zip(maps).collect();
        Ok((state, Counts::Chunks(rows)))
    }

    /// A partial fit of the word analyzer onto the fitted state, merged by word ids
    /// ([`crate::wordmerge`]): the state is first laid out by word ids if it is not yet (a
    /// fit's, a loaded model's), then the documents are counted as a first fit counts them and
    /// merged into it in place; the vocabulary is built on first use. If pruning would keep
    /// no term, the state is left as it was (its layout aside) and the error returned. `None`
    /// when the state cannot be laid out by word ids (see [`wordmerge::word_state`]): it is
    /// then merged by strings.
    fn merge_by_word_ids<S: AsRef<str> + Sync>(
        &mut self,
        docs: &[S],
    ) -> Option<Result<(), TfidfError>> {
        let range = self.analyzer.ngram_range();
        let mut phases = Phases::start();
        let state = self.state.as_mut()?;
        if state.word_index.is_none() {
            let laid = wordmerge::word_state(&state.terms, &state.stats, range)?;
            state.terms = laid.terms;
            state.stats = laid.stats;
            state.word_index = Some(Box::new(laid.index));
            // Term ids changed: what was built from them is built again when asked for.
            state.forget_built();
            phases.mark("partial fit: state laid out by word ids");
        }
        let new = match self.count_new(docs) {
            Ok(new) => new,
            Err(e) => return Some(Err(e)),
        };
        phases.mark("partial fit: documents counted");
        let NewCounts::Words { counted, df, tf } = &new else {
            return None;
        };
        let o = &self.options;
        let state = self.state.as_mut()?;
        let n_docs = state.n_docs + counted.n_docs;
        let bounds = match df_bounds(o, n_docs) {
            Ok(b) => b,
            Err(e) => return Some(Err(e)),
        };
        let index = state.word_index.as_mut()?;
        let merged = index.merge(
            &mut state.terms,
            &mut state.stats,
            &counted.terms,
            (df, tf),
            range,
            |d| kept_df(d, bounds),
        )?;
        phases.mark("partial fit: merged by word ids");
        if let Err(n_terms) = merged {
            return Some(Err(pruned_everything(o, n_terms, n_docs)));
        }
        state.n_docs = n_docs;
        state.forget_built();
        Some(Ok(()))
    }

    /// Counts `docs` to merge them into the fitted state (no fixed vocabulary, no rows): by
    /// word ids as a first fit counts them (the word analyzer), else by feature strings, chunk
    /// by chunk.
    fn count_new<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<NewCounts, TfidfError> {
        if !self.analyzer.is_word() {
            return Ok(NewCounts::Chunks(self.count(docs, false)));
        }
        let counted = grams::count(
            &self.analyzer,
            docs,
            chunk_ranges(docs, 1),
            false,
            false,
            None,
        )?;
        let (df, tf) = counted.stats.arrays();
        let (df, tf) = (df.into_owned(), tf.into_owned());
        Ok(NewCounts::Words {
            counted: Box::new(counted),
            df,
            tf,
        })
    }

    /// Counts terms of `docs`, chunk by chunk in parallel.
    fn count<S: AsRef<str> + Sync>(&self, docs: &[S], keep_rows: bool) -> Vec<ChunkCounts> {
        let fixed = self.fixed.as_ref();
        // One chunk per thread: each chunk's vocabulary must be merged afterwards, so fewer,
        // larger chunks cost less in all.
        chunk_ranges(docs, 1)
            .into_par_iter()
            .map(|range| {
                let docs = &docs[range];
                let mut local = Interner::with_capacity(if fixed.is_some() { 0 } else { 4096 });
                let mut counter = DocCounter::default();
                let mut scratch = Scratch::default();
                let mut df: Vec<u64> = Vec::new();
                let mut tf: Vec<u64> = Vec::new();
                // About one distinct term per 8 bytes of text: reserve that much (untouched
                // capacity costs no memory) so the rows are not copied as they grow.
                let bytes: usize = docs.iter().map(|d| d.as_ref().len()).sum();
                let mut rows = keep_rows.then(|| Rows {
                    ends: Vec::with_capacity(docs.len()),
                    cells: Vec::with_capacity(bytes / 8 + 16),
                });
                for d in grams::prefetched(docs) {
                    match fixed {
                        Some(vocab) => self.analyzer.for_each_feature(d, &mut scratch, |f| {
                            if let Some(id) = vocab.get(f) {
                                counter.add(id);
                            }
                        }),
                        None => self.analyzer.for_each_feature(d, &mut scratch, |f| {
                            counter.add(local.intern(f));
                        }),
                    }
                    let n_terms = fixed.map_or(local.len(), Interner::len);
                    if df.len() < n_terms {
                        df.resize(n_terms, 0);
                        tf.resize(n_terms, 0);
                    }
                    match rows.as_mut() {
                        Some(rows) => {
                            counter.drain(|id, c| {
                                df[id as usize] += 1;
                                tf[id as usize] += u64::from(c);
                                rows.cells.push(cell(id, c));
                            });
                            rows.ends.push(rows.cells.len());
                        }
                        None => counter.drain(|id, c| {
                            df[id as usize] += 1;
                            tf[id as usize] += u64::from(c);
                        }),
                    }
                }
                let n_terms = fixed.map_or(local.len(), Interner::len);
                df.resize(n_terms, 0);
                tf.resize(n_terms, 0);
                ChunkCounts {
                    n_docs: docs.len() as u64,
                    terms: local,
                    df,
                    tf,
                    rows,
                }
            })
            .collect()
    }

    /// Merges chunk counts (and the current state, if any) into a new fitted state
    /// ([`merge_sources`](Self::merge_sources)). Returns it with, for each chunk, the map from
    /// its local term ids to the new term ids. Takes the chunks' term statistics (their rows
    /// stay).
    fn merge(&self, chunks: &mut [ChunkCounts]) -> Result<(Fitted, Vec<Vec<u32>>), TfidfError> {
        let prev = self.state.as_ref();
        let n_docs = prev.map_or(0, |p| p.n_docs) + chunks.iter().map(|c| c.n_docs).sum::<u64>();
        if let Some(vocab) = &self.fixed {
            // Fixed vocabulary: local ids are already the term ids.
            let n = vocab.len();
            let (mut df, mut tf) = prev.map_or_else(
                || (vec![0; n], vec![0; n]),
                |p| {
                    let (df, tf) = p.stats.arrays();
                    (df.into_owned(), tf.into_owned())
                },
            );
            for c in chunks.iter() {
                for i in 0..n {
                    df[i] += c.df[i];
                    tf[i] += c.tf[i];
                }
            }
            let maps = chunks.iter().map(|_| (0..n as u32).collect()).collect();
            let terms = Terms::from_interners(vec![vocab.clone()]);
            let state = self.finish(n_docs, terms, TermStats::dense(df, tf), None)?;
            return Ok((state, maps));
        }
        if prev.is_none() && chunks.len() == 1 {
            let c = &mut chunks[0];
            let terms = Terms::from_interners(vec![std::mem::take(&mut c.terms)]);
            let map = (0..terms.len() as u32).collect();
            let (df, tf) = (std::mem::take(&mut c.df), std::mem::take(&mut c.tf));
            let state = self.finish(n_docs, terms, TermStats::dense(df, tf), None)?;
            return Ok((state, vec![map]));
        }
        let n_new = chunks.iter().map(|c| c.n_docs).sum::<u64>();
        let merged = self.merge_sources(n_new, chunk_sources(chunks))?;
        for c in chunks.iter_mut() {
            c.terms = Interner::default();
            c.df = Vec::new();
            c.tf = Vec::new();
        }
        Ok(merged)
    }

    /// Merges the term statistics of `sources` (counted over `n_docs` new documents) into the
    /// current state, if any, as a new fitted state, one hash shard per task. Returns it with,
    /// for each source, the map from its term ids to the new term ids. Term ids are by shard,
    /// and within a shard the previous state's terms come first, then each source's new terms
    /// in order: they never depend on timing.
    fn merge_sources(
        &self,
        n_docs: u64,
        sources: Vec<MergeSource<'_>>,
    ) -> Result<(Fitted, Vec<Vec<u32>>), TfidfError> {
        let prev = self.state.as_ref();
        let n_docs = prev.map_or(0, |p| p.n_docs) + n_docs;
        let prev_arrays = prev.map(|p| p.stats.arrays());
        // The previous state, if any, is a source like the new ones, first.
        let mut all: Vec<MergeSource<'_>> = Vec::with_capacity(sources.len() + 1);
        if let (Some(p), Some((df, tf))) = (prev, &prev_arrays) {
            all.push(MergeSource::new(SourceTerms::Fitted(&p.terms), df, tf));
        }
        all.extend(sources);
        let sources = all;
        // Per shard: the merged interner, its counts, and for each source the merged index of
        // each of the source's entries of that shard (in bucket order).
        let merged: Vec<MergedShard> = (0..SHARDS)
            .into_par_iter()
            .map(|s| {
                let size = sources
                    .iter()
                    .map(|src| src.shard_len(s))
                    .max()
                    .unwrap_or(0);
                let mut g = Interner::with_capacity(size);
                let (mut gdf, mut gtf) = (Vec::new(), Vec::new());
                let gids = sources
                    .iter()
                    .map(|src| {
                        let mut ids = Vec::with_capacity(src.shard_len(s));
                        add_to_shard(&mut g, &mut gdf, &mut gtf, src, s, |gi| ids.push(gi));
                        ids
                    })
                    .collect();
                (g, gdf, gtf, gids)
            })
            .collect();
        let mut offsets = Vec::with_capacity(SHARDS);
        let mut total = 0u32;
        for m in &merged {
            offsets.push(total);
            total += m.0.len() as u32;
        }
        let first_new = usize::from(prev.is_some());
        let maps: Vec<Vec<u32>> = sources[first_new..]
            .par_iter()
            .enumerate()
            .map(|(c, src)| {
                let mut map = vec![NONE; src.len];
                for (s, m) in merged.iter().enumerate() {
                    for (k, (l, _, _)) in src.shard(s).enumerate() {
                        map[l as usize] = offsets[s] + m.3[first_new + c][k];
                    }
                }
                map
            })
            .collect();
        drop(sources);
        let mut stats = Vec::with_capacity(SHARDS);
        let mut shards = Vec::with_capacity(SHARDS);
        for (g, gdf, gtf, _) in merged {
            stats.push((gdf, gtf));
            shards.push(g);
        }
        let state = self.finish(
            n_docs,
            Terms::from_merge(shards),
            TermStats::sharded(stats),
            None,
        )?;
        Ok((state, maps))
    }

    /// Merges the term statistics of `sources` (counted over `n_new` documents) into the
    /// fitted state where it is, a state of hash shards ([`Fitted::is_merged`]): each shard
    /// gets the sources' terms of its own that it lacks, in order (the ids a merge by
    /// [`merge_sources`](Self::merge_sources) would give them), and their counts, the shards in
    /// parallel; the vocabulary is built on first use. If pruning would keep no term, the
    /// merge is taken back (each shard cut to its earlier terms, the sources' counts taken
    /// off) and the error returned.
    fn merge_into(&mut self, n_new: u64, sources: &[MergeSource<'_>]) -> Result<(), TfidfError> {
        let o = &self.options;
        let Some(state) = self.state.as_mut() else {
            return Err(not_fitted());
        };
        let n_docs = state.n_docs + n_new;
        let (low, high) = df_bounds(o, n_docs)?;
        let (Some(shards), Some(arrays)) =
            (state.terms.merged_shards_mut(), state.stats.shards_mut())
        else {
            debug_assert!(false, "merge_into on a state that is not a merge's");
            return Err(not_fitted());
        };
        let before: Vec<usize> = shards
            .into_par_iter()
            .zip(arrays)
            .enumerate()
            .map(|(s, (g, (df, tf)))| {
                let before = g.len();
                for src in sources {
                    add_to_shard(g, df, tf, src, s, |_| ());
                }
                before
            })
            .collect();
        state.terms.refresh();
        state.stats.refresh();
        if !state.stats.any_df(|d| kept_df(d, (low, high))) {
            // (The error counts the terms as a fit of all the documents would.)
            let n_terms = state.terms.len();
            let (Some(shards), Some(arrays)) =
                (state.terms.merged_shards_mut(), state.stats.shards_mut())
            else {
                return Err(not_fitted());
            };
            shards
                .into_par_iter()
                .zip(arrays)
                .zip(before)
                .enumerate()
                .for_each(|(s, ((g, (df, tf)), before))| {
                    g.truncate(before);
                    df.truncate(before);
                    tf.truncate(before);
                    for src in sources {
                        for (i, h, t) in src.shard(s) {
                            if let Some(gi) = g.get_hashed(t, h) {
                                df[gi as usize] -= src.df[i as usize];
                                tf[gi as usize] -= src.tf[i as usize];
                            }
                        }
                    }
                });
            state.terms.refresh();
            state.stats.refresh();
            return Err(pruned_everything(o, n_terms, n_docs));
        }
        state.n_docs = n_docs;
        state.forget_built();
        Ok(())
    }

    /// The fitted state of `terms` and their statistics over `n_docs` documents, its
    /// vocabulary built ([`build_vocabulary`]).
    fn finish(
        &self,
        n_docs: u64,
        terms: Terms,
        stats: TermStats,
        indices: Option<&mut Vec<u32>>,
    ) -> Result<Fitted, TfidfError> {
        debug_assert_eq!(stats.len(), terms.len());
        let built = build_vocabulary(&self.options, n_docs, &terms, &stats, indices)?;
        Ok(self.fitted(n_docs, terms, stats, OnceLock::from(built)))
    }

    /// A fitted state of `terms` and their statistics, with its vocabulary if `built` holds it.
    fn fitted(
        &self,
        n_docs: u64,
        terms: Terms,
        stats: TermStats,
        built: OnceLock<Vocabulary>,
    ) -> Fitted {
        Fitted {
            n_docs,
            terms,
            stats,
            options: Arc::clone(&self.options),
            built,
            index: OnceLock::new(),
            id_index: OnceLock::new(),
            vocabulary_only: false,
            word_index: None,
        }
    }

    /// The fitted state of `terms` and their statistics over `n_docs` documents, as
    /// [`finish`](Self::finish) makes it but with the vocabulary built on first use
    /// ([`Fitted::vocabulary`]); the errors building it would give are given now.
    fn finish_lazily(
        &self,
        n_docs: u64,
        terms: Terms,
        stats: TermStats,
    ) -> Result<Fitted, TfidfError> {
        debug_assert_eq!(stats.len(), terms.len());
        let o = &self.options;
        if o.vocabulary.is_none() {
            if terms.len() == 0 {
                return Err(empty_vocabulary());
            }
            let bounds = df_bounds(o, n_docs)?;
            // (max_features is at least 1: a kept term gives a column.)
            if !stats.any_df(|d| kept_df(d, bounds)) {
                return Err(pruned_everything(o, terms.len(), n_docs));
            }
        }
        Ok(self.fitted(n_docs, terms, stats, OnceLock::new()))
    }

    /// Weights and concatenates rows (already mapped to columns and sorted). `indices`: the
    /// matrix's column indices if allocated already (one per entry), else empty.
    fn assemble<T: Real>(
        &self,
        state: &Fitted,
        rows: Vec<Rows>,
        indices: Vec<u32>,
    ) -> CsrMatrix<T> {
        let o = &self.options;
        // The fit's idf is the f64 one, computed from the same statistics; f32 weights take
        // their own, computed in f32 as scikit-learn does with dtype=float32.
        let idf: Vec<T> = if values_are_cells::<T>() {
            state
                .vocabulary()
                .idf
                .iter()
                .map(|&x| T::from_f64(x))
                .collect()
        } else {
            idf_values::<T>(o, state.n_docs, &state.vocabulary().column_df)
        };
        let n_rows: usize = rows.iter().map(|r| r.ends.len()).sum();
        let nnz: usize = rows.iter().map(|r| r.cells.len()).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        indptr.push(0);
        for r in &rows {
            let base = *indptr.last().unwrap_or(&0);
            indptr.extend(r.ends.iter().map(|e| base + e));
        }
        // When `T` is `f64`, the cells are the matrix's values, each turned into its weight in
        // place: the first chunk's vector (its allocation grown, not copied), then the other
        // chunks' cells copied after it, in parallel (none when counting put every chunk's
        // cells in the first's). Otherwise the values are a new vector, and each chunk's cells
        // are read where they are.
        let mut chunks = rows.into_iter();
        let mut first = chunks.next().unwrap_or_default();
        let rest: Vec<Rows> = chunks.collect();
        let moved = (&mut first.cells as &mut dyn std::any::Any)
            .downcast_mut::<Vec<T>>()
            .map(std::mem::take);
        let in_place = moved.is_some();
        let mut data: Vec<T> = match moved {
            Some(mut data) => {
                data.reserve_exact(nnz - data.len());
                for r in &rest {
                    // (`T` is `f64`: the cells' bits copied as they are.)
                    data.par_extend(r.cells.par_iter().map(|&c| T::from_f64(c)));
                }
                data
            }
            None => vec![T::ZERO; nnz],
        };
        // Written by the jobs below (allocated zeroed unless given: its pages are mapped as the
        // jobs write them, in parallel).
        debug_assert!(indices.is_empty() || indices.len() == nnz);
        let mut indices = if indices.len() == nnz {
            indices
        } else {
            vec![0u32; nnz]
        };
        {
            // Each job: its rows' ends (less `base`, where its first row starts), their cells
            // (none when they are in `data`), and its part of the indices and values. With
            // every cell in `data`, the rows are cut into one part of about equal entries per
            // thread; else there is one job per chunk, reading that chunk's cells.
            type Job<'a, T> = (&'a [usize], usize, Vec<f64>, &'a mut [u32], &'a mut [T]);
            let mut jobs: Vec<Job<'_, T>> = Vec::new();
            let mut idx_rest: &mut [u32] = &mut indices;
            let mut dat_rest: &mut [T] = &mut data;
            let mut cut = |len: usize| {
                let (a, b) = std::mem::take(&mut idx_rest).split_at_mut(len);
                let (c, d) = std::mem::take(&mut dat_rest).split_at_mut(len);
                idx_rest = b;
                dat_rest = d;
                (a, c)
            };
            let chunk_ends: Vec<Vec<usize>>;
            if in_place {
                let parts = rayon::current_num_threads().max(1);
                let all = &indptr[1..];
                let mut from = 0;
                for p in 1..=parts {
                    let to = if p == parts {
                        all.len()
                    } else {
                        all.partition_point(|&e| e < nnz / parts * p)
                    };
                    let (ends, base) = (&all[from..to], indptr[from]);
                    let (a, c) = cut(ends.last().map_or(0, |&e| e - base));
                    jobs.push((ends, base, Vec::new(), a, c));
                    from = to;
                }
            } else {
                let (ends, cells): (Vec<Vec<usize>>, Vec<Vec<f64>>) = std::iter::once(first)
                    .chain(rest)
                    .map(|r| (r.ends, r.cells))
                    .unzip();
                chunk_ends = ends;
                for (ends, cells) in chunk_ends.iter().zip(cells) {
                    let (a, c) = cut(ends.last().copied().unwrap_or(0));
                    jobs.push((ends, 0, cells, a, c));
                }
            }
            let weigher = Weigher::<T>::new(o, &idf, state.vocabulary().avgdl, nnz);
            jobs.into_par_iter()
                .for_each(|(ends, base, cells, idx, dat)| {
                    let mut start = 0;
                    for &end in ends {
                        let end = end - base;
                        let (idx, dat) = (&mut idx[start..end], &mut dat[start..end]);
                        // The row's cells split into columns and counts (a row is small: this
                        // stays in cache for the weighing).
                        if in_place {
                            for (i, v) in idx.iter_mut().zip(dat.iter_mut()) {
                                // (`T` is `f64` and `v` a cell.)
                                let c = v.to_f64();
                                *i = cell_id(c);
                                *v = T::from_u64(u64::from(cell_count(c)));
                            }
                        } else {
                            for ((i, v), &c) in
                                idx.iter_mut().zip(dat.iter_mut()).zip(&cells[start..end])
                            {
                                *i = cell_id(c);
                                *v = T::from_u64(u64::from(cell_count(c)));
                            }
                        }
                        weigher.weigh(idx, dat);
                        start = end;
                    }
                });
        }
        // The room reserved for the cells is an estimate (and counts the pruned terms): give
        // back a large excess (its pages were never touched: only address space).
        if data.capacity() - data.len() > data.len() / 8 {
            data.shrink_to_fit();
        }
        CsrMatrix::from_parts_unchecked(
            n_rows,
            state.vocabulary().columns.len(),
            indptr,
            indices,
            data,
        )
    }

    /// Forgets the terms outside the vocabulary (those pruned by `min_df`, `max_df` or
    /// `max_features`) and their statistics, keeping what a transform needs: the vocabulary,
    /// its document frequencies, idf and mean document length, and so every transform, are
    /// unchanged, and the model takes the vocabulary's memory, not that of every term ever
    /// counted (with n-grams, most of them). The model can then no longer be fitted further
    /// ([`partial_fit`](Self::partial_fit), which needs the pruned terms' counts to equal a fit
    /// on all documents) nor saved (its file would lack them): both are then
    /// [`Unsupported`](TfidfErrorKind::Unsupported) errors. A new [`fit`](Self::fit) starts
    /// afresh. Does nothing before fitting.
    ///
    /// ```
    /// use gist_tfidf::{TfidfOptions, TfidfVectorizer};
    ///
    /// let docs = ["the cat sat", "the dog sat", "a cat ran"];
    /// let mut o = TfidfOptions::default();
    /// o.min_df = "2".parse()?;
    /// let mut v = TfidfVectorizer::new(o)?;
    /// v.fit(&docs)?;
    /// let before = v.transform(&docs)?;
    /// v.keep_vocabulary_only();
    /// assert_eq!(v.transform(&docs)?, before);
    /// assert_eq!(v.vocabulary().collect::<Vec<_>>(), ["cat", "sat", "the"]);
    /// assert!(v.partial_fit(&docs).is_err());
    /// # Ok::<(), gist_tfidf::TfidfError>(())
    /// ```
    pub fn keep_vocabulary_only(&mut self) {
        let Some(state) = self.state.as_mut() else {
            return;
        };
        if state.vocabulary_only {
            return;
        }
        let v = state.vocabulary();
        let n = v.columns.len();
        let mut list = TermList::with_capacity(n, n * 12);
        for c in 0..n {
            list.push(state.column_term(c));
        }
        let tf: Vec<u64> = v
            .columns
            .par_iter()
            .map(|&t| state.stats.tf(t as usize))
            .collect();
        // Every column is its own term: a vocabulary built again from these statistics would
        // be this one (the same terms pass the same thresholds, max_features keeps them all,
        // their counts sum to the same total).
        let identity: Vec<u32> = (0..n as u32).collect();
        let built = Vocabulary {
            vocab: Vocab::Terms,
            columns: identity.clone(),
            column_of: identity,
            column_df: v.column_df.clone(),
            idf: v.idf.clone(),
            avgdl: v.avgdl,
        };
        *state = Fitted {
            n_docs: state.n_docs,
            terms: Terms::new(vec![list]),
            stats: TermStats::dense(built.column_df.clone(), tf),
            options: Arc::clone(&state.options),
            built: OnceLock::from(built),
            index: OnceLock::new(),
            id_index: OnceLock::new(),
            vocabulary_only: true,
            word_index: None,
        };
    }

    /// Whether [`keep_vocabulary_only`](Self::keep_vocabulary_only) forgot the terms outside
    /// the vocabulary.
    pub fn is_vocabulary_only(&self) -> bool {
        self.state.as_ref().is_some_and(|s| s.vocabulary_only)
    }

    /// The vocabulary: the term of each column, in column order.
    pub fn vocabulary(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let state = self.state.as_ref();
        (0..state.map_or(0, |s| s.vocabulary().columns.len()))
            .map(move |c| state.map_or("", |s| s.column_term(c)))
    }

    /// The column of `term`, if it is in the vocabulary.
    pub fn column(&self, term: &str) -> Option<u32> {
        self.state.as_ref()?.index().get(term)
    }

    /// Number of columns (0 before fitting).
    pub fn n_features(&self) -> usize {
        self.state
            .as_ref()
            .map_or(0, |s| s.vocabulary().columns.len())
    }

    /// Number of documents fitted.
    pub fn n_documents(&self) -> u64 {
        self.state.as_ref().map_or(0, |s| s.n_docs)
    }

    /// The idf of each column (`f64`), or `None` before fitting or when `use_idf` is false
    /// (as scikit-learn has no `idf_` then). For BM25, the BM25 idf.
    pub fn idf(&self) -> Option<&[f64]> {
        self.state
            .as_ref()
            .filter(|_| self.options.use_idf)
            .map(|s| s.vocabulary().idf.as_slice())
    }

    /// The number of fitted documents containing each column's term.
    pub fn document_frequencies(&self) -> Vec<u64> {
        self.state
            .as_ref()
            .map_or_else(Vec::new, |s| s.vocabulary().column_df.clone())
    }

    /// The mean number of in-vocabulary term occurrences per fitted document (BM25's avgdl).
    pub fn mean_document_length(&self) -> f64 {
        self.state.as_ref().map_or(0.0, |s| s.vocabulary().avgdl)
    }

    /// Rebuilds a vectorizer from saved statistics (see [`crate::persist`]).
    pub(crate) fn from_stats(
        options: TfidfOptions,
        n_docs: u64,
        terms: Terms,
        df: Vec<u64>,
        tf: Vec<u64>,
    ) -> Result<TfidfVectorizer, TfidfError> {
        let mut v = TfidfVectorizer::new(options)?;
        let state = v.finish(n_docs, terms, TermStats::dense(df, tf), None)?;
        v.state = Some(state);
        Ok(v)
    }

    /// The raw statistics: `(n_docs, terms, df, tf)` of every term seen (pruned or not).
    #[allow(clippy::type_complexity)]
    pub(crate) fn stats(&self) -> Option<(u64, &Terms, Cow<'_, [u64]>, Cow<'_, [u64]>)> {
        self.state.as_ref().map(|s| {
            let (df, tf) = s.stats.arrays();
            (s.n_docs, &s.terms, df, tf)
        })
    }
}

impl Fitted {
    /// Forgets what was built from the terms and statistics (the vocabulary and the indexes
    /// of it), after they changed: each is built again when first asked for.
    fn forget_built(&mut self) {
        self.built = OnceLock::new();
        self.index = OnceLock::new();
        self.id_index = OnceLock::new();
    }

    /// Whether the state is a merge's, kept in hash shards that a merge grows in place
    /// ([`TfidfVectorizer::merge_into`]).
    fn is_merged(&self) -> bool {
        self.terms.merged_shards().is_some() && self.stats.is_sharded()
    }

    /// Whether the state is kept by word ids for merges ([`crate::wordmerge`]).
    #[cfg(test)]
    fn is_word_merged(&self) -> bool {
        self.word_index.is_some()
    }

    /// The vocabulary: the fit's, or built now from the statistics (after a fit that left it
    /// for later, or a merge into the state, each of which checked that it can be: see
    /// [`TfidfVectorizer::finish_lazily`], [`TfidfVectorizer::merge_into`] and
    /// [`crate::wordmerge::WordIndex::merge`]).
    fn vocabulary(&self) -> &Vocabulary {
        self.built.get_or_init(|| {
            let built =
                build_vocabulary(&self.options, self.n_docs, &self.terms, &self.stats, None);
            debug_assert!(built.is_ok(), "a merge left a state without a vocabulary");
            built.unwrap_or_default()
        })
    }

    /// The vocabulary by word ids ([`IdIndex`]), for a model of the word analyzer (its
    /// callers check): from the fit's word ids, or, for a model loaded from its file or merged
    /// by strings, from the vocabulary's strings (`None` when a fit by word ids holds terms by
    /// string as well).
    fn id_index(&self) -> Option<&IdIndex> {
        self.id_index
            .get_or_init(|| {
                phases::timed(
                    || "transform: vocabulary by word ids (once)".into(),
                    || match self.terms.word_list() {
                        Some(list) => self.id_index_of_words(list),
                        None => Some(self.id_index_of_strings()),
                    },
                )
            })
            .as_ref()
    }

    /// [`id_index`](Self::id_index) from the word ids of a fit.
    fn id_index_of_words(&self, list: &TermList) -> Option<IdIndex> {
        let mut words = Interner::with_capacity(list.len());
        for w in 0..list.len() as u32 {
            let s = list.resolve(w);
            words.insert_new(s, hash_bytes(s.as_bytes()));
        }
        let mut word_column = vec![NONE; list.len()];
        let mut grams = FastHashMap::default();
        let mut shared = FastHashSet::default();
        for (c, &t) in self.vocabulary().columns.iter().enumerate() {
            match self.terms.made_of(t) {
                MadeOf::Word(w) => word_column[w as usize] = c as u32,
                MadeOf::Gram(g) => {
                    let key = grams::gram_key(g);
                    if grams.insert(key, c as u32).is_some() {
                        shared.insert(key);
                    }
                }
                MadeOf::Text => return None,
            }
        }
        Some(IdIndex {
            words,
            word_column,
            grams,
            shared,
        })
    }

    /// [`id_index`](Self::id_index) from the vocabulary's strings: a term of the word analyzer
    /// is its words joined by single spaces, and no word holds a space (every token pattern
    /// matches runs of `\w` or of `\S`, after preprocessing), so splitting a term at its
    /// spaces gives its words. Words get ids in column order; a pair's key is exact, so pairs
    /// are found by their word ids; the keys of longer n-grams (hashes, and no word ids to
    /// check them against) are all left to the string lookup (`shared`).
    fn id_index_of_strings(&self) -> IdIndex {
        let mut words = Interner::with_capacity(self.vocabulary().columns.len());
        let mut word_column = Vec::new();
        let mut grams = FastHashMap::default();
        let mut shared = FastHashSet::default();
        let mut ids = Vec::new();
        for c in 0..self.vocabulary().columns.len() {
            ids.clear();
            for part in self.column_term(c).split(' ') {
                let h = hash_bytes(part.as_bytes());
                let w = match words.get_hashed(part, h) {
                    Some(w) => w,
                    None => {
                        word_column.push(NONE);
                        words.insert_new(part, h)
                    }
                };
                ids.push(w);
            }
            match ids.len() {
                1 => word_column[ids[0] as usize] = c as u32,
                2 => {
                    grams.insert(grams::gram_key(&ids), c as u32);
                }
                _ => {
                    shared.insert(grams::gram_key(&ids));
                }
            }
        }
        IdIndex {
            words,
            word_column,
            grams,
            shared,
        }
    }

    /// The column of the n-gram whose words are `ids` (model word ids), `NONE` if it is not in
    /// the vocabulary; `None` when only its string can tell.
    fn gram_column(&self, ix: &IdIndex, ids: &[u32]) -> Option<u32> {
        let key = grams::gram_key(ids);
        if ix.shared.contains(&key) {
            return None;
        }
        Some(match ix.grams.get(&key) {
            // A pair is its own key; a longer n-gram's key is a hash, so its words are checked.
            Some(&c)
                if ids.len() == 2
                    || self.terms.made_of(self.vocabulary().columns[c as usize])
                        == MadeOf::Gram(ids) =>
            {
                c
            }
            _ => NONE,
        })
    }

    /// The term of column `c`.
    fn column_term(&self, c: usize) -> &str {
        let v = self.vocabulary();
        match &v.vocab {
            Vocab::Terms => self.terms.resolve(v.columns[c]),
            Vocab::Kept { lists, at } => kept_at(lists, at[c]).unwrap_or(""),
        }
    }

    /// The vocabulary's term -> column index.
    fn index(&self) -> &Interner {
        self.index.get_or_init(|| {
            let mut index = Interner::with_capacity(self.vocabulary().columns.len());
            for c in 0..self.vocabulary().columns.len() {
                let s = self.column_term(c);
                index.insert_new(s, hash_bytes(s.as_bytes()));
            }
            index
        })
    }
}

/// The document frequencies a term must have to be kept, `(low, high)`, for `n_docs`
/// documents: an error if `max_df` is below `min_df` there.
fn df_bounds(o: &TfidfOptions, n_docs: u64) -> Result<(f64, f64), TfidfError> {
    let high = o.max_df.documents(n_docs);
    let low = o.min_df.documents(n_docs);
    if high < low {
        return Err(TfidfError::option(format!(
            "max_df = {} ({high} documents) is below min_df = {} ({low} documents) for {n_docs} documents",
            o.max_df, o.min_df
        )));
    }
    Ok((low, high))
}

/// Whether a term in `d` documents is kept by the bounds `(low, high)` of [`df_bounds`].
fn kept_df(d: u64, (low, high): (f64, f64)) -> bool {
    let d = d as f64;
    d >= low && d <= high
}

/// The error of documents that hold no term.
fn empty_vocabulary() -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::EmptyVocabulary,
        "empty vocabulary: the documents contain no terms (perhaps only stop words)",
    )
}

/// The error of a vocabulary that pruning emptied (`n_terms` terms over `n_docs` documents).
fn pruned_everything(o: &TfidfOptions, n_terms: usize, n_docs: u64) -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::EmptyVocabulary,
        format!(
            "after pruning with min_df = {} and max_df = {}, no terms remain of {n_terms} in {n_docs} documents: try a lower min_df or a higher max_df",
            o.min_df, o.max_df
        ),
    )
}

/// Adds the terms of `src` in hash shard `s` to that shard's interner `g` (the new ones
/// after its others, in the source's order) and their document frequencies and counts to
/// `df` and `tf`; gives `merged` the shard index of each of them, in order.
fn add_to_shard(
    g: &mut Interner,
    df: &mut Vec<u64>,
    tf: &mut Vec<u64>,
    src: &MergeSource<'_>,
    s: usize,
    mut merged: impl FnMut(u32),
) {
    for (i, h, t) in src.shard(s) {
        let gi = match g.get_hashed(t, h) {
            Some(gi) => gi,
            None => {
                df.push(0);
                tf.push(0);
                g.insert_new(t, h)
            }
        };
        df[gi as usize] += src.df[i as usize];
        tf[gi as usize] += src.tf[i as usize];
        merged(gi);
    }
}

/// Prunes by document frequency and `max_features`, then computes idf.
///
/// With `indices` (a first fit that builds the matrix), also allocates the matrix's
/// column indices (see below), when their number is known.
fn build_vocabulary(
    o: &TfidfOptions,
    n_docs: u64,
    terms: &Terms,
    stats: &TermStats,
    indices: Option<&mut Vec<u32>>,
) -> Result<Vocabulary, TfidfError> {
    let (columns, vocab, column_df, total, column_of): Built = if o.vocabulary.is_some() {
        let columns: Vec<u32> = (0..terms.len() as u32).collect();
        let column_df = columns.par_iter().map(|&t| stats.df(t as usize)).collect();
        let total = columns.par_iter().map(|&t| stats.tf(t as usize)).sum();
        // Every term is its own column.
        let column_of = columns.clone();
        (columns, Vocab::Terms, column_df, total, column_of)
    } else {
        if terms.len() == 0 {
            return Err(empty_vocabulary());
        }
        let (low, high) = df_bounds(o, n_docs)?;
        // The kept terms and their document frequencies.
        let KeptTerms {
            ids: keep,
            dfs: kept_df,
            tf: kept_tf,
        } = phases::timed(
            || "vocabulary: kept terms".into(),
            || stats.where_df(|d| kept_df(d, (low, high))),
        );
        // With `indices`, the matrix's column indices are allocated and their pages
        // written (see `grams::written`) by another thread while this one sorts the
        // vocabulary: as many as the kept terms' document frequencies (one entry per
        // document a kept term occurs in), unless max_features drops kept terms. On two
        // threads the sort leaves the other thread mostly idle, and the weighing then
        // writes the indices without a page fault.
        let entries = indices
            .filter(|_| o.max_features.is_none_or(|m| m >= keep.len()))
            .map(|out| (out, kept_df.iter().sum::<u64>() as usize));
        let (built, ()) = rayon::join(
            || {
                phases::timed(
                    || "vocabulary: sorted".into(),
                    || kept_vocabulary(o, terms, stats, n_docs, &keep, &kept_df, kept_tf),
                )
            },
            || {
                if let Some((out, n)) = entries {
                    phases::timed(
                        || "vocabulary: matrix indices written".into(),
                        || *out = grams::written(n, 0),
                    );
                }
            },
        );
        built?
    };
    let idf = idf_values::<f64>(o, n_docs, &column_df);
    let avgdl = if n_docs == 0 {
        0.0
    } else {
        total as f64 / n_docs as f64
    };
    Ok(Vocabulary {
        vocab,
        columns,
        column_of,
        column_df,
        idf,
        avgdl,
    })
}

/// The vocabulary of the kept terms `keep` (term ids, in order, with their document
/// frequencies `kept_df`, their counts summing to `kept_tf`): columns in byte order of the
/// terms, cut to `max_features`.
fn kept_vocabulary(
    o: &TfidfOptions,
    terms: &Terms,
    stats: &TermStats,
    n_docs: u64,
    keep: &[u32],
    kept_df: &[u64],
    kept_tf: u64,
) -> Result<Built, TfidfError> {
    // The kept terms' strings: in place, or when the terms' n-gram strings are not
    // built, joined here, term by term, in parallel (so the pruned terms' strings
    // never are).
    let kept: Vec<TermList> = phases::timed(
        || "vocabulary: kept terms' strings".into(),
        || {
            if terms.is_built() {
                Vec::new()
            } else {
                keep.par_chunks(KEPT_CHUNK)
                    .map(|ids| terms.select(ids))
                    .collect()
            }
        },
    );
    let kept_str = |k: u32| kept_at(&kept, k).unwrap_or_else(|| terms.resolve(keep[k as usize]));
    // Columns in byte order of the terms, as scikit-learn sorts its vocabulary (places in
    // `keep`).
    let mut order = phases::timed(
        || "vocabulary: byte order".into(),
        || byte_order(keep.len(), kept_str),
    );
    if let Some(limit) = o.max_features
        && order.len() > limit
    {
        // Highest total count first (document frequency when binary, as scikit-learn
        // counts after binarizing), ties by term order; then back to term order.
        let weight = |k: u32| {
            let t = keep[k as usize] as usize;
            if o.binary { stats.df(t) } else { stats.tf(t) }
        };
        let mut by_weight: Vec<(u32, u32)> = order
            .iter()
            .enumerate()
            .map(|(rank, &k)| (rank as u32, k))
            .collect();
        by_weight.sort_by(|a, b| weight(b.1).cmp(&weight(a.1)).then(a.0.cmp(&b.0)));
        by_weight.truncate(limit);
        by_weight.sort_unstable();
        order = by_weight.into_iter().map(|p| p.1).collect();
    }
    if order.is_empty() {
        return Err(pruned_everything(o, terms.len(), n_docs));
    }
    let columns = order.par_iter().map(|&k| keep[k as usize]).collect();
    // Each kept term's column (none if max_features dropped it), in term order.
    let mut column_of_kept = vec![NONE; keep.len()];
    for (c, &k) in order.iter().enumerate() {
        column_of_kept[k as usize] = c as u32;
    }
    // The kept terms' frequencies gathered into column order.
    let column_df = order.par_iter().map(|&k| kept_df[k as usize]).collect();
    // The columns' counts summed: those of the kept terms, unless max_features dropped
    // some (then each column's own, read again).
    let total = if order.len() == keep.len() {
        kept_tf
    } else {
        keep.par_iter()
            .zip(&column_of_kept)
            .filter(|&(_, &c)| c != NONE)
            .map(|(&t, _)| stats.tf(t as usize))
            .sum()
    };
    let column_of = column_map(terms.len(), keep, &column_of_kept);
    let vocab = if kept.is_empty() {
        Vocab::Terms
    } else {
        Vocab::Kept {
            lists: kept,
            at: order,
        }
    };
    Ok((columns, vocab, column_df, total, column_of))
}

/// The error of what a model that kept only its vocabulary cannot do (`what`).
pub(crate) fn vocabulary_only(what: &str) -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::Unsupported,
        format!(
            "cannot {what} a model that kept only its vocabulary (keep_vocabulary_only): the counts of its pruned terms are gone"
        ),
    )
}

fn not_fitted() -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::NotFitted,
        "the TF-IDF vectorizer is not fitted: call fit, partial_fit or fit_transform first",
    )
}

/// Idf of each given document frequency, computed in `T` as scikit-learn computes in the
/// matrix dtype.
fn idf_values<T: Real>(o: &TfidfOptions, n_docs: u64, dfs: &[u64]) -> Vec<T> {
    if !o.use_idf {
        return Vec::new();
    }
    match o.weighting {
        Weighting::TfIdf => {
            let (n, add) = if o.smooth_idf {
                (T::from_u64(n_docs + 1), T::ONE)
            } else {
                (T::from_u64(n_docs), T::ZERO)
            };
            dfs.par_iter()
                .map(|&d| (n / (T::from_u64(d) + add)).ln() + T::ONE)
                .collect()
        }
        Weighting::Bm25 { .. } => {
            let n = T::from_u64(n_docs);
            let half = T::from_f64(0.5);
            dfs.par_iter()
                .map(|&d| {
                    let d = T::from_u64(d);
                    (T::ONE + (n - d + half) / (d + half)).ln()
                })
                .collect()
        }
    }
}

/// The column of each of `n` terms (`NONE` if it has none), from `terms` (increasing term ids)
/// and their `columns` (`NONE` for a term without one): filled in parallel by blocks of terms,
/// each block's columns written in term order (a scatter in column order would write all over
/// the map, which for n-grams is megabytes).
fn column_map(n: usize, terms: &[u32], columns: &[u32]) -> Vec<u32> {
    let mut column_of: Vec<u32> = Vec::with_capacity(n);
    column_of.par_extend(rayon::iter::repeat_n(NONE, n));
    const BLOCK: usize = 1 << 16;
    column_of
        .par_chunks_mut(BLOCK)
        .enumerate()
        .for_each(|(b, block)| {
            let (start, end) = (b * BLOCK, b * BLOCK + block.len());
            let from = terms.partition_point(|&t| (t as usize) < start);
            let to = terms.partition_point(|&t| (t as usize) < end);
            for (&t, &c) in terms[from..to].iter().zip(&columns[from..to]) {
                // (A term without a column keeps its NONE.)
                block[t as usize - start] = c;
            }
        });
    column_of
}

/// Turns one row's counts into weights.
struct Weigher<'a, T> {
    idf: &'a [T],
    binary: bool,
    sublinear: bool,
    /// With sublinear tf: `ln(c) + 1` for the counts `c` below [`LN_COUNTS`], computed once by
    /// the same `ln` (so the same bits): most counts are small, and a logarithm per entry was
    /// most of the weighing's time.
    ln1: Vec<T>,
    norm: Norm,
    bm25: Option<(T, T, T)>,
}

/// Counts whose sublinear tf a [`Weigher`] keeps in its table.
const LN_COUNTS: usize = 256;

impl<'a, T: Real> Weigher<'a, T> {
    /// The weigher of a matrix of `entries` entries.
    fn new(o: &TfidfOptions, idf: &'a [T], avgdl: f64, entries: usize) -> Weigher<'a, T> {
        let bm25 = match o.weighting {
            Weighting::Bm25 { k1, b } => Some((
                T::from_f64(k1),
                T::from_f64(b),
                T::from_f64(if avgdl > 0.0 { avgdl } else { 1.0 }),
            )),
            Weighting::TfIdf => None,
        };
        // (Not for a few entries, a document or two: the table costs 256 logarithms.)
        let ln1 = if o.sublinear_tf && !o.binary && entries >= 4 * LN_COUNTS {
            (0..LN_COUNTS as u64)
                .map(|c| T::from_u64(c).ln() + T::ONE)
                .collect()
        } else {
            Vec::new()
        };
        Weigher {
            idf,
            binary: o.binary,
            sublinear: o.sublinear_tf,
            ln1,
            norm: o.norm,
            bm25,
        }
    }

    /// Weighs one row in place (`row` holds its counts, converted to `T` as scikit-learn
    /// converts its counts to the matrix dtype) in two passes: each weight (tf, then BM25's
    /// saturation, then idf) and the norm's sum (accumulated left to right in f64, as
    /// [`normalize`] does), then the division by the norm: the operations of scikit-learn's
    /// steps, in their order, so the same bits. Inlined into each loop over rows; one copy of
    /// the loop per norm and weighting, so that the loop tests no option but tf's (measured
    /// faster than one pass per step, see results/tfidf.md).
    #[inline(always)]
    fn weigh(&self, cols: &[u32], row: &mut [T]) {
        const NONE_: u8 = 0;
        const L1: u8 = 1;
        const L2: u8 = 2;
        match (self.norm, self.bm25.is_some()) {
            (Norm::None, false) => self.weigh_as::<NONE_, false>(cols, row),
            (Norm::L1, false) => self.weigh_as::<L1, false>(cols, row),
            (Norm::L2, false) => self.weigh_as::<L2, false>(cols, row),
            (Norm::None, true) => self.weigh_as::<NONE_, true>(cols, row),
            (Norm::L1, true) => self.weigh_as::<L1, true>(cols, row),
            (Norm::L2, true) => self.weigh_as::<L2, true>(cols, row),
        }
    }

    /// [`weigh`](Self::weigh) with the norm `NORM` (0 none, 1 l1, 2 l2) and BM25 if `BM25`.
    #[inline(always)]
    fn weigh_as<const NORM: u8, const BM25: bool>(&self, cols: &[u32], row: &mut [T]) {
        // BM25's factors, from the row's length (the sum of its counts, each exact in `f64`;
        // in `f32`, a count past 2^24 is the rounded one).
        let (k1_1, bm25_norm) = match self.bm25 {
            Some((k1, b, avgdl)) if BM25 => {
                let dl = T::from_u64(row.iter().map(|&c| c.to_f64() as u64).sum());
                (k1 + T::ONE, k1 * (T::ONE - b + b * dl / avgdl))
            }
            _ => (T::ONE, T::ZERO),
        };
        let mut sum = 0.0f64;
        for (o, &col) in row.iter_mut().zip(cols) {
            let c = *o;
            let mut v = if self.binary {
                T::ONE
            } else if self.sublinear {
                // (Counts are whole numbers: a count below the table's length is its index.)
                let f = c.to_f64();
                debug_assert_eq!(f, f.trunc());
                match self.ln1.get(f as usize) {
                    Some(&v) => v,
                    None => c.ln() + T::ONE,
                }
            } else {
                c
            };
            if BM25 {
                v = v * k1_1 / (v + bm25_norm);
            }
            if !self.idf.is_empty() {
                v *= self.idf.get(col as usize).copied().unwrap_or(T::ONE);
            }
            *o = v;
            if NORM == 1 {
                sum += v.abs().to_f64();
            } else if NORM == 2 {
                sum += (v * v).to_f64();
            }
        }
        if NORM != 0 {
            divide_by_norm(NORM == 2, sum, row);
        }
    }
}

/// Row normalization as scikit-learn's `normalize`: the sum is accumulated in `f64`, rows whose
/// norm is zero are left alone.
#[inline]
pub(crate) fn normalize<T: Real>(norm: Norm, row: &mut [T]) {
    let sum: f64 = match norm {
        Norm::None => return,
        Norm::L1 => row.iter().map(|v| v.abs().to_f64()).sum(),
        Norm::L2 => row.iter().map(|&v| (v * v).to_f64()).sum(),
    };
    divide_by_norm(norm == Norm::L2, sum, row);
}

/// Divides `row` by its norm, from `sum` (its entries' absolute values or, with `l2`, their
/// squares, summed in `f64`); a zero row is left as it is.
#[inline(always)]
fn divide_by_norm<T: Real>(l2: bool, sum: f64, row: &mut [T]) {
    if sum == 0.0 {
        return;
    }
    let d = if l2 { sum.sqrt() } else { sum };
    for v in row {
        *v = T::from_f64(v.to_f64() / d);
    }
}

/// Appends the cells of one row with their ids mapped by `to_column`, dropping those that map
/// to `NONE`.
#[inline]
pub(crate) fn push_mapped(out: &mut Vec<f64>, cells: &[f64], to_column: &[u32]) {
    // Every cell written, the next one over it if it maps to `NONE`: without a branch per
    // cell, which with n-grams pruned by min_df (most of them, all over the rows) is
    // mispredicted as often as not. (The room is zeroed first: a row is small.)
    let start = out.len();
    out.resize(start + cells.len(), 0.0);
    let room = &mut out[start..];
    let mut k = 0;
    for &c in cells {
        let col = to_column[cell_id(c) as usize];
        room[k] = cell_with_id(c, col);
        k += usize::from(col != NONE);
    }
    out.truncate(start + k);
}

/// Sorts a row's cells by id (ids are distinct within a row): one integer comparison each.
#[inline]
pub(crate) fn sort_row(row: &mut [f64]) {
    row.sort_unstable_by_key(|&c| cell_id(c));
}

/// Whether matrix values of type `T` are the rows' cells themselves, turned into weights in
/// place: whether `T` is `f64` (as the fit's own idf is).
fn values_are_cells<T: 'static>() -> bool {
    std::any::TypeId::of::<T>() == std::any::TypeId::of::<f64>()
}

/// Maps a chunk's local term ids to columns, dropping pruned terms, and sorts each row.
pub(crate) fn remap_rows(mut rows: Rows, to_column: &[u32]) -> Rows {
    let kept = remap_in_place(&mut rows.ends, &mut rows.cells, 0, to_column);
    rows.cells.truncate(kept);
    rows
}

/// [`remap_rows`] on rows held in `cells` from `from` on (`ends` relative to `from`): each row
/// mapped and sorted where it is, its kept cells then moved back to follow the previous row's,
/// the first from `cells[0]` on; `ends` rewritten to match. Returns the number of cells kept
/// (the cells past them are left as they are).
pub(crate) fn remap_in_place(
    ends: &mut [usize],
    cells: &mut [f64],
    from: usize,
    to_column: &[u32],
) -> usize {
    let mut w = 0;
    let mut start = from;
    for e in ends.iter_mut() {
        let end = from + *e;
        let row = &mut cells[start..end];
        for c in row.iter_mut() {
            *c = cell_with_id(*c, to_column[cell_id(*c) as usize]);
        }
        // Pruned terms (`NONE`, the largest id) sort last, and are dropped.
        sort_row(row);
        let kept = row.partition_point(|&c| cell_id(c) != NONE);
        // The row moved back to where the previous one ended (never past where it was read).
        if w != start {
            cells.copy_within(start..start + kept, w);
        }
        w += kept;
        start = end;
        *e = w;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::DfThreshold;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn byte_order_equals_sorting_the_strings(
            mut strings in proptest::collection::hash_set(
                "(international organi[sz]ation|\\PC{0,3})( [a-zé]{0,3})?", 0..200,
            ).prop_map(|s| s.into_iter().collect::<Vec<String>>())
        ) {
            let order = byte_order(strings.len(), |i| strings[i as usize].as_str());
            let by_order: Vec<String> = order.iter().map(|&i| strings[i as usize].clone()).collect();
            strings.sort();
            proptest::prop_assert_eq!(by_order, strings);
        }

        #[test]
        fn sorted_strings_write_each_string_in_byte_order(
            strings in proptest::collection::hash_set(
                "(ab|\u{0}|é|x{20,26}|[a-c ]{0,3})*", 0..120,
            ).prop_map(|s| s.into_iter().collect::<Vec<String>>())
        ) {
            // Strings that differ past their first 24 bytes, or only by trailing zero bytes,
            // share a sort key.
            let sorted = SortedStrings::new(strings.len(), |i| strings[i as usize].as_str());
            let mut want = strings.clone();
            want.sort();
            let written: Vec<String> = (0..strings.len())
                .map(|k| {
                    let mut s = String::new();
                    sorted.write(k, |i| strings[i as usize].as_str(), &mut s);
                    s
                })
                .collect();
            proptest::prop_assert_eq!(&written, &want);
            let by_ids: Vec<&str> = sorted.ids().iter().map(|&i| strings[i as usize].as_str()).collect();
            proptest::prop_assert_eq!(by_ids, want.iter().map(String::as_str).collect::<Vec<_>>());
        }

        #[test]
        fn cells_keep_id_and_count_and_are_never_nan(id in proptest::num::u32::ANY, count in proptest::num::u32::ANY) {
            let c = cell(id, count);
            proptest::prop_assert!(!c.is_nan());
            proptest::prop_assert_eq!(cell_id(c), id);
            proptest::prop_assert_eq!(cell_count(c), count.min(MAX_COUNT));
            // A copy the compiler cannot see through keeps the bits.
            proptest::prop_assert_eq!(std::hint::black_box(c).to_bits(), c.to_bits());
            let other = id.wrapping_add(1);
            proptest::prop_assert_eq!(cell_id(cell_with_id(c, other)), other);
            proptest::prop_assert_eq!(cell_count(cell_with_id(c, other)), count.min(MAX_COUNT));
            let more = cell_incremented(c);
            proptest::prop_assert_eq!(cell_id(more), id);
            proptest::prop_assert_eq!(cell_count(more), count.min(MAX_COUNT - 1) + 1);
        }
    }

    #[test]
    fn counts_saturate_at_the_largest_cell_count() {
        let c = cell(9, MAX_COUNT - 1);
        assert_eq!(cell_count(cell_incremented(c)), MAX_COUNT);
        assert_eq!(cell_count(cell_incremented(cell_incremented(c))), MAX_COUNT);
        assert_eq!(cell_count(cell(9, u32::MAX)), MAX_COUNT);
        assert_eq!(cell_id(cell_incremented(cell_incremented(c))), 9);
        // Counts whose bits would make the cell a NaN (or an infinity) are saturated first.
        for count in [0x7FF0_0000, 0x7FF0_0001, 0xFFF0_0000, u32::MAX] {
            assert!(cell(1, count).is_finite(), "{count:#x}");
        }
    }

    #[test]
    fn rows_are_mapped_sorted_and_pruned_in_place() {
        // Term 1 is pruned; terms 0 and 2 are columns 2 and 0.
        let to_column = [2, NONE, 0];
        let rows = Rows {
            ends: vec![3, 5, 6],
            cells: vec![
                cell(0, 2),
                cell(1, 1),
                cell(2, 5),
                cell(2, 1),
                cell(0, 4),
                cell(1, 7),
            ],
        };
        let out = remap_rows(rows, &to_column);
        let pairs: Vec<(u32, u32)> = out
            .cells
            .iter()
            .map(|&c| (cell_id(c), cell_count(c)))
            .collect();
        assert_eq!(pairs, [(0, 5), (2, 2), (0, 1), (2, 4)]);
        // The last row had only the pruned term: it is empty.
        assert_eq!(out.ends, [2, 4, 4]);
    }

    #[test]
    fn avgdl_sums_the_counts_of_the_columns_terms_only() {
        let docs = [
            "alpha beta gamma alpha beta",
            "beta gamma delta delta",
            "alpha beta epsilon",
            "zeta",
        ];
        for (min_df, max_features) in [(1, None), (2, None), (1, Some(3)), (2, Some(2))] {
            let mut o = TfidfOptions::default();
            o.text.ngram_range = (1, 2);
            o.min_df = crate::DfThreshold::Count(min_df);
            o.max_features = max_features;
            let mut v = TfidfVectorizer::new(o).unwrap();
            v.fit(&docs).unwrap();
            let vocabulary: Vec<String> = v.vocabulary().map(str::to_string).collect();
            // Each column's occurrences, counted from the analyzer's own features.
            let total: usize = docs
                .iter()
                .flat_map(|d| v.analyze(d))
                .filter(|f| vocabulary.contains(f))
                .count();
            let avgdl = v.state.as_ref().unwrap().vocabulary().avgdl;
            assert_eq!(
                avgdl,
                total as f64 / docs.len() as f64,
                "min_df {min_df}, max_features {max_features:?}: {vocabulary:?}"
            );
        }
    }

    #[test]
    fn merges_start_from_the_merged_shards_of_the_state() {
        // The third partial fit merges into a state made by a merge, in place (its shards grown,
        // the vocabulary built when asked for): the result equals one fit of everything, terms,
        // statistics and matrix.
        let docs: Vec<String> = (0..300)
            .map(|i| format!("w{} w{} and w{} w{}", i % 17, i % 5, i % 23, (i * 7) % 31))
            .collect();
        let mut o = TfidfOptions::default();
        o.text.ngram_range = (1, 2);
        let mut parts = TfidfVectorizer::new(o.clone()).unwrap();
        for (k, chunk) in docs.chunks(100).enumerate() {
            parts.partial_fit(chunk).unwrap();
            // (The word analyzer's merges keep the state by word ids.)
            let merged = parts.state.as_ref().unwrap().is_word_merged();
            assert_eq!(merged, k > 0, "chunk {k}");
        }
        let mut whole = TfidfVectorizer::new(o).unwrap();
        whole.fit(&docs).unwrap();
        assert_eq!(
            parts.vocabulary().collect::<Vec<_>>(),
            whole.vocabulary().collect::<Vec<_>>()
        );
        assert_eq!(parts.idf(), whole.idf());
        let (a, b) = (parts.stats().unwrap(), whole.stats().unwrap());
        assert_eq!((a.0, a.1.len()), (b.0, b.1.len()));
        assert_eq!(
            parts.transform(&docs).unwrap(),
            whole.transform(&docs).unwrap()
        );
    }

    /// Everything a state holds, to compare states: documents, terms with their statistics
    /// (in id order), vocabulary and idf.
    #[allow(clippy::type_complexity)]
    fn snapshot(v: &TfidfVectorizer) -> (u64, Vec<(String, u64, u64)>, Vec<String>, Vec<f64>) {
        let (n, terms, df, tf) = v.stats().unwrap();
        let terms = (0..terms.len())
            .map(|t| (terms.resolve(t as u32).to_string(), df[t], tf[t]))
            .collect();
        let vocabulary = v.vocabulary().map(str::to_string).collect();
        (n, terms, vocabulary, v.idf().unwrap().to_vec())
    }

    #[test]
    fn a_partial_fit_that_prunes_every_term_leaves_the_state_as_it_was() {
        // max_df = 2 documents: "aa" (in two documents) is kept; three more documents with
        // "aa" and a new word "zz" put every term above it, so that partial fit fails, and it
        // must leave the state (merged in place by then) as it was, new terms and counts gone.
        for analyzer in ["word", "char_wb"] {
            let o: TfidfOptions = serde_json::from_str(&format!(
                r#"{{"analyzer": "{analyzer}", "ngram_range": [1, 2], "max_df": 2}}"#
            ))
            .unwrap();
            let mut v = TfidfVectorizer::new(o.clone()).unwrap();
            v.partial_fit(&["aa"]).unwrap();
            v.partial_fit(&["aa"]).unwrap();
            let state = v.state.as_ref().unwrap();
            // Merged in place: by word ids (the word analyzer), else by strings.
            let merged = match analyzer {
                "word" => state.is_word_merged(),
                _ => state.is_merged(),
            };
            assert!(merged, "{analyzer}");
            let before = snapshot(&v);
            let failing = ["aa zz"; 3];
            let e = v.partial_fit(&failing).unwrap_err();
            assert_eq!(e.kind(), TfidfErrorKind::EmptyVocabulary, "{analyzer}: {e}");
            assert!(e.message().contains("in 5 documents"), "{analyzer}: {e}");
            assert_eq!(snapshot(&v), before, "{analyzer}");
            // The state goes on as if the failed partial fit had not been.
            v.partial_fit(&["bb zz"]).unwrap();
            let mut fresh = TfidfVectorizer::new(o).unwrap();
            for docs in [["aa"], ["aa"], ["bb zz"]] {
                fresh.partial_fit(&docs).unwrap();
            }
            assert_eq!(snapshot(&v), snapshot(&fresh), "{analyzer}");
            assert_eq!(
                v.transform(&failing).unwrap(),
                fresh.transform(&failing).unwrap()
            );
        }
    }

    /// A state's terms with their statistics, sorted (term ids aside), its vocabulary and idf.
    #[allow(clippy::type_complexity)]
    fn sorted_snapshot(
        v: &TfidfVectorizer,
    ) -> (u64, Vec<(String, u64, u64)>, Vec<String>, Vec<f64>) {
        let (n, mut terms, vocabulary, idf) = snapshot(v);
        terms.sort();
        (n, terms, vocabulary, idf)
    }

    #[test]
    fn a_first_merge_that_prunes_every_term_leaves_the_fit_as_it_was() {
        // The first partial fit onto a fit lays its terms out by word ids, then merges: when
        // pruning then keeps no term, the state holds the fit's terms and counts (their ids
        // aside), vocabulary and idf, and goes on as if the failed partial fit had not been.
        for range in [(1, 2), (2, 3)] {
            let mut o: TfidfOptions = serde_json::from_str(r#"{"max_df": 2}"#).unwrap();
            o.text.ngram_range = range;
            let first = ["aa bb cc", "aa bb dd"];
            let mut v = TfidfVectorizer::new(o.clone()).unwrap();
            v.fit(&first).unwrap();
            let before = sorted_snapshot(&v);
            let failing = ["aa bb cc aa bb dd"; 3];
            let e = v.partial_fit(&failing).unwrap_err();
            assert_eq!(e.kind(), TfidfErrorKind::EmptyVocabulary, "{range:?}: {e}");
            assert!(v.state.as_ref().unwrap().is_word_merged(), "{range:?}");
            assert_eq!(sorted_snapshot(&v), before, "{range:?}");
            v.partial_fit(&["bb ee cc"]).unwrap();
            let mut fresh = TfidfVectorizer::new(o).unwrap();
            fresh.fit(&["aa bb cc", "aa bb dd", "bb ee cc"]).unwrap();
            assert_eq!(sorted_snapshot(&v), sorted_snapshot(&fresh), "{range:?}");
            assert_eq!(v.to_json().unwrap(), fresh.to_json().unwrap(), "{range:?}");
        }
    }

    #[test]
    fn a_loaded_model_fitted_further_is_laid_out_by_word_ids() {
        // A loaded model's terms are strings: the first partial fit onto it splits them into
        // words (in blocks, in parallel), and must not fall back to a merge by strings; the
        // result is the model of one fit of all the documents.
        let docs: Vec<String> = (0..120)
            .map(|i| {
                format!(
                    "w{} x{} w{} \u{1}y{} w{}",
                    i % 11,
                    i % 7,
                    (i * 3) % 13,
                    i % 5,
                    i % 4
                )
            })
            .collect();
        for (range, pattern) in [((1, 2), None), ((1, 3), Some(r"\S+")), ((2, 3), None)] {
            let mut o = TfidfOptions::default();
            o.text.ngram_range = range;
            if let Some(p) = pattern {
                o.text.token_pattern = p.to_string();
            }
            let mut first = TfidfVectorizer::new(o.clone()).unwrap();
            first.fit(&docs[..60]).unwrap();
            let mut v = TfidfVectorizer::from_json(&first.to_json().unwrap()).unwrap();
            v.partial_fit(&docs[60..]).unwrap();
            assert!(v.state.as_ref().unwrap().is_word_merged(), "{range:?}");
            let mut whole = TfidfVectorizer::new(o).unwrap();
            whole.fit(&docs).unwrap();
            assert_eq!(sorted_snapshot(&v), sorted_snapshot(&whole), "{range:?}");
            assert_eq!(v.to_json().unwrap(), whole.to_json().unwrap(), "{range:?}");
        }
    }

    #[test]
    fn partial_fits_of_the_word_analyzer_join_no_n_gram_string() {
        // Merged by word ids, the state's n-grams stay tuples: their strings are joined only
        // for the vocabulary's kept terms (apart), or when a term is resolved.
        let docs: Vec<String> = (0..200)
            .map(|i| format!("w{} w{} w{} w{}", i % 11, i % 7, (i * 3) % 13, i % 5))
            .collect();
        let mut o: TfidfOptions = serde_json::from_str(r#"{"min_df": 2}"#).unwrap();
        o.text.ngram_range = (1, 3);
        let mut v = TfidfVectorizer::new(o.clone()).unwrap();
        for chunk in docs.chunks(50) {
            v.partial_fit(chunk).unwrap();
        }
        let state = v.state.as_ref().unwrap();
        assert!(state.is_word_merged());
        assert!(v.n_features() > 100);
        assert!(!state.terms.is_built());
        let mut whole = TfidfVectorizer::new(o).unwrap();
        whole.fit(&docs).unwrap();
        assert_eq!(
            v.vocabulary().collect::<Vec<_>>(),
            whole.vocabulary().collect::<Vec<_>>()
        );
        assert!(!v.state.as_ref().unwrap().terms.is_built());
    }

    #[test]
    fn a_transform_counts_only_the_n_grams_the_vocabulary_holds() {
        // 400 documents of words drawn from 60: thousands of distinct n-grams, of which
        // max_features keeps 150 (the 60 words among them with min_n = 1).
        let mut x = 1u64;
        let docs: Vec<String> = (0..400)
            .map(|_| {
                (0..12)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        format!("w{}", (x >> 33) % 60)
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        for (min_n, max_n) in [(1, 2), (2, 2), (1, 3), (2, 3)] {
            let mut o = TfidfOptions {
                max_features: Some(150),
                ..TfidfOptions::default()
            };
            o.text.ngram_range = (min_n, max_n);
            let mut v = TfidfVectorizer::new(o).unwrap();
            let fitted = v.fit_transform(&docs).unwrap();
            let state = v.state.as_ref().unwrap();
            let ix = state.id_index().unwrap();
            let grams_of = |terms: &Terms| {
                (0..terms.len() as u32)
                    .filter(|&t| matches!(terms.made_of(t), MadeOf::Gram(_)))
                    .count()
            };
            let vocabulary = state
                .vocabulary()
                .columns
                .iter()
                .filter(|&&t| matches!(state.terms.made_of(t), MadeOf::Gram(_)))
                .count();
            let count = |vocabulary: Option<&dyn GramVocabulary>| {
                grams::count(
                    &v.analyzer,
                    &docs,
                    vec![0..150, 150..400],
                    true,
                    false,
                    vocabulary,
                )
                .unwrap()
            };
            let (only, all) = (count(Some(ix)), count(None));
            let range = (min_n, max_n);
            assert!(vocabulary > 0, "{range:?}");
            assert_eq!(grams_of(&only.terms), vocabulary, "{range:?}");
            let n_all = grams_of(&all.terms);
            assert!(
                n_all > 5 * vocabulary,
                "{range:?}: {n_all} against {vocabulary}"
            );
            assert_eq!(v.transform(&docs).unwrap(), fitted, "{range:?}");
        }
    }

    #[test]
    fn a_model_that_keeps_only_its_vocabulary_transforms_the_same() {
        let docs: Vec<String> = (0..300)
            .map(|i| format!("w{} w{} and w{} w{}", i % 17, i % 5, i % 23, (i * 7) % 31))
            .collect();
        let bigrams = |f: &dyn Fn(&mut TfidfOptions)| {
            let mut o = TfidfOptions::default();
            o.text.ngram_range = (1, 2);
            f(&mut o);
            o
        };
        for o in [
            bigrams(&|o| o.min_df = DfThreshold::Count(3)),
            bigrams(&|o| o.max_features = Some(40)),
            bigrams(&|o| {
                o.weighting = Weighting::bm25();
                o.max_df = DfThreshold::Proportion(0.2);
            }),
        ] {
            let mut v = TfidfVectorizer::new(o.clone()).unwrap();
            v.fit(&docs[..200]).unwrap();
            // A model as `gist tfidf transform` has it: loaded from its file.
            let mut loaded = TfidfVectorizer::from_json(&v.to_json().unwrap()).unwrap();
            // What a transform depends on.
            let observed = |v: &TfidfVectorizer| {
                (
                    v.transform(&docs).unwrap(),
                    v.vocabulary().map(str::to_string).collect::<Vec<_>>(),
                    v.idf().map(<[f64]>::to_vec),
                    v.document_frequencies(),
                    v.mean_document_length(),
                )
            };
            for v in [&mut v, &mut loaded] {
                let counted = v.stats().unwrap().1.len();
                let before = observed(v);
                v.keep_vocabulary_only();
                assert!(v.is_vocabulary_only());
                let kept = v.stats().unwrap().1.len();
                assert!(kept < counted, "{kept} of {counted} terms kept");
                assert_eq!(kept, v.n_features());
                assert_eq!(observed(v), before);
                for e in [v.partial_fit(&docs).unwrap_err(), v.to_json().unwrap_err()] {
                    assert_eq!(e.kind(), TfidfErrorKind::Unsupported, "{e}");
                }
                v.fit(&docs).unwrap();
                assert!(!v.is_vocabulary_only());
            }
        }
    }

    #[test]
    fn n_grams_by_word_ids_check_hashed_keys_and_defer_shared_ones() {
        let mut o = TfidfOptions::default();
        o.text.ngram_range = (1, 3);
        let docs = ["alpha beta gamma delta", "beta gamma delta alpha", "gamma"];
        let mut v = TfidfVectorizer::new(o).unwrap();
        v.fit(&docs).unwrap();
        let state = v.state.as_ref().unwrap();
        let ix = state.id_index().expect("a word-analyzer fit");
        let id = |w: &str| ix.words.get(w).unwrap();
        let (a, b, g, d) = (id("alpha"), id("beta"), id("gamma"), id("delta"));
        let column = |t: &str| v.column(t).unwrap();
        assert_eq!(ix.word_column[g as usize], column("gamma"));
        assert_eq!(state.gram_column(ix, &[a, b]), Some(column("alpha beta")));
        assert_eq!(
            state.gram_column(ix, &[b, g, d]),
            Some(column("beta gamma delta"))
        );
        assert_eq!(state.gram_column(ix, &[b, a]), Some(NONE));
        assert_eq!(state.gram_column(ix, &[d, g, b]), Some(NONE));
        // A hashed key found for another n-gram's column (as two tuples sharing a hash
        // would): the words are checked.
        let mut forged = ix.clone();
        forged
            .grams
            .insert(grams::gram_key(&[d, g, b]), column("beta gamma delta"));
        assert_eq!(state.gram_column(&forged, &[d, g, b]), Some(NONE));
        // A key two kept n-grams share: left to the string lookup.
        forged.shared.insert(grams::gram_key(&[b, g, d]));
        assert_eq!(state.gram_column(&forged, &[b, g, d]), None);
        // A model loaded from its file: word ids from its strings, pairs by them, longer
        // n-grams by string.
        let loaded = TfidfVectorizer::from_json(&v.to_json().unwrap()).unwrap();
        let state = loaded.state.as_ref().unwrap();
        let ix = state.id_index().expect("an index from the strings");
        let id = |w: &str| ix.words.get(w).unwrap();
        let (a, b, g, d) = (id("alpha"), id("beta"), id("gamma"), id("delta"));
        let column = |t: &str| loaded.column(t).unwrap();
        assert_eq!(ix.word_column[g as usize], column("gamma"));
        assert_eq!(state.gram_column(ix, &[a, b]), Some(column("alpha beta")));
        assert_eq!(state.gram_column(ix, &[b, a]), Some(NONE));
        assert_eq!(state.gram_column(ix, &[b, g, d]), None);
        assert_eq!(state.gram_column(ix, &[d, g, b]), Some(NONE));
        assert_eq!(
            loaded.transform(&docs).unwrap(),
            v.transform(&docs).unwrap()
        );
    }
}
