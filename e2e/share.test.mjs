// Plans leave the tab: links that open the same plan elsewhere, corrupt links that fail
// softly, and a page that talks to no one but its own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';

const app = servedApp();


test('a copied share link opens the same plan and recommendation in a fresh browser context', async () => {
  const first = await app.browser.newContext();
  const planner = new Planner(await first.newPage());
  await planner.open(app.server.url);
  await planner.clickMapDot('aws:sa-east-1');
  await planner.setClassField(3, 'rpo_s', 0);
  const link = await planner.shareLink();
  assert.match(link, /#plan=v3\./);
  const shown = await planner.postures();

  const second = await app.browser.newContext();
  const other = new Planner(await second.newPage());
  await other.open(link);
  assert.deepEqual(await other.postures(), shown);
  assert.ok((await other.selectedRegions()).includes('aws:sa-east-1'));
  assert.equal(await other.shareLink(), link);
  await first.close();
  await second.close();
});

test('a corrupted link shows a clear message and a usable app', async () => {
  const context = await app.browser.newContext();
  const planner = new Planner(await context.newPage());
  await planner.open(`${app.server.url}#plan=v1.not-a-real-plan!!`);
  const notice = await planner.testid('notice').textContent();
  assert.match(notice, /plan link/i);
  assert.match(notice, /example plan instead/);
  assert.ok((await planner.postures()).length > 0, 'the example plan is on screen');
  await screenshotBothWidths(planner.page, 'corrupt-link');
  await planner.testid('notice').getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await planner.testid('notice').count(), 0);
  assert.deepEqual(planner.errors, []);
  await context.close();
});

test('autosave restores the plan on reload, and back steps through edits', async () => {
  const context = await app.browser.newContext();
  const planner = new Planner(await context.newPage());
  await planner.open(app.server.url);
  await planner.clickMapDot('aws:ca-central-1');
  await planner.waitSaved();
  await planner.page.goto(app.server.url); // no fragment: only the autosave can bring it back
  await planner.page.locator('main#main').waitFor();
  assert.ok((await planner.selectedRegions()).includes('aws:ca-central-1'));

  await planner.page.waitForTimeout(1100); // edits further apart than the grouping window
  await planner.clickMapDot('aws:af-south-1');
  await planner.waitSaved();
  assert.ok((await planner.selectedRegions()).includes('aws:af-south-1'));
  await planner.page.goBack();
  await planner.page.waitForFunction(() => !document.querySelector('[data-testid="selected-regions"]').textContent.includes('af-south-1'));
  assert.ok((await planner.selectedRegions()).includes('aws:ca-central-1'));
  await context.close();
});

test('the page requests nothing outside its own origin', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const planner = new Planner(page);
  await planner.open(app.server.url);
  await planner.testid('charts-0').locator('summary').click();
  await planner.testid('chart-latency-0').waitFor();
  const foreign = requests.filter((u) => !u.startsWith(app.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('.wasm')));
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  await context.close();
});
