//! Word tokenization, sentence segmentation and a whole analysis pipeline, on real text.
//!
//! Run with `cargo bench -p gist-benches --bench tokenize`. The text is the first
//! [`TEXT_BYTES`] of the benchmark corpus (English Gutenberg books, else `seeds/`; see
//! `gist_benches`). Groups:
//!
//! - `words`: `WordTokenizer::tokenize` and the tokenizer as an `Analyzer` on a `Document`,
//!   in MB/s (`Throughput::Bytes`), and again in tokens/s (`Throughput::Elements`).
//! - `sentences`: `SentenceSplitter::split` and the sentencex crate on the same text, in MB/s.
//! - `pipeline`: sentences + words + stopwords + stems (`gist_benches::analysis_pipeline`) over
//!   documents of about 20 kB through `Corpus::analyze`, on a rayon pool of 1 and of 2 threads,
//!   in MB/s: the parallel speed-up (visible only on an otherwise idle machine).

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use gist_core::{Analyzer, Corpus, Document, Language};
use gist_tokenize::{SentenceSplitter, WordTokenizer};
use std::hint::black_box;
use std::time::Duration;

/// Bytes of text the word and sentence benches run on.
const TEXT_BYTES: usize = 2_000_000;
/// Bytes of text in the pipeline corpus, and the size of one document in it.
const CORPUS_BYTES: usize = 4_000_000;
const DOC_BYTES: usize = 20_000;

/// Few samples and short measurements: the inputs are megabytes, so each sample is long.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

fn words(c: &mut Criterion) {
    let text = gist_benches::corpus_text(TEXT_BYTES);
    let tokenizer = WordTokenizer::default();
    let count = tokenizer.tokenize(&text).len() as u64;

    let mut g = c.benchmark_group("words");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| tokenizer.tokenize(black_box(&text)))
    });
    g.bench_function("analyzer", |b| {
        b.iter_batched(
            || Document::new("bench", text.clone()).with_language(Language::English),
            |mut doc| {
                tokenizer.analyze(&mut doc).expect("tokenizer never fails");
                doc
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("words_per_token");
    g.throughput(Throughput::Elements(count));
    g.bench_function("tokenize", |b| {
        b.iter(|| tokenizer.tokenize(black_box(&text)))
    });
    g.finish();
}

fn sentences(c: &mut Criterion) {
    let text = gist_benches::corpus_text(TEXT_BYTES);
    let splitter = SentenceSplitter::new(Language::English);

    let mut g = c.benchmark_group("sentences");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("gist", |b| b.iter(|| splitter.split(black_box(&text))));
    g.bench_function("sentencex", |b| {
        b.iter(|| sentencex::segment("en", black_box(&text)))
    });
    g.finish();
}

fn corpus_pipeline(c: &mut Criterion) {
    let corpus = Corpus::from(gist_benches::documents(CORPUS_BYTES, DOC_BYTES));
    let bytes: usize = corpus.documents().iter().map(|d| d.text().len()).sum();
    let pipeline = gist_benches::analysis_pipeline();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a rayon thread pool");
        g.bench_function(format!("corpus_{threads}_threads"), |b| {
            b.iter_batched(
                || corpus.clone(),
                |mut corpus| {
                    let errors = pool.install(|| corpus.analyze(&pipeline));
                    assert!(errors.is_empty(), "{errors:?}");
                    corpus
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = words, sentences, corpus_pipeline
}
criterion_main!(benches);
