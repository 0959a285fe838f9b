import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../db/src';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
let base: string;
const get = (path: string, headers: Record<string, string> = { 'x-api-key': DEMO_API_KEY }) => fetch(`${base}${path}`, { headers });

beforeAll(async () => {
  api = await createTestApi();
  base = await api.atlas.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await new Promise<void>((r) => api.atlas.httpServer.close(() => r()));
  await api.close();
});

describe('OGC API Features', () => {
  it('needs credentials', async () => {
    const r = await get('/ogc/collections', {});
    expect(r.status).toBe(401);
    expect((await r.json()).code).toBe('UNAUTHENTICATED');
  });

  it('lists the collections with extents', async () => {
    const body = await (await get('/ogc/collections')).json();
    const ids = body.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(['regions', 'parks', 'parcels', 'factory-buildings', 'projects', 'enterprises']);
    const parks = body.collections.find((c: { id: string }) => c.id === 'parks');
    const [minx, miny, maxx, maxy] = parks.extent.spatial.bbox[0];
    expect(minx).toBeGreaterThan(114);
    expect(maxx).toBeLessThan(117.5);
    expect(miny).toBeLessThan(maxy);
  });

  it('returns GeoJSON items filtered by bbox exactly as PostGIS intersects them', async () => {
    const bbox = [115.5, 34.3, 115.8, 34.5];
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM parcel WHERE ST_Intersects(geom, ST_MakeEnvelope($1,$2,$3,$4,4326))`, bbox);
    const r = await get(`/ogc/collections/parcels/items?limit=10000&bbox=${bbox.join(',')}`);
    expect(r.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const fc = await r.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.numberMatched).toBe(n);
    expect(fc.features).toHaveLength(n);
    expect(n).toBeGreaterThan(0);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    expect(fc.features[0].properties).toHaveProperty('landUse');
  });

  it('pages with limit/offset and a next link, and filters by property', async () => {
    const fc = await (await get('/ogc/collections/enterprises/items?limit=5&isLocal=true')).json();
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM enterprise WHERE is_local`);
    expect(fc.numberMatched).toBe(n);
    expect(fc.numberReturned).toBe(5);
    expect(fc.features.every((f: { properties: { isLocal: boolean } }) => f.properties.isLocal)).toBe(true);
    expect(fc.links.some((l: { rel: string; href: string }) => l.rel === 'next' && l.href.includes('offset=5'))).toBe(true);
  });

  it('rejects bad parameters with a code and unknown collections with 404', async () => {
    expect((await get('/ogc/collections/parks/items?bbox=1,2,3')).status).toBe(400);
    expect((await get('/ogc/collections/parks/items?limit=0')).status).toBe(400);
    expect((await get('/ogc/collections/parks/items?level=galactic')).status).toBe(400);
    const r = await get('/ogc/collections/unicorns/items');
    expect(r.status).toBe(404);
    expect((await r.json()).code).toBe('NOT_FOUND');
  });

  it('serves one feature by id', async () => {
    const [p] = await api.sql(`SELECT id, name FROM park ORDER BY id LIMIT 1`);
    const f = await (await get(`/ogc/collections/parks/items/${p.id}`)).json();
    expect(f.properties.name).toBe(p.name);
    expect((await get('/ogc/collections/parks/items/99999999')).status).toBe(404);
  });
});
