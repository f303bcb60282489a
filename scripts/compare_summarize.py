#!/usr/bin/env python3
"""Summarization speed: gist against sumy and summa on the same documents and machine.

Every tool summarizes the same articles (the BBC News Summary set when present, else seeds/) to
3 sentences. Documents per second (higher = faster), from CPU time on one thread (the steadier
measure on a shared machine; BLAS is held to one thread), are measured two ways:

- "summarize": on documents already analyzed (sumy's parsed document; gist's Document after
  `gist_summarize::prepare`), i.e. the summarization algorithm alone;
- "end to end": raw text in, summary out (sumy: PlaintextParser + summarizer; summa: its
  `summarize` call; gist: `Summarizer::summarize_text_in`, its entry point for raw text, which
  gives exactly the summaries of `prepare` + `summarize` on a Document; the Document route is
  printed below the table too).

Each gist algorithm is compared with its sumy counterpart (LexRank, TextRank, LSA, Luhn, SumBasic,
KL-Sum, Edmundson), gist's TextRank-BM25 with summa (the BM25 TextRank of Barrios et al.), and
gist's default with sumy's TextRank. Python tools run on one thread; gist's per-algorithm figures
are on one thread (examples/summarize_speed.rs), and the corpus run with the default algorithm is
timed in wall-clock time on 1 and 2 threads (meaningful only on an otherwise idle machine), from raw
text (`summarize_texts`) and through Documents (`prepare` + `summarize_corpus`-style map).

Usage (from the repository root):
    .venv/bin/python scripts/compare_summarize.py [--data ../shared/data/summarization/bbc_news]
        [--limit 300] [--min-seconds 2] [--markdown results/summarize-speed.md] [--binary PATH]
"""

import os

# One thread for the Python side too: numpy's BLAS (sumy's LSA) would otherwise use every core.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import glob
import json
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version

from cargo_example import build_example  # scripts/cargo_example.py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SENTENCES = 3

# gist algorithm -> (sumy class name, sumy module)
SUMY = {
    "lexrank": ("LexRankSummarizer", "sumy.summarizers.lex_rank"),
    "textrank": ("TextRankSummarizer", "sumy.summarizers.text_rank"),
    "lsa": ("LsaSummarizer", "sumy.summarizers.lsa"),
    "luhn": ("LuhnSummarizer", "sumy.summarizers.luhn"),
    "sumbasic": ("SumBasicSummarizer", "sumy.summarizers.sum_basic"),
    "klsum": ("KLSummarizer", "sumy.summarizers.kl"),
    "edmundson": ("EdmundsonSummarizer", "sumy.summarizers.edmundson"),
}

# Edmundson's word lists for sumy (it has none built in); the same as gist's defaults.
BONUS = ("important significant significantly key main major crucial essential conclude concluded "
         "conclusion summary overall result results found shows showed announced said first new "
         "largest biggest record").split()
STIGMA = ("hardly perhaps maybe possibly somewhat apparently seemingly example instance anyway "
          "incidentally meanwhile however although also i you").split()


def documents(data, limit):
    paths = sorted(glob.glob(os.path.join(data, "articles", "*", "*.txt")))
    if not paths:
        paths = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))
    if limit:
        # Spread the sample over the whole set (every k-th file), not only the first category.
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    return paths


def timed(f, min_seconds):
    """CPU seconds of one f() call (process CPU time, the mean over as many calls as fit in
    min_seconds of wall time, at least one). CPU time rather than wall time: on a shared machine
    it is the steadier measure of one thread's work, and it is what the gist side reports too."""
    rounds, started, cpu = 0, time.perf_counter(), time.process_time()
    while rounds == 0 or time.perf_counter() - started < min_seconds:
        f()
        rounds += 1
    return (time.process_time() - cpu) / rounds


def python_tools(texts, min_seconds):
    import importlib

    import summa.summarizer
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("english")
    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")

    def parse_all():
        return [PlaintextParser.from_string(t, tokenizer).document for t in texts]

    parsed = parse_all()
    parse_seconds = timed(parse_all, min_seconds)
    out = {"sumy-parse": parse_seconds}
    for name, (cls_name, module) in SUMY.items():
        cls = getattr(importlib.import_module(module), cls_name)
        s = cls(stemmer)
        # sumy 0.11's SumBasic fails with a KeyError when given stop words (it filters them from
        # the sentences but not from its word counts consistently): it runs without them.
        if name != "sumbasic":
            s.stop_words = stop_words
        if name == "edmundson":
            s.bonus_words, s.stigma_words, s.null_words = BONUS, STIGMA, list(stop_words)
        print(f"sumy {name}...", file=sys.stderr, flush=True)
        out[f"sumy-{name}"] = timed(lambda: [s(d, SENTENCES) for d in parsed], min_seconds)

    def summa_all():
        for t in texts:
            scored = summa.summarizer.summarize(t, ratio=1.0, scores=True)
            sorted(range(len(scored)), key=lambda j: -scored[j][1])[:SENTENCES]

    print("summa...", file=sys.stderr, flush=True)
    out["summa-textrank"] = timed(summa_all, min_seconds)
    return out


