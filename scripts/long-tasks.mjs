// Lists the main-thread tasks over 50 ms while the built site loads with the CPU slowed four
// times (Chromium's throttling, as Lighthouse's simulated phone; issue 29 asks for none), until
// the simulation's first summary is on screen: for each build, the longest task before the first
// paint, from it until the app has taken the prerendered frame over, after that, and every one, with
// what each put on the page (the heading of each part added by the end of the task), so that a
// long task can be told from the others.
// Several builds' loads alternate, so that each is measured at the same moment of a busy machine.
// Prints figures; asserts nothing.
// Usage: [RUNS=N] [CPU_RATE=4] node scripts/long-tasks.mjs [DIR ...]   (default dist/)
import path from 'node:path';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const RATE = Number(process.env.CPU_RATE ?? 4);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : [DIST];
const browser = await launch();
const builds = [];
for (const dir of dirs) builds.push({ dir, server: await serve({ dir, gzip: true }), runs: [] });
for (let i = 0; i < RUNS; i++) for (const build of builds) build.runs.push(await loadOnce(build.server));
for (const { dir, runs } of builds) {
  // Before the first paint the tasks are the browser's (the page's parsing, the frame's first
  // style and layout); from it until the app is live, the app's start; then the later parts.
  const longest = (r, from, to) => Math.max(0, ...r.tasks.filter(([start, d]) => start + d > from && start <= to).map(([, d]) => d));
  const frame = runs.map((r) => longest(r, 0, r.paint));
  const start = runs.map((r) => longest(r, r.paint, r.live));
  const later = runs.map((r) => longest(r, r.live + 1, Infinity));
  console.log(`${dir}: at ${RATE}x CPU, median of ${RUNS}: longest task until the first paint ${median(frame)} ms, from it until the app is live ${median(start)} ms, after it ${median(later)} ms, tasks over 50 ms ${median(runs.map((r) => r.tasks.length))}`);
  for (const r of runs) {
    console.log(`  first paint ${r.paint} ms, live ${r.live} ms; tasks (start:duration) ${r.tasks.map(([s, d]) => `${s}:${d}`).join(' ')}`);
    // A task's additions are recorded by a mutation observer at its end (a microtask).
    // And the app's own marks of its start's steps (kit::tasks::mark) made within the task.
    const built = (s, d) => [...r.marks, ...r.added].filter(([t]) => t >= s && t <= s + d + 1).map(([, what]) => what).join(', ');
    console.log(`    built: ${r.tasks.map(([s, d]) => `${s}:${d} ${built(s, d) || '-'}`).join(' | ')}`);
  }
}
for (const { server } of builds) await server.close();
await browser.close();

async function loadOnce(server) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]); })
      .observe({ type: 'longtask', buffered: true });
    // The parts added to the page, by their heading (a section's legend, a panel's title).
    window.__added = [];
    new MutationObserver((records) => {
      const names = [];
      for (const r of records) for (const n of r.addedNodes) {
        const heading = n.nodeType === 1 && (n.matches('legend, h2, h3') ? n : n.querySelector('legend, h2, h3'));
        if (heading) names.push(heading.textContent.trim().slice(0, 24));
      }
      if (names.length) window.__added.push([Math.round(performance.now()), [...new Set(names)].join(' + ')]);
    }).observe(document, { childList: true, subtree: true });
    new MutationObserver(() => {
      if (!window.__live && document.documentElement.getAttribute('data-first-paint') === 'live') window.__live = Math.round(performance.now());
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-first-paint'] });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-testid="mc-mean"]'), null, { timeout: 120_000 });
  await page.waitForTimeout(1500);
  const run = await page.evaluate(() => ({
    tasks: window.__tasks,
    added: window.__added,
    live: window.__live,
    marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tokenworth:')).map((m) => [Math.round(m.startTime), m.name.slice(11)]),
    paint: Math.round(performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? 0),
  }));
  await context.close();
  return run;
}
