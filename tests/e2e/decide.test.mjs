// "Should I take it?": the verdict and the asks, the salary-to-token mix and its charts, the
// base-rate presets, and a saved offer of the older file format, in the real page. Words and
// figures are checked against `tokenworth value` for the same offer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, importFile, exportToFile, assertHeadlineMatches, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const example = (name) => path.join(ROOT, 'examples', `${name}.json`);

/** Waits until the verdict on the page is `text` (it follows the headline by one task). */
async function verdictBecomes(page, text) {
  await page.waitForFunction((want) => document.querySelector('[data-testid="verdict"]')?.textContent.trim() === want, text, { timeout: 15000 });
}

test('the verdict and the asks are the command line\'s, and trying an ask makes the offer fair', async () => {
  const page = await openPage(browser, server.url);
  await importFile(page, example('research-lab'));
  const report = cliReport(example('research-lab'));
  await verdictBecomes(page, report.decision.verdict);
  assert.equal(report.decision.fair, false);
  const asks = await page.getByTestId('asks').locator('li').allTextContents();
  assert.deepEqual(asks.map((a) => a.replace(/\s*Try it$/, '').trim()), report.decision.asks_text);
  assert.equal(await figure(page, 'caveat'), report.decision.caveat);

  await page.getByTestId('try-grant.tokens').click();
  const tokens = Number(report.decision.asks.extra_tokens.value) + 2400;
  assert.equal(await page.getByTestId('field-grant.tokens').inputValue(), tokens.toLocaleString('en-US'), 'shown with thousands separators');
  await page.waitForFunction(() => /better off than salary only/.test(document.querySelector('[data-testid="verdict"]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('asks').count(), 0, 'a fair offer has nothing to ask for');
  // A what-if until it is kept (issue 28).
  await page.getByTestId('what-if-keep').click();
  await page.getByTestId('what-if').waitFor({ state: 'detached' });
  const fixed = cliReport(await exportToFile(page, 'research-lab-fixed.json'));
  assert.equal(fixed.decision.fair, true);
  await verdictBecomes(page, fixed.decision.verdict);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('switching on a salary mix draws the charts and names the best amount, and it follows the inputs', async () => {
  const page = await openPage(browser, server.url);
  await importFile(page, example('acme-copilot'));
  // The offer has no choice of amount: its section is one line, and its button adds one.
  assert.match(await page.locator('#section-mix').textContent(), /No choice of how much salary to trade in this offer/);
  await page.getByTestId('add-mix').click();
  assert.ok(await page.getByTestId('switch-mix').isChecked(), 'the section opens with its switch on');
  await page.getByTestId('field-mix.tokens_per_unit').waitFor();
  assert.equal(await page.getByTestId('field-mix.tokens_per_unit').inputValue(), '0.5', '10,000 tokens for 20,000 a year');
  assert.equal(await page.getByTestId('field-mix.max_sacrificed_annual').inputValue(), '40,000');
  await page.getByTestId('chart-mix-value').waitFor();
  await page.getByTestId('chart-mix-risk').waitFor();
  const first = await figure(page, 'best-mix');
  const report = cliReport(await exportToFile(page, 'acme-mix.json'));
  assert.equal(first, report.decision.mix.best_text);

  // Much more cautious, with less to fall back on: the best amount changes, and so does the sentence.
  await page.getByTestId('field-personal.risk_aversion').fill('8');
  await page.getByTestId('field-personal.wealth').fill('40k');
  await page.waitForFunction((before) => document.querySelector('[data-testid="best-mix"]')?.textContent.trim() !== before, first);
  const cautious = cliReport(await exportToFile(page, 'acme-mix-cautious.json'));
  assert.equal(await figure(page, 'best-mix'), cautious.decision.mix.best_text);
  assert.notEqual(cautious.decision.mix.best.sacrificed_annual, report.decision.mix.best.sacrificed_annual);
  const desc = await page.locator('#mix-value-desc').textContent();
  assert.match(desc, /after risk it is highest/);

  // Choosing the best amount puts it into the offer, and the tokens follow at the plan's rate.
  await page.getByTestId('choose-best-mix').click();
  const best = cautious.decision.mix.best;
  assert.equal(await page.getByTestId('field-grant.tokens').inputValue(), best.tokens.toLocaleString('en-US'));
  await page.waitForFunction(() => !document.querySelector('[data-testid="choose-best-mix"]'));
  assert.match(await figure(page, 'best-mix'), /which is the choice in this offer/);

  // Typing the salary traded, key by key through half-typed text, moves the tokens too (0.5 a
  // unit: 30,000 a year is 15,000 tokens).
  await page.getByTestId('field-salary.sacrificed_annual').fill('');
  await page.getByTestId('field-salary.sacrificed_annual').pressSequentially('30,000');
  await page.waitForFunction(() => document.querySelector('[data-testid="field-grant.tokens"]').value === '15,000');

  // A choice the plan does not allow is marked at its field; nothing else breaks.
  await page.getByTestId('field-mix.step_annual').fill('7,000');
  assert.match(await figure(page, 'error-salary.sacrificed_annual'), /multiple of the plan's step/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('base-rate presets show their sources, change the inputs visibly, and can be overridden', async () => {
  const page = await openPage(browser, server.url);
  await importFile(page, example('acme-copilot'));
  const before = await figure(page, 'expected-token-pv');
  await page.getByTestId('base-rates').locator('summary').click();
  assert.match(await page.getByTestId('base-rates').textContent(), /Carta/);
  assert.match(await page.getByTestId('base-rates').textContent(), /not about this project/);

  await page.getByTestId('base-rate-departure').click();
  assert.equal(await page.getByTestId('field-leaving.annual_departure_pct').inputValue(), '20.5');
  assert.match(await figure(page, 'base-rate-applied'), /20\.5 %/);

  await page.getByTestId('base-rate-outcomes').click();
  assert.equal(await page.getByTestId('field-scenarios[0].probability_pct').inputValue(), '49');
  assert.equal(await page.getByTestId('field-scenarios[1].probability_pct').inputValue(), '38.25');
  assert.match(await figure(page, 'base-rate-applied'), /"Flop" now has a 49 % chance/);
  await page.waitForFunction((b) => document.querySelector('[data-testid="expected-token-pv"]')?.dataset.exact !== b, before);
  const withRates = cliReport(await exportToFile(page, 'acme-base-rates.json'));
  assert.equal(withRates.scenarios[0].probability, 0.49);

  // The person overrides a preset like any other input.
  await page.getByTestId('field-leaving.annual_departure_pct').fill('10');
  const overridden = cliReport(await exportToFile(page, 'acme-overridden.json'));
  assert.notEqual(overridden.expected.token_pv, withRates.expected.token_pv);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a saved offer of the older file format opens, values, and is saved in the new one when edited', async () => {
  const acme = JSON.parse(fs.readFileSync(example('acme-copilot'), 'utf8'));
  assert.equal(acme.version, 1);
  const library = JSON.stringify({ format: 'tokenworth-library', version: 1, offers: [{ id: 'old', document: acme }], current: 'old' });
  const page = await openPage(browser, server.url, {
    initScript: `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('tokenworth.library', ${JSON.stringify(library)}); sessionStorage.setItem('seeded', '1'); }`,
  });
  const report = cliReport(example('acme-copilot'));
  await verdictBecomes(page, report.decision.verdict);
  await page.getByTestId('field-grant.tokens').fill('12000');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('tokenworth.library')).offers[0].document.grant.tokens === 12000);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('tokenworth.library')));
  assert.equal(stored.offers.length, 1, 'nothing lost');
  assert.equal(stored.offers[0].document.version, 4, 'the newest version');
  // Brought up to version 4 with the rules version 1 meant, written out: the same figures.
  assert.equal(stored.offers[0].document.leaving.salary_after_cancellation, 'continues');
  assert.equal(stored.offers[0].document.personal.wealth_counts, 'savings');
  assert.equal(stored.offers[0].document.name, acme.name);
  assert.deepEqual(stored.offers[0].document.scenarios, acme.scenarios);
  // The page offers version 4's rules with what they change, and adopts them only when asked.
  const notice = page.getByTestId('new-rules');
  await notice.waitFor();
  assert.match(await notice.textContent(), /counting your pay over these years beside your savings, the deal would be worth \$[\d,]+ to you after risk, not \$[\d,]+/i);
  await page.getByTestId('use-new-rules').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('tokenworth.library')).offers[0].document.personal.wealth_counts === 'savings_and_pay');
  const adopted = await page.evaluate(() => JSON.parse(localStorage.getItem('tokenworth.library')).offers[0].document);
  assert.equal(adopted.leaving.salary_after_cancellation, 'restored');
  await assertHeadlineMatches(page, writeTemp('adopted.json', adopted));
  await page.getByTestId('new-rules').waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** `document` written to a file of its own, for the CLI. */
function writeTemp(name, document) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'decide-')), name);
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}
