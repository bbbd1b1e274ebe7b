// End-to-end: the built app (dist/) served on loopback, driven in Debian's headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();


test('the page loads with the app mounted and no script errors', async () => {
  const page = await app.browser.newPage();
  const planner = new Planner(page);
  await planner.open(app.server.url);
  assert.match(await page.title(), /Meridian/);
  await screenshotBothWidths(page, 'home');
  assert.deepEqual(planner.errors, []);
});

test('changing a region in the RTT lookup changes the figure shown', async () => {
  const page = await app.browser.newPage();
  const planner = new Planner(page);
  await planner.open(app.server.url);
  await planner.pickRttRegions('aws:us-east-1', 'aws:us-east-2');
  const near = await planner.rttResult().textContent();
  await planner.pickRttRegions('aws:us-east-1', 'aws:ap-southeast-2');
  const far = await planner.rttResult().textContent();
  assert.notEqual(near, far);
  const ms = (s) => Number(/p50 (\d+) ms/.exec(s)[1]);
  assert.ok(ms(far) > ms(near) + 100, `${near} vs ${far}`);
  await screenshotBothWidths(page, 'rtt-lookup');
});
