#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (default 10 s; `scripts/fuzz.sh 600` for longer)
# from the committed seeds, and prints each target's run count. A run of a minute or more also
# starts from fuzz/minimized/ (the long runs' corpora minimized by `cargo fuzz cmin`: all the
# coverage they found); a short run skips them, as reading 2,900 offers takes two minutes. A crash fails the script and leaves
# the input under fuzz/artifacts/. Needs the nightly toolchain; installs cargo-fuzz if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain on this machine, so no fuzzing (it cannot be fetched from the registries)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2
fi
for target in offer_parser number_entry share_link; do
  mkdir -p "fuzz/corpus/$target"
  log=$(mktemp)
  dirs=("fuzz/corpus/$target" "fuzz/seeds/$target")
  if [ "$seconds" -ge 60 ]; then dirs+=("fuzz/minimized/$target"); fi
  if ! cargo +nightly fuzz run -O "$target" "${dirs[@]}" -- -max_total_time="$seconds" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target FAILED (input kept under fuzz/artifacts/$target)"
    exit 1
  fi
  echo "fuzz: $target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -1)"
  rm -f "$log"
done
