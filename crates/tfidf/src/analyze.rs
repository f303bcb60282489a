//! Text analysis: from a document's text to the sequence of features (terms) it contains.
//!
//! The scikit-learn compatible analyzers follow `sklearn.feature_extraction.text` exactly:
//! lowercase (Python `str.lower`), then strip accents, then either the token pattern + stop
//! words + word n-grams, or character n-grams. Python's `re` character classes are reproduced
//! from tables generated from Python's `unicodedata` (see `pyunicode_tables.rs`).

use crate::error::{TfidfError, TfidfErrorKind};
use crate::intern::Interner;
use crate::options::{AnalyzerKind, StopWords, StripAccents, TextOptions};
use crate::pyunicode_tables::{SKLEARN_ENGLISH_STOP_WORDS, WORD_RANGES};
use gist_core::{Language, Token};
use gist_stem::Stemmer;
use gist_tokenize::stopwords;
use gist_tokenize::{WordOptions, WordTokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// scikit-learn's built-in English stop words (`sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`,
/// the Glasgow Information Retrieval Group's list), sorted by byte order.
pub fn sklearn_english_stop_words() -> &'static [&'static str] {
    &SKLEARN_ENGLISH_STOP_WORDS
}

/// ASCII bytes that Python's `\w` matches.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// Whether Python's `re` matches `c` with `\w` in a str pattern (`str.isalnum()` or `_`).
#[inline]
pub fn is_python_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < 128 {
        return ASCII_WORD[cp as usize];
    }
    WORD_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether Python considers `c` whitespace (`str.isspace()`, `re`'s `\s`, what `str.split()`
/// splits on): Unicode `White_Space` plus the four information separators U+001C..U+001F.
#[inline]
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The token patterns the `word` analyzer implements natively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenPattern {
    /// Maximal runs of `\w` characters of at least `min_chars` characters.
    WordRun { min_chars: usize },
    /// Maximal runs of non-whitespace characters.
    NonSpace,
}

impl TokenPattern {
    pub(crate) fn parse(pattern: &str) -> Result<TokenPattern, TfidfError> {
        let p = pattern.strip_prefix("(?u)").unwrap_or(pattern);
        let bounded = p
            .strip_prefix(r"\b")
            .and_then(|q| q.strip_suffix(r"\b"))
            .unwrap_or(p);
        let parsed = match bounded {
            r"\w\w+" => Some(TokenPattern::WordRun { min_chars: 2 }),
            r"\w+" => Some(TokenPattern::WordRun { min_chars: 1 }),
            r"\S+" if bounded == p => Some(TokenPattern::NonSpace),
            _ => bounded
                .strip_prefix(r"\w{")
                .and_then(|q| q.strip_suffix(",}"))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n >= 1)
                .map(|n| TokenPattern::WordRun { min_chars: n }),
        };
        parsed.ok_or_else(|| {
            TfidfError::option(format!(
                "token_pattern {pattern:?} is not supported: use (?u)\\b\\w\\w+\\b, \\b\\w+\\b, \\b\\w{{N,}}\\b, \\w+ or \\S+"
            ))
        })
    }
}

/// A validated, ready-to-run text analyzer.
#[derive(Clone, Debug)]
pub(crate) struct TextAnalyzer {
    lowercase: bool,
    strip_accents: StripAccents,
    kind: AnalyzerKind,
    pattern: TokenPattern,
    stop: Stop,
    /// The gist analyzer's tokenizer and stemmer.
    gist: Option<GistParts>,
    min_n: usize,
    max_n: usize,
    #[allow(dead_code)]
    options: TextOptions,
}

/// The stop-word test of an analyzer.
#[derive(Clone, Debug)]
enum Stop {
    None,
    Set(Interner),
    Language(Language),
}

/// What the gist analyzer runs: gist's word tokenizer, and a Snowball stemmer if stemming.
#[derive(Clone, Debug)]
struct GistParts {
    tokenizer: WordTokenizer,
    stemmer: Option<Stemmer>,
    language: Language,
}

/// Reusable buffers for one thread's analysis.
#[derive(Default, Debug)]
pub(crate) struct Scratch {
    pre: PreBuffers,
    work: WorkBuffers,
}

#[derive(Default, Debug)]
struct PreBuffers {
    pre: String,
    norm: String,
}

#[derive(Default, Debug)]
struct WorkBuffers {
    tokens: Vec<(usize, usize)>,
    spans: Vec<(u32, u32)>,
    gist_tokens: Vec<Token>,
    terms: String,
    gram: String,
    bounds: Vec<usize>,
}

impl TextAnalyzer {
    pub(crate) fn new(options: &TextOptions) -> Result<TextAnalyzer, TfidfError> {
        let (min_n, max_n) = options.ngram_range;
        if min_n == 0 || min_n > max_n {
            return Err(TfidfError::option(format!(
                "ngram_range ({min_n}, {max_n}): need 1 <= lower <= upper"
            )));
        }
        let pattern = match options.analyzer {
            AnalyzerKind::Word => TokenPattern::parse(&options.token_pattern)?,
            _ => TokenPattern::WordRun { min_chars: 2 },
        };
        let stop = match (&options.stop_words, options.analyzer) {
            (_, AnalyzerKind::Char | AnalyzerKind::CharWb) | (StopWords::None, _) => Stop::None,
            (StopWords::English, _) => {
                Stop::Set(Interner::from_unique(&SKLEARN_ENGLISH_STOP_WORDS).unwrap_or_default())
            }
            (StopWords::List(words), _) => {
                let mut set = Interner::with_capacity(words.len());
                for w in words {
                    set.intern(w);
                }
                Stop::Set(set)
            }
            (StopWords::Language, _) => Stop::Language(options.language),
        };
        let gist = if options.analyzer == AnalyzerKind::Gist {
            let fold = options.strip_accents != StripAccents::None;
            let tokenizer = WordTokenizer::new(WordOptions {
                lowercase: options.lowercase,
                fold_accents: fold,
                nfkc: fold,
                ..WordOptions::default()
            });
            let stemmer = if options.stem {
                Some(Stemmer::new(options.language).map_err(|e| {
                    TfidfError::new(
                        TfidfErrorKind::Unsupported,
                        format!("stemming for the gist analyzer: {e}"),
                    )
                })?)
            } else {
                None
            };
            Some(GistParts {
                tokenizer,
                stemmer,
                language: options.language,
            })
        } else {
            None
        };
        Ok(TextAnalyzer {
            lowercase: options.lowercase,
            strip_accents: options.strip_accents,
            kind: options.analyzer,
            pattern,
            stop,
            gist,
            min_n,
            max_n,
            options: options.clone(),
        })
    }

