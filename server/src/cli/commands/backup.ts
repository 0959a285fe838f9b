import { resolve } from 'node:path';
import { migrate, type Sql } from '@atlas/db';
import { loadConfig, type AtlasConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { backupTo, restoreFrom } from '../../db/backup';
import type { CliCommand } from './index';
import { ENTITIES } from '../../entities';

const where = (c: AtlasConfig) => (c.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${c.dataDir} (stop the server first)`);

/**
 * Opens the configured database as its owner (no app role, one connection), runs `step` on it with the backup file's
 * absolute path, closes it, and says how many rows of how many tables `step` counted.
 */
async function withOwnerDatabase(file: string, step: (sql: Sql, path: string, config: AtlasConfig) => Promise<Record<string, number>>,
  report: (rows: number, tables: number, path: string, where: string) => string): Promise<number> {
  const config = loadConfig();
  const path = resolve(file);
  let counts: Record<string, number> = {};
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, poolSize: 1, useAppRole: false,
    prepare: async (sql) => { counts = await step(sql, path, config); } });
  await db.close();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(report(total, Object.keys(counts).length, path, where(config)));
  return 0;
}

/** `pnpm atlas backup FILE`: every table from one consistent snapshot into a portable gzip'd JSON-lines file. */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup FILE',
  summary: 'write every table to FILE (portable: restores into PostgreSQL or the embedded database)',
  async run([file]) {
    if (!file) { console.error(`usage: pnpm atlas ${this.usage}`); return 2; }
    return withOwnerDatabase(file, (sql, path, config) => backupTo(sql, path, config.databaseUrl ? 'postgres' : 'pglite'),
      (rows, tables, path, from) => `Backed up ${rows} rows of ${tables} tables from ${from} to ${path}`);
  },
};

/** `pnpm atlas restore FILE`: into an empty database (migrated first), in one transaction. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE',
  summary: 'load a backup into an empty database (PostgreSQL or embedded), in one transaction',
  async run([file]) {
    if (!file) { console.error(`usage: pnpm atlas ${this.usage}`); return 2; }
    return withOwnerDatabase(file, async (sql, path) => { await migrate(sql); return restoreFrom(sql, path); },
      (rows, tables, path, into) => `Restored ${rows} rows of ${tables} tables from ${path} into ${into}`);
  },
};
