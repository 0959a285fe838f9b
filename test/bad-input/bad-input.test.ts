import fc from 'fast-check';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOWER } from '../support/capabilities';
import { ERROR_CATALOG } from '../../server/src/common/errors';
import { TEST_DATABASE, databaseUrl } from '../support/database-url';
import { startAtlasServer } from '../support/server';

// Issue 5, part 3: hundreds of distinct bad inputs derived from the schema (by introspection) and from fast-check
// (fixed seed, so every run tries the same ones), against the real HTTP server on the test database. Each must be
// refused with a known code and the protocol's status, leave every table and the audit log as they were, and leave
// the server answering.

const SEED = 20261125;

interface BadInput { kind: string; label: string; send: () => Promise<Response> }
interface Answer { status: number; code: string | undefined; body: string; graphql: boolean }

let server: { url: string; stop: () => Promise<void> };
let pg: Client;
let token: string;
let schema: GraphQLSchema;
let countsSql: string;
let before: Record<string, number>;
const ids: Record<string, string> = {};

const gqlPost = (query: string, variables?: Record<string, unknown>) => fetch(`${server.url}/graphql`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
});
const counts = async () => (await pg.query(countsSql)).rows[0].c as Record<string, number>;

beforeAll(async () => {
  server = await startAtlasServer();
  pg = new Client({ connectionString: process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE) });
  await pg.connect();
  const s = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { signIn(username: "admin", password: "atlas2026") { token } }' }) });
  token = (await s.json()).data.signIn.token;
  schema = buildClientSchema((await (await gqlPost(getIntrospectionQuery())).json()).data);
  const tables: string[] = (await pg.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map((r) => r.table_name);
  // One statement counts every table (audit_log included) but sign_in_failure: throttling must record refused credentials.
  tables.splice(0, tables.length, ...tables.filter((t) => t !== 'sign_in_failure'));
  countsSql = `SELECT json_build_object(${tables.map((t) => `'${t}', (SELECT count(*) FROM "${t}")`).join(', ')}) AS c`;
  const one = async (sql: string) => String(Object.values((await pg.query(sql)).rows[0])[0]);
  ids.park = await one('SELECT min(id) FROM park');
  ids.parcel = await one('SELECT min(id) FROM parcel');
  ids.unit = await one(`SELECT min(id) FROM assessment_unit`);
  ids.lead = await one(`SELECT min(id) FROM project WHERE stage = 'lead'`);
  ids.signed = await one(`SELECT min(id) FROM project WHERE stage = 'signed'`);
  ids.signedOn = await one(`SELECT e.entered_on::text FROM project_stage_event e WHERE e.stage = 'signed' AND e.project_id = (SELECT min(id) FROM project WHERE stage = 'signed')`);
  before = await counts();
}, 120_000);

afterAll(async () => {
  await pg?.end();
  await server?.stop();
});

// ---------------------------------------------------------------- bad values by GraphQL type

const BAD_IDS = ['1e1', '0x3', ' 3', '3.0', '03', '-1', '0', '2147483648', '99999999999999999999', 'abc', ''];
const NASTY = ['\u0000', '\uD800', '\uDFFF', '\u0007', '\u001B', '\u007F'];
/** fast-check: text with a NUL, a lone surrogate or a control character somewhere inside ordinary text. */
const nastyText = fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })).map(([a, n, b]) => `${a}${n}${b}`);
const NASTY_SAMPLES = fc.sample(nastyText, { seed: SEED, numRuns: 40 });
let nastyIndex = 0;
const nextNasty = () => NASTY_SAMPLES[nastyIndex++ % NASTY_SAMPLES.length];

const NAME_FIELDS = new Set(['name', 'displayName', 'evidenceRef']);
const BAD_DATES = ['0100-01-01', '2999-01-01', '2026-02-30', '2026-1-1', '', '1949-09-30', 20260101];
const BAD_GEOMETRIES: unknown[] = [
  { type: 'Point', coordinates: [115.6, 34.4, 10] },
  { type: 'Point', coordinates: [39500000, 3800000] },
  { type: 'Feature', geometry: { type: 'Point', coordinates: [115.6, 34.4] } },
  { type: 'Polygon', coordinates: [[[115, 34], [115.1, 34], [115.1, 34.1], [115, 34.1]]] },
  { type: 'Circle', coordinates: [115.6, 34.4] },
  'POINT(115.6 34.4)',
  { type: 'Polygon', coordinates: [[...Array.from({ length: 10_500 }, (_, i) => [115 + Math.cos(i) / 100, 34 + Math.sin(i) / 100]), [116, 34]]] },
];

