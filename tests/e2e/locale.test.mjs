// Money as people read it (issue 26): figures in the person's own number format, typed in it too,
// with `data-exact` still the command line's; and offers in two currencies compared at a rate the
// person types, with its date, never fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, shownText, cliReport, exportToFile, moneyAsReport, dealFigures, violations, importAndPick, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-locale-'));

/** A report's money string ("85295.19", "-1234.5") as de-DE writes it to the cent: "85.295,19 €". */
function german(amount, sign = '€') {
  const [whole, cents = ''] = Number(amount).toFixed(2).replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount.startsWith('-') ? '-' : ''}${grouped},${cents}\u00a0${sign}`;
}

test('a person in Germany sees and types 1.234,56 €, and the CLI on the exported file gives the same figures', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  // The default is the browser's (en-US here): the figures as the CLI prints them.
  assert.match(await shownText(page, 'expected-token-pv'), /^\$[\d,]+$/);
  // The chooser, at the foot of the page; the choice reloads the page in the new format.
  const choice = page.getByTestId('locale-choice');
  await choice.waitFor();
  assert.deepEqual(await violations(page), [], 'axe finds nothing on the chooser');
  await Promise.all([page.waitForEvent('load'), choice.selectOption('de-DE')]);
  await figure(page, 'expected-token-pv');
  assert.equal(await page.evaluate(() => localStorage.getItem('tokenworth.locale')), 'de-DE', 'the choice is kept');
  assert.equal(await page.getByTestId('locale-choice').inputValue(), 'de-DE');
  // Fields show values in German: points between thousands.
  assert.equal(await page.getByTestId('field-salary.base_annual').inputValue(), '180.000');
  assert.equal(await page.getByTestId('field-grant.supply').inputValue(), '1.000.000');

  await page.getByTestId('field-currency').fill('EUR');
  // A number as an American would type it is refused, saying what to type instead.
  await page.getByTestId('field-salary.base_annual').fill('150,000.50');
  assert.match(await shownText(page, 'error-salary.base_annual'), /here decimals take a comma and thousands a point: type 150\.000,5/);
  await page.getByTestId('field-salary.base_annual').fill('150.000,50');
  await page.getByTestId('field-salary.sacrificed_annual').fill('1.234,56 €');
  await page.getByTestId('field-personal.income_tax_pct').fill('40,5');
  await page.waitForFunction(() => !document.querySelector('[data-testid="error-salary.base_annual"]')?.textContent);
  assert.equal((await page.getByTestId('error-salary.sacrificed_annual').textContent()).trim(), '');

  const file = await exportToFile(page, 'locale-de.json');
  const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(offer.currency, 'EUR');
  assert.equal(offer.salary.base_annual, '150000.5');
  assert.equal(offer.salary.sacrificed_annual, '1234.56');
  assert.equal(offer.personal.income_tax_pct, '40.5');

  const report = cliReport(file);
  await page.waitForFunction(() => !document.querySelector('[data-testid="out-of-date"]'));
  // data-exact is the CLI's figure, in the CLI's form, whatever the page's locale.
  await page.waitForFunction((want) => document.querySelector('[data-testid=expected-token-pv]')?.dataset.exact?.replace(/[^0-9.]/g, '') === want.replace('-', ''), report.expected.token_pv);
  assert.match(await figure(page, 'expected-token-pv'), /^-?€[\d,]+\.\d\d$/);
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv);
  for (const [testid, amount] of Object.entries(dealFigures(report))) {
    assert.equal(moneyAsReport(await figure(page, testid)), amount, testid);
  }
  // What the page shows is German: an estimate as "85.300 €", and to the cent the CLI's figures.
  assert.match(await shownText(page, 'expected-token-pv'), /^-?\d{1,3}(\.\d{3})*\u00a0€$/);
  assert.match(await shownText(page, 'prob-zero'), /^\d+,\d\u00a0%$/);
  await page.getByTestId('exact-figures').click();
  await page.waitForFunction(() => /,\d\d\u00a0€$/.test(document.querySelector('[data-testid=expected-token-pv]').textContent.trim()));
  assert.equal(await shownText(page, 'expected-token-pv'), german(report.expected.token_pv));
  assert.equal(await shownText(page, 'risk-adjusted-net'), german(report.decision.risk_adjusted_net));

  // The share link carries the author's format: a reader with no choice of their own sees German.
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /\?locale=de-DE#offer=v1\./);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  const reader = await openPage(browser, link);
  await figure(reader, 'expected-token-pv');
  assert.match(await shownText(reader, 'expected-token-pv'), /\u00a0€$/);
  assert.equal(await reader.getByTestId('field-salary.sacrificed_annual').inputValue(), '1.234,56');
  assert.deepEqual(reader.problems, []);
  await reader.context().close();
});

test('India groups in lakhs: the link\'s en-IN shows 12,34,567.89 and reads it typed', async () => {
  const page = await openPage(browser, `${server.url}?locale=en-IN`);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('field-currency').fill('INR');
  await page.getByTestId('field-salary.base_annual').fill('12,34,567.89');
  const file = await exportToFile(page, 'locale-in.json');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).salary.base_annual, '1234567.89');
  assert.equal(await page.getByTestId('field-grant.supply').inputValue(), '10,00,000');
  assert.match(await shownText(page, 'expected-token-pv'), /^-?₹[\d,]+$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('two offers in GBP and USD compared at a typed rate, each converted figure saying so', async () => {
  const dollars = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/salary-only.json'), 'utf8'));
  const pounds = { ...dollars, name: 'London salary', currency: 'GBP', salary: { ...dollars.salary, base_annual: '150000' } };
  const files = [['dollars', dollars], ['pounds', pounds]].map(([name, offer]) => {
    const file = path.join(scratch, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(offer, null, 2));
    return file;
  });
  const page = await openPage(browser, server.url);
  await importAndPick(page, files);
  // Without a rate: each in its own currency, unranked, and a rate is asked for.
  await page.getByTestId('compare-rates').waitFor();
  assert.match(await shownText(page, 'compare-verdict'), /different currencies.*type the exchange rate and its date/);
  const rate = page.getByTestId('compare-rate-GBP');
  await rate.fill('1,27');
  assert.match(await shownText(page, 'compare-rates'), /"1,27" is not a number/);
  assert.equal(await rate.getAttribute('aria-invalid'), 'true');
  await rate.fill('1.27');
  await page.getByTestId('compare-rate-date-GBP').fill('2026-12-01');
  await page.getByTestId('compare-conversion').waitFor();
  assert.equal(await shownText(page, 'compare-conversion'),
    '«London salary»\'s figures are converted from GBP to USD at 1 GBP = 1.27 USD on 2026-12-01, the rate you entered; tokenworth fetches no rates.');
  const table = page.getByTestId('compare-table');
  const headers = await table.locator('thead th').allTextContents();
  assert.match(headers[2], /London salary \(converted from GBP at 1 GBP = 1\.27 USD on 2026-12-01\)/);
  const cell = async (id, col) => (await page.getByTestId(`compare-row-${id}`).locator('td').nth(col).textContent()).trim();
  // Worked by hand: £150,000 × 1.27 = $190,500.00; the dollar offer's $200,000 is the baseline.
  assert.equal(await cell('full-salary', 1), '$190,500.00');
  assert.equal(await cell('full-salary', 0), '$200,000.00');
  assert.match(await page.getByTestId('compare-row-after-risk').locator('th').textContent(), /against salary only at \$200,000\.00 a year/);
  // Total pay: the CLI's own figure for the pound file, in pounds, times the rate.
  const own = cliReport(files[1]);
  const converted = Number(own.expected.total_comp_pv) * 1.27;
  assert.ok(Math.abs(Number(moneyAsReport(await cell('total-pay--today-s-money', 1))) - converted) <= 0.01,
    `${await cell('total-pay--today-s-money', 1)} against ${converted}`);
  assert.equal(moneyAsReport(await cell('total-pay--today-s-money', 0)), cliReport(files[0]).expected.total_comp_pv);
  // It pays less for sure, so it comes second, in dollars.
  assert.ok(Number(moneyAsReport(await cell('after-risk', 1))) < 0);
  assert.match(await shownText(page, 'compare-verdict'), /Salary-only alternative comes first/);
  assert.deepEqual(await violations(page), [], 'axe finds nothing on the rate controls');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Company view and the charts follow the same choice: German figures, German typing, axis labels too', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-locale-company-'));
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem('tokenworth.locale', 'de-DE'));
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}company/index.html`);
  await page.getByTestId('team-report').waitFor({ timeout: 20000 });
  // A member's tokens shown and typed with points between thousands.
  const tokens = page.getByTestId('field-members[0].tokens');
  assert.equal(await tokens.inputValue(), '10.000');
  const before = await page.getByTestId('totals-team').getByTestId('cost').textContent();
  await tokens.fill('12.000');
  await page.getByTestId('totals-team').getByTestId('cost').filter({ hasNotText: before }).waitFor();
  const cost = (await page.getByTestId('totals-team').getByTestId('cost').textContent()).trim();
  assert.match(cost, /^[\d.]+,\d\d\u00a0\$$/, cost);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-team').click()]);
  const file = path.join(work, 'team.json');
  await download.saveAs(file);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).members[0].tokens, 12000);
  // The calculator's chart axes: "85,3k $" style, the suffix after the number.
  const calculator = await context.newPage();
  await calculator.goto(server.url);
  await figure(calculator, 'expected-token-pv');
  const axis = calculator.getByTestId('chart-outcomes').locator('text');
  await axis.first().waitFor();
  const labels = await axis.allTextContents();
  assert.ok(labels.some((l) => /^\d+(,\d)?k\u00a0\$$/.test(l)), labels.join(' | '));
  assert.ok(labels.some((l) => /^\d+\u00a0%$/.test(l)), labels.join(' | '));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the guided start reads answers typed in German: 25.000 tokens of 2.000.000', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem('tokenworth.locale', 'de-DE'));
  const page = await context.newPage();
  await page.goto(`${server.url}#start`);
  await page.getByTestId('guided-grant.tokens').waitFor();
  await page.getByTestId('guided-grant.tokens').fill('25.000');
  await page.getByTestId('guided-grant.supply').fill('2.000.000');
  await page.waitForFunction(() => {
    const offers = JSON.parse(localStorage.getItem('tokenworth.library') ?? '{"offers":[]}').offers;
    const grant = offers.at(-1)?.document?.grant;
    return grant?.tokens === 25000 && grant?.supply === 2000000;
  });
  assert.equal(await page.getByTestId('guided-error-grant.tokens').textContent(), '');
  await context.close();
});
