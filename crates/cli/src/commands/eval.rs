//! `gist eval rouge`.

use crate::Format;
use crate::input::{self, InputOptions, Reader};
use crate::job::Outcome;
use crate::output::Output;
use clap::{Args, Subcommand};
use gist::core::Language;
use gist::summarize::rouge::{RougeOptions, RougePair, RougeScorer, RougeScores};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// `gist eval` subcommands.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// ROUGE-1, ROUGE-2 and ROUGE-L of system summaries against references (matching Google's
    /// rouge-score), per document and averaged.
    Rouge(RougeArgs),
}

/// Options of `gist eval rouge`.
#[derive(Args, Debug)]
pub struct RougeArgs {
    /// Reference summaries: a directory of *.txt files (id = path below the directory, without
    /// .txt) or a JSON Lines file with id and text fields.
    #[arg(long, value_name = "DIR_OR_JSONL")]
    reference: String,
    /// System summaries, in the same form. A `gist summarize --format jsonl` output is accepted
    /// as is (its summary sentences are joined with spaces).
    #[arg(long, value_name = "DIR_OR_JSONL")]
    system: String,
    /// Do not stem (rouge-score's use_stemmer=False).
    #[arg(long)]
    no_stem: bool,
    /// Name of the id field of JSON Lines records.
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// Name of the text field of JSON Lines records.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// Output format: text (a table) or jsonl (one record per document, then the mean).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Reads summaries keyed by id. Directories: `*.txt` files keyed by their path below the
/// directory without the extension. JSON Lines: `id` and `text` fields, or a gist summarize
/// record (`summary` list of sentences).
fn load(arg: &str, args: &RougeArgs, errors: &mut usize) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let path = Path::new(arg);
    let is_dir = path.is_dir();
    let options = InputOptions {
        jsonl: !is_dir,
        id_field: args.id_field.clone(),
        text_field: args.text_field.clone(),
        lossy: false,
        language: Language::English,
    };
    let (sources, resolve_errors) = input::resolve(&[arg.to_string()], !is_dir);
    for e in &resolve_errors {
        eprintln!("gist: error: {e}");
        *errors += 1;
    }
    if !is_dir {
        // gist summarize output has no text field: read it directly.
        // Only the first line is read to tell; a plain JSONL file is then read once, below.
        let first_line = std::fs::File::open(path).ok().and_then(|f| {
            let mut line = String::new();
            io::BufRead::read_line(&mut io::BufReader::new(f), &mut line).ok()?;
            Some(line)
        });
        if first_line.is_some_and(|l| l.contains("\"summary\""))
            && let Ok(text) = std::fs::read_to_string(path)
        {
            for (n, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                match serde_json::from_str::<serde_json::Value>(line) {
                    Ok(v) => {
                        let id = v[&args.id_field].as_str().unwrap_or_default().to_string();
                        let sentences: Vec<&str> = v["summary"]
                            .as_array()
                            .map(|a| a.iter().filter_map(|s| s["text"].as_str()).collect())
                            .unwrap_or_default();
                        out.insert(id, sentences.join(" "));
                    }
                    Err(e) => {
                        eprintln!("gist: error: {arg}:{}: invalid JSON: {e}", n + 1);
                        *errors += 1;
                    }
                }
            }
            return out;
        }
    }
    for item in Reader::new(sources, &options) {
        match item {
            Ok((doc, _)) => {
                let id = if is_dir {
                    let rel = Path::new(doc.id())
                        .strip_prefix(path)
                        .map(|p| p.with_extension(""))
                        .unwrap_or_else(|_| Path::new(doc.id()).to_path_buf());
                    rel.to_string_lossy().into_owned()
                } else {
                    doc.id().to_string()
                };
                out.insert(id, doc.text().to_string());
            }
            Err(e) => {
                eprintln!("gist: error: {e}");
                *errors += 1;
            }
        }
    }
    out
}

