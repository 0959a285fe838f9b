// Park boundary import against the real PostGIS: files built here (a GBK Shapefile in a CGCS2000 GK zone named by
// 园区名称, a GeoJSON named by park id), through the HTTP API and the CLI. The parks' boundaries are put back afterwards.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { ESRI_GK_PRJ, gaussKruger, lonLatRect, shapefileZip, type TestFeature } from '../support/gis-files';

const run = promisify(execFile);
let api: TestApi;
let base: string;
let token: string;
const tmp = mkdtempSync(join(tmpdir(), 'atlas-parks-'));
const ROOT = resolve(__dirname, '../..');
let parks: { id: number; name: string; lon: number; lat: number; geojson: string }[] = [];

async function upload(name: string, body: Buffer, query: Record<string, string> = {}) {
  const r = await fetch(`${base}/api/import/parks?${new URLSearchParams({ filename: name, ...query })}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body),
  });
  return { status: r.status, body: await r.json() };
}
const boundaries = async () => (await api.sql(`SELECT id, ST_AsGeoJSON(boundary, 9) AS g FROM park ORDER BY id`)).map((r) => `${r.id}:${r.g}`).join('|');
const parkAudits = async () => Number((await api.sql(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'park' AND action = 'import-boundary'`))[0].n);

/** A new outline for park i: a rectangle around a point inside its current boundary (true lon/lat ring). */
const truthRing = (i: number) => lonLatRect(parks[i].lon - 0.004, parks[i].lat - 0.003, 700 + 50 * i, 500);

/** Largest distance in metres from park id's stored vertices to the nearest true vertex. */
async function maxError(id: number, truth: number[][]): Promise<number> {
  const [{ d }] = await api.sql(
    `SELECT max((SELECT min(ST_Distance(v.geom::geography, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326)::geography)) FROM jsonb_to_recordset($2::jsonb) AS t(x float8, y float8))) AS d
     FROM park p, ST_DumpPoints(p.boundary) v WHERE p.id = $1`, [id, JSON.stringify(truth.map(([x, y]) => ({ x, y })))]);
  return Number(d);
}

