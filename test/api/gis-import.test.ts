// GIS import and export against the real PostGIS: files built here (Shapefiles in CGCS2000 GK zones with and without
// the zone number, a .prj without an EPSG code, GBK and UTF-8 tables, broken rows), through the HTTP API and the CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { ESRI_GK_PRJ, gaussKruger, lonLatRect, shapefileZip, toGcj02, type TestFeature } from '../support/gis-files';

const run = promisify(execFile);
let api: TestApi;
let base: string;
let token: string;
const tmp = mkdtempSync(join(tmpdir(), 'atlas-gis-'));
const ROOT = resolve(__dirname, '../..');

// Ground truth in lon/lat, inside the city (north-east of the demo parks), 10 parcels of 100 m × 80 m.
const TRUTH = Array.from({ length: 6 }, (_, i) => ({ code: `GK-T-${String(i + 1).padStart(2, '0')}`, ring: lonLatRect(115.80 + i * 0.0015, 34.62, 100, 80) }));

function gkFeatures(codes: string[], cm: number, fe: number, props: (i: number) => Record<string, string | number | null>): TestFeature[] {
  return TRUTH.slice(0, codes.length).map((t, i) => ({ props: { DKBH: codes[i], ...props(i) }, rings: [t.ring.map(([lon, lat]) => gaussKruger(lon, lat, cm, fe))] }));
}

async function upload(name: string, body: Buffer, query: Record<string, string> = {}) {
  const r = await fetch(`${base}/api/import/parcels?${new URLSearchParams({ filename: name, ...query })}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body),
  });
  return { status: r.status, body: await r.json() };
}
const countCodes = async (like: string) => Number((await api.sql(`SELECT count(*)::int AS n FROM parcel WHERE code LIKE $1`, [like]))[0].n);
const auditCount = async () => Number((await api.sql(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'parcel'`))[0].n);

/** Largest distance in metres between stored vertices and the true lon/lat ones, per code. */
async function maxError(codes: string[], truth: number[][][]): Promise<number> {
  const rows = await api.sql(`SELECT code, ST_AsGeoJSON(geom, 12)::json AS g FROM parcel WHERE code = ANY($1) ORDER BY code`, [codes]);
  expect(rows.length).toBe(codes.length);
  let worst = 0;
  for (const [i, r] of rows.entries()) {
    const stored: number[][] = r.g.coordinates[0][0];
    const want = truth[i];
    for (const p of stored) {
      const [{ d }] = await api.sql(
        `SELECT min(ST_Distance(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography)) AS d
         FROM jsonb_to_recordset($3::jsonb) AS t(x float8, y float8)`, [p[0], p[1], JSON.stringify(want.map(([x, y]) => ({ x, y })))]);
      worst = Math.max(worst, Number(d));
    }
  }
  return worst;
}

