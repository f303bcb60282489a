use gist_core::ErrorKind;
use gist_stem::{Algorithm, Backend, Language, Stemmer};

fn check(stemmer: &Stemmer, cases: &[(&str, &str)]) {
    for &(word, stem) in cases {
        assert_eq!(stemmer.stem(word), stem, "{:?} of {word:?}", stemmer);
    }
}

#[test]
fn english_porter2_and_porter() {
    let en = Stemmer::new(Language::English).unwrap();
    check(
        &en,
        &[
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("generously", "generous"),
            ("Running", "run"),
            ("CONNECTIONS", "connect"),
            ("", ""),
        ],
    );
    let porter = Stemmer::porter();
    assert_eq!(porter.algorithm(), Algorithm::Porter);
    check(&porter, &[("generously", "gener"), ("ponies", "poni")]);
}

#[test]
fn unsupported_languages_are_errors_naming_them() {
    let err = Stemmer::new(Language::Chinese).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert_eq!(err.to_string(), "no stemmer for chinese (backend snowball)");
    let err = Stemmer::with_backend(Language::Czech, Backend::Snowball2).unwrap_err();
    assert_eq!(err.to_string(), "no stemmer for czech (backend snowball2)");
    let err = Stemmer::for_algorithm(Algorithm::Lovins, Backend::Snowball2).unwrap_err();
    assert_eq!(err.to_string(), "no stemmer for lovins (backend snowball2)");
}

#[test]
fn every_algorithm_has_a_default_backend_stemmer() {
    let mut n = 0;
    for a in Algorithm::all() {
        let s = Stemmer::for_algorithm(a, Backend::Snowball).unwrap();
        assert_eq!(s.algorithm(), a);
        assert_eq!(a.name().parse::<Algorithm>().unwrap(), a);
        n += 1;
    }
    // 33 languages of gist-core with a Snowball stemmer, and 4 historical algorithms.
    assert_eq!(n, 37);
}

#[test]
fn turkish_lowercases_dotted_and_dotless_i() {
    let tr = Stemmer::new(Language::Turkish).unwrap();
    assert_eq!(tr.stem("İstanbul'da"), tr.stem("istanbul'da"));
    assert_eq!(tr.stem("KITAPLAR"), tr.stem("kıtaplar"));
}

#[test]
fn greek_words_that_panic_rust_stemmers_do_not_panic() {
    let el2 = Stemmer::with_backend(Language::Greek, Backend::Snowball2).unwrap();
    let el = Stemmer::new(Language::Greek).unwrap();
    for w in [
        "ισαισα",
        "ΊΣΑΙΣΑΝ",
        "ισαισεσ",
        "αντιθετε",
        "αντιθέτεαγαμε",
        "δπυρετε",
        "θκαθετε",
    ] {
        // Snowball 2 returns these lowercased and unstemmed; current Snowball stems them.
        assert_eq!(el2.stem(w), w.to_lowercase(), "{w}");
        let _ = el.stem(w);
    }
}

#[test]
fn overlong_words_are_lowercased_not_stemmed() {
    let word = "Connections".repeat(gist_stem::MAX_WORD_BYTES / 11 + 1);
    for backend in Backend::ALL {
        let en = Stemmer::with_backend(Language::English, *backend).unwrap();
        assert_eq!(en.stem(&word), word.to_lowercase());
        let just_fits = "Connections".repeat(gist_stem::MAX_WORD_BYTES / 11);
        assert!(en.stem(&just_fits).ends_with("connect"));
    }
}

#[test]
fn backends_and_algorithms_by_name() {
    assert_eq!(Backend::default(), Backend::Snowball);
    assert_eq!(Backend::Snowball2.to_string(), "snowball2");
    assert_eq!(
        "Porter2".parse::<Algorithm>().unwrap(),
        Algorithm::Language(Language::English)
    );
    assert_eq!(
        "early-modern-english".parse::<Algorithm>().unwrap(),
        Algorithm::EarlyModernEnglish
    );
    assert_eq!(
        "klingon".parse::<Algorithm>().unwrap_err().to_string(),
        "unknown stemming algorithm \"klingon\" (expected a language name or code such as \
         \"english\" or \"de\", or one of \"porter\", \"lovins\", \"dutch_porter\", \
         \"earlymodernenglish\")"
    );
    assert!(Algorithm::Porter.is_supported_by(Backend::Snowball));
    assert!(!Algorithm::Porter.is_supported_by(Backend::Snowball2));
    assert!(Algorithm::DutchPorter.is_supported_by(Backend::Snowball2));
    assert_eq!(Algorithm::Lovins.language(), Language::English);
    // Snowball 2's Dutch is today's Dutch-Porter.
    let dp = Stemmer::for_algorithm(Algorithm::DutchPorter, Backend::Snowball).unwrap();
    let nl2 = Stemmer::with_backend(Language::Dutch, Backend::Snowball2).unwrap();
    assert_eq!(dp.stem("aanbevelingen"), nl2.stem("aanbevelingen"));
}
