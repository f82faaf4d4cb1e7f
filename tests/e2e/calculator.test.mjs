// The calculator as a person uses it: import an offer, type new values, reload, export and
// re-import, break or block storage. Figures are always checked against `tokenworth value`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, anotherTab, figure, cliReport, importFile, exportToFile, moneyAsReport, percentOf, ROOT, assertHeadlineMatches } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const example = (name) => path.join(ROOT, 'examples', `${name}.json`);

async function type(page, testid, text) {
  const input = page.getByTestId(testid);
  await input.fill(text);
}

test('an imported offer shows the figures tokenworth value prints for the same file', async () => {
  const page = await openPage(browser, server.url);
  await importFile(page, example('research-lab'));
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Research lab milestone units');
  await assertHeadlineMatches(page, example('research-lab'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('renaming a milestone renames the scenarios\' mentions of it as it is typed, and the offer stays valid', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const before = await page.getByTestId('expected-token-pv').getAttribute('data-exact');
  const name = page.getByTestId('field-payouts.milestones[0].name');
  await name.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('General availability', { delay: 20 });
  // Never an error at a scenario's mention, and the figures do not move: the link is kept.
  assert.equal(await page.locator('.error:has-text("is not one of the milestones")').count(), 0);
  assert.equal(await page.getByTestId('out-of-date').count(), 0);
  const file = await exportToFile(page, 'renamed.json');
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(saved.payouts.milestones[0].name, 'General availability');
  assert.deepEqual(saved.scenarios.map((s) => s.milestones_hit ?? []), [[], ['General availability'], ['General availability']]);
  assert.equal(await page.getByTestId('expected-token-pv').getAttribute('data-exact'), before);
  assert.match(await page.getByTestId('scenario-row-1').textContent(), /General availability/);
  await assertHeadlineMatches(page, file);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('typed values (1.25M, 250k, 1,000) change the figures exactly as the CLI computes them', async () => {
  const page = await openPage(browser, server.url);
  // Amounts and quantities read with thousands separators; the seed, a label, as it is.
  await figure(page, 'expected-token-pv');
  assert.equal(await page.getByTestId('field-grant.supply').inputValue(), '1,000,000');
  assert.equal(await page.getByTestId('field-salary.base_annual').inputValue(), '180,000');
  assert.equal(await page.getByTestId('field-simulation.paths').inputValue(), '10,000');
  assert.match(await page.getByTestId('field-simulation.seed').inputValue(), /^\d+$/);
  await type(page, 'field-salary.sacrificed_annual', '25k');
  await type(page, 'field-grant.tokens', '12,500');
  await type(page, 'field-scenarios[1].annual_revenue[1]', '2.5M');
  await type(page, 'field-personal.income_tax_pct', '40%');
  const file = await exportToFile(page, 'typed.json');
  const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(offer.salary.sacrificed_annual, '25000');
  assert.equal(offer.grant.tokens, 12500);
  assert.equal(offer.scenarios[1].annual_revenue[1], '2500000');
  assert.equal(offer.personal.income_tax_pct, '40');
  await assertHeadlineMatches(page, file);
  const report = cliReport(file);
  await page.getByTestId('mc-mean').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="mc-progress"]'));
  assert.equal(moneyAsReport(await figure(page, 'mc-mean')), report.monte_carlo.mean, 'the simulation agrees with the CLI');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('reloading keeps every change, and export then import gives an identical offer', async () => {
  const page = await openPage(browser, server.url);
  await type(page, 'field-name', 'Kept across reloads');
  await type(page, 'field-personal.wealth', '1.5M');
  await page.reload();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Kept across reloads');
  assert.equal(await page.getByTestId('field-personal.wealth').inputValue(), '1,500,000');
  const first = await exportToFile(page, 'first.json');
  await importFile(page, first);
  const second = await exportToFile(page, 'second.json');
  assert.equal(fs.readFileSync(second, 'utf8'), fs.readFileSync(first, 'utf8'));
  const options = await page.getByTestId('offer-picker').locator('option').allTextContents();
  assert.equal(options.filter((o) => o === 'Kept across reloads').length, 2, 'the import is a new saved offer');
  await page.context().close();
});

test('an invalid value gets its message at the field, results stay marked out of date, and recover', async () => {
  const page = await openPage(browser, server.url);
  const before = await figure(page, 'expected-token-pv');
  await type(page, 'field-scenarios[0].probability_pct', '50');
  await page.getByTestId('out-of-date').waitFor();
  assert.match(await page.getByTestId('error-scenarios').textContent(), /add up to 110%/);
  assert.equal(await figure(page, 'expected-token-pv'), before, 'last valid results stay');
  await type(page, 'field-grant.vesting.every_months', 'abc');
  assert.match(await page.getByTestId('error-grant.vesting.every_months').textContent(), /whole number/);
  await type(page, 'field-grant.vesting.every_months', '1');
  await page.getByTestId('balance-probabilities').click();
  assert.equal(await page.getByTestId('probability-total').textContent(), '100%');
  await page.waitForFunction(() => !document.querySelector('[data-testid="out-of-date"]'));
  const file = await exportToFile(page, 'balanced.json');
  await assertHeadlineMatches(page, file);
  await page.context().close();
});

test('unreadable stored data is kept as a backup and the person is told', async () => {
  const corrupt = '{"format":"tokenworth-library","version":1,"offers":[{"id":"x","docu';
  const page = await openPage(browser, server.url, {
    initScript: `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('tokenworth.library', ${JSON.stringify(corrupt)}); sessionStorage.setItem('seeded', '1'); }`,
  });
  await page.getByTestId('backup-notice').waitFor();
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tokenworth.backup.')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(backups, [corrupt]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-backup').click()]);
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), corrupt);
  await figure(page, 'expected-token-pv');
  await page.context().close();
});

test('a library written by a newer tokenworth is left untouched', async () => {
  const newer = '{"format":"tokenworth-library","version":9,"offers":[]}';
  const page = await openPage(browser, server.url, { initScript: `localStorage.setItem('tokenworth.library', ${JSON.stringify(newer)});` });
  await page.getByTestId('newer-notice').waitFor();
  await type(page, 'field-name', 'Not saved over the newer data');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => localStorage.getItem('tokenworth.library')), newer);
  await page.context().close();
});

