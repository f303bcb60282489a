//! A table of short byte strings: the per-thread caches of analyzed words (stems, norms and
//! stopword flags of the words a thread has met) look words up here, by their bytes.
//!
//! A key of up to 16 bytes is packed into two little-endian words (zeros past its end) with a
//! small tag of the caller's (its length, and a kind if the caller has several), so that a
//! lookup compares three integers in the table's own memory: one memory read per lookup, where
//! a map of boxed strings reads its control bytes, its bucket and the key's own allocation.
//!
//! ```
//! use gist_core::hash::KeyedFastHash;
//! use gist_core::short::{ShortKey, ShortTable};
//!
//! let text = b"the cat and the dog";
//! let mut table = ShortTable::new(KeyedFastHash::with_key(0x5eed));
//! let the = ShortKey::of(text, 0, 3, 3).unwrap();
//! assert_eq!(table.get(the), None);
//! table.insert(the, 7);
//! assert_eq!(table.get(ShortKey::of(text, 12, 15, 3).unwrap()), Some(7)); // the other "the"
//! assert_eq!(table.get(ShortKey::of(text, 4, 7, 3).unwrap()), None); // "cat"
//! assert_eq!(ShortKey::of(text, 0, 17, 17), None); // longer than 16 bytes
//! ```

use crate::hash::KeyedFastHash;

/// Longest key, in bytes.
pub const SHORT_BYTES: usize = 16;

/// Largest value a [`ShortTable`] holds (56 bits).
pub const MAX_VALUE: u64 = (1 << 56) - 1;

/// A byte string of 1 to [`SHORT_BYTES`] bytes, packed: its bytes in two little-endian words,
/// zeros past its end, and a nonzero tag of the caller's (keys with different tags differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortKey {
    lo: u64,
    hi: u64,
    tag: u8,
}

/// The low `n` bytes of `x` (all of them for `n >= 8`).
#[inline]
fn low_bytes(x: u64, n: usize) -> u64 {
    if n >= 8 {
        x
    } else {
        x & ((1u64 << (8 * n)) - 1)
    }
}

/// Two little-endian words from the first 16 bytes of `b`.
#[inline]
fn words16(b: &[u8]) -> Option<(u64, u64)> {
    let (l, h) = b.split_at_checked(8)?;
    Some((
        u64::from_le_bytes(l.try_into().ok()?),
        u64::from_le_bytes(h.get(..8)?.try_into().ok()?),
    ))
}

impl ShortKey {
    /// The key of `text[start..end]` with `tag`, if it has 1 to [`SHORT_BYTES`] bytes and `tag`
    /// is not 0. Where the text has 16 bytes from `start`, they are read at once and the bytes
    /// past `end` masked off.
    #[inline]
    pub fn of(text: &[u8], start: usize, end: usize, tag: u8) -> Option<ShortKey> {
        let len = end.checked_sub(start)?;
        if len == 0 || len > SHORT_BYTES || tag == 0 {
            return None;
        }
        let (lo, hi) = match text.get(start..start + SHORT_BYTES) {
            Some(b) => words16(b)?,
            None => {
                let mut b = [0u8; SHORT_BYTES];
                b[..len].copy_from_slice(text.get(start..end)?);
                words16(&b)?
            }
        };
        Some(ShortKey {
            lo: low_bytes(lo, len),
            hi: if len <= 8 { 0 } else { low_bytes(hi, len - 8) },
            tag,
        })
    }

    #[inline]
    fn hash(self, key: u64) -> u64 {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let h = (self.lo ^ key).wrapping_mul(K);
        let h = (h.rotate_left(23) ^ self.hi ^ u64::from(self.tag)).wrapping_mul(K);
        h ^ (h >> 29)
    }
}

/// An open-addressing table (linear probing, at most three quarters full) from [`ShortKey`]s to
/// values of up to 56 bits, in 24-byte slots: the key's two words, and one word packing its tag
/// (bits 0..8) and the value (bits 8..64). A slot whose tag is 0 is empty. The hash is keyed by
/// a [`KeyedFastHash`]'s key ([`KeyedFastHash::random`] for a table that grows with its input,
/// so that a text cannot be crafted in advance to make its words collide).
#[derive(Clone, Debug)]
pub struct ShortTable {
    slots: Vec<[u64; 3]>,
    used: usize,
    key: u64,
}

