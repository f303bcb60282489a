"""The paragraphs of the Project Gutenberg books in ../shared/data/corpus/gutenberg_en (seeds/
when the data is absent), the documents of the TF-IDF comparisons; shared by the comparison
scripts (`from gutenberg_paragraphs import paragraphs`)."""

import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1e6


def paragraphs(data, mb):
    """The non-blank paragraphs (split at blank lines) of the books in `data`'s
    corpus/gutenberg_en, in file name order, book after book until `mb` megabytes (10^6 bytes of
    UTF-8) are reached; and their size in bytes."""
    books = sorted(glob.glob(os.path.join(data, "corpus", "gutenberg_en", "*.txt")))
    if not books:
        books = sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt")))
    docs, size = [], 0
    for path in books:
        with open(path, encoding="utf-8") as f:
            for p in re.split(r"\n\s*\n", f.read()):
                if p.strip():
                    docs.append(p)
                    size += len(p.encode("utf-8"))
        if size >= mb * MB:
            break
    return docs, size
