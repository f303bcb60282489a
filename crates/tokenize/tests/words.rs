//! Word tokenization, normalization, stopwords and n-grams.

use gist_core::{
    Analyzer, Document, ErrorKind, Language, Pipeline, Span, StrLoc, StrRef, TokenKind,
};
use gist_tokenize::ngrams::{self, Ngram, NgramOptions};
use gist_tokenize::normalize;
use gist_tokenize::{StopwordFilter, WordOptions, WordTokenizer, stopwords};
use proptest::prelude::*;

use TokenKind::{
    Email, Emoji, Hashtag, Mention, Number, Other, Punctuation as P, Symbol, Url, Word,
};

fn tokens_with(tokenizer: &WordTokenizer, text: &str) -> Vec<(String, TokenKind)> {
    tokenizer
        .tokenize(text)
        .iter()
        .map(|t| (text[t.span()].to_string(), t.kind))
        .collect()
}

#[track_caller]
fn check(text: &str, expected: &[(&str, TokenKind)]) {
    check_with(&WordTokenizer::default(), text, expected);
}

#[track_caller]
fn check_with(tokenizer: &WordTokenizer, text: &str, expected: &[(&str, TokenKind)]) {
    let got = tokens_with(tokenizer, text);
    let expected: Vec<(String, TokenKind)> =
        expected.iter().map(|&(s, k)| (s.to_string(), k)).collect();
    assert_eq!(got, expected, "tokens of {text:?}");
}

#[test]
fn plain_words_and_punctuation() {
    check(
        "Hello,  world!\n\tIt's\r\nfine…",
        &[
            ("Hello", Word),
            (",", P),
            ("world", Word),
            ("!", P),
            ("It's", Word),
            ("fine", Word),
            ("…", P),
        ],
    );
    check("", &[]);
    check(" \t\n\u{a0}\u{3000}\u{200b}\u{feff} ", &[]);
}

#[test]
fn abbreviations_keep_their_periods() {
    check(
        "The U.S. and the U.K., e.g. Ph.D. students.",
        &[
            ("The", Word),
            ("U.S.", Word),
            ("and", Word),
            ("the", Word),
            ("U.K.", Word),
            (",", P),
            ("e.g.", Word),
            ("Ph.D.", Word),
            ("students", Word),
            (".", P),
        ],
    );
    // A single word before a period keeps the period apart (the sentence splitter decides).
    check(
        "Mr. Smith, etc.",
        &[
            ("Mr", Word),
            (".", P),
            ("Smith", Word),
            (",", P),
            ("etc", Word),
            (".", P),
        ],
    );
    // Other scripts.
    check("z.B. т.е.", &[("z.B.", Word), ("т.е.", Word)]);
    // Initials are not dotted abbreviations.
    check(
        "J. R. R. Tolkien",
        &[
            ("J", Word),
            (".", P),
            ("R", Word),
            (".", P),
            ("R", Word),
            (".", P),
            ("Tolkien", Word),
        ],
    );
}

#[test]
fn numbers() {
    check(
        "Pi is 3.14, a million is 1,000,000; the 2nd of 1990s.",
        &[
            ("Pi", Word),
            ("is", Word),
            ("3.14", Number),
            (",", P),
            ("a", Word),
            ("million", Word),
            ("is", Word),
            ("1,000,000", Number),
            (";", P),
            ("the", Word),
            ("2nd", Number),
            ("of", Word),
            ("1990s", Number),
            (".", P),
        ],
    );
    check(
        "10-20 10:30 6:30pm 1/2 12/25/2016 817-515-4741 10 - 20 10/ 3",
        &[
            ("10-20", Number),
            ("10:30", Number),
            ("6:30pm", Number),
            ("1/2", Number),
            ("12/25/2016", Number),
            ("817-515-4741", Number),
            ("10", Number),
            ("-", P),
            ("20", Number),
            ("10", Number),
            ("/", P),
            ("3", Number),
        ],
    );
    check("٣٫١٤ ४२", &[("٣٫١٤", Number), ("४२", Number)]);
}

#[test]
fn currency_and_percent_are_symbols_apart_from_the_number() {
    check(
        "$70, €5.50 and 84% (£3).",
        &[
            ("$", Symbol),
            ("70", Number),
            (",", P),
            ("€", Symbol),
            ("5.50", Number),
            ("and", Word),
            ("84", Number),
            ("%", Symbol),
            ("(", P),
            ("£", Symbol),
            ("3", Number),
            (")", P),
            (".", P),
        ],
    );
}

