// Every round trip shown names its source (issue 12): the class card's latency table lists the
// round trips behind it, "About the numbers" gives a pair's working and the cross-cloud check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();

test('the class card latency table names the sources of its round trips', async () => {
  const planner = await Planner.fresh(app);
  const sources = await planner.testid('latency-sources-0').textContent();
  assert.match(sources, /^Where this plan's round trips come from \(\d+:/);
  assert.match(sources, /measured: CloudPing\.co AWS [^;]*2025/);
  assert.match(sources, /modeled: .*?expected error [\d.]+ % median/);
  await planner.testid('latency-sources-0').locator('summary').click();
  await planner.testid('latency-sources-0').scrollIntoViewIfNeeded();
  await screenshotBothWidths(planner.page, 'latency-card-sources');
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});

test('About the numbers: a cross-cloud pair in one metro, and the cross-cloud check', async () => {
  const planner = await Planner.fresh(app);
  await planner.testid('rtt-to').selectOption('azure:eastus');
  const result = await planner.testid('rtt-result').textContent();
  assert.match(result, /^p50 1\.5 ms · .* — modeled: same-metro line/);
  await planner.testid('about-more').locator('summary').click();
  const check = await planner.testid('cross-cloud-check').textContent();
  assert.match(check, /Aviatrix Docs .* published 2019-02-20/);
  assert.match(check, /0\.4 ms off at the median.*so none is added\.$/);
  await planner.testid('about').scrollIntoViewIfNeeded();
  await screenshotBothWidths(planner.page, 'latency-about');
  assert.deepEqual(planner.errors, []);
  await planner.page.context().close();
});
