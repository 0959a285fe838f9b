// Parcels against the seeded PostGIS database: every answer is checked against independent SQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type DemoUser, type GqlResult, type TestApi } from '../support/api';

const M2_PER_MU = 10000 / 15;
let api: TestApi;

beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

const gqlEnum = (v: string) => v.toUpperCase();
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function sqlIds(where: string, params: unknown[] = []): Promise<number[]> {
  const rows = await api.sql<{ id: number }>(`SELECT t.id FROM parcel t ${where} ORDER BY t.id`, params);
  return rows.map((r) => Number(r.id));
}

const LIST = `query($first: Int, $after: String, $filter: ParcelFilter) {
  parcels(first: $first, after: $after, filter: $filter) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

/** Every id the API returns for a filter, paging through all pages; also checks totalCount on each page. */
async function listAll(filter: Record<string, unknown>, as: DemoUser = 'planner'): Promise<number[]> {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await api.gql(as, LIST, { first: 500, after, filter });
    expect(r.errors).toBeUndefined();
    const c = r.data.parcels;
    out.push(...c.nodes.map((n: { id: string }) => Number(n.id)));
    if (!c.pageInfo.hasNextPage) {
      expect(c.totalCount).toBe(out.length);
      return out;
    }
    after = c.pageInfo.endCursor;
  }
}

describe('parcel(id)', () => {
  it('returns the stored attributes, the geodesic area in 亩 and hectares, the park and the project', async () => {
    const [row] = await api.sql(`
      SELECT t.id, t.code, t.land_use, t.supply_status, t.floor_area_ratio, t.built_far, t.land_price, t.supplied_on::text AS supplied_on,
             t.area_m2, ST_Area(t.geom::geography) AS geodesic_m2, t.park_id, pk.name AS park_name, t.project_id, pr.name AS project_name,
             ST_AsGeoJSON(t.geom)::json AS geojson
      FROM parcel t JOIN park pk ON pk.id = t.park_id JOIN project pr ON pr.id = t.project_id
      ORDER BY t.id LIMIT 1`);
    expect(row, 'the seed links some parcels to projects').toBeDefined();
    const r = await api.gql('bureau', `query($id: ID!) { parcel(id: $id) {
      id code landUse supplyStatus floorAreaRatio builtFar landPrice suppliedOn areaMu areaHectares geom
      park { id name } project { id name } } }`, { id: String(row.id) });
    expect(r.errors).toBeUndefined();
    const p = r.data.parcel;
    expect(p.code).toBe(row.code);
    expect(p.landUse).toBe(gqlEnum(row.land_use));
    expect(p.supplyStatus).toBe(gqlEnum(row.supply_status));
    expect(p.floorAreaRatio).toBe(num(row.floor_area_ratio));
    expect(p.builtFar).toBe(num(row.built_far));
    expect(p.landPrice).toBe(num(row.land_price));
    expect(p.suppliedOn).toBe(row.supplied_on);
    expect(p.areaMu).toBeCloseTo(Number(row.geodesic_m2) / M2_PER_MU, 6);
    expect(p.areaHectares).toBeCloseTo(Number(row.geodesic_m2) / 10000, 8);
    expect(p.areaMu).toBeGreaterThan(0);
    expect(p.geom.type).toBe('MultiPolygon');
    expect(p.geom.coordinates).toEqual(row.geojson.coordinates);
    expect(p.park).toEqual({ id: String(row.park_id), name: row.park_name });
    expect(p.project).toEqual({ id: String(row.project_id), name: row.project_name });
  });

  it('gives null for a parcel without a project', async () => {
    const [row] = await api.sql('SELECT id FROM parcel WHERE project_id IS NULL ORDER BY id LIMIT 1');
    const r = await api.gql('integrator', '{ parcel(id: "' + row.id + '") { id project { id } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.parcel).toEqual({ id: String(row.id), project: null });
  });

  it('rejects an unknown id, a malformed id and an anonymous caller', async () => {
    expect(codes(await api.gql('planner', '{ parcel(id: "99999999") { id } }'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('planner', '{ parcel(id: "abc") { id } }'))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql(null, '{ parcel(id: "1") { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(null, '{ parcels(first: 1) { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('parcels(first, after, filter)', () => {
  it('pages through every parcel by ascending id', async () => {
    const all = await sqlIds('');
    expect(all.length).toBeGreaterThan(20);
    const p1 = (await api.gql('planner', LIST, { first: 7 })).data.parcels;
    expect(p1.totalCount).toBe(all.length);
    expect(p1.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(0, 7));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await api.gql('planner', LIST, { first: 7, after: p1.pageInfo.endCursor })).data.parcels;
    expect(p2.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(7, 14));
    expect(await listAll({})).toEqual(all);
  });

  it('rejects page sizes and cursors it cannot serve', async () => {
    expect(codes(await api.gql('planner', LIST, { first: 0 }))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql('planner', LIST, { first: 501 }))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql('planner', LIST, { first: 5, after: 'not-a-cursor' }))).toEqual(['INVALID_CURSOR']);
  });

  it('filters by land use and supply status', async () => {
    const total = (await sqlIds('')).length;
    const m = await sqlIds(`WHERE t.land_use IN ('M1', 'W')`);
    expect(m.length).toBeGreaterThan(0);
    expect(m.length).toBeLessThan(total);
    expect(await listAll({ landUses: ['M1', 'W'] })).toEqual(m);
    const s = await sqlIds(`WHERE t.supply_status IN ('available', 'under_construction')`);
    expect(s.length).toBeGreaterThan(0);
    expect(await listAll({ supplyStatuses: ['AVAILABLE', 'UNDER_CONSTRUCTION'] })).toEqual(s);
    const reserveUse = await sqlIds(`WHERE t.land_use = 'reserve'`);
    expect(await listAll({ landUses: ['RESERVE'] })).toEqual(reserveUse);
  });

  it('filters by park and by code text (case-insensitive, wildcards taken literally)', async () => {
    const [{ park_id: parkId }] = await api.sql('SELECT park_id FROM parcel WHERE park_id IS NOT NULL GROUP BY park_id ORDER BY count(*) DESC LIMIT 1');
    const inPark = await sqlIds('WHERE t.park_id = $1', [parkId]);
    expect(inPark.length).toBeGreaterThan(0);
    expect(await listAll({ parkId: String(parkId) })).toEqual(inPark);

    const [{ code }] = await api.sql('SELECT code FROM parcel ORDER BY id LIMIT 1');
    const text = (code as string).slice(0, -2).toLowerCase(); // e.g. "sq-gs-00"
    const byText = await sqlIds(`WHERE t.code ILIKE '%' || $1 || '%'`, [text]);
    expect(byText.length).toBeGreaterThan(0);
    expect(await listAll({ text })).toEqual(byText);
    expect(await listAll({ text: '%' })).toEqual([]);
    expect(await listAll({ text: '_' })).toEqual(await sqlIds(`WHERE strpos(t.code, '_') > 0`));
  });

  it('filters by area in 亩 (geodesic)', async () => {
    const [q] = await api.sql(`SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY area_m2) AS p25,
                                      percentile_cont(0.75) WITHIN GROUP (ORDER BY area_m2) AS p75 FROM parcel`);
    const min = Math.round((Number(q.p25) / M2_PER_MU) * 100) / 100;
    const max = Math.round((Number(q.p75) / M2_PER_MU) * 100) / 100;
    const between = await sqlIds('WHERE ST_Area(t.geom::geography) / (10000.0 / 15) BETWEEN $1 AND $2', [min, max]);
    expect(between.length).toBeGreaterThan(0);
    expect(await listAll({ minAreaMu: min, maxAreaMu: max })).toEqual(between);
    expect(await listAll({ minAreaMu: max })).toEqual(await sqlIds('WHERE t.area_m2 / (10000.0 / 15) >= $1', [max]));
    expect(await listAll({ maxAreaMu: min })).toEqual(await sqlIds('WHERE t.area_m2 / (10000.0 / 15) <= $1', [min]));
  });

  it('filters idle land: status idle, or supplied over a year ago (configurable) without construction', async () => {
    const idle = await sqlIds(`WHERE t.supply_status = 'idle' OR (t.supply_status = 'supplied' AND current_date - t.supplied_on > 365)`);
    const all = await sqlIds('');
    expect(idle.length).toBeGreaterThan(0);
    expect(await listAll({ idle: true })).toEqual(idle);
    expect(await listAll({ idle: false })).toEqual(all.filter((id) => !idle.includes(id)));
    const statusIdle = await sqlIds(`WHERE t.supply_status = 'idle'`);
    const staleSupplied = await sqlIds(`WHERE t.supply_status = 'supplied' AND current_date - t.supplied_on > 30`);
    expect(staleSupplied.length, 'the seed has supplied parcels older than 30 days').toBeGreaterThan(0);
    expect(await listAll({ idle: true, idleAfterDays: 30 })).toEqual([...statusIdle, ...staleSupplied].sort((a, b) => a - b));
    expect(await listAll({ idle: true, idleAfterDays: 36500 })).toEqual(statusIdle);
  });

  it('counts a supplied parcel as idle only once more than idleAfterDays have passed', async () => {
    const [p] = await api.sql(`SELECT id, current_date - supplied_on AS days FROM parcel
                               WHERE supply_status = 'supplied' AND current_date - supplied_on > 2 ORDER BY id LIMIT 1`);
    expect(p, 'the seed has a parcel supplied some days ago').toBeDefined();
    const days = Number(p.days);
    expect(await listAll({ idle: true, idleAfterDays: days })).not.toContain(Number(p.id));
    expect(await listAll({ idle: false, idleAfterDays: days })).toContain(Number(p.id));
    expect(await listAll({ idle: true, idleAfterDays: days - 1 })).toContain(Number(p.id));
  });

  it('filters by bounding box, region and distance', async () => {
    const [pk] = await api.sql(`SELECT p.id, ST_XMin(p.boundary) AS x0, ST_YMin(p.boundary) AS y0, ST_XMax(p.boundary) AS x1, ST_YMax(p.boundary) AS y1,
                                       p.region_id, ST_X(ST_PointOnSurface(p.boundary)) AS lon, ST_Y(ST_PointOnSurface(p.boundary)) AS lat
                                FROM park p WHERE EXISTS (SELECT 1 FROM parcel WHERE park_id = p.id) ORDER BY p.id LIMIT 1`);
    const bbox = [Number(pk.x0), Number(pk.y0), Number(pk.x1), Number(pk.y1)];
    const inBox = await sqlIds('WHERE ST_Intersects(t.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))', bbox);
    expect(inBox.length).toBeGreaterThan(0);
    expect(await listAll({ bbox })).toEqual(inBox);

    const inRegion = await sqlIds('WHERE ST_Intersects(t.geom, (SELECT boundary FROM region WHERE id = $1))', [pk.region_id]);
    expect(inRegion.length).toBeGreaterThan(0);
    expect(inRegion.length).toBeLessThan((await sqlIds('')).length);
    expect(await listAll({ withinRegionId: String(pk.region_id) })).toEqual(inRegion);

    const near = { lon: Number(pk.lon), lat: Number(pk.lat), meters: 1500 };
    const nearIds = await sqlIds('WHERE ST_Distance(t.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) <= $3', [near.lon, near.lat, near.meters]);
    expect(nearIds.length).toBeGreaterThan(0);
    expect(await listAll({ near })).toEqual(nearIds);
  });

  it('combines filters with AND', async () => {
    const [{ park_id: parkId }] = await api.sql(`SELECT park_id FROM parcel WHERE land_use IN ('M1','M2') AND supply_status IN ('available','reserve')
                                                 GROUP BY park_id ORDER BY count(*) DESC LIMIT 1`);
    const expected = await sqlIds(`WHERE t.land_use IN ('M1','M2') AND t.supply_status IN ('available','reserve') AND t.park_id = $1
                                     AND t.area_m2 >= 5 * 10000.0 / 15`, [parkId]);
    expect(expected.length).toBeGreaterThan(0);
    expect(await listAll({ landUses: ['M1', 'M2'], supplyStatuses: ['AVAILABLE', 'RESERVE'], parkId: String(parkId), minAreaMu: 5 })).toEqual(expected);
  });

  it('rejects filters it cannot apply, saying which field', async () => {
    const bad = async (filter: Record<string, unknown>) => {
      const r = await api.gql('planner', LIST, { first: 5, filter });
      expect(codes(r)).toEqual(['INVALID_ARGUMENT']);
      return r.errors![0];
    };
    expect((await bad({ minAreaMu: 10, maxAreaMu: 5 })).message).toMatch(/minAreaMu/);
    expect((await bad({ minAreaMu: -1 })).extensions?.field).toBe('minAreaMu');
    expect((await bad({ idleAfterDays: -1, idle: true })).extensions?.field).toBe('idleAfterDays');
    expect((await bad({ bbox: [116, 34, 115, 35] })).extensions?.field).toBe('bbox');
    expect((await bad({ parkId: 'x' })).extensions?.field).toBe('parkId');
    expect((await bad({ near: { lon: 115.6, lat: 34.4, meters: 0 } })).extensions?.field).toBe('near.meters');
  });
});

describe('Park.parcels and Project.parcels', () => {
  it('gives each park its parcels, paginated, with totals matching SQL', async () => {
    const r = await api.gql('planner', '{ parks(first: 100) { nodes { id parcels(first: 5) { totalCount nodes { id park { id } } pageInfo { hasNextPage endCursor } } } } }');
    expect(r.errors).toBeUndefined();
    const parks = r.data.parks.nodes;
    expect(parks.length).toBeGreaterThan(1);
    let withParcels = 0;
    for (const p of parks) {
      const ids = await sqlIds('WHERE t.park_id = $1', [Number(p.id)]);
      if (ids.length) withParcels++;
      expect(p.parcels.totalCount).toBe(ids.length);
      expect(p.parcels.nodes.map((n: { id: string }) => Number(n.id))).toEqual(ids.slice(0, 5));
      expect(p.parcels.nodes.every((n: { park: { id: string } }) => n.park.id === p.id)).toBe(true);
      expect(p.parcels.pageInfo.hasNextPage).toBe(ids.length > 5);
    }
    expect(withParcels).toBeGreaterThan(1);
  });

  it('pages a park\'s parcels with after, and filters them', async () => {
    const [{ park_id: parkId }] = await api.sql('SELECT park_id FROM parcel GROUP BY park_id HAVING count(*) > 12 ORDER BY park_id LIMIT 1');
    const ids = await sqlIds('WHERE t.park_id = $1', [parkId]);
    const q = `query($id: ID!, $after: String, $filter: ParcelFilter) { park(id: $id) { parcels(first: 6, after: $after, filter: $filter) {
      totalCount nodes { id supplyStatus } pageInfo { hasNextPage endCursor } } } }`;
    const p1 = (await api.gql('planner', q, { id: String(parkId) })).data.park.parcels;
    const p2 = (await api.gql('planner', q, { id: String(parkId), after: p1.pageInfo.endCursor })).data.park.parcels;
    expect([...p1.nodes, ...p2.nodes].map((n: { id: string }) => Number(n.id))).toEqual(ids.slice(0, 12));
    expect(p2.totalCount).toBe(ids.length);

    const [{ supply_status: status }] = await api.sql('SELECT supply_status FROM parcel WHERE park_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1', [parkId]);
    const filtered = await sqlIds('WHERE t.park_id = $1 AND t.supply_status = $2', [parkId, status]);
    const f = (await api.gql('planner', q, { id: String(parkId), filter: { supplyStatuses: [gqlEnum(status)] } })).data.park.parcels;
    expect(f.totalCount).toBe(filtered.length);
    expect(f.nodes.map((n: { id: string }) => Number(n.id))).toEqual(filtered.slice(0, 6));
    expect(f.nodes.every((n: { supplyStatus: string }) => n.supplyStatus === gqlEnum(status))).toBe(true);
  });

  it('serves different filters on the same parks side by side', async () => {
    const r = await api.gql('planner', `{ parks(first: 100) { nodes { id
      a: parcels(first: 3, filter: { supplyStatuses: [AVAILABLE] }) { totalCount }
      b: parcels(first: 3, filter: { supplyStatuses: [BUILT], minAreaMu: 1 }) { totalCount }
      c: parcels(first: 3) { totalCount } } } }`);
    expect(r.errors).toBeUndefined();
    const rows = await api.sql(`SELECT p.id,
        count(t.id) FILTER (WHERE t.supply_status = 'available')::int AS a,
        count(t.id) FILTER (WHERE t.supply_status = 'built' AND t.area_m2 >= 10000.0 / 15)::int AS b,
        count(t.id)::int AS c
      FROM park p LEFT JOIN parcel t ON t.park_id = p.id GROUP BY p.id ORDER BY p.id`);
    expect(r.data.parks.nodes.map((n: any) => ({ id: Number(n.id), a: n.a.totalCount, b: n.b.totalCount, c: n.c.totalCount })))
      .toEqual(rows.map((x) => ({ id: Number(x.id), a: x.a, b: x.b, c: x.c })));
  });

  it('gives each project the parcels it stands on', async () => {
    const projects = await api.sql(`SELECT project_id AS id, array_agg(id ORDER BY id) AS parcels FROM parcel
                                    WHERE project_id IS NOT NULL GROUP BY project_id ORDER BY project_id LIMIT 5`);
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) {
      const r = await api.gql('bureau', `query($id: ID!) { project(id: $id) { parcels { id project { id } } } }`, { id: String(p.id) });
      expect(r.errors).toBeUndefined();
      expect(r.data.project.parcels.map((x: { id: string }) => Number(x.id))).toEqual(p.parcels.map(Number));
      expect(r.data.project.parcels.every((x: { project: { id: string } }) => x.project.id === String(p.id))).toBe(true);
    }
  });
});

describe('statement count does not grow with rows returned (DataLoader)', () => {
  it('parcels with park, project and the park\'s own parcels', async () => {
    // Both pages start at the first parcel with a project, so every relation loader fires in both.
    const [{ id: first }] = await api.sql('SELECT min(id) AS id FROM parcel WHERE project_id IS NOT NULL AND park_id IS NOT NULL');
    const after = Buffer.from(`id:${Number(first) - 1}`).toString('base64url');
    const q = `query($n: Int, $after: String) { parcels(first: $n, after: $after) { nodes { code areaMu
      park { name region { name } parcels(first: 2) { totalCount nodes { code } } } project { name parcels { code } } } } }`;
    const small = await api.gqlCounted('planner', q, { n: 3, after });
    const large = await api.gqlCounted('planner', q, { n: 120, after });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data.parcels.nodes[0].project).not.toBeNull();
    expect(large.result.data.parcels.nodes.length).toBe(Math.min(120, (await sqlIds('WHERE t.id >= $1', [first])).length));
    expect(large.statements).toBe(small.statements);
  });
});

describe('updateParcel', () => {
  const SNAPSHOT = `SELECT id, code, park_id, land_use, supply_status, floor_area_ratio, built_far, land_price, supplied_on::text AS supplied_on,
                           project_id, area_m2, encode(ST_AsEWKB(geom), 'hex') AS geom_hex FROM parcel WHERE id = $1`;
  const M = `mutation($id: ID!, $input: UpdateParcelInput!) { updateParcel(id: $id, input: $input) {
    id landUse supplyStatus floorAreaRatio builtFar landPrice suppliedOn areaMu geom park { id } project { id } } }`;
  let target: Record<string, any>;
  let otherParkId: number;
  let otherProjectId: number;

  const snapshot = async () => (await api.sql(SNAPSHOT, [target.id]))[0];
  const auditRows = async () => api.sql(`SELECT * FROM audit_log WHERE entity = 'parcel' AND entity_id = $1 ORDER BY id`, [String(target.id)]);

  beforeAll(async () => {
    // A built parcel with a project; restored after each test.
    [target] = await api.sql(`${SNAPSHOT.replace('WHERE id = $1', '')} WHERE project_id IS NOT NULL AND park_id IS NOT NULL ORDER BY id DESC LIMIT 1`);
    [{ id: otherParkId }] = await api.sql('SELECT id FROM park WHERE id <> $1 ORDER BY id LIMIT 1', [target.park_id]);
    [{ id: otherProjectId }] = await api.sql('SELECT id FROM project WHERE id <> $1 ORDER BY id LIMIT 1', [target.project_id]);
  });

  afterEach(async () => {
    await api.sql(`UPDATE parcel SET park_id = $2, land_use = $3, supply_status = $4, floor_area_ratio = $5, built_far = $6, land_price = $7,
                     supplied_on = $8::date, project_id = $9, geom = ST_GeomFromEWKB(decode($10, 'hex')) WHERE id = $1`,
    [target.id, target.park_id, target.land_use, target.supply_status, target.floor_area_ratio, target.built_far, target.land_price,
      target.supplied_on, target.project_id, target.geom_hex]);
    expect(await snapshot()).toEqual(target);
  });

  /** A rectangle inside the parcel: the south-west quarter of its envelope. */
  async function innerRectangle() {
    const [e] = await api.sql('SELECT ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1 FROM parcel WHERE id = $1', [target.id]);
    const [x0, y0] = [Number(e.x0), Number(e.y0)];
    const [x1, y1] = [x0 + (Number(e.x1) - x0) / 2, y0 + (Number(e.y1) - y0) / 2];
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  }

  it('lets a planner change every field in one audited transaction', async () => {
    const poly = await innerRectangle();
    const landUse = target.land_use === 'W' ? 'M2' : 'W';
    const supplyStatus = target.supply_status === 'under_construction' ? 'built' : 'under_construction';
    const auditBefore = (await auditRows()).length;
    const r = await api.gql('planner', M, {
      id: String(target.id),
      input: {
        landUse: gqlEnum(landUse), supplyStatus: gqlEnum(supplyStatus), floorAreaRatio: 1.75, builtFar: 0.5, landPrice: 1234.56,
        suppliedOn: '2025-03-04', geom: poly, parkId: String(otherParkId), projectId: String(otherProjectId),
      },
    });
    expect(r.errors).toBeUndefined();
    const [{ m2 }] = await api.sql('SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) AS m2', [JSON.stringify(poly)]);
    const u = r.data.updateParcel;
    expect(u).toMatchObject({
      id: String(target.id), landUse: gqlEnum(landUse), supplyStatus: gqlEnum(supplyStatus), floorAreaRatio: 1.75, builtFar: 0.5,
      landPrice: 1234.56, suppliedOn: '2025-03-04', park: { id: String(otherParkId) }, project: { id: String(otherProjectId) },
    });
    expect(u.geom.type).toBe('MultiPolygon');
    // ST_AsGeoJSON writes 9 decimals (≈ 0.1 mm)
    expect(u.geom.coordinates[0][0].length).toBe(5);
    u.geom.coordinates[0][0].forEach((pt: number[], i: number) => {
      expect(pt[0]).toBeCloseTo(poly.coordinates[0][i][0], 8);
      expect(pt[1]).toBeCloseTo(poly.coordinates[0][i][1], 8);
    });
    expect(u.areaMu).toBeCloseTo(Number(m2) / M2_PER_MU, 6);

    const [row] = await api.sql(`SELECT land_use, supply_status, floor_area_ratio::float8 AS far, built_far::float8 AS bfar, land_price::float8 AS price,
        supplied_on::text AS supplied_on, park_id, project_id, GeometryType(geom) AS gtype, ST_SRID(geom) AS srid, area_m2 FROM parcel WHERE id = $1`, [target.id]);
    expect(row).toMatchObject({ land_use: landUse, supply_status: supplyStatus, far: 1.75, bfar: 0.5, price: 1234.56, supplied_on: '2025-03-04',
      park_id: otherParkId, project_id: otherProjectId, gtype: 'MULTIPOLYGON', srid: 4326 });
    expect(Number(row.area_m2)).toBeCloseTo(Number(m2), 3);
    expect(Number(row.area_m2)).toBeLessThan(Number(target.area_m2));

    const audit = await auditRows();
    expect(audit.length).toBe(auditBefore + 1);
    const a = audit.at(-1)!;
    expect(a).toMatchObject({ actor_name: 'planner', action: 'update', entity: 'parcel', entity_id: String(target.id) });
    expect(a.before).toMatchObject({ id: target.id, landUse: target.land_use, supplyStatus: target.supply_status, parkId: target.park_id,
      projectId: target.project_id, landPrice: num(target.land_price), suppliedOn: target.supplied_on });
    expect(a.after).toMatchObject({ id: target.id, landUse, supplyStatus, parkId: otherParkId, projectId: otherProjectId, landPrice: 1234.56,
      floorAreaRatio: 1.75, builtFar: 0.5, suppliedOn: '2025-03-04' });
    expect(a.after.geom.type).toBe('MultiPolygon');
  });

  it('lets an admin change one field, leaving the others as they were', async () => {
    const r = await api.gql('admin', M, { id: String(target.id), input: { landPrice: 99 } });
    expect(r.errors).toBeUndefined();
    const now = await snapshot();
    expect(Number(now.land_price)).toBe(99);
    expect({ ...now, land_price: target.land_price }).toEqual(target);
    const a = (await auditRows()).at(-1)!;
    expect(a.actor_name).toBe('admin');
    expect(a.before.landPrice).toBe(num(target.land_price));
    expect(a.after.landPrice).toBe(99);
  });

  it('clears nullable fields given an explicit null', async () => {
    const r = await api.gql('planner', M, { id: String(target.id), input: { landPrice: null, projectId: null, builtFar: null } });
    expect(r.errors).toBeUndefined();
    expect(r.data.updateParcel).toMatchObject({ landPrice: null, project: null, builtFar: null });
    const now = await snapshot();
    expect(now).toMatchObject({ land_price: null, project_id: null, built_far: null });
    expect({ ...now, land_price: target.land_price, project_id: target.project_id, built_far: target.built_far }).toEqual(target);
    expect((await auditRows()).at(-1)!.after).toMatchObject({ landPrice: null, projectId: null, builtFar: null });
  });

  const rejected: [string, DemoUser | null, () => Record<string, unknown>, string, (string | number)?][] = [
    ['a bureau officer', 'bureau', () => ({ landPrice: 1 }), 'FORBIDDEN'],
    ['a chain leader', 'chainlead', () => ({ landPrice: 1 }), 'FORBIDDEN'],
    ['a district officer', 'liangyuan', () => ({ landPrice: 1 }), 'FORBIDDEN'],
    ['an integrator', 'integrator', () => ({ landPrice: 1 }), 'FORBIDDEN'],
    ['an anonymous caller', null, () => ({ landPrice: 1 }), 'UNAUTHENTICATED'],
    ['a negative land price', 'planner', () => ({ landPrice: -5, landUse: 'M3' }), 'INVALID_AMOUNT'],
    ['a negative floor-area ratio', 'planner', () => ({ floorAreaRatio: -0.5 }), 'INVALID_AMOUNT'],
    ['a floor-area ratio over 999.99', 'planner', () => ({ builtFar: 1000 }), 'INVALID_AMOUNT'],
    ['a self-intersecting (bow-tie) outline', 'planner', () => ({
      geom: { type: 'Polygon', coordinates: [[[115.6, 34.3], [115.62, 34.32], [115.62, 34.3], [115.6, 34.32], [115.6, 34.3]]] },
    }), 'INVALID_GEOMETRY'],
    ['an outline in projected metres', 'planner', () => ({
      geom: { type: 'Polygon', coordinates: [[[500000, 3800000], [501000, 3800000], [501000, 3801000], [500000, 3801000], [500000, 3800000]]] },
    }), 'INVALID_GEOMETRY'],
    ['a point instead of a polygon', 'planner', () => ({ geom: { type: 'Point', coordinates: [115.6, 34.3] } }), 'INVALID_GEOMETRY'],
    ['an unclosed ring', 'planner', () => ({ geom: { type: 'Polygon', coordinates: [[[115.6, 34.3], [115.61, 34.3], [115.61, 34.31], [115.6, 34.31]]] } }), 'INVALID_GEOMETRY'],
    ['an unknown park (with a valid change alongside)', 'planner', () => ({ landUse: 'G', parkId: '99999999' }), 'NOT_FOUND'],
    ['an unknown project', 'planner', () => ({ landPrice: 7, projectId: '99999999' }), 'NOT_FOUND'],
    ['a malformed park id', 'planner', () => ({ parkId: 'park-1' }), 'INVALID_ARGUMENT'],
    ['clearing the land use', 'planner', () => ({ landUse: null }), 'INVALID_ARGUMENT'],
    ['an impossible supply date', 'planner', () => ({ suppliedOn: '2025-02-30' }), 'INVALID_DATE'],
  ];

  for (const [what, as, input, code] of rejected) {
    it(`rejects ${what} with ${code} and changes nothing`, async () => {
      const before = await snapshot();
      const auditBefore = (await auditRows()).length;
      const [{ n: allAudit }] = await api.sql('SELECT count(*)::int AS n FROM audit_log');
      const r = await api.gql(as, M, { id: String(target.id), input: input() });
      expect(codes(r)).toEqual([code]);
      expect(r.data?.updateParcel ?? null).toBeNull();
      expect(r.errors![0].message.length).toBeGreaterThan(10);
      expect(await snapshot()).toEqual(before);
      expect((await auditRows()).length).toBe(auditBefore);
      expect((await api.sql('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(allAudit);
    });
  }

  it('rejects an unknown parcel with NOT_FOUND', async () => {
    const [{ n }] = await api.sql('SELECT count(*)::int AS n FROM audit_log');
    const r = await api.gql('planner', M, { id: '99999999', input: { landPrice: 1 } });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.errors![0].message).toMatch(/Parcel 99999999/);
    expect((await api.sql('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(n);
  });

  it('names the bad field and the fix in its messages', async () => {
    const neg = await api.gql('planner', M, { id: String(target.id), input: { landPrice: -1 } });
    expect(neg.errors![0].extensions?.field).toBe('landPrice');
    expect(neg.errors![0].message).toMatch(/0 or more/);
    const bow = await api.gql('planner', M, { id: String(target.id), input: { geom: rejected[8][2]().geom } });
    expect(bow.errors![0].message).toMatch(/Self-intersection/i);
    const park = await api.gql('planner', M, { id: String(target.id), input: { parkId: '99999999' } });
    expect(park.errors![0].message).toMatch(/Park 99999999 does not exist/);
  });
});
