// The embed in a blog post: a sandboxed iframe on another origin, sized by postMessage, with the
// author's open inputs; it never touches the reader's storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, ROOT } from './harness.mjs';

// A page in <iframe sandbox="allow-scripts"> has an opaque origin: its module script and wasm are
// cross-origin requests, so the app's host sends this header (see README).
const CORS = { 'access-control-allow-origin': '*' };
let app, browser;
before(async () => { app = await serve({ headers: CORS }); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

test('the embed snippet works in a sandboxed iframe on a blog, reports its height and keeps inputs open', async (t) => {
  const author = await openPage(browser, app.url);
  await figure(author, 'expected-token-pv');
  await author.getByTestId('embed').click();
  await author.getByTestId('embed-open-personal.income_tax_pct').check();
  const snippet = await author.getByTestId('embed-snippet').inputValue();
  assert.match(snippet, /sandbox="allow-scripts/);
  assert.match(snippet, /\?embed&open=salary\.sacrificed_annual,grant\.tokens,personal\.income_tax_pct&locale=en-US#offer=v1\./);
  await author.context().close();

  // Closed after the test, even a failed one (not awaited: its connections end with the browser):
  // an open server keeps this file's process, and so the whole end-to-end run, from ending.
  const blog = await serve({ pages: { 'post.html': `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><h1>Are AI tokens worth it?</h1>${snippet.replace('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"', 'sandbox="allow-scripts"')}</body></html>` } });
  t.after(() => { blog.close(); });
  const page = await openPage(browser, `${blog.url}post.html`);
  const frame = page.frameLocator('#tokenworth-embed');
  const report = cliReport(path.join(ROOT, 'examples/acme-copilot.json'));
  await frame.getByTestId('expected-token-pv').waitFor();
  assert.equal(moneyAsReport(await frame.getByTestId('expected-token-pv').getAttribute('data-exact')), report.expected.token_pv);
  await frame.getByTestId('chart-outcomes').waitFor();
  await page.waitForFunction(() => Number(document.getElementById('tokenworth-embed').height) !== 640);
  const height = Number(await page.locator('#tokenworth-embed').getAttribute('height'));
  assert.ok(height > 300 && height < 5000, `height ${height}`);
  // The open inputs, and only those; the full page's static header is not part of an embed.
  assert.equal(await frame.locator('input[type="text"]').count(), 3);
  assert.equal(await frame.locator('#page-header').count(), 0);
  const before = (await frame.getByTestId('net-pv').textContent()).trim();
  await frame.getByTestId('field-salary.sacrificed_annual').fill('40000');
  await frame.getByTestId('net-pv').filter({ hasNotText: before }).waitFor();
  assert.match(await frame.getByTestId('open-in-tokenworth').getAttribute('href'), /^\.\/#offer=v1\./);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an embed on the same origin leaves the saved offers of the reader alone', async () => {
  const page = await openPage(browser, app.url);
  await page.getByTestId('field-name').fill('My own saved offer');
  await page.waitForTimeout(100);
  const saved = await page.evaluate(() => localStorage.getItem('tokenworth.library'));
  // A path the form does not know (a mistyped link) is left out; the known one stays open.
  await page.goto(`${app.url}?embed&open=grant.tokens,grant.no_such_field`);
  await page.getByTestId('field-grant.tokens').fill('99999');
  assert.equal(await page.locator('.embed-inputs input').count(), 1, 'only the known field is open');
  await figure(page, 'expected-token-pv');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => localStorage.getItem('tokenworth.library')), saved);
  assert.equal(await page.getByTestId('offer-picker').count(), 0, 'no library controls in an embed');
  await page.context().close();
});
