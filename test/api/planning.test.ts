// Planners (issue 9): theme figures against independent SQL, 闲置 / 圈大建小 flags, 亩均 grades, the site finder on
// hand-built parcels, and the fit check. Hand-built rows live far from the demo parks and are removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../db/src';
import { codes, createTestApi, type TestApi } from '../support/api';

const M2_PER_MU = 10000 / 15;
let api: TestApi;
let base: string;

// Test ground east of the demo parks: metres → degrees at this latitude (the parcels are axis-aligned rectangles).
const LON0 = 116.0, LAT0 = 34.75;
const MX = 111320 * Math.cos((LAT0 * Math.PI) / 180), MY = 110950;
const rect = (x0: number, y0: number, w: number, h: number) => {
  const a = LON0 + x0 / MX, b = LAT0 + y0 / MY, c = LON0 + (x0 + w) / MX, d = LAT0 + (y0 + h) / MY;
  return `SRID=4326;MULTIPOLYGON(((${a} ${b},${c} ${b},${c} ${d},${a} ${d},${a} ${b})))`;
};
const made = { parks: [] as number[], parcels: [] as number[], projects: [] as number[] };
const P: Record<string, number> = {};

async function park(name: string, floor: number, x0: number, y0: number, w: number, h: number, industries: string[]): Promise<number> {
  const [{ id }] = await api.sql(
    `INSERT INTO park (name, level, kind, region_id, boundary, intensity_floor, main_industries, infrastructure)
     VALUES ($1, 'provincial', 'cluster', (SELECT id FROM region WHERE level = 'city' LIMIT 1), ST_GeomFromEWKT($2), $3, $4, '{road,power,water}') RETURNING id`,
    [name, rect(x0, y0, w, h), floor, industries]);
  made.parks.push(id);
  return id;
}
async function parcel(code: string, parkId: number, geom: string, landUse: string, status: string, extra: Record<string, unknown> = {}): Promise<number> {
  const [{ id }] = await api.sql(
    `INSERT INTO parcel (code, park_id, geom, land_use, supply_status, floor_area_ratio, built_far, supplied_on)
     VALUES ($1, $2, ST_GeomFromEWKT($3), $4, $5, $6, $7, $8) RETURNING id`,
    [code, parkId, geom, landUse, status, extra.far ?? null, extra.builtFar ?? null, extra.suppliedOn ?? null]);
  made.parcels.push(id);
  P[code] = id;
  return id;
}

beforeAll(async () => {
  api = await createTestApi();
  base = await api.atlas.listen(0, '127.0.0.1');
  const k1 = await park('测试选址园一', 180, -100, -100, 3000, 1500, ['大豆食品']);
  const k2 = await park('测试选址园二', 400, -100, 2000, 1500, 1000, ['电子信息']);
  // Park one: A and B touch (330 亩 together); C is 600 m off, D touches C but is residential.
  await parcel('T9-A', k1, rect(0, 0, 300, 400), 'M1', 'available');
  await parcel('T9-B', k1, rect(300, 0, 250, 400), 'M1', 'available');
  await parcel('T9-C', k1, rect(1150, 0, 300, 400), 'M1', 'available');
  await parcel('T9-D', k1, rect(1450, 0, 250, 400), 'R', 'available');
  // Park two (floor 400 万元/亩): one large parcel alone meets 300 亩.
  await parcel('T9-E', k2, rect(0, 2100, 500, 450), 'M1', 'available');
  // Flags: supplied long ago and never started, supplied recently, marked idle, 圈大建小, built properly.
  await parcel('T9-IDLE-OLD', k1, rect(0, 600, 100, 100), 'M1', 'supplied', { suppliedOn: '2020-01-01' });
  await parcel('T9-IDLE-NEW', k1, rect(200, 600, 100, 100), 'M1', 'supplied', { suppliedOn: new Date(Date.now() - 30 * 86400e3).toISOString().slice(0, 10) });
  await parcel('T9-IDLE-MARK', k1, rect(400, 600, 100, 100), 'M2', 'idle', { suppliedOn: '2023-05-01' });
  await parcel('T9-LOW', k1, rect(600, 600, 100, 100), 'M1', 'built', { far: 2.0, builtFar: 0.5, suppliedOn: '2015-01-01' });
  await parcel('T9-OK', k1, rect(800, 600, 100, 100), 'M1', 'built', { far: 2.0, builtFar: 1.8, suppliedOn: '2015-01-01' });
  P.k1 = k1;
  P.k2 = k2;
});

