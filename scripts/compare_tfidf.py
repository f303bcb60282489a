"""Speed and peak memory of gist-tfidf's TfidfVectorizer.fit_transform against scikit-learn's,
on the same documents and machine.

The documents are paragraphs of the Project Gutenberg books in ../shared/data/corpus/gutenberg_en
(the first books up to --mb megabytes; 1 MB = 10^6 bytes of UTF-8 text), written once to a
JSONL file that both sides read. Each side runs in its own process: scikit-learn in a Python
subprocess, gist in the release example `tfidf_dump --bench` (crates/tfidf/examples/), with
RAYON_NUM_THREADS=1 and =2, the one-thread and two-thread runs alternating. The time is that
of fit_transform alone (documents already in memory), the best of --runs runs, in wall-clock
seconds and in CPU seconds (scikit-learn: time.process_time(); gist: all its threads' CPU
time). On a shared machine the CPU-time ratio
of the one-thread runs is the steadier figure; "vs 1 thread" (the two-thread speed-up) is
wall clock and needs an otherwise idle machine; peak memory is each process's own peak resident
set size (VmHWM in /proc/self/status, reported by the process as it ends), which includes the
documents, the interpreter and imports. (Not ru_maxrss from wait4: a child forked from this
script starts with this script's pages, documents included, and Linux counts them in the
child's ru_maxrss although exec drops them.) Throughput is input MB/s and documents/s.

Usage (from the workspace root; or `scripts/compare.sh tfidf`):
    .venv/bin/python scripts/compare_tfidf.py [--mb 20] [--runs 3] [--data ../shared/data]
        [--series N] [--sklearn-python PYTHON] [--markdown FILE] [--save-docs FILE]

--series N runs the whole comparison N times, back to back, each run's table printed, then sums
the runs up per option set against the targets (each run's one-thread CPU-time ratio and
two-thread speed-up, their medians, how many reach 20x and 1.8x; the peak memory ratios); the
markdown table is the first run's. --sklearn-python runs scikit-learn with another interpreter
(a virtual environment with another version of scikit-learn).

--save-docs writes the documents (the same JSONL both sides read) and stops; scripts/tfidf_profile.sh
uses it.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

from cargo_example import build_example  # scripts/cargo_example.py
from gutenberg_paragraphs import paragraphs  # scripts/gutenberg_paragraphs.py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1e6

CONFIGS = [
    ("default", {}),
    (
        'stop_words="english", sublinear_tf, ngram_range=(1, 2), min_df=2',
        dict(stop_words="english", sublinear_tf=True, ngram_range=[1, 2], min_df=2),
    ),
]

SKLEARN_RUNNER = r"""
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
kwargs = json.loads(sys.argv[2])
if "ngram_range" in kwargs:
    kwargs["ngram_range"] = tuple(kwargs["ngram_range"])
t0, c0 = time.perf_counter(), time.process_time()
X = TfidfVectorizer(**kwargs).fit_transform(docs)
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = None
try:
    with open("/proc/self/status") as f:
        peak = next(int(l.split()[1]) * 1024 / 1e6 for l in f if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "features": X.shape[1], "nnz": X.nnz, "peak_rss_mb": peak}))
