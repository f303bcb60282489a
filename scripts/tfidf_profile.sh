#!/usr/bin/env bash
# Diagnostics behind the speed notes in results/tfidf.md (from the workspace root):
#
#   scripts/tfidf_profile.sh docs [MB]             write the comparison's documents (default 20 MB)
#                                                  to target/tfidf-docs.jsonl
#   scripts/tfidf_profile.sh records [COPIES] [MB] the Gutenberg paragraphs up to MB megabytes
#                                                  (default 20) as JSON Lines records {"id",
#                                                  "text"}, COPIES times over (default 10), into
#                                                  target/tfidf-records-MBmb-xCOPIES.jsonl: the
#                                                  inputs of the `gist tfidf` timings (several
#                                                  64 MB batches) in results/tfidf.md
#   scripts/tfidf_profile.sh phases [OPTIONS] [BIN] [RUNS]
#                                                  phase times (and page faults) of one first
#                                                  fit_transform (and of each chunk's tokenizing,
#                                                  and the vocabulary phase's parts), on 1 and 2
#                                                  threads, RUNS times (default 1), and the
#                                                  vocabulary phase derived from them; BIN a
#                                                  phase-times build (e.g. from build REV
#                                                  phase-times; default: the current sources')
#   scripts/tfidf_profile.sh instructions [OPTIONS] instruction counts (valgrind callgrind) of the
#                                                  fit's functions on the first 5 MB of the documents
#   scripts/tfidf_profile.sh machine               how page faults, memory bandwidth and arithmetic
#                                                  scale from 1 thread to 2 on this machine
#   scripts/tfidf_profile.sh leipzig [RUNS]        one-thread first fits (default options) of the
#                                                  German, French, Italian and Spanish Leipzig
#                                                  sentences (110,000 short non-English documents;
#                                                  needs ../shared/data), RUNS times (default 5)
#   scripts/tfidf_profile.sh regions               bytes of text per matrix entry, and on two threads
#                                                  each chunk's region of the shared vector
#                                                  (grams::count) against the cells it wrote, for the
#                                                  documents and each Leipzig sentence file
#   scripts/tfidf_profile.sh build REV [FEATURES]  builds tfidf_dump as of git revision REV (in a
#                                                  temporary worktree) into target/tfidf_dump-REV
#                                                  (FEATURES e.g. phase-times)
#   scripts/tfidf_profile.sh floor [RUNS]          how much of a one-thread first fit (default options)
#                                                  the word loop's parts take: HEAD's sources
#                                                  with scripts/tfidf_floor.patch (a GIST_FLOOR
#                                                  switch that stops the loop after finding, keying
#                                                  or looking up the words), built with phase-times;
#                                                  per round the full fit and the three cut loops
#                                                  alternated, RUNS rounds (default 9): medians, and
#                                                  the fit's time were counting the words free
#   scripts/tfidf_profile.sh ab BIN_A BIN_B THREADS N [OPTIONS]
#                                                  first fits of two builds, alternated N times on
#                                                  THREADS threads: median and minimum seconds of each
#   scripts/tfidf_profile.sh halves [RUNS] [BIN]   the documents split where a two-thread fit splits
#                                                  them, and each half with its non-ASCII characters
#                                                  transliterated to ASCII: one-thread tokenizing
#                                                  time of each file, RUNS rounds (default 5), by
#                                                  BIN (a phase-times build, e.g. from build REV
#                                                  phase-times; default: the current sources')
#   scripts/tfidf_profile.sh perf [OPTIONS]        page faults of one first fit (perf stat, 1 and 2
#                                                  threads) and where twelve fits in one process
#                                                  spend their time (perf record, 1 thread)
#   scripts/tfidf_profile.sh lines [N]             the N source lines (default 25) with the most
#                                                  samples in the profile `perf` last recorded
#                                                  (percent of all its samples)
#   scripts/tfidf_profile.sh same BIN_A BIN_B      whether two builds write the same vocabulary, idf,
#                                                  matrix and (builds since the thirteenth session)
#                                                  model file (tfidf_dump --out, byte for byte) for
#                                                  ten option sets, three modes (fit_transform,
#                                                  fit_then_transform, partial) and 1-3 threads, on
#                                                  the first 5 MB of the documents
#
# OPTIONS is TfidfOptions as JSON, e.g. '{"stop_words":"english","sublinear_tf":true,"ngram_range":[1,2],"min_df":2}'.
# Each run's output goes to a file before anything reads it (a reader started beside a timed
# run would compete for the cores).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=target/tfidf-docs.jsonl
TARGET=${CARGO_TARGET_DIR:-target}
cmd=${1:-}
shift || true
need_docs() {
  [ -f "$DOCS" ] || { echo "no $DOCS: run scripts/tfidf_profile.sh docs first" >&2; exit 1; }
}
# Each Leipzig sentence file of ../shared/data as JSONL (one sentence a document), into
# $TARGET/tfidf-leipzig-NAME.jsonl.
leipzig_files() {
  mkdir -p "$TARGET"
  .venv/bin/python - "$TARGET" <<'PY'
import glob, json, os, sys
for f in sorted(glob.glob("../shared/data/corpus/leipzig/*-sentences.txt")):
    name = os.path.basename(f)[: -len("-sentences.txt")]
    with open(f"{sys.argv[1]}/tfidf-leipzig-{name}.jsonl", "w") as out:
        for line in open(f, encoding="utf-8"):
            out.write(json.dumps(line.split("\t", 1)[1].strip()) + "\n")
PY
}
# The first 5 MB of the documents, whole lines only, into $DOCS_5MB.
DOCS_5MB=$TARGET/tfidf-docs-5mb.jsonl
five_mb() {
  need_docs
  head -c 5000000 "$DOCS" | head -n -1 > "$DOCS_5MB"
}
case "$cmd" in
  docs)
    .venv/bin/python scripts/compare_tfidf.py --mb "${1:-20}" --save-docs "$DOCS"
    ;;
  records)
    copies=${1:-10}; mb=${2:-20}
    mkdir -p "$TARGET"
    .venv/bin/python - "$copies" "$mb" "$TARGET/tfidf-records-${mb}mb-x${copies}.jsonl" <<'PY'
