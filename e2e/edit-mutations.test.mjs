// An edit changes in the page only what it changes. With Leptos's `erase_components` cfg
// (.cargo/config.toml) the published renderer removed and set again every attribute of each
// element it rebuilt: ~240 needless DOM changes per edit of the example plan, each `class`
// re-set restyling its element. vendor/tachys (PATCHED.md) rebuilds attributes in place; this
// counts, over a few edits, the attribute changes that end where they began.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const EDITS = 4;

test('an edit of the example plan does not remove and set again unchanged attributes', async () => {
  const planner = new Planner(await app.browser.newPage());
  await planner.open(app.server.url);
  const { page } = planner;
  await planner.testid('class-editor-0').locator('summary').first().evaluate((s) => {
    s.parentElement.open = true;
  });
  await page.evaluate(() => {
    window.__mutations = [];
    new MutationObserver((list) => window.__mutations.push(...list)).observe(document.body, {
      subtree: true, attributes: true, attributeOldValue: true, childList: true, characterData: true,
    });
  });
  const input = planner.testid('class-0-rpo_s');
  for (let k = 0; k < EDITS; k++) {
    await input.evaluate((el) => { el.focus(); el.select(); });
    await page.keyboard.press(String(k + 1));
    await page.waitForFunction((n) => performance.getEntriesByName('meridian:edit-to-results').length >= n, k + 1);
  }
  await planner.waitSaved();
  const { all, noops, where } = await page.evaluate(() => {
    // An attribute whose every change over the edits ends at the value it started from.
    const first = new Map();
    for (const m of window.__mutations) {
      if (m.type !== 'attributes') continue;
      const key = m.target;
      const names = first.get(key) ?? new Map();
      if (!names.has(m.attributeName)) names.set(m.attributeName, m.oldValue);
      first.set(key, names);
    }
    let noops = 0;
    const where = {};
    for (const [el, names] of first) {
      for (const [name, before] of names) {
        if (el.getAttribute(name) !== before) continue;
        noops += 1;
        const at = `${el.tagName.toLowerCase()}[${name}] in ${el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'page'}`;
        where[at] = (where[at] ?? 0) + 1;
      }
    }
    return { all: window.__mutations.length, noops, where };
  });
  console.log(`edit mutations: ${all} DOM mutations over ${EDITS} edits, ${noops} attributes changed and back`);
  // The toolbar's share link marks itself saved after each edit (one attribute, by design).
  assert.ok(noops <= EDITS, `attributes removed and set again unchanged: ${JSON.stringify(where)}`);
});
