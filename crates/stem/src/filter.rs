//! [`StemFilter`]: the analyzer that fills `token.stem`.

use crate::{Algorithm, Backend, Stemmer};
use gist_core::short::{ShortKey, ShortTable};
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
/// The filter keeps a bounded cache of stems shared by every thread that uses it (and by its
/// clones), and each thread keeps its own bounded copy of the stems it looked up (at most
/// 32,768 words per stemmer), so that threads rarely touch shared memory and a word is stemmed
/// once while it is cached (words over 40 bytes, which are rare, are stemmed where they occur):
/// stemming is a pure function of the word, so the caches change the speed, never a result.
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
///
/// Each word gets an id (dense, from 0) while it is cached. Words of 1 to 16 bytes are found
/// by their bytes in a [`ShortTable`] (one memory read per lookup, where a map of boxed strings
/// reads its control bytes, its bucket and the key's own allocation); other words in a map.
/// Per id, the stem (when it differs) and where the current document's arena holds it, once a
/// token of that document needed it there.
struct LocalCache {
    /// Ids of the words of 1 to 16 bytes.
    short: ShortTable,
    /// Ids of the other words (at most [`CACHE_MAX_WORD_BYTES`] bytes).
    long: HashMap<Box<str>, u32, WordHash>,
    /// Per id: the word's stem when it differs from the word.
    stems: Vec<Option<Rc<str>>>,
    /// Per id: the document (see `doc`) whose arena holds the stem at the given place.
    arena: Vec<(u64, StrRef)>,
    /// The document being stemmed, counted from 1 (0 in `arena` is no document).
    doc: u64,
}

impl LocalCache {
    fn new(hash: WordHash) -> LocalCache {
        LocalCache {
            short: ShortTable::new(hash),
            long: HashMap::with_hasher(hash),
            stems: Vec::new(),
            arena: Vec::new(),
            doc: 0,
        }
    }

    /// The id of `word` (at most [`CACHE_MAX_WORD_BYTES`] bytes), whose key is `key` when it
    /// has 1 to 16 bytes; its stem computed by `stem` and cached when it is new.
    #[inline]
    fn id(
        &mut self,
        word: &str,
        key: Option<ShortKey>,
        stem: impl FnOnce() -> Option<Rc<str>>,
    ) -> u32 {
        match key {
            Some(k) => {
                if let Some(id) = self.short.get(k) {
                    // Ids are below LOCAL_WORDS.
                    return id as u32;
                }
                let id = self.push(stem());
                self.short.insert(k, u64::from(id));
                id
            }
            None => {
                if let Some(&id) = self.long.get(word) {
                    return id;
                }
                let id = self.push(stem());
                self.long.insert(word.into(), id);
                id
            }
        }
    }

    /// Gives the next id to a word whose stem is `stem`, emptying the cache first when it
    /// holds [`LOCAL_WORDS`] words.
    fn push(&mut self, stem: Option<Rc<str>>) -> u32 {
        if self.stems.len() >= LOCAL_WORDS {
            self.short.clear();
            self.long.clear();
            self.stems.clear();
            self.arena.clear();
        }
        self.stems.push(stem);
        self.arena.push((0, StrRef::NONE));
        // Fewer than LOCAL_WORDS ids.
        (self.stems.len() - 1) as u32
    }
}

