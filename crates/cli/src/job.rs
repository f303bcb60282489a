//! Running one function over every input document in parallel, writing results in input order.

use crate::input::{InputError, InputOptions, Raw, Reader, Source};
use gist::core::{Document, map_ordered_mut};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal};

/// Documents per parallel batch; with [`BATCH_BYTES`] it bounds memory for inputs of any size.
const BATCH_DOCS: usize = 2048;
/// Input bytes per parallel batch.
const BATCH_BYTES: u64 = 32 << 20;

/// What a job did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents processed successfully.
    pub documents: usize,
    /// Inputs or documents that failed (each was reported on stderr).
    pub errors: usize,
}

/// Progress on stderr when it is a terminal (documents, bytes, rate, ETA); silent otherwise.
pub struct Progress {
    bar: Option<ProgressBar>,
    docs: u64,
}

impl Progress {
    /// A progress bar for `sources`, hidden when `quiet` or when stderr is not a terminal.
    pub fn new(sources: &[Source], quiet: bool) -> Progress {
        if quiet || !io::stderr().is_terminal() {
            return Progress { bar: None, docs: 0 };
        }
        let total: Option<u64> = sources.iter().map(Source::len).sum();
        let bar = match total {
            Some(total) => {
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{elapsed_precise} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                    )
                    .expect("valid template"),
                );
                bar
            }
            None => {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {elapsed_precise} {bytes} {binary_bytes_per_sec} {msg}",
                    )
                    .expect("valid template"),
                );
                bar
            }
        };
        Progress {
            bar: Some(bar),
            docs: 0,
        }
    }

    fn advance(&mut self, docs: u64, bytes: u64) {
        self.docs += docs;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{} docs", self.docs));
        }
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Reports an input error on stderr.
pub fn report(progress: &Progress, error: &dyn std::fmt::Display) {
    progress.println(&format!("gist: error: {error}"));
}

/// Where a job parses JSON Lines records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parse {
    /// On the calling thread, as they are read: beside the pool's work, for jobs whose
    /// processing of each document is the heavy part.
    AsRead,
    /// In the pool, with the batch's processing: for jobs whose heavy part is in `emit` (the
    /// calling thread), which reading would otherwise wait for.
    InPool,
}

/// Reads every document from `sources`, runs `process` on them in parallel batches, and hands
/// the results to `emit` in input order. Input errors and processing errors are reported on
/// stderr (in input order, unless `silent`: for a first pass over inputs that a second pass
/// reports) and counted; the other documents are still processed.
///
/// The calling thread reads and emits while the thread pool processes: as one batch is
/// processed, the results of the one before are emitted and the one after is read, so that
/// reading, writing and a first pass's merging (all in input order, on one thread) overlap the
/// parallel work instead of leaving the pool idle. JSON Lines records are parsed where `parse`
/// says. At most three batches are held at once.
pub fn run<R, P, E>(
    sources: Vec<Source>,
    options: &InputOptions,
    progress: &mut Progress,
    silent: bool,
    parse: Parse,
    process: P,
    mut emit: E,
) -> io::Result<Outcome>
where
    R: Send,
    P: Fn(Document) -> Result<R, String> + Sync + Send,
    E: FnMut(R) -> io::Result<()>,
{
    let mut outcome = Outcome::default();
    let mut reader = Reader::new(sources, options);
    // (Records read with `Parse::AsRead` are parsed already.)
    let process_batch = |batch: &mut Vec<Option<Raw>>| {
        map_ordered_mut(batch, |slot| {
            match slot.take().map(|raw| raw.parse(options)) {
                Some(Ok((doc, _))) => {
                    let id = doc.id().to_string();
                    process(doc).map_err(|message| Failure::Document { id, message })
                }
                Some(Err(e)) => Err(Failure::Input(e)),
                None => unreachable!("each slot is taken once"),
            }
        })
    };
    let mut emit_all = |done: Processed<R>, outcome: &mut Outcome| -> io::Result<()> {
        let docs = done.results.len() as u64;
        for result in done.results {
            match result {
                Ok(r) => {
                    outcome.documents += 1;
                    emit(r)?;
                }
                Err(failure) => {
                    outcome.errors += 1;
                    if !silent {
                        report(progress, &failure);
                    }
                }
            }
        }
        progress.advance(docs, done.bytes);
        Ok(())
    };
    let read = |reader: &mut Reader<'_>| read_batch(reader, parse);
    let (mut batch, mut bytes) = read(&mut reader);
    let mut pending: Option<Processed<R>> = None;
    while !batch.is_empty() {
        let (results, emitted, next) = std::thread::scope(|scope| {
            let worker = scope.spawn(|| process_batch(&mut batch));
            let emitted = match pending.take() {
                Some(done) => emit_all(done, &mut outcome),
                None => Ok(()),
            };
            // The next batch is read only when the output goes on.
            let next = if emitted.is_ok() {
                read(&mut reader)
            } else {
                (Vec::new(), 0)
            };
            let results = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (results, emitted, next)
        });
        emitted?;
        pending = Some(Processed { results, bytes });
        (batch, bytes) = next;
    }
    if let Some(done) = pending {
        emit_all(done, &mut outcome)?;
    }
    Ok(outcome)
}

