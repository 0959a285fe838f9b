import { ENTITIES } from '../../entities';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliCommand } from './index';
import { FIRST_ADMIN } from '../cli.sql';

/** `pnpm atlas import projects FILE [--dry-run]`: the project ledger (项目台账) from XLSX or CSV, all rows or none. */
export const importProjects: CliCommand = {
  name: 'import projects',
  usage: 'import projects FILE.xlsx|FILE.csv [--dry-run]',
  summary: 'import the project ledger (项目台账); --dry-run only reports problems by row and column',
  async run(args) {
    const file = args.find((a) => !a.startsWith('--'));
    if (!file) { console.error('usage: pnpm atlas import projects FILE [--dry-run]'); return 2; }
    const dryRun = args.includes('--dry-run');
    const { loadConfig } = await import('../../config');
    const { openDatabase } = await import('../../db/database');
    const { LedgerService } = await import('../../modules/ledger');
    const config = loadConfig(process.env);
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, entities: ENTITIES });
    try {
      const [op] = await db.ds.query(FIRST_ADMIN);
      if (!op) { console.error('no admin account to record the import under'); return 1; }
      // The operator acts as the first admin, so the audit log names who imported.
      const user = { id: op.id, username: op.username, role: 'admin', unitId: null, chainIds: [] } as never;
      const r = await new LedgerService(db.ds).import(user, readFileSync(file), basename(file), dryRun);
      for (const p of r.problems) console.log(`row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
      console.log(`${r.rows} rows, ${r.projects} projects: ${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged; ` +
        `${r.stageEventsAdded} stage dates and ${r.fundArrivalsAdded} fund arrivals to add; ` +
        (r.problems.length ? `${r.problems.length} problems, nothing written` : r.written ? 'written' : 'dry run, nothing written'));
      return r.problems.length ? 1 : 0;
    } finally {
      await db.close();
    }
  },
};
