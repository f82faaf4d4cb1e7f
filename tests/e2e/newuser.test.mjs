// Issue 28: what a new user trips over, from the first visit on. Each test is one of the issue's
// items as a person meets it: the example said to be one, the range first and in the first
// screen, an offers bar whose buttons say what they are, figures named apart, typing as people do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, figure, shownText, cliReport, moneyAsReport, percentOf, violations, assertHeadlineMatches, ROOT, CLI } from './harness.mjs';

const ACME = path.join(ROOT, 'examples/acme-copilot.json');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The top and bottom of the element with this test id, in the window's pixels. */
function box(page, testid) {
  return page.getByTestId(testid).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
}

for (const [width, height] of [[390, 844], [1280, 800]]) {
  test(`a first visit at ${width}×${height}: an example said to be one, and the range first, in the first screen`, async () => {
    const page = await openPage(browser, server.url, { contextOptions: { viewport: { width, height } } });
    const report = cliReport(ACME);
    await figure(page, 'expected-token-pv');
    const note = await shownText(page, 'example-note');
    assert.equal(note, 'An example: these are the figures of “Acme Copilot tokens”, a made-up offer, not yours. Start from your offer letter');
    assert.equal(await page.getByTestId('example-start').getAttribute('href'), '#start', 'the way to start from one\'s own offer is beside it');
    // The range first: the exact distribution's P10 and P90, the CLI's to the cent.
    const [low, high] = (await figure(page, 'range')).split(' to ');
    assert.deepEqual([moneyAsReport(low), moneyAsReport(high)], [report.distribution.p10, report.distribution.p90]);
    const order = await page.evaluate(() => [...document.querySelectorAll('.headline dd[data-testid]')].map((el) => el.dataset.testid));
    assert.deepEqual(order.slice(0, 2), ['range', 'expected-token-pv'], 'the range comes before the average');
    for (const testid of ['example-note', 'range', 'expected-token-pv']) {
      const { bottom } = await box(page, testid);
      assert.ok(bottom <= height, `${testid} is in the first screen (its bottom at ${Math.round(bottom)} px of ${height})`);
    }
    assert.deepEqual(await violations(page), []);
    // An offer of one's own is not called an example.
    await page.getByTestId('new-offer').click();
    await page.getByTestId('example-note').waitFor({ state: 'detached' });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the offers bar: one primary action, secondary ones outlined, Delete in the colour of danger, and one entry to the guided start', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await openPage(browser, server.url, { contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme: scheme } });
    await figure(page, 'expected-token-pv');
    const looks = await page.evaluate(() => {
      const accent = getComputedStyle(document.querySelector('[data-testid=new-offer]')).backgroundColor;
      const filled = [...document.querySelectorAll('nav.library button, nav.library .button')]
        .filter((b) => getComputedStyle(b).backgroundColor === accent).map((b) => b.textContent.trim());
      const bad = getComputedStyle(document.documentElement).getPropertyValue('--bad').trim();
      const probe = document.createElement('span');
      probe.style.color = bad;
      document.body.append(probe);
      const badColour = getComputedStyle(probe).color;
      probe.remove();
      const del = getComputedStyle(document.querySelector('[data-testid=delete-offer]'));
      const share = getComputedStyle(document.querySelector('[data-testid=share]'));
      const starts = [...document.querySelectorAll('a[href="#start"]')].filter((a) => !a.closest('.example-note'));
      return { filled, badColour, del: [del.color, del.borderTopColor], share: share.color, starts: starts.map((a) => a.dataset.testid) };
    });
    assert.deepEqual(looks.filled, ['New'], `${scheme}: one primary, filled action`);
    assert.deepEqual(looks.del, [looks.badColour, looks.badColour], `${scheme}: Delete is drawn in the colour of danger`);
    assert.notEqual(looks.share, looks.badColour, `${scheme}: Share does not look like Delete`);
    assert.deepEqual(looks.starts, ['guided-start'], `${scheme}: one entry to the guided start (besides the example's own note)`);
    assert.deepEqual(await violations(page), [], scheme);
    await page.context().close();
  }
});