#[test]
fn hyphenated_words() {
    check(
        "e-mail, pay-per-view, COVID-19, U.S.-based, well‐known",
        &[
            ("e-mail", Word),
            (",", P),
            ("pay-per-view", Word),
            (",", P),
            ("COVID-19", Word),
            (",", P),
            ("U.S.-based", Word),
            (",", P),
            ("well‐known", Word),
        ],
    );
    // Dashes, double hyphens and line-end hyphens are not joins.
    check(
        "a--b c - d e-\nf g—h",
        &[
            ("a", Word),
            ("--", P),
            ("b", Word),
            ("c", Word),
            ("-", P),
            ("d", Word),
            ("e", Word),
            ("-", P),
            ("f", Word),
            ("g", Word),
            ("—", P),
            ("h", Word),
        ],
    );
    let split = WordTokenizer::new(WordOptions {
        split_hyphens: true,
        ..WordOptions::default()
    });
    check_with(
        &split,
        "pay-per-view e-mail 21-0 10:30",
        &[
            ("pay", Word),
            ("-", P),
            ("per", Word),
            ("-", P),
            ("view", Word),
            ("e", Word),
            ("-", P),
            ("mail", Word),
            ("21", Number),
            ("-", P),
            ("0", Number),
            ("10:30", Number),
        ],
    );
}

#[test]
fn ellipses_and_typewriter_dashes_are_one_token() {
    check(
        "Wait... what--really?.. U.S... ---",
        &[
            ("Wait", Word),
            ("...", P),
            ("what", Word),
            ("--", P),
            ("really", Word),
            ("?", P),
            ("..", P),
            ("U.S.", Word),
            ("..", P),
            ("---", P),
        ],
    );
}

#[test]
fn underscores_at_word_edges_are_markup() {
    check(
        "_Hamlet_ snake_case _i.e._ __init__",
        &[
            ("_", P),
            ("Hamlet", Word),
            ("_", P),
            ("snake_case", Word),
            ("_", P),
            ("i.e.", Word),
            ("_", P),
            ("_", P),
            ("_", P),
            ("init", Word),
            ("_", P),
            ("_", P),
        ],
    );
    check(
        "_1st_ ___",
        &[("_", P), ("1st", Number), ("_", P), ("___", P)],
    );
}

#[test]
fn contractions_and_apostrophes() {
    check(
        "I've can't won’t rock'n'roll o'clock dogs' 'tis",
        &[
            ("I've", Word),
            ("can't", Word),
            ("won’t", Word),
            ("rock'n'roll", Word),
            ("o'clock", Word),
            ("dogs", Word),
            ("'", P),
            ("'", P),
            ("tis", Word),
        ],
    );
    // Elisions of French, Italian and Catalan are split after the apostrophe.
    check(
        "L'homme qu'il aime jusqu'à dell’anno d'un",
        &[
            ("L'", Word),
            ("homme", Word),
            ("qu'", Word),
            ("il", Word),
            ("aime", Word),
            ("jusqu'", Word),
            ("à", Word),
            ("dell’", Word),
            ("anno", Word),
            ("d'", Word),
            ("un", Word),
        ],
    );
}

#[test]
fn urls() {
    check(
        "See https://example.com/a_b?x=1&y=2#top. (http://en.wikipedia.org/wiki/Rust_(language)) www.gutenberg.org, or example.com!",
        &[
            ("See", Word),
            ("https://example.com/a_b?x=1&y=2#top", Url),
            (".", P),
            ("(", P),
            ("http://en.wikipedia.org/wiki/Rust_(language)", Url),
            (")", P),
            ("www.gutenberg.org", Url),
            (",", P),
            ("or", Word),
            ("example.com", Url),
            ("!", P),
        ],
    );
    check(
        "“https://a.io/”",
        &[("“", P), ("https://a.io/", Url), ("”", P)],
    );
    // Not URLs.
    check(
        "http:// ftp: node.js",
        &[
            ("http", Word),
            (":", P),
            ("/", P),
            ("/", P),
            ("ftp", Word),
            (":", P),
            ("node.js", Word),
        ],
    );
}

