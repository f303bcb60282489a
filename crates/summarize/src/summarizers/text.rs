//! The analysis of raw text straight into the scorers' [`Analysis`], without a [`Document`]:
//! the fast path of [`Summarizer::summarize_text`](super::Summarizer::summarize_text).
//!
//! It gives exactly what [`prepare`](super::prepare) followed by [`Analysis::new`] gives: the
//! same sentence splitter and word tokenizer run on the text, and each lexical token's norm,
//! stopword flag and stem come from the same functions the analyzers call
//! ([`WordTokenizer::token_norm`], [`StopwordFilter::is_stopword_token`], [`Stemmer::stem`]).
//! What differs is that those three are functions of the token's text and kind alone, so a
//! per-thread cache remembers them per distinct word: each token then costs one hash lookup,
//! and no norm or stem is ever stored per token.
//!
//! [`Document`]: gist_core::Document

use super::IdfSource;
use super::analysis::{Analysis, Builder, Keys};
use gist_core::hash::KeyedFastHash;
use gist_core::short::{ShortKey, ShortTable};
use gist_core::{Language, Span, Token, TokenKind};
use gist_stem::{Backend, Stemmer};
use gist_tokenize::{SentenceSplitter, StopwordFilter, WordTokenizer};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The cache is emptied before a document once it holds this many words (a few MB per thread).
const MAX_WORDS: usize = 1 << 16;
/// Longer tokens are analyzed each time, not cached.
const MAX_WORD_BYTES: usize = 48;
/// Per-thread scratch buffers (tokens, the last analysis) larger than this many tokens are
/// freed after use rather than kept for the next text.
const MAX_SCRATCH_TOKENS: usize = 1 << 18;
/// At most this many languages' caches are kept per thread.
const MAX_LANGUAGES: usize = 4;

/// What the analysis gives a word: whether it is a stopword, and the ids of its norm and of
/// its term key (the stem when a stemmer ran, else the norm) in [`Words::strings`].
#[derive(Clone, Copy, Debug)]
struct Entry {
    stop: bool,
    norm: u32,
    stem: u32,
}

/// The kinds of lexical tokens, as a small code (0 for the others, which are never looked up).
#[inline]
fn kind_code(kind: TokenKind) -> u64 {
    match kind {
        TokenKind::Word => 1,
        TokenKind::Number => 2,
        TokenKind::Hashtag => 3,
        TokenKind::Mention => 4,
        _ => 0,
    }
}

/// The cache's key of the token `text[start..end]` of `kind`, if it has 1 to 16 bytes: its
/// bytes with a tag of its length (bits 0..5) and kind code (bits 5..8).
#[inline]
fn short_key(text: &[u8], start: usize, end: usize, kind: TokenKind) -> Option<ShortKey> {
    let len = end.checked_sub(start)?;
    ShortKey::of(text, start, end, (len as u64 | kind_code(kind) << 5) as u8)
}

/// Ids of norms and stems kept in the [`ShortTable`] are below this (26 bits).
const SHORT_ID_LIMIT: u32 = 1 << 26;

/// An entry as a [`ShortTable`] value: the stopword flag (bit 0), the norm id (bits 1..27) and
/// the stem id (bits 27..53); `None` when an id is too large to be held.
fn pack(e: Entry) -> Option<u64> {
    (e.norm < SHORT_ID_LIMIT && e.stem < SHORT_ID_LIMIT)
        .then(|| u64::from(e.stop) | u64::from(e.norm) << 1 | u64::from(e.stem) << 27)
}

/// The entry of a [`ShortTable`] value (see [`pack`]).
fn unpack(v: u64) -> Entry {
    Entry {
        stop: v & 1 == 1,
        norm: (v >> 1) as u32 & (SHORT_ID_LIMIT - 1),
        stem: (v >> 27) as u32 & (SHORT_ID_LIMIT - 1),
    }
}

/// One language's analysis of words, remembered.
struct Words {
    language: Language,
    stemmer: Option<Stemmer>,
    /// Token text of up to 16 bytes → its analysis.
    short: ShortTable,
    /// Longer token text → its analysis.
    long: HashMap<Box<str>, (TokenKind, Entry), KeyedFastHash>,
    /// Norms and stems, each once: id → string, and string → id.
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32, KeyedFastHash>,
}

impl Words {
    fn new(language: Language) -> Words {
        let hash = KeyedFastHash::random();
        Words {
            language,
            stemmer: Stemmer::with_backend(language, Backend::default()).ok(),
            short: ShortTable::new(hash),
            long: HashMap::with_hasher(hash),
            strings: Vec::new(),
            ids: HashMap::with_hasher(hash),
        }
    }