test('the two chances of less than the salary given up are named apart, each with its own model', async () => {
  const page = await openPage(browser, server.url);
  const report = cliReport(ACME);
  await figure(page, 'expected-token-pv');
  const simulated = await shownText(page, 'mc-prob-below');
  assert.equal(simulated, percentOf(report.monte_carlo.prob_below_sacrifice));
  const label = await page.getByTestId('mc-prob-below').evaluate((dd) => dd.parentElement.querySelector('dt').textContent);
  assert.match(label, /^Simulated chance/);
  const exact = percentOf(report.decision.prob_worse_than_salary_only);
  assert.notEqual(exact, simulated, 'the example\'s two chances differ (48.3 % and 55.8 %)');
  assert.equal(await shownText(page, 'prob-below-exact'),
    `revenue varying around each plan; ${exact} with each scenario's revenue as planned (the verdict's)`);
  assert.ok((await shownText(page, 'verdict')).includes(`is ${exact}.`), 'the verdict quotes the exact one');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('typing as people do: $500/month in a yearly field, 6x for a multiple, and what to change where it is not clear', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  await page.getByTestId('field-salary.sacrificed_annual').fill('$500/month');
  await page.getByTestId('field-payouts.buyback.revenue_multiple').fill('6x');
  await page.waitForFunction(() => !document.querySelector('[data-testid="out-of-date"]'));
  assert.equal(await shownText(page, 'error-salary.sacrificed_annual').catch(() => ''), '');
  await page.waitForFunction(() => {
    const d = JSON.parse(localStorage.getItem('tokenworth.library')).offers.find((o) => o.id === 'acme-copilot').document;
    return d.salary.sacrificed_annual === '6000' && d.payouts.buyback.revenue_multiple === '6';
  });
  // Where it cannot be read for sure, the message says what to change.
  for (const [testid, typed, message] of [
    ['field-personal.wealth', '6x', '"6x": this is not a multiple; type the number alone, such as 6'],
    ['field-scenarios[1].annual_revenue[1]', '5M 15M 30M', '"5M 15M 30M" is several amounts: type one here'],
  ]) {
    await page.getByTestId(testid).fill(typed);
    const error = testid.replace('field-', 'error-');
    await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent.includes(want), [error, message]);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('keys: a skip link to the results first, a visible ring on Import, Escape leaves the guided start', async () => {
  const page = await openPage(browser, server.url, { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await figure(page, 'expected-token-pv');
  await page.getByTestId('decide').waitFor();
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { testid: el.dataset.testid, visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 20, outline: getComputedStyle(el).outlineStyle };
  });
  assert.deepEqual(skip, { testid: 'skip-to-results', visible: true, outline: 'solid' }, 'the first Tab is the skip link, shown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('results').contains(document.activeElement)),
    'the next Tab is inside the results');
  // The hidden file input's label shows the ring.
  await page.getByTestId('import-file').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const label = document.querySelector('label[for="import-file"]');
    return { focused: document.activeElement.id, outline: getComputedStyle(label).outlineStyle };
  });
  assert.deepEqual(ring, { focused: 'import-file', outline: 'solid' });
  // Escape leaves the guided start, and the keyboard goes back to its entry.
  await page.getByTestId('guided-start').click();
  await page.getByTestId('guided-title').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('guided').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'guided-start');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the page at 1280 px: ids are unique, the ledgers fit, the pool share and the median read as people write them', async () => {
  const page = await openPage(browser, server.url, { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await figure(page, 'expected-token-pv');
  await page.getByText('Your grant is 1% of the pool.').waitFor(); // not 1.0000%
  // Most outcomes nothing: the median is not "worth $0 or less".
  await page.getByTestId('field-leaving.annual_departure_pct').fill('90');
  await page.waitForFunction(() => document.querySelector('[data-testid=summary]')?.textContent.includes('at least half the time they pay nothing at all'));
  assert.ok(!(await shownText(page, 'summary')).includes('or less'));
  // Two offers compared: the section's heading and the chart's title are not one id.
  await page.getByTestId('compare-pick-acme-copilot').check();
  await page.getByTestId('compare-pick-research-lab').check();
  await page.getByTestId('chart-compare').waitFor();
  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(duplicates, [], 'no id is used twice');
  // The widest ledger of the examples (OpenAI's PPUs, eight columns) fits the column.
  await page.getByTestId('new-from-example').selectOption('openai-ppu');
  await page.waitForFunction(() => document.querySelector('[data-testid=offer-picker] option:checked')?.textContent.includes('OpenAI'));
  await page.getByTestId('ledger-0').waitFor();
  const clipped = await page.evaluate(() => [...document.querySelectorAll('table.ledger')]
    .filter((t) => t.parentElement.scrollWidth > t.parentElement.clientWidth).map((t) => t.dataset.testid));
  assert.deepEqual(clipped, [], 'every ledger\'s last column is in view');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('sharing: the link leaves the sender\'s own figures out unless chosen, says what it carries, copies, and the reader\'s bar names the shared offer', async () => {
  const page = await openPage(browser, server.url, { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
  await figure(page, 'expected-token-pv');
  await page.getByTestId('share').click();
  assert.match(await shownText(page, 'share-carries'), /Your savings, tax rates, discount rate and attitude to risk are left out/);
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-copy').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-copied]')?.textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'Copy puts the link on the clipboard');
  await page.getByTestId('share-own').check();
  await page.waitForFunction((before) => document.querySelector('[data-testid=share-link]').value !== before, link);
  assert.match(await shownText(page, 'share-carries'), /and your own figures/);
  assert.deepEqual(await violations(page), []);
  await page.context().close();

  // The reader: the acme offer's terms, but tokenworth's defaults for the sender's own figures.
  const reader = await openPage(browser, link);
  await reader.getByTestId('shared-banner').waitFor();
  assert.match(await shownText(reader, 'shared-banner'), /tokenworth's defaults, not the sender's/);
  assert.equal(await reader.getByTestId('field-personal.wealth').inputValue(), '100,000', 'not the sender\'s 150,000');
  assert.equal(await reader.getByTestId('field-grant.tokens').inputValue(), '10,000');
  // The offers select names the shared offer, and renaming it renames what the select shows.
  const selected = () => reader.evaluate(() => document.querySelector('[data-testid=offer-picker] option:checked').textContent);
  assert.equal(await selected(), 'Acme Copilot tokens (shared, not saved)');
  await reader.getByTestId('rename').click();
  await reader.getByTestId('rename-input').fill('Their offer');
  await reader.getByTestId('rename-input').press('Enter');
  await reader.waitForFunction(() => document.querySelector('[data-testid=offer-picker] option:checked')?.textContent === 'Their offer (shared, not saved)');
  assert.equal(await reader.getByTestId('field-name').inputValue(), 'Their offer');
  assert.deepEqual(await violations(reader), []);
  assert.deepEqual(reader.problems, []);
  await reader.context().close();
});

test('"Try it" is a what-if the person keeps or leaves: the saved offer changes only when kept', async () => {
  const page = await openPage(browser, server.url);
  await figure(page, 'expected-token-pv');
  const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('tokenworth.library')).offers.find((o) => o.id === 'acme-copilot').document.salary.sacrificed_annual);
  await page.getByTestId('field-salary.sacrificed_annual').fill('60000');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('tokenworth.library')).offers.find((o) => o.id === 'acme-copilot').document.salary.sacrificed_annual === '60000');
  const tryIt = page.getByTestId('try-salary.sacrificed_annual');
  await tryIt.click();
  await page.getByTestId('what-if').waitFor();
  assert.match(await shownText(page, 'what-if'), /^What if: .*your offer is unchanged until you keep it\./s);
  const tried = await page.getByTestId('field-salary.sacrificed_annual').inputValue();
  assert.notEqual(tried, '60,000', 'the form shows the what-if');
  assert.equal(await saved(), '60000', 'the saved offer keeps the letter\'s terms');
  assert.deepEqual(await violations(page), []);
  await page.getByTestId('what-if-leave').click();
  await page.getByTestId('what-if').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('field-salary.sacrificed_annual').inputValue(), '60,000', 'back to the offer as it was');
  assert.equal(await saved(), '60000');
  await tryIt.click();
  await page.getByTestId('what-if-keep').click();
  await page.getByTestId('what-if').waitFor({ state: 'detached' });
  await page.waitForFunction((want) => JSON.parse(localStorage.getItem('tokenworth.library')).offers.find((o) => o.id === 'acme-copilot').document.salary.sacrificed_annual === want,
    tried.replace(/,/g, ''));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the embed: the Embed panel checks the host, a frame that cannot load says why, and the embed is compact', async () => {
  // This suite's server sends no Access-Control-Allow-Origin: the panel says what to change.
  const author = await openPage(browser, server.url);
  await figure(author, 'expected-token-pv');
  await author.getByTestId('embed').click();
  await author.getByTestId('embed-host-warning').waitFor();
  assert.match(await shownText(author, 'embed-host-warning'), /Access-Control-Allow-Origin: \*/);
  assert.deepEqual(await violations(author), []);
  const snippet = await author.getByTestId('embed-snippet').inputValue();
  await author.context().close();

  // On a blog, the frame served without the header says why it shows nothing.
  const blog = await serve({ pages: { 'post.html': `<!doctype html><html lang="en"><head><title>Post</title><link rel="icon" href="data:,"></head><body><main><h1>Tokens</h1>${snippet}</main></body></html>` } });
  const reader = await browser.newPage();
  await reader.goto(`${blog.url}post.html`);
  const frame = reader.frameLocator('#tokenworth-embed');
  await frame.getByTestId('load-failed').waitFor({ state: 'visible', timeout: 15000 });
  assert.match(await frame.getByTestId('load-failed').textContent(), /needs its server to send Access-Control-Allow-Origin: \*/);
  await reader.close();
  await blog.close();

  // With the header: no warning, and a compact embed whose open inputs and answer come first.
  const cors = await serve({ headers: { 'access-control-allow-origin': '*' } });
  for (const [width, most] of [[390, 844], [1280, 800]]) {
    const page = await openPage(browser, `${cors.url}?embed&open=salary.sacrificed_annual,grant.tokens${snippet.match(/#offer=[^"]+/)[0]}`,
      { contextOptions: { viewport: { width, height: 900 } } });
    await figure(page, 'risk-adjusted-net');
    await page.getByTestId('chart-outcomes').waitFor();
    const top = (testid) => page.getByTestId(testid).first().evaluate((el) => el.getBoundingClientRect().bottom);
    for (const testid of ['field-salary.sacrificed_annual', 'field-grant.tokens', 'range', 'risk-adjusted-net']) {
      assert.ok(await top(testid) < most, `${testid} in the first screen at ${width}px`);
    }
    assert.equal(await page.getByTestId('load-failed').count(), 0, 'the mounted app removed the message');
    assert.deepEqual(await violations(page), [], `${width}px`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  const panel = await openPage(browser, cors.url);
  await figure(panel, 'expected-token-pv');
  await panel.getByTestId('embed').click();
  await panel.locator('[data-testid=embed-panel][data-host=sends-cors]').waitFor();
  assert.equal(await panel.getByTestId('embed-host-warning').count(), 0, 'a host that sends the header is not warned about');
  await panel.context().close();
  await cors.close();
});

/** What `tokenworth value --text` prints for the offer file, its spaces run together. */
function cliText(offerFile) {
  return execFileSync(CLI, ['value', '--text', offerFile], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The guided start's step on screen, by its title. */
async function guidedStep(page, title) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="guided-title"]')?.textContent === t, title);
}

test('the guided start: gross profit and its margin, the two readings of year 2, badges that tell the truth, help that follows the choice, and what the figures assume', async () => {
  const page = await openPage(browser, server.url, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  await figure(page, 'expected-token-pv');
  await page.getByTestId('guided-start').click();
  await guidedStep(page, 'What you are offered');
  await figure(page, 'expected-token-pv');

  // Step 1: the figures beside it say what they assume, and the summary states no salary given up
  // before the salary is asked.
  assert.equal(await shownText(page, 'guided-assumed'), 'The figures beside this take your answers so far. Until you reach those steps, they assume a 10 % share of revenue paid to token holders, with no milestone payment and no buyback (step 2); a salary of $150,000 a year, none of it given up for the tokens (step 3); the three ready outlooks for a planned revenue of $5,000,000 a year (step 4); a 20.5 % chance a year that you leave, savings of $100,000, a risk aversion of 2, and tax at 30 % on pay and 20 % on what the tokens pay (step 5).');
  assert.ok(!(await page.getByTestId('summary').isVisible()), 'no summary stating the starting salary as the person\'s');
  // A compute budget: its personal use is the letter's term, 0 when the letter says nothing.
  await page.getByTestId('guided-guided.compute').check();
  const personal = page.getByTestId('guided-compute_budget.personal_use_pct');
  assert.equal(await personal.inputValue(), '0');
  const personalHelp = await shownText(page, 'guided-help-compute_budget.personal_use_pct');
  assert.match(personalHelp, /^From your offer letter\.\s+.*0 if it says nothing\.$/);
  await page.getByTestId('guided-compute_budget.annual').fill('24,000');
  await personal.fill('5');
  assert.deepEqual(await violations(page), [], 'step 1');
  await page.getByTestId('guided-next').click();

  // Step 2: "x % of gross profit", and "each year from year 2" read either way.
  await guidedStep(page, 'How the tokens pay');
  assert.doesNotMatch(await shownText(page, 'guided-assumed'), /step 2/);
  await page.getByTestId('guided-payouts.revenue_share.pool_pct').fill('12.5');
  assert.equal(await page.getByTestId('guided-payouts.revenue_share.gross_margin_pct').count(), 0, 'no margin for a share of revenue');
  await page.getByTestId('guided-payouts.revenue_share.basis-gross_profit').check();
  await page.getByTestId('guided-payouts.revenue_share.gross_margin_pct').fill('40');
  assert.match(await shownText(page, 'guided-help-payouts.revenue_share.gross_margin_pct'), /^Your estimate\.\s+/);
  assert.match(await shownText(page, 'guided-help-payouts.revenue_share.basis'), /^From your offer letter\.\s+/);
  await page.getByTestId('guided-guided.buyback').check();
  const reading = (value) => page.getByTestId(`guided-guided.first_window-${value}`).evaluate((el) => el.closest('label').textContent.trim());
  assert.equal(await reading('13'), 'Month 13, when year 2 begins: the letter says “from year 2” or “after your first year”');
  assert.equal(await reading('24'), 'Month 24, when year 2 ends: the letter says “after two years” or “at the end of year 2”');
  assert.match(await shownText(page, 'guided-help-guided.first_window'), /^From your offer letter\.\s+A letter's “each year from year 2” can mean either: .*month 13.*month 24/);
  assert.equal(await page.getByTestId('guided-payouts.buyback.first_window_month').count(), 0, 'no month to type for either reading');
  await page.getByTestId('guided-guided.first_window-other').check();
  assert.equal(await page.getByTestId('guided-payouts.buyback.first_window_month').inputValue(), '24');
  await page.getByTestId('guided-guided.first_window-13').check();
  await page.getByTestId('guided-payouts.buyback.first_window_month').waitFor({ state: 'detached' });
  // A sale limit written in the letter is the letter's, not the person's estimate.
  assert.match(await shownText(page, 'guided-help-payouts.buyback.sell_pct'), /^From your offer letter\.\s+/);
  assert.deepEqual(await violations(page), [], 'step 2');
  await page.getByTestId('guided-next').click();

  // Step 3: the salary is asked; from here the summary speaks of it.
  await guidedStep(page, 'What you give up');
  assert.doesNotMatch(await shownText(page, 'guided-assumed'), /step 3/);
  await page.getByTestId('guided-salary.sacrificed_annual').fill('20,000');
  await page.getByTestId('summary').waitFor({ state: 'visible' });
  await page.getByTestId('guided-next').click();

  // Step 4: the outlooks' help follows the choice.
  await guidedStep(page, 'How you think the project goes');
  const flopHelp = () => shownText(page, 'guided-help-scenarios[0].probability_pct');
  assert.match(await flopHelp(), /a tenth of the plan in year 2/);
  await page.getByTestId('guided-guided.outlooks-own').check();
  await page.getByTestId('guided-scenarios[0].annual_revenue').waitFor();
  assert.doesNotMatch(await flopHelp(), /a tenth of the plan/);
  assert.match(await flopHelp(), /^Your chance that it goes badly, with the revenue each year and the month it shuts down that you enter below\./);
  assert.doesNotMatch(await shownText(page, 'guided-help-scenarios[1].probability_pct'), /quarter, a half/);
  assert.deepEqual(await violations(page), [], 'step 4, own numbers');
  await page.getByTestId('guided-next').click();

  // Step 5: nothing is assumed any more.
  await guidedStep(page, 'Your situation');
  assert.equal(await page.getByTestId('guided-assumed').count(), 0);
  await page.getByTestId('guided-next').click();
  await guidedStep(page, 'Name it and finish');
  await page.getByTestId('guided-name').fill('Gross profit letter');
  await page.getByTestId('guided-next').click();
  await page.getByTestId('guided-saved').waitFor();

  // The offer saved is what was said, and the page's figures are the CLI's.
  const library = await page.evaluate(() => JSON.parse(localStorage.getItem('tokenworth.library')));
  const saved = library.offers.find((o) => o.document.name === 'Gross profit letter').document;
  assert.deepEqual(saved.payouts.revenue_share, { pool_pct: '12.5', basis: 'gross_profit', gross_margin_pct: '40', every_months: 3 });
  assert.equal(saved.payouts.buyback.first_window_month, 13);
  assert.equal(saved.compute_budget.personal_use_pct, '5');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newuser-guided-')), 'offer.json');
  fs.writeFileSync(file, JSON.stringify(saved));
  await assertHeadlineMatches(page, file);

  // A compute budget beside the salary given up is never said to be bought with it.
  await page.getByTestId('verdict').waitFor();
  const verdict = await shownText(page, 'verdict');
  assert.match(verdict, /^Counting its risk, giving up \$20,000 a year of salary for these tokens, with the compute budget counted beside them, leaves you /);
  const trade = await shownText(page, 'verdict-compute-trade');
  assert.match(trade, /^Counted beside the tokens, the budget/);
  for (const text of [verdict, trade, await shownText(page, 'compute-trade')]) {
    assert.doesNotMatch(text, /instead of salary|makes up .* salary given up:|covers the|for these tokens and the compute budget/);
  }
  const said = cliText(file);
  assert.ok(said.includes(trade), `--text says it too: ${trade}`);
  assert.ok(said.includes(verdict.split('. ')[0]), '--text gives the same verdict');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the compact embed leads with the verdict\'s one line, the full page\'s own words', async () => {
  const full = await openPage(browser, server.url);
  await full.getByTestId('verdict').waitFor();
  const verdict = await shownText(full, 'verdict');
  await full.context().close();
  for (const width of [390, 1280]) {
    const page = await openPage(browser, `${server.url}?embed&open=salary.sacrificed_annual`, { contextOptions: { viewport: { width, height: 900 } } });
    await figure(page, 'risk-adjusted-net');
    await page.getByTestId('embed-verdict').filter({ hasText: /./ }).waitFor();
    const line = await shownText(page, 'embed-verdict');
    assert.match(line, /^Counting its risk, giving up \$\S+ a year of salary for these tokens leaves you \$\S+ (better|worse) off than salary only\.$/);
    assert.ok(verdict.startsWith(line), `the full page's verdict begins with the embed's line: ${line}`);
    assert.ok(cliText(ACME).includes(line), '--text says it too');
    const bottom = await page.getByTestId('embed-verdict').evaluate((el) => el.getBoundingClientRect().bottom);
    const range = await page.getByTestId('range').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(bottom <= range, 'near the top, above the figures');
    // It follows the open inputs.
    await page.getByTestId('field-salary.sacrificed_annual').fill('0');
    await page.getByTestId('embed-verdict').filter({ hasText: /^You give up no salary for these tokens/ }).waitFor();
    assert.deepEqual(await violations(page), [], `${width}px`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
