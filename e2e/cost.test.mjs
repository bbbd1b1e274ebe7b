// Cost and carbon you can defend (issue 11): a carbon column beside every region in the
// picker ("no data" where the data has none) and an order by carbon that the
// recommendation never sees; today's bill entered in the form reproduces itself as the
// single-region cost; a price override sits beside the list price it replaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths, SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const usd = (t) => Number(t.replace(/[$,]/g, ''));

/** The region list's rows as [key, carbon text, gCO2e/kWh or null]. */
async function regionRows(planner) {
  return planner.page.locator('[data-testid="region-row"]').evaluateAll((rows) =>
    rows.map((r) => {
      const c = r.querySelector('.carbon');
      const g = c?.dataset.gPerKwh;
      return [r.dataset.key, c?.textContent.trim() ?? null, g ? Number(g) : null];
    }),
  );
}

test('every region shows its carbon or "no data", and the carbon order sorts without touching the recommendation', async () => {
  const planner = await Planner.fresh(app);
  const postures = await planner.postures();
  for (const provider of ['aws', 'azure', 'gcp']) {
    await planner.testid(`tab-${provider}`).click();
    const rows = await regionRows(planner);
    assert.ok(rows.length > 10, `${provider}: ${rows.length} rows`);
    for (const [key, text, g] of rows) {
      assert.ok(text, `${key}: no carbon cell`);
      if (g === null) assert.equal(text, 'no data', key);
      else assert.match(text, /^[\d,]+ gCO2e\/kWh(, CFE \d+ %)? \(20\d\d\)$/, `${key}: ${text}`);
      if (provider !== 'gcp') assert.notEqual(g, null, `${key}: AWS and Azure regions all have a country grid`);
    }
    if (provider === 'gcp') {
      assert.ok(rows.some(([, t]) => t.includes('CFE')), 'GCP rows show Google CFE %');
      assert.ok(rows.some(([, t]) => t === 'no data'), 'a GCP region without a 2024 row says no data');
    }
    const catalog = rows.map((r) => r[0]);
    await planner.testid('region-order').selectOption('carbon');
    const sorted = await regionRows(planner);
    assert.deepEqual(new Set(sorted.map((r) => r[0])), new Set(catalog), `${provider}: same regions`);
    const figures = sorted.map((r) => r[2]);
    const firstNone = figures.indexOf(null);
    const known = firstNone === -1 ? figures : figures.slice(0, firstNone);
    assert.ok(figures.slice(known.length).every((g) => g === null), `${provider}: no data last`);
    for (let i = 1; i < known.length; i++) assert.ok(known[i - 1] <= known[i], `${provider}: ${known[i - 1]} > ${known[i]} at ${i}`);
    assert.notDeepEqual(sorted.map((r) => r[0]), catalog, `${provider}: the order changed`);
    await planner.testid('region-order').selectOption('catalog');
  }
  assert.deepEqual(await planner.postures(), postures, 'the recommendation ignores the order');
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test("today's bill entered in the form is the single-region cost, exactly, and a bad line is named", async () => {
  const planner = await Planner.fresh(app);
  const before = await planner.testid('total-cost').textContent();
  assert.doesNotMatch(before, /scaled from your bill/);
  const bill = { compute_usd: 1200, database_usd: 800, storage_usd: 150, network_usd: 90, platform_usd: 60 };
  for (const [line, v] of Object.entries(bill)) await planner.testid(`bill-${line}`).fill(String(v));
  const total = planner.testid('total-cost');
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="total-cost"]').textContent.includes('scaled from your bill'));
  const text = await total.textContent();
  assert.match(text, /the single-region cost of \$2,300\/month\./, text);
  assert.match(text, /Costs are scaled from your bill of \$2,300\/month \(today, one region: compute \$1,200, database \$800, storage \$150, network \$90, platform\/other \$60\)/, text);
  // A class card's reasons say so, with lines that add up.
  const reasons = await planner.page.locator('[data-testid^="class-card-"]').first().textContent();
  assert.match(reasons, /scaled from your bill = compute \$[\d,]+ \+ database/);
  await screenshotBothWidths(planner.page, 'cost-bill');

  // Out of range: the form's words and unit; the plan keeps its problem beside the field.
  await planner.testid('bill-network_usd').fill('-5');
  const err = planner.testid('cost-inputs').locator('.field-error', { hasText: "Today's network bill" });
  await err.waitFor();
  assert.match(await err.textContent(), /allowed: 0 to/);
  // Cleared: back to list prices.
  await planner.testid('bill-network_usd').fill('90');
  for (const line of Object.keys(bill)) await planner.testid(`bill-${line}`).fill('');
  await planner.page.waitForFunction(() => !document.querySelector('[data-testid="total-cost"]').textContent.includes('scaled from your bill'));
  assert.equal(await total.textContent(), before);
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('a price override sits beside the list price with its source and date, and moves the total', async () => {
  const planner = await Planner.fresh(app);
  await planner.testid('your-prices').locator('summary').click();
  const region = planner.testid('prices-aws:us-east-1');
  const note = await region.textContent();
  assert.match(note, /m6i\.xlarge on demand in us-east-1/, note);
  assert.match(note, /as of 20\d\d/, note);
  const before = await planner.testid('total-cost').textContent();
  await planner.testid('price-aws:us-east-1').fill('5000');
  await planner.page.waitForFunction((b) => document.querySelector('[data-testid="total-cost"]').textContent !== b, before);
  const about = await planner.page.locator('body').textContent();
  assert.match(about, /your override: VM aws:us-east-1/);
  await planner.testid('price-aws:us-east-1').fill('');
  await planner.page.waitForFunction((b) => document.querySelector('[data-testid="total-cost"]').textContent === b, before);
  // A transfer override reaches every stream's product on that scope.
  await planner.testid('price-same-continent').fill('0.05');
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="reasons-0"]').textContent.includes('x $0.05/GB'));
  await planner.testid('price-same-continent').fill('');
  await screenshotBothWidths(planner.page, 'cost-prices');
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('a class card breaks its cost down by region, says what each extra region adds, and lists the assumptions', async () => {
  const planner = await Planner.fresh(app);
  const card = planner.testid('class-card-0');
  const regions = planner.testid('cost-regions-0');
  await regions.locator('summary').click();
  const rows = await regions.locator('[data-testid="cost-region-row"]').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
  assert.ok(rows.length >= 2, `${rows.length} regions`);
  // Each row's six lines add up to its total at the shown precision (whole dollars above $10).
  for (const r of rows) {
    const lines = r.slice(1, 7).map(usd);
    const total = usd(r[7]);
    const sum = lines.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - total) <= 3, `${r}: ${sum} vs ${total}`);
    assert.match(r[8], /kg CO2e\/month|no data/);
  }
  // The regions' totals add up to the card's cost.
  const cardCost = usd((await card.locator('dt', { hasText: 'Cost / month' }).locator('xpath=following-sibling::dd/strong').textContent()).replace('/month', ''));
  const regionSum = rows.reduce((a, r) => a + usd(r[7]), 0);
  assert.ok(Math.abs(regionSum - cardCost) <= rows.length, `${regionSum} vs ${cardCost}`);
  const extra = await planner.testid('extra-regions-0').textContent();
  assert.match(extra, /^Each region beyond the first: aws:[a-z0-9-]+ adds \$[\d,]+\/month/);
  const text = await regions.textContent();
  for (const a of ['requests/s per VM-equivalent', 'a database node is 2 VM-equivalents', 'a warm standby runs 25 %', 'platform line $213/month'])
    assert.ok(text.includes(a), `assumption shown: ${a}`);
  // The reasons show each replication stream as a product of its factors.
  assert.match(await card.textContent(), /writes\/s x [\d,]+ bytes x 2,592,000 s\/month = [\d.,]+ GB\/month, [\d.,]+ GB\/month x \$[\d.]+\/GB = \$[\d.,]+\/month/);
  for (const [label, width] of Object.entries(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    await regions.scrollIntoViewIfNeeded();
    await regions.screenshot({ path: `${SCREENSHOT_DIR}cost-regions-${label}.png` });
    await planner.testid('cost-inputs').screenshot({ path: `${SCREENSHOT_DIR}cost-inputs-${label}.png` });
    await planner.testid('tab-gcp').click();
    await planner.testid('region-order').selectOption('carbon');
    await planner.page.locator('.region-list').screenshot({ path: `${SCREENSHOT_DIR}cost-carbon-list-${label}.png` });
    await planner.testid('region-order').selectOption('catalog');
  }
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('axe: the cost panel, the carbon column and the cost by region have no serious or critical violation', async () => {
  for (const width of Object.values(WIDTHS)) {
    const context = await app.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const planner = new Planner(await context.newPage());
    await planner.open(app.server.url);
    await planner.testid('cost-regions-0').locator('summary').click();
    await planner.testid('bill-compute_usd').fill('100');
    await planner.testid('your-prices').locator('summary').click();
    await planner.page.addScriptTag({ path: AXE });
    const violations = await planner.page.evaluate(async () => {
      const include = ['[data-testid="cost-inputs"]', '.region-list', '[data-testid="cost-regions-0"]'];
      const r = await window.axe.run({ include: include.map((s) => [s]) }, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(violations, [], `at ${width} px`);
    await context.close();
  }
});
