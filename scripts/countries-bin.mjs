// Regenerates assets/countries-50m.bin: Natural Earth's 1:50m admin-0 countries (public
// domain, via npm's world-atlas 2.0.2, countries-50m.json) as compact quantised polygons with
// ISO 3166-1 alpha-2 codes, for src/geo/countries.rs (point in polygon: a place's country).
// Run: node scripts/countries-bin.mjs > assets/countries-50m.bin   (stats go to stderr)
//
// Layout (every integer an unsigned LEB128 varint; "z" = zig-zag signed):
//   "MC1\n"  arcs:count  { points:count  z(lon) z(lat)  then z(dlon) z(dlat) ... }
//            countries:count { 2 ASCII bytes alpha-2  polygons:count { rings:count
//            { arcs:count z(arc) } } }
// Coordinates are in units of 1/QUANTUM degree; an arc index i >= 0 is arc i as stored,
// ~i (negative) is arc i reversed (the TopoJSON convention). Borders are shared arcs, so two
// neighbours always meet on the same (simplified) line: no gap or overlap between them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));

// 0.01° (about 1.1 km at the equator): finer than the 1:50m source's own accuracy; 0.02°
// saved 5 KB gzip but put Macao in China. QUANTUM may be set to compare sizes;
// src/geo/countries.rs must use the same value.
const QUANTUM = Number(process.env.QUANTUM ?? 100);
// Douglas-Peucker tolerances in degrees: land borders 0.05° (about 5.5 km), coasts 0.2° (a
// point the coarser coast leaves at sea still takes the nearest country, the same one unless
// it is near a border). Chosen by the asset's gzip size (issue 16: 0.03°/0.1°, the earlier
// choice, 54.7 KB; 0.05°/0.2° 44.3 KB; 0.05°/0.3° 40.9 KB puts Singapore in Malaysia) and by
// the tests in src/geo/tests_places.rs: Singapore, Bahrain, Hong Kong, Macao, Luxembourg,
// cities a few km from a border, every catalog region.
const BORDER_TOLERANCE = Number(process.env.BORDER_TOLERANCE ?? 0.05);
const COAST_TOLERANCE = Number(process.env.COAST_TOLERANCE ?? 0.2);

