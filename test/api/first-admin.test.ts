import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAtlas } from '../../server/src/app';
import { prepareDatabase } from '../../server/src/bootstrap';
import { REPO_ROOT, loadConfig } from '../../server/src/config';
import { ADMIN_DATABASE_URL, TEST_DATABASE, databaseUrl } from '../support/database-url';

// Issue 5, part 6: an empty production PostgreSQL gets no demo accounts; the first admin comes from the command line.
const run = promisify(execFile);
const DB = `${TEST_DATABASE}_empty`;
const url = databaseUrl(DB);
const atlasCli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [join(REPO_ROOT, 'server/dist/cli/atlas.js'), ...args], { env: { ...process.env, DATABASE_URL: url, ...env } })
    .then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }));

beforeAll(async () => {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
});
afterAll(async () => {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
});

describe('an empty production PostgreSQL', () => {
  it('starts without demo data or accounts, and takes its first admin from `pnpm atlas user add`', async () => {
    const logs: string[] = [];
    const config = { ...loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', ATLAS_TOKEN_SECRET: 'p'.repeat(48) }), webDist: null };
    let db = await prepareDatabase(config, (m) => logs.push(m));
    try {
      expect((await db.ds.query(`SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM region)::int AS regions`))[0]).toEqual({ users: 0, regions: 0 });
      expect(logs.join('\n')).toMatch(/pnpm atlas user add NAME --role admin/);
      expect(logs.join('\n')).toMatch(/queries run as role atlas_app/);
    } finally { await db.close(); }

    expect((await atlasCli(['user', 'add', 'root'], {})).code).toBe(2);
    expect((await atlasCli(['user', 'add', 'root', '--role', 'admin'], { ATLAS_PASSWORD: 'short' })).out).toMatch(/password must be at least 10/);
    const added = await atlasCli(['user', 'add', 'root', '--role', 'admin', '--display-name', '系统管理员'], { ATLAS_PASSWORD: 'First-Admin-2026' });
    expect(added.out).toMatch(/Created admin account "root"/);
    expect(added.code).toBe(0);
    expect((await atlasCli(['user', 'add', 'root', '--role', 'admin'], { ATLAS_PASSWORD: 'First-Admin-2026' })).code).toBe(1);

    db = await prepareDatabase(config, () => undefined);
    try {
      const atlas = await createAtlas(config, db);
      const { token, user } = await atlas.auth.signIn('root', 'First-Admin-2026');
      expect(user.role).toBe('admin');
      const res = await atlas.apollo.executeOperation({ query: `{ demoAccounts { username } users { username role } }` }, { contextValue: await atlas.contextFor(`Bearer ${token}`) });
      const body = JSON.parse(JSON.stringify(res.body)).singleResult;
      expect(body.data).toEqual({ demoAccounts: [], users: [{ username: 'root', role: 'ADMIN' }] });
      const [audit] = await db.ds.query(`SELECT actor_name, action FROM audit_log WHERE entity = 'app_user'`);
      expect(audit.action).toBe('user.created');
      expect(audit.actor_name).toMatch(/^cli:/);
      await atlas.stop();
    } finally { await db.close(); }
  });
});
