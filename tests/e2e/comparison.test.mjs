// Offers side by side on one footing, each figure checked against `tokenworth value` on the file
// the page values: the offer with the chosen person's assumptions written in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, percentOf, importAndPick, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-compare-'));
const example = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', `${name}.json`), 'utf8'));
/** Writes an offer to a file of its own; its path. */
function write(name, offer) {
  const file = path.join(scratch, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(offer, null, 2));
  return file;
}
/** `offer` valued with `person`'s assumptions: their personal section and leaving rate; when the
 * tokens are taxed stays the offer's own (the kind of unit its plan grants). */
function withPerson(offer, person) {
  const personal = { ...person.personal };
  delete personal.taxed_at;
  if (offer.personal?.taxed_at) personal.taxed_at = offer.personal.taxed_at;
  return { ...offer, personal, leaving: { ...offer.leaving, annual_departure_pct: person.leaving.annual_departure_pct } };
}

/** Imports the files and ticks them for comparison (the imported copies are the last offers). */
async function compareFiles(page, files) {
  await importAndPick(page, files);
  const table = page.getByTestId('compare-table');
  await table.waitFor();
  return async (row, col) => (await table.locator('tbody tr').nth(row).locator('td').nth(col).textContent()).trim();
}

test('two imported offers side by side, figure by figure as the CLI prints them', async () => {
  const page = await openPage(browser, server.url);
  const cell = await compareFiles(page, ['acme-copilot', 'salary-only'].map((n) => path.join(ROOT, 'examples', `${n}.json`)));
  for (const [col, name] of [[0, 'acme-copilot'], [1, 'salary-only']]) {
    const r = cliReport(path.join(ROOT, 'examples', `${name}.json`));
    // Both pay 200,000 in full: the baseline is each one's own salary, so the ranking figure is
    // each one's own deal after risk.
    assert.equal(moneyAsReport(await cell(0, col)), r.decision.risk_adjusted_net, `${name} after risk`);
    assert.equal(moneyAsReport(await cell(1, col)), r.expected.total_comp_pv, `${name} total pay`);
    assert.equal(moneyAsReport(await cell(3, col)), r.expected.token_pv, `${name} token value`);
    assert.equal(await cell(4, col), percentOf(r.prob_zero), `${name} chance of nothing`);
    assert.equal(moneyAsReport(await cell(5, col)), r.certainty_equivalent, `${name} tokens alone`);
    assert.equal(moneyAsReport(await cell(6, col)), r.expected.net_pv, `${name} net`);
  }
  const rows = await page.getByTestId('compare-table').locator('tbody th').allTextContents();
  assert.equal(rows[0], 'After risk, against salary only at $200,000.00 a year');
  assert.ok(!rows.some((r) => /Risk-adjusted|Worth this much salary/.test(r)), rows.join(' | '));
  assert.match(await page.getByTestId('compare-verdict').textContent(),
    /After risk, against a salary-only job paying \$200,000\.00 a year: Acme Copilot tokens comes first \(\$5,700\.21 against \$0\.00 for Salary-only alternative, \$5,700\.21 more\)\. On total pay in today's money \(expected\): Acme Copilot tokens comes first/);
  // The same person in both files: nothing to warn about.
  assert.equal(await page.getByTestId('compare-differing').count(), 0);
  const chart = page.getByTestId('chart-compare');
  assert.equal(await chart.locator('polyline').count(), 2);
  assert.match(await page.locator('#compare-desc').textContent(), /one line per offer/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('files with different personal figures are said to differ and compared with one person, who can be switched', async () => {
  const acme = { ...example('acme-copilot'), name: 'Acme, cautious saver' };
  const salary = example('salary-only');
  const richer = {
    ...salary,
    name: 'Salary, richer',
    personal: { ...salary.personal, wealth: '400000', income_tax_pct: '40' },
    leaving: { ...salary.leaving, annual_departure_pct: '10' },
  };
  const acmeFile = write('acme-cautious', acme);
  const richerFile = write('salary-richer', richer);
  const page = await openPage(browser, server.url);
  const cell = await compareFiles(page, [acmeFile, richerFile]);

  // The open offer is the last one imported: its person is everyone's.
  assert.match(await page.getByTestId('compare-assumptions').textContent(),
    /^Compared with the assumptions of «Salary, richer»: savings \$400,000\.00, risk aversion 2, .*income tax 40%.*leaving rate 10% a year\.$/);
  assert.equal(await page.getByTestId('compare-differing').textContent(),
    "These offers' files carry different savings, tax rates and leaving rate; all are compared with «Salary, richer»'s.");
  // Both pay 200,000 in full, so the baseline is acme's own salary: its figure is the CLI's
  // decision for acme rewritten with the richer person's assumptions.
  const asRicher = cliReport(write('acme-as-richer', withPerson(acme, richer)));
  const own = cliReport(acmeFile);
  assert.notEqual(asRicher.decision.risk_adjusted_net, own.decision.risk_adjusted_net);
  assert.equal(moneyAsReport(await cell(0, 0)), asRicher.decision.risk_adjusted_net, 'acme after risk, richer person');
  assert.equal(moneyAsReport(await cell(1, 0)), asRicher.expected.total_comp_pv, 'acme total pay, richer person');
  assert.equal(moneyAsReport(await cell(0, 1)), '0.00', 'salary only is the baseline');
  const richerTotal = moneyAsReport(await cell(1, 1));
  assert.equal(richerTotal, cliReport(richerFile).expected.total_comp_pv);

  // Switching the person to acme's file revalues both with acme's assumptions.
  await page.getByTestId('compare-person').selectOption({ label: 'Acme, cautious saver' });
  await page.getByTestId('compare-assumptions').filter({ hasText: '«Acme, cautious saver»' }).waitFor();
  assert.equal(moneyAsReport(await cell(0, 0)), own.decision.risk_adjusted_net, 'acme after risk, its own person');
  assert.equal(moneyAsReport(await cell(1, 0)), own.expected.total_comp_pv, 'acme total pay, its own person');
  const richerAsAcme = cliReport(write('richer-as-acme', withPerson(richer, acme)));
  assert.equal(moneyAsReport(await cell(1, 1)), richerAsAcme.expected.total_comp_pv, 'salary total pay, acme person');
  assert.notEqual(moneyAsReport(await cell(1, 1)), richerTotal);
  assert.match(await page.getByTestId('compare-differing').textContent(), /all are compared with «Acme, cautious saver»'s\./);
  assert.match(await page.getByTestId('compare-verdict').textContent(),
    new RegExp(`Acme, cautious saver comes first \\(\\$${Number(own.decision.risk_adjusted_net).toLocaleString('en-US', { minimumFractionDigits: 2 })} against \\$0\\.00`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('offers taxed at vest, or with a leaving rule, show the tax before cash, the chance of a loss and the rule as rows, as the CLI prints them', async () => {
  const page = await openPage(browser, server.url);
  const vested = example('taxed-at-vest');
  // The same plan paid out as cash-settled units, taxed when paid, with no leaving rule.
  const paid = { ...vested, name: 'Cash-settled units', personal: { ...vested.personal, taxed_at: 'payout' }, leaving: { ...vested.leaving } };
  delete paid.leaving.quit_if;
  const files = [write('vested', vested), write('paid', paid)];
  await compareFiles(page, files);
  const row = (id) => page.getByTestId(`compare-row-${id}`).locator('td');
  const reports = [cliReport(write('vested-valued', withPerson(vested, vested))), cliReport(write('paid-valued', withPerson(paid, vested)))];
  assert.equal(moneyAsReport(await row('tax-at-vest').nth(0).textContent()), reports[0].expected.tax_at_vest_pv);
  assert.equal(moneyAsReport(await row('tax-at-vest').nth(1).textContent()), reports[1].expected.tax_at_vest_pv);
  assert.equal(reports[1].expected.tax_at_vest_pv, '0.00');
  assert.equal((await row('chance-of-a-loss').nth(0).textContent()).trim(), percentOf(reports[0].prob_loss));
  assert.equal((await row('leaving-rule').nth(0).textContent()).trim(), '£1,000,000.00 a year');
  assert.equal((await row('leaving-rule').nth(1).textContent()).trim(), 'no rule');
  assert.equal(moneyAsReport(await row('after-risk').nth(1).textContent()), reports[1].decision.risk_adjusted_net);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
