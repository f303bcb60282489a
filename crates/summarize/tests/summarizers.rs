//! Summarizers: each algorithm on small documents whose expected summary is reasoned out, length
//! modes, short and empty documents, determinism across thread counts, and never panicking.

use gist_core::{Document, Language};
use gist_summarize::{
    Algorithm, IdfSource, IdfTable, Length, Options, Summarizer, Summary, prepare, summarize_corpus,
};
use proptest::prelude::*;
use std::sync::Arc;

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text).with_language(Language::English);
    prepare(&mut d).unwrap();
    d
}

fn pick(algorithm: Algorithm, d: &Document, n: usize) -> Vec<usize> {
    Summarizer::new(algorithm)
        .summarize(d, Length::sentences(n))
        .indices()
}

fn pick_with(algorithm: Algorithm, options: Options, d: &Document, n: usize) -> Vec<usize> {
    Summarizer::with_options(algorithm, options)
        .summarize(d, Length::sentences(n))
        .indices()
}

/// Sentence 2 names all four fruits the other sentences are about; sentence 5 is unrelated.
const HUB: &str = "Apples grow on trees in orchards. \
    Bananas grow in tropical climates. \
    Apples, bananas, cherries and grapes are popular fruit. \
    Cherries ripen in early summer. \
    Grapes make excellent wine. \
    The train departed at noon.";

#[test]
fn the_pipeline_splits_as_the_tests_assume() {
    let d = doc(HUB);
    assert_eq!(d.sentences().len(), 6);
    assert_eq!(
        d.sentence_text(2),
        Some("Apples, bananas, cherries and grapes are popular fruit.")
    );
    // Stems are set, stopwords marked.
    let t = &d.sentence_tokens(0)[0];
    assert_eq!(d.stem(t), Some("appl"));
    assert!(
        d.sentence_tokens(0)
            .iter()
            .any(|t| d.norm(t) == "on" && t.stopword)
    );
}

#[test]
fn lead_takes_the_first_sentences() {
    let d = doc(HUB);
    assert_eq!(pick(Algorithm::Lead, &d, 3), [0, 1, 2]);
    let s = Summarizer::new(Algorithm::Lead).summarize(&d, Length::sentences(3));
    // Scores fall with position.
    assert!(s.sentences[0].score > s.sentences[1].score);
    assert!(s.sentences[1].score > s.sentences[2].score);
}

#[test]
fn centrality_algorithms_pick_the_hub_sentence() {
    let d = doc(HUB);
    for a in [
        Algorithm::Centroid,
        Algorithm::LexRank,
        Algorithm::LexRankContinuous,
        Algorithm::TextRank,
        Algorithm::TextRankBm25,
        Algorithm::Gist,
    ] {
        assert_eq!(pick(a, &d, 1), [2], "{a}");
        // The unrelated sentence is never among the top five.
        assert!(!pick(a, &d, 5).contains(&5), "{a}");
    }
}

#[test]
fn luhn_picks_the_densest_cluster_of_significant_words() {
    // Significant words (occurring twice): solar, panel, sunlight, electricity. Sentence 1 has
    // the four in a cluster of seven tokens (16/7); sentence 2 has them back to back (16/4).
    let d = doc("The weather was pleasant in the morning. \
        Solar panels quietly convert sunlight into electricity. \
        Solar panels, sunlight, electricity. \
        Farmers discussed prices at the market.");
    assert_eq!(pick(Algorithm::Luhn, &d, 1), [2]);
    assert_eq!(pick(Algorithm::Luhn, &d, 2), [1, 2]);
    let scores = Summarizer::new(Algorithm::Luhn).scores(&d);
    assert!((scores[2] - 4.0).abs() < 1e-12, "{scores:?}");
    assert!((scores[1] - 16.0 / 7.0).abs() < 1e-12, "{scores:?}");
    assert_eq!(scores[0], 0.0);
}

