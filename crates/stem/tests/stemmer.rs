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
