import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/src';
import { startHttpApi, type HttpApi } from '../support/http';

// Known reads (server/src/graphql/known-reads.ts): a request body that one compiled statement answered before is answered
// again before Express and Apollo. These tests hold it to the full path's answers: same bytes and headers, today's data,
// and every refusal (caller, key policy, bad body) exactly as the full path gives it.
let h: HttpApi;
beforeAll(async () => { h = await startHttpApi(); });
afterAll(async () => {
  await h?.api.sql(`DELETE FROM api_key_query_policy`);
  await h?.close();
});

const answered = () => h.api.atlas.knownReads.answered;

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** Sends `body` twice; returns both answers and how many of them were known reads. */
async function twice(body: string, headers: Record<string, string>) {
  const before = answered();
  const first = await post(body, headers);
  const second = await post(body, headers);
  return { first, second, known: answered() - before };
}

const PARKS = JSON.stringify({ query: '{ parks(first: 3) { totalCount nodes { id name areaMu } } }' });

describe('a repeated compiled read is answered before Express and Apollo', () => {
  it('with the bytes, status and content type of the full path, for tokens, API keys and both Accept kinds', async () => {
    for (const as of ['planner', 'integrator'] as const) {
      const headers = await h.headers(as);
      const { first, second, known } = await twice(PARKS, headers);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text).data.parks.nodes).toHaveLength(3);
      expect(known).toBe(1);
      expect(second).toEqual(first);
      const strict = await twice(PARKS, { ...headers, accept: 'application/graphql-response+json' });
      expect(strict.known).toBe(1);
      expect(strict.first.type).toMatch(/^application\/graphql-response\+json/);
      expect(strict.second).toEqual(strict.first);
    }
  });

  it('runs the statement every time: a change made since shows, and other variables are another request', async () => {
    const headers = await h.headers('planner');
    const body = JSON.stringify({ query: 'query($n: Int) { parks(first: $n) { nodes { id name } } }', variables: { n: 2 } });
    const { first } = await twice(body, headers);
    const park = JSON.parse(first.text).data.parks.nodes[0];
    await h.api.sql(`UPDATE park SET name = name || '（改）' WHERE id = $1`, [Number(park.id)]);
    try {
      const before = answered();
      const now = JSON.parse((await post(body, headers)).text).data.parks.nodes[0];
      expect(answered() - before).toBe(1);
      expect(now.name).toBe(`${park.name}（改）`);
    } finally {
      await h.api.sql(`UPDATE park SET name = $2 WHERE id = $1`, [Number(park.id), park.name]);
    }
    const three = JSON.parse((await post(JSON.stringify({ query: 'query($n: Int) { parks(first: $n) { nodes { id name } } }', variables: { n: 3 } }), headers)).text);
    expect(three.data.parks.nodes).toHaveLength(3);
  });
});

describe('whatever is refused goes the whole way and is refused as there', () => {
  it('a caller disabled since the read became known gets 401 and no data', async () => {
    const name = `known_${Date.now()}`;
    const created = await h.api.gql('admin', 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { username: name, displayName: name, role: 'PLANNER', password: 'Known-Read-2026!' } });
    expect(created.errors).toBeUndefined();
    const { token } = await h.api.atlas.auth.signIn(name, 'Known-Read-2026!');
    const headers = { authorization: `Bearer ${token}` };
    // The body is known already (the first test): this caller is answered early from its first request.
    const { second, known } = await twice(PARKS, headers);
    expect([second.status, known]).toEqual([200, 2]);
    await h.api.gql('admin', `mutation { updateUser(id: "${created.data.createUser.id}", input: { disabled: true }) { disabled } }`);
    const before = answered();
    const refused = await post(PARKS, headers);
    expect(answered()).toBe(before);
    expect(refused.status).toBe(401);
    const body = JSON.parse(refused.text);
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    // A token that does not verify at all is refused the same way.
    expect((await post(PARKS, { authorization: `Bearer ${token}x` })).status).toBe(401);
  });

  it('an API key restricted to registered queries since gets 403, and its answers come back when the restriction is lifted', async () => {
    const headers = await h.headers('integrator');
    expect((await twice(PARKS, headers)).second.status).toBe(200);
    const [{ username: keyName }] = await h.api.sql<{ username: string }>(`SELECT u.username FROM api_key k JOIN app_user u ON u.id = k.user_id ORDER BY k.id LIMIT 1`);
    const set = (on: boolean) => h.api.gql('admin', 'mutation($k: String!, $on: Boolean!) { setApiKeyPersistedOnly(keyName: $k, persistedOnly: $on) { persistedOnly } }', { k: keyName, on });
    expect((await set(true)).errors).toBeUndefined();
    const before = answered();
    const refused = await post(PARKS, headers);
    expect(answered()).toBe(before);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect((await set(false)).errors).toBeUndefined();
    expect((await post(PARKS, headers)).status).toBe(200);
    expect(answered()).toBe(before + 1);
  });

  it('a query that does not compile, and bodies Express would refuse, are answered as by the full path', async () => {
    const headers = await h.headers('planner');
    const before = answered();
    const other = await twice(JSON.stringify({ query: '{ parks(first: 2) { nodes { id viewerCanEdit } } }' }), headers);
    expect(other.second).toEqual(other.first);
    expect(JSON.parse(other.first.text).data.parks.nodes).toHaveLength(2);
    // The same bodies under a media type the early path leaves to Express (application/*+json) give the reference answer.
    for (const body of ['{"query": "{ parks', '"just a string"', '[{"query": "{ parks(first: 1) { nodes { id } } }"}]', '{"query": "{ parks(first: 600) { nodes { id } } }"}']) {
      const early = await post(body, headers);
      const reference = await post(body, { ...headers, 'content-type': 'application/graphql+json' });
      expect({ status: early.status, json: JSON.parse(early.text) }, body).toEqual({ status: reference.status, json: JSON.parse(reference.text) });
    }
    expect(answered()).toBe(before);
  });
});

describe('known reads across the whole demo session', () => {
  it('a chain leader’s repeated reads stay within its role scope', async () => {
    const { token } = await h.api.atlas.auth.signIn('chainlead', DEMO_PASSWORD);
    const body = JSON.stringify({ query: '{ projects(first: 50) { totalCount nodes { id code } } }' });
    const lead = await twice(body, { authorization: `Bearer ${token}` });
    const bureau = await twice(body, await h.headers('bureau'));
    expect(lead.second).toEqual(lead.first);
    expect(bureau.second).toEqual(bureau.first);
    // Same body, other caller: each gets its own scope from the same known statement.
    const viaResolvers = await h.api.gql('chainlead', '{ projects(first: 50) { totalCount nodes { id code } } }');
    expect(JSON.parse(lead.second.text).data).toEqual(viaResolvers.data);
  });
});
