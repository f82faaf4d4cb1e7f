// A company's intranet: its plan beside index.html, named in tokenworth.config.json, served from a
// sub-path of a plain static server. The plan's terms are locked; the employee's assumptions are not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, DIST, ROOT } from './harness.mjs';

let server, browser;
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-intranet-'));
before(async () => {
  fs.cpSync(DIST, site, { recursive: true });
  for (const file of ['plan.json', 'tokenworth.config.json']) {
    fs.copyFileSync(path.join(ROOT, 'examples/intranet', file), path.join(site, file));
  }
  server = await serve({ dir: site, prefix: '/hr/compensation/tokens/' });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the company plan loads from a sub-path, says whose terms they are, and locks them', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('plan-banner').waitFor();
  assert.match(await page.getByTestId('plan-banner').textContent(), /Acme Corp's plan terms/);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Acme Corp token plan (Copilot)');
  const report = cliReport(path.join(ROOT, 'examples/intranet/plan.json'));
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv);
  for (const locked of ['field-grant.tokens', 'field-payouts.revenue_share.pool_pct', 'field-payouts.buyback.revenue_multiple']) {
    assert.equal(await page.getByTestId(locked).getAttribute('readonly'), '', `${locked} is locked`);
  }
  assert.ok(await page.getByTestId('field-leaving.vested_on_leave').isDisabled());
  assert.ok(await page.getByTestId('switch-buyback').isDisabled());
  // The employee's own assumptions are theirs, and are kept when the page loads the plan again.
  const before = await figure(page, 'expected-token-pv');
  await page.getByTestId('field-personal.income_tax_pct').fill('45');
  await page.getByTestId('field-scenarios[0].probability_pct').fill('30');
  await page.getByTestId('field-scenarios[1].probability_pct').fill('55');
  await page.waitForFunction((b) => document.querySelector('[data-testid="expected-token-pv"]').dataset.exact !== b, before);
  await page.reload();
  await page.getByTestId('plan-banner').waitFor();
  assert.equal(await page.getByTestId('field-personal.income_tax_pct').inputValue(), '45');
  assert.equal(await page.getByTestId('field-grant.tokens').inputValue(), '10,000');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('without a plan the shipped config changes nothing', async () => {
  const plain = await serve({ prefix: '/somewhere/' });
  const page = await openPage(browser, plain.url);
  await figure(page, 'expected-token-pv');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('plan-banner').count(), 0);
  assert.equal(await page.getByTestId('field-grant.tokens').getAttribute('readonly'), null);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  await plain.close();
});