/// Slots of a new table.
const INITIAL_SLOTS: usize = 1 << 12;

impl ShortTable {
    /// An empty table whose hash is keyed by `hash`'s key.
    pub fn new(hash: KeyedFastHash) -> ShortTable {
        ShortTable {
            slots: vec![[0; 3]; INITIAL_SLOTS],
            used: 0,
            key: hash.key,
        }
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.used
    }

    /// True when no key is held.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The value of `k`, if it is held.
    #[inline]
    pub fn get(&self, k: ShortKey) -> Option<u64> {
        let mask = self.slots.len() - 1;
        let mut i = k.hash(self.key) as usize & mask;
        loop {
            let [lo, hi, meta] = self.slots[i];
            if lo == k.lo && hi == k.hi && meta & 0xff == u64::from(k.tag) {
                return Some(meta >> 8);
            }
            if meta == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Holds `k` with `value` (at most [`MAX_VALUE`]; larger values are not held), unless `k` is
    /// held already (its value is then kept).
    pub fn insert(&mut self, k: ShortKey, value: u64) {
        if value > MAX_VALUE {
            return;
        }
        if 4 * (self.used + 1) > 3 * self.slots.len() {
            let grown = vec![[0; 3]; 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, grown);
            for s in old {
                if s[2] != 0 {
                    self.put(s);
                }
            }
        }
        if self.put([k.lo, k.hi, u64::from(k.tag) | value << 8]) {
            self.used += 1;
        }
    }

    /// Puts `slot` in its place unless its key is there; whether it was put.
    fn put(&mut self, slot: [u64; 3]) -> bool {
        let k = ShortKey {
            lo: slot[0],
            hi: slot[1],
            tag: (slot[2] & 0xff) as u8,
        };
        let mask = self.slots.len() - 1;
        let mut i = k.hash(self.key) as usize & mask;
        while self.slots[i][2] != 0 {
            let [lo, hi, meta] = self.slots[i];
            if lo == k.lo && hi == k.hi && meta & 0xff == u64::from(k.tag) {
                return false;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
        true
    }

    /// Empties the table and gives its memory back (down to a new table's).
    pub fn clear(&mut self) {
        *self = ShortTable::new(KeyedFastHash::with_key(self.key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_their_bytes_and_tag_wherever_they_are_read() {
        // The same word read with 16 bytes after it, and at the end of the text (copied).
        let text = b"Cafe au lait, cafe";
        let a = ShortKey::of(text, 14, 18, 4).unwrap();
        let b = ShortKey::of(b"xx cafe and more text here", 3, 7, 4).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, ShortKey::of(text, 0, 4, 4).unwrap()); // "Cafe"
        assert_ne!(a, ShortKey::of(text, 14, 18, 5).unwrap()); // another tag
        // 8, 9 and 16 bytes; a prefix is another key.
        let long = b"internationalism and more";
        for n in [8, 9, 16] {
            let k = ShortKey::of(long, 0, n, n as u8).unwrap();
            assert_ne!(k, ShortKey::of(long, 0, n - 1, n as u8).unwrap());
        }
        assert_eq!(ShortKey::of(long, 0, 0, 1), None);
        assert_eq!(ShortKey::of(long, 0, 17, 1), None);
        assert_eq!(ShortKey::of(long, 0, 3, 0), None);
        assert_eq!(ShortKey::of(long, 20, 30, 1), None); // past the end
    }

    #[test]
    fn the_table_grows_keeps_every_key_and_clears() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        let key = |w: &str| ShortKey::of(w.as_bytes(), 0, w.len(), w.len() as u8).unwrap();
        let mut t = ShortTable::new(KeyedFastHash::with_key(1));
        for (i, w) in words.iter().enumerate() {
            t.insert(key(w), i as u64);
        }
        // A key held keeps its value; a value too large is not held.
        t.insert(key("w5"), 99);
        t.insert(key("big"), MAX_VALUE + 1);
        t.insert(key("max"), MAX_VALUE);
        assert_eq!(t.len(), words.len() + 1);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(key(w)), Some(i as u64), "{w}");
        }
        assert_eq!(
            (t.get(key("big")), t.get(key("max"))),
            (None, Some(MAX_VALUE))
        );
        assert_eq!(t.get(key("w20000")), None);
        t.clear();
        assert!(t.is_empty());
        assert_eq!(t.get(key("w5")), None);
    }
}
