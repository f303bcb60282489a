//! `gist tfidf fit` and `gist tfidf transform`.

use super::{finish, path_error, setup};
use crate::Common;
use crate::job::Outcome;
use clap::{Args, Subcommand};
use gist::tfidf::{
    AnalyzerKind, DfThreshold, Dtype, Matrix, MatrixMarketEntries, MatrixMarketWriter, Norm,
    StopWords, StripAccents, TfidfError, TfidfOptions, TfidfVectorizer, Weighting,
    write_matrix_market_header,
};
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Input text buffered before each partial fit (bounds memory on large corpora; each partial
/// fit also merges its counts into the model, which favours fewer, larger chunks).
const FIT_BYTES: usize = 64 << 20;

/// The most input text buffered before each transform: a transform merges nothing, so it gains
/// nothing from the fit's large chunks, and smaller batches hold less.
const TRANSFORM_BYTES: usize = 16 << 20;

/// The first transform batch's input, and the least of any: the batches after it are sized
/// from the entries the ones before gave per byte (see [`TRANSFORM_ENTRIES`]).
const TRANSFORM_FIRST_BYTES: usize = 1 << 20;

/// Matrix entries a transform batch aims at (about 50 MB of `f64` values and column indices):
/// a byte of text gives about 0.12 entries with words, about 1.35 with char_wb (2, 4). Batches
/// of 1-16 MB sized so against the 64 MB chunks the transform read before (the builds of
/// 91243c2 and da9ca69; `/usr/bin/time -f "%e %M" gist tfidf transform -q --threads T --model
/// M --out O target/tfidf-records-48mb-x1.jsonl`, the records of `scripts/tfidf_profile.sh
/// records 1 48`, the models fitted from them by `gist tfidf fit`), peak memory on one and two
/// threads: default options 186 and 221 -> 121 and 142 MB, stop words and bigrams with min_df 2
/// 280 and 379 -> 225 and 227 MB, char_wb (2, 4) 887 and 1,496 -> 198 and 202 MB; times the
/// same or shorter.
const TRANSFORM_ENTRIES: usize = 4 << 20;

/// The input bytes of the next transform batch, after one of `bytes` gave `entries` entries.
fn next_transform_bytes(bytes: usize, entries: usize) -> usize {
    let per_entry = bytes as f64 / entries.max(1) as f64;
    ((TRANSFORM_ENTRIES as f64 * per_entry) as usize).clamp(TRANSFORM_FIRST_BYTES, TRANSFORM_BYTES)
}

/// `gist tfidf` subcommands.
#[derive(Subcommand, Debug)]
pub enum TfidfCommand {
    /// Learns a vocabulary and document frequencies and saves the model (JSON).
    Fit(Box<FitArgs>),
    /// Transforms documents with a saved model into a Matrix Market matrix (one row per
    /// document, in input order).
    Transform(TransformArgs),
}

/// Options of `gist tfidf fit`: scikit-learn's TfidfVectorizer options, same meaning and
/// defaults.
#[derive(Args, Debug)]
pub struct FitArgs {
    #[command(flatten)]
    common: Common,
    /// Where to save the fitted model (JSON).
    #[arg(long, value_name = "MODEL")]
    out: PathBuf,
    /// Also write the vocabulary: `.json` (term -> column, like scikit-learn's vocabulary_)
    /// or TSV (column, term, df, idf).
    #[arg(long, value_name = "FILE")]
    vocabulary_out: Option<PathBuf>,
    /// word, char, char_wb (scikit-learn's), or gist (gist's tokenizer, stopwords and stems).
    #[arg(long, default_value = "word")]
    analyzer: String,
    /// Do not lowercase before tokenizing.
    #[arg(long)]
    no_lowercase: bool,
    /// Accent stripping: none, ascii, unicode.
    #[arg(long, default_value = "none")]
    strip_accents: String,
    /// Stop words: none, english (scikit-learn's list), language (gist's list for --lang), or
    /// a comma-separated list.
    #[arg(long, default_value = "none")]
    stop_words: String,
    /// Token pattern of the word analyzer.
    #[arg(long, default_value = gist::tfidf::SKLEARN_TOKEN_PATTERN)]
    token_pattern: String,
    /// N-gram range "MIN,MAX".
    #[arg(long, default_value = "1,1", value_parser = parse_range)]
    ngram_range: (usize, usize),
    /// Minimum document frequency: a count ("2") or a proportion ("0.01").
    #[arg(long, default_value = "1")]
    min_df: String,
    /// Maximum document frequency: a count ("1000") or a proportion ("0.5").
    #[arg(long, default_value = "1.0")]
    max_df: String,
    /// Keep only the most frequent terms.
    #[arg(long, value_name = "N")]
    max_features: Option<usize>,
    /// A fixed vocabulary: a file with one term per line.
    #[arg(long, value_name = "FILE")]
    vocabulary: Option<PathBuf>,
    /// Count presence instead of occurrences.
    #[arg(long)]
    binary: bool,
    /// Row normalization: l1, l2, none.
    #[arg(long, default_value = "l2")]
    norm: String,
    /// Do not weight by inverse document frequency.
    #[arg(long)]
    no_use_idf: bool,
    /// Do not smooth idf.
    #[arg(long)]
    no_smooth_idf: bool,
    /// Use 1 + ln(tf) instead of tf.
    #[arg(long)]
    sublinear_tf: bool,
    /// Weight type: f64 or f32.
    #[arg(long, default_value = "f64")]
    dtype: String,
    /// BM25 weighting instead of TF-IDF, with parameters "K1,B" (e.g. "1.2,0.75").
    #[arg(long, value_name = "K1,B", value_parser = parse_bm25)]
    bm25: Option<(f64, f64)>,
}

/// Options of `gist tfidf transform`.
#[derive(Args, Debug)]
pub struct TransformArgs {
    #[command(flatten)]
    common: Common,
    /// The model saved by `gist tfidf fit`.
    #[arg(long, value_name = "MODEL")]
    model: PathBuf,
    /// Where to write the matrix (Matrix Market coordinate format, readable by scipy.io.mmread);
    /// to a pipe (/dev/stdout) the rows wait in a spool file in $TMPDIR until the end.
    #[arg(long, value_name = "MATRIX.mtx")]
    out: PathBuf,
    /// Also write the row ids (one document id per line, matrix row order).
    #[arg(long, value_name = "FILE")]
    ids_out: Option<PathBuf>,
}

/// Parses "A,B" into two numbers; `what` names the form in the error.
fn parse_pair<T: std::str::FromStr>(s: &str, what: &str) -> Result<(T, T), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("{s:?} is not \"{what}\""))?;
    let a = a
        .trim()
        .parse()
        .map_err(|_| format!("{a:?} is not a number"))?;
    let b = b
        .trim()
        .parse()
        .map_err(|_| format!("{b:?} is not a number"))?;
    Ok((a, b))
}

fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let (a, b) = parse_pair(s, "MIN,MAX")?;
    if a == 0 || a > b {
        return Err(format!("ngram range ({a}, {b}) needs 1 <= MIN <= MAX"));
    }
    Ok((a, b))
}

fn parse_bm25(s: &str) -> Result<(f64, f64), String> {
    parse_pair(s, "K1,B")
}

/// The library's error as an I/O error, of the kind of the I/O error behind it if any (so that a
/// closed pipe ends the job quietly, as for the other outputs).
fn invalid(e: TfidfError) -> io::Error {
    io::Error::new(
        e.io_kind().unwrap_or(io::ErrorKind::InvalidInput),
        e.to_string(),
    )
}

fn options(args: &FitArgs) -> Result<TfidfOptions, TfidfError> {
    let mut o = TfidfOptions::default();
    o.text.analyzer = args.analyzer.parse::<AnalyzerKind>()?;
    o.text.lowercase = !args.no_lowercase;
    o.text.strip_accents = args.strip_accents.parse::<StripAccents>()?;
    o.text.stop_words = args.stop_words.parse::<StopWords>()?;
    o.text.token_pattern = args.token_pattern.clone();
    o.text.ngram_range = args.ngram_range;
    o.text.language = args.common.lang;
    o.min_df = args.min_df.parse::<DfThreshold>()?;
    o.max_df = args.max_df.parse::<DfThreshold>()?;
    o.max_features = args.max_features;
    o.binary = args.binary;
    o.norm = args.norm.parse::<Norm>()?;
    o.use_idf = !args.no_use_idf;
    o.smooth_idf = !args.no_smooth_idf;
    o.sublinear_tf = args.sublinear_tf;
    o.dtype = args.dtype.parse::<Dtype>()?;
    if let Some((k1, b)) = args.bm25 {
        o.weighting = Weighting::Bm25 { k1, b };
    }
    Ok(o)
}

/// Runs `gist tfidf fit` or `gist tfidf transform`.
pub fn run(command: TfidfCommand) -> io::Result<Outcome> {
    match command {
        TfidfCommand::Fit(args) => fit(*args),
        TfidfCommand::Transform(args) => transform(args),
    }
}

