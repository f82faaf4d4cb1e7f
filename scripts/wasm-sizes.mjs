// Where the main module's bytes go (issue 29: "where every remaining kilobyte goes"): the size
// of each function's code in a WebAssembly module that kept its names, summed by crate and by
// module path, largest first. Prints figures; asserts nothing. Sizes are of the code section
// before compression (gzip shrinks code about 2.5×, evenly enough to compare parts); data (the
// strings, the tables) is counted apart.
// Usage: node scripts/wasm-sizes.mjs MODULE.wasm [DEPTH=2] [TOP=40]
// A module with names: scripts/wasm-sizes.sh builds one as the site's build does, keeping them.
import fs from 'node:fs';

const [file, depthArg, topArg] = process.argv.slice(2);
if (!file) { console.error('usage: node scripts/wasm-sizes.mjs MODULE.wasm [DEPTH] [TOP]'); process.exit(2); }
const depth = Number(depthArg ?? 2);
const top = Number(topArg ?? 40);
const bytes = fs.readFileSync(file);
let at = 0;
const u32 = () => { let r = 0, s = 0, b; do { b = bytes[at++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const name = () => { const n = u32(); const t = bytes.subarray(at, at + n).toString('utf8'); at += n; return t; };

at = 8;
let imported = 0, bodies = [], names = new Map(), dataBytes = 0;
while (at < bytes.length) {
  const id = bytes[at++]; const size = u32(); const end = at + size;
  if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      name(); name(); const kind = bytes[at++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { at++; const f = bytes[at++]; u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = bytes[at++]; u32(); if (f & 1) u32(); } else if (kind === 3) { at += 2; } else { at++; u32(); }
    }
  } else if (id === 10) {
    for (let n = u32(); n > 0; n--) { const s = u32(); bodies.push(s); at += s; }
  } else if (id === 11) {
    dataBytes = size;
  } else if (id === 0 && name() === 'name') {
    while (at < end) {
      const sub = bytes[at++]; const len = u32(); const subEnd = at + len;
      if (sub === 1) for (let n = u32(); n > 0; n--) { const index = u32(); names.set(index, name()); }
      at = subEnd;
    }
  }
  at = end;
}

/** The identifiers of a Rust symbol's path, outermost first: legacy mangling
 * (`_ZN4core3fmt5write17h…E`) or v0 (`_RNvNtCs…_10tokenworth5offer4read`, as nightly writes),
 * read loosely: crate disambiguators and back-references skipped, every `<length><name>` kept. */
function idents(symbol) {
  if (!symbol.startsWith('_ZN') && !symbol.startsWith('_R')) return [symbol];
  const out = []; let i = symbol.startsWith('_ZN') ? 3 : 2;
  while (i < symbol.length) {
    const c = symbol[i];
    if ((c === 'C' && symbol[i + 1] === 's') || c === 'B' || (c === 's' && /[0-9A-Za-z_]/.test(symbol[i + 1] ?? '') && symbol.slice(i).match(/^s[0-9A-Za-z]*_/))) {
      const end = symbol.indexOf('_', i); i = end < 0 ? symbol.length : end + 1; continue;
    }
    if (/[1-9]/.test(c)) {
      let n = 0; while (/[0-9]/.test(symbol[i])) n = n * 10 + Number(symbol[i++]);
      if (symbol[i] === '_') i++;
      out.push(symbol.slice(i, i + n)); i += n; continue;
    }
    i++;
  }
  return out.filter((p) => !/^h[0-9a-f]{16}$/.test(p));
}
/** The path a function is counted under: its outermost crate and modules, `depth` parts deep
 * (a closure or a generic instance counts where its outermost path is). */
function group(symbol) {
  return idents(symbol).slice(0, depth).join('::') || '(unnamed)';
}

const total = bodies.reduce((a, b) => a + b, 0);
const byGroup = new Map();
bodies.forEach((size, i) => {
  const g = group(names.get(imported + i) ?? '(unnamed)');
  byGroup.set(g, (byGroup.get(g) ?? 0) + size);
});
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`${file}: ${bodies.length} functions, code ${kb(total)} KB, data ${kb(dataBytes)} KB (uncompressed)`);
for (const [g, size] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${kb(size)} KB ${(100 * size / total).toFixed(1).padStart(5)} %  ${g}`);
}
