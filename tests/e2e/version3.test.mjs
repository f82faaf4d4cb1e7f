// Offer file version 3 in the real form (MODEL.md 7): a vesting schedule, tender prices per
// scenario and a cap entered by hand, and a compute budget switched on; every figure read back is
// the one `tokenworth value` prints for the file the page exports. Also: axe on the new sections,
// and the keyboard's place in the schedule's table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, figure, cliReport, importFile, exportToFile, moneyAsReport, percentOf, ROOT, CLI, violations, assertHeadlineMatches } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The words `tokenworth value --text` prints, on one line. */
function cliText(offerFile) {
  return execFileSync(CLI, ['value', '--text', offerFile], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** A schedule from a preset, edited; tender prices per scenario; a cap: all typed into the form. */
async function enterVersion3Terms(page) {
  await page.getByTestId('vesting-schedule').check();
  await page.getByTestId('vesting-table').waitFor();
  // The classic 12 / 48 / 1 becomes its schedule: a quarter at month 12, then monthly.
  assert.equal(await page.getByTestId('field-grant.vesting.schedule[0].pct').inputValue(), '25');
  assert.equal(await page.getByTestId('field-grant.vesting.cliff_months').count(), 0, 'the classic fields give way');
  await page.getByTestId('vesting-presets').locator('summary').click();
  await page.getByTestId('vesting-preset-back-loaded').click();
  await page.getByTestId('vesting-row-3').waitFor();
  assert.match(await figure(page, 'vesting-preset-applied'), /Back-loaded/);
  // Edited after applying: 10 / 10 / 40 / 40.
  await page.getByTestId('field-grant.vesting.schedule[0].pct').fill('10');
  assert.equal(await figure(page, 'vesting-total'), '105%');
  await page.getByTestId('field-grant.vesting.schedule[1].pct').fill('10');
  assert.equal(await figure(page, 'vesting-total'), '100%');
  assert.match(await page.getByTestId('chart-vesting').locator('desc').textContent(), /10% by month 12, 20% by month 24, 60% by month 36, 100% by month 48/);

  await page.getByTestId('field-payouts.buyback.price').selectOption('scenario');
  await page.getByTestId('field-scenarios[2].price_per_token[0]').waitFor();
  assert.equal(await page.getByTestId('field-payouts.buyback.revenue_multiple').count(), 0, 'no multiple with scenario prices');
  // The formula's prices moved in: Base's year 2 is 3 × 2,000,000 / 1,050,000.
  assert.equal(await page.getByTestId('field-scenarios[1].price_per_token[1]').inputValue(), '5.7143');
  await page.getByTestId('field-scenarios[1].price_per_token[2]').fill('12.5');
  await page.getByTestId('field-scenarios[2].price_per_token[4]').fill('150');
  await page.getByTestId('add-year-price_per_token-0').click();
  await page.getByTestId('field-scenarios[0].price_per_token[2]').fill('0.5');

  // No cap in the example: its section is one line until "Add a cap" opens the field.
  assert.equal(await page.getByTestId('field-payouts.cap_per_token').isVisible(), false);
  await page.getByTestId('add-cap').click();
  await page.getByTestId('field-payouts.cap_per_token').fill('40');
}

test('a schedule, tender prices and a cap typed into the form give the figures the CLI prints', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await enterVersion3Terms(page);
  const file = await exportToFile(page, 'version3.json');
  const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(offer.version, 4);
  assert.deepEqual(offer.grant.vesting, { schedule: [
    { month: 12, pct: '10' }, { month: 24, pct: '10' }, { month: 36, pct: '40' }, { month: 48, pct: '40' },
  ] });
  assert.equal(offer.payouts.buyback.price, 'scenario');
  assert.ok(!('revenue_multiple' in offer.payouts.buyback));
  assert.deepEqual(offer.scenarios[0].price_per_token, ['0', '0.8571', '0.5']);
  assert.equal(offer.scenarios[1].price_per_token[2], '12.5');
  assert.equal(offer.payouts.cap_per_token, '40');

  const report = await assertHeadlineMatches(page, file);
  // The vested counts follow the schedule: 10 % of 10,000 by the end of year 1, 20 % by year 2.
  assert.deepEqual(report.scenarios[1].stay.years.slice(0, 2).map((y) => y.vested_end), [1000, 2000]);
  const vested = await page.getByTestId('ledger-1').locator('tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(vested.slice(0, 4), ['1,000', '2,000', '6,000', '10,000']);
  // Where the CLI says the cap bit, the page's ledger says so too, and nowhere else.
  for (const [i, scenario] of report.scenarios.entries()) {
    for (const year of scenario.stay.years) {
      const note = page.getByTestId(`ledger-note-${i}-${year.year}`);
      if (year.cap_reached) assert.match(await note.textContent(), /Cap reached/, `${scenario.name}, year ${year.year}`);
      else if (await note.count()) assert.doesNotMatch(await note.textContent(), /Cap/, `${scenario.name}, year ${year.year}`);
    }
  }
  assert.ok(report.scenarios.some((s) => s.stay.years.some((y) => y.cap_reached)), 'the cap of 40 binds in Hit');
  // With 40 % volatility a cap bends the flows: the page says why the simulated mean differs.
  assert.ok(report.bending_terms.length > 0);
  const note = await figure(page, 'bend-note');
  assert.match(note, /^The simulated mean differs from the exact one by more than chance: a cap bends a payout/);
  assert.ok(cliText(file).includes(note), `--text says it too: ${note}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="mc-mean"]') && !document.querySelector('[data-testid="mc-progress"]'));
  assert.equal(moneyAsReport(await figure(page, 'mc-mean')), report.monte_carlo.mean, 'the simulation agrees with the CLI');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the version 3 examples show the CLI\'s figures, their ledgers say where the cap bit or units expired', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  for (const name of ['tender-units', 'compute-budget']) {
    const file = path.join(ROOT, 'examples', `${name}.json`);
    const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
    await importFile(page, file);
    const report = await assertHeadlineMatches(page, file);
    await page.getByTestId('ledger-0').waitFor();
    let notes = 0;
    for (const [i, scenario] of report.scenarios.entries()) {
      for (const year of scenario.stay.years) {
        const want = [year.cap_reached && 'Cap reached', year.expired && 'Expired'].filter(Boolean).join('; ');
        const note = page.getByTestId(`ledger-note-${i}-${year.year}`);
        const shown = (await note.count()) ? (await note.textContent()) : '';
        assert.equal(shown, want, `${name}: ${scenario.name}, year ${year.year}`);
        if (want) notes += 1;
      }
    }
    assert.ok(notes > 0, `${name}: its cap or expiry shows somewhere`);
    // The note on the simulated mean shows exactly where a term bends and revenue is uncertain.
    const bends = report.bending_terms.length > 0 && Number(offer.simulation.revenue_volatility_pct) > 0;
    assert.equal(await page.getByTestId('bend-note').count(), bends ? 1 : 0, `${name}: the note on the simulated mean`);
    assert.equal(await page.getByTestId('compute-budget').count(), report.compute_budget ? 1 : 0);
    if (report.compute_budget) {
      assert.equal(moneyAsReport(await figure(page, 'compute-value-pv')), report.compute_budget.value_pv);
      for (const key of ['compute_in_writing', 'compute_no_quota', 'compute_personal_use', 'compute_on_leaving']) {
        await page.getByTestId(`checklist-${key}-unknown`).waitFor();
      }
    }
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('switching tenders back to the formula brings the multiple back and takes the prices away', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const before = await figure(page, 'expected-token-pv');
  await page.getByTestId('field-payouts.buyback.price').selectOption('scenario');
  await page.getByTestId('field-scenarios[0].price_per_token[0]').waitFor();
  await page.getByTestId('field-payouts.buyback.price').selectOption('formula');
  await page.getByTestId('field-payouts.buyback.revenue_multiple').waitFor();
  assert.equal(await page.getByTestId('field-scenarios[0].price_per_token[0]').count(), 0);
  assert.equal(await page.getByTestId('field-payouts.buyback.revenue_multiple').inputValue(), '3');
  // The round trip gives the same offer, figure for figure.
  assert.equal(await figure(page, 'expected-token-pv'), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a compute budget switched on in the form gives the figures and words the CLI prints', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('offer-picker').selectOption('salary-only');
  await figure(page, 'expected-token-pv');
  assert.equal(await page.getByTestId('compute-budget').count(), 0);
  assert.equal(await page.getByTestId('checklist-compute_in_writing-yes').count(), 0, 'no budget, no budget questions');
  await page.getByTestId('add-compute_budget').click();
  // Half the salary of 200,000, on top of it.
  assert.equal(await page.getByTestId('field-compute_budget.annual').inputValue(), '100,000');
  assert.match(await page.locator('#f-compute_budget-used_pct-help').textContent(), /^Your estimate\. /);
  assert.match(await page.locator('#f-compute_budget-annual-help').textContent(), /^From your offer letter\. /);
  await page.getByTestId('field-compute_budget.annual').fill('150k');
  assert.equal(await page.getByTestId('field-compute_budget.annual_price_decline_pct').count(), 0, 'no decline for money');
  await page.getByTestId('field-compute_budget.unit').selectOption('tokens');
  assert.equal(await page.getByTestId('field-compute_budget.annual_price_decline_pct').inputValue(), '80');
  await page.getByTestId('field-compute_budget.annual_price_decline_pct').fill('67');
  await page.getByTestId('field-compute_budget.personal_use_pct').fill('5');
  await page.getByTestId('field-compute_budget.taxable_annual').fill('2,000');
  // Trade salary for it: the salary drops by 20,000 and that is what is given up.
  await page.getByTestId('field-salary.base_annual').fill('180,000');
  await page.getByTestId('field-salary.sacrificed_annual').fill('20,000');
  // The four questions of a compute budget are asked.
  for (const key of ['compute_in_writing', 'compute_no_quota', 'compute_personal_use', 'compute_on_leaving']) {
    await page.getByTestId(`checklist-${key}-no`).waitFor();
  }
  await page.getByTestId('checklist-compute_in_writing-yes').check();

  const file = await exportToFile(page, 'compute.json');
  const offer = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(offer.version, 4);
  assert.equal(offer.compute_budget.annual, '150000');
  assert.equal(offer.compute_budget.unit, 'tokens');
  assert.equal(offer.checklist.compute_in_writing, 'yes');
  const report = await assertHeadlineMatches(page, file);
  assert.equal(moneyAsReport(await figure(page, 'compute-list-pv')), report.compute_budget.list_pv);
  assert.equal(moneyAsReport(await figure(page, 'compute-value-pv')), report.compute_budget.value_pv);
  assert.equal(await figure(page, 'compute-realized'), percentOf(report.compute_budget.realized_pct / 100));
  const text = cliText(file);
  const sentence = await figure(page, 'compute-sentence');
  assert.match(sentence, /^\$150,000 a year of compute at list price; /);
  assert.ok(text.includes(sentence), `--text says it too: ${sentence}`);
  const trade = await figure(page, 'compute-trade');
  assert.match(trade, /^The tokens pay nothing on these figures, and the budget is worth /);
  assert.ok(text.includes(trade), `--text says it too: ${trade}`);
  await page.getByTestId('verdict-compute').waitFor();
  assert.equal(await figure(page, 'verdict-compute'), sentence);
  // Unanswered, three of its questions are among the questions to ask.
  const questions = await page.getByTestId('questions').textContent();
  assert.match(questions, /minimum-spend quota/);
  assert.doesNotMatch(questions, /written into the offer letter/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the comparison gives a compute budget a row of its own', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('offer-picker').selectOption('salary-only');
  await page.getByTestId('add-compute_budget').click();
  await page.getByTestId('field-compute_budget.annual').waitFor();
  const file = await exportToFile(page, 'compare-compute.json');
  const report = cliReport(file);
  await page.getByTestId('compare-pick-acme-copilot').check();
  await page.getByTestId('compare-pick-salary-only').check();
  const row = page.getByTestId('compare-row-compute-budget--worth-to-you');
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], 'none');
  assert.equal(moneyAsReport(cells[1]), report.compute_budget.value_pv);
  const total = await page.getByTestId('compare-row-total-pay--today-s-money').locator('td').allTextContents();
  assert.equal(moneyAsReport(total[1]), report.expected.total_comp_pv, 'total pay counts the budget at its worth');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a keyboard user keeps their place in the vesting table', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('vesting-schedule').check();
  await page.getByTestId('vesting-presets').locator('summary').click();
  await page.getByTestId('vesting-preset-yearly-quarters').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('vesting-row-3').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);
  assert.equal(await focused(), 'vesting-preset-yearly-quarters', 'the preset keeps focus after the form is drawn again');
  await page.getByTestId('remove-vesting-1').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="vesting-row-"]').length === 3);
  assert.equal(await focused(), 'remove-vesting-1', 'the next row\'s Remove');
  await page.getByTestId('add-vesting-run').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('vesting-row-3').waitFor();
  assert.equal(await focused(), 'add-vesting-run');
  assert.equal(await page.getByTestId('vesting-kind-3').inputValue(), 'run');
  assert.equal(await figure(page, 'vesting-total'), '75%');
  await page.getByTestId('balance-vesting').click();
  assert.equal(await figure(page, 'vesting-total'), '100%');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const width of [360, 1280]) {
  test(`no axe violations in the version 3 sections at ${width}px`, async () => {
    const page = await openPage(browser, server.url, { contextOptions: { viewport: { width, height: 900 } } });
    await figure(page, 'expected-token-pv');
    await enterVersion3Terms(page);
    await page.getByTestId('add-compute_budget').click();
    await page.getByTestId('field-compute_budget.annual').waitFor();
    await page.getByTestId('field-payouts.buyback.max_sale_per_window').fill('5,000');
    await page.getByTestId('bend-note').waitFor();
    await page.getByTestId('compute-budget').waitFor();
    assert.deepEqual(await violations(page), []);
    // On a phone the schedule's rows are cards of labelled fields, and no form table scrolls.
    const scrolls = await page.evaluate(() => [...document.querySelectorAll('.offer-form .table-scroll')]
      .filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.querySelector('table')?.dataset.testid));
    assert.deepEqual(scrolls, []);
    if (width === 360) {
      assert.ok(await page.getByTestId('vesting-table').locator('label', { hasText: 'Share of the grant' }).first().isVisible());
    }
    await page.context().close();
  });
}
