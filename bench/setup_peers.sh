#!/usr/bin/env bash
# The peers of bench/peers.py, each in its own virtualenv under bench/work/ (never in the
# project's dependencies): cc_net 1.0.0, datatrove 0.10.1, dolma 1.2.1. Needs the package index
# once; bench/peers.py itself runs offline. Safe to rerun: a venv that imports its peer is kept.
#
#     bash bench/setup_peers.sh            # all three
#     bash bench/setup_peers.sh cc_net     # one of cc_net, datatrove, dolma
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work
PYTHON=${PYTHON:-python3.11}

venv() {  # venv NAME MODULE: create bench/work/NAME-venv unless it already imports MODULE
    local dir="$WORK/$1-venv"
    if [ -x "$dir/bin/python" ] && "$dir/bin/python" -c "import $2" 2>/dev/null; then
        echo "$1: ready in $dir"
        return 1
    fi
    [ -x "$dir/bin/python" ] || "$PYTHON" -m venv "$dir"
    "$dir/bin/pip" install -q --upgrade pip setuptools wheel
    return 0
}

project_pin() {  # project_pin DIST FALLBACK: DIST==<the project venv's version>, else FALLBACK
    local version
    version=$(.venv/bin/python -c "import importlib.metadata as m; print(m.version('$1'))" \
        2>/dev/null) && echo "$1==$version" || echo "$2"
}

setup_cc_net() {
    local pip="$WORK/cc_net-venv/bin/pip"
    # The libraries that compute the scores, at the project venv's versions, so the agreement
    # compares code, not releases (SentencePiece 0.2.1 and 0.2.3 split "0000" differently with
    # the same model); rechecked on every run, as the project venv may have changed.
    local pins=("$(project_pin sentencepiece 'sentencepiece>=0.1.82')"
                "$(project_pin kenlm 'kenlm==0.3.0')" "$(project_pin fasttext 'fasttext==0.9.3')")
    if ! venv cc_net "cc_net.perplexity, kenlm, fasttext"; then
        "$pip" install -q "numpy<2" "${pins[@]}"
        return 0
    fi
    # cc_net's own requirements less its kenlm line, which names a git URL: the index's kenlm
    # package is the same library (KenLM's Python module). getpy (an optional fast hash set) is
    # left out: cc_net falls back to its numpy hash set.
    "$pip" install -q "numpy<2" "beautifulsoup4>=4.7.1" "pandas>=0.23.4" "requests>=2.22.0" \
        "${pins[@]}" "func_argparse>=1.1.1" "psutil>=5.6.3" sacremoses "submitit>=1.0.0" \
        typing_extensions
    # pip 24+ refuses a direct URL requirement in a package from the index even with --no-deps,
    # but not in a local file: fetch the source release with an older pip, then install that file
    # without its requirements.
    "$pip" install -q "pip<24"
    "$pip" download -q --no-deps --no-build-isolation -d "$WORK/cc_net-src" "cc-net==1.0.0"
    "$pip" install -q --no-deps --no-build-isolation "$WORK/cc_net-src/cc_net-1.0.0.tar.gz"
    echo "cc_net: installed in $WORK/cc_net-venv"
}

setup_datatrove() {
    venv datatrove "datatrove, aiohttp, orjson" || return 0
    # The extras its readers, filters, MinHash stages and tokenizer step import (aiohttp: its
    # asset cache names files through fsspec's HTTP filesystem even when nothing is fetched).
    "$WORK/datatrove-venv/bin/pip" install -q "datatrove[processing]==0.10.1" \
        "fasttext-numpy2-wheel" regex nltk fasteners spacy sentencepiece tokenizers aiohttp orjson
    echo "datatrove: installed in $WORK/datatrove-venv"
}

setup_dolma() {
    venv dolma "dolma, transformers" || return 0
    # transformers (a 4.x that accepts dolma's tokenizers<=0.19.1) and protobuf turn our
    # SentencePiece model into the tokenizers JSON file datatrove and dolma load.
    "$WORK/dolma-venv/bin/pip" install -q "dolma==1.2.1" sentencepiece \
        "transformers>=4.40,<4.43" protobuf
    echo "dolma: installed in $WORK/dolma-venv"
}

for peer in "${@:-cc_net datatrove dolma}"; do
    for name in $peer; do "setup_$name"; done
done
