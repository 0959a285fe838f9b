import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, codes, type TestApi } from '../support/api';

// Aggregates through the real server, each checked against an independent SQL statement on the same database.
let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
const byKey = <T extends Record<string, any>>(rows: T[], ...keys: string[]) => new Map(rows.map((r) => [keys.map((k) => String(r[k] ?? '')).join('|'), r]));

describe('aggregates', () => {
  it('projects by stage: count and Σ agreed investment', async () => {
    const r = await api.gql('integrator', `{ projectAggregates(groupBy: [STAGE]) { stage count agreedInvestment regionId } }`);
    expect(r.errors).toBeUndefined();
    const sql = await api.sql(`SELECT upper(stage::text) AS stage, count(*)::int AS n, coalesce(sum(agreed_investment), 0)::float AS agreed FROM project GROUP BY stage`);
    const got = byKey(r.data.projectAggregates, 'stage');
    expect(got.size).toBe(sql.length);
    for (const s of sql) {
      expect(got.get(s.stage)!.count).toBe(s.n);
      close(got.get(s.stage)!.agreedInvestment, s.agreed);
      expect(got.get(s.stage)!.regionId).toBeNull();
    }
  });

  it('projects filtered like the list, by region and signing month, with funds in place as of a date', async () => {
    const filter = { stages: ['SIGNED', 'STARTED', 'COMPLETED', 'IN_PRODUCTION'], minAgreedInvestment: 1000 };
    const r = await api.gql('planner', `query($f: ProjectFilter) { projectAggregates(filter: $f, groupBy: [REGION, MONTH], fundsAsOf: "2026-06-30") { regionId regionName month count agreedInvestment fundsInPlace } }`, { f: filter });
    expect(r.errors).toBeUndefined();
    const sql = await api.sql(`
      SELECT p.region_id::text AS region, r.name, to_char(s.entered_on, 'YYYY-MM') AS month, count(*)::int AS n,
             coalesce(sum(p.agreed_investment), 0)::float AS agreed,
             coalesce(sum((SELECT sum(a.amount) FROM fund_arrival a WHERE a.project_id = p.id AND a.arrived_on <= '2026-06-30')), 0)::float AS funds
      FROM project p LEFT JOIN region r ON r.id = p.region_id
      LEFT JOIN project_stage_event s ON s.project_id = p.id AND s.stage = 'signed'
      WHERE p.stage IN ('signed', 'started', 'completed', 'in_production') AND p.agreed_investment >= 1000
      GROUP BY 1, 2, 3`);
    // The list with the same filter sees the same projects.
    const list = await api.gql('planner', `query($f: ProjectFilter) { projects(filter: $f, first: 1) { totalCount } }`, { f: filter });
    expect(r.data.projectAggregates.reduce((s: number, b: any) => s + b.count, 0)).toBe(list.data.projects.totalCount);
    const got = byKey(r.data.projectAggregates, 'regionId', 'month');
    expect(got.size).toBe(sql.length);
    expect(sql.some((s) => s.funds > 0)).toBe(true);
    for (const s of sql) {
      const b = got.get(`${s.region ?? ''}|${s.month ?? ''}`)!;
      expect(b.count).toBe(s.n);
      expect(b.regionName).toBe(s.name);
      close(b.agreedInvestment, s.agreed);
      close(b.fundsInPlace, s.funds);
    }
  });

  it('projects by chain node and category', async () => {
    const r = await api.gql('chainlead', `{ projectAggregates(groupBy: [CHAIN_NODE, CATEGORY]) { chainNodeId chainNodeName categoryCode categoryName count } }`);
    const sql = await api.sql(`SELECT p.chain_node_id::text AS node, n.name, p.category_code AS cat, c.name AS cname, count(*)::int AS n
      FROM project p LEFT JOIN chain_node n ON n.id = p.chain_node_id JOIN assessment_category c ON c.code = p.category_code GROUP BY 1, 2, 3, 4`);
    const got = byKey(r.data.projectAggregates, 'chainNodeId', 'categoryCode');
    expect(got.size).toBe(sql.length);
    for (const s of sql) expect(got.get(`${s.node ?? ''}|${s.cat}`)!).toMatchObject({ count: s.n, chainNodeName: s.name, categoryName: s.cname });
  });

  it('parcels by land use and supply status with Σ area in 亩, and by region and supply month', async () => {
    const r = await api.gql('planner', `{ parcelAggregates(groupBy: [LAND_USE, SUPPLY_STATUS]) { landUse supplyStatus count areaMu } }`);
    const sql = await api.sql(`SELECT land_use::text AS lu, supply_status::text AS ss, count(*)::int AS n, sum(ST_Area(geom::geography)) / (10000.0 / 15) AS mu FROM parcel GROUP BY 1, 2`);
    const got = byKey(r.data.parcelAggregates, 'landUse', 'supplyStatus');
    expect(got.size).toBe(sql.length);
    for (const s of sql) {
      const b = got.get(`${s.lu === 'reserve' ? 'RESERVE' : s.lu}|${s.ss.toUpperCase()}`)!;
      expect(b.count).toBe(s.n);
      close(b.areaMu, Number(s.mu));
    }
    const m = await api.gql('planner', `{ parcelAggregates(groupBy: [REGION, MONTH], filter: { supplyStatuses: [SUPPLIED, IDLE] }) { regionId month count } }`);
    expect(m.errors).toBeUndefined();
    const msql = await api.sql(`SELECT k.region_id::text AS region, to_char(p.supplied_on, 'YYYY-MM') AS month, count(*)::int AS n
      FROM parcel p LEFT JOIN park k ON k.id = p.park_id WHERE p.supply_status IN ('supplied', 'idle') GROUP BY 1, 2`);
    const mgot = byKey(m.data.parcelAggregates, 'regionId', 'month');
    expect(mgot.size).toBe(msql.length);
    for (const s of msql) expect(mgot.get(`${s.region ?? ''}|${s.month ?? ''}`)!.count).toBe(s.n);
  });

  it('factory buildings by park: Σ floor and Σ vacant floor', async () => {
    const r = await api.gql('integrator', `{ factoryBuildingAggregates(groupBy: [PARK], filter: { hasVacancy: true }) { parkId parkName count floorAreaM2 vacantFloorAreaM2 } }`);
    expect(r.errors).toBeUndefined();
    const sql = await api.sql(`SELECT b.park_id::text AS park, k.name, count(*)::int AS n, sum(floor_area_m2)::float AS floor, sum(vacant_floor_area_m2)::float AS vacant
      FROM factory_building b JOIN park k ON k.id = b.park_id WHERE vacant_floor_area_m2 > 0 GROUP BY 1, 2`);
    const got = byKey(r.data.factoryBuildingAggregates, 'parkId');
    expect(got.size).toBe(sql.length);
    for (const s of sql) {
      expect(got.get(s.park)!).toMatchObject({ parkName: s.name, count: s.n });
      close(got.get(s.park)!.vacantFloorAreaM2, s.vacant);
      close(got.get(s.park)!.floorAreaM2, s.floor);
    }
  });

  it('local enterprises by chain node', async () => {
    const r = await api.gql('chainlead', `{ enterpriseAggregates(groupBy: [CHAIN_NODE], filter: { isLocal: true }) { chainNodeId count revenue } }`);
    const sql = await api.sql(`SELECT x.chain_node_id::text AS node, count(*)::int AS n, coalesce(sum(e.revenue), 0)::float AS rev
      FROM enterprise e JOIN enterprise_chain_node x ON x.enterprise_id = e.id WHERE e.is_local GROUP BY 1`);
    const got = byKey(r.data.enterpriseAggregates, 'chainNodeId');
    expect(got.size).toBe(sql.length);
    for (const s of sql) { expect(got.get(s.node)!.count).toBe(s.n); close(got.get(s.node)!.revenue, s.rev); }
  });

  it('bins parcels into hexagons: every parcel in one cell, and each cell holds the parcels whose point lies in it', async () => {
    const r = await api.gql('planner', `{ parcelAggregates(grid: { shape: HEXAGON, sizeMeters: 3000 }) { cell count areaMu } }`);
    expect(r.errors).toBeUndefined();
    const cells = r.data.parcelAggregates;
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM parcel`);
    expect(cells.reduce((s: number, c: any) => s + c.count, 0)).toBe(n);
    expect(cells.length).toBeGreaterThan(3);
    for (const c of cells.slice(0, 5)) {
      expect(c.cell.type).toBe('Polygon');
      expect(c.cell.coordinates[0]).toHaveLength(7);
      const [{ m }] = await api.sql(`SELECT count(*)::int AS m FROM parcel WHERE ST_Within(ST_PointOnSurface(geom), ST_GeomFromGeoJSON($1))`, [JSON.stringify(c.cell)]);
      expect(m).toBe(c.count);
    }
    const sq = await api.gql('planner', `{ projectAggregates(groupBy: [STAGE], grid: { shape: SQUARE, sizeMeters: 5000 }, filter: { bbox: [115.3, 34.2, 115.9, 34.6] }) { stage cell count } }`);
    expect(sq.errors).toBeUndefined();
    const [{ p }] = await api.sql(`SELECT count(*)::int AS p FROM project WHERE location && ST_MakeEnvelope(115.3, 34.2, 115.9, 34.6, 4326) AND ST_Intersects(location, ST_MakeEnvelope(115.3, 34.2, 115.9, 34.6, 4326))`);
    expect(sq.data.projectAggregates.reduce((s: number, c: any) => s + c.count, 0)).toBe(p);
    expect(sq.data.projectAggregates[0].cell.coordinates[0]).toHaveLength(5);
  });

  it('refuses grids that would cut too many cells, and anonymous callers', async () => {
    expect(codes(await api.gql('planner', `{ parcelAggregates(grid: { shape: SQUARE, sizeMeters: 50 }) { count } }`))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql(null, `{ parcelAggregates(groupBy: [LAND_USE]) { count } }`))).toEqual(['UNAUTHENTICATED']);
  });
});
