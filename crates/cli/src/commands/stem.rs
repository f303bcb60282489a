//! `gist stem`.

use super::{check_format, finish, setup};
use crate::job::{self, Outcome};
use crate::output::Output;
use crate::{Common, Format};
use clap::Args;
use gist::core::{Analyzer, TokenKind, map_ordered};
use gist::stem::{Algorithm, Backend, StemFilter, Stemmer};
use gist::tokenize::WordTokenizer;
use serde::Serialize;
use std::io::{self, BufRead, Write};

/// Options of `gist stem`.
#[derive(Args, Debug)]
pub struct StemArgs {
    #[command(flatten)]
    common: Common,
    /// Treat each input line as one word and print one stem per line (the format of the
    /// Snowball reference vocabularies: `gist stem --lang dutch --words voc.txt | diff - output.txt`).
    #[arg(long)]
    words: bool,
    /// Stemming algorithm, when not the language's own Snowball stemmer: porter, lovins,
    /// dutch_porter, earlymodernenglish (or a language name).
    #[arg(long, value_parser = parse_algorithm)]
    algorithm: Option<Algorithm>,
    /// snowball: current Snowball (default); snowball2: Snowball 2.x as in rust-stemmers 1.2,
    /// for stems identical to indexes built with it.
    #[arg(long, default_value = "snowball", value_parser = parse_backend)]
    backend: Backend,
}

fn parse_algorithm(s: &str) -> Result<Algorithm, String> {
    s.parse::<Algorithm>().map_err(|e| e.to_string())
}

fn parse_backend(s: &str) -> Result<Backend, String> {
    Backend::ALL
        .iter()
        .copied()
        .find(|b| b.name() == s)
        .ok_or_else(|| format!("unknown backend {s:?} (expected \"snowball\" or \"snowball2\")"))
}

#[derive(Serialize)]
struct StemOut<'a> {
    text: &'a str,
    start: u32,
    end: u32,
    stem: &'a str,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    tokens: Vec<StemOut<'a>>,
}

/// Runs `gist stem`.
pub fn run(args: StemArgs) -> io::Result<Outcome> {
    check_format(args.common.format, &[Format::Text, Format::Jsonl], "stem")?;
    let algorithm = args
        .algorithm
        .unwrap_or(Algorithm::Language(args.common.lang));
    let stemmer = Stemmer::for_algorithm(algorithm, args.backend)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    if args.words {
        return run_words(&args.common, &stemmer);
    }
    let mut setup = setup(&args.common)?;
    let tokenizer = WordTokenizer::default();
    let filter = StemFilter::with_stemmer(stemmer);
    let mut out = Output::new(setup.headers);
    let format = args.common.format;
    let outcome = setup.run(
        |mut doc| {
            tokenizer
                .analyze(&mut doc)
                .and_then(|()| filter.analyze(&mut doc))
                .map_err(|e| e.to_string())
                .map(|()| doc)
        },
        |doc| {
            let stems = doc
                .tokens()
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .filter_map(|t| {
                    Some(StemOut {
                        text: doc.token_text(t),
                        start: t.span().start,
                        end: t.span().end,
                        stem: doc.stem(t)?,
                    })
                });
            match format {
                Format::Jsonl => out.jsonl(&DocOut {
                    id: doc.id(),
                    tokens: stems.collect(),
                }),
                _ => {
                    out.begin_text(doc.id())?;
                    let line: Vec<&str> = stems.map(|s| s.stem).collect();
                    writeln!(out.writer(), "{}", line.join(" "))
                }
            }
        },
    )?;
    out.flush()?;
    Ok(finish(&setup, outcome))
}

/// `--words`: one stem per input line, line for line (blank lines stay blank).
fn run_words(common: &Common, stemmer: &Stemmer) -> io::Result<Outcome> {
    if common.jsonl {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "--words reads plain word lists; it cannot be combined with --jsonl",
        ));
    }
    let setup = setup(common)?;
    let mut out = Output::new(false);
    let mut outcome = Outcome::default();
    for source in &setup.sources {
        let reader: Box<dyn BufRead> = match source {
            crate::input::Source::Stdin => Box::new(io::BufReader::new(io::stdin())),
            crate::input::Source::File { path, id } => match std::fs::File::open(path) {
                Ok(f) => Box::new(io::BufReader::new(f)),
                Err(e) => {
                    job::report(&setup.progress, &format!("{id}: {e}"));
                    outcome.errors += 1;
                    continue;
                }
            },
        };
        let mut lines = Vec::new();
        for (n, line) in reader.split(b'\n').enumerate() {
            let mut bytes = line?;
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            match String::from_utf8(bytes) {
                Ok(s) => lines.push(s),
                Err(e) if common.lossy => {
                    lines.push(String::from_utf8_lossy(e.as_bytes()).into_owned())
                }
                Err(e) => {
                    job::report(
                        &setup.progress,
                        &format!(
                            "{}:{}: invalid UTF-8 (use --lossy to replace invalid bytes) (byte offset {} in the line)",
                            source.name(),
                            n + 1,
                            e.utf8_error().valid_up_to()
                        ),
                    );
                    outcome.errors += 1;
                    lines.push(String::new());
                }
            }
        }
        let stems = map_ordered(&lines, |w| stemmer.stem(w.trim()).into_owned());
        let w = out.writer();
        for stem in &stems {
            w.write_all(stem.as_bytes())?;
            w.write_all(b"\n")?;
        }
        outcome.documents += 1;
    }
    out.flush()?;
    Ok(finish(&setup, outcome))
}