afterAll(async () => {
  if (made.projects.length) await api.sql('DELETE FROM project WHERE id = ANY($1)', [made.projects]);
  if (made.parcels.length) await api.sql('DELETE FROM parcel WHERE id = ANY($1)', [made.parcels]);
  if (made.parks.length) await api.sql('DELETE FROM park WHERE id = ANY($1)', [made.parks]);
  await new Promise<void>((r) => api.atlas.httpServer.close(() => r()));
  await api.close();
});

const FIND = `query($c: SiteCriteria!) { findSites(criteria: $c) { totalCount sites { rank kind parcelIds areaMu distanceM intensity intensityFloor meetsIntensityFloor outline park { name } } } }`;
const near = { lon: LON0, lat: LAT0, meters: 5000 };
const codesOf = (ids: string[]) => ids.map((id) => Object.keys(P).find((k) => String(P[k]) === id)).sort();

describe('site finder', () => {
  it('finds adjacent parcels that meet the need only together, and marks a park whose floor the project misses', async () => {
    const r = await api.gql('planner', FIND, { c: { landNeedMu: 300, landUses: ['M1'], fixedAssetInvestment: 300 * 200, near } });
    expect(r.errors).toBeUndefined();
    const sites = r.data.findSites.sites;
    expect(sites.map((s: any) => [s.kind, codesOf(s.parcelIds), s.meetsIntensityFloor])).toEqual([
      ['GROUP', ['T9-A', 'T9-B'], true],
      ['SINGLE', ['T9-E'], false],
    ]);
    const [group, single] = sites;
    const [{ ab, e }] = await api.sql(`SELECT (SELECT sum(ST_Area(geom::geography)) FROM parcel WHERE code IN ('T9-A','T9-B')) AS ab,
                                              (SELECT ST_Area(geom::geography) FROM parcel WHERE code = 'T9-E') AS e`);
    expect(group.areaMu).toBeCloseTo(Number(ab) / M2_PER_MU, 3);
    expect(group.areaMu).toBeGreaterThan(300);
    expect(single.areaMu).toBeCloseTo(Number(e) / M2_PER_MU, 3);
    expect(group.park.name).toBe('测试选址园一');
    expect(group.intensity).toBeCloseTo(200, 6);
    expect(single.intensityFloor).toBe(400);
    expect(['MultiPolygon', 'Polygon']).toContain(group.outline.type);
    expect(group.rank).toBe(1);
  });

  it('does not join parcels 600 m apart, nor count land of the wrong use', async () => {
    // C (180 亩) + D (150 亩, residential) would meet 300 亩 only if the wrong use counted.
    const m1 = await api.gql('planner', FIND, { c: { landNeedMu: 300, landUses: ['M1'], near, parkId: String(P.k1) } });
    expect(m1.data.findSites.sites.map((s: any) => codesOf(s.parcelIds))).toEqual([['T9-A', 'T9-B']]);
    const any = await api.gql('planner', FIND, { c: { landNeedMu: 300, near, parkId: String(P.k1) } });
    expect(any.data.findSites.sites.map((s: any) => codesOf(s.parcelIds)).sort()).toEqual([['T9-A', 'T9-B'], ['T9-C', 'T9-D']]);
    // 200 亩: no single parcel of park one is big enough; groups still are.
    const small = await api.gql('planner', FIND, { c: { landNeedMu: 170, landUses: ['M1'], near, parkId: String(P.k1) } });
    expect(small.data.findSites.sites.map((s: any) => [s.kind, codesOf(s.parcelIds)])).toEqual(expect.arrayContaining([
      ['SINGLE', ['T9-A']], ['SINGLE', ['T9-C']], ['GROUP', ['T9-A', 'T9-B']],
    ]));
  });

  it('filters by park industry and infrastructure, and rejects a bad need', async () => {
    const soy = await api.gql('planner', FIND, { c: { landNeedMu: 300, near, industry: '大豆' } });
    expect(soy.data.findSites.sites.every((s: any) => s.park.name === '测试选址园一')).toBe(true);
    const gas = await api.gql('planner', FIND, { c: { landNeedMu: 300, near, infrastructure: ['GAS'] } });
    expect(gas.data.findSites.sites).toEqual([]);
    expect(codes(await api.gql('planner', FIND, { c: { landNeedMu: -1 } }))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql(null, FIND, { c: { landNeedMu: 1 } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('idle land and 圈大建小', () => {
  it('flags parcels by the configured rules', async () => {
    const ids = ['T9-IDLE-OLD', 'T9-IDLE-NEW', 'T9-IDLE-MARK', 'T9-LOW', 'T9-OK', 'T9-A'].map((c) => String(P[c]));
    const flags: Record<string, { idle: boolean; lowBuild: boolean }> = {};
    for (const id of ids) {
      const r = await api.gql('planner', `query($id: ID!) { parcel(id: $id) { code landFlags { idle lowBuild } } }`, { id });
      flags[r.data.parcel.code] = r.data.parcel.landFlags;
    }
    expect(flags).toEqual({
      'T9-IDLE-OLD': { idle: true, lowBuild: false }, 'T9-IDLE-NEW': { idle: false, lowBuild: false },
      'T9-IDLE-MARK': { idle: true, lowBuild: false }, 'T9-LOW': { idle: false, lowBuild: true },
      'T9-OK': { idle: false, lowBuild: false }, 'T9-A': { idle: false, lowBuild: false },
    });
    // The idle period is data: at 10 days the recent supply counts as idle too.
    await api.sql('UPDATE planner_setting SET idle_after_days = 10');
    try {
      const r = await api.gql('planner', `query($id: ID!) { parcel(id: $id) { landFlags { idle } } }`, { id: String(P['T9-IDLE-NEW']) });
      expect(r.data.parcel.landFlags.idle).toBe(true);
    } finally {
      await api.sql('UPDATE planner_setting SET idle_after_days = 365');
    }
  });

  it('counts them per park', async () => {
    const r = await api.gql('planner', `query($id: ID!) { park(id: $id) { capacity { availableMu idleMu idleParcelCount lowBuildMu lowBuildParcelCount largestSiteMu } } }`, { id: String(P.k1) });
    const c = r.data.park.capacity;
    const [x] = await api.sql(`SELECT
      (SELECT sum(ST_Area(geom::geography)) FROM parcel WHERE code IN ('T9-IDLE-OLD', 'T9-IDLE-MARK')) AS idle,
      (SELECT ST_Area(geom::geography) FROM parcel WHERE code = 'T9-LOW') AS low,
      (SELECT sum(ST_Area(geom::geography)) FROM parcel WHERE code IN ('T9-A', 'T9-B', 'T9-C', 'T9-D')) AS avail,
      (SELECT sum(ST_Area(geom::geography)) FROM parcel WHERE code IN ('T9-C', 'T9-D')) AS cd`);
    expect(c.idleParcelCount).toBe(2);
    expect(c.idleMu).toBeCloseTo(Number(x.idle) / M2_PER_MU, 4);
    expect(c.lowBuildParcelCount).toBe(1);
    expect(c.lowBuildMu).toBeCloseTo(Number(x.low) / M2_PER_MU, 4);
    expect(c.availableMu).toBeCloseTo(Number(x.avail) / M2_PER_MU, 4);
    // C + D (330 亩) is the largest contiguous group; A + B is 330 亩 as well, to within rounding of the geodesic area.
    expect(c.largestSiteMu).toBeGreaterThan(320);
    expect(c.largestSiteMu).toBeLessThan(Number(x.avail) / M2_PER_MU);
  });

  it('landStats.idleMu follows the same rule: the parcel supplied long ago and never started counts, not only status 闲置', async () => {
    const r = await api.gql('planner', `query($id: ID!) { park(id: $id) { landStats { idleMu } } }`, { id: String(P.k1) });
    expect(r.errors).toBeUndefined();
    const [x] = await api.sql(`SELECT
      (SELECT sum(ST_Area(geom::geography)) FROM parcel WHERE code IN ('T9-IDLE-OLD', 'T9-IDLE-MARK')) AS idle,
      (SELECT ST_Area(geom::geography) FROM parcel WHERE code = 'T9-IDLE-MARK') AS marked`);
    expect(r.data.park.landStats.idleMu).toBeCloseTo(Number(x.idle) / M2_PER_MU, 4);
    expect(r.data.park.landStats.idleMu).toBeGreaterThan(Number(x.marked) / M2_PER_MU + 1);
  });
});

describe('theme figures on the map features', () => {
  it('match independent SQL for every demo park', async () => {
    const r = await fetch(`${base}/ogc/collections/parks/items?limit=1000`, { headers: { 'x-api-key': DEMO_API_KEY } });
    const body = await r.json();
    const rows = await api.sql(`SELECT p.id,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id AND x.supply_status = 'available') AS available,
        (SELECT coalesce(sum(ST_Area(x.geom::geography)), 0) FROM parcel x WHERE x.park_id = p.id AND (x.supply_status = 'idle'
            OR (x.supply_status = 'supplied' AND x.supplied_on < current_date - 365))) AS idle,
        (SELECT count(*) FROM parcel x WHERE x.park_id = p.id AND x.supply_status = 'built' AND x.built_far < 0.5 * x.floor_area_ratio) AS low_count,
        (SELECT coalesce(sum(b.vacant_floor_area_m2), 0) FROM factory_building b WHERE b.park_id = p.id) AS vacant,
        (SELECT sum(e.annual_output) / sum(e.land_area_mu) FROM enterprise_land_performance e WHERE e.park_id = p.id) AS opm,
        (SELECT sum(e.annual_tax) / sum(e.land_area_mu) FROM enterprise_land_performance e WHERE e.park_id = p.id) AS tpm
      FROM park p ORDER BY p.id`);
    expect(body.features.length).toBe(rows.length);
    const grade = (o: number, t: number) => (o >= 300 && t >= 15 ? 'A' : o >= 150 && t >= 8 ? 'B' : o >= 60 && t >= 3 ? 'C' : 'D');
    const grades = new Set<string>();
    for (const x of rows) {
      const f = body.features.find((g: any) => g.id === x.id);
      expect(f.properties.availableMu).toBeCloseTo(Number(x.available) / M2_PER_MU, 1);
      expect(f.properties.idleMu).toBeCloseTo(Number(x.idle) / M2_PER_MU, 1);
      expect(f.properties.lowBuildCount).toBe(Number(x.low_count));
      expect(f.properties.vacantFloorM2).toBeCloseTo(Number(x.vacant), 0);
      if (x.opm === null) expect(f.properties.grade).toBeNull();
      else {
        expect(f.properties.outputPerMu).toBeCloseTo(Number(x.opm), 1);
        expect(f.properties.taxPerMu).toBeCloseTo(Number(x.tpm), 2);
        expect(f.properties.grade).toBe(grade(Number(x.opm), Number(x.tpm)));
        grades.add(f.properties.grade);
      }
    }
    expect(grades.size).toBeGreaterThan(0);
    const parcels = await (await fetch(`${base}/ogc/collections/parcels/items?limit=10000&parkId=${P.k1}`, { headers: { 'x-api-key': DEMO_API_KEY } })).json();
    const low = parcels.features.find((g: any) => g.properties.code === 'T9-LOW');
    expect(low.properties).toMatchObject({ lowBuild: true, idle: false });
  });

  it('grades enterprises from their synthetic 亩均 figures, every grade occurring in the demo', async () => {
    const rows = await api.sql(`SELECT e.enterprise_id AS id, e.annual_output / e.land_area_mu AS o, e.annual_tax / e.land_area_mu AS t, e.synthetic FROM enterprise_land_performance e ORDER BY e.enterprise_id LIMIT 400`);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((x: any) => x.synthetic)).toBe(true);
    const seen = new Set<string>();
    for (const x of rows.slice(0, 40)) {
      const r = await api.gql('planner', `query($id: ID!) { enterprise(id: $id) { muYield { outputPerMu taxPerMu grade synthetic } } }`, { id: String(x.id) });
      const y = r.data.enterprise.muYield;
      expect(y.outputPerMu).toBeCloseTo(Number(x.o), 4);
      const o = Number(x.o), t = Number(x.t);
      expect(y.grade).toBe(o >= 300 && t >= 15 ? 'A' : o >= 150 && t >= 8 ? 'B' : o >= 60 && t >= 3 ? 'C' : 'D');
      expect(y.synthetic).toBe(true);
    }
    const all = await api.sql(`SELECT DISTINCT mu_grade_of(annual_output / land_area_mu, annual_tax / land_area_mu)::text AS g FROM enterprise_land_performance`);
    for (const g of all) seen.add(g.g);
    expect([...seen].sort()).toEqual(['A', 'B', 'C', 'D']);
    const th = await api.gql('planner', '{ muGradeThresholds { grade minOutputPerMu minTaxPerMu } }');
    expect(th.data.muGradeThresholds.map((g: any) => g.grade)).toEqual(['A', 'B', 'C']);
  });
});

describe('fit check', () => {
  async function project(fields: Record<string, unknown>): Promise<string> {
    const [{ id }] = await api.sql(
      `INSERT INTO project (id, code, name, introducing_unit_id, category_code, park_id, chain_node_id, land_need_mu, fixed_asset_investment, stage)
       VALUES (nextval('project_id_seq'), $1, $2, (SELECT id FROM assessment_unit ORDER BY id LIMIT 1), 'manufacturing', $3,
               (SELECT n.id FROM chain_node n JOIN chain c ON c.id = n.chain_id WHERE c.name = $4 ORDER BY n.id LIMIT 1), $5, $6, 'negotiating') RETURNING id`,
      [`T9-PRJ-${made.projects.length}`, `测试项目${made.projects.length}`, fields.park, fields.chain, fields.need, fields.fai]);
    made.projects.push(id);
    return String(id);
  }
  const FIT = `query($id: ID!) { fitCheck(projectId: $id) { status items { aspect status reason reasonEn } } project(id: $id) { fitCheck { status } } }`;
  const statuses = (r: any) => Object.fromEntries(r.data.fitCheck.items.map((i: any) => [i.aspect, i.status]));

  it('passes a project that fits its park on land, intensity and industry', async () => {
    const chain = (await api.sql(`SELECT name FROM chain WHERE name LIKE '%大豆%' LIMIT 1`))[0].name;
    const id = await project({ park: P.k1, chain, need: 300, fai: 300 * 200 });
    const r = await api.gql('planner', FIT, { id });
    expect(r.errors).toBeUndefined();
    expect(statuses(r)).toEqual({ LAND: 'PASS', INTENSITY: 'PASS', INDUSTRY: 'PASS' });
    expect(r.data.fitCheck.status).toBe('PASS');
    expect(r.data.project.fitCheck.status).toBe('PASS');
  });

  it('warns with the reason when land, floor or industry do not fit', async () => {
    const chain = (await api.sql(`SELECT name FROM chain WHERE name LIKE '%新能源%' LIMIT 1`))[0].name;
    // Park two: 337 亩 available in one parcel, floor 400, main industry 电子信息.
    const id = await project({ park: P.k2, chain, need: 500, fai: 500 * 250 });
    const r = await api.gql('planner', FIT, { id });
    expect(statuses(r)).toEqual({ LAND: 'WARN', INTENSITY: 'WARN', INDUSTRY: 'WARN' });
    const reasons = r.data.fitCheck.items.map((i: any) => i.reason).join('\n');
    expect(reasons).toContain('低于园区门槛 400');
    expect(reasons).toContain('250.0 万元/亩');
    expect(reasons).toContain('电子信息');
    expect(r.data.fitCheck.status).toBe('WARN');
    // Park one has 660 亩 available, but no single contiguous 500 亩.
    const id2 = await project({ park: P.k1, chain, need: 500, fai: 500 * 250 });
    const r2 = await api.gql('planner', FIT, { id: id2 });
    expect(r2.data.fitCheck.items.find((i: any) => i.aspect === 'LAND').reason).toContain('最大连片');
    expect(codes(await api.gql('planner', FIT, { id: '99999999' }))).toContain('NOT_FOUND');
  });
});

describe('search ranking', () => {
  it('puts a park above projects that merely mention its name', async () => {
    const [{ id }] = await api.sql(
      `INSERT INTO project (id, code, name, introducing_unit_id, category_code, stage)
       VALUES (nextval('project_id_seq'), 'T9-SEARCH', '古宋经济技术开发区配套物流项目', (SELECT id FROM assessment_unit ORDER BY id LIMIT 1), 'manufacturing', 'lead') RETURNING id`);
    made.projects.push(id);
    const r = await api.gql('planner', `{ search(text: "古宋经济技术开发区", limit: 10) { kind name } }`);
    expect(r.errors).toBeUndefined();
    const hits = r.data.search;
    expect(hits.some((h: any) => h.kind === 'PROJECT' && h.name.startsWith('古宋经济技术开发区'))).toBe(true);
    expect(hits[0]).toEqual({ kind: 'PARK', name: '商丘古宋经济技术开发区' });
  });
});