#[test]
fn lsa_picks_the_sentence_strongest_in_the_main_topic() {
    // Three sentences about football, one about music: the first latent topic is football, and
    // sentence 1 carries the most of it.
    let d = doc("Football match goal. Football match goal team. Football goal. Piano concert.");
    let o = Options {
        lsa_dimensions: 1,
        ..Options::default()
    };
    assert_eq!(pick_with(Algorithm::Lsa, o, &d, 1), [1]);
    // The music sentence lies outside the main topic: it scores 0 with one dimension.
    let o = Options {
        lsa_dimensions: 1,
        ..Options::default()
    };
    let scores = Summarizer::with_options(Algorithm::Lsa, o).scores(&d);
    assert!(scores[3].abs() < 1e-9, "{scores:?}");
}

#[test]
fn sumbasic_follows_its_greedy_rule() {
    // Stems: stock ×3, ralli ×2, strong ×2, fell ×2, today, bond, sharpli (12 tokens).
    // Step 1: the top word is "stock"; the best mean among its sentences is sentence 2
    // ((3 + 2) / 12 / 2 ≈ 0.208). Step 2: "stock" and "fell" are squared; the top word is now
    // "ralli" (first seen of the 2/12 words), and sentence 0 beats sentence 1 on the mean.
    let d = doc(
        "Stocks rallied strongly. Stocks rallied strongly today. Stocks fell. Bonds fell sharply.",
    );
    let s = Summarizer::new(Algorithm::SumBasic);
    assert_eq!(s.summarize(&d, Length::sentences(1)).indices(), [2]);
    assert_eq!(s.summarize(&d, Length::sentences(2)).indices(), [0, 2]);
    let scores = s.scores(&d);
    assert!((scores[2] - 5.0 / 24.0).abs() < 1e-12, "{scores:?}");
}

#[test]
fn klsum_picks_the_sentence_closest_to_the_document_distribution() {
    // The document is half apples, half pears; only sentence 2 has both, in that proportion.
    let d = doc("Apples. Pears. Apples and pears.");
    assert_eq!(pick(Algorithm::KlSum, &d, 1), [2]);
}

#[test]
fn edmundson_uses_the_title_from_metadata() {
    let text = "Residents watched the sky. \
        A volcano erupted near the town in Iceland. \
        Flights were cancelled. \
        Officials said more news would follow.";
    // Without a title: location favours sentence 0 (1 + 0.5), sentence 3 ties it with the
    // bonus word "said" (0.5 + 1); the tie goes to the earlier sentence.
    let d = doc(text);
    assert_eq!(pick(Algorithm::Edmundson, &d, 1), [0]);
    // With the title, sentence 1 shares "volcano" and "iceland" with it (0.5 + 2).
    let mut d = doc(text);
    d.metadata
        .insert("title".into(), "Volcano erupts in Iceland".into());
    assert_eq!(pick(Algorithm::Edmundson, &d, 1), [1]);
    let scores = Summarizer::new(Algorithm::Edmundson).scores(&d);
    assert_eq!(scores, [1.5, 2.5, 0.5, 1.5]);
}

#[test]
fn mmr_avoids_a_near_duplicate() {
    // Sentences 0 and 1 are the same; by score alone both are taken, with MMR the second is
    // replaced by a different sentence.
    let text = "Apples, bananas and cherries are fruit. \
        Apples, bananas and cherries are fruit! \
        Bananas are yellow fruit. \
        Cherries are red fruit.";
    let d = doc(text);
    let by_score = pick(Algorithm::Centroid, &d, 2);
    assert_eq!(by_score, [0, 1]);
    let o = Options {
        mmr_lambda: Some(0.5),
        ..Options::default()
    };
    let with_mmr = pick_with(Algorithm::Centroid, o, &d, 2);
    assert_eq!(with_mmr.len(), 2);
    assert!(
        with_mmr.contains(&0) && !with_mmr.contains(&1),
        "{with_mmr:?}"
    );
    // λ = 1 is selection by score.
    let o = Options {
        mmr_lambda: Some(1.0),
        ..Options::default()
    };
    assert_eq!(pick_with(Algorithm::Centroid, o, &d, 2), [0, 1]);
}