def gist_tools(paths, min_seconds, binary):
    if not binary:
        binary = build_example("gist-summarize", "summarize_speed")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        listing = f.name
    try:
        lines = subprocess.run(
            [binary, listing, "--sentences", str(SENTENCES), "--min-seconds", str(min_seconds)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    finally:
        os.unlink(listing)
    rows = [json.loads(line) for line in lines if line.strip()]
    # One-thread figures: CPU seconds; the corpus runs on 1 and 2 threads: wall seconds, and
    # their CPU seconds (all threads) under ("cpu", ...).
    out = {
        (r["algorithm"], r["threads"], r["measured"]): r["seconds"] if r["algorithm"].startswith("corpus-") else r["cpu_seconds"]
        for r in rows
    }
    out.update({("cpu", r["algorithm"], r["threads"]): r["cpu_seconds"] for r in rows if r["algorithm"].startswith("corpus-")})
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "summarization", "bbc_news"))
    parser.add_argument("--limit", type=int, default=300, help="number of documents (0 = all)")
    parser.add_argument("--min-seconds", type=float, default=2.0, help="repeat each timing this long")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--binary", help="a built summarize_speed example (default: cargo build it)")
    args = parser.parse_args()

    paths = documents(args.data, args.limit)
    texts = [open(p, encoding="utf-8").read() for p in paths]
    n = len(texts)
    print(f"{n} documents, {sum(map(len, texts)) / 1e6:.2f} MB", file=sys.stderr)
    py = python_tools(texts, args.min_seconds)
    load_before = os.getloadavg()[0]
    g = gist_tools(paths, args.min_seconds, args.binary)

    dps = lambda seconds: n / seconds
    lines = [
        "| gist algorithm | reference | gist summarize (docs/s) | reference summarize (docs/s) | ratio | gist end to end (docs/s) | reference end to end (docs/s) | ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    pairs = [(name, f"sumy {SUMY[name][0]}", f"sumy-{name}") for name in SUMY]
    pairs.append(("textrank-bm25", "summa TextRank", "summa-textrank"))
    pairs.append(("gist", "sumy TextRankSummarizer", "sumy-textrank"))
    for name, label, key in pairs:
        gs = g[(name, 1, "summarize")]
        ge = g[(name, 1, "analysis+summarize")]
        if key == "summa-textrank":
            ref_s, ref_e = None, py[key]
        else:
            ref_s, ref_e = py[key], py[key] + py["sumy-parse"]
        cells = [
            name,
            label,
            f"{dps(gs):,.0f}",
            f"{dps(ref_s):,.1f}" if ref_s else "–",
            f"{ref_s / gs:,.0f}×" if ref_s else "–",
            f"{dps(ge):,.0f}",
            f"{dps(ref_e):,.1f}",
            f"{ref_e / ge:,.0f}×",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    others = [a for (a, t, m) in g if t == 1 and m == "summarize" and a not in SUMY and a not in ("textrank-bm25", "gist")]
    for name in others:
        lines.append(
            f"| {name} | – | {dps(g[(name, 1, 'summarize')]):,.0f} | – | – | {dps(g[(name, 1, 'analysis+summarize')]):,.0f} | – | – |"
        )
    one = g[("corpus-default", 1, "analysis+summarize")]
    two = g[("corpus-default", 2, "analysis+summarize")]
    doc_one = g[("corpus-document", 1, "prepare+summarize")]
    doc_two = g[("corpus-document", 2, "prepare+summarize")]
    analysis = g[("analysis-only", 1, "analysis")]
    names = [a for (a, t, m) in g if t == 1 and m == "prepare+summarize" and not a.startswith("corpus-")]
    via_document = ", ".join(f"{a} {dps(g[(a, 1, 'prepare+summarize')]):,.0f}" for a in names)
    summary = [
        "",
        f"gist end to end through a Document instead (`prepare` + `summarize`, the same summaries), docs/s: {via_document}.",
        f"gist analysis alone through a Document (prepare: sentences, words, stopwords, stems): {dps(analysis):,.0f} docs/s; "
        f"sumy's PlaintextParser: {dps(py['sumy-parse']):,.0f} docs/s.",
        f"Corpus run, default algorithm, from raw text (`summarize_texts`): 1 thread {dps(one):,.0f} docs/s, "
        f"2 threads {dps(two):,.0f} docs/s: {one / two:.2f}× faster on two threads; through Documents "
        f"(`prepare` + `summarize` in `map_ordered`): 1 thread {dps(doc_one):,.0f} docs/s, 2 threads "
        f"{dps(doc_two):,.0f} docs/s: {doc_one / doc_two:.2f}× (wall clock; load average before the gist run: "
        f"{load_before:.2f}, after: {os.getloadavg()[0]:.2f}).",
        f"CPU time of all threads per pass, 2 threads vs 1 (the parallel overhead, which a busy machine does "
        f"not hide): from raw text {g[('cpu', 'corpus-default', 2)] / g[('cpu', 'corpus-default', 1)]:.3f}×, "
        f"through Documents {g[('cpu', 'corpus-document', 2)] / g[('cpu', 'corpus-document', 1)]:.3f}×.",
    ]
    header = [
        f"{n} documents ({sum(map(len, texts)) / 1e6:.2f} MB) from {os.path.relpath(os.path.dirname(os.path.dirname(paths[0])), ROOT) if paths else '?'}, "
        f"{SENTENCES} sentences each; {time.strftime('%Y-%m-%d')}; {platform.machine()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}, sumy {version('sumy')}, summa {version('summa')}, nltk {version('nltk')}.",
        "",
    ]
    table = "\n".join(header + lines + summary)
    print(table)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
