// A static server for dist/ that sends a file's precompressed copy when the browser accepts
// it (`.br` first, then `.gz`), as a static host configured per README "Deploying" does.
// Remembers the encoding it last sent per file extension, for the test to check.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { TYPES } from './server.mjs';

const COPIES = [['br', '.br'], ['gzip', '.gz']];

export async function servePrecompressed(root) {
  const sent = {};
  const server = createServer(async (req, res) => {
    let file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(normalize(root))) return res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const accepted = req.headers['accept-encoding'] ?? '';
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', vary: 'accept-encoding' };
      let body = null;
      for (const [encoding, suffix] of COPIES) {
        if (!accepted.includes(encoding)) continue;
        body = await readFile(file + suffix).catch(() => null);
        if (body) {
          headers['content-encoding'] = encoding;
          break;
        }
      }
      body ??= await readFile(file);
      sent[extname(file)] = headers['content-encoding'] ?? 'identity';
      res.writeHead(200, headers).end(body);
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
