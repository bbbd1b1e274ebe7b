// Launches Debian's Chromium through playwright-core (never a downloaded browser) with the
// flags this closed network needs, and a fresh profile each time.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';

export const WIDTHS = { desktop: 1440, mobile: 375 };
export const SCREENSHOT_DIR = new URL('../../target/screenshots/', import.meta.url).pathname;

export async function launch() {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Saves a full-page screenshot at both widths under target/screenshots/NAME-{desktop,mobile}.png. */
export async function screenshotBothWidths(page, name) {
  const original = page.viewportSize();
  // Sections off screen skip rendering (content-visibility: auto) and would show blank in a
  // full-page capture: lay them all out first.
  await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