    /// Lowercasing then accent stripping, as scikit-learn's default preprocessor. Returns
    /// `text` itself when nothing changes.
    fn preprocess<'a>(&self, text: &'a str, s: &'a mut PreBuffers) -> &'a str {
        let mut in_pre = false;
        if self.lowercase {
            if text.is_ascii() {
                if text.bytes().any(|b| b.is_ascii_uppercase()) {
                    s.pre.clear();
                    s.pre.push_str(text);
                    s.pre.make_ascii_lowercase();
                    in_pre = true;
                }
            } else {
                lowercase_into(text, &mut s.pre);
                in_pre = true;
            }
        }
        if self.strip_accents != StripAccents::None {
            let src = if in_pre { s.pre.as_str() } else { text };
            if !src.is_ascii() {
                s.norm.clear();
                match self.strip_accents {
                    StripAccents::Ascii => s.norm.extend(src.nfkd().filter(char::is_ascii)),
                    _ => s
                        .norm
                        .extend(src.nfkd().filter(|&c| canonical_combining_class(c) == 0)),
                }
                std::mem::swap(&mut s.pre, &mut s.norm);
                in_pre = true;
            }
        }
        if in_pre { s.pre.as_str() } else { text }
    }

    /// Calls `emit` with every feature of `text`, in scikit-learn's order.
    pub(crate) fn for_each_feature(
        &self,
        text: &str,
        scratch: &mut Scratch,
        mut emit: impl FnMut(&str),
    ) {
        let work = &mut scratch.work;
        if self.kind == AnalyzerKind::Gist {
            return self.gist_features(text, work, &mut emit);
        }
        let doc = self.preprocess(text, &mut scratch.pre);
        match self.kind {
            AnalyzerKind::Word | AnalyzerKind::Gist => self.word_features(doc, work, &mut emit),
            AnalyzerKind::Char => self.char_features(doc, work, &mut emit),
            AnalyzerKind::CharWb => self.char_wb_features(doc, work, &mut emit),
        }
    }

    /// True for the word analyzer (`analyzer="word"`), whose features are word n-grams that
    /// [`for_each_word`](Self::for_each_word) and [`ngram_range`](Self::ngram_range) describe.
    pub(crate) fn is_word(&self) -> bool {
        self.kind == AnalyzerKind::Word
    }

    /// The n-gram range `(min_n, max_n)`.
    pub(crate) fn ngram_range(&self) -> (usize, usize) {
        (self.min_n, self.max_n)
    }

    /// For the word analyzer: calls `f(doc, start, end)` for each token `&doc[start..end]` of
    /// the preprocessed text `doc` (lowercased, accents stripped), in order, stop words
    /// included. The word features are then the n-grams of the tokens that are not stop words
    /// ([`is_stop`](Self::is_stop)), joined by one space. Calls nothing for other analyzers.
    pub(crate) fn for_each_word(
        &self,
        text: &str,
        scratch: &mut Scratch,
        mut f: impl FnMut(&str, usize, usize),
    ) {
        if self.kind != AnalyzerKind::Word {
            return;
        }
        let doc = self.preprocess(text, &mut scratch.pre);
        match self.pattern {
            TokenPattern::WordRun { min_chars } => {
                scan_word_runs(doc, min_chars, &mut scratch.work.spans, |a, b| f(doc, a, b))
            }
            TokenPattern::NonSpace => scan_non_space(doc, |a, b| f(doc, a, b)),
        }
    }

