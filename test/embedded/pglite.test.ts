import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAtlas } from '../../server/src/app';
import { prepareDatabase } from '../../server/src/bootstrap';
import { loadConfig } from '../../server/src/config';

// The embedded default a newcomer gets: PGlite + PostGIS on disk, migrated and seeded on first start.
const dir = mkdtempSync(join(tmpdir(), 'atlas-pglite-'));
const config = { ...loadConfig({ ATLAS_DATA_DIR: join(dir, 'pglite'), ATLAS_TOKEN_SECRET: 'smoke' }), webDist: null };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parksInBbox() {
  const db = await prepareDatabase(config, () => undefined);
  try {
    const atlas = await createAtlas(config, db);
    const { token } = await atlas.auth.signIn('planner', 'atlas2026');
    const contextValue = await atlas.contextFor(`Bearer ${token}`);
    const res = await atlas.apollo.executeOperation({
      query: `{ parks(filter: { bbox: [115.4, 34.2, 115.9, 34.6] }) { totalCount nodes { name areaMu region { name } } } }`,
    }, { contextValue });
    await atlas.stop();
    if (res.body.kind !== 'single') throw new Error('unexpected response');
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM park WHERE ST_Intersects(boundary, ST_MakeEnvelope(115.4, 34.2, 115.9, 34.6, 4326))`);
    const [{ tz }] = await db.ds.query(`SELECT current_setting('TimeZone') AS tz`);
    return { result: res.body.singleResult, sqlCount: n as number, kind: db.kind, tz };
  } finally {
    await db.close();
  }
}

describe('embedded PGlite + PostGIS', () => {
  it('starts on an empty folder, migrates, seeds, and answers a bbox query with PostGIS', async () => {
    const { result, sqlCount, kind } = await parksInBbox();
    expect(kind).toBe('pglite');
    expect(result.errors).toBeUndefined();
    const parks = (result.data as any).parks;
    expect(parks.totalCount).toBe(sqlCount);
    expect(parks.totalCount).toBeGreaterThan(0);
    expect(parks.nodes[0].areaMu).toBeGreaterThan(0);
  }, 300_000);

  it('reuses the data on the next start without seeding again, on China time (current_date agrees with the services)', async () => {
    const { result, sqlCount, tz } = await parksInBbox();
    expect((result.data as any).parks.totalCount).toBe(sqlCount);
    expect(tz).toBe('Asia/Shanghai');
  }, 300_000);
});

describe('embedded PGlite: planners', () => {
  it('computes park capacity, finds contiguous sites and reprojects CGCS2000 Gauss-Krüger zones', async () => {
    const db = await prepareDatabase(config, () => undefined);
    try {
      const atlas = await createAtlas(config, db);
      const { token } = await atlas.auth.signIn('planner', 'atlas2026');
      const contextValue = await atlas.contextFor(`Bearer ${token}`);
      const res = await atlas.apollo.executeOperation({
        query: `{ parks(first: 50) { nodes { capacity { largestSiteMu idleMu } muYield { grade } } }
                  findSites(criteria: { landNeedMu: 300 }) { totalCount sites { kind areaMu } } }`,
      }, { contextValue });
      await atlas.stop();
      if (res.body.kind !== 'single') throw new Error('unexpected response');
      expect(res.body.singleResult.errors).toBeUndefined();
      const data = res.body.singleResult.data as any;
      expect(data.parks.nodes.some((p: any) => p.capacity.largestSiteMu > 0)).toBe(true);
      expect(data.parks.nodes.some((p: any) => p.muYield?.grade)).toBe(true);
      expect(data.findSites.sites.some((s: any) => s.kind === 'GROUP')).toBe(true);
      // Every CGCS2000 3° GK zone (EPSG:4513–4554) is known to PGlite's PostGIS too; the import relies on it.
      const [{ n }] = await db.ds.query('SELECT count(*)::int AS n FROM spatial_ref_sys WHERE srid BETWEEN 4513 AND 4554');
      expect(n).toBe(42);
      const [p] = await db.ds.query(`SELECT ST_X(g) AS x, ST_Y(g) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint(39500000, 3800000), 4527), 4326) g`);
      expect(p.x).toBeCloseTo(117, 6);
      expect(p.y).toBeGreaterThan(34.3);
    } finally {
      await db.close();
    }
  }, 300_000);
});
