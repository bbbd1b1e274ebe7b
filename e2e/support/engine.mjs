// The native `meridian` CLI, to check that what the browser shows is what the engine says.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'target/debug/meridian');

/** The JSON report the engine gives for `planJson` (a string). */
export function engineReport(planJson) {
  if (!existsSync(BIN)) execFileSync('cargo', ['build', '--quiet', '--bin', 'meridian'], { cwd: ROOT, stdio: 'inherit' });
  const file = join(mkdtempSync(join(tmpdir(), 'meridian-')), 'plan.json');
  writeFileSync(file, planJson);
  return JSON.parse(execFileSync(BIN, ['report', file, '--format', 'json'], { encoding: 'utf8' }));
}

/** The summary's posture cell for a class of the engine's report. */
export function shownPosture(c) {
  return c.feasible ? c.posture : `none fits (closest: ${c.posture})`;
}
