// The planner as a user drives it: pick regions on the map, add a preset data class,
// change an RPO target, and check the recommendation against the native engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp } from './support/harness.mjs';
import { screenshotBothWidths } from './support/browser.mjs';
import { Planner } from './support/planner.mjs';
import { engineReport, shownPosture } from './support/engine.mjs';

const app = servedApp();


const fresh = (url) => Planner.fresh(app, url);

/** The plan on screen, as the "Download plan JSON" button gives it. */
const downloadedPlan = (planner) => planner.downloaded('download-plan');

test('clicking map dots selects and deselects regions', async () => {
  const planner = await fresh();
  assert.ok(!(await planner.selectedRegions()).includes('aws:ap-southeast-2'));
  await planner.clickMapDot('aws:ap-southeast-2');
  assert.ok((await planner.selectedRegions()).includes('aws:ap-southeast-2'));
  await planner.testid('tab-gcp').click();
  await planner.clickMapDot('gcp:asia-south1');
  assert.ok((await planner.selectedRegions()).includes('gcp:asia-south1'));
  await screenshotBothWidths(planner.page, 'regions-selected');
  await planner.clickMapDot('gcp:asia-south1');
  assert.ok(!(await planner.selectedRegions()).includes('gcp:asia-south1'));
  assert.deepEqual(planner.errors, []);
});

test('a user population can be placed by clicking the map', async () => {
  const planner = await fresh();
  await planner.testid('user-place-2').click(); // Asia-Pacific, in Tokyo
  await planner.testid('placing-hint').waitFor();
  await planner.clickMapAt(-33.87, 151.21); // Sydney
  const lat = Number(await planner.testid('user-lat-2').inputValue());
  const lon = Number(await planner.testid('user-lon-2').inputValue());
  assert.ok(Math.abs(lat + 33.87) < 1.5 && Math.abs(lon - 151.21) < 1.5, `${lat}, ${lon}`);
  assert.equal(await planner.testid('placing-hint').count(), 0);
  const expected = engineReport(await downloadedPlan(planner));
  assert.deepEqual(await planner.postures(), expected.classes.map(shownPosture));
  assert.deepEqual(planner.errors, []);
});

test('a preset data class gets a recommendation card', async () => {
  const planner = await fresh();
  const before = (await planner.postures()).length;
  await planner.addPreset('carts');
  const after = await planner.postures();
  assert.equal(after.length, before + 1);
  const expected = engineReport(await downloadedPlan(planner));
  assert.equal(after[before], shownPosture(expected.classes[before]));
  await planner.testid(`class-card-${before}`).scrollIntoViewIfNeeded();
  await screenshotBothWidths(planner.page, 'preset-added');
  assert.deepEqual(planner.errors, []);
});

test('tightening an RPO target changes the posture to the one the engine computes', async () => {
  const planner = await fresh();
  const i = 3; // eu-personal-data in the example plan
  const before = await planner.posture(i);
  await planner.setClassField(i, 'rpo_s', 0);
  await planner.page.waitForFunction(
    ([i, before]) => document.querySelector(`[data-testid="posture-${i}"]`)?.textContent.trim() !== before,
    [i, before],
  );
  const after = await planner.posture(i);
  const expected = engineReport(await downloadedPlan(planner));
  assert.equal(expected.classes[i].rpo_s, 0);
  assert.equal(after, shownPosture(expected.classes[i]));
  assert.notEqual(after, before);
  await screenshotBothWidths(planner.page, 'rpo-tightened');
});

test('text that is not a number stays in the field with a message, and the plan keeps its value', async () => {
  const planner = await fresh();
  const before = await planner.postures();
  await planner.setClassField(0, 'rto_s', '10 minutes');
  const field = planner.testid('class-0-rto_s');
  assert.equal(await field.inputValue(), '10 minutes');
  const alert = planner.page.locator('[data-testid="class-editor-0"] [role="alert"]');
  assert.match(await alert.textContent(), /RTO target: "10 minutes" is not a number/);
  assert.deepEqual(await planner.postures(), before);
});

test('a plan that breaks a rule says so beside the field, and keeps what was typed', async () => {
  const planner = await fresh();
  await planner.testid('user-share-0').fill('10');
  const problem = await planner.testid('user-problems').textContent();
  assert.match(problem, /Shares add up to 60 %; they must add up to 100 %/);
  assert.equal(await planner.testid('user-share-0').inputValue(), '10');
  assert.ok((await planner.testid('plan-errors').textContent()).includes('Nothing you entered is lost'));
  await planner.testid('user-share-0').fill('50');
  assert.equal(await planner.testid('user-problems').count(), 0);
  assert.equal((await planner.postures()).length, 4);
});
