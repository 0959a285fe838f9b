import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../db/src';
import { seedsDemo } from '../../server/src/bootstrap';
import { ConfigError, loadConfig } from '../../server/src/config';
import { codes, createTestApi, type TestApi } from '../support/api';
import { startHttpApi, type HttpApi } from '../support/http-client';

// Issue 5, part 6: secrets and accounts.
let api: TestApi;
let http: HttpApi;
const run = Date.now().toString(36);
const STRONG = 'Correct-Horse-42';

beforeAll(async () => {
  api = await createTestApi();
  http = await startHttpApi();
});
afterAll(async () => {
  await api.sql(`DELETE FROM sign_in_failure`);
  await http.stop();
  await api.close();
});

async function createUser(username: string, role = 'PLANNER', password: string | null = STRONG) {
  const r = await api.gql('admin', `mutation($i: CreateUserInput!) { createUser(input: $i) { id username role disabled hasPassword } }`,
    { i: { username, displayName: `测试 ${username}`, role, password } });
  expect(r.errors).toBeUndefined();
  return r.data.createUser as { id: string; username: string; role: string };
}
const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  http.post(`mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { username role } } }`, { u: username, p: password }, headers);

describe('demo accounts only where demo data was loaded on purpose', () => {
  it('an empty PostgreSQL is never seeded by default; embedded is, outside production; ATLAS_SEED=demo always', () => {
    const pg = { DATABASE_URL: 'postgres://x/y', ATLAS_TOKEN_SECRET: 's' };
    expect(seedsDemo(loadConfig(pg))).toBe(false);
    expect(seedsDemo(loadConfig({ ...pg, ATLAS_SEED: 'demo' }))).toBe(true);
    expect(seedsDemo(loadConfig({ ATLAS_DATA_DIR: '/tmp/x', ATLAS_TOKEN_SECRET: 's' }))).toBe(true);
    expect(seedsDemo(loadConfig({ ATLAS_DATA_DIR: '/tmp/x', ATLAS_TOKEN_SECRET: 'x'.repeat(40), NODE_ENV: 'production' }))).toBe(false);
  });

  it('in production, demoAccounts is empty unless the demo was seeded on purpose', async () => {
    const prod = await startHttpApi({ production: true, seed: 'auto' });
    try {
      const r = await prod.post(`{ demoAccounts { username password } }`);
      expect(r.body.data.demoAccounts).toEqual([]);
    } finally { await prod.stop(); }
    const demo = await startHttpApi({ production: true, seed: 'demo' });
    try {
      expect((await demo.post(`{ demoAccounts { username } }`)).body.data.demoAccounts.length).toBeGreaterThan(0);
    } finally { await demo.stop(); }
  });

  it('refuses to start in production with a missing, short or example token secret, saying what to do', () => {
    for (const secret of [undefined, '', 'test-secret', 'short-secret']) {
      expect(() => loadConfig({ NODE_ENV: 'production', ATLAS_TOKEN_SECRET: secret, DATABASE_URL: 'postgres://x/y' })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toThrow(/ATLAS_TOKEN_SECRET is not set.*openssl rand -hex 32/);
    expect(loadConfig({ NODE_ENV: 'production', ATLAS_TOKEN_SECRET: 'a'.repeat(20) + 'b'.repeat(20), DATABASE_URL: 'postgres://x/y' }).production).toBe(true);
  });
});

describe('sign-in throttling, held in the database', () => {
  it('after 5 wrong passwords the right one is refused with TOO_MANY_ATTEMPTS, HTTP 429 and Retry-After, by every API process', async () => {
    const u = await createUser(`thr_${run}`);
    for (let i = 0; i < 5; i++) {
      const r = await signIn(u.username, `wrong-${i}-password`);
      expect(r.body.errors?.[0].extensions?.code).toBe('BAD_CREDENTIALS');
    }
    const r = await signIn(u.username, STRONG);
    expect(r.status).toBe(429);
    expect(r.body.errors?.[0].extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(r.body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(r.body.data?.signIn ?? null).toBeNull();
    // A second API process with its own pool sees the same failures.
    const other = await startHttpApi();
    try {
      const again = await other.post(`mutation { signIn(username: "${u.username}", password: "${STRONG}") { token } }`);
      expect(again.status).toBe(429);
      expect(again.body.errors?.[0].extensions?.code).toBe('TOO_MANY_ATTEMPTS');
    } finally { await other.stop(); }
    // In-process callers too (one mechanism, not an HTTP special case).
    expect(codes(await api.gql(null, `mutation { signIn(username: "${u.username}", password: "${STRONG}") { token } }`))).toEqual(['TOO_MANY_ATTEMPTS']);
  });

  it('throttles one client address across usernames', async () => {
    const strict = await startHttpApi({ signInThrottle: { maxPerAccount: 100, maxPerAddress: 3, windowSeconds: 60 } });
    try {
      await api.sql(`DELETE FROM sign_in_failure WHERE key LIKE 'addr:%'`);
      for (let i = 0; i < 3; i++) expect((await strict.post(`mutation { signIn(username: "nobody${i}_${run}", password: "x") { token } }`)).status).not.toBe(429);
      const r = await strict.post(`mutation { signIn(username: "planner", password: "${DEMO_PASSWORD}") { token } }`);
      expect(r.status).toBe(429);
      expect(r.body.errors?.[0].message).toMatch(/your address/);
    } finally {
      await strict.stop();
      await api.sql(`DELETE FROM sign_in_failure WHERE key LIKE 'addr:%'`);
    }
  });

  it('a successful sign-in clears the account’s failures', async () => {
    const u = await createUser(`clr_${run}`);
    for (let i = 0; i < 4; i++) await signIn(u.username, 'wrong-password-x');
    expect((await signIn(u.username, STRONG)).body.data.signIn.user.username).toBe(u.username);
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM sign_in_failure WHERE key = $1`, [`user:${u.username}`]);
    expect(n).toBe(0);
  });
});

describe('constant-time sign-in', () => {
  it('runs a full bcrypt compare for unknown usernames too', async () => {
    const spy = vi.spyOn(api.atlas.auth.hasher, 'compare');
    try {
      await api.atlas.auth.signIn(`ghost_${run}`, 'whatever-password').catch(() => undefined);
      expect(spy).toHaveBeenCalledTimes(1);
      // Against a real cost-10 hash, not a malformed one bcrypt rejects at once.
      expect(spy.mock.calls[0][1]).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
    } finally { spy.mockRestore(); }
  });

  it('takes about as long for an unknown username as for a wrong password (median ratio, loose)', async () => {
    const u = await createUser(`tim_${run}`);
    const time = async (name: string) => { const t = process.hrtime.bigint(); await api.atlas.auth.signIn(name, 'not-the-password').catch(() => undefined); return Number(process.hrtime.bigint() - t) / 1e6; };
    const known: number[] = []; const unknown: number[] = [];
    for (let i = 0; i < 4; i++) { known.push(await time(u.username)); unknown.push(await time(`nobody_${run}_${i}`)); }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const ratio = median(unknown) / median(known);
    console.log(`sign-in median: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    await api.sql(`DELETE FROM sign_in_failure WHERE key = $1`, [`user:${u.username}`]);
  });
});

describe('passwords', () => {
  it('the owner changes their password with the old one; older sessions end; audited without the hash', async () => {
    const u = await createUser(`pw_${run}`);
    const { token } = await api.atlas.auth.signIn(u.username, STRONG);
    const as = (t: string) => api.atlas.contextFor(`Bearer ${t}`);
    const change = async (t: string, oldPassword: string, newPassword: string) =>
      JSON.parse(JSON.stringify(await api.atlas.apollo.executeOperation({ query: `mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }`, variables: { o: oldPassword, n: newPassword } }, { contextValue: await as(t) }))).body.singleResult;
    expect(codes(await change(token, 'not-my-password', 'Another-Secret-77'))).toEqual(['BAD_CREDENTIALS']);
    expect(codes(await change(token, STRONG, 'short'))).toEqual(['WEAK_PASSWORD']);
    await new Promise((r) => setTimeout(r, 1100)); // tokens carry whole seconds
    expect((await change(token, STRONG, 'Another-Secret-77')).data.changePassword).toBe(true);
    await expect(as(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(api.atlas.auth.signIn(u.username, STRONG)).rejects.toMatchObject({ extensions: { code: 'BAD_CREDENTIALS' } });
    expect((await api.atlas.auth.signIn(u.username, 'Another-Secret-77')).user.username).toBe(u.username);
    const audit = await api.sql(`SELECT actor_name, before, after FROM audit_log WHERE entity = 'app_user' AND entity_id = $1 AND action = 'user.password_changed'`, [u.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_name).toBe(u.username);
    expect(JSON.stringify(audit[0])).not.toMatch(/\$2[aby]\$|Another-Secret/);
  });

  it('an admin resets a password (audited); nobody else may', async () => {
    const u = await createUser(`rst_${run}`);
    expect(codes(await api.gql('bureau', `mutation { resetPassword(userId: "${u.id}", newPassword: "Reset-By-Bureau-1") }`))).toEqual(['FORBIDDEN']);
    expect((await api.gql('admin', `mutation { resetPassword(userId: "${u.id}", newPassword: "Reset-By-Admin-1") }`)).data.resetPassword).toBe(true);
    expect((await api.atlas.auth.signIn(u.username, 'Reset-By-Admin-1')).user.username).toBe(u.username);
    const [row] = await api.sql(`SELECT actor_name FROM audit_log WHERE entity = 'app_user' AND entity_id = $1 AND action = 'user.password_reset'`, [u.id]);
    expect(row.actor_name).toBe('admin');
  });
});

describe('accounts managed by admin over GraphQL', () => {
  it('creates, changes role, disables (sessions and sign-in end); only admins; never the last admin', async () => {
    expect(codes(await api.gql('planner', `{ users { id } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('planner', `mutation { createUser(input: { username: "x_${run}", displayName: "x", role: ADMIN, password: "${STRONG}" }) { id } }`))).toEqual(['FORBIDDEN']);
    const u = await createUser(`mgd_${run}`);
    expect(codes(await api.gql('admin', `mutation { createUser(input: { username: "mgd_${run}", displayName: "again", role: PLANNER, password: "${STRONG}" }) { id } }`))).toEqual(['CONFLICT']);
    const { token } = await api.atlas.auth.signIn(u.username, STRONG);
    const r = await api.gql('admin', `mutation { updateUser(id: "${u.id}", input: { role: BUREAU }) { role } }`);
    expect(r.data.updateUser.role).toBe('BUREAU');
    expect((await api.atlas.contextFor(`Bearer ${token}`)).user?.role).toBe('bureau');
    await api.gql('admin', `mutation { updateUser(id: "${u.id}", input: { disabled: true }) { disabled } }`);
    await expect(api.atlas.contextFor(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(api.atlas.auth.signIn(u.username, STRONG)).rejects.toMatchObject({ extensions: { code: 'BAD_CREDENTIALS' } });
    const list = await api.gql('admin', `{ users { username role disabled } }`);
    expect(list.data.users).toContainEqual({ username: u.username, role: 'BUREAU', disabled: true });
    const [{ id: adminId }] = await api.sql(`SELECT id FROM app_user WHERE username = 'admin'`);
    const others = await api.sql(`SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled AND username <> 'admin'`);
    if (others.length === 0) expect(codes(await api.gql('admin', `mutation { updateUser(id: "${adminId}", input: { disabled: true }) { id } }`))).toEqual(['CONFLICT']);
    const audit = await api.sql(`SELECT action FROM audit_log WHERE entity = 'app_user' AND entity_id = $1 ORDER BY id`, [u.id]);
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.updated', 'user.updated']);
  });
});

describe('API keys: hashed, created once, listed, revoked, each with its scope', () => {
  it('a read-only key reads and is refused every mutation before validation', async () => {
    const owner = await createUser(`ro_${run}`, 'INTEGRATOR', null);
    const created = await api.gql('admin', `mutation { createApiKey(input: { name: "统计局 read", userId: "${owner.id}" }) { key apiKey { id readOnly mutations prefix } } }`);
    const { key, apiKey } = created.data.createApiKey;
    expect(apiKey.readOnly).toBe(true);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const [row] = await api.sql(`SELECT key_hash FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const read = await http.post(`{ me { username } parks(first: 1) { totalCount } }`, {}, { 'x-api-key': key });
    expect(read.body.data.me.username).toBe(owner.username);
    // Refused by scope before anything runs, even with an invalid argument.
    const w = await http.post(`mutation { updatePark(id: "not-an-id", input: { intensityFloor: -1 }) { id } }`, {}, { 'x-api-key': key });
    expect(w.status).toBe(403);
    expect(w.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(w.body.errors?.[0].message).toMatch(/read-only/);
  });

  it('a key limited to named mutations may call those only, through aliases and fragments too', async () => {
    const owner = await createUser(`wk_${run}`, 'PLANNER');
    const created = await api.gql('admin', `mutation { createApiKey(input: { name: "国土 parks", userId: "${owner.id}", mutations: ["updatePark"] }) { key apiKey { id mutations readOnly } } }`);
    const { key, apiKey } = created.data.createApiKey;
    expect(apiKey).toMatchObject({ mutations: ['updatePark'], readOnly: false });
    const [park] = await api.sql(`SELECT id, intensity_floor FROM park ORDER BY id LIMIT 1`);
    const ok = await http.post(`mutation { updatePark(id: "${park.id}", input: { intensityFloor: ${Number(park.intensity_floor)} }) { id } }`, {}, { 'x-api-key': key });
    expect(ok.body.errors).toBeUndefined();
    const sneaky = await http.post(`mutation { a: updatePark(id: "${park.id}", input: {}) { id } ...F } fragment F on Mutation { b: revokeApiKey(id: "${apiKey.id}") { id } }`, {}, { 'x-api-key': key });
    expect(sneaky.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(sneaky.body.errors?.[0].message).toMatch(/revokeApiKey/);
    expect(codes(await api.gql('admin', `mutation { createApiKey(input: { name: "bad", userId: "${owner.id}", mutations: ["dropDatabase"] }) { key } }`))).toEqual(['INVALID_ARGUMENT']);
    // Listed for admins only, never with the key; revoked at once.
    expect(codes(await api.gql('planner', `{ apiKeys { id } }`))).toEqual(['FORBIDDEN']);
    const listed = await api.gql('admin', `{ apiKeys { id name username revokedAt } }`);
    expect(listed.data.apiKeys).toContainEqual({ id: apiKey.id, name: '国土 parks', username: owner.username, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoked = await api.gql('admin', `mutation { revokeApiKey(id: "${apiKey.id}") { revokedAt } }`);
    expect(revoked.data.revokeApiKey.revokedAt).not.toBeNull();
    const after = await http.post(`{ me { username } }`, {}, { 'x-api-key': key });
    expect(after.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const audit = await api.sql(`SELECT action FROM audit_log WHERE entity = 'api_key' AND entity_id = $1 ORDER BY id`, [apiKey.id]);
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });
});
