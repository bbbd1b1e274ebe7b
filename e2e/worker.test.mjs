// The engine off the main thread (issue 15, src/ui/engine_worker.rs): the largest plan the
// limits allow is evaluated in a worker running the page's own wasm, with progress, to the
// same report as the page's own engine; typing stays responsive while it runs; only the
// newest edit's report is shown; and with no Worker at all the app evaluates on the page.
// Timings are reported (target/perf/worker.json), never asserted: a shared 2-core machine.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { servedApp } from './support/harness.mjs';
import { Planner } from './support/planner.mjs';
import { screenshotBothWidths, SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';

const app = servedApp();
const OUT = fileURLToPath(new URL('../target/perf/', import.meta.url));
// At every count limit (docs/plan-format.md): 24 custom regions, 12 populations, 16 classes.
const LARGEST = fileURLToPath(new URL('./fixtures/largest-plan.json', import.meta.url));
const CLASSES = 16;
const results = {};
let link = null;

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Every text the progress line shows, sampled each frame from the page's first script on. */
function recordProgress() {
  window.__progress = [];
  const sample = () => {
    const text = document.querySelector('[data-testid="evaluation-progress"]')?.textContent ?? '';
    if (text && window.__progress.at(-1) !== text) window.__progress.push(text);
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

function withoutWorker() {
  delete window.Worker;
}

/** A planner in a fresh context (no service worker: every load is the server's files). */
async function fresh({ worker = true } = {}) {
  const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  await context.addInitScript(recordProgress);
  if (!worker) await context.addInitScript(withoutWorker);
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const planner = new Planner(page);
  planner.warnings = warnings;
  return planner;
}

/** Waits until all 16 classes are shown and no evaluation is pending. */
async function settled(page) {
  // aria-busy says the worker is evaluating from the request on; the status line shows only
  // once that has lasted 100 ms.
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="posture-"]').length === n
    && document.querySelector('#results')?.getAttribute('aria-busy') === 'false', CLASSES, { timeout: 120_000 });
}

/** The largest plan's share link, made by the app itself (once). */
async function largestLink() {
  if (link) return link;
  const planner = await fresh();
  await planner.open(app.server.url);
  await planner.upload('largest-plan.json', await readFile(LARGEST, 'utf8'));
  await settled(planner.page);
  link = await planner.shareLink();
  await planner.page.context().close();
  return link;
}

after(async () => {
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}worker.json`, JSON.stringify(results, null, 2));
  const o = results.open;
  if (o) {
    console.log(`worker: largest plan opened from a link, evaluated and shown in ${o.worker.shown_ms.toFixed(0)} ms with the worker (engine ${o.worker.evaluate_ms.toFixed(0)} ms in the worker, report decoded on the page in ${o.worker.decode_ms.toFixed(1)} ms), ${o.page.shown_ms.toFixed(0)} ms on the page (engine ${o.page.evaluate_ms.toFixed(0)} ms); then exported: markdown ${o.worker.markdown_ms.toFixed(0)} ms, report JSON ${o.worker.report_json_ms.toFixed(0)} ms; open + evaluate + export ${o.worker.open_evaluate_export_ms.toFixed(0)} ms`);
  }
  const t = results.typing;
  if (t) {
    for (const mode of ['page', 'worker']) {
      const m = t[mode];
      console.log(`worker: typing ${m.keys} keys into a class name of the largest plan, engine on the ${mode}: longest frame gap ${m.max_frame_gap_ms.toFixed(0)} ms, longest task ${m.max_long_task_ms.toFixed(0)} ms (long tasks ${m.long_tasks_total_ms.toFixed(0)} ms in all), key to next frame median ${m.key_to_frame_median_ms.toFixed(0)} ms, max ${m.key_to_frame_max_ms.toFixed(0)} ms; last key to its results ${m.last_key_to_results_ms.toFixed(0)} ms`);
    }
  }
  if (results.rapid) console.log(`worker: ${results.rapid.edits} rapid edits, ${results.rapid.reports_shown} reports shown (names shown: ${results.rapid.names_shown.join(' → ')})`);
});

/** Opens the largest plan's link; times it until results, then exports markdown and JSON. */
async function openAndExport(planner) {
  const target = await largestLink();
  const started = Date.now();
  await planner.page.goto(target);
  await settled(planner.page);
  const shown_ms = Date.now() - started;
  const [download, markdown_ms] = await Promise.all([
    planner.page.waitForEvent('download'),
    planner.testid('download-markdown').evaluate((b) => { const t = performance.now(); b.click(); return performance.now() - t; }),
  ]);
  await download.path();
  const exportStart = Date.now();
  const report = await planner.downloaded('download-report');
  const report_json_ms = Date.now() - exportStart;
  const measure = (n) => planner.page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), n);
  return {
    report,
    timing: {
      shown_ms,
      evaluate_ms: (await measure('meridian:evaluate')).at(-1),
      decode_ms: (await measure('meridian:report-decode')).at(-1) ?? 0,
      markdown_ms,
      report_json_ms,
      open_evaluate_export_ms: Date.now() - started,
      progress: await planner.page.evaluate(() => window.__progress),
    },
  };
}

test('the largest plan opens from a link with progress, evaluated in the worker to the page engine\'s report', async () => {
  const worker = await fresh();
  const viaWorker = await openAndExport(worker);
  const page = await fresh({ worker: false });
  const onPage = await openAndExport(page);
  results.open = { worker: viaWorker.timing, page: onPage.timing };
  // Progress was shown, class by class, and only with the worker.
  assert.ok(viaWorker.timing.progress.some((t) => /^Evaluating class \d+ of 16…$/.test(t)), viaWorker.timing.progress.join(' | '));
  assert.deepEqual(onPage.timing.progress, []);
  assert.ok(page.warnings.some((w) => w.includes('no Web Workers')), page.warnings.join('\n'));
  // The same report, byte for byte.
  assert.equal(viaWorker.report.length > 100_000, true);
  assert.equal(viaWorker.report, onPage.report);
  assert.deepEqual([...worker.errors, ...page.errors], []);
  await worker.page.context().close();
  await page.page.context().close();
});

/** Types into class 2's name while the largest plan is shown; the page's responsiveness. */
async function typeDuring(planner) {
  await planner.page.goto(await largestLink());
  await settled(planner.page);
  await planner.testid('class-editor-2').evaluate((d) => { d.open = true; });
  const field = planner.testid('class-2-name');
  await field.click();
  await planner.page.keyboard.press('End');
  await planner.page.evaluate(() => {
    const r = (window.__responsiveness = { gaps: [], tasks: [], keys: [] });
    let last = performance.now();
    const frame = (t) => { r.gaps.push(t - last); last = t; if (!r.stop) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    new PerformanceObserver((l) => r.tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    document.addEventListener('keydown', (e) => {
      const at = e.timeStamp;
      requestAnimationFrame((t) => r.keys.push(t - at));
    }, true);
    performance.clearMeasures('meridian:edit-to-results');
  });
  const KEYS = ' typed';
  await planner.page.keyboard.type(KEYS, { delay: 40 });
  const lastKey = await planner.page.evaluate(() => performance.getEntriesByName('meridian:edit').at(-1).startTime);
  await settled(planner.page);
  await planner.page.waitForFunction(() => performance.getEntriesByName('meridian:edit-to-results').length > 0);
  const r = await planner.page.evaluate((lastKey) => {
    const r = window.__responsiveness;
    r.stop = true;
    const shown = performance.getEntriesByName('meridian:edit-to-results').at(-1);
    return { ...r, last_key_to_results_ms: shown.startTime + shown.duration - lastKey, name: document.querySelector('[data-testid="open-card-2"]').textContent };
  }, lastKey);
  assert.match(r.name, / typed$/);
  return {
    keys: KEYS.length,
    max_frame_gap_ms: Math.max(...r.gaps),
    max_long_task_ms: Math.max(0, ...r.tasks),
    long_tasks_total_ms: r.tasks.reduce((s, t) => s + t, 0),
    key_to_frame_median_ms: pct(r.keys, 0.5),
    key_to_frame_max_ms: Math.max(...r.keys),
    last_key_to_results_ms: r.last_key_to_results_ms,
  };
}

test('typing in a plan field while the largest plan evaluates: the page stays responsive', async () => {
  const onPage = await fresh({ worker: false });
  const withWorker = await fresh();
  results.typing = { page: await typeDuring(onPage), worker: await typeDuring(withWorker) };
  assert.deepEqual([...onPage.errors, ...withWorker.errors], []);
  await onPage.page.context().close();
  await withWorker.page.context().close();
});

/** Three RPO edits of the largest plan, one at a time: each one's longest task and results. */
async function editThrice(planner) {
  await planner.page.goto(await largestLink());
  await settled(planner.page);
  const out = [];
  for (let k = 0; k < 3; k++) {
    await planner.page.evaluate(() => {
      window.__tasks = [];
      performance.clearMeasures();
      new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    await planner.setClassField(0, 'rpo_s', 30 + k);
    await planner.page.waitForFunction(() => performance.getEntriesByName('meridian:edit-to-results').length > 0, null, { timeout: 60_000 });
    await settled(planner.page);
    out.push(await planner.page.evaluate(() => {
      const last = (n) => performance.getEntriesByName(n).at(-1)?.duration ?? 0;
      return { longest_task_ms: Math.max(0, ...window.__tasks), edit_to_results_ms: last('meridian:edit-to-results'), evaluate_ms: last('meridian:evaluate'), decode_ms: last('meridian:report-decode') };
    }));
  }
  return out;
}

test('one edit at a time of the largest plan: longest task and time to results (reported)', async () => {
  const onPage = await fresh({ worker: false });
  const withWorker = await fresh();
  results.edits = { page: await editThrice(onPage), worker: await editThrice(withWorker) };
  for (const mode of ['page', 'worker']) {
    const e = results.edits[mode];
    const list = (f) => e.map((x) => x[f].toFixed(0)).join(' / ');
    console.log(`worker: an RPO edit of the largest plan, engine on the ${mode}: longest task ${list('longest_task_ms')} ms; edit to results ${list('edit_to_results_ms')} ms; engine ${list('evaluate_ms')} ms; report read ${list('decode_ms')} ms`);
  }
  assert.deepEqual([...onPage.errors, ...withWorker.errors], []);
  await onPage.page.context().close();
  await withWorker.page.context().close();
});

test('rapid edits: only the newest plan\'s report is shown, and no stale work is queued', async () => {
  const planner = await fresh();
  await planner.page.goto(await largestLink());
  await settled(planner.page);
  // Every name the summary shows for class 0 from now on.
  await planner.page.evaluate(() => {
    window.__names = [];
    performance.clearMeasures('meridian:results');
    const cell = () => document.querySelector('[data-testid="open-card-0"]')?.textContent;
    const note = () => { const n = cell(); if (n && window.__names.at(-1) !== n) window.__names.push(n); };
    new MutationObserver(note).observe(document.querySelector('[data-testid="summary"]'), { subtree: true, childList: true, characterData: true });
  });
  await planner.testid('class-editor-0').evaluate((d) => { d.open = true; });
  const field = planner.testid('class-0-name');
  await field.click();
  await planner.page.keyboard.press('End');
  const SUFFIX = 'abcdefgh';
  const original = await field.inputValue();
  await planner.page.keyboard.type(SUFFIX); // no delay: each key supersedes the last
  await settled(planner.page);
  const final = `${original}${SUFFIX}`;
  const { names, shown } = await planner.page.evaluate(() => ({ names: window.__names, shown: performance.getEntriesByName('meridian:results').length }));
  results.rapid = { edits: SUFFIX.length, reports_shown: shown, names_shown: names };
  // Names only ever grow (an older report never replaces a newer one), ending at the newest.
  assert.equal(names.at(-1), final, names.join(' | '));
  for (let k = 1; k < names.length; k++) assert.ok(names[k].startsWith(names[k - 1]), names.join(' | '));
  assert.ok(shown >= 1 && shown < SUFFIX.length, `${shown} reports shown for ${SUFFIX.length} edits`);
  const report = JSON.parse(await planner.downloaded('download-report'));
  assert.equal(report.classes[0].name, final);
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

/** Counts the classes the worker said were unchanged (json null, `count` of them) instead of JSON. */
function countUnchanged() {
  window.__unchanged = 0;
  const setter = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    ...setter,
    set(f) {
      setter.set.call(this, f && ((e) => {
        if (e.data?.kind === 'class' && e.data.json === null) window.__unchanged += e.data.count ?? 1;
        return f(e);
      }));
    },
  });
}

test('an edit of one class: the worker resends only the classes that changed, and the report is the page engine\'s', async () => {
  const reports = {};
  for (const worker of [true, false]) {
    const planner = await fresh({ worker });
    if (worker) await planner.page.context().addInitScript(countUnchanged);
    await planner.page.goto(await largestLink());
    await settled(planner.page);
    await planner.testid('class-editor-0').evaluate((d) => { d.open = true; });
    await planner.testid('class-0-rpo_s').fill('7');
    await settled(planner.page);
    reports[worker] = await planner.downloaded('download-report');
    if (worker) {
      // 16 classes; the RPO of class 0 changes class 0's report, not the other 15.
      const unchanged = await planner.page.evaluate(() => window.__unchanged);
      assert.equal(unchanged, CLASSES - 1, `${unchanged} classes sent as unchanged`);
      results.unchanged_after_edit = unchanged;
    }
    assert.deepEqual(planner.errors, []);
    await planner.page.context().close();
  }
  assert.equal(reports[true], reports[false]);
});

test('with no Worker at all, the largest plan is evaluated on the page and editing works', async () => {
  const planner = await fresh({ worker: false });
  await planner.page.goto(await largestLink());
  await settled(planner.page);
  await planner.setClassField(0, 'rpo_s', 45);
  await planner.page.waitForFunction(() => performance.getEntriesByName('meridian:edit-to-results').length > 0);
  assert.deepEqual(await planner.page.evaluate(() => window.__progress), []);
  assert.equal((await planner.postures()).length, CLASSES);
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('a worker that fails falls back to the page, with a warning and the same results', async () => {
  const planner = await fresh();
  // The worker script replaced by one that throws: the worker's error event.
  await planner.page.route('**/public/engine-worker.js', (r) => r.fulfill({ contentType: 'text/javascript', body: 'throw new Error("broken on purpose");' }));
  await planner.page.goto(await largestLink());
  await settled(planner.page);
  assert.ok(planner.warnings.some((w) => w.includes('engine worker failed')), planner.warnings.join('\n'));
  assert.equal((await planner.postures()).length, CLASSES);
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('a worker that never starts: the page is built and evaluates the plan itself, with a warning', async () => {
  const planner = await fresh();
  // The worker's script is never answered: the app waits for the worker before its first
  // render at most 200 ms (engine_worker::START_WAIT_MS), and gives it up after 10 s.
  await planner.page.route('**/public/engine-worker.js', () => {});
  const started = Date.now();
  await planner.page.goto(await largestLink());
  await planner.page.locator('main#main').waitFor({ timeout: 5_000 });
  const built_ms = Date.now() - started;
  await settled(planner.page);
  assert.ok(planner.warnings.some((w) => w.includes('did not start in time')), planner.warnings.join('\n'));
  assert.equal((await planner.postures()).length, CLASSES);
  assert.deepEqual(planner.errors, []);
  console.log(`worker: a worker that never starts: page built after ${built_ms} ms, results after ${Date.now() - started} ms`);
  await planner.page.context().close();
});

test('screenshots of the progress line over the previous results (1440 and 375 px)', async () => {
  const planner = await fresh();
  // The worker held up after its fifth class (a busy wait: it is a worker thread), so the
  // updating state can be photographed; closing the page ends it.
  await planner.page.route('**/public/engine-worker.js', async (r) => {
    // Every class's progress is sent (none is skipped for coming too soon after the last).
    const body = (await (await r.fetch()).text()).replace(
      'const PROGRESS_EVERY_MS = 100;',
      'const PROGRESS_EVERY_MS = 0;',
    ).replace(
      "self.postMessage({ kind: 'progress', seq, done, classes });",
      "self.postMessage({ kind: 'progress', seq, done, classes }); if (done === 5) for (const end = Date.now() + 20_000; Date.now() < end;);",
    );
    assert.match(body, /PROGRESS_EVERY_MS = 0;/);
    assert.match(body, /done === 5/);
    await r.fulfill({ contentType: 'text/javascript', body });
  });
  await planner.open(app.server.url); // the example plan, evaluated on the page
  await planner.upload('largest-plan.json', await readFile(LARGEST, 'utf8'));
  await planner.page.waitForFunction(() => document.querySelector('[data-testid="evaluation-progress"]')?.textContent === 'Evaluating class 6 of 16…', null, { timeout: 60_000 });
  assert.equal(await planner.testid('evaluation-progress').getAttribute('role'), 'status');
  assert.equal(await planner.page.locator('#results').getAttribute('aria-busy'), 'true');
  assert.equal(await planner.testid('download-markdown').isDisabled(), true);
  await screenshotBothWidths(planner.page, 'worker-progress');
  // And the results column's top as seen, at both widths, to look at closely.
  for (const [label, width] of Object.entries(WIDTHS)) {
    await planner.page.setViewportSize({ width, height: 900 });
    await planner.testid('evaluation-progress').scrollIntoViewIfNeeded();
    await planner.page.screenshot({ path: `${SCREENSHOT_DIR}worker-progress-view-${label}.png` });
  }
  await planner.page.context().close();
});

test('calibration: the work estimate against the page engine\'s own time (reported)', async () => {
  const planner = await fresh({ worker: false });
  await planner.open(app.server.url);
  const base = JSON.parse(await readFile(LARGEST, 'utf8'));
  // The largest plan cut down: n regions, u populations (equal shares), k classes.
  const plans = [];
  for (const n of [3, 6, 12, 18, 24]) {
    for (const u of [1, 4, 12]) {
      for (const k of [1, 4, 16]) {
        const users = base.users.slice(0, u).map((x) => ({ ...x, share: 1 / u }));
        plans.push({ n, u, k, json: JSON.stringify({ ...base, regions: base.regions.slice(0, n), users, data_classes: base.data_classes.slice(0, k) }) });
      }
    }
  }
  // The page's own engine, called as the worker calls it (the same exported function), warm:
  // the median of three runs of the whole plan (each renamed: the engine evaluates again only
  // the classes of an edited plan, but everything when the rest of the plan changed).
  const times = await planner.page.evaluate(async (plans) => {
    const { engineEvaluate } = await import(new URL('meridian-web.js', document.baseURI));
    return plans.map((p) => {
      const run = (k) => JSON.stringify({ ...JSON.parse(p.json), name: `calibration ${k}` });
      const runs = [0, 1, 2].map((k) => engineEvaluate(run(k), () => {}).evaluate_ms);
      return runs.sort((a, b) => a - b)[1];
    });
  }, plans);
  // engine::work_estimate (src/engine/evaluate_plan.rs): k x u x (n + C), C fitted here.
  const work = (p, c) => p.k * p.u * (p.n + c);
  const fit = (c) => {
    const logs = plans.map((p, i) => Math.log(times[i] / work(p, c)));
    const logA = logs.reduce((s, x) => s + x, 0) / logs.length;
    const residual = logs.reduce((s, x) => s + (x - logA) ** 2, 0);
    return { c, a: Math.exp(logA), residual };
  };
  const best = [0, 2, 4, 8, 16, 32, 64, 128, 256].map(fit).sort((x, y) => x.residual - y.residual)[0];
  const rows = plans.map((p, i) => ({ regions: p.n, populations: p.u, classes: p.k, work: work(p, best.c), measured_ms: times[i], predicted_ms: best.a * work(p, best.c) }));
  const worst = Math.max(...rows.map((r) => Math.max(r.measured_ms / r.predicted_ms, r.predicted_ms / r.measured_ms)));
  results.calibration = { fixed_work_in_regions: best.c, ms_per_unit: best.a, work_for_16_ms: 16 / best.a, worst_ratio: worst, rows };
  console.log(`worker: calibration over ${rows.length} plans: k x u x (n + ${best.c}), ${(best.a * 1000).toFixed(1)} µs per unit, 16 ms (a frame) at ${(16 / best.a).toFixed(0)} units; worst prediction off by x${worst.toFixed(2)}`);
  for (const r of rows) console.log(`worker:   n=${r.regions} u=${r.populations} k=${r.classes}: work ${r.work}, ${r.measured_ms.toFixed(2)} ms measured, ${r.predicted_ms.toFixed(2)} ms predicted`);
  assert.equal(times.every((t) => t > 0), true);
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});
