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
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
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
        let start = i;
        let mut fast = !config.force_unicode;
        let mut flags = 0u8;
        while i < n {
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
        e.chunk(start, i, fast, flags);
    }
}

struct Emitter<'a> {
    text: &'a str,
    out: &'a mut Vec<Token>,
    config: Config,
}

impl Emitter<'_> {
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
            TokenKind::Punctuation if z - a == 1 && text.as_bytes()[a] == b'.' => {
                if let Some(last) = self.out.last_mut()
                    && last.kind == TokenKind::Word
                    && last.span().end as usize == a
                    && is_dotted_abbreviation(&text[last.span()])
                {
                    *last = Token::new(Span::new(last.span().start, z as u32), TokenKind::Word);
                    return;
                }
            }
            TokenKind::Word | TokenKind::Number => {
                if kind == TokenKind::Word && special::is_domain(&text[a..z]) {
                    self.out.push(token(a, z, TokenKind::Url));
                    return;
                }
                if !self.config.split_hyphens
                    && let [.., x, h] = self.out.as_slice()
                    && h.kind == TokenKind::Punctuation
                    && h.span().end as usize == a
                    && h.span().start == x.span().end
                    && matches!(x.kind, TokenKind::Word | TokenKind::Number)
                    && (x.kind == TokenKind::Word || kind == TokenKind::Word)
                    && is_hyphen(&text[h.span()])
                {
                    let start = x.span().start;
                    let n = self.out.len();
                    self.out.truncate(n - 2);
                    self.out
                        .push(Token::new(Span::new(start, z as u32), TokenKind::Word));
                    return;
                }
            }
            _ => {}
        }
        self.out.push(token(a, z, kind));
    }
}

#[inline]
fn token(a: usize, z: usize, kind: TokenKind) -> Token {
    // Offsets fit: the text was cut to at most u32::MAX bytes.
    Token::new(Span::new(a as u32, z as u32), kind)
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

fn has_www(b: &[u8]) -> bool {
    b.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}
