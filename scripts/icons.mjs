// Draws the app's install icons (public/icon-192.png, public/icon-512.png): the favicon's
// design (a blue disc crossed by a meridian, the equator and two parallels) rasterised with
// 4x4 supersampling and written as PNG with Node's zlib, so no image tool or package is needed.
// Run once after changing the design: `node scripts/icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x5f, 0xbf]; // --accent in style/main.css
const WHITE = [0xff, 0xff, 0xff];

// The favicon's strokes in its 32-unit box: straight lines and two cubic curves as polylines.
function cubic(p0, p1, p2, p3, n = 24) {
  const pts = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n, u = 1 - t;
    pts.push([0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k]));
  }
  return pts;
}
const strokes = [
  [[16, 2], [16, 30]],
  [[2, 16], [30, 16]],
  cubic([6, 8], [12, 12], [20, 12], [26, 8]),
  cubic([6, 24], [12, 20], [20, 20], [26, 24]),
];
const segments = strokes.flatMap((s) => s.slice(1).map((p, i) => [s[i], p]));

function distToSegment([x, y], [[ax, ay], [bx, by]]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** RGBA of one sample at (x, y) in the 32-unit box. */
function sample(x, y) {
  if (Math.hypot(x - 16, y - 16) > 15) return null; // a little larger than the favicon's r=14
  const onStroke = segments.some((s) => distToSegment([x, y], s) <= 1);
  return onStroke ? WHITE : BLUE;
}

function render(size) {
  const S = 4, rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const c = sample(((px + (sx + 0.5) / S) / size) * 32, ((py + (sy + 0.5) / S) / size) * 32);
        if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
      }
      if (a) row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], 1 + px * 4);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4), crc = Buffer.alloc(4), body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  len.writeUInt32BE(data.length);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), render(size));
}