    /// The words of `text` as spans, for the word analyzer with a `\w{n,}` token pattern
    /// (`None` otherwise, or for a text of 4 GiB or more: use
    /// [`for_each_word`](Self::for_each_word)): the runs of [`word_spans`] (of any length) of
    /// the returned text, `text` itself when it is ASCII or needs no preprocessing, else its
    /// preprocessed copy; both held in `scratch`.
    pub(crate) fn word_spans<'a>(
        &self,
        text: &'a str,
        scratch: &'a mut Scratch,
    ) -> Option<WordSpans<'a>> {
        let TokenPattern::WordRun { min_chars } = self.pattern else {
            return None;
        };
        if self.kind != AnalyzerKind::Word || text.len() >= u32::MAX as usize {
            return None;
        }
        let Scratch { pre, work } = scratch;
        let spans = &mut work.spans;
        spans.clear();
        // Preprocessing changes only non-ASCII characters, but for lowercasing, which changes
        // the ASCII letters: a text whose non-ASCII characters lowercasing leaves as they are
        // (ASCII text, and most English text: curly quotes, dashes, lowercase accented
        // letters) is scanned as it is, and lowercased word by word by the caller.
        let accept = match (self.lowercase, self.strip_accents) {
            (false, StripAccents::None) => Accept::Any,
            (true, StripAccents::None) => Accept::LowercaseKeeps,
            _ => Accept::Ascii,
        };
        if let Some(ascii) = word_spans(text, accept, spans) {
            return Some(WordSpans {
                doc: text,
                spans,
                lower: self.lowercase,
                ascii,
                min_chars,
            });
        }
        spans.clear();
        let doc = self.preprocess(text, pre);
        if doc.len() >= u32::MAX as usize {
            return None;
        }
        let ascii = word_spans(doc, Accept::Any, spans);
        Some(WordSpans {
            doc,
            spans,
            lower: false,
            ascii: ascii.unwrap_or(false),
            min_chars,
        })
    }

    /// True if `token` is a stop word of this analyzer.
    pub(crate) fn is_stop(&self, token: &str) -> bool {
        match &self.stop {
            Stop::None => false,
            Stop::Set(set) => set.get(token).is_some(),
            Stop::Language(language) => stopwords::is_stopword(*language, token),
        }
    }

    fn word_features(&self, doc: &str, s: &mut WorkBuffers, emit: &mut impl FnMut(&str)) {
        s.tokens.clear();
        let unigrams_only = self.min_n == 1 && self.max_n == 1;
        let mut on_token = |start: usize, end: usize, tokens: &mut Vec<(usize, usize)>| {
            let t = &doc[start..end];
            if self.is_stop(t) {
                return;
            }
            if unigrams_only {
                emit(t);
            } else {
                tokens.push((start, end));
            }
        };
        match self.pattern {
            TokenPattern::WordRun { min_chars } => {
                scan_word_runs(doc, min_chars, &mut s.spans, |a, b| {
                    on_token(a, b, &mut s.tokens)
                })
            }
            TokenPattern::NonSpace => scan_non_space(doc, |a, b| on_token(a, b, &mut s.tokens)),
        }
        if !unigrams_only {
            self.emit_ngrams(doc, &s.tokens, &mut s.gram, emit);
        }
    }

    /// Emits the word n-grams of `tokens` (spans of `text`) joined by one space.
    fn emit_ngrams(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        gram: &mut String,
        emit: &mut impl FnMut(&str),
    ) {
        for n in self.min_n..=self.max_n.min(tokens.len()) {
            for w in tokens.windows(n) {
                if n == 1 {
                    emit(&text[w[0].0..w[0].1]);
                    continue;
                }
                gram.clear();
                for (k, &(a, b)) in w.iter().enumerate() {
                    if k > 0 {
                        gram.push(' ');
                    }
                    gram.push_str(&text[a..b]);
                }
                emit(gram);
            }
        }
    }

    /// The gist analyzer: gist's tokenizer on the original text, lexical tokens only,
    /// normalized (lowercase, optional accent folding), stop words removed, stemmed, n-grams.
    fn gist_features(&self, text: &str, s: &mut WorkBuffers, emit: &mut impl FnMut(&str)) {
        let Some(g) = &self.gist else { return };
        s.gist_tokens.clear();
        g.tokenizer.tokenize_into(text, &mut s.gist_tokens);
        s.terms.clear();
        s.tokens.clear();
        for t in &s.gist_tokens {
            if !t.kind.is_lexical() {
                continue;
            }
            let Some(raw) = t.span().get(text) else {
                continue;
            };
            let norm = g.tokenizer.normalize(raw, t.kind, g.language);
            if self.is_stop(&norm) {
                continue;
            }
            let term = match &g.stemmer {
                Some(st) => st.stem(&norm).into_owned(),
                None => norm.into_owned(),
            };
            let start = s.terms.len();
            s.terms.push_str(&term);
            s.tokens.push((start, s.terms.len()));
        }
        let terms = std::mem::take(&mut s.terms);
        self.emit_ngrams(&terms, &s.tokens, &mut s.gram, emit);
        s.terms = terms;
    }

    fn char_features(&self, doc: &str, s: &mut WorkBuffers, emit: &mut impl FnMut(&str)) {
        // Runs of two or more whitespace characters become one space; a single whitespace
        // character is kept as it is (scikit-learn's `re.sub(r"\s\s+", " ", doc)`).
        s.gram.clear();
        let mut chars = doc.char_indices().peekable();
        let mut changed = false;
        while let Some((_, c)) = chars.next() {
            if is_python_space(c) && chars.peek().is_some_and(|&(_, d)| is_python_space(d)) {
                while chars.peek().is_some_and(|&(_, d)| is_python_space(d)) {
                    chars.next();
                }
                s.gram.push(' ');
                changed = true;
            } else {
                s.gram.push(c);
            }
        }
        let text: &str = if changed { &s.gram } else { doc };
        s.bounds.clear();
        s.bounds.extend(text.char_indices().map(|(i, _)| i));
        s.bounds.push(text.len());
        let n_chars = s.bounds.len() - 1;
        for n in self.min_n..=self.max_n.min(n_chars) {
            for i in 0..=n_chars - n {
                emit(&text[s.bounds[i]..s.bounds[i + n]]);
            }
        }
    }

    fn char_wb_features(&self, doc: &str, s: &mut WorkBuffers, emit: &mut impl FnMut(&str)) {
        for word in doc.split(is_python_space).filter(|w| !w.is_empty()) {
            s.gram.clear();
            s.gram.push(' ');
            s.gram.push_str(word);
            s.gram.push(' ');
            s.bounds.clear();
            s.bounds.extend(s.gram.char_indices().map(|(i, _)| i));
            s.bounds.push(s.gram.len());
            let w_len = s.bounds.len() - 1;
            let w = s.gram.as_str();
            for n in self.min_n..=self.max_n {
                // scikit-learn emits the first n-gram even when the padded word is shorter
                // than n, then slides; a word no longer than n is counted once, for the
                // smallest such n only.
                let mut offset = 0;
                emit(&w[s.bounds[0]..s.bounds[n.min(w_len)]]);
                while offset + n < w_len {
                    offset += 1;
                    emit(&w[s.bounds[offset]..s.bounds[offset + n]]);
                }
                if offset == 0 {
                    break;
                }
            }
        }
    }
}

/// Python's `str.lower` of `text` into `out` (reusing its allocation): ASCII bytes directly,
/// other characters with Rust's Unicode lowercase mapping, and the whole text through
/// `str::to_lowercase` when it holds a capital sigma, whose lowercase depends on context.
fn lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.contains('\u{3a3}') {
        out.push_str(&text.to_lowercase());
        return;
    }
    out.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
            rest = chars.as_str();
        }
    }
}

/// Calls `f(start, end)` for each maximal run of Python `\w` characters that is at least
/// `min_chars` characters long: what `re.findall(r"(?u)\b\w{min_chars,}\b", doc)` returns.
/// Runs are found by [`word_spans`] (into `spans`, a scratch buffer), character by character
/// only for a text of 4 GiB or more.
#[inline]
pub(crate) fn scan_word_runs(
    doc: &str,
    min_chars: usize,
    spans: &mut Vec<(u32, u32)>,
    mut f: impl FnMut(usize, usize),
) {
    if doc.len() >= u32::MAX as usize {
        return scan_word_runs_any(doc, min_chars, f);
    }
    spans.clear();
    word_spans(doc, Accept::Any, spans);
    for &(a, b) in spans.iter() {
        let (a, b) = (a as usize, b as usize);
        if long_enough(doc, a, b, min_chars, false) {
            f(a, b);
        }
    }
}

