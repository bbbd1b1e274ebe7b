// Offline and install: after one visit the service worker (public/sw.js, filled in by
// scripts/offline.mjs) opens the app with no network, share links included; a new build
// replaces the old cache; the page is installable; and no request ever leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servedApp } from './support/harness.mjs';
import { serveDist } from './support/server.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** A fresh context whose every request (pages and service worker) is recorded. */
async function recordedContext() {
  const context = await app.browser.newContext();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return { context, requests };
}

/** Opens the app and waits until the service worker controls the page. */
async function openControlled(planner, url) {
  await planner.open(url);
  await planner.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Polls `check` (async, in Node) until it holds, for up to `ms`. */
async function until(check, ms = 30_000) {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${check}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('after one visit the app opens, edits and exports markdown with no network', async () => {
  // A server of its own, shut down after the first visit: no network at all, not only an
  // offline page (the worker's own fetches would otherwise still reach it).
  const server = await serveDist(DIST);
  const { context, requests } = await recordedContext();
  const planner = new Planner(await context.newPage());
  await openControlled(planner, server.url);
  const names = await cacheNames(planner.page);
  assert.equal(names.length, 1);
  assert.match(names[0], /^meridian-[0-9a-f]{16}$/);
  // The cache holds the app's own files and nothing else.
  const cached = await planner.page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url), names[0]);
  assert.ok(cached.some((u) => u.endsWith('.wasm')) && cached.some((u) => u.endsWith('/index.html')), cached.join(' '));
  assert.deepEqual(cached.filter((u) => !u.startsWith(server.url)), []);
  const online = await planner.postures();
  const before = await planner.downloaded('download-markdown');

  await server.close();
  await context.setOffline(true);
  assert.equal(await context.request.get(server.url).then(() => 'reached', () => 'unreachable'), 'unreachable');
  await planner.page.reload();
  await planner.page.locator('main#main').waitFor();
  assert.deepEqual(await planner.postures(), online);
  await planner.setClassField(3, 'rpo_s', 0);
  const link = await planner.shareLink();
  const after = await planner.downloaded('download-markdown');
  assert.match(after, /^# /);
  assert.notEqual(after, before, 'the edit made offline is in the export');

  // A share link (#plan=...) opens offline in another tab, with the edited plan.
  const other = new Planner(await context.newPage());
  await other.open(link);
  assert.deepEqual(await other.postures(), await planner.postures());
  assert.equal(await other.shareLink(), link);

  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob):/.test(u)), []);
  assert.deepEqual([...planner.errors, ...other.errors], []);
  await context.close();
});

test('the page is installable: a web manifest with icons, served by its own origin', async () => {
  const { context } = await recordedContext();
  const planner = new Planner(await context.newPage());
  await openControlled(planner, app.server.url);
  const cdp = await context.newCDPSession(planner.page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.short_name, 'Meridian');
  assert.equal(parsed.display, 'standalone');
  assert.equal(new URL(parsed.start_url, manifest.url).href, app.server.url);
  // Playwright's contexts are incognito profiles, where Chromium never offers to install;
  // that one reason is about the test's browser, every other would be about the page.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  for (const size of [192, 512]) {
    const res = await planner.page.request.get(`${app.server.url}public/icon-${size}.png`);
    const png = await res.body();
    assert.equal(png.readUInt32BE(16), size, `icon-${size}.png width`);
    assert.equal(png.readUInt32BE(20), size, `icon-${size}.png height`);
  }
  await context.close();
});

test('a new build replaces the cached one and deletes the old cache', async () => {
  // A copy of dist/ whose build changes under the open app, as a deploy would.
  const root = await mkdtemp(join(tmpdir(), 'meridian-offline-'));
  await cp(DIST, root, { recursive: true });
  const server = await serveDist(`${root}/`);
  try {
    const { context, requests } = await recordedContext();
    const planner = new Planner(await context.newPage());
    await openControlled(planner, server.url);
    const [old] = await cacheNames(planner.page);

    // The "new build": a changed page, and a worker with a new version (as offline.mjs writes).
    const index = await readFile(join(root, 'index.html'), 'utf8');
    await writeFile(join(root, 'index.html'), index.replace('</head>', '<meta name="build" content="next" />\n  </head>'));
    const worker = await readFile(join(root, 'sw.js'), 'utf8');
    const next = worker.replace(/const VERSION = "([0-9a-f]{16})"/, (_, v) => `const VERSION = "${[...v].reverse().join('')}"`);
    assert.notEqual(next, worker);
    await writeFile(join(root, 'sw.js'), next);
    await planner.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // The new worker fetches the new files, takes over and deletes the old build's cache.
    await until(async () => {
      const names = await cacheNames(planner.page);
      return names.length === 1 && names[0] !== old;
    });

    await context.setOffline(true);
    await planner.page.reload();
    await planner.page.locator('main#main').waitFor();
    assert.equal(await planner.page.locator('meta[name="build"]').getAttribute('content'), 'next');
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url) && !/^(data|blob):/.test(u)), []);
    assert.deepEqual(planner.errors, []);
    await context.close();
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