#[test]
fn emails_mentions_hashtags() {
    check(
        "Mail jane.doe+nlp@mail.example.org or @gist_rs about #NLP2024 and #1.",
        &[
            ("Mail", Word),
            ("jane.doe+nlp@mail.example.org", Email),
            ("or", Word),
            ("@gist_rs", Mention),
            ("about", Word),
            ("#NLP2024", Hashtag),
            ("and", Word),
            ("#", P),
            ("1", Number),
            (".", P),
        ],
    );
    check(
        "(bob@example.com)",
        &[("(", P), ("bob@example.com", Email), (")", P)],
    );
    check(
        "user@host a@b.c #日本語",
        &[
            ("user", Word),
            ("@", P),
            ("host", Word),
            ("a", Word),
            ("@", P),
            ("b.c", Word),
            ("#日本語", Hashtag),
        ],
    );
}

#[test]
fn emoji_sequences() {
    check(
        "ok 👍🏽 👨‍👩‍👧‍👦 🇫🇷🇩🇪 1️⃣ ❤️ ☕ ★",
        &[
            ("ok", Word),
            ("👍🏽", Emoji),
            ("👨‍👩‍👧‍👦", Emoji),
            ("🇫🇷", Emoji),
            ("🇩🇪", Emoji),
            ("1️⃣", Emoji),
            ("❤️", Emoji),
            ("☕", Emoji),
            ("★", Symbol),
        ],
    );
    check("#️⃣ *️⃣", &[("#️⃣", Emoji), ("*️⃣", Emoji)]);
    check(
        "great!😀😀",
        &[("great", Word), ("!", P), ("😀", Emoji), ("😀", Emoji)],
    );
}

#[test]
fn other_scripts() {
    check(
        "Ελληνικά κείμενα.",
        &[("Ελληνικά", Word), ("κείμενα", Word), (".", P)],
    );
    check(
        "Привет, мир!",
        &[("Привет", Word), (",", P), ("мир", Word), ("!", P)],
    );
    check("שלום עולם", &[("שלום", Word), ("עולם", Word)]);
    check(
        "مرحبا بالعالم؟",
        &[("مرحبا", Word), ("بالعالم", Word), ("؟", P)],
    );
    check("हिन्दी भाषा।", &[("हिन्दी", Word), ("भाषा", Word), ("।", P)]);
    check(
        "日本語、",
        &[("日", Word), ("本", Word), ("語", Word), ("、", P)],
    );
    check(
        "cafe\u{301} naïve",
        &[("cafe\u{301}", Word), ("naïve", Word)],
    );
    check(
        "\u{301}x \u{0}",
        &[("\u{301}", Other), ("x", Word), ("\u{0}", Other)],
    );
}

fn analyzed(text: &str, language: Language, options: WordOptions) -> Document {
    let mut doc = Document::new("t", text).with_language(language);
    WordTokenizer::new(options).analyze(&mut doc).unwrap();
    doc
}

fn norms(doc: &Document) -> Vec<&str> {
    doc.tokens().iter().map(|t| doc.norm(t)).collect()
}

#[test]
fn norms_are_lowercase_and_unicode_correct() {
    let d = analyzed(
        "ΟΔΥΣΣΕΥΣ STRASSE Straße İstanbul",
        Language::English,
        WordOptions::default(),
    );
    assert_eq!(
        norms(&d),
        ["οδυσσευς", "strasse", "straße", "i\u{307}stanbul"]
    );
    let d = analyzed(
        "İstanbul ISPARTA",
        Language::Turkish,
        WordOptions::default(),
    );
    assert_eq!(norms(&d), ["istanbul", "ısparta"]);
    let d = analyzed(
        "Can’t CAN'T https://Example.com/A #NLP @Gist",
        Language::English,
        WordOptions::default(),
    );
    assert_eq!(
        norms(&d),
        ["can't", "can't", "https://Example.com/A", "#nlp", "@gist"]
    );
    let keep = WordOptions {
        lowercase: false,
        ..WordOptions::default()
    };
    assert_eq!(
        norms(&analyzed("The CAT", Language::English, keep)),
        ["The", "CAT"]
    );
}