beforeAll(async () => {
  api = await createTestApi();
  base = await api.atlas.listen(0, '127.0.0.1');
  token = (await api.atlas.auth.signIn('planner', 'atlas2026')).token;
});
afterAll(async () => {
  await api.sql(`DELETE FROM parcel WHERE code LIKE 'GK-%'`);
  await new Promise<void>((r) => api.atlas.httpServer.close(() => r()));
  await api.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('GIS import', () => {
  const zoneCodes = TRUTH.map((t) => t.code);

  it('reads a GK zone-39 Shapefile with the zone number, a .prj without EPSG and a GBK table: dry run writes nothing', async () => {
    const file = await shapefileZip('地块', gkFeatures(zoneCodes, 117, 39_500_000, (i) => ({ YDXZ: ['一类工业用地', '二类工业用地', '物流仓储用地', 'M1', 'W', '商业用地'][i], ZT: ['可供', '已供', '储备', '建成', '在建', '闲置'][i], RJL: '1.5', YQMC: '' })),
      { prj: ESRI_GK_PRJ(117, true), encoding: 'gbk' });
    const before = await auditCount();
    const r = await upload('地块.zip', file, { dryRun: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.crs).toMatchObject({ srid: 4527, source: 'prj-params' });
    expect(r.body.encoding).toBe('gbk');
    expect(r.body.problems).toEqual([]);
    expect(r.body.features.map((f: any) => [f.code, f.landUse, f.supplyStatus, f.action])).toEqual([
      ['GK-T-01', 'M1', 'available', 'create'], ['GK-T-02', 'M2', 'supplied', 'create'], ['GK-T-03', 'W', 'reserve', 'create'],
      ['GK-T-04', 'M1', 'built', 'create'], ['GK-T-05', 'W', 'under_construction', 'create'], ['GK-T-06', 'B', 'idle', 'create'],
    ]);
    expect(r.body.features[0].geometry.type).toBe('MultiPolygon');
    expect(r.body.summary).toMatchObject({ total: 6, valid: 6, imported: 0, written: false });
    expect(await countCodes('GK-T-%')).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('imports it within 0.5 m of the true positions, audited; the same file again changes nothing', async () => {
    const file = await shapefileZip('地块', gkFeatures(zoneCodes, 117, 39_500_000, (i) => ({ YDXZ: 'M1', ZT: i % 2 ? '可供' : '已供', RJL: '1.5' })), { prj: ESRI_GK_PRJ(117, true), encoding: 'gbk' });
    const before = await auditCount();
    const r = await upload('地块.zip', file);
    expect(r.body.summary).toMatchObject({ imported: 6, skipped: 0, created: 6, written: true });
    expect(await countCodes('GK-T-%')).toBe(6);
    expect(await auditCount()).toBe(before + 6);
    expect(await maxError(zoneCodes, TRUTH.map((t) => t.ring))).toBeLessThan(0.5);
    const again = await upload('地块.zip', file);
    expect(again.body.summary).toMatchObject({ imported: 6, created: 0, updated: 0, unchanged: 6 });
    expect(await auditCount()).toBe(before + 6);
  });

  it('reads a zone without the zone number (false easting 500 000 m) and a UTF-8 table with a .cpg, updating changed parcels', async () => {
    const file = await shapefileZip('parcels', gkFeatures(zoneCodes.slice(0, 3), 117, 500_000, () => ({ YDXZ: '二类工业用地', ZT: '在建', RJL: '2.0' })), { prj: ESRI_GK_PRJ(117, false), cpg: 'UTF-8', encoding: 'utf8' });
    const r = await upload('parcels.zip', file);
    expect(r.body.crs).toMatchObject({ srid: 4548 });
    expect(r.body.encoding).toBe('utf-8');
    expect(r.body.summary).toMatchObject({ imported: 3, updated: 3, created: 0 });
    const rows = await api.sql(`SELECT land_use::text AS u, supply_status::text AS s, floor_area_ratio::float8 AS far FROM parcel WHERE code = ANY($1)`, [zoneCodes.slice(0, 3)]);
    expect(rows.every((x: any) => x.u === 'M2' && x.s === 'under_construction' && x.far === 2)).toBe(true);
    expect(await maxError(zoneCodes.slice(0, 3), TRUTH.slice(0, 3).map((t) => t.ring))).toBeLessThan(0.5);
  });

  it('reports every bad row by feature and field, writes nothing without --skip-invalid, and the valid ones with it', async () => {
    const gk = (ring: number[][]) => ring.map(([lon, lat]) => gaussKruger(lon, lat, 117, 39_500_000));
    const ok = lonLatRect(115.82, 34.63, 60, 60);
    const [[x0, y0], , [x1, y1]] = gk(ok);
    const bowtie = [[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]];
    const feats: TestFeature[] = [
      { props: { DKBH: 'GK-B-01', YDXZ: 'M1', RJL: '1.2' }, rings: [gk(lonLatRect(115.83, 34.63, 60, 60))] },
      { props: { DKBH: 'GK-B-02', YDXZ: 'M1', RJL: '1.2' }, rings: [bowtie] },
      { props: { DKBH: 'GK-B-03', YDXZ: '火星用地', RJL: '1.2' }, rings: [gk(lonLatRect(115.84, 34.63, 60, 60))] },
      { props: { DKBH: 'GK-B-01', YDXZ: 'M1', RJL: '1.2' }, rings: [gk(lonLatRect(115.85, 34.63, 60, 60))] },
      { props: { DKBH: '', YDXZ: 'M1', RJL: '1.2' }, rings: [gk(lonLatRect(115.86, 34.63, 60, 60))] },
      { props: { DKBH: 'GK-B-06', YDXZ: 'M1', RJL: 'abc' }, rings: [gk(lonLatRect(115.87, 34.63, 60, 60))] },
      { props: { DKBH: 'GK-B-07', YDXZ: 'M1', RJL: '1.2' }, rings: [gk(lonLatRect(117.4, 34.63, 60, 60))] },
      { props: { DKBH: 'GK-B-08', YDXZ: 'W', RJL: '1.0' }, rings: [gk(lonLatRect(115.88, 34.63, 60, 60))] },
    ];
    const file = await shapefileZip('broken', feats, { prj: ESRI_GK_PRJ(117, true), encoding: 'utf8' });
    const r = await upload('broken.zip', file);
    const got = r.body.problems.map((p: any) => [p.feature, p.field, p.problem]);
    expect(got).toEqual(expect.arrayContaining([
      [2, 'geometry', 'SELF_INTERSECTING'], [3, 'YDXZ', 'UNKNOWN_LAND_USE'], [4, 'DKBH', 'DUPLICATE_CODE'], [5, 'DKBH', 'MISSING_CODE'],
      [6, 'RJL', 'INVALID_VALUE'], [7, 'geometry', 'OUTSIDE_CITY'],
    ]));
    expect(new Set(r.body.problems.map((p: any) => p.feature))).toEqual(new Set([2, 3, 4, 5, 6, 7]));
    expect(r.body.summary).toMatchObject({ total: 8, valid: 2, invalid: 6, imported: 0, skipped: 8, written: false });
    expect(await countCodes('GK-B-%')).toBe(0);
    const skip = await upload('broken.zip', file, { skipInvalid: 'true' });
    expect(skip.body.summary).toMatchObject({ imported: 2, skipped: 6, created: 2, written: true });
    expect((await api.sql(`SELECT code FROM parcel WHERE code LIKE 'GK-B-%' ORDER BY code`)).map((x: any) => x.code)).toEqual(['GK-B-01', 'GK-B-08']);
  });

  it('refuses a file whose coordinate system it cannot tell, and anonymous or read-only callers', async () => {
    const file = await shapefileZip('noprj', gkFeatures(['GK-N-01'], 117, 500_000, () => ({ YDXZ: 'M1' })), { encoding: 'utf8' });
    const r = await upload('noprj.zip', file);
    expect(r.body.problems.map((p: any) => p.problem)).toEqual(['UNKNOWN_CRS']);
    const withSrid = await upload('noprj.zip', file, { srid: '4548', dryRun: 'true' });
    expect(withSrid.body.problems).toEqual([]);
    const anon = await fetch(`${base}/api/import/parcels?filename=x.zip`, { method: 'POST', body: new Uint8Array(file) });
    expect(anon.status).toBe(401);
    const bureau = (await api.atlas.auth.signIn('bureau', 'atlas2026')).token;
    const denied = await fetch(`${base}/api/import/parcels?filename=x.zip`, { method: 'POST', body: new Uint8Array(file), headers: { authorization: `Bearer ${bureau}` } });
    expect(denied.status).toBe(403);
  });

  it('converts GCJ-02 GeoJSON back to WGS 84', async () => {
    // A point captured on a GCJ-02 basemap sits some hundreds of metres off; the import shifts it back.
    const ring = lonLatRect(115.85, 34.61, 80, 80);
    const shifted = ring.map(([lon, lat]) => toGcj02(lon, lat));
    // The shift is real: hundreds of metres here.
    const [{ d }] = await api.sql(`SELECT ST_Distance(ST_MakePoint($1, $2)::geography, ST_MakePoint($3, $4)::geography) AS d`, [...ring[0], ...shifted[0]]);
    expect(Number(d)).toBeGreaterThan(100);
    const gj = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { DKBH: 'GK-G-01', YDXZ: 'M1' }, geometry: { type: 'Polygon', coordinates: [shifted] } }] };
    const r = await upload('amap.geojson', Buffer.from(JSON.stringify(gj)), { gcj02: 'true' });
    expect(r.body.summary).toMatchObject({ imported: 1 });
    expect(await maxError(['GK-G-01'], [ring])).toBeLessThan(0.5);
  });
});

describe('GeoPackage', () => {
  it('reads a GeoPackage in a GK zone (written by GDAL here)', async () => {
    const ring = lonLatRect(115.86, 34.615, 70, 70).map(([a, b]) => gaussKruger(a, b, 117, 39_500_000));
    const gj = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { DKBH: 'GK-P-01', YDXZ: 'M2', ZT: '可供' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    const src = join(tmp, 'in.geojson');
    const out = join(tmp, 'out.gpkg');
    writeFileSync(src, JSON.stringify(gj));
    await run('ogr2ogr', ['-f', 'GPKG', out, src, '-a_srs', 'EPSG:4527', '-nln', 'parcels']);
    const r = await upload('land.gpkg', (await import('node:fs')).readFileSync(out));
    expect(r.body.problems).toEqual([]);
    expect(r.body.crs.srid).toBe(4527);
    expect(r.body.summary).toMatchObject({ imported: 1, created: 1 });
    expect(await maxError(['GK-P-01'], [lonLatRect(115.86, 34.615, 70, 70)])).toBeLessThan(0.5);
  });
});

describe('GIS export', () => {
  it('round-trips: export as a zipped Shapefile in a GK zone and as GeoJSON, re-import, same parcels', async () => {
    const ids = (await api.sql(`SELECT id FROM parcel WHERE code LIKE 'GK-T-%' ORDER BY code`)).map((x: any) => x.id);
    const before = await api.sql(`SELECT code, land_use::text, supply_status::text, floor_area_ratio::float8 AS far, ST_AsGeoJSON(geom, 9) AS g FROM parcel WHERE id = ANY($1) ORDER BY code`, [ids]);
    for (const [format, srid, name] of [['shp', '4527', 'x.zip'], ['shp', '4490', 'y.zip'], ['geojson', '4326', 'z.geojson']] as const) {
      const res = await fetch(`${base}/api/export/parcels?format=${format}&srid=${srid}&ids=${ids.join(',')}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const r = await upload(name, body);
      expect(r.body.problems).toEqual([]);
      expect(r.body.summary).toMatchObject({ imported: ids.length, created: 0, updated: 0, unchanged: ids.length });
      if (format === 'shp' && existsSync('/usr/bin/ogrinfo')) {
        // GDAL, independently: the layer, its feature count and its CRS.
        const zipPath = join(tmp, `export-${srid}.zip`);
        writeFileSync(zipPath, body);
        const { stdout } = await run('ogrinfo', ['-so', '-al', `/vsizip/${zipPath}`]);
        expect(stdout).toContain(`Feature Count: ${ids.length}`);
        expect(stdout).toMatch(srid === '4527' ? /Gauss|GK|Zone 39|39500000/i : /2000/);
      }
    }
    const after = await api.sql(`SELECT code, land_use::text, supply_status::text, floor_area_ratio::float8 AS far, ST_AsGeoJSON(geom, 9) AS g FROM parcel WHERE id = ANY($1) ORDER BY code`, [ids]);
    expect(after).toEqual(before);
    const xlsx = await fetch(`${base}/api/export/parcels?format=xlsx&ids=${ids.join(',')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const buf = Buffer.from(await xlsx.arrayBuffer());
    expect(buf.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('pnpm atlas import parcels', () => {
  it('prints one line per problem and the summary, and writes nothing on a dry run', async () => {
    const cli = join(ROOT, 'server/dist/cli/atlas.js');
    const feats: TestFeature[] = [
      { props: { DKBH: 'GK-C-01', YDXZ: 'M1' }, rings: [lonLatRect(115.83, 34.625, 60, 60).map(([a, b]) => gaussKruger(a, b, 117, 39_500_000))] },
      { props: { DKBH: 'GK-C-02', YDXZ: '??' }, rings: [lonLatRect(115.84, 34.625, 60, 60).map(([a, b]) => gaussKruger(a, b, 117, 39_500_000))] },
    ];
    const path = join(tmp, 'cli.zip');
    writeFileSync(path, await shapefileZip('cli', feats, { prj: ESRI_GK_PRJ(117, true), encoding: 'utf8' }));
    const env = { ...process.env, DATABASE_URL: process.env.ATLAS_TEST_DATABASE_URL! };
    const dry = await run('node', [cli, 'import', 'parcels', path, '--dry-run'], { env }).catch((e) => e);
    expect(dry.stdout).toMatch(/feature 2 \(GK-C-02\) YDXZ: UNKNOWN_LAND_USE/);
    expect(dry.stdout.trim().split('\n').at(-1)).toBe('imported 0, skipped 2');
    expect(await countCodes('GK-C-%')).toBe(0);
    const refused = await run('node', [cli, 'import', 'parcels', path], { env }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(await countCodes('GK-C-%')).toBe(0);
    const ok = await run('node', [cli, 'import', 'parcels', path, '--skip-invalid'], { env });
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('imported 1, skipped 1');
    expect(await countCodes('GK-C-%')).toBe(1);
  });
});
