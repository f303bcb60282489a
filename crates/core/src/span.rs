//! Byte ranges into a document's original text.

use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into a document's original text.
///
/// Offsets are `u32` to keep tokens small (a document is limited to 4 GiB, checked by
/// [`Document`](crate::Document) when spans are attached). A `Span` indexes a `str`
/// directly: `&text[span]`.
///
/// ```
/// use gist_core::Span;
/// let text = "Hello, world";
/// assert_eq!(&text[Span::new(7, 12)], "world");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (exclusive). `start <= end` is expected; an inverted
    /// span is rejected when it is attached to a document.
    #[inline]
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// A span from `usize` offsets, or `None` if either does not fit in `u32` or `start > end`.
    #[inline]
    pub fn from_range(range: Range<usize>) -> Option<Span> {
        let start = u32::try_from(range.start).ok()?;
        let end = u32::try_from(range.end).ok()?;
        (start <= end).then_some(Span { start, end })
    }

    /// The span as a `usize` range, for slicing.
    #[inline]
    pub const fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    #[inline]
    pub const fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// True when `other` lies entirely inside `self`.
    #[inline]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether this span is a valid slice of `text`: in bounds, ordered, on char boundaries.
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start <= self.end
            && (self.end as usize) <= text.len()
            && text.is_char_boundary(self.start as usize)
            && text.is_char_boundary(self.end as usize)
    }

    /// The slice of `text` this span covers, or `None` if it is not valid in `text`.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl Index<Span> for String {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.range()]
    }
}