// ISO 3166-1 numeric -> alpha-2 (ISO 3166-1, as published in the ISO Online Browsing Platform
// and the UN Statistics Division's M49 list), for every id that countries-50m.json uses.
const ALPHA2 = {
  '004': 'AF', '008': 'AL', '010': 'AQ', '012': 'DZ', '016': 'AS', '020': 'AD', '024': 'AO',
  '028': 'AG', '031': 'AZ', '032': 'AR', '036': 'AU', '040': 'AT', '044': 'BS', '048': 'BH',
  '050': 'BD', '051': 'AM', '052': 'BB', '056': 'BE', '060': 'BM', '064': 'BT', '068': 'BO',
  '070': 'BA', '072': 'BW', '076': 'BR', '084': 'BZ', '086': 'IO', '090': 'SB', '092': 'VG',
  '096': 'BN', '100': 'BG', '104': 'MM', '108': 'BI', '112': 'BY', '116': 'KH', '120': 'CM',
  '124': 'CA', '132': 'CV', '136': 'KY', '140': 'CF', '144': 'LK', '148': 'TD', '152': 'CL',
  '156': 'CN', '158': 'TW', '170': 'CO', '174': 'KM', '178': 'CG', '180': 'CD', '184': 'CK',
  '188': 'CR', '191': 'HR', '192': 'CU', '196': 'CY', '203': 'CZ', '204': 'BJ', '208': 'DK',
  '212': 'DM', '214': 'DO', '218': 'EC', '222': 'SV', '226': 'GQ', '231': 'ET', '232': 'ER',
  '233': 'EE', '234': 'FO', '238': 'FK', '239': 'GS', '242': 'FJ', '246': 'FI', '248': 'AX',
  '250': 'FR', '258': 'PF', '260': 'TF', '262': 'DJ', '266': 'GA', '268': 'GE', '270': 'GM',
  '275': 'PS', '276': 'DE', '288': 'GH', '296': 'KI', '300': 'GR', '304': 'GL', '308': 'GD',
  '316': 'GU', '320': 'GT', '324': 'GN', '328': 'GY', '332': 'HT', '334': 'HM', '336': 'VA',
  '340': 'HN', '344': 'HK', '348': 'HU', '352': 'IS', '356': 'IN', '360': 'ID', '364': 'IR',
  '368': 'IQ', '372': 'IE', '376': 'IL', '380': 'IT', '384': 'CI', '388': 'JM', '392': 'JP',
  '398': 'KZ', '400': 'JO', '404': 'KE', '408': 'KP', '410': 'KR', '414': 'KW', '417': 'KG',
  '418': 'LA', '422': 'LB', '426': 'LS', '428': 'LV', '430': 'LR', '434': 'LY', '438': 'LI',
  '440': 'LT', '442': 'LU', '446': 'MO', '450': 'MG', '454': 'MW', '458': 'MY', '462': 'MV',
  '466': 'ML', '470': 'MT', '478': 'MR', '480': 'MU', '484': 'MX', '492': 'MC', '496': 'MN',
  '498': 'MD', '499': 'ME', '500': 'MS', '504': 'MA', '508': 'MZ', '512': 'OM', '516': 'NA',
  '520': 'NR', '524': 'NP', '528': 'NL', '531': 'CW', '533': 'AW', '534': 'SX', '540': 'NC',
  '548': 'VU', '554': 'NZ', '558': 'NI', '562': 'NE', '566': 'NG', '570': 'NU', '574': 'NF',
  '578': 'NO', '580': 'MP', '583': 'FM', '584': 'MH', '585': 'PW', '586': 'PK', '591': 'PA',
  '598': 'PG', '600': 'PY', '604': 'PE', '608': 'PH', '612': 'PN', '616': 'PL', '620': 'PT',
  '624': 'GW', '626': 'TL', '630': 'PR', '634': 'QA', '642': 'RO', '643': 'RU', '646': 'RW',
  '652': 'BL', '654': 'SH', '659': 'KN', '660': 'AI', '662': 'LC', '663': 'MF', '666': 'PM',
  '670': 'VC', '674': 'SM', '678': 'ST', '682': 'SA', '686': 'SN', '688': 'RS', '690': 'SC',
  '694': 'SL', '702': 'SG', '703': 'SK', '704': 'VN', '705': 'SI', '706': 'SO', '710': 'ZA',
  '716': 'ZW', '724': 'ES', '728': 'SS', '729': 'SD', '732': 'EH', '740': 'SR', '748': 'SZ',
  '752': 'SE', '756': 'CH', '760': 'SY', '762': 'TJ', '764': 'TH', '768': 'TG', '776': 'TO',
  '780': 'TT', '784': 'AE', '788': 'TN', '792': 'TR', '795': 'TM', '796': 'TC', '800': 'UG',
  '804': 'UA', '807': 'MK', '818': 'EG', '826': 'GB', '831': 'GG', '832': 'JE', '833': 'IM',
  '834': 'TZ', '840': 'US', '850': 'VI', '854': 'BF', '858': 'UY', '860': 'UZ', '862': 'VE',
  '876': 'WF', '882': 'WS', '887': 'YE', '894': 'ZM',
};
// Features Natural Earth gives no ISO numeric code, by name: the state that administers
// them in practice (Kosovo: XK, the user-assigned code the European Commission and
// ISO-using registries use; Somaliland: Somalia; N. Cyprus: Cyprus, de jure; Indian Ocean
// Territories: Australia; Siachen Glacier: India, which holds it).
const BY_NAME = {
  Kosovo: 'XK', Somaliland: 'SO', 'N. Cyprus': 'CY', 'Indian Ocean Ter.': 'AU',
  'Siachen Glacier': 'IN',
};

