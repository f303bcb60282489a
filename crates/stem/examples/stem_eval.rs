//! Agreement of gist-stem's backends with the Snowball reference vocabularies.
//!
//! ```text
//! cargo run --release -p gist-stem --example stem_eval -- ../shared/data/snowball
//! ```
//!
//! The argument is a folder holding `master/` and `v2.2.0/` checkouts of snowball-data, where
//! line N of `<algorithm>/voc.txt` is a word and line N of `<algorithm>/output.txt` its
//! reference stem. Every word goes through the public [`Stemmer::stem`] (which lowercases
//! first). Prints markdown tables to stdout: per algorithm, the percentage of words whose stem
//! equals the reference, for each backend against each reference ("—": the backend lacks the
//! algorithm or the reference lacks the data). Higher is better; 100% is the goal for the
//! default backend against `master`. An optional second argument sets how many disagreements
//! per algorithm to print to stderr (default 5).

use gist_stem::{Algorithm, Backend, Language, Stemmer};
use std::path::Path;
use std::process::ExitCode;

/// A reference vocabulary: words and their expected stems.
struct Vocabulary {
    words: Vec<String>,
    stems: Vec<String>,
}

fn load(dir: &Path) -> Option<Vocabulary> {
    let voc = std::fs::read_to_string(dir.join("voc.txt")).ok()?;
    let out = std::fs::read_to_string(dir.join("output.txt")).ok()?;
    let words: Vec<String> = voc.lines().map(str::to_string).collect();
    let stems: Vec<String> = out.lines().map(str::to_string).collect();
    if words.len() != stems.len() {
        eprintln!(
            "{}: {} words but {} stems, skipped",
            dir.display(),
            words.len(),
            stems.len()
        );
        return None;
    }
    Some(Vocabulary { words, stems })
}

/// The folder of `algorithm` in a snowball-data checkout of `version`.
fn folder(algorithm: Algorithm, version: &str) -> &'static str {
    match (algorithm, version) {
        // Snowball 2's "dutch" is Porter's algorithm, renamed "dutch_porter" in Snowball 3.
        (Algorithm::DutchPorter, "v2.2.0") => "dutch",
        _ => algorithm.name(),
    }
}

/// Result of one backend on one vocabulary.
struct Score {
    agree: usize,
    total: usize,
    /// Words containing uppercase letters whose stem differs only in case (the reference
    /// stemmer does not lowercase; gist does).
    case_only: usize,
}

fn score(stemmer: &Stemmer, voc: &Vocabulary, show: usize, label: &str) -> Score {
    let mut s = Score {
        agree: 0,
        total: voc.words.len(),
        case_only: 0,
    };
    let mut shown = 0;
    for (word, expected) in voc.words.iter().zip(&voc.stems) {
        let got = stemmer.stem(word);
        if got == expected.as_str() {
            s.agree += 1;
        } else if *word != word.to_lowercase() && got == expected.to_lowercase() {
            s.case_only += 1;
        } else if shown < show {
            shown += 1;
            eprintln!("{label}: {word:?} -> {got:?}, expected {expected:?}");
        }
    }
    s
}

fn percent(s: &Score) -> String {
    // Truncated, so that 100.00 means every word agrees.
    let p = (s.agree as f64 * 10_000.0 / s.total as f64).floor() / 100.0;
    format!("{p:.2}")
}

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: stem_eval <snowball-data folder with master/ and v2.2.0/>");
        return ExitCode::FAILURE;
    };
    let root = Path::new(&root);
    // Optional second argument: how many disagreements of the default backend with `master`
    // to print to stderr per algorithm (default 5).
    let show_diffs: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let versions = ["master", "v2.2.0"];
    println!(
        "| algorithm | words (master) | snowball % vs master | snowball2 % vs master | \
         snowball % vs v2.2.0 | snowball2 % vs v2.2.0 | words (v2.2.0) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut case_notes = Vec::new();
    for algorithm in Algorithm::all() {
        let vocs: Vec<Option<Vocabulary>> = versions
            .iter()
            .map(|v| load(&root.join(v).join(folder(algorithm, v))))
            .collect();
        if vocs.iter().all(Option::is_none) {
            continue;
        }
        let mut cells = Vec::new();
        for (v, voc) in versions.iter().zip(&vocs) {
            for &backend in Backend::ALL {
                let cell = match (voc, Stemmer::for_algorithm(algorithm, backend)) {
                    (Some(voc), Ok(stemmer)) => {
                        let show = if backend == Backend::Snowball && *v == "master" {
                            show_diffs
                        } else {
                            0
                        };
                        let label = format!("{algorithm} {backend} vs {v}");
                        let s = score(&stemmer, voc, show, &label);
                        if s.case_only > 0 {
                            case_notes.push(format!(
                                "{label}: {} of {} words have uppercase letters and a stem that \
                                 differs from the reference only in case",
                                s.case_only, s.total
                            ));
                        }
                        percent(&s)
                    }
                    _ => "—".to_string(),
                };
                cells.push(cell);
            }
        }
        let count =
            |v: &Option<Vocabulary>| v.as_ref().map_or("—".into(), |v| v.words.len().to_string());
        println!(
            "| {algorithm} | {} | {} | {} | {} | {} | {} |",
            count(&vocs[0]),
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            count(&vocs[1])
        );
    }

    // Snowball 2.2 algorithms that Snowball 3 merged into others.
    println!();
    println!("| Snowball 2.2 algorithm | words | compared with | snowball % | snowball2 % |");
    println!("|---|---:|---|---:|---:|");
    for (name, language) in [
        ("german2", Language::German),
        ("kraaij_pohlmann", Language::Dutch),
    ] {
        let Some(voc) = load(&root.join("v2.2.0").join(name)) else {
            continue;
        };
        let cells: Vec<String> = Backend::ALL
            .iter()
            .map(|&b| match Stemmer::with_backend(language, b) {
                Ok(s) => percent(&score(&s, &voc, 0, "")),
                Err(_) => "—".into(),
            })
            .collect();
        println!(
            "| {name} | {} | {language} | {} | {} |",
            voc.words.len(),
            cells[0],
            cells[1]
        );
    }
    for note in case_notes {
        eprintln!("note: {note}");
    }
    ExitCode::SUCCESS
}
