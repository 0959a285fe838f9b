import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';
import { listTables } from '../../server/src/db/backup';
import { ADMIN_DATABASE_URL, TEST_DATABASE, databaseUrl } from '../support/database-url';

// Issue 5, part 8: `pnpm atlas backup FILE` and `pnpm atlas restore FILE`, round trips compared table by table.
const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
const source = process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE);
const copies = [`${TEST_DATABASE}_restore1`, `${TEST_DATABASE}_restore2`];

const atlas = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [join(REPO_ROOT, 'server/dist/cli/atlas.js'), ...args], { env: { ...process.env, ATLAS_TOKEN_SECRET: 'b'.repeat(40), ...env } })
    .then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }));

async function withAdmin(fn: (c: Client) => Promise<void>) {
  const c = new Client({ connectionString: ADMIN_DATABASE_URL });
  await c.connect();
  try { await fn(c); } finally { await c.end(); }
}

/** Row count and an order-independent checksum of the stored (non-generated) columns of every table. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; sum: string }>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const sql = { query: async (t: string, p?: unknown[]) => (await c.query(t, p)).rows, exec: async (s: string) => { await c.query(s); } };
    const out: Record<string, { rows: number; sum: string }> = {};
    for (const t of await listTables(sql)) {
      const cols = t.columns.map((x) => `"${x}"`).join(', ');
      const [r] = (await c.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS sum
        FROM (SELECT md5(to_jsonb(x)::text) AS h FROM (SELECT ${cols} FROM "${t.name}") x) s`)).rows;
      out[t.name] = r;
    }
    out.schema_migration = { rows: 0, sum: (await c.query(`SELECT string_agg(name, ',' ORDER BY name) AS s FROM schema_migration`)).rows[0].s };
    return out;
  } finally { await c.end(); }
}

beforeAll(() => withAdmin(async (c) => {
  for (const db of copies) { await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); await c.query(`CREATE DATABASE ${db}`); }
}));
afterAll(async () => {
  await withAdmin(async (c) => { for (const db of copies) await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); });
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('PostgreSQL → file → empty PostgreSQL: every table equal; refuses a database in use', async () => {
    const file = join(dir, 'pg.atlas.gz');
    const b = await atlas(['backup', file], { DATABASE_URL: source });
    expect(b.out).toMatch(/Backed up \d+ rows of \d+ tables/);
    const r = await atlas(['restore', file], { DATABASE_URL: databaseUrl(copies[0]) });
    expect(r.code, r.out).toBe(0);
    const [a, z] = [await fingerprint(source), await fingerprint(databaseUrl(copies[0]))];
    console.log(`backup round trip: ${Object.keys(a).length} tables, ${Object.values(a).reduce((s, t) => s + t.rows, 0)} rows compared`);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(z).toEqual(a);
    const again = await atlas(['restore', file], { DATABASE_URL: databaseUrl(copies[0]) });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/restore needs an empty database/);
    // Restored ids continue: the next insert gets a fresh id, not a collision.
    const c = new Client({ connectionString: databaseUrl(copies[0]) });
    await c.connect();
    const [{ id }] = (await c.query(`INSERT INTO audit_log (actor_name, action, entity, entity_id) VALUES ('t', 'test', 'test', '1') RETURNING id`)).rows;
    expect(Number(id)).toBeGreaterThan(a.audit_log.rows);
    await c.end();
  }, 120_000);

  it('PostgreSQL → embedded PGlite → file → PostgreSQL: every table equal', async () => {
    const file = join(dir, 'pg.atlas.gz');
    const pglite = { DATABASE_URL: '', ATLAS_DATA_DIR: join(dir, 'pglite') };
    const r = await atlas(['restore', file], pglite);
    expect(r.code, r.out).toBe(0);
    const file2 = join(dir, 'pglite.atlas.gz');
    const b = await atlas(['backup', file2], pglite);
    expect(b.code, b.out).toBe(0);
    const r2 = await atlas(['restore', file2], { DATABASE_URL: databaseUrl(copies[1]) });
    expect(r2.code, r2.out).toBe(0);
    expect(await fingerprint(databaseUrl(copies[1]))).toEqual(await fingerprint(source));
  }, 300_000);
});
