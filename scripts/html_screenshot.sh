#!/usr/bin/env bash
# Renders `gist summarize --format html` of the given inputs (default: seeds/) in headless
# Chromium and saves a screenshot, to check the page renders.
#
# Usage: scripts/html_screenshot.sh [OUT.png] [INPUT...]
# Needs Debian's chromium (`apt-get install chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-results/summarize-html.png}
shift || true
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(seeds/)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --release -q -- summarize --format html --keywords 10 "${inputs[@]}" > "$tmp/page.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1280,1400 \
  --screenshot="$PWD/$out" "file://$tmp/page.html" 2>/dev/null
echo "screenshot: $out"
