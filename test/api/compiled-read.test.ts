// Compiled reads (common/projection.ts) against the seeded PostGIS database: every compiled shape answers exactly as the
// resolvers do (both paths run on the same query), in one statement; what does not compile falls back and still answers.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../db/src';
import { QueryCounter } from '../../server/src/db/query-counter';
import { ReadCompiler } from '../../server/src/common/projection';
import { Park } from '../../server/src/modules/park';
import { createTestApi, type DemoUser, type GqlResult, type TestApi } from '../support/api';

let api: TestApi;
const tokens = new Map<DemoUser, string>();

beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

/** Runs a query as `as` on one path (compiled reads allowed or not), counting the statements of the execution alone. */
async function run(as: DemoUser | null, compiled: boolean, query: string, variables?: Record<string, unknown>) {
  let authorization: string | undefined;
  let apiKey: string | undefined;
  if (as === 'integrator') apiKey = DEMO_API_KEY;
  else if (as) {
    if (!tokens.has(as)) tokens.set(as, (await api.atlas.auth.signIn(as, DEMO_PASSWORD)).token);
    authorization = `Bearer ${tokens.get(as)}`;
  }
  const contextValue = { ...(await api.atlas.contextFor(authorization, apiKey)), compiledReads: compiled };
  const { result, counter } = QueryCounter.run(() => api.atlas.apollo.executeOperation({ query, variables }, { contextValue }));
  const res = await result;
  if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
  // Serialised as Apollo sends it (JsonText written out), then parsed: the answer a client sees.
  const body = JSON.parse(JSON.stringify(res.body.singleResult)) as GqlResult;
  return { body, statements: counter.count, sql: counter.statements };
}

/** Both paths on one query: equal answers; returns the compiled run. */
async function bothPaths(as: DemoUser | null, query: string, variables?: Record<string, unknown>) {
  const compiled = await run(as, true, query, variables);
  const resolvers = await run(as, false, query, variables);
  expect(compiled.body).toEqual(resolvers.body);
  // Same key order as well (JSON text equal), so a client reading the text sees no difference.
  expect(JSON.stringify(compiled.body)).toBe(JSON.stringify(resolvers.body));
  return { ...compiled, resolverStatements: resolvers.statements };
}

/** A query the compiler answers: equal to the resolvers, no errors, in one statement (the resolvers needed more). */
async function compiledShape(as: DemoUser, query: string, variables?: Record<string, unknown>) {
  const r = await bothPaths(as, query, variables);
  expect(r.body.errors).toBeUndefined();
  expect(r.statements).toBe(1);
  expect(r.sql[0]).toMatch(/json_build_object/);
  return r.body.data;
}