    /// Number of words remembered.
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Empties the cache and gives its memory back (after a very large document it may have
    /// grown far beyond [`MAX_WORDS`]).
    fn clear(&mut self) {
        self.short.clear();
        self.long = HashMap::with_hasher(*self.long.hasher());
        self.strings = Vec::new();
        self.ids = HashMap::with_hasher(*self.ids.hasher());
    }

    /// The analysis of the token `text[start..end]` of `kind`.
    #[inline]
    fn entry(&mut self, text: &str, start: usize, end: usize, kind: TokenKind) -> Entry {
        let word = text.get(start..end).unwrap_or_default();
        if let Some(w) = short_key(text.as_bytes(), start, end, kind) {
            if let Some(v) = self.short.get(w) {
                return unpack(v);
            }
            let e = self.analyze(word, kind);
            if let Some(v) = pack(e) {
                self.short.insert(w, v);
            }
            return e;
        }
        if let Some(&(k, e)) = self.long.get(word)
            && k == kind
        {
            return e;
        }
        let e = self.analyze(word, kind);
        if word.len() <= MAX_WORD_BYTES {
            self.long.insert(word.into(), (kind, e));
        }
        e
    }

    /// What `prepare` gives a token of `kind` whose text is `word`: the tokenizer's norm, the
    /// stopword filter's decision, the stem filter's stem (for words only).
    fn analyze(&mut self, word: &str, kind: TokenKind) -> Entry {
        let language = self.language;
        let norm = WordTokenizer::default().token_norm(word, kind, language);
        let stop = StopwordFilter::new().is_stopword_token(language, kind, word, &norm);
        let stem = match &self.stemmer {
            Some(s) if kind == TokenKind::Word => Some(s.stem(&norm).into_owned()),
            _ => None,
        };
        let norm_id = self.intern(&norm);
        let stem_id = match stem {
            Some(s) if *s != *norm => self.intern(&s),
            _ => norm_id,
        };
        Entry {
            stop,
            norm: norm_id,
            stem: stem_id,
        }
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }
}

/// A thread's caches (one per language seen, most recent last) and scratch space.
#[derive(Default)]
struct Cache {
    languages: Vec<Words>,
    tokens: Vec<Token>,
    /// The term keys (string ids) of the current document's terms, by term id.
    keys: Vec<u32>,
    /// The buffers of the last analysis handed back ([`recycle`]).
    spare: Option<TextAnalysis>,
    /// For each string id, the document's term id for it, valid when its stamp is `stamp`.
    local: Vec<(u32, u32)>,
    stamp: u32,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// Edmundson's cue words, looked up by norm.
pub(crate) struct CueWords<'a> {
    bonus: HashSet<&'a str>,
    stigma: HashSet<&'a str>,
}

impl<'a> CueWords<'a> {
    pub(crate) fn new(bonus: &'a [String], stigma: &'a [String]) -> CueWords<'a> {
        CueWords {
            bonus: bonus.iter().map(String::as_str).collect(),
            stigma: stigma.iter().map(String::as_str).collect(),
        }
    }

    /// A token's cue value: +1 for a bonus word, −1 for a stigma word (both if both).
    pub(crate) fn value(&self, norm: &str) -> f64 {
        let mut v = 0.0;
        if self.bonus.contains(norm) {
            v += 1.0;
        }
        if self.stigma.contains(norm) {
            v -= 1.0;
        }
        v
    }
}

/// Raw text analyzed for the scorers: the sentence spans, the analysis, and (when cue words
/// were given) each sentence's Edmundson cue value.
#[derive(Default)]
pub(crate) struct TextAnalysis {
    pub sentences: Vec<Span>,
    pub analysis: Analysis,
    pub cue: Vec<f64>,
}

/// Analyzes `text` in `language` as [`prepare`](super::prepare) and [`Analysis::new`] would,
/// with terms keyed `by`, idf values from `idf` (when given), and cue values when `cue` is
/// given. Uses the calling thread's word cache (or a fresh one when it is in use, e.g. by an
/// idf function that itself summarizes).
pub(crate) fn analyze(
    text: &str,
    language: Language,
    by: Keys,
    idf: Option<&IdfSource>,
    cue: Option<&CueWords>,
) -> TextAnalysis {
    // A fresh cache when the thread's is in use or already gone (thread exit).
    with_cache(|cache| run(cache, text, language, by, idf, cue))
        .unwrap_or_else(|| run(&mut Cache::default(), text, language, by, idf, cue))
}

