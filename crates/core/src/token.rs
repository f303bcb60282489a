//! Tokens: a span of the original text, its kind, and what analyzers add to it.

use crate::{Span, StrRef};
use serde::{Deserialize, Serialize};

/// What a token is, as the tokenizer decides.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum TokenKind {
    /// A word, including abbreviations ("U.S."), contractions ("can't") and hyphenated words.
    #[default]
    Word,
    /// A number, with its separators ("3.14", "1,000", "2nd").
    Number,
    /// Punctuation (".", ",", "—", "«").
    Punctuation,
    /// A symbol ("$", "%", "+", "©"), including a currency sign attached to a number.
    Symbol,
    /// An emoji sequence (with ZWJ joins, skin tones, flags).
    Emoji,
    /// A URL (`https://example.com/a?b=c`, `www.example.com`).
    Url,
    /// An e-mail address.
    Email,
    /// A social-media mention ("@gist").
    Mention,
    /// A hashtag ("#nlp").
    Hashtag,
    /// Anything else that is not whitespace.
    Other,
}

impl TokenKind {
    /// The lowercase name used in serialized output ("word", "number", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punctuation => "punctuation",
            TokenKind::Symbol => "symbol",
            TokenKind::Emoji => "emoji",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Mention => "mention",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Other => "other",
        }
    }

    /// True for kinds that carry lexical content worth counting (words, numbers, hashtags,
    /// mentions), false for punctuation, symbols, emoji, URLs and e-mails.
    pub fn is_lexical(self) -> bool {
        matches!(
            self,
            TokenKind::Word | TokenKind::Number | TokenKind::Hashtag | TokenKind::Mention
        )
    }
}

/// One token of a [`Document`](crate::Document).
///
/// A token never owns a string: its span points into the original text, and its normalized
/// form and stem are [`StrRef`]s into the original text or the document's deduplicated
/// [`Strings`](crate::Strings) arena. Read them with [`Document::norm`](crate::Document::norm)
/// and [`Document::stem`](crate::Document::stem).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// The normalized form (lowercased, optionally accent-folded), set by the tokenizer.
    pub norm: StrRef,
    /// The stem, set by a stemming analyzer.
    pub stem: StrRef,
    /// True when the token is a stopword of the document's language.
    pub stopword: bool,
    /// A term id assigned by a vocabulary, `u32::MAX` for none: see [`Token::term`].
    term: u32,
}

impl Token {
    /// A token covering `span`, of `kind`, with nothing else set.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        Token {
            span,
            kind,
            norm: StrRef::NONE,
            stem: StrRef::NONE,
            stopword: false,
            term: u32::MAX,
        }
    }

    /// The term id a vocabulary (e.g. a fitted TF-IDF model) assigned, if any.
    #[inline]
    pub fn term(&self) -> Option<u32> {
        (self.term != u32::MAX).then_some(self.term)
    }

    /// Assigns a term id (`u32::MAX` cannot be assigned: it means none), or clears it.
    #[inline]
    pub fn set_term(&mut self, term: Option<u32>) {
        self.term = term.unwrap_or(u32::MAX);
    }

    /// The byte range of the token in the original text. Fixed once the token is created:
    /// analyzers annotate tokens but never move them.
    #[inline]
    pub fn span(&self) -> Span {
        self.span
    }
}
