// A page people enjoy using (issue 14): every start opens green, populations come and go
// without hiding the results, the phone shows the summary first, rows keep their state
// when they move, and axe is clean with every section open in light and dark mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';
import { seriousViolations } from './support/axe.mjs';

const app = servedApp();

async function fresh(width, options = {}) {
  const context = await app.browser.newContext({ viewport: { width, height: 900 }, ...options });
  const planner = new Planner(await context.newPage());
  await planner.open(app.server.url);
  return { context, planner };
}

/** A recommendation on screen: a summary row per class, none infeasible, no missed target. */
async function assertGreen(planner, what) {
  await planner.testid('summary').waitFor();
  assert.equal(await planner.testid('plan-errors').count(), 0, `${what}: plan errors`);
  const rows = await planner.page.locator('[data-testid^="posture-"]').count();
  assert.ok(rows > 0, `${what}: no recommendation`);
  const red = await planner.page.locator('[data-testid="summary"] tr.infeasible, [data-testid="summary"] .vs.missed').count();
  assert.equal(red, 0, `${what}: ${red} red cells`);
}

for (const [label, width] of Object.entries(WIDTHS)) {
  test(`at ${width} px a new plan and each template open with a recommendation and no red cell`, async () => {
    const { context, planner } = await fresh(width);
    await assertGreen(planner, 'example');
    await planner.testid('new-plan').click();
    await assertGreen(planner, 'new plan');
    assert.equal((await planner.selectedRegions()).length, 2);
    for (const place of ['0', '3', '6']) {
      for (const provider of ['aws', 'gcp', 'azure']) {
        await planner.testid('start-place').selectOption(place);
        await planner.testid('start-provider').selectOption(provider);
        await planner.testid('start-scratch').click();
        await assertGreen(planner, `scratch ${place} ${provider}`);
      }
    }
    for (const t of ['us-b2b', 'global-consumer', 'eu-saas']) {
      await planner.testid(`template-${t}`).click();
      await assertGreen(planner, t);
      assert.equal(await planner.page.locator('[data-testid^="class-card-"]').count(), 4);
    }
    assert.deepEqual(planner.errors, []);
    await context.close();
  });

  test(`at ${width} px adding and removing populations never hides the results`, async () => {
    const { context, planner } = await fresh(width);
    for (let k = 0; k < 3; k++) {
      await planner.testid('add-user').click();
      await assertGreen(planner, `after adding ${k + 1}`);
    }
    assert.equal(await planner.testid('share-total').textContent(), 'Shares add up to 100 %.');
    assert.equal(await planner.testid('user-share-5').inputValue(), '16.7');
    for (let k = 0; k < 5; k++) {
      await planner.testid('user-remove-0').click();
      await planner.testid('summary').waitFor();
      assert.equal(await planner.testid('plan-errors').count(), 0);
    }
    assert.ok(await planner.testid('user-remove-0').isDisabled(), 'the last population stays');
    assert.equal(await planner.testid('user-share-0').inputValue(), '100');
    // Shares typed off 100 % offer a rebalance.
    await planner.testid('add-user').click();
    await planner.testid('user-share-1').fill('10');
    await planner.testid('rebalance').click();
    assert.equal(await planner.testid('share-total').textContent(), 'Shares add up to 100 %.');
    await context.close();
  });
}

test('at 375 px the summary is within the first screen, with a way to the inputs', async () => {
  const { context, planner } = await fresh(WIDTHS.mobile);
  const top = (await planner.testid('summary').boundingBox()).y;
  assert.ok(top < 900 - 200, `the summary starts at ${top} px`);
  await planner.testid('to-inputs').click();
  const regions = await planner.page.locator('#regions-h').boundingBox();
  assert.ok(regions.y >= 0 && regions.y < 900, `the inputs are at ${regions.y} px`);
  await planner.page.screenshot({ path: `${SCREENSHOT_DIR}start-mobile.png` });
  await context.close();
});

test('at 375 px a tap beside a map dot picks that dot, and a tap on empty sea picks nothing', async () => {
  const { context, planner } = await fresh(WIDTHS.mobile);
  const before = await planner.selectedRegions();
  await planner.testid('picker-map').scrollIntoViewIfNeeded();
  const dot = await planner.testid('map-dot-aws:us-west-1').boundingBox();
  // 12 px south-west of us-west-1 (us-west-2 is to the north): inside its 44 px target.
  await planner.page.mouse.click(dot.x + dot.width / 2 - 8, dot.y + dot.height / 2 + 9);
  assert.deepEqual(await planner.selectedRegions(), [...before, 'aws:us-west-1']);
  const map = await planner.testid('picker-map').boundingBox();
  await planner.page.mouse.click(map.x + map.width * 0.3, map.y + map.height * 0.75); // South Pacific
  assert.deepEqual(await planner.selectedRegions(), [...before, 'aws:us-west-1']);
  await context.close();
});

