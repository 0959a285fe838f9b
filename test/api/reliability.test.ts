import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDatabaseError } from '../../server/src/common/errors';
import { codes, createTestApi, type TestApi } from '../support/api';

// Issue 5: each finding of the hostile-integrator run, as a test that failed before its fix.
let api: TestApi;
let unit: string;
let signed: { id: string; signedOn: string };

const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id name } }`;
const MOVE = `mutation($id: ID!, $to: ProjectStage!, $on: LocalDate!) { moveProjectStage(id: $id, to: $to, on: $on) { id stage } }`;
const FUND = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id amount } }`;
const PARCEL = `mutation($id: ID!, $input: UpdateParcelInput!) { updateParcel(id: $id, input: $input) { id supplyStatus suppliedOn } }`;

let seq = 0;
const voucher = () => `测试凭证-${process.pid}-${Date.now()}-${++seq}`;
const fund = (extra: Record<string, unknown> = {}) => ({ projectId: signed.id, arrivedOn: signed.signedOn, amount: 100, kind: 'FIXED_ASSET', evidenceRef: voucher(), ...extra });

async function newSignedProject(): Promise<{ id: string; signedOn: string }> {
  const r = await api.gql('bureau', CREATE, { input: { name: `可靠性测试-${++seq}`, introducingUnitId: unit, categoryCode: 'manufacturing', leadOn: '2026-01-05' } });
  expect(r.errors).toBeUndefined();
  const id = r.data.createProject.id;
  for (const [to, on] of [['NEGOTIATING', '2026-01-10'], ['SIGNED', '2026-01-20']]) expect((await api.gql('bureau', MOVE, { id, to, on })).errors).toBeUndefined();
  return { id, signedOn: '2026-01-20' };
}

beforeAll(async () => {
  api = await createTestApi();
  // A district that is not liangyuan's, so that officer is out of scope on these projects.
  const [u] = await api.sql(`SELECT id FROM assessment_unit WHERE kind = 'district' AND id NOT IN (SELECT unit_id FROM app_user WHERE username = 'liangyuan') ORDER BY id LIMIT 1`);
  unit = String(u.id);
  signed = await newSignedProject();
});
afterAll(async () => { await api?.close(); });

describe('text: one rule for every String argument', () => {
  it('refuses a NUL byte, a lone surrogate and control characters with INVALID_TEXT, and stores nothing', async () => {
    for (const name of ['a\u0000b', 'x\uD800y', 'bell\u0007']) {
      const r = await api.gql('bureau', UPDATE, { id: signed.id, input: { name } });
      expect(codes(r), JSON.stringify(name)).toEqual(['INVALID_TEXT']);
      expect(r.errors![0].extensions!.field).toBe('name');
    }
    expect(codes(await api.gql('bureau', FUND, { input: fund({ evidenceNote: 'n\u0000' }) }))).toEqual(['INVALID_TEXT']);
    expect(codes(await api.gql('planner', `query($t: String) { parks(filter: { text: $t }) { totalCount } }`, { t: 'a\u0000' }))).toEqual(['INVALID_TEXT']);
  });
  it('refuses whitespace-only and zero-width-only names', async () => {
    for (const name of ['\u200B\u200C\u200D', '\u3000 \uFEFF']) expect(codes(await api.gql('bureau', UPDATE, { id: signed.id, input: { name } }))).toEqual(['INVALID_ARGUMENT']);
  });
  it('limits text per field and search text, naming field and limit', async () => {
    const r = await api.gql('bureau', UPDATE, { id: signed.id, input: { name: '名'.repeat(201) } });
    expect(codes(r)).toEqual(['TEXT_TOO_LONG']);
    expect(r.errors![0].extensions).toMatchObject({ field: 'name', limit: 200 });
    const s = await api.gql('planner', `query($t: String!) { search(text: $t) { id } }`, { t: 'x'.repeat(4 * 1024 * 1024) });
    expect(codes(s)).toEqual(['TEXT_TOO_LONG']);
    expect(s.errors![0].extensions).toMatchObject({ field: 'text', limit: 100 });
  });
});

