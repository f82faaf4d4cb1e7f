// Measures the built site in headless Chromium on 127.0.0.1 and prints figures (asserts nothing):
// time from navigation to the first results painted, keystroke to updated headline, and the longest
// main-thread task while typing and while a 1,000,000-path simulation runs. Medians of 5 runs.
// Usage: node scripts/page-perf.mjs   (after trunk build --release)
import { serve, launch } from '../tests/e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// A page of one static paragraph, served the same way: how soon this machine and browser paint
// anything at all after navigation, the floor under the first figure above.
const FLOOR_PAGE = '<!DOCTYPE html><html lang="en"><title>floor</title><p elementtiming="floor">1,234.56</p>';
const server = await serve({ pages: { 'floor.html': FLOOR_PAGE } });
const browser = await launch();
const runs = { floor: [], first: [], loadTask: [], keystroke: [], typingTask: [], bigRunTask: [] };
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'floor' && e.renderTime) window.__floor = e.renderTime;
    }).observe({ type: 'element', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}floor.html`);
  await page.waitForFunction(() => window.__floor);
  runs.floor.push(await page.evaluate(() => window.__floor));
  await context.close();
}
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // When the first headline figure is painted, by the Element Timing API, from navigation start.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'expected-token-pv' && e.renderTime && !window.__firstResults) window.__firstResults = e.renderTime;
    }).observe({ type: 'element', buffered: true });
    window.__longest = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstResults);
  runs.first.push(await page.evaluate(() => window.__firstResults));
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
  await page.getByTestId('field-simulation.paths').fill('1000000');
  await page.waitForTimeout(1500);
  runs.bigRunTask.push(await page.evaluate(() => window.__longest));
  await context.close();
}
await browser.close();
await server.close();
const show = (label, xs, unit, budget) => console.log(`${label.padEnd(62)} ${median(xs).toFixed(1).padStart(7)} ${unit}   (budget ${budget})`);
show('navigation to first paint of a one-paragraph static page', runs.floor, 'ms', 'none: the floor here');
show('navigation to first results on screen', runs.first, 'ms', '150 ms');
show('longest main-thread task while the page loads', runs.loadTask, 'ms', 'none; 0 = none over 50 ms');
show('keystroke to updated headline figures', runs.keystroke, 'ms', '16 ms');
show('longest main-thread task while typing 10 characters', runs.typingTask, 'ms', '50 ms; 0 = none over 50 ms');
show('longest main-thread task during a 1,000,000-path run', runs.bigRunTask, 'ms', '50 ms; 0 = none over 50 ms');
