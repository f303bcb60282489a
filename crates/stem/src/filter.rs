//! [`StemFilter`]: the analyzer that fills `token.stem`.

use crate::{Algorithm, Backend, Stemmer};
use gist_core::{Analyzer, Document, Error, Language, Span, StrLoc, StrRef, TokenKind};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, RwLock};

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
/// Within one document, each distinct word is stemmed once. Across documents, the filter keeps
/// a bounded cache of stems shared by every thread that uses it (and by its clones), and each
/// thread keeps its own bounded copy of the stems it looked up (at most 32,768 words per
/// stemmer), so that threads rarely touch shared memory: stemming is a pure function of the
/// word, so the caches change the speed, never a result.
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
    cache: Arc<SharedCache>,
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
            cache: Arc::default(),
        }
    }

    /// Stems every document with `stemmer`, whatever its language.
    pub fn with_stemmer(stemmer: Stemmer) -> StemFilter {
        StemFilter {
            choice: Choice::Fixed(stemmer),
            missing: MissingStemmer::default(),
            cache: Arc::default(),
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

/// At most this many words are cached per stemmer (under 10 MB); once full, further words are
/// stemmed without being cached.
const CACHE_WORDS: usize = 1 << 16;
/// The cache is split into this many independently locked shards, so threads rarely wait.
const CACHE_SHARDS: usize = 16;
/// Longer words are not cached: they are rare, and each would take much room.
const CACHE_MAX_WORD_BYTES: usize = 40;

/// What identifies a stemmer (its algorithm and backend).
type StemmerId = (Algorithm, Backend);

/// Part of a [`StemCache`]: word → its stem when it differs from the word.
type Shard = HashMap<Box<str>, Option<Arc<str>>, WordHash>;

/// gist-core's fast hash with a random key per [`StemFilter`], several times cheaper than
/// SipHash on short words; a text cannot be crafted in advance to make its words collide.
type WordHash = gist_core::hash::KeyedFastHash;

/// The stems a [`StemFilter`] has computed, per stemmer (algorithm and backend), shared across
/// documents, threads and clones of the filter.
struct SharedCache {
    stemmers: RwLock<Vec<(StemmerId, Arc<StemCache>)>>,
    /// The hash of every map the filter makes.
    hash: WordHash,
}

impl Default for SharedCache {
    fn default() -> SharedCache {
        SharedCache {
            stemmers: RwLock::default(),
            hash: WordHash::random(),
        }
    }
}

impl std::fmt::Debug for SharedCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedCache").finish_non_exhaustive()
    }
}

impl SharedCache {
    /// The cache of `stemmer`'s stems, created on first use.
    fn for_stemmer(&self, stemmer: &Stemmer) -> Arc<StemCache> {
        let key = (stemmer.algorithm(), stemmer.backend());
        let find = |list: &[(StemmerId, Arc<StemCache>)]| {
            list.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, c)| Arc::clone(c))
        };
        if let Some(c) = find(&self.stemmers.read().unwrap_or_else(|e| e.into_inner())) {
            return c;
        }
        let mut list = self.stemmers.write().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = find(&list) {
            return c;
        }
        let c = Arc::new(StemCache::new(self.hash));
        list.push((key, Arc::clone(&c)));
        c
    }
}

/// One stemmer's cache: word → its stem when it differs from the word (`None`: the word is its
/// own stem), bounded to [`CACHE_WORDS`] words.
struct StemCache {
    shards: Box<[RwLock<Shard>]>,
}

/// The shard of `word`: gist-core's hash of its bytes, which only spreads words
/// over the locks (each shard's map hashes its keys with its own keyed hasher).
fn shard_of(word: &str) -> usize {
    (gist_core::hash::hash_bytes(word.as_bytes()) >> 60) as usize % CACHE_SHARDS
}

impl StemCache {
    fn new(hash: WordHash) -> StemCache {
        StemCache {
            shards: (0..CACHE_SHARDS)
                .map(|_| RwLock::new(HashMap::with_hasher(hash)))
                .collect(),
        }
    }

    /// `stemmer`'s stem of `word` if it differs from `word`, from the cache when it is there.
    fn changed(&self, stemmer: &Stemmer, word: &str) -> Option<Arc<str>> {
        if word.len() > CACHE_MAX_WORD_BYTES {
            return changed_stem(stemmer, word).map(Arc::from);
        }
        let shard = &self.shards[shard_of(word)];
        if let Some(stem) = shard.read().unwrap_or_else(|e| e.into_inner()).get(word) {
            return stem.clone();
        }
        let stem = changed_stem(stemmer, word).map(Arc::<str>::from);
        let mut map = shard.write().unwrap_or_else(|e| e.into_inner());
        if map.len() < CACHE_WORDS / CACHE_SHARDS {
            map.insert(word.into(), stem.clone());
        }
        stem
    }
}

