//! ROUGE of extractive summarizers on the BBC News Summary set (1,313 articles with extractive
//! reference summaries), at 3 sentences and at the reference's own sentence count.
//!
//! ```text
//! cargo run --release -p gist-summarize --example bbc_eval -- ../shared/data/summarization/bbc_news \
//!     [--only lead-n,gist,...] [--limit N] [--json OUT.json] [--references results/bbc_reference_systems.json]
//! ```
//!
//! - Input: `articles/<cat>/NNN.txt`; the first line is the title (passed as metadata "title",
//!   not summarized), the rest, trimmed, is the body.
//! - Reference: `summaries/<cat>/NNN.txt`. Its sentences are copied verbatim from the article
//!   but joined without a space, so its sentence count is found with the rule of
//!   [`reference_sentence_count`] (the same regex as `scripts/bbc_reference_systems.py`).
//! - Score: ROUGE-1/2/L F1 with stemming (rouge-score's `use_stemmer=True`), the mean over
//!   documents, times 100. Higher is better.
//!
//! `--references` adds the rows of the Python reference systems (sumy, summa, Lead via NLTK)
//! from the cached JSON written by `scripts/bbc_reference_systems.py`.
use gist_summarize::rouge::{RougeMean, RougeOptions, RougeScorer, RougeScores};
use gist_summarize::{Algorithm, Length, Summarizer};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[path = "common/bbc.rs"]
mod bbc;
use bbc::{Article, load};

/// A summarizer under test: an article and the summary lengths wanted (in sentences) in,
/// one summary text per length out.
type System = Box<dyn Fn(&Article, &[usize]) -> Vec<String> + Sync>;

fn systems() -> Vec<(String, System)> {
    let mut out: Vec<(String, System)> = Vec::new();
    for &algorithm in Algorithm::ALL {
        let summarizer = Summarizer::new(algorithm);
        out.push((
            format!("gist {}", algorithm.name()),
            Box::new(move |a: &Article, lengths: &[usize]| {
                lengths
                    .iter()
                    .map(|&n| {
                        summarizer
                            .summarize(&a.doc, Length::sentences(n))
                            .to_text(a.doc.text())
                    })
                    .collect()
            }),
        ));
    }
    out
}

/// Makes the document the summarizers see: the body, with the title as metadata, prepared
/// (sentences, tokens, stopwords, stems) by [`gist_summarize::prepare`].
struct Row {
    name: String,
    at3: RougeScores,
    at_ref: RougeScores,
    seconds: f64,
}

fn f1(s: &RougeScores) -> [f64; 3] {
    let f = |x: Option<gist_summarize::rouge::Score>| x.map_or(f64::NAN, |s| 100.0 * s.fmeasure);
    [f(s.rouge1), f(s.rouge2), f(s.rougel)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut only: Option<Vec<String>> = None;
    let mut limit = 0;
    let mut json_out = None;
    let mut references = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--only" => {
                only = Some(
                    args.next()
                        .ok_or("--only needs a list")?
                        .split(',')
                        .map(|s| s.trim().to_lowercase())
                        .collect(),
                )
            }
            "--limit" => limit = args.next().ok_or("--limit needs N")?.parse()?,
            "--json" => json_out = Some(args.next().ok_or("--json needs a file")?),
            "--references" => references = Some(args.next().ok_or("--references needs a file")?),
            _ if root.is_none() => root = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a:?}").into()),
        }
    }
    let root = root.ok_or("usage: bbc_eval DATA/summarization/bbc_news [--only a,b] [--limit N] [--json OUT] [--references JSON]")?;
    let articles = load(&root, limit)?;
    eprintln!("{} articles", articles.len());
    let scorer = RougeScorer::new(RougeOptions::default().with_stemming(true));

    let mut rows = Vec::new();
    for (name, system) in systems() {
        if let Some(only) = &only
            && !only
                .iter()
                .any(|o| name.to_lowercase().starts_with(o.as_str()))
        {
            continue;
        }
        let started = Instant::now();
        let scores: Vec<(RougeScores, RougeScores)> = articles
            .par_iter()
            .map(|a| {
                let texts = system(a, &[3, a.reference_sentences.max(1)]);
                (
                    scorer.score(&a.reference, &texts[0]),
                    scorer.score(&a.reference, &texts[1]),
                )
            })
            .collect();
        let seconds = started.elapsed().as_secs_f64();
        let (mut m3, mut mr) = (RougeMean::default(), RougeMean::default());
        for (a, b) in &scores {
            m3.add(a);
            mr.add(b);
        }
        let row = Row {
            name,
            at3: m3.mean(),
            at_ref: mr.mean(),
            seconds,
        };
        let [a, b, c] = f1(&row.at3);
        eprintln!(
            "{}: R-1 {a:.1} R-2 {b:.1} R-L {c:.1} @3 ({seconds:.1} s)",
            row.name
        );
        rows.push(row);
    }

    println!("| system | R-1 @3 | R-2 @3 | R-L @3 | R-1 @ref | R-2 @ref | R-L @ref |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let cells: Vec<String> = f1(&r.at3)
            .into_iter()
            .chain(f1(&r.at_ref))
            .map(|x| format!("{x:.1}"))
            .collect();
        println!("| {} | {} |", r.name, cells.join(" | "));
    }
    if let Some(path) = references {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        for s in v["systems"]
            .as_array()
            .ok_or("no systems in references JSON")?
        {
            let cells: Vec<String> = ["3", "ref"]
                .iter()
                .flat_map(|n| ["rouge1", "rouge2", "rougeL"].map(|m| format!("{m}_{n}")))
                .map(|k| format!("{:.1}", s[&k].as_f64().unwrap_or(f64::NAN)))
                .collect();
            println!(
                "| {} | {} |",
                s["system"].as_str().unwrap_or("?"),
                cells.join(" | ")
            );
        }
    }
    if let Some(path) = json_out {
        let json: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "system": r.name, "seconds": r.seconds,
                    "at3": r.at3, "at_reference_length": r.at_ref,
                })
            })
            .collect();
        let out =
            serde_json::json!({ "documents": articles.len(), "stemming": true, "systems": json });
        std::fs::write(&path, serde_json::to_string_pretty(&out)? + "\n")
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::reference_sentence_count;

    #[test]
    fn reference_sentences() {
        assert_eq!(reference_sentence_count(""), 0);
        assert_eq!(reference_sentence_count("One."), 1);
        assert_eq!(
            reference_sentence_count("Rose 2% to $11.1bn.For the year."),
            2
        );
        assert_eq!(reference_sentence_count("months.\"I think.\"He said.\""), 3);
        assert_eq!(reference_sentence_count("next.\""), 1);
        assert_eq!(
            reference_sentence_count("A 1.5% rise.'Good' news.\"'Why?'\" Yes!No"),
            4
        );
    }
}
