//! Compact storage for the strings analyzers derive from a document (normalized forms, stems).

use crate::Span;
use crate::hash::FastHasher;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Where a derived string lives, as [`StrRef::get`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StrLoc {
    /// Not set.
    None,
    /// A slice of the original text.
    Source(Span),
    /// A slice of the document's [`Strings`] arena.
    Arena(Span),
}

/// A reference to a derived string: either a slice of the original text (when the derived form
/// is identical to it, the common case for lowercase words) or a slice of the document's
/// [`Strings`] arena. Eight bytes, no heap allocation of its own: the location's tag is packed
/// into the top bit of the length, so a referenced slice is at most 2 GiB long (a longer one
/// is [`StrRef::NONE`]).
///
/// ```
/// use gist_core::{Span, StrLoc, StrRef};
/// let r = StrRef::arena(Span::new(3, 7));
/// assert_eq!(r.get(), StrLoc::Arena(Span::new(3, 7)));
/// assert_eq!(StrRef::source(Span::new(0, 2)).get(), StrLoc::Source(Span::new(0, 2)));
/// assert!(!StrRef::NONE.is_set());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "StrLoc", into = "StrLoc")]
pub struct StrRef {
    start: u32,
    /// Length, with [`ARENA_BIT`] set for arena slices; `u32::MAX` with `start == u32::MAX`
    /// is "not set".
    len: u32,
}

const ARENA_BIT: u32 = 1 << 31;

impl StrRef {
    /// No string.
    pub const NONE: StrRef = StrRef {
        start: u32::MAX,
        len: u32::MAX,
    };

    fn pack(span: Span, arena: bool) -> StrRef {
        let len = span.end.wrapping_sub(span.start);
        if span.end < span.start || len >= ARENA_BIT {
            return StrRef::NONE;
        }
        StrRef {
            start: span.start,
            len: if arena { len | ARENA_BIT } else { len },
        }
    }

    /// A slice of the original text.
    pub fn source(span: Span) -> StrRef {
        StrRef::pack(span, false)
    }

    /// A slice of a document's [`Strings`] arena.
    pub fn arena(span: Span) -> StrRef {
        StrRef::pack(span, true)
    }

    /// Where the string lives.
    #[inline]
    pub fn get(self) -> StrLoc {
        if self == StrRef::NONE {
            return StrLoc::None;
        }
        let len = self.len & !ARENA_BIT;
        let span = Span::new(self.start, self.start + len);
        if self.len & ARENA_BIT != 0 {
            StrLoc::Arena(span)
        } else {
            StrLoc::Source(span)
        }
    }

    /// True unless this is [`StrRef::NONE`].
    #[inline]
    pub fn is_set(self) -> bool {
        self != StrRef::NONE
    }
}

impl Default for StrRef {
    fn default() -> StrRef {
        StrRef::NONE
    }
}

impl std::fmt::Debug for StrRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl From<StrLoc> for StrRef {
    fn from(loc: StrLoc) -> StrRef {
        match loc {
            StrLoc::None => StrRef::NONE,
            StrLoc::Source(span) => StrRef::source(span),
            StrLoc::Arena(span) => StrRef::arena(span),
        }
    }
}

impl From<StrRef> for StrLoc {
    fn from(r: StrRef) -> StrLoc {
        r.get()
    }
}

/// An append-only arena of derived strings for one document, deduplicated: ten million tokens
/// of a few thousand distinct words cost a few thousand arena entries, not ten million `String`s.
///
/// The deduplication index maps a 64-bit hash of each stored string to its slot, so it holds no
/// copy of the strings and allocates nothing per string (strings whose hashes collide are kept
/// in a small side list).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Strings {
    buf: String,
    #[serde(skip)]
    index: HashMap<u64, Span, BuildHasherDefault<PassThrough>>,
    #[serde(skip)]
    collisions: Vec<(u64, Span)>,
}

fn hash_str(s: &str) -> u64 {
    // gist-core's fast hasher: deterministic across runs and threads. Strings whose hashes
    // collide still intern correctly (the side list), only more slowly.
    let mut h = FastHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The index's keys are already hashes: use them as they are.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by the index; fold anything else in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.buf == other.buf
    }
}

