import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
let liangyuanUnit: string;
let otherUnit: string;
let park: { id: string; regionId: number };

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id code name stage introducingUnit { id } region { name } stageHistory { stage enteredOn } } }`;
const MOVE = `mutation($id: ID!, $to: ProjectStage!, $on: LocalDate!) { moveProjectStage(id: $id, to: $to, on: $on) { id stage stageHistory { stage enteredOn } } }`;
const FUND = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id amount foreignAmount arrivedOn kind evidenceRef } }`;

async function newProject(as: 'bureau' | 'liangyuan' | 'admin', unitId: string, extra: Record<string, unknown> = {}) {
  const r = await api.gql(as, CREATE, { input: { name: `测试项目-${Math.round(Math.random() * 1e9)}`, introducingUnitId: unitId, categoryCode: 'manufacturing', leadOn: '2026-01-05', ...extra } });
  expect(r.errors).toBeUndefined();
  return r.data.createProject as { id: string; code: string };
}

const auditCount = async (entity: string, id: string) =>
  (await api.sql(`SELECT count(*)::int AS n FROM audit_log WHERE entity = $1 AND entity_id = $2`, [entity, id]))[0].n as number;

beforeAll(async () => {
  api = await createTestApi();
  const [u] = await api.sql(`SELECT u.id FROM assessment_unit u JOIN app_user a ON a.unit_id = u.id WHERE a.username = 'liangyuan'`);
  liangyuanUnit = String(u.id);
  const [o] = await api.sql(`SELECT id FROM assessment_unit WHERE id <> $1 AND kind = 'district' ORDER BY id LIMIT 1`, [u.id]);
  otherUnit = String(o.id);
  const [p] = await api.sql(`SELECT id, region_id FROM park ORDER BY id LIMIT 1`);
  park = { id: String(p.id), regionId: p.region_id };
});
afterAll(() => api.close());

