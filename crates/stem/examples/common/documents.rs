//! Documents of words for the stemming examples (`#[path]`-included by each).

use gist_core::{Document, Span, Token, TokenKind};
use gist_stem::Language;

/// `words` cut into documents of `size` words (the last may be shorter), each word a token of
/// kind `Word`, words joined by one space; ids are the documents' numbers. `None` if a document
/// would exceed the 4 GiB spans can address.
pub fn word_documents(words: &[&str], size: usize, language: Language) -> Option<Vec<Document>> {
    words
        .chunks(size.max(1))
        .enumerate()
        .map(|(i, chunk)| {
            let text = chunk.join(" ");
            let mut tokens = Vec::with_capacity(chunk.len());
            let mut start = 0;
            for w in chunk {
                tokens.push(Token::new(
                    Span::from_range(start..start + w.len())?,
                    TokenKind::Word,
                ));
                start += w.len() + 1;
            }
            let mut d = Document::new(i.to_string(), text).with_language(language);
            d.set_tokens(tokens).ok()?;
            Some(d)
        })
        .collect()
}