describe('compiled reads answer as the resolvers do, in one statement', () => {
  it('parks with their parcels, without and with geometry (the bench light and heavy shapes)', async () => {
    const light = await compiledShape('planner', '{ parks(first: 15) { nodes { id name level areaMu parcels(first: 5) { nodes { id code landUse supplyStatus areaMu } } } } }');
    expect(light.parks.nodes.length).toBeGreaterThan(3);
    expect(light.parks.nodes.some((p: any) => p.parcels.nodes.length > 0)).toBe(true);
    const heavy = await compiledShape('bureau', '{ parks(first: 15) { nodes { id name boundary parcels(first: 20) { nodes { id code geom areaMu } } } } }');
    expect(heavy.parks.nodes[0].boundary.type).toBe('MultiPolygon');
  });

  it('projects with eight relations, for several roles (nulls and empty lists included)', async () => {
    const q = `{ projects(first: 100) { nodes { id code name stage investor { id name } introducingUnit { id name kind } park { id name } chainNode { id name segment }
      region { id name level } parcels { id code } stageHistory { stage enteredOn } fundArrivals { arrivedOn amount foreignAmount kind } investmentIntensity } } }`;
    for (const as of ['bureau', 'chainlead', 'liangyuan', 'integrator'] as DemoUser[]) {
      const data = await compiledShape(as, q);
      const nodes = data.projects.nodes;
      expect(nodes.length).toBeGreaterThan(20);
      expect(nodes.some((p: any) => p.investor === null)).toBe(true);
      expect(nodes.some((p: any) => p.fundArrivals.length === 0)).toBe(true);
      expect(nodes.some((p: any) => p.fundArrivals.length > 0 && p.stageHistory.length > 1)).toBe(true);
    }
  });

  it('enterprises near a point with their chain nodes, and parcels in a bounding box', async () => {
    const [pt] = await api.sql('SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM enterprise WHERE is_local ORDER BY id LIMIT 1');
    const near = await compiledShape('planner', `query($lon: Float!, $lat: Float!) { enterprises(first: 500, filter: { near: { lon: $lon, lat: $lat, meters: 5000 } }) {
      totalCount nodes { id name isLocal location tags registeredCapital chainNodes { output node { id name parentId } } } } }`, { lon: pt.lon, lat: pt.lat });
    expect(near.enterprises.nodes.length).toBeGreaterThan(1);
    expect(near.enterprises.nodes.some((e: any) => e.chainNodes.length > 0)).toBe(true);
    const [box] = await api.sql('SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom)::geometry AS e FROM parcel) s');
    const inBox = await compiledShape('bureau', `{ parcels(first: 500, filter: { bbox: [${box.x0}, ${box.y0}, ${(box.x0 + box.x1) / 2}, ${box.y1}] }) {
      totalCount nodes { id code landUse supplyStatus areaMu areaHectares geom suppliedOn landPrice park { id name } } } }`);
    expect(inBox.parcels.nodes.length).toBeGreaterThan(0);
  });

  it('aliases, __typename, fragments, variables and filters of nested connections', async () => {
    const data = await compiledShape('planner', `query Q($n: Int, $f: ParcelFilter) {
      __typename
      a: parks(first: $n) { __typename total: totalCount pageInfo { __typename hasNextPage endCursor } edges { __typename cursor node { ...P } }
        nodes { id ... on Park { nm: name } ...P parcels(first: 3, filter: $f) { totalCount nodes { id landUse } } } }
      b: parks(first: 1, filter: { levels: [NATIONAL, PROVINCIAL] }) { nodes { id level } }
    }
    fragment P on Park { id level kind areaHectares mainIndustries infrastructure establishedOn intensityFloor parentPark { id } subParks { id } region { id name level } }`,
    { n: 4, f: { supplyStatuses: ['AVAILABLE', 'SUPPLIED'] } });
    expect(data.__typename).toBe('Query');
    expect(Object.keys(data.a)).toEqual(['__typename', 'total', 'pageInfo', 'edges', 'nodes']);
    expect(data.a.nodes[0].nm).toBe(data.a.edges[0].node.nm ?? data.a.nodes[0].nm);
  });

  it('pages by cursor to the end and past it, with totalCount', async () => {
    const q = 'query($after: String) { parcels(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }';
    let after: string | null = null;
    let seen = 0;
    for (;;) {
      const data = await compiledShape('planner', q, { after });
      seen += data.parcels.nodes.length;
      if (!data.parcels.pageInfo.hasNextPage) {
        expect(seen).toBe(data.parcels.totalCount);
        after = data.parcels.pageInfo.endCursor;
        break;
      }
      after = data.parcels.pageInfo.endCursor;
    }
    // Past the last row: an empty page that still owes the total, and a null endCursor.
    const past = await compiledShape('planner', q, { after });
    expect(past.parcels.nodes).toEqual([]);
    expect(past.parcels.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(past.parcels.totalCount).toBe(seen);
  });
});

/** An operation of the web app's document, as the web sends it (the bench sends the same). */
function webOperation(file: string, name: string): string {
  const doc = parse(readFileSync(new URL(`../../web/src/${file}`, import.meta.url), 'utf8'));
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`${name} not in ${file}`);
  return print(op);
}

