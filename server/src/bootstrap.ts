import { migrate, seedDemo, type Sql } from '@atlas/db';
import type { AtlasConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { REGION_COUNT, USER_COUNT } from './db/database.sql';
import { ENTITIES } from './entities';

/** Whether an empty database gets the synthetic demo city: on purpose (ATLAS_SEED=demo), or by default only embedded and outside production. */
export function seedsDemo(config: AtlasConfig): boolean {
  if (config.seed === 'demo') return true;
  return config.seed === 'auto' && !config.databaseUrl && !config.production;
}

/**
 * Opens the configured database, applies migrations and, where `seedsDemo`, loads the demo city into an empty
 * database; all on an owner connection before the application's pool (which runs as the app role) opens.
 */
export async function prepareDatabase(config: AtlasConfig, log: (m: string) => void = console.log): Promise<Database> {
  const started = Date.now();
  log(config.databaseUrl ? '[atlas] connecting to PostgreSQL (DATABASE_URL)…' : `[atlas] opening embedded PGlite + PostGIS in ${config.dataDir} (first start takes ~15 s)…`);
  let users = 0;
  const prepare = async (sql: Sql) => {
    const m = await migrate(sql);
    if (m.applied.length) log(`[atlas] applied migrations: ${m.applied.join(', ')}`);
    const [{ n }] = await sql.query<{ n: number }>(REGION_COUNT);
    if (n === 0 && seedsDemo(config)) {
      log('[atlas] empty database: generating the synthetic demo city…');
      const summary = await seedDemo(sql, { onProgress: (step, done, total) => log(`[atlas]   seed ${done}/${total}: ${step}`) });
      log(`[atlas] demo data ready: ${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    } else if (n === 0) {
      log('[atlas] empty database and no demo data (load it on purpose with ATLAS_SEED=demo or `pnpm seed`)');
    }
    [{ n: users }] = await sql.query<{ n: number }>(USER_COUNT);
  };
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, prepare });
  if (users === 0) log('[atlas] no accounts yet: create the first admin with `pnpm atlas user add NAME --role admin` (password from a prompt or ATLAS_PASSWORD)');
  log(db.kind === 'pglite'
    ? '[atlas] embedded PGlite: the audit log refuses UPDATE, DELETE and TRUNCATE by trigger; database roles are not enforced (one embedded user owns everything)'
    : db.appRole
      ? `[atlas] queries run as role ${db.appRole}: the audit log is INSERT/SELECT only for it, plus triggers against UPDATE, DELETE and TRUNCATE`
      : '[atlas] role atlas_app is not available to the connecting user: queries run as that user; only triggers guard the audit log');
  log(`[atlas] database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return db;
}
