//! Keywords, keyphrases and document frequencies.

use gist_core::{Document, Language};
use gist_tfidf::docfreq::DocFreqs;
use gist_tfidf::keywords::{Keyword, KeywordExtractor, KeywordOptions};
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn docfreqs_count_each_term_once_per_document() {
    let mut df = DocFreqs::new();
    df.add_document(["a", "b", "a", "a"]);
    df.add_document(["b", "c"]);
    df.add_document(Vec::<String>::new());
    assert_eq!(df.n_docs(), 3);
    assert_eq!(df.sorted(), [("a", 1), ("b", 2), ("c", 1)]);
    assert_eq!(df.df("zzz"), 0);
}

#[test]
fn docfreqs_idf_is_sklearn_smooth_idf() {
    let mut df = DocFreqs::new();
    for doc in [vec!["x", "y"], vec!["x"], vec!["x", "z"], vec!["w"]] {
        df.add_document(doc);
    }
    // n = 4: idf = ln(5 / (1 + df)) + 1
    assert!(close(df.idf("x"), (5.0f64 / 4.0).ln() + 1.0));
    assert!(close(df.idf("y"), (5.0f64 / 2.0).ln() + 1.0));
    assert!(close(df.idf("unseen"), 5.0f64.ln() + 1.0));
    let mut all = DocFreqs::new();
    all.add_document(["t"]);
    all.add_document(["t"]);
    assert!(close(all.idf("t"), 1.0));
}

#[test]
fn docfreqs_merge_equals_counting_everything() {
    let docs: Vec<Vec<&str>> = vec![
        vec!["red", "fish"],
        vec!["blue", "fish", "fish"],
        vec!["red", "sun"],
        vec!["moon"],
    ];
    let mut whole = DocFreqs::new();
    docs.iter().for_each(|d| whole.add_document(d));
    let mut a = DocFreqs::new();
    docs[..2].iter().for_each(|d| a.add_document(d));
    let mut b = DocFreqs::new();
    docs[2..].iter().for_each(|d| b.add_document(d));
    let mut merged = a.clone();
    merged.merge(&b);
    assert_eq!(merged, whole);
    a.merge_owned(b);
    assert_eq!(a, whole);
    assert_eq!(
        whole.sorted(),
        [
            ("blue", 1),
            ("fish", 2),
            ("moon", 1),
            ("red", 2),
            ("sun", 1)
        ]
    );
}

#[test]
fn docfreqs_round_trip_through_json_and_tsv_sorted() {
    let mut df = DocFreqs::new();
    df.add_document(["zeta", "alpha"]);
    df.add_document(["alpha", "mid term"]);
    let json = serde_json::to_string(&df).unwrap();
    assert_eq!(
        json,
        r#"{"n_docs":2,"terms":[["alpha",2],["mid term",1],["zeta",1]]}"#
    );
    assert_eq!(serde_json::from_str::<DocFreqs>(&json).unwrap(), df);
    let tsv = df.to_tsv();
    assert_eq!(tsv, "n_docs\t2\nalpha\t2\nmid term\t1\nzeta\t1\n");
    assert_eq!(DocFreqs::from_tsv(&tsv).unwrap(), df);
    let err = DocFreqs::from_tsv("n_docs\t2\nalpha\t9\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "document-frequency file, line 2: document frequency exceeds the number of documents"
    );
    assert!(serde_json::from_str::<DocFreqs>(r#"{"n_docs":1,"terms":[["a",2]]}"#).is_err());
}

#[test]
fn docfreqs_prune_keeps_idf_of_remaining_terms() {
    let mut df = DocFreqs::new();
    df.add_document(["common", "rare"]);
    df.add_document(["common"]);
    let before = df.idf("common");
    df.prune(2);
    assert_eq!(df.sorted(), [("common", 2)]);
    assert!(close(df.idf("common"), before));
    assert!(close(df.idf("rare"), 3.0f64.ln() + 1.0));
}

#[test]
fn docfreqs_from_documents_matches_sequential_count() {
    let texts: Vec<String> = (0..1000)
        .map(|i| format!("w{} w{} common w{}", i % 7, i % 13, i % 7))
        .collect();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(i.to_string(), t.clone()))
        .collect();
    let split = |d: &Document| d.text().split(' ').map(str::to_string).collect::<Vec<_>>();
    let par = DocFreqs::from_documents(&docs, split);
    let mut seq = DocFreqs::new();
    docs.iter().for_each(|d| seq.add_document(split(d)));
    assert_eq!(par, seq);
    assert_eq!(par.df("common"), 1000);
    // i % 7 == 0 for 143 of 0..1000, plus i % 13 == 0 where i % 7 != 0.
    let expected = (0..1000).filter(|i| i % 7 == 0 || i % 13 == 0).count() as u64;
    assert_eq!(par.df("w0"), expected);
}

const PARAGRAPH: &str = "Honeybees pollinate a third of the crops we eat. Since 2006, beekeepers \
in North America and Europe have reported heavy winter losses of honeybee colonies. \
Researchers blame several causes: varroa mites that spread viruses inside the hive, \
neonicotinoid pesticides sprayed on crops, and the loss of wild flowers. Varroa mites \
were first found in Europe in the 1970s. Beekeepers now treat colonies against varroa \
mites every autumn, and some countries have banned neonicotinoid pesticides.";

fn seed_article() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../seeds/000_8a26d4e9249c747d.txt"
    );
    std::fs::read_to_string(path).expect("the seed article is part of the repository")
}