describe('the chain pages compile, with what the caller may do and see', () => {
  const CHAIN_PAGE = webOperation('app/ChainPage.graphql', 'ChainPageQuery');
  const CHAIN_LIST = webOperation('app/ChainPage.graphql', 'ChainListQuery');
  let led: number[];
  let other: number;

  beforeAll(async () => {
    led = (await api.sql(`SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY 1`)).map((r: any) => Number(r.chain_id));
    // Another chain with targets, so a leader's empty counts there are the scope's doing.
    [{ id: other }] = await api.sql(`SELECT n.chain_id AS id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE NOT n.chain_id = ANY($1::int[]) ORDER BY 1 LIMIT 1`, [led]);
    expect(led.length).toBeGreaterThan(0);
  });

  it('the chain page (ChainPageQuery) for admin, bureau, a chain leader on its chain and another, and roles without pipeline rights', async () => {
    const own = led[0];
    const cases: [DemoUser, number, boolean][] = [
      ['admin', own, true], ['bureau', other, true], ['chainlead', own, true], ['chainlead', other, false],
      ['planner', own, false], ['liangyuan', other, false], ['integrator', own, false],
    ];
    for (const [as, id, canEdit] of cases) {
      const data = await compiledShape(as, CHAIN_PAGE, { id: String(id) });
      const chain = data.chain;
      expect(chain.id).toBe(String(id));
      expect(chain.canEditPipeline, `${as} on chain ${id}`).toBe(canEdit);
      expect(chain.nodes.length).toBeGreaterThan(3);
      expect(chain.nodes.every((n: any) => typeof n.status === 'string' && typeof n.gapAction === 'string' && typeof n.localOutput === 'number')).toBe(true);
      // Targets per status: a chain leader sees none on a chain they do not lead, everyone else all.
      if (as === 'chainlead' && id === other) expect(chain.targetCounts).toEqual([]);
      if (as === 'bureau') expect(chain.targetCounts.length).toBeGreaterThan(0);
    }
  });

  it('the chain list (ChainListQuery) for the same roles', async () => {
    for (const as of ['bureau', 'chainlead', 'planner'] as DemoUser[]) {
      const data = await compiledShape(as, CHAIN_LIST);
      const chains = data.chains.nodes;
      expect(chains.length).toBeGreaterThan(1);
      const editable = chains.filter((c: any) => c.canEditPipeline).map((c: any) => Number(c.id));
      expect(editable).toEqual(as === 'bureau' ? chains.map((c: any) => Number(c.id)) : as === 'chainlead' ? led : []);
      expect(chains.some((c: any) => c.leader !== null && c.nodes.length > 0)).toBe(true);
    }
  });

  it('a chain that does not exist, or an id that is not one, runs on the resolvers: their error', async () => {
    for (const id of ['999999', 'x1']) {
      const r = await bothPaths('chainlead', CHAIN_PAGE, { id });
      expect(r.body.errors?.[0].extensions?.code).toBe(id === 'x1' ? 'INVALID_ARGUMENT' : 'NOT_FOUND');
      expect(r.body.data).toBeNull();
    }
  });

  it('the node figures outside a chain\'s nodes (a project\'s node) are left to the resolvers, and still answer the same', async () => {
    const r = await bothPaths('planner', '{ projects(first: 20) { nodes { id chainNode { id status localEnterpriseCount } } } }');
    expect(r.body.errors).toBeUndefined();
    expect(r.sql.some((q) => q.includes('json_build_object'))).toBe(false);
  });
});

