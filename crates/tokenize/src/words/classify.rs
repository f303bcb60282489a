//! Character classes: what separates tokens, what kind a segment is, and which characters the
//! fast path may handle without consulting the UAX #29 tables.

use gist_core::TokenKind;

/// True for characters that separate tokens and are never part of one: every `White_Space`
/// character, plus ZERO WIDTH SPACE (U+200B) and the byte-order mark / ZERO WIDTH NO-BREAK
/// SPACE (U+FEFF), which are invisible separators in practice.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// A character's class for the fast path: the UAX #29 word-break property restricted to the
/// characters the fast path accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fast {
    /// ALetter (ASCII and Latin-1 letters).
    Letter,
    /// Numeric (ASCII digits).
    Digit,
    /// ExtendNumLet (`_`).
    Underscore,
    /// MidNumLet or Single_Quote (`.` `'` `‘` `’`): joins letters to letters and digits to digits.
    MidNumLet,
    /// MidLetter (`:`): joins letters to letters.
    MidLetter,
    /// MidNum (`,` `;`): joins digits to digits.
    MidNum,
    /// Word-break property Other: always a segment of its own.
    Single,
}

/// Fast classes of the ASCII characters (separators are handled before this table is read).
pub(crate) static ASCII_FAST: [Fast; 128] = {
    let mut t = [Fast::Single; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            Fast::Letter
        } else if b.is_ascii_digit() {
            Fast::Digit
        } else {
            match b {
                b'_' => Fast::Underscore,
                b'.' | b'\'' => Fast::MidNumLet,
                b':' => Fast::MidLetter,
                b',' | b';' => Fast::MidNum,
                _ => Fast::Single,
            }
        };
        c += 1;
    }
    t
};

/// The fast class of a non-ASCII character, or `None` if only the full UAX #29 segmenter
/// handles it. Every character accepted here has a word-break property the fast path models
/// exactly: ALetter (Latin-1 letters, ª, µ, º), MidNumLet (‘ ’) or Other (the rest). None is
/// Extend, Format or ZWJ, whose "ignore me" rule (WB4) the fast path does not implement.
#[inline]
pub(crate) fn fast_nonascii(c: char) -> Option<Fast> {
    let u = c as u32;
    match u {
        0xAA | 0xB5 | 0xBA => Some(Fast::Letter),
        0xAD | 0xB7 => None, // soft hyphen (Format), middle dot (MidLetter)
        0xA1..=0xBF | 0xD7 | 0xF7 => Some(Fast::Single),
        0xC0..=0xFF => Some(Fast::Letter),
        0x2018 | 0x2019 => Some(Fast::MidNumLet),
        0x2010..=0x2017 | 0x201A..=0x2023 | 0x2025 | 0x2026 | 0x2030..=0x203A => Some(Fast::Single),
        0x20AC | 0x2122 => Some(Fast::Single),
        _ => None,
    }
}

/// The kind of a UAX #29 segment (or of a fast-path run): emoji sequences first, then by its
/// first alphanumeric character (a digit makes a number: "2nd", "1990s"), else by its first
/// character (punctuation, symbol, other).
pub(crate) fn segment_kind(s: &str) -> TokenKind {
    let Some(first) = s.chars().next() else {
        return TokenKind::Other;
    };
    if first.is_ascii() {
        // ASCII segments: a run of letters/digits/`_`, or a single character.
        let mut alnum = s.bytes().filter(u8::is_ascii_alphanumeric);
        return match alnum.next() {
            Some(b) if b.is_ascii_digit() && s.is_ascii() => TokenKind::Number,
            Some(_) if s.is_ascii() => TokenKind::Word,
            _ if s.len() == 1 => ascii_kind(first as u8),
            _ => unicode_segment_kind(first, s),
        };
    }
    unicode_segment_kind(first, s)
}

