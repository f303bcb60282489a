"""How often the word loop's cache of frequent words would miss, by simulation.

gist-tfidf's word loop (crates/tfidf/src/grams.rs) looks each token up first in a
direct-mapped cache of frequent words (8,192 entries, `HOT_BITS` = 13) and, on a miss, in the
chunk's word table, whose slot then replaces the cache entry. This script replays the tokens of
the comparison's documents (scikit-learn's default analyzer: `(?u)\\b\\w\\w+\\b`, lowercased; the
same tokens as gist's sklearn-compatible analyzer) through such a cache with a random hash of
each word, and prints the miss rate for 2^13 and 2^14 entries, beside the least possible miss
rate of a cache of that many entries (the most frequent words kept, none ever evicted).

Usage (from the workspace root, after `scripts/tfidf_profile.sh docs`):
    python3 scripts/tfidf_hot_cache.py [target/tfidf-docs.jsonl]
"""

import collections
import json
import random
import re
import sys

PATTERN = re.compile(r"(?u)\b\w\w+\b")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/tfidf-docs.jsonl"
    tokens = []
    docs = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            tokens.extend(w.lower() for w in PATTERN.findall(json.loads(line)))
            docs += 1
    counts = collections.Counter(tokens)
    n = len(tokens)
    print(f"{docs} documents, {n} tokens, {len(counts)} distinct words")
    by_freq = sorted(counts.values(), reverse=True)
    rng = random.Random(1)
    hashes = {w: rng.getrandbits(64) for w in counts}
    for bits in (13, 14):
        size = 1 << bits
        cache = [None] * size
        misses = 0
        for w in tokens:
            slot = hashes[w] >> (64 - bits)
            if cache[slot] != w:
                misses += 1
                cache[slot] = w
        least = 1 - sum(by_freq[:size]) / n
        print(
            f"{size} entries: direct-mapped miss rate {misses / n:.4f} ({misses} misses); "
            f"the {size} most frequent words kept: {least:.4f}"
        )


if __name__ == "__main__":
    main()
