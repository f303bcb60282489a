//! [`StemFilter`]: the analyzer that fills `token.stem`.

use crate::{Backend, Stemmer};
use gist_core::{Analyzer, Document, Error, Language, Span, StrRef, TokenKind};
use std::borrow::Cow;
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
    /// The stem, when it differs from the word.
    changed: Option<String>,
    /// The stem's slot in the arena, once a token needed it there.
    arena: StrRef,
}

impl Cached {
    fn new(stemmer: &Stemmer, norm: &str) -> Cached {
        let changed = match stemmer.stem(norm) {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) if s == norm => None,
            Cow::Owned(s) => Some(s),
        };
        Cached {
            changed,
            arena: StrRef::None,
        }
    }
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
        // Each distinct normalized word is stemmed once. Keys borrow the text (norms that are
        // slices of it, the common case) or are arena slots (the arena deduplicates, so one
        // slot per distinct string): no allocation per distinct word but its changed stem.
        // Sized for a typical share of distinct words (capped), to avoid most rehashing.
        let mut by_text: HashMap<&str, Cached> =
            HashMap::with_capacity((t.tokens.len() / 2).min(4096));
        let mut by_slot: HashMap<Span, Cached> = HashMap::new();
        let mut norm_buf = String::new();
        for i in 0..t.tokens.len() {
            let token = t.tokens[i];
            if token.kind != TokenKind::Word {
                continue;
            }
            let span = token.span();
            let original = span.get(text).unwrap_or_default();
            let (norm, cached): (&str, &mut Cached) = match token.norm {
                StrRef::Arena(slot) => {
                    // Copied out: `intern` below appends to the arena.
                    norm_buf.clear();
                    norm_buf.push_str(t.strings.resolve(text, token.norm).unwrap_or(original));
                    let cached = by_slot
                        .entry(slot)
                        .or_insert_with(|| Cached::new(&stemmer, &norm_buf));
                    (&norm_buf, cached)
                }
                StrRef::Source(s) => {
                    let norm = s.get(text).unwrap_or(original);
                    (
                        norm,
                        by_text
                            .entry(norm)
                            .or_insert_with(|| Cached::new(&stemmer, norm)),
                    )
                }
                StrRef::None => (
                    original,
                    by_text
                        .entry(original)
                        .or_insert_with(|| Cached::new(&stemmer, original)),
                ),
            };
            let stem = cached.changed.as_deref().unwrap_or(norm);
            // What `Strings::derive` does, remembering the arena slot of each distinct stem.
            t.tokens[i].stem = if original == stem {
                StrRef::Source(span)
            } else {
                if !cached.arena.is_set() {
                    cached.arena = t.strings.intern(stem);
                }
                cached.arena
            };
        }
        Ok(())
    }
}