import json, os, sys
sys.path.insert(0, "scripts")
from gutenberg_paragraphs import paragraphs
copies, mb, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
docs, size = paragraphs(os.path.join("..", "shared", "data"), mb)
with open(out, "w", encoding="utf-8") as f:
    for i in range(copies * len(docs)):
        f.write(json.dumps({"id": str(i), "text": docs[i % len(docs)]}) + "\n")
print(f"{copies} x {len(docs)} documents, {copies * size / 1e6:.1f} MB of text, written to {out}")
PY
    ;;
  phases)
    need_docs
    opts=${1:-'{}'}
    bin=${2:-}
    if [ -z "$bin" ]; then
      cargo build --release -q -p gist-tfidf --example tfidf_dump --features phase-times
      bin="$TARGET/release/examples/tfidf_dump"
    fi
    for _ in $(seq "${3:-1}"); do
      for t in 1 2; do
        echo "== $t thread(s), options $opts"
        RAYON_NUM_THREADS=$t "$bin" --docs "$DOCS" --bench \
          --options "$opts" > "$TARGET/tfidf-phases.json" 2> "$TARGET/tfidf-phases.txt"
        cat "$TARGET/tfidf-phases.txt" "$TARGET/tfidf-phases.json"
        # The vocabulary (pruning, sorting, idf: `finish`), which has no line of its own: the
        # count-and-vocabulary phase less the counting phases it includes.
        awk 'match($0, /: [0-9.]+ ms/) { ms = substr($0, RSTART + 2, RLENGTH - 5) }
             /^phase (tokenize|merge words|n-gram counting|n-gram terms):/ { c += ms }
             /^phase count and vocabulary/ { v = ms }
             END { printf "vocabulary (derived): %.2f ms\n", v - c }' "$TARGET/tfidf-phases.txt"
      done
    done
    ;;
  instructions)
    need_docs
    opts=${1:-'{}'}
    cargo build --release -q -p gist-tfidf --example tfidf_dump
    five_mb
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$TARGET/tfidf.callgrind" \
      "$TARGET/release/examples/tfidf_dump" --docs "$DOCS_5MB" --bench \
      --options "$opts" > /dev/null 2> "$TARGET/tfidf-callgrind.log"
    callgrind_annotate --inclusive=yes "$TARGET/tfidf.callgrind" \
      | grep -E "fit_transform_matrix|count_and_merge|analyze::word_spans|TextAnalyzer::word_spans|count_part|rows_by_column|remap_rows|::assemble" \
      | grep -v "=>" | head -20
    ;;
  leipzig)
    leipzig_files
    out=$TARGET/tfidf-leipzig.jsonl
    cat "$TARGET"/tfidf-leipzig-{deu,fra,ita,spa}_*.jsonl > "$out"
    cargo build --release -q -p gist-tfidf --example tfidf_dump
    for _ in $(seq "${1:-5}"); do
      RAYON_NUM_THREADS=1 "$TARGET/release/examples/tfidf_dump" --docs "$out" --bench \
        --options '{}' > "$TARGET/tfidf-leipzig.json"
      cat "$TARGET/tfidf-leipzig.json"
    done
    ;;
  regions)
    need_docs
    leipzig_files
    cargo build --release -q -p gist-tfidf --example tfidf_dump --features phase-times
    for f in "$DOCS" "$TARGET"/tfidf-leipzig-*.jsonl; do
      RAYON_NUM_THREADS=2 "$TARGET/release/examples/tfidf_dump" --docs "$f" --bench \
        > "$TARGET/tfidf-regions.json" 2> "$TARGET/tfidf-regions.txt"
      printf '%s: %s bytes per cell;' "$(basename "$f" .jsonl)" "$(python3 -c \
        'import json, sys; d = json.load(open(sys.argv[1])); print(round(d["bytes"] / d["nnz"], 2))' \
        "$TARGET/tfidf-regions.json")"
      grep '^region' "$TARGET/tfidf-regions.txt" \
        | awk '{ printf " chunk %s region %.2fx its cells", $3, $4 / $7 }'
      echo
    done
    ;;
  machine)
    cargo run --release -q -p gist-tfidf --example machine_scaling
    ;;
  build)
    rev=${1:?usage: build REV [FEATURES]}
    features=${2:-}
    wt="$TARGET/ab-worktree"
    rm -rf "$wt"
    git worktree add -q --detach "$wt" "$rev"
    # The worktree's own sources, the workspace's target for dependencies.
    (cd "$wt" && CARGO_TARGET_DIR="$PWD/../ab-target" cargo build --release -q -p gist-tfidf \
      --example tfidf_dump ${features:+--features "$features"})
    cp "$TARGET/ab-target/release/examples/tfidf_dump" "$TARGET/tfidf_dump-$rev${features:+-$features}"
    git worktree remove --force "$wt"
    echo "$TARGET/tfidf_dump-$rev${features:+-$features}"
    ;;
  floor)
    need_docs
    runs=${1:-9}
    wt="$TARGET/floor-worktree"
    rm -rf "$wt"
    git worktree add -q --detach "$wt" HEAD
    git -C "$wt" apply "$PWD/scripts/tfidf_floor.patch"
    (cd "$wt" && CARGO_TARGET_DIR="$PWD/../ab-target" cargo build --release -q -p gist-tfidf \
      --example tfidf_dump --features phase-times)
    bin="$TARGET/tfidf_dump-floor"
    cp "$TARGET/ab-target/release/examples/tfidf_dump" "$bin"
    git worktree remove --force "$wt"
    out="$TARGET/tfidf-floor.txt"
    : > "$out"
    for _ in $(seq "$runs"); do
      for mode in 0 1 2 3; do
        # Modes 1-3 end in an error (no counts): only their tokenizing phase is read.
        GIST_FLOOR=$mode RAYON_NUM_THREADS=1 "$bin" --docs "$DOCS" --bench --options '{}' \
          > "$TARGET/tfidf-floor.json" 2> "$TARGET/tfidf-floor.err" || true
        echo "mode $mode $(grep -h '^phase tokenize:' "$TARGET/tfidf-floor.err") $(grep -h seconds "$TARGET/tfidf-floor.json" || true)" >> "$out"
      done
    done
    python3 - "$out" <<'PY'
