#!/usr/bin/env bash
# Lighthouse's mobile performance and accessibility scores for the built site (issue 6 asks for
# 98 or more), on Debian's Chromium, offline: the site is served from 127.0.0.1 and Lighthouse
# comes from the npm registry (`npm exec`, cached after the first run; not a project dependency,
# so CI does not install it). Prints figures; asserts nothing.
# Usage: scripts/lighthouse.sh [folder]   (after trunk build --release; the folder is dist/ unless
# given, so that an earlier build kept aside can be measured in the same session)
set -euo pipefail
cd "$(dirname "$0")/.."
# 12.8.2: the newest that supports the Node.js 20 on this machine kind (13 wants 22).
LIGHTHOUSE_VERSION=12.8.2
site=${1:-dist}
[ -f "$site/index.html" ] || { echo "lighthouse: build the site first (trunk build --release)"; exit 1; }
port=8765
# Compressed, as any real host serves it: the budgets are gzip sizes.
node scripts/serve.mjs "$port" "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
out=$(mktemp -d)
CHROME_PATH=/usr/bin/chromium npm exec --yes "lighthouse@$LIGHTHOUSE_VERSION" -- "http://127.0.0.1:$port/" \
  --quiet --output=json --output-path="$out/report.json" --only-categories=performance,accessibility \
  --form-factor=mobile --throttling-method=simulate \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const score = (c) => Math.round(r.categories[c].score * 100);
const ms = (id) => `${Math.round(r.audits[id].numericValue)} ms`;
console.log(`lighthouse (mobile, simulated slow 4G and 4x CPU): performance ${score("performance")}, accessibility ${score("accessibility")}`);
console.log(`  first contentful paint ${ms("first-contentful-paint")}, largest contentful paint ${ms("largest-contentful-paint")}, total blocking time ${ms("total-blocking-time")}, speed index ${ms("speed-index")}, cumulative layout shift ${r.audits["cumulative-layout-shift"].numericValue.toFixed(3)}`);
const lcp = r.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
if (lcp) console.log(`  largest contentful paint element: ${lcp.nodeLabel} (${lcp.selector})`);
const long = (r.audits["long-tasks"]?.details?.items ?? []).map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.startTime)}`);
if (long.length) console.log(`  long main-thread tasks (simulated): ${long.join(", ")}`);
for (const a of Object.values(r.audits)) if (a.score !== null && a.score < 1 && r.categories.accessibility.auditRefs.some((x) => x.id === a.id)) console.log(`  accessibility: ${a.id}: ${a.title}`);
' "$out/report.json"