describe('ids, dates, amounts and geometry', () => {
  it('accepts only canonical positive int ids: never another row, never a 500', async () => {
    for (const id of ['1e1', '0x3', ' 3', '3.0', '03', '-1', '0', '2147483648', '99999999999999999999']) {
      expect(codes(await api.gql('planner', `query($id: ID!) { park(id: $id) { id } }`, { id })), id).toEqual(['INVALID_ARGUMENT']);
    }
    expect(codes(await api.gql('planner', `{ park(id: "2147483647") { id } }`))).toEqual(['NOT_FOUND']);
  });
  it('does not echo a huge refused value back in the error message', async () => {
    const r = await api.gql('bureau', MOVE, { id: signed.id, to: 'STARTED', on: '2026-'.repeat(100_000) });
    expect(codes(r)).toEqual(['INVALID_DATE']);
    expect(r.errors![0].message.length).toBeLessThanOrEqual(501);
  });
  it('refuses dates in year 0100 and 2999', async () => {
    for (const on of ['0100-01-01', '2999-01-01', '1949-09-30']) expect(codes(await api.gql('bureau', MOVE, { id: signed.id, to: 'STARTED', on })), on).toEqual(['INVALID_DATE']);
  });
  it('refuses amounts with more than 2 decimals instead of rounding them', async () => {
    expect(codes(await api.gql('bureau', UPDATE, { id: signed.id, input: { agreedInvestment: 100.001 } }))).toEqual(['INVALID_AMOUNT']);
    expect(codes(await api.gql('bureau', FUND, { input: fund({ amount: 1.005 }) }))).toEqual(['INVALID_AMOUNT']);
  });
  it('refuses a third coordinate with INVALID_GEOMETRY and a huge polygon with TOO_MANY_VERTICES', async () => {
    expect(codes(await api.gql('bureau', UPDATE, { id: signed.id, input: { location: { type: 'Point', coordinates: [115.6, 34.4, 12] } } }))).toEqual(['INVALID_GEOMETRY']);
    const ring = Array.from({ length: 20_000 }, (_, i) => [115.6 + Math.cos(i) / 100, 34.4 + Math.sin(i) / 100]);
    ring.push(ring[0]);
    const [parcel] = await api.sql(`SELECT id FROM parcel ORDER BY id LIMIT 1`);
    expect(codes(await api.gql('planner', PARCEL, { id: String(parcel.id), input: { geom: { type: 'Polygon', coordinates: [ring] } } }))).toEqual(['TOO_MANY_VERTICES']);
  });
});

