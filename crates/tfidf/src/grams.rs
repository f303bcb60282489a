//! Counting word n-grams by id: the fit of the word analyzer.
//!
//! Words (tokens after preprocessing, but stop words) get dense word ids in a [`WordTable`]
//! (which knows the stop words met too, numbered apart); a word of at most 16 bytes is its own
//! hash key, packed into two `u64`, so most lookups compare integers and never touch the
//! string. With the usual `\w` token patterns, words are found 64 bytes at a time and keyed
//! straight from the text (a text whose lowercasing changes only its ASCII letters is never
//! copied: its words are lowercased eight bytes at a time as they are keyed), and each word's
//! unigram counts sit in one small record beside its place in the current document's row. An
//! n-gram (n >= 2) is then a tuple of word ids, interned in a [`GramTable`] (keyed by the
//! packed pair of a bigram's word ids, by a hash of a longer n-gram's), whose 8-byte slots
//! hold the term and a tag of its key; its counts sit in a per-term record: no n-gram string
//! is built while counting.
//!
//! [`count`] works in two parallel phases. First the documents are tokenized into word ids,
//! one chunk of documents per thread, and the chunks' (small) word tables are merged. Then
//! the features are counted in partitions by hash of their key, one partition per thread,
//! each over all documents: no two threads count the same term, so nothing large is merged.
//! The n-gram terms stay word-id tuples ([`GramTerms`]): their strings are built only for the
//! terms the vocabulary keeps, or all at once if the model needs them all. Term ids depend on
//! the number of threads; the strings, the counts and the vocabulary built from them do not.

use crate::analyze::{Scratch, TextAnalyzer, ascii_lower8, continuation_bytes16};
use crate::error::{TfidfError, TfidfErrorKind};
use crate::intern::{GramTerms, SHARDS, Sources, TermList, Terms, hash_bytes};
use crate::phases::{self, Phases};
use crate::termstats::{PartStats, TermStats};
use crate::vectorizer::{
    NONE, Rows, cell, cell_incremented, push_mapped, remap_in_place, remap_rows, sort_row,
};
use rayon::prelude::*;
use std::borrow::Cow;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// How much of the next document [`prefetched`] asks the processor to fetch while the
/// current one is read (most documents whole: paragraphs are a few hundred bytes).
const PREFETCH_DOC: usize = 1024;

/// log2 of the number of entries of [`WordTable`]'s cache of frequent words (192 KiB). 2^13
/// against 2^12 (the comparison's 20.7 MB, 21 alternated first fits each, `tfidf_profile.sh
/// ab`): one thread 0.1560 -> 0.1517 s (median), two threads 0.0911 -> 0.0915 s.
const HOT_BITS: u32 = 13;

/// Up to eight bytes packed little-endian into a `u64` (zeros above).
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = bytes.len().min(8);
    w[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(w)
}

/// The key of a word: its bytes packed into two `u64` when it has at most 16 (exact, with the
/// length), else a hash of its bytes (compared with the word itself on a match).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct WordKey {
    a: u64,
    b: u64,
    len: u64,
}

/// Longest word whose key is exact.
const EXACT: usize = 16;

/// `LOW_BYTES[n]`: the low `n` bytes of a `u128` set.
const LOW_BYTES: [u128; EXACT + 1] = {
    let mut m = [0u128; EXACT + 1];
    let mut n = 1;
    while n <= EXACT {
        m[n] = (m[n - 1] << 8) | 0xFF;
        n += 1;
    }
    m
};

impl WordKey {
    /// The key of `word` as it is.
    #[inline]
    fn of(word: &[u8]) -> WordKey {
        let len = word.len();
        let (a, b) = if len <= 8 {
            (pack(word), 0)
        } else if len <= EXACT {
            (pack(&word[..8]), pack(&word[8..]))
        } else {
            (hash_bytes(word), 0)
        };
        WordKey {
            a,
            b,
            len: len.min(META_LEN as usize) as u64,
        }
    }

    /// The key of the word `doc[start..end]` (at most [`EXACT`] bytes), its ASCII letters
    /// lowercased if `lower` (other bytes are left as they are): equal to `WordKey::of` the
    /// word so lowercased. Reads the word as two `u64` (see [`words_of`](Self::words_of)).
    #[inline]
    fn of_text(doc: &[u8], start: usize, end: usize, lower: bool) -> WordKey {
        let len = end - start;
        debug_assert!(len <= EXACT);
        let (a, b) = WordKey::words_of(doc, start, end);
        let (a, b) = if lower {
            (ascii_lower8(a), ascii_lower8(b))
        } else {
            (a, b)
        };
        WordKey {
            a,
            b,
            len: len as u64,
        }
    }

    /// The bytes of the word `doc[start..end]` (at most [`EXACT`]) packed little-endian into
    /// two `u64`, zeros past its end: one 16-byte read, masked, where the text has 16 bytes
    /// from the word's start.
    #[inline(always)]
    fn words_of(doc: &[u8], start: usize, end: usize) -> (u64, u64) {
        let len = end - start;
        match doc.get(start..start + 16) {
            // Sixteen bytes to read: no branch on the word's length.
            Some(sixteen) => {
                let mut w = [0u8; 16];
                w.copy_from_slice(sixteen);
                let x = u128::from_le_bytes(w) & LOW_BYTES[len];
                (x as u64, (x >> 64) as u64)
            }
            None => (
                pack(&doc[start..start + len.min(8)]),
                pack(&doc[(start + 8).min(end)..end]),
            ),
        }
    }

    /// The key of the word `doc[start..end]` (at most [`EXACT`] bytes), its ASCII letters
    /// lowercased if `lower`, with its number of characters (UTF-8 text): its bytes that are not
    /// continuation bytes (`0b10xx_xxxx`), counted in the two words read, so that a short run of
    /// a text that is not ASCII is measured in characters at the cost of a few instructions.
    #[inline]
    fn of_text_counting(doc: &[u8], start: usize, end: usize, lower: bool) -> (WordKey, usize) {
        let len = end - start;
        debug_assert!(len <= EXACT);
        let (a, b) = WordKey::words_of(doc, start, end);
        // (The bytes past the word are zeros, not continuation bytes.)
        let chars = len - continuation_bytes16(a, b);
        let (a, b) = if lower {
            (ascii_lower8(a), ascii_lower8(b))
        } else {
            (a, b)
        };
        let key = WordKey {
            a,
            b,
            len: len as u64,
        };
        (key, chars)
    }

    /// The slot where a search starts, in a table of `2^(64 - shift)` slots.
    #[inline]
    fn home(&self, shift: u32) -> usize {
        ((self.a ^ self.b.rotate_left(23) ^ self.len.rotate_left(47)).wrapping_mul(K) >> shift)
            as usize
    }
}

/// A word's entry in [`WordTable`]: `(id + 1) | len << 32 | stop << 63` (`len` capped at
/// [`META_LEN`]; a stop word's id is its place among the stop words, apart from the words'
/// ids); 0 for an empty slot.
type Meta = u64;

/// Largest length recorded in a [`Meta`].
const META_LEN: u64 = (1 << 31) - 1;

/// The word id of a [`Meta`].
#[inline]
fn meta_id(m: Meta) -> u32 {
    (m as u32).wrapping_sub(1)
}

/// Whether a [`Meta`]'s word is a stop word.
#[inline]
fn meta_stop(m: Meta) -> bool {
    m >> 63 != 0
}

/// `n` copies of `value`, each written by the program. A hash table allocated zeroed
/// (`vec![0; n]`) gets its pages from the kernel lazily: a probe that reads an untouched page
/// maps the shared zero page, and the insert that follows must replace it, which flushes the
/// TLB of every core running the process; with two threads filling tables, those flushes
/// (inter-processor interrupts) took 40% of a fit's time. Writing every slot first maps each
/// page writable once, with no flush.
pub(crate) fn written<T: Clone>(n: usize, value: T) -> Vec<T> {
    // black_box keeps the allocation and the writes from being folded into a zeroed
    // allocation.
    let mut v: Vec<T> = std::hint::black_box(Vec::with_capacity(n));
    v.resize(n, value);
    v
}

/// The slot where a search for `key` starts, in a table of `2^(64 - shift)` slots.
#[inline]
fn home(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(K) >> shift) as usize
}

