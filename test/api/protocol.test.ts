import { createHash } from 'node:crypto';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../db/src';
import { startHttpApi, type HttpApi } from '../support/http';

// GraphQL over HTTP as integrators meet it: the graphql-http audit suite, and persisted queries with allow-list-only keys.
let h: HttpApi;
beforeAll(async () => { h = await startHttpApi(); });
afterAll(async () => {
  await h?.api.sql(`DELETE FROM api_key_query_policy`);
  await h?.close();
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
};

describe('GraphQL over HTTP', () => {
  it('passes the graphql-http audit suite with no warnings', async () => {
    const audits = serverAudits({ url: `${h.url}/graphql`, fetchFn: fetch });
    const results = await Promise.all(audits.map(async (a) => ({ ...(await a.fn()), name: a.name })));
    const notOk = results.filter((r) => r.status === 'warn' || r.status === 'error').map((r) => `${r.status}: ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(notOk).toEqual([]);
    // What remains are MAY-level notices about GETs without a credential header, which CSRF prevention refuses on purpose.
    const notices = results.filter((r) => r.status === 'notice').map((r) => r.name);
    expect(notices.every((n) => /GET/.test(n))).toBe(true);
    expect(results.length).toBeGreaterThan(50);
  }, 60_000);

  it('answers parse and validation errors with 200 for application/json and 400 for application/graphql-response+json', async () => {
    expect((await post({ query: '{ parks(' })).status).toBe(200);
    expect((await post({ query: '{ noSuchField }' })).status).toBe(200);
    const strict = await post({ query: '{ noSuchField }' }, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
  });
});

describe('persisted queries', () => {
  const DOC = `query PersistedParks { parks(first: 3) { nodes { id name } } }`;

  it('an admin registers a document; anyone may then send only its hash', async () => {
    const refused = await h.api.gql('planner', `mutation($d: String!) { registerPersistedQuery(document: $d) { sha256 } }`, { d: DOC });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await h.api.gql('admin', `mutation { registerPersistedQuery(document: "{ parks(") { sha256 } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('INVALID_ARGUMENT');
    const r = await h.api.gql('admin', `mutation($d: String!) { registerPersistedQuery(document: $d, name: "parks") { sha256 name } }`, { d: DOC });
    expect(r.data.registerPersistedQuery).toEqual({ sha256: sha(DOC), name: 'parks' });
    const [audit] = await h.api.sql(`SELECT actor_name FROM audit_log WHERE entity = 'persisted_query' AND entity_id = $1`, [sha(DOC)]);
    expect(audit.actor_name).toBe('admin');

    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha(DOC) } } }, { 'x-api-key': DEMO_API_KEY });
    expect(byHash.status).toBe(200);
    expect(byHash.json.data.parks.nodes).toHaveLength(3);
    const get = await fetch(`${h.url}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha(DOC) } }))}`, { headers: { 'x-api-key': DEMO_API_KEY, accept: 'application/json' } });
    expect((await get.json()).data.parks.nodes).toHaveLength(3);
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ x }') } } }, { 'x-api-key': DEMO_API_KEY });
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatch = await post({ query: '{ parks { totalCount } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha(DOC) } } }, { 'x-api-key': DEMO_API_KEY });
    expect(mismatch.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_INVALID');
  });

  it('a key marked allow-list-only runs registered documents and nothing else', async () => {
    const set = await h.api.gql('admin', `mutation { setApiKeyPersistedOnly(keyName: "integrator", persistedOnly: true) { keyName persistedOnly } }`);
    expect(set.data.setApiKeyPersistedOnly).toEqual({ keyName: 'integrator', persistedOnly: true });
    expect((await h.api.gql('admin', `mutation { setApiKeyPersistedOnly(keyName: "planner", persistedOnly: true) { keyName } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const arbitrary = await post({ query: '{ parks(first: 1) { totalCount } }' }, { 'x-api-key': DEMO_API_KEY });
    expect(arbitrary.status).toBe(403);
    expect(arbitrary.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha(DOC) } } }, { 'x-api-key': DEMO_API_KEY })).json.data.parks.nodes).toHaveLength(3);
    // The registered text sent in full is the same document, so it is allowed too.
    expect((await post({ query: DOC }, { 'x-api-key': DEMO_API_KEY })).status).toBe(200);
    // Session tokens are not keys: people using the web app are unaffected.
    expect((await post({ query: '{ parks(first: 1) { totalCount } }' }, await h.headers('planner'))).status).toBe(200);

    await h.api.gql('admin', `mutation { setApiKeyPersistedOnly(keyName: "integrator", persistedOnly: false) { keyName } }`);
    expect((await post({ query: '{ parks(first: 1) { totalCount } }' }, { 'x-api-key': DEMO_API_KEY })).status).toBe(200);
  });
});
