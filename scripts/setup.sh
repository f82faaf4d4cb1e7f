#!/usr/bin/env bash
# tokenworth's two commands, for a fresh Debian machine with Rust, Node.js and npm:
#   scripts/setup.sh serve   build the app and serve it on http://127.0.0.1:8080
#   scripts/setup.sh test    run every test: native, in-browser component, end-to-end
# and `scripts/setup.sh build`, which builds the site into dist/ for hosting.
# Each installs what is missing (wasm32 target, Trunk, wasm-bindgen-cli, wasm-split-cli, wasm-opt,
# Chromium, npm packages) and skips what is already there. Only package registries are used.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14
# The WebAssembly splitter that scripts/wasm-split.mjs runs after Trunk's build (issue 18).
WASM_SPLIT_VERSION=0.2.4
WASM_OPT_VERSION=132
# wasm-bindgen-cli must be exactly the wasm-bindgen crate's version in Cargo.lock.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')

# The site's WebAssembly is built on the nightly toolchain when the machine has one (this kind's
# image does; rustup adds its rust-src), with the standard library rebuilt for size (-Z build-std)
# and panics that abort at once (-C panic=immediate-abort, so no panic message or hook code): the
# first load is 8.6 % smaller (docs/PERFORMANCE.md, 2026-12-06). These flags replace
# .cargo/config.toml's for that build, so they repeat its two. Everything else (clippy, the native
# and component tests) stays on stable. Without nightly the site is built on stable, larger, and
# CI's size ceiling is stable's. A nightly that rejects these flags or fails the build (a newer one
# on someone's machine) is reported and the site is built on stable instead (issue 29).
# SITE_NIGHTLY (a toolchain name) and SITE_NIGHTLY_RUSTFLAGS override them, to try another nightly
# or, with a flag no rustc knows, to try that fallback.
SITE_NIGHTLY=${SITE_NIGHTLY:-nightly}
NIGHTLY_RUSTFLAGS=${SITE_NIGHTLY_RUSTFLAGS:-"--cfg erase_components -C link-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort"}
NIGHTLY_LIMIT_KB=276
STABLE_LIMIT_KB=300
site_on_nightly=0

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    step "installing Trunk $TRUNK_VERSION (about 8 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
    # Not --locked: its lock file names a crate version the registry here lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  # wasm-split-cli has no --version: cargo's list of installed crates says which one it is.
  if ! command -v wasm-split-cli >/dev/null \
     || ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    step "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  fi
  if rustup toolchain list | grep -q "^$SITE_NIGHTLY"; then
    if ! rustup component list --toolchain "$SITE_NIGHTLY" --installed | grep -q '^rust-src'; then
      step "adding the nightly toolchain's rust-src (the site's standard library is built for size)"
      rustup component add rust-src --toolchain "$SITE_NIGHTLY" || true
    fi
    if rustup component list --toolchain "$SITE_NIGHTLY" --installed | grep -q '^rust-src'; then
      site_on_nightly=1
    fi
  fi
  if [ "$site_on_nightly" = 0 ]; then
    echo "setup: no nightly toolchain with rust-src here, so the site is built on stable (larger)"
  fi
  if ! [ -x node_modules/.bin/wasm-opt ] || ! [ -d node_modules/playwright-core ] || ! [ -d node_modules/axe-core ] \
     || ! wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION"; then
    step "installing npm packages (wasm-opt from binaryen@$WASM_OPT_VERSION, playwright-core, axe-core)"
    npm ci --no-audit --no-fund
  fi
}

install_browser() {
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    step "installing Debian's Chromium and ChromeDriver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
}

# The Company view is a page of its own (company.html, bin tokenworth-company), so that the
# calculator's first load fetches nothing of it. Trunk builds one page a run and empties its dist/
# each time, so it is built aside and scripts/company-site.mjs (a hook of the calculator's build,
# also under `trunk serve`) copies it into dist/company/.
build_company() {
  site trunk build company.html --release --dist target/company-site
}

# Runs a Trunk command for the site, on nightly when it can (above).
site() {
  if [ "$site_on_nightly" = 1 ]; then
    RUSTUP_TOOLCHAIN=$SITE_NIGHTLY CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$NIGHTLY_RUSTFLAGS" "$@"
  else
    "$@"
  fi
}

