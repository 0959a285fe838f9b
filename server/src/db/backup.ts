import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Sql } from '@atlas/db';
import {
  APPLIED_MIGRATIONS, FOREIGN_KEYS, MIGRATIONS_IN_ORDER, SERIAL_SEQUENCES, TABLES_WITH_COLUMNS, advanceSequence, countRows, deleteAllRows,
  disableUserTriggers, enableUserTriggers, insertRecordset, rowsAsJson, updateFromRecordset,
} from './backup.sql';

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
  const rows = await sql.query<{ table_name: string; columns: string[]; key: string[] | null }>(TABLES_WITH_COLUMNS);
  return rows.filter((r) => !SKIP.has(r.table_name)).map((r) => ({ name: r.table_name, columns: r.columns, key: r.key ?? r.columns }));
}

/** Writes every table to `file` from one consistent snapshot. Returns rows per table. */
export async function backupTo(sql: Sql, file: string, source: string): Promise<Record<string, number>> {
  await sql.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = await listTables(sql);
    const migrations = (await sql.query<{ name: string }>(MIGRATIONS_IN_ORDER)).map((r) => r.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number((await sql.query<{ n: number }>(countRows(t.name)))[0].n);
    const gzip = createGzip();
    const out = createWriteStream(file, { mode: 0o600 });
    gzip.pipe(out);
    const writeRaw = async (text: string) => { if (!gzip.write(text)) await once(gzip, 'drain'); };
    const write = (line: unknown) => writeRaw(`${JSON.stringify(line)}\n`);
    const header: Header = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), source, migrations, tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: counts[t.name] })) };
    await write(header);
    for (const t of tables) {
      for (let offset = 0; offset < counts[t.name]; offset += BATCH) {
        // Rows stay JSON text end to end: numbers never pass through a JavaScript double.
        const rows = await sql.query<{ r: string }>(
          rowsAsJson(t.name, t.columns, t.key, BATCH, offset));
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
  return sql.query<{ child: string; parent: string; columns: string[]; nullable: boolean }>(FOREIGN_KEYS);
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
  const applied = new Set((await sql.query<{ name: string }>(APPLIED_MIGRATIONS)).map((r) => r.name));
  const unknown = header.migrations.filter((m) => !applied.has(m));
  if (unknown.length) throw new Error(`the backup was made by a newer version (migrations ${unknown.join(', ')}); restore it with that version`);
  const tables = await listTables(sql);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const missing = header.tables.filter((t) => !byName.has(t.name)).map((t) => t.name);
  if (missing.length) throw new Error(`tables of the backup are missing here: ${missing.join(', ')}`);
  // Empty means no data of its own; reference rows the migrations insert are replaced by the backup's.
  const filled: string[] = [];
  for (const t of tables) {
    const [{ n }] = await sql.query<{ n: number }>(countRows(t.name));
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
    for (const name of order) await sql.exec(disableUserTriggers(name));
    for (const name of [...order].reverse()) if (filled.includes(name)) await sql.exec(deleteAllRows(name));
    for (const name of order) {
      const target = byName.get(name)!;
      const cols = header.tables.find((t) => t.name === name)!.columns.filter((c) => target.columns.includes(c));
      const later = deferred[name] ?? [];
      const list = rows.get(name) ?? [];
      for (let i = 0; i < list.length; i += BATCH) {
        await sql.query(insertRecordset(name, cols, later), [`[${list.slice(i, i + BATCH).join(',')}]`]);
      }
      counts[name] = list.length;
    }
    // Cycle-breaking columns, now that every row they point at exists.
    for (const [name, cols] of Object.entries(deferred)) {
      const key = byName.get(name)!.key;
      const list = rows.get(name) ?? [];
      for (let i = 0; i < list.length; i += BATCH) {
        await sql.query(updateFromRecordset(name, cols, key),
        [`[${list.slice(i, i + BATCH).join(',')}]`]);
      }
    }
    for (const name of order) await sql.exec(enableUserTriggers(name));
    // Serial and identity columns continue after the restored ids.
    const seqs = await sql.query<{ tbl: string; col: string; seq: string }>(SERIAL_SEQUENCES);
    for (const s of seqs) {
      await sql.query(advanceSequence(s.tbl, s.col), [s.seq]);
    }
    await sql.exec('COMMIT');
  } catch (e) {
    await sql.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return counts;
}
