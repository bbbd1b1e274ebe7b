// From posture to product: choosing the managed database for a class changes its numbers
// (the service's published promotion time in the RTO, its write rule in the write p99), the
// choice travels in the share link, and the engine on the command line agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { servedApp } from './support/harness.mjs';
import { SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';
import { engineReport } from './support/engine.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const PLAN = new URL('./fixtures/azure-ledger.json', import.meta.url);

/** 990 -> "16 min 30 s", as src/present/figures.rs words durations under an hour. */
function minutes(s) {
  const m = Math.floor(s / 60);
  const r = Math.round(s - m * 60);
  return r ? `${m} min ${r} s` : `${m} min`;
}

const worstWrite = (c) => Math.max(...c.latency.map((l) => l.write_p99_ms));

test('choosing Cosmos DB strong consistency for the ledger changes its RTO and write p99, and a shared link keeps the choice', async () => {
  const json = await readFile(PLAN, 'utf8');
  const planner = await Planner.fresh(app);
  await planner.uploadPlan('azure-ledger.json', json);
  const before = await planner.cardFigures(0);
  const engineBefore = engineReport(json).classes[0];
  assert.equal(engineBefore.posture, 'sync-standby');
  assert.match(before.rto, new RegExp(minutes(engineBefore.rto_s)));

  await planner.chooseService(0, 'azure-cosmos-strong');
  const after = await planner.cardFigures(0);
  const chosenPlan = { ...JSON.parse(json) };
  chosenPlan.data_classes = chosenPlan.data_classes.map((c) => ({ ...c, service: 'azure-cosmos-strong' }));
  const engineAfter = engineReport(JSON.stringify(chosenPlan)).classes[0];
  // Cosmos DB's documented RTO bound (15 min) replaces the 60 s promotion ...
  assert.equal(engineAfter.rto.promotion_s, 900);
  assert.notEqual(after.rto, before.rto);
  assert.match(after.rto, new RegExp(minutes(engineAfter.rto_s)));
  // ... and Microsoft's formula the synchronous write: 2 x farthest RTT + 10 ms, p99.
  assert.ok(worstWrite(engineAfter) > worstWrite(engineBefore));
  assert.notEqual(after.write, before.write);
  assert.match(after.write, new RegExp(`${Math.round(worstWrite(engineAfter))} ms`));
  const paths = await planner.writePaths(0);
  assert.ok(paths.every((p) => /Cosmos DB strong consistency: every region acknowledges, 2 x \d+ ms \+ 10 ms = \d+ ms \(p99\)/.test(p)), paths.join('\n'));
  await planner.testid('services-0').locator('summary').click();
  // The class card alone (the whole page is long), at both widths.
  for (const [label, width] of Object.entries(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    await planner.testid('class-card-0').screenshot({ path: `${SCREENSHOT_DIR}catalog-card-${label}.png` });
    // The services and their source URLs wrap inside the card at either width.
    const overflow = await planner.testid('services-0').evaluate((d) => d.scrollWidth - d.clientWidth);
    assert.ok(overflow <= 0, `services list overflows by ${overflow} px at ${width} px`);
  }
  await planner.page.setViewportSize({ width: 1440, height: 900 });

  const link = await planner.shareLink();
  const other = await Planner.fresh(app, link);
  assert.equal(await other.testid('class-0-database').inputValue(), 'azure-cosmos-strong');
  assert.deepEqual(await other.cardFigures(0), after);
  assert.deepEqual(await other.writePaths(0), paths);
  assert.deepEqual(planner.errors, []);
  assert.deepEqual(other.errors, []);
  await planner.page.context().close();
  await other.page.context().close();
});

test("choosing Aurora Global Database for the EU personal data shows its published lag, page and date in the writes lost, and the card still fits at 375 px", async () => {
  const planner = await Planner.fresh(app);
  const card = planner.testid('class-card-3');
  // Class cards are one open at a time (an exclusive <details> group): open this one.
  await planner.testid('open-card-3').click();
  await card.locator('dl.figures').waitFor();
  const lost = () => card.locator('dl.figures > div', { hasText: 'Writes lost on a hard region failure' }).locator('dd').textContent();
  const before = (await lost()).trim();
  assert.doesNotMatch(before, /published typical/);
  // How far the card's content already spills at each width (its latency table may), so
  // the check below is that the service's long factor adds nothing.
  const overflowOf = async (el) => el.evaluate((d) => d.scrollWidth - d.clientWidth);
  const spill = {};
  for (const width of Object.values(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    spill[width] = await overflowOf(card);
  }
  await planner.page.setViewportSize({ width: 1440, height: 900 });
  await planner.chooseService(3, 'aws-aurora-global');
  const after = (await lost()).trim();
  assert.match(after, /lag \(Aurora Global Database, published typical; https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/AuroraUserGuide\/aurora-global-database\.html, read 2026-11-29\)/);
  for (const [label, width] of Object.entries(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    await card.screenshot({ path: `${SCREENSHOT_DIR}catalog-rpo-card-${label}.png` });
    // The long factor (a URL) wraps inside its figure box and the reasons at either width.
    const box = card.locator('dl.figures > div', { hasText: 'Writes lost on a hard region failure' });
    assert.ok((await overflowOf(box)) <= 0, `writes-lost box overflows at ${width} px`);
    assert.ok((await overflowOf(card.locator('ul.reasons'))) <= 0, `reasons overflow at ${width} px`);
    const overflow = await overflowOf(card);
    assert.ok(overflow <= Math.max(spill[width], 0), `class card overflows by ${overflow} px at ${width} px (${spill[width]} px before)`);
  }
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});
