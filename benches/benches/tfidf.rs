//! The TF-IDF vectorizer on real text: fit, transform and fit_transform.
//!
//! Run with `cargo bench -p gist-benches --bench tfidf`. The documents are paragraph groups of
//! about [`DOC_BYTES`] from the first [`CORPUS_BYTES`] of the benchmark corpus (English
//! Gutenberg books, else `seeds/`; see `gist_benches`). Throughput is in MB/s of input text
//! (`Throughput::Bytes`). Groups, each with scikit-learn's default options (`default`) and with
//! `stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=2` (`bigrams`):
//!
//! - `tfidf_fit`, `tfidf_transform` (with a model fitted on the same documents),
//!   `tfidf_fit_transform`: on a rayon pool of 1 thread and of 2 threads.
//! - `hashing_transform`: the hashing vectorizer (2^20 columns), 1 and 2 threads.
//! - `matrix_market_write`: the `default` matrix of the documents written in Matrix Market
//!   format (what `gist tfidf transform` writes) into a sink, 1 and 2 threads: the formatting
//!   alone. Throughput in matrix entries.
//!
//! The side-by-side comparison with scikit-learn (same documents, same machine, peak memory)
//! is `scripts/compare_tfidf.py`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gist_tfidf::{
    DfThreshold, HashingOptions, HashingVectorizer, StopWords, TfidfOptions, TfidfVectorizer,
};
use std::hint::black_box;
use std::time::Duration;

/// Bytes of text vectorized per iteration.
const CORPUS_BYTES: usize = 4_000_000;
/// Approximate size of one document.
const DOC_BYTES: usize = 2_000;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

fn option_sets() -> Vec<(&'static str, TfidfOptions)> {
    let mut bigrams = TfidfOptions::default();
    bigrams.text.stop_words = StopWords::English;
    bigrams.sublinear_tf = true;
    bigrams.text.ngram_range = (1, 2);
    bigrams.min_df = DfThreshold::Count(2);
    vec![("default", TfidfOptions::default()), ("bigrams", bigrams)]
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
}

fn tfidf(c: &mut Criterion) {
    let docs = gist_benches::document_texts(CORPUS_BYTES, DOC_BYTES);
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    for (name, options) in option_sets() {
        let mut fitted = TfidfVectorizer::new(options.clone()).expect("valid options");
        fitted.fit(&docs).expect("a vocabulary");
        for threads in [1, 2] {
            let pool = pool(threads);
            let id = format!("{name}/{threads}-thread");
            let mut g = c.benchmark_group("tfidf_fit");
            g.throughput(Throughput::Bytes(bytes));
            g.bench_function(&id, |b| {
                b.iter(|| {
                    pool.install(|| {
                        let mut v = TfidfVectorizer::new(options.clone()).expect("valid options");
                        v.fit(black_box(&docs)).expect("a vocabulary");
                        v.n_features()
                    })
                })
            });
            g.finish();
            let mut g = c.benchmark_group("tfidf_transform");
            g.throughput(Throughput::Bytes(bytes));
            g.bench_function(&id, |b| {
                b.iter(|| {
                    pool.install(|| fitted.transform(black_box(&docs)).expect("fitted").nnz())
                })
            });
            g.finish();
            let mut g = c.benchmark_group("tfidf_fit_transform");
            g.throughput(Throughput::Bytes(bytes));
            g.bench_function(&id, |b| {
                b.iter(|| {
                    pool.install(|| {
                        let mut v = TfidfVectorizer::new(options.clone()).expect("valid options");
                        v.fit_transform(black_box(&docs))
                            .expect("a vocabulary")
                            .nnz()
                    })
                })
            });
            g.finish();
        }
    }
    let hashing = HashingVectorizer::new(HashingOptions::default()).expect("valid options");
    let mut g = c.benchmark_group("hashing_transform");
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = pool(threads);
        g.bench_function(format!("default/{threads}-thread"), |b| {
            b.iter(|| pool.install(|| hashing.transform(black_box(&docs)).expect("valid").nnz()))
        });
    }
    g.finish();
    let mut fitted = TfidfVectorizer::new(TfidfOptions::default()).expect("valid options");
    let matrix = fitted.fit_transform(&docs).expect("a vocabulary");
    let mut g = c.benchmark_group("matrix_market_write");
    g.throughput(Throughput::Elements(matrix.nnz() as u64));
    for threads in [1, 2] {
        let pool = pool(threads);
        g.bench_function(format!("default/{threads}-thread"), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(&matrix)
                        .write_matrix_market(std::io::sink())
                        .expect("a sink takes everything")
                })
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = tfidf
}
criterion_main!(benches);
