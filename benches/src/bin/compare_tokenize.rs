//! The Rust side of `scripts/compare.sh tokenize`: gist's word tokenizer, sentence splitter and
//! stemmer, and the sentencex crate, timed on the same input as the Python tools.
//!
//! ```text
//! compare_tokenize prepare --bytes N --out DIR
//!     writes DIR/input.txt (the first N bytes of the benchmark corpus, see gist_benches) and
//!     DIR/words.txt (its lowercase alphabetic words, one a line); prints the corpus source.
//! compare_tokenize measure --dir DIR [--min-time SECONDS] [--only words|sentences|stem|pipeline]
//!     times each tool on DIR/input.txt (stemmers on DIR/words.txt), single thread, and prints
//!     one JSON object a line: task, tool, version, bytes, seconds, wall_seconds, items, unit,
//!     mb_per_s, items_per_s, wall_mb_per_s, wall_items_per_s. Each figure is the best of
//!     several runs (at least SECONDS of CPU time in all, at most 5); `seconds` is the CPU time
//!     of the measuring thread, `wall_seconds` the wall-clock time.
//! ```

use gist_core::{Analyzer, Corpus, Document, Language};
use gist_stem::{Backend, Stemmer};
use gist_tokenize::{SentenceSplitter, WordTokenizer};
use serde_json::json;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The sentencex version in benches/Cargo.toml, for the table.
const SENTENCEX_VERSION: &str = "0.1.33";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare_tokenize: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let option = |name: &str| -> Option<&str> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    match args.first().map(String::as_str) {
        Some("prepare") => {
            let bytes: usize = option("--bytes")
                .unwrap_or("10000000")
                .parse()
                .map_err(|e| format!("--bytes: {e}"))?;
            let out = PathBuf::from(option("--out").ok_or("prepare needs --out DIR")?);
            prepare(bytes, &out)
        }
        Some("measure") => {
            let dir = PathBuf::from(option("--dir").ok_or("measure needs --dir DIR")?);
            let min_time: f64 = option("--min-time")
                .unwrap_or("2")
                .parse()
                .map_err(|e| format!("--min-time: {e}"))?;
            let only = option("--only");
            if let Some(task) = only.filter(|t| !TASKS.contains(t)) {
                return Err(format!("--only {task}: expected one of {TASKS:?}"));
            }
            measure(&dir, Duration::from_secs_f64(min_time), only)
        }
        _ => Err(
            "usage: compare_tokenize prepare --bytes N --out DIR | measure --dir DIR [--min-time S] [--only TASK]"
                .into(),
        ),
    }
}

