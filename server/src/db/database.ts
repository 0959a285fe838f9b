import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PGliteDriver, getPGliteInstance } from 'typeorm-pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Sql } from '@atlas/db';
import { QueryCounter } from './query-counter';
import { APP_ROLE_USABLE, PING } from './database.sql';

/** Every session runs on China time, so SQL's current_date agrees with the services' todayInChina(). */
export const DB_TIME_ZONE = 'Asia/Shanghai';

export type DatabaseKind = 'postgres' | 'pglite';

/** The least-privilege role the migrations create for the application (see db/migrations/0021_app_role.sql). */
export const APP_ROLE = 'atlas_app';

export interface Database {
  kind: DatabaseKind;
  ds: DataSource;
  /**
   * Runs `fn` with a Sql bound to one connection as the connecting (owner) user, outside the application's
   * pool and role: migrations, seeding, backup and restore need BEGIN/COMMIT on one connection and DDL rights.
   */
  withSql<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** The role application queries run as: APP_ROLE when the server could switch to it, else null (the connecting user). */
  appRole: string | null;
  /** True when the database answers `SELECT 1` within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** The TypeORM entities (server/src/entities.ts): passed in so this layer knows no domain module. */
   
  entities: Function[];
  /** Runs once on an owner connection before the application's pool opens (migrations, seeding). */
  prepare?: (sql: Sql) => Promise<void>;
  /** Switch application connections to APP_ROLE when it exists and the connecting user may (default true). */
  useAppRole?: boolean;
}

/** Pool limits that keep requests failing fast, instead of hanging, while PostgreSQL is away. Overridable for tests. */
export function poolSettings(env: NodeJS.ProcessEnv = process.env) {
  const num = (name: string, dflt: number) => (env[name] && Number.isFinite(Number(env[name])) ? Number(env[name]) : dflt);
  return {
    // A new connection that takes longer than this fails the request with DATABASE_UNAVAILABLE.
    connectionTimeoutMillis: num('ATLAS_DB_CONNECT_TIMEOUT_MS', 1500),
    // No statement may hold a connection for longer than this.
    statement_timeout: num('ATLAS_DB_STATEMENT_TIMEOUT_MS', 30_000),
    // A transaction left open by a dying request does not hold locks for ever.
    idle_in_transaction_session_timeout: num('ATLAS_DB_IDLE_TX_TIMEOUT_MS', 60_000),
    // TCP keepalive notices a database host that vanished without closing its sockets.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 10_000,
    application_name: 'invest-atlas',
  };
}

/** Opens real PostgreSQL when a URL is given, else the embedded PGlite + PostGIS database persisted in `dataDir`. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const common = { type: 'postgres' as const, entities: opts.entities, synchronize: false, logger: QueryCounter.logger };
  if (opts.databaseUrl) {
    const url = opts.databaseUrl;
    const settings = poolSettings();
    const withSql = async <T>(fn: (sql: Sql) => Promise<T>): Promise<T> => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: settings.connectionTimeoutMillis * 4, application_name: 'invest-atlas-admin' });
      client.on('error', (e) => console.error(`[atlas] owner connection lost: ${e.message}`));
      await client.connect();
      try {
        return await fn({
          query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
          exec: async (script) => { await client.query(script); },
        });
      } finally { await client.end().catch(() => undefined); }
    };
    if (opts.prepare) await withSql(opts.prepare);
    const appRole = opts.useAppRole === false ? null : await withSql(canUseAppRole);
    const ds = new DataSource({
      ...common,
      url,
      extra: {
        max: opts.poolSize ?? 10,
        ...settings,
        options: `-c TimeZone=${DB_TIME_ZONE}`,
        // Every new connection: never let a lost connection crash the process, and drop to the app role.
        verify: (client: Client, done: (err?: Error) => void) => {
          client.on('error', (e) => console.error(`[atlas] database connection lost: ${e.message}`));
          if (!appRole) { done(); return; }
          client.query(`SET ROLE ${appRole}`).then(() => done(), (e: Error) => done(e));
        },
      },
      // Errors on idle pooled connections (the database restarted) are expected: log, never throw.
      poolErrorHandler: (e: Error) => console.error(`[atlas] idle database connection closed: ${e.message}`),
    });
    await ds.initialize();
    return {
      kind: 'postgres',
      ds,
      withSql,
      appRole,
      ping: (timeoutMs = 2000) => pingWith(ds, timeoutMs),
      close: () => ds.destroy(),
    };
  }
  const ds = new DataSource({ ...common, driver: new PGliteDriver({ dataDir: opts.dataDir, extensions: { postgis } }).driver });
  await ds.initialize();
  const pg = await getPGliteInstance();
  // PGlite is one session: setting it once covers every query.
  await pg.exec(`SET TIME ZONE '${DB_TIME_ZONE}'`);
  // PGlite's query() speaks the extended protocol (one statement); scripts go through exec().
  const sql: Sql = {
    query: async (text, params) => (await pg.query(text, params as unknown[])).rows as never,
    exec: async (script) => { await pg.exec(script); },
  };
  if (opts.prepare) await opts.prepare(sql);
  return {
    kind: 'pglite',
    ds,
    withSql: (fn) => fn(sql),
    appRole: null,
    ping: (timeoutMs = 2000) => pingWith(ds, timeoutMs),
    close: async () => { await ds.destroy(); await pg.close().catch(() => undefined); },
  };
}

/** APP_ROLE when it exists in this cluster, has privileges in this database, and the connecting user may SET ROLE to it. */
async function canUseAppRole(sql: Sql): Promise<string | null> {
  const [r] = await sql.query<{ ok: boolean }>(
    APP_ROLE_USABLE, [APP_ROLE]).catch(() => [{ ok: false }]);
  return r?.ok ? APP_ROLE : null;
}

async function pingWith(ds: DataSource, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      ds.query(PING).then(() => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); }),
    ]);
  } catch {
    return false;
  } finally { clearTimeout(timer); }
}
