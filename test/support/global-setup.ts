import { Client } from 'pg';
import { migrate, seedDemo } from '../../db/src';
import { TEST_DATABASE, databaseUrl } from './database-url';
import { startPgliteWireServer } from './pglite-wire';

const log = (m: string) => console.log(`[test] ${m}`);

/** True when a PostgreSQL server answers at `url` within a few seconds. */
async function answers(url: string): Promise<string | null> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try { await c.connect(); return null; } catch (e) { return (e as Error).message || String(e); } finally { await c.end().catch(() => undefined); }
}

/**
 * Chooses the database the tests run on, then creates a fresh `atlas_test` database there, migrates it and loads the
 * demo city once per run. ATLAS_TEST_ENGINE: `postgres` (CI: a real PostgreSQL + PostGIS at DATABASE_URL, or fail),
 * `pglite` (the embedded PGlite + PostGIS behind a wire-protocol server), `auto` (default: PostgreSQL when it answers,
 * else PGlite). Suites that need what PGlite lacks skip with the reason (test/support/capabilities.ts).
 */
export default async function setup() {
  const choice = process.env.ATLAS_TEST_ENGINE ?? 'auto';
  if (!['auto', 'postgres', 'pglite'].includes(choice)) throw new Error(`ATLAS_TEST_ENGINE must be auto, postgres or pglite, not ${choice}`);
  const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const refusal = choice === 'pglite' ? 'ATLAS_TEST_ENGINE=pglite' : await answers(postgresUrl);
  let teardown = async () => {};
  if (refusal && choice === 'postgres') {
    throw new Error(`Tests need PostgreSQL + PostGIS at ${postgresUrl} (ATLAS_TEST_ENGINE=postgres; set DATABASE_URL): ${refusal}`);
  }
  if (refusal) {
    const wire = await startPgliteWireServer();
    // Test workers and the processes they start inherit these.
    process.env.DATABASE_URL = wire.url;
    process.env.ATLAS_TEST_DATABASE_KIND = 'pglite';
    log(`database: embedded PGlite 0.5.8 + PostGIS through a PostgreSQL wire-protocol server at 127.0.0.1:${wire.port} (no PostgreSQL at ${postgresUrl}: ${refusal}); suites needing what PGlite lacks are skipped with the reason`);
    teardown = () => wire.stop();
  } else {
    process.env.ATLAS_TEST_DATABASE_KIND = 'postgres';
    log(`database: PostgreSQL + PostGIS at ${new URL(postgresUrl).host}`);
  }
  const adminUrl = process.env.DATABASE_URL ?? postgresUrl;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await admin.end();
  const testUrl = databaseUrl(TEST_DATABASE, adminUrl);
  const c = new Client({ connectionString: testUrl });
  await c.connect();
  const sql = { query: async (t: string, p?: unknown[]) => (await c.query(t, p)).rows, exec: async (s: string) => { await c.query(s); } };
  try {
    await migrate(sql);
    await seedDemo(sql);
  } finally {
    await c.end();
  }
  process.env.ATLAS_TEST_DATABASE_URL = testUrl;
  return teardown;
}
