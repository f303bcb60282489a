"""End-to-end TF-IDF jobs from the command line: `gist tfidf fit` and `gist tfidf transform`
against the same jobs written with scikit-learn, on the same JSON Lines file and machine.

The documents are the paragraphs of the Project Gutenberg books in ../shared/data/corpus/gutenberg_en
(the first books up to --mb megabytes, 1 MB = 10^6 bytes of text), written once as JSON Lines
records {"id", "text"}. Each job is a process of its own, timed from start to end by GNU time
(/usr/bin/time: wall-clock seconds and peak resident memory), so that reading the records,
starting the interpreter or program, and writing the results count on both sides:

- fit: read the records, fit a TF-IDF model, save it (scikit-learn: `TfidfVectorizer().fit`,
  then `pickle.dump` of the fitted vectorizer; gist: `gist tfidf fit DOCS --out model.json`);
- transform: load the model, read the records, transform them and write the matrix in Matrix
  Market format (scikit-learn: `pickle.load`, `transform`, `scipy.io.mmwrite`; gist: `gist tfidf
  transform --model model.json DOCS --out matrix.mtx`).

gist runs with --threads 1 and 2 (scikit-learn's TfidfVectorizer is single-threaded; scipy's
Matrix Market writer uses threads of its own). Each job runs --runs times, the tools alternated;
the table gives medians. The two matrices are compared at the end (scipy.io.mmread: shape,
stored entries, largest difference).

Usage (from the workspace root; or `scripts/compare.sh tfidf_cli`):
    .venv/bin/python scripts/compare_tfidf_cli.py [--mb 47] [--runs 3] [--data ../shared/data]
        [--markdown FILE]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

import scipy
import scipy.io
import sklearn

from gutenberg_paragraphs import paragraphs  # scripts/gutenberg_paragraphs.py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1e6

CONFIGS = [
    ("default", {}, []),
    (
        'stop_words="english", sublinear_tf, ngram_range=(1, 2), min_df=2',
        dict(stop_words="english", sublinear_tf=True, ngram_range=[1, 2], min_df=2),
        ["--stop-words", "english", "--sublinear-tf", "--ngram-range", "1,2", "--min-df", "2"],
    ),
]

SKLEARN_FIT = r"""
import json, pickle, sys
from sklearn.feature_extraction.text import TfidfVectorizer
kwargs = json.loads(sys.argv[3])
if "ngram_range" in kwargs:
    kwargs["ngram_range"] = tuple(kwargs["ngram_range"])
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f]
v = TfidfVectorizer(**kwargs).fit(texts)
with open(sys.argv[2], "wb") as f:
    pickle.dump(v, f)
"""

SKLEARN_TRANSFORM = r"""
import json, pickle, sys
import scipy.io
with open(sys.argv[2], "rb") as f:
    v = pickle.load(f)
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f]
scipy.io.mmwrite(sys.argv[3], v.transform(texts))
"""


def timed(cmd):
    """Wall-clock seconds and peak resident MB of `cmd` (GNU time)."""
    with tempfile.NamedTemporaryFile("r") as t:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name, *cmd], check=True,
                       stdout=subprocess.DEVNULL)
        secs, kb = t.read().split()
    return float(secs), int(kb) * 1024 / MB


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--mb", type=float, default=47.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        raise SystemExit("needs /usr/bin/time (Debian's package `time`)")

    docs, size = paragraphs(args.data, args.mb)

    subprocess.run(["cargo", "build", "--release", "-q", "-p", "gist-cli"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    gist = os.path.join(target, "release", "gist")

    print(
        f"{len(docs)} documents, {size / MB:.1f} MB; scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.processor() or platform.machine()}"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        docs_path = os.path.join(tmp, "docs.jsonl")
        with open(docs_path, "w", encoding="utf-8") as f:
            for i, d in enumerate(docs):
                f.write(json.dumps({"id": str(i), "text": d}) + "\n")
        del docs
        py = sys.executable
        for name, kwargs, flags in CONFIGS:
            tools = {
                "scikit-learn": (
                    [py, "-c", SKLEARN_FIT, docs_path, f"{tmp}/sk.pickle", json.dumps(kwargs)],
                    [py, "-c", SKLEARN_TRANSFORM, docs_path, f"{tmp}/sk.pickle", f"{tmp}/sk.mtx"],
                ),
            }
            for t in (1, 2):
                model, mtx = f"{tmp}/gist{t}.json", f"{tmp}/gist{t}.mtx"
                tools[f"gist, {t} thread{'s' if t > 1 else ''}"] = (
                    [gist, "tfidf", "fit", "-q", "--threads", str(t), *flags, docs_path, "--out", model],
                    [gist, "tfidf", "transform", "-q", "--threads", str(t), "--model", model, docs_path, "--out", mtx],
                )
            measured = {tool: {"fit": [], "transform": []} for tool in tools}
            for _ in range(args.runs):
                for tool, (fit, transform) in tools.items():
                    measured[tool]["fit"].append(timed(fit))
                    measured[tool]["transform"].append(timed(transform))
            sk = scipy.io.mmread(f"{tmp}/sk.mtx").tocsr()
            ours = scipy.io.mmread(f"{tmp}/gist1.mtx").tocsr()
            if sk.shape != ours.shape or sk.nnz != ours.nnz:
                raise SystemExit(f"{name}: scikit-learn {sk.shape} {sk.nnz} entries, gist {ours.shape} {ours.nnz}")
            diff = abs(sk - ours).max()
            with open(f"{tmp}/gist1.mtx", "rb") as a, open(f"{tmp}/gist2.mtx", "rb") as b:
                if a.read() != b.read():
                    raise SystemExit(f"{name}: gist's matrices on 1 and 2 threads differ")
            print(f"{name}: {sk.shape[0]} x {sk.shape[1]}, {sk.nnz} entries; largest difference {diff:.1e}")
            base = {step: statistics.median(s for s, _ in measured["scikit-learn"][step]) for step in ("fit", "transform")}
            for tool, steps in measured.items():
                med = {step: statistics.median(s for s, _ in runs) for step, runs in steps.items()}
                peak = {step: max(m for _, m in runs) for step, runs in steps.items()}
                for step in ("fit", "transform"):
                    rows.append(dict(options=name, step=step, tool=tool, seconds=med[step], mem=peak[step],
                                     speed=base[step] / med[step]))
                rows.append(dict(options=name, step="both", tool=tool, seconds=med["fit"] + med["transform"],
                                 mem=max(peak.values()), speed=(base["fit"] + base["transform"]) / (med["fit"] + med["transform"])))
    head = f"{'options':<62} {'step':<9} {'tool':<16} {'seconds':>8} {'peak MB':>8} {'vs scikit-learn':>15}"
    print(head)
    for r in rows:
        print(f"{r['options']:<62} {r['step']:<9} {r['tool']:<16} {r['seconds']:>8.2f} {r['mem']:>8.0f} {r['speed']:>14.1f}x")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| options | step | tool | seconds | peak RSS MB | speed vs scikit-learn |\n|---|---|---|---:|---:|---:|\n")
            for r in rows:
                f.write(f"| {r['options']} | {r['step']} | {r['tool']} | {r['seconds']:.2f} | {r['mem']:.0f} | {r['speed']:.1f}x |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
