// The end-to-end harness: serves dist/ on 127.0.0.1, drives Debian's Chromium with Playwright, and
// records what a test must never see: console errors, page errors, requests leaving this machine.
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const CLI = path.join(ROOT, 'target/release/tokenworth');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Serves `dir` under `prefix` (a sub-path such as '/tools/tokenworth/') with extra `headers`;
 * `pages` maps further file names to their text (a host page for an embed, say), or to a function
 * that writes the page's body to the response and ends it (a page sent in pieces). With `gzip`, files
 * go compressed to a browser that accepts it, as a real static host sends them.
 */
export function serve({ dir = DIST, prefix = '/', headers = {}, pages = {}, gzip = false, port = 0 } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404).end('not here'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel in pages) {
      const page = pages[rel];
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      if (typeof page === 'function') page(res); else res.end(page);
      return;
    }
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found'); return;
    }
    const type = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { ...type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      fs.createReadStream(file).pipe(zlib.createGzip({ level: 9 })).pipe(res);
    } else {
      res.writeHead(200, type);
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

/** Debian's Chromium, with the flags this closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A page that records problems: `page.problems` lists console errors, uncaught errors and every
 * request to anywhere but 127.0.0.1.
 */
export async function openPage(browser, url, { contextOptions = {}, initScript, cpuSlowdown } = {}) {
  const context = await browser.newContext(contextOptions);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  // A slower machine (CI's) changes which of the page's tasks come first: `cpuSlowdown` 4 runs
  // the page's JavaScript and WebAssembly four times slower.
  if (cpuSlowdown) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', ''].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) {
      page.problems.push(`request left the machine: ${r.url()}`);
    }
  });
  await page.goto(url);
  await live(page);
  return page;
}

/** Waits until the app has taken over the prerendered first paint (src/ui/first_paint.rs): its
 * module is asked for only after the first paint, so a page can be loaded while the frame's controls
 * still show. A test of the live page acts on the live page; a file set on a frame's
 * control as the app replaces it would land on a detached one (tests/e2e/first-paint.test.mjs
 * covers what a person does in the frame). Pages without a first paint (the Company view) are
 * live at once. */
export async function live(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const check = () => {
      const state = document.documentElement.getAttribute('data-first-paint');
      if (state === null || state === 'live') resolve(); else setTimeout(check, 20);
    };
    check();
  }));
}

/** A second tab of `page`'s browser context (the same storage), open at `url` with its figures shown. */
export async function anotherTab(page, url) {
  const tab = await page.context().newPage();
  await tab.goto(url);
  await live(tab);
  await figure(tab, 'expected-token-pv');
  return tab;
}

/**
 * The figure in the element with this data-testid, once it is there: for a rounded figure
 * ("$85,300") its exact one ("$85,295.19", in `data-exact`), else its text.
 */
export async function figure(page, testid) {
  const el = page.getByTestId(testid).first();
  await el.waitFor({ state: 'visible', timeout: 15000 });
  return ((await el.getAttribute('data-exact')) || (await el.textContent())).trim();
}

/** The text the element with this data-testid shows, once it is there (a rounded figure as rounded). */
export async function shownText(page, testid) {
  const el = page.getByTestId(testid).first();
  await el.waitFor({ state: 'visible', timeout: 15000 });
  return (await el.textContent()).trim();
}

/**
 * Waits until the Company view's report is the team's as it is now: after a change the last
 * report stays on screen, marked busy, until the new one is worked out (src/ui/company/report.rs).
 */
export async function settledReport(page, timeout = 20000) {
  await page.locator('[data-testid="team-report"][aria-busy="false"]').waitFor({ timeout });
}

/** The report `tokenworth value` prints for an offer file. */
export function cliReport(offerFile, extraArgs = []) {
  return JSON.parse(execFileSync(CLI, ['value', ...extraArgs, offerFile], { encoding: 'utf8' }));
}

/** Page money ("$85,295.19", "-€1,234.50", "CHF 3.10") as the report's string ("85295.19"). */
export function moneyAsReport(text) {
  const negative = /^[-−]/.test(text.trim());
  const digits = text.replace(/[^0-9.]/g, '');
  return (negative ? '-' : '') + digits;
}

/** The page's percentage for a probability: one decimal, as format::percent prints it. */
export function percentOf(probability) {
  return `${(Math.round(probability * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

/** Opens an offer file with the page's Import button. */
export async function importFile(page, file) {
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-message').waitFor();
}

/** Imports offer files with the page's Import button and ticks them for comparison (the imported
 * copies are the last offers in the list). */
export async function importAndPick(page, files) {
  await figure(page, 'expected-token-pv');
  for (const file of files) {
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-message').filter({ hasText: path.basename(file) }).waitFor();
  }
  const boxes = page.locator('[data-testid^="compare-pick-"]');
  const count = await boxes.count();
  for (let i = count - files.length; i < count; i += 1) await boxes.nth(i).check();
}

const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-e2e-'));

/** Exports the open offer with the page's Export button; the path of the file it saved. */
export async function exportToFile(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-file').click()]);
  const target = path.join(downloads, name);
  await download.saveAs(target);
  return target;
}

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** What axe-core finds wrong on the page as it is now, one line per rule. */
export async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The headline's figures of the deal against salary only, by test id, from a CLI report: on
 * average, less the cost of the risk, is the answer after risk (the verdict's own figures). */
export function dealFigures(report) {
  const d = report.decision;
  return { 'net-pv': d.expected_net, 'cost-of-risk': d.risk_carried, 'risk-adjusted-net': d.risk_adjusted_net,
    'deal-yearly': d.risk_adjusted_net_annual_pretax };
}

/** Every headline figure on the page equals the CLI's report for `offerFile` (read through `figure`). */
export async function assertHeadlineMatches(page, offerFile) {
  const report = cliReport(offerFile);
  await page.waitForFunction(() => !document.querySelector('[data-testid="out-of-date"]'));
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv, 'expected token value');
  assert.equal(await figure(page, 'prob-zero'), percentOf(report.prob_zero), 'chance of nothing');
  for (const [testid, amount] of Object.entries(dealFigures(report))) {
    assert.equal(moneyAsReport(await figure(page, testid)), amount, testid);
  }
  return report;
}
