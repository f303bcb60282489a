//! Keywords, keyphrases and document frequencies.

use gist_core::Document;
use gist_tfidf::docfreq::DocFreqs;

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
