//! `Summarizer::summarize_text_in`, the fast path from raw text, gives exactly the summaries of
//! the Document path (`prepare` then `summarize`) — for every algorithm, length, option and
//! language, on varied and on arbitrary text — and `summarize_texts` does not depend on the
//! number of threads.

use gist_core::{Document, Language};
use gist_summarize::{
    Algorithm, IdfSource, IdfTable, Length, Summarizer, prepare, summarize_corpus, summarize_texts,
};
use proptest::prelude::*;
use std::sync::Arc;

fn prepared(text: &str, language: Language) -> Document {
    let mut d = Document::new("t", text).with_language(language);
    prepare(&mut d).unwrap();
    d
}

/// Asserts the two paths agree for `s` on `text` in `language`, for several lengths.
fn assert_same(s: &Summarizer, text: &str, language: Language) {
    let d = prepared(text, language);
    for length in [
        Length::sentences(1),
        Length::sentences(3),
        Length::words(25),
        Length::Ratio(0.5),
    ] {
        let fast = s.summarize_text_in(text, language, length);
        let slow = s.summarize(&d, length);
        assert_eq!(
            fast,
            slow,
            "{} {language} {length:?}: {text:?}",
            s.algorithm()
        );
    }
}

const TEXTS: &[(Language, &str)] = &[
    (
        Language::English,
        "Apples grow on trees in orchards. Bananas grow in tropical climates. \
         Apples, bananas, cherries and grapes are popular fruit. Cherries ripen in early summer.\n\n\
         Grapes make excellent wine. The train departed at noon.",
    ),
    (
        Language::English,
        "The U.S. economy GREW 3.5% in Q3, the Commerce Dept. said on Tuesday. Economists \
         had expected growth of 3.1%. \"It's a strong number,\" said Jane O’Neil of Acme Corp. \
         She can’t see a RECESSION before 2027. #economy @janeo Growth, growth and more growth! \
         Is this the end? Visit https://example.com/report for details... The Fed meets again \
         in December; rates may rise. Running runners ran RUNNING races; nationalization \
         nationalizations Nationalization.",
    ),
    (
        Language::French,
        "Nous avons mangé des crêpes à Paris. L’homme qu’il a vu était CONTENT. Les crêpes \
         de Paris sont les meilleures crêpes. Il pleuvait toute la journée.",
    ),
    (
        Language::German,
        "Die Häuser wurden gebaut. Die Bäume wachsen und Häuser stehen. ÜBER die Brücke gehen \
         die Menschen. Häuser, Bäume und Menschen prägen die Stadt.",
    ),
    (
        Language::Turkish,
        "İSTANBUL büyük bir şehir. Isparta ve İzmir de şehirdir. Istanbul için çok şey \
         söylendi. Bu şehir çok güzel.",
    ),
    (
        Language::Japanese,
        "東京は大きい。Tokyo is big. 東京 Tokyo 東京。Osaka too.",
    ),
    (Language::English, ""),
    (Language::English, "   \n\t "),
    (Language::English, "One sentence only"),
    (Language::English, "... !!! ??? ---"),
];

fn summarizers() -> Vec<Summarizer> {
    let table = IdfTable::from_pairs([("appl".to_string(), 3.0), ("grape".to_string(), 0.5)], 2.0);
    let mut out = Vec::new();
    for &a in Algorithm::ALL {
        out.push(Summarizer::new(a));
        out.push(Summarizer::new(a).with_mmr(0.6));
        out.push(Summarizer::new(a).with_idf(IdfSource::Uniform));
        out.push(Summarizer::new(a).with_idf(table.clone().into()));
        out.push(
            Summarizer::new(a).with_idf(IdfSource::Custom(Arc::new(|w: &str| w.len() as f64))),
        );
    }
    let mut stems = Summarizer::new(Algorithm::Gist);
    stems.options_mut().gist_stems = true;
    out.push(stems);
    let mut cues = Summarizer::new(Algorithm::Edmundson);
    cues.options_mut().bonus_words = vec!["growth".into(), "crêpes".into(), "said".into()];
    cues.options_mut().stigma_words = vec!["growth".into(), "the".into()];
    out.push(cues);
    out
}

#[test]
fn text_path_equals_document_path_on_varied_texts() {
    let summarizers = summarizers();
    for &(language, text) in TEXTS {
        for s in &summarizers {
            assert_same(s, text, language);
        }
    }
    // The results are real summaries, not both empty.
    let (language, text) = TEXTS[0];
    let s = Summarizer::default().summarize_text_in(text, language, Length::sentences(1));
    assert_eq!(
        s.texts(text),
        ["Apples, bananas, cherries and grapes are popular fruit."]
    );
    assert_eq!(
        Summarizer::default().summarize_text(text, Length::sentences(2)),
        Summarizer::default().summarize_text_in(text, Language::English, Length::sentences(2))
    );
}

#[test]
fn text_path_equals_document_path_on_real_articles() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/summarization/bbc_news/articles/tech"
    );
    let texts: Vec<String> = (1..=40)
        .filter_map(|i| std::fs::read_to_string(format!("{root}/{i:03}.txt")).ok())
        .collect();
    let summarizers = summarizers();
    for text in &texts {
        for s in &summarizers {
            assert_same(s, text, Language::English);
        }
    }
}

