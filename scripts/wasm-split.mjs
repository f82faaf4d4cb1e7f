// Trunk post-build hook: splits the WebAssembly into the main module (what the headline needs)
// and the chunks of src/ui/chunk.rs, fetched after the first paint or on first use (issue 18).
//
// Trunk 0.21 cannot split, so this redoes its last steps from cargo's own output, the way
// cargo-leptos does: wasm-split-cli (crate wasm_split_cli_support, which needs the relocations
// of `-C link-args=--emit-relocs`, .cargo/config.toml) on the linked module, then wasm-bindgen
// on the main part, then wasm-opt -Oz on every part. The results replace Trunk's two files under
// their names (the loader and index.html keep pointing at them) with their integrity updated;
// the chunks and their loader `split-<hash>.js` are named by their content, and fetched relative
// to that loader's URL, so the site still works from any sub-path and under a strict CSP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) { console.error('wasm-split: run as a Trunk post_build hook (TRUNK_STAGING_DIR unset)'); process.exit(2); }
const release = process.env.TRUNK_PROFILE === 'release';
const source = fs.readFileSync(process.env.TRUNK_HTML_FILE ?? 'index.html', 'utf8');
const rustLink = source.match(/<link data-trunk rel="rust"[^>]*>/)?.[0] ?? '';
const attr = (name) => rustLink.match(new RegExp(`${name}="([^"]*)"`))?.[1];
const bin = attr('data-bin');
const profile = (release ? attr('data-cargo-profile-release') : attr('data-cargo-profile-dev')) ?? (release ? 'release' : 'debug');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const targetDir = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps'])).target_directory;
const linked = path.join(targetDir, 'wasm32-unknown-unknown', profile, `${bin}.wasm`);

// Trunk's names: `<bin>-<hash>.js` and `<bin>-<hash>_bg.wasm`.
const glue = fs.readdirSync(staging).find((f) => f.startsWith(`${bin}-`) && f.endsWith('.js'));
if (!glue) { console.error(`wasm-split: no ${bin}-*.js in ${staging}`); process.exit(1); }
const stem = glue.slice(0, -'.js'.length);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-split-'));
try {
  const split = path.join(work, 'split');
  run('wasm-split-cli', [linked, split, '--out-name', stem]);
  const chunks = fs.readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort();

  const bound = path.join(work, 'bound');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
    '--out-dir', bound, '--out-name', stem, path.join(split, `${stem}.wasm`)]);
  const parts = [path.join(bound, `${stem}_bg.wasm`), ...chunks.map((c) => path.join(split, c))];
  if (release) {
    for (const part of parts) {
      run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
        '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types', part, '-o', part]);
    }
  }

  const digest = (data) => crypto.createHash('sha256').update(data).digest('hex').slice(0, 16);
  let loader = fs.readFileSync(path.join(split, '__wasm_split.js'), 'utf8');
  for (const chunk of chunks) {
    const data = fs.readFileSync(path.join(split, chunk));
    const named = `${chunk.slice(0, -'.wasm'.length)}-${digest(data)}.wasm`;
    fs.writeFileSync(path.join(staging, named), data);
    loader = loader.replaceAll(`"./${chunk}"`, `"./${named}"`);
  }
  const loaderName = `split-${digest(loader)}.js`;
  fs.writeFileSync(path.join(staging, loaderName), loader);

  const js = fs.readFileSync(path.join(bound, `${stem}.js`), 'utf8')
    // The import statements only: the import object's keys stay the module's own import names.
    .replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
  fs.writeFileSync(path.join(staging, glue), js);
  fs.copyFileSync(path.join(bound, `${stem}_bg.wasm`), path.join(staging, `${stem}_bg.wasm`));

  // Trunk's preload links carry the integrity of the files just replaced.
  const html = path.join(staging, 'index.html');
  const sri = (file) => `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(staging, file))).digest('base64')}`;
  let page = fs.readFileSync(html, 'utf8');
  for (const file of [glue, `${stem}_bg.wasm`]) {
    page = page.replace(new RegExp(`(href="[^"]*${file.replaceAll('.', '\\.')}"[^>]*integrity=")[^"]*"`), `$1${sri(file)}"`);
  }
  // The glue imports the chunks' loader before it runs: fetch both at once, as Trunk does the glue.
  page = page.replace(/<link rel="modulepreload"[^>]*>/, (link) => {
    const base = link.match(/href="([^"]*\/)?[^"/]*"/)?.[1] ?? './';
    return `${link}<link rel="modulepreload" href="${base}${loaderName}" crossorigin="anonymous" integrity="${sri(loaderName)}">`;
  });
  fs.writeFileSync(html, page);
  console.log(`wasm-split: ${chunks.length} chunks (${chunks.join(', ')}), loader ${loaderName}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
