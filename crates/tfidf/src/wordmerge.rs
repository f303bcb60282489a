//! Partial fits of the word analyzer merged by word ids.
//!
//! A first fit of the word analyzer counts words by id and n-grams as tuples of word ids
//! ([`crate::grams`]), and never builds an n-gram's string. A partial fit onto a fitted state
//! merged by strings: every term of the state and of the new documents joined, hashed and
//! interned, which made a partial fit cost two to three first fits. Here the state is kept by
//! word ids instead ([`WordState`]): its words in an interner, its n-grams in hash shards (per
//! n, by their tuple's key), each shard a list of tuples of word ids with a table from the
//! tuple's key ([`WordIndex`]). New documents are counted as a first fit counts them, then
//! merged: each of their distinct words looked up by string once, each n-gram as its tuple of
//! the state's word ids, the shards in parallel.
//!
//! Term ids are the words (when unigrams are terms), then the shards' n-grams, shard after
//! shard, each shard's in the order they were added: the state's first, then each merge's new
//! ones in the order of the merged count's ids. None of it depends on the number of threads
//! or on timing.

use crate::grams::{gram_key, prefetch, written};
use crate::intern::{GramTerms, Interner, MadeOf, TermList, Terms, hash_bytes};
use crate::termstats::TermStats;
use rayon::prelude::*;

/// Hash shards per n of a state's n-grams (each merged on its own, in parallel).
const GRAM_SHARDS: usize = 16;

/// How many terms ahead a loop over a shard's terms asks for the table slot a term's search
/// starts at: a shard's table is larger than the caches, and its searches would otherwise wait
/// for memory one after another. Measured (`partial_fit_scaling` with `--features
/// phase-times`, the 47.6 MB in 16 MB chunks and the model loaded and fitted further, bigram
/// options, one thread, five alternated rounds against a build without the prefetch; medians):
/// merges 142 / 96 / 80 ms against 162 / 142 / 112 ms, laying the loaded model out 527 against
/// 597 ms, laying the first chunk's fit out 110 against 100 ms (within the noise).
const AHEAD: usize = 8;

/// Marks a unigram term in a term's shard number.
const UNIGRAM: u32 = u32::MAX;
/// Marks a term that is not a word n-gram of the state's range.
const INVALID: u32 = u32::MAX - 1;
/// No entry.
const NONE: u32 = u32::MAX;

/// The shard, among [`GRAM_SHARDS`], of an n-gram with key `key` (top bits of a multiplicative
/// hash with a constant of its own, so that the keys of one shard still spread over its table).
#[inline]
fn shard_of_key(key: u64) -> usize {
    (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - GRAM_SHARDS.trailing_zeros())) as usize
}

/// An open-addressing table from the key of an n-gram ([`gram_key`]) to its entry in its
/// shard; up to three quarters full. Keys of pairs are exact; longer n-grams' keys are
/// hashes, so a match is checked against the n-gram's words.
#[derive(Clone, Debug)]
struct KeyTable {
    /// `[key, entry + 1]`, or `[_, 0]` when empty.
    slots: Vec<[u64; 2]>,
    shift: u32,
    len: usize,
}

