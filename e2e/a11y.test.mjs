// Accessibility: axe-core finds no serious or critical violation, and the page reads and
// fits at both widths. The test context bypasses the CSP only to inject axe itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { WIDTHS } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';
import { seriousViolations } from './support/axe.mjs';

const app = servedApp();

for (const [label, width] of Object.entries(WIDTHS)) {
  test(`axe finds no serious or critical violation at ${width} px, charts open`, async () => {
    const context = await app.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    const planner = new Planner(await context.newPage());
    await planner.open(app.server.url);
    await planner.testid('charts-0').locator('summary').click();
    await planner.testid('chart-latency-0').waitFor();
    const violations = await seriousViolations(planner.page);
    assert.deepEqual(violations, [], `at ${label}`);
    const overflow = await planner.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px`);
    await context.close();
  });
}

test('every control can be reached with the keyboard and shows its focus', async () => {
  const context = await app.browser.newContext();
  const planner = new Planner(await context.newPage());
  await planner.open(app.server.url);
  await planner.page.keyboard.press('Tab');
  // The first stop is the skip link, visible once focused; it takes focus to the results.
  const first = await planner.page.evaluate(() => [document.activeElement.tagName, document.activeElement.textContent]);
  assert.deepEqual(first, ['A', 'Skip to the results']);
  const outline = await planner.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await planner.page.keyboard.press('Enter');
  assert.equal(await planner.page.evaluate(() => document.activeElement.id), 'results');
  await planner.page.keyboard.press('Tab');
  assert.equal(await planner.page.evaluate(() => document.activeElement.tagName), 'INPUT'); // the plan link
  await context.close();
});

test('the map is one tab stop: arrows move between region dots and Enter selects, as a click does', async () => {
  const context = await app.browser.newContext();
  const planner = new Planner(await context.newPage());
  await planner.open(app.server.url);
  const stops = planner.page.locator('[data-testid="picker-map"] circle.dot[tabindex="0"]');
  assert.equal(await stops.count(), 1, 'one dot takes Tab; the others are reached by arrows');
  await stops.first().focus();
  const focused = () => planner.page.evaluate(() => document.activeElement.getAttribute('data-testid'));
  const start = await focused();
  await planner.page.keyboard.press('ArrowRight');
  const east = await focused();
  assert.notEqual(east, start);
  const lon = (id) => planner.page.locator(`[data-testid="${id}"]`).getAttribute('cx').then(Number);
  assert.ok((await lon(east)) >= (await lon(start)), `${east} is east of ${start}`);
  const checked = () => planner.page.locator(`[data-testid="${east}"]`).getAttribute('aria-checked');
  const before = await checked();
  await planner.page.keyboard.press('Enter');
  await planner.page.waitForFunction(
    ([id, was]) => document.querySelector(`[data-testid="${id}"]`).getAttribute('aria-checked') !== was,
    [east, before],
  );
  assert.notEqual(await checked(), before);
  const outline = await planner.page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth);
  assert.equal(outline, '1.4px', 'the focused dot shows its focus');
  await context.close();
});
