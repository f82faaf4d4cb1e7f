// axe-core finds no violations on any view, on a phone and a desktop, light and dark; every
// control is reachable by keyboard with a visible focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, anotherTab, figure, ROOT, violations } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

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

/** Presses Tab once: focus must stay in the page and show. Returns the focused test id, if any. */
async function tabWithVisibleFocus(page) {
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    return { testid: el.getAttribute('data-testid'), tag: el.tagName, outline: getComputedStyle(el).outlineStyle };
  });
  assert.notEqual(focus.tag, 'BODY', 'focus must not fall out of the page');
  assert.notEqual(focus.outline, 'none', `focus visible on ${focus.tag} ${focus.testid}`);
  return focus.testid;
}

test('the keyboard reaches the form, and focus is visible', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    const testid = await tabWithVisibleFocus(page);
    if (testid) seen.add(testid);
  }
  for (const testid of ['offer-picker', 'export-file', 'field-name', 'field-salary.base_annual']) {
    assert.ok(seen.has(testid), `Tab reaches ${testid}; reached ${[...seen].join(', ')}`);
  }
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('9');
  await page.context().close();
});

test('a keyboard user keeps their place when a button rebuilds the form', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);
  const scenarios = () => page.locator('[data-testid^="scenario-row-"]').count();
  // Presses a button with the keyboard and waits for the form to be rebuilt.
  const press = async (testid, rows) => {
    await page.getByTestId(testid).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length === n, rows);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  };
  // The form's sections arrive in a chunk after the first paint: wait for the scenario table.
  await page.locator('[data-testid^="scenario-row-"]').nth(1).waitFor();
  const start = await scenarios();
  assert.ok(start >= 2, 'the example has two scenarios or more');
  await press('add-scenario', ['[data-testid^="scenario-row-"]', start + 1]);
  assert.equal(await focused(), 'add-scenario', 'after adding a scenario');
  await press('duplicate-scenario-0', ['[data-testid^="scenario-row-"]', start + 2]);
  assert.equal(await focused(), 'duplicate-scenario-0', 'after duplicating a scenario');
  // A middle row's "Remove": the row after it takes its place, and its "Remove" takes focus.
  await press('remove-scenario-1', ['[data-testid^="scenario-row-"]', start + 1]);
  assert.equal(await focused(), 'remove-scenario-1', 'after removing a middle scenario');
  // The last row's "Remove": the row before it.
  await press(`remove-scenario-${start}`, ['[data-testid^="scenario-row-"]', start]);
  assert.equal(await focused(), `remove-scenario-${start - 1}`, 'after removing the last scenario');
  // The only milestone's "Remove": what follows the empty table, its "Add" button.
  assert.equal(await page.locator('[data-testid^="remove-milestone-"]').count(), 1);
  await press('remove-milestone-0', ['[data-testid^="remove-milestone-"]', 0]);
  assert.equal(await focused(), 'add-milestone', 'after removing the only milestone');
  await page.keyboard.press('Shift+Tab');
  assert.notEqual(await focused(), 'BODY', 'the keyboard goes on from there');
  // "Try it" puts an ask into the offer; the verdict is rebuilt without it, and takes focus.
  await page.getByTestId('field-salary.sacrificed_annual').fill('60000');
  const tryIt = page.getByTestId('try-salary.sacrificed_annual');
  await tryIt.focus();
  await page.keyboard.press('Enter');
  await tryIt.waitFor({ state: 'detached' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.equal(await focused(), 'verdict', 'after trying an ask');
  await page.context().close();
});

test('an edit in another tab leaves the person typing here with their caret where it was', async () => {
  const here = await openPage(browser, server.url);
  await figure(here, 'expected-token-pv');
  const salary = here.getByTestId('field-salary.base_annual');
  const before = await salary.inputValue();
  assert.ok(before.length > 4, before);
  await salary.click();
  await here.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await here.keyboard.press('ArrowRight');
  const there = await anotherTab(here, server.url);
  await there.getByTestId('field-name').fill('Renamed in the other tab');
  // The whole form here is drawn again from the other tab's offer.
  await here.waitForFunction(() => document.querySelector('[data-testid="field-name"]').value === 'Renamed in the other tab');
  await here.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.deepEqual(await here.evaluate(() => {
    const active = document.activeElement;
    return [active.dataset.testid, active.selectionStart, active.selectionEnd];
  }), ['field-salary.base_annual', 3, 3]);
  await here.keyboard.type('9');
  assert.equal(await salary.inputValue(), `${before.slice(0, 3)}9${before.slice(3)}`, 'the next key lands where the caret was');
  assert.deepEqual(here.problems, []);
  await here.context().close();
});

