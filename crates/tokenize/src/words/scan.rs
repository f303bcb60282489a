//! The scanner: whitespace-free chunks, special tokens, UAX #29 segments (fast path or full
//! tables), and the refinements that merge segments into the tokens users expect.

use super::classify::{self, ASCII_FAST, Fast};
use super::special;
use gist_core::{Span, Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

const WS: u8 = 1;
const AT: u8 = 2;
const HASH: u8 = 4;
const COLON: u8 = 8;
const DOT: u8 = 16;

/// Per-ASCII-byte flags: whitespace, and the characters that may start a special token.
static ASCII_FLAGS: [u8; 128] = {
    let mut t = [0u8; 128];
    t[b'\t' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[0x0B] = WS;
    t[0x0C] = WS;
    t[b'\r' as usize] = WS;
    t[b' ' as usize] = WS;
    t[b'@' as usize] = AT;
    t[b'#' as usize] = HASH;
    t[b':' as usize] = COLON;
    t[b'.' as usize] = DOT;
    t
};

/// How the scanner runs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Config {
    /// Keep "e-mail" as three tokens.
    pub split_hyphens: bool,
    /// Never take the fast path (for testing that it agrees with the full tables).
    pub force_unicode: bool,
}

/// Appends the tokens of `text` to `out`. Only the first 4 GiB of `text` (cut at a char
/// boundary) are read, so every offset fits a `Span`.
pub(crate) fn tokenize_into(text: &str, config: Config, out: &mut Vec<Token>) {
    let mut cut = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let mut e = Emitter { text, out, config };
    if config.force_unicode {
        e.chunked(0, text.len());
    } else {
        e.single_pass();
    }
}

/// Byte codes of the single pass.
const SINGLE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 3;
const MID_NUM_LET: u8 = 4;
const MID_LETTER: u8 = 5;
const MID_NUM: u8 = 6;
const SPACE: u8 = 7;
const TRIGGER: u8 = 8;
const NON_ASCII: u8 = 9;

static BYTE: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = match ASCII_FAST[c] {
            Fast::Letter => LETTER,
            Fast::Digit => DIGIT,
            Fast::Underscore => UNDERSCORE,
            Fast::MidNumLet => MID_NUM_LET,
            Fast::MidLetter => MID_LETTER,
            Fast::MidNum => MID_NUM,
            Fast::Single => SINGLE,
        };
        if ASCII_FLAGS[c] & WS != 0 {
            t[c] = SPACE;
        }
        if ASCII_FLAGS[c] & (AT | HASH) != 0 {
            t[c] = TRIGGER;
        }
        c += 1;
    }
    t
};

fn fast_code(f: Fast) -> u8 {
    match f {
        Fast::Letter => LETTER,
        Fast::Digit => DIGIT,
        Fast::Underscore => UNDERSCORE,
        Fast::MidNumLet => MID_NUM_LET,
        Fast::MidLetter => MID_LETTER,
        Fast::MidNum => MID_NUM,
        Fast::Single => SINGLE,
    }
}

/// How many of the eight bytes of `w` (little-endian: the first byte is the lowest) are ASCII
/// letters, digits or `_` before the first one that is not — the classes LETTER, DIGIT and
/// UNDERSCORE of [`BYTE`] — computed on all eight at once.
#[inline]
fn word_bytes(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let high = w & HIGH; // non-ASCII bytes: never in the set
    let x = w & !HIGH;
    // For bytes below 0x80, `x + (0x80 - lo)` has its high bit set iff `x >= lo`, and
    // `x + (0x7F - hi)` iff `x > hi`; no sum carries into the next byte.
    let in_range = |x: u64, lo: u8, hi: u8| {
        (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7F - hi)) & HIGH
    };
    let alpha = in_range(x | (ONES * 0x20), b'a', b'z');
    let digit = in_range(x, b'0', b'9');
    // Zero bytes of `x ^ '_'` are underscores: adding 0x7F sets the high bit of the others.
    let underscore = !((x ^ (ONES * u64::from(b'_'))) + ONES * 0x7F) & HIGH;
    let set = (alpha | digit | underscore) & !high;
    ((!set & HIGH).trailing_zeros() / 8) as usize
}

