//! Agreement with the Snowball reference vocabularies: a committed sample (every 50th word of
//! snowball-data master, every 100th of v2.2.0; see fixtures/README.md), and the full
//! vocabularies when ../shared/data is present.

use gist_stem::{Algorithm, Backend, Stemmer};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn shared_snowball() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/snowball")
}

/// Finnish words of the reference whose current-Snowball stem differs. The reference
/// vocabulary predates Snowball's revised Finnish illative rule: when the vowel before
/// `-hVn` does not match, the revised rule falls back to the genitive `-n` instead of removing
/// nothing (`agathon` -> `agatho`, reference `agathon`).
const FINNISH_REVISED: &[&str] = &["barhin", "carneilhan", "hughin"];

/// Disagreements of `stemmer` with `(word, stem)` pairs. A word containing uppercase letters
/// is compared with the lowercased reference stem: gist lowercases first, the reference
/// stemmer does not (only a few Irish names are affected).
fn disagreements<'a>(
    stemmer: &Stemmer,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut bad = Vec::new();
    for (word, expected) in pairs {
        n += 1;
        let got = stemmer.stem(word);
        let ok = if word.chars().any(char::is_uppercase) {
            got == expected.to_lowercase()
        } else {
            got == expected
        };
        if !ok {
            bad.push(format!("{word} -> {got} (expected {expected})"));
        }
    }
    (n, bad)
}

fn tsv_pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().map(|l| l.split_once('\t').unwrap_or((l, "")))
}

fn check_sample(version: &str, backend: Backend, allowed: &dyn Fn(&str, &str) -> bool) -> usize {
    let dir = fixtures().join(version);
    let mut files = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let algorithm = match (name.as_str(), version) {
            ("dutch", "v2.2.0") => Algorithm::DutchPorter,
            _ => name.parse::<Algorithm>().unwrap(),
        };
        let stemmer = Stemmer::for_algorithm(algorithm, backend).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let (n, bad) = disagreements(&stemmer, tsv_pairs(&text));
        assert!(n > 50, "{name}: only {n} words");
        failures.extend(
            bad.into_iter()
                .filter(|b| !allowed(&name, b))
                .map(|b| format!("{name}: {b}")),
        );
        files += 1;
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    files
}

#[test]
fn current_snowball_matches_master_sample() {
    let files = check_sample("master", Backend::Snowball, &|name, bad| {
        name == "finnish"
            && FINNISH_REVISED
                .iter()
                .any(|w| bad.starts_with(&format!("{w} ")))
    });
    // Every algorithm with reference data: all but Arabic, Tamil (too large for snowball-data's
    // repository) and Early Modern English (no vocabulary).
    assert_eq!(files, Algorithm::all().count() - 3);
}

/// Words of the v2.2.0 sample that rust-stemmers 1.2 stems differently from Snowball 2.2: it
/// predates 2.2's handling of digits (Danish, Finnish), of `ë`/`ï` (French) and of `ё`
/// (Russian, folded to `е` since 2.1).
const SNOWBALL2_DIFFERENCES: &[(&str, &str)] = &[
    ("danish", "0x0e00"),
    ("finnish", "00"),
    ("french", "mésozoïque"),
    ("french", "moëlle"),
    ("french", "photovoltaïques"),
    ("russian", "ёлочный"),
];

#[test]
fn snowball2_matches_v2_2_0_sample() {
    let files = check_sample("v2.2.0", Backend::Snowball2, &|name, bad| {
        SNOWBALL2_DIFFERENCES
            .iter()
            .any(|(l, w)| *l == name && bad.starts_with(&format!("{w} ")))
    });
    assert_eq!(files, 16);
}

/// Every word of every reference vocabulary in ../shared/data (skipped when absent): the
/// current-Snowball backend agrees with snowball-data master on every word but the Finnish
/// ones described at [`FINNISH_REVISED`]; the Snowball 2 backend stems every word of both
/// versions without panicking.
#[test]
fn full_vocabularies_when_present() {
    let root = shared_snowball();
    if !root.join("master").is_dir() {
        eprintln!(
            "{} not found: full vocabularies not checked",
            root.display()
        );
        return;
    }
    let mut checked = 0;
    for algorithm in Algorithm::all() {
        let dir = root.join("master").join(algorithm.name());
        let (Ok(voc), Ok(out)) = (
            std::fs::read_to_string(dir.join("voc.txt")),
            std::fs::read_to_string(dir.join("output.txt")),
        ) else {
            continue;
        };
        let stemmer = Stemmer::for_algorithm(algorithm, Backend::Snowball).unwrap();
        let (n, bad) = disagreements(&stemmer, voc.lines().zip(out.lines()));
        assert_eq!(n, voc.lines().count());
        if algorithm.name() == "finnish" {
            // 103 of 49,957 words, all of the revised illative rule: the reference keeps the
            // word whole, current Snowball removes the final `n` (and what tidying follows).
            assert_eq!(bad.len(), 103, "{bad:#?}");
            for b in &bad {
                let (word, rest) = b.split_once(" -> ").unwrap();
                let (got, _) = rest.split_once(' ').unwrap();
                assert!(word.contains('h') && word.starts_with(got), "{b}");
            }
        } else {
            assert!(
                bad.is_empty(),
                "{algorithm}: {} disagreements:\n{}",
                bad.len(),
                bad.join("\n")
            );
        }
        if let Ok(s2) = Stemmer::for_algorithm(algorithm, Backend::Snowball2) {
            for version in ["master", "v2.2.0"] {
                let Ok(voc) = std::fs::read_to_string(
                    root.join(version).join(algorithm.name()).join("voc.txt"),
                ) else {
                    continue;
                };
                for word in voc.lines() {
                    let _ = s2.stem(word);
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, Algorithm::all().count() - 3);
}
