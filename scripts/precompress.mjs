// Writes a .gz (gzip -9) and a .br (brotli, quality 11) copy beside every file of the build,
// so a static host that serves precompressed files (nginx gzip_static / brotli_static, Caddy
// `file_server { precompressed br gzip }`, most CDNs) sends them without compressing on each
// request. Run by Trunk as a post_build hook (Trunk.toml) on its staging directory, so every
// `trunk build` and `trunk serve` output has them; Node's own zlib, no extra tool.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs DIR (or TRUNK_STAGING_DIR)');
  process.exit(2);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!/\.(gz|br)$/.test(name)) yield path;
  }
}

for (const path of files(root)) {
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  );
}
