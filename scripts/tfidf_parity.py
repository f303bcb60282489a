"""Checks that gist-tfidf gives scikit-learn's results on whole real corpora: the same
vocabulary (same terms in the same columns), the same idf and the same value in every matrix
entry, for TfidfVectorizer with several option sets and for HashingVectorizer.

For each corpus and option set, the documents are written once to a JSONL file (one JSON string
per line) that both sides read, scikit-learn runs in this process, and the Rust example
`tfidf_dump` (crates/tfidf/examples/tfidf_dump.rs, release build) writes its vocabulary, idf and
Matrix Market matrix, which is read back with scipy.io.mmread (so the export is checked too).

Prints one line per check with the largest relative error of idf and of the matrix entries
(|gist - sklearn| / |sklearn|), and exits non-zero if any check fails (vocabulary or sparsity
pattern differs, or an error exceeds 1e-9; 1e-5 for float32).

Usage (from the workspace root):
    .venv/bin/python scripts/tfidf_parity.py [--data ../shared/data] [--quick] [--markdown FILE]
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import scipy
import scipy.io
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer

from cargo_example import build_example  # scripts/cargo_example.py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFIGS = [
    ("default", {}),
    (
        "english+sublinear+ngram(1,2)+min_df=2",
        dict(stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=2),
    ),
    ("char_wb(2,4)+l1", dict(analyzer="char_wb", ngram_range=(2, 4), norm="l1")),
    (
        "binary+no idf+max_features (untied cutoff near 2000)",
        dict(binary=True, use_idf=False, max_features="untied 2000"),
    ),
    ("unicode accents+max_df=0.5", dict(strip_accents="unicode", max_df=0.5)),
    (
        "ascii accents+no smoothing+min_df=0.001+norm None",
        dict(strip_accents="ascii", smooth_idf=False, min_df=0.001, norm=None),
    ),
    (
        "no lowercase+\\b\\w+\\b+ngram(2,3)+max_df=20",
        dict(lowercase=False, token_pattern=r"\b\w+\b", ngram_range=(2, 3), max_df=20),
    ),
    ("char(1,3)+float32", dict(analyzer="char", ngram_range=(1, 3), dtype=np.float32)),
]

HASHING = [
    ("hashing default", {}),
    (
        "hashing 2^12, binary, no alternate sign, l1",
        dict(n_features=2**12, binary=True, alternate_sign=False, norm="l1"),
    ),
    ("hashing char_wb(3,5), 2^16", dict(analyzer="char_wb", ngram_range=(3, 5), n_features=2**16)),
]


def load_corpora(data, quick):
    corpora = []
    leipzig = os.path.join(data, "corpus", "leipzig")
    names = ["eng_news-typical_2016_10K", "deu_wikipedia_2021_10K", "fra_news_2023_10K"]
    if quick:
        names = names[:1]
    for name in names:
        path = os.path.join(leipzig, name + "-sentences.txt")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                docs = [line.rstrip("\n").split("\t", 1)[-1] for line in f if line.strip()]
            corpora.append((f"leipzig {name} (sentences)", docs))
    books = sorted(glob.glob(os.path.join(data, "corpus", "gutenberg_en", "*.txt")))
    if books:
        docs = []
        for path in books[: 3 if quick else 10]:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            docs.extend(p for p in re.split(r"\n\s*\n", text) if p.strip())
        corpora.append((f"gutenberg_en first {3 if quick else 10} books (paragraphs)", docs))
    articles = sorted(glob.glob(os.path.join(data, "summarization", "bbc_news", "articles", "*", "*.txt")))
    if articles:
        docs = []
        for path in articles[: 300 if quick else None]:
            with open(path, encoding="utf-8", errors="replace") as f:
                docs.append(f.read())
        corpora.append(("bbc_news articles", docs))
    return corpora


def untied_limit(docs, kwargs, near):
    """The largest k <= near such that the k-th and (k+1)-th highest total counts differ, so
    that max_features=k selects the same terms whatever the tie-breaking. (scikit-learn ranks
    terms with numpy's argsort, which is not stable: when terms tie at the cutoff, which of them
    it keeps depends on numpy's sort implementation; gist keeps the first in term order.)"""
    from sklearn.feature_extraction.text import CountVectorizer

    count_kwargs = {k: v for k, v in kwargs.items() if k in ("binary", "lowercase", "stop_words", "ngram_range", "analyzer", "min_df", "max_df")}
    X = CountVectorizer(**count_kwargs).fit_transform(docs)
    totals = np.sort(np.asarray(X.sum(axis=0)).ravel())[::-1]
    k = min(near, len(totals) - 1)
    while k > 1 and totals[k - 1] == totals[k]:
        k -= 1
    return k


def rust_options(kwargs):
    """scikit-learn keyword arguments -> gist TfidfOptions / HashingOptions JSON."""
    out = {}
    for k, v in kwargs.items():
        if k == "dtype":
            out[k] = "f32" if v == np.float32 else "f64"
        elif v is None:
            out[k] = "none"
        elif isinstance(v, tuple):
            out[k] = list(v)
        else:
            out[k] = v
    return json.dumps(out)


def build_rust():
    return build_example("gist-tfidf", "tfidf_dump")


def run_rust(exe, docs_path, options, out_dir, hashing=False, mode="fit_transform"):
    cmd = [exe, "--docs", docs_path, "--options", options, "--out", out_dir, "--mode", mode]
    if hashing:
        cmd.append("--hashing")
    subprocess.run(cmd, check=True)
    with open(os.path.join(out_dir, "vocab.json")) as f:
        vocab = json.load(f)
    with open(os.path.join(out_dir, "idf.json")) as f:
        idf = json.load(f)
    matrix = sp.csr_matrix(scipy.io.mmread(os.path.join(out_dir, "matrix.mtx")))
    return vocab, idf, matrix


def max_rel(got, want):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.size == 0:
        return 0.0
    diff = np.abs(got - want)
    scale = np.abs(want)
    rel = np.where(scale > 0, diff / np.where(scale > 0, scale, 1), diff)
    return float(rel.max())


def compare_matrix(got, want):
    """(same pattern, max relative error); explicit zeros count as entries."""
    want = sp.csr_matrix(want)
    want.sort_indices()
    got.sort_indices()
    if got.shape != want.shape:
        return False, float("inf"), f"shape {got.shape} vs {want.shape}"
    if not (np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)):
        return False, float("inf"), f"nnz {got.nnz} vs {want.nnz}"
    return True, max_rel(got.data, want.data), ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--quick", action="store_true", help="one small corpus of each kind")
    ap.add_argument("--markdown", help="also write the table as Markdown to this file")
    args = ap.parse_args()

    exe = build_rust()
    corpora = load_corpora(args.data, args.quick)
    if not corpora:
        print(f"no corpora under {args.data}", file=sys.stderr)
        return 2
    rows = []
    failures = 0
    header = f"{'corpus':<46} {'options':<48} {'docs':>6} {'features':>8} {'nnz':>9}  vocab  {'idf max rel':>11}  {'entries max rel':>15}  ok"
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}")
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for cname, docs in corpora:
            docs_path = os.path.join(tmp, "docs.jsonl")
            with open(docs_path, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d) + "\n")
            checks = [(n, c, False, "fit_transform") for n, c in CONFIGS]
            checks.append(("default, 3 partial fits + transform", {}, False, "partial"))
            checks.append(("default, fit then transform", {}, False, "fit_then_transform"))
            checks += [(n, c, True, "fit_transform") for n, c in HASHING]
            for name, kwargs, hashing, mode in checks:
                out_dir = os.path.join(tmp, "out")
                if isinstance(kwargs.get("max_features"), str):
                    k = untied_limit(docs, kwargs, int(kwargs["max_features"].split()[-1]))
                    kwargs = dict(kwargs, max_features=k)
                    name = name.replace("untied cutoff near 2000", f"={k}, untied")
                if hashing:
                    want = HashingVectorizer(**kwargs).transform(docs)
                    want_vocab, want_idf = None, None
                else:
                    v = TfidfVectorizer(**kwargs)
                    want = v.fit_transform(docs)
                    want_vocab = list(v.get_feature_names_out())
                    want_idf = v.idf_ if v.use_idf else None
                vocab, idf, got = run_rust(exe, docs_path, rust_options(kwargs), out_dir, hashing, mode)
                tol = 1e-5 if kwargs.get("dtype") == np.float32 else 1e-9
                vocab_ok = vocab == want_vocab
                if want_idf is None:
                    idf_ok, idf_err = idf is None, 0.0
                else:
                    idf_ok = idf is not None and len(idf) == len(want_idf)
                    idf_err = max_rel(idf, want_idf) if idf_ok else float("inf")
                pattern_ok, err, note = compare_matrix(got, want)
                if not vocab_ok and want_vocab is not None and vocab is not None:
                    diff = sorted(set(vocab) ^ set(want_vocab))
                    note = f"{len(vocab)} vs {len(want_vocab)} terms; differ: {diff[:6]}"
                ok = vocab_ok and idf_ok and pattern_ok and idf_err <= tol and err <= tol
                failures += not ok
                row = dict(
                    corpus=cname, options=name, docs=len(docs), features=got.shape[1], nnz=got.nnz,
                    vocab="same" if vocab_ok else "DIFF", idf_err=idf_err if want_idf is not None else None,
                    err=err, ok=ok, note=note,
                )
                rows.append(row)
                idf_s = f"{idf_err:.2e}" if want_idf is not None else "-"
                print(
                    f"{cname[:46]:<46} {name[:48]:<48} {len(docs):>6} {got.shape[1]:>8} {got.nnz:>9}  {row['vocab']:<5}  {idf_s:>11}  {err:>15.2e}  {'yes' if ok else 'NO ' + note}",
                    flush=True,
                )
    print(f"{len(rows) - failures} passed, {failures} failed")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| corpus | options | docs | features | stored entries | vocabulary | idf max rel. error | entries max rel. error | ok |\n")
            f.write("|---|---|---:|---:|---:|---|---:|---:|---|\n")
            for r in rows:
                idf_s = f"{r['idf_err']:.1e}" if r["idf_err"] is not None else "n/a"
                f.write(
                    f"| {r['corpus']} | {r['options']} | {r['docs']} | {r['features']} | {r['nnz']} | {r['vocab']} | {idf_s} | {r['err']:.1e} | {'yes' if r['ok'] else 'NO ' + r['note']} |\n"
                )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
