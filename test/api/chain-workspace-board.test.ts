import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type DemoUser, type TestApi } from '../support/api';

// 我的链 on the server: the target board pages and filters in SQL (node, owner, status, overdue), overdue next actions
// first, with totals and counts per status; the project page, the China map and the chain page's counts.
// Every answer is checked against SQL written independently here.

let api: TestApi;
let leaderChains: number[];
let allChains: number[];
const asOf = '2026-11-20';

const BOARD = `query($d: LocalDate, $f: WorkspaceTargetFilter, $first: Int!, $offset: Int!) { chainWorkspace(asOf: $d) {
  targetBoard(filter: $f, first: $first, offset: $offset) { totalCount overdueCount byStatus { status count }
    nodes { id status isOverdue(asOf: $d) chainNode { id chain { id } } } } } }`;

interface Filter { chainNodeId?: string; owner?: string; status?: string; overdue?: boolean }

/** The board as independent SQL: ids in board order, and counts per status ignoring the status filter. */
async function expected(chains: number[], f: Filter) {
  const rows = await api.sql(`
    SELECT t.id, t.status::text AS status, t.chain_node_id, coalesce(o.name, t.owner_team) AS owner,
           (t.next_action_due IS NOT NULL AND t.next_action_due < $2::date AND t.status::text NOT IN ('signed', 'dropped')) AS overdue,
           t.next_action_due
    FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id LEFT JOIN official o ON o.id = t.owner_official_id
    WHERE n.chain_id = ANY($1)`, [chains, asOf]);
  const base = rows.filter((r) => (!f.chainNodeId || String(r.chain_node_id) === f.chainNodeId) && (!f.owner || r.owner === f.owner)
    && (f.overdue === undefined || r.overdue === f.overdue));
  const matching = base.filter((r) => !f.status || r.status.toUpperCase() === f.status);
  const due = (r: { next_action_due: Date | string | null }) => (r.next_action_due === null ? Infinity : new Date(r.next_action_due).getTime());
  matching.sort((a, b) => Number(b.overdue) - Number(a.overdue) || Number(a.status === 'dropped') - Number(b.status === 'dropped') || due(a) - due(b) || a.id - b.id);
  const byStatus: Record<string, number> = {};
  for (const r of base) byStatus[r.status.toUpperCase()] = (byStatus[r.status.toUpperCase()] ?? 0) + 1;
  return { ids: matching.map((r) => String(r.id)), overdue: matching.filter((r) => r.overdue).length, byStatus };
}

async function board(as: DemoUser, f: Filter, first = 500, offset = 0) {
  const r = await api.gql(as, BOARD, { d: asOf, f, first, offset });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.chainWorkspace.targetBoard;
}

beforeAll(async () => {
  api = await createTestApi();
  leaderChains = (await api.sql(`SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY 1`)).map((r) => r.chain_id);
  allChains = (await api.sql(`SELECT id FROM chain ORDER BY id`)).map((r) => r.id);
});
afterAll(() => api.close());

