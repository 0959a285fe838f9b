import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../support/capabilities';
import { createTestApi, type TestApi } from '../support/api';
import { TEST_DATABASE, databaseUrl } from '../support/database-url';

// Issue 5, part 7: the audit log can be neither updated, deleted nor truncated by the application's role.
let api: TestApi;
let owner: Client;
beforeAll(async () => {
  api = await createTestApi();
  owner = new Client({ connectionString: process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE) });
  await owner.connect();
  // At least one row, so row triggers have something to fire on.
  await owner.query(`INSERT INTO audit_log (actor_name, action, entity, entity_id) VALUES ('audit-guard-test', 'test', 'test', '0')`);
});
afterAll(async () => { await owner.end(); await api.close(); });

/** Runs `text` as the app role on one connection of the server's own pool, in a transaction rolled back afterwards. */
async function asApp(text: string): Promise<string> {
  const qr = api.db.ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    try { await qr.query(text); return 'ok'; } catch (e) { return (e as Error).message; } finally { await qr.rollbackTransaction().catch(() => undefined); }
  } finally { await qr.release(); }
}

describeNeeding('roles')('audit log guard on real PostgreSQL', () => {
  it('the server runs as atlas_app, which owns no table', async () => {
    expect(api.db.appRole).toBe('atlas_app');
    const [{ role }] = await api.sql(`SELECT current_user AS role`);
    expect(role).toBe('atlas_app');
    const owned = await api.sql(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'atlas_app'`);
    expect(owned[0].n).toBe(0);
  });

  it('as the app role: INSERT and SELECT work; UPDATE, DELETE and TRUNCATE fail', async () => {
    const before = (await api.sql(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    expect(before).toBeGreaterThan(0);
    expect(await asApp(`INSERT INTO audit_log (actor_name, action, entity, entity_id) VALUES ('t', 'test', 'test', '1')`)).toBe('ok');
    expect(await asApp(`UPDATE audit_log SET actor_name = 'forged'`)).toMatch(/permission denied for table audit_log/);
    expect(await asApp(`DELETE FROM audit_log`)).toMatch(/permission denied for table audit_log/);
    expect(await asApp(`TRUNCATE audit_log`)).toMatch(/permission denied for table audit_log/);
    expect(await asApp(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate`)).toMatch(/must be owner/);
    expect(await asApp(`DROP TABLE audit_log`)).toMatch(/must be owner/);
    expect((await api.sql(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before);
  });

  it('even the owner cannot UPDATE, DELETE or TRUNCATE it without first dropping the triggers', async () => {
    for (const stmt of [`UPDATE audit_log SET actor_name = 'forged'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`]) {
      await owner.query('BEGIN');
      await expect(owner.query(stmt), stmt).rejects.toThrow(/append-only/);
      await owner.query('ROLLBACK');
    }
  });

  it('the app role may read and write data tables but not change the schema or the migration record', async () => {
    expect(await asApp(`UPDATE park SET name = name WHERE id = (SELECT min(id) FROM park)`)).toBe('ok');
    expect(await asApp(`DELETE FROM schema_migration`)).toMatch(/permission denied/);
    expect(await asApp(`CREATE TABLE evil (id int)`)).toMatch(/permission denied/);
  });
});
