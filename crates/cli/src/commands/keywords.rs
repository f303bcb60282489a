//! `gist keywords`.

use super::{
    check_format, corpus_doc_freqs, finish, load_doc_freqs, path_error, setup, spool_stdin,
};
use crate::job::Outcome;
use crate::output::Output;
use crate::{Common, Format};
use clap::Args;
use gist::tfidf::keywords::{KeywordExtractor, KeywordOptions};
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// Options of `gist keywords`.
#[derive(Args, Debug)]
pub struct KeywordsArgs {
    #[command(flatten)]
    common: Common,
    /// Keywords per document.
    #[arg(long, default_value_t = 10, value_name = "K")]
    top: usize,
    /// Longest keyphrase, in words (1: single keywords only).
    #[arg(long, default_value_t = 3, value_name = "N")]
    max_ngram: usize,
    /// Document frequencies to score against, saved earlier with --save-model, instead of
    /// those of the corpus given.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Save the corpus' document frequencies (TSV) for later use with --model.
    #[arg(long, value_name = "FILE", conflicts_with = "model")]
    save_model: Option<PathBuf>,
}

/// One keyword in the output.
#[derive(Serialize)]
pub struct KeywordOut {
    /// The keyword or keyphrase (most frequent lowercased surface form).
    pub term: String,
    /// Its score: higher is better.
    pub score: f64,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    keywords: &'a [KeywordOut],
}

/// Builds the keyword extractor for `top` and `max_ngram`.
pub fn extractor(top: usize, max_ngram: usize) -> KeywordExtractor {
    let mut options = KeywordOptions::default();
    options.top_k = top;
    options.max_ngram = max_ngram.max(1);
    KeywordExtractor::new(options)
}

/// Runs `gist keywords`: document frequencies of the corpus given (or of `--model`), then the
/// top keywords of each document, best first. Below 20 documents the corpus counts are blended
/// with the bundled background model of the language.
pub fn run(args: KeywordsArgs) -> io::Result<Outcome> {
    check_format(
        args.common.format,
        &[Format::Text, Format::Jsonl],
        "keywords",
    )?;
    let mut setup = setup(&args.common)?;
    let _spooled = spool_stdin(&mut setup.sources)?;
    let extractor = extractor(args.top, args.max_ngram);
    let df = match &args.model {
        Some(path) => load_doc_freqs(path)?,
        None => corpus_doc_freqs(&mut setup, &extractor)?,
    };
    if let Some(path) = &args.save_model {
        std::fs::write(path, df.to_tsv()).map_err(path_error(path))?;
    }
    let mut out = Output::new(setup.headers);
    let format = args.common.format;
    let outcome = setup.run(
        |mut doc| {
            extractor.prepare(&mut doc);
            let keywords: Vec<KeywordOut> = extractor
                .extract(&doc, &df)
                .into_iter()
                .map(|k| KeywordOut {
                    term: k.term,
                    score: k.score,
                })
                .collect();
            Ok((doc.id().to_string(), keywords))
        },
        |(id, keywords)| match format {
            Format::Jsonl => out.jsonl(&DocOut {
                id: &id,
                keywords: &keywords,
            }),
            _ => {
                out.begin_text(&id)?;
                for k in &keywords {
                    writeln!(out.writer(), "{:.4}\t{}", k.score, k.term)?;
                }
                Ok(())
            }
        },
    )?;
    out.flush()?;
    Ok(finish(&setup, outcome))
}
