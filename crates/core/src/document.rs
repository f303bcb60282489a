//! The common document type.

use crate::{Error, ErrorKind, Language, Span, StrLoc, StrRef, Strings, Token};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Free-form metadata attached to a document (source, title, date, scores...).
pub type Metadata = BTreeMap<String, serde_json::Value>;

/// A document: an id, its original text (never modified), a language, and what analyzers added:
/// sentence spans, tokens, derived strings and metadata.
///
/// Invariant: every span the document holds (sentences, tokens) is in bounds, on char
/// boundaries, ordered and non-overlapping, so `&doc.text()[span]` never panics. The setters
/// check it; deserialization checks it too.
///
/// ```
/// use gist_core::{Document, Span, Token, TokenKind};
///
/// let mut doc = Document::new("greeting", "Hello there. Bye.");
/// doc.set_sentences(vec![Span::new(0, 12), Span::new(13, 17)]).unwrap();
/// doc.set_tokens(vec![Token::new(Span::new(0, 5), TokenKind::Word)]).unwrap();
/// assert_eq!(&doc.text()[doc.sentences()[1]], "Bye.");
/// assert_eq!(doc.token_text(&doc.tokens()[0]), "Hello");
/// // An invalid span is refused, and the document is unchanged.
/// assert!(doc.set_sentences(vec![Span::new(0, 99)]).is_err());
/// assert_eq!(doc.sentences().len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawDocument")]
pub struct Document {
    id: String,
    text: String,
    /// The document's language; analyzers read it to choose stopwords, abbreviations, stemmers.
    pub language: Language,
    sentences: Vec<Span>,
    tokens: Vec<Token>,
    strings: Strings,
    /// Free-form metadata.
    pub metadata: Metadata,
}

/// Mutable access to a document's tokens and derived strings, for analyzers that annotate
/// tokens (normalizers, stemmers, stopword filters). Tokens cannot be added, removed or moved
/// through it, so spans stay valid.
#[derive(Debug)]
pub struct TokensMut<'a> {
    /// The original text.
    pub text: &'a str,
    /// The tokens, in text order.
    pub tokens: &'a mut [Token],
    /// The document's arena of derived strings.
    pub strings: &'a mut Strings,
}

impl TokensMut<'_> {
    /// The original text of `token`.
    pub fn token_text(&self, token: &Token) -> &str {
        token.span().get(self.text).unwrap_or("")
    }

    /// The normalized form of `token`, or its original text if none is set.
    pub fn norm(&self, token: &Token) -> &str {
        self.strings
            .resolve(self.text, token.norm)
            .unwrap_or_else(|| self.token_text(token))
    }
}

#[derive(Deserialize)]
struct RawDocument {
    id: String,
    text: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    sentences: Vec<Span>,
    #[serde(default)]
    tokens: Vec<Token>,
    #[serde(default)]
    strings: Strings,
    #[serde(default)]
    metadata: Metadata,
}

impl TryFrom<RawDocument> for Document {
    type Error = Error;

    fn try_from(raw: RawDocument) -> Result<Document, Error> {
        check_len(&raw.text)?;
        check_spans(&raw.text, "sentence", raw.sentences.iter().copied())?;
        check_spans(&raw.text, "token", raw.tokens.iter().map(Token::span))?;
        let mut strings = Strings::default();
        // The arena's deduplication index is not serialized: re-intern every arena reference
        // into a fresh arena (dropping references that do not resolve).
        let mut tokens = raw.tokens;
        for t in &mut tokens {
            t.norm = reintern(&raw.strings, &raw.text, &mut strings, t.norm);
            t.stem = reintern(&raw.strings, &raw.text, &mut strings, t.stem);
        }
        Ok(Document {
            id: raw.id,
            text: raw.text,
            language: raw.language,
            sentences: raw.sentences,
            tokens,
            strings,
            metadata: raw.metadata,
        })
    }
}

fn reintern(old: &Strings, text: &str, new: &mut Strings, r: StrRef) -> StrRef {
    match r.get() {
        StrLoc::Arena(_) => match old.resolve(text, r) {
            Some(s) => new.intern(s),
            None => StrRef::NONE,
        },
        StrLoc::Source(span) if span.is_valid_in(text) => r,
        _ => StrRef::NONE,
    }
}

