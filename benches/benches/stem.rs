//! Stemming on real text, in words per second.
//!
//! Run with `cargo bench -p gist-benches --bench stem`. The words are the lowercase alphabetic
//! words of the first [`TEXT_BYTES`] of the benchmark corpus (English Gutenberg books, else
//! `seeds/`; see `gist_benches`), the same list `scripts/compare.sh tokenize` gives PyStemmer.
//! Groups:
//!
//! - `stem`: `Stemmer::stem` on every word, for each backend (current Snowball, and Snowball 2
//!   through rust-stemmers), in words/s (`Throughput::Elements`).
//! - `stem_filter`: the `StemFilter` analyzer on a tokenized document (it stems each distinct
//!   word once per document), in tokens/s.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use gist_core::{Analyzer, Document, Language};
use gist_stem::{Backend, StemFilter, Stemmer};
use gist_tokenize::WordTokenizer;
use std::hint::black_box;
use std::time::Duration;

/// Bytes of text the words are taken from.
const TEXT_BYTES: usize = 1_000_000;

/// Few samples and short measurements: each sample stems about 180,000 words.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

fn stem_words(c: &mut Criterion) {
    let text = gist_benches::corpus_text(TEXT_BYTES);
    let words = gist_benches::lowercase_words(&text);

    let mut g = c.benchmark_group("stem");
    g.throughput(Throughput::Elements(words.len() as u64));
    for &backend in Backend::ALL {
        let stemmer =
            Stemmer::with_backend(Language::English, backend).expect("an English stemmer");
        g.bench_function(backend.name(), |b| {
            b.iter(|| {
                words
                    .iter()
                    .map(|w| black_box(stemmer.stem(w)).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn stem_filter(c: &mut Criterion) {
    let text = gist_benches::corpus_text(TEXT_BYTES);
    let mut doc = Document::new("bench", text).with_language(Language::English);
    WordTokenizer::default()
        .analyze(&mut doc)
        .expect("tokenizer never fails");
    let tokens = doc.tokens().len() as u64;

    let mut g = c.benchmark_group("stem_filter");
    g.throughput(Throughput::Elements(tokens));
    for &backend in Backend::ALL {
        let filter = StemFilter::with_backend(backend);
        g.bench_function(backend.name(), |b| {
            b.iter_batched(
                || doc.clone(),
                |mut doc| {
                    filter.analyze(&mut doc).expect("English has a stemmer");
                    doc
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
    targets = stem_words, stem_filter
}
criterion_main!(benches);