fn prepare(bytes: usize, out: &Path) -> Result<(), String> {
    let text = gist_benches::corpus_text(bytes);
    let words = gist_benches::lowercase_words(&text);
    let write = |name: &str, contents: &str| {
        let path = out.join(name);
        std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write("input.txt", &text)?;
    let mut list = words.join("\n");
    list.push('\n');
    write("words.txt", &list)?;
    let source = gist_benches::source();
    println!("{} ({})", source.name(), source.dir().display());
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The CPU time this thread has run, from the scheduler (`/proc/thread-self/schedstat`, in
/// nanoseconds: the counter behind `CLOCK_THREAD_CPUTIME_ID`, which the Python side reads).
/// `None` where the file is missing (not Linux).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The CPU time all threads of this process have run (sum of `/proc/self/task/*/schedstat`, in
/// nanoseconds), for the multi-threaded pipeline measurement. `None` where unavailable.
fn process_cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        // A thread that has just exited has no readable schedstat: skip it.
        let Ok(stat) = std::fs::read_to_string(task.path().join("schedstat")) else {
            continue;
        };
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// Best times of `f` (CPU time of this thread, and wall-clock time) over runs lasting at least
/// `min_time` of CPU time in all (at least twice unless one run alone takes that long, at most
/// five times), and the last result. Without a CPU clock, both times are wall-clock.
fn best_time<T>(min_time: Duration, f: impl FnMut() -> T) -> (Times, T) {
    best_time_on(thread_cpu_time, min_time, f)
}

/// [`best_time`] with the CPU time read from `clock`.
fn best_time_on<T>(
    clock: fn() -> Option<Duration>,
    min_time: Duration,
    mut f: impl FnMut() -> T,
) -> (Times, T) {
    let start = Instant::now();
    let cpu_start = clock();
    let mut best = Times {
        cpu: Duration::MAX,
        wall: Duration::MAX,
    };
    let mut runs = 0;
    loop {
        let (c0, w0) = (clock(), Instant::now());
        let out = black_box(f());
        let wall = w0.elapsed();
        let cpu = match (c0, clock()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        };
        best.cpu = best.cpu.min(cpu);
        best.wall = best.wall.min(wall);
        runs += 1;
        let spent = match (cpu_start, clock()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => start.elapsed(),
        };
        let enough = (spent >= min_time && runs >= 2) || (runs == 1 && cpu >= min_time);
        if runs >= 5 || enough {
            return (best, out);
        }
        drop(out);
    }
}

/// The best CPU and wall-clock times of a measurement.
#[derive(Clone, Copy, Debug)]
struct Times {
    cpu: Duration,
    wall: Duration,
}

fn report(task: &str, tool: &str, version: &str, bytes: usize, times: Times, items: usize) {
    let unit = match task {
        "words" => "tokens",
        "sentences" => "sentences",
        "pipeline" => "documents",
        _ => "words",
    };
    let seconds = times.cpu.as_secs_f64();
    let wall = times.wall.as_secs_f64();
    let per_s = |secs: f64| (bytes > 0).then(|| bytes as f64 / secs / 1e6);
    let row = json!({
        "task": task,
        "tool": tool,
        "version": version,
        "bytes": bytes,
        "seconds": seconds,
        "wall_seconds": wall,
        "items": items,
        "unit": unit,
        "mb_per_s": per_s(seconds),
        "items_per_s": items as f64 / seconds,
        "wall_mb_per_s": per_s(wall),
        "wall_items_per_s": items as f64 / wall,
    });
    println!("{row}");
}

/// The tasks `measure` times, in order; `--only` picks one.
const TASKS: [&str; 4] = ["words", "sentences", "stem", "pipeline"];

fn measure(dir: &Path, min_time: Duration, only: Option<&str>) -> Result<(), String> {
    let text = read(&dir.join("input.txt"))?;
    let wanted = |task: &str| only.is_none_or(|o| o == task);
    if wanted("words") {
        measure_words(&text, min_time)?;
    }
    if wanted("sentences") {
        measure_sentences(&text, min_time);
    }
    if wanted("stem") {
        let words_file = read(&dir.join("words.txt"))?;
        let words: Vec<&str> = words_file.lines().collect();
        measure_stemmers(&words, min_time)?;
    }
    if wanted("pipeline") {
        measure_pipeline(&text, min_time)?;
    }
    Ok(())
}

/// The word tokenizer three ways, in MB/s and tokens/s.
fn measure_words(text: &str, min_time: Duration) -> Result<(), String> {
    let n = text.len();
    let gist = env!("CARGO_PKG_VERSION");

    let tokenizer = WordTokenizer::default();
    let (t, tokens) = best_time(min_time, || tokenizer.tokenize(text));
    report(
        "words",
        "gist WordTokenizer::tokenize",
        gist,
        n,
        t,
        tokens.len(),
    );
    drop(tokens);

    // The same scan into a reused vector: no fresh allocation (and page faults) per call.
    let mut reused = Vec::new();
    let (t, count) = best_time(min_time, || {
        reused.clear();
        tokenizer.tokenize_into(text, &mut reused);
        reused.len()
    });
    report(
        "words",
        "gist WordTokenizer::tokenize_into (reused Vec)",
        gist,
        n,
        t,
        count,
    );
    drop(reused);

    let (t, doc) = best_time(min_time, || {
        let mut doc = Document::new("input", text).with_language(Language::English);
        tokenizer.analyze(&mut doc).map(|()| doc)
    });
    let doc = doc.map_err(|e| format!("WordTokenizer failed: {e}"))?;
    report(
        "words",
        "gist WordTokenizer as Analyzer (Document, norms)",
        gist,
        n,
        t,
        doc.tokens().len(),
    );
    drop(doc);
    Ok(())
}

/// gist's sentence splitter and sentencex, in MB/s and sentences/s.
fn measure_sentences(text: &str, min_time: Duration) {
    let n = text.len();
    let gist = env!("CARGO_PKG_VERSION");
    let splitter = SentenceSplitter::new(Language::English);
    let (t, sentences) = best_time(min_time, || splitter.split(text));
    report(
        "sentences",
        "gist SentenceSplitter",
        gist,
        n,
        t,
        sentences.len(),
    );
    drop(sentences);

    let (t, sentences) = best_time(min_time, || sentencex::segment("en", text));
    report(
        "sentences",
        "sentencex::segment (Rust)",
        SENTENCEX_VERSION,
        n,
        t,
        sentences.len(),
    );
}

/// Every stemmer backend on the word list, in words/s.
fn measure_stemmers(words: &[&str], min_time: Duration) -> Result<(), String> {
    let gist = env!("CARGO_PKG_VERSION");
    for &backend in Backend::ALL {
        let stemmer = Stemmer::with_backend(Language::English, backend)
            .map_err(|e| format!("no English stemmer: {e}"))?;
        let (t, total) = best_time(min_time, || {
            words
                .iter()
                .map(|w| black_box(stemmer.stem(w)).len())
                .sum::<usize>()
        });
        black_box(total);
        report(
            "stem",
            &format!("gist Stemmer ({})", backend.name()),
            gist,
            0,
            t,
            words.len(),
        );
    }
    Ok(())
}

/// Sentences, words, stopwords and stems over documents of about 20 kB cut from the input, with
/// `Corpus::analyze` on a rayon pool of 1 and of 2 threads. `seconds` is the CPU time of all
/// threads (so MB/s per CPU second should barely change with the thread count); the speed-up
/// shows in the wall-clock figure, on an otherwise idle machine. The timed runs include cloning
/// the documents (a memory copy, well under 1% of the time).
fn measure_pipeline(text: &str, min_time: Duration) -> Result<(), String> {
    let docs: Vec<Document> = gist_benches::split_documents(text, 20_000)
        .into_iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("doc-{i}"), t).with_language(Language::English))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let pipeline = gist_benches::analysis_pipeline();
    // Both pools live until the end, so no thread exits (and drops out of the process CPU time)
    // while another pool is timed.
    let pools = [1, 2].map(|threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build());
    for (threads, pool) in [1, 2].into_iter().zip(&pools) {
        let pool = pool
            .as_ref()
            .map_err(|e| format!("cannot build a thread pool: {e}"))?;
        // Start the pool's threads before timing.
        pool.install(|| {
            Corpus::from(docs.iter().take(1).cloned().collect::<Vec<_>>()).analyze(&pipeline)
        });
        let (t, errors) = best_time_on(process_cpu_time, min_time, || {
            let mut corpus = Corpus::from(docs.clone());
            pool.install(|| corpus.analyze(&pipeline))
        });
        if let Some(e) = errors.first() {
            return Err(format!("the pipeline failed: {e}"));
        }
        report(
            "pipeline",
            &format!(
                "gist Corpus::analyze, {threads} thread{}",
                if threads == 1 { "" } else { "s" }
            ),
            env!("CARGO_PKG_VERSION"),
            bytes,
            t,
            docs.len(),
        );
    }
    Ok(())
}