fn check_len(text: &str) -> Result<(), Error> {
    if u32::try_from(text.len()).is_err() {
        return Err(Error::new(
            ErrorKind::TextTooLong,
            format!(
                "text of {} bytes exceeds the 4 GiB limit of a document",
                text.len()
            ),
        ));
    }
    Ok(())
}

fn check_spans(text: &str, what: &str, spans: impl Iterator<Item = Span>) -> Result<(), Error> {
    let mut prev_end = 0u32;
    for (i, span) in spans.enumerate() {
        if !span.is_valid_in(text) {
            return Err(Error::new(
                ErrorKind::InvalidSpan,
                format!(
                    "{what} {i} spans bytes {}..{}, which is not a valid slice of a {}-byte text",
                    span.start,
                    span.end,
                    text.len()
                ),
            ));
        }
        if span.start < prev_end {
            return Err(Error::new(
                ErrorKind::InvalidSpan,
                format!(
                    "{what} {i} starts at byte {} before the previous one ends at byte {prev_end}",
                    span.start
                ),
            ));
        }
        prev_end = span.end;
    }
    Ok(())
}

impl Document {
    /// A document with no annotations, in the default language (English).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The same document, in `language`.
    pub fn with_language(mut self, language: Language) -> Document {
        self.language = language;
        self
    }

    /// The document's id (a file path, a JSONL `id` field, ...).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The original text, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The id and the text, the rest of the document dropped (no copy of the text).
    pub fn into_id_and_text(self) -> (String, String) {
        (self.id, self.text)
    }

    /// Sentence spans, in text order, excluding surrounding whitespace.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// The text of sentence `i`, or `None` if there is no such sentence.
    pub fn sentence_text(&self, i: usize) -> Option<&str> {
        self.sentences.get(i).map(|&s| &self.text[s])
    }

    /// Replaces the sentence spans. Fails (and changes nothing) unless every span is valid in
    /// the text and they are ordered and non-overlapping.
    pub fn set_sentences(&mut self, sentences: Vec<Span>) -> Result<(), Error> {
        check_len(&self.text)?;
        check_spans(&self.text, "sentence", sentences.iter().copied())?;
        self.sentences = sentences;
        Ok(())
    }

    /// Tokens, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Replaces the tokens and clears the arena of derived strings: arena references in the new
    /// tokens are reset, references into the original text are kept. Fails (and changes
    /// nothing) unless every span is valid, ordered and non-overlapping.
    pub fn set_tokens(&mut self, mut tokens: Vec<Token>) -> Result<(), Error> {
        check_len(&self.text)?;
        let text = &self.text;
        // One pass: reset the references that cannot be kept while checking the spans.
        let spans = tokens.iter_mut().map(|t| {
            for r in [&mut t.norm, &mut t.stem] {
                if r.is_set() && !matches!(r.get(), StrLoc::Source(s) if s.is_valid_in(text)) {
                    *r = StrRef::NONE;
                }
            }
            t.span()
        });
        check_spans(text, "token", spans)?;
        self.strings.clear();
        self.tokens = tokens;
        Ok(())
    }

