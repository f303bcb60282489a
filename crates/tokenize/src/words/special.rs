//! Tokens UAX #29 would cut into pieces: URLs, e-mail addresses, @mentions and #hashtags.
//!
//! They are found inside one whitespace-free chunk before it is segmented; the text around
//! them is segmented as usual.

use gist_core::TokenKind;

/// Finds the first special token in `text[from..end]` that starts at or after `cursor`
/// (`cursor <= from`): its byte range and kind.
pub(crate) fn next(
    text: &str,
    cursor: usize,
    from: usize,
    end: usize,
) -> Option<(usize, usize, TokenKind)> {
    let b = text.as_bytes();
    let mut i = from;
    while i < end {
        let found = match b[i] {
            b':' => url_with_scheme(text, cursor, i, end),
            b'w' | b'W' => www_url(text, cursor, i, end),
            b'@' => email(text, cursor, i, end).or_else(|| mention(text, cursor, i, end)),
            b'#' => hashtag(text, cursor, i, end),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// The character ending just before byte `i` (which must be a char boundary), if it is at or
/// after `cursor`.
fn char_before(text: &str, cursor: usize, i: usize) -> Option<char> {
    text.get(cursor..i)?.chars().next_back()
}

/// True for characters that continue a word in a mention or hashtag.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// `scheme://rest`, with `i` at the colon.
fn url_with_scheme(
    text: &str,
    cursor: usize,
    i: usize,
    end: usize,
) -> Option<(usize, usize, TokenKind)> {
    let b = text.as_bytes();
    if b.get(i + 1..i + 3) != Some(b"//".as_slice()) {
        return None;
    }
    let mut s = i;
    while s > cursor && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if i - s < 2 {
        return None;
    }
    let z = url_end(text, i + 3, end)?;
    Some((s, z, TokenKind::Url))
}

/// `www.host...`, with `i` at the first `w`.
fn www_url(text: &str, cursor: usize, i: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    let b = text.as_bytes();
    if !b
        .get(i..i + 4)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"www."))
    {
        return None;
    }
    // Only at the start of a UAX #29 word: not after a letter, digit or `_`, nor after a
    // letter and a period, apostrophe or colon (which UAX #29 would join to it).
    let before = text.get(cursor..i).unwrap_or("");
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if c.is_alphanumeric() || c == '_' || c == '.' => return None,
        Some('\'' | '’' | '‘' | ':') if back.next().is_some_and(char::is_alphabetic) => {
            return None;
        }
        _ => {}
    }
    // The host after "www." needs a dot of its own ("www.example.com"); checked first, so a
    // failed candidate costs only the length of its host.
    let rest = &text[i + 4..end];
    let host_len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .map_or(rest.len(), |(k, _)| k);
    let host = rest[..host_len].trim_end_matches('.');
    if !(host.contains('.') && host.split('.').all(|l| !l.is_empty())) {
        return None;
    }
    let z = url_end(text, i + 4, end)?;
    Some((i, z, TokenKind::Url))
}

/// The end of a URL whose body starts at `start`: up to the chunk end or a character that
/// cannot be in a URL, minus trailing punctuation and unbalanced closing brackets.
/// `None` if nothing remains. Linear in the length of the body.
fn url_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let body = &text[start..end];
    let mut z = body
        .find([
            '<', '>', '"', '`', '“', '”', '‘', '’', '«', '»', '‹', '›', '|', '\\', '^',
        ])
        .unwrap_or(body.len());
    // Open minus close count of each bracket pair in body[..z].
    let mut balance = [0isize; 3];
    for b in body[..z].bytes() {
        match b {
            b'(' => balance[0] += 1,
            b')' => balance[0] -= 1,
            b'[' => balance[1] += 1,
            b']' => balance[1] -= 1,
            b'{' => balance[2] += 1,
            b'}' => balance[2] -= 1,
            _ => {}
        }
    }
    loop {
        let last = body[..z].chars().next_back()?;
        let pair = match last {
            ')' => Some(0),
            ']' => Some(1),
            '}' => Some(2),
            _ => None,
        };
        let trim = match pair {
            Some(k) => balance[k] < 0,
            None => matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*'),
        };
        if !trim {
            break;
        }
        if let Some(k) = pair {
            balance[k] += 1;
        }
        z -= last.len_utf8();
    }
    body[..z]
        .chars()
        .any(char::is_alphanumeric)
        .then_some(start + z)
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '.'
}