#[test]
fn idf_sources_plug_in() {
    let d = doc(HUB);
    // A background model that finds "fruit" everywhere and "train" rare makes the unrelated
    // sentence the centroid's favourite among sentences 3..6.
    let custom = IdfSource::Custom(Arc::new(|t: &str| if t == "train" { 50.0 } else { 1.0 }));
    let s = Summarizer::new(Algorithm::Centroid).with_idf(custom);
    assert_eq!(s.summarize(&d, Length::sentences(1)).indices(), [5]);
    // A table fitted on a corpus.
    let corpus = vec![
        doc(HUB),
        doc("Apples are sweet. Bananas are long."),
        doc("Cherries."),
    ];
    let table = IdfTable::from_documents(&corpus);
    assert_eq!(table.idf("appl"), table.idf("banana"));
    assert!(table.idf("grape") > table.idf("appl"));
    assert!(table.idf("unseen") > table.idf("grape"));
    let s = Summarizer::new(Algorithm::LexRank).with_idf(table.into());
    assert_eq!(s.summarize(&d, Length::sentences(1)).len(), 1);
    let s = Summarizer::new(Algorithm::Centroid).with_idf(IdfSource::Uniform);
    assert_eq!(s.summarize(&d, Length::sentences(1)).indices(), [2]);
}

#[test]
fn length_modes() {
    let d = doc(HUB);
    let s = Summarizer::new(Algorithm::Lead);
    assert_eq!(s.summarize(&d, Length::Ratio(0.5)).indices(), [0, 1, 2]);
    assert_eq!(s.summarize(&d, Length::Ratio(0.01)).indices(), [0]);
    assert_eq!(s.summarize(&d, Length::Ratio(7.0)).len(), 6);
    assert_eq!(s.summarize(&d, Length::Ratio(f64::NAN)).indices(), [0]);
    // Words: sentence lengths are 6, 5, 8, 5, 4, 5 words. A budget of 12 takes sentences 0 and
    // 1 (11 words); sentence 2 would overflow, and so would the rest.
    assert_eq!(s.summarize(&d, Length::words(12)).indices(), [0, 1]);
    // 15: 0 and 1 (11), then 4 (4 words) still fits.
    assert_eq!(s.summarize(&d, Length::words(15)).indices(), [0, 1, 4]);
    // A budget below every sentence still returns the best one.
    assert_eq!(s.summarize(&d, Length::words(1)).indices(), [0]);
    assert_eq!(Length::sentences(0), Length::sentences(1));
}

#[test]
fn short_and_empty_documents() {
    let d = doc("Only one sentence here. And a second.");
    for &a in Algorithm::ALL {
        let s = Summarizer::new(a).summarize(&d, Length::sentences(5));
        assert_eq!(s.indices(), [0, 1], "{a}");
        for empty in ["", "   \n\t  "] {
            let e = doc(empty);
            assert!(
                Summarizer::new(a)
                    .summarize(&e, Length::sentences(3))
                    .is_empty(),
                "{a}"
            );
        }
        // Sentences without any content word (numbers, stopwords, punctuation only).
        let d = doc("The. It is. 42! ?");
        let s = Summarizer::new(a).summarize(&d, Length::sentences(2));
        assert_eq!(s.len(), 2.min(d.sentences().len()), "{a}");
    }
    // An unanalyzed document (no sentences) gives an empty summary, not an error.
    let raw = Document::new("raw", "Text without analysis.");
    assert_eq!(
        Summarizer::default().summarize(&raw, Length::sentences(1)),
        Summary::default()
    );
}

#[test]
fn summaries_are_spans_in_text_order_with_scores() {
    let d = doc(HUB);
    for &a in Algorithm::ALL {
        let s = Summarizer::new(a).summarize(&d, Length::sentences(3));
        assert_eq!(s.len(), 3, "{a}");
        assert!(
            s.sentences.windows(2).all(|w| w[0].index < w[1].index),
            "{a}"
        );
        for x in &s.sentences {
            assert_eq!(x.span, d.sentences()[x.index]);
            assert!(x.score.is_finite());
        }
        assert_eq!(s.texts(d.text()).len(), 3);
        // The chosen sentences score at least as high as every sentence left out.
        let scores = Summarizer::new(a).scores(&d);
        let min_chosen = s
            .sentences
            .iter()
            .map(|x| x.score)
            .fold(f64::INFINITY, f64::min);
        for (i, &sc) in scores.iter().enumerate() {
            if !s.indices().contains(&i) {
                assert!(
                    sc <= min_chosen,
                    "{a}: sentence {i} scores {sc} > {min_chosen}"
                );
            }
        }
    }
}

