//! Sentence segmentation: [`SentenceSplitter`].
//!
//! The splitter scans the bytes of the text for the few bytes that can start a sentence
//! terminator (`.`, `!`, `?`, a line break, or the lead byte of a non-Latin terminator such as
//! `。` `।` `۔` `؟`), and decides each candidate from its local context only: the word before it,
//! the closing quotes and brackets after it, and the word that follows. Nothing is allocated per
//! word and the text is never copied, so segmentation runs at about 450 MB/s per core of CPU time
//! on English books (`examples/sentences_speed.rs`).
//!
//! The decision follows UAX #29's sentence-terminator semantics (a terminator followed by
//! closing punctuation, then space, then a word that does not start in lowercase ends a
//! sentence) and refines it where UAX #29 is known to be wrong:
//!
//! * abbreviations from per-language lists (`src/sentences/abbreviations/<code>.txt`), in four
//!   classes: titles ("Mr.", "Mt.") never end a sentence before a name; number abbreviations
//!   ("p.", "No.") do not end one before a number; times ("a.m.") end one only after a few words;
//!   other abbreviations ("Co.", "etc.", "U.S.") end one only before a usual sentence starter
//!   ("The", "It", "How"...);
//! * initials ("Jonas E. Smith") and the English pronoun "I";
//! * numbers, URLs and e-mail addresses (their inner full stops never split);
//! * ellipses (`...`, `…`, `. . .`, `. . . .`) and "[...]" omission marks;
//! * list items (`1.`, `2)`, `a.`, `(iv)`, bullets), split before the next item of a sequence;
//! * "Yahoo!"-style names, a missing space after a full stop ("end.Next"), paragraph breaks,
//!   headings and list items on their own line, footnote marks ("martyr.\[1\]").
//!
//! Sentences inside quotations are split like any others ("“It is late. We go,” he said." is
//! two sentences); a quotation followed by a lowercase word stays with it, and so does an
//! English quoted question followed by its speaker ("“Why?” John asked.").
//!
//! The abbreviation lists for Danish, Dutch, French, German, Italian, Polish, Russian and
//! Spanish are derived from pySBD's (MIT licence, © 2019 Nipun Sadvilkar); the others, the
//! sentence starters and the classes are gist's own. Each file names its source.

use gist_core::{Analyzer, Document, Error, Language, Span};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Splits text into sentences, as byte spans of the original text.
///
/// Spans exclude surrounding whitespace, are ordered and non-overlapping, and together cover
/// every non-whitespace character of the text. Splitting never panics; a text longer than
/// `u32::MAX` bytes (4 GiB, more than a [`Span`] can address) yields no sentences.
///
/// As an [`Analyzer`], a splitter made with [`SentenceSplitter::new`] (or `Default`, English)
/// uses its own language whatever the document's; one made with
/// [`SentenceSplitter::document_language`] uses each document's [`Document::language`].
///
/// ```
/// use gist_core::Language;
/// use gist_tokenize::SentenceSplitter;
///
/// let text = "Mr. Smith lives in the U.S. He left at 6 p.m. on Friday. Did he?";
/// let splitter = SentenceSplitter::new(Language::English);
/// let sentences: Vec<&str> = splitter.split(text).into_iter().map(|s| &text[s]).collect();
/// assert_eq!(sentences, ["Mr. Smith lives in the U.S.", "He left at 6 p.m. on Friday.", "Did he?"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSplitter {
    language: Language,
    follow_document: bool,
}

impl Default for SentenceSplitter {
    /// An English splitter.
    fn default() -> Self {
        SentenceSplitter::new(Language::English)
    }
}

impl SentenceSplitter {
    /// A splitter using the abbreviations and punctuation conventions of `language`. Languages
    /// without an abbreviation list still get their terminators and all language-independent
    /// rules (initials, numbers, ellipses, lists, URLs).
    pub fn new(language: Language) -> SentenceSplitter {
        SentenceSplitter {
            language,
            follow_document: false,
        }
    }

    /// A splitter that, as an [`Analyzer`], uses each document's own language. Its
    /// [`split`](SentenceSplitter::split) method uses English.
    pub fn document_language() -> SentenceSplitter {
        SentenceSplitter {
            language: Language::English,
            follow_document: true,
        }
    }

    /// The language whose rules [`split`](SentenceSplitter::split) applies.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The sentences of `text`, as byte spans in text order. Empty for a text with no
    /// non-whitespace character, and for a text over 4 GiB.
    pub fn split(&self, text: &str) -> Vec<Span> {
        split_with(rules(self.language), text)
    }

    /// Appends the sentences of `text` to `out` (reusing its allocation): what
    /// [`split`](SentenceSplitter::split) returns.
    ///
    /// ```
    /// use gist_tokenize::SentenceSplitter;
    /// let mut out = Vec::new();
    /// let splitter = SentenceSplitter::default();
    /// splitter.split_into("One. Two.", &mut out);
    /// splitter.split_into("Three.", &mut out);
    /// assert_eq!(out.len(), 3);
    /// assert_eq!(out[..2], splitter.split("One. Two."));
    /// ```
    pub fn split_into(&self, text: &str, out: &mut Vec<Span>) {
        split_with_into(rules(self.language), text, out)
    }
}

impl Analyzer for SentenceSplitter {
    /// Sets the document's sentences. Fails with [`gist_core::ErrorKind::TextTooLong`] for a
    /// text over 4 GiB.
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        let language = if self.follow_document {
            doc.language
        } else {
            self.language
        };
        let spans = split_with(rules(language), doc.text());
        doc.set_sentences(spans)
    }

    fn name(&self) -> &str {
        "sentence-splitter"
    }
}