import json, re, statistics, sys
tok = {m: [] for m in range(4)}
fit = []
for line in open(sys.argv[1]):
    m = int(line.split()[1])
    tok[m].append(float(re.search(r"tokenize: ([0-9.]+) ms", line).group(1)))
    j = line.find("{")
    if m == 0 and j >= 0:
        fit.append(json.loads(line[j:])["seconds"] * 1e3)
med = {m: statistics.median(v) for m, v in tok.items()}
names = {1: "finding the words (scanner)", 2: "+ keying them", 3: "+ looking them up (no counting)",
         0: "+ counting (the fit's tokenizing phase)"}
print(f"{len(fit)} rounds, one thread, default options, medians (ms):")
for m in (1, 2, 3, 0):
    print(f"  {names[m]:42s} {med[m]:7.1f}  ({med[m] / med[0]:.0%} of the phase)")
full = statistics.median(fit)
rest = full - med[0]
print(f"  whole fit_transform {full:.1f}; its phases after tokenizing {rest:.1f}")
print(f"  the fit were counting free: {full - (med[0] - med[3]):.1f} ms, {(full - (med[0] - med[3])) / full:.0%} of it")
PY
    ;;
  ab)
    need_docs
    a=${1:?usage: ab BIN_A BIN_B THREADS N [OPTIONS]}; b=${2:?}; t=${3:?}; n=${4:?}; opts=${5:-'{}'}
    out="$TARGET/tfidf-ab.txt"
    : > "$out"
    for _ in $(seq "$n"); do
      for bin in "$a" "$b"; do
        RAYON_NUM_THREADS=$t "$bin" --docs "$DOCS" --bench --options "$opts" > "$TARGET/tfidf-ab.one" 2> /dev/null
        echo "$bin $(cat "$TARGET/tfidf-ab.one")" >> "$out"
      done
    done
    python3 - "$out" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    b, j = line.split(" ", 1)
    runs.setdefault(b, []).append(json.loads(j)["seconds"])
