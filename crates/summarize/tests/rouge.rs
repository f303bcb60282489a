//! ROUGE parity with Google's rouge-score 0.1.2 and the NLTK-compatible Porter stemmer.

use gist_summarize::rouge::{
    Metric, RougeMean, RougeOptions, RougePair, RougeReport, RougeScorer, RougeScores, Score,
    porter,
};
use proptest::prelude::*;

fn scorer(stemming: bool) -> RougeScorer {
    RougeScorer::new(RougeOptions::default().with_stemming(stemming))
}

/// (reference, candidate, [rouge1, rouge2, rougeL] as (precision, recall, F1)).
type Case = (&'static str, &'static str, [(f64, f64, f64); 3]);

fn check(stemming: bool, cases: &[Case]) {
    let s = scorer(stemming);
    for (reference, candidate, expected) in cases {
        let got = s.score(reference, candidate);
        for (metric, want) in Metric::ALL.iter().zip(expected) {
            let g = got.get(*metric).unwrap();
            for (name, g, w) in [
                ("precision", g.precision, want.0),
                ("recall", g.recall, want.1),
                ("fmeasure", g.fmeasure, want.2),
            ] {
                assert!(
                    (g - w).abs() < 1e-9,
                    "stemming={stemming} {metric}.{name} of {reference:?} vs {candidate:?}: {g} != {w}"
                );
            }
        }
    }
}

// Expected values: rouge_score 0.1.2, RougeScorer(["rouge1", "rouge2", "rougeL"],
// use_stemmer=False / True).score(reference, candidate), rounded to 12 digits, run in .venv.
const THIRD: f64 = 0.333333333333;

#[test]
fn matches_rouge_score_without_stemming() {
    check(
        false,
        &[
            (
                "The quick brown fox jumps over the lazy dog",
                "The quick brown dog jumps on the log.",
                [
                    (0.75, 0.666666666667, 0.705882352941),
                    (0.285714285714, 0.25, 0.266666666667),
                    (0.625, 0.555555555556, 0.588235294118),
                ],
            ),
            (
                "Running runners ran quickly; the runs were run.",
                "runner running run",
                [
                    (0.666666666667, 0.25, 0.363636363636),
                    (0.0, 0.0, 0.0),
                    (0.666666666667, 0.25, 0.363636363636),
                ],
            ),
            ("", "", [(0.0, 0.0, 0.0); 3]),
            ("", "something here", [(0.0, 0.0, 0.0); 3]),
            ("...", "!!!", [(0.0, 0.0, 0.0); 3]),
            (
                "police killed the gunman",
                "police kill the gunman",
                [
                    (0.75, 0.75, 0.75),
                    (THIRD, THIRD, THIRD),
                    (0.75, 0.75, 0.75),
                ],
            ),
            (
                "the gunman kill police",
                "police kill the gunman",
                [(1.0, 1.0, 1.0), (THIRD, THIRD, THIRD), (0.5, 0.5, 0.5)],
            ),
            (
                "Naïve café owners' résumés: İstanbul, \u{212a}elvin",
                "naive cafe owners resumes istanbul kelvin",
                [(THIRD, 0.2, 0.25), (0.0, 0.0, 0.0), (THIRD, 0.2, 0.25)],
            ),
            (
                "a a a b",
                "a b b b",
                [(0.5, 0.5, 0.5), (THIRD, THIRD, THIRD), (0.5, 0.5, 0.5)],
            ),
            (
                "Generalizations of relational databases were conditional.",
                "The generalization of a relational database is conditional",
                [
                    (0.375, 0.5, 0.428571428571),
                    (0.0, 0.0, 0.0),
                    (0.375, 0.5, 0.428571428571),
                ],
            ),
        ],
    );
}

#[test]
fn matches_rouge_score_with_stemming() {
    check(
        true,
        &[
            (
                "The quick brown fox jumps over the lazy dog",
                "The quick brown dog jumps on the log.",
                [
                    (0.75, 0.666666666667, 0.705882352941),
                    (0.285714285714, 0.25, 0.266666666667),
                    (0.625, 0.555555555556, 0.588235294118),
                ],
            ),
            (
                "Running runners ran quickly; the runs were run.",
                "runner running run",
                [
                    (1.0, 0.375, 0.545454545455),
                    (0.0, 0.0, 0.0),
                    (1.0, 0.375, 0.545454545455),
                ],
            ),
            ("", "", [(0.0, 0.0, 0.0); 3]),
            ("", "something here", [(0.0, 0.0, 0.0); 3]),
            (
                "police killed the gunman",
                "police kill the gunman",
                [(1.0, 1.0, 1.0); 3],
            ),
            (
                "Naïve café owners' résumés: İstanbul, \u{212a}elvin",
                "naive cafe owners resumes istanbul kelvin",
                [(THIRD, 0.2, 0.25), (0.0, 0.0, 0.0), (THIRD, 0.2, 0.25)],
            ),
            (
                "Generalizations of relational databases were conditional.",
                "The generalization of a relational database is conditional",
                [
                    (0.625, 0.833333333333, 0.714285714286),
                    (0.285714285714, 0.4, THIRD),
                    (0.625, 0.833333333333, 0.714285714286),
                ],
            ),
        ],
    );
}

