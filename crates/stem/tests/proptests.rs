//! No input panics, on either backend, for any algorithm.

use gist_core::{Analyzer, Document, Language, Span, Token, TokenKind};
use gist_stem::{Algorithm, Backend, StemFilter, Stemmer};
use proptest::prelude::*;

fn all_stemmers() -> Vec<Stemmer> {
    Backend::ALL
        .iter()
        .flat_map(|&b| Algorithm::all().filter_map(move |a| Stemmer::for_algorithm(a, b).ok()))
        .collect()
}

fn check_word(stemmers: &[Stemmer], word: &str) {
    for s in stemmers {
        let stem = s.stem(word);
        if s.algorithm().language() != Language::Turkish {
            // Lowercasing first means the case of the input does not matter.
            assert_eq!(stem, s.stem(&word.to_lowercase()), "{s:?} {word:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_unicode_never_panics(word in any::<String>()) {
        check_word(&all_stemmers(), &word);
    }

    #[test]
    fn greek_letter_strings_never_panic(word in "[α-ωάέήίόύώϊϋΐΰςΑ-Ω]{0,16}") {
        check_word(&all_stemmers(), &word);
    }

    #[test]
    fn suffix_heavy_greek_never_panics(
        stem in "(ισα|αντι|δ|θ|υ|αν|σκ|παρακαλ|αγαμ)?[α-ω]{0,3}",
        suffixes in prop::collection::vec(
            "ισα|ισε|ισες|ετε|ησετε|αγαμε|ουσα|ακια|ων|ες|ος|ιζα|ωθηκα|πυρ|τιθ|καθ",
            0..4,
        ),
    ) {
        let word = format!("{stem}{}", suffixes.concat());
        check_word(&all_stemmers(), &word);
    }

    #[test]
    fn stem_filter_never_fails_on_arbitrary_text(text in any::<String>(), lang in 0..Language::ALL.len()) {
        let mut doc = Document::new("p", text.clone()).with_language(Language::ALL[lang]);
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    tokens.push(Token::new(Span::from_range(s..i).unwrap(), TokenKind::Word));
                    start = None;
                }
                _ => {}
            }
        }
        doc.set_tokens(tokens).unwrap();
        for backend in Backend::ALL {
            StemFilter::with_backend(*backend).analyze(&mut doc).unwrap();
            if let Ok(s) = Stemmer::with_backend(doc.language, *backend) {
                for t in doc.tokens() {
                    prop_assert_eq!(doc.stem(t), Some(&*s.stem(doc.token_text(t))));
                }
            }
        }
    }
}