#[test]
fn results_do_not_depend_on_what_the_cache_holds() {
    let (language, text) = TEXTS[1];
    let s = Summarizer::new(Algorithm::LexRank);
    let first = s.summarize_text_in(text, language, Length::sentences(3));
    // Enough distinct words to empty the cache (over 65,536), then the same text again.
    let many: String = (0..70_000)
        .map(|i| format!("w{i}x{}", if i % 9 == 0 { ". " } else { " " }))
        .collect();
    let big = s.summarize_text_in(&many, language, Length::sentences(2));
    assert_eq!(
        big,
        s.summarize(&prepared(&many, language), Length::sentences(2))
    );
    assert_eq!(
        s.summarize_text_in(text, language, Length::sentences(3)),
        first
    );
    // Other languages in between (more than the cache keeps per thread).
    for &(l, t) in TEXTS.iter().skip(2) {
        s.summarize_text_in(t, l, Length::sentences(2));
    }
    assert_eq!(
        s.summarize_text_in(text, language, Length::sentences(3)),
        first
    );
    assert_eq!(
        first,
        s.summarize(&prepared(text, language), Length::sentences(3))
    );
}

#[test]
fn an_idf_function_may_itself_summarize_text() {
    let (language, text) = TEXTS[0];
    let inner = Summarizer::default();
    let s = Summarizer::new(Algorithm::LexRank).with_idf(IdfSource::Custom(Arc::new(
        move |w: &str| {
            // Uses the text path while the outer call holds this thread's cache.
            1.0 + inner.summarize_text(w, Length::sentences(1)).len() as f64 + w.len() as f64
        },
    )));
    assert_same(&s, text, language);
}

#[test]
fn text_corpus_does_not_depend_on_the_thread_count() {
    let texts: Vec<&str> = TEXTS.iter().map(|&(_, t)| t).cycle().take(40).collect();
    for &a in Algorithm::ALL {
        let s = Summarizer::new(a);
        let run = |threads: usize| {
            crate::on_threads(threads, || {
                summarize_texts(&s, &texts, Language::English, Length::sentences(2))
            })
        };
        let one = run(1);
        assert_eq!(one, run(2), "{a}");
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| prepared(t, Language::English))
            .collect();
        assert_eq!(
            one,
            summarize_corpus(&s, &docs, Length::sentences(2)),
            "{a}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn text_path_equals_document_path_on_arbitrary_text(
        text in "(\\PC|[ .!?\n'’]){0,300}",
        alg in 0usize..12,
        lang in 0usize..4,
    ) {
        let language = [Language::English, Language::French, Language::Turkish, Language::Japanese][lang];
        let d = prepared(&text, language);
        for s in [Summarizer::new(Algorithm::ALL[alg]), Summarizer::new(Algorithm::ALL[alg]).with_mmr(0.5)] {
            for length in [Length::sentences(2), Length::words(12)] {
                prop_assert_eq!(s.summarize_text_in(&text, language, length), s.summarize(&d, length));
            }
        }
    }

    #[test]
    fn text_path_equals_document_path_on_wordy_text(
        words in prop::collection::vec(prop::sample::select(vec![
            "The", "the", "CAT", "cat", "cats", "Cats", "running", "Runs", "can't", "Can’t", "U.S.",
            "e-mail", "3.5%", "#tag", "@me", "l'homme", "Ökonomie", "ÉTÉ", "I", "İ", ".", "!", "?",
            "\n\n", ",", "and", "significant", "however", "www.x.com", "—", "1,000",
        ]), 0..80),
        alg in 0usize..12,
    ) {
        let text = words.join(" ");
        let d = prepared(&text, Language::English);
        let s = Summarizer::new(Algorithm::ALL[alg]);
        for length in [Length::sentences(1), Length::sentences(3), Length::words(10)] {
            prop_assert_eq!(s.summarize_text(&text, length), s.summarize(&d, length));
        }
    }

    /// Corpora of any size and texts (empty ones, texts without sentences, single words), any
    /// algorithm, with and without MMR: the summaries are the same on one, two and three
    /// threads (the corpus' document frequencies are counted in chunks, as many as threads).
    #[test]
    fn corpus_summaries_never_depend_on_the_number_of_threads(
        texts in prop::collection::vec(
            "((the|cat|cats|sat|on|a|mat|dog|ran|far|Paris|é[a-c]|[a-e]{2,5})[ ,.!?\n]{1,2}){0,40}",
            0..25,
        ),
        alg in 0usize..12,
        mmr in any::<bool>(),
        sentences in 1usize..4,
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut s = Summarizer::new(Algorithm::ALL[alg]);
        if mmr {
            s = s.with_mmr(0.6);
        }
        let run = |threads: usize| {
            crate::on_threads(threads, || summarize_texts(&s, &texts, Language::English, Length::sentences(sentences)))
        };
        let one = run(1);
        prop_assert_eq!(&run(2), &one);
        prop_assert_eq!(&run(3), &one);
    }
}