// ---------------------------------------------------------------------------------------------
// Language rules

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Never ends a sentence before a capitalised word or number ("Mr.", "Mt.", "e.g.").
    Title,
    /// Does not end a sentence before a number ("p. 55", "No. 5").
    Number,
    /// "a.m.": ends a sentence before a capitalised word once the sentence has a few words.
    Time,
    /// Ends a sentence only before a usual sentence starter ("Co. They", "U.S. How").
    General,
}

#[derive(Debug, Default)]
struct Rules {
    abbreviations: HashMap<&'static str, Class, FastHash>,
    starters: HashSet<&'static str, FastHash>,
    exclaim: HashSet<&'static str, FastHash>,
    /// Speech verbs that, after a quoted question, attribute it ("asked", "said").
    speech: HashSet<&'static str, FastHash>,
    /// Words before which "3." is an ordinal (month names in German, Danish...).
    ordinal_before: HashSet<&'static str, FastHash>,
    /// English: a lone "I." after a lowercase word is the pronoun, not an initial.
    pronoun_i: bool,
    /// Greek: ";" is the question mark.
    semicolon_question: bool,
    /// Armenian, Arabic: ":" ends sentences.
    colon_stop: bool,
}

/// gist-core's fast hasher, for the short keys of the word lists (only the built-in lists are
/// inserted, so lookups of arbitrary text cannot degrade the tables).
type FastHash = gist_core::hash::FastBuildHasher;

fn parse_rules(data: &'static str, rules: &mut Rules) {
    let mut section = "general";
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let class = match section {
            "title" => Class::Title,
            "number" => Class::Number,
            "time" => Class::Time,
            "starters" => {
                rules.starters.insert(line);
                continue;
            }
            "exclaim" => {
                rules.exclaim.insert(line);
                continue;
            }
            "ordinal" => {
                rules.ordinal_before.insert(line);
                continue;
            }
            "speech" => {
                rules.speech.insert(line);
                continue;
            }
            _ => Class::General,
        };
        rules.abbreviations.entry(line).or_insert(class);
    }
}

fn data_for(language: Language) -> Option<&'static str> {
    Some(match language {
        Language::English => include_str!("sentences/abbreviations/en.txt"),
        Language::German => include_str!("sentences/abbreviations/de.txt"),
        Language::French => include_str!("sentences/abbreviations/fr.txt"),
        Language::Spanish => include_str!("sentences/abbreviations/es.txt"),
        Language::Italian => include_str!("sentences/abbreviations/it.txt"),
        Language::Dutch => include_str!("sentences/abbreviations/nl.txt"),
        Language::Russian => include_str!("sentences/abbreviations/ru.txt"),
        Language::Polish => include_str!("sentences/abbreviations/pl.txt"),
        Language::Portuguese => include_str!("sentences/abbreviations/pt.txt"),
        Language::Danish => include_str!("sentences/abbreviations/da.txt"),
        Language::Greek => include_str!("sentences/abbreviations/el.txt"),
        Language::Slovak => include_str!("sentences/abbreviations/sk.txt"),
        Language::Czech => include_str!("sentences/abbreviations/cs.txt"),
        _ => return None,
    })
}

fn build_rules(language: Language) -> Rules {
    let mut rules = Rules::default();
    if let Some(data) = data_for(language) {
        parse_rules(data, &mut rules);
    }
    // Language-independent abbreviations: the numero sign.
    for n in ["n°", "nº", "no°"] {
        rules.abbreviations.entry(n).or_insert(Class::Number);
    }
    rules.pronoun_i = language == Language::English;
    rules.semicolon_question = language == Language::Greek;
    rules.colon_stop = matches!(language, Language::Armenian | Language::Arabic);
    rules
}

fn rules(language: Language) -> &'static Rules {
    static CACHE: OnceLock<Vec<(Language, OnceLock<Rules>)>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|&l| (l, OnceLock::new()))
            .collect()
    });
    match cache.iter().find(|(l, _)| *l == language) {
        Some((_, cell)) => cell.get_or_init(|| build_rules(language)),
        None => {
            static FALLBACK: OnceLock<Rules> = OnceLock::new();
            FALLBACK.get_or_init(|| build_rules(language))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Character classes

/// Terminators other than ASCII `.`, `!`, `?`.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '…' | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '｡'
            | '．'
            | '！'
            | '？'
            | '।'
            | '॥'
            | '۔'
            | '؟'
            | '։'
            | '።'
            | '፧'
            | '။'
            | '\u{037E}'
    )
}

/// Terminators that end a sentence even when no space follows (CJK and other scripts written
/// without spaces after sentences).
fn is_strong(c: char) -> bool {
    matches!(
        c,
        '。' | '｡' | '．' | '！' | '？' | '।' | '॥' | '۔' | '؟' | '։' | '።' | '፧' | '။'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦' | '‣' | '⁃' | '▪' | '●' | '■' | '►' | '➢' | '∙'
            | '\u{2460}'..='\u{2473}' // ① to ⑳
            | '\u{2776}'..='\u{277F}' // ❶ to ❿
    )
}

/// Closing punctuation that may follow a terminator and stays with its sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '“'
            | '‘'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '）'
            | '】'
            | '〕'
            | '\u{202C}'
    )
}

/// Han ideographs, kana and CJK punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FFFF}')
}

