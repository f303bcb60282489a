//! One module per subcommand.

pub mod eval;
pub mod keywords;
pub mod sentences;
pub mod stem;
pub mod summarize;
pub mod tfidf;
pub mod tokenize;

use crate::input::{self, InputOptions, Source};
use crate::job::{self, Outcome, Progress};
use crate::{Common, Format};
use std::io;

/// Everything a document job needs, prepared from the common options.
pub struct Setup {
    /// Expanded inputs.
    pub sources: Vec<Source>,
    /// How to read them.
    pub options: InputOptions,
    /// The progress bar.
    pub progress: Progress,
    /// Errors found while expanding inputs (already reported).
    pub errors: usize,
    /// Whether text output needs per-document headers.
    pub headers: bool,
}

impl Setup {
    /// Runs a document job over the inputs (see [`job::run`]), reporting bad inputs and failed
    /// documents on stderr.
    pub fn run<R, P, E>(&mut self, process: P, emit: E) -> io::Result<Outcome>
    where
        R: Send,
        P: Fn(gist::core::Document) -> Result<R, String> + Sync + Send,
        E: FnMut(R) -> io::Result<()>,
    {
        self.run_parsing(job::Parse::AsRead, process, emit)
    }

    /// [`run`](Self::run), JSON Lines records parsed where `parse` says.
    pub fn run_parsing<R, P, E>(
        &mut self,
        parse: job::Parse,
        process: P,
        emit: E,
    ) -> io::Result<Outcome>
    where
        R: Send,
        P: Fn(gist::core::Document) -> Result<R, String> + Sync + Send,
        E: FnMut(R) -> io::Result<()>,
    {
        let sources = std::mem::take(&mut self.sources);
        job::run(
            sources,
            &self.options,
            &mut self.progress,
            false,
            parse,
            process,
            emit,
        )
    }
}

/// Prefixes an I/O error with the path it concerns.
pub fn path_error(path: &std::path::Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Sizes the global thread pool as `--threads` asks, once per process. A command calls it
/// before any parallel work (loading a model may run some): the first parallel call starts
/// the pool with one thread per core, and it cannot be resized after.
pub fn set_threads(common: &Common) -> io::Result<()> {
    static POOL: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let Some(n) = common.threads else {
        return Ok(());
    };
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build_global()
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(io::Error::other)
}

/// Sets the thread pool ([`set_threads`]), expands the inputs and reports the ones that cannot
/// be read.
pub fn setup(common: &Common) -> io::Result<Setup> {
    set_threads(common)?;
    let (sources, errors) = input::resolve(&common.inputs, common.jsonl);
    let progress = Progress::new(&sources, common.quiet);
    for e in &errors {
        job::report(&progress, e);
    }
    let headers = sources.iter().any(|s| s.is_jsonl(common.jsonl))
        || common.inputs.len() > 1
        || sources.iter().any(|s| match s {
            Source::File { id, .. } => !common.inputs.contains(id),
            Source::Stdin => false,
        });
    Ok(Setup {
        sources,
        options: InputOptions {
            jsonl: common.jsonl,
            id_field: common.id_field.clone(),
            text_field: common.text_field.clone(),
            lossy: common.lossy,
            language: common.lang,
        },
        progress,
        errors: errors.len(),
        headers,
    })
}

/// Rejects formats a command does not support.
pub fn check_format(format: Format, allowed: &[Format], command: &str) -> io::Result<()> {
    if allowed.contains(&format) {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`gist {command}` does not support --format {format:?}").to_lowercase(),
        ))
    }
}

/// Adds the setup's input errors to a job's outcome and clears the progress bar.
pub fn finish(setup: &Setup, outcome: Outcome) -> Outcome {
    setup.progress.finish();
    Outcome {
        documents: outcome.documents,
        errors: outcome.errors + setup.errors,
    }
}

/// Copies standard input to a temporary file so that a two-pass job (document frequencies,
/// then extraction) can read it twice. The document ids stay `<stdin>`.
pub fn spool_stdin(sources: &mut [Source]) -> io::Result<Option<TempFile>> {
    if !sources.iter().any(|s| matches!(s, Source::Stdin)) {
        return Ok(None);
    }
    let path = std::env::temp_dir().join(format!("gist-stdin-{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&path)?;
    io::copy(&mut io::stdin().lock(), &mut file)?;
    for s in sources.iter_mut() {
        if matches!(s, Source::Stdin) {
            *s = Source::File {
                path: path.clone(),
                id: "<stdin>".to_string(),
            };
        }
    }
    Ok(Some(TempFile(path)))
}

/// A temporary file removed when dropped.
pub struct TempFile(std::path::PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// First pass of a keyword job: the document frequencies of the keyword candidates of every
/// readable input document, counted in parallel batches and merged in input order. Errors are
/// not reported here (the second pass reports them).
pub fn corpus_doc_freqs(
    setup: &mut Setup,
    extractor: &gist::tfidf::keywords::KeywordExtractor,
) -> io::Result<gist::tfidf::docfreq::DocFreqs> {
    let mut df = gist::tfidf::docfreq::DocFreqs::new();
    let mut quiet = Progress::new(&[], true);
    job::run(
        setup.sources.clone(),
        &setup.options,
        &mut quiet,
        true,
        job::Parse::AsRead,
        |mut doc| {
            extractor.prepare(&mut doc);
            Ok(extractor.terms(&doc))
        },
        |terms| {
            df.add_document(terms);
            Ok(())
        },
    )?;
    Ok(df)
}

/// Loads document frequencies saved by `gist keywords --save-model` (the TSV of
/// `DocFreqs::to_tsv`).
pub fn load_doc_freqs(path: &std::path::Path) -> io::Result<gist::tfidf::docfreq::DocFreqs> {
    let text = std::fs::read_to_string(path).map_err(path_error(path))?;
    gist::tfidf::docfreq::DocFreqs::from_tsv(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: not a keyword model: {e}", path.display()),
        )
    })
}