describe('what does not compile runs on the resolvers and answers the same', () => {
  it('a field with no projection (viewerCanEdit), a directive, a fragment on an interface-less other type', async () => {
    for (const q of [
      '{ parks(first: 3) { nodes { id viewerCanEdit parcels(first: 2) { nodes { id } } } } }',
      'query($x: Boolean!) { parks(first: 3) { nodes { id name @include(if: $x) } } }',
      '{ projects(first: 5) { nodes { id allowedMoves enteredOn(stage: SIGNED) } } }',
    ]) {
      const r = await bothPaths('planner', q, { x: true });
      expect(r.body.errors).toBeUndefined();
      expect(r.sql.some((s) => s.includes('json_build_object'))).toBe(false);
    }
  });

  it('refused arguments and anonymous callers get the resolvers’ errors', async () => {
    const big = await bothPaths('planner', '{ parks(first: 600) { nodes { id } } }');
    expect(big.body.errors?.[0].extensions?.code).toBe('PAGE_TOO_LARGE');
    const cursor = await bothPaths('planner', '{ parcels(after: "nope") { nodes { id } } }');
    expect(cursor.body.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
    const bbox = await bothPaths('planner', '{ parcels(filter: { bbox: [1, 2, 3] }) { nodes { id } } }');
    expect(bbox.body.errors?.[0].extensions?.code).toBeDefined();
    const anonymous = await bothPaths(null, '{ parks(first: 3) { nodes { id } } }');
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the caller of an HTTP request is checked in the compiled statement itself', () => {
  const STRONG = 'Compiled-Read-2026!';
  const PARKS = '{ parks(first: 3) { totalCount nodes { id name } } }';

  /** Runs as an HTTP request does: the account check deferred (auth/caller.ts). */
  async function overHttp(authorization: string | undefined, apiKey: string | undefined, query: string) {
    const contextValue = await api.atlas.requestContextFor(authorization, apiKey);
    const { result, counter } = QueryCounter.run(() => api.atlas.apollo.executeOperation({ query }, { contextValue }));
    const res = await result;
    if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
    return { status: res.http.status ?? 200, body: JSON.parse(JSON.stringify(res.body.singleResult)) as GqlResult, statements: counter.count };
  }

  it('answers a compiled read in one statement, account check included, as the eager path does', async () => {
    if (!tokens.has('planner')) tokens.set('planner', (await api.atlas.auth.signIn('planner', DEMO_PASSWORD)).token);
    const r = await overHttp(`Bearer ${tokens.get('planner')}`, undefined, PARKS);
    expect(r.statements).toBe(1);
    expect(r.body).toEqual((await run('planner', false, PARKS)).body);
    const key = await overHttp(undefined, DEMO_API_KEY, PARKS);
    expect(key.statements).toBe(1);
    expect(key.body).toEqual(r.body);
    // Not compiled: the account is read first, then the resolvers run with the caller known.
    const other = await overHttp(`Bearer ${tokens.get('planner')}`, undefined, '{ parks(first: 2) { nodes { id viewerCanEdit } } }');
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data).toEqual((await run('planner', false, '{ parks(first: 2) { nodes { id viewerCanEdit } } }')).body.data);
  });

  it('answers the chain page over HTTP in one statement, the caller\'s rights read from the account row being checked', async () => {
    const page = webOperation('app/ChainPage.graphql', 'ChainPageQuery');
    const [{ id: led }] = await api.sql(`SELECT uc.chain_id AS id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY 1 LIMIT 1`);
    const [{ id: notLed }] = await api.sql(`SELECT c.id FROM chain c WHERE c.id NOT IN (SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead') ORDER BY 1 LIMIT 1`);
    if (!tokens.has('chainlead')) tokens.set('chainlead', (await api.atlas.auth.signIn('chainlead', DEMO_PASSWORD)).token);
    for (const id of [led, notLed]) {
      const contextValue = await api.atlas.requestContextFor(`Bearer ${tokens.get('chainlead')}`, undefined);
      const { result, counter } = QueryCounter.run(() => api.atlas.apollo.executeOperation({ query: page, variables: { id: String(id) } }, { contextValue }));
      const res = await result;
      if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
      expect(counter.count).toBe(1);
      const body = JSON.parse(JSON.stringify(res.body.singleResult));
      expect(body).toEqual((await run('chainlead', false, page, { id: String(id) })).body);
      expect(body.data.chain.canEditPipeline).toBe(id === led);
    }
  });

  it('refuses a disabled account, an unknown API key and a changed password at once, with 401 and no data', async () => {
    const name = `compiled_${Date.now()}`;
    const created = await api.gql('admin', 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: name, displayName: name, role: 'PLANNER', password: STRONG } });
    expect(created.errors).toBeUndefined();
    const id = created.data.createUser.id;
    const { token } = await api.atlas.auth.signIn(name, STRONG);
    expect((await overHttp(`Bearer ${token}`, undefined, PARKS)).body.errors).toBeUndefined();
    await api.gql('admin', `mutation { updateUser(id: "${id}", input: { disabled: true }) { disabled } }`);
    for (const q of [PARKS, '{ parks(first: 1) { nodes { viewerCanEdit } } }', '{ parks(first: 600) { nodes { id } } }', '{ nope }']) {
      const refused = await overHttp(`Bearer ${token}`, undefined, q);
      expect(refused.status, q).toBe(401);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    const wrongKey = await overHttp(undefined, 'not-a-key', PARKS);
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.data).toBeUndefined();
    await api.gql('admin', `mutation { updateUser(id: "${id}", input: { disabled: false }) { disabled } }`);
    expect((await overHttp(`Bearer ${token}`, undefined, PARKS)).body.errors).toBeUndefined();
    // A password changed after the token was issued ends it (iat is in whole seconds: move the change past it).
    await api.sql(`UPDATE app_user SET password_changed_at = now() + interval '2 seconds' WHERE id = $1`, [Number(id)]);
    expect((await overHttp(`Bearer ${token}`, undefined, PARKS)).status).toBe(401);
  });
});

describe('projections are checked against the schema and the entities at start-up', () => {
  it('refuses a column that is not one, a field the type lacks, and a relation of the wrong type', () => {
    const make = (p: ConstructorParameters<typeof ReadCompiler>[2]) => () => new ReadCompiler(api.atlas.schema, api.db.ds, p);
    expect(make([{ type: 'Park', entity: Park, columns: ['id', 'name'] }])).not.toThrow();
    expect(make([{ type: 'Park', entity: Park, columns: ['areaMu'] }])).toThrow(/Park.areaMu: no such column/);
    expect(make([{ type: 'Park', fields: { nope: { kind: 'value', sql: (r) => `${r}.id` } } }])).toThrow(/Park.nope: no such field/);
    expect(make([{ type: 'Park', fields: { region: { kind: 'object', type: 'Park', table: 'park', on: (p, r) => `${r}.id = ${p}.region_id` } } }])).toThrow(/not Park/);
  });
});