beforeAll(async () => {
  api = await createTestApi();
  base = await api.atlas.listen(0, '127.0.0.1');
  token = (await api.atlas.auth.signIn('planner', 'atlas2026')).token;
  parks = await api.sql(`SELECT id, name, ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat, ST_AsGeoJSON(boundary, 15) AS geojson
    FROM park WHERE parent_park_id IS NULL ORDER BY id LIMIT 3`);
  expect(parks.length).toBe(3);
});
afterAll(async () => {
  for (const p of parks) await api.sql(`UPDATE park SET boundary = ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) WHERE id = $1`, [p.id, p.geojson]);
  await new Promise<void>((r) => api.atlas.httpServer.close(() => r()));
  await api.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('park boundary import', () => {
  // Zone 39 (central meridian 117°E) with the zone number in the false easting; names in a GBK table.
  const gk = (ring: number[][]) => ring.map(([lon, lat]) => gaussKruger(lon, lat, 117, 39_500_000));
  const file = () => shapefileZip('园区边界', [
    { props: { YQMC: parks[0].name }, rings: [gk(truthRing(0))] },
    { props: { YQMC: parks[1].name }, rings: [gk(truthRing(1))] },
    { props: { YQMC: '不存在的园区' }, rings: [gk(truthRing(2))] },
    { props: { YQMC: parks[0].name }, rings: [gk(truthRing(2))] },
    // A bow tie: self-intersecting.
    { props: { YQMC: parks[2].name }, rings: [gk([[parks[2].lon, parks[2].lat], [parks[2].lon + 0.004, parks[2].lat + 0.003], [parks[2].lon + 0.004, parks[2].lat], [parks[2].lon, parks[2].lat + 0.003], [parks[2].lon, parks[2].lat]])] },
  ] as TestFeature[], { prj: ESRI_GK_PRJ(117, true), encoding: 'gbk' });

  it('reports every bad feature by feature and field; a dry run and a run with problems write nothing', async () => {
    const before = await boundaries();
    const audits = await parkAudits();
    const dry = await upload('园区边界.zip', await file(), { dryRun: 'true' });
    expect(dry.status).toBe(200);
    expect(dry.body.crs).toMatchObject({ srid: 4527 });
    expect(dry.body.encoding).toBe('gbk');
    expect(dry.body.problems.map((p: any) => [p.feature, p.field, p.problem])).toEqual([
      [3, 'YQMC', 'UNKNOWN_PARK'], [4, 'YQMC', 'DUPLICATE_CODE'], [5, 'geometry', 'SELF_INTERSECTING'],
    ]);
    expect(dry.body.features.map((f: any) => [f.feature, f.parkId, f.action])).toEqual([
      [1, parks[0].id, 'update'], [2, parks[1].id, 'update'], [3, null, 'skip'], [4, parks[0].id, 'skip'], [5, parks[2].id, 'skip'],
    ]);
    expect(dry.body.summary).toMatchObject({ total: 5, valid: 2, invalid: 3, imported: 0, written: false });
    const refused = await upload('园区边界.zip', await file());
    expect(refused.body.summary.written).toBe(false);
    expect(await boundaries()).toBe(before);
    expect(await parkAudits()).toBe(audits);
  });

  it('writes the valid boundaries in one go with --skip-invalid, within 0.5 m, audited; the same file again changes nothing', async () => {
    const audits = await parkAudits();
    const r = await upload('园区边界.zip', await file(), { skipInvalid: 'true' });
    expect(r.body.summary).toMatchObject({ imported: 2, skipped: 3, updated: 2, unchanged: 0, written: true });
    expect(await maxError(parks[0].id, truthRing(0))).toBeLessThan(0.5);
    expect(await maxError(parks[1].id, truthRing(1))).toBeLessThan(0.5);
    expect(await parkAudits()).toBe(audits + 2);
    const [row] = await api.sql(`SELECT actor_name, before, after FROM audit_log WHERE entity = 'park' AND entity_id = $1 AND action = 'import-boundary' ORDER BY id DESC LIMIT 1`, [String(parks[0].id)]);
    expect(row.actor_name).toBe('planner');
    expect(row.after.file).toBe('园区边界.zip');
    const snapshot = await boundaries();
    const again = await upload('园区边界.zip', await file(), { skipInvalid: 'true' });
    expect(again.body.summary).toMatchObject({ imported: 2, updated: 0, unchanged: 2 });
    expect(await boundaries()).toBe(snapshot);
    expect(await parkAudits()).toBe(audits + 2);
  });

  it('matches by park id in a WGS 84 GeoJSON, refuses an id whose name differs, and refuses read-only callers', async () => {
    const ring = truthRing(2);
    const gj = (props: Record<string, unknown>) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    const wrong = await upload('p.geojson', gj({ PARK_ID: parks[2].id, YQMC: parks[1].name }), { dryRun: 'true' });
    expect(wrong.body.problems.map((p: any) => p.problem)).toEqual(['UNKNOWN_PARK']);
    const ok = await upload('p.geojson', gj({ PARK_ID: parks[2].id }));
    expect(ok.body.summary).toMatchObject({ updated: 1, written: true });
    expect(await maxError(parks[2].id, ring)).toBeLessThan(0.5);
    const bureau = (await api.atlas.auth.signIn('bureau', 'atlas2026')).token;
    const denied = await fetch(`${base}/api/import/parks?filename=p.geojson`, { method: 'POST', body: new Uint8Array(gj({ PARK_ID: parks[2].id })), headers: { authorization: `Bearer ${bureau}` } });
    expect(denied.status).toBe(403);
  });
});

describe('pnpm atlas import parks', () => {
  it('prints one line per problem and the summary; a dry run writes nothing, a real run writes', async () => {
    const cli = join(ROOT, 'server/dist/cli/atlas.js');
    const feats: TestFeature[] = [
      { props: { NAME: parks[1].name }, rings: [lonLatRect(parks[1].lon - 0.003, parks[1].lat - 0.002, 400, 300).map(([a, b]) => gaussKruger(a, b, 117, 500_000))] },
      { props: { NAME: '没有这个园区' }, rings: [lonLatRect(parks[1].lon, parks[1].lat, 100, 100).map(([a, b]) => gaussKruger(a, b, 117, 500_000))] },
    ];
    const path = join(tmp, 'parks.zip');
    writeFileSync(path, await shapefileZip('parks', feats, { prj: ESRI_GK_PRJ(117, false), encoding: 'utf8' }));
    const env = { ...process.env, DATABASE_URL: process.env.ATLAS_TEST_DATABASE_URL! };
    const before = await boundaries();
    const dry = await run('node', [cli, 'import', 'parks', path, '--dry-run'], { env }).catch((e) => e);
    expect(dry.stdout).toMatch(/feature 2 \(没有这个园区\) NAME: UNKNOWN_PARK/);
    expect(dry.stdout.trim().split('\n').at(-1)).toBe('imported 0, skipped 2');
    const refused = await run('node', [cli, 'import', 'parks', path], { env }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(await boundaries()).toBe(before);
    const ok = await run('node', [cli, 'import', 'parks', path, '--skip-invalid'], { env });
    expect(ok.stdout).toMatch(/updated 1, unchanged 0/);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('imported 1, skipped 1');
    expect(await boundaries()).not.toBe(before);
  });
});
