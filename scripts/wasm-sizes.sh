#!/usr/bin/env bash
# Where the calculator's main module's bytes go, by crate and module (issue 29): splits the linked
# module of the last site build as scripts/wasm-split.mjs does, but keeps the functions' names
# through wasm-bindgen and wasm-opt, then sums each function's code (scripts/wasm-sizes.mjs).
# Usage: scripts/wasm-sizes.sh [DEPTH=3] [TOP=40]   (after scripts/setup.sh build)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
linked=target/wasm32-unknown-unknown/wasm-release/tokenworth-app.wasm
[ -f "$linked" ] || { echo "wasm-sizes: build the site first (scripts/setup.sh build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$linked" "$work/split" --out-name app >/dev/null
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript --keep-debug \
  --out-dir "$work/bound" --out-name app "$work/split/app.wasm"
# As the build's wasm-opt, but -g: the names stay (the site's module drops them).
wasm-opt -Oz -g --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue --enable-reference-types "$work/bound/app_bg.wasm" -o "$work/main.wasm"
node scripts/wasm-sizes.mjs "$work/main.wasm" "${1:-3}" "${2:-40}"
