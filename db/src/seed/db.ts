import type { Sql } from '../sql';

/** Column name → SQL type used to read it back from the JSON batch (e.g. 'int', 'text[]', 'land_use'). */
export type Columns = Record<string, string>;

// PGlite pays per statement, so every table goes in as a few JSON batches instead of one INSERT per row.
const BATCH = 4000;

/**
 * Inserts rows through jsonb_to_recordset. `select` maps a target column to an SQL expression over the
 * record `r` (geometry built from coordinates, for instance); other columns are copied as they are.
 */
export async function insertRows(
  sql: Sql,
  table: string,
  columns: Columns,
  rows: readonly Record<string, unknown>[],
  select: Record<string, string> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const recordDef = Object.entries(columns).map(([c, t]) => `${c} ${t}`).join(', ');
  // Columns starting with '_' are inputs to `select` expressions only.
  const cols = [...Object.keys(columns).filter((c) => !c.startsWith('_')), ...Object.keys(select).filter((c) => !(c in columns))];
  const exprs = cols.map((c) => select[c] ?? `r.${c}`);
  const text = `INSERT INTO ${table} (${cols.join(', ')})
    SELECT ${exprs.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordDef})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    await sql.query(text, [JSON.stringify(rows.slice(i, i + BATCH))]);
  }
}

/** After inserting explicit ids, moves each serial past them so later application inserts work. */
export async function fixSequences(sql: Sql, tables: readonly string[]): Promise<void> {
  const stmts = tables.map(
    (t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), COALESCE((SELECT max(id) FROM ${t}), 1), (SELECT count(*) > 0 FROM ${t}))`,
  );
  await sql.exec(stmts.join(';\n'));
}

/** Point expression from r._x / r._y. */
export const POINT = 'ST_SetSRID(ST_MakePoint(r._x, r._y), 4326)';
export const POINT_COLS: Columns = { _x: 'float8', _y: 'float8' };
/** Rectangle expression from r._x0, r._y0, r._x1, r._y1. */
export const RECT = 'ST_MakeEnvelope(r._x0, r._y0, r._x1, r._y1, 4326)';
export const RECT_COLS: Columns = { _x0: 'float8', _y0: 'float8', _x1: 'float8', _y1: 'float8' };
