// Standard factory buildings against the seeded PostGIS database, checked against independent SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type GqlResult, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

async function sqlIds(where: string, params: unknown[] = []): Promise<number[]> {
  const rows = await api.sql<{ id: number }>(`SELECT t.id FROM factory_building t ${where} ORDER BY t.id`, params);
  return rows.map((r) => Number(r.id));
}

const LIST = `query($first: Int, $after: String, $filter: FactoryBuildingFilter) {
  factoryBuildings(first: $first, after: $after, filter: $filter) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

async function listAll(filter: Record<string, unknown>): Promise<number[]> {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await api.gql('planner', LIST, { first: 200, after, filter });
    expect(r.errors).toBeUndefined();
    const c = r.data.factoryBuildings;
    out.push(...c.nodes.map((n: { id: string }) => Number(n.id)));
    if (!c.pageInfo.hasNextPage) {
      expect(c.totalCount).toBe(out.length);
      return out;
    }
    after = c.pageInfo.endCursor;
  }
}

describe('factoryBuilding(id)', () => {
  it('returns floor space, vacancy rate, location and park as stored', async () => {
    const [row] = await api.sql(`SELECT f.id, f.name, f.floors, f.floor_area_m2::float8 AS floor, f.vacant_floor_area_m2::float8 AS vacant,
        f.park_id, p.name AS park_name, ST_X(f.location) AS x, ST_Y(f.location) AS y, GeometryType(f.footprint) AS ftype
      FROM factory_building f JOIN park p ON p.id = f.park_id
      WHERE f.vacant_floor_area_m2 > 0 AND f.vacant_floor_area_m2 < f.floor_area_m2 ORDER BY f.id LIMIT 1`);
    expect(row, 'the seed has partly let buildings').toBeDefined();
    const r = await api.gql('integrator', `query($id: ID!) { factoryBuilding(id: $id) {
      id name floors floorAreaM2 vacantFloorAreaM2 vacancyRate location footprint park { id name } } }`, { id: String(row.id) });
    expect(r.errors).toBeUndefined();
    const f = r.data.factoryBuilding;
    expect(f).toMatchObject({ id: String(row.id), name: row.name, floors: row.floors, floorAreaM2: row.floor, vacantFloorAreaM2: row.vacant,
      park: { id: String(row.park_id), name: row.park_name } });
    expect(f.vacancyRate).toBeCloseTo(row.vacant / row.floor, 12);
    expect(f.vacancyRate).toBeGreaterThan(0);
    expect(f.vacancyRate).toBeLessThan(1);
    expect(f.location.type).toBe('Point');
    expect(f.location.coordinates[0]).toBeCloseTo(Number(row.x), 8);
    expect(f.location.coordinates[1]).toBeCloseTo(Number(row.y), 8);
    if (row.ftype) expect(f.footprint.type).toBe('Polygon');
  });

  it('gives vacancy rate 1 for an empty building and 0 for a fully let one', async () => {
    const [empty] = await api.sql('SELECT id FROM factory_building WHERE vacant_floor_area_m2 = floor_area_m2 ORDER BY id LIMIT 1');
    const [full] = await api.sql('SELECT id FROM factory_building WHERE vacant_floor_area_m2 = 0 ORDER BY id LIMIT 1');
    expect(empty && full, 'the seed has empty and fully let buildings').toBeTruthy();
    const r = await api.gql('planner', `query($a: ID!, $b: ID!) { a: factoryBuilding(id: $a) { vacancyRate } b: factoryBuilding(id: $b) { vacancyRate } }`,
      { a: String(empty.id), b: String(full.id) });
    expect(r.data).toEqual({ a: { vacancyRate: 1 }, b: { vacancyRate: 0 } });
  });

  it('rejects an unknown id, a malformed id and an anonymous caller', async () => {
    expect(codes(await api.gql('planner', '{ factoryBuilding(id: "99999999") { id } }'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('planner', '{ factoryBuilding(id: "-3") { id } }'))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql(null, '{ factoryBuildings(first: 1) { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('factoryBuildings(first, after, filter)', () => {
  it('pages through every building by ascending id', async () => {
    const all = await sqlIds('');
    expect(all.length).toBeGreaterThan(10);
    const p1 = (await api.gql('planner', LIST, { first: 4 })).data.factoryBuildings;
    expect(p1.totalCount).toBe(all.length);
    expect(p1.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(0, 4));
    const p2 = (await api.gql('planner', LIST, { first: 4, after: p1.pageInfo.endCursor })).data.factoryBuildings;
    expect(p2.nodes.map((n: { id: string }) => Number(n.id))).toEqual(all.slice(4, 8));
    expect(await listAll({})).toEqual(all);
  });

  it('filters by park and by vacancy', async () => {
    const all = await sqlIds('');
    const [{ park_id: parkId }] = await api.sql('SELECT park_id FROM factory_building GROUP BY park_id ORDER BY count(*) DESC, park_id LIMIT 1');
    const inPark = await sqlIds('WHERE t.park_id = $1', [parkId]);
    expect(inPark.length).toBeGreaterThan(0);
    expect(inPark.length).toBeLessThan(all.length);
    expect(await listAll({ parkId: String(parkId) })).toEqual(inPark);

    const vacant = await sqlIds('WHERE t.vacant_floor_area_m2 > 0');
    const full = await sqlIds('WHERE t.vacant_floor_area_m2 = 0');
    expect(vacant.length).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(0);
    expect(await listAll({ hasVacancy: true })).toEqual(vacant);
    expect(await listAll({ hasVacancy: false })).toEqual(full);
    expect(await listAll({ hasVacancy: true, parkId: String(parkId) })).toEqual(inPark.filter((id) => vacant.includes(id)));
  });

  it('filters by name text, bounding box, region and distance', async () => {
    const all = await sqlIds('');
    const [b] = await api.sql(`SELECT f.name, f.park_id, p.region_id, ST_X(f.location) AS lon, ST_Y(f.location) AS lat,
        ST_XMin(p.boundary) AS x0, ST_YMin(p.boundary) AS y0, ST_XMax(p.boundary) AS x1, ST_YMax(p.boundary) AS y1
      FROM factory_building f JOIN park p ON p.id = f.park_id ORDER BY f.id LIMIT 1`);
    const text = (b.name as string).replace(/\d+号楼$/, '');
    const byText = await sqlIds(`WHERE t.name ILIKE '%' || $1 || '%'`, [text]);
    expect(byText.length).toBeGreaterThan(0);
    expect(await listAll({ text })).toEqual(byText);

    const bbox = [Number(b.x0), Number(b.y0), Number(b.x1), Number(b.y1)];
    const inBox = await sqlIds('WHERE ST_Intersects(t.location, ST_MakeEnvelope($1, $2, $3, $4, 4326))', bbox);
    expect(inBox.length).toBeGreaterThan(0);
    expect(inBox.length).toBeLessThan(all.length);
    expect(await listAll({ bbox })).toEqual(inBox);

    const inRegion = await sqlIds('WHERE ST_Intersects(t.location, (SELECT boundary FROM region WHERE id = $1))', [b.region_id]);
    expect(inRegion.length).toBeGreaterThan(0);
    expect(await listAll({ withinRegionId: String(b.region_id) })).toEqual(inRegion);

    const near = { lon: Number(b.lon), lat: Number(b.lat), meters: 800 };
    const nearIds = await sqlIds('WHERE ST_Distance(t.location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) <= $3', [near.lon, near.lat, near.meters]);
    expect(nearIds.length).toBeGreaterThan(0);
    expect(await listAll({ near })).toEqual(nearIds);
  });

  it('rejects a malformed park id and a bad bounding box', async () => {
    expect(codes(await api.gql('planner', LIST, { filter: { parkId: 'one' } }))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql('planner', LIST, { filter: { bbox: [115, 34, 116] } }))).toEqual(['INVALID_ARGUMENT']);
  });
});

describe('Park.factoryBuildings', () => {
  it('lists every park\'s buildings as SQL does', async () => {
    const r = await api.gql('planner', '{ parks(first: 100) { nodes { id factoryBuildings { id park { id } } } } }');
    expect(r.errors).toBeUndefined();
    const rows = await api.sql(`SELECT p.id, coalesce(array_agg(f.id ORDER BY f.id) FILTER (WHERE f.id IS NOT NULL), '{}') AS ids
                                FROM park p LEFT JOIN factory_building f ON f.park_id = p.id GROUP BY p.id ORDER BY p.id`);
    const got = r.data.parks.nodes.map((p: any) => ({ id: Number(p.id), ids: p.factoryBuildings.map((f: { id: string }) => Number(f.id)) }));
    expect(got).toEqual(rows.map((x) => ({ id: Number(x.id), ids: (x.ids as number[]).map(Number) })));
    expect(got.filter((p: { ids: number[] }) => p.ids.length > 0).length).toBeGreaterThan(1);
    for (const p of r.data.parks.nodes) expect(p.factoryBuildings.every((f: { park: { id: string } }) => f.park.id === p.id)).toBe(true);
  });

  it('runs the same number of statements for 2 buildings as for 80', async () => {
    const q = `query($n: Int) { factoryBuildings(first: $n) { nodes { name vacancyRate park { name region { name } factoryBuildings { name } } } } }`;
    const small = await api.gqlCounted('planner', q, { n: 2 });
    const large = await api.gqlCounted('planner', q, { n: 80 });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.factoryBuildings.nodes.length).toBe(Math.min(80, (await sqlIds('')).length));
    expect(large.statements).toBe(small.statements);
  });
});
