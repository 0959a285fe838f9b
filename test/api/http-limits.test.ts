import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../db/src';
import { startAtlasServer } from '../support/server';

// Issue 5, HTTP layer: limits and failed credentials answer coded JSON with the protocol's status, never 500 or HTML.
let server: { url: string; stop: () => Promise<void> };
let token: string;

async function post(body: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await r.text();
  return { status: r.status, type: r.headers.get('content-type') ?? '', text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}
// The GraphQL-over-HTTP media type: with it a refused (invalid) request answers 400; plain application/json clients get 200 + errors.
const gql = (query: string, variables?: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  post(JSON.stringify({ query, variables }), { accept: 'application/graphql-response+json', ...headers });
const code = (r: { json: any }) => r.json?.errors?.[0]?.extensions?.code;

/** No HTML page, stack trace or absolute path in any answer. */
function clean(r: { type: string; text: string }) {
  expect(r.type).toMatch(/json/);
  expect(r.text).not.toMatch(/<html|<!DOCTYPE|\n\s+at |\/work\/|node_modules/i);
}

beforeAll(async () => {
  server = await startAtlasServer();
  const s = await gql(`mutation { signIn(username: "planner", password: "atlas2026") { token } }`, undefined, {});
  token = s.json.data.signIn.token;
});
afterAll(async () => { await server?.stop(); });

describe('failed credentials', () => {
  it('answers 401 with UNAUTHENTICATED for a bad token, an expired-looking token and a wrong API key', async () => {
    for (const headers of [{ authorization: 'Bearer nonsense' }, { authorization: `Bearer ${token}x` }, { authorization: 'Basic abc' }, { 'x-api-key': 'wrong' }] as Record<string, string>[]) {
      const r = await gql('{ parks { totalCount } }', undefined, headers);
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(code(r)).toBe('UNAUTHENTICATED');
      clean(r);
    }
    expect((await gql('{ parks(first: 1) { totalCount } }', undefined, { 'x-api-key': DEMO_API_KEY })).status).toBe(200);
  });
});

describe('GraphQL limits (400, coded, naming the limit)', () => {
  it('counts named fragments in the depth', async () => {
    const frags = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Park { parentPark { id ${i < 19 ? `...F${i + 1}` : ''} } }`).join('\n');
    const r = await gql(`{ parks(first: 1) { nodes { ...F0 } } }\n${frags}`);
    expect(r.status).toBe(400);
    expect(code(r)).toBe('QUERY_TOO_DEEP');
    expect(r.json.errors[0].extensions.limit).toBe(12);
    const inline = `{ parks(first: 1) { nodes { ${'... on Park { parentPark { '.repeat(14)}id${' } }'.repeat(14)} } } }`;
    expect(code(await gql(inline))).toBe('QUERY_TOO_DEEP');
  });
  it('refuses 1000 aliases, a costly fan-out, too many tokens and too many directives', async () => {
    const aliases = await gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: projects(first: 500) { nodes { name } }`).join(' ')} }`);
    expect(aliases.status).toBe(400);
    expect(['TOO_MANY_ALIASES', 'TOO_MANY_TOKENS']).toContain(code(aliases));
    const fewAliases = await gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: regions(first: 1) { totalCount }`).join(' ')} }`);
    expect(code(fewAliases)).toBe('TOO_MANY_ALIASES');
    expect(fewAliases.json.errors[0].extensions.limit).toBe(30);
    const fanOut = await gql(`{ parks(first: 500) { nodes { projects(first: 500) { nodes { name stageHistory { stage } } } } } }`);
    expect(fanOut.status).toBe(400);
    expect(code(fanOut)).toBe('QUERY_TOO_COSTLY');
    expect(fanOut.json.errors[0].extensions.limit).toBe(50000);
    const tokens = await gql(`{ ${'__typename '.repeat(5000)} }`);
    expect(tokens.status).toBe(400);
    expect(code(tokens)).toBe('TOO_MANY_TOKENS');
    const directives = await gql(`{ parks(first: 1) { totalCount ${'@include(if: true) '.repeat(25)} } }`);
    expect(directives.status).toBe(400);
    expect(code(directives)).toBe('TOO_MANY_DIRECTIVES');
    for (const r of [aliases, fanOut, tokens, directives]) clean(r);
  });
});

describe('HTTP layer', () => {
  it('answers an oversized body 413, malformed JSON 400, a wrong content type 415 and other methods 405, all as coded JSON', async () => {
    const big = await post(JSON.stringify({ query: '{ me { role } }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }));
    expect([big.status, code(big)]).toEqual([413, 'BODY_TOO_LARGE']);
    const bad = await post('{"query": "{ me { role } }"');
    expect([bad.status, code(bad)]).toEqual([400, 'MALFORMED_JSON']);
    const text = await post('{ me { role } }', { 'content-type': 'text/plain' });
    expect([text.status, code(text)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const put = await fetch(`${server.url}/graphql`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    const html = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/json/);
    for (const r of [big, bad, text]) clean(r);
    const unknown = await fetch(`${server.url}/api/nothing`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/<html|<pre/i);
  });
  it('answers OGC parameter abuse with 400 JSON codes', async () => {
    const h = { authorization: `Bearer ${token}` };
    for (const q of ['bbox=1,2,3,4&bbox=5,6,7,8', 'offset=99999999999999999999', 'limit=1e3', 'offset=-1', 'bbox=a,b,c,d', 'parkId=1e1', 'parkId=99999999999']) {
      const r = await fetch(`${server.url}/ogc/collections/parcels/items?${q}`, { headers: h });
      expect(r.status, q).toBe(400);
      expect((await r.json()).code, q).toMatch(/^[A-Z_]+$/);
    }
    for (const id of ['99999999999999999999', '1e1', '0x3']) {
      expect((await fetch(`${server.url}/ogc/collections/parks/items/${id}`, { headers: h })).status, id).toBe(400);
    }
  });
});
