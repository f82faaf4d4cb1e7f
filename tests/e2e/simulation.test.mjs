// A large simulation shows its progress, keeps the page usable, and can be stopped; the default
// run agrees with the command-line tool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a million-path run shows progress, leaves the form usable, and stops on request', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'mc-mean');
  await page.getByTestId('field-simulation.paths').fill('1,000,000');
  await page.getByTestId('mc-progress').waitFor();
  // The page answers while the run goes on: an edit updates the exact figures at once.
  const before = await figure(page, 'expected-token-pv');
  await page.getByTestId('field-grant.tokens').fill('20000');
  await page.waitForFunction((b) => document.querySelector('[data-testid="expected-token-pv"]').dataset.exact !== b, before);
  // The edit restarted the run; it is still going, and Stop ends it.
  await page.getByTestId('mc-progress').waitFor();
  const done = Number(await page.getByTestId('mc-progress').getAttribute('value'));
  assert.ok(done < 1_000_000, `still running (${done} done)`);
  await page.getByTestId('mc-cancel').click();
  await page.getByTestId('mc-progress').waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the default simulation on the page equals the command-line tool for the same seed', async () => {
  const page = await openPage(browser, server.url);
  const report = cliReport(path.join(ROOT, 'examples/acme-copilot.json'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="mc-progress"]') && document.querySelector('[data-testid="mc-mean"]'));
  assert.equal(moneyAsReport(await figure(page, 'mc-mean')), report.monte_carlo.mean);
  assert.equal(moneyAsReport(await figure(page, 'mc-p5')), report.monte_carlo.p5);
  assert.equal(moneyAsReport(await figure(page, 'mc-p95')), report.monte_carlo.p95);
  await page.context().close();
});