#[test]
fn accent_folding_and_nfkc_options() {
    let fold = WordOptions {
        fold_accents: true,
        ..WordOptions::default()
    };
    let d = analyzed("Crème Brûlée à Łódź", Language::French, fold);
    assert_eq!(norms(&d), ["creme", "brulee", "a", "lodz"]);
    let nfkc = WordOptions {
        nfkc: true,
        ..WordOptions::default()
    };
    let d = analyzed("ﬁne ＡＢＣ e\u{301}", Language::English, nfkc);
    assert_eq!(norms(&d), ["fine", "abc", "é"]);
    let d = analyzed("ﬁne", Language::English, WordOptions::default());
    assert_eq!(norms(&d), ["ﬁne"]);
}

#[test]
fn unchanged_norms_point_into_the_source() {
    let d = analyzed("the The THE the", Language::English, WordOptions::default());
    let refs: Vec<StrRef> = d.tokens().iter().map(|t| t.norm).collect();
    assert_eq!(refs[0], StrRef::source(Span::new(0, 3)));
    assert_eq!(refs[3], StrRef::source(Span::new(12, 15)));
    assert!(matches!(refs[1].get(), StrLoc::Arena(_)));
    // "the" is stored once in the arena for both "The" and "THE".
    assert_eq!(refs[1], refs[2]);
    assert_eq!(d.strings().len(), 3);
}

#[test]
fn analyzer_replaces_tokens_and_names_itself() {
    let t = WordTokenizer::default();
    assert_eq!(t.name(), "words");
    let mut doc = Document::new("d", "a b");
    t.analyze(&mut doc).unwrap();
    t.analyze(&mut doc).unwrap();
    assert_eq!(doc.tokens().len(), 2);
}

#[test]
fn stopword_lists() {
    for &lang in Language::ALL {
        let list = stopwords::list(lang);
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "{lang} list is sorted and unique"
        );
        for w in list.iter().take(50) {
            assert!(stopwords::is_stopword(lang, w));
        }
    }
    assert_eq!(stopwords::languages().count(), 33);
    let cases = [
        (Language::English, "the", true),
        (Language::English, "wouldn't", true),
        (Language::English, "us", false), // left out by Snowball: "US"
        (Language::English, "house", false),
        (Language::French, "nous", true),
        (Language::French, "été", false),
        (Language::German, "über", true),
        (Language::German, "haus", false),
        (Language::Spanish, "estábamos", true),
        (Language::Russian, "когда", true),
        (Language::Greek, "και", true),
        (Language::Turkish, "için", true),
        (Language::Hindi, "और", true),
        (Language::Serbian, "али", true),
        (Language::Serbian, "ali", true),
        (Language::Yiddish, "און", true),
        (Language::Japanese, "の", false),
    ];
    for (lang, word, expected) in cases {
        assert_eq!(
            stopwords::is_stopword(lang, word),
            expected,
            "{lang} {word:?}"
        );
    }
    assert!(stopwords::list(Language::Chinese).is_empty());
}

#[test]
fn stopword_filter_marks_words_of_the_document_language() {
    let pipeline = Pipeline::new()
        .then(WordTokenizer::default())
        .then(StopwordFilter::default());
    let mut doc = Document::new("d", "The cat sat on THE mat, didn't it? 42")
        .with_language(Language::English);
    pipeline.analyze(&mut doc).unwrap();
    let stop: Vec<(&str, bool)> = doc
        .tokens()
        .iter()
        .map(|t| (doc.token_text(t), t.stopword))
        .collect();
    assert_eq!(
        stop,
        [
            ("The", true),
            ("cat", false),
            ("sat", false),
            ("on", true),
            ("THE", true),
            ("mat", false),
            (",", false),
            ("didn't", true),
            ("it", true),
            ("?", false),
            ("42", false),
        ]
    );
    let mut doc = Document::new("d", "Die Katze und der Hund").with_language(Language::German);
    pipeline.analyze(&mut doc).unwrap();
    let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
    assert_eq!(stop, [true, false, true, true, false]);
    // A fixed language overrides the document's.
    let mut doc = Document::new("d", "Die the").with_language(Language::German);
    Pipeline::new()
        .then(WordTokenizer::default())
        .then(StopwordFilter::for_language(Language::English))
        .analyze(&mut doc)
        .unwrap();
    let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
    assert_eq!(stop, [false, true]);
}

