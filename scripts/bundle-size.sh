#!/usr/bin/env bash
# Prints every file of the built site (dist/, from `trunk build --release`) with its raw and gzip -9
# size: first the first load (everything but the chunks: the page, the stylesheet, the loaders, the
# JS glue and the main module, with the favicon and the site's config), then each chunk of the
# split WebAssembly (scripts/wasm-split.mjs; fetched after the first paint or on first use), and
# the totals.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "no dist/: run trunk build --release first" >&2; exit 2; }
kb() { awk "BEGIN{printf \"%.1f\", $1/1024}"; }
row() { printf '%-52s %10d %10d\n' "$1" "$2" "$3"; }

first_raw=0; first_gzip=0; chunks_raw=0; chunks_gzip=0; wasm_gzip=0; chunk_rows=()
printf '%-52s %10s %10s\n' file raw gzip
while IFS= read -r f; do
  name=${f#dist/}; raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
  case "$name" in
    *_bg.wasm) first_raw=$((first_raw + raw)); first_gzip=$((first_gzip + gz)); wasm_gzip=$((wasm_gzip + gz)); row "$name" "$raw" "$gz" ;;
    *.wasm) chunks_raw=$((chunks_raw + raw)); chunks_gzip=$((chunks_gzip + gz)); wasm_gzip=$((wasm_gzip + gz)); chunk_rows+=("$(row "  chunk $name" "$raw" "$gz")") ;;
    *) first_raw=$((first_raw + raw)); first_gzip=$((first_gzip + gz)); row "$name" "$raw" "$gz" ;;
  esac
# Not the first load: the Company view's page, and the stylesheet copied for its published
# disclosure page (dist/published/).
done < <(find dist -type f -not -path '*/.stage/*' -not -path 'dist/company/*' -not -path 'dist/published/*' | sort)
printf '%-52s %10d %10d   (%s KB gzip)\n' "first load, total" "$first_raw" "$first_gzip" "$(kb "$first_gzip")"
# What the first figures need (issue 29): the page, which carries them, its stylesheet and the
# script that decides before the first paint whether they show. The rest makes the page work.
paint_gzip=0
for f in dist/index.html dist/main-*.css dist/first-paint-*.js; do
  [ -f "$f" ] && paint_gzip=$((paint_gzip + $(gzip -9c "$f" | wc -c)))
done
printf '%-52s %10s %10d   (%s KB gzip)\n' "  of which before the first figures are painted" "" "$paint_gzip" "$(kb "$paint_gzip")"
if [ "${#chunk_rows[@]}" -gt 0 ]; then
  printf '%s\n' "${chunk_rows[@]}"
  printf '%-52s %10d %10d   (%s KB gzip, %d chunks)\n' "chunks, total" "$chunks_raw" "$chunks_gzip" "$(kb "$chunks_gzip")" "${#chunk_rows[@]}"
  printf '%-52s %10s %10d   (%s KB gzip: main module and chunks)\n' "all WebAssembly" "" "$wasm_gzip" "$(kb "$wasm_gzip")"
fi


# The Company view (dist/company/) is a page of its own: the calculator never fetches it, so it is
# counted apart.
if [ -d dist/company ]; then
  company_raw=0; company_gzip=0
  while IFS= read -r f; do
    raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
    company_raw=$((company_raw + raw)); company_gzip=$((company_gzip + gz))
    printf '%-52s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
  done < <(find dist/company -type f -not -path '*/.stage/*' | sort)
  printf '%-52s %10d %10d   (%s KB gzip)\n' "Company view's page, total" "$company_raw" "$company_gzip" "$(kb "$company_gzip")"
fi

# Issue 18's budget is a first load of at most 150 KB gzip; the split reached 230.3 KB (the main
# module 216.3 KB of it; unsplit, 331.3 KB), and version 3's reader and engine, compute budgets
# and the real-plan examples brought it to 257.8 KB. Issue 17 (the guided start, figures as
# estimates, the breakeven) asked for no regression: the first load before it, built in a
# directory of this kind, was 265,255 B (259.0 KB); it is now under that, and CI fails past it, so
# that it cannot creep up unnoticed. That is the ceiling of a site built on stable; scripts/setup.sh
# builds it on nightly, 8.6 % smaller, where one can, and then sets BUNDLE_LIMIT_KB to its
# NIGHTLY_LIMIT_KB (the figure reached, plus about 1 %). Since issue 29 the first figures are in
# index.html and need only the lines above "before the first figures"; the first load is what the
# page needs to work. Set BUNDLE_LIMIT_KB to try another limit.
limit_kb=${BUNDLE_LIMIT_KB:-259}
budget_kb=150
if [ "$first_gzip" -gt $((limit_kb * 1024)) ]; then
  echo "bundle: the first load is over the ${limit_kb} KB gzip ceiling" >&2
  exit 1
fi
if [ "$first_gzip" -gt $((budget_kb * 1024)) ]; then
  echo "bundle: over issue 18's ${budget_kb} KB gzip budget for the first load (reported, not failed: the ceiling is ${limit_kb} KB)"
fi