test('the RTT matrix sorts by a column, names each cell\'s source, and copies as CSV', async () => {
  const { context, planner } = await fresh(WIDTHS.desktop, { permissions: ['clipboard-read', 'clipboard-write'] });
  const rows = () => planner.testid('rtt-matrix').locator('tbody th').allTextContents();
  assert.deepEqual(await rows(), ['aws:us-east-1', 'aws:us-west-2', 'aws:eu-central-1', 'aws:eu-west-1', 'aws:ap-northeast-1']);
  await planner.testid('rtt-sort-4').click(); // by the round trip to Tokyo
  assert.deepEqual(await rows(), ['aws:ap-northeast-1', 'aws:us-west-2', 'aws:us-east-1', 'aws:eu-west-1', 'aws:eu-central-1']);
  const tip = await planner.testid('rtt-matrix').locator('tbody tr').first().locator('td').nth(1).getAttribute('title');
  assert.match(tip, /^aws:ap-northeast-1 to aws:us-west-2: p50 [\d.]+ ms, p99 [\d.]+ ms\. measured: CloudPing/);
  await planner.testid('rtt-copy-csv').click();
  const csv = await planner.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(csv.split('\n')[1].split(',')[0], '"aws:ap-northeast-1"');
  await context.close();
});

test('a region no class uses says so, with its closest population', async () => {
  const { context, planner } = await fresh(WIDTHS.desktop);
  await planner.clickMapDot('aws:sa-east-1');
  const note = await planner.testid('unused-regions').textContent();
  assert.match(note, /aws:sa-east-1: not used by any class; closest population: North America\./);
  await context.close();
});

test('a class row keeps its typed text and open state when it moves, and Delete focuses Undo', async () => {
  const { context, planner } = await fresh(WIDTHS.desktop);
  await planner.setClassField(1, 'rpo_s', 'soon');
  await planner.testid('class-editor-1').getByRole('button', { name: 'Move up' }).click();
  assert.equal(await planner.testid('class-0-rpo_s').inputValue(), 'soon');
  assert.equal(await planner.testid('class-editor-0').evaluate((d) => d.open), true);
  assert.equal(await planner.testid('class-0-name').inputValue(), 'user-profiles');
  await planner.testid('class-editor-2').evaluate((d) => { d.open = true; });
  await planner.testid('class-2-delete').click();
  await planner.page.waitForFunction(() => document.activeElement?.dataset.testid === 'undo-delete');
  await planner.page.keyboard.press('Enter');
  assert.equal(await planner.page.locator('[data-testid^="class-card-"]').count(), 4);
  await context.close();
});

for (const [label, width] of Object.entries(WIDTHS)) {
  test(`at ${width} px chart and map text is 11 px or more`, async () => {
    const { context, planner } = await fresh(width);
    await planner.testid('charts-0').locator('summary').click();
    await planner.testid('chart-latency-0').waitFor();
    const small = await planner.page.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll('.chart-svg text, figure.topology text')) {
        const m = t.getScreenCTM();
        const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (t.textContent.trim() && size < 10.95) out.push(`${t.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
      }
      return out;
    });
    assert.deepEqual(small.slice(0, 5), [], `${small.length} texts under 11 px at ${label}`);
    await context.close();
  });
}

for (const scheme of ['light', 'dark']) {
  for (const [label, width] of Object.entries(WIDTHS)) {
    test(`axe: no serious or critical violation at ${width} px in ${scheme} mode, every section open`, async () => {
      const { context, planner } = await fresh(width, { bypassCSP: true, colorScheme: scheme });
      // A card's sections exist once the card is open (its toggle event builds them): open
      // what is closed, repeat until every card shows its charts.
      await planner.page.waitForFunction(() => {
        const closed = [...document.querySelectorAll('details:not([open])')];
        closed.forEach((d) => { d.removeAttribute('name'); d.open = true; });
        const cards = document.querySelectorAll('details.card').length;
        return closed.length === 0 && document.querySelectorAll('[data-testid^="chart-latency-"]').length === cards;
      });
      // Sections off screen skip layout (content-visibility: auto), and axe skips what has
      // no box: lay everything out so every section is checked.
      await planner.page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
      await planner.testid('chart-latency-3').waitFor();
      const violations = await seriousViolations(planner.page);
      assert.deepEqual(violations, [], `${scheme} at ${label}`);
      await context.close();
    });
  }
}

test('screenshots: the start, a class card, the map and the RTT matrix at both widths', async () => {
  const shots = { start: 'start', card: 'class-card-0', map: 'topology-0', heatmap: 'rtt-heatmap' };
  for (const [label, width] of Object.entries(WIDTHS)) {
    // A fresh page per width: the page lays itself out (maps centred, charts sized) on load.
    const { context, planner } = await fresh(width);
    for (const [name, id] of Object.entries(shots)) {
      const el = planner.testid(id);
      await el.scrollIntoViewIfNeeded();
      await el.screenshot({ path: `${SCREENSHOT_DIR}issue14-${name}-${label}.png` });
    }
    await planner.page.evaluate(() => window.scrollTo(0, 0));
    await planner.page.screenshot({ path: `${SCREENSHOT_DIR}issue14-first-screen-${label}.png` });
    await context.close();
  }
});