describe('workspace target board', () => {
  it('with no filter holds every target of the caller\'s chains, overdue first, with counts per status (chain leader and bureau)', async () => {
    for (const [as, chains] of [['chainlead', leaderChains], ['bureau', allChains]] as [DemoUser, number[]][]) {
      const want = await expected(chains, {});
      expect(want.ids.length).toBeGreaterThan(20);
      expect(want.overdue).toBeGreaterThan(0);
      const got = await board(as, {});
      const all = (await api.gql(as, `query($d: LocalDate) { chainWorkspace(asOf: $d) { overdueCount targetCounts { status count } } }`, { d: asOf })).data.chainWorkspace;
      expect(all.overdueCount, as).toBe(want.overdue);
      expect(Object.fromEntries(all.targetCounts.map((s: any) => [s.status, s.count])), as).toEqual(want.byStatus);
      expect(got.totalCount, as).toBe(want.ids.length);
      expect(got.nodes.map((n: any) => n.id), as).toEqual(want.ids.slice(0, 500));
      expect(got.overdueCount).toBe(want.overdue);
      expect(Object.fromEntries(got.byStatus.map((s: any) => [s.status, s.count]))).toEqual(want.byStatus);
      const flags = got.nodes.map((n: any) => n.isOverdue);
      expect(flags.slice(0, want.overdue).every(Boolean)).toBe(true);
      expect(flags.slice(want.overdue).some(Boolean)).toBe(false);
      for (const n of got.nodes) expect(chains).toContain(Number(n.chainNode.chain.id));
    }
  });

  it('filters by node, owner, status and overdue on the server, each against independent SQL', async () => {
    const [node] = await api.sql(`SELECT t.chain_node_id AS id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE n.chain_id = ANY($1) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [leaderChains]);
    const owners: string[] = (await api.gql('chainlead', `{ chainWorkspace { targetOwners } }`)).data.chainWorkspace.targetOwners;
    const ownersSql = (await api.sql(`SELECT DISTINCT coalesce(o.name, t.owner_team) AS o FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      LEFT JOIN official o ON o.id = t.owner_official_id WHERE n.chain_id = ANY($1) AND coalesce(o.name, t.owner_team) IS NOT NULL`, [leaderChains])).map((r) => r.o);
    expect([...owners].sort()).toEqual([...ownersSql].sort());
    expect(owners.length).toBeGreaterThan(1);
    const filters: Filter[] = [
      { chainNodeId: String(node.id) }, { owner: owners[0] }, { owner: owners[owners.length - 1] }, { status: 'NEGOTIATING' }, { status: 'DROPPED' },
      { overdue: true }, { overdue: false }, { chainNodeId: String(node.id), status: 'LEAD' }, { owner: owners[0], overdue: false, status: 'CONTACTED' },
    ];
    const total = (await expected(leaderChains, {})).ids.length;
    for (const [i, f] of filters.entries()) {
      const want = await expected(leaderChains, f);
      // The single filters each match some targets, not all: they are tested on real narrowing.
      if (i < 7) expect(want.ids.length, JSON.stringify(f)).toBeGreaterThan(0);
      if (i < 7) expect(want.ids.length, JSON.stringify(f)).toBeLessThan(total);
      const got = await board('chainlead', f);
      expect(got.nodes.map((n: any) => n.id), JSON.stringify(f)).toEqual(want.ids);
      expect(got.totalCount, JSON.stringify(f)).toBe(want.ids.length);
      expect(got.overdueCount, JSON.stringify(f)).toBe(want.overdue);
      expect(Object.fromEntries(got.byStatus.map((s: any) => [s.status, s.count])), JSON.stringify(f)).toEqual(want.byStatus);
      if (f.status) expect(new Set(got.nodes.map((n: any) => n.status))).toEqual(want.ids.length ? new Set([f.status]) : new Set());
      if (f.chainNodeId) for (const n of got.nodes) expect(n.chainNode.id).toBe(f.chainNodeId);
      if (f.overdue !== undefined) for (const n of got.nodes) expect(n.isOverdue).toBe(f.overdue);
    }
    // Filters that match rows do narrow: the sums show it.
    expect((await expected(leaderChains, { overdue: true })).ids.length + (await expected(leaderChains, { overdue: false })).ids.length)
      .toBe((await expected(leaderChains, {})).ids.length);
  });

  it('pages: consecutive pages make up the whole board in order; bad page arguments are coded errors', async () => {
    const whole = (await expected(leaderChains, {})).ids;
    const seen: string[] = [];
    for (let offset = 0; offset < whole.length; offset += 17) {
      const page = await board('chainlead', {}, 17, offset);
      expect(page.totalCount).toBe(whole.length);
      seen.push(...page.nodes.map((n: any) => n.id));
    }
    expect(seen).toEqual(whole);
    expect((await board('chainlead', {}, 10, whole.length)).nodes).toEqual([]);
    for (const [first, offset, code] of [[0, 0, 'PAGE_TOO_LARGE'], [501, 0, 'PAGE_TOO_LARGE'], [10, -1, 'INVALID_ARGUMENT']] as const) {
      expect(codes(await api.gql('chainlead', BOARD, { d: asOf, f: {}, first, offset }))).toEqual([code]);
    }
    expect(codes(await api.gql('chainlead', BOARD, { d: asOf, f: { chainNodeId: 'x' }, first: 5, offset: 0 }))).toEqual(['INVALID_ARGUMENT']);
  });

  it('keeps a chain leader to their chains: a node of another chain gives an empty board, bureau sees it', async () => {
    const [other] = await api.sql(`SELECT t.chain_node_id AS id, count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE NOT n.chain_id = ANY($1) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`, [leaderChains]);
    const lead = await board('chainlead', { chainNodeId: String(other.id) });
    expect(lead.totalCount).toBe(0);
    expect(lead.nodes).toEqual([]);
    const bureau = await board('bureau', { chainNodeId: String(other.id) });
    expect(bureau.totalCount).toBe(other.n);
    expect(bureau.nodes.map((n: any) => n.id)).toEqual((await expected(allChains, { chainNodeId: String(other.id) })).ids);
    expect(codes(await api.gql(null, BOARD, { d: asOf, f: {}, first: 5, offset: 0 }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('workspace projects, map, flags and the chain page counts', () => {
  it('pages the projects out of the chains with totals computed over all of them', async () => {
    const rows = await api.sql(`SELECT p.id, p.agreed_investment::float8 AS agreed, (SELECT coalesce(sum(f.amount), 0)::float8 FROM fund_arrival f WHERE f.project_id = p.id AND f.arrived_on <= $2::date) AS funds
      FROM project p JOIN chain_node n ON n.id = p.chain_node_id
      WHERE n.chain_id = ANY($1) AND p.stage::text IN ('signed', 'started', 'completed', 'in_production', 'at_capacity') ORDER BY p.id DESC`, [leaderChains, asOf]);
    expect(rows.length).toBeGreaterThan(3);
    const q = `query($d: LocalDate, $o: Int!) { chainWorkspace(asOf: $d) { projectPage(first: 3, offset: $o) { totalCount agreedInvestment fundsInPlace nodes { id } } } }`;
    const ids: string[] = [];
    for (let o = 0; o < rows.length; o += 3) {
      const p = (await api.gql('chainlead', q, { d: asOf, o })).data.chainWorkspace.projectPage;
      expect(p.totalCount).toBe(rows.length);
      expect(p.agreedInvestment).toBeCloseTo(rows.reduce((s, r) => s + (r.agreed ?? 0), 0), 2);
      expect(p.fundsInPlace).toBeCloseTo(rows.reduce((s, r) => s + r.funds, 0), 2);
      ids.push(...p.nodes.map((n: any) => n.id));
    }
    expect(ids).toEqual(rows.map((r) => String(r.id)));
  });

  it('maps open targets per home city, with where they would come to', async () => {
    const cities = (await api.gql('chainlead', `{ chainWorkspace { pipelineMap { city count location destinations { to count } } } }`)).data.chainWorkspace.pipelineMap;
    const want = await api.sql(`SELECT e.city, count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id JOIN enterprise e ON e.id = t.enterprise_id
      WHERE n.chain_id = ANY($1) AND t.status::text <> 'dropped' AND e.location IS NOT NULL GROUP BY 1`, [leaderChains]);
    expect(Object.fromEntries(cities.map((c: any) => [c.city, c.count]))).toEqual(Object.fromEntries(want.map((r) => [r.city, r.n])));
    for (const c of cities) {
      expect(c.location.type).toBe('Point');
      // Every open target of a chain with local enterprises has somewhere to come to, inside the 商丘 area.
      expect(c.destinations.reduce((s: number, d: any) => s + d.count, 0)).toBe(c.count);
      for (const d of c.destinations) expect(d.to.coordinates[0]).toBeGreaterThan(114.8);
    }
  });

  it('cuts the flag lists short on request but keeps whole counts', async () => {
    const w = (await api.gql('chainlead', `query($d: LocalDate) { chainWorkspace(asOf: $d) { all: flags { reminders { idleDays } eliminations { idleDays } }
      few: flags(firstEach: 3) { reminderCount eliminationCount reminders { idleDays } eliminations { idleDays } } } }`, { d: asOf })).data.chainWorkspace;
    expect(w.all.reminders.length).toBeGreaterThan(3);
    expect(w.few.reminderCount).toBe(w.all.reminders.length);
    expect(w.few.eliminationCount).toBe(w.all.eliminations.length);
    expect(w.few.reminders).toEqual(w.all.reminders.slice(0, 3));
    expect(w.few.eliminations).toEqual(w.all.eliminations.slice(0, 3));
  });

  it('counts a chain\'s targets per status in SQL for the chain page, none for a chain leader outside their chains', async () => {
    const q = `query($id: ID!) { chain(id: $id) { targetCounts { status count } } }`;
    const other = allChains.find((c) => !leaderChains.includes(c))!;
    for (const id of [leaderChains[0], other]) {
      const want = await api.sql(`SELECT upper(t.status::text) AS status, count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = $1 GROUP BY 1`, [id]);
      const got = (await api.gql('bureau', q, { id: String(id) })).data.chain.targetCounts;
      expect(Object.fromEntries(got.map((s: any) => [s.status, s.count]))).toEqual(Object.fromEntries(want.map((r) => [r.status, r.n])));
      expect(got.length).toBeGreaterThan(0);
    }
    expect((await api.gql('chainlead', q, { id: String(other) })).data.chain.targetCounts).toEqual([]);
    expect((await api.gql('chainlead', q, { id: String(leaderChains[0]) })).data.chain.targetCounts.length).toBeGreaterThan(0);
  });
});
