//! Throughput of gist's summarizers, for `scripts/compare_summarize.py`: documents per second on
//! one thread for each algorithm, on analyzed documents ("summarize"), from raw text through
//! `Summarizer::summarize_text_in` ("analysis+summarize", the end-to-end figure) and through a
//! `Document` (`prepare` then `summarize`: "prepare+summarize"); the analysis alone (`prepare`);
//! then the whole corpus with the default algorithm on 1 and 2 threads, from raw text
//! (`summarize_texts`) and through Documents (`prepare` + `summarize` per document).
//!
//! ```text
//! cargo run --release -p gist-summarize --example summarize_speed -- FILE_LIST [--sentences N] [--min-seconds S]
//! ```
//!
//! `FILE_LIST` is a file naming one text file per line (the Python script writes it, so both
//! sides read the same documents). Prints one JSON object per line:
//! `{"algorithm": "lexrank", "threads": 1, "measured": "summarize", "docs": 1313, "seconds": 0.41, "cpu_seconds": 0.40, "docs_per_second": 3200.0}`
//! (seconds per pass over the corpus: wall clock, and the main thread's CPU time).
//! Each measurement repeats the whole corpus until at least `--min-seconds` (default 2) have passed
//! and reports the mean.
use gist_core::{Document, Language};
use gist_summarize::{Algorithm, Length, Summarizer, prepare};
use std::time::Instant;

