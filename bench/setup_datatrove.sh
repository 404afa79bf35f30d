#!/usr/bin/env bash
# datatrove in its own environment for bench/bench_datatrove.py (kept apart from the project's).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x bench/work/datatrove-venv/bin/python ] || python3.11 -m venv bench/work/datatrove-venv
bench/work/datatrove-venv/bin/pip install -q "datatrove==0.10.1" "fasttext-numpy2-wheel" regex nltk fasteners spacy
