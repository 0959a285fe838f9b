import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccProblem } from '../../db/src';
import { codes, createTestApi, type GqlResult, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(() => api.close());

const LIST = `query($filter: EnterpriseFilter, $first: Int, $after: String) {
  enterprises(filter: $filter, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;

const ids = (nodes: { id: string }[]) => nodes.map((n) => Number(n.id));
const sqlIds = async (text: string, params: unknown[] = []) => (await api.sql(text, params)).map((r) => Number(r.id));
const count = async (text: string, params: unknown[] = []) => Number((await api.sql(text, params))[0].n);

/** Every id matching a filter, paging through the API 500 at a time. */
async function allIds(filter: Record<string, unknown> | null, as: 'planner' | 'integrator' = 'planner'): Promise<number[]> {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await api.gql(as, LIST, { filter, first: 500, after });
    expect(r.errors).toBeUndefined();
    out.push(...ids(r.data.enterprises.nodes));
    if (!r.data.enterprises.pageInfo.hasNextPage) return out;
    after = r.data.enterprises.pageInfo.endCursor;
  }
}

describe('enterprises: access and errors', () => {
  it('needs a signed-in user or an API key', async () => {
    expect(codes(await api.gql(null, `{ enterprises { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(null, `{ enterprise(id: 1) { id } }`))).toEqual(['UNAUTHENTICATED']);
    const r = await api.gql('integrator', `{ enterprises(first: 1) { totalCount } }`);
    expect(r.errors).toBeUndefined();
  });

  it('answers NOT_FOUND for an unknown id and INVALID_ARGUMENT for a malformed one', async () => {
    const [{ m }] = await api.sql(`SELECT max(id) + 1000 AS m FROM enterprise`);
    const r = await api.gql('planner', `query($id: ID!) { enterprise(id: $id) { id } }`, { id: String(m) });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.errors![0].message).toContain(String(m));
    expect(codes(await api.gql('planner', `{ enterprise(id: "abc") { id } }`))).toEqual(['INVALID_ARGUMENT']);
  });

  it('rejects bad bboxes, bad industry prefixes and oversized pages with codes that say what to fix', async () => {
    const bad = [[1, 2, 3], [116, 35, 115, 34], [200, 0, 201, 1]];
    for (const bbox of bad) {
      const r = await api.gql('planner', LIST, { filter: { bbox } });
      expect(codes(r)).toEqual(['INVALID_ARGUMENT']);
      expect(r.errors![0].message).toMatch(/bbox/);
    }
    const p = await api.gql('planner', LIST, { filter: { industryCodePrefix: 'Z9' } });
    expect(codes(p)).toEqual(['INVALID_ARGUMENT']);
    expect(p.errors![0].message).toMatch(/industryCodePrefix/);
    expect(codes(await api.gql('planner', LIST, { first: 501 }))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql('planner', LIST, { after: 'bm9wZQ' }))).toEqual(['INVALID_CURSOR']);
  });
});