fn unicode_segment_kind(first: char, s: &str) -> TokenKind {
    if is_emoji_start(first)
        || s.contains('\u{20E3}')
        || (s.contains('\u{FE0F}') && !first.is_alphanumeric())
    {
        return TokenKind::Emoji;
    }
    match s.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_numeric() => TokenKind::Number,
        Some(_) => TokenKind::Word,
        None => char_kind(first),
    }
}

/// Kind of a single ASCII character that is not a letter or digit: Unicode's general category
/// (P* punctuation, S* symbol), except that `%` is a symbol as in "84%".
#[inline]
fn ascii_kind(b: u8) -> TokenKind {
    match b {
        b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' | b'%' => TokenKind::Symbol,
        b'!'..=b'/' | b':'..=b'@' | b'['..=b'_' | b'{'..=b'~' => TokenKind::Punctuation,
        b'0'..=b'9' => TokenKind::Number,
        b'a'..=b'z' | b'A'..=b'Z' => TokenKind::Word,
        _ => TokenKind::Other,
    }
}

/// Kind of a single non-alphanumeric character.
fn char_kind(c: char) -> TokenKind {
    if c.is_ascii() {
        return ascii_kind(c as u8);
    }
    let u = c as u32;
    // Fullwidth forms of ASCII punctuation and symbols behave like their ASCII originals.
    if (0xFF01..=0xFF5E).contains(&u) {
        return char::from_u32(u - 0xFEE0).map_or(TokenKind::Other, char_kind);
    }
    let i = RANGES.partition_point(|&(_, hi, _)| hi < u);
    match RANGES.get(i) {
        Some(&(lo, _, k)) if lo <= u => match k {
            P => TokenKind::Punctuation,
            S => TokenKind::Symbol,
        },
        _ => TokenKind::Other,
    }
}

#[derive(Clone, Copy)]
enum K {
    P,
    S,
}
use K::{P, S};

