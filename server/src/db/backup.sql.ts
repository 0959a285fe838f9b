// SQL of portable backups (backup.ts). Table and column names come from the catalog, so most statements are built
// per table by the functions below, every name quoted by `ident`.

/** Quotes an identifier for PostgreSQL (doubles embedded quotes). */
export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Tables of the public schema with their stored (non-generated) columns and primary key columns in key order. */
export const TABLES_WITH_COLUMNS = `
    SELECT c.relname AS table_name,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
           (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum WHERE i.indrelid = c.oid AND i.indisprimary) AS key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`;

/** Migrations applied to this database, in name order (the backup header records them). */
export const MIGRATIONS_IN_ORDER = 'SELECT name FROM schema_migration ORDER BY name';

/** Migrations applied to this database (a restore refuses a backup made by a newer version). */
export const APPLIED_MIGRATIONS = 'SELECT name FROM schema_migration';

/** Foreign keys between public tables: child → parent, the child's columns, and whether they are all nullable. */
export const FOREIGN_KEYS = `
    SELECT cc.relname AS child, pc.relname AS parent,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)) AS columns,
           bool_and(NOT a2.attnotnull) AS nullable
    FROM pg_constraint c JOIN pg_class cc ON cc.oid = c.conrelid JOIN pg_class pc ON pc.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = cc.relnamespace
    JOIN pg_attribute a2 ON a2.attrelid = c.conrelid AND a2.attnum = ANY(c.conkey)
    WHERE c.contype = 'f' AND n.nspname = 'public'
    GROUP BY cc.relname, pc.relname, c.conrelid, c.conkey`;

/** Serial and identity columns of public tables with their sequences. */
export const SERIAL_SEQUENCES = `
      SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`;

/** Rows in a table. */
export const countRows = (table: string) => `SELECT count(*)::int AS n FROM ${ident(table)}`;

/** One batch of a table's rows as JSON text, in primary key order. */
export const rowsAsJson = (table: string, columns: string[], key: string[], limit: number, offset: number) =>
  `SELECT to_jsonb(x)::text AS r FROM (SELECT ${columns.map(ident).join(', ')} FROM ${ident(table)} ORDER BY ${key.map(ident).join(', ')} LIMIT ${limit} OFFSET ${offset}) x`;

/** Turns a table's user triggers off while restoring. */
export const disableUserTriggers = (table: string) => `ALTER TABLE ${ident(table)} DISABLE TRIGGER USER`;

/** Turns a table's user triggers back on. */
export const enableUserTriggers = (table: string) => `ALTER TABLE ${ident(table)} ENABLE TRIGGER USER`;

/** Empties a table (reference rows the migrations inserted, replaced by the backup's). */
export const deleteAllRows = (table: string) => `DELETE FROM ${ident(table)}`;

/**
 * Inserts a batch of rows ($1: JSON array of rows) into a table, keeping their ids; the `later` columns are left NULL
 * (cycle-breaking foreign keys, filled by updateFromRecordset once every row exists).
 */
export const insertRecordset = (table: string, columns: string[], later: string[]) => {
  const sel = columns.map((c) => (later.includes(c) ? 'NULL' : `r.${ident(c)}`)).join(', ');
  return `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) OVERRIDING SYSTEM VALUE
          SELECT ${sel} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb) r`;
};

/** Sets the given columns of a batch of rows ($1: JSON array of rows), matched by primary key. */
export const updateFromRecordset = (table: string, columns: string[], key: string[]) =>
  `UPDATE ${ident(table)} t SET ${columns.map((c) => `${ident(c)} = r.${ident(c)}`).join(', ')}
          FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb) r WHERE ${key.map((k) => `t.${ident(k)} = r.${ident(k)}`).join(' AND ')}`;

/** Moves a column's sequence ($1: sequence) past the table's largest value (to 1, not called, when the table is empty). */
export const advanceSequence = (table: string, column: string) =>
  `SELECT setval($1::regclass, COALESCE((SELECT max(${ident(column)}) FROM ${ident(table)}), 1), (SELECT count(*) > 0 FROM ${ident(table)}))`;
