import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REFERENCE_DATE } from '../../db/src';
import { codes, createTestApi, type GqlResult, type TestApi } from '../support/api';

let api: TestApi;
let leaderChains: number[];
let ownTarget: number;
let otherTarget: number;

const ids = (nodes: { id: string }[]) => nodes.map((n) => Number(n.id));
const sqlIds = async (text: string, params: unknown[] = []) => (await api.sql(text, params)).map((r) => Number(r.id));

const LIST = `query($filter: TargetFilter, $first: Int, $after: String) {
  targetEnterprises(filter: $filter, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;

/** Every target id a user sees for a filter, paging 500 at a time. */
async function allIds(as: 'bureau' | 'chainlead' | 'integrator' | 'planner', filter: Record<string, unknown> | null = null): Promise<number[]> {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await api.gql(as, LIST, { filter, first: 500, after });
    expect(r.errors).toBeUndefined();
    out.push(...ids(r.data.targetEnterprises.nodes));
    if (!r.data.targetEnterprises.pageInfo.hasNextPage) return out;
    after = r.data.targetEnterprises.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  api = await createTestApi();
  leaderChains = (await api.sql(`SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY 1`)).map((r) => r.chain_id);
  const [own] = await api.sql(`SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = ANY($1) ORDER BY t.id LIMIT 1`, [leaderChains]);
  const [other] = await api.sql(`SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE NOT n.chain_id = ANY($1) ORDER BY t.id LIMIT 1`, [leaderChains]);
  ownTarget = own.id;
  otherTarget = other.id;
});
afterAll(() => api.close());

describe('targets: access', () => {
  it('needs a signed-in user; unknown ids are NOT_FOUND; bad dates INVALID_DATE; oversized pages PAGE_TOO_LARGE', async () => {
    expect(codes(await api.gql(null, `{ targetEnterprises { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(null, `{ targetEnterprise(id: 1) { id } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql('bureau', `{ targetEnterprise(id: 99999999) { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('chainlead', `{ targetEnterprise(id: 99999999) { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('bureau', LIST, { filter: { overdueAsOf: '2026-02-30' } }))).toEqual(['INVALID_DATE']);
    expect(codes(await api.gql('bureau', LIST, { first: 501 }))).toEqual(['PAGE_TOO_LARGE']);
  });

  it('lets a chain leader list only the targets of the chains they lead', async () => {
    expect(leaderChains.length).toBeGreaterThan(0);
    const all = await sqlIds(`SELECT id FROM target_enterprise ORDER BY id`);
    const own = await sqlIds(`SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = ANY($1) ORDER BY t.id`, [leaderChains]);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    expect(await allIds('bureau')).toEqual(all);
    expect(await allIds('integrator')).toEqual(all);
    expect(await allIds('chainlead')).toEqual(own);
    const [foreign] = await api.sql(`SELECT id FROM chain WHERE NOT id = ANY($1) ORDER BY id LIMIT 1`, [leaderChains]);
    expect(await allIds('chainlead', { chainId: String(foreign.id) })).toEqual([]);
    const r = await api.gql('chainlead', `{ targetEnterprises(first: 500) { nodes { chainNode { chain { id } } } } }`);
    for (const t of r.data.targetEnterprises.nodes) expect(leaderChains).toContain(Number(t.chainNode.chain.id));
  });

  it('answers FORBIDDEN when a chain leader opens a target of another chain, and shows their own', async () => {
    const denied = await api.gql('chainlead', `query($id: ID!) { targetEnterprise(id: $id) { id } }`, { id: String(otherTarget) });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect(denied.data).toBeNull();
    expect(denied.errors![0].message).toMatch(/chain/);
    const ok = await api.gql('chainlead', `query($id: ID!) { targetEnterprise(id: $id) { id } }`, { id: String(ownTarget) });
    expect(ok.data.targetEnterprise.id).toBe(String(ownTarget));
    const bureau = await api.gql('bureau', `query($id: ID!) { targetEnterprise(id: $id) { id } }`, { id: String(otherTarget) });
    expect(bureau.data.targetEnterprise.id).toBe(String(otherTarget));
  });

  it('scopes nested targets too: a chain leader sees no targets of other chains through nodes or enterprises', async () => {
    const [t] = await api.sql(`SELECT chain_node_id, enterprise_id FROM target_enterprise WHERE id = $1`, [otherTarget]);
    const q = `query($n: ID!, $e: ID!) { chainNode(id: $n) { targets { id } } enterprise(id: $e) { targets { id chainNode { chain { id } } } } }`;
    const lead = await api.gql('chainlead', q, { n: String(t.chain_node_id), e: String(t.enterprise_id) });
    expect(lead.data.chainNode.targets).toEqual([]);
    for (const x of lead.data.enterprise.targets) expect(leaderChains).toContain(Number(x.chainNode.chain.id));
    const bureau = await api.gql('bureau', q, { n: String(t.chain_node_id), e: String(t.enterprise_id) });
    expect(ids(bureau.data.chainNode.targets)).toEqual(await sqlIds(`SELECT id FROM target_enterprise WHERE chain_node_id = $1 ORDER BY id`, [t.chain_node_id]));
    expect(ids(bureau.data.enterprise.targets)).toContain(otherTarget);
  });
});

describe('targets: filters and fields match SQL', () => {
  it('filters by chain, node, statuses, owner and overdue date', async () => {
    const [c] = await api.sql(`SELECT n.chain_id AS id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    expect(await allIds('bureau', { chainId: String(c.id) })).toEqual(await sqlIds(
      `SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = $1 ORDER BY t.id`, [c.id]));
    const [n] = await api.sql(`SELECT chain_node_id AS id FROM target_enterprise GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    expect(await allIds('bureau', { chainNodeId: String(n.id) })).toEqual(await sqlIds(`SELECT id FROM target_enterprise WHERE chain_node_id = $1 ORDER BY id`, [n.id]));
    const st = await sqlIds(`SELECT id FROM target_enterprise WHERE status IN ('negotiating', 'site_visit') ORDER BY id`);
    expect(st.length).toBeGreaterThan(0);
    expect(await allIds('bureau', { statuses: ['NEGOTIATING', 'SITE_VISIT'] })).toEqual(st);
    const [o] = await api.sql(`SELECT owner_official_id AS id FROM target_enterprise WHERE owner_official_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    expect(await allIds('bureau', { ownerOfficialId: String(o.id) })).toEqual(await sqlIds(`SELECT id FROM target_enterprise WHERE owner_official_id = $1 ORDER BY id`, [o.id]));
    const overdue = await sqlIds(`SELECT id FROM target_enterprise WHERE next_action_due < $1::date AND status NOT IN ('signed', 'dropped') ORDER BY id`, [DEMO_REFERENCE_DATE]);
    expect(overdue.length).toBeGreaterThan(0);
    expect(await allIds('bureau', { overdueAsOf: DEMO_REFERENCE_DATE })).toEqual(overdue);
    const ownOverdue = await sqlIds(`SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE t.next_action_due < $1::date AND t.status NOT IN ('signed', 'dropped') AND n.chain_id = ANY($2) ORDER BY t.id`, [DEMO_REFERENCE_DATE, leaderChains]);
    expect(await allIds('chainlead', { overdueAsOf: DEMO_REFERENCE_DATE })).toEqual(ownOverdue);
  });

  it('resolves enterprise, node, owner, activities (by date) and isOverdue like SQL', async () => {
    const rows = await api.sql(`SELECT t.id, t.enterprise_id, t.chain_node_id, t.owner_official_id, t.status::text, t.next_action, t.next_action_due::text AS due,
        (t.next_action_due < $1::date AND t.status NOT IN ('signed', 'dropped')) IS TRUE AS overdue
      FROM target_enterprise t WHERE EXISTS (SELECT 1 FROM target_activity a WHERE a.target_id = t.id) ORDER BY t.id LIMIT 40`, [DEMO_REFERENCE_DATE]);
    expect(rows.length).toBeGreaterThan(0);
    const r = await api.gql('bureau', `{ targetEnterprises(first: 500) { nodes { id status nextAction nextActionDue isOverdue(asOf: "${DEMO_REFERENCE_DATE}")
      enterprise { id isLocal } chainNode { id } owner { id } activities { id occurredOn kind } } } }`);
    expect(r.errors).toBeUndefined();
    const byId = new Map(r.data.targetEnterprises.nodes.map((t: any) => [Number(t.id), t]));
    const acts = await api.sql(`SELECT id, target_id FROM target_activity WHERE target_id = ANY($1) ORDER BY target_id, occurred_on, id`, [rows.map((x) => x.id)]);
    for (const row of rows) {
      const t: any = byId.get(row.id);
      expect(t.status).toBe(row.status.toUpperCase());
      expect(Number(t.enterprise.id)).toBe(row.enterprise_id);
      expect(Number(t.chainNode.id)).toBe(row.chain_node_id);
      expect(t.owner ? Number(t.owner.id) : null).toBe(row.owner_official_id);
      expect(t.nextAction).toBe(row.next_action);
      expect(t.nextActionDue).toBe(row.due);
      expect(t.isOverdue).toBe(row.overdue);
      expect(ids(t.activities)).toEqual(acts.filter((a) => a.target_id === row.id).map((a) => a.id));
      const dates = t.activities.map((a: { occurredOn: string }) => a.occurredOn);
      expect([...dates].sort()).toEqual(dates);
    }
  });

  it('reports isOverdue against any as-of date: never before the due date, and never for signed or dropped targets', async () => {
    const [open] = await api.sql(`SELECT id, next_action_due::text AS due FROM target_enterprise WHERE next_action_due IS NOT NULL AND status NOT IN ('signed', 'dropped') ORDER BY id LIMIT 1`);
    const q = `query($id: ID!, $before: LocalDate, $after: LocalDate) { targetEnterprise(id: $id) { a: isOverdue(asOf: $before) b: isOverdue(asOf: $after) } }`;
    const dayAfter = new Date(Date.parse(`${open.due}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const r = await api.gql('bureau', q, { id: String(open.id), before: open.due, after: dayAfter });
    expect(r.data.targetEnterprise).toEqual({ a: false, b: true });
    const [closed] = await api.sql(`SELECT id FROM target_enterprise WHERE next_action_due IS NOT NULL AND status IN ('signed', 'dropped') ORDER BY id LIMIT 1`);
    if (closed) {
      const c = await api.gql('bureau', q, { id: String(closed.id), before: '2099-01-01', after: '2099-12-31' });
      expect(c.data.targetEnterprise).toEqual({ a: false, b: false });
    }
  });

  it('round-trips enterprise → targets → enterprise and node → targets → node', async () => {
    const [t] = await api.sql(`SELECT id, enterprise_id, chain_node_id FROM target_enterprise ORDER BY id DESC LIMIT 1`);
    const r = await api.gql('bureau', `query($id: ID!) { targetEnterprise(id: $id) { id enterprise { id targets { id } } chainNode { id targets { id chainNode { id } } } } }`, { id: String(t.id) });
    expect(Number(r.data.targetEnterprise.enterprise.id)).toBe(t.enterprise_id);
    expect(ids(r.data.targetEnterprise.enterprise.targets)).toContain(t.id);
    expect(ids(r.data.targetEnterprise.chainNode.targets)).toContain(t.id);
    for (const x of r.data.targetEnterprise.chainNode.targets) expect(Number(x.chainNode.id)).toBe(t.chain_node_id);
  });

  it('runs the same number of SQL statements for 5 and for 50 targets (no N+1)', async () => {
    const q = (n: number) => `{ targetEnterprises(first: ${n}) { totalCount nodes { isOverdue enterprise { name tags targets { status } } chainNode { name status chain { name } }
      owner { name chains { name } } activities { occurredOn note } } } }`;
    for (const who of ['bureau', 'chainlead'] as const) {
      const small = await api.gqlCounted(who, q(5));
      const large = await api.gqlCounted(who, q(50));
      expect(small.result.errors).toBeUndefined();
      expect(large.result.data.targetEnterprises.nodes.length).toBe(Math.min(50, large.result.data.targetEnterprises.totalCount));
      expect(large.result.data.targetEnterprises.totalCount).toBeGreaterThan(5);
      expect(large.statements).toBe(small.statements);
    }
  });
});