for b, s in runs.items():
    print(f"{b}: median {statistics.median(s):.4f} s, min {min(s):.4f} s, {len(s)} fits")
PY
    ;;
  halves)
    need_docs
    .venv/bin/python - "$DOCS" "$TARGET" <<'PY'
import json, sys, unicodedata
docs_path, target = sys.argv[1], sys.argv[2]
lines = open(docs_path, encoding="utf-8").read().splitlines()
# Where chunk_ranges (vectorizer.rs) splits them for two threads: by bytes, 32 more per document.
sizes = [len(json.loads(l).encode("utf-8")) + 32 for l in lines]
per, acc, cut = -(-sum(sizes) // 2), 0, len(lines)
for i, s in enumerate(sizes):
    acc += s
    if acc >= per:
        cut = i + 1
        break
punct = {"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'", "\u2014": "-", "\xa0": " "}
def ascii(t):
    out = []
    for c in t:
        if ord(c) < 128:
            out.append(c)
        elif c in punct:
            out.append(punct[c])
        else:
            d = "".join(x for x in unicodedata.normalize("NFKD", c) if ord(x) < 128)
            out.append(d if len(d) == 1 else "*")
    return "".join(out)
for h, part in enumerate([lines[:cut], lines[cut:]]):
    with open(f"{target}/tfidf-half{h}.jsonl", "w", encoding="utf-8") as f:
        f.write("\n".join(part) + "\n")
    with open(f"{target}/tfidf-half{h}-ascii.jsonl", "w", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(ascii(json.loads(l))) for l in part) + "\n")
    na = sum(1 for l in part if not json.loads(l).isascii())
    print(f"half {h}: {len(part)} documents, {na} with non-ASCII characters")