# Builds the site into dist/ (the Company view first, into target/company-site), and prints its
# size. If the nightly build fails, says so and builds both pages on stable: a nightly newer than
# this kind's may reject the flags or the standard library's build, and the site must still build.
build_site() {
  if [ "$site_on_nightly" = 1 ] && ! { build_company && site trunk build --release; }; then
    echo "setup: the site did not build on $(rustup run "$SITE_NIGHTLY" rustc --version 2>/dev/null || echo "$SITE_NIGHTLY") with its flags (above); building it on stable instead (larger, against stable's ceiling)" >&2
    site_on_nightly=0
  fi
  if [ "$site_on_nightly" = 0 ]; then
    build_company
    site trunk build --release
  fi
  if [ "$site_on_nightly" = 1 ]; then limit=$NIGHTLY_LIMIT_KB; else limit=$STABLE_LIMIT_KB; fi
  BUNDLE_LIMIT_KB=${BUNDLE_LIMIT_KB:-$limit} scripts/bundle-size.sh
}

case "${1:-}" in
  build)
    install_tools
    # The build loads the finished site in Chromium once, to write the first visit's figures into
    # index.html (scripts/prerender.mjs).
    install_browser
    step "building the site into dist/ (the Company view as dist/company/)"
    build_site
    ;;
  serve)
    install_tools
    install_browser
    step "building the Company view (company.html, served as company/)"
    if [ "$site_on_nightly" = 1 ] && ! build_company; then
      echo "setup: the Company view did not build on $SITE_NIGHTLY with its flags (above); serving a stable build instead" >&2
      site_on_nightly=0
    fi
    if [ "$site_on_nightly" = 0 ]; then build_company; fi
    step "building and serving on http://127.0.0.1:8080 (the Company view at /company/index.html)"
    site trunk serve --release
    ;;
  test)
    install_tools
    install_browser
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
      step "adding rustfmt and clippy (rustup's minimal profile leaves them out)"
      rustup component add rustfmt clippy
    fi
    step "formatting (cargo fmt --check, the main crate and the fuzz crate)"
    cargo fmt --check
    (cd fuzz && cargo fmt --check)
    step "lints (clippy, warnings are errors)"
    cargo clippy --release --all-targets -- -D warnings
    cargo clippy --release --target wasm32-unknown-unknown --lib -- -D warnings
    step "native tests: engine, offer file, command-line tool, properties"
    cargo test --release
    step "building the command-line tool and the site"
    cargo build --release --bin tokenworth
    build_site
    step "component tests in headless Chromium (wasm-bindgen-test)"
    # A ceiling, not a timing: the Company view's tests outlast the default 20 s on a loaded machine.
    # Built for release: in a debug build one test's valuing held the page past ChromeDriver's 30 s
    # for a message from the renderer on a loaded machine (43 s for the Company view's tests in
    # debug, 5 s in release).
    export WASM_BINDGEN_TEST_TIMEOUT=600
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
      cargo test --release --target wasm32-unknown-unknown --test web
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
      cargo test --release --target wasm32-unknown-unknown --test company_web
    step "fuzzing each parser briefly from its seeds (scripts/fuzz.sh 600 for a long run)"
    scripts/fuzz.sh 10
    step "end-to-end tests: the built site in Chromium"
    # People read the spec reporter; the TAP copy gives the counts for the last line.
    tap=$(mktemp)
    status=0
    node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap" tests/e2e/ || status=$?
    count() { sed -n "s/^# $1 \([0-9]*\)\$/\1/p" "$tap" | tail -1; }
    passed=$(count pass); failed=$(count fail); cancelled=$(count cancelled)
    rm -f "$tap"
    # A test cancelled by a failing hook counts as failed; so does a run that died before counting.
    failed=$(( ${failed:-0} + ${cancelled:-0} ))
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    echo "end-to-end: ${passed:-0} passed, $failed failed"
    exit "$status"
    ;;
  *)
    echo "usage: scripts/setup.sh serve|test|build" >&2
    exit 2
    ;;
esac
