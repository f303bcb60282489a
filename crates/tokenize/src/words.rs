//! Word tokenization: UAX #29 word boundaries, refined so that what a reader sees as one token
//! is one token.
//!
//! The rules, in order:
//!
//! 1. **Whitespace separates** and is never part of a token (every `White_Space` character,
//!    plus U+200B ZERO WIDTH SPACE and U+FEFF BYTE ORDER MARK).
//! 2. Inside each whitespace-free chunk, **URLs** (`https://…`, `www.…`), **e-mail
//!    addresses**, **@mentions** and **#hashtags** are found first and kept whole. Trailing
//!    sentence punctuation and unbalanced closing brackets are not part of a URL.
//! 3. The rest is cut at **UAX #29 word boundaries** (unicode-segmentation), which already keep
//!    together "3.14", "1,000", contractions ("can't", "I've", "rock'n'roll"), "e.g", emoji
//!    sequences (ZWJ families, flags, skin tones, keycaps) and words with combining marks.
//! 4. Refinements merge segments:
//!    - a **dotted abbreviation** takes its final period: "U.S." "e.g." "Ph.D." "z.B." (groups
//!      of one or two letters joined by periods). A single word before a period ("Mr.",
//!      "etc.") keeps the period separate: whether it ends a sentence is the sentence
//!      splitter's call;
//!    - **hyphenated words** are one word: "e-mail", "pay-per-view", "COVID-19", "U.S.-based"
//!      (a hyphen between two letter-or-digit segments). Between two numbers it makes one
//!      number: scores "21-0", ranges "1990-1995", phone numbers "817-515-4741".
//!      [`WordOptions::split_hyphens`] turns this off;
//!    - **numbers joined by `:` or `/`** are one number: times "10:30", "6:30pm", verses
//!      "3:16", dates and fractions "12/25/2016", "1/2";
//!    - **elisions** of French, Italian and Catalan are split after the apostrophe:
//!      "l'homme" → "l'" "homme", "qu'il" → "qu'" "il", "dell'anno" → "dell'" "anno" (a short
//!      list of elided articles, pronouns and prepositions; "rock'n'roll" and "o'clock" are
//!      not elisions);
//!    - **runs of periods or hyphens** are one punctuation token: the ellipsis "..." and the
//!      typewriter dash "--";
//!    - **underscores at the edges of a word** are split off as punctuation ("_Hamlet_" →
//!      "_" "Hamlet" "_": italics markup in Gutenberg texts and Markdown); inner underscores
//!      stay ("snake_case");
//!    - a dotted word ending in a well-known top-level domain ("example.com", "bbc.co.uk") is a
//!      URL.
//!
//! Deliberate choices: **English contractions stay one token** ("can't", "I've", "John's"; the
//! English stopword list contains them in this form, and the Snowball stemmer removes "'s"),
//! and so do other apostrophes inside words ("o'clock");
//! a trailing apostrophe is punctuation ("dogs'" → "dogs" "'"). **Currency and percent signs
//! are separate symbol tokens** ("$70" → "$" symbol + "70" number; "84%" → "84" number + "%"
//! symbol), so the number is usable as a number. A token starting with a digit is a number
//! ("2nd", "1990s").
//!
//! Speed: the text is scanned once, byte by byte, by a fast path that implements the UAX #29
//! rules for exactly the characters it accepts — ASCII, Latin-1 and the common typographic
//! quotes and dashes. A whitespace-free chunk with any other character, or with a possible URL,
//! e-mail address, mention or hashtag, is redone by the general path (full unicode-segmentation
//! tables), so the result is always the general path's: property tests compare the two on
//! random text, and a test compares them on real books. About 200 MB/s on one core for English
//! prose (`examples/words_speed.rs`).
//!
//! ```
//! use gist_core::TokenKind;
//! use gist_tokenize::WordTokenizer;
//!
//! let text = "The U.S. e-mail cost $70 (84%)! See https://example.com/a?b=c, @gist #nlp 👍🏽";
//! let tokens = WordTokenizer::default().tokenize(text);
//! let got: Vec<(&str, TokenKind)> = tokens.iter().map(|t| (&text[t.span()], t.kind)).collect();
//! assert_eq!(got, [
//!     ("The", TokenKind::Word),
//!     ("U.S.", TokenKind::Word),
//!     ("e-mail", TokenKind::Word),
//!     ("cost", TokenKind::Word),
//!     ("$", TokenKind::Symbol),
//!     ("70", TokenKind::Number),
//!     ("(", TokenKind::Punctuation),
//!     ("84", TokenKind::Number),
//!     ("%", TokenKind::Symbol),
//!     (")", TokenKind::Punctuation),
//!     ("!", TokenKind::Punctuation),
//!     ("See", TokenKind::Word),
//!     ("https://example.com/a?b=c", TokenKind::Url),
//!     (",", TokenKind::Punctuation),
//!     ("@gist", TokenKind::Mention),
//!     ("#nlp", TokenKind::Hashtag),
//!     ("👍🏽", TokenKind::Emoji),
//! ]);
//! ```