#[test]
fn algorithm_names_round_trip() {
    for &a in Algorithm::ALL {
        assert_eq!(a.name().parse::<Algorithm>().unwrap(), a);
        assert_eq!(a.to_string(), a.name());
    }
    assert_eq!(
        "default".parse::<Algorithm>().unwrap(),
        Algorithm::default()
    );
    assert_eq!(Algorithm::DEFAULT, Algorithm::Gist);
    assert_eq!(
        "TextRank_BM25".parse::<Algorithm>().unwrap(),
        Algorithm::TextRankBm25
    );
    assert_eq!("kl-sum".parse::<Algorithm>().unwrap(), Algorithm::KlSum);
    let err = "nope".parse::<Algorithm>().unwrap_err().to_string();
    assert!(
        err.starts_with(
            "unknown summarization algorithm \"nope\" (expected one of: default, lead,"
        ),
        "{err}"
    );
    let names = [
        "lead",
        "centroid",
        "luhn",
        "lexrank",
        "lexrank-continuous",
        "textrank",
        "textrank-bm25",
        "lsa",
        "sumbasic",
        "klsum",
        "edmundson",
        "gist",
    ];
    assert_eq!(
        Algorithm::ALL.iter().map(|a| a.name()).collect::<Vec<_>>(),
        names
    );
}

fn corpus() -> Vec<Document> {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/summarization/bbc_news/articles/politics"
    );
    let mut texts: Vec<String> = (1..=24)
        .filter_map(|i| std::fs::read_to_string(format!("{root}/{i:03}.txt")).ok())
        .collect();
    if texts.is_empty() {
        // Without the shared data: generated documents of varied shapes.
        texts = (0..24)
            .map(|i| {
                (0..(3 + i % 9))
                    .map(|j| {
                        format!(
                            "Sentence {j} of document {i} mentions topic {} and topic {}.",
                            j % 4,
                            (i + j) % 5
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
    }
    texts.iter().map(|t| doc(t)).collect()
}

#[test]
fn corpus_summaries_do_not_depend_on_the_thread_count() {
    let docs = corpus();
    for &a in Algorithm::ALL {
        let s = Summarizer::new(a).with_mmr(0.7);
        let run = |threads: usize| {
            crate::on_threads(threads, || {
                summarize_corpus(&s, &docs, Length::sentences(3))
            })
        };
        let one = run(1);
        let two = run(2);
        assert_eq!(one, two, "{a}");
        assert_eq!(one.len(), docs.len());
        for (d, sum) in docs.iter().zip(&one) {
            assert_eq!(sum.len(), 3.min(d.sentences().len()), "{a}");
            assert_eq!(sum, &s.summarize(d, Length::sentences(3)), "{a}");
        }
    }
}

#[test]
fn long_documents_use_the_approximate_svd_consistently() {
    // Long documents go through subspace iteration: results stay valid and repeatable.
    let text: String = (0..300)
        .map(|i| format!("Topic {} item {} concerns area {}. ", i % 7, i % 13, i % 3))
        .collect();
    let d = doc(&text);
    assert!(d.sentences().len() > 32);
    let s = Summarizer::new(Algorithm::Lsa);
    let a = s.summarize(&d, Length::sentences(5));
    assert_eq!(a.len(), 5);
    assert_eq!(a, s.summarize(&d, Length::sentences(5)));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(text in "(\\PC|[ .!?\n]){0,300}", n in 1usize..6, words in 1usize..40, alg in 0usize..12) {
        let a = Algorithm::ALL[alg];
        let d = doc(&text);
        let s = Summarizer::new(a).with_mmr(0.6);
        for length in [Length::sentences(n), Length::words(words), Length::Ratio(n as f64 / 5.0)] {
            let sum = s.summarize(&d, length);
            prop_assert!(sum.len() <= d.sentences().len());
            if !d.sentences().is_empty() {
                prop_assert!(!sum.is_empty());
            }
            for x in &sum.sentences {
                prop_assert!(x.span.get(d.text()).is_some());
                prop_assert!(x.score.is_finite());
            }
            prop_assert!(sum.sentences.windows(2).all(|w| w[0].index < w[1].index));
        }
    }
}
