// Trunk post-build hook, after wasm-split.mjs and csp-loader.mjs (issue 29): writes into
// index.html the frame the app's mount task builds for a first visitor (the offers bar, the empty
// form and the headline with the example's figures), so that the first paint carries the figures.
// The frame is the app's own: the built site is loaded once in headless Chromium with empty
// storage and the DOM the mount task produced is copied, so the markup and the figures are the
// app's and its engine's, byte for byte. Also writes the build's id (a hash of its WebAssembly and
// JS) and src/ui/first_paint.js, loaded in the head, which decides before the first paint whether
// the frame may show and asks for the app's loader once it is painted (see there). Without Chromium the site is built without the frame (the page waits for the
// WebAssembly, as before issue 29), and says so.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('prerender: run as a Trunk post_build hook (TRUNK_STAGING_DIR unset)'); process.exit(2); }
// The Company view (company.html) is a page of its own, without a headline to prerender.
if (path.basename(process.env.TRUNK_HTML_FILE ?? '') !== 'index.html') process.exit(0);
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

// The build's id: every WebAssembly and JS file of the calculator, names and contents.
const build = crypto.createHash('sha256');
for (const name of fs.readdirSync(dir).filter((n) => /\.(wasm|js)$/.test(n)).sort()) {
  build.update(name).update(fs.readFileSync(path.join(dir, name)));
}
const buildId = build.digest('hex').slice(0, 16);

// Its comments stay in the source: the copy loaded before the first paint is 1.2 KB smaller.
const script = fs.readFileSync(path.join(ROOT, 'src/ui/first_paint.js'), 'utf8').replace(/^\s*\/\/.*\n/gm, '');
const scriptName = `first-paint-${crypto.createHash('sha256').update(script).digest('hex').slice(0, 16)}.js`;
// No integrity attribute, as for the stylesheet: in a sandboxed embed (an opaque origin) the
// browser would need CORS to check it, and blocks the script. Its name carries its content's hash.
// It also asks for the app's loader once the first paint is on screen (afterFirstPaint, below).
const tag = (loader) => `<script src="./${scriptName}" data-app="./${loader.name}" data-integrity="${loader.integrity}"></script>`;

const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.log(`prerender: no Chromium at ${chromium}, so index.html has no prerendered figures (the page waits for the WebAssembly)`);
  process.exit(0);
}

const frame = await mountFrame();
const figures = ['expected-token-pv', 'prob-zero', 'net-pv', 'cost-of-risk', 'risk-adjusted-net', 'deal-yearly'];
for (const id of figures) {
  if (!new RegExp(`data-testid="${id}"[^>]*>[^<]+<`).test(frame)) {
    console.error(`prerender: the mount task's frame has no figure ${id}`); process.exit(1);
  }
}
fs.writeFileSync(path.join(dir, scriptName), script);
const loader = afterFirstPaint();
html = html
  // In the head, first: it decides before anything is painted, and the build id is there for it.
  .replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta name="tokenworth-build" content="${buildId}" />\n    ${tag(loader)}`)
  .replace('</body>', `<div id="first-paint" class="first-paint">${frame}</div>\n  </body>`);
fs.writeFileSync(file, html);
console.log(`prerender: the first visit's frame (${frame.length} characters) and ${scriptName} written, build ${buildId}`);

/**
 * The figures are in the page now, so the app's files need not come before them: the first-paint
 * script asks for the loader once the first paint is on screen (src/ui/first_paint.js), and the
 * loader asks for the module, its glue and the chunks' loader (Trunk's preload links, moved out
 * of the head with their integrity). Fetched in the head, the 260 KB of WebAssembly shared a slow
 * connection with the page's stylesheet and script, and a phone painted the figures later
 * (Lighthouse counts every request started before the largest paint); the loader itself, in the
 * head, was fetched beside them and started the module's downloads and compilation while the
 * frame was still being rasterised (docs/PERFORMANCE.md, fifth stop: 12 to 30 ms later figures).
 * Takes the loader's tag and the preloads out of `html` and returns the rewritten loader's name
 * and integrity.
 */
function afterFirstPaint() {
  const preloads = html.match(/<link rel="(?:module)?preload"[^>]*>/g) ?? [];
  const tag = html.match(/<script type="module" src="\.\/(loader-[0-9a-f]+\.js)" integrity="[^"]*"><\/script>/);
  if (!tag || preloads.length === 0) { console.error('prerender: no module loader and preloads as csp-loader.mjs leaves them'); process.exit(1); }
  const loader = fs.readFileSync(path.join(dir, tag[1]), 'utf8');
  const statement = /^import init, \* as bindings from ('[^']+');$/m;
  if (!statement.test(loader)) { console.error(`prerender: ${tag[1]} does not import the glue as Trunk 0.21 writes it`); process.exit(1); }
  const preloading = `document.head.insertAdjacentHTML('beforeend', ${JSON.stringify(preloads.join(''))});`;
  const code = loader.replace(statement, (_, glue) => `${preloading}\nconst bindings = await import(${glue});\nconst init = bindings.default;`);
  const name = `loader-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
  fs.rmSync(path.join(dir, tag[1]));
  fs.writeFileSync(path.join(dir, name), code);
  for (const link of [...preloads, tag[0]]) html = html.replace(link, '');
  return { name, integrity };
}

/** The nodes the app's mount task adds to the body, as HTML, for a visitor with empty storage. */
async function mountFrame() {
  const server = await serve({ dir });
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        // The page's own nodes, before the app's; the app's are copied in a microtask after the
        // mount task that added them, before any later task builds more.
        const own = document.body.childNodes.length;
        new MutationObserver((_, observer) => {
          const figure = document.querySelector('[data-testid="expected-token-pv"]');
          // Its exact amount is written by an effect, in a microtask after the mount.
          if (!figure || !figure.textContent || !figure.hasAttribute('data-exact')) return;
          observer.disconnect();
          const copy = document.createElement('div');
          for (const node of [...document.body.childNodes].slice(own)) copy.append(node.cloneNode(true));
          window.__frame = copy.innerHTML;
        }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-exact'] });
      });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__frame, null, { timeout: 60_000 });
    if (problems.length) throw new Error(`the page reported: ${problems.join('; ')}`);
    return await page.evaluate(() => window.__frame);
  } finally {
    await browser.close();
    await server.close();
  }
}
