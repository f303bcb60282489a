"""Side-by-side speed of gist's word tokenizer, sentence splitter and stemmer against the tools
users would otherwise pick, on the same input and machine, single thread.

Python side: scikit-learn's default analyzer (CountVectorizer().build_analyzer()), NLTK's
word_tokenize, pySBD and NLTK Punkt (sent_tokenize) sentence splitting, PyStemmer (english).
Rust side (benches/src/bin/compare_tokenize.rs): gist's WordTokenizer, SentenceSplitter and
Stemmer (both backends), the sentencex crate, and the whole analysis pipeline (sentences, words,
stopwords, stems) over ~20 kB documents through Corpus::analyze on 1 and 2 threads (there the
CPU time is that of all threads, and the last column is the wall-clock speed-up).

Every tool reads the same input file, written by the Rust binary from the benchmark corpus
(../shared/data/corpus/gutenberg_en, else seeds/: see benches/src/lib.rs). Slow tools get a
prefix of it (pySBD, NLTK), so throughputs are reported in MB/s (input bytes per second, 1 MB =
10^6 bytes) and tokens/s, never as totals. Each measurement is the best of several runs (at
least --min-time seconds in all, at most 5 runs); the first run also warms up.

Times are the CPU time of the measuring thread (CLOCK_THREAD_CPUTIME_ID here, the thread's
scheduler run time on the Rust side: the same kernel counter), so a busy machine slows the
figures less; the wall-clock throughput is printed beside it. On an idle machine they agree.

Usage (from the workspace root; prefer `scripts/compare.sh tokenize`):
    .venv/bin/python scripts/compare_tokenize.py [--mb 10] [--pysbd-kb 200] [--nltk-mb 2]
        [--min-time 2] [--markdown FILE] [--json FILE]
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1e6


def best_time(fn, min_time, max_runs=5):
    """Runs fn() until min_time seconds of CPU time have passed (at most max_runs times, at least
    once, and at least twice when a run is shorter than min_time). Returns the best CPU time of
    this thread, the best wall-clock time, both in seconds, and the last result."""
    cpu, wall = [], []
    result = None
    start = time.thread_time()
    while True:
        c0, w0 = time.thread_time(), time.perf_counter()
        result = fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.thread_time() - c0)
        spent = time.thread_time() - start
        if len(cpu) >= max_runs or (spent >= min_time and len(cpu) >= 2) or (len(cpu) == 1 and cpu[0] >= min_time):
            break
    return min(cpu), min(wall), result


def prefix(text, max_bytes):
    """The longest prefix of text of at most max_bytes UTF-8 bytes."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")


def row(task, tool, version, text_bytes, times, items, unit):
    seconds, wall = times
    return {
        "task": task,
        "tool": tool,
        "version": version,
        "bytes": text_bytes,
        "seconds": seconds,
        "wall_seconds": wall,
        "items": items,
        "unit": unit,
        "mb_per_s": text_bytes / seconds / MB if text_bytes else None,
        "items_per_s": items / seconds,
        "wall_mb_per_s": text_bytes / wall / MB if text_bytes else None,
        "wall_items_per_s": items / wall,
    }


def version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def python_rows(text, words, args):
    rows = []
    n = len(text.encode("utf-8"))

    from sklearn.feature_extraction.text import CountVectorizer

    analyzer = CountVectorizer().build_analyzer()
    *s, out = best_time(lambda: analyzer(text), args.min_time)
    rows.append(row("words", "scikit-learn CountVectorizer analyzer", version("scikit-learn"), n, s, len(out), "tokens"))

    import nltk

    small = prefix(text, int(args.nltk_mb * MB))
    sb = len(small.encode("utf-8"))
    *s, out = best_time(lambda: nltk.word_tokenize(small), args.min_time)
    rows.append(row("words", "NLTK word_tokenize", version("nltk"), sb, s, len(out), "tokens"))

    *s, out = best_time(lambda: nltk.sent_tokenize(small), args.min_time)
    rows.append(row("sentences", "NLTK Punkt sent_tokenize", version("nltk"), sb, s, len(out), "sentences"))

    import pysbd

    tiny = prefix(text, int(args.pysbd_kb * 1000))
    tb = len(tiny.encode("utf-8"))
    segmenter = pysbd.Segmenter(language="en", clean=False)
    *s, out = best_time(lambda: segmenter.segment(tiny), args.min_time, max_runs=2)
    rows.append(row("sentences", "pySBD", version("pysbd"), tb, s, len(out), "sentences"))

    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    *s, out = best_time(lambda: stemmer.stemWords(words), args.min_time)
    rows.append(row("stem", "PyStemmer stemWords (english)", version("PyStemmer"), 0, s, len(out), "words"))
    # PyStemmer caches up to 10,000 stems by default; without the cache:
    nocache = Stemmer.Stemmer("english", 0)
    *s, out = best_time(lambda: nocache.stemWords(words), args.min_time)
    rows.append(row("stem", "PyStemmer stemWords, cache off", version("PyStemmer"), 0, s, len(out), "words"))
    return rows


