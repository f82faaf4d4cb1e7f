// axe-core finds no violations on any view, on a phone and a desktop, light and dark; every
// control is reachable by keyboard with a visible focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, figure, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [width, scheme] of [[360, 'light'], [360, 'dark'], [1280, 'light'], [1280, 'dark']]) {
  test(`no axe violations on any view at ${width}px, ${scheme}`, async () => {
    const page = await openPage(browser, server.url, { contextOptions: { viewport: { width, height: 900 }, colorScheme: scheme } });
    await figure(page, 'expected-token-pv');
    for (const id of ['acme-copilot', 'research-lab', 'salary-only']) {
      await page.getByTestId('offer-picker').selectOption(id);
      await figure(page, 'expected-token-pv');
      assert.deepEqual(await violations(page), [], `offer ${id}`);
    }
    await page.getByTestId('field-personal.wealth').fill('0');
    await page.getByTestId('out-of-date').waitFor();
    assert.deepEqual(await violations(page), [], 'with an invalid field');
    await page.getByTestId('delete-offer').click();
    await page.getByTestId('undo-notice').waitFor();
    assert.deepEqual(await violations(page), [], 'with the undo notice');
    await page.context().close();
  });
}

test('no axe violations with the storage notices shown', async () => {
  const page = await openPage(browser, server.url, {
    initScript: `localStorage.setItem('tokenworth.library', '{broken'); Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`,
  });
  await page.getByTestId('backup-notice').waitFor();
  assert.deepEqual(await violations(page), []);
  await page.context().close();
});

test('the keyboard reaches the form, and focus is visible', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { testid: el.getAttribute('data-testid'), tag: el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    assert.notEqual(focus.tag, 'BODY', 'focus must not fall out of the page');
    assert.notEqual(focus.outline, 'none', `focus visible on ${focus.tag} ${focus.testid}`);
    if (focus.testid) seen.add(focus.testid);
  }
  for (const testid of ['offer-picker', 'export-file', 'field-name', 'field-salary.base_annual']) {
    assert.ok(seen.has(testid), `Tab reaches ${testid}; reached ${[...seen].join(', ')}`);
  }
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('9');
  await page.context().close();
});
