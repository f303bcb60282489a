"""Rebuilds NLTK's punkt_tab/english data from ../shared/data/punkt/english.json.

NLTK cannot download its data on machines without general internet access. This writes the four
files NLTK 3.9 reads (see nltk.tokenize.punkt.load_punkt_params) into .venv/nltk_data, one of the
folders on nltk.data.path inside the virtual environment.

Usage: .venv/bin/python scripts/nltk_punkt.py [PATH_TO_english.json]
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "punkt", "english.json")
DEST = os.path.join(ROOT, ".venv", "nltk_data", "tokenizers", "punkt_tab", "english")


def main() -> None:
    with open(SRC, encoding="utf-8") as f:
        params = json.load(f)
    os.makedirs(DEST, exist_ok=True)
    with open(os.path.join(DEST, "collocations.tab"), "w", encoding="utf-8") as f:
        f.writelines(f"{a}\t{b}\n" for a, b in sorted(params["collocations"]))
    with open(os.path.join(DEST, "sent_starters.txt"), "w", encoding="utf-8") as f:
        f.writelines(f"{w}\n" for w in sorted(params["sentence_starters"]))
    with open(os.path.join(DEST, "abbrev_types.txt"), "w", encoding="utf-8") as f:
        f.writelines(f"{w}\n" for w in sorted(params["abbrev_types"]))
    with open(os.path.join(DEST, "ortho_context.tab"), "w", encoding="utf-8") as f:
        f.writelines(f"{w}\t{n}\n" for w, n in sorted(params["ortho_context"].items()))
    print(f"wrote NLTK punkt_tab/english to {DEST}")


if __name__ == "__main__":
    main()
