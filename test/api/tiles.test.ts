import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, itNeeding } from '../support/capabilities';
import { renderTile, tileMvtSql } from '../../server/src/http/tiles.router';
import { TILE_LAYERS } from '../../server/src/http/tiles.layers';
import { AREA_CELL_COUNT, AREA_CELL_LIMIT, AREA_FEATURES, AREA_TILE_MVT, CLUSTER_MAX_ZOOM, LIVE_CELLS, STORED_CELLS } from '../../server/src/http/tiles.sql';
import { startHttpApi, type HttpApi } from '../support/http';
import { decodeLayer, decodePoints, tileAt } from '../support/mvt';

// Vector tiles over HTTP on the seeded city: decoded with @mapbox/vector-tile and checked against SQL and the OGC features.
let h: HttpApi;
beforeAll(async () => { h = await startHttpApi(); });
afterAll(async () => { await h?.close(); });

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${h.url}${path}`, { headers });
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
};

/** A zoom-12 tile around the densest cluster of parcels. */
async function busyParcelTile(): Promise<[number, number, number]> {
  const [{ lon, lat }] = await h.api.sql(`SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM parcel ORDER BY id LIMIT 1) s`);
  return tileAt(lon, lat, 12);
}


/** Lone points and cluster counts of one point layer of a tile, with the points lying inside the tile proper (not its buffer). */
async function pointCounts(path: string, headers: Record<string, string>, layer: string) {
  const res = await fetch(`${h.url}${path}`, { headers });
  expect(res.status).toBe(200);
  const features = decodePoints(new Uint8Array(await res.arrayBuffer()), layer);
  const inside = features.filter((f) => f.x >= 0 && f.x < 4096 && f.y >= 0 && f.y < 4096);
  return {
    etag: res.headers.get('etag')!,
    features: inside,
    total: inside.reduce((s, f) => s + (Number.isNaN(f.id) ? (f.properties.count as number) : 1), 0),
    clusters: inside.filter((f) => Number.isNaN(f.id)).length,
  };
}

/** Points of a table inside tile z/x/y, by PostGIS (Web Mercator), independently of the tile code. */
async function pointsInTile(table: string, z: number, x: number, y: number, where = ''): Promise<number> {
  const [{ n }] = await h.api.sql(
    `SELECT count(*)::int AS n FROM ${table} WHERE location IS NOT NULL AND ST_Intersects(ST_Transform(location, 3857), ST_TileEnvelope($1, $2, $3)) ${where}`, [z, x, y]);
  return n;
}

describe('vector tiles', () => {
  it('serves every layer as MVT with the OGC properties, and TileJSON 3 describing it', async () => {
    const auth = await h.headers('planner');
    const [z, x, y] = await busyParcelTile();
    for (const layer of TILE_LAYERS) {
      const meta = await fetch(`${h.url}/tiles/${layer.id}.json`, { headers: auth }).then((r) => r.json());
      expect(meta.tilejson).toBe('3.0.0');
      expect(meta.tiles[0]).toBe(`${h.url}/tiles/${layer.id}/{z}/{x}/{y}.mvt`);
      expect(meta.vector_layers[0].id).toBe(layer.id);
      expect(Object.keys(meta.vector_layers[0].fields)).toContain('id');
    }
    const { res, body } = await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const layer = decodeLayer(body, 'parcels')!;
    expect(layer.extent).toBe(4096);
    const ids = new Set(layer.features.map((f) => f.id));
    // Every parcel wholly inside the tile is in it; nothing outside the buffered tile is.
    const inside: { id: number }[] = await h.api.sql(`SELECT id FROM parcel WHERE ST_Within(geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326))`, [z, x, y]);
    const near: { id: number }[] = await h.api.sql(`SELECT id FROM parcel WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326)`, [z, x, y]);
    expect(inside.length).toBeGreaterThan(0);
    for (const r of inside) expect(ids.has(r.id)).toBe(true);
    const nearIds = new Set(near.map((r) => r.id));
    for (const id of ids) expect(nearIds.has(id)).toBe(true);
    // Attributes are the OGC feature's properties (nulls left out, as MVT has no null).
    const f = layer.features.find((x) => inside.some((r) => r.id === x.id))!;
    expect(f.type).toBe(3);
    const ogc = await fetch(`${h.url}/ogc/collections/parcels/items/${f.id}`, { headers: auth }).then((r) => r.json());
    const expected = Object.fromEntries(Object.entries(ogc.properties).filter(([, v]) => v !== null));
    expect(f.properties).toEqual(expected);
    expect(f.properties).toHaveProperty('landUse');
    expect(f.properties).toHaveProperty('supplyStatus');
  });

  it('carries stage, tags and capacity figures for the theme layers', async () => {
    const auth = await h.headers('integrator');
    const [p] = await h.api.sql(`SELECT id, ST_X(location) AS lon, ST_Y(location) AS lat, stage::text AS stage FROM project WHERE location IS NOT NULL ORDER BY id LIMIT 1`);
    // Zoom 16: points are their own features there (below, they may be clustered).
    const [pz, px, py] = tileAt(p.lon, p.lat, CLUSTER_MAX_ZOOM + 1);
    const projects = decodeLayer((await get(`/tiles/projects/${pz}/${px}/${py}.mvt`, auth)).body, 'projects')!;
    const pf = projects.features.find((f) => f.id === p.id)!;
    expect(pf.type).toBe(1);
    expect(pf.properties.stage).toBe(p.stage);
    const [e] = await h.api.sql(`SELECT id, ST_X(location) AS lon, ST_Y(location) AS lat, array_to_string(tags, ',') AS tags FROM enterprise WHERE is_local AND cardinality(tags) > 1 ORDER BY id LIMIT 1`);
    const [ez, ex, ey] = tileAt(e.lon, e.lat, CLUSTER_MAX_ZOOM + 1);
    const enterprises = decodeLayer((await get(`/tiles/enterprises/${ez}/${ex}/${ey}.mvt`, auth)).body, 'enterprises')!;
    expect(enterprises.features.find((f) => f.id === e.id)!.properties.tags).toBe(e.tags);
    const [b] = await h.api.sql(`SELECT id, ST_X(location) AS lon, ST_Y(location) AS lat, vacant_floor_area_m2::float AS vacant FROM factory_building ORDER BY id LIMIT 1`);
    const [bz, bx, by] = tileAt(b.lon, b.lat, CLUSTER_MAX_ZOOM + 1);
    const buildings = decodeLayer((await get(`/tiles/factory-buildings/${bz}/${bx}/${by}.mvt`, auth)).body, 'factory-buildings')!;
    expect(buildings.features.find((f) => f.id === b.id)!.properties.vacantFloorAreaM2).toBe(b.vacant);
  });

  it('answers 304 to a current ETag and a new tile after a write to the layer, only for that layer', async () => {
    const auth = await h.headers('planner');
    const [z, x, y] = await busyParcelTile();
    const first = await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, auth);
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"parcels-v\d+-/);
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { ...auth, 'if-none-match': etag })).res.status).toBe(304);
    const otherTile = await get(`/tiles/enterprises/${z}/${x}/${y}.mvt`, auth);
    const otherEtag = otherTile.res.headers.get('etag')!;

    const parcel = decodeLayer(first.body, 'parcels')!.features[0];
    const next = parcel.properties.supplyStatus === 'idle' ? 'AVAILABLE' : 'IDLE';
    const r = await h.api.gql('planner', `mutation($id: ID!, $s: SupplyStatus!) { updateParcel(id: $id, input: { supplyStatus: $s }) { supplyStatus } }`, { id: String(parcel.id), s: next });
    expect(r.errors).toBeUndefined();

    const after = await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { ...auth, 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    expect(decodeLayer(after.body, 'parcels')!.features.find((f) => f.id === parcel.id)!.properties.supplyStatus).toBe(next.toLowerCase());
    // Other layers keep their version, so their cached tiles stay valid.
    expect((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt`, { ...auth, 'if-none-match': otherEtag })).res.status).toBe(304);
  });

  it('takes the OGC equality filters: enterprises?isLocal=true holds local enterprises only', async () => {
    const auth = await h.headers('integrator');
    const [e] = await h.api.sql(`SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM enterprise WHERE is_local ORDER BY id LIMIT 1`);
    const [z, x, y] = tileAt(e.lon, e.lat, CLUSTER_MAX_ZOOM + 1);
    const all = decodeLayer((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt`, auth)).body, 'enterprises')!.features;
    const local = decodeLayer((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt?isLocal=true`, auth)).body, 'enterprises')!.features;
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((f) => f.properties.isLocal === true)).toBe(true);
    expect(local.length).toBe(all.filter((f) => f.properties.isLocal === true).length);
    // Clustered zooms filter too: the points of a zoom-9 tile's clusters and lone points are the local ones in it.
    const [cz, cx, cy] = tileAt(e.lon, e.lat, 9);
    const points = (await pointCounts(`/tiles/enterprises/${cz}/${cx}/${cy}.mvt?isLocal=true`, auth, 'enterprises')).total;
    expect(points).toBe(await pointsInTile('enterprise', cz, cx, cy, 'AND is_local'));
    const meta = await fetch(`${h.url}/tiles/enterprises.json?isLocal=true`, { headers: auth }).then((r) => r.json());
    expect(meta.tiles[0]).toBe(`${h.url}/tiles/enterprises/{z}/{x}/{y}.mvt?isLocal=true`);
    expect((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt?isLocal=maybe`, auth)).res.status).toBe(400);
  });

  it('a rolled-back write leaves the version alone', async () => {
    const [{ version: before }] = await h.api.sql(`SELECT version FROM tile_layer_version WHERE layer = 'parks'`);
    const r = await h.api.gql('planner', `mutation { updatePark(id: "1", input: { intensityFloor: -5 }) { id } }`);
    expect(r.errors?.length).toBeGreaterThan(0);
    const [{ version: after }] = await h.api.sql(`SELECT version FROM tile_layer_version WHERE layer = 'parks'`);
    expect(after).toBe(before);
  });

  it('needs the same credentials as GraphQL', async () => {
    const [z, x, y] = await busyParcelTile();
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`)).res.status).toBe(401);
    expect((await get(`/tiles/parcels.json`)).res.status).toBe(401);
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { 'x-api-key': 'not-a-key' })).res.status).toBe(401);
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { authorization: 'Bearer nonsense' })).res.status).toBe(401);
    for (const who of ['integrator', 'liangyuan', 'chainlead'] as const) {
      expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, await h.headers(who))).res.status).toBe(200);
    }
    const auth = await h.headers('planner');
    expect((await get(`/tiles/nowhere/1/0/0.mvt`, auth)).res.status).toBe(404);
    expect((await get(`/tiles/parcels/3/9/0.mvt`, auth)).res.status).toBe(400);
  });

  it('answers a plain first tile before Express (on PostgreSQL) with the bytes and headers the router gives', async () => {
    const auth = await h.headers('planner');
    for (const layer of ['parcels', 'enterprises', 'parks']) {
      const [z, x, y] = await busyParcelTile();
      const before = h.api.atlas.tiles.answeredEarly;
      const early = await get(`/tiles/${layer}/${z}/${x}/${y}.mvt`, auth);
      expect(h.api.atlas.tiles.answeredEarly - before, layer).toBe(ENGINE === 'postgres' ? 1 : 0);
      // A query string always goes through the router (a parameter that is not a filter leaves the tile as it is).
      const routed = await get(`/tiles/${layer}/${z}/${x}/${y}.mvt?via=router`, auth);
      expect(h.api.atlas.tiles.answeredEarly - before, layer).toBe(ENGINE === 'postgres' ? 1 : 0);
      expect(early.res.status).toBe(200);
      const headers = (r: Response) => Object.fromEntries([...r.headers].filter(([k]) => !['date', 'server-timing'].includes(k)));
      expect(headers(early.res)).toEqual(headers(routed.res));
      expect(early.res.headers.get('server-timing')).toMatch(/^db;dur=[\d.]+, total;dur=[\d.]+$/);
      expect(Buffer.from(early.body).equals(Buffer.from(routed.body)), layer).toBe(true);
    }
    // Refusals are the router's: the early path writes nothing and passes them on.
    const [z, x, y] = await busyParcelTile();
    const before = h.api.atlas.tiles.answeredEarly;
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { 'x-api-key': 'not-a-key' })).res.status).toBe(401);
    expect((await get(`/tiles/parcels/${z}/${x}/${y}.mvt`, { authorization: 'Bearer nonsense' })).res.status).toBe(401);
    expect(h.api.atlas.tiles.answeredEarly).toBe(before);
  });

  it('checks the caller in the tile statement as strictly as everywhere: revoked keys, disabled accounts, 401 before 400', async () => {
    const [z, x, y] = await busyParcelTile();
    const [owner] = await h.api.sql(`SELECT id FROM app_user WHERE username = 'integrator'`);
    const created = await h.api.gql('admin', `mutation { createApiKey(input: { name: "tiles revoke", userId: "${owner.id}" }) { key apiKey { id } } }`);
    const { key, apiKey } = created.data.createApiKey;
    const path = `/tiles/parcels/${z}/${x}/${y}.mvt`;
    const first = await get(path, { 'x-api-key': key });
    expect(first.res.status).toBe(200);
    const etag = first.res.headers.get('etag')!;
    expect((await get(path, { 'x-api-key': key, 'if-none-match': etag })).res.status).toBe(304);
    expect((await h.api.gql('admin', `mutation { revokeApiKey(id: "${apiKey.id}") { id } }`)).errors).toBeUndefined();
    for (const headers of [{ 'x-api-key': key }, { 'x-api-key': key, 'if-none-match': etag }] as Record<string, string>[]) {
      const r = await get(path, headers);
      expect(r.res.status).toBe(401);
      expect(r.body.length).toBeLessThan(300);
    }
    // A bad filter value is the caller's mistake only for a caller who may ask.
    expect((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt?isLocal=maybe`, { 'x-api-key': 'not-a-key' })).res.status).toBe(401);
    expect((await get(`/tiles/enterprises/${z}/${x}/${y}.mvt?isLocal=maybe`)).res.status).toBe(401);
    // A disabled account's session stops at once, on first requests and revalidations alike.
    const auth = await h.headers('liangyuan');
    const ok = await get(path, auth);
    expect(ok.res.status).toBe(200);
    const [u] = await h.api.sql(`SELECT id FROM app_user WHERE username = 'liangyuan'`);
    await h.api.sql(`UPDATE app_user SET disabled = true WHERE id = $1`, [u.id]);
    try {
      expect((await get(path, auth)).res.status).toBe(401);
      expect((await get(path, { ...auth, 'if-none-match': ok.res.headers.get('etag')! })).res.status).toBe(401);
    } finally {
      await h.api.sql(`UPDATE app_user SET disabled = false WHERE id = $1`, [u.id]);
    }
  });

  it('labels polygons once: parks and regions tiles hold one label point per feature, in the tile that contains it', async () => {
    const auth = await h.headers('planner');
    const [p] = await h.api.sql(`SELECT id, ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat FROM park ORDER BY id LIMIT 1`);
    const [z, x, y] = tileAt(p.lon, p.lat, 15);
    const here = await get(`/tiles/parks/${z}/${x}/${y}.mvt`, auth);
    const labels = decodeLayer(here.body, 'parks-label')!;
    const label = labels.features.find((f) => f.id === p.id)!;
    expect(label.type).toBe(1);
    expect(label.properties.name).toBeDefined();
    expect(label.properties).toHaveProperty('availableMu');
    // The neighbouring tiles hold pieces of the same park but not its label.
    let pieces = 0;
    for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const body = (await get(`/tiles/parks/${z}/${x + dx}/${y + dy}.mvt`, auth)).body;
      if (decodeLayer(body, 'parks')?.features.some((f) => f.id === p.id)) pieces++;
      expect(decodeLayer(body, 'parks-label')?.features.some((f) => f.id === p.id) ?? false).toBe(false);
    }
    expect(pieces).toBeGreaterThan(0);
    const meta = await fetch(`${h.url}/tiles/regions.json?level=district`, { headers: auth }).then((r) => r.json());
    expect(meta.vector_layers.map((l: { id: string }) => l.id)).toEqual(['regions', 'regions-label']);
    // TileJSON bounds are the extent of the filtered features: the districts.
    const [e] = await h.api.sql(`SELECT ST_XMin(x) AS x0, ST_YMax(x) AS y1 FROM (SELECT ST_Extent(boundary)::geometry AS x FROM region WHERE level = 'district') s`);
    expect(meta.bounds[0]).toBeCloseTo(e.x0, 6);
    expect(meta.bounds[3]).toBeCloseTo(e.y1, 6);
  });

  it('bumps the parks layer on a parcel write too: park tiles carry figures computed from parcels', async () => {
    const version = async (layer: string) => Number((await h.api.sql(`SELECT version FROM tile_layer_version WHERE layer = $1`, [layer]))[0].version);
    const [parcel] = await h.api.sql(`SELECT id, supply_status::text AS s FROM parcel WHERE park_id IS NOT NULL ORDER BY id LIMIT 1`);
    const [parks, parcels, projects] = [await version('parks'), await version('parcels'), await version('projects')];
    const next = parcel.s === 'idle' ? 'AVAILABLE' : 'IDLE';
    const r = await h.api.gql('planner', `mutation($id: ID!, $s: SupplyStatus!) { updateParcel(id: $id, input: { supplyStatus: $s }) { id } }`, { id: String(parcel.id), s: next });
    expect(r.errors).toBeUndefined();
    expect(await version('parks')).toBeGreaterThan(parks);
    expect(await version('parcels')).toBeGreaterThan(parcels);
    expect(await version('projects')).toBe(projects);
  });

  itNeeding('st-asmvt')('the geojson-vt fallback (used on PGlite) cuts the same features and attributes as ST_AsMVT', async () => {
    const [z0, x0, y0] = await busyParcelTile();
    let compared = 0;
    for (const [z, x, y] of [[z0, x0, y0], [z0 - 2, x0 >> 2, y0 >> 2], [z0 + 2, x0 * 4 + 1, y0 * 4 + 1]]) {
      // Labelled layers (regions, parks) also hold their label points in "<layer>-label".
      for (const [layer, name] of TILE_LAYERS.flatMap((l) => [[l, l.id] as const, ...(l.labels ? [[l, `${l.id}-label`] as const] : [])])) {
        const a = decodeLayer(await renderTile(h.api.db.ds, 'st_asmvt', layer, z, x, y), name);
        const b = decodeLayer(await renderTile(h.api.db.ds, 'geojson-vt', layer, z, x, y), name);
        // Clusters (point layers below zoom 16) have no id: compare their counts, and the features with ids one by one.
        const counts = (l: typeof a) => (l?.features ?? []).filter((f) => Number.isNaN(f.id)).map((f) => f.properties.count as number).sort((p, q) => p - q);
        expect(counts(b), `${name} clusters ${z}/${x}/${y}`).toEqual(counts(a));
        const norm = (l: typeof a) => (l?.features ?? []).filter((f) => !Number.isNaN(f.id)).map((f) => ({ id: f.id, type: f.type, properties: f.properties })).sort((p, q) => p.id - q.id);
        const [na, nb] = [norm(a), norm(b)];
        // Both clip at the same buffered edge; a sliver may survive one clipper's rounding and not the other's.
        const ids = (l: typeof na) => new Set(l.map((f) => f.id));
        const common = na.filter((f) => ids(nb).has(f.id));
        expect(common.length, `${name} ${z}/${x}/${y}`).toBeGreaterThanOrEqual(Math.max(na.length, nb.length) - 2);
        for (const f of common) expect(nb.find((g) => g.id === f.id), `${name} feature ${f.id}`).toEqual(f);
        compared += common.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('clusters point layers below zoom 16: one feature per grid cell with the count of its points, lone points as themselves', async () => {
    const auth = await h.headers('planner');
    const [e] = await h.api.sql(`SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM enterprise WHERE is_local ORDER BY id LIMIT 1`);
    let clusters = 0;
    for (const zoom of [8, 10, 12, CLUSTER_MAX_ZOOM]) {
      const [z, x, y] = tileAt(e.lon, e.lat, zoom);
      for (const [layer, table] of [['enterprises', 'enterprise'], ['projects', 'project'], ['factory-buildings', 'factory_building']]) {
        const t = await pointCounts(`/tiles/${layer}/${z}/${x}/${y}.mvt`, auth, layer);
        expect(t.total, `${layer} ${z}/${x}/${y}`).toBe(await pointsInTile(table, z, x, y));
        // Cells are 256 tile units: at most 16 × 16 features in the tile proper, and the lone points carry their properties.
        expect(t.features.length).toBeLessThanOrEqual(256);
        for (const f of t.features.filter((g) => !Number.isNaN(g.id))) expect(f.properties.id).toBe(f.id);
        clusters += t.clusters;
      }
    }
    expect(clusters).toBeGreaterThan(10);
    // Per cell, against PostGIS: a zoom-10 tile's cells hold the counts SQL finds when it groups the points by 256-unit cell.
    const [z, x, y] = tileAt(e.lon, e.lat, 10);
    const cells: { n: number }[] = await h.api.sql(`
      SELECT count(*)::int AS n FROM (SELECT ST_Transform(location, 3857) AS m FROM enterprise WHERE location IS NOT NULL) s
      WHERE ST_Intersects(m, ST_TileEnvelope($1, $2, $3))
      GROUP BY floor((ST_X(m) + 20037508.342789244) / (40075016.68557849 / (16 * 2 ^ $1))), floor((20037508.342789244 - ST_Y(m)) / (40075016.68557849 / (16 * 2 ^ $1)))`, [z, x, y]);
    const t = await pointCounts(`/tiles/enterprises/${z}/${x}/${y}.mvt`, auth, 'enterprises');
    const counts = t.features.map((f) => (Number.isNaN(f.id) ? (f.properties.count as number) : 1)).sort((p, q) => p - q);
    expect(counts).toEqual(cells.map((c) => c.n).sort((p, q) => p - q));
    // Zoom 16: every point its own feature.
    const [z15, x15, y15] = tileAt(e.lon, e.lat, CLUSTER_MAX_ZOOM + 1);
    expect((await pointCounts(`/tiles/enterprises/${z15}/${x15}/${y15}.mvt`, auth, 'enterprises')).clusters).toBe(0);
  });

  it('keeps the cells in the writing transaction: a moved point leaves its cluster at once, under a new ETag; the kept cells equal a recount', async () => {
    const auth = await h.headers('bureau');
    // The densest zoom-12 cell of projects, and one of its projects.
    const [c] = await h.api.sql(`SELECT cx, cy, sum(n)::int AS n FROM tile_point_cell WHERE layer = 'projects' AND z = 12 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1`);
    expect(c.n).toBeGreaterThan(1);
    const [z, x, y] = [12, Math.floor(c.cx / 16), Math.floor(c.cy / 16)];
    const path = `/tiles/projects/${z}/${x}/${y}.mvt`;
    const before = await pointCounts(path, auth, 'projects');
    const [p] = await h.api.sql(`SELECT id, ST_X(location) AS lon, ST_Y(location) AS lat FROM project
      WHERE floor(tile_fx(location) * 16 * 4096) = $1 AND floor(tile_fy(location) * 16 * 4096) = $2 ORDER BY id LIMIT 1`, [c.cx, c.cy]);
    const move = (lon: number, lat: number) => h.api.gql('bureau', `mutation($id: ID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }`,
      { id: String(p.id), i: { location: { type: 'Point', coordinates: [lon, lat] } } });
    const r = await move(116.2, 34.1);
    try {
      expect(r.errors).toBeUndefined();
      const after = await pointCounts(path, { ...auth, 'if-none-match': before.etag }, 'projects');
      expect(after.etag).not.toBe(before.etag);
      expect(after.total).toBe(before.total - 1);
      expect(after.total).toBe(await pointsInTile('project', z, x, y));
    } finally {
      expect((await move(p.lon, p.lat)).errors).toBeUndefined();
    }
    expect((await pointCounts(path, auth, 'projects')).total).toBe(before.total);
    // Whatever the writes so far (this suite's and others'), the kept cells are what the rows give, zoom by zoom.
    for (const zoom of [4, 9, 14, 15]) {
      const kept = await h.api.sql(`SELECT layer, part, cx, cy, n, sid::text AS sid FROM tile_point_cell WHERE z = $1 AND n > 0 ORDER BY 1, 2, 3, 4`, [zoom]);
      const recount = await h.api.sql(`
        SELECT layer, part, floor(tile_fx(location) * 16 * 2 ^ $1)::int AS cx, floor(tile_fy(location) * 16 * 2 ^ $1)::int AS cy, count(*)::int AS n, sum(id)::text AS sid
        FROM (SELECT 'enterprises' AS layer, is_local::text AS part, id, location FROM enterprise
              UNION ALL SELECT 'projects', stage::text, id, location FROM project
              UNION ALL SELECT 'factory-buildings', '', id, location FROM factory_building
              UNION ALL SELECT 'parcels', coalesce(land_use::text, '') || '/' || coalesce(supply_status::text, ''), id, ST_Centroid(geom) FROM parcel) s
        WHERE location IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`, [zoom]);
      expect(kept, `zoom ${zoom}`).toEqual(recount);
    }
  });

  it('counts cells live for filters the kept cells do not cover (projects?parkId=…), as the kept cells would', async () => {
    const layer = TILE_LAYERS.find((l) => l.id === 'projects')!;
    const [p] = await h.api.sql(`SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM project WHERE location IS NOT NULL ORDER BY id LIMIT 1`);
    for (const zoom of [6, 10, 13]) {
      const [z, x, y] = tileAt(p.lon, p.lat, zoom);
      const box = `ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 0.07), 4326)`;
      const kept = await h.api.sql(`SELECT cx, cy, n, sid::text AS sid FROM (${STORED_CELLS()}) c ORDER BY 1, 2`, [z, x, y, 'projects']);
      const live = await h.api.sql(`SELECT cx, cy, n, sid::text AS sid FROM (${LIVE_CELLS(layer.table, layer.geometry, box)}) c ORDER BY 1, 2`, [z, x, y]);
      expect(kept.length).toBeGreaterThan(0);
      expect(live).toEqual(kept);
    }
    const auth = await h.headers('planner');
    const [{ park_id: parkId }] = await h.api.sql(`SELECT park_id FROM project WHERE park_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const [q] = await h.api.sql(`SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM project WHERE park_id = $1 ORDER BY id LIMIT 1`, [parkId]);
    const [z, x, y] = tileAt(q.lon, q.lat, 11);
    const t = await pointCounts(`/tiles/projects/${z}/${x}/${y}.mvt?parkId=${parkId}`, auth, 'projects');
    expect(t.total).toBe(await pointsInTile('project', z, x, y, `AND park_id = ${Number(parkId)}`));
  });

  it('draws a dense parcel tile as cells of its most common land use and supply status, with the counts PostGIS finds', async () => {
    const layer = TILE_LAYERS.find((l) => l.id === 'parcels')!;
    const [bz, bx, by] = await busyParcelTile();
    const [z, x, y] = [bz - 2, bx >> 2, by >> 2];
    const [{ n }] = await h.api.sql(AREA_CELL_COUNT, [z, x, y, 'parcels']);
    expect(n).toBeGreaterThan(20);
    // Independently: parcels by the 128-unit cell (zoom z + 1 grid) of their centre, for the tile and its ring of cells.
    const expected: { n: number; landUse: string; supplyStatus: string }[] = await h.api.sql(`
      WITH p AS (SELECT floor((ST_X(m) + 20037508.342789244) / (40075016.68557849 / (32 * 2 ^ $1)))::int AS cx,
                        floor((20037508.342789244 - ST_Y(m)) / (40075016.68557849 / (32 * 2 ^ $1)))::int AS cy, land_use::text || '/' || supply_status::text AS part
                 FROM (SELECT ST_Transform(ST_Centroid(geom), 3857) AS m, land_use, supply_status FROM parcel) s),
      g AS (SELECT cx, cy, part, count(*)::int AS k FROM p WHERE cx BETWEEN $2 * 32 - 1 AND $2 * 32 + 32 AND cy BETWEEN $3 * 32 - 1 AND $3 * 32 + 32 GROUP BY 1, 2, 3)
      SELECT sum(k)::int AS n, split_part((array_agg(part ORDER BY k DESC, part))[1], '/', 1) AS "landUse", split_part((array_agg(part ORDER BY k DESC, part))[1], '/', 2) AS "supplyStatus"
      FROM g GROUP BY cx, cy`, [z, x, y]);
    const key = (c: { n: number; landUse: string; supplyStatus: string }) => `${c.n}:${c.landUse}:${c.supplyStatus}`;
    const rows: { props: { count: number; landUse: string; supplyStatus: string } }[] = await h.api.sql(AREA_FEATURES(layer.areaCells!.props), [z, x, y, 'parcels']);
    expect(rows.map((r) => key({ n: r.props.count, ...r.props })).sort()).toEqual(expected.map(key).sort());
    expect(expected.reduce((s, c) => s + c.n, 0)).toBe(n);
    if (ENGINE === 'pglite') return; // no ST_AsMVT there; the fallback draws the AREA_FEATURES rows checked above
    // The cells as MVT: every cell touches the buffered tile; the server's statement for this tile (fewer than
    // AREA_CELL_LIMIT parcels) draws the parcels themselves.
    const [cells] = await h.api.sql(AREA_TILE_MVT(layer.areaCells!.props), [z, x, y, 'parcels']);
    const squares = decodeLayer(cells.tile, 'parcels')!.features;
    expect(squares.every((f) => f.type === 3 && Number.isNaN(f.id) && typeof f.properties.landUse === 'string')).toBe(true);
    expect(squares.reduce((s, f) => s + (f.properties.count as number), 0)).toBe(n);
    expect(n).toBeLessThanOrEqual(AREA_CELL_LIMIT);
    const [plain] = await h.api.sql(tileMvtSql(layer, z, {}), [z, x, y, 'parcels']);
    expect(decodeLayer(plain.tile, 'parcels')!.features.every((f) => !Number.isNaN(f.id) && f.properties.count === undefined)).toBe(true);
  });

  it('park tiles read the kept capacity figures only while they are those of the current version', async () => {
    const auth = await h.headers('planner');
    const same = async () => {
      const live = await h.api.sql(`SELECT row_to_json(c)::text AS r FROM park_capacity c ORDER BY park_id`);
      const current = await h.api.sql(`SELECT row_to_json(c)::text AS r FROM park_capacity_current c ORDER BY park_id`);
      expect(current).toEqual(live);
    };
    const fresh = async () => (await h.api.sql(`SELECT park_capacity_kept_fresh() AS f`))[0].f;
    // The server may be refreshing them in the background after an earlier tile (then this call leaves it to that).
    const refresh = async () => {
      for (let i = 0; i < 50 && !(await fresh()); i++) {
        await h.api.sql(`SELECT park_capacity_refresh()`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await refresh();
    expect(await fresh()).toBe(true);
    await same();
    const [parcel] = await h.api.sql(`SELECT id, park_id, supply_status::text AS s FROM parcel WHERE supply_status = 'available' ORDER BY area_m2 DESC LIMIT 1`);
    const set = (s: string) => h.api.gql('planner', `mutation($id: ID!, $s: SupplyStatus!) { updateParcel(id: $id, input: { supplyStatus: $s }) { id } }`, { id: String(parcel.id), s });
    const before = (await h.api.sql(`SELECT available_m2::float AS a FROM park_capacity_kept WHERE park_id = $1`, [parcel.park_id]))[0].a;
    expect((await set('RESERVE')).errors).toBeUndefined();
    try {
      // The write bumped the parks version: the kept figures are stale and unused, the tile shows the new figure.
      expect(await fresh()).toBe(false);
      await same();
      const [p] = await h.api.sql(`SELECT ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat, (SELECT round((available_m2 / (10000.0 / 15))::numeric, 1)::float FROM park_capacity WHERE park_id = $1) AS mu FROM park WHERE id = $1`, [parcel.park_id]);
      const [z, x, y] = tileAt(p.lon, p.lat, 14);
      const label = decodeLayer((await get(`/tiles/parks/${z}/${x}/${y}.mvt`, auth)).body, 'parks-label')!.features.find((f) => f.id === parcel.park_id)!;
      expect(label.properties.availableMu).toBe(p.mu);
      expect(Number((await h.api.sql(`SELECT available_m2::float AS a FROM park_capacity WHERE park_id = $1`, [parcel.park_id]))[0].a)).toBeLessThan(before);
      // Refreshed, they are used again and agree with the view.
      await refresh();
      expect(await fresh()).toBe(true);
      await same();
    } finally {
      expect((await set(parcel.s.toUpperCase())).errors).toBeUndefined();
    }
  });
});