/// What the single pass found at a position.
enum Step {
    /// Continue at this byte.
    At(usize),
    /// The chunk needs the general path (special token or a character outside the fast set).
    Fallback,
}

struct Emitter<'a> {
    text: &'a str,
    out: &'a mut Vec<Token>,
    config: Config,
}

impl Emitter<'_> {
    /// The general path: split `text[start..end]` into whitespace-free chunks and process each.
    fn chunked(&mut self, start: usize, end: usize) {
        let text = self.text;
        let b = text.as_bytes();
        let mut i = start;
        while i < end {
            // Skip separators.
            let c = b[i];
            if c < 0x80 {
                if ASCII_FLAGS[c as usize] & WS != 0 {
                    i += 1;
                    continue;
                }
            } else {
                let Some(ch) = text[i..].chars().next() else {
                    break;
                };
                if classify::is_separator(ch) {
                    i += ch.len_utf8();
                    continue;
                }
            }
            // A chunk: everything up to the next separator.
            let chunk_start = i;
            let mut fast = !self.config.force_unicode;
            let mut flags = 0u8;
            while i < end {
                let c = b[i];
                if c < 0x80 {
                    let f = ASCII_FLAGS[c as usize];
                    if f & WS != 0 {
                        break;
                    }
                    flags |= f;
                    i += 1;
                } else {
                    let Some(ch) = text[i..].chars().next() else {
                        break;
                    };
                    if classify::is_separator(ch) {
                        break;
                    }
                    fast &= classify::fast_nonascii(ch).is_some();
                    i += ch.len_utf8();
                }
            }
            self.chunk(chunk_start, i, fast, flags);
        }
    }

    /// The fast path over the whole text: one pass over the bytes that segments as it goes.
    /// When a chunk turns out to need more (a possible URL, e-mail, mention or hashtag, or a
    /// character outside the fast set), its tokens so far are dropped and the chunk is redone
    /// by [`chunk`](Self::chunk), so the result is always that of the general path.
    fn single_pass(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        let mut chunk_start = 0;
        let mut chunk_tokens = self.out.len();
        let mut at_chunk_start = true;
        while i < n {
            let c = b[i];
            let mut code = BYTE[c as usize];
            let mut len = 1;
            if code == SPACE {
                at_chunk_start = true;
                i += 1;
                continue;
            }
            if code == NON_ASCII {
                let Some(ch) = text[i..].chars().next() else {
                    break;
                };
                len = ch.len_utf8();
                if classify::is_separator(ch) {
                    at_chunk_start = true;
                    i += len;
                    continue;
                }
                code = classify::fast_nonascii(ch).map_or(TRIGGER, fast_code);
            }
            if at_chunk_start {
                chunk_start = i;
                chunk_tokens = self.out.len();
                at_chunk_start = false;
            }
            let step = match code {
                LETTER | DIGIT | UNDERSCORE => {
                    if c | 0x20 == b'w'
                        && b.get(i + 1..i + 4)
                            .is_some_and(|w| w.eq_ignore_ascii_case(b"ww."))
                    {
                        Step::Fallback
                    } else {
                        self.run(i, code, len)
                    }
                }
                TRIGGER => Step::Fallback,
                _ => {
                    if c == b':' && b.get(i + 1..i + 3) == Some(b"//".as_slice()) {
                        Step::Fallback
                    } else {
                        let kind = if len == 1 {
                            classify::segment_kind(&text[i..i + 1])
                        } else {
                            classify::segment_kind(&text[i..i + len])
                        };
                        self.push_single(i, i + len, kind);
                        Step::At(i + len)
                    }
                }
            };
            match step {
                Step::At(j) => i = j,
                Step::Fallback => {
                    let end = chunk_end(text, i);
                    self.out.truncate(chunk_tokens);
                    self.chunked(chunk_start, end);
                    i = end;
                    at_chunk_start = true;
                }
            }
        }
    }

    /// A run of letters, digits and `_` starting at `i` (first character of `code`, `len`
    /// bytes) joined by mid characters per UAX #29: pushes it and returns where it ends.
    #[inline]
    fn run(&mut self, i: usize, code: u8, len: usize) -> Step {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut j = i + len;
        let mut last = code;
        let mut first = code;
        // Whether the run has an inner period or apostrophe (refinements look at those).
        let mut dot = false;
        while j < n {
            // The common case first: more ASCII letters, digits or underscores.
            let mut cj = BYTE[b[j] as usize];
            if (LETTER..=UNDERSCORE).contains(&cj) && first != UNDERSCORE {
                let mut k = j + 1;
                // Eight bytes at a time while they last, then one at a time.
                while let Some(w) = b.get(k..k + 8) {
                    let m = word_bytes(u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
                    k += m;
                    if m < 8 {
                        break;
                    }
                }
                while k < n && (LETTER..=UNDERSCORE).contains(&BYTE[b[k] as usize]) {
                    k += 1;
                }
                last = BYTE[b[k - 1] as usize];
                j = k;
                if j >= n {
                    break;
                }
                cj = BYTE[b[j] as usize];
            }
            let mut lj = 1;
            if cj == NON_ASCII {
                let Some(ch) = text[j..].chars().next() else {
                    break;
                };
                if classify::is_separator(ch) {
                    break;
                }
                match classify::fast_nonascii(ch) {
                    Some(f) => {
                        cj = fast_code(f);
                        lj = ch.len_utf8();
                    }
                    None => return Step::Fallback,
                }
            }
            match cj {
                LETTER | DIGIT | UNDERSCORE => {
                    if first == UNDERSCORE {
                        first = cj;
                    }
                    last = cj;
                    j += lj;
                }
                MID_NUM_LET | MID_LETTER | MID_NUM => {
                    let k = j + lj;
                    if k >= n {
                        break;
                    }
                    let (cn, ln) = match BYTE[b[k] as usize] {
                        NON_ASCII => match text[k..].chars().next() {
                            Some(ch) => match classify::fast_nonascii(ch) {
                                Some(f) => (fast_code(f), ch.len_utf8()),
                                // Not ours to decide: the next character may be Extend or
                                // Format, which UAX #29 skips over.
                                None if !classify::is_separator(ch) => return Step::Fallback,
                                None => (SPACE, ch.len_utf8()),
                            },
                            None => break,
                        },
                        x => (x, 1),
                    };
                    let joins = (last == LETTER && cn == LETTER && cj != MID_NUM)
                        || (last == DIGIT && cn == DIGIT && cj != MID_LETTER);
                    if !joins {
                        break;
                    }
                    // Any MidNumLet: a period or an apostrophe (' ‘ ’).
                    dot |= cj == MID_NUM_LET;
                    last = cn;
                    j = k + ln;
                }
                _ => break,
            }
        }
        let kind = match first {
            DIGIT => TokenKind::Number,
            LETTER => TokenKind::Word,
            _ => TokenKind::Punctuation,
        };
        self.push_run(i, j, kind, dot);
        Step::At(j)
    }

    /// Pushes a run from the single pass (`dot`: it contains a period).
    #[inline]
    fn push_run(&mut self, a: usize, z: usize, kind: TokenKind, dot: bool) {
        let b = self.text.as_bytes();
        let after_hyphen = a > 0
            && (b[a - 1] == b'-'
                || (kind == TokenKind::Number && matches!(b[a - 1], b':' | b'/'))
                || (a >= 3
                    && b[a - 3] == 0xE2
                    && b[a - 2] == 0x80
                    && matches!(b[a - 1], 0x90 | 0x91)));
        if dot || after_hyphen || b[a] == b'_' || b[z - 1] == b'_' {
            self.push(a, z, kind);
        } else {
            self.out.push(token(a, z, kind));
        }
    }

    /// Pushes a single-character segment from the single pass.
    #[inline]
    fn push_single(&mut self, a: usize, z: usize, kind: TokenKind) {
        if (kind == TokenKind::Punctuation && matches!(self.text.as_bytes()[a], b'.' | b'-'))
            || matches!(kind, TokenKind::Word | TokenKind::Number)
        {
            self.push(a, z, kind);
        } else {
            self.out.push(token(a, z, kind));
        }
    }

    fn chunk(&mut self, start: usize, end: usize, fast: bool, flags: u8) {
        let maybe_special = flags & (AT | HASH) != 0
            || (flags & COLON != 0 && self.text[start..end].contains("://"))
            || (flags & DOT != 0 && has_www(&self.text.as_bytes()[start..end]));
        if !maybe_special {
            self.plain(start, end, fast);
            return;
        }
        let mut cursor = start;
        while let Some((a, z, kind)) = special::next(self.text, cursor, cursor, end) {
            if a > cursor {
                self.plain(cursor, a, fast);
            }
            self.out.push(token(a, z, kind));
            cursor = z;
        }
        if cursor < end {
            self.plain(cursor, end, fast);
        }
    }

    /// Segments `text[start..end]` (no separators, no special tokens) and pushes its tokens.
    fn plain(&mut self, start: usize, end: usize, fast: bool) {
        if fast {
            self.fast(start, end);
        } else {
            let text = self.text;
            for (off, seg) in text[start..end].split_word_bound_indices() {
                let a = start + off;
                self.push(a, a + seg.len(), classify::segment_kind(seg));
            }
        }
    }

    /// The fast path: UAX #29 word boundaries for chunks made only of characters
    /// [`classify::fast_nonascii`] accepts (ASCII, Latin-1, common quotes and dashes).
    ///
    /// Within a chunk, UAX #29 keeps together runs of letters, digits and `_` (WB5, WB8-WB10,
    /// WB13a/b), letters joined by one MidLetter/MidNumLet (WB6/WB7: "can't", "e.g"), digits
    /// joined by one MidNum/MidNumLet (WB11/WB12: "3.14", "1,000"), and breaks everywhere
    /// else (WB999). That is exactly what this loop does.
    fn fast(&mut self, start: usize, end: usize) {
        let text = self.text;
        let b = text.as_bytes();
        let class_at = |i: usize| -> (Fast, usize) {
            let c = b[i];
            if c < 0x80 {
                (ASCII_FAST[c as usize], 1)
            } else {
                match text[i..].chars().next() {
                    Some(ch) => (
                        classify::fast_nonascii(ch).unwrap_or(Fast::Single),
                        ch.len_utf8(),
                    ),
                    None => (Fast::Single, 1),
                }
            }
        };
        let mut i = start;
        while i < end {
            let (c, len) = class_at(i);
            match c {
                Fast::Letter | Fast::Digit | Fast::Underscore => {
                    let mut j = i + len;
                    let mut last = c;
                    let mut first = c;
                    while j < end {
                        let (cj, lj) = class_at(j);
                        match cj {
                            Fast::Letter | Fast::Digit | Fast::Underscore => {
                                if first == Fast::Underscore {
                                    first = cj;
                                }
                                last = cj;
                                j += lj;
                            }
                            Fast::MidNumLet | Fast::MidLetter | Fast::MidNum if j + lj < end => {
                                let (cn, ln) = class_at(j + lj);
                                let joins = (last == Fast::Letter
                                    && cn == Fast::Letter
                                    && cj != Fast::MidNum)
                                    || (last == Fast::Digit
                                        && cn == Fast::Digit
                                        && cj != Fast::MidLetter);
                                if !joins {
                                    break;
                                }
                                last = cn;
                                j += lj + ln;
                            }
                            _ => break,
                        }
                    }
                    let kind = match first {
                        Fast::Digit => TokenKind::Number,
                        Fast::Letter => TokenKind::Word,
                        _ => TokenKind::Punctuation,
                    };
                    self.push(i, j, kind);
                    i = j;
                }
                _ => {
                    self.push(i, i + len, classify::segment_kind(&text[i..i + len]));
                    i += len;
                }
            }
        }
    }

    /// Pushes one segment, merging it with the previous tokens where a refinement applies:
    /// the final period of a dotted abbreviation ("U.S" + "." = "U.S."), and hyphenated
    /// compounds ("pay" "-" "per" "-" "view") unless hyphens are split. A dotted word that is
    /// a domain name ("example.com") becomes a URL.
    #[inline]
    fn push(&mut self, a: usize, z: usize, kind: TokenKind) {
        let text = self.text;
        match kind {
            TokenKind::Punctuation if z - a == 1 && matches!(text.as_bytes()[a], b'.' | b'-') => {
                let c = text.as_bytes()[a];
                if let Some(last) = self.out.last_mut()
                    && last.span().end as usize == a
                {
                    let prev = &text[last.span()];
                    // "U.S" + "." = "U.S."
                    let abbreviation =
                        c == b'.' && last.kind == TokenKind::Word && is_dotted_abbreviation(prev);
                    // "." + "." = "..", "-" + "-" = "--" (ellipsis, dash)
                    let run = last.kind == TokenKind::Punctuation && prev.bytes().all(|p| p == c);
                    if abbreviation || run {
                        *last = Token::new(Span::new(last.span().start, z as u32), last.kind);
                        return;
                    }
                }
            }
            TokenKind::Word | TokenKind::Number => {
                let b = text.as_bytes();
                if b[a] == b'_' || b[z - 1] == b'_' {
                    self.push_underscored(a, z);
                    return;
                }
                if kind == TokenKind::Word
                    && let Some(k) = elision_end(&text[a..z])
                {
                    self.push(a, a + k, TokenKind::Word);
                    self.push(a + k, z, classify::segment_kind(&text[a + k..z]));
                    return;
                }
                if kind == TokenKind::Word && special::is_domain(&text[a..z]) {
                    self.out.push(token(a, z, TokenKind::Url));
                    return;
                }
                if let [.., x, h] = self.out.as_slice()
                    && h.kind == TokenKind::Punctuation
                    && h.span().end as usize == a
                    && h.span().start == x.span().end
                    && matches!(x.kind, TokenKind::Word | TokenKind::Number)
                {
                    let sep = &text[h.span()];
                    let both_numbers = x.kind == TokenKind::Number && kind == TokenKind::Number;
                    let merged = if is_hyphen(sep) && !self.config.split_hyphens {
                        // "e-mail", "COVID-19"; "21-0", "817-515-4741" are numbers.
                        Some(if both_numbers {
                            TokenKind::Number
                        } else {
                            TokenKind::Word
                        })
                    } else if both_numbers && matches!(sep, ":" | "/") {
                        // "10:30", "3:16", "24/7", "12/25/2016".
                        Some(TokenKind::Number)
                    } else {
                        None
                    };
                    if let Some(merged) = merged {
                        let start = x.span().start;
                        let n = self.out.len();
                        self.out.truncate(n - 2);
                        self.out
                            .push(Token::new(Span::new(start, z as u32), merged));
                        return;
                    }
                }
            }
            _ => {}
        }
        self.out.push(token(a, z, kind));
    }
}

