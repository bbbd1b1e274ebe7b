// An edit patches the open class card in place: the card's map, tables and lists stay the
// same DOM nodes and only the figures that changed are rewritten (issue 16: building the
// card again was most of an edit's layout and paint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { Planner } from './support/planner.mjs';
import { SCREENSHOT_DIR, WIDTHS, screenshotBothWidths } from './support/browser.mjs';

const app = servedApp();

/** The open card alone at both widths, beside the full pages, to look at what an edit changed. */
async function shootCard(page, name) {
  await screenshotBothWidths(page, name);
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('class-card-0').screenshot({ path: `${SCREENSHOT_DIR}${name}-card-${label}.png` });
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

/** Types `key` as class 0's RPO target and waits for the results it leads to. */
async function typeRpo(planner, key) {
  const { page } = planner;
  const before = await page.evaluate(() => performance.getEntriesByName('meridian:edit-to-results').length);
  await planner.testid('class-editor-0').locator('summary').first().evaluate((s) => { s.parentElement.open = true; });
  await planner.testid('class-0-rpo_s').evaluate((el) => { el.focus(); el.select(); });
  await page.keyboard.press(key);
  await page.waitForFunction((n) => performance.getEntriesByName('meridian:edit-to-results').length > n, before);
}

test('an RPO edit rewrites the open card\'s figures without building the card again', async () => {
  const planner = await Planner.fresh(app);
  const { page } = planner;
  await typeRpo(planner, '5');
  await shootCard(page, 'card-before-edit');
  // Tag the card's nodes, then count what the edit removes from the card.
  const rpoBefore = await page.evaluate(() => {
    const card = document.querySelector("[data-testid='class-card-0']");
    for (const el of card.querySelectorAll('*')) el.__kept = true;
    window.__removed = 0;
    new MutationObserver((ms) => { for (const m of ms) window.__removed += m.removedNodes.length; })
      .observe(card, { childList: true, subtree: true });
    return card.querySelector('.figures dd').textContent;
  });
  await typeRpo(planner, '7');
  const after = await page.evaluate(() => {
    const card = document.querySelector("[data-testid='class-card-0']");
    const all = [...card.querySelectorAll('*')];
    return {
      rpo: card.querySelector('.figures dd').textContent,
      kept: all.filter((el) => el.__kept).length,
      total: all.length,
      removed: window.__removed,
      open: card.open,
    };
  });
  await shootCard(page, 'card-after-edit');
  console.log(`# card after an RPO edit: ${after.kept} of ${after.total} elements kept, ${after.removed} nodes removed`);
  assert.ok(after.open, 'the card stays open');
  assert.notEqual(after.rpo, rpoBefore, 'the RPO figure shows the new target');
  assert.match(after.rpo, /target 7(\.0)? s/);
  assert.ok(after.kept > 0.9 * after.total, `most of the card is kept: ${after.kept} of ${after.total}`);
  assert.deepEqual(planner.errors, []);
});
