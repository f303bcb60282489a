#!/usr/bin/env bash
# The gist program with its allocator (mimalloc's version 2, the default feature of gist-cli)
# against the same program with the system's malloc (--no-default-features) and with mimalloc's
# version 3 (--no-default-features --features mimalloc-v3): wall-clock seconds and peak resident
# memory of corpus jobs on the same documents, the three builds alternated, and whether their
# outputs are byte for byte the same.
#
#   scripts/compare_allocator.sh [RUNS]      (from the workspace root; RUNS default 2)
#
# Documents: target/tfidf-docs.jsonl, the 74,457 Gutenberg paragraphs of the TF-IDF comparison
# (written by `scripts/tfidf_profile.sh docs` if missing; JSON Lines of strings, which gist reads
# as texts named FILE:LINE). Jobs: keywords, summarize and tokenize with --format jsonl on one
# and two threads. Needs GNU time (/usr/bin/time, Debian's package `time`) for the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
DOCS=target/tfidf-docs.jsonl
[ -f "$DOCS" ] || scripts/tfidf_profile.sh docs
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release -q -p gist-cli
CARGO_TARGET_DIR=target/system-alloc cargo build --release -q -p gist-cli --no-default-features
CARGO_TARGET_DIR=target/mimalloc-v3 cargo build --release -q -p gist-cli --no-default-features \
  --features mimalloc-v3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-10s %-8s %-9s %9s %9s\n' job threads allocator seconds "peak MB"
for job in keywords summarize tokenize; do
  for t in 1 2; do
    for r in $(seq "$runs"); do
      for build in mimalloc system mimalloc-v3; do
        case $build in
          mimalloc) bin=target/release/gist ;;
          system) bin=target/system-alloc/release/gist ;;
          mimalloc-v3) bin=target/mimalloc-v3/release/gist ;;
        esac
        /usr/bin/time -f "%e %M" -o "$out/time" "$bin" "$job" -q --threads "$t" --format jsonl "$DOCS" > "$out/$build.jsonl"
        read -r secs kb < "$out/time"
        printf '%-10s %-8s %-9s %9s %9s\n' "$job" "$t" "$build" "$secs" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1000 }')"
      done
      for other in system mimalloc-v3; do
        cmp -s "$out/mimalloc.jsonl" "$out/$other.jsonl" || { echo "outputs differ: $job, $t thread(s), $other" >&2; exit 1; }
      done
    done
  done
done
echo "outputs byte for byte the same"
