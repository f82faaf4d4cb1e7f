// Where you pay tax (issue 26): a person in Germany starts from the guided start, says where they
// pay tax and gets Germany's published rates at their salary (tests/tax.rs works them out by hand),
// overrides one in the form, where it is badged as their own beside the preset's arithmetic and
// sources; the exported offer records the residence and year, and `tokenworth value` on it gives
// the page's figures, with or without `--tax-residence`. axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { serve, launch, openPage, figure, exportToFile, violations, assertHeadlineMatches, CLI } from './harness.mjs';

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
