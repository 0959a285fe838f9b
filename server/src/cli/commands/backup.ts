import { resolve } from 'node:path';
import { migrate } from '@atlas/db';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { backupTo, restoreFrom } from '../../db/backup';
import type { CliCommand } from './index';
import { ENTITIES } from '../../entities';

const where = (c: ReturnType<typeof loadConfig>) => (c.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${c.dataDir} (stop the server first)`);

/** `pnpm atlas backup FILE`: every table from one consistent snapshot into a portable gzip'd JSON-lines file. */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup FILE',
  summary: 'write every table to FILE (portable: restores into PostgreSQL or the embedded database)',
  async run([file]) {
    if (!file) { console.error(`usage: pnpm atlas ${this.usage}`); return 2; }
    const config = loadConfig();
    const path = resolve(file);
    let counts: Record<string, number> = {};
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, poolSize: 1, useAppRole: false,
      prepare: async (sql) => { counts = await backupTo(sql, path, config.databaseUrl ? 'postgres' : 'pglite'); } });
    await db.close();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Backed up ${total} rows of ${Object.keys(counts).length} tables from ${where(config)} to ${path}`);
    return 0;
  },
};

/** `pnpm atlas restore FILE`: into an empty database (migrated first), in one transaction. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE',
  summary: 'load a backup into an empty database (PostgreSQL or embedded), in one transaction',
  async run([file]) {
    if (!file) { console.error(`usage: pnpm atlas ${this.usage}`); return 2; }
    const config = loadConfig();
    const path = resolve(file);
    let counts: Record<string, number> = {};
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, poolSize: 1, useAppRole: false,
      prepare: async (sql) => { await migrate(sql); counts = await restoreFrom(sql, path); } });
    await db.close();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Restored ${total} rows of ${Object.keys(counts).length} tables from ${path} into ${where(config)}`);
    return 0;
  },
};
