// A design review compares alternatives: the nine postures of a class side by side (sortable,
// a card per posture on a phone), a second plan opened against the current one ("before and
// after adding Sydney"), and a pinned placement that travels in the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedApp } from './support/harness.mjs';
import { SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const fresh = (url) => Planner.fresh(app, url);

/** Screenshots of one element at both widths (the page is long; the view is what changed). */
async function shootBothWidths(planner, testid, name) {
  for (const [label, width] of Object.entries(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    await planner.testid(testid).scrollIntoViewIfNeeded();
    await planner.testid(testid).screenshot({ path: `${SCREENSHOT_DIR}${name}-${label}.png` });
  }
  await planner.page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

/** Dollar figures in a row of the comparison table, in column order. */
async function dollars(planner, row) {
  const cells = await planner.testid(row).locator('td').allTextContents();
  return cells.map((c) => Number(c.replace(/[^0-9.]/g, '')));
}

test('the comparison view lists nine postures, marks the recommended one and sorts by a figure', async () => {
  const planner = await fresh();
  await planner.openPostureComparison(0);
  const columns = planner.page.locator('[data-testid^="compare-0-col-"]');
  assert.equal(await columns.count(), 9);
  // The plan's posture comes first, then the rest in order of complexity.
  assert.equal(await columns.first().getAttribute('data-testid'), 'compare-0-col-sync-standby');
  assert.equal((await planner.testid('compare-0-mark-sync-standby').textContent()).trim(), 'recommended');
  assert.equal(await planner.page.locator('[data-testid^="compare-0-mark-"]').count(), 1);
  // The ledger is shared by every population: partitioning has no placement, and says why.
  const unplaceable = await planner.testid('compare-0-table').locator('td.unplaceable').textContent();
  assert.match(unplaceable, /not placeable.*shared by all user populations/);
  // A broken requirement is shown in its cell: a warm standby's asynchronous lag misses RPO 0.
  const rpo = await planner.testid('compare-0-row-rpo').textContent();
  assert.match(rpo, /RPO is 1\.0 s > target 0 s/);

  await planner.testid('compare-0-sort').selectOption('cost');
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="compare-0-order"]')?.textContent.startsWith('sorted by Cost'),
  );
  const costs = (await dollars(planner, 'compare-0-row-cost')).filter((c) => c > 0);
  assert.equal(costs.length, 8);
  assert.deepEqual(costs, [...costs].sort((a, b) => a - b));
  const first = await columns.first().getAttribute('data-testid');
  assert.equal(first, 'compare-0-col-single-region');
  await shootBothWidths(planner, 'compare-0', 'compare-postures');

  // At 375 px: one card per posture, the recommended one marked.
  await planner.page.setViewportSize({ width: WIDTHS.mobile, height: 900 });
  assert.ok(await planner.testid('compare-0-cards').isVisible());
  assert.ok(!(await planner.testid('compare-0-table').isVisible()));
  assert.equal(await planner.page.locator('[data-testid^="compare-0-card-"]').count(), 9);
  assert.match(await planner.testid('compare-0-card-sync-standby').textContent(), /recommended/);
  assert.deepEqual(planner.errors, []);
});

/** The example plan as a file with Sydney added: a region, and a population moved there. */
async function sydneyPlanFile(planner) {
  const plan = JSON.parse(await planner.downloaded('download-plan'));
  plan.name = 'Example with Sydney';
  plan.regions.push('aws:ap-southeast-2');
  plan.users[2].share = 0.05;
  plan.users.push({ name: 'Oceania', place: '-33.87,151.21', share: 0.1 });
  const dir = await mkdtemp(join(tmpdir(), 'meridian-compare-'));
  const path = join(dir, 'with-sydney.json');
  await writeFile(path, JSON.stringify(plan, null, 2));
  return path;
}

test('a second plan opened for comparison shows what changed, class by class', async () => {
  const planner = await fresh();
  const file = await sydneyPlanFile(planner);
  // The same plan as a link: opened in another tab from the file, then pasted here.
  const other = await fresh();
  await other.testid('upload-plan').setInputFiles(file);
  await other.page.waitForFunction(() => document.querySelectorAll('[data-testid="selected-regions"] li').length === 6);
  const link = await other.shareLink();

  await planner.compareWithLink(link);
  assert.match(await planner.testid('compare-summary').textContent(), /^Compared with the pasted link\. The opened plan changes 4 inputs and the results of \d of 4 classes\./);
  const inputs = await planner.testid('compare-inputs').textContent();
  assert.match(inputs, /Plan name: Example: a global consumer app → Example with Sydney/);
  assert.match(inputs, /Regions added: aws:ap-southeast-2/);
  assert.match(inputs, /Users Oceania: added/);
  // Sessions are homed per population: Oceania's home is the new region.
  const sessions = planner.testid('compare-class-2');
  assert.match(await sessions.locator('h4').textContent(), /sessions/);
  assert.equal((await planner.testid('compare-class-2-status').textContent()).trim(), 'changed');
  assert.match(await sessions.locator('tr.changed').first().textContent(), /\(changed\)/);
  assert.match(await sessions.textContent(), /aws:ap-southeast-2/);
  // The plan on screen is untouched.
  assert.equal((await planner.selectedRegions()).length, 5);
  await shootBothWidths(planner, 'compare-plans', 'compare-plans');

  // The same from the file.
  await planner.testid('compare-clear').click();
  await planner.testid('compare-file').setInputFiles(file);
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="compare-summary"]')?.textContent.startsWith('Compared with with-sydney.json.'));
  assert.equal((await planner.testid('compare-class-2-status').textContent()).trim(), 'changed');

  // A broken link says why and compares nothing.
  await planner.testid('compare-link').fill('#plan=v3.garbage');
  await planner.testid('compare-link-open').click();
  await planner.testid('compare-error').waitFor();
  assert.match(await planner.testid('compare-error').textContent(), /Nothing was compared\.$/);
  assert.deepEqual(planner.errors, []);
});

