// Where a first visit's time goes (issue 16; docs/first-visit.md): first visits of the example
// plan (a fresh browser context each, so an empty cache and no compiled code), each traced, and
// per visit the wall-clock marks and the renderer main thread's CPU between them, with V8's
// lazy compilation of wasm functions (the functions a first visit runs are compiled on the
// main thread the first time they are called) by function body size.
//
//   node scripts/first-visit.mjs [--visits N] DIST [DIST ...]
//
// Several builds are visited in turn (A, B, A, B, ...), each served on its own loopback port by
// the e2e server. Tracing slows the page down: compare builds with each other, and take
// navigation-to-results figures from e2e/perf.test.mjs, which does not trace.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveDist } from '../e2e/support/server.mjs';
import { launch } from '../e2e/support/browser.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--visits');
const visits = at >= 0 ? Number(args.splice(at, 2)[1]) : 6;
const dists = args.map((d) => resolve(d) + '/');
if (dists.length === 0 || !(visits > 0)) {
  console.error('usage: node scripts/first-visit.mjs [--visits N] DIST [DIST ...]');
  process.exit(2);
}
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing', 'loading'];
const SIZE_BUCKETS = [100, 1000, Infinity];

/** Body size (bytes) of each function of a wasm module, by function index. */
function bodySizes(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return r;
  };
  let imported = 0;
  const sizes = [];
  while (p < bytes.length) {
    const id = bytes[p++];
    const end = leb() + p;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        p += leb(); p += leb(); // module and field names
        const kind = bytes[p++];
        const limits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };
        if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; limits(); } else if (kind === 2) limits(); else if (kind === 3) p += 2; else if (kind === 4) { p++; leb(); }
      }
    } else if (id === 10) {
      for (let n = leb(), k = 0; k < n; k++) { const size = leb(); sizes[imported + k] = size; p += size; }
    }
    p = end;
  }
  return sizes;
}

/** The figures of one traced first visit. */
function analyse(events, sizes) {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && /\/$/.test(e.args.data.documentLoaderURL ?? ''));
  const main = (e) => e.pid === nav.pid && e.tid === nav.tid;
  const mark = (name, ph) => events.find((e) => e.name === name && (!ph || e.ph === ph) && e.ts >= nav.ts).ts;
  const start = mark('meridian:app-start');
  const [evalFrom, evalTo] = [mark('meridian:evaluate', 'b'), mark('meridian:evaluate', 'e')];
  const results = mark('meridian:load-to-results', 'e');
  // The main thread's top-level slices, their thread time spread evenly over each slice.
  const slices = events.filter((e) => main(e) && e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  for (const e of slices) if (!top.length || e.ts >= top.at(-1).ts + top.at(-1).dur) top.push(e);
  const cpu = (from, to) => top.reduce((sum, e) => {
    const overlap = Math.min(to, e.ts + e.dur) - Math.max(from, e.ts);
    return overlap > 0 ? sum + (e.tdur * overlap) / e.dur : sum;
  }, 0) / 1000;
  const compiled = events.filter((e) => main(e) && e.name === 'wasm.CompileLazy' && e.ts >= nav.ts && e.ts < results);
  const bucket = (e) => SIZE_BUCKETS.findIndex((b) => (sizes[e.args.func_index] ?? 0) < b);
  const ms = (x) => (x - nav.ts) / 1000;
  return {
    app_start: ms(start),
    results: ms(results),
    cpu_before_start: cpu(nav.ts, start),
    cpu_app: cpu(start, results),
    cpu_to_evaluate: cpu(start, evalFrom),
    cpu_evaluate: cpu(evalFrom, evalTo),
    cpu_after_evaluate: cpu(evalTo, results),
    compiled: compiled.length,
    // Compiled before the app started / before the first evaluate() / in it / after it.
    compiled_by_phase: [start, evalFrom, evalTo, results].map((to, k, ends) => compiled.filter((e) => e.ts < to && e.ts >= (k ? ends[k - 1] : nav.ts)).length).join(' / '),
    compile_cpu: compiled.reduce((s, e) => s + e.tdur, 0) / 1000,
    ...Object.fromEntries(SIZE_BUCKETS.map((b, k) => {
      const xs = compiled.filter((e) => bucket(e) === k);
      return [`under_${b}`, `${xs.length} / ${(xs.reduce((s, e) => s + e.tdur, 0) / 1000).toFixed(1)}`];
    })),
  };
}

const browser = await launch();
const builds = await Promise.all(dists.map(async (dist) => ({
  dist,
  server: await serveDist(dist),
  sizes: bodySizes(await readFile(join(dist, 'meridian-web_bg.wasm'))),
  rows: [],
})));
const scratch = await mkdtemp(join(tmpdir(), 'first-visit-'));
try {
  for (let v = 0; v < visits; v++) {
    for (const b of builds) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // On the app's origin first, so the trace follows the renderer the app loads in.
      await page.goto(`${b.server.url}not-the-app`);
      const file = join(scratch, 'trace.json');
      await browser.startTracing(page, { path: file, categories: CATEGORIES });
      const load = loadavg()[0];
      await page.goto(b.server.url);
      await page.waitForFunction(() => performance.getEntriesByName('meridian:load-to-results').length > 0);
      await page.waitForTimeout(200);
      await browser.stopTracing();
      const trace = JSON.parse(await readFile(file, 'utf8'));
      b.rows.push({ load, ...analyse(trace.traceEvents ?? trace, b.sizes) });
      await context.close();
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
  await browser.close();
  for (const b of builds) await b.server.close();
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const fmt = (x) => (typeof x !== 'number' ? x : Number.isInteger(x) ? String(x) : x.toFixed(1));
for (const b of builds) {
  console.log(`\n${b.dist} (${visits} first visits, load averages ${b.rows.map((r) => r.load.toFixed(2)).join(' / ')})`);
  const keys = Object.keys(b.rows[0]).filter((k) => k !== 'load');
  for (const r of b.rows) console.log('  ' + keys.map((k) => `${k} ${fmt(r[k])}`).join(', '));
  const numeric = keys.filter((k) => typeof b.rows[0][k] === 'number');
  console.log('  median: ' + numeric.map((k) => `${k} ${fmt(median(b.rows.map((r) => r[k])))}`).join(', '));
}
console.log('\nms from navigation (app_start, results: the meridian:load-to-results mark); cpu_*: renderer main thread CPU in ms; under_N: functions compiled lazily before results with a body under N bytes / their compile CPU in ms');
