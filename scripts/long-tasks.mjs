// Lists every main-thread task over 50 ms while the built site loads with the CPU slowed four
// times (Chromium's throttling, as Lighthouse's simulated phone; issue 29 asks for none), until
// the simulation's first summary is on screen, with the first paint and when the app took the
// prerendered frame over. Prints figures; asserts nothing.
// Usage: [RUNS=N] node scripts/long-tasks.mjs [DIR ...]   (default dist/)
import path from 'node:path';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const RATE = Number(process.env.CPU_RATE ?? 4);
const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : [DIST];
const browser = await launch();
for (const dir of dirs) {
  const server = await serve({ dir, gzip: true });
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]); })
        .observe({ type: 'longtask', buffered: true });
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
    const { tasks, live } = await page.evaluate(() => ({ tasks: window.__tasks, live: window.__live }));
    const fcp = await page.evaluate(() => Math.round(performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? 0));
    console.log(`${path.basename(dir)} run ${i + 1}: first paint ${fcp} ms, live at ${live} ms; tasks over 50 ms at ${RATE}x (start:duration): ${tasks.map(([s, d]) => `${s}:${d}`).join(' ')}`);
    await context.close();
  }
  await server.close();
}
await browser.close();
