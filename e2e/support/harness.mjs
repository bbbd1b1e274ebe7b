// One served app and one browser per test file: dist/ on a free loopback port, Debian's
// Chromium through Playwright. Returns an object whose `server` and `browser` are set
// once the file's `before` hook has run.
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serveDist } from './server.mjs';
import { launch } from './browser.mjs';

// MERIDIAN_DIST: another build's directory, to measure two builds against each other.
const DIST = process.env.MERIDIAN_DIST || fileURLToPath(new URL('../../dist/', import.meta.url));

export function servedApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serveDist(DIST);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
