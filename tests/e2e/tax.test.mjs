// Where you pay tax (issue 26): a person in Germany starts from the guided start, says where they
// pay tax and gets Germany's published rates at their salary (tests/tax.rs works them out by hand),
// overrides one in the form, where it is badged as their own beside the preset's arithmetic and
// sources; the exported offer records the residence and year, and `tokenworth value` on it gives
// the page's figures, with or without `--tax-residence`. An offer of tokens taxed at vest gets the
// sale rate, when they are taxed and the long-term rate from its residence, as the CLI fills them.
// axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, importFile, exportToFile, violations, assertHeadlineMatches, cliReport, CLI, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function next(page, title) {
  await page.getByTestId('guided-next').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="guided-title"]')?.textContent === t, title);
}

test('a person in Germany gets its rates from the guided start, overrides one, and the CLI agrees', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('guided-start').click();
  await page.getByTestId('guided-grant.tokens').waitFor();
  await next(page, 'How the tokens pay');
  await next(page, 'What you give up');
  await page.getByTestId('guided-salary.base_annual').fill('80,000');
  await next(page, 'How you think the project goes');
  await next(page, 'Your situation');

  // "I'll enter my own rates" is where it starts; Germany fills both rates at €80,000:
  // 42 % income tax + 4.998 % Soli (relief) + 10.6 % pension and unemployment = 57.6 %.
  assert.ok(await page.getByTestId('guided-personal.tax_residence-').isChecked());
  await page.getByTestId('guided-personal.tax_residence-DE').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="guided-personal.income_tax_pct"]')?.value === '57.6');
  assert.equal(await page.getByTestId('guided-personal.redemption_tax_pct').inputValue(), '57.6');
  assert.deepEqual(await violations(page), [], 'axe on the step with the residence chosen');
  await next(page, 'Name it and finish');
  // The offer is in euros, as Germany's rates are.
  assert.ok(await page.getByTestId('guided-currency').inputValue().then((v) => v === 'EUR'));
  await page.getByTestId('guided-name').fill('Berlin offer');
  await page.getByTestId('guided-next').click();

  // The form: the residence, the rates, and the note with the arithmetic, the year and sources.
  await page.getByTestId('field-personal.tax_residence').waitFor();
  assert.equal(await page.getByTestId('field-personal.tax_residence').inputValue(), 'DE');
  assert.equal(await page.getByTestId('field-personal.income_tax_pct').inputValue(), '57.6');
  const note = page.getByTestId('tax-preset');
  assert.match(await note.textContent(), /Published rates of Germany, tax year 2026/);
  assert.match(await page.getByTestId('tax-preset-income').textContent(), /57\.6 % = 42 % income tax at €78,770 of taxable income \+ 5 % solidarity surcharge/);
  assert.equal(await page.getByTestId('tax-own-income').count(), 0, 'not yet the person\'s own');

  // Overriding one: it is badged as the person's own, and "Use these rates" is offered.
  await page.getByTestId('field-personal.income_tax_pct').fill('50');
  await page.getByTestId('tax-own-income').waitFor();
  assert.equal(await page.getByTestId('tax-own-redemption').count(), 0);
  await page.getByTestId('tax-preset-sources').locator('summary').click();
  assert.ok(await note.locator('a[href="https://www.gesetze-im-internet.de/estg/__32a.html"]').count() === 1);
  assert.deepEqual(await violations(page), [], 'axe on the form with the note open');

  // The exported offer records whose rates and which year, and the CLI gives the page's figures.
  const file = await exportToFile(page, 'berlin.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(doc.personal.tax_residence, 'DE');
  assert.equal(doc.personal.tax_year, 2026);
  assert.equal(doc.personal.income_tax_pct, '50');
  assert.equal(doc.personal.redemption_tax_pct, '57.6');
  const report = await assertHeadlineMatches(page, file);
  assert.equal(report.tax_residence, 'DE');
  // The file's own rates win over the residence's on the command line too.
  const again = JSON.parse(execFileSync(CLI, ['value', '--tax-residence', 'DE', file], { encoding: 'utf8' }));
  assert.deepEqual(again, report);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('tokens taxed at vest: a residence fills the sale rate, when they are taxed and the long-term rate, as the CLI does', async () => {
  // The restored-salary example (version 4, a buyback price, $150,000) with tokens taxed at vest.
  const offer = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/restored-salary.json'), 'utf8'));
  offer.personal.taxed_at = 'vest';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-tax-'));
  const file = path.join(dir, 'texas-tokens.json');
  fs.writeFileSync(file, JSON.stringify(offer));
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await importFile(page, file);

  // Texas at $150,000 (tests/tax.rs): 31.65 % on pay, 24 % on a sale within a year, 15 % after
  // 12 months, taxed when they vest.
  await page.getByTestId('field-personal.tax_residence').selectOption('US-TX');
  await page.waitForFunction(() => document.querySelector('[data-testid="field-personal.redemption_tax_pct"]')?.value === '24');
  assert.equal(await page.getByTestId('field-personal.income_tax_pct').inputValue(), '31.65');
  assert.equal(await page.getByTestId('field-personal.taxed_at').inputValue(), 'vest');
  assert.equal(await page.getByTestId('field-personal.long_term_redemption_tax_pct').inputValue(), '15');
  assert.equal(await page.getByTestId('field-personal.long_term_after_months').inputValue(), '12');
  // Beside them, each as the preset has it, in words; none yet the person's own.
  assert.match(await page.getByTestId('tax-preset-taxed_at').textContent(), /When the tokens are taxed: when they vest, as pay\. Tokens received as pay are wages/);
  assert.match(await page.getByTestId('tax-preset-long_term').textContent(), /after 12 months: 15 % = 15 % federal tax on gains/);
  assert.equal(await page.locator('[data-testid^="tax-own-"]').count(), 0);

  // A long-term rate changed is the person's own; "Use these rates" puts the preset's back.
  await page.getByTestId('field-personal.long_term_redemption_tax_pct').fill('10');
  await page.getByTestId('tax-own-long_term').waitFor();
  assert.match(await page.getByTestId('tax-preset-long_term').textContent(), /you entered: 10 % after 12 months/);
  assert.deepEqual(await violations(page), [], 'axe on the note with a rate of the person\'s own');
  await page.getByTestId('tax-preset-use').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="field-personal.long_term_redemption_tax_pct"]')?.value === '15');
  assert.equal(await page.getByTestId('tax-own-long_term').count(), 0);

  // The page's figures are the CLI's on the exported offer, and the CLI fills the same offer
  // without its rates from --tax-residence to the same figures.
  const exported = await exportToFile(page, 'texas-tokens-filled.json');
  const report = await assertHeadlineMatches(page, exported);
  delete offer.personal.income_tax_pct;
  delete offer.personal.redemption_tax_pct;
  const bare = path.join(dir, 'texas-tokens-bare.json');
  fs.writeFileSync(bare, JSON.stringify(offer));
  assert.deepEqual(cliReport(bare, ['--tax-residence', 'US-TX']), report);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
