import { Client } from 'pg';
import { migrate, seedDemo } from '../../db/src';
import { ADMIN_DATABASE_URL, TEST_DATABASE, databaseUrl } from './database-url';

/** Creates a fresh `atlas_test` database on the real PostgreSQL, migrates it and loads the demo city once per run. */
export default async function setup() {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`Tests need PostgreSQL + PostGIS at ${ADMIN_DATABASE_URL} (set DATABASE_URL): ${(e as Error).message}`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await admin.end();
  const c = new Client({ connectionString: databaseUrl(TEST_DATABASE) });
  await c.connect();
  const sql = { query: async (t: string, p?: unknown[]) => (await c.query(t, p)).rows, exec: async (s: string) => { await c.query(s); } };
  try {
    await migrate(sql);
    await seedDemo(sql);
  } finally {
    await c.end();
  }
  process.env.ATLAS_TEST_DATABASE_URL = databaseUrl(TEST_DATABASE);
}