#[test]
fn tokenizer_matches_rouge_score() {
    // rouge_score.tokenize.tokenize(text, stemmer) in .venv.
    let text = "Dr. O'Neill's 2,500 U.S.-made İstanbul \u{212a}-cars — naïve!";
    assert_eq!(
        scorer(false).tokenize(text),
        [
            "dr", "o", "neill", "s", "2", "500", "u", "s", "made", "i", "stanbul", "k", "cars",
            "na", "ve"
        ]
    );
    assert_eq!(
        scorer(true).tokenize("The runners were running generalizations"),
        ["the", "runner", "were", "run", "gener"]
    );
}

#[test]
fn selected_metrics_only() {
    let s = RougeScorer::new(RougeOptions::default().with_metrics(&[Metric::RougeL]));
    let r = s.score("a b c", "a c");
    assert_eq!(r.rouge1, None);
    assert_eq!(r.rouge2, None);
    assert_eq!(r.rougel.unwrap().recall, 2.0 / 3.0);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        json,
        r#"{"rougeL":{"precision":1.0,"recall":0.6666666666666666,"fmeasure":0.8}}"#
    );
}

#[test]
fn mean_over_documents() {
    let s = scorer(false);
    let a = s.score("a b c d", "a b c d"); // all 1
    let b = s.score("a b c d", "x y"); // all 0
    let m = RougeScores::mean([&a, &b]);
    assert_eq!(m.rouge1.unwrap().fmeasure, 0.5);
    assert_eq!(m.rouge2.unwrap().precision, 0.5);
    assert_eq!(RougeScores::mean([]), RougeScores::default());
    let mut acc = RougeMean::default();
    acc.add(&a);
    assert_eq!(acc.count(), 1);
    assert_eq!(
        acc.mean().rougel,
        Some(Score {
            precision: 1.0,
            recall: 1.0,
            fmeasure: 1.0
        })
    );
}

#[test]
fn evaluate_reports_documents_in_order_and_serializes() {
    let s = scorer(true);
    let pairs = [
        RougePair {
            id: "d1",
            reference: "the cat sat",
            system: "the cat sat",
        },
        RougePair {
            id: "d2",
            reference: "police killed the gunman",
            system: "police kill the gunman",
        },
        RougePair {
            id: "d3",
            reference: "one two",
            system: "",
        },
    ];
    let report = s.evaluate(&pairs);
    assert_eq!(report.documents, 3);
    let ids: Vec<&str> = report.per_document.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3"]);
    assert_eq!(report.per_document[2].scores.rouge1.unwrap().fmeasure, 0.0);
    assert!((report.mean.rouge1.unwrap().fmeasure - 2.0 / 3.0).abs() < 1e-12);
    let json = serde_json::to_string(&report).unwrap();
    let back: RougeReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn porter_matches_nltk_on_fixture_vocabulary() {
    let fixture = include_str!("fixtures/rouge_porter_nltk.tsv");
    let mut n = 0;
    let mut wrong = Vec::new();
    for line in fixture.lines() {
        let (word, expected) = line.split_once('\t').unwrap();
        let got = porter::stem(word);
        if got != expected {
            wrong.push(format!("{word}: {got} != {expected}"));
        }
        n += 1;
    }
    assert_eq!(n, 4261);
    assert!(
        wrong.is_empty(),
        "{} differ from NLTK: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}

proptest! {
    #[test]
    fn never_panics_and_stays_in_range(reference in "\\PC{0,80}", candidate in "\\PC{0,80}") {
        for stemming in [false, true] {
            let r = scorer(stemming).score(&reference, &candidate);
            for m in Metric::ALL {
                let s = r.get(m).unwrap();
                for x in [s.precision, s.recall, s.fmeasure] {
                    prop_assert!((0.0..=1.0).contains(&x));
                }
            }
        }
        let _ = porter::stem(&reference);
    }

    #[test]
    fn identical_texts_score_one(words in proptest::collection::vec("[a-z]{1,8}", 2..20)) {
        let text = words.join(" ");
        let r = scorer(true).score(&text, &text);
        for m in Metric::ALL {
            prop_assert_eq!(r.get(m).unwrap().fmeasure, 1.0);
        }
    }
}