/// Whether the run `doc[a..b]` has at least `min_chars` characters (`ascii`: the text is known
/// to be ASCII, one character a byte).
#[inline]
fn long_enough(doc: &str, a: usize, b: usize, min_chars: usize, ascii: bool) -> bool {
    let len = b - a;
    len >= min_chars
        && (ascii || len >= 4 * min_chars || char_count(doc.as_bytes(), a, b) >= min_chars)
}

/// The number of characters of the UTF-8 text `doc[a..b]` (`a` and `b` character boundaries):
/// its bytes that are not continuation bytes (`0b10xx_xxxx`). A run of at most eight bytes
/// with eight bytes to read from `a` is counted in one word, without a loop: this is asked of
/// most words of every text that is not ASCII.
#[inline]
fn char_count(doc: &[u8], a: usize, b: usize) -> usize {
    let len = b - a;
    match doc.get(a..a + 8) {
        Some(eight) if len <= 8 => {
            let mut w = [0u8; 8];
            w.copy_from_slice(eight);
            // The run's bytes; zeros (not continuation bytes) past its end.
            let x = u64::from_le_bytes(w) & u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
            len - continuation_bytes(x)
        }
        _ => doc[a..b].iter().filter(|&&c| (c as i8) >= -64).count(),
    }
}

/// 1 in each byte of `x` that is a UTF-8 continuation byte (`0b10xx_xxxx`: bit 7 set, bit 6
/// clear), 0 in the others.
#[inline(always)]
fn continuation_flags(x: u64) -> u64 {
    (x & !(x << 1) & HIGH) >> 7
}

/// The sum of the eight bytes of `x`, if it is below 256: the multiplication adds every byte
/// into the top one. (`count_ones` needs the `popcnt` instruction, which the default x86-64
/// target lacks; it then takes a dozen instructions.)
#[inline(always)]
fn byte_sum(x: u64) -> usize {
    (x.wrapping_mul(ONES) >> 56) as usize
}

/// The number of UTF-8 continuation bytes among the eight bytes of `x`.
#[inline]
pub(crate) fn continuation_bytes(x: u64) -> usize {
    byte_sum(continuation_flags(x))
}

/// The number of UTF-8 continuation bytes among the sixteen bytes of `a` and `b`.
#[inline]
pub(crate) fn continuation_bytes16(a: u64, b: u64) -> usize {
    byte_sum(continuation_flags(a) + continuation_flags(b))
}

/// The words that [`TextAnalyzer::word_spans`] found, and the text they are in.
pub(crate) struct WordSpans<'a> {
    /// The text the spans index into.
    pub(crate) doc: &'a str,
    /// The maximal runs of word characters of `doc`, as `(start, end)` byte offsets, in order
    /// (the caller keeps those long enough, see [`keeps`](Self::keeps)).
    pub(crate) spans: &'a [(u32, u32)],
    /// Whether each word still has to be lowercased (`lowercase=True`, and the text is the
    /// original, whose lowercasing changes nothing but ASCII letters: a word is lowercased by
    /// lowercasing its ASCII letters).
    pub(crate) lower: bool,
    /// Whether `doc` is known to be ASCII.
    pub(crate) ascii: bool,
    /// The shortest token, in characters.
    pub(crate) min_chars: usize,
}

impl WordSpans<'_> {
    /// Whether the run `doc[a..b]` is long enough to be a token.
    #[inline]
    pub(crate) fn keeps(&self, a: usize, b: usize) -> bool {
        long_enough(self.doc, a, b, self.min_chars, self.ascii)
    }
}

/// Eight `0x01` bytes.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// For eight ASCII bytes (little-endian in `x`, each below 0x80): the high bit set in each
/// byte `c` with `lo <= c <= hi`, clear in the others. Adding at most 0x80 - 0x01 to a byte
/// below 0x80 never carries into the next byte.
#[inline]
fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7F - hi)) & HIGH
}

/// Eight bytes (little-endian in `x`) with `A-Z` lowercased, the others (non-ASCII bytes
/// included) unchanged: the range test's high bit, moved down two places, is the 0x20 that
/// lowercases a capital. The range is tested on the bytes' low seven bits, and bytes of 0x80
/// or above are then left out.
#[inline]
pub(crate) fn ascii_lower8(x: u64) -> u64 {
    x | ((ascii_in_range(x & !HIGH, b'A', b'Z') & !x) >> 2)
}

/// The scanner's block masks in portable code: what [`block_masks`] computes on targets
/// without SSE2, and on x86-64 the tests' reference for its SSE2 code.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
mod portable {
    /// 1 if the byte `b` is an ASCII word character (`[0-9A-Za-z_]`), else 0 (also for every
    /// non-ASCII byte). The three tests are combined with `|`, not `||`, so that a loop over a
    /// block has no branches and compiles to byte-wise vector comparisons. Each range is moved
    /// to start at `i8::MIN` and tested with a signed comparison: SSE2 compares signed bytes in
    /// one instruction, where an unsigned `<` takes a minimum and an equality.
    #[inline(always)]
    pub(super) fn ascii_word_flag(b: u8) -> u8 {
        u8::from((b.wrapping_add(0x80 - b'0') as i8) < i8::MIN + 10)
            | u8::from(((b | 0x20).wrapping_add(0x80 - b'a') as i8) < i8::MIN + 26)
            | u8::from(b == b'_')
    }

    /// Bit `i` set if bit 0 of byte `i` of `flags` is set (flags 0 or 1, little-endian): the
    /// multiplication moves each flag to the top byte, and its partial products never overlap.
    #[inline(always)]
    pub(super) fn gather8(flags: u64) -> u64 {
        flags.wrapping_mul(0x0102_0408_1020_4080) >> 56
    }

    /// Bit `i` set if byte `i` of `flags` (each 0 or 1) is 1: gathered eight at a time, the last
    /// eight first so that each step is one shift of the bits gathered so far.
    #[inline(always)]
    pub(super) fn gather64(flags: [u8; 64]) -> u64 {
        let mut bits = 0;
        for eight in flags.chunks_exact(8).rev() {
            let mut w = [0u8; 8];
            w.copy_from_slice(eight);
            bits = (bits << 8) | gather8(u64::from_le_bytes(w));
        }
        bits
    }

    /// The word-character bits of 64 bytes: bit `i` set if `block[i]` is `[0-9A-Za-z_]`, clear for
    /// every other byte (non-ASCII bytes included). The flags of all 64 bytes are computed first,
    /// by a loop that compiles to a few vector instructions per 16 bytes, then gathered.
    #[inline]
    pub(super) fn ascii_word_bits(block: &[u8; 64]) -> u64 {
        gather64(block.map(ascii_word_flag))
    }