"""


def run_measured(cmd, env=None):
    """Runs cmd, returns (parsed JSON of its last stdout line, peak RSS in MB: the process's own
    report, else ru_maxrss, which on Linux also counts this script's pages the child started
    with)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed with status {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    peak = result.get("peak_rss_mb")
    return result, peak if peak is not None else usage.ru_maxrss * 1024 / MB


def best(cmd, runs, env=None):
    """The fastest run (wall clock), with the least CPU time of all runs beside it."""
    return fastest([run_measured(cmd, env) for _ in range(runs)])


def fastest(results):
    """Of (result, peak MB) pairs: the fastest result (wall clock), with the least CPU time of
    all of them beside it, and the largest peak."""
    first = dict(min(results, key=lambda r: r[0]["seconds"])[0])
    first["cpu_seconds"] = min(r[0]["cpu_seconds"] for r in results)
    return first, max(r[1] for r in results)


def write_jsonl(path, docs):
    """Writes the documents one JSON string per line (what tfidf_dump and the runner read)."""
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")


def sklearn_version(python):
    """The version of scikit-learn that `python` imports."""
    out = subprocess.run([python, "-c", "import sklearn; print(sklearn.__version__)"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def measure(exe, docs_path, docs, size, args):
    """One run of the comparison: per option set, scikit-learn's best of --sklearn-runs and
    gist's best of --runs on one and two threads (alternated); a row per tool."""
    rows = []
    for name, kwargs in CONFIGS:
        sk, sk_mem = best([args.sklearn_python, "-c", SKLEARN_RUNNER, docs_path, json.dumps(kwargs)], args.sklearn_runs)
        results = {"scikit-learn": (sk, sk_mem)}
        # One-thread and two-thread runs alternate, so that a drift of the shared machine
        # during the series weighs on both sides of the two-thread speed-up alike.
        cmd = [exe, "--docs", docs_path, "--options", json.dumps(kwargs), "--bench"]
        runs = {1: [], 2: []}
        for _ in range(args.runs):
            for threads in (1, 2):
                env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
                runs[threads].append(run_measured(cmd, env))
        for threads in (1, 2):
            results[f"gist, {threads} thread{'s' if threads > 1 else ''}"] = fastest(runs[threads])
        g1 = results["gist, 1 thread"][0]["seconds"]
        sk_cpu = sk["cpu_seconds"]
        for tool, (r, mem) in results.items():
            if r["nnz"] != sk["nnz"] or r["features"] != sk["features"]:
                raise SystemExit(f"{tool}: {r['features']} features / {r['nnz']} entries, scikit-learn {sk['features']} / {sk['nnz']}")
            one_thread = tool != "gist, 2 threads"
            rows.append(
                dict(
                    options=name, tool=tool, seconds=r["seconds"], cpu=r["cpu_seconds"],
                    mb_s=size / MB / r["seconds"], docs_s=len(docs) / r["seconds"],
                    speedup=sk["seconds"] / r["seconds"],
                    cpu_speedup=sk_cpu / r["cpu_seconds"] if one_thread else None,
                    vs1=g1 / r["seconds"] if tool.startswith("gist") else None,
                    mem=mem, mem_ratio=mem / sk_mem,
                )
            )
    return rows


def print_table(rows):
    head = f"{'options':<62} {'tool':<16} {'seconds':>8} {'CPU s':>8} {'MB/s':>8} {'docs/s':>10} {'vs sklearn':>10} {'CPU vs sklearn':>14} {'vs 1 thread':>11} {'peak MB':>8} {'mem vs sklearn':>14}"
    print(head)
    for r in rows:
        vs1 = f"{r['vs1']:.2f}x" if r["vs1"] else "-"
        cpu_vs = f"{r['cpu_speedup']:.1f}x" if r["cpu_speedup"] else "-"
        print(
            f"{r['options']:<62} {r['tool']:<16} {r['seconds']:>8.3f} {r['cpu']:>8.3f} {r['mb_s']:>8.2f} {r['docs_s']:>10.0f} {r['speedup']:>9.1f}x {cpu_vs:>14} {vs1:>11} {r['mem']:>8.0f} {r['mem_ratio']:>13.2f}x"
        )


def summarize_series(series):
    """Per option set, each run's figures against the issue's targets (20x scikit-learn's CPU
    time on one thread, 1.8x more on two threads, peak memory no more than scikit-learn's)."""
    print(f"\nseries of {len(series)} runs:")
    for name, _ in CONFIGS:
        def pick(tool, key):
            return [r[key] for rows in series for r in rows if r["options"] == name and r["tool"] == tool]

        one = pick("gist, 1 thread", "cpu_speedup")
        two = pick("gist, 2 threads", "vs1")
        mem = pick("gist, 1 thread", "mem_ratio") + pick("gist, 2 threads", "mem_ratio")
        sk = pick("scikit-learn", "cpu")
        print(f"{name}: scikit-learn {min(sk):.2f}-{max(sk):.2f} s")
        print(
            f"  one thread, CPU time vs scikit-learn: {', '.join(f'{x:.1f}x' for x in one)}; median "
            f"{statistics.median(one):.1f}x; 20x or more in {sum(x >= 20 for x in one)} of {len(one)}"
        )
        print(
            f"  two threads over one: {', '.join(f'{x:.2f}x' for x in two)}; median "
            f"{statistics.median(two):.3f}x; 1.8x or more in {sum(x >= 1.8 for x in two)} of {len(two)}"
        )
        print(f"  peak memory vs scikit-learn: {min(mem):.2f}x-{max(mem):.2f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sklearn-runs", type=int, default=1)
    ap.add_argument("--sklearn-python", default=sys.executable, help="the Python that runs scikit-learn (another virtual environment's, for another version)")
    ap.add_argument("--series", type=int, default=1, help="run the whole comparison this many times and sum the runs up against the targets")
    ap.add_argument("--markdown")
    ap.add_argument("--save-docs", help="write the documents as JSONL to this file and stop")
    args = ap.parse_args()

    docs, size = paragraphs(args.data, args.mb)

    if args.save_docs:
        write_jsonl(args.save_docs, docs)
        print(f"{len(docs)} documents, {size / MB:.1f} MB written to {args.save_docs}")
        return

    exe = build_example("gist-tfidf", "tfidf_dump")

    print(
        f"{len(docs)} documents, {size / MB:.1f} MB; scikit-learn {sklearn_version(args.sklearn_python)}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.processor() or platform.machine()}"
    )
    series = []
    with tempfile.TemporaryDirectory() as tmp:
        docs_path = os.path.join(tmp, "docs.jsonl")
        write_jsonl(docs_path, docs)
        for run in range(args.series):
            rows = measure(exe, docs_path, docs, size, args)
            if args.series > 1:
                print(f"run {run + 1} of {args.series}:")
            print_table(rows)
            series.append(rows)
    if args.series > 1:
        summarize_series(series)
    if args.markdown:
        # The first run's table.
        with open(args.markdown, "w") as f:
            f.write("| options | tool | seconds | CPU seconds | MB/s | docs/s | speed vs scikit-learn | CPU time vs scikit-learn | vs 1 thread | peak RSS MB | memory vs scikit-learn |\n")
            f.write("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
            for r in series[0]:
                vs1 = f"{r['vs1']:.2f}x" if r["vs1"] else "-"
                cpu_vs = f"{r['cpu_speedup']:.1f}x" if r["cpu_speedup"] else "-"
                f.write(
                    f"| {r['options']} | {r['tool']} | {r['seconds']:.3f} | {r['cpu']:.3f} | {r['mb_s']:.2f} | {r['docs_s']:.0f} | {r['speedup']:.1f}x | {cpu_vs} | {vs1} | {r['mem']:.0f} | {r['mem_ratio']:.2f}x |\n"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