describe('projects: reading', () => {
  it('lists with totalCount equal to SQL and pages with cursors without overlap', async () => {
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM project`);
    const first = await api.gql('integrator', `{ projects(first: 7) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.projects.totalCount).toBe(n);
    expect(first.data.projects.nodes).toHaveLength(7);
    const second = await api.gql('integrator', `query($after: String) { projects(first: 7, after: $after) { nodes { id } } }`, { after: first.data.projects.pageInfo.endCursor });
    const ids1 = first.data.projects.nodes.map((x: { id: string }) => Number(x.id));
    const ids2 = second.data.projects.nodes.map((x: { id: string }) => Number(x.id));
    expect(Math.min(...ids2)).toBeGreaterThan(Math.max(...ids1));
  });

  it('filters by stage, unit, park and signing window like SQL does', async () => {
    const [{ n: signedStarted }] = await api.sql(`SELECT count(*)::int AS n FROM project WHERE stage IN ('signed','started')`);
    const r = await api.gql('bureau', `{ projects(filter: { stages: [SIGNED, STARTED] }) { totalCount } }`);
    expect(r.data.projects.totalCount).toBe(signedStarted);
    const [{ n: window }] = await api.sql(`SELECT count(DISTINCT project_id)::int AS n FROM project_stage_event WHERE stage = 'signed' AND entered_on BETWEEN '2025-01-01' AND '2025-12-31'`);
    const w = await api.gql('bureau', `{ projects(filter: { signedFrom: "2025-01-01", signedTo: "2025-12-31" }) { totalCount } }`);
    expect(w.data.projects.totalCount).toBe(window);
    expect(window).toBeGreaterThan(0);
    const [{ n: inPark }] = await api.sql(`SELECT count(*)::int AS n FROM project WHERE park_id = $1`, [park.id]);
    const pk = await api.gql('bureau', `query($p: ID!) { projects(filter: { parkId: $p }) { totalCount } park(id: $p) { projects(first: 1) { totalCount } } }`, { p: park.id });
    expect(pk.data.projects.totalCount).toBe(inPark);
    expect(pk.data.park.projects.totalCount).toBe(inPark);
  });

  it('finds projects within N metres of a point, as ST_DWithin on geography does', async () => {
    const [c] = await api.sql(`SELECT ST_X(location) AS x, ST_Y(location) AS y FROM project WHERE location IS NOT NULL ORDER BY id LIMIT 1`);
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM project WHERE ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1,$2),4326)::geography, 5000)`, [c.x, c.y]);
    const r = await api.gql('bureau', `query($lon: Float!, $lat: Float!) { projects(filter: { near: { lon: $lon, lat: $lat, meters: 5000 } }) { totalCount } }`, { lon: c.x, lat: c.y });
    expect(r.data.projects.totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
  });

  it('shows stage history and funds in place, also as of a past date', async () => {
    const [p] = await api.sql(`SELECT f.project_id AS id, sum(f.amount) AS total, min(f.arrived_on)::text AS first_on
      FROM fund_arrival f GROUP BY f.project_id HAVING count(*) > 1 ORDER BY f.project_id LIMIT 1`);
    const [{ s: upToFirst }] = await api.sql(`SELECT sum(amount) AS s FROM fund_arrival WHERE project_id = $1 AND arrived_on <= $2`, [p.id, p.first_on]);
    const r = await api.gql('bureau', `query($id: ID!, $d: LocalDate) { project(id: $id) { stageHistory { stage enteredOn } fundArrivals { amount } fundsInPlace asOf: fundsInPlace(asOf: $d) } }`, { id: String(p.id), d: p.first_on });
    expect(r.data.project.fundsInPlace).toBeCloseTo(Number(p.total), 2);
    expect(r.data.project.asOf).toBeCloseTo(Number(upToFirst), 2);
    const dates = r.data.project.stageHistory.map((e: { enteredOn: string }) => e.enteredOn);
    expect([...dates].sort()).toEqual(dates);
  });

  it('flags projects under their park intensity floor exactly as the formula says', async () => {
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM project p JOIN park k ON k.id = p.park_id
      WHERE p.land_need_mu > 0 AND p.fixed_asset_investment / p.land_need_mu < k.intensity_floor`);
    const r = await api.gql('planner', `{ projects(filter: { belowIntensityFloor: true }, first: 100) { totalCount nodes { investmentIntensity belowIntensityFloor park { intensityFloor } } } }`);
    expect(r.data.projects.totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
    for (const x of r.data.projects.nodes) {
      expect(x.belowIntensityFloor).toBe(true);
      expect(x.investmentIntensity).toBeLessThan(x.park.intensityFloor);
    }
  });

  it('answers NOT_FOUND for an unknown id and UNAUTHENTICATED without credentials', async () => {
    expect(codes(await api.gql('bureau', `{ project(id: "99999999") { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(null, `{ projects { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql('bureau', `{ projects(first: 100000) { totalCount } }`))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql('bureau', `{ projects(after: "nonsense") { totalCount } }`))).toEqual(['INVALID_CURSOR']);
  });
});

