#!/usr/bin/env python3
"""Checks gist's ROUGE against Google's rouge-score on the same pairs, and gist's Porter stemmer
against NLTK's PorterStemmer (the stemmer rouge-score uses) on a large vocabulary.

Pairs: for each BBC article i, (reference = summary i, candidate = article i) and (reference =
summary i, candidate = summary i+1), plus hand-written edge cases (empty, punctuation only,
unicode). Each pair is scored with stemming on and off; the script reports the largest absolute
difference over precision, recall and F1 of rouge1, rouge2 and rougeL, and fails (exit 1) if it
exceeds 1e-6.

Vocabulary: every distinct rouge-score token of the BBC articles and summaries plus the
Snowball `porter` and `english` test vocabularies; NLTK's stem and gist's stem must be equal.

Usage (from the repository root):
    .venv/bin/python scripts/rouge_parity.py ../shared/data
    # or with an already built binary:
    .venv/bin/python scripts/rouge_parity.py ../shared/data --bin $CARGO_TARGET_DIR/release/examples/rouge_dump
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

EDGE_CASES = [
    ("", ""),
    ("", "something"),
    ("something", ""),
    ("...", "!!!"),
    ("The cat sat.", "The cat sat."),
    ("a a a a", "a"),
    ("one two three", "three two one"),
    ("Naïve café owners' résumés", "naive cafe owners resumes"),
    ("İstanbul KELVIN \u212a degrees", "istanbul kelvin k degrees"),
    ("Ünïcödé ﬁnishing ǅemal straße", "unicode finishing demal strasse"),
    ("数字 ١٢٣ and 123", "123 and digits"),
    ("Running runners ran quickly; the runs were run.", "runner running run"),
    ("generalizations of the relational conditional", "general relations conditions"),
    ("dying skies innings news", "die sky inning new"),
    ("x" * 5000, "x" * 5000),
    ("The quick brown fox jumps over the lazy dog", "The quick brown dog jumps on the log."),
]


def load_bbc(data):
    root = os.path.join(data, "summarization", "bbc_news")
    articles, summaries = [], []
    for path in sorted(glob.glob(os.path.join(root, "articles", "*", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            articles.append(f.read())
        with open(path.replace(os.sep + "articles" + os.sep, os.sep + "summaries" + os.sep), encoding="utf-8") as f:
            summaries.append(f.read())
    return articles, summaries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the shared data folder (../shared/data)")
    parser.add_argument("--bin", help="prebuilt rouge_dump example (default: cargo run --release)")
    args = parser.parse_args()

    from nltk.stem.porter import PorterStemmer
    from rouge_score import rouge_scorer, tokenize

    command = (
        [args.bin]
        if args.bin
        else ["cargo", "run", "--quiet", "--release", "-p", "gist-summarize", "--example", "rouge_dump", "--"]
    )

    articles, summaries = load_bbc(args.data)
    pairs = list(EDGE_CASES)
    for i in range(len(articles)):
        pairs.append((summaries[i], articles[i]))
        pairs.append((summaries[i], summaries[(i + 1) % len(summaries)]))

    with tempfile.TemporaryDirectory() as tmp:
        pairs_path = os.path.join(tmp, "pairs.jsonl")
        with open(pairs_path, "w", encoding="utf-8") as f:
            for reference, candidate in pairs:
                f.write(json.dumps({"reference": reference, "candidate": candidate}) + "\n")
        # Build (if needed) before timing.
        subprocess.run(command + ["stems"], input="", check=True, capture_output=True, text=True)
        t = time.perf_counter()
        out = subprocess.run(command + ["scores", pairs_path], check=True, capture_output=True, text=True).stdout
        rust_seconds = time.perf_counter() - t
    rust = [json.loads(line) for line in out.splitlines()]
    assert len(rust) == len(pairs), (len(rust), len(pairs))

    metrics = ["rouge1", "rouge2", "rougeL"]
    max_diff = 0.0
    worst = None
    python_seconds = 0.0
    for mode, stemming in (("stem", True), ("nostem", False)):
        scorer = rouge_scorer.RougeScorer(metrics, use_stemmer=stemming)
        for i, (reference, candidate) in enumerate(pairs):
            t = time.perf_counter()
            expected = scorer.score(reference, candidate)
            python_seconds += time.perf_counter() - t
            for metric in metrics:
                got = rust[i][mode][metric]
                for field in ("precision", "recall", "fmeasure"):
                    diff = abs(getattr(expected[metric], field) - got[field])
                    if diff > max_diff or worst is None:
                        max_diff = max(max_diff, diff)
                        worst = (i, mode, metric, field, getattr(expected[metric], field), got[field])

    print(f"pairs: {len(pairs)} ({len(EDGE_CASES)} edge cases + 2 x {len(articles)} BBC), stemming on and off")
    print(f"max |rouge-score - gist| over P/R/F of rouge1, rouge2, rougeL: {max_diff:.3g}")
    if max_diff > 0:
        print(f"  (worst: pair {worst[0]}, {worst[1]}, {worst[2]}.{worst[3]}: {worst[4]!r} vs {worst[5]!r})")
    print(
        f"time for {2 * len(pairs)} scorings: rouge-score {python_seconds:.1f} s, "
        f"gist {rust_seconds:.1f} s (one process: start, JSON in and out, one thread)"
    )

    # Stemmer: every BBC token plus the Snowball test vocabularies.
    words = set()
    for text in articles + summaries:
        words.update(tokenize.tokenize(text, None))
    for lang in ("porter", "english"):
        path = os.path.join(args.data, "snowball", "master", lang, "voc.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                words.update(w.strip() for w in f if w.strip())
    words = sorted(words)
    out = subprocess.run(
        command + ["stems"], input="\n".join(words) + "\n", check=True, capture_output=True, text=True
    ).stdout.split("\n")
    stemmer = PorterStemmer()
    mismatches = [(w, stemmer.stem(w), out[i]) for i, w in enumerate(words) if stemmer.stem(w) != out[i]]
    print(f"stemmer: {len(words)} words, {len(mismatches)} differ from NLTK PorterStemmer {mismatches[:10]}")

    if max_diff > 1e-6 or mismatches:
        print("FAIL", file=sys.stderr)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
