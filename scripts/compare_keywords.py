"""Side-by-side speed of keyword extraction: gist against YAKE, on the same documents and
machine, one thread, one document at a time (each document on its own, as `yake` and
`gist keywords FILE` work).

Documents: the first --docs (default 100) files, in sorted order, of each keyphrase set
(../shared/data/keyphrase/Inspec: scientific abstracts; 500N-KPCrowd-v1.1: news stories).
Both tools extract the top 10 keyphrases of up to 3 words per document:
- YAKE 0.4.8: yake.KeywordExtractor(lan="en", n=3, top=10);
- gist: crates/tfidf/examples/keywords_throughput.rs (tokenize, split sentences, mark
  stopwords, stem, score against the bundled English background model), built with
  `cargo build --release -p gist-tfidf --example keywords_throughput`.
Each measurement is the best of several runs over all the documents (at least --min-time
seconds, at least 3 runs for gist, at most 3 for YAKE). Throughput is in documents per second
and MB/s (10^6 input bytes per second); higher is faster. The ratio is gist's over YAKE's.

Usage (from the workspace root; or `scripts/compare.sh keywords`):
    .venv/bin/python scripts/compare_keywords.py [--data ../shared/data/keyphrase] [--docs 100]
        [--min-time 2]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from cargo_example import build_example  # scripts/cargo_example.py

ROOT = Path(__file__).resolve().parent.parent
SETS = ["Inspec", "500N-KPCrowd-v1.1"]


def load(data, n):
    texts = []
    for name in SETS:
        paths = sorted((Path(data) / name / "docs").glob("*.txt"))[:n]
        for p in paths:
            # The same bytes the Rust side reads (lossy UTF-8 decoding).
            texts.append(p.read_bytes().decode("utf-8", errors="replace"))
    return texts


def time_yake(texts, min_time):
    import yake

    kw = yake.KeywordExtractor(lan="en", n=3, top=10)
    times = []
    start = time.perf_counter()
    while len(times) < 3 and (not times or time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        for t in texts:
            kw.extract_keywords(t)
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "keyphrase"))
    ap.add_argument("--docs", type=int, default=100, help="documents per set")
    ap.add_argument("--min-time", type=float, default=2.0)
    args = ap.parse_args()

    texts = load(args.data, args.docs)
    if not texts:
        sys.exit(f"no documents under {args.data}")
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    exe = build_example("gist-tfidf", "keywords_throughput")
    dirs = [str(Path(args.data) / s) for s in SETS]
    out = subprocess.run(
        [str(exe), "--docs", str(args.docs), "--min-time", str(args.min_time), *dirs],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    gist = json.loads(out)
    if gist["docs"] != len(texts) or gist["bytes"] != nbytes:
        sys.exit(f"document mismatch: gist read {gist['docs']} docs / {gist['bytes']} bytes, "
                 f"Python {len(texts)} / {nbytes}")

    yake_s = time_yake(texts, args.min_time)
    rows = [
        (f"YAKE {metadata.version('yake')} (n=3, top 10)", yake_s),
        ("gist KeywordExtractor (max_ngram 3, top 10, background idf)", gist["seconds"]),
    ]
    print(f"{len(texts)} documents ({args.docs} per set of {', '.join(SETS)}), {nbytes / 1e6:.3f} MB; "
          f"one thread; {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"Python {platform.python_version()}")
    print()
    print("| tool | seconds | docs/s | MB/s |")
    print("|---|---|---|---|")
    for name, s in rows:
        print(f"| {name} | {s:.3f} | {len(texts) / s:,.0f} | {nbytes / 1e6 / s:.3f} |")
    print()
    print(f"gist / YAKE throughput: {yake_s / gist['seconds']:.0f}x (higher is faster)")


if __name__ == "__main__":
    main()
