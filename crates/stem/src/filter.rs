//! [`StemFilter`]: the analyzer that fills `token.stem`.

use crate::{Backend, Stemmer};
use gist_core::{Analyzer, Document, Error, Language, StrRef, TokenKind};
use std::collections::HashMap;

/// What [`StemFilter`] does with a document whose language has no stemmer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MissingStemmer {
    /// Leave the stems unset (the default): a multilingual corpus still runs through.
    #[default]
    LeaveUnset,
    /// Fail with [`ErrorKind::Unsupported`](gist_core::ErrorKind::Unsupported).
    Error,
}

#[derive(Clone, Debug)]
enum Choice {
    DocumentLanguage(Backend),
    Fixed(Stemmer),
}

/// An [`Analyzer`] that sets the stem of every word token ([`TokenKind::Word`]) from its
/// normalized form (`doc.norm(token)`), with the stemmer of the document's language or a fixed
/// stemmer. Other tokens are left alone.
///
/// Stems go through the document's [`Strings`](gist_core::Strings) arena: a stem equal to the
/// token's original text points into the text, others are interned once per distinct stem.
/// Within one document, each distinct word is stemmed once (a per-call cache, so results do not
/// depend on what was analyzed before).
///
/// ```
/// use gist_core::{Analyzer, Document, Language, Span, Token, TokenKind};
/// use gist_stem::StemFilter;
///
/// let mut doc = Document::new("d", "Running dogs ran.").with_language(Language::English);
/// doc.set_tokens(vec![
///     Token::new(Span::new(0, 7), TokenKind::Word),
///     Token::new(Span::new(8, 12), TokenKind::Word),
///     Token::new(Span::new(13, 16), TokenKind::Word),
///     Token::new(Span::new(16, 17), TokenKind::Punctuation),
/// ])?;
/// StemFilter::new().analyze(&mut doc)?;
/// let stems: Vec<Option<&str>> = doc.tokens().iter().map(|t| doc.stem(t)).collect();
/// assert_eq!(stems, [Some("run"), Some("dog"), Some("ran"), None]);
/// # Ok::<(), gist_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct StemFilter {
    choice: Choice,
    missing: MissingStemmer,
}

impl Default for StemFilter {
    fn default() -> StemFilter {
        StemFilter::new()
    }
}

impl StemFilter {
    /// Stems each document with the current Snowball stemmer of its language.
    pub fn new() -> StemFilter {
        StemFilter::with_backend(Backend::default())
    }

    /// Stems each document with the stemmer of its language on `backend`.
    pub fn with_backend(backend: Backend) -> StemFilter {
        StemFilter {
            choice: Choice::DocumentLanguage(backend),
            missing: MissingStemmer::default(),
        }
    }

    /// Stems every document with `stemmer`, whatever its language.
    pub fn with_stemmer(stemmer: Stemmer) -> StemFilter {
        StemFilter {
            choice: Choice::Fixed(stemmer),
            missing: MissingStemmer::default(),
        }
    }

    /// The same filter, doing `missing` for documents whose language has no stemmer.
    pub fn on_missing_stemmer(mut self, missing: MissingStemmer) -> StemFilter {
        self.missing = missing;
        self
    }

    fn stemmer_for(&self, language: Language) -> Result<Option<Stemmer>, Error> {
        match &self.choice {
            Choice::Fixed(s) => Ok(Some(s.clone())),
            Choice::DocumentLanguage(backend) => match Stemmer::with_backend(language, *backend) {
                Ok(s) => Ok(Some(s)),
                Err(e) => match self.missing {
                    MissingStemmer::LeaveUnset => Ok(None),
                    MissingStemmer::Error => Err(e),
                },
            },
        }
    }
}

/// A distinct word's stem, and where it is stored in the document's arena (once it is).
struct Cached {
    stem: Box<str>,
    arena: StrRef,
}

impl Analyzer for StemFilter {
    fn name(&self) -> &str {
        "stem"
    }

    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        let Some(stemmer) = self.stemmer_for(doc.language)? else {
            return Ok(());
        };
        let t = doc.tokens_mut();
        let text = t.text;
        // Distinct normalized word -> its stem, and the stem's arena slot once interned.
        let mut cache: HashMap<Box<str>, Cached> = HashMap::new();
        let mut norm_buf = String::new();
        for i in 0..t.tokens.len() {
            let token = t.tokens[i];
            if token.kind != TokenKind::Word {
                continue;
            }
            // The norm may live in the arena, which `intern` below mutates: copy it out then.
            let norm: &str = match token.norm {
                StrRef::Arena(_) => {
                    norm_buf.clear();
                    norm_buf.push_str(t.norm(&token));
                    &norm_buf
                }
                StrRef::Source(span) => span.get(text).unwrap_or_default(),
                _ => token.span().get(text).unwrap_or_default(),
            };
            let cached = match cache.get_mut(norm) {
                Some(c) => c,
                None => cache.entry(norm.into()).or_insert(Cached {
                    stem: stemmer.stem(norm).into(),
                    arena: StrRef::None,
                }),
            };
            // What `Strings::derive` does, remembering the arena slot of each distinct stem.
            let span = token.span();
            t.tokens[i].stem = if span.get(text) == Some(&*cached.stem) {
                StrRef::Source(span)
            } else {
                if !cached.arena.is_set() {
                    cached.arena = t.strings.intern(&cached.stem);
                }
                cached.arena
            };
        }
        Ok(())
    }
}
