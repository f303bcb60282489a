//! A string interner: each distinct string gets a dense `u32` id, all strings live in one arena.
//!
//! Used for vocabularies (term -> id), stop-word sets, and the per-chunk counts of a fit. One
//! allocation for all strings instead of one per term, and a lookup that hashes a `&str` once
//! and compares bytes only on a 32-bit hash-tag match.

/// An empty slot of the hash table.
const EMPTY: [u64; 2] = [0, 0];
/// Length field value meaning "look the length up in `offsets`" (strings of 16 MiB or more).
const LONG: u64 = (1 << 24) - 1;

use crate::grams::written;
pub(crate) use gist_core::hash::hash_bytes;
use rayon::prelude::*;
use std::sync::OnceLock;

/// Equality of two byte strings of equal length, word by word: terms are short, and a call to
/// `memcmp` costs more than comparing them inline.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        if x != y {
            return false;
        }
    }
    let (ra, rb) = (ca.remainder(), cb.remainder());
    ra.len() == rb.len() && ra.iter().zip(rb).all(|(x, y)| x == y)
}

/// Interned strings with dense ids `0..len()` in insertion order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    arena: String,
    /// `offsets[i]..offsets[i + 1]` is string `i` in the arena (empty until the first insert).
    offsets: Vec<usize>,
    /// Open addressing, linear probing: `[(hash tag << 32) | (id + 1), (start << 24) | len]`,
    /// or `EMPTY`; the string's place is in the slot so a lookup reads the arena directly.
    slots: Vec<[u64; 2]>,
    /// The hash of each string, so growing the table needs no rehashing.
    hashes: Vec<u64>,
}

impl Interner {
    /// An interner with room for about `n` strings before it grows.
    pub(crate) fn with_capacity(n: usize) -> Interner {
        let mut i = Interner::default();
        i.offsets.reserve(n + 1);
        i.hashes.reserve(n);
        i.slots = written((n.max(8) * 2).next_power_of_two(), EMPTY);
        i
    }

    /// Builds an interner from strings in order; duplicates keep the first id and are reported
    /// by returning the index of the first duplicate as `Err`.
    pub(crate) fn from_unique<S: AsRef<str>>(strings: &[S]) -> Result<Interner, usize> {
        Interner::from_unique_iter(strings.len(), strings.iter().map(AsRef::as_ref))
    }