test('renaming an offer by keyboard: Enter keeps the name, Escape does not, focus comes back', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);
  const shownName = () => page.evaluate(() => document.querySelector('[data-testid=offer-picker]').selectedOptions[0].textContent);
  const before = await shownName();
  const frame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  await page.getByTestId('rename').focus();
  await page.keyboard.press('Enter');
  await frame();
  assert.equal(await focused(), 'rename-input', 'the name field takes focus');
  await page.keyboard.type('Escaped name');
  await page.keyboard.press('Escape');
  await frame();
  assert.equal(await focused(), 'rename');
  assert.equal(await shownName(), before, 'Escape keeps the old name');
  await page.keyboard.press('Enter');
  await frame();
  await page.keyboard.type('My offer');
  await page.keyboard.press('Enter');
  await frame();
  assert.equal(await focused(), 'rename');
  assert.equal(await shownName(), 'My offer');
  await page.context().close();
});

test('the share link, its Close and Undo delete move focus where the keyboard needs it', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);
  const frame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  const press = async (testid) => { await page.getByTestId(testid).focus(); await page.keyboard.press('Enter'); await frame(); };
  await press('share');
  // The panel comes with the sections' chunk (issue 28): the link takes focus once it is drawn.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'share-link');
  assert.equal(await focused(), 'share-link', 'the link, selected, ready to copy');
  assert.ok(await page.evaluate(() => document.activeElement.selectionEnd > 20), 'its text is selected');
  await press('share-close');
  assert.equal(await focused(), 'share');
  await press('delete-offer');
  await press('undo-delete');
  assert.equal(await focused(), 'delete-offer', 'back where the offer was deleted');
  assert.equal(await page.getByTestId('embed').getAttribute('aria-expanded'), 'false');
  await press('embed');
  assert.equal(await page.getByTestId('embed').getAttribute('aria-expanded'), 'true');
  await page.context().close();
});

test('a screen reader hears the new summary once the person pauses, not the progress', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const announcement = page.getByTestId('announcement');
  assert.equal(await announcement.getAttribute('aria-live'), 'polite');
  await page.waitForTimeout(1500);
  assert.equal(await announcement.textContent(), '', 'nothing announced on load');
  const onLoad = await page.getByTestId('summary').textContent();
  const input = page.getByTestId('field-salary.sacrificed_annual');
  await input.fill('');
  await input.pressSequentially('10000', { delay: 50 });
  // While typing (keys 50 ms apart), nothing is said.
  assert.equal(await announcement.textContent(), '');
  await page.waitForFunction(() => document.querySelector('[data-testid=announcement]').textContent !== '', null, { timeout: 5000 });
  const said = await announcement.textContent();
  assert.equal(said, await page.getByTestId('summary').textContent(), 'the summary on screen is what is said');
  assert.notEqual(said, onLoad);
  // The simulation's progress is in no live region.
  await page.getByTestId('field-simulation.paths').fill('1000000');
  await page.getByTestId('mc-progress').waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid=mc-progress]').closest('[aria-live], [role=status], [role=alert]')), null);
  await page.context().close();
});

test('no axe violations on the Company view, with a plan open and a problem shown', async () => {
  const page = await openPage(browser, `${server.url}company/index.html`, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await page.getByTestId('team-report').waitFor({ timeout: 20000 });
  await page.getByTestId('plan-summary-1').click();
  assert.deepEqual(await violations(page), [], 'the team, its plans and its report');
  await page.getByTestId('field-projects[1].payouts.milestones[0].per_token').fill('lots');
  await page.getByTestId('error-projects[1].payouts.milestones[0].per_token').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(await violations(page), [], 'with a problem at a field');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Company view by keyboard: every control in reach with a visible focus, a plan opens with Enter, an edit reprices the team', async () => {
  const page = await openPage(browser, `${server.url}company/index.html`, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await page.getByTestId('team-report').waitFor({ timeout: 20000 });
  const costBefore = await page.getByTestId('cost').first().textContent();
  const seen = new Set();
  let edited = false;
  for (let i = 0; i < 120 && !seen.has('plan-summary-0'); i++) {
    const testid = await tabWithVisibleFocus(page);
    if (testid) seen.add(testid);
    if (testid === 'field-members[0].tokens' && !edited) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type('40000');
      edited = true;
    }
  }
  for (const testid of ['import-team', 'export-team', 'field-company', 'add-project', 'field-members[0].tokens', 'add-member', 'plan-summary-0']) {
    assert.ok(seen.has(testid), `Tab reaches ${testid}; reached ${[...seen].join(', ')}`);
  }
  await page.getByTestId('cost').first().filter({ hasNotText: costBefore }).waitFor();
  // Each plan is a disclosure (the first opens with the page): Enter closes it, the next Tab skips
  // its terms to the second plan, Enter opens that, and the Tab after goes into its terms.
  const openPlan = () => page.evaluate(() => {
    const details = document.activeElement.closest('details');
    return { plan: details?.querySelector('summary')?.dataset.testid, open: details?.open };
  });
  assert.deepEqual(await openPlan(), { plan: 'plan-summary-0', open: true });
  await page.keyboard.press('Enter');
  assert.deepEqual(await openPlan(), { plan: 'plan-summary-0', open: false });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'plan-summary-1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.deepEqual(await openPlan(), { plan: 'plan-summary-1', open: true });
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'INPUT', 'into the second plan\'s terms');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
