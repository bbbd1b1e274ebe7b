// Makes this build's service worker: lists every file of the build (not the .gz/.br copies,
// not the worker itself), hashes their names and contents into a version, and writes
// public/sw.js with both filled in to the site's root as sw.js (a worker controls only
// the pages under its own folder). Run by Trunk as a post_build hook (Trunk.toml) before
// scripts/precompress.mjs, so the worker gets its compressed copies too.
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';

const root = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!root) {
  console.error('usage: node scripts/offline.mjs DIR (or TRUNK_STAGING_DIR)');
  process.exit(2);
}
const TEMPLATE = join(root, 'public', 'sw.js');

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.startsWith('.')) continue; // e.g. Trunk's .stage in a dist/ being rebuilt
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!/\.(gz|br)$/.test(name)) yield path;
  }
}

const template = readFileSync(TEMPLATE, 'utf8');
rmSync(TEMPLATE); // only the filled-in copy is served
const hash = createHash('sha256');
const list = [];
for (const path of files(root)) {
  const name = relative(root, path).split(sep).join('/');
  if (name === 'sw.js') continue;
  list.push(name);
  hash.update(`${name}\0`).update(createHash('sha256').update(readFileSync(path)).digest());
}
const version = hash.digest('hex').slice(0, 16);
const worker = template
  .replace("'__MERIDIAN_BUILD__'", JSON.stringify(version))
  .replace('/* __MERIDIAN_FILES__ */', list.map((f) => JSON.stringify(f)).join(', '));
if (worker === template || worker.includes('__MERIDIAN_')) {
  console.error('scripts/offline.mjs: public/sw.js lost its placeholders');
  process.exit(1);
}
writeFileSync(join(root, 'sw.js'), worker);
console.log(`service worker ${version}: ${list.length} files`);