    /// [`from_unique`](Self::from_unique) of `strings`, about `n` of them.
    pub(crate) fn from_unique_iter<'s>(
        n: usize,
        strings: impl IntoIterator<Item = &'s str>,
    ) -> Result<Interner, usize> {
        let mut i = Interner::with_capacity(n);
        for (k, s) in strings.into_iter().enumerate() {
            let h = hash_bytes(s.as_bytes());
            if i.get_hashed(s, h).is_some() {
                return Err(k);
            }
            i.insert_new(s, h);
        }
        Ok(i)
    }

    /// Number of distinct strings.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.hashes.len()
    }

    /// The string with id `id`. Panics if `id >= len()` (internal ids only).
    #[inline]
    pub(crate) fn resolve(&self, id: u32) -> &str {
        let id = id as usize;
        &self.arena[self.offsets[id]..self.offsets[id + 1]]
    }

    /// The stored hash of string `id`.
    #[inline]
    pub(crate) fn hash_of(&self, id: u32) -> u64 {
        self.hashes[id as usize]
    }

    /// The id of `s`, if interned.
    #[inline]
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.get_hashed(s, hash_bytes(s.as_bytes()))
    }

    /// The id of `s` whose hash is `h`, if interned.
    #[inline]
    pub(crate) fn get_hashed(&self, s: &str, h: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = h >> 32;
        let mut pos = (h as usize) & mask;
        loop {
            let [a, b] = self.slots[pos];
            if a == 0 {
                return None;
            }
            if a >> 32 == tag {
                let id = (a as u32) - 1;
                let len = b & LONG;
                if len == LONG {
                    if self.resolve(id) == s {
                        return Some(id);
                    }
                } else if len as usize == s.len() {
                    let start = (b >> 24) as usize;
                    if let Some(stored) = self.arena.as_bytes().get(start..start + s.len())
                        && bytes_eq(stored, s.as_bytes())
                    {
                        return Some(id);
                    }
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The id of `s`, interning it if new.
    #[inline]
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        let h = hash_bytes(s.as_bytes());
        match self.get_hashed(s, h) {
            Some(id) => id,
            None => self.insert_new(s, h),
        }
    }

    /// Interns `s` (hash `h`), known to be absent. Ids are `u32`: a vocabulary of more than
    /// four billion distinct strings is out of scope.
    pub(crate) fn insert_new(&mut self, s: &str, h: u64) -> u32 {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        let id = self.len() as u32;
        self.arena.push_str(s);
        self.offsets.push(self.arena.len());
        self.hashes.push(h);
        self.place(id);
        id
    }

    fn place(&mut self, id: u32) {
        let h = self.hashes[id as usize];
        let start = self.offsets[id as usize] as u64;
        let len = (self.offsets[id as usize + 1] as u64 - start).min(LONG);
        let b = if start < (1 << 40) {
            (start << 24) | len
        } else {
            LONG
        };
        let mask = self.slots.len() - 1;
        let mut pos = (h as usize) & mask;
        while self.slots[pos] != EMPTY {
            pos = (pos + 1) & mask;
        }
        self.slots[pos] = [((h >> 32) << 32) | (u64::from(id) + 1), b];
    }

    /// Forgets the strings with ids `n..` (a merge taken back): the table is rebuilt from the
    /// strings kept, which costs as much as interning them (an error path only).
    pub(crate) fn truncate(&mut self, n: usize) {
        if n >= self.len() {
            return;
        }
        self.arena.truncate(self.offsets[n]);
        self.offsets.truncate(n + 1);
        self.hashes.truncate(n);
        self.slots.fill(EMPTY);
        for id in 0..n as u32 {
            self.place(id);
        }
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(16);
        // Every page written first: a zeroed table's pages are mapped lazily, and the first
        // write to each after a read (a probe) makes the kernel flush every core's TLB, which
        // interners growing on several threads at once (a merge's shards) paid dearly.
        self.slots = written(n, EMPTY);
        for id in 0..self.len() as u32 {
            self.place(id);
        }
    }
}

/// Number of shards of a merged vocabulary (a power of two).
pub(crate) const SHARDS: usize = 64;

/// The shard of a string with hash `h` (top bits; tables index with the low bits).
#[inline]
pub(crate) fn shard_of(h: u64) -> usize {
    (h >> (64 - SHARDS.trailing_zeros())) as usize
}

/// Strings with dense ids `0..len()`, one arena, no lookup by string: the term store of a fitted
/// model, which only resolves ids (lookups go through the vocabulary's [`Interner`]), so
/// millions of pruned n-grams cost no hash table.
#[derive(Clone, Debug, Default)]
pub(crate) struct TermList {
    arena: String,
    /// String `i` ends at `ends[i]` and starts where string `i - 1` ends.
    ends: Vec<usize>,
}

impl TermList {
    /// An empty list with room for `n` strings of `bytes` bytes in all.
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> TermList {
        TermList {
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
        }
    }

    /// Number of strings.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The string with id `id`. Panics if `id >= len()` (internal ids only).
    #[inline]
    pub(crate) fn resolve(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.arena[start..self.ends[id]]
    }

    /// Appends `s` (id `len()`).
    #[inline]
    pub(crate) fn push(&mut self, s: &str) {
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
    }

    /// Forgets the strings from `len` on.
    pub(crate) fn truncate(&mut self, len: usize) {
        if len < self.ends.len() {
            self.ends.truncate(len);
            self.arena.truncate(self.ends.last().copied().unwrap_or(0));
        }
    }

    /// Appends the strings of `other`, in order.
    pub(crate) fn append(&mut self, other: TermList) {
        if self.ends.is_empty() {
            *self = other;
            return;
        }
        let base = self.arena.len();
        self.arena.push_str(&other.arena);
        self.ends.extend(other.ends.iter().map(|e| base + e));
    }

    /// Appends the strings `gram` (ids in this list) to `out`, joined by single spaces.
    pub(crate) fn join_into(&self, gram: &[u32], out: &mut String) {
        for (k, &w) in gram.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(self.resolve(w));
        }
    }

    /// Reserves room for `n` more strings of `bytes` bytes in all.
    pub(crate) fn reserve(&mut self, n: usize, bytes: usize) {
        self.arena.reserve(bytes);
        self.ends.reserve(n);
    }

    /// A list of the word tuples `grams` (word ids in `words`), each joined with single
    /// spaces, in order. Words of up to 16 bytes (nearly all) are copied as 16-byte blocks
    /// into room reserved past the end, so a term costs a few moves rather than one copy call
    /// per word and separator.
    pub(crate) fn joined<'g>(
        words: &TermList,
        grams: impl Iterator<Item = &'g [u32]> + Clone,
    ) -> TermList {
        const BLOCK: usize = 16;
        let span = |w: u32| {
            let w = w as usize;
            (if w == 0 { 0 } else { words.ends[w - 1] }, words.ends[w])
        };
        let mut n = 0;
        let mut total = 0;
        for g in grams.clone() {
            n += 1;
            total += g.len().saturating_sub(1);
            for &w in g {
                let (a, b) = span(w);
                total += b - a;
            }
        }
        let src = words.arena.as_bytes();
        let mut out = vec![0u8; total + BLOCK];
        let mut ends = Vec::with_capacity(n);
        let mut at = 0;
        for g in grams {
            for (k, &w) in g.iter().enumerate() {
                if k > 0 {
                    out[at] = b' ';
                    at += 1;
                }
                let (a, b) = span(w);
                let len = b - a;
                match src.get(a..a + BLOCK) {
                    // Copies the word and whatever follows it; the next write covers the rest.
                    Some(block) if len <= BLOCK => out[at..at + BLOCK].copy_from_slice(block),
                    // A long word, or one of the last words of the list.
                    _ => out[at..at + len].copy_from_slice(&src[a..b]),
                }
                at += len;
            }
            ends.push(at);
        }
        out.truncate(at);
        // Whole UTF-8 strings joined by ASCII spaces are UTF-8.
        let arena = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        TermList { arena, ends }
    }
}

