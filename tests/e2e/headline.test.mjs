// The first page computes the example offer's headline figures in WebAssembly, and they are the
// figures `tokenworth value` prints for the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, percentOf, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('headline figures equal the command-line report for the example offer', async () => {
  const page = await openPage(browser, server.url);
  const report = cliReport(path.join(ROOT, 'examples/acme-copilot.json'));
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv);
  assert.equal(moneyAsReport(await figure(page, 'certainty-equivalent')), report.certainty_equivalent);
  assert.equal(moneyAsReport(await figure(page, 'salary-equivalent')), report.salary_equivalent_annual_pretax);
  assert.equal(moneyAsReport(await figure(page, 'net-pv')), report.expected.net_pv);
  assert.equal(await figure(page, 'prob-zero'), percentOf(report.prob_zero));
  assert.deepEqual(page.problems, []);
});
