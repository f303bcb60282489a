//! Keyword extraction on real text.
//!
//! Run with `cargo bench -p gist-benches --bench keywords`. The documents are the benchmark
//! corpus (English Gutenberg books, else `seeds/`; see `gist_benches`) cut into documents of
//! about [`DOC_BYTES`], [`CORPUS_BYTES`] in all. Throughput is in MB/s of input text (higher is
//! faster). Groups:
//!
//! - `keywords/single`: one document at a time, unprepared, against an empty corpus (the
//!   background model supplies the idf) — what `gist keywords FILE` does per file; one thread.
//! - `keywords/corpus`: the whole pipeline over all documents — prepare, count document
//!   frequencies, extract per-document keywords — on a rayon pool of 1 and of 2 threads.
//! - `keywords/extract`: per-document extraction only, on prepared documents and a fitted
//!   `DocFreqs`, one thread.
//! - `docfreq/merge`: merging two halves' `DocFreqs`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gist_core::Document;
use gist_tfidf::docfreq::DocFreqs;
use gist_tfidf::keywords::KeywordExtractor;
use std::hint::black_box;
use std::time::Duration;

/// Bytes of text in the benchmark corpus, and the size of one document in it.
const CORPUS_BYTES: usize = 1_000_000;
const DOC_BYTES: usize = 5_000;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

fn keywords(c: &mut Criterion) {
    let docs: Vec<Document> = gist_benches::documents(CORPUS_BYTES, DOC_BYTES);
    let bytes: u64 = docs.iter().map(|d| d.text().len() as u64).sum();
    let ex = KeywordExtractor::default();
    let empty = DocFreqs::new();
    let one = pool(1);

    let mut g = c.benchmark_group("keywords");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("single", |b| {
        b.iter(|| {
            one.install(|| {
                docs.iter()
                    .map(|d| ex.extract(black_box(d), &empty).len())
                    .sum::<usize>()
            })
        })
    });
    for threads in [1, 2] {
        let p = pool(threads);
        g.bench_function(format!("corpus/{threads}-threads"), |b| {
            b.iter(|| {
                p.install(|| {
                    let prepared = ex.prepare_all(docs.clone());
                    let df = ex.doc_freqs(&prepared);
                    ex.extract_all(&prepared, &df)
                })
            })
        });
    }
    let prepared = ex.prepare_all(docs.clone());
    let df = ex.doc_freqs(&prepared);
    g.bench_function("extract", |b| {
        b.iter(|| one.install(|| ex.extract_all(black_box(&prepared), &df)))
    });
    g.finish();

    let half = prepared.len() / 2;
    let a = ex.doc_freqs(&prepared[..half]);
    let b2 = ex.doc_freqs(&prepared[half..]);
    let mut g = c.benchmark_group("docfreq");
    g.throughput(Throughput::Elements((a.len() + b2.len()) as u64));
    g.bench_function("merge", |b| {
        b.iter(|| {
            let mut m = a.clone();
            m.merge(black_box(&b2));
            m
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = keywords
}
criterion_main!(benches);
