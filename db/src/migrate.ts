import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './sql';

/** Folder holding the numbered `NNNN_name.sql` migrations. */
export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

export interface MigrationResult { applied: string[]; alreadyApplied: string[] }

/** Applies every migration not yet recorded in `schema_migration`, each in its own transaction. */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await sql.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
  const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const file of files) {
    if (done.has(file)) { result.alreadyApplied.push(file); continue; }
    const script = readFileSync(join(dir, file), 'utf8');
    await sql.exec('BEGIN');
    try {
      await sql.exec(script);
      await sql.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
      await sql.exec('COMMIT');
    } catch (err) {
      await sql.exec('ROLLBACK');
      throw new Error(`migration ${file} failed: ${(err as Error).message}`);
    }
    result.applied.push(file);
  }
  return result;
}