/// CPU time of the calling thread, in seconds (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let list = args
        .next()
        .ok_or("usage: summarize_speed FILE_LIST [--sentences N] [--min-seconds S]")?;
    let mut sentences = 3;
    let mut min_seconds = 2.0;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sentences" => sentences = args.next().ok_or("--sentences needs N")?.parse()?,
            "--min-seconds" => min_seconds = args.next().ok_or("--min-seconds needs S")?.parse()?,
            _ => return Err(format!("unexpected argument {a:?}").into()),
        }
    }
    let texts: Vec<String> = std::fs::read_to_string(&list)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|p| std::fs::read_to_string(p.trim()).map_err(|e| format!("{p}: {e}")))
        .collect::<Result<_, _>>()?;
    let length = Length::sentences(sentences);
    // End to end: raw text in, summary out, through the public entry point for text.
    let run = |s: &Summarizer| -> usize {
        texts
            .iter()
            .map(|t| s.summarize_text_in(t, Language::English, length).len())
            .sum()
    };
    // The same through a Document: `prepare`, then `summarize` (identical summaries).
    let run_document = |s: &Summarizer| -> usize {
        let mut chosen = 0;
        for (i, t) in texts.iter().enumerate() {
            let mut d = Document::new(i.to_string(), t.as_str()).with_language(Language::English);
            prepare(&mut d).expect("text under 4 GiB");
            chosen += s.summarize(&d, length).len();
        }
        chosen
    };
    // Mean wall-clock seconds per round, and the calling thread's CPU seconds per round (from
    // /proc/thread-self/schedstat on Linux; the wall time elsewhere). On a shared machine the
    // CPU time is the steadier measure of one-thread work.
    let measure = |f: &dyn Fn() -> usize| -> (f64, f64) {
        let cpu0 = thread_cpu_seconds();
        let started = Instant::now();
        let mut rounds = 0;
        while rounds == 0 || started.elapsed().as_secs_f64() < min_seconds {
            std::hint::black_box(f());
            rounds += 1;
        }
        let wall = started.elapsed().as_secs_f64() / rounds as f64;
        let cpu = match (cpu0, thread_cpu_seconds()) {
            (Some(a), Some(b)) => (b - a) / rounds as f64,
            _ => wall,
        };
        (wall, cpu)
    };
    let report = |name: &str, threads: usize, what: &str, (wall, cpu): (f64, f64)| {
        println!(
            "{{\"algorithm\": \"{name}\", \"threads\": {threads}, \"measured\": \"{what}\", \"docs\": {}, \"seconds\": {wall:.6}, \"cpu_seconds\": {cpu:.6}, \"docs_per_second\": {:.1}}}",
            texts.len(),
            texts.len() as f64 / wall
        );
    };
    let analyzed: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(i.to_string(), t.as_str()).with_language(Language::English);
            prepare(&mut d).expect("text under 4 GiB");
            d
        })
        .collect();
    // Profiling aid: `SUMMARIZE_ONLY=<algorithm>` times that algorithm alone on analyzed
    // documents and exits.
    if let Ok(name) = std::env::var("SUMMARIZE_ONLY") {
        let s = Summarizer::new(name.parse()?);
        let seconds = measure(&|| analyzed.iter().map(|d| s.summarize(d, length).len()).sum());
        report(&name, 1, "summarize", seconds);
        return Ok(());
    }
    // Profiling aid: `TEXT_ONLY=<algorithm>` times that algorithm end to end from raw text
    // and exits.
    if let Ok(name) = std::env::var("TEXT_ONLY") {
        let s = Summarizer::new(name.parse()?);
        report(&name, 1, "analysis+summarize", measure(&|| run(&s)));
        return Ok(());
    }
    // `CORPUS_ONLY=1` skips to the corpus runs on 1 and 2 threads (for a quiet moment).
    let corpus_only = std::env::var_os("CORPUS_ONLY").is_some();
    if !corpus_only {
        report(
            "analysis-only",
            1,
            "analysis",
            measure(&|| {
                texts
                    .iter()
                    .map(|t| {
                        let mut d = Document::new("d", t.as_str()).with_language(Language::English);
                        prepare(&mut d).expect("text under 4 GiB");
                        d.sentences().len()
                    })
                    .sum()
            }),
        );
        for &a in Algorithm::ALL {
            let s = Summarizer::new(a);
            report(
                a.name(),
                1,
                "summarize",
                measure(&|| analyzed.iter().map(|d| s.summarize(d, length).len()).sum()),
            );
            report(a.name(), 1, "analysis+summarize", measure(&|| run(&s)));
            report(
                a.name(),
                1,
                "prepare+summarize",
                measure(&|| run_document(&s)),
            );
        }
    }
    // The corpus runs, analysis included, in parallel through map_ordered: from raw text
    // (`summarize_texts`), and through Documents (`prepare` and `summarize` per document, as
    // before the text path existed).
    let s = Summarizer::default();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        // Wall time per pass, and the CPU time of the pool's threads per pass (the work done:
        // on a busy machine the wall time also counts waiting for a core).
        let measure_pool = |f: &(dyn Fn() -> usize + Sync)| -> (f64, f64) {
            let cpu = || -> f64 {
                pool.broadcast(|_| thread_cpu_seconds().unwrap_or(0.0))
                    .iter()
                    .sum()
            };
            let cpu0 = cpu();
            let started = Instant::now();
            let mut rounds = 0;
            while rounds == 0 || started.elapsed().as_secs_f64() < min_seconds {
                std::hint::black_box(pool.install(f));
                rounds += 1;
            }
            let wall = started.elapsed().as_secs_f64() / rounds as f64;
            (wall, (cpu() - cpu0) / rounds as f64)
        };
        let (text, text_cpu) = measure_pool(&|| {
            gist_summarize::summarize_texts(&s, &texts, Language::English, length)
                .iter()
                .map(|x| x.len())
                .sum()
        });
        let (document, document_cpu) = measure_pool(&|| {
            gist_core::map_ordered(&texts, |t| {
                let mut d = Document::new("d", t.as_str()).with_language(Language::English);
                prepare(&mut d).expect("text under 4 GiB");
                s.summarize(&d, length).len()
            })
            .into_iter()
            .sum()
        });
        // The work runs on the pool's threads: "cpu_seconds" is the CPU time of all threads.
        report(
            "corpus-default",
            threads,
            "analysis+summarize",
            (text, text_cpu),
        );
        report(
            "corpus-document",
            threads,
            "prepare+summarize",
            (document, document_cpu),
        );
    }
    Ok(())
}
