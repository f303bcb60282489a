#!/usr/bin/env python3
"""Reference extractive summarizers on the BBC News Summary set, scored with rouge-score.

Runs sumy's LexRank, TextRank, LSA and Luhn, summa's TextRank (at ratio 0.2 and at the top-N
sentences by its scores) and Lead-N on the same inputs as `examples/bbc_eval.rs`:

- input: the article body (the first line, the title, is dropped; the rest is stripped);
- reference: `summaries/<cat>/NNN.txt` as is;
- N = 3 sentences, and N = the reference's own sentence count (see `reference_sentence_count`);
- score: rouge-score's RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True), F1,
  averaged over documents (macro mean), printed as percentages.

sumy is slow, so results are cached: the means go to results/bbc_reference_systems.json (committed)
and the markdown table is printed (and written with --markdown). Progress goes to stderr.

Usage (from the repository root):
    .venv/bin/python scripts/bbc_reference_systems.py ../shared/data/summarization/bbc_news \
        --json results/bbc_reference_systems.json 2> /tmp/bbc_ref.log
    .venv/bin/python scripts/bbc_reference_systems.py --from-json results/bbc_reference_systems.json
"""

import argparse
import glob
import json
import os
import platform
import re
import sys
import time

# A boundary is a full stop (or ! ?), an optional closing quote, then (an optional opening quote
# and) an upper-case letter: the reference summaries join sentences without a space.
REFERENCE_BOUNDARY = re.compile(r"[.!?][\"']?(?=[\"']?[A-Z])")


def reference_sentence_count(summary):
    """Number of sentences in a reference summary (boundaries + 1; 0 when empty)."""
    summary = summary.strip()
    if not summary:
        return 0
    return len(REFERENCE_BOUNDARY.findall(summary)) + 1


def load_pairs(root):
    pairs = []
    for path in sorted(glob.glob(os.path.join(root, "articles", "*", "*.txt"))):
        category = os.path.basename(os.path.dirname(path))
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            article = f.read()
        with open(os.path.join(root, "summaries", category, name), encoding="utf-8") as f:
            reference = f.read()
        title, _, body = article.partition("\n")
        pairs.append(
            {
                "id": f"{category}/{name[:-4]}",
                "title": title.strip(),
                "body": body.strip(),
                "reference": reference.strip(),
            }
        )
    return pairs


SYSTEMS = [
    "Lead-N, NLTK sentences (Python)",
    "sumy LexRank",
    "sumy TextRank",
    "sumy LSA",
    "sumy Luhn",
    "summa TextRank (top-N)",
    "summa TextRank (ratio 0.2)",
]


def run(root, limit):
    from rouge_score import rouge_scorer
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words
    import summa.summarizer

    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")
    sumy_systems = {}
    for name, cls in [
        ("sumy LexRank", LexRankSummarizer),
        ("sumy TextRank", TextRankSummarizer),
        ("sumy LSA", LsaSummarizer),
        ("sumy Luhn", LuhnSummarizer),
    ]:
        s = cls(stemmer)
        s.stop_words = stop_words
        sumy_systems[name] = s
    tokenizer = Tokenizer("english")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)

    pairs = load_pairs(root)
    if limit:
        pairs = pairs[:limit]
    sums = {
        (system, setting): {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
        for system in SYSTEMS
        for setting in ("3", "ref")
    }
    seconds = {system: 0.0 for system in SYSTEMS}
    started = time.time()
    for i, pair in enumerate(pairs):
        body, reference = pair["body"], pair["reference"]
        lengths = {"3": 3, "ref": reference_sentence_count(reference)}
        document = PlaintextParser.from_string(body, tokenizer).document
        candidates = {}
        for setting, n in lengths.items():
            t = time.perf_counter()
            candidates[("Lead-N, NLTK sentences (Python)", setting)] = " ".join(
                str(s) for s in document.sentences[:n]
            )
            seconds["Lead-N, NLTK sentences (Python)"] += time.perf_counter() - t
            for name, summarizer in sumy_systems.items():
                t = time.perf_counter()
                picked = summarizer(document, n)
                seconds[name] += time.perf_counter() - t
                candidates[(name, setting)] = " ".join(str(s) for s in picked)
        # summa: all sentences with their TextRank scores (in text order), then the top N.
        t = time.perf_counter()
        scored = summa.summarizer.summarize(body, ratio=1.0, scores=True)
        seconds["summa TextRank (top-N)"] += time.perf_counter() - t
        for setting, n in lengths.items():
            order = sorted(range(len(scored)), key=lambda j: -scored[j][1])[:n]
            candidates[("summa TextRank (top-N)", setting)] = " ".join(
                scored[j][0] for j in sorted(order)
            )
        t = time.perf_counter()
        ratio = summa.summarizer.summarize(body, ratio=0.2, split=True)
        seconds["summa TextRank (ratio 0.2)"] += time.perf_counter() - t
        for setting in lengths:
            candidates[("summa TextRank (ratio 0.2)", setting)] = " ".join(ratio)
        for key, candidate in candidates.items():
            scores = scorer.score(reference, candidate)
            for metric, score in scores.items():
                sums[key][metric] += score.fmeasure
        if (i + 1) % 50 == 0 or i + 1 == len(pairs):
            print(
                f"{i + 1}/{len(pairs)} documents, {time.time() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    n_docs = len(pairs)
    table = []
    for system in SYSTEMS:
        row = {"system": system, "seconds": round(seconds[system], 2)}
        for setting in ("3", "ref"):
            for metric in ("rouge1", "rouge2", "rougeL"):
                row[f"{metric}_{setting}"] = 100.0 * sums[(system, setting)][metric] / n_docs
        table.append(row)
    import nltk
    import rouge_score
    import sumy
    from importlib.metadata import version

    return {
        "documents": n_docs,
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "versions": {
            "rouge-score": version("rouge-score"),
            "sumy": version("sumy"),
            "summa": version("summa"),
            "nltk": nltk.__version__,
        },
        "settings": "F1 x 100, rouge-score use_stemmer=True, mean over documents; "
        "N=3 and N=reference sentence count",
        "systems": table,
    }


def markdown(result):
    lines = [
        "| system | R-1 @3 | R-2 @3 | R-L @3 | R-1 @ref | R-2 @ref | R-L @ref |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["systems"]:
        cells = [
            f"{row[f'{m}_{s}']:.1f}" for s in ("3", "ref") for m in ("rouge1", "rouge2", "rougeL")
        ]
        lines.append(f"| {row['system']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", help="bbc_news folder (articles/, summaries/)")
    parser.add_argument("--json", help="write the means to this JSON file")
    parser.add_argument("--from-json", help="print the table from a cached JSON file")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            result = json.load(f)
    elif args.root:
        result = run(args.root, args.limit)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(result, f, indent=1)
                f.write("\n")
    else:
        parser.error("give the data folder or --from-json")
    print(markdown(result))


if __name__ == "__main__":
    main()