/// Feeds the text of every input document to `consume` in chunks of about `limit` bytes (read
/// as each chunk fills, so that `consume` may change it for the next ones), in input order; returns the job outcome and the ids. `consume` runs on a thread of its own,
/// so that the next chunk is read (and its JSON parsed) while one is fitted or transformed: at
/// most two chunks are in memory (one consumed, one filling or waiting for it). After an
/// error of `consume`, the remaining input is read (its bad documents reported) but not
/// consumed, and the error returned.
fn chunks(
    common: &Common,
    limit: &AtomicUsize,
    mut consume: impl FnMut(&[String]) -> Result<(), TfidfError> + Send,
) -> io::Result<(Outcome, Vec<String>, super::Setup)> {
    let mut setup = setup(common)?;
    let mut ids = Vec::new();
    let (outcome, consumed) = std::thread::scope(|scope| {
        // A rendezvous: a full chunk waits until the previous one is consumed.
        let (send, chunks) = std::sync::mpsc::sync_channel::<Vec<String>>(0);
        let consumer = scope.spawn(move || -> Result<(), TfidfError> {
            for chunk in chunks {
                consume(&chunk)?;
            }
            Ok(())
        });
        let mut buffer: Vec<String> = Vec::new();
        let mut bytes = 0usize;
        // Whether the consumer still takes chunks (it stops at its first error).
        let mut open = true;
        // The consumer is the heavy part: the pool, otherwise idle, parses the records.
        let outcome = setup.run_parsing(
            crate::job::Parse::InPool,
            |doc| Ok(doc.into_id_and_text()),
            |(id, text)| {
                ids.push(id);
                if open {
                    bytes += text.len();
                    buffer.push(text);
                    if bytes >= limit.load(Ordering::Relaxed) {
                        open = send.send(std::mem::take(&mut buffer)).is_ok();
                        bytes = 0;
                    }
                }
                Ok(())
            },
        );
        if open && !buffer.is_empty() {
            let _ = send.send(buffer);
        }
        drop(send);
        let consumed = consumer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (outcome, consumed)
    });
    let outcome = outcome?;
    consumed.map_err(invalid)?;
    Ok((outcome, ids, setup))
}

fn fit(args: FitArgs) -> io::Result<Outcome> {
    let mut options = options(&args).map_err(invalid)?;
    if let Some(path) = &args.vocabulary {
        let text = std::fs::read_to_string(path).map_err(path_error(path))?;
        options.vocabulary = Some(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        );
    }
    let mut vectorizer = TfidfVectorizer::new(options).map_err(invalid)?;
    let limit = AtomicUsize::new(FIT_BYTES);
    let (outcome, ids, setup) = chunks(&args.common, &limit, |docs| vectorizer.partial_fit(docs))?;
    if ids.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no document could be read: nothing to fit",
        ));
    }
    vectorizer.save_file(&args.out).map_err(invalid)?;
    if let Some(path) = &args.vocabulary_out {
        let file = std::fs::File::create(path).map_err(path_error(path))?;
        if path.extension().is_some_and(|e| e == "json") {
            let mut w = BufWriter::new(file);
            w.write_all(vectorizer.vocabulary_json().as_bytes())
                .and_then(|()| w.write_all(b"\n"))
                .and_then(|()| w.flush())
                .map_err(path_error(path))?;
        } else {
            vectorizer.write_vocabulary_tsv(file).map_err(invalid)?;
        }
    }
    if !args.common.quiet {
        setup.progress.println(&format!(
            "gist: fitted {} documents, {} terms -> {}",
            vectorizer.n_documents(),
            vectorizer.n_features(),
            args.out.display()
        ));
    }
    Ok(finish(&setup, outcome))
}