    /// The non-ASCII bits of 64 bytes: bit `i` set if `block[i]` is 0x80 or above.
    #[inline]
    pub(super) fn non_ascii_bits(block: &[u8; 64]) -> u64 {
        gather64(block.map(|b| b >> 7))
    }
}

/// The [`portable::ascii_word_bits`] and the [`portable::non_ascii_bits`] of 64 bytes (on
/// x86-64, computed by the SSE2 code below).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    (
        portable::ascii_word_bits(block),
        portable::non_ascii_bits(block),
    )
}

/// The [`portable::ascii_word_bits`] and the [`portable::non_ascii_bits`] of 64 bytes, with
/// SSE2 (which every x86-64 processor has): the same byte-wise comparisons as
/// [`portable::ascii_word_flag`], then one `pmovmskb` per 16 bytes gathers their bits (and the
/// bytes' high bits, the non-ASCII mask), where the portable code takes a multiplication per 8
/// bytes, for each mask. Measured
/// (2026-11-29, alternated first fits of the comparison's 20.7 MB, `tfidf_profile.sh ab`,
/// default options): one thread 0.1213 -> 0.1191 s and 0.1215 -> 0.1191 s (medians of 21
/// pairs each), two threads 0.0694 -> 0.0679 s (21 pairs).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    // SAFETY: this code is compiled only when SSE2 is enabled for the whole target (as it is
    // for every x86-64 target with an operating system): the processor has it, so calling a
    // function compiled for it is sound.
    #[allow(unsafe_code)]
    unsafe {
        block_masks_sse2(block)
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[allow(unsafe_code)]
#[target_feature(enable = "sse2")]
#[inline]
fn block_masks_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let (mut word, mut high) = (0u64, 0u64);
    for (k, sixteen) in block.chunks_exact(16).enumerate() {
        // SAFETY: `sixteen` is 16 readable bytes; the load has no alignment requirement.
        let v = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) };
        // Each range moved to start at i8::MIN and tested with a signed comparison, as in
        // `ascii_word_flag`.
        let digit = _mm_cmplt_epi8(
            _mm_add_epi8(v, _mm_set1_epi8((0x80 - b'0') as i8)),
            _mm_set1_epi8(i8::MIN + 10),
        );
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(
                _mm_or_si128(v, _mm_set1_epi8(0x20)),
                _mm_set1_epi8((0x80 - b'a') as i8),
            ),
            _mm_set1_epi8(i8::MIN + 26),
        );
        let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let flags = _mm_or_si128(_mm_or_si128(digit, letter), underscore);
        // (Each mask has 16 bits: the casts through u16 keep its sign from spreading.)
        word |= u64::from(_mm_movemask_epi8(flags) as u16) << (16 * k);
        high |= u64::from(_mm_movemask_epi8(v) as u16) << (16 * k);
    }
    (word, high)
}

/// `bits` (the ASCII word-character bits of 64 bytes starting at byte `base` of `doc`, from
/// [`block_masks`]) completed with the bytes of non-ASCII characters, at the bits set in `high`:
/// a character's bytes all get its class. Only those bytes are visited; a lead byte decodes its
/// character, a continuation byte takes the class in `cont`, which carries the class of the last
/// multi-byte character into the next block, whose first bytes may continue it.
///
/// With `accept` [`Accept::LowercaseKeeps`], returns `None` at the first character that
/// lowercasing changes.
#[inline(never)]
fn unicode_word_bits(
    doc: &str,
    base: usize,
    mut bits: u64,
    mut high: u64,
    cont: &mut bool,
    accept: Accept,
) -> Option<u64> {
    let b = doc.as_bytes();
    while high != 0 {
        let i = base + high.trailing_zeros() as usize;
        high &= high - 1;
        if b[i] >= 0xC0 {
            // U+2000..U+203F (bytes E2 80 xx), the general punctuation of most non-ASCII
            // English text (curly quotes, dashes, ellipsis), holds no word character and no
            // letter with case: no decoding and table search for them.
            *cont = if b[i] == 0xE2 && b[i + 1] == 0x80 {
                false
            } else {
                let c = next_char(doc, i);
                if accept == Accept::LowercaseKeeps && !lowercase_keeps(c) {
                    return None;
                }
                is_python_word_char(c)
            };
        }
        bits |= u64::from(*cont) << (i - base);
    }
    Some(bits)
}

