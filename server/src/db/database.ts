import { DataSource, type QueryRunner } from 'typeorm';
import { PGliteDriver, getPGliteInstance } from 'typeorm-pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Sql } from '@atlas/db';
import { QueryCounter } from './query-counter';

/** Every session runs on China time, so SQL's current_date agrees with the services' todayInChina(). */
export const DB_TIME_ZONE = 'Asia/Shanghai';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  kind: DatabaseKind;
  ds: DataSource;
  /** Runs `fn` with a Sql bound to one connection (migrations and seeding need BEGIN/COMMIT on the same one). */
  withSql<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens real PostgreSQL when a URL is given, else the embedded PGlite + PostGIS database persisted in `dataDir`.
 * The entity list comes from the caller (server/src/entities.ts) so this layer knows no domain module.
 */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number; entities: Function[] }): Promise<Database> {
  const common = { type: 'postgres' as const, entities: opts.entities, synchronize: false, logger: QueryCounter.logger };
  if (opts.databaseUrl) {
    const ds = new DataSource({ ...common, url: opts.databaseUrl, extra: { max: opts.poolSize ?? 10, options: `-c TimeZone=${DB_TIME_ZONE}` } });
    await ds.initialize();
    return {
      kind: 'postgres',
      ds,
      withSql: async (fn) => {
        const qr = ds.createQueryRunner();
        await qr.connect();
        try { return await fn(runnerSql(qr)); } finally { await qr.release(); }
      },
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
  return {
    kind: 'pglite',
    ds,
    withSql: (fn) => fn(sql),
    close: async () => { await ds.destroy(); await pg.close().catch(() => undefined); },
  };
}

function runnerSql(qr: QueryRunner): Sql {
  return {
    query: (text, params) => qr.query(text, params as unknown[]),
    exec: async (script) => { await qr.query(script); },
  };
}
