import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../db/src';
import { codes, createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(() => api.close());

describe('accounts and sessions', () => {
  it('lists the demo accounts without signing in', async () => {
    const r = await api.gql(null, `{ demoAccounts { username role password } }`);
    const names = r.data.demoAccounts.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'planner', 'chainlead', 'bureau', 'liangyuan']));
    expect(r.data.demoAccounts.every((a: { password: string }) => a.password === DEMO_PASSWORD)).toBe(true);
  });

  it('stores bcrypt hashes, never passwords', async () => {
    const rows = await api.sql(`SELECT password_hash FROM app_user WHERE password_hash IS NOT NULL`);
    expect(rows.length).toBeGreaterThan(4);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$2[aby]\$\d{2}\$.{53}$/);
  });

  it('signs in and answers me with the role; wrong passwords get BAD_CREDENTIALS', async () => {
    const ok = await api.gql(null, `mutation { signIn(username: "planner", password: "${DEMO_PASSWORD}") { token user { username role } } }`);
    expect(ok.data.signIn.user).toEqual({ username: 'planner', role: 'PLANNER' });
    expect(ok.data.signIn.token.split('.')).toHaveLength(3);
    const ctx = await api.atlas.contextFor(`Bearer ${ok.data.signIn.token}`);
    expect(ctx.user?.username).toBe('planner');
    expect(codes(await api.gql(null, `mutation { signIn(username: "planner", password: "nope") { token } }`))).toEqual(['BAD_CREDENTIALS']);
    expect(codes(await api.gql(null, `mutation { signIn(username: "nobody", password: "nope") { token } }`))).toEqual(['BAD_CREDENTIALS']);
  });

  it('rejects forged or malformed tokens and unknown API keys', async () => {
    await expect(api.atlas.contextFor('Bearer abc.def.ghi')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(api.atlas.contextFor('Basic xyz')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(api.atlas.contextFor(undefined, 'not-a-key')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('stores the demo integrator key only as its SHA-256, in api_key, read-only', async () => {
    // The integrator's live keys (other suites may have created and revoked keys of their own for it).
    const rows = await api.sql(`SELECT k.key_hash, k.mutations, u.username FROM api_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = 'integrator' AND k.revoked_at IS NULL`);
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(DEMO_API_KEY).digest('hex'), mutations: [], username: 'integrator' }]);
    const leaked = await api.sql(`SELECT count(*)::int AS n FROM api_key WHERE key_hash = $1 OR key_prefix = $1`, [DEMO_API_KEY]);
    expect(leaked[0].n).toBe(0);
  });

  it('scopes a chain leader to their chains and a district officer to their unit', async () => {
    const me = await api.gql('chainlead', `{ me { role chainIds unitId } }`);
    expect(me.data.me.role).toBe('CHAIN_LEADER');
    expect(me.data.me.chainIds.length).toBeGreaterThan(0);
    const d = await api.gql('liangyuan', `{ me { role unitId } }`);
    expect(d.data.me.role).toBe('DISTRICT');
    expect(d.data.me.unitId).not.toBeNull();
  });

  it('lets the integrator key read but not write', async () => {
    expect((await api.gql('integrator', `{ me { role } parks(first: 1) { totalCount } }`)).data.me.role).toBe('INTEGRATOR');
    const w = await api.gql('integrator', `mutation { updatePark(id: "1", input: { intensityFloor: 1 }) { id } }`);
    expect(codes(w)).toEqual(['FORBIDDEN']);
  });

  it('refuses queries nested deeper than the limit', async () => {
    const deep = `{ parks(first: 1) { nodes { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { parentPark { id } } } } } } } } } } } } } } }`;
    expect(codes(await api.gql('planner', deep))).toEqual(['QUERY_TOO_DEEP']);
  });
});
