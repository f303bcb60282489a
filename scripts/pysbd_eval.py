#!/usr/bin/env python3
"""pySBD's pass rate on the sentence test files, in the same table as gist's sentence_eval.

    .venv/bin/python scripts/pysbd_eval.py ../shared/data/sentences

A case passes when the list of sentences, each stripped, equals the expected `sentences`.
Two columns: pySBD with clean=False (keeps the text, like gist's spans) and pySBD with each
case's own `clean` flag and `doc_type` (how pySBD's own tests run it; cleaning may rewrite the
text, e.g. join lines broken inside a sentence).

    .venv/bin/python scripts/pysbd_eval.py --joined ../shared/data/corpus/leipzig

measures boundaries the way `sentence_eval --joined` does: the first 2,000 sentences of each
Leipzig `*-sentences.txt` file, joined ten at a time with one space, split with pySBD
(clean=False, char_span=True), internal boundaries compared (precision, recall, F1).
"""
import json
import sys
from pathlib import Path

import pysbd

NAMES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg", "burmese": "my",
    "chinese": "zh", "danish": "da", "deutsch": "de", "dutch": "nl", "french": "fr",
    "greek": "el", "hindi": "hi", "italian": "it", "japanese": "ja", "kazakh": "kk",
    "marathi": "mr", "persian": "fa", "polish": "pl", "russian": "ru", "slovak": "sk",
    "spanish": "es", "urdu": "ur",
}


def file_language(stem):
    if stem.startswith("english") or stem.startswith("en_") or stem == "general_en":
        return "en"
    return NAMES.get(stem)


def run(seg_cache, lang, text, clean, doc_type):
    key = (lang, clean, doc_type)
    if key not in seg_cache:
        seg_cache[key] = pysbd.Segmenter(language=lang, clean=clean, doc_type=doc_type)
    try:
        return [s.strip() for s in seg_cache[key].segment(text)]
    except Exception as e:  # pySBD raises on some inputs; count as a failure
        return [f"<error {e}>"]


LEIPZIG = {"deu": "de", "eng": "en", "fra": "fr", "ita": "it", "spa": "es"}


def joined(folder):
    print("| file | language | boundaries | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|")
    for path in sorted(Path(folder).glob("*-sentences.txt")):
        lang = LEIPZIG.get(path.name[:3])
        if lang is None:
            continue
        sentences = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                s = line.split("\t", 1)[1].strip()
                if s:
                    sentences.append(s)
            if len(sentences) == 2000:
                break
        seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
        gold_n = found_n = hits = 0
        for i in range(0, len(sentences), 10):
            group = sentences[i:i + 10]
            text = " ".join(group)
            gold, end = set(), 0
            for s in group[:-1]:
                end += len(s)
                gold.add(end)
                end += 1
            found = set()
            for span in seg.segment(text):
                e = span.end
                # pySBD's spans include trailing whitespace; compare at the last non-space.
                while e > span.start and text[e - 1].isspace():
                    e -= 1
                if e < len(text):
                    found.add(e)
            gold_n += len(gold)
            found_n += len(found)
            hits += len(gold & found)
        p = hits / max(found_n, 1)
        r = hits / max(gold_n, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {path.name} | {lang} | {gold_n} | {p:.3f} | {r:.3f} | {f:.3f} |")


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--joined":
        joined(sys.argv[2])
        return
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/sentences")
    print("| file | language | cases | pySBD passed | % | pySBD (case's clean flag) passed | % |")
    print("|---|---|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0]
    cache = {}
    for path in sorted(root.rglob("*.json")):
        lang = file_language(path.stem)
        if lang is None:
            print(f"skipping {path}", file=sys.stderr)
            continue
        cases = json.loads(path.read_text())
        plain = flagged = 0
        for case in cases:
            case_lang = case.get("language") or lang
            text = case["text"]
            expected = [s.strip() for s in case["sentences"]]
            doc_type = case.get("doc_type")
            if run(cache, case_lang, text, False, None) == expected:
                plain += 1
            if run(cache, case_lang, text, bool(case.get("clean")), doc_type) == expected:
                flagged += 1
        n = len(cases)
        tot[0] += n
        tot[1] += plain
        tot[2] += flagged
        rel = path.relative_to(root)
        print(f"| {rel} | {lang} | {n} | {plain} | {100 * plain / n:.1f} | {flagged} | {100 * flagged / n:.1f} |")
    n = max(tot[0], 1)
    print(f"| **all** | | {tot[0]} | {tot[1]} | {100 * tot[1] / n:.1f} | {tot[2]} | {100 * tot[2] / n:.1f} |")


if __name__ == "__main__":
    main()