#[test]
fn stopword_filter_handles_elisions() {
    let mut doc = Document::new("d", "L'homme qu'il aime").with_language(Language::French);
    Pipeline::new()
        .then(WordTokenizer::default())
        .then(StopwordFilter::default())
        .analyze(&mut doc)
        .unwrap();
    let stop: Vec<(&str, bool)> = doc
        .tokens()
        .iter()
        .map(|t| (doc.norm(t), t.stopword))
        .collect();
    assert_eq!(
        stop,
        [
            ("l'", true),
            ("homme", false),
            ("qu'", true),
            ("il", true),
            ("aime", false)
        ]
    );
}

#[test]
fn stopword_filter_sees_through_accent_folding() {
    let fold = WordOptions {
        fold_accents: true,
        ..WordOptions::default()
    };
    let mut doc = Document::new("d", "Même là-bas").with_language(Language::French);
    Pipeline::new()
        .then(WordTokenizer::new(fold))
        .then(StopwordFilter::default())
        .analyze(&mut doc)
        .unwrap();
    assert_eq!(norms(&doc), ["meme", "la-bas"]);
    let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
    assert_eq!(stop, [true, false]);
}

#[test]
fn stopword_filter_needs_tokens() {
    let mut doc = Document::new("d", "some text");
    let err = StopwordFilter::default().analyze(&mut doc).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingAnnotation);
    assert_eq!(
        err.to_string(),
        "document \"d\" has no tokens: run a word tokenizer before the stopword filter"
    );
    let mut empty = Document::new("e", "  ");
    assert!(StopwordFilter::default().analyze(&mut empty).is_ok());
}

fn tokenized(text: &str) -> Document {
    let mut doc = Document::new("d", text);
    WordTokenizer::default().analyze(&mut doc).unwrap();
    doc
}

#[test]
fn ngrams_stop_at_punctuation_unless_asked() {
    let doc = tokenized("Salt, black pepper and olive oil.");
    assert_eq!(
        ngrams::joined(&doc, &NgramOptions::new(2), " "),
        ["black pepper", "pepper and", "and olive", "olive oil"]
    );
    assert_eq!(
        ngrams::joined(&doc, &NgramOptions::sizes(1, 3), " ").len(),
        1 + (5 + 4 + 3)
    );
    let across = NgramOptions {
        cross_punctuation: true,
        ..NgramOptions::new(3)
    };
    let grams = ngrams::word_ngrams(&doc, &across);
    assert_eq!(
        grams[0],
        Ngram {
            first: 0,
            last: 3,
            n: 3
        }
    );
    assert_eq!(grams[0].join(&doc, "+"), "salt+black+pepper");
    assert_eq!(grams.len(), 4);
    assert!(ngrams::word_ngrams(&doc, &NgramOptions::new(0)).is_empty());
    assert!(ngrams::word_ngrams(&doc, &NgramOptions::new(7)).is_empty());
}

#[test]
fn ngrams_respect_sentences_and_stopwords() {
    let mut doc =
        Document::new("d", "Big data. Data science is fun").with_language(Language::English);
    Pipeline::new()
        .then(WordTokenizer::default())
        .then(StopwordFilter::default())
        .analyze(&mut doc)
        .unwrap();
    doc.set_sentences(vec![Span::new(0, 9), Span::new(10, 29)])
        .unwrap();
    let across = NgramOptions {
        cross_punctuation: true,
        ..NgramOptions::new(2)
    };
    assert_eq!(
        ngrams::joined(&doc, &across, " "),
        ["big data", "data science", "science is", "is fun"]
    );
    let trimmed = NgramOptions {
        trim_stopwords: true,
        ..NgramOptions::sizes(1, 3)
    };
    assert_eq!(
        ngrams::joined(&doc, &trimmed, " "),
        [
            "big",
            "big data",
            "data",
            "data",
            "data science",
            "science",
            "science is fun",
            "fun"
        ]
    );
}

#[test]
fn normalize_functions_are_public() {
    assert_eq!(normalize::lowercase("ÀB"), "àb");
    assert_eq!(normalize::fold_accents("àb"), "ab");
    assert_eq!(normalize::nfkc("①"), "1");
}