mod classify;
mod scan;
mod special;

use crate::normalize;
use gist_core::{Analyzer, Document, Error, ErrorKind, Language, StrRef, Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Options of a [`WordTokenizer`]. `Default`: hyphenated words kept whole, norms lowercased,
/// no accent folding, no NFKC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct WordOptions {
    /// Split hyphenated words ("e-mail" → "e" "-" "mail"). Default `false`.
    pub split_hyphens: bool,
    /// Lowercase norms, with the document language's rules (Turkish dotless i). Default `true`.
    pub lowercase: bool,
    /// Remove accents from norms ("café" → "cafe"). Default `false`.
    pub fold_accents: bool,
    /// Apply Unicode NFKC to norms ("ﬁ" → "fi", fullwidth → ASCII). Default `false`.
    pub nfkc: bool,
}

impl Default for WordOptions {
    fn default() -> WordOptions {
        WordOptions {
            split_hyphens: false,
            lowercase: true,
            fold_accents: false,
            nfkc: false,
        }
    }
}

/// Splits text into word, number, punctuation, symbol, emoji, URL, e-mail, mention and hashtag
/// tokens (see the [module docs](self) for the rules).
///
/// [`tokenize`](WordTokenizer::tokenize) returns spans and kinds only (the fast path for
/// counting and benchmarks); as an [`Analyzer`] it also sets every token's norm, stored in the
/// document's arena only when it differs from the original text.
///
/// ```
/// use gist_core::{Analyzer, Document};
/// use gist_tokenize::WordTokenizer;
///
/// let mut doc = Document::new("d", "Can’t STOP the Café!");
/// WordTokenizer::default().analyze(&mut doc)?;
/// let norms: Vec<&str> = doc.tokens().iter().map(|t| doc.norm(t)).collect();
/// assert_eq!(norms, ["can't", "stop", "the", "café", "!"]);
/// # Ok::<(), gist_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordTokenizer {
    options: WordOptions,
}

impl WordTokenizer {
    /// A tokenizer with `options`.
    pub fn new(options: WordOptions) -> WordTokenizer {
        WordTokenizer { options }
    }

    /// The options.
    pub fn options(&self) -> &WordOptions {
        &self.options
    }