impl Emitter<'_> {
    /// A word with underscores at its edges, which UAX #29 joins to it (WB13a/b) but which in
    /// prose are markup ("_Hamlet_" is italics in Project Gutenberg texts and Markdown): each
    /// edge underscore becomes a punctuation token and the inside a word or number of its own.
    /// Inner underscores ("snake_case") stay.
    fn push_underscored(&mut self, a: usize, z: usize) {
        let text = self.text;
        let s = &text[a..z];
        let inner = s.trim_matches('_');
        let ia = a + (s.len() - s.trim_start_matches('_').len());
        let iz = ia + inner.len();
        for k in a..ia {
            self.out.push(token(k, k + 1, TokenKind::Punctuation));
        }
        if ia < iz {
            self.push(ia, iz, classify::segment_kind(inner));
        }
        for k in iz..z {
            self.out.push(token(k, k + 1, TokenKind::Punctuation));
        }
    }
}

#[inline]
fn token(a: usize, z: usize, kind: TokenKind) -> Token {
    // Offsets fit: the text was cut to at most u32::MAX bytes.
    Token::new(Span::new(a as u32, z as u32), kind)
}

/// Elided articles, pronouns and prepositions of French, Italian and Catalan, lowercase,
/// sorted: "l'homme", "qu'il", "dell'anno", "d'un" are split after the apostrophe.
const ELISIONS: &[&str] = &[
    "all", "anch", "c", "coll", "d", "dall", "dell", "j", "jusqu", "l", "lorsqu", "m", "n", "nell",
    "puisqu", "qu", "quell", "quelqu", "quest", "quoiqu", "s", "sull", "t", "un",
];

