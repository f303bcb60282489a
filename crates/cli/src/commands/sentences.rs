//! `gist sentences`.

use super::{check_format, finish, setup};
use crate::job::Outcome;
use crate::output::{Output, one_line};
use crate::{Common, Format};
use clap::Args;
use gist::core::Span;
use gist::tokenize::SentenceSplitter;
use serde::Serialize;
use std::io::{self, Write};

/// Options of `gist sentences`.
#[derive(Args, Debug)]
pub struct SentencesArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    text: &'a str,
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    sentences: Vec<SentenceOut<'a>>,
}

/// Runs `gist sentences`.
pub fn run(args: SentencesArgs) -> io::Result<Outcome> {
    check_format(
        args.common.format,
        &[Format::Text, Format::Jsonl],
        "sentences",
    )?;
    let mut setup = setup(&args.common)?;
    let splitter = SentenceSplitter::new(args.common.lang);
    let mut out = Output::new(setup.headers);
    let format = args.common.format;
    let outcome = setup.run(
        |doc| {
            let spans: Vec<Span> = splitter.split(doc.text());
            Ok((doc, spans))
        },
        |(doc, spans)| {
            let text = doc.text();
            match format {
                Format::Jsonl => out.jsonl(&DocOut {
                    id: doc.id(),
                    sentences: spans
                        .iter()
                        .map(|&s| SentenceOut {
                            text: &text[s],
                            start: s.start,
                            end: s.end,
                        })
                        .collect(),
                }),
                _ => {
                    out.begin_text(doc.id())?;
                    for &s in &spans {
                        writeln!(out.writer(), "{}", one_line(&text[s]))?;
                    }
                    Ok(())
                }
            }
        },
    )?;
    out.flush()?;
    Ok(finish(&setup, outcome))
}
