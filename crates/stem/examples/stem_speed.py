"""PyStemmer throughput on the word list written by `stem_speed --words` (tokens/s, higher is better).

Usage: .venv/bin/python crates/stem/examples/stem_speed.py <algorithm> <words file>

Best of five passes of `Stemmer.stemWords` over all tokens (one word per line), with
PyStemmer's default cache (10,000 words) and with the cache disabled, and of a Python loop of
`stemWord`. Single thread.
"""

import importlib.metadata
import sys
import time

import Stemmer


def best_of(passes, f):
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    algorithm, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        words = f.read().split("\n")
    if words and words[-1] == "":
        words.pop()
    n = len(words)
    package = importlib.metadata.version("PyStemmer")
    print(f"PyStemmer {package} (module version {Stemmer.version()}), {algorithm}, {n} tokens\n")
    print("| measurement | tokens | best ms | M tokens/s |")
    print("|---|---:|---:|---:|")
    for label, cache in [("stemWords, default cache", 10000), ("stemWords, no cache", 0)]:
        s = Stemmer.Stemmer(algorithm, cache)
        d = best_of(5, lambda: s.stemWords(words))
        print(f"| PyStemmer {label} | {n} | {d * 1e3:.1f} | {n / d / 1e6:.2f} |")
    s = Stemmer.Stemmer(algorithm)
    d = best_of(5, lambda: [s.stemWord(w) for w in words])
    print(f"| PyStemmer stemWord loop, default cache | {n} | {d * 1e3:.1f} | {n / d / 1e6:.2f} |")


if __name__ == "__main__":
    main()
