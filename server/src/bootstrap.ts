import { migrate, seedDemo } from '@atlas/db';
import type { AtlasConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { REGION_COUNT } from './db/database.sql';
import { ENTITIES } from './entities';

/** Opens the configured database, applies migrations, and seeds the demo city when the database has no data yet. */
export async function prepareDatabase(config: AtlasConfig, log: (m: string) => void = console.log): Promise<Database> {
  const started = Date.now();
  log(config.databaseUrl ? '[atlas] connecting to PostgreSQL (DATABASE_URL)…' : `[atlas] opening embedded PGlite + PostGIS in ${config.dataDir} (first start takes ~15 s)…`);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES });
  const m = await db.withSql((sql) => migrate(sql));
  if (m.applied.length) log(`[atlas] applied migrations: ${m.applied.join(', ')}`);
  if (config.seed === 'auto') {
    const [{ n }] = await db.ds.query(REGION_COUNT);
    if (n === 0) {
      log('[atlas] empty database: generating the synthetic demo city…');
      const summary = await db.withSql((sql) => seedDemo(sql, { onProgress: (step, done, total) => log(`[atlas]   seed ${done}/${total}: ${step}`) }));
      log(`[atlas] demo data ready: ${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  }
  log(`[atlas] database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return db;
}