fn is_cjk_open(c: char) -> bool {
    matches!(c, '《' | '「' | '『' | '（' | '【' | '〈')
}

fn is_cjk_close(c: char) -> bool {
    matches!(c, '》' | '」' | '』' | '）' | '】' | '〉')
}

/// Invisible direction marks that may sit around punctuation.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}')
}

/// Opening punctuation that may precede the first letter of a word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '《'
            | '〈'
            | '（'
            | '【'
            | '\u{202A}'
            | '\u{202B}'
            | '\u{200F}'
            | '\u{200E}'
    ) || is_bullet(c)
}

const fn candidates() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b')' as usize] = true;
    t[b';' as usize] = true;
    t[b':' as usize] = true;
    // Lead bytes of the non-ASCII terminators and bullets above.
    t[0xCD] = true; // U+037E
    t[0xD6] = true; // U+0589
    t[0xD8] = true; // U+061F
    t[0xDB] = true; // U+06D4
    t[0xE0] = true; // U+0964, U+0965
    t[0xE1] = true; // U+104B, U+1362, U+1367
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉ • ◦ ‣ ⁃ ▪ ● ■ ► ➢ ∙
    t[0xE3] = true; // 。
    t[0xEF] = true; // ｡ ． ！ ？
    t
}

static CANDIDATE: [bool; 256] = candidates();

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
    Digit,
    Other,
}

fn case_of(c: char) -> Case {
    if c.is_lowercase() {
        Case::Lower
    } else if c.is_uppercase() {
        Case::Upper
    } else if c.is_ascii_digit() {
        Case::Digit
    } else {
        Case::Other
    }
}

// ---------------------------------------------------------------------------------------------
// List markers

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkerKind {
    Number,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkerStyle {
    /// `1.`
    Dot,
    /// `1)` or `1.)`
    Paren,
    /// `(1)`
    Both,
}

#[derive(Clone, Copy, Debug)]
struct Marker {
    /// Up to two readings ("i" is the ninth letter or roman one).
    readings: [(MarkerKind, u32); 2],
    count: usize,
    style: MarkerStyle,
}

fn roman_value(s: &str) -> Option<u32> {
    const ROMAN: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    ROMAN
        .iter()
        .position(|r| r.eq_ignore_ascii_case(s))
        .map(|p| p as u32 + 1)
}

/// Reads `s` (the marker without its punctuation) as a list marker.
fn parse_marker(s: &str, style: MarkerStyle) -> Option<Marker> {
    let mut m = Marker {
        readings: [(MarkerKind::Number, 0); 2],
        count: 0,
        style,
    };
    let mut add = |kind, value| {
        if m.count < 2 {
            m.readings[m.count] = (kind, value);
            m.count += 1;
        }
    };
    if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        add(MarkerKind::Number, s.parse().ok()?);
    } else if s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic() {
        let b = s.as_bytes()[0];
        if b.is_ascii_lowercase() {
            add(MarkerKind::LowerAlpha, u32::from(b - b'a') + 1);
        } else {
            add(MarkerKind::UpperAlpha, u32::from(b - b'A') + 1);
        }
    }
    if !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b"ivxIVX".contains(&b)) {
        let lower = s.bytes().all(|b| b.is_ascii_lowercase());
        let upper = s.bytes().all(|b| b.is_ascii_uppercase());
        if let Some(v) = roman_value(s) {
            if lower {
                add(MarkerKind::LowerRoman, v);
            } else if upper {
                add(MarkerKind::UpperRoman, v);
            }
        }
    }
    (m.count > 0).then_some(m)
}

/// True when `s` starts with a list marker followed by whitespace: "1. ", "b) ", "(iv) ",
/// "2.) ".
fn marker_at(s: &str) -> bool {
    parse_marker_at(s).is_some()
}

/// The list marker `s` starts with, if it is followed by whitespace.
fn parse_marker_at(s: &str) -> Option<Marker> {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'('));
    let start = i;
    while i < b.len() && i - start < 5 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let body = &s[start..i];
    let style = if start == 1 {
        if b.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
        MarkerStyle::Both
    } else {
        match b.get(i) {
            Some(b'.') if b.get(i + 1) == Some(&b')') => {
                i += 2;
                MarkerStyle::Paren
            }
            Some(b'.') => {
                i += 1;
                MarkerStyle::Dot
            }
            Some(b')') => {
                i += 1;
                MarkerStyle::Paren
            }
            _ => return None,
        }
    };
    let after_space = s[i..].chars().next().is_some_and(char::is_whitespace);
    if after_space {
        parse_marker(body, style)
    } else {
        None
    }
}

impl Marker {
    fn follows(&self, prev: &Marker) -> bool {
        self.style == prev.style
            && self.readings[..self.count].iter().any(|&(k, v)| {
                prev.readings[..prev.count]
                    .iter()
                    .any(|&(pk, pv)| pk == k && v == pv + 1)
            })
    }
}

// ---------------------------------------------------------------------------------------------
// The scanner

fn split_with(rules: &Rules, text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    split_with_into(rules, text, &mut out);
    out
}

/// [`split_with`], appending to `out`.
fn split_with_into(rules: &Rules, text: &str, out: &mut Vec<Span>) {
    if u32::try_from(text.len()).is_err() {
        return;
    }
    let mut s = Scanner {
        text,
        rules,
        out,
        start: text.len() - text.trim_start().len(),
        list: None,
        cjk_depth: 0,
        line_start: 0,
        in_list: false,
    };
    s.run();
}

