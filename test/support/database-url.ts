/** The PostgreSQL server the tests use (a real PostgreSQL + PostGIS, never a mock). */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same server, another database. */
export function databaseUrl(name: string, base = ADMIN_DATABASE_URL): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The scratch database the tests create; ATLAS_TEST_DB lets two checkouts test on one server without clobbering each other. */
export const TEST_DATABASE = process.env.ATLAS_TEST_DB ?? 'atlas_test';
