#!/usr/bin/env bash
# Runs a side-by-side comparison of gist with the Python reference tools, on the same input and
# machine, and prints a table.
#
# Usage: scripts/compare.sh tokenize|tfidf|keywords|summarize|all [options for the script]
#   scripts/compare.sh NAME ...  runs .venv/bin/python scripts/compare_NAME.py ...
#   scripts/compare.sh all       runs every scripts/compare_*.py there is, one after another,
#                                with its default options.
# Needs the Python tools: scripts/setup-python.sh (once). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

python=.venv/bin/python
if [[ ! -x $python ]]; then
    echo "compare.sh: $python not found; run scripts/setup-python.sh first" >&2
    exit 1
fi

usage() {
    local names
    names=$(ls scripts/compare_*.py 2>/dev/null | sed 's#scripts/compare_##; s#\.py$##' | paste -sd'|')
    echo "usage: scripts/compare.sh ${names:-NAME}|all [options]" >&2
}

name=${1:-}
if [[ -z $name ]]; then
    usage
    exit 2
fi
shift

if [[ $name == all ]]; then
    if [[ $# -gt 0 ]]; then
        echo "compare.sh: 'all' takes no options (each script has its own)" >&2
        exit 2
    fi
    status=0
    for script in scripts/compare_*.py; do
        echo "== ${script} =="
        "$python" "$script" || status=$?
        echo
    done
    exit $status
fi

script=scripts/compare_${name}.py
if [[ ! -f $script ]]; then
    echo "compare.sh: no comparison named '${name}' (${script} does not exist)" >&2
    usage
    exit 2
fi
exec "$python" "$script" "$@"