/// Asks the processor to bring `slot` into cache, so that several lookups in a large table
/// can wait for memory at once rather than one after another (or the next document be read
/// while the current one is scanned).
#[inline]
pub(crate) fn prefetch<T>(slot: &T) {
    // SAFETY: a prefetch is only a hint: it never faults and reads nothing into the program;
    // the pointer comes from a live reference. Measured (2026-11-28, 20.7 MB of Gutenberg
    // paragraphs, stop_words="english", ngram_range=(1, 2), min_df=2, one thread, CPU time of
    // fit_transform, three runs each): 0.59-0.61 s without prefetching in the bigram table,
    // 0.52-0.54 s with it. The bigram table (1.5 million entries) is far larger than the
    // caches, and each lookup otherwise waits for memory on its own. Fetching the next
    // document's first 1,024 bytes while tokenizing (same data, default options, medians of
    // nine alternated first fits): 0.1497 -> 0.1401 s on one thread, 0.0849 -> 0.0822 s on
    // two.
    #[cfg(target_arch = "x86_64")]
    #[allow(unsafe_code)]
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((slot as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slot;
}

/// The documents `docs` in order, each one's next asked of the processor (its first
/// [`PREFETCH_DOC`] bytes) when it is handed out: each document is an allocation of its own,
/// and the hardware does not guess which one is read next; fetched ahead, its first lines are
/// in cache when its scan starts.
#[inline]
pub(crate) fn prefetched<S: AsRef<str>>(docs: &[S]) -> impl Iterator<Item = &str> {
    docs.iter().enumerate().map(move |(i, d)| {
        if let Some(next) = docs.get(i + 1) {
            let bytes = next.as_ref().as_bytes();
            for line in (0..bytes.len().min(PREFETCH_DOC)).step_by(64) {
                prefetch(&bytes[line]);
            }
        }
        d.as_ref()
    })
}

/// Distinct words of a chunk with dense ids.
#[derive(Debug)]
pub(crate) struct WordTable {
    /// Open addressing, linear probing: `[key.a, key.b, meta]` ([`Meta`]), or a zero meta
    /// when empty; up to three quarters full (most lookups stop at the cache of frequent
    /// words, and every page of a table is written when it is allocated, so its size is much
    /// of its cost).
    slots: Vec<[u64; 3]>,
    shift: u32,
    /// A direct-mapped cache of the last slot seen for words with exact keys, small enough
    /// to stay in the processor's cache while the text streams by: most tokens are frequent
    /// words found here without reading the (larger) table.
    hot: Box<[[u64; 3]; 1 << HOT_BITS]>,
    /// The words, by id: every word met but the stop words, which are never counted.
    words: TermList,
    /// The stop words met, by their own ids (kept to compare words with hashed keys).
    stops: TermList,
}

impl WordTable {
    fn new() -> WordTable {
        WordTable {
            slots: written(1 << 12, [0; 3]),
            shift: 64 - 12,
            hot: written(1 << HOT_BITS, [0; 3])
                .into_boxed_slice()
                .try_into()
                .unwrap_or_else(|_| unreachable!("the cache has 1 << HOT_BITS entries")),
            words: TermList::with_capacity(2048, 16 * 1024),
            stops: TermList::with_capacity(0, 0),
        }
    }

    /// Number of distinct words (stop words not included).
    fn len(&self) -> usize {
        self.words.len()
    }

    /// The string of the word or stop word with meta `m`.
    fn resolve(&self, m: Meta) -> &str {
        if meta_stop(m) {
            self.stops.resolve(meta_id(m))
        } else {
            self.words.resolve(meta_id(m))
        }
    }

    /// The slot of the word with key `key` (`word` its bytes, read only for hashed keys), or
    /// the empty slot where it would go.
    #[inline]
    fn probe(&self, key: &WordKey, word: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let mut pos = key.home(self.shift);
        loop {
            let [a, b, m] = self.slots[pos];
            if m == 0
                || (a == key.a
                    && b == key.b
                    && (m >> 32) & META_LEN == key.len
                    && (key.len as usize <= EXACT || self.resolve(m).as_bytes() == word))
            {
                return pos;
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The meta of the word `word`, if present (no update of the cache of frequent words).
    #[cfg(test)]
    fn find(&self, word: &str) -> Option<Meta> {
        let key = WordKey::of(word.as_bytes());
        let m = self.slots[self.probe(&key, word.as_bytes())][2];
        (m != 0).then_some(m)
    }

    /// The meta of the word with key `key` (a non-empty word): from the cache of frequent
    /// words, else the table (then cached); `None` if absent. `word` (the word's bytes) is read
    /// only for hashed keys.
    #[inline(always)]
    fn get(&mut self, key: &WordKey, word: &[u8]) -> Option<Meta> {
        debug_assert!(key.len > 0);
        if key.len as usize <= EXACT {
            // An empty entry never matches: its length (0) is no word's.
            let [a, b, m] = self.hot[key.home(64 - HOT_BITS)];
            if a == key.a && b == key.b && (m >> 32) & META_LEN == key.len {
                return Some(m);
            }
        }
        self.get_from_table(key, word)
    }

    /// [`get`](Self::get) past the cache of frequent words.
    #[inline(never)]
    fn get_from_table(&mut self, key: &WordKey, word: &[u8]) -> Option<Meta> {
        let slot = self.slots[self.probe(key, word)];
        if slot[2] == 0 {
            return None;
        }
        if key.len as usize <= EXACT {
            self.hot[key.home(64 - HOT_BITS)] = slot;
        }
        Some(slot[2])
    }

    /// Adds `word` (key `key`, absent from the table) with its stop flag; returns its meta.
    /// A word gets the next word id, a stop word the next stop word id.
    fn insert(&mut self, key: &WordKey, word: &str, stop: bool) -> Meta {
        let pos = self.probe(key, word.as_bytes());
        let list = if stop {
            &mut self.stops
        } else {
            &mut self.words
        };
        let id = list.len() as u64;
        list.push(word);
        let m = (id + 1) | (key.len << 32) | (u64::from(stop) << 63);
        self.slots[pos] = [key.a, key.b, m];
        if (self.words.len() + self.stops.len()) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        m
    }

    /// The meta of `word` (already preprocessed), added if new (`is_stop` decides its stop
    /// flag).
    #[inline]
    fn intern(&mut self, word: &str, is_stop: impl FnOnce(&str) -> bool) -> Meta {
        let key = WordKey::of(word.as_bytes());
        match self.get(&key, word.as_bytes()) {
            Some(m) => m,
            None => self.insert(&key, word, is_stop(word)),
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = written(old.len() * 2, [0; 3]);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for [a, b, m] in old {
            if m != 0 {
                let key = WordKey {
                    a,
                    b,
                    len: (m >> 32) & META_LEN,
                };
                let mut pos = key.home(self.shift);
                while self.slots[pos][2] != 0 {
                    pos = (pos + 1) & mask;
                }
                self.slots[pos] = [a, b, m];
            }
        }
    }
}

/// Distinct n-grams (for one n >= 2) of a partition, as tuples of word ids, with term ids.
#[derive(Debug)]
pub(crate) struct GramTable {
    n: usize,
    /// `term + 1 | tag << 32` ([`tag`] of the n-gram's key), or 0 when empty. Eight bytes a
    /// slot and up to three quarters full: the table for a large corpus is far larger than
    /// the caches and every page of it is written once, so its size is much of its cost. A
    /// slot whose tag matches is checked against the n-gram's word ids (`words`), which only
    /// an n-gram already counted reads (a new one's search ends on an empty slot).
    slots: Vec<u64>,
    shift: u32,
    /// Number of n-grams.
    count: usize,
    /// The word ids of n-gram `i`: `words[i * n..(i + 1) * n]`.
    words: Vec<u32>,
}

/// The 32 bits of an n-gram's key kept in its slot: from the key's bits that the slot's
/// place ([`home`], the product's highest bits) does not come from.
#[inline]
fn tag(key: u64) -> u64 {
    (key ^ (key >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32
}

impl GramTable {
    fn new(n: usize, capacity: usize) -> GramTable {
        let bits = (capacity.max(1024) / 3 * 4 + 1)
            .next_power_of_two()
            .trailing_zeros();
        GramTable {
            n,
            slots: written(1 << bits, 0),
            shift: 64 - bits,
            count: 0,
            words: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.count
    }

    /// The slot of the n-gram `ids` (`ids.len() == n`) with key `key`, added as term `next`
    /// if new (`sources` tells where earlier terms come from). Returns `(slot, is_new)`.
    #[inline]
    fn find_or_add(
        &mut self,
        ids: &[u32],
        key: u64,
        next: u32,
        sources: &Sources,
    ) -> (usize, bool) {
        let mut pos = self.find(ids, key, sources);
        if self.slots[pos] != 0 {
            return (pos, false);
        }
        if (self.len() + 1) * 4 > self.slots.len() * 3 {
            // Grow first: the new n-gram is not in the table yet, so the search in the grown
            // table ends on the empty slot where it goes.
            self.grow(sources);
            pos = self.find(ids, key, sources);
        }
        match ids {
            // Two words, the usual case: no copy call for two integers.
            &[a, b] => self.words.extend([a, b]),
            _ => self.words.extend_from_slice(ids),
        }
        self.count += 1;
        self.slots[pos] = (u64::from(next) + 1) | tag(key) << 32;
        (pos, true)
    }

    /// The slot of the n-gram `ids`, or the empty slot where it would go.
    #[inline]
    fn find(&self, ids: &[u32], key: u64, sources: &Sources) -> usize {
        let mask = self.slots.len() - 1;
        let mut pos = home(key, self.shift);
        let tag = tag(key);
        loop {
            let slot = self.slots[pos];
            if slot == 0 {
                return pos;
            }
            if slot >> 32 == tag
                && self
                    .gram_of_term(slot, sources)
                    // Word by word: a slice comparison calls `memcmp`, for two words.
                    .is_some_and(|g| g.len() == ids.len() && g.iter().zip(ids).all(|(a, b)| a == b))
            {
                return pos;
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The word ids of the term in a (full) slot.
    #[inline]
    fn gram_of_term(&self, slot: u64, sources: &Sources) -> Option<&[u32]> {
        let t = (slot as u32).wrapping_sub(1) as usize;
        sources.get(t).map(|(_, i)| self.gram(i))
    }

    /// Asks the processor to bring the first slot `key` would probe into cache.
    #[inline]
    fn prefetch(&self, key: u64) {
        prefetch(&self.slots[home(key, self.shift)]);
    }

    /// The term id in slot `pos`.
    #[inline]
    fn term_at(&self, pos: usize) -> u32 {
        (self.slots[pos] as u32).wrapping_sub(1)
    }

    fn gram(&self, index: u32) -> &[u32] {
        let i = index as usize * self.n;
        &self.words[i..i + self.n]
    }

    fn grow(&mut self, sources: &Sources) {
        let old = std::mem::take(&mut self.slots);
        self.slots = written(old.len() * 2, 0);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for slot in old {
            if slot != 0 {
                let key = self.gram_of_term(slot, sources).map_or(0, gram_key);
                let mut pos = home(key, self.shift);
                while self.slots[pos] != 0 {
                    pos = (pos + 1) & mask;
                }
                self.slots[pos] = slot;
            }
        }
    }
}

/// The key of a tuple of word ids: the pair itself for two, a hash for more.
#[inline]
pub(crate) fn gram_key(ids: &[u32]) -> u64 {
    if let [a, b] = ids {
        return (u64::from(*a) << 32) | u64::from(*b);
    }
    let mut h = (ids.len() as u64).wrapping_mul(K);
    for &w in ids {
        h = (h.rotate_left(5) ^ u64::from(w)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

fn too_many_terms() -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::Unsupported,
        "more than 4,294,967,294 distinct terms or words in one fit: split the corpus or use the hashing vectorizer",
    )
}

fn too_many_documents() -> TfidfError {
    TfidfError::new(
        TfidfErrorKind::Unsupported,
        "4,294,967,295 documents or more in one fit: fit them in several calls (partial_fit)",
    )
}

/// A chunk of documents after the first phase: its words, its documents' tokens as word ids
/// (when n-grams follow), and its unigram counts.
struct Tokens {
    words: WordTable,
    /// Word ids of the tokens that are not stop words, document after document (chunk-local,
    /// then global after [`merge_words`]); empty when no n-gram of 2 or more words is counted.
    ids: Vec<u32>,
    /// Document `d` of the chunk is `ids[ends[d - 1]..ends[d]]`.
    ends: Vec<usize>,
    /// Per word: documents and occurrences as a unigram (empty when unigrams are not counted).
    word_df: Vec<u64>,
    word_tf: Vec<u64>,
    /// Each document's unigram counts by word id (when rows are kept): chunk-local ids, also
    /// after [`merge_words`] (whose maps translate them). The first `in_region` cells are in
    /// the chunk's region of a shared vector (see [`count`]), the others in `rows.cells`.
    rows: Option<Rows>,
    in_region: usize,
}

/// What the first phase knows of a word of a chunk, counted as a unigram.
#[derive(Clone, Copy, Default)]
struct WordCount {
    /// The last document (1-based, in the chunk) the word was seen in; 0 if none yet.
    last: u32,
    /// Its place in that document's row.
    at: u32,
    /// Documents it occurs in.
    df: u32,
    /// Occurrences, modulo 2^32 (the carries are in [`UnigramCounter::tf_high`]).
    tf: u32,
}

/// Unigram counts of a chunk by word id, and each document's row of (word, count): a word's
/// counts and its place in the current row sit together, so counting an occurrence reads one
/// small record (most of the time one of the frequent words' records, in cache).
struct UnigramCounter<'r> {
    words: Vec<WordCount>,
    /// Per word, occurrences divided by 2^32 (grown on a carry, so almost always empty).
    tf_high: Vec<u32>,
    /// Whether each document's row is kept in `ends` and `cells`.
    keep_rows: bool,
    /// Document `d`'s row is cells `ends[d - 1]..ends[d]` of `cells`.
    ends: Vec<usize>,
    cells: Cells<'r>,
    /// Where the current document's row starts in `cells`.
    row_start: usize,
    /// The current document, 1-based.
    doc: u32,
}

/// Where a chunk's cells are written, one after another: its region of a vector that the
/// chunks share (see [`count`]), then, past the region's end, a vector of its own (only that
/// vector when the region is empty).
struct Cells<'r> {
    region: &'r mut [f64],
    rest: Vec<f64>,
    /// Cells written.
    len: usize,
}

impl Cells<'_> {
    #[inline(always)]
    fn push(&mut self, c: f64) {
        match self.region.get_mut(self.len) {
            Some(slot) => *slot = c,
            None => self.rest.push(c),
        }
        self.len += 1;
    }

    /// Cell `k` (of those written).
    #[inline(always)]
    fn get_mut(&mut self, k: usize) -> Option<&mut f64> {
        let n = self.region.len();
        if k < n {
            self.region.get_mut(k)
        } else {
            self.rest.get_mut(k - n)
        }
    }

    /// The cells written past the region, and how many are in it.
    fn into_rest(self) -> (Vec<f64>, usize) {
        let in_region = self.len.min(self.region.len());
        (self.rest, in_region)
    }
}

impl UnigramCounter<'_> {
    /// Counts the word with id `w` in the current document. Every word has its record
    /// (see [`new_word`](Self::new_word)).
    #[inline(always)]
    fn add(&mut self, w: u32) {
        let wi = w as usize;
        let c = &mut self.words[wi];
        if c.tf == u32::MAX {
            carry(&mut self.tf_high, wi);
        }
        c.tf = c.tf.wrapping_add(1);
        if c.last != self.doc {
            c.last = self.doc;
            c.df += 1;
            if self.keep_rows {
                // A row has fewer distinct words than the chunk (< 2^32).
                c.at = (self.cells.len - self.row_start) as u32;
                self.cells.push(cell(w, 1));
            }
        } else if self.keep_rows {
            let k = self.row_start + c.at as usize;
            if let Some(n) = self.cells.get_mut(k) {
                *n = cell_incremented(*n);
            }
        }
    }

    /// Gives the next word id its record.
    fn new_word(&mut self) {
        self.words.push(WordCount::default());
    }

    /// Ends the current document.
    fn end_document(&mut self) {
        if self.keep_rows {
            self.ends.push(self.cells.len);
            self.row_start = self.cells.len;
        }
        self.doc += 1;
    }

    /// The rows counted, if kept: their ends and the cells past the chunk's region, and how
    /// many cells are in the region.
    fn into_rows(self) -> Option<(Rows, usize)> {
        let keep = self.keep_rows;
        let (cells, in_region) = self.cells.into_rest();
        keep.then_some((
            Rows {
                ends: self.ends,
                cells,
            },
            in_region,
        ))
    }

    /// Document frequencies and counts of words `0..n`.
    fn totals(&self, n: usize) -> (Vec<u64>, Vec<u64>) {
        let mut df = vec![0u64; n];
        let mut tf = vec![0u64; n];
        for (w, c) in self.words.iter().enumerate().take(n) {
            df[w] = u64::from(c.df);
            tf[w] = u64::from(c.tf) | u64::from(self.tf_high.get(w).copied().unwrap_or(0)) << 32;
        }
        (df, tf)
    }
}

/// Carries word `w`'s count past 2^32 into `tf_high`.
#[cold]
fn carry(tf_high: &mut Vec<u32>, w: usize) {
    if tf_high.len() <= w {
        tf_high.resize(w + 1, 0);
    }
    tf_high[w] += 1;
}

/// Tokenizes a chunk of documents into word ids, counting unigrams on the way.
///
/// The rows' cells go to `region` (a part of a vector the chunks share, see [`count`]) and,
/// past its end, to a vector of the chunk's own. That vector's room: with an empty region,
/// `room` bytes of text (about one entry per 8 bytes): without n-grams the first chunk's cells
/// become the matrix's values, and reserving room for all of them here (address space, not
/// memory, until written) spares growing them later, which copies them when the allocator
/// cannot grow the block in place. (With n-grams the rows that `Counted::rows_by_column` builds
/// become the values, and `room` is unused.)
fn tokenize_chunk<S: AsRef<str>>(
    analyzer: &TextAnalyzer,
    docs: &[S],
    keep_rows: bool,
    room: usize,
    region: &mut [f64],
) -> Result<Tokens, TfidfError> {
    if docs.len() >= u32::MAX as usize {
        return Err(too_many_documents());
    }
    let (min_n, max_n) = analyzer.ngram_range();
    let (unigrams, grams) = (min_n == 1, max_n >= 2);
    let bytes: usize = docs.iter().map(|d| d.as_ref().len()).sum();
    let mut words = WordTable::new();
    let mut ids = Vec::with_capacity(if grams { bytes / 6 + 16 } else { 0 });
    let mut ends = Vec::with_capacity(docs.len());
    let rows = keep_rows && unigrams;
    let mut counter = UnigramCounter {
        words: Vec::with_capacity(2048),
        tf_high: Vec::new(),
        keep_rows: rows,
        ends: if rows {
            Vec::with_capacity(docs.len())
        } else {
            Vec::new()
        },
        cells: Cells {
            // About one distinct word per 8 bytes of text.
            rest: if rows && region.is_empty() {
                Vec::with_capacity(if grams { bytes } else { bytes.max(room) } / 8 + 16)
            } else {
                Vec::new()
            },
            region,
            len: 0,
        },
        row_start: 0,
        doc: 1,
    };
    #[inline(always)]
    fn count(
        m: Meta,
        grams: bool,
        unigrams: bool,
        ids: &mut Vec<u32>,
        counter: &mut UnigramCounter,
    ) {
        if meta_stop(m) {
            return;
        }
        let w = meta_id(m);
        if grams {
            ids.push(w);
        }
        if unigrams {
            counter.add(w);
        }
    }
    let mut scratch = Scratch::default();
    // The current document's words' metas, in order (see the loop below).
    let mut metas: Vec<Meta> = Vec::new();
    let mut spelled = String::new();
    // The meta of a word not found by key (`key`, when given, is its key and the word is
    // absent), added if new: lowercased first if `lower`.
    let mut add_word = |words: &mut WordTable,
                        counter: &mut UnigramCounter,
                        word: &str,
                        lower: bool,
                        key: Option<&WordKey>| {
        let word = if lower {
            spelled.clear();
            spelled.push_str(word);
            spelled.make_ascii_lowercase();
            spelled.as_str()
        } else {
            word
        };
        let n = words.len();
        let m = match key {
            Some(key) => words.insert(key, word, analyzer.is_stop(word)),
            None => words.intern(word, |t| analyzer.is_stop(t)),
        };
        if words.len() > n {
            counter.new_word();
        }
        m
    };
    for text in prefetched(docs) {
        if let Some(found) = analyzer.word_spans(text, &mut scratch) {
            // Words found 64 bytes at a time and keyed straight from the text (unless
            // preprocessing had to copy it, its words are lowercased eight bytes at a time as
            // they are keyed).
            let (doc, lower, min_chars) = (found.doc, found.lower, found.min_chars);
            // In ASCII text a word has as many characters as bytes: its continuation bytes
            // are not counted (a branch the same for every word of the document).
            let ascii = found.ascii;
            let bytes = doc.as_bytes();
            // Two loops: the document's words looked up, then counted. Apart, each loop's
            // iterations depend little on one another, so the processor overlaps the lookups'
            // (and then the counting records') memory reads across words, where one loop doing
            // both lost that overlap at every mispredicted branch (a miss of the cache of
            // frequent words, a word's first occurrence in the document): 3% faster on one
            // thread (medians of 21 alternated first fits, `tfidf_profile.sh ab`).
            metas.clear();
            for &(a, b) in found.spans {
                let (a, b) = (a as usize, b as usize);
                if b - a < min_chars {
                    continue;
                }
                let m = if b - a <= EXACT {
                    // Measured in characters as it is keyed: in a text that is not ASCII, a
                    // run may have fewer characters than bytes.
                    let key = if ascii {
                        WordKey::of_text(bytes, a, b, lower)
                    } else {
                        let (key, chars) = WordKey::of_text_counting(bytes, a, b, lower);
                        if chars < min_chars {
                            continue;
                        }
                        key
                    };
                    match words.get(&key, &[]) {
                        Some(m) => m,
                        None => add_word(&mut words, &mut counter, &doc[a..b], lower, Some(&key)),
                    }
                } else {
                    if !found.keeps(a, b) {
                        continue;
                    }
                    add_word(&mut words, &mut counter, &doc[a..b], lower, None)
                };
                metas.push(m);
            }
            for &m in &metas {
                count(m, grams, unigrams, &mut ids, &mut counter);
            }
        } else {
            analyzer.for_each_word(text, &mut scratch, |doc, a, b| {
                let m = add_word(&mut words, &mut counter, &doc[a..b], false, None);
                count(m, grams, unigrams, &mut ids, &mut counter);
            });
        }
        ends.push(ids.len());
        counter.end_document();
    }
    if words.len() >= NONE as usize {
        return Err(too_many_terms());
    }
    let (word_df, word_tf) = if unigrams {
        counter.totals(words.len())
    } else {
        (Vec::new(), Vec::new())
    };
    let (rows, in_region) = counter.into_rows().unzip();
    Ok(Tokens {
        words,
        ids,
        ends,
        word_df,
        word_tf,
        rows,
        in_region: in_region.unwrap_or(0),
    })
}

/// Gives the words of all chunks one id space, the first chunk's: returns the list of all
/// distinct words, with their unigram document frequencies and counts summed, and for each
/// chunk after the first the map from its word ids to the merged ones; rewrites the word ids
/// of the other chunks' tokens (their rows keep chunk-local ids, translated by the maps when
/// the rows are mapped to columns). Chunks are taken in order, so ids never depend on timing.
/// `unigrams`: whether the chunks counted unigrams (else the frequencies are empty).
fn merge_words(
    chunks: &mut [Tokens],
    unigrams: bool,
) -> (TermList, Vec<u64>, Vec<u64>, Vec<Vec<u32>>) {
    let Some((first, rest)) = chunks.split_first_mut() else {
        return (
            TermList::with_capacity(0, 0),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
    };
    let all = &first.words;
    // Per chunk, every word is looked up in parallel (most are known) by the key in its slot
    // (no key is derived again from the string): in the first chunk's table, then in the
    // tables of the chunks before it. The words found nowhere get the next ids, in the chunk's
    // order, so ids never depend on timing; no table is changed.
    let mut next = all.len();
    let mut maps: Vec<Vec<u32>> = Vec::with_capacity(rest.len());
    // The first id of each chunk's new words.
    let mut starts: Vec<u32> = Vec::with_capacity(rest.len());
    for (ci, c) in rest.iter().enumerate() {
        let table = &c.words;
        const AHEAD: usize = 8;
        let found: Vec<Vec<(u32, u32)>> = table
            .slots
            .par_chunks(4096)
            .map(|slots| {
                // Stop words have no word ids to merge.
                let used: Vec<&[u64; 3]> = slots
                    .iter()
                    .filter(|s| s[2] != 0 && !meta_stop(s[2]))
                    .collect();
                let key_of = |s: &[u64; 3]| WordKey {
                    a: s[0],
                    b: s[1],
                    len: (s[2] >> 32) & META_LEN,
                };
                for s in used.iter().take(AHEAD) {
                    prefetch(&all.slots[key_of(s).home(all.shift)]);
                }
                used.iter()
                    .enumerate()
                    .map(|(i, s)| {
                        if let Some(next) = used.get(i + AHEAD) {
                            prefetch(&all.slots[key_of(next).home(all.shift)]);
                        }
                        let key = key_of(s);
                        let local = meta_id(s[2]);
                        let word = if key.len as usize > EXACT {
                            table.words.resolve(local).as_bytes()
                        } else {
                            &[]
                        };
                        let m = all.slots[all.probe(&key, word)][2];
                        if m != 0 {
                            return (local, meta_id(m));
                        }
                        for (earlier, map) in rest[..ci].iter().zip(&maps) {
                            let t = &earlier.words;
                            let m = t.slots[t.probe(&key, word)][2];
                            if m != 0 {
                                return (local, map[meta_id(m) as usize]);
                            }
                        }
                        (local, NONE)
                    })
                    .collect()
            })
            .collect();
        let mut map = vec![NONE; table.len()];
        for (local, global) in found.into_iter().flatten() {
            map[local as usize] = global;
        }
        starts.push(next as u32);
        for g in map.iter_mut() {
            if *g == NONE {
                // Checked by the caller: fewer than NONE words in all (ids wrap otherwise).
                *g = next as u32;
                next += 1;
            }
        }
        maps.push(map);
    }
    for (c, map) in rest.iter_mut().zip(&maps) {
        c.ids.par_iter_mut().for_each(|id| *id = map[*id as usize]);
    }
    let mut df = std::mem::take(&mut first.word_df);
    let mut tf = std::mem::take(&mut first.word_tf);
    let mut words = std::mem::replace(&mut first.words.words, TermList::with_capacity(0, 0));
    let rest = &*rest;
    // The new words' strings (a chunk's new words have the ids from its start on, in its
    // order of ids; room reserved at once) and the summed document frequencies and counts,
    // side by side.
    let m = &maps;
    // (Not whether the first chunk's frequencies are empty: they are when it has no word.)
    let sum = |into: &mut Vec<u64>, of: fn(&Tokens) -> &[u64]| {
        if unigrams {
            into.resize(next, 0);
            for (c, map) in rest.iter().zip(m) {
                for (&g, &v) in map.iter().zip(of(c)) {
                    into[g as usize] += v;
                }
            }
        }
    };
    rayon::join(
        || {
            let new = || {
                rest.iter()
                    .zip(m)
                    .zip(&starts)
                    .flat_map(|((c, map), &start)| {
                        map.iter()
                            .enumerate()
                            .filter(move |&(_, &g)| g >= start)
                            .map(move |(w, _)| c.words.words.resolve(w as u32))
                    })
            };
            let (n, bytes) = new().fold((0, 0), |(n, b), w| (n + 1, b + w.len()));
            words.reserve(n, bytes);
            for w in new() {
                words.push(w);
            }
        },
        || {
            rayon::join(
                || sum(&mut df, |c| &c.word_df),
                || sum(&mut tf, |c| &c.word_tf),
            )
        },
    );
    (words, df, tf, maps)
}

/// The n-grams a transform needs, from a fitted model's vocabulary: [`count`] given one counts
/// only the n-grams that may be columns, not every distinct n-gram of the documents (most of
/// which a model has never kept), as scikit-learn's transform looks each feature up and counts
/// only those found.
pub(crate) trait GramVocabulary: Sync {
    /// The model's word id of each word of `words` (`NONE` for a word it has none for).
    fn word_ids(&self, words: &TermList) -> Vec<u32>;
    /// Whether the n-gram whose words have the model word ids `ids` may be a column (a false
    /// positive is only counted, then mapped to no column).
    fn may_hold(&self, ids: &[u32]) -> bool;
}

/// A [`GramVocabulary`] with the map from the counted (merged) word ids to the model's.
struct GramFilter<'v> {
    vocabulary: &'v dyn GramVocabulary,
    to_model: Vec<u32>,
}

impl GramFilter<'_> {
    /// Whether the window `win` (merged word ids) may be a column; `buf` is scratch room.
    #[inline]
    fn keeps(&self, win: &[u32], buf: &mut Vec<u32>) -> bool {
        buf.clear();
        for &w in win {
            match self.to_model.get(w as usize) {
                Some(&m) if m != NONE => buf.push(m),
                _ => return false,
            }
        }
        self.vocabulary.may_hold(buf)
    }
}

/// The partition (of `parts`) an n-gram with key `key` is counted in.
#[inline]
fn part_of(key: u64, parts: usize) -> usize {
    if parts == 1 {
        return 0;
    }
    // The high half of a multiplicative hash, scaled to 0..parts without a division.
    let h = key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 32;
    ((h * parts as u64) >> 32) as usize
}

/// The n-grams (n >= 2) of one partition: every one whose key falls in it, over all documents.
struct Part {
    grams: Vec<GramTable>,
    sources: Sources,
    /// Per term: `[documents, occurrences mod 2^32, last document (1-based), place in that
    /// document's row]`. Terms get ids in order of first occurrence, so this grows at its end
    /// and the records of frequent terms stay in cache.
    stats: Vec<[u32; 4]>,
    /// Per term, occurrences divided by 2^32 (grown on a carry, so almost always empty).
    tf_high: Vec<u32>,
    rows: Option<Rows>,
}

/// Counts the n-grams (n >= 2) of partition `p` (of `parts`) over all documents.
fn count_part(
    chunks: &[Tokens],
    (min_n, max_n): (usize, usize),
    p: usize,
    parts: usize,
    split: Option<&[Vec<Windows>]>,
    keep_rows: bool,
    filter: Option<&GramFilter<'_>>,
) -> Result<Part, TfidfError> {
    let tokens: usize = chunks.iter().map(|c| c.ids.len()).sum();
    let n_docs: usize = chunks.iter().map(|c| c.ends.len()).sum();
    if n_docs >= u32::MAX as usize {
        return Err(too_many_documents());
    }
    let mut part = Part {
        grams: (2..=max_n.max(1))
            .map(|n| {
                GramTable::new(
                    n,
                    // (A transform's filter keeps few: its table grows from small.)
                    if n >= min_n && filter.is_none() {
                        tokens / 4 * 3 / parts
                    } else {
                        0
                    },
                )
            })
            .collect(),
        sources: Sources::new(min_n.max(2), max_n),
        stats: Vec::with_capacity(if filter.is_none() {
            tokens / parts + 16
        } else {
            0
        }),
        tf_high: Vec::new(),
        rows: keep_rows.then(|| Rows {
            ends: Vec::with_capacity(n_docs),
            cells: Vec::with_capacity(tokens / parts + 16),
        }),
    };
    let mut keys: Vec<(u64, u32)> = Vec::new();
    let mut buf = Vec::new();
    const AHEAD: usize = 8;
    // The current document, 1-based over all chunks, and where its row starts.
    let mut doc_no = 0u32;
    let mut row_start = 0;
    for (ci, c) in chunks.iter().enumerate() {
        let mine = split.map(|s| &s[ci][p]);
        let mut start = 0;
        for (d, &end) in c.ends.iter().enumerate() {
            let doc = &c.ids[start..end];
            doc_no += 1;
            for n in min_n.max(2)..=max_n.min(doc.len()) {
                let table = &mut part.grams[n - 2];
                keys.clear();
                match mine {
                    // This partition's windows of the document, found beforehand.
                    Some(w) => {
                        let from = if d == 0 { 0 } else { w.ends[d - 1] as usize };
                        keys.extend(w.starts[from..w.ends[d] as usize].iter().map(|&at| {
                            let i = at as usize - start;
                            (gram_key(&doc[i..i + n]), i as u32)
                        }));
                    }
                    None => {
                        keys.extend(
                            doc.windows(n)
                                .enumerate()
                                .map(|(i, win)| (gram_key(win), i as u32))
                                .filter(|&(k, _)| part_of(k, parts) == p),
                        );
                        if let Some(f) = filter {
                            keys.retain(|&(_, i)| {
                                f.keeps(&doc[i as usize..i as usize + n], &mut buf)
                            });
                        }
                    }
                }
                // Fetching the home slot of the n-gram AHEAD places further lets the
                // processor wait for several slots of the (large) table at once, not one after
                // another.
                for &(k, _) in keys.iter().take(AHEAD) {
                    table.prefetch(k);
                }
                for (j, &(key, i)) in keys.iter().enumerate() {
                    if let Some(&(k, _)) = keys.get(j + AHEAD) {
                        table.prefetch(k);
                    }
                    if part.sources.len() >= NONE as usize {
                        return Err(too_many_terms());
                    }
                    let win = &doc[i as usize..i as usize + n];
                    let (pos, new) =
                        table.find_or_add(win, key, part.sources.len() as u32, &part.sources);
                    if new {
                        part.sources.push((n as u32, (table.len() - 1) as u32));
                    }
                    let t = table.term_at(pos);
                    if new {
                        part.stats.push([0; 4]);
                    }
                    let st = &mut part.stats[t as usize];
                    if st[1] == u32::MAX {
                        carry(&mut part.tf_high, t as usize);
                    }
                    st[1] = st[1].wrapping_add(1);
                    if st[2] != doc_no {
                        // First in this document: one more document, a new entry in its row.
                        st[0] += 1;
                        st[2] = doc_no;
                        if let Some(rows) = part.rows.as_mut() {
                            // A row has fewer entries than the table has terms (< 2^32).
                            st[3] = (rows.cells.len() - row_start) as u32;
                            rows.cells.push(cell(t, 1));
                        }
                    } else if let Some(rows) = part.rows.as_mut() {
                        let k = row_start + st[3] as usize;
                        if let Some(c) = rows.cells.get_mut(k) {
                            *c = cell_incremented(*c);
                        }
                    }
                }
            }
            if let Some(rows) = part.rows.as_mut() {
                rows.ends.push(rows.cells.len());
                row_start = rows.cells.len();
            }
            start = end;
        }
    }
    Ok(part)
}

/// One partition's n-gram windows in one chunk of documents: where each starts in the chunk's
/// token ids, document after document (document `d`'s are `starts[ends[d - 1]..ends[d]]`).
#[derive(Default)]
struct Windows {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// For n-grams of one length `n`, the windows of each chunk sorted into `parts` partitions (by
/// hash of their key, as [`part_of`]): each partition's counting then visits only its own
/// windows, and every key is hashed once, not once per partition. `None` when the windows
/// are not sorted beforehand (one partition, several lengths, or a chunk of 4 GiB tokens).
fn split_windows(
    chunks: &[Tokens],
    n: usize,
    parts: usize,
    filter: Option<&GramFilter<'_>>,
) -> Option<Vec<Vec<Windows>>> {
    if parts < 2 || chunks.iter().any(|c| c.ids.len() >= u32::MAX as usize) {
        return None;
    }
    Some(
        chunks
            .par_iter()
            .map(|c| {
                let mut out: Vec<Windows> = (0..parts)
                    .map(|_| Windows {
                        starts: Vec::with_capacity(c.ids.len() / parts + 16),
                        ends: Vec::with_capacity(c.ends.len()),
                    })
                    .collect();
                let mut start = 0;
                let mut buf = Vec::new();
                for &end in &c.ends {
                    let doc = &c.ids[start..end];
                    for (i, win) in doc.windows(n).enumerate() {
                        if filter.is_some_and(|f| !f.keeps(win, &mut buf)) {
                            continue;
                        }
                        out[part_of(gram_key(win), parts)]
                            .starts
                            .push((start + i) as u32);
                    }
                    for w in &mut out {
                        w.ends.push(w.starts.len() as u32);
                    }
                    start = end;
                }
                out
            })
            .collect(),
    )
}

impl Part {
    /// The partition's terms (as word-id tuples; their tables are freed), their statistics
    /// (the records as they are) and rows.
    fn into_terms(self) -> (GramTerms, PartStats, Option<Rows>) {
        let tuples = self.grams.into_iter().map(|g| g.words).collect();
        let mut records = self.stats;
        records.shrink_to_fit();
        let stats = PartStats {
            records,
            tf_high: self.tf_high,
        };
        (GramTerms::new(tuples, self.sources), stats, self.rows)
    }
}

/// A word-analyzer corpus counted by [`count`]: every term's string, document frequency and
/// count, and (if asked) what each document's row is built from.
pub(crate) struct Counted {
    /// With a model's vocabulary ([`GramVocabulary`]) and n-grams: the model's word id of each
    /// word (the word list's).
    pub(crate) word_ids: Option<Vec<u32>>,
    pub(crate) n_docs: u64,
    /// Unigram terms first (the words counted as unigrams, in word id order), then each
    /// partition's n-grams.
    pub(crate) terms: Terms,
    pub(crate) stats: TermStats,
    /// Number of unigram terms: words `0..n_unigrams` are terms `0..n_unigrams` (every word
    /// when unigrams are counted, none otherwise).
    n_unigrams: usize,
    /// Per chunk of documents: its first document, its unigram rows (chunk-local word ids)
    /// and the map from its word ids to the merged ones (`None` for the first chunk, whose ids
    /// are the merged ones).
    chunks: Vec<(usize, Option<Rows>, Option<Vec<u32>>)>,
    /// When the chunks' unigram cells are all in the first chunk's (see [`count`]'s
    /// `append`): where each chunk's cells start there (the other chunks' rows keep their
    /// ends, relative to their own first cell, and no cells).
    offsets: Option<Vec<usize>>,
    /// Per n-gram partition: its first term id and its rows (partition-local term ids).
    parts: Vec<(u32, Option<Rows>)>,
}

/// Counts the word n-grams of `docs` (chunked by `ranges`, one chunk per thread). Two parallel
/// phases: each chunk of documents is tokenized into word ids and its unigrams counted; the
/// chunks' (small) word tables are merged; then n-grams of 2 or more words are counted in
/// partitions by hash of their key (one per thread), each over all documents, so no two
/// threads count the same term and nothing large is merged.
///
/// With `append` (for a caller whose matrix values are the cells themselves, see
/// `TfidfVectorizer::assemble`), the unigram rows (no n-grams) of several chunks are written
/// into one vector, each chunk into its own region of it (an estimate of its cells, the
/// regions' pages untouched until written): the rows then become the matrix's values without
/// a copy of any chunk's cells into fresh pages, only the gaps between the regions closed
/// (see [`Counted::rows_by_column`]). A chunk whose estimate falls short writes the rest into
/// a vector of its own; then (but for the last chunk, whose extra cells go at the end) the
/// cells are copied as without `append`.
///
/// With `vocabulary` (a transform's model), only the n-grams it may hold are counted (see
/// [`GramVocabulary`]); the words and unigrams are counted all the same.
pub(crate) fn count<S: AsRef<str> + Sync>(
    analyzer: &TextAnalyzer,
    docs: &[S],
    ranges: Vec<std::ops::Range<usize>>,
    keep_rows: bool,
    append: bool,
    vocabulary: Option<&dyn GramVocabulary>,
) -> Result<Counted, TfidfError> {
    // Each chunk's region of the shared vector: per document, about one cell per 8 bytes of
    // text and 6 more (a short document repeats fewer words), at most one per 2 bytes (a
    // one-letter word and a separator). Against the cells written (`scripts/tfidf_profile.sh
    // regions`): 1.17x and 1.19x for the two chunks of the comparison's Gutenberg paragraphs,
    // 1.19x-2.02x for those of the Leipzig sentence files of ../shared/data, where one cell
    // per 7 bytes falls short of three files. A short estimate costs a copy (see above), a
    // long one a page fault per 512 cells of slack when the chunks' cells are moved together.
    let regions = (append && ranges.len() > 1).then(|| {
        ranges
            .iter()
            .map(|r| {
                docs[r.clone()]
                    .iter()
                    .map(|d| {
                        let n = d.as_ref().len();
                        (n / 2 + 1).min(n / 8 + 6)
                    })
                    .sum::<usize>()
                    + 1024
            })
            .collect()
    });
    count_in(analyzer, docs, ranges, keep_rows, regions, vocabulary)
}

/// [`count`], with the unigram rows' cells written into regions of one vector of the sizes
/// `regions` gives (one per chunk), if given and the rows are unigrams only.
fn count_in<S: AsRef<str> + Sync>(
    analyzer: &TextAnalyzer,
    docs: &[S],
    ranges: Vec<std::ops::Range<usize>>,
    keep_rows: bool,
    regions: Option<Vec<usize>>,
    vocabulary: Option<&dyn GramVocabulary>,
) -> Result<Counted, TfidfError> {
    let starts: Vec<usize> = ranges.iter().map(|r| r.start).collect();
    let mut phases = Phases::start();
    let (min_n, max_n) = analyzer.ngram_range();
    let regions = regions.filter(|_| keep_rows && min_n == 1 && max_n == 1);
    let shared_rows = regions.is_some();
    let total_bytes: usize = if ranges.len() > 1 && !shared_rows {
        docs.iter().map(|d| d.as_ref().len()).sum()
    } else {
        0
    };
    let estimates = regions.unwrap_or_else(|| vec![0; ranges.len()]);
    // Where each region starts in the shared vector.
    let region_starts: Vec<usize> = estimates
        .iter()
        .scan(0, |at, &e| {
            *at += e;
            Some(*at - e)
        })
        .collect();
    let mut shared: Vec<f64> = vec![0.0; estimates.iter().sum()];
    let mut regions: Vec<&mut [f64]> = Vec::with_capacity(ranges.len());
    let mut rest: &mut [f64] = &mut shared;
    for &e in &estimates {
        let (region, after) = std::mem::take(&mut rest).split_at_mut(e);
        regions.push(region);
        rest = after;
    }
    let mut chunks: Vec<Tokens> = ranges
        .into_par_iter()
        .zip(regions)
        .enumerate()
        .map(|(i, (r, region))| {
            let room = if r.start == 0 { total_bytes } else { 0 };
            let label = || format!("tokenize, chunk {i} ({} documents)", r.len());
            phases::timed(label, || {
                tokenize_chunk(analyzer, &docs[r.clone()], keep_rows, room, region)
            })
        })
        .collect::<Result<_, _>>()?;
    phases.mark("tokenize");
    if shared_rows {
        for (i, (c, e)) in chunks.iter().zip(&estimates).enumerate() {
            let written = c.in_region + c.rows.as_ref().map_or(0, |r| r.cells.len());
            phases::note(|| format!("region, chunk {i}: {e} cells estimated, {written} written"));
        }
    }
    // Where each chunk's cells start in the first chunk's cells (with `shared_rows`).
    let mut offsets = None;
    if shared_rows {
        let last = chunks.len() - 1;
        if chunks[..last]
            .iter()
            .all(|c| c.rows.as_ref().is_some_and(|r| r.cells.is_empty()))
        {
            // The last chunk's extra cells (if any) go at the end, after its full region.
            if let Some(extra) = chunks[last]
                .rows
                .as_mut()
                .map(|r| std::mem::take(&mut r.cells))
            {
                shared.extend_from_slice(&extra);
            }
            offsets = Some(region_starts);
            if let Some(rows) = chunks[0].rows.as_mut() {
                rows.cells = std::mem::take(&mut shared);
            }
        } else {
            // An estimate fell short: the other chunks' cells copied out into vectors of their
            // own (as without regions), then the first chunk's completed where they were.
            for (c, &at) in chunks.iter_mut().zip(&region_starts).skip(1) {
                if let Some(rows) = c.rows.as_mut() {
                    let mut cells = shared[at..at + c.in_region].to_vec();
                    cells.append(&mut rows.cells);
                    rows.cells = cells;
                }
                c.in_region = 0;
            }
            let first = chunks[0].in_region;
            if let Some(rows) = chunks[0].rows.as_mut() {
                shared.truncate(first);
                shared.append(&mut rows.cells);
                rows.cells = std::mem::take(&mut shared);
            }
            chunks[0].in_region = 0;
        }
    }
    let (words, word_df, word_tf, maps) = merge_words(&mut chunks, min_n == 1);
    phases.mark("merge words");
    // Each chunk has fewer words than NONE; all of them together may not.
    if words.len() >= NONE as usize {
        return Err(too_many_terms());
    }
    // Unigram terms: when unigrams are counted, every word is one (stop words, never counted,
    // have no word ids), and the word list itself is the unigram terms' list; else there are
    // none.
    let unigram_terms = min_n == 1;
    debug_assert!(word_df.iter().all(|&d| d > 0));
    let n_unigrams = word_df.len();
    let n_parts = if max_n >= 2 {
        rayon::current_num_threads().clamp(1, SHARDS)
    } else {
        0
    };
    // With a model's vocabulary, only the n-grams it may hold are counted.
    let filter = vocabulary.filter(|_| max_n >= 2).map(|v| GramFilter {
        vocabulary: v,
        to_model: v.word_ids(&words),
    });
    let split = if min_n.max(2) == max_n {
        split_windows(&chunks, max_n, n_parts, filter.as_ref())
    } else {
        None
    };
    let counted: Vec<Part> = (0..n_parts)
        .into_par_iter()
        .map(|p| {
            count_part(
                &chunks,
                (min_n, max_n),
                p,
                n_parts,
                split.as_deref(),
                keep_rows,
                filter.as_ref(),
            )
        })
        .collect::<Result<_, _>>()?;
    drop(split);
    phases.mark("n-gram counting");
    let total = n_unigrams + counted.iter().map(|p| p.sources.len()).sum::<usize>();
    if total >= NONE as usize {
        return Err(too_many_terms());
    }
    // Each task frees its partition's tables, so that large frees run in parallel too. The
    // partitions' counts stay in their records (after the unigrams' arrays).
    let built: Vec<(GramTerms, PartStats, Option<Rows>)> =
        counted.into_par_iter().map(Part::into_terms).collect();
    phases.mark("n-gram terms");
    let mut first = n_unigrams as u32;
    let mut grams = Vec::with_capacity(built.len());
    let mut part_stats = Vec::with_capacity(built.len());
    let mut parts = Vec::with_capacity(built.len());
    for (terms, stats, rows) in built {
        parts.push((first, rows));
        first += terms.len() as u32;
        grams.push(terms);
        part_stats.push(stats);
    }
    let maps = std::iter::once(None).chain(maps.into_iter().map(Some));
    let chunks = starts
        .into_iter()
        .zip(chunks.into_iter().map(|c| c.rows))
        .zip(maps)
        .map(|((start, rows), map)| (start, rows, map))
        .collect();
    Ok(Counted {
        word_ids: filter.map(|f| f.to_model),
        n_docs: docs.len() as u64,
        terms: Terms::of_words(words, unigram_terms, grams),
        stats: TermStats::with_parts(word_df, word_tf, part_stats),
        n_unigrams,
        chunks,
        offsets,
        parts,
    })
}

impl Counted {
    /// Each document's row mapped to columns (`column_of` a term id -> column map, `NONE` for
    /// pruned terms) and sorted by column; one [`Rows`] per chunk of documents, in order.
    pub(crate) fn rows_by_column(mut self, column_of: &[u32]) -> Vec<Rows> {
        // Word id -> column: word ids are the unigram terms' ids.
        let uni_column = &column_of[..self.n_unigrams];
        // A chunk's word id -> column.
        let chunk_column = |map: &Option<Vec<u32>>| -> Cow<'_, [u32]> {
            match map {
                None => Cow::Borrowed(uni_column),
                // (Without unigram counts `uni_column` is empty: so are the rows.)
                Some(map) => map
                    .iter()
                    .map(|&g| uni_column.get(g as usize).copied().unwrap_or(NONE))
                    .collect(),
            }
        };
        if let Some(offsets) = self.offsets.take() {
            return self.shared_rows_by_column(&offsets, chunk_column);
        }
        if self.parts.is_empty() {
            // Unigrams only: each chunk's rows are mapped and sorted in place.
            return std::mem::take(&mut self.chunks)
                .into_par_iter()
                .map(|(_, rows, map)| remap_rows(rows.unwrap_or_default(), &chunk_column(&map)))
                .collect();
        }
        let n_docs = self.n_docs as usize;
        // Each partition's part of `column_of` (its terms are numbered from `first` on).
        let part_columns: Vec<&[u32]> = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, (first, _))| {
                let end = self
                    .parts
                    .get(i + 1)
                    .map_or(column_of.len(), |next| next.0 as usize);
                &column_of[*first as usize..end]
            })
            .collect();
        // Each chunk's documents, and its entries at most (before pruned terms are dropped).
        let bounds: Vec<(usize, usize, usize)> = (0..self.chunks.len())
            .map(|c| {
                let (start, uni, _) = &self.chunks[c];
                let end = self.chunks.get(c + 1).map_or(n_docs, |next| next.0);
                let span = |rows: &Rows, a: usize, b: usize| {
                    let from = if a == 0 { 0 } else { rows.ends[a - 1] };
                    if b == 0 { 0 } else { rows.ends[b - 1] - from }
                };
                let entries: usize = uni.as_ref().map_or(0, |r| span(r, 0, end - start))
                    + self
                        .parts
                        .iter()
                        .filter_map(|(_, rows)| rows.as_ref())
                        .map(|rows| span(rows, *start, end))
                        .sum::<usize>();
                (*start, end, entries)
            })
            .collect();
        let all_entries: usize = bounds.iter().map(|b| b.2).sum();
        (0..self.chunks.len())
            .into_par_iter()
            .map(|c| {
                let (_, uni, map) = &self.chunks[c];
                let uni_column = match uni {
                    Some(_) => chunk_column(map),
                    None => Cow::Borrowed(&[][..]),
                };
                let (start, end, entries) = bounds[c];
                // The first chunk's cells become the matrix's values: room for all of them
                // (see `tokenize_chunk`).
                let mut out = Rows {
                    ends: Vec::with_capacity(end - start),
                    cells: Vec::with_capacity(if c == 0 { all_entries } else { entries }),
                };
                for d in start..end {
                    // The row's cells appended to `out`, then sorted there.
                    let row_start = out.cells.len();
                    if let Some(rows) = uni {
                        let l = d - start;
                        let from = if l == 0 { 0 } else { rows.ends[l - 1] };
                        let to = rows.ends[l];
                        push_mapped(&mut out.cells, &rows.cells[from..to], &uni_column);
                    }
                    for ((_, rows), part_column) in self.parts.iter().zip(&part_columns) {
                        let Some(rows) = rows else { continue };
                        let from = if d == 0 { 0 } else { rows.ends[d - 1] };
                        let to = rows.ends[d];
                        push_mapped(&mut out.cells, &rows.cells[from..to], part_column);
                    }
                    sort_row(&mut out.cells[row_start..]);
                    out.ends.push(out.cells.len());
                }
                out
            })
            .collect()
    }
}

impl Counted {
    /// [`rows_by_column`](Self::rows_by_column) of unigram rows that all lie in the first
    /// chunk's cells, chunk `c` from `offsets[c]` on (with gaps between the chunks: each had a
    /// region of an estimated size); `chunk_column` gives a chunk's word id -> column map. The
    /// chunks' rows are mapped and sorted where they are, in parallel, the second chunk's moved
    /// back to follow the first's as it goes (nothing lies between them then); the chunks after
    /// it (with three threads or more) are moved afterwards, one after another, as are the
    /// chunks that pruned terms left apart. One [`Rows`] for all documents.
    fn shared_rows_by_column<'c>(
        &mut self,
        offsets: &[usize],
        chunk_column: impl Fn(&Option<Vec<u32>>) -> Cow<'c, [u32]>,
    ) -> Vec<Rows> {
        let chunks = std::mem::take(&mut self.chunks);
        let mut cells = Vec::new();
        let mut parts: Vec<(Vec<usize>, Cow<'c, [u32]>)> = Vec::with_capacity(chunks.len());
        for (_, rows, map) in chunks {
            let rows = rows.unwrap_or_default();
            if parts.is_empty() {
                cells = rows.cells;
            }
            parts.push((rows.ends, chunk_column(&map)));
        }
        let lens: Vec<usize> = parts.iter().map(|p| p.0.last().map_or(0, |&e| e)).collect();
        // Where each chunk's rows are mapped to: the second chunk's from the first's end on,
        // the others' where they are. Chunk `c` gets the slice from there to where the next
        // chunk's go, its rows `offsets[c] - at[c]` into it.
        let n = parts.len();
        let at: Vec<usize> = (0..n)
            .map(|c| if c == 1 { lens[0] } else { offsets[c] })
            .collect();
        let mut slices = Vec::with_capacity(n);
        let mut rest: &mut [f64] = &mut cells;
        for c in 0..n {
            let end = if c + 1 < n {
                at[c + 1]
            } else {
                offsets[c] + lens[c]
            };
            let (slice, after) = std::mem::take(&mut rest).split_at_mut(end - at[c]);
            slices.push((slice, offsets[c] - at[c]));
            rest = after;
        }
        let kept: Vec<usize> = parts
            .par_iter_mut()
            .zip(slices)
            .enumerate()
            .map(|(c, ((ends, to_column), (slice, from)))| {
                let n = ends.last().copied().unwrap_or(0);
                phases::timed(
                    || format!("rows by column, chunk {c} ({n} cells)"),
                    || remap_in_place(ends, slice, from, to_column),
                )
            })
            .collect();
        // The chunks moved back to follow one another (nothing moves for the first two chunks
        // when no term was pruned), their ends made global.
        let mut ends = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut written = 0;
        for (((chunk_ends, _), kept), at) in parts.iter().zip(kept).zip(at) {
            if at != written {
                cells.copy_within(at..at + kept, written);
            }
            ends.extend(chunk_ends.iter().map(|e| e + written));
            written += kept;
        }
        cells.truncate(written);
        vec![Rows { ends, cells }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectorizer::{cell_count, cell_id};

    /// Each document's row as `(column, count)` pairs, from rows in one or more [`Rows`].
    fn flat_rows(rows: &[Rows]) -> Vec<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        for r in rows {
            let mut start = 0;
            for &end in &r.ends {
                out.push(
                    r.cells[start..end]
                        .iter()
                        .map(|&c| (cell_id(c), cell_count(c)))
                        .collect(),
                );
                start = end;
            }
        }
        out
    }

    #[test]
    fn rows_in_regions_of_one_vector_equal_rows_in_vectors_of_their_own() {
        // Documents of words from a small vocabulary (repeated within documents), some empty,
        // some long; chunks of uneven sizes.
        let docs: Vec<String> = (0..90u64)
            .map(|d| {
                let n = (d * 7 % 23) * (1 + d % 4);
                (0..n)
                    .map(|i| format!("w{} ", (d * 31 + i * i * 17) % 41))
                    .collect()
            })
            .collect();
        let analyzer = TextAnalyzer::new(&crate::options::TextOptions::default()).unwrap();
        for ranges in [vec![0..40, 40..90], vec![0..10, 10..55, 55..90]] {
            let reference = count_in(&analyzer, &docs, ranges.clone(), true, None, None).unwrap();
            let n_terms = reference.terms.len();
            // Every term kept, or every fifth pruned (`NONE`).
            for prune in [false, true] {
                let column_of: Vec<u32> = (0..n_terms as u32)
                    .map(|t| if prune && t % 5 == 0 { NONE } else { t })
                    .collect();
                let want = flat_rows(
                    &count_in(&analyzer, &docs, ranges.clone(), true, None, None)
                        .unwrap()
                        .rows_by_column(&column_of),
                );
                // Each chunk's cells, counted without regions.
                let cells: Vec<usize> = ranges
                    .iter()
                    .map(|r| want[r.clone()].iter().map(Vec::len).sum::<usize>())
                    .collect();
                let cells: Vec<usize> = if prune {
                    // (Pruning drops cells: count them unpruned.)
                    let all: Vec<u32> = (0..n_terms as u32).collect();
                    let rows = count_in(&analyzer, &docs, ranges.clone(), true, None, None)
                        .unwrap()
                        .rows_by_column(&all);
                    let flat = flat_rows(&rows);
                    ranges
                        .iter()
                        .map(|r| flat[r.clone()].iter().map(Vec::len).sum())
                        .collect()
                } else {
                    cells
                };
                let last = cells.len() - 1;
                let with = |regions: Vec<usize>| {
                    let got = count_in(&analyzer, &docs, ranges.clone(), true, Some(regions), None)
                        .unwrap()
                        .rows_by_column(&column_of);
                    flat_rows(&got)
                };
                // Room to spare in every region (gaps between the chunks' cells).
                assert_eq!(with(cells.iter().map(|c| c + 7).collect()), want);
                // Exact regions.
                assert_eq!(with(cells.clone()), want);
                // The last chunk's region too small: its other cells go at the end.
                let mut short_last = cells.clone();
                short_last[last] -= 5;
                assert_eq!(with(short_last), want, "{ranges:?}, last chunk short");
                // The first chunk's region too small: the cells are copied apart.
                let mut short_first = cells.clone();
                short_first[0] -= 5;
                assert_eq!(with(short_first), want, "{ranges:?}, first chunk short");
                // Empty regions.
                assert_eq!(with(vec![0; cells.len()]), want);
            }
        }
    }

    #[test]
    fn tables_grow_and_keep_every_entry() {
        // Words: short (packed keys) and long (hashed), past several doublings.
        let mut words = WordTable::new();
        let text: String = (0..20_000)
            .map(|k| format!("w{k} longer-word-number-{k} "))
            .collect();
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == ' ' {
                spans.push((start, i));
                start = i + 1;
            }
        }
        let is_stop = |w: &str| w.ends_with('7');
        let ids: Vec<u32> = spans
            .iter()
            .map(|&(a, b)| meta_id(words.intern(&text[a..b], is_stop)))
            .collect();
        // Words and stop words are numbered apart, each in order of arrival.
        let (mut next_word, mut next_stop) = (0u32, 0u32);
        for (&(a, b), &id) in spans.iter().zip(&ids) {
            let next = if is_stop(&text[a..b]) {
                &mut next_stop
            } else {
                &mut next_word
            };
            assert_eq!(id, *next);
            *next += 1;
        }
        assert_eq!(words.len(), next_word as usize);
        assert_eq!(words.stops.len(), next_stop as usize);
        for (&(a, b), &id) in spans.iter().zip(&ids) {
            let m = words.intern(&text[a..b], |_| false);
            assert_eq!(meta_id(m), id);
            assert_eq!(meta_stop(m), is_stop(&text[a..b]));
            assert_eq!(words.find(&text[a..b]), Some(m));
            assert_eq!(words.resolve(m), &text[a..b]);
        }
        assert_eq!(words.find("absent"), None);
        // Bigrams (exact keys) and trigrams (hashed keys), past several doublings.
        for n in [2usize, 3] {
            let mut table = GramTable::new(n, 0);
            let mut sources = Sources::new(n, n);
            let grams: Vec<Vec<u32>> = (0..30_000u32)
                .map(|k| {
                    (0..n as u32)
                        .map(|j| k.wrapping_mul(7 + j) % 5000)
                        .collect()
                })
                .collect();
            let mut terms = Vec::new();
            for g in &grams {
                let (pos, new) = table.find_or_add(g, gram_key(g), sources.len() as u32, &sources);
                if new {
                    sources.push((n as u32, (table.len() - 1) as u32));
                }
                let t = table.term_at(pos);
                assert!((t as usize) < sources.len());
                assert_eq!(sources.get(t as usize), Some((n as u32, t)));
                assert_eq!(table.gram(t), &g[..]);
                terms.push(t);
            }
            for (g, &t) in grams.iter().zip(&terms) {
                let (pos, new) = table.find_or_add(g, gram_key(g), sources.len() as u32, &sources);
                assert!(!new);
                assert_eq!(table.term_at(pos), t);
            }
        }
    }

    #[test]
    fn ascii_keys_equal_keys_of_the_lowercased_word() {
        // Every length up to EXACT, at the start, middle and very end of the text (where
        // fewer than eight bytes follow), with capitals and every kind of word byte.
        let letters = b"AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789zZQ";
        for len in 1..=EXACT {
            for at in [0usize, 3, 40 - len] {
                let mut doc = b"....................................... ".to_vec();
                doc[at..at + len].copy_from_slice(&letters[at..at + len]);
                let doc = &doc[..(at + len).max(doc.len() - 1)];
                let word = &doc[at..at + len];
                assert_eq!(
                    WordKey::of_text(doc, at, at + len, true),
                    WordKey::of(word.to_ascii_lowercase().as_slice()),
                    "{:?}",
                    std::str::from_utf8(word)
                );
                assert_eq!(
                    WordKey::of_text(doc, at, at + len, false),
                    WordKey::of(word),
                );
            }
        }
        // Keys are exact up to EXACT bytes: words differing in one byte or in length differ.
        assert_ne!(WordKey::of(b"abcdefgh"), WordKey::of(b"abcdefgh\0"));
        assert_ne!(WordKey::of(b"abcdefghij"), WordKey::of(b"abcdefghik"));
    }

    #[test]
    fn part_statistics_carry_past_2_to_the_32() {
        let part = Part {
            grams: Vec::new(),
            sources: Sources::new(2, 2),
            stats: vec![[2, 5, 9, 0], [1, u32::MAX, 3, 0]],
            tf_high: vec![0, 3],
            rows: None,
        };
        // The part's terms come after the unigrams' (one here).
        let (_, part_stats, _) = part.into_terms();
        let stats = TermStats::with_parts(vec![7], vec![8], vec![part_stats]);
        let (df, tf) = stats.arrays();
        assert_eq!(&df[..], [7, 2, 1]);
        assert_eq!(&tf[..], [8, 5, (3u64 << 32) | u64::from(u32::MAX)]);
    }

    #[test]
    fn word_counter_counts_rows_documents_and_carries() {
        let mut c = UnigramCounter {
            words: Vec::new(),
            tf_high: Vec::new(),
            keep_rows: true,
            ends: Vec::new(),
            cells: Cells {
                region: &mut [],
                rest: Vec::new(),
                len: 0,
            },
            row_start: 0,
            doc: 1,
        };
        for _ in 0..4 {
            c.new_word();
        }
        for w in [0, 1, 0, 2, 0] {
            c.add(w);
        }
        c.end_document();
        for w in [2, 2, 3] {
            c.add(w);
        }
        c.end_document();
        assert_eq!(c.totals(4), (vec![1, 1, 2, 1], vec![3, 1, 3, 1]));
        // A count past 2^32 carries into the high part.
        c.words[1].tf = u32::MAX;
        c.add(1);
        c.add(1);
        c.end_document();
        assert_eq!(c.totals(4).1[1], (1u64 << 32) + 1);
        let (rows, in_region) = c.into_rows().unwrap();
        assert_eq!(in_region, 0);
        assert_eq!(rows.ends, [3, 5, 6]);
        let ids: Vec<u32> = rows.cells.iter().map(|&c| cell_id(c)).collect();
        let counts: Vec<u32> = rows.cells.iter().map(|&c| cell_count(c)).collect();
        assert_eq!(ids, [0, 1, 2, 2, 3, 1]);
        assert_eq!(counts, [3, 1, 1, 2, 1, 2]);
    }
}
