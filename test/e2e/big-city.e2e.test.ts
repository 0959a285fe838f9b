/// <reference lib="dom" />
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, seedDemo } from '../../db/src';
import { createAtlas } from '../../server/src/app';
import { REPO_ROOT, loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { ENTITIES } from '../../server/src/entities';
import { ADMIN_DATABASE_URL, TEST_DATABASE, databaseUrl } from '../support/database-url';
import { SHOTS, STEP_TIMEOUT, launchChromium, signIn, waitForIdle } from './helpers';

// A city larger than the old 10,000-feature GeoJSON cap, seeded into its own database: the map draws every
// parcel from vector tiles. Scale 18 of the demo generator gives 10,800 parcels (600 per unit of scale).
const BIG_DB = `${TEST_DATABASE}_big`;
const SCALE = 18;

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;
let page: Page;
let parcels = 0;
let parcelGeoJsonRequests = 0;
let parcelTiles = 0;

beforeAll(async () => {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BIG_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BIG_DB}`);
  await admin.end();
  const c = new Client({ connectionString: databaseUrl(BIG_DB) });
  await c.connect();
  try {
    const sql = { query: async (t: string, p?: unknown[]) => (await c.query(t, p)).rows, exec: async (s: string) => { await c.query(s); } };
    await migrate(sql);
    await seedDemo(sql, { scale: SCALE });
    parcels = (await c.query('SELECT count(*)::int AS n FROM parcel')).rows[0].n;
  } finally {
    await c.end();
  }
  const url = databaseUrl(BIG_DB);
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'test-secret', ATLAS_WEB_DIST: join(REPO_ROOT, 'web', 'dist') }), seed: 'never' as const };
  const db = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 4, entities: ENTITIES });
  const atlas = await createAtlas(config, db);
  const base = await atlas.listen(0, '127.0.0.1');
  server = { url: base, stop: async () => { await atlas.stop(); atlas.httpServer.closeAllConnections(); await db.close(); } };
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  page.on('request', (r) => { if (r.url().includes('/ogc/collections/parcels/items')) parcelGeoJsonRequests++; });
  page.on('response', (r) => { if (/\/tiles\/parcels\/\d+\/\d+\/\d+\.mvt/.test(r.url()) && r.status() === 200) parcelTiles++; });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BIG_DB} WITH (FORCE)`);
  await admin.end();
});

describe('a city of more than 10,000 parcels', () => {
  it('draws every parcel from vector tiles when the whole city is in view', async () => {
    expect(parcels).toBeGreaterThan(10_000);
    await page.goto(server.url);
    await signIn(page, 'planner');
    await page.waitForFunction(() => !!window.__atlasMap?.getLayer('parcels-fill'), undefined, { timeout: 60_000 });
    const bounds = await page.evaluate(async () => {
      const res = await fetch('/ogc/collections/parcels', { headers: { authorization: `Bearer ${localStorage.getItem('atlas.token') ?? ''}` } });
      return res.ok ? (await res.json()).extent.spatial.bbox[0] : null;
    });
    const bbox = bounds ?? [115.03, 33.86, 116.57, 34.69];
    await page.evaluate((b) => (window.__atlasMap as any).fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 20, duration: 0 }), bbox);
    await page.waitForFunction(() => (window.__atlasMap as any).areTilesLoaded?.() ?? true, undefined, { timeout: 120_000 });
    await waitForIdle(page);
    // Tiles holding more than 1,500 parcels draw cells (squares with the count of their parcels, no id) instead:
    // every parcel is drawn or counted in a cell. A cell at a tile edge is drawn by both tiles, so the sum may exceed.
    const { drawn, cells, accounted } = await page.evaluate(() => {
      const features = window.__atlasMap!.queryRenderedFeatures({ layers: ['parcels-fill'] });
      const ids = new Set(features.filter((f) => f.id !== undefined).map((f) => String(f.id)));
      const squares = features.filter((f) => f.id === undefined && typeof f.properties.count === 'number');
      return { drawn: ids.size, cells: squares.length, accounted: ids.size + squares.reduce((s, f) => s + (f.properties.count as number), 0) };
    });
    // Points off, so the screenshot shows the parcels themselves.
    for (const id of ['projects', 'enterprises', 'factory-buildings']) await page.getByTestId(`legend-toggle-${id}`).uncheck();
    await waitForIdle(page);
    await page.screenshot({ path: `${SHOTS}big-city-tiles.png` });
    expect(drawn + cells).toBeGreaterThan(0);
    expect(accounted).toBeGreaterThanOrEqual(parcels);
    expect(accounted).toBeLessThan(parcels * 1.25);
    const source = await page.evaluate(() => (window.__atlasMap as any).getSource('parcels').type);
    expect(source).toBe('vector');
    // Drawn from parcel tiles, never from the capped GeoJSON items.
    expect(parcelTiles).toBeGreaterThan(0);
    expect(parcelGeoJsonRequests).toBe(0);
  }, STEP_TIMEOUT * 2);
});
