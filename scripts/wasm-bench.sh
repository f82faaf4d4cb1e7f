#!/usr/bin/env bash
# The engine's speed natively (cargo bench) and in headless Chromium's WebAssembly (the same work,
# tests/wasm_bench.rs), and the WebAssembly/native ratio. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
native=$(cargo bench --bench engine 2>/dev/null | grep ' ms$')
wasm=$(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 | grep -o 'WASM .* ms' || true)
echo "native (release):"; echo "$native" | sed 's/^/  /'
echo "WebAssembly in headless Chromium (release):"; echo "$wasm" | sed 's/^WASM /  /'
echo "ratio WebAssembly / native:"
while IFS= read -r line; do
  label=$(echo "$line" | sed -E 's/ +[0-9.]+ ms$//')
  n=$(echo "$line" | grep -oE '[0-9.]+ ms$' | cut -d' ' -f1)
  w=$(echo "$wasm" | grep -F "WASM $label " | grep -oE '[0-9.]+ ms$' | cut -d' ' -f1 || true)
  [ -n "$w" ] && awk -v l="$label" -v n="$n" -v w="$w" 'BEGIN { printf "  %-58s %6.2fx\n", l, w / n }'
done <<< "$native"
