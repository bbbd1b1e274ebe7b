// Edit-to-results time in the browser, from the app's own performance marks
// (meridian:edit → next frame after the DOM update). Reported, never asserted: timings on a
// shared 2-core machine are not a pass/fail signal. Results: target/perf/edit-to-results.json.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { servedApp } from './support/harness.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();

const OUT = fileURLToPath(new URL('../target/perf/', import.meta.url));
const LARGE = fileURLToPath(new URL('./fixtures/large-plan.json', import.meta.url));
const EDITS = 15;
const results = {};

after(async () => {
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}edit-to-results.json`, JSON.stringify(results, null, 2));
  for (const [name, r] of Object.entries(results)) {
    console.log(`perf ${name}: ${r.first_evaluate_ms === undefined ? '' : `first evaluate() after load ${r.first_evaluate_ms.toFixed(1)} ms; `}edit-to-results median ${r.median_ms.toFixed(1)} ms, p90 ${r.p90_ms.toFixed(1)} ms, max ${r.max_ms.toFixed(1)} ms; DOM updated median ${r.dom_median_ms.toFixed(1)} ms, p90 ${r.dom_p90_ms.toFixed(1)} ms; evaluate() median ${r.evaluate_median_ms.toFixed(1)} ms; autosave+URL median ${r.persist_median_ms.toFixed(1)} ms; evaluate() p90 ${r.evaluate_p90_ms.toFixed(1)} ms (${r.edits} edits)`);
  }
});

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Types EDITS different RPO targets into class 0 and collects the app's measures. */
async function measure(planner) {
  await planner.page.evaluate(() => performance.clearMeasures());
  for (let k = 0; k < EDITS; k++) {
    await planner.setClassField(0, 'rpo_s', k % 2 === 0 ? 0 : 30 + k);
    await planner.page.waitForFunction((n) => performance.getEntriesByName('meridian:edit-to-results').length >= n, k + 1);
  }
  const t = await planner.editTimings();
  assert.equal(t.length, EDITS);
  // The engine's share: the evaluate() measures of the same edits (the last EDITS of them).
  const named = (n) => planner.page.evaluate((n) => performance.getEntriesByName(n).map((x) => x.duration), n);
  const e = (await named('meridian:evaluate')).slice(-EDITS);
  const dom = (await named('meridian:edit-to-dom')).slice(-EDITS);
  await planner.waitSaved(); // saving waits for a pause in the edits; measure it once
  const persist = await named('meridian:persist');
  return {
    edits: t.length,
    median_ms: pct(t, 0.5),
    p90_ms: pct(t, 0.9),
    max_ms: Math.max(...t),
    dom_median_ms: pct(dom, 0.5),
    dom_p90_ms: pct(dom, 0.9),
    persist_median_ms: pct(persist, 0.5),
    evaluate_median_ms: pct(e, 0.5),
    evaluate_p90_ms: pct(e, 0.9),
  };
}

test('edit-to-results on the example plan', async () => {
  const planner = new Planner(await app.browser.newPage());
  await planner.open(app.server.url);
  // The first evaluation of a page load is cold: it includes the latency model's one-time
  // set-up (the catalog itself is static data and costs nothing to load).
  const first = await planner.page.evaluate(() => performance.getEntriesByName('meridian:evaluate')[0]?.duration);
  results.example = { first_evaluate_ms: first, ...(await measure(planner)) };
});

test('edit-to-results on the large plan (20 regions, 12 classes, 6 populations)', async () => {
  const planner = new Planner(await app.browser.newPage());
  await planner.open(app.server.url);
  await planner.testid('upload-plan').setInputFiles({ name: 'large-plan.json', mimeType: 'application/json', buffer: await readFile(LARGE) });
  await planner.page.waitForFunction(() => document.querySelectorAll('[data-testid^="posture-"]').length === 12);
  results.large = await measure(planner);
});
