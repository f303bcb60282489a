//! Normalization of token text: Unicode-correct lowercasing, accent folding, NFKC, apostrophes.
//!
//! Every function returns [`Cow::Borrowed`] when its input is already normal — the common case
//! for lowercase ASCII words — so callers can point a token's norm back into the source text
//! instead of allocating.
//!
//! ```
//! use gist_core::Language;
//! use gist_tokenize::normalize::{fold_accents, lowercase, lowercase_for, nfkc};
//!
//! assert_eq!(lowercase("ΟΔΥΣΣΕΥΣ"), "οδυσσευς"); // final sigma
//! assert_eq!(lowercase("STRAẞE"), "straße"); // ß stays ß
//! assert_eq!(lowercase_for("DİYARBAKIR", Language::Turkish), "diyarbakır");
//! assert_eq!(fold_accents("Crème brûlée"), "Creme brulee");
//! assert_eq!(nfkc("ﬁve ①"), "five 1");
//! ```

use gist_core::Language;
use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Lowercases `s` with Unicode's default (language-independent) rules, including the Greek
/// final sigma ("ΟΔΟΣ" → "οδος"). German ß is already lowercase and stays ß; capital ẞ becomes
/// ß. Borrowed when `s` has no uppercase letter.
pub fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(s.to_ascii_lowercase());
        }
        return Cow::Borrowed(s);
    }
    let lower = s.to_lowercase();
    if lower == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(lower)
    }
}

/// Lowercases `s` for `language`. Turkish (and Azerbaijani, written the same way) distinguishes
/// dotted and dotless i: "I" → "ı", "İ" → "i". Every other language uses [`lowercase`].
pub fn lowercase_for(s: &str, language: Language) -> Cow<'_, str> {
    if language != Language::Turkish || !s.contains(['I', 'İ']) {
        return lowercase(s);
    }
    let mut mapped = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'İ' => mapped.push('i'),
            // "I" followed by a combining dot above is a decomposed "İ".
            'I' if chars.peek() == Some(&'\u{307}') => {
                chars.next();
                mapped.push('i');
            }
            'I' => mapped.push('ı'),
            _ => mapped.push(c),
        }
    }
    Cow::Owned(mapped.to_lowercase())
}

/// True for the combining marks accent folding removes: the Combining Diacritical Marks blocks
/// (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF). Vowel signs of Indic and other scripts,
/// which are marks too but not accents, are kept.
fn is_accent(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF)
}

/// Letters with a stroke or bar, which have no canonical decomposition, folded to their base.
fn fold_stroke(c: char) -> Option<char> {
    Some(match c {
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'đ' => 'd',
        'Đ' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ŧ' => 't',
        'Ŧ' => 'T',
        _ => return None,
    })
}

/// Removes accents: "café" → "cafe", "Ångström" → "Angstrom", "ł" → "l", "ά" → "α". Letters
/// whose canonical decomposition carries a diacritic lose it; other letters (ß, æ, œ, Hangul,
/// Devanagari vowel signs) are untouched. Case is preserved. Borrowed when nothing changes.
pub fn fold_accents(s: &str) -> Cow<'_, str> {
    let needs =
        |c: char| !c.is_ascii() && (is_accent(c) || fold_stroke(c).is_some() || has_accent(c));
    let Some(first) = s.char_indices().find(|&(_, c)| needs(c)).map(|(i, _)| i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_accent(c) {
            // A lone combining accent (decomposed input): dropped.
        } else if let Some(base) = fold_stroke(c) {
            out.push(base);
        } else if has_accent(c) {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_accent(d) {
                    out.push(d);
                }
            });
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True when `c` canonically decomposes into something with an accent.
fn has_accent(c: char) -> bool {
    let mut found = false;
    unicode_normalization::char::decompose_canonical(c, |d| found |= is_accent(d));
    found
}

/// Unicode compatibility normalization (NFKC): "ﬁ" → "fi", "①" → "1", fullwidth "ＡＢＣ" →
/// "ABC", and canonical composition of decomposed accents. Borrowed when already NFKC.
pub fn nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    let n: String = s.nfkc().collect();
    if n == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(n)
    }
}

/// Typographic apostrophes (’ U+2019, ʼ U+02BC) become ASCII `'`, so "can’t" and "can't" are
/// one term (and match the stopword lists). Borrowed when there is none.
pub fn apostrophes(s: &str) -> Cow<'_, str> {
    if s.contains(['\u{2019}', '\u{2BC}']) {
        Cow::Owned(s.replace(['\u{2019}', '\u{2BC}'], "'"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Applies `f` to a `Cow`, keeping it borrowed from the original when `f` changes nothing.
pub(crate) fn then<'a>(s: Cow<'a, str>, f: impl FnOnce(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match s {
        Cow::Borrowed(b) => f(b),
        Cow::Owned(o) => {
            let changed = match f(&o) {
                Cow::Borrowed(_) => None,
                Cow::Owned(n) => Some(n),
            };
            Cow::Owned(changed.unwrap_or(o))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_cases() {
        assert!(matches!(lowercase("plain"), Cow::Borrowed(_)));
        assert!(matches!(lowercase("straße"), Cow::Borrowed(_)));
        assert_eq!(lowercase("Hello"), "hello");
        assert_eq!(lowercase("ΣΟΦΟΣ"), "σοφος");
        assert_eq!(lowercase("Σ"), "σ");
        assert_eq!(lowercase("ÉTÉ"), "été");
        assert_eq!(lowercase("İstanbul"), "i\u{307}stanbul");
        assert_eq!(lowercase_for("İstanbul", Language::Turkish), "istanbul");
        assert_eq!(lowercase_for("ISPARTA", Language::Turkish), "ısparta");
        assert_eq!(lowercase_for("I\u{307}zmir", Language::Turkish), "izmir");
        assert_eq!(lowercase_for("ISPARTA", Language::English), "isparta");
    }

    #[test]
    fn fold_cases() {
        assert!(matches!(fold_accents("naive"), Cow::Borrowed(_)));
        assert!(matches!(fold_accents("straße"), Cow::Borrowed(_)));
        assert!(matches!(fold_accents("हिन्दी"), Cow::Borrowed(_)));
        assert!(matches!(fold_accents("한국어"), Cow::Borrowed(_)));
        assert_eq!(fold_accents("naïve café"), "naive cafe");
        assert_eq!(fold_accents("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold_accents("Łódź"), "Lodz");
        assert_eq!(fold_accents("Ἀθῆναι"), "Αθηναι");
    }

    #[test]
    fn nfkc_and_apostrophes() {
        assert!(matches!(nfkc("abc"), Cow::Borrowed(_)));
        assert!(matches!(nfkc("été"), Cow::Borrowed(_)));
        assert_eq!(nfkc("e\u{301}"), "é");
        assert_eq!(nfkc("ＡＢＣ"), "ABC");
        assert_eq!(apostrophes("can’t"), "can't");
        assert!(matches!(apostrophes("can't"), Cow::Borrowed(_)));
    }

    #[test]
    fn then_keeps_borrowing() {
        let s = "abc";
        assert!(matches!(
            then(Cow::Borrowed(s), lowercase),
            Cow::Borrowed(_)
        ));
        assert_eq!(then(Cow::Owned("ABC".into()), lowercase), "abc");
        assert_eq!(then(Cow::Owned("abc".into()), lowercase), "abc");
    }
}
