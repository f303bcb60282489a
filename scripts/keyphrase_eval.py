#!/usr/bin/env python3
"""Keyphrase extraction quality: YAKE and RAKE predictions, and ONE scorer for every system.

Usage (from the workspace root):

    cargo run --release -p gist-tfidf --example keyphrase_eval -- ../shared/data/keyphrase
    .venv/bin/python scripts/keyphrase_eval.py ../shared/data/keyphrase

The first command writes gist's predictions; this script writes YAKE's and RAKE's (unless
they already exist; --regen to redo them), then scores every `<system>-<set>.jsonl` file of
the predictions folder (default target/keyphrase_eval) with the same protocol and prints a
Markdown table.

Predictions: one JSON object per line, {"id": "<doc id>", "keyphrases": [best first, ...]}.

Protocol (the YAKE/pke convention):
- gold keys: `keys/<id>.key`, one phrase per line (CRLF or LF), trimmed, empty lines dropped;
- both gold and predicted phrases are lowercased, split on whitespace, and each word is
  stemmed with the original Porter algorithm (NLTK, mode ORIGINAL_ALGORITHM); a prediction
  matches when its stemmed phrase equals a stemmed gold phrase exactly;
- stemmed duplicates are removed (gold: as a set; predictions: the first occurrence is kept);
- per document, with top-k = the first k distinct predictions: P@k = matches / len(top-k)
  (0 when there is no prediction), R@k = matches / |gold|, F1@k = 2PR/(P+R);
- P, R and F1 are macro-averaged over every document of the set (a document without
  predictions scores 0). All gold keys count, including those absent from the text.
"""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

from nltk.stem.porter import PorterStemmer

SETS = ["Inspec", "500N-KPCrowd-v1.1"]
KS = [5, 10, 15]
TOP_N = 15

_stemmer = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
_stem_cache = {}


def stem_phrase(phrase):
    words = phrase.lower().split()
    out = []
    for w in words:
        s = _stem_cache.get(w)
        if s is None:
            s = _stemmer.stem(w)
            _stem_cache[w] = s
        out.append(s)
    return " ".join(out)


def load_set(data_dir, name):
    root = Path(data_dir) / name
    docs, gold = {}, {}
    for p in sorted((root / "docs").glob("*.txt")):
        doc_id = p.stem
        docs[doc_id] = p.read_text(encoding="utf-8", errors="replace")
        kp = root / "keys" / (doc_id + ".key")
        keys = []
        if kp.exists():
            raw = kp.read_bytes().decode("utf-8", errors="replace")
            keys = [k.strip() for k in re.split(r"\r\n|\r|\n", raw) if k.strip()]
        gold[doc_id] = keys
    return docs, gold


def yake_predict(docs):
    import yake

    kw = yake.KeywordExtractor(lan="en", n=3, top=TOP_N)
    out = {}
    for doc_id, text in docs.items():
        # yake returns (phrase, score), lower score is better, already sorted best first.
        out[doc_id] = [k for k, _ in kw.extract_keywords(text)]
    return out


def rake_predict(docs):
    import nltk
    import yake
    from rake_nltk import Rake

    # NLTK's stopwords corpus cannot be downloaded here: use YAKE's bundled English list
    # (the same stopwords for both reference systems). Sentences: NLTK's Punkt.
    stop_file = Path(yake.__file__).parent / "StopwordsList" / "stopwords_en.txt"
    stopwords = {w.strip() for w in stop_file.read_text(encoding="utf-8").splitlines() if w.strip()}
    rake = Rake(
        stopwords=stopwords,
        max_length=3,
        sentence_tokenizer=nltk.tokenize.sent_tokenize,
    )
    out = {}
    for doc_id, text in docs.items():
        rake.extract_keywords_from_text(text)
        out[doc_id] = rake.get_ranked_phrases()[:TOP_N]
    return out


PREDICTORS = {"yake": yake_predict, "rake": rake_predict}


def write_preds(path, preds):
    with open(path, "w", encoding="utf-8") as f:
        for doc_id in sorted(preds):
            f.write(json.dumps({"id": doc_id, "keyphrases": preds[doc_id]}, ensure_ascii=False))
            f.write("\n")


def read_preds(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                preds[o["id"]] = o["keyphrases"]
    return preds


def score(gold, preds):
    """Macro-averaged P/R/F1 at each k over the documents of `gold`."""
    totals = {k: [0.0, 0.0, 0.0] for k in KS}
    for doc_id, keys in gold.items():
        g = {stem_phrase(k) for k in keys}
        g.discard("")
        ranked, seen = [], set()
        for p in preds.get(doc_id, []):
            s = stem_phrase(p)
            if s and s not in seen:
                seen.add(s)
                ranked.append(s)
        for k in KS:
            top = ranked[:k]
            m = sum(1 for s in top if s in g)
            p = m / len(top) if top else 0.0
            r = m / len(g) if g else 0.0
            f = 2 * p * r / (p + r) if p + r > 0 else 0.0
            t = totals[k]
            t[0] += p
            t[1] += r
            t[2] += f
    n = max(len(gold), 1)
    return {k: tuple(v / n for v in totals[k]) for k in KS}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", help="folder holding Inspec/ and 500N-KPCrowd-v1.1/")
    ap.add_argument("--preds", default="target/keyphrase_eval", help="predictions folder")
    ap.add_argument("--systems", default="gist,gist-bg,yake,rake", help="comma-separated systems to score")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--regen", action="store_true", help="recompute YAKE/RAKE predictions")
    args = ap.parse_args()

    pred_dir = Path(args.preds)
    pred_dir.mkdir(parents=True, exist_ok=True)
    systems = [s for s in args.systems.split(",") if s]
    rows = []
    for name in args.sets.split(","):
        docs, gold = load_set(args.data_dir, name)
        for system in systems:
            path = pred_dir / f"{system}-{name}.jsonl"
            if system in PREDICTORS and (args.regen or not path.exists()):
                t0 = time.perf_counter()
                write_preds(path, PREDICTORS[system](docs))
                print(f"{system} on {name}: {len(docs)} docs in {time.perf_counter() - t0:.1f} s",
                      file=sys.stderr)
            if not path.exists():
                print(f"missing predictions {path}; skipped", file=sys.stderr)
                continue
            res = score(gold, read_preds(path))
            rows.append((name, system, res))

    print("| set | system | P@5 | R@5 | F1@5 | P@10 | R@10 | F1@10 | P@15 | R@15 | F1@15 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, system, res in rows:
        cells = " | ".join(f"{v:.3f}" for k in KS for v in res[k])
        print(f"| {name} | {system} | {cells} |")


if __name__ == "__main__":
    main()