describe('fund arrivals', () => {
  it('refuses a foreign part larger than the total', async () => {
    expect(codes(await api.gql('bureau', FUND, { input: fund({ amount: 100, foreignAmount: 150 }) }))).toEqual(['INVALID_AMOUNT']);
  });
  it('refuses the same voucher twice, also when three requests race', async () => {
    const ref = voucher();
    expect((await api.gql('bureau', FUND, { input: fund({ evidenceRef: ref }) })).errors).toBeUndefined();
    expect(codes(await api.gql('bureau', FUND, { input: fund({ evidenceRef: ref }) }))).toEqual(['CONFLICT']);
    const raced = voucher();
    const rs = await Promise.all([1, 2, 3].map(() => api.gql('bureau', FUND, { input: fund({ evidenceRef: raced }) })));
    expect(rs.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of rs.filter((x) => x.errors)) {
      expect(codes(r)).toEqual(['CONFLICT']);
      expect(r.errors![0].message).not.toMatch(/fund_arrival_evidence_ref_key|Key \(/);
    }
    expect((await api.sql(`SELECT count(*)::int AS n FROM fund_arrival WHERE evidence_ref = $1`, [raced]))[0].n).toBe(1);
  });
  it('refuses funds dated after the project was terminated', async () => {
    const p = await newSignedProject();
    expect((await api.gql('bureau', MOVE, { id: p.id, to: 'TERMINATED', on: '2026-02-01' })).errors).toBeUndefined();
    expect((await api.gql('bureau', FUND, { input: fund({ projectId: p.id, arrivedOn: '2026-01-25' }) })).errors).toBeUndefined();
    expect(codes(await api.gql('bureau', FUND, { input: fund({ projectId: p.id, arrivedOn: '2026-02-02' }) }))).toEqual(['INVALID_DATE']);
  });
});

describe('parcels', () => {
  it('refuses a supplied, under-construction or built parcel without a supply date', async () => {
    const [p] = await api.sql(`SELECT id FROM parcel WHERE supply_status = 'available' AND supplied_on IS NULL ORDER BY id LIMIT 1`);
    for (const supplyStatus of ['SUPPLIED', 'UNDER_CONSTRUCTION', 'BUILT']) {
      expect(codes(await api.gql('planner', PARCEL, { id: String(p.id), input: { supplyStatus } })), supplyStatus).toEqual(['INVALID_DATE']);
    }
    const ok = await api.gql('planner', PARCEL, { id: String(p.id), input: { supplyStatus: 'SUPPLIED', suppliedOn: '2026-03-01' } });
    expect(ok.errors).toBeUndefined();
  });
});

describe('permission before validation; write scope equals read scope', () => {
  it('answers FORBIDDEN to a read-only key and to an out-of-scope officer whatever the input, so messages reveal nothing', async () => {
    const bad = { name: 'x', introducingUnitId: unit, categoryCode: 'no-such-category', leadOn: '2999-01-01' };
    const ro = await api.gql('integrator', CREATE, { input: bad });
    expect(codes(ro)).toEqual(['FORBIDDEN']);
    expect(ro.errors![0].message).not.toMatch(/manufacturing/);
    expect(codes(await api.gql('integrator', UPDATE, { id: signed.id, input: { name: '\u0000' } }))).toEqual(['FORBIDDEN']);
    const [other] = await api.sql(`SELECT u.id FROM assessment_unit u WHERE u.id NOT IN (SELECT unit_id FROM app_user WHERE username = 'liangyuan' AND unit_id IS NOT NULL) ORDER BY id LIMIT 1`);
    const off = await api.gql('liangyuan', CREATE, { input: { name: 'x', introducingUnitId: String(other.id), categoryCode: 'no-such-category' } });
    expect(codes(off)).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('liangyuan', FUND, { input: fund({ amount: -5 }) }))).toEqual(['FORBIDDEN']);
  });
  it('refuses a chain leader attaching another chain\'s target to a project', async () => {
    const [node] = await api.sql(`SELECT cn.id FROM chain_node cn JOIN user_chain uc ON uc.chain_id = cn.chain_id JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY cn.id LIMIT 1`);
    const [foreign] = await api.sql(`SELECT t.id FROM target_enterprise t JOIN chain_node cn ON cn.id = t.chain_node_id
      WHERE cn.chain_id NOT IN (SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead') ORDER BY t.id LIMIT 1`);
    const input = { name: '链长越权', introducingUnitId: unit, categoryCode: 'manufacturing', chainNodeId: String(node.id), targetEnterpriseId: String(foreign.id) };
    expect(codes(await api.gql('chainlead', CREATE, { input }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('chainlead', `query($id: ID!) { targetEnterprise(id: $id) { id } }`, { id: String(foreign.id) }))).toEqual(['FORBIDDEN']);
  });
});