/** Values of the wrong JSON type for a scalar, refused by GraphQL coercion whatever the field. */
function wrongType(name: string): unknown[] {
  switch (name) {
    case 'Int': return ['1', 2 ** 31];
    case 'Float': return ['1', { v: 1 }];
    case 'Boolean': return ['true', 1];
    case 'String': case 'ID': return [{ v: 1 }, [[1]]];
    default: return [[[[1]]], true];
  }
}

/** Bad values for an input of this type; `mutation` adds domain-invalid amounts that only writes refuse. */
function badValues(type: GraphQLInputType, field: string, mutation: boolean): unknown[] {
  const out: unknown[] = [];
  if (isNonNullType(type)) { out.push(null); type = type.ofType; }
  if (isListType(type)) {
    const inner = badValues(type.ofType, field, mutation).filter((v) => v !== null).slice(0, 3);
    return [...out, ...inner.map((v) => [v]), { notAList: true }];
  }
  if (isEnumType(type)) return [...out, 'NOT_A_VALUE', type.getValues()[0].name.toLowerCase(), 5];
  if (isInputObjectType(type)) return [...out, 'not an object', { noSuchField: 1 }];
  const name = getNamedType(type).name;
  switch (name) {
    case 'ID': return [...out, ...BAD_IDS, ...wrongType('ID')];
    case 'String': {
      const limit = 3000;
      return [...out, `a${'\u0000'}b`, 'x\uD800y', 'x'.repeat(limit), nextNasty(), ...(NAME_FIELDS.has(field) ? ['   ', '\u200B\u200D\uFEFF'] : []), ...wrongType('String')];
    }
    case 'Float': return [...out, ...(mutation ? [-1, 1.001, 1e13] : []), ...wrongType('Float')];
    case 'Int': return [...out, ...(field === 'first' ? [0, -1, 501] : []), ...(field === 'idleAfterDays' ? [-1, 40000] : []), ...(field === 'limit' ? [0, 51] : []), ...wrongType('Int')];
    case 'Boolean': return [...out, ...wrongType('Boolean')];
    case 'LocalDate': return [...out, ...BAD_DATES];
    case 'GeoJSON': return [...out, ...BAD_GEOMETRIES];
    default: return [...out, ...wrongType(name)];
  }
}

/** Extra bad values for arguments whose rules are not visible in their type. */
const SPECIAL: Record<string, unknown[]> = {
  bbox: [[1, 2, 3], [200, 0, 201, 1], [115, 35, 114, 34], [0, 0, 0, 0, 0]],
  after: ['nonsense', Buffer.from('id:99999999999').toString('base64url'), Buffer.from('id:-1').toString('base64url')],
  near: [{ lon: 500, lat: 34, meters: 100 }, { lon: 115, lat: 34, meters: -1 }, { lon: 115, lat: 34, meters: 500000 }, { lon: 115 }],
  industryCodePrefix: ['Z99', '1234', 'C1234567'],
};

const selectionFor = (f: GraphQLField<unknown, unknown>) => {
  const t = getNamedType(f.type);
  if (!isObjectType(t)) return '';
  return t.name.endsWith('Connection') ? ' { totalCount }' : ' { __typename }';
};

/** Variants of one field's arguments: each is a valid base with exactly one argument (or input field) made bad. */
function argVariants(f: GraphQLField<unknown, unknown>, base: Record<string, unknown>, mutation: boolean): { label: string; vars: Record<string, unknown> }[] {
  const out: { label: string; vars: Record<string, unknown> }[] = [];
  for (const a of f.args) {
    const named = getNamedType(a.type);
    if (isInputObjectType(named)) {
      for (const v of badValues(a.type, a.name, mutation)) out.push({ label: `${a.name}=${JSON.stringify(v)}`, vars: { ...base, [a.name]: v } });
      const inner = (base[a.name] ?? {}) as Record<string, unknown>;
      for (const field of Object.values(named.getFields())) {
        const vals = [...badValues(field.type, field.name, mutation), ...(SPECIAL[field.name] ?? [])];
        for (const v of vals) out.push({ label: `${a.name}.${field.name}=${JSON.stringify(v)?.slice(0, 60)}`, vars: { ...base, [a.name]: { ...inner, [field.name]: v } } });
      }
    } else {
      for (const v of [...badValues(a.type, a.name, mutation), ...(SPECIAL[a.name] ?? [])]) {
        out.push({ label: `${a.name}=${JSON.stringify(v)?.slice(0, 60)}`, vars: { ...base, [a.name]: v } });
      }
    }
  }
  return out;
}

