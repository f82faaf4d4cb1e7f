// Two tabs of one browser on the same saved offers (issue 30): typing character by character at
// 80 ms a key in both, switching and deleting in one, a newer tokenworth's data stored by one. Nothing
// typed is lost, neither on screen nor in storage, nor after a reload; neither tab moves the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, anotherTab, figure, importFile, settledReport, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KEY_DELAY = 80;
const LIBRARY = 'tokenworth.library';

/** Replaces a text field's content by typing, one key every 80 ms, as a person does. */
async function typeSlowly(page, testid, text) {
  const input = page.getByTestId(testid);
  await input.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await input.pressSequentially(text, { delay: KEY_DELAY });
}

/** The stored library's offer with this id (the page's storage is the context's). */
async function storedOffer(page, id) {
  const library = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), LIBRARY);
  return library.offers.find((o) => o.id === id)?.document;
}

/** Waits until the field in `page` shows `value`. */
async function shows(page, testid, value) {
  const shown = () => page.evaluate((t) => document.querySelector(`[data-testid="${t}"]`)?.value, testid);
  await page.waitForFunction(([t, v]) => document.querySelector(`[data-testid="${t}"]`)?.value === v, [testid, value], { timeout: 15000 })
    .catch(async () => assert.equal(await shown(), value, `${testid} in ${page.url()}`));
}

/**
 * Types each `[testid, text]` of `fields` in its own page at once, then waits until every page
 * shows them all (after a reload too, with `reload`).
 */
async function typeAtOnce(pages, fields, { reload = false } = {}) {
  if (!reload) await Promise.all(pages.map((page, i) => typeSlowly(page, ...fields[i])));
  for (const page of pages) {
    if (reload) await page.reload();
    for (const [testid, text] of fields) await shows(page, testid, text);
  }
}

/** Counts this page's own writes of `key` from now on (`page.writes()` reads the count). */
async function countWrites(page, key) {
  await page.evaluate((k) => {
    window.__writes = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (name, value) { if (name === k) window.__writes += 1; return set.call(this, name, value); };
  }, key);
  return () => page.evaluate(() => window.__writes);
}

/** Two tabs of the calculator on the first saved offer, both with their figures shown. */
async function twoTabs() {
  const first = await openPage(browser, server.url);
  await figure(first, 'expected-token-pv');
  await first.waitForFunction((k) => localStorage.getItem(k), LIBRARY);
  const second = await anotherTab(first, server.url);
  const id = await first.getByTestId('offer-picker').inputValue();
  assert.equal(await second.getByTestId('offer-picker').inputValue(), id);
  return { first, second, id };
}