thread_local! {
    /// This thread's caches, one per stemmer.
    static LOCAL: RefCell<Vec<(StemmerId, LocalCache)>> = RefCell::default();
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
                            list.push((id, LocalCache::new(WordHash::random())));
                            list.len() - 1
                        }
                    };
                    self.stem_tokens(doc, &stemmer, &cache, &mut list[i].1);
                }
                // This thread's caches are in use (or gone, as the thread exits): a cache for
                // this document alone.
                Err(_) => self.stem_tokens(
                    doc,
                    &stemmer,
                    &cache,
                    &mut LocalCache::new(WordHash::default()),
                ),
            })
            .unwrap_or_else(|_| {
                self.stem_tokens(
                    doc,
                    &stemmer,
                    &cache,
                    &mut LocalCache::new(WordHash::default()),
                );
            });
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
        local: &mut LocalCache,
    ) {
        let t = doc.tokens_mut();
        let text = t.text;
        local.doc += 1;
        let this_doc = local.doc;
        let mut norm_buf = String::new();
        for i in 0..t.tokens.len() {
            let token = t.tokens[i];
            if token.kind != TokenKind::Word {
                continue;
            }
            let span = token.span();
            let original = span.get(text).unwrap_or_default();
            // The norm, and where its bytes are read for its key (in the text when it is a
            // slice of it: 16 bytes at once).
            let (norm, bytes, at): (&str, &[u8], Span) = match token.norm.get() {
                StrLoc::Arena(_) => {
                    // Copied out: `intern` below appends to the arena.
                    norm_buf.clear();
                    norm_buf.push_str(t.strings.resolve(text, token.norm).unwrap_or(original));
                    let whole = Span::new(0, norm_buf.len() as u32);
                    (&norm_buf, norm_buf.as_bytes(), whole)
                }
                StrLoc::Source(s) => match s.get(text) {
                    Some(norm) => (norm, text.as_bytes(), s),
                    None => (original, text.as_bytes(), span),
                },
                StrLoc::None => (original, text.as_bytes(), span),
            };
            if norm.len() > CACHE_MAX_WORD_BYTES {
                // Not cached (see `StemCache::changed`).
                let changed = changed_stem(stemmer, norm);
                let stem = changed.as_deref().unwrap_or(norm);
                t.tokens[i].stem = if original == stem {
                    StrRef::source(span)
                } else {
                    t.strings.intern(stem)
                };
                continue;
            }
            let key = ShortKey::of(bytes, at.start as usize, at.end as usize, norm.len() as u8);
            let id = local.id(norm, key, || {
                cache.changed(stemmer, norm).map(|s| Rc::<str>::from(&*s))
            }) as usize;
            let stem = local.stems[id].as_deref().unwrap_or(norm);
            // What `Strings::derive` does, remembering where this document's arena holds each
            // distinct stem.
            t.tokens[i].stem = if original == stem {
                StrRef::source(span)
            } else {
                match local.arena[id] {
                    (d, at) if d == this_doc => at,
                    _ => {
                        let at = t.strings.intern(stem);
                        local.arena[id] = (this_doc, at);
                        at
                    }
                }
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
    fn a_thread_cache_filled_and_emptied_within_a_document_changes_nothing() {
        // More distinct words than a thread's cache holds (it is emptied within the document):
        // short ones (kept by their bytes), some with capitals (normalized into the arena),
        // 17 to 40 bytes (kept in the long words' map) and longer (never cached); each word
        // three times, so that cached words recur before and after the cache is emptied.
        let words: Vec<String> = (0..LOCAL_WORDS + 3000)
            .map(|i| match i % 10 {
                0 => format!("Running{i}s"),
                1 => format!("internationalizations{i}"),
                2 if i % 100 == 2 => format!("{}{i}", "nationalization".repeat(3)),
                _ => format!("walking{i}s"),
            })
            .collect();
        let text: String = [&words[..], &words[..], &words[..]].concat().join(" ");
        let want = expected(Backend::Snowball, Language::English, &text);
        assert!(want.iter().any(|w| w.as_deref() == Some("running0")));
        let filter = StemFilter::new();
        // Twice: the second document finds the cache as the first left it, and its stems
        // must be in its own arena.
        for _ in 0..2 {
            assert_eq!(stems(&filter, Language::English, &text), want);
        }
        let short = "Dogs running";
        assert_eq!(
            stems(&filter, Language::English, short),
            [Some("dog".to_string()), Some("run".to_string())]
        );
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
