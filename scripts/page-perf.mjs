// Measures the built site in headless Chromium on 127.0.0.1 and prints figures (asserts nothing):
// time from navigation to the first results painted, keystroke to updated headline, and the longest
// main-thread task while typing and while a 1,000,000-path simulation runs. Medians of 5 runs, or
// of RUNS=N: two builds whose load differs by a few milliseconds need 25 or more to tell apart.
// Usage: [RUNS=N] node scripts/page-perf.mjs [DIR ...]   (after trunk build --release; default dist/)
// With several builds (say an old one copied aside and dist/), their runs alternate in one session,
// so that each is measured on the same machine at the same moment.
import path from 'node:path';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';

// Waits for a value the page's init script records, by plain evaluation: Playwright's
// waitForFunction would first inject its own helper script into the page, a 15 ms task that
// lands in the middle of the load being measured.
const recorded = (page, name) => page.evaluate((key) => new Promise((resolve) => {
  const check = () => (window[key] ? resolve(window[key]) : setTimeout(check, 50));
  check();
}), name);
const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// A page of one static paragraph, served the same way: how soon this machine and browser paint
// anything at all after navigation, the floor under the first figure above.
const FLOOR_PAGE = '<!DOCTYPE html><html lang="en"><title>floor</title><p elementtiming="floor">1,234.56</p>';
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : [DIST];
const builds = [];
for (const dir of dirs) {
  const runs = { floor: [], header: [], started: [], inDom: [], first: [], returning: [], loadTask: [], keystroke: [], typingTask: [], bigRun: [], bigRunTask: [] };
  builds.push({ dir, runs, server: await serve({ dir, pages: { 'floor.html': FLOOR_PAGE } }) });
}
const browser = await launch();
for (let i = 0; i < RUNS; i++) for (const { server, runs } of builds) await floorOnce(server, runs);
for (let i = 0; i < RUNS; i++) for (const { server, runs } of builds) await pageOnce(server, runs);
for (let i = 0; i < RUNS; i++) for (const { server, runs } of builds) await returningOnce(server, runs);

// A returning visitor (issue 29): the page loaded and left once in the same browser context (its
// storage kept), then loaded again; when the first headline figure is painted the second time.
async function returningOnce(server, runs) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'expected-token-pv' && e.renderTime && !window.__firstResults) window.__firstResults = e.renderTime;
    }).observe({ type: 'element', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid="mc-mean"]'));
  await page.goto('about:blank');
  await page.goto(server.url);
  runs.returning.push(await recorded(page, '__firstResults'));
  await context.close();
}

async function floorOnce(server, runs) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'floor' && e.renderTime) window.__floor = e.renderTime;
    }).observe({ type: 'element', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}floor.html`);
  runs.floor.push(await recorded(page, '__floor'));
  await context.close();
}

async function pageOnce(server, runs) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // When the first headline figure is painted, by the Element Timing API, from navigation start.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'expected-token-pv' && e.renderTime && !window.__firstResults) window.__firstResults = e.renderTime;
    }).observe({ type: 'element', buffered: true });
    window.__longest = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
    // The phases of the first load: the WebAssembly instantiated and `main` run (Trunk's loader
    // announces it), and the first figure in the DOM (before the frame that paints it).
    addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="expected-token-pv"]')) { window.__inDom = performance.now(); observer.disconnect(); }
      }).observe(document.body, { childList: true, subtree: true });
    });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  runs.first.push(await recorded(page, '__firstResults'));
  // The prerendered figures are painted before the app starts: its phases are waited for.
  const phases = {
    header: await page.evaluate(() => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime),
    started: await recorded(page, '__started'),
    inDom: await recorded(page, '__inDom'),
  };
  for (const [name, at] of Object.entries(phases)) runs[name].push(at);
  await page.waitForFunction(() => document.querySelector('[data-testid="mc-mean"]'));
  runs.loadTask.push(await page.evaluate(() => window.__longest));
  await page.evaluate(() => { window.__longest = 0; });
  const input = page.getByTestId('field-salary.sacrificed_annual');
  await input.click();
  await input.fill('');
  const keystroke = await page.evaluate(async () => {
    const el = document.querySelector('[data-testid="field-salary.sacrificed_annual"]');
    const out = document.querySelector('[data-testid="net-pv"]');
    const before = out.textContent;
    // The moment the new figure is in the DOM (the work queued for later tasks, the verdict, the
    // charts and the simulation, does not count: it runs after the headline can be painted).
    const changed = new Promise((resolve) => new MutationObserver(() => {
      if (out.textContent !== before) resolve(performance.now());
    }).observe(out, { childList: true, subtree: true, characterData: true }));
    const t0 = performance.now();
    el.value = '25000'; el.dispatchEvent(new Event('input', { bubbles: true }));
    return (await changed) - t0;
  });
  runs.keystroke.push(keystroke);
  await input.fill('');
  await input.pressSequentially('1234567890', { delay: 30 });
  await page.waitForTimeout(300);
  runs.typingTask.push(await page.evaluate(() => window.__longest));
  await page.evaluate(() => { window.__longest = 0; });
  const runStart = Date.now();
  await page.getByTestId('field-simulation.paths').fill('1000000');
  // Until the run has finished and its summary is on screen (the summary is the last task).
  await page.getByTestId('mc-progress').waitFor();
  await page.getByTestId('mc-progress').waitFor({ state: 'detached', timeout: 30_000 });
  // The engine's speed in the page, to within Playwright's polling (tens of milliseconds).
  runs.bigRun.push(Date.now() - runStart);
  await page.waitForTimeout(200);
  runs.bigRunTask.push(await page.evaluate(() => window.__longest));
  await context.close();
}
await browser.close();
for (const { server } of builds) await server.close();
for (const { dir, runs } of builds) {
  const show = (label, xs, unit, budget) => console.log(`${label.padEnd(68)} ${median(xs).toFixed(1).padStart(7)} ${unit}   (budget ${budget})`);
  if (builds.length > 1) console.log(`\n${path.relative(process.cwd(), dir) || dir}:`);
  show('navigation to first paint of a one-paragraph static page', runs.floor, 'ms', 'none: the floor here');
  show('navigation to the static header painted (first contentful paint)', runs.header, 'ms', 'none');
  show('navigation to the WebAssembly instantiated and main run', runs.started, 'ms', 'none');
  show('navigation to the first figure in the DOM (end of the mount task)', runs.inDom, 'ms', 'none');
  show('navigation to first results on screen', runs.first, 'ms', '150 ms');
  show('navigation to first results on screen, a returning visitor', runs.returning, 'ms', '1.5 x the floor');
  show('longest main-thread task while the page loads', runs.loadTask, 'ms', 'none; 0 = none over 50 ms');
  show('keystroke to updated headline figures', runs.keystroke, 'ms', '16 ms');
  show('longest main-thread task while typing 10 characters', runs.typingTask, 'ms', '50 ms; 0 = none over 50 ms');
  show('a 1,000,000-path run, from the change to its summary', runs.bigRun, 'ms', 'none');
  show('longest main-thread task during a 1,000,000-path run', runs.bigRunTask, 'ms', '50 ms; 0 = none over 50 ms');
}