describe('projects: writing', () => {
  it('creates a project as a lead, derives its region from the point, and audits it', async () => {
    const [pt] = await api.sql(`SELECT ST_X(ST_PointOnSurface(boundary)) AS x, ST_Y(ST_PointOnSurface(boundary)) AS y FROM park WHERE id = $1`, [park.id]);
    const r = await api.gql('bureau', CREATE, { input: { name: '测试新能源电池项目', introducingUnitId: otherUnit, categoryCode: 'manufacturing', parkId: park.id,
      location: { type: 'Point', coordinates: [pt.x, pt.y] }, agreedInvestment: 12000, companyUscc: '91350100M000100Y43', companyRegisteredOn: '2026-01-02', leadOn: '2026-01-03' } });
    expect(r.errors).toBeUndefined();
    const p = r.data.createProject;
    expect(p.stage).toBe('LEAD');
    expect(p.code).toMatch(/^P2026-\d{4}$/);
    expect(p.stageHistory).toEqual([{ stage: 'LEAD', enteredOn: '2026-01-03' }]);
    const [reg] = await api.sql(`SELECT r.name FROM region r WHERE ST_Covers(r.boundary, ST_SetSRID(ST_MakePoint($1,$2),4326)) ORDER BY ST_Area(r.boundary) LIMIT 1`, [pt.x, pt.y]);
    expect(p.region.name).toBe(reg.name);
    const [a] = await api.sql(`SELECT actor_name, action, before, after FROM audit_log WHERE entity = 'project' AND entity_id = $1`, [p.id]);
    expect(a).toMatchObject({ actor_name: 'bureau', action: 'create', before: null });
    expect(a.after.name).toBe('测试新能源电池项目');
  });

  it('places a project given only a park on a point inside that park', async () => {
    const r = await api.gql('bureau', CREATE, { input: { name: '只选园区的项目', introducingUnitId: otherUnit, categoryCode: 'manufacturing', parkId: park.id, leadOn: '2026-01-03' } });
    expect(r.errors).toBeUndefined();
    const [row] = await api.sql(`SELECT ST_Covers(k.boundary, p.location) AS inside, p.region_id FROM project p JOIN park k ON k.id = p.park_id WHERE p.id = $1`, [r.data.createProject.id]);
    expect(row).toEqual({ inside: true, region_id: park.regionId });
  });

  it('walks the lifecycle forward with dates, and records funds after signing', async () => {
    const p = await newProject('bureau', otherUnit);
    for (const [to, on] of [['NEGOTIATING', '2026-02-01'], ['SIGNED', '2026-03-01'], ['STARTED', '2026-03-01']] as const) {
      const r = await api.gql('bureau', MOVE, { id: p.id, to, on });
      expect(r.errors).toBeUndefined();
      expect(r.data.moveProjectStage.stage).toBe(to);
    }
    const f = await api.gql('bureau', FUND, { input: { projectId: p.id, arrivedOn: '2026-03-10', amount: 800, foreignAmount: 50, kind: 'FIXED_ASSET', evidenceRef: '测试凭证-001' } });
    expect(f.errors).toBeUndefined();
    expect(f.data.recordFundArrival).toMatchObject({ amount: 800, foreignAmount: 50, kind: 'FIXED_ASSET' });
    const events = await api.sql(`SELECT stage::text, entered_on::text FROM project_stage_event WHERE project_id = $1 ORDER BY id`, [p.id]);
    expect(events.map((e) => e.stage)).toEqual(['lead', 'negotiating', 'signed', 'started']);
    expect(await auditCount('project', p.id)).toBe(4);
    expect(await auditCount('fund_arrival', f.data.recordFundArrival.id)).toBe(1);
  });

  it('rejects illegal moves and out-of-order dates, writing nothing', async () => {
    const p = await newProject('bureau', otherUnit);
    const skip = await api.gql('bureau', MOVE, { id: p.id, to: 'SIGNED', on: '2026-02-01' });
    expect(codes(skip)).toEqual(['ILLEGAL_STAGE_MOVE']);
    expect(skip.errors![0].message).toMatch(/only to NEGOTIATING or ELIMINATED/);
    const early = await api.gql('bureau', MOVE, { id: p.id, to: 'NEGOTIATING', on: '2025-12-31' });
    expect(codes(early)).toEqual(['STAGE_DATE_OUT_OF_ORDER']);
    const term = await api.gql('bureau', MOVE, { id: p.id, to: 'TERMINATED', on: '2026-02-01' });
    expect(codes(term)).toEqual(['ILLEGAL_STAGE_MOVE']);
    const future = await api.gql('bureau', MOVE, { id: p.id, to: 'NEGOTIATING', on: '2099-01-01' });
    expect(codes(future)).toEqual(['INVALID_DATE']);
    const badDate = await api.gql('bureau', MOVE, { id: p.id, to: 'NEGOTIATING', on: '2026-02-30' });
    expect(codes(badDate)).toEqual(['INVALID_DATE']);
    const [row] = await api.sql(`SELECT stage::text, (SELECT count(*)::int FROM project_stage_event WHERE project_id = p.id) AS events FROM project p WHERE id = $1`, [p.id]);
    expect(row).toEqual({ stage: 'lead', events: 1 });
    expect(await auditCount('project', p.id)).toBe(1);
    // An off-ramp is final.
    expect((await api.gql('bureau', MOVE, { id: p.id, to: 'ELIMINATED', on: '2026-02-01' })).errors).toBeUndefined();
    expect(codes(await api.gql('bureau', MOVE, { id: p.id, to: 'NEGOTIATING', on: '2026-02-02' }))).toEqual(['ILLEGAL_STAGE_MOVE']);
  });

  it('rejects bad input with specific codes and leaves the database unchanged', async () => {
    const [{ n: before }] = await api.sql(`SELECT count(*)::int AS n FROM project`);
    const base = { name: '坏数据项目', introducingUnitId: otherUnit, categoryCode: 'manufacturing' };
    const cases: [Record<string, unknown>, string][] = [
      [{ agreedInvestment: -5 }, 'INVALID_AMOUNT'],
      [{ companyUscc: '91350100M000100Y44', companyRegisteredOn: '2026-01-01' }, 'INVALID_USCC'],
      [{ companyUscc: '91350100M000100Y43' }, 'INVALID_ARGUMENT'],
      [{ location: { type: 'Point', coordinates: [39500000, 3800000] } }, 'INVALID_GEOMETRY'],
      [{ location: { type: 'Polygon', coordinates: [[[115, 34], [115.1, 34.1], [115.1, 34], [115, 34.1], [115, 34]]] } }, 'INVALID_GEOMETRY'],
      [{ parkId: '99999999' }, 'NOT_FOUND'],
      [{ introducingUnitId: '99999999' }, 'NOT_FOUND'],
      [{ categoryCode: 'casino' }, 'INVALID_ARGUMENT'],
      [{ name: '   ' }, 'INVALID_ARGUMENT'],
    ];
    for (const [patch, code] of cases) {
      const r = await api.gql('bureau', CREATE, { input: { ...base, ...patch } });
      expect(codes(r), JSON.stringify(patch)).toEqual([code]);
      expect(r.errors![0].message.length).toBeGreaterThan(10);
    }
    const nonNumeric = await api.gql('bureau', CREATE, { input: { ...base, agreedInvestment: 'lots' } });
    expect(codes(nonNumeric)).toEqual(['BAD_USER_INPUT']);
    const [{ n: after }] = await api.sql(`SELECT count(*)::int AS n FROM project`);
    expect(after).toBe(before);
  });

  it('rejects fund arrivals that are negative, undocumented, before signing or on unsigned projects', async () => {
    const p = await newProject('bureau', otherUnit);
    const unsigned = await api.gql('bureau', FUND, { input: { projectId: p.id, arrivedOn: '2026-03-10', amount: 10, kind: 'FIXED_ASSET', evidenceRef: 'x-1' } });
    expect(codes(unsigned)).toEqual(['INVALID_ARGUMENT']);
    await api.gql('bureau', MOVE, { id: p.id, to: 'NEGOTIATING', on: '2026-02-01' });
    await api.gql('bureau', MOVE, { id: p.id, to: 'SIGNED', on: '2026-03-01' });
    const bad: [Record<string, unknown>, string][] = [
      [{ amount: -1 }, 'INVALID_AMOUNT'], [{ amount: 0 }, 'INVALID_AMOUNT'], [{ foreignAmount: -3 }, 'INVALID_AMOUNT'],
      [{ evidenceRef: ' ' }, 'INVALID_ARGUMENT'], [{ arrivedOn: '2026-02-15' }, 'INVALID_DATE'], [{ projectId: '99999999' }, 'NOT_FOUND'],
    ];
    for (const [patch, code] of bad) {
      const r = await api.gql('bureau', FUND, { input: { projectId: p.id, arrivedOn: '2026-03-10', amount: 10, kind: 'FIXED_ASSET', evidenceRef: 'x-1', ...patch } });
      expect(codes(r), JSON.stringify(patch)).toEqual([code]);
    }
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM fund_arrival WHERE project_id = $1`, [p.id]);
    expect(n).toBe(0);
  });
});

describe('projects: roles', () => {
  it('lets a district officer edit only projects of their own unit', async () => {
    const own = await newProject('liangyuan', liangyuanUnit);
    expect((await api.gql('liangyuan', `mutation($id: ID!) { updateProject(id: $id, input: { agreedInvestment: 5000 }) { agreedInvestment } }`, { id: own.id })).data.updateProject.agreedInvestment).toBe(5000);
    const foreign = await newProject('bureau', otherUnit);
    const r = await api.gql('liangyuan', `mutation($id: ID!) { updateProject(id: $id, input: { agreedInvestment: 1 }) { id } }`, { id: foreign.id });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const steal = await api.gql('liangyuan', `mutation($id: ID!, $u: ID!) { updateProject(id: $id, input: { introducingUnitId: $u }) { id } }`, { id: own.id, u: otherUnit });
    expect(codes(steal)).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('liangyuan', CREATE, { input: { name: '越权', introducingUnitId: otherUnit, categoryCode: 'manufacturing' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('liangyuan', MOVE, { id: foreign.id, to: 'NEGOTIATING', on: '2026-02-01' }))).toEqual(['FORBIDDEN']);
    const [row] = await api.sql(`SELECT agreed_investment, introducing_unit_id FROM project WHERE id = $1`, [foreign.id]);
    expect(row.agreed_investment).toBeNull();
  });

  it('keeps planners, integrators and chain leaders (outside their chains) out of project writes', async () => {
    const p = await newProject('bureau', otherUnit);
    for (const who of ['planner', 'integrator', 'chainlead'] as const) {
      expect(codes(await api.gql(who, `mutation($id: ID!) { updateProject(id: $id, input: { name: "x" }) { id } }`, { id: p.id })), who).toEqual(['FORBIDDEN']);
    }
    const [node] = await api.sql(`SELECT cn.id FROM chain_node cn JOIN user_chain uc ON uc.chain_id = cn.chain_id JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY cn.id LIMIT 1`);
    const mine = await api.gql('chainlead', CREATE, { input: { name: '链长项目', introducingUnitId: otherUnit, categoryCode: 'manufacturing', chainNodeId: String(node.id) } });
    expect(mine.errors).toBeUndefined();
  });
});

describe('projects: chain-leader scope on nested targets', () => {
  it('hides a project\'s recruitment target from a chain leader when it is on another chain', async () => {
    const rows = await api.sql(`SELECT p.id, (cn.chain_id IN (SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead')) AS mine
      FROM project p JOIN target_enterprise t ON t.id = p.target_enterprise_id JOIN chain_node cn ON cn.id = t.chain_node_id ORDER BY p.id`);
    const other = rows.find((r) => !r.mine);
    const own = rows.find((r) => r.mine);
    expect(other && own).toBeTruthy();
    const q = `query($id: ID!) { project(id: $id) { targetEnterprise { id } } }`;
    expect((await api.gql('chainlead', q, { id: String(other.id) })).data.project.targetEnterprise).toBeNull();
    expect((await api.gql('bureau', q, { id: String(other.id) })).data.project.targetEnterprise).not.toBeNull();
    expect((await api.gql('chainlead', q, { id: String(own.id) })).data.project.targetEnterprise).not.toBeNull();
  });
});

describe('projects: SQL statements do not grow with rows (no N+1)', () => {
  const q = `query($ids: [ID!]) { projects(first: 100, filter: { ids: $ids }) { nodes { name investor { name } introducingUnit { name } category { name } park { name region { name } }
    parcel { code } chainNode { name } region { name } responsibleLeader { name } stageHistory { stage } fundArrivals { amount } fundsInPlace milestones { name } belowIntensityFloor } } }`;
  it('runs the same number of statements for 2 and for 60 fully related projects', async () => {
    // Projects with every relation present, so both requests touch every loader.
    const rows = await api.sql(`SELECT p.id FROM project p WHERE p.parcel_id IS NOT NULL AND p.investor_id IS NOT NULL AND p.park_id IS NOT NULL
      AND p.chain_node_id IS NOT NULL AND p.responsible_leader_id IS NOT NULL AND EXISTS (SELECT 1 FROM fund_arrival f WHERE f.project_id = p.id)
      AND EXISTS (SELECT 1 FROM project_milestone m WHERE m.project_id = p.id) ORDER BY p.id LIMIT 2`);
    expect(rows).toHaveLength(2);
    const all = await api.sql(`SELECT id FROM project ORDER BY id LIMIT 58`);
    const small = await api.gqlCounted('bureau', q, { ids: rows.map((r) => String(r.id)) });
    const large = await api.gqlCounted('bureau', q, { ids: [...new Set([...rows, ...all].map((r) => String(r.id)))] });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.projects.nodes.length).toBeGreaterThanOrEqual(58);
    expect(large.statements).toBe(small.statements);
  });
});