struct Scanner<'a> {
    text: &'a str,
    rules: &'a Rules,
    out: &'a mut Vec<Span>,
    /// Where the current sentence begins (possibly on whitespace).
    start: usize,
    /// The last list marker seen at the start of a sentence.
    list: Option<Marker>,
    /// How many CJK quotation brackets ("《", "「") are open in the current sentence.
    cjk_depth: u32,
    /// Where the current line starts.
    line_start: usize,
    /// True when the current sentence is a list item that continues a list or follows a bullet.
    in_list: bool,
}

/// How far back or ahead the scanner looks for a word or token: a bound that keeps the scan
/// linear on adversarial text (a megabyte without spaces).
const LOOK: usize = 256;

/// The char boundary at or before `i - LOOK`.
fn look_back(text: &str, i: usize) -> usize {
    let mut p = i.saturating_sub(LOOK);
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// The char boundary at or after `i + LOOK` (at most the text's end).
fn look_ahead(text: &str, i: usize) -> usize {
    let mut p = (i + LOOK).min(text.len());
    while !text.is_char_boundary(p) {
        p += 1;
    }
    p
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            let b = bytes[i];
            if !CANDIDATE[b as usize] {
                i += 1;
                continue;
            }
            let next = match b {
                b'\n' | b'\r' => self.line_break(i),
                b'.' | b'!' | b'?' => self.terminator(i),
                b')' => self.paren_marker(i),
                b';' if self.rules.semicolon_question => self.terminator(i),
                b':' if self.rules.colon_stop => self.terminator(i),
                b if b < 0x80 => i + 1,
                _ => match self.char_at(i) {
                    Some(c) if is_terminator(c) => self.terminator(i),
                    Some(c) if is_bullet(c) => {
                        self.bullet(i);
                        i + c.len_utf8()
                    }
                    Some(c) if is_cjk_open(c) => {
                        self.cjk_depth += 1;
                        i + c.len_utf8()
                    }
                    Some(c) if is_cjk_close(c) => {
                        self.cjk_depth = self.cjk_depth.saturating_sub(1);
                        i + c.len_utf8()
                    }
                    Some(c) => i + c.len_utf8(),
                    None => i + 1,
                },
            };
            i = next.max(i + 1);
        }
        self.push(n);
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i)?.chars().next_back()
    }

    /// Ends the current sentence at `end` (trimming whitespace); the next begins at `next`.
    fn cut(&mut self, end: usize, next: usize) {
        self.push(end);
        self.start = next;
        self.cjk_depth = 0;
        self.in_list = false;
    }

    fn push(&mut self, end: usize) {
        let Some(slice) = self.text.get(self.start..end) else {
            return;
        };
        let trimmed_start = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if trimmed.is_empty() {
            return;
        }
        let s = self.start + trimmed_start;
        if let Some(span) = Span::from_range(s..s + trimmed.len()) {
            self.out.push(span);
        }
    }

    /// The end of the whitespace run starting at `i`, and the number of line breaks in it.
    fn skip_space(&self, i: usize) -> (usize, usize) {
        let (end, breaks, _) = self.skip_space_lines(i);
        (end, breaks)
    }

    /// Like [`skip_space`](Self::skip_space), also returning where the last line in the run
    /// starts (`i` when the run has no line break).
    fn skip_space_lines(&self, i: usize) -> (usize, usize, usize) {
        let mut breaks = 0;
        let mut prev_cr = false;
        let mut end = i;
        let mut line = i;
        for (off, c) in self.text[i..].char_indices() {
            if !c.is_whitespace() {
                return (i + off, breaks, line);
            }
            match c {
                '\n' if prev_cr => line = i + off + 1,
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                    breaks += 1;
                    line = i + off + c.len_utf8();
                }
                _ => {}
            }
            prev_cr = c == '\r';
            end = i + off + c.len_utf8();
        }
        (end, breaks, line)
    }

    /// True when only whitespace, opening punctuation and bullets lie between the start of
    /// the current sentence and `pos`.
    fn at_sentence_start(&self, pos: usize) -> bool {
        pos.saturating_sub(self.start) <= LOOK
            && self
                .text
                .get(self.start..pos)
                .is_some_and(|s| s.chars().all(|c| c.is_whitespace() || is_opener(c)))
    }

    fn line_break(&mut self, i: usize) -> usize {
        let (k, breaks, next_line) = self.skip_space_lines(i);
        let line_start = std::mem::replace(&mut self.line_start, next_line);
        if k >= self.text.len() {
            return k;
        }
        if breaks >= 2 || self.line_starts_item(k) || self.line_ends_sentence(line_start, i, k) {
            self.cut(i, k);
        }
        k
    }

    /// A single line break at `i` (the next line starting at `k`) ends a sentence when the
    /// line before it is a heading-like short line or a separator, or ends a list item, and the
    /// next line does not continue in lowercase.
    fn line_ends_sentence(&self, line_start: usize, i: usize, k: usize) -> bool {
        let text = self.text;
        if line_start > i || i - line_start > 4 * LOOK {
            return false; // a long line is not a heading
        }
        let line = text[line_start..i].trim();
        let Some(first) = line.chars().next() else {
            return false;
        };
        if !first.is_alphanumeric() && !line.chars().any(char::is_alphanumeric) {
            return true; // "______" or "* * *"
        }
        // Chinese and Japanese are not hard-wrapped in plain text: a line is a paragraph.
        if line.chars().next_back().is_some_and(is_cjk)
            && text[k..]
                .chars()
                .next()
                .is_some_and(|c| is_cjk(c) || is_opener(c))
        {
            return true;
        }
        // The rules below need the whole sentence so far on this line.
        if self.start < line_start || i.saturating_sub(self.start) > 4 * 60 {
            return false;
        }
        let Some(item) = text.get(self.start..i).map(str::trim_end) else {
            return false;
        };
        if NextWord::at(text, k).case == Case::Lower {
            return false;
        }
        let at_most =
            |s: &str, n: usize| s.len() <= n || (s.len() <= 4 * n && s.chars().count() <= n);
        let short_item = at_most(item, 40);
        let short_line = at_most(line, 60);
        if !(short_item || short_line) {
            return false;
        }
        // The end of a short list item, or a heading-like line (not a line of verse).
        (short_item && self.in_list && self.starts_with_item(self.start))
            || (short_line && heading_like(line))
    }

    /// True when the full stop at `i` ends an abbreviation ("u. a.", "z.B.", "etc.").
    fn abbreviation_before(&self, i: usize) -> bool {
        let (_, word) = self.word_before(i);
        word.chars().count() <= 1
            || is_dotted_abbreviation(word)
            || (word.len() <= 32
                && self
                    .rules
                    .abbreviations
                    .contains_key(word.to_lowercase().as_str()))
    }

    /// "a. here it is b. another": a marker before the full stop at `i` that continues the
    /// current list starts a new item.
    fn continue_list(&mut self, i: usize) {
        let (wstart, word) = self.word_before(i);
        if word.len() <= 5
            && let Some(m) = parse_marker(word, MarkerStyle::Dot)
        {
            self.list_marker(m, wstart);
        }
    }

    /// True when a list marker at `k` opens a list ("a.", "1)", "(i)") or continues the
    /// current one.
    fn opens_list_item(&self, k: usize) -> bool {
        let Some(m) = parse_marker_at(&self.text[k..]) else {
            return false;
        };
        // "x) hello" is a list item wherever it appears; "d. arte" only when it opens a list.
        m.style != MarkerStyle::Dot
            || m.readings[..m.count].iter().any(|r| r.1 == 1)
            || self.list.is_some_and(|prev| {
                m.readings[..m.count].iter().any(|&(k, v)| {
                    prev.readings[..prev.count]
                        .iter()
                        .any(|&(pk, pv)| pk == k && v == pv + 1)
                })
            })
    }

    /// True when the sentence starting at or after `pos` opens with a bullet or list marker.
    fn starts_with_item(&self, pos: usize) -> bool {
        let rest = self.text[pos..].trim_start();
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_bullet(c) => true,
            Some('-' | '*' | '–') => chars.next().is_some_and(char::is_whitespace),
            Some(_) => marker_at(rest),
            None => false,
        }
    }

    /// True when the line at `k` starts with a bullet or a dash/star item marker.
    fn line_starts_item(&self, k: usize) -> bool {
        let rest = &self.text[k..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_bullet(c) => true,
            Some('-' | '*' | '–') => chars.next().is_some_and(char::is_whitespace),
            Some(c) if c.is_ascii_digit() || c == '(' => marker_at(rest),
            _ => false,
        }
    }

    fn bullet(&mut self, i: usize) {
        let after_space = self.char_before(i).is_none_or(char::is_whitespace);
        if after_space && !self.at_sentence_start(i) {
            self.cut(i, i);
            self.in_list = true;
        }
    }

    /// A ")" that may close a list marker: "2)", "(iv)", "2.)".
    fn paren_marker(&mut self, i: usize) -> usize {
        let bytes = self.text.as_bytes();
        // Followed by whitespace?
        if !self.char_at(i + 1).is_none_or(char::is_whitespace) {
            return i + 1;
        }
        let mut s = i;
        while s > 0 && i - s < 6 && bytes[s - 1].is_ascii_alphanumeric() {
            s -= 1;
        }
        let mut token_start = s;
        let mut style = MarkerStyle::Paren;
        if s > 0 && bytes[s - 1] == b'(' {
            token_start = s - 1;
            style = MarkerStyle::Both;
        }
        let word = &self.text[s..i];
        let before_ok = self
            .char_before(token_start)
            .is_none_or(|c| c.is_whitespace() || is_bullet(c));
        if word.is_empty() || !before_ok {
            return i + 1;
        }
        if let Some(m) = parse_marker(word, style) {
            self.list_marker(m, token_start);
        }
        i + 1
    }

    /// A list marker starting at `pos`: remembered at the start of a sentence, and splitting
    /// the sentence before it when it continues the remembered sequence.
    fn list_marker(&mut self, m: Marker, pos: usize) -> bool {
        if self.at_sentence_start(pos) {
            self.list = Some(m);
            true
        } else if m.style != MarkerStyle::Dot && m.readings[..m.count].iter().any(|r| r.1 == 1) {
            // A first item inside a sentence ("Steps: 1) open it 2) ..."): remembered, no cut.
            self.list = Some(m);
            true
        } else if self.list.is_some_and(|prev| m.follows(&prev)) {
            self.cut(pos, pos);
            self.list = Some(m);
            self.in_list = true;
            true
        } else {
            false
        }
    }

    /// Handles a terminator at `i`; returns where to resume scanning.
    fn terminator(&mut self, i: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut j = i;
        let mut dots = 0usize;
        let mut other = false;
        let mut ellipsis_char = false;
        let mut strong = false;
        let mut spaced = false;
        let mut colon = false;
        while j < n {
            match bytes[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'!' | b'?' => {
                    other = true;
                    j += 1;
                }
                b';' if self.rules.semicolon_question => {
                    other = true;
                    j += 1;
                }
                b':' if self.rules.colon_stop && j == i => {
                    other = true;
                    colon = true;
                    j += 1;
                }
                b' ' if dots >= 1 && j + 1 < n && bytes[j + 1] == b'.' => {
                    spaced = true;
                    j += 1;
                }
                b if b >= 0x80 => match self.char_at(j) {
                    Some(c) if is_terminator(c) => {
                        if c == '…' {
                            ellipsis_char = true;
                        } else {
                            other = true;
                            strong |= is_strong(c);
                        }
                        j += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        let run_end = j;
        let closers_start = j;
        loop {
            match self.char_at(j) {
                Some(c) if is_closer(c) => {
                    if is_cjk_close(c) {
                        self.cjk_depth = self.cjk_depth.saturating_sub(1);
                    }
                    j += c.len_utf8();
                }
                // Citation marks: "martyr.[1] The", "large.[7][8] This".
                Some('[') => match citation_len(&text[j..]) {
                    Some(len) => j += len,
                    None => break,
                },
                _ => break,
            }
        }
        // A footnote number glued to a full stop after a word: "cognition (type 2).10 This".
        if dots == 1 && !other && run_end == i + 1 && j == run_end {
            let digits = bytes[j..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after_word = self
                .char_before(i)
                .is_some_and(|c| c.is_alphabetic() || c == ')');
            if (1..=3).contains(&digits)
                && after_word
                && self.char_at(j + digits).is_some_and(char::is_whitespace)
            {
                j += digits;
                // More footnote numbers: "consultation.11 12 Take".
                loop {
                    let more = bytes[j + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let next = j + 1 + more;
                    if bytes[j] == b' '
                        && (1..=3).contains(&more)
                        && bytes.get(next) == Some(&b' ')
                        && bytes.get(next + 1).is_some_and(u8::is_ascii_uppercase)
                    {
                        j = next;
                    } else {
                        break;
                    }
                }
            }
        }
        if j >= n {
            return j;
        }
        let after = self.char_at(j).unwrap_or(' ');
        if !after.is_whitespace() {
            if colon {
                return j;
            }
            if strong && self.cjk_depth == 0 {
                self.cut(j, j);
                return j;
            }
            if dots == 1 && !other && run_end == i + 1 && closers_start == j {
                self.missing_space(i);
            }
            return j;
        }
        let (k, breaks, next_line) = self.skip_space_lines(j);
        let line_start = self.line_start;
        if breaks > 0 {
            self.line_start = next_line;
        }
        if k >= n {
            return k;
        }
        if breaks >= 2 {
            self.cut(j, k);
            return k;
        }
        let mut next = NextWord::at(text, k);
        if matches!(bytes[k], b'.' | b'!' | b'?') {
            // "raak. ...en toen": an ellipsis opening the next sentence.
            let dots_len = bytes[k..].iter().take_while(|&&b| b == b'.').count();
            if dots_len == 3 && self.char_at(k + 3).is_some_and(char::is_alphabetic) {
                next = NextWord::at(text, k + 3);
                next.case = Case::Upper;
            } else {
                return k; // "! ! !"
            }
        }
        if next.case == Case::Lower {
            if dots == 1 && !other {
                self.continue_list(i);
            }
            if (breaks == 1
                && (self.line_starts_item(k) || self.line_ends_sentence(line_start, j, k)))
                || (self.opens_list_item(k) && !self.abbreviation_before(i))
            {
                self.cut(j, k);
            }
            return k;
        }
        // The single "." of "compounds. . . . The": the sentence ends at the attached full
        // stop and the ellipsis opens the next one.
        let attached = self.char_before(i).is_some_and(|c| !c.is_whitespace());
        let boundary = if dots == 0 {
            if strong && self.cjk_depth > 0 {
                false
            } else if run_end == i + 1 && bytes[i] == b'!' && self.exclaim_name(i) {
                self.is_starter(&next)
            } else {
                // "“Why?” John asked.": a quoted question or exclamation followed by its
                // speaker and a speech verb.
                let quoted = text[closers_start..j].contains(['"', '\'', '”', '’', '»']);
                !(quoted && self.speech_follows(k))
            }
        } else if other {
            true
        } else if dots >= 2 || ellipsis_char {
            let bracketed = matches!(self.char_before(i), Some('[' | '('))
                && matches!(self.char_at(closers_start), Some(']' | ')'));
            if bracketed {
                false
            } else if spaced {
                if attached && dots >= 4 && bytes[i] == b'.' {
                    if next.case == Case::Upper {
                        self.cut(i + 1, self.skip_space(i + 1).0);
                    }
                    false
                } else {
                    dots >= 4 && matches!(next.case, Case::Upper | Case::Other)
                }
            } else {
                matches!(next.case, Case::Upper | Case::Other)
            }
        } else {
            self.full_stop(i, &next)
        };
        if boundary
            || (breaks == 1
                && (self.line_starts_item(k) || self.line_ends_sentence(line_start, j, k)))
        {
            self.cut(j, k);
        }
        k
    }

    /// "end.Next": a full stop between a lowercase word and a capitalised one, with no space.
    fn missing_space(&mut self, i: usize) {
        let text = self.text;
        if !text[i + 1..].starts_with(char::is_uppercase) {
            return;
        }
        // "Node.Js" stays; "security.A spokeswoman", "Tuesday.Mr. Smith" split.
        let next = NextWord::at(text, i + 1);
        let clear_start = self.is_starter(&next)
            || self
                .rules
                .abbreviations
                .get(next.word.to_lowercase().as_str())
                == Some(&Class::Title);
        if next.word.chars().count() < 3 && !clear_start {
            return;
        }
        // The word before, possibly closed by quotes or brackets: `a "load of nonsense".Tony`.
        let before = text[look_back(text, i)..i].trim_end_matches(['"', '”', '’', '\'', ')', ']']);
        let word: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ',' | '%'))
            .collect();
        let Some(&last) = word.first() else {
            return;
        };
        let number = last.is_ascii_digit();
        let cased_ok = last.is_lowercase() || last == '%' || number || clear_start;
        if !cased_ok || (word.len() < 2 && !(number && clear_start)) {
            return; // "U.S.A", "ASP.NET", "J.R.R."
        }
        // No other full stop in the token, unless it is a number: "v1.5.Beta" and
        // "example.com.Then" stay, "trading at 39.10.Shares fell" splits.
        let token = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(before, |(p, c)| &before[p + c.len_utf8()..]);
        let numeric = token
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'));
        if token.contains('.') && !numeric {
            return;
        }
        let word_text: String = word.iter().rev().collect();
        if self
            .rules
            .abbreviations
            .get(word_text.to_lowercase().as_str())
            == Some(&Class::Title)
        {
            return; // "Dr.Smith"
        }
        // Not inside a URL, e-mail address or file name.
        let lo = look_back(text, i);
        let hi = look_ahead(text, i);
        let (Some(tok_start), Some(tok_end)) = (
            text[lo..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map(|(p, c)| lo + p + c.len_utf8())
                .or((lo == 0).then_some(0)),
            text[i..hi]
                .char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map(|(p, _)| i + p)
                .or((hi == text.len()).then_some(hi)),
        ) else {
            return; // a token longer than LOOK bytes is not prose
        };
        let tok = &text[tok_start..tok_end];
        if tok.contains(['@', '/', ':', '\\', '_']) || tok.starts_with("www") {
            return;
        }
        self.cut(i + 1, i + 1);
    }

    /// True when one of the three words from `k` is a speech verb ("John asked", "Mr Lewis
    /// said").
    fn speech_follows(&self, k: usize) -> bool {
        if self.rules.speech.is_empty() {
            return false;
        }
        let end = look_ahead(self.text, k).min(k + 64);
        let mut end = end;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text[k..end]
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()))
            .any(|w| self.rules.speech.contains(w))
    }

    /// "3. Mai": in languages that write ordinals with a full stop, a number before a month
    /// name is an ordinal.
    fn is_ordinal_context(&self, next: &NextWord) -> bool {
        !self.rules.ordinal_before.is_empty()
            && self
                .rules
                .ordinal_before
                .contains(next.word.to_lowercase().as_str())
    }

    fn exclaim_name(&self, i: usize) -> bool {
        let (_, word) = self.word_before(i);
        word.len() <= 16 && self.rules.exclaim.contains(word.to_lowercase().as_str())
    }

    fn is_starter(&self, next: &NextWord) -> bool {
        let w = next.word;
        if w.is_empty() || w.len() > 24 {
            return false;
        }
        let mut buf = [0u8; 24];
        if w.is_ascii() {
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
            self.rules.starters.contains(lower)
        } else {
            self.rules.starters.contains(w.to_lowercase().as_str())
        }
    }

    /// The token before byte `i` (back to whitespace or the sentence start), and the same
    /// with leading opening punctuation removed.
    fn word_before(&self, i: usize) -> (usize, &'a str) {
        let text = self.text;
        let lo = self.start.min(i).max(look_back(text, i));
        let mut s = i;
        for (p, c) in text[lo..i].char_indices().rev() {
            if c.is_whitespace() {
                break;
            }
            s = lo + p;
        }
        let tok = text[s..i].trim_end_matches(is_format);
        let word = tok.trim_start_matches(is_opener);
        (s + (tok.len() - word.len()), word)
    }

    /// Number of whitespace-separated words between the sentence start and `pos`.
    fn words_before(&self, pos: usize) -> usize {
        if pos.saturating_sub(self.start) > 3 * LOOK {
            return 3;
        }
        self.text
            .get(self.start..pos)
            .map_or(0, |s| s.split_whitespace().take(3).count())
    }

    /// Is the word before `pos` (skipping whitespace) lowercase?
    fn previous_word_lowercase(&self, pos: usize) -> bool {
        let lo = self.start.max(look_back(self.text, pos));
        let before = self.text.get(lo..pos).unwrap_or("");
        let prev = before.split_whitespace().next_back().unwrap_or("");
        prev.trim_start_matches(is_opener)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    }

    /// Decides a single full stop at `i`, followed by whitespace and a word that does not
    /// start in lowercase.
    fn full_stop(&mut self, i: usize, next: &NextWord) -> bool {
        let (wstart, word) = self.word_before(i);
        if word.is_empty() {
            return true;
        }
        let tok_start = {
            let (s, _) = self.token_bounds(i);
            s
        };
        let tok = &self.text[tok_start..i];
        if looks_like_url_or_email(tok) {
            return true;
        }
        // List markers: "1. The first item 2. The second item".
        if let Some(m) = parse_marker(word, MarkerStyle::Dot)
            && self.list_marker(m, wstart)
        {
            return false;
        }
        let first = word.chars().next().unwrap_or(' ');
        if word.bytes().all(|b| b.is_ascii_digit()) && !self.rules.ordinal_before.is_empty() {
            // German, Danish...: "am 3. Mai", "im 19. Jahrhundert", "der 1. FC".
            if self.is_ordinal_context(next) {
                return false;
            }
            if word.len() <= 3 && next.case == Case::Upper {
                return self.is_starter(next);
            }
        }
        if first.is_ascii_digit()
            || (word.chars().any(|c| c.is_ascii_digit()) && !word.chars().any(char::is_alphabetic))
        {
            return true;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            if next_is_initial(&self.text[next.pos..]) {
                return false;
            }
            if self.rules.pronoun_i && c == 'I' && self.previous_word_lowercase(wstart) {
                return true;
            }
            // An initial, unless it closes a lowercase phrase before a sentence starter.
            return self.previous_word_lowercase(wstart) && self.is_starter(next);
        }
        let mut buf = [0u8; 32];
        let lower_buf;
        let lower: &str = if word.is_ascii() && word.len() <= buf.len() {
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[..word.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..word.len()]).unwrap_or("")
        } else {
            lower_buf = word.to_lowercase();
            &lower_buf
        };
        // "Serien-Nr.": the last part of a hyphenated compound.
        let class = self.rules.abbreviations.get(lower).or_else(|| {
            let (_, last) = word.rsplit_once('-')?;
            if !last.starts_with(char::is_uppercase) {
                return None; // "next-gen." is a word
            }
            self.rules.abbreviations.get(last.to_lowercase().as_str())
        });
        if let Some(&class) = class {
            return match class {
                Class::Title => false,
                Class::Number if next.case == Case::Digit => false,
                Class::Time => next.case == Case::Upper && self.words_before(wstart) >= 3,
                Class::Number | Class::General => self.is_starter(next),
            };
        }
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
            return self.is_starter(next);
        }
        if is_dotted_abbreviation(word)
            || (word.len() >= 2 && word.bytes().all(|b| b"IVXLC".contains(&b)))
        {
            return self.is_starter(next);
        }
        true
    }

    fn token_bounds(&self, i: usize) -> (usize, usize) {
        let text = self.text;
        let lo = self.start.min(i).max(look_back(text, i));
        let s = text[lo..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(lo, |(p, c)| lo + p + c.len_utf8());
        (s, i)
    }
}

/// A title, a table-of-contents or index entry, a label: in capitals, in title case, or
/// ending with a number, a colon or a closing parenthesis.
fn heading_like(line: &str) -> bool {
    if line.ends_with(|c: char| c.is_ascii_digit() || c == ':' || c == ')') {
        return true;
    }
    let mut upper = 0;
    let mut lower = 0;
    let mut words = 0;
    let mut long_words = 0;
    let mut long_capitalised = 0;
    for w in line.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        words += 1;
        upper += w.chars().filter(|c| c.is_uppercase()).count();
        lower += w.chars().filter(|c| c.is_lowercase()).count();
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long_words += 1;
            long_capitalised += usize::from(w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    // "CHAPTER VII", or "Putter King Scavenger Hunt Trophy" (two words at least: a lone
    // capitalised word may be a German noun at the end of a wrapped line).
    (upper >= 2 && lower == 0) || (words >= 2 && long_words > 0 && long_capitalised == long_words)
}

/// The length of a citation mark `[12]` at the start of `s`.
fn citation_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    ((1..=3).contains(&digits) && b.get(1 + digits) == Some(&b']')).then_some(digits + 2)
}

/// True when `s` starts with an initial: one uppercase letter and a full stop.
fn next_is_initial(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some('.')) if c.is_uppercase())
}

