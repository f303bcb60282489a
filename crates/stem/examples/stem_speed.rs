//! Stemming throughput, single thread, in tokens per second (higher is better).
//!
//! ```text
//! cargo run --release -p gist-stem --example stem_speed -- english \
//!     ../shared/data/corpus/gutenberg_en/0003_Emma.txt --words /tmp/words.txt
//! .venv/bin/python crates/stem/examples/stem_speed.py english /tmp/words.txt
//! ```
//!
//! Words are the maximal runs of alphabetic characters of the files, lowercased (the same
//! list, written with `--words`, is what `stem_speed.py` gives PyStemmer). Each measurement is
//! the best of five passes over all tokens:
//!
//! - `Stemmer::stem` on every token, for each backend;
//! - the same with a per-pass `HashMap` cache of distinct words;
//! - `StemFilter::analyze` on one document holding the tokens (stems stored in the document's
//!   arena; it caches distinct words per document), and the same loop without a cache; then
//!   the same on the tokens cut into documents of 500 tokens.

use gist_core::{Analyzer, Document, StrRef};
use gist_stem::{Backend, Language, StemFilter, Stemmer};
use std::collections::HashMap;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "common/documents.rs"]
mod documents;

fn best_of<T>(passes: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..passes)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn report(what: &str, tokens: usize, d: Duration) {
    let per_s = tokens as f64 / d.as_secs_f64();
    println!(
        "| {what} | {tokens} | {:.1} | {:.2} |",
        d.as_secs_f64() * 1e3,
        per_s / 1e6
    );
}

/// The filter's loop without its cache: every token stemmed.
fn analyze_uncached(stemmer: &Stemmer, doc: &mut Document) {
    let t = doc.tokens_mut();
    let text = t.text;
    for i in 0..t.tokens.len() {
        let span = t.tokens[i].span();
        let word = span.get(text).unwrap_or_default();
        let stem = stemmer.stem(word);
        t.tokens[i].stem = t.strings.derive(text, span, &stem);
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(language) = args.next().and_then(|l| l.parse::<Language>().ok()) else {
        eprintln!("usage: stem_speed <language> <file>... [--words <out file>]");
        return ExitCode::FAILURE;
    };
    let mut files = Vec::new();
    let mut words_out = None;
    while let Some(a) = args.next() {
        if a == "--words" {
            words_out = args.next();
        } else {
            files.push(a);
        }
    }
    let mut words: Vec<String> = Vec::new();
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{f}: {e}");
                return ExitCode::FAILURE;
            }
        };
        words.extend(
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    if let Some(out) = words_out
        && let Err(e) = std::fs::write(&out, words.join("\n") + "\n")
    {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    let n = words.len();
    let distinct = words.iter().collect::<std::collections::HashSet<_>>().len();
    println!("{n} tokens, {distinct} distinct, language {language}\n");
    println!("| measurement | tokens | best ms | M tokens/s |");
    println!("|---|---:|---:|---:|");
    let passes = 5;
    for &backend in Backend::ALL {
        let Ok(stemmer) = Stemmer::with_backend(language, backend) else {
            continue;
        };
        let d = best_of(passes, || {
            let mut bytes = 0;
            for w in &words {
                bytes += stemmer.stem(w).len();
            }
            bytes
        });
        report(&format!("Stemmer::stem, {backend}"), n, d);
        let d = best_of(passes, || {
            let mut cache: HashMap<&str, Box<str>> = HashMap::new();
            let mut bytes = 0;
            for w in &words {
                let s = cache
                    .entry(w.as_str())
                    .or_insert_with(|| stemmer.stem(w).into());
                bytes += s.len();
            }
            bytes
        });
        report(&format!("Stemmer::stem + HashMap cache, {backend}"), n, d);
    }

    // One document holding all tokens, separated by spaces; then the same tokens as documents
    // of 500 tokens (news-article sized).
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let (Some(mut one), Some(small)) = (
        documents::word_documents(&words, words.len(), language),
        documents::word_documents(&words, 500, language),
    ) else {
        eprintln!("the words make a text over 4 GiB");
        return ExitCode::FAILURE;
    };
    let Some(doc) = one.pop() else {
        eprintln!("no words");
        return ExitCode::FAILURE;
    };
    let filter = StemFilter::new();
    let d = best_of(passes, || {
        let mut d = doc.clone();
        filter.analyze(&mut d).map(|_| d.strings().len())
    });
    report("StemFilter::analyze (per-document cache)", n, d);
    let stemmer = Stemmer::new(language).expect("language with a stemmer");
    let d = best_of(passes, || {
        let mut d = doc.clone();
        analyze_uncached(&stemmer, &mut d);
        d.strings().len()
    });
    report("same loop without cache", n, d);
    // The documents of 500 tokens: the cache is per document, so it has fewer repeats to
    // exploit.
    let d = best_of(passes, || {
        let mut docs = small.clone();
        for d in &mut docs {
            let _ = filter.analyze(d);
        }
        docs.len()
    });
    report("StemFilter::analyze, 500-token documents", n, d);
    let d = best_of(passes, || {
        let mut docs = small.clone();
        for d in &mut docs {
            analyze_uncached(&stemmer, d);
        }
        docs.len()
    });
    report("same loop without cache, 500-token documents", n, d);
    let clone = best_of(passes, || doc.clone());
    println!(
        "\n(the document rows include cloning the documents: {:.1} ms for the single one)",
        clone.as_secs_f64() * 1e3
    );
    // Both document paths give the same stems.
    let (mut a, mut b) = (doc.clone(), doc.clone());
    let _ = filter.analyze(&mut a);
    analyze_uncached(&stemmer, &mut b);
    let same =
        a.tokens().iter().zip(b.tokens()).all(|(x, y)| {
            a.stem(x) == b.stem(y) && x.stem.is_set() && !matches!(y.stem, StrRef::NONE)
        });
    println!("cached and uncached stems identical: {same}");
    ExitCode::SUCCESS
}
