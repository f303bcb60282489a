//! Extractive summarization on real news articles, per algorithm.
//!
//! Run with `cargo bench -p gist-benches --bench summarize`. The documents are the first
//! [`DOCS`] articles of the BBC News Summary set (`../shared/data/summarization/bbc_news`,
//! sorted by path) when present, else the articles in `seeds/`. Throughput is in documents
//! (`Throughput::Elements`): criterion's "elem/s" are documents per second. Groups:
//!
//! - `summarize`: each algorithm on the already analyzed documents, 3 sentences each, one thread;
//! - `end_to_end`: raw text in, summary out, with the default summarizer: through
//!   `Summarizer::summarize_text_in` (the raw-text entry point; `text/gist`) and through a
//!   Document (`prepare` then `summarize`: `prepare+gist`), which give the same summaries;
//! - `corpus`: the default summarizer over all the texts, analysis included, on rayon pools of 1
//!   and 2 threads, to read the parallel speed-up: `summarize_texts` (`text/threads=N`) and
//!   `prepare` + `summarize` per document in `map_ordered` (`document/threads=N`).
//!
//! The side-by-side comparison with sumy and summa is `scripts/compare_summarize.py`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gist_core::{Document, Language, map_ordered};
use gist_summarize::{Algorithm, Length, Summarizer, prepare, summarize_texts};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// Number of articles summarized per iteration.
const DOCS: usize = 200;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// The article texts: BBC News Summary articles when the shared data is present, else seeds/.
fn texts() -> Vec<String> {
    let bbc = gist_benches::data_dir().map(|d| d.join("summarization/bbc_news/articles"));
    let mut paths: Vec<PathBuf> = Vec::new();
    if let Some(dir) = bbc.filter(|d| d.is_dir()) {
        let mut cats: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        cats.sort();
        for c in cats {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&c)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            paths.extend(files);
        }
    }
    if paths.is_empty() {
        let seeds = gist_benches::workspace_root().join("seeds");
        paths = std::fs::read_dir(&seeds)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
    }
    let texts: Vec<String> = paths
        .iter()
        .take(DOCS)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(!texts.is_empty(), "no benchmark articles found");
    texts
}

fn analyzed(text: &str) -> Document {
    let mut d = Document::new("bench", text).with_language(Language::English);
    prepare(&mut d).expect("text under 4 GiB");
    d
}

fn summarize(c: &mut Criterion) {
    let texts = texts();
    let docs: Vec<Document> = texts.iter().map(|t| analyzed(t)).collect();
    let length = Length::sentences(3);

    let mut g = c.benchmark_group("summarize");
    g.throughput(Throughput::Elements(docs.len() as u64));
    for &a in Algorithm::ALL {
        let s = Summarizer::new(a);
        g.bench_function(a.name(), |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| s.summarize(black_box(d), length).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let s = Summarizer::default();
    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("text/gist", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    s.summarize_text_in(black_box(t), Language::English, length)
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("prepare+gist", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| s.summarize(&analyzed(black_box(t)), length).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Elements(texts.len() as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_function(format!("text/threads={threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    summarize_texts(&s, &texts, Language::English, length)
                        .iter()
                        .map(|x| x.len())
                        .sum::<usize>()
                })
            })
        });
        g.bench_function(format!("document/threads={threads}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    map_ordered(&texts, |t| s.summarize(&analyzed(t), length).len())
                        .into_iter()
                        .sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = summarize
}
criterion_main!(benches);
