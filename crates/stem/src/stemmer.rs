//! The [`Stemmer`]: one algorithm, one backend, any input.

use crate::{Algorithm, Backend, guard};
use gist_core::{Error, ErrorKind, Language};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Words longer than this many bytes are returned lowercased but not stemmed: no natural
/// language word is this long, and the backends count positions in `i32`.
pub const MAX_WORD_BYTES: usize = 1 << 16;

/// A Snowball stemmer for one [`Algorithm`] on one [`Backend`]. Cheap to clone, `Send + Sync`.
///
/// [`stem`](Stemmer::stem) lowercases its input (full Unicode case mapping; for Turkish,
/// `I`→`ı` and `İ`→`i`) and never panics.
///
/// ```
/// use gist_stem::{Backend, Language, Stemmer};
///
/// let en = Stemmer::new(Language::English)?;
/// assert_eq!(en.stem("Connections"), "connect");
/// assert_eq!(Stemmer::porter().stem("generously"), "gener");
///
/// // Snowball 3 changed the Dutch algorithm; Snowball 2 stems are still available.
/// let nl = Stemmer::new(Language::Dutch)?;
/// let nl2 = Stemmer::with_backend(Language::Dutch, Backend::Snowball2)?;
/// assert_eq!(nl.stem("aanbevelingen"), "aanbeveel");
/// assert_eq!(nl2.stem("aanbevelingen"), "aanbevel");
///
/// let err = Stemmer::new(Language::Japanese).unwrap_err();
/// assert_eq!(err.to_string(), "no stemmer for japanese (backend snowball)");
/// # Ok::<(), gist_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Stemmer {
    algorithm: Algorithm,
    backend: Backend,
    turkish_case: bool,
    engine: Engine,
}

#[derive(Clone)]
enum Engine {
    Frostem(frostem::Stemmer),
    RustStemmers(Arc<rust_stemmers::Stemmer>, rust_stemmers::Algorithm),
}

impl fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stemmer")
            .field("algorithm", &self.algorithm)
            .field("backend", &self.backend)
            .finish()
    }
}

impl PartialEq for Stemmer {
    fn eq(&self, other: &Stemmer) -> bool {
        self.algorithm == other.algorithm && self.backend == other.backend
    }
}

impl Eq for Stemmer {}

impl Stemmer {
    /// The current Snowball stemmer of `language`. Fails with [`ErrorKind::Unsupported`] for
    /// languages Snowball has no stemmer for.
    pub fn new(language: Language) -> Result<Stemmer, Error> {
        Stemmer::for_algorithm(Algorithm::Language(language), Backend::default())
    }

    /// The stemmer of `language` on `backend`. Fails with [`ErrorKind::Unsupported`] if the
    /// backend has no stemmer for the language.
    pub fn with_backend(language: Language, backend: Backend) -> Result<Stemmer, Error> {
        Stemmer::for_algorithm(Algorithm::Language(language), backend)
    }

    /// The stemmer for `algorithm` on `backend`. Fails with [`ErrorKind::Unsupported`] if the
    /// backend does not implement the algorithm.
    pub fn for_algorithm(algorithm: Algorithm, backend: Backend) -> Result<Stemmer, Error> {
        let engine = match backend {
            Backend::Snowball => algorithm
                .frostem()
                .map(|a| Engine::Frostem(frostem::Stemmer::new(a))),
            Backend::Snowball2 => algorithm
                .rust_stemmers()
                .map(|a| Engine::RustStemmers(Arc::new(rust_stemmers::Stemmer::create(a)), a)),
        };
        let Some(engine) = engine else {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("no stemmer for {algorithm} (backend {backend})"),
            ));
        };
        Ok(Stemmer {
            algorithm,
            backend,
            turkish_case: algorithm.language() == Language::Turkish,
            engine,
        })
    }

    /// Martin Porter's original 1980 English stemmer, current Snowball version.
    pub fn porter() -> Stemmer {
        Stemmer::for_algorithm(Algorithm::Porter, Backend::Snowball)
            .unwrap_or_else(|_| unreachable!("the Snowball backend implements Porter"))
    }

    /// The algorithm this stemmer applies.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The backend that implements it.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The stem of `word`, lowercased first. Borrows `word` when it is its own stem.
    ///
    /// Never panics. Words longer than [`MAX_WORD_BYTES`] are returned lowercased, unstemmed.
    /// On the [`Backend::Snowball2`] backend, the few inputs on which rust-stemmers 1.2 would
    /// panic (see the crate documentation) are also returned lowercased, unstemmed.
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match lowercase(word, self.turkish_case) {
            Cow::Borrowed(w) => self.stem_lowercase(w),
            Cow::Owned(w) => Cow::Owned(self.stem_lowercase(&w).into_owned()),
        }
    }

    /// The stem of an already lowercased `word`, exactly as the backend computes it.
    fn stem_lowercase<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.len() > MAX_WORD_BYTES {
            return Cow::Borrowed(word);
        }
        match &self.engine {
            Engine::Frostem(s) => s.stem(word),
            Engine::RustStemmers(s, a) => {
                if guard::would_panic(*a, word) {
                    Cow::Borrowed(word)
                } else {
                    s.stem(word)
                }
            }
        }
    }
}

/// `word` lowercased with the full Unicode case mapping (Turkish dotted and dotless I when
/// `turkish` is set), borrowed when already lowercase.
pub(crate) fn lowercase(word: &str, turkish: bool) -> Cow<'_, str> {
    let needs = word.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            let mut l = c.to_lowercase();
            l.next() != Some(c) || l.next().is_some()
        }
    });
    if !needs {
        return Cow::Borrowed(word);
    }
    if turkish && word.contains(['I', 'İ']) {
        let mapped: String = word
            .chars()
            .map(|c| match c {
                'I' => 'ı',
                'İ' => 'i',
                c => c,
            })
            .collect();
        return Cow::Owned(mapped.to_lowercase());
    }
    Cow::Owned(word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_unicode_correct() {
        assert!(matches!(lowercase("word", false), Cow::Borrowed("word")));
        assert!(matches!(lowercase("καλημέρα", false), Cow::Borrowed(_)));
        assert_eq!(lowercase("ΟΔΟΣ", false), "οδος");
        assert_eq!(lowercase("Straße", false), "straße");
        assert_eq!(lowercase("ǅemal", false), "ǆemal");
        assert_eq!(lowercase("İSTANBUL", true), "istanbul");
        assert_eq!(lowercase("ISPARTA", true), "ısparta");
        assert_eq!(lowercase("İSTANBUL", false), "i\u{307}stanbul");
    }

    #[test]
    fn stemmer_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Stemmer>();
    }
}
