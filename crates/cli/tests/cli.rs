//! End-to-end tests of the `gist` binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gist"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run gist")
}

fn gist_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gist"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gist");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The JSON Lines records of stdout.
fn records(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `gist tfidf fit -q INPUT --out MODEL OPTIONS...`, which must succeed.
fn tfidf_fit(input: &Path, model: &Path, options: &[&str]) {
    let mut args = vec![
        "tfidf",
        "fit",
        "-q",
        input.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
    ];
    args.extend(options);
    let o = gist(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

/// `gist tfidf transform -q --model MODEL INPUT --out MATRIX`, which must succeed.
fn tfidf_transform(model: &Path, input: &Path, matrix: &Path) {
    let o = gist(&[
        "tfidf",
        "transform",
        "-q",
        "--model",
        model.to_str().unwrap(),
        input.to_str().unwrap(),
        "--out",
        matrix.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Runs gist with `args`, reads the first 16 bytes of its output, closes the pipe's reading
/// end and waits for it to end.
fn read_16_bytes_then_close(args: &[&str]) -> ([u8; 16], Output) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gist"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gist");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // (`take` dropped the reading end.)
    (first, child.wait_with_output().unwrap())
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/000_8a26d4e9249c747d.txt")
}

/// A new, empty directory of this test process: numbered too, so that tests running at once
/// never share one, whatever their names (two tests named theirs alike, and one removed the
/// other's files mid-run).
fn temp_dir(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gist-cli-e2e-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn sentences_of_the_seed_article() {
    let o = gist(&["sentences", seed().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 31, "{out}");
    assert!(lines[0].starts_with("Australia will lead a global push"));
    assert!(lines.iter().any(|l| l.contains("Mr Dutton said.")));
    assert!(lines.iter().all(|l| !l.starts_with("the only way")));
}

#[test]
fn sentences_jsonl_spans_index_the_text() {
    let text = std::fs::read_to_string(seed()).unwrap();
    let o = gist(&["sentences", "--format", "jsonl", seed().to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["id"], seed().to_str().unwrap());
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 31);
    for s in sentences {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
}

#[test]
fn tokenize_jsonl_from_stdin() {
    let o = gist_stdin(
        &["tokenize", "--format", "jsonl"],
        "The U.S. costs $70, e.g. 84%.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["id"], "<stdin>");
    let tokens = v["tokens"].as_array().unwrap();
    let texts: Vec<&str> = tokens.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"U.S."), "{texts:?}");
    assert!(texts.contains(&"e.g."), "{texts:?}");
    assert_eq!(tokens[0]["norm"], "the");
    assert_eq!(tokens[0]["kind"], "word");
    assert_eq!(
        (tokens[0]["start"].as_u64(), tokens[0]["end"].as_u64()),
        (Some(0), Some(3))
    );
}

#[test]
fn jsonl_input_with_renamed_fields_keeps_order_and_reports_bad_lines() {
    let dir = temp_dir("jsonl");
    let path = dir.join("docs.jsonl");
    std::fs::write(
        &path,
        "{\"doc\":\"b\",\"body\":\"Second doc. Two sentences.\"}\n{\"doc\":\"a\",\"body\":\"First.\"}\n{\"doc\":\"c\"}\n",
    )
    .unwrap();
    let o = gist(&[
        "sentences",
        "--jsonl",
        "--id-field",
        "doc",
        "--text-field",
        "body",
        "--format",
        "jsonl",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let ids: Vec<String> = records(&o)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["b", "a"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:3: missing text field \"body\"",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn a_jsonl_file_is_read_as_records_without_the_flag() {
    let dir = temp_dir("jsonl-by-name");
    let path = dir.join("docs.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"cats\",\"text\":\"Cats purr. Cats sleep all day.\"}\n{\"id\":\"dogs\",\"text\":\"Dogs bark at the mail carrier.\"}\n",
    )
    .unwrap();
    let o = gist(&["keywords", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = records(&o);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["cats", "dogs"]);
    // The records' texts were scored, not the JSON around them.
    let first: Vec<&str> = docs[0]["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["term"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["cats purr", "cats sleep", "cats", "day"]);
    let terms: Vec<&str> = docs
        .iter()
        .flat_map(|d| d["keywords"].as_array().unwrap())
        .map(|k| k["term"].as_str().unwrap())
        .collect();
    assert!(
        !terms.contains(&"id") && !terms.contains(&"text"),
        "{terms:?}"
    );
}

#[test]
fn a_reader_that_stops_reading_ends_the_job_quietly() {
    // Far more output than a pipe holds: the writes after the reader has gone fail.
    let dir = temp_dir("closed-pipe");
    let path = dir.join("many.jsonl");
    let record =
        "{\"id\":\"d\",\"text\":\"Many words make many tokens, and tokens make output.\"}\n";
    std::fs::write(&path, record.repeat(20_000)).unwrap();
    for format in ["jsonl", "text"] {
        let (_, o) =
            read_16_bytes_then_close(&["tokenize", "--format", format, path.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "{format}: {:?} {}",
            o.status,
            stderr(&o)
        );
        assert_eq!(stderr(&o), "", "{format}");
    }
    // A Matrix Market matrix written to a pipe (kept whole, then written) likewise.
    let model = dir.join("model.json");
    tfidf_fit(&path, &model, &[]);
    let (first, o) = read_16_bytes_then_close(&[
        "tfidf",
        "transform",
        "-q",
        "--model",
        model.to_str().unwrap(),
        path.to_str().unwrap(),
        "--out",
        "/dev/stdout",
    ]);
    assert_eq!(&first, b"%%MatrixMarket m");
    assert!(o.status.success(), "{:?} {}", o.status, stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_processed() {
    let dir = temp_dir("bad");
    std::fs::write(dir.join("good.txt"), "Fine text. Really.").unwrap();
    std::fs::write(dir.join("bad.txt"), b"abc\xffdef").unwrap();
    let missing = dir.join("missing.txt");
    let o = gist(&[
        "sentences",
        dir.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: invalid UTF-8", dir.join("bad.txt").display())),
        "{err}"
    );
    assert!(err.contains("(byte offset 3)"), "{err}");
    assert!(
        err.contains(&format!("{}: no such file or directory", missing.display())),
        "{err}"
    );
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "==> {} <==\nFine text.\nReally.",
            dir.join("good.txt").display()
        )),
        "{out}"
    );
    // --lossy accepts the bad file.
    let o = gist(&[
        "sentences",
        "--lossy",
        dir.join("bad.txt").to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "abc\u{fffd}def\n");
}

#[test]
fn unknown_language_is_a_usage_error() {
    let o = gist(&["sentences", "--lang", "klingon", seed().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown language \"klingon\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = temp_dir("threads");
    let text = std::fs::read_to_string(seed()).unwrap();
    for i in 0..40 {
        // Different documents: rotate the paragraphs.
        let paras: Vec<&str> = text.split("\n\n").collect();
        let k = i % paras.len();
        let rotated = [&paras[k..], &paras[..k]].concat().join("\n\n");
        std::fs::write(dir.join(format!("{i:03}.txt")), rotated).unwrap();
    }
    let one = gist(&[
        "tokenize",
        "--threads",
        "1",
        "--format",
        "jsonl",
        dir.to_str().unwrap(),
    ]);
    let two = gist(&[
        "tokenize",
        "--threads",
        "2",
        "--format",
        "jsonl",
        dir.to_str().unwrap(),
    ]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(stdout(&one).lines().count(), 40);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn stem_words_mode_is_line_for_line() {
    let o = gist_stdin(
        &["stem", "--lang", "en", "--words"],
        "running\r\n\ngenerously\nCATS\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "run\n\ngenerous\ncat\n");
    let o = gist_stdin(
        &["stem", "--algorithm", "porter", "--words"],
        "generalization\n",
    );
    assert_eq!(stdout(&o), "gener\n");
}

#[test]
fn stem_documents() {
    let o = gist_stdin(
        &["stem", "--format", "jsonl", "--lang", "de"],
        "Die Häuser brannten.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let stems: Vec<&str> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stem"].as_str().unwrap())
        .collect();
    assert_eq!(stems, ["die", "haus", "brannt"]);
}

#[test]
fn keywords_of_the_seed_article() {
    let o = gist(&[
        "keywords",
        "--format",
        "jsonl",
        "--top",
        "10",
        seed().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let kw = v["keywords"].as_array().unwrap();
    assert_eq!(kw.len(), 10);
    let terms: Vec<&str> = kw.iter().map(|k| k["term"].as_str().unwrap()).collect();
    for expected in ["child exploitation", "five eyes"] {
        assert!(terms.contains(&expected), "{expected} not in {terms:?}");
    }
    assert!(terms.iter().any(|t| t.contains("dutton")), "{terms:?}");
    let scores: Vec<f64> = kw.iter().map(|k| k["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn keyword_model_round_trip() {
    let dir = temp_dir("kwmodel");
    let model = dir.join("df.tsv");
    let seed = seed();
    let o = gist(&[
        "keywords",
        "--save-model",
        model.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = stdout(&o);
    let tsv = std::fs::read_to_string(&model).unwrap();
    assert!(tsv.starts_with("n_docs\t1\n"), "{}", &tsv[..40]);
    let o = gist(&[
        "keywords",
        "--model",
        model.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), first);
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "not a model").unwrap();
    let o = gist(&[
        "keywords",
        "--model",
        bad.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.tsv: not a keyword model"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn summarize_seed_in_every_format() {
    let text = std::fs::read_to_string(seed()).unwrap();
    let o = gist(&[
        "summarize",
        "--sentences",
        "3",
        "--format",
        "jsonl",
        "--keywords",
        "5",
        seed().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let summary = v["summary"].as_array().unwrap();
    assert_eq!(summary.len(), 3);
    let mut prev_end = 0;
    for s in summary {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(start >= prev_end, "original order");
        prev_end = end;
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
        assert!(s["score"].as_f64().unwrap().is_finite());
    }
    assert_eq!(v["keywords"].as_array().unwrap().len(), 5);

    let o = gist(&["summarize", "-n", "2", seed().to_str().unwrap()]);
    assert_eq!(stdout(&o).lines().count(), 2);

    let o = gist(&[
        "summarize",
        "--algorithm",
        "lead",
        "-n",
        "2",
        seed().to_str().unwrap(),
    ]);
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert!(lines[0].starts_with("Australia will lead a global push"));
    assert!(lines[1].starts_with("Home Affairs Minister Peter Dutton will meet"));

    let o = gist(&["summarize", "--format", "html", seed().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<mark ").count(), 3);
    assert_eq!(html.matches("class=\"bar\"").count(), 10);
    assert!(html.trim_end().ends_with("</html>"));
}

/// Without keywords the summaries come from the raw text; with keywords, through an analyzed
/// Document. Both routes must print the same sentences and scores.
#[test]
fn summaries_are_the_same_with_and_without_keywords() {
    let seed = seed();
    let path = seed.to_str().unwrap();
    for extra in [
        &["-a", "textrank", "-n", "3"][..],
        &["-a", "lsa", "--ratio", "0.3"],
        &["-a", "lexrank", "--words", "60", "--title-line"],
        &["-n", "2", "--mmr", "0.5", "--idf", "background"],
        &["-a", "klsum", "-n", "4", "--lang", "en"],
    ] {
        let run = |keywords: bool| {
            let mut args = vec!["summarize", "--format", "jsonl"];
            args.extend_from_slice(extra);
            if keywords {
                args.extend_from_slice(&["--keywords", "3"]);
            }
            args.push(path);
            let o = gist(&args);
            assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
            let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
            v["summary"].clone()
        };
        let plain = run(false);
        assert!(!plain.as_array().unwrap().is_empty(), "{extra:?}");
        assert_eq!(plain, run(true), "{extra:?}");
    }
}

#[test]
fn summarize_edge_cases() {
    let o = gist_stdin(&["summarize", "--format", "jsonl"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), r#"{"id":"<stdin>","summary":[]}"#);
    let o = gist_stdin(&["summarize", "-n", "5"], "Only one sentence here.");
    assert_eq!(stdout(&o), "Only one sentence here.\n");
    let o = gist_stdin(
        &["summarize", "--title-line", "-a", "lead", "-n", "1"],
        "A Title\nBody first. Body second.",
    );
    assert_eq!(stdout(&o), "Body first.\n");
    let o = gist(&[
        "summarize",
        "--idf",
        "background",
        "--lang",
        "ja",
        seed().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no bundled background model for japanese"),
        "{}",
        stderr(&o)
    );
    for idf in ["sentences", "corpus", "background"] {
        let o = gist(&[
            "summarize",
            "-a",
            "centroid",
            "--idf",
            idf,
            "-n",
            "2",
            seed().to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 2);
    }
    let o = gist(&["summarize", "--algorithm", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gist(&["summarize", "--sentences", "2", "--ratio", "0.5"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "conflicting lengths are a usage error"
    );
}

#[test]
fn tfidf_fit_transform_matches_scikit_learn() {
    // The four documents of scikit-learn's TfidfVectorizer documentation; expected values
    // computed with scikit-learn 1.5.2 (TfidfVectorizer().fit_transform(corpus)).
    let dir = temp_dir("tfidf");
    let docs = [
        "This is the first document.",
        "This document is the second document.",
        "And this is the third one.",
        "Is this the first document?",
    ];
    for (i, d) in docs.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.txt")), d).unwrap();
    }
    let model = dir.join("model.json");
    let vocab = dir.join("vocab.json");
    let mtx = dir.join("m.mtx");
    tfidf_fit(&dir, &model, &["--vocabulary-out", vocab.to_str().unwrap()]);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&vocab).unwrap()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"and":0,"document":1,"first":2,"is":3,"one":4,"second":5,"the":6,"third":7,"this":8})
    );
    tfidf_transform(&model, &dir, &mtx);
    let m = std::fs::read_to_string(&mtx).unwrap();
    let entry = |row: usize, col: usize| -> f64 {
        m.lines()
            .filter(|l| !l.starts_with('%'))
            .skip(1)
            .find_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f[0] == (row + 1).to_string() && f[1] == (col + 1).to_string())
                    .then(|| f[2].parse().unwrap())
            })
            .unwrap()
    };
    assert!(m.lines().any(|l| l == "4 9 21"), "header: {m}");
    assert!((entry(1, 1) - 0.6876235979836938).abs() < 1e-12);
    assert!((entry(0, 8) - 0.38408524091481483).abs() < 1e-12);

    // Non-default options: bigrams, sublinear tf, l1 norm.
    tfidf_fit(
        &dir,
        &model,
        &["--ngram-range", "1,2", "--sublinear-tf", "--norm", "l1"],
    );
    tfidf_transform(&model, &dir.join("1.txt"), &mtx);
    let m = std::fs::read_to_string(&mtx).unwrap();
    assert!(m.lines().any(|l| l.starts_with("1 22 ")), "22 terms: {m}");
    // "document" is column 3 (1-based) of the 22-term vocabulary ("and", "and this", "document", ...).
    let value: f64 = m
        .lines()
        .find_map(|l| l.strip_prefix("1 3 "))
        .unwrap()
        .parse()
        .unwrap();
    assert!((value - 0.13044970703875383).abs() < 1e-12, "{value}");

    let o = gist(&[
        "tfidf",
        "transform",
        "--model",
        dir.join("0.txt").to_str().unwrap(),
        dir.to_str().unwrap(),
        "--out",
        mtx.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "a text file is not a model");
}

#[test]
fn every_document_command_takes_threads() {
    // `--threads` sizes the thread pool before any parallel work: `tfidf transform` loaded its
    // model first (which started the pool) and then failed with "The global thread pool has
    // already been initialized". Each command's output is the same on 1 and 2 threads.
    let dir = temp_dir("every-command-threads");
    let seed = seed();
    let seed = seed.to_str().unwrap();
    let model = dir.join("model.json");
    let model = model.to_str().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let mtx = dir.join(format!("m{threads}.mtx"));
        let mtx = mtx.to_str().unwrap();
        let runs: [&[&str]; 7] = [
            &["tokenize", seed],
            &["sentences", seed],
            &["stem", seed],
            &["keywords", seed],
            &["summarize", seed],
            &["tfidf", "fit", "-q", seed, "--out", model],
            &[
                "tfidf",
                "transform",
                "-q",
                "--model",
                model,
                seed,
                "--out",
                mtx,
            ],
        ];
        let mut out = Vec::new();
        for args in runs {
            let mut args = args.to_vec();
            args.extend(["--threads", threads]);
            let o = gist(&args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            out.push(stdout(&o));
        }
        out.push(std::fs::read_to_string(mtx).unwrap());
        outputs.push(out);
    }
    assert!(
        outputs[1][7].starts_with("%%MatrixMarket"),
        "{}",
        outputs[1][7]
    );
    assert!(
        outputs[1][3].contains("child exploitation"),
        "{}",
        outputs[1][3]
    );
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn eval_rouge_pairs_dirs_and_jsonl() {
    // Expected values computed with rouge-score 0.1.2 (use_stemmer=True).
    let dir = temp_dir("rouge");
    std::fs::create_dir_all(dir.join("refs/news")).unwrap();
    std::fs::write(
        dir.join("refs/news/001.txt"),
        "The cats sat on the mats. They were happy.",
    )
    .unwrap();
    let sys = dir.join("sys.jsonl");
    std::fs::write(&sys, "{\"id\":\"corpus/news/001.txt\",\"summary\":[{\"text\":\"The cat was sitting\"},{\"text\":\"on the mat.\"}]}\n").unwrap();
    let o = gist(&[
        "eval",
        "rouge",
        "--reference",
        dir.join("refs").to_str().unwrap(),
        "--system",
        sys.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["documents"], 1);
    let f = |m: &str| last["scores"][m]["fmeasure"].as_f64().unwrap();
    assert!((f("rouge1") - 0.6250000000000001).abs() < 1e-9);
    assert!((f("rouge2") - 0.42857142857142855).abs() < 1e-9);
    assert!((f("rougeL") - 0.6250000000000001).abs() < 1e-9);
}

/// `n` documents made by `text` from their numbers, and `dir/docs.jsonl` holding them as
/// records `{"id": number, "text"}`.
fn numbered_records(
    dir: &Path,
    n: usize,
    text: impl Fn(usize) -> String,
) -> (Vec<String>, PathBuf) {
    let docs: Vec<String> = (0..n).map(text).collect();
    let path = dir.join("docs.jsonl");
    let lines: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| serde_json::json!({"id": i.to_string(), "text": d}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (docs, path)
}

#[test]
fn tfidf_transform_to_a_pipe_spools_the_entries_and_leaves_nothing_behind() {
    // Several transform batches (the first is 1 MB of text), written to a pipe: the entries go
    // to a spool file in TMPDIR (removed at once), and the output is exactly the whole matrix
    // as the library writes it. Without a usable TMPDIR the matrix is kept in memory, with a
    // warning naming the directory, and the output is the same.
    let dir = temp_dir("tfidf-pipe");
    let (docs, input) = numbered_records(&dir, 24_000, |i| {
        format!(
            "record {i} about topic{} and theme{} with words{} in it",
            i % 101,
            i % 53,
            i % 11
        )
    });
    assert!(docs.iter().map(String::len).sum::<usize>() > 1 << 20);
    let model = dir.join("model.json");
    tfidf_fit(&input, &model, &["--sublinear-tf"]);
    let v = gist::tfidf::TfidfVectorizer::load_file(&model).unwrap();
    let mut want = Vec::new();
    v.transform_matrix(&docs)
        .unwrap()
        .write_matrix_market(&mut want)
        .unwrap();
    let spool_dir = dir.join("tmp");
    std::fs::create_dir_all(&spool_dir).unwrap();
    let missing = dir.join("no-such-dir");
    for tmp in [&spool_dir, &missing] {
        let o = Command::new(env!("CARGO_BIN_EXE_gist"))
            .args(["tfidf", "transform", "-q", "--model"])
            .arg(&model)
            .arg(&input)
            .args(["--out", "/dev/stdout"])
            .env("TMPDIR", tmp)
            .stdin(Stdio::null())
            .output()
            .expect("run gist");
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            o.stdout == want,
            "{}: the piped matrix differs",
            tmp.display()
        );
        if tmp == &spool_dir {
            assert_eq!(stderr(&o), "");
            assert_eq!(std::fs::read_dir(&spool_dir).unwrap().count(), 0);
        } else {
            let err = stderr(&o);
            assert!(
                err.contains("warning: spool file for the matrix in"),
                "{err}"
            );
            assert!(err.contains(&missing.display().to_string()), "{err}");
        }
    }
}

#[test]
fn tfidf_transform_in_batches_writes_the_whole_matrix() {
    // Records of far more than the first transform batch (1 MB), with char n-grams, which
    // give many entries per byte (so that the batches after the first are sized down): the
    // file the batches make holds the matrix of all the documents at once, as the library
    // computes it, row for row.
    let dir = temp_dir("tfidf-batches");
    let (docs, input) = numbered_records(&dir, 30_000, |i| {
        format!(
            "document {i} on alpha{} and beta{}, with gamma{} near delta{}: some words",
            i % 97,
            i % 89,
            i % 83,
            i % 7
        )
    });
    assert!(docs.iter().map(String::len).sum::<usize>() > 2 << 20);
    let (model, mtx) = (dir.join("model.json"), dir.join("m.mtx"));
    tfidf_fit(
        &input,
        &model,
        &["--analyzer", "char_wb", "--ngram-range", "2,3"],
    );
    tfidf_transform(&model, &input, &mtx);
    let v = gist::tfidf::TfidfVectorizer::load_file(&model).unwrap();
    let m = v.transform_matrix(&docs).unwrap();
    let mut want = Vec::new();
    m.write_matrix_market(&mut want).unwrap();
    let want = String::from_utf8(want).unwrap();
    let got = std::fs::read_to_string(&mtx).unwrap();
    // The entries, after the comments and the size line (the streamed file pads them).
    let body = |text: &str| -> Vec<String> {
        let mut lines = text.lines().skip_while(|l| l.starts_with('%'));
        let size = lines
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        std::iter::once(size)
            .chain(lines.map(str::to_string))
            .collect()
    };
    let (got, want) = (body(&got), body(&want));
    assert!(want.len() > 1_000_000, "{} entries", want.len());
    assert_eq!(got.len(), want.len());
    assert!(got == want, "the batched matrix differs");
}
