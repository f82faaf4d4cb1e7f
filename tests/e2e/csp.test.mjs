// The built site works from a sub-path of a plain static server under a strict policy, with no
// console errors and no policy violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, ROOT } from './harness.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
let server, browser;
before(async () => {
  server = await serve({ prefix: '/intranet/tools/tokenworth/', headers: { 'content-security-policy': POLICY } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the site runs from a sub-path under a strict Content-Security-Policy', async () => {
  const page = await openPage(browser, server.url, {
    initScript: `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  const report = cliReport(path.join(ROOT, 'examples/acme-copilot.json'));
  assert.equal(moneyAsReport(await figure(page, 'expected-token-pv')), report.expected.token_pv);
  await page.getByTestId('mc-mean').waitFor();
  await page.getByTestId('field-grant.tokens').fill('20000');
  await page.getByTestId('chart-outcomes').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Company view runs from a sub-path under the same policy, with every file it fetches', async () => {
  const page = await openPage(browser, `${server.url}company/index.html`, {
    initScript: `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.getByTestId('team-report').waitFor({ timeout: 20000 });
  // Typing in the tables and in a plan's terms, a rebuild of the tables (a new scenario), the
  // charts and an export (a download from a blob URL) all work under the policy.
  await page.getByTestId('field-members[0].tokens').fill('11,000');
  await page.getByTestId('field-projects[0].payouts.revenue_share.pool_pct').fill('11');
  await page.getByTestId('add-scenario-0').click();
  await page.getByTestId('scenario-row-0-3').waitFor();
  await page.getByTestId('team-report').waitFor();
  await page.getByTestId('chart-cost-worth').waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-team').click();
  assert.match((await download).suggestedFilename(), /\.json$/);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.problems, []);
  // Everything it fetched is its own, under the sub-path, and was served: its module (and any
  // chunk it has), loader, glue and styles (resource timing sees the first load's requests too).
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ path: new URL(e.name).pathname, status: e.responseStatus })));
  assert.ok(fetched.length > 0);
  for (const f of fetched) {
    assert.ok(f.path.startsWith('/intranet/tools/tokenworth/company/'), f.path);
    assert.equal(f.status, 200, f.path);
  }
  assert.ok(fetched.some((f) => f.path.endsWith('.wasm')), 'its WebAssembly');
  await page.context().close();
});
