// A static file server for dist/ on loopback, so the e2e tests drive the same files a user gets.
// With `precompressed`, it sends a file's `.br` (else `.gz`) copy when the browser accepts it,
// as a static host configured per README "Deploying" does.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

const COPIES = [['br', '.br'], ['gzip', '.gz']];

/** The body and headers for `file`: its precompressed copy when asked for and accepted. */
async function body(file, accepted, precompressed) {
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
  if (precompressed) {
    headers.vary = 'accept-encoding';
    for (const [encoding, suffix] of COPIES) {
      if (!accepted.includes(encoding)) continue;
      const copy = await readFile(file + suffix).catch(() => null);
      if (copy) return { headers: { ...headers, 'content-encoding': encoding }, bytes: copy };
    }
  }
  return { headers, bytes: await readFile(file) };
}

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close, encodings }, where
 * `encodings()` says the encoding last sent per file extension.
 */
export async function serveDist(root, { precompressed = false } = {}) {
  const sent = {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { headers, bytes } = await body(file, req.headers['accept-encoding'] ?? '', precompressed);
      sent[extname(file)] = headers['content-encoding'] ?? 'identity';
      res.writeHead(200, headers);
      res.end(bytes);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    encodings: () => ({ ...sent }),
    close: () => new Promise((r) => server.close(r)),
  };
}
