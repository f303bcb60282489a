//! Sentence-segmentation accuracy on the pySBD and pragmatic_segmenter test files.
//!
//! ```text
//! cargo run --release -p gist-tokenize --example sentence_eval -- /work/shared/data/sentences
//! cargo run --release -p gist-tokenize --example sentence_eval -- ../shared/data/sentences --failures
//! ```
//!
//! Reads every `*.json` file under the given folder (recursively), runs
//! [`SentenceSplitter`] with the file's language (a case's own `language` field wins), and
//! prints a markdown table: a case passes when the list of sentences, each stripped of
//! surrounding whitespace, equals the expected `sentences` exactly. Higher is better. The
//! `verbatim` column counts the cases whose expected sentences all occur verbatim in the text:
//! the others expect cleaned text (joined lines, removed markup), which no splitter that returns
//! spans of the original text can produce.
//! `--failures` also prints every failing case.
//!
//! `--joined <folder>` instead measures boundaries on one-sentence-per-line corpora (the Leipzig
//! `*-sentences.txt` samples, `N<TAB>sentence`): the first 2,000 sentences of each file are
//! joined ten at a time with a single space, split again, and the internal boundaries found are
//! compared with the true ones (precision, recall, F1; higher is better).

use gist_core::Language;
use gist_tokenize::SentenceSplitter;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The language of a test file, from its name.
fn file_language(stem: &str) -> Option<Language> {
    let name = match stem {
        "deutsch" => "german",
        s if s.starts_with("english") || s.starts_with("en_") || s == "general_en" => "english",
        s => s,
    };
    name.parse().ok()
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Boundary precision, recall and F1 on joined one-sentence-per-line files.
fn joined(dir: &Path, show: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-sentences.txt"))
        .collect();
    paths.sort();
    println!("| file | language | boundaries | precision | recall | F1 |");
    println!("|---|---|---:|---:|---:|---:|");
    for path in paths {
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
        let lang = match name.get(..3) {
            Some("deu") => Language::German,
            Some("eng") => Language::English,
            Some("fra") => Language::French,
            Some("ita") => Language::Italian,
            Some("spa") => Language::Spanish,
            _ => continue,
        };
        let data = std::fs::read_to_string(&path)?;
        let sentences: Vec<&str> = data
            .lines()
            .filter_map(|l| l.split_once('\t').map(|(_, s)| s.trim()))
            .filter(|s| !s.is_empty())
            .take(2000)
            .collect();
        let splitter = SentenceSplitter::new(lang);
        let (mut gold_n, mut found_n, mut hits) = (0usize, 0usize, 0usize);
        for group in sentences.chunks(10) {
            let text = group.join(" ");
            let mut gold = Vec::new();
            let mut end = 0;
            for s in &group[..group.len() - 1] {
                end += s.len();
                gold.push(end);
                end += 1;
            }
            let found: Vec<usize> = splitter
                .split(&text)
                .iter()
                .map(|s| s.end as usize)
                .filter(|&e| e < text.len())
                .collect();
            if show {
                let around = |e: usize| {
                    let mut lo = e.saturating_sub(40);
                    while !text.is_char_boundary(lo) {
                        lo -= 1;
                    }
                    let mut hi = (e + 40).min(text.len());
                    while !text.is_char_boundary(hi) {
                        hi += 1;
                    }
                    format!("{:?} | {:?}", &text[lo..e], &text[e..hi])
                };
                for e in gold.iter().filter(|e| !found.contains(e)) {
                    eprintln!("{name} missed: {}", around(*e));
                }
                for e in found.iter().filter(|e| gold.binary_search(e).is_err()) {
                    eprintln!("{name} false: {}", around(*e));
                }
            }
            gold_n += gold.len();
            found_n += found.len();
            hits += found
                .iter()
                .filter(|e| gold.binary_search(e).is_ok())
                .count();
        }
        let p = hits as f64 / found_n.max(1) as f64;
        let r = hits as f64 / gold_n.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "| {name} | {} | {gold_n} | {:.3} | {:.3} | {:.3} |",
            lang.code(),
            p,
            r,
            f
        );
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--joined") {
        let dir = args
            .get(i + 1)
            .ok_or("--joined needs a folder of *-sentences.txt files")?;
        return joined(Path::new(dir), args.iter().any(|a| a == "--failures"));
    }
    let show_failures = args.iter().any(|a| a == "--failures");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("../shared/data/sentences"), PathBuf::from);
    let mut files = Vec::new();
    json_files(&dir, &mut files)
        .map_err(|e| format!("cannot read test folder {}: {e}", dir.display()))?;
    if files.is_empty() {
        return Err(format!("no .json files under {}", dir.display()).into());
    }
    println!("| file | language | cases | verbatim | passed | % |");
    println!("|---|---|---:|---:|---:|---:|");
    let (mut all_cases, mut all_passed, mut all_verbatim) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some(file_lang) = file_language(stem) else {
            eprintln!("skipping {rel}: unknown language");
            continue;
        };
        let data = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let cases: Vec<Value> = serde_json::from_str(&data)
            .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
        let mut passed = 0;
        let mut verbatim = 0;
        for (i, case) in cases.iter().enumerate() {
            let text = case["text"].as_str().unwrap_or("");
            let expected: Vec<&str> = case["sentences"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).map(str::trim).collect())
                .unwrap_or_default();
            let lang = case["language"]
                .as_str()
                .and_then(|l| l.parse().ok())
                .unwrap_or(file_lang);
            verbatim += usize::from(expected.iter().all(|s| text.contains(s)));
            let splitter = SentenceSplitter::new(lang);
            let got: Vec<&str> = splitter
                .split(text)
                .into_iter()
                .map(|s| text[s].trim())
                .collect();
            if got == expected {
                passed += 1;
            } else if show_failures {
                failures.push(format!(
                    "--- {rel} #{i} ({lang})\ntext:     {text:?}\nexpected: {expected:#?}\ngot:      {got:#?}"
                ));
            }
        }
        all_cases += cases.len();
        all_passed += passed;
        all_verbatim += verbatim;
        println!(
            "| {rel} | {} | {} | {verbatim} | {passed} | {:.1} |",
            file_lang.code(),
            cases.len(),
            100.0 * passed as f64 / cases.len().max(1) as f64
        );
    }
    println!(
        "| **all** | | {all_cases} | {all_verbatim} | {all_passed} | {:.1} |",
        100.0 * all_passed as f64 / all_cases.max(1) as f64
    );
    for f in failures {
        println!("{f}");
    }
    Ok(())
}
