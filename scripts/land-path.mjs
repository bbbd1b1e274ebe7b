// Regenerates assets/land-110m.path: Natural Earth's 1:110m land (public domain, via npm's
// world-atlas 2.0.2) as one SVG path in plain equirectangular degrees (x = lon, y = -lat),
// rounded to 0.1°, so the map component can place regions with no projection code.
// Run: node scripts/land-path.mjs > assets/land-110m.path
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/land-110m.json'), 'utf8'));
const land = feature(topo, topo.objects.land);
const r = (v) => Math.round(v * 10) / 10;
// Rings that cross the antimeridian are unwrapped into continuous longitudes and drawn a
// second time shifted by 360°, so no fill streaks across the map.
function ringPath(ring) {
  let d = '';
  let prev = '';
  ring.forEach(([lon, lat], i) => {
    const p = `${r(lon)} ${r(-lat)}`;
    if (p === prev) return;
    d += (i === 0 ? 'M' : 'L') + p;
    prev = p;
  });
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
process.stdout.write(d.replace(/ -/g, '-').replace(/L(-?[\d.]+) /g, 'L$1 ') + '\n');