/// The next batch of items from `reader` (empty at the end), and its bytes; records parsed if
/// `parse` is [`Parse::AsRead`].
fn read_batch(reader: &mut Reader<'_>, parse: Parse) -> (Vec<Option<Raw>>, u64) {
    let mut batch: Vec<Option<Raw>> = Vec::new();
    let mut bytes = 0u64;
    while let Some(item) = reader.next_raw(parse == Parse::InPool) {
        bytes += item.size();
        batch.push(Some(item));
        if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
            break;
        }
    }
    (batch, bytes)
}

/// A processed batch waiting to be emitted: its results in input order (one per item), and its
/// input bytes.
struct Processed<R> {
    results: Vec<Result<R, Failure>>,
    bytes: u64,
}

/// Why one item produced no output.
enum Failure {
    Input(InputError),
    Document { id: String, message: String },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(e) => e.fmt(f),
            Failure::Document { id, message } => write!(f, "{id}: {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gist::core::Language;

    fn options() -> InputOptions {
        InputOptions {
            jsonl: true,
            id_field: "id".into(),
            text_field: "text".into(),
            lossy: false,
            language: Language::English,
        }
    }

    /// A JSON Lines file of `n` records (ids 0..n), with a bad line in place of each id in
    /// `bad`, spanning several batches.
    fn records(n: usize, bad: &[usize]) -> Vec<Source> {
        let dir = std::env::temp_dir().join(format!("gist-cli-job-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join(format!("records-{n}.jsonl"));
        let text: String = (0..n)
            .map(|i| {
                if bad.contains(&i) {
                    "{not json\n".to_string()
                } else {
                    format!("{{\"id\":\"{i}\",\"text\":\"document {i}\"}}\n")
                }
            })
            .collect();
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        vec![Source::File {
            id: path.to_string_lossy().into_owned(),
            path,
        }]
    }

    #[test]
    fn results_are_emitted_in_input_order_across_batches_with_failures_counted() {
        // Records parsed as read and in the pool alike.
        let n = 2 * BATCH_DOCS + 700;
        let bad = [5, BATCH_DOCS + 1, 2 * BATCH_DOCS + 699];
        let sources = records(n, &bad);
        for parse in [Parse::AsRead, Parse::InPool] {
            let mut progress = Progress::new(&[], true);
            let mut seen = Vec::new();
            let outcome = run(
                sources.clone(),
                &options(),
                &mut progress,
                true,
                parse,
                |doc| {
                    // Every 1000th document fails in processing.
                    let i: usize = doc.id().parse().map_err(|_| "bad id".to_string())?;
                    if i % 1000 == 999 {
                        return Err("refused".into());
                    }
                    Ok(i)
                },
                |i| {
                    seen.push(i);
                    Ok(())
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let want: Vec<usize> = (0..n)
                .filter(|i| !bad.contains(i) && i % 1000 != 999)
                .collect();
            assert_eq!(seen, want, "{parse:?}");
            assert_eq!(outcome.documents, want.len());
            assert_eq!(outcome.errors, n - want.len());
        }
    }

    #[test]
    fn an_output_error_stops_the_job_and_is_returned() {
        let n = 3 * BATCH_DOCS;
        let sources = records(n, &[]);
        let mut progress = Progress::new(&[], true);
        let mut emitted = 0;
        let result = run(
            sources,
            &options(),
            &mut progress,
            true,
            Parse::InPool,
            |doc| Ok(doc.id().to_string()),
            |_| {
                emitted += 1;
                if emitted == BATCH_DOCS + 10 {
                    return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
                }
                Ok(())
            },
        );
        assert_eq!(result.map_err(|e| e.kind()), Err(io::ErrorKind::BrokenPipe));
        assert_eq!(emitted, BATCH_DOCS + 10);
    }
}
