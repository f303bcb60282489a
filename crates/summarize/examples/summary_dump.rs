//! Every summary of every BBC article by every algorithm, exactly (sentence indices and the
//! bits of each score), to check that a change leaves all results identical: run it before and
//! after and compare the outputs with `cmp`.
//!
//! ```text
//! cargo run --release -p gist-summarize --example summary_dump -- ../shared/data/summarization/bbc_news > OUT.txt
//! ```
//!
//! Each article is summarized as prepared by `gist_summarize::prepare` with its title as
//! metadata (the `bbc_eval` documents), at 1, 3 and 6 sentences, with and without MMR; with
//! `--text` it is summarized from its raw body by `Summarizer::summarize_text` instead (no
//! title, so the Document path is run without one too: the two outputs must then be equal).
use gist_core::Document;
use gist_summarize::{Algorithm, Length, Summarizer, prepare};
use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "common/bbc.rs"]
#[allow(dead_code)] // the reference summaries are not needed here
mod bbc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .ok_or("usage: summary_dump BBC_DIR [--text|--untitled]")?,
    );
    let mode = args.next().unwrap_or_default();
    let articles = bbc::load(&root, 0)?;
    let mut out = String::new();
    for art in &articles {
        let text = art.doc.text();
        let untitled = {
            let mut d = Document::new(art.doc.id(), text).with_language(art.doc.language);
            prepare(&mut d)?;
            d
        };
        for &algorithm in Algorithm::ALL {
            for mmr in [None, Some(0.7)] {
                let mut s = Summarizer::new(algorithm);
                if let Some(l) = mmr {
                    s = s.with_mmr(l);
                }
                for n in [1, 3, 6] {
                    let length = Length::sentences(n);
                    let summary = match mode.as_str() {
                        "--text" => s.summarize_text_in(text, art.doc.language, length),
                        "--untitled" => s.summarize(&untitled, length),
                        _ => s.summarize(&art.doc, length),
                    };
                    write!(out, "{} {} {:?} {n}:", art.doc.id(), algorithm, mmr)?;
                    for x in &summary.sentences {
                        write!(
                            out,
                            " {}@{}-{}={:x}",
                            x.index,
                            x.span.start,
                            x.span.end,
                            x.score.to_bits()
                        )?;
                    }
                    out.push('\n');
                }
            }
        }
    }
    print!("{out}");
    Ok(())
}