/// "U.S", "e.g", "z.B", "Ph.D": letters in short groups separated by full stops.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|g| !g.is_empty() && g.chars().count() <= 3 && g.chars().all(char::is_alphabetic))
}

fn looks_like_url_or_email(tok: &str) -> bool {
    tok.contains("://") || tok.starts_with("www.") || (tok.contains('@') && tok.contains('.'))
}

/// The word after a terminator: its case and its letters.
struct NextWord<'a> {
    /// Where the word's first letter is.
    pos: usize,
    case: Case,
    word: &'a str,
}

impl<'a> NextWord<'a> {
    fn at(text: &'a str, k: usize) -> NextWord<'a> {
        // Fast path: an ASCII word.
        let b = text.as_bytes();
        if let Some(&first) = b.get(k)
            && first.is_ascii_alphabetic()
        {
            let end = k + b[k..]
                .iter()
                .take(64)
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            if b.get(end).is_none_or(|&c| c < 0x80) {
                return NextWord {
                    pos: k,
                    case: if first.is_ascii_lowercase() {
                        Case::Lower
                    } else {
                        Case::Upper
                    },
                    word: &text[k..end],
                };
            }
        }
        let rest = &text[k..look_ahead(text, k)];
        // Openers, and a dialogue dash with its space ("? — she said").
        let body = rest.trim_start_matches(|c: char| {
            is_opener(c) || matches!(c, '—' | '–' | '-') || c.is_whitespace()
        });
        let first = body.chars().next().unwrap_or(' ');
        let end = body
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(body.len(), |(p, _)| p);
        NextWord {
            pos: k + (rest.len() - body.len()),
            case: case_of(first),
            word: &body[..end],
        }
    }
}