const opFor = (kind: 'query' | 'mutation', f: GraphQLField<unknown, unknown>, wrap = (s: string) => s) => {
  const defs = f.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = `${f.name}${f.args.length ? `(${f.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${selectionFor(f)}`;
  return `${kind}${defs ? `(${defs})` : ''} { ${wrap(call)} }`;
};

// ---------------------------------------------------------------- the generators, by kind

function mutationInputs(): BadInput[] {
  // A valid base per mutation, so each variant is refused for its one bad value (signIn is left out: sign-in attempts may be recorded).
  const BASES: Record<string, Record<string, unknown>> = {
    updatePark: { id: ids.park, input: {} },
    updateParcel: { id: ids.parcel, input: {} },
    createProject: { input: { name: '坏输入基准', introducingUnitId: ids.unit, categoryCode: 'manufacturing' } },
    updateProject: { id: ids.lead, input: {} },
    moveProjectStage: { id: ids.lead, to: 'NEGOTIATING', on: '2026-06-01' },
    recordFundArrival: { input: { projectId: ids.signed, arrivedOn: ids.signedOn, amount: 1, kind: 'FIXED_ASSET', evidenceRef: `坏输入基准-${SEED}` } },
  };
  const out: BadInput[] = [];
  for (const f of Object.values(schema.getMutationType()!.getFields())) {
    if (f.name === 'signIn') continue;
    const base = BASES[f.name];
    // A mutation without a known valid base still gets its arguments' type errors (refused before it runs).
    const variants = argVariants(f, base ?? {}, true).filter((v) => base || isTypeError(v.vars, f));
    for (const v of variants) out.push({ kind: 'mutation', label: `${f.name} ${v.label}`, send: () => gqlPost(opFor('mutation', f), v.vars) });
  }
  return out;
}

/** True when a variant misses a required argument (so GraphQL refuses it without running the mutation). */
function isTypeError(vars: Record<string, unknown>, f: GraphQLField<unknown, unknown>) {
  return f.args.some((a) => isNonNullType(a.type) && (vars[a.name] === undefined || vars[a.name] === null));
}

function listInputs(): BadInput[] {
  const out: BadInput[] = [];
  const roots = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length && !f.name.startsWith('__'));
  for (const f of roots) {
    const base: Record<string, unknown> = {};
    for (const a of f.args) if (isNonNullType(a.type)) base[a.name] = getNamedType(a.type).name === 'ID' ? ids.park : 'x';
    if (f.name === 'search') base.text = '商丘';
    for (const v of argVariants(f, base, false)) out.push({ kind: 'query-argument', label: `${f.name} ${v.label}`, send: () => gqlPost(opFor('query', f), v.vars) });
  }
  // One hop down: the arguments of list fields on the nodes of each root list (Park.parcels(filter), Chain.nodes…).
  for (const root of roots) {
    const conn = getNamedType(root.type);
    if (!isObjectType(conn) || !conn.name.endsWith('Connection') || !('first' in Object.fromEntries(root.args.map((a) => [a.name, a])))) continue;
    const node = getNamedType(conn.getFields().nodes.type);
    if (!isObjectType(node)) continue;
    for (const f of Object.values(node.getFields())) {
      if (!f.args.length || f.args.some((a) => isNonNullType(a.type))) continue;
      for (const v of argVariants(f, {}, false)) {
        out.push({ kind: 'nested-argument', label: `${root.name}.nodes.${f.name} ${v.label}`, send: () => gqlPost(opFor('query', f, (c) => `${root.name}(first: 3) { nodes { ${c} } }`), v.vars) });
      }
    }
  }
  return out;
}

function httpInputs(): BadInput[] {
  const url = () => `${server.url}/graphql`;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const out: BadInput[] = [];
  const post = (kind: string, label: string, body: string | Buffer, headers: Record<string, string>) =>
    out.push({ kind, label, send: () => fetch(url(), { method: 'POST', headers: { ...auth(), ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) }) });
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) out.push({ kind: 'http-method', label: method, send: () => fetch(url(), { method, headers: { ...auth(), 'content-type': 'application/json' }, body: '{"query":"{ me { role } }"}' }) });
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/json; charset=latin1', 'application/graphql']) {
    post('http-content-type', ct, '{"query":"{ me { role } }"}', { 'content-type': ct });
  }
  post('http-content-type', 'no content type', Buffer.from('{"query":"{ me { role } }"}'), {});
  const json = { 'content-type': 'application/json' };
  for (const body of ['"just a string"', '42', 'null', 'true', '[]', '{}', '{"query": 5}', '{"query": ""}', '{"query": "{ me { role } }", "variables": "nope"}',
    '{"query": "{ me { role } }", "variables": [1]}', '{"query": "{ me { role } }", "operationName": 7}', '{"query": "{ me { role } }", "extensions": "x"}',
    '{"query": "query A { me { role } } query B { me { role } }"}', '{"query": "query A { me { role } }", "operationName": "Nope"}',
    '{"query": "{ nosuchfield }"}', '{"query": "{ me { role } "}', '{"query": "subscription { me { role } }"}', '{"query": "mutation { parks { totalCount } }"}']) {
    post('http-body', body, body, json);
  }
  for (const n of [1, 2, 5]) post('http-batching', `batch of ${n}`, JSON.stringify(Array.from({ length: n }, () => ({ query: '{ me { role } }' }))), json);
  post('http-oversized', '3 MiB variables', JSON.stringify({ query: '{ me { role } }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }), json);
  post('http-oversized', '3 MiB query', JSON.stringify({ query: `{ ${'__typename '.repeat(300_000)} }` }), json);
  // fast-check: a valid body cut short or with one character replaced, kept only when it is no longer JSON.
  const valid = JSON.stringify({ query: 'query($id: ID!) { park(id: $id) { name } }', variables: { id: '1' } });
  const broken = fc.oneof(
    fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
    fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom('{', '}', '"', ',', ':', '\\', '\u0000', 'x', ']')).map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
  );
  const malformed = [...new Set(fc.sample(broken, { seed: SEED, numRuns: 200 }))].filter((b) => { try { JSON.parse(b); return false; } catch { return true; } }).slice(0, 80);
  for (const b of malformed) post('http-malformed-json', b, b, json);
  for (const q of ['', '?query=', '?query=mutation%20%7B%20updatePark(id%3A%221%22%2C%20input%3A%20%7B%7D)%20%7B%20id%20%7D%20%7D', '?query=%7B%20me%20%7B%20role%20%7D&variables=%7Bx', '?query=%7B%20nope%20%7D']) {
    out.push({ kind: 'http-get', label: `GET${q}`, send: () => fetch(`${url()}${q}`, { headers: { ...auth(), 'apollo-require-preflight': 'true' } }) });
  }
  for (const headers of [{ authorization: 'Bearer x' }, { authorization: 'Bearer' }, { authorization: 'Token abc' }, { 'x-api-key': 'nope' }, { 'x-api-key': '' + 'k'.repeat(500) }] as Record<string, string>[]) {
    out.push({ kind: 'http-credentials', label: JSON.stringify(headers).slice(0, 60), send: () => fetch(url(), { method: 'POST', headers: { ...json, ...headers }, body: '{"query":"{ parks { totalCount } }"}' }) });
  }
  return out;
}

function ogcInputs(): BadInput[] {
  const out: BadInput[] = [];
  const get = (label: string, path: string) => out.push({ kind: 'ogc', label, send: () => fetch(`${server.url}/ogc${path}`, { headers: { authorization: `Bearer ${token}` } }) });
  const badParam = fc.record({
    name: fc.constantFrom('limit', 'offset', 'bbox', 'parkId', 'level', 'supplyStatus', 'landUse'),
    value: fc.oneof(
      fc.constantFrom('-1', '1e3', '0x10', '1.5', '', 'abc', '99999999999999999999', '2147483648', '1,2,3', '200,0,201,1', 'NaN,0,1,1', '1,1,0,0', '%00'),
      fc.integer({ min: -1_000_000, max: -1 }).map(String),
    ),
  });
  const collections = ['parks', 'parcels', 'projects', 'enterprises', 'regions', 'factory-buildings'];
  const samples = fc.sample(fc.tuple(fc.constantFrom(...collections), badParam), { seed: SEED, numRuns: 400 });
  const seen = new Set<string>();
  for (const [c, p] of samples) {
    // Parameters that do not apply to a collection are ignored (OGC API Features), so only those that do are bad here.
    const applies = ['limit', 'offset', 'bbox'].includes(p.name) || (p.name === 'parkId' && ['parcels', 'projects', 'factory-buildings'].includes(c))
      || (p.name === 'level' && ['parks', 'regions'].includes(c)) || (['supplyStatus', 'landUse'].includes(p.name) && c === 'parcels');
    if (!applies || (p.name === 'bbox' && /^-?\d+$/.test(p.value) === false && p.value.split(',').length === 4 && p.value.split(',').every((x) => /^-?\d+(\.\d+)?$/.test(x)))) continue;
    const q = `${p.name}=${encodeURIComponent(p.value)}`;
    const key = `${c}?${q}`;
    if (seen.has(key)) continue;
    seen.add(key);
    get(key, `/collections/${c}/items?${q}`);
  }
  for (const c of collections) {
    get(`${c} repeated bbox`, `/collections/${c}/items?bbox=115,34,116,35&bbox=115,34,116,35`);
    get(`${c} repeated limit`, `/collections/${c}/items?limit=1&limit=2`);
    for (const id of ['99999999999999999999', '1e1', '0x3', '-1', 'abc', '2147483648']) get(`${c}/items/${id}`, `/collections/${c}/items/${encodeURIComponent(id)}`);
  }
  for (const c of ['nope', 'audit_log', '..', 'parks%00']) get(`collection ${c}`, `/collections/${c}/items`);
  return out;
}

// ---------------------------------------------------------------- the run

async function answer(r: Response): Promise<Answer> {
  const body = await r.text();
  let json: any = null;
  try { json = JSON.parse(body); } catch { /* checked below */ }
  const code = json?.errors?.[0]?.extensions?.code ?? json?.code;
  return { status: r.status, code, body, graphql: Array.isArray(json?.errors) };
}

describe('bad-input suite', () => {
  it('refuses every generated bad input with a code and a 4xx (or 200 with errors), changes nothing and stays up', async () => {
    const all = [...mutationInputs(), ...listInputs(), ...httpInputs(), ...ogcInputs()];
    const seen = new Set<string>();
    const inputs = all.filter((b) => { const k = `${b.kind} ${b.label}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const byKind: Record<string, number> = {};
    const failures: string[] = [];
    let beforeJson = JSON.stringify(before);
    for (const b of inputs) {
      byKind[b.kind] = (byKind[b.kind] ?? 0) + 1;
      const a = await answer(await b.send());
      const problems: string[] = [];
      if (!(a.status >= 400 && a.status < 500) && !(a.status === 200 && a.graphql)) problems.push(`status ${a.status}`);
      if (!a.code || !(a.code in ERROR_CATALOG) || a.code === 'INTERNAL_SERVER_ERROR') problems.push(`code ${a.code}`);
      if (/<html|<!DOCTYPE|\n\s+at |\/work\/|node_modules|duplicate key|violates|constraint/i.test(a.body)) problems.push('leaks HTML, a stack, a path or database detail');
      // After each input: every table and the audit log as they were, and the server still answers a good query.
      const now = await counts();
      if (JSON.stringify(now) !== beforeJson) {
        const was = JSON.parse(beforeJson) as Record<string, number>;
        const changed = Object.keys(now).filter((t) => now[t] !== was[t]).map((t) => `${t} ${was[t]}→${now[t]}`);
        problems.push(`the database changed (${changed.join(', ')})`);
        beforeJson = JSON.stringify(now);
      }
      const alive = await gqlPost('{ __typename }');
      if (alive.status !== 200 || (await alive.json()).data?.__typename !== 'Query') problems.push('the server no longer answers');
      if (problems.length) failures.push(`${b.kind} ${b.label}: ${problems.join(', ')} — ${a.body.slice(0, 160)}`);
    }
    const after = await counts();
    const live = await (await gqlPost('{ regions(first: 1) { totalCount } }')).json();
    console.log(`bad-input suite: ${inputs.length} distinct bad inputs tried, by kind: ${Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(failures, failures.slice(0, 20).join('\n')).toEqual([]);
    expect(after).toEqual(before);
    expect(live.data.regions.totalCount).toBeGreaterThan(0);
    expect(inputs.length).toBeGreaterThanOrEqual(500);
  }, 240_000 * SLOWER);
});
