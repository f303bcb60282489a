//! The `gist` command-line program: tokens, sentences, stems, keywords and summaries for
//! corpora of documents (files, directories of `.txt`, JSON Lines, stdin), in parallel, with
//! results in input order whatever the number of threads.
//!
//! This is the only crate of gist that knows about files, terminals and output formats.

mod commands;
mod html;
mod input;
mod job;
mod output;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gist::core::Language;
use std::process::ExitCode;

/// The program's allocator: mimalloc (its version 2). A corpus job allocates and frees many
/// small strings and vectors per document (tokens, stems, keyword candidates, output records),
/// on the calling thread (reading, writing) and the pool's at once (see `job::run`), each often
/// freeing what another allocated. Measured with `scripts/compare_allocator.sh` (2026-11-29,
/// about 04:34 UTC, the 74,457 Gutenberg paragraphs of the TF-IDF comparison, 20.7 MB,
/// `--format jsonl`, two alternated runs each; outputs byte for byte the same), glibc's malloc
/// against mimalloc's version 2: `gist keywords` 3.46-3.47 s and 2.50-2.51 s on one thread,
/// 2.31 s and 1.52-1.69 s on two, peak memory 48 and 57-59 MB (54 and 67-71 MB on two);
/// `summarize` 0.51 s and 0.44 s (0.37-0.38 s and 0.26-0.27 s on two), 26 and 35-36 MB;
/// `tokenize` 0.67-0.68 s and 0.54-0.56 s (0.58 s and 0.53 s), 23 and 38-39 MB. Version 3 (the
/// `mimalloc-v3` feature, the crate's default) was as fast within the noise and took 66-136 MB,
/// 1.7x to 2x version 2's. (Before gist-tfidf's and gist-stem's keyword path allocated less,
/// the same command at 5345e2b gave keywords 6.4-6.6 s with glibc's malloc and 4.1 s with
/// mimalloc on one thread.) mimalloc asks the kernel for transparent huge pages; built without
/// (the `mimalloc-nothp` feature), the same script on ten copies of those paragraphs as records
/// (207 MB, `scripts/tfidf_profile.sh records 10`; 2026-11-29 about 05:45 UTC, three runs each: `tfidf fit` with default and bigram
/// options, `tfidf transform`, `summarize`, `tokenize`, on one and two threads) was from 4%
/// faster to 6% slower, job by job, with the same peak memory: huge pages kept. Against the
/// system's malloc there, mimalloc without them took 3-39% less time but in one case
/// (`tokenize` on two threads, 2% more). mimalloc gives freed memory back to the kernel 10 ms
/// after it is freed; kept for reuse instead (`MIMALLOC_PURGE_DELAY=-1`, `mimalloc-keep` in the
/// script: `BUILDS="mimalloc mimalloc-keep" scripts/compare_allocator.sh 3`, 2026-11-29 about
/// 10:58 UTC, the 20.7 MB above), jobs took 0.86x-1.06x the time (keywords 0.95x and 0.89x on
/// one and two threads, tfidf fit 1.06x and 0.86x, transform 0.92x and 0.97x) and 1.00x-1.51x
/// the peak memory (keywords 57 -> 85 MB and 65 -> 97 MB, bigram fit 166 -> 193 MB): not
/// adopted. The libraries leave the choice of allocator to the program that uses them;
/// `--no-default-features` builds this one with the system's.
#[cfg(any(
    feature = "mimalloc",
    feature = "mimalloc-nothp",
    feature = "mimalloc-v3"
))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// gist: tokenization, stemming, keywords and extractive summaries for corpora.
#[derive(Parser, Debug)]
#[command(name = "gist", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Splits each document into word tokens (with kind and normalized form).
    Tokenize(commands::tokenize::TokenizeArgs),
    /// Splits each document into sentences.
    Sentences(commands::sentences::SentencesArgs),
    /// Stems the words of each document, or (with --words) one word per input line.
    Stem(commands::stem::StemArgs),
    /// Top keywords and keyphrases of each document, scored by TF-IDF (higher is better).
    Keywords(commands::keywords::KeywordsArgs),
    /// Extractive summary of each document (and optionally its keywords).
    Summarize(commands::summarize::SummarizeArgs),
    /// TF-IDF vectors (scikit-learn's TfidfVectorizer options): fit a model, transform documents.
    #[command(subcommand)]
    Tfidf(commands::tfidf::TfidfCommand),
    /// Evaluation of summaries.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
}

/// Options shared by every command that reads documents.
#[derive(Args, Debug, Clone)]
pub struct Common {
    /// Files (*.jsonl and *.ndjson read as JSON Lines, others as one plain-text document each),
    /// directories (searched recursively for *.txt, or *.jsonl and *.json with --jsonl), or `-`
    /// for stdin (the default when no input is given).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Every input is JSON Lines, stdin and files of any name included: one record per line, an
    /// object with an id and a text field, or a string (the text alone, named FILE:LINE).
    #[arg(long)]
    pub jsonl: bool,
    /// Name of the id field of JSON Lines records.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// Name of the text field of JSON Lines records.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the documents: an ISO 639-1 code or an English name.
    #[arg(long, default_value = "english", value_parser = parse_language)]
    pub lang: Language,
    /// Do not show a progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Number of worker threads (default: all cores). Output never depends on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    #[arg(long)]
    pub lossy: bool,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object per document, in input order.
    Jsonl,
    /// One self-contained HTML page (summarize only).
    Html,
}

fn parse_language(s: &str) -> Result<Language, String> {
    s.parse::<Language>().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tokenize(args) => commands::tokenize::run(args),
        Command::Sentences(args) => commands::sentences::run(args),
        Command::Stem(args) => commands::stem::run(args),
        Command::Keywords(args) => commands::keywords::run(args),
        Command::Summarize(args) => commands::summarize::run(args),
        Command::Tfidf(command) => commands::tfidf::run(command),
        Command::Eval(command) => commands::eval::run(command),
    };
    match result {
        Ok(outcome) if outcome.errors == 0 => ExitCode::SUCCESS,
        Ok(outcome) => {
            eprintln!(
                "gist: {} of {} inputs failed (see the errors above); the others were processed",
                outcome.errors,
                outcome.errors + outcome.documents
            );
            ExitCode::FAILURE
        }
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gist: error: {e}");
            ExitCode::from(2)
        }
    }
}