/// `local@domain.tld`, with `p` at the `@`.
fn email(text: &str, cursor: usize, p: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    // Local part: back from the @.
    let before = &text[cursor..p];
    let mut s = p;
    for (k, c) in before.char_indices().rev() {
        if !is_local_char(c) {
            break;
        }
        s = cursor + k;
    }
    // It starts with a letter, digit or underscore.
    let local = &text[s..p];
    let lead = local.len() - local.trim_start_matches(['.', '%', '+', '-']).len();
    s += lead;
    if s >= p {
        return None;
    }
    // Domain: forward from the @, without trailing dots or hyphens.
    let after = &text[p + 1..end];
    let len = after
        .char_indices()
        .find(|&(_, c)| !is_domain_char(c))
        .map_or(after.len(), |(k, _)| k);
    let domain = after[..len].trim_end_matches(['.', '-']);
    let mut labels = domain.split('.');
    let tld = labels.next_back()?;
    let valid = domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-'))
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic);
    valid.then_some((s, p + 1 + domain.len(), TokenKind::Email))
}

/// `@name`, with `p` at the `@`, not preceded by a letter or digit.
fn mention(text: &str, cursor: usize, p: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    if char_before(text, cursor, p).is_some_and(is_word_char) {
        return None;
    }
    let body = &text[p + 1..end];
    let len = body
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(body.len(), |(k, _)| k);
    let name = &body[..len];
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
        .then_some((p, p + 1 + len, TokenKind::Mention))
}

/// `#tag`, with `p` at the `#`, not preceded by a letter, digit or `&` (HTML entities), and
/// with at least one letter in the tag (so "#1" is not a hashtag).
fn hashtag(text: &str, cursor: usize, p: usize, end: usize) -> Option<(usize, usize, TokenKind)> {
    if char_before(text, cursor, p).is_some_and(|c| is_word_char(c) || c == '&') {
        return None;
    }
    let body = &text[p + 1..end];
    let len = body
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(body.len(), |(k, _)| k);
    let tag = &body[..len];
    let starts_well = tag
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    (starts_well && tag.chars().any(char::is_alphabetic)).then_some((
        p,
        p + 1 + len,
        TokenKind::Hashtag,
    ))
}

/// Top-level domains that make a dotted word ("example.com", "bbc.co.uk") a URL. Only those
/// that are not also common short words, so "it.It" (a missing space) stays a word.
const TLDS: &[&str] = &[
    "ai", "app", "au", "biz", "br", "ca", "ch", "cn", "co", "com", "cz", "de", "dev", "dk", "edu",
    "es", "eu", "fi", "fr", "gov", "gr", "hk", "ie", "info", "int", "io", "jp", "kr", "ly", "mil",
    "mx", "net", "nl", "nz", "org", "pl", "ru", "se", "sg", "tv", "tw", "uk", "za",
];

/// True when a dotted word looks like a bare domain name: ASCII labels of letters, digits and
/// hyphens, the last one a known, lowercase top-level domain, and the first at least two
/// characters long (so abbreviations like "e.g" never qualify).
pub(crate) fn is_domain(word: &str) -> bool {
    if !word.contains('.') || !word.is_ascii() {
        return false;
    }
    let mut labels = word.split('.');
    let first_ok = labels.next().is_some_and(|l| l.len() >= 2);
    let tld = word.rsplit('.').next().unwrap_or("");
    first_ok
        && TLDS.binary_search(&tld).is_ok()
        && word
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlds_are_sorted() {
        assert!(TLDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn domains() {
        assert!(is_domain("example.com"));
        assert!(is_domain("bbc.co.uk"));
        assert!(!is_domain("e.g"));
        assert!(!is_domain("U.S"));
        assert!(!is_domain("it.It"));
        assert!(!is_domain("example.COM"));
    }

    fn find(s: &str) -> Option<(&str, TokenKind)> {
        next(s, 0, 0, s.len()).map(|(a, z, k)| (&s[a..z], k))
    }

    #[test]
    fn finds_specials() {
        assert_eq!(
            find("(see:https://a.org/x_(y)).").unwrap(),
            ("https://a.org/x_(y)", TokenKind::Url)
        );
        assert_eq!(
            find("www.bbc.co.uk,").unwrap(),
            ("www.bbc.co.uk", TokenKind::Url)
        );
        assert_eq!(
            find("<jo.doe@mail.example.org>").unwrap(),
            ("jo.doe@mail.example.org", TokenKind::Email)
        );
        assert_eq!(
            find("(@gist_rs)").unwrap(),
            ("@gist_rs", TokenKind::Mention)
        );
        assert_eq!(find("#NLP!").unwrap(), ("#NLP", TokenKind::Hashtag));
        assert_eq!(find("#1"), None);
        assert_eq!(find("a@b"), None);
        assert_eq!(find("&#39;"), None);
        assert_eq!(find("http://"), None);
        assert_eq!(find("www.example"), None);
    }
}
