// Share links: the whole offer travels in the fragment; the link is untrusted input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, figure, cliReport, moneyAsReport, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a share link opens the same offer, marked as shared, saved only on request', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('offer-picker').selectOption('research-lab');
  await figure(page, 'expected-token-pv');
  await page.getByTestId('share').click();
  // The sender's own figures go only by choice (issue 28); here they go, so the figures are the CLI's.
  await page.getByTestId('share-own').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-carries]')?.textContent.includes('and your own figures'));
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /#offer=v1\.[A-Za-z0-9_-]+$/);
  await page.context().close();

  const reader = await openPage(browser, link);
  await reader.getByTestId('shared-banner').waitFor();
  const report = cliReport(path.join(ROOT, 'examples/research-lab.json'));
  assert.equal(moneyAsReport(await figure(reader, 'expected-token-pv')), report.expected.token_pv);
  assert.equal(await reader.getByTestId('field-name').inputValue(), 'Research lab milestone units');
  const stored = () => reader.evaluate(() => localStorage.getItem('tokenworth.library') ?? '');
  assert.ok(!(await stored()).includes('Research lab milestone units (shared)'));
  await reader.getByTestId('field-name').fill('Research lab milestone units (shared)');
  await reader.waitForTimeout(100);
  assert.ok(!(await stored()).includes('(shared)'), 'editing a shared offer saves nothing');
  await reader.getByTestId('save-shared').click();
  await reader.getByTestId('shared-banner').waitFor({ state: 'detached' });
  assert.ok((await stored()).includes('Research lab milestone units (shared)'), 'save a copy keeps it');
  assert.ok(!reader.url().includes('#offer='), 'the link leaves the address once saved');
  assert.deepEqual(reader.problems, []);
  await reader.context().close();
});

test('a tampered or broken link shows a clear page and changes nothing', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const before = await page.evaluate(() => localStorage.getItem('tokenworth.library'));
  const [base, payload] = link.split('#offer=v1.');
  for (const broken of [
    `${base}#offer=v1.${payload.slice(0, -7)}`,            // cut short
    `${base}#offer=v1.${payload.replace(/[A-Z]/, '@')}`,   // a foreign character
    `${base}#offer=v7.${payload}`,                          // a newer version
    `${base}#offer=v1.${Buffer.from('{"format":"tokenworth-offer","version":1,"name":"<script>alert(1)</script>"}').toString('base64url')}`,
  ]) {
    await page.goto('about:blank');
    await page.goto(broken);
    await page.getByTestId('share-error').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('tokenworth.library')), before, broken.slice(-30));
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('script:not([src])').length <= 1), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('markup inside a shared offer is shown as text, never run', async () => {
  const offer = JSON.parse((await import('node:fs')).readFileSync(path.join(ROOT, 'examples/acme-copilot.json'), 'utf8'));
  offer.name = '<img src=x onerror="window.__ran=1">';
  offer.scenarios[0].name = '<script>window.__ran=2</script>';
  const link = `${server.url}#offer=v1.${Buffer.from(JSON.stringify(offer)).toString('base64url')}`;
  const page = await openPage(browser, link);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await page.getByTestId('shared-banner').waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), offer.name);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.equal(dialogs, 0);
  await page.context().close();
});
