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