test('typing in one tab at 80 ms a key, with another tab idle on the same offer, loses no key and the idle tab writes nothing', async () => {
  const { first, second, id } = await twoTabs();
  const writes = await countWrites(second, LIBRARY);
  const name = 'Acme copilot, typed key by key in the first tab';
  await typeSlowly(first, 'field-name', name);
  await shows(second, 'field-name', name);
  assert.equal((await storedOffer(first, id)).name, name);
  assert.equal(await writes(), 0, 'the idle tab never writes back what it received');
  await first.reload();
  await shows(first, 'field-name', name);
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

test('two tabs typing into different fields of one offer at the same time both keep every key, after a reload too', async () => {
  const { first, second, id } = await twoTabs();
  const name = 'Named in the first tab';
  const scenario = 'Scenario named in the second';
  const fields = [['field-name', name], ['field-scenarios[0].name', scenario]];
  await typeAtOnce([first, second], fields);
  const stored = await storedOffer(first, id);
  assert.deepEqual([stored.name, stored.scenarios[0].name], [name, scenario]);
  await typeAtOnce([first, second], fields, { reload: true });
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

test('another tab\'s copy of the keys this tab typed earlier, its note lost in a race of writes, never sets back the field being typed', async () => {
  const first = await openPage(browser, server.url);
  await figure(first, 'expected-token-pv');
  const id = await first.getByTestId('offer-picker').inputValue();
  // The other writer: a page of the same site without the app. Just after the keys (this tab
  // is still typing), it writes what a tab that was behind would: this tab's "Nam", and a
  // scenario renamed there, beside another tab's note.
  const other = await first.context().newPage();
  await other.goto(`${server.url}tokenworth.config.json`);
  await typeSlowly(first, 'field-name', 'Named');
  await first.waitForFunction(([k, i]) => JSON.parse(localStorage.getItem(k)).offers.find((o) => o.id === i).document.name === 'Named', [LIBRARY, id]);
  await other.evaluate(([k, i]) => {
    const library = JSON.parse(localStorage.getItem(k));
    const offer = library.offers.find((o) => o.id === i).document;
    offer.name = 'Nam';
    offer.scenarios[0].name = 'Renamed in the other tab';
    localStorage.setItem(`${k}.base`, '1:2');
    localStorage.setItem(k, JSON.stringify(library));
  }, [LIBRARY, id]);
  await shows(first, 'field-scenarios[0].name', 'Renamed in the other tab');
  assert.equal(await first.getByTestId('field-name').inputValue(), 'Named');
  await first.waitForFunction(([k, i]) => JSON.parse(localStorage.getItem(k)).offers.find((o) => o.id === i).document.name === 'Named', [LIBRARY, id]);
  assert.equal((await storedOffer(first, id)).scenarios[0].name, 'Renamed in the other tab');
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

test('the same field typed in two tabs keeps the later edit, and the other tab is told', async () => {
  const { first, second, id } = await twoTabs();
  await typeSlowly(first, 'field-name', 'First');
  await shows(second, 'field-name', 'First');
  await typeSlowly(second, 'field-name', 'Second');
  await shows(first, 'field-name', 'Second');
  assert.match(await first.getByTestId('other-tab-notice').textContent(), /Your change to .name. was replaced by the one typed later in another tab/);
  assert.equal(await second.getByTestId('other-tab-notice').count(), 0);
  assert.equal((await storedOffer(first, id)).name, 'Second');
  await first.context().close();
});

test('switching and deleting offers in one tab never moves the other, whose keys stay in its own offer', async () => {
  const { first, second, id } = await twoTabs();
  const options = await first.getByTestId('offer-picker').locator('option').evaluateAll((os) => os.map((o) => o.value));
  const [other, third] = options.filter((o) => o !== id);
  const otherName = (await storedOffer(first, other)).name;

  // The second tab switches: the first stays, and its keys go into its own offer.
  await second.getByTestId('offer-picker').selectOption(other);
  await typeSlowly(first, 'field-name', 'Still mine');
  assert.equal(await first.getByTestId('offer-picker').inputValue(), id);
  assert.equal((await storedOffer(first, id)).name, 'Still mine');
  assert.equal((await storedOffer(first, other)).name, otherName);
  await shows(second, 'field-name', otherName);

  // The second tab deletes another offer: the first does not move.
  await second.getByTestId('offer-picker').selectOption(third);
  await second.getByTestId('delete-offer').click();
  await first.waitForFunction((t) => ![...document.querySelectorAll('[data-testid="offer-picker"] option')].some((o) => o.value === t), third);
  assert.equal(await first.getByTestId('offer-picker').inputValue(), id);

  // The second tab deletes the offer the first shows: the first says so and keeps it on screen,
  // unsaved; what it types goes into no other offer; "Save a copy" keeps it.
  await second.getByTestId('offer-picker').selectOption(id);
  await second.getByTestId('delete-offer').click();
  await first.getByTestId('shared-banner').filter({ hasText: 'deleted in another tab' }).waitFor();
  assert.match(await first.getByTestId('other-tab-notice').textContent(), /Still mine.+deleted in another tab/);
  await typeSlowly(first, 'field-name', 'Kept after all');
  const names = async () => (await first.evaluate((k) => JSON.parse(localStorage.getItem(k)), LIBRARY)).offers.map((o) => o.document.name);
  assert.ok(!(await names()).includes('Kept after all'), 'nothing typed lands in a saved offer');
  assert.equal(await second.getByTestId('field-name').inputValue(), otherName, 'the second tab shows its neighbour, as after its own delete');
  await first.getByTestId('save-shared').click();
  await first.waitForFunction((k) => localStorage.getItem(k).includes('Kept after all'), LIBRARY);
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

for (const [label, stored, notice] of [
  ['a newer tokenworth\'s library', '{"format":"tokenworth-library","version":9,"offers":[{"id":"x","document":{}}],"shiny":true}', /newer tokenworth \(library version 9\)/],
  ['an unreadable library', '{"format":"tokenworth-library","version":1,"offers":[{"id":"x","docu', /cannot read\. They are kept under .tokenworth\.backup\.\d+./],
]) {
  test(`${label} stored by one tab survives the other's next keystroke, whether its event came first or not`, async () => {
    const { first, second } = await twoTabs();
    // From the other tab: this one hears of it by a storage event.
    await second.evaluate(([k, v]) => localStorage.setItem(k, v), [LIBRARY, stored]);
    await first.getByTestId('stopped-saving-notice').waitFor();
    await first.getByTestId('field-name').press('End');
    await first.getByTestId('field-name').pressSequentially('x', { delay: KEY_DELAY });
    assert.equal(await first.evaluate((k) => localStorage.getItem(k), LIBRARY), stored);
    assert.match(await first.getByTestId('stopped-saving-notice').textContent(), notice);
    if (label.includes('unreadable')) {
      const backups = await first.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tokenworth.backup.')).map((k) => localStorage.getItem(k)));
      assert.deepEqual(backups, [stored]);
    }
    await first.context().close();

    // Stored where no event reaches this tab before its keystroke (its own storage, written behind
    // its back): the write itself looks first.
    const page = await openPage(browser, server.url);
    await figure(page, 'expected-token-pv');
    await page.waitForFunction((k) => localStorage.getItem(k), LIBRARY);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [LIBRARY, stored]);
    await page.getByTestId('field-name').press('End');
    await page.getByTestId('field-name').pressSequentially('y', { delay: KEY_DELAY });
    await page.getByTestId('stopped-saving-notice').waitFor();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), LIBRARY), stored);
    await page.context().close();
  });
}

/** A share link to the research lab example, made in a browser context of its own. */
async function researchLabLink() {
  const writer = await openPage(browser, server.url);
  await writer.getByTestId('offer-picker').selectOption('research-lab');
  await writer.getByTestId('share').click();
  const link = await writer.getByTestId('share-link').inputValue();
  await writer.context().close();
  return link;
}

test('a #start link saves nothing until the person answers, and leaving it brings back the shared offer on screen', async () => {
  const link = await researchLabLink();

  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.waitForFunction((k) => localStorage.getItem(k), LIBRARY);
  const stored = () => page.evaluate((k) => localStorage.getItem(k), LIBRARY);
  const before = await stored();
  await page.goto(`${server.url}#start`);
  await page.getByTestId('guided').waitFor();
  await figure(page, 'expected-token-pv');
  await page.waitForTimeout(300);
  assert.equal(await stored(), before, 'opening the link saves nothing');
  await page.getByTestId('guided-leave').click();
  await page.getByTestId('guided').waitFor({ state: 'detached' });
  assert.equal(await stored(), before);

  // A shared offer on screen, then #start in the address: leaving the guided start shows it again.
  await page.goto(link);
  await page.getByTestId('shared-banner').waitFor();
  await page.evaluate(() => { location.hash = '#start'; });
  await page.getByTestId('guided').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await stored(), before, 'nothing saved over a shared offer either');
  await page.getByTestId('guided-leave').click();
  await page.getByTestId('guided').waitFor({ state: 'detached' });
  await page.getByTestId('shared-banner').waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Research lab milestone units');
  assert.equal(await stored(), before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an offer imported while a shared offer is shown is the one shown, and later edits go to it', async () => {
  const link = await researchLabLink();

  const page = await openPage(browser, link);
  await page.getByTestId('shared-banner').waitFor();
  await importFile(page, path.join(ROOT, 'examples', 'tender-units.json'));
  await page.getByTestId('shared-banner').waitFor({ state: 'detached' });
  const imported = await page.getByTestId('field-name').inputValue();
  assert.notEqual(imported, 'Research lab milestone units');
  const id = await page.getByTestId('offer-picker').inputValue();
  assert.equal((await storedOffer(page, id)).name, imported);
  await typeSlowly(page, 'field-name', 'Imported, then renamed');
  assert.equal((await storedOffer(page, id)).name, 'Imported, then renamed');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The Company view, a page of its own with its team under one storage key.
const TEAM = 'tokenworth.team';
const companyUrl = () => `${server.url}company/index.html`;

/** Two tabs of the Company view on the saved team, both with its report shown; `cpuSlowdown` 4
 * runs both four times slower (as a loaded CI machine might). */
async function twoCompanyTabs({ cpuSlowdown } = {}) {
  const first = await openPage(browser, companyUrl(), { cpuSlowdown });
  await first.getByTestId('team-report').waitFor({ timeout: 20000 });
  await first.waitForFunction((k) => localStorage.getItem(k), TEAM);
  const second = await first.context().newPage();
  if (cpuSlowdown) await (await first.context().newCDPSession(second)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await second.goto(companyUrl());
  await second.getByTestId('team-report').waitFor({ timeout: 20000 });
  return { first, second };
}

const storedTeam = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).team, TEAM);

test('Company view: two tabs typing into different fields of the team at 80 ms a key both keep every key, after a reload too', async () => {
  const { first, second } = await twoCompanyTabs();
  const writes = await countWrites(second, TEAM);
  // The second tab idle first: it writes back nothing it receives.
  await typeSlowly(first, 'field-company', 'Acme typed alone');
  await shows(second, 'field-company', 'Acme typed alone');
  assert.equal(await writes(), 0);
  const company = 'Acme Corp, typed in the first tab';
  const member = 'Lead, typed in the second tab';
  const fields = [['field-company', company], ['field-members[0].name', member]];
  await typeAtOnce([first, second], fields);
  const team = await storedTeam(first);
  assert.deepEqual([team.company, team.members[0].name], [company, member]);
  await typeAtOnce([first, second], fields, { reload: true });
  assert.deepEqual(first.problems, []);
  await first.context().close();
});

// A keystroke's task only reads the team; the report is worked out after it, in tasks of its own
// (src/ui/company/state.rs). When each keystroke valued the whole team, a slower machine could not
// keep up with two tabs typing at 80 ms a key: `pressSequentially` timed out.
test('Company view: two tabs typing at 80 ms a key four times slower keep every key, and both reports settle to the team as typed', async () => {
  const { first, second } = await twoCompanyTabs({ cpuSlowdown: 4 });
  const company = 'Acme Corp, typed slowly';
  const member = 'Lead, typed slowly';
  await typeAtOnce([first, second], [['field-company', company], ['field-members[0].name', member]]);
  const team = await storedTeam(first);
  assert.deepEqual([team.company, team.members[0].name], [company, member]);
  for (const page of [first, second]) {
    await settledReport(page);
    assert.match(await page.getByTestId('totals-member-0').locator('th').textContent(), new RegExp(`· ${member}$`));
    assert.deepEqual(page.problems ?? [], []);
  }
  await first.context().close();
});

test('Company view: a newer tokenworth\'s team stored by one tab survives the other\'s next keystroke', async () => {
  const { first, second } = await twoCompanyTabs();
  const newer = '{"format":"tokenworth-company","version":5,"team":{"company":"From the future"}}';
  await second.evaluate(([k, v]) => localStorage.setItem(k, v), [TEAM, newer]);
  await first.getByTestId('team-other-tab-notice').waitFor();
  await first.getByTestId('field-company').press('End');
  await first.getByTestId('field-company').pressSequentially('x', { delay: KEY_DELAY });
  assert.equal(await first.evaluate((k) => localStorage.getItem(k), TEAM), newer);
  assert.match(await first.getByTestId('team-other-tab-notice').textContent(), /newer tokenworth \(version 5\).+saves nothing more/);
  await first.context().close();
});

test('Company view: an import with storage full leaves the only stored team in place, and says so', async () => {
  // Full storage: a new key cannot be added, an existing one can still be rewritten.
  const page = await openPage(browser, companyUrl(), {
    initScript: () => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (this.getItem(k) === null && k !== 'tokenworth.team') throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    },
  });
  await page.getByTestId('team-report').waitFor({ timeout: 20000 });
  await page.waitForFunction((k) => localStorage.getItem(k), TEAM);
  await typeSlowly(page, 'field-company', 'The only team');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k)).team.company === 'The only team', TEAM);
  const before = await page.evaluate((k) => localStorage.getItem(k), TEAM);
  await page.getByTestId('import-team').setInputFiles(path.join(ROOT, 'examples/team/acme-team.json'));
  await page.getByTestId('team-kept-notice').waitFor();
  const storedNow = () => page.evaluate((k) => localStorage.getItem(k), TEAM);
  assert.equal(await storedNow(), before, 'the import does not replace the only stored team');
  await page.getByTestId('field-company').press('End');
  await page.getByTestId('field-company').pressSequentially('!', { delay: KEY_DELAY });
  assert.equal(await storedNow(), before, 'nor does the next keystroke');
  assert.match(await page.getByTestId('team-kept-notice').textContent(), /could not be copied aside \(the browser's storage is full\), so it stays the team saved in this browser, and the team now open is not saved/);
  await page.context().close();
});