/// `stemmer`'s stem of `word`, when it differs from `word`.
fn changed_stem(stemmer: &Stemmer, word: &str) -> Option<String> {
    match stemmer.stem(word) {
        Cow::Borrowed(_) => None,
        Cow::Owned(s) if s == word => None,
        Cow::Owned(s) => Some(s),
    }
}

/// At most this many words are kept per stemmer in each thread's own cache; when full, it is
/// emptied and refills.
const LOCAL_WORDS: usize = 1 << 15;

/// A thread's own cache of one stemmer's stems (word → its stem when it differs), in front of
/// the shared [`StemCache`]: a thread's lookups then touch no memory other threads write (no
/// lock word, no atomic reference count), so threads do not slow each other down.
type LocalCache = HashMap<Box<str>, Option<Rc<str>>, WordHash>;

thread_local! {
    /// This thread's caches, one per stemmer.
    static LOCAL: RefCell<Vec<(StemmerId, LocalCache)>> = RefCell::default();
}

/// A distinct word's stem, and where it is stored in the document's arena (once it is).
struct Cached {
    /// The stem, when it differs from the word.
    changed: Option<Rc<str>>,
    /// The stem's slot in the arena, once a token needed it there.
    arena: StrRef,
}

impl Cached {
    fn new(
        cache: &StemCache,
        local: &mut Option<&mut LocalCache>,
        stemmer: &Stemmer,
        norm: &str,
    ) -> Cached {
        let changed = match local {
            Some(local) => {
                if let Some(c) = local.get(norm) {
                    c.clone()
                } else {
                    let c = cache.changed(stemmer, norm).map(|s| Rc::<str>::from(&*s));
                    if norm.len() <= CACHE_MAX_WORD_BYTES {
                        if local.len() >= LOCAL_WORDS {
                            local.clear();
                        }
                        local.insert(norm.into(), c.clone());
                    }
                    c
                }
            }
            None => cache.changed(stemmer, norm).map(|s| Rc::<str>::from(&*s)),
        };
        Cached {
            changed,
            arena: StrRef::NONE,
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
        let cache = self.cache.for_stemmer(&stemmer);
        let id = (stemmer.algorithm(), stemmer.backend());
        // This thread's own cache for the stemmer (none if it is unavailable: thread exit).
        LOCAL
            .try_with(|cell| match cell.try_borrow_mut() {
                Ok(mut list) => {
                    let i = match list.iter().position(|(k, _)| *k == id) {
                        Some(i) => i,
                        None => {
                            list.push((id, HashMap::with_hasher(WordHash::random())));
                            list.len() - 1
                        }
                    };
                    self.stem_tokens(doc, &stemmer, &cache, Some(&mut list[i].1));
                }
                Err(_) => self.stem_tokens(doc, &stemmer, &cache, None),
            })
            .unwrap_or_else(|_| self.stem_tokens(doc, &stemmer, &cache, None));
        Ok(())
    }
}

impl StemFilter {
    /// Sets the stems of the document's word tokens.
    fn stem_tokens(
        &self,
        doc: &mut Document,
        stemmer: &Stemmer,
        cache: &StemCache,
        mut local: Option<&mut LocalCache>,
    ) {
        let t = doc.tokens_mut();
        let text = t.text;
        // Each distinct normalized word is stemmed once. Keys borrow the text (norms that are
        // slices of it, the common case) or are arena slots (the arena deduplicates, so one
        // slot per distinct string): no allocation per distinct word but its changed stem.
        // Sized for a typical share of distinct words (capped), to avoid most rehashing.
        let mut by_text: HashMap<&str, Cached, WordHash> =
            HashMap::with_capacity_and_hasher((t.tokens.len() / 2).min(4096), self.cache.hash);
        let mut by_slot: HashMap<Span, Cached, WordHash> = HashMap::with_hasher(self.cache.hash);
        let mut norm_buf = String::new();
        for i in 0..t.tokens.len() {
            let token = t.tokens[i];
            if token.kind != TokenKind::Word {
                continue;
            }
            let span = token.span();
            let original = span.get(text).unwrap_or_default();
            let (norm, cached): (&str, &mut Cached) = match token.norm.get() {
                StrLoc::Arena(slot) => {
                    // Copied out: `intern` below appends to the arena.
                    norm_buf.clear();
                    norm_buf.push_str(t.strings.resolve(text, token.norm).unwrap_or(original));
                    let cached = by_slot
                        .entry(slot)
                        .or_insert_with(|| Cached::new(cache, &mut local, stemmer, &norm_buf));
                    (&norm_buf, cached)
                }
                StrLoc::Source(s) => {
                    let norm = s.get(text).unwrap_or(original);
                    (
                        norm,
                        by_text
                            .entry(norm)
                            .or_insert_with(|| Cached::new(cache, &mut local, stemmer, norm)),
                    )
                }
                StrLoc::None => (
                    original,
                    by_text
                        .entry(original)
                        .or_insert_with(|| Cached::new(cache, &mut local, stemmer, original)),
                ),
            };
            let stem = cached.changed.as_deref().unwrap_or(norm);
            // What `Strings::derive` does, remembering the arena slot of each distinct stem.
            t.tokens[i].stem = if original == stem {
                StrRef::source(span)
            } else {
                if !cached.arena.is_set() {
                    cached.arena = t.strings.intern(stem);
                }
                cached.arena
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gist_core::Token;

    const TEXTS: &[(Language, &str)] = &[
        (
            Language::English,
            "Running dogs ran happily; the Runners were running generously. Generously GENEROUS \
             nationalization nationalizations Nationalization ran runs",
        ),
        (
            Language::English,
            "Dogs running in the generous sunshine: organizations organize, organized organizers.",
        ),
        (
            Language::German,
            "Die Häuser wurden gebaut, die Bäume wachsen und Häuser stehen. Gebäude Bäumen",
        ),
        (
            Language::French,
            "Les enfants mangeaient des pommes; les pommes étaient mangées. Continuellement",
        ),
        (Language::Japanese, "Dogs running"),
    ];

    /// A document of `text`'s whitespace-separated words, with lowercased norms for the
    /// words that have capitals (stored in the arena, as the word tokenizer does).
    fn document(language: Language, text: &str) -> Document {
        let mut doc = Document::new("d", text).with_language(language);
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let span = Span::from_range(s..i).unwrap_or_default();
                    tokens.push(Token::new(span, TokenKind::Word));
                    start = None;
                }
                _ => {}
            }
        }
        doc.set_tokens(tokens).unwrap_or_else(|e| panic!("{e}"));
        let t = doc.tokens_mut();
        for token in t.tokens.iter_mut() {
            let original = &t.text[token.span()];
            let lower = original.to_lowercase();
            if lower != original {
                token.norm = t.strings.intern(&lower);
            }
        }
        doc
    }