impl From<Interner> for TermList {
    fn from(i: Interner) -> TermList {
        let mut ends = i.offsets;
        if !ends.is_empty() {
            ends.remove(0);
        }
        TermList {
            arena: i.arena,
            ends,
        }
    }
}

/// Where a term comes from: `(n, index)`, the word id for `n == 1`, else the n-gram's index
/// in the table for `n`.
pub(crate) type Source = (u32, u32);

/// Where each term of a partition comes from, term after term: when only one n is counted,
/// term `t` is n-gram `t` of its table and nothing is stored.
#[derive(Clone, Debug)]
pub(crate) enum Sources {
    One { n: u32, len: usize },
    Many(Vec<Source>),
}

impl Sources {
    /// For the n-grams counted with `n` in `min_n..=max_n` (`min_n >= 2`).
    pub(crate) fn new(min_n: usize, max_n: usize) -> Sources {
        if min_n == max_n {
            Sources::One {
                n: min_n as u32,
                len: 0,
            }
        } else {
            Sources::Many(Vec::new())
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Sources::One { len, .. } => *len,
            Sources::Many(v) => v.len(),
        }
    }

    /// Where term `t` comes from.
    #[inline]
    pub(crate) fn get(&self, t: usize) -> Option<Source> {
        match self {
            Sources::One { n, len } => (t < *len).then_some((*n, t as u32)),
            Sources::Many(v) => v.get(t).copied(),
        }
    }

    /// Records the next term's source.
    pub(crate) fn push(&mut self, s: Source) {
        match self {
            Sources::One { len, .. } => *len += 1,
            Sources::Many(v) => v.push(s),
        }
    }
}

/// N-gram terms kept as tuples of word ids: their strings (the words joined by single spaces)
/// are built only when one is first resolved, all at once. A fit keeps every term it saw, but
/// needs the strings of the kept ones only (built apart by [`Terms::select`]); the others are
/// joined only if the model is saved or fitted further.
#[derive(Clone, Debug)]
pub(crate) struct GramTerms {
    /// Per n, from 2 on (index `n - 2`): the word ids of that length's n-grams, n after n.
    tuples: Vec<Vec<u32>>,
    /// Which n-gram each term is.
    sources: Sources,
    joined: OnceLock<TermList>,
}

impl GramTerms {
    /// Terms from their n-grams' word ids (`tuples[n - 2]`) and their sources.
    pub(crate) fn new(tuples: Vec<Vec<u32>>, sources: Sources) -> GramTerms {
        GramTerms {
            tuples,
            sources,
            joined: OnceLock::new(),
        }
    }

