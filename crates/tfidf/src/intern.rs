//! A string interner: each distinct string gets a dense `u32` id, all strings live in one arena.
//!
//! Used for vocabularies (term -> id), stop-word sets, and the per-chunk counts of a fit. One
//! allocation for all strings instead of one per term, and a lookup that hashes a `&str` once
//! and compares bytes only on a 32-bit hash-tag match.

/// Marks an empty slot in the hash table.
const EMPTY: u64 = 0;

/// Hashes bytes (a multiply-rotate hash over 8-byte words with a final avalanche). Fast and
/// good enough for hash tables; not meant to resist hash flooding.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

/// Interned strings with dense ids `0..len()` in insertion order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    arena: String,
    /// `offsets[i]..offsets[i + 1]` is string `i` in the arena (empty until the first insert).
    offsets: Vec<usize>,
    /// Open addressing, linear probing: `(hash tag << 32) | (id + 1)`, or `EMPTY`.
    slots: Vec<u64>,
    /// The hash of each string, so growing the table needs no rehashing.
    hashes: Vec<u64>,
}

impl Interner {
    /// An interner with room for about `n` strings before it grows.
    pub(crate) fn with_capacity(n: usize) -> Interner {
        let mut i = Interner::default();
        i.offsets.reserve(n + 1);
        i.hashes.reserve(n);
        i.slots = vec![EMPTY; (n.max(8) * 2).next_power_of_two()];
        i
    }

    /// Builds an interner from strings in order; duplicates keep the first id and are reported
    /// by returning the index of the first duplicate as `Err`.
    pub(crate) fn from_unique<S: AsRef<str>>(strings: &[S]) -> Result<Interner, usize> {
        let mut i = Interner::with_capacity(strings.len());
        for (k, s) in strings.iter().enumerate() {
            let s = s.as_ref();
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

    /// The strings in id order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|i| self.resolve(i))
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
            let slot = self.slots[pos];
            if slot == EMPTY {
                return None;
            }
            if slot >> 32 == tag {
                let id = (slot as u32) - 1;
                if self.resolve(id) == s {
                    return Some(id);
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
        self.place(id, h);
        id
    }

    fn place(&mut self, id: u32, h: u64) {
        let mask = self.slots.len() - 1;
        let mut pos = (h as usize) & mask;
        while self.slots[pos] != EMPTY {
            pos = (pos + 1) & mask;
        }
        self.slots[pos] = ((h >> 32) << 32) | (u64::from(id) + 1);
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(16);
        self.slots = vec![EMPTY; n];
        for id in 0..self.len() as u32 {
            let h = self.hashes[id as usize];
            self.place(id, h);
        }
    }

    /// A new interner holding the strings of `self` in the order of `ids` (each id once).
    pub(crate) fn reordered(&self, ids: &[u32]) -> Interner {
        let bytes: usize = ids
            .iter()
            .map(|&i| self.offsets[i as usize + 1] - self.offsets[i as usize])
            .sum();
        let mut out = Interner::with_capacity(ids.len());
        out.arena.reserve(bytes);
        for &i in ids {
            out.insert_new(self.resolve(i), self.hashes[i as usize]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let r = i.reordered(&[3, 0]);
        assert_eq!(r.iter().collect::<Vec<_>>(), ["sat", "the"]);
        assert_eq!(r.get("the"), Some(1));
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
}
