// Nothing the user typed is ever lost, and no input can freeze or kill the page (issue 15):
// links past the limits, the plan library (links, reloads, two tabs, storage failures),
// half-edited plans in links and in history, and prices past their limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const EXAMPLE = fileURLToPath(new URL('../examples/warm-standby.json', import.meta.url));

const payload = (link) => link.split('#plan=')[1];

/** A link to `plan` (an object), made by the page itself: upload the file, read the share box. */
async function linkTo(plan) {
  const planner = await Planner.fresh(app);
  await planner.upload('plan.json', JSON.stringify(plan));
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="toolbar-status"]')?.textContent.startsWith('Opened'));
  const link = await planner.shareLink();
  await planner.page.context().close();
  return link;
}

test('links with 6,000 regions or 1,000 classes open at once, name the limit and leave the page usable (items 1, 2)', async () => {
  const example = JSON.parse(await readFile(EXAMPLE, 'utf8'));
  const cases = [
    [{ ...example, regions: Array.from({ length: 6000 }, (_, i) => `${(i % 120) - 60},${Math.floor(i / 120)}`) }, 'regions: 6000 entries; allowed: at most 24'],
    [{ ...example, data_classes: Array.from({ length: 1000 }, (_, i) => ({ ...example.data_classes[0], name: `c${i}` })) }, 'data_classes: 1000 entries; allowed: at most 16'],
  ];
  for (const [plan, limit] of cases) {
    const link = await linkTo(plan);
    const started = Date.now();
    const planner = await Planner.fresh(app, link);
    await planner.testid('plan-errors').waitFor();
    const seconds = (Date.now() - started) / 1000;
    assert.ok((await planner.testid('plan-errors').textContent()).includes(limit));
    // Generous: the page was blank (a panic) or frozen for 80 s before the limits.
    assert.ok(seconds < 30, `opened in ${seconds} s`);
    assert.equal(await planner.testid('notice').count(), 0, 'the plan opened as it is, not the example');
    await planner.testid('reset-example').click(); // the page still answers
    await planner.page.locator('[data-testid^="posture-"]').first().waitFor();
    assert.deepEqual(planner.errors, []);
    console.log(`robust: a ${link.length}-character link (${limit.split(':')[0]}) opened with its problem in ${seconds.toFixed(1)} s`);
    await planner.page.context().close();
  }
});

test('a plan with 1,000 data classes draws 16 editors, says so, and keeps only the first 16 on request (item 2)', async () => {
  const example = JSON.parse(await readFile(EXAMPLE, 'utf8'));
  const plan = { ...example, data_classes: Array.from({ length: 1000 }, (_, i) => ({ ...example.data_classes[0], name: `c${i}` })) };
  const started = Date.now();
  const planner = await Planner.fresh(app, await linkTo(plan));
  const notice = planner.testid('classes-over-limit');
  await notice.waitFor();
  const seconds = (Date.now() - started) / 1000;
  assert.match(await notice.textContent(), /^This plan has 1,000 data classes; the form shows the first 16, the most a plan may have\./);
  assert.equal(await planner.page.locator('details.class-editor').count(), 16);
  await planner.testid('classes-over-limit-keep').click();
  await planner.page.locator('[data-testid^="posture-"]').first().waitFor();
  assert.equal(await notice.count(), 0);
  assert.deepEqual(planner.errors, []);
  console.log(`robust: 1,000 classes opened with 16 editors in ${seconds.toFixed(1)} s`);
  await planner.page.context().close();
});

test("opening a colleague's link adds a plan to the library and never replaces the user's own (item 3)", async () => {
  const colleague = await Planner.fresh(app);
  await colleague.clickMapDot('aws:sa-east-1');
  const theirs = await colleague.shareLink();
  await colleague.page.context().close();

  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mine = await Planner.tab(context, app.server.url);
  await mine.clickMapDot('aws:ca-central-1');
  const own = payload(await mine.shareLink());
  assert.deepEqual((await mine.libraryEntries()).map((e) => e.plan), [own]);

  // The link in a new tab, then an edit of it: a second entry; the user's is untouched.
  const opened = await Planner.tab(context, theirs);
  assert.ok((await opened.selectedRegions()).includes('aws:sa-east-1'));
  await opened.clickMapDot('aws:af-south-1');
  await opened.waitSaved();
  const entries = await opened.libraryEntries();
  assert.equal(entries.length, 2);
  assert.ok(entries.some((e) => e.plan === own), "the user's plan is kept as it was");

  // Without a link the most recent edit opens; the user's own plan is one click away.
  const later = await Planner.tab(context, app.server.url);
  assert.ok((await later.selectedRegions()).includes('aws:af-south-1'));
  await later.testid('library').locator('summary').click();
  await later.testid('library-entry').nth(1).waitFor();
  assert.equal(await later.testid('library-entry').count(), 2);
  await later.page.locator('[data-testid="library-entry"][data-current="false"] [data-testid="library-open"]').click();
  await later.page.waitForFunction(() => document.querySelector('[data-testid="selected-regions"]').textContent.includes('ca-central-1'));
  assert.equal(payload(await later.shareLink()), own);
  await screenshotBothWidths(later.page, 'library');
  assert.equal((await later.libraryEntries()).length, 2, 'opening from the library adds no entry');
  assert.deepEqual([...mine.errors, ...opened.errors, ...later.errors], []);
  await context.close();
});

test('an edit made just before a reload wins over the stale URL (item 5)', async () => {
  const planner = await Planner.fresh(app);
  await planner.waitSaved();
  const stale = planner.page.url();
  await planner.clickMapDot('aws:ca-central-1');
  await planner.page.reload(); // well within the 250 ms save delay: the URL is still the old one
  await planner.page.locator('main#main').waitFor();
  assert.ok(stale.includes('#plan='));
  assert.ok((await planner.selectedRegions()).includes('aws:ca-central-1'));
  assert.equal(await planner.testid('notice').count(), 0);
  await planner.page.context().close();
});

