#!/usr/bin/env bash
#
# Copyright 2023 The Logship Authors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

# Builds release binaries for every supported platform and writes SHA-256
# checksums next to them. Usage: scripts/release.sh v1.4.0

set -euo pipefail

VERSION="${1:?usage: $0 <version, e.g. v1.4.0>}"
if [[ ! "$VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-rc\.[0-9]+)?$ ]]; then
  echo "error: version must look like v1.2.3 or v1.2.3-rc.1, got '$VERSION'" >&2
  exit 1
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/dist/$VERSION"
PLATFORMS=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64)

if [[ -n "$(git -C "$ROOT" status --porcelain)" ]]; then
  echo "error: working tree is dirty; commit or stash first" >&2
  exit 1
fi

rm -rf "$DIST"
mkdir -p "$DIST"

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)"
LDFLAGS="-s -w -X main.version=$VERSION -X main.commit=$COMMIT"

for platform in "${PLATFORMS[@]}"; do
  os="${platform%/*}"
  arch="${platform#*/}"
  out="$DIST/logship-$VERSION-$os-$arch"
  if [[ "$os" == windows ]]; then
    out+=".exe"
  fi
  echo "==> building $os/$arch"
  GOOS="$os" GOARCH="$arch" CGO_ENABLED=0 \
    go build -trimpath -ldflags "$LDFLAGS" -o "$out" "$ROOT/cmd/logship"
done

(
  cd "$DIST"
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum logship-* > SHA256SUMS
  else
    shasum -a 256 logship-* > SHA256SUMS
  fi
)

echo "==> done: $(find "$DIST" -type f | wc -l | tr -d ' ') files in $DIST"