PY
    bin=${2:-}
    if [ -z "$bin" ]; then
      cargo build --release -q -p gist-tfidf --example tfidf_dump --features phase-times
      bin="$TARGET/release/examples/tfidf_dump"
    fi
    for _ in $(seq "${1:-5}"); do
      for f in half0 half1 half0-ascii half1-ascii; do
        RAYON_NUM_THREADS=1 "$bin" --docs "$TARGET/tfidf-$f.jsonl" \
          --bench > /dev/null 2> "$TARGET/tfidf-halves.txt"
        printf '%s %s   ' "$f" "$(grep 'phase tokenize:' "$TARGET/tfidf-halves.txt" | cut -d' ' -f3-)"
      done
      echo
    done
    ;;
  perf)
    need_docs
    opts=${1:-'{}'}
    cargo build --release -q -p gist-tfidf --example tfidf_dump
    bin="$TARGET/release/examples/tfidf_dump"
    for t in 1 2; do
      RAYON_NUM_THREADS=$t perf stat -e page-faults -x, -o "$TARGET/tfidf-faults.txt" \
        "$bin" --docs "$DOCS" --bench --options "$opts" > /dev/null
      echo "$t thread(s): $(grep page-faults "$TARGET/tfidf-faults.txt" | cut -d, -f1) page faults (whole process)"
    done
    RAYON_NUM_THREADS=1 perf record -q -e cpu-clock -F 10000 -o "$TARGET/tfidf-perf.data" \
      "$bin" --docs "$DOCS" --bench --repeat 12 --options "$opts" > /dev/null 2>&1
    perf report -i "$TARGET/tfidf-perf.data" --no-children --sort symbol 2> /dev/null \
      | grep -E '^ +[0-9]' | head -15
    ;;
  lines)
    [ -f "$TARGET/tfidf-perf.data" ] || { echo "no $TARGET/tfidf-perf.data: run scripts/tfidf_profile.sh perf first" >&2; exit 1; }
    perf report -i "$TARGET/tfidf-perf.data" --no-children --sort srcline 2> /dev/null \
      | grep -E '^ +[0-9]' | head -"${1:-25}"
    ;;
  same)
    need_docs
    a=${1:?usage: same BIN_A BIN_B}; b=${2:?}
    five_mb
    fail=0
    for opts in '{}' \
      '{"stop_words":"english","sublinear_tf":true,"ngram_range":[1,2],"min_df":2}' \
      '{"norm":"l1","binary":true}' \
      '{"dtype":"f32","sublinear_tf":true}' \
      '{"weighting":{"bm25":{"k1":1.2,"b":0.75}},"norm":"none"}' \
      '{"ngram_range":[1,3],"max_df":0.5,"max_features":5000}' \
      '{"analyzer":"char_wb","ngram_range":[2,4]}' \
      '{"ngram_range":[2,2],"dtype":"f32","norm":"l1"}' \
      '{"lowercase":false,"strip_accents":"unicode","use_idf":false}' \
      '{"stop_words":"english","min_df":3,"max_df":0.5}'; do
      for t in 1 2 3; do
        for mode in fit_transform fit_then_transform partial; do
          for side in a b; do
            bin=$a; [ "$side" = b ] && bin=$b
            rm -rf "$TARGET/tfidf-same-$side"
            RAYON_NUM_THREADS=$t "$bin" --docs "$DOCS_5MB" --options "$opts" \
              --mode "$mode" --out "$TARGET/tfidf-same-$side" > /dev/null
          done
          if ! diff -rq "$TARGET/tfidf-same-a" "$TARGET/tfidf-same-b" > /dev/null; then
            echo "differ: $t thread(s), $mode, $opts"
            fail=1
          fi
        done
      done
    done
    [ "$fail" = 0 ] && echo "same output: 10 option sets x 3 modes x 1-3 threads"
    exit "$fail"
    ;;
  *)
    sed -n "2,$(( $(grep -n '^set -euo pipefail' "$0" | cut -d: -f1) - 1 ))p" "$0"
    exit 2
    ;;
esac
