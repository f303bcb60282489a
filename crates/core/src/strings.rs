//! Compact storage for the strings analyzers derive from a document (normalized forms, stems).

use crate::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A reference to a derived string: either a slice of the original text (when the derived form
/// is identical to it, the common case for lowercase words) or a slice of the document's
/// [`Strings`] arena. Twelve bytes, no heap allocation of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StrRef {
    /// Not set.
    None,
    /// A slice of the original text.
    Source(Span),
    /// A slice of the document's [`Strings`] arena.
    Arena(Span),
}

impl StrRef {
    /// True unless this is [`StrRef::None`].
    #[inline]
    pub fn is_set(self) -> bool {
        !matches!(self, StrRef::None)
    }
}

/// An append-only arena of derived strings for one document, deduplicated: ten million tokens
/// of a few thousand distinct words cost a few thousand arena entries, not ten million `String`s.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Strings {
    buf: String,
    #[serde(skip)]
    index: HashMap<Box<str>, Span>,
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.buf == other.buf
    }
}

impl Strings {
    /// Stores `s` (once; later identical strings share its slot) and returns a reference to it.
    /// Returns [`StrRef::None`] if the arena would exceed 4 GiB.
    pub fn intern(&mut self, s: &str) -> StrRef {
        if let Some(&span) = self.index.get(s) {
            return StrRef::Arena(span);
        }
        let start = self.buf.len();
        let Some(span) = Span::from_range(start..start + s.len()) else {
            return StrRef::None;
        };
        self.buf.push_str(s);
        self.index.insert(s.into(), span);
        StrRef::Arena(span)
    }

    /// A reference to `derived`, pointing into `text` at `span` when `derived` equals that slice
    /// (no copy), else into the arena.
    pub fn derive(&mut self, text: &str, span: Span, derived: &str) -> StrRef {
        match span.get(text) {
            Some(original) if original == derived => StrRef::Source(span),
            _ => self.intern(derived),
        }
    }

    /// Resolves a reference against this arena and the original `text`. `None` when unset or out
    /// of bounds (a reference from another document).
    pub fn resolve<'a>(&'a self, text: &'a str, r: StrRef) -> Option<&'a str> {
        match r {
            StrRef::None => None,
            StrRef::Source(span) => span.get(text),
            StrRef::Arena(span) => span.get(&self.buf),
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

    /// Rebuilds the deduplication index (it is not serialized).
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
        self.index.clear();
    }
}
