// A design review compares option A with option B: a posture pinned on a class is followed by
// the summary, the card, the link and the markdown, which say what the pin breaks and what the
// engine would choose; the users' access network and the chosen database change the numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();

const fresh = (url) => Planner.fresh(app, url);

async function openEditor(planner, i) {
  await planner.testid(`class-editor-${i}`).locator('summary').first().evaluate((s) => {
    s.parentElement.open = true;
  });
}

test('pinning warm standby on the ledger: summary, card, link and markdown follow and say what it breaks', async () => {
  const planner = await fresh();
  assert.equal(await planner.posture(0), 'sync-standby');
  await openEditor(planner, 0);
  await planner.testid('class-0-posture').selectOption('warm-standby');
  const pinned = 'warm-standby (pinned; breaks RPO; the engine would choose sync-standby)';
  await planner.page.waitForFunction(
    (want) => document.querySelector('[data-testid="posture-0"]')?.textContent.trim() === want,
    pinned,
  );
  const reasons = await planner.testid('reasons-0').textContent();
  assert.match(reasons, /Pinned to Warm standby by the plan; the engine would choose Synchronous standby: RPO /);
  assert.match(reasons, /the pin breaks RPO/);
  await screenshotBothWidths(planner.page, 'pinned-ledger');

  const link = await planner.shareLink();
  assert.match(link, /#plan=v3\./);
  const other = await fresh(link);
  assert.equal(await other.posture(0), pinned);

  const md = await planner.downloaded('download-markdown');
  assert.ok(md.includes('| ledger | `warm-standby` (pinned; breaks RPO; the engine would choose `sync-standby`) |'));
});

test("a population's access network is in its figures, and the chosen database is listed with its sources", async () => {
  const planner = await fresh();
  const before = await planner.testid('reasons-0').textContent();
  for (const i of [0, 1, 2]) await planner.testid(`user-access-${i}`).selectOption('mobile');
  await planner.page.waitForFunction(
    (old) => document.querySelector('[data-testid="reasons-0"]')?.textContent !== old,
    before,
  );
  assert.match(await planner.testid('user-access-note-0').textContent(), /mobile \(28 ms p50, 84 ms p99\)/);
  assert.match(await planner.testid('reasons-0').textContent(), /over mobile \(28 ms p50, 84 ms p99\)/);
  const services = await planner.testid('services-0').textContent();
  assert.match(services, /Sources: https?:\/\//);
});