test('with storage blocked (as in a sandboxed iframe) the app works in memory and says so', async () => {
  const page = await openPage(browser, server.url, {
    initScript: `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`,
  });
  await page.getByTestId('storage-notice').waitFor();
  await type(page, 'field-salary.sacrificed_annual', '30000');
  const file = await exportToFile(page, 'blocked.json');
  await assertHeadlineMatches(page, file);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('with storage full the app keeps working and says changes are not saved', async () => {
  const page = await openPage(browser, server.url, {
    initScript: `Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`,
  });
  await type(page, 'field-name', 'Too much');
  await page.getByTestId('storage-notice').waitFor();
  assert.match(await page.getByTestId('storage-notice').textContent(), /full/);
  await figure(page, 'expected-token-pv');
  await page.context().close();
});

test('a change made in another tab shows up in this one', async () => {
  const first = await openPage(browser, server.url);
  await figure(first, 'expected-token-pv');
  const second = await anotherTab(first, server.url);
  await second.getByTestId('field-name').fill('Renamed in the other tab');
  await first.waitForFunction(() => document.querySelector('[data-testid="field-name"]').value === 'Renamed in the other tab');
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

test('offers: create, duplicate, delete with undo', async () => {
  const page = await openPage(browser, server.url);
  const count = async () => (await page.getByTestId('offer-picker').locator('option').count());
  await figure(page, 'expected-token-pv');
  const start = await count();
  await page.getByTestId('new-offer').click();
  assert.equal(await count(), start + 1);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'New offer');
  await page.getByTestId('duplicate-offer').click();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'New offer (copy)');
  await page.getByTestId('delete-offer').click();
  assert.equal(await count(), start + 1);
  await page.getByTestId('undo-delete').click();
  assert.equal(await count(), start + 2);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'New offer (copy)');
  await page.getByTestId('rename').click();
  await page.getByTestId('rename-input').fill('Counter-offer');
  await page.getByTestId('rename-input').press('Enter');
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Counter-offer');
  assert.ok((await page.getByTestId('offer-picker').locator('option').allTextContents()).includes('Counter-offer'));
  // The examples are offered by name and kind, each name the one its file gives.
  const examples = await page.getByTestId('new-from-example').locator('option').allTextContents();
  const realPlans = ['openai-ppu', 'contributor-grant', 'expiring-rsus', 'profits-interest',
    'huang-compute-budget', 'startup-compute-swap'];
  for (const id of ['acme-copilot', 'research-lab', 'salary-only', ...realPlans]) {
    const { name } = JSON.parse(fs.readFileSync(example(id), 'utf8'));
    assert.ok(examples.some((text) => text.startsWith(`${name}: `)), `${name} in ${examples}`);
  }
  await page.getByTestId('new-from-example').selectOption('research-lab');
  assert.equal(await count(), start + 3);
  await assertHeadlineMatches(page, example('research-lab'));
  await page.reload();
  await figure(page, 'expected-token-pv');
  assert.equal(await count(), start + 3, 'every offer kept across a reload');
  // A real plan's example names its sources in plain words, with links.
  await page.getByTestId('new-from-example').selectOption('openai-ppu');
  const sources = page.getByTestId('example-sources');
  assert.match(await sources.textContent(), /Where these terms come from.*Levels\.fyi/s);
  assert.equal(await sources.locator('a[href="https://www.levels.fyi/blog/openai-compensation.html"]').count(), 1);
  await page.context().close();
});

test('the four charts are drawn with text alternatives that follow the figures', async () => {
  const page = await openPage(browser, server.url);
  const report = cliReport(example('acme-copilot'));
  for (const id of ['outcomes', 'yearly-cash', 'tokens', 'tornado']) {
    const chart = page.getByTestId(`chart-${id}`);
    await chart.waitFor();
    assert.equal(await chart.getAttribute('role'), 'img');
    const [titleId, descId] = (await chart.getAttribute('aria-labelledby')).split(' ');
    assert.ok((await page.locator(`#${titleId}`).textContent()).length > 5);
    assert.ok((await page.locator(`#${descId}`).textContent()).length > 20);
    assert.ok(await chart.locator('rect, polyline').count() > 0, `${id} draws shapes`);
  }
  // The tornado's axis runs under its last bar, not through it.
  const [axis, lowest] = await page.getByTestId('chart-tornado').evaluate((svg) => [
    Number(svg.querySelector('line.axis').getAttribute('y1')),
    Math.max(...[...svg.querySelectorAll('rect')].map((r) => Number(r.getAttribute('y')) + Number(r.getAttribute('height')))),
  ]);
  assert.ok(lowest <= axis, `last bar ends at ${lowest}, axis at ${axis}`);
  // The tornado draws what would change the answer: the deal after risk with each input at 0.8×
  // and 1.2× (the CLI's decision.what_changes_it), a bar for each that moves it; in OpenAI's units
  // income tax moves nothing (no salary is given up), so it gets no bar and is named under the chart.
  const moves = (r) => r.decision.what_changes_it.filter((row) => Number(row.swing) !== 0);
  assert.equal(await page.getByTestId('chart-tornado-note').count(), 0);
  assert.equal(await page.getByTestId('chart-tornado').locator('rect').count(), moves(report).length);
  assert.equal(moves(report).length, report.decision.what_changes_it.length);
  await page.getByTestId('new-from-example').selectOption('openai-ppu');
  const note = page.getByTestId('chart-tornado-note');
  await note.waitFor();
  assert.match(await note.textContent(), /^Changes nothing in this offer: .*Income tax/);
  const ppu = cliReport(example('openai-ppu'));
  assert.ok(moves(ppu).length < ppu.decision.what_changes_it.length);
  await page.getByTestId('chart-tornado').locator('rect').nth(moves(ppu).length - 1).waitFor();
  assert.equal(await page.getByTestId('chart-tornado').locator('rect').count(), moves(ppu).length);
  await page.getByTestId('offer-picker').selectOption('acme-copilot');
  await page.getByTestId('chart-tornado-note').waitFor({ state: 'detached' });
  // Token counts read with thousands separators, in the charts and the ledgers alike.
  assert.match(await page.locator('#tokens-desc').textContent(), /10,000 vested by month 60/);
  assert.equal(await page.getByTestId('ledger-0').locator('tbody tr').last().locator('td').first().textContent(), '10,000');
  const outcomes = await page.locator('#outcomes-desc').textContent();
  assert.ok(outcomes.includes('$' + Number(report.distribution.p50).toLocaleString('en-US', { minimumFractionDigits: 2 })), outcomes);
  await page.getByTestId('field-scenarios[0].probability_pct').fill('10');
  await page.getByTestId('balance-probabilities').click();
  await page.waitForFunction((before) => document.querySelector('#outcomes-desc').textContent !== before, outcomes);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('printing gives a clean report: results and questions, no form or controls', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  // The charts, questions and form come with a chunk after the headline: wait until every part
  // checked is in the page, so that "not printed" means hidden and not "not built yet".
  for (const selector of ['.offer-form', '.library', '[data-testid="print"]', '[data-testid="chart-outcomes"]', '[data-testid="questions"]']) {
    await page.locator(selector).first().waitFor({ state: 'attached' });
  }
  await page.emulateMedia({ media: 'print' });
  const visible = async (selector) => page.locator(selector).first().isVisible();
  assert.equal(await visible('.offer-form'), false, 'the form is not printed');
  assert.equal(await visible('.library'), false, 'the offers bar is not printed');
  assert.equal(await visible('[data-testid="print"]'), false, 'buttons are not printed');
  assert.equal(await visible('[data-testid="expected-token-pv"]'), true);
  assert.equal(await visible('[data-testid="chart-outcomes"]'), true);
  assert.equal(await visible('[data-testid="questions"]'), true);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000);
  await page.context().close();
});