fn transform(args: TransformArgs) -> io::Result<Outcome> {
    // Before the model is loaded: loading may already start the thread pool.
    super::set_threads(&args.common)?;
    let mut vectorizer = TfidfVectorizer::load_file(&args.model).map_err(invalid)?;
    // Only the vocabulary is needed: the terms the fit pruned (with n-grams, most of the
    // model) are dropped before the documents are read.
    vectorizer.keep_vocabulary_only();
    let n_cols = vectorizer.n_features();
    let file = std::fs::File::create(&args.out).map_err(path_error(&args.out))?;
    let seekable = file.metadata().is_ok_and(|m| m.is_file());
    // Batches sized by the entries they give (see TRANSFORM_ENTRIES).
    let limit = AtomicUsize::new(TRANSFORM_FIRST_BYTES);
    let transformed = |docs: &[String]| -> Result<Matrix, TfidfError> {
        let m = vectorizer.transform_matrix(docs)?;
        let bytes = docs.iter().map(String::len).sum();
        limit.store(next_transform_bytes(bytes, m.nnz()), Ordering::Relaxed);
        Ok(m)
    };
    let (outcome, ids, setup, n_rows, nnz) = if seekable {
        // Each batch's rows written as soon as they are transformed, then dropped: memory
        // holds a batch, not the matrix (whose size line is written last).
        let mut writer = MatrixMarketWriter::new(BufWriter::new(file), n_cols).map_err(invalid)?;
        let (outcome, ids, setup) = chunks(&args.common, &limit, |docs| {
            writer.write(&transformed(docs)?)
        })?;
        let (n_rows, nnz) = (writer.n_rows(), writer.nnz());
        // (finish flushes the buffer.)
        writer.finish().map_err(invalid)?;
        (outcome, ids, setup, n_rows, nnz)
    } else {
        // A pipe or a device: the size line comes first, so the entries go to a spool file
        // (memory holds a batch, as with a file), copied after the header once all are known.
        let tmp = std::env::temp_dir();
        match Spool::create(&tmp) {
            Ok(spool) => {
                let mut entries = MatrixMarketEntries::new(BufWriter::new(&spool.file), n_cols);
                let in_spool =
                    |e: TfidfError| e.context(format!("spool file {}", spool.path.display()));
                let (outcome, ids, setup) = chunks(&args.common, &limit, |docs| {
                    entries.write(&transformed(docs)?).map_err(in_spool)
                })?;
                let (n_rows, nnz) = (entries.n_rows(), entries.nnz());
                entries.into_inner().map_err(in_spool).map_err(invalid)?;
                copy_spool(&spool, n_rows, n_cols, nnz, file).map_err(path_error(&args.out))?;
                (outcome, ids, setup, n_rows, nnz)
            }
            Err(e) => {
                // No spool (no writable temporary directory): every batch kept until the end.
                eprintln!(
                    "gist: warning: spool file for the matrix in {}: {e}; the matrix is kept in memory until it is written",
                    tmp.display()
                );
                let mut parts: Vec<Matrix> = Vec::new();
                let (outcome, ids, setup) = chunks(&args.common, &limit, |docs| {
                    parts.push(transformed(docs)?);
                    Ok(())
                })?;
                Matrix::write_matrix_market_stacked(&parts, n_cols, file).map_err(invalid)?;
                let n_rows = parts.iter().map(Matrix::n_rows).sum();
                let nnz = parts.iter().map(Matrix::nnz).sum();
                (outcome, ids, setup, n_rows, nnz)
            }
        }
    };
    if let Some(path) = &args.ids_out {
        let mut text = ids.join("\n");
        text.push('\n');
        std::fs::write(path, text).map_err(path_error(path))?;
    }
    if !args.common.quiet {
        setup.progress.println(&format!(
            "gist: {n_rows} x {n_cols} matrix, {nnz} non-zero entries -> {}",
            args.out.display()
        ));
    }
    Ok(finish(&setup, outcome))
}

/// A temporary file the entries of a matrix bound for a pipe are written to. On Unix its name
/// is removed as soon as it is open (the file lives as long as the handle, and nothing is left
/// behind whatever ends the program); elsewhere when it is dropped.
struct Spool {
    file: File,
    /// Where it was created (for messages).
    path: PathBuf,
    /// Whether its name is still to be removed.
    named: bool,
}

impl Spool {
    /// A new spool file in `dir`, open for reading and writing.
    fn create(dir: &Path) -> io::Result<Spool> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut tries = 0;
        loop {
            let path = dir.join(format!(
                "gist-matrix-{}-{nanos}-{}.part",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            match File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    let named = std::fs::remove_file(&path).is_err();
                    return Ok(Spool { file, path, named });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if self.named {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes the Matrix Market header of the totals to `out`, then the entries in `spool` (read
/// from its start).
fn copy_spool(
    spool: &Spool,
    n_rows: usize,
    n_cols: usize,
    nnz: usize,
    out: File,
) -> io::Result<()> {
    let mut spooled = &spool.file;
    spooled.rewind().map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("spool file {}: {e}", spool.path.display()),
        )
    })?;
    let mut out = BufWriter::new(out);
    write_matrix_market_header(&mut out, n_rows, n_cols, nnz).map_err(io::Error::other)?;
    io::copy(&mut spooled, &mut out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transform_batches_shrink_as_entries_per_byte_grow() {
        // Words give about 0.12 entries per byte: the largest batches.
        assert_eq!(next_transform_bytes(1 << 20, 125_000), TRANSFORM_BYTES);
        // Two entries per byte (char n-grams): TRANSFORM_ENTRIES / 2 bytes.
        assert_eq!(next_transform_bytes(1 << 20, 2 << 20), 2 << 20);
        // No entries at all: the largest; very many: never below the first batch.
        assert_eq!(next_transform_bytes(5, 0), TRANSFORM_BYTES);
        assert_eq!(
            next_transform_bytes(1 << 20, 1 << 30),
            TRANSFORM_FIRST_BYTES
        );
    }
}
