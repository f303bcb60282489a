//! End-to-end tests of the `gist` binary.

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

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/000_8a26d4e9249c747d.txt")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gist-cli-e2e-{name}-{}", std::process::id()));
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
    let ids: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
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