    /// Number of terms.
    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }

    /// Terms of n-grams of `n` words only (`n >= 2`), none yet: a shard of a state merged by
    /// word ids ([`crate::wordmerge`]), grown by [`push`](Self::push).
    pub(crate) fn of_n(n: usize) -> GramTerms {
        let n = n.max(2);
        GramTerms::new(vec![Vec::new(); n - 1], Sources::new(n, n))
    }

    /// Adds the n-gram `ids` as the next term (its length the `n` of [`of_n`](Self::of_n));
    /// the strings joined so far, if any, are dropped (joined again when next resolved).
    pub(crate) fn push(&mut self, ids: &[u32]) {
        if self.joined.get().is_some() {
            self.joined = OnceLock::new();
        }
        if let Some(tuples) = self.tuples.get_mut(ids.len().wrapping_sub(2)) {
            let index = (tuples.len() / ids.len()) as u32;
            // (A loop: a copy call costs more than a few ids.)
            for &w in ids {
                tuples.push(w);
            }
            self.sources.push((ids.len() as u32, index));
        }
    }

    /// Forgets the terms from `len` on (of a shard made by [`of_n`](Self::of_n): a merge
    /// taken back).
    pub(crate) fn truncate(&mut self, len: usize) {
        if len >= self.len() {
            return;
        }
        self.joined = OnceLock::new();
        let n = self.tuples.len() + 1;
        if let Some(tuples) = self.tuples.last_mut() {
            tuples.truncate(len * n);
        }
        if let Sources::One { len: l, .. } = &mut self.sources {
            *l = len;
        }
    }

    /// The word ids of term `t` (empty for an unknown term).
    pub(crate) fn gram(&self, t: u32) -> &[u32] {
        let Some((n, i)) = self.sources.get(t as usize) else {
            return &[];
        };
        let (n, i) = (n as usize, i as usize);
        self.tuples
            .get(n.wrapping_sub(2))
            .and_then(|v| v.get(i * n..(i + 1) * n))
            .unwrap_or(&[])
    }

    /// Every term's string (joined on first use), `words` the word list of the ids.
    fn strings(&self, words: &TermList) -> &TermList {
        self.joined
            .get_or_init(|| TermList::joined(words, (0..self.len() as u32).map(|t| self.gram(t))))
    }
}

/// What a term is made of (see [`Terms::made_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MadeOf<'a> {
    /// One word (a unigram term), by id.
    Word(u32),
    /// An n-gram, by its words' ids.
    Gram(&'a [u32]),
    /// A string of its own (a term of a fit by strings, or of a loaded model).
    Text,
}

/// A part of a [`Terms`].
#[derive(Clone, Debug)]
enum Shard {
    List(TermList),
    /// One of the [`SHARDS`] interners of a merge, kept with its hash table so that the next
    /// merge adds to it in place instead of interning every term again.
    Merged(Interner),
    /// The word list of the n-grams (see [`Terms::of_words`]), as terms.
    Words,
    Grams(GramTerms),
}

/// A vocabulary: one string list, or [`SHARDS`] lists split by hash (the result of a parallel
/// merge), or the terms of a word-analyzer fit (its words, then its n-grams as [`GramTerms`]).
/// Ids are dense, list after list: `offsets[s] + entry`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Terms {
    shards: Vec<Shard>,
    offsets: Vec<u32>,
    /// The words the n-gram shards' ids refer to (empty without n-grams).
    words: TermList,
}

impl Terms {
    /// Terms from one list (ids unchanged) or from several (ids list after list).
    pub(crate) fn new(shards: Vec<TermList>) -> Terms {
        Terms::of_shards(
            shards.into_iter().map(Shard::List).collect(),
            TermList::default(),
        )
    }

    /// The terms of a word-analyzer fit: the words themselves first if they are terms
    /// (`unigrams`), then each list of n-grams (ids list after list).
    pub(crate) fn of_words(words: TermList, unigrams: bool, grams: Vec<GramTerms>) -> Terms {
        let shards = unigrams
            .then_some(Shard::Words)
            .into_iter()
            .chain(grams.into_iter().map(Shard::Grams))
            .collect();
        Terms::of_shards(shards, words)
    }

    fn of_shards(shards: Vec<Shard>, words: TermList) -> Terms {
        let mut offsets = Vec::with_capacity(shards.len() + 1);
        let mut total = 0u32;
        for sh in &shards {
            offsets.push(total);
            total += match sh {
                Shard::List(l) => l.len(),
                Shard::Merged(i) => i.len(),
                Shard::Words => words.len(),
                Shard::Grams(g) => g.len(),
            } as u32;
        }
        offsets.push(total);
        Terms {
            shards,
            offsets,
            words,
        }
    }

    /// Terms from interners (see [`Terms::new`]).
    pub(crate) fn from_interners(shards: Vec<Interner>) -> Terms {
        Terms::new(shards.into_iter().map(TermList::from).collect())
    }

    /// The terms of a merge: its [`SHARDS`] interners (by hash shard of the strings), kept as
    /// they are (see [`merged_shards`](Self::merged_shards)).
    pub(crate) fn from_merge(shards: Vec<Interner>) -> Terms {
        debug_assert_eq!(shards.len(), SHARDS);
        Terms::of_shards(
            shards.into_iter().map(Shard::Merged).collect(),
            TermList::default(),
        )
    }

    /// The interners of terms made by [`from_merge`](Self::from_merge), shard by shard.
    pub(crate) fn merged_shards(&self) -> Option<Vec<&Interner>> {
        self.shards
            .iter()
            .map(|s| match s {
                Shard::Merged(i) => Some(i),
                _ => None,
            })
            .collect::<Option<Vec<&Interner>>>()
            .filter(|v| v.len() == SHARDS)
    }