const { scale, translate } = topo.transform;
let arcs = topo.arcs.map((a) => {
  let x = 0;
  let y = 0;
  return a.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
  });
});
// Rings that cross the antimeridian (Russia, Fiji, Antarctica's edge) are unwrapped into
// continuous longitudes per arc; src/geo/countries.rs shifts each arc to meet the previous one
// and closes a ring around a pole along the pole.
for (const a of arcs) {
  for (let k = 1; k < a.length; k++) {
    while (a[k][0] - a[k - 1][0] > 180) a[k][0] -= 360;
    while (a[k][0] - a[k - 1][0] < -180) a[k][0] += 360;
  }
}

function perpDist(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
function dp(pts, tol) {
  if (pts.length < 3) return pts;
  let [best, at] = [0, 0];
  for (let i = 1; i < pts.length - 1; i++) {
    const d = perpDist(pts[i], pts[0], pts[pts.length - 1]);
    if (d > best) [best, at] = [d, i];
  }
  if (best <= tol) return [pts[0], pts[pts.length - 1]];
  return [...dp(pts.slice(0, at + 1), tol).slice(0, -1), ...dp(pts.slice(at), tol)];
}
// A closed arc (a whole island) is split at its farthest point so both halves keep it.
function simplify(a, tol) {
  const closed = a.length > 3 && a[0][0] === a[a.length - 1][0] && a[0][1] === a[a.length - 1][1];
  if (!closed) return dp(a, tol);
  let [far, at] = [0, 1];
  a.forEach((p, i) => {
    const d = Math.hypot(p[0] - a[0][0], p[1] - a[0][1]);
    if (d > far) [far, at] = [d, i];
  });
  const s = [...dp(a.slice(0, at + 1), tol).slice(0, -1), ...dp(a.slice(at), tol)];
  // Keep a ring of at least 4 points (a triangle, closed) for the tiniest islands.
  return s.length >= 4 ? s : a.length >= 4 ? [a[0], a[Math.floor(a.length / 3)], a[Math.floor((2 * a.length) / 3)], a[a.length - 1]] : a;
}
const q = (v) => Math.round(v * QUANTUM);
// An arc used by two countries is a land border; one used once is a coast.
const uses = new Array(arcs.length).fill(0);
for (const g of topo.objects.countries.geometries) {
  const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
  for (const ring of polys.flat()) for (const i of ring) uses[i < 0 ? ~i : i]++;
}
arcs = arcs.map((a, i) => {
  const out = [];
  for (const [lon, lat] of simplify(a, uses[i] > 1 ? BORDER_TOLERANCE : COAST_TOLERANCE)) {
    const p = [q(lon), q(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
});

const bytes = [];
const uv = (n) => {
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    bytes.push(b);
  } while (n > 0);
};
const zv = (n) => uv(n >= 0 ? 2 * n : -2 * n - 1);
for (const c of 'MC1\n') bytes.push(c.charCodeAt(0));
uv(arcs.length);
let points = 0;
for (const a of arcs) {
  uv(a.length);
  points += a.length;
  a.forEach(([x, y], i) => {
    zv(i === 0 ? x : x - a[i - 1][0]);
    zv(i === 0 ? y : y - a[i - 1][1]);
  });
}
const geoms = topo.objects.countries.geometries.filter((g) => g.type);
uv(geoms.length);
for (const g of geoms) {
  const code = g.id === undefined ? BY_NAME[g.properties.name] : ALPHA2[g.id];
  if (!code) throw new Error(`no alpha-2 code for ${g.id} ${g.properties.name}`);
  for (const c of code) bytes.push(c.charCodeAt(0));
  const polys = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  uv(polys.length);
  for (const poly of polys) {
    uv(poly.length);
    for (const ring of poly) {
      uv(ring.length);
      ring.forEach(zv);
    }
  }
}
process.stderr.write(`countries ${geoms.length}, arcs ${arcs.length}, points ${points}, bytes ${bytes.length}, tolerance border ${BORDER_TOLERANCE}° coast ${COAST_TOLERANCE}°\n`);
process.stdout.write(Buffer.from(bytes));
