#!/usr/bin/env bash
# Diagnostics behind the speed notes in results/tfidf.md (from the workspace root):
#
#   scripts/tfidf_profile.sh docs [MB]             write the comparison's documents (default 20 MB)
#                                                  to target/tfidf-docs.jsonl
#   scripts/tfidf_profile.sh phases [OPTIONS]      phase times of one first fit_transform (and of
#                                                  each chunk's tokenizing), on 1 and 2 threads
#                                                  (build with --features phase-times)
#   scripts/tfidf_profile.sh instructions [OPTIONS] instruction counts (valgrind callgrind) of the
#                                                  fit's functions on the first 5 MB of the documents
#   scripts/tfidf_profile.sh machine               how page faults, memory bandwidth and arithmetic
#                                                  scale from 1 thread to 2 on this machine
#   scripts/tfidf_profile.sh leipzig [RUNS]        one-thread first fits (default options) of the
#                                                  German, French, Italian and Spanish Leipzig
#                                                  sentences (110,000 short non-English documents;
#                                                  needs ../shared/data), RUNS times (default 5)
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
case "$cmd" in
  docs)
    .venv/bin/python scripts/compare_tfidf.py --mb "${1:-20}" --save-docs "$DOCS"
    ;;
  phases)
    need_docs
    opts=${1:-'{}'}
    cargo build --release -q -p gist-tfidf --example tfidf_dump --features phase-times
    for t in 1 2; do
      echo "== $t thread(s), options $opts"
      RAYON_NUM_THREADS=$t "$TARGET/release/examples/tfidf_dump" --docs "$DOCS" --bench \
        --options "$opts" > "$TARGET/tfidf-phases.json" 2> "$TARGET/tfidf-phases.txt"
      cat "$TARGET/tfidf-phases.txt" "$TARGET/tfidf-phases.json"
    done
    ;;
  instructions)
    need_docs
    opts=${1:-'{}'}
    cargo build --release -q -p gist-tfidf --example tfidf_dump
    # The first 5 MB, whole lines only.
    head -c 5000000 "$DOCS" | head -n -1 > "$TARGET/tfidf-docs-5mb.jsonl"
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$TARGET/tfidf.callgrind" \
      "$TARGET/release/examples/tfidf_dump" --docs "$TARGET/tfidf-docs-5mb.jsonl" --bench \
      --options "$opts" > /dev/null 2> "$TARGET/tfidf-callgrind.log"
    callgrind_annotate --inclusive=yes "$TARGET/tfidf.callgrind" \
      | grep -E "fit_transform_matrix|count_and_merge|analyze::word_spans|TextAnalyzer::word_spans|count_part|rows_by_column|remap_rows|::assemble" \
      | grep -v "=>" | head -20
    ;;
  leipzig)
    out=$TARGET/tfidf-leipzig.jsonl
    mkdir -p "$TARGET"
    .venv/bin/python - "$out" <<'PY'
import glob, json, sys
with open(sys.argv[1], "w") as out:
    for f in sorted(glob.glob("../shared/data/corpus/leipzig/*-sentences.txt")):
        if f.split("/")[-1][:3] in ("deu", "fra", "ita", "spa"):
            for line in open(f, encoding="utf-8"):
                out.write(json.dumps(line.split("\t", 1)[1].strip()) + "\n")
PY
    cargo build --release -q -p gist-tfidf --example tfidf_dump
    for _ in $(seq "${1:-5}"); do
      RAYON_NUM_THREADS=1 "$TARGET/release/examples/tfidf_dump" --docs "$out" --bench \
        --options '{}' > "$TARGET/tfidf-leipzig.json"
      cat "$TARGET/tfidf-leipzig.json"
    done
    ;;
  machine)
    cargo run --release -q -p gist-tfidf --example machine_scaling
    ;;
  *)
    sed -n '2,20p' "$0"
    exit 2
    ;;
esac
