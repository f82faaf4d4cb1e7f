// Hostile input that reaches the page (issue 30): an import above the stated size or with a key given
// twice is refused with a message and nothing is saved; a file with a byte order mark opens as the CLI
// reads it; a share link that asks for unbounded work says why and changes nothing; an intranet config
// whose plan path leaves the site's folder (after trimming or decoding) fetches nothing outside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, figure, importFile, DIST, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-hostile-'));
const acme = fs.readFileSync(path.join(ROOT, 'examples/acme-copilot.json'), 'utf8');
const written = (name, text) => { const file = path.join(work, name); fs.writeFileSync(file, text); return file; };
const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

test('imports above 1 MB, or with a key given twice, are refused and save nothing; a byte order mark opens', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const before = await stored(page, 'tokenworth.library');
  const huge = written('huge.json', acme.replace('"Acme Copilot tokens"', `"${'x'.repeat(2 * 1024 * 1024)}"`));
  await importFile(page, huge);
  assert.equal(await page.getByTestId('import-message').textContent(),
    'huge.json is 2.0 MB, larger than any offer or team file (at most 1 MB); it was not read.');
  assert.equal(await stored(page, 'tokenworth.library'), before, 'nothing saved');

  const twice = written('twice.json', acme.replace('"tokens": 10000,', '"tokens": 10000, "tokens": 1,'));
  await page.getByTestId('import-file').setInputFiles(twice);
  await page.getByTestId('import-message').filter({ hasText: 'given more than once' }).waitFor();
  assert.equal(await page.getByTestId('import-message').textContent(),
    'This file cannot be opened: grant.tokens: is given more than once in its object; give each field once.');
  assert.equal(await stored(page, 'tokenworth.library'), before, 'nothing saved');

  const marked = written('marked.json', `\u{feff}${acme.replace('"Acme Copilot tokens"', '"With a byte order mark"')}`);
  await page.getByTestId('import-file').setInputFiles(marked);
  await page.getByTestId('import-message').filter({ hasText: 'Imported marked.json.' }).waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'With a byte order mark');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a share link with a vesting run to month 4294967295 says where and changes nothing', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const before = await stored(page, 'tokenworth.library');
  const offer = JSON.parse(acme);
  offer.version = 3;
  offer.grant.vesting = { schedule: [{ from_month: 1, to_month: 4294967295, every_months: 1, pct: '100' }] };
  await page.goto('about:blank');
  await page.goto(`${server.url}#offer=v1.${Buffer.from(JSON.stringify(offer)).toString('base64url')}`);
  await page.getByTestId('share-error').waitFor();
  assert.match(await page.getByTestId('share-error').textContent(),
    /grant\.vesting\.schedule\[0\]\.to_month: is 4294967295 months; a term may name months up to 1200/);
  // The page still answers: its own offers are a click away, valued.
  await page.getByTestId('share-error').getByRole('button').click();
  await figure(page, 'expected-token-pv');
  assert.equal(await stored(page, 'tokenworth.library'), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a config path that leaves the site folder once trimmed or decoded fetches nothing outside it', async () => {
  // The site under /hr/tokens/; an outside plan one folder up, which the bypasses reached.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenworth-outside-'));
  const site = path.join(root, 'tokens');
  fs.cpSync(DIST, site, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples/intranet/plan.json'), path.join(root, 'plan.json'));
  const outside = await serve({ dir: root, prefix: '/hr/' });
  const host = new URL(outside.url).host;
  for (const [plan, why] of [
    [` //${host}/hr/plan.json`, 'starts at a root or another host'],
    ['%2e%2e/plan.json', "leaves the site's folder (..)"],
    ['.%2E/plan.json', "leaves the site's folder (..)"],
  ]) {
    fs.writeFileSync(path.join(site, 'tokenworth.config.json'),
      JSON.stringify({ format: 'tokenworth-config', version: 1, plan, company: 'Outsider' }));
    const page = await openPage(browser, `${outside.url}tokens/index.html`);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.reload();
    await page.getByTestId('plan-notice').waitFor();
    assert.ok((await page.getByTestId('plan-notice').textContent()).includes(why), plan);
    assert.deepEqual(fetched.filter((p) => p.endsWith('plan.json')), [], `${plan}: no plan was fetched`);
    assert.equal(await page.getByTestId('plan-banner').count(), 0);
    assert.equal(await page.getByTestId('field-grant.tokens').getAttribute('readonly'), null, 'nothing locked');
    await page.context().close();
  }
  await outside.close();
});

test('typing 1000000000 in a vesting run\'s last month is an error at the cell, saved, and the page goes on', async () => {
  const page = await openPage(browser, server.url);
  const before = await figure(page, 'expected-token-pv');
  await page.getByTestId('vesting-schedule').check();
  await page.getByTestId('vesting-table').waitFor();
  const cell = page.getByTestId('field-grant.vesting.schedule[1].to_month');
  assert.equal(await cell.inputValue(), '48');
  await cell.fill('1000000000');
  await page.getByTestId('error-grant.vesting.schedule[1].to_month').waitFor();
  assert.match(await page.getByTestId('error-grant.vesting.schedule[1].to_month').textContent(),
    /is 1000000000 months; a term may name months up to 1200/);
  await page.getByTestId('out-of-date').waitFor();
  // The edit is kept (it was silently dropped while the tab was trapped), and the next one too.
  await page.waitForFunction(() => localStorage.getItem('tokenworth.library').includes('1000000000'));
  await cell.fill('48');
  await page.waitForFunction(() => !document.querySelector('[data-testid="out-of-date"]'));
  assert.equal(await figure(page, 'expected-token-pv'), before, 'the same schedule gives the same figures');
  await page.waitForFunction(() => !localStorage.getItem('tokenworth.library').includes('1000000000'));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