describe('enterprises: listing matches SQL', () => {
  it('counts all, local and outside enterprises, and pages through every id exactly once', async () => {
    const total = await count(`SELECT count(*) AS n FROM enterprise`);
    const local = await count(`SELECT count(*) AS n FROM enterprise WHERE is_local`);
    expect(total).toBeGreaterThan(local);
    expect(local).toBeGreaterThan(0);
    const r = await api.gql('planner', `{ all: enterprises(first: 1) { totalCount } local: enterprises(first: 1, filter: { isLocal: true }) { totalCount }
      outside: enterprises(first: 1, filter: { isLocal: false }) { totalCount } }`);
    expect(r.data).toEqual({ all: { totalCount: total }, local: { totalCount: local }, outside: { totalCount: total - local } });
    expect(await allIds({ isLocal: true })).toEqual(await sqlIds(`SELECT id FROM enterprise WHERE is_local ORDER BY id`));
  });

  it('filters by tags (any of), industry code prefix, city, source region and USCC', async () => {
    const tagged = await count(`SELECT count(*) AS n FROM enterprise WHERE tags && ARRAY['global500','unicorn']::text[]`);
    expect(tagged).toBeGreaterThan(0);
    const t = await api.gql('planner', LIST, { filter: { tags: ['GLOBAL500', 'UNICORN'] }, first: 1 });
    expect(t.data.enterprises.totalCount).toBe(tagged);

    const [{ code }] = await api.sql(`SELECT left(industry_code, 3) AS code FROM enterprise GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const byCode = await api.gql('planner', LIST, { filter: { industryCodePrefix: code.toLowerCase() }, first: 1 });
    expect(byCode.data.enterprises.totalCount).toBe(await count(`SELECT count(*) AS n FROM enterprise WHERE industry_code LIKE $1`, [`${code}%`]));

    const [{ city, source_region }] = await api.sql(`SELECT city, source_region FROM enterprise WHERE NOT is_local AND source_region IS NOT NULL
      GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`);
    const c = await api.gql('planner', `query($c: String, $s: String) { a: enterprises(first: 1, filter: { city: $c }) { totalCount } b: enterprises(first: 1, filter: { sourceRegion: $s, isLocal: false }) { totalCount } }`, { c: city, s: source_region });
    expect(c.data.a.totalCount).toBe(await count(`SELECT count(*) AS n FROM enterprise WHERE city = $1`, [city]));
    expect(c.data.b.totalCount).toBe(await count(`SELECT count(*) AS n FROM enterprise WHERE source_region = $1 AND NOT is_local`, [source_region]));

    const [one] = await api.sql(`SELECT id, uscc FROM enterprise WHERE uscc IS NOT NULL ORDER BY id DESC LIMIT 1`);
    const u = await api.gql('planner', LIST, { filter: { uscc: one.uscc } });
    expect(ids(u.data.enterprises.nodes)).toEqual([one.id]);
  });

  it('filters by chain node and by chain through enterprise_chain_node', async () => {
    const [node] = await api.sql(`SELECT chain_node_id AS id FROM enterprise_chain_node GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    expect(await allIds({ chainNodeId: String(node.id) })).toEqual(await sqlIds(
      `SELECT enterprise_id AS id FROM enterprise_chain_node WHERE chain_node_id = $1 ORDER BY 1`, [node.id]));
    const [chain] = await api.sql(`SELECT id FROM chain ORDER BY id DESC LIMIT 1`);
    expect(await allIds({ chainId: String(chain.id), isLocal: true })).toEqual(await sqlIds(
      `SELECT DISTINCT x.enterprise_id AS id FROM enterprise_chain_node x JOIN chain_node n ON n.id = x.chain_node_id JOIN enterprise e ON e.id = x.enterprise_id
       WHERE n.chain_id = $1 AND e.is_local ORDER BY 1`, [chain.id]));
  });

  it('finds enterprises in a bbox, near a point and within a region as PostGIS does', async () => {
    // A box of ±0.05° around a local enterprise in a park, where enterprises cluster.
    const [b] = await api.sql(`SELECT ST_X(e.location) - 0.05 AS x0, ST_Y(e.location) - 0.05 AS y0, ST_X(e.location) + 0.05 AS x1, ST_Y(e.location) + 0.05 AS y1
      FROM enterprise e WHERE e.is_local AND EXISTS (SELECT 1 FROM park p WHERE ST_Covers(p.boundary, e.location)) ORDER BY e.id LIMIT 1`);
    const bbox = [b.x0, b.y0, b.x1, b.y1];
    const inBox = await sqlIds(`SELECT id FROM enterprise WHERE ST_Intersects(location, ST_MakeEnvelope($1, $2, $3, $4, 4326)) ORDER BY id`, bbox);
    expect(inBox.length).toBeGreaterThan(0);
    expect(await allIds({ bbox })).toEqual(inBox);

    const [p] = await api.sql(`SELECT ST_X(location) AS x, ST_Y(location) AS y FROM enterprise WHERE is_local ORDER BY id LIMIT 1`);
    const near = await sqlIds(`SELECT id FROM enterprise WHERE ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 3000) ORDER BY id`, [p.x, p.y]);
    expect(near.length).toBeGreaterThan(0);
    expect(await allIds({ near: { lon: p.x, lat: p.y, meters: 3000 } })).toEqual(near);

    const [reg] = await api.sql(`SELECT region_id AS id FROM enterprise WHERE region_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const within = await sqlIds(`SELECT e.id FROM enterprise e JOIN region r ON r.id = $1 AND ST_Intersects(r.boundary, e.location) ORDER BY e.id`, [reg.id]);
    expect(within.length).toBeGreaterThan(0);
    expect(await allIds({ withinRegionId: String(reg.id) }, 'integrator')).toEqual(within);
  });
});

describe('enterprises: relations', () => {
  it('resolves region, park and chain-node links like SQL, and usccValid like usccProblem', async () => {
    const rows = await api.sql(`SELECT id FROM enterprise WHERE is_local ORDER BY id LIMIT 60`);
    const r = await api.gql('planner', `query($f: EnterpriseFilter) { enterprises(first: 60, filter: $f) { nodes { id uscc usccValid usccProblem region { id }
      park { id } chainNodes { output node { id } } } } }`, { f: { isLocal: true } });
    expect(r.errors).toBeUndefined();
    const nodes = r.data.enterprises.nodes;
    expect(ids(nodes)).toEqual(rows.map((x) => x.id));
    const region = new Map((await api.sql(`SELECT id, region_id FROM enterprise WHERE id = ANY($1)`, [ids(nodes)])).map((x) => [x.id, x.region_id]));
    const park = new Map((await api.sql(`SELECT DISTINCT ON (e.id) e.id, p.id AS park_id FROM enterprise e JOIN park p ON ST_Covers(p.boundary, e.location)
      WHERE e.id = ANY($1) ORDER BY e.id, ST_Area(p.boundary::geography), p.id`, [ids(nodes)])).map((x) => [x.id, x.park_id]));
    const links = await api.sql(`SELECT enterprise_id, chain_node_id, output FROM enterprise_chain_node WHERE enterprise_id = ANY($1)`, [ids(nodes)]);
    expect(park.size).toBeGreaterThan(0);
    expect(links.length).toBeGreaterThan(0);
    for (const e of nodes) {
      const id = Number(e.id);
      expect(e.region ? Number(e.region.id) : null).toBe(region.get(id) ?? null);
      expect(e.park ? Number(e.park.id) : null).toBe(park.get(id) ?? null);
      const mine = links.filter((l) => l.enterprise_id === id);
      expect(e.chainNodes.map((l: { node: { id: string } }) => Number(l.node.id)).sort()).toEqual(mine.map((l) => l.chain_node_id).sort());
      for (const l of e.chainNodes) {
        const sql = mine.find((m) => m.chain_node_id === Number(l.node.id));
        expect(l.output).toBe(sql.output === null ? null : Number(sql.output));
      }
      const problem = e.uscc ? usccProblem(e.uscc) : 'missing';
      expect(e.usccValid).toBe(problem === null);
      expect(e.usccProblem === null).toBe(problem === null);
    }
  });

  it('round-trips Park.enterprises and Enterprise.park and counts local enterprises in each park like ST_Covers', async () => {
    const expected = await api.sql(`SELECT p.id, count(e.id)::int AS n FROM park p
      LEFT JOIN enterprise e ON e.is_local AND ST_Covers(p.boundary, e.location) GROUP BY p.id ORDER BY p.id`);
    // Pages sized under the query-cost limit (500 × 500 nested is refused as QUERY_TOO_COSTLY); the seed has 15 parks with at most a few dozen firms each.
    const r = await api.gql('planner', `{ parks(first: 50) { nodes { id enterprises(first: 100) { totalCount nodes { id isLocal park { id } } } } } }`);
    expect(r.data?.parks.nodes.every((p: any) => p.enterprises.nodes.length === p.enterprises.totalCount)).not.toBe(false);
    expect(r.errors).toBeUndefined();
    const got = r.data.parks.nodes.map((p: any) => ({ id: Number(p.id), n: p.enterprises.totalCount }));
    expect(got).toEqual(expected.map((x) => ({ id: x.id, n: x.n })));
    expect(got.some((p: { n: number }) => p.n > 0)).toBe(true);
    const parents = new Map((await api.sql(`SELECT id, parent_park_id FROM park`)).map((x) => [String(x.id), x.parent_park_id === null ? null : String(x.parent_park_id)]));
    for (const p of r.data.parks.nodes) {
      for (const e of p.enterprises.nodes) {
        expect(e.isLocal).toBe(true);
        // An enterprise in a 园中园 reports the sub-park; walk up to find this park.
        let k: string | null = e.park?.id ?? null;
        while (k !== null && k !== p.id) k = parents.get(k) ?? null;
        if (k === null) {
          // Overlapping parks that are not nested: the enterprise still lies in this park's boundary.
          const [{ inside }] = await api.sql(`SELECT ST_Covers(p.boundary, e.location) AS inside FROM park p, enterprise e WHERE p.id = $1 AND e.id = $2`, [p.id, e.id]);
          expect(inside).toBe(true);
        }
      }
    }
    const second = await api.gql('planner', `query($id: ID!) { park(id: $id) { a: enterprises(first: 2) { nodes { id } pageInfo { endCursor hasNextPage } } } }`,
      { id: String(expected.find((x) => x.n > 2)!.id) });
    const page = second.data.park.a;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql('planner', `query($id: ID!, $after: String) { park(id: $id) { enterprises(first: 2, after: $after) { nodes { id } } } }`,
      { id: String(expected.find((x) => x.n > 2)!.id), after: page.pageInfo.endCursor });
    expect(Math.min(...ids(next.data.park.enterprises.nodes))).toBeGreaterThan(Math.max(...ids(page.nodes)));
  });

  it('resolves suppliers and customers in both directions', async () => {
    const rel = await api.sql(`SELECT supplier_id, customer_id FROM enterprise_relation ORDER BY supplier_id, customer_id`);
    expect(rel.length).toBeGreaterThan(0);
    const { customer_id: cust } = rel[0];
    const r = await api.gql('planner', `query($id: ID!) { enterprise(id: $id) { id suppliers { id customers { id } } customers { id } } }`, { id: String(cust) });
    expect(r.errors).toBeUndefined();
    const e = r.data.enterprise;
    expect(ids(e.suppliers)).toEqual(rel.filter((x) => x.customer_id === cust).map((x) => x.supplier_id));
    expect(ids(e.customers)).toEqual(rel.filter((x) => x.supplier_id === cust).map((x) => x.customer_id));
    for (const s of e.suppliers) expect(ids(s.customers)).toContain(cust);
  });

  it('lists the targets an enterprise is, the same as target_enterprise', async () => {
    const [t] = await api.sql(`SELECT enterprise_id AS id FROM target_enterprise GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const expected = await sqlIds(`SELECT id FROM target_enterprise WHERE enterprise_id = $1 ORDER BY id`, [t.id]);
    const r = await api.gql('bureau', `query($id: ID!) { enterprise(id: $id) { isLocal targets { id enterprise { id } } } }`, { id: String(t.id) });
    expect(ids(r.data.enterprise.targets)).toEqual(expected);
    for (const x of r.data.enterprise.targets) expect(x.enterprise.id).toBe(String(t.id));
  });

  it('runs the same number of SQL statements for 5 and for 50 enterprises (no N+1)', async () => {
    const q = (n: number) => `{ enterprises(first: ${n}, filter: { isLocal: true }) { nodes { region { name } chainNodes { output node { name chain { name } } } park { name }
      suppliers { name } customers { name } targets { status } } } }`;
    const small = await api.gqlCounted('planner', q(5));
    const large = await api.gqlCounted('planner', q(50));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.enterprises.nodes).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
    const plain = await api.gqlCounted('planner', `{ enterprises(first: 5) { nodes { region { name } chainNodes { node { name chain { name } } } park { name } } } }`);
    const plain50 = await api.gqlCounted('planner', `{ enterprises(first: 50) { nodes { region { name } chainNodes { node { name chain { name } } } park { name } } } }`);
    expect(plain50.statements).toBe(plain.statements);
  });
});
