import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Sql } from '@atlas/db';

/**
 * Portable backups: gzip'd JSON lines, one header and then every row of every table as `to_jsonb(row)`.
 * The same file restores into PostgreSQL or the embedded PGlite (geometry travels as hex EWKB), so an
 * operator can also move from one to the other. Generated columns are left out and recomputed.
 */
export const BACKUP_FORMAT = 'invest-atlas-backup';
const BATCH = 2000;
// Owned by PostGIS and filled by CREATE EXTENSION; the migrations recreate it.
const SKIP = new Set(['spatial_ref_sys', 'schema_migration']);
// Tables only people and the demo seed fill: any row in them means the target database is in use.
const DATA_TABLES = ['app_user', 'region', 'park', 'enterprise', 'project', 'audit_log'];

interface TableInfo { name: string; columns: string[]; key: string[] }
interface Header { format: string; version: 1; createdAt: string; source: string; migrations: string[]; tables: { name: string; columns: string[]; rows: number }[] }

/** Tables of the public schema with their stored (non-generated) columns and primary key. */
export async function listTables(sql: Sql): Promise<TableInfo[]> {
  const rows = await sql.query<{ table_name: string; columns: string[]; key: string[] | null }>(`
    SELECT c.relname AS table_name,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum) AS columns,
           (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum WHERE i.indrelid = c.oid AND i.indisprimary) AS key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`);
  return rows.filter((r) => !SKIP.has(r.table_name)).map((r) => ({ name: r.table_name, columns: r.columns, key: r.key ?? r.columns }));
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Writes every table to `file` from one consistent snapshot. Returns rows per table. */
export async function backupTo(sql: Sql, file: string, source: string): Promise<Record<string, number>> {
  await sql.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = await listTables(sql);
    const migrations = (await sql.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`))[0].n);
    const gzip = createGzip();
    const out = createWriteStream(file, { mode: 0o600 });
    gzip.pipe(out);
    const writeRaw = async (text: string) => { if (!gzip.write(text)) await once(gzip, 'drain'); };
    const write = (line: unknown) => writeRaw(`${JSON.stringify(line)}\n`);
    const header: Header = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), source, migrations, tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: counts[t.name] })) };
    await write(header);
    for (const t of tables) {
      const cols = t.columns.map(ident).join(', ');
      for (let offset = 0; offset < counts[t.name]; offset += BATCH) {
        // Rows stay JSON text end to end: numbers never pass through a JavaScript double.
        const rows = await sql.query<{ r: string }>(
          `SELECT to_jsonb(x)::text AS r FROM (SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${t.key.map(ident).join(', ')} LIMIT ${BATCH} OFFSET ${offset}) x`);
        for (const { r } of rows) await writeRaw(`{"t":${JSON.stringify(t.name)},"r":${r}}\n`);
      }
    }
    gzip.end();
    await once(out, 'close');
    await sql.exec('COMMIT');
    return counts;
  } catch (e) {
    await sql.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Foreign keys between tables: child → parent, with the child's columns. */
async function foreignKeys(sql: Sql) {
  return sql.query<{ child: string; parent: string; columns: string[]; nullable: boolean }>(`
    SELECT cc.relname AS child, pc.relname AS parent,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)) AS columns,
           bool_and(NOT a2.attnotnull) AS nullable
    FROM pg_constraint c JOIN pg_class cc ON cc.oid = c.conrelid JOIN pg_class pc ON pc.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = cc.relnamespace
    JOIN pg_attribute a2 ON a2.attrelid = c.conrelid AND a2.attnum = ANY(c.conkey)
    WHERE c.contype = 'f' AND n.nspname = 'public'
    GROUP BY cc.relname, pc.relname, c.conrelid, c.conkey`);
}

/** Parents before children; a cycle is broken by loading one nullable foreign key column afterwards. */
function loadOrder(tables: string[], fks: { child: string; parent: string; columns: string[]; nullable: boolean }[]) {
  const order: string[] = [];
  const deferred: Record<string, string[]> = {};
  const left = new Set(tables);
  while (left.size) {
    const ready = [...left].filter((t) => fks.every((f) => f.child !== t || f.parent === t || !left.has(f.parent)
      || (deferred[t] ?? []).some((c) => f.columns.includes(c))));
    if (ready.length) { for (const t of ready.sort()) { order.push(t); left.delete(t); } continue; }
    const cut = fks.find((f) => left.has(f.child) && left.has(f.parent) && f.child !== f.parent && f.nullable && !(deferred[f.child] ?? []).some((c) => f.columns.includes(c)));
    if (!cut) throw new Error(`cannot order tables for restore: ${[...left].join(', ')}`);
    (deferred[cut.child] ??= []).push(...cut.columns);
  }
  return { order, deferred };
}

/**
 * Restores `file` into a migrated, empty database in one transaction: user triggers are off while loading
 * (the rows were valid when backed up), foreign keys stay checked, sequences move past the restored ids.
 */
export async function restoreFrom(sql: Sql, file: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = first.done ? null : (JSON.parse(first.value) as Header);
  if (header?.format !== BACKUP_FORMAT || header.version !== 1) throw new Error(`${file} is not an Invest Atlas backup (format ${BACKUP_FORMAT} v1)`);
  const applied = new Set((await sql.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
  const unknown = header.migrations.filter((m) => !applied.has(m));
  if (unknown.length) throw new Error(`the backup was made by a newer version (migrations ${unknown.join(', ')}); restore it with that version`);
  const tables = await listTables(sql);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const missing = header.tables.filter((t) => !byName.has(t.name)).map((t) => t.name);
  if (missing.length) throw new Error(`tables of the backup are missing here: ${missing.join(', ')}`);
  // Empty means no data of its own; reference rows the migrations insert are replaced by the backup's.
  const filled: string[] = [];
  for (const t of tables) {
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`);
    if (Number(n) === 0) continue;
    if (DATA_TABLES.includes(t.name)) throw new Error(`restore needs an empty database, but ${t.name} has ${n} rows: create a new database (or a new ATLAS_DATA_DIR) and restore into it`);
    filled.push(t.name);
  }

  // Rows arrive grouped by table in the header's order; buffer them, then load in foreign-key order.
  const rows = new Map<string, string[]>();
  for (let next = await it.next(); !next.done; next = await it.next()) {
    const m = /^\{"t":("(?:[^"\\]|\\.)*"),"r":(.*)\}$/.exec(next.value);
    if (!m) { if (next.value.trim()) throw new Error(`${file}: unreadable line`); continue; }
    const t = JSON.parse(m[1]) as string;
    let list = rows.get(t);
    if (!list) rows.set(t, (list = []));
    list.push(m[2]);
  }
  for (const t of header.tables) {
    if ((rows.get(t.name)?.length ?? 0) !== t.rows) throw new Error(`${file} is truncated: ${t.name} has ${rows.get(t.name)?.length ?? 0} of ${t.rows} rows`);
  }
  const { order, deferred } = loadOrder(header.tables.map((t) => t.name), await foreignKeys(sql));
  const counts: Record<string, number> = {};
  await sql.exec('BEGIN');
  try {
    for (const name of order) await sql.exec(`ALTER TABLE ${ident(name)} DISABLE TRIGGER USER`);
    for (const name of [...order].reverse()) if (filled.includes(name)) await sql.exec(`DELETE FROM ${ident(name)}`);
    for (const name of order) {
      const target = byName.get(name)!;
      const cols = header.tables.find((t) => t.name === name)!.columns.filter((c) => target.columns.includes(c));
      const later = deferred[name] ?? [];
      const list = rows.get(name) ?? [];
      const sel = cols.map((c) => (later.includes(c) ? 'NULL' : `r.${ident(c)}`)).join(', ');
      for (let i = 0; i < list.length; i += BATCH) {
        await sql.query(`INSERT INTO ${ident(name)} (${cols.map(ident).join(', ')}) OVERRIDING SYSTEM VALUE
          SELECT ${sel} FROM jsonb_populate_recordset(NULL::${ident(name)}, $1::jsonb) r`, [`[${list.slice(i, i + BATCH).join(',')}]`]);
      }
      counts[name] = list.length;
    }
    // Cycle-breaking columns, now that every row they point at exists.
    for (const [name, cols] of Object.entries(deferred)) {
      const key = byName.get(name)!.key;
      const list = rows.get(name) ?? [];
      for (let i = 0; i < list.length; i += BATCH) {
        await sql.query(`UPDATE ${ident(name)} t SET ${cols.map((c) => `${ident(c)} = r.${ident(c)}`).join(', ')}
          FROM jsonb_populate_recordset(NULL::${ident(name)}, $1::jsonb) r WHERE ${key.map((k) => `t.${ident(k)} = r.${ident(k)}`).join(' AND ')}`,
        [`[${list.slice(i, i + BATCH).join(',')}]`]);
      }
    }
    for (const name of order) await sql.exec(`ALTER TABLE ${ident(name)} ENABLE TRIGGER USER`);
    // Serial and identity columns continue after the restored ids.
    const seqs = await sql.query<{ tbl: string; col: string; seq: string }>(`
      SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`);
    for (const s of seqs) {
      await sql.query(`SELECT setval($1::regclass, COALESCE((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 1), (SELECT count(*) > 0 FROM ${ident(s.tbl)}))`, [s.seq]);
    }
    await sql.exec('COMMIT');
  } catch (e) {
    await sql.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return counts;
}