    /// The interners of terms made by [`from_merge`](Self::from_merge), to add terms to them in
    /// place (then call [`refresh`](Self::refresh)); `None` for other terms.
    pub(crate) fn merged_shards_mut(&mut self) -> Option<Vec<&mut Interner>> {
        self.shards
            .iter_mut()
            .map(|s| match s {
                Shard::Merged(i) => Some(i),
                _ => None,
            })
            .collect::<Option<Vec<&mut Interner>>>()
            .filter(|v| v.len() == SHARDS)
    }

    /// The word list and the n-gram shards of a word-analyzer fit's terms (see
    /// [`of_words`](Self::of_words)), to grow them in place (then call
    /// [`refresh`](Self::refresh)); `None` for other terms.
    pub(crate) fn word_parts_mut(&mut self) -> Option<(&mut TermList, Vec<&mut GramTerms>)> {
        let mut grams = Vec::new();
        for s in &mut self.shards {
            match s {
                Shard::Words => {}
                Shard::Grams(g) => grams.push(g),
                Shard::List(_) | Shard::Merged(_) => return None,
            }
        }
        Some((&mut self.words, grams))
    }

    /// Recomputes the ids' offsets after shards grew (or shrank).
    pub(crate) fn refresh(&mut self) {
        let shards = std::mem::take(&mut self.shards);
        let words = std::mem::take(&mut self.words);
        *self = Terms::of_shards(shards, words);
    }