    /// Mutable access to the tokens' annotations and the arena.
    pub fn tokens_mut(&mut self) -> TokensMut<'_> {
        TokensMut {
            text: &self.text,
            tokens: &mut self.tokens,
            strings: &mut self.strings,
        }
    }

    /// The arena of derived strings.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// The original text of `token`.
    pub fn token_text(&self, token: &Token) -> &str {
        token.span().get(&self.text).unwrap_or("")
    }

    /// The normalized form of `token`, or its original text if no normalizer ran.
    pub fn norm(&self, token: &Token) -> &str {
        self.strings
            .resolve(&self.text, token.norm)
            .unwrap_or_else(|| self.token_text(token))
    }

    /// The stem of `token`, if a stemmer ran.
    pub fn stem(&self, token: &Token) -> Option<&str> {
        self.strings.resolve(&self.text, token.stem)
    }

    /// The tokens that start inside sentence `i` (empty if there is no such sentence).
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let Some(&s) = self.sentences.get(i) else {
            return &[];
        };
        let lo = self.tokens.partition_point(|t| t.span().start < s.start);
        let hi = self.tokens.partition_point(|t| t.span().start < s.end);
        &self.tokens[lo..hi.max(lo)]
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TokenKind;

    fn doc() -> Document {
        let mut d = Document::new("d", "Été chaud. Il fait beau.");
        d.set_sentences(vec![Span::new(0, 12), Span::new(13, 26)])
            .unwrap();
        d.set_tokens(vec![
            Token::new(Span::new(0, 5), TokenKind::Word),
            Token::new(Span::new(6, 11), TokenKind::Word),
            Token::new(Span::new(11, 12), TokenKind::Punctuation),
            Token::new(Span::new(13, 15), TokenKind::Word),
        ])
        .unwrap();
        let t = d.tokens_mut();
        let norm0 = t.strings.derive(t.text, t.tokens[0].span(), "été");
        t.tokens[0].norm = norm0;
        let norm1 = t.strings.derive(t.text, t.tokens[1].span(), "chaud");
        t.tokens[1].norm = norm1;
        let norm3 = t.strings.derive(t.text, t.tokens[3].span(), "il");
        t.tokens[3].norm = norm3;
        t.tokens[3].stem = t.strings.intern("il");
        d
    }

    #[test]
    fn spans_are_checked() {
        let mut d = Document::new("x", "é");
        let err = d.set_sentences(vec![Span::new(0, 1)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSpan);
        assert_eq!(
            err.message(),
            "sentence 0 spans bytes 0..1, which is not a valid slice of a 2-byte text"
        );
        let err = d
            .set_tokens(vec![
                Token::new(Span::new(0, 2), TokenKind::Word),
                Token::new(Span::new(1, 2), TokenKind::Word),
            ])
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSpan);
        assert!(d.tokens().is_empty());
    }

    #[test]
    fn derived_strings_point_into_source_when_equal() {
        let d = doc();
        assert_eq!(d.tokens()[0].norm, StrRef::arena(Span::new(0, 5)));
        assert_eq!(d.token_text(&d.tokens()[0]), "Été");
        assert!(matches!(d.tokens()[1].norm.get(), StrLoc::Source(_)));
        assert_eq!(d.norm(&d.tokens()[0]), "été");
        assert_eq!(d.norm(&d.tokens()[2]), ".");
        assert_eq!(d.norm(&d.tokens()[3]), "il");
        assert_eq!(d.stem(&d.tokens()[3]), Some("il"));
        assert_eq!(d.stem(&d.tokens()[1]), None);
        // "été" once + "il" once: the arena deduplicates.
        assert_eq!(d.strings().len(), "été".len() + "il".len());
    }

    #[test]
    fn sentence_tokens_and_lookup() {
        let d = doc();
        assert_eq!(d.sentence_tokens(0).len(), 3);
        assert_eq!(d.sentence_tokens(1).len(), 1);
        assert!(d.sentence_tokens(2).is_empty());
        assert_eq!(d.sentence_at(14), Some(1));
        assert_eq!(d.sentence_at(12), None);
        assert_eq!(d.sentence_text(1), Some("Il fait beau."));
    }

    #[test]
    fn json_round_trip() {
        let mut d = doc().with_language(Language::French);
        d.metadata
            .insert("source".into(), serde_json::json!("test"));
        let json = serde_json::to_string(&d).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.norm(&back.tokens()[0]), "été");
        assert_eq!(back.language, Language::French);
    }

    #[test]
    fn deserialization_rejects_bad_spans() {
        let bad = r#"{"id":"x","text":"abc","sentences":[{"start":2,"end":9}]}"#;
        let err = serde_json::from_str::<Document>(bad).unwrap_err();
        assert!(
            err.to_string().contains("sentence 0 spans bytes 2..9"),
            "{err}"
        );
        let minimal: Document = serde_json::from_str(r#"{"id":"x","text":"abc"}"#).unwrap();
        assert_eq!(minimal.text(), "abc");
    }
}
