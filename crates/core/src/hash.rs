//! A small, fast, unkeyed hasher for the hash maps of gist's hot paths (term counts, stem
//! caches, word sets), shared so that every crate uses one implementation.
//!
//! Unkeyed means deterministic (the same on every run and thread) but not resistant to
//! adversarial collisions: use it for maps whose keys are words of documents, where a
//! collision costs a few probes, not for maps exposed to untrusted key choices at scale.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher (in the style of FxHash) over 8-byte words.
///
/// ```
/// use gist_core::hash::FastHashMap;
/// let mut counts: FastHashMap<&str, u32> = FastHashMap::default();
/// *counts.entry("word").or_default() += 1;
/// assert_eq!(counts["word"], 1);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(23) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // Mark the length so that "ab" and "ab\0" differ.
            w[7] ^= rest.len() as u8;
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes the top 7 bits as a tag and the low bits as the bucket: fold the
        // well-mixed high bits down.
        self.0 ^ (self.0 >> 29)
    }
}

/// The [`FastHasher`] hash of `bytes` alone (a `str` hashed through `Hash` also mixes in a
/// terminator), finished with a full avalanche so that the low bits (table slots), the high
/// bits (tags, shards) and anything between are all usable. For open-addressing tables and
/// shard choice outside `HashMap`.
///
/// ```
/// use gist_core::hash::hash_bytes;
/// assert_eq!(hash_bytes(b"word"), hash_bytes(b"word"));
/// assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
/// ```
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FastHasher(0);
    h.write(bytes);
    let x = h.0;
    let x = (x ^ (x >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// `BuildHasher` of [`FastHasher`] with the fixed key 0.
pub type FastBuildHasher = BuildHasherDefault<FastHasher>;

/// `BuildHasher` of [`FastHasher`] with a chosen key: [`KeyedFastHash::random`] for maps that
/// grow with the input (a text cannot be crafted in advance to make its words collide), or a
/// fixed key for sets that never grow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyedFastHash {
    pub(crate) key: u64,
}

impl KeyedFastHash {
    /// A builder with a fixed `key`.
    pub const fn with_key(key: u64) -> KeyedFastHash {
        KeyedFastHash { key }
    }

    /// A builder with a random key (drawn from the standard library's `RandomState`). Results
    /// must not depend on iteration order of maps built with it.
    pub fn random() -> KeyedFastHash {
        use std::hash::BuildHasher;
        KeyedFastHash {
            key: std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64) | 1,
        }
    }
}

impl std::hash::BuildHasher for KeyedFastHash {
    type Hasher = FastHasher;

    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.key)
    }
}
/// A `HashMap` with [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, FastBuildHasher>;
/// A `HashSet` with [`FastHasher`].
pub type FastHashSet<T> = HashSet<T, FastBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn h<T: Hash>(t: T) -> u64 {
        FastBuildHasher::default().hash_one(t)
    }

    #[test]
    fn deterministic_and_discriminating() {
        assert_eq!(h("stopword"), h("stopword"));
        assert_ne!(h("ab"), h("ab\0"));
        assert_ne!(h("abcdefgh"), h("abcdefgi"));
        let words: FastHashSet<String> = (0..10_000).map(|i| format!("w{i}")).collect();
        assert_eq!(words.len(), 10_000);
        assert!(words.contains("w9999"));
        let distinct: FastHashSet<u64> = (0..10_000).map(|i| h(format!("w{i}"))).collect();
        assert_eq!(
            distinct.len(),
            10_000,
            "no collisions among 10,000 short words"
        );
    }
}
