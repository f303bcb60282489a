//! One module per subcommand.

pub mod sentences;
pub mod stem;
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

/// Sets the thread pool, expands the inputs and reports the ones that cannot be read.
pub fn setup(common: &Common) -> io::Result<Setup> {
    if let Some(n) = common.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build_global()
            .map_err(io::Error::other)?;
    }
    let (sources, errors) = input::resolve(&common.inputs, common.jsonl);
    let progress = Progress::new(&sources, common.quiet);
    for e in &errors {
        job::report(&progress, e);
    }
    let headers = common.jsonl
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