    /// The tokens of `text`, in order, with spans and kinds (norms unset). Never panics.
    ///
    /// Spans are `u32` byte offsets: of a text longer than 4 GiB only the first 4 GiB are
    /// tokenized (the [`Analyzer`] implementation reports an error instead).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        // English prose has about one token per 4.8 bytes: reserve a little more than that so the
        // vector is not reallocated (untouched capacity costs no memory pages), up to 16M tokens
        // (700 MB); beyond that the vector grows as needed.
        let mut out = Vec::with_capacity((text.len() / 4 + 16).min(1 << 24));
        self.tokenize_into(text, &mut out);
        out
    }

    /// Appends the tokens of `text` to `out` (reusing its allocation).
    pub fn tokenize_into(&self, text: &str, out: &mut Vec<Token>) {
        let config = scan::Config {
            split_hyphens: self.options.split_hyphens,
            force_unicode: false,
        };
        scan::tokenize_into(text, config, out);
    }

    /// The norm of a token's `text` of `kind` in `language`, by the options: NFKC, then
    /// lowercase, then accent folding, then ASCII apostrophes. URLs and e-mail addresses keep
    /// their original form; punctuation, symbols and emoji are only NFKC-normalized. Borrowed
    /// when unchanged.
    pub fn normalize<'a>(
        &self,
        text: &'a str,
        kind: TokenKind,
        language: Language,
    ) -> Cow<'a, str> {
        let o = &self.options;
        if matches!(kind, TokenKind::Url | TokenKind::Email) {
            return Cow::Borrowed(text);
        }
        let mut s = Cow::Borrowed(text);
        if o.nfkc {
            s = normalize::then(s, normalize::nfkc);
        }
        if !kind.is_lexical() && kind != TokenKind::Other {
            return s;
        }
        if o.lowercase {
            s = normalize::then(s, |x| normalize::lowercase_for(x, language));
        }
        if o.fold_accents {
            s = normalize::then(s, normalize::fold_accents);
        }
        let s = normalize::then(s, normalize::apostrophes);
        // A token that normalizes to nothing (a lone combining accent, folded away) keeps its
        // original text, so no norm is ever empty.
        if s.is_empty() { Cow::Borrowed(text) } else { s }
    }

    /// The norm the [`Analyzer`] implementation gives a token of `kind` whose text is
    /// `original`, in a document in `language` (by the options; see
    /// [`normalize`](WordTokenizer::normalize), which it equals except that ASCII text outside
    /// Turkish takes the ASCII shortcut: only lowercasing applies to it). Borrowed when
    /// unchanged. For callers that analyze words without a [`Document`], e.g. with a cache of
    /// per-word results.
    ///
    /// ```
    /// use gist_core::{Language, TokenKind};
    /// use gist_tokenize::WordTokenizer;
    /// let t = WordTokenizer::default();
    /// assert_eq!(t.token_norm("Can’t", TokenKind::Word, Language::English), "can't");
    /// assert_eq!(t.token_norm("HTTP://X.IO", TokenKind::Url, Language::English), "HTTP://X.IO");
    /// assert_eq!(t.token_norm("ISPARTA", TokenKind::Word, Language::Turkish), "ısparta");
    /// ```
    pub fn token_norm<'a>(
        &self,
        original: &'a str,
        kind: TokenKind,
        language: Language,
    ) -> Cow<'a, str> {
        if language != Language::Turkish && original.is_ascii() {
            let lexical = kind.is_lexical() || kind == TokenKind::Other;
            if lexical && self.options.lowercase && original.bytes().any(|b| b.is_ascii_uppercase())
            {
                Cow::Owned(original.to_ascii_lowercase())
            } else {
                Cow::Borrowed(original)
            }
        } else {
            self.normalize(original, kind, language)
        }
    }

    /// Tokenizes with the fast path disabled (reference for tests).
    #[cfg(test)]
    pub(crate) fn tokenize_reference(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let config = scan::Config {
            split_hyphens: self.options.split_hyphens,
            force_unicode: true,
        };
        scan::tokenize_into(text, config, &mut out);
        out
    }
}

/// The error for a document of `len` bytes, if that is more than spans can address.
fn too_long(id: &str, len: usize) -> Option<Error> {
    u32::try_from(len).is_err().then(|| {
        Error::new(
            ErrorKind::TextTooLong,
            format!("document {id:?} has {len} bytes; word tokenization handles at most 4 GiB (u32 offsets)"),
        )
    })
}