/// The key of an id for pairing: without a `.txt` extension.
fn key(id: &str) -> &str {
    id.strip_suffix(".txt").unwrap_or(id)
}

/// Every suffix of `id`'s key that starts after a `/` (and the whole key).
fn suffixes(id: &str) -> impl Iterator<Item = &str> {
    let k = key(id);
    std::iter::once(k).chain(k.match_indices('/').map(move |(i, _)| &k[i + 1..]))
}

/// Pairs references with system summaries: ids are equal, or one is the other's path suffix
/// ("business/001" and "articles/business/001.txt"), as long as that suffix is unambiguous.
/// Returns the pairs in reference order and a message for each unmatched summary.
fn pair_up<'a>(
    references: &'a BTreeMap<String, String>,
    systems: &'a BTreeMap<String, String>,
) -> (Vec<RougePair<'a>>, Vec<String>) {
    let mut by_suffix: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for id in systems.keys() {
        for s in suffixes(id) {
            by_suffix
                .entry(s)
                .and_modify(|e| {
                    if *e != Some(id.as_str()) {
                        *e = None;
                    }
                })
                .or_insert(Some(id));
        }
    }
    let mut pairs = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    let mut unmatched = Vec::new();
    for (id, reference) in references {
        let found = systems
            .get_key_value(id)
            .map(|(k, _)| k.as_str())
            .or_else(|| suffixes(id).find_map(|s| by_suffix.get(s).copied().flatten()));
        match found {
            Some(sys) if used.insert(sys) => pairs.push(RougePair {
                id,
                reference,
                system: &systems[sys],
            }),
            _ => unmatched.push(format!("no system summary for reference {id:?}")),
        }
    }
    for id in systems.keys().filter(|id| !used.contains(id.as_str())) {
        unmatched.push(format!("no reference for system summary {id:?}"));
    }
    (pairs, unmatched)
}

fn f(scores: &RougeScores) -> [f64; 3] {
    [
        scores.rouge1.map_or(0.0, |s| s.fmeasure),
        scores.rouge2.map_or(0.0, |s| s.fmeasure),
        scores.rougel.map_or(0.0, |s| s.fmeasure),
    ]
}

/// Runs `gist eval`.
pub fn run(command: EvalCommand) -> io::Result<Outcome> {
    let EvalCommand::Rouge(args) = command;
    let mut errors = 0;
    let references = load(&args.reference, &args, &mut errors);
    let systems = load(&args.system, &args, &mut errors);
    let (pairs, unmatched) = pair_up(&references, &systems);
    for (i, message) in unmatched.iter().enumerate() {
        if i == 10 {
            eprintln!(
                "gist: error: ... and {} more unmatched summaries",
                unmatched.len() - 10
            );
            break;
        }
        eprintln!("gist: error: {message}");
    }
    errors += unmatched.len();
    let scorer = RougeScorer::new(RougeOptions::default().with_stemming(!args.no_stem));
    let report = scorer.evaluate(&pairs);
    let mut out = Output::new(false);
    match args.format {
        Format::Jsonl => {
            for d in &report.per_document {
                out.jsonl(d)?;
            }
            out.jsonl(&serde_json::json!({
                "id": "mean",
                "documents": report.documents,
                "scores": report.mean,
            }))?;
        }
        _ => {
            let w = out.writer();
            writeln!(w, "id\tROUGE-1 F1\tROUGE-2 F1\tROUGE-L F1")?;
            for d in &report.per_document {
                let [a, b, c] = f(&d.scores);
                writeln!(w, "{}\t{:.4}\t{:.4}\t{:.4}", d.id, a, b, c)?;
            }
            let [a, b, c] = f(&report.mean);
            writeln!(
                w,
                "mean of {}\t{:.4}\t{:.4}\t{:.4}",
                report.documents, a, b, c
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome {
        documents: report.documents,
        errors,
    })
}
