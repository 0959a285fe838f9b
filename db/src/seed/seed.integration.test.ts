import { createHash, randomBytes } from 'node:crypto';
import { compareSync } from 'bcryptjs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import type { Sql } from '../sql';
import { usccProblem } from '../uscc';
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_REFERENCE_DATE, seedDemo, type SeedSummary } from './index';

// A real PostgreSQL + PostGIS; each run works in its own throw-away databases.
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = randomBytes(4).toString('hex');
// The assertions hold for any seed; SEED_TEST_SEED lets a run try another one.
const SEED = Number(process.env.SEED_TEST_SEED ?? 2026);

interface Db { name: string; client: Client; sql: Sql }
const opened: Db[] = [];

async function freshDatabase(label: string): Promise<Db> {
  const name = `atlas_seed_test_${RUN}_${label}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const sql: Sql = {
    query: async <T,>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    exec: async (script: string) => { await client.query(script); },
  };
  const db = { name, client, sql };
  opened.push(db);
  await migrate(sql);
  return db;
}

const TABLES = [
  'region', 'park', 'parcel', 'factory_building', 'official', 'assessment_unit', 'annual_target', 'enterprise',
  'enterprise_relation', 'chain', 'chain_node', 'chain_owner', 'enterprise_chain_node', 'target_enterprise', 'target_activity',
  'project', 'project_stage_event', 'fund_arrival', 'project_milestone', 'app_user', 'user_chain',
];

async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const [r] = await sql.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${t} t`);
    out[t] = r.h;
  }
  return out;
}

let db: Db;
let summary: SeedSummary;
let seconds = 0;
const one = async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await db.sql.query<T>(text, params))[0];
const all = <T = Record<string, unknown>>(text: string, params?: unknown[]) => db.sql.query<T>(text, params);

beforeAll(async () => {
  db = await freshDatabase('a');
  const t0 = performance.now();
  summary = await seedDemo(db.sql, { seed: SEED });
  seconds = (performance.now() - t0) / 1000;
});