    /// Number of distinct strings.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0) as usize
    }

    /// The shard of term `id` and its index there.
    #[inline]
    fn locate(&self, id: u32) -> (usize, u32) {
        let s = if self.shards.len() == 1 {
            0
        } else {
            self.offsets.partition_point(|&o| o <= id) - 1
        };
        (s, id - self.offsets[s])
    }

    /// The string with id `id` (n-gram strings are joined on first use, see [`GramTerms`]).
    pub(crate) fn resolve(&self, id: u32) -> &str {
        let (s, i) = self.locate(id);
        self.resolve_in(s, i)
    }

    /// Appends the string of term `id` to `out`: an n-gram's words are joined there, and its
    /// shard's strings are not built (as [`resolve`](Self::resolve) builds them all).
    pub(crate) fn write_to(&self, id: u32, out: &mut String) {
        let (s, i) = self.locate(id);
        match &self.shards[s] {
            Shard::Grams(g) if g.joined.get().is_none() => self.words.join_into(g.gram(i), out),
            _ => out.push_str(self.resolve_in(s, i)),
        }
    }

    /// String `i` of shard `s` (as [`resolve`](Self::resolve) once the shard is found).
    fn resolve_in(&self, s: usize, i: u32) -> &str {
        match &self.shards[s] {
            Shard::List(l) => l.resolve(i),
            Shard::Merged(m) => m.resolve(i),
            Shard::Words => self.words.resolve(i),
            Shard::Grams(g) => g.strings(&self.words).resolve(i),
        }
    }

    /// The word list of a word-analyzer fit's terms (see [`Terms::of_words`]); `None` for
    /// other terms.
    pub(crate) fn word_list(&self) -> Option<&TermList> {
        self.shards
            .iter()
            .any(|s| matches!(s, Shard::Words | Shard::Grams(_)))
            .then_some(&self.words)
    }

    /// What term `id` is made of, in the word ids of [`word_list`](Self::word_list).
    pub(crate) fn made_of(&self, id: u32) -> MadeOf<'_> {
        let (s, i) = self.locate(id);
        match &self.shards[s] {
            Shard::List(_) | Shard::Merged(_) => MadeOf::Text,
            Shard::Words => MadeOf::Word(i),
            Shard::Grams(g) => MadeOf::Gram(g.gram(i)),
        }
    }

    /// Whether every string is built (no n-gram strings left to join).
    pub(crate) fn is_built(&self) -> bool {
        self.shards.iter().all(|s| match s {
            Shard::Grams(g) => g.joined.get().is_some(),
            _ => true,
        })
    }

    /// The strings of `ids`, in order: the n-grams among them are joined, so the strings of
    /// the other terms are not built. Each run of ids of one shard is taken at once, an
    /// n-gram shard's by [`TermList::joined`] (a few moves per word).
    pub(crate) fn select(&self, ids: &[u32]) -> TermList {
        let mut out = TermList::with_capacity(0, 0);
        let mut rest = ids;
        while let Some(&first) = rest.first() {
            let (s, _) = self.locate(first);
            let (lo, hi) = (self.offsets[s], self.offsets[s + 1]);
            let n = rest
                .iter()
                .take_while(|&&id| (lo..hi).contains(&id))
                .count();
            let (run, after) = rest.split_at(n);
            rest = after;
            match &self.shards[s] {
                Shard::Grams(g) if g.joined.get().is_none() => {
                    let grams = run.iter().map(|&id| g.gram(id - lo));
                    out.append(TermList::joined(&self.words, grams));
                }
                _ => {
                    out.reserve(run.len(), run.len() * 12);
                    for &id in run {
                        out.push(self.resolve_in(s, id - lo));
                    }
                }
            }
        }
        out
    }

    /// All terms in byte order of their strings, found from their words without building an
    /// n-gram's string: for the terms of a word-analyzer fit (see [`of_words`](Self::of_words))
    /// whose n-grams have at most four words. The words are sorted once, and each term keyed
    /// by its words' ranks, first word in the highest bits. Joined by single spaces, strings
    /// sort as their word sequences do, words compared by bytes, when every byte of every word
    /// is above the space: where one word is a prefix of the other, the string goes on with a
    /// space or ends, either of which sorts before any byte of a word. `None` for other terms
    /// (their strings are then sorted, see [`byte_order`](crate::vectorizer::byte_order)).
    pub(crate) fn word_byte_order(&self) -> Option<WordOrder> {
        let words_only = self
            .shards
            .iter()
            .all(|s| matches!(s, Shard::Words | Shard::Grams(_)));
        // The longest n-gram (`tuples[n - 2]` holds the n-grams of n words).
        let longest = self
            .shards
            .iter()
            .map(|s| match s {
                Shard::Grams(g) => g.tuples.len() + 1,
                _ => 1,
            })
            .max()?;
        if !words_only || longest > 4 || self.words.arena.bytes().any(|b| b <= b' ') {
            return None;
        }
        let by_bytes = crate::vectorizer::byte_order(self.words.len(), |w| self.words.resolve(w));
        // Each word's rank from 1 (0: no word), and the words in rank order.
        let mut rank = vec![0u32; self.words.len()];
        let mut words = TermList::with_capacity(self.words.len(), self.words.arena.len());
        for (r, &w) in by_bytes.iter().enumerate() {
            rank[w as usize] = r as u32 + 1;
            words.push(self.words.resolve(w));
        }
        let key = |id: u32| -> u128 {
            let (one, gram);
            let of: &[u32] = match self.made_of(id) {
                MadeOf::Word(w) => {
                    one = [w];
                    &one
                }
                MadeOf::Gram(g) => {
                    gram = g;
                    gram
                }
                MadeOf::Text => &[],
            };
            of.iter().enumerate().fold(0u128, |k, (at, &w)| {
                k | u128::from(rank[w as usize]) << (96 - 32 * at)
            })
        };
        let keys = if longest <= 2 {
            Keys::Two(sorted_by_key(self.len(), |id| (key(id) >> 64) as u64))
        } else {
            Keys::Four(sorted_by_key(self.len(), key))
        };
        Some(WordOrder { words, keys })
    }

    /// The id of `s`, if present (a linear scan: tests only).
    #[cfg(test)]
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        (0..self.len() as u32).find(|&i| self.resolve(i) == s)
    }
}

/// Terms in byte order, by their words (see [`Terms::word_byte_order`]).
pub(crate) struct WordOrder {
    /// The words in byte order: word `r - 1` has rank `r`.
    words: TermList,
    keys: Keys,
}

/// Term ids in order, each with its key: the ranks of its (up to two, or four) words, 32 bits
/// each from the highest, 0 past its last word.
enum Keys {
    Two(Vec<(u64, u32)>),
    Four(Vec<(u128, u32)>),
}

impl WordOrder {
    /// The term ids in byte order of their strings.
    pub(crate) fn ids(&self) -> Vec<u32> {
        match &self.keys {
            Keys::Two(k) => k.par_iter().map(|p| p.1).collect(),
            Keys::Four(k) => k.par_iter().map(|p| p.1).collect(),
        }
    }

    /// Appends the string of term `k` of the order to `out`, joined from its words' ranks:
    /// the first words of successive terms are read in order, and the terms' word ids not at
    /// all.
    pub(crate) fn write_term(&self, k: usize, out: &mut String) {
        let key = match &self.keys {
            Keys::Two(v) => v.get(k).map(|p| u128::from(p.0) << 64),
            Keys::Four(v) => v.get(k).map(|p| p.0),
        };
        // The ranks from the highest bits until the first 0; rank r is word r - 1 of `words`.
        let ranks = key.unwrap_or(0).to_be_bytes();
        let mut of = [0u32; 4];
        let mut n = 0;
        for r in ranks.chunks_exact(4) {
            match u32::from_be_bytes([r[0], r[1], r[2], r[3]]) {
                0 => break,
                rank => of[n] = rank - 1,
            }
            n += 1;
        }
        self.words.join_into(&of[..n], out);
    }
}

