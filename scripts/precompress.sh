#!/usr/bin/env bash
# Writes a brotli (.br) and a gzip (.gz) copy beside every text file of a built site, at the
# highest levels, once at build time: the local server sends whichever the browser accepts
# (functions/src/web.rs), and scripts/deploy.sh uploads the copies of the WebAssembly, which
# CloudFront does not compress itself (application/wasm is not among its compressed types).
# Usage: scripts/precompress.sh <dist folder>
set -euo pipefail
dist=${1:?usage: scripts/precompress.sh <dist folder>}
[ -d "$dist" ] || { echo "precompress: $dist is not a folder" >&2; exit 1; }
find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \
  -o -name '*.svg' -o -name '*.json' -o -name '*.ico' \) -print0 |
  while IFS= read -r -d '' file; do
    # -n: no name or time in the header, so the same file always compresses to the same bytes.
    gzip -9 -n -k -f "$file"
    brotli -q 11 -k -f "$file"
  done
