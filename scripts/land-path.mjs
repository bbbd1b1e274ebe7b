// Regenerates assets/land-110m.svg: Natural Earth's 1:110m land (public domain, via npm's
// world-atlas 2.0.2) as one SVG path in plain equirectangular degrees (x = lon, y = -lat),
// rounded to 0.1°, so the map component can place regions with no projection code. The page
// fetches it as a file of its own (`<use href="land-110m.svg#land-110m">`, src/ui/map.rs):
// kept out of the wasm, cached by the browser apart from the app.
// Run: node scripts/land-path.mjs > assets/land-110m.svg
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8'));
const land = feature(topo, topo.objects.land);
// Tenths of a degree, as integers, so relative steps add up to the same rounded points.
const t = (v) => Math.round(v * 10);
// A number in tenths the short way: 12 -> "1.2", -3 -> "-.3", 0 -> "0".
const num = (n) => {
  const s = (Math.abs(n) / 10).toString().replace(/^0\./, '.');
  return (n < 0 ? '-' : '') + s;
};
// Rings that cross the antimeridian are unwrapped into continuous longitudes and drawn a
// second time shifted by 360°, so no fill streaks across the map. The first point is absolute
// (M), every other a relative step (l) from the previous rounded point: short numbers, and
// the same outline as absolute coordinates rounded to 0.1°.
function ringPath(ring) {
  let d = '';
  let prev = null;
  for (const [lon, lat] of ring) {
    const p = [t(lon), t(-lat)];
    if (prev && p[0] === prev[0] && p[1] === prev[1]) continue;
    const [x, y] = prev ? [p[0] - prev[0], p[1] - prev[1]] : p;
    const ys = num(y);
    // A number may follow the previous one without a space when it starts with "-" or "."
    // and the previous has a "." already (SVG path grammar).
    const xs = num(x);
    d += (prev ? 'l' : 'M') + xs + (ys.startsWith('-') || (ys.startsWith('.') && xs.includes('.')) ? '' : ' ') + ys;
    prev = p;
  }
  return d + 'Z';
}
function unwrap(ring) {
  const out = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    let [lon, lat] = ring[i];
    const last = out[i - 1][0];
    while (lon - last > 180) lon -= 360;
    while (lon - last < -180) lon += 360;
    out.push([lon, lat]);
  }
  return out;
}
let d = '';
for (const f of land.features ?? [land]) {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      // Antarctica lies below the map's southern edge (56° S).
      if (Math.max(...ring.map(([, lat]) => lat)) < -56) continue;
      const u = unwrap(ring);
      d += ringPath(u);
      const lons = u.map(([lon]) => lon);
      if (Math.max(...lons) > 180) d += ringPath(u.map(([lon, lat]) => [lon - 360, lat]));
      if (Math.min(...lons) < -180) d += ringPath(u.map(([lon, lat]) => [lon + 360, lat]));
    }
  }
}
const path = d;
process.stdout.write(`<svg xmlns="http://www.w3.org/2000/svg"><path id="land-110m" d="${path}"/></svg>\n`);