/// Hands the buffers of an analysis back to the calling thread's cache, for the next text.
pub(crate) fn recycle(t: TextAnalysis) {
    // The buffers of a very large document are dropped rather than kept.
    if t.analysis.capacity() > MAX_SCRATCH_TOKENS {
        return;
    }
    with_cache(|cache| cache.spare = Some(t));
}

/// Runs `f` on the calling thread's cache: `None` (and `f` not run) when the cache is in use
/// or already gone (thread exit).
fn with_cache<R>(f: impl FnOnce(&mut Cache) -> R) -> Option<R> {
    CACHE
        .try_with(|cell| cell.try_borrow_mut().ok().map(|mut cache| f(&mut cache)))
        .ok()
        .flatten()
}

fn run(
    cache: &mut Cache,
    text: &str,
    language: Language,
    by: Keys,
    idf: Option<&IdfSource>,
    cue_words: Option<&CueWords>,
) -> TextAnalysis {
    // The buffers of the previous analysis, when it was handed back.
    let TextAnalysis {
        mut sentences,
        analysis: spare,
        mut cue,
    } = cache.spare.take().unwrap_or_default();
    sentences.clear();
    cue.clear();
    SentenceSplitter::new(language).split_into(text, &mut sentences);
    if sentences.is_empty() {
        return TextAnalysis {
            sentences,
            analysis: Analysis::default(),
            cue,
        };
    }
    let Cache {
        languages,
        tokens,
        keys,
        local,
        stamp,
        spare: _,
    } = cache;
    // This language's words, moved to the end of the list (the most recently used).
    match languages.iter().position(|w| w.language == language) {
        Some(i) => {
            let w = languages.remove(i);
            languages.push(w);
        }
        None => {
            if languages.len() == MAX_LANGUAGES {
                languages.remove(0);
            }
            languages.push(Words::new(language));
        }
    }
    let words = match languages.last_mut() {
        Some(words) => words,
        None => return TextAnalysis::default(), // not reached: a language was just pushed
    };
    if words.len() >= MAX_WORDS || words.strings.len() >= 2 * MAX_WORDS {
        words.clear();
        // The document ids of the strings go with them.
        if local.len() > 4 * MAX_WORDS {
            *local = Vec::new();
        }
    }
    // Scratch space grown by a very large document is not kept for the next ones.
    if tokens.capacity() > MAX_SCRATCH_TOKENS {
        *tokens = Vec::new();
    }
    // A new stamp invalidates every document term id of the last document.
    if *stamp == u32::MAX {
        local.iter_mut().for_each(|l| l.1 = 0);
        *stamp = 0;
    }
    *stamp += 1;
    let stamp = *stamp;

    tokens.clear();
    WordTokenizer::default().tokenize_into(text, tokens);
    let mut b = Builder::recycle(spare, sentences.len(), tokens.len());
    keys.clear();
    let mut prev_end = 0usize;
    // A token belongs to the sentence it starts in (as in `Document::sentence_tokens`).
    let mut next = 0usize;
    for (i, &span) in sentences.iter().enumerate() {
        let gap = text.get(prev_end..span.start as usize).unwrap_or("");
        let para = i == 0 || gap.contains('\n');
        prev_end = span.end as usize;
        while next < tokens.len() && tokens[next].span().start < span.start {
            next += 1;
        }
        let mut sentence_cue = 0.0;
        while next < tokens.len() && tokens[next].span().start < span.end {
            let t = tokens[next];
            next += 1;
            if !t.kind.is_lexical() {
                continue;
            }
            let span = t.span();
            let e = words.entry(text, span.start as usize, span.end as usize, t.kind);
            if let Some(c) = cue_words {
                sentence_cue += c.value(&words.strings[e.norm as usize]);
            }
            if e.stop {
                b.stopword();
                continue;
            }
            let key = match by {
                Keys::Stems => e.stem,
                Keys::Norms => e.norm,
            } as usize;
            if local.len() <= key {
                local.resize(words.strings.len().max(key + 1), (0, 0));
            }
            let slot = &mut local[key];
            let id = if slot.1 == stamp {
                slot.0
            } else {
                let id = b.vocab();
                *slot = (id, stamp);
                keys.push(key as u32);
                id
            };
            b.term(id);
        }
        b.end_sentence(para);
        if cue_words.is_some() {
            cue.push(sentence_cue);
        }
    }
    let strings = &words.strings;
    let analysis = b.finish(idf, |t| &strings[keys[t] as usize]);
    TextAnalysis {
        sentences,
        analysis,
        cue,
    }
}
