// Page object for the planner: every locator goes through data-testid, so tests read as a
// user's steps and survive layout changes.
import { readFile } from 'node:fs/promises';

export class Planner {
  /** A planner in a fresh browser context at 1440 px, opened at `url` (the app by default). */
  static async fresh(app, url = app.server.url) {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const planner = new Planner(await context.newPage());
    await planner.open(url);
    return planner;
  }

  /** A planner in a new tab of `context` (sharing its localStorage), opened at `url`. */
  static async tab(context, url) {
    const planner = new Planner(await context.newPage());
    await planner.open(url);
    return planner;
  }

  /** Opens a plan file through the toolbar's upload, as a user picking it would. */
  async upload(name, text) {
    await this.testid('upload-plan').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** The plans saved in this browser's library: { id, name, edited_ms, plan (link payload) }. */
  async libraryEntries() {
    return this.page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.startsWith('meridian.plan.'))
      .map((k) => ({ id: k.slice('meridian.plan.'.length), ...JSON.parse(localStorage.getItem(k)) })));
  }

  /** The text of the file a toolbar button downloads. */
  async downloaded(testid) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.testid(testid).click(),
    ]);
    return readFile(await download.path(), 'utf8');
  }

  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }

  testid(id) {
    return this.page.getByTestId(id);
  }

  /** Loads the app (optionally with a fragment) and waits until the wasm has mounted it. */
  async open(url) {
    await this.page.goto(url);
    await this.page.locator('main#main').waitFor();
  }

  /** The recommended posture slug shown in the summary for class `i`. */
  async posture(i) {
    return (await this.testid(`posture-${i}`).textContent()).trim();
  }

  async postures() {
    const cells = this.page.locator('[data-testid^="posture-"]');
    return (await cells.allTextContents()).map((s) => s.trim());
  }

  async selectedRegions() {
    return (await this.testid('selected-regions').locator('li').allTextContents()).map((s) => s.replace('×', '').trim());
  }

  async clickMapDot(key) {
    await this.testid(`map-dot-${key}`).click();
  }

  /** Clicks the picker map at a latitude and longitude (the map is equirectangular). */
  async clickMapAt(lat, lon) {
    await this.testid('picker-map').scrollIntoViewIfNeeded();
    const box = await this.testid('picker-map').boundingBox();
    await this.page.mouse.click(box.x + ((lon + 180) / 360) * box.width, box.y + ((75 - lat) / 131) * box.height);
  }

  async addPreset(slug) {
    await this.testid('preset-select').selectOption(slug);
    await this.testid('add-class').click();
  }

  /** Types into a data class's number field, as a user would (select all, type). */
  async setClassField(i, field, value) {
    const input = this.testid(`class-${i}-${field}`);
    await this.testid(`class-editor-${i}`).locator('summary').first().evaluate((s) => {
      s.parentElement.open = true;
    });
    await input.fill(String(value));
  }

  /** Waits until the plan has been written to the URL and the autosave (debounced). */
  async waitSaved() {
    await this.page.locator('[data-testid="share-link"][data-saved="true"]').waitFor();
  }

  async shareLink() {
    await this.waitSaved();
    return this.testid('share-link').inputValue();
  }

  /** Opens a plan file through the toolbar's upload, as a user picking a file would. */
  async uploadPlan(name, json) {
    await this.testid('upload-plan').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });
    const first = JSON.parse(json).regions[0];
    await this.page.waitForFunction(
      (r) => document.querySelector('[data-testid="selected-regions"]')?.textContent.includes(r),
      first,
    );
  }

  /** Chooses the managed database of class `i` from the technology catalog (by id). */
  async chooseService(i, id) {
    await this.testid(`class-editor-${i}`).evaluate((d) => {
      d.open = true;
    });
    await this.testid(`class-${i}-database`).selectOption(id);
    await this.waitSaved();
  }

  /**
   * Opens class `i`'s result card from its summary row, as a reader would (the open card
   * closes: they form one group), and waits for its content, which is built on opening.
   */
  async openCard(i) {
    await this.testid(`open-card-${i}`).click();
    await this.testid(`reasons-${i}`).waitFor({ state: 'attached' });
  }

  /** The RTO and worst write p99 shown on class `i`'s card, as text. */
  async cardFigures(i) {
    const card = this.testid(`class-card-${i}`);
    const figure = (label) => card.locator('dl.figures > div', { hasText: label }).locator('dd').textContent();
    return { rto: (await figure('RTO (region loss)')).trim(), write: (await figure('Write p99, worst population')).trim() };
  }

  /** The write path of each population in class `i`'s latency table. */
  async writePaths(i) {
    const rows = this.testid(`class-card-${i}`).locator('table.latency tbody tr');
    return (await rows.locator('td:nth-of-type(5)').allTextContents()).map((s) => s.trim());
  }

  rttResult() {
    return this.testid('rtt-result');
  }

  async pickRttRegions(from, to) {
    await this.testid('rtt-from').selectOption(from);
    await this.testid('rtt-to').selectOption(to);
  }

  /** Opens class `i`'s comparison of the nine postures and waits for its table. */
  async openPostureComparison(i) {
    await this.testid(`compare-${i}-open`).click();
    await this.testid(`compare-${i}-table`).waitFor({ state: 'attached' });
  }

  /** Compares the plan on screen with the plan in `link` and waits for the summary. */
  async compareWithLink(link) {
    await this.testid('compare-link').fill(link);
    await this.testid('compare-link-open').click();
    await this.testid('compare-summary').waitFor();
  }

  /** The edit-to-results measures (ms) recorded by the app, newest last. */
  async editTimings() {
    return this.page.evaluate(() =>
      performance.getEntriesByName('meridian:edit-to-results').map((e) => e.duration),
    );
  }
}
