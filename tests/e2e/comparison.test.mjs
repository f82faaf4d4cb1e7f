// Offers side by side, each figure checked against `tokenworth value` on the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, percentOf, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('two imported offers side by side, figure by figure as the CLI prints them', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  for (const name of ['acme-copilot', 'salary-only']) {
    await page.getByTestId('import-file').setInputFiles(path.join(ROOT, 'examples', `${name}.json`));
    await page.getByTestId('import-message').filter({ hasText: `${name}.json` }).waitFor();
  }
  // The imported copies are the last two offers in the list.
  const boxes = page.locator('[data-testid^="compare-pick-"]');
  const count = await boxes.count();
  await boxes.nth(count - 2).check();
  await boxes.nth(count - 1).check();
  const table = page.getByTestId('compare-table');
  await table.waitFor();
  const cell = async (row, col) => (await table.locator('tbody tr').nth(row).locator('td').nth(col).textContent()).trim();
  for (const [col, name] of [[0, 'acme-copilot'], [1, 'salary-only']]) {
    const r = cliReport(path.join(ROOT, 'examples', `${name}.json`));
    assert.equal(moneyAsReport(await cell(0, col)), r.expected.total_comp_pv, `${name} total pay`);
    assert.equal(moneyAsReport(await cell(2, col)), r.expected.token_pv, `${name} token value`);
    assert.equal(await cell(3, col), percentOf(r.prob_zero), `${name} chance of nothing`);
    assert.equal(moneyAsReport(await cell(4, col)), r.certainty_equivalent, `${name} risk-adjusted`);
    assert.equal(moneyAsReport(await cell(5, col)), r.salary_equivalent_annual_pretax, `${name} salary equivalent`);
    assert.equal(moneyAsReport(await cell(6, col)), r.expected.net_pv, `${name} net`);
  }
  assert.match(await page.getByTestId('compare-verdict').textContent(), /Acme Copilot tokens comes first on total pay.*but Salary-only alternative does once risk is counted/);
  const chart = page.getByTestId('chart-compare');
  assert.equal(await chart.locator('polyline').count(), 2);
  assert.match(await page.locator('#compare-desc').textContent(), /one line per offer/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