impl Strings {
    /// Stores `s` (once; later identical strings share its slot) and returns a reference to it.
    /// Returns [`StrRef::NONE`] if the arena would exceed 4 GiB.
    pub fn intern(&mut self, s: &str) -> StrRef {
        let h = hash_str(s);
        let first = self.index.get(&h).copied();
        if let Some(span) = first {
            if &self.buf[span] == s {
                return StrRef::arena(span);
            }
            if let Some(&(_, span)) = self
                .collisions
                .iter()
                .find(|&&(ch, span)| ch == h && &self.buf[span] == s)
            {
                return StrRef::arena(span);
            }
        }
        let start = self.buf.len();
        let Some(span) = Span::from_range(start..start + s.len()) else {
            return StrRef::NONE;
        };
        self.buf.push_str(s);
        if first.is_some() {
            self.collisions.push((h, span));
        } else {
            self.index.insert(h, span);
        }
        StrRef::arena(span)
    }

    /// A reference to `derived`, pointing into `text` at `span` when `derived` equals that slice
    /// (no copy), else into the arena.
    pub fn derive(&mut self, text: &str, span: Span, derived: &str) -> StrRef {
        match span.get(text) {
            Some(original) if original == derived => StrRef::source(span),
            _ => self.intern(derived),
        }
    }

    /// Resolves a reference against this arena and the original `text`. `None` when unset or out
    /// of bounds (a reference from another document).
    pub fn resolve<'a>(&'a self, text: &'a str, r: StrRef) -> Option<&'a str> {
        match r.get() {
            StrLoc::None => None,
            StrLoc::Source(span) => span.get(text),
            StrLoc::Arena(span) => span.get(&self.buf),
        }
    }

    /// Bytes held by the arena.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True when the arena holds nothing.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Empties the arena and its index.
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
        self.index.clear();
        self.collisions.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips() {
        for span in [
            Span::new(0, 0),
            Span::new(5, 9),
            Span::new(7, ARENA_BIT - 1 + 7),
        ] {
            assert_eq!(StrRef::source(span).get(), StrLoc::Source(span));
            assert_eq!(StrRef::arena(span).get(), StrLoc::Arena(span));
        }
        assert_eq!(StrRef::source(Span::new(0, ARENA_BIT)), StrRef::NONE);
        assert_eq!(StrRef::arena(Span::new(9, 3)), StrRef::NONE);
        let json = serde_json::to_string(&StrRef::arena(Span::new(1, 4))).unwrap();
        assert_eq!(json, r#"{"arena":{"start":1,"end":4}}"#);
        assert_eq!(
            serde_json::from_str::<StrRef>(&json).unwrap(),
            StrRef::arena(Span::new(1, 4))
        );
    }

    #[test]
    fn interning_deduplicates_and_resolves() {
        let mut strings = Strings::default();
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}é")).collect();
        let refs: Vec<StrRef> = words.iter().map(|w| strings.intern(w)).collect();
        let len = strings.len();
        for (w, r) in words.iter().zip(&refs) {
            assert_eq!(strings.intern(w), *r, "a repeat reuses the slot");
            assert_eq!(strings.resolve("", *r), Some(w.as_str()));
        }
        assert_eq!(strings.len(), len, "repeats add nothing");
        assert_eq!(len, words.iter().map(String::len).sum::<usize>());
        assert_eq!(strings.intern(""), strings.intern(""));
    }

    #[test]
    fn derive_points_into_the_source_when_unchanged() {
        let mut strings = Strings::default();
        let text = "Hello hello";
        assert_eq!(
            strings.derive(text, Span::new(6, 11), "hello"),
            StrRef::source(Span::new(6, 11))
        );
        assert_eq!(
            strings.derive(text, Span::new(0, 5), "hello"),
            StrRef::arena(Span::new(0, 5))
        );
        assert!(
            strings
                .resolve(text, StrRef::arena(Span::new(3, 99)))
                .is_none()
        );
    }
}