afterAll(async () => {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (const d of opened) {
      await d.client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${d.name}`);
    }
  } finally {
    await admin.end();
  }
});

describe('seedDemo: the synthetic 商丘 demo city', () => {
  it('seeds the counts of the spec within a few seconds', () => {
    expect(seconds).toBeLessThan(20);
    expect(summary).toMatchObject({
      region: 12, parcel: 600, factory_building: 40, enterprise: 800, chain: 4, assessment_unit: 14, annual_target: 28,
      target_enterprise: 120, project: 150, app_user: 6, user_chain: 2, api_key: 1,
    });
    expect(summary.park).toBeGreaterThanOrEqual(12);
    expect(summary.official).toBeGreaterThanOrEqual(12);
    expect(summary.chain_node).toBeGreaterThanOrEqual(32);
    for (const t of ['enterprise_relation', 'chain_owner', 'enterprise_chain_node', 'target_activity', 'project_stage_event', 'fund_arrival', 'project_milestone']) {
      expect(summary[t], t).toBeGreaterThan(0);
    }
  });

  it('refuses a database that already has data and leaves it untouched', async () => {
    await expect(seedDemo(db.sql, { seed: SEED })).rejects.toThrow(/empty/);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM project')).n).toBe(150);
  });

  it('has the province, the city and ten districts with valid boundaries nested in each other', async () => {
    const rows = await all<{ code: string; level: string; parent: string | null; valid: boolean; type: string }>(
      `SELECT r.code, r.level, p.code AS parent, ST_IsValid(r.boundary) AS valid, GeometryType(r.boundary) AS type
       FROM region r LEFT JOIN region p ON p.id = r.parent_id ORDER BY r.code`);
    expect(rows.map((r) => r.code)).toEqual(['410000', '411400', '411402', '411403', '411421', '411422', '411423', '411424', '411425', '411426', '411481', '411499']);
    expect(rows.every((r) => r.valid && r.type === 'MULTIPOLYGON')).toBe(true);
    expect(rows.filter((r) => r.level === 'district').every((r) => r.parent === '411400')).toBe(true);
    const nested = await one<{ bad: number; overlap: number }>(
      `SELECT (SELECT count(*) FROM region c JOIN region p ON p.id = c.parent_id
                WHERE NOT ST_CoveredBy(c.boundary, ST_Buffer(p.boundary, 1e-6)))::int AS bad,
              (SELECT count(*) FROM region a JOIN region b ON a.id < b.id AND a.level = 'district' AND b.level = 'district'
                WHERE ST_Area(ST_Intersection(a.boundary, b.boundary)) > 1e-9)::int AS overlap`);
    expect(nested).toEqual({ bad: 0, overlap: 0 });
  });

  it('places parks inside their regions, apart from each other, with a 园中园 and an enclave', async () => {
    const parks = await all<{ id: number; level: string; kind: string; parent: number | null; admin: number | null; region: number; km2: number; inside: boolean; floor: string; valid: boolean }>(
      `SELECT p.id, p.level, p.kind, p.parent_park_id AS parent, p.administered_by_region_id AS admin, p.region_id AS region,
              ST_Area(p.boundary::geography) / 1e6 AS km2, ST_CoveredBy(p.boundary, r.boundary) AS inside,
              p.intensity_floor::text AS floor, ST_IsValid(p.boundary) AS valid
       FROM park p JOIN region r ON r.id = p.region_id`);
    expect(parks.length).toBeGreaterThanOrEqual(12);
    for (const p of parks) {
      expect(p.valid && p.inside, `park ${p.id}`).toBe(true);
      expect(p.km2, `park ${p.id} area`).toBeGreaterThanOrEqual(2);
      expect(p.km2, `park ${p.id} area`).toBeLessThanOrEqual(20.5);
    }
    expect(new Set(parks.map((p) => p.level))).toEqual(new Set(['national', 'provincial', 'municipal', 'county']));
    expect(new Set(parks.map((p) => p.kind))).toEqual(new Set(['etdz', 'high_tech', 'cluster', 'bonded']));
    expect(parks.some((p) => p.admin !== null && p.admin !== p.region)).toBe(true);
    expect(parks.filter((p) => p.kind === 'cluster' && p.parent === null).every((p) => p.floor === '180.00')).toBe(true);
    expect(parks.filter((p) => p.kind === 'high_tech' && p.level === 'provincial').every((p) => p.floor === '280.00')).toBe(true);
    const nesting = await one<{ children: number; inside: number; overlaps: number }>(
      `SELECT (SELECT count(*) FROM park WHERE parent_park_id IS NOT NULL)::int AS children,
              (SELECT count(*) FROM park c JOIN park p ON p.id = c.parent_park_id WHERE ST_CoveredBy(c.boundary, p.boundary))::int AS inside,
              (SELECT count(*) FROM park a JOIN park b ON a.id < b.id
                WHERE ST_Intersects(a.boundary, b.boundary) AND a.id IS DISTINCT FROM b.parent_park_id AND b.id IS DISTINCT FROM a.parent_park_id)::int AS overlaps`);
    expect(nesting.children).toBeGreaterThanOrEqual(1);
    expect(nesting.inside).toBe(nesting.children);
    expect(nesting.overlaps).toBe(0);
  });

  it('cuts parcels inside parks, without overlaps, over every supply status', async () => {
    const g = await one<{ invalid: number; outside: number; overlaps: number; badsupply: number; badfar: number; badproject: number; codes: number }>(
      `SELECT (SELECT count(*) FROM parcel WHERE NOT ST_IsValid(geom))::int AS invalid,
              (SELECT count(*) FROM parcel c JOIN park p ON p.id = c.park_id WHERE NOT ST_CoveredBy(c.geom, ST_Buffer(p.boundary, 1e-7)))::int AS outside,
              (SELECT count(*) FROM parcel a JOIN parcel b ON a.id < b.id AND ST_Intersects(a.geom, b.geom))::int AS overlaps,
              (SELECT count(*) FROM parcel WHERE (supplied_on IS NOT NULL) <> (supply_status IN ('supplied', 'under_construction', 'built', 'idle')))::int AS badsupply,
              (SELECT count(*) FROM parcel WHERE built_far IS NOT NULL AND supply_status <> 'built')::int AS badfar,
              (SELECT count(*) FROM parcel c JOIN project p ON p.id = c.project_id WHERE p.park_id IS DISTINCT FROM c.park_id OR p.parcel_id IS DISTINCT FROM c.id)::int AS badproject,
              (SELECT count(*) FROM parcel WHERE code !~ '^SQ-[A-Z]+-[0-9]{4}$')::int AS codes`);
    expect(g).toEqual({ invalid: 0, outside: 0, overlaps: 0, badsupply: 0, badfar: 0, badproject: 0, codes: 0 });
    const statuses = (await all<{ s: string }>('SELECT DISTINCT supply_status::text AS s FROM parcel')).map((r) => r.s);
    expect(new Set(statuses)).toEqual(new Set(['reserve', 'available', 'supplied', 'under_construction', 'built', 'idle']));
    const uses = (await all<{ u: string; n: number }>('SELECT land_use::text AS u, count(*)::int AS n FROM parcel GROUP BY 1')).reduce<Record<string, number>>((a, r) => ({ ...a, [r.u]: r.n }), {});
    for (const u of ['M1', 'M2', 'W', 'B', 'G', 'reserve']) expect(uses[u], u).toBeGreaterThan(0);
    expect(uses.M1 + uses.M2 + uses.W).toBeGreaterThan(300);
    const sparse = await one<{ n: number }>(`SELECT count(*)::int AS n FROM parcel WHERE supply_status = 'built' AND built_far < floor_area_ratio * 0.5`);
    expect(sparse.n).toBeGreaterThan(0);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM parcel WHERE project_id IS NOT NULL')).n).toBeGreaterThan(10);
  });

  it('stands factory buildings inside parks with sensible vacancy', async () => {
    const f = await one<{ outside: number; footprint: number; empty: number; full: number }>(
      `SELECT (SELECT count(*) FROM factory_building b JOIN park p ON p.id = b.park_id WHERE NOT ST_Within(b.location, p.boundary))::int AS outside,
              (SELECT count(*) FROM factory_building b JOIN park p ON p.id = b.park_id WHERE b.footprint IS NULL OR NOT ST_IsValid(b.footprint) OR NOT ST_CoveredBy(b.footprint, p.boundary))::int AS footprint,
              (SELECT count(*) FROM factory_building WHERE vacant_floor_area_m2 = floor_area_m2)::int AS empty,
              (SELECT count(*) FROM factory_building WHERE vacant_floor_area_m2 = 0)::int AS full`);
    expect(f.outside).toBe(0);
    expect(f.footprint).toBe(0);
    expect(f.empty).toBeGreaterThan(0);
    expect(f.full).toBeGreaterThan(0);
  });

  it('builds four chains of at least 8 nodes over three segments, with strong, weak and missing nodes', async () => {
    const chains = await all<{ code: string; nodes: number; segments: number; leader: number | null; outside_plan: number; owners: number; roots: number }>(
      `SELECT c.code, count(n.*)::int AS nodes, count(DISTINCT n.segment)::int AS segments, c.leader_official_id AS leader,
              count(*) FILTER (WHERE NOT n.in_local_plan)::int AS outside_plan,
              (SELECT count(*) FROM chain_owner o WHERE o.chain_id = c.id)::int AS owners,
              count(*) FILTER (WHERE n.parent_id IS NULL)::int AS roots
       FROM chain c JOIN chain_node n ON n.chain_id = c.id GROUP BY c.id ORDER BY c.id`);
    expect(chains.map((c) => c.code)).toEqual(['soybean', 'nev_parts', 'refrigeration', 'superhard']);
    for (const c of chains) {
      expect(c.nodes).toBeGreaterThanOrEqual(8);
      expect(c.segments).toBe(3);
      expect(c.leader).not.toBeNull();
      expect(c.outside_plan).toBeGreaterThanOrEqual(1);
      expect(c.owners).toBeGreaterThanOrEqual(1);
      expect(c.roots).toBe(1);
    }
    const soybean = (await all<{ name: string }>(`SELECT n.name FROM chain_node n JOIN chain c ON c.id = n.chain_id WHERE c.code = 'soybean' ORDER BY n.sort_order`)).map((r) => r.name);
    expect(soybean).toEqual(expect.arrayContaining(['良种繁育', '专用大豆种植', '初级加工', '综合利用', '深度开发', '大豆蛋白', '大豆卵磷脂', '大豆异黄酮']));
    const status = await all<{ code: string; status: string; n: number }>(
      `WITH s AS (
         SELECT n.chain_id, n.id,
                CASE WHEN count(e.id) = 0 THEN 'missing'
                     WHEN count(e.id) >= n.benchmark_count AND coalesce(sum(m.output), 0) >= n.benchmark_output THEN 'strong'
                     ELSE 'weak' END AS status
         FROM chain_node n
         LEFT JOIN enterprise_chain_node m ON m.chain_node_id = n.id
         LEFT JOIN enterprise e ON e.id = m.enterprise_id AND e.is_local
         WHERE n.in_local_plan GROUP BY n.id)
       SELECT c.code, s.status, count(*)::int AS n FROM s JOIN chain c ON c.id = s.chain_id GROUP BY 1, 2`);
    for (const code of ['soybean', 'nev_parts', 'refrigeration', 'superhard']) {
      for (const st of ['strong', 'weak', 'missing']) expect(status.some((r) => r.code === code && r.status === st), `${code} ${st}`).toBe(true);
    }
    const tree = await one<{ n: number }>('SELECT count(*)::int AS n FROM chain_node c JOIN chain_node p ON p.id = c.parent_id WHERE p.chain_id <> c.chain_id');
    expect(tree.n).toBe(0);
  });

  it('has 300 local and 500 outside synthetic enterprises with valid, unique USCCs', async () => {
    const e = await one<{ local: number; outside: number; synthetic: number; misplaced: number; localcity: number; outsideregion: number; uniq: number }>(
      `SELECT count(*) FILTER (WHERE is_local)::int AS local, count(*) FILTER (WHERE NOT is_local)::int AS outside,
              count(*) FILTER (WHERE synthetic)::int AS synthetic,
              count(*) FILTER (WHERE is_local AND NOT ST_Within(location, (SELECT boundary FROM region r WHERE r.id = enterprise.region_id)))::int AS misplaced,
              count(*) FILTER (WHERE is_local AND city = '商丘市' AND region_id IS NOT NULL)::int AS localcity,
              count(*) FILTER (WHERE NOT is_local AND region_id IS NULL AND source_region IS NOT NULL)::int AS outsideregion,
              count(DISTINCT uscc)::int AS uniq
       FROM enterprise`);
    expect(e).toEqual({ local: 300, outside: 500, synthetic: 800, misplaced: 0, localcity: 300, outsideregion: 500, uniq: 800 });
    const codes = await all<{ uscc: string }>('SELECT uscc FROM enterprise UNION ALL SELECT company_uscc FROM project WHERE company_uscc IS NOT NULL');
    expect(codes.filter((c) => usccProblem(c.uscc) !== null)).toEqual([]);
    const local = await all<{ uscc: string; code: string }>('SELECT e.uscc, r.code FROM enterprise e JOIN region r ON r.id = e.region_id');
    expect(local.every((r) => r.uscc.slice(2, 8) === r.code)).toBe(true);
    const tagged = await one<{ local: number; outside: number }>(
      `SELECT avg((cardinality(tags) > 0)::int) FILTER (WHERE is_local)::float AS local, avg((cardinality(tags) > 0)::int) FILTER (WHERE NOT is_local)::float AS outside FROM enterprise`);
    expect(tagged.local).toBeLessThan(tagged.outside);
  });

  it('assigns targets to gap nodes, with a dated pipeline history and overdue next actions', async () => {
    const t = await one<{ n: number; statuses: number; overdue: number; strong: number; outside: number; badactivity: number }>(
      `WITH strong AS (
         SELECT n.id FROM chain_node n
         JOIN enterprise_chain_node m ON m.chain_node_id = n.id JOIN enterprise e ON e.id = m.enterprise_id AND e.is_local
         GROUP BY n.id HAVING count(*) >= max(n.benchmark_count) AND sum(m.output) >= max(n.benchmark_output))
       SELECT count(*)::int AS n, count(DISTINCT status)::int AS statuses,
              count(*) FILTER (WHERE next_action_due < $1::date AND status NOT IN ('signed', 'dropped'))::int AS overdue,
              count(*) FILTER (WHERE chain_node_id IN (SELECT id FROM strong))::int AS strong,
              count(*) FILTER (WHERE enterprise_id IN (SELECT id FROM enterprise WHERE NOT is_local))::int AS outside,
              (SELECT count(*) FROM target_activity a JOIN target_enterprise x ON x.id = a.target_id WHERE a.occurred_on < x.created_on OR a.occurred_on > $1::date)::int AS badactivity
       FROM target_enterprise`, [DEMO_REFERENCE_DATE]);
    expect(t).toMatchObject({ n: 120, statuses: 6, strong: 0, outside: 120, badactivity: 0 });
    expect(t.overdue).toBeGreaterThan(5);
  });

  it('gives every project its full, ordered stage history up to the reference date', async () => {
    const rows = await all<{ id: number; stage: string; stages: string[]; dates: string[] }>(
      `SELECT p.id, p.stage::text, array_agg(e.stage::text ORDER BY e.stage) AS stages, array_agg(e.entered_on::text ORDER BY e.stage) AS dates
       FROM project p JOIN project_stage_event e ON e.project_id = p.id GROUP BY p.id`);
    expect(rows.length).toBe(150);
    const forward = ['lead', 'negotiating', 'signed', 'started', 'completed', 'in_production', 'at_capacity'];
    for (const r of rows) {
      const sorted = [...r.dates].sort();
      expect(r.dates, `project ${r.id} dates`).toEqual(sorted);
      expect(r.stages[r.stages.length - 1], `project ${r.id} final stage`).toBe(r.stage);
      expect(r.dates[0] >= '2024-12-01' && r.dates[r.dates.length - 1] <= DEMO_REFERENCE_DATE, `project ${r.id} window`).toBe(true);
      const path = r.stages.filter((s) => forward.includes(s));
      expect(path, `project ${r.id} path`).toEqual(forward.slice(0, path.length));
      if (r.stage === 'eliminated') expect(path.length).toBeLessThanOrEqual(2);
      if (r.stage === 'terminated') expect(path.length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set([...forward, 'eliminated', 'terminated']));
  });

  it('fills projects as the assessment rules need them', async () => {
    const p = await one<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE agreed_investment >= 10000)::float / count(*) AS big,
              count(*) FILTER (WHERE agreed_investment < 2000 OR agreed_investment > 300000)::int AS range,
              count(*) FILTER (WHERE NOT ST_Within(location, (SELECT boundary FROM region r WHERE r.id = project.region_id)))::int AS region,
              count(*) FILTER (WHERE park_id IS NOT NULL AND NOT ST_Within(location, (SELECT boundary FROM park k WHERE k.id = project.park_id)))::int AS park,
              count(*) FILTER (WHERE park_id IS NOT NULL AND fixed_asset_investment / nullif(land_need_mu, 0) < (SELECT intensity_floor FROM park k WHERE k.id = project.park_id))::int AS under,
              count(*) FILTER (WHERE target_enterprise_id IS NOT NULL)::int AS from_targets,
              count(*) FILTER (WHERE foreign_investment > 0)::int AS foreign,
              count(*) FILTER (WHERE company_uscc IS NOT NULL)::int AS registered,
              count(*) FILTER (WHERE company_uscc IS NOT NULL AND stage IN ('lead', 'negotiating', 'eliminated'))::int AS early_registered,
              count(DISTINCT category_code)::int AS categories,
              (SELECT count(*) FROM project x JOIN assessment_unit u ON u.id = x.introducing_unit_id JOIN region r ON r.id = x.region_id
                WHERE u.kind = 'department' AND r.code IN ('411421', '411422', '411423', '411424', '411425', '411426', '411481'))::int AS dept_in_county,
              count(*) FILTER (WHERE code !~ '^P20[0-9]{2}-[0-9]{4}$')::int AS codes
       FROM project`);
    expect(p.big).toBeGreaterThan(0.2);
    expect(p.big).toBeLessThan(0.5);
    expect(p).toMatchObject({ range: 0, region: 0, park: 0, early_registered: 0, categories: 14, codes: 0 });
    expect(p.under).toBeGreaterThanOrEqual(2);
    expect(p.under).toBeLessThanOrEqual(15);
    expect(p.from_targets).toBeGreaterThan(5);
    expect(p.foreign).toBeGreaterThan(5);
    expect(p.registered).toBeGreaterThan(50);
    expect(p.dept_in_county).toBeGreaterThan(0);
  });

  it('records fund arrivals only after signing, dated, evidenced and below the agreed investment', async () => {
    const f = await one<Record<string, number>>(
      `WITH signed AS (SELECT project_id, entered_on FROM project_stage_event WHERE stage = 'signed')
       SELECT count(*)::int AS n,
              count(*) FILTER (WHERE s.entered_on IS NULL OR f.arrived_on <= s.entered_on OR f.arrived_on > $1::date)::int AS misdated,
              count(*) FILTER (WHERE f.recorded_by IS NOT NULL OR f.evidence_ref !~ '^豫商银凭字20[0-9]{2}第[0-9]{6}号$')::int AS evidence,
              count(DISTINCT f.evidence_ref)::int AS refs,
              count(*) FILTER (WHERE f.foreign_amount * 7.1 > f.amount)::int AS foreign,
              (SELECT count(*) FROM project p WHERE (SELECT sum(amount) FROM fund_arrival x WHERE x.project_id = p.id) > p.agreed_investment * 1.05)::int AS over,
              (SELECT count(*) FROM project p WHERE p.stage = 'signed' AND (SELECT sum(amount) FROM fund_arrival x WHERE x.project_id = p.id) > p.agreed_investment * 0.3)::int AS young
       FROM fund_arrival f LEFT JOIN signed s ON s.project_id = f.project_id`, [DEMO_REFERENCE_DATE]);
    expect(f).toMatchObject({ misdated: 0, evidence: 0, refs: f.n, foreign: 0, over: 0, young: 0 });
    const kinds = (await all<{ k: string }>('SELECT DISTINCT kind::text AS k FROM fund_arrival')).map((r) => r.k);
    expect(kinds).toEqual(expect.arrayContaining(['land_transfer', 'fixed_asset', 'registered_capital']));
    const m = await one<{ overdue: number; done: number; orphan: number }>(
      `SELECT count(*) FILTER (WHERE done_on IS NULL AND due_on < $1::date)::int AS overdue, count(*) FILTER (WHERE done_on IS NOT NULL)::int AS done,
              count(*) FILTER (WHERE project_id NOT IN (SELECT project_id FROM project_stage_event WHERE stage = 'started'))::int AS orphan
       FROM project_milestone`, [DEMO_REFERENCE_DATE]);
    expect(m.overdue).toBeGreaterThan(0);
    expect(m.done).toBeGreaterThan(0);
    expect(m.orphan).toBe(0);
  });

  it('splits the annual targets exactly: 100亿 / 6700万美元 / 40 for districts, 12.4亿 / 1700万美元 for departments', async () => {
    const rows = await all<{ year: number; kind: string; total: string; foreign: string; count: number; units: number }>(
      `SELECT t.year, u.kind::text, sum(t.total_amount)::text AS total, sum(t.foreign_amount)::text AS foreign,
              sum(t.big_project_count)::int AS count, count(*)::int AS units
       FROM annual_target t JOIN assessment_unit u ON u.id = t.unit_id GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(rows).toEqual([
      { year: 2025, kind: 'department', total: '124000.00', foreign: '1700.00', count: expect.any(Number), units: 4 },
      { year: 2025, kind: 'district', total: '1000000.00', foreign: '6700.00', count: 40, units: 10 },
      { year: 2026, kind: 'department', total: '124000.00', foreign: '1700.00', count: expect.any(Number), units: 4 },
      { year: 2026, kind: 'district', total: '1000000.00', foreign: '6700.00', count: 40, units: 10 },
    ]);
    const distinct = await one<{ n: number }>(`SELECT count(DISTINCT total_amount)::int AS n FROM annual_target WHERE year = 2026`);
    expect(distinct.n).toBeGreaterThan(3);
  });

  it('creates exactly the demo users, with the demo password and the integrator key', async () => {
    const users = await all<{ username: string; role: string; password_hash: string | null; api_key_hash: string | null; key_mutations: string[] | null; demo_password: string | null; is_demo: boolean; unit: string | null; official_id: number | null; chains: string[] | null }>(
      `SELECT a.username, a.role::text, a.password_hash, k.key_hash AS api_key_hash, k.mutations AS key_mutations, a.demo_password, a.is_demo, u.name AS unit, a.official_id,
              (SELECT array_agg(c.code ORDER BY c.code) FROM user_chain x JOIN chain c ON c.id = x.chain_id WHERE x.user_id = a.id) AS chains
       FROM app_user a LEFT JOIN assessment_unit u ON u.id = a.unit_id LEFT JOIN api_key k ON k.user_id = a.id ORDER BY a.id`);
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'], ['planner', 'planner'], ['chainlead', 'chain_leader'], ['bureau', 'bureau'], ['liangyuan', 'district'], ['integrator', 'integrator'],
    ]);
    const hashes = new Set(users.filter((u) => u.password_hash).map((u) => u.password_hash));
    expect(hashes.size).toBe(1);
    expect(compareSync(DEMO_PASSWORD, [...hashes][0]!)).toBe(true);
    expect(users.filter((u) => u.username !== 'integrator').every((u) => u.is_demo && u.demo_password === DEMO_PASSWORD)).toBe(true);
    const integrator = users.find((u) => u.username === 'integrator')!;
    expect(integrator.password_hash).toBeNull();
    expect(integrator.api_key_hash).toBe(createHash('sha256').update(DEMO_API_KEY).digest('hex'));
    expect(integrator.key_mutations).toEqual([]);
    expect(users.find((u) => u.username === 'liangyuan')!.unit).toBe('梁园区');
    const chainlead = users.find((u) => u.username === 'chainlead')!;
    expect(chainlead.chains).toEqual(['nev_parts', 'soybean']);
    const leader = await one<{ id: number }>(`SELECT leader_official_id AS id FROM chain WHERE code = 'soybean'`);
    expect(chainlead.official_id).toBe(leader.id);
  });

  it('never writes a date or timestamp after the reference date', async () => {
    const late = await one<Record<string, number>>(
      `SELECT (SELECT count(*) FROM parcel WHERE supplied_on > $1::date)::int AS parcel,
              (SELECT count(*) FROM target_enterprise WHERE created_on > $1::date)::int AS target,
              (SELECT count(*) FROM target_activity WHERE occurred_on > $1::date)::int AS activity,
              (SELECT count(*) FROM project WHERE company_registered_on > $1::date OR created_at >= $1::date + 1 OR updated_at >= $1::date + 1)::int AS project,
              (SELECT count(*) FROM project_stage_event WHERE entered_on > $1::date OR recorded_at >= $1::date + 1)::int AS event,
              (SELECT count(*) FROM fund_arrival WHERE arrived_on > $1::date OR recorded_at >= $1::date + 1)::int AS fund,
              (SELECT count(*) FROM project_milestone WHERE done_on > $1::date)::int AS milestone`, [DEMO_REFERENCE_DATE]);
    expect(late).toEqual({ parcel: 0, target: 0, activity: 0, project: 0, event: 0, fund: 0, milestone: 0 });
  });

  it('moves every serial past the seeded ids', async () => {
    await db.sql.exec('BEGIN');
    try {
      const [o] = await db.sql.query<{ id: number }>(`INSERT INTO official (name, title) VALUES ('测试', '测试') RETURNING id`);
      const [p] = await db.sql.query<{ id: number }>(
        `INSERT INTO project (code, name, introducing_unit_id, category_code) VALUES ('T-1', '测试', 1, 'manufacturing') RETURNING id`);
      expect(o.id).toBe(summary.official + 1);
      expect(p.id).toBe(summary.project + 1);
    } finally {
      await db.sql.exec('ROLLBACK');
    }
  });

  it('is deterministic: the same seed gives identical rows, another seed and scale do not', async () => {
    const again = await freshDatabase('b');
    await seedDemo(again.sql, { seed: SEED });
    expect(await fingerprint(again.sql)).toEqual(await fingerprint(db.sql));
    const other = await freshDatabase('c');
    const small = await seedDemo(other.sql, { seed: SEED + 1, scale: 0.5 });
    expect(small).toMatchObject({ parcel: 300, factory_building: 20, enterprise: 400, target_enterprise: 60, project: 75, region: 12 });
    const names = await other.sql.query<{ name: string }>('SELECT name FROM enterprise ORDER BY id LIMIT 5');
    const first = await all<{ name: string }>('SELECT name FROM enterprise ORDER BY id LIMIT 5');
    expect(names).not.toEqual(first);
  });
});