    /// The stems the uncached stemmer gives each token (`None` without a stemmer).
    fn expected(backend: Backend, language: Language, text: &str) -> Vec<Option<String>> {
        let doc = document(language, text);
        let stemmer = Stemmer::with_backend(language, backend).ok();
        doc.tokens()
            .iter()
            .map(|t| Some(stemmer.as_ref()?.stem(doc.norm(t)).into_owned()))
            .collect()
    }

    fn stems(filter: &StemFilter, language: Language, text: &str) -> Vec<Option<String>> {
        let mut doc = document(language, text);
        filter.analyze(&mut doc).unwrap_or_else(|e| panic!("{e}"));
        doc.tokens()
            .iter()
            .map(|t| doc.stem(t).map(str::to_owned))
            .collect()
    }

    #[test]
    fn shared_cache_gives_the_uncached_stems_across_documents_and_threads() {
        for backend in [Backend::Snowball, Backend::Snowball2] {
            let want: Vec<_> = TEXTS
                .iter()
                .map(|&(l, text)| expected(backend, l, text))
                .collect();
            assert_eq!(
                want[0][..3],
                [Some("run".into()), Some("dog".into()), Some("ran".into())]
            );
            let filter = StemFilter::with_backend(backend);
            std::thread::scope(|scope| {
                for thread in 0..4 {
                    let (filter, want) = (filter.clone(), &want);
                    scope.spawn(move || {
                        // Each thread goes through the documents several times, in its own
                        // order: the cache is cold for some lookups and warm for others.
                        for round in 0..3 {
                            for k in 0..TEXTS.len() {
                                let i = (k * (thread + 1) + round) % TEXTS.len();
                                let (l, text) = TEXTS[i];
                                assert_eq!(stems(&filter, l, text), want[i], "{l} {text}");
                            }
                        }
                    });
                }
            });
            // The cache now holds stems: a document analyzed after it gets the same results.
            for (i, &(l, text)) in TEXTS.iter().enumerate() {
                assert_eq!(stems(&filter, l, text), want[i]);
            }
        }
    }

    #[test]
    fn the_cache_is_bounded_and_a_full_cache_changes_nothing() {
        let stemmer = Stemmer::new(Language::English).unwrap_or_else(|e| panic!("{e}"));
        let cache = StemCache::new(WordHash::random());
        // More distinct words than the cache holds, plus long ones it never caches.
        let words: Vec<String> = (0..CACHE_WORDS + 500)
            .map(|i| format!("running{i}s"))
            .chain(["nationalizations".repeat(4)])
            .collect();
        for round in 0..2 {
            for w in &words {
                let want = changed_stem(&stemmer, w);
                assert_eq!(
                    cache.changed(&stemmer, w).as_deref(),
                    want.as_deref(),
                    "{round}"
                );
            }
        }
        let cached: usize = cache
            .shards
            .iter()
            .map(|s| s.read().unwrap_or_else(|e| e.into_inner()).len())
            .sum();
        assert!(cached <= CACHE_WORDS, "{cached}");
        assert!(cached >= CACHE_WORDS / 2, "{cached}");
    }
}