/// Where the word after an elision starts ("l'" in "l'homme": 2), if `word` starts with one
/// of [`ELISIONS`] and an apostrophe (' or ’) followed by a letter.
fn elision_end(word: &str) -> Option<usize> {
    let p = word.find(['\'', '\u{2019}'])?;
    let prefix = &word[..p];
    if prefix.len() > 6 || !prefix.is_ascii() {
        return None;
    }
    let mut lower = [0u8; 6];
    for (l, c) in lower.iter_mut().zip(prefix.bytes()) {
        *l = c.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..prefix.len()]).ok()?;
    ELISIONS.binary_search(&lower).ok()?;
    let apostrophe = if word[p..].starts_with('\'') { 1 } else { 3 };
    let rest = &word[p + apostrophe..];
    // English clitics after a word that happens to be on the list ("All's well") stay.
    let clitic = ["s", "t", "d", "m", "ll", "re", "ve"]
        .iter()
        .any(|c| rest.eq_ignore_ascii_case(c));
    (!clitic && rest.chars().next().is_some_and(char::is_alphabetic)).then_some(p + apostrophe)
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// "U.S", "e.g", "Ph.D", "z.B", "т.е": letters in groups of one or two, joined by single dots.
pub(crate) fn is_dotted_abbreviation(s: &str) -> bool {
    if !s.contains('.') {
        return false;
    }
    s.split('.').all(|g| {
        let mut n = 0;
        for c in g.chars() {
            if !c.is_alphabetic() {
                return false;
            }
            n += 1;
        }
        (1..=2).contains(&n)
    })
}