fn terms(kws: &[Keyword]) -> Vec<&str> {
    kws.iter().map(|k| k.term.as_str()).collect()
}

#[test]
fn paragraph_keywords_with_background_model() {
    let ex = KeywordExtractor::default();
    let mut doc = Document::new("bees", PARAGRAPH).with_language(Language::English);
    ex.prepare(&mut doc);
    // One document: the corpus is too small, the English background model supplies the idf.
    let df = ex.doc_freqs(std::slice::from_ref(&doc));
    assert_eq!(df.n_docs(), 1);
    let kws = ex.extract(&doc, &df);
    let top = terms(&kws);
    assert_eq!(top.len(), 10);
    assert_eq!(top[0], "varroa mites", "{top:?}");
    for expected in ["beekeepers", "honeybee colonies"] {
        assert!(top.contains(&expected), "{expected} not in {top:?}");
    }
    // Without a part-of-speech tagger, "neonicotinoid pesticides" comes with its verbs
    // ("... sprayed", "banned ..."): whole runs between stopwords are preferred.
    assert!(
        top.iter().any(|t| t.contains("neonicotinoid pesticides")),
        "{top:?}"
    );
    // Best first, scores positive, grouped by stem, counted.
    assert!(kws.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(kws.iter().all(|k| k.score > 0.0));
    let mites = &kws[0];
    assert_eq!(
        (mites.stem.as_str(), mites.count, mites.words),
        ("varroa mite", 3, 2)
    );
    assert_eq!(&PARAGRAPH[mites.first.range()], "varroa mites");
    // Stopwords and punctuation never appear in candidates.
    assert!(
        kws.iter()
            .all(|k| !k.term.split(' ').any(|w| w == "the" || w == "of"))
    );
}

#[test]
fn surface_form_is_the_most_frequent_variant() {
    let mut options = KeywordOptions::default();
    options.top_k = 50;
    let ex = KeywordExtractor::new(options);
    let text = "Networks fail. The network failed again. Networks recover, networks grow.";
    let doc = Document::new("n", text).with_language(Language::English);
    let kws = ex.extract(&doc, &DocFreqs::new()); // unprepared: prepared on the fly
    let net = kws
        .iter()
        .find(|k| k.stem == "network")
        .expect("network is a candidate");
    assert_eq!((net.term.as_str(), net.count), ("networks", 4));
}

#[test]
fn the_top_k_are_the_first_k_of_the_whole_ranking() {
    // Only the best few candidates are sorted for a small top_k; the result must be the first
    // top_k of the whole list, subsumed phrases dropped alike (the seed article has hundreds
    // of candidates and phrases that subsume others).
    let extractor = |top_k: usize, drop_subsumed: bool| {
        let mut options = KeywordOptions::default();
        options.top_k = top_k;
        options.drop_subsumed = drop_subsumed;
        KeywordExtractor::new(options)
    };
    let docs = KeywordExtractor::default().prepare_all(vec![
        Document::new("seed", seed_article()).with_language(Language::English),
    ]);
    let df = KeywordExtractor::default().doc_freqs(&docs);
    for drop_subsumed in [true, false] {
        let all = extractor(usize::MAX, drop_subsumed).extract(&docs[0], &df);
        assert!(all.len() > 200, "{}", all.len());
        for top_k in [0, 1, 2, 3, 5, 10, 15, 40, 64, 65, 100, 1000] {
            let top = extractor(top_k, drop_subsumed).extract(&docs[0], &df);
            let want = &all[..top_k.min(all.len())];
            assert_eq!(terms(&top), terms(want), "top_k {top_k}, {drop_subsumed}");
            assert!(top.iter().zip(want).all(|(a, b)| a.score == b.score));
        }
    }
}

#[test]
fn seed_article_names_its_topics() {
    let ex = KeywordExtractor::default();
    let docs = ex.prepare_all(vec![
        Document::new("seed", seed_article()).with_language(Language::English),
    ]);
    let df = ex.doc_freqs(&docs);
    let kws = ex.extract(&docs[0], &df);
    let top = terms(&kws);
    assert_eq!(top[0], "child exploitation", "{top:?}");
    assert!(top.contains(&"five eyes"), "{top:?}");
    assert!(top.iter().any(|t| t.contains("dutton")), "{top:?}");
}

#[test]
fn corpus_keywords_and_corpus_idf() {
    let ex = KeywordExtractor::default();
    let mut texts: Vec<String> = PARAGRAPH.split(". ").map(str::to_string).collect();
    texts.push(seed_article());
    let docs = ex.prepare_all(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(i.to_string(), t.clone()).with_language(Language::English))
            .collect(),
    );
    let df = ex.doc_freqs(&docs);
    assert_eq!(df.n_docs(), 6);
    assert_eq!(df.df("varroa mite"), 3);
    let corpus = ex.extract_corpus(&docs, &df);
    assert_eq!(corpus.len(), 10);
    assert!(corpus.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(
        terms(&corpus).contains(&"varroa mites"),
        "{:?}",
        terms(&corpus)
    );
    let mites = corpus.iter().find(|k| k.term == "varroa mites").unwrap();
    assert_eq!((mites.count, mites.doc), (3, 2));
}

/// What a keyword job on `texts` gives, on `threads` threads: the corpus' document
/// frequencies, each document's keywords and the corpus' keywords.
#[allow(clippy::type_complexity)]
fn keyword_job(
    ex: &KeywordExtractor,
    texts: &[String],
    threads: usize,
) -> (DocFreqs, Vec<Vec<Keyword>>, Vec<Keyword>) {
    crate::on_threads(threads, || {
        let docs = ex.prepare_all(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Document::new(i.to_string(), t.clone()))
                .collect(),
        );
        let df = ex.doc_freqs(&docs);
        let keywords = ex.extract_all(&docs, &df);
        let corpus = ex.extract_corpus(&docs, &df);
        (df, keywords, corpus)
    })
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let ex = KeywordExtractor::default();
    let texts: Vec<String> = seed_article()
        .split("\n\n")
        .chain(PARAGRAPH.split(". "))
        .map(str::to_string)
        .collect();
    let run = |threads: usize| keyword_job(&ex, &texts, threads);
    let one = run(1);
    assert!(one.0.n_docs() > 5);
    assert_eq!(run(3), one);
}