impl Analyzer for WordTokenizer {
    /// Replaces the document's tokens with the tokens of its text, norms set. Fails with
    /// [`ErrorKind::TextTooLong`] for a text over 4 GiB.
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        if let Some(err) = too_long(doc.id(), doc.text().len()) {
            return Err(err);
        }
        let tokens = self.tokenize(doc.text());
        let language = doc.language;
        doc.set_tokens(tokens)?;
        let t = doc.tokens_mut();
        // ASCII text is its own NFKC, accent-free, apostrophe-normal form: only lowercasing can
        // change it, and (outside Turkish) by ASCII rules. Such tokens skip the general path
        // and reuse one buffer.
        let ascii_rules = language != Language::Turkish;
        let mut buf = String::new();
        for token in t.tokens.iter_mut() {
            let span = token.span();
            let original = &t.text[span];
            token.norm = if ascii_rules && original.is_ascii() {
                let lexical = token.kind.is_lexical() || token.kind == TokenKind::Other;
                if lexical
                    && self.options.lowercase
                    && original.bytes().any(|b| b.is_ascii_uppercase())
                {
                    buf.clear();
                    buf.push_str(original);
                    buf.make_ascii_lowercase();
                    t.strings.intern(&buf)
                } else {
                    StrRef::source(span)
                }
            } else {
                match self.normalize(original, token.kind, language) {
                    Cow::Borrowed(_) => StrRef::source(span),
                    Cow::Owned(n) => t.strings.derive(t.text, span, &n),
                }
            };
        }
        Ok(())
    }

    fn name(&self) -> &str {
        "words"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        WordTokenizer::default()
            .tokenize(text)
            .iter()
            .map(|t| (&text[t.span()], t.kind))
            .collect()
    }

    use proptest::prelude::*;

    /// Text over the fast path's alphabet (ASCII, Latin-1, quotes, dashes), plus characters
    /// that force the general path (Extend, Format, ZWJ, MidLetter, other scripts) and the
    /// starts of special tokens.
    fn fast_alphabet_text() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'a', 'b', 'W', 'w', 'z', '0', '7', '_', '.', '\'', ',', ';', ':', '-', '!', '(', ')',
            '/', '@', '#', '$', '%', '&', '"', ' ', '\n', '\t', 'é', 'ß', 'ª', 'µ', '×', '¿', '«',
            '©', '²', '½', '‘', '’', '“', '—', '‐', '…', '€', '™', '‰', '\u{a0}', '\u{ad}', '·',
            '\u{301}', '\u{200d}', '\u{fe0f}', '\u{2024}', '\u{2027}', '\u{2044}', 'Σ', 'ä', '日',
            '👍', '\u{200b}', '\u{85}', '\u{0}',
        ]);
        prop::collection::vec(chars, 0..48).prop_map(|v| v.into_iter().collect())
    }

    fn words_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "www.", "http", "://", "e.g", "U.S", ".com", "can't", "3.14", "1,000", "co-op",
            "x@y.io", "#tag", "@me", "a", "1", ".", "-", " ", "'",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn fast_path_agrees_with_full_tables(text in fast_alphabet_text()) {
            for split_hyphens in [false, true] {
                let t = WordTokenizer::new(WordOptions { split_hyphens, ..WordOptions::default() });
                prop_assert_eq!(t.tokenize(&text), t.tokenize_reference(&text));
            }
        }

        #[test]
        fn token_norm_is_the_analyzers_norm(text in fast_alphabet_text(), turkish in any::<bool>()) {
            let language = if turkish { Language::Turkish } else { Language::English };
            let t = WordTokenizer::default();
            let mut doc = Document::new("d", text.as_str()).with_language(language);
            t.analyze(&mut doc).unwrap();
            for token in doc.tokens() {
                let expected = doc.norm(token);
                let got = t.token_norm(doc.token_text(token), token.kind, language);
                prop_assert_eq!(&*got, expected);
            }
        }

        #[test]
        fn fast_path_agrees_on_word_pieces(text in words_text()) {
            let t = WordTokenizer::default();
            prop_assert_eq!(t.tokenize(&text), t.tokenize_reference(&text));
        }
    }

    #[test]
    fn fast_path_agrees_on_real_books() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/corpus/gutenberg_en"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            return; // data not present
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let t = WordTokenizer::default();
        for path in paths.iter().take(3) {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            assert_eq!(
                t.tokenize(&text),
                t.tokenize_reference(&text),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn texts_over_4_gib_are_an_error() {
        assert!(too_long("a", u32::MAX as usize).is_none());
        let err = too_long("big.txt", u32::MAX as usize + 1).unwrap();
        assert_eq!(err.kind(), ErrorKind::TextTooLong);
        assert_eq!(
            err.to_string(),
            "document \"big.txt\" has 4294967296 bytes; word tokenization handles at most 4 GiB (u32 offsets)"
        );
    }

    #[test]
    fn fast_path_is_used_and_agrees_on_prose() {
        let text = "It's 3.14, isn't it? “Yes,” said Zoë—twice… 1,000 café_au_lait a:b ’tis";
        let t = WordTokenizer::default();
        assert_eq!(t.tokenize(text), t.tokenize_reference(text));
        assert_eq!(toks("a:b"), [("a:b", TokenKind::Word)]);
    }
}
