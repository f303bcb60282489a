#!/usr/bin/env bash
# The gist program with its allocator (mimalloc's version 2, the default feature of gist-cli)
# against the same program with mimalloc built without transparent huge pages
# (--no-default-features --features mimalloc-nothp), with the system's malloc
# (--no-default-features) and with mimalloc's version 3 (--no-default-features --features
# mimalloc-v3), and with the default build run with MIMALLOC_PURGE_DELAY=-1 (mimalloc-keep:
# freed memory kept for reuse, never given back to the kernel, where mimalloc gives it back 10
# ms after it is freed): wall-clock seconds and peak resident memory of corpus jobs on the same
# documents, the builds alternated, and whether their outputs are byte for byte the same; then
# the median of each.
#
#   scripts/compare_allocator.sh [RUNS] [DOCS]   (from the workspace root; RUNS default 2)
#   JOBS="tfidf-fit summarize" scripts/compare_allocator.sh ...   (only these jobs)
#   BUILDS="mimalloc mimalloc-keep" scripts/compare_allocator.sh ...   (only these builds;
#                                                 mimalloc, the reference, must be one)
#
# DOCS (default target/tfidf-docs.jsonl, the 74,457 Gutenberg paragraphs of the TF-IDF
# comparison, written by `scripts/tfidf_profile.sh docs` if missing) is a JSON Lines file of
# strings or of records with "id" and "text". Jobs: keywords, summarize and tokenize with
# --format jsonl; tfidf fit with the default options and with English stop words, sublinear
# tf, bigrams and min_df=2 (its model written); tfidf transform with the default build's
# default model (its matrix written); each on one and two threads. A file above 64 MB is fitted
# and transformed in several chunks (`gist tfidf`'s partial fits). Needs GNU time
# (/usr/bin/time, Debian's package `time`) for the peak memory. Outputs are compared by their
# checksums (cksum), each deleted after its run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
DOCS=${2:-target/tfidf-docs.jsonl}
[ -f "$DOCS" ] || scripts/tfidf_profile.sh docs
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release -q -p gist-cli
CARGO_TARGET_DIR=target/mimalloc-nothp cargo build --release -q -p gist-cli --no-default-features \
  --features mimalloc-nothp
CARGO_TARGET_DIR=target/system-alloc cargo build --release -q -p gist-cli --no-default-features
CARGO_TARGET_DIR=target/mimalloc-v3 cargo build --release -q -p gist-cli --no-default-features \
  --features mimalloc-v3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
builds=${BUILDS:-mimalloc mimalloc-keep mimalloc-nothp system mimalloc-v3}
bin_of() {
  case $1 in
    mimalloc | mimalloc-keep) echo target/release/gist ;;
    mimalloc-nothp) echo target/mimalloc-nothp/release/gist ;;
    system) echo target/system-alloc/release/gist ;;
    mimalloc-v3) echo target/mimalloc-v3/release/gist ;;
  esac
}
# The environment a build runs in (`env` with no assignment runs the program as it is).
env_of() {
  case $1 in
    mimalloc-keep) echo MIMALLOC_PURGE_DELAY=-1 ;;
  esac
}
# The model every build's transform reads.
target/release/gist tfidf fit -q "$DOCS" --out "$out/model.json"
bigrams=(--stop-words english --sublinear-tf --ngram-range 1,2 --min-df 2)
printf '%-17s %-8s %-14s %9s %9s\n' job threads allocator seconds "peak MB" | tee "$out/table"
for job in ${JOBS:-keywords summarize tokenize tfidf-fit tfidf-fit-bigrams tfidf-transform}; do
  for t in 1 2; do
    for r in $(seq "$runs"); do
      for build in $builds; do
        bin=$(bin_of "$build")
        o="$out/$build.out"
        case $job in
          tfidf-fit) cmd=(env $(env_of "$build") "$bin" tfidf fit -q --threads "$t" "$DOCS" --out "$o") ;;
          tfidf-fit-bigrams) cmd=(env $(env_of "$build") "$bin" tfidf fit -q --threads "$t" "${bigrams[@]}" "$DOCS" --out "$o") ;;
          tfidf-transform) cmd=(env $(env_of "$build") "$bin" tfidf transform -q --threads "$t" --model "$out/model.json" "$DOCS" --out "$o") ;;
          *) cmd=(env $(env_of "$build") "$bin" "$job" -q --threads "$t" --format jsonl "$DOCS") ;;
        esac
        case $job in
          tfidf-*) /usr/bin/time -f "%e %M" -o "$out/time" "${cmd[@]}" ;;
          *) /usr/bin/time -f "%e %M" -o "$out/time" "${cmd[@]}" > "$o" ;;
        esac
        read -r secs kb < "$out/time"
        cksum < "$o" > "$out/$build.sum"
        rm -f "$o"
        printf '%-17s %-8s %-14s %9s %9s\n' "$job" "$t" "$build" "$secs" \
          "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1000 }')" | tee -a "$out/table"
      done
      for other in $builds; do
        cmp -s "$out/mimalloc.sum" "$out/$other.sum" || { echo "outputs differ: $job, $t thread(s), $other" >&2; exit 1; }
      done
    done
  done
done
echo "outputs byte for byte the same"
echo
echo "medians:"
python3 - "$out/table" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]).read().splitlines()[1:]:
    job, threads, build, secs, mb = line.split()
    runs.setdefault((job, threads, build), []).append((float(secs), float(mb)))
print(f"{'job':<18} {'threads':>7} {'allocator':<14} {'seconds':>8} {'peak MB':>8} {'vs mimalloc':>11}")
for (job, threads, build), v in runs.items():
    s = statistics.median(x for x, _ in v)
    base = statistics.median(x for x, _ in runs[(job, threads, "mimalloc")])
    print(f"{job:<18} {threads:>7} {build:<14} {s:>8.2f} {statistics.median(m for _, m in v):>8.1f} {s / base:>10.2f}x")
PY
