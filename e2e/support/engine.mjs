// The native `meridian` CLI, to check that what the browser shows is what the engine says.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Where cargo puts it: CARGO_TARGET_DIR when set (as `cargo test` before the e2e layer used).
const BIN = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug/meridian');

/** The JSON report the engine gives for `planJson` (a string). */
export function engineReport(planJson) {
  if (!existsSync(BIN)) execFileSync('cargo', ['build', '--quiet', '--bin', 'meridian'], { cwd: ROOT, stdio: 'inherit' });
  const file = join(mkdtempSync(join(tmpdir(), 'meridian-')), 'plan.json');
  writeFileSync(file, planJson);
  return JSON.parse(execFileSync(BIN, ['report', file, '--format', 'json'], { encoding: 'utf8' }));
}

// Requirement slugs in the report JSON as the page names them (src/present/names.rs).
const REQUIREMENT = {
  residency: 'residency', applicability: 'applicability', conflicts: 'conflicts',
  consistency: 'consistency', rpo: 'RPO', rto: 'RTO', 'write-latency': 'write p99', 'read-latency': 'read p99',
};

/** The summary's posture cell for a class of the engine's report. */
export function shownPosture(c) {
  if (c.pin) {
    const broken = c.pin.breaks.map((r) => REQUIREMENT[r]);
    const breaks = broken.length ? `; breaks ${broken.join(', ')}` : '';
    return `${c.posture} (pinned${breaks}; the engine would choose ${c.pin.engine_choice})`;
  }
  return c.feasible ? c.posture : `none fits (closest ${c.posture})`;
}
