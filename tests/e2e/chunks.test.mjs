// The split WebAssembly (issue 18): the first figures need only the main module, the rest comes in
// chunks after the first paint, and a chunk that cannot be fetched is said so on the page, with
// the headline still right and a way to try again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, ROOT, shownText } from './harness.mjs';

let server, browser;
before(async () => { server = await serve({ prefix: '/tools/tokenworth/' }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const isChunk = (url) => /\.wasm$/.test(new URL(url).pathname) && !/_bg\.wasm$/.test(url);

test('the first figures are painted before any chunk is fetched, and the chunks come from the module\'s directory', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('mc-mean').waitFor();
  await page.getByTestId('field-name').waitFor();
  await page.getByTestId('verdict').waitFor();
  // When the first figure was painted (the headline's figure has an elementtiming attribute):
  // the prerendered frame's, for a first visit; the chunks may come once it is on screen.
  const { painted, chunks } = await page.evaluate(async () => ({
    painted: await new Promise((found) => new PerformanceObserver((list, observer) => {
      const entry = list.getEntries().find((e) => e.identifier === 'expected-token-pv');
      if (entry) { observer.disconnect(); found(entry.renderTime); }
    }).observe({ type: 'element', buffered: true })),
    chunks: performance.getEntriesByType('resource').filter((r) => /\.wasm$/.test(r.name) && !/_bg\.wasm$/.test(r.name))
      .map((r) => ({ name: r.name, start: r.startTime })),
  }));
  assert.ok(painted > 0, 'the figure was painted');
  assert.ok(chunks.length > 0, 'the page fetched chunks');
  for (const chunk of chunks) {
    assert.ok(chunk.name.startsWith(server.url), `${chunk.name} is beside the page`);
    assert.ok(chunk.start > painted, `${chunk.name} was fetched at ${chunk.start} ms, before the first figures were painted at ${painted} ms`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a chunk that cannot be fetched is said so, the headline stays right, and "try again" loads it', async () => {
  const context = await browser.newContext();
  let blocked = true;
  await context.route((url) => isChunk(url.href), (route) => (blocked ? route.abort('connectionfailed') : route.continue()));
  const page = await context.newPage();
  await page.goto(server.url);
  const report = cliReport(path.join(ROOT, 'examples/acme-copilot.json'));
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv);
  const notes = page.getByTestId('chunk-error');
  await notes.first().waitFor();
  assert.match(await notes.first().textContent(), /could not be loaded/);
  assert.equal(await page.getByTestId('field-name').count(), 0);
  // The real plans' offer files come in the chunk too: choosing one says it could not be
  // loaded, and adds nothing.
  const offers = page.getByTestId('offer-picker').locator('option');
  const count = await offers.count();
  await page.getByTestId('new-from-example').selectOption('openai-ppu');
  assert.match(await page.getByTestId('import-message').textContent(), /example could not be loaded/);
  assert.equal(await offers.count(), count);
  assert.equal(await page.getByTestId('new-from-example').inputValue(), '', 'the picker is back at its prompt');
  blocked = false;
  for (let i = 0; i < 100 && (await notes.count()) > 0; i++) {
    await notes.first().getByRole('button', { name: 'try again' }).click();
    await page.waitForTimeout(50);
  }
  await page.getByTestId('field-name').waitFor();
  await page.getByTestId('chart-outcomes').waitFor();
  // Now the same example can be chosen again, and comes with its sources.
  await page.getByTestId('new-from-example').selectOption('openai-ppu');
  await page.getByTestId('example-sources').waitFor();
  assert.equal(await offers.count(), count + 1);
  assert.equal(await page.getByTestId('import-message').count(), 0, 'the failure is no longer said');
  // The headline still follows the inputs, now through the form from its chunk.
  const before = await shownText(page, 'net-pv');
  await page.getByTestId('field-salary.sacrificed_annual').fill('40000');
  await page.getByTestId('net-pv').filter({ hasNotText: before }).waitFor();
  await context.close();
});

test('a guided start that cannot be fetched is said so, and the link tries again', async () => {
  const context = await browser.newContext();
  let blocked = true;
  await context.route((url) => /split_guided/.test(url.href), (route) => (blocked ? route.abort('connectionfailed') : route.continue()));
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('field-name').waitFor();
  await page.getByTestId('guided-start').click();
  const note = page.getByTestId('guided-unavailable');
  await note.waitFor();
  assert.match(await note.textContent(), /could not be loaded/);
  assert.equal(await note.getAttribute('role'), 'alert');
  // The page is as it was: the form is there and still values the offer.
  assert.equal(await page.locator('#guided-title').count(), 0);
  await page.getByTestId('field-name').waitFor();
  blocked = false;
  await page.getByTestId('guided-start').click();
  await page.locator('#guided-title').waitFor();
  assert.equal(await note.count(), 0, 'the notice goes once the guided start opens');
  await context.close();
});