/** Two tabs editing the same library entry; the second one's edit reaches the first. */
async function twoTabs() {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const first = await Planner.tab(context, app.server.url);
  await first.clickMapDot('aws:ca-central-1');
  await first.waitSaved();
  const second = await Planner.tab(context, app.server.url); // opens the latest entry: the same plan
  assert.ok((await second.selectedRegions()).includes('aws:ca-central-1'));
  await second.clickMapDot('aws:af-south-1');
  await second.waitSaved();
  await first.testid('other-tab').waitFor();
  return { context, first, second };
}

test("a tab notices another tab's write to its plan and can keep its own (item 6)", async () => {
  const { context, first } = await twoTabs();
  assert.match(await first.testid('other-tab').textContent(), /changed in another tab/);
  await screenshotBothWidths(first.page, 'other-tab');
  await first.testid('keep-mine').click();
  assert.equal(await first.testid('other-tab').count(), 0);
  assert.ok(!(await first.selectedRegions()).includes('aws:af-south-1'));
  const plans = (await first.libraryEntries()).map((e) => e.plan);
  assert.equal(plans.length, 2, 'both versions are in the library');
  assert.ok(plans.includes(payload(await first.shareLink())));
  await context.close();
});

test("a tab notices another tab's write to its plan and can take it (item 6)", async () => {
  const { context, first, second } = await twoTabs();
  await first.testid('take-theirs').click();
  await first.page.waitForFunction(() => document.querySelector('[data-testid="selected-regions"]').textContent.includes('af-south-1'));
  await first.waitSaved();
  const entries = await first.libraryEntries();
  assert.equal(entries.length, 1, "this tab's copy goes when it takes the other's");
  assert.equal(entries[0].plan, payload(await second.shareLink()));
  await context.close();
});

for (const [how, breakStorage] of [
  ['full', () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }],
  ['disabled', () => { Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }); }],
]) {
  test(`storage ${how}: a lasting notice says edits are not saved and offers the plan as a file (item 6)`, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(breakStorage);
    const planner = await Planner.tab(context, app.server.url);
    await planner.clickMapDot('aws:ca-central-1');
    await planner.waitSaved();
    const notice = await planner.testid('storage-failure').textContent();
    assert.match(notice, /Your edits are not being saved in this browser/);
    assert.match(notice, /Download the plan/);
    const file = JSON.parse(await planner.downloaded('storage-failure-download'));
    assert.ok(file.regions.includes('aws:ca-central-1'), 'the file holds the latest edit');
    await planner.clickMapDot('aws:af-south-1');
    await planner.waitSaved();
    assert.equal(await planner.testid('storage-failure').count(), 1, 'the notice stays');
    if (how === 'full') await screenshotBothWidths(planner.page, 'storage-failure');
    assert.deepEqual(planner.errors, []);
    await context.close();
  });
}

test('a half-edited plan travels by link, and Back into it keeps the URL and the screen in step (item 7)', async () => {
  const planner = await Planner.fresh(app);
  await planner.testid('user-share-0').fill('10');
  await planner.testid('plan-errors').waitFor();
  const halfEdited = await planner.shareLink();

  const other = await Planner.fresh(app, halfEdited);
  assert.equal(await other.testid('user-share-0').inputValue(), '10');
  assert.match(await other.testid('plan-errors').textContent(), /users\[\*\]\.share: shares add up to 0\.600/);
  assert.equal(await other.testid('notice').count(), 0, 'opened as that plan, not the example');
  await other.page.context().close();

  await planner.page.waitForTimeout(1100); // a separate history step
  await planner.testid('user-share-0').fill('50');
  await planner.waitSaved();
  assert.equal(await planner.testid('plan-errors').count(), 0);
  await planner.page.goBack();
  await planner.testid('plan-errors').waitFor();
  assert.equal(await planner.testid('user-share-0').inputValue(), '10');
  assert.equal(planner.page.url(), halfEdited);
  assert.equal(await planner.shareLink(), halfEdited, 'the share box, the URL and the screen agree');
  await planner.page.goForward();
  await planner.page.waitForFunction(() => !document.querySelector('[data-testid="plan-errors"]'));
  assert.equal(await planner.testid('user-share-0').inputValue(), '50');
  assert.equal(planner.page.url(), await planner.shareLink());
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('a negative price and a 1e308 record size are named problems, and the downloaded file keeps them (item 4)', async () => {
  const plan = JSON.parse(await readFile(EXAMPLE, 'utf8'));
  plan.prices = { ...plan.prices, vm_usd_per_month: { aws: -5 } };
  plan.data_classes[0].record_bytes = 1e308;
  const planner = await Planner.fresh(app);
  await planner.upload('bad-prices.json', JSON.stringify(plan));
  await planner.testid('plan-errors').waitFor();
  const problems = await planner.testid('plan-errors').textContent();
  assert.match(problems, /vm_usd_per_month\["aws"\]: -5 is out of range/);
  assert.match(problems, /record_bytes: 1e308 is out of range/);
  assert.equal(await planner.testid('total-cost').count(), 0, 'no "Total $0" for a plan the engine refused');
  const file = await planner.downloaded('download-plan');
  const again = JSON.parse(file);
  assert.equal(again.prices.vm_usd_per_month.aws, -5);
  assert.equal(again.data_classes[0].record_bytes, 1e308);
  await planner.upload('again.json', file); // the file re-opens, problems and all
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="toolbar-status"]')?.textContent.includes('again.json'));
  assert.equal(await planner.testid('plan-errors').textContent(), problems);
  await planner.page.context().close();
});