def rust(args, *extra):
    """Runs the Rust comparison binary (built in release mode) with the given arguments."""
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "gist-benches", "--bin", "compare_tokenize", "--", *extra]
    return subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout


def fmt(x, digits=1):
    if x is None:
        return ""
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}" if x >= 1 else f"{x:.3f}"


def table(rows):
    """A markdown table: for each task, every tool with its throughput (on CPU time) and gist's
    speed-up, plus the wall-clock throughput for reference."""
    lines = [
        "| task | tool | version | input | MB/s | items/s | wall-clock | items | gist is × faster |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for task in ["words", "sentences", "stem", "pipeline"]:
        task_rows = [r for r in rows if r["task"] == task]
        gist = [r for r in task_rows if r["tool"].startswith("gist")]
        best = gist[0] if gist else None
        for r in task_rows:
            if task == "pipeline":
                one = task_rows[0]
                ratio = "" if r is one else f"{one['wall_seconds'] / r['wall_seconds']:.2f} (wall-clock speed-up)"
            elif best is None or r["tool"].startswith("gist"):
                ratio = ""
            elif task == "stem":
                ratio = f"{best['items_per_s'] / r['items_per_s']:.1f}"
            else:
                ratio = f"{best['mb_per_s'] / r['mb_per_s']:.1f}"
            if r["bytes"]:
                size = f"{r['bytes'] / MB:.2f} MB"
                wall = f"{fmt(r['wall_mb_per_s'])} MB/s"
            else:
                size = f"{r['items']:,} words"
                wall = f"{r['wall_items_per_s']:,.0f} {r['unit']}/s"
            lines.append(
                f"| {task} | {r['tool']} | {r['version']} | {size} | {fmt(r['mb_per_s'])} | "
                f"{r['items_per_s']:,.0f} {r['unit']}/s | {wall} | {r['items']:,} | {ratio} |"
            )
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, default=10, help="input size in MB (10^6 bytes) for the fast tools")
    p.add_argument("--nltk-mb", type=float, default=2, help="prefix given to NLTK (MB)")
    p.add_argument("--pysbd-kb", type=float, default=200, help="prefix given to pySBD (kB)")
    p.add_argument("--min-time", type=float, default=2, help="seconds spent measuring each tool")
    p.add_argument("--markdown", help="also write the table to this file")
    p.add_argument("--json", help="also write the raw measurements to this file")
    args = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="gist-compare-") as tmp:
        source = rust(args, "prepare", "--bytes", str(int(args.mb * MB)), "--out", tmp).strip()
        with open(os.path.join(tmp, "input.txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        with open(os.path.join(tmp, "words.txt"), encoding="utf-8") as f:
            words = f.read().split("\n")
        if words and words[-1] == "":
            words.pop()
        print(f"input: {len(text.encode('utf-8')):,} bytes from {source}; {len(words):,} words", file=sys.stderr)
        out = rust(args, "measure", "--dir", tmp, "--min-time", str(args.min_time))
        rust_rows = [json.loads(line) for line in out.splitlines() if line.strip()]
        py_rows = python_rows(text, words, args)

    rows = rust_rows + py_rows
    order = {"words": 0, "sentences": 1, "stem": 2, "pipeline": 3}
    rows.sort(key=lambda r: (order[r["task"]], not r["tool"].startswith("gist"), r["tool"].startswith("PyStemmer")))
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    except OSError:
        pass
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} on {cpu}, {os.cpu_count()} cores, single thread; "
        f"load average {os.getloadavg()[0]:.1f} at the end; "
        f"Python {platform.python_version()}; input {source}, {args.mb:g} MB "
        f"(NLTK {args.nltk_mb:g} MB, pySBD {args.pysbd_kb:g} kB prefixes)."
    )
    result = header + "\n\n" + table(rows) + "\n"
    print(result)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