test('a pinned placement is followed by the summary and the reasons, and travels in the link', async () => {
  const planner = await fresh();
  await planner.testid('class-editor-0').locator('summary').first().evaluate((s) => {
    s.parentElement.open = true;
  });
  await planner.testid('class-0-pin-primary').selectOption('aws:eu-west-1');
  const want = 'sync-standby (placement pinned)';
  await planner.page.waitForFunction(
    (w) => document.querySelector('[data-testid="posture-0"]')?.textContent.trim() === w,
    want,
  );
  const reasons = await planner.testid('reasons-0').textContent();
  assert.match(reasons, /Placement pinned by the plan \(primary aws:eu-west-1\): Synchronous standby at primary aws:eu-west-1; sync standby aws:\S+; without the pin the engine would choose Synchronous standby at primary aws:us-east-1; sync standby aws:us-west-2: RPO 0 s vs 0 s, RTO \S+ \S+ \S+ \S+ vs .*, worst write p99 \d+ ms vs \d+ ms, cost \$[\d,]+\/month vs \$[\d,]+\/month/);
  // Three voters that leave out the pinned primary are refused in the form's words.
  for (const v of ['aws:us-east-1', 'aws:us-west-2', 'aws:ap-northeast-1']) {
    await planner.testid(`class-0-pin-voter-${v}`).check();
  }
  await planner.testid('class-0-problems').waitFor();
  assert.match(
    await planner.testid('class-0-problems').textContent(),
    /Pinned voters: must include the pinned primary \(aws:eu-west-1\), which leads the consensus group/,
  );
  await planner.testid('class-0-pin-voter-aws:ap-northeast-1').uncheck();
  await planner.testid('class-0-pin-voter-aws:eu-west-1').check();
  await planner.page.waitForFunction(() => !document.querySelector('[data-testid="class-0-problems"]'));

  const link = await planner.shareLink();
  const other = await fresh(link);
  assert.equal(await other.posture(0), want);
  await other.testid('class-editor-0').locator('summary').first().evaluate((s) => {
    s.parentElement.open = true;
  });
  assert.equal(await other.testid('class-0-pin-primary').inputValue(), 'aws:eu-west-1');
  assert.ok(await other.testid('class-0-pin-voter-aws:eu-west-1').isChecked());
  assert.match(await other.testid('reasons-0').textContent(), /Placement pinned by the plan \(primary aws:eu-west-1, voters aws:us-east-1, aws:us-west-2, aws:eu-west-1\)/);
  assert.deepEqual([...planner.errors, ...other.errors], []);
});
