import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINS } from '../../db/src/seed/chains';
import { GAP_RULE_ON_FIGURES } from '../../server/src/modules/chain/chain.sql';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(() => api.close());

const ids = (nodes: { id: string }[]) => nodes.map((n) => Number(n.id));
const count = async (text: string, params: unknown[] = []) => Number((await api.sql(text, params))[0].n);

interface NodeRow { id: number; chain_id: number; in_local_plan: boolean; benchmark_count: number | null; benchmark_output: string | null; local_count: number; local_output: string }

/** The gap rule written out independently of the server: see chain.sql.ts (NODE_STATUS) for the documented version. */
function expectedStatus(n: NodeRow): string {
  if (!n.in_local_plan) return 'EXTEND';
  if (n.local_count === 0) return 'MISSING';
  const countMet = n.benchmark_count === null || n.local_count >= n.benchmark_count;
  const outputMet = n.benchmark_output === null || Number(n.local_output) >= Number(n.benchmark_output);
  return countMet && outputMet ? 'STRONG' : 'WEAK';
}

describe('chains: access and errors', () => {
  it('needs a signed-in user; unknown ids are NOT_FOUND; oversized pages PAGE_TOO_LARGE', async () => {
    expect(codes(await api.gql(null, `{ chains { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(null, `{ chainNode(id: 1) { id } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(null, `{ officials { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql('planner', `{ chain(id: 999999) { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('planner', `{ chainNode(id: 999999) { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('planner', `{ official(id: 999999) { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('planner', `{ chains(first: 501) { totalCount } }`))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql('planner', `{ officials(first: 0) { totalCount } }`))).toEqual(['PAGE_TOO_LARGE']);
  });
});

describe('chains: listing and fields', () => {
  it('lists chains and filters them by text like SQL', async () => {
    const all = await count(`SELECT count(*) AS n FROM chain`);
    expect(all).toBeGreaterThan(1);
    const [{ name }] = await api.sql(`SELECT name FROM chain ORDER BY id LIMIT 1`);
    const word = [...name].slice(0, 2).join('');
    const r = await api.gql('integrator', `query($t: String) { all: chains { totalCount } some: chains(filter: { text: $t }) { totalCount nodes { name } } }`, { t: word });
    expect(r.data.all.totalCount).toBe(all);
    expect(r.data.some.totalCount).toBe(await count(`SELECT count(*) AS n FROM chain WHERE name ILIKE $1 OR code ILIKE $1`, [`%${word}%`]));
    expect(r.data.some.nodes.map((c: { name: string }) => c.name)).toContain(name);
  });

  it('resolves leader, lead department, chain owners and nodes (segment then sort order) like SQL', async () => {
    const chains = await api.sql(`SELECT id, leader_official_id, lead_department FROM chain ORDER BY id`);
    const r = await api.gql('planner', `{ chains { nodes { id leadDepartment leader { id chains { id } } owners { id } nodeCount nodes { id segment chain { id } } } } }`);
    expect(r.errors).toBeUndefined();
    expect(ids(r.data.chains.nodes)).toEqual(chains.map((c) => c.id));
    for (const [i, c] of r.data.chains.nodes.entries()) {
      const row = chains[i];
      expect(c.leadDepartment).toBe(row.lead_department);
      expect(c.leader ? Number(c.leader.id) : null).toBe(row.leader_official_id);
      if (c.leader) expect(ids(c.leader.chains)).toContain(row.id);
      expect(ids(c.owners)).toEqual((await api.sql(`SELECT enterprise_id AS id FROM chain_owner WHERE chain_id = $1 ORDER BY 1`, [row.id])).map((x) => x.id));
      const nodes = await api.sql(`SELECT id FROM chain_node WHERE chain_id = $1 ORDER BY segment, sort_order, id`, [row.id]);
      expect(ids(c.nodes)).toEqual(nodes.map((x) => x.id));
      expect(c.nodeCount).toBe(nodes.length);
      expect(c.nodes.every((n: { chain: { id: string } }) => n.chain.id === c.id)).toBe(true);
      const segments = c.nodes.map((n: { segment: string }) => ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'].indexOf(n.segment));
      expect([...segments].sort()).toEqual(segments);
    }
    expect(r.data.chains.nodes.some((c: { owners: unknown[] }) => c.owners.length > 0)).toBe(true);
  });

  it('grades every node STRONG / WEAK / MISSING / EXTEND from SQL counts and outputs, with the matching gap action', async () => {
    const rows: NodeRow[] = await api.sql(`SELECT n.id, n.chain_id, n.in_local_plan, n.benchmark_count, n.benchmark_output,
        (SELECT count(*)::int FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id WHERE x.chain_node_id = n.id AND e.is_local) AS local_count,
        (SELECT coalesce(sum(x.output), 0) FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id WHERE x.chain_node_id = n.id AND e.is_local) AS local_output
      FROM chain_node n ORDER BY n.id`);
    const r = await api.gql('planner', `{ chains { nodes { id nodes { id inLocalPlan localEnterpriseCount localOutput status gapAction enterprises(first: 1) { totalCount } } } } }`);
    expect(r.errors).toBeUndefined();
    const got = new Map<number, any>();
    for (const c of r.data.chains.nodes) for (const n of c.nodes) got.set(Number(n.id), n);
    expect(got.size).toBe(rows.length);
    const chainPresent = new Map<number, boolean>();
    for (const n of rows) if (n.in_local_plan && n.local_count > 0) chainPresent.set(n.chain_id, true);
    const seen = new Set<string>();
    for (const n of rows) {
      const g = got.get(n.id);
      expect(g.localEnterpriseCount).toBe(n.local_count);
      expect(g.enterprises.totalCount).toBe(n.local_count);
      expect(g.localOutput).toBeCloseTo(Number(n.local_output), 2);
      const status = expectedStatus(n);
      expect({ id: n.id, status: g.status }).toEqual({ id: n.id, status });
      const action = { STRONG: 'NONE', WEAK: 'STRENGTHEN', EXTEND: 'EXTEND', MISSING: chainPresent.get(n.chain_id) ? 'FILL' : 'BUILD' }[status];
      expect(g.gapAction).toBe(action);
      seen.add(status);
    }
    // The demo city has every kind of node; a grading that collapses them would not be noticed otherwise.
    expect([...seen].sort()).toEqual(['EXTEND', 'MISSING', 'STRONG', 'WEAK']);
  });

  it('grades against every benchmark that is set, and maps status to 建链 / 补链 / 强链 / 延链 (the SQL rule on made-up figures)', async () => {
    const rule = async (inPlan: boolean, count: number | null, output: number | null, localCount: number, localOutput: number, chainPresent = true) =>
      (await api.sql(GAP_RULE_ON_FIGURES, [inPlan, count, output, localCount, localOutput, chainPresent]))[0];
    expect(await rule(true, 3, 1000, 3, 1000)).toEqual({ status: 'strong', gap_action: 'none' });
    expect(await rule(true, 3, 1000, 2, 5000)).toEqual({ status: 'weak', gap_action: 'strengthen' });
    expect(await rule(true, 3, 1000, 9, 999)).toEqual({ status: 'weak', gap_action: 'strengthen' });
    expect(await rule(true, 3, 1000.5, 3, 1000.5)).toEqual({ status: 'strong', gap_action: 'none' });
    expect((await rule(true, 3, null, 3, 0)).status).toBe('strong');
    expect((await rule(true, null, null, 1, 0)).status).toBe('strong');
    expect(await rule(true, 3, 1000, 0, 0)).toEqual({ status: 'missing', gap_action: 'fill' });
    expect(await rule(true, 3, 1000, 0, 0, false)).toEqual({ status: 'missing', gap_action: 'build' });
    expect(await rule(false, 3, 1000, 5, 5000)).toEqual({ status: 'extend', gap_action: 'extend' });
  });

  it('grades the demo chains as the demo city was designed (db/src/seed/chains.ts strengths)', async () => {
    const r = await api.gql('planner', `{ chains { nodes { code nodes { name status } } } }`);
    const got = r.data.chains.nodes.flatMap((c: any) => c.nodes.map((n: any) => `${c.code}/${n.name}: ${n.status}`)).sort();
    const want = CHAINS.flatMap((c) => c.nodes.map((n) => `${c.code}/${n.name}: ${n.inPlan === false ? 'EXTEND' : n.strength.toUpperCase()}`)).sort();
    expect(got).toEqual(want);
  });

  it('walks the node tree both ways: parent and children agree with chain_node.parent_id', async () => {
    const [p] = await api.sql(`SELECT parent_id AS id FROM chain_node WHERE parent_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const children = await api.sql(`SELECT id FROM chain_node WHERE parent_id = $1 ORDER BY segment, sort_order, id`, [p.id]);
    const r = await api.gql('planner', `query($id: ID!) { chainNode(id: $id) { id parent { id } children { id parent { id } } } }`, { id: String(p.id) });
    expect(ids(r.data.chainNode.children)).toEqual(children.map((x) => x.id));
    for (const c of r.data.chainNode.children) expect(c.parent.id).toBe(String(p.id));
    const [{ parent_id }] = await api.sql(`SELECT parent_id FROM chain_node WHERE id = $1`, [p.id]);
    expect(r.data.chainNode.parent ? Number(r.data.chainNode.parent.id) : null).toBe(parent_id);
  });

  it('pages through the local enterprises of a node, and each maps back to the node', async () => {
    const [n] = await api.sql(`SELECT x.chain_node_id AS id, count(*)::int AS n FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id
      WHERE e.is_local GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
    expect(n.n).toBeGreaterThan(2);
    const expected = (await api.sql(`SELECT e.id FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id
      WHERE x.chain_node_id = $1 AND e.is_local ORDER BY e.id`, [n.id])).map((x) => x.id);
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r: any = await api.gql('planner', `query($id: ID!, $after: String) { chainNode(id: $id) { enterprises(first: 2, after: $after) {
        totalCount nodes { id isLocal chainNodes { node { id } } } pageInfo { hasNextPage endCursor } } } }`, { id: String(n.id), after });
      const page = r.data.chainNode.enterprises;
      expect(page.totalCount).toBe(n.n);
      for (const e of page.nodes) {
        expect(e.isLocal).toBe(true);
        expect(e.chainNodes.map((l: { node: { id: string } }) => l.node.id)).toContain(String(n.id));
      }
      seen.push(...ids(page.nodes));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('lists officials, filters them by text, and shows the chains each leads', async () => {
    const total = await count(`SELECT count(*) AS n FROM official`);
    const [leader] = await api.sql(`SELECT o.id, o.name FROM official o WHERE EXISTS (SELECT 1 FROM chain c WHERE c.leader_official_id = o.id) ORDER BY o.id LIMIT 1`);
    const led = (await api.sql(`SELECT id FROM chain WHERE leader_official_id = $1 ORDER BY id`, [leader.id])).map((x) => x.id);
    const r = await api.gql('bureau', `query($t: String, $id: ID!) { officials { totalCount } f: officials(filter: { text: $t }) { nodes { id } }
      official(id: $id) { name chains { id leader { id } } } }`, { t: leader.name, id: String(leader.id) });
    expect(r.data.officials.totalCount).toBe(total);
    expect(ids(r.data.f.nodes)).toContain(leader.id);
    expect(r.data.official.name).toBe(leader.name);
    expect(ids(r.data.official.chains)).toEqual(led);
    for (const c of r.data.official.chains) expect(c.leader.id).toBe(String(leader.id));
  });

  it('runs the same number of SQL statements for one chain and for all of them (no N+1)', async () => {
    const q = (n: number) => `{ chains(first: ${n}) { nodes { leader { name chains { name } } owners { name region { name } } nodes { name status gapAction localOutput
      parent { name } children { name } targets { status } enterprises(first: 3) { totalCount nodes { name park { name } } } } } } }`;
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM chain`);
    const one = await api.gqlCounted('planner', q(1));
    const all = await api.gqlCounted('planner', q(n));
    expect(one.result.errors).toBeUndefined();
    expect(all.result.data.chains.nodes).toHaveLength(n);
    expect(all.statements).toBe(one.statements);
  });
});
