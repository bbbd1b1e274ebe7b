// Populations know where they are: a population moved with "Place on map" takes the
// jurisdiction and label of its new coordinates, in the plan JSON, the markdown document and
// the residency verdict (issue 9, reproduction 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { SCREENSHOT_DIR, WIDTHS } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';
import { engineReport } from './support/engine.mjs';

const app = servedApp();

const fresh = (url) => Planner.fresh(app, url);

const downloaded = (planner, testid) => planner.downloaded(testid);

/** The users panel alone, at both widths, under target/screenshots/NAME-{desktop,mobile}.png. */
async function screenshotUsers(page, name) {
  const panel = page.locator('section[aria-labelledby="users-h"]');
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SCREENSHOT_DIR}${name}-${label}.png` });
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

test('a population placed on the map in Sydney is AU in the plan, the markdown and the residency verdict', async () => {
  const planner = await fresh();
  const i = 3; // eu-personal-data: records owned per population
  await planner.testid(`class-editor-${i}`).locator('summary').first().evaluate((s) => {
    s.parentElement.open = true;
  });
  await planner.testid(`class-${i}-residency`).selectOption('per-owner');
  await planner.clickMapDot('aws:ap-southeast-2'); // a region in Australia to home them in
  assert.equal(await planner.testid('user-jurisdiction-2').textContent(), 'JP (from coordinates)');

  await planner.testid('user-place-2').click(); // Asia-Pacific, in Tokyo
  await planner.testid('placing-hint').waitFor();
  await planner.clickMapAt(-33.87, 151.21); // Sydney
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="user-jurisdiction-2"]')?.textContent === 'AU (from coordinates)',
  );
  assert.equal(await planner.testid('user-near-2').textContent(), 'Sydney, AU');
  assert.equal(await planner.testid('user-name-2').inputValue(), 'Asia-Pacific');

  const json = await downloaded(planner, 'download-plan');
  const plan = JSON.parse(json);
  assert.equal(plan.version, 2);
  assert.equal(plan.users[2].name, 'Asia-Pacific');
  assert.equal(plan.users[2].place.jurisdiction, 'AU');
  assert.equal(plan.users[2].place.jurisdiction_from, 'coordinates');
  assert.equal(plan.users[2].place.name, undefined, 'no stale place name');

  const md = await downloaded(planner, 'download-markdown');
  const users = md.slice(md.indexOf('| users | place | jurisdiction | share of traffic |'));
  const row = users.split('\n').find((l) => l.startsWith('| Asia-Pacific |'));
  assert.match(row, /^\| Asia-Pacific \| Sydney, AU \| AU \(from coordinates\) \| 15 % \|$/);

  // Per-owner residency: Asia-Pacific's records are homed in Australia, by the engine the
  // CLI runs and on the class card.
  const report = engineReport(json);
  const home = report.classes[i].residency.find((c) => c.role === 'home of Asia-Pacific');
  assert.deepEqual(home, { role: 'home of Asia-Pacific', place: 'aws:ap-southeast-2', jurisdiction: 'AU', compliant: true, outside_for_dr: false });
  await planner.openCard(i);
  const card = await planner.testid(`class-card-${i}`).textContent();
  assert.ok(card.includes('home of Asia-Pacific aws:ap-southeast-2 in AU'), card);

  await screenshotUsers(planner.page, 'population-placed-sydney');
  assert.deepEqual(planner.errors, []);
});

test('a jurisdiction set by the user stays when the population moves, and can be given back to the coordinates', async () => {
  const planner = await fresh();
  await planner.testid('user-jurisdiction-override-1').fill('de');
  await planner.testid('user-jurisdiction-override-1').press('Tab');
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="user-jurisdiction-1"]')?.textContent === 'DE (set by you)',
  );
  await planner.testid('user-lat-1').fill('48.86');
  await planner.testid('user-lon-1').fill('2.35');
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="user-near-1"]')?.textContent === 'Paris, FR',
  );
  assert.equal(await planner.testid('user-jurisdiction-1').textContent(), 'DE (set by you)');
  await screenshotUsers(planner.page, 'population-override');
  await planner.testid('user-jurisdiction-reset-1').click();
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="user-jurisdiction-1"]')?.textContent === 'EU (from coordinates)',
  );
  assert.deepEqual(planner.errors, []);
});

test('a new population is labelled by its coordinates and follows typed ones', async () => {
  const planner = await fresh();
  await planner.testid('add-user').click(); // at the plan's first region, us-east-1
  assert.equal(await planner.testid('user-jurisdiction-3').textContent(), 'US (from coordinates)');
  await planner.testid('user-lat-3').fill('-33.87');
  await planner.testid('user-lon-3').fill('151.21');
  await planner.page.waitForFunction(
    () => document.querySelector('[data-testid="user-jurisdiction-3"]')?.textContent === 'AU (from coordinates)',
  );
  assert.equal(await planner.testid('user-near-3').textContent(), 'Sydney, AU');
  assert.deepEqual(planner.errors, []);
});

test('a custom place takes its name and jurisdiction from its coordinates unless typed', async () => {
  const planner = await fresh();
  await planner.testid('tab-custom').click();
  await planner.testid('custom-lat').fill('50.11');
  await planner.testid('custom-lon').fill('8.68');
  assert.equal(await planner.testid('custom-jurisdiction-source').textContent(), 'EU (from coordinates)');
  assert.equal(await planner.testid('custom-name').getAttribute('placeholder'), 'Frankfurt, DE');
  await planner.testid('custom-add').click();
  assert.ok((await planner.selectedRegions()).includes('Frankfurt, DE'));
  await planner.testid('custom-lat').fill('47.37');
  await planner.testid('custom-lon').fill('8.54');
  await planner.testid('custom-name').fill('Zürich DC');
  await planner.testid('custom-jurisdiction').fill('ch-finma');
  assert.equal(await planner.testid('custom-jurisdiction-source').textContent(), 'CH-FINMA (set by you)');
  await planner.testid('custom-add').click();
  assert.ok((await planner.selectedRegions()).includes('Zürich DC'));
  assert.deepEqual(planner.errors, []);
});
