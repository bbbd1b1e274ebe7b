// Page object for the planner: every locator goes through data-testid, so tests read as a
// user's steps and survive layout changes.
export class Planner {
  constructor(page) {
    this.page = page;
  }

  testid(id) {
    return this.page.getByTestId(id);
  }

  /** Loads the app and waits until the wasm has mounted it. */
  async open(url) {
    this.errors = [];
    this.page.on('pageerror', (e) => this.errors.push(String(e)));
    await this.page.goto(url);
    await this.page.locator('main#main').waitFor();
  }

  rttResult() {
    return this.testid('rtt-result');
  }

  async pickRttRegions(from, to) {
    await this.testid('rtt-from').selectOption(from);
    await this.testid('rtt-to').selectOption(to);
  }
}
