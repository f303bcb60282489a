use gist_core::{Analyzer, Document, ErrorKind, Language, Span, StrLoc, StrRef, Token, TokenKind};
use gist_stem::{Backend, MissingStemmer, StemFilter, Stemmer};

/// A document with whitespace-separated tokens; words unless all ASCII punctuation.
fn doc(text: &str, language: Language) -> Document {
    let mut d = Document::new("d", text).with_language(language);
    let mut tokens = Vec::new();
    let mut start = 0;
    for piece in text.split(' ') {
        let span = Span::from_range(start..start + piece.len()).unwrap();
        let kind = if piece.chars().all(|c| c.is_ascii_punctuation()) {
            TokenKind::Punctuation
        } else {
            TokenKind::Word
        };
        tokens.push(Token::new(span, kind));
        start += piece.len() + 1;
    }
    d.set_tokens(tokens).unwrap();
    d
}

fn stems(d: &Document) -> Vec<Option<&str>> {
    d.tokens().iter().map(|t| d.stem(t)).collect()
}

#[test]
fn stems_word_tokens_with_the_document_language() {
    let mut d = doc("The Cats were running , cats run", Language::English);
    StemFilter::new().analyze(&mut d).unwrap();
    assert_eq!(
        stems(&d),
        [
            Some("the"),
            Some("cat"),
            Some("were"),
            Some("run"),
            None,
            Some("cat"),
            Some("run"),
        ]
    );
    // Stems equal to the original text point into it; the others are interned once.
    assert!(matches!(d.tokens()[2].stem.get(), StrLoc::Source(_)));
    assert_eq!(d.tokens()[1].stem, d.tokens()[5].stem);
    assert_eq!(d.strings().len(), "the".len() + "cat".len() + "run".len());

    let mut d = doc("Häuser und Bäume", Language::German);
    StemFilter::new().analyze(&mut d).unwrap();
    assert_eq!(stems(&d), [Some("haus"), Some("und"), Some("baum")]);
}

#[test]
fn stems_the_normalized_form() {
    let mut d = doc("Connections", Language::English);
    let t = d.tokens_mut();
    let span = t.tokens[0].span();
    t.tokens[0].norm = t.strings.derive(t.text, span, "connexions");
    StemFilter::new().analyze(&mut d).unwrap();
    assert_eq!(stems(&d), [Some("connexion")]);
}

#[test]
fn fixed_stemmer_and_backends() {
    let mut d = doc("lichamelijke vrienden", Language::English);
    let nl = Stemmer::new(Language::Dutch).unwrap();
    StemFilter::with_stemmer(nl.clone())
        .analyze(&mut d)
        .unwrap();
    assert_eq!(
        stems(&d),
        [Some(&*nl.stem("lichamelijke")), Some(&*nl.stem("vrienden"))]
    );
    let mut d = doc("generously", Language::English);
    StemFilter::with_stemmer(Stemmer::porter())
        .analyze(&mut d)
        .unwrap();
    assert_eq!(stems(&d), [Some("gener")]);
    let mut d = doc("generously", Language::English);
    StemFilter::with_backend(Backend::Snowball2)
        .analyze(&mut d)
        .unwrap();
    assert_eq!(stems(&d), [Some("generous")]);
}

#[test]
fn languages_without_stemmer() {
    let mut d = doc("東京 です", Language::Japanese);
    StemFilter::new().analyze(&mut d).unwrap();
    assert_eq!(stems(&d), [None, None]);
    let err = StemFilter::new()
        .on_missing_stemmer(MissingStemmer::Error)
        .analyze(&mut d)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert_eq!(
        err.to_string(),
        "no stemmer for japanese (backend snowball)"
    );
}

#[test]
fn arena_and_source_norms_give_what_derive_gives() {
    // "Cats" and "CATS" get the arena norm "cats"; "cats" keeps its text; "cat" gets the
    // (artificial) norm "cats", whose stem equals its original text.
    let mut d = doc("Cats cats CATS cat ran", Language::English);
    let t = d.tokens_mut();
    for i in [0, 2, 3] {
        let span = t.tokens[i].span();
        t.tokens[i].norm = t.strings.derive(t.text, span, "cats");
    }
    let arena_before = d.strings().len();
    StemFilter::new().analyze(&mut d).unwrap();
    assert_eq!(
        stems(&d),
        [
            Some("cat"),
            Some("cat"),
            Some("cat"),
            Some("cat"),
            Some("ran")
        ]
    );
    let tokens = d.tokens();
    assert!(matches!(tokens[0].stem.get(), StrLoc::Arena(_)));
    assert_eq!(tokens[0].stem, tokens[1].stem);
    assert_eq!(tokens[0].stem, tokens[2].stem);
    assert_eq!(tokens[3].stem, StrRef::source(tokens[3].span()));
    assert_eq!(tokens[4].stem, StrRef::source(tokens[4].span()));
    // One new arena entry: "cat".
    assert_eq!(d.strings().len(), arena_before + "cat".len());
}