/// Non-ASCII punctuation (P) and symbols (S) by code point range, sorted, non-overlapping.
/// Alphanumeric characters never reach this table; combining marks and format characters are
/// not in it (they are "other").
static RANGES: &[(u32, u32, K)] = &[
    (0x00A1, 0x00A1, P),
    (0x00A2, 0x00A6, S),
    (0x00A7, 0x00A7, P),
    (0x00A8, 0x00A9, S),
    (0x00AB, 0x00AB, P),
    (0x00AC, 0x00AC, S),
    (0x00AE, 0x00B1, S),
    (0x00B4, 0x00B4, S),
    (0x00B6, 0x00B7, P),
    (0x00B8, 0x00B8, S),
    (0x00BB, 0x00BB, P),
    (0x00BF, 0x00BF, P),
    (0x00D7, 0x00D7, S),
    (0x00F7, 0x00F7, S),
    (0x02C2, 0x02C5, S),
    (0x02D2, 0x02DF, S),
    (0x02E5, 0x02EB, S),
    (0x02ED, 0x02ED, S),
    (0x02EF, 0x02FF, S),
    (0x037E, 0x037E, P),
    (0x0384, 0x0385, S),
    (0x0387, 0x0387, P),
    (0x03F6, 0x03F6, S),
    (0x0482, 0x0482, S),
    (0x055A, 0x055F, P),
    (0x0589, 0x058A, P),
    (0x058D, 0x058F, S),
    (0x05BE, 0x05BE, P),
    (0x05C0, 0x05C0, P),
    (0x05C3, 0x05C3, P),
    (0x05C6, 0x05C6, P),
    (0x05F3, 0x05F4, P),
    (0x0606, 0x0608, S),
    (0x0609, 0x060A, P),
    (0x060B, 0x060B, S),
    (0x060C, 0x060D, P),
    (0x060E, 0x060F, S),
    (0x061B, 0x061B, P),
    (0x061D, 0x061F, P),
    (0x066A, 0x066D, P),
    (0x06D4, 0x06D4, P),
    (0x06DE, 0x06DE, S),
    (0x06E9, 0x06E9, S),
    (0x06FD, 0x06FE, S),
    (0x0700, 0x070D, P),
    (0x07F6, 0x07F6, S),
    (0x07F7, 0x07F9, P),
    (0x0830, 0x083E, P),
    (0x085E, 0x085E, P),
    (0x0964, 0x0965, P),
    (0x0970, 0x0970, P),
    (0x09F2, 0x09F3, S),
    (0x09FA, 0x09FB, S),
    (0x09FD, 0x09FD, P),
    (0x0A76, 0x0A76, P),
    (0x0AF0, 0x0AF0, P),
    (0x0AF1, 0x0AF1, S),
    (0x0B70, 0x0B70, S),
    (0x0BF3, 0x0BFA, S),
    (0x0C77, 0x0C77, P),
    (0x0C7F, 0x0C7F, S),
    (0x0C84, 0x0C84, P),
    (0x0D4F, 0x0D4F, S),
    (0x0D79, 0x0D79, S),
    (0x0DF4, 0x0DF4, P),
    (0x0E3F, 0x0E3F, S),
    (0x0E4F, 0x0E4F, P),
    (0x0E5A, 0x0E5B, P),
    (0x0F01, 0x0F03, S),
    (0x0F04, 0x0F12, P),
    (0x0F13, 0x0F13, S),
    (0x0F14, 0x0F14, P),
    (0x0F15, 0x0F17, S),
    (0x0F1A, 0x0F1F, S),
    (0x0F3A, 0x0F3D, P),
    (0x0F85, 0x0F85, P),
    (0x0FD0, 0x0FD4, P),
    (0x0FD9, 0x0FDA, P),
    (0x104A, 0x104F, P),
    (0x10FB, 0x10FB, P),
    (0x1360, 0x1368, P),
    (0x1390, 0x1399, S),
    (0x1400, 0x1400, P),
    (0x166D, 0x166D, S),
    (0x166E, 0x166E, P),
    (0x169B, 0x169C, P),
    (0x16EB, 0x16ED, P),
    (0x1735, 0x1736, P),
    (0x17D4, 0x17D6, P),
    (0x17D8, 0x17DA, P),
    (0x17DB, 0x17DB, S),
    (0x1800, 0x180A, P),
    (0x1944, 0x1945, P),
    (0x19DE, 0x19FF, S),
    (0x1A1E, 0x1A1F, P),
    (0x1AA0, 0x1AA6, P),
    (0x1AA8, 0x1AAD, P),
    (0x1B5A, 0x1B60, P),
    (0x1B61, 0x1B6A, S),
    (0x1B74, 0x1B7C, S),
    (0x1BFC, 0x1BFF, P),
    (0x1C3B, 0x1C3F, P),
    (0x1C7E, 0x1C7F, P),
    (0x1CC0, 0x1CC7, P),
    (0x1CD3, 0x1CD3, P),
    (0x1FBD, 0x1FBD, S),
    (0x1FBF, 0x1FC1, S),
    (0x1FCD, 0x1FCF, S),
    (0x1FDD, 0x1FDF, S),
    (0x1FED, 0x1FEF, S),
    (0x1FFD, 0x1FFE, S),
    (0x2010, 0x2027, P),
    (0x2030, 0x2031, S), // per mille, per ten thousand: like %
    (0x2032, 0x2043, P),
    (0x2044, 0x2044, S),
    (0x2045, 0x2051, P),
    (0x2052, 0x2052, S),
    (0x2053, 0x205E, P),
    (0x207A, 0x207C, S),
    (0x207D, 0x207E, P),
    (0x208A, 0x208C, S),
    (0x208D, 0x208E, P),
    (0x20A0, 0x20CF, S),
    (0x2100, 0x214F, S),
    (0x218A, 0x218B, S),
    (0x2190, 0x2307, S),
    (0x2308, 0x230B, P),
    (0x230C, 0x2328, S),
    (0x2329, 0x232A, P),
    (0x232B, 0x2426, S),
    (0x2440, 0x244A, S),
    (0x249C, 0x24E9, S),
    (0x2500, 0x2767, S),
    (0x2768, 0x2775, P),
    (0x2794, 0x27C4, S),
    (0x27C5, 0x27C6, P),
    (0x27C7, 0x27E5, S),
    (0x27E6, 0x27EF, P),
    (0x27F0, 0x2982, S),
    (0x2983, 0x2998, P),
    (0x2999, 0x29D7, S),
    (0x29D8, 0x29DB, P),
    (0x29DC, 0x29FB, S),
    (0x29FC, 0x29FD, P),
    (0x29FE, 0x2B73, S),
    (0x2B76, 0x2B95, S),
    (0x2B97, 0x2BFF, S),
    (0x2CE5, 0x2CEA, S),
    (0x2CF9, 0x2CFC, P),
    (0x2CFE, 0x2CFF, P),
    (0x2D70, 0x2D70, P),
    (0x2E00, 0x2E2E, P),
    (0x2E30, 0x2E4F, P),
    (0x2E50, 0x2E51, S),
    (0x2E52, 0x2E5D, P),
    (0x2E80, 0x2FFF, S),
    (0x3001, 0x3003, P),
    (0x3004, 0x3004, S),
    (0x3008, 0x3011, P),
    (0x3012, 0x3013, S),
    (0x3014, 0x301F, P),
    (0x3020, 0x3020, S),
    (0x3030, 0x3030, P),
    (0x3036, 0x3037, S),
    (0x303D, 0x303D, P),
    (0x303E, 0x303F, S),
    (0x309B, 0x309C, S),
    (0x30A0, 0x30A0, P),
    (0x30FB, 0x30FB, P),
    (0x3190, 0x3191, S),
    (0x3196, 0x319F, S),
    (0x31C0, 0x31E5, S),
    (0x31EF, 0x31EF, S),
    (0x3200, 0x321E, S),
    (0x322A, 0x3247, S),
    (0x3250, 0x3250, S),
    (0x3260, 0x327F, S),
    (0x328A, 0x32B0, S),
    (0x32C0, 0x33FF, S),
    (0x4DC0, 0x4DFF, S),
    (0xA490, 0xA4C6, S),
    (0xA4FE, 0xA4FF, P),
    (0xA60D, 0xA60F, P),
    (0xA673, 0xA673, P),
    (0xA67E, 0xA67E, P),
    (0xA6F2, 0xA6F7, P),
    (0xA700, 0xA716, S),
    (0xA720, 0xA721, S),
    (0xA789, 0xA78A, S),
    (0xA828, 0xA82B, S),
    (0xA836, 0xA839, S),
    (0xA874, 0xA877, P),
    (0xA8CE, 0xA8CF, P),
    (0xA8F8, 0xA8FA, P),
    (0xA8FC, 0xA8FC, P),
    (0xA92E, 0xA92F, P),
    (0xA95F, 0xA95F, P),
    (0xA9C1, 0xA9CD, P),
    (0xA9DE, 0xA9DF, P),
    (0xAA5C, 0xAA5F, P),
    (0xAA77, 0xAA79, S),
    (0xAADE, 0xAADF, P),
    (0xAAF0, 0xAAF1, P),
    (0xAB5B, 0xAB5B, S),
    (0xAB6A, 0xAB6B, S),
    (0xABEB, 0xABEB, P),
    (0xFB29, 0xFB29, S),
    (0xFBB2, 0xFBC2, S),
    (0xFD3E, 0xFD3F, P),
    (0xFD40, 0xFD4F, S),
    (0xFDCF, 0xFDCF, S),
    (0xFDFC, 0xFDFF, S),
    (0xFE10, 0xFE19, P),
    (0xFE30, 0xFE52, P),
    (0xFE54, 0xFE61, P),
    (0xFE62, 0xFE66, S),
    (0xFE68, 0xFE68, P),
    (0xFE69, 0xFE69, S),
    (0xFE6A, 0xFE6B, P),
    (0xFF5F, 0xFF65, P),
    (0xFFE0, 0xFFEE, S),
    (0xFFFC, 0xFFFD, S),
    (0x1D000, 0x1D0F5, S),
    (0x1D100, 0x1D126, S),
    (0x1D129, 0x1D164, S),
    (0x1D16A, 0x1D16C, S),
    (0x1D183, 0x1D184, S),
    (0x1D18C, 0x1D1A9, S),
    (0x1D1AE, 0x1D1EA, S),
    (0x1D200, 0x1D241, S),
    (0x1D245, 0x1D245, S),
    (0x1D300, 0x1D356, S),
    (0x1EEF0, 0x1EEF1, S),
    (0x1F000, 0x1FBFF, S),
];

