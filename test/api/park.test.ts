// Parks against the seeded PostGIS database: listing, filters, relations and planners' edits, checked against SQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type DemoUser, type TestApi } from '../support/api';

const M2_PER_MU = 10000 / 15;
let api: TestApi;

beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

async function sqlIds(where: string, params: unknown[] = []): Promise<number[]> {
  return (await api.sql(`SELECT t.id FROM park t ${where} ORDER BY t.id`, params)).map((r) => Number(r.id));
}

const LIST = `query($first: Int, $after: String, $filter: ParkFilter) {
  parks(first: $first, after: $after, filter: $filter) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

async function list(filter: Record<string, unknown>, as: DemoUser = 'planner'): Promise<number[]> {
  const r = await api.gql(as, LIST, { first: 500, filter });
  expect(r.errors).toBeUndefined();
  expect(r.data.parks.pageInfo.hasNextPage).toBe(false);
  expect(r.data.parks.totalCount).toBe(r.data.parks.nodes.length);
  return r.data.parks.nodes.map((n: { id: string }) => Number(n.id));
}

describe('parks', () => {
  it('lists every park by ascending id, page by page', async () => {
    const all = await sqlIds('');
    expect(all.length).toBeGreaterThan(3);
    expect(await list({}, 'integrator')).toEqual(all);
    const p1 = (await api.gql('bureau', LIST, { first: 2 })).data.parks;
    expect(p1.totalCount).toBe(all.length);
    expect(p1.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(0, 2));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await api.gql('bureau', LIST, { first: 2, after: p1.pageInfo.endCursor })).data.parks;
    expect(p2.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(2, 4));
  });

  it('returns one park by id, NOT_FOUND for an unknown one, and needs a signed-in caller', async () => {
    const [p] = await api.sql(`SELECT id, name, level, kind, main_industries, intensity_floor::float8 AS floor, infrastructure, established_on::text AS est
                               FROM park ORDER BY id LIMIT 1`);
    const r = await api.gql('liangyuan', `query($id: ID!) { park(id: $id) { id name level kind mainIndustries intensityFloor infrastructure establishedOn } }`, { id: String(p.id) });
    expect(r.data.park).toEqual({
      id: String(p.id), name: p.name, level: p.level.toUpperCase(), kind: p.kind.toUpperCase(), mainIndustries: p.main_industries,
      intensityFloor: p.floor, infrastructure: p.infrastructure.map((i: string) => i.toUpperCase()), establishedOn: p.est,
    });
    expect(codes(await api.gql('planner', '{ park(id: "99999999") { id } }'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(null, '{ parks { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('park filters', () => {
  it('by levels and kinds', async () => {
    const all = await sqlIds('');
    const national = await sqlIds(`WHERE t.level = 'national'`);
    expect(national.length).toBeGreaterThan(0);
    expect(national.length).toBeLessThan(all.length);
    expect(await list({ levels: ['NATIONAL'] })).toEqual(national);
    expect(await list({ levels: ['PROVINCIAL', 'COUNTY'] })).toEqual(await sqlIds(`WHERE t.level IN ('provincial', 'county')`));
    const kinds = await sqlIds(`WHERE t.kind IN ('cluster', 'high_tech')`);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.length).toBeLessThan(all.length);
    expect(await list({ kinds: ['CLUSTER', 'HIGH_TECH'] })).toEqual(kinds);
    expect(await list({ kinds: ['HIGH_TECH'], levels: ['PROVINCIAL'] })).toEqual(await sqlIds(`WHERE t.kind = 'high_tech' AND t.level = 'provincial'`));
  });

  it('by name text and by main industry', async () => {
    const ht = await sqlIds(`WHERE t.name LIKE '%高新%'`);
    expect(ht.length).toBeGreaterThan(0);
    expect(await list({ text: '高新' })).toEqual(ht);
    expect(await list({ text: '  高新 ' })).toEqual(ht);
    expect(await list({ text: '不存在的园区' })).toEqual([]);
    const [{ industry }] = await api.sql('SELECT i AS industry FROM park, unnest(main_industries) i GROUP BY i ORDER BY count(*) DESC, i LIMIT 1');
    const byIndustry = await sqlIds('WHERE EXISTS (SELECT 1 FROM unnest(t.main_industries) i WHERE strpos(i, $1) > 0)', [industry]);
    expect(byIndustry.length).toBeGreaterThan(0);
    expect(await list({ industry })).toEqual(byIndustry);
  });

  it('matches LIKE wildcards in the industry text literally', async () => {
    // Unescaped, "%" and "_" would match every park with any main industry.
    expect((await sqlIds('WHERE cardinality(t.main_industries) > 0')).length).toBeGreaterThan(0);
    expect(await list({ industry: '%' })).toEqual([]);
    expect(await list({ industry: '_' })).toEqual([]);
    expect(await list({ industry: '\\' })).toEqual([]);
  });

  it('by bounding box, region and distance', async () => {
    const all = await sqlIds('');
    const [p] = await api.sql(`SELECT id, region_id, ST_XMin(boundary) AS x0, ST_YMin(boundary) AS y0, ST_XMax(boundary) AS x1, ST_YMax(boundary) AS y1,
                                      ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat
                               FROM park WHERE parent_park_id IS NULL ORDER BY id LIMIT 1`);
    const bbox = [Number(p.x0), Number(p.y0), Number(p.x1), Number(p.y1)];
    const inBox = await sqlIds('WHERE ST_Intersects(t.boundary, ST_MakeEnvelope($1, $2, $3, $4, 4326))', bbox);
    expect(inBox).toContain(Number(p.id));
    expect(inBox.length).toBeLessThan(all.length);
    expect(await list({ bbox })).toEqual(inBox);
    // A box far from the city holds nothing.
    expect(await list({ bbox: [100, 20, 101, 21] })).toEqual([]);

    const inRegion = await sqlIds('WHERE ST_Intersects(t.boundary, (SELECT boundary FROM region WHERE id = $1))', [p.region_id]);
    expect(inRegion).toContain(Number(p.id));
    expect(inRegion.length).toBeLessThan(all.length);
    expect(await list({ withinRegionId: String(p.region_id) })).toEqual(inRegion);

    const near = { lon: Number(p.lon), lat: Number(p.lat), meters: 20000 };
    const nearIds = await sqlIds('WHERE ST_Distance(t.boundary::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) <= $3', [near.lon, near.lat, near.meters]);
    expect(nearIds).toContain(Number(p.id));
    expect(nearIds.length).toBeLessThan(all.length);
    expect(await list({ near })).toEqual(nearIds);
  });

  it('rejects filters it cannot apply', async () => {
    expect(codes(await api.gql('planner', LIST, { filter: { bbox: [116, 35, 115, 34] } }))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql('planner', LIST, { filter: { near: { lon: 115.6, lat: 34.4, meters: 500000 } } }))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql('planner', LIST, { filter: { withinRegionId: 'x' } }))).toEqual(['INVALID_ARGUMENT']);
  });
});

describe('park relations', () => {
  const Q = `{ parks(first: 100) { nodes { id areaMu areaHectares region { id } administeredByRegion { id } parentPark { id } subParks { id }
    landStats { parcelCount parcelMu availableMu reserveMu idleMu factoryFloorM2 vacantFactoryFloorM2 }
    parcels(first: 3) { totalCount nodes { id } } factoryBuildings { id } } } }`;

  it('match SQL for every park: region, enclave administrator, 园中园, area, land stats, parcels and buildings', async () => {
    const r = await api.gql('planner', Q);
    expect(r.errors).toBeUndefined();
    const rows = await api.sql(`SELECT p.id, p.region_id, p.administered_by_region_id, p.parent_park_id, ST_Area(p.boundary::geography) AS m2,
        coalesce((SELECT array_agg(c.id ORDER BY c.id) FROM park c WHERE c.parent_park_id = p.id), '{}') AS sub_ids,
        (SELECT count(*) FROM parcel x WHERE x.park_id = p.id)::int AS parcel_count,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id) AS parcel_m2,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id AND x.supply_status = 'available') AS available_m2,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id AND x.supply_status = 'reserve') AS reserve_m2,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id AND (x.supply_status = 'idle'
            OR (x.supply_status = 'supplied' AND x.supplied_on < current_date - (SELECT s.idle_after_days FROM planner_setting s)))) AS idle_m2,
        (SELECT coalesce(sum(f.floor_area_m2), 0)::float8 FROM factory_building f WHERE f.park_id = p.id) AS floor_m2,
        (SELECT coalesce(sum(f.vacant_floor_area_m2), 0)::float8 FROM factory_building f WHERE f.park_id = p.id) AS vacant_m2,
        (SELECT array(SELECT x.id FROM parcel x WHERE x.park_id = p.id ORDER BY x.id LIMIT 3)) AS first_parcels,
        coalesce((SELECT array_agg(f.id ORDER BY f.id) FROM factory_building f WHERE f.park_id = p.id), '{}') AS building_ids
      FROM park p ORDER BY p.id`);
    const got = r.data.parks.nodes;
    expect(got.map((p: { id: string }) => Number(p.id))).toEqual(rows.map((x) => Number(x.id)));
    const ref = (id: number | string | null) => (id === null ? null : { id: String(id) });
    for (const [i, x] of rows.entries()) {
      const p = got[i];
      expect(p.region).toEqual(ref(x.region_id));
      expect(p.administeredByRegion).toEqual(ref(x.administered_by_region_id));
      expect(p.parentPark).toEqual(ref(x.parent_park_id));
      expect(p.subParks.map((s: { id: string }) => Number(s.id))).toEqual((x.sub_ids as number[]).map(Number));
      expect(p.areaMu).toBeCloseTo(Number(x.m2) / M2_PER_MU, 4);
      expect(p.areaHectares).toBeCloseTo(Number(x.m2) / 10000, 6);
      const s = p.landStats;
      expect(s.parcelCount).toBe(x.parcel_count);
      expect(s.parcelMu).toBeCloseTo(Number(x.parcel_m2) / M2_PER_MU, 4);
      expect(s.availableMu).toBeCloseTo(Number(x.available_m2) / M2_PER_MU, 4);
      expect(s.reserveMu).toBeCloseTo(Number(x.reserve_m2) / M2_PER_MU, 4);
      expect(s.idleMu).toBeCloseTo(Number(x.idle_m2) / M2_PER_MU, 4);
      expect(s.factoryFloorM2).toBeCloseTo(Number(x.floor_m2), 2);
      expect(s.vacantFactoryFloorM2).toBeCloseTo(Number(x.vacant_m2), 2);
      expect(p.parcels.totalCount).toBe(x.parcel_count);
      expect(p.parcels.nodes.map((n: { id: string }) => Number(n.id))).toEqual((x.first_parcels as number[]).map(Number));
      expect(p.factoryBuildings.map((f: { id: string }) => Number(f.id))).toEqual((x.building_ids as number[]).map(Number));
    }
    // The demo city has a 园中园, an enclave (飞地园区), parks with parcels and parks with buildings.
    expect(rows.some((x) => x.parent_park_id !== null)).toBe(true);
    expect(rows.some((x) => x.administered_by_region_id !== null && x.administered_by_region_id !== x.region_id)).toBe(true);
    expect(rows.filter((x) => x.parcel_count > 0).length).toBeGreaterThan(1);
    expect(rows.filter((x) => (x.building_ids as number[]).length > 0).length).toBeGreaterThan(1);
    expect(rows.some((x) => Number(x.available_m2) > 0 && Number(x.idle_m2) > 0)).toBe(true);
  });

  it('a 园中园 lies inside its parent park and is listed among its sub-parks', async () => {
    const [c] = await api.sql(`SELECT c.id, c.parent_park_id, ST_CoveredBy(c.boundary, p.boundary) AS inside
                               FROM park c JOIN park p ON p.id = c.parent_park_id ORDER BY c.id LIMIT 1`);
    expect(c.inside).toBe(true);
    const r = await api.gql('chainlead', `query($id: ID!) { park(id: $id) { parentPark { id name subParks { id parentPark { id } } } } }`, { id: String(c.id) });
    expect(r.errors).toBeUndefined();
    expect(r.data.park.parentPark.id).toBe(String(c.parent_park_id));
    expect(r.data.park.parentPark.subParks).toContainEqual({ id: String(c.id), parentPark: { id: String(c.parent_park_id) } });
  });

  it('runs the same number of statements for 2 parks as for 12 (DataLoader)', async () => {
    const q = `query($n: Int) { parks(first: $n) { nodes { parcels(first: 5) { nodes { park { name } project { name } } } factoryBuildings { name } region { name } } } }`;
    const small = await api.gqlCounted('planner', q, { n: 2 });
    const large = await api.gqlCounted('planner', q, { n: 12 });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.parks.nodes.length).toBe(Math.min(12, (await sqlIds('')).length));
    expect(large.result.data.parks.nodes.some((p: any) => p.parcels.nodes.some((n: any) => n.project !== null))).toBe(true);
    expect(large.statements).toBe(small.statements);

    // The remaining relations fire only for parks that have them (a 园中园's parent, an enclave's administrator), so compare
    // the first 12 parks with every park, checking that the first 12 already include both kinds.
    const [first12] = await api.sql(`SELECT bool_or(parent_park_id IS NOT NULL) AS sub, bool_or(administered_by_region_id IS NOT NULL) AS enclave
                                     FROM (SELECT * FROM park ORDER BY id LIMIT 12) p`);
    expect(first12).toEqual({ sub: true, enclave: true });
    const q2 = `query($n: Int) { parks(first: $n) { nodes { parentPark { name } subParks { name } administeredByRegion { name }
      landStats { parcelMu } parcels(first: 2, filter: { supplyStatuses: [AVAILABLE] }) { totalCount nodes { park { name } } } } } }`;
    const s2 = await api.gqlCounted('planner', q2, { n: 12 });
    const l2 = await api.gqlCounted('planner', q2, { n: 500 });
    expect(l2.result.errors).toBeUndefined();
    expect(l2.result.data.parks.nodes.length).toBe((await sqlIds('')).length);
    expect(l2.statements).toBe(s2.statements);
  });
});

describe('updatePark', () => {
  const SNAPSHOT = `SELECT id, name, level, kind, parent_park_id, region_id, administered_by_region_id, main_industries, intensity_floor,
                           infrastructure, established_on::text AS established_on, encode(ST_AsEWKB(boundary), 'hex') AS boundary_hex FROM park WHERE id = $1`;
  const M = `mutation($id: ID!, $input: UpdateParkInput!) { updatePark(id: $id, input: $input) {
    id name level kind intensityFloor infrastructure mainIndustries areaMu boundary } }`;
  let park: Record<string, any>;

  const snapshot = async () => (await api.sql(SNAPSHOT, [park.id]))[0];
  const auditRows = async () => api.sql(`SELECT * FROM audit_log WHERE entity = 'park' AND entity_id = $1 ORDER BY id`, [String(park.id)]);
  const auditTotal = async () => (await api.sql('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;

  beforeAll(async () => {
    [park] = await api.sql(`${SNAPSHOT.replace('WHERE id = $1', '')} WHERE parent_park_id IS NULL ORDER BY id DESC LIMIT 1`);
  });

  afterEach(async () => {
    await api.sql(`UPDATE park SET name = $2, level = $3, kind = $4, main_industries = $5, intensity_floor = $6, infrastructure = $7,
                     boundary = ST_GeomFromEWKB(decode($8, 'hex')) WHERE id = $1`,
    [park.id, park.name, park.level, park.kind, park.main_industries, park.intensity_floor, park.infrastructure, park.boundary_hex]);
    expect(await snapshot()).toEqual(park);
  });

  it('lets a planner change a park, writing the audit row with before and after', async () => {
    const [{ geojson, m2 }] = await api.sql(`SELECT ST_AsGeoJSON(g, 12) AS geojson, ST_Area(g::geography) AS m2
      FROM (SELECT ST_Buffer(boundary, -0.001, 'join=mitre') AS g FROM park WHERE id = $1) s`, [park.id]);
    const boundary = JSON.parse(geojson);
    const level = park.level === 'county' ? 'municipal' : 'county';
    const auditBefore = (await auditRows()).length;
    const r = await api.gql('planner', M, { id: String(park.id), input: {
      name: `${park.name}（调区）`, level: level.toUpperCase(), kind: 'HIGH_TECH', intensityFloor: 333.5,
      infrastructure: ['ROAD', 'POWER', 'WATER'], mainIndustries: ['智能装备', '测试产业'], boundary,
    } });
    expect(r.errors).toBeUndefined();
    const u = r.data.updatePark;
    expect(u).toMatchObject({ id: String(park.id), name: `${park.name}（调区）`, level: level.toUpperCase(), kind: 'HIGH_TECH', intensityFloor: 333.5,
      infrastructure: ['ROAD', 'POWER', 'WATER'], mainIndustries: ['智能装备', '测试产业'] });
    expect(u.boundary.type).toBe('MultiPolygon');
    expect(u.areaMu).toBeCloseTo(Number(m2) / M2_PER_MU, 3);

    const [row] = await api.sql(`SELECT name, level, kind, intensity_floor::float8 AS floor, infrastructure, main_industries,
        GeometryType(boundary) AS gtype, ST_Area(boundary::geography) AS m2, ST_Area(ST_GeomFromEWKB(decode($2, 'hex'))::geography) AS old_m2
      FROM park WHERE id = $1`, [park.id, park.boundary_hex]);
    expect(row).toMatchObject({ name: `${park.name}（调区）`, level, kind: 'high_tech', floor: 333.5, infrastructure: ['road', 'power', 'water'],
      main_industries: ['智能装备', '测试产业'], gtype: 'MULTIPOLYGON' });
    expect(Number(row.m2)).toBeCloseTo(Number(m2), 0);
    expect(Number(row.m2)).toBeLessThan(Number(row.old_m2));

    const audit = await auditRows();
    expect(audit.length).toBe(auditBefore + 1);
    const a = audit.at(-1)!;
    expect(a).toMatchObject({ actor_name: 'planner', action: 'update', entity: 'park', entity_id: String(park.id) });
    expect(a.actor_id).not.toBeNull();
    expect(a.before).toMatchObject({ id: park.id, name: park.name, level: park.level, kind: park.kind, intensityFloor: Number(park.intensity_floor),
      mainIndustries: park.main_industries, infrastructure: park.infrastructure });
    expect(a.after).toMatchObject({ id: park.id, name: `${park.name}（调区）`, level, kind: 'high_tech', intensityFloor: 333.5,
      mainIndustries: ['智能装备', '测试产业'], infrastructure: ['road', 'power', 'water'] });
    expect(a.after.boundary.type).toBe('MultiPolygon');
    expect(new Date(a.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('changes only what was sent', async () => {
    const r = await api.gql('planner', M, { id: String(park.id), input: { intensityFloor: 250 } });
    expect(r.errors).toBeUndefined();
    const now = await snapshot();
    expect(Number(now.intensity_floor)).toBe(250);
    expect({ ...now, intensity_floor: park.intensity_floor }).toEqual(park);
  });

  const rejected: [string, DemoUser | null, Record<string, unknown>, string][] = [
    ['a bureau officer', 'bureau', { intensityFloor: 300 }, 'FORBIDDEN'],
    ['a district officer', 'liangyuan', { intensityFloor: 300 }, 'FORBIDDEN'],
    ['an integrator', 'integrator', { intensityFloor: 300 }, 'FORBIDDEN'],
    ['a chain leader', 'chainlead', { intensityFloor: 300 }, 'FORBIDDEN'],
    ['an anonymous caller', null, { intensityFloor: 300 }, 'UNAUTHENTICATED'],
    ['a self-intersecting (bow-tie) boundary', 'planner', {
      name: 'x 园区', boundary: { type: 'Polygon', coordinates: [[[115.6, 34.3], [115.62, 34.32], [115.62, 34.3], [115.6, 34.32], [115.6, 34.3]]] },
    }, 'INVALID_GEOMETRY'],
    ['a boundary in projected metres (CGCS2000 Gauss-Krüger)', 'planner', {
      boundary: { type: 'Polygon', coordinates: [[[38500000, 3800000], [38501000, 3800000], [38501000, 3801000], [38500000, 3801000], [38500000, 3800000]]] },
    }, 'INVALID_GEOMETRY'],
    ['a point as boundary', 'planner', { boundary: { type: 'Point', coordinates: [115.6, 34.4] } }, 'INVALID_GEOMETRY'],
    ['a negative intensity floor', 'planner', { intensityFloor: -1, name: 'y 园区' }, 'INVALID_AMOUNT'],
    ['an empty name', 'planner', { name: '   ' }, 'INVALID_ARGUMENT'],
  ];

  for (const [what, as, input, code] of rejected) {
    it(`rejects ${what} with ${code} and writes nothing`, async () => {
      const before = await snapshot();
      const audit = await auditTotal();
      const r = await api.gql(as, M, { id: String(park.id), input });
      expect(codes(r)).toEqual([code]);
      expect(r.data?.updatePark ?? null).toBeNull();
      expect(await snapshot()).toEqual(before);
      expect(await auditTotal()).toBe(audit);
    });
  }

  it('explains what to fix for bad boundaries', async () => {
    const bow = await api.gql('planner', M, { id: String(park.id), input: rejected[5][2] });
    expect(bow.errors![0].message).toMatch(/Self-intersection/i);
    const metres = await api.gql('planner', M, { id: String(park.id), input: rejected[6][2] });
    expect(metres.errors![0].message).toMatch(/reproject/);
  });

  it('rejects an unknown park with NOT_FOUND and writes nothing', async () => {
    const audit = await auditTotal();
    const r = await api.gql('planner', M, { id: '99999999', input: { intensityFloor: 200 } });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(await auditTotal()).toBe(audit);
  });
});
