//! Quick ROUGE comparison of every gist summarizer (and a few option variants) on the BBC News
//! Summary set, used to tune the default scorer. The official evaluation, with the Python
//! reference systems beside gist, is `examples/bbc_eval.rs`; this example follows its protocol
//! (title dropped from the body and passed as metadata, the reference's sentence count found by
//! the same rule, rouge-score-compatible ROUGE with stemming, F1 × 100 averaged over documents).
//!
//! ```text
//! cargo run --release -p gist-summarize --example summ_tune -- ../shared/data/summarization/bbc_news [--only name,name]
//! ```
use gist_summarize::rouge::{RougeMean, RougeOptions, RougeScorer};
use gist_summarize::{Algorithm, Length, Options, Summarizer};
use rayon::prelude::*;
use std::path::PathBuf;

#[path = "common/bbc.rs"]
mod bbc;
use bbc::load;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or("../shared/data/summarization/bbc_news".into()),
    );
    let only: Option<Vec<String>> = match (args.next().as_deref(), args.next()) {
        (Some("--only"), Some(list)) => Some(list.split(',').map(str::to_string).collect()),
        _ => None,
    };
    let articles = load(&root, 0).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{} articles", articles.len());
    let scorer = RougeScorer::new(RougeOptions::default().with_stemming(true));
    let mut systems: Vec<(String, Summarizer)> = Algorithm::ALL
        .iter()
        .map(|&a| (a.name().to_string(), Summarizer::new(a)))
        .collect();
    let variant = |name: &str, a: Algorithm, f: &dyn Fn(&mut Options)| {
        let mut o = Options::default();
        f(&mut o);
        (name.to_string(), Summarizer::with_options(a, o))
    };
    systems.push(variant("gist+stems", Algorithm::Gist, &|o| {
        o.gist_stems = true
    }));
    systems.push(variant("gist+position0.2", Algorithm::Gist, &|o| {
        o.gist_position = 0.2
    }));
    systems.push(variant("gist+mmr0.7", Algorithm::Gist, &|o| {
        o.mmr_lambda = Some(0.7)
    }));
    systems.push(variant("lexrank+mmr0.7", Algorithm::LexRank, &|o| {
        o.mmr_lambda = Some(0.7)
    }));
    systems.push(variant("lsa-dims1", Algorithm::Lsa, &|o| {
        o.lsa_dimensions = 1
    }));
    systems.push(variant("lsa-dims10", Algorithm::Lsa, &|o| {
        o.lsa_dimensions = 10
    }));
    println!("| system | R-1 @3 | R-2 @3 | R-L @3 | R-1 @ref | R-2 @ref | R-L @ref |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, s) in systems {
        if only.as_ref().is_some_and(|o| !o.contains(&name)) {
            continue;
        }
        let scores: Vec<_> = articles
            .par_iter()
            .map(|a| {
                let c3 = s
                    .summarize(&a.doc, Length::sentences(3))
                    .to_text(a.doc.text());
                let cr = s
                    .summarize(&a.doc, Length::sentences(a.reference_sentences))
                    .to_text(a.doc.text());
                (
                    scorer.score(&a.reference, &c3),
                    scorer.score(&a.reference, &cr),
                )
            })
            .collect();
        let (mut m3, mut mr) = (RougeMean::default(), RougeMean::default());
        for (a, b) in &scores {
            m3.add(a);
            mr.add(b);
        }
        let cells: Vec<String> = [m3.mean(), mr.mean()]
            .iter()
            .flat_map(|m| [m.rouge1, m.rouge2, m.rougel])
            .map(|x| format!("{:.1}", x.map_or(f64::NAN, |s| 100.0 * s.fmeasure)))
            .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}