describe('database time zone and errors', () => {
  it('runs every session on China time, so current_date is today in China', async () => {
    const [r] = await api.sql(`SELECT current_setting('TimeZone') AS tz, current_date::text = (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS same`);
    expect(r).toEqual({ tz: 'Asia/Shanghai', same: true });
  });
  it('maps database errors to codes without values, SQL or constraint names', () => {
    const e = fromDatabaseError({ driverError: { code: '23505', constraint: 'fund_arrival_evidence_ref_key', detail: 'Key (evidence_ref)=(秘密) already exists.' } });
    expect(e?.extensions.code).toBe('CONFLICT');
    expect(e?.message).not.toMatch(/秘密|evidence_ref|Key/);
    expect(fromDatabaseError({ code: '22021' })?.extensions.code).toBe('INVALID_TEXT');
    expect(fromDatabaseError({ code: '22003' })?.extensions.code).toBe('INVALID_ARGUMENT');
    expect(fromDatabaseError(new Error('boom'))).toBeNull();
  });
  it('lists every error code publicly with its meaning', async () => {
    const r = await api.gql(null, `{ errorCodes { code httpStatus meaning } }`);
    const byCode = new Map(r.data.errorCodes.map((e: any) => [e.code, e]));
    expect(byCode.get('QUERY_TOO_DEEP')).toMatchObject({ httpStatus: 400 });
    expect(byCode.get('UNAUTHENTICATED')).toMatchObject({ httpStatus: 401 });
    for (const e of r.data.errorCodes) expect(e.meaning.length).toBeGreaterThan(10);
  });
});

describe('lists read only the columns a query selects', () => {
  it('does not read a 4 MB name or the geometry when the query asks for ids and stages', async () => {
    const { QueryCounter } = await import('../../server/src/db/query-counter');
    const p = await newSignedProject();
    await api.sql(`UPDATE project SET name = repeat('名', 4 * 1024 * 1024 / 3) WHERE id = $1`, [p.id]);
    // On the resolvers (allowedMoves has no SQL projection): the row read names only the columns it needs.
    const q = `query($ids: [ID!]) { projects(first: 500, filter: { ids: $ids }) { nodes { id stage allowedMoves investmentIntensity introducingUnit { name } } } }`;
    const { result, counter } = QueryCounter.run(() => api.gql('bureau', q, { ids: [p.id] }));
    const r = await result;
    expect(r.errors).toBeUndefined();
    expect(r.data.projects.nodes[0].stage).toBe('SIGNED');
    const rowRead = counter.statements.find((s) => /FROM "project"/.test(s));
    expect(rowRead).toBeDefined();
    expect(rowRead).not.toMatch(/"name"|"location"|quality_tags/);
    expect(rowRead).toMatch(/"fixed_asset_investment"/);
    // Compiled into one statement (common/projection.ts): PostgreSQL's plan reads the same few columns of the project row.
    const compiledRead = async (query: string) => {
      const run = QueryCounter.run(() => api.gql('bureau', query, { ids: [p.id] }));
      expect((await run.result).errors).toBeUndefined();
      const i = run.counter.statements.findIndex((s) => /FROM project t/.test(s));
      expect(i).toBeGreaterThanOrEqual(0);
      const plan = (await api.sql(`EXPLAIN (VERBOSE, COSTS OFF) ${run.counter.statements[i]}`, run.counter.parameters[i])).map((x) => x['QUERY PLAN']).join('\n');
      return { result: await run.result, scan: /on public\.project t\s+Output: ([^\n]*)/.exec(plan)![1] };
    };
    const compiled = await compiledRead(q.replace(' allowedMoves', ''));
    const { allowedMoves: _moves, ...sameFields } = r.data.projects.nodes[0];
    expect(compiled.result.data).toEqual({ projects: { nodes: [sameFields] } });
    expect(compiled.scan).not.toMatch(/t\.name|t\.location|t\.quality_tags/);
    expect(compiled.scan).toMatch(/t\.fixed_asset_investment/);
    const named = await compiledRead(`query($ids: [ID!]) { projects(filter: { ids: $ids }) { edges { node { ...N } } } } fragment N on Project { name }`);
    expect(named.result.data.projects.edges[0].node.name.length).toBeGreaterThan(1_000_000);
    expect(named.scan).toMatch(/t\.name/);
    // Later suites share this database: give the project an ordinary name again.
    await api.sql(`UPDATE project SET name = '可靠性测试-列' WHERE id = $1`, [p.id]);
  });
});
