import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { QueryCounter } from './query-counter';

/** Distinct statements named per process: every pooled connection keeps the plan of each, so their number is capped. */
const MAX_NAMED = 100;
/** Statement text → its name (a hash of the text, computed once per text). */
const named = new Map<string, string>();
/**
 * Databases whose sessions do not keep prepared statements apart (the embedded PGlite's wire server shares one session;
 * a transaction-mode pooler hands statements to other sessions): there every statement runs unnamed.
 */
const unnamedOnly = new WeakSet<DataSource>();
/** duplicate_prepared_statement, invalid_sql_statement_name: signs of the above. */
const SESSION_MIXUP = new Set(['42P05', '26000']);

/**
 * Runs a statement the API sends again and again with other values (a compiled read, common/projection.ts) as a named
 * prepared statement, so each pooled connection parses and plans it once: for a 1 ms read, planning the nested JSON
 * statement cost as much as running it. Logged like every TypeORM query (the statement-count tests see it). Past
 * MAX_NAMED distinct statements, on the embedded database (no pg pool) or where sessions share statements, it runs as
 * any other query.
 */
export async function queryRepeated<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (ds.driver as { master?: unknown }).master;
  if (!(pool instanceof Pool) || unnamedOnly.has(ds)) return ds.query<T[]>(sql, params);
  let name = named.get(sql);
  if (!name) {
    if (named.size >= MAX_NAMED) return ds.query<T[]>(sql, params);
    name = `atlas_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    named.set(sql, name);
  }
  QueryCounter.logger.logQuery(sql, params);
  try {
    return (await pool.query<T & object>({ name, text: sql, values: params })).rows;
  } catch (e) {
    if (!SESSION_MIXUP.has((e as { code?: string }).code ?? '')) throw e;
    unnamedOnly.add(ds);
    // The same statement again, unnamed (logged once: the refused prepare ran nothing).
    return (await pool.query<T & object>(sql, params)).rows;
  }
}