impl KeyTable {
    fn with_capacity(n: usize) -> KeyTable {
        let bits = (n.max(48) / 3 * 4 + 1).next_power_of_two().trailing_zeros();
        KeyTable {
            slots: written(1 << bits, [0; 2]),
            shift: 64 - bits,
            len: 0,
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Asks the processor for the slot where a search for `key` starts.
    #[inline]
    fn prefetch(&self, key: u64) {
        prefetch(&self.slots[self.home(key)]);
    }

    /// The entry with key `key` for which `same(entry)` holds, or `NONE`.
    #[cfg(test)]
    fn get(&self, key: u64, same: impl Fn(u32) -> bool) -> u32 {
        let mask = self.slots.len() - 1;
        let mut pos = self.home(key);
        loop {
            let [k, e] = self.slots[pos];
            if e == 0 {
                return NONE;
            }
            let entry = (e - 1) as u32;
            if k == key && same(entry) {
                return entry;
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The entry with key `key` for which `same(entry)` holds, or, if there is none, `next`
    /// added with that key; with whether it was added.
    #[inline]
    fn find_or_insert(&mut self, key: u64, same: impl Fn(u32) -> bool, next: u32) -> (u32, bool) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut pos = self.home(key);
        loop {
            let [k, e] = self.slots[pos];
            if e == 0 {
                self.slots[pos] = [key, u64::from(next) + 1];
                self.len += 1;
                return (next, true);
            }
            let entry = (e - 1) as u32;
            if k == key && same(entry) {
                return (entry, false);
            }
            pos = (pos + 1) & mask;
        }
    }

    /// Adds `entry` (absent) with key `key`.
    fn insert(&mut self, key: u64, entry: u32) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        self.place(key, entry);
        self.len += 1;
    }

    fn place(&mut self, key: u64, entry: u32) {
        let mask = self.slots.len() - 1;
        let mut pos = self.home(key);
        while self.slots[pos][1] != 0 {
            pos = (pos + 1) & mask;
        }
        self.slots[pos] = [key, u64::from(entry) + 1];
    }

    fn grow(&mut self) {
        let old = std::mem::replace(&mut self.slots, written(0, [0; 2]));
        self.slots = written(old.len() * 2, [0; 2]);
        self.shift -= 1;
        for [k, e] in old {
            if e != 0 {
                self.place(k, (e - 1) as u32);
            }
        }
    }
}

/// The lookup tables of a word-analyzer state kept by word ids ([`WordState`]): its words by
/// string, and each n-gram shard's table.
#[derive(Clone, Debug)]
pub(crate) struct WordIndex {
    /// Whether the words are terms (unigrams, `min_n == 1`): then term `w` is word `w`, and
    /// the statistics' first shard is the words'.
    unigrams: bool,
    /// The n of the first n-gram shards (`max(min_n, 2)`); shard `s` holds n-grams of
    /// `first_n + s / GRAM_SHARDS` words.
    first_n: usize,
    /// The state's words, ids as in its word list.
    words: Interner,
    /// One table per n-gram shard, in the order of the terms' shards.
    tables: Vec<KeyTable>,
}

/// A word-analyzer state kept by word ids: terms laid out as [`Terms::of_words`] lays out a
/// first fit's (the word list, then the n-gram shards), statistics in arrays per shard
/// ([`TermStats::sharded`]: the words', if they are terms, then each n-gram shard's), and the
/// index that merges find terms with.
pub(crate) struct WordState {
    pub(crate) terms: Terms,
    pub(crate) stats: TermStats,
    pub(crate) index: WordIndex,
}

/// Terms split into their words' ids: `(ids, ends)`, term `t`'s being `ids[ends[t - 1]..ends[t]]`.
type Split = (Vec<u32>, Vec<usize>);

/// Writes the word ids of term `t` into `out` (cleared first). With `split` (terms held as
/// strings, split at their spaces into words beforehand), from there.
fn term_words(terms: &Terms, split: Option<&Split>, t: u32, out: &mut Vec<u32>) {
    out.clear();
    // (Loops: a copy call costs more than a few ids.)
    if let Some((ids, ends)) = split {
        let t = t as usize;
        let start = if t == 0 { 0 } else { ends[t - 1] };
        for &w in &ids[start..ends[t]] {
            out.push(w);
        }
        return;
    }
    match terms.made_of(t) {
        MadeOf::Word(w) => out.push(w),
        MadeOf::Gram(g) => {
            for &w in g {
                out.push(w);
            }
        }
        MadeOf::Text => {}
    }
}

/// The number of n-gram shards for the range `(min_n, max_n)`, and the first shards' n.
fn gram_layout((min_n, max_n): (usize, usize)) -> (usize, usize) {
    let first_n = min_n.max(2);
    let shards = if max_n >= first_n {
        (max_n - first_n + 1) * GRAM_SHARDS
    } else {
        0
    };
    (shards, first_n)
}

/// A term of a shard's group (see [`group_by_shard`]): `[id, key, df, tf]`, read once in id
/// order, so that the loop over a shard's terms reads them one after another rather than from
/// all over the terms (a shard's terms are a sixteenth of them, spread out). (An array, so that
/// a vector of them is allocated zeroed, its pages mapped as they are written.)
type Grouped = [u64; 4];

/// Terms per block of [`group_by_shard`] (one parallel task each; a few in tests, so that
/// groups take pieces of several blocks).
const GROUP_BLOCK: usize = if cfg!(test) { 8 } else { 1 << 16 };

/// Terms grouped by shard (`keyed[t]` is term `t`'s shard and key; [`UNIGRAM`] terms left
/// out), each group in id order with the term's document frequency and count (`stat(t)`):
/// `(terms, starts)`, group `s` being `terms[starts[s]..starts[s + 1]]`. A counting sort in
/// parallel: each block of terms counts its terms per shard, then writes them into its own
/// piece of each shard's group.
fn group_by_shard(
    keyed: &[(u32, u64)],
    n_shards: usize,
    stat: impl Fn(usize) -> (u64, u64) + Sync,
) -> (Vec<Grouped>, Vec<usize>) {
    let counts: Vec<Vec<usize>> = keyed
        .par_chunks(GROUP_BLOCK)
        .map(|block| {
            let mut c = vec![0usize; n_shards];
            for &(s, _) in block {
                if s != UNIGRAM {
                    c[s as usize] += 1;
                }
            }
            c
        })
        .collect();
    let mut starts = vec![0usize; n_shards + 1];
    for s in 0..n_shards {
        starts[s + 1] = starts[s] + counts.iter().map(|c| c[s]).sum::<usize>();
    }
    let mut grouped: Vec<Grouped> = vec![[0; 4]; starts[n_shards]];
    // Each block's piece of each shard's group.
    let mut pieces: Vec<Vec<&mut [Grouped]>> = counts
        .iter()
        .map(|_| Vec::with_capacity(n_shards))
        .collect();
    let mut rest: &mut [Grouped] = &mut grouped;
    for s in 0..n_shards {
        for (b, c) in counts.iter().enumerate() {
            let (piece, after) = std::mem::take(&mut rest).split_at_mut(c[s]);
            rest = after;
            pieces[b].push(piece);
        }
    }
    keyed
        .par_chunks(GROUP_BLOCK)
        .zip(pieces)
        .enumerate()
        .for_each(|(b, (block, mut pieces))| {
            let mut at = vec![0usize; n_shards];
            for (i, &(s, key)) in block.iter().enumerate() {
                if s != UNIGRAM {
                    let t = b * GROUP_BLOCK + i;
                    let (df, tf) = stat(t);
                    let s = s as usize;
                    pieces[s][at[s]] = [t as u64, key, df, tf];
                    at[s] += 1;
                }
            }
        });
    (grouped, starts)
}

/// Adds a group of terms (see [`group_by_shard`]) to one shard of n-grams of `n` words: each
/// found in `table` (by its key, and for three words or more by its words) or added at the end
/// of `grams`, `df` and `tf`, and its counts added. Returns the entry of each term (below the
/// shard's earlier length: found). `words(t, buf)` writes term `t`'s word ids into `buf`; a
/// pair's are its key's, not read.
fn add_group(
    table: &mut KeyTable,
    grams: &mut GramTerms,
    df: &mut Vec<u64>,
    tf: &mut Vec<u64>,
    group: &[Grouped],
    n: usize,
    mut words: impl FnMut(u32, &mut Vec<u32>),
) -> Vec<u32> {
    let mut entries = Vec::with_capacity(group.len());
    let mut buf = Vec::new();
    for (k, &[t, key, gdf, gtf]) in group.iter().enumerate() {
        if let Some(ahead) = group.get(k + AHEAD) {
            table.prefetch(ahead[1]);
        }
        if n == 2 {
            buf.clear();
            buf.push((key >> 32) as u32);
            buf.push(key as u32);
        } else {
            words(t as u32, &mut buf);
        }
        let next = grams.len() as u32;
        let (e, is_new) =
            table.find_or_insert(key, |e| n == 2 || grams.gram(e) == buf.as_slice(), next);
        if is_new {
            grams.push(&buf);
            df.push(0);
            tf.push(0);
        }
        df[e as usize] += gdf;
        tf[e as usize] += gtf;
        entries.push(e);
    }
    entries
}

/// The shard of an n-gram of `ids.len()` words with key `key`, [`UNIGRAM`] for one word, or
/// [`INVALID`] outside the range.
#[inline]
fn shard_of(ids: &[u32], key: u64, (min_n, max_n): (usize, usize), first_n: usize) -> u32 {
    let n = ids.len();
    if n < min_n || n > max_n || n == 0 {
        return INVALID;
    }
    if n == 1 {
        return UNIGRAM;
    }
    ((n - first_n) * GRAM_SHARDS + shard_of_key(key)) as u32
}

/// Terms per block of [`split_terms`] (one parallel task each; a few in tests, so that they
/// cross blocks).
const SPLIT_BLOCK: usize = if cfg!(test) { 4 } else { 1 << 15 };

/// The words of terms held as strings (a loaded model, a merge by strings): no token pattern
/// matches a space, so a term's words are its parts between single spaces. Returns the words
/// and each term's word ids (`(ids, ends)`: term `t`'s are `ids[ends[t - 1]..ends[t]]`);
/// `None` if a part is empty, or (with `unigrams`) a term appears twice or a part is not a
/// term. With `unigrams` every word is a term of its own: the words are those terms, numbered
/// in term order, and the terms are split and their words looked up in parallel; else they
/// are numbered in order of first appearance, in one pass.
fn split_terms(terms: &Terms, unigrams: bool) -> Option<(Interner, Split)> {
    let n_terms = terms.len();
    if !unigrams {
        let mut words = Interner::with_capacity(n_terms / 4);
        let mut ids = Vec::with_capacity(n_terms * 2);
        let mut ends = Vec::with_capacity(n_terms);
        for t in 0..n_terms as u32 {
            for part in terms.resolve(t).split(' ') {
                if part.is_empty() {
                    return None;
                }
                ids.push(words.intern(part));
            }
            ends.push(ids.len());
        }
        return Some((words, (ids, ends)));
    }
    let singles: Vec<bool> = (0..n_terms as u32)
        .into_par_iter()
        .map(|t| !terms.resolve(t).contains(' '))
        .collect();
    let single = (0..n_terms as u32)
        .filter(|&t| singles[t as usize])
        .map(|t| terms.resolve(t));
    if single.clone().any(str::is_empty) {
        return None;
    }
    let n_singles = singles.iter().filter(|&&b| b).count();
    let words = Interner::from_unique_iter(n_singles, single).ok()?;
    type Block = (Vec<u32>, Vec<usize>);
    let blocks: Vec<Option<Block>> = (0..n_terms.div_ceil(SPLIT_BLOCK))
        .into_par_iter()
        .map(|b| {
            let range = b * SPLIT_BLOCK..((b + 1) * SPLIT_BLOCK).min(n_terms);
            let mut ids = Vec::with_capacity(range.len() * 2);
            let mut ends = Vec::with_capacity(range.len());
            // Terms in byte order follow one another by their first words: the last first
            // word is kept, and looked up again only when it changes.
            let mut first: Option<(&str, u32)> = None;
            for t in range {
                for (k, part) in terms.resolve(t as u32).split(' ').enumerate() {
                    let id = match first {
                        Some((word, id)) if k == 0 && part == word => id,
                        // (No word is empty: an empty part is not found.)
                        _ => words.get(part)?,
                    };
                    if k == 0 {
                        first = Some((part, id));
                    }
                    ids.push(id);
                }
                ends.push(ids.len());
            }
            Some((ids, ends))
        })
        .collect();
    let mut all_ids = Vec::new();
    let mut all_ends = Vec::with_capacity(n_terms);
    for block in blocks {
        let (ids, ends) = block?;
        let base = all_ids.len();
        all_ids.extend_from_slice(&ids);
        all_ends.extend(ends.into_iter().map(|e| base + e));
    }
    Some((words, (all_ids, all_ends)))
}

/// The state of `terms` and `stats` (a word-analyzer state: a fit's terms by word ids, or
/// terms held as strings, each its words joined by single spaces) kept by word ids, for the
/// n-gram range `range`. `None` when a term is not words joined by single spaces within the
/// range, or appears twice, or (with unigrams) a word of an n-gram is not itself a term: such a
/// state is merged by strings.
pub(crate) fn word_state(
    terms: &Terms,
    stats: &TermStats,
    range: (usize, usize),
) -> Option<WordState> {
    let unigrams = range.0 == 1;
    let (n_shards, first_n) = gram_layout(range);
    let n_terms = terms.len();
    let (words, split) = match terms.word_list() {
        Some(list) => {
            let strings = (0..list.len() as u32).map(|w| list.resolve(w));
            (Interner::from_unique_iter(list.len(), strings).ok()?, None)
        }
        None => {
            let (words, split) = split_terms(terms, unigrams)?;
            (words, Some(split))
        }
    };
    let split = split.as_ref();
    // Each term's shard and key, in parallel.
    let keyed: Vec<(u32, u64)> = (0..n_terms as u32)
        .into_par_iter()
        .map_init(Vec::new, |buf, t| {
            term_words(terms, split, t, buf);
            let key = gram_key(buf);
            (shard_of(buf, key, range, first_n), key)
        })
        .collect();
    if keyed.par_iter().any(|&(s, _)| s == INVALID) {
        return None;
    }
    // The words' statistics (as unigram terms): every word must be a term once.
    let n_words = words.len();
    let mut word_stats = None;
    if unigrams {
        let (mut df, mut tf) = (vec![0u64; n_words], vec![0u64; n_words]);
        let mut seen = vec![false; n_words];
        let mut buf = Vec::new();
        for (t, &(s, _)) in keyed.iter().enumerate() {
            if s == UNIGRAM {
                term_words(terms, split, t as u32, &mut buf);
                let w = buf[0] as usize;
                if std::mem::replace(&mut seen[w], true) {
                    return None;
                }
                df[w] = stats.df(t);
                tf[w] = stats.tf(t);
            }
        }
        if seen.contains(&false) {
            return None;
        }
        word_stats = Some((df, tf));
    }
    // Each n-gram shard: its tuples, table and statistics, in parallel.
    let (grouped, starts) = group_by_shard(&keyed, n_shards, |t| (stats.df(t), stats.tf(t)));
    drop(keyed);
    type Built = Option<(GramTerms, KeyTable, Vec<u64>, Vec<u64>)>;
    let built: Vec<Built> = (0..n_shards)
        .into_par_iter()
        .map(|s| {
            let group = &grouped[starts[s]..starts[s + 1]];
            let mut grams = GramTerms::of_n(first_n + s / GRAM_SHARDS);
            let mut table = KeyTable::with_capacity(group.len());
            let (mut df, mut tf) = (
                Vec::with_capacity(group.len()),
                Vec::with_capacity(group.len()),
            );
            let n = first_n + s / GRAM_SHARDS;
            add_group(
                &mut table,
                &mut grams,
                &mut df,
                &mut tf,
                group,
                n,
                |t, buf| {
                    term_words(terms, split, t, buf);
                },
            );
            // A term twice adds nothing the second time.
            if grams.len() != group.len() {
                return None;
            }
            Some((grams, table, df, tf))
        })
        .collect();
    let mut shards_stats: Vec<(Vec<u64>, Vec<u64>)> = word_stats.into_iter().collect();
    let mut gram_terms = Vec::with_capacity(n_shards);
    let mut tables = Vec::with_capacity(n_shards);
    for b in built {
        let (grams, table, df, tf) = b?;
        gram_terms.push(grams);
        tables.push(table);
        shards_stats.push((df, tf));
    }
    let mut list = TermList::with_capacity(n_words, 0);
    for w in 0..n_words as u32 {
        list.push(words.resolve(w));
    }
    Some(WordState {
        terms: Terms::of_words(list, unigrams, gram_terms),
        stats: TermStats::sharded(shards_stats),
        index: WordIndex {
            unigrams,
            first_n,
            words,
            tables,
        },
    })
}

/// The new counts' words and terms as a merge sees them (see [`WordIndex::merge`]).
struct Incoming {
    /// Per new word: its id in the state, new words numbered on from the state's words.
    word_ids: Vec<u32>,
    /// The new words' hashes, and which of them are not in the state, in order.
    hashes: Vec<u64>,
    missing: Vec<u32>,
    /// The new n-gram terms by shard, each with its key and statistics (see
    /// [`group_by_shard`]).
    grouped: Vec<Grouped>,
    starts: Vec<usize>,
    /// The new unigram terms, each with its word's id in the new count's word list.
    unigrams: Vec<(u32, u32)>,
}

impl WordIndex {
    /// Whether the state's terms and statistics are laid out for this index: the checks a
    /// merge relies on (the state's parts come from [`word_state`] and earlier merges).
    fn fits(&self, terms: &mut Terms, stats: &mut TermStats) -> bool {
        let n_stats = stats.shards_mut().map_or(0, |s| s.len());
        match terms.word_parts_mut() {
            Some((list, grams)) => {
                list.len() == self.words.len()
                    && grams.len() == self.tables.len()
                    && n_stats == self.tables.len() + usize::from(self.unigrams)
            }
            None => false,
        }
    }

    /// The tuple of new term `t` (of `new`) in the state's word ids, into `buf`.
    #[inline]
    fn translate(new: &Terms, word_ids: &[u32], t: u32, buf: &mut Vec<u32>) {
        term_words(new, None, t, buf);
        for w in buf.iter_mut() {
            *w = word_ids[*w as usize];
        }
    }

    /// The words and terms of a new count (`new`, a word-analyzer count's terms, by its word
    /// ids) as the state will know them: each word's id in the state (a new word's the id it
    /// will get), each n-gram's shard and key. `None` if a term is not a word n-gram of `range`.
    fn incoming(
        &self,
        new: &Terms,
        (df, tf): (&[u64], &[u64]),
        range: (usize, usize),
    ) -> Option<Incoming> {
        let new_words = new.word_list()?;
        let looked: Vec<(u64, u32)> = (0..new_words.len() as u32)
            .into_par_iter()
            .map(|w| {
                let s = new_words.resolve(w);
                let h = hash_bytes(s.as_bytes());
                (h, self.words.get_hashed(s, h).unwrap_or(NONE))
            })
            .collect();
        let mut next = self.words.len() as u32;
        let mut missing = Vec::new();
        let mut hashes = Vec::with_capacity(looked.len());
        let word_ids: Vec<u32> = looked
            .iter()
            .enumerate()
            .map(|(w, &(h, id))| {
                hashes.push(h);
                if id != NONE {
                    id
                } else {
                    missing.push(w as u32);
                    next += 1;
                    next - 1
                }
            })
            .collect();
        let keyed: Vec<(u32, u64)> = (0..new.len() as u32)
            .into_par_iter()
            .map_init(Vec::new, |buf, t| {
                WordIndex::translate(new, &word_ids, t, buf);
                let key = gram_key(buf);
                (shard_of(buf, key, range, self.first_n), key)
            })
            .collect();
        if keyed.par_iter().any(|&(s, _)| s == INVALID) {
            return None;
        }
        let mut unigrams = Vec::new();
        let mut buf = Vec::new();
        for (t, &(s, _)) in keyed.iter().enumerate() {
            if s == UNIGRAM {
                term_words(new, None, t as u32, &mut buf);
                unigrams.push((t as u32, buf[0]));
            }
        }
        let (grouped, starts) = group_by_shard(&keyed, self.tables.len(), |t| (df[t], tf[t]));
        Some(Incoming {
            word_ids,
            hashes,
            missing,
            grouped,
            starts,
            unigrams,
        })
    }

    /// Merges the counts of new documents into the state (`terms` and `stats`, laid out for
    /// this index) in place: `new` the count's terms (by its own word ids), `df` and `tf` its
    /// statistics by term id. New words get the next word ids, new n-grams the next entries of
    /// their shards, in the order of the count's ids; the shards are merged in parallel.
    /// `kept` tells whether a document frequency passes pruning after the merge: when no
    /// term of the merged state passes, the merge is taken back (new terms dropped, counts
    /// taken off) and the number of terms the merged state had is returned as the error.
    /// `None` (nothing changed) when the state is not laid out for this index, or `new` is not
    /// a word count of `range`.
    pub(crate) fn merge(
        &mut self,
        terms: &mut Terms,
        stats: &mut TermStats,
        new: &Terms,
        (df, tf): (&[u64], &[u64]),
        range: (usize, usize),
        kept: impl Fn(u64) -> bool + Sync,
    ) -> Option<Result<(), usize>> {
        if !self.fits(terms, stats) || df.len() != new.len() || tf.len() != new.len() {
            return None;
        }
        let inc = self.incoming(new, (df, tf), range)?;
        let new_words = new.word_list()?;
        let words_before = self.words.len();
        let unigrams = self.unigrams;
        let first_n = self.first_n;
        let (list, grams) = terms.word_parts_mut()?;
        let mut arrays = stats.shards_mut()?;
        // The new words, in order, and the words' counts as unigrams.
        for &w in &inc.missing {
            let s = new_words.resolve(w);
            self.words.insert_new(s, inc.hashes[w as usize]);
            list.push(s);
            if unigrams {
                arrays[0].0.push(0);
                arrays[0].1.push(0);
            }
        }
        if unigrams {
            let (wdf, wtf) = &mut arrays[0];
            for &(t, w) in &inc.unigrams {
                let g = inc.word_ids[w as usize] as usize;
                wdf[g] += df[t as usize];
                wtf[g] += tf[t as usize];
            }
        }
        // Each n-gram shard: its new terms found or added (at the end, in order) and counted.
        // What each shard had before, and the entry of each of its new terms, to take the
        // merge back.
        let mut gram_arrays = arrays.split_off(usize::from(unigrams));
        let inc = &inc;
        let undo: Vec<(usize, Vec<u32>)> = self
            .tables
            .par_iter_mut()
            .zip(grams.into_par_iter())
            .zip(gram_arrays.par_iter_mut())
            .enumerate()
            .map(|(s, ((table, g), (sdf, stf)))| {
                let group = &inc.grouped[inc.starts[s]..inc.starts[s + 1]];
                let before = g.len();
                let n = first_n + s / GRAM_SHARDS;
                let entries = add_group(table, g, sdf, stf, group, n, |t, buf| {
                    WordIndex::translate(new, &inc.word_ids, t, buf);
                });
                (before, entries)
            })
            .collect();
        terms.refresh();
        stats.refresh();
        if stats.any_df(kept) {
            return Some(Ok(()));
        }
        // No term passes pruning: the merge taken back.
        let n_terms = terms.len();
        let (list, grams) = terms.word_parts_mut()?;
        let mut arrays = stats.shards_mut()?;
        if unigrams {
            let (wdf, wtf) = &mut arrays[0];
            for &(t, w) in &inc.unigrams {
                let g = inc.word_ids[w as usize] as usize;
                wdf[g] -= df[t as usize];
                wtf[g] -= tf[t as usize];
            }
            wdf.truncate(words_before);
            wtf.truncate(words_before);
        }
        self.words.truncate(words_before);
        list.truncate(words_before);
        let gram_arrays = arrays.split_off(usize::from(unigrams));
        self.tables
            .par_iter_mut()
            .zip(grams.into_par_iter())
            .zip(gram_arrays.into_par_iter())
            .zip(undo.into_par_iter())
            .enumerate()
            .for_each(|(s, (((table, g), (sdf, stf)), (before, entries)))| {
                let group = &inc.grouped[inc.starts[s]..inc.starts[s + 1]];
                for (&[_, _, gdf, gtf], &e) in group.iter().zip(&entries) {
                    if (e as usize) < before {
                        sdf[e as usize] -= gdf;
                        stf[e as usize] -= gtf;
                    }
                }
                sdf.truncate(before);
                stf.truncate(before);
                g.truncate(before);
                *table = KeyTable::with_capacity(before);
                for e in 0..before as u32 {
                    table.insert(gram_key(g.gram(e)), e);
                }
            });
        terms.refresh();
        stats.refresh();
        Some(Err(n_terms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_table_tells_entries_with_one_key_apart_and_keeps_them_as_it_grows() {
        // Entry e's "words" are e % 7: entries with the same key are told apart by `same`.
        let mut table = KeyTable::with_capacity(0);
        let key = |e: u32| u64::from(e / 7) * 0x1_0000_0001;
        for e in 0..5000u32 {
            let (got, added) = table.find_or_insert(key(e), |x| x % 7 == e % 7, e);
            assert_eq!((got, added), (e, true));
        }
        assert!(table.slots.len() >= 5000 * 4 / 3);
        for e in (0..5000u32).rev() {
            assert_eq!(table.get(key(e), |x| x % 7 == e % 7), e);
            assert_eq!(
                table.find_or_insert(key(e), |x| x % 7 == e % 7, 9999),
                (e, false)
            );
        }
        assert_eq!(table.get(key(7 * 5000), |_| true), NONE);
    }

    /// Every term of a state as (string, df, tf), sorted.
    fn listed(terms: &Terms, stats: &TermStats) -> Vec<(String, u64, u64)> {
        let mut v: Vec<_> = (0..terms.len())
            .map(|t| {
                (
                    terms.resolve(t as u32).to_string(),
                    stats.df(t),
                    stats.tf(t),
                )
            })
            .collect();
        v.sort();
        v
    }

    fn strings(list: &[(&str, u64, u64)]) -> (Terms, TermStats) {
        let mut l = TermList::with_capacity(0, 0);
        for (s, _, _) in list {
            l.push(s);
        }
        let df = list.iter().map(|p| p.1).collect();
        let tf = list.iter().map(|p| p.2).collect();
        (Terms::new(vec![l]), TermStats::dense(df, tf))
    }

    #[test]
    fn terms_held_as_strings_are_laid_out_by_their_words() {
        let list = [
            ("b c", 1, 2),
            ("a", 3, 4),
            ("c", 1, 1),
            ("a b c", 1, 1),
            ("b", 2, 5),
            ("a b", 2, 2),
        ];
        let (terms, stats) = strings(&list);
        let laid = word_state(&terms, &stats, (1, 3)).unwrap();
        assert_eq!(listed(&laid.terms, &laid.stats), listed(&terms, &stats));
        // Words first (as unigram terms, in order of first appearance), then the n-grams.
        let words = laid.terms.word_list().unwrap();
        let words: Vec<&str> = (0..words.len() as u32).map(|w| words.resolve(w)).collect();
        // (The unigram terms, in term order.)
        assert_eq!(words, ["a", "c", "b"]);
        assert_eq!(laid.terms.made_of(0), MadeOf::Word(0));
        assert_eq!(laid.terms.resolve(0), "a");
        assert!(!laid.terms.is_built());
        // Without unigrams the words are not terms.
        let grams = [("x y", 1, 1), ("y z", 2, 3), ("x y z", 1, 1)];
        let (terms, stats) = strings(&grams);
        let laid = word_state(&terms, &stats, (2, 3)).unwrap();
        assert_eq!(listed(&laid.terms, &laid.stats), listed(&terms, &stats));
        assert_eq!(laid.terms.len(), 3);
    }

    #[test]
    fn terms_that_are_not_word_n_grams_of_the_range_are_left_to_strings() {
        for (list, range) in [
            // Two spaces: an empty word.
            (vec![("a", 1, 1), ("a  b", 1, 1), ("b", 1, 1)], (1, 2)),
            // A space first or last (an empty first word at a block's start; a block is four
            // terms in tests), with and without unigrams.
            (vec![(" b", 1, 1), ("b", 1, 1)], (1, 2)),
            (
                vec![
                    ("a", 1, 1),
                    ("b", 1, 1),
                    ("c", 1, 1),
                    ("d", 1, 1),
                    (" b", 1, 1),
                ],
                (1, 2),
            ),
            (vec![("a", 1, 1), ("a ", 1, 1)], (1, 2)),
            (vec![(" b", 1, 1), ("a b", 1, 1)], (2, 2)),
            // A trigram outside the range.
            (vec![("a", 1, 1), ("b", 1, 1), ("a b a", 1, 1)], (1, 2)),
            // A unigram outside the range.
            (vec![("a b", 1, 1), ("a", 1, 1)], (2, 2)),
            // A word of an n-gram that is not a unigram term.
            (vec![("a", 1, 1), ("a b", 1, 1)], (1, 2)),
            // A term twice.
            (
                vec![("a", 1, 1), ("b", 1, 1), ("a b", 1, 1), ("a b", 1, 1)],
                (1, 2),
            ),
        ] {
            let (terms, stats) = strings(&list);
            assert!(word_state(&terms, &stats, range).is_none(), "{list:?}");
        }
    }
}
