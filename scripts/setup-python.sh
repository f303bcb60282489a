#!/usr/bin/env bash
# Creates .venv/ with the reference tools the comparison commands run side by side with gist.
# Usage: scripts/setup-python.sh   (needs python3 >= 3.9 and PyPI access; about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -r scripts/requirements.txt
# NLTK cannot download its data here: rebuild punkt_tab/english (used by sumy and the comparisons)
# from ../shared/data/punkt/english.json.
.venv/bin/python scripts/nltk_punkt.py
echo "python reference tools installed in .venv/"