/// The ids `0..n` with their keys, ordered by key, in parallel; `key` must give every id a key
/// of its own (then the order is the same on any number of threads).
fn sorted_by_key<K: Ord + Copy + Send + Sync>(
    n: usize,
    key: impl Fn(u32) -> K + Sync,
) -> Vec<(K, u32)> {
    let mut keyed: Vec<(K, u32)> = (0..n as u32)
        .into_par_iter()
        .map(|id| (key(id), id))
        .collect();
    keyed.par_sort_unstable_by_key(|p| p.0);
    keyed
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn word_byte_order_sorts_terms_as_their_strings(
            words in proptest::collection::btree_set("(|a|ab|abc|b|é|éa|[a-c_0-9]{1,3})", 1..12),
            grams in proptest::collection::btree_set(
                proptest::collection::vec(0usize..12, 2..=4), 0..40,
            ),
            unigrams in proptest::bool::ANY,
            split in 0usize..40,
        ) {
            let words: Vec<String> = words.into_iter().collect();
            let mut list = TermList::with_capacity(0, 0);
            for w in &words {
                list.push(w);
            }
            // The n-grams (of distinct word tuples) in two partitions, as a fit counts them.
            let grams: Vec<Vec<u32>> = grams
                .into_iter()
                .map(|g| g.into_iter().map(|w| (w % words.len()) as u32).collect())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let part = |grams: &[Vec<u32>]| {
                let mut tuples = vec![Vec::new(); 3];
                let mut sources = Sources::new(2, 4);
                for g in grams {
                    let n = g.len();
                    sources.push((n as u32, (tuples[n - 2].len() / n) as u32));
                    tuples[n - 2].extend_from_slice(g);
                }
                GramTerms::new(tuples, sources)
            };
            let (first, second) = grams.split_at(split.min(grams.len()));
            let terms = Terms::of_words(list, unigrams, vec![part(first), part(second)]);
            let order = terms.word_byte_order().unwrap();
            let strings: Vec<String> = (0..terms.len() as u32)
                .map(|t| terms.resolve(t).to_string())
                .collect();
            let mut want: Vec<u32> = (0..terms.len() as u32).collect();
            want.sort_by(|&a, &b| strings[a as usize].cmp(&strings[b as usize]));
            proptest::prop_assert_eq!(order.ids(), want.clone());
            for (k, &t) in want.iter().enumerate() {
                let mut s = String::new();
                order.write_term(k, &mut s);
                proptest::prop_assert_eq!(&s, &strings[t as usize]);
            }
        }
    }

    #[test]
    fn word_byte_order_is_only_for_words_above_the_space_in_n_grams_of_four_at_most() {
        let of = |words: &[&str], gram: &[u32]| {
            let mut list = TermList::with_capacity(0, 0);
            for w in words {
                list.push(w);
            }
            let n = gram.len();
            let mut tuples = vec![Vec::new(); n - 1];
            tuples[n - 2] = gram.to_vec();
            let mut sources = Sources::new(n, n);
            sources.push((n as u32, 0));
            Terms::of_words(list, true, vec![GramTerms::new(tuples, sources)])
        };
        assert!(of(&["a", "b"], &[0, 1, 1, 0]).word_byte_order().is_some());
        // Five words.
        assert!(
            of(&["a", "b"], &[0, 1, 1, 0, 0])
                .word_byte_order()
                .is_none()
        );
        // A word with a control character or a space ("a\u{1}b" sorts before "a b").
        assert!(of(&["a\u{1}b", "a"], &[1, 0]).word_byte_order().is_none());
        assert!(of(&["a b", "a"], &[1, 0]).word_byte_order().is_none());
        // Terms of their own strings.
        assert!(
            Terms::new(vec![TermList::default()])
                .word_byte_order()
                .is_none()
        );
    }

    #[test]
    fn joined_lists_equal_joining_strings() {
        let mut words = TermList::with_capacity(0, 0);
        let list = ["a", "sixteen_bytes_16", "seventeen_bytes17", "é", "", "zz"];
        for w in list {
            words.push(w);
        }
        let grams: Vec<Vec<u32>> = vec![
            vec![0, 1],
            vec![1, 2],
            vec![2, 3, 4],
            vec![5, 0],
            vec![4, 4],
            vec![2, 2, 2, 5],
        ];
        let joined = TermList::joined(&words, grams.iter().map(Vec::as_slice));
        assert_eq!(joined.len(), grams.len());
        for (i, g) in grams.iter().enumerate() {
            let want: Vec<&str> = g.iter().map(|&w| list[w as usize]).collect();
            assert_eq!(joined.resolve(i as u32), want.join(" "));
        }
        let none = TermList::joined(&words, std::iter::empty());
        assert_eq!(none.len(), 0);
    }

    #[test]
    fn gram_terms_are_joined_when_first_resolved_and_selected_apart() {
        let list = ["a", "sixteen_bytes_16", "seventeen_bytes17", "é", "zz"];
        let mut words = TermList::with_capacity(0, 0);
        for w in list {
            words.push(w);
        }
        // Terms: the five words, then bigrams and trigrams of two partitions, one with a
        // single length (no sources stored), one with both.
        let mut one = Sources::new(2, 2);
        let pairs = vec![0, 1, 1, 2, 4, 0];
        for i in 0..3 {
            one.push((2, i));
        }
        let mut many = Sources::new(2, 3);
        let (pairs2, triples) = (vec![3, 3], vec![2, 3, 4, 0, 0, 0]);
        for s in [(3, 1), (2, 0), (3, 0)] {
            many.push(s);
        }
        let grams = vec![
            GramTerms::new(vec![pairs], one),
            GramTerms::new(vec![pairs2, triples], many),
        ];
        let terms = Terms::of_words(words, true, grams);
        let want = [
            "a",
            "sixteen_bytes_16",
            "seventeen_bytes17",
            "é",
            "zz",
            "a sixteen_bytes_16",
            "sixteen_bytes_16 seventeen_bytes17",
            "zz a",
            "a a a",
            "é é",
            "seventeen_bytes17 é zz",
        ];
        assert_eq!(terms.len(), want.len());
        assert!(!terms.is_built());
        // Selected strings come without building the n-gram strings.
        let ids = [10, 0, 6, 9, 5, 7];
        let picked = terms.select(&ids);
        for (k, &id) in ids.iter().enumerate() {
            assert_eq!(picked.resolve(k as u32), want[id as usize]);
        }
        assert!(!terms.is_built());
        for (id, w) in want.iter().enumerate() {
            assert_eq!(terms.resolve(id as u32), *w);
        }
        assert!(terms.is_built());
        assert_eq!(terms.select(&ids).resolve(0), want[10]);
        // Without unigram terms, the n-grams are the first terms.
        let mut words = TermList::with_capacity(0, 0);
        words.push("x");
        let mut s = Sources::new(2, 2);
        s.push((2, 0));
        let terms = Terms::of_words(words, false, vec![GramTerms::new(vec![vec![0, 0]], s)]);
        assert_eq!((terms.len(), terms.resolve(0)), (1, "x x"));
    }

    #[test]
    fn interns_and_resolves() {
        let mut i = Interner::default();
        assert_eq!(i.get("a"), None);
        let words = ["the", "cat", "", "sat", "the", "é", "cat"];
        let ids: Vec<u32> = words.iter().map(|w| i.intern(w)).collect();
        assert_eq!(ids, [0, 1, 2, 3, 0, 4, 1]);
        assert_eq!(i.len(), 5);
        assert_eq!(i.resolve(4), "é");
        assert_eq!(i.get(""), Some(2));
        assert_eq!(i.get("dog"), None);
    }

    #[test]
    fn grows_past_many_strings() {
        let mut i = Interner::with_capacity(0);
        for k in 0..10_000u32 {
            assert_eq!(i.intern(&format!("w{k}")), k);
        }
        for k in (0..10_000u32).rev() {
            assert_eq!(i.get(&format!("w{k}")), Some(k));
        }
        assert_eq!(Interner::from_unique(&["a", "b", "a"]).err(), Some(2));
    }

    #[test]
    fn terms_ids_are_shard_major() {
        let words: Vec<String> = (0..500).map(|k| format!("t{k}")).collect();
        let mut shards = vec![Interner::default(); SHARDS];
        for w in &words {
            let h = hash_bytes(w.as_bytes());
            shards[shard_of(h)].insert_new(w, h);
        }
        let t = Terms::from_interners(shards);
        assert_eq!(t.len(), 500);
        for w in &words {
            assert_eq!(t.resolve(t.get(w).unwrap()), w);
        }
        assert_eq!(t.get("x"), None);
        let single = Terms::from_interners(vec![Interner::from_unique(&words).unwrap()]);
        assert_eq!(single.get("t42"), Some(42));
        assert_eq!(single.resolve(499), "t499");
    }
}