/// The end of the chunk containing byte `i`: the next separator or the end of the text.
fn chunk_end(text: &str, i: usize) -> usize {
    text[i..]
        .char_indices()
        .find(|&(_, c)| classify::is_separator(c))
        .map_or(text.len(), |(k, _)| i + k)
}

fn has_www(b: &[u8]) -> bool {
    b.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_bytes_matches_the_byte_classes() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        let alphabet: Vec<u8> = (0..=255u8).collect();
        for round in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Mostly word bytes, with every byte value appearing.
            let mut bytes = [0u8; 8];
            for (i, b) in bytes.iter_mut().enumerate() {
                let r = (seed >> (8 * i)) as u8;
                *b = if r.is_multiple_of(4) || round % 7 == 0 {
                    alphabet[r as usize]
                } else {
                    b"aZ09_mQx"[r as usize % 8]
                };
            }
            let expected = bytes
                .iter()
                .take_while(|&&c| (LETTER..=UNDERSCORE).contains(&BYTE[c as usize]))
                .count();
            assert_eq!(word_bytes(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
        }
        // Each byte value alone, followed by spaces.
        for c in 0..=255u8 {
            let expected = usize::from(matches!(BYTE[c as usize], LETTER | DIGIT | UNDERSCORE));
            let w = u64::from_le_bytes([c, b' ', b' ', b' ', b' ', b' ', b' ', b' ']);
            assert_eq!(word_bytes(w), expected, "{c}");
        }
    }

    use super::*;

    #[test]
    fn elisions() {
        assert!(ELISIONS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(elision_end("l'homme"), Some(2));
        assert_eq!(elision_end("L’Oréal"), Some(4));
        assert_eq!(elision_end("jusqu'à"), Some(6));
        assert_eq!(elision_end("can't"), None);
        assert_eq!(elision_end("l'"), None);
        assert_eq!(elision_end("d'1"), None);
        assert_eq!(elision_end("rock'n'roll"), None);
        assert_eq!(elision_end("All's"), None);
        assert_eq!(elision_end("l'a"), Some(2));
    }

    #[test]
    fn dotted_abbreviations() {
        assert!(is_dotted_abbreviation("U.S"));
        assert!(is_dotted_abbreviation("Ph.D"));
        assert!(!is_dotted_abbreviation("U.S."));
        assert!(!is_dotted_abbreviation("etc"));
        assert!(!is_dotted_abbreviation("www.bbc"));
        assert!(!is_dotted_abbreviation("3.14"));
    }
}