/// True when `c` starts an emoji: a pictograph from the supplementary emoji blocks, a regional
/// indicator (flags), or a BMP character whose default presentation is emoji.
pub(crate) fn is_emoji_start(c: char) -> bool {
    matches!(
        c as u32,
        0x1F000..=0x1FAFF
        | 0x231A..=0x231B
        | 0x23E9..=0x23EC
        | 0x23F0
        | 0x23F3
        | 0x25FD..=0x25FE
        | 0x2614..=0x2615
        | 0x2648..=0x2653
        | 0x267F
        | 0x2693
        | 0x26A1
        | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5
        | 0x26CE
        | 0x26D4
        | 0x26EA
        | 0x26F2..=0x26F3
        | 0x26F5
        | 0x26FA
        | 0x26FD
        | 0x2705
        | 0x270A..=0x270B
        | 0x2728
        | 0x274C
        | 0x274E
        | 0x2753..=0x2755
        | 0x2757
        | 0x2795..=0x2797
        | 0x27B0
        | 0x27BF
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        for w in RANGES.windows(2) {
            assert!(
                w[0].0 <= w[0].1 && w[0].1 < w[1].0,
                "{:X?}",
                (w[0].0, w[1].0)
            );
        }
    }

    #[test]
    fn kinds_of_single_characters() {
        let cases = [
            (".", TokenKind::Punctuation),
            ("%", TokenKind::Symbol),
            ("$", TokenKind::Symbol),
            ("€", TokenKind::Symbol),
            ("£", TokenKind::Symbol),
            ("—", TokenKind::Punctuation),
            ("«", TokenKind::Punctuation),
            ("©", TokenKind::Symbol),
            ("、", TokenKind::Punctuation),
            ("！", TokenKind::Punctuation),
            ("＄", TokenKind::Symbol),
            ("²", TokenKind::Number),
            ("\u{301}", TokenKind::Other),
            ("\u{0}", TokenKind::Other),
            ("☕", TokenKind::Emoji),
            ("★", TokenKind::Symbol),
            ("❤\u{FE0F}", TokenKind::Emoji),
            ("1\u{FE0F}\u{20E3}", TokenKind::Emoji),
            ("_", TokenKind::Punctuation),
        ];
        for (s, k) in cases {
            assert_eq!(segment_kind(s), k, "{s:?}");
        }
    }

    #[test]
    fn ascii_table_matches_rules() {
        assert_eq!(ASCII_FAST[b'a' as usize], Fast::Letter);
        assert_eq!(ASCII_FAST[b'7' as usize], Fast::Digit);
        assert_eq!(ASCII_FAST[b'\'' as usize], Fast::MidNumLet);
        assert_eq!(ASCII_FAST[b';' as usize], Fast::MidNum);
        assert_eq!(ASCII_FAST[b'-' as usize], Fast::Single);
    }
}
