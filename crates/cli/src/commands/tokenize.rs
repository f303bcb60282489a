//! `gist tokenize`.

use super::{check_format, finish, setup};
use crate::job::Outcome;
use crate::output::{Output, one_line};
use crate::{Common, Format};
use clap::Args;
use gist::core::Analyzer;
use gist::tokenize::{WordOptions, WordTokenizer};
use serde::Serialize;
use std::io::{self, Write};

/// Options of `gist tokenize`.
#[derive(Args, Debug)]
pub struct TokenizeArgs {
    #[command(flatten)]
    common: Common,
    /// Split hyphenated words ("pay-per-view" -> "pay", "-", "per", ...).
    #[arg(long)]
    split_hyphens: bool,
    /// Fold accents in normalized forms ("café" -> "cafe").
    #[arg(long)]
    fold_accents: bool,
    /// Apply NFKC normalization to normalized forms.
    #[arg(long)]
    nfkc: bool,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: u32,
    end: u32,
    kind: &'static str,
    norm: &'a str,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    tokens: Vec<TokenOut<'a>>,
}

/// Runs `gist tokenize`.
pub fn run(args: TokenizeArgs) -> io::Result<Outcome> {
    check_format(
        args.common.format,
        &[Format::Text, Format::Jsonl],
        "tokenize",
    )?;
    let mut setup = setup(&args.common)?;
    let tokenizer = WordTokenizer::new(WordOptions {
        split_hyphens: args.split_hyphens,
        fold_accents: args.fold_accents,
        nfkc: args.nfkc,
        ..WordOptions::default()
    });
    let mut out = Output::new(setup.headers);
    let format = args.common.format;
    let outcome = setup.run(
        |mut doc| {
            tokenizer
                .analyze(&mut doc)
                .map_err(|e| e.to_string())
                .map(|()| doc)
        },
        |doc| {
            let tokens = doc.tokens().iter().map(|t| TokenOut {
                text: doc.token_text(t),
                start: t.span().start,
                end: t.span().end,
                kind: t.kind.as_str(),
                norm: doc.norm(t),
            });
            match format {
                Format::Jsonl => out.jsonl(&DocOut {
                    id: doc.id(),
                    tokens: tokens.collect(),
                }),
                _ => {
                    out.begin_text(doc.id())?;
                    for t in tokens {
                        writeln!(
                            out.writer(),
                            "{}\t{}\t{}\t{}",
                            t.start,
                            t.kind,
                            one_line(t.text),
                            one_line(t.norm)
                        )?;
                    }
                    Ok(())
                }
            }
        },
    )?;
    out.flush()?;
    Ok(finish(&setup, outcome))
}
