// Offer file version 4's rest (MODEL.md 8.2, 8.3, 8.5; issue 25) as a person sees it: an offer
// taxed at vest with a leaving rule, imported and typed into the form; the headline says the tax
// owed before any cash, the chance of a loss and the leaving rule's worth in the words `--text`
// prints, the ledger shows the tax at vest going out, and every figure is the CLI's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, figure, importFile, exportToFile, ROOT, CLI, assertHeadlineMatches } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The words `tokenworth value --text` prints, on one line. */
function cliText(offerFile) {
  return execFileSync(CLI, ['value', '--text', offerFile], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The headline's sentences about tax before cash and leaving, one string each. */
async function sentences(page) {
  const list = page.getByTestId('tax-and-leaving');
  await list.waitFor({ state: 'visible', timeout: 15000 });
  return (await list.locator('li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
}

test('an offer taxed at vest with a leaving rule says the tax before cash, the chance of a loss and the rule\'s worth', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const file = path.join(ROOT, 'examples/taxed-at-vest.json');
  await importFile(page, file);
  await assertHeadlineMatches(page, file);
  const said = await sentences(page);
  const text = cliText(file);
  assert.ok(said.length >= 5, said.join('\n'));
  for (const sentence of said) assert.ok(text.includes(sentence), `--text does not say: ${sentence}`);
  assert.ok(said.some((s) => s.startsWith('In the Fizzles scenario you would pay £3,750 of tax')), said.join('\n'));
  assert.ok(said.some((s) => s.includes('30.2%') && s.includes('41.2%')), 'the chance of a loss beside the chance of nothing');
  assert.ok(said.some((s) => s.startsWith('Leaving if the project earns under £1,000,000 a year is worth')), said.join('\n'));
  assert.ok(said.includes("The tax rates in use are GB's, for 2026."));
  // The ledger's tax at vest is money going out, and the yearly chart draws it below the line.
  assert.equal((await page.getByTestId('ledger-tax-0-1').textContent()).trim(), '-£1,410.00');
  const chart = page.getByTestId('chart-yearly-cash');
  await chart.waitFor();
  assert.equal(await chart.locator('rect.bar-tax-at-vest').count(), 10);
  assert.match(await chart.locator('rect.bar-tax-at-vest').first().locator('title').textContent(), /Fizzles, year 1: tax at vest -£1,410\.00/);
  // The answer says what it counts, in the words --text prints.
  const verdict = (await page.getByTestId('verdict').textContent()).trim();
  assert.match(verdict, /These figures take off the £34,400 of income tax due on the tokens as they vest \(before any can be sold\) and count your rule to leave if the project earns under £1,000,000 a year\./);
  assert.ok(text.replace(/\s+/g, ' ').includes(verdict), '--text says the same verdict');
});

test('a leaving rule and tax at vest typed into the form give the figures the CLI prints', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  // The starter has buybacks, whose price values a vesting token.
  await page.getByTestId('add-quit_if').click();
  const minimum = page.getByTestId('field-leaving.quit_if.min_trailing_revenue');
  await minimum.waitFor();
  await minimum.fill('1.5M');
  await page.getByTestId('field-personal.taxed_at').selectOption('vest');
  const file = await exportToFile(page, 'version4.json');
  const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(offer.personal.taxed_at, 'vest');
  assert.deepEqual(offer.leaving.quit_if, { first_review_month: 24, every_months: 12, min_trailing_revenue: '1500000' });
  const report = await assertHeadlineMatches(page, file);
  assert.ok(Number(report.expected.tax_at_vest_pv) > 0);
  const said = await sentences(page);
  const text = cliText(file);
  for (const sentence of said) assert.ok(text.includes(sentence), `--text does not say: ${sentence}`);
  assert.ok(said.some((s) => s.startsWith('Leaving if the project earns under $1,500,000 a year')), said.join('\n'));
});