/// Whether lowercasing (as [`str::to_lowercase`], character by character) leaves `c` as it
/// is. (Capital sigma, whose lowercase depends on its neighbours, is changed either way.)
#[inline]
fn lowercase_keeps(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x100 {
        // Latin-1: the capitals U+00C0..U+00DE but the multiplication sign U+00D7.
        return !(0xC0..=0xDE).contains(&cp) || cp == 0xD7;
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// What text [`word_spans`] scans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Accept {
    /// Any text.
    Any,
    /// ASCII text only.
    Ascii,
    /// Text whose non-ASCII characters lowercasing leaves as they are (so that lowercasing
    /// the text lowercases only its ASCII letters, and finds the same runs).
    LowercaseKeeps,
}

/// The word-character bits of the 64 bytes `window` (byte `at` of `doc` on, or a padded copy
/// of all of `doc`) for [`word_spans`]: the bytes of non-ASCII characters get their
/// character's class unless `accept` is [`Accept::Ascii`] (then the text is known to be
/// ASCII), but not the first `skip` bytes (already read with the previous block). Clears
/// `ascii` if the window has non-ASCII bytes; `None` if `accept` refuses a character.
#[inline(always)]
fn window_bits(
    doc: &str,
    window: &[u8; 64],
    at: usize,
    skip: usize,
    accept: Accept,
    cont: &mut bool,
    ascii: &mut bool,
) -> Option<u64> {
    let (bits, high) = block_masks(window);
    if accept == Accept::Ascii || high == 0 {
        return Some(bits);
    }
    *ascii = false;
    let high = high & (u64::MAX << skip);
    unicode_word_bits(doc, at, bits, high, cont, accept)
}

/// Appends to `out` the runs of set bits of `bits`, the word-character bits of the 64 bytes
/// at byte `base` (bits past the text's end clear), for [`word_spans`]. `carry` is 1 if the
/// byte before them is a word character: the last span of `out` is then a run still open,
/// with the end `base`, which is moved on.
#[inline(always)]
fn push_runs(bits: u64, base: usize, carry: &mut u64, out: &mut Vec<(u32, u32)>) {
    let base = base as u32;
    // Run starts and ends: word bytes after a non-word one, and the reverse.
    let before = (bits << 1) | *carry;
    let mut starts = bits & !before;
    let mut ends = !bits & before;
    if *carry != 0 {
        // The first end ends the open run (at the block's end, 64, if there is none).
        let last = out.len() - 1;
        out[last].1 = base + ends.trailing_zeros();
        ends &= ends.wrapping_sub(1);
    }
    // Then the k-th start goes with the k-th end, or with the block's end, 64, for a run
    // still open there (moved on by the next block). The starts and the ends are taken from
    // two masks, not one, so that finding the next start does not wait for the last end.
    // Extending by a counted (`TrustedLen`) iterator reserves room once, where a push per
    // run would check the capacity and store the length each time. A bit found is cleared
    // by flipping it (one instruction, where `x & (x - 1)` takes two); an end of 64 (no bit
    // left) flips bit 0 of `ends` instead, which is harmless as it is the last.
    out.extend((0..starts.count_ones()).map(|_| {
        let start = starts.trailing_zeros();
        starts ^= 1 << start;
        let end = ends.trailing_zeros();
        ends ^= 1u64.wrapping_shl(end);
        (base + start, base + end)
    }));
    *carry = bits >> 63;
}

/// The maximal runs of Python `\w` characters of `doc` (shorter than 4 GiB), as `(start,
/// end)` byte spans appended to `out`, in order, of any length (the caller keeps those long
/// enough): what `re.finditer(r"\w+", doc)` finds. The text is read 64 bytes at a time into a
/// bit mask (ASCII bytes classified all at once, non-ASCII characters one by one), whose run
/// starts and ends are then found with bit operations, so the branches taken do not depend
/// on each word's length.
///
/// Returns whether the text is ASCII, once every span is in `out`; or `None` if `accept`
/// refuses the text (with [`Accept::Ascii`] `out` is then unchanged, with
/// [`Accept::LowercaseKeeps`] it holds the spans found up to the character refused).
pub(crate) fn word_spans(doc: &str, accept: Accept, out: &mut Vec<(u32, u32)>) -> Option<bool> {
    let b = doc.as_bytes();
    let n = b.len();
    debug_assert!(n < u32::MAX as usize);
    // The bytes of the whole 64-byte blocks.
    let whole = n & !63;
    // A last block shorter than 64 bytes is read as the text's last 64 bytes (the first of
    // them already read with the previous block), or for a text shorter than 64 bytes, from
    // a copy padded with (non-word) zeros: no byte is read one at a time.
    let mut padded = [0u8; 64];
    let (last, last_at) = if n >= 64 {
        (<&[u8; 64]>::try_from(&b[n - 64..]).unwrap(), n - 64)
    } else {
        padded[..n].copy_from_slice(b);
        (&padded, 0)
    };
    // Checked first, on its own: a text found non-ASCII half way would have been scanned in
    // vain up to there, and the blocks then need no test.
    if accept == Accept::Ascii && !(b[..whole].is_ascii() && last.is_ascii()) {
        return None;
    }
    // 1 if the byte before the block is a word character.
    let mut carry = 0u64;
    let mut cont = false;
    let mut ascii = true;
    for (k, block) in b[..whole].chunks_exact(64).enumerate() {
        let block = <&[u8; 64]>::try_from(block).unwrap();
        let bits = window_bits(doc, block, 64 * k, 0, accept, &mut cont, &mut ascii)?;
        push_runs(bits, 64 * k, &mut carry, out);
    }
    if whole < n {
        let skip = whole - last_at;
        // Bits past the text's end are clear: a run reaching it ends there. (The last
        // window's first `skip` bytes, read with the previous block, are ASCII if that was.)
        let bits = window_bits(doc, last, last_at, skip, accept, &mut cont, &mut ascii)? >> skip;
        push_runs(bits, whole, &mut carry, out);
    }
    Some(ascii)
}

/// [`scan_word_runs`] for any text, character by character (ASCII bytes by table).
fn scan_word_runs_any(doc: &str, min_chars: usize, mut f: impl FnMut(usize, usize)) {
    let bytes = doc.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        // Skip non-word characters.
        let b = bytes[i];
        if b < 128 {
            if !ASCII_WORD[b as usize] {
                i += 1;
                continue;
            }
        } else {
            let c = next_char(doc, i);
            if !is_python_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // A run starts at i.
        let start = i;
        let mut n_chars = 0;
        while i < len {
            let b = bytes[i];
            if b < 128 {
                if !ASCII_WORD[b as usize] {
                    break;
                }
                i += 1;
            } else {
                let c = next_char(doc, i);
                if !is_python_word_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            n_chars += 1;
        }
        if n_chars >= min_chars {
            f(start, i);
        }
    }
}

/// Calls `f(start, end)` for each maximal run of non-whitespace characters (`\S+`).
pub(crate) fn scan_non_space(doc: &str, mut f: impl FnMut(usize, usize)) {
    let mut start = None;
    for (i, c) in doc.char_indices() {
        match (is_python_space(c), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                f(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(s, doc.len());
    }
}

#[inline]
fn next_char(doc: &str, i: usize) -> char {
    doc[i..].chars().next().unwrap_or('\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(options: &TextOptions, text: &str) -> Vec<String> {
        let a = TextAnalyzer::new(options).unwrap();
        let mut out = Vec::new();
        a.for_each_feature(text, &mut Scratch::default(), |f| out.push(f.to_string()));
        out
    }

    proptest::proptest! {
        #[test]
        fn ascii_scan_equals_the_general_scan(
            text in "[ -~\t\n]{0,80}",
            min_chars in 1usize..4,
        ) {
            let mut fast = Vec::new();
            scan_word_runs(&text, min_chars, &mut Vec::new(), |a, b| fast.push((a, b)));
            let mut general = Vec::new();
            scan_word_runs_any(&text, min_chars, |a, b| general.push((a, b)));
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn block_spans_equal_the_general_scan(
            // Up to three 64-byte blocks, runs crossing block boundaries and reaching the end.
            text in "([a-zA-Z0-9_]{0,70}[ -/:-@\\[-`{-~\t\n]{0,3}){0,6}",
        ) {
            let mut spans = vec![(7, 7)];
            proptest::prop_assert_eq!(word_spans(&text, Accept::Ascii, &mut spans), Some(true));
            let spans: Vec<(usize, usize)> =
                spans[1..].iter().map(|&(a, b)| (a as usize, b as usize)).collect();
            let mut general = Vec::new();
            scan_word_runs_any(&text, 1, |a, b| general.push((a, b)));
            proptest::prop_assert_eq!(spans, general);
        }

        #[test]
        fn block_spans_equal_the_general_scan_on_any_text(
            text in "([a-zA-Z0-9_éÉßΣσ\u{0301}\u{0660}\u{4e00}\u{1F600}]{0,40}[ ,.\u{2014}\u{201C}\u{00A0}]{0,3}){0,8}",
            min_chars in 1usize..4,
        ) {
            let mut runs = Vec::new();
            proptest::prop_assert!(word_spans(&text, Accept::Any, &mut runs).is_some());
            let view = WordSpans { doc: &text, spans: &runs, lower: false, ascii: false, min_chars };
            let spans: Vec<(usize, usize)> = view
                .spans
                .iter()
                .map(|&(a, b)| (a as usize, b as usize))
                .filter(|&(a, b)| view.keeps(a, b))
                .collect();
            let mut general = Vec::new();
            scan_word_runs_any(&text, min_chars, |a, b| general.push((a, b)));
            proptest::prop_assert_eq!(spans, general);
        }

        #[test]
        fn block_bits_match_byte_by_byte(bytes in proptest::collection::vec(proptest::num::u8::ANY, 64)) {
            let block = <&[u8; 64]>::try_from(&bytes[..]).unwrap();
            let (mut word, mut high) = (0u64, 0u64);
            for (i, &b) in bytes.iter().enumerate() {
                word |= u64::from(b < 128 && ASCII_WORD[usize::from(b)]) << i;
                high |= u64::from(b >= 128) << i;
            }
            proptest::prop_assert_eq!(portable::ascii_word_bits(block), word);
            proptest::prop_assert_eq!(portable::non_ascii_bits(block), high);
            // The masks the scanner uses (with SSE2 on x86-64).
            proptest::prop_assert_eq!(block_masks(block), (word, high));
        }

        #[test]
        fn block_spans_with_characters_across_block_ends(
            // Word and non-word characters of 2, 3 and 4 bytes.
            c in proptest::sample::select(vec![
                'é', '\u{a0}', 'σ', '\u{2014}', '\u{4e00}', '\u{201c}', '\u{1F600}', '\u{10400}',
            ]),
            edge in proptest::sample::select(vec![64usize, 128]),
            back in 0usize..4,
            fill in "[a-z_ .]{128}",
            tail in "[a-zé_ ,\u{2014}\u{10400}]{0,70}",
        ) {
            // `c` starts at the block end `edge` or crosses it (starts fewer bytes before it
            // than its length).
            let start = edge - back % c.len_utf8();
            let text = format!("{}{c}{tail}", &fill[..start]);
            let mut spans = Vec::new();
            proptest::prop_assert!(word_spans(&text, Accept::Any, &mut spans).is_some());
            let spans: Vec<(usize, usize)> =
                spans.iter().map(|&(a, b)| (a as usize, b as usize)).collect();
            let mut general = Vec::new();
            scan_word_runs_any(&text, 1, |a, b| general.push((a, b)));
            proptest::prop_assert_eq!(spans, general);
            proptest::prop_assert!(word_spans(&text, Accept::Ascii, &mut Vec::new()).is_none());
        }

        #[test]
        fn ascii_lowercase_eight_at_a_time(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            // Any bytes: only A-Z change (UTF-8 bytes of non-ASCII characters never do).
            let lower = ascii_lower8(u64::from_le_bytes(bytes)).to_le_bytes();
            proptest::prop_assert_eq!(lower, bytes.map(|b| b.to_ascii_lowercase()));
        }

        #[test]
        fn continuation_bytes_counted_by_byte_sums(bytes in proptest::array::uniform16(proptest::num::u8::ANY)) {
            // Any sixteen bytes (all sixteen continuation bytes included): each byte 0b10xx_xxxx
            // counts once, in eight and in sixteen.
            let expected = |b: &[u8]| b.iter().filter(|&&c| c & 0xC0 == 0x80).count();
            let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
            proptest::prop_assert_eq!(continuation_bytes(word(0)), expected(&bytes[..8]));
            proptest::prop_assert_eq!(continuation_bytes16(word(0), word(8)), expected(&bytes));
        }

        #[test]
        fn words_of_the_original_text_equal_words_of_the_preprocessed_text(
            // Characters that lowercasing keeps (curly quotes, dashes, lowercase accented
            // letters, CJK, a combining mark) and some it changes (accented and Greek capitals,
            // capital sigma, dotted I, the Kelvin sign), around ASCII words, across 64 bytes.
            text in "([a-zA-Z0-9_]{0,12}[ ,.\u{2019}\u{201C}\u{2014}\u{A0}éßσ\u{4e00}\u{301}]{0,2}){0,12}([ÉΣ\u{130}\u{212A}]?)([a-zA-Zé ]{0,20})",
            lowercase in proptest::bool::ANY,
            strip in proptest::sample::select(vec![StripAccents::None, StripAccents::Unicode]),
        ) {
            let a = TextAnalyzer::new(&TextOptions {
                lowercase,
                strip_accents: strip,
                ..TextOptions::default()
            })
            .unwrap();
            let mut want = Vec::new();
            a.for_each_word(&text, &mut Scratch::default(), |doc, s, e| want.push(doc[s..e].to_string()));
            let mut scratch = Scratch::default();
            let found = a.word_spans(&text, &mut scratch).unwrap();
            if found.ascii {
                proptest::prop_assert!(found.doc.is_ascii());
            }
            let got: Vec<String> = found
                .spans
                .iter()
                .map(|&(s, e)| (s as usize, e as usize))
                .filter(|&(s, e)| found.keeps(s, e))
                .map(|(s, e)| {
                    let w = &found.doc[s..e];
                    if found.lower { w.to_ascii_lowercase() } else { w.to_string() }
                })
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn block_spans_of_exact_blocks() {
        // A run ending exactly at a block's end, one crossing it, one ending the text.
        let text = format!("{} {}{}", "a".repeat(63), "b".repeat(70), "c".repeat(58));
        let mut spans = Vec::new();
        assert_eq!(word_spans(&text, Accept::Ascii, &mut spans), Some(true));
        assert_eq!(spans, [(0, 63), (64, 192)]);
        let text = "x".repeat(128);
        spans.clear();
        assert_eq!(word_spans(&text, Accept::Ascii, &mut spans), Some(true));
        assert_eq!(spans, [(0, 128)]);
        spans.clear();
        assert_eq!(word_spans("", Accept::Ascii, &mut spans), Some(true));
        assert!(spans.is_empty());
        // Finds nothing in a non-ASCII text when asked to.
        let text = format!("{} é", "a".repeat(70));
        spans.clear();
        assert!(word_spans(&text, Accept::Ascii, &mut spans).is_none());
        assert!(spans.is_empty());
        spans.clear();
        assert_eq!(word_spans(&text, Accept::Any, &mut spans), Some(false));
        assert_eq!(spans, [(0, 70), (71, 73)]);
    }

    #[test]
    fn general_punctuation_has_no_word_characters() {
        // `unicode_word_bits` relies on it for characters E2 80 xx.
        for c in '\u{2000}'..='\u{203F}' {
            assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes()[..2], [0xE2, 0x80]);
            assert!(!is_python_word_char(c), "{c:?}");
        }
        assert_eq!('\u{2040}'.encode_utf8(&mut [0; 4]).as_bytes()[1], 0x81);
    }

    #[test]
    fn ascii_word_flag_matches_the_table() {
        for b in 0..=u8::MAX {
            let want = b < 128 && ASCII_WORD[usize::from(b)];
            assert_eq!(portable::ascii_word_flag(b), u8::from(want), "byte {b:#x}");
        }
    }

    #[test]
    fn ascii_word_bits_match_the_table() {
        for b in 0u8..128 {
            let mut block = [b' '; 64];
            block[24] = b;
            let m = portable::ascii_word_bits(&block);
            assert_eq!(m == 1 << 24, ASCII_WORD[usize::from(b)], "byte {b:#x}");
            assert_eq!(m & !(1 << 24), 0, "byte {b:#x}");
            assert_eq!(block_masks(&block), (m, 0), "byte {b:#x}");
        }
    }

    #[test]
    fn default_pattern_is_runs_of_two_word_chars() {
        // Expected values from scikit-learn 1.5.2: CountVectorizer().build_analyzer()(text).
        let o = TextOptions::default();
        assert_eq!(
            features(&o, "A cat's 2 dogs_x, naïve café e\u{301}t\u{e9} x1 ß!"),
            ["cat", "dogs_x", "naïve", "café", "té", "x1"]
        );
    }

    #[test]
    fn lowercase_matches_str_to_lowercase() {
        for text in ["ÀB ÉTÉ", "ΟΔΟΣ ΣΑ", "İstanbul ǅ", "abc", "ＡＢ Ⅻ"] {
            let mut out = String::from("junk");
            lowercase_into(text, &mut out);
            assert_eq!(out, text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn python_word_chars_exclude_combining_marks() {
        assert!(is_python_word_char('é'));
        assert!(is_python_word_char('_'));
        assert!(is_python_word_char('٣'));
        assert!(is_python_word_char('²'));
        assert!(!is_python_word_char('\u{301}'));
        assert!(!is_python_word_char('-'));
        assert!(is_python_space('\u{1f}'));
        assert!(is_python_space('\u{a0}'));
        assert!(!is_python_space('\u{200b}'));
    }

    #[test]
    fn token_patterns_parse() {
        assert_eq!(
            TokenPattern::parse(r"(?u)\b\w\w+\b").unwrap(),
            TokenPattern::WordRun { min_chars: 2 }
        );
        assert_eq!(
            TokenPattern::parse(r"\b\w{3,}\b").unwrap(),
            TokenPattern::WordRun { min_chars: 3 }
        );
        assert_eq!(TokenPattern::parse(r"\S+").unwrap(), TokenPattern::NonSpace);
        assert!(TokenPattern::parse(r"[a-z]+").is_err());
    }

    #[test]
    fn ngrams_and_stop_words() {
        // scikit-learn 1.5.2: CountVectorizer(ngram_range=(1, 2), stop_words="english").
        let o = TextOptions {
            ngram_range: (1, 2),
            stop_words: StopWords::English,
            ..TextOptions::default()
        };
        assert_eq!(
            features(&o, "The quick fox and the lazy dog"),
            [
                "quick",
                "fox",
                "lazy",
                "dog",
                "quick fox",
                "fox lazy",
                "lazy dog"
            ]
        );
    }

    #[test]
    fn char_wb_pads_words() {
        let o = TextOptions {
            analyzer: AnalyzerKind::CharWb,
            ngram_range: (2, 3),
            ..TextOptions::default()
        };
        // Values from scikit-learn 1.5.2:
        // CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)).build_analyzer()("ab  c")
        assert_eq!(
            features(&o, "ab  c"),
            [" a", "ab", "b ", " ab", "ab ", " c", "c ", " c "]
        );
    }

    #[test]
    fn char_collapses_whitespace_runs_only() {
        let o = TextOptions {
            analyzer: AnalyzerKind::Char,
            ngram_range: (1, 2),
            ..TextOptions::default()
        };
        // scikit-learn 1.5.2: CountVectorizer(analyzer="char", ngram_range=(1, 2))
        //   .build_analyzer()("A\tb  c")
        assert_eq!(
            features(&o, "A\tb  c"),
            ["a", "\t", "b", " ", "c", "a\t", "\tb", "b ", " c"]
        );
    }

    #[test]
    fn strip_accents_follow_sklearn() {
        // scikit-learn 1.5.2: CountVectorizer(strip_accents=...).build_analyzer()(text).
        let mut o = TextOptions {
            strip_accents: StripAccents::Unicode,
            ..TextOptions::default()
        };
        assert_eq!(features(&o, "Crème ﬁne Œuvre"), ["creme", "fine", "œuvre"]);
        o.strip_accents = StripAccents::Ascii;
        assert_eq!(features(&o, "Crème ﬁne Œuvre"), ["creme", "fine", "uvre"]);
    }
}