#[test]
fn empty_and_odd_documents() {
    let ex = KeywordExtractor::default();
    for text in [
        "",
        "   \n\t",
        "the of and",
        "!!! ... ???",
        "12 345 6789",
        "a I x",
    ] {
        let doc = Document::new("x", text).with_language(Language::English);
        assert!(ex.extract(&doc, &DocFreqs::new()).is_empty(), "{text:?}");
    }
    // A language without a stemmer or background model still works (norms as terms).
    let doc = Document::new("ja", "Kyoto daigaku. Kyoto daigaku kenkyu.")
        .with_language(Language::Japanese);
    let kws = ex.extract(&doc, &DocFreqs::new());
    assert_eq!(
        (kws[0].term.as_str(), kws[0].stem.as_str()),
        ("kyoto daigaku", "kyoto daigaku")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn never_panics_and_spans_are_valid(text in "\\PC{0,200}", max_ngram in 0usize..5) {
        let mut options = KeywordOptions::default();
        options.max_ngram = max_ngram;
        let ex = KeywordExtractor::new(options);
        let doc = Document::new("p", text.clone()).with_language(Language::English);
        let df = ex.doc_freqs(std::slice::from_ref(&doc));
        for k in ex.extract(&doc, &df) {
            prop_assert!(k.first.get(&text).is_some());
            prop_assert!(k.score.is_finite() && k.score > 0.0);
            prop_assert!(k.words as usize <= max_ngram.max(1));
        }
    }

    /// Corpora of any size and texts, any n-gram length: document frequencies, each
    /// document's keywords and the corpus' keywords are the same on one, two and three threads.
    #[test]
    fn keywords_never_depend_on_the_number_of_threads(
        texts in proptest::collection::vec(
            "((the|of|and|bee|bees|hive|varroa|mites|[a-e]{2,5}|é[a-c])[ ,.;\n]{1,2}){0,30}",
            0..30,
        ),
        max_ngram in 1usize..4,
    ) {
        let mut options = KeywordOptions::default();
        options.max_ngram = max_ngram;
        let ex = KeywordExtractor::new(options);
        let run = |threads: usize| keyword_job(&ex, &texts, threads);
        let one = run(1);
        prop_assert_eq!(&run(2), &one);
        prop_assert_eq!(&run(3), &one);
    }

    #[test]
    fn never_panics_on_wordy_text(words in proptest::collection::vec("[a-zé]{1,8}|[.,;!?]|the|of", 0..60)) {
        let text = words.join(" ");
        let ex = KeywordExtractor::default();
        let doc = Document::new("w", text.clone()).with_language(Language::French);
        let corpus = ex.extract_corpus(std::slice::from_ref(&doc), &DocFreqs::new());
        prop_assert!(corpus.len() <= 10);
    }
}