/// Strings mixing the constructs the tokenizer treats specially, for property tests.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "é", "ß", "1", "0", ".", ",", ";", ":", "'", "’", "‘", "-", "‐", "_", "@", "#",
        "/", "//", "http", "www.", ".com", "$", "%", "(", ")", "\"", "“", " ", "\n", "\u{a0}",
        "\u{200b}", "\u{feff}", "\u{301}", "\u{200d}", "\u{fe0f}", "\u{20e3}", "👍", "🏽", "🇫",
        "日", "Σ", "İ", "ﬁ", "\u{0}", "\u{ad}", "·", "e.g", "U.S", "can't", "x@y.io",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_invariants(text: &str) {
    for options in [
        WordOptions::default(),
        WordOptions {
            split_hyphens: true,
            fold_accents: true,
            nfkc: true,
            lowercase: true,
        },
    ] {
        let tokenizer = WordTokenizer::new(options);
        let tokens = tokenizer.tokenize(text);
        let mut prev_end = 0;
        for t in &tokens {
            let s = t.span();
            assert!(s.is_valid_in(text), "{s:?} in {text:?}");
            assert!(s.start >= prev_end, "overlap at {s:?} in {text:?}");
            assert!(!s.is_empty(), "empty token in {text:?}");
            let piece = &text[s];
            assert!(
                !piece.chars().any(char::is_whitespace),
                "whitespace in {piece:?}"
            );
            prev_end = s.end;
        }
        let language = if options.fold_accents {
            Language::Turkish
        } else {
            Language::English
        };
        let mut doc = Document::new("p", text).with_language(language);
        tokenizer.analyze(&mut doc).unwrap();
        assert_eq!(doc.tokens().len(), tokens.len());
        for t in doc.tokens() {
            assert!(!doc.norm(t).is_empty() || doc.token_text(t).is_empty());
        }
        StopwordFilter::default()
            .analyze(&mut doc)
            .unwrap_or_default();
        let all = ngrams::word_ngrams(
            &doc,
            &NgramOptions {
                cross_punctuation: true,
                ..NgramOptions::sizes(1, 3)
            },
        );
        assert!(
            all.iter()
                .all(|g| g.first <= g.last && g.last < doc.tokens().len())
        );
    }
}

proptest! {
    #[test]
    fn invariants_on_arbitrary_unicode(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn invariants_on_tricky_text(text in tricky_text()) {
        check_invariants(&text);
    }

    #[test]
    fn every_non_whitespace_character_is_in_a_token(text in tricky_text()) {
        let tokens = WordTokenizer::default().tokenize(&text);
        let covered: usize = tokens.iter().map(|t| t.span().len()).sum();
        let content: usize = text
            .chars()
            .filter(|&c| !c.is_whitespace() && c != '\u{200b}' && c != '\u{feff}')
            .map(char::len_utf8)
            .sum();
        prop_assert_eq!(covered, content);
    }
}

#[test]
fn kinds_are_never_other_for_ordinary_text() {
    let text = "A plain sentence, with 3 numbers (1.5%) and “quotes” — plus $5!";
    let tokens = WordTokenizer::default().tokenize(text);
    assert!(tokens.iter().all(|t| t.kind != Other
        && t.kind != Emoji
        && t.kind != Hashtag
        && t.kind != Mention
        && t.kind != Email
        && t.kind != Url));
}

/// Inputs that would take quadratic time with a naive scanner (repeated candidates for special
/// tokens, long merge chains). A regression would make this test hang, not fail slowly.
#[test]
fn pathological_inputs_are_handled_in_one_pass() {
    const N: usize = 100_000;
    let count = |text: &str| WordTokenizer::default().tokenize(text).len();
    assert_eq!(count(&format!("ab://x{}", ")".repeat(N))), N + 1);
    assert_eq!(count(&"(www.".repeat(N)), 3 * N);
    assert_eq!(count(&"a@".repeat(N)), 2 * N);
    assert_eq!(count(&"#".repeat(N)), N);
    assert_eq!(count(&"-a".repeat(N)), 2);
    assert_eq!(count(&"1,".repeat(N)), 2);
    assert_eq!(count(&"\u{301}".repeat(N)), 1);
    assert_eq!(count(&"e.".repeat(N)), 1);
    assert_eq!(count(&format!("http://{}", "a.".repeat(N))), 2); // the URL and its final period
}
