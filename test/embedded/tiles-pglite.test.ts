import { ENTITIES } from '../../server/src/entities';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../support/capabilities';
import { DEMO_API_KEY, migrate, seedDemo } from '../../db/src';
import { createAtlas, type Atlas } from '../../server/src/app';
import { prepareDatabase } from '../../server/src/bootstrap';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/database';
import { TILE_LAYERS } from '../../server/src/http/tiles.layers';
import { PROBE_ST_ASMVT, TILE_BUFFER, TILE_EXTENT } from '../../server/src/http/tiles.sql';
import { ADMIN_DATABASE_URL, TEST_DATABASE, databaseUrl } from '../support/database-url';
import { decodeLayer, decodePoints, tileAt } from '../support/mvt';

// The embedded PGlite has no ST_AsMVT; its geojson-vt fallback must give the same tiles as PostgreSQL's ST_AsMVT
// on the same data: the deterministic demo city seeded into both, compared tile by tile over HTTP.
const dir = mkdtempSync(join(tmpdir(), 'atlas-pglite-tiles-'));
const PG_DB = `${TEST_DATABASE}_tiles`;
const servers: { atlas: Atlas; db: Database; url: string }[] = [];

async function serve(db: Database, config: ReturnType<typeof loadConfig>) {
  const atlas = await createAtlas(config, db);
  const url = await atlas.listen(0, '127.0.0.1');
  servers.push({ atlas, db, url });
  return url;
}

let pgUrl: string;
let liteUrl: string;
beforeAll(async () => {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_DB}`);
  await admin.end();
  const c = new Client({ connectionString: databaseUrl(PG_DB) });
  await c.connect();
  const sql = { query: async (t: string, p?: unknown[]) => (await c.query(t, p)).rows, exec: async (s: string) => { await c.query(s); } };
  await migrate(sql);
  await seedDemo(sql);
  await c.end();
  const pgConfig = { ...loadConfig({ DATABASE_URL: databaseUrl(PG_DB), ATLAS_TOKEN_SECRET: 't' }), webDist: null, seed: 'never' as const };
  pgUrl = await serve(await openDatabase({ databaseUrl: databaseUrl(PG_DB), dataDir: '/tmp/unused', poolSize: 2, entities: ENTITIES }), pgConfig);
  const liteConfig = { ...loadConfig({ ATLAS_DATA_DIR: join(dir, 'pglite'), ATLAS_TOKEN_SECRET: 't' }), webDist: null };
  liteUrl = await serve(await prepareDatabase(liteConfig, () => undefined), liteConfig);
}, 400_000);

afterAll(async () => {
  for (const s of servers) { await s.atlas.stop(); s.atlas.httpServer.closeAllConnections(); await s.db.close(); }
  rmSync(dir, { recursive: true, force: true });
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
  await admin.end();
});

const tile = async (base: string, path: string) => {
  const res = await fetch(`${base}/tiles/${path}`, { headers: { 'x-api-key': DEMO_API_KEY } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

describeNeeding('st-asmvt')('tiles on the embedded PGlite', () => {
  it('PGlite lacks ST_AsMVT, so the fallback is what serves its tiles', async () => {
    const lite = servers[1].db;
    expect(lite.kind).toBe('pglite');
    await expect(lite.ds.query(PROBE_ST_ASMVT)).rejects.toThrow();
    await expect(servers[0].db.ds.query(PROBE_ST_ASMVT)).resolves.toEqual([{ ok: true }]);
  });

  it('gives the same features and attributes as PostgreSQL for the same tiles', async () => {
    const [p] = await servers[0].db.ds.query(`SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM parcel ORDER BY id LIMIT 1) s`);
    let compared = 0;
    let cells = 0;
    for (const z of [10, 12, 14]) {
      const [, x, y] = tileAt(p.lon, p.lat, z);
      for (const layer of TILE_LAYERS) {
        const path = `${layer.id}/${z}/${x}/${y}.mvt`;
        // Features with ids (rows) and without (clusters of points below zoom 16, parcel cells), with the first point of each.
        const split = (t: Uint8Array) => {
          const points = decodePoints(t, layer.id);
          const all = (decodeLayer(t, layer.id)?.features ?? []).map((f, i) => ({ id: f.id, type: f.type, properties: f.properties, x: points[i].x, y: points[i].y }));
          return {
            rows: all.filter((f) => !Number.isNaN(f.id)).map(({ id, type, properties }) => ({ id, type, properties })).sort((a, b) => a.id - b.id),
            cells: all.filter((f) => Number.isNaN(f.id)),
          };
        };
        const [fromPg, fromLite] = [split(await tile(pgUrl, path)), split(await tile(liteUrl, path))];
        const liteIds = new Set(fromLite.rows.map((f) => f.id));
        const common = fromPg.rows.filter((f) => liteIds.has(f.id));
        for (const f of common) expect(fromLite.rows.find((g) => g.id === f.id), `${path} feature ${f.id}`).toEqual(f);
        // Features without id match by type and attributes (a cluster's count, a cell's class and count); points also
        // by position, within a tile unit (the two encoders project and round the centroid each their own way).
        const attrs = (f: { properties: Record<string, unknown> }) => JSON.stringify(Object.entries(f.properties).sort(([a], [b]) => a.localeCompare(b)));
        const unmatched = [...fromLite.cells];
        const missing: typeof unmatched = [];
        for (const f of fromPg.cells) {
          const i = unmatched.findIndex((g) => g.type === f.type && attrs(g) === attrs(f)
            && (f.type !== 1 || (Math.abs(g.x - f.x) <= 1 && Math.abs(g.y - f.y) <= 1)));
          if (i >= 0) unmatched.splice(i, 1);
          else missing.push(f);
        }
        const sameCells = fromPg.cells.length - missing.length;
        // A cluster only one encoder keeps must lie on the buffered tile's edge (a rounding apart); any other is a wrong tile.
        const onEdge = (v: number) => Math.abs(v + TILE_BUFFER) <= 1 || Math.abs(v - TILE_EXTENT - TILE_BUFFER) <= 1;
        const offEdge = [...missing, ...unmatched].filter((f) => f.type === 1 && !onEdge(f.x) && !onEdge(f.y));
        expect(offEdge, `${path} clusters only one encoder drew: PostgreSQL ${JSON.stringify(missing)}, PGlite ${JSON.stringify(unmatched)}`).toEqual([]);
        // Clippers may round a sliver at the buffered edge differently; everything else is identical.
        const most = Math.max(fromPg.rows.length + fromPg.cells.length, fromLite.rows.length + fromLite.cells.length);
        expect(common.length + sameCells, path).toBeGreaterThanOrEqual(most - 2);
        compared += common.length + sameCells;
        cells += sameCells;
      }
    }
    expect(compared).toBeGreaterThan(100);
    // The clustered zooms are compared too: the fallback's clusters are PostgreSQL's.
    expect(cells).toBeGreaterThan(10);
  }, 120_000);
});
